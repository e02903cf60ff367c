#!/usr/bin/env python3
"""Reference check for eval/qa_holdout10.jsonl (stdlib only).

Recomputes every expected answer of the 120 cases from the gold fact files
(tests/fixtures/gold/*.json) and the five sample texts (data/samples/*.txt), and checks:

* numbers, agencies, lists and booleans are recomputed from cells of state "number" only
  (a blank, absent or unreadable cell is never read as 0); a cell in a row that a gold check
  marks as failing a balance rule is never used;
* `cite` is exactly the set of cells the computation used (bare file names for narrative,
  passage and coverage answers), and every cited cell exists with state "number";
* rankings have no tie at the positions the question asks about;
* narrative figures equal the gold `narrative_numbers` entry (and its table agreement flag);
* passage cases: the section exists in the sample text and mentions the topic;
* refusal cases: the data really has no answer (no report, absent cell, blank cell, failing row,
  or no numeric narrative claim and no template cell);
* the case format of shared/gold/QA.md (kinds, fields, units, tags, ids, 72 zh / 48 en, a note).

Usage: python3 eval/qa_holdout10_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]
Prints one line per case, then a summary line; exit status 1 on any mismatch.
"""
from __future__ import annotations

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

FILES = {
    'A': '000_2133ae744f48d674', 'B': '001_19df74b8cb7281a4', 'C': '002_c42cd15df52a6935',
    'D': '003_acfa5b9243423631', 'E': '004_5206fb2196a31c52',
    'H23': 'hongze-qu-gov-2023', 'H24': 'hongze-qu-gov-2024',
}
ALL = ['A', 'B', 'C', 'D', 'E', 'H23', 'H24']
PROC_REPORTS = ['A', 'B', 'C', 'D', 'E']   # 2019 template: procurement block present
STATS = ['A', 'B', 'C', 'E']               # the four 统计局 reports
Y2020 = ['A', 'B', 'D', 'E']
WITHHELD = ['withheld_secret', 'withheld_law', 'withheld_safety', 'withheld_third_party', 'withheld_internal',
            'withheld_process', 'withheld_enforcement', 'withheld_query']
SECTION_WORDS = {'一': '总体情况', '二': '主动公开', '三': '收到和处理', '四': '行政复议', '五': '问题', '六': '其他需要报告'}
UNITS = ('count', 'yuan', 'percent')
KIND_FIELDS = {
    'number': {'value', 'unit'}, 'agency': {'value'}, 'list': {'values', 'ordered'}, 'boolean': {'value'},
    'passages': {'files', 'sections'}, 'unanswerable': set(),
}


class Mismatch(Exception):
    pass


# --------------------------------------------------------------------------- data

class Data:
    def __init__(self, gold_dir: str, samples_dir: str):
        self.gold, self.cite_name, self.text, self.failing = {}, {}, {}, {}
        for code, stem in FILES.items():
            with open(os.path.join(gold_dir, stem + '.json'), encoding='utf-8') as f:
                g = json.load(f)
            self.gold[code] = g
            self.cite_name[code] = os.path.basename(g['file'])
            path = os.path.join(samples_dir, stem + '.txt')
            if os.path.exists(path):
                with open(path, encoding='utf-8') as f:
                    self.text[code] = f.read()
            self.failing[code] = self._failing_rows(g)
        self.by_cite = {v: k for k, v in self.cite_name.items()}

    @staticmethod
    def _failing_rows(g) -> dict:
        """{(table, row): rule} for every row a gold check marks as failing."""
        rows = {(k.split('.')[0], k.split('.')[1]) for k in g['facts']}
        out = {}
        for rule, verdict in (g.get('checks') or {}).items():
            if not str(verdict).lower().startswith('fail'):
                continue
            body = str(verdict).split(':', 1)[1]
            for part in body.split(';'):
                name = part.strip().split(':', 1)[0].strip()
                hits = [(t, r) for (t, r) in rows if r == name]
                if not hits:
                    raise Mismatch('cannot place failing row %r of %s in %s' % (name, rule, g['file']))
                for h in hits:
                    out[h] = rule
        return out

    def cell(self, code, key, used):
        facts = self.gold[code]['facts']
        if key not in facts:
            raise Mismatch('%s has no cell %s' % (code, key))
        fact = facts[key]
        if fact['state'] != 'number':
            raise Mismatch('%s %s has state %s (only number cells may be used)' % (code, key, fact['state']))
        table, row, _ = key.split('.')
        if (table, row) in self.failing[code]:
            raise Mismatch('%s %s lies in a row failing %s' % (code, key, self.failing[code][(table, row)]))
        used.add('%s#%s' % (self.cite_name[code], key))
        return fact['value']

    def sections(self, code) -> dict:
        """{section numeral: text} of a sample report, by its six headings."""
        lines = self.text[code].splitlines()
        found = []
        order = list(SECTION_WORDS)
        nxt = 0
        for i, line in enumerate(lines):
            if nxt >= len(order):
                break
            s = line.strip().lstrip('#').strip().strip('*').strip()
            num = order[nxt]
            if s.startswith(num + '、') and SECTION_WORDS[num] in s[:40]:
                found.append((num, i))
                nxt += 1
        out = {}
        for j, (num, start) in enumerate(found):
            end = found[j + 1][1] if j + 1 < len(found) else len(lines)
            out[num] = '\n'.join(lines[start:end])
        return out

    def narrative(self, code, snippet):
        hits = [n for n in self.gold[code]['narrative_numbers'] if snippet in n['text']]
        if len(hits) != 1:
            raise Mismatch('%d narrative entries of %s contain %r' % (len(hits), code, snippet))
        return hits[0]


