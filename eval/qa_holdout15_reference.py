#!/usr/bin/env python3
"""Independent reference check of the blind holdout set eval/qa_holdout15.jsonl.

Standard library only. Every expected answer and every cite of the case file is recomputed here
from the gold fact files (tests/fixtures/gold/*.json) and, for narrative and passage cases, from the
sample texts (data/samples/*.txt):

* reports are selected by agency name / year / metadata (province, city, agency kind, template,
  which cells a report has), never by a hard-coded file list;
* a number comes only from a cell in state `number`; blank, absent, unreadable and missing cells
  raise (they are never read as 0);
* R1-R4 (the 勾稽 rules of shared/DOMAIN.md) are recomputed for every report and cross-checked with
  the gold `checks` (and `checks_detail` counts where present); every cell of a failing equation is
  tainted and cannot give a number answer;
* rankings assert that the asked position is not tied; refusals assert that there really is no
  usable answer; narrative numbers must occur in the gold narrative_numbers and, for the sample
  reports, verbatim in the sample text; passages must lie in the named section of the sample text;
* cited table cells of sample reports must show their raw text on the gold line of the sample;
* the informational tags guessed_unit / blank / balance_fail / mixed_years / followup must match
  what the computation touched, and the note must name every cited cell (row.col, report, raw).

Usage: python3 eval/qa_holdout15_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]
Prints one line per case and a summary; exits 1 on any mismatch.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

APPLICANTS = ("person", "business", "research", "nonprofit", "legal", "other_org")
COLS = APPLICANTS + ("total",)
WITHHELD = tuple("withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process",
                                           "enforcement", "query"))
UNAVAILABLE = ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
DECLINED = tuple("declined_" + x for x in ("complaint", "duplicate", "publication", "excessive", "confirmation"))
OTHER_2019 = ("other",)
OTHER_2021 = ("other_no_correction", "other_no_fee", "other_misc")
OUTCOMES = ("granted", "partial") + WITHHELD + UNAVAILABLE + DECLINED + OTHER_2019 + OTHER_2021
REQUEST_ROWS = ("new", "carried_in") + OUTCOMES + ("handled", "carried_out")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
RULES = ("R1", "R2", "R3", "R4")

CATEGORIES = ("lookup", "sum", "compare", "ratio", "rank", "count", "average", "group", "meta", "narrative",
              "passage", "followup", "quality", "refusal")
DERIVED_TAGS = ("guessed_unit", "blank", "balance_fail", "mixed_years")
SECTION_ORDER = "一二三四五六"
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理", "依申请"), "四": ("复议", "诉讼"),
                 "五": ("问题",), "六": ("其他需要报告",)}
# words a refusal note must carry for each reason
REASON_WORDS = {"missing": "Missing", "blank": "Blank", "absent": "Absent", "unreadable": "Unreadable",
                "tainted": "R4", "no_agency": "Agency not held", "no_year": "Year not held",
                "out_of_domain": "Out of domain"}


class Unusable(Exception):
    """A cell or report that cannot give an answer, with the reason."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class Mismatch(Exception):
    """The reference computation itself found a problem (tie, wrong assumption, gold inconsistency)."""


# ------------------------------------------------------------------------------------------- rules

def check_rules(facts: dict) -> tuple[dict, set, list]:
    """R1-R4 over one report's facts: per rule {evaluated, passed, failed, failures}, tainted keys, equations."""

    def state(key):
        f = facts.get(key)
        return f["state"] if f else "missing"

    eqs = []
    present = [r for r in REQUEST_ROWS if any(state(f"requests.{r}.{c}") == "number" for c in COLS)]
    outcome_rows = [r for r in present if r in OUTCOMES]
    for c in COLS:
        eqs.append(("R1", c, [f"requests.new.{c}", f"requests.carried_in.{c}"],
                    [f"requests.handled.{c}", f"requests.carried_out.{c}"]))
    for c in COLS:
        eqs.append(("R2", c, [f"requests.handled.{c}"], [f"requests.{r}.{c}" for r in outcome_rows]))
    for r in present:
        eqs.append(("R3", r, [f"requests.{r}.total"], [f"requests.{r}.{a}" for a in APPLICANTS]))
    for g in REVIEW_GROUPS:
        eqs.append(("R4", g, [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS]))
    result = {r: {"evaluated": 0, "passed": 0, "failed": 0, "skipped": 0, "failures": []} for r in RULES}
    tainted: set = set()
    for rule, label, lhs, rhs in eqs:
        keys = lhs + rhs
        if any(state(k) != "number" for k in keys):
            result[rule]["skipped"] += 1
            continue
        left = sum(facts[k]["value"] for k in lhs)
        right = sum(facts[k]["value"] for k in rhs)
        result[rule]["evaluated"] += 1
        if abs(left - right) < 1e-9:
            result[rule]["passed"] += 1
        else:
            result[rule]["failed"] += 1
            result[rule]["failures"].append((label, left, right))
            tainted.update(keys)
    return result, tainted, eqs


# ------------------------------------------------------------------------------------------- data

def derive_kind(name: str) -> str:
    if "人民政府" in name and not name.endswith(("局", "办事处")):
        return "government"
    if name.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
        return "street_office"
    if name.endswith(("局", "委", "办", "委员会")):
        return "department"
    return "unknown"


