#!/usr/bin/perl
# make_defects.pl — one Excel 97-2003 workbook per finding code of `planxl check`, each the example
# plan (../plan-2024-08.json, laid out by ../make_plan_xls.pl) with exactly one planted defect, plus
# clean variants that must give no finding of the code they resemble.
#
#   cd tests/data/defects && perl make_defects.pl     (Debian: libspreadsheet-writeexcel-perl)
#
# Prints, for every workbook, the cells of interest; tests/check_check_cli.c asserts the defect's
# code, severity and cell. Every workbook also carries the example's three amounts stored as text
# (warnings at Äldreomsorg!E30, E33 and Funktionsstöd!E13, unless a defect moved them).
use strict;
use warnings;
use utf8;
use FindBin;
use File::Copy;

require "$FindBin::Bin/../make_plan_xls.pl";

binmode STDOUT, ':encoding(UTF-8)';
my $out = $FindBin::Bin;
my $model_path = "$FindBin::Bin/../plan-2024-08.json";

sub model { return load_model($model_path) }    # a fresh copy for each workbook

sub measure {
    my ($model, $title) = @_;
    for my $area (@{ $model->{areas} }) {
        for my $m (@{ $area->{measures} }) {
            return $m if $m->{title} eq $title;
        }
    }
    die "no measure '$title'\n";
}

sub area {
    my ($model, $name) = @_;
    for my $area (@{ $model->{areas} }) {
        return $area if $area->{name} eq $name;
    }
    die "no area '$name'\n";
}

sub write_book {
    my ($name, $model, $tw) = @_;
    print_notes($name, write_main_workbook("$out/$name", $model, $tw));
}

# SUM() ranges are written by make_plan_xls.pl from the rows; this rewrites one on its way to the file.
my $formula_rewrite;
{
    no warnings 'redefine';
    my $orig = \&Spreadsheet::WriteExcel::Worksheet::write_formula;
    *Spreadsheet::WriteExcel::Worksheet::write_formula = sub {
        my ($self, $row, $col, $formula, @rest) = @_;
        $formula = $formula_rewrite->($formula) if $formula_rewrite;
        print "  formula written: $formula\n";
        return $orig->($self, $row, $col, $formula, @rest);
    };
}

my ($m, $tw);

# total-mismatch at Äldreomsorg!E25: a typed Summa of 400 under Flytt av verksamhet (rows: 180 + 180).
$m = model();
$tw = default_tweaks();
$tw->{summa}{'Flytt av verksamhet'} = { e2024 => ['const', undef], full => ['const', 400] };
write_book('defect-total-mismatch.xls', $m, $tw);

# clean: the same Summa typed correctly (0 and 360), and a correct Summa formula under Personaltäthet.
$m = model();
$tw = default_tweaks();
$tw->{summa}{'Flytt av verksamhet'} = { e2024 => ['const', undef], full => ['const', undef] };
$tw->{summa}{'Personaltäthet'} = { e2024 => ['formula', undef], full => ['formula', undef] };
write_book('clean-total.xls', $m, $tw);

# unparsable-number at Äldreomsorg!E13: Helårseffekt of Skifta perspektiv typed "2 7OO" (letter O).
$m = model();
$tw = default_tweaks();
$tw->{amount_text}{'Skifta perspektiv|0|full_year_tkr'} = '2 7OO';
write_book('defect-unparsable-number.xls', $m, $tw);

# missing-field at Äldreomsorg!B19: the Åtgärd of Organisationsöversyn left empty.
$m = model();
$tw = default_tweaks();
$tw->{blank_title}{'Organisationsöversyn'} = 1;
write_book('defect-missing-field.xls', $m, $tw);

# duplicate-measure at Äldreomsorg!B47: Samlokalisering … submitted twice (second copy re-spaced).
$m = model();
$tw = default_tweaks();
{
    my $area = area($m, 'Äldreomsorg');
    my %copy = %{ $area->{measures}[-1] };
    $copy{title} = "  $copy{title} ";
    $copy{title} =~ s/ av / av  /;
    push @{ $area->{measures} }, \%copy;
}
write_book('defect-duplicate-measure.xls', $m, $tw);

# stated-amount-mismatch at Äldreomsorg!C21: the prose says 0,46 miljoner, the rows 360 tkr.
$m = model();
$tw = default_tweaks();
measure($m, 'Flytt av verksamhet')->{description} =~ s/0,36 miljoner/0,46 miljoner/ or die;
write_book('defect-stated-amount-mismatch.xls', $m, $tw);

# amount-stored-as-text at Äldreomsorg!D43: Effekt 2024 of Personaltäthet typed as the text "4 000".
$m = model();
$tw = default_tweaks();
$tw->{amount_text}{'Personaltäthet|0|effect_2024_tkr'} = '4 000';
write_book('defect-amount-stored-as-text.xls', $m, $tw);

# partial-year-exceeds-full-year at Äldreomsorg!D13: Skifta perspektiv 3 000 in 2024, 2 700 full year.
$m = model();
$tw = default_tweaks();
measure($m, 'Skifta perspektiv')->{effects}[0]{effect_2024_tkr} = 3000;
write_book('defect-partial-year-exceeds-full-year.xls', $m, $tw);

# percent-out-of-range at Äldreomsorg!D17: Målvärde of Andel med kameratillsyn "120 %".
$m = model();
$tw = default_tweaks();
measure($m, 'Digital natttillsyn')->{kpis}[0]{target} = '120 %';
write_book('defect-percent-out-of-range.xls', $m, $tw);

# kind-mismatch at Äldreomsorg!E11: target "95 %", current "Ej mätt ännu".
$m = model();
$tw = default_tweaks();
measure($m, 'Skifta perspektiv')->{kpis}[0]{current} = 'Ej mätt ännu';
write_book('defect-kind-mismatch.xls', $m, $tw);

# duplicate-row at Funktionsstöd!C7: the Gladö stall effect row twice.
$m = model();
$tw = default_tweaks();
{
    my $effects = measure($m, 'Översyn av verksamheten inom Gladö stall')->{effects};
    push @$effects, { %{ $effects->[0] } };
}
write_book('defect-duplicate-row.xls', $m, $tw);

# sum-range-incomplete at Äldreomsorg!E37: Summa =SUM(E30:E35) leaves out E36 (cached value 5 110 kept,
# so it is no total-mismatch). Formula text needs planxl's own BIFF reader.
$m = model();
$tw = default_tweaks();
$formula_rewrite = sub { my $f = shift; $f =~ s/^=SUM\(E30:E36\)$/=SUM(E30:E35)/; return $f };
write_book('defect-sum-range-incomplete.xls', $m, $tw);
$formula_rewrite = undef;

# unreadable-file: text that is no workbook, and the example cut off after 4 KiB.
{
    open my $fh, '>:raw', "$out/defect-unreadable-file.xls" or die $!;
    print $fh "Detta är ingen arbetsbok, bara text med filändelsen .xls.\n";
    close $fh;
    open my $in, '<:raw', "$FindBin::Bin/../plan-2024-08.xls" or die $!;
    read $in, my $head, 4096;
    close $in;
    open my $cut, '>:raw', "$out/defect-unreadable-truncated.xls" or die $!;
    print $cut $head;
    close $cut;
    print "== defect-unreadable-file.xls, defect-unreadable-truncated.xls\n";
}