# --------------------------------------------------------------------------- expressions

def C(code, key):
    return ('c', code, key)


def cells(codes, key):
    return [C(k, key) for k in codes]


def ev(D, e, used):
    op = e[0]
    if op == 'c':
        return D.cell(e[1], e[2], used)
    if op == 'k':
        return e[1]
    if op == 'sum':
        return sum(ev(D, x, used) for x in e[1])
    if op == 'avg':
        vals = [ev(D, x, used) for x in e[1]]
        return sum(vals) / len(vals)
    if op == 'sub':
        return ev(D, e[1], used) - ev(D, e[2], used)
    if op == 'div':
        return ev(D, e[1], used) / ev(D, e[2], used)
    if op == 'pct':
        return ev(D, e[1], used) / ev(D, e[2], used) * 100
    if op == 'growth':
        new, old = ev(D, e[1], used), ev(D, e[2], used)
        return (new - old) / old * 100
    if op in ('gt', 'lt', 'ge'):
        a, b = ev(D, e[1], used), ev(D, e[2], used)
        return {'gt': a > b, 'lt': a < b, 'ge': a >= b}[op]
    raise Mismatch('unknown expression %r' % (op,))


PRED = {'gt': lambda v, t: v > t, 'ge': lambda v, t: v >= t, 'eq': lambda v, t: v == t}


def ranked(D, items, used, desc=True):
    """[(agency, value)] sorted; items = [(code, expr)]."""
    vals = [(D.gold[code]['agency'], ev(D, e, used)) for code, e in items]
    return sorted(vals, key=lambda t: t[1], reverse=desc)


def untied(vals, k):
    """Positions 1..k must be strictly ordered and position k strictly ahead of k+1."""
    for i in range(min(k, len(vals) - 1)):
        if vals[i][1] == vals[i + 1][1]:
            raise Mismatch('tie at ranking positions %d/%d: %r' % (i + 1, i + 2, vals[i:i + 2]))


# --------------------------------------------------------------------------- the 120 specs

def per_project(code):
    return ('div', C(code, 'active.procurement.amount'), C(code, 'active.procurement.projects'))