class Report:
    def __init__(self, gold: dict, samples: Path):
        self.g = gold
        self.facts = gold["facts"]
        self.cite = Path(gold["file"]).name
        self.agency = gold["agency"]
        self.year = gold["year"]
        self.province = gold.get("province")
        self.city = gold.get("city")
        self.county = gold.get("county")
        self.township = gold.get("township")
        self.template = str(gold.get("template"))
        self.published = gold.get("published")
        derived = derive_kind(self.agency)
        self.kind = gold.get("agency_kind") or derived
        self.errors: list[str] = []
        if gold.get("agency_kind") and gold["agency_kind"] != derived:
            self.errors.append(f"agency_kind {gold['agency_kind']} but the name reads as {derived}")
        path = samples / self.cite
        self.text = path.read_text(encoding="utf-8") if path.exists() else None
        self.lines = self.text.splitlines() if self.text is not None else None
        self.rules, self.tainted, _ = check_rules(self.facts)
        self._cross_check_gold()

    def names(self) -> list[str]:
        out = [self.agency]
        if self.g.get("agency_full"):
            out.append(self.g["agency_full"])
        out += [v["text"] for v in self.g.get("agency_variants", [])]
        return out

    def is_stats_bureau(self) -> bool:
        return self.agency.endswith("统计局")

    def rule_status(self, rule: str) -> str:
        return "fail" if self.rules[rule]["failed"] else "pass"

    def _cross_check_gold(self):
        checks = self.g.get("checks", {})
        detail = self.g.get("checks_detail", {})
        for rule in RULES:
            gold = str(checks.get(rule, "")).split(":")[0].strip()
            mine = self.rule_status(rule)
            if gold != mine:
                self.errors.append(f"{rule}: recomputed {mine}, gold checks say {checks.get(rule)!r}")
            if rule in detail:
                for k in ("evaluated", "passed", "failed"):
                    if detail[rule].get(k) != self.rules[rule][k]:
                        self.errors.append(f"{rule}.{k}: recomputed {self.rules[rule][k]}, gold {detail[rule].get(k)}")
            for label, left, right in self.rules[rule]["failures"]:
                if label not in str(checks.get(rule, "")):
                    self.errors.append(f"{rule} fails on {label} but gold checks do not name it")

    def sections(self) -> dict:
        """Canonical section number -> list of (line number, text), headings matched by meaning."""
        if self.lines is None:
            raise Mismatch(f"{self.cite}: no sample text for a passage")
        out: dict = {}
        cur = None
        for i, line in enumerate(self.lines, 1):
            s = line.strip().lstrip("#").strip().strip("*").strip()
            m = re.match(r"^([一二三四五六])、(.*)$", s)
            if m:
                n = m.group(1)
                if (cur is None or SECTION_ORDER.index(n) > SECTION_ORDER.index(cur)) and \
                        any(w in m.group(2) for w in SECTION_WORDS[n]):
                    cur = n
                    out.setdefault(n, []).append((i, line))
                    continue
            if cur:
                out[cur].append((i, line))
        return out


class DB:
    def __init__(self, gold_dir: Path, samples: Path):
        self.reports = []
        for p in sorted(gold_dir.glob("*.json")):
            self.reports.append(Report(json.loads(p.read_text(encoding="utf-8")), samples))
        if not self.reports:
            raise SystemExit(f"no gold files in {gold_dir}")

    def find(self, name=None, year=None, years=None, province=None, provinces=None, city=None, kind=None,
             template=None, stats=None, has=None):
        out = []
        for r in self.reports:
            if name is not None and not (any(name in n for n in r.names()) or name in (r.county, r.township)):
                continue
            if year is not None and r.year != year:
                continue
            if years is not None and r.year not in years:
                continue
            if province is not None and r.province != province:
                continue
            if provinces is not None and r.province not in provinces:
                continue
            if city is not None and r.city != city:
                continue
            if kind is not None and r.kind != kind:
                continue
            if template is not None and r.template != template:
                continue
            if stats is not None and r.is_stats_bureau() != stats:
                continue
            if has is not None and has not in r.facts:
                continue
            out.append(r)
        return out

    def one(self, name, year=None, **kw) -> Report:
        found = self.find(name=name, year=year, **kw)
        if len(found) != 1:
            raise Mismatch(f"{name!r} {year}: {len(found)} reports match, expected exactly one")
        return found[0]

    def with_procurement(self) -> list[Report]:
        """Reports holding a procurement amount; the others must be 2021-template reports (no such block)."""
        have = self.find(has="active.procurement.amount")
        for r in self.reports:
            if r not in have and r.template != "2021":
                raise Mismatch(f"{r.cite} lacks a procurement amount but is not a 2021-template report")
        return have


# ------------------------------------------------------------------------------------------- computation context

class Ctx:
    def __init__(self, db: DB):
        self.db = db
        self.flags: set = set()
        self.years: set = set()
        self.touched: set = set()

    @staticmethod
    def ref(r: Report, key: str) -> str:
        return f"{r.cite}#{key}"

    def _fact(self, r: Report, key: str) -> dict:
        self.touched.add(r.cite)
        f = r.facts.get(key)
        if f is None:
            raise Unusable("missing", f"{r.cite} has no cell {key} (template {r.template})")
        st = f["state"]
        if st == "blank":
            self.flags.add("blank")
            raise Unusable("blank", f"{r.cite} {key} is blank")
        if st in ("absent", "unreadable"):
            raise Unusable(st, f"{r.cite} {key} is {st}")
        if st != "number" or not isinstance(f.get("value"), (int, float)) or isinstance(f.get("value"), bool):
            raise Unusable("unreadable", f"{r.cite} {key} state {st!r} value {f.get('value')!r}")
        if r.lines is not None and f.get("line") and str(f.get("raw", "")).strip():
            raw = str(f["raw"]).strip()
            if raw not in r.lines[f["line"] - 1]:
                raise Mismatch(f"{r.cite} {key}: raw {raw!r} not on sample line {f['line']}")
        if f.get("unit_assumed"):
            self.flags.add("guessed_unit")
        return f

    def num(self, r: Report, key: str):
        """The value of a usable cell: state number and not in a failing equation."""
        if key in r.tainted and key in r.facts and r.facts[key]["state"] == "number":
            self.touched.add(r.cite)
            self.flags.add("balance_fail")
            raise Unusable("tainted", f"{r.cite} {key} is in an equation that fails (R1-R4)")
        f = self._fact(r, key)
        self.years.add(r.year)
        return f["value"]

    def raw_num(self, r: Report, key: str):
        """A printed number even if it sits in a failing equation (for data-quality answers)."""
        if key in r.tainted:
            self.flags.add("balance_fail")
        f = self._fact(r, key)
        self.years.add(r.year)
        return f["value"]

    def state(self, r: Report, key: str) -> str:
        self.touched.add(r.cite)
        f = r.facts.get(key)
        st = f["state"] if f else "missing"
        if st == "blank":
            self.flags.add("blank")
        return st

    def meta_fact(self, r: Report, key: str) -> dict:
        self.touched.add(r.cite)
        f = r.facts.get(key)
        if f is None:
            raise Unusable("missing", f"{r.cite} has no cell {key}")
        if f.get("unit_assumed"):
            self.flags.add("guessed_unit")
        return f

    def narr(self, r: Report, fragment: str, prose_only: bool = True) -> dict:
        self.touched.add(r.cite)
        hits = [n for n in r.g.get("narrative_numbers", []) if fragment in n["text"]]
        if len(hits) != 1:
            raise Mismatch(f"{r.cite}: {len(hits)} narrative numbers contain {fragment!r}")
        n = hits[0]
        if r.text is not None and n["text"] not in r.text:
            raise Mismatch(f"{r.cite}: narrative {n['text']!r} not verbatim in the sample text")
        shown = str(n.get("raw") or (int(n["value"]) if float(n["value"]).is_integer() else n["value"]))
        if shown not in n["text"].replace(" ", ""):
            raise Mismatch(f"{r.cite}: narrative value {shown!r} not in {n['text']!r}")
        if prose_only and (n.get("cells") or n.get("cell")):
            raise Mismatch(f"{r.cite}: narrative {n['text']!r} restates a table cell")
        self.years.add(r.year)
        return n

    def passage(self, r: Report, section: str, word: str) -> dict:
        self.touched.add(r.cite)
        secs = r.sections()
        if section not in secs or not any(word in line for _, line in secs[section]):
            raise Mismatch(f"{r.cite}: {word!r} not found in section {section}")
        return {"kind": "passages", "files": [r.cite], "sections": [section], "cite": [r.cite]}

    def mentions(self, reports: list[Report], word: str) -> list[Report]:
        out = []
        for r in reports:
            self.touched.add(r.cite)
            if r.text is None:
                raise Mismatch(f"{r.cite}: no text to search for {word!r}; narrow the scope")
            if word in r.text:
                out.append(r)
        return out

    # --- refusals
    def refuse_cell(self, r: Report, key: str, reason: str) -> dict:
        try:
            v = self.num(r, key)
        except Unusable as e:
            if e.reason != reason:
                raise Mismatch(f"refusal expected for {reason}, cell refused for {e.reason}")
            return {"kind": "unanswerable", "reason": reason, "cite": []}
        raise Mismatch(f"{r.cite} {key} is usable ({v}); not a refusal")

    def refuse_agency(self, name: str, **kw) -> dict:
        found = self.db.find(name=name, **kw)
        if found:
            raise Mismatch(f"{name!r} {kw} is held: {[r.cite for r in found]}")
        return {"kind": "unanswerable", "reason": "no_agency", "cite": []}

    def refuse_year(self, name: str, year: int) -> dict:
        found = self.db.find(name=name)
        if not found:
            raise Mismatch(f"{name!r} not held at all (expected a year refusal)")
        if any(r.year == year for r in found):
            raise Mismatch(f"{name!r} {year} is held")
        return {"kind": "unanswerable", "reason": "no_year", "cite": []}

    def refuse_out_of_domain(self, r: Report, words: list[str]) -> dict:
        if r.text is None:
            raise Mismatch("out-of-domain check needs the report text")
        for w in words:
            if w in r.text:
                raise Mismatch(f"{r.cite} text mentions {w!r}")
            for n in r.g.get("narrative_numbers", []):
                if w in n["text"] or w in n.get("what", ""):
                    raise Mismatch(f"{r.cite} narrative number mentions {w!r}")
        return {"kind": "unanswerable", "reason": "out_of_domain", "cite": []}


