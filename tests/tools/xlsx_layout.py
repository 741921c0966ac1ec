#!/usr/bin/python3
"""Sheet layout carried by `planxl convert`: IN.xls read by python3-xlrd (formatting_info),
OUT.xlsx read by python3-openpyxl, compared sheet by sheet (by position):

  column widths and hidden columns (COLINFO; width to the pixel, 1/7 character), cell comments
  (text and author),
  row heights, hidden rows and outline levels (ROW records off the sheet's default),
  merged ranges (as sets), frozen panes, sheet states, zoom (SCL), gridlines.

Then each --expect SHEET:KEY=VALUE (values worked out from the fixture's script) must
hold in OUT.xlsx:  width:B=20.71  height:3=30  hidden-row:5  hidden-col:D  level-row:7=1
merge:A1:C1  freeze:B2  state=hidden  zoom=85  tab=FFFF0000  gridlines=0  selection=C3
split=2667,855 (xSplit, ySplit in twips, to 40), the print setup's orientation=landscape
paper=9 scale=75 fit=True,1,0 margins=0.5,0.5,1,1,0.4,0.35 header=|Plan &P| footer=||Sida &P
center=True,True print-gridlines=True headings=True first-page=2,True area=$A$1:$D$20
title-rows=$1:$1 title-cols=$A:$A (compared as text), comment:C3=TEXT|AUTHOR, and active=SHEET
(no SHEET: prefix).

With --libreoffice WORKDIR, LibreOffice (soffice headless, a private profile in WORKDIR)
then opens OUT.xlsx and saves it as .xlsx again, and the same comparison and expectations
must hold in its file (widths to 0.3 character, heights to 0.76 point: LibreOffice stores
them in its own units, heights in whole pixels of 0.75 point): LibreOffice read every part of the layout, with no repair. Headless
LibreOffice has no window, so it writes no view of its own (panes, selection, zoom,
gridlines and the active sheet are not compared in its file), it has no very hidden
state (it writes such a sheet hidden), and it writes every comment's author as " " (comments
are compared by their text there).

Prints one line per difference and exits 1 when there is any, 2 when LibreOffice wrote
nothing; prints a summary and exits 0 otherwise.
Usage: xlsx_layout.py IN.xls OUT.xlsx [--expect ...]... [--libreoffice WORKDIR]
"""
import os
import shutil
import subprocess
import sys

import openpyxl
import xlrd
from openpyxl.utils import get_column_letter, column_index_from_string

PIXEL = 1.0 / 7 + 0.01   # libxlsxwriter writes widths to its pixel: 1/7 character
HEIGHT = 0.001           # points; LibreOffice's own rounding when its file is checked
VIEW = True              # compare the window's settings (not in headless LibreOffice's file)
VIEW_KEYS = ("freeze", "zoom", "gridlines", "selection", "split")
COMMENTS = True          # compare cell comments (--no-comments: a file from before they were carried)


def col_width(ws, col):
    """openpyxl's width of 0-based column col, or None when no <col> covers it."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= col + 1 <= dim.max and dim.customWidth:
            return dim.width, bool(dim.hidden), dim.outline_level or 0
    return None


def row_dim(ws, row):
    """(height, hidden, level) of 0-based row, openpyxl's."""
    dim = ws.row_dimensions.get(row + 1)
    if dim is None:
        return None, False, 0
    return dim.height, bool(dim.hidden), dim.outline_level or 0


def xlsx_merges(ws):
    return {str(r) for r in ws.merged_cells.ranges}


def xls_merges(sh):
    out = set()
    for rlo, rhi, clo, chi in sh.merged_cells:
        a = "%s%d" % (get_column_letter(clo + 1), rlo + 1)
        b = "%s%d" % (get_column_letter(chi), rhi)
        if a != b:
            out.add("%s:%s" % (a, b))
    return out


