#!/usr/bin/env python3
"""Reference check for eval/qa_holdout42.jsonl (stdlib only).

Recomputes every expected answer of the held-out set from the hand-checked gold cells
(tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt), then compares with what the JSONL says:

* expect (kind, value / values / ordered / files / sections; numbers to 2 decimals),
* cite (the exact set of file#key cells and bare files),
* the tags guessed_unit (a cited money cell has an assumed unit) and mixed_years
  (the cited cells come from reports of more than one year), and zh/en,
* the loader rules of eval/dataset.py (fields, kinds, units, the cite regex, unique ids).

Rules applied while recomputing: only cells whose state is `number` give numbers; a cell of a
group that fails a balance equation (R1-R4, recomputed here) may only be used by a question
about that failure (`allow_fail=True`); otherwise the question is unanswerable. Money is in yuan.
For the Hongze reports the agency kind follows from the name (人民政府 = government).

Prints one line per mismatch and a SUMMARY line; exits 0 only when all 120 cases match.
Usage: python3 eval/qa_holdout42_reference.py
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
DATASET = ROOT / "eval" / "qa_holdout42.jsonl"
N_CASES = 120

# ---------------------------------------------------------------- the reports
CODES = {  # short code -> gold fixture
    "A": "000_2133ae744f48d674.json",
    "B": "001_19df74b8cb7281a4.json",
    "C": "002_c42cd15df52a6935.json",
    "D": "003_acfa5b9243423631.json",
    "E": "004_5206fb2196a31c52.json",
    "F": "hongze-qu-gov-2023.json",
    "G": "hongze-qu-gov-2024.json",
}
R = {}
for code, name in CODES.items():
    d = json.loads((GOLD / name).read_text(encoding="utf-8"))
    d["cite_file"] = Path(d["file"]).name  # hongze: samples/pdf/x.pdf -> x.pdf
    if not d.get("agency_kind"):
        d["agency_kind"] = "government" if "人民政府" in d["agency"] else (
            "street_office" if ("街道" in d["agency"] or "乡" in d["agency"] or "镇" in d["agency"]) else "department")
    R[code] = d
ORDER = list(CODES)
BY_FILE = {R[c]["cite_file"]: c for c in ORDER}

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS = ["granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc"]
REQ_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
UNAVAIL = [r for r in OUTCOME_ROWS if r.startswith("unavailable_")]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def fact(code, key):
    return R[code]["facts"].get(key)


def is_num(code, key):
    f = fact(code, key)
    return f is not None and f["state"] == "number"


def present(code, key):
    f = fact(code, key)
    return f is not None and f["state"] != "absent"


# ------------------------------------------------------- balance equations R1-R4
def equations(code):
    """(rule, name, cells, lhs cells, rhs cells) for every equation of one report."""
    eqs = []
    for col in COLS:
        eqs.append(("R1", f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                    [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
        rows = [f"requests.{r}.{col}" for r in OUTCOME_ROWS if present(code, f"requests.{r}.{col}")]
        eqs.append(("R2", f"R2[{col}]", [f"requests.handled.{col}"], rows))
    for row in REQ_ROWS:
        if not present(code, f"requests.{row}.total"):
            continue
        eqs.append(("R3", f"R3[{row}]", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS[:-1]]))
    for g in REVIEW_GROUPS:
        eqs.append(("R4", f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{c}" for c in REVIEW_COLS[:-1]]))
    return eqs


FAILED = {}        # code -> list of (rule, name, lhs, rhs)
FAIL_CELLS = set()  # (code, key) of every cell of a failing equation
for _c in ORDER:
    FAILED[_c] = []
    for rule, name, lhs, rhs in equations(_c):
        cells = lhs + rhs
        if not all(is_num(_c, k) for k in cells):
            continue  # a blank cell: not checkable (blank is not zero)
        lv = sum(fact(_c, k)["value"] for k in lhs)
        rv = sum(fact(_c, k)["value"] for k in rhs)
        if abs(lv - rv) > 1e-9:
            FAILED[_c].append((rule, name, lhs, rhs))
            FAIL_CELLS.update((_c, k) for k in cells)


# ------------------------------------------------------------ the sample texts
SECTION_HEAD = [("一", "总体情况"), ("二", "主动公开"), ("三", "收到和处理"),
                ("四", "行政复议"), ("五", "存在的主要问题"), ("六", "其他需要报告")]


def sections_of(text):
    """line index -> canonical section, from headings found in order (一 before 二 ...)."""
    lines = text.splitlines()
    starts = []
    want = 0
    for i, line in enumerate(lines):
        if want >= len(SECTION_HEAD):
            break
        num, word = SECTION_HEAD[want]
        if re.match(rf"^[#*\s]*{num}、[^。]*{word}", line.strip()):
            starts.append((i, num))
            want += 1
    out = {}
    for j, (i, num) in enumerate(starts):
        end = starts[j + 1][0] if j + 1 < len(starts) else len(lines)
        for k in range(i, end):
            out[k] = num
    return lines, out


TEXTS = {}
for _p in sorted(SAMPLES.glob("*.txt")):
    TEXTS[_p.name] = sections_of(_p.read_text(encoding="utf-8"))


def find_passage(phrase, file=None):
    """(file, section) of the single line that contains `phrase` (all samples if file is None)."""
    hits = []
    for name, (lines, secs) in TEXTS.items():
        if file and name != file:
            continue
        for i, line in enumerate(lines):
            if phrase in line:
                hits.append((name, secs.get(i)))
    files = {h[0] for h in hits}
    if len(files) != 1:
        raise AssertionError(f"phrase {phrase!r} found in {sorted(files)}")
    secs = {h[1] for h in hits}
    if len(secs) != 1 or None in secs:
        raise AssertionError(f"phrase {phrase!r}: sections {secs}")
    return hits[0][0], hits[0][1]


# ------------------------------------------------------------------ the context
class Unusable(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites = []
        self.files = []  # bare passage cites

    def v(self, code, key, allow_fail=False):
        f = fact(code, key)
        if f is None or f["state"] != "number":
            raise Unusable(f"{code}:{key} state {None if f is None else f['state']}")
        if (code, key) in FAIL_CELLS and not allow_fail:
            raise Unusable(f"{code}:{key} belongs to a failing group")
        c = R[code]["cite_file"] + "#" + key
        if c not in self.cites:
            self.cites.append(c)
        return f["value"]

    def passage(self, phrase, file=None):
        name, sec = find_passage(phrase, file)
        if name not in self.files:
            self.files.append(name)
        return name, sec


def agency(code):
    return R[code]["agency"]


def sel(year=None, province=None, kind=None, template=None, years=None, bureau=None, has=None):
    out = []
    for c in ORDER:
        d = R[c]
        if year is not None and d["year"] != year:
            continue
        if years is not None and d["year"] not in years:
            continue
        if province is not None and d["province"] not in (province if isinstance(province, (list, tuple, set)) else [province]):
            continue
        if kind is not None and d["agency_kind"] != kind:
            continue
        if template is not None and d["template"] != template:
            continue
        if bureau is not None and d["agency"].endswith("统计局") != bureau:
            continue
        if has is not None and not present(c, has):
            continue
        out.append(c)
    return out


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def lst(vs, ordered=False):
    return {"kind": "list", "values": vs, "ordered": ordered}


def ag(name):
    return {"kind": "agency", "value": name}


def yn(b):
    return {"kind": "boolean", "value": bool(b)}


def psg(file, sec):
    return {"kind": "passages", "files": [file], "sections": [sec]}


UNA = {"kind": "unanswerable"}


def pct(a, b):
    return 100.0 * a / b


def ranked(ctx, codes, key, desc=True):
    vals = {c: ctx.v(c, key) for c in codes}
    return sorted(codes, key=lambda c: -vals[c] if desc else vals[c]), vals


def group_fails(code, group):
    return any(name == f"R4[{group}]" for _, name, _, _ in FAILED[code])


def fail_group_cells(ctx, code, group):
    return [ctx.v(code, f"review.{group}.{col}", allow_fail=True) for col in REVIEW_COLS]


# ------------------------------------------------------------------ the cases
SPECS = []


def case(fn):
    SPECS.append(fn)
    return fn


def hongze(year):
    rs = [c for c in ORDER if "洪泽" in R[c]["agency"] and R[c]["year"] == year]
    assert len(rs) == 1
    return rs[0]


def by_name(fragment):
    rs = [c for c in ORDER if fragment in R[c]["agency"]]
    assert len(rs) == 1, (fragment, rs)
    return rs[0]


# zh: inspector
@case
def _(x):  # 001 2020 procurement > 100000, descending
    rs = sel(year=2020, has="active.procurement.amount")
    order, vals = ranked(x, rs, "active.procurement.amount")
    return lst([agency(c) for c in order if vals[c] > 100000], True)


@case
def _(x):  # 002 R4 failure: recon parts minus total
    F = hongze(2023)
    assert group_fails(F, "reconsideration")
    u, co, o, p, t = fail_group_cells(x, F, "reconsideration")
    return num(u + co + o + p - t)


@case
def _(x):  # 003 narrative vs table penalty
    C = by_name("鄞州")
    tv = x.v(C, "active.penalty.decisions")
    x.passage("立案查处", R[C]["cite_file"])
    line = next(l for l in TEXTS[R[C]["cite_file"]][0] if "立案查处" in l)
    nv = int(re.search(r"立案查处(\d+)起", line).group(1))
    return yn(nv == tv)


@case
def _(x):  # 004 2020 reports without published date
    return lst([agency(c) for c in sel(year=2020) if not R[c]["published"]])


@case
def _(x):  # 005 narrative numbers that disagree with their table cells
    out = []
    for c in ORDER:
        for n in R[c]["narrative_numbers"]:
            cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
            if not cells:
                continue
            printed = [k for k in cells if is_num(c, k)]
            tv = sum(fact(c, k)["value"] for k in printed)
            if abs(tv - n["value"]) > 1e-9:
                for k in printed:
                    x.v(c, k)
                if agency(c) not in out:
                    out.append(agency(c))
    return lst(out)


@case
def _(x):  # 006
    D = by_name("温泉")
    return yn(x.v(D, "requests.new.total") == x.v(D, "requests.handled.total"))


@case
def _(x):  # 007 2020 statistics bureaus with 0 penalties
    rs = sel(year=2020, bureau=True)
    return lst([agency(c) for c in rs if x.v(c, "active.penalty.decisions") == 0])


@case
def _(x):  # 008 licensing difference 2024-2023
    return num(x.v(hongze(2024), "active.licensing.decisions") - x.v(hongze(2023), "active.licensing.decisions"))


@case
def _(x):  # 009 bureaus: most penalty prev_items
    rs = sel(bureau=True, has="active.penalty.prev_items")
    order, _ = ranked(x, rs, "active.penalty.prev_items")
    return ag(agency(order[0]))


@case
def _(x):  # 010
    F = hongze(2023)
    assert fact(F, "active.fees.amount").get("unit_printed") == "万元"
    return num(x.v(F, "active.fees.amount"), "yuan")


@case
def _(x):  # 011
    return num(sum(x.v(c, "requests.withheld_third_party.total") for c in sel(year=2020)))


@case
def _(x):  # 012 followup: unavailable sum 2024
    G = hongze(2024)
    return num(sum(x.v(G, f"requests.{r}.total") for r in UNAVAIL))


# zh: hotline
@case
def _(x):  # 013
    return num(x.v(by_name("鹿城"), "active.procurement.projects"))


@case
def _(x):  # 014
    return num(x.v(by_name("温泉"), "requests.unavailable_not_held.total"))


@case
def _(x):  # 015
    return num(x.v(hongze(2024), "requests.new.total"))


@case
def _(x):  # 016
    return yn(x.v(by_name("二七"), "requests.new.total") > 0)


@case
def _(x):  # 017 recon 2023 unusable
    F = hongze(2023)
    try:
        x.v(F, "review.reconsideration.total")
    except Unusable:
        return UNA
    raise AssertionError("expected an unusable cell")


@case
def _(x):  # 018 no published date
    assert R[by_name("鄞州")]["published"] is None
    return UNA


@case
def _(x):  # 019
    return num(x.v(by_name("鼓楼区统计局"), "active.procurement.amount"), "yuan")


@case
def _(x):  # 020 penalty decrease
    return num(x.v(hongze(2023), "active.penalty.decisions") - x.v(hongze(2024), "active.penalty.decisions"))


@case
def _(x):  # 021 followup
    return num(x.v(by_name("温泉"), "requests.granted.total"))


@case
def _(x):  # 022
    return num(x.v(by_name("二七"), "active.procurement.amount"), "yuan")


# zh: teacher
@case
def _(x):  # 023
    return num(x.v(hongze(2024), "active.normative.in_force"))


@case
def _(x):  # 024
    B = by_name("鹿城")
    return yn(x.v(B, "active.penalty.prev_items") + x.v(B, "active.penalty.change") == x.v(B, "active.penalty.decisions"))


@case
def _(x):  # 025
    return num(x.v(by_name("鄞州"), "requests.granted.total"))


@case
def _(x):  # 026
    return yn(x.v(by_name("温泉"), "active.procurement.amount") > x.v(by_name("鹿城"), "active.procurement.amount"))


@case
def _(x):  # 027
    return num(x.v(hongze(2023), "requests.unavailable_needs_creation.total"))


@case
def _(x):  # 028
    return yn(sum(x.v(c, "requests.new.total") for c in sel(year=2020, province="福建省")) == 5)


@case
def _(x):  # 029
    G = hongze(2024)
    return num(x.v(G, "review.lawsuit_direct.total") + x.v(G, "review.lawsuit_after_review.total"))


@case
def _(x):  # 030
    return yn(x.v(hongze(2023), "active.coercion.decisions") > 200)


@case
def _(x):  # 031 fewest procurement projects
    order, _ = ranked(x, sel(has="active.procurement.projects"), "active.procurement.projects", desc=False)
    return ag(agency(order[0]))


@case
def _(x):  # 032
    G = hongze(2024)
    return yn(x.v(G, "requests.granted.total") > x.v(G, "requests.new.total") / 2)


# zh: Taiwan
@case
def _(x):  # 033
    return num(x.v(hongze(2024), "requests.unavailable_not_held.total"))


@case
def _(x):  # 034
    return num(x.v(by_name("鹿城"), "requests.partial.total"))


@case
def _(x):  # 035 second-highest 2020 procurement
    order, _ = ranked(x, sel(year=2020, has="active.procurement.amount"), "active.procurement.amount")
    return ag(agency(order[1]))


@case
def _(x):  # 036
    return lst([agency(c) for c in sel(province="福建省")])


@case
def _(x):  # 037
    return num(x.v(hongze(2023), "active.penalty.decisions"))


@case
def _(x):  # 038 exchange rate not in data
    assert is_num(by_name("鄞州"), "active.procurement.amount")
    assert not any("rate" in k or "twd" in k for c in ORDER for k in R[c]["facts"])
    return UNA


@case
def _(x):  # 039 followup coercion prev_items
    return num(x.v(by_name("二七"), "active.coercion.prev_items"))


@case
def _(x):  # 040 passage
    f, s = x.passage("邀请律师", "003_acfa5b9243423631.txt")
    return psg(f, s)


@case
def _(x):  # 041
    return num(sum(x.v(c, "active.licensing.decisions") for c in (hongze(2023), hongze(2024))))


@case
def _(x):  # 042
    return lst([agency(c) for c in sel(year=2020) if x.v(c, "requests.new.total") == 0])


# zh: lawyer
@case
def _(x):  # 043
    return num(x.v(hongze(2024), "review.lawsuit_after_review.total"))


@case
def _(x):  # 044
    G = hongze(2024)
    return num(pct(x.v(G, "review.reconsideration.upheld"), x.v(G, "review.reconsideration.total")), "percent")


@case
def _(x):  # 045
    try:
        x.v(hongze(2023), "review.lawsuit_after_review.upheld")
    except Unusable:
        return UNA
    raise AssertionError("expected an unusable cell")


@case
def _(x):  # 046
    return yn(any(x.v(c, "review.reconsideration.total") > 0 for c in sel(year=2020)))


@case
def _(x):  # 047
    C = by_name("鄞州")
    assert fact(C, "review.lawsuit_direct.pending")["raw"] == "00"
    return num(x.v(C, "review.lawsuit_direct.pending"))


@case
def _(x):  # 048
    F = hongze(2023)
    assert not group_fails(F, "lawsuit_direct")
    return num(x.v(F, "review.lawsuit_direct.total"))


# zh: stacked
@case
def _(x):  # 049
    rs = sel(year=2020, province="浙江省", bureau=True)
    return num(sum(x.v(c, "active.penalty.decisions") for c in rs))


@case
def _(x):  # 050
    return num(sum(x.v(c, "active.procurement.projects") for c in sel(year=2020, province="福建省")))


@case
def _(x):  # 051
    return num(sum(1 for c in sel(template="2021") if x.v(c, "requests.new.total") > 50))


@case
def _(x):  # 052
    rs = sel(years={2019, 2020}, province="浙江省", bureau=True)
    per = {c: x.v(c, "active.procurement.amount") / x.v(c, "active.procurement.projects") for c in rs}
    return ag(agency(max(rs, key=lambda c: per[c])))


@case
def _(x):  # 053
    return num(sum(1 for c in sel(year=2020, bureau=True) if x.v(c, "active.penalty.prev_items") >= 10))


@case
def _(x):  # 054
    rs = [c for c in sel(kind="government") if R[c]["year"] >= 2023]
    return num(sum(x.v(c, "active.coercion.decisions") for c in rs))


# zh: meta / refuse / passages / followup
@case
def _(x):  # 055
    return num(len(sel(template="2019")))


@case
def _(x):  # 056
    assert not any("南京" in R[c]["agency"] or R[c]["city"] == "南京市" for c in ORDER)
    return UNA


@case
def _(x):  # 057
    G = hongze(2024)
    assert not present(G, "active.procurement.amount")
    return UNA


@case
def _(x):  # 058
    f, s = x.passage("普法宣传", "002_c42cd15df52a6935.txt")
    return psg(f, s)


@case
def _(x):  # 059
    f, s = x.passage("规范公开时间", "004_5206fb2196a31c52.txt")
    return psg(f, s)


@case
def _(x):  # 060
    a, b = x.v(hongze(2023), "requests.new.total"), x.v(hongze(2024), "requests.new.total")
    return num(pct(b - a, a), "percent")


# en: dataviz
@case
def _(x):  # 061
    order, _ = ranked(x, sel(year=2020, has="active.procurement.amount"), "active.procurement.amount")
    return lst([agency(c) for c in order], True)


@case
def _(x):  # 062
    rs = sel(year=2020, has="active.procurement.amount")
    tot = sum(x.v(c, "active.procurement.amount") for c in rs)
    return num(pct(x.v(by_name("鼓楼区统计局"), "active.procurement.amount"), tot), "percent")


@case
def _(x):  # 063
    return lst([x.v(hongze(y), "active.penalty.decisions") for y in (2023, 2024)], True)


@case
def _(x):  # 064
    D = by_name("温泉")
    return num(x.v(D, "active.procurement.amount") / x.v(D, "active.procurement.projects"), "yuan")


@case
def _(x):  # 065
    order, _ = ranked(x, sel(has="active.procurement.projects"), "active.procurement.projects")
    return lst([agency(c) for c in order], True)


@case
def _(x):  # 066
    a, b = x.v(hongze(2023), "active.licensing.decisions"), x.v(hongze(2024), "active.licensing.decisions")
    return num(pct(b - a, a), "percent")


@case
def _(x):  # 067
    G = hongze(2024)
    return num(pct(x.v(G, "requests.unavailable_not_held.total"), x.v(G, "requests.handled.total")), "percent")


@case
def _(x):  # 068
    order = [by_name("鼓楼区统计局"), by_name("鹿城"), by_name("温泉"), by_name("二七")]
    return lst([x.v(c, "requests.new.total") for c in order], True)


@case
def _(x):  # 069
    return num(sum(x.v(hongze(y), "active.fees.amount") for y in (2023, 2024)), "yuan")


@case
def _(x):  # 070
    order, _ = ranked(x, sel(), "requests.new.total")
    return ag(agency(order[0]))


@case
def _(x):  # 071
    F = hongze(2023)
    return num(pct(x.v(F, "requests.granted.total"), x.v(F, "requests.handled.total")), "percent")


@case
def _(x):  # 072
    return num(statistics.median(x.v(c, "active.procurement.amount") for c in sel(has="active.procurement.amount")), "yuan")


@case
def _(x):  # 073
    order, vals = ranked(x, sel(years={2019, 2020}), "active.penalty.decisions")
    return lst([agency(c) for c in order[:3]], True)


@case
def _(x):  # 074
    return num(x.v(by_name("鄞州"), "active.procurement.amount") - x.v(by_name("鹿城"), "active.procurement.amount"), "yuan")


@case
def _(x):  # 075
    tot = sum(x.v(c, "requests.new.total") for c in sel())
    return num(pct(x.v(hongze(2024), "requests.new.total"), tot), "percent")


@case
def _(x):  # 076
    G = hongze(2024)
    vals = [x.v(G, f"active.{k}.decisions") for k in ("licensing", "penalty", "coercion")]
    return lst(sorted(vals, reverse=True), True)


@case
def _(x):  # 077
    return lst([x.v(hongze(y), "active.normative.in_force") for y in (2023, 2024)], True)


@case
def _(x):  # 078
    f, _s = x.passage("律师")
    return ag(agency(BY_FILE[f]))


# en: lawyer
@case
def _(x):  # 079
    return num(x.v(hongze(2024), "review.reconsideration.total"))


@case
def _(x):  # 080
    return num(x.v(hongze(2024), "review.lawsuit_direct.total"))


@case
def _(x):  # 081
    G = hongze(2024)
    up = x.v(G, "review.lawsuit_direct.upheld") + x.v(G, "review.lawsuit_after_review.upheld")
    tot = x.v(G, "review.lawsuit_direct.total") + x.v(G, "review.lawsuit_after_review.total")
    return num(pct(up, tot), "percent")


@case
def _(x):  # 082
    G = hongze(2024)
    return yn(x.v(G, "review.lawsuit_direct.pending") + x.v(G, "review.lawsuit_after_review.pending") > 0)


@case
def _(x):  # 083
    try:
        x.v(hongze(2023), "review.reconsideration.upheld")
    except Unusable:
        return UNA
    raise AssertionError("expected an unusable cell")


@case
def _(x):  # 084 does section 四 balance
    F = hongze(2023)
    bad = [g for g in REVIEW_GROUPS if group_fails(F, g)]
    for g in bad:
        fail_group_cells(x, F, g)
    return yn(not bad)


@case
def _(x):  # 085 how many groups fail
    F = hongze(2023)
    bad = [g for g in REVIEW_GROUPS if group_fails(F, g)]
    for g in bad:
        fail_group_cells(x, F, g)
    return num(len(bad))


@case
def _(x):  # 086
    F = hongze(2023)
    assert group_fails(F, "lawsuit_after_review")
    u, co, o, p, t = fail_group_cells(x, F, "lawsuit_after_review")
    return num(u + co + o + p - t)


@case
def _(x):  # 087
    return yn(any(x.v(c, f"review.{g}.total") > 0 for c in sel(year=2020) for g in ("lawsuit_direct", "lawsuit_after_review")))


@case
def _(x):  # 088
    return num(x.v(by_name("鼓楼区统计局"), "requests.withheld_third_party.total"))


@case
def _(x):  # 089
    return num(x.v(by_name("鄞州"), "review.reconsideration.total"))


@case
def _(x):  # 090 agencies failing any check
    out = []
    for c in ORDER:
        for rule, name, lhs, rhs in FAILED[c]:
            for k in lhs + rhs:
                x.v(c, k, allow_fail=True)
            if agency(c) not in out:
                out.append(agency(c))
    return lst(out)


# en: hotline
@case
def _(x):  # 091
    D = by_name("温泉")
    return num(sum(x.v(D, f"requests.{r}.total") for r in WITHHELD))


@case
def _(x):  # 092
    return yn(x.v(by_name("鹿城"), "requests.granted.total") > 0)


@case
def _(x):  # 093
    return num(x.v(hongze(2024), "requests.carried_out.total"))


@case
def _(x):  # 094
    return num(x.v(hongze(2024), "requests.partial.total"))


@case
def _(x):  # 095
    return num(x.v(hongze(2024), "active.fees.amount"), "yuan")


@case
def _(x):  # 096
    return num(x.v(by_name("鹿城"), "active.coercion.decisions"))


@case
def _(x):  # 097 staff pay not in the data
    assert not any("salar" in k or "wage" in k or "staff" in k for c in ORDER for k in R[c]["facts"])
    return UNA


@case
def _(x):  # 098
    return num(x.v(by_name("温泉"), "active.normative.published"))


@case
def _(x):  # 099 followup: Zhejiang, smaller procurement
    order, _ = ranked(x, sel(province="浙江省", has="active.procurement.amount"), "active.procurement.amount", desc=False)
    return ag(agency(order[0]))


@case
def _(x):  # 100
    return num(x.v(by_name("鄞州"), "requests.new.business"))


# en: teacher
@case
def _(x):  # 101
    G = hongze(2024)
    return yn(x.v(G, "active.normative.repealed") > x.v(G, "active.normative.issued"))


@case
def _(x):  # 102
    return yn(all(x.v(c, "active.penalty.decisions") >= 1 for c in sel(year=2020, bureau=True)))


@case
def _(x):  # 103
    F = hongze(2023)
    return yn(x.v(F, "requests.handled.total") == x.v(F, "requests.new.total"))


@case
def _(x):  # 104
    return num(x.v(hongze(2024), "requests.declined_complaint.total"))


# en: stacked
@case
def _(x):  # 105
    rs = [c for c in sel(year=2020, bureau=True) if R[c]["province"] != "福建省"]
    return num(sum(x.v(c, "active.procurement.amount") for c in rs), "yuan")


@case
def _(x):  # 106
    rs = sel(year=2020, province=("浙江省", "河南省"), kind="department")
    return lst([agency(c) for c in rs if x.v(c, "active.procurement.projects") > 5])


@case
def _(x):  # 107
    return num(sum(x.v(c, "requests.new.total") for c in sel(kind="government", template="2021")))


@case
def _(x):  # 108
    rs = sel(year=2020, province="福建省", has="active.procurement.amount")
    per = {c: x.v(c, "active.procurement.amount") / x.v(c, "active.procurement.projects") for c in rs}
    return ag(agency(max(rs, key=lambda c: per[c])))


@case
def _(x):  # 109
    n = 0
    for c in sel(years={2019, 2020}, bureau=True):
        if x.v(c, "requests.new.total") == 0 and x.v(c, "active.penalty.prev_items") >= 1:
            n += 1
    return num(n)


@case
def _(x):  # 110
    rs = [c for c in sel(year=2020, bureau=True) if x.v(c, "active.procurement.amount") < 100000]
    return num(sum(x.v(c, "active.procurement.projects") for c in rs))


@case
def _(x):  # 111
    rs = sel(template="2021")
    low = min(rs, key=lambda c: x.v(c, "requests.new.total"))
    return num(x.v(low, "active.penalty.decisions") + x.v(low, "active.coercion.decisions"))


@case
def _(x):  # 112
    rs = [c for c in sel(year=2020, kind="street_office") if R[c]["city"] == "福州市"]
    assert len(rs) == 1
    return num(pct(x.v(rs[0], "requests.withheld_third_party.total"), x.v(rs[0], "requests.new.total")), "percent")


@case
def _(x):  # 113 blank cell
    assert fact(by_name("温泉"), "requests.carried_out.total")["state"] == "blank"
    return UNA


@case
def _(x):  # 114
    return num(sum(1 for c in sel(year=2020, province="福建省") if x.v(c, "requests.new.total") >= 2))


# en: meta / passages / refuse
@case
def _(x):  # 115
    return lst(sorted({R[c]["year"] for c in sel(template="2021")}))


@case
def _(x):  # 116
    f, s = x.passage("保密审查", "002_c42cd15df52a6935.txt")
    return psg(f, s)


@case
def _(x):  # 117
    f, _s = x.passage("每季度向区档案馆报送")
    return ag(agency(BY_FILE[f]))


@case
def _(x):  # 118
    f, s = x.passage("统计开放日", "001_19df74b8cb7281a4.txt")
    return psg(f, s)


@case
def _(x):  # 119
    rs = sel(year=2023)
    assert rs and not any(present(c, "active.procurement.amount") for c in rs)
    return UNA


@case
def _(x):  # 120
    assert not sel(year=2022)
    return UNA


# ------------------------------------------------------------------ comparison
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")


def loader_problems(d):
    """The rules of eval/dataset.py, re-stated without pydantic."""
    p = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        p.append(f"unknown fields {sorted(extra)}")
    if not isinstance(d.get("id"), str) or not d["id"]:
        p.append("id")
    if not isinstance(d.get("question"), str) or not d["question"].strip():
        p.append("question")
    if "turns" in d and not (isinstance(d["turns"], list) and all(isinstance(t, str) for t in d["turns"])):
        p.append("turns")
    if not (isinstance(d.get("cite", []), list) and all(isinstance(c, str) and _CITE.match(c) for c in d.get("cite", []))):
        p.append("cite form")
    if not (isinstance(d.get("tags", []), list) and all(isinstance(t, str) for t in d.get("tags", []))):
        p.append("tags")
    e = d.get("expect")
    if not isinstance(e, dict) or e.get("kind") not in KINDS:
        return p + ["expect.kind"]
    k = e["kind"]
    if k == "number":
        if isinstance(e.get("value"), bool) or not isinstance(e.get("value"), (int, float)):
            p.append("number value")
        if e.get("unit") not in ("count", "yuan", "percent"):
            p.append("unit")
    elif k == "agency":
        if not isinstance(e.get("value"), str) or not e["value"]:
            p.append("agency value")
    elif k == "list":
        if not isinstance(e.get("values"), list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in e["values"]):
            p.append("list values")
        if not isinstance(e.get("ordered", False), bool):
            p.append("ordered")
    elif k == "boolean":
        if not isinstance(e.get("value"), bool):
            p.append("boolean value")
    elif k == "passages":
        if not e.get("files") or not all(isinstance(f, str) for f in e["files"]):
            p.append("files")
        if not e.get("sections") or not all(s in ("一", "二", "三", "四", "五", "六") for s in e["sections"]):
            p.append("sections")
    return p


def same_value(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(round(float(a), 2) - round(float(b), 2)) < 1e-6
    return a == b


def compare_expect(got, want):
    k = want["kind"]
    if got.get("kind") != k:
        return f"kind {got.get('kind')} != {k}"
    if k == "number":
        if got.get("unit") != want["unit"]:
            return f"unit {got.get('unit')} != {want['unit']}"
        if not same_value(got.get("value"), want["value"]):
            return f"value {got.get('value')} != {round(want['value'], 2)}"
    elif k in ("agency", "boolean"):
        if got.get("value") != want["value"]:
            return f"value {got.get('value')!r} != {want['value']!r}"
    elif k == "list":
        if bool(got.get("ordered", False)) != want["ordered"]:
            return f"ordered {got.get('ordered')} != {want['ordered']}"
        gv, wv = got.get("values", []), want["values"]
        if len(gv) != len(wv):
            return f"values {gv} != {wv}"
        if want["ordered"]:
            ok = all(same_value(a, b) for a, b in zip(gv, wv))
        else:
            key = lambda v: (str(type(v) is str), str(round(v, 2)) if not isinstance(v, str) else v)
            ok = all(same_value(a, b) for a, b in zip(sorted(gv, key=key), sorted(wv, key=key)))
        if not ok:
            return f"values {gv} != {wv}"
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(want["files"]) or sorted(got.get("sections", [])) != sorted(want["sections"]):
            return f"passages {got.get('files')}/{got.get('sections')} != {want['files']}/{want['sections']}"
    return None


def main():
    lines = [l for l in DATASET.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    problems = []
    ok = 0
    if len(SPECS) != N_CASES:
        problems.append(f"reference has {len(SPECS)} specs, expected {N_CASES}")
    ids = [c.get("id") for c in cases]
    if ids != ["h42-%03d" % i for i in range(1, N_CASES + 1)]:
        problems.append("ids are not h42-001 .. h42-120 in order")
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    zh = sum("zh" in c.get("tags", []) for c in cases)
    en = sum("en" in c.get("tags", []) for c in cases)
    if (zh, en) != (60, 60) or any(("zh" in c["tags"]) == ("en" in c["tags"]) for c in cases):
        problems.append(f"language split zh={zh} en={en} (want 60/60, exactly one per case)")
    for c in cases:
        t = c.get("turns")
        if t is not None and not (1 <= len(t) <= 3):
            problems.append(f"{c['id']}: {len(t)} earlier turns (a chat has 2-4 turns)")
    for i, c in enumerate(cases):
        cid = c.get("id", f"line {i + 1}")
        errs = loader_problems(c)
        if i >= len(SPECS):
            errs.append("no reference spec")
        else:
            x = Ctx()
            try:
                want = SPECS[i](x)
            except Unusable as e:
                want = None
                errs.append(f"reference hit an unusable cell: {e}")
            except AssertionError as e:
                want = None
                errs.append(f"reference assertion: {e}")
            if want is not None:
                m = compare_expect(c.get("expect", {}), want)
                if m:
                    errs.append(m)
                want_cite = x.cites + x.files
                if sorted(c.get("cite", [])) != sorted(want_cite) or len(set(c.get("cite", []))) != len(c.get("cite", [])):
                    errs.append(f"cite {c.get('cite')} != {want_cite}")
                cells = [(BY_FILE[k.split('#')[0]], k.split('#')[1]) for k in x.cites]
                guessed = any(fact(r, k).get("unit_assumed") for r, k in cells)
                mixed = len({R[r]["year"] for r, _ in cells}) > 1
                tags = c.get("tags", [])
                if ("guessed_unit" in tags) != guessed:
                    errs.append(f"guessed_unit tag {'guessed_unit' in tags} != {guessed}")
                if ("mixed_years" in tags) != mixed:
                    errs.append(f"mixed_years tag {'mixed_years' in tags} != {mixed}")
                if want["kind"] == "unanswerable" and c.get("cite"):
                    errs.append("an unanswerable case cites cells")
        if errs:
            problems.append(f"{cid}: " + "; ".join(errs))
        else:
            ok += 1
    # the recomputed balance checks must agree with the gold's own verdicts
    for code in ORDER:
        gold_fail = sorted(r for r, v in R[code]["checks"].items() if not str(v).startswith("pass"))
        mine = sorted({rule for rule, *_ in FAILED[code]})
        if gold_fail != mine:
            problems.append(f"balance checks of {R[code]['cite_file']}: recomputed {mine} vs gold {gold_fail}")
    for p in problems:
        print("MISMATCH", p)
    print(f"SUMMARY {ok}/{N_CASES} cases match; {len(problems)} problem(s)")
    return 0 if ok == N_CASES and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