# ------------------------------------------------------------------------------------------- helpers

def number(v, unit="count", cite=()):
    return {"kind": "number", "value": v, "unit": unit, "cite": list(cite)}


def ranked(items: list, desc: bool = True) -> list:
    """items: (report, value); sorted, with no equal neighbours anywhere the caller reads."""
    return sorted(items, key=lambda t: t[1], reverse=desc)


def pick(order: list, pos: int):
    """The item at position pos (0-based), asserting it is not tied with a neighbour."""
    v = order[pos][1]
    for j in (pos - 1, pos + 1):
        if 0 <= j < len(order) and abs(order[j][1] - v) < 1e-9:
            raise Mismatch(f"position {pos + 1} is tied ({order[pos][0].agency} / {order[j][0].agency})")
    return order[pos]


def distinct_top(order: list, n: int) -> list:
    for i in range(n):
        pick(order, i)
    return order[:n]


def agencies(reports) -> list[str]:
    out = []
    for r in reports:
        if r.agency not in out:
            out.append(r.agency)
    return out


def pct(a, b, nd=2):
    return round(100.0 * a / b, nd)


# ------------------------------------------------------------------------------------------- case specs

SPECS = {}


def spec(n):
    def deco(f):
        SPECS[f"h15-{n:03d}"] = f
        return f
    return deco


def lookup(ctx, r, key, unit="count"):
    return number(ctx.num(r, key), unit, [ctx.ref(r, key)])


def total_of(ctx, pairs, unit="count"):
    return number(sum(ctx.num(r, k) for r, k in pairs), unit, [ctx.ref(r, k) for r, k in pairs])


def hongze(db, year):
    return db.one("洪泽", year)


# lookup --------------------------------------------------------------------------------------
@spec(1)
def _(ctx, db):
    return lookup(ctx, db.one("鹿城区统计局", 2020), "active.penalty.decisions")


@spec(2)
def _(ctx, db):
    return lookup(ctx, db.one("二七区统计局", 2020), "active.penalty.prev_items")


@spec(3)
def _(ctx, db):
    return lookup(ctx, hongze(db, 2023), "active.licensing.decisions")


@spec(4)
def _(ctx, db):
    r = hongze(db, 2024)
    f = ctx.meta_fact(r, "active.fees.amount")
    if f.get("unit_printed") != "万元" or abs(float(f["raw"]) * 10000 - f["value"]) > 1e-6:
        raise Mismatch("fee amount is not the printed 万元 figure in yuan")
    return lookup(ctx, r, "active.fees.amount", "yuan")


@spec(5)
def _(ctx, db):
    return lookup(ctx, db.one("鄞州区统计局", 2019), "active.rules.public_total")


@spec(6)
def _(ctx, db):
    return lookup(ctx, db.one("温泉", 2020), "requests.unavailable_not_held.total")


@spec(7)
def _(ctx, db):
    r = hongze(db, 2023)
    return {"kind": "boolean", "value": ctx.num(r, "requests.granted.total") == 0,
            "cite": [ctx.ref(r, "requests.granted.total")]}


@spec(8)
def _(ctx, db):
    return lookup(ctx, db.one("二七区统计局", 2020), "active.coercion.prev_items")


@spec(9)
def _(ctx, db):
    return lookup(ctx, hongze(db, 2023), "active.normative.repealed")


@spec(10)
def _(ctx, db):
    return lookup(ctx, hongze(db, 2024), "review.lawsuit_after_review.total")


@spec(11)
def _(ctx, db):
    return lookup(ctx, hongze(db, 2023), "requests.unavailable_needs_creation.total")


# sum -----------------------------------------------------------------------------------------
@spec(12)
def _(ctx, db):
    return total_of(ctx, [(r, "active.penalty.decisions") for r in db.find("洪泽", years=(2023, 2024))])