SPEC = {
    # lookup_active
    'h10-001': ('num', C('B', 'active.penalty.change')),
    'h10-002': ('num', C('E', 'active.other_services.prev_items')),
    'h10-003': ('num', C('H23', 'active.normative.repealed')),
    'h10-004': ('num', C('H24', 'active.normative.in_force')),
    'h10-005': ('num', C('H23', 'active.fees.amount')),
    'h10-006': ('num', C('C', 'active.rules.public_total')),
    'h10-007': ('num', C('A', 'active.penalty.prev_items')),
    'h10-008': ('num', C('D', 'active.procurement.projects')),
    'h10-009': ('num', C('E', 'active.procurement.amount')),
    'h10-010': ('num', C('H24', 'active.coercion.decisions')),
    'h10-011': ('num', C('A', 'active.fees.change')),
    # lookup_requests
    'h10-012': ('num', C('H24', 'requests.granted.total')),
    'h10-013': ('num', C('H24', 'requests.partial.total')),
    'h10-014': ('num', C('H23', 'requests.unavailable_not_held.total')),
    'h10-015': ('num', C('H23', 'requests.unavailable_needs_creation.total')),
    'h10-016': ('num', C('H24', 'requests.withheld_safety.total')),
    'h10-017': ('num', C('D', 'requests.withheld_third_party.total')),
    'h10-018': ('num', C('C', 'requests.new.person')),
    'h10-019': ('num', C('B', 'requests.partial.total')),
    'h10-020': ('num', C('H24', 'requests.new.business')),
    'h10-021': ('num', C('E', 'requests.new.total')),
    # lookup_review
    'h10-022': ('num', C('H24', 'review.reconsideration.upheld')),
    'h10-023': ('num', C('H24', 'review.lawsuit_direct.total')),
    'h10-024': ('num', C('H24', 'review.lawsuit_after_review.total')),
    'h10-025': ('num', C('H24', 'review.lawsuit_after_review.other')),
    'h10-026': ('num', C('C', 'review.lawsuit_direct.pending')),
    'h10-027': ('num', C('B', 'review.reconsideration.total')),
    'h10-028': ('num', C('H23', 'review.lawsuit_direct.total')),
    # compare
    'h10-029': ('num', ('sub', C('B', 'active.penalty.decisions'), C('C', 'active.penalty.decisions'))),
    'h10-030': ('top', 'max', [('D', C('D', 'requests.new.total')), ('C', C('C', 'requests.new.total'))]),
    'h10-031': ('top', 'max', [('A', C('A', 'active.procurement.amount')), ('D', C('D', 'active.procurement.amount'))]),
    'h10-032': ('num', ('sub', C('H24', 'requests.new.total'), C('H23', 'requests.new.total'))),
    'h10-033': ('num', ('sub', C('H23', 'active.coercion.decisions'), C('H24', 'active.coercion.decisions'))),
    'h10-034': ('num', ('sub', C('H24', 'active.licensing.decisions'), C('H23', 'active.licensing.decisions'))),
    'h10-035': ('num', ('sub', C('H23', 'active.fees.amount'), C('H24', 'active.fees.amount'))),
    'h10-036': ('num', ('sub', C('B', 'active.procurement.projects'), C('E', 'active.procurement.projects'))),
    'h10-037': ('yoy_up', 'requests.new.total'),
    # aggregate
    'h10-038': ('num', ('sum', cells(['A', 'D'], 'requests.new.total')), {'province': '福建省', 'year': 2020}),
    'h10-039': ('num', ('sum', cells(PROC_REPORTS, 'active.procurement.amount'))),
    'h10-040': ('num', ('sum', cells(PROC_REPORTS, 'active.procurement.projects')), {'template': '2019'}),
    'h10-041': ('num', ('sum', cells(['H23', 'H24'], 'active.penalty.decisions'))),
    'h10-042': ('num', ('avg', cells(STATS, 'active.penalty.decisions')), {'agency_suffix': '统计局'}),
    'h10-043': ('num', ('sum', cells(['B', 'C'], 'active.procurement.amount')), {'province': '浙江省', 'agency_suffix': '统计局'}),
    'h10-044': ('num', ('sum', cells(['H23', 'H24'], 'active.fees.amount'))),
    'h10-045': ('num', ('sum', cells(ALL, 'requests.new.total'))),
    'h10-046': ('num', ('avg', cells(['A', 'B', 'E'], 'active.procurement.amount')), {'year': 2020, 'agency_suffix': '统计局'}),
    'h10-047': ('num', ('sum', [C('H24', 'requests.%s.total' % r) for r in WITHHELD])),
    # ratio (percent, 2 decimals)
    'h10-048': ('num', ('pct', C('H24', 'requests.granted.total'), C('H24', 'requests.handled.total'))),
    'h10-049': ('num', ('pct', C('H24', 'requests.unavailable_not_held.total'), C('H24', 'requests.handled.total'))),
    'h10-050': ('num', ('pct', ('sum', [C('H23', 'requests.unavailable_not_held.total'),
                                        C('H23', 'requests.unavailable_needs_creation.total'),
                                        C('H23', 'requests.unavailable_unclear.total')]),
                        C('H23', 'requests.handled.total'))),
    'h10-051': ('num', ('growth', C('H24', 'requests.new.total'), C('H23', 'requests.new.total'))),
    'h10-052': ('num', ('growth', C('H24', 'active.penalty.decisions'), C('H23', 'active.penalty.decisions'))),
    'h10-053': ('num', ('pct', C('C', 'active.procurement.amount'), ('sum', cells(PROC_REPORTS, 'active.procurement.amount')))),
    'h10-054': ('num', ('pct', C('D', 'requests.granted.total'), C('D', 'requests.handled.total'))),
    'h10-055': ('num', ('growth', C('H24', 'active.fees.amount'), C('H23', 'active.fees.amount'))),
    # ranking
    'h10-056': ('top', 'max', [(k, C(k, 'active.procurement.amount')) for k in PROC_REPORTS]),
    'h10-057': ('top', 'min', [(k, C(k, 'active.procurement.amount')) for k in PROC_REPORTS]),
    'h10-058': ('order', 'max', 3, [(k, C(k, 'active.procurement.projects')) for k in PROC_REPORTS]),
    'h10-059': ('top', 'max', [(k, C(k, 'active.penalty.decisions')) for k in Y2020], {'year': 2020}),
    'h10-060': ('top', 'max', [(k, per_project(k)) for k in PROC_REPORTS]),
    'h10-061': ('order', 'max', 2, [(k, C(k, 'requests.new.total')) for k in PROC_REPORTS], {'year_in': [2019, 2020]}),
    'h10-062': ('order', 'max', 3, [(k, C(k, 'active.penalty.prev_items')) for k in PROC_REPORTS]),
    'h10-063': ('top', 'min', [(k, per_project(k)) for k in STATS], {'agency_suffix': '统计局'}),
    # filter_count
    'h10-064': ('count', ('gt', 100000), [(k, C(k, 'active.procurement.amount')) for k in PROC_REPORTS]),
    'h10-065': ('count', ('eq', 0), [(k, C(k, 'requests.new.total')) for k in ALL]),
    'h10-066': ('filter', ('gt', 0), [(k, C(k, 'requests.granted.total')) for k in ALL]),
    'h10-067': ('filter', ('gt', 0), [(k, C(k, 'active.penalty.decisions')) for k in STATS], {'agency_suffix': '统计局'}),
    'h10-068': ('count', ('ge', 10), [(k, C(k, 'active.penalty.prev_items')) for k in STATS], {'agency_suffix': '统计局'}),
    'h10-069': ('count', ('ge', 1), [(k, C(k, 'requests.new.total')) for k in Y2020], {'year': 2020}),
    'h10-070': ('count', ('gt', 30000), [(k, per_project(k)) for k in PROC_REPORTS]),
    # yes_no
    'h10-071': ('bool', ('gt', C('H24', 'active.penalty.decisions'), C('H23', 'active.penalty.decisions'))),
    'h10-072': ('bool', ('gt', C('E', 'requests.new.total'), ('k', 0))),
    'h10-073': ('bool', ('gt', C('D', 'active.procurement.amount'), ('k', 100000))),
    'h10-074': ('bool', ('gt', C('B', 'active.penalty.decisions'), C('C', 'active.penalty.decisions'))),
    'h10-075': ('bool', ('gt', ('sum', [C('C', 'review.lawsuit_direct.total'), C('C', 'review.lawsuit_after_review.total')]), ('k', 0))),
    'h10-076': ('bool', ('lt', C('H24', 'active.fees.amount'), C('H23', 'active.fees.amount'))),
    'h10-077': ('bool', ('gt', C('B', 'requests.carried_out.total'), ('k', 0))),
    'h10-078': ('bool', ('gt', C('H24', 'active.licensing.decisions'), ('k', 9000))),
    # followup
    'h10-079': ('num', C('B', 'active.penalty.prev_items')),
    'h10-080': ('num', C('H24', 'requests.new.total')),
    'h10-081': ('num', C('C', 'active.procurement.projects'),
                {'turn_top': ('max', [(k, C(k, 'active.procurement.amount')) for k in PROC_REPORTS], 'C')}),
    'h10-082': ('num', C('D', 'requests.granted.total')),
    'h10-083': ('num', C('H24', 'active.penalty.decisions')),
    'h10-084': ('num', per_project('A')),
    'h10-085': ('num', ('sub', C('C', 'active.procurement.amount'), C('B', 'active.procurement.amount'))),
    'h10-086': ('num', C('H24', 'review.reconsideration.corrected')),
    'h10-087': ('num', C('B', 'active.procurement.projects'),
                {'turn_top': ('max', [(k, C(k, 'active.penalty.decisions')) for k in STATS], 'B')}),
    'h10-088': ('refuse', 'absent', 'H24', 'active.procurement.amount'),
    # narrative
    'h10-089': ('narr', 'C', '全年累计发布政府信息1459条'),
    'h10-090': ('narr', 'C', '官方微博主动公开912条'),
    'h10-091': ('narr', 'C', '罚款总额达到2.4万'),
    'h10-092': ('narr', 'A', '本年度共发布各类信息 142 条'),
    'h10-093': ('narr', 'D', '全年主动公开政府信息7条'),
    'h10-094': ('narr', 'H23', '主动公开政府信息1136条'),
    'h10-095': ('narr', 'H24', '公开政府常务会议7期'),
    'h10-096': ('narr', 'H24', '受理政府信息公开申请17件'),
    'h10-097': ('narr_agree', 'H24', '受理政府信息公开申请17件'),
    # passage
    'h10-098': ('passage', {'D': ['依申请公开']}, ['五']),
    'h10-099': ('passage', {'B': ['加强学习', '创新工作']}, ['五']),
    'h10-100': ('passage', {'C': ['普法宣传']}, ['二']),
    'h10-101': ('passage', {'E': ['四个结合']}, ['一']),
    'h10-102': ('passage', {'A': ['个人信息保护', '疫情']}, ['一']),
    'h10-103': ('passage', {'A': ['培训'], 'C': ['培训'], 'D': ['培训']}, ['一', '五'], {'absent_from': ['B', 'E']}),
    'h10-104': ('passage', {'C': ['保密审查']}, ['一']),
    'h10-105': ('passage', {'C': ['时效性']}, ['五']),
    'h10-106': ('mentions', '统计开放日', STATS),
    # coverage
    'h10-107': ('meta_list', '*', '*'),
    'h10-108': ('meta_count', 'template', '2021'),
    'h10-109': ('meta_list', 'template', '2019'),
    'h10-110': ('meta_list', 'province', '福建省'),
    # refusal
    'h10-111': ('refuse', 'absent', 'H24', 'active.procurement.amount'),
    'h10-112': ('refuse', 'no_report', 'city', '南京市', None),
    'h10-113': ('refuse', 'no_report', 'county', '鄞州区', 2020),
    'h10-114': ('refuse', 'failing', 'H23', 'review.reconsideration.total'),
    'h10-115': ('refuse', 'failing', 'H23', 'review.lawsuit_after_review.total'),
    'h10-116': ('refuse', 'blank', 'D', 'requests.carried_out.total'),
    'h10-117': ('refuse', 'no_claim', 'B'),
    'h10-118': ('refuse', 'no_report', 'county', '洪泽区', 2022),
    'h10-119': ('refuse', 'absent', 'H23', 'active.licensing.prev_items'),
    'h10-120': ('refuse', 'blank', 'A', 'requests.unavailable_not_held.total'),
}


