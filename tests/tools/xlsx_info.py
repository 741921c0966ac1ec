#!/usr/bin/python3
"""xlsx_info.py OUT.xlsx: what planxl's convert tests check about an .xlsx beyond cell values.

Prints one "sheet NAME" line per sheet in order (python3-openpyxl), "formulas N"
(cells holding a formula), "formula CELL TEXT" for each, and "numbers N bad M":
every <v> of a numeric cell in the sheet XML, M of which are not valid
xsd:double text (e.g. "1234,5" written under a comma-decimal locale).
"""
import re
import sys
import zipfile

import openpyxl

# xsd:double lexical form (XML Schema Part 2, 3.2.5), as .xlsx numbers must be.
XSD_DOUBLE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# A <c> element without a t attribute (a number) and its <v>.
NUMBER_CELL = re.compile(rb'<c r="[A-Z]+\d+"(?: s="\d+")?>(?:<f>[^<]*</f>)?<v>([^<]*)</v>')


def main(path):
    wb = openpyxl.load_workbook(path, data_only=False)
    for name in wb.sheetnames:
        print(f"sheet {name}")
    formulas = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"formula {ws.title}!{cell.coordinate} {cell.value}")
    print(f"formulas {len(formulas)}")
    for line in formulas:
        print(line)
    total = bad = 0
    with zipfile.ZipFile(path) as z:
        for member in z.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                for m in NUMBER_CELL.finditer(z.read(member)):
                    total += 1
                    if not XSD_DOUBLE.match(m.group(1).decode("ascii", "replace")):
                        bad += 1
    print(f"numbers {total} bad {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