@spec(13)
def _(ctx, db):
    reps = db.find(year=2020)
    if any("active.procurement.projects" not in r.facts for r in reps):
        raise Mismatch("a 2020 report lacks a procurement block")
    return total_of(ctx, [(r, "active.procurement.projects") for r in reps])


@spec(14)
def _(ctx, db):
    reps = db.find(province="浙江省", stats=True)
    if len(reps) != 2:
        raise Mismatch("expected two Zhejiang statistics bureaus")
    return total_of(ctx, [(r, "active.procurement.amount") for r in reps], "yuan")


@spec(15)
def _(ctx, db):
    return total_of(ctx, [(r, "active.fees.amount") for r in db.find("洪泽", years=(2023, 2024))], "yuan")


@spec(16)
def _(ctx, db):
    return total_of(ctx, [(r, "requests.new.total") for r in db.reports])


@spec(17)
def _(ctx, db):
    return total_of(ctx, [(r, "active.procurement.projects") for r in db.find(city="福州市", year=2020)])


@spec(18)
def _(ctx, db):
    r = hongze(db, 2024)
    return total_of(ctx, [(r, f"review.{g}.total") for g in REVIEW_GROUPS])


@spec(19)
def _(ctx, db):
    r = hongze(db, 2024)
    return total_of(ctx, [(r, f"requests.{u}.total") for u in UNAVAILABLE])


# compare -------------------------------------------------------------------------------------
def diff(ctx, r1, k1, r2, k2, unit="count"):
    return number(ctx.num(r1, k1) - ctx.num(r2, k2), unit, [ctx.ref(r1, k1), ctx.ref(r2, k2)])


@spec(20)
def _(ctx, db):
    return diff(ctx, db.one("鹿城区统计局"), "active.penalty.decisions", db.one("鄞州区统计局"), "active.penalty.decisions")


@spec(21)
def _(ctx, db):
    a, b = hongze(db, 2024), hongze(db, 2023)
    k = "active.penalty.decisions"
    return {"kind": "boolean", "value": ctx.num(a, k) > ctx.num(b, k), "cite": [ctx.ref(b, k), ctx.ref(a, k)]}


@spec(22)
def _(ctx, db):
    return diff(ctx, hongze(db, 2024), "active.licensing.decisions", hongze(db, 2023), "active.licensing.decisions")


@spec(23)
def _(ctx, db):
    return diff(ctx, db.one("鼓楼区统计局", 2020), "active.procurement.amount", db.one("温泉", 2020),
                "active.procurement.amount", "yuan")


@spec(24)
def _(ctx, db):
    e, b = db.one("二七区统计局", 2020), db.one("鹿城区统计局", 2020)
    k = "active.procurement.amount"
    return {"kind": "boolean", "value": ctx.num(e, k) > ctx.num(b, k), "cite": [ctx.ref(e, k), ctx.ref(b, k)]}


@spec(25)
def _(ctx, db):
    return diff(ctx, db.one("温泉", 2020), "requests.new.total", db.one("鼓楼区统计局", 2020), "requests.new.total")


@spec(26)
def _(ctx, db):
    a, b = hongze(db, 2023), hongze(db, 2024)
    k = "requests.new.total"
    return {"kind": "boolean", "value": ctx.num(a, k) < ctx.num(b, k), "cite": [ctx.ref(a, k), ctx.ref(b, k)]}


@spec(27)
def _(ctx, db):
    out = diff(ctx, hongze(db, 2023), "active.coercion.decisions", hongze(db, 2024), "active.coercion.decisions")
    if out["value"] <= 0:
        raise Mismatch("the question presumes a decrease")
    return out


@spec(28)
def _(ctx, db):
    b, d = db.one("鹿城区统计局", 2020), db.one("温泉", 2020)
    k = "active.procurement.projects"
    order = ranked([(b, ctx.num(b, k)), (d, ctx.num(d, k))])
    return {"kind": "agency", "value": pick(order, 0)[0].agency, "cite": [ctx.ref(b, k), ctx.ref(d, k)]}


@spec(29)
def _(ctx, db):
    reps = sorted(db.find("洪泽", years=(2023, 2024)), key=lambda r: r.year)
    k = "requests.partial.total"
    return {"kind": "list", "values": [ctx.num(r, k) for r in reps], "ordered": True,
            "cite": [ctx.ref(r, k) for r in reps]}


# ratio ---------------------------------------------------------------------------------------
def share(ctx, r, num_keys, den_key, nd=2):
    n = sum(ctx.num(r, k) for k in num_keys)
    d = ctx.num(r, den_key)
    return number(pct(n, d, nd), "percent", [ctx.ref(r, k) for k in num_keys] + [ctx.ref(r, den_key)])


def growth(ctx, r0, r1, key, nd=2):
    a, b = ctx.num(r0, key), ctx.num(r1, key)
    return number(pct(b - a, a, nd), "percent", [ctx.ref(r0, key), ctx.ref(r1, key)])


def per_project(ctx, r):
    a, p = ctx.num(r, "active.procurement.amount"), ctx.num(r, "active.procurement.projects")
    return number(round(a / p, 2), "yuan", [ctx.ref(r, "active.procurement.amount"), ctx.ref(r, "active.procurement.projects")])


@spec(30)
def _(ctx, db):
    return share(ctx, hongze(db, 2024), ["requests.granted.total"], "requests.handled.total")


@spec(31)
def _(ctx, db):
    return share(ctx, hongze(db, 2023), ["requests.unavailable_not_held.total"], "requests.handled.total")


@spec(32)
def _(ctx, db):
    return growth(ctx, hongze(db, 2023), hongze(db, 2024), "active.licensing.decisions")


@spec(33)
def _(ctx, db):
    return per_project(ctx, db.one("鄞州区统计局", 2019))


@spec(34)
def _(ctx, db):
    return per_project(ctx, db.one("鼓楼区统计局", 2020))


@spec(35)
def _(ctx, db):
    return growth(ctx, hongze(db, 2023), hongze(db, 2024), "active.penalty.decisions")


@spec(36)
def _(ctx, db):
    return share(ctx, hongze(db, 2024), [f"requests.{w}.total" for w in WITHHELD], "requests.handled.total")


@spec(37)
def _(ctx, db):
    return per_project(ctx, db.one("温泉", 2020))


@spec(38)
def _(ctx, db):
    return share(ctx, hongze(db, 2024), ["requests.new.person"], "requests.new.total")


# rank ----------------------------------------------------------------------------------------
def by(ctx, reps, key):
    return [(r, ctx.num(r, key)) for r in reps]