# --------------------------------------------------------------------------- checks

def group_ok(D, codes, flt):
    """The codes of a group question are exactly the reports matching the filter."""
    if not flt:
        return
    def match(code):
        g = D.gold[code]
        if 'province' in flt and g['province'] != flt['province']:
            return False
        if 'year' in flt and g['year'] != flt['year']:
            return False
        if 'year_in' in flt and g['year'] not in flt['year_in']:
            return False
        if 'template' in flt and g['template'] != flt['template']:
            return False
        if 'agency_suffix' in flt and not g['agency'].endswith(flt['agency_suffix']):
            return False
        return True
    want = sorted(k for k in ALL if match(k))
    if sorted(codes) != want:
        raise Mismatch('group %r is %s, the spec uses %s' % (flt, want, sorted(codes)))


def codes_of(expr, out):
    if isinstance(expr, tuple):
        if expr and expr[0] == 'c':
            out.add(expr[1])
        else:
            for x in expr[1:]:
                if isinstance(x, list):
                    for y in x:
                        codes_of(y, out)
                else:
                    codes_of(x, out)
    return out


def compute(D, case, spec):
    """(expected dict without note, set of cites)."""
    used = set()
    op = spec[0]
    if op == 'num':
        v = ev(D, spec[1], used)
        if len(spec) > 2:
            opts = spec[2]
            flt = {k: x for k, x in opts.items() if k != 'turn_top'}
            group_ok(D, codes_of(spec[1], set()), flt)
            if 'turn_top' in opts:
                mode, items, want = opts['turn_top']
                vals = ranked(D, items, set(), desc=(mode == 'max'))
                untied(vals, 1)
                if vals[0][0] != D.gold[want]['agency']:
                    raise Mismatch('the earlier turn resolves to %s, not %s' % (vals[0][0], want))
        if spec[1][0] in ('pct', 'growth'):
            unit = 'percent'
        elif any(k.endswith(('procurement.amount', 'fees.amount')) for k in used):
            unit = 'yuan'
        else:
            unit = 'count'
        return {'kind': 'number', 'value': v, 'unit': unit}, used
    if op in ('top', 'order'):
        if op == 'top':
            _, mode, items = spec[:3]
            k = 1
        else:
            _, mode, k, items = spec[:4]
        extra = spec[3] if op == 'top' and len(spec) > 3 else (spec[4] if op == 'order' and len(spec) > 4 else None)
        group_ok(D, [c for c, _ in items], extra)
        vals = ranked(D, items, used, desc=(mode == 'max'))
        untied(vals, k)
        if op == 'top':
            return {'kind': 'agency', 'value': vals[0][0]}, used
        return {'kind': 'list', 'values': [a for a, _ in vals[:k]], 'ordered': True}, used
    if op in ('count', 'filter'):
        _, (pname, t), items = spec[:3]
        if len(spec) > 3:
            group_ok(D, [c for c, _ in items], spec[3])
        hits = []
        for code, e in items:
            if PRED[pname](ev(D, e, used), t):
                hits.append(D.gold[code]['agency'])
        if op == 'count':
            return {'kind': 'number', 'value': len(hits), 'unit': 'count'}, used
        uniq = []
        for a in hits:
            if a not in uniq:
                uniq.append(a)
        return {'kind': 'list', 'values': uniq, 'ordered': False}, used
    if op == 'bool':
        return {'kind': 'boolean', 'value': bool(ev(D, spec[1], used))}, used
    if op == 'yoy_up':
        key = spec[1]
        by_agency = {}
        for code in ALL:
            by_agency.setdefault(D.gold[code]['agency'], []).append(code)
        winners = []
        for agency, codes in by_agency.items():
            codes.sort(key=lambda c: D.gold[c]['year'])
            for a, b in zip(codes, codes[1:]):
                if D.gold[b]['year'] == D.gold[a]['year'] + 1 and D.cell(b, key, used) > D.cell(a, key, used):
                    winners.append(agency)
        if len(winners) != 1:
            raise Mismatch('year-on-year increase for %d agencies: %r' % (len(winners), winners))
        return {'kind': 'agency', 'value': winners[0]}, used
    if op == 'narr':
        n = D.narrative(spec[1], spec[2])
        unit = {'yuan': 'yuan', '%': 'percent'}.get(n.get('unit'), 'count')
        return {'kind': 'number', 'value': n['value'], 'unit': unit}, {D.cite_name[spec[1]]}
    if op == 'narr_agree':
        code = spec[1]
        n = D.narrative(code, spec[2])
        agrees = n.get('agrees_with_table', n.get('agrees'))
        keys = n.get('cells') or ([n['cell']] if n.get('cell') else [])
        if agrees is None or not keys:
            raise Mismatch('narrative %r has no table comparison in the gold' % spec[2])
        used.add(D.cite_name[code])
        total = sum(D.cell(code, k, used) for k in keys)
        if total != n.get('table_value'):
            raise Mismatch('table value %s differs from gold table_value %s' % (total, n.get('table_value')))
        if (n['value'] == total) != bool(agrees):
            raise Mismatch('gold agreement flag inconsistent with values')
        return {'kind': 'boolean', 'value': bool(agrees)}, used
    if op == 'passage':
        want, sections = spec[1], spec[2]
        for code, words in want.items():
            secs = D.sections(code)
            for s in sections:
                if s not in secs:
                    raise Mismatch('%s has no section %s' % (code, s))
            if not any(s in secs and all(w in secs[s] for w in words) for s in sections):
                raise Mismatch('%s: no section %s mentions %s' % (code, '/'.join(sections), words))
        if len(spec) > 3:
            words = [w for ws in want.values() for w in ws]
            for code in spec[3].get('absent_from', []):
                if any(w in D.text[code] for w in words):
                    raise Mismatch('%s also mentions the topic; the file list is incomplete' % code)
        files = [D.cite_name[c] for c in want]
        return {'kind': 'passages', 'files': files, 'sections': list(sections)}, set(files)
    if op == 'mentions':
        term, group = spec[1], spec[2]
        codes = [c for c in group if term in D.text[c]]
        return ({'kind': 'list', 'values': [D.gold[c]['agency'] for c in codes], 'ordered': False},
                {D.cite_name[c] for c in codes})
    if op in ('meta_count', 'meta_list'):
        field, value = spec[1], spec[2]
        codes = [c for c in ALL if field == '*' or str(D.gold[c].get(field)) == value]
        cites = {D.cite_name[c] for c in codes}
        if op == 'meta_count':
            return {'kind': 'number', 'value': len(codes), 'unit': 'count'}, cites
        names = []
        for c in codes:
            if D.gold[c]['agency'] not in names:
                names.append(D.gold[c]['agency'])
        return {'kind': 'list', 'values': names, 'ordered': False}, cites
    if op == 'refuse':
        why = spec[1]
        if why == 'absent':
            code, key = spec[2], spec[3]
            fact = D.gold[code]['facts'].get(key)
            if fact is not None and fact['state'] != 'absent':
                raise Mismatch('%s %s exists with state %s' % (code, key, fact['state']))
            if D.gold[code]['template'] != '2021':
                raise Mismatch('%s is not a 2021-template report' % code)
        elif why == 'no_report':
            field, value, year = spec[2], spec[3], spec[4]
            hits = [c for c in ALL if D.gold[c].get(field) == value and (year is None or D.gold[c]['year'] == year)]
            if hits:
                raise Mismatch('reports %s match %s=%s year=%s' % (hits, field, value, year))
        elif why == 'blank':
            code, key = spec[2], spec[3]
            if D.gold[code]['facts'][key]['state'] != 'blank':
                raise Mismatch('%s %s is %s, not blank' % (code, key, D.gold[code]['facts'][key]['state']))
        elif why == 'failing':
            code, key = spec[2], spec[3]
            table, row, _ = key.split('.')
            if key not in D.gold[code]['facts']:
                raise Mismatch('%s has no cell %s' % (code, key))
            if (table, row) not in D.failing[code]:
                raise Mismatch('%s row %s.%s passes every gold check' % (code, table, row))
        elif why == 'no_claim':
            code = spec[2]
            if D.gold[code]['narrative_numbers']:
                raise Mismatch('%s has numeric narrative claims' % code)
        else:
            raise Mismatch('unknown refusal reason %r' % why)
        return {'kind': 'unanswerable'}, set()
    raise Mismatch('unknown spec %r' % (op,))


