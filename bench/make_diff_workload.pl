#!/usr/bin/perl
# make_diff_workload.pl OUTDIR [AREAS MEASURES] — a large plan pair for `planxl diff`'s figures
# (bench/README.md, "Comparing plans"): AREAS sheets of MEASURES measures each in the finance
# office's layout (tests/data/make_plan_xls.pl), every measure with 2 KPIs and 3 effect rows,
# written as OUTDIR/diff-old.xls, and OUTDIR/diff-new.xls with every 50th measure changed in
# turn: removed, renamed, an amount changed, a KPI's Nuläge changed, moved to the next area,
# plus one added measure per area. Deterministic: no randomness, no timestamps in the cells.
use strict;
use warnings;
use utf8;
use FindBin;

require "$FindBin::Bin/../tests/data/make_plan_xls.pl";

my ($outdir, $areas, $per) = @ARGV;
die "usage: $0 OUTDIR [AREAS MEASURES]\n" unless defined $outdir;
$areas //= 20;
$per //= 1000;

sub model {
    my ($changed) = @_;
    my @areas;
    for my $a (0 .. $areas - 1) {
        push @areas, { name => "Område nummer $a", measures => [], totals => {} };
    }
    for my $a (0 .. $areas - 1) {
        for my $i (0 .. $per - 1) {
            my $fate = $changed && $i % 50 == 0 ? ($i / 50) % 5 : -1;
            next if $fate == 0;    # removed
            my $title = $fate == 1 ? "Omdöpt åtgärd $a.$i" : "Åtgärd $a.$i";
            my $m = {
                section     => 'Verksamhet ' . ($i % 7),
                title       => $title,
                description => "Beskrivning av åtgärd $a.$i: vad som görs och varför.",
                kpis        => [
                    { name => "Andel nöjda $a.$i", target => '90 %',
                      current => $fate == 3 ? '88 %' : '85 %', comment => '' },
                    { name => "Antal timmar $a.$i", target => 'Minska', current => '34,8', comment => '' },
                ],
                effects => [
                    map { { description => "Effekt $_ av $a.$i", effect_2024_tkr => 100 + $_,
                            full_year_tkr => ($fate == 2 && $_ == 0 ? 250 : 200 + $_), comment => '' } } 0 .. 2
                ],
                stated_amounts => [],
            };
            my $to = $fate == 4 ? ($a + 1) % $areas : $a;
            push @{ $areas[$to]{measures} }, $m;
        }
        if ($changed) {
            push @{ $areas[$a]{measures} }, {
                section => 'Ny verksamhet', title => "Ny åtgärd $a", description => 'Tillkommen.',
                kpis => [], effects => [ { description => 'Ny effekt', effect_2024_tkr => 10,
                                           full_year_tkr => 20, comment => '' } ],
                stated_amounts => [],
            };
        }
    }
    return { title => 'Åtgärdsplan per augusti 2024', committee => 'Vård- och omsorgsnämnd',
             municipality => 'Huddinge', areas => \@areas };
}

my $tw = default_tweaks();
$tw->{$_} = {} for qw(kpi_numeric amount_text effect_header summa);
write_main_workbook("$outdir/diff-old.xls", model(0), $tw);
write_main_workbook("$outdir/diff-new.xls", model(1), $tw);
