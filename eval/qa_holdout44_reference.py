#!/usr/bin/env python3
"""Independent reference check for eval/qa_holdout44.jsonl (stdlib only).

Recomputes every case's expected answer, cite list and the guessed_unit / mixed_years tags from the
hand-checked gold JSON (tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt). Prints every mismatch and a SUMMARY line; exits 0 only when all 120 cases agree.

Conventions enforced here:
- a number may only come from a cell whose state is `number`;
- a cell of a section-四 group that fails R4 (or a section-三 row/column failing R1-R3) may only be
  used by cases tagged `data-quality` (questions about the failure itself);
- money is compared in yuan (the gold stores yuan; 万元 already converted);
- guessed_unit <=> some cited cell has an assumed unit (`unit_assumed` set);
- mixed_years <=> the cited table cells come from reports of more than one report year;
- cite lists are compared as sets (every cell used, nothing else).
"""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout44.jsonl"

# ---------------------------------------------------------------- gold reports
REPORTS: dict[str, dict] = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    REPORTS[Path(d["file"]).name] = d

A, B, C, D, E = (n for n in sorted(REPORTS) if n.endswith(".txt"))
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"


def agency(f):
    return REPORTS[f]["agency"]


def year(f):
    return REPORTS[f]["year"]


def agency_kind(f):
    d = REPORTS[f]
    if d.get("agency_kind"):
        return d["agency_kind"]
    name = d["agency"]  # Hongze gold has no agency_kind: it follows from the name
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    return "department"


COLS = ("person", "business", "research", "nonprofit", "legal", "other_org", "total")
OUTCOME_ROWS_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety",
                     "withheld_third_party", "withheld_internal", "withheld_process", "withheld_enforcement",
                     "withheld_query", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                     "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                     "declined_confirmation"]
WITHHELD = [r for r in OUTCOME_ROWS_2019 if r.startswith("withheld_")]


def fact(f, key):
    return REPORTS[f]["facts"].get(key)


def is_num(f, key):
    x = fact(f, key)
    return x is not None and x.get("state") == "number"


def failing_cells(f):
    """Cells that take part in a failing R1-R4 equation of report f (recomputed here)."""
    bad = set()
    # R4
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        keys = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
        if all(is_num(f, k) for k in keys):
            vals = [fact(f, k)["value"] for k in keys]
            if sum(vals[:4]) != vals[4]:
                bad.update(keys)
    # R1 per column
    for col in COLS:
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        if all(is_num(f, k) for k in keys):
            v = [fact(f, k)["value"] for k in keys]
            if v[0] + v[1] != v[2] + v[3]:
                bad.update(keys)
    # R2 per column
    other_rows = ["other"] if is_num(f, "requests.other.person") else ["other_no_correction", "other_no_fee", "other_misc"]
    for col in COLS:
        keys = [f"requests.{r}.{col}" for r in OUTCOME_ROWS_2019 + other_rows]
        if all(is_num(f, k) for k in keys) and is_num(f, f"requests.handled.{col}"):
            if sum(fact(f, k)["value"] for k in keys) != fact(f, f"requests.handled.{col}")["value"]:
                bad.update(keys + [f"requests.handled.{col}"])
    # R3 per row
    rows = {k.split(".")[1] for k in REPORTS[f]["facts"] if k.startswith("requests.")}
    for r in rows:
        keys = [f"requests.{r}.{c}" for c in COLS]
        if all(is_num(f, k) for k in keys):
            v = [fact(f, k)["value"] for k in keys]
            if sum(v[:6]) != v[6]:
                bad.update(keys)
    return bad


FAILING = {f: failing_cells(f) for f in REPORTS}
# sanity: our recomputation agrees with the gold's own check verdicts
for f, d in REPORTS.items():
    r4_fail = any(k.startswith("review.") for k in FAILING[f])
    assert r4_fail == str(d["checks"]["R4"]).startswith("fail"), f
    assert not any(k.startswith("requests.") for k in FAILING[f]), f


