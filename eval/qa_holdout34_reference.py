#!/usr/bin/env python3
"""Reference for eval/qa_holdout34.jsonl: recompute every expected answer from the gold facts.

Stdlib only. Reads tests/fixtures/gold/*.json (the seven hand-checked reports) and, for passage cases, the five
sample texts in data/samples/. For each case a recipe recomputes the expected answer, the cite list and the
`guessed_unit` / `mixed_years` tags, then compares them with the JSONL line. Prints every mismatch and a SUMMARY
line; exits 0 only when all 120 cases match. `-v` prints every recomputed answer.

Conventions applied (see eval/QA_HOLDOUT34.md):
- only cells in state "number" are values; blank / absent / unreadable cells are never 0;
- a cell in a failed balance equation (R1-R4, recomputed here) is unusable except in questions about that failure;
- money in yuan, percentages in percentage points;
- every used cell is cited as "<file>#<table.row.col>"; a narrative figure, passage or metadata field cites the bare file;
- guessed_unit when a cited cell carries unit_assumed; mixed_years when cited reports span more than one year;
- agency kind missing in the gold (Hongze PDFs) is inferred from the name (人民政府 -> government).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout34.jsonl"
N_CASES = 120

APPLICANT = ["person", "business", "research", "nonprofit", "legal", "other_org"]
COLS = APPLICANT + ["total"]
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
            "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAILABLE = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
OUTCOMES = (["granted", "partial"] + WITHHELD + UNAVAILABLE + DECLINED
            + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending"]
SECTION_HEADS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


# ------------------------------------------------------------------ loading
def short(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def infer_kind(rep: dict) -> str:
    if rep.get("agency_kind"):
        return rep["agency_kind"]
    name = rep["agency"]
    if "人民政府" in name or name.endswith("办公厅"):
        return "government"
    if "街道" in name or name.endswith(("乡", "镇")):
        return "street_office"
    return "department"


def load_reports() -> dict[str, dict]:
    reps = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        rep = json.loads(path.read_text(encoding="utf-8"))
        rep["short"] = short(rep["file"])
        rep["kind"] = infer_kind(rep)
        reps[rep["short"]] = rep
    return reps


R = load_reports()
G, L, Y, W, E = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                 "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
SAMPLE_FILES = [G, L, Y, W, E]
assert set(R) == {G, L, Y, W, E, H3, H4}, sorted(R)


def cell(f: str, key: str) -> dict | None:
    return R[f]["facts"].get(key)


def nval(f: str, key: str):
    c = cell(f, key)
    return c["value"] if c and c["state"] == "number" else None


# ------------------------------------------------------------------ balance checks (recomputed, not read)
def failed_cells(f: str) -> tuple[set[str], list[str]]:
    bad: set[str] = set()
    msgs: list[str] = []
    facts = R[f]["facts"]

    def check(rule: str, lhs: list[str], rhs: list[str]):
        keys = lhs + rhs
        vals = [nval(f, k) for k in keys]
        if any(v is None for v in vals):
            return  # a blank / absent cell: not checkable, not a failure
        a = sum(vals[: len(lhs)])
        b = sum(vals[len(lhs):])
        if abs(a - b) > 1e-9:
            bad.update(keys)
            msgs.append(f"{rule}: {lhs} = {a} vs {rhs} = {b}")

    if any(k.startswith("requests.") for k in facts):
        for col in COLS:  # R1
            check(f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                  [f"requests.handled.{col}", f"requests.carried_out.{col}"])
        for col in COLS:  # R2 (absent sub-rows are not part of the report's table)
            outs = [f"requests.{r}.{col}" for r in OUTCOMES
                    if f"requests.{r}.{col}" in facts and facts[f"requests.{r}.{col}"]["state"] != "absent"]
            check(f"R2[{col}]", [f"requests.handled.{col}"], outs)
        rows = sorted({k.split(".")[1] for k in facts if k.startswith("requests.")})
        for row in rows:  # R3
            if facts.get(f"requests.{row}.total", {}).get("state") == "absent":
                continue
            check(f"R3[{row}]", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPLICANT])
    for g in REVIEW_GROUPS:  # R4
        if f"review.{g}.total" in facts:
            check(f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{c}" for c in REVIEW_COLS])
    return bad, msgs


FAILED = {f: failed_cells(f)[0] for f in R}
FAIL_MSGS = {f: failed_cells(f)[1] for f in R}


# ------------------------------------------------------------------ passages
def sections_of(f: str) -> dict[str, str]:
    """Canonical section (一..六) -> its text, from the sample text, headings matched by number + meaning."""
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    out: dict[str, list[str]] = {}
    cur = None
    order = list(SECTION_HEADS)
    for line in lines:
        m = re.match(r"^[#*\s]*([一二三四五六])、(.*)$", line)
        if m and SECTION_HEADS[m.group(1)] in m.group(2):
            nxt = m.group(1)
            if cur is None or order.index(nxt) > order.index(cur):
                cur = nxt
                out.setdefault(cur, [])
                continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


SECTIONS = {f: sections_of(f) for f in SAMPLE_FILES}


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ------------------------------------------------------------------ recipe context
class Unusable(Exception):
    pass


class Ctx:
    def __init__(self, about_failure: bool = False):
        self.cite: list[str] = []
        self.about_failure = about_failure

    def _add(self, c: str):
        if c not in self.cite:
            self.cite.append(c)

    def v(self, f: str, key: str):
        c = cell(f, key)
        if c is None or c["state"] != "number":
            raise Unusable(f"{f}#{key} is {c['state'] if c else 'missing'}")
        if key in FAILED[f] and not self.about_failure:
            raise Unusable(f"{f}#{key} is in a failed balance equation")
        self._add(f"{f}#{key}")
        return c["value"]

    def vs(self, f: str, keys: list[str]) -> float:
        return sum(self.v(f, k) for k in keys)

    def meta(self, f: str, field: str):
        self._add(f)
        return R[f][field] if field != "kind" else R[f]["kind"]

    def bare(self, f: str):
        self._add(f)

    def narrative(self, f: str, fragment: str):
        hits = [n for n in R[f].get("narrative_numbers") or [] if fragment in n["text"]]
        assert len(hits) == 1, (f, fragment, hits)
        self._add(f)
        return hits[0]

    def passage(self, files: list[str], keyword: str) -> dict:
        kw = flat(keyword)
        hit_files, secs = [], []
        for f in files:
            found = [s for s, t in SECTIONS[f].items() if kw in flat(t)]
            if found:
                hit_files.append(f)
                secs += [s for s in found if s not in secs]
                self._add(f)
        return {"kind": "passages", "files": hit_files, "sections": secs}


def number(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return 100.0 * a / b


def reports(**flt) -> list[str]:
    out = []
    for f, rep in R.items():
        ok = True
        for k, want in flt.items():
            if k == "bureau":
                ok &= ("统计局" in rep["agency"]) == want
            elif k == "has":
                ok &= cell(f, want) is not None and cell(f, want)["state"] != "absent"
            elif k == "years":
                ok &= rep["year"] in want
            else:
                ok &= (rep["kind"] if k == "kind" else rep[k]) == want
        if ok:
            out.append(f)
    return sorted(out)


def top(ctx: Ctx, files: list[str], fn, reverse=True) -> str:
    """Agency of the report with the max (min) of fn(ctx, f); files whose cell is unusable are skipped."""
    vals = []
    for f in files:
        try:
            vals.append((fn(ctx, f), f))
        except Unusable:
            continue
    vals.sort(key=lambda t: t[0], reverse=reverse)
    assert len(vals) < 2 or vals[0][0] != vals[1][0], f"tie: {vals}"
    return R[vals[0][1]]["agency"]


def unanswerable(reason: str) -> dict:
    return {"kind": "unanswerable", "reason": reason}


def must_fail(f: str, key: str) -> str:
    """Reason a single-cell lookup cannot be answered; asserts that it indeed cannot."""
    c = cell(f, key)
    if c is None:
        return f"{f}#{key}: no such cell"
    if c["state"] != "number":
        return f"{f}#{key}: state {c['state']}"
    assert key in FAILED[f], f"{f}#{key} is usable: {c['value']}"
    return f"{f}#{key}: in failed equation"


# ------------------------------------------------------------------ recipes
RECIPES = {}


def case(n: int, about_failure: bool = False):
    def deco(fn):
        RECIPES[f"h34-{n:03d}"] = (fn, about_failure)
        return fn
    return deco


@case(1)
def _(c): return number(c.v(H4, "requests.declined_duplicate.total"))
@case(2)
def _(c): return {"kind": "boolean", "value": c.v(H4, "active.licensing.decisions") == 9487}
@case(3)
def _(c): return number(c.v(H4, "active.normative.issued"))
@case(4)
def _(c):
    a, b = c.v(H3, "requests.new.total"), c.v(H4, "requests.new.total")
    return number(pct(b - a, a), "percent")
@case(5)
def _(c): return number(c.v(H3, "active.coercion.decisions"))
@case(6)
def _(c): return c.passage([Y], "信息公开范围单一")
@case(7)
def _(c): return number(c.v(H3, "requests.new.total"))
@case(8)
def _(c): return number(c.v(H3, "requests.withheld_secret.total"))
@case(9)
def _(c): return unanswerable(must_fail(W, "requests.other.total"))
@case(10)
def _(c): return {"kind": "agency", "value": top(c, reports(bureau=True), lambda c, f: c.v(f, "active.penalty.decisions"))}
@case(11)
def _(c):
    a, b = c.v(H3, "active.penalty.decisions"), c.v(H4, "active.penalty.decisions")
    return number(pct(a - b, a), "percent")
@case(12)
def _(c): return {"kind": "boolean", "value": abs(c.v(H4, "active.fees.amount") - 7545) < 0.5}
@case(13)
def _(c): return number(c.v(H4, "requests.unavailable_needs_creation.total"))
@case(14)
def _(c):
    out = set()
    for f in sorted(R):
        if R[f]["template"] == "2019":
            out.add(c.meta(f, "agency"))
    return {"kind": "list", "values": sorted(out), "ordered": False}
@case(15)
def _(c): return number(c.v(H3, "requests.withheld_process.total"))
@case(16)
def _(c): return c.passage([E], "公开意识及内容需要进一步深化")
@case(17)
def _(c): return number(c.v(L, "requests.partial.total"))
@case(18)
def _(c): return {"kind": "agency", "value": top(c, reports(bureau=True), lambda c, f: c.v(f, "active.procurement.projects"), reverse=False)}
@case(19)
def _(c): return {"kind": "boolean", "value": c.v(L, "active.penalty.decisions") == 32}
@case(20)
def _(c): return number(c.v(H4, "requests.granted.total"))
@case(21)
def _(c):
    s24 = pct(c.v(H4, "requests.granted.total"), c.v(H4, "requests.handled.total"))
    s23 = pct(c.v(H3, "requests.granted.total"), c.v(H3, "requests.handled.total"))
    return number(s24 - s23, "percent")
@case(22)
def _(c): return unanswerable(must_fail(G, "requests.unavailable_not_held.total"))
@case(23)
def _(c): return {"kind": "agency", "value": top(c, sorted(R), lambda c, f: c.v(f, "active.licensing.decisions"))}
@case(24)
def _(c):
    assert not [f for f in R if "洪泽" in R[f]["agency"] and R[f]["year"] == 2022]
    return unanswerable("no 2022 Hongze report")
@case(25)
def _(c): return number(c.v(H4, "active.coercion.decisions"))
@case(26)
def _(c): return number(c.v(H4, "review.lawsuit_direct.upheld"))
@case(27)
def _(c): return c.passage([G], "改进公开方式")
@case(28)
def _(c): return number(c.v(H4, "requests.new.total"))
@case(29)
def _(c): return {"kind": "agency", "value": top(c, reports(province="福建省", year=2020), lambda c, f: c.v(f, "requests.new.total"))}
@case(30)
def _(c):
    fs = reports(kind="department")
    return number(sum(c.v(f, "active.penalty.decisions") for f in fs) / len(fs))
@case(31)
def _(c): return unanswerable(must_fail(H3, "review.reconsideration.upheld"))
@case(32)
def _(c):
    amount_ok = abs(c.v(Y, "active.procurement.amount") - 475976.05) < 0.005
    return {"kind": "boolean", "value": amount_ok and c.meta(Y, "year") == 2020}
@case(33)
def _(c): return number(c.v(W, "requests.carried_out.person"))
@case(34)
def _(c): return c.passage([L], "领导小组")
@case(35)
def _(c):
    fs = reports(bureau=True)
    tot = sum(c.v(f, "active.procurement.projects") for f in fs)
    return number(pct(c.v(L, "active.procurement.projects"), tot), "percent")
@case(36)
def _(c): return unanswerable(must_fail(H3, "review.reconsideration.total"))
@case(37)
def _(c): return number(c.v(E, "active.penalty.prev_items"))
@case(38)
def _(c):
    fs = [f for f in R if R[f]["province"] == "河南省"]
    assert len({R[f]["agency"] for f in fs}) == 1
    return {"kind": "agency", "value": c.meta(fs[0], "agency")}
@case(39)
def _(c): return {"kind": "boolean", "value": abs(c.v(E, "active.procurement.amount") - 6.0248) < 1e-6}
@case(40)
def _(c):
    h = c.v(H4, "requests.handled.total")
    return number(pct(c.v(H4, "requests.granted.total"), h) - pct(c.v(H4, "requests.partial.total"), h), "percent")
@case(41)
def _(c):
    fs = reports(bureau=True)
    return number(sum(c.v(f, "active.procurement.projects") for f in fs) / len(fs))
@case(42)
def _(c): return number(c.v(H4, "active.fees.amount"), "yuan")
@case(43)
def _(c): return number(c.v(H4, "requests.unavailable_not_held.total"))
@case(44)
def _(c): return c.passage([Y], "改进措施")
@case(45)
def _(c):
    st = cell(H4, "active.procurement.amount")
    assert st is None or st["state"] == "absent"
    return unanswerable("2021 template: no procurement block")
@case(46)
def _(c): return {"kind": "boolean", "value": c.v(H4, "active.penalty.decisions") > c.v(H3, "active.penalty.decisions")}
@case(47, about_failure=True)
def _(c):
    parts = c.vs(H3, [f"review.reconsideration.{k}" for k in REVIEW_COLS])
    return number(abs(parts - c.v(H3, "review.reconsideration.total")))
@case(48)
def _(c): return number(c.v(Y, "requests.granted.total"))
@case(49)
def _(c):
    out = []
    for f in reports(year=2020):
        if any(k.startswith("requests.") and v["state"] == "blank" for k, v in R[f]["facts"].items()):
            out.append(R[f]["agency"])
            c.bare(f)
    return {"kind": "list", "values": sorted(out), "ordered": False}
@case(50)
def _(c): return number(c.v(H3, "active.normative.repealed"))
@case(51)
def _(c): return c.passage([E], "四个结合")
@case(52)
def _(c):
    w = c.v(W, "active.procurement.amount")
    tot = sum(c.v(f, "active.procurement.amount") for f in reports(province="福建省", year=2020))
    return number(pct(w, tot), "percent")
@case(53)
def _(c): return number(c.v(H4, "review.lawsuit_after_review.other"))
@case(54)
def _(c):
    return number(pct(c.vs(H4, [f"requests.{r}.total" for r in UNAVAILABLE]), c.v(H4, "requests.handled.total")), "percent")
@case(55)
def _(c):
    fs = reports(has="active.procurement.amount")
    return {"kind": "agency", "value": top(c, fs, lambda c, f: c.v(f, "active.procurement.amount") / c.v(f, "active.procurement.projects"))}
@case(56)
def _(c): return {"kind": "boolean", "value": c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions") == 8937}
@case(57)
def _(c): return number(c.v(G, "active.penalty.prev_items"))
@case(58)
def _(c): return unanswerable(must_fail(H4, "requests.other_no_fee.total"))
@case(59)
def _(c): return c.passage([G], "个人信息保护")
@case(60)
def _(c):
    for f in R:
        c.bare(f)
    return number(len(R))
@case(61)
def _(c): return number(pct(c.v(H4, "requests.partial.total"), c.v(H4, "requests.handled.total")), "percent")
@case(62)
def _(c):
    fs = reports(bureau=True, year=2020)
    vals = {f: c.v(f, "active.penalty.decisions") for f in fs}
    keep = [f for f in fs if vals[f] != 0]
    c.cite = [x for x in c.cite if x.split("#")[0] in keep]  # a list cites the cells of the items it lists
    return {"kind": "list", "values": sorted(R[f]["agency"] for f in keep), "ordered": False}
@case(63, about_failure=True)
def _(c):
    ok = True
    for g in REVIEW_GROUPS:
        parts = c.vs(H3, [f"review.{g}.{k}" for k in REVIEW_COLS])
        tot = c.v(H3, f"review.{g}.total")
        ok &= abs(parts - tot) < 1e-9
    # cite only the cells of the failing groups
    c.cite = [x for x in c.cite if x.split("#")[1] in FAILED[H3]]
    return {"kind": "boolean", "value": ok}
@case(64)
def _(c): return number(c.v(H4, "review.reconsideration.corrected"))
@case(65)
def _(c):
    for f in R:
        c.bare(f)
    return number(len({R[f]["agency"] for f in R}))
@case(66)
def _(c): return c.passage([W], "答复依申请公开处理水平")
@case(67)
def _(c): return unanswerable(must_fail(L, "active.fees.amount"))
@case(68)
def _(c): return {"kind": "boolean", "value": round(c.v(W, "active.procurement.amount") / 10000, 2) == 10.84}
@case(69)
def _(c):
    s23 = pct(c.v(H3, "requests.unavailable_not_held.total"), c.v(H3, "requests.handled.total"))
    s24 = pct(c.v(H4, "requests.unavailable_not_held.total"), c.v(H4, "requests.handled.total"))
    return number(s23 - s24, "percent")
@case(70)
def _(c): return number(c.v(Y, "active.rules.published"))
@case(71)
def _(c):
    fs = reports(year=2020)
    return number(sum(c.v(f, "requests.new.total") for f in fs) / len(fs))
@case(72)
def _(c):
    fs = reports(bureau=True)
    ranked = sorted(fs, key=lambda f: c.v(f, "active.procurement.amount"), reverse=True)
    return {"kind": "list", "values": [R[f]["agency"] for f in ranked], "ordered": True}
@case(73)
def _(c): return number(c.v(H3, "requests.declined_complaint.total"))
@case(74)
def _(c):
    assert cell(Y, "review.lawsuit_direct.pending")["raw"] == "00"
    return number(c.v(Y, "review.lawsuit_direct.pending"))
@case(75)
def _(c): return c.passage([L], "两个方面的不足")
@case(76)
def _(c):
    a, b = c.v(H3, "active.coercion.decisions"), c.v(H4, "active.coercion.decisions")
    return number(pct(b - a, a), "percent")
@case(77, about_failure=True)
def _(c):
    out = set()
    for f in sorted(R):
        if FAILED[f]:
            out.add(R[f]["agency"])
            for k in sorted(FAILED[f]):
                c.v(f, k)
    return {"kind": "list", "values": sorted(out), "ordered": False}
@case(78)
def _(c): return unanswerable(must_fail(W, "requests.declined_duplicate.total"))
@case(79)
def _(c): return number(c.v(H4, "review.reconsideration.total"))
@case(80)
def _(c):
    fs = reports(bureau=True, year=2020)
    return number(pct(c.v(L, "requests.new.total"), sum(c.v(f, "requests.new.total") for f in fs)), "percent")
@case(81)
def _(c): return {"kind": "agency", "value": top(c, reports(years=(2019, 2020)), lambda c, f: c.v(f, "requests.new.total"))}
@case(82)
def _(c): return number(c.narrative(H3, "主动公开政府信息")["value"])
@case(83)
def _(c): return c.passage([W], "暂无其他需要报告的事项")
@case(84)
def _(c):
    reasons = [must_fail(H3, f"review.{g}.total") for g in ("lawsuit_direct", "lawsuit_after_review")
               if f"review.{g}.total" in FAILED[H3]]
    assert reasons
    return unanswerable("; ".join(reasons))
@case(85)
def _(c): return number(c.v(Y, "active.procurement.amount") / c.v(Y, "active.procurement.projects"), "yuan")
@case(86)
def _(c): return number(c.v(E, "active.coercion.prev_items"))
@case(87)
def _(c): return {"kind": "boolean", "value": c.meta(W, "published") == "2021-01-15"}
@case(88)
def _(c): return {"kind": "agency", "value": top(c, reports(bureau=True, year=2020), lambda c, f: c.v(f, "active.penalty.prev_items"))}
@case(89)
def _(c): return {"kind": "list", "values": [c.v(H3, "requests.handled.total"), c.v(H4, "requests.handled.total")], "ordered": True}
@case(90)
def _(c):
    assert cell(H3, "active.fees.amount")["raw"] == "7730.28"
    return number(c.v(H3, "active.fees.amount"), "yuan")
@case(91)
def _(c): return {"kind": "boolean", "value": c.vs(W, [f"requests.{r}.total" for r in WITHHELD]) == 0}
@case(92)
def _(c): return number(c.v(Y, "active.penalty.prev_items"))
@case(93)
def _(c):
    fs = reports(has="active.penalty.prev_items")
    vals = {f: c.v(f, "active.penalty.prev_items") for f in fs}
    keep = sorted((f for f in fs if vals[f] != 0), key=lambda f: vals[f], reverse=True)
    c.cite = [x for x in c.cite if x.split("#")[0] in keep]  # zero rows are left out of the answer
    return {"kind": "list", "values": [R[f]["agency"] for f in keep], "ordered": True}
@case(94)
def _(c):
    fs = [f for f in R if R[f]["city"] not in R[f]["agency"]]
    assert len(fs) == 1, fs
    return {"kind": "agency", "value": c.meta(fs[0], "agency")}
@case(95)
def _(c): return number(pct(c.v(H3, "requests.partial.total"), c.v(H3, "requests.new.total")), "percent")
@case(96)
def _(c): return number(c.vs(H4, [f"requests.{r}.total" for r in WITHHELD]))
@case(97)
def _(c):
    fs = reports(kind="department")
    return number(sum(c.v(f, "active.procurement.amount") for f in fs) / len(fs), "yuan")
@case(98)
def _(c): return c.passage([Y], "普法宣传")
@case(99)
def _(c):
    n = c.narrative(H4, "受理政府信息公开申请")
    return {"kind": "boolean", "value": n["value"] == c.v(H4, "requests.new.total")}
@case(100)
def _(c): return number(c.v(H4, "review.lawsuit_after_review.total"))
@case(101)
def _(c):
    fs = [f for f in SAMPLE_FILES if "统计局" in R[f]["agency"]]
    p = c.passage(fs, "开放日")
    return {"kind": "list", "values": sorted(R[f]["agency"] for f in p["files"]), "ordered": False}
@case(102)
def _(c):
    fs = reports(kind="government")
    return number(sum(c.v(f, "active.coercion.decisions") for f in fs) / len(fs))
@case(103)
def _(c): return number(c.v(L, "active.procurement.projects"))
@case(104)
def _(c):
    n = c.narrative(Y, "罚款总额")
    assert n.get("unit") == "yuan"
    return number(n["value"], "yuan")
@case(105)
def _(c): return {"kind": "agency", "value": top(c, reports(year=2020), lambda c, f: c.v(f, "requests.unavailable_not_held.total"))}
@case(106)
def _(c):
    out = set()
    for f in R:
        if R[f]["city"] == "福州市" and R[f]["county"] == "鼓楼区":
            out.add(c.meta(f, "agency"))
    return {"kind": "list", "values": sorted(out), "ordered": False}
@case(107)
def _(c): return number(c.v(H3, "active.normative.in_force"))
@case(108)
def _(c):
    dated = [f for f in R if R[f]["published"]]
    for f in dated:
        c.bare(f)
    return {"kind": "agency", "value": R[min(dated, key=lambda f: R[f]["published"])]["agency"]}
@case(109)
def _(c):
    a, b = c.v(H3, "active.fees.amount"), c.v(H4, "active.fees.amount")
    return number(pct(b - a, a), "percent")
@case(110)
def _(c): return c.passage([W], "规范管理政务新媒体平台")
@case(111)
def _(c):
    assert not any(re.search(r"staff|人员数", k) for f in R for k in R[f]["facts"])
    return unanswerable("staffing is not a field of the reports")
@case(112)
def _(c): return number(pct(c.v(H4, "active.licensing.decisions"), c.v(H4, "active.penalty.decisions")), "percent")
@case(113)
def _(c): return number(c.v(Y, "active.penalty.decisions"))
@case(114)
def _(c):
    fs = [f for f in SAMPLE_FILES if R[f]["year"] in (2019, 2020)]
    p = c.passage(fs, "新媒体")
    return {"kind": "list", "values": sorted(R[f]["agency"] for f in p["files"]), "ordered": False}
@case(115)
def _(c):
    assert R[Y]["published"] is None
    return unanswerable("no signature date")
@case(116)
def _(c):
    for f in R:
        c.bare(f)
    return number(len({R[f]["province"] for f in R}))
@case(117)
def _(c):
    fs = reports(bureau=True)
    tot = sum(c.v(f, "active.procurement.amount") for f in fs)
    return number(pct(c.v(G, "active.procurement.amount"), tot), "percent")
@case(118)
def _(c): return number(c.narrative(W, "业务公文")["value"])
@case(119)
def _(c): return number(c.narrative(G, "本年度共发布各类信息")["value"])
@case(120)
def _(c): return number(pct(c.v(H3, "requests.granted.total"), c.v(H3, "requests.handled.total")), "percent")


# ------------------------------------------------------------------ comparison
def close(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= max(1e-3, 1e-5 * abs(b))


def cite_years(cites: list[str]) -> set[int]:
    return {R[x.split("#")[0]]["year"] for x in cites}


def guessed(cites: list[str]) -> bool:
    for x in cites:
        if "#" in x:
            f, k = x.split("#")
            if cell(f, k).get("unit_assumed"):
                return True
    return False


def compare(case: dict, got: dict, cites: list[str]) -> list[str]:
    exp = case["expect"]
    errs = []
    if exp["kind"] != got["kind"]:
        return [f"kind {exp['kind']} != recomputed {got['kind']}"]
    k = got["kind"]
    if k == "number":
        if exp["unit"] != got["unit"] or not close(exp["value"], got["value"]):
            errs.append(f"number {exp['value']} {exp['unit']} != recomputed {got['value']} {got['unit']}")
    elif k in ("agency", "boolean"):
        if exp["value"] != got["value"]:
            errs.append(f"{k} {exp['value']!r} != recomputed {got['value']!r}")
    elif k == "list":
        a, b = exp["values"], got["values"]
        if exp.get("ordered") != got["ordered"]:
            errs.append(f"ordered {exp.get('ordered')} != {got['ordered']}")
        if not got["ordered"]:
            a, b = sorted(a, key=str), sorted(b, key=str)
        if len(a) != len(b) or not all(close(x, y) for x, y in zip(a, b)):
            errs.append(f"list {exp['values']} != recomputed {got['values']}")
    elif k == "passages":
        if sorted(exp["files"]) != sorted(got["files"]) or sorted(exp["sections"]) != sorted(got["sections"]):
            errs.append(f"passages {exp['files']} {exp['sections']} != recomputed {got['files']} {got['sections']}")
    elif k == "unanswerable":
        if not exp.get("note"):
            errs.append("unanswerable case without a note")
    if sorted(case["cite"]) != sorted(cites):
        errs.append(f"cite {sorted(case['cite'])} != recomputed {sorted(cites)}")
    tags = case.get("tags", [])
    want_g, want_m = guessed(cites), len(cite_years(cites)) > 1
    if ("guessed_unit" in tags) != want_g:
        errs.append(f"guessed_unit tag should be {'present' if want_g else 'absent'}")
    if ("mixed_years" in tags) != want_m:
        errs.append(f"mixed_years tag should be {'present' if want_m else 'absent'}")
    if sum(t in ("zh", "en") for t in tags) != 1:
        errs.append("exactly one language tag (zh/en) expected")
    return errs


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    cases = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems: list[str] = []
    ids = [c["id"] for c in cases]
    if ids != [f"h34-{i:03d}" for i in range(1, N_CASES + 1)]:
        problems.append(f"ids are not h34-001..h34-{N_CASES:03d} in order")
    langs = [t for c in cases for t in c.get("tags", []) if t in ("zh", "en")]
    if langs.count("zh") != N_CASES // 2 or langs.count("en") != N_CASES // 2:
        problems.append(f"language split zh={langs.count('zh')} en={langs.count('en')}, want 60/60")
    for f, msgs in FAIL_MSGS.items():
        if verbose and msgs:
            print(f"# balance failures in {f}: {msgs}")
    ok = 0
    for case in cases:
        entry = RECIPES.get(case["id"])
        if entry is None:
            problems.append(f"{case['id']}: no recipe")
            continue
        fn, about_failure = entry
        ctx = Ctx(about_failure)
        try:
            got = fn(ctx)
        except Unusable as e:
            got = {"kind": "unanswerable", "reason": str(e)}
            ctx.cite = []
        # every cited cell must be a number, and outside failed equations unless the case is about the failure
        for x in ctx.cite:
            if "#" in x:
                f, k = x.split("#")
                assert cell(f, k)["state"] == "number", x
                assert about_failure or k not in FAILED[f], x
        errs = compare(case, got, ctx.cite)
        shown = {k: v for k, v in got.items()}
        if verbose:
            print(f"{case['id']} [{'ok' if not errs else 'MISMATCH'}] {json.dumps(shown, ensure_ascii=False)} "
                  f"cite={ctx.cite}")
        if errs:
            problems.extend(f"{case['id']}: {e}" for e in errs)
        else:
            ok += 1
    extra = set(RECIPES) - set(ids)
    if extra:
        problems.append(f"recipes without a case: {sorted(extra)}")
    for p in problems:
        print("MISMATCH", p)
    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
    multi = sum(1 for c in cases if c.get("turns"))
    print(f"SUMMARY: {ok}/{len(cases)} cases match the gold recomputation "
          f"(zh {langs.count('zh')}, en {langs.count('en')}; multi-turn {multi}; "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")")
    return 0 if ok == N_CASES and len(cases) == N_CASES and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