@spec(39)
def _(ctx, db):
    k = "active.procurement.amount"
    r, _v = pick(ranked(by(ctx, db.with_procurement(), k)), 2)
    return {"kind": "agency", "value": r.agency, "cite": [ctx.ref(r, k)]}


@spec(40)
def _(ctx, db):
    k = "active.procurement.projects"
    order = distinct_top(ranked(by(ctx, db.with_procurement(), k)), len(db.with_procurement()))
    order = [t for t in order if t[1] != 0]   # dev-16: a ranking leaves zeros out
    return {"kind": "list", "values": [r.agency for r, _v in order], "ordered": True, "cite": [ctx.ref(r, k) for r, _v in order]}


@spec(41)
def _(ctx, db):
    items = []
    for r in db.with_procurement():
        items.append((r, ctx.num(r, "active.procurement.amount") / ctx.num(r, "active.procurement.projects")))
    r, _v = pick(ranked(items), 0)
    return {"kind": "agency", "value": r.agency,
            "cite": [ctx.ref(r, "active.procurement.amount"), ctx.ref(r, "active.procurement.projects")]}


@spec(42)
def _(ctx, db):
    k = "active.procurement.amount"
    r, _v = pick(ranked(by(ctx, db.with_procurement(), k), desc=False), 1)
    return {"kind": "agency", "value": r.agency, "cite": [ctx.ref(r, k)]}


@spec(43)
def _(ctx, db):
    k = "active.penalty.decisions"
    r, _v = pick(ranked(by(ctx, db.find(stats=True), k)), 1)
    return {"kind": "agency", "value": r.agency, "cite": [ctx.ref(r, k)]}


@spec(44)
def _(ctx, db):
    k = "active.penalty.prev_items"
    r, _v = pick(ranked(by(ctx, db.find(stats=True), k)), 0)
    return {"kind": "agency", "value": r.agency, "cite": [ctx.ref(r, k)]}


@spec(45)
def _(ctx, db):
    k = "active.procurement.amount"
    reps = db.find(provinces=("浙江省", "福建省"))
    order = distinct_top(ranked(by(ctx, reps, k), desc=False), len(reps))
    return {"kind": "list", "values": [r.agency for r, _v in order], "ordered": True, "cite": [ctx.ref(r, k) for r, _v in order]}


@spec(46)
def _(ctx, db):
    k = "active.procurement.amount"
    order = distinct_top(ranked(by(ctx, db.find(year=2020), k)), 2)
    return {"kind": "list", "values": [r.agency for r, _v in order], "ordered": True, "cite": [ctx.ref(r, k) for r, _v in order]}


@spec(47)
def _(ctx, db):
    k = "requests.granted.total"
    r, _v = pick(ranked(by(ctx, db.reports, k)), 0)
    return {"kind": "agency", "value": r.agency, "cite": [ctx.ref(r, k)]}


# count ---------------------------------------------------------------------------------------
def count_where(ctx, reps, key, cond):
    hits = [r for r in reps if cond(ctx.num(r, key))]
    return number(len(hits), "count", [ctx.ref(r, key) for r in hits])


@spec(48)
def _(ctx, db):
    return count_where(ctx, db.with_procurement(), "active.procurement.amount", lambda v: v > 10 * 10000)


@spec(49)
def _(ctx, db):
    return count_where(ctx, db.reports, "requests.new.total", lambda v: v == 0)


@spec(50)
def _(ctx, db):
    return count_where(ctx, db.reports, "active.coercion.decisions", lambda v: v >= 1)


@spec(51)
def _(ctx, db):
    k = "active.procurement.projects"
    hits = [r for r in db.with_procurement() if ctx.num(r, k) >= 10]
    return number(len(agencies(hits)), "count", [ctx.ref(r, k) for r in hits])


@spec(52)
def _(ctx, db):
    k = "requests.carried_out.total"
    hits = []
    for r in db.reports:
        st = ctx.state(r, k)
        if st == "number" and ctx.num(r, k) == 0:
            hits.append(r)
        elif st != "number" and st != "blank":
            raise Mismatch(f"{r.cite} {k} is {st}")
    return number(len(hits), "count", [ctx.ref(r, k) for r in hits])


@spec(53)
def _(ctx, db):
    return count_where(ctx, db.reports, "active.penalty.decisions", lambda v: v == 0)


@spec(54)
def _(ctx, db):
    return count_where(ctx, db.with_procurement(), "active.procurement.amount", lambda v: v < 8 * 10000)


# average -------------------------------------------------------------------------------------
@spec(55)
def _(ctx, db):
    k = "active.procurement.amount"
    reps = db.find(year=2020)
    return number(round(statistics.mean(ctx.num(r, k) for r in reps), 2), "yuan", [ctx.ref(r, k) for r in reps])


@spec(56)
def _(ctx, db):
    k = "active.procurement.amount"
    reps = db.with_procurement()
    return number(round(statistics.median(ctx.num(r, k) for r in reps), 2), "yuan", [ctx.ref(r, k) for r in reps])


@spec(57)
def _(ctx, db):
    k = "active.procurement.projects"
    reps = db.find(template="2019")
    return number(round(statistics.mean(ctx.num(r, k) for r in reps), 2), "count", [ctx.ref(r, k) for r in reps])


def above_mean(ctx, reps, k):
    vals = by(ctx, reps, k)
    m = statistics.mean(v for _r, v in vals)
    if any(abs(v - m) < 1e-9 for _r, v in vals):
        raise Mismatch("a value equals the mean")
    return {"kind": "list", "values": agencies(r for r, v in vals if v > m), "ordered": False,
            "cite": [ctx.ref(r, k) for r, _v in vals]}


@spec(58)
def _(ctx, db):
    return above_mean(ctx, db.find(stats=True), "active.penalty.decisions")


@spec(59)
def _(ctx, db):
    k = "requests.new.total"
    reps = db.find("洪泽")
    return number(round(statistics.mean(ctx.num(r, k) for r in reps), 2), "count", [ctx.ref(r, k) for r in reps])


@spec(60)
def _(ctx, db):
    return above_mean(ctx, db.with_procurement(), "active.procurement.amount")


# group ---------------------------------------------------------------------------------------
@spec(61)
def _(ctx, db):
    return total_of(ctx, [(r, "requests.new.total") for r in db.find(province="福建省", year=2020)])


@spec(62)
def _(ctx, db):
    return total_of(ctx, [(r, "active.penalty.decisions") for r in db.find(stats=True)])


