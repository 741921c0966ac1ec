#!/usr/bin/python3
"""Every public function is documented in its header: a /** ... */ block before it with
@brief, an @param for each parameter, @return unless it returns void, and, when it returns
or hands out a pointer, who owns it ("owned by", "free ... with", "static", "valid until",
"lives as long").
    check_docs.py include/planxl/*.h
"""
import re
import sys

DECL = re.compile(r'^PXL_EXTERN\s+(?P<ret>[^(]*?)\b(?P<name>pxl_\w+)\s*\((?P<params>[^)]*)\)\s*;', re.S)
OWNERSHIP = re.compile(r'owned by|\bfree[sd]?\b|\bstatic\b|valid until|lives as long|caller', re.I)

problems = []
count = 0
for path in sys.argv[1:]:
    text = open(path, encoding='utf-8').read()
    # A doc block of its own (not a member's trailing /**< */) right before the declaration.
    for m in re.finditer(r'(^[ \t]*/\*\*(?!<)(?:(?!\*/).)*\*/\s*)?(^PXL_EXTERN[^;]*;)', text, re.S | re.M):
        doc, decl = m.group(1) or '', m.group(2)
        d = DECL.match(decl)
        if not d:
            problems.append(f'{path}: cannot parse: {decl.splitlines()[0]}')
            continue
        count += 1
        name, ret = d.group('name'), d.group('ret').strip()
        params = [p.strip() for p in d.group('params').split(',') if p.strip() and p.strip() != 'void']
        where = f'{path}: {name}()'
        if not doc:
            problems.append(f'{where}: no doc comment')
            continue
        if '@brief' not in doc:
            problems.append(f'{where}: no @brief')
        for p in params:
            pname = re.search(r'(\w+)\s*$', p).group(1)
            if not re.search(r'@param(\[\w+\])?\s+' + re.escape(pname) + r'\b', doc):
                problems.append(f'{where}: no @param {pname}')
        if ret != 'void' and '@return' not in doc:
            problems.append(f'{where}: no @return')
        hands_out = '*' in ret or any('**' in p for p in params)
        if hands_out and not OWNERSHIP.search(doc):
            problems.append(f'{where}: returns or hands out a pointer but says nothing of who owns it')
for p in problems:
    print(p)
print(f'check_docs: {count} public functions, {len(problems)} problems')
sys.exit(1 if problems or count == 0 else 0)
