#!/bin/sh
# lo_recalc.sh IN.xlsx OUTDIR: LibreOffice headless opens IN with a throwaway profile that forces
# recalculation on load (OOXMLRecalcMode=0: always; by default LibreOffice may keep the cached
# values, which would make the comparison meaningless) and saves OUTDIR/<IN's name>.xlsx, or in
# FORMAT (e.g. pdf) when a third argument names one.
# PLANXL_LO_LOCALE (e.g. sv-SE) sets LibreOffice's locale, which number formats render in
# ("17 170" in Swedish, "17,170" in the default en-US).
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
XCU
if [ -n "${PLANXL_LO_LOCALE:-}" ]; then
    printf '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>%s</value></prop></item>\n' \
        "$PLANXL_LO_LOCALE" >>"$prof/user/registrymodifications.xcu"
fi
echo '</oor:items>' >>"$prof/user/registrymodifications.xcu"
fmt=${3:-xlsx}
timeout 120 soffice -env:UserInstallation="file://$prof" --headless --norestore \
    --convert-to "$fmt" --outdir "$outdir" "$in" >/dev/null 2>&1
base=$(basename "$in"); base=${base%.*}
test -s "$outdir/$base.$fmt"
