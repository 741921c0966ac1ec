#!/usr/bin/python3
"""fidelity.py [--allow LOSS]... IN.xls OUT.xlsx

Compares every cell of IN (as python3-xlrd reads it; formula cells by their
cached results) with OUT (as python3-openpyxl reads it, data_only=True):
value, type, date/time values; sheet names and order. Written for planxl's
convert tests, independent of planxl's code.

A difference fails unless it is one of the losses planxl's convert documents
and the caller allows it with --allow:
  formula-missing   a formula cell (a FORMULA record in the BIFF stream) is
                    absent from OUT (freexl does not read formula cells)
  bool-as-number    a TRUE/FALSE cell is the number 1/0 in OUT
  error-as-text     an error cell is its text ("#DIV/0!") in OUT
  error-missing     an error cell is absent from OUT (freexl skips them)
  error-as-number   an error cell is a number in OUT (freexl 1.0.6 reads an
                    error cell as a number)
  subsecond-time    a date/time differs by less than one second and IN has a
                    fraction of a second
  date-truncated    a date/time is only its date part or only its time part
                    (freexl 1.0.6 gives date-formatted cells as the date alone
                    and time-formatted cells as the time of day alone)
  date-type         the serial is equal but one side is a date and the other
                    a number (freexl and xlrd judge some number formats
                    differently)
  non-finite        a NaN/infinite number (no .xlsx can hold one) is "#NUM!"
  text-cut          text over Excel's 32 767 characters per cell is its first
                    32 767 characters
Each allowed loss is still checked to be exactly that loss (a boolean must
come out as exactly 1 or 0, an error as exactly its text ...).

Text in OUT is read as Excel and LibreOffice read it: "_xHHHH_" is the
character U+HHHH (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), which openpyxl
3.0 leaves undecoded in inline strings.

Sheet names must be equal, except a name Excel refuses (over 31 characters,
[]:*?/\\, a leading/trailing apostrophe, a case-insensitive duplicate of an
earlier name): then OUT's name must be valid, unique and not the old one.

Prints "cells N equal E lost L differ D" and per-loss counts as
"loss NAME COUNT" lines, then up to 10 differences; exit 0 when D == 0.
"""
import datetime
import math
import re
import struct
import sys

import openpyxl
import xlrd

LOSSES = ("formula-missing", "bool-as-number", "error-as-text", "error-missing", "error-as-number",
          "subsecond-time", "date-truncated", "date-type", "non-finite", "text-cut")

# BIFF record ids (MS-XLS 2.3; BIFF2-4 from the OpenOffice.org "Excel File Format" document):
# FORMULA is 0x0006 in BIFF2/5/8, 0x0206 in BIFF3, 0x0406 in BIFF4; BOF/EOF delimit substreams.
FORMULA_IDS = {0x0006, 0x0206, 0x0406}
BOF_IDS = {0x0009, 0x0209, 0x0409, 0x0809}
EOF_ID = 0x000A
# Excel's sheet-name rules: at most 31 characters, none of these.
BAD_SHEET_CHARS = set('[]:*?/\\')
# Serial offset between the 1904 and the 1900 date systems (1462 days).
DAYS_1904 = 1462.0
ONE_MS = 0.001 / 86400.0
# Excel's limit on the characters in one cell (Excel specifications and limits).
EXCEL_CELL_CHARS = 32767


OLE2_SIGNATURE = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"


def workbook_stream(src, book):
    """The BIFF stream and each sheet's offset in it. xlrd keeps them in
    book.mem and book._sh_abs_posn for BIFF5-8; a BIFF2-4 file is one sheet."""
    if book.mem is not None:
        return book.mem, book._sh_abs_posn
    data = open(src, "rb").read()
    if data[:8] == OLE2_SIGNATURE:
        doc = xlrd.compdoc.CompDoc(data, logfile=open("/dev/null", "w"))
        for name in ("Workbook", "Book", "WORKBOOK", "BOOK"):
            stream = doc.get_named_stream(name)
            if stream:
                return stream, [0]
    return data, [0]


def formula_cells(src, book):
    """{sheet index: set of (row, col)} of FORMULA records, walking the
    workbook stream from each sheet's BOF to its EOF."""
    mem, positions = workbook_stream(src, book)
    found = {}
    for index, pos in enumerate(positions):
        cells = found.setdefault(index, set())
        depth = 0
        while pos + 4 <= len(mem):
            rid, size = struct.unpack_from("<HH", mem, pos)
            body = pos + 4
            pos = body + size
            if rid in BOF_IDS:
                depth += 1
            elif rid == EOF_ID:
                depth -= 1
                if depth <= 0:
                    break
            elif rid in FORMULA_IDS and depth == 1 and size >= 4:
                cells.add(struct.unpack_from("<HH", mem, body))
    return found


XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xstring(text):
    return XSTRING_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def serial_of(value, datemode):
    """An openpyxl date/time value as a serial in the input's date system."""
    if isinstance(value, datetime.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400.0
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86400.0
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    serial = openpyxl.utils.datetime.to_excel(value)
    return serial - DAYS_1904 if datemode == 1 else serial


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_dateish(v):
    return isinstance(v, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta))


def numbers_equal(a, b):
    # libxlsxwriter writes %.16G: equal to 16 significant digits.
    return a == b or abs(a - b) <= 1e-15 * max(abs(a), abs(b))


