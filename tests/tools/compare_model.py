#!/usr/bin/python3
"""Field-by-field comparison of a `planxl dump --format json` with a golden plan model.

usage: compare_model.py GOLDEN.json DUMP.json [--flat]

The golden model (tests/data/plan-2024-08.json) holds the plan as transcribed from its source
document: KPI targets and current values as the source's strings ("73,9 %", "Öka"), effect
amounts as integers (tkr) under "effect_2024_tkr" and "full_year_tkr", per-area totals.
The dump holds typed values. This script compares, in order:
  plan title, committee, municipality, period;
  area names; per area the measures (section, title, description);
  per measure the KPIs (name, target, current, comment) and effect rows (description,
  both amounts, comment); per area the sums of the effect rows against the golden totals.
Texts are equal when equal after folding white space (U+00A0 counts as a space). A golden
value that reads as a Swedish number ("34,8", "95,4%", "1 650") must equal the dump's value as
a number (a percent as its fraction: "54 %" is 0.54); other golden values must equal the
dump's text. Prints every mismatch and a closing count; exits 1 on any mismatch.

--flat: the dump was read from the flat layout, which has no cover, no descriptions and no
measure without KPI or effect rows, and orders measures by where their rows first appear.
Measures are then matched by (area, section, title) instead of by position.
"""
import json
import re
import sys


def fold(s):
    if s is None:
        return ""
    return " ".join(str(s).replace("\u00a0", " ").split())


def number_of(text):
    """Swedish number text as a float (percent as a fraction), or None."""
    t = fold(text).replace("\u2212", "-")
    percent = t.endswith("%")
    if percent:
        t = t[:-1].strip()
    t = t.replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", t):
        return None
    v = float(t)
    return v / 100 if percent else v


class Comparison:
    def __init__(self):
        self.compared = 0
        self.mismatches = []

    def check(self, where, ok, golden, got):
        self.compared += 1
        if not ok:
            self.mismatches.append(f"{where}: golden {golden!r}, dump {got!r}")

    def text(self, where, golden, got):
        self.check(where, fold(golden) == fold(got), golden, got)

    def number(self, where, golden, got):
        ok = isinstance(got, (int, float)) and not isinstance(got, bool) and golden is not None \
            and abs(float(golden) - float(got)) < 1e-9
        self.check(where, ok, golden, got)

    def value(self, where, golden, got):
        """A golden KPI string against a dump VALUE object."""
        if not isinstance(got, dict) or not {"text", "kind", "value", "cell"} <= got.keys():
            self.check(where, False, golden, got)
            return
        n = number_of(golden)
        if n is not None:
            self.number(where, n, got["value"])
        else:
            self.text(where, golden, got["text"])

    def count(self, where, golden, got):
        self.check(where + " count", len(golden) == len(got), len(golden), len(got))


def compare_rows(c, where, gm, dm):
    c.count(f"{where} KPIs", gm["kpis"], dm.get("kpis", []))
    for k, (gk, dk) in enumerate(zip(gm["kpis"], dm.get("kpis", []))):
        kw = f"{where} KPI {k + 1}"
        c.text(f"{kw} name", gk["name"], dk.get("name"))
        c.value(f"{kw} target", gk["target"], dk.get("target"))
        c.value(f"{kw} current", gk["current"], dk.get("current"))
        c.text(f"{kw} comment", gk["comment"], dk.get("comment"))
    c.count(f"{where} effects", gm["effects"], dm.get("effects", []))
    for e, (ge, de) in enumerate(zip(gm["effects"], dm.get("effects", []))):
        ew = f"{where} effect {e + 1}"
        c.text(f"{ew} description", ge["description"], de.get("description"))
        c.number(f"{ew} current year", ge["effect_2024_tkr"], de.get("current_year_tkr"))
        c.number(f"{ew} full year", ge["full_year_tkr"], de.get("full_year_tkr"))
        c.text(f"{ew} comment", ge["comment"], de.get("comment"))


def compare_flat(golden, dump):
    c = Comparison()
    key = lambda area, m: (fold(area), fold(m.get("section")), fold(m.get("title")))
    dumped = {}
    for a in dump.get("areas", []):
        for m in a.get("measures", []):
            k = key(a.get("name"), m)
            c.check(f"measure {k} appears once", k not in dumped, 1, 2)
            dumped[k] = m
    wanted = set()
    for ga in golden["areas"]:
        for gm in ga["measures"]:
            if not gm["kpis"] and not gm["effects"]:
                continue
            k = key(ga["name"], gm)
            wanted.add(k)
            c.check(f"{k} found", k in dumped, "present", "absent")
            if k in dumped:
                compare_rows(c, f"{ga['name']}: {gm['title'][:40]}", gm, dumped[k])
                c.text(f"{k} description", "", dumped[k].get("description"))
    for k in sorted(set(dumped) - wanted):
        c.check(f"{k} not in the golden model", False, "absent", "present")
    return c


def compare(golden, dump):
    c = Comparison()
    for key in ("title", "committee", "municipality", "period"):
        c.text(key, golden.get(key), dump.get(key))
    g_areas, d_areas = golden["areas"], dump.get("areas", [])
    c.check("area names", [fold(a["name"]) for a in g_areas] == [fold(a.get("name")) for a in d_areas],
            [a["name"] for a in g_areas], [a.get("name") for a in d_areas])
    for ga, da in zip(g_areas, d_areas):
        an = ga["name"]
        c.count(f"{an}: measures", ga["measures"], da.get("measures", []))
        sum_current = sum_full = 0.0
        for i, (gm, dm) in enumerate(zip(ga["measures"], da.get("measures", []))):
            where = f"{an}: measure {i + 1} ({gm['title'][:40]})"
            for key in ("section", "title", "description"):
                c.text(f"{where} {key}", gm[key], dm.get(key))
            compare_rows(c, where, gm, dm)
            for de in dm.get("effects", []):
                sum_current += de.get("current_year_tkr") or 0
                sum_full += de.get("full_year_tkr") or 0
        if "totals" in ga:
            c.number(f"{an}: sum of current-year effects", ga["totals"]["effect_2024_tkr"], sum_current)
            c.number(f"{an}: sum of full-year effects", ga["totals"]["full_year_tkr"], sum_full)
    return c


def main():
    args = [a for a in sys.argv[1:] if a != "--flat"]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    with open(args[0], encoding="utf-8") as f:
        golden = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        dump = json.load(f)
    c = compare_flat(golden, dump) if "--flat" in sys.argv else compare(golden, dump)
    for m in c.mismatches:
        print("mismatch:", m)
    print(f"{c.compared} fields compared, {len(c.mismatches)} mismatches")
    return 1 if c.mismatches else 0


sys.exit(main())
