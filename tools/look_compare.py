#!/usr/bin/python3
"""look_compare.py PLANXL [SAMPLE] [--corpus DIR] [--keep DIR]: what of a workbook's look convert keeps.

Converts each file of SAMPLE (default tools/look_sample.txt, names in DIR, default
/work/shared/corpus/xls) with `PLANXL convert` and with LibreOffice headless, reads both .xlsx
with python3-openpyxl and counts, per feature, the items LibreOffice's output has, the items
planxl's has and the items both have alike (the same cell, range, row or column with the same
setting). A file counts as keeping a feature when it has at least 95 % of LibreOffice's items of
it. Prints a Markdown table (docs/convert.md) and, with -v, the files that miss a feature.
Sheets are paired by position (planxl may rename a sheet). By hand, not a test: LibreOffice
takes a few seconds a file.
"""
import os
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles.numbers import is_date_format

FEATURES = [
    ("row heights", "rows with a height of their own"),
    ("column widths", "columns with a width of their own"),
    ("hidden rows/columns", "rows and columns hidden"),
    ("font formatting", "cells bold, italic, underlined or struck through"),
    ("font size/name", "cells in another size or font than the workbook's default"),
    ("font colour", "cells with a font colour"),
    ("merged ranges", "merged ranges"),
    ("number formats", "cells with a number format other than General and dates"),
    ("fills", "cells with a fill"),
    ("borders", "cells with a border"),
    ("alignment", "cells aligned, wrapped, indented or rotated"),
    ("comments", "cell comments"),
    ("frozen panes", "sheets with frozen panes"),
    ("hidden sheets", "hidden sheets"),
    ("hyperlinks", "hyperlinks"),
    ("print setup", "sheets' orientation, fit to page, print area and titles, header/footer"),
]

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></oor:items>
"""


def colour(c):
    if c is None:
        return None
    if c.type == "rgb" and c.rgb and isinstance(c.rgb, str):
        rgb = c.rgb[-6:].upper()
        return None if rgb == "000000" else rgb
    if c.type == "indexed" and c.indexed not in (None, 64, 8):
        return "i%d" % c.indexed
    if c.type == "theme" and c.theme != 1:  # theme 1: the text colour, every writer's default
        return "t%d" % c.theme
    return None


def items(path):
    """feature -> {key: value} for one workbook."""
    wb = openpyxl.load_workbook(path)
    out = {f: {} for f, _ in FEATURES}
    base = None
    for si, ws in enumerate(wb.worksheets):
        if base is None:
            # the workbook's default font: the most common (name, size) over its cells
            seen = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        k = (c.font.name, c.font.sz)
                        seen[k] = seen.get(k, 0) + 1
            base = max(seen, key=seen.get) if seen else (None, None)
        for r, d in ws.row_dimensions.items():
            if d.hidden:
                out["hidden rows/columns"][(si, "r", r)] = 1
            elif d.customHeight and d.ht is not None:
                out["row heights"][(si, r)] = round(float(d.ht) * 2) / 2
        for letter, d in ws.column_dimensions.items():
            lo, hi = d.min or 0, d.max or 0
            if not lo:
                continue
            for col in range(lo, min(hi, lo + 255) + 1):
                if d.hidden:
                    out["hidden rows/columns"][(si, "c", col)] = 1
                elif d.customWidth and d.width:
                    out["column widths"][(si, col)] = round(float(d.width))
        for m in ws.merged_cells.ranges:
            out["merged ranges"][(si, str(m))] = 1
        if ws.freeze_panes:
            out["frozen panes"][si] = ws.freeze_panes
        if ws.sheet_state != "visible":
            out["hidden sheets"][si] = ws.sheet_state
        ps = ws.page_setup
        if ps.orientation == "landscape":
            out["print setup"][(si, "landscape")] = 1
        if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
            out["print setup"][(si, "fit")] = (ps.fitToWidth, ps.fitToHeight)
        if ws.print_area:
            out["print setup"][(si, "area")] = str(ws.print_area).replace("$", "").split("!")[-1]
        if ws.print_title_rows:
            out["print setup"][(si, "titles")] = ws.print_title_rows
        for part in ("oddHeader", "oddFooter"):
            hf = getattr(ws, part)
            text = "".join(x.text or "" for x in (hf.left, hf.center, hf.right))
            if text.strip():
                out["print setup"][(si, part)] = 1
        for link in ws._hyperlinks:
            out["hyperlinks"][(si, link.ref)] = link.target or link.location
        for row in ws.iter_rows():
            for c in row:
                key = (si, c.coordinate)
                if c.comment is not None:
                    out["comments"][key] = c.comment.text.strip()
                if c.hyperlink is not None and (si, c.coordinate) not in out["hyperlinks"]:
                    out["hyperlinks"][key] = c.hyperlink.target or c.hyperlink.location
                if c.value is None and not c.has_style:
                    continue
                f = c.font
                flags = (bool(f.b), bool(f.i), bool(f.u and f.u != "none"), bool(f.strike))
                if any(flags):
                    out["font formatting"][key] = flags
                if (f.name, f.sz) != base and f.sz is not None:
                    out["font size/name"][key] = (f.name, float(f.sz))
                if colour(f.color):
                    out["font colour"][key] = colour(f.color)
                nf = c.number_format
                if nf and nf != "General" and not is_date_format(nf):
                    out["number formats"][key] = nf.replace("\\", "").replace('"', "").lower()
                fill = c.fill
                if fill is not None and fill.fill_type not in (None, "none"):
                    out["fills"][key] = colour(fill.fgColor) or fill.fill_type
                b = c.border
                sides = tuple((s.style or "") for s in (b.left, b.right, b.top, b.bottom))
                if any(sides):
                    out["borders"][key] = sides
                a = c.alignment
                al = (a.horizontal if a.horizontal not in (None, "general") else "", a.vertical not in (None, "bottom"),
                      bool(a.wrap_text), int(a.indent or 0), int(a.textRotation or 0))
                if any(al):
                    out["alignment"][key] = al
    return out


def same(feature, a, b):
    if feature == "column widths":
        return abs(a - b) <= 1
    if feature == "row heights":
        return abs(a - b) <= 1
    return a == b


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    corpus = "/work/shared/corpus/xls"
    keep = None
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] == "--corpus":
            corpus = argv[i + 1]
            i += 2
        elif argv[i] == "--keep":
            keep = argv[i + 1]
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    if not rest:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 64
    planxl = rest[0]
    sample = rest[1] if len(rest) > 1 else os.path.join(os.path.dirname(__file__), "look_sample.txt")
    names = [l.strip() for l in open(sample) if l.strip() and not l.startswith("#")]
    work = keep or tempfile.mkdtemp(prefix="planxl-look-")
    os.makedirs(os.path.join(work, "lo"), exist_ok=True)
    os.makedirs(os.path.join(work, "planxl"), exist_ok=True)
    os.makedirs(os.path.join(work, "profile", "user"), exist_ok=True)
    with open(os.path.join(work, "profile", "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE)
    paths = [os.path.join(corpus, n) for n in names]
    todo = [p for p in paths if not os.path.exists(os.path.join(work, "lo", os.path.basename(p)[:-4] + ".xlsx"))]
    if todo:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.join(work, "profile"), "--headless",
                        "--norestore", "--convert-to", "xlsx", "--outdir", os.path.join(work, "lo")] + todo,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1200)
    totals = {f: [0, 0, 0, 0, 0] for f, _ in FEATURES}  # LO files, kept files, LO items, planxl items, alike
    skipped = []
    misses = []
    for p in paths:
        base = os.path.basename(p)[:-4]
        lo = os.path.join(work, "lo", base + ".xlsx")
        mine = os.path.join(work, "planxl", base + ".xlsx")
        r = subprocess.run([planxl, "convert", "-q", "-f", p, "-o", mine], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0 or not os.path.exists(lo):
            skipped.append((base, "planxl: " + r.stderr.strip() if r.returncode else "LibreOffice wrote nothing"))
            continue
        a, b = items(lo), items(mine)
        for f, _ in FEATURES:
            if not a[f]:
                continue
            alike = sum(1 for k, v in a[f].items() if k in b[f] and same(f, v, b[f][k]))
            t = totals[f]
            t[0] += 1
            t[2] += len(a[f])
            t[3] += len(b[f])
            t[4] += alike
            if alike >= 0.95 * len(a[f]):
                t[1] += 1
            else:
                misses.append((f, base, alike, len(a[f])))
    print("| feature | files that have it (LibreOffice's output) | kept by planxl (≥ 95 % of the items) "
          "| items: LibreOffice | planxl | alike |")
    print("|---|---|---|---|---|---|")
    for f, what in FEATURES:
        t = totals[f]
        print("| %s (%s) | %d | %d | %d | %d | %d |" % (f, what, t[0], t[1], t[2], t[3], t[4]))
    print("\n%d files compared, %d skipped" % (len(paths) - len(skipped), len(skipped)))
    for base, why in skipped:
        print("  skipped %s: %s" % (base, why.splitlines()[0] if why else ""))
    if verbose:
        for f, base, alike, n in misses:
            print("  %s: %s: %d of %d alike" % (f, base, alike, n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
