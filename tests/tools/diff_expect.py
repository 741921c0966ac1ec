#!/usr/bin/python3
"""The changes `planxl diff --format json` must report between the example plan and
tests/data/diff/plan-2024-08-changed.xls (made by make_diff_pair.pl), no more, no fewer:
one measure added, one removed, one renamed, three amounts, two KPI values, and the sums
those move (the example's own sums, README: Äldreomsorg 5 473 / 17 170 tkr, Funktionsstöd
1 136 / 6 533 tkr). Rows in the changed file: the removed measure took 4 rows out of
Äldreomsorg (E43 -> E39), the added one put 4 into Funktionsstöd after row 22 (E29 -> E33).
    diff_expect.py DIFF.json
"""
import json
import sys

ADDED = 'Samordnad planering av boendestöd'
KM = 'Utforma arbetsätt för att minska ensamåkning och antal körda kilometer'
BOM = 'Utforma rutiner för att minska antalet bomkörningar och sent avbokade besök'
GLADO = 'Översyn av verksamheten inom Gladö stall'

# (kind, column, area, old measure, new measure, old ref, new ref, old, new)
# where old/new are an amount (tkr) or a KPI value's text; None where there is none.
EXPECTED = {
    ('kpi-current', None, 'Äldreomsorg', 'Träffsäkra beslut', 'Träffsäkra beslut', 'E6', 'E6', '73,9 %', '75,2 %'),
    ('measure-renamed', None, 'Äldreomsorg', 'Skifta perspektiv', 'Skifta perspektiv i hemtjänsten', 'B9', 'B9', None, None),
    ('effect-amount', 'full_year', 'Äldreomsorg', 'Personaltäthet', 'Personaltäthet', 'E43', 'E39', 9000, 9500),
    ('measure-amount', 'full_year', 'Äldreomsorg', 'Personaltäthet', 'Personaltäthet', 'B39', 'B35', 9000, 9500),
    ('measure-removed', None, 'Äldreomsorg', 'Digital natttillsyn', None, 'B15', None, None, None),
    ('area-amount', 'full_year', 'Äldreomsorg', None, None, None, None, 17170, 17670),
    ('effect-amount', 'current_year', 'Funktionsstöd', GLADO, GLADO, 'D6', 'D6', 296, 310),
    ('measure-amount', 'current_year', 'Funktionsstöd', GLADO, GLADO, 'B4', 'B4', 296, 310),
    ('measure-added', None, 'Funktionsstöd', None, ADDED, None, 'B23', None, None),
    ('effect-amount', 'full_year', 'Funktionsstöd', KM, KM, 'E29', 'E33', 1225, 1300),
    ('measure-amount', 'full_year', 'Funktionsstöd', KM, KM, 'B23', 'B27', 1225, 1300),
    ('kpi-current', None, 'Funktionsstöd', BOM, BOM, 'E33', 'E37', '4 %', '3 %'),
    ('area-amount', 'current_year', 'Funktionsstöd', None, None, None, None, 1136, 1300),
    ('area-amount', 'full_year', 'Funktionsstöd', None, None, None, None, 6533, 7208),
    ('total-amount', 'current_year', None, None, None, None, None, 6609, 6773),
    ('total-amount', 'full_year', None, None, None, None, None, 23703, 24878),
}


def side_value(change, side):
    s = change[side]
    if s is None:
        return None
    if change['kind'].startswith('kpi-'):
        return s['value']['text']
    return s['amount']


def key(change):
    o, n = change['old'], change['new']
    area = (n or o)['area']
    return (change['kind'], change['column'], area,
            o['measure'] if o else None, n['measure'] if n else None,
            o['cell']['ref'] if o and o['cell'] else None, n['cell']['ref'] if n and n['cell'] else None,
            side_value(change, 'old'), side_value(change, 'new'))


doc = json.load(open(sys.argv[1], encoding='utf-8'))
got = [key(c) for c in doc['changes']]
problems = []
if len(got) != len(set(got)):
    problems.append('a change is reported twice')
for k in sorted(set(got) - EXPECTED, key=str):
    problems.append(f'unexpected: {k}')
for k in sorted(EXPECTED - set(got), key=str):
    problems.append(f'missing: {k}')
if doc['equal'] is not False:
    problems.append('"equal" is not false')
counts = {}
for c in doc['changes']:
    counts[c['kind']] = counts.get(c['kind'], 0) + 1
for kind, n in doc['counts'].items():
    if counts.get(kind, 0) != n:
        problems.append(f'counts[{kind}] = {n}, the changes hold {counts.get(kind, 0)}')
trends = {(c['kind'], c['new']['cell']['ref'] if c['new'] and c['new']['cell'] else None): c['trend'] for c in doc['changes']}
if trends.get(('kpi-current', 'E6')) != 'increased' or trends.get(('kpi-current', 'E37')) != 'decreased':
    problems.append(f'KPI trends: {trends}')
for p in problems:
    print(p)
print(f'diff_expect: {len(got)} changes, {len(problems)} problems')
sys.exit(1 if problems else 0)