def excel_accepts(name):
    return 0 < len(name.encode("utf-16-le")) // 2 <= 31 and not (set(name) & BAD_SHEET_CHARS) \
        and not name.startswith("'") and not name.endswith("'")


def compare_names(src, out, diffs):
    if len(src) != len(out):
        diffs.append(f"sheet count {len(src)} != {len(out)}: {src} / {out}")
        return
    seen = set()
    for a, b in zip(src, out):
        must_keep = excel_accepts(a) and a.casefold() not in seen
        if must_keep and a != b:
            diffs.append(f"sheet {a!r} came out as {b!r}")
        if not must_keep and (a == b or not excel_accepts(b) or b.casefold() in seen):
            diffs.append(f"sheet {a!r} needed a new name, got {b!r}")
        seen.add(b.casefold())


def classify(cell, got, datemode, is_formula, allow):
    """Return "equal", a loss name, or None for a difference."""
    t, v = cell.ctype, cell.value
    if t == xlrd.XL_CELL_TEXT:
        if isinstance(got, str) and got == v:
            return "equal"
        if isinstance(got, str) and len(v) > EXCEL_CELL_CHARS and got == v[:EXCEL_CELL_CHARS]:
            return "text-cut"
        return None
    if t == xlrd.XL_CELL_NUMBER:
        if math.isfinite(v):
            if is_number(got):
                return "equal" if numbers_equal(float(v), float(got)) else None
            if is_dateish(got) and abs(serial_of(got, datemode) - v) <= ONE_MS:
                return "date-type"
            return None
        return "non-finite" if got == "#NUM!" else None
    if t == xlrd.XL_CELL_DATE:
        if is_number(got):
            return "date-type" if numbers_equal(float(v), float(got)) else None
        if not is_dateish(got):
            return None
        serial = serial_of(got, datemode)
        diff = abs(serial - v)
        if diff <= ONE_MS:
            return "equal"
        fraction = (v * 86400.0) % 1.0
        if diff < 1.0 / 86400.0 and min(fraction, 1 - fraction) > 0.001:
            return "subsecond-time"
        day, time = math.floor(v), v - math.floor(v)
        if abs(serial - day) <= ONE_MS or abs(serial - time) <= ONE_MS:
            return "date-truncated"
        return None
    if t == xlrd.XL_CELL_BOOLEAN:
        if isinstance(got, bool):
            return "equal" if got == bool(v) else None
        if is_number(got) and float(got) == float(v):
            return "bool-as-number"
        return None
    if t == xlrd.XL_CELL_ERROR:
        text = xlrd.error_text_from_code.get(v, "#ERR")
        if isinstance(got, str):
            return "error-as-text" if got == text else None
        return "error-as-number" if is_number(got) else None
    return None


def main(argv):
    allow = set()
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--allow":
            if argv[i + 1] not in LOSSES:
                sys.exit(f"fidelity.py: unknown loss {argv[i + 1]}")
            allow.add(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    src, out = args
    book = xlrd.open_workbook(src, on_demand=True)
    formulas = formula_cells(src, book)
    wb = openpyxl.load_workbook(out, read_only=True, data_only=True)
    diffs = []
    compare_names(book.sheet_names(), wb.sheetnames, diffs)
    counts = {"cells": 0, "equal": 0, "lost": 0, "differ": 0}
    lost = {name: 0 for name in LOSSES}

    def differ(msg):
        counts["differ"] += 1
        if len(diffs) < 10:
            diffs.append(msg)

    for index in range(min(book.nsheets, len(wb.sheetnames))):
        sh = book.sheet_by_index(index)
        ws = wb[wb.sheetnames[index]]
        fcells = formulas.get(index, set())
        grid = {}
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            for c, v in enumerate(row):
                if isinstance(v, str):
                    v = xstring(v)
                if v is not None and v != "":
                    grid[(r, c)] = v
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) or \
                        (cell.ctype == xlrd.XL_CELL_TEXT and cell.value == ""):
                    continue
                counts["cells"] += 1
                where = f"{sh.name}!{xlrd.formula.cellname(r, c)}"
                got = grid.pop((r, c), None)
                if got is None:
                    if (r, c) in fcells and "formula-missing" in allow:
                        kind = "formula-missing"
                    elif cell.ctype == xlrd.XL_CELL_ERROR and "error-missing" in allow:
                        kind = "error-missing"
                    else:
                        differ(f"{where}: want {cell.value!r} ({xlrd.sheet.ctype_text[cell.ctype]}) got nothing")
                        continue
                else:
                    kind = classify(cell, got, book.datemode, (r, c) in fcells, allow)
                    if kind is None or (kind != "equal" and kind not in allow):
                        differ(f"{where}: want {cell.value!r} ({xlrd.sheet.ctype_text[cell.ctype]}) got {got!r}"
                               + (f" ({kind})" if kind else ""))
                        continue
                if kind == "equal":
                    counts["equal"] += 1
                else:
                    counts["lost"] += 1
                    lost[kind] += 1
        for (r, c), g in grid.items():
            differ(f"{sh.name}!{xlrd.formula.cellname(r, c)}: not in the input, got {g!r}")
    print("cells {cells} equal {equal} lost {lost} differ {differ}".format(**counts))
    for name in LOSSES:
        print(f"loss {name} {lost[name]}")
    for d in diffs:
        print("  " + d)
    return 0 if counts["differ"] == 0 and not diffs else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
