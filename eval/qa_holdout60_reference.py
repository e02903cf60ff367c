#!/usr/bin/env python3
"""Independent reference check of eval/qa_holdout60.jsonl (stdlib only).

Every case id has a recipe below that recomputes its expected answer from the hand-checked gold
(tests/fixtures/gold/*.json) and, for passage cases, from the section text of data/samples/*.txt.
While a recipe runs, every cell it reads is recorded; the cells that make up the answer are its
cite list.  The recipe's result is then compared with the case: kind, value (numbers within
max(0.006, 0.01 %) of the recomputed value), unit, list order, passage files/sections, the cite
list (as a set) and the tags `guessed_unit` / `mixed_years` / `zh` / `en`.

Conventions enforced by the cell accessor:
  * only cells in state "number" give a value; blank / absent / unreadable / missing cells make
    the question unanswerable;
  * the balance rules R1-R4 of DOMAIN.md are recomputed here; the cells of a group that fails its
    rule can only be read by recipes about the failure itself (quality recipes); any other recipe
    that needs them is unanswerable;
  * a report that is not in the collection (agency or year) makes the question unanswerable.
  * guessed_unit: some cell the recipe read (cited or only used to resolve an earlier turn) has a
    unit_assumed; mixed_years: the cited cells come from reports of more than one year.

Usage:  python3 eval/qa_holdout60_reference.py            -> prints mismatches and "SUMMARY n/120"
        python3 eval/qa_holdout60_reference.py --selftest -> also mutates cases in memory and checks
                                                             that every mutation is caught
Exit status 0 only when all 120 cases match (and, with --selftest, every mutation is caught).
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout60.jsonl"
N_CASES = 120

APPLICANT_COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
REQ_COLS = APPLICANT_COLS + ["total"]
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAILABLE = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
OTHER = ["other", "other_no_correction", "other_no_fee", "other_misc"]
OUTCOME_ROWS = ["granted", "partial"] + WITHHELD + UNAVAILABLE + DECLINED + OTHER
REQ_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]
SECTION_NAMES = "一二三四五六"
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理",), "四": ("复议", "诉讼"),
                 "五": ("问题",), "六": ("其他需要报告",)}
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")


class Unanswerable(Exception):
    pass


# --------------------------------------------------------------------------- gold


def agency_kind(rep: dict) -> str:
    """Stored kind, or (Hongze has none) the kind from the name: 人民政府 -> government."""
    if rep.get("agency_kind"):
        return rep["agency_kind"]
    name = rep["agency"]
    if "人民政府" in name and not name.endswith(("局", "委", "办")):
        return "government"
    if name.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
        return "street_office"
    return "department"


def load_gold() -> list[dict]:
    reports = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        rep = json.loads(path.read_text(encoding="utf-8"))
        rep["cite_file"] = Path(rep["file"]).name  # 'samples/pdf/hongze-qu-gov-2023.pdf' -> basename
        rep["kind"] = agency_kind(rep)
        reports.append(rep)
    assert len(reports) == 7, f"expected 7 gold reports, found {len(reports)}"
    return reports


def _num(rep, key):
    x = rep["facts"].get(key)
    return x["value"] if x and x["state"] == "number" else None


def balance(rep: dict) -> tuple[list[dict], dict[str, str]]:
    """Recompute R1-R4. Returns (failures, status per rule); each failure lists its cells."""
    fails, status = [], {}

    def check(rule, label, left_keys, right_keys):
        vals = [_num(rep, k) for k in left_keys + right_keys]
        if any(v is None for v in vals):  # a blank/absent cell: not checkable (skipped, not failed)
            # absent cells of rows the template prints differently are ignored rather than skipping
            return
        lhs = sum(vals[:len(left_keys)])
        rhs = sum(vals[len(left_keys):])
        if abs(lhs - rhs) > 1e-9:
            fails.append({"rule": rule, "label": label, "cells": left_keys + right_keys, "lhs": lhs, "rhs": rhs})

    facts = rep["facts"]
    for col in REQ_COLS:  # R1
        check("R1", col, [f"requests.new.{col}", f"requests.carried_in.{col}"],
              [f"requests.handled.{col}", f"requests.carried_out.{col}"])
    for col in REQ_COLS:  # R2: handled = sum of the outcome rows printed (absent sub-rows do not exist)
        rows = [r for r in OUTCOME_ROWS if facts.get(f"requests.{r}.{col}", {}).get("state") not in (None, "absent")]
        check("R2", col, [f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in rows])
    for row in REQ_ROWS:  # R3
        if facts.get(f"requests.{row}.total", {}).get("state") in (None, "absent"):
            continue
        check("R3", row, [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPLICANT_COLS])
    for g in REVIEW_GROUPS:  # R4
        check("R4", g, [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS])
    for rule in ("R1", "R2", "R3", "R4"):
        status[rule] = "fail" if any(f["rule"] == rule for f in fails) else "pass"
    return fails, status


# --------------------------------------------------------------------------- passages


def sections_of(path: Path) -> dict[str, str]:
    """Split a sample's text into the canonical sections 一..六 by heading meaning."""
    out = {s: [] for s in SECTION_NAMES}
    cur = None
    for line in path.read_text(encoding="utf-8").splitlines():
        t = line.strip().strip("#*").strip().strip("*").strip()
        m = re.match(r"^([一二三四五六])、(.*)$", t)
        if m and len(t) <= 40 and any(w in m.group(2) for w in SECTION_WORDS[m.group(1)]):
            cur = m.group(1)
        if cur:
            out[cur].append(line)
    return {s: "\n".join(v) for s, v in out.items()}


