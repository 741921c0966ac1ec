#!/usr/bin/python3
"""xlrd_xlsxwriter.py — the Python peer in the benchmark: read an .xls with
python3-xlrd, write every cell with python3-xlsxwriter (constant-memory mode,
as the floor and planxl do), dates as numbers with a date format.

    /usr/bin/python3 bench/xlrd_xlsxwriter.py IN.xls OUT.xlsx

Run with Debian's /usr/bin/python3: the python3 on PATH may lack the modules.
"""
import sys

import xlrd
import xlsxwriter


def main(src, dst):
    book = xlrd.open_workbook(src, on_demand=True)
    out = xlsxwriter.Workbook(dst, {"constant_memory": True})
    # xlrd gives dates as serial numbers with ctype XL_CELL_DATE; in the
    # 1904 system they are shifted to 1900 (1462 days), which is all .xlsx here gets.
    shift = 1462.0 if book.datemode == 1 else 0.0
    date_fmt = out.add_format({"num_format": "yyyy-mm-dd"})
    datetime_fmt = out.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    time_fmt = out.add_format({"num_format": "hh:mm:ss"})
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        try:
            ws = out.add_worksheet(sheet.name)
        except Exception:  # a name XlsxWriter refuses: its default, as the floor does
            ws = out.add_worksheet()
        for r in range(sheet.nrows):
            for c, cell in enumerate(sheet.row(r)):
                t, v = cell.ctype, cell.value
                if t == xlrd.XL_CELL_NUMBER:
                    ws.write_number(r, c, v)
                elif t == xlrd.XL_CELL_TEXT:
                    ws.write_string(r, c, v)
                elif t == xlrd.XL_CELL_DATE:
                    if v < 1.0:
                        ws.write_number(r, c, v, time_fmt)
                    elif v == int(v):
                        ws.write_number(r, c, v + shift, date_fmt)
                    else:
                        ws.write_number(r, c, v + shift, datetime_fmt)
                elif t == xlrd.XL_CELL_BOOLEAN:
                    ws.write_boolean(r, c, bool(v))
                elif t == xlrd.XL_CELL_ERROR:
                    ws.write_string(r, c, xlrd.error_text_from_code.get(v, "#N/A"))
        book.unload_sheet(index)
    out.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: xlrd_xlsxwriter.py IN.xls OUT.xlsx")
    main(sys.argv[1], sys.argv[2])
