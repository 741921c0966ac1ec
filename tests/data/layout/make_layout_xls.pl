#!/usr/bin/perl
# Writes the sheet-layout test workbook (run from this directory; the output is committed):
#   layout.xls  Front    plain values, no layout of its own
#               Layout   the active sheet: column B 20 characters wide, D:E hidden, row 3
#                        30 points high, row 5 hidden, rows 7-8 at outline level 1, A1:C1 and
#                        B10:C12 merged, panes frozen at B2, C3 selected, zoom 85 %, a red
#                        tab, gridlines hidden, comments on C3 (with its author) and A10 (shown)
#               Hidden   a hidden sheet
#               VeryHidden  a very hidden sheet (WriteExcel can only hide: its BOUNDSHEET
#                        hsState is set to 2 in the written file, below)
#               Split    panes split (not frozen), a merge on an otherwise empty sheet
#               Empty    no cells, three merged ranges only
#               Print    print setup: landscape A4, one page wide, margins 0.5/0.5/1/1 inch,
#                        a header and a footer, centred both ways, print gridlines and
#                        headings, first page number 2, print area A1:D20, rows 1 and column
#                        A repeated (Layout prints at 75 %)
# Spreadsheet::WriteExcel 2.40 writes COLINFO, ROW, MERGEDCELLS, WINDOW2, PANE, SELECTION,
# SCL and SHEETEXT records as Excel 97-2003 does.
use strict;
use utf8;
use warnings;
use Spreadsheet::WriteExcel;

my $file = 'layout.xls';
{
    my $wb = Spreadsheet::WriteExcel->new($file) or die;
    my $front = $wb->add_worksheet('Front');
    $front->write(0, 0, 'front');
    $front->write(1, 1, 42);

    my $ws = $wb->add_worksheet('Layout');
    $ws->set_column('B:B', 20);
    $ws->set_column('D:E', 12, undef, 1);
    $ws->set_row(2, 30);
    $ws->set_row(4, undef, undef, 1);
    $ws->set_row(6, undef, undef, 0, 1);
    $ws->set_row(7, undef, undef, 0, 1);
    $ws->merge_range('A1:C1', 'Merged title', $wb->add_format(align => 'center'));
    $ws->merge_range('B10:C12', 'Block', $wb->add_format());
    for my $r (1 .. 8) {
        $ws->write($r, 0, "row " . ($r + 1));
        $ws->write($r, 1, $r * 10);
    }
    $ws->write(5, 3, 'in hidden column D');
    $ws->freeze_panes(1, 1);
    $ws->set_selection('C3');
    $ws->set_zoom(85);
    $ws->set_tab_color('red');
    $ws->hide_gridlines(2);

    my $hidden = $wb->add_worksheet('Hidden');
    $hidden->write(0, 0, 'hidden');
    $hidden->hide();

    my $very = $wb->add_worksheet('VeryHidden');
    $very->write(0, 0, 'very hidden');
    $very->hide();

    my $split = $wb->add_worksheet('Split');
    $split->write(0, 0, 'split');
    $split->merge_range('B2:D2', 'across', $wb->add_format());
    $split->split_panes(30, 20);

    my $empty = $wb->add_worksheet('Empty');
    $empty->merge_range('A1:B2', '', $wb->add_format());
    $empty->merge_range('D4:D9', '', $wb->add_format());
    $empty->merge_range('F1:H1', '', $wb->add_format());
    $ws->set_print_scale(75);
    $ws->write_comment('C3', "Kommentar på C3\nandra raden", author => 'Ekonomienheten');
    $ws->write_comment('A10', 'Synlig', visible => 1);

    my $print = $wb->add_worksheet('Print');
    $print->write_row($_, 0, ["r$_", $_, $_ * 2, $_ * 3]) for 0 .. 19;
    $print->set_landscape();
    $print->set_paper(9);
    $print->fit_to_pages(1, 0);
    $print->set_margins_LR(0.5);
    $print->set_margins_TB(1);
    $print->set_header('&CPlan &P', 0.4);
    $print->set_footer('&RSida &P av &N', 0.35);
    $print->center_horizontally();
    $print->center_vertically();
    $print->hide_gridlines(0);
    $print->print_row_col_headers();
    $print->set_start_page(2);
    $print->print_area('A1:D20');
    $print->repeat_rows(0);
    $print->repeat_columns('A:A');

    # after the hide() calls: WriteExcel's hide() makes the first sheet the active one
    $ws->activate();
    $wb->close() or die;
}

# BOUNDSHEET (MS-XLS 2.4.28): ... hsState (1), dt (1), cch (1), fHighByte (1), name.
open my $fh, '+<:raw', $file or die;
local $/;
my $data = <$fh>;
my $n = ($data =~ s/\x01\x00\x0aVeryHidden/\x02\x00\x0aVeryHidden/g);
$n = ($data =~ s/\x01\x00\x0a\x00VeryHidden/\x02\x00\x0a\x00VeryHidden/g) unless $n;
die "VeryHidden's BOUNDSHEET not found\n" unless $n == 1;
seek $fh, 0, 0;
print $fh $data;
close $fh;
