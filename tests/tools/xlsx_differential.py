#!/usr/bin/env python3
"""xlsx_differential.py: planxl's .xlsx reader against its BIFF reader, through LibreOffice.

    xlsx_differential.py GRID_CELLS FILE.xls|DIR...     (issue 11, item 5; DIR: its *.xls)

LibreOffice (soffice, headless, a throwaway profile) converts every FILE.xls to .xlsx in one
call; grid_cells then prints the cells planxl's BIFF reader reads from each .xls and the cells
its .xlsx reader reads from LibreOffice's copy, and the two are compared cell by cell: type,
value (text exactly, numbers and date serials to 17 digits) and formula text.

Every difference must be one LibreOffice's conversion explains; each class is counted:
  digits        a number or date written with 15 significant digits (LibreOffice's precision)
  empty-text    an empty text cell of the .xls that LibreOffice leaves out
  bool-number   a boolean formula result that LibreOffice writes as the number 0 or 1
  recalculated  a formula cell, same formula, whose value LibreOffice recalculated on loading
                (volatile functions, and functions whose result LibreOffice computes otherwise);
                the value planxl's .xlsx reader gives must then be the cached value openpyxl
                (an independent reader) reads from LibreOffice's file
  long-text     text longer than Excel's 32 767 characters, cut there by LibreOffice
  renamed       a function LibreOffice writes under another name (DBCS as JIS)
  constant      a TRUE, FALSE or #N/A constant that LibreOffice writes as the formula =TRUE(),
                =FALSE() or =NA()
  spelling      a formula LibreOffice spells otherwise: TRUE() for TRUE, 'S2'!A1 unquoted,
                DOLLAR for USDOLLAR, _xlfn.HYPGEOM.DIST(...,0) for HYPGEOMDIST(...),
                no _xlfn. prefix, a sheet-local name or a sheet's #REF! without the sheet,
                Sheet1:Sheet3!A1:A1 for Sheet1:Sheet3!A1, names in upper case,
                a number constant to 15 digits (0.284 for 0.28400000000000003),
                a row range as columns A to IV ($A1:$IV10 for 1:10), a union with ~ for the comma,
                NA() for #N/A, 0 for a missing argument (IF(a,0,b) for IF(a,,b))
  unknown-function  a formula calling a function LibreOffice lacks, written as #NAME!
  error-literal an error constant passed as an argument (ERROR.TYPE(#NAME?)), which LibreOffice
                drops from the formula (and then computes #N/A)
  error-formula a formula that is an error constant alone (=#NUM!), which LibreOffice writes as
                the value #N/A without a formula
  undefined-name  a formula of cached value #NAME? naming what the workbook does not define
                (=glasses=TRUE), which LibreOffice writes as #NAME? (=#NAME?=TRUE())
  xls-undecoded a formula planxl's BIFF reader gives as "=" alone (it says it could not decode
                it: the cached value is kept); the .xlsx reader reads LibreOffice's text
  general-date  a number shown through a format that puts a day code after General ("Generaldd"),
                a date to planxl and xlrd, a number to LibreOffice
  codepage      a BIFF5 text in a Mac codepage that LibreOffice decodes otherwise (the .xls
                reader's decoding is checked against xlrd in check_biff)
  chart-sheet   a chart sheet of the .xls (no cells; planxl's readers skip it) that LibreOffice
                writes as an empty worksheet
  sheet-name    the one sheet of a BIFF2-4 worksheet file, which LibreOffice names after the file
  xls-refused   a damaged or encrypted .xls the BIFF reader refuses by name, of which
                LibreOffice still made something
Anything else is printed and makes the exit status 1. A file LibreOffice cannot convert
(encrypted, damaged) is listed and skipped; one it converts that planxl cannot read fails.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

EXCEL_TEXT_MAX = 32767
RENAMED = {"DBCS": "JIS"}
# BIFF5 files in a Mac codepage whose text LibreOffice 7.4 decodes as another codepage.
CODEPAGE_FILES = {"phpspreadsheet__maccentraleurope.biff5"}
# Number formats that put a day code after General ("Generaldd", "General*xdd"): a date format to
# planxl and xlrd, a number format to LibreOffice.
GENERAL_DATE_FILES = {"gnumeric__formats"}

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></oor:items>
"""


