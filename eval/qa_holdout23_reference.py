#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout23.jsonl, recomputed from the gold facts (stdlib only).

Reads the seven gold fact files (tests/fixtures/gold/*.json) and, for passage questions, the five sample
texts (data/samples/*.txt). For every case id it recomputes the expected answer (value / list / boolean /
agency / passage files and sections, or `unanswerable`), the cite list, and the tags `guessed_unit` and
`mixed_years`, then compares with the JSONL. Prints one line per mismatch and

    SUMMARY: N/120 cases match; ...

and exits 0 only if every case matches. `-v` prints every recomputed answer.

Conventions (the ones the earlier holdout sets used):
  * only cells in state `number` are usable; blank / absent / unreadable / missing cells and EVERY cell of a
    balance equation (R1-R4 of DOMAIN.md) that fails are unusable; a case whose computation needs an unusable
    cell is `unanswerable`. A blank never satisfies a condition and is never 0. The R1-R4 evaluation here is
    asserted against each gold file's `checks` (and `checks_detail` counts where present).
  * money in yuan; percentages in percent points rounded to 2 decimals; yuan averages rounded to 2 decimals.
  * cites `file#table.row.col` with the bare file name; a bare file for passages. Aggregates / averages /
    medians / ratios / differences / yes-no cite every cell used; rankings cite the cells of the items
    returned; counts cite the cells of the reports meeting the condition; metadata and refusals cite nothing.
  * `guessed_unit`: a cited cell has `unit_assumed`; `mixed_years`: cited cells span >1 year AND >1 agency.
  * Hongze gold files carry no agency_kind: 人民政府 -> government.
Usage: python3 eval/qa_holdout23_reference.py [-v] [--jsonl PATH] [--gold DIR] [--samples DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

APPLICANTS = ("person", "business", "research", "nonprofit", "legal", "other_org")
COLS = APPLICANTS + ("total",)
OUTCOME_ROWS = ("granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation")
OTHER_2021 = ("other_no_correction", "other_no_fee", "other_misc")
WITHHELD = tuple(r for r in OUTCOME_ROWS if r.startswith("withheld_"))
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


class Unusable(Exception):
    """The computation needs a cell that cannot be used (or a report the store does not hold)."""


# ----------------------------------------------------------------------------------------------- loading
class Report:
    def __init__(self, path: Path, samples: Path):
        d = json.loads(path.read_text(encoding="utf-8"))
        self.gold = d
        self.file = os.path.basename(d["file"])
        self.agency = d["agency"]
        kind = d.get("agency_kind")
        if not kind and "人民政府" in self.agency:
            kind = "government"
        self.kind = kind
        self.province, self.city, self.county, self.township = d["province"], d["city"], d["county"], d.get("township")
        self.year = d["year"]
        self.template = d["template"]
        self.published = d.get("published")
        self.facts = d["facts"]
        self.bad: dict[str, str] = {}       # key -> why a number cell is unusable (failed equation)
        self.failures: dict[str, list] = {}  # rule -> failed equations
        self.evaluated: dict[str, int] = {}
        txt = samples / self.file
        self.text = txt.read_text(encoding="utf-8", errors="replace") if txt.exists() else None

    def num(self, key: str):
        """The printed number of a cell, or None (any non-number state or a missing key)."""
        f = self.facts.get(key)
        if f is None or f.get("state") != "number" or f.get("value") is None:
            return None
        return f["value"]

    def state(self, key: str) -> str:
        f = self.facts.get(key)
        return "missing" if f is None else f.get("state", "?")

    def usable(self, key: str):
        """Value if usable under the conventions, else None."""
        if key in self.bad:
            return None
        return self.num(key)

    def why(self, key: str) -> str:
        if key in self.bad:
            return f"{self.file}#{key}: {self.bad[key]}"
        return f"{self.file}#{key}: state {self.state(key)}"


def close(a, b) -> bool:
    return abs(a - b) < 1e-6


def run_checks(r: Report) -> None:
    """R1-R4 of DOMAIN.md over printed numbers; cells of a failing equation become unusable."""
    rows = sorted({k.split(".")[1] for k in r.facts if k.startswith("requests.")})
    eqs: dict[str, list] = {"R1": [], "R2": [], "R3": [], "R4": []}
    for c in COLS:  # R1
        keys = [f"requests.{x}.{c}" for x in ("new", "carried_in", "handled", "carried_out")]
        eqs["R1"].append((keys, lambda v: close(v[0] + v[1], v[2] + v[3])))
    for c in COLS:  # R2
        outcome = [f"requests.{x}.{c}" for x in OUTCOME_ROWS]
        subs = [f"requests.{x}.{c}" for x in OTHER_2021]
        if all(r.num(k) is not None for k in subs):
            outcome += subs
        else:
            outcome.append(f"requests.other.{c}")
        keys = outcome + [f"requests.handled.{c}"]
        eqs["R2"].append((keys, lambda v: close(sum(v[:-1]), v[-1])))
    for row in rows:  # R3
        if all(r.state(f"requests.{row}.{c}") == "absent" for c in COLS):
            continue  # a row the report does not print at all
        keys = [f"requests.{row}.{c}" for c in APPLICANTS] + [f"requests.{row}.total"]
        eqs["R3"].append((keys, lambda v: close(sum(v[:-1]), v[-1])))
    for g in REVIEW_GROUPS:  # R4
        keys = [f"review.{g}.{p}" for p in REVIEW_PARTS] + [f"review.{g}.total"]
        eqs["R4"].append((keys, lambda v: close(sum(v[:-1]), v[-1])))
    for rule, lst in eqs.items():
        r.failures[rule] = []
        r.evaluated[rule] = 0
        for keys, ok in lst:
            vals = [r.num(k) for k in keys]
            if any(v is None for v in vals):
                continue  # not checkable (blank / absent cell): skipped, not failed
            r.evaluated[rule] += 1
            if not ok(vals):
                r.failures[rule].append(keys)
                for k in keys:
                    r.bad[k] = f"cell of a failing {rule} equation"
    # agree with the gold `checks` (and `checks_detail` counts when present)
    for rule in eqs:
        g = r.gold["checks"][rule]
        mine_ok = not r.failures[rule]
        assert (g == "pass") == mine_ok and (mine_ok or g.startswith("fail")), (r.file, rule, g, r.failures[rule])
        det = r.gold.get("checks_detail", {}).get(rule)
        if det:
            assert det["evaluated"] == r.evaluated[rule], (r.file, rule, det["evaluated"], r.evaluated[rule])
            assert det["failed"] == len(r.failures[rule]), (r.file, rule)


def sections(r: Report) -> list:
    """Section (一..六, or None before 一) of each line of a sample text, matched by heading meaning."""
    out, cur, order = [], None, "一二三四五六"
    for line in r.text.splitlines():
        m = re.match(r"^[#\s*]*([一二三四五六])、(.*)$", line)
        if m and SECTION_WORDS[m.group(1)] in m.group(2):
            n = m.group(1)
            if cur is None or order.index(n) > order.index(cur):
                cur = n
        out.append((line, cur))
    return out


# ----------------------------------------------------------------------------------------------- context
class Ctx:
    def __init__(self, reps: list[Report]):
        self.reps = reps
        self.cites: list[str] = []

    # reports ------------------------------------------------------------------
    def rep(self, **kw) -> Report:
        hits = self.where(**kw)
        if not hits:
            raise Unusable(f"no stored report for {kw}")
        assert len(hits) == 1, (kw, [h.file for h in hits])
        return hits[0]

    def where(self, **kw) -> list[Report]:
        out = []
        for r in self.reps:
            ok = True
            for k, v in kw.items():
                if k == "name_has":
                    ok &= v in r.agency
                elif k == "name_ends":
                    ok &= r.agency.endswith(v)
                elif k == "sample":
                    ok &= (r.text is not None) == v
                else:
                    ok &= getattr(r, k) == v
            if ok:
                out.append(r)
        return out

    # cells ---------------------------------------------------------------------
    def v(self, r: Report, key: str):
        """Usable value, cited; Unusable otherwise."""
        x = r.usable(key)
        if x is None:
            raise Unusable(r.why(key))
        self.cite(r, key)
        return x

    def raw(self, r: Report, key: str):
        """Printed number (data-quality questions look at failing cells too), cited."""
        x = r.num(key)
        if x is None:
            raise Unusable(r.why(key))
        self.cite(r, key)
        return x

    def cite(self, r: Report, key: str | None = None):
        c = r.file + (f"#{key}" if key else "")
        if c not in self.cites:
            self.cites.append(c)

    # passages -------------------------------------------------------------------
    def passages(self, r: Report, *kws):
        secs = sorted({s for line, s in sections(r) if s and any(k in line for k in kws)}, key="一二三四五六".index)
        assert secs, (r.file, kws)
        self.cite(r)
        return {"kind": "passages", "files": [r.file], "sections": secs}


def num(v, unit="count"):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def pct(a, b):
    return num(a / b * 100, "percent")


def lst(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def agency(r: Report):
    return {"kind": "agency", "value": r.agency}


def boolean(b):
    return {"kind": "boolean", "value": bool(b)}


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


def refuse(why):
    raise Unusable(why)


def narrative_agrees(r: Report, key: str) -> list[bool]:
    out = []
    for n in r.gold.get("narrative_numbers", []):
        cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
        agree = n.get("agrees_with_table", n.get("agrees"))
        if cells == [key] and agree is not None:
            out.append(bool(agree))
    return out


# ----------------------------------------------------------------------------------------------- cases
# Short handles for the reports (resolved from metadata, not file names)
def G(c): return c.rep(county="鼓楼区", kind="department")
def L(c): return c.rep(county="鹿城区")
def Y(c): return c.rep(county="鄞州区")
def W(c): return c.rep(township="温泉街道")
def E(c): return c.rep(county="二七区")
def H(c, y): return c.rep(county="洪泽区", year=y)


def samples(c): return c.where(sample=True)
def y2020(c): return c.where(year=2020)


def rank(c, reps, key, reverse=True):
    vals = [(r, r.usable(key)) for r in reps]
    vals = [(r, v) for r, v in vals if v is not None]
    return sorted(vals, key=lambda t: t[1], reverse=reverse)


def per_project(r):
    a, p = r.usable("active.procurement.amount"), r.usable("active.procurement.projects")
    return None if a is None or p in (None, 0) else a / p


AMT, PRJ = "active.procurement.amount", "active.procurement.projects"


def c047(c):
    hits = [r for r in samples(c) if (per_project(r) or 0) > 20000]
    for r in hits:
        c.v(r, AMT); c.v(r, PRJ)
    return lst(r.agency for r in hits)


def c071(c):
    reps = [(r, per_project(r)) for r in y2020(c)]
    reps = sorted([t for t in reps if t[1] is not None], key=lambda t: -t[1])
    for r, _ in reps:
        c.v(r, AMT); c.v(r, PRJ)
    return lst([r.agency for r, _ in reps], True)


def topn(c, reps, key, n, reverse=True):
    hits = rank(c, reps, key, reverse)[:n]
    for r, _ in hits:
        c.v(r, key)
    return lst([r.agency for r, _ in hits], True)


def nth(c, reps, key, n, reverse=True):
    r, _ = rank(c, reps, key, reverse)[n - 1]
    c.v(r, key)
    return agency(r)


def count_if(c, reps, key, pred, distinct=False):
    hits = [r for r in reps if r.usable(key) is not None and pred(r.usable(key))]
    for r in hits:
        c.v(r, key)
    return num(len({r.agency for r in hits}) if distinct else len(hits))


def filter_list(c, reps, key, pred):
    hits = [r for r in reps if r.usable(key) is not None and pred(r.usable(key))]
    for r in hits:
        c.v(r, key)
    return lst(r.agency for r in hits)


def compare_two(c, a, b, key):
    va, vb = c.v(a, key), c.v(b, key)
    assert va != vb
    return agency(a if va > vb else b)


def r4_fails(r):
    return bool(r.failures["R4"])


def all_pass(r):
    return not any(r.failures.values())


SPECS = {
    # lookups
    1: lambda c: num(c.v(H(c, 2023), "active.licensing.decisions")),
    2: lambda c: num(c.v(H(c, 2024), "active.coercion.decisions")),
    3: lambda c: num(c.v(L(c), PRJ)),
    4: lambda c: num(c.v(Y(c), "requests.granted.total")),
    5: lambda c: num(c.v(H(c, 2024), "active.fees.amount"), "yuan"),
    6: lambda c: num(c.v(Y(c), "active.penalty.prev_items")),
    7: lambda c: num(c.v(E(c), "active.penalty.prev_items")),
    8: lambda c: num(c.v(H(c, 2024), "requests.unavailable_not_held.total")),
    9: lambda c: num(c.v(H(c, 2023), "requests.partial.total")),
    10: lambda c: num(c.v(E(c), AMT), "yuan"),
    11: lambda c: num(c.v(W(c), AMT), "yuan"),
    12: lambda c: num(c.v(H(c, 2023), "active.normative.in_force")),
    13: lambda c: num((c.v(H(c, 2023), "active.coercion.decisions") + c.v(H(c, 2024), "active.coercion.decisions")) / 2),
    14: lambda c: num(c.v(L(c), "active.penalty.prev_items")),
    15: lambda c: num(c.v(H(c, 2024), "review.reconsideration.total")),
    16: lambda c: num(c.v(H(c, 2024), "review.lawsuit_after_review.total")),
    17: lambda c: num(c.v(H(c, 2023), "review.lawsuit_direct.total")),
    18: lambda c: (lambda med: nth(c, [r for r in samples(c) if r.usable(AMT) == med], AMT, 1))(
        statistics.median([r.usable(AMT) for r in samples(c)])),
    19: lambda c: num(c.v(E(c), "active.coercion.decisions")),
    20: lambda c: num(c.v(E(c), "requests.carried_in.total")),
    21: lambda c: pct(c.v(H(c, 2024), "requests.granted.total"), c.v(H(c, 2024), "requests.new.total")),
    22: lambda c: num(c.v(rank(c, c.reps, AMT)[0][0], PRJ)),
    23: lambda c: num(c.v(L(c), PRJ) + c.v(Y(c), PRJ)),
    24: lambda c: num(sum(c.v(r, AMT) for r in c.where(province="浙江省")), "yuan"),
    25: lambda c: num(c.v(H(c, 2024), "review.lawsuit_after_review.other")),
    # refusals (each computed: the cell or report it needs is unusable / not stored)
    26: lambda c: num(c.v(H(c, 2023), "review.reconsideration.upheld")),
    27: lambda c: num(c.v(H(c, 2023), "review.reconsideration.total")),
    28: lambda c: num(c.v(W(c), "requests.carried_out.total")),
    29: lambda c: num(c.v(G(c), "requests.unavailable_not_held.total")),
    30: lambda c: num(c.v(H(c, 2024), AMT), "yuan"),
    31: lambda c: num(c.v(H(c, 2022), "active.fees.amount"), "yuan"),
    32: lambda c: num(c.v(c.rep(county="鄞州区", year=2020), "requests.new.total")),
    33: lambda c: num(c.v(c.rep(city="南京市", county="鼓楼区", year=2020), "requests.new.total")),
    34: lambda c: num(c.v(W(c), "requests.other.total")),
    35: lambda c: (refuse("staff numbers are not a table field and the 鹿城 text states none")
                   if not re.search(r"\d+\s*[名人]", L(c).text) else num(-1)),
    36: lambda c: num(c.v(H(c, 2024), "requests.other_no_fee.total")),
    37: lambda c: num(c.v(E(c), "active.fees.amount"), "yuan"),
    38: lambda c: num(c.v(H(c, 2024 - 1), "review.reconsideration.total")),
    39: lambda c: boolean(c.raw(W(c), "requests.new.total") + c.raw(W(c), "requests.carried_in.total")
                          == c.raw(W(c), "requests.handled.total") + c.raw(W(c), "requests.carried_out.total")),
    # aggregates
    40: lambda c: num(sum(c.v(r, PRJ) for r in samples(c))),
    41: lambda c: num(sum(c.v(r, "requests.new.total") for r in c.where(province="浙江省", year=2020))),
    42: lambda c: num(sum(c.v(r, PRJ) for r in c.where(province="福建省"))),
    43: lambda c: num(sum(c.v(r, "active.penalty.decisions") for r in c.where(county="洪泽区"))),
    44: lambda c: num(sum(c.v(r, "active.fees.amount") for r in c.where(county="洪泽区")), "yuan"),
    45: lambda c: num(statistics.mean([c.v(r, AMT) for r in y2020(c)]), "yuan"),
    46: lambda c: num(statistics.median([c.v(r, AMT) for r in samples(c)]), "yuan"),
    47: c047,
    48: lambda c: num(c.v(Y(c), AMT) / c.v(Y(c), PRJ), "yuan"),
    49: lambda c: num(sum(c.v(r, "requests.handled.total") for r in c.where(county="洪泽区"))),
    50: lambda c: num(statistics.mean([c.v(r, "active.penalty.decisions") for r in y2020(c)])),
    51: lambda c: num(sum(c.v(r, "active.licensing.decisions") for r in c.reps)),
    # differences / growth
    52: lambda c: num(c.v(H(c, 2023), "active.penalty.decisions") - c.v(H(c, 2024), "active.penalty.decisions")),
    53: lambda c: (lambda a, b: pct(b - a, a))(c.v(H(c, 2023), "active.penalty.decisions"), c.v(H(c, 2024), "active.penalty.decisions")),
    54: lambda c: (lambda a, b: pct(b - a, a))(c.v(H(c, 2023), "requests.new.total"), c.v(H(c, 2024), "requests.new.total")),
    55: lambda c: (lambda a, b: pct(b - a, a))(c.v(H(c, 2023), "active.fees.amount"), c.v(H(c, 2024), "active.fees.amount")),
    56: lambda c: num(abs(c.v(L(c), AMT) - c.v(Y(c), AMT)), "yuan"),
    57: lambda c: num(c.v(L(c), PRJ) - c.v(G(c), PRJ)),
    58: lambda c: pct(c.v(H(c, 2024), "active.coercion.decisions"), c.v(H(c, 2023), "active.coercion.decisions")),
    59: lambda c: boolean(c.v(H(c, 2024), "active.licensing.decisions") > 10 * c.v(H(c, 2023), "active.licensing.decisions")),
    # ratios
    60: lambda c: pct(c.v(H(c, 2023), "requests.partial.total"), c.v(H(c, 2023), "requests.handled.total")),
    61: lambda c: pct(c.v(H(c, 2023), "requests.unavailable_not_held.total"), c.v(H(c, 2023), "requests.handled.total")),
    62: lambda c: pct(sum(c.v(H(c, 2024), f"requests.{w}.total") for w in WITHHELD), c.v(H(c, 2024), "requests.handled.total")),
    63: lambda c: pct(c.v(W(c), "requests.unavailable_not_held.total"), c.v(W(c), "requests.handled.total")),
    64: lambda c: (lambda tot: pct(E(c).usable(AMT), tot))(sum(c.v(r, AMT) for r in samples(c))),
    65: lambda c: compare_two(c, W(c), E(c), PRJ),
    # rankings
    66: lambda c: nth(c, c.reps, AMT, 2),
    67: lambda c: nth(c, c.reps, AMT, 2, reverse=False),
    68: lambda c: topn(c, c.reps, PRJ, 3),
    69: lambda c: topn(c, c.reps, PRJ, 2, reverse=False),
    70: lambda c: nth(c, c.reps, "active.penalty.prev_items", 1),
    71: c071,
    72: lambda c: nth(c, [Y(c), L(c), E(c)], AMT, 1, reverse=False),
    73: lambda c: nth(c, c.reps, "requests.new.total", 1),
    74: lambda c: (lambda a, b: lst([2023 if a > b else 2024]))(
        c.v(H(c, 2023), "active.penalty.decisions"), c.v(H(c, 2024), "active.penalty.decisions")),
    75: lambda c: filter_list(c, c.reps, "active.penalty.decisions", lambda v: v == 0),
    # counts
    76: lambda c: count_if(c, c.reps, AMT, lambda v: v > 100000),
    77: lambda c: count_if(c, c.reps, "requests.new.total", lambda v: v > 1),
    78: lambda c: count_if(c, c.where(name_ends="统计局"), "active.penalty.decisions", lambda v: v > 5),
    79: lambda c: count_if(c, c.reps, "requests.granted.total", lambda v: v >= 1, distinct=True),
    80: lambda c: count_if(c, c.reps, PRJ, lambda v: v < 10),
    # comparisons
    81: lambda c: boolean(c.v(G(c), AMT) > c.v(W(c), AMT)),
    82: lambda c: boolean(c.v(L(c), "active.penalty.decisions") > c.v(Y(c), "active.penalty.decisions")),
    83: lambda c: boolean(c.v(H(c, 2024), "active.normative.issued") > c.v(H(c, 2023), "active.normative.issued")),
    84: lambda c: boolean(c.v(H(c, 2024), "active.coercion.decisions") > c.v(H(c, 2023), "active.coercion.decisions")),
    85: lambda c: boolean(c.v(E(c), AMT) > c.v(L(c), AMT)),
    86: lambda c: boolean(c.v(H(c, 2024), "active.fees.amount") < c.v(H(c, 2023), "active.fees.amount")),
    87: lambda c: boolean(c.v(H(c, 2024), "active.licensing.decisions") > c.v(H(c, 2024), "active.penalty.decisions")),
    88: lambda c: compare_two(c, G(c), E(c), "active.penalty.prev_items"),
    # metadata (no cites)
    89: lambda c: lst(sorted(r.year for r in c.where(county="洪泽区"))),
    90: lambda c: lst(uniq(r.agency for r in c.where(template="2019"))),
    91: lambda c: lst([Y(c).city]),
    92: lambda c: lst([E(c).province]),
    93: lambda c: lst(uniq(r.agency for r in c.where(city="福州市"))),
    94: lambda c: nth(c, y2020(c), "active.penalty.decisions", 1),
    95: lambda c: lst(uniq(r.agency for r in c.reps if not r.published)),
    96: lambda c: agency(c.rep(kind="street_office")),
    97: lambda c: num(len(c.where(kind="government"))),
    98: lambda c: num(len({r.agency for r in c.reps})),
    99: lambda c: agency(min((r for r in c.reps if r.published), key=lambda r: r.published)),
    100: lambda c: lst(uniq(r.agency for r in c.reps if r.state(AMT) in ("missing", "absent"))),
    # passages (sections found in the sample texts by the phrases below)
    101: lambda c: c.passages(Y(c), "存在主要问题"),
    102: lambda c: c.passages(E(c), "下一步"),
    103: lambda c: c.passages(G(c), "进一步提高思想认识"),
    104: lambda c: c.passages(W(c), "个人信息保护"),
    105: lambda c: c.passages(Y(c), "普法宣传"),
    106: lambda c: (lambda hits: ([c.cite(r) for r in hits], lst(r.agency for r in hits))[1])(
        [r for r in c.where(name_ends="统计局") if r.text and "统计开放日" in r.text]),
    107: lambda c: c.passages(E(c), "四个"),
    108: lambda c: c.passages(W(c), "律师"),
    109: lambda c: c.passages(G(c), "档案馆"),
    110: lambda c: c.passages(L(c), "统计年鉴"),
    # data quality
    111: lambda c: lst(sorted(r.year for r in c.where(county="洪泽区") if r4_fails(r))),
    112: lambda c: boolean(close(sum(c.raw(H(c, 2023), f"review.reconsideration.{p}") for p in REVIEW_PARTS),
                                c.raw(H(c, 2023), "review.reconsideration.total"))),
    113: lambda c: (c.v(H(c, 2024), "requests.new.total"), boolean(False in narrative_agrees(H(c, 2024), "requests.new.total")))[1],
    114: lambda c: (c.v(W(c), "requests.new.total"), boolean(all(narrative_agrees(W(c), "requests.new.total"))
                                                         and narrative_agrees(W(c), "requests.new.total")))[1],
    115: lambda c: boolean(all([close(sum(c.raw(H(c, 2024), f"review.{g}.{p}") for p in REVIEW_PARTS),
                                    c.raw(H(c, 2024), f"review.{g}.total")) for g in REVIEW_GROUPS])),
    116: lambda c: boolean(close(c.raw(L(c), "requests.new.total") + c.raw(L(c), "requests.carried_in.total"),
                                 c.raw(L(c), "requests.handled.total") + c.raw(L(c), "requests.carried_out.total"))),
    117: lambda c: boolean(all(all_pass(r) for r in samples(c)) and len(samples(c)) == 5),
    118: lambda c: (c.v(Y(c), "active.penalty.decisions"), boolean(all(narrative_agrees(Y(c), "active.penalty.decisions"))
                                                                 and narrative_agrees(Y(c), "active.penalty.decisions")))[1],
    # follow-ups
    119: lambda c: (lambda a, b: pct(b - a, a))(c.v(H(c, 2023), "active.licensing.decisions"), c.v(H(c, 2024), "active.licensing.decisions")),
    120: lambda c: num(c.v(W(c), "requests.unavailable_not_held.total")),
}
FOLLOWUPS = {12: 1, 13: 1, 18: 1, 19: 1, 21: 1, 22: 1, 23: 1, 24: 1, 38: 1, 43: 1, 65: 1, 72: 3, 94: 1, 119: 2, 120: 1}


def compute(reps, i):
    c = Ctx(reps)
    try:
        exp = SPECS[i](c)
        cites = c.cites
    except Unusable as e:
        exp, cites = {"kind": "unanswerable", "why": str(e)}, []
    facts = {(r.file): r for r in reps}
    cells = [(x.partition("#")[0], x.partition("#")[2]) for x in cites if "#" in x]
    guessed = any(facts[f].facts[k].get("unit_assumed") for f, k in cells)
    years = {facts[f].year for f, _ in cells}
    agencies = {facts[f].agency for f, _ in cells}
    mixed = len(years) > 1 and len(agencies) > 1
    return exp, cites, guessed, mixed


def lang_ok(q: str, lang: str) -> bool:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", q))
    latin = len(re.findall(r"[A-Za-z]", q))
    return cjk > latin if lang == "zh" else latin > cjk


def same_expect(got: dict, want: dict) -> str | None:
    k = want.get("kind")
    if got["kind"] != k:
        return f"kind {k!r} != recomputed {got['kind']!r} ({got.get('why', '')})"
    if k == "number":
        if want.get("unit") != got["unit"]:
            return f"unit {want.get('unit')!r} != {got['unit']!r}"
        if not isinstance(want.get("value"), (int, float)) or abs(want["value"] - got["value"]) > 1e-9:
            return f"value {want.get('value')!r} != {got['value']!r}"
    elif k in ("agency", "boolean"):
        if want.get("value") != got["value"] or type(want.get("value")) is not type(got["value"]):
            return f"value {want.get('value')!r} != {got['value']!r}"
    elif k == "list":
        if bool(want.get("ordered")) != got["ordered"]:
            return f"ordered {want.get('ordered')!r} != {got['ordered']!r}"
        a, b = want.get("values", []), got["values"]
        if (a != b) if got["ordered"] else (sorted(map(repr, a)) != sorted(map(repr, b))):
            return f"values {a!r} != {b!r}"
    elif k == "passages":
        if sorted(want.get("files", [])) != sorted(got["files"]) or sorted(want.get("sections", [])) != sorted(got["sections"]):
            return f"passages {want.get('files')}/{want.get('sections')} != {got['files']}/{got['sections']}"
    elif k == "unanswerable":
        if not str(want.get("note", "")).strip():
            return "unanswerable without a note"
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--jsonl", default=str(HERE / "qa_holdout23.jsonl"))
    ap.add_argument("--gold", default=str(ROOT / "tests" / "fixtures" / "gold"))
    ap.add_argument("--samples", default=str(ROOT / "data" / "samples"))
    a = ap.parse_args(argv)

    reps = [Report(p, Path(a.samples)) for p in sorted(Path(a.gold).glob("*.json"))]
    assert len(reps) == 7, len(reps)
    for r in reps:
        run_checks(r)

    cases = [json.loads(line) for line in Path(a.jsonl).read_text(encoding="utf-8").splitlines() if line.strip()]
    problems: list[str] = []
    by_id = {}
    for case in cases:
        if case.get("id") in by_id:
            problems.append(f"{case.get('id')}: duplicate id")
        by_id[case.get("id")] = case
    want_ids = [f"h23-{i:03d}" for i in range(1, 121)]
    if sorted(by_id) != want_ids or len(cases) != 120:
        problems.append(f"ids: expected h23-001..h23-120 exactly once, got {len(cases)} cases")

    ok = 0
    kinds, langs = {}, {"zh": 0, "en": 0}
    for i in range(1, 121):
        cid = f"h23-{i:03d}"
        case = by_id.get(cid)
        exp, cites, guessed, mixed = compute(reps, i)
        if a.verbose:
            shown = {k: v for k, v in exp.items() if k != "kind"}
            print(f"{cid} {exp['kind']:12} {json.dumps(shown, ensure_ascii=False)}  cite={cites}"
                  f"{'  [guessed_unit]' if guessed else ''}{'  [mixed_years]' if mixed else ''}")
        if case is None:
            problems.append(f"{cid}: missing")
            continue
        errs = []
        e = same_expect(exp, case.get("expect", {}))
        if e:
            errs.append(e)
        cite = case.get("cite", [])
        if len(set(cite)) != len(cite):
            errs.append("duplicate cites")
        if sorted(set(cite)) != sorted(cites):
            errs.append(f"cite {sorted(cite)} != recomputed {sorted(cites)}")
        tags = case.get("tags", [])
        if ("guessed_unit" in tags) != guessed:
            errs.append(f"tag guessed_unit should be {'present' if guessed else 'absent'}")
        if ("mixed_years" in tags) != mixed:
            errs.append(f"tag mixed_years should be {'present' if mixed else 'absent'}")
        lang = [t for t in tags if t in ("zh", "en")]
        if len(lang) != 1:
            errs.append(f"needs exactly one of zh/en, has {lang}")
        elif not lang_ok(case.get("question", ""), lang[0]):
            errs.append(f"question does not look {lang[0]}")
        else:
            langs[lang[0]] += 1
        turns = case.get("turns", [])
        if len(turns) != FOLLOWUPS.get(i, 0):
            errs.append(f"{len(turns)} turns, expected {FOLLOWUPS.get(i, 0)}")
        kinds[exp["kind"]] = kinds.get(exp["kind"], 0) + 1
        if errs:
            problems.append(f"{cid}: " + "; ".join(errs))
        else:
            ok += 1
    if langs["zh"] != 60 or langs["en"] != 60:
        problems.append(f"language split zh={langs['zh']} en={langs['en']} (want 60/60)")
    for p in problems:
        print("MISMATCH", p)
    refusals = kinds.get("unanswerable", 0)
    print(f"SUMMARY: {ok}/120 cases match; kinds {dict(sorted(kinds.items()))}; refusals {refusals}; "
          f"zh {langs['zh']} / en {langs['en']}; follow-ups {len(FOLLOWUPS)}; "
          f"{len(problems)} problem(s)")
    return 0 if ok == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
