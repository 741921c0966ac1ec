#!/usr/bin/python3
"""report_xlsx.py COMMAND ...: independent checks of a committee workbook written by planxl, with
openpyxl (python3-openpyxl, Debian). Exit 0 when every check holds; prints what failed.

  example PLAN.json REPORT.xlsx  the example plan: sheets, measures, KPIs, effect rows, totals
  formulas REPORT.xlsx           every formula's cached value equals this script's own evaluation
  recalc REPORT.xlsx LO.xlsx     every formula's cached value equals LibreOffice's recalculated one
  layout REPORT.xlsx             print setup, frozen header, formats, document properties (example plan)
  xmlnumbers REPORT.xlsx         every number in the sheets' XML is written with a decimal point
  created REPORT.xlsx ISO        docProps/core.xml says the file was created at ISO (UTC)
  sheets REPORT.xlsx NAME...     the sheet names, in order
  cells REPORT.xlsx SHEET!A1=VALUE ...  cell contents (numbers compared as numbers, =... as formula text)
  values REPORT.xlsx SHEET!A1=VALUE ... cell values, formulas as their cached results
"""
import json, re, sys, zipfile
import openpyxl
from openpyxl.utils import column_index_from_string, range_boundaries

failures = []

def fail(msg):
    failures.append(msg)

def done():
    for f in failures[:30]:
        print("FAIL:", f)
    if len(failures) > 30:
        print(f"... and {len(failures) - 30} more")
    sys.exit(1 if failures else 0)

def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)

def same(a, b):
    return a == b or (is_num(a) and is_num(b) and abs(a - b) < 1e-6)

# ---- a small evaluator for the formulas planxl writes: SUM, SUMIF, COUNTIF, cross-sheet references ----

class Evaluator:
    def __init__(self, path):
        self.wb = openpyxl.load_workbook(path, data_only=False)
        self.cache = {}

    def value(self, sheet, coord):
        key = (sheet, coord)
        if key in self.cache:
            return self.cache[key]
        v = self.wb[sheet][coord].value
        if isinstance(v, str) and v.startswith("="):
            v = self.formula(sheet, v[1:])
        self.cache[key] = v
        return v

    def cells(self, sheet, ref):
        ref = ref.replace("$", "")
        if ":" not in ref:
            return [self.value(sheet, ref)]
        c1, r1, c2, r2 = range_boundaries(ref)
        out = []
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                out.append(self.value(sheet, openpyxl.utils.get_column_letter(c) + str(r)))
        return out

    def formula(self, sheet, f):
        m = re.fullmatch(r"SUM\(([$A-Z0-9:]+)\)", f)
        if m:  # Excel's SUM adds numbers and skips text and empty cells
            return sum(v for v in self.cells(sheet, m.group(1)) if is_num(v))
        m = re.fullmatch(r'SUMIF\(([$A-Z0-9:]+),"([^"]*)",([$A-Z0-9:]+)\)', f)
        if m:
            crit = self.cells(sheet, m.group(1))
            vals = self.cells(sheet, m.group(3))
            return sum(v for c, v in zip(crit, vals)
                       if isinstance(c, str) and c.lower() == m.group(2).lower() and is_num(v))
        m = re.fullmatch(r"""COUNTIF\('((?:[^']|'')+)'!([$A-Z0-9:]+),"([^"]*)"\)""", f)
        if m:  # the summary's KPI counts: Excel's COUNTIF compares text without regard to case
            cells = self.cells(m.group(1).replace("''", "'"), m.group(2))
            return sum(1 for v in cells if isinstance(v, str) and v.lower() == m.group(3).lower())
        m = re.fullmatch(r"'((?:[^']|'')+)'!\$?([A-Z]+)\$?([0-9]+)", f)
        if m:
            return self.value(m.group(1).replace("''", "'"), m.group(2) + m.group(3))
        raise ValueError(f"{sheet}: formula planxl should not write: ={f}")

def formula_cells(path):
    wb = openpyxl.load_workbook(path, data_only=False)
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    yield ws.title, c.coordinate, c.value

