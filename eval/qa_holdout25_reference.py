#!/usr/bin/env python3
"""Reference for eval/qa_holdout25.jsonl: recompute every expected answer from the gold facts.

Stdlib only. Reads the seven gold fact files (tests/fixtures/gold/*.json) and, for passage and
keyword questions, the five sample texts (data/samples/*.txt). For each of the 120 cases it
recomputes the answer (number / agency / list / boolean / passages / unanswerable), the cite list
and the two derived tags `guessed_unit` and `mixed_years`, and compares them with the JSONL.

Conventions (see eval/QA_HOLDOUT25.md):
  * only cells in state `number` are read; blank, absent, unreadable and missing cells, and every
    cell of a balance equation (R1-R4) that fails, are unusable; a computation that needs one
    raises Unusable and the expected answer is `unanswerable` (a blank never satisfies a filter
    and is never 0);
  * money in yuan (gold values are already in yuan); percentages in percent points rounded to 2
    decimals; averages rounded to 2 decimals;
  * cites: `file#table.row.col` with the bare file name, a bare file for passages / narrative;
  * `guessed_unit`: some cited cell has unit_assumed set; `mixed_years`: the cited cells come
    from more than one year AND more than one agency (bare-file cites do not count).

Usage: python3 eval/qa_holdout25_reference.py [-v] [--jsonl PATH] [--gold DIR] [--samples DIR]
Exit 0 only if all cases match.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SECTION_KEYWORDS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议",
                    "五": "问题", "六": "其他需要报告"}
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
OUTCOME_ROWS = (["granted", "partial"]
                + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal",
                                              "process", "enforcement", "query")]
                + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
                + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive",
                                              "confirmation")]
                + ["other", "other_no_correction", "other_no_fee", "other_misc"])
WITHHELD = OUTCOME_ROWS[2:10]
UNAVAILABLE = OUTCOME_ROWS[10:13]
DECLINED = OUTCOME_ROWS[13:18]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]


class GoldCheckMismatch(Exception):
    """Our R1-R4 evaluation disagrees with a gold file's `checks`."""


class Unusable(Exception):
    """The computation needs a cell (or report) the data cannot supply."""


# ----------------------------------------------------------------------------- loading
class Report:
    def __init__(self, d: dict):
        self.d = d
        self.file = Path(d["file"]).name          # bare file name, e.g. hongze-qu-gov-2024.pdf
        self.agency = d["agency"]
        self.year = d["year"]
        self.template = d["template"]
        self.province = d.get("province")
        self.city = d.get("city")
        self.published = d.get("published")
        kind = d.get("agency_kind")
        if not kind:  # Hongze gold files carry none: infer from the name
            if "人民政府" in self.agency or self.agency.endswith("办公厅"):
                kind = "government"
            elif self.agency.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
                kind = "street_office"
            else:
                kind = "department"
        self.kind = kind
        self.facts = d["facts"]
        self.failed_cells: set[str] = set()
        self.rule_status: dict[str, str] = {}

    def cell(self, key):
        return self.facts.get(key)

    def __repr__(self):
        return f"<{self.agency} {self.year}>"


def _num(rep: Report, key: str):
    """Value of a usable-number cell or None (missing/blank/absent/unreadable)."""
    c = rep.cell(key)
    if c is None or c.get("state") != "number" or c.get("value") is None:
        return None
    return c["value"]


def evaluate_checks(rep: Report) -> None:
    """R1-R4 of DOMAIN.md over number cells; an equation with a non-number cell is skipped.
    Every cell of a failing equation goes into rep.failed_cells."""
    status = {}
    eqs = {"R1": [], "R2": [], "R3": [], "R4": []}
    cols = COLS + ["total"]
    for col in cols:  # R1
        keys_l = [f"requests.new.{col}", f"requests.carried_in.{col}"]
        keys_r = [f"requests.handled.{col}", f"requests.carried_out.{col}"]
        eqs["R1"].append((keys_l, keys_r))
    for col in cols:  # R2: handled = sum of outcome rows present in the report
        rows = []
        for r in OUTCOME_ROWS:
            c = rep.cell(f"requests.{r}.{col}")
            if c is None or c.get("state") == "absent":
                continue
            rows.append(f"requests.{r}.{col}")
        eqs["R2"].append((rows, [f"requests.handled.{col}"]))
    rows_all = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
    for r in rows_all:  # R3
        if rep.cell(f"requests.{r}.total") is None or rep.cell(f"requests.{r}.total").get("state") == "absent":
            continue
        eqs["R3"].append(([f"requests.{r}.{c}" for c in COLS], [f"requests.{r}.total"]))
    for g in REVIEW_GROUPS:  # R4
        eqs["R4"].append(([f"review.{g}.{p}" for p in REVIEW_PARTS], [f"review.{g}.total"]))
    for rule, lst in eqs.items():
        failed = False
        for left, right in lst:
            vals_l = [_num(rep, k) for k in left]
            vals_r = [_num(rep, k) for k in right]
            if any(v is None for v in vals_l + vals_r):
                continue  # not evaluable (blank / missing cell)
            if abs(sum(vals_l) - sum(vals_r)) > 1e-9:
                failed = True
                rep.failed_cells.update(left + right)
        status[rule] = "fail" if failed else "pass"
    rep.rule_status = status


