#!/usr/bin/python3
"""Check that a `planxl dump --format json` output keeps the documented contract (docs/recognize.md).

usage: dump_contract.py DUMP.json

Every key of the contract present with the right type: areas → measures → kpis / effects /
declared_totals; every VALUE is {"text","kind","value","cell"} with kind one of number, percent,
direction, text, missing, invalid and value a number exactly for number and percent; every
amount a number or null with its key present, null exactly when its VALUE is not a number;
every cell `Sheet!A1`. Prints each breach and a closing count; exits 1 on any breach.
"""
import json
import re
import sys

KINDS = {"number", "percent", "direction", "text", "missing", "invalid"}
CELL = re.compile(r"^.+![A-Z]{1,3}[1-9][0-9]*$")
breaches = []
checked = 0


def need(ok, where, what):
    global checked
    checked += 1
    if not ok:
        breaches.append(f"{where}: {what}")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def string(obj, key, where):
    need(isinstance(obj.get(key), str), where, f"'{key}' must be a string, is {obj.get(key)!r}")


def cell(obj, key, where):
    need(isinstance(obj.get(key), str) and CELL.match(obj.get(key, "")) is not None, where,
         f"'{key}' must be a cell like Sheet!E7, is {obj.get(key)!r}")


def value(v, where):
    if not isinstance(v, dict):
        need(False, where, f"VALUE must be an object, is {v!r}")
        return
    string(v, "text", where)
    need(v.get("kind") in KINDS, where, f"kind {v.get('kind')!r} is not one of {sorted(KINDS)}")
    need("value" in v, where, "'value' key missing")
    numeric = v.get("kind") in ("number", "percent")
    need(is_number(v.get("value")) if numeric else v.get("value") is None, where,
         f"value {v.get('value')!r} does not fit kind {v.get('kind')!r}")
    need(v.get("kind") != "missing" or v.get("text") == "", where, "a missing value has text")
    cell(v, "cell", where)


def amounts(row, where):
    for key in ("current_year_tkr", "full_year_tkr"):
        need(key in row, where, f"'{key}' key missing")
        need(row.get(key) is None or is_number(row.get(key)), where, f"'{key}' must be a number or null")
    for key in ("current_year_cell", "full_year_cell", "cell"):
        cell(row, key, where)
    for key, amount in (("current_year_value", "current_year_tkr"), ("full_year_value", "full_year_tkr")):
        if key in row:
            value(row[key], f"{where} {key}")
            need((row[key]["kind"] == "number") == is_number(row.get(amount)), where,
                 f"'{amount}' must be a number exactly when its value is")
            need(row[key]["cell"] == row.get(amount.replace("_tkr", "_cell")), where,
                 f"'{key}' cell differs from '{amount.replace('_tkr', '_cell')}'")


def fields(row, where):
    """A row's extra fields (issue 12): [{"header", "value", "cell"}], the key always present."""
    need(isinstance(row.get("fields"), list), where, "'fields' must be a list")
    for f in row.get("fields") or []:
        string(f, "header", f"{where} field")
        string(f, "value", f"{where} field")
        cell(f, "cell", f"{where} field {f.get('header')}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        dump = json.load(f)
    for key in ("title", "committee", "municipality", "period"):
        string(dump, key, "plan")
    need(dump.get("period") == "" or re.fullmatch(r"[0-9]{4}-[0-9]{2}", dump.get("period", "")) is not None,
         "plan", "period must be YYYY-MM or empty")
    need(isinstance(dump.get("areas"), list), "plan", "'areas' must be a list")
    # totals that close the plan (plan.declared_totals) and an area (area.declared_totals), issue 12
    need(isinstance(dump.get("declared_totals"), list), "plan", "'declared_totals' must be a list")
    for t in dump.get("declared_totals", []):
        string(t, "label", "plan")
        amounts(t, f"plan total {t.get('label')}")
    # the rows of summary sheets: TOTAL plus the area named (null: the plan's total)
    need(isinstance(dump.get("summary_totals"), list), "plan", "'summary_totals' must be a list")
    for t in dump.get("summary_totals", []):
        string(t, "label", "summary")
        amounts(t, f"summary row {t.get('label')}")
        need("area" in t and (t["area"] is None or isinstance(t["area"], str)), "summary",
             "'area' must be a string or null")
    # every sheet met: its state, whether it was read, its merged ranges (null: the reader cannot tell)
    need(isinstance(dump.get("sheets"), list), "plan", "'sheets' must be a list")
    for s in dump.get("sheets", []):
        where = f"sheet {s.get('name')}"
        string(s, "file", where)
        string(s, "name", where)
        need(s.get("state") in ("visible", "hidden", "very-hidden", "unknown"), where, f"state {s.get('state')!r}")
        need(isinstance(s.get("read"), bool), where, "'read' must be true or false")
        need(s.get("read") or s.get("state") in ("hidden", "very-hidden"), where, "only a hidden sheet is not read")
        merges = s.get("merges")
        need(merges is None or (isinstance(merges, list) and all(
            isinstance(m, str) and re.fullmatch(r"[A-Z]+[0-9]+:[A-Z]+[0-9]+", m) for m in merges)), where,
            f"'merges' must be null or a list of ranges like A4:A14, is {merges!r}")
    for a in dump.get("areas", []):
        string(a, "name", "area")
        need(isinstance(a.get("declared_totals"), list), a.get("name"), "'declared_totals' must be a list")
        for t in a.get("declared_totals", []):
            string(t, "label", a.get("name"))
            amounts(t, f"{a.get('name')} area total {t.get('label')}")
        for m in a.get("measures", []):
            where = f"{a.get('name')} / {m.get('title')}"
            for key in ("section", "title", "description"):
                string(m, key, where)
            cell(m, "cell", where)
            need(m.get("current_year") is None or isinstance(m.get("current_year"), int), where,
                 "current_year must be a year or null")
            fields(m, where)
            for k in m.get("kpis", []):
                string(k, "name", where)
                string(k, "comment", where)
                cell(k, "cell", where)
                value(k.get("target"), f"{where} KPI {k.get('name')} target")
                value(k.get("current"), f"{where} KPI {k.get('name')} current")
                fields(k, f"{where} KPI {k.get('name')}")
            for e in m.get("effects", []):
                string(e, "description", where)
                string(e, "comment", where)
                amounts(e, f"{where} effect {e.get('description')}")
                fields(e, f"{where} effect {e.get('description')}")
            for t in m.get("declared_totals", []):
                string(t, "label", where)
                amounts(t, f"{where} total {t.get('label')}")
            for key in ("kpis", "effects", "declared_totals"):
                need(isinstance(m.get(key), list), where, f"'{key}' must be a list")
    for b in breaches:
        print("breach:", b)
    print(f"{checked} contract points checked, {len(breaches)} breaches")
    return 1 if breaches else 0


sys.exit(main())
