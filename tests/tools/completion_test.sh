#!/bin/bash
# completion_test.sh COMPLETION_FILE DIR: source planxl's bash completion and call its
# function the way bash does on <TAB>; DIR is a scratch directory.
set -u
source "$1" || exit 1
dir=$2
fail=0

# complete WORD... : COMPREPLY for the last word, space-separated
complete_words()
{
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _planxl planxl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "${COMPREPLY[*]}"
}

expect()
{
    local want=$1
    shift
    local got
    got=$(cd "$dir" && complete_words "$@")
    if [ "$got" != "$want" ]; then
        echo "completing '$*': got '$got', want '$want'" >&2
        fail=1
    fi
}

[ "$(complete -p planxl)" = "complete -o filenames -F _planxl planxl" ] || { echo "not registered" >&2; fail=1; }
mkdir -p "$dir/sub" && : >"$dir/plan.xls" && : >"$dir/notes.txt"
expect "convert" planxl con
expect "check convert" planxl c
expect "dump diff" planxl d
expect "--old" planxl diff --ol
expect "json" planxl diff --format j
expect "plan.xls sub" planxl diff --new ""
expect "--reader" planxl convert --rea
expect "freexl" planxl dump --reader f
expect "json" planxl check --format j
expect "--jobs" planxl convert --jo
expect "" planxl report --jo           # report takes no -j
expect "--werror" planxl check --we
expect "plan.xls sub" planxl convert ""
expect "sub" planxl convert -d ""
exit $fail
