#!/usr/bin/perl
# make_merges.pl — merged cells and a hidden sheet in an Excel 97-2003 (BIFF8) plan, for
# tests/check_merges.c (grid API) and tests/check_recognize.c (the recogniser's use of them).
#
#   perl make_merges.pl [OUTDIR]      (default: the directory of this script)
#
# Spreadsheet::WriteExcel (Debian's libspreadsheet-writeexcel-perl) writes MERGEDCELLS
# records and BOUNDSHEET's hidden state. make_merges.py writes the same plan as .xlsx.
# The generated files are committed; rerun both after changing either.
#
# Sheet "Äldreomsorg" (visible):
#   A4:A14  Område "Hemtjänst", merged down over the three measures (rows 4, 8, 12)
#   C4:E4   the first measure's Beskrivning, merged across C:E
#   D2:E2   a note merged across two cells ("Belopp i tkr:"), above the tables
# Sheet "Utkast" (hidden): last month's draft of the same three measures, same area.
use strict;
use warnings;
use utf8;
use FindBin;
use Spreadsheet::WriteExcel;

my $out = shift // $FindBin::Bin;
my $wb = Spreadsheet::WriteExcel->new("$out/merges.xls") or die "$out/merges.xls: $!\n";
my $hdr = $wb->add_format(bold => 1, bottom => 1);
my $top = $wb->add_format(valign => 'top', text_wrap => 1);
my $amt = $wb->add_format(num_format => '# ##0');
# WriteExcel wants a format of its own for merged cells
my $merged = $wb->add_format(valign => 'top', text_wrap => 1);

sub area_sheet {
    my ($ws, $merge) = @_;
    $ws->write_string(0, 0, "Åtgärder inom vård- och omsorgsnämnden \x{2013} Äldreomsorg");
    $ws->write_string(2, 0, 'Område', $hdr);
    $ws->write_string(2, 1, 'Åtgärd', $hdr);
    $ws->write_string(2, 2, 'Beskrivning', $hdr);
    my @measures = (['Färre besök', 'Samordnade besök i hemtjänsten.', 100, 400],
                    ['Nattpatrull', 'En nattpatrull i stället för två.', 200, 500],
                    ['Digitala inköp', 'Inköp beställs digitalt.', 300, 600]);
    if ($merge) {
        $ws->merge_range(3, 0, 13, 0, 'Hemtjänst', $merged);
    } else {
        $ws->write_string($_, 0, 'Hemtjänst', $top) for (3, 7, 11);
    }
    my $r = 3;
    my $first = 1;
    for my $m (@measures) {
        $ws->write_string($r, 1, $m->[0], $top);
        if ($merge && $first) {
            $ws->merge_range($r, 2, $r, 4, $m->[1], $merged);
        } else {
            $ws->write_string($r, 2, $m->[1], $top);
        }
        $first = 0;
        $ws->write_string($r + 1, 2, 'Åtgärder', $hdr);
        $ws->write_string($r + 1, 3, 'Effekt 2024 (tkr)', $hdr);
        $ws->write_string($r + 1, 4, 'Helårseffekt (tkr)', $hdr);
        $ws->write_string($r + 2, 2, "Minskade kostnader: $m->[0]");
        $ws->write_number($r + 2, 3, $m->[2], $amt);
        $ws->write_number($r + 2, 4, $m->[3], $amt);
        $r += 4;
    }
}

my $ws = $wb->add_worksheet('Äldreomsorg');
area_sheet($ws, 1);
$ws->merge_range(1, 3, 1, 4, 'Belopp i tkr:', $merged);
my $draft = $wb->add_worksheet('Utkast');
area_sheet($draft, 0);
$draft->hide();
$wb->close() or die "merges.xls: close failed\n";