def load(gold_dir: Path) -> dict[str, Report]:
    reps = {}
    for p in sorted(gold_dir.glob("*.json")):
        rep = Report(json.loads(p.read_text(encoding="utf-8")))
        evaluate_checks(rep)
        gold = rep.d.get("checks", {})
        for rule in ("R1", "R2", "R3", "R4"):
            g = str(gold.get(rule, "")).split(":")[0].strip()
            if g != rep.rule_status[rule]:
                raise GoldCheckMismatch(f"check mismatch in {p.name}: {rule} gold {gold.get(rule)!r} "
                                 f"vs recomputed {rep.rule_status[rule]!r}")
        reps[rep.file] = rep
    return reps


# ----------------------------------------------------------------------------- query context
class Q:
    """One case's computation: records every cell it reads (the default cite list)."""

    def __init__(self, db: "DB"):
        self.db = db
        self.cells: list[str] = []

    def get(self, rep: Report, key: str):
        c = rep.cell(key)
        if c is None:
            raise Unusable(f"{rep.file}#{key}: no such cell")
        if c.get("state") != "number" or c.get("value") is None:
            raise Unusable(f"{rep.file}#{key}: {c.get('state')}")
        if key in rep.failed_cells:
            raise Unusable(f"{rep.file}#{key}: in a failing balance equation")
        self._rec(rep, key)
        return c["value"]

    def raw(self, rep: Report, key: str):
        """A printed number even if its equation fails (for data-quality checks only)."""
        c = rep.cell(key)
        if c is None or c.get("state") != "number":
            raise Unusable(f"{rep.file}#{key}: not a number")
        self._rec(rep, key)
        return c["value"]

    def try_get(self, rep: Report, key: str):
        """Value or None, without recording (for filters over many reports)."""
        try:
            sub = Q(self.db)
            return sub.get(rep, key)
        except Unusable:
            return None

    def _rec(self, rep, key):
        ref = f"{rep.file}#{key}"
        if ref not in self.cells:
            self.cells.append(ref)


class DB:
    def __init__(self, reps: dict[str, Report], samples: Path):
        self.reps = reps
        self.samples = samples

    def all(self):
        return list(self.reps.values())

    def report(self, agency: str, year: int) -> Report:
        hits = [r for r in self.reps.values() if r.agency == agency and r.year == year]
        if not hits:
            raise Unusable(f"no report for {agency} {year}")
        return hits[0]

    def one(self, agency: str) -> Report:
        hits = [r for r in self.reps.values() if r.agency == agency]
        if len(hits) != 1:
            raise Unusable(f"{agency}: {len(hits)} reports")
        return hits[0]

    def text(self, rep: Report) -> list[str]:
        p = self.samples / rep.file
        if not p.exists():
            raise Unusable(f"no text for {rep.file}")
        return p.read_text(encoding="utf-8").splitlines()

    def section_of(self, rep: Report, anchor: str) -> str:
        """Canonical section (一..六) of the first line containing `anchor`."""
        cur = None
        for line in self.text(rep):
            s = re.sub(r"^[#\s*]+", "", line).replace("*", "").strip()
            m = re.match(r"^([一二三四五六])、(.*)$", s)
            if m and "\t" not in line and len(s) < 45 and SECTION_KEYWORDS[m.group(1)] in m.group(2):
                cur = m.group(1)
            if anchor in line:
                if cur is None:
                    raise Unusable(f"{anchor!r} before any section heading")
                return cur
        raise Unusable(f"{anchor!r} not in {rep.file}")

    def narrative(self, rep: Report, needle: str) -> dict:
        hits = [n for n in rep.d.get("narrative_numbers", []) if needle in n["text"]]
        if len(hits) != 1:
            raise Unusable(f"narrative {needle!r}: {len(hits)} hits")
        return hits[0]


