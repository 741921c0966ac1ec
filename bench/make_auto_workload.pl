#!/usr/bin/perl
# Usage: perl bench/make_auto_workload.pl OUT.xls 20000 20   (a workload for AUTO's supplement pass; needs libspreadsheet-writeexcel-perl)
# 20000 x 20 cells: numbers, text, dates (yyyy-mm-dd), booleans (raw BOOLERR records), one time-formatted date-time per 100 rows
use strict; use warnings; use Spreadsheet::WriteExcel;
my ($out, $rows, $cols) = @ARGV;
srand(7);
my $b = Spreadsheet::WriteExcel->new($out) or die;
my $df = $b->add_format(num_format => 'yyyy-mm-dd');
my $tf = $b->add_format(num_format => 'hh:mm:ss');
my $s = $b->add_worksheet("Data");
$s->write_string(0, $_, "Col $_") for 0..$cols-1;
for my $r (1..$rows) {
  for my $c (0..$cols-1) {
    my $k = $c % 5;
    if ($k == 0) { $s->write_number($r, $c, int(rand(100000))); }
    elsif ($k == 1) { $s->write_number($r, $c, int(rand(1000000))/100); }
    elsif ($k == 2) { $s->write_string($r, $c, "text " . int(rand(5000))); }
    elsif ($k == 3) { if ($r % 100 == 0 && $c == 3) { $s->write_number($r, $c, 40000 + rand(1000), $tf); } else { $s->write_number($r, $c, 36526 + int(rand(10958)), $df); } }
    else { $s->_append(pack("vv vvvCC", 0x0205, 8, $r, $c, 0x0F, int(rand(2)), 0)); }
  }
}
$b->close;
