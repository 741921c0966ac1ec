#!/usr/bin/python3
"""pdf_layout.py REPORT.pdf: the printed committee workbook (LibreOffice → PDF) is A4 landscape, every
area table fits one page wide (its first and last column headers, Område and Kommentar, are on the
same pages: a table too wide would print its right-hand columns on pages of their own), the header
row is repeated on every page of a table, and the body text is readable (words at least 8 pt tall, about 7-point type).
Uses poppler's pdftotext -bbox-layout (poppler-utils)."""
import re, statistics, subprocess, sys

html = subprocess.run(["pdftotext", "-bbox-layout", sys.argv[1], "-"], capture_output=True, text=True,
                      check=True).stdout
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
failures = []
heights = []
table_pages = 0
for n, (w, h, body) in enumerate(pages, 1):
    w, h = float(w), float(h)
    if abs(w - 841.9) > 2 or abs(h - 595.3) > 2:
        failures.append(f"page {n}: {w:.0f} x {h:.0f} pt, want A4 landscape (842 x 595)")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body)
    texts = {t for *_, t in words}
    if ("Område" in texts) != ("Kommentar" in texts):
        failures.append(f"page {n}: Område and Kommentar not on the same page: the table is wider than the page")
    if "Område" in texts:
        table_pages += 1
        if "Typ" not in texts:
            failures.append(f"page {n}: no header row")
    for x0, y0, x1, y1, t in words:
        if t.isalpha() and len(t) > 3:
            heights.append(float(y1) - float(y0))
    if any(float(x1) > w + 0.5 for _, _, x1, _, _ in words):
        failures.append(f"page {n}: text past the right edge")
if table_pages < 2:
    failures.append(f"only {table_pages} page(s) with an area table")
median = statistics.median(heights) if heights else 0
if median < 8:
    failures.append(f"body text {median:.1f} pt tall: too small to read")
for f in failures:
    print("FAIL:", f)
print(f"{len(pages)} pages, {table_pages} with an area table, median word height {median:.1f} pt")
sys.exit(1 if failures else 0)
