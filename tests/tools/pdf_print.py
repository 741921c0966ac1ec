#!/usr/bin/python3
"""pdf_print.py REPORT.pdf PLAN.json [--swedish-amounts]: the committee report as a member reads it on
paper (issue 14).

REPORT.pdf is the report printed by LibreOffice (lo_recalc.sh ... pdf), PLAN.json the plan it was
written from (`planxl dump --format json`). Checked, on every page unless said otherwise:

- the page is A4 landscape;
- no text is smaller than 8 pt: the size of every text run as printed, read from the page's content
  stream (the Tf size times the scale of the text and transformation matrices), so fit-to-width
  shrinking counts;
- the page header or footer has "Period <period>" and "Sida N av M" (N this page, M the pages);
- every word of every Område, Åtgärd and Beskrivning of the plan is on the pages of the area
  tables, as often as the plan has it;
- with --swedish-amounts (a PDF printed by LibreOffice in the sv-SE locale): every effect amount of
  1 000 tkr or more is on the area pages with a space between its thousands ("17 170", from the
  number format that renders by locale), and no amount has a comma or a point there;
- no word on those pages is cut: no cell border runs through a word's box. LibreOffice draws the
  whole text of a cell and clips it at the cell, so a text taller than its row is still found by
  pdftotext, but its last line straddles the row's bottom border.

Word boxes from poppler's pdftotext -bbox; the content streams are read here (zlib), since poppler
has no tool that prints font sizes unrounded (pdftohtml rounds them to whole points).
"""
import collections, json, math, re, subprocess, sys, zlib

MIN_PT = 8.0
A4 = (841.89, 595.28)


def objects(pdf):
    """{number: bytes} of every indirect object."""
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}


def stream_of(obj):
    m = re.search(rb"stream\r?\n(.*)endstream", obj, re.S)
    if not m:
        return b""
    data = m.group(1)
    return zlib.decompress(data) if b"FlateDecode" in obj[: m.start()] else data


def page_contents(pdf):
    """The content stream of each page, in page order (the page tree's Kids, depth first)."""
    objs = objects(pdf)
    root = int(re.search(rb"/Root (\d+) 0 R", pdf).group(1))
    pages_ref = int(re.search(rb"/Pages (\d+) 0 R", objs[root]).group(1))
    out = []

    def walk(n):
        obj = objs[n]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", obj)
        if kids and re.search(rb"/Type\s*/Pages", obj):
            for k in re.findall(rb"(\d+) 0 R", kids.group(1)):
                walk(int(k))
            return
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", obj)
        refs = re.findall(rb"(\d+) 0 R", contents.group(1)) if contents else []
        out.append(b"\n".join(stream_of(objs[int(r)]) for r in refs))

    walk(pages_ref)
    return out


TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+")


