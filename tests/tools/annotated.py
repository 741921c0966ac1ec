#!/usr/bin/python3
"""annotated.py ANNOTATED.xlsx CONVERTED.xlsx: what an annotated copy adds to convert's output.

Reads both with python3-openpyxl. The annotated copy must be the converted workbook with one
sheet more in front: every other sheet by name and order, every cell's value (formulas as text)
equal. Prints, one a line:
  sheets NAME|NAME|...            the annotated copy's sheets
  cells-equal N                   the cells compared, all equal
  comment SHEET!CELL FIRSTLINE    each comment (its first line)
  mark SHEET!CELL RGB             each cell under a conditional format, with its fill colour
  link CELL LOCATION              each hyperlink of the first sheet
  row CELLS...                    each row of the first sheet below its header row, tab-separated
Exit 0; 1 with "differs ..." lines when a sheet or cell differs.
"""
import sys

import openpyxl


def fill_of(rule):
    f = rule.dxf.fill if rule.dxf is not None else None
    if f is None:
        return "-"
    c = f.bgColor if f.bgColor is not None and f.bgColor.rgb not in (None, "00000000") else f.fgColor
    return (c.rgb or "-")[-6:] if c is not None and isinstance(c.rgb, str) else "-"


def main(annotated, converted):
    a = openpyxl.load_workbook(annotated)
    c = openpyxl.load_workbook(converted)
    print("sheets " + "|".join(a.sheetnames))
    bad = 0
    if a.sheetnames[1:] != c.sheetnames:
        print("differs sheets: %s against %s" % (a.sheetnames[1:], c.sheetnames))
        return 1
    compared = 0
    for name in c.sheetnames:
        wa, wc = a[name], c[name]
        cells = {}
        for row in wc.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.coordinate] = cell.value
        for row in wa.iter_rows():
            for cell in row:
                if cell.value is not None and cell.coordinate not in cells:
                    print("differs %s!%s: %r only in the annotated copy" % (name, cell.coordinate, cell.value))
                    bad += 1
        for ref, value in cells.items():
            compared += 1
            if wa[ref].value != value:
                print("differs %s!%s: %r against %r" % (name, ref, wa[ref].value, value))
                bad += 1
            # the cell's own look is convert's too (the marks lie over it as conditional formats)
            look = lambda c: (c.font.b, c.font.i, c.font.sz, c.number_format, c.fill.fill_type,
                              c.alignment.wrap_text, c.border.top.style)
            if look(wa[ref]) != look(wc[ref]):
                print("differs %s!%s: look %r against %r" % (name, ref, look(wa[ref]), look(wc[ref])))
                bad += 1
        for row in wa.iter_rows():
            for cell in row:
                if cell.comment is not None:
                    print("comment %s!%s %s" % (name, cell.coordinate, cell.comment.text.splitlines()[0]))
        for cf in wa.conditional_formatting:
            for rule in cf.rules:
                for ref in str(cf.sqref).split():
                    print("mark %s!%s %s" % (name, ref, fill_of(rule)))
    # the cached results too: a TRUE/FALSE result is marked in the file after it is written
    # (bool_patch.c), on the sheet it belongs to, whatever sheets come before it
    ca, cc = openpyxl.load_workbook(annotated, data_only=True), openpyxl.load_workbook(converted, data_only=True)
    for name in cc.sheetnames:
        for row in cc[name].iter_rows():
            for cell in row:
                other = ca[name][cell.coordinate].value
                if cell.value is not None and (other != cell.value or type(other) is not type(cell.value)):
                    print("differs %s!%s: cached %r against %r" % (name, cell.coordinate, other, cell.value))
                    bad += 1
    print("cells-equal %d" % compared if not bad else "cells-differ %d of %d" % (bad, compared))
    first = a.worksheets[0]
    for row in first.iter_rows():
        for cell in row:
            if cell.hyperlink is not None:
                print("link %s %s" % (cell.coordinate, cell.hyperlink.location or cell.hyperlink.target))
    header = None
    for row in first.iter_rows(values_only=True):
        if header is None:
            if row and row[0] == "Allvarlighet":
                header = row
            continue
        print("row " + "\t".join("" if v is None else str(v) for v in row))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