def compare(book, wb, problems):
    counts = {"widths": 0, "rows": 0, "merges": 0, "panes": 0, "states": 0, "comments": 0}
    sheets = book.sheets()
    if len(sheets) != len(wb.worksheets):
        problems.append("sheet count: xls %d, xlsx %d" % (len(sheets), len(wb.worksheets)))
        return counts
    for sh, ws in zip(sheets, wb.worksheets):
        where = ws.title
        for col, info in sorted(sh.colinfo_map.items()):
            if col > 255:
                continue
            got = col_width(ws, col)
            want = info.width / 256.0
            if info.width == 0 and (got is None or got[0] == 0 or got[1]):
                counts["widths"] += 1  # a column 0 wide is hidden, whichever way it is written
                continue
            if got is None:
                problems.append("%s: column %s: no width (xls %.4f)" % (where, get_column_letter(col + 1), want))
                continue
            if abs(got[0] - want) > PIXEL:
                problems.append("%s: column %s: width %s, xls %.4f" % (where, get_column_letter(col + 1), got[0], want))
            if got[1] != bool(info.hidden):
                problems.append("%s: column %s: hidden %s, xls %s" % (where, get_column_letter(col + 1), got[1], bool(info.hidden)))
            if got[2] != (info.outline_level or 0):
                problems.append("%s: column %s: level %s, xls %s" % (where, get_column_letter(col + 1), got[2], info.outline_level))
            counts["widths"] += 1
        default = sh.default_row_height or 255
        for row, info in sorted(sh.rowinfo_map.items()):
            height, hidden, level = row_dim(ws, row)
            own = not info.has_default_height and info.height != default
            if own and (height is None or abs(height - info.height / 20.0) > HEIGHT):
                problems.append("%s: row %d: height %s, xls %s" % (where, row + 1, height, info.height / 20.0))
            if not own and height is not None and abs(height - default / 20.0) > HEIGHT and not hidden:
                problems.append("%s: row %d: height %s, xls default %s" % (where, row + 1, height, default / 20.0))
            if hidden != bool(info.hidden) or level != (info.outline_level or 0):
                problems.append("%s: row %d: hidden %s level %s, xls %s %s" % (where, row + 1, hidden, level, bool(info.hidden), info.outline_level))
            counts["rows"] += own or bool(info.hidden) or bool(info.outline_level)
        want_merges, got_merges = xls_merges(sh), xlsx_merges(ws)
        if want_merges != got_merges:
            problems.append("%s: merges: missing %s, extra %s" % (where, sorted(want_merges - got_merges), sorted(got_merges - want_merges)))
        counts["merges"] += len(got_merges)
        # cell comments: text and author (BIFF8; xlrd reads no others)
        if book.biff_version >= 80:
            want_notes = {(get_column_letter(c + 1) + str(r + 1), n.text, n.author or "") for (r, c), n in sh.cell_note_map.items()}
            # openpyxl 3.0 reads an empty <author/> as the text "None"
            got_notes = {(cell.coordinate, cell.comment.text, "" if cell.comment.author in (None, "None") else cell.comment.author)
                         for cell in ws._cells.values() if cell.comment}  # the cells there are, not the grid
            if not VIEW:  # headless LibreOffice writes every comment's author as " "
                want_notes = {n[:2] for n in want_notes}
                got_notes = {n[:2] for n in got_notes}
            if COMMENTS and want_notes != got_notes:
                problems.append("%s: comments: missing %s, extra %s" % (where, sorted(want_notes - got_notes)[:3], sorted(got_notes - want_notes)[:3]))
            counts["comments"] += len(got_notes)
        if VIEW and sh.panes_are_frozen and (sh.horz_split_pos or sh.vert_split_pos):
            # the frozen columns and rows (the first cell shown below them may be scrolled)
            pane = ws.sheet_view.pane
            got = (int(pane.xSplit or 0), int(pane.ySplit or 0), pane.state) if pane is not None else None
            want = (sh.vert_split_pos, sh.horz_split_pos, "frozen")
            if got != want:
                problems.append("%s: frozen %s, xls %s" % (where, got, want))
            counts["panes"] += 1
        state = {0: "visible", 1: "hidden", 2: "veryHidden" if VIEW else "hidden"}[sh.visibility]
        if ws.sheet_state != state and not (ws is wb.active and ws.sheet_state == "visible"):
            problems.append("%s: state %s, xls %s" % (where, ws.sheet_state, state))
        counts["states"] += state != "visible"
        if not VIEW:
            continue
        zoom = sh.scl_mag_factor or 100
        if (ws.sheet_view.zoomScale or 100) != zoom:
            problems.append("%s: zoom %s, xls %s" % (where, ws.sheet_view.zoomScale, zoom))
        grid = ws.sheet_view.showGridLines is not False
        if grid != bool(sh.show_grid_lines):
            problems.append("%s: gridlines %s, xls %s" % (where, grid, bool(sh.show_grid_lines)))
    return counts


