#!/usr/bin/python3
"""Write the .xlsx fixtures of tests/check_xlsx.c (run by hand; the outputs are committed).

    /usr/bin/python3 tests/data/xlsx/make_xlsx.py

Most packages are written part by part with zipfile, so each fixture holds exactly the
SpreadsheetML construct it tests (inline strings, rich text, shared formulas, t="d" dates,
namespace prefixes, a 1904 workbook, hostile parts); one is written by openpyxl, and the
plan is converted by LibreOffice (its own profile, so it does not recalculate, as units'
files are not recalculated either).
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def content_types(sheets, macro=False):
    main = ("application/vnd.ms-excel.sheet.macroEnabled.main+xml" if macro else
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    over = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(sheets))
    vba = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' if macro else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{vba}'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}"/>{over}</Types>')


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
             'Target="xl/workbook.xml"/></Relationships>')


def workbook_rels(sheets, styles=True, strings=True, macro=False):
    rels = [f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(sheets)]
    if styles:
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>')
    if strings:
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>')
    if macro:
        rels.append('<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/'
                    'vbaProject" Target="vbaProject.bin"/>')
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships">' + "".join(rels) + '</Relationships>')


def workbook(sheets, date1904=False, names=""):
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    s = "".join(f'<sheet name="{n}" sheetId="{i + 1}"{st} r:id="rId{i + 1}"/>' for i, (n, st) in enumerate(sheets))
    dn = f"<definedNames>{names}</definedNames>" if names else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>{pr}<sheets>{s}</sheets>{dn}</workbook>'


# cellXfs: 0 General, 1 built-in 14 (date), 2 built-in 22 (date-time), 3 built-in 20 (time),
# 4 custom 164 yyyy-mm-dd, 5 custom 165 [h]:mm:ss, 6 custom 166 "kr" #,##0 (a number)
STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><numFmts count="3">'
          '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/>'
          '<numFmt numFmtId="166" formatCode="&quot;kr&quot;\\ #,##0"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="20"/>'
          '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>')

STRINGS = (f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="4" uniqueCount="4">'
           '<si><t>plain</t></si>'
           '<si><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r>'
           '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
           '<si><t>Åsa &amp; Örjan</t></si><si><t>a_x000D_b_x005F_x0030_</t></si></sst>')

CELLS = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><dimension ref="A1:G11"/><sheetData>'
         '<row r="1"><c r="A1"><v>42.5</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c>'
         '<c r="D1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="E1" t="b"><v>1</v></c>'
         '<c r="F1" t="e"><v>#DIV/0!</v></c><c r="G1" t="s"><v>2</v></c><c r="H1" t="s"><v>3</v></c></row>'
         '<row r="2"><c r="A2"><f>SUM(A1,1)</f><v>43.5</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
         '<c r="C2" t="b"><f>1=1</f><v>1</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
         '<c r="E2"><f>A1*2</f></c><c r="F2" t="str"><f>""</f><v></v></c></row>'
         '<row r="3"><c r="A3"><f t="shared" ref="A3:C3" si="0">A1*2+SUM(A1:B1)+$A$1</f><v>1</v></c>'
         '<c r="B3"><f t="shared" si="0"/><v>2</v></c><c r="C3"><f t="shared" si="0"/><v>3</v></c></row>'
         '<row r="4"><c r="A4"><f t="shared" ref="A4:A6" si="1">A$1+LOG10(A1)+"A1"&amp;Data!A1</f><v>4</v></c></row>'
         '<row r="5"><c r="A5"><f t="shared" si="1"/><v>5</v></c></row>'
         '<row r="6"><c r="A6"><f t="shared" si="1"/><v>6</v></c></row>'
         '<row r="8"><c r="A8" s="1"><v>45000</v></c><c r="B8" s="2"><v>45000.5</v></c><c r="C8" s="3"><v>0.75</v></c>'
         '<c r="D8" s="4"><v>45505</v></c><c r="E8" s="5"><v>1.5</v></c><c r="F8" s="6"><v>1234</v></c>'
         '<c r="G8" t="d"><v>2024-08-01T12:00:00</v></c></row>'
         '<row r="10"><c><v>1</v></c><c><v>2</v></c></row>'
         '<row r="11"><c r="A11" s="1"/><c r="B11"><v>-1.25E-3</v></c></row>'
         '</sheetData><mergeCells count="1"><mergeCell ref="A8:B8"/></mergeCells></worksheet>')

# the second sheet with a namespace prefix, as .NET writers do
PREFIXED = ('<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>hidden'
            '</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>')

NAMES = ('<definedName name="Rate">Data!$A$1</definedName>'
         '<definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$G$11</definedName>'
         '<definedName name="Secret" hidden="1">0.96</definedName>')


def package(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)


class Unseekable:
    """A file zipfile cannot seek in: it writes each entry's sizes in a data descriptor after it."""
    def __init__(self, f):
        self.f = f

    def write(self, b):
        return self.f.write(b)

    def flush(self):
        self.f.flush()


