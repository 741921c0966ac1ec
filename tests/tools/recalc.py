#!/usr/bin/python3
"""recalc.py OUT.xlsx WORKDIR: are the live formulas of OUT real formulas that compute what they cache?

LibreOffice (soffice headless, a private profile in WORKDIR set to recalculate
every formula on load) opens OUT and saves it again; then every formula cell's
cached value in OUT (python3-openpyxl) is compared with LibreOffice's result.
Prints "formulas N equal E", then "booleans B equal F" for the formula cells
whose cached value is TRUE/FALSE, and up to 10 differences; exit 0 when N > 0
and E == N, 1 otherwise, 2 when LibreOffice did not produce a file. A boolean
equals only a boolean (planxl marks boolean formula results t="b", and
LibreOffice writes its results so too): a cached 1 for TRUE is a difference.
"""
import os
import subprocess
import sys

import openpyxl

# Calc's "recalculation on file load" settings: 0 = always (officecfg
# org.openoffice.Office.Calc/Formula/Load).
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def main(path, workdir):
    profile = os.path.join(workdir, "lo-profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE)
    outdir = os.path.join(workdir, "recalculated")
    subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.abspath(profile), "--headless",
                    "--convert-to", "xlsx", "--outdir", outdir, path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    recalculated = os.path.join(outdir, os.path.basename(path))
    if not os.path.exists(recalculated):
        print("LibreOffice did not write " + recalculated)
        return 2
    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)
    n = equal = booleans = booleans_equal = 0
    diffs = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                n += 1
                a = cached[ws.title][cell.coordinate].value
                b = theirs[ws.title][cell.coordinate].value
                ok = same(a, b)
                equal += ok
                if isinstance(a, bool):
                    booleans += 1
                    booleans_equal += ok
                if not ok and len(diffs) < 10:
                    diffs.append(f"{ws.title}!{cell.coordinate} {cell.value}: cached {a!r}, LibreOffice {b!r}")
    print(f"formulas {n} equal {equal}")
    print(f"booleans {booleans} equal {booleans_equal}")
    for d in diffs:
        print("  " + d)
    return 0 if n and equal == n else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