def _num(v):
    return "%g" % float(v) if v is not None else "-"


# Print setup, as text: SHEET:KEY=VALUE compares the text.
PRINT_KEYS = {
    "orientation": lambda ws: ws.page_setup.orientation,
    "paper": lambda ws: str(ws.page_setup.paperSize),
    "scale": lambda ws: str(ws.page_setup.scale),
    # fit-to-page on, pages wide and high (an absent fitToWidth/Height is 1)
    "fit": lambda ws: "%s,%s,%s" % (bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                                   ws.page_setup.fitToWidth if ws.page_setup.fitToWidth is not None else 1,
                                   ws.page_setup.fitToHeight if ws.page_setup.fitToHeight is not None else 1),
    "margins": lambda ws: ",".join(_num(getattr(ws.page_margins, k)) for k in ("left", "right", "top", "bottom", "header", "footer")),
    "header": lambda ws: "|".join(p.text or "" for p in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right)),
    "footer": lambda ws: "|".join(p.text or "" for p in (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right)),
    "center": lambda ws: "%s,%s" % (bool(ws.print_options.horizontalCentered), bool(ws.print_options.verticalCentered)),
    "print-gridlines": lambda ws: str(bool(ws.print_options.gridLines)),
    "headings": lambda ws: str(bool(ws.print_options.headings)),
    "first-page": lambda ws: "%s,%s" % (ws.page_setup.firstPageNumber, bool(ws.page_setup.useFirstPageNumber)),
    "area": lambda ws: ",".join(ws.print_area) if isinstance(ws.print_area, list) else str(ws.print_area),
    "title-rows": lambda ws: str(ws.print_title_rows),
    "title-cols": lambda ws: str(ws.print_title_cols),
}


