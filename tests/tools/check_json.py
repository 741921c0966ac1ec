#!/usr/bin/python3
"""Read `planxl check --format json` output independently of planxl's own code.

usage: check_json.py FILE.json
Validates the document against the contract of issue 3 (field names and types, row/column
1-based and matching the cell name, summary counts matching the findings) and prints one line
per finding:  SEVERITY CODE FILE SHEET!CELL EXPECTED ACTUAL   (None for absent numbers)
then          summary FILES ERRORS WARNINGS
Exits 1 with a message when the document breaks the contract.
"""
import json
import re
import sys

FIELDS = ["file", "sheet", "cell", "row", "column", "severity", "code", "message", "expected", "actual"]


def col_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def fail(msg):
    print("check_json.py: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    if sorted(doc) != ["findings", "summary"]:
        fail("top-level keys %r" % sorted(doc))
    errors = warnings = infos = 0
    for x in doc["findings"]:
        if list(x) != FIELDS:
            fail("finding keys %r" % list(x))
        if x["severity"] not in ("error", "warning", "info"):
            fail("severity %r" % x["severity"])
        errors += x["severity"] == "error"
        warnings += x["severity"] == "warning"
        infos += x["severity"] == "info"
        if not isinstance(x["file"], str) or not x["file"]:
            fail("file %r" % x["file"])
        if not re.fullmatch(r"[a-z]+(-[a-z]+)*", x["code"]) or not x["message"]:
            fail("code/message %r %r" % (x["code"], x["message"]))
        for k in ("expected", "actual"):
            if x[k] is not None and (isinstance(x[k], bool) or not isinstance(x[k], (int, float))):
                fail("%s is not a number: %r" % (k, x[k]))
        if x["cell"] is None:
            if x["row"] is not None or x["column"] is not None or x["sheet"] is not None:
                fail("no cell but row/column/sheet: %r" % x)
        else:
            m = re.fullmatch(r"([A-Z]+)([0-9]+)", x["cell"])
            if not m or "!" in x["cell"]:
                fail("cell %r" % x["cell"])
            if x["row"] != int(m.group(2)) or x["column"] != col_number(m.group(1)):
                fail("row/column %r/%r do not match %s" % (x["row"], x["column"], x["cell"]))
        print(x["severity"], x["code"], x["file"], "%s!%s" % (x["sheet"], x["cell"]), x["expected"], x["actual"])
    s = doc["summary"]
    if sorted(s) != ["errors", "files", "info", "warnings"] or s["errors"] != errors or s["warnings"] != warnings \
            or s["info"] != infos:
        fail("summary %r, counted %d errors, %d warnings and %d info" % (s, errors, warnings, infos))
    print("summary", s["files"], s["errors"], s["warnings"])


if __name__ == "__main__":
    main()