def same_number(got, want):
    """The reference value rounded to 2 decimals equals the expected value."""
    return abs(round(got, 2) - want) < 1e-6


def check_format(case, errors):
    allowed = {'id', 'question', 'turns', 'expect', 'cite', 'tags'}
    if set(case) - allowed:
        errors.append('unknown fields %s' % sorted(set(case) - allowed))
    for f in ('id', 'question', 'expect', 'cite', 'tags'):
        if f not in case:
            errors.append('missing %s' % f)
    e = case.get('expect', {})
    kind = e.get('kind')
    if kind not in KIND_FIELDS:
        errors.append('unknown kind %r' % kind)
        return
    missing = KIND_FIELDS[kind] - set(e)
    if missing:
        errors.append('expect lacks %s' % sorted(missing))
    if not str(e.get('note', '')).strip():
        errors.append('expect has no note')
    if kind == 'number' and e.get('unit') not in UNITS:
        errors.append('bad unit %r' % e.get('unit'))
    if kind == 'number' and e.get('unit') == 'percent' and not ('percent' in e['note'] and '2 decimals' in e['note']):
        errors.append('a percent note must say it is in percent rounded to 2 decimals')
    if kind in ('boolean',) and not isinstance(e.get('value'), bool):
        errors.append('boolean value is not true/false')
    if kind == 'list' and not isinstance(e.get('ordered'), bool):
        errors.append('list.ordered is not a boolean')
    if kind == 'passages' and not set(e.get('sections', [])) <= set(SECTION_WORDS):
        errors.append('bad section names')
    tags = case.get('tags', [])
    if len(tags) < 2 or tags[1] not in ('zh', 'en'):
        errors.append('tags must be [category, zh|en]')
    q = case.get('question', '')
    if 'turns' in case and (not isinstance(case['turns'], list) or not case['turns']):
        errors.append('turns must be a non-empty list')
    if len(tags) >= 2:
        cjk = re.search(r'[\u4e00-\u9fff]', q)
        words = re.findall(r'[A-Za-z]{2,}', q)
        if tags[1] == 'zh' and (not cjk or len(words) > 2):
            errors.append('tagged zh but not a Chinese question')
        if tags[1] == 'en' and len(words) < 3:
            errors.append('tagged en but not an English question')
    for c in case.get('cite', []):
        if not re.match(r'^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$', c):
            errors.append('bad cite %r' % c)