def unescape(v):
    """grid_cells writes \\, \t, \n and \r escaped."""
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), v)


def cells(grid_cells, path):
    """{(sheet name, row, col): (type, value, formula)}, the sheet names in order, status, errors."""
    p = subprocess.run([grid_cells] + (["--reader=biff"] if path.endswith(".xls") else []) + [path],
                       capture_output=True, text=True, errors="surrogateescape", timeout=300)
    out, names = {}, {}
    for line in p.stdout.split("\n"):
        if line.startswith("# sheet "):
            index, _, name = line[8:].partition(" ")
            names[int(index)] = name
        if not line or line.startswith("#"):
            continue
        f = [unescape(v) for v in line.split("\t")]
        out[(names[int(f[0])], int(f[1]), int(f[2]))] = (f[3], f[4], f[5] if len(f) > 5 else None)
    return out, list(names.values()), p.returncode, (p.stderr.strip() or p.stdout.strip())[-300:]


def convert_all(inputs, outdir, profile):
    """LibreOffice converts in batches: one call for hundreds of files can stop part way."""
    for i in range(0, len(inputs), 20):
        batch = inputs[i:i + 20]
        try:
            subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                            "--convert-to", "xlsx", "--outdir", outdir] + batch,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        except subprocess.TimeoutExpired:
            subprocess.run(["pkill", "-f", profile])


def spelled(formula):
    """A formula in one spelling for the ways LibreOffice rewrites Excel's."""
    f = formula.replace("TRUE()", "TRUE").replace("FALSE()", "FALSE").replace("USDOLLAR(", "DOLLAR(")
    f = re.sub(r"_xlfn\.HYPGEOM\.DIST\((.*),0\)", r"HYPGEOMDIST(\1)", f).replace("_xlfn.", "")
    f = re.sub(r"(?:'[^']*'|[A-Za-z0-9_.]+)!#REF!", "#REF!", f)  # a sheet's #REF!: LibreOffice drops the sheet
    f = re.sub(r"!(\$?[A-Z]+\$?\d+):\1(?![\d$])", r"!\1", f)  # Sheet1:Sheet3!A1 written A1:A1
    # a sheet-local name: LibreOffice drops the sheet ('IRR-NPV'!irr_guess is irr_guess)
    f = re.sub(r"(?:'[^']*'|[A-Za-z0-9_.]+)!([A-Za-z_][A-Za-z0-9_.]*)(?![\w(!:$])",
               lambda m: m.group(0) if re.fullmatch(r"[A-Za-z]{1,3}\d+", m.group(1)) else m.group(1), f)
    # function and cell names in one case (Excel's are case-blind; text in quotes kept)
    f = "".join(part if i % 2 else part.upper() for i, part in enumerate(f.split('"')))
    f = re.sub(r"'([A-Za-z0-9_.]+)'!", r"\1!", f)
    # a number constant to 15 digits, as LibreOffice writes it: 0.28400000000000003 is 0.284
    f = re.sub(r"(?<![A-Za-z0-9_$.])(\d+\.?\d*(?:[Ee][+-]?\d+)?)", lambda m: "%.15g" % float(m.group(1)), f)
    f = re.sub(r"\$A(\$?\d+):\$IV(\$?\d+)", r"\1:\2", f)  # a row range 1:10 written $A1:$IV10
    f = "".join(part if i % 2 else part.replace("~", ",").replace("NA()", "#N/A")  # union A1~C4; NA()
                for i, part in enumerate(f.split('"')))
    f = re.sub(r"([(,])(?=[,)])", r"\g<1>0", f)  # a missing argument IF(a,,b) written IF(a,0,b)
    return f


ERRORS = r"#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)"


