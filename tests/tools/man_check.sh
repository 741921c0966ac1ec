#!/bin/sh
# man_check.sh PAGE.1 OUT.txt: render PAGE with man(1) at 80 columns into OUT.txt;
# fail on any warning of man or groff (-ww), or a page without its NAME section.
set -u
page=$1 out=$2
MANWIDTH=80 MAN_KEEP_FORMATTING= man --warnings -l "$page" >"$out" 2>"$out.warnings"
rc=$?
groff -t -man -ww -z "$page" 2>>"$out.warnings"
if [ $rc -ne 0 ] || [ -s "$out.warnings" ]; then
    echo "$page: man exit $rc, warnings:" >&2
    cat "$out.warnings" >&2
    exit 1
fi
if ! grep -q '^NAME' "$out"; then
    echo "$page: no NAME section in the rendered page" >&2
    exit 1
fi
exit 0
