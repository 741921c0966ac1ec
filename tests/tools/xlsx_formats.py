#!/usr/bin/python3
"""xlsx_formats.py [--parts=font,border,...] OUT.xlsx [SHEET]: each non-empty or formatted cell's format as openpyxl reads it, one line
per cell: `A1 font=Arial/14/b/i/u=single/strike/sup color=FFFF0000 num=0.00% fill=solid/FFFFFF00/-
border=thin:-,medium:FFFF0000,-,- diag=up+down/thin align=center/top wrap indent=2 rot=45 shrink
unlocked`. Parts at their default are left out. The C tests look for the parts they expect at
named cells; the count of distinct cell formats in styles.xml comes last (`xfs N`). With
--parts only those parts are printed (for comparing two writers' files), sheet by sheet."""
import sys
import openpyxl


def rgb(c):
    if c is None or c.type != "rgb" or c.rgb in (None, "00000000"):
        return "-"
    return c.rgb


def side(s):
    if s is None or s.style is None:
        return "-"
    # black is what an automatic border colour draws: writers differ in which they write
    color = rgb(s.color)
    return s.style + ":" + ("-" if color == "FF000000" else color)


def describe(cell):
    parts = []
    f = cell.font
    font = "%s/%g" % (f.name, f.sz)
    if f.b:
        font += "/b"
    if f.i:
        font += "/i"
    if f.u:
        font += "/u=" + f.u
    if f.strike:
        font += "/strike"
    if f.vertAlign:
        font += "/" + f.vertAlign
    parts.append("font=" + font)
    if f.color is not None and rgb(f.color) != "-":
        parts.append("color=" + rgb(f.color))
    parts.append("num=" + cell.number_format)
    fill = cell.fill
    if fill.fill_type:
        # a solid fill shows its pattern colour only; its background colour is noise
        bg = rgb(fill.bgColor) if fill.fill_type != "solid" else "-"
        parts.append("fill=%s/%s/%s" % (fill.fill_type, rgb(fill.fgColor), bg))
    b = cell.border
    sides = [side(b.left), side(b.right), side(b.top), side(b.bottom)]
    if any(s != "-" for s in sides):
        parts.append("border=" + ",".join(sides))
    if b.diagonalUp or b.diagonalDown:
        parts.append("diag=%s/%s" % ("+".join(n for n, on in (("up", b.diagonalUp), ("down", b.diagonalDown)) if on),
                                     side(b.diagonal)))
    a = cell.alignment
    horizontal = a.horizontal if a.horizontal != "general" else None
    vertical = a.vertical if a.vertical != "bottom" else None  # the defaults, spelt out by some writers
    if horizontal or vertical:
        parts.append("align=%s/%s" % (horizontal or "-", vertical or "-"))
    if a.wrap_text:
        parts.append("wrap")
    if a.indent:
        parts.append("indent=%d" % a.indent)
    if a.text_rotation:
        parts.append("rot=%d" % a.text_rotation)
    if a.shrink_to_fit:
        parts.append("shrink")
    if cell.protection.locked is False:
        parts.append("unlocked")
    return parts


def main():
    args = sys.argv[1:]
    keep = None
    if args and args[0].startswith("--parts="):
        keep = args.pop(0)[len("--parts="):].split(",")
    wb = openpyxl.load_workbook(args[0])
    sheets = [wb[args[1]]] if len(args) > 1 else wb.worksheets
    for ws in sheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue  # an empty cell with a format of its own is listed too
                parts = describe(cell)
                if keep is not None:
                    parts = [p for p in parts if p.split("=")[0] in keep]
                prefix = ws.title + "!" if len(sheets) > 1 else ""
                print(prefix + cell.coordinate, " ".join(parts))
    if keep is None:
        print("xfs", len(wb._cell_styles))


if __name__ == "__main__":
    main()