def r2(x):
    return round(x + 0.0, 2)


def pct(a, b):
    if b == 0:
        raise Unusable("division by zero")
    return r2(100.0 * a / b)


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def agency(v):
    return {"kind": "agency", "value": v}


def lst(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def yn(v):
    return {"kind": "boolean", "value": bool(v)}


def passages(db, rep, anchor):
    return {"kind": "passages", "files": [rep.file], "sections": [db.section_of(rep, anchor)]}


# ----------------------------------------------------------------------------- the cases
# Each function takes (db, q) and returns an expect dict, or (expect, cite) to override the
# default cite (= the cells read through q.get/q.raw, in order).
A, B, C, D, E, HZ = ("福州市鼓楼区统计局", "温州市鹿城区统计局", "鄞州区统计局",
                     "福州市鼓楼区温泉街道办事处", "郑州市二七区统计局", "淮安市洪泽区人民政府")
CASES = {}


def case(n):
    def deco(f):
        CASES[f"h25-{n:03d}"] = f
        return f
    return deco


def hz(db, y):
    return db.report(HZ, y)


def procurement_reports(db):
    """Reports with a usable procurement amount."""
    return [r for r in db.all() if Q(db).try_get(r, "active.procurement.amount") is not None]


@case(1)
def _(db, q): return num(q.get(hz(db, 2024), "active.licensing.decisions"))
@case(2)
def _(db, q): return num(q.get(hz(db, 2023), "active.coercion.decisions"))
@case(3)
def _(db, q): return num(q.get(hz(db, 2024), "active.coercion.decisions"))
@case(4)
def _(db, q): return num(q.get(hz(db, 2024), "active.fees.amount"), "yuan")
@case(5)
def _(db, q): return num(q.get(hz(db, 2023), "active.fees.amount"), "yuan")
@case(6)
def _(db, q): return num(q.get(hz(db, 2023), "active.fees.amount") + q.get(hz(db, 2024), "active.fees.amount"), "yuan")


@case(7)
def _(db, q):
    a, b = q.get(hz(db, 2023), "active.penalty.decisions"), q.get(hz(db, 2024), "active.penalty.decisions")
    return num(pct(b - a, a), "percent")


@case(8)
def _(db, q): return num(q.get(hz(db, 2024), "active.licensing.decisions") - q.get(hz(db, 2023), "active.licensing.decisions"))


@case(9)
def _(db, q):
    a, b = q.get(hz(db, 2023), "active.licensing.decisions"), q.get(hz(db, 2024), "active.licensing.decisions")
    return yn(b > 15 * a)


@case(10)
def _(db, q):
    r = hz(db, 2024)
    return num(pct(q.get(r, "requests.granted.total"), q.get(r, "requests.handled.total")), "percent")


@case(11)
def _(db, q):
    r = hz(db, 2023)
    return num(pct(q.get(r, "requests.unavailable_not_held.total"), q.get(r, "requests.handled.total")), "percent")


@case(12)
def _(db, q): return num(q.get(hz(db, 2024 - 1), "requests.new.total"))
@case(13)
def _(db, q): return num(q.get(db.report(C, 2019), "active.procurement.projects"))


def top(db, key, reps, n=1, reverse=True):
    vals = [(Q(db).try_get(r, key), r) for r in reps]
    vals = [(v, r) for v, r in vals if v is not None]
    vals.sort(key=lambda t: t[0], reverse=reverse)
    if len(vals) > n and vals[n - 1][0] == vals[n][0]:
        raise Unusable("tie at the cut")
    chosen = vals[:n]
    return [r for _, r in chosen], [f"{r.file}#{key}" for _, r in chosen]


@case(14)
def _(db, q):
    reps, cite = top(db, "active.penalty.decisions", db.all())
    return agency(reps[0].agency), cite


@case(15)
def _(db, q):
    reps, cite = top(db, "active.penalty.decisions", [r for r in db.all() if r.year == 2020])
    return agency(reps[0].agency), cite


@case(16)
def _(db, q):
    reps, cite = top(db, "active.procurement.amount", [r for r in db.all() if r.year == 2020], 2, reverse=False)
    return lst([r.agency for r in reps], True), cite


@case(17)
def _(db, q):
    reps, cite = top(db, "active.procurement.projects", db.all(), 3)
    return lst([r.agency for r in reps], True), cite


@case(18)
def _(db, q):
    vals = [q.get(r, "active.procurement.amount") for r in procurement_reports(db)]
    return num(r2(statistics.median(vals)), "yuan")


@case(19)
def _(db, q):
    vals = [q.get(r, "active.procurement.amount") for r in procurement_reports(db) if r.year == 2020]
    return num(r2(sum(vals) / len(vals)), "yuan")


@case(20)
def _(db, q):
    reps = procurement_reports(db)
    amt = prj = 0
    for r in reps:
        amt += q.get(r, "active.procurement.amount")
        prj += q.get(r, "active.procurement.projects")
    return num(r2(amt / prj), "yuan")


def filt(db, key, pred, reps=None):
    """Reports whose usable `key` satisfies pred; cite their cells (a blank never satisfies)."""
    out = []
    for r in (reps if reps is not None else db.all()):
        v = Q(db).try_get(r, key)
        if v is not None and pred(v):
            out.append(r)
    return out, [f"{r.file}#{key}" for r in out]


@case(21)
def _(db, q):
    reps, cite = filt(db, "active.procurement.projects", lambda v: v >= 9)
    return num(len(reps)), cite


@case(22)
def _(db, q):
    reps, cite = filt(db, "active.procurement.projects", lambda v: v > 9)
    return lst([r.agency for r in reps]), cite


@case(23)
def _(db, q):
    reps, cite = filt(db, "active.procurement.amount", lambda v: 70000 <= v <= 110000)
    return lst([r.agency for r in reps]), cite


@case(24)
def _(db, q): return num(q.get(db.report(A, 2020), "active.procurement.amount"), "yuan")


@case(25)
def _(db, q):
    reps = [r for r in db.all() if r.agency.endswith("统计局") and r.agency != C]
    return num(r2(sum(q.get(r, "active.procurement.amount") for r in reps)), "yuan")


@case(26)
def _(db, q):
    reps, cite = filt(db, "requests.new.total", lambda v: v != 0, [r for r in db.all() if r.year == 2020])
    return num(len(reps)), cite


@case(27)
def _(db, q): return num(sum(q.get(r, "requests.new.total") for r in db.all() if r.province == "福建省"))


@case(28)
def _(db, q):
    return num(sum(q.get(r, "requests.new.total") for r in db.all()
                   if r.province == "浙江省" and r.agency.endswith("统计局")))


@case(29)
def _(db, q): return yn(q.get(db.report(D, 2020), "requests.new.total") == 5)
@case(30)
def _(db, q): return yn(q.get(db.report(B, 2020), "active.penalty.decisions") > q.get(db.report(C, 2019), "active.penalty.decisions"))


@case(31)
def _(db, q):
    r = hz(db, 2024)
    return yn(q.get(r, "requests.unavailable_not_held.total") > q.get(r, "requests.granted.total"))


@case(32)
def _(db, q): return lst([q.get(db.report(A, 2020), "active.penalty.prev_items"), q.get(db.report(E, 2020), "active.penalty.prev_items")], True)
@case(33)
def _(db, q): return num(q.get(db.report(B, 2020), "active.penalty.decisions"))
@case(34)
def _(db, q): return num(q.get(db.report(C, 2019), "active.rules.published"))
@case(35)
def _(db, q): return num(q.get(hz(db, 2023), "requests.new.total"))
@case(36)
def _(db, q): return num(q.get(db.report(B, 2020), "active.procurement.amount"), "yuan")
@case(37)
def _(db, q): return num(q.get(db.report(D, 2020), "active.procurement.projects"))
@case(38)
def _(db, q): return num(q.get(hz(db, 2024 - 1), "active.licensing.decisions"))
@case(39)
def _(db, q): return num(q.get(hz(db, 2023 + 1), "requests.carried_in.total"))
@case(40)
def _(db, q): return num(q.get(hz(db, 2023), "requests.partial.total"))

# --- metadata: no cites
@case(41)
def _(db, q): return lst([db.one(C).city]), []
@case(42)
def _(db, q): return num(len(db.all())), []
@case(43)
def _(db, q): return lst(sorted({r.year for r in db.all() if r.agency == HZ})), []
@case(44)
def _(db, q): return lst(sorted({r.year for r in db.all()})), []


@case(45)
def _(db, q):
    dated = sorted((r.published, r.agency) for r in db.all() if r.published)
    return agency(dated[0][1]), []


@case(46)
def _(db, q): return yn(db.report(D, 2020).published == "2021-01-15"), []
@case(47)
def _(db, q): return num(sum(1 for r in db.all() if r.template == "2019")), []
@case(48)
def _(db, q): return yn(hz(db, 2023).template == "2021"), []


@case(49)
def _(db, q):
    return lst(sorted({r.agency for r in db.all() if r.province in ("河南省", "江苏省")})), []


@case(50)
def _(db, q):
    g = sorted({r.agency for r in db.all() if r.kind == "government"})
    if len(g) != 1:
        raise Unusable("not exactly one government")
    return agency(g[0]), []

# --- passages: the section of the anchor sentence, cite the bare file
PASSAGES = {51: (E, "公开意识及内容需要进一步深化"), 52: (A, "广度和深度有待进一步提高"),
            53: (C, "落实以下改进措施"), 54: (D, "疫情防控工作需要收集的个人信息"),
            55: (C, "统计开放日五乡镇四安村广场普法宣传"), 56: (B, "强化组织保障"),
            57: (E, "与目标考核相结合"), 58: (B, "存在以下两个方面的不足"), 61: (D, "四是加强平台建设")}


def _passage_case(n, ag, anchor):
    @case(n)
    def _(db, q):
        rep = db.one(ag)
        return passages(db, rep, anchor), [rep.file]


for _n, (_ag, _anchor) in PASSAGES.items():
    _passage_case(_n, _ag, _anchor)


def keyword_bureaus(db, word):
    hits = []
    for r in db.all():
        if not r.agency.endswith("统计局"):
            continue
        if any(word in line for line in db.text(r)):
            hits.append(r)
    return lst([r.agency for r in hits]), [r.file for r in hits]


@case(59)
def _(db, q): return keyword_bureaus(db, "培训")
@case(60)
def _(db, q): return keyword_bureaus(db, "统计开放日")


@case(62)
def _(db, q):
    r = db.report(C, 2019)
    n = db.narrative(r, "罚款总额")
    return num(n["value"], "yuan"), [r.file]


@case(63)
def _(db, q):
    r = hz(db, 2024)
    return num(db.narrative(r, "主动发布各类政府信息")["value"]), [r.file]


@case(64)
def _(db, q):
    years, cite = [], []
    for r in sorted((r for r in db.all() if r.agency == HZ), key=lambda r: r.year):
        if r.rule_status["R4"] == "fail":
            years.append(r.year)
            cite += sorted(f"{r.file}#{k}" for k in r.failed_cells if k.startswith("review."))
    return lst(years), cite


@case(65)
def _(db, q):
    r = hz(db, 2024)
    n = db.narrative(r, "受理政府信息公开申请")
    cell = n.get("cell") or (n.get("cells") or [None])[0]
    v = q.get(r, cell)
    return yn(n["value"] == v), q.cells + [r.file]


@case(66)
def _(db, q):
    reps = [r for r in db.all() if (r.cell("active.procurement.amount") or {}).get("unit_assumed")]
    return lst([r.agency for r in reps]), [f"{r.file}#active.procurement.amount" for r in reps]


@case(67)
def _(db, q):
    r = db.report(E, 2020)
    q.get(r, "active.procurement.amount")
    return yn(bool(r.cell("active.procurement.amount").get("unit_assumed")))


@case(68)
def _(db, q):
    r = db.report(B, 2020)
    g = lambda k: q.get(r, f"requests.{k}.total")
    return yn(g("new") + g("carried_in") == g("handled") + g("carried_out"))


def r4_group(q, r, g):
    parts = sum(q.raw(r, f"review.{g}.{p}") for p in REVIEW_PARTS)
    return yn(parts == q.raw(r, f"review.{g}.total"))


@case(69)
def _(db, q): return r4_group(q, hz(db, 2023), "lawsuit_after_review")
@case(70)
def _(db, q): return r4_group(q, hz(db, 2024), "lawsuit_direct")

# --- refusals (each raises Unusable)
@case(71)
def _(db, q): return num(q.get(hz(db, 2023), "review.reconsideration.total"))
@case(72)
def _(db, q): return num(q.get(hz(db, 2023), "review.lawsuit_after_review.upheld"))
@case(73)
def _(db, q): return num(q.get(db.report(A, 2020), "requests.unavailable_not_held.total"))
@case(74)
def _(db, q): return num(q.get(db.report(D, 2020), "requests.carried_out.total"))
@case(75)
def _(db, q): return num(q.get(hz(db, 2024), "active.procurement.amount"), "yuan")
@case(76)
def _(db, q): return num(q.get(db.report(B, 2020), "active.fees.amount"), "yuan")
@case(77)
def _(db, q): return num(q.get(db.report("南京市鼓楼区统计局", 2020), "requests.new.total"))
@case(78)
def _(db, q): return num(q.get(db.report(E, 2021), "active.penalty.decisions"))
@case(79)
def _(db, q): return num(q.get(db.report(C, 2019), "staff.headcount.total"))  # no such table: topic absent
@case(80)
def _(db, q): return num(q.get(hz(db, 2022), "active.licensing.decisions"))
@case(81)
def _(db, q): return num(sum(q.get(db.report(D, 2020), f"requests.{x}.total") for x in DECLINED))
@case(82)
def _(db, q):
    r = hz(db, 2024)
    return num(r2(q.get(r, "active.procurement.amount") / q.get(r, "active.procurement.projects")), "yuan")


@case(83)
def _(db, q):
    r = db.report(D, 2020)
    g = lambda k: q.get(r, f"requests.{k}.total")
    return yn(g("new") + g("carried_in") == g("handled") + g("carried_out"))


@case(84)
def _(db, q): return num(q.get(hz(db, 2023), "review.reconsideration.corrected"))

# --- follow-ups
@case(85)
def _(db, q):
    reps, _c = top(db, "active.procurement.projects", db.all())
    return num(q.get(reps[0], "active.procurement.amount"), "yuan")


@case(86)
def _(db, q): return num(r2(abs(q.get(db.report(A, 2020), "active.procurement.amount") - q.get(db.report(D, 2020), "active.procurement.amount"))), "yuan")
@case(87)
def _(db, q): return num(q.get(hz(db, 2023), "active.penalty.decisions") + q.get(hz(db, 2024), "active.penalty.decisions"))


@case(88)
def _(db, q):
    reps, _c = top(db, "requests.new.total", [r for r in db.all() if r.year == 2020])
    return num(q.get(reps[0], "requests.granted.total"))


@case(89)
def _(db, q):
    pair = [db.report(A, 2020), db.report(E, 2020)]
    reps, _c = top(db, "active.procurement.projects", pair)
    other = [r for r in pair if r is not reps[0]][0]
    return num(q.get(other, "active.procurement.amount"), "yuan")


@case(90)
def _(db, q): return num(sum(q.get(r, "active.penalty.decisions") for r in db.all() if r.province == "浙江省"))
@case(91)
def _(db, q): return num(q.get(hz(db, 2024), "requests.partial.total"))


@case(92)
def _(db, q):
    reps = [r for r in db.all() if Q(db).try_get(r, "requests.new.total") is not None
            and Q(db).try_get(r, "requests.new.total") <= 1]
    total = 0
    for r in reps:
        q.get(r, "requests.new.total")
        total += q.get(r, "active.procurement.projects")
    return num(total)


@case(93)
def _(db, q):
    per = {}
    for r in (db.report(B, 2020), db.report(C, 2019)):
        per[r.agency] = q.get(r, "active.procurement.amount") / q.get(r, "active.procurement.projects")
    return agency(max(per, key=per.get))


@case(94)
def _(db, q):
    r = hz(db, 2024)
    return num(pct(q.get(r, "requests.granted.total") + q.get(r, "requests.partial.total"), q.get(r, "requests.new.total")), "percent")


@case(95)
def _(db, q):
    (r,) = [r for r in db.all() if r.province == "河南省"]
    return num(q.get(r, "active.other_services.prev_items"))


@case(96)
def _(db, q): return num(q.get(db.report(E, 2020), "active.penalty.prev_items"))


@case(97)
def _(db, q):
    vals = [q.get(r, "requests.new.total") for r in db.all() if r.year in (2019, 2020)]
    return num(r2(sum(vals) / len(vals)))


@case(98)
def _(db, q): return num(r2(statistics.median([q.get(r, "active.penalty.decisions") for r in db.all()])))


@case(99)
def _(db, q):
    reps, cite = filt(db, "active.penalty.decisions", lambda v: v == 0)
    return num(len(reps)), cite


@case(100)
def _(db, q):
    reps, cite = filt(db, "active.penalty.prev_items", lambda v: v >= 10)
    return lst([r.agency for r in reps]), cite


@case(101)
def _(db, q):
    reps, cite = filt(db, "active.penalty.change", lambda v: v != 0)
    if len(reps) != 1:
        raise Unusable("not exactly one")
    return agency(reps[0].agency), cite


@case(102)
def _(db, q): return num(q.get(hz(db, 2024), "active.normative.in_force"))
@case(103)
def _(db, q): return num(q.get(hz(db, 2023), "active.normative.repealed"))
@case(104)
def _(db, q): return num(q.get(hz(db, 2023), "active.normative.issued") + q.get(hz(db, 2024), "active.normative.issued"))


@case(105)
def _(db, q):
    r = hz(db, 2023)
    w = sum(q.get(r, f"requests.{x}.total") for x in WITHHELD)
    return num(pct(w, q.get(r, "requests.handled.total")), "percent")


@case(106)
def _(db, q): return num(sum(q.get(hz(db, 2024), f"requests.{x}.total") for x in UNAVAILABLE))
@case(107)
def _(db, q): return num(sum(q.get(hz(db, 2024), f"requests.{x}.total") for x in DECLINED))


@case(108)
def _(db, q):
    r = db.report(C, 2000 + 19)
    return num(pct(q.get(r, "requests.granted.total"), q.get(r, "requests.new.total")), "percent")


@case(109)
def _(db, q):
    r = db.report(B, 2020)
    return num(pct(q.get(r, "requests.partial.total"), q.get(r, "requests.handled.total")), "percent")


@case(110)
def _(db, q):
    v = q.get(db.report(C, 2019), "active.procurement.amount")
    return yn(470000 <= v < 480000)


@case(111)
def _(db, q):
    reps, cite = top(db, "active.procurement.amount", [r for r in db.all() if r.year == 2020])
    return agency(reps[0].agency), cite


@case(112)
def _(db, q):
    reps, _c = top(db, "active.procurement.amount", [r for r in db.all() if r.year == 2020], 2)
    return agency(reps[1].agency), [f"{reps[1].file}#active.procurement.amount"]


@case(113)
def _(db, q):
    hi, c1 = top(db, "active.procurement.amount", db.all(), 1)
    lo, c2 = top(db, "active.procurement.amount", db.all(), 1, reverse=False)
    v = Q(db).get(hi[0], "active.procurement.amount") - Q(db).get(lo[0], "active.procurement.amount")
    return num(r2(v), "yuan"), c1 + c2


@case(114)
def _(db, q): return num(sum(q.get(hz(db, 2024), f"review.{g}.total") for g in REVIEW_GROUPS))
@case(115)
def _(db, q): return num(q.get(hz(db, 2024), "review.reconsideration.upheld"))
@case(116)
def _(db, q): return num(q.get(hz(db, 2023), "review.lawsuit_direct.total"))


@case(117)
def _(db, q):
    vals = [q.get(r, "review.reconsideration.total") for r in db.all() if r.year in (2019, 2020)]
    return yn(any(v > 0 for v in vals))


@case(118)
def _(db, q): return yn(q.get(db.report(E, 2020), "requests.new.total") == 0)


@case(119)
def _(db, q):
    r = db.report(E, 2020)
    return num(r2(q.get(r, "active.procurement.amount") / q.get(r, "active.procurement.projects")), "yuan")


@case(120)
def _(db, q): return num(r2(q.get(hz(db, 2023), "active.fees.amount") - q.get(hz(db, 2024), "active.fees.amount")), "yuan")


# ----------------------------------------------------------------------------- comparison
def compute(db: DB, cid: str):
    q = Q(db)
    try:
        out = CASES[cid](db, q)
    except Unusable as e:
        return {"kind": "unanswerable", "why": str(e)}, []
    if isinstance(out, tuple):
        exp, cite = out
    else:
        exp, cite = out, list(q.cells)
    return exp, cite


def derived_tags(db: DB, cite: list[str]) -> set[str]:
    tags = set()
    years, agencies = set(), set()
    for c in cite:
        if "#" not in c:
            continue
        f, _, key = c.partition("#")
        rep = db.reps[f]
        cell = rep.cell(key) or {}
        if cell.get("unit_assumed"):
            tags.add("guessed_unit")
        years.add(rep.year)
        agencies.add(rep.agency)
    if len(years) > 1 and len(agencies) > 1:
        tags.add("mixed_years")
    return tags


def same_num(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
        and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def compare(exp: dict, got: dict) -> list[str]:
    errs = []
    if exp.get("kind") != got["kind"]:
        return [f"kind {exp.get('kind')} != recomputed {got['kind']} ({got.get('why', '')})"]
    k = got["kind"]
    if k == "number":
        if not same_num(exp.get("value"), got["value"]):
            errs.append(f"value {exp.get('value')} != {got['value']}")
        if exp.get("unit") != got["unit"]:
            errs.append(f"unit {exp.get('unit')} != {got['unit']}")
    elif k in ("agency", "boolean"):
        if exp.get("value") != got["value"] or type(exp.get("value")) is not type(got["value"]):
            errs.append(f"value {exp.get('value')!r} != {got['value']!r}")
    elif k == "list":
        ev, gv = exp.get("values"), got["values"]
        if exp.get("ordered") != got["ordered"]:
            errs.append(f"ordered {exp.get('ordered')} != {got['ordered']}")
        norm = lambda xs: [json.dumps(x, ensure_ascii=False) for x in xs]
        if got["ordered"]:
            ok = len(ev) == len(gv) and all((same_num(a, b) if not isinstance(b, str) else a == b) for a, b in zip(ev, gv))
        else:
            ok = sorted(norm(ev)) == sorted(norm(gv))
        if not ok:
            errs.append(f"values {ev} != {gv}")
    elif k == "passages":
        if sorted(exp.get("files", [])) != sorted(got["files"]):
            errs.append(f"files {exp.get('files')} != {got['files']}")
        if sorted(exp.get("sections", [])) != sorted(got["sections"]):
            errs.append(f"sections {exp.get('sections')} != {got['sections']}")
    return errs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--jsonl", type=Path, default=HERE / "qa_holdout25.jsonl")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "fixtures" / "gold")
    ap.add_argument("--samples", type=Path, default=ROOT / "data" / "samples")
    args = ap.parse_args(argv)

    try:
        db = DB(load(args.gold), args.samples)
    except GoldCheckMismatch as e:
        print(f"PROBLEM: {e}")
        print("SUMMARY: 0/120 cases match; the R1-R4 evaluation disagrees with the gold checks")
        return 1
    lines = [l for l in args.jsonl.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    problems_global = []
    ids = [c["id"] for c in cases]
    want_ids = [f"h25-{i:03d}" for i in range(1, 121)]
    if ids != want_ids:
        problems_global.append("ids are not exactly h25-001 .. h25-120 in order")
    langs = {"zh": 0, "en": 0}
    ok = 0
    kinds = {}
    for c in cases:
        errs = []
        cid = c["id"]
        lang = [t for t in c.get("tags", []) if t in ("zh", "en")]
        if len(lang) != 1:
            errs.append(f"language tags {lang}")
        else:
            langs[lang[0]] += 1
        if cid not in CASES:
            errs.append("no reference computation")
            print(f"MISMATCH {cid}: " + "; ".join(errs))
            continue
        got, cite = compute(db, cid)
        kinds[got["kind"]] = kinds.get(got["kind"], 0) + 1
        errs += compare(c.get("expect", {}), got)
        exp_cite = c.get("cite", [])
        if len(set(exp_cite)) != len(exp_cite):
            errs.append("duplicate cites")
        if set(exp_cite) != set(cite):
            missing = sorted(set(cite) - set(exp_cite))
            extra = sorted(set(exp_cite) - set(cite))
            errs.append(f"cite differs: missing {missing} extra {extra}")
        want_tags = derived_tags(db, cite)
        for t in ("guessed_unit", "mixed_years"):
            if (t in want_tags) != (t in c.get("tags", [])):
                errs.append(f"tag {t}: expected {'present' if t in want_tags else 'absent'}")
        if args.verbose:
            shown = {k: v for k, v in got.items() if k != "kind"}
            print(f"{cid} [{got['kind']}] {json.dumps(shown, ensure_ascii=False)} cite={cite} "
                  f"tags+={sorted(want_tags)}")
        if errs:
            print(f"MISMATCH {cid}: " + "; ".join(errs))
        else:
            ok += 1
    if langs != {"zh": 60, "en": 60}:
        problems_global.append(f"language split {langs}, want 60/60")
    for p in problems_global:
        print("PROBLEM:", p)
    checks = ", ".join(f"{r.file} R1-R4 {'/'.join(r.rule_status[k] for k in ('R1', 'R2', 'R3', 'R4'))}"
                       for r in db.all())
    print(f"SUMMARY: {ok}/{len(cases)} cases match; kinds {dict(sorted(kinds.items()))}; "
          f"zh {langs['zh']} / en {langs['en']}; gold checks agree ({checks})")
    return 0 if ok == len(cases) == 120 and not problems_global else 1


if __name__ == "__main__":
    sys.exit(main())