@spec(63)
def _(ctx, db):
    return total_of(ctx, [(r, "requests.handled.total") for r in db.find(province="浙江省")])


@spec(64)
def _(ctx, db):
    return total_of(ctx, [(r, "active.procurement.amount") for r in db.find(kind="street_office", year=2020)], "yuan")


@spec(65)
def _(ctx, db):
    return total_of(ctx, [(r, "active.coercion.decisions") for r in db.find(province="江苏省")])


@spec(66)
def _(ctx, db):
    k = "active.procurement.amount"
    zj = db.find(province="浙江省", has=k)
    fj = db.find(province="福建省", has=k)
    value = sum(ctx.num(r, k) for r in zj) > sum(ctx.num(r, k) for r in fj)
    return {"kind": "boolean", "value": value, "cite": [ctx.ref(r, k) for r in zj + fj]}


# meta ----------------------------------------------------------------------------------------
@spec(67)
def _(ctx, db):
    return {"kind": "list", "values": sorted({r.year for r in db.find("洪泽")}), "ordered": False, "cite": []}


@spec(68)
def _(ctx, db):
    return {"kind": "list", "values": agencies(db.find(template="2021")), "ordered": False, "cite": []}


@spec(69)
def _(ctx, db):
    b, a = db.one("鹿城区统计局"), db.one("鼓楼区统计局")
    if not (b.published and a.published):
        raise Mismatch("a publication date is missing")
    return {"kind": "boolean", "value": b.published < a.published, "cite": []}


@spec(70)
def _(ctx, db):
    return {"kind": "list", "values": agencies(r for r in db.reports if not r.published), "ordered": False, "cite": []}


@spec(71)
def _(ctx, db):
    return {"kind": "boolean", "value": db.one("鄞州区统计局").year == 2020, "cite": []}


@spec(72)
def _(ctx, db):
    return {"kind": "list", "values": agencies(db.find(provinces=("河南省", "福建省"))), "ordered": False, "cite": []}


# narrative -----------------------------------------------------------------------------------
def narrative(ctx, r, fragment, unit="count"):
    n = ctx.narr(r, fragment)
    if unit == "percent" and n.get("unit") != "%":
        raise Mismatch("narrative figure is not a percentage")
    if unit == "yuan" and n.get("unit") != "yuan":
        raise Mismatch("narrative figure is not money")
    if unit == "count" and n.get("unit") not in (None, "count"):
        raise Mismatch("narrative figure is not a count")
    if unit == "yuan" and n.get("raw") and "元" not in n["raw"]:
        ctx.flags.add("guessed_unit")   # e.g. '2.4万' printed without 元
    return number(n["value"], unit, [r.cite])


@spec(73)
def _(ctx, db):
    return narrative(ctx, db.one("鄞州区统计局", 2019), "微博")


@spec(74)
def _(ctx, db):
    return narrative(ctx, db.one("鄞州区统计局", 2019), "罚款", "yuan")


@spec(75)
def _(ctx, db):
    return narrative(ctx, db.one("温泉", 2020), "业务公文")


@spec(76)
def _(ctx, db):
    return narrative(ctx, db.one("鼓楼区统计局", 2020), "各类信息")


@spec(77)
def _(ctx, db):
    return narrative(ctx, hongze(db, 2023), "政府网站平台主动公开")


@spec(78)
def _(ctx, db):
    return narrative(ctx, hongze(db, 2024), "常务会议")


@spec(79)
def _(ctx, db):
    return narrative(ctx, db.one("鼓楼区统计局", 2020), "及时率", "percent")


@spec(80)
def _(ctx, db):
    return narrative(ctx, db.one("鄞州区统计局", 2019), "统计数据")


# passage -------------------------------------------------------------------------------------
@spec(81)
def _(ctx, db):
    return ctx.passage(db.one("鹿城区统计局", 2020), "五", "不足")


@spec(82)
def _(ctx, db):
    return ctx.passage(db.one("二七区统计局", 2020), "五", "下一步")


@spec(83)
def _(ctx, db):
    return ctx.passage(db.one("鄞州区统计局", 2019), "一", "加强政府信息管理")


@spec(84)
def _(ctx, db):
    return ctx.passage(db.one("鼓楼区统计局", 2020), "六", "暂无其他需要报告")


@spec(85)
def _(ctx, db):
    hits = ctx.mentions(db.find(stats=True), "统计开放日")
    return {"kind": "list", "values": agencies(hits), "ordered": False, "cite": [r.cite for r in hits]}


@spec(86)
def _(ctx, db):
    hits = ctx.mentions(db.find(year=2020), "律师")
    if len(hits) != 1:
        raise Mismatch(f"{len(hits)} reports mention 律师")
    ctx.passage(hits[0], "五", "律师")
    return {"kind": "agency", "value": hits[0].agency, "cite": [hits[0].cite]}


@spec(87)
def _(ctx, db):
    return ctx.passage(db.one("温泉", 2020), "一", "加强平台建设")


@spec(88)
def _(ctx, db):
    return ctx.passage(db.one("鄞州区统计局", 2019), "五", "改进措施")


# followup ------------------------------------------------------------------------------------
@spec(89)
def _(ctx, db):
    return lookup(ctx, hongze(db, 2024 - 1), "active.penalty.decisions")


@spec(90)
def _(ctx, db):
    return lookup(ctx, db.one("鹿城区统计局", 2020), "active.procurement.amount", "yuan")


@spec(91)
def _(ctx, db):
    return total_of(ctx, [(db.one("温泉", 2020), "requests.new.total"), (db.one("鼓楼区统计局", 2020), "requests.new.total")])


@spec(92)
def _(ctx, db):
    k = "active.procurement.amount"
    r, _v = pick(ranked(by(ctx, db.with_procurement(), k)), 1)
    return {"kind": "agency", "value": r.agency, "cite": [ctx.ref(r, k)]}


@spec(93)
def _(ctx, db):
    top = distinct_top(ranked(by(ctx, db.with_procurement(), "active.procurement.amount")), 2)
    k = "active.procurement.projects"
    return {"kind": "list", "values": [ctx.num(r, k) for r, _v in top], "ordered": True,
            "cite": [ctx.ref(r, k) for r, _v in top]}


@spec(94)
def _(ctx, db):
    return lookup(ctx, db.one("鄞州区统计局", 2019), "active.penalty.prev_items")


@spec(95)
def _(ctx, db):
    out = diff(ctx, hongze(db, 2023), "active.fees.amount", hongze(db, 2024), "active.fees.amount", "yuan")
    if out["value"] <= 0:
        raise Mismatch("the question presumes a fall")
    return out


