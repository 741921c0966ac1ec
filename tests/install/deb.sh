#!/bin/sh
# cpack -G DEB builds a .deb that holds the package's files, depends on the Debian 12
# packages of what it links, and whose planxl runs. What is safe in CI: nothing is
# installed into the system; the package is unpacked (dpkg-deb -x) into a temporary
# directory and its planxl run from there.
#   deb.sh CPACK BUILD_DIR VERSION CC SOURCE_DIR PLAN.xls [EXTRA_FLAGS]
set -eu
cpack=$1 build=$2 version=$3 cc=$4 src=$5 plan=$6 flags=${7:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb test: $*" >&2; exit 1; }

"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" > "$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(find "$tmp/out" -maxdepth 1 -name 'planxl_*.deb')
[ -n "$deb" ] || fail "cpack wrote no planxl_*.deb"

[ "$(dpkg-deb -f "$deb" Package)" = planxl ] || fail "Package is not planxl"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libfreexl1 libxlsxwriter4 libminizip1 libc6; do
  echo "$depends" | grep -Eq "(^|, )$dep( |,|$)" || fail "Depends lacks $dep: $depends"
done
echo "deb test: Depends: $depends"

dpkg-deb -c "$deb" | awk '{print $6}' > "$tmp/files"
for f in ./usr/bin/planxl ./usr/lib/libplanxl.so.0 ./usr/lib/libplanxl.a ./usr/include/planxl/planxl.h \
         ./usr/include/planxl/common.h ./usr/lib/pkgconfig/planxl.pc ./usr/lib/cmake/planxl/planxlConfig.cmake \
         ./usr/lib/cmake/planxl/planxlTargets.cmake ./usr/share/doc/planxl/LICENSE \
         ./usr/share/planxl/diff.schema.json ./usr/include/planxl/diff.h; do
  grep -qx "$f" "$tmp/files" || fail "the package lacks $f"
done
# The ldconfig trigger and shlibs file for libplanxl.so.0.
dpkg-deb -I "$deb" shlibs | grep -q "^libplanxl 0 planxl" || fail "no shlibs entry for libplanxl.so.0"

dpkg-deb -x "$deb" "$tmp/root"
out=$(LD_LIBRARY_PATH="$tmp/root/usr/lib" "$tmp/root/usr/bin/planxl" --version) || fail "planxl --version failed"
[ "$out" = "planxl $version" ] || fail "planxl --version printed \"$out\", not \"planxl $version\""
echo "deb test: $(basename "$deb") unpacks and its planxl --version prints \"$out\""

# The package's planxl.pc, unpacked elsewhere than /usr, still finds its headers and library.
# shellcheck disable=SC2046,SC2086
"$cc" $flags -o "$tmp/area_totals" "$src/examples/area_totals.c" \
  $(PKG_CONFIG_PATH="$tmp/root/usr/lib/pkgconfig" pkg-config --cflags --libs planxl) ||
  fail "compiling against the unpacked package with its planxl.pc failed"
LD_LIBRARY_PATH="$tmp/root/usr/lib" "$tmp/area_totals" "$plan" | grep -Eq 'Äldreomsorg +8 measures +current year +5473 tkr' ||
  fail "area_totals built against the unpacked package did not print the example plan's totals"
echo "deb test: area_totals builds with the package's planxl.pc and runs on its libplanxl.so.0"