# --------------------------------------------------------------------------- recipe context


class Ctx:
    def __init__(self, reports, tainted):
        self.reports = reports
        self.tainted = tainted  # {(cite_file, key)} cells of groups that fail their rule
        self.quality = False  # recipes about a failure may read failing cells
        self.cited: list[str] = []
        self.used: list[tuple[dict, str]] = []
        self.touched: set[str] = set()  # reports whose cells the recipe tried to read

    # reports
    def all(self, **flt):
        out = []
        for r in self.reports:
            if "year" in flt and r["year"] != flt["year"]:
                continue
            if "province" in flt and r["province"] != flt["province"]:
                continue
            if "kind" in flt and r["kind"] != flt["kind"]:
                continue
            if flt.get("stats") and not r["agency"].endswith("统计局"):
                continue
            out.append(r)
        return out

    def find(self, name, year=None):
        def names(r):
            return [r["agency"], r.get("agency_full") or ""] + [v["text"] for v in r.get("agency_variants", [])]
        hits = [r for r in self.reports if any(name in n for n in names(r)) and (year is None or r["year"] == year)]
        if not hits:
            raise Unanswerable(f"no report for {name} {year or ''}")
        assert len(hits) == 1, f"{name} {year}: {len(hits)} reports"
        return hits[0]

    # cells
    def cell(self, rep, key, cite=True):
        self.touched.add(rep["cite_file"])
        fact = rep["facts"].get(key)
        if fact is None:
            raise Unanswerable(f"{rep['cite_file']} has no cell {key} (template {rep['template']})")
        if fact["state"] != "number":
            raise Unanswerable(f"{rep['cite_file']}#{key} is {fact['state']}")
        if (rep["cite_file"], key) in self.tainted and not self.quality:
            raise Unanswerable(f"{rep['cite_file']}#{key} is in a group that fails its balance rule")
        self.used.append((rep, key))
        if cite:
            c = f"{rep['cite_file']}#{key}"
            if c not in self.cited:
                self.cited.append(c)
        return fact["value"]

    def passage(self, rep, section, *keywords):
        text = sections_of(SAMPLES / rep["cite_file"])[section]
        missing = [k for k in keywords if k not in text]
        assert not missing, f"{rep['cite_file']} section {section} lacks {missing}"
        if rep["cite_file"] not in self.cited:
            self.cited.append(rep["cite_file"])
        return {"kind": "passages", "files": [rep["cite_file"]], "sections": [section]}


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def AG(rep):
    return {"kind": "agency", "value": rep["agency"]}


