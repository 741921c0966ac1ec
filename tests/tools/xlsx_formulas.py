#!/usr/bin/python3
"""Print the formulas of an .xlsx as python3-openpyxl reads them, one cell a line:
SHEET_INDEX<TAB>ROW<TAB>COL<TAB>FORMULA (0-based row/col, formula without '=').
Used by tests/check_biff.c to compare planxl's formula text with LibreOffice's own
reading of the same .xls (LibreOffice converted it to .xlsx)."""
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path, data_only=False)
    for si, ws in enumerate(wb.worksheets):
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if hasattr(v, 'text'):   # openpyxl 3.1's ArrayFormula
                    v = v.text
                if isinstance(v, str) and v.startswith('='):
                    text = v[1:].replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
                    sys.stdout.write('%d\t%d\t%d\t%s\n' % (si, cell.row - 1, cell.column - 1, text))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
