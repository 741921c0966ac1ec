#!/bin/sh
# Install planxl into a temporary prefix and build examples/area_totals.c against it, as a
# user would: with pkg-config (the shared library, and --static) and with
# find_package(planxl) (planxl::planxl and planxl::planxl_static). Each program must run
# and print the example plan's area totals.
#   install.sh CMAKE BUILD_DIR SOURCE_DIR CC PLAN.xls [EXTRA_FLAGS]
# EXTRA_FLAGS (e.g. -fsanitize=address,undefined) go to every compile and link, so an
# instrumented planxl links.
set -eu
cmake=$1 build=$2 src=$(cd "$3" && pwd) cc=$4 plan=$5 flags=${6:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "install test: $*" >&2; exit 1; }

# The source document's figures, as the example_area_totals test expects them.
expect() {
  out=$("$@") || fail "$1 failed"
  echo "$out" | grep -Eq 'Äldreomsorg +8 measures +current year +5473 tkr +full year +17170 tkr' &&
    echo "$out" | grep -Eq 'Funktionsstöd +8 measures +current year +1136 tkr +full year +6533 tkr' ||
    fail "$1 printed no area totals of the example plan:
$out"
  echo "install test: $(basename "$1") prints the example plan's totals"
}
# A program meant to use the shared library must need the installed one.
uses_installed_shared() {
  ldd "$1" | grep -q "libplanxl\.so\.0 => $prefix/" || fail "$1 does not load $prefix's libplanxl.so.0:
$(ldd "$1")"
}

"$cmake" --install "$build" --prefix "$prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
libdir=$(dirname "$(find "$prefix" -name planxl.pc)")/..
[ -f "$libdir/libplanxl.so.0" ] && [ -f "$libdir/libplanxl.a" ] || fail "no libplanxl.so.0 and libplanxl.a in $libdir"
[ -f "$prefix/share/doc/planxl/LICENSE" ] || fail "no LICENSE in $prefix/share/doc/planxl"
[ -f "$prefix/share/planxl/diff.schema.json" ] || fail "no diff.schema.json in $prefix/share/planxl"
grep -q '^prefix=${pcfiledir}/' "$libdir/pkgconfig/planxl.pc" || fail "planxl.pc is not relocatable"

# Moved after installing: the .pc and the CMake package must find the new place.
mv "$prefix" "$tmp/moved"
prefix=$tmp/moved
libdir=$(dirname "$(find "$prefix" -name planxl.pc)")/..

# pkg-config, shared.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2046,SC2086
"$cc" $flags -o "$tmp/pc_shared" "$src/examples/area_totals.c" $(pkg-config --cflags --libs planxl) ||
  fail "compile with pkg-config failed"
LD_LIBRARY_PATH=$libdir uses_installed_shared "$tmp/pc_shared"
LD_LIBRARY_PATH=$libdir expect "$tmp/pc_shared" "$plan"
# pkg-config, static: the Requires.private modules bring freexl, libxlsxwriter, minizip.
# shellcheck disable=SC2046,SC2086
"$cc" $flags -static-libgcc -o "$tmp/pc_static" "$src/examples/area_totals.c" \
  $(pkg-config --cflags planxl) "$libdir/libplanxl.a" $(pkg-config --static --libs planxl | sed 's/-lplanxl//') ||
  fail "static compile with pkg-config failed"
if ldd "$tmp/pc_static" | grep -q libplanxl; then fail "pc_static loads libplanxl.so"; fi
expect "$tmp/pc_static" "$plan"

# find_package(planxl).
"$cmake" -S "$src/tests/install" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DPLANXL_EXAMPLE="$src/examples/area_totals.c" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" > "$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; fail "find_package(planxl) failed"; }
"$cmake" --build "$tmp/consumer" > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "the find_package build failed"; }
uses_installed_shared "$tmp/consumer/area_totals_shared"
expect "$tmp/consumer/area_totals_shared" "$plan"
if ldd "$tmp/consumer/area_totals_static" | grep -q libplanxl; then fail "area_totals_static loads libplanxl.so"; fi
expect "$tmp/consumer/area_totals_static" "$plan"
