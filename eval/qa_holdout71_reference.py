#!/usr/bin/env python3
"""Recompute every expected answer of eval/qa_holdout71.jsonl from the hand-checked gold.

Stdlib only. Reads tests/fixtures/gold/*.json (cell values, states, units, metadata) and, for
passage and mention cases, data/samples/*.txt (section text). For each case it recomputes the
expected answer, rebuilds the cite list from the cells it actually used, and rebuilds the
`guessed_unit` and `mixed_years` tags. It prints every mismatch, then "SUMMARY n/120", and exits 0
only when all 120 cases agree.

Rules enforced while computing (DOMAIN.md):
- only cells whose state is "number" give a value; a blank or absent cell raises Unusable;
- a cell of a group that fails R1-R4 raises Unusable, except in a question about the failure;
- money is in yuan (gold already stores Hongze fees x 10000 and the 万元 procurement cell as yuan);
- rankings refuse ties at the positions asked for.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD_DIR = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES = os.path.join(ROOT, "data", "samples")
CASES = os.path.join(ROOT, "eval", "qa_holdout71.jsonl")

GL, LC, YZ, WQ, EQ, H3, H4 = "GL", "LC", "YZ", "WQ", "EQ", "H3", "H4"
GOLD_FILE = {
    GL: "000_2133ae744f48d674.json", LC: "001_19df74b8cb7281a4.json", YZ: "002_c42cd15df52a6935.json",
    WQ: "003_acfa5b9243423631.json", EQ: "004_5206fb2196a31c52.json",
    H3: "hongze-qu-gov-2023.json", H4: "hongze-qu-gov-2024.json",
}
CITE_FILE = {
    GL: "000_2133ae744f48d674.txt", LC: "001_19df74b8cb7281a4.txt", YZ: "002_c42cd15df52a6935.txt",
    WQ: "003_acfa5b9243423631.txt", EQ: "004_5206fb2196a31c52.txt",
    H3: "hongze-qu-gov-2023.pdf", H4: "hongze-qu-gov-2024.pdf",
}
ALL = [GL, LC, YZ, WQ, EQ, H3, H4]
OLD = [GL, LC, YZ, WQ, EQ]  # 2019 template reports (2019 and 2020)

G = {r: json.load(open(os.path.join(GOLD_DIR, f), encoding="utf-8")) for r, f in GOLD_FILE.items()}
assert sorted(os.path.basename(p) for p in glob.glob(os.path.join(GOLD_DIR, "*.json"))) == sorted(GOLD_FILE.values())


class Unusable(Exception):
    """The data cannot answer: blank/absent cell, failing group, missing report or field."""


def agency(r):
    return G[r]["agency"]


def year(r):
    return G[r]["year"]


def kind_of(r):
    k = G[r].get("agency_kind")
    if k:
        return k
    return "government" if "人民政府" in agency(r) else "department"


# ---- balance rules: which cells belong to a failing group ----
REQ_COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
                "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation"]


def _num(r, key):
    c = G[r]["facts"].get(key)
    return c["value"] if c and c["state"] == "number" else None


def failing_cells(r):
    bad = set()
    f = G[r]["facts"]
    # R1 per column
    for col in REQ_COLS:
        vals = [_num(r, f"requests.{row}.{col}") for row in ("new", "carried_in", "handled", "carried_out")]
        if None not in vals and abs(vals[0] + vals[1] - vals[2] - vals[3]) > 1e-9:
            bad.update(f"requests.{row}.{col}" for row in ("new", "carried_in", "handled", "carried_out"))
    # R2 per column (outcome rows that exist as numbers)
    rows = OUTCOME_2019 + [k.split(".")[1] for k in f if k.startswith("requests.other") and k.endswith(".total")]
    rows = list(dict.fromkeys(rows))
    for col in REQ_COLS:
        cells = [f"requests.{row}.{col}" for row in rows if f.get(f"requests.{row}.{col}", {}).get("state") in ("number", "blank")]
        vals = [_num(r, cell) for cell in cells]
        h = _num(r, f"requests.handled.{col}")
        if h is None or None in vals:
            continue
        if abs(sum(vals) - h) > 1e-9:
            bad.update(cells + [f"requests.handled.{col}"])
    # R3 per row
    rowset = {k.split(".")[1] for k in f if k.startswith("requests.")}
    for row in rowset:
        vals = [_num(r, f"requests.{row}.{c}") for c in REQ_COLS]
        if None in vals:
            continue
        if abs(sum(vals[:6]) - vals[6]) > 1e-9:
            bad.update(f"requests.{row}.{c}" for c in REQ_COLS)
    # R4 per group
    for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        vals = [_num(r, f"review.{grp}.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]
        if None not in vals and abs(sum(vals[:4]) - vals[4]) > 1e-9:
            bad.update(f"review.{grp}.{c}" for c in ("upheld", "corrected", "other", "pending", "total"))
    return bad


FAILING = {r: failing_cells(r) for r in ALL}
assert FAILING[H3] and not any(FAILING[r] for r in ALL if r != H3), FAILING


class Ctx:
    def __init__(self, quality=False):
        self.cells = []
        self.files = []
        self.quality = quality

    def v(self, r, key):
        c = G[r]["facts"].get(key)
        if c is None or c["state"] != "number":
            raise Unusable(f"{r} {key}: {c['state'] if c else 'no such cell'}")
        if key in FAILING[r] and not self.quality:
            raise Unusable(f"{r} {key}: group fails a balance rule")
        if (r, key) not in self.cells:
            self.cells.append((r, key))
        return c["value"]

    def cites(self):
        return [f"{CITE_FILE[r]}#{k}" for r, k in self.cells] + list(self.files)

    def guessed(self):
        return any(G[r]["facts"][k].get("unit_assumed") for r, k in self.cells)

    def mixed(self):
        return len({year(r) for r, _ in self.cells}) > 1


def rank(ctx, reps, key, desc=True, positions=1):
    """Agencies ordered by key; refuses a tie touching the first `positions` places."""
    vals = [(r, ctx.v(r, key)) for r in reps]
    vals.sort(key=lambda t: -t[1] if desc else t[1])
    for i in range(min(positions, len(vals) - 1)):
        if vals[i][1] == vals[i + 1][1]:
            raise AssertionError(f"tie at position {i + 1} for {key}")
    return vals


def pct(a, b):
    return a / b * 100


# ---- section text of the samples ----
SECTION_WORDS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议",
                 "五": "主要问题", "六": "其他需要报告"}


def sections(r):
    text = open(os.path.join(SAMPLES, CITE_FILE[r]), encoding="utf-8").read().splitlines()
    out, cur = {}, None
    for line in text:
        m = re.match(r"^[#\s*]*([一二三四五六])、(.*)$", line.strip())
        if m and SECTION_WORDS[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def passage(ctx, r, sec, *words):
    s = sections(r).get(sec, "")
    for w in words:
        if w not in s:
            raise AssertionError(f"{r} section {sec} lacks {w!r}")
    ctx.files.append(CITE_FILE[r])
    return {"kind": "passages", "files": [CITE_FILE[r]], "sections": [sec]}


def mentions(ctx, reps, word):
    hits = []
    for r in reps:
        if word in open(os.path.join(SAMPLES, CITE_FILE[r]), encoding="utf-8").read():
            hits.append(r)
            ctx.files.append(CITE_FILE[r])
    return hits


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def A(r):
    return {"kind": "agency", "value": agency(r)}


def L(values, ordered=False):
    return {"kind": "list", "values": values, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def U(fn):
    try:
        fn()
    except Unusable:
        return {"kind": "unanswerable"}
    raise AssertionError("expected the data to be unable to answer")


def no_report(pred):
    if any(pred(r) for r in ALL):
        return
    raise Unusable("no such report")


def no_field(word):
    for r in ALL:
        for k in G[r]["facts"]:
            if word in k:
                return
    raise Unusable(f"no field {word}")


Y2020 = [r for r in ALL if year(r) == 2020]

# ---- the cases: id -> function(ctx) -> expect ----
C = {}


def case(n, quality=False):
    def deco(fn):
        C[f"h71-{n:03d}"] = (fn, quality)
        return fn
    return deco


# 001-020 街道党工委书记 (汇报)
case(1)(lambda c: N(c.v(WQ, "requests.unavailable_not_held.total")))
case(2)(lambda c: N(c.v(H4, "active.licensing.decisions")))
case(3)(lambda c: N(sum(c.v(r, "active.procurement.projects") for r in Y2020)))
case(4)(lambda c: A(rank(c, OLD, "active.penalty.decisions", positions=2)[1][0]))
case(5)(lambda c: N(c.v(H3, "active.penalty.decisions") - c.v(H4, "active.penalty.decisions")))
case(6)(lambda c: N(pct(c.v(H4, "requests.granted.total"), c.v(H4, "requests.handled.total")), "percent"))
case(7)(lambda c: N(sum(1 for r in OLD if c.v(r, "active.procurement.amount") > 100000)))
case(8)(lambda c: B(c.v(LC, "active.penalty.decisions") > c.v(LC, "active.penalty.prev_items")))
case(9)(lambda c: L([agency(r) for r in ALL if G[r]["province"] == "福建省"]))
case(10)(lambda c: A(next(r for r in ALL if kind_of(r) == "street_office")))
case(11)(lambda c: passage(c, WQ, "五", "有待提高"))
case(12)(lambda c: U(lambda: c.v(WQ, "requests.carried_out.total")))
case(13)(lambda c: U(lambda: no_field("party_member")))


@case(14, quality=True)
def _(c):
    vals = [c.v(H3, f"review.reconsideration.{k}") for k in ("upheld", "corrected", "other", "pending", "total")]
    return B(sum(vals[:4]) == vals[4])


case(15)(lambda c: N(sum(c.v(r, "requests.new.total") for r in Y2020) / len(Y2020)))
case(16)(lambda c: N(c.v(YZ, "active.procurement.amount"), "yuan"))
case(17)(lambda c: N(c.v(H3, "active.coercion.decisions") - c.v(H4, "active.coercion.decisions")))
case(18)(lambda c: A(rank(c, [r for r in Y2020 if r in OLD], "active.procurement.projects", positions=2)[1][0]))
case(19)(lambda c: L([agency(r) for r, _ in rank(c, [r for r in Y2020 if r in OLD], "active.penalty.prev_items", positions=4)], True))
case(20)(lambda c: N(pct(c.v(H4, "active.fees.amount"), c.v(H3, "active.fees.amount")), "percent"))

# 021-040 昆明话
case(21)(lambda c: N(c.v(LC, "active.procurement.amount"), "yuan"))
case(22)(lambda c: N(c.v(EQ, "active.coercion.prev_items")))
case(23)(lambda c: B(c.v(H4, "requests.new.total") > c.v(H3, "requests.new.total")))
case(24)(lambda c: N(sum(1 for r in Y2020 if r in OLD and c.v(r, "active.penalty.decisions") == 0)))
case(25)(lambda c: N(sum(c.v(r, "active.procurement.amount") for r in ALL if G[r]["province"] == "浙江省"), "yuan"))
case(26)(lambda c: N(c.v(YZ, "active.procurement.amount") - c.v(LC, "active.procurement.amount"), "yuan"))
case(27)(lambda c: N(c.v(GL, "active.procurement.amount") / c.v(GL, "active.procurement.projects"), "yuan"))
case(28)(lambda c: A(rank(c, OLD, "active.procurement.amount", positions=3)[2][0]))
case(29)(lambda c: N(sum(1 for r in ALL if G[r]["template"] == "2019")))
case(30)(lambda c: N(len({agency(r) for r in ALL})))
case(31)(lambda c: passage(c, EQ, "五", "不足之处", "下一步"))


@case(32)
def _(c):
    hits = mentions(c, [r for r in Y2020 if r in OLD], "统计开放日")
    assert len(hits) == 1
    return A(hits[0])


case(33)(lambda c: U(lambda: c.v(H4, "active.procurement.amount")))
case(34)(lambda c: U(lambda: c.v(GL, "requests.unavailable_not_held.total")))
case(35)(lambda c: N(c.v(WQ, "active.procurement.projects")))
case(36)(lambda c: N(pct(c.v(LC, "active.procurement.amount"), c.v(EQ, "active.procurement.amount")), "percent"))
case(37)(lambda c: B(c.v(YZ, "active.penalty.decisions") > c.v(YZ, "active.penalty.prev_items")))
case(38)(lambda c: A(rank(c, OLD, "requests.new.total", positions=1)[0][0]))
case(39)(lambda c: B(c.v(WQ, "active.procurement.projects") > c.v(GL, "active.procurement.projects")))
case(40)(lambda c: N(c.v(H4, "active.normative.in_force") - c.v(H3, "active.normative.in_force")))

# 041-060 外卖骑手
case(41)(lambda c: N(c.v(H3, "active.penalty.decisions")))
case(42)(lambda c: N(c.v(EQ, "active.procurement.projects")))
case(43)(lambda c: N(c.v(YZ, "requests.new.person")))
case(44)(lambda c: N(c.v(H3, "active.licensing.decisions") + c.v(H4, "active.licensing.decisions")))
case(45)(lambda c: A(rank(c, [r for r in ALL if r != H4], "active.penalty.decisions", positions=1)[0][0]))
case(46)(lambda c: N(sum(1 for r in ALL if c.v(r, "requests.new.total") > 10)))
case(47)(lambda c: B(c.v(LC, "active.procurement.amount") > 80000))
case(48)(lambda c: N(c.v(GL, "active.procurement.amount") - c.v(WQ, "active.procurement.amount"), "yuan"))
case(49)(lambda c: N(pct(c.v(H3, "requests.partial.total"), c.v(H3, "requests.handled.total")), "percent"))
case(50)(lambda c: N((c.v(LC, "active.penalty.decisions") + c.v(YZ, "active.penalty.decisions")) / 2))
case(51)(lambda c: N(c.v(H3, "requests.new.total")))
case(52)(lambda c: N(c.v(H4, "review.reconsideration.total") + c.v(H4, "review.lawsuit_after_review.total")))
case(53)(lambda c: U(lambda: c.v(H3, "review.reconsideration.corrected")))
case(54)(lambda c: U(lambda: no_report(lambda r: "二七" in agency(r) and year(r) == 2021)))
case(55)(lambda c: passage(c, LC, "五", "加强学习", "创新工作"))
case(56)(lambda c: N(sum(1 for r in ALL if not G[r]["published"])))


@case(57)
def _(c):
    multi = [a for a in {agency(r) for r in ALL} if sum(agency(r) == a for r in ALL) > 1]
    assert len(multi) == 1
    return {"kind": "agency", "value": multi[0]}


case(58)(lambda c: L([agency(r) for r, _ in rank(c, OLD, "active.procurement.projects", positions=3)[:3]], True))
case(59)(lambda c: B(c.v(WQ, "active.penalty.decisions") == 0))


@case(60)
def _(c):
    hits = mentions(c, [r for r in Y2020 if r in OLD], "营商环境")
    assert len(hits) == 1
    return A(hits[0])


# 061-080 Welsh pensioner
case(61)(lambda c: N(c.v(H4, "active.coercion.decisions")))
case(62)(lambda c: N(c.v(YZ, "active.procurement.projects")))
case(63)(lambda c: N(c.v(YZ, "active.procurement.amount") / c.v(YZ, "active.procurement.projects"), "yuan"))
case(64)(lambda c: N(c.v(H4, "requests.new.total") - c.v(H3, "requests.new.total")))
case(65)(lambda c: N(sum(c.v(r, "active.procurement.amount") for r in OLD if G[r]["province"] != "福建省"), "yuan"))
case(66)(lambda c: B(c.v(H4, "active.fees.amount") < c.v(H3, "active.fees.amount")))
case(67)(lambda c: N(sum(1 for r in ALL if c.v(r, "active.licensing.decisions") > 1000)))
case(68)(lambda c: A(rank(c, OLD, "active.penalty.decisions", positions=3)[2][0]))
case(69)(lambda c: N(pct(c.v(H4, "requests.unavailable_not_held.total"), c.v(H4, "requests.handled.total")), "percent"))
case(70)(lambda c: L(sorted({agency(r) for r in ALL if G[r]["province"] == "江苏省"})))
case(71)(lambda c: N(sum(1 for r in ALL if year(r) == 2020)))
case(72)(lambda c: passage(c, YZ, "五", "主要问题"))
case(73)(lambda c: passage(c, YZ, "一", "加强组织领导"))
case(74)(lambda c: U(lambda: no_field("staff")))
case(75)(lambda c: N(c.v(LC, "requests.carried_in.total")))
case(76)(lambda c: B(c.v(LC, "active.procurement.amount") > c.v(EQ, "active.procurement.amount")))


@case(77)
def _(c):
    top = rank(c, OLD, "active.procurement.projects", positions=1)[0][0]
    return N(c.v(top, "active.procurement.amount"), "yuan")


case(78)(lambda c: N(pct(c.v(H3, "active.penalty.decisions"), c.v(H3, "active.licensing.decisions")), "percent"))
case(79)(lambda c: B(c.v(GL, "active.penalty.decisions") > c.v(YZ, "active.penalty.decisions")))
case(80)(lambda c: N(sum(c.v(r, "active.penalty.decisions") for r in OLD)))

# 081-100 thread writer
case(81)(lambda c: N(c.v(H4, "requests.granted.total")))
case(82)(lambda c: N(c.v(H3, "requests.withheld_secret.total")))
case(83)(lambda c: N(pct(c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions"),
                         c.v(H3, "active.licensing.decisions")), "percent"))
case(84)(lambda c: A(rank(c, OLD, "active.procurement.amount", desc=False, positions=2)[1][0]))
case(85)(lambda c: N(sum(1 for r in OLD if c.v(r, "active.procurement.amount") < 100000)))
case(86)(lambda c: N(sum(c.v(r, "active.procurement.amount") for r in Y2020 if r in OLD) / len([r for r in Y2020 if r in OLD]), "yuan"))
case(87)(lambda c: N(sum(c.v(r, "requests.new.total") for r in ALL)))
case(88)(lambda c: B(c.v(H4, "active.coercion.decisions") < c.v(H3, "active.coercion.decisions") / 2))
case(89)(lambda c: N(pct(c.v(H3, "requests.unavailable_not_held.total"), c.v(H3, "requests.handled.total")), "percent"))
case(90)(lambda c: L([agency(r) for r in ALL if agency(r).endswith("统计局")]))
case(91)(lambda c: N(sum(1 for r in ALL if G[r]["template"] == "2021")))
case(92)(lambda c: passage(c, GL, "五", "改进情况", "培训"))
case(93)(lambda c: U(lambda: c.v(H4, "requests.other_no_fee.total")))
case(94)(lambda c: U(lambda: c.v(H3, "review.lawsuit_after_review.upheld")))
case(95)(lambda c: N(c.v(LC, "active.penalty.prev_items")))
case(96)(lambda c: N(pct(c.v(H4, "review.lawsuit_direct.upheld"), c.v(H4, "review.lawsuit_direct.total")), "percent"))
case(97)(lambda c: N(sum(c.v(r, "active.procurement.projects") for r in OLD if G[r]["province"] == "福建省")
                     - sum(c.v(r, "active.procurement.projects") for r in OLD if G[r]["province"] == "河南省")))
case(98)(lambda c: L([agency(r) for r, _ in rank(c, OLD, "active.penalty.decisions", positions=2)[:2]], True))


@case(99, quality=True)
def _(c):
    ok = True
    for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        vals = [c.v(H4, f"review.{grp}.{k}") for k in ("upheld", "corrected", "other", "pending", "total")]
        ok = ok and sum(vals[:4]) == vals[4]
    return B(ok)


case(100)(lambda c: N(c.v(LC, "active.procurement.projects") - c.v(YZ, "active.procurement.projects")))

# 101-120 Victorian letter-writer
case(101)(lambda c: N(c.v(EQ, "active.penalty.decisions")))
case(102)(lambda c: N(c.v(H3, "active.fees.amount"), "yuan"))
case(103)(lambda c: N(c.v(H3, "active.normative.repealed")))
case(104)(lambda c: A(rank(c, OLD, "active.penalty.prev_items", positions=1)[0][0]))
case(105)(lambda c: N(pct(c.v(H4, "requests.partial.total"), c.v(H4, "requests.new.total")), "percent"))
case(106)(lambda c: N(c.v(H4, "requests.unavailable_not_held.total") - c.v(H3, "requests.unavailable_not_held.total")))
case(107)(lambda c: N(len({agency(r) for r in ALL if c.v(r, "requests.new.total") == 0})))
case(108)(lambda c: B(c.v(YZ, "requests.granted.total") == c.v(YZ, "requests.handled.total")))


@case(109)
def _(c):
    dated = sorted((G[r]["published"], r) for r in ALL if G[r]["published"])
    assert dated[0][0] != dated[1][0]
    return A(dated[0][1])


case(110)(lambda c: A(next(r for r in ALL if G[r]["city"] == "宁波市")))
case(111)(lambda c: passage(c, WQ, "一", "监督保障"))
case(112)(lambda c: U(lambda: no_report(lambda r: G[r]["city"] == "南京市")))
case(113)(lambda c: N(c.v(H4, "active.normative.issued")))
case(114)(lambda c: N(c.v(YZ, "requests.new.total") - c.v(LC, "requests.new.total")))
case(115)(lambda c: A(rank(c, OLD, "active.procurement.amount", positions=2)[1][0]))
case(116)(lambda c: N(c.v(H3, "active.coercion.decisions") + c.v(H3, "active.penalty.decisions")))
case(117)(lambda c: N(c.v(H3, "active.coercion.decisions") + c.v(H4, "active.coercion.decisions")))
case(118)(lambda c: B(c.v(WQ, "active.procurement.projects") > c.v(YZ, "active.procurement.projects")))
case(119)(lambda c: N((c.v(H3, "active.penalty.decisions") + c.v(H4, "active.penalty.decisions")) / 2))
case(120)(lambda c: B(G[YZ]["template"] == "2019"))

# voices by id range (and the language of each)
VOICES = [(1, 20, "v-dangjian", "zh"), (21, 40, "v-kunming", "zh"), (41, 60, "v-qishou", "zh"),
          (61, 80, "v-welsh", "en"), (81, 100, "v-thread", "en"), (101, 120, "v-victorian", "en")]


def same_number(a, b):
    return abs(float(a) - float(b)) <= 0.006 + 1e-9 * abs(float(b))


def compare_expect(got, want):
    """Problems between the file's expect (got) and the recomputed one (want)."""
    if got.get("kind") != want["kind"]:
        return [f"kind {got.get('kind')} != {want['kind']}"]
    k = want["kind"]
    if k == "number":
        out = []
        if not same_number(got.get("value"), want["value"]):
            out.append(f"value {got.get('value')} != {round(want['value'], 4)}")
        if got.get("unit") != want["unit"]:
            out.append(f"unit {got.get('unit')} != {want['unit']}")
        return out
    if k in ("agency", "boolean"):
        return [] if got.get("value") == want["value"] else [f"value {got.get('value')!r} != {want['value']!r}"]
    if k == "list":
        gv, wv = got.get("values"), want["values"]
        if bool(got.get("ordered")) != want["ordered"]:
            return [f"ordered {got.get('ordered')} != {want['ordered']}"]
        same = gv == wv if want["ordered"] else sorted(map(str, gv)) == sorted(map(str, wv))
        return [] if same else [f"values {gv} != {wv}"]
    if k == "passages":
        out = []
        if got.get("files") != want["files"]:
            out.append(f"files {got.get('files')} != {want['files']}")
        if got.get("sections") != want["sections"]:
            out.append(f"sections {got.get('sections')} != {want['sections']}")
        return out
    return []  # unanswerable: nothing more to compare


