#!/usr/bin/env python3
"""Reference check of eval/qa_holdout61.jsonl (stdlib only).

Every expected answer is recomputed here from the hand-checked gold facts in
tests/fixtures/gold/*.json (and, for passage cases, from the section text of data/samples/*.txt),
together with the cite list and the `mixed_years` / `guessed_unit` tags. The values written in the
JSONL are never read back as inputs: each case has its own recipe below that looks the reports up
by agency name and year, reads only cells whose state is "number", refuses cells of a group that
fails a balance rule (R1-R4 of shared/DOMAIN.md, recomputed here), and records every cell it reads
as a citation.

    python3 eval/qa_holdout61_reference.py            # check; prints mismatches and SUMMARY n/120
    python3 eval/qa_holdout61_reference.py --selftest # also mutate cases in memory and make sure
                                                      # each mutation is caught

Exit status 0 only when all 120 cases match (and, with --selftest, every mutation is caught).
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout61.jsonl"
N_CASES = 120

COLS = ("person", "business", "research", "nonprofit", "legal", "other_org", "total")
OUTCOME_ROWS = ("granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc")
REQUEST_ROWS = ("new", "carried_in") + OUTCOME_ROWS + ("handled", "carried_out")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")
WITHHELD = tuple(r for r in OUTCOME_ROWS if r.startswith("withheld_"))
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理",),
                 "四": ("行政复议", "行政法复议"), "五": ("问题",), "六": ("其他需要报告",)}


class Unanswerable(Exception):
    """The data cannot answer: a blank/absent/unreadable cell, a failing group, a missing report."""


# ------------------------------------------------------------------------------------------ gold
class Report:
    def __init__(self, path: Path):
        self.gold = json.loads(path.read_text(encoding="utf-8"))
        self.facts = self.gold["facts"]
        self.file = Path(self.gold["file"]).name          # 000_….txt / hongze-qu-gov-2023.pdf
        self.agency = self.gold["agency"]
        self.year = self.gold["year"]
        self.template = str(self.gold["template"])
        self.province = self.gold["province"]
        self.published = self.gold.get("published")
        self.kind = self.gold.get("agency_kind") or kind_from_name(self.agency)
        self.failing, self.rule_status = balance(self.facts)

    def names(self):
        out = {self.agency}
        if self.gold.get("agency_full"):
            out.add(self.gold["agency_full"])
        return out

    def sample_text(self) -> str:
        return (SAMPLES / self.file).read_text(encoding="utf-8")


def kind_from_name(name: str) -> str:
    if "人民政府" in name and not name.endswith(("局", "办事处")) or "办公厅" in name:
        return "government"
    if "街道办事处" in name or name.endswith(("乡人民政府", "镇人民政府")):
        return "street_office"
    return "department"


def balance(facts: dict) -> tuple[set, dict]:
    """Recompute R1-R4; return the cells of every failing group and a pass/fail per rule."""
    def st(k):
        return facts[k]["state"] if k in facts else "missing"

    def val(k):
        return facts[k]["value"]

    bad: set = set()
    status = {"R1": "pass", "R2": "pass", "R3": "pass", "R4": "pass"}

    def check(rule, keys, lhs, rhs):
        if abs(lhs - rhs) > 1e-9:
            bad.update(keys)
            status[rule] = "fail"

    for col in COLS:                                                   # R1
        ks = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        if all(st(k) == "number" for k in ks):
            check("R1", ks, val(ks[0]) + val(ks[1]), val(ks[2]) + val(ks[3]))
    for col in COLS:                                                   # R2
        outs = [f"requests.{r}.{col}" for r in OUTCOME_ROWS if st(f"requests.{r}.{col}") in ("number", "blank", "unreadable")]
        h = f"requests.handled.{col}"
        if st(h) == "number" and all(st(k) == "number" for k in outs):
            check("R2", outs + [h], sum(val(k) for k in outs), val(h))
    for row in REQUEST_ROWS:                                           # R3
        ks = [f"requests.{row}.{c}" for c in COLS]
        if all(st(k) == "number" for k in ks):
            check("R3", ks, sum(val(k) for k in ks[:-1]), val(ks[-1]))
    for g in REVIEW_GROUPS:                                            # R4
        ks = [f"review.{g}.{c}" for c in REVIEW_COLS]
        if all(st(k) == "number" for k in ks):
            check("R4", ks, sum(val(k) for k in ks[:-1]), val(ks[-1]))
    return bad, status


REPORTS = [Report(p) for p in sorted(GOLD.glob("*.json"))]


# ------------------------------------------------------------------------------------------ context
class Ctx:
    """What one recipe reads; every cell read is a citation."""

    def __init__(self):
        self.cites: list[str] = []
        self.cells: list[tuple[Report, str]] = []

    def R(self, name: str, year: int | None = None) -> Report:
        hits = [r for r in REPORTS if any(name in n for n in r.names()) and (year is None or r.year == year)]
        if not hits:
            raise Unanswerable(f"no report of {name} {year or ''} in the collection")
        if len(hits) > 1:
            raise AssertionError(f"{name} {year}: ambiguous in the gold ({[h.file for h in hits]})")
        return hits[0]

    def reports(self, year=None, kind=None, has=None, template=None, province=None):
        out = [r for r in REPORTS
               if (year is None or r.year == year) and (kind is None or r.kind == kind)
               and (template is None or r.template == template) and (province is None or r.province == province)
               and (has is None or has in r.facts)]
        assert out, "empty report filter"
        return out

    def _cite(self, r: Report, key: str):
        c = f"{r.file}#{key}"
        if c not in self.cites:
            self.cites.append(c)
            self.cells.append((r, key))

    def v(self, r: Report, key: str) -> float:
        """A usable number: printed, and not in a group that fails its balance rule."""
        f = r.facts.get(key)
        if f is None or f["state"] != "number":
            raise Unanswerable(f"{r.file}#{key}: {f['state'] if f else 'not in the template'}")
        if key in r.failing:
            raise Unanswerable(f"{r.file}#{key}: its group fails a balance rule")
        self._cite(r, key)
        return f["value"]

    def raw(self, r: Report, key: str) -> float:
        """A printed number read for a question about a balance failure itself."""
        f = r.facts[key]
        assert f["state"] == "number"
        self._cite(r, key)
        return f["value"]

    def passage(self, r: Report, wanted: dict) -> dict:
        text = r.sample_text()
        for sec, words in wanted.items():
            body = section_text(text, sec)
            missing = [w for w in words if w not in body]
            if missing:
                raise AssertionError(f"{r.file} section {sec} lacks {missing}")
        self.cites.append(r.file)
        return {"kind": "passages", "files": [r.file], "sections": sorted(wanted, key="一二三四五六".index)}


def section_text(text: str, sec: str) -> str:
    """Lines of section `sec`: from its heading (numeral + 、 + a word of its title) to the next one's."""
    order = "一二三四五六"
    lines = text.splitlines()

    def is_heading(line, s):
        t = re.sub(r"^[\s#*]+", "", line)
        return t.startswith(s + "、") and any(w in t[:40] for w in SECTION_WORDS[s])

    start = next(i for i, ln in enumerate(lines) if is_heading(ln, sec))
    end = len(lines)
    for s in order[order.index(sec) + 1:]:
        nxt = next((i for i, ln in enumerate(lines) if i > start and is_heading(ln, s)), None)
        if nxt is not None:
            end = nxt
            break
    return "\n".join(lines[start:end])


