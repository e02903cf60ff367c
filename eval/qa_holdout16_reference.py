#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout16.jsonl (standard library only).

For every case it recomputes the expected answer and the cite list from the gold fact files
(tests/fixtures/gold/*.json) and, for narrative and passage cases, from the sample texts
(data/samples/*.txt), then compares them with the case file.

Rules it enforces:
  * reports are selected by agency name / year / metadata (province, city, agency kind, template),
    never by a list of file names;
  * a number comes only from a cell in state `number`; blank / absent / unreadable / missing cells
    raise (they are never read as 0);
  * R1-R4 are recomputed for every report and cross-checked against the gold `checks`
    (and `checks_detail` counts where present); every cell of a failing equation is tainted and
    cannot give a number answer;
  * a ranking asserts the asked position is not tied;
  * a refusal proves there is no usable answer (no such agency / year, absent or missing cell,
    blank cell, tainted cell, or a topic the reports do not carry);
  * a narrative number must be in the gold narrative_numbers and, for the five samples, occur
    verbatim in the sample text; a passage's section is found from the sample text's headings;
  * every cited cell must be named in the case's note as row.col with its raw value; a case citing a
    cell with a guessed unit must carry the `guessed_unit` tag, one mixing agencies of different
    years the `mixed_years` tag, and a refusal the tag of its reason.

Usage: python3 eval/qa_holdout16_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]
Prints one line per case and a summary; exits 1 on any mismatch.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COLS = ("person", "business", "research", "nonprofit", "legal", "other_org", "total")
APPLICANTS = COLS[:-1]
NON_OUTCOME = ("new", "carried_in", "handled", "carried_out")
WITHHELD = ("withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理", "依申请"),
                 "四": ("复议",), "五": ("问题",), "六": ("其他需要报告",)}
CATEGORIES = ("lookup", "sum", "compare", "ratio", "rank", "count", "average", "group", "meta",
              "narrative", "passage", "followup", "quality", "refusal")


class Unusable(Exception):
    """A cell that cannot give a number (blank, absent, unreadable, missing or tainted)."""


class Mismatch(Exception):
    pass


# --------------------------------------------------------------------------- gold
class Report:
    def __init__(self, data: dict, samples: Path):
        self.d = data
        self.file = Path(data["file"]).name
        self.agency = data["agency"]
        self.year = data["year"]
        self.province = data.get("province")
        self.city = data.get("city")
        self.county = data.get("county")
        self.township = data.get("township")
        self.kind = data.get("agency_kind")
        self.template = data["template"]
        self.published = data.get("published")
        self.facts = data["facts"]
        self.narrative = data.get("narrative_numbers") or []
        self.names = [self.agency] + ([data["agency_full"]] if data.get("agency_full") else []) + \
                     [v["text"] for v in data.get("agency_variants") or []]
        sample = samples / self.file
        self.text = sample.read_text(encoding="utf-8") if sample.is_file() else None
        self.tainted: set[str] = set()
        self.failing: list[tuple] = []
        self.rules: dict[str, str] = {}
        self.rule_counts: dict[str, dict] = {}

    def state(self, key: str) -> str:
        f = self.facts.get(key)
        return "missing" if f is None else f["state"]

    def __repr__(self):
        return f"{self.agency} {self.year}"


def load_gold(gold: Path, samples: Path) -> list[Report]:
    reps = [Report(json.loads(p.read_text(encoding="utf-8")), samples) for p in sorted(gold.glob("*.json"))]
    if not reps:
        raise SystemExit(f"no gold files in {gold}")
    for r in reps:
        check_rules(r)
    return reps


# --------------------------------------------------------------------------- balance rules
def equations(r: Report):
    """(rule, label, lhs keys, rhs keys): sum(lhs) must equal sum(rhs)."""
    rows = sorted({k.split(".")[1] for k in r.facts if k.startswith("requests.")})
    outcome = [x for x in rows if x not in NON_OUTCOME]
    eqs = []
    for col in COLS:
        eqs.append(("R1", f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                    [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
        # absent rows (a 2021 sub-row the report did not print) are not part of the sum
        present = [f"requests.{x}.{col}" for x in outcome if r.state(f"requests.{x}.{col}") not in ("absent", "missing")]
        eqs.append(("R2", f"R2[{col}]", [f"requests.handled.{col}"], present))
    for row in rows:
        if all(r.state(f"requests.{row}.{c}") in ("absent", "missing") for c in COLS):
            continue
        eqs.append(("R3", f"R3[{row}]", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPLICANTS]))
    for g in REVIEW_GROUPS:
        eqs.append(("R4", f"R4[{g}]", [f"review.{g}.total"],
                    [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")]))
    return eqs


def check_rules(r: Report) -> None:
    res = {k: {"evaluated": 0, "failed": 0, "fails": []} for k in ("R1", "R2", "R3", "R4")}
    for rule, label, lhs, rhs in equations(r):
        cells = lhs + rhs
        if any(r.state(k) != "number" for k in cells):
            continue  # blank / unreadable / absent cell: not checkable
        res[rule]["evaluated"] += 1
        a = sum(r.facts[k]["value"] for k in lhs)
        b = sum(r.facts[k]["value"] for k in rhs)
        if abs(a - b) > 1e-9:
            r.failing.append((rule, label, lhs, rhs))
            res[rule]["failed"] += 1
            res[rule]["fails"].append(f"{label}: {b} != {a}")
            r.tainted.update(cells)
    for rule, v in res.items():
        mine = "pass" if v["failed"] == 0 else "fail"
        gold = str(r.d["checks"][rule])
        if not gold.startswith(mine):
            raise SystemExit(f"R-check disagreement {r}: {rule} recomputed {mine} {v['fails']} vs gold {gold!r}")
        detail = (r.d.get("checks_detail") or {}).get(rule)
        if detail and (detail["evaluated"] != v["evaluated"] or detail["failed"] != v["failed"]):
            raise SystemExit(f"R-check counts disagree {r}: {rule} {v} vs gold {detail}")
        r.rules[rule] = mine
        r.rule_counts[rule] = v


# --------------------------------------------------------------------------- selection and cells
REPS: list[Report] = []


def reports(agency=None, year=None, **meta) -> list[Report]:
    out = []
    for r in REPS:
        if agency is not None and not any(agency in n for n in r.names):
            continue
        if year is not None and r.year != year:
            continue
        if any(getattr(r, k) != v for k, v in meta.items()):
            continue
        out.append(r)
    return out


def one(agency=None, year=None, **meta) -> Report:
    rs = reports(agency, year, **meta)
    if len(rs) != 1:
        raise Mismatch(f"selection agency={agency} year={year} {meta} gives {len(rs)} reports")
    return rs[0]


def num(r: Report, key: str) -> float:
    st = r.state(key)
    if st != "number":
        raise Unusable(f"{r} {key} is {st}")
    if key in r.tainted:
        raise Unusable(f"{r} {key} is in a failing balance equation")
    return r.facts[key]["value"]


def guessed(r: Report, key: str) -> bool:
    return bool((r.facts.get(key) or {}).get("unit_assumed"))


def cite(r: Report, key: str | None = None) -> str:
    return r.file if key is None else f"{r.file}#{key}"


def pct(a, b):
    return a / b * 100.0


def top(items, pos=1, largest=True, drop_zero=False):
    """items: (report, value). The report at rank `pos` (1-based), asserting it is not tied."""
    items = [(r, v) for r, v in items if not (drop_zero and v == 0)]
    items.sort(key=lambda t: t[1], reverse=largest)
    v = items[pos - 1][1]
    if sum(1 for _, w in items if abs(w - v) < 1e-9) != 1:
        raise Mismatch(f"rank {pos} is tied at {v}")
    return items[pos - 1][0]


def ranked(items, largest=True, drop_zero=True):
    items = [(r, v) for r, v in items if not (drop_zero and v == 0)]
    vals = [v for _, v in items]
    if len(set(vals)) != len(vals):
        raise Mismatch("tie inside a ranked list")
    return [r for r, _ in sorted(items, key=lambda t: t[1], reverse=largest)]


# --------------------------------------------------------------------------- answers
def NUM(value, unit, cells):
    return {"kind": "number", "value": value, "unit": unit}, [cite(r, k) for r, k in cells]


def AGENCY(r, cites):
    return {"kind": "agency", "value": r.agency}, cites


def LIST(values, ordered, cites):
    return {"kind": "list", "values": values, "ordered": ordered}, cites


def BOOL(value, cites):
    return {"kind": "boolean", "value": bool(value)}, cites


def PASSAGE(r, phrase):
    return {"kind": "passages", "files": [r.file], "sections": [section_of(r, phrase)]}, [cite(r)]


def REFUSE(reason, cells=()):
    """reason is the tag the case must carry; cells (report, key) must be named in the note."""
    return {"kind": "unanswerable", "_reason": reason, "_cells": list(cells)}, []


def section_of(r: Report, phrase: str) -> str:
    if r.text is None:
        raise Mismatch(f"no sample text for {r}")
    lines = r.text.splitlines()
    hits = [i for i, ln in enumerate(lines) if phrase in ln]
    if len(hits) != 1:
        raise Mismatch(f"phrase {phrase!r} occurs on {len(hits)} lines of {r.file}")
    sec = None
    for ln in lines[: hits[0] + 1]:
        m = re.match(r"^[#\s*]*([一二三四五六])、(.{0,40})$", ln.strip())
        if m and any(w in m.group(2) for w in SECTION_WORDS[m.group(1)]):
            sec = m.group(1)
    if sec is None:
        raise Mismatch(f"{phrase!r} is before any section heading in {r.file}")
    return sec


def narr(r: Report, needle: str):
    """A narrative number of report r whose text contains needle (exactly one)."""
    hits = [n for n in r.narrative if needle in n["text"]]
    if len(hits) != 1:
        raise Mismatch(f"narrative {needle!r} matches {len(hits)} entries in {r}")
    n = hits[0]
    shown = n.get("raw") or (f"{n['value']:g}" if isinstance(n["value"], (int, float)) else str(n["value"]))
    if shown not in n["text"]:
        raise Mismatch(f"narrative value {shown!r} is not in its own text {n['text']!r}")
    if r.text is not None and n["text"] not in r.text:
        raise Mismatch(f"narrative text {n['text']!r} not verbatim in {r.file}")
    return n


def narr_agrees(n) -> bool | None:
    return n.get("agrees_with_table", n.get("agrees"))


# refusal proofs -------------------------------------------------------------
def no_agency(name, **meta):
    if reports(agency=name):
        raise Mismatch(f"{name} is in the database")
    for k, v in meta.items():
        if any(getattr(r, k) == v for r in REPS):
            raise Mismatch(f"a report has {k}={v}")
    return REFUSE("agency_not_held")


def no_year(agency, year):
    rs = reports(agency=agency)
    if not rs:
        raise Mismatch(f"{agency} not held at all")
    if any(r.year == year for r in rs):
        raise Mismatch(f"{agency} {year} is held")
    return REFUSE("year_not_held")


def absent(r: Report, key: str, topic: str):
    if r.state(key) not in ("absent", "missing") or r.template != "2021":
        raise Mismatch(f"{r} {key} is {r.state(key)} (template {r.template})")
    if any(k.startswith(key.rsplit(".", 1)[0]) for k in r.facts if r.state(k) == "number"):
        raise Mismatch(f"{r} has number cells in the {key} row")
    if any(topic in n["text"] for n in r.narrative):
        raise Mismatch(f"{r} has a narrative number about {topic}")
    return REFUSE("absent", [(r, key)])


def missing_column(r: Report, key: str, row_has: str, topic: str):
    if key in r.facts:
        raise Mismatch(f"{r} has {key}")
    if r.state(row_has) != "number":
        raise Mismatch(f"{r} {row_has} should exist to show only the column is missing")
    if any(topic in n["text"] for n in r.narrative):
        raise Mismatch(f"{r} has a narrative number about {topic}")
    if r.text is not None and re.search(topic + r"[^。\n]{0,20}\d+(\.\d+)?\s*万?元", r.text):
        raise Mismatch(f"{r} text gives a figure for {topic}")
    return REFUSE("missing_column", [(r, key)])


def blank(r: Report, key: str):
    if r.state(key) != "blank":
        raise Mismatch(f"{r} {key} is {r.state(key)}")
    return REFUSE("blank", [(r, key)])


def tainted(r: Report, key: str):
    try:
        num(r, key)
    except Unusable as e:
        if "failing balance" not in str(e):
            raise Mismatch(str(e))
        return REFUSE("balance_fail", [(r, key)])
    raise Mismatch(f"{r} {key} is usable")


def out_of_domain(rs, zh_terms, en_terms):
    for r in rs:
        for k in r.facts:
            if any(t in k for t in en_terms):
                raise Mismatch(f"{r} has a fact {k}")
        for n in r.narrative:
            if any(t in (n.get("what") or "").lower() for t in en_terms) or any(t in n["text"] for t in zh_terms):
                raise Mismatch(f"{r} has a narrative number {n['text']}")
        if r.text is not None and any(t in r.text for t in zh_terms):
            raise Mismatch(f"{r} text mentions {zh_terms}")
    return REFUSE("out_of_domain")


# --------------------------------------------------------------------------- the specs
SPECS = {}


def spec(n):
    def deco(fn):
        SPECS[f"h16-{n:03d}"] = fn
        return fn
    return deco


def cells_of(rs, key):
    return [(r, key) for r in rs]


def total(rs_keys):
    return sum(num(r, k) for r, k in rs_keys)


# lookup ----------------------------------------------------------------------
@spec(1)
def _(q):
    r = one("鹿城", 2020); k = "active.penalty.decisions"
    return NUM(num(r, k), "count", [(r, k)])


@spec(2)
def _(q):
    r = one("二七", 2020); k = "active.coercion.prev_items"
    return NUM(num(r, k), "count", [(r, k)])


@spec(3)
def _(q):
    r = one("洪泽", 2023); k = "active.fees.amount"
    assert r.facts[k].get("unit_printed") == "万元" and float(r.facts[k]["raw"]) * 10000 == num(r, k)
    return NUM(num(r, k), "yuan", [(r, k)])


@spec(4)
def _(q):
    r = one("温泉", 2020); k = "requests.unavailable_not_held.total"
    return NUM(num(r, k), "count", [(r, k)])


@spec(5)
def _(q):
    r = one("鄞州", 2019); k = "active.rules.public_total"
    return NUM(num(r, k), "count", [(r, k)])


@spec(6)
def _(q):
    r = one("洪泽", 2024); k = "active.normative.in_force"
    return NUM(num(r, k), "count", [(r, k)])


@spec(7)
def _(q):
    r = one("洪泽", 2024); k = "requests.withheld_safety.total"
    return NUM(num(r, k), "count", [(r, k)])


@spec(8)
def _(q):
    r = one("洪泽", 2024); k = "review.lawsuit_after_review.total"
    return NUM(num(r, k), "count", [(r, k)])


@spec(9)
def _(q):
    r = one("福州市鼓楼区统计局", 2020); k = "active.penalty.prev_items"
    return NUM(num(r, k), "count", [(r, k)])


@spec(10)
def _(q):
    r = one("洪泽", 2023); k = "requests.unavailable_needs_creation.total"
    return NUM(num(r, k), "count", [(r, k)])


@spec(11)
def _(q):
    r = one("鄞州", 2019); k = "review.lawsuit_direct.pending"
    assert r.facts[k]["raw"] == "00"
    return NUM(num(r, k), "count", [(r, k)])


# sum -------------------------------------------------------------------------
@spec(12)
def _(q):
    cs = cells_of(reports(year=2020, province="福建省"), "active.procurement.projects")
    assert len(cs) == 2
    return NUM(total(cs), "count", cs)


@spec(13)
def _(q):
    cs = cells_of(reports("洪泽"), "active.penalty.decisions")
    assert len(cs) == 2
    return NUM(total(cs), "count", cs)


@spec(14)
def _(q):
    cs = cells_of([one("洪泽", 2023), one("洪泽", 2024)], "active.fees.amount")
    return NUM(total(cs), "yuan", cs)


@spec(15)
def _(q):
    rs = [r for r in reports(province="浙江省") if "统计局" in r.agency]
    assert len(rs) == 2
    cs = cells_of(sorted(rs, key=lambda r: r.file), "active.procurement.amount")
    return NUM(total(cs), "yuan", cs)


@spec(16)
def _(q):
    rs = [r for r in REPS if "统计局" in r.agency]
    assert all(r.kind == "department" for r in rs) and len(rs) == 4
    cs = cells_of(rs, "active.penalty.decisions")
    return NUM(total(cs), "count", cs)


@spec(17)
def _(q):
    cs = cells_of(REPS, "requests.new.total")
    return NUM(total(cs), "count", cs)


@spec(18)
def _(q):
    r = one("洪泽", 2024)
    cs = [(r, f"requests.{w}.total") for w in WITHHELD]
    return NUM(total(cs), "count", cs)


@spec(19)
def _(q):
    r = one("洪泽", 2024)
    cs = [(r, f"review.{g}.total") for g in REVIEW_GROUPS]
    return NUM(total(cs), "count", cs)


# compare ---------------------------------------------------------------------
@spec(20)
def _(q):
    a, b = one("洪泽", 2023), one("洪泽", 2024); k = "active.licensing.decisions"
    assert num(b, k) > num(a, k)
    return NUM(num(b, k) - num(a, k), "count", [(a, k), (b, k)])


@spec(21)
def _(q):
    b, a = one("鹿城", 2020), one("鼓楼区统计局", 2020); k = "requests.new.total"
    return BOOL(num(b, k) > num(a, k), [cite(b, k), cite(a, k)])


@spec(22)
def _(q):
    y, l = one("鄞州"), one("鹿城"); k = "active.procurement.projects"
    w = l if num(l, k) > num(y, k) else y
    assert num(l, k) != num(y, k)
    return AGENCY(w, [cite(l, k), cite(y, k)])


@spec(23)
def _(q):
    a, b = one("洪泽", 2023), one("洪泽", 2024); k = "active.penalty.decisions"
    return LIST([num(a, k), num(b, k)], True, [cite(a, k), cite(b, k)])


@spec(24)
def _(q):
    e, l = one("二七", 2020), one("鹿城", 2020); k = "active.procurement.amount"
    # robust to the guess: the raw value read as 元 is lower still
    assert (num(e, k) >= num(l, k)) == (e.facts[k]["raw_value"] >= num(l, k))
    return BOOL(not (num(e, k) < num(l, k)), [cite(e, k), cite(l, k)])


@spec(25)
def _(q):
    d, a = one("温泉", 2020), one("鼓楼区统计局", 2020); k = "requests.new.total"
    assert d.county == a.county == "鼓楼区" and num(d, k) > num(a, k)
    return NUM(num(d, k) - num(a, k), "count", [(d, k), (a, k)])


@spec(26)
def _(q):
    d, a = one("温泉"), one("鼓楼区统计局"); k = "active.procurement.amount"
    return BOOL(num(d, k) > num(a, k), [cite(d, k), cite(a, k)])


@spec(27)
def _(q):
    rs = [one("鹿城"), one("鄞州"), one("鼓楼区统计局")]; k = "active.penalty.decisions"
    return LIST([num(r, k) for r in rs], True, [cite(r, k) for r in rs])


@spec(28)
def _(q):
    a, b = one("洪泽", 2023), one("洪泽", 2024)
    ka = [(a, f"requests.{w}.total") for w in WITHHELD]
    kb = [(b, f"requests.{w}.total") for w in WITHHELD]
    return BOOL(total(ka) > total(kb), [cite(r, k) for r, k in ka + kb])


@spec(29)
def _(q):
    a, e = one("鼓楼区统计局"), one("二七"); k = "active.penalty.prev_items"
    w = top([(a, num(a, k)), (e, num(e, k))])
    return AGENCY(w, [cite(a, k), cite(e, k)])


# ratio -----------------------------------------------------------------------
@spec(30)
def _(q):
    r = one("洪泽", 2024)
    return NUM(round(pct(num(r, "requests.granted.total"), num(r, "requests.handled.total")), 2), "percent",
               [(r, "requests.granted.total"), (r, "requests.handled.total")])


@spec(31)
def _(q):
    r = one("洪泽", 2023)
    assert num(r, "requests.handled.total") == num(r, "requests.new.total")
    return NUM(round(pct(num(r, "requests.unavailable_not_held.total"), num(r, "requests.handled.total")), 2), "percent",
               [(r, "requests.unavailable_not_held.total"), (r, "requests.handled.total")])


@spec(32)
def _(q):
    r = one("鄞州", 2019)
    return NUM(round(num(r, "active.procurement.amount") / num(r, "active.procurement.projects"), 2), "yuan",
               [(r, "active.procurement.amount"), (r, "active.procurement.projects")])


@spec(33)
def _(q):
    r = one("二七", 2020)
    return NUM(round(num(r, "active.procurement.amount") / num(r, "active.procurement.projects"), 2), "yuan",
               [(r, "active.procurement.amount"), (r, "active.procurement.projects")])


@spec(34)
def _(q):
    b, c = one("鹿城"), one("鄞州"); k = "active.penalty.decisions"
    return NUM(round(pct(num(b, k), num(c, k)), 2), "percent", [(b, k), (c, k)])


@spec(35)
def _(q):
    r = one("洪泽", 2024)
    cs = [(r, "review.reconsideration.corrected"), (r, "review.reconsideration.total")]
    return NUM(round(pct(num(*cs[0]), num(*cs[1])), 2), "percent", cs)


@spec(36)
def _(q):
    r = one("洪泽", 2024)
    cs = [(r, "requests.partial.total"), (r, "requests.handled.total")]
    return NUM(round(pct(num(*cs[0]), num(*cs[1])), 2), "percent", cs)


@spec(37)
def _(q):
    a, b = one("洪泽", 2023), one("洪泽", 2024); k = "active.fees.amount"
    assert num(b, k) < num(a, k)
    return NUM(round(pct(num(a, k) - num(b, k), num(a, k)), 2), "percent", [(a, k), (b, k)])


@spec(38)
def _(q):
    r = one("温泉", 2020)
    cs = [(r, f"requests.{w}.total") for w in WITHHELD]
    return NUM(round(pct(total(cs), num(r, "requests.handled.total")), 2), "percent", cs + [(r, "requests.handled.total")])


# rank ------------------------------------------------------------------------
def with_key(key):
    return [(r, num(r, key)) for r in REPS if key in r.facts]


@spec(39)
def _(q):
    k = "active.licensing.decisions"
    return AGENCY(top(with_key(k)), [cite(top(with_key(k)), k)])


@spec(40)
def _(q):
    k = "active.procurement.projects"
    rs = ranked([(r, num(r, k)) for r in reports(year=2020)])
    return LIST([r.agency for r in rs], True, [cite(r, k) for r in rs])


@spec(41)
def _(q):
    k = "active.procurement.amount"
    assert all(r.template == "2021" for r in REPS if k not in r.facts)
    w = top(with_key(k), pos=2)
    return AGENCY(w, [cite(w, k)])


@spec(42)
def _(q):
    k = "active.procurement.amount"
    w = top([(r, num(r, k)) for r in reports(province="福建省")], largest=False)
    return AGENCY(w, [cite(w, k)])


@spec(43)
def _(q):
    a, p = "active.procurement.amount", "active.procurement.projects"
    w = top([(r, num(r, a) / num(r, p)) for r in REPS if a in r.facts])
    return AGENCY(w, [cite(w, a), cite(w, p)])


@spec(44)
def _(q):
    k = "active.penalty.decisions"
    w = top(with_key(k), largest=False, drop_zero=True)
    return AGENCY(w, [cite(w, k)])


@spec(45)
def _(q):
    k = "active.penalty.prev_items"
    w = top(with_key(k))
    return AGENCY(w, [cite(w, k)])


@spec(46)
def _(q):
    k = "requests.new.total"
    items = [(r, num(r, k)) for r in REPS if r.year in (2019, 2020)]
    rs = [top(items, 1), top(items, 2)]
    return LIST([r.agency for r in rs], True, [cite(r, k) for r in rs])


@spec(47)
def _(q):
    k = "requests.partial.total"
    w = top(with_key(k))
    return AGENCY(w, [cite(w, k)])


# count -----------------------------------------------------------------------
@spec(48)
def _(q):
    k = "requests.new.total"
    hit = [r for r in reports(year=2020) if num(r, k) == 0]
    return NUM(len(hit), "count", cells_of(hit, k))


@spec(49)
def _(q):
    return NUM(len(reports(template="2021")), "count", [])


@spec(50)
def _(q):
    k = "active.procurement.amount"
    hit = sorted([r for r in REPS if k in r.facts and num(r, k) > 100000], key=lambda r: -num(r, k))
    # the guessed 二七 value stays below 10万 whichever unit is read
    return NUM(len(hit), "count", cells_of(hit, k))


@spec(51)
def _(q):
    k = "active.penalty.decisions"
    hit = [r for r in REPS if num(r, k) == 0]
    assert len({r.agency for r in hit}) == len(hit)
    return NUM(len(hit), "count", cells_of(hit, k))


@spec(52)
def _(q):
    hit = [r for r in REPS if "统计局" in r.agency and all(v == "pass" for v in r.rules.values())]
    return NUM(len(hit), "count", [])


@spec(53)
def _(q):
    return NUM(len([r for r in REPS if r.published]), "count", [])


@spec(54)
def _(q):
    hit = [r for r in REPS if any(num(r, f"requests.new.{c}") > 0 for c in APPLICANTS[1:])]
    return NUM(len(hit), "count", [])


# average ---------------------------------------------------------------------
@spec(55)
def _(q):
    cs = cells_of(reports(year=2020), "requests.new.total")
    return NUM(total(cs) / len(cs), "count", cs)


@spec(56)
def _(q):
    cs = cells_of([r for r in REPS if "active.procurement.amount" in r.facts], "active.procurement.amount")
    return NUM(round(total(cs) / len(cs), 2), "yuan", cs)


@spec(57)
def _(q):
    cs = cells_of(reports("洪泽"), "active.coercion.decisions")
    return NUM(total(cs) / len(cs), "count", cs)


@spec(58)
def _(q):
    cs = cells_of([r for r in REPS if "统计局" in r.agency], "active.penalty.decisions")
    return NUM(total(cs) / len(cs), "count", cs)


@spec(59)
def _(q):
    rs = reports(province="福建省")
    a = cells_of(rs, "active.procurement.amount"); p = cells_of(rs, "active.procurement.projects")
    return NUM(round(total(a) / total(p), 2), "yuan", a + p)


@spec(60)
def _(q):
    cs = cells_of(reports("洪泽"), "active.fees.amount")
    return NUM(total(cs) / len(cs), "yuan", cs)


# group -----------------------------------------------------------------------
def group_sum(rs, attr, key):
    g = {}
    for r in rs:
        g.setdefault(getattr(r, attr), []).append((r, key))
    return {name: total(cs) for name, cs in g.items()}


@spec(61)
def _(q):
    k = "active.procurement.amount"
    rs = [r for r in REPS if k in r.facts]
    g = group_sum(rs, "province", k)
    assert len(set(g.values())) == len(g)
    return LIST(sorted(g, key=lambda p: -g[p]), True, [cite(r, k) for r in rs])


@spec(62)
def _(q):
    k = "requests.new.total"
    rs = reports(year=2020)
    g = group_sum(rs, "city", k)
    cities = [c for c in sorted(g, key=lambda c: -g[c]) if g[c] > 0]
    assert len({g[c] for c in cities}) == len(cities)
    return LIST(cities, True, [cite(r, k) for c in cities for r in rs if r.city == c])


@spec(63)
def _(q):
    cs = cells_of(reports(city="福州市"), "requests.new.total")
    return NUM(total(cs), "count", cs)


@spec(64)
def _(q):
    k = "active.procurement.amount"
    st, dep = reports(kind="street_office"), reports(kind="department")
    return LIST([total(cells_of(st, k)), round(total(cells_of(dep, k)), 2)], True, [cite(r, k) for r in st + dep])


@spec(65)
def _(q):
    k = "requests.new.total"
    years = [2019, 2020, 2023, 2024]
    assert sorted({r.year for r in REPS}) == years
    return LIST([total(cells_of(reports(year=y), k)) for y in years], True,
                [cite(r, k) for y in years for r in reports(year=y)])


@spec(66)
def _(q):
    k = "active.penalty.decisions"
    rs = [r for r in REPS if num(r, k) > 0]
    return LIST(sorted({r.province for r in rs}), False, [cite(r, k) for r in rs])


# meta ------------------------------------------------------------------------
@spec(67)
def _(q):
    return LIST(sorted({r.year for r in REPS}), False, [])


@spec(68)
def _(q):
    return LIST(sorted({r.year for r in reports(template="2021")}), False, [])


@spec(69)
def _(q):
    return LIST(sorted({r.agency for r in REPS if not r.published}), False, [])


@spec(70)
def _(q):
    return AGENCY(one(kind="street_office"), [])


@spec(71)
def _(q):
    return BOOL(one("鹿城").published == "2021-01-12", [])


@spec(72)
def _(q):
    return LIST(sorted({r.agency for r in REPS if r.province not in ("浙江省", "福建省")}), False, [])


# narrative -------------------------------------------------------------------
@spec(73)
def _(q):
    r = one("鄞州", 2019)
    return {"kind": "number", "value": narr(r, "官方微博")["value"], "unit": "count"}, [cite(r)]


@spec(74)
def _(q):
    r = one("鼓楼区统计局", 2020)
    n = narr(r, "共发布各类信息")
    parts = [narr(r, f"“{x}”")["value"] for x in ("公告", "鼓楼统计", "统计数据", "统计分析", "政务公开")]
    assert sum(parts) == n["value"]
    return {"kind": "number", "value": n["value"], "unit": "count"}, [cite(r)]


@spec(75)
def _(q):
    r = one("温泉", 2020)
    return {"kind": "number", "value": narr(r, "全年主动公开政府信息")["value"], "unit": "count"}, [cite(r)]


@spec(76)
def _(q):
    r = one("鄞州", 2019)
    n = narr(r, "罚款总额")
    assert n.get("unit") == "yuan" and n.get("raw") == "2.4万" and "2.4万" in r.text
    return {"kind": "number", "value": n["value"], "unit": "yuan"}, [cite(r)]


@spec(77)
def _(q):
    r = one("洪泽", 2023)
    return {"kind": "number", "value": narr(r, "网站平台主动公开")["value"], "unit": "count"}, [cite(r)]


@spec(78)
def _(q):
    r = one("洪泽", 2024)
    return {"kind": "number", "value": narr(r, "常务会议")["value"], "unit": "count"}, [cite(r)]


@spec(79)
def _(q):
    r = one("鄞州", 2019)
    return {"kind": "number", "value": narr(r, "公开统计数据")["value"], "unit": "count"}, [cite(r)]


@spec(80)
def _(q):
    hit = [r for r in REPS if any("优秀行政处罚案卷" in n["text"] for n in r.narrative)]
    assert len(hit) == 1
    assert [r for r in REPS if r.text and "优秀行政处罚案卷" in r.text] == hit
    narr(hit[0], "优秀行政处罚案卷")
    return AGENCY(hit[0], [cite(hit[0])])


# passage ---------------------------------------------------------------------
@spec(81)
def _(q):
    return PASSAGE(one("二七"), "通过“四个结合”")


@spec(82)
def _(q):
    return PASSAGE(one("鄞州"), "存在主要问题如下")


@spec(83)
def _(q):
    return PASSAGE(one("鼓楼区统计局"), "加强个人信息保护")


@spec(84)
def _(q):
    return PASSAGE(one("温泉"), "定期邀请律师")


@spec(85)
def _(q):
    return PASSAGE(one("鹿城"), "统计开放日")


@spec(86)
def _(q):
    return PASSAGE(one("鄞州"), "积极开展统计普法宣传")


@spec(87)
def _(q):
    return PASSAGE(one("温泉"), "信息发布审查制度")


@spec(88)
def _(q):
    return PASSAGE(one("二七"), "“急务”即时公开")


# followup --------------------------------------------------------------------
def turn_has(q, i, *words):
    t = q.get("turns") or []
    if len(t) <= i or not all(w in t[i] for w in words):
        raise Mismatch(f"turn {i} should mention {words}")


@spec(89)
def _(q):
    turn_has(q, 0, "鄞州", "2019")
    r = one("鄞州", 2019); k = "active.procurement.amount"
    return NUM(num(r, k), "yuan", [(r, k)])


@spec(90)
def _(q):
    turn_has(q, 0, "Hongze", "2023")
    r = one("洪泽", 2023 + 1); k = "requests.new.total"
    return NUM(num(r, k), "count", [(r, k)])


@spec(91)
def _(q):
    turn_has(q, 0, "鹿城", "20年"); turn_has(q, 1, "鼓楼统计局")
    b, a = one("鹿城", 2020), one("鼓楼区统计局", 2020); k = "active.penalty.decisions"
    return NUM(num(b, k) + num(a, k), "count", [(b, k), (a, k)])


@spec(92)
def _(q):
    turn_has(q, 0, "least", "procurement")
    a = "active.procurement.amount"
    w = top(with_key(a), largest=False)
    assert w is top([(r, r.facts[a].get("raw_value", r.facts[a]["value"])) for r, _ in with_key(a)], largest=False)
    return NUM(num(w, "active.procurement.projects"), "count", [(w, "active.procurement.projects")])


@spec(93)
def _(q):
    turn_has(q, 0, "温泉", "2020")
    r = one("温泉", 2020)
    cs = [(r, "requests.new.person"), (r, "requests.new.total")]
    return NUM(round(pct(num(*cs[0]), num(*cs[1])), 2), "percent", cs)


@spec(94)
def _(q):
    turn_has(q, 0, "洪泽", "2024", "行政复议")
    r = one("洪泽", 2024); k = "review.reconsideration.corrected"
    return NUM(num(r, k), "count", [(r, k)])


@spec(95)
def _(q):
    turn_has(q, 0, "二七"); turn_has(q, 1, "鄞州")
    e, c = one("二七"), one("鄞州"); k = "active.procurement.amount"
    hi, lo = (c, e) if num(c, k) > num(e, k) else (e, c)
    return NUM(round(num(hi, k) - num(lo, k), 2), "yuan", [(hi, k), (lo, k)])


@spec(96)
def _(q):
    turn_has(q, 0, "Gulou stats bureau", "Wenquan", "2020")
    a, d = one("鼓楼区统计局", 2020), one("温泉", 2020); k = "active.procurement.projects"
    return LIST([num(a, k), num(d, k)], True, [cite(a, k), cite(d, k)])


@spec(97)
def _(q):
    turn_has(q, 0, "洪泽", "23年")
    a, b = one("洪泽", 2023), one("洪泽", 2023 + 1); k = "active.penalty.decisions"
    assert num(b, k) < num(a, k)
    return NUM(num(a, k) - num(b, k), "count", [(a, k), (b, k)])


@spec(98)
def _(q):
    turn_has(q, 0, "统计局", "most")
    k = "active.penalty.decisions"
    first = top([(r, num(r, k)) for r in REPS if "统计局" in r.agency])
    other = [r for r in REPS if "统计局" in r.agency and r.province == first.province and r is not first]
    assert len(other) == 1
    return NUM(num(other[0], k), "count", [(other[0], k)])


# quality ---------------------------------------------------------------------
def failing_totals(r):
    return [k for _, _, lhs, _ in r.failing for k in lhs]


@spec(99)
def _(q):
    bad = [r for r in REPS if any(v == "fail" for v in r.rules.values())]
    return LIST(sorted({r.agency for r in bad}), False, [cite(r, k) for r in bad for k in failing_totals(r)])


@spec(100)
def _(q):
    return BOOL(all(v == "pass" for v in one("洪泽", 2024).rules.values()), [])


@spec(101)
def _(q):
    hit = []
    for r in REPS:
        for n in r.narrative:
            if narr_agrees(n) is False:
                keys = n.get("cells") or [n["cell"]]
                table = sum(num(r, k) for k in keys)
                assert table != n["value"]
                hit.append((r, keys))
    return LIST(sorted({r.agency for r, _ in hit}), False,
                [c for r, keys in hit for c in [cite(r)] + [cite(r, k) for k in keys]])


@spec(102)
def _(q):
    r = one("鼓楼区统计局", 2020); k = "requests.unavailable_not_held.total"
    return BOOL(r.state(k) == "blank", [cite(r, k)])


@spec(103)
def _(q):
    r = one("洪泽", 2023)
    keys = [f"review.reconsideration.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
    v = {k: r.facts[k]["value"] for k in keys if r.state(k) == "number"}
    assert len(v) == 5
    ok = sum(v[k] for k in keys[:4]) == v[keys[4]]
    assert ok == (keys[4] not in r.tainted)
    return BOOL(ok, [cite(r, k) for k in keys])


@spec(104)
def _(q):
    r = one("鄞州", 2019)
    n = narr(r, "立案查处")
    keys = n.get("cells")
    assert keys == ["active.penalty.decisions"] and narr_agrees(n) is True
    return BOOL(n["value"] == num(r, keys[0]), [cite(r), cite(r, keys[0])])


def blank_cells(r, prefix):
    return [k for k in r.facts if k.startswith(prefix) and r.state(k) == "blank"]


@spec(105)
def _(q):
    r = one("温泉", 2020)
    ks = blank_cells(r, "requests.")
    return NUM(len(ks), "count", [(r, k) for k in ks])


@spec(106)
def _(q):
    hit = [r for r in reports(year=2020) if blank_cells(r, "")]
    return LIST(sorted({r.agency for r in hit}), False, [cite(r, k) for r in hit for k in blank_cells(r, "")])


# refusal ---------------------------------------------------------------------
@spec(107)
def _(q):
    return no_year("鹿城", 2021)


@spec(108)
def _(q):
    return absent(one("洪泽", 2024), "active.procurement.amount", "采购")


@spec(109)
def _(q):
    return absent(one("洪泽", 2023), "active.procurement.projects", "采购")


@spec(110)
def _(q):
    return blank(one("温泉", 2020), "requests.unavailable_needs_creation.total")


@spec(111)
def _(q):
    return blank(one("鼓楼区统计局", 2020), "requests.unavailable_not_held.total")


@spec(112)
def _(q):
    return tainted(one("洪泽", 2023), "review.reconsideration.total")


@spec(113)
def _(q):
    return tainted(one("洪泽", 2023), "review.lawsuit_after_review.upheld")


@spec(114)
def _(q):
    return missing_column(one("洪泽", 2024), "active.licensing.prev_items", "active.licensing.decisions", "行政许可")


@spec(115)
def _(q):
    return missing_column(one("二七", 2020), "active.fees.amount", "active.fees.prev_items", "收费")


@spec(116)
def _(q):
    return no_agency("西湖区统计局", county="西湖区", city="杭州市")


@spec(117)
def _(q):
    one("二七")
    return out_of_domain(reports("二七"), ("常住人口", "户籍人口", "人口总数", "总人口"), ("population",))


@spec(118)
def _(q):
    return no_year("洪泽", 2022)


@spec(119)
def _(q):
    one("鼓楼区统计局")
    return no_agency("南京市鼓楼区统计局", city="南京市")


@spec(120)
def _(q):
    one("鄞州")
    return out_of_domain(reports("鄞州"), ("在编", "编制人数", "工作人员共", "名工作人员"), ("staff", "employee"))


# --------------------------------------------------------------------------- comparison
def close(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= max(0.006, 1e-9 * abs(b))
    return a == b


def compare(case: dict, exp: dict, cites: list[str]) -> list[str]:
    got = case["expect"]
    errs = []
    if got.get("kind") != exp["kind"]:
        return [f"kind {got.get('kind')} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if not close(got.get("value"), exp["value"]):
            errs.append(f"value {got.get('value')} != {exp['value']}")
        if got.get("unit") != exp["unit"]:
            errs.append(f"unit {got.get('unit')} != {exp['unit']}")
    elif k in ("agency", "boolean"):
        if not close(got.get("value"), exp["value"]):
            errs.append(f"value {got.get('value')!r} != {exp['value']!r}")
    elif k == "list":
        gv, ev = got.get("values", []), exp["values"]
        if bool(got.get("ordered")) != exp["ordered"]:
            errs.append(f"ordered {got.get('ordered')} != {exp['ordered']}")
        if not exp["ordered"]:
            gv, ev = sorted(gv, key=str), sorted(ev, key=str)
        if len(gv) != len(ev) or not all(close(a, b) for a, b in zip(gv, ev)):
            errs.append(f"values {got.get('values')} != {exp['values']}")
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(exp["files"]) or sorted(got.get("sections", [])) != sorted(exp["sections"]):
            errs.append(f"passages {got.get('files')} {got.get('sections')} != {exp['files']} {exp['sections']}")
    elif k == "unanswerable":
        if exp["_reason"] not in case.get("tags", []):
            errs.append(f"refusal reason tag {exp['_reason']!r} missing")
        if "value" in got or "values" in got:
            errs.append("a refusal carries a value")
    if len(set(case.get("cite", []))) != len(case.get("cite", [])) or sorted(case.get("cite", [])) != sorted(cites):
        errs.append(f"cite {case.get('cite')} != {cites}")
    return errs


def note_checks(case: dict, exp: dict) -> list[str]:
    """Every cited cell (and every cell a refusal rests on) is named in the note with its raw value."""
    note = case["expect"].get("note", "")
    errs = []
    by_file = {r.file: r for r in REPS}
    cells = [(by_file.get(c.split("#")[0]), c.split("#")[1]) for c in case.get("cite", []) if "#" in c]
    cells += exp.get("_cells", [])
    for r, key in cells:
        if r is None:
            errs.append(f"cited file of {key} is not a gold report")
            continue
        _, row, col = key.split(".")
        if f"{row}.{col}" not in note or r.file not in note:
            errs.append(f"note does not name {r.file} {row}.{col}")
        raw = (r.facts.get(key) or {}).get("raw")
        if raw and repr(raw) not in note:
            errs.append(f"note lacks raw {raw!r} of {key}")
    for c in case.get("cite", []):
        if "#" not in c and c not in note:
            errs.append(f"note does not name {c}")
    tags = case.get("tags", [])
    if any(guessed(r, k) for r, k in cells if r is not None) and "guessed_unit" not in tags:
        errs.append("cites a guessed-unit cell but lacks the guessed_unit tag")
    used = {(r.agency, r.year) for r, _ in cells if r is not None}
    if len({a for a, _ in used}) > 1 and len({y for _, y in used}) > 1 and "mixed_years" not in tags:
        errs.append("mixes agencies of different years but lacks the mixed_years tag")
    if len(tags) < 2 or tags[0] not in CATEGORIES or tags[1] not in ("zh", "en"):
        errs.append(f"tags {tags}: tags[0] must be a category, tags[1] zh/en")
    if case.get("turns") and tags[0] != "followup":
        errs.append("a case with turns should be a followup")
    return errs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(REPO / "eval" / "qa_holdout16.jsonl"))
    ap.add_argument("--gold", default=str(REPO / "tests" / "fixtures" / "gold"))
    ap.add_argument("--samples", default=str(REPO / "data" / "samples"))
    a = ap.parse_args(argv)
    REPS[:] = load_gold(Path(a.gold), Path(a.samples))
    print(f"gold: {len(REPS)} reports from {a.gold}")
    for r in REPS:
        print(f"  {r.file}: {r.agency} {r.year} template {r.template}; "
              + ", ".join(f"{k} {v} ({r.rule_counts[k]['evaluated']} eq)" for k, v in r.rules.items())
              + (f"; tainted {len(r.tainted)} cells" if r.tainted else "")
              + (f"; sample text" if r.text is not None else ""))
    cases = [json.loads(ln) for ln in Path(a.cases).read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    ok = bad = 0
    seen = set()
    for case in cases:
        cid = case.get("id")
        seen.add(cid)
        fn = SPECS.get(cid)
        try:
            if fn is None:
                raise Mismatch("no reference spec for this id")
            exp, cites = fn(case)
            errs = compare(case, exp, cites) + note_checks(case, exp)
        except (Mismatch, Unusable, AssertionError, KeyError, ZeroDivisionError, IndexError) as e:
            errs = [f"{type(e).__name__}: {e}"]
        tag = "/".join(case.get("tags", [])[:2])
        if errs:
            bad += 1
            print(f"MISMATCH {cid} [{tag}] " + "; ".join(errs))
        else:
            ok += 1
            shown = exp.get("value", exp.get("values", exp.get("sections", exp.get("_reason"))))
            print(f"ok {cid} [{tag}] {exp['kind']}: {shown}")
    for cid in sorted(set(SPECS) - seen):
        bad += 1
        print(f"MISMATCH {cid}: spec has no case in the file")
    print(f"{ok} ok, {bad} mismatched")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