def expect(wb, spec, problems):
    if not VIEW and (spec.startswith("active=") or spec.partition(":")[2].partition("=")[0].partition(":")[0] in VIEW_KEYS):
        return
    if not VIEW and spec.endswith("state=veryHidden"):
        spec = spec[:-len("veryHidden")] + "hidden"
    if spec.startswith("active="):
        if wb.active.title != spec[7:]:
            problems.append("active sheet %s, expected %s" % (wb.active.title, spec[7:]))
        return
    sheet, _, rest = spec.partition(":")
    ws = wb[sheet]
    key, _, value = rest.partition("=")
    kind, _, arg = key.partition(":")
    if kind == "width":
        got = col_width(ws, column_index_from_string(arg) - 1)
        ok = got is not None and abs(got[0] - float(value)) <= PIXEL
    elif kind == "height":
        got = row_dim(ws, int(arg) - 1)[0]
        ok = got is not None and abs(got - float(value)) <= HEIGHT
    elif kind == "hidden-row":
        got = row_dim(ws, int(arg) - 1)[1]
        ok = got
    elif kind == "hidden-col":
        got = col_width(ws, column_index_from_string(arg) - 1)
        ok = got is not None and got[1]
    elif kind == "level-row":
        got = row_dim(ws, int(arg) - 1)[2]
        ok = got == int(value)
    elif kind == "merge":
        got = xlsx_merges(ws)
        ok = arg in got
    elif kind == "freeze":
        got = ws.freeze_panes
        ok = got == arg
    elif kind == "state":
        got = ws.sheet_state
        ok = got == value
    elif kind == "zoom":
        got = ws.sheet_view.zoomScale
        ok = got == int(value)
    elif kind == "tab":
        got = ws.sheet_properties.tabColor.rgb if ws.sheet_properties.tabColor is not None else None
        ok = got == value
    elif kind == "gridlines":
        got = ws.sheet_view.showGridLines is not False
        ok = got == (value == "1")
    elif kind == "selection":
        got = [s.activeCell for s in ws.sheet_view.selection]
        ok = bool(got) and got[-1] == value
    elif kind == "split":
        x, y = (int(v) for v in value.split(","))
        pane = ws.sheet_view.pane
        got = (pane.xSplit, pane.ySplit, pane.state) if pane is not None else None
        ok = got is not None and pane.state != "frozen" and abs(pane.xSplit - x) <= 40 and abs(pane.ySplit - y) <= 40
    elif kind == "comment":
        c = ws[arg].comment
        got = "%s|%s" % (c.text, "" if c.author in (None, "None") else c.author) if c is not None else None
        ok = got == value or (not VIEW and got is not None and got.partition("|")[0] == value.partition("|")[0])
    elif kind in PRINT_KEYS:
        got = PRINT_KEYS[kind](ws)
        ok = got == value
    else:
        raise SystemExit("unknown expectation %r" % spec)
    if not ok:
        problems.append("%s: got %r" % (spec, got))


def libreoffice_copy(xlsx, workdir):
    """OUT.xlsx opened and saved as .xlsx by LibreOffice; None when it wrote nothing."""
    profile = os.path.join(workdir, "lo-profile")
    outdir = os.path.join(workdir, "lo-out")
    os.makedirs(outdir, exist_ok=True)
    src = os.path.join(workdir, "lo-in.xlsx")
    shutil.copyfile(xlsx, src)
    subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.abspath(profile), "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, src],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
    out = os.path.join(outdir, "lo-in.xlsx")
    return out if os.path.exists(out) else None


def check(book, xlsx, specs, label):
    wb = openpyxl.load_workbook(xlsx)
    problems = []
    counts = compare(book, wb, problems)
    for spec in specs:
        expect(wb, spec, problems)
    for p in problems:
        print("%s: %s" % (label, p))
    if not problems:
        print("%s: layout: %s; %d expectations" % (label, ", ".join("%d %s" % (v, k) for k, v in counts.items()),
                                                  len(specs)))
    return not problems


def main(argv):
    global PIXEL, HEIGHT, VIEW
    if len(argv) < 3:
        raise SystemExit(__doc__)
    xls, xlsx = argv[1], argv[2]
    specs = []
    workdir = None
    rest = argv[3:]
    while rest:
        if rest[0] not in ("--expect", "--libreoffice") or len(rest) < 2:
            raise SystemExit(__doc__)
        if rest[0] == "--expect":
            specs.append(rest[1])
        else:
            workdir = rest[1]
        rest = rest[2:]
    book = xlrd.open_workbook(xls, formatting_info=True, on_demand=False)
    ok = check(book, xlsx, specs, "planxl")
    if workdir is not None:
        copy = libreoffice_copy(xlsx, workdir)
        if copy is None:
            print("LibreOffice wrote no file for %s" % xlsx)
            return 2
        PIXEL, HEIGHT, VIEW = 0.3, 0.76, False
        ok = check(book, copy, specs, "libreoffice") and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
