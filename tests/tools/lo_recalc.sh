#!/bin/sh
# lo_recalc.sh IN.xlsx OUTDIR: LibreOffice headless opens IN with a throwaway profile that forces
# recalculation on load (OOXMLRecalcMode=0: always; by default LibreOffice may keep the cached
# values, which would make the comparison meaningless) and saves OUTDIR/<IN's name>.xlsx, or in
# FORMAT (e.g. pdf) when a third argument names one.
set -eu
in=$1 outdir=$2
prof=$(mktemp -d "${TMPDIR:-/tmp}/planxl-lo-XXXXXX")
trap 'rm -rf "$prof"' EXIT
mkdir -p "$prof/user" "$outdir"
cat >"$prof/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
fmt=${3:-xlsx}
timeout 120 soffice -env:UserInstallation="file://$prof" --headless --norestore \
    --convert-to "$fmt" --outdir "$outdir" "$in" >/dev/null 2>&1
base=$(basename "$in"); base=${base%.*}
test -s "$outdir/$base.$fmt"
