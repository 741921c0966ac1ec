#!/usr/bin/python3
"""xlsx_names.py OUT.xlsx: the defined names of OUT as python3-openpyxl reads them.

One line per name, sorted: NAME<TAB>SCOPE<TAB>FORMULA, where SCOPE is the sheet a
local name belongs to (by its name in OUT) or "*" for the whole workbook.
"""
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    rows = []
    for dn in wb.defined_names.definedName:
        scope = "*" if dn.localSheetId is None else wb.sheetnames[int(dn.localSheetId)]
        rows.append("%s\t%s\t%s" % (dn.name, scope, dn.attr_text))
    for row in sorted(rows):
        print(row)


if __name__ == "__main__":
    main(sys.argv[1])