# ---------------------------------------------------------------- evaluation context
class Ctx:
    def __init__(self, dq=False):
        self.cites: list[str] = []
        self.dq = dq
        self.errors: list[str] = []

    def v(self, f, key):
        """The value of a number cell, recorded as cited."""
        x = fact(f, key)
        if x is None or x.get("state") != "number":
            self.errors.append(f"{f}#{key} is not a number cell ({None if x is None else x.get('state')})")
            return 0
        if key in FAILING[f] and not self.dq:
            self.errors.append(f"{f}#{key} belongs to a failing check; usable only in data-quality cases")
        self.cites.append(f"{f}#{key}")
        return x["value"]

    def file(self, *fs):
        self.cites.extend(fs)

    def must(self, cond, why):
        if not cond:
            self.errors.append(why)


def section_text(fname):
    """Section number -> text of a sample report, split at the six canonical headings."""
    lines = (SAMPLES / fname).read_text(encoding="utf-8", errors="replace").splitlines()
    head = re.compile(r"^[#*\s]*([一二三四五六])、\s*(总体情况|主动公开|收到和处理|政府信息公开行政|政府信息公开工作存在|存在|其他需要)")
    out: dict[str, list[str]] = {}
    cur = None
    for ln in lines:
        m = head.match(ln)
        if m:
            cur = m.group(1)
        if cur:
            out.setdefault(cur, []).append(ln)
    return {k: "\n".join(v) for k, v in out.items()}


def passage(ctx, pairs):
    """pairs: [(file, section, keyword)] - the keyword must appear in that section of that file."""
    files, secs = [], []
    for f, s, kw in pairs:
        ctx.must(kw in section_text(f).get(s, ""), f"keyword {kw!r} not in section {s} of {f}")
        if f not in files:
            files.append(f)
        if s not in secs:
            secs.append(s)
    ctx.file(*files)
    return {"kind": "passages", "files": files, "sections": secs}


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def agency_of_max(ctx, files, key):
    vals = {f: ctx.v(f, key) for f in files}
    best = max(vals.values())
    top = [f for f in files if vals[f] == best]
    ctx.must(len(top) == 1 or len({agency(f) for f in top}) == 1, f"tie at the top for {key}")
    return {"kind": "agency", "value": agency(top[0])}


def un(ctx, cond, why):
    ctx.must(cond, "unanswerable reason does not hold: " + why)
    return {"kind": "unanswerable"}


Y2020 = [f for f in REPORTS if year(f) == 2020]
BUREAUS_2020 = [f for f in Y2020 if agency(f).endswith("统计局")]
PROCUREMENT = [f for f in REPORTS if is_num(f, "active.procurement.amount")]
ALL = list(REPORTS)
NH = "淮安市洪泽区人民政府"


