#!/usr/bin/python3
"""bool_formulas.py IN.xls OUT.xlsx: are OUT's formula cells with a TRUE/FALSE result booleans?

For every formula cell of OUT (python3-openpyxl, data_only=False), its cached
value (data_only=True) is compared with IN's cell as python3-xlrd reads it
(its cached formula result): where xlrd says boolean, OUT must hold a bool
with the same truth value; where xlrd says anything else, OUT must not hold a
bool (only the boolean results may be marked). Sheets are matched by position.
Prints "boolean formulas N on S sheets; other formulas M" and each mismatch;
exit 0 when there is none, 1 otherwise.
"""
import sys

import openpyxl
import xlrd


def main(src, out):
    book = xlrd.open_workbook(src, formatting_info=False)
    formulas = openpyxl.load_workbook(out, data_only=False)
    values = openpyxl.load_workbook(out, data_only=True)
    booleans = others = 0
    sheets = set()
    bad = []
    for idx, ws in enumerate(formulas.worksheets):
        sheet = book.sheet_by_index(idx)
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                r, c = cell.row - 1, cell.column - 1
                got = values.worksheets[idx][cell.coordinate].value
                if r < sheet.nrows and c < sheet.ncols and sheet.cell_type(r, c) == xlrd.XL_CELL_BOOLEAN:
                    booleans += 1
                    sheets.add(idx)
                    if not isinstance(got, bool) or got != bool(sheet.cell_value(r, c)):
                        bad.append(f"{ws.title}!{cell.coordinate}: xlrd {bool(sheet.cell_value(r, c))}, "
                                   f"openpyxl {got!r}")
                else:
                    others += 1
                    if isinstance(got, bool):
                        bad.append(f"{ws.title}!{cell.coordinate}: not a boolean in IN, {got!r} in OUT")
    print(f"boolean formulas {booleans} on {len(sheets)} sheets; other formulas {others}")
    for b in bad:
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
