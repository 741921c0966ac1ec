#!/usr/bin/python3
"""Write the hand-built BIFF8 test streams of tests/check_biff.c (bare workbook streams,
no OLE2 container: planxl and python3-xlrd both read those).

    /usr/bin/python3 make_biff_streams.py [OUTDIR]

Each stream is built record by record (MS-XLS 2.4), so a test can hold exactly the
case it is about: CONTINUE inside a string, out-of-order cells, shared formulas, and
the malformed records planxl must refuse cleanly.
"""
import os
import struct
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def rec(rtype, body):
    return struct.pack('<HH', rtype, len(body)) + body


def bof(dt):
    return rec(0x0809, struct.pack('<HHHHII', 0x0600, dt, 0x0DBB, 0x07CC, 0, 6))


EOF_REC = rec(0x000A, b'')


def ustr(s, cch_bytes=2):
    """XLUnicodeString: compressed when every character fits a byte, else UTF-16LE."""
    wide = any(ord(c) > 0xFF for c in s)
    data = s.encode('utf-16-le') if wide else s.encode('latin-1')
    n = len(s.encode('utf-16-le')) // 2
    return struct.pack('<H' if cch_bytes == 2 else '<B', n) + bytes([1 if wide else 0]) + data


def xf(ifmt):
    # XF (MS-XLS 2.4.353): ifnt, ifmt, then 16 bytes of style/alignment/borders left 0
    return rec(0x00E0, struct.pack('<HH', 0, ifmt) + bytes(16))


def fmt(ifmt, s):
    return rec(0x041E, struct.pack('<H', ifmt) + ustr(s))


