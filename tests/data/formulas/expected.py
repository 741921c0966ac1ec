#!/usr/bin/python3
"""Expected readings of the formula test workbooks, by two independent readers.

Usage: expected.py NAME.xls... > expected.tsv  (each NAME.xlsx beside it: LibreOffice's
conversion of NAME.xls). One line per formula cell:
  file  sheet  cell  formula  type  value
formula: LibreOffice's reading of the .xls (its .xlsx, read with openpyxl), without '=';
type/value: python3-xlrd's reading of the cached result in the .xls itself:
  number (repr of the float), text, boolean (0/1), error (its text), empty.
"""
import os
import sys

import openpyxl
import xlrd


def clean(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def cached(cell):
    t = cell.ctype
    if t in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):  # a date is a number with a date format
        return 'number', repr(float(cell.value))
    if t == xlrd.XL_CELL_TEXT:
        return 'text', cell.value
    if t == xlrd.XL_CELL_BOOLEAN:
        return 'boolean', str(int(cell.value))
    if t == xlrd.XL_CELL_ERROR:
        return 'error', xlrd.error_text_from_code.get(cell.value, '#?')
    return 'empty', ''


def main():
    for xls in sys.argv[1:]:
        book = xlrd.open_workbook(xls, formatting_info=False)
        lo = openpyxl.load_workbook(os.path.splitext(xls)[0] + '.xlsx')
        for ws in lo.worksheets:
            sheet = book.sheet_by_name(ws.title)
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    v = getattr(v, 'text', v)  # openpyxl >= 3.1: ArrayFormula; 3.0: the text
                    if not (isinstance(v, str) and v.startswith('=')):
                        continue
                    if c.row - 1 >= sheet.nrows or c.column - 1 >= sheet.ncols:
                        kind, value = 'empty', ''
                    else:
                        kind, value = cached(sheet.cell(c.row - 1, c.column - 1))
                    print('\t'.join([os.path.basename(xls), ws.title, c.coordinate, clean(v[1:]), kind,
                                     clean(value)]))


if __name__ == '__main__':
    main()