def mul(a, b):
    """Matrix product a x b of PDF matrices [a b c d e f]."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def scan(content):
    """(the printed sizes of the text shown, horizontal and vertical line segments) of a page.
    Segments are (x0, y0, x1, y1) in PDF space (origin bottom left)."""
    sizes, segments = [], []
    ctm, stack = [1, 0, 0, 1, 0, 0], []
    tm, size = [1, 0, 0, 1, 0, 0], 0.0
    nums, point = [], None
    for tok in TOKEN.findall(content):
        c = tok[:1]
        if c.isdigit() or c in b"-+.":
            nums.append(float(tok))
            continue
        if c in b"(<[]/":
            continue
        op = tok
        if op == b"q":
            stack.append(ctm[:])
        elif op == b"Q" and stack:
            ctm = stack.pop()
        elif op == b"cm" and len(nums) >= 6:
            ctm = mul(nums[-6:], ctm)
        elif op == b"BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif op == b"Tm" and len(nums) >= 6:
            tm = nums[-6:]
        elif op == b"Tf" and nums:
            size = nums[-1]
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            m = mul(tm, ctm)
            sizes.append(size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])))
        elif op == b"m" and len(nums) >= 2:
            point = (nums[-2], nums[-1])
        elif op == b"l" and len(nums) >= 2 and point:
            x0, y0 = point
            x1, y1 = nums[-2], nums[-1]
            t = lambda x, y: (x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5])
            segments.append(t(x0, y0) + t(x1, y1))
            point = (x1, y1)
        nums = []
    return sizes, segments


def word_pages(path):
    html = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for w, h, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [(float(a), float(b), float(c), float(d), t.replace("&amp;", "&").replace("&lt;", "<")
                  .replace("&gt;", ">").replace("&quot;", '"'))
                 for a, b, c, d, t in re.findall(
                     r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body)]
        pages.append((float(w), float(h), words))
    return pages


def tokens(text):
    return re.findall(r"\w+", text or "")


def main():
    pdf_path, plan_path = sys.argv[1], sys.argv[2]
    swedish = "--swedish-amounts" in sys.argv[3:]
    table_text = []
    plan = json.load(open(plan_path, encoding="utf-8"))
    pdf = open(pdf_path, "rb").read()
    contents = page_contents(pdf)
    pages = word_pages(pdf_path)
    failures = []
    if len(contents) != len(pages):
        failures.append(f"{len(contents)} content streams but {len(pages)} pages")
    total = len(pages)
    smallest = (99.0, 0)
    table_words = collections.Counter()
    table_pages = 0
    cut = []
    for n, ((w, h, words), content) in enumerate(zip(pages, contents), 1):
        if abs(w - A4[0]) > 2 or abs(h - A4[1]) > 2:
            failures.append(f"page {n}: {w:.0f} x {h:.0f} pt, want A4 landscape ({A4[0]:.0f} x {A4[1]:.0f})")
        sizes, segments = scan(content)
        if not sizes:
            failures.append(f"page {n}: no text")
        elif min(sizes) < smallest[0]:
            smallest = (min(sizes), n)
        line = " ".join(t for *_, t in words)
        if plan.get("period") and f"Period {plan['period']}" not in line:
            failures.append(f"page {n}: no \"Period {plan['period']}\"")
        if f"Sida {n} av {total}" not in line:
            failures.append(f"page {n}: no \"Sida {n} av {total}\"")

        texts = [t for *_, t in words]
        if not ("Område" in texts and "Typ" in texts and "Kommentar" in texts):
            continue
        table_pages += 1
        header_top = min(y0 for x0, y0, x1, y1, t in words if t == "Område")
        table_words.update(tok for x0, y0, x1, y1, t in words if y0 >= header_top - 1 for tok in tokens(t))
        table_text.append(" ".join(t for x0, y0, x1, y1, t in words if y0 >= header_top - 1))
        # Cell borders in pdftotext's space (origin top left).
        horizontal = [(min(x0, x1), max(x0, x1), h - y0) for x0, y0, x1, y1 in segments
                      if abs(y0 - y1) < 0.01 and abs(x1 - x0) > 2]
        vertical = [(x0, h - max(y0, y1), h - min(y0, y1)) for x0, y0, x1, y1 in segments
                    if abs(x0 - x1) < 0.01 and abs(y1 - y0) > 2]
        body = [wd for wd in words if wd[1] >= header_top - 1]
        for x0, y0, x1, y1, t in body:
            for a, b, y in horizontal:
                if a < x1 and x0 < b and y0 + 1.0 < y < y1 - 1.0:
                    cut.append(f"page {n}: \"{t}\" runs across a row's border at y {y:.1f} (its box {y0:.1f}-{y1:.1f})")
                    break
            else:
                for x, top, bottom in vertical:
                    if top < (y0 + y1) / 2 < bottom and x0 + 1.0 < x < x1 - 1.0:
                        cut.append(f"page {n}: \"{t}\" runs across a column's border at x {x:.1f}")
                        break
        # A line wholly past its row's border is drawn (and clipped) in the row below, where no
        # border runs through it. The lines of one cell follow each other closer than a word box is
        # tall (DejaVu Sans: 1.16 against 1.30 times the size), a cell's first line starts below the
        # border that ends the cell above it: a border between two overlapping lines of a column
        # cuts the cell.
        def column(wd):
            mid = (wd[1] + wd[3]) / 2
            left = [x for x, top, bottom in vertical if top < mid < bottom and x <= wd[0] + 0.5]
            return round(max(left), 1) if left else 0.0
        lines = collections.defaultdict(dict)
        for wd in body:
            line = lines[column(wd)].setdefault(round(wd[1], 1), [wd[1], wd[3], []])
            line[2].append(wd[4])
        for col, by_top in lines.items():
            ordered = sorted(by_top.values())
            for (t0, b0, w0), (t1, b1, w1) in zip(ordered, ordered[1:]):
                if t1 >= b0 - 0.2:
                    continue  # not the same cell
                for a, b, y in horizontal:
                    if a < col + 2 < b and t0 + 1.0 < y < b1 - 1.0:
                        cut.append(f"page {n}: the line \"{' '.join(w1)}\" is below its row's border at y {y:.1f}"
                                   f" (after \"{' '.join(w0)}\")")
                        break
    failures += cut

    want = collections.Counter()
    for area in plan.get("areas", []):
        for m in area.get("measures", []):
            for field in ("section", "title", "description"):
                want.update(tokens(m.get(field)))
    missing = {tok: n - table_words[tok] for tok, n in want.items() if table_words[tok] < n}
    if missing:
        shown = ", ".join(f"{t} ({n}x)" for t, n in sorted(missing.items())[:20])
        failures.append(f"{sum(missing.values())} word(s) of Område, Åtgärd and Beskrivning not on the area pages: {shown}")
    if swedish:
        text = " ".join(table_text)
        amounts = {abs(int(e[k])) for area in plan.get("areas", []) for m in area.get("measures", [])
                   for e in m.get("effects", []) for k in ("current_year_tkr", "full_year_tkr")
                   if isinstance(e.get(k), (int, float)) and e[k] == int(e[k]) and abs(e[k]) >= 1000}
        for a in sorted(amounts):
            if not re.search(r"(?<![\d,.])%d %03d(?![\d,.])" % (a // 1000, a % 1000), text):
                failures.append(f"{a} tkr is not on the area pages as \"{a // 1000} {a % 1000:03d}\"")
        for grouped in re.findall(r"(?<![\w,.])-?\d{1,3}[,.]\d{3}(?![\d,.])", text):
            failures.append(f"an amount grouped with a comma or point: {grouped}")
        if not amounts:
            failures.append("no amount of 1 000 tkr or more in the plan to check")
    if table_pages < 2:
        failures.append(f"only {table_pages} page(s) with an area table")
    if smallest[0] < MIN_PT:
        failures.append(f"text printed at {smallest[0]:.2f} pt on page {smallest[1]}: below {MIN_PT:g} pt")
    for f in failures:
        print("FAIL:", f)
    print(f"{total} pages, {table_pages} with an area table, {sum(want.values())} plan words found, "
          f"smallest text {smallest[0]:.2f} pt (page {smallest[1]})")
    sys.exit(1 if failures else 0)


main()
