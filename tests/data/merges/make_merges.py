#!/usr/bin/python3
"""Write merges.xlsx: the plan of make_merges.pl as .xlsx, plus a very hidden sheet (openpyxl).

    /usr/bin/python3 tests/data/merges/make_merges.py [OUTDIR]

Sheet "Äldreomsorg" (visible): A4:A14 Område merged over three measures, C4:E4 the first
Beskrivning merged across, D2:E2 a note merged above the tables. "Utkast" (hidden): the same
measures unmerged. "Gammalt" (veryHidden): the same again. The output is committed.
"""
import os
import sys

import openpyxl

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
MEASURES = [("Färre besök", "Samordnade besök i hemtjänsten.", 100, 400),
            ("Nattpatrull", "En nattpatrull i stället för två.", 200, 500),
            ("Digitala inköp", "Inköp beställs digitalt.", 300, 600)]


def area_sheet(ws, merge):
    ws["A1"] = "Åtgärder inom vård- och omsorgsnämnden \u2013 Äldreomsorg"
    ws["A3"], ws["B3"], ws["C3"] = "Område", "Åtgärd", "Beskrivning"
    r = 4  # 1-based
    for i, (title, desc, e2024, full) in enumerate(MEASURES):
        if not merge or i == 0:
            ws.cell(r, 1, "Hemtjänst")
        ws.cell(r, 2, title)
        ws.cell(r, 3, desc)
        ws.cell(r + 1, 3, "Åtgärder")
        ws.cell(r + 1, 4, "Effekt 2024 (tkr)")
        ws.cell(r + 1, 5, "Helårseffekt (tkr)")
        ws.cell(r + 2, 3, "Minskade kostnader: " + title)
        ws.cell(r + 2, 4, e2024)
        ws.cell(r + 2, 5, full)
        r += 4
    if merge:
        ws.merge_cells("A4:A14")
        ws.merge_cells("C4:E4")


wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Äldreomsorg"
area_sheet(ws, True)
ws["D2"] = "Belopp i tkr:"
ws.merge_cells("D2:E2")
draft = wb.create_sheet("Utkast")
area_sheet(draft, False)
draft.sheet_state = "hidden"
old = wb.create_sheet("Gammalt")
area_sheet(old, False)
old.sheet_state = "veryHidden"
wb.save(os.path.join(OUT, "merges.xlsx"))

# merges-bad.xlsx: the same with one mergeCell that is no range of Excel's grid
import zipfile  # noqa: E402

with zipfile.ZipFile(os.path.join(OUT, "merges.xlsx")) as src, \
        zipfile.ZipFile(os.path.join(OUT, "merges-bad.xlsx"), "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            data = data.replace(b'ref="D2:E2"', b'ref="D2:QQQQ1"')
        dst.writestr(item, data)
