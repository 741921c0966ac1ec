#!/usr/bin/perl
# make_writeexcel.pl — .xls fixtures for tests/check_biff.c written by Perl
# Spreadsheet::WriteExcel (BIFF8 in OLE2): formulas with cached results, dates,
# the 1904 date system, a shared string table long enough to need CONTINUE records,
# and cells written out of row order.
#
#   perl make_writeexcel.pl [OUTDIR]
use strict;
use warnings;
use utf8;
use FindBin;
use Spreadsheet::WriteExcel;

my $out = shift // $FindBin::Bin;

sub formulas {
    my ($path, $use1904) = @_;
    my $wb = Spreadsheet::WriteExcel->new($path) or die "$path: $!\n";
    $wb->set_1904() if $use1904;
    my $date = $wb->add_format(num_format => 'yyyy-mm-dd');
    my $datetime = $wb->add_format(num_format => 'yyyy-mm-dd hh:mm');
    my $time = $wb->add_format(num_format => 'hh:mm:ss');
    my $ws = $wb->add_worksheet('Äldreomsorg');
    my $data = $wb->add_worksheet('Data'); # before the formula that refers to it
    $ws->write_string(0, 0, 'Åtgärd');
    $ws->write_string(0, 1, 'Belopp tkr');
    my @rows = (['Träffsäkra beslut', 1650], ['Skifta perspektiv', -1600], ['Hemtjänst', 2500.5]);
    for my $i (0 .. $#rows) {
        $ws->write_string($i + 1, 0, $rows[$i][0]);
        $ws->write_number($i + 1, 1, $rows[$i][1]);
    }
    $ws->write_string(4, 0, 'Summa');
    $ws->write_formula(4, 1, '=SUM(B2:B4)', undef, 2550.5);
    $ws->write_formula(5, 1, '=B5*2', undef, 5101);
    $ws->write_formula(6, 1, '=IF(B5>0,"plus","minus")', undef, 'plus');
    $ws->write_formula(7, 1, '=B2>B3', undef, 'TRUE');
    $ws->write_formula(8, 1, '=1/0', undef, '#DIV/0!');
    $ws->write_formula(9, 1, '=Data!A1+1', undef, 2);
    # dates: 2024-08-31 is serial 45535 in the 1900 system
    my $serial = $use1904 ? 45535 - 1462 : 45535;
    $ws->write_number(11, 0, $serial, $date);
    $ws->write_number(11, 1, $serial + 0.75, $datetime);
    $ws->write_number(11, 2, 0.5, $time);
    $ws->write_formula(11, 3, '=A12+1', $date, $serial + 1);
    $data->write_number(0, 0, 1);
    $wb->close() or die "$path: $!\n";
}

sub long_strings {
    my ($path) = @_;
    my $wb = Spreadsheet::WriteExcel->new($path) or die "$path: $!\n";
    my $ws = $wb->add_worksheet('Text');
    # 600 distinct strings of 40-ish characters (~25 kB of SST: several CONTINUE records),
    # with Swedish and non-Latin-1 characters so some strings are stored as UTF-16
    for my $i (0 .. 599) {
        my $s = sprintf('Rad %04d: åtgärder inom vård och omsorg %s', $i, $i % 7 ? 'ÅÄÖ' : 'Ω✓');
        $ws->write_string($i, 0, $s);
    }
    # one string longer than a record (8224 bytes) on its own
    $ws->write_string(0, 1, join('', map { chr(0x41 + $_ % 26) } 0 .. 9999));
    $wb->close() or die "$path: $!\n";
}

sub out_of_order {
    my ($path) = @_;
    my $wb = Spreadsheet::WriteExcel->new($path) or die "$path: $!\n";
    my $ws = $wb->add_worksheet('Blandat');
    # WriteExcel emits cell records in call order: these land out of row-major order
    $ws->write_number(5, 2, 6);
    $ws->write_number(0, 0, 1);
    $ws->write_string(3, 1, 'mitten');
    $ws->write_number(0, 3, 2);
    $ws->write_number(5, 0, 5);
    $wb->close() or die "$path: $!\n";
}

# Formulas out of row order (AUTO's BIFF pass must collect and sort them, not stream them).
sub formulas_out_of_order {
    my ($path) = @_;
    my $wb = Spreadsheet::WriteExcel->new($path) or die "$path: $!\n";
    my $ws = $wb->add_worksheet('Formler');
    $ws->write_number(0, 1, 4);
    $ws->write_formula(4, 0, '=B1*10', undef, 40);
    $ws->write_formula(0, 0, '=B1+1', undef, 5);
    $ws->write_formula(2, 2, '=A1+A5', undef, 45);
    $wb->close() or die "$path: $!\n";
}

formulas("$out/writeexcel_formulas.xls", 0);
formulas("$out/writeexcel_1904.xls", 1);
long_strings("$out/writeexcel_long_strings.xls");
out_of_order("$out/writeexcel_out_of_order.xls");
formulas_out_of_order("$out/writeexcel_formulas_out_of_order.xls");
