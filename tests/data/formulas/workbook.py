#!/usr/bin/python3
"""The formula test workbook, written as sources for three writers.

Writes into the current directory:
  cells.tsv          sheet, row, col, kind, text  (input of write_perl.pl)
  formulas.fods      LibreOffice flat ODS; formulas in Excel syntax (msoxl:)
  formulas.gnumeric  Gnumeric XML
kind: number | formula (all writers) | extra (not Spreadsheet::WriteExcel, whose
parser rejects them) | array (a one-cell array formula; not WriteExcel).
"""
from xml.sax.saxutils import escape, quoteattr

SHEETS = ['Data', 'Other Sheet', 'Extra']
cells = []  # (sheet, row, col, kind, text)

for i, v in enumerate([10, 20, 30, 40, 50]):
    cells.append(('Data', i, 0, 'number', str(v)))
    cells.append(('Data', i, 1, 'number', str(i + 1)))
for i in range(3):
    cells.append(('Other Sheet', i, 0, 'number', str(100 * (i + 1))))
cells.append(('Extra', 1, 1, 'number', '7'))

FORMULAS = [
    '=SUM(A1:A5)',
    "=SUM('Other Sheet'!A1:A3)",
    '=$A$1+B2',
    '=IF(A1>15,"big","small")',
    '=CHOOSE(2,A1,A2,A3)',
    '=ROUND(AVERAGE(A1:A5)/3,2)',
    '="say ""hi"""&" there"',
    '=TRUE',
    '=IF(A1>100,NA(),1)',
    '=50%*A1',   # Spreadsheet::WriteExcel 2.40 stores just 50: LibreOffice and planxl agree on that
    '=B$1*-A1',  # ... and just B$1 here
    '=Extra!B2*2',
    '=COUNTIF(A1:A5,">20")',
    '=MAX(A1:A5)-MIN(A1:A5)',
    '=A1^2&"x"',
    '=IF(AND(A1>0,NOT(B1=0)),A1/B1,0)',
    '=(A1+A2)*A3',
    '=SUMPRODUCT(A1:A5,B1:B5)',
    '=A1*0.1+1.5E+20',
    '=10/0',
    '=A1<>B1',
    '=SUM(A:A)',
    '=SUM(Data:Extra!B2)',
    '=IF(ISERROR(A1/0),"err",A1)',
    '=LEN("åäö€")',
    '=VLOOKUP(20,A1:B5,2,FALSE)',
    '=SUM($A$1:$A$5,B1:B5)',
    '=PI()*2',
    '=A1>=B1',
    '=ABS(B1-A1)',
    '=IF(A1="","",A1)',
    '=0.1+0.2',
    '=1/3',
    '=INDEX(A1:B5,2,2)',
    '=DATE(2024,8,31)',
    '=UPPER("sek")&TEXT(A1,"0.00")',
]
EXTRAS = [
    '=-A1+B$1',
    '=IF(A1>100,#N/A,1)',
    '=SUM(A1:B5 B2:C3)',
    '=SUM((A1,B2))',
    '=SUBTOTAL(9,A1:A5)',
    '=A1*Rate',
    '=+A1',
    '=IFERROR(A1/0,1)',
    "=SUM(Data:'Other Sheet'!A1)",
    '=SUM(2:2)',
]
row = 0
for f in FORMULAS:
    cells.append(('Data', row, 3, 'formula', f))
    row += 1
for f in EXTRAS:
    cells.append(('Data', row, 3, 'extra', f))
    row += 1
# Filled down: Excel and LibreOffice may store these as one shared formula (SHRFMLA).
for i in range(6):
    cells.append(('Data', i, 4, 'formula', '=A%d*B%d+$B$1' % (i + 1, i + 1)))
cells.append(('Data', 0, 5, 'array', '=SUM(A1:A5*B1:B5)'))
cells.append(('Other Sheet', 0, 1, 'formula', '=SUM(A1:A3)+Data!A1'))

# A defined name (LibreOffice and Gnumeric): Rate = Data!$B$1
NAME = ('Rate', 'Data', '$B$1')