@spec(96)
def _(ctx, db):
    return lookup(ctx, db.one("二七区统计局", 2020), "active.penalty.prev_items")


@spec(97)
def _(ctx, db):
    r = hongze(db, 2024)
    return total_of(ctx, [(r, "review.lawsuit_direct.total"), (r, "review.lawsuit_after_review.total")])


@spec(98)
def _(ctx, db):
    return total_of(ctx, [(db.one("温泉", 2020), "active.procurement.amount"),
                          (db.one("鼓楼区统计局", 2020), "active.procurement.amount")], "yuan")


# quality -------------------------------------------------------------------------------------
@spec(99)
def _(ctx, db):
    r = db.one("二七区统计局", 2020)
    if any(r.rules[x]["skipped"] for x in ("R1", "R2", "R3")):
        raise Mismatch("some equations could not be checked")
    return {"kind": "boolean", "value": all(r.rule_status(x) == "pass" for x in ("R1", "R2", "R3")), "cite": []}


@spec(100)
def _(ctx, db):
    r = db.one("鹿城区统计局", 2020)
    if r.rules["R1"]["skipped"] or r.rules["R1"]["evaluated"] != len(COLS):
        raise Mismatch("R1 not checkable in every column")
    return {"kind": "boolean", "value": r.rule_status("R1") == "pass", "cite": []}


@spec(101)
def _(ctx, db):
    r = hongze(db, 2023)
    parts = [f"review.reconsideration.{p}" for p in REVIEW_PARTS]
    expected = sum(ctx.raw_num(r, k) for k in parts)
    printed = ctx.raw_num(r, "review.reconsideration.total")
    if expected == printed:
        raise Mismatch("the group balances")
    return {"kind": "list", "values": [expected, printed], "ordered": True,
            "cite": [ctx.ref(r, k) for k in parts + ["review.reconsideration.total"]]}


def narrative_vs_table(ctx, r, fragment):
    n = ctx.narr(r, fragment, prose_only=False)
    cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
    if len(cells) != 1:
        raise Mismatch("narrative figure does not map to one cell")
    table = ctx.num(r, cells[0])
    agrees = abs(table - n["value"]) < 1e-9
    gold_flag = n.get("agrees", n.get("agrees_with_table"))
    if gold_flag is not None and gold_flag != agrees:
        raise Mismatch("gold agrees flag differs from the recomputed comparison")
    return {"kind": "boolean", "value": agrees, "cite": [ctx.ref(r, cells[0]), r.cite]}


@spec(102)
def _(ctx, db):
    return narrative_vs_table(ctx, hongze(db, 2024), "17件")


@spec(103)
def _(ctx, db):
    return narrative_vs_table(ctx, hongze(db, 2023), "受理政府信息公开申请")


@spec(104)
def _(ctx, db):
    r = db.one("鼓楼区统计局", 2020)
    k = "active.procurement.amount"
    f = ctx.meta_fact(r, k)
    printed = bool(f.get("unit_printed"))
    if r.lines is not None and ("元" in r.lines[f["line"] - 1]) != printed:
        raise Mismatch("sample line and unit_printed disagree")
    return {"kind": "boolean", "value": printed, "cite": [ctx.ref(r, k)]}


@spec(105)
def _(ctx, db):
    k = "active.procurement.amount"
    hits = [r for r in db.with_procurement() if ctx.meta_fact(r, k).get("unit_assumed")]
    for r in db.with_procurement():
        if r not in hits and not ctx.meta_fact(r, k).get("unit_printed"):
            raise Mismatch(f"{r.cite}: neither printed nor guessed unit")
    return {"kind": "list", "values": agencies(hits), "ordered": False, "cite": [ctx.ref(r, k) for r in hits]}


@spec(106)
def _(ctx, db):
    bad = [r for r in db.reports if any(r.rule_status(x) == "fail" for x in RULES)]
    if bad:
        ctx.flags.add("balance_fail")
    return {"kind": "list", "values": agencies(bad), "ordered": False, "cite": []}


# refusal -------------------------------------------------------------------------------------
@spec(107)
def _(ctx, db):
    return ctx.refuse_year("鹿城区统计局", 2021)


@spec(108)
def _(ctx, db):
    r = hongze(db, 2024)
    if r.template != "2021":
        raise Mismatch("expected a 2021-template report")
    return ctx.refuse_cell(r, "active.procurement.amount", "missing")


@spec(109)
def _(ctx, db):
    return ctx.refuse_cell(hongze(db, 2023), "review.reconsideration.total", "tainted")


@spec(110)
def _(ctx, db):
    return ctx.refuse_cell(db.one("温泉", 2020), "requests.carried_out.total", "blank")


@spec(111)
def _(ctx, db):
    r = db.one("二七区统计局", 2020)
    if r.template != "2019":
        raise Mismatch("expected a 2019-template report")
    return ctx.refuse_cell(r, "active.fees.amount", "missing")


@spec(112)
def _(ctx, db):
    return ctx.refuse_cell(hongze(db, 2024), "active.licensing.prev_items", "missing")


@spec(113)
def _(ctx, db):
    return ctx.refuse_agency("海曙")


@spec(114)
def _(ctx, db):
    return ctx.refuse_out_of_domain(db.one("二七区统计局", 2020), ["人口"])


@spec(115)
def _(ctx, db):
    return ctx.refuse_year("洪泽", 2022)


@spec(116)
def _(ctx, db):
    return ctx.refuse_cell(hongze(db, 2024), "requests.other_no_fee.total", "absent")


@spec(117)
def _(ctx, db):
    return ctx.refuse_cell(hongze(db, 2023), "review.lawsuit_after_review.upheld", "tainted")


@spec(118)
def _(ctx, db):
    if not db.find("鼓楼区统计局"):
        raise Mismatch("the collision premise needs a 鼓楼区统计局 elsewhere")
    return ctx.refuse_agency("鼓楼区统计局", city="南京市")


@spec(119)
def _(ctx, db):
    return ctx.refuse_out_of_domain(db.one("鹿城区统计局", 2020), ["在编", "人员编制", "编制数", "职工人数", "人数"])


@spec(120)
def _(ctx, db):
    return ctx.refuse_cell(db.one("鼓楼区统计局", 2020), "requests.unavailable_not_held.total", "blank")


# ------------------------------------------------------------------------------------------- comparison

def norm(v):
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, (int, float)):
        return ("n", round(float(v), 6))
    return ("s", str(v))


def close(a, b):
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def cjk_count(s):
    return sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")


