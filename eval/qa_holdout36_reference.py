#!/usr/bin/env python3
"""Recompute every expected answer of eval/qa_holdout36.jsonl from the gold facts.

Stdlib only. Run from the repository root:

    python3 eval/qa_holdout36_reference.py        # mismatches + SUMMARY line
    python3 eval/qa_holdout36_reference.py -v     # also every recomputed answer

Sources: tests/fixtures/gold/*.json (hand-checked facts of the seven reports) and, for passage
cases only, data/samples/*.txt (to find which section a passage sits in).

Conventions enforced here (see eval/QA_HOLDOUT36.md):
  * only cells in state "number" are values; a blank / absent / unreadable cell raises Unusable;
  * a cell in a failed balance equation (R1-R4, recomputed here from the facts) raises Unusable,
    unless the case is about that failure (failed_ok=True);
  * money in yuan, percent in percent points (rounded to 2 decimals);
  * cite = every cell read (file#table.row.col) + the bare file for metadata, narrative figures and
    passages; cites are compared as sets;
  * tag guessed_unit <=> a cited cell carries unit_assumed; tag mixed_years <=> the cited reports
    span more than one report year;
  * agency_kind missing (Hongze PDFs) is inferred from the name (人民政府 -> government).
Exit 0 only when all 120 cases match.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout36.jsonl"

SHORT = {"A": "000_2133ae744f48d674", "B": "001_19df74b8cb7281a4", "C": "002_c42cd15df52a6935",
         "D": "003_acfa5b9243423631", "E": "004_5206fb2196a31c52",
         "H23": "hongze-qu-gov-2023", "H24": "hongze-qu-gov-2024"}
S5 = ["A", "B", "C", "D", "E"]
S7 = S5 + ["H23", "H24"]
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
OUTCOME_ROWS = (["granted", "partial"]
                + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query")]
                + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
                + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
                + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
AMT, PRJ, PEN, NEW = "active.procurement.amount", "active.procurement.projects", "active.penalty.decisions", "requests.new.total"
SECTION_WORDS = [("总体情况", "一"), ("主动公开政府信息情况", "二"), ("收到和处理政府信息公开申请", "三"),
                 ("行政复议", "四"), ("存在的主要问题", "五"), ("其他需要报告", "六")]


class Unusable(Exception):
    pass


# ---------------------------------------------------------------- gold
def load_gold():
    reps = {}
    for short, stem in SHORT.items():
        d = json.loads((GOLD / (stem + ".json")).read_text(encoding="utf-8"))
        d["file"] = Path(d["file"]).name  # samples/pdf/hongze-qu-gov-2023.pdf -> hongze-qu-gov-2023.pdf
        if not d.get("agency_kind"):
            name = d["agency"]
            d["agency_kind"] = ("government" if ("人民政府" in name and "街道" not in name) else
                                "street_office" if ("街道" in name or "乡" in name or "镇" in name) else "department")
            d["agency_kind_inferred"] = True
        reps[short] = d
    return reps


def num_state(d, key):
    f = d["facts"].get(key)
    return f is not None and f["state"] == "number"


def failed_cells(d):
    """Recompute R1-R4 over printed numbers; return (set of cells in failed equations, list of failures)."""
    facts = d["facts"]
    bad, fails = set(), []

    def check(rule, lhs, rhs):
        cells = lhs + rhs
        if not all(num_state(d, k) for k in cells):
            return
        if abs(sum(facts[k]["value"] for k in lhs) - sum(facts[k]["value"] for k in rhs)) > 1e-9:
            bad.update(cells)
            fails.append((rule, cells))

    for col in COLS + ["total"]:
        check("R1", ["requests.new." + col, "requests.carried_in." + col],
              ["requests.handled." + col, "requests.carried_out." + col])
        rows = ["requests.%s.%s" % (r, col) for r in OUTCOME_ROWS if ("requests.%s.%s" % (r, col)) in facts
                and facts["requests.%s.%s" % (r, col)]["state"] != "absent"]
        check("R2", ["requests.handled." + col], rows)
    for key in facts:
        if key.startswith("requests.") and key.endswith(".total"):
            row = key.split(".")[1]
            if facts[key]["state"] == "absent":
                continue
            check("R3", [key], ["requests.%s.%s" % (row, c) for c in COLS])
    for g in REVIEW_GROUPS:
        check("R4", ["review.%s.total" % g], ["review.%s.%s" % (g, c) for c in ("upheld", "corrected", "other", "pending")])
    return bad, fails


# ---------------------------------------------------------------- passages
def sections_of(text):
    """Line index -> canonical section, from the six section headings (matched by meaning)."""
    out, cur = [], None
    for line in text.splitlines():
        head = re.sub(r"[#*\s]", "", line)
        if len(head) <= 40 and re.match(r"^[一二三四五六]、", head):
            for word, sec in SECTION_WORDS:
                if word in head:
                    cur = sec
                    break
        out.append(cur)
    return out


# ---------------------------------------------------------------- context
class Ctx:
    def __init__(self, reps, bad):
        self.reps, self.bad = reps, bad
        self.cite = []

    def _add(self, c):
        if c not in self.cite:
            self.cite.append(c)

    def v(self, r, key, failed_ok=False):
        d = self.reps[r]
        f = d["facts"].get(key)
        if f is None:
            raise Unusable("%s has no cell %s" % (r, key))
        if f["state"] != "number":
            raise Unusable("%s %s is %s" % (r, key, f["state"]))
        if key in self.bad[r] and not failed_ok:
            raise Unusable("%s %s takes part in a failed balance equation" % (r, key))
        self._add(d["file"] + "#" + key)
        return f["value"]

    def state(self, r, key):
        f = self.reps[r]["facts"].get(key)
        return "missing" if f is None else f["state"]

    def name(self, r):
        return self.reps[r]["agency"]

    def meta(self, r, field):
        self._add(self.reps[r]["file"])
        return self.reps[r].get(field)

    def narr(self, r, snippet):
        hits = [n for n in self.reps[r]["narrative_numbers"] if snippet in n["text"]]
        if len(hits) != 1:
            raise Unusable("narrative %r: %d hits" % (snippet, len(hits)))
        self._add(self.reps[r]["file"])
        return hits[0]["value"]

    def passage(self, r, needle):
        fname = self.reps[r]["file"]
        text = (SAMPLES / fname).read_text(encoding="utf-8")
        secs = sections_of(text)
        found = sorted({secs[i] for i, line in enumerate(text.splitlines()) if needle in line and secs[i]})
        if not found:
            raise Unusable("passage %r not found in %s" % (needle, fname))
        self._add(fname)
        return {"kind": "passages", "files": [fname], "sections": found}


def NUM(v, unit="count"):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def PCT(a, b):
    return NUM(100.0 * a / b, "percent")


def AG(name):
    return {"kind": "agency", "value": name}


def LST(vals, ordered):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def BOOL(b):
    return {"kind": "boolean", "value": bool(b)}


def UNANS(ctx, why):
    """`why` is a thunk that must raise Unusable (the reason the data cannot answer)."""
    try:
        why()
    except Unusable as e:
        ctx.cite = []
        return {"kind": "unanswerable", "why": str(e)}
    raise AssertionError("expected the data to be unusable, but it answered")


def vals(ctx, rs, key):
    return {r: ctx.v(r, key) for r in rs}


def ranked(d, reverse):
    """Keys sorted by value; refuses ties at any position used."""
    items = sorted(d.items(), key=lambda kv: kv[1], reverse=reverse)
    return [k for k, _ in items]


def unique_top(d, reverse=True):
    order = ranked(d, reverse)
    assert d[order[0]] != d[order[1]], "tie at the top"
    return order[0]


# ---------------------------------------------------------------- cases
CASE = {}


def case(n):
    def deco(fn):
        CASE["h36-%03d" % n] = fn
        return fn
    return deco


@case(1)
def _(x):
    return AG(x.name(unique_top(vals(x, ["A", "B", "D", "E"], PRJ))))


@case(2)
def _(x): return NUM(x.v("C", PEN))


@case(3)
def _(x): return NUM(x.v("H24", "active.licensing.decisions"))


@case(4)
def _(x):
    return AG(x.name(unique_top(vals(x, ["A", "C", "D", "E"], "requests.granted.total"))))


@case(5)
def _(x): return BOOL(x.v("A", AMT) > x.v("C", AMT))


@case(6)
def _(x): return NUM(x.v("H23", "active.fees.amount"), "yuan")


@case(7)
def _(x):
    d = vals(x, ["A", "B", "D", "E"], NEW)
    z = [r for r in d if d[r] == 0]
    assert len(z) == 1
    return AG(x.name(z[0]))


@case(8)
def _(x): return NUM(x.v("H23", "active.coercion.decisions") - x.v("H24", "active.coercion.decisions"))


@case(9)
def _(x): return NUM(x.v("H24", "requests.unavailable_not_held.total"))


@case(10)
def _(x): return NUM(x.v("E", "active.other_services.prev_items"))


@case(11)
def _(x): return NUM(x.v("C", "active.rules.public_total"))


@case(12)
def _(x): return NUM(x.v("H24", "active.normative.in_force"))


@case(13)
def _(x): return BOOL(x.v("E", AMT) < x.v("B", AMT))


@case(14)
def _(x): return NUM(x.v("H24", "review.lawsuit_after_review.total"))


@case(15)
def _(x): return BOOL(x.meta("C", "template") == "2021")


@case(16)
def _(x):
    d = {r: x.meta(r, "published") for r in ["A", "B", "D"]}
    return AG(x.name(unique_top(d)))


@case(17)
def _(x): return UNANS(x, lambda: x.v("H23", "review.reconsideration.total"))


@case(18)
def _(x): return NUM(x.v("D", AMT), "yuan")


@case(19)
def _(x):
    yrs = {r: x.meta(r, "year") for r in ["B", "C", "E", "D"]}
    c = Counter(yrs.values())
    odd = [r for r in yrs if c[yrs[r]] == 1]
    assert len(odd) == 1
    return AG(x.name(odd[0]))


@case(20)
def _(x): return NUM(x.narr("A", "2020年共在政府网站主动公开信息5条"))


@case(21)
def _(x):
    d = vals(x, S5, AMT)
    return LST([x.name(r) for r in ranked(d, False)[:3]], True)


@case(22)
def _(x):
    d = vals(x, S5, PRJ)
    return LST([x.name(r) for r in ranked(d, False)[:2]], True)


@case(23)
def _(x):
    d = vals(x, S5, PEN)  # Hongze excluded by the question
    o = ranked(d, True)
    assert d[o[1]] != d[o[2]]
    return LST([x.name(r) for r in o[:2]], True)


@case(24)
def _(x):
    d = vals(x, ["A", "B", "C", "E"], NEW)  # street office (D) and Hongze excluded
    return LST([x.name(r) for r in d if d[r] >= 1], False)


@case(25)
def _(x):
    return NUM(sum(x.v("H24", "active.%s.decisions" % k) for k in ("licensing", "penalty", "coercion")))


@case(26)
def _(x):
    d = vals(x, S5, "active.penalty.prev_items")
    o = ranked(d, True)
    assert d[o[2]] != d[o[3]]
    return LST([x.name(r) for r in o[:3]], True)


@case(27)
def _(x):
    return NUM(sum(x.v("H24", "review.%s.total" % g) for g in REVIEW_GROUPS))


@case(28)
def _(x):
    d = {r: x.reps[r]["published"] for r in S5 if x.reps[r]["year"] == 2020 and x.reps[r]["published"]}
    for r in d:
        x.meta(r, "published")
    return LST([x.name(r) for r in ranked(d, False)], True)


@case(29)
def _(x):
    keys = [k for k in x.reps["H23"]["facts"] if k.startswith("requests.withheld_") and k.endswith(".total")]
    assert len(keys) == 8
    return NUM(sum(x.v("H23", k) for k in keys))


@case(30)
def _(x): return NUM(sum(vals(x, S5, "requests.withheld_third_party.total").values()))


@case(31)
def _(x):
    d = vals(x, S7, NEW)
    o = ranked(d, True)
    assert len({d[r] for r in o[:4]}) == 4
    return NUM(d[o[2]])


@case(32)
def _(x):
    d = vals(x, S5, PEN)
    nz = {r: v for r, v in d.items() if v != 0}
    assert len(set(nz.values())) == len(nz)
    return LST([x.name(r) for r in ranked(nz, False)], True)


@case(33)
def _(x):
    rs = [r for r in S5 if x.reps[r]["county"] != "鼓楼区"]
    return NUM(sum(vals(x, rs, PRJ).values()))


@case(34)
def _(x):
    a, b = x.v("C", PEN), x.v("D", PRJ)
    assert a != b
    return AG(x.name("D" if b > a else "C"))


@case(35)
def _(x): return PCT(x.v("E", AMT), x.v("C", AMT))


@case(36)
def _(x): return PCT(x.v("B", PEN), x.v("H24", PEN))


@case(37)
def _(x): return BOOL(x.v("B", PEN) > x.v("E", "active.penalty.prev_items"))


@case(38)
def _(x): return PCT(x.v("H24", "requests.granted.total"), x.v("C", "active.rules.public_total"))


@case(39)
def _(x): return NUM(x.v("D", AMT) - x.v("B", AMT), "yuan")


@case(40)
def _(x): return PCT(x.v("D", NEW), x.v("H23", NEW))


@case(41)
def _(x): return PCT(x.v("A", AMT), x.v("E", AMT))


@case(42)
def _(x):
    return NUM(x.v("C", AMT) / x.v("C", PRJ) - x.v("B", AMT) / x.v("B", PRJ), "yuan")


@case(43)
def _(x): return BOOL(x.v("D", "requests.unavailable_not_held.total") == x.v("C", "requests.granted.total"))


@case(44)
def _(x): return PCT(x.v("A", "active.penalty.prev_items"), x.v("E", "active.penalty.prev_items"))


@case(45)
def _(x): return PCT(x.v("C", "active.rules.published"), x.v("H24", "active.normative.in_force"))


@case(46)
def _(x): return BOOL(x.v("D", NEW) > x.v("C", "requests.granted.total"))


@case(47)
def _(x):
    d = vals(x, S5, AMT)
    lo = min(d.values())
    return LST([x.name(r) for r in S5 if d[r] != lo], False)


@case(48)
def _(x):
    rs = [r for r in S5 if x.reps[r]["agency"].endswith("统计局")]
    d = vals(x, rs, NEW)
    return LST([x.name(r) for r in rs if not d[r] > 1], False)


@case(49)
def _(x):
    d = vals(x, [r for r in S5 if x.reps[r]["year"] in (2019, 2020)], PEN)
    lo, hi = min(d.values()), max(d.values())
    return LST([x.name(r) for r in d if d[r] not in (lo, hi)], False)


@case(50)
def _(x):
    d = vals(x, S5, PRJ)
    return BOOL(unique_top(d) != "B")


@case(51)
def _(x):
    d = vals(x, [r for r in S5 if x.reps[r]["year"] == 2020], PRJ)
    return NUM(sum(1 for v in d.values() if not v < 9))


@case(52)
def _(x):
    d = vals(x, [r for r in S7 if x.reps[r]["year"] in (2019, 2020)], "requests.partial.total")
    return NUM(sum(1 for v in d.values() if v == 0))


@case(53)
def _(x): return BOOL(not x.v("H24", "requests.granted.total") > x.v("H24", NEW) / 2)


@case(54)
def _(x):
    d = vals(x, [r for r in S7 if x.state(r, AMT) == "number"], AMT)
    return NUM(sum(1 for v in d.values() if not v > 100000))


@case(55)
def _(x):
    d = vals(x, S5, AMT)
    o = ranked(d, True)
    assert d[o[0]] != d[o[1]] != d[o[2]]
    return AG(x.name(o[1]))


@case(56)
def _(x): return BOOL(not x.v("H24", "active.fees.amount") < x.v("H23", "active.fees.amount"))


@case(57)
def _(x):
    return NUM(sum(x.v("H24", "requests.unavailable_%s.total" % k) for k in ("not_held", "needs_creation", "unclear")))


@case(58)
def _(x):
    d = vals(x, S5, PEN)
    o = ranked(d, True)
    assert d[o[0]] != d[o[1]] != d[o[2]]
    return AG(x.name(o[1]))


@case(59)
def _(x): return NUM(x.v("H24", PEN))


@case(60)
def _(x): return NUM(x.v("B", AMT), "yuan")


@case(61)
def _(x): return NUM(x.v("D", "requests.granted.total"))


@case(62)
def _(x): return NUM(x.v("E", AMT), "yuan")


@case(63)
def _(x): return NUM(x.v("C", "requests.new.person"))


@case(64)
def _(x): return NUM(x.v("H23", "active.fees.amount"), "yuan")


@case(65)
def _(x): return NUM(x.v("A", "active.penalty.prev_items"))


@case(66)
def _(x): return BOOL(x.v("H24", "review.lawsuit_direct.total") == 1)


@case(67)
def _(x): return UNANS(x, lambda: x.v("D", "requests.unavailable_needs_creation.total"))


@case(68)
def _(x): return NUM(x.v("H24", NEW))


@case(69)
def _(x): return x.passage("B", "两个方面的不足")


@case(70)
def _(x): return NUM(x.v("E", "active.coercion.prev_items"))


@case(71)
def _(x): return NUM(x.v("H23", "requests.granted.total"))


@case(72)
def _(x): return NUM(x.v("B", PEN) - x.v("C", PEN))


@case(73)
def _(x): return NUM(x.v("B", PRJ))


@case(74)
def _(x): return NUM(x.v("H24", "active.fees.amount"), "yuan")


@case(75)
def _(x): return NUM(x.v("C", AMT), "yuan")


@case(76)
def _(x): return NUM(x.v("H23", PEN))


@case(77)
def _(x):
    rs = [r for r in S7 if x.reps[r]["province"] == "浙江省"]
    return NUM(sum(vals(x, rs, AMT).values()), "yuan")


@case(78)
def _(x): return NUM(x.v("H23", NEW) + x.v("H24", NEW))


@case(79)
def _(x): return NUM(x.v("A", AMT), "yuan")


@case(80)
def _(x): return PCT(x.v("H24", "requests.granted.total"), x.v("H24", "requests.handled.total"))


@case(81)
def _(x): return NUM(x.v("H23", "review.lawsuit_direct.total"))


@case(82)
def _(x): return NUM(x.narr("H24", "主动发布各类政府信息2428条"))


@case(83)
def _(x): return NUM(x.v("H23", "active.normative.in_force"))


@case(84)
def _(x): return NUM(x.narr("C", "罚款总额"), "yuan")


@case(85)
def _(x):
    rs = [r for r in S7 if x.state(r, AMT) == "number"]
    return NUM(sum(vals(x, rs, AMT).values()) / sum(vals(x, rs, PRJ).values()), "yuan")


@case(86)
def _(x): return NUM(x.v("H23", "requests.partial.total"))


@case(87)
def _(x): return NUM(x.narr("C", "官方微博"))


@case(88)
def _(x): return x.passage("A", "进一步提高思想认识")


@case(89)
def _(x): return x.passage("C", "存在主要问题如下")


@case(90)
def _(x): return x.passage("D", "暂无其他需要报告的事项")


@case(91)
def _(x): return x.passage("E", "进一步规范公开内容")


@case(92)
def _(x): return x.passage("C", "加强信息保密审查")


@case(93)
def _(x): return x.passage("D", "加强个人信息保护")


@case(94)
def _(x): return x.passage("B", "统计开放日")


@case(95)
def _(x): return x.passage("A", "反复强调")


@case(96)
def _(x): return x.passage("C", "加大统计执法力度")


@case(97)
def _(x): return x.passage("E", "通过“四个结合”")


@case(98)
def _(x): return x.passage("B", "政府信息公开工作领导小组")


@case(99)
def _(x): return x.passage("D", "邀请律师")


@case(100)
def _(x): return NUM(len([x.meta(r, "file") for r in S7]))


@case(101)
def _(x): return NUM(len({x.meta(r, "agency") for r in S7}))


@case(102)
def _(x):
    rs = [r for r in S7 if x.reps[r]["template"] == "2021"]
    return NUM(len([x.meta(r, "template") for r in rs]))


@case(103)
def _(x):
    provs = []
    for r in S7:
        p = x.meta(r, "province")
        if p not in provs:
            provs.append(p)
    return LST(provs, False)


@case(104)
def _(x):
    names = {x.meta(r, "agency") for r in S7 if x.reps[r]["province"] == "江苏省"}
    assert len(names) == 1
    return AG(names.pop())


@case(105)
def _(x):
    return NUM(len([x.meta(r, "agency") for r in S7 if x.reps[r]["agency"].endswith("统计局")]))


@case(106)
def _(x):
    rs = [r for r in S7 if x.reps[r]["province"] == "江苏省"]
    return BOOL(any(x.meta(r, "published") for r in rs))


@case(107)
def _(x): return NUM(len([x.meta(r, "year") for r in S7 if x.reps[r]["year"] == 2020]))


@case(108)
def _(x): return LST([x.meta(r, "agency") for r in S7 if x.reps[r]["city"] == "福州市"], False)


@case(109)
def _(x): return UNANS(x, lambda: x.v("H24", AMT))


@case(110)
def _(x): return UNANS(x, lambda: x.v("A", "requests.unavailable_not_held.total"))


@case(111)
def _(x): return UNANS(x, lambda: x.v("D", "requests.carried_out.total"))


@case(112)
def _(x): return UNANS(x, lambda: x.v("H23", "review.lawsuit_after_review.upheld"))


def _no_report(agency_part, year):
    def thunk():
        hits = [r for r, d in REPS.items() if agency_part in d["agency"] and d["year"] == year]
        if not hits:
            raise Unusable("no %s report for %s" % (year, agency_part))
    return thunk


def _not_reported(r, words):
    """Raise Unusable when no fact key and no narrative figure of report r is about any of `words`."""
    def thunk():
        d = REPS[r]
        keys = [k for k in d["facts"] if any(w in k for w in words)]
        narr = [n for n in d["narrative_numbers"] if any(w in (n.get("what", "") + n["text"]) for w in words)]
        if keys or narr:
            return
        raise Unusable("%s reports no figure about %s" % (r, "/".join(words)))
    return thunk


@case(113)
def _(x): return UNANS(x, _no_report("洪泽区", 2022))


@case(114)
def _(x): return UNANS(x, lambda: x.v("H24", "requests.other_no_correction.total"))


@case(115)
def _(x): return UNANS(x, _not_reported("E", ["staff", "人员", "工作人员"]))


@case(116)
def _(x): return UNANS(x, _not_reported("B", ["budget", "预算"]))


@case(117)
def _(x): return UNANS(x, lambda: x.v("D", "requests.other.total"))


REC = ["review.reconsideration." + c for c in ("upheld", "corrected", "other", "pending", "total")]


@case(118)
def _(x):
    v = [x.v("H23", k, failed_ok=True) for k in REC]
    return BOOL(sum(v[:4]) == v[4])


@case(119)
def _(x):
    v = [x.v("H23", k, failed_ok=True) for k in REC]
    return NUM(sum(v[:4]) - v[4])


@case(120)
def _(x):
    names = set()
    for r in S7:
        for rule, cells in FAILS[r]:
            if rule == "R4":
                for k in cells:
                    x.v(r, k, failed_ok=True)
                names.add(x.name(r))
    assert len(names) == 1
    return AG(names.pop())


# ---------------------------------------------------------------- compare
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")


UNITS = ("count", "yuan", "percent")
SECTIONS = ("一", "二", "三", "四", "五", "六")


def schema_errors(exp):
    """The checks of eval/dataset.py's expect models, restated with the stdlib."""
    k = exp.get("kind")
    if k == "number":
        ok = isinstance(exp.get("value"), (int, float)) and not isinstance(exp.get("value"), bool) and exp.get("unit") in UNITS
    elif k == "agency":
        ok = isinstance(exp.get("value"), str) and bool(exp["value"])
    elif k == "list":
        ok = isinstance(exp.get("values"), list) and isinstance(exp.get("ordered", False), bool) and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in exp["values"])
    elif k == "boolean":
        ok = isinstance(exp.get("value"), bool)
    elif k == "passages":
        ok = (isinstance(exp.get("files"), list) and exp["files"] and isinstance(exp.get("sections"), list)
              and exp["sections"] and all(s in SECTIONS for s in exp["sections"]))
    elif k == "unanswerable":
        ok = isinstance(exp.get("note", ""), str)
    else:
        ok = False
    return [] if ok else ["expect does not fit the %r schema" % k]


