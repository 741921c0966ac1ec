#!/usr/bin/python3
"""Print python3-xlrd's reading of .xls files, one cell a line, for planxl's tests.

    xlrd_cells.py FILE...

Output, tab-separated, per file:
    # file PATH
    # sheets N datemode D          (or "# error MESSAGE" when xlrd cannot read it)
    # sheet INDEX NAME
    INDEX ROW COL TYPE VALUE
TYPE is text, number, date, boolean or error; empty and blank cells are left out.
Text escapes backslash, tab and newline; numbers and dates are repr() of the float
(dates as the serial in the workbook's own date system); errors are their text.
"""
import sys

import xlrd

ERRORS = xlrd.error_text_from_code


def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def dump(path, out):
    out.write('# file %s\n' % path)
    try:
        book = xlrd.open_workbook(path, formatting_info=False, on_demand=True, logfile=open('/dev/null', 'w'))
    except Exception as e:  # xlrd raises many kinds
        out.write('# error %s\n' % esc(str(e) or type(e).__name__))
        return
    try:
        out.write('# sheets %d datemode %d\n' % (book.nsheets, book.datemode))
        for si in range(book.nsheets):
            try:
                sh = book.sheet_by_index(si)
            except Exception as e:
                out.write('# sheet-error %d %s\n' % (si, esc(str(e) or type(e).__name__)))
                continue
            out.write('# sheet %d %s\n' % (si, esc(sh.name)))
            for r in range(sh.nrows):
                for c in range(sh.ncols):
                    cell = sh.cell(r, c)
                    t = cell.ctype
                    if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    if t == xlrd.XL_CELL_TEXT:
                        kind, val = 'text', esc(cell.value)
                    elif t == xlrd.XL_CELL_NUMBER:
                        kind, val = 'number', repr(float(cell.value))
                    elif t == xlrd.XL_CELL_DATE:
                        kind, val = 'date', repr(float(cell.value))
                    elif t == xlrd.XL_CELL_BOOLEAN:
                        kind, val = 'boolean', '1' if cell.value else '0'
                    else:
                        kind, val = 'error', ERRORS.get(cell.value, '#ERR%d' % cell.value)
                    out.write('%d\t%d\t%d\t%s\t%s\n' % (si, r, c, kind, val))
            book.unload_sheet(si)
    finally:
        book.release_resources()


def main():
    out = sys.stdout
    for path in sys.argv[1:]:
        dump(path, out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
