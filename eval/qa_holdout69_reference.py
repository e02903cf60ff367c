#!/usr/bin/env python3
"""Reference checker for eval/qa_holdout69.jsonl (stdlib only).

Every expected answer is recomputed here from tests/fixtures/gold/*.json (and, for passage and
mention cases, from the section text of data/samples/*.txt), independently of the JSONL. For each
case the script also rebuilds the cite list and the `guessed_unit` and `mixed_years` tags, and checks
the house rules (only `number` cells, no blank cell in a total / average / ranking, cells of a group
that fails R1-R4 only in `quality` cases, no year asked as a number, Hongze rankings name the year).
It prints every mismatch, then `SUMMARY n/120`, and exits 0 only at 120/120.

Usage: python3 eval/qa_holdout69_reference.py [path/to/other.jsonl]
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES = os.path.join(ROOT, "data", "samples")
JSONL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "qa_holdout69.jsonl")
N_CASES = 120


class Unusable(Exception):
    """A cell that cannot give a value (blank, absent, missing, unreadable, or in a failing group)."""


# ---------------------------------------------------------------- the store
class Report:
    def __init__(self, d):
        self.d = d
        self.file = os.path.basename(d["file"])  # hongze: hongze-qu-gov-2023.pdf
        self.agency = d["agency"]
        self.year = d["year"]
        self.template = d["template"]
        self.province = d["province"]
        self.city = d["city"]
        self.facts = d["facts"]
        kind = d.get("agency_kind")
        if not kind:  # the Hongze gold has no agency_kind: infer from the name
            if self.agency.endswith("人民政府"):
                kind = "government"
            elif self.agency.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
                kind = "street_office"
            else:
                kind = "department"
        self.kind = kind
        self.text = None
        p = os.path.join(SAMPLES, self.file)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                self.text = fh.read()


REPS = []
for path in sorted(glob.glob(os.path.join(GOLD, "*.json"))):
    with open(path, encoding="utf-8") as fh:
        REPS.append(Report(json.load(fh)))


def rep(name_part, year):
    hits = [r for r in REPS if name_part in r.agency and r.year == year]
    if len(hits) != 1:
        raise AssertionError("no unique report for %s %s" % (name_part, year))
    return hits[0]


def find(name_part, year=None):
    return [r for r in REPS if name_part in r.agency and (year is None or r.year == year)]


GA, LC, YZ, WQ, EQ = rep("鼓楼区统计局", 2020), rep("鹿城区统计局", 2020), rep("鄞州区统计局", 2019), rep("温泉街道", 2020), rep("二七区统计局", 2020)
H23, H24 = rep("洪泽区", 2023), rep("洪泽区", 2024)
FIVE = [GA, LC, YZ, WQ, EQ]  # the reports that have a procurement block (2019 template)
assert all(r.template == "2019" for r in FIVE) and H23.template == H24.template == "2021"
Y2020 = [r for r in REPS if r.year == 2020]
assert Y2020 == [GA, LC, WQ, EQ]
BUREAUS = [r for r in REPS if r.agency.endswith("统计局")]

# ---------------------------------------------------------------- balance rules R1-R4
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
OUTCOME_PREFIX = ("granted", "partial", "withheld_", "unavailable_", "declined_", "other")


def _num(r, key):
    f = r.facts.get(key)
    if f is None or f["state"] != "number":
        return None
    return f["value"]


def _check(r, keys, lhs, rhs, failing):
    vals = [_num(r, k) for k in keys]
    states = [r.facts.get(k, {}).get("state") for k in keys]
    if any(s == "blank" or s == "unreadable" for s in states):
        return "skip"
    if abs(lhs(vals) - rhs(vals)) > 1e-9:
        failing.update((r.file, k) for k in keys if k in r.facts)
        return "fail"
    return "pass"


TAINTED = set()
RULES = {}
for r in REPS:
    res = {"R1": [], "R2": [], "R3": [], "R4": []}
    rows = sorted({k.split(".")[1] for k in r.facts if k.startswith("requests.")})
    outcome_rows = [x for x in rows if x.startswith(OUTCOME_PREFIX) and x not in ("other_org",)]
    for col in COLS + ["total"]:
        ks = ["requests.%s.%s" % (x, col) for x in ("new", "carried_in", "handled", "carried_out")]
        res["R1"].append(_check(r, ks, lambda v: (v[0] or 0) + (v[1] or 0), lambda v: (v[2] or 0) + (v[3] or 0), TAINTED))
        oks = ["requests.%s.%s" % (x, col) for x in outcome_rows
               if r.facts.get("requests.%s.%s" % (x, col), {}).get("state") != "absent"]
        ks2 = ["requests.handled.%s" % col] + oks
        res["R2"].append(_check(r, ks2, lambda v: v[0], lambda v: sum(x or 0 for x in v[1:]), TAINTED))
    for row in rows:
        ks = ["requests.%s.%s" % (row, c) for c in COLS + ["total"]]
        if any(r.facts.get(k, {}).get("state") == "absent" for k in ks):
            continue
        res["R3"].append(_check(r, ks, lambda v: v[-1], lambda v: sum(x or 0 for x in v[:-1]), TAINTED))
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        ks = ["review.%s.%s" % (g, c) for c in ("upheld", "corrected", "other", "pending", "total")]
        res["R4"].append(_check(r, ks, lambda v: v[-1], lambda v: sum(v[:-1]), TAINTED))
    RULES[r.file] = {k: ("fail" if "fail" in v else "pass") for k, v in res.items()}
    # sanity: agrees with the gold's own verdicts
    for k, verdict in r.d["checks"].items():
        assert verdict.startswith(RULES[r.file][k]), (r.file, k, verdict, RULES[r.file][k])
EXPECTED_TAINT = {(H23.file, "review.%s.%s" % (g, c)) for g in ("reconsideration", "lawsuit_after_review")
                  for c in ("upheld", "corrected", "other", "pending", "total")}
assert TAINTED == EXPECTED_TAINT, sorted(TAINTED ^ EXPECTED_TAINT)


# ---------------------------------------------------------------- calculation recorder
class Calc:
    def __init__(self):
        self.cites = []
        self.reports = []
        self.guessed = False

    def _use(self, r, cite):
        if cite not in self.cites:
            self.cites.append(cite)
        if r not in self.reports:
            self.reports.append(r)

    def v(self, r, key, quality=False):
        f = r.facts.get(key)
        if f is None:
            raise Unusable("%s: %s not in this template (absent)" % (r.file, key))
        if f["state"] != "number":
            raise Unusable("%s: %s is %s" % (r.file, key, f["state"]))
        if (r.file, key) in TAINTED and not quality:
            raise Unusable("%s: %s is in a group that fails a balance rule" % (r.file, key))
        if key == "active.procurement.amount" and f.get("unit_assumed"):
            self.guessed = True
        self._use(r, r.file + "#" + key)
        return f["value"]

    def f(self, r):
        self._use(r, r.file)

    @property
    def mixed(self):
        return len({r.year for r in self.reports}) > 1


def unusable(fn):
    """True when fn() raises Unusable (the data cannot give the value)."""
    try:
        fn()
    except Unusable:
        return True
    return False


def ranked(c, reps, key, desc=True):
    vals = [(r, c.v(r, key)) for r in reps]
    return sorted(vals, key=lambda t: t[1], reverse=desc)


def pick(lst, pos):
    """The item at 1-based position pos of a ranked list; no tie allowed there."""
    v = lst[pos - 1][1]
    assert sum(1 for _, x in lst if x == v) == 1, "tie at position %d" % pos
    return lst[pos - 1][0]


# ---------------------------------------------------------------- sections of the sample texts
SECTION_WORDS = [("一", "总体情况"), ("二", "主动公开"), ("三", "收到和处理"), ("四", "行政复议"), ("五", "问题"), ("六", "其他需要报告")]


def sections(r):
    lines = r.text.splitlines()
    starts = []
    want = 0
    for i, line in enumerate(lines):
        if want >= len(SECTION_WORDS):
            break
        num, word = SECTION_WORDS[want]
        m = re.match(r"^[\s#*]*([一二三四五六])、", line)
        if m and m.group(1) == num and word in line:
            starts.append((num, i))
            want += 1
    assert [s for s, _ in starts] == [s for s, _ in SECTION_WORDS], (r.file, starts)
    out = {}
    for k, (num, i) in enumerate(starts):
        j = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        out[num] = "\n".join(lines[i:j])
    return out


def passage(c, r, section, *phrases):
    secs = sections(r)
    for ph in phrases:
        where = [s for s, t in secs.items() if ph in t]
        assert where == [section], (r.file, ph, where)
    c.f(r)
    return {"kind": "passages", "files": [r.file], "sections": [section]}


def mentions(c, reps, word):
    hits = []
    for r in reps:
        assert r.text is not None, "no text for %s" % r.file
        if word in r.text:
            hits.append(r.agency)
            c.f(r)
    return hits


def num(v, unit):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def agency(r):
    return {"kind": "agency", "value": r.agency}


def lst(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def boolean(b):
    return {"kind": "boolean", "value": bool(b)}


def unans(check):
    assert check, "the data CAN answer this"
    return {"kind": "unanswerable"}


# ---------------------------------------------------------------- the cases
CASES = {}


def case(n):
    def deco(fn):
        CASES["h69-%03d" % n] = fn
        return fn
    return deco


PEN, LIC, COE = "active.penalty.decisions", "active.licensing.decisions", "active.coercion.decisions"
AMT, PRJ, FEE = "active.procurement.amount", "active.procurement.projects", "active.fees.amount"
NEW, HAND = "requests.new.total", "requests.handled.total"


@case(1)
def _(c): return num(c.v(H24, LIC), "count")
@case(2)
def _(c): return num(c.v(H23, FEE), "yuan")
@case(3)
def _(c): return num(c.v(H23, FEE) - c.v(H24, FEE), "yuan")  # a fall, stated as a positive amount
@case(4)
def _(c): return num(sum(c.v(r, PRJ) for r in REPS if r.province == "福建省" and r.year == 2020), "count")
@case(5)
def _(c): return num(sum(1 for r in FIVE if c.v(r, AMT) > 100000), "count")
@case(6)
def _(c): return agency(pick(ranked(c, FIVE, AMT), 2))
@case(7)
def _(c): return num(c.v(YZ, AMT) / c.v(YZ, PRJ), "yuan")
@case(8)
def _(c): return pct(c.v(H24, "requests.unavailable_not_held.total"), c.v(H24, HAND))
@case(9)
def _(c): return boolean(c.v(H24, PEN) < c.v(H23, PEN))
@case(10)
def _(c):
    g = [c.v(H23, "review.reconsideration." + x, quality=True) for x in ("upheld", "corrected", "other", "pending", "total")]
    return boolean(sum(g[:4]) == g[4])
@case(11)
def _(c):
    g = [c.v(H23, "review.lawsuit_after_review." + x, quality=True) for x in ("upheld", "corrected", "other", "pending", "total")]
    return num(sum(g[:4]) - g[4], "count")
@case(12)
def _(c): return unans(unusable(lambda: Calc().v(H23, "review.reconsideration.corrected")))
@case(13)
def _(c): return unans(unusable(lambda: Calc().v(WQ, "requests.carried_out.total")))
@case(14)
def _(c): return num(sum(1 for r in REPS if r.template == "2021"), "count")
@case(15)
def _(c):
    so = [r for r in REPS if r.kind == "street_office"]
    assert len({r.agency for r in so}) == 1
    return agency(so[0])
@case(16)
def _(c): return passage(c, YZ, "五", "信息公开范围单一", "信息发布格式有待规范")
@case(17)
def _(c): return passage(c, EQ, "五", "下一步我局政府信息与政务公开工作重点", "进一步规范公开时间")
@case(18)
def _(c):
    Calc().v(LC, PRJ)  # the earlier turn is answerable
    return num(c.v(WQ, PRJ), "count")
@case(19)
def _(c): return num(c.v(H24, NEW) - c.v(H23, NEW), "count")
@case(20)
def _(c): return pct(c.v(LC, PEN), c.v(YZ, PEN))
# ---- 021-040
@case(21)
def _(c): return num(c.v(H24, COE), "count")
@case(22)
def _(c): return num(c.v(LC, "active.penalty.change"), "count")
@case(23)
def _(c): return agency(pick(ranked(c, Y2020, NEW), 1))
@case(24)
def _(c): return agency(pick(ranked(c, REPS, PEN), 3))
@case(25)
def _(c): return num(c.v(H23, LIC) + c.v(H24, LIC), "count")
@case(26)
def _(c): return num(sum(c.v(r, PRJ) for r in FIVE) / len(FIVE), "count")
@case(27)
def _(c): return num(c.v(LC, PRJ) - c.v(EQ, PRJ), "count")
@case(28)
def _(c): return boolean(c.v(H24, LIC) > 10 * c.v(H23, LIC) and c.v(H24, LIC) > 11 * c.v(H23, LIC))
@case(29)
def _(c): return num(sum(1 for r in FIVE if c.v(r, PEN) == 0), "count")
@case(30)
def _(c): return pct(c.v(H24, "requests.granted.total"), c.v(H24, HAND))
@case(31)
def _(c): return agency(pick(ranked(c, [GA, WQ], PRJ), 1))
@case(32)
def _(c): return unans(unusable(lambda: Calc().v(H24, AMT)))
@case(33)
def _(c):
    js = {r.agency for r in REPS if r.province == "江苏省"}
    assert len(js) == 1
    return agency(H24)
@case(34)
def _(c): return passage(c, WQ, "五", "答复依申请公开处理水平有待提高", "细化重点领域信息公开内容")
@case(35)
def _(c): return lst(mentions(c, BUREAUS, "领导小组"))
@case(36)
def _(c):
    Calc().v(H23, PEN)
    return num(c.v(H24, PEN), "count")
@case(37)
def _(c):
    second = pick(ranked(Calc(), Y2020, PRJ), 2)
    return num(c.v(second, AMT), "yuan")
@case(38)
def _(c): return num(c.v(GA, "active.penalty.prev_items") + c.v(EQ, "active.penalty.prev_items"), "count")
@case(39)
def _(c): return num(c.v(H24, "active.normative.in_force"), "count")
@case(40)
def _(c): return num(c.v(H24, "review.lawsuit_after_review.other"), "count")
# ---- 041-060
@case(41)
def _(c): return num(c.v(H23, NEW), "count")
@case(42)
def _(c): return boolean(c.v(YZ, "requests.granted.total") == c.v(YZ, HAND) > 0)
@case(43)
def _(c): return num(c.v(WQ, "requests.unavailable_not_held.total"), "count")
@case(44)
def _(c): return agency(pick(ranked(c, FIVE, AMT, desc=False), 2))
@case(45)
def _(c): return num(c.v(H23, COE) - c.v(H24, COE), "count")
@case(46)
def _(c): return num(sum(c.v(r, AMT) for r in FIVE if r.province == "浙江省"), "yuan")
@case(47)
def _(c): return num(sum(c.v(r, NEW) for r in Y2020) / len(Y2020), "count")
@case(48)
def _(c): return num(sum(1 for r in REPS if c.v(r, NEW) >= 2), "count")
@case(49)
def _(c): return unans(find("鹿城区", 2018) == [])
@case(50)
def _(c): return passage(c, LC, "一", "通过举办统计开放日活动等方式公开统计信息")
@case(51)
def _(c): return passage(c, YZ, "二", "积极开展统计普法宣传")
@case(52)
def _(c): return lst(sorted({r.agency for r in REPS if r.province == "福建省"}))
@case(53)
def _(c): return num(len({r.agency for r in REPS}), "count")
@case(54)
def _(c):
    Calc().v(H24, "review.reconsideration.total")  # the earlier turn is answerable
    return unans(unusable(lambda: Calc().v(H23, "review.reconsideration.total")))
@case(55)
def _(c):
    order = ranked(Calc(), Y2020, AMT)
    first, second = pick(order, 1), pick(order, 2)
    return num(c.v(first, AMT) - c.v(second, AMT), "yuan")
@case(56)
def _(c): return boolean(c.v(H24, "review.lawsuit_after_review.total") > c.v(H24, "review.reconsideration.total"))
@case(57)
def _(c): return num(c.v(EQ, "active.coercion.prev_items"), "count")
@case(58)
def _(c):
    tot = sum(c.v(r, PEN) for r in FIVE)
    return pct(c.v(LC, PEN), tot)
@case(59)
def _(c): return unans(unusable(lambda: Calc().v(GA, "requests.unavailable_not_held.total")))
@case(60)
def _(c): return boolean(c.v(WQ, AMT) / c.v(WQ, PRJ) < 10000)
# ---- 061-080
@case(61)
def _(c): return num(c.v(H24, "requests.unavailable_not_held.total"), "count")
@case(62)
def _(c): return num(c.v(YZ, PRJ), "count")
@case(63)
def _(c): return num(c.v(H24, FEE), "yuan")
@case(64)
def _(c): return agency(pick(ranked(c, FIVE, "active.penalty.prev_items"), 1))
@case(65)
def _(c): return agency(pick(ranked(c, FIVE, PRJ), 3))
@case(66)
def _(c):
    amt = sum(c.v(r, AMT) for r in FIVE)
    prj = sum(c.v(r, PRJ) for r in FIVE)
    return num(amt / prj, "yuan")
@case(67)
def _(c):
    a, b = c.v(H23, "active.normative.in_force"), c.v(H24, "active.normative.in_force")
    return pct(b - a, a)
@case(68)
def _(c): return boolean(c.v(GA, AMT) > c.v(WQ, AMT))
@case(69)
def _(c): return num(sum(1 for r in FIVE if c.v(r, PRJ) >= 10), "count")
@case(70)
def _(c): return pct(c.v(H23, "requests.partial.total"), c.v(H23, HAND))
@case(71)
def _(c): return unans(unusable(lambda: Calc().v(H24, "requests.other_no_fee.total")))
@case(72)
def _(c): return num(c.v(LC, NEW) + c.v(YZ, NEW), "count")
@case(73)
def _(c): return boolean(LC.template == "2021")
@case(74)
def _(c): return lst(sorted({r.agency for r in REPS if r.province == "福建省" and r.agency.endswith("统计局")}))
@case(75)
def _(c): return passage(c, WQ, "一", "加强平台建设", "规范管理政务新媒体平台")
@case(76)
def _(c): return passage(c, GA, "五", "改进情况", "办公室定期组织各科室自查")
@case(77)
def _(c):
    Calc().v(H24, NEW)
    return num(c.v(H24, "requests.granted.total"), "count")
@case(78)
def _(c):
    order = ranked(Calc(), FIVE, AMT)
    hi, lo = pick(order, 1), pick(order, len(order))
    return pct(c.v(hi, AMT), c.v(lo, AMT))
@case(79)
def _(c): return boolean(c.v(H24, COE) < c.v(H23, COE))
@case(80)
def _(c): return num(sum(c.v(H24, "review.%s.total" % g) for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")), "count")
# ---- 081-100
@case(81)
def _(c): return num(c.v(H23, "active.normative.repealed"), "count")
@case(82)
def _(c): return num(c.v(GA, "requests.withheld_third_party.total"), "count")
@case(83)
def _(c): return num(c.v(H24, "review.reconsideration.total"), "count")
@case(84)
def _(c):
    per = sorted(((r, c.v(r, AMT) / c.v(r, PRJ)) for r in FIVE), key=lambda t: t[1], reverse=True)
    return agency(pick(per, 1))
@case(85)
def _(c): return num(sum(c.v(r, PEN) for r in Y2020), "count")
@case(86)
def _(c): return num(c.v(WQ, NEW) - c.v(YZ, NEW), "count")
@case(87)
def _(c): return num(sum(1 for r in FIVE if c.v(r, AMT) < 80000), "count")
@case(88)
def _(c): return boolean(c.v(H23, FEE) > c.v(H24, FEE))
@case(89)
def _(c):
    t = {g: c.v(H24, "review.%s.total" % g) for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")}
    return pct(t["lawsuit_after_review"], sum(t.values()))
@case(90)
def _(c): return unans(not any("staff" in k or "personnel" in k for r in REPS for k in r.facts))
@case(91)
def _(c): return num(c.v(H23, COE) + c.v(H24, COE), "count")
@case(92)
def _(c): return num(sum(1 for r in REPS if r.year == 2020), "count")
@case(93)
def _(c):
    gov = {r.agency for r in REPS if r.kind == "government"}
    assert len(gov) == 1
    return agency(H23)
@case(94)
def _(c): return lst(mentions(c, Y2020, "民法典"))
@case(95)
def _(c): return passage(c, LC, "五", "两个方面的不足", "政务公开意识和网站信息发布审核机制有待加强")
@case(96)
def _(c):
    Calc().v(YZ, NEW)
    return num(c.v(LC, NEW), "count")
@case(97)
def _(c):
    order = ranked(Calc(), FIVE, PRJ)
    pick(order, 1)
    fewest = pick(order, len(order))
    return num(c.v(fewest, PRJ), "count")
@case(98)
def _(c): return num(c.v(H24, PEN) - c.v(H24, COE), "count")
@case(99)
def _(c): return pct(c.v(H24, NEW), c.v(H23, NEW) + c.v(H24, NEW))
@case(100)
def _(c): return num(c.v(EQ, AMT), "yuan")
# ---- 101-120
@case(101)
def _(c): return num(c.v(H23, "requests.withheld_secret.total"), "count")
@case(102)
def _(c): return boolean(c.v(H24, LIC) > c.v(H24, PEN))
@case(103)
def _(c): return boolean(c.v(LC, AMT) > 100000)
@case(104)
def _(c):
    bureaus = [r for r in FIVE if r.agency.endswith("统计局")]
    return agency(pick(ranked(c, bureaus, PRJ, desc=False), 1))
@case(105)
def _(c): return num(c.v(H23, PEN) + c.v(H24, PEN), "count")
@case(106)
def _(c): return num(c.v(YZ, AMT) - c.v(GA, AMT), "yuan")
@case(107)
def _(c): return num(len({r.agency for r in REPS if r.province == "浙江省" and c.v(r, "requests.partial.total") > 0}), "count")
@case(108)
def _(c): return boolean(c.v(EQ, NEW) == 0)
@case(109)
def _(c):
    u = sum(c.v(H24, "requests.unavailable_%s.total" % x) for x in ("not_held", "needs_creation", "unclear"))
    return pct(u, c.v(H24, HAND))
@case(110)
def _(c):
    bad = 0
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        v = [c.v(H23, "review.%s.%s" % (g, x), quality=True) for x in ("upheld", "corrected", "other", "pending", "total")]
        bad += sum(v[:4]) != v[4]
    return num(bad, "count")
@case(111)
def _(c): return unans(find("南京") == [] and all(r.city == "福州市" for r in find("鼓楼区")))
@case(112)
def _(c):
    hn = [r for r in REPS if r.province == "河南省"]
    assert len(hn) == 1
    return agency(hn[0])
@case(113)
def _(c): return num(len({r.province for r in REPS}), "count")
@case(114)
def _(c): return passage(c, YZ, "五", "落实以下改进措施", "拓展信息公开范围")
@case(115)
def _(c): return lst(mentions(c, BUREAUS, "统计开放日"))
@case(116)
def _(c):
    Calc().v(LC, PEN)
    return num(c.v(YZ, PEN), "count")
@case(117)
def _(c):
    second = pick(ranked(Calc(), FIVE, AMT), 2)
    Calc().v(second, PRJ)
    return num(c.v(second, AMT) / c.v(second, PRJ), "yuan")
@case(118)
def _(c): return pct(c.v(H24, LIC), c.v(H23, LIC))
@case(119)
def _(c): return num(sum(c.v(r, PRJ) for r in Y2020) / len(Y2020), "count")
@case(120)
def _(c): return unans(unusable(lambda: Calc().v(YZ, "active.fees.amount")))


# ---------------------------------------------------------------- compare
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}


def compare(case_, exp, c):
    errs = []
    e = case_.get("expect", {})
    if e.get("kind") != exp["kind"]:
        return ["kind %r, recomputed %r" % (e.get("kind"), exp["kind"])]
    k = exp["kind"]
    if k == "number":
        if e.get("unit") != exp["unit"]:
            errs.append("unit %r, recomputed %r" % (e.get("unit"), exp["unit"]))
        if not isinstance(e.get("value"), (int, float)) or abs(e["value"] - exp["value"]) > 0.0051:
            errs.append("value %r, recomputed %r" % (e.get("value"), exp["value"]))
        for y in range(2015, 2031):
            if isinstance(e.get("value"), (int, float)) and abs(e["value"] - y) <= 0.005 * y:
                errs.append("number answer %r is indistinguishable from the year %d" % (e["value"], y))
    elif k in ("agency", "boolean"):
        if e.get("value") != exp["value"]:
            errs.append("value %r, recomputed %r" % (e.get("value"), exp["value"]))
    elif k == "list":
        if bool(e.get("ordered")) != exp["ordered"]:
            errs.append("ordered %r, recomputed %r" % (e.get("ordered"), exp["ordered"]))
        got, want = e.get("values"), exp["values"]
        same = got == want if exp["ordered"] else sorted(map(str, got or [])) == sorted(map(str, want))
        if not same:
            errs.append("values %r, recomputed %r" % (got, want))
    elif k == "passages":
        if e.get("files") != exp["files"] or e.get("sections") != exp["sections"]:
            errs.append("passages %r/%r, recomputed %r/%r" % (e.get("files"), e.get("sections"), exp["files"], exp["sections"]))
    # cites
    got = case_.get("cite", [])
    if len(got) != len(set(got)):
        errs.append("duplicate cites")
    if sorted(got) != sorted(c.cites):
        errs.append("cite %r, rebuilt %r" % (sorted(got), sorted(c.cites)))
    bad = [x for x in got if not CITE_RE.match(x)]
    if bad:
        errs.append("malformed cite %r" % bad)
    # derived tags
    tags = case_.get("tags", [])
    if ("guessed_unit" in tags) != c.guessed:
        errs.append("guessed_unit tag %r, rebuilt %r" % ("guessed_unit" in tags, c.guessed))
    if ("mixed_years" in tags) != c.mixed:
        errs.append("mixed_years tag %r, rebuilt %r" % ("mixed_years" in tags, c.mixed))
    # a ranking that holds both Hongze reports must say which year, or name it in the answer
    files = {x.split("#")[0] for x in got}
    if k in ("agency", "list") and {H23.file, H24.file} <= files:
        q = case_["question"]
        if not (("2023" in q and "2024" in q) or "两年" in q or "both years" in q.lower()):
            errs.append("ranking over both Hongze reports does not say which year")
    # a failing-group cell outside a quality case
    if "quality" not in tags and any((x.split("#")[0], x.split("#")[1]) in TAINTED for x in got if "#" in x):
        errs.append("cites a cell of a failing group outside a quality case")
    return errs


def main():
    with open(JSONL, encoding="utf-8") as fh:
        lines = [ln for ln in fh.read().splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    ok = 0
    problems = []
    if len(cases) != N_CASES:
        problems.append("file: %d cases, expected %d" % (len(cases), N_CASES))
    ids = [x.get("id") for x in cases]
    want_ids = ["h69-%03d" % i for i in range(1, N_CASES + 1)]
    if ids != want_ids:
        problems.append("file: ids are not h69-001 … h69-%03d in order" % N_CASES)
    zh = sum("zh" in x.get("tags", []) for x in cases)
    en = sum("en" in x.get("tags", []) for x in cases)
    if (zh, en) != (60, 60):
        problems.append("file: %d zh and %d en, expected 60 and 60" % (zh, en))
    for case_ in cases:
        cid = case_.get("id")
        errs = []
        extra = set(case_) - {"id", "question", "turns", "expect", "cite", "tags"}
        if extra:
            errs.append("unknown fields %r" % sorted(extra))
        if not str(case_.get("question", "")).strip():
            errs.append("blank question")
        turns = case_.get("turns", [])
        if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns):
            errs.append("turns must be a list of non-blank strings")
        if bool(turns) != ("multiturn" in case_.get("tags", [])):
            errs.append("multiturn tag and turns disagree")
        if case_.get("expect", {}).get("kind") not in KINDS:
            errs.append("unknown kind")
        lang = "zh" if int(cid[-3:]) <= 60 else "en"
        if lang not in case_.get("tags", []) or ({"zh", "en"} - {lang}) & set(case_.get("tags", [])):
            errs.append("language tag should be %s" % lang)
        fn = CASES.get(cid)
        if fn is None:
            errs.append("no reference rule")
        else:
            c = Calc()
            try:
                exp = fn(c)
                errs += compare(case_, exp, c)
            except (Unusable, AssertionError) as ex:
                errs.append("reference rule failed: %s" % ex)
        if errs:
            problems.append("%s: %s" % (cid, "; ".join(errs)))
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    print("SUMMARY %d/%d" % (ok, N_CASES))
    sys.exit(0 if ok == N_CASES and not problems else 1)


if __name__ == "__main__":
    main()
