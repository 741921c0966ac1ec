#!/bin/sh
# xlsx_seeds.sh OUTDIR: seeds for fuzz_xlsx: the test fixtures whole, and their sheet,
# shared-string and styles parts as the target's split XML input.
set -eu
out=${1:?usage: xlsx_seeds.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for f in "$here"/../tests/data/xlsx/*.xlsx "$here"/../tests/data/xlsx/*.xlsm; do
  b=$(basename "$f")
  [ "$(stat -c %s "$f")" -lt 100000 ] && cp "$f" "$out/$b"
  for s in $(unzip -Z1 "$f" 2>/dev/null | grep '^xl/worksheets/sheet[0-9]*\.xml$' | head -2); do
    { unzip -p "$f" "$s" | head -c 60000; printf '\n=====\n'; unzip -p "$f" xl/sharedStrings.xml 2>/dev/null | head -c 20000;
      printf '\n=====\n'; unzip -p "$f" xl/styles.xml 2>/dev/null | head -c 20000; } > "$out/$b.$(basename "$s").seed" || true
  done
done
