#!/usr/bin/env python3
"""Independent recomputation of every expected answer of eval/qa_holdout22.jsonl from the gold facts.

Stdlib only. Reads tests/fixtures/gold/*.json (seven reports) and, for passage questions, the five sample
texts in data/samples/. For each case it recomputes the answer (selecting reports by agency-name fragment,
year, province, city, template or agency kind; using only `number` cells; treating every cell of a failing
balance equation R1-R4 as unusable; blank/absent/unreadable cells are never 0), collects the cells it had
to read as the expected citations, derives the `guessed_unit` and `mixed_years` tags, and compares all of
that with the case as written in the JSONL. Exit status 0 only if all 120 cases match.

Run from the project root:  python3 eval/qa_holdout22_reference.py
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout22.jsonl"
VERBOSE = "-v" in sys.argv[1:]

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPLICANTS = COLS[:-1]
OUTCOMES = (["granted", "partial"]
            + ["withheld_" + w for w in ("secret", "law", "safety", "third_party", "internal", "process",
                                         "enforcement", "query")]
            + ["unavailable_" + w for w in ("not_held", "needs_creation", "unclear")]
            + ["declined_" + w for w in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
            + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "存在的主要问题",
                 "六": "其他需要报告"}


class Unusable(Exception):
    """A cell that cannot give a number: blank, absent, unreadable, missing, or in a failing equation."""


class NoReport(Exception):
    """No stored report matches the selection."""


# ----------------------------------------------------------------------------------------------- loading
class Report:
    def __init__(self, d: dict):
        self.d = d
        self.file = d["file"].rsplit("/", 1)[-1]          # citations use the bare file name
        self.agency = d["agency"]
        self.names = [d["agency"], d.get("agency_full") or ""] + [v["text"] for v in d.get("agency_variants", [])]
        self.year = d["year"]
        self.province, self.city, self.county = d["province"], d["city"], d["county"]
        self.template = d["template"]
        # hongze gold files carry no agency_kind: infer from the name (人民政府 = government)
        self.kind = d.get("agency_kind") or ("government" if self.agency.endswith("人民政府") else
                                              "street_office" if "街道" in self.agency else "department")
        self.facts = d["facts"]
        self.narrative = d.get("narrative_numbers", [])
        self.failures, self.unusable = balance(self.facts)
        txt = SAMPLES / self.file
        self.text = txt.read_text(encoding="utf-8") if txt.exists() else None

    def __repr__(self):
        return f"{self.agency}/{self.year}"


def state(facts, key):
    f = facts.get(key)
    return "missing" if f is None else f["state"]


def balance(facts):
    """Evaluate R1-R4 independently; return (failed equation names, set of keys of failing equations)."""
    failed, bad = [], set()

    def val(key):
        return facts[key]["value"] if state(facts, key) == "number" else None

    def check(name, lhs_keys, rhs_keys):
        keys = lhs_keys + rhs_keys
        if any(state(facts, k) in ("blank", "unreadable") for k in keys):
            return                                   # not checkable
        lhs = sum(val(k) or 0 for k in lhs_keys if state(facts, k) == "number")
        rhs = sum(val(k) or 0 for k in rhs_keys if state(facts, k) == "number")
        if not any(state(facts, k) == "number" for k in keys):
            return
        if abs(lhs - rhs) > 1e-9:
            failed.append(name)
            bad.update(k for k in keys if k in facts)

    for c in COLS:
        check(f"R1[{c}]", [f"requests.new.{c}", f"requests.carried_in.{c}"],
              [f"requests.handled.{c}", f"requests.carried_out.{c}"])
        check(f"R2[{c}]", [f"requests.handled.{c}"], [f"requests.{r}.{c}" for r in OUTCOMES])
    for r in ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]:
        if f"requests.{r}.total" in facts:
            check(f"R3[{r}]", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in APPLICANTS])
    for g in REVIEW_GROUPS:
        check(f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS])
    return failed, bad


REPORTS = [Report(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(GOLD.glob("*.json"))]
assert len(REPORTS) == 7, f"expected the seven gold reports in {GOLD}, found {len(REPORTS)}"


# ----------------------------------------------------------------------------------------------- selection
def find(frag=None, year=None, province=None, city=None, template=None, kind=None):
    out = []
    for r in REPORTS:
        if frag and not any(frag in n for n in r.names if n):
            continue
        if year is not None and r.year != year:
            continue
        if province and r.province != province:
            continue
        if city and r.city != city:
            continue
        if template and r.template != template:
            continue
        if kind and r.kind != kind:
            continue
        out.append(r)
    if not out:
        raise NoReport(f"no report for {frag} {year} {province} {city} {template} {kind}")
    return out


def one(frag=None, year=None, **kw):
    rs = find(frag, year, **kw)
    if len(rs) != 1:
        raise AssertionError(f"selection {frag} {year} {kw} is not unique: {rs}")
    return rs[0]


# ----------------------------------------------------------------------------------------------- cells
CITES: list[str] = []


def cite(x: str):
    if x not in CITES:
        CITES.append(x)


def money_check(r: Report, key: str, f: dict):
    """Recompute a money cell in yuan from its raw text and the printed/assumed unit."""
    raw = str(f["raw"]).replace("元", "").replace("万", "").strip()
    unit = f.get("unit_printed") or f.get("unit_assumed") or "元"
    yuan = float(raw) * (10000 if unit == "万元" else 1)
    assert abs(yuan - f["value"]) < 0.005, f"{r} {key}: raw {f['raw']} ({unit}) -> {yuan} != {f['value']}"


def peek(r: Report, key: str):
    f = r.facts.get(key)
    if f is None:
        raise Unusable(f"{r} {key}: no such cell")
    if f["state"] != "number":
        raise Unusable(f"{r} {key}: {f['state']}")
    if key in r.unusable:
        raise Unusable(f"{r} {key}: cell of a failing balance equation")
    if key.endswith(".amount"):
        money_check(r, key, f)
    return f["value"]


def num(r: Report, key: str):
    v = peek(r, key)
    cite(f"{r.file}#{key}")
    return v


def V(frag, year, key):
    return num(one(frag, year), key)


def raw_peek(r: Report, key: str):
    """A printed number regardless of balance (for data-quality questions about the equation itself)."""
    f = r.facts[key]
    assert f["state"] == "number"
    return f["value"]


def by_file(f):
    return [r for r in REPORTS if r.file == f][0]


def sections_with(r: Report, word: str):
    """Canonical sections (一..六) of a sample text in which `word` occurs."""
    cur, found = None, set()
    for line in r.text.splitlines():
        m = re.match(r"^[#*\s]*([一二三四五六])、(.*)", line)
        if m and SECTION_WORDS[m.group(1)] in m.group(2):
            cur = m.group(1)
        if word in line and cur:
            found.add(cur)
    return sorted(found)


# ----------------------------------------------------------------------------------------------- answers
def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def A(v):
    return {"kind": "agency", "value": v}


def L(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def P(files, sections):
    return {"kind": "passages", "files": list(files), "sections": list(sections)}


def refuse(fn):
    """The computation must fail for a data reason; then the right answer is a refusal (and no cites)."""
    try:
        fn()
    except (Unusable, NoReport):
        CITES.clear()
        return {"kind": "unanswerable"}
    raise AssertionError("expected the data to be unusable, but a value came out")


def pct(a, b):
    return 100.0 * a / b


def distinct(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


AMT, PRJ, NEW = "active.procurement.amount", "active.procurement.projects", "requests.new.total"
PEN, LIC, COE = "active.penalty.decisions", "active.licensing.decisions", "active.coercion.decisions"
HAS_PROC = lambda rs: [r for r in rs if "active.procurement.amount" in r.facts]  # noqa: E731

CASE = {}


def case(n):
    def deco(fn):
        CASE[f"h22-{n:03d}"] = fn
        return fn
    return deco


# --- lookups
case(1)(lambda: N(V("洪泽", 2024, PEN)))
case(2)(lambda: N(V("洪泽", 2023, LIC)))
case(3)(lambda: N(V("鄞州", 2019, "active.rules.public_total")))
case(4)(lambda: N(num(one(city="郑州市", kind="department"), "active.penalty.prev_items")))
case(5)(lambda: N(V("洪泽", 2024, "active.fees.amount"), "yuan"))
case(6)(lambda: N(V("洪泽", 2023, "active.fees.amount"), "yuan"))
case(7)(lambda: N(V("洪泽", 2024, "active.normative.in_force")))
case(8)(lambda: N(V("鹿城区统计局", 2020, "active.penalty.prev_items")))
case(9)(lambda: N(V("鹿城", 2020, PRJ)))
case(10)(lambda: N(V("洪泽", 2024, "requests.unavailable_needs_creation.total")))
case(11)(lambda: N(V("洪泽", 2024, "requests.unavailable_not_held.total")))
case(12)(lambda: N(V("洪泽", 2023, "requests.partial.total")))
case(13)(lambda: N(V("洪泽", 2024, "review.lawsuit_direct.total")))
case(14)(lambda: N(V("洪泽", 2023, "requests.withheld_secret.total")))
case(15)(lambda: N(V("温泉", 2020, AMT), "yuan"))
case(16)(lambda: N(V("二七", 2020, AMT), "yuan"))

# --- follow-ups (the earlier turns fix agency/year/measure; interpreted here explicitly)
case(17)(lambda: N(V("洪泽", 2024, "requests.granted.total")))
case(18)(lambda: N(round(pct(V("洪泽", 2024, "requests.granted.total"), V("洪泽", 2024, NEW)), 2), "percent"))
case(19)(lambda: N(V("洪泽", 2023 + 1, PEN)))
case(20)(lambda: N(V("洪泽", 2023, PEN) - V("洪泽", 2024, PEN)))
case(21)(lambda: N(V("鄞州", 2019, AMT), "yuan"))
case(22)(lambda: N(round(V("鹿城", 2020, AMT) + V("鄞州", 2019, AMT), 2), "yuan"))


@case(23)
def _():
    top = max(HAS_PROC(find(year=2020)), key=lambda r: peek(r, AMT))
    return N(round(num(top, AMT) / num(top, PRJ), 2), "yuan")


case(24)(lambda: N(V("鼓楼区统计局", 2020, NEW)))
case(25)(lambda: N(V("温泉", 2020, "requests.granted.total")))
case(26)(lambda: N(sum(num(r, NEW) for r in find(province="福建省"))))
case(27)(lambda: N(sum(num(r, PEN) for r in find(province="浙江省"))))


@case(28)
def _():
    bureaus = [r for r in REPORTS if r.agency.endswith("统计局")]
    top = max(bureaus, key=lambda r: peek(r, PEN))
    return N(num(top, PEN))


case(29)(lambda: N(round(pct(V("洪泽", 2024, LIC) - V("洪泽", 2023, LIC), V("洪泽", 2023, LIC)), 2), "percent"))
case(30)(lambda: N(round(pct(V("洪泽", 2023, "requests.partial.total"), V("洪泽", 2023, NEW)), 2), "percent"))
case(31)(lambda: refuse(lambda: V("洪泽", 2023, "review.reconsideration.total")))
case(32)(lambda: N(round(V("鄞州", 2019, AMT) / V("鄞州", 2019, PRJ), 2), "yuan"))


@case(33)
def _():
    r = one("二七", 2020)
    num(r, AMT)
    return B(r.facts[AMT].get("unit_printed") is not None)


# --- rankings
@case(34)
def _():
    rs = sorted(HAS_PROC(REPORTS), key=lambda r: -peek(r, AMT))[:3]
    for r in rs:
        num(r, AMT)
    return L([r.agency for r in rs], True)


@case(35)
def _():
    rs = sorted(HAS_PROC(REPORTS), key=lambda r: -peek(r, PRJ))
    assert peek(rs[1], PRJ) not in (peek(rs[0], PRJ), peek(rs[2], PRJ))
    num(rs[1], PRJ)
    return A(rs[1].agency)


@case(36)
def _():
    rs = sorted(HAS_PROC(REPORTS), key=lambda r: peek(r, PRJ))
    assert peek(rs[0], PRJ) < peek(rs[1], PRJ)
    num(rs[0], PRJ)
    return A(rs[0].agency)


@case(37)
def _():
    rs = sorted(find(year=2020), key=lambda r: -peek(r, PEN))
    assert peek(rs[0], PEN) > peek(rs[1], PEN)
    num(rs[0], PEN)
    return A(rs[0].agency)


@case(38)
def _():
    rs = sorted(REPORTS, key=lambda r: -peek(r, NEW))
    best = peek(rs[0], NEW)
    assert len({r.agency for r in rs if peek(r, NEW) == best}) == 1
    num(rs[0], NEW)
    return A(rs[0].agency)


@case(39)
def _():
    rs = HAS_PROC(find(year=2020))
    rs = sorted(rs, key=lambda r: -(peek(r, AMT) / peek(r, PRJ)))
    for r in rs:
        num(r, AMT), num(r, PRJ)
    return L([r.agency for r in rs], True)


@case(40)
def _():
    rs = sorted(HAS_PROC(REPORTS), key=lambda r: -peek(r, AMT))
    num(rs[3], AMT)
    return A(rs[3].agency)


@case(41)
def _():
    rs = [r for r in find(year=2020) if peek(r, PEN) > 0]
    rs.sort(key=lambda r: -peek(r, PEN))
    for r in rs:
        num(r, PEN)
    return L([r.agency for r in rs], True)


@case(42)
def _():
    rs = sorted(find(template="2019"), key=lambda r: -peek(r, "active.penalty.prev_items"))
    assert peek(rs[0], "active.penalty.prev_items") > peek(rs[1], "active.penalty.prev_items")
    num(rs[0], "active.penalty.prev_items")
    return A(rs[0].agency)


# --- aggregates
case(43)(lambda: N(sum(num(r, PEN) for r in find("洪泽"))))
case(44)(lambda: N(sum(num(r, NEW) for r in REPORTS)))
case(45)(lambda: N(sum(num(r, PRJ) for r in find(province="浙江省") if r.agency.endswith("统计局"))))
case(46)(lambda: N(sum(num(r, "active.fees.amount") for r in find("洪泽")), "yuan"))
case(47)(lambda: N(round(sum(num(r, AMT) for r in find(year=2020) if r.agency.endswith("统计局")), 2), "yuan"))
case(48)(lambda: N(sum(num(r, COE) for r in find(template="2021"))))
case(49)(lambda: N(round(sum(num(r, AMT) for r in HAS_PROC(REPORTS) if r.province != "福建省"), 2), "yuan"))
case(50)(lambda: N(sum(num(r, "requests.handled.total") for r in REPORTS if "洪泽" not in r.agency)))
case(51)(lambda: N(sum(num(one("洪泽", 2024), f"requests.unavailable_{w}.total")
                       for w in ("not_held", "needs_creation", "unclear"))))
case(52)(lambda: N(sum(num(one("洪泽", 2023), f"requests.{w}.total") for w in OUTCOMES if w.startswith("withheld_"))))


# --- counts (cite the cells that meet the condition)
def count_where(rs, key, pred):
    n = 0
    for r in rs:
        try:
            v = peek(r, key)
        except Unusable:
            continue                      # blank is not zero: a blank cell never meets a condition
        if pred(v):
            num(r, key)
            n += 1
    return n


case(53)(lambda: N(count_where(HAS_PROC(REPORTS), AMT, lambda v: v > 100000)))
case(54)(lambda: N(count_where(REPORTS, NEW, lambda v: v >= 2)))
case(55)(lambda: N(count_where(HAS_PROC(REPORTS), PRJ, lambda v: 8 <= v <= 11)))
case(56)(lambda: N(count_where(HAS_PROC(REPORTS), AMT, lambda v: 50000 <= v <= 100000)))
case(57)(lambda: N(count_where(find(template="2019"), "active.penalty.prev_items", lambda v: v >= 10)))
case(58)(lambda: N(count_where(REPORTS, "requests.carried_out.total", lambda v: v == 0)))
case(59)(lambda: N(count_where([r for r in REPORTS if r.agency.endswith("统计局")], PEN, lambda v: v > 5)))

# --- yes/no
case(60)(lambda: B(V("洪泽", 2024, LIC) > 10 * V("洪泽", 2023, LIC)))
case(61)(lambda: B(V("洪泽", 2024, PEN) < V("洪泽", 2023, PEN)))
case(62)(lambda: B(V("鄞州", 2019, AMT) > V("鼓楼区统计局", 2020, AMT) + V("鹿城", 2020, AMT)))
case(63)(lambda: B(V("温泉", 2020, "requests.granted.total") > V("温泉", 2020, "requests.handled.total") / 2))
case(64)(lambda: B(V("二七", 2020, NEW) == 0))
case(65)(lambda: B(V("洪泽", 2024, "active.fees.amount") > V("洪泽", 2023, "active.fees.amount")))
case(66)(lambda: B(V("鹿城", 2020, "active.penalty.prev_items") + V("鹿城", 2020, "active.penalty.change")
                   == V("鹿城", 2020, PEN)))
case(67)(lambda: B(V("鹿城", 2020, AMT) < V("温泉", 2020, AMT) and V("鹿城", 2020, PRJ) > V("温泉", 2020, PRJ)))

# --- ratios
case(68)(lambda: N(round(pct(V("洪泽", 2024, "requests.unavailable_not_held.total"),
                             V("洪泽", 2024, "requests.handled.total")), 2), "percent"))
case(69)(lambda: N(round(pct(V("洪泽", 2023, "requests.granted.total"), V("洪泽", 2023, "requests.handled.total")), 2),
                   "percent"))


@case(70)
def _():
    total = sum(num(r, AMT) for r in find(template="2019"))
    return N(round(pct(V("鄞州", 2019, AMT), total), 2), "percent")


case(71)(lambda: N(round(pct(V("洪泽", 2024, "requests.granted.total") + V("洪泽", 2024, "requests.partial.total"),
                             V("洪泽", 2024, NEW)), 2), "percent"))
case(72)(lambda: N(round(V("温泉", 2020, AMT) / V("温泉", 2020, PRJ), 2), "yuan"))
case(73)(lambda: N(round(pct(V("洪泽", 2024, PEN),
                             V("洪泽", 2024, LIC) + V("洪泽", 2024, PEN) + V("洪泽", 2024, COE)), 2), "percent"))

# --- differences
case(74)(lambda: N(V("洪泽", 2024, NEW) - V("洪泽", 2023, NEW)))
case(75)(lambda: N(round(V("鄞州", 2019, AMT) - V("鹿城", 2020, AMT), 2), "yuan"))


@case(76)
def _():
    r = one("洪泽", 2024)
    told = [n for n in r.narrative if n.get("cell") == NEW or NEW in (n.get("cells") or [])]
    assert len(told) == 1
    return N(abs(num(r, NEW) - told[0]["value"]))


@case(77)
def _():
    r = one("鼓楼区统计局", 2020)
    a = [n["value"] for n in r.narrative if "主动公开信息" in n["text"]]
    b = [n["value"] for n in r.narrative if "共发布各类信息" in n["text"]]
    assert len(a) == len(b) == 1 and str(a[0]) in r.text and str(b[0]) in r.text
    cite(r.file)
    return N(b[0] - a[0])


case(78)(lambda: N(V("鼓楼区统计局", 2020, "active.penalty.prev_items") - V("二七", 2020, "active.penalty.prev_items")))


@case(79)
def _():
    rs = sorted(HAS_PROC(REPORTS), key=lambda r: peek(r, AMT))
    return N(round(num(rs[-1], AMT) - num(rs[0], AMT), 2), "yuan")


# --- averages / medians
case(80)(lambda: N(round(statistics.mean(num(r, AMT) for r in find(template="2019")), 2), "yuan"))
case(81)(lambda: N(statistics.median(num(r, AMT) for r in HAS_PROC(REPORTS)), "yuan"))
case(82)(lambda: N(statistics.median(num(r, NEW) for r in REPORTS)))
case(83)(lambda: N(statistics.mean(num(r, NEW) for r in find(year=2020))))
case(84)(lambda: N(statistics.mean(num(r, COE) for r in find("洪泽"))))
case(85)(lambda: N(round(statistics.mean(num(r, "active.penalty.prev_items") for r in find(template="2019")), 2)))


# --- passages (sections found by searching the sample text; hongze from the gold narrative notes)
def passage(frag, year, word):
    r = one(frag, year)
    secs = sections_with(r, word)
    assert secs, f"{word} not found in {r.file}"
    cite(r.file)
    return P([r.file], secs)


case(86)(lambda: passage("温泉", 2020, "个人信息保护"))
case(87)(lambda: passage("二七", 2020, "存在不足"))
case(88)(lambda: passage("鄞州", 2019, "改进措施"))
case(89)(lambda: passage("鹿城", 2020, "统计开放日"))
case(90)(lambda: passage("鄞州", 2019, "普法宣传"))


@case(91)
def _():
    r = one("洪泽", 2024)
    hits = [n for n in r.narrative if "信息处理费" in n["text"]]
    secs = sorted({m for n in hits for m in re.findall(r"section ([一二三四五六])", n["what"])})
    assert secs
    cite(r.file)
    return P([r.file], secs)


@case(92)
def _():
    rs = [r for r in REPORTS if r.agency.endswith("统计局") and r.text and "12·4" in r.text]
    assert len(rs) == 1
    cite(rs[0].file)
    return A(rs[0].agency)


@case(93)
def _():
    rs = [r for r in find(year=2020) if "六稳" in r.text and "六保" in r.text]
    for r in rs:
        cite(r.file)
    return L([r.agency for r in rs])


# --- metadata
case(94)(lambda: L(distinct(r.province for r in REPORTS)))
case(95)(lambda: L(sorted(distinct(r.year for r in REPORTS))))
case(96)(lambda: L([one("鄞州").city]))
case(97)(lambda: L(distinct(r.agency for r in find(kind="street_office"))))
case(98)(lambda: L(distinct(r.agency for r in find(template="2021"))))
case(99)(lambda: A(one(city="郑州市").agency))
case(100)(lambda: L(sorted(y for y in distinct(r.year for r in REPORTS)
                           if not any(state(r.facts, AMT) == "number" for r in find(year=y)))))

# --- data quality and other forms
case(101)(lambda: B(not one("洪泽", 2024).failures))


@case(102)
def _():
    out = []
    for r in REPORTS:
        for n in r.narrative:
            cells = [n["cell"]] if n.get("cell") else (n.get("cells") or [])
            if cells and all(c.startswith("requests.new.") for c in cells):
                table = sum(peek(r, c) for c in cells)
                if table != n["value"]:
                    num(r, NEW)
                    out.append(r.agency)
    assert len(out) == 1
    return A(out[0])


@case(103)
def _():
    rs = [r for r in HAS_PROC(REPORTS) if r.facts[AMT].get("unit_assumed")]
    for r in rs:
        num(r, AMT)
    return L([r.agency for r in rs])


case(104)(lambda: L(sorted(r.year for r in find("洪泽") if r.failures)))


@case(105)
def _():
    r = one("洪泽", 2023)
    keys = [f"review.reconsideration.{p}" for p in REVIEW_PARTS + ["total"]]
    for k in keys:
        cite(f"{r.file}#{k}")
    return B(sum(raw_peek(r, k) for k in keys[:-1]) == raw_peek(r, keys[-1]))


@case(106)
def _():
    r = one("温泉", 2020)
    told = [n for n in r.narrative if (n.get("cells") or []) == [NEW]]
    assert len(told) == 1
    return B(told[0]["value"] == num(r, NEW))


@case(107)
def _():
    rs = [r for r in find(year=2020) if peek(r, NEW) == 0]
    for r in rs:
        num(r, NEW)
    return L([r.agency for r in rs])


@case(108)
def _():
    r = one("二七", 2020)
    assert num(r, NEW) != 5          # the premise is false
    return N(num(r, "requests.granted.total"))


case(109)(lambda: B(V("鄞州", 2019, AMT) > 7 * V("二七", 2020, AMT)))

# --- refusals
case(110)(lambda: refuse(lambda: V("温泉", 2020, "requests.carried_out.total")))
case(111)(lambda: refuse(lambda: V("鼓楼区统计局", 2020, "requests.unavailable_not_held.total")))
case(112)(lambda: refuse(lambda: V("洪泽", 2023, "review.reconsideration.total")))
case(113)(lambda: refuse(lambda: V("洪泽", 2023, "review.lawsuit_after_review.upheld")))
case(114)(lambda: refuse(lambda: V("洪泽", 2024, AMT)))
case(115)(lambda: refuse(lambda: V("鄞州", 2020, NEW)))
case(116)(lambda: refuse(lambda: V("南京市鼓楼区统计局", 2020, AMT)))
case(117)(lambda: refuse(lambda: V("洪泽", 2022, PEN)))


@case(118)
def _():
    def topic():
        r = one("二七", 2020)
        if "经费" in r.text or any("expense" in k or "budget" in k for k in r.facts):
            return 1
        raise Unusable("topic not in the report")
    return refuse(topic)


case(119)(lambda: refuse(lambda: V("洪泽", 2023, "requests.other_no_correction.total")))
case(120)(lambda: refuse(lambda: V("洪泽", 2024, "active.fees.prev_items")))


# ----------------------------------------------------------------------------------------------- compare
def same_expect(exp: dict, got: dict) -> str | None:
    if exp["kind"] != got["kind"]:
        return f"kind {exp['kind']} != {got['kind']}"
    k = exp["kind"]
    if k == "number":
        if exp["unit"] != got["unit"]:
            return f"unit {exp['unit']} != {got['unit']}"
        if abs(float(exp["value"]) - float(got["value"])) > 0.006:
            return f"value {exp['value']} != {got['value']}"
    elif k in ("agency", "boolean"):
        if exp["value"] != got["value"]:
            return f"value {exp['value']!r} != {got['value']!r}"
    elif k == "list":
        if bool(exp.get("ordered")) != got["ordered"]:
            return f"ordered {exp.get('ordered')} != {got['ordered']}"
        a, b = exp["values"], got["values"]
        if (a != b) if got["ordered"] else (sorted(map(str, a)) != sorted(map(str, b)) or len(a) != len(b)):
            return f"values {a} != {b}"
    elif k == "passages":
        if sorted(exp["files"]) != sorted(got["files"]) or sorted(exp["sections"]) != sorted(got["sections"]):
            return f"passages {exp['files']} {exp['sections']} != {got['files']} {got['sections']}"
    return None


def derived_tags(cites):
    cells = [c.split("#", 1) for c in cites if "#" in c]
    guessed = any(by_file(f).facts[k].get("unit_assumed") for f, k in cells)
    years = {by_file(f).year for f, _ in cells}
    agencies = {by_file(f).agency for f, _ in cells}
    return guessed, len(years) > 1 and len(agencies) > 1


def main() -> int:
    # sanity: the independent balance evaluation agrees with the gold `checks`
    for r in REPORTS:
        gold_fail = sorted(k for k, v in r.d["checks"].items() if not str(v).startswith("pass"))
        mine = sorted({f[:2] for f in r.failures})
        assert gold_fail == mine, f"{r}: balance {mine} vs gold {gold_fail}"
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    ok, problems = 0, []
    ids = [c["id"] for c in cases]
    if ids != [f"h22-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h22-001 .. h22-120 in order")
    for c in cases:
        CITES.clear()
        fn = CASE.get(c["id"])
        if fn is None:
            problems.append(f"{c['id']}: no reference computation")
            continue
        try:
            got = fn()
        except Exception as e:  # a reference computation that cannot run is a mismatch
            problems.append(f"{c['id']}: reference failed: {type(e).__name__}: {e}")
            continue
        if VERBOSE:
            print(c["id"], json.dumps(got, ensure_ascii=False), CITES)
        why = same_expect(c["expect"], got)
        if why is None and sorted(c["cite"]) != sorted(CITES):
            why = f"cite {sorted(c['cite'])} != recomputed {sorted(CITES)}"
        if why is None:
            guessed, mixed = derived_tags(CITES)
            tags = c.get("tags", [])
            if guessed != ("guessed_unit" in tags):
                why = f"guessed_unit tag should be {guessed}"
            elif mixed != ("mixed_years" in tags):
                why = f"mixed_years tag should be {mixed}"
            elif [t for t in tags if t in ("zh", "en")] not in (["zh"], ["en"]):
                why = "needs exactly one of the zh/en tags"
        if why:
            problems.append(f"{c['id']}: {why}")
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    kinds = {}
    for c in cases:
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
    zh = sum("zh" in c["tags"] for c in cases)
    en = sum("en" in c["tags"] for c in cases)
    fu = sum(bool(c.get("turns")) for c in cases)
    if len(cases) != 120 or zh != 60 or en != 60:
        problems.append("composition")
        print(f"MISMATCH composition: {len(cases)} cases, zh {zh}, en {en}")
    un = kinds.get("unanswerable", 0)
    print(f"SUMMARY: {ok}/{len(cases)} cases match; zh {zh}, en {en}; unanswerable {un}; follow-ups {fu}; "
          f"kinds {', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}")
    return 0 if not problems and ok == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