def check_case(D, case):
    errors = []
    check_format(case, errors)
    spec = SPEC.get(case.get('id'))
    if spec is None:
        return ['no reference spec for this id']
    try:
        want, cites = compute(D, case, spec)
    except Mismatch as m:
        return errors + [str(m)]
    except (KeyError, ZeroDivisionError, TypeError) as m:
        return errors + ['cannot compute: %r' % (m,)]
    e = case['expect']
    if e.get('kind') != want['kind']:
        errors.append('kind %s, reference %s' % (e.get('kind'), want['kind']))
    elif want['kind'] == 'number':
        if not isinstance(e.get('value'), (int, float)) or not same_number(want['value'], e['value']):
            errors.append('value %s, reference %s' % (e.get('value'), round(want['value'], 2)))
        if e.get('unit') != want['unit']:
            errors.append('unit %s, reference %s' % (e.get('unit'), want['unit']))
    elif want['kind'] == 'agency':
        if e.get('value') != want['value']:
            errors.append('agency %s, reference %s' % (e.get('value'), want['value']))
    elif want['kind'] == 'list':
        if e.get('ordered') != want['ordered']:
            errors.append('ordered %s, reference %s' % (e.get('ordered'), want['ordered']))
        got = e.get('values', [])
        if want['ordered']:
            ok = list(got) == list(want['values'])
        else:
            ok = sorted(map(str, got)) == sorted(map(str, want['values'])) and len(got) == len(want['values'])
        if not ok:
            errors.append('values %s, reference %s' % (got, want['values']))
    elif want['kind'] == 'boolean':
        if e.get('value') is not want['value']:
            errors.append('boolean %s, reference %s' % (e.get('value'), want['value']))
    elif want['kind'] == 'passages':
        if sorted(e.get('files', [])) != sorted(want['files']):
            errors.append('files %s, reference %s' % (e.get('files'), want['files']))
        if sorted(e.get('sections', [])) != sorted(want['sections']):
            errors.append('sections %s, reference %s' % (e.get('sections'), want['sections']))
    cite = case.get('cite', [])
    if len(cite) != len(set(cite)):
        errors.append('duplicate cites')
    if set(cite) != set(cites):
        extra, lack = sorted(set(cite) - set(cites)), sorted(set(cites) - set(cite))
        errors.append('cite differs from the cells used: extra %s, missing %s' % (extra, lack))
    for c in cite:  # every cited cell exists with state number
        if '#' in c:
            fn, key = c.split('#')
            code = D.by_cite.get(fn)
            if code is None:
                errors.append('cite %s names an unknown file' % c)
            else:
                fact = D.gold[code]['facts'].get(key)
                if fact is None or fact['state'] != 'number':
                    errors.append('cited cell %s is %s' % (c, 'missing' if fact is None else fact['state']))
        elif c not in D.by_cite:
            errors.append('cite %s names an unknown file' % c)
    # the note names every cited report and cell
    note = str(e.get('note', ''))
    for c in cite:
        fn, _, key = c.partition('#')
        if fn not in note or (key and key not in note and key.split('.', 1)[1] not in note):
            errors.append('note does not name %s' % c)
            break
    return errors


