#!/bin/sh
# profile.sh — where does a program spend its time? perf record on one run, then
# the share of samples per library and the hottest addresses/symbols.
#
#   bench/profile.sh [WORKLOAD] [PROGRAM...]     default: M, the floor
#   e.g. bench/profile.sh L build/bench/write_only bench/work/L.cells /tmp/L.xlsx
#
# Debian's libfreexl is stripped: its hot spot shows as addresses. In freexl
# 1.0.6-2 (amd64), 0x1220–0x12d0 is the static compute_date(), the day-by-day
# date loop (objdump -d /usr/lib/x86_64-linux-gnu/libfreexl.so.1 shows it).
# Needs linux-perf; as non-root, kernel.perf_event_paranoid may have to be lowered.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
w=${1:-M}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "$here/../build/bench/floor" "$here/work/$w.xls" "/tmp/profile-$w.xlsx"
data=/tmp/perf-bench-$w.data
perf record -q -o "$data" "$@"
echo "== share of samples per library"
perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%' | head -8
echo "== hottest addresses or symbols"
perf report -i "$data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null | grep '%' | head -15
