#!/bin/bash
# run.sh — time .xls → .xlsx conversion on the bench workloads, side by side:
# planxl convert (default reader, and --reader=biff), the floor, write-only,
# LibreOffice headless and python3-xlrd + XlsxWriter. See bench/README.md.
#
#   bench/run.sh [-n RUNS] [-N RUNS_LARGE] [-w "S MN M L W"] [-t "TOOLS"] [-b BUILD] [-p PLANXL] [-u]
#
#   -n  runs per tool on S, MN, M (default 5); the median is reported
#   -N  runs per tool on L and W (default: as -n)
#   -w  workloads (default "S MN M L W"; make them first with bench/make_workloads.sh)
#   -t  tools (default "planxl planxl-auto floor write-only libreoffice python";
#       planxl is convert's default reader, the BIFF reader; planxl-biff names it explicitly)
#   -b  the build directory with planxl and bench/floor, bench/write_only
#       (default build; configure it with -DPLANXL_BUILD_BENCH=ON)
#   -p  the planxl binary to time (default BUILD/planxl)
#   -u  also put the table into bench/README.md between its "results" markers
#
# Wall time: date +%s%N around each run (ms resolution; GNU time's %e has only
# 10 ms). CPU time: GNU time's %U + %S (user + system), which other jobs on a
# shared machine disturb far less than wall time. Peak RSS: GNU time's %M, the
# high-water mark of the process and the children it waited for (for soffice:
# oosplash and soffice.bin). Medians of each over the runs. The table also goes
# to bench/results/ (git-ignored).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
runs=5
runs_large=
workloads="S MN M L W"
tools="planxl planxl-auto floor write-only libreoffice python"
build="$top/build"
update_readme=0
planxl=
while getopts n:N:w:t:b:p:u opt; do
    case $opt in
        n) runs=$OPTARG ;;
        N) runs_large=$OPTARG ;;
        w) workloads=$OPTARG ;;
        t) tools=$OPTARG ;;
        b) build=$(cd "$OPTARG" && pwd) ;;
        p) planxl=$(cd "$(dirname "$OPTARG")" && pwd)/$(basename "$OPTARG") ;;
        u) update_readme=1 ;;
        *) sed -n '2,16p' "$0"; exit 2 ;;
    esac
done
runs_large=${runs_large:-$runs}

work="$here/work"
out="$work/out"
mkdir -p "$out" "$here/results"
planxl=${planxl:-$build/planxl}
floor="$build/bench/floor"
write_only="$build/bench/write_only"
py=/usr/bin/python3
lo_profile=file:///tmp/lo-bench
gnu_time=/usr/bin/time
[ -x "$gnu_time" ] || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
for w in $workloads; do
    [ -f "$work/$w.xls" ] || { echo "run.sh: $work/$w.xls missing: run bench/make_workloads.sh" >&2; exit 1; }
done

notes=()
note() { notes+=("$*"); echo "note: $*" >&2; }

# The command line for TOOL on workload W, or nothing if the tool cannot run.
command_for() {
    local tool=$1 w=$2 in="$work/$2.xls"
    case $tool in
        planxl)       echo "$planxl convert $in -o $out/$w-planxl.xlsx --force" ;;
        planxl-biff)  echo "$planxl convert --reader=biff $in -o $out/$w-planxl-biff.xlsx --force" ;;
        planxl-auto)  echo "$planxl convert --reader=auto $in -o $out/$w-planxl-auto.xlsx --force" ;;
        floor)        echo "$floor $in $out/$w-floor.xlsx" ;;
        write-only)   echo "$write_only $work/$w.cells $out/$w-write-only.xlsx" ;;
        libreoffice)  echo "soffice -env:UserInstallation=$lo_profile --headless --convert-to xlsx --outdir $out/lo $in" ;;
        python)       echo "$py $here/xlrd_xlsxwriter.py $in $out/$w-python.xlsx" ;;
    esac
}

# The file TOOL writes for workload W (soffice names it after the input).
output_for() {
    case $1 in
        libreoffice) echo "$out/lo/$2.xlsx" ;;
        *)           echo "$out/$2-$1.xlsx" ;;
    esac
}

# Which tools can run here at all; a planxl that cannot yet convert is skipped with a note.
available=()
for tool in $tools; do
    case $tool in
        planxl|planxl-biff|planxl-auto)
            if [ ! -x "$planxl" ]; then
                note "$tool skipped: no $planxl (build planxl first)"; continue
            fi
            probe=$(command_for "$tool" S)
            if ! [ -f "$work/S.xls" ] || ! $probe >"$out/probe.log" 2>&1; then
                note "$tool skipped: '$(echo "$probe" | sed "s|$top/||g")' fails here: $(head -c 200 "$out/probe.log" | tr '\n' ' ')"
                continue
            fi ;;
        floor|write-only)
            bin=$floor; [ "$tool" = write-only ] && bin=$write_only
            [ -x "$bin" ] || { note "$tool skipped: no $bin (configure with -DPLANXL_BUILD_BENCH=ON)"; continue; } ;;
        libreoffice)
            command -v soffice >/dev/null || { note "libreoffice skipped: no soffice"; continue; }
            # The first start creates the throwaway profile (seconds): not timed.
            mkdir -p "$out/lo"
            soffice -env:UserInstallation=$lo_profile --headless --convert-to xlsx --outdir "$out/lo" \
                "$work/$(set -- $workloads; echo "$1").xls" >/dev/null 2>&1 ;;
        python)
            $py -c 'import xlrd, xlsxwriter' 2>/dev/null ||
                { note "python skipped: $py lacks xlrd or xlsxwriter (apt-get install python3-xlrd python3-xlsxwriter)"; continue; } ;;
        *) echo "run.sh: unknown tool '$tool'" >&2; exit 2 ;;
    esac
    available+=("$tool")
