#!/bin/sh
# The message template from the sources (docs/messages.md).
#   tools/update-pot.sh [--merge] [OUT.pot]
# Writes OUT.pot (default po/planxl.pot) with xgettext over src/: every string marked
# N_(), _(), pxl_text(), pxl_ntext() or passed as a finding's message (pxl_findings_add),
# an error's (pxl_fail) or the CLI's (cli_error, cli_usage_error). --merge also merges the template into each po/<lang>.po.
set -eu
cd "$(dirname "$0")/.."
MERGE=
OUT=po/planxl.pot
for arg in "$@"; do
  case $arg in
    --merge) MERGE=1 ;;
    *) OUT=$arg ;;
  esac
done
# Sorted, so the template does not change with the file system's order.
find src -name '*.c' | LC_ALL=C sort > "$OUT.files"
xgettext --language=C --from-code=UTF-8 --files-from="$OUT.files" --output="$OUT" \
  --package-name=planxl --msgid-bugs-address=- --add-comments=TRANSLATORS: \
  --sort-by-file --add-location=file \
  --keyword=N_ --keyword=_ --keyword=pxl_text --keyword=pxl_text_in:2 --keyword=pxl_ntext:1,2 \
  --keyword=pxl_findings_add:3 --keyword=pxl_fail:2 --keyword=cli_error:1 --keyword=cli_usage_error:2 \
  --flag=pxl_findings_add:3:c-format --flag=N_:1:c-format
rm -f "$OUT.files"
# No creation date: the template changes only when a message does.
sed -i '/^"POT-Creation-Date: /d' "$OUT"
if [ -n "$MERGE" ]; then
  for po in po/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-by-file --add-location=file "$po" "$OUT"
  done
fi
