#!/bin/sh
# Every message has its Swedish translation, and po/planxl.pot is the sources' (issue 14):
#   check_messages.sh SOURCE_DIR
# - msgfmt --check --statistics po/sv.po: valid formats, 0 untranslated, 0 fuzzy;
# - xgettext over src/ now (tools/update-pot.sh) gives the committed template's msgids, no more
#   and no fewer: a new message not in po/planxl.pot fails here ("cmake --build build --target
#   pot" regenerates it and merges it into po/sv.po);
# - po/sv.po translates every msgid of the fresh template.
set -eu
SRC=$1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/planxl-messages.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0

stats=$(LC_ALL=C msgfmt --check --statistics -o "$TMP/sv.mo" "$SRC/po/sv.po" 2>&1) || { echo "$stats"; exit 1; }
echo "sv.po: $stats"
case $stats in
  *untranslated*|*fuzzy*) echo "FAIL: po/sv.po has untranslated or fuzzy messages"; fail=1 ;;
esac

sh "$SRC/tools/update-pot.sh" "$TMP/fresh.pot" 2>/dev/null
# msgcmp: every msgid of the second file is in the first
if ! LC_ALL=C msgcmp --use-untranslated "$SRC/po/planxl.pot" "$TMP/fresh.pot" >"$TMP/new.txt" 2>&1; then
  echo "FAIL: messages in the sources that po/planxl.pot lacks (run: cmake --build build --target pot):"
  cat "$TMP/new.txt"; fail=1
fi
if ! LC_ALL=C msgcmp --use-untranslated "$TMP/fresh.pot" "$SRC/po/planxl.pot" >"$TMP/old.txt" 2>&1; then
  echo "FAIL: messages in po/planxl.pot no longer in the sources (run: cmake --build build --target pot):"
  cat "$TMP/old.txt"; fail=1
fi
if ! LC_ALL=C msgcmp "$SRC/po/sv.po" "$TMP/fresh.pot" >"$TMP/sv.txt" 2>&1; then
  echo "FAIL: messages po/sv.po does not translate:"
  cat "$TMP/sv.txt"; fail=1
fi
[ $fail = 0 ] && echo "every message of the sources has a Swedish translation"
exit $fail