def latin_count(s):
    return sum(1 for ch in s if ch.isascii() and ch.isalpha())


def compare_case(case: dict, got: dict, ctx: Ctx, db: DB) -> list[str]:
    errs = []
    e = case.get("expect", {})
    kind = e.get("kind")
    if kind != got["kind"]:
        return [f"kind {kind} != recomputed {got['kind']}"]
    if kind == "number":
        if not close(e.get("value"), got["value"]):
            errs.append(f"value {e.get('value')} != recomputed {got['value']}")
        if e.get("unit") != got["unit"]:
            errs.append(f"unit {e.get('unit')} != {got['unit']}")
    elif kind in ("agency", "boolean"):
        if e.get("value") != got["value"] or type(e.get("value")) is not type(got["value"]):
            errs.append(f"value {e.get('value')!r} != recomputed {got['value']!r}")
    elif kind == "list":
        if bool(e.get("ordered")) != got["ordered"]:
            errs.append(f"ordered {e.get('ordered')} != {got['ordered']}")
        a = [norm(v) for v in e.get("values", [])]
        b = [norm(v) for v in got["values"]]
        if (a != b) if got["ordered"] else (sorted(a) != sorted(b)):
            errs.append(f"values {e.get('values')} != recomputed {got['values']}")
    elif kind == "passages":
        if sorted(e.get("files", [])) != sorted(got["files"]) or sorted(e.get("sections", [])) != sorted(got["sections"]):
            errs.append(f"passages {e.get('files')}/{e.get('sections')} != {got['files']}/{got['sections']}")
    elif kind == "unanswerable":
        word = REASON_WORDS[got["reason"]]
        if word not in e.get("note", ""):
            errs.append(f"refusal note lacks {word!r} (reason {got['reason']})")
    # cites
    cite = case.get("cite", [])
    if len(set(cite)) != len(cite):
        errs.append("duplicate cites")
    if sorted(cite) != sorted(got["cite"]):
        errs.append(f"cite {sorted(cite)} != recomputed {sorted(got['cite'])}")
    # the note names every cited cell with report and raw value
    note = e.get("note", "")
    if kind != "unanswerable" and not note:
        errs.append("no note")
    for c in cite:
        if "#" not in c:
            continue
        f, key = c.split("#", 1)
        rep = [r for r in db.reports if r.cite == f]
        if not rep or key not in rep[0].facts:
            errs.append(f"cite {c} names no gold cell")
            continue
        fact = rep[0].facts[key]
        rowcol = key.split(".", 1)[1]
        raw = str(fact.get("raw") or "").strip()
        if f not in note or rowcol not in note or (raw and f"'{raw}'" not in note):
            errs.append(f"note does not name {c} with raw {raw!r}")
    # tags
    tags = case.get("tags", [])
    if len(tags) < 2 or tags[0] not in CATEGORIES or tags[1] not in ("zh", "en"):
        errs.append(f"tags {tags} must start with a category and zh/en")
    else:
        q = case.get("question", "")
        if tags[1] == "zh" and not cjk_count(q) > latin_count(q):
            errs.append("tagged zh but the question is not mainly Chinese")
        if tags[1] == "en" and not latin_count(q) > cjk_count(q):
            errs.append("tagged en but the question is not mainly English")
    flags = set(ctx.flags)
    if len(ctx.years) > 1:
        flags.add("mixed_years")
    for t in DERIVED_TAGS:
        if (t in flags) != (t in tags):
            errs.append(f"tag {t}: computation says {'yes' if t in flags else 'no'}, tags say {'yes' if t in tags else 'no'}")
    note_words = {"guessed_unit": "guess", "blank": "blank", "balance_fail": "R4", "mixed_years": "year"}
    for t, w in note_words.items():
        if t in tags and w.lower() not in note.lower():
            errs.append(f"tag {t} but the note does not say so ({w!r})")
    turns = case.get("turns", [])
    if (tags[:1] == ["followup"]) != bool(turns) or ("followup" in tags) != bool(turns):
        errs.append("followup tag and turns disagree")
    if turns and not 1 <= len(turns) <= 2:
        errs.append("a chat has 2-3 turns in all")
    # gold inconsistencies in any report the computation touched
    for r in db.reports:
        if r.cite in ctx.touched and r.errors:
            errs.append(f"gold cross-check of {r.cite}: {'; '.join(r.errors)}")
    return errs


# ------------------------------------------------------------------------------------------- main

def main(argv=None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(here / "eval" / "qa_holdout15.jsonl"))
    ap.add_argument("--gold", default=str(here / "tests" / "fixtures" / "gold"))
    ap.add_argument("--samples", default=str(here / "data" / "samples"))
    args = ap.parse_args(argv)

    db = DB(Path(args.gold), Path(args.samples))
    for r in db.reports:
        rules = " ".join(f"{x}={r.rule_status(x)}({r.rules[x]['evaluated']}/{r.rules[x]['skipped']} skipped)" for x in RULES)
        print(f"# {r.cite}: {r.agency} {r.year} template {r.template} {rules}"
              + (f"  GOLD MISMATCH: {'; '.join(r.errors)}" if r.errors else ""))

    cases = []
    for n, line in enumerate(Path(args.cases).read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip():
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as ex:
                print(f"line {n}: not JSON ({ex})")
                return 1
    ok = bad = 0
    seen = set()
    for i, case in enumerate(cases, 1):
        cid = case.get("id")
        errs = []
        if cid != f"h15-{i:03d}":
            errs.append(f"id {cid!r} out of sequence (expected h15-{i:03d})")
        if cid in seen:
            errs.append("duplicate id")
        seen.add(cid)
        fn = SPECS.get(cid)
        if fn is None:
            errs.append("no reference computation for this id")
        else:
            ctx = Ctx(db)
            try:
                got = fn(ctx, db)
            except (Unusable, Mismatch) as ex:
                errs.append(f"reference computation failed: {type(ex).__name__}: {ex}")
            else:
                errs += compare_case(case, got, ctx, db)
        if errs:
            bad += 1
            print(f"MISMATCH {cid}: " + " | ".join(errs))
        else:
            ok += 1
            e = case["expect"]
            shown = e.get("value", e.get("values", e.get("files", e.get("note", ""))))
            print(f"ok {cid} [{case['tags'][0]}/{case['tags'][1]}] {e['kind']}: {shown}")
    missing = sorted(set(SPECS) - seen)
    for cid in missing:
        bad += 1
        print(f"MISMATCH {cid}: case missing from {args.cases}")
    print(f"{ok} ok, {bad} mismatched")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
