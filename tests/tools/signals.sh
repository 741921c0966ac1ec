#!/bin/sh
# signals.sh PLANXL SRCDIR PYTHON: interruption that never lies (issue 16, item 2).
#
# A long convert and a long report (inputs generated here: bench/make_workload.pl and an
# openpyxl plan) are sent SIGINT, SIGTERM, SIGHUP and SIGKILL at many points of their run,
# from just after the start to just after the end, with and without a previous target
# (replaced with -f). After every run:
#   exit 0        the target is the complete output (the same parts as an uninterrupted
#                 run's) and planxl said it was written;
#   exit 128+N    the target is as it was (absent, or the previous bytes) and planxl said it
#                 was not written;
#   exit 137      (SIGKILL) the target is as it was or complete;
# and the directory holds the input and the target only: no hidden temporary file, ever.
# Then convert -j 2 is interrupted (the parent alone is signalled) and killed with -9 (its
# workers must end with it), and a workbook to a closed pipe ends with a message (SIGPIPE).
set -u
planxl=$1
src=$2
py=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/planxl-signals.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
runs=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

now() { date +%s.%N; }

# The inputs: a workbook of 2 x 6000 rows (about 4 MB) and a flat plan of 6000 measures.
mkdir -p "$work/in" "$work/ref" "$work/tmp"
perl "$src/bench/make_workload.pl" "$work/in/w.xls" 6000 20 2 0 7 || { echo "cannot generate the workbook"; exit 1; }
"$py" - "$work/in/plan.xlsx" 6000 <<'EOF' || { echo "cannot generate the plan"; exit 1; }
import sys, openpyxl
path, n = sys.argv[1], int(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Plan"
ws.append(["Verksamhet", "Område", "Åtgärd", "Effekt 2024 (tkr)", "Helårseffekt (tkr)"])
for i in range(n):
    ws.append([f"Verksamhet {i % 20}", f"Område {i % 97}", f"Åtgärd nummer {i}", -(i % 500) - 1, -(i % 700) - 2])
wb.save(path)
EOF
touch -d @1700000000 "$work/in/plan.xlsx" # the report's creation time: the same bytes every run
export TMPDIR="$work/tmp" # libxlsxwriter's scratch files and -o -: checked empty at the end

# The command line of COMMAND (convert or report) writing DIR/out.xlsx from DIR's input.
args_for() {
    case $1 in
        convert) echo "convert $2/w.xls -o $2/out.xlsx" ;;
        report) echo "report $2/plan.xlsx -o $2/out.xlsx" ;;
    esac
}
input_for() {
    case $1 in convert) echo w.xls ;; report) echo plan.xlsx ;; esac
}

# The complete output of each command, and how long an uninterrupted run takes.
for cmd in convert report; do
    mkdir -p "$work/ref/$cmd"
    cp -p "$work/in/$(input_for $cmd)" "$work/ref/$cmd/"
    t0=$(now)
    # shellcheck disable=SC2046
    "$planxl" $(args_for $cmd "$work/ref/$cmd") -q || { echo "$cmd: the uninterrupted run failed"; exit 1; }
    t1=$(now)
    eval "time_$cmd=\$(echo \"$t1 - $t0\" | bc)"
done
echo "uninterrupted: convert ${time_convert}s, report ${time_report}s"

# same_output COMMAND FILE: FILE is the complete output of COMMAND.
same_output() {
    case $1 in
        report) cmp -s "$2" "$work/ref/report/out.xlsx" ;;
        convert) "$py" "$src/tests/tools/xlsx_same.py" "$2" "$work/ref/convert/out.xlsx" >/dev/null ;;
    esac
}

