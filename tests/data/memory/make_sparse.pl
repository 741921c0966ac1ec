#!/usr/bin/perl
# make_sparse.pl — workbooks whose declared size is far larger than their content, for
# tests/check_memory.c (issue 16: memory bounded by the content, not by what a file declares).
# freexl 1.0.6 allocates 16 bytes for every cell a sheet declares (read/freexl.c), so each of
# these would cost it 268 MB a sheet; planxl's BIFF reader needs a few megabytes.
#
#   perl make_sparse.pl [OUTDIR]      (default: the directory of this script)
#
# Uses Spreadsheet::WriteExcel (Debian's libspreadsheet-writeexcel-perl), which writes each
# sheet's DIMENSIONS record from the cells written. The generated .xls files are committed.
#
# sparse_sheets.xls  eight sheets, each a small plan (one measure, one effect row) and one
#                    number at IV65536, the sheet's last cell: DIMENSIONS 65536 x 256 (true).
# dimensions_lie.xls one sheet, the same small plan and no far cell, its DIMENSIONS
#                    patched to claim 65536 x 256 (a lie).
# no_dimensions.xls  one sheet with the small plan and the IV65536 cell, its DIMENSIONS
#                    record renamed away: freexl then sizes the sheet by its cells' extent.
# sst_count_lie.xls  one sheet with the small plan, its shared string table claiming
#                    4 294 967 295 strings (it holds 9): no reader may size anything by that.
use strict;
use warnings;
use utf8;
use FindBin;
use Spreadsheet::WriteExcel;

my $out = shift // $FindBin::Bin;

# Sheet @p name: a plan of one measure (area = the sheet's name) with effects 100 * n and
# 200 * n tkr (A1:C4), and with @p far the number n at IV65536.
sub plan_sheet {
    my ($wb, $name, $n, $far) = @_;
    my $ws = $wb->add_worksheet($name);
    $ws->write_string(0, 0, 'Område');
    $ws->write_string(0, 1, 'Åtgärd');
    $ws->write_string(0, 2, 'Beskrivning');
    $ws->write_string(1, 0, $name);
    $ws->write_string(1, 1, "Åtgärd $n");
    $ws->write_string(1, 2, "Beskrivning $n");
    $ws->write_string(2, 0, 'Åtgärder');
    $ws->write_string(2, 1, 'Effekt 2024 (tkr)');
    $ws->write_string(2, 2, 'Helårseffekt (tkr)');
    $ws->write_string(3, 0, "Effekt $n");
    $ws->write_number(3, 1, 100 * $n);
    $ws->write_number(3, 2, 200 * $n);
    $ws->write_number(65535, 255, $n) if $far;
}

sub book {
    my ($name, $sheets, $far) = @_;
    my $wb = Spreadsheet::WriteExcel->new("$out/$name") or die "$out/$name: $!\n";
    plan_sheet($wb, "Område $_", $_, $far) for 1 .. $sheets;
    $wb->close() or die "$out/$name: $!\n";
}

# Rewrite every DIMENSIONS record (0x0200, 14 bytes in BIFF8) of @p name with @p fix.
sub patch_dimensions {
    my ($name, $fix) = @_;
    my $path = "$out/$name";
    open my $in, '<:raw', $path or die "$path: $!\n";
    my $data = do { local $/; <$in> };
    close $in;
    my $header = pack('vv', 0x0200, 14);
    my ($at, $count) = (0, 0);
    while (($at = index($data, $header, $at)) >= 0) {
        $fix->(\$data, $at);
        $count++;
        $at += 4 + 14;
    }
    die "$path: no DIMENSIONS record\n" unless $count;
    open my $o, '>:raw', $path or die "$path: $!\n";
    print $o $data;
    close $o or die "$path: $!\n";
}

book('sparse_sheets.xls', 8, 1);

book('dimensions_lie.xls', 1, 0);
# rwMic 0, rwMac 65536, colMic 0, colMac 256, reserved
patch_dimensions('dimensions_lie.xls', sub { substr(${$_[0]}, $_[1] + 4, 14) = pack('VVvvv', 0, 65536, 0, 256, 0) });

book('no_dimensions.xls', 1, 1);

book('sst_count_lie.xls', 1, 0);
{
    my $path = "$out/sst_count_lie.xls";
    open my $in, '<:raw', $path or die "$path: $!\n";
    my $data = do { local $/; <$in> };
    close $in;
    # the SST record (0x00FC): cstTotal, cstUnique
    my $at = index($data, pack('v', 0x00FC));
    $at = index($data, pack('v', 0x00FC), $at + 1) while $at >= 0 && unpack('v', substr($data, $at + 2, 2)) < 8;
    die "$path: no SST record\n" if $at < 0;
    substr($data, $at + 4, 8) = pack('VV', 0xFFFFFFFF, 0xFFFFFFFF);
    open my $o, '>:raw', $path or die "$path: $!\n";
    print $o $data;
    close $o or die "$path: $!\n";
}
# 0x00EF: a record id no reader knows, so the record is skipped
patch_dimensions('no_dimensions.xls', sub { substr(${$_[0]}, $_[1], 2) = pack('v', 0x00EF) });