def without_errors(formula):
    """The formula without its error constants (LibreOffice drops them from arguments)."""
    return spelled(re.sub(ERRORS, "", formula.replace("NA()", "#N/A")))


def names_unknown(formula):
    """Each bare name (not a function, a cell, a sheet or a constant) as #NAME?, as LibreOffice
    writes a name the workbook does not define."""
    parts = formula.split('"')
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"(?<![A-Za-z0-9_.$!#:'])([A-Za-z_][A-Za-z0-9_.]*)(?![A-Za-z0-9_.(!:'])",
                          lambda m: m.group(0) if re.fullmatch(r"\$?[A-Za-z]{1,3}\$?\d+|TRUE|FALSE", m.group(1),
                                                               re.I) else "#NAME?", parts[i])
    return '"'.join(parts)


def same_digits(a, b, digits):
    x, y = float(a), float(b)
    return x == y or abs(x - y) <= abs(x) * 10.0 ** (1 - digits)


def classify(stem, a, b):
    """The class that explains cell a (.xls) against b (LibreOffice's .xlsx), or None."""
    if a is not None and b is None and a[0] == "text" and a[1] == "":
        return "empty-text"
    if a is None or b is None:
        return None
    (ta, va, fa), (tb, vb, fb) = a, b
    if fa is None and fb in ("=TRUE()", "=FALSE()", "=NA()") and (ta, va) == (tb, vb):
        return "constant"
    if fa and re.fullmatch("=" + ERRORS, fa) and fb is None and (tb, vb) == ("error", "#N/A"):
        return "error-formula"
    if fa == "=" and fb:
        return "xls-undecoded"
    if fa != fb:
        if fa and fb and any(fa.replace(k, v) == fb for k, v in RENAMED.items()):
            return "renamed"
        if fa and fb and ("#NAME!" in fb or "(#NAME?" in fb):
            return "unknown-function"
        if fa and fb and without_errors(fa) == without_errors(fb) and spelled(fa) != spelled(fb):
            return "error-literal"
        if fa and fb and ta == "error" and va == "#NAME?" and spelled(names_unknown(fa)) == spelled(fb):
            return "undefined-name"
        if fa and fb and spelled(fa) == spelled(fb):
            return "spelling" if (ta, va) == (tb, vb) or ta == "boolean" and tb == "number" and va == vb \
                else "recalculated"
        return None
    if ta == tb and ta in ("number", "date") and same_digits(va, vb, 15):
        return "digits"
    if ta == "boolean" and tb == "number" and va == vb:
        return "bool-number"
    if ta == "date" and tb == "number" and va == vb and stem in GENERAL_DATE_FILES:
        return "general-date"
    if fa is not None:
        return "recalculated"
    if ta == tb == "text" and len(va) > EXCEL_TEXT_MAX and vb == va[:EXCEL_TEXT_MAX]:
        return "long-text"
    if ta == tb == "text" and stem in CODEPAGE_FILES:
        return "codepage"
    return None