# scratch_check SIGNAL WHAT: libxlsxwriter's scratch files (in TMPDIR) are gone. It makes each
# with open() and unlinks it at once (its tmpfileplus): a SIGKILL between the two leaves one
# there, in the scratch directory, never beside an output; counted, not failed (docs/convert.md).
scratch_left=0
scratch_check() {
    left=$(ls -A "$work/tmp" | wc -l)
    if [ "$left" != 0 ] && [ "$1" = KILL ]; then
        scratch_left=$((scratch_left + left))
    elif [ "$left" != 0 ]; then
        fail "$2: scratch files left in TMPDIR: $(ls -A "$work/tmp" | tr '\n' ' ')"
    fi
    rm -rf "$work/tmp"/* "$work/tmp"/.[!.]* 2>/dev/null
}

# run_one COMMAND SIGNAL DELAY PREVIOUS: one run, signalled after DELAY seconds; with
# PREVIOUS=1 a previous target exists and -f replaces it.
run_one() {
    cmd=$1 sig=$2 delay=$3 previous=$4
    d="$work/run"
    rm -rf "$d"
    mkdir "$d"
    input=$(input_for "$cmd")
    cp -p "$work/in/$input" "$d/"
    force=
    if [ "$previous" = 1 ]; then
        printf 'the previous target\n' >"$d/out.xlsx"
        force=-f
    fi
    # A background job of a script starts with SIGINT ignored, and planxl keeps a signal
    # ignored at its start: give it the default, as a terminal's job has.
    # shellcheck disable=SC2046
    env --default-signal=INT,TERM,HUP "$planxl" $(args_for "$cmd" "$d") $force >"$work/out" 2>"$work/err" &
    pid=$!
    sleep "$delay"
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    runs=$((runs + 1))
    what="$cmd $force, $sig after ${delay}s: exit $rc"
    scratch_check "$sig" "$what"

    listing=$(ls -A "$d" | tr '\n' ' ')
    case "$listing" in
        "$input " | "$input out.xlsx " | "out.xlsx $input ") ;;
        *) fail "$what: the directory holds: $listing" ;;
    esac
    cmp -s "$d/$input" "$work/in/$input" || fail "$what: the input changed"
    unchanged=0
    if [ "$previous" = 1 ]; then
        printf 'the previous target\n' | cmp -s - "$d/out.xlsx" && unchanged=1
    elif [ ! -e "$d/out.xlsx" ]; then
        unchanged=1
    fi
    complete=0
    [ "$unchanged" = 0 ] && [ -e "$d/out.xlsx" ] && same_output "$cmd" "$d/out.xlsx" && complete=1
    case $sig in INT) n=2 ;; HUP) n=1 ;; TERM) n=15 ;; KILL) n=9 ;; esac
    if [ "$rc" = 0 ]; then
        [ "$complete" = 1 ] || fail "$what: exit 0 but the target is not the complete output"
        grep -q -- "-> $d/out.xlsx\|^wrote $d/out.xlsx" "$work/out" "$work/err" ||
            fail "$what: exit 0 without saying the file was written: $(cat "$work/err")"
    elif [ "$rc" = $((128 + n)) ] && [ "$n" != 9 ]; then
        [ "$unchanged" = 1 ] || fail "$what: interrupted, but the target was replaced"
        grep -q "was not written" "$work/err" || fail "$what: no message that it was not written: $(cat "$work/err")"
    elif [ "$rc" = 137 ] && [ "$n" = 9 ]; then
        [ "$unchanged" = 1 ] || [ "$complete" = 1 ] || fail "$what: killed, and the target is neither as it was nor complete"
    else
        fail "$what: unexpected exit status; $(cat "$work/err")"
    fi
}

# From just after the start to past the end: the last points fall into the final write
# and the commit, where a signal used to give 130 with the target replaced.
for cmd in convert report; do
    eval "t=\$time_$cmd"
    for sig in INT TERM HUP KILL; do
        previous=0
        for f in 0.1 0.4 0.7 0.9 1.0 1.2; do
            delay=$(echo "$t * $f" | bc -l | sed 's/^\./0./')
            run_one "$cmd" "$sig" "$delay" "$previous"
            previous=$((1 - previous))
        done
    done
done

# convert -j 2: the parent alone is signalled; it passes the signal on to its workers.
d="$work/batch"
for sig in INT KILL; do
    for f in 0.3 0.8; do
        rm -rf "$d"
        mkdir -p "$d/out"
        for i in 1 2 3 4; do cp "$work/in/w.xls" "$d/w$i.xls"; done
        delay=$(echo "$time_convert * 2 * $f" | bc -l | sed 's/^\./0./')
        env --default-signal=INT,TERM,HUP "$planxl" convert -j 2 -d "$d/out" "$d"/w1.xls "$d"/w2.xls "$d"/w3.xls \
            "$d"/w4.xls >"$work/out" 2>"$work/err" &
        pid=$!
        sleep "$delay"
        kill -s "$sig" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rc=$?
        runs=$((runs + 1))
        what="convert -j 2, $sig after ${delay}s: exit $rc"
        sleep 0.2 # the workers' end, below, before their scratch files are looked at
        # Its workers end with it: at once for a signal, within a moment for kill -9.
        for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
            pgrep -f -- "$d/out" >/dev/null || break
            sleep 0.1
        done
        pgrep -f -- "$d/out" >/dev/null && fail "$what: workers outlived planxl: $(pgrep -a -f -- "$d/out")"
        scratch_check "$sig" "$what"
        listing=$(ls -A "$d/out" | tr '\n' ' ')
        for name in $listing; do
            case $name in
                w[1-4].xlsx) same_output convert "$d/out/$name" || fail "$what: $name is not complete" ;;
                *) fail "$what: a stray file: $name" ;;
            esac
        done
        count=$(ls "$d/out" | wc -l)
        case "$sig:$rc" in
            *:0) [ "$count" = 4 ] || fail "$what: exit 0 with $count of 4 outputs" ;; # done before the signal
            INT:130) grep -q "not converted (interrupted)" "$work/err" || fail "$what: no tally of the interrupted files" ;;
            KILL:137) ;;
            *) fail "$what: unexpected exit status; $(cat "$work/err")" ;;
        esac
    done
done

# A workbook to a pipe whose reader has gone: a message and exit 1, not death by SIGPIPE.
rc=$( ( "$planxl" convert "$work/in/w.xls" -o - 2>"$work/err"; echo $? >"$work/rc" ) | head -c 100 >/dev/null; cat "$work/rc")
runs=$((runs + 1))
[ "$rc" = 1 ] || fail "convert -o - into a closed pipe: exit $rc"
grep -q "could not write the workbook to standard output" "$work/err" ||
    fail "convert -o - into a closed pipe: no message: $(cat "$work/err")"

scratch_check PIPE "convert -o - into a closed pipe"

echo "$runs runs, $failures failures ($scratch_left scratch files of libxlsxwriter's left by SIGKILL)"
[ "$failures" = 0 ]