def num(value, unit="count"):
    return {"kind": "number", "value": value, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def agency(r: Report):
    return {"kind": "agency", "value": r.agency}


def listing(items, ordered):
    return {"kind": "list", "values": list(items), "ordered": ordered}


def ranked(x: Ctx, reps, key, reverse=True):
    vals = [(x.v(r, key), r) for r in reps]
    vals.sort(key=lambda t: t[0], reverse=reverse)
    return vals


# ------------------------------------------------------------------------------------------ recipes
RECIPES = {}


def case(n):
    def deco(fn):
        RECIPES[f"h61-{n:03d}"] = fn
        return fn
    return deco


HZ, LC, YZ, WQ, EQ, GL = "洪泽区", "鹿城区统计局", "鄞州区统计局", "温泉街道", "二七区统计局", "福州市鼓楼区统计局"
PROC, PROJ, NEW, HANDLED = "active.procurement.amount", "active.procurement.projects", "requests.new.total", "requests.handled.total"


@case(1)
def _(x): return num(x.v(x.R(HZ, 2024), "active.licensing.decisions"))
@case(2)
def _(x): return num(x.v(x.R(HZ, 2023), "active.penalty.decisions"))
@case(3)
def _(x): return num(x.v(x.R(HZ, 2023), "active.fees.amount"), "yuan")
@case(4)
def _(x): return num(x.v(x.R(HZ, 2024), "active.fees.amount"), "yuan")
@case(5)
def _(x): return num(x.v(x.R(HZ, 2024), NEW) - x.v(x.R(HZ, 2023), NEW))
@case(6)
def _(x): return agency(ranked(x, x.reports(year=2020), "active.penalty.decisions")[0][1])
@case(7)
def _(x):
    r = x.R(HZ, 2024)
    return pct(x.v(r, "requests.unavailable_not_held.total"), x.v(r, HANDLED))
@case(8)
def _(x): return num(x.v(x.R(YZ, 2019), "active.penalty.prev_items"))
@case(9)
def _(x):
    r = x.R(YZ, 2019)
    return num(x.v(r, PROC) / x.v(r, PROJ), "yuan")
@case(10)
def _(x): return x.passage(x.R(WQ, 2020), {"五": ["答复依申请公开处理水平有待提高"]})
@case(11)
def _(x): return x.passage(x.R(YZ, 2019), {"二": ["统计普法宣传"]})
@case(12)
def _(x): return num(x.v(x.R(YZ, 2020), "active.penalty.decisions"))
@case(13)
def _(x): return num(sum(x.v(r, PROJ) for r in x.reports(year=2020) if r.gold["county"] == "鼓楼区" and r.gold["city"] == "福州市"))
@case(14)
def _(x): return num(sum(1 for r in x.reports(year=2020) if x.v(r, NEW) == 0))
@case(15)
def _(x):
    r = x.R(HZ, 2024)
    return pct(x.v(r, "review.reconsideration.corrected"), x.v(r, "review.reconsideration.total"))
@case(16)
def _(x): return num(x.v(x.R(HZ, 2023), "review.reconsideration.upheld"))
@case(17)
def _(x):
    r = x.R(HZ, 2023)
    assert "review.reconsideration.total" in r.failing
    parts = sum(x.raw(r, f"review.reconsideration.{c}") for c in ("upheld", "corrected", "other", "pending"))
    return num(abs(parts - x.raw(r, "review.reconsideration.total")))
@case(18)
def _(x): return num(x.v(x.R(HZ, 2023), "active.coercion.decisions") - x.v(x.R(HZ, 2024), "active.coercion.decisions"))
@case(19)
def _(x):
    a, b = x.v(x.R(HZ, 2023), "active.licensing.decisions"), x.v(x.R(HZ, 2024), "active.licensing.decisions")
    return pct(b - a, a)
@case(20)
def _(x):
    a, b = x.v(x.R(HZ, 2023), "active.penalty.decisions"), x.v(x.R(HZ, 2024), "active.penalty.decisions")
    return pct(b - a, a)
@case(21)
def _(x):
    rs = x.reports(year=2020)
    return num(sum(x.v(r, NEW) for r in rs) / len(rs))
@case(22)
def _(x):
    rs = x.reports(year=2020)
    return num(sum(x.v(r, PROC) for r in rs) / len(rs), "yuan")
@case(23)
def _(x):
    r = x.R(HZ, 2024)
    return pct(x.v(r, "requests.granted.total"), x.v(r, HANDLED))
@case(24)
def _(x):
    a, b = x.v(x.R(HZ, 2023), "active.fees.amount"), x.v(x.R(HZ, 2024), "active.fees.amount")
    return pct(b - a, a)
@case(25)
def _(x):
    r = x.R(HZ, 2024)
    return pct(x.v(r, "active.licensing.decisions"), x.v(r, "active.penalty.decisions"))
@case(26)
def _(x):
    rs = [r for r in x.reports(year=2020, kind="department") if r.agency.endswith("统计局")]
    return num(sum(x.v(r, PROC) for r in rs) / sum(x.v(r, PROJ) for r in rs), "yuan")
@case(27)
def _(x): return num(x.v(x.R(HZ, 2024), "active.normative.in_force") - x.v(x.R(HZ, 2023), "active.normative.in_force"))
@case(28)
def _(x):
    rs = x.reports(has=PROC)
    total = sum(x.v(r, PROC) for r in rs)
    return pct(x.v(x.R(YZ, 2019), PROC), total)
@case(29)
def _(x): return num(sum(x.v(x.R(HZ, y), "active.coercion.decisions") for y in (2023, 2024)))
@case(30)
def _(x): return pct(x.v(x.R(HZ, 2024), PROC), x.v(x.R(HZ, 2023), PROC))
@case(31)
def _(x):
    r = x.R(HZ, 2023)
    return pct(x.v(r, "requests.unavailable_not_held.total"), x.v(r, HANDLED))
@case(32)
def _(x): return num(x.v(x.R(HZ, 2023), "active.normative.repealed"))
@case(33)
def _(x):
    rs = x.reports(year=2020)
    return num(sum(x.v(r, "active.penalty.decisions") for r in rs) / len(rs))
@case(34)
def _(x):
    a, b = x.R(HZ, 2023), x.R(HZ, 2024)
    return boolean(x.v(a, "requests.partial.total") / x.v(a, HANDLED) > x.v(b, "requests.partial.total") / x.v(b, HANDLED))
@case(35)
def _(x):
    r = x.R(LC, 2020)
    return pct(x.v(r, "active.penalty.decisions"), x.v(r, "active.penalty.prev_items"))
@case(36)
def _(x):
    r = x.R(HZ, 2024)
    p = x.v(r, "active.penalty.decisions")
    return pct(p, x.v(r, "active.licensing.decisions") + p + x.v(r, "active.coercion.decisions"))
@case(37)
def _(x): return num(x.v(x.R(HZ, 2024), "active.coercion.decisions"))
@case(38)
def _(x): return num(x.v(x.R(LC, 2020), PROJ))
@case(39)
def _(x): return num(x.v(x.R(YZ, 2019), "requests.granted.total"))
@case(40)
def _(x): return num(x.v(x.R(HZ, 2024), "requests.carried_out.total"))
@case(41)
def _(x): return num(x.v(x.R(EQ, 2020), "active.coercion.prev_items"))
@case(42)
def _(x): return num(x.v(x.R(WQ, 2020), "requests.unavailable_not_held.total"))
@case(43)
def _(x): return num(x.v(x.R(WQ, 2020), "requests.carried_out.total"))
@case(44)
def _(x): return num(x.v(x.R(GL, 2020), "requests.unavailable_not_held.total"))
@case(45)
def _(x): return num(x.v(x.R(HZ, 2024), "requests.partial.total"))
@case(46)
def _(x): return num(x.v(x.R(EQ, 2020), PROC), "yuan")
@case(47)
def _(x): return num(x.v(x.R(YZ, 2019), "active.penalty.decisions"))
@case(48)
def _(x): return num(x.v(x.R(HZ, 2023), "requests.withheld_secret.total"))
@case(49)
def _(x): return num(x.v(x.R(WQ, 2020), PROC), "yuan")
@case(50)
def _(x): return num(x.v(x.R(HZ, 2024), "review.reconsideration.total"))
@case(51)
def _(x): return num(x.v(x.R(GL, 2020), "active.penalty.prev_items"))
@case(52)
def _(x): return num(x.v(x.R(LC, 2020), HANDLED))
@case(53)
def _(x): return num(x.v(x.R(HZ, 2023), "requests.other_no_fee.total"))
@case(54)
def _(x): return num(x.v(x.R(HZ, 2023), "requests.unavailable_needs_creation.total"))
@case(55)
def _(x):
    rs = [r for r in x.reports(year=2020) if r.agency.endswith("统计局")]
    return boolean(all(x.v(r, PROC) is not None for r in rs))
@case(56)
def _(x): return boolean(all(x.v(r, "review.reconsideration.total") == 0 for r in x.reports(year=2020)))
@case(57)
def _(x): return boolean(all([x.v(r, NEW) >= 1 for r in x.reports(year=2020)]))
@case(58)
def _(x):
    h = x.R(HZ, 2024)
    others = sum(x.v(r, "active.licensing.decisions") for r in REPORTS if r is not h)
    return boolean(x.v(h, "active.licensing.decisions") > others)
@case(59)
def _(x): return boolean(x.v(x.R(LC, 2020), "active.penalty.decisions") > x.v(x.R(YZ, 2019), "active.penalty.decisions"))
@case(60)
def _(x): return boolean(ranked(x, x.reports(year=2020), PROJ)[0][1] is x.R(WQ, 2020))
@case(61)
def _(x):
    rs = [r for r in REPORTS if r.agency.endswith("统计局")]
    return boolean(all([x.v(r, "active.penalty.prev_items") > 0 for r in rs]))
@case(62)
def _(x): return boolean(x.v(x.R(GL, 2020), "requests.granted.total") < x.v(x.R(WQ, 2020), "requests.granted.total"))
@case(63)
def _(x): return boolean(x.v(x.R(HZ, 2024), NEW) > 4 * x.v(x.R(HZ, 2023), NEW))
@case(64)
def _(x): return boolean(ranked(x, x.reports(has=PROC), PROC)[0][1] is x.R(YZ, 2019))
@case(65)
def _(x): return boolean(ranked(x, x.reports(has=PROC), PROC, reverse=False)[0][1] is x.R(EQ, 2020))
@case(66)
def _(x): return boolean(any([x.v(r, "requests.withheld_third_party.total") > 0 for r in x.reports(year=2020)]))
@case(67)
def _(x): return boolean(x.v(x.R(HZ, 2024), "requests.declined_duplicate.total") > 0)
@case(68)
def _(x): return boolean(x.v(x.R(HZ, 2024), "active.penalty.decisions") < x.v(x.R(HZ, 2023), "active.penalty.decisions"))
@case(69)
def _(x):
    rs = x.reports(province="福建省")
    assert len(rs) == 2
    return boolean(all(r.published is not None and r.published < "2021-01-15" for r in rs))
@case(70)
def _(x): return boolean(all(r.published for r in REPORTS))
@case(71)
def _(x): return num(x.v(x.R(LC, 2020), "active.penalty.prev_items"))
@case(72)
def _(x): return num(x.v(x.R(HZ, 2024), "requests.granted.total"))
@case(73)
def _(x):
    r = x.R(WQ, 2020)
    return num(x.v(r, PROC) / x.v(r, PROJ), "yuan")
@case(74)
def _(x): return listing(sorted({r.agency for r in x.reports(province="福建省")}), False)
@case(75)
def _(x): return boolean(all(r.template == "2021" for r in REPORTS if HZ in r.agency) and len([r for r in REPORTS if HZ in r.agency]) == 2)
@case(76)
def _(x): return boolean(x.R(YZ, 2019).published is not None)
@case(77)
def _(x): return x.passage(x.R(EQ, 2020), {"五": ["存在不足之处", "公开意识及内容需要进一步深化"]})
@case(78)
def _(x): return num(x.v(x.R(HZ, 2023), "requests.withheld_enforcement.total"))
@case(79)
def _(x): return num(x.v(x.R(WQ, 2020), "requests.declined_complaint.total"))
@case(80)
def _(x): return agency(ranked(x, [x.R(GL, 2020), x.R(LC, 2020)], PROJ)[0][1])
@case(81)
def _(x): return num(x.v(x.R(HZ, 2024), "review.lawsuit_direct.total"))
@case(82)
def _(x): return x.passage(x.R(WQ, 2020), {"一": ["个人信息保护", "新冠肺炎疫情防控"]})
@case(83)
def _(x): return num(x.v(x.R(HZ, 2024), "active.licensing.decisions"))
@case(84)
def _(x): return num(x.v(x.R(LC, 2020), "active.penalty.decisions"))
@case(85)
def _(x):
    r = x.R(EQ, 2020)
    return num(x.v(r, PROC) / x.v(r, PROJ), "yuan")
@case(86)
def _(x):
    scratch = Ctx()                      # the earlier turn's ranking is not cited by the follow-up
    top = ranked(scratch, x.reports(has=PROJ), PROJ)[0][1]
    return num(x.v(top, PROC), "yuan")
@case(87)
def _(x):
    r = x.R(HZ, 2024)
    return pct(sum(x.v(r, f"requests.{w}.total") for w in WITHHELD), x.v(r, HANDLED))
@case(88)
def _(x): return num(x.v(x.R(YZ, 2020), "active.penalty.prev_items"))
@case(89)
def _(x):
    r = x.R(WQ, 2020)
    return boolean(x.v(r, "requests.granted.total") > x.v(r, "requests.unavailable_not_held.total"))
@case(90)
def _(x): return num(x.v(x.R(HZ, 2023), "active.fees.amount") - x.v(x.R(HZ, 2024), "active.fees.amount"), "yuan")
@case(91)
def _(x): return boolean(x.R(WQ, 2020).published > x.R(GL, 2020).published)
@case(92)
def _(x):
    top = ranked(Ctx(), x.reports(year=2020), PROC)[0][1]
    return boolean(top.kind == "street_office")
@case(93)
def _(x): return num(x.v(x.R(HZ, 2023), "review.lawsuit_direct.total"))
@case(94)
def _(x): return num(x.v(x.R(LC, 2020), PROJ) - x.v(x.R(GL, 2020), PROJ))
@case(95)
def _(x): return num(x.v(x.R(HZ, 2023), "review.reconsideration.corrected"))
@case(96)
def _(x): return num(x.v(x.R(WQ, 2020), NEW) + x.v(x.R(GL, 2020), NEW))
@case(97)
def _(x):
    hits = [r for r in x.reports(province="浙江省") if r.year == 2019]
    assert len(hits) == 1
    return agency(hits[0])
@case(98)
def _(x):
    a, b = x.v(x.R(HZ, 2023), NEW), x.v(x.R(HZ, 2024), NEW)
    return pct(b - a, a)
@case(99)
def _(x): return num(sum(x.v(r, "active.penalty.decisions") for r in REPORTS))
@case(100)
def _(x): return listing([r.agency for _, r in ranked(x, x.reports(year=2020), PROJ)], True)
@case(101)
def _(x): return agency(ranked(x, x.reports(has=PROC), PROC)[1][1])
@case(102)
def _(x): return num(sum(1 for r in x.reports(year=2020) if x.v(r, "active.penalty.decisions") >= 1))
@case(103)
def _(x): return num(x.v(x.R(YZ, 2019), PROC) - x.v(x.R(LC, 2020), PROC), "yuan")
@case(104)
def _(x): return listing(sorted({r.agency for r in x.reports(province="江苏省")}), False)
@case(105)
def _(x): return boolean(all(r.kind == "government" for r in REPORTS if HZ in r.agency))
@case(106)
def _(x): return x.passage(x.R(LC, 2020), {"五": ["两个方面的不足"]})
@case(107)
def _(x): return x.passage(x.R(YZ, 2019), {"一": ["保密审查"]})
@case(108)
def _(x): return x.passage(x.R(EQ, 2020), {"一": ["领导小组", "工作机制"]})
@case(109)
def _(x): return x.passage(x.R(GL, 2020), {"六": ["暂无其他需要报告的事项"]})
@case(110)
def _(x): return x.passage(x.R(WQ, 2020), {"一": ["培训"], "五": ["授课"]})
@case(111)
def _(x):
    rs = x.reports(year=2020)
    return pct(x.v(x.R(WQ, 2020), NEW), sum(x.v(r, NEW) for r in rs))
@case(112)
def _(x): return num(x.v(x.R(GL, 2021), NEW))
@case(113)
def _(x): return num(x.v(x.R(YZ, 2019), "active.fees.amount"), "yuan")
@case(114)
def _(x): return num(x.v(x.R("南京市鼓楼区统计局", 2020), NEW))
@case(115)
def _(x): return listing(sorted({r.agency for r in x.reports(template="2019")}), False)
@case(116)
def _(x):
    hs = [x.R(HZ, 2023), x.R(HZ, 2024)]
    return boolean(sum(x.v(r, "requests.withheld_process.total") for r in hs) > sum(x.v(r, "requests.withheld_secret.total") for r in hs))
@case(117)
def _(x): return num(sum(x.v(x.R(HZ, y), "requests.unavailable_not_held.total") for y in (2023, 2024)))
@case(118)
def _(x): return agency(ranked(x, x.reports(year=2020), PROC)[2][1])
@case(119)
def _(x):
    rs = [r for r in REPORTS if r.agency.endswith("统计局")]
    return listing([r.agency for _, r in ranked(x, rs, "active.penalty.prev_items")], True)
@case(120)
def _(x):
    r = x.R(YZ, 2019)
    return pct(x.v(r, "requests.granted.total"), x.v(r, HANDLED))


# ------------------------------------------------------------------------------------------ checking
def compute(cid: str):
    x = Ctx()
    try:
        exp = RECIPES[cid](x)
    except Unanswerable as why:
        return {"kind": "unanswerable"}, [], [], str(why)
    return exp, x.cites, x.cells, ""


def close(a, b):
    return abs(float(a) - float(b)) <= 5e-5 * max(1.0, abs(float(b)))


def same_values(got, want):
    if len(got) != len(want):
        return False
    return all(close(g, w) if isinstance(w, (int, float)) and isinstance(g, (int, float)) else g == w
               for g, w in zip(got, want))


def schema_problems(c: dict, i: int) -> list[str]:
    p = []
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(c) - allowed or not {"id", "question", "expect", "cite", "tags"} <= set(c):
        p.append(f"fields {sorted(c)}")
    if c.get("id") != f"h61-{i:03d}":
        p.append(f"id {c.get('id')!r}, expected h61-{i:03d}")
    if not isinstance(c.get("question"), str) or not c["question"].strip():
        p.append("blank question")
    if "turns" in c and (not isinstance(c["turns"], list) or not c["turns"] or not all(isinstance(t, str) and t.strip() for t in c["turns"])):
        p.append("bad turns")
    e = c.get("expect", {})
    k = e.get("kind")
    if k == "number" and (e.get("unit") not in ("count", "yuan", "percent") or isinstance(e.get("value"), bool) or not isinstance(e.get("value"), (int, float))):
        p.append("bad number expect")
    elif k == "list" and (not isinstance(e.get("values"), list) or not isinstance(e.get("ordered"), bool)):
        p.append("bad list expect")
    elif k == "boolean" and not isinstance(e.get("value"), bool):
        p.append("bad boolean expect")
    elif k == "agency" and not (isinstance(e.get("value"), str) and e["value"]):
        p.append("bad agency expect")
    elif k == "passages" and (not e.get("files") or not e.get("sections") or any(s not in "一二三四五六" or len(s) != 1 for s in e["sections"])):
        p.append("bad passages expect")
    elif k not in ("number", "list", "boolean", "agency", "passages", "unanswerable"):
        p.append(f"unknown kind {k!r}")
    if not isinstance(c.get("cite"), list) or any(not CITE_RE.match(x) for x in c.get("cite", [])):
        p.append("bad cite syntax")
    elif len(set(c["cite"])) != len(c["cite"]):
        p.append("duplicate cite")
    tags = c.get("tags", [])
    if sum(t in ("zh", "en") for t in tags) != 1:
        p.append("needs exactly one of zh/en")
    q = c.get("question", "")
    cjk = len(re.findall(r"[\u4e00-\u9fff]", q))
    latin_words = len(re.findall(r"[A-Za-z]{2,}", q))
    if "en" in tags and latin_words < 3:
        p.append("tagged en but the question is not English")
    if "zh" in tags and (cjk < 4 or latin_words > 3):
        p.append("tagged zh but the question is not Chinese")
    return p


def check_case(c: dict, i: int) -> list[str]:
    problems = schema_problems(c, i)
    cid = c.get("id", "")
    if cid not in RECIPES:
        return problems + [f"no recipe for {cid!r}"]
    want, cites, cells, why = compute(cid)
    got = c.get("expect", {})
    if got.get("kind") != want["kind"]:
        problems.append(f"kind {got.get('kind')} != {want['kind']} {('(' + why + ')') if why else ''}")
    elif want["kind"] == "number":
        if not close(got.get("value", float("nan")), want["value"]) or got.get("unit") != want["unit"]:
            problems.append(f"number {got.get('value')} {got.get('unit')} != {want['value']:.6g} {want['unit']}")
    elif want["kind"] in ("agency", "boolean"):
        if got.get("value") != want["value"]:
            problems.append(f"{want['kind']} {got.get('value')!r} != {want['value']!r}")
    elif want["kind"] == "list":
        g, w = got.get("values", []), want["values"]
        if got.get("ordered") != want["ordered"]:
            problems.append(f"ordered {got.get('ordered')} != {want['ordered']}")
        elif want["ordered"] and not same_values(g, w):
            problems.append(f"list {g} != {w}")
        elif not want["ordered"] and sorted(map(str, g)) != sorted(map(str, w)):
            problems.append(f"set {sorted(map(str, g))} != {sorted(map(str, w))}")
    elif want["kind"] == "passages":
        if sorted(got.get("files", [])) != sorted(want["files"]) or sorted(got.get("sections", [])) != sorted(want["sections"]):
            problems.append(f"passages {got.get('files')} {got.get('sections')} != {want['files']} {want['sections']}")
    if sorted(c.get("cite", [])) != sorted(cites):
        problems.append(f"cite {sorted(set(c.get('cite', [])) ^ set(cites))} differ (want {len(cites)}, got {len(c.get('cite', []))})")
    years = {r.year for r, _ in cells}
    mixed = len(years) > 1
    guessed = any(r.facts[k].get("unit_assumed") for r, k in cells)
    tags = set(c.get("tags", []))
    if ("mixed_years" in tags) != mixed:
        problems.append(f"mixed_years tag should be {'present' if mixed else 'absent'} (years {sorted(years)})")
    if ("guessed_unit" in tags) != guessed:
        problems.append(f"guessed_unit tag should be {'present' if guessed else 'absent'}")
    return problems


def check_all(cases: list[dict], quiet=False) -> int:
    ok = 0
    for i, c in enumerate(cases, start=1):
        probs = check_case(c, i)
        if probs:
            if not quiet:
                for p in probs:
                    print(f"MISMATCH {c.get('id')}: {p}")
        else:
            ok += 1
    if len(cases) != N_CASES and not quiet:
        print(f"MISMATCH file: {len(cases)} cases, expected {N_CASES}")
    langs = [t for c in cases for t in c.get("tags", []) if t in ("zh", "en")]
    if (langs.count("zh"), langs.count("en")) != (N_CASES // 2, N_CASES // 2):
        if not quiet:
            print(f"MISMATCH file: zh {langs.count('zh')} / en {langs.count('en')}, expected 60/60")
        ok = min(ok, N_CASES - 1)
    return ok if len(cases) == N_CASES else min(ok, N_CASES - 1)


def gold_sanity() -> list[str]:
    """Our recomputed R1-R4 must agree with the checks the gold files record."""
    out = []
    for r in REPORTS:
        for rule, st in r.rule_status.items():
            printed = str(r.gold["checks"][rule])
            if not printed.startswith(st):
                out.append(f"GOLD {r.file}: recomputed {rule} {st}, gold says {printed[:60]}")
    return out


def selftest(cases: list[dict]) -> bool:
    """Mutate cases in memory, one at a time, and make sure every mutation is caught."""
    def m_num(c):
        c["expect"]["value"] = c["expect"]["value"] * 1.01 + 1
    def m_unit(c):
        c["expect"]["unit"] = "count" if c["expect"]["unit"] != "count" else "yuan"
    def m_bool(c):
        c["expect"]["value"] = not c["expect"]["value"]
    def m_agency(c):
        c["expect"]["value"] = "郑州市二七区统计局" if c["expect"]["value"] != "郑州市二七区统计局" else "鄞州区统计局"
    def m_order(c):
        c["expect"]["values"] = list(reversed(c["expect"]["values"]))
    def m_list_drop(c):
        c["expect"]["values"] = c["expect"]["values"][:-1]
    def m_section(c):
        c["expect"]["sections"] = ["三"]
    def m_file(c):
        c["expect"]["files"] = ["001_19df74b8cb7281a4.txt" if c["expect"]["files"][0] != "001_19df74b8cb7281a4.txt" else "000_2133ae744f48d674.txt"]
    def m_cite_drop(c):
        c["cite"] = c["cite"][:-1]
    def m_cite_swap(c):
        c["cite"][0] = c["cite"][0].replace(".total", ".person") if ".total" in c["cite"][0] else c["cite"][0] + "x"
    def m_tag_mixed(c):
        c["tags"] = [t for t in c["tags"] if t != "mixed_years"] if "mixed_years" in c["tags"] else c["tags"] + ["mixed_years"]
    def m_tag_guess(c):
        c["tags"] = [t for t in c["tags"] if t != "guessed_unit"] if "guessed_unit" in c["tags"] else c["tags"] + ["guessed_unit"]
    def m_to_number(c):
        c["expect"] = {"kind": "number", "value": 0, "unit": "count"}
    def m_to_unans(c):
        c["expect"] = {"kind": "unanswerable", "note": "mutated"}
    def m_lang(c):
        c["tags"] = ["en" if t == "zh" else "zh" if t == "en" else t for t in c["tags"]]

    plan = []
    by_kind = {}
    for c in cases:
        by_kind.setdefault(c["expect"]["kind"], []).append(c["id"])
    plan += [(cid, m_num) for cid in by_kind["number"]]
    plan += [(cid, m_unit) for cid in by_kind["number"][::7]]
    plan += [(cid, m_bool) for cid in by_kind["boolean"]]
    plan += [(cid, m_agency) for cid in by_kind["agency"]]
    plan += [(cid, m_order) for cid in by_kind["list"] if next(c for c in cases if c["id"] == cid)["expect"]["ordered"]]
    plan += [(cid, m_list_drop) for cid in by_kind["list"]]
    plan += [(cid, m_section) for cid in by_kind["passages"]] + [(cid, m_file) for cid in by_kind["passages"]]
    plan += [(cid, m_to_number) for cid in by_kind["unanswerable"]]
    plan += [(c["id"], m_to_unans) for c in cases if c["expect"]["kind"] != "unanswerable"][::5]
    plan += [(c["id"], m_cite_drop) for c in cases if c["cite"]][::3]
    plan += [(c["id"], m_cite_swap) for c in cases if c["cite"]][1::4]
    plan += [(c["id"], m_tag_mixed) for c in cases][::2]
    plan += [(c["id"], m_tag_guess) for c in cases][1::2]
    plan += [(c["id"], m_lang) for c in cases][::10]
    missed = []
    for cid, fn in plan:
        mutated = copy.deepcopy(cases)
        target = next(c for c in mutated if c["id"] == cid)
        fn(target)
        if check_all(mutated, quiet=True) == N_CASES:
            missed.append(f"{cid}:{fn.__name__}")
    print(f"SELFTEST {len(plan) - len(missed)}/{len(plan)} mutations caught" + (f"; missed {missed}" if missed else ""))
    return not missed


def main(argv):
    text = CASES.read_text(encoding="utf-8")
    cases = [json.loads(line) for line in text.splitlines() if line.strip()]
    for g in gold_sanity():
        print(g)
    ok = check_all(cases)
    print(f"SUMMARY {ok}/{N_CASES}")
    good = ok == N_CASES and not gold_sanity()
    if "--selftest" in argv:
        good = selftest(cases) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