def LI(values, ordered):
    return {"kind": "list", "values": values, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def pct(a, b):
    return 100.0 * a / b


def ranked(items, key, reverse=True):
    """items sorted by key; raises if two items tie (a position would be ambiguous)."""
    vals = [(key(i), i) for i in items]
    vals.sort(key=lambda p: p[0], reverse=reverse)
    return vals


def at(vals, pos):
    """The item at position pos of a ranked list, checking it is not tied with a neighbour."""
    v = vals[pos][0]
    assert sum(1 for w, _ in vals if w == v) == 1, f"position {pos} is tied"
    return vals[pos][1]


def argmax(items, key):
    return at(ranked(items, key, True), 0)


def argmin(items, key):
    return at(ranked(items, key, False), 0)


# --------------------------------------------------------------------------- recipes

RECIPES = {}


def recipe(n, quality=False):
    def deco(fn):
        RECIPES[f"h60-{n:03d}"] = (fn, quality)
        return fn
    return deco


def hz(x, year):
    return x.find("洪泽", year)


# 001-016 desk officer
@recipe(1)
def _(x): return N(x.cell(hz(x, 2024), "requests.new.total"))
@recipe(2)
def _(x): return N(x.cell(x.find("鄞州区统计局", 2019), "active.procurement.amount"), "yuan")
@recipe(3)
def _(x): return N(x.cell(x.find("温泉街道", 2020), "requests.unavailable_not_held.total"))
@recipe(4)
def _(x): return N(x.cell(hz(x, 2023), "active.coercion.decisions"))
@recipe(5)
def _(x):
    r = x.find("鹿城区统计局", 2020)
    return N(pct(x.cell(r, "requests.partial.total"), x.cell(r, "requests.handled.total")), "percent")
@recipe(6)
def _(x): return N(x.cell(x.find("温泉街道", 2020), "requests.carried_out.total"))
@recipe(7)
def _(x): return N(x.cell(hz(x, 2024), "active.normative.in_force"))
@recipe(8)
def _(x): return N(x.cell(x.find("二七区统计局", 2020), "active.penalty.prev_items"))
@recipe(9)
def _(x): return N(x.cell(hz(x, 2023), "active.fees.amount"), "yuan")
@recipe(10)
def _(x): return N(x.cell(hz(x, 2024), "review.lawsuit_direct.total"))
@recipe(11)
def _(x): return N(sum(x.cell(r, "active.penalty.decisions") for r in x.all(year=2020)))
@recipe(12)
def _(x): return AG(min((r for r in x.all() if r.get("published")), key=lambda r: r["published"]))
@recipe(13)
def _(x): return B(x.find("鄞州区统计局", 2019).get("published") is not None)
@recipe(14)
def _(x): return x.passage(x.find("鹿城区统计局", 2020), "五", "两个方面的不足", "网站信息发布审核机制有待加强")
@recipe(15)
def _(x): return B(hz(x, 2024)["template"] == "2021")
@recipe(16)
def _(x): return N(x.cell(hz(x, 2024), "requests.withheld_safety.total"))


# 017-034 NGO analyst
@recipe(17)
def _(x):
    r = hz(x, 2024)
    return N(pct(x.cell(r, "requests.granted.total"), x.cell(r, "requests.handled.total")), "percent")
@recipe(18)
def _(x):
    r = hz(x, 2023)
    return N(pct(x.cell(r, "requests.unavailable_not_held.total"), x.cell(r, "requests.handled.total")), "percent")
@recipe(19)
def _(x):
    r = hz(x, 2023)
    return N(pct(x.cell(r, "requests.granted.total") + x.cell(r, "requests.partial.total"),
                 x.cell(r, "requests.handled.total")), "percent")
@recipe(20)
def _(x):
    a, b = hz(x, 2023), hz(x, 2024)
    ra = x.cell(a, "requests.granted.total") / x.cell(a, "requests.handled.total")
    rb = x.cell(b, "requests.granted.total") / x.cell(b, "requests.handled.total")
    return B(rb > ra)
@recipe(21)
def _(x):
    a, b = x.cell(hz(x, 2023), "requests.new.total"), x.cell(hz(x, 2024), "requests.new.total")
    return N(pct(b - a, a), "percent")
@recipe(22)
def _(x):
    a, b = x.cell(hz(x, 2023), "active.penalty.decisions"), x.cell(hz(x, 2024), "active.penalty.decisions")
    return N(pct(a - b, a), "percent")
@recipe(23)
def _(x):
    r = x.find("鄞州区统计局", 2019)
    return N(x.cell(r, "active.procurement.amount") / x.cell(r, "active.procurement.projects"), "yuan")
@recipe(24)
def _(x):
    r = hz(x, 2024)
    return N(pct(sum(x.cell(r, f"requests.{w}.total") for w in WITHHELD), x.cell(r, "requests.handled.total")), "percent")
@recipe(25)
def _(x):
    zero = [r for r in x.all() if x.cell(r, "requests.new.total") == 0]
    return LI([r["agency"] for r in zero], False)
@recipe(26)
def _(x): return AG(argmax(x.all(year=2020), lambda r: x.cell(r, "requests.new.person")))
@recipe(27)
def _(x):
    orgs = [x.cell(r, f"requests.new.{c}") for r in x.all(year=2020, stats=True) for c in APPLICANT_COLS[1:]]
    return B(any(v > 0 for v in orgs))
@recipe(28)
def _(x):
    r = x.find("鄞州区统计局", 2019)
    return N(pct(x.cell(r, "requests.new.person"), x.cell(r, "requests.new.total")), "percent")
@recipe(29)
def _(x):
    r = hz(x, 2024)
    up = sum(x.cell(r, f"review.{g}.upheld") for g in REVIEW_GROUPS)
    tot = sum(x.cell(r, f"review.{g}.total") for g in REVIEW_GROUPS)
    return N(pct(up, tot), "percent")
@recipe(30)
def _(x):
    r = hz(x, 2023)
    return N(pct(x.cell(r, "review.reconsideration.upheld"), x.cell(r, "review.reconsideration.total")), "percent")
@recipe(31)
def _(x): return N(x.cell(hz(x, 2024), "active.procurement.amount"), "yuan")
@recipe(32)
def _(x):
    rs = x.all(year=2020)
    return N(sum(x.cell(r, "active.penalty.decisions") for r in rs) / len(rs))
@recipe(33)
def _(x):
    return B(x.cell(x.find("福州市鼓楼区统计局"), "active.procurement.amount")
             > 3 * x.cell(x.find("温泉街道"), "active.procurement.amount"))
@recipe(34)
def _(x): return x.passage(x.find("鄞州区统计局", 2019), "五", "信息公开范围单一", "信息发布的时效性有待提高")


# 035-048 senior student (traditional characters)
@recipe(35)
def _(x): return N(x.cell(x.find("鹿城区统计局", 2020), "active.penalty.decisions"))
@recipe(36)
def _(x): return N(x.cell(hz(x, 2024), "active.licensing.decisions"))
@recipe(37)
def _(x): return N(x.cell(x.find("鄞州区统计局", 2019), "active.penalty.prev_items"))
@recipe(38)
def _(x): return N(x.cell(x.find("二七区统计局", 2020), "active.procurement.amount"), "yuan")
@recipe(39)
def _(x): return N(x.cell(hz(x, 2023), "active.coercion.decisions") - x.cell(hz(x, 2024), "active.coercion.decisions"))
@recipe(40)
def _(x):
    rs = [r for r in x.all() if r["agency"].endswith("统计局") or r["kind"] == "street_office"]
    assert len(rs) == 5
    return N(sum(1 for r in rs if r["year"] == 2020))
@recipe(41)
def _(x): return N(sum(x.cell(r, "requests.handled.total") for r in x.all(year=2020, province="福建省")))
@recipe(42)
def _(x): return B(hz(x, 2024)["kind"] == "government" and hz(x, 2023)["kind"] == "government")
@recipe(43)
def _(x): return N(x.cell(x.find("鄞州区统计局", 2021), "requests.new.total"))
@recipe(44)
def _(x): return B(x.cell(x.find("温泉街道", 2020), "active.procurement.amount") > 100000)
@recipe(45)
def _(x):
    r = hz(x, 2024)
    return LI([x.cell(r, "review.reconsideration.total"), x.cell(r, "review.reconsideration.corrected")], True)
@recipe(46)
def _(x): return N(x.cell(x.find("温泉街道", 2020), "requests.declined_duplicate.total"))
@recipe(47)
def _(x): return x.passage(x.find("温泉街道", 2020), "五", "答复依申请公开处理水平有待提高", "邀请律师")
@recipe(48)
def _(x):
    rs = x.all(province="河南省")
    assert len({r["agency"] for r in rs}) == 1
    return AG(rs[0])


# 049-066 engineer
@recipe(49)
def _(x):
    r = hz(x, 2024)
    return N(pct(x.cell(r, "requests.partial.total"), x.cell(r, "requests.handled.total")), "percent")
@recipe(50)
def _(x): return N(sum(x.cell(r, "active.penalty.prev_items") for r in x.all(year=2020)))
@recipe(51)
def _(x): return N(x.cell(hz(x, 2024), "requests.unavailable_not_held.total") - x.cell(hz(x, 2023), "requests.unavailable_not_held.total"))
@recipe(52)
def _(x): return N(x.cell(hz(x, 2024), "active.licensing.decisions") - x.cell(hz(x, 2023), "active.licensing.decisions"))
@recipe(53)
def _(x):
    return AG(argmin(x.all(year=2020), lambda r: x.cell(r, "active.procurement.amount") / x.cell(r, "active.procurement.projects")))
@recipe(54)
def _(x): return N(sum(1 for r in x.all() if x.cell(r, "active.penalty.decisions") > 0))
@recipe(55)
def _(x): return N(sum(x.cell(hz(x, 2024), f"review.{g}.total") for g in REVIEW_GROUPS))
@recipe(56, quality=True)
def _(x):
    r = hz(x, 2023)
    fails, _s = balance(r)
    assert any(f["rule"] == "R4" and f["label"] == "reconsideration" for f in fails)
    parts = sum(x.cell(r, f"review.reconsideration.{p}") for p in REVIEW_PARTS)
    return N(parts - x.cell(r, "review.reconsideration.total"))
@recipe(57)
def _(x): return N(x.cell(hz(x, 2024), "active.normative.in_force") - x.cell(hz(x, 2023), "active.normative.in_force"))
@recipe(58)
def _(x): return N(sum(x.cell(r, "requests.new.total") for r in x.all()))
@recipe(59)
def _(x):
    r = x.find("二七区统计局", 2020)
    return N(x.cell(r, "active.procurement.amount") / x.cell(r, "active.procurement.projects"), "yuan")
@recipe(60)
def _(x):
    fj = sum(x.cell(r, "active.procurement.amount") for r in x.all(year=2020, province="福建省"))
    return B(x.cell(x.find("鄞州区统计局", 2019), "active.procurement.amount") > fj)
@recipe(61)
def _(x): return AG(argmax(x.all(), lambda r: x.cell(r, "active.coercion.decisions")))
@recipe(62)
def _(x): return N(sum(x.cell(hz(x, 2023), f"requests.{w}.total") for w in WITHHELD))
@recipe(63)
def _(x): return N(x.cell(hz(x, 2023), "requests.other_no_fee.total"))
@recipe(64)
def _(x): return x.passage(x.find("温泉街道", 2020), "一", "信息发布审查制度", "信息保密审查制度")
@recipe(65)
def _(x): return B(x.find("鄞州区统计局", 2019)["template"] == "2021")
@recipe(66, quality=True)
def _(x):
    r = hz(x, 2024)
    return N(x.cell(r, "requests.new.total") + x.cell(r, "requests.carried_in.total")
             - x.cell(r, "requests.handled.total") - x.cell(r, "requests.carried_out.total"))


# 067-080 newspaper
@recipe(67)
def _(x):
    return AG(argmax([x.find("鹿城区统计局"), x.find("鄞州区统计局")], lambda r: x.cell(r, "active.penalty.decisions")))
@recipe(68)
def _(x): return AG(argmax(x.all(province="福建省"), lambda r: x.cell(r, "active.procurement.projects")))
@recipe(69)
def _(x):
    a, b = x.cell(hz(x, 2023), "active.licensing.decisions"), x.cell(hz(x, 2024), "active.licensing.decisions")
    return N(pct(b - a, a), "percent")
@recipe(70)
def _(x): return N(x.cell(hz(x, 2024), "requests.new.total") - x.cell(hz(x, 2023), "requests.new.total"))
@recipe(71)
def _(x): return AG(argmax(x.all(year=2020, stats=True), lambda r: x.cell(r, "active.penalty.decisions")))
@recipe(72)
def _(x): return B(x.cell(x.find("二七区统计局", 2020), "requests.new.total") == 0)
@recipe(73)
def _(x):
    r = hz(x, 2024)
    return B(any(x.cell(r, f"review.{g}.corrected") > 0 for g in ("lawsuit_direct", "lawsuit_after_review")))
@recipe(74)
def _(x):
    return B(x.cell(x.find("温泉街道"), "active.procurement.amount") > x.cell(x.find("二七区统计局"), "active.procurement.amount"))
@recipe(75)
def _(x): return AG(argmax(x.all(year=2020, province="福建省"), lambda r: x.cell(r, "active.procurement.amount")))
@recipe(76)
def _(x): return B(x.cell(hz(x, 2024), "active.fees.amount") < x.cell(hz(x, 2023), "active.fees.amount"))
@recipe(77)
def _(x):
    (r,) = x.all(province="河南省")
    return N(x.cell(r, "active.procurement.projects"))
@recipe(78)
def _(x): return N(x.cell(hz(x, 2023), "active.penalty.decisions") - x.cell(hz(x, 2024), "active.penalty.decisions"))
@recipe(79)
def _(x):
    return B(any(x.cell(r, f"review.{g}.total") > 0 for r in x.all(year=2020, stats=True)
                 for g in ("lawsuit_direct", "lawsuit_after_review")))
@recipe(80)
def _(x):
    rs = [r for r in x.all(stats=True) if r["province"] in ("浙江省", "河南省")]
    return AG(argmax(rs, lambda r: x.cell(r, "active.penalty.prev_items")))


# 081-096 multi-turn: earlier turns are resolved with cite=False; only the last answer is cited
@recipe(81)
def _(x):
    second = at(ranked(x.all(year=2020), lambda r: x.cell(r, "active.procurement.amount", cite=False)), 1)
    return N(x.cell(second, "active.procurement.projects"))
@recipe(82)
def _(x):
    top = at(ranked(x.all(year=2020), lambda r: x.cell(r, "requests.new.total", cite=False)), 0)
    return N(x.cell(top, "requests.granted.total"))
@recipe(83)
def _(x):
    last = at(ranked(x.all(year=2020, stats=True), lambda r: x.cell(r, "active.penalty.decisions", cite=False)), -1)
    return N(x.cell(last, "active.penalty.prev_items"))
@recipe(84)
def _(x):
    later = max([hz(x, 2023), hz(x, 2024)], key=lambda r: r["year"])
    return N(x.cell(later, "active.coercion.decisions"))
@recipe(85)
def _(x):
    top = at(ranked(x.all(province="福建省"), lambda r: x.cell(r, "active.procurement.projects", cite=False)), 0)
    return N(x.cell(top, "active.procurement.amount"), "yuan")
@recipe(86)
def _(x):
    top = argmax(x.all(year=2020), lambda r: x.cell(r, "active.procurement.amount", cite=False)
                 / x.cell(r, "active.procurement.projects", cite=False))
    return N(x.cell(top, "active.other_services.prev_items"))
@recipe(87)
def _(x):
    r = hz(x, 2024)
    rows = [k for k in OUTCOME_ROWS if r["facts"].get(f"requests.{k}.total", {}).get("state") == "number"]
    third = at(ranked(rows, lambda k: x.cell(r, f"requests.{k}.total", cite=False)), 2)
    return N(x.cell(r, f"requests.{third}.total"))
@recipe(88)
def _(x):
    top = argmax([hz(x, 2023), hz(x, 2024)], lambda r: x.cell(r, "requests.new.total", cite=False))
    return N(x.cell(top, "requests.granted.total"))
@recipe(89)
def _(x):
    third = at(ranked(x.all(stats=True), lambda r: x.cell(r, "active.penalty.decisions", cite=False)), 2)
    return N(x.cell(third, "active.procurement.projects"))
@recipe(90)
def _(x):
    last = at(ranked(x.all(year=2020), lambda r: x.cell(r, "active.procurement.amount", cite=False), reverse=False), -1)
    return N(x.cell(last, "requests.new.total"))
@recipe(91)
def _(x):
    second = at(ranked(x.all(year=2020), lambda r: x.cell(r, "active.procurement.projects", cite=False)), 1)
    return N(x.cell(second, "active.procurement.amount") / x.cell(second, "active.procurement.projects"), "yuan")
@recipe(92)
def _(x): return N(x.cell(hz(x, 2023), "active.fees.amount") - x.cell(hz(x, 2024), "active.fees.amount"), "yuan")
@recipe(93)
def _(x):
    rs = [r for r in x.all() if r["template"] == "2021"]
    assert rs
    return B(any(k.startswith("active.procurement.") for r in rs for k in r["facts"]))
@recipe(94)
def _(x):
    second = at(ranked(x.all(province="浙江省", stats=True),
                       lambda r: x.cell(r, "active.procurement.projects", cite=False)), 1)
    return N(x.cell(second, "active.procurement.amount"), "yuan")
@recipe(95)
def _(x):
    top = at(ranked(x.all(year=2020), lambda r: x.cell(r, "requests.handled.total", cite=False)), 0)
    return N(pct(sum(x.cell(top, f"requests.{w}.total") for w in WITHHELD), x.cell(top, "requests.handled.total")), "percent")
@recipe(96)
def _(x):
    first = min(x.all(province="福建省"), key=lambda r: r["published"])
    return N(x.cell(first, "active.penalty.decisions"))


# 097-120 mixed
@recipe(97)
def _(x): return AG(at(ranked(x.all(year=2020), lambda r: x.cell(r, "active.procurement.amount")), 2))
@recipe(98)
def _(x): return N(sum(x.cell(r, "active.procurement.amount") for r in x.all(province="浙江省", stats=True)), "yuan")
@recipe(99)
def _(x): return N(sum(1 for r in x.all(year=2020) if x.cell(r, "requests.new.total") == 1))
@recipe(100)
def _(x):
    r = x.find("鹿城区统计局", 2020)
    return N(x.cell(r, "active.penalty.decisions") - x.cell(r, "active.penalty.prev_items"))
@recipe(101)
def _(x): return N(x.cell(hz(x, 2023), "active.normative.repealed"))
@recipe(102)
def _(x): return LI(sorted({r["agency"] for r in x.all() if r["template"] == "2019"}), False)
@recipe(103, quality=True)
def _(x):
    r = hz(x, 2023)
    parts = sum(x.cell(r, f"review.reconsideration.{p}") for p in REVIEW_PARTS)
    return B(parts == x.cell(r, "review.reconsideration.total"))
@recipe(104)
def _(x): return x.passage(x.find("鄞州区统计局", 2019), "二", "统计普法宣传", "宪法宣传日")
@recipe(105)
def _(x): return x.passage(x.find("二七区统计局", 2020), "五", "进一步规范公开内容", "进一步规范公开时间")
@recipe(106)
def _(x): return x.passage(x.find("福州市鼓楼区统计局", 2020), "一", "新冠疫情", "个人信息保护")
@recipe(107)
def _(x): return N(x.cell(x.find("南京市鼓楼区统计局", 2020), "requests.new.total"))
@recipe(108)
def _(x): return N(sum(x.cell(hz(x, 2024), f"review.{g}.pending") for g in REVIEW_GROUPS))
@recipe(109)
def _(x):
    return B(x.cell(x.find("温泉街道", 2020), "active.penalty.decisions") > x.cell(x.find("二七区统计局", 2020), "active.penalty.decisions"))
@recipe(110)
def _(x):
    rs = ranked(x.all(year=2020), lambda r: x.cell(r, "active.procurement.projects"))
    return LI([at(rs, i)["agency"] for i in range(len(rs))], True)
@recipe(111)
def _(x): return N(len({r["agency"] for r in x.all(kind="street_office")}))
@recipe(112)
def _(x): return LI(sorted({r["agency"] for r in x.all() if r["province"] not in ("福建省", "浙江省")}), False)
@recipe(113)
def _(x): return B(x.find("温泉街道")["published"] < x.find("福州市鼓楼区统计局")["published"])
@recipe(114)
def _(x): return x.passage(x.find("温泉街道", 2020), "一", "效能办", "追责")
@recipe(115)
def _(x): return x.passage(x.find("福州市鼓楼区统计局", 2020), "五", "进一步提高思想认识", "业务学习和培训")
@recipe(116)
def _(x): return N(x.cell(hz(x, 2022), "requests.new.total"))
@recipe(117)
def _(x): return N(x.cell(x.find("福州市鼓楼区统计局", 2020), "requests.unavailable_not_held.total"))
@recipe(118)
def _(x): return LI([r["agency"] for r in x.all(year=2020) if x.cell(r, "active.penalty.decisions") >= 1], False)
@recipe(119)
def _(x):
    top = argmax(x.all(), lambda r: x.cell(r, "requests.partial.total"))
    assert top["year"] == 2024
    return AG(top)
@recipe(120, quality=True)
def _(x):
    r = hz(x, 2024)
    (claim,) = [n for n in r["narrative_numbers"] if n.get("value") == 17]
    assert claim.get("cell") == "requests.new.total"
    return B(claim["value"] == x.cell(r, claim["cell"]))


# --------------------------------------------------------------------------- comparison


def _same_num(a, b):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= max(0.006, 1e-4 * abs(b))


def _same_item(a, b):
    if isinstance(b, str):
        return a == b
    return _same_num(a, b)


def run_recipe(cid, reports, tainted):
    fn, quality = RECIPES[cid]
    x = Ctx(reports, tainted)
    x.quality = quality
    try:
        exp = fn(x)
    except Unanswerable as e:
        exp = {"kind": "unanswerable", "note": str(e)}
        if " is blank" in str(e) and len(x.touched) > 1:
            # a total/ranking over several reports with one blank cell: disputed, not to be asked
            exp = {"kind": "DISALLOWED", "note": f"multi-report question hits a blank cell: {e}"}
        x.cited = []
    return exp, x


def expect_shape(exp) -> list[str]:
    """The field rules of eval/dataset.py's expect models, restated with the stdlib."""
    k = exp.get("kind") if isinstance(exp, dict) else None
    isnum = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if k == "number":
        ok = isnum(exp.get("value")) and exp.get("unit") in ("count", "yuan", "percent")
    elif k == "agency":
        ok = isinstance(exp.get("value"), str) and exp["value"] != ""
    elif k == "list":
        ok = (isinstance(exp.get("values"), list) and all(isnum(v) or isinstance(v, str) for v in exp["values"])
              and isinstance(exp.get("ordered", False), bool))
    elif k == "boolean":
        ok = isinstance(exp.get("value"), bool)
    elif k == "passages":
        ok = (isinstance(exp.get("files"), list) and len(exp["files"]) >= 1
              and isinstance(exp.get("sections"), list) and len(exp["sections"]) >= 1
              and all(s in SECTION_NAMES for s in exp["sections"]))
    elif k == "unanswerable":
        ok = isinstance(exp.get("note", ""), str)
    else:
        ok = False
    return [] if ok else [f"expect does not fit kind {k!r}: {exp}"]


def check_case(case, reports, tainted) -> list[str]:
    cid = case.get("id", "?")
    errs = []
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(case) - allowed or not {"id", "question", "expect"} <= set(case):
        errs.append(f"fields {sorted(case)}")
    if not isinstance(case.get("question"), str) or not case["question"].strip():
        errs.append("blank question")
    if "turns" in case and (not isinstance(case["turns"], list) or not case["turns"]
                            or not all(isinstance(t, str) and t.strip() for t in case["turns"])):
        errs.append("bad turns")
    cite = case.get("cite", [])
    bad = [c for c in cite if not _CITE.match(c)]
    if bad:
        errs.append(f"cite format {bad}")
    if len(cite) != len(set(cite)):
        errs.append("duplicate cites")
    errs += expect_shape(case.get("expect"))
    if cid not in RECIPES:
        return errs + ["no recipe for this id"]
    ref, x = run_recipe(cid, reports, tainted)
    got = case.get("expect", {})
    kind = got.get("kind")
    if kind != ref["kind"]:
        errs.append(f"kind {kind} != {ref['kind']} ({ref.get('note', '')})")
    elif kind == "number":
        if got.get("unit") != ref["unit"]:
            errs.append(f"unit {got.get('unit')} != {ref['unit']}")
        if not _same_num(got.get("value"), ref["value"]):
            errs.append(f"value {got.get('value')} != {ref['value']}")
    elif kind in ("agency", "boolean"):
        if got.get("value") != ref["value"] or (kind == "boolean" and not isinstance(got.get("value"), bool)):
            errs.append(f"value {got.get('value')!r} != {ref['value']!r}")
    elif kind == "list":
        if got.get("ordered") is not ref["ordered"]:
            errs.append(f"ordered {got.get('ordered')} != {ref['ordered']}")
        gv, rv = list(got.get("values", [])), list(ref["values"])
        if not ref["ordered"]:
            gv, rv = sorted(gv, key=str), sorted(rv, key=str)
        if len(gv) != len(rv) or not all(_same_item(a, b) for a, b in zip(gv, rv)):
            errs.append(f"values {got.get('values')} != {ref['values']}")
    elif kind == "passages":
        if sorted(got.get("files", [])) != sorted(ref["files"]) or sorted(got.get("sections", [])) != sorted(ref["sections"]):
            errs.append(f"passages {got.get('files')}/{got.get('sections')} != {ref['files']}/{ref['sections']}")
    if set(cite) != set(x.cited):
        errs.append(f"cite: missing {sorted(set(x.cited) - set(cite))}, extra {sorted(set(cite) - set(x.cited))}")
    tags = case.get("tags", [])
    lang = [t for t in tags if t in ("zh", "en")]
    if len(lang) != 1:
        errs.append(f"language tags {lang}")
    guessed = ref["kind"] != "unanswerable" and any(
        rep["facts"][k].get("unit_assumed") for rep, k in x.used)
    if guessed != ("guessed_unit" in tags):
        errs.append(f"guessed_unit tag should be {'present' if guessed else 'absent'}")
    by_file = {r["cite_file"]: r["year"] for r in reports}
    years = {by_file[c.partition("#")[0]] for c in x.cited if "#" in c}
    if (len(years) > 1) != ("mixed_years" in tags):
        errs.append(f"mixed_years tag should be {'present' if len(years) > 1 else 'absent'} (years {sorted(years)})")
    # cells of failing groups only in quality cases
    if "quality" not in tags:
        hit = [c for c in cite if tuple(c.split("#", 1)) in tainted]
        if hit:
            errs.append(f"non-quality case cites failing-group cells {hit}")
    return errs


def check_all(cases, reports, tainted) -> tuple[int, list[str]]:
    lines, ok = [], 0
    ids = [c.get("id") for c in cases]
    want = [f"h60-{i:03d}" for i in range(1, N_CASES + 1)]
    global_errs = []
    if ids != want:
        global_errs.append(f"ids are not h60-001..h60-{N_CASES:03d} in order")
    langs = [next((t for t in c.get("tags", []) if t in ("zh", "en")), None) for c in cases]
    if langs.count("zh") != N_CASES // 2 or langs.count("en") != N_CASES // 2:
        global_errs.append(f"zh/en = {langs.count('zh')}/{langs.count('en')}, want 60/60")
    for case in cases:
        errs = check_case(case, reports, tainted)
        if errs:
            for e in errs:
                lines.append(f"MISMATCH {case.get('id')}: {e}")
        else:
            ok += 1
    lines.extend(f"MISMATCH (collection): {e}" for e in global_errs)
    if global_errs:
        ok = min(ok, N_CASES - 1)
    return ok, lines


def setup():
    reports = load_gold()
    tainted = set()
    for r in reports:
        fails, status = balance(r)
        gold = {k: ("pass" if str(v).startswith("pass") else "fail") for k, v in r["checks"].items()}
        assert status == gold, f"{r['cite_file']}: recomputed {status} but gold says {r['checks']}"
        for f in fails:
            tainted.update((r["cite_file"], k) for k in f["cells"])
    return reports, tainted


def load_cases(path=CASES):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def selftest(cases, reports, tainted) -> bool:
    """Mutate cases in memory; every mutation must produce a mismatch."""
    by_id = {c["id"]: c for c in cases}

    def m_num(c):
        c["expect"]["value"] = c["expect"]["value"] * 1.01 + 1
    def m_unit(c):
        c["expect"]["unit"] = "count" if c["expect"]["unit"] != "count" else "yuan"
    def m_bool(c):
        c["expect"]["value"] = not c["expect"]["value"]
    def m_agency(c):
        c["expect"]["value"] = "鄞州区统计局" if c["expect"]["value"] != "鄞州区统计局" else "郑州市二七区统计局"
    def m_order(c):
        c["expect"]["values"] = list(reversed(c["expect"]["values"]))
    def m_drop_item(c):
        c["expect"]["values"] = c["expect"]["values"][:-1]
    def m_section(c):
        c["expect"]["sections"] = ["六"]
    def m_file(c):
        c["expect"]["files"] = ["004_5206fb2196a31c52.txt"] if c["expect"]["files"] != ["004_5206fb2196a31c52.txt"] else ["000_2133ae744f48d674.txt"]
    def m_drop_cite(c):
        c["cite"] = c["cite"][1:]
    def m_extra_cite(c):
        c["cite"] = c["cite"] + ["001_19df74b8cb7281a4.txt#requests.new.total"]
    def m_wrong_year_cite(c):
        c["cite"] = [x.replace("hongze-qu-gov-2024", "hongze-qu-gov-2023") for x in c["cite"]]
    def m_drop_tag(tag):
        def f(c):
            c["tags"] = [t for t in c["tags"] if t != tag]
        return f
    def m_add_tag(tag):
        def f(c):
            c["tags"] = c["tags"] + [tag]
        return f
    def m_answer_unanswerable(c):
        c["expect"] = {"kind": "number", "value": 0, "unit": "count"}
    def m_make_unanswerable(c):
        c["expect"] = {"kind": "unanswerable", "note": "mutated"}
    def m_swap_lang(c):
        c["tags"] = ["en" if t == "zh" else "zh" if t == "en" else t for t in c["tags"]]
    def m_id(c):
        c["id"] = "h60-999"

    plan = [("h60-001", m_num), ("h60-017", m_num), ("h60-009", m_unit), ("h60-020", m_bool), ("h60-012", m_agency),
            ("h60-061", m_agency), ("h60-110", m_order), ("h60-112", m_drop_item), ("h60-014", m_section),
            ("h60-104", m_file), ("h60-011", m_drop_cite), ("h60-002", m_extra_cite), ("h60-049", m_wrong_year_cite),
            ("h60-038", m_drop_tag("guessed_unit")), ("h60-001", m_add_tag("guessed_unit")),
            ("h60-039", m_drop_tag("mixed_years")), ("h60-005", m_add_tag("mixed_years")),
            ("h60-006", m_answer_unanswerable), ("h60-030", m_answer_unanswerable), ("h60-063", m_answer_unanswerable),
            ("h60-116", m_answer_unanswerable), ("h60-003", m_make_unanswerable), ("h60-056", m_make_unanswerable),
            ("h60-081", m_num), ("h60-089", m_num), ("h60-045", m_order), ("h60-033", m_bool), ("h60-024", m_drop_cite),
            ("h60-050", m_swap_lang), ("h60-100", m_id)]
    caught = 0
    for cid, mut in plan:
        mutated = copy.deepcopy(cases)
        target = next(c for c in mutated if c["id"] == cid)
        mut(target)
        ok, lines = check_all(mutated, reports, tainted)
        if ok < N_CASES and lines:
            caught += 1
        else:
            print(f"SELFTEST NOT CAUGHT: {cid} {mut.__name__}")
    # a wrong failing-group convention: a non-quality case that reads the failing group must fail
    mutated = copy.deepcopy(cases)
    c = next(c for c in mutated if c["id"] == "h60-030")
    c["expect"] = {"kind": "number", "value": 100 * 10 / 0.000001, "unit": "percent"}
    c["cite"] = ["hongze-qu-gov-2023.pdf#review.reconsideration.upheld"]
    total = len(plan) + 1
    if check_all(mutated, reports, tainted)[0] < N_CASES:
        caught += 1
    else:
        print("SELFTEST NOT CAUGHT: failing-group number")
    assert by_id  # cases untouched on disk and in memory
    print(f"SELFTEST {caught}/{total} mutations caught")
    return caught == total


def main(argv):
    reports, tainted = setup()
    cases = load_cases()
    ok, lines = check_all(cases, reports, tainted)
    for line in lines:
        print(line)
    if len(cases) != N_CASES:
        print(f"MISMATCH (collection): {len(cases)} cases, want {N_CASES}")
        ok = min(ok, N_CASES - 1)
    print(f"SUMMARY {ok}/{N_CASES}")
    good = ok == N_CASES
    if "--selftest" in argv:
        good = selftest(cases, reports, tainted) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
