#!/bin/sh
# make_lo_xlsx.sh — LibreOffice's own reading of the formula fixtures: each .xls
# converted to .xlsx by soffice, into lo_xlsx/. tests/check_biff.c compares planxl's
# formula text with these (read back with python3-openpyxl).
#   sh make_lo_xlsx.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$here/lo_xlsx"
for f in "$here/writeexcel_formulas.xls" "$here/lo_formulas.xls" "$here/gnumeric_formulas.xls" \
         "$here/gnumeric_formulas_biff5.xls" "$here/../corpus/poi__3dFormulas.xls" \
         "$here/../corpus/calamine__issue_643_biff5_formula.xls" "$here/../corpus/calamine__optional_records.xls" "$here/../corpus/calamine__issues.xls" "$here/../corpus/poi__49612.xls" \
         "$here/../corpus/calamine__formula-date-format.xls" "$here/../plan-2024-08.xls"; do
    soffice -env:UserInstallation=file://$tmp/profile --headless --convert-to xlsx --outdir "$tmp/out" "$f" >/dev/null 2>&1
    base=$(basename "$f" .xls)
    cp "$tmp/out/$base.xlsx" "$here/lo_xlsx/$base.xlsx"
done
