#!/usr/bin/perl
# make_layouts.pl — small Excel 97-2003 (BIFF8) workbooks, one per plan layout the recogniser
# must cope with (issue 2, point 4). tests/check_recognize.c asserts the model read from each.
#
#   perl make_layouts.pl [OUTDIR]      (default: the directory of this script)
#
# Uses Spreadsheet::WriteExcel from Debian's libspreadsheet-writeexcel-perl. The generated
# .xls files are committed; rerun this after changing it, and update the tests to match.
#
# Cell addresses in the comments are the ones the tests assert.
use strict;
use warnings;
use utf8;
use FindBin;
use Spreadsheet::WriteExcel;

my $out = shift // $FindBin::Bin;
my $NBSP = "\x{00A0}";
my $MINUS = "\x{2212}";
my $EN_DASH = "\x{2013}";
my $EM_DASH = "\x{2014}";

sub book {
    my ($name) = @_;
    my $wb = Spreadsheet::WriteExcel->new("$out/$name") or die "$out/$name: $!\n";
    my %f = (
        hdr   => $wb->add_format(bold => 1, bottom => 1, bg_color => 'silver'),
        title => $wb->add_format(bold => 1, size => 14),
        wrap  => $wb->add_format(text_wrap => 1, valign => 'top'),
        amt   => $wb->add_format(num_format => '# ##0'),
        sum   => $wb->add_format(num_format => '# ##0', bold => 1, top => 1),
        line  => $wb->add_format(bottom => 2),
    );
    return ($wb, \%f);
}

# Write a row of cells from (row, col): undef skips a cell; a number is written as a NUMBER,
# ['s', text] forces a string (e.g. "14"), ['f', formula, cached] a formula.
sub row {
    my ($ws, $r, $c, $fmt, @cells) = @_;
    for my $v (@cells) {
        if (!defined $v) {
        } elsif (ref $v eq 'ARRAY' && $v->[0] eq 's') {
            $ws->write_string($r, $c, $v->[1], $fmt);
        } elsif (ref $v eq 'ARRAY' && $v->[0] eq 'f') {
            $ws->write_formula($r, $c, $v->[1], $fmt, $v->[2]);
        } elsif ($v =~ /^-?\d+(\.\d+)?$/) {
            $ws->write_number($r, $c, $v, $fmt);
        } else {
            $ws->write_string($r, $c, $v, $fmt);
        }
        $c++;
    }
}

