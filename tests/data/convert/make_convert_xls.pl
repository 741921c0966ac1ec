#!/usr/bin/perl
# Writes the convert test workbooks (run from this directory; the outputs are committed):
#   edge.xls  sheet names Excel refuses, text that looks like a formula, numbers
#             needing 16 digits, dates/date-times/times, cells written out of row
#             order, an empty sheet
#   1904.xls  the same kind of dates in a 1904-date-system workbook
#   names.xls defined names: a constant, a range, a name local to a sheet, a
#             name on a sheet that must be renamed, formulas using each, and a
#             print area (a built-in name convert does not carry)
# Spreadsheet::WriteExcel refuses the sheet names Excel refuses, so its name
# check is replaced here by one that only encodes the name: the point is to
# produce the files older tools and hand-edited workbooks contain.
use strict;
use warnings;
use utf8;
use Encode ();
use Spreadsheet::WriteExcel;

{
    no warnings 'redefine';
    *Spreadsheet::WriteExcel::Workbook::_check_sheetname = sub {
        my ($self, $name) = @_;
        $self->{_sheet_count}++;
        # ASCII names stay 8-bit so that WriteExcel's formula parser can find them.
        return $name =~ /^[\x00-\x7f]*$/ ? ($name, 0) : (Encode::encode('UTF-16BE', $name), 1);
    };
}

sub dated {
    my ($ws, $fmt, $row, $col, $iso) = @_;
    $ws->write_date_time($row, $col, $iso, $fmt) == 0 or die "bad date $iso";
}

{
    my $wb = Spreadsheet::WriteExcel->new('edge.xls') or die;
    my $date = $wb->add_format(num_format => 'yyyy-mm-dd');
    my $datetime = $wb->add_format(num_format => 'yyyy-mm-dd hh:mm:ss');
    my $time = $wb->add_format(num_format => 'hh:mm:ss');

    my $ws = $wb->add_worksheet('Data');
    # Added before any formula, so that WriteExcel's formula parser knows it.
    my $dup = $wb->add_worksheet('data');
    # Rows 10 and 11 first, then the rest: the BIFF records are out of row order.
    $ws->write_string(10, 0, 'written first');
    $ws->write_number(11, 1, 7);
    $ws->write_string(0, 0, '=SUM(B1:B2)');
    $ws->write_string(1, 0, '=1+1');
    $ws->write_string(2, 0, "'quoted");
    $ws->write_string(3, 0, 'Ärende – åäö ÅÄÖ € ünïcödé');
    $ws->write_string(4, 0, '+46 8 123 45');
    # Control characters (.xlsx writes them as "_x0001_") and text that already
    # reads like such an escape (must stay literal).
    $ws->write_string(5, 0, "tab\tcontrol\x01end\r");
    $ws->write_string(6, 0, '_x0041_ stays literal');
    $ws->write_number(0, 1, 0.1 + 0.2);
    $ws->write_number(1, 1, 1e300);
    $ws->write_number(2, 1, -1.5e-300);
    $ws->write_number(3, 1, 123456789.123456789);
    $ws->write_number(4, 1, 1 / 3);
    $ws->write_number(5, 1, -1650.75);
    $ws->write_number(6, 1, 42);
    dated($ws, $date, 0, 2, '2024-08-31T');
    dated($ws, $datetime, 1, 2, '2024-08-31T13:45:30');
    dated($ws, $time, 2, 2, 'T13:45:30');
    dated($ws, $date, 3, 2, '1900-03-01T');
    dated($ws, $datetime, 4, 2, '1999-12-31T23:59:59');
    # A formula with its cached result (read by the BIFF reader; freexl skips it).
    $ws->write_formula(0, 3, '=B7*2', undef, 84);
    # A formula on a sheet that must be renamed ("data" becomes "data (2)"): 10 × data!A2 (= 3).
    $ws->write_formula(1, 3, '=data!A2*10', undef, 30);

    $dup->write_string(0, 0, 'case duplicate of Data');
    $dup->write_number(1, 0, 3);
    $wb->add_worksheet('Budget/Prognos: 2024*[Q1]?')->write_string(0, 0, 'bad characters');
    $wb->add_worksheet('Verksamhetsplan för äldreomsorgen 2024–2027')->write_number(0, 0, 1);
    $wb->add_worksheet('Empty');
    $wb->add_worksheet("'Quoted'")->write_number(0, 0, 2);
    # Same first 31 characters as the long name above: unique only after the cut with " (2)".
    $wb->add_worksheet('Verksamhetsplan för äldreomsorgen 2028')->write_number(0, 0, 3);
    $wb->close() or die;
}

{
    my $wb = Spreadsheet::WriteExcel->new('1904.xls') or die;
    $wb->set_1904();
    my $date = $wb->add_format(num_format => 'yyyy-mm-dd');
    my $datetime = $wb->add_format(num_format => 'yyyy-mm-dd hh:mm:ss');
    my $ws = $wb->add_worksheet('Datum');
    dated($ws, $date, 0, 0, '2024-08-31T');
    dated($ws, $datetime, 1, 0, '2024-08-31T13:45:30');
    dated($ws, $date, 2, 0, '1904-01-02T');
    dated($ws, $date, 3, 0, '1950-06-15T');
    $ws->write_number(4, 0, 1234.5);
    $wb->close() or die;
}

{
    my $wb = Spreadsheet::WriteExcel->new('names.xls') or die;
    my $data = $wb->add_worksheet('Data');
    # A sheet name over 31 characters is cut in the .xlsx: the name on it must follow.
    my $budget = $wb->add_worksheet('Budget for the committee 2024-2027');
    my $calc = $wb->add_worksheet('Calc');
    # Names before the formulas that use them: WriteExcel's parser must know them.
    $wb->define_name('Rate', '=0.25');
    $wb->define_name('Amounts', '=Data!$A$1:$A$3');
    $wb->define_name('Data!Extra', '=Data!$B$1');
    $wb->define_name('Plan', q{='Budget for the committee 2024-2027'!$A$1:$A$2});
    $data->write_number(0, 0, 100);
    $data->write_number(1, 0, 200);
    $data->write_number(2, 0, 300);
    $data->write_number(0, 1, 7);
    $budget->write_number(0, 0, 1000);
    $budget->write_number(1, 0, 650);
    $calc->write_formula(0, 0, '=SUM(Amounts)*Rate', undef, 150);
    $calc->write_formula(1, 0, '=SUM(Plan)', undef, 1650);
    $calc->write_formula(2, 0, '=Rate*4', undef, 1);
    $data->write_formula(3, 1, '=Extra*2', undef, 14);
    $data->print_area('A1:B3');
    $wb->close() or die;
}
