#!/bin/sh
# The shared library exports exactly the functions the public headers declare.
#   check_exports.sh CC INCLUDE_DIR LIBRARY.so
# The declarations come from the preprocessed headers (comments gone), so a function
# named only in a doc comment does not count; a declaration that lacks PXL_EXTERN is
# hidden by -fvisibility=hidden and shows up here as missing.
set -eu
cc=$1 include=$2 lib=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for h in "$include"/planxl/*.h; do echo "#include <planxl/$(basename "$h")>"; done > "$tmp/all.c"
"$cc" -std=c11 -E -P -I"$include" "$tmp/all.c" |
  grep -o 'pxl_[a-z0-9_]*[[:space:]]*(' | sed 's/[[:space:]]*($//' | sort -u > "$tmp/declared"
# The linker's own markers (_edata, _end, __bss_start) are not the library's.
nm -D --defined-only "$lib" | awk '{print $3}' |
  grep -v -x -e _edata -e _end -e __bss_start -e _init -e _fini | sort -u > "$tmp/exported"

[ -s "$tmp/declared" ] || { echo "check_exports: no declarations found in $include/planxl" >&2; exit 1; }
extra=$(comm -13 "$tmp/declared" "$tmp/exported")
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
status=0
if [ -n "$extra" ]; then
  echo "exported by $lib but declared in no public header:"; echo "$extra" | sed 's/^/  /'; status=1
fi
if [ -n "$missing" ]; then
  echo "declared in $include/planxl but not exported by $lib:"; echo "$missing" | sed 's/^/  /'; status=1
fi
[ $status = 0 ] && echo "check_exports: $(wc -l < "$tmp/exported") symbols, each declared in include/planxl/"
exit $status