class CachedValues:
    """The cached values of a .xlsx as openpyxl reads them (data_only), loaded once a file."""

    def __init__(self):
        self.path, self.book = None, None

    def agrees(self, path, key, cell):
        import datetime
        import openpyxl
        if self.path != path:
            self.path, self.book = path, openpyxl.load_workbook(path, data_only=True)
        v = self.book[key[0]].cell(row=key[1] + 1, column=key[2] + 1).value
        kind, text = cell[0], cell[1]
        if isinstance(v, bool):
            return kind == "boolean" and text == str(int(v))
        if isinstance(v, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
            if isinstance(v, datetime.time):
                v = datetime.timedelta(hours=v.hour, minutes=v.minute, seconds=v.second,
                                       microseconds=v.microsecond)
            elif not isinstance(v, datetime.timedelta):
                if not isinstance(v, datetime.datetime):
                    v = datetime.datetime(v.year, v.month, v.day)
                v = v - datetime.datetime(1899, 12, 30)
            return kind == "date" and same_digits(text, v / datetime.timedelta(days=1), 12)
        if isinstance(v, (int, float)):
            return kind in ("number", "date") and same_digits(text, v, 15)
        if v is None:
            return kind == "text" and text == ""
        return kind in ("text", "error") and text == v


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 64
    grid_cells, inputs = argv[1], []
    for arg in argv[2:]:
        inputs += sorted(os.path.join(arg, n) for n in os.listdir(arg) if n.endswith(".xls")) \
            if os.path.isdir(arg) else [arg]
    if not shutil.which("soffice"):
        print("xlsx_differential: soffice (LibreOffice) is not on PATH", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="planxl-xlsxdiff-")
    try:
        os.makedirs(os.path.join(work, "profile", "user"))
        with open(os.path.join(work, "profile", "user", "registrymodifications.xcu"), "w") as f:
            f.write(PROFILE)
        outdir = os.path.join(work, "xlsx")
        convert_all(inputs, outdir, os.path.join(work, "profile"))
        classes, unexplained, compared, cell_count, not_converted = Counter(), 0, 0, 0, []
        cached = CachedValues()
        for xls in inputs:
            stem = os.path.splitext(os.path.basename(xls))[0]
            xlsx = os.path.join(outdir, stem + ".xlsx")
            if not os.path.exists(xlsx):
                not_converted.append(stem)
                continue
            a, sheets_a, ra, ea = cells(grid_cells, xls)
            b, sheets_b, rb, eb = cells(grid_cells, xlsx)
            if ra != 0:
                print("%s: the BIFF reader refuses the .xls (%s); LibreOffice made a copy" % (stem, ea))
                classes["xls-refused"] += 1
                continue
            if rb != 0:
                print("%s: planxl cannot read LibreOffice's .xlsx: %s" % (stem, eb))
                unexplained += 1
                continue
            if len(sheets_a) == 1 and len(sheets_b) == 1 and sheets_a != sheets_b:
                # A BIFF2-4 worksheet file holds one unnamed sheet: each program names it its way.
                b = {(sheets_a[0],) + k[1:]: v for k, v in b.items()}
                sheets_b = sheets_a
                classes["sheet-name"] += 1
            for name in set(sheets_b) - set(sheets_a):
                if any(k[0] == name for k in b):
                    print("%s: LibreOffice's .xlsx has a sheet \"%s\" with cells that the .xls lacks" % (stem, name))
                    unexplained += 1
                else:
                    classes["chart-sheet"] += 1
            for name in set(sheets_a) - set(sheets_b):
                print("%s: the .xls has a sheet \"%s\" that LibreOffice's .xlsx lacks" % (stem, name))
                unexplained += 1
            compared += 1
            cell_count += len(a)
            for key in sorted(set(a) | set(b)):
                ca, cb = a.get(key), b.get(key)
                if ca == cb:
                    continue
                why = classify(stem, ca, cb)
                if why == "recalculated" and not cached.agrees(xlsx, key, cb):
                    print("%s: sheet %s R%dC%d: planxl reads %s from LibreOffice's .xlsx, openpyxl another value"
                          % (stem, key[0], key[1] + 1, key[2] + 1, cb[:2]))
                    why = None
                if why:
                    classes[why] += 1
                else:
                    unexplained += 1
                    show = lambda c: None if c is None else (c[0], c[1][:60], c[2] and c[2][:60])
                    print("%s: sheet %s R%dC%d: .xls %s, LibreOffice's .xlsx %s"
                          % (stem, key[0], key[1] + 1, key[2] + 1, show(ca), show(cb)))
        print("xlsx_differential: %d files compared (%d cells of the .xls), %d not converted by LibreOffice%s"
              % (compared, cell_count, len(not_converted),
                 (" (" + ", ".join(not_converted) + ")") if not_converted else ""))
        for name, n in sorted(classes.items()):
            print("  explained, %-16s %d" % (name, n))
        print("  unexplained                 %d" % unexplained)
        if compared == 0:
            print("xlsx_differential: LibreOffice converted nothing", file=sys.stderr)
            return 1
        return 1 if unexplained else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
