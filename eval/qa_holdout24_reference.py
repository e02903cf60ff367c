#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout24.jsonl, recomputed from the gold fact files.

Stdlib only. Reads the seven gold JSON files (tests/fixtures/gold/*.json) and, for passage and
mention questions, the five sample texts (data/samples/*.txt); recomputes every case's expected
answer (value, list, boolean, agency, passage files/sections), its cite list and the two derived
tags `guessed_unit` and `mixed_years`, and compares them with the JSONL.

Conventions (the ones of the earlier hand-written holdout sets):
- only cells in state `number` are read; blank / absent / unreadable / missing cells, and every
  cell of a balance equation (R1-R4 of shared/DOMAIN.md) that fails, are unusable; a case whose
  computation needs an unusable cell is `unanswerable`. A blank never satisfies a condition and
  is never 0. The R1-R4 evaluation here is asserted against each gold file's `checks`.
- money in yuan; percentages in percent points rounded to 2 decimals (half up); averages in
  yuan rounded to 2 decimals.
- agencies by the gold `agency` field; years in lists are integers.
- cites: `file#table.row.col` with the bare file name, a bare file for passages / narrative.
- `guessed_unit`: some cited cell has `unit_assumed`; `mixed_years`: the cited cells come from
  more than one year AND more than one agency.

Usage: python3 eval/qa_holdout24_reference.py [-v] [--cases F] [--gold DIR] [--samples DIR]
Prints `SUMMARY: N/120 cases match; ...` and exits 0 only if every case matches.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

APPL = ("person", "business", "research", "nonprofit", "legal", "other_org")
REQ_COLS = APPL + ("total",)
W8 = ("withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
      "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query")
U3 = ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
D5 = ("declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
      "declined_confirmation")
OTHER3 = ("other_no_correction", "other_no_fee", "other_misc")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
SECTIONS = "一二三四五六"
HEADING_WORDS = ("总体情况", "主动公开", "收到和处理", "行政复议", "问题", "其他需要报告")

EXPECTED_IDS = [f"h24-{i:03d}" for i in range(1, 121)]


class Unusable(Exception):
    """The computation needs a cell (or a report) the data cannot supply."""


# ----------------------------------------------------------------------------- data
class Report:
    def __init__(self, gold: dict, samples: Path):
        self.g = gold
        self.file = Path(gold["file"]).name
        self.agency = gold["agency"]
        self.year = int(gold["year"])
        self.template = str(gold["template"])
        self.province = gold.get("province")
        self.city = gold.get("city")
        self.county = gold.get("county")
        self.published = gold.get("published")
        kind = gold.get("agency_kind")
        if not kind:  # Hongze gold files carry none: 人民政府 -> government
            kind = "government" if "人民政府" in self.agency else None
        self.kind = kind
        self.facts = gold["facts"]
        txt = samples / self.file
        self.text = txt.read_text(encoding="utf-8") if txt.suffix == ".txt" and txt.exists() else None
        self.failed_cells: set[str] = set()
        self.rule_status: dict[str, str] = {}
        self.rule_evaluated: dict[str, int] = {}

    def state(self, key: str) -> str:
        f = self.facts.get(key)
        return f["state"] if f else "missing"

    def usable(self, key: str) -> bool:
        return self.state(key) == "number" and key not in self.failed_cells

    def val(self, key: str) -> Decimal:
        if not self.usable(key):
            why = "failed balance check" if key in self.failed_cells else self.state(key)
            raise Unusable(f"{self.file}#{key}: {why}")
        return Decimal(str(self.facts[key]["value"]))

    def cite(self, key: str) -> str:
        return f"{self.file}#{key}"

    def __repr__(self):
        return f"<{self.agency} {self.year}>"


def outcome_rows(r: Report) -> list[str]:
    rows = ["granted", "partial", *W8, *U3, *D5]
    if r.template == "2021" and any(r.state(f"requests.{o}.{c}") == "number" for o in OTHER3 for c in REQ_COLS):
        rows += list(OTHER3)
    else:
        rows.append("other")
    return rows


def evaluate_checks(r: Report) -> None:
    """R1-R4 over printed number cells; an equation with a non-number cell is skipped."""
    eqs: dict[str, list[tuple[list[str], list[str]]]] = {"R1": [], "R2": [], "R3": [], "R4": []}
    orows = outcome_rows(r)
    for col in REQ_COLS:
        eqs["R1"].append(([f"requests.new.{col}", f"requests.carried_in.{col}"],
                          [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
        eqs["R2"].append(([f"requests.handled.{col}"], [f"requests.{row}.{col}" for row in orows]))
    for row in ["new", "carried_in", *orows, "handled", "carried_out"]:
        eqs["R3"].append(([f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPL]))
    for g in REVIEW_GROUPS:
        eqs["R4"].append(([f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS]))
    for rule, lst in eqs.items():
        failed, evaluated = 0, 0
        for lhs, rhs in lst:
            cells = lhs + rhs
            if any(r.state(k) != "number" for k in cells):
                continue
            evaluated += 1
            s = lambda ks: sum(Decimal(str(r.facts[k]["value"])) for k in ks)
            if s(lhs) != s(rhs):
                failed += 1
                r.failed_cells.update(cells)
        r.rule_status[rule] = "pass" if failed == 0 else "fail"
        r.rule_evaluated[rule] = evaluated


def load(gold_dir: Path, samples: Path) -> list[Report]:
    reps = [Report(json.loads(p.read_text(encoding="utf-8")), samples) for p in sorted(gold_dir.glob("*.json"))]
    for r in reps:
        evaluate_checks(r)
        for rule in ("R1", "R2", "R3", "R4"):
            gold = str(r.g["checks"][rule])
            assert gold.startswith(r.rule_status[rule]), f"{r.file} {rule}: computed {r.rule_status[rule]}, gold {gold!r}"
            det = r.g.get("checks_detail", {}).get(rule)
            if det:
                assert det["evaluated"] == r.rule_evaluated[rule], f"{r.file} {rule} evaluated {r.rule_evaluated[rule]} vs gold {det['evaluated']}"
    return reps


# ----------------------------------------------------------------------------- helpers
def q2(x: Decimal) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pct(num: Decimal, den: Decimal) -> Decimal:
    return q2(num * 100 / den)


def NUM(v, unit="count"):
    return {"kind": "number", "value": Decimal(v), "unit": unit}


def LIST(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def AGENCY(v):
    return {"kind": "agency", "value": v}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


UNANSWERABLE = {"kind": "unanswerable"}


class Ctx:
    def __init__(self, reps: list[Report]):
        self.reps = reps

    def find(self, *, agency=None, county=None, city=None, year=None, one=True):
        out = [r for r in self.reps
               if (agency is None or r.agency == agency or agency in r.agency)
               and (county is None or r.county == county)
               and (city is None or r.city == city)
               and (year is None or r.year == year)]
        if one:
            if len(out) != 1:
                raise Unusable(f"no single report for agency={agency} county={county} city={city} year={year}: {out}")
            return out[0]
        return out

    def where(self, pred):
        return [r for r in self.reps if pred(r)]

    # one cell
    def lookup(self, r: Report, key: str, unit="count"):
        return NUM(r.val(key), unit), [r.cite(key)]

    # passages
    def sections_of(self, r: Report, phrase: str) -> list[str]:
        assert r.text is not None, r.file
        cur, found = None, set()
        for line in r.text.splitlines():
            if "\t" not in line and "|" not in line:
                s = line.strip().lstrip("#").strip().strip("*").strip()
                m = re.match(r"^([一二三四五六])、", s)
                if m and any(w in s for w in HEADING_WORDS):
                    if cur is None or SECTIONS.index(m.group(1)) > SECTIONS.index(cur):
                        cur = m.group(1)
            if phrase in line:
                assert cur is not None, f"{phrase!r} before any heading in {r.file}"
                found.add(cur)
        assert found, f"{phrase!r} not in {r.file}"
        return sorted(found, key=SECTIONS.index)

    def passage(self, r: Report, phrase: str):
        return {"kind": "passages", "files": [r.file], "sections": self.sections_of(r, phrase)}, [r.file]

    def mentions(self, pool: list[Report], phrases) -> list[Report]:
        out = []
        for r in pool:
            assert r.text is not None, f"{r.file}: no text to search"
            if any(p in r.text for p in phrases):
                out.append(r)
        return out

    def narrative(self, r: Report, fragment: str) -> dict:
        hits = [n for n in r.g.get("narrative_numbers", []) if fragment in n["text"]]
        assert len(hits) == 1, (r.file, fragment, hits)
        return hits[0]


def ranked(items, reverse):
    """items: [(Report, Decimal)] sorted; asserts no tie at the boundary it is used for."""
    return sorted(items, key=lambda t: t[1], reverse=reverse)


def assert_strict(seq, n):
    """The first n values of a sorted list are strictly separated from each other and from the rest."""
    for i in range(min(n, len(seq) - 1)):
        assert seq[i][1] != seq[i + 1][1], f"tie at rank {i + 1}: {seq}"


# ----------------------------------------------------------------------------- cases
def build_cases(x: Ctx):
    GL = x.find(agency="福州市鼓楼区统计局")
    LC = x.find(agency="温州市鹿城区统计局")
    YZ = x.find(agency="鄞州区统计局")
    WQ = x.find(agency="福州市鼓楼区温泉街道办事处")
    EQ = x.find(agency="郑州市二七区统计局")
    H3 = x.find(county="洪泽区", year=2023)
    H4 = x.find(county="洪泽区", year=2024)
    ALL = x.reps
    T2019 = x.where(lambda r: r.template == "2019")
    Y2020 = x.where(lambda r: r.year == 2020)
    PROC = x.where(lambda r: r.state("active.procurement.amount") != "missing")
    C = {}

    def case(n):
        def deco(fn):
            C[f"h24-{n:03d}"] = fn
            return fn
        return deco

    def total_of(reps, key, unit="count"):
        return NUM(sum(r.val(key) for r in reps), unit), [r.cite(key) for r in reps]

    def per_project(r):
        return r.val("active.procurement.amount") / r.val("active.procurement.projects")

    # ---- lookups
    simple = {
        1: (H3, "active.coercion.decisions", "count"), 2: (H4, "active.normative.in_force", "count"),
        3: (LC, "active.procurement.projects", "count"), 4: (H4, "active.fees.amount", "yuan"),
        5: (EQ, "active.penalty.prev_items", "count"), 6: (YZ, "requests.carried_in.total", "count"),
        7: (H4, "active.licensing.decisions", "count"), 8: (WQ, "active.procurement.amount", "yuan"),
        9: (WQ, "requests.unavailable_not_held.total", "count"), 10: (H3, "requests.declined_complaint.total", "count"),
        11: (H4, "requests.partial.total", "count"), 12: (H3, "active.penalty.decisions", "count"),
        13: (YZ, "active.procurement.amount", "yuan"), 14: (GL, "active.penalty.prev_items", "count"),
        15: (H4, "review.lawsuit_direct.total", "count"), 16: (H4, "review.reconsideration.corrected", "count"),
        17: (H3, "requests.withheld_enforcement.total", "count"), 18: (H3, "requests.withheld_secret.total", "count"),
        19: (H3, "active.normative.repealed", "count"), 20: (EQ, "active.normative.published", "count"),
        21: (H4, "requests.unavailable_not_held.total", "count"), 22: (H4, "requests.withheld_safety.total", "count"),
        23: (H3, "requests.unavailable_needs_creation.total", "count"),
        # follow-ups that resolve to one cell
        109: (H3, "active.licensing.decisions", "count"), 110: (YZ, "active.procurement.projects", "count"),
        112: (H4, "active.fees.amount", "yuan"), 119: (WQ, "requests.new.total", "count"),
    }
    for n, (r, key, unit) in simple.items():
        C[f"h24-{n:03d}"] = (lambda r=r, key=key, unit=unit: x.lookup(r, key, unit))

    # ---- refusals (each attempts the computation; Unusable -> unanswerable)
    @case(24)
    def _():
        return x.lookup(WQ, "requests.carried_out.total")

    @case(25)
    def _():
        return x.lookup(GL, "requests.unavailable_not_held.total")

    @case(26)
    def _():
        return x.lookup(H3, "review.reconsideration.total")

    @case(27)
    def _():
        return NUM(pct(H3.val("review.lawsuit_after_review.upheld"), H3.val("review.lawsuit_after_review.total")), "percent"), []

    @case(28)
    def _():
        return x.lookup(H4, "active.procurement.amount", "yuan")

    @case(29)
    def _():
        return x.lookup(x.find(agency="鄞州区统计局", year=2020), "active.penalty.decisions")

    @case(30)
    def _():
        return x.lookup(x.find(county="洪泽区", year=2022), "requests.new.total")

    @case(31)
    def _():
        return x.lookup(H4, "requests.other_no_fee.total")

    @case(32)
    def _():
        keys = [f"requests.{d}.total" for d in D5]
        return NUM(sum(WQ.val(k) for k in keys)), [WQ.cite(k) for k in keys]

    @case(33)
    def _():
        # topic check: no table key and no sample text speaks of salaries
        keys = [k for r in ALL for k in r.facts if "salary" in k or "wage" in k]
        texts = [r.file for r in ALL if r.text and any(w in r.text for w in ("工资", "薪酬", "薪资"))]
        if not keys and not texts:
            raise Unusable("salaries are not in the reports")
        return {"kind": "number", "value": Decimal(-1), "unit": "yuan"}, []  # topic found: forces a mismatch

    @case(34)
    def _():
        return x.lookup(x.find(city="南京市", county="鼓楼区", year=2020), "active.procurement.amount", "yuan")

    @case(35)
    def _():
        return total_of([H3, H4], "review.reconsideration.total")

    @case(36)
    def _():
        return x.lookup(EQ, "active.fees.amount", "yuan")

    @case(117)
    def _():
        return x.lookup(H3, "review.lawsuit_after_review.total")

    # ---- aggregates
    @case(37)
    def _():
        return total_of(Y2020, "active.procurement.amount", "yuan")

    @case(38)
    def _():
        return total_of(ALL, "requests.new.total")

    @case(39)
    def _():
        return total_of(x.where(lambda r: r.province == "浙江省"), "active.penalty.decisions")

    @case(40)
    def _():
        vals = [r.val("active.procurement.amount") for r in PROC]
        return NUM(q2(sum(vals) / len(vals)), "yuan"), [r.cite("active.procurement.amount") for r in PROC]

    @case(41)
    def _():
        return total_of(x.where(lambda r: r.county != "洪泽区"), "active.penalty.decisions")

    def median(vals):
        s = sorted(vals)
        n = len(s)
        return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2

    @case(42)
    def _():
        return NUM(median([r.val("requests.new.total") for r in T2019])), [r.cite("requests.new.total") for r in T2019]

    @case(43)
    def _():
        return total_of(x.where(lambda r: r.city == "福州市" and r.year == 2020), "requests.handled.total")

    @case(44)
    def _():
        return total_of([H3, H4], "requests.partial.total")

    @case(45)
    def _():
        return total_of([H3, H4], "active.fees.amount", "yuan")

    @case(46)
    def _():
        vals = [r.val("active.procurement.projects") for r in Y2020]
        return NUM(q2(sum(vals) / len(vals))), [r.cite("active.procurement.projects") for r in Y2020]

    @case(47)
    def _():
        return total_of(ALL, "active.licensing.decisions")

    @case(48)
    def _():
        return NUM(q2(median([r.val("active.procurement.amount") for r in Y2020])), "yuan"), \
            [r.cite("active.procurement.amount") for r in Y2020]

    # ---- ratios / growth
    @case(49)
    def _():
        return NUM(pct(H4.val("requests.granted.total"), H4.val("requests.handled.total")), "percent"), \
            [H4.cite("requests.granted.total"), H4.cite("requests.handled.total")]

    @case(50)
    def _():
        keys = [f"requests.{u}.total" for u in U3]
        return NUM(pct(sum(H3.val(k) for k in keys), H3.val("requests.handled.total")), "percent"), \
            [H3.cite(k) for k in keys] + [H3.cite("requests.handled.total")]

    def growth(key):
        a, b = H3.val(key), H4.val(key)
        return NUM(pct(b - a, a), "percent"), [H3.cite(key), H4.cite(key)]

    C["h24-051"] = lambda: growth("active.licensing.decisions")
    C["h24-052"] = lambda: growth("active.penalty.decisions")
    C["h24-054"] = lambda: growth("active.fees.amount")
    C["h24-116"] = lambda: growth("requests.new.total")

    @case(53)
    def _():
        return NUM(q2(per_project(YZ)), "yuan"), [YZ.cite("active.procurement.amount"), YZ.cite("active.procurement.projects")]

    @case(55)
    def _():
        tot = sum(r.val("active.procurement.amount") for r in Y2020)
        return NUM(pct(GL.val("active.procurement.amount"), tot), "percent"), [r.cite("active.procurement.amount") for r in Y2020]

    @case(56)
    def _():
        keys = [f"requests.{w}.total" for w in W8]
        return NUM(pct(sum(H4.val(k) for k in keys), H4.val("requests.new.total")), "percent"), \
            [H4.cite(k) for k in keys] + [H4.cite("requests.new.total")]

    @case(57)
    def _():
        return NUM(pct(H4.val("review.reconsideration.corrected"), H4.val("review.reconsideration.total")), "percent"), \
            [H4.cite("review.reconsideration.corrected"), H4.cite("review.reconsideration.total")]

    @case(58)
    def _():
        keys = ("active.procurement.amount", "active.procurement.projects")
        return NUM(q2(per_project(YZ) - per_project(LC)), "yuan"), [r.cite(k) for r in (YZ, LC) for k in keys]

    # ---- differences
    @case(59)
    def _():
        k = "active.procurement.amount"
        return NUM(YZ.val(k) - LC.val(k), "yuan"), [YZ.cite(k), LC.cite(k)]

    @case(60)
    def _():
        k = "requests.new.total"
        return NUM(H4.val(k) - H3.val(k)), [H3.cite(k), H4.cite(k)]

    @case(115)
    def _():
        k = "active.penalty.decisions"
        return NUM(H3.val(k) - H4.val(k)), [H3.cite(k), H4.cite(k)]

    # ---- booleans
    @case(61)
    def _():
        k = "active.fees.amount"
        return BOOL(H4.val(k) > H3.val(k)), [H3.cite(k), H4.cite(k)]

    @case(62)
    def _():
        k = "active.procurement.amount"
        return BOOL(WQ.val(k) > 100000), [WQ.cite(k)]

    @case(63)
    def _():
        k = "requests.new.total"
        return BOOL(H4.val(k) > 4 * H3.val(k)), [H3.cite(k), H4.cite(k)]

    @case(64)
    def _():
        k = "requests.handled.total"
        return BOOL(GL.val(k) > YZ.val(k)), [GL.cite(k), YZ.cite(k)]

    @case(65)
    def _():
        k = "active.procurement.amount"
        return BOOL(EQ.val(k) > 60000), [EQ.cite(k)]

    @case(66)
    def _():
        k = "review.reconsideration.total"
        return BOOL(any(r.val(k) > 0 for r in Y2020)), [r.cite(k) for r in Y2020]

    @case(67)
    def _():
        k = "review.lawsuit_after_review.corrected"
        return BOOL(H4.val(k) > 0), [H4.cite(k)]

    @case(68)
    def _():
        k = "active.normative.in_force"
        return BOOL(H4.val(k) > H3.val(k)), [H3.cite(k), H4.cite(k)]

    # ---- counts (cite the cells of the reports that meet the condition)
    def count_where(pool, keys, pred):
        hits = []
        for r in pool:
            if all(r.usable(k) for k in keys) and pred(r):
                hits.append(r)
        return NUM(len(hits)), [r.cite(k) for r in hits for k in keys]

    C["h24-069"] = lambda: count_where(ALL, ["active.penalty.decisions"], lambda r: r.val("active.penalty.decisions") >= 6)
    C["h24-070"] = lambda: count_where(Y2020, ["active.procurement.projects"], lambda r: r.val("active.procurement.projects") > 10)
    C["h24-071"] = lambda: count_where(Y2020, ["requests.new.total"], lambda r: r.val("requests.new.total") >= 1)
    C["h24-072"] = lambda: count_where(ALL, ["requests.partial.total"], lambda r: r.val("requests.partial.total") >= 1)
    C["h24-073"] = lambda: count_where(PROC, ["active.procurement.amount", "active.procurement.projects"],
                                       lambda r: per_project(r) > 20000)

    # ---- rankings (cite the cells of the items returned)
    def by(pool, key):
        return [(r, r.val(key)) for r in pool if r.usable(key)]

    @case(74)
    def _():
        s = ranked(by(PROC, "active.procurement.amount"), reverse=False)
        assert_strict(s, 2)
        return AGENCY(s[1][0].agency), [s[1][0].cite("active.procurement.amount")]

    @case(75)
    def _():
        s = ranked(by(PROC, "active.procurement.projects"), reverse=True)
        assert_strict(s, 3)
        return LIST([r.agency for r, _ in s[:3]], True), [r.cite("active.procurement.projects") for r, _ in s[:3]]

    @case(76)
    def _():
        s = ranked(by(ALL, "requests.handled.total"), reverse=True)
        assert_strict(s, 1)
        return AGENCY(s[0][0].agency), [s[0][0].cite("requests.handled.total")]

    @case(77)
    def _():
        s = ranked(by(T2019, "active.penalty.decisions"), reverse=True)
        assert_strict(s, 1)
        return AGENCY(s[0][0].agency), [s[0][0].cite("active.penalty.decisions")]

    @case(78)
    def _():
        s = ranked(by(PROC, "active.procurement.amount"), reverse=False)
        assert_strict(s, 2)
        return LIST([r.agency for r, _ in s[:2]], True), [r.cite("active.procurement.amount") for r, _ in s[:2]]

    @case(79)
    def _():
        s = ranked(by(ALL, "active.penalty.prev_items"), reverse=True)
        assert_strict(s, 3)
        return AGENCY(s[2][0].agency), [s[2][0].cite("active.penalty.prev_items")]

    @case(80)
    def _():
        s = ranked([(r, per_project(r)) for r in PROC], reverse=True)
        assert_strict(s, 1)
        r = s[0][0]
        return AGENCY(r.agency), [r.cite("active.procurement.amount"), r.cite("active.procurement.projects")]

    @case(81)
    def _():
        s = ranked(by(ALL, "requests.partial.total"), reverse=True)
        assert_strict(s, 1)
        return AGENCY(s[0][0].agency), [s[0][0].cite("requests.partial.total")]

    # ---- compare
    @case(82)
    def _():
        k = "active.penalty.decisions"
        return LIST([LC.val(k), YZ.val(k)], True), [LC.cite(k), YZ.cite(k)]

    @case(83)
    def _():
        k = "active.coercion.decisions"
        return LIST([H3.val(k), H4.val(k)], True), [H3.cite(k), H4.cite(k)]

    # ---- metadata (no cites)
    C["h24-084"] = lambda: (LIST(sorted({r.year for r in ALL})), [])
    C["h24-085"] = lambda: (LIST(sorted({r.year for r in ALL if r.template == "2021"})), [])
    C["h24-086"] = lambda: (LIST(sorted({r.agency for r in ALL if r.city == "福州市"})), [])
    C["h24-087"] = lambda: (LIST([x.find(county="鄞州区").province]), [])
    C["h24-088"] = lambda: (LIST([LC.published]), [])
    C["h24-089"] = lambda: (LIST(sorted({r.agency for r in ALL if r.agency.endswith("统计局") and not r.published})), [])
    C["h24-090"] = lambda: (LIST([EQ.province, EQ.city]), [])
    C["h24-091"] = lambda: (LIST(sorted({r.agency for r in ALL if r.kind == "street_office"})), [])
    C["h24-092"] = lambda: (LIST(sorted({r.agency for r in T2019})), [])
    C["h24-093"] = lambda: (NUM(len(ALL)), [])

    # ---- passages / mentions
    C["h24-094"] = lambda: x.passage(YZ, "信息公开范围单一")
    C["h24-095"] = lambda: x.passage(EQ, "进一步规范公开时间")
    C["h24-096"] = lambda: x.passage(WQ, "加强个人信息保护")
    C["h24-097"] = lambda: x.passage(LC, "统计开放日")
    C["h24-098"] = lambda: x.passage(YZ, "统计普法宣传")
    C["h24-099"] = lambda: x.passage(GL, "广度和深度有待进一步提高")
    C["h24-102"] = lambda: x.passage(YZ, "信息保密审查")

    @case(100)
    def _():
        hits = x.mentions(Y2020, ("六稳", "六保"))
        return LIST(sorted(r.agency for r in hits)), [r.file for r in hits]

    @case(101)
    def _():
        hits = x.mentions([r for r in ALL if r.agency.endswith("统计局")], ("官方微博",))
        assert len(hits) == 1, hits
        return AGENCY(hits[0].agency), [hits[0].file]

    @case(103)
    def _():
        hits = x.mentions(x.where(lambda r: r.city == "福州市"), ("律师",))
        assert len(hits) == 1, hits
        return AGENCY(hits[0].agency), [hits[0].file]

    # ---- data quality
    @case(104)
    def _():
        bad = sorted(k for k in H3.failed_cells if k.startswith("review."))
        return BOOL(H3.rule_status["R4"] == "pass"), [H3.cite(k) for k in bad]

    @case(105)
    def _():
        n = x.narrative(H4, "受理政府信息公开申请17件")
        key = n["cell"]
        agree = Decimal(str(n["value"])) == H4.val(key)
        assert agree == n["agrees"]
        return BOOL(agree), [H4.cite(key), H4.file]

    @case(106)
    def _():
        ks = ["requests.new.total", "requests.carried_in.total", "requests.handled.total", "requests.carried_out.total"]
        v = [YZ.val(k) for k in ks]
        return BOOL(v[0] + v[1] == v[2] + v[3]), [YZ.cite(k) for k in ks]

    @case(107)
    def _():
        bad = [r for r in ALL if any(s != "pass" for s in r.rule_status.values())]
        return LIST(sorted({r.agency for r in bad})), [r.cite(k) for r in bad for k in sorted(r.failed_cells)]

    @case(108)
    def _():
        n = x.narrative(WQ, "受理依申请公开4件")
        assert n["text"] in WQ.text
        (key,) = n["cells"]
        agree = Decimal(str(n["value"])) == WQ.val(key)
        assert agree == n["agrees_with_table"]
        return BOOL(agree), [WQ.cite(key), WQ.file]

    # ---- follow-ups
    @case(111)
    def _():
        return total_of([LC, GL], "active.penalty.decisions")

    @case(113)
    def _():
        return NUM(pct(WQ.val("requests.granted.total"), WQ.val("requests.new.total")), "percent"), \
            [WQ.cite("requests.granted.total"), WQ.cite("requests.new.total")]

    @case(114)
    def _():
        s = ranked(by(PROC, "active.procurement.projects"), reverse=True)
        assert_strict(s, 1)
        return NUM(s[0][0].val("active.procurement.amount"), "yuan"), [s[0][0].cite("active.procurement.amount")]

    @case(118)
    def _():
        return total_of(x.where(lambda r: r.province == "浙江省"), "active.procurement.amount", "yuan")

    @case(120)
    def _():
        k = "active.procurement.amount"
        EQ.val(k)
        return BOOL(bool(EQ.facts[k].get("unit_assumed"))), [EQ.cite(k)]

    return C


# ----------------------------------------------------------------------------- comparison
def norm(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, Decimal):
        return v
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    return v


def same_value(a, b) -> bool:
    """a: computed, b: from the JSONL. Numbers within 0.005; integers (years) must be JSON ints."""
    if isinstance(a, int) and not isinstance(a, bool):
        return isinstance(b, int) and not isinstance(b, bool) and a == b
    if isinstance(a, Decimal):
        return isinstance(b, (int, float)) and not isinstance(b, bool) and abs(a - norm(b)) <= Decimal("0.005")
    return a == b


def compare_expect(comp: dict, got: dict) -> list[str]:
    errs = []
    if comp["kind"] != got.get("kind"):
        return [f"kind: jsonl {got.get('kind')!r}, reference {comp['kind']!r}"]
    k = comp["kind"]
    if k == "number":
        if got.get("unit") != comp["unit"]:
            errs.append(f"unit: jsonl {got.get('unit')!r}, reference {comp['unit']!r}")
        if not same_value(q2(comp["value"]), got.get("value")):
            errs.append(f"value: jsonl {got.get('value')!r}, reference {plain(comp['value'])}")
    elif k in ("agency", "boolean"):
        if not (got.get("value") == comp["value"] and type(got.get("value")) is type(comp["value"])):
            errs.append(f"value: jsonl {got.get('value')!r}, reference {comp['value']!r}")
    elif k == "list":
        if got.get("ordered") is not comp["ordered"]:
            errs.append(f"ordered: jsonl {got.get('ordered')!r}, reference {comp['ordered']!r}")
        gv, cv = list(got.get("values", [])), list(comp["values"])
        if comp["ordered"]:
            ok = len(gv) == len(cv) and all(same_value(a, b) for a, b in zip(cv, gv))
        else:
            ok = len(gv) == len(cv)
            rest = gv[:]
            for a in cv:
                m = next((i for i, b in enumerate(rest) if same_value(a, b)), None)
                if m is None:
                    ok = False
                    break
                rest.pop(m)
        if not ok:
            errs.append(f"values: jsonl {gv!r}, reference {[plain(v) for v in cv]!r}")
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(comp["files"]):
            errs.append(f"files: jsonl {got.get('files')!r}, reference {comp['files']!r}")
        if sorted(got.get("sections", [])) != sorted(comp["sections"]):
            errs.append(f"sections: jsonl {got.get('sections')!r}, reference {comp['sections']!r}")
    return errs


def plain(v):
    if isinstance(v, Decimal):
        v = q2(v)
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def show(comp: dict) -> str:
    d = {k: plain(v) for k, v in comp.items()}
    if "values" in d:
        d["values"] = [plain(v) for v in d["values"]]
    return json.dumps(d, ensure_ascii=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--cases", type=Path, default=HERE / "qa_holdout24.jsonl")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "fixtures" / "gold")
    ap.add_argument("--samples", type=Path, default=ROOT / "data" / "samples")
    a = ap.parse_args(argv)

    try:
        reps = load(a.gold, a.samples)
    except AssertionError as e:
        print(f"PROBLEM: gold checks disagree with the R1-R4 evaluation: {e}")
        print(f"SUMMARY: 0/{len(EXPECTED_IDS)} cases match; gold files inconsistent")
        return 1
    by_file = {r.file: r for r in reps}
    ctx = Ctx(reps)
    fns = build_cases(ctx)
    assert sorted(fns) == EXPECTED_IDS, sorted(set(EXPECTED_IDS) ^ set(fns))

    cases = [json.loads(l) for l in a.cases.read_text(encoding="utf-8").splitlines() if l.strip()]
    ids = [c.get("id") for c in cases]
    problems_global = []
    if ids != EXPECTED_IDS:
        problems_global.append(f"ids are not exactly h24-001..h24-120 in order (got {len(ids)})")
    lang = {"zh": 0, "en": 0}
    kinds: dict[str, int] = {}
    ok_count, bad = 0, []
    for c in cases:
        cid = c.get("id")
        errs = []
        tags = c.get("tags", [])
        langs = [t for t in ("zh", "en") if t in tags]
        if len(langs) != 1:
            errs.append(f"language tags {langs}")
        else:
            lang[langs[0]] += 1
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
        fn = fns.get(cid)
        if fn is None:
            errs.append("no reference computation")
            bad.append((cid, errs))
            continue
        try:
            comp, cites = fn()
        except Unusable as e:
            comp, cites = dict(UNANSWERABLE, why=str(e)), []
        except AssertionError as e:  # a tie, a missing phrase, a narrative flag that disagrees, ...
            bad.append((cid, [f"reference assertion failed: {e}"]))
            continue
        errs += compare_expect(comp, c["expect"])
        got_cite = c.get("cite", [])
        if len(set(got_cite)) != len(got_cite):
            errs.append("duplicate cites")
        if set(got_cite) != set(cites):
            missing = sorted(set(cites) - set(got_cite))
            extra = sorted(set(got_cite) - set(cites))
            errs.append(f"cite mismatch: missing from jsonl {missing}, not in reference {extra}")
        cells = [ct.split("#", 1) for ct in cites if "#" in ct]
        guessed = any(by_file[f].facts[k].get("unit_assumed") for f, k in cells)
        years = {by_file[f].year for f, _ in cells}
        agencies = {by_file[f].agency for f, _ in cells}
        mixed = len(years) > 1 and len(agencies) > 1
        for tag, want in (("guessed_unit", guessed), ("mixed_years", mixed)):
            if (tag in tags) != want:
                errs.append(f"tag {tag}: expected {'present' if want else 'absent'}")
        if comp["kind"] == "unanswerable" and got_cite:
            errs.append("a refusal cites something")
        if a.verbose:
            extra = f"  [{comp['why']}]" if comp.get("why") else ""
            print(f"{cid} {show({k: v for k, v in comp.items() if k != 'why'})} cite={cites}"
                  f"{' +guessed_unit' if guessed else ''}{' +mixed_years' if mixed else ''}{extra}")
        if errs:
            bad.append((cid, errs))
        else:
            ok_count += 1
    if lang != {"zh": 60, "en": 60}:
        problems_global.append(f"language split {lang} (want 60/60)")
    for cid, errs in bad:
        for e in errs:
            print(f"MISMATCH {cid}: {e}")
    for p in problems_global:
        print(f"PROBLEM: {p}")
    print(f"SUMMARY: {ok_count}/{len(EXPECTED_IDS)} cases match; {len(bad)} mismatched; "
          f"zh={lang['zh']} en={lang['en']}; kinds={json.dumps(kinds, sort_keys=True)}; "
          f"global problems={len(problems_global)}")
    return 0 if ok_count == len(EXPECTED_IDS) and not bad and not problems_global and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
