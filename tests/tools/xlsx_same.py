#!/usr/bin/python3
"""xlsx_same.py A B: the .xlsx files A and B (or every .xlsx of directories A and B) hold the
same parts with the same bytes, docProps/core.xml apart (it holds the time of writing).
Exit 0 when they do; else each difference on a line."""
import os
import sys
import zipfile


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def same(a, b):
    pa, pb = parts(a), parts(b)
    diffs = [f"{a}: {n} differs" for n in sorted(set(pa) | set(pb)) if pa.get(n) != pb.get(n)]
    for d in diffs:
        print(d)
    return not diffs


def main(a, b):
    if not os.path.isdir(a):
        return same(a, b)
    na = sorted(n for n in os.listdir(a) if n.endswith(".xlsx"))
    nb = sorted(n for n in os.listdir(b) if n.endswith(".xlsx"))
    if na != nb:
        print("different files:", sorted(set(na) ^ set(nb)))
        return False
    ok = bool(na)
    if not na:
        print("no .xlsx files")
    for n in na:
        ok &= same(os.path.join(a, n), os.path.join(b, n))
    return ok


sys.exit(0 if main(sys.argv[1], sys.argv[2]) else 1)