def write_tsv(path):
    with open(path, 'w', encoding='utf-8') as out:
        for c in cells:
            out.write('\t'.join(str(x) for x in c) + '\n')


def write_fods(path):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
         ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
         ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
         ' xmlns:msoxl="http://schemas.microsoft.com/office/excel/formula"'
         ' office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
         '<office:body><office:spreadsheet>']
    for sheet in SHEETS:
        mine = {(r, c): (k, t) for s, r, c, k, t in cells if s == sheet}
        o.append('<table:table table:name=%s>' % quoteattr(sheet))
        nr = max(r for r, c in mine) + 1
        nc = max(c for r, c in mine) + 1
        for r in range(nr):
            o.append('<table:table-row>')
            for c in range(nc):
                k, t = mine.get((r, c), (None, None))
                if k is None:
                    o.append('<table:table-cell/>')
                elif k == 'number':
                    o.append('<table:table-cell office:value-type="float" office:value="%s"/>' % t)
                elif k == 'array':
                    o.append('<table:table-cell table:formula=%s table:number-matrix-columns-spanned="1"'
                             ' table:number-matrix-rows-spanned="1"/>' % quoteattr('msoxl:' + t))
                else:
                    o.append('<table:table-cell table:formula=%s/>' % quoteattr('msoxl:' + t))
            o.append('</table:table-row>')
        o.append('</table:table>')
    n, s, ref = NAME
    o.append('<table:named-expressions><table:named-range table:name=%s table:base-cell-address="$Data.$A$1"'
             ' table:cell-range-address=%s/></table:named-expressions>'
             % (quoteattr(n), quoteattr("$%s.%s" % (s, ref))))
    o.append('</office:spreadsheet></office:body></office:document>')
    with open(path, 'w', encoding='utf-8') as out:
        out.write('\n'.join(o) + '\n')


def gnumeric_syntax(formula):
    """Gnumeric's XML wants '\\"' inside a string literal, not Excel's '""'."""
    out, i, in_string = [], 0, False
    while i < len(formula):
        ch = formula[i]
        if ch == '"' and in_string and formula[i + 1:i + 2] == '"':
            out.append('\\"')
            i += 2
            continue
        if ch == '"':
            in_string = not in_string
        out.append(ch)
        i += 1
    return ''.join(out)


def write_gnumeric(path):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd">', '<gnm:SheetNameIndex>']
    for s in SHEETS:
        o.append('<gnm:SheetName>%s</gnm:SheetName>' % escape(s))
    o.append('</gnm:SheetNameIndex>')
    n, s, ref = NAME
    o.append('<gnm:Names><gnm:Name><gnm:name>%s</gnm:name><gnm:value>%s!%s</gnm:value>'
             '<gnm:position>A1</gnm:position></gnm:Name></gnm:Names>' % (n, s, ref))
    o.append('<gnm:Sheets>')
    for sheet in SHEETS:
        mine = [(r, c, k, t) for s, r, c, k, t in cells if s == sheet]
        o.append('<gnm:Sheet><gnm:Name>%s</gnm:Name><gnm:MaxCol>%d</gnm:MaxCol><gnm:MaxRow>%d</gnm:MaxRow>'
                 '<gnm:Cells>' % (escape(sheet), max(x[1] for x in mine), max(x[0] for x in mine)))
        for r, c, k, t in sorted(mine):
            if k == 'number':
                o.append('<gnm:Cell Row="%d" Col="%d" ValueType="40">%s</gnm:Cell>' % (r, c, t))
            elif k == 'array':
                o.append('<gnm:Cell Row="%d" Col="%d" Rows="1" Cols="1">%s</gnm:Cell>' % (r, c, escape(t)))
            else:
                o.append('<gnm:Cell Row="%d" Col="%d">%s</gnm:Cell>' % (r, c, escape(gnumeric_syntax(t))))
        o.append('</gnm:Cells></gnm:Sheet>')
    o.append('</gnm:Sheets></gnm:Workbook>')
    with open(path, 'w', encoding='utf-8') as out:
        out.write('\n'.join(o) + '\n')


if __name__ == '__main__':
    write_tsv('cells.tsv')
    write_fods('formulas.fods')
    write_gnumeric('formulas.gnumeric')
