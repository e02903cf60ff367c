#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout52.jsonl (stdlib only).

Every expected answer of the 120 cases is recomputed here from the hand-checked gold cells in
tests/fixtures/gold/*.json (and, for passage cases, from the section text of data/samples/*.txt),
together with the cite list and the `guessed_unit` / `mixed_years` tags. The balance rules R1-R4
of shared/DOMAIN.md are recomputed from the gold; a case that uses a cell of a failing group is
an error unless the case is about the failure itself.

Usage:  python3 eval/qa_holdout52_reference.py      -> prints each mismatch and "SUMMARY n/120";
                                                        exit 0 only at 120/120.
`check(cases)` returns (n_ok, problems) for a list of case dicts, so mutations can be tested in memory.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = Path(__file__).resolve().parent / "qa_holdout52.jsonl"

KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPLICANTS = COLS[:-1]
OUTCOMES = (["granted", "partial"]
            + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process",
                                         "enforcement", "query")]
            + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
            + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
            + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REQ_ROWS = ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]
REVIEW_ROWS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


# ----------------------------------------------------------------------------- gold
def load_gold():
    G = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        alias = p.stem
        if alias.startswith("hongze"):
            d["cite_file"] = alias + ".pdf"          # hongze-qu-gov-2023.pdf
        else:
            d["cite_file"] = d["file"]                # 000_....txt
        if not d.get("agency_kind"):
            # the agency kind comes from the name (人民政府 / 办公厅 -> government)
            name = d["agency"]
            if "人民政府" in name or "办公厅" in name:
                d["agency_kind"] = "government"
            elif "街道" in name or "乡" in name or "镇" in name:
                d["agency_kind"] = "street_office"
            else:
                d["agency_kind"] = "department"
        G[alias] = d
    return G


G = load_gold()
# short aliases, resolved from the gold by content (not by hand-typed values)
def _by_prefix(prefix):
    hits = [a for a in G if a.startswith(prefix)]
    assert len(hits) == 1, prefix
    return hits[0]


F0, F1, F2, F3, F4 = (_by_prefix(p) for p in ("000_", "001_", "002_", "003_", "004_"))
H3, H4 = _by_prefix("hongze-qu-gov-2023"), _by_prefix("hongze-qu-gov-2024")
ALL = [F0, F1, F2, F3, F4, H3, H4]


def cell(a, key):
    return G[a]["facts"].get(key)


def num(a, key):
    c = cell(a, key)
    if c is None or c["state"] != "number":
        return None
    return c["value"]


# ----------------------------------------------------------------------------- R1-R4
def balance_findings():
    """[(alias, rule, cells, ok)] for every checkable equation of R1-R4."""
    out = []
    for a in ALL:
        f = G[a]["facts"]

        def st(k):
            c = f.get(k)
            return c["state"] if c else "missing"
        # R1 per column
        for col in COLS:
            ks = ["requests.%s.%s" % (r, col) for r in ("new", "carried_in", "handled", "carried_out")]
            if all(st(k) == "number" for k in ks):
                v = [f[k]["value"] for k in ks]
                out.append((a, "R1", ks, abs(v[0] + v[1] - v[2] - v[3]) < 1e-9))
        # R2 per column
        for col in COLS:
            hk = "requests.handled.%s" % col
            ks = ["requests.%s.%s" % (r, col) for r in OUTCOMES]
            present = [k for k in ks if st(k) not in ("missing", "absent")]
            if st(hk) != "number" or any(st(k) != "number" for k in present):
                continue
            s = sum(f[k]["value"] for k in present)
            out.append((a, "R2", present + [hk], abs(s - f[hk]["value"]) < 1e-9))
        # R3 per row
        for r in REQ_ROWS:
            ks = ["requests.%s.%s" % (r, c) for c in COLS]
            if all(st(k) == "number" for k in ks):
                s = sum(f[k]["value"] for k in ks[:-1])
                out.append((a, "R3", ks, abs(s - f[ks[-1]]["value"]) < 1e-9))
        # R4 per review group
        for r in REVIEW_ROWS:
            ks = ["review.%s.%s" % (r, c) for c in REVIEW_COLS]
            if all(st(k) == "number" for k in ks):
                s = sum(f[k]["value"] for k in ks[:-1])
                out.append((a, "R4", ks, abs(s - f[ks[-1]]["value"]) < 1e-9))
    return out


FINDINGS = balance_findings()
FAILING = {(a, k) for a, rule, ks, ok in FINDINGS if not ok for k in ks}


# ----------------------------------------------------------------------------- sections
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
                 "五": "存在的主要问题", "六": "其他需要报告"}
HEAD_RE = re.compile(r"^[\s#*]*([一二三四五六])、\s*(.*)$")


def sections(a):
    """{section numeral: text} of a sample report, headings matched by numeral + meaning."""
    lines = (SAMPLES / G[a]["file"]).read_text(encoding="utf-8").splitlines()
    marks = []
    for i, line in enumerate(lines):
        m = HEAD_RE.match(line)
        if m and SECTION_WORDS[m.group(1)] in m.group(2).replace(" ", ""):
            marks.append((i, m.group(1)))
    out = {}
    for j, (i, sec) in enumerate(marks):
        end = marks[j + 1][0] if j + 1 < len(marks) else len(lines)
        out[sec] = "\n".join(lines[i:end])
    return out


def full_text(a):
    return (SAMPLES / G[a]["file"]).read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- spec context
class Bad(Exception):
    pass


class Ctx:
    def __init__(self, allow_fail=False):
        self.cites = []
        self.cells = []
        self.allow_fail = allow_fail

    def v(self, a, key):
        c = cell(a, key)
        if c is None or c["state"] != "number":
            raise Bad("%s#%s is not a number cell (%s)" % (a, key, c and c["state"]))
        if (a, key) in FAILING and not self.allow_fail:
            raise Bad("%s#%s belongs to a group that fails its balance rule" % (a, key))
        self.cites.append(G[a]["cite_file"] + "#" + key)
        self.cells.append((a, key))
        return c["value"]

    # unanswerable witnesses -------------------------------------------------
    def blank(self, a, key):
        c = cell(a, key)
        if not c or c["state"] != "blank":
            raise Bad("%s#%s expected blank" % (a, key))
        return U()

    def lacks(self, a, key):
        c = cell(a, key)
        if c is not None and c["state"] != "absent":
            raise Bad("%s#%s expected absent from the template" % (a, key))
        return U()

    def failing(self, a, key):
        if (a, key) not in FAILING:
            raise Bad("%s#%s expected in a failing group" % (a, key))
        return U()

    def no_report(self, name_part, year=None):
        for d in G.values():
            if name_part in d["agency"] and (year is None or d["year"] == year):
                raise Bad("a report of %s %s exists" % (name_part, year))
        return U()

    # passages -----------------------------------------------------------------
    def passage(self, a, sec, *keywords):
        text = sections(a).get(sec, "")
        for kw in keywords:
            if kw not in text:
                raise Bad("%s section %s lacks %r" % (a, sec, kw))
        self.cites.append(G[a]["file"])
        return {"kind": "passages", "files": [G[a]["file"]], "sections": [sec]}

    def mentions(self, kw):
        hits = [a for a in (F0, F1, F2, F3, F4) if kw in full_text(a)]
        for a in hits:
            self.cites.append(G[a]["file"])
        return [G[a]["agency"] for a in hits]


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def AG(name):
    return {"kind": "agency", "value": name}


def L(values, ordered=False):
    return {"kind": "list", "values": values, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def U():
    return {"kind": "unanswerable"}


def pct(a, b):
    return 100.0 * a / b


def name(a):
    return G[a]["agency"]


def top(x, pairs, reverse=True, pos=0):
    """agency at rank `pos` of [(alias, value)]; ties at that rank are an error."""
    s = sorted(pairs, key=lambda p: p[1], reverse=reverse)
    if (pos > 0 and s[pos - 1][1] == s[pos][1]) or (pos + 1 < len(s) and s[pos + 1][1] == s[pos][1]):
        raise Bad("tie at rank %d" % (pos + 1))
    return AG(name(s[pos][0]))


YEAR = lambda y: [a for a in ALL if G[a]["year"] == y]
T2019 = [a for a in ALL if G[a]["template"] == "2019"]
STATS = [a for a in ALL if G[a]["agency"].endswith("统计局")]
PROV = lambda p: [a for a in ALL if G[a]["province"] == p]
HZ = lambda y: [a for a in ALL if "洪泽区" in G[a]["agency"] and G[a]["year"] == y][0]
W8 = [k for k in OUTCOMES if k.startswith("withheld_")]


def R(row, col="total"):
    return "requests.%s.%s" % (row, col)


def RV(row, col):
    return "review.%s.%s" % (row, col)


PROC_A, PROC_P = "active.procurement.amount", "active.procurement.projects"
PEN = "active.penalty.decisions"
LIC = "active.licensing.decisions"


def narrative_agrees(a, key):
    for n in G[a]["narrative_numbers"]:
        cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
        if key in cells:
            ag = n.get("agrees_with_table", n.get("agrees"))
            return ag
    raise Bad("no narrative number for %s" % key)


# ----------------------------------------------------------------------------- the 120 specs
S = {}


def spec(i, allow_fail=False):
    def deco(fn):
        S["h52-%03d" % i] = (fn, allow_fail)
        return fn
    return deco


# elderly voice (zh) 001-016
spec(1)(lambda c: N(c.v(HZ(2024), LIC)))
spec(2)(lambda c: N(c.v(F2, PROC_A), "yuan"))
spec(3)(lambda c: N(c.v(F4, PROC_A), "yuan"))
spec(4)(lambda c: N(c.v(HZ(2023), "active.fees.amount"), "yuan"))
spec(5)(lambda c: N(c.v(F3, R("granted"))))
spec(6)(lambda c: N(c.v(HZ(2024), R("new")) + c.v(HZ(2023), R("new"))))
spec(7)(lambda c: N(c.v(F1, PROC_P)))
spec(8)(lambda c: top(c, [(a, c.v(a, PEN)) for a in STATS]))
spec(9)(lambda c: N(c.v(HZ(2023), R("withheld_secret"))))
spec(10)(lambda c: c.passage(F3, "五", "答复依申请公开处理水平有待提高"))
spec(11)(lambda c: N(c.v(HZ(2023), PEN) - c.v(HZ(2024), PEN)))
spec(12)(lambda c: N(c.v(F0, "active.penalty.prev_items")))
spec(13)(lambda c: B(sum(c.v(F2, RV(r, "total")) for r in REVIEW_ROWS) == 0))
spec(14)(lambda c: N(c.v(HZ(2024), "active.normative.in_force")))
spec(15)(lambda c: c.blank(F3, R("carried_out")))
spec(16)(lambda c: N(c.v(F1, PROC_A) + c.v(F4, PROC_A), "yuan"))
# Taiwanese graduate student (zh) 017-030
spec(17)(lambda c: N(pct(c.v(HZ(2024), R("granted")), c.v(HZ(2024), R("handled"))), "percent"))
spec(18)(lambda c: N(c.v(HZ(2024), R("unavailable_not_held"))))
spec(19)(lambda c: N(c.v(HZ(2024), RV("reconsideration", "total"))))
spec(20)(lambda c: c.failing(HZ(2023), RV("reconsideration", "upheld")))
spec(21)(lambda c: N(c.v(HZ(2023), RV("lawsuit_direct", "total"))))
spec(22)(lambda c: top(c, [(a, c.v(a, R("new"))) for a in YEAR(2020)]))
spec(23)(lambda c: c.passage(F2, "二", "普法宣传", "统计开放日"))
spec(24)(lambda c: B(G[HZ(2024)]["agency_kind"] == "government"))
spec(25)(lambda c: L([name(a) for a in PROV("福建省")]))
spec(26)(lambda c: N(c.v(HZ(2024), "active.fees.amount"), "yuan"))
spec(27)(lambda c: N(c.v(HZ(2023), R("withheld_enforcement"))))
spec(28)(lambda c: c.lacks(HZ(2024), PROC_A))
spec(29)(lambda c: N(sum(c.v(a, PROC_P) for a in YEAR(2020)) / len(YEAR(2020))))
spec(30)(lambda c: c.passage(F3, "一", "公共卫生", "新冠"))
# lawyer (zh) 031-040
spec(31)(lambda c: N(c.v(HZ(2024), RV("reconsideration", "upheld"))))
spec(32)(lambda c: N(c.v(HZ(2024), RV("lawsuit_after_review", "other"))))
spec(33)(lambda c: N(c.v(HZ(2024), RV("lawsuit_direct", "total")) + c.v(HZ(2024), RV("lawsuit_after_review", "total"))))
spec(34)(lambda c: N(pct(c.v(HZ(2024), RV("reconsideration", "corrected")), c.v(HZ(2024), RV("reconsideration", "total"))), "percent"))
spec(35, allow_fail=True)(lambda c: B(sum(c.v(HZ(2023), RV("reconsideration", x)) for x in REVIEW_COLS[:-1])
                                      == c.v(HZ(2023), RV("reconsideration", "total"))))


@spec(36, allow_fail=True)
def _36(c):
    names = []
    for a, rule, ks, ok in FINDINGS:
        if rule == "R4" and not ok:
            for k in ks:
                c.v(a, k)
            if name(a) not in names:
                names.append(name(a))
    return L(names)


spec(37)(lambda c: c.failing(HZ(2023), RV("reconsideration", "corrected")))
spec(38)(lambda c: N(c.v(HZ(2023), RV("lawsuit_direct", "pending"))))
spec(39)(lambda c: N(c.v(F4, RV("reconsideration", "total"))))
spec(40)(lambda c: N(sum(c.v(HZ(2024), RV(r, "total")) for r in REVIEW_ROWS)))
# lawyer (en) 041-050
spec(41)(lambda c: N(c.v(HZ(2024), RV("reconsideration", "corrected"))))
spec(42)(lambda c: N(c.v(HZ(2024), RV("lawsuit_after_review", "upheld"))))
spec(43)(lambda c: N(c.v(HZ(2023), RV("lawsuit_direct", "total")) + c.v(HZ(2024), RV("lawsuit_direct", "total"))))
spec(44)(lambda c: N(pct(c.v(HZ(2024), RV("lawsuit_after_review", "upheld")), c.v(HZ(2024), RV("lawsuit_after_review", "total"))), "percent"))
spec(45)(lambda c: B(sum(c.v(HZ(2024), RV("reconsideration", x)) for x in REVIEW_COLS[:-1])
                     == c.v(HZ(2024), RV("reconsideration", "total"))))
spec(46)(lambda c: N(c.v(HZ(2024), RV("reconsideration", "pending"))))
spec(47, allow_fail=True)(lambda c: N(sum(c.v(HZ(2023), RV("reconsideration", x)) for x in REVIEW_COLS[:-1])
                                      - c.v(HZ(2023), RV("reconsideration", "total"))))
spec(48)(lambda c: B(sum(c.v(a, RV(r, "total")) for a in T2019 for r in REVIEW_ROWS) > 0))
spec(49)(lambda c: N(c.v(HZ(2024), RV("lawsuit_direct", "pending")) + c.v(HZ(2024), RV("lawsuit_after_review", "pending"))))
spec(50)(lambda c: N(c.v(HZ(2024), RV("lawsuit_direct", "total")) - c.v(HZ(2023), RV("lawsuit_direct", "total"))))
# product manager (en) 051-068
spec(51)(lambda c: N(c.v(HZ(2024), "active.coercion.decisions")))
spec(52)(lambda c: N(c.v(HZ(2023), LIC)))
spec(53)(lambda c: N(c.v(HZ(2024), "active.normative.issued")))
spec(54)(lambda c: N(c.v(HZ(2023), "active.normative.repealed")))
spec(55)(lambda c: N(c.v(HZ(2023), "active.fees.amount") - c.v(HZ(2024), "active.fees.amount"), "yuan"))
spec(56)(lambda c: top(c, [(a, c.v(a, R("new"))) for a in ALL]))
spec(57)(lambda c: N(sum(c.v(a, PROC_P) for a in YEAR(2020))))
spec(58)(lambda c: N(pct(c.v(HZ(2024), R("unavailable_not_held")), c.v(HZ(2024), R("handled"))), "percent"))
spec(59)(lambda c: c.blank(F0, R("unavailable_not_held")))
spec(60)(lambda c: c.no_report("洪泽区", 2021))
spec(61)(lambda c: N(sum(1 for a in ALL if G[a]["template"] == "2021")))
spec(62)(lambda c: top(c, [(a, c.v(a, PROC_A) / c.v(a, PROC_P)) for a in T2019]))
spec(63)(lambda c: N(c.v(F4, "active.coercion.prev_items")))


@spec(64)
def _64(c):
    c.v(HZ(2024), R("new"))
    return B(narrative_agrees(HZ(2024), R("new")))


spec(65)(lambda c: c.passage(F4, "五", "公开意识"))
spec(66)(lambda c: N(c.v(F2, "active.rules.public_total") + c.v(F2, "active.normative.public_total")))
spec(67)(lambda c: N(sum(c.v(HZ(2024), R(w)) for w in W8)))
spec(68)(lambda c: N(sum(c.v(HZ(2023), R(u)) for u in ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"))))
# Hong Kong reporter (zh) 069-082
spec(69)(lambda c: N(c.v(F1, R("new"))))
spec(70)(lambda c: N(c.v(HZ(2024), R("new", "person"))))
spec(71)(lambda c: B(c.v(HZ(2023), PEN) > 4000))
spec(72)(lambda c: top(c, [(a, c.v(a, PROC_A)) for a in (F0, F3)]))
spec(73)(lambda c: N(c.v(F4, PROC_A) / c.v(F4, PROC_P), "yuan"))
spec(74)(lambda c: N(c.v(HZ(2024), R("partial"))))
spec(75)(lambda c: N(sum(c.v(a, PEN) for a in YEAR(2020))))
spec(76)(lambda c: L([name(a) for a in T2019 if not G[a]["agency"].endswith("统计局")]))
spec(77)(lambda c: c.passage(F2, "五", "信息公开范围单一"))
spec(78)(lambda c: c.no_report("南山区"))
spec(79)(lambda c: N(c.v(HZ(2024), R("new")) - c.v(HZ(2023), R("new"))))
spec(80)(lambda c: N(sum(1 for a in YEAR(2020) if c.v(a, R("new")) == 0)))
spec(81)(lambda c: N(pct(c.v(HZ(2024), LIC), c.v(HZ(2024), PEN)), "percent"))
spec(82)(lambda c: B(G[F4]["province"] == "河南省"))
# multi-turn (zh) 083-088
spec(83)(lambda c: N(c.v(HZ(2024), "active.coercion.decisions")))
spec(84)(lambda c: top(c, [(a, c.v(a, PROC_P)) for a in YEAR(2020)], reverse=False))
spec(85)(lambda c: N(c.v(HZ(2023), R("partial"))))
spec(86)(lambda c: top(c, [(a, c.v(a, PROC_A)) for a in YEAR(2020)], pos=1))
spec(87)(lambda c: N(c.v(F3, R("unavailable_unclear", "person"))))
spec(88)(lambda c: N(pct(c.v(F2, R("granted")), c.v(F2, R("new"))), "percent"))
# multi-turn (en) 089-096
spec(89)(lambda c: N(c.v(HZ(2024), LIC)))
spec(90)(lambda c: top(c, [(a, c.v(a, PROC_A)) for a in YEAR(2020)], reverse=False))
spec(91)(lambda c: N(c.v(HZ(2024), "active.fees.amount") + c.v(HZ(2023), "active.fees.amount"), "yuan"))
spec(92)(lambda c: N(c.v(HZ(2024), R("granted"))))
spec(93)(lambda c: top(c, [(a, c.v(a, PEN)) for a in STATS], pos=2))
spec(94)(lambda c: N(c.v(F0, R("new"))))
spec(95)(lambda c: B(c.v(HZ(2024), LIC) > c.v(HZ(2023), LIC)))
spec(96)(lambda c: c.failing(HZ(2023), RV("reconsideration", "upheld")))
# mixed lookups (en) 097-120
spec(97)(lambda c: N(sum(c.v(a, R("new")) for a in PROV("福建省") if G[a]["year"] == 2020)))
spec(98)(lambda c: N(sum(1 for a in {G[x]["agency"]: x for x in ALL}.values() if G[a]["agency_kind"] == "street_office")))
spec(99)(lambda c: B(G[HZ(2024)]["province"] == "江苏省" and G[HZ(2023)]["province"] == "江苏省"))
spec(100)(lambda c: L([name(a) for a in YEAR(2020) if c.v(a, R("withheld_third_party")) >= 1]))
spec(101)(lambda c: N(c.v(F3, PROC_A) / c.v(F3, PROC_P), "yuan"))
spec(102)(lambda c: N(c.v(F2, PROC_A) - c.v(F0, PROC_A), "yuan"))
spec(103)(lambda c: N(pct(c.v(HZ(2023), R("partial")), c.v(HZ(2023), R("handled"))), "percent"))
spec(104)(lambda c: N(sum(1 for a in ALL if c.v(a, R("new")) > 10)))
spec(105)(lambda c: B(any(G[a]["year"] == 2020 for a in ALL if G[a]["agency"] == "鄞州区统计局")))
spec(106)(lambda c: c.passage(F0, "五", "改进情况", "学习和培训"))
spec(107)(lambda c: c.passage(F4, "一", "领导小组"))
spec(108)(lambda c: top(c, [(a, c.v(a, PROC_A) / c.v(a, PROC_P)) for a in T2019], reverse=False))
spec(109)(lambda c: N(c.v(HZ(2023), PEN) + c.v(HZ(2024), PEN)))
spec(110)(lambda c: N(c.v(HZ(2023), "active.normative.in_force")))
spec(111)(lambda c: c.lacks(HZ(2024), "active.licensing.prev_items"))
spec(112)(lambda c: c.lacks(F0, "active.fees.amount"))
spec(113)(lambda c: B(c.v(F1, PEN) > c.v(F0, PEN)))
spec(114)(lambda c: N(sum(c.v(a, PROC_A) for a in PROV("浙江省")), "yuan"))
spec(115)(lambda c: N(pct(c.v(HZ(2023), "active.coercion.decisions") - c.v(HZ(2024), "active.coercion.decisions"),
                          c.v(HZ(2023), "active.coercion.decisions")), "percent"))
spec(116)(lambda c: N(c.v(HZ(2024), R("declined_complaint"))))
spec(117)(lambda c: top(c, [(a, c.v(a, PROC_P)) for a in PROV("福建省") if G[a]["year"] == 2020]))
spec(118)(lambda c: c.passage(F3, "一", "定期组织培训交流"))
spec(119)(lambda c: c.passage(F2, "一", "保密审查"))
spec(120)(lambda c: L(c.mentions("律师")))


# ----------------------------------------------------------------------------- comparison
def close(a, b):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= max(0.01, 1e-6 * abs(b))


def compare_expect(got, want):
    """list of differences between the case's expect and the recomputed one"""
    if got.get("kind") != want["kind"]:
        return ["kind %r, reference %r" % (got.get("kind"), want["kind"])]
    k = want["kind"]
    if k == "number":
        out = []
        if not close(got.get("value"), want["value"]):
            out.append("value %r, reference %r" % (got.get("value"), want["value"]))
        if got.get("unit") != want["unit"]:
            out.append("unit %r, reference %r" % (got.get("unit"), want["unit"]))
        return out
    if k in ("agency", "boolean"):
        if got.get("value") != want["value"] or type(got.get("value")) is not type(want["value"]):
            return ["value %r, reference %r" % (got.get("value"), want["value"])]
        return []
    if k == "list":
        gv, wv = got.get("values"), want["values"]
        if bool(got.get("ordered")) != want["ordered"]:
            return ["ordered %r, reference %r" % (got.get("ordered"), want["ordered"])]
        same = gv == wv if want["ordered"] else sorted(map(str, gv or [])) == sorted(map(str, wv))
        return [] if same else ["values %r, reference %r" % (gv, wv)]
    if k == "passages":
        out = []
        if got.get("files") != want["files"]:
            out.append("files %r, reference %r" % (got.get("files"), want["files"]))
        if got.get("sections") != want["sections"]:
            out.append("sections %r, reference %r" % (got.get("sections"), want["sections"]))
        return out
    return []  # unanswerable: the witness in the spec already proved it


def has_cjk(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def check(cases):
    problems = []
    ok = 0
    ids = [c.get("id") for c in cases]
    want_ids = ["h52-%03d" % i for i in range(1, 121)]
    if ids != want_ids:
        problems.append("ids are not h52-001 ... h52-120 in order")
    langs = [("zh" in c.get("tags", [])) + 2 * ("en" in c.get("tags", [])) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems.append("language tags: %d zh, %d en (want 60/60, exactly one each)" % (langs.count(1), langs.count(2)))
    qs = [(tuple(c.get("turns", [])), c.get("question")) for c in cases]
    if len(set(qs)) != len(qs):
        problems.append("duplicate questions")
    for case in cases:
        cid = case.get("id")
        bad = []
        extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
        if extra:
            bad.append("unknown fields %s" % sorted(extra))
        exp = case.get("expect", {})
        if exp.get("kind") not in KINDS:
            bad.append("unknown kind %r" % exp.get("kind"))
        cites = case.get("cite", [])
        if any(not CITE_RE.match(x) for x in cites):
            bad.append("malformed cite")
        if len(set(cites)) != len(cites):
            bad.append("duplicate cite")
        tags = case.get("tags", [])
        if "en" in tags and (not case["question"][:1].isascii() or not case["question"][:1].isalpha()):
            bad.append("en case does not start in English")
        if "zh" in tags and not has_cjk(case["question"]):
            bad.append("zh case has no Chinese")
        if cid not in S:
            bad.append("no reference spec")
        else:
            fn, allow_fail = S[cid]
            ctx = Ctx(allow_fail=allow_fail)
            try:
                want = fn(ctx)
            except Bad as e:
                bad.append("reference: %s" % e)
                want = None
            if want is not None:
                bad += compare_expect(exp, want)
                if set(cites) != set(ctx.cites):
                    bad.append("cite %s, reference %s" % (sorted(set(cites) ^ set(ctx.cites)), "(symmetric difference)"))
                guessed = any(G[a]["facts"][k].get("unit_assumed") for a, k in ctx.cells)
                mixed = len({G[a]["year"] for a, k in ctx.cells}) > 1
                if guessed != ("guessed_unit" in tags):
                    bad.append("guessed_unit tag %s, reference %s" % ("guessed_unit" in tags, guessed))
                if mixed != ("mixed_years" in tags):
                    bad.append("mixed_years tag %s, reference %s" % ("mixed_years" in tags, mixed))
                if want["kind"] == "unanswerable" and cites:
                    bad.append("unanswerable case cites cells")
                if case.get("turns") is not None and not isinstance(case.get("turns"), list):
                    bad.append("turns is not a list")
        if bad:
            problems.append("%s: %s" % (cid, "; ".join(bad)))
        else:
            ok += 1
    return ok, problems


def load_cases(path=CASES):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main():
    # the rules themselves: only the 2023 Hongze review groups may fail
    fails = sorted({(a, rule) for a, rule, ks, ok in FINDINGS if not ok})
    print("balance failures (recomputed):", fails)
    cases = load_cases()
    ok, problems = check(cases)
    for p in problems:
        print("MISMATCH", p)
    print("SUMMARY %d/120" % ok)
    return 0 if ok == 120 and not problems and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
