#!/usr/bin/python3
"""Differential run of planxl's BIFF reader against python3-xlrd over a corpus (by hand).

    tools/biff_differential.py --cells build/tests/grid_cells \\
        [--corpus ../shared/corpus/xls] [--results ../shared/corpus/FREEXL-1.0.6-RESULTS.tsv] \\
        [--reader biff] [--report out.tsv] [FILE...]

For every file: do both readers open it, and does every cell agree (type and value)?
Prints a per-file line for each disagreement or failure, then a summary including
how many of the files freexl 1.0.6 cannot open (verdict SILENT_FAIL...) planxl reads.
"""
import argparse
import collections
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
XLRD_CELLS = os.path.join(HERE, '..', 'tests', 'tools', 'xlrd_cells.py')
PYTHON = '/usr/bin/python3'
TIMEOUT = 60


def parse(text):
    """-> dict(error=..., datemode=int, sheets=[names], cells={(s,r,c): (kind, value, formula)})"""
    res = {'error': None, 'datemode': 0, 'sheets': [], 'cells': {}, 'sheet_errors': []}
    for line in text.splitlines():
        if line.startswith('# '):
            word, _, rest = line[2:].partition(' ')
            if word == 'error':
                res['error'] = rest
            elif word == 'sheets':
                res['datemode'] = int(rest.split()[-1])
            elif word == 'sheet':
                res['sheets'].append(rest.partition(' ')[2])
            elif word == 'sheet-error':
                res['sheet_errors'].append(rest)
            continue
        parts = line.split('\t')
        if len(parts) < 5:
            continue
        formula = parts[5] if len(parts) > 5 else None
        res['cells'][(int(parts[0]), int(parts[1]), int(parts[2]))] = (parts[3], parts[4], formula)
    return res


