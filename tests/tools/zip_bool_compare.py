#!/usr/bin/python3
"""zip_bool_compare.py BEFORE.xlsx AFTER.xlsx [SHEETNUMBER!CELL ...]: is AFTER exactly BEFORE with t="b" on the listed cells?

SHEETNUMBER is the worksheet's part number (2!C14 is xl/worksheets/sheet2.xml, cell C14).
Checks, independently of planxl's C code:
- the same zip entries in the same order, each with the same name, date,
  compression method, attributes, flags, version made by, extra field and comment;
- every entry without a listed cell has the same stored (compressed) bytes and CRC;
- every worksheet with listed cells is BEFORE's XML with ' t="b"' inserted right
  after r="CELL" of each listed cell's start tag (which must occur once), and
  nothing else changed;
- python3-openpyxl (data_only=True) reads each listed cell as a bool equal to
  BEFORE's cached 1/0, and (data_only=False) still as a formula.
Prints "entries N raw R patched P cells C"; exit 0 when all hold, 1 otherwise.
"""
import re
import struct
import sys
import zipfile

import openpyxl

META = ("date_time", "compress_type", "external_attr", "internal_attr", "flag_bits", "create_version",
        "create_system", "extract_version", "extra", "comment")


def stored_bytes(path, info):
    """The entry's local header fields after the name, and its compressed data."""
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        header = f.read(30)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        f.seek(info.header_offset + 30 + name_len + extra_len)
        return f.read(info.compress_size)


def fail(msg):
    print("FAIL " + msg)
    return 1


def main(before, after, cells):
    want = {}
    for c in cells:
        sheet, ref = c.split("!")
        want.setdefault(f"xl/worksheets/sheet{int(sheet)}.xml", []).append(ref)
    zb, za = zipfile.ZipFile(before), zipfile.ZipFile(after)
    ib, ia = zb.infolist(), za.infolist()
    if [i.filename for i in ib] != [i.filename for i in ia]:
        return fail(f"entries differ: {[i.filename for i in ib]} vs {[i.filename for i in ia]}")
    if zb.comment != za.comment:
        return fail("archive comment differs")
    raw = patched = 0
    for b, a in zip(ib, ia):
        for m in META:
            if getattr(b, m) != getattr(a, m):
                return fail(f"{b.filename}: {m} {getattr(b, m)!r} became {getattr(a, m)!r}")
        if b.filename not in want:
            if b.CRC != a.CRC or stored_bytes(before, b) != stored_bytes(after, a):
                return fail(f"{b.filename}: stored bytes changed")
            raw += 1
            continue
        xml = zb.read(b.filename).decode("utf-8")
        for ref in want[b.filename]:
            tag = f'<c r="{ref}"'
            if xml.count(tag) != 1:
                return fail(f"{b.filename}: {tag} occurs {xml.count(tag)} times in BEFORE")
            m = re.search(re.escape(tag) + r'[^>]*>', xml)
            if ' t="' in m.group(0):
                return fail(f"{b.filename}: {ref} already has a type in BEFORE: {m.group(0)}")
            xml = xml.replace(tag, tag + ' t="b"')
        if za.read(a.filename).decode("utf-8") != xml:
            return fail(f"{b.filename}: not BEFORE with t=\"b\" on {want[b.filename]}")
        patched += 1
    for name in want:
        if name not in za.namelist():
            return fail(f"no entry {name}")
    # What a reader that does not recalculate sees.
    values_b = openpyxl.load_workbook(before, data_only=True)
    values_a = openpyxl.load_workbook(after, data_only=True)
    formulas_a = openpyxl.load_workbook(after, data_only=False)
    for c in cells:
        sheet, ref = c.split("!")
        idx = int(sheet) - 1
        old = values_b.worksheets[idx][ref].value
        new = values_a.worksheets[idx][ref].value
        if not isinstance(new, bool) or isinstance(old, bool) or new != bool(old):
            return fail(f"{c}: cached {old!r} became {new!r}, want a bool")
        f = formulas_a.worksheets[idx][ref]
        if f.data_type != "f":
            return fail(f"{c}: no longer a formula ({f.value!r})")
    print(f"entries {len(ia)} raw {raw} patched {patched} cells {len(cells)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
