#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout35.jsonl, recomputed from the hand-checked gold facts.

Stdlib only. Run from the repository root (or anywhere):

    python3 eval/qa_holdout35_reference.py        # mismatches + SUMMARY, exit 0 only when 120/120 match
    python3 eval/qa_holdout35_reference.py -v     # also print every recomputed answer

Sources: tests/fixtures/gold/*.json (cells, states, units, metadata, narrative figures, balance checks)
and data/samples/*.txt (passage cases: the section a keyword occurs in). Nothing else is read.

Conventions enforced here (see eval/QA_HOLDOUT35.md):
- only cells in state "number" are values; blank / absent / unreadable cells raise Unusable;
- a cell that takes part in a failed R1-R4 equation (recomputed here from the facts) raises Unusable,
  unless the case is about that failure (`about_failure=True`);
- money in yuan, percent in percent points;
- cite = every cell used ("file#table.row.col"); narrative figures, passages and metadata cite the bare file;
- tag guessed_unit iff a cited cell carries unit_assumed; tag mixed_years iff cited reports span >1 report year;
- agency_kind missing (Hongze PDFs) is inferred from the name (人民政府 -> government).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout35.jsonl"

A, B, C = "000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt"
D, E = "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt"
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
SAMPLE_FILES = (A, B, C, D, E)

# ----------------------------------------------------------------------------------------------------------
# gold loading
# ----------------------------------------------------------------------------------------------------------

def _load() -> dict[str, dict]:
    reps = {}
    for p in sorted(GOLD.glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        name = Path(g["file"]).name
        if not g.get("agency_kind"):
            ag = g["agency"]
            g["agency_kind"] = ("government" if ("人民政府" in ag or "办公厅" in ag) and not ag.endswith(("街道办事处", "局"))
                                else "street_office" if ("街道" in ag or "乡" in ag or "镇" in ag)
                                else "department")
            g["agency_kind_inferred"] = True
        reps[name] = g
    return reps


REP = _load()
YEAR = {f: r["year"] for f, r in REP.items()}
AGENCY = {f: r["agency"] for f, r in REP.items()}

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
OUTCOME_ROWS = (["granted", "partial"]
                + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query")]
                + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
                + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
                + ["other", "other_no_correction", "other_no_fee", "other_misc"])
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
UNAVAIL = [r for r in OUTCOME_ROWS if r.startswith("unavailable_")]


def _num(f: str, key: str):
    fact = REP[f]["facts"].get(key)
    return fact["value"] if fact and fact["state"] == "number" else None


def _state(f: str, key: str) -> str:
    fact = REP[f]["facts"].get(key)
    return fact["state"] if fact else "absent"


def _failed_cells() -> dict[str, set]:
    """Recompute R1-R4 over the printed cells; return, per report, the cells of every failed equation."""
    out: dict[str, set] = {}
    for f in REP:
        bad: set = set()

        def check(keys_left, keys_right):
            if any(_state(f, k) in ("blank", "unreadable") for k in keys_left + keys_right):
                return  # not checkable
            left = [k for k in keys_left if _state(f, k) == "number"]
            right = [k for k in keys_right if _state(f, k) == "number"]
            if not left or not right:
                return
            if abs(sum(_num(f, k) for k in left) - sum(_num(f, k) for k in right)) > 1e-9:
                bad.update(left + right)

        for col in COLS + ["total"]:
            check([f"requests.new.{col}", f"requests.carried_in.{col}"], [f"requests.handled.{col}", f"requests.carried_out.{col}"])  # R1
            check([f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in OUTCOME_ROWS])  # R2
        for row in ["new", "carried_in", "handled", "carried_out"] + OUTCOME_ROWS:
            check([f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS])  # R3
        for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
            check([f"review.{g}.total"], [f"review.{g}.{x}" for x in ("upheld", "corrected", "other", "pending")])  # R4
        out[f] = bad
    return out


FAILED = _failed_cells()


def _selfcheck_failures() -> list[str]:
    """The recomputed failures must agree with the gold's own check verdicts."""
    probs = []
    for f, r in REP.items():
        gold_fail = any(str(v).startswith("fail") for v in r["checks"].values())
        if gold_fail != bool(FAILED[f]):
            probs.append(f"{f}: gold checks {r['checks']} vs recomputed failed cells {sorted(FAILED[f])}")
    return probs


# ----------------------------------------------------------------------------------------------------------
# evaluation context
# ----------------------------------------------------------------------------------------------------------

class Unusable(Exception):
    """The data cannot answer: blank/absent/unreadable cell, failed balance cell, missing report or concept."""


class Ctx:
    def __init__(self):
        self.cite: list[str] = []

    def _add(self, c: str):
        if c not in self.cite:
            self.cite.append(c)

    def v(self, f: str, key: str, about_failure: bool = False) -> float:
        """A usable number cell (cited)."""
        st = _state(f, key)
        if st != "number":
            raise Unusable(f"{f}#{key} is {st}")
        if key in FAILED[f] and not about_failure:
            raise Unusable(f"{f}#{key} takes part in a failed balance equation")
        self._add(f"{f}#{key}")
        return _num(f, key)

    def cell(self, f: str, key: str) -> dict:
        """Any cell, whatever its state (for data-quality questions about the cell itself); cited."""
        self._add(f"{f}#{key}")
        return REP[f]["facts"][key]

    def meta(self, f: str, field: str):
        self._add(f)
        return REP[f].get(field)

    def narr(self, f: str, pattern: str) -> float:
        """A narrative figure whose text matches `pattern` (cites the bare file)."""
        hits = [n for n in REP[f].get("narrative_numbers", []) if re.search(pattern, n["text"])]
        if len(hits) != 1:
            raise AssertionError(f"{f}: narrative pattern {pattern!r} matched {len(hits)} figures")
        self._add(f)
        return hits[0]["value"]

    def bare(self, f: str):
        self._add(f)


def reports(**flt) -> list[str]:
    out = []
    for f, r in sorted(REP.items()):
        if all((r.get(k) in v) if isinstance(v, (set, tuple, list)) else r.get(k) == v for k, v in flt.items()):
            out.append(f)
    return out


def has_block(f: str, key: str) -> bool:
    return _state(f, key) != "absent"


def is_bureau(f: str) -> bool:
    return AGENCY[f].endswith("统计局")


def pct(a, b):
    return 100.0 * a / b


# kinds -----------------------------------------------------------------------------------------------------

def number(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def agency(f):
    return {"kind": "agency", "value": AGENCY[f]}


def lst(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def unanswerable():
    return {"kind": "unanswerable"}


# passages: split a sample text into its six canonical sections ------------------------------------------

_SEC_KW = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
_ORDER = "一二三四五六"


def sections_of(fname: str) -> dict[str, list[str]]:
    lines = (SAMPLES / fname).read_text(encoding="utf-8").splitlines()
    out: dict[str, list[str]] = {}
    cur, nxt = None, 0
    for line in lines:
        s = re.sub(r"[#*\s]", "", line)
        if nxt < 6:
            n = _ORDER[nxt]
            if s.startswith(n + "、") and _SEC_KW[n] in s:
                cur, nxt = n, nxt + 1
                out[cur] = []
                continue
        if cur:
            out[cur].append(line)
    return out


SECTIONS = {f: sections_of(f) for f in SAMPLE_FILES}


def passages(ctx: Ctx, pattern: str, scope=SAMPLE_FILES, secs=_ORDER):
    files, found = [], set()
    for f in scope:
        for s in secs:
            if any(re.search(pattern, l) for l in SECTIONS[f].get(s, [])):
                found.add(s)
                if f not in files:
                    files.append(f)
    for f in files:
        ctx.bare(f)
    return {"kind": "passages", "files": files, "sections": [s for s in _ORDER if s in found]}


# ----------------------------------------------------------------------------------------------------------
# the 120 recomputations (one function per case id)
# ----------------------------------------------------------------------------------------------------------

R = {}


def case(n):
    def deco(fn):
        R[f"h35-{n:03d}"] = fn
        return fn
    return deco


def blank_cells(ctx, files):
    n = 0
    for f in files:
        for k, fact in REP[f]["facts"].items():
            if fact["state"] == "blank":
                ctx.cell(f, k)
                n += 1
    return n


def r4_gap(ctx, f, g):
    parts = sum(ctx.v(f, f"review.{g}.{x}", about_failure=True) for x in ("upheld", "corrected", "other", "pending"))
    return parts - ctx.v(f, f"review.{g}.total", about_failure=True)


def failing_groups(f):
    return [g for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review") if f"review.{g}.total" in FAILED[f]]


def procurement_reports():
    return [f for f in sorted(REP) if has_block(f, "active.procurement.amount")]


def rank(ctx, files, key, reverse=True, fn=None):
    vals = [(fn(ctx, f) if fn else ctx.v(f, key), f) for f in files]
    return sorted(vals, key=lambda t: t[0], reverse=reverse)


# --- data-quality auditor ---
@case(1)
def _(ctx): return number(blank_cells(ctx, [D]))
@case(2)
def _(ctx): return number(blank_cells(ctx, sorted(REP)))
@case(3)
def _(ctx):
    hits = []
    for f in sorted(REP):
        for k, fact in REP[f]["facts"].items():
            if fact.get("unit_assumed") and k.startswith("active.procurement"):
                ctx.cell(f, k); hits.append(AGENCY[f])
    return lst(hits)
@case(4)
def _(ctx):
    gaps = [r4_gap(ctx, H3, g) for g in failing_groups(H3)]
    return boolean(all(abs(x) < 1e-9 for x in gaps) and not gaps)
@case(5)
def _(ctx): return number(r4_gap(ctx, H3, "reconsideration"))
@case(6)
def _(ctx): return number(sum(r4_gap(ctx, H3, g) for g in failing_groups(H3)))
@case(7)
def _(ctx): return number(ctx.v(H4, "requests.new.total") - ctx.narr(H4, "受理政府信息公开申请"))
@case(8)
def _(ctx): return boolean(ctx.narr(H4, "受理政府信息公开申请") == ctx.v(H4, "requests.new.total"))
@case(9)
def _(ctx):
    names = []
    for f in sorted(REP):
        if any(fa["state"] == "blank" for fa in REP[f]["facts"].values()):
            blank_cells(ctx, [f]); names.append(AGENCY[f])
    return lst(names)
@case(10)
def _(ctx):
    counts = {f: sum(fa["state"] == "blank" for fa in REP[f]["facts"].values()) for f in REP}
    blank_cells(ctx, sorted(REP))
    return agency(max(counts, key=counts.get))
@case(11)
def _(ctx):
    n = 0
    for f in sorted(REP):
        for k, fact in REP[f]["facts"].items():
            if fact.get("unit_assumed"):
                ctx.cell(f, k); n += 1
    return number(n)
@case(12)
def _(ctx): return boolean(ctx.narr(C, "立案查处") == ctx.v(C, "active.penalty.decisions"))
@case(13)
def _(ctx):
    l = ctx.v(H4, "requests.new.total") + ctx.v(H4, "requests.carried_in.total")
    r = ctx.v(H4, "requests.handled.total") + ctx.v(H4, "requests.carried_out.total")
    return boolean(l == r)
@case(14)
def _(ctx):
    a, b = ctx.narr(A, "主动公开信息5条"), ctx.narr(A, "各类信息 142")
    return number(max(a, b) - min(a, b))
@case(15)
def _(ctx):
    fact = ctx.cell(B, "active.procurement.amount")
    return boolean(bool(fact.get("unit_printed")) and not fact.get("unit_assumed"))
@case(16)
def _(ctx): return number(ctx.v(A, "requests.unavailable_not_held.total"))
@case(17)
def _(ctx): return number(ctx.v(H3, "review.reconsideration.total"))
@case(18)
def _(ctx): return number(ctx.v(H3, "review.lawsuit_after_review.upheld"))


# --- Taiwanese user ---
@case(19)
def _(ctx): return number(ctx.v(D, "requests.new.person"))
@case(20)
def _(ctx): return number(ctx.v(H4, "active.licensing.decisions"))
@case(21)
def _(ctx): return number(ctx.v(B, "active.procurement.amount") / ctx.v(B, "active.procurement.projects"), "yuan")
@case(22)
def _(ctx): return number(abs(ctx.v(B, "active.procurement.amount") - ctx.v(E, "active.procurement.amount")), "yuan")
@case(23)
def _(ctx): return number(ctx.v(H4, "requests.unavailable_not_held.total"))
@case(24)
def _(ctx): return number(ctx.v(H3, "requests.new.total") + ctx.v(H4, "requests.new.total"))
@case(25)
def _(ctx):
    fs = [f for f in procurement_reports() if YEAR[f] == 2020]
    tot = sum(ctx.v(f, "active.procurement.amount") for f in fs)
    return number(pct(ctx.v(D, "active.procurement.amount"), tot), "percent")
@case(26)
def _(ctx): return number(ctx.v(C, "active.penalty.prev_items"))
@case(27)
def _(ctx): return number(ctx.narr(A, "主动公开信息5条"))
@case(28)
def _(ctx):
    ctx.v(H3, "active.fees.amount")  # the yuan figure exists ...
    raise Unusable("no exchange rate (NTD) in the data")  # ... but no conversion is possible
@case(29)
def _(ctx):
    if REP[E].get("published") is None:
        raise Unusable("published is null")
    return number(0)
@case(30)
def _(ctx): return agency(rank(ctx, procurement_reports(), "active.procurement.projects")[0][1])
@case(31)
def _(ctx): return agency(rank(ctx, [f for f in reports(province="福建省") if YEAR[f] == 2020], "requests.new.total")[0][1])
@case(32)
def _(ctx):
    out = []
    for f in sorted(REP):
        if REP[f].get("published"):
            ctx.meta(f, "published"); out.append(AGENCY[f])
    return lst(out)
@case(33)
def _(ctx): return boolean(ctx.narr(D, "受理依申请公开") == ctx.v(D, "requests.new.total"))
@case(34)
def _(ctx):
    ctx.bare(A)
    return boolean(all(str(v).startswith("pass") for v in REP[A]["checks"].values()) and not FAILED[A])
@case(35)
def _(ctx):
    fs = reports(year=2020)
    for f in fs: ctx.meta(f, "year")
    return number(len(fs))
@case(36)
def _(ctx): return passages(ctx, "改进措施", scope=[C], secs="五")
@case(37)
def _(ctx): return passages(ctx, "政务新媒体")
@case(38)
def _(ctx): return number(pct(ctx.v(H4, "requests.partial.total"), ctx.v(H4, "requests.handled.total")), "percent")


# --- English analyst, abbreviations ---
@case(39)
def _(ctx):
    a, b = ctx.v(H3, "requests.new.total"), ctx.v(H4, "requests.new.total")
    return number(pct(b - a, a), "percent")
@case(40)
def _(ctx): return number(ctx.v(H3, "active.penalty.decisions") - ctx.v(H4, "active.penalty.decisions"))
@case(41)
def _(ctx):
    a, b = ctx.v(H3, "active.fees.amount"), ctx.v(H4, "active.fees.amount")
    return number(pct(b - a, a), "percent")
@case(42)
def _(ctx): return number(pct(ctx.v(H4, "requests.granted.total"), ctx.v(H4, "requests.handled.total")), "percent")
@case(43)
def _(ctx): return number(pct(ctx.v(H3, "requests.unavailable_not_held.total"), ctx.v(H3, "requests.handled.total")), "percent")
@case(44)
def _(ctx): return number(ctx.v(C, "active.procurement.amount") / ctx.v(C, "active.procurement.projects"), "yuan")
@case(45)
def _(ctx): return number(sum(ctx.v(f, "active.procurement.amount") for f in procurement_reports() if YEAR[f] == 2020), "yuan")
@case(46)
def _(ctx): return number(sum(ctx.v(f, "active.procurement.projects") for f in procurement_reports()))
@case(47)
def _(ctx): return boolean(ctx.v(H4, "active.licensing.decisions") >= 10 * ctx.v(H3, "active.licensing.decisions"))
@case(48)
def _(ctx): return number(pct(ctx.v(H4, "active.coercion.decisions"), ctx.v(H3, "active.coercion.decisions")), "percent")
@case(49)
def _(ctx): return number(ctx.v(H4, "review.lawsuit_direct.total") + ctx.v(H4, "review.lawsuit_after_review.total"))
@case(50)
def _(ctx): return number(ctx.v(H4, "review.reconsideration.corrected"))
@case(51)
def _(ctx):
    s = sum(ctx.v(H4, f"requests.{r}.total") for r in UNAVAIL)
    return number(pct(s, ctx.v(H4, "requests.handled.total")), "percent")
@case(52)
def _(ctx): return number(ctx.v(H3, "active.licensing.decisions") + ctx.v(H4, "active.licensing.decisions"))
@case(53)
def _(ctx): return number(ctx.v(B, "active.penalty.prev_items"))
@case(54)
def _(ctx):
    s = sum(ctx.v(H4, f"requests.{r}.total") for r in WITHHELD)
    return number(pct(s, ctx.v(H4, "requests.handled.total")), "percent")
@case(55)
def _(ctx): return number(ctx.v(H4, "active.procurement.amount"), "yuan")
@case(56)
def _(ctx):
    if not any("days" in k or "time" in k for r in REP.values() for k in r["facts"]):
        raise Unusable("no response-time field")
    return number(0)
@case(57)
def _(ctx):
    avg = lambda c, f: c.v(f, "active.procurement.amount") / c.v(f, "active.procurement.projects")
    return agency(rank(ctx, procurement_reports(), None, reverse=False, fn=avg)[0][1])
@case(58)
def _(ctx): return number(ctx.v(H3, "active.penalty.decisions") + ctx.v(H4, "active.penalty.decisions"))
@case(59)
def _(ctx):
    for f in sorted(REP): ctx.meta(f, "agency")
    return number(len({AGENCY[f] for f in REP}))
@case(60)
def _(ctx):
    fs = [f for f in sorted(REP) if not REP[f].get("published")]
    for f in fs: ctx.meta(f, "published")
    return number(len(fs))


# --- forwarded email / long context ---
@case(61)
def _(ctx): return number(ctx.v(H4, "requests.granted.total"))
@case(62)
def _(ctx): return number(ctx.v(A, "active.procurement.amount"), "yuan")
@case(63)
def _(ctx): return number(ctx.v(E, "active.other_services.decisions"))
@case(64)
def _(ctx): return number(sum(ctx.v(f, "requests.new.total") for f in reports(province="浙江省")))
@case(65)
def _(ctx): return agency(rank(ctx, reports(province="浙江省"), "active.procurement.amount")[0][1])
@case(66)
def _(ctx): return passages(ctx, "改进", scope=[A], secs="五")
@case(67)
def _(ctx):
    if not [f for f in REP if AGENCY[f] == "温州市鹿城区统计局" and YEAR[f] == 2021]:
        raise Unusable("no 2021 report of 温州市鹿城区统计局")
    return number(0)
@case(68)
def _(ctx): return number(ctx.v(H4, "review.lawsuit_after_review.total"))
@case(69)
def _(ctx): return number(ctx.narr(H4, "主动发布各类政府信息") - ctx.narr(H3, "主动公开政府信息1136"))
@case(70)
def _(ctx): return number(ctx.v(D, "requests.unavailable_not_held.total"))
@case(71)
def _(ctx): return boolean(ctx.v(E, "requests.new.total") > 0)
@case(72)
def _(ctx):
    ctx.v(H4, "active.fees.amount")
    if not any("population" in str(r.keys()) for r in REP.values()):
        raise Unusable("no population figure")
    return number(0)


# --- reporter ---
@case(73)
def _(ctx):
    fs = [f for f in procurement_reports() if YEAR[f] == 2020]
    tot = sum(ctx.v(f, "active.procurement.amount") for f in fs)
    fj = sum(ctx.v(f, "active.procurement.amount") for f in fs if REP[f]["province"] == "福建省")
    return number(pct(fj, tot), "percent")
@case(74)
def _(ctx): return number(ctx.v(B, "active.procurement.projects") - ctx.v(D, "active.procurement.projects"))
@case(75)
def _(ctx):
    bureaus = [f for f in reports(year=2020) if is_bureau(f)]
    return number(ctx.v(D, "requests.new.total") - sum(ctx.v(f, "requests.new.total") for f in bureaus))
@case(76)
def _(ctx):
    tot = sum(ctx.v(f, "requests.new.total") for f in sorted(REP))
    return number(pct(ctx.v(H4, "requests.new.total"), tot), "percent")
@case(77)
def _(ctx):
    zj = sum(ctx.v(f, "active.penalty.decisions") for f in reports(province="浙江省"))
    fj = sum(ctx.v(f, "active.penalty.decisions") for f in reports(province="福建省"))
    return number(zj - fj)
@case(78)
def _(ctx): return number(pct(ctx.v(D, "requests.new.total"), ctx.v(H3, "requests.new.total")), "percent")
@case(79)
def _(ctx): return number(ctx.v(H4, "requests.new.total") - ctx.v(H3, "requests.new.total"))
@case(80)
def _(ctx): return agency(rank(ctx, [f for f in sorted(REP) if is_bureau(f)], "active.penalty.prev_items")[0][1])
@case(81)
def _(ctx): return agency(rank(ctx, reports(year=2020), "requests.partial.total")[0][1])
@case(82)
def _(ctx): return agency(rank(ctx, reports(year=2020), "requests.new.total")[0][1])
@case(83)
def _(ctx): return agency(rank(ctx, reports(template="2019"), "active.penalty.decisions")[0][1])
@case(84)
def _(ctx): return number(ctx.v(H3, "active.coercion.decisions") - ctx.v(E, "active.coercion.decisions"))
@case(85)
def _(ctx): return number(ctx.v(H4, "active.penalty.decisions") + ctx.v(H4, "active.licensing.decisions"))
@case(86)
def _(ctx): return number(ctx.v(H4, "active.licensing.decisions") - ctx.v(H4, "active.penalty.decisions"))
@case(87)
def _(ctx): return boolean(ctx.v(H4, "active.penalty.decisions") < ctx.v(H3, "active.penalty.decisions"))
@case(88)
def _(ctx):
    g, h = ctx.v(H4, "requests.granted.total"), ctx.v(H4, "requests.handled.total")
    return boolean(g > h - g)
@case(89)
def _(ctx):
    provs = []
    for f in sorted(REP):
        p = ctx.meta(f, "province")
        if p not in provs: provs.append(p)
    return lst(provs)
@case(90)
def _(ctx):
    fs = reports(province="浙江省")
    for f in fs: ctx.meta(f, "province")
    return lst([AGENCY[f] for f in fs])
@case(91)
def _(ctx):
    return lst([AGENCY[f] for f in reports(year=2020) if ctx.v(f, "requests.new.total") != 0])
@case(92)
def _(ctx):
    fs = reports(template="2021")
    for f in fs: ctx.meta(f, "template")
    return number(len(fs))
@case(93)
def _(ctx):
    fs = reports(agency_kind="department")
    for f in fs: ctx.meta(f, "agency_kind")
    return number(len({AGENCY[f] for f in fs}))
@case(94)
def _(ctx): return number(ctx.v(D, "requests.declined_duplicate.total"))


# --- passages ---
@case(95)
def _(ctx): return passages(ctx, "有待提高", scope=[D], secs="五")
@case(96)
def _(ctx): return passages(ctx, "加强|提升", scope=[B], secs="五")
@case(97)
def _(ctx): return passages(ctx, "培训")
@case(98)
def _(ctx): return passages(ctx, "没有其他需要报告", scope=[C], secs="六")
@case(99)
def _(ctx): return passages(ctx, "不足", scope=[E], secs="五")
@case(100)
def _(ctx): return passages(ctx, "新冠")
@case(101)
def _(ctx): return passages(ctx, "依申请公开", scope=[C], secs="一")
@case(102)
def _(ctx): return passages(ctx, "统计开放日")
@case(103)
def _(ctx): return passages(ctx, "五办两中心")
@case(104)
def _(ctx): return passages(ctx, "渠道", scope=[B], secs="一")


# --- chained follow-ups ---
@case(105)
def _(ctx): return number(ctx.v(H3, "active.penalty.decisions"))
@case(106)
def _(ctx): return number(ctx.v(H3, "active.coercion.decisions") + ctx.v(H4, "active.coercion.decisions"))
@case(107)
def _(ctx): return lst([AGENCY[f] for _, f in rank(ctx, procurement_reports(), "active.procurement.amount")], ordered=True)
@case(108)
def _(ctx):
    fs = [f for f in procurement_reports() if is_bureau(f) and YEAR[f] == 2020]
    return lst([AGENCY[f] for _, f in rank(ctx, fs, "active.procurement.amount")], ordered=True)
@case(109)
def _(ctx):
    ranked = rank(ctx, [f for f in sorted(REP) if is_bureau(f)], "active.penalty.decisions")
    return lst([AGENCY[f] for v, f in ranked if v != 0], ordered=True)
@case(110)
def _(ctx): return number(pct(ctx.v(D, "requests.granted.total"), ctx.v(D, "requests.new.total")), "percent")
@case(111)
def _(ctx): return number(ctx.v(H3, "active.fees.amount"), "yuan")
@case(112)
def _(ctx): return number(ctx.v(H4, "active.normative.in_force"))
@case(113)
def _(ctx): return number(pct(ctx.v(C, "requests.granted.total"), ctx.v(C, "requests.handled.total")), "percent")
@case(114)
def _(ctx): return number(ctx.v(E, "active.coercion.prev_items"))
@case(115)
def _(ctx): return number(sum(ctx.v(H4, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
@case(116)
def _(ctx): return number(ctx.v(H3, "review.reconsideration.total"))
@case(117)
def _(ctx):
    avg = lambda c, f: c.v(f, "active.procurement.amount") / c.v(f, "active.procurement.projects")
    return agency(rank(ctx, procurement_reports(), None, fn=avg)[0][1])
@case(118)
def _(ctx):
    fs = [f for f in reports(year=2020) if is_bureau(f)]
    return lst([AGENCY[f] for v, f in rank(ctx, fs, "active.penalty.prev_items") if v != 0], ordered=True)
@case(119)
def _(ctx): return number(ctx.v(H4, "requests.other_no_fee.total"))
@case(120)
def _(ctx):
    fs = [f for f in procurement_reports() if is_bureau(f) and YEAR[f] == 2020]
    return number(sum(ctx.v(f, "active.procurement.amount") for f in fs), "yuan")


# ----------------------------------------------------------------------------------------------------------
# recompute and compare
# ----------------------------------------------------------------------------------------------------------

def recompute(cid: str):
    ctx = Ctx()
    try:
        exp = R[cid](ctx)
        cite = ctx.cite
    except Unusable as why:
        exp = {"kind": "unanswerable", "why": str(why)}
        cite = []  # an unanswerable case expects no number, and no cells
    files = {c.partition("#")[0] for c in cite}
    guessed = any(REP[c.partition("#")[0]]["facts"][c.partition("#")[2]].get("unit_assumed") for c in cite if "#" in c)
    mixed = len({YEAR[f] for f in files}) > 1
    return exp, cite, guessed, mixed


def _same_number(a, b):
    return abs(float(a) - float(b)) <= max(1e-4, 1e-9 * abs(float(b)))  # JSONL values carry 4 decimals


def compare(case: dict, exp: dict, cite: list, guessed: bool, mixed: bool) -> list[str]:
    probs = []
    got = case["expect"]
    if got["kind"] != exp["kind"]:
        return [f"kind {got['kind']} != recomputed {exp['kind']} ({exp.get('why', '')})"]
    k = exp["kind"]
    if k == "number":
        if not _same_number(got["value"], exp["value"]):
            probs.append(f"value {got['value']} != {exp['value']}")
        if got["unit"] != exp["unit"]:
            probs.append(f"unit {got['unit']} != {exp['unit']}")
    elif k in ("agency", "boolean"):
        if got["value"] != exp["value"]:
            probs.append(f"value {got['value']!r} != {exp['value']!r}")
    elif k == "list":
        if bool(got.get("ordered", False)) != exp["ordered"]:
            probs.append(f"ordered {got.get('ordered')} != {exp['ordered']}")
        gv, ev = list(got["values"]), list(exp["values"])
        if (gv != ev) if exp["ordered"] else (sorted(map(str, gv)) != sorted(map(str, ev))):
            probs.append(f"values {gv} != {ev}")
    elif k == "passages":
        if sorted(got["files"]) != sorted(exp["files"]):
            probs.append(f"files {got['files']} != {exp['files']}")
        if sorted(got["sections"]) != sorted(exp["sections"]):
            probs.append(f"sections {got['sections']} != {exp['sections']}")
    elif k == "unanswerable":
        if not str(got.get("note", "")).strip():
            probs.append("unanswerable case without a note")
    if len(set(case.get("cite", []))) != len(case.get("cite", [])):
        probs.append("duplicate cites")
    if sorted(case.get("cite", [])) != sorted(cite):
        probs.append(f"cite {sorted(case.get('cite', []))} != {sorted(cite)}")
    tags = case.get("tags", [])
    if ("guessed_unit" in tags) != guessed:
        probs.append(f"guessed_unit tag {'present' if 'guessed_unit' in tags else 'missing'}, recomputed {guessed}")
    if ("mixed_years" in tags) != mixed:
        probs.append(f"mixed_years tag {'present' if 'mixed_years' in tags else 'missing'}, recomputed {mixed}")
    if sum(t in ("zh", "en") for t in tags) != 1:
        probs.append("exactly one of the language tags zh / en expected")
    return probs


def show(exp):
    e = dict(exp)
    if e["kind"] == "number" and isinstance(e["value"], float):
        e["value"] = round(e["value"], 4)
    return json.dumps(e, ensure_ascii=False)


def main(argv):
    verbose = "-v" in argv
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    problems = []
    for p in _selfcheck_failures():
        problems.append(("selfcheck", [p]))
    ids = [c["id"] for c in cases]
    want = [f"h35-{i:03d}" for i in range(1, 121)]
    if ids != want:
        problems.append(("ids", [f"ids are not h35-001..h35-120 in order ({len(ids)} cases)"]))
    langs = [next((t for t in c.get("tags", []) if t in ("zh", "en")), None) for c in cases]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        problems.append(("langs", [f"zh {langs.count('zh')} / en {langs.count('en')} (want 60/60)"]))
    ok = 0
    for c in cases:
        if c["id"] not in R:
            problems.append((c["id"], ["no reference computation"]))
            continue
        exp, cite, guessed, mixed = recompute(c["id"])
        p = compare(c, exp, cite, guessed, mixed)
        if verbose:
            flags = "".join([" [guessed_unit]" if guessed else "", " [mixed_years]" if mixed else ""])
            print(f"{c['id']}  {'OK ' if not p else 'BAD'} {show(exp)}  cite={cite}{flags}")
        if p:
            problems.append((c["id"], p))
        else:
            ok += 1
    for cid, ps in problems:
        for p in ps:
            print(f"MISMATCH {cid}: {p}")
    kinds = {}
    for c in cases:
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
    turns = sum(1 for c in cases if c.get("turns"))
    print(f"SUMMARY: {ok}/{len(cases)} cases match the gold recomputation "
          f"(zh {langs.count('zh')}, en {langs.count('en')}; multi-turn {turns}; "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")")
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