def same_expect(got, exp):
    if got["kind"] != exp.get("kind"):
        return False
    k = got["kind"]
    if k == "number":
        return exp.get("unit") == got["unit"] and abs(float(exp["value"]) - got["value"]) < 1e-6
    if k == "agency":
        return exp["value"] == got["value"]
    if k == "boolean":
        return exp["value"] is got["value"]
    if k == "list":
        if bool(exp.get("ordered")) != got["ordered"]:
            return False
        return exp["values"] == got["values"] if got["ordered"] else Counter(exp["values"]) == Counter(got["values"])
    if k == "passages":
        return sorted(exp["files"]) == sorted(got["files"]) and sorted(exp["sections"]) == sorted(got["sections"])
    if k == "unanswerable":
        return bool(exp.get("note"))
    return False


def tags_for(cite):
    tags, years = set(), set()
    for c in cite:
        fname, _, key = c.partition("#")
        rep = BY_FILE[fname]
        years.add(rep["year"])
        if key and rep["facts"][key].get("unit_assumed"):
            tags.add("guessed_unit")
    if len(years) > 1:
        tags.add("mixed_years")
    return tags


REPS = load_gold()
BY_FILE = {d["file"]: d for d in REPS.values()}
BAD, FAILS = {}, {}
for _r, _d in REPS.items():
    BAD[_r], FAILS[_r] = failed_cells(_d)


