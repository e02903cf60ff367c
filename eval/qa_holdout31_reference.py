#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout31.jsonl, recomputed from the hand-checked gold facts.

Run from the repository root:  python3 eval/qa_holdout31_reference.py [-v]

Standard library only. For every case it recomputes, from tests/fixtures/gold/*.json (and, for passage
cases, from data/samples/*.txt), the expected answer, the cite list and the two derived tags
(`guessed_unit`, `mixed_years`), compares them with the JSONL line, prints each mismatch and one SUMMARY
line, and exits 0 only when all 120 cases match. `-v` prints every recomputed answer.

Conventions applied here (see eval/QA_HOLDOUT31.md):
- only cells in state "number" are values; blank / absent / unreadable cells raise NoValue (never 0);
- a cell of an equation R1-R4 that fails (recomputed here from the facts) is unusable, except in the
  cases that are about the failure (allow_failed=True);
- money in yuan as stored in the gold; percentages in percent points;
- every cell an answer uses is cited as "<file>#<table.row.col>"; a narrative figure, a passage or a
  metadata field cites the bare file; rankings cite the winner's cells only, filters (lists, counts of
  agencies meeting a condition) cite the cells of the items that qualify, aggregates cite every cell;
- guessed_unit  <=> a cited cell carries unit_assumed;  mixed_years <=> the cited reports span > 1 year.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout31.jsonl"

TOL = 0.006  # absolute tolerance for hand-rounded values (2 decimals)


class NoValue(Exception):
    """The data cannot give this value (blank / absent / unreadable / failed check / no such report)."""


# ---------------------------------------------------------------- loading
R: dict[str, dict] = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    R[Path(d["file"]).name] = d

G = "000_2133ae744f48d674.txt"
L = "001_19df74b8cb7281a4.txt"
Y = "002_c42cd15df52a6935.txt"
W = "003_acfa5b9243423631.txt"
E = "004_5206fb2196a31c52.txt"
H3 = "hongze-qu-gov-2023.pdf"
H4 = "hongze-qu-gov-2024.pdf"
ALL = sorted(R)
assert set(ALL) == {G, L, Y, W, E, H3, H4}, ALL

APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
REQ_COLS = APPLICANTS + ["total"]
OUTCOMES = (["granted", "partial"]
            + [f"withheld_{x}" for x in ("secret", "law", "safety", "third_party", "internal", "process",
                                         "enforcement", "query")]
            + [f"unavailable_{x}" for x in ("not_held", "needs_creation", "unclear")]
            + [f"declined_{x}" for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
            + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REQ_ROWS = ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
RESULTS = ["upheld", "corrected", "other", "pending"]


def fact(f: str, key: str):
    return R[f]["facts"].get(key)


def is_num(f: str, key: str) -> bool:
    x = fact(f, key)
    return x is not None and x["state"] == "number"


# ---------------------------------------------------------------- balance checks R1-R4, recomputed
def failed_equations(f: str) -> list[tuple[str, list[str]]]:
    """(rule, cells) of every checkable equation of report f that does not balance."""
    out = []
    facts = R[f]["facts"]
    if not any(k.startswith("requests.") for k in facts):
        return out

    def v(key):
        return facts[key]["value"]

    for col in REQ_COLS:  # R1
        cells = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        if all(is_num(f, c) for c in cells) and v(cells[0]) + v(cells[1]) != v(cells[2]) + v(cells[3]):
            out.append(("R1", cells))
    for col in REQ_COLS:  # R2
        rows = [f"requests.{r}.{col}" for r in OUTCOMES if fact(f, f"requests.{r}.{col}") is not None
                and fact(f, f"requests.{r}.{col}")["state"] != "absent"]
        hk = f"requests.handled.{col}"
        if is_num(f, hk) and all(is_num(f, c) for c in rows) and v(hk) != sum(v(c) for c in rows):
            out.append(("R2", rows + [hk]))
    for row in REQ_ROWS:  # R3
        cells = [f"requests.{row}.{c}" for c in REQ_COLS]
        if all(is_num(f, c) for c in cells) and sum(v(c) for c in cells[:-1]) != v(cells[-1]):
            out.append(("R3", cells))
    for g in GROUPS:  # R4
        cells = [f"review.{g}.{c}" for c in RESULTS + ["total"]]
        if all(is_num(f, c) for c in cells) and sum(v(c) for c in cells[:-1]) != v(cells[-1]):
            out.append(("R4", cells))
    return out


UNUSABLE: set[tuple[str, str]] = set()
for _f in ALL:
    fails = failed_equations(_f)
    gold_fail = {k for k, s in R[_f].get("checks", {}).items() if str(s).startswith("fail")}
    if {rule for rule, _ in fails} != gold_fail:
        raise SystemExit(f"recomputed checks of {_f} disagree with the gold: {fails} vs {gold_fail}")
    for _, cells in fails:
        UNUSABLE.update((_f, c) for c in cells)

# ---------------------------------------------------------------- per-case recording
USED: list[str] = []


def cite(s: str) -> None:
    if s not in USED:
        USED.append(s)


def val(f: str, key: str, rec: bool = True, allow_failed: bool = False):
    x = fact(f, key)
    if x is None:
        raise NoValue(f"{f}#{key}: no such cell (template {R[f]['template']})")
    if x["state"] != "number":
        raise NoValue(f"{f}#{key}: state {x['state']}")
    if (f, key) in UNUSABLE and not allow_failed:
        raise NoValue(f"{f}#{key}: part of a failed balance equation")
    if rec:
        cite(f"{f}#{key}")
    return x["value"]


def agency(f: str) -> str:
    return R[f]["agency"]


def kind_of(f: str) -> str:
    k = R[f].get("agency_kind")
    if k:
        return k
    name = agency(f)
    if name.endswith(("人民政府", "办公厅")):
        return "government"
    if name.endswith(("街道办事处", "街道", "乡人民政府", "镇人民政府")):
        return "street_office"
    if name.endswith(("局", "委", "办")):
        return "department"
    raise NoValue(f"cannot infer agency kind of {name}")


def year(f: str) -> int:
    return R[f]["year"]


def of_agency(sub: str) -> list[str]:
    return sorted((f for f in ALL if sub in agency(f)), key=year)


def find(sub: str, yr: int) -> str:
    hits = [f for f in of_agency(sub) if year(f) == yr]
    if not hits:
        raise NoValue(f"no {yr} report of {sub}")
    assert len(hits) == 1
    return hits[0]


def in_year(yr: int) -> list[str]:
    return [f for f in ALL if year(f) == yr]


BUREAUS = [f for f in ALL if agency(f).endswith("统计局")]


def best(files, keys, combine=lambda *xs: xs[0], low=False):
    """The agency of the unique best report (cells of the winner are cited); reports without usable cells are skipped."""
    scored = []
    for f in files:
        try:
            xs = [val(f, k, rec=False) for k in keys]
        except NoValue:
            continue
        scored.append((combine(*xs), f))
    scored.sort(key=lambda t: t[0], reverse=not low)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        raise NoValue(f"tie for best: {scored[:2]}")
    win = scored[0][1]
    for k in keys:
        val(win, k)
    return agency(win)


def select(files, key, pred):
    """Reports whose usable cell satisfies pred (their cells are cited)."""
    out = []
    for f in files:
        try:
            x = val(f, key, rec=False)
        except NoValue:
            continue
        if pred(x):
            val(f, key)
            out.append(f)
    return out


def narr(f: str, snippet: str):
    """A narrative figure of report f (gold narrative_numbers), checked against the sample text when there is one."""
    hits = [n for n in R[f].get("narrative_numbers", []) if snippet in n["text"]]
    if len(hits) != 1:
        raise NoValue(f"narrative {snippet!r} in {f}: {len(hits)} hits")
    sample = SAMPLES / f
    if sample.exists() and hits[0]["text"].replace(" ", "") not in sample.read_text(encoding="utf-8").replace(" ", ""):
        raise NoValue(f"narrative {hits[0]['text']!r} not in {sample}")
    cite(f)
    return hits[0]["value"]


HEADINGS = [("一", r"一、\s*总体情况"), ("二", r"二、\s*主动公开"), ("三", r"三、\s*收到和处理"),
            ("四", r"四、.*行政.{0,2}复议"), ("五", r"五、.*问题"), ("六", r"六、\s*其他需要报告")]


def section_of(f: str, anchor: str) -> str:
    sec = None
    found = []
    for line in (SAMPLES / f).read_text(encoding="utf-8").splitlines():
        for s, pat in HEADINGS:
            if re.match(r"^\W*" + pat, line):
                sec = s
        if anchor in line:
            found.append(sec)
    if len(set(found)) != 1 or found[0] is None:
        raise NoValue(f"anchor {anchor!r} in {f}: sections {found}")
    return found[0]


# ---------------------------------------------------------------- answer builders
def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def lst(values, ordered):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def agy(v):
    return {"kind": "agency", "value": v}


def boo(v):
    return {"kind": "boolean", "value": bool(v)}


def psg(f, anchor):
    s = section_of(f, anchor)
    cite(f)
    return {"kind": "passages", "files": [f], "sections": [s]}


def una(fn):
    try:
        got = fn()
    except NoValue as e:
        USED.clear()
        return {"kind": "unanswerable", "why": str(e)}
    raise AssertionError(f"expected no answer, got {got!r}")


def out_of_scope(*words):
    """Nothing in any report's facts or metadata keys speaks of this."""
    def fn():
        for f in ALL:
            keys = list(R[f]["facts"]) + list(R[f])
            if any(w in k for k in keys for w in words):
                return f"{f} has a field about {words}"
        raise NoValue(f"no field about {words} in any report")
    return fn


def distinct(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def cell_sum(files, key):
    return sum(val(f, key) for f in files)


HZ = of_agency("洪泽")
PROC = [f for f in ALL if fact(f, "active.procurement.amount") is not None]
Y2020 = in_year(2020)
WH = [f"requests.withheld_{x}.total" for x in ("secret", "law", "safety", "third_party", "internal", "process",
                                              "enforcement", "query")]
RT, RD, RA = "review.reconsideration.", "review.lawsuit_direct.", "review.lawsuit_after_review."

# ---------------------------------------------------------------- the 120 cases
CASES = {
    "h31-001": lambda: lst([val(L, "requests.new.total"), val(L, "requests.handled.total")], True),
    "h31-002": lambda: lst([val(H4, f"active.{k}.decisions") for k in ("licensing", "penalty", "coercion")], True),
    "h31-003": lambda: num(val(W, "active.procurement.amount"), "yuan"),
    "h31-004": lambda: num(val(H4, "active.fees.amount"), "yuan"),
    "h31-005": lambda: num(val(H3, "active.fees.amount"), "yuan"),
    "h31-006": lambda: num(narr(Y, "官方微博主动公开912条")),
    "h31-007": lambda: num(narr(H4, "主动发布各类政府信息")),
    "h31-008": lambda: num(narr(Y, "罚款总额"), "yuan"),
    "h31-009": lambda: num(narr(W, "全年主动公开政府信息")),
    "h31-010": lambda: num(cell_sum(ALL, "requests.new.total")),
    "h31-011": lambda: num(val(H3, "active.penalty.decisions") - val(H4, "active.penalty.decisions")),
    "h31-012": lambda: num(val(H4, "active.fees.amount") - val(H3, "active.fees.amount"), "yuan"),
    "h31-013": lambda: ([cite(f) for f in ALL], lst([len(ALL), len(distinct(agency(f) for f in ALL))], True))[1],
    "h31-014": lambda: num(sum(val(H4, f"requests.unavailable_{x}.total") for x in ("not_held", "needs_creation", "unclear"))),
    "h31-015": lambda: (cite(L), boo(R[L]["published"] < "2021-01-15"))[1],
    "h31-016": lambda: num(val(H3, "requests.withheld_secret.total")),
    "h31-017": lambda: num(val(H4, "requests.unavailable_not_held.total")),
    "h31-018": lambda: num(val(H4, RT + "corrected")),
    "h31-019": lambda: num(val(Y, "active.rules.public_total")),
    "h31-020": lambda: num(val(H4, "active.normative.in_force")),
    "h31-021": lambda: num(val(H3, "active.normative.repealed")),
    "h31-022": lambda: num(val(E, "active.coercion.prev_items")),
    "h31-023": lambda: num(val(H3, "requests.unavailable_needs_creation.total")),
    "h31-024": lambda: una(lambda: val(H4, "requests.other_no_correction.total")),
    "h31-025": lambda: una(lambda: val(W, "requests.carried_out.total")),
    "h31-026": lambda: una(lambda: val(G, "requests.unavailable_not_held.total")),
    "h31-027": lambda: una(lambda: val(H3, RT + "total")),
    "h31-029": lambda: lst([sum(val(H3, RT + r, allow_failed=True) for r in RESULTS),
                            val(H3, RT + "total", allow_failed=True)], True),
    "h31-030": lambda: num(val(H4, "requests.other.total")),
    "h31-033": lambda: num(val(E, "requests.new.total")),
    "h31-034": lambda: num(val(Y, "active.penalty.prev_items")),
    "h31-035": lambda: num(val(G, "active.penalty.prev_items")),
    "h31-036": lambda: num(val(W, "active.procurement.projects")),
    "h31-037": lambda: num(val(L, "active.penalty.prev_items")),
    "h31-038": lambda: num(val(H4, "requests.granted.total")),
    "h31-039": lambda: num(val(H3, "requests.partial.total")),
    "h31-040": lambda: num(val(HZ[-2], "active.penalty.decisions")),
    "h31-041": lambda: num(val(HZ[-1], "active.normative.issued")),
    "h31-042": lambda: (cite(Y), boo(R[Y]["template"] == "2021"))[1],
    "h31-043": lambda: agy(best(BUREAUS, ["requests.new.total"])),
    "h31-044": lambda: psg(E, "公开意识及内容需要进一步深化"),
    "h31-045": lambda: psg(W, "答复依申请公开处理水平有待提高"),
    "h31-046": lambda: psg(L, "统计开放日活动"),
    "h31-047": lambda: una(out_of_scope("staff", "personnel", "人员")),
    "h31-048": lambda: una(lambda: find("鹿城", year(of_agency("鹿城")[0]) - 1)),
    "h31-049": lambda: psg(Y, "积极开展统计普法宣传"),
    "h31-050": lambda: una(lambda: find("洪泽", year(HZ[0]) - 1)),
    "h31-052": lambda: num(val(HZ[-1], "requests.new.person")),
    "h31-053": lambda: num(val(find("洪泽", 2024 - 1), "requests.new.total")),
    "h31-054": lambda: num(val(Y, "active.procurement.projects")),
    "h31-055": lambda: num(val(W, "requests.unavailable_not_held.total")),
    "h31-056": lambda: num(val(E, "active.procurement.amount"), "yuan"),
    "h31-057": lambda: agy(best(BUREAUS, ["active.procurement.amount"])),
    "h31-058": lambda: boo(val(Y, "active.procurement.amount") > val(G, "active.procurement.amount")),
    "h31-059": lambda: boo(val(E, "requests.new.total") > 0),
    "h31-060": lambda: boo(val(W, "requests.new.person") == val(W, "requests.new.total")),
    "h31-061": lambda: pct(val(H4, RT + "corrected"), val(H4, RT + "total")),
    "h31-062": lambda: num(cell_sum(HZ, "active.licensing.decisions")),
    "h31-063": lambda: num(val(W, "active.procurement.amount") / val(W, "active.procurement.projects"), "yuan"),
    "h31-064": lambda: una(lambda: pct(val(H3, RT + "upheld"), val(H3, RT + "total"))),
    "h31-065": lambda: psg(G, "完善工作机制，加大公开力度"),
    "h31-066": lambda: psg(E, "把政府信息与政务公开与目标考核相结合"),
    "h31-067": lambda: num(val(H4, RD + "total") + val(H4, RA + "total")),
    "h31-068": lambda: pct(val(H4, RA + "upheld"), val(H4, RA + "total")),
    "h31-069": lambda: pct(val(H4, RD + "upheld") + val(H4, RA + "upheld"), val(H4, RD + "total") + val(H4, RA + "total")),
    "h31-070": lambda: num(sum(val(H4, g + "pending") for g in (RT, RD, RA))),
    "h31-071": lambda: num(val(H4, RT + "total")),
    "h31-072": lambda: num(val(H3, RD + "total")),
    "h31-073": lambda: num(cell_sum(ALL, RD + "total")),
    "h31-074": lambda: una(lambda: num(val(H3, RD + "total") + val(H3, RA + "total"))),
    "h31-075": lambda: boo(all([val(f, RT + "total") == 0 for f in Y2020])),
    "h31-076": lambda: agy(best(ALL, [RA + "total"])),
    "h31-077": lambda: lst([val(H4, RA + "other"), val(H4, RA + "upheld")], True),
    "h31-078": lambda: num(val(H4, RA + "pending")),
    "h31-079": lambda: lst(distinct(agency(f) for f in select(ALL, "active.penalty.decisions", lambda x: x == 0)), False),
    "h31-080": lambda: lst(distinct(agency(f) for f in select(ALL, "requests.withheld_third_party.total", lambda x: x >= 1)), False),
    "h31-081": lambda: lst(distinct(agency(f) for f in select(PROC, "active.procurement.amount", lambda x: x < 10 * 10000)), False),
    "h31-082": lambda: num(len(distinct(agency(f) for f in select(PROC, "active.procurement.amount", lambda x: x > 100 * 1000)))),
    "h31-083": lambda: num(statistics.median([val(f, "active.procurement.amount") for f in PROC]), "yuan"),
    "h31-084": lambda: num(statistics.mean([val(f, "active.procurement.amount") for f in PROC if year(f) == 2020]), "yuan"),
    "h31-085": lambda: agy(best(PROC, ["active.procurement.projects"], low=True)),
    "h31-086": lambda: agy(best(BUREAUS, ["active.procurement.amount", "active.procurement.projects"],
                                lambda a, p: a / p, low=True)),
    "h31-087": lambda: agy(best(PROC, ["active.procurement.amount", "active.procurement.projects"], lambda a, p: a / p)),
    "h31-088": lambda: num(val(Y, "active.procurement.amount") / val(Y, "active.procurement.projects"), "yuan"),
    "h31-089": lambda: num(val(W, "active.procurement.amount") - val(E, "active.procurement.amount"), "yuan"),
    "h31-090": lambda: num(val(W, "requests.new.total") - val(G, "requests.new.total")),
    "h31-091": lambda: num(statistics.mean([val(f, "requests.new.total") for f in Y2020])),
    "h31-092": lambda: num(statistics.median([val(f, "active.penalty.decisions") for f in Y2020])),
    "h31-093": lambda: num(cell_sum(BUREAUS, "active.penalty.decisions")),
    "h31-094": lambda: num(cell_sum([f for f in PROC if R[f]["province"] == "浙江省"], "active.procurement.amount"), "yuan"),
    "h31-095": lambda: pct(val(H4, "requests.granted.total"), val(H4, "requests.handled.total")),
    "h31-096": lambda: pct(val(H3, "requests.unavailable_not_held.total"), val(H3, "requests.handled.total")),
    "h31-097": lambda: pct(sum(val(H3, k) for k in WH), val(H3, "requests.handled.total")),
    "h31-098": lambda: pct(val(H3, "active.penalty.decisions") - val(H4, "active.penalty.decisions"),
                           val(H3, "active.penalty.decisions")),
    "h31-099": lambda: boo(all([val(f, "active.fees.amount") > 7500 * 10000 for f in HZ])),
    "h31-100": lambda: boo(val(H4, "requests.handled.total") > val(H3, "requests.handled.total")),
    "h31-101": lambda: boo(val(L, "active.penalty.prev_items") + val(L, "active.penalty.change")
                           == val(L, "active.penalty.decisions")),
    "h31-102": lambda: boo(narr(H4, "受理政府信息公开申请") == val(H4, "requests.new.total")),
    "h31-103": lambda: boo(narr(Y, "立案查处") == val(Y, "active.penalty.decisions")),
    "h31-107": lambda: num(narr(H4, "受理政府信息公开申请")),
    "h31-108": lambda: agy(best(Y2020, ["active.penalty.decisions"])),
    "h31-109": lambda: agy(best([f for f in PROC if R[f]["province"] == "福建省"], ["active.procurement.projects"])),
    "h31-110": lambda: psg(Y, "信息公开范围单一"),
    "h31-111": lambda: psg(G, "加强个人信息保护"),
    "h31-112": lambda: psg(W, "信息保密审查制度"),
    "h31-113": lambda: psg(Y, "加强信息公开培训"),
    "h31-114": lambda: psg(L, "存在以下两个方面的不足"),
    "h31-115": lambda: psg(G, "暂无其他需要报告的事项"),
    "h31-116": lambda: una(lambda: val(H4, "active.procurement.amount")),
    "h31-117": lambda: una(out_of_scope("days", "time", "时限", "天")),
    "h31-118": lambda: una(lambda: find("鄞州", year(of_agency("鄞州")[-1]) + 1)),
    "h31-119": lambda: num(val(Y, "requests.granted.total")),
    "h31-120": lambda: num(val(find("洪泽", year(HZ[-1]) - 1), "active.licensing.decisions")),
}


def case_028():
    bad = [(f, cells) for f in ALL for _, cells in failed_equations(f)]
    reports = distinct(f for f, _ in bad)
    if len(reports) != 1:
        raise NoValue(f"{len(reports)} reports fail")
    for f, cells in bad:
        for c in cells:
            val(f, c, allow_failed=True)
    return agy(agency(reports[0]))


def meta_select(pred):
    hits = [f for f in ALL if pred(f)]
    for f in hits:
        cite(f)
    return hits


CASES["h31-028"] = case_028
CASES["h31-031"] = lambda: num(len(meta_select(lambda f: R[f]["template"] == "2021")))
CASES["h31-032"] = lambda: lst(distinct(agency(f) for f in meta_select(lambda f: R[f]["published"] is None)), False)
CASES["h31-051"] = lambda: lst(distinct(agency(f) for f in meta_select(lambda f: kind_of(f) in ("street_office", "township"))), False)
CASES["h31-104"] = lambda: num(len(distinct(agency(f) for f in meta_select(lambda f: kind_of(f) == "government"))))
CASES["h31-105"] = lambda: num(len(distinct(agency(f) for f in meta_select(lambda f: kind_of(f) == "department"))))


def case_106():
    dated = sorted((R[f]["published"], f) for f in ALL if R[f]["published"])
    assert dated[0][0] != dated[1][0]
    cite(dated[0][1])
    return agy(agency(dated[0][1]))


CASES["h31-106"] = case_106


# ---------------------------------------------------------------- comparison
def same_value(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= TOL
    return a == b


def compare_expect(got: dict, want: dict) -> list[str]:
    errs = []
    if got["kind"] != want["kind"]:
        return [f"kind {want['kind']!r} in JSONL, recomputed {got['kind']!r} ({got})"]
    k = got["kind"]
    if k == "number":
        if want["unit"] != got["unit"]:
            errs.append(f"unit {want['unit']} vs {got['unit']}")
        if not same_value(got["value"], want["value"]):
            errs.append(f"value {want['value']} vs recomputed {got['value']}")
    elif k == "list":
        if want["ordered"] != got["ordered"]:
            errs.append("ordered flag differs")
        a, b = want["values"], got["values"]
        if not got["ordered"]:
            a, b = sorted(map(str, a)), sorted(map(str, b))
        if len(a) != len(b) or not all(same_value(x, y) for x, y in zip(a, b)):
            errs.append(f"values {want['values']} vs recomputed {got['values']}")
    elif k in ("agency", "boolean"):
        if not same_value(got["value"], want["value"]):
            errs.append(f"value {want['value']!r} vs recomputed {got['value']!r}")
    elif k == "passages":
        if set(want["files"]) != set(got["files"]) or set(want["sections"]) != set(got["sections"]):
            errs.append(f"passages {want['files']}/{want['sections']} vs {got['files']}/{got['sections']}")
    elif k == "unanswerable":
        if not want.get("note", "").strip():
            errs.append("unanswerable without a note")
    return errs


def derived_tags(cites: list[str]) -> set[str]:
    tags = set()
    files = {c.partition("#")[0] for c in cites}
    for c in cites:
        f, _, key = c.partition("#")
        if key and (fact(f, key) or {}).get("unit_assumed"):
            tags.add("guessed_unit")
    if len({year(f) for f in files}) > 1:
        tags.add("mixed_years")
    return tags


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    lines = [json.loads(x) for x in JSONL.read_text(encoding="utf-8").splitlines() if x.strip()]
    problems: list[str] = []
    if [c["id"] for c in lines] != [f"h31-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not exactly h31-001 .. h31-120 in order")
    if set(CASES) != {c["id"] for c in lines}:
        problems.append(f"reference/JSONL id sets differ: {sorted(set(CASES) ^ {c['id'] for c in lines})}")
    ok = 0
    kinds: dict[str, int] = {}
    langs = {"zh": 0, "en": 0}
    multi = 0
    for case in lines:
        cid = case["id"]
        errs = []
        allowed = {"id", "question", "turns", "expect", "cite", "tags"}
        if set(case) - allowed:
            errs.append(f"unknown fields {set(case) - allowed}")
        if not case.get("question", "").strip():
            errs.append("blank question")
        lang = [t for t in case.get("tags", []) if t in ("zh", "en")]
        if len(lang) != 1:
            errs.append(f"language tags {lang}")
        else:
            langs[lang[0]] += 1
        if case.get("turns"):
            multi += 1
            if not all(isinstance(t, str) and t.strip() for t in case["turns"]):
                errs.append("bad turns")
        USED.clear()
        fn = CASES.get(cid)
        if fn is None:
            problems.append(f"{cid}: no reference computation")
            continue
        try:
            got = fn()
        except NoValue as e:
            got = {"kind": "error", "why": str(e)}
        cites = list(USED)
        errs += compare_expect(got, case["expect"])
        if len(case["cite"]) != len(set(case["cite"])):
            errs.append("duplicate cites")
        if sorted(set(case["cite"])) != sorted(cites):
            errs.append(f"cite {sorted(case['cite'])} vs recomputed {sorted(cites)}")
        want_tags = derived_tags(cites)
        have_tags = {t for t in case.get("tags", []) if t in ("guessed_unit", "mixed_years")}
        if want_tags != have_tags:
            errs.append(f"derived tags {sorted(have_tags)} vs recomputed {sorted(want_tags)}")
        kinds[case["expect"]["kind"]] = kinds.get(case["expect"]["kind"], 0) + 1
        if verbose:
            shown = {k: v for k, v in got.items() if k != "kind"}
            print(f"{cid} [{got['kind']}] {json.dumps(shown, ensure_ascii=False)}  cite={cites}  tags={sorted(want_tags)}")
        if errs:
            problems.append(f"{cid}: " + "; ".join(errs))
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    order = ["number", "agency", "list", "boolean", "passages", "unanswerable"]
    mix = ", ".join(f"{k} {kinds.get(k, 0)}" for k in order)
    total = len(lines)
    print(f"SUMMARY: {ok}/{total} cases match ({mix}; zh {langs['zh']}, en {langs['en']}; {multi} multi-turn)")
    return 0 if ok == 120 and total == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