def main(argv):
    args = list(argv[1:])
    gold = os.path.join(ROOT, 'tests', 'fixtures', 'gold')
    samples = os.path.join(ROOT, 'data', 'samples')
    path = os.path.join(HERE, 'qa_holdout10.jsonl')
    while args:
        a = args.pop(0)
        if a == '--gold':
            gold = args.pop(0)
        elif a == '--samples':
            samples = args.pop(0)
        else:
            path = a
    D = Data(gold, samples)
    cases, bad, problems = [], 0, []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as ex:
                problems.append('line %d: not JSON (%s)' % (n, ex.msg))
    ids = [c.get('id') for c in cases]
    want_ids = ['h10-%03d' % i for i in range(1, 121)]
    if ids != want_ids:
        problems.append('ids are not h10-001 .. h10-120 in order')
    langs = [c.get('tags', [None, None])[1] if len(c.get('tags', [])) > 1 else None for c in cases]
    if langs.count('zh') != 72 or langs.count('en') != 48:
        problems.append('languages: %d zh / %d en (want 72 / 48)' % (langs.count('zh'), langs.count('en')))
    if set(SPEC) != set(want_ids):
        problems.append('reference specs do not cover exactly the 120 ids')
    for case in cases:
        errs = check_case(D, case)
        if errs:
            bad += 1
            print('FAIL %s [%s] %s' % (case.get('id'), '/'.join(case.get('tags', [])), '; '.join(errs)))
        else:
            e = case['expect']
            shown = e.get('value', e.get('values', e.get('files', '')))
            print('ok   %s [%s] %s %s' % (case['id'], '/'.join(case['tags']), e['kind'], json.dumps(shown, ensure_ascii=False)))
    for p in problems:
        print('FAIL file: %s' % p)
    ok = len(cases) - bad
    cats = {}
    for c in cases:
        t = c.get('tags', ['?', '?'])
        cats.setdefault(t[0], [0, 0])[0 if t[1] == 'zh' else 1] += 1
    print('summary: %d/%d cases match the gold; %d mismatches; %d file-level problems; %d zh / %d en; categories: %s'
          % (ok, len(cases), bad, len(problems), langs.count('zh'), langs.count('en'),
             ', '.join('%s %d/%d' % (k, v[0], v[1]) for k, v in cats.items())))
    return 1 if bad or problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
