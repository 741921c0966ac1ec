#!/usr/bin/python3
"""formats_vs_lo.py IN.xls OUT.xlsx WORKDIR [PARTS]: does planxl's OUT look like LibreOffice's own
conversion of IN? LibreOffice (soffice headless, a private profile in WORKDIR) converts IN to
.xlsx; then every non-empty or formatted cell's PARTS (default font,color,border,fill,align; see
xlsx_formats.py) are compared between the two files, as python3-openpyxl reads them. Number
formats are not compared, nor the cells of merged ranges (which LibreOffice draws as one, with the
first cell's format; planxl does not carry merges): LibreOffice respells them ("d mmmm" as "d\\ mmmm"); the tests check them
at named cells. Prints "cells N differ D" and up to 10 differences; exit 0 when N > 0 and D == 0,
1 otherwise, 2 when LibreOffice did not produce a file."""
import os
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xlsx_formats import describe  # noqa: E402


def looks(path, keep):
    wb = openpyxl.load_workbook(path)
    out, merged = {}, set()
    for ws in wb.worksheets:
        for rng in ws.merged_cells.ranges:
            merged.update((ws.title, c.coordinate) for row in ws[rng.coord] for c in row)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None or cell.has_style:
                    out[(ws.title, cell.coordinate)] = [p for p in describe(cell) if p.split("=")[0] in keep]
    return out, merged


def main(src, ours, workdir, parts="font,color,border,fill,align"):
    keep = parts.split(",")
    profile = os.path.join(workdir, "lo-fmt-profile")
    outdir = os.path.join(workdir, "lo-fmt")
    os.makedirs(outdir, exist_ok=True)
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "xlsx",
                    "--outdir", outdir, src], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    theirs = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".xlsx")
    if not os.path.exists(theirs):
        print("LibreOffice did not convert", src)
        return 2
    (a, merged), (b, _) = looks(theirs, keep), looks(ours, keep)
    # a merged range LibreOffice draws as one cell, with the first cell's format: not compared
    a = {k: v for k, v in a.items() if k not in merged}
    differ = [(k, a[k], b.get(k)) for k in a if a[k] != b.get(k)]
    print("cells %d differ %d merged %d" % (len(a), len(differ), len(merged)))
    for (sheet, ref), x, y in differ[:10]:
        print("%s!%s LibreOffice %s planxl %s" % (sheet, ref, " ".join(x), " ".join(y or ["(no cell)"])))
    return 0 if a and not differ else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