def run(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, 'timeout'
    if p.returncode < 0:
        return None, 'signal %d' % -p.returncode
    return p.stdout.decode('utf-8', 'replace'), None


def same_number(a, b):
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if math.isnan(x) and math.isnan(y):
        return True
    return x == y or abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def freexl_blind(cell):
    """Cells freexl 1.0.6 never delivers: formula cells (it has no FORMULA handler),
    and empty text (planxl's freexl reader skips it)."""
    return cell[2] is not None or (cell[0] == 'text' and cell[1] == '')


def compare(mine, ref, against='xlrd'):
    """Disagreements as (key, what, mine, ref)."""
    out = []
    if against == 'freexl':
        mine = dict(mine, cells={k: v for k, v in mine['cells'].items() if not freexl_blind(v)})
    if against != 'xlrd' and ref['sheets'] != mine['sheets']:
        # match sheets by name: freexl 1.0.6 also lists chart and macro sheets
        where = {n: i for i, n in enumerate(mine['sheets'])}
        ref = dict(ref, cells={(where.get(ref['sheets'][k[0]], -1 - k[0]),) + k[1:]: v
                               for k, v in ref['cells'].items() if k[0] < len(ref['sheets'])})
    dm = ref['datemode']
    # a sheet xlrd itself cannot read is not compared
    skipped = {int(e.split()[0]) for e in ref.get('sheet_errors', [])}
    mine = dict(mine, cells={k: v for k, v in mine['cells'].items() if k[0] not in skipped})
    for key in sorted(set(mine['cells']) | set(ref['cells'])):
        a = mine['cells'].get(key)
        b = ref['cells'].get(key)
        if a is None:
            out.append((key, 'missing', None, b))
            continue
        if b is None:
            out.append((key, 'extra', a, None))
            continue
        ka, va = a[0], a[1]
        kb, vb = b[0], b[1]
        if ka != kb:
            out.append((key, 'type', a, b))
            continue
        if ka == 'number':
            ok = same_number(va, vb)
        elif ka == 'date':
            # planxl: 1900 system (times unshifted); xlrd: the workbook's own system
            ok = same_number(va, vb) or (dm == 1 and same_number(float(va), float(vb) + 1462))
        else:
            ok = va == vb
        if not ok:
            out.append((key, 'value', a, b))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cells', required=True, help='the grid_cells test helper')
    ap.add_argument('--reader', default='biff')
    ap.add_argument('--against', default='xlrd',
                    help="xlrd (default), or another planxl reader (freexl, auto) read by the same helper")
    ap.add_argument('--corpus', default=os.path.join(HERE, '..', '..', 'shared', 'corpus', 'xls'))
    ap.add_argument('--results', default=None, help="freexl's results TSV (verdict per file)")
    ap.add_argument('--report', default=None, help='write one line per file here (TSV)')
    ap.add_argument('--show', type=int, default=3, help='disagreements shown per file')
    ap.add_argument('files', nargs='*')
    args = ap.parse_args()

    files = args.files or sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus))
    verdicts = {}
    if args.results:
        with open(args.results, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#') or line.startswith('file\t'):
                    continue
                p = line.rstrip('\n').split('\t')
                verdicts[p[0]] = p[2]

    tally = collections.Counter()
    freexl_fail = collections.Counter()
    fail_reasons = collections.Counter()
    report = open(args.report, 'w', encoding='utf-8') if args.report else None
    for path in files:
        name = os.path.basename(path)
        mine_text, mine_crash = run([args.cells, '--reader=' + args.reader, path])
        if args.against == 'xlrd':
            ref_text, ref_crash = run([PYTHON, XLRD_CELLS, path])
        else:
            ref_text, ref_crash = run([args.cells, '--reader=' + args.against, path])
        if mine_crash:
            status, detail = 'PLANXL_CRASH', mine_crash
        else:
            mine = parse(mine_text)
            ref = parse(ref_text) if ref_text else {'error': ref_crash, 'cells': {}, 'datemode': 0}
            if mine['error'] and ref['error']:
                status, detail = 'BOTH_FAIL', mine['error']
            elif mine['error']:
                status, detail = 'PLANXL_FAIL', mine['error']
            elif ref['error']:
                status, detail = 'XLRD_FAIL', ref['error']
            elif mine['sheet_errors']:
                status, detail = 'PLANXL_SHEET_FAIL', mine['sheet_errors'][0]
            else:
                diffs = compare(mine, ref, args.against)
                ncells = len(mine['cells'])
                if not diffs and ref.get('sheet_errors'):
                    status, detail = 'AGREE_XLRD_SHEET_FAIL', 'xlrd: ' + ref['sheet_errors'][0]
                elif not diffs:
                    status, detail = 'AGREE', '%d cells' % ncells
                else:
                    status = 'DIFFER'
                    kinds = collections.Counter(d[1] for d in diffs)
                    detail = '%d of %d cells: %s; e.g. %s' % (
                        len(diffs), ncells, dict(kinds),
                        ' | '.join('%s %s planxl=%s xlrd=%s' % (d[0], d[1], d[2], d[3]) for d in diffs[:args.show]))
        tally[status] += 1
        verdict = verdicts.get(name, '')
        if verdict.startswith('SILENT_FAIL') or 'SILENT_FAIL' in verdict:
            freexl_fail[status] += 1
            if not status.startswith('AGREE') and status not in ('DIFFER', 'XLRD_FAIL'):
                fail_reasons[detail.split(': ', 1)[-1][:90]] += 1
        if status != 'AGREE':
            print('%s\t%s\t%s' % (status, name, detail))
        if report:
            report.write('%s\t%s\t%s\t%s\n' % (name, verdict, status, detail))
    print('\n== %d files, reader %s ==' % (len(files), args.reader))
    for k, v in tally.most_common():
        print('%-18s %d' % (k, v))
    if freexl_fail:
        n = sum(freexl_fail.values())
        read = sum(v for k, v in freexl_fail.items() if k.startswith('AGREE') or k in ('DIFFER', 'XLRD_FAIL'))
        print('\n== the %d files freexl 1.0.6 cannot open (SILENT_FAIL): planxl reads %d ==' % (n, read))
        for k, v in freexl_fail.most_common():
            print('%-18s %d' % (k, v))
        if fail_reasons:
            print('why the rest fail:')
            for k, v in fail_reasons.most_common():
                print('  %3d  %s' % (v, k))
    if report:
        report.close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
