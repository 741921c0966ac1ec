#!/bin/sh
# make_workloads.sh — write the benchmark workbooks into bench/work/ (git-ignored:
# never commit them; they are regenerated in about 30 s and are identical every
# time, from a fixed seed).
#
#   bench/make_workloads.sh [NAME...]     default: S MN M L W
#
#   S   the plan-like sheet tests/data/plan-2024-08.xls (about 50 rows, text + amounts)
#   MN  20 000 rows x 20 columns, numbers and text, no dates
#   M   as MN with a date column in every four
#   L   65 000 rows x 40 columns with dates (near the .xls limit of 65 536 rows)
#   W   8 sheets x 20 000 rows x 10 columns with dates
#   MX  as M, every cell in one of 240 cell formats (not made by default)
# Every sheet also has a text header row. Needs perl with Spreadsheet::WriteExcel and
# OLE::Storage_Lite (Debian: libspreadsheet-writeexcel-perl libole-storage-lite-perl;
# without the latter WriteExcel cannot write files over 7 MB).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work="$here/work"
mkdir -p "$work"
seed=20240801

[ $# -gt 0 ] || set -- S MN M L W
for name in "$@"; do
    out="$work/$name.xls"
    case $name in
        S)  cp "$here/../tests/data/plan-2024-08.xls" "$out" ;;
        #                                   rows  cols sheets dates
        MN) perl "$here/make_workload.pl" "$out" 20000 20 1 0 "$seed" ;;
        M)  perl "$here/make_workload.pl" "$out" 20000 20 1 1 "$seed" ;;
        L)  perl "$here/make_workload.pl" "$out" 65000 40 1 1 "$seed" ;;
        W)  perl "$here/make_workload.pl" "$out" 20000 10 8 1 "$seed" ;;
        # not one of issue 5's five: formulas, which keep AUTO's BIFF pass open beside freexl
        MF) perl "$here/make_workload.pl" "$out" 20000 20 1 2 "$seed" ;;
        # issue 13: every cell in one of 240 cell formats, formatted empty cells
        MX) perl "$here/make_workload.pl" "$out" 20000 20 1 3 "$seed" ;;
        *)  echo "make_workloads.sh: unknown workload '$name' (S MN M L W MF MX)" >&2; exit 2 ;;
    esac
    echo "$out: $(wc -c <"$out") bytes"
done
