#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout20.jsonl (standard library only).

Every expected answer of the 120 cases is recomputed here from the gold fact files
(tests/fixtures/gold/*.json) and, for passage / mention questions, from the five sample
texts (data/samples/*.txt). Nothing is copied from the JSONL: each case has a small spec
below that selects reports (agency-name fragment, year, province, city, template, kind),
reads cells through `val()` and computes the answer. Then the computed answer is compared
with the case's `expect`, its `cite` list and its tags.

Rules applied here (see eval/QA_HOLDOUT20.md):
- only cells in state `number` are used; `blank`/`unreadable` -> unanswerable, `absent` or a
  key the template does not have -> unanswerable (blank is never zero);
- the balance rules R1-R4 of DOMAIN.md are evaluated here (not read from the gold `checks`);
  every cell of an equation that fails is unusable for value questions (only the data-quality
  specs read such cells, through `raw()`); the computed pass/fail is cross-checked against
  the gold `checks` field;
- every cell an answer reads (all cells compared in a ranking, all summed in an aggregate)
  must be in `cite`; a narrative (passage or narrative figure) cites the bare file;
- tag `guessed_unit` iff a cited cell carries `unit_assumed`; tag `mixed_years` iff the
  cited cells come from more than one year and more than one agency;
- money in yuan, percentages in percent points; numbers must agree to 0.005.

Run: python3 eval/qa_holdout20_reference.py  (exit 0 iff all cases match).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
TEXT_DIR = ROOT / "data" / "samples"
CASES = HERE / "qa_holdout20.jsonl"

APPLICANT_COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")
OUTCOME_ROWS = ("granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication",
                "declined_excessive", "declined_confirmation",
                "other", "other_no_correction", "other_no_fee", "other_misc")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}

AMT = "active.procurement.amount"
PRJ = "active.procurement.projects"
PEN = "active.penalty.decisions"
NEW = "requests.new.total"
LIC = "active.licensing.decisions"
FEE = "active.fees.amount"


# ----------------------------------------------------------------------------- reports
class Report:
    def __init__(self, d: dict):
        self.file = Path(d["file"]).name            # PDFs are cited by their base name
        self.agency = d["agency"]
        self.agency_full = d.get("agency_full", d["agency"])
        self.province = d.get("province")
        self.city = d.get("city")
        self.county = d.get("county")
        self.year = d["year"]
        self.template = str(d["template"])
        self.published = d.get("published")
        kind = d.get("agency_kind")
        if not kind:  # the two PDF gold files carry no agency_kind: infer it from the name
            kind = "government" if ("人民政府" in self.agency or "办公厅" in self.agency) else (
                "street_office" if ("街道" in self.agency or "乡" in self.agency or "镇" in self.agency) else "department")
        self.kind = kind
        self.facts = d["facts"]
        self.narrative = d.get("narrative_numbers") or []
        txt = TEXT_DIR / self.file
        self.text = txt.read_text(encoding="utf-8") if txt.exists() else None

    @property
    def is_bureau(self) -> bool:
        return "统计局" in self.agency

    def __repr__(self):
        return f"<{self.agency} {self.year}>"


def load_reports() -> list[Report]:
    reps = [Report(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(GOLD_DIR.glob("*.json"))]
    if len(reps) != 7:
        raise SystemExit(f"expected 7 gold reports, found {len(reps)}")
    return reps


REPORTS = load_reports()


# ----------------------------------------------------------------------------- balance rules
def equations(r: Report):
    for col in APPLICANT_COLS + ("total",):
        yield (f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
               [f"requests.handled.{col}", f"requests.carried_out.{col}"])
        yield (f"R2[{col}]", [f"requests.handled.{col}"], [f"requests.{row}.{col}" for row in OUTCOME_ROWS])
    for row in ("new", "carried_in") + OUTCOME_ROWS + ("handled", "carried_out"):
        yield (f"R3[{row}]", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPLICANT_COLS])
    for g in REVIEW_GROUPS:
        yield (f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS])


def evaluate(r: Report):
    """[(rule, status, cells)] with status pass / fail / skip."""
    out = []
    for rule, lhs, rhs in equations(r):
        present = lambda ks: [k for k in ks if k in r.facts and r.facts[k]["state"] != "absent"]
        lhs_p, rhs_p = present(lhs), present(rhs)
        if not lhs_p or not rhs_p:
            continue  # the row / column does not exist in this template
        cells = lhs_p + rhs_p
        if any(r.facts[k]["state"] != "number" for k in cells):
            out.append((rule, "skip", cells))
            continue
        a = sum(r.facts[k]["value"] for k in lhs_p)
        b = sum(r.facts[k]["value"] for k in rhs_p)
        out.append((rule, "pass" if abs(a - b) < 1e-9 else "fail", cells))
    return out


BALANCE = {r.file: evaluate(r) for r in REPORTS}
FAILING = {r.file: [(rule, cells) for rule, st, cells in BALANCE[r.file] if st == "fail"] for r in REPORTS}
UNUSABLE = {(f, k) for f, fails in FAILING.items() for _, cells in fails for k in cells}


def balance_selfcheck() -> list[str]:
    """Computed R1-R4 pass/fail per report vs the gold `checks` field."""
    problems = []
    gold = {Path(json.loads(p.read_text(encoding="utf-8"))["file"]).name: json.loads(p.read_text(encoding="utf-8"))["checks"]
            for p in GOLD_DIR.glob("*.json")}
    for r in REPORTS:
        for rule in ("R1", "R2", "R3", "R4"):
            mine = any(rl.startswith(rule + "[") for rl, _ in FAILING[r.file])
            theirs = str(gold[r.file].get(rule, "pass")).startswith("fail")
            if mine != theirs:
                problems.append(f"{r.file} {rule}: computed {'fail' if mine else 'pass'}, gold {gold[r.file].get(rule)}")
    return problems


# ----------------------------------------------------------------------------- access layer
class NoAnswer(Exception):
    category = "?"


class Blank(NoAnswer):
    category = "blank"


class Absent(NoAnswer):
    category = "absent"


class NotHeld(NoAnswer):
    category = "not_held"


class BalanceFail(NoAnswer):
    category = "balance_fail"


class NoTopic(NoAnswer):
    category = "no_topic"


CITES: list[str] = []
_SILENT = [False]


@contextmanager
def silent():
    """Resolve an earlier turn's referent without citing what was read for it."""
    _SILENT[0] = True
    try:
        yield
    finally:
        _SILENT[0] = False


def _cite(s: str):
    if not _SILENT[0] and s not in CITES:
        CITES.append(s)


def pick(frag=None, year=None, province=None, city=None, template=None, bureau=None, kind=None,
         not_frag=None, not_kind=None, has=None) -> list[Report]:
    out = []
    for r in REPORTS:
        if frag and frag not in r.agency and frag not in r.agency_full:
            continue
        if year is not None and r.year != year:
            continue
        if province and r.province != province:
            continue
        if city and r.city != city:
            continue
        if template and r.template != template:
            continue
        if bureau is not None and r.is_bureau != bureau:
            continue
        if kind and r.kind != kind:
            continue
        if not_frag and not_frag in r.agency:
            continue
        if not_kind and r.kind == not_kind:
            continue
        if has and not (has in r.facts and r.facts[has]["state"] != "absent"):
            continue
        out.append(r)
    return out


def one(frag, year=None, city=None) -> Report:
    rs = pick(frag=frag, year=year, city=city)
    if not rs:
        raise NotHeld(f"no report for {frag} {year or ''} {city or ''}")
    if len(rs) > 1:
        raise RuntimeError(f"ambiguous selection {frag} {year}: {rs}")
    return rs[0]


def val(r: Report, key: str):
    f = r.facts.get(key)
    if f is None or f["state"] == "absent":
        raise Absent(f"{r.file}#{key} absent")
    if f["state"] != "number":
        raise Blank(f"{r.file}#{key} is {f['state']}")
    if (r.file, key) in UNUSABLE:
        raise BalanceFail(f"{r.file}#{key} is in a failing equation")
    _cite(f"{r.file}#{key}")
    return f["value"]


def raw(r: Report, key: str):
    """A printed number even if its equation fails (data-quality questions only)."""
    f = r.facts[key]
    assert f["state"] == "number", (r.file, key)
    _cite(f"{r.file}#{key}")
    return f["value"]


def narrative(r: Report, fragment: str):
    hits = [n for n in r.narrative if fragment in n["text"]]
    if len(hits) != 1:
        raise RuntimeError(f"narrative fragment {fragment!r} matched {len(hits)} in {r.file}")
    _cite(r.file)
    return hits[0]["value"]


def narrative_cells(n: dict) -> list[str]:
    cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
    return list(cells)


def narrative_disagreements(r: Report):
    """Narrative figures tied to table cells whose table sum (printed cells) differs."""
    out = []
    for n in r.narrative:
        cells = narrative_cells(n)
        if not cells:
            continue
        printed = [r.facts[k]["value"] for k in cells if k in r.facts and r.facts[k]["state"] == "number"]
        if not printed:
            continue
        if abs(sum(printed) - n["value"]) > 1e-9:
            out.append((n, cells))
    return out


def sections(r: Report) -> list[tuple[int, str]]:
    """(line index, canonical section) of each section heading, matched by numeral + meaning."""
    if r.text is None:
        raise RuntimeError(f"no text for {r.file}")
    heads = []
    for i, line in enumerate(r.text.splitlines()):
        s = line.strip().lstrip("#").strip().strip("*").strip()
        m = re.match(r"^([一二三四五六])、", s)
        if m and SECTION_WORDS[m.group(1)] in s:
            heads.append((i, m.group(1)))
    order = [h[1] for h in heads]
    assert order == ["一", "二", "三", "四", "五", "六"], (r.file, order)
    return heads


def section_at(r: Report, lineno: int) -> str:
    sec = None
    for i, s in sections(r):
        if i <= lineno:
            sec = s
    if sec is None:
        raise RuntimeError(f"line {lineno} of {r.file} precedes section 一")
    return sec


def passage(r: Report, *keywords) -> dict:
    """The one section that holds every occurrence of every keyword."""
    lines = r.text.splitlines()
    secs = set()
    for kw in keywords:
        where = [i for i, ln in enumerate(lines) if kw in ln]
        if not where:
            raise RuntimeError(f"{kw!r} not in {r.file}")
        secs |= {section_at(r, i) for i in where}
    if len(secs) != 1:
        raise RuntimeError(f"{keywords} spread over sections {secs} in {r.file}")
    _cite(r.file)
    return {"kind": "passages", "files": [r.file], "sections": sorted(secs)}


def mentions(reports: list[Report], keywords) -> list[Report]:
    out = []
    for r in reports:
        if r.text is None:
            raise RuntimeError(f"mention scope includes {r.file}, whose text is not available")
        if any(k in r.text for k in keywords):
            _cite(r.file)
            out.append(r)
    return out


def no_topic(r: Report, words):
    for k in r.facts:
        assert not any(w in k for w in words), k
    for n in r.narrative:
        assert not any(w in n.get("what", "") or w in n["text"] for w in words), n
    raise NoTopic("not in the reports")


# ----------------------------------------------------------------------------- answer helpers
def number(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return number(100.0 * a / b, "percent")


def agency(r_or_name):
    return {"kind": "agency", "value": r_or_name if isinstance(r_or_name, str) else r_or_name.agency}


def items(values, ordered):
    return {"kind": "list", "values": [v.agency if isinstance(v, Report) else v for v in values], "ordered": ordered}


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def ranked(reports, key, desc=True):
    vals = [(r, val(r, key)) for r in reports]
    return sorted(vals, key=lambda t: t[1], reverse=desc)


def nth(reports, key, n, desc=True) -> Report:
    """The n-th (1-based) report by key; refuses a tie at that position."""
    rk = ranked(reports, key, desc)
    v = rk[n - 1][1]
    assert sum(1 for _, x in rk if x == v) == 1, f"tie at position {n}: {rk}"
    return rk[n - 1][0]


def top(reports, key, n, desc=True) -> list[Report]:
    rk = ranked(reports, key, desc)
    if len(rk) > n:
        assert rk[n - 1][1] != rk[n][1], f"tie across the top-{n} cut"
    assert len({x for _, x in rk[:n]}) == n, "tie inside the top-n"
    return [r for r, _ in rk[:n]]


def total(reports, key):
    return sum(val(r, key) for r in reports)


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs)


# shorthand selections
def GL(): return one("鼓楼区统计局", 2020, city="福州市")
def LC(): return one("鹿城区统计局", 2020)
def YZ(): return one("鄞州区统计局", 2019)
def WQ(): return one("温泉街道", 2020)
def EQ(): return one("二七区统计局", 2020)
def HZ(y): return one("洪泽区", y)
def WITH_PROC(): return pick(has=AMT)
def BUREAUS(): return pick(bureau=True)


# ----------------------------------------------------------------------------- specs
S = {}


def spec(n):
    def deco(fn):
        S[f"h20-{n:03d}"] = fn
        return fn
    return deco


# single-cell lookups
@spec(1)
def _(): return number(val(EQ(), AMT), "yuan")
@spec(2)
def _(): return number(val(HZ(2024), "active.coercion.decisions"))
@spec(3)
def _(): return number(val(HZ(2023), PEN))
@spec(4)
def _(): return number(val(HZ(2024), FEE), "yuan")
@spec(5)
def _(): return number(val(YZ(), "active.rules.public_total"))
@spec(6)
def _(): return number(val(WQ(), "requests.granted.total"))
@spec(7)
def _(): return number(val(HZ(2024), "requests.unavailable_not_held.total"))
@spec(8)
def _(): return number(val(LC(), "active.penalty.prev_items"))
@spec(9)
def _(): return number(val(HZ(2024), "active.normative.in_force"))
@spec(10)
def _(): return number(val(HZ(2023), "active.normative.repealed"))
@spec(11)
def _(): return number(narrative(HZ(2023), "政府网站平台主动公开"))
@spec(12)
def _(): return number(val(HZ(2024), "review.lawsuit_after_review.total"))
@spec(13)
def _(): return number(val(HZ(2024), "requests.withheld_process.total"))
@spec(14)
def _(): return number(val(GL(), "requests.carried_out.total"))
@spec(15)
def _(): return number(val(YZ(), "requests.new.person"))
@spec(16)
def _(): return number(val(HZ(2023), "requests.declined_complaint.total"))


# follow-ups (the earlier turn is resolved under silent())
@spec(17)
def _():
    with silent():
        r = HZ(2024)
    return number(val(one("洪泽区", r.year - 1), NEW))
@spec(18)
def _():
    with silent():
        r = nth(WITH_PROC(), PRJ, 1)
    return number(val(r, AMT), "yuan")
@spec(19)
def _(): return number(val(YZ(), PEN) + val(LC(), PEN))
@spec(20)
def _(): return number(val(HZ(2024), LIC))
@spec(21)
def _(): r = WQ(); return number(val(r, AMT) / val(r, PRJ), "yuan")
@spec(22)
def _(): return number(val(GL(), AMT) + val(EQ(), AMT), "yuan")
@spec(23)
def _():
    with silent():
        fj = pick(province="福建省")
        others = [r for r in fj if not r.is_bureau]
        assert len(fj) == 2 and len(others) == 1
    return number(val(others[0], NEW))
@spec(24)
def _():
    with silent():
        r = nth(REPORTS, PEN, 1)
    return number(val(one(r.agency, r.year + 1), PEN))
@spec(25)
def _():
    with silent():
        hn = pick(province="河南省")
        assert len(hn) == 1
    return boolean(val(hn[0], NEW) > 0)
@spec(26)
def _(): return number(val(HZ(2023), FEE) - val(HZ(2024), FEE), "yuan")
@spec(27)
def _(): return passage(LC(), "加强学习，提高认识", "创新工作，提升实效")
@spec(28)
def _(): return number(val(EQ(), "active.coercion.prev_items"))
@spec(29)
def _(): return number(val(HZ(2024), AMT), "yuan")
@spec(30)
def _(): return number(val(WQ(), "requests.other.total"))
@spec(31)
def _(): return agency(nth([GL(), WQ()], PRJ, 1))
@spec(32)
def _(): r = HZ(2024); return pct(val(r, "requests.granted.total"), val(r, "requests.handled.total"))
@spec(33)
def _():
    with silent():
        three = top(WITH_PROC(), AMT, 3)
    return number(mean(val(r, AMT) for r in three), "yuan")


# rankings
@spec(34)
def _(): return agency(nth(WITH_PROC(), AMT, 2))
@spec(35)
def _(): return agency(nth(WITH_PROC(), AMT, 2, desc=False))
@spec(36)
def _(): return agency(nth(pick(has=PRJ), PRJ, 2, desc=False))
@spec(37)
def _(): return items(top(WITH_PROC(), AMT, 3), True)
@spec(38)
def _(): return agency(nth(pick(year=2020, bureau=True), PEN, 1))
@spec(39)
def _():
    rs = BUREAUS()
    return items(top(rs, "active.penalty.prev_items", len(rs)), True)
@spec(40)
def _(): return items(top(pick(not_frag="洪泽"), NEW, 2), True)
@spec(41)
def _(): return agency(nth(REPORTS, LIC, 1))
@spec(42)
def _(): return agency(nth(REPORTS, NEW, 3))
@spec(43)
def _(): return agency(nth(pick(province="浙江省", bureau=True, has=AMT), AMT, 1, desc=False))


# aggregates
@spec(44)
def _(): return number(total(REPORTS, NEW))
@spec(45)
def _(): return number(total(pick(has=PRJ), PRJ))
@spec(46)
def _():
    rs = pick(province="浙江省", bureau=True)
    assert len(rs) == 2
    return number(total(rs, AMT), "yuan")
@spec(47)
def _(): return number(total(pick(year=2020), PEN))
@spec(48)
def _(): return number(total(pick(frag="洪泽"), LIC))
@spec(49)
def _(): return number(total(pick(template="2021"), FEE), "yuan")
@spec(50)
def _(): return number(total(pick(template="2019"), "requests.granted.total"))
@spec(51)
def _(): return number(total(pick(year=2020, not_kind="street_office", has=AMT), AMT), "yuan")
@spec(52)
def _():
    r = HZ(2024)
    return number(sum(val(r, f"requests.{row}.total") for row in OUTCOME_ROWS if row.startswith("withheld_")))
@spec(53)
def _():
    r = HZ(2023)
    return number(sum(val(r, f"requests.{row}.total") for row in OUTCOME_ROWS if row.startswith("unavailable_")))
@spec(54)
def _():
    r = HZ(2024)
    return number(sum(val(r, f"review.{g}.total") for g in REVIEW_GROUPS))


# counts with a condition
@spec(55)
def _(): return number(sum(1 for r in WITH_PROC() if val(r, AMT) > 10 * 10000))
@spec(56)
def _(): return number(sum(1 for r in WITH_PROC() if val(r, AMT) < 80000))
@spec(57)
def _(): return number(sum(1 for r in REPORTS if val(r, "requests.partial.total") != 0))
@spec(58)
def _(): return number(sum(1 for r in BUREAUS() if val(r, PEN) > 5))
@spec(59)
def _():
    by_agency = {}
    for r in REPORTS:
        by_agency.setdefault(r.agency, []).append(val(r, NEW))
    return number(sum(1 for vs in by_agency.values() if all(v == 0 for v in vs)))
@spec(60)
def _():
    vs = [val(r, PRJ) for r in pick(has=PRJ)]
    return number(sum(v for v in vs if v >= 10))


# yes / no
@spec(61)
def _(): return boolean(val(HZ(2024), PEN) < val(HZ(2023), PEN))
@spec(62)
def _(): return boolean(val(LC(), PRJ) > 2 * val(GL(), PRJ))
@spec(63)
def _(): return boolean(val(EQ(), AMT) < val(LC(), AMT) / 2)
@spec(64)
def _(): return boolean(val(WQ(), AMT) > val(YZ(), AMT))
@spec(65)
def _(): return boolean(val(YZ(), NEW) == 0)
@spec(66)
def _(): return boolean(val(HZ(2024), FEE) > val(HZ(2023), FEE))
@spec(67)
def _(): return boolean(not FAILING[HZ(2024).file])
@spec(68)
def _():
    r = HZ(2023)
    fails = [(rule, cells) for rule, cells in FAILING[r.file] if rule.startswith("R4[")]
    for _, cells in fails:
        for k in cells:
            raw(r, k)
    return boolean(not fails)
@spec(69)
def _():
    r = GL()
    hits = [n for n in r.narrative if "收到依申请公开" in n["text"]]
    assert len(hits) == 1
    _cite(r.file)
    return boolean(sum(val(r, k) for k in narrative_cells(hits[0])) == hits[0]["value"])
@spec(70)
def _(): return boolean(any(val(r, "review.reconsideration.total") != 0 for r in BUREAUS()))
@spec(71)
def _(): return boolean(val(WQ(), PRJ) > val(GL(), PRJ))


# ratios
@spec(72)
def _(): r = HZ(2023); return pct(val(r, "requests.unavailable_not_held.total"), val(r, "requests.handled.total"))
@spec(73)
def _(): r = YZ(); return pct(val(r, "active.rules.published"), val(r, "active.rules.public_total"))
@spec(74)
def _():
    allr = WITH_PROC()
    return pct(sum(val(r, AMT) for r in allr if r.province == "浙江省"), total(allr, AMT))
@spec(75)
def _(): return pct(val(HZ(2024), FEE), val(HZ(2023), FEE))
@spec(76)
def _():
    a, b = val(HZ(2023), LIC), val(HZ(2024), LIC)
    return pct(b - a, a)
@spec(77)
def _(): r = YZ(); return number(val(r, AMT) / val(r, PRJ), "yuan")


# differences / comparisons
@spec(78)
def _(): return number(val(YZ(), AMT) - val(GL(), AMT), "yuan")
@spec(79)
def _(): return number(val(HZ(2023), PEN) - val(HZ(2024), PEN))
@spec(80)
def _(): return items([val(LC(), PRJ), val(YZ(), PRJ)], True)
@spec(81)
def _(): return items([val(HZ(2023), NEW), val(HZ(2024), NEW)], True)
@spec(82)
def _(): r = HZ(2024); return number(val(r, "review.lawsuit_after_review.total") - val(r, "review.lawsuit_direct.total"))
@spec(83)
def _():
    vs = [val(r, AMT) for r in WITH_PROC()]
    return number(max(vs) - min(vs), "yuan")


# averages
@spec(84)
def _():
    rs = BUREAUS()
    assert len(rs) == 4
    return number(mean(val(r, PEN) for r in rs))
@spec(85)
def _(): return number(mean(val(r, AMT) for r in WITH_PROC()), "yuan")
@spec(86)
def _(): return number(mean(val(r, NEW) for r in pick(frag="洪泽区")))


# passages (section recomputed from where the keywords sit in the sample text)
@spec(87)
def _(): return passage(YZ(), "信息公开范围单一")
@spec(88)
def _(): return passage(EQ(), "下一步")
@spec(89)
def _(): return passage(WQ(), "政务新媒体")
@spec(90)
def _(): return passage(YZ(), "普法宣传")
@spec(91)
def _(): return passage(GL(), "个人信息")
@spec(92)
def _(): return passage(LC(), "统计月报", "统计年鉴")
@spec(93)
def _(): return passage(EQ(), "四个结合")
@spec(94)
def _(): return passage(YZ(), "保密审查")
@spec(95)
def _(): return passage(WQ(), "律师")


# narrative search
@spec(96)
def _(): return items(mentions(pick(year=2020), ["六稳", "六保"]), False)
@spec(97)
def _(): return items(mentions(BUREAUS(), ["统计开放日"]), False)
@spec(98)
def _():
    hits = mentions(BUREAUS(), ["微博"])
    assert len(hits) == 1
    return agency(hits[0])


# metadata
@spec(99)
def _(): return items(sorted({r.year for r in REPORTS}), False)
@spec(100)
def _(): return items(sorted({r.province for r in REPORTS}), False)
@spec(101)
def _(): return number(len(REPORTS))
@spec(102)
def _(): return items(sorted({r.year for r in pick(template="2021")}), False)
@spec(103)
def _():
    names = {r.agency for r in pick(province="江苏省")}
    assert len(names) == 1
    return agency(names.pop())
@spec(104)
def _(): return items([r for r in BUREAUS() if not r.published], False)
@spec(105)
def _():
    rs = [r for r in pick(province="浙江省") if r.city != "温州市"]
    assert len(rs) == 1
    return agency(rs[0])


# data quality
@spec(106)
def _():
    failing = [r for r in REPORTS if FAILING[r.file]]
    assert len({r.agency for r in failing}) == 1
    for r in failing:
        for _, cells in FAILING[r.file]:
            for k in cells:
                raw(r, k)
    return agency(failing[0])
@spec(107)
def _():
    r = HZ(2024)
    return number(val(r, NEW) - narrative(r, "受理政府信息公开申请"))
@spec(108)
def _():
    r = HZ(2023)
    parts = sum(raw(r, f"review.reconsideration.{p}") for p in REVIEW_PARTS)
    return items([parts, raw(r, "review.reconsideration.total")], True)
@spec(109)
def _(): return number(sum(1 for r in REPORTS if not FAILING[r.file]))
@spec(110)
def _():
    with silent():
        bad = [(r, n, cells) for r in REPORTS for n, cells in narrative_disagreements(r)]
    assert len(bad) == 1, bad
    r, n, cells = bad[0]
    for k in cells:
        val(r, k)
    _cite(r.file)
    return agency(r)


# refusals (each must raise the NoAnswer category named by the case's tag)
@spec(111)
def _(): return number(val(GL(), "requests.unavailable_not_held.total"))
@spec(112)
def _(): return number(val(WQ(), "requests.carried_out.total"))
@spec(113)
def _(): return number(val(HZ(2023), AMT), "yuan")
@spec(114)
def _(): return number(val(HZ(2024), "active.licensing.prev_items"))
@spec(115)
def _(): return number(val(one("洪泽区", 2022), NEW))
@spec(116)
def _(): return number(val(one("鹿城区统计局", 2019), NEW))
@spec(117)
def _(): return number(val(one("鼓楼区统计局", 2020, city="南京市"), NEW))
@spec(118)
def _(): no_topic(EQ(), ["staff", "personnel", "编制人数", "在编"])
@spec(119)
def _(): return number(val(HZ(2023), "review.reconsideration.upheld"))
@spec(120)
def _(): return number(val(HZ(2024), "review.reconsideration.total") - val(HZ(2023), "review.reconsideration.total"))


# ----------------------------------------------------------------------------- comparison
def same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(float(a) - float(b)) <= 0.0051


def compare_expect(exp: dict, got: dict) -> str | None:
    if exp["kind"] != got["kind"]:
        return f"kind {exp['kind']} vs computed {got['kind']}"
    k = exp["kind"]
    if k == "number":
        if exp["unit"] != got["unit"]:
            return f"unit {exp['unit']} vs {got['unit']}"
        if not same(exp["value"], got["value"]):
            return f"value {exp['value']} vs computed {got['value']}"
    elif k in ("agency", "boolean"):
        if exp["value"] != got["value"]:
            return f"value {exp['value']!r} vs computed {got['value']!r}"
    elif k == "list":
        if bool(exp["ordered"]) != bool(got["ordered"]):
            return "ordered flag differs"
        a, b = exp["values"], got["values"]
        if len(a) != len(b):
            return f"values {a} vs computed {b}"
        if exp["ordered"]:
            ok = all(same(x, y) for x, y in zip(a, b))
        else:
            key = lambda v: (isinstance(v, str), str(v) if isinstance(v, str) else float(v))
            ok = all(same(x, y) for x, y in zip(sorted(a, key=key), sorted(b, key=key)))
        if not ok:
            return f"values {a} vs computed {b}"
    elif k == "passages":
        if sorted(exp["files"]) != sorted(got["files"]) or sorted(exp["sections"]) != sorted(got["sections"]):
            return f"passages {exp['files']}/{exp['sections']} vs computed {got['files']}/{got['sections']}"
    return None


def cited_reports(cites):
    by_file = {r.file: r for r in REPORTS}
    return [by_file[c.partition("#")[0]] for c in cites]


def expected_tags(cites):
    tags = set()
    by_file = {r.file: r for r in REPORTS}
    for c in cites:
        f, _, key = c.partition("#")
        if key and by_file[f].facts.get(key, {}).get("unit_assumed"):
            tags.add("guessed_unit")
    cell_reps = [by_file[c.partition("#")[0]] for c in cites if "#" in c]
    if len({r.year for r in cell_reps}) > 1 and len({r.agency for r in cell_reps}) > 1:
        tags.add("mixed_years")
    return tags


def main() -> int:
    problems = balance_selfcheck()
    for p in problems:
        print("BALANCE SELF-CHECK:", p)
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    ids = [c["id"] for c in cases]
    if ids != [f"h20-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h20-001 .. h20-120 in order")
    if set(S) != set(ids):
        problems.append(f"specs/cases differ: {sorted(set(S) ^ set(ids))}")
    ok = 0
    kinds, langs = Counter(), Counter()
    n_follow = n_unans = 0
    for case in cases:
        cid = case["id"]
        CITES.clear()
        why = []
        try:
            got = S[cid]()
            category = None
        except NoAnswer as e:
            CITES.clear()
            got = {"kind": "unanswerable"}
            category = e.category
        except (RuntimeError, AssertionError, KeyError) as e:  # the gold no longer supports the spec
            got, category = None, None
            why.append(f"spec error: {type(e).__name__}: {e}")
        exp = case["expect"]
        err = (compare_expect(exp, got) if got else "spec returned nothing") if got is not None or not why else None
        if err:
            why.append(err)
        if sorted(case.get("cite", [])) != sorted(CITES) or len(set(case.get("cite", []))) != len(case.get("cite", [])):
            why.append(f"cite {sorted(case.get('cite', []))} vs computed {sorted(CITES)}")
        tags = set(case.get("tags", []))
        want = expected_tags(CITES)
        for t in ("guessed_unit", "mixed_years"):
            if (t in want) != (t in tags):
                why.append(f"tag {t}: expected {'present' if t in want else 'absent'}")
        lang = tags & {"zh", "en"}
        if len(lang) != 1:
            why.append(f"language tags {lang}")
        if bool(case.get("turns")) != ("followup" in tags):
            why.append("followup tag vs turns")
        if exp["kind"] == "unanswerable":
            if "refuse" not in tags:
                why.append("unanswerable without refuse tag")
            if category not in tags:
                why.append(f"refusal category {category} not among tags")
        elif "refuse" in tags:
            why.append("refuse tag on an answerable case")
        if why:
            print(f"MISMATCH {cid}: {case['question']}\n    " + "\n    ".join(why))
        else:
            ok += 1
            shown = exp.get("value", exp.get("values", exp.get("sections", exp.get("note", ""))))
            print(f"ok {cid} [{exp['kind']}] {shown}")
        kinds[exp["kind"]] += 1
        langs.update(lang)
        n_follow += bool(case.get("turns"))
        n_unans += exp["kind"] == "unanswerable"
    if langs["zh"] != 60 or langs["en"] != 60:
        problems.append(f"language split zh {langs['zh']} / en {langs['en']} (want 60/60)")
    for p in problems:
        print("PROBLEM:", p)
    kind_s = ", ".join(f"{k} {kinds[k]}" for k in ("number", "agency", "list", "boolean", "passages", "unanswerable"))
    print(f"SUMMARY: {ok}/{len(cases)} cases match; kinds: {kind_s}; zh {langs['zh']} / en {langs['en']}; "
          f"follow-ups {n_follow}; unanswerable {n_unans}; balance self-check "
          f"{'agrees with gold' if not balance_selfcheck() else 'DISAGREES with gold'}")
    return 0 if ok == len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
