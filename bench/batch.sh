#!/bin/bash
# batch.sh — planxl convert -j 2 against -j 1 on many files, in pairs (issue 10).
#
#   bench/batch.sh [-n PAIRS] [-p PLANXL] [-b BASELINE_PLANXL] [FILE.xls ...]
#
#   -n  pairs of runs (default 7); the median of each and of the ratios is reported
#   -p  the planxl to time (default build/planxl)
#   -b  a second planxl (say, the last release) whose -j 1 is timed in the same
#       rounds, for "-j 1 no slower than before"
#   FILES default to $PLANXL_CORPUS/*.xls, PLANXL_CORPUS defaulting to the
#   647-file corpus of bench/README.md (/work/shared/corpus/xls).
#
# Each round runs -j 1, -j 2 (and the baseline's -j 1) in turn, the order
# rotating from round to round, each into a fresh output directory, so a drift
# of the machine's speed touches both sides of a pair alike; on a shared
# machine quote the medians of the ratios, not single times. Wall time is
# date +%s.%N around each run. Only bash, coreutils and sort are needed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
pairs=7
planxl="$top/build/planxl"
baseline=
while getopts n:p:b: opt; do
    case $opt in
        n) pairs=$OPTARG ;;
        p) planxl=$OPTARG ;;
        b) baseline=$OPTARG ;;
        *) sed -n '2,12p' "$0" >&2; exit 64 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
    set -- "${PLANXL_CORPUS:-/work/shared/corpus/xls}"/*.xls
fi
[ -e "$1" ] || { echo "batch.sh: no input files ($1)" >&2; exit 66; }
work=$(mktemp -d "${TMPDIR:-/tmp}/planxl-batch-XXXXXX")
trap 'rm -rf "$work"' EXIT

# run NAME BINARY JOBS: one timed run; its wall seconds appended to $work/NAME
run()
{
    local name=$1 bin=$2 jobs=$3 start end rc
    shift 3
    rm -rf "$work/out" && mkdir "$work/out" # (planxl before issue 10 wants it made)
    start=$(date +%s.%N)
    "$bin" convert -q -j "$jobs" -d "$work/out" "$@" >/dev/null 2>"$work/err" </dev/null
    rc=$?
    end=$(date +%s.%N)
    # 0 all converted, 2 some inputs unreadable (the corpus holds broken and encrypted files;
    # planxl before issue 10 said 1)
    if [ $rc -gt 2 ]; then
        echo "batch.sh: $bin -j $jobs exited $rc:" >&2
        tail -3 "$work/err" >&2
        exit 1
    fi
    echo "$end - $start" | LC_ALL=C awk -F' - ' '{ printf "%.3f\n", $1 - $2 }' >>"$work/$name"
}

median()
{
    LC_ALL=C sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

files=("$@")
sides=(j1 j2)
[ -n "$baseline" ] && sides+=(base)
echo "planxl convert on ${#files[@]} files, $pairs rounds of: ${sides[*]} (load $(cut -d' ' -f1-3 /proc/loadavg))"
for ((i = 0; i < pairs; i++)); do
    for ((k = 0; k < ${#sides[@]}; k++)); do
        side=${sides[(i + k) % ${#sides[@]}]}
        case $side in
            j1) run j1 "$planxl" 1 "${files[@]}" ;;
            j2) run j2 "$planxl" 2 "${files[@]}" ;;
            base) run base "$baseline" 1 "${files[@]}" ;;
        esac
    done
    line="round $((i + 1)):"
    for side in "${sides[@]}"; do line+=" $side $(tail -1 "$work/$side") s"; done
    echo "$line"
done
paste "$work/j1" "$work/j2" | awk '{ printf "%.3f\n", $1 / $2 }' >"$work/speedup"
echo "median wall: -j 1 $(median "$work/j1") s, -j 2 $(median "$work/j2") s"
echo "median speed-up of -j 2 over -j 1, pair by pair: $(median "$work/speedup")x" \
     "(min $(sort -g "$work/speedup" | head -1), max $(sort -g "$work/speedup" | tail -1))"
if [ -n "$baseline" ]; then
    paste "$work/j1" "$work/base" | awk '{ printf "%.3f\n", $1 / $2 }' >"$work/vsbase"
    echo "median wall of the baseline's -j 1: $(median "$work/base") s;" \
         "-j 1 / baseline -j 1, pair by pair: $(median "$work/vsbase")"
fi
