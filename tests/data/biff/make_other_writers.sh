#!/bin/sh
# make_other_writers.sh — the WriteExcel formula workbook rewritten by two other
# writers, for tests/check_biff.c: LibreOffice (BIFF8; Debian 12's LibreOffice no
# longer exports "MS Excel 95") and Gnumeric's ssconvert (BIFF8, and BIFF5 with
# 8-bit text in a code page). Run after make_writeexcel.pl.
#   sh make_other_writers.sh [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a private LibreOffice profile: no interference with a running instance
profile="-env:UserInstallation=file://$tmp/profile"
cp "$here/writeexcel_formulas.xls" "$tmp/lo_formulas.xls"
mkdir "$tmp/out8"
soffice $profile --headless --convert-to 'xls:MS Excel 97' --outdir "$tmp/out8" "$tmp/lo_formulas.xls" >/dev/null 2>&1
cp "$tmp/out8/lo_formulas.xls" "$out/lo_formulas.xls"
ssconvert --export-type=Gnumeric_Excel:excel_biff8 "$here/writeexcel_formulas.xls" "$out/gnumeric_formulas.xls" >/dev/null 2>&1
ssconvert --export-type=Gnumeric_Excel:excel_biff7 "$here/writeexcel_formulas.xls" "$out/gnumeric_formulas_biff5.xls" >/dev/null 2>&1
