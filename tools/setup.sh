#!/bin/sh
# Set up a fresh Debian machine for planxl and build it.
#   tools/setup.sh [--sanitize] [--bench] [BUILD_DIR]
# Installs what is missing with apt-get (as root, or through sudo), makes the
# sv_SE.UTF-8 and de_DE.UTF-8 locales the locale tests need, then configures and builds into
# BUILD_DIR (default: build; --sanitize: AddressSanitizer + UBSan; --bench: also
# the benchmark's programs and the peers it times, see bench/README.md).
set -eu
cd "$(dirname "$0")/.."

SANITIZE=OFF
BENCH=OFF
BUILD=
for arg in "$@"; do
  case $arg in
    --sanitize) SANITIZE=ON ;;
    --bench) BENCH=ON ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) BUILD=$arg ;;
  esac
done
[ -n "$BUILD" ] || { [ $SANITIZE = ON ] && BUILD=build-asan || BUILD=build; }

# Build: compiler, CMake, pkg-config, the libraries (freexl reads .xls,
# libxlsxwriter writes .xlsx, minizip and expat read .xlsx, minizip
# marks boolean formula results in what convert wrote), Check.
# Tests: independent readers (openpyxl, xlrd), a real spreadsheet (LibreOffice
# Calc) to recalculate what we write, poppler (pdftotext) to measure the printed
# report, and the locales; expat parses .xlsx; check_formula compares the BIFF function table
# with Spreadsheet::WriteExcel's; the .deb test needs dpkg-shlibdeps (dpkg-dev) for Depends.
# The CLI tests render the man pages (man-db, groff-base), complete in bash, give planxl
# a terminal (script: bsdutils), test zips (unzip) and look for left-over workers (pgrep: procps).
# The message catalogues (po/) are compiled by msgfmt and the template made by xgettext: gettext
# (libintl itself is glibc's).
PACKAGES="gcc make cmake pkg-config libfreexl-dev libxlsxwriter-dev libminizip-dev libexpat1-dev check gettext
  python3 python3-openpyxl python3-xlrd libreoffice-calc-nogui poppler-utils locales libspreadsheet-writeexcel-perl
  dpkg-dev man-db groff-base bash bsdutils unzip procps"

# The benchmark (run by hand) also times GNU time, python3-xlrd + XlsxWriter, and
# writes its workloads with Spreadsheet::WriteExcel (OLE::Storage_Lite for > 7 MB).
[ $BENCH = ON ] && PACKAGES="$PACKAGES time python3-xlsxwriter libole-storage-lite-perl"

missing=
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
  echo "setup: installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The locale tests run the library under two comma-decimal locales: the finance
# office's sv_SE, and de_DE so a fix cannot be shaped to Swedish alone.
gen=
for loc in sv_SE de_DE; do
  if ! locale -a 2>/dev/null | grep -qi "^$loc\.utf-\?8\$"; then
    $SUDO sed -i "s/^# *\($loc.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    grep -q "^$loc.UTF-8 UTF-8" /etc/locale.gen || echo "$loc.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    gen=1
  fi
done
[ -z "$gen" ] || $SUDO locale-gen >/dev/null

cmake -S . -B "$BUILD" -DPLANXL_SANITIZE=$SANITIZE -DPLANXL_BUILD_BENCH=$BENCH >/dev/null
cmake --build "$BUILD" -j"$(nproc)"
