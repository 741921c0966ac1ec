#!/bin/bash
# Compare two planxl builds on a folder of workbooks: the cells each reader delivers
# (grid_cells, three readers), `planxl check --format json` and `planxl dump --format json`.
# A guard for refactors that must not change behaviour; run by hand:
#   tests/tools/corpus_compare.sh OLD_BUILD NEW_BUILD ../shared/corpus/xls [OUT_DIR]
# Prints one line per file that differs and a tally; exit 1 when any differs.
set -u
old=${1:?usage: corpus_compare.sh OLD_BUILD NEW_BUILD DIR [OUT_DIR]}; new=${2:?}; dir=${3:?}
out=${4:-$(mktemp -d)}
mkdir -p "$out/old" "$out/new"
run() { # build side file
    local b=$1 side=$2 f=$3 name; name=$(basename "$f")
    {
        for r in auto biff freexl; do
            echo "## cells $r"; timeout 120 "$b/tests/grid_cells" --reader=$r "$f" 2>&1; echo "rc=$?"
        done
        echo "## check"; timeout 120 "$b/planxl" check --format json "$f" 2>&1; echo "rc=$?"
        echo "## dump"; timeout 120 "$b/planxl" dump --format json "$f" 2>&1; echo "rc=$?"
    } | sed "s|$b/|BUILD/|g" > "$out/$side/$name.txt"
}
n=0; differ=0
for f in "$dir"/*.xls; do
    n=$((n + 1))
    run "$old" old "$f"; run "$new" new "$f"
    name=$(basename "$f")
    if ! cmp -s "$out/old/$name.txt" "$out/new/$name.txt"; then
        differ=$((differ + 1)); echo "differs: $name"
    fi
done
echo "$n files, $differ differ (outputs in $out)"
[ $differ = 0 ]