def grp(ctx, f, g):
    return [ctx.v(f, f"review.{g}.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]


# ---------------------------------------------------------------- specs (one per case)
S = {}
def spec(n, dq=False):
    def deco(fn):
        S[f"h44-{n:03d}"] = (fn, dq)
        return fn
    return deco

@spec(1)
def _(c): return num(c.v(H3, "active.coercion.decisions"))
@spec(2)
def _(c): return num(c.v(H4, "active.fees.amount"), "yuan")
@spec(3)
def _(c): return num(c.v(H3, "requests.new.total") + c.v(H4, "requests.new.total"))
@spec(4)
def _(c): return num(c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions"))
@spec(5)
def _(c): return num(sum(c.v(f, "active.procurement.amount") for f in BUREAUS_2020), "yuan")
@spec(6)
def _(c):
    vals = {f: c.v(f, "requests.new.total") for f in Y2020}
    return {"kind": "list", "values": [agency(f) for f in Y2020 if vals[f] > 0], "ordered": False}
@spec(7)
def _(c): return num(sum(c.v(H4, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
@spec(8)
def _(c):
    c.file(D); return {"kind": "boolean", "value": REPORTS[D]["published"] == "2021-01-15"}
@spec(9, dq=True)
def _(c):
    g = grp(c, H3, "reconsideration"); return num(abs(sum(g[:4]) - g[4]))
@spec(10)
def _(c): return un(c, fact(H3, "active.procurement.amount") is None and REPORTS[H3]["template"] == "2021", "no procurement block")
@spec(11)
def _(c):
    others = [f for f in Y2020 if f != B]
    return num(sum(c.v(f, "active.penalty.decisions") for f in others))
@spec(12)
def _(c): return num(c.v(H4, "requests.carried_in.total"))
@spec(13)
def _(c): return num(c.v(H4, "active.normative.in_force"))
@spec(14)
def _(c): return num(c.v(H3, "requests.withheld_process.total"))
@spec(15)
def _(c): return num(c.v(H3, "requests.unavailable_not_held.total") + c.v(H4, "requests.unavailable_not_held.total"))
@spec(16)
def _(c): return num(c.v(E, "active.penalty.prev_items"))
@spec(17)
def _(c): return agency_of_max(c, Y2020, "active.other_services.prev_items")
@spec(18)
def _(c): return num(c.v(B, "requests.partial.person"))
@spec(19)
def _(c): return num(c.v(H4, "requests.carried_out.total"))
@spec(20)
def _(c): return num(c.v(H3, "requests.handled.total"))
@spec(21)
def _(c): return num(c.v(D, "active.procurement.projects"))
@spec(22)
def _(c): return un(c, fact(H4, "requests.other_no_fee.total")["state"] == "absent", "sub-row absent")
@spec(23)
def _(c): return num(c.v(H3, "requests.declined_complaint.total") + c.v(H4, "requests.declined_complaint.total"))
@spec(24)
def _(c): return un(c, fact(D, "requests.carried_out.total")["state"] == "blank", "cell blank")
@spec(25, dq=True)
def _(c):
    g = grp(c, H4, "lawsuit_after_review"); return {"kind": "boolean", "value": sum(g[:4]) == g[4]}
@spec(26)
def _(c): return num(c.v(C, "active.procurement.amount"), "yuan")
@spec(27)
def _(c): return num(c.v(H4, "active.coercion.decisions"))
@spec(28)
def _(c): return agency_of_max(c, BUREAUS_2020, "active.penalty.decisions")
@spec(29)
def _(c): return num(c.v(D, "active.procurement.amount") / c.v(D, "active.procurement.projects"), "yuan")
@spec(30)
def _(c): return num(c.v(E, "active.procurement.amount"), "yuan")
@spec(31)
def _(c): return pct(c.v(H4, "requests.granted.total"), c.v(H4, "requests.handled.total"))
@spec(32)
def _(c): return num(sum(c.v(f, "active.procurement.projects") for f in Y2020 if f != B))
@spec(33)
def _(c):
    return {"kind": "boolean", "value": any(d["province"] in ("吉隆坡", "雪兰莪", "Selangor", "Kuala Lumpur") for d in REPORTS.values())}
@spec(34)
def _(c): return num(c.v(H3, "active.penalty.decisions") - c.v(H4, "active.penalty.decisions"))
@spec(35)
def _(c):
    n = [x for x in REPORTS[H4]["narrative_numbers"] if x.get("cell") == "requests.new.total"][0]
    c.must(n["value"] == 17 and n["agrees"] is False, "narrative 17 / disagreement not in gold")
    return num(c.v(H4, "requests.new.total"))
@spec(36)
def _(c): return {"kind": "boolean", "value": c.v(C, "requests.granted.total") == c.v(C, "requests.handled.total")}
@spec(37)
def _(c): return passage(c, [(C, "五", "存在主要问题")])
@spec(38)
def _(c): return passage(c, [(D, "一", "培训")])
@spec(39)
def _(c): return pct(c.v(H3, "requests.partial.total"), c.v(H3, "requests.handled.total"))
@spec(40)
def _(c): return num(c.v(E, "requests.new.total"))
@spec(41)
def _(c): return num(len({d["agency"] for d in REPORTS.values()}))
@spec(42)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["province"] == "福建省"]; c.file(*fs); return num(len(fs))
@spec(43)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["template"] == "2021"]; c.file(*fs); return num(len(fs))
@spec(44)
def _(c):
    vals = {f: c.v(f, "active.procurement.amount") for f in Y2020}
    return {"kind": "list", "values": [agency(f) for f in sorted(Y2020, key=lambda f: -vals[f])], "ordered": True}
@spec(45)
def _(c):
    top = max(Y2020, key=lambda f: fact(f, "active.procurement.amount")["value"])
    return num(sum(c.v(f, "active.procurement.amount") for f in Y2020 if f != top), "yuan")
@spec(46)
def _(c):
    return {"kind": "boolean", "value": c.v(B, "active.penalty.prev_items") + c.v(B, "active.penalty.change") == c.v(B, "active.penalty.decisions")}
@spec(47)
def _(c): return num(c.v(D, "requests.new.total") - c.v(A, "requests.new.total"))
@spec(48)
def _(c):
    hits = [f for f in SAMPLES_FILES if "第七次人口普查" in (SAMPLES / f).read_text(encoding="utf-8", errors="replace")]
    c.must(hits == [A], f"第七次人口普查 found in {hits}")
    return passage(c, [(A, "一", "第七次人口普查")])
@spec(49)
def _(c): return passage(c, [(B, "五", "三个方面")])
@spec(50)
def _(c): return un(c, not any("鼓楼区统计局" in d["agency"] and d["year"] == 2021 for d in REPORTS.values()), "no 2021 report")
@spec(51)
def _(c): return un(c, not any(d.get("city") == "南京市" for d in REPORTS.values()), "no Nanjing report")
@spec(52)
def _(c): return num(c.v(H4, "review.lawsuit_after_review.upheld"))
@spec(53)
def _(c):
    c.file(E); return {"kind": "boolean", "value": REPORTS[E]["province"] == "河南省"}
@spec(54)
def _(c):
    c.file(H3, H4); return {"kind": "boolean", "value": all(agency_kind(f) == "department" for f in (H3, H4))}
@spec(55)
def _(c): return num(sum(1 for f in Y2020 if c.v(f, "active.penalty.decisions") == 0))
@spec(56)
def _(c): return num(sum(c.v(f, "requests.new.total") for f in ALL if REPORTS[f]["province"] == "浙江省"))
@spec(57)
def _(c): return num(c.v(C, "active.normative.public_total"))
@spec(58, dq=True)
def _(c):
    bad = [f for f in ALL if any(k.startswith("review.") for k in FAILING[f])]
    c.must(bad == [H3], f"failing reports {bad}")
    for g in ("reconsideration", "lawsuit_after_review"):
        grp(c, H3, g)
    return {"kind": "agency", "value": agency(H3)}
@spec(59)
def _(c): return num(sum(c.v(H4, f"requests.{w}.total") for w in WITHHELD))
@spec(60)
def _(c): return num(c.v(C, "active.procurement.amount") / c.v(C, "active.procurement.projects"), "yuan")
@spec(61)
def _(c): return num(c.v(H4, "requests.new.total"))
@spec(62, dq=True)
def _(c):
    g = grp(c, H3, "reconsideration"); return {"kind": "boolean", "value": sum(g[:4]) == g[4]}
@spec(63)
def _(c): return agency_of_max(c, BUREAUS_2020, "active.procurement.amount")
@spec(64)
def _(c): return {"kind": "boolean", "value": c.v(H3, "active.penalty.decisions") > c.v(H4, "active.penalty.decisions")}
@spec(65)
def _(c): return num(c.v(H3, "active.fees.amount") + c.v(H4, "active.fees.amount"), "yuan")
@spec(66)
def _(c): return passage(c, [(D, "五", "有待提高")])
@spec(67)
def _(c): return un(c, "review.reconsideration.upheld" in FAILING[H3], "group fails R4")
@spec(68, dq=True)
def _(c):
    bad = [f for f in ALL for x in REPORTS[f]["narrative_numbers"]
           if x.get("agrees") is False or x.get("agrees_with_table") is False]
    c.must(bad == [H4], f"narrative/table disagreements in {bad}")
    c.v(H4, "requests.new.total")
    return {"kind": "agency", "value": agency(H4)}
@spec(69)
def _(c): return pct(c.v(H4, "requests.unavailable_not_held.total"), c.v(H4, "requests.handled.total"))
@spec(70)
def _(c):
    others = [f for f in ALL if not agency(f).endswith("统计局")]
    return num(sum(c.v(f, "requests.new.total") for f in others))
@spec(71)
def _(c):
    c.file(C); return {"kind": "boolean", "value": REPORTS[C]["published"] is not None}
@spec(72)
def _(c): return num(c.v(B, "active.penalty.change"))
@spec(73)
def _(c): return num(c.v(D, "requests.withheld_third_party.total") + c.v(D, "requests.unavailable_not_held.total"))
@spec(74)
def _(c): return pct(sum(c.v(H3, f"requests.{w}.total") for w in WITHHELD), c.v(H3, "requests.handled.total"))
@spec(75)
def _(c): return passage(c, [(E, "一", "四个")])
@spec(76)
def _(c): return num(c.v(H3, "active.normative.repealed"))
@spec(77)
def _(c): return num(c.v(H3, "active.normative.issued") + c.v(H4, "active.normative.issued"))
@spec(78)
def _(c): return un(c, not any("staff" in k for d in REPORTS.values() for k in d["facts"]), "no staffing field")
@spec(79)
def _(c): return num(c.v(H4, "requests.declined_duplicate.total"))
@spec(80)
def _(c): return num(c.v(H4, "active.licensing.decisions"))
@spec(81)
def _(c): return agency_of_max(c, ALL, "requests.new.total")
@spec(82)
def _(c): return num(c.v(A, "active.penalty.decisions"))
@spec(83)
def _(c):
    c.must(fact(H3, "active.fees.amount")["raw"] == "7730.28", "raw fee"); return num(c.v(H3, "active.fees.amount"), "yuan")
@spec(84)
def _(c):
    vals = {f: c.v(f, "requests.new.total") for f in Y2020}
    return {"kind": "list", "values": [agency(f) for f in Y2020 if vals[f] == 0], "ordered": False}
@spec(85)
def _(c): return num(c.v(B, "active.procurement.amount") / c.v(B, "active.procurement.projects"), "yuan")
@spec(86)
def _(c): return num(c.v(H4, "review.lawsuit_direct.total"))
@spec(87)
def _(c): return agency_of_max(c, [f for f in PROCUREMENT if f != C], "active.procurement.amount")
@spec(88)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["template"] == "2019"]; c.file(*fs); return num(len(fs))
@spec(89)
def _(c):
    c.file(D); return {"kind": "boolean", "value": REPORTS[D]["province"] == "福建省"}
@spec(90)
def _(c):
    vals = {f: c.v(f, "requests.partial.total") for f in Y2020}
    return {"kind": "list", "values": [agency(f) for f in Y2020 if vals[f] >= 1], "ordered": False}
@spec(91)
def _(c): return {"kind": "boolean", "value": c.v(D, "requests.new.total") > c.v(C, "requests.new.total")}
@spec(92)
def _(c):
    vals = {f: c.v(f, "active.procurement.projects") for f in BUREAUS_2020}
    return {"kind": "list", "values": [agency(f) for f in sorted(BUREAUS_2020, key=lambda f: -vals[f])], "ordered": True}
@spec(93)
def _(c): return num(sum(c.v(f, "active.procurement.amount") for f in PROCUREMENT), "yuan")
@spec(94)
def _(c): return un(c, fact(H4, "active.procurement.amount") is None and REPORTS[H4]["template"] == "2021", "no procurement block")
@spec(95)
def _(c):
    hits = [f for f in SAMPLES_FILES if any("培训" in t for t in section_text(f).values())]
    c.must(hits == [A, C, D], f"培训 found in {hits}")
    return passage(c, [(A, "一", "培训"), (A, "五", "培训"), (C, "一", "培训"), (C, "五", "培训"), (D, "一", "培训")])
@spec(96)
def _(c):
    top = max(ALL, key=lambda f: fact(f, "active.penalty.decisions")["value"])
    return num(sum(c.v(f, "active.penalty.decisions") for f in ALL if f != top))
@spec(97)
def _(c): return {"kind": "boolean", "value": c.v(E, "active.coercion.decisions") > 0}
@spec(98)
def _(c): return num(c.v(H3, "active.coercion.decisions") - c.v(H4, "active.coercion.decisions"))
@spec(99)
def _(c): return pct(c.v(H4, "requests.partial.total"), c.v(H4, "requests.handled.total"))
@spec(100)
def _(c): return num(c.v(H3, "active.normative.in_force"))
@spec(101)
def _(c): return un(c, not any("budget" in k for d in REPORTS.values() for k in d["facts"]), "no budget field")
@spec(102)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["province"] == "浙江省"]; c.file(*fs)
    return num(len({agency(f) for f in fs}))
@spec(103)
def _(c): return num(c.v(H4, "review.lawsuit_direct.total") + c.v(H4, "review.lawsuit_after_review.total"))
@spec(104)
def _(c): return num(sum(c.v(f, "requests.new.total") for f in ALL if agency(f).endswith("统计局") and f != C))
@spec(105)
def _(c): return passage(c, [(E, "五", "不足")])
@spec(106)
def _(c): return num(c.v(E, "active.penalty.change"))
@spec(107)
def _(c): return num(c.v(H3, "requests.unavailable_needs_creation.total"))
@spec(108)
def _(c): return pct(c.v(H4, "active.penalty.decisions"), c.v(H4, "active.licensing.decisions"))
@spec(109)
def _(c):
    dated = [f for f in ALL if REPORTS[f]["published"]]
    c.file(*dated)
    return {"kind": "agency", "value": agency(min(dated, key=lambda f: REPORTS[f]["published"]))}
@spec(110)
def _(c): return un(c, fact(A, "requests.unavailable_not_held.total")["state"] == "blank", "cell blank")
@spec(111)
def _(c): return num(c.v(H4, "review.reconsideration.total") - c.v(H4, "review.reconsideration.corrected"))
@spec(112)
def _(c):
    fs = [f for f in ALL if agency(f) == NH]; c.file(*fs); return num(len(fs))
@spec(113)
def _(c): return {"kind": "boolean", "value": c.v(H3, "requests.carried_out.total") > 0 or c.v(H4, "requests.carried_in.total") > 0}
@spec(114)
def _(c):
    c.must(fact(A, "active.procurement.amount").get("unit_assumed"), "unit not assumed")
    return num(c.v(A, "active.procurement.amount"), "yuan")
@spec(115)
def _(c): return num(c.v(C, "active.penalty.prev_items"))
@spec(116)
def _(c):
    d = c.v(D, "active.procurement.amount") / c.v(D, "active.procurement.projects")
    b = c.v(B, "active.procurement.amount") / c.v(B, "active.procurement.projects")
    return {"kind": "boolean", "value": d > b}
@spec(117)
def _(c): return num(sum(1 for f in ALL if c.v(f, "active.coercion.decisions") >= 1))
@spec(118)
def _(c): return num(c.v(H4, "review.reconsideration.upheld"))
@spec(119)
def _(c): return un(c, "review.lawsuit_after_review.upheld" in FAILING[H3], "group fails R4")
@spec(120)
def _(c): return num(sum(c.v(f, "active.penalty.decisions") for f in Y2020) / len(Y2020))

SAMPLES_FILES = sorted(p.name for p in SAMPLES.glob("*.txt"))

# ---------------------------------------------------------------- loader rules (eval/dataset.py, re-stated)
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KIND_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values"}, "boolean": {"value"},
               "passages": {"files", "sections"}, "unanswerable": set()}


def shape_errors(case):
    errs = []
    extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        errs.append(f"unknown fields {extra}")
    if not str(case.get("question", "")).strip():
        errs.append("blank question")
    ex = case.get("expect", {})
    k = ex.get("kind")
    if k not in KIND_FIELDS:
        errs.append(f"bad kind {k}")
    elif not KIND_FIELDS[k] <= set(ex):
        errs.append(f"missing fields for {k}")
    if k == "number" and ex.get("unit") not in ("count", "yuan", "percent"):
        errs.append("bad unit")
    if k == "boolean" and not isinstance(ex.get("value"), bool):
        errs.append("boolean value not bool")
    if k == "list" and not isinstance(ex.get("ordered", False), bool):
        errs.append("ordered not bool")
    if k == "passages" and (not ex.get("files") or not ex.get("sections")
                            or any(s not in "一二三四五六" for s in ex["sections"])):
        errs.append("bad passages")
    for ci in case.get("cite", []):
        if not _CITE.match(ci):
            errs.append(f"bad cite {ci}")
        elif ci.split("#")[0] not in REPORTS:
            errs.append(f"cite names unknown report {ci}")
    if len(case.get("cite", [])) != len(set(case.get("cite", []))):
        errs.append("duplicate cite")
    turns = case.get("turns", [])
    if turns and not (1 <= len(turns) <= 3):
        errs.append("a chat must have 2-4 turns in all")
    if turns and "multi-turn" not in case["tags"]:
        errs.append("turns without multi-turn tag")
    langs = [t for t in case.get("tags", []) if t in ("zh", "en")]
    if len(langs) != 1:
        errs.append("needs exactly one of zh/en")
    return errs


def same_expect(got, want):
    if got.get("kind") != want["kind"]:
        return False
    k = want["kind"]
    if k == "number":
        return got["unit"] == want["unit"] and math.isclose(float(got["value"]), float(want["value"]), rel_tol=1e-9, abs_tol=1e-9)
    if k in ("agency", "boolean"):
        return got["value"] == want["value"]
    if k == "list":
        if bool(got.get("ordered", False)) != want["ordered"]:
            return False
        return got["values"] == want["values"] if want["ordered"] else sorted(got["values"]) == sorted(want["values"])
    if k == "passages":
        return set(got["files"]) == set(want["files"]) and set(got["sections"]) == set(want["sections"])
    return True  # unanswerable: reason verified by the spec


def main():
    lines = [l for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    ok, bad = 0, 0
    ids = [c["id"] for c in cases]
    problems = []
    if ids != [f"h44-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not exactly h44-001 .. h44-120 in order")
    nzh = sum("zh" in c["tags"] for c in cases)
    nen = sum("en" in c["tags"] for c in cases)
    if (nzh, nen) != (60, 60):
        problems.append(f"language split {nzh} zh / {nen} en, want 60/60")
    for case in cases:
        cid = case["id"]
        errs = shape_errors(case)
        if cid not in S:
            errs.append("no reference spec")
        else:
            fn, dq = S[cid]
            if dq and "data-quality" not in case["tags"]:
                errs.append("uses failing cells but is not tagged data-quality")
            ctx = Ctx(dq=dq)
            want = fn(ctx)
            errs += ctx.errors
            if not same_expect(case["expect"], want):
                errs.append(f"expect {json.dumps(case['expect'], ensure_ascii=False)} != reference {json.dumps(want, ensure_ascii=False)}")
            if want["kind"] == "unanswerable" and case["cite"]:
                errs.append("unanswerable case should cite nothing")
            if set(case["cite"]) != set(ctx.cites):
                errs.append(f"cite mismatch: extra {sorted(set(case['cite']) - set(ctx.cites))}, missing {sorted(set(ctx.cites) - set(case['cite']))}")
            cells = [ci for ci in ctx.cites if "#" in ci]
            guessed = any(fact(ci.split("#")[0], ci.split("#")[1]).get("unit_assumed") for ci in cells)
            mixed = len({year(ci.split("#")[0]) for ci in cells}) > 1
            if guessed != ("guessed_unit" in case["tags"]):
                errs.append(f"guessed_unit tag should be {guessed}")
            if mixed != ("mixed_years" in case["tags"]):
                errs.append(f"mixed_years tag should be {mixed}")
            if (want["kind"] == "unanswerable") != ("unanswerable" in case["tags"]):
                errs.append("unanswerable tag / kind disagree")
        if errs:
            bad += 1
            for e in errs:
                print(f"MISMATCH {cid}: {e}")
        else:
            ok += 1
    for p in problems:
        print("PROBLEM", p)
    print(f"SUMMARY: {ok}/{len(cases)} cases agree with the reference" + (f"; {len(problems)} set-level problem(s)" if problems else ""))
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