def cmd_formulas(path):
    ev = Evaluator(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    n = 0
    for sheet, coord, f in formula_cells(path):
        n += 1
        try:
            want = ev.value(sheet, coord)
        except ValueError as e:
            fail(str(e))
            continue
        got = cached[sheet][coord].value
        if not same(got, want):
            fail(f"{sheet}!{coord} {f}: cached {got!r}, the cells add up to {want!r}")
    if n == 0:
        fail("no formulas at all")
    print(f"formulas checked: {n}")

def cmd_recalc(ours, lo):
    cached = openpyxl.load_workbook(ours, data_only=True)
    lov = openpyxl.load_workbook(lo, data_only=True)
    n = 0
    for sheet, coord, f in formula_cells(ours):
        n += 1
        a, b = cached[sheet][coord].value, lov[sheet][coord].value
        if not same(a, b):
            fail(f"{sheet}!{coord} {f}: cached {a!r}, LibreOffice {b!r}")
    if n == 0:
        fail("no formulas at all")
    print(f"formula cells equal after recalculation: {n - len(failures)}/{n}")

def cmd_xmlnumbers(path):
    z = zipfile.ZipFile(path)
    n = 0
    for name in z.namelist():
        if not name.startswith("xl/worksheets/"):
            continue
        xml = z.read(name).decode("utf-8")
        for v in re.findall(r"<v>([^<]*)</v>", xml):
            n += 1
            if "," in v:
                fail(f"{name}: <v>{v}</v> has a decimal comma")
        for attr in re.findall(r' (?:ht|width|left|right|top|bottom|header|footer)="([^"]*)"', xml):
            if "," in attr:
                fail(f"{name}: attribute value {attr!r} has a decimal comma")
    if n == 0:
        fail("no <v> numbers found")
    print(f"numbers checked: {n}")

def cmd_created(path, iso):
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode("utf-8")
    m = re.search(r"<dcterms:created[^>]*>([^<]*)<", core)
    if not m or m.group(1) != iso:
        fail(f"created {m.group(1) if m else None!r}, want {iso!r}")

def cmd_sheets(path, names):
    got = openpyxl.load_workbook(path).sheetnames
    if got != names:
        fail(f"sheets {got}, want {names}")

def parse_expected(text):
    if text.startswith("="):
        return text
    try:
        return float(text)
    except ValueError:
        return text

def cmd_cells(path, specs, data_only=False):
    wf = openpyxl.load_workbook(path, data_only=data_only)
    for spec in specs:
        where, want = spec.split("=", 1) if not spec.startswith("=") else (None, None)
        sheet, coord = where.rsplit("!", 1)
        want = parse_expected(want)
        got = wf[sheet][coord].value
        if isinstance(want, float):
            if not is_num(got) or abs(got - want) > 1e-9:
                fail(f"{sheet}!{coord} is {got!r}, want the number {want}")
        elif got != want:
            fail(f"{sheet}!{coord} is {got!r}, want {want!r}")

def rows_of(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]

def cmd_example(json_path, path):
    plan = json.load(open(json_path, encoding="utf-8"))
    wf = openpyxl.load_workbook(path, data_only=False)
    wv = openpyxl.load_workbook(path, data_only=True)
    areas = [a["name"] for a in plan["areas"]]
    if wf.sheetnames[: len(areas) + 1] != ["Sammanställning"] + areas:
        fail(f"sheets {wf.sheetnames}, want Sammanställning then {areas}")
    for area in plan["areas"]:
        if area["name"] not in wf.sheetnames:
            continue
        rows = rows_of(wf[area["name"]])
        header = next((r for r in rows if r and r[2] == "Typ"), None)
        if not header:
            fail(f"{area['name']}: no header row with Typ")
            continue
        col = {name: i for i, name in enumerate(header) if name}
        for m in area["measures"]:
            i = next((i for i, r in enumerate(rows) if r[2] == "Åtgärd" and r[1] == m["title"]), None)
            if i is None:
                fail(f"{area['name']}: measure {m['title']!r} missing")
                continue
            r = rows[i]
            if r[0] != m["section"]:
                fail(f"{m['title']}: Område {r[0]!r}, want {m['section']!r}")
            if (r[3] or "") != m["description"]:
                fail(f"{m['title']}: description differs")
            # Then its KPI rows, its effect rows, a Summa row when it has effects.
            j = i + 1
            for k in m["kpis"]:
                r = rows[j]
                if r[2] != "Nyckeltal" or r[3] != k["name"]:
                    fail(f"{m['title']}: KPI row {j + 1} is {r[2]!r} {r[3]!r}, want {k['name']!r}")
                for field, c in (("target", "Målvärde"), ("current", "Utfall")):
                    text, got = k[field], r[col[c]]
                    num = text.replace("\u00a0", " ").replace(" ", "").replace(",", ".")
                    if num.endswith("%"):
                        want = float(num[:-1]) / 100
                    else:
                        try:
                            want = float(num)
                        except ValueError:
                            want = text
                    if isinstance(want, float):
                        if not is_num(got) or abs(got - want) > 1e-9:
                            fail(f"{k['name']}: {c} {got!r}, want the number {want} (from {text!r})")
                    elif got != want:
                        fail(f"{k['name']}: {c} {got!r}, want the text {want!r}")
                if (r[col["Kommentar"]] or "") != k["comment"]:
                    fail(f"{k['name']}: comment differs")
                j += 1
            first = j
            for e in m["effects"]:
                r = rows[j]
                if r[2] != "Effekt" or r[3] != e["description"]:
                    fail(f"{m['title']}: effect row {j + 1} is {r[2]!r} {r[3]!r}, want {e['description']!r}")
                for field, c in (("effect_2024_tkr", "Effekt 2024 (tkr)"), ("full_year_tkr", "Helårseffekt (tkr)")):
                    got = r[col[c]]
                    if not is_num(got) or got != e[field]:
                        fail(f"{m['title']}: effect row {j + 1} {c} {got!r}, want the number {e[field]}")
                j += 1
            if m["effects"]:
                r = rows[j]
                g, h = col["Effekt 2024 (tkr)"], col["Helårseffekt (tkr)"]
                def rng(c):
                    l = "ABCDEFGHIJ"[c]
                    return f"=SUM({l}{j})" if first + 1 == j else f"=SUM({l}{first + 1}:{l}{j})"
                want_g, want_h = rng(g), rng(h)
                if r[2] != "Summa" or r[g] != want_g or r[h] != want_h:
                    fail(f"{m['title']}: Summa row {j + 1} is {r[2]!r} {r[g]!r} {r[h]!r}, want {want_g} {want_h}")
                cg = wv[area["name"]].cell(row=j + 1, column=g + 1).value
                ch = wv[area["name"]].cell(row=j + 1, column=h + 1).value
                sg = sum(e["effect_2024_tkr"] for e in m["effects"])
                sh = sum(e["full_year_tkr"] for e in m["effects"])
                if cg != sg or ch != sh:
                    fail(f"{m['title']}: Summa cached {cg!r}/{ch!r}, want {sg}/{sh}")
    # The summary: one row per area, its totals as cross-sheet formulas, and the grand total.
    s = wf["Sammanställning"]
    sv = wv["Sammanställning"]
    srows = rows_of(s)
    hdr = next((i for i, r in enumerate(srows) if r[0] == "Verksamhetsområde"), None)
    if hdr is None:
        fail("Sammanställning: no header row")
        return
    totals = plan["totals"]
    for k, area in enumerate(plan["areas"]):
        i = hdr + 1 + k
        r = srows[i]
        if r[0] != area["name"]:
            fail(f"Sammanställning row {i + 1}: {r[0]!r}, want {area['name']!r}")
            continue
        want_counts = [len(area["measures"]), sum(len(m["kpis"]) for m in area["measures"]),
                       sum(len(m["effects"]) for m in area["measures"])]
        if r[1:4] != want_counts:
            fail(f"Sammanställning {area['name']}: counts {r[1:4]}, want {want_counts}")
        for c, key in ((4, "effect_2024_tkr"), (5, "full_year_tkr")):
            f = r[c]
            if not (isinstance(f, str) and f.startswith(f"='{area['name']}'!")):
                fail(f"Sammanställning {area['name']}: {f!r} is not a formula on sheet {area['name']}")
            got = sv.cell(row=i + 1, column=c + 1).value
            if got != totals["areas"][area["name"]][key]:
                fail(f"Sammanställning {area['name']} {key}: cached {got!r}, want {totals['areas'][area['name']][key]}")
    i = hdr + 1 + len(plan["areas"])
    r = srows[i]
    if r[0] != "Totalt":
        fail(f"Sammanställning row {i + 1}: {r[0]!r}, want Totalt")
    for c, key in ((4, "effect_2024_tkr"), (5, "full_year_tkr")):
        letter = "ABCDEF"[c]
        want_f = f"=SUM({letter}{hdr + 2}:{letter}{hdr + 1 + len(plan['areas'])})"
        if r[c] != want_f:
            fail(f"Sammanställning grand total {r[c]!r}, want {want_f}")
        got = sv.cell(row=i + 1, column=c + 1).value
        if got != totals[key]:
            fail(f"Sammanställning grand total {key}: cached {got!r}, want {totals[key]}")

def cmd_layout(path):
    """Print setup, frozen header, formats and document properties, as a finance office sets them."""
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        ps = ws.page_setup
        if str(ps.paperSize) != "9" or ps.orientation != "landscape":
            fail(f"{ws.title}: paper {ps.paperSize} {ps.orientation}, want A4 (9) landscape")
        # fitToWidth="1" is the default (ECMA-376 18.3.1.63), so it may be left out.
        if not ws.sheet_properties.pageSetUpPr.fitToPage or str(ps.fitToWidth or 1) != "1" or str(ps.fitToHeight) != "0":
            fail(f"{ws.title}: not fitted one page wide ({ps.fitToWidth} x {ps.fitToHeight})")
        if not ws.print_title_rows:
            fail(f"{ws.title}: no rows repeated on each printed page")
        if not ws.freeze_panes:
            fail(f"{ws.title}: no frozen header")
        if "Åtgärdsplan per augusti 2024" not in (ws.oddHeader.left.text or "") or \
                "2024-08" not in (ws.oddHeader.right.text or ""):
            fail(f"{ws.title}: page header {ws.oddHeader.left.text!r} / {ws.oddHeader.right.text!r}")
        if "&P" not in (ws.oddFooter.center.text or "") or "&N" not in (ws.oddFooter.center.text or ""):
            fail(f"{ws.title}: footer {ws.oddFooter.center.text!r} has no page numbers")
        # The header row: bold and filled; column widths set.
        title_row = int(ws.print_title_rows.split(":")[0].lstrip("$"))
        for c in ws[title_row]:
            if c.value is not None and (not c.font.b or c.fill.fgColor.rgb in (None, "00000000")):
                fail(f"{ws.title}!{c.coordinate}: header cell not bold and filled")
        if not any(d.width and d.width > 10 for d in ws.column_dimensions.values()):
            fail(f"{ws.title}: no column widths")
    # Amounts: thousands separator, no decimals, negatives marked; percents as percents.
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        if name == "Kontroller":
            continue
        hdr = next(r for r in ws.iter_rows() if r[2].value == "Typ")
        col = {c.value: c.column for c in hdr}
        for row in ws.iter_rows(min_row=hdr[0].row + 1):
            for key in ("Effekt 2024 (tkr)", "Helårseffekt (tkr)"):
                c = row[col[key] - 1]
                if is_num(c.value) or (isinstance(c.value, str) and c.value.startswith("=")):
                    if c.number_format != "#,##0;[Red]-#,##0":
                        fail(f"{name}!{c.coordinate}: amount format {c.number_format!r}")
            for key in ("Målvärde", "Utfall"):
                c = row[col[key] - 1]
                if is_num(c.value) and c.value < 1.5 and "%" not in c.number_format and "kameratillsyn" in str(row[3].value):
                    fail(f"{name}!{c.coordinate}: percent shown as {c.number_format!r}")
    p = wb.properties
    if p.title != "Åtgärdsplan per augusti 2024" or p.creator != "Vård- och omsorgsnämnd":
        fail(f"document properties: title {p.title!r}, author {p.creator!r}")
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode("utf-8")
    if "<Company>Huddinge</Company>" not in app:
        fail("document properties: no company Huddinge")

def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "example":
        cmd_example(*args)
    elif cmd == "formulas":
        cmd_formulas(*args)
    elif cmd == "recalc":
        cmd_recalc(*args)
    elif cmd == "layout":
        cmd_layout(*args)
    elif cmd == "xmlnumbers":
        cmd_xmlnumbers(*args)
    elif cmd == "created":
        cmd_created(*args)
    elif cmd == "sheets":
        cmd_sheets(args[0], args[1:])
    elif cmd == "cells":
        cmd_cells(args[0], args[1:])
    elif cmd == "values":
        cmd_cells(args[0], args[1:], data_only=True)
    else:
        sys.exit(f"unknown command {cmd}")
    done()

main()
