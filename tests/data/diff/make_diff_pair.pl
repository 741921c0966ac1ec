#!/usr/bin/perl
# make_diff_pair.pl — the example plan's "next submission" for planxl diff's tests (issue 15):
# the golden model (../plan-2024-08.json) with known changes, written with the same layout and
# legacy quirks as the example (../make_plan_xls.pl), so that exactly these differ:
#   added    Funktionsstöd: "Samordnad planering av boendestöd" (150 / 600 tkr)
#   removed  Äldreomsorg:   "Digital natttillsyn"
#   renamed  Äldreomsorg:   "Skifta perspektiv" -> "Skifta perspektiv i hemtjänsten"
#   amounts  Personaltäthet Helårseffekt 9000 -> 9500; Gladö stall Effekt 2024 296 -> 310;
#            körda kilometer Helårseffekt 1225 -> 1300
#   KPIs     Träffsäkra beslut: Utförd tid … Nuläge 73,9 % -> 75,2 %;
#            bomkörningar Nuläge 4 % -> 3 %
#
#   perl make_diff_pair.pl            writes plan-2024-08-changed.xls next to this script
use strict;
use warnings;
use utf8;
use FindBin;

require "$FindBin::Bin/../make_plan_xls.pl";

my $model = load_model("$FindBin::Bin/../plan-2024-08.json");
my %area = map { $_->{name} => $_ } @{ $model->{areas} };

sub measure {
    my ($area, $title) = @_;
    my ($m) = grep { $_->{title} eq $title } @{ $area{$area}{measures} };
    die "no measure '$title' in $area\n" unless $m;
    return $m;
}

# removed
my $ao = $area{'Äldreomsorg'};
$ao->{measures} = [ grep { $_->{title} ne 'Digital natttillsyn' } @{ $ao->{measures} } ];
# renamed (same Område, same effect rows)
measure('Äldreomsorg', 'Skifta perspektiv')->{title} = 'Skifta perspektiv i hemtjänsten';
# three amounts
measure('Äldreomsorg', 'Personaltäthet')->{effects}[0]{full_year_tkr} = 9500;
measure('Funktionsstöd', 'Översyn av verksamheten inom Gladö stall')->{effects}[0]{effect_2024_tkr} = 310;
measure('Funktionsstöd', 'Utforma arbetsätt för att minska ensamåkning och antal körda kilometer')
    ->{effects}[1]{full_year_tkr} = 1300;
# two KPI values
measure('Äldreomsorg', 'Träffsäkra beslut')->{kpis}[0]{current} = '75,2 %';
measure('Funktionsstöd', 'Utforma rutiner för att minska antalet bomkörningar och sent avbokade besök')
    ->{kpis}[0]{current} = '3 %';
# added, after Genomlysning av boendestödet
my $fs = $area{'Funktionsstöd'}{measures};
my ($at) = grep { $fs->[$_]{title} eq 'Genomlysning av boendestödet' } 0 .. $#$fs;
splice @$fs, $at + 1, 0, {
    section     => 'Boendestöd',
    title       => 'Samordnad planering av boendestöd',
    description => 'Boendestödet planeras gemensamt för hela kommunen så att resorna mellan brukarna blir färre.',
    kpis        => [],
    effects     => [ { description => 'Färre restimmar i boendestödet', effect_2024_tkr => 150,
                       full_year_tkr => 600, comment => '' } ],
    stated_amounts => [],
};

print_notes('plan-2024-08-changed.xls',
    write_main_workbook("$FindBin::Bin/plan-2024-08-changed.xls", $model, default_tweaks()));