def main(argv):
    verbose = "-v" in argv
    problems = []
    # the recomputed checks must agree with what the gold file says about R1-R4
    for r, d in REPS.items():
        mine = {rule for rule, _ in FAILS[r]}
        gold = {rule for rule, s in d["checks"].items() if str(s).startswith("fail")}
        if mine != gold:
            problems.append("gold checks disagree for %s: recomputed %s vs gold %s" % (r, sorted(mine), sorted(gold)))
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    ok = 0
    langs = Counter()
    for i, c in enumerate(cases, 1):
        cid = c.get("id")
        errs = []
        if cid != "h36-%03d" % i:
            errs.append("id out of sequence")
        if set(c) - {"id", "question", "turns", "expect", "cite", "tags"}:
            errs.append("unknown field")
        if not str(c.get("question", "")).strip():
            errs.append("blank question")
        if "turns" in c and not (isinstance(c["turns"], list) and all(isinstance(t, str) and t for t in c["turns"])):
            errs.append("bad turns")
        errs.extend(schema_errors(c.get("expect", {})))
        if any(not _CITE.match(x) for x in c.get("cite", [])):
            errs.append("bad cite form")
        lang = [t for t in c.get("tags", []) if t in ("zh", "en")]
        if len(lang) != 1:
            errs.append("needs exactly one of zh/en")
        else:
            langs[lang[0]] += 1
        fn = CASE.get(cid)
        if fn is None:
            errs.append("no reference computation")
        else:
            x = Ctx(REPS, BAD)
            try:
                got = fn(x)
            except (Unusable, AssertionError, KeyError) as e:
                got = {"kind": "error", "why": repr(e)}
            if verbose:
                print("%s  %s  cite=%s" % (cid, json.dumps(got, ensure_ascii=False), x.cite))
            if not same_expect(got, c["expect"]):
                errs.append("expect: recomputed %s vs %s" % (json.dumps(got, ensure_ascii=False),
                                                            json.dumps(c["expect"], ensure_ascii=False)))
            if len(set(c.get("cite", []))) != len(c.get("cite", [])):
                errs.append("duplicate cite")
            if set(x.cite) != set(c.get("cite", [])):
                errs.append("cite: recomputed %s vs %s" % (sorted(x.cite), sorted(c.get("cite", []))))
            want = tags_for(x.cite)
            have = {t for t in c.get("tags", []) if t in ("guessed_unit", "mixed_years")}
            if want != have:
                errs.append("tags: recomputed %s vs %s" % (sorted(want), sorted(have)))
        if errs:
            problems.extend("%s: %s" % (cid, e) for e in errs)
        else:
            ok += 1
    if len(cases) != 120:
        problems.append("expected 120 cases, found %d" % len(cases))
    if langs != Counter({"zh": 60, "en": 60}):
        problems.append("language split %s, expected 60/60" % dict(langs))
    for p in problems:
        print("MISMATCH", p)
    kinds = Counter(c["expect"]["kind"] for c in cases)
    turns = sum(1 for c in cases if c.get("turns"))
    print("SUMMARY: %d/%d cases match (zh %d, en %d; %s; %d multi-turn)" % (
        ok, len(cases), langs["zh"], langs["en"],
        ", ".join("%s %d" % (k, kinds[k]) for k in ("number", "agency", "list", "boolean", "passages", "unanswerable")),
        turns))
    return 0 if (ok == 120 and len(cases) == 120 and not problems) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
