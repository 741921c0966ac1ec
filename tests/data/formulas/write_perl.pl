#!/usr/bin/perl
# Write the formula test workbook with Spreadsheet::WriteExcel (BIFF8).
# Usage: write_perl.pl cells.tsv out.xls  (cells.tsv from workbook.py)
# WriteExcel stores 0 as every formula's cached result: Excel recalculates on load.
use strict;
use warnings;
use Spreadsheet::WriteExcel;

my ($cells, $path) = @ARGV;
my $wb = Spreadsheet::WriteExcel->new($path) or die "$path: $!\n";
my %sheet;
$sheet{$_} = $wb->add_worksheet($_) for ('Data', 'Other Sheet', 'Extra');
open my $in, '<:encoding(UTF-8)', $cells or die "$cells: $!\n";
while (<$in>) {
    chomp;
    my ($name, $row, $col, $kind, $text) = split /\t/;
    my $ws = $sheet{$name};
    if ($kind eq 'number') {
        $ws->write_number($row, $col, $text);
    } elsif ($kind eq 'formula') {
        $ws->write_formula($row, $col, $text);
    }
}
$wb->close or die "$path: $!\n";