def main():
    lines = [l for l in open(CASES, encoding="utf-8").read().splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    ok = 0
    problems_global = []
    ids = [c["id"] for c in cases]
    if ids != [f"h71-{i:03d}" for i in range(1, 121)]:
        problems_global.append("ids are not h71-001 .. h71-120 in order")
    zh = sum("zh" in c["tags"] for c in cases)
    en = sum("en" in c["tags"] for c in cases)
    if (zh, en) != (60, 60):
        problems_global.append(f"zh/en = {zh}/{en}, want 60/60")
    for case_ in cases:
        cid = case_["id"]
        probs = []
        n = int(cid.split("-")[1])
        if cid not in C:
            print(f"MISMATCH {cid}: no reference computation")
            continue
        fn, quality = C[cid]
        ctx = Ctx(quality=quality)
        try:
            want = fn(ctx)
        except Exception as e:  # noqa: BLE001 - report and go on
            print(f"MISMATCH {cid}: reference failed: {type(e).__name__}: {e}")
            continue
        probs += compare_expect(case_["expect"], want)
        if want["kind"] == "unanswerable":
            ctx.cells, ctx.files = [], []
        want_cite = ctx.cites()
        if sorted(case_.get("cite", [])) != sorted(want_cite) or len(set(case_.get("cite", []))) != len(case_.get("cite", [])):
            probs.append(f"cite {case_.get('cite')} != {want_cite}")
        tags = case_.get("tags", [])
        if ("guessed_unit" in tags) != ctx.guessed():
            probs.append(f"guessed_unit tag should be {ctx.guessed()}")
        if ("mixed_years" in tags) != ctx.mixed():
            probs.append(f"mixed_years tag should be {ctx.mixed()}")
        if ("quality" in tags) != quality:
            probs.append(f"quality tag should be {quality}")
        lang = [l for l in ("zh", "en") if l in tags]
        voice = next(v for v in VOICES if v[0] <= n <= v[1])
        if lang != [voice[3]]:
            probs.append(f"language tags {lang} != [{voice[3]}]")
        if voice[2] not in tags:
            probs.append(f"voice tag {voice[2]} missing")
        if want["kind"] == "unanswerable" and case_.get("cite"):
            probs.append("an unanswerable case cites cells")
        if "turns" in case_ and not (isinstance(case_["turns"], list) and 1 <= len(case_["turns"]) <= 3):
            probs.append("turns must hold 1-3 earlier questions")
        if probs:
            print(f"MISMATCH {cid}: " + "; ".join(probs))
        else:
            ok += 1
    for p in problems_global:
        print("MISMATCH (set): " + p)
    if len(cases) != 120:
        print(f"MISMATCH (set): {len(cases)} cases, want 120")
    total_ok = ok if not problems_global and len(cases) == 120 else min(ok, 119)
    print(f"SUMMARY {total_ok}/120")
    return 0 if total_ok == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
