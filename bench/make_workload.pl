#!/usr/bin/perl
# make_workload.pl — write one benchmark workbook (Excel 97-2003, BIFF8) with
# Spreadsheet::WriteExcel. Called by make_workloads.sh; see bench/README.md.
#
#   perl make_workload.pl OUT.xls ROWS COLS SHEETS DATES SEED
#
# Row 1 of every sheet is a text header; ROWS data rows follow. Column kinds
# repeat every four columns (c = 0-based column index):
#   c % 4 == 0  whole amount      (number, e.g. -48213)
#   c % 4 == 1  amount with öre   (number with two decimals, e.g. 1234.56)
#   c % 4 == 2  text              (one of 5 000 strings with Swedish letters: exercises the SST)
#   c % 4 == 3  DATES=1: a date 2000-01-01..2029-12-31 as a serial number with
#               the format yyyy-mm-dd (so freexl, xlrd and LibreOffice see a date);
#               DATES=0: a third number column (a ratio, e.g. 0.7316);
#               DATES=2: a formula adding the two amounts of its row (=A2+B2),
#               with its result cached (the MF workload);
#               DATES=3: dates as for 1, and every cell in one of 240 cell formats
#               (fonts, colours, fills, borders, alignment, number formats: 80 for
#               amounts, 80 for text, 80 for dates), and every tenth row four
#               formatted empty cells after the last column (the MX workload).
# Deterministic: Perl's own drand48 (since 5.20) with a fixed seed gives the
# same sequence on every platform.
use strict;
use warnings;
use utf8;
use Spreadsheet::WriteExcel;

die "usage: $0 OUT.xls ROWS COLS SHEETS DATES SEED\n" unless @ARGV == 6;
my ($out, $rows, $cols, $sheets, $dates, $seed) = @ARGV;

# BIFF8 limits (MS-XLS 2.1.1 / Excel 97-2003 specifications): 65 536 rows, 256 columns.
use constant { XLS_MAX_ROWS => 65536, XLS_MAX_COLS => 256 };
die "$out: $rows data rows + header exceed the .xls limit of " . XLS_MAX_ROWS . " rows\n"
    if $rows + 1 > XLS_MAX_ROWS;
die "$out: $cols columns exceed the .xls limit of " . XLS_MAX_COLS . "\n" if $cols > XLS_MAX_COLS;

srand($seed);

# Serial day numbers in Excel's 1900 system: 36526 = 2000-01-01, 10 958 days to 2029-12-31.
use constant { FIRST_DATE => 36526, DATE_SPAN => 10958, TEXT_POOL => 5000 };

my @words = qw(Äldreomsorg Förskola Gymnasieskola Socialtjänst Fritid Kultur Gatuunderhåll
               Vatten Räddningstjänst Överförmyndare);
my @pool = map { $words[$_ % @words] . " åtgärd " . $_ } 0 .. TEXT_POOL - 1;

my $book = Spreadsheet::WriteExcel->new($out) or die "$out: $!\n";
# Files over 7 MB go through OLE::Storage_Lite, which stamps the OLE directory
# with the workbook's creation time (WriteExcel 2.40 keeps it in the private
# _localtime field): a fixed time keeps L and W byte-identical between runs.
$book->{_localtime} = [0, 0, 12, 1, 7, 124, 4, 213, 0];    # 2024-08-01 12:00
my $date_fmt = $book->add_format(num_format => 'yyyy-mm-dd');
# DATES=3: the cell formats, drawn once from the seeded sequence
my (@amount_fmts, @text_fmts, @date_fmts);
if ($dates == 3) {
    my @colors = qw(black red blue green navy brown purple gray);
    my $look = sub {
        (bold => int(rand(2)), italic => int(rand(4)) == 0, size => 8 + int(rand(8)),
         color => $colors[int(rand(@colors))], font => (qw(Arial Verdana Tahoma), 'Times New Roman')[int(rand(4))],
         pattern => int(rand(3)) ? 0 : 1 + int(rand(3)), bg_color => 22 + int(rand(30)),
         border => int(rand(4)), align => (qw(left center right), '')[int(rand(4))])
    };
    for (1 .. 80) {
        push @amount_fmts, $book->add_format($look->(), num_format => ('#,##0', '#,##0.00', '0.0%', '[Red]-#,##0;#,##0')[int(rand(4))]);
        push @text_fmts, $book->add_format($look->(), text_wrap => int(rand(3)) == 0, indent => int(rand(3)));
        push @date_fmts, $book->add_format($look->(), num_format => ('yyyy-mm-dd', 'd mmm yyyy', 'dd/mm/yy')[int(rand(3))]);
    }
}
# Parsed once and repeated with its references moved: write_formula parses every time.

for my $s (1 .. $sheets) {
    my $sheet = $book->add_worksheet("Blad$s");
    my $formula = $dates == 2 ? $sheet->store_formula('=A1+B1') : undef;
    my @amounts;
    $sheet->write_string(0, $_, "Kolumn " . ($_ + 1)) for 0 .. $cols - 1;
    for my $r (1 .. $rows) {
        for my $c (0 .. $cols - 1) {
            my $kind = $c % 4;
            my $k = ($r * 7 + $c) % 80;
            if ($kind == 0) {
                $amounts[0] = int(rand(2_000_000)) - 1_000_000;
                $sheet->write_number($r, $c, $amounts[0], $dates == 3 ? $amount_fmts[$k] : undef);
            } elsif ($kind == 1) {
                $amounts[1] = int(rand(10_000_000)) / 100;
                $sheet->write_number($r, $c, $amounts[1], $dates == 3 ? $amount_fmts[$k] : undef);
            } elsif ($kind == 2) {
                $sheet->write_string($r, $c, $pool[int(rand(TEXT_POOL))], $dates == 3 ? $text_fmts[$k] : undef);
            } elsif ($dates == 3) {
                $sheet->write_number($r, $c, FIRST_DATE + int(rand(DATE_SPAN)), $date_fmts[$k]);
            } elsif ($dates == 2) {
                my ($a, $b) = (_col($c - 3) . ($r + 1), _col($c - 2) . ($r + 1));
                $sheet->repeat_formula($r, $c, $formula, undef, 'A1', $a, 'B1', $b,
                                       result => $amounts[0] + $amounts[1]);
            } elsif ($dates) {
                $sheet->write_number($r, $c, FIRST_DATE + int(rand(DATE_SPAN)), $date_fmt);
            } else {
                $sheet->write_number($r, $c, int(rand(10_000)) / 10_000);
            }
        }
        if ($dates == 3 && $r % 10 == 0) {
            $sheet->write_blank($r, $cols + $_, $text_fmts[$_]) for 0 .. 3;
        }
    }
}
$book->close() or die "$out: $!\n";

# Column letters of 0-based column @p c (A, B, ..., Z, AA, ...).
sub _col {
    my ($c) = @_;
    my $name = '';
    for (my $n = $c + 1; $n > 0; $n = int(($n - 1) / 26)) {
        $name = chr(ord('A') + ($n - 1) % 26) . $name;
    }
    return $name;
}
