#!/bin/sh
# Write the formula test workbooks with three writers and record what two
# independent readers see in them (tests/check_formula_files.c compares planxl
# with that). Run from anywhere; writes into this directory:
#   perl.xls            Spreadsheet::WriteExcel (BIFF8; cached results all 0)
#   libreoffice.xls     LibreOffice Calc from formulas.fods (BIFF8)
#   gnumeric.xls        Gnumeric ssconvert from formulas.gnumeric (BIFF8)
#   gnumeric-biff7.xls  the same as Excel 95 (BIFF7, which shares BIFF5's tokens)
#   expected.tsv        per formula cell: LibreOffice's formula text (the .xls
#                       converted to .xlsx by soffice, read by openpyxl) and
#                       python3-xlrd's cached value
# Needs: perl + libspreadsheet-writeexcel-perl, libreoffice-calc-nogui, gnumeric,
# python3-openpyxl, python3-xlrd (Debian's /usr/bin/python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/planxl-formulas.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A throwaway LibreOffice profile: never the user's, never shared with a running soffice.
soffice="soffice -env:UserInstallation=file://$work/lo-profile --headless"
python=/usr/bin/python3

cd "$here"
$python workbook.py   # cells.tsv, formulas.fods, formulas.gnumeric

perl write_perl.pl cells.tsv perl.xls
$soffice --convert-to xls --outdir "$work" formulas.fods >/dev/null 2>&1
cp "$work/formulas.xls" libreoffice.xls
ssconvert --recalc formulas.gnumeric gnumeric.xls 2>/dev/null
ssconvert -T Gnumeric_Excel:excel_biff7 --recalc formulas.gnumeric gnumeric-biff7.xls 2>/dev/null

files="perl.xls libreoffice.xls gnumeric.xls gnumeric-biff7.xls"
for f in $files; do
    cp "$f" "$work/"
    $soffice --convert-to xlsx --outdir "$work" "$work/$f" >/dev/null 2>&1
done
(cd "$work" && $python "$here/expected.py" $files) > expected.tsv
wc -l expected.tsv