done

# write-only reads a dump of the workload's cells, made once, untimed.
for tool in "${available[@]}"; do
    if [ "$tool" = write-only ]; then
        for w in $workloads; do
            [ "$work/$w.cells" -nt "$work/$w.xls" ] || "$write_only" --dump "$work/$w.xls" "$work/$w.cells" || exit 1
        done
    fi
done

# median FORMAT: the median of the numbers on stdin, printed with FORMAT.
median() { sort -g | awk -v f="$1\n" '{ v[NR] = $1 } END { if (NR % 2) printf f, v[(NR + 1) / 2]; else printf f, (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

stamp=$(date -u +%Y-%m-%dT%H%MZ)
raw="$here/results/raw-$stamp.tsv"
printf 'workload\ttool\trun\twall_s\tcpu_s\tpeak_rss_kb\tstatus\n' >"$raw"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A wall cpu rss
for w in $workloads; do
    n=$runs
    case $w in L|W) n=$runs_large ;; esac
    for tool in "${available[@]}"; do
        cmd=$(command_for "$tool" "$w")
        walls=() cpus=() rsses=() failed=0
        for ((i = 1; i <= n; i++)); do
            rm -f "$(output_for "$tool" "$w")"
            t0=$(date +%s%N)
            $gnu_time -f '%M %U %S' -o "$out/rss" $cmd >"$out/run.log" 2>&1
            status=$?
            t1=$(date +%s%N)
            s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
            read -r k u sy < <(tail -n 1 "$out/rss")
            c=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.2f", u + s }')
            printf '%s\t%s\t%d\t%s\t%s\t%s\t%d\n' "$w" "$tool" "$i" "$s" "$c" "$k" "$status" >>"$raw"
            # soffice exits 0 even when it could not convert: look for the file.
            [ "$status" -ne 0 ] || [ -s "$(output_for "$tool" "$w")" ] || status=125
            if [ "$status" -ne 0 ]; then
                failed=1
                note "$tool failed on $w (exit $status; 125: no output file): $(head -c 200 "$out/run.log" | tr '\n' ' ')"
                break
            fi
            walls+=("$s") cpus+=("$c") rsses+=("$k")
            echo "$w $tool run $i: $s s wall, $c s cpu, $((k / 1024)) MB" >&2
        done
        if [ "$failed" -eq 0 ]; then
            wall[$w,$tool]=$(printf '%s\n' "${walls[@]}" | median %.3f)
            cpu[$w,$tool]=$(printf '%s\n' "${cpus[@]}" | median %.2f)
            rss[$w,$tool]=$(printf '%s\n' "${rsses[@]}" | median %.0f)
        fi
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { # ratio A B: A/B to two decimals, or "–"
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f×", a / b }'
}

table() {
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by bench/run.sh -n $runs -N $runs_large (medians; wall and CPU in seconds)."
    echo "Machine: $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
    echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM; load average $load_before before, $load_after after."
    echo "freexl $(pkg-config --modversion freexl 2>/dev/null), libxlsxwriter $(sed -n 's/^#define LXW_VERSION "\(.*\)"/\1/p' /usr/include/xlsxwriter.h 2>/dev/null),"
    echo "$(soffice --version 2>/dev/null | head -n1 | cut -d' ' -f1-2), xlrd $($py -c 'import xlrd; print(xlrd.__version__)' 2>/dev/null), XlsxWriter $($py -c 'import xlsxwriter; print(xlsxwriter.__version__)' 2>/dev/null)."
    echo
    echo "| workload | tool | wall s | CPU s | peak RSS MB | wall ÷ floor | wall ÷ write-only | CPU ÷ floor | CPU ÷ write-only | RSS ÷ floor |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for w in $workloads; do
        for tool in "${available[@]}"; do
            t=${wall[$w,$tool]:-}
            m=${rss[$w,$tool]:-}
            if [ -z "$t" ]; then
                echo "| $w | $tool | failed | | | | | | | |"
                continue
            fi
            u=${cpu[$w,$tool]:-}
            echo "| $w | $tool | $t | $u | $(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }') |" \
                "$(ratio "$t" "${wall[$w,floor]:-}") | $(ratio "$t" "${wall[$w,write-only]:-}") |" \
                "$(ratio "$u" "${cpu[$w,floor]:-}") | $(ratio "$u" "${cpu[$w,write-only]:-}") |" \
                "$(ratio "$m" "${rss[$w,floor]:-}") |"
        done
    done
    if [ ${#notes[@]} -gt 0 ]; then
        echo
        for n in "${notes[@]}"; do echo "- $(echo "$n" | sed "s|$top/||g")"; done
    fi
}

result="$here/results/results-$stamp.md"
table | tee "$result"
cp "$result" "$here/results/latest.md"
echo "run.sh: table in ${result#$top/}, every run in ${raw#$top/}" >&2

if [ "$update_readme" -eq 1 ]; then
    awk -v table="$result" '
        /<!-- results begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
        /<!-- results end -->/   { skip = 0 }
        !skip' "$here/README.md" >"$here/README.md.new" && mv "$here/README.md.new" "$here/README.md"
    echo "run.sh: bench/README.md updated" >&2
fi
