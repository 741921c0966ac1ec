#!/usr/bin/perl
# Writes formats.xls (run from this directory; the output is committed): one cell per cell
# format convert carries, at the addresses tests/check_convert_format.c names — fonts,
# number formats, fills through the palette (a PALETTE record with one custom colour),
# borders, alignment, the same format on several cells (one .xlsx format for them), and a
# number format too long for libxlsxwriter, and formatted empty cells.
use strict;
use warnings;
use Spreadsheet::WriteExcel;

my $wb = Spreadsheet::WriteExcel->new('formats.xls') or die;
# colour index 40 becomes #123456: the workbook then has a PALETTE record
my $custom = $wb->set_custom_color(40, 0x12, 0x34, 0x56);
my $ws = $wb->add_worksheet('Format');
my $f = sub { $wb->add_format(@_) };

# fonts
$ws->write('A1', 'Bold 14', $f->(bold => 1, size => 14));
$ws->write('A2', 'Italic red', $f->(italic => 1, color => 'red'));
$ws->write('A3', 'Underline', $f->(underline => 1));
$ws->write('A4', 'Double underline', $f->(underline => 2));
$ws->write('A5', 'Struck out', $f->(font_strikeout => 1));
$ws->write('A6', 'Times 12', $f->(font => 'Times New Roman', size => 12));
$ws->write('A7', 'Superscript', $f->(font_script => 1));
$ws->write('A8', 'Plain');

# number formats
$ws->write('B1', 1234.5, $f->(num_format => '#,##0.00'));
$ws->write('B2', 0.256, $f->(num_format => '0.0%'));
$ws->write('B3', 12, $f->(num_format => '0.000'));
$ws->write('B4', -5, $f->(num_format => '[Red]#,##0;[Blue]-#,##0'));
$ws->write_date_time('B5', '2024-03-01T', $f->(num_format => 'd mmmm yyyy'));
$ws->write_date_time('B6', '2024-03-01T', $f->(num_format => 14));
$ws->write('B7', 0.5, $f->(num_format => 10));   # built-in 0.00%
$ws->write('B8', 42, $f->(num_format => '"kr "#,##0'));
$ws->write_date_time('B9', 'T13:45:00', $f->(num_format => 'hh:mm'));

# fills
$ws->write('C1', 'solid yellow', $f->(pattern => 1, bg_color => 'yellow'));
$ws->write('C2', 'gray pattern', $f->(pattern => 2, fg_color => 'red', bg_color => 'green'));
$ws->write('C3', 'custom colour', $f->(pattern => 1, bg_color => $custom));

# borders
$ws->write('D1', 'thin box', $f->(border => 1));
$ws->write('D2', 'mixed', $f->(left => 2, left_color => 'red', bottom => 6, top => 3, right => 4));
$ws->write('D3', 'diagonal', $f->(diag_type => 3, diag_border => 1, diag_color => 'blue'));

# alignment
$ws->write('E1', 'center', $f->(align => 'center'));
$ws->write('E2', 'right top', $f->(align => 'right', valign => 'top'));
$ws->write('E3', 'a longer text that wraps', $f->(text_wrap => 1));
$ws->write('E4', 'indented', $f->(indent => 2));
$ws->write('E5', 'up 45', $f->(rotation => 45));
$ws->write('E6', 'down 30', $f->(rotation => -30));
$ws->write('E7', 'shrunk to fit', $f->(shrink => 1));
$ws->write('E8', 'vcenter', $f->(valign => 'vcenter'));
$ws->write('E9', 'stacked', $f->(rotation => 270));
$ws->write('E10', 'unlocked', $f->(locked => 0));
$ws->write('E11', 'centred, indent ignored', $f->(align => 'center', indent => 1));

# a formula keeps its cell's format; one format on many cells
my $total = $f->(bold => 1, num_format => '#,##0.00', top => 1);
$ws->write('F1', 10, $total);
$ws->write('F2', 20, $total);
$ws->write_formula('F3', '=F1+F2', $total, 30);

# a number format longer than libxlsxwriter 1.1.4 can write (127 bytes): not carried, with a warning
$ws->write('G1', 7, $f->(num_format => '0" ' . ('x' x 140) . '"', italic => 1));
# formatted empty cells (BLANK and MULBLANK records): a bordered, filled box
my $box = $f->(border => 1, pattern => 1, bg_color => 'silver');
$ws->write_blank('H1', $box);
$ws->write_blank($_, $box) for qw(H2 I2 J2);
$wb->close() or die;