def zip_variants(out):
    """cells.xlsx's parts in zip64 form, with data descriptors, and compressed with bzip2."""
    with zipfile.ZipFile(os.path.join(out, "zip64.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in cells_parts():
            with z.open(name, "w", force_zip64=True) as w:
                w.write(data.encode() if isinstance(data, str) else data)
    with open(os.path.join(out, "descriptors.xlsx"), "wb") as f:
        with zipfile.ZipFile(Unseekable(f), "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in cells_parts():
                z.writestr(name, data)
    with zipfile.ZipFile(os.path.join(out, "bzip2.xlsx"), "w", zipfile.ZIP_BZIP2) as z:
        for name, data in cells_parts():
            z.writestr(name, data)


def cells_parts(macro=False):
    parts = [("[Content_Types].xml", content_types(2, macro)), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook([("Data", ""), ("Hidden", ' state="hidden"')], names=NAMES)),
             ("xl/_rels/workbook.xml.rels", workbook_rels(2, macro=macro)), ("xl/styles.xml", STYLES),
             ("xl/sharedStrings.xml", STRINGS), ("xl/worksheets/sheet1.xml", CELLS),
             ("xl/worksheets/sheet2.xml", PREFIXED)]
    if macro:
        parts.append(("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not a real VBA project"))
    return parts


def simple(path, sheet_xml, strings=None, extra=()):
    parts = [("[Content_Types].xml", content_types(1)), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook([("S", "")])),
             ("xl/_rels/workbook.xml.rels", workbook_rels(1, styles=False, strings=strings is not None)),
             ("xl/worksheets/sheet1.xml", sheet_xml)]
    if strings is not None:
        parts.append(("xl/sharedStrings.xml", strings))
    package(path, parts + list(extra))


def sheet(rows):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'


def patch_sizes(path, member, claimed):
    """Make the zip's local and central headers of @member claim @claimed bytes uncompressed."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, claimed)
    cd = data.rfind(b"PK\x01\x02" + data[0:0], 0)  # search each central entry
    pos = data.find(b"PK\x05\x06")
    cd_off = struct.unpack_from("<I", data, pos + 16)[0]
    p = cd_off
    while data[p:p + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<HHH", data, p + 28)
        if data[p + 46:p + 46 + n].decode() == member:
            struct.pack_into("<I", data, p + 24, claimed)
        p += 46 + n + m + k
    del cd
    open(path, "wb").write(data)


def arrays(out):
    """An array formula over C1:D2 (text on C1 only, as Excel writes it), an empty <f/> on an
    error constant (as LibreOffice writes it) and a one-cell array formula."""
    simple(os.path.join(out, "arrays.xlsx"), sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><f t="array" ref="C1:D2">A1:B2*2</f><v>2</v></c>'
        '<c r="D1"><v>4</v></c><c r="E1" t="e"><f aca="false"></f><v>#NULL!</v></c></row>'
        '<row r="2"><c r="C2"><v>6</v></c><c r="D2"><v>8</v></c><c r="E2"><v>9</v></c></row>'
        '<row r="3"><c r="C3"><f t="array" ref="C3">SUM(A1:B2)</f><v>10</v></c><c r="D3"><v>11</v></c></row>'))


def main():
    out = HERE
    arrays(out)
    package(os.path.join(out, "cells.xlsx"), cells_parts())
    package(os.path.join(out, "macro.xlsm"), cells_parts(macro=True))
    zip_variants(out)
    # 1904: serial 0 is 1904-01-01, serial 1462 of the 1900 system; a time of day stays a fraction
    parts = [("[Content_Types].xml", content_types(1)), ("_rels/.rels", ROOT_RELS),
             ("xl/workbook.xml", workbook([("S", "")], date1904=True)),
             ("xl/_rels/workbook.xml.rels", workbook_rels(1, strings=False)), ("xl/styles.xml", STYLES),
             ("xl/worksheets/sheet1.xml", sheet('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="3">'
                                                '<v>0.5</v></c><c r="C1"><v>7</v></c></row>'))]
    package(os.path.join(out, "date1904.xlsx"), parts)

    # hostile packages
    bomb = sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (64 << 20))
    simple(os.path.join(out, "bomb.xlsx"), bomb)  # 64 MB of spaces deflate about 1000:1
    liar = sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * (4 << 20))
    simple(os.path.join(out, "liar.xlsx"), liar)
    patch_sizes(os.path.join(out, "liar.xlsx"), "xl/worksheets/sheet1.xml", 2000)  # claims 2000 bytes
    # a directory that claims 7.5 GB in all (two parts of 3.75 GB each): refused at open
    simple(os.path.join(out, "claims-total.xlsx"), sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
           strings=f'<sst {NS}><si><t>x</t></si></sst>')
    patch_sizes(os.path.join(out, "claims-total.xlsx"), "xl/worksheets/sheet1.xml", 0xF0000000)
    patch_sizes(os.path.join(out, "claims-total.xlsx"), "xl/sharedStrings.xml", 0xF0000000)
    simple(os.path.join(out, "claims-sst.xlsx"), sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
           strings=f'<sst {NS} count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>')
    simple(os.path.join(out, "claims-dimension.xlsx"),
           f'<worksheet {NS}><dimension ref="A1:XFE1048577"/><sheetData/></worksheet>')
    simple(os.path.join(out, "claims-cell.xlsx"), sheet('<row r="2000000"><c r="A2000000"><v>1</v></c></row>'))
    simple(os.path.join(out, "deep.xlsx"), sheet("<a>" * 300 + "</a>" * 300))
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c>'
              '</row></sheetData></worksheet>')
    simple(os.path.join(out, "laughs.xlsx"), laughs)
    simple(os.path.join(out, "malformed.xlsx"), sheet('<row r="1">\n<c r="A1"><v>1</v></c>\n<c r="B1"><v>2</c>'))
    simple(os.path.join(out, "unordered.xlsx"), sheet('<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>'))
    with zipfile.ZipFile(os.path.join(out, "notes.ods"), "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with zipfile.ZipFile(os.path.join(out, "other.zip.xlsx"), "w") as z:
        z.writestr("readme.txt", "just a zip")

    # the plan as LibreOffice saves it (a profile of its own: no recalculation on load)
    tmp = tempfile.mkdtemp()
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "xlsx", "--outdir", tmp, os.path.join(DATA, "plan-2024-08.xls")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        shutil.copy(os.path.join(tmp, "plan-2024-08.xlsx"), os.path.join(out, "plan-2024-08-lo.xlsx"))
    finally:
        shutil.rmtree(tmp)
    # the reader is chosen by content: an .xlsx named .xls, an .xls named .xlsx
    shutil.copy(os.path.join(out, "plan-2024-08-lo.xlsx"), os.path.join(out, "plan-xlsx-named.xls"))
    shutil.copy(os.path.join(DATA, "plan-2024-08.xls"), os.path.join(out, "plan-xls-named.xlsx"))
    data = open(os.path.join(out, "plan-2024-08-lo.xlsx"), "rb").read()
    open(os.path.join(out, "truncated.xlsx"), "wb").write(data[:len(data) // 2])
    open(os.path.join(out, "garbage.xlsx"), "wb").write(b"PK\x03\x04" + bytes(range(256)) * 8)

    # openpyxl's writing: formulas without cached values
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    ws.append(["Belopp", 100, 250.5])
    ws["D1"] = "=SUM(B1:C1)"
    wb.save(os.path.join(out, "openpyxl.xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
