#!/bin/sh
# Set up a fresh Debian machine for planxl and build it.
#   tools/setup.sh [--sanitize] [--bench] [BUILD_DIR]
# Installs what is missing with apt-get (as root, or through sudo), makes the
# sv_SE.UTF-8 locale the locale tests need, then configures and builds into
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
# report, and the Swedish locale; check_formula compares the BIFF function table
# with Spreadsheet::WriteExcel's.
PACKAGES="gcc make cmake pkg-config libfreexl-dev libxlsxwriter-dev libminizip-dev libexpat1-dev check
  python3 python3-openpyxl python3-xlrd libreoffice-calc-nogui poppler-utils locales libspreadsheet-writeexcel-perl"

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
if ! locale -a 2>/dev/null | grep -qi '^sv_SE\.utf-\?8$'; then
  $SUDO sed -i 's/^# *\(sv_SE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^sv_SE.UTF-8 UTF-8' /etc/locale.gen || echo 'sv_SE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen >/dev/null
fi

cmake -S . -B "$BUILD" -DPLANXL_SANITIZE=$SANITIZE -DPLANXL_BUILD_BENCH=$BENCH >/dev/null
cmake --build "$BUILD" -j"$(nproc)"
