#!/usr/bin/perl
# make_layout_workload.pl — a workbook with sheet layout (Excel 97-2003, BIFF8, with
# Spreadsheet::WriteExcel) for the memory figure of convert's layout (bench/README.md):
#
#   perl make_layout_workload.pl OUT.xls ROWS MERGES
#
# One sheet: a header row and ROWS data rows of 10 columns (numbers and text), every column
# with its own width, every row 15.75 points high and each tenth hidden, panes frozen below
# the header; MERGES=1 merges columns I:J of every data row (ROWS merged ranges), MERGES=0
# writes the same cells unmerged. Deterministic.
use strict;
use warnings;
use Spreadsheet::WriteExcel;

die "usage: $0 OUT.xls ROWS MERGES\n" unless @ARGV == 3;
my ($out, $rows, $merges) = @ARGV;
die "$out: $rows rows exceed the .xls limit\n" if $rows + 1 > 65536;
my $book = Spreadsheet::WriteExcel->new($out) or die "$out: $!\n";
$book->{_localtime} = [0, 0, 12, 1, 7, 124, 4, 213, 0];    # fixed OLE time (make_workload.pl)
my $ws = $book->add_worksheet('Layout');
my $plain = $book->add_format();
$ws->set_column($_, $_, 8 + $_) for 0 .. 9;
$ws->freeze_panes(1, 0);
$ws->write_row(0, 0, [map { "Kolumn $_" } 1 .. 10]);
for my $r (1 .. $rows) {
    $ws->set_row($r, 15.75, undef, $r % 10 == 0 ? 1 : 0);
    $ws->write_row($r, 0, [$r, $r * 1.5, "rad $r", $r % 97, $r * 2, "text " . ($r % 500), $r / 7, $r % 13]);
    if ($merges) {
        $ws->merge_range($r, 8, $r, 9, "sammanfogad $r", $plain);
    } else {
        $ws->write($r, 8, "sammanfogad $r");
    }
}
$book->close() or die "$out: $!\n";
