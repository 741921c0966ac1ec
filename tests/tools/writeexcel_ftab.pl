#!/usr/bin/perl
# Print Spreadsheet::WriteExcel's own BIFF function table (its %functions in
# Formula.pm): "number<TAB>NAME<TAB>args" per line, args -1 for a variable count.
# check_formula compares planxl's table (src/read/biff/functions.c) with it: an
# independent transcription of the same Excel table.
use strict;
use warnings;
require Spreadsheet::WriteExcel::Formula;
my $path = $INC{'Spreadsheet/WriteExcel/Formula.pm'} or die "Formula.pm not found\n";
open my $fh, '<', $path or die "$path: $!\n";
while (<$fh>) {
    print "$2\t$1\t$3\n" if /^\s*'([A-Z0-9.]+)'\s*=>\s*\[\s*(\d+),\s*(-?\d+),/;
}