# --- offset.xls: tables starting in any column; one sheet per area, named by the sheet ----------
{
    my ($wb, $f) = book('offset.xls');
    my $ws = $wb->add_worksheet('Individ- och familjeomsorg');
    # Measure table at D4; its KPI and effect tables at F (right of the measure columns).
    row($ws, 3, 3, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 4, 3, $f->{wrap}, 'Försörjningsstöd', 'Jobbspår', 'Fler hushåll till arbete.');
    row($ws, 5, 5, $f->{hdr}, 'Nyckeltal', 'Mål', 'Utfall', 'Kommentarer');
    row($ws, 6, 5, undef, 'Antal hushåll med försörjningsstöd', 'Minska', ['s', '312'], 'Jämfört med 2023');
    row($ws, 7, 5, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 8, 5, $f->{amt}, 'Minskat försörjningsstöd', 200, ['s', '1 200']);   # F9 G9 H9
    # row 10 blank
    row($ws, 10, 3, $f->{wrap}, 'Placeringar', 'Hemmaplanslösningar', 'Färre placeringar på HVB.');
    row($ws, 11, 5, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 12, 5, $f->{amt}, 'Färre HVB-placeringar', ['s', "${MINUS}1 500"], -3000);  # G13 text U+2212

    # Second sheet: the effect tables start in the measure table's own first column (B), so
    # only a blank row tells a new measure from another effect row.
    my $k = $wb->add_worksheet('Kultur');
    row($k, 1, 1, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($k, 2, 1, undef, 'Bibliotek', 'Öppettider', 'Kortare öppettider.');
    row($k, 3, 1, $f->{hdr}, 'Åtgärd', 'Effekt 2025 (tkr)', 'Helårseffekt, tkr');
    row($k, 4, 1, $f->{amt}, 'Minskad bemanning', 100, 300);
    row($k, 6, 1, undef, 'Fritid', 'Taxor', 'Höjda taxor.');
    row($k, 7, 1, $f->{hdr}, 'Åtgärd', 'Effekt 2025 (tkr)', 'Helårseffekt, tkr');
    row($k, 8, 1, $f->{amt}, 'Höjd taxa', 50, ['s', '1 65O']);                 # D9: letter O
    $wb->close;
}

# --- multi_area.xls: several areas on one sheet, named by title rows; decorative rows ----------
{
    my ($wb, $f) = book('multi_area.xls');
    my $ws = $wb->add_worksheet('Åtgärder');
    row($ws, 0, 0, $f->{title}, 'Åtgärdsplan 2024');           # not an area: it has digits
    row($ws, 1, 0, undef, '==========');                         # decoration
    row($ws, 2, 0, $f->{title}, 'Äldreomsorg');
    row($ws, 3, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 4, 0, $f->{wrap}, 'Hemtjänst', 'Nattpatrull', 'Samordnad nattpatrull.');
    row($ws, 5, 2, $f->{hdr}, 'Nyckeltal', 'Målvärde', 'Nuläge', 'Kommentar');
    row($ws, 6, 2, undef, 'Andel besök i tid', '95 %', 0.91);
    row($ws, 7, 2, undef, '-----');                               # decoration inside the block
    row($ws, 8, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 9, 2, $f->{amt}, 'Färre körningar', 120, 480, 'Ny ruttplanering');
    $ws->write_blank(10, $_, $f->{line}) for 0 .. 5;             # a formatted, empty row
    row($ws, 11, 0, $f->{title}, 'Funktionsstöd');               # no header repeated below it
    row($ws, 12, 0, $f->{wrap}, 'Daglig verksamhet', 'Samordning', 'Gemensamma lokaler.');
    row($ws, 13, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)');
    row($ws, 14, 2, $f->{amt}, 'Lokalbesparing', 0, ['s', "3${NBSP}800"]);    # E15
    row($ws, 16, 0, $f->{title}, 'Socialpsykiatri');
    row($ws, 17, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 18, 0, $f->{wrap}, 'Boendestöd', 'Gruppboende', 'Fler insatser i grupp.');
    $wb->close;
}

# --- title_dash.xls: a cover sheet, and areas named in dash title rows, not by sheet names ------
{
    my ($wb, $f) = book('title_dash.xls');
    my $c = $wb->add_worksheet('Framsida');
    row($c, 0, 0, $f->{title}, 'Åtgärdsplan per oktober 2023');
    row($c, 1, 0, undef, 'Barn- och utbildningsnämnden');
    row($c, 2, 0, undef, 'Exempelby kommun');
    for my $s (['Blad1', "Åtgärder inom barn- och utbildningsnämnden $EN_DASH Förskola"],
               ['Blad2', "Åtgärder inom barn- och utbildningsnämnden $EM_DASH Grundskola"]) {
        my $ws = $wb->add_worksheet($s->[0]);
        row($ws, 0, 0, $f->{title}, $s->[1]);
        row($ws, 1, 0, undef, 'Uppdaterad 2023-10-15');          # not an area: digits
        row($ws, 2, 0, undef, 'Belopp anges i tkr.');             # not an area: a sentence
        row($ws, 3, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
        row($ws, 4, 0, $f->{wrap}, 'Bemanning', "Schema $s->[0]", 'Nytt schema.');
        row($ws, 5, 2, $f->{hdr}, 'Åtgärder', 'Effekt innevarande år (tkr)', 'Helårseffekt (tkr)');
        row($ws, 6, 2, $f->{amt}, 'Färre vikarier', 75, 150);
    }
    $wb->close;
}

# --- synonyms.xls: header words in other forms, cases and spacing -------------------------------
{
    my ($wb, $f) = book('synonyms.xls');
    my $ws = $wb->add_worksheet('Vuxna');
    row($ws, 0, 0, $f->{hdr}, 'OMRÅDE', ' Åtgärder ', 'Beskrivning');
    row($ws, 1, 0, $f->{wrap}, 'Stöd', 'Samordning', 'Beskrivning A.');
    row($ws, 2, 2, $f->{hdr}, 'Nyckeltal', 'Mål', 'Utfall', 'Kommentarer');
    row($ws, 3, 2, undef, 'Väntetid (dagar)', 'Oförändrad', ['s', '14'], 'Stabil');
    row($ws, 4, 2, $f->{hdr}, 'Åtgärd', 'Effekt innevarande år (tkr)', 'Helårseffekt, tkr', 'Kommentarer');
    row($ws, 5, 2, $f->{amt}, 'Effekt A', 10, 20, 'Kommentar A');
    row($ws, 7, 0, $f->{wrap}, 'Stöd', 'Digitalisering', 'Beskrivning B.');
    row($ws, 8, 2, $f->{hdr}, 'Nyckeltal', 'Målvärde', 'Nuläge');
    row($ws, 9, 2, undef, 'Andel digitala ärenden', '50%', '42,5 %');
    row($ws, 10, 2, $f->{hdr}, 'Beskrivning av effekt', "Effekt 2024\n(tkr)", 'Helårseffekt (TKR)');
    row($ws, 11, 2, $f->{amt}, 'Effekt B', 5, 15);
    $wb->close;
}

# --- totals.xls: declared totals under effect tables --------------------------------------------
{
    my ($wb, $f) = book('totals.xls');
    my $ws = $wb->add_worksheet('Totaler');
    row($ws, 0, 0, $f->{title}, "Åtgärder inom socialnämnden $EN_DASH Socialtjänst");
    row($ws, 2, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 3, 0, $f->{wrap}, 'Ekonomi', 'Effektivisering', 'Beskrivning 1.');
    row($ws, 4, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 5, 2, $f->{amt}, 'Nettobesparing lokaler', 100, 200);   # an effect, though it says Netto
    row($ws, 6, 2, $f->{amt}, 'Bemanning', 50, ['s', '300']);
    # C8: formulas with cached values; freexl 1.0.6 returns them as empty cells.
    row($ws, 7, 2, $f->{sum}, 'Summa', ['f', '=SUM(D6:D7)', 150], ['f', '=SUM(E6:E7)', 500]);
    row($ws, 9, 0, $f->{wrap}, 'Ekonomi', 'Inköp', 'Beskrivning 2.');
    row($ws, 10, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 11, 2, $f->{amt}, 'Avtal', 10, 40);
    row($ws, 12, 2, $f->{sum}, 'Totalt', 10, ['s', '45']);           # C13, states 45 (rows say 40)
    row($ws, 13, 2, $f->{sum}, 'Summa netto', 10, 40);               # C14
    row($ws, 15, 0, $f->{wrap}, 'Ekonomi', 'Lokaler', 'Beskrivning 3.');
    row($ws, 16, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 17, 2, $f->{amt}, 'Uppsägning', 0, 500);
    row($ws, 18, 1, $f->{sum}, 'Netto:', undef, 0, 500);             # label in the Åtgärd column
    # A sentence that starts with "Totalt" is an effect row, not a total.
    row($ws, 20, 0, $f->{wrap}, 'Ekonomi', 'Hyror', 'Beskrivning 4.');
    row($ws, 21, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 22, 2, $f->{amt}, 'Totalt minskar hyran för två lokaler', 20, 80);
    $wb->close;
}

# --- notations.xls: amounts as units type them (issue 12, item 4) ------------------------------
{
    my ($wb, $f) = book('notations.xls');
    my $acc = $wb->add_format(num_format => '#,##0;(#,##0)');
    my $ws = $wb->add_worksheet('Notationer');
    row($ws, 0, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 1, 0, $f->{wrap}, 'Ekonomi', 'Notationer', 'Belopp skrivna på olika sätt.');
    row($ws, 2, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 3, 2, undef, 'Parentes', ['s', '(1 600)'], ['s', '(1 600)']);          # D4 E4 text
    row($ws, 4, 2, $acc, 'Redovisningsformat', -400, -1600);                        # D5 E5 numbers shown (400)
    row($ws, 5, 2, undef, 'Med enhet', ['s', '960 tkr'], ['s', '1 650 tkr']);       # D6 E6
    row($ws, 6, 2, undef, 'Plustecken', ['s', '+500'], ['s', '+500']);              # D7 E7
    row($ws, 7, 2, undef, 'Miljoner', ['s', '1,65 mnkr'], ['s', '1,65 miljoner kronor']);  # D8 E8
    row($ws, 8, 2, undef, 'Kronor', 0, ['s', '-1 600 kr']);                         # E9 ambiguous
    $wb->close;
}

# --- area_totals.xls: totals that close an area or the whole plan (issue 12, item 3) -------------
{
    my ($wb, $f) = book('area_totals.xls');
    my $ws = $wb->add_worksheet('Omsorg');
    row($ws, 0, 0, $f->{title}, "Åtgärder inom vård- och omsorgsnämnden $EN_DASH Hemtjänst");
    row($ws, 2, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 3, 0, $f->{wrap}, 'Planering', 'Nattpatrull', 'Beskrivning 1.');
    row($ws, 4, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 5, 2, $f->{amt}, 'Effekt A', 100, 200);
    row($ws, 6, 2, $f->{sum}, 'Summa', 100, 200);                        # C7: the measure's total
    row($ws, 8, 0, $f->{wrap}, 'Planering', 'Schema', 'Beskrivning 2.');
    row($ws, 9, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 10, 2, $f->{amt}, 'Effekt B', 50, 300);
    row($ws, 11, 2, $f->{amt}, 'Effekt C', 10, 40);
    # A13: the area's total, label in the Område column, no measure total above it; E13 is wrong
    # (the area's rows sum to 160 / 540).
    row($ws, 12, 0, $f->{sum}, 'Summa Hemtjänst', undef, undef, 160, 600);
    row($ws, 14, 0, $f->{title}, "Åtgärder inom vård- och omsorgsnämnden $EN_DASH Funktionsstöd");
    row($ws, 16, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 17, 0, $f->{wrap}, 'Boende', 'Samordning', 'Beskrivning 3.');
    row($ws, 18, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($ws, 19, 2, $f->{amt}, 'Effekt D', 20, 80);
    row($ws, 20, 2, $f->{sum}, 'Totalt Funktionsstöd', 20, 80);         # C21: the area's total, right
    # A23: the plan's total; D23 is wrong (the plan's rows sum to 180 / 620).
    row($ws, 22, 0, $f->{sum}, 'Totalt nämnden', undef, undef, 190, 620);

    # An area of its own sheet: "Summa åtgärder" after the measure's Summa closes the area.
    my $s = $wb->add_worksheet('Stöd');
    row($s, 0, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($s, 1, 0, $f->{wrap}, 'Boende', 'Hemmaplan', 'Beskrivning 4.');
    row($s, 2, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($s, 3, 2, $f->{amt}, 'Effekt E', 5, 10);
    row($s, 4, 2, $f->{sum}, 'Summa', 5, 10);                           # C5: the measure's total
    row($s, 5, 2, $f->{sum}, 'Summa åtgärder', 5, 12);                  # C6: the area's; E6 is wrong
    $wb->close;
}

# --- summary.xls: a summary sheet beside the area sheets (issue 12, item 1) -----------------------
{
    my ($wb, $f) = book('summary.xls');
    # every sheet first: a formula can only name a sheet that exists
    my $sum = $wb->add_worksheet('Sammanställning');
    my $ov = $wb->add_worksheet('Översikt');
    my $a = $wb->add_worksheet('Äldreomsorg');
    my $b = $wb->add_worksheet('Funktionsstöd');
    row($sum, 0, 0, $f->{title}, 'Sammanställning');
    row($sum, 2, 0, $f->{hdr}, 'Verksamhet', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)');
    row($sum, 3, 0, $f->{amt}, 'Äldreomsorg', 150, 500);          # right
    row($sum, 4, 0, $f->{amt}, 'funktionsstöd', 20, 90);          # C5 wrong: the sheet's rows say 80
    row($sum, 5, 0, $f->{amt}, 'Okänd verksamhet', 5, 5);         # B6 C6: no sheet holds it
    row($sum, 6, 0, $f->{sum}, 'Totalt', 170, 580);               # the plan: right
    # Untitled, keyed by Område, amounts as formulas into the area sheet (cached 150 / 500).
    row($ov, 0, 0, $f->{hdr}, 'Område', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)');
    row($ov, 1, 0, $f->{amt}, 'Äldreomsorg', ['f', '=Äldreomsorg!D5+Äldreomsorg!D6', 150],
        ['f', '=Äldreomsorg!E5+Äldreomsorg!E6', 500]);
    row($a, 0, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($a, 1, 0, $f->{wrap}, 'Hemtjänst', 'Nattpatrull', 'Beskrivning 1.');
    row($a, 3, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($a, 4, 2, $f->{amt}, 'Effekt A', 100, 200);
    row($a, 5, 2, $f->{amt}, 'Effekt B', 50, 300);
    row($a, 6, 2, $f->{sum}, 'Summa', 150, 500);
    row($b, 0, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($b, 1, 0, $f->{wrap}, 'Boende', 'Samordning', 'Beskrivning 2.');
    row($b, 2, 2, $f->{hdr}, 'Åtgärder', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($b, 3, 2, $f->{amt}, 'Effekt C', 20, 80);
    $wb->close;
}

# --- flat.xls: one row per effect and per KPI, each naming its measure ----------------------------
{
    my ($wb, $f) = book('flat.xls');
    my $e = $wb->add_worksheet('Effekter');
    row($e, 0, 1, $f->{hdr}, 'Verksamhet', 'Område', 'Åtgärd', 'Beskrivning av effekt',
        'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($e, 1, 1, $f->{amt}, 'Äldreomsorg', 'Hemtjänst', 'Träffsäkra beslut', 'Effekt 1', 100, 200, 'k1');
    # B3:D3 empty, as under merged cells: the row belongs to the measure above.
    row($e, 2, 1, $f->{amt}, undef, undef, undef, 'Effekt 2', 50, ['s', '1 650']);
    row($e, 3, 1, $f->{amt}, 'Äldreomsorg', 'Särskilt boende', 'Personaltäthet', 'Effekt 3', 4000, 9000);
    row($e, 4, 1, $f->{amt}, 'Funktionsstöd', 'Daglig verksamhet', 'Gladö stall', 'Effekt 4', 296, 508);
    row($e, 5, 1, $f->{sum}, 'Summa', undef, undef, undef, 4446, 11358);   # a sheet total: no effect
    my $k = $wb->add_worksheet('Nyckeltal');
    row($k, 0, 0, $f->{hdr}, 'Verksamhet', 'Område', 'Åtgärd', 'Nyckeltal', 'Målvärde', 'Nuläge', 'Kommentar');
    row($k, 1, 0, undef, 'Äldreomsorg', 'Hemtjänst', 'Träffsäkra beslut', 'Utförd tid', 'Öka', '73,9 %', 'c');
    # Other case and spacing: still the same measure.
    row($k, 2, 0, undef, 'äldreomsorg', 'hemtjänst', 'Träffsäkra  beslut', 'Timmar per kund', 'Minska', 34.8);
    row($k, 3, 0, undef, 'Funktionsstöd', 'Boende', 'Profilboende', 'Vaken natt', 'Minska', 'Oförändrad');
    row($k, 4, 0, undef, undef, undef, undef, 'Totalt antal boenden', ['s', '14'], ['s', '14']);  # filled down
    $wb->close;
}

# --- cover_labels.xls: a cover sheet of "Label:" cells -------------------------------------------
{
    my ($wb, $f) = book('cover_labels.xls');
    my $c = $wb->add_worksheet('Försättsblad');
    row($c, 0, 0, $f->{title}, 'Handlingsplan för ekonomi i balans');
    row($c, 2, 0, undef, 'Nämnd:', 'Kommunstyrelsen');
    row($c, 3, 0, undef, 'Kommun:', 'Exempelstad');
    row($c, 4, 0, undef, 'Uppföljning per juni 2025');
    my $ws = $wb->add_worksheet('Plan');
    row($ws, 0, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 1, 0, undef, 'Ledning', 'Färre chefer', 'Sammanslagna enheter.');
    $wb->close;
}

# --- not_a_plan.xls: a valid workbook without any plan table -------------------------------------
{
    my ($wb, $f) = book('not_a_plan.xls');
    my $ws = $wb->add_worksheet('Data');
    row($ws, 0, 0, undef, 'Konto', 'Belopp');
    row($ws, 1, 0, undef, 4010, 1200);
    $wb->close;
}

# --- continued.xls: a description typed over several rows; an effect table whose description
#     column has no header --------------------------------------------------------------------------
{
    my ($wb, $f) = book('continued.xls');
    my $ws = $wb->add_worksheet('Stöd');
    row($ws, 0, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 1, 0, $f->{wrap}, 'Boende', 'Hemmaplan', 'Stycke ett.');
    row($ws, 2, 2, $f->{wrap}, 'Stycke två.');
    row($ws, 3, 3, $f->{hdr}, 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)');   # C4 left empty
    row($ws, 4, 2, $f->{amt}, 'Färre placeringar', 10, 20);
    # A KPI table without a target column: targets are missing, placed at the row's first cell.
    row($ws, 5, 2, $f->{hdr}, 'Nyckeltal', 'Nuläge');
    row($ws, 6, 2, undef, 'Antal placeringar', ['s', '12']);
    $wb->close;
}

# --- generic_titles.xls: title rows that name no area; area names before a dash; a flat table
#     without Verksamhet/Område whose Åtgärd column names the measure ----------------------------
{
    my ($wb, $f) = book('generic_titles.xls');
    my $a = $wb->add_worksheet('Äldreomsorg');
    row($a, 0, 0, $f->{title}, 'Åtgärder inom vård- och omsorgsnämnden');   # no area: the sheet's
    row($a, 2, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($a, 3, 0, undef, 'Hemtjänst', 'Planering', 'Bättre planering.');
    my $b = $wb->add_worksheet('Blad2');
    row($b, 0, 0, $f->{title}, "Hemtjänst och boende $EN_DASH åtgärder 2024"); # area before the dash
    row($b, 2, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($b, 3, 0, undef, 'Boende', 'Samlokalisering', 'Färre lokaler.');
    my $c = $wb->add_worksheet('Blad3');
    row($c, 0, 0, $f->{title}, 'Kultur och fritid');
    row($c, 2, 0, $f->{hdr}, 'Åtgärd', 'Beskrivning av effekt', 'Effekt 2024 (tkr)', 'Helårseffekt (tkr)');
    row($c, 3, 0, $f->{amt}, 'Bibliotek', 'Kortare öppettider', 100, 200);
    row($c, 4, 0, $f->{amt}, 'Bad', 'Lägre temperatur', 30, 60);
    row($c, 6, 0, $f->{hdr}, 'Åtgärd', 'Nyckeltal', 'Mål', 'Utfall');
    row($c, 7, 0, undef, 'Bibliotek', 'Besökare per timme', 'Öka', ['s', '41']);
    $wb->close;
}

# --- sheet_title.xls: no cover; the plan's title over its table gives title and period ------------
{
    my ($wb, $f) = book('sheet_title.xls');
    my $ws = $wb->add_worksheet('Individ och familj');
    row($ws, 0, 0, $f->{title}, 'Handlingsplan per mars 2025');
    row($ws, 2, 0, $f->{hdr}, 'Område', 'Åtgärd', 'Beskrivning');
    row($ws, 3, 0, undef, 'Ekonomiskt bistånd', 'Kontroller', 'Fler kontroller.');
    row($ws, 4, 2, $f->{hdr}, 'Åtgärder', 'Effekt innevarande år (tkr)', 'Helårseffekt (tkr)');
    row($ws, 5, 2, $f->{amt}, 'Färre felaktiga utbetalningar', 100, 400);
    $wb->close;
}

# --- flat_plan.xls: the whole fixture plan (../plan-2024-08.json) in the flat layout ------------
{
    require JSON::PP;
    my $path = "$FindBin::Bin/../plan-2024-08.json";
    open my $fh, '<:raw', $path or die "$path: $!\n";
    my $model = JSON::PP->new->utf8(1)->decode(do { local $/; <$fh> });
    close $fh;
    my ($wb, $f) = book('flat_plan.xls');
    my $e = $wb->add_worksheet('Effekter');
    my $k = $wb->add_worksheet('Nyckeltal');
    row($e, 0, 0, $f->{hdr}, 'Verksamhet', 'Område', 'Åtgärd', 'Beskrivning av effekt',
        'Effekt 2024 (tkr)', 'Helårseffekt (tkr)', 'Kommentar');
    row($k, 0, 0, $f->{hdr}, 'Verksamhet', 'Område', 'Åtgärd', 'Nyckeltal', 'Målvärde', 'Nuläge', 'Kommentar');
    my ($er, $kr) = (1, 1);
    for my $a (@{ $model->{areas} }) {
        for my $m (@{ $a->{measures} }) {
            for my $x (@{ $m->{effects} }) {
                row($e, $er++, 0, $f->{amt}, $a->{name}, $m->{section}, $m->{title}, $x->{description},
                    $x->{effect_2024_tkr}, $x->{full_year_tkr}, $x->{comment} eq '' ? undef : $x->{comment});
            }
            for my $x (@{ $m->{kpis} }) {
                row($k, $kr++, 0, undef, $a->{name}, $m->{section}, $m->{title}, $x->{name},
                    ['s', $x->{target}], ['s', $x->{current}], $x->{comment} eq '' ? undef : $x->{comment});
            }
        }
    }
    $wb->close;
}

print "wrote layouts to $out\n";
