#!/bin/bash
# xlsx_read.sh — reading a large .xlsx: planxl's grid against openpyxl read-only and
# LibreOffice headless loading the same file (issue 11, item 6).
#
#   bench/xlsx_read.sh [-n ROUNDS] [FILE.xlsx]
#
#   FILE defaults to bench/work/L.xlsx: the L workload (bench/make_workloads.sh L)
#   saved as .xlsx by LibreOffice, made here when missing (a few minutes, once):
#   shared strings and styles as Excel-like writers make them.
#
# Each round runs the three readers in rotating order; each run is timed with GNU time
# (wall seconds, peak resident memory, user + system CPU seconds: on a shared machine the
# CPU time is the figure to compare, the wall time grows with the load). The three:
#   planxl       build-bench/bench/read_cells FILE (every cell through pxl_grid_sheet_scan:
#                what dump, check and report read before recognition)
#   openpyxl     /usr/bin/python3: load_workbook(read_only=True), every row's values
#   libreoffice  soffice --headless --convert-to csv (loading, then a CSV of the first sheet)
# Prints every run and the medians. Needs: time, python3-openpyxl, libreoffice-calc-nogui,
# and a build with -DPLANXL_BUILD_BENCH=ON in build-bench/ (made here when missing).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
rounds=3
while getopts n: opt; do
    case $opt in
        n) rounds=$OPTARG ;;
        *) sed -n '2,10p' "$0" >&2; exit 64 ;;
    esac
done
shift $((OPTIND - 1))
file=${1:-$here/work/L.xlsx}
reader="$top/build-bench/bench/read_cells"
work=$(mktemp -d "${TMPDIR:-/tmp}/planxl-xlsxread-XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -x "$reader" ]; then
    cmake -S "$top" -B "$top/build-bench" -DCMAKE_BUILD_TYPE=Release -DPLANXL_BUILD_BENCH=ON >/dev/null &&
        cmake --build "$top/build-bench" --target pxl_bench_read_cells -j2 >/dev/null || exit 1
fi
if [ ! -e "$file" ]; then
    [ "$file" = "$here/work/L.xlsx" ] || { echo "xlsx_read.sh: no $file" >&2; exit 66; }
    [ -e "$here/work/L.xls" ] || "$here/make_workloads.sh" L || exit 1
    mkdir -p "$work/profile"
    soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
        --convert-to xlsx --outdir "$here/work" "$here/work/L.xls" >/dev/null 2>&1
    [ -s "$file" ] || { echo "xlsx_read.sh: LibreOffice did not make $file" >&2; exit 1; }
fi

cat >"$work/openpyxl_read.py" <<'PY'
import sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
cells = 0
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        cells += sum(v is not None for v in row)
print(len(book.worksheets), "sheets,", cells, "cells")
PY

# one NAME COMMAND...: a timed run; "wall rss_kb" appended to $work/NAME
one()
{
    local name=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out.$name" 2>"$work/err.$name" </dev/null ||
        { echo "xlsx_read.sh: $name failed:" >&2; tail -3 "$work/err.$name" >&2; exit 1; }
    cat "$work/time" >>"$work/$name"
}

run()
{
    case $1 in
        planxl) one planxl "$reader" "$file" ;;
        openpyxl) one openpyxl /usr/bin/python3 "$work/openpyxl_read.py" "$file" ;;
        libreoffice)
            rm -rf "$work/csv"
            one libreoffice soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
                --convert-to csv --outdir "$work/csv" "$file" ;;
    esac
}

median() # FILE FIELD (5: CPU, user + system)
{
    awk -v f="$2" '{ print f == 5 ? $3 + $4 : $f }' "$1" | LC_ALL=C sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

sides=(planxl openpyxl libreoffice)
echo "reading $file ($(stat -c %s "$file") bytes), $rounds rounds (load $(cut -d' ' -f1-3 /proc/loadavg))"
for ((i = 0; i < rounds; i++)); do
    line="round $((i + 1)):"
    for ((k = 0; k < ${#sides[@]}; k++)); do
        side=${sides[(i + k) % ${#sides[@]}]}
        run "$side"
    done
    for side in "${sides[@]}"; do
        line+=" $side $(tail -1 "$work/$side" | awk '{ printf "%s s (cpu %.2f s) %d MB", $1, $3 + $4, $2 / 1024 }')"
    done
    echo "$line"
done
echo "planxl: $(cat "$work/out.planxl")"
echo "openpyxl: $(cat "$work/out.openpyxl")"
p=$(median "$work/planxl" 1) o=$(median "$work/openpyxl" 1) l=$(median "$work/libreoffice" 1)
echo "median wall: planxl $p s, openpyxl read-only $o s, LibreOffice $l s"
echo "median peak RSS: planxl $(($(median "$work/planxl" 2) / 1024)) MB, openpyxl $(($(median "$work/openpyxl" 2) / 1024)) MB," \
    "LibreOffice $(($(median "$work/libreoffice" 2) / 1024)) MB"
LC_ALL=C awk -v p="$p" -v o="$o" -v l="$l" 'BEGIN { printf "wall: openpyxl / planxl %.1fx, LibreOffice / planxl %.1fx\n", o / p, l / p }'
p=$(median "$work/planxl" 5) o=$(median "$work/openpyxl" 5) l=$(median "$work/libreoffice" 5)
echo "median CPU (user + system): planxl $p s, openpyxl read-only $o s, LibreOffice $l s"
LC_ALL=C awk -v p="$p" -v o="$o" -v l="$l" 'BEGIN { printf "cpu: openpyxl / planxl %.1fx, LibreOffice / planxl %.1fx\n", o / p, l / p }'