def font():
    return rec(0x0031, struct.pack('<HHHHHBBBB', 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + ustr('Arial', 1))


# XF indexes used below
XF_GENERAL, XF_DATE, XF_DATETIME, XF_TIME = 0, 1, 2, 3


def globals_records(sst=b'', datemode=0, extra=b''):
    out = bof(0x0005)
    out += rec(0x0042, struct.pack('<H', 1200))            # CODEPAGE: UTF-16 (BIFF8)
    out += rec(0x0022, struct.pack('<H', datemode))        # DATEMODE
    out += font() * 5
    out += fmt(164, 'yyyy-mm-dd hh:mm')
    out += xf(0) + xf(14) + xf(164) + xf(20)
    out += extra
    return out


def workbook(sheets, sst=b'', datemode=0, extra=b''):
    """sheets: [(name, cell_records_bytes)] -> the stream, with BOUNDSHEET offsets filled in."""
    head = globals_records(datemode=datemode, extra=extra)
    # BOUNDSHEET sizes do not depend on the offsets: build once with 0, then for real
    def boundsheets(offsets):
        return b''.join(rec(0x0085, struct.pack('<IBB', off, 0, 0) + ustr(name, 1))
                        for (name, _), off in zip(sheets, offsets))
    tail = sst + EOF_REC
    pos = len(head) + len(boundsheets([0] * len(sheets))) + len(tail)
    offsets, bodies = [], b''
    for name, cells in sheets:
        offsets.append(pos + len(bodies))
        bodies += bof(0x0010) + cells + EOF_REC
    return head + boundsheets(offsets) + tail + bodies


def sst_record(strings, declared=None):
    body = b''.join(ustr(s) for s in strings)
    n = len(strings) if declared is None else declared
    return rec(0x00FC, struct.pack('<II', n, n) + body)


def number(r, c, v, xfi=XF_GENERAL):
    return rec(0x0203, struct.pack('<HHHd', r, c, xfi, v))


def rk_int(r, c, i, xfi=XF_GENERAL, div100=False):
    return rec(0x027E, struct.pack('<HHHI', r, c, xfi, ((i << 2) | 2 | (1 if div100 else 0)) & 0xFFFFFFFF))


def label(r, c, s):
    return rec(0x0204, struct.pack('<HHH', r, c, 0) + ustr(s))


def labelsst(r, c, i):
    return rec(0x00FD, struct.pack('<HHHI', r, c, 0, i))


def boolerr(r, c, v, is_err):
    return rec(0x0205, struct.pack('<HHHBB', r, c, 0, v, 1 if is_err else 0))


def formula(r, c, result, tokens, xfi=XF_GENERAL):
    """result: float, or ('str',), ('bool', v), ('err', code), ('empty',)."""
    if isinstance(result, float):
        val = struct.pack('<d', result)
    else:
        kind = {'str': 0, 'bool': 1, 'err': 2, 'empty': 3}[result[0]]
        v = result[1] if len(result) > 1 else 0
        val = bytes([kind, 0, v, 0, 0, 0, 0xFF, 0xFF])
    return rec(0x0006, struct.pack('<HHH', r, c, xfi) + val + struct.pack('<HIH', 0, 0, len(tokens)) + tokens)


def string_rec(s):
    return rec(0x0207, ustr(s))


# Ptg tokens (MS-XLS 2.5.198)
def ptg_ref(r, c):          # ptgRef, relative row and column: A1 style "A1"
    return struct.pack('<BHH', 0x24, r, 0xC000 | c)


def ptg_area(r1, r2, c1, c2):
    return struct.pack('<BHHHH', 0x25, r1, r2, 0xC000 | c1, 0xC000 | c2)


def ptg_int(i):
    return struct.pack('<BH', 0x1E, i)


PTG_ADD = b'\x03'


def ptg_sum():              # tAttrSum: SUM of the one argument
    return struct.pack('<BBH', 0x19, 0x10, 0)


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


def main():
    sst_strings = ['Område', 'Summa', 'Äldreomsorg – hemtjänst', 'Ω wide ✓']

    # --- cells.biff: every cell record and formula result kind ---------------------
    cells = b''
    cells += label(0, 0, 'Område') + labelsst(0, 1, 1) + labelsst(0, 2, 3)
    cells += number(1, 0, 10.0) + rk_int(1, 1, 20) + rk_int(1, 2, 12345, div100=True)
    # MULRK: row 2, columns 0..2
    cells += rec(0x00BD, struct.pack('<HH', 2, 0) + b''.join(struct.pack('<HI', 0, ((v << 2) | 2)) for v in (1, 2, 3)) + struct.pack('<H', 2))
    cells += boolerr(3, 0, 1, False) + boolerr(3, 1, 0, False)
    for i, code in enumerate((0x00, 0x07, 0x0F, 0x17, 0x1D, 0x24, 0x2A)):
        cells += boolerr(4, i, code, True)
    cells += rec(0x0201, struct.pack('<HHH', 5, 0, 0))                                # BLANK
    cells += rec(0x00BE, struct.pack('<HHHHH', 5, 1, 0, 0, 2))                          # MULBLANK
    cells += number(6, 0, 45535.0, XF_DATE) + number(6, 1, 45535.75, XF_DATETIME) + number(6, 2, 0.5, XF_TIME)
    # formulas: =SUM(A2:B2) cached 30; a string; a boolean; an error; an empty string
    cells += formula(7, 0, 30.0, ptg_area(1, 1, 0, 1) + ptg_sum())
    cells += formula(7, 1, ('str',), ptg_ref(0, 0)) + string_rec('Område')
    cells += formula(7, 2, ('bool', 1), ptg_ref(3, 0))
    cells += formula(7, 3, ('err', 0x07), ptg_ref(4, 1))
    cells += formula(7, 4, ('empty',), ptg_ref(5, 0))
    # a shared formula B9:B11 = A9+1 .. A11+1 (ptgRefN: row offset 0, column offset -1)
    cells += number(8, 0, 1.0) + number(9, 0, 2.0) + number(10, 0, 3.0)
    exp = struct.pack('<BHH', 0x01, 8, 1)
    shr_tokens = struct.pack('<BHH', 0x2C, 0, 0xC000 | 0xFF) + ptg_int(1) + PTG_ADD
    cells += formula(8, 1, 2.0, exp)
    cells += rec(0x04BC, struct.pack('<HHBBBBH', 8, 10, 1, 1, 0, 3, len(shr_tokens)) + shr_tokens)
    cells += formula(9, 1, 3.0, exp) + formula(10, 1, 4.0, exp)
    cells += number(11, 0, 45535.0, XF_DATE)
    write('cells.biff', workbook([('Data', cells), ('Tom', b'')], sst_record(sst_strings)))
    # cells_in_order.biff: the same cells with rows 9-11 written row by row, so the whole
    # sheet is in row-major order (the BIFF reader streams it; cells.biff it collects and sorts)
    head = cells[:cells.index(number(8, 0, 1.0))]
    ordered = head + number(8, 0, 1.0) + formula(8, 1, 2.0, exp)
    ordered += rec(0x04BC, struct.pack('<HHBBBBH', 8, 10, 1, 1, 0, 3, len(shr_tokens)) + shr_tokens)
    ordered += number(9, 0, 2.0) + formula(9, 1, 3.0, exp) + number(10, 0, 3.0) + formula(10, 1, 4.0, exp)
    ordered += number(11, 0, 45535.0, XF_DATE)
    write('cells_in_order.biff', workbook([('Data', ordered), ('Tom', b'')], sst_record(sst_strings)))

    # --- 1904.biff: the same date in the 1904 system --------------------------------
    # row 2: a time format over a whole date-time (its date moves with the system), and a
    # duration in [h]:mm:ss (XF 4, built-in format 46), which keeps its value
    XF_ELAPSED = 4
    c1904 = number(0, 0, 45535.0 - 1462, XF_DATE) + number(0, 1, 0.25, XF_TIME) + number(0, 2, 7.0)
    c1904 += number(1, 0, 10.5, XF_TIME) + number(1, 1, 10.5, XF_ELAPSED)
    write('1904.biff', workbook([('Datum', c1904)], datemode=1, extra=xf(46)))

    # --- out_of_order.biff: rows and columns written backwards, one cell twice ------
    ooo = number(2, 1, 6.0) + number(2, 0, 5.0) + number(0, 1, 2.0) + number(1, 0, 3.0)
    ooo += number(0, 0, 1.0) + number(1, 1, 4.0) + number(0, 0, 99.0)  # A1 again: the later one wins
    write('out_of_order.biff', workbook([('Blandat', ooo)]))

    # --- sst_continue.biff: SST strings cut by CONTINUE records -----------------------
    # A: a long compressed string cut mid-way; its continuation is UTF-16 (flag 1).
    # B: a rich string (2 runs) whose runs fall in the next CONTINUE.
    # C: a string with a phonetic block. D: a string starting right at a CONTINUE.
    a1, a2 = 'x' * 3000, 'ÅÄÖ✓' * 10
    b = 'rich text'
    c = 'phonetic'
    d = 'after the boundary'
    part1 = struct.pack('<II', 4, 4)
    part1 += struct.pack('<HB', len(a1) + len(a2), 0) + a1.encode('latin-1')
    cont1 = bytes([1]) + a2.encode('utf-16-le')
    cont1 += struct.pack('<HBH', len(b), 0x08, 2) + b.encode('latin-1')
    cont2 = struct.pack('<HHHH', 0, 0, 4, 1)                       # the two runs of B
    cont2 += struct.pack('<HBI', len(c), 0x04, 6) + c.encode('latin-1') + b'\x01\x00\x02\x00\x00\x00'
    cont3 = struct.pack('<HB', len(d), 0) + d.encode('latin-1')
    sst = rec(0x00FC, part1) + rec(0x003C, cont1) + rec(0x003C, cont2) + rec(0x003C, cont3)
    write('sst_continue.biff', workbook([('Text', labelsst(0, 0, 0) + labelsst(1, 0, 1) + labelsst(2, 0, 2) + labelsst(3, 0, 3))], sst))
    # --- sst_count_lies.biff: SST declares 2^31-1 strings and holds two ---------------
    write('sst_count_lies.biff', workbook([('Text', labelsst(0, 0, 0) + labelsst(1, 0, 1))],
                                          sst_record(['ett', 'två'], declared=0x7FFFFFFF)))

    # --- malformed streams -------------------------------------------------------
    good = number(0, 0, 1.0)
    # a FORMULA whose cce runs past the record
    bad_formula = rec(0x0006, struct.pack('<HHH', 1, 0, 0) + struct.pack('<d', 1.0) + struct.pack('<HIH', 0, 0, 40) + b'\x1e\x01\x00')
    write('bad_formula_truncated.biff', workbook([('Blad1', good + bad_formula)]))
    write('bad_string_orphan.biff', workbook([('Blad1', good + string_rec('ingen formel'))]))
    write('bad_labelsst_index.biff', workbook([('Blad1', labelsst(0, 0, 5))], sst_record(['bara en'])))
    whole = workbook([('Blad1', good + label(0, 1, 'text') + number(1, 0, 2.0))])
    write('bad_truncated_stream.biff', whole[:len(whole) - 9])        # cut inside the last record
    # an in-order sheet (streamed) whose B1 text promises 40 characters and holds 4: found
    # while streaming, after A1 went out
    write('bad_label_cut_streamed.biff', workbook([('Blad1', good + rec(0x0204, struct.pack('<HHHHB', 0, 1, 0, 40, 0) + b'kort'))]))
    write('bad_number_short.biff', workbook([('Blad1', rec(0x0203, struct.pack('<HHH', 0, 0, 0) + b'\x00\x00'))]))
    # SST whose string promises more characters than the records hold
    write('bad_sst_cut.biff', workbook([('Blad1', labelsst(0, 0, 0))],
                                       rec(0x00FC, struct.pack('<IIHB', 1, 1, 50, 0) + b'short')))
    # FILEPASS right after BOF: RC4 encryption header (MS-XLS 2.4.117), contents irrelevant
    write('filepass.biff', workbook([('Blad1', good)], extra=rec(0x002F, struct.pack('<HHH', 1, 1, 1) + bytes(48))))
    damaged_container()
    return 0


def damaged_container():
    """bad_container.xls: writeexcel_formulas.xls (make_writeexcel.pl) whose directory
    says its Workbook stream is 100 bytes: a mini-stream the file does not have, so
    libgsf cannot open the stream (and, through gsf_infile_child_by_index(), would
    print a GLib warning on stderr)."""
    src = os.path.join(OUT, 'writeexcel_formulas.xls')
    if not os.path.exists(src):
        return
    d = bytearray(open(src, 'rb').read())
    sector = 1 << struct.unpack_from('<H', d, 0x1E)[0]        # MS-CFB 2.2: sector shift
    first_dir = struct.unpack_from('<I', d, 0x30)[0]
    for i in range(sector // 128):                              # 128-byte directory entries
        e = 512 + first_dir * sector + i * 128
        n = struct.unpack_from('<H', d, e + 0x40)[0]
        if d[e:e + n].decode('utf-16-le').rstrip('\0') == 'Workbook':
            struct.pack_into('<I', d, e + 0x78, 100)            # stream size
    write('bad_container.xls', bytes(d))


if __name__ == '__main__':
    sys.exit(main())
