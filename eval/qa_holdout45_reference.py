#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout45.jsonl (stdlib only).

Recomputes every case's expected answer, cite list and the guessed_unit / mixed_years tags from the
hand-checked gold cells (tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt). Prints each mismatch and a SUMMARY line; exits 0 only when all 120 cases agree.

Conventions enforced here:
  * a number may only come from a cell whose state is `number`;
  * cells of a group that fails a balance rule (R1-R4, evaluated here from the cells) may only be used
    by a case tagged `r4-failure` (a question about the failure itself); otherwise the case must be
    `unanswerable` and the reason is re-checked;
  * money is compared in yuan (the gold stores yuan); every cell used is cited as file#key;
  * guessed_unit  <=> a cited money cell has an assumed unit (`unit_assumed`);
    mixed_years  <=> the cited reports (cells or bare files) cover more than one report year;
  * Hongze agency kind follows from the name (人民政府 -> government).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout45.jsonl"

SHORT = {"gulou": "000_2133ae744f48d674", "lucheng": "001_19df74b8cb7281a4", "yinzhou": "002_c42cd15df52a6935",
         "wenquan": "003_acfa5b9243423631", "erqi": "004_5206fb2196a31c52",
         "hz23": "hongze-qu-gov-2023", "hz24": "hongze-qu-gov-2024"}
GOLD = {s: json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8")) for s, stem in SHORT.items()}
FILE = {s: Path(d["file"]).name for s, d in GOLD.items()}          # cite file name = basename of the gold 'file'
BY_FILE = {FILE[s]: s for s in GOLD}
ALL = list(SHORT)

OUT_ROWS = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "declined_complaint", "declined_duplicate",
            "declined_publication", "declined_excessive", "declined_confirmation", "other",
            "other_no_correction", "other_no_fee", "other_misc"]
APPL = ["person", "business", "research", "nonprofit", "legal", "other_org"]
REQ_COLS = APPL + ["total"]
REV_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REV_PARTS = ["upheld", "corrected", "other", "pending"]


class Bad(Exception):
    pass


# --------------------------------------------------------------------------- balance rules, from the cells
def _num(r, key):
    f = GOLD[r]["facts"].get(key)
    return f["value"] if f and f["state"] == "number" else None


def _state(r, key):
    f = GOLD[r]["facts"].get(key)
    return f["state"] if f else "absent"


def failing_cells():
    """(report, key) of every cell in an equation that can be evaluated and does not hold."""
    bad, found = set(), []

    def check(r, rule, lhs, rhs):
        keys = lhs + rhs
        if any(_state(r, k) not in ("number", "absent") for k in keys):
            return  # a blank/unreadable cell: the equation cannot be evaluated
        keys = [k for k in keys if _state(r, k) == "number"]
        a = sum(_num(r, k) for k in lhs if _state(r, k) == "number")
        b = sum(_num(r, k) for k in rhs if _state(r, k) == "number")
        if abs(a - b) > 1e-9:
            bad.update((r, k) for k in keys)
            found.append((r, rule, a, b))

    for r in ALL:
        for col in REQ_COLS:
            check(r, f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                  [f"requests.handled.{col}", f"requests.carried_out.{col}"])
            check(r, f"R2[{col}]", [f"requests.handled.{col}"], [f"requests.{row}.{col}" for row in OUT_ROWS])
        for row in ["new", "carried_in", "handled", "carried_out"] + OUT_ROWS:
            if all(_state(r, f"requests.{row}.{c}") == "absent" for c in REQ_COLS):
                continue
            check(r, f"R3[{row}]", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPL])
        for g in REV_GROUPS:
            check(r, f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{p}" for p in REV_PARTS])
    return bad, found


FAILED, FAILURES = failing_cells()


# --------------------------------------------------------------------------- metadata
def kind_of(r):
    d = GOLD[r]
    if d.get("agency_kind"):
        return d["agency_kind"]
    name = d["agency"]
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    return "department"


def agency(r):
    return GOLD[r]["agency"]


def year(r):
    return GOLD[r]["year"]


# --------------------------------------------------------------------------- passages
HEAD = re.compile(r"^[\s#*|]*([一二三四五六])、\s*[*]*\s*(总体情况|主动公开政府信息|收到和处理|政府信息公开行政|"
                  r"存在的主要问题|政府信息公开工作存在|其他需要报告)")


def sections(r):
    """{section numeral: text} of a sample report, headings matched by meaning (first occurrence wins)."""
    text = (SAMPLES / FILE[r]).read_text(encoding="utf-8", errors="replace")
    out, cur = {}, None
    for line in text.splitlines():
        m = HEAD.match(line)
        if m and m.group(1) not in out:
            cur = m.group(1)
            out[cur] = ""
            continue
        if cur:
            out[cur] += line + "\n"
    return out


# --------------------------------------------------------------------------- one case's computation
class Ctx:
    def __init__(self, case):
        self.case = case
        self.used = []
        self.fail_ok = "r4-failure" in case["tags"]

    def v(self, r, key):
        f = GOLD[r]["facts"].get(key)
        if f is None or f["state"] != "number":
            raise Bad(f"{r}#{key} is {f['state'] if f else 'absent'}, not a number")
        if (r, key) in FAILED and not self.fail_ok:
            raise Bad(f"{r}#{key} belongs to a group that fails a balance rule")
        cite = f"{FILE[r]}#{key}"
        if cite not in self.used:
            self.used.append(cite)
        return f["value"]

    def cite_file(self, r):
        if FILE[r] not in self.used:
            self.used.append(FILE[r])


def number(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return 100.0 * a / b


def top(ctx, rs, fn, reverse=True):
    vals = [(fn(r), r) for r in rs]
    vals.sort(key=lambda t: t[0], reverse=reverse)
    if len(vals) > 1 and vals[0][0] == vals[1][0] and agency(vals[0][1]) != agency(vals[1][1]):
        raise Bad("tie at the top")
    return agency(vals[0][1])


def ranked(rs, fn):
    vals = sorted(((fn(r), r) for r in rs), key=lambda t: t[0], reverse=True)
    if len({v for v, _ in vals}) != len(vals):
        raise Bad("tie in ranking")
    return [agency(r) for _, r in vals]


def unans(cond, why):
    if not cond:
        raise Bad(f"unanswerable reason does not hold: {why}")
    return {"kind": "unanswerable"}


def passages(ctx, scope, words):
    files, secs = [], []
    for r in scope:
        for sec, text in sections(r).items():
            if any(w in text for w in words):
                if FILE[r] not in files:
                    files.append(FILE[r])
                    ctx.cite_file(r)
                if sec not in secs:
                    secs.append(sec)
    if not files:
        raise Bad(f"no passage with {words}")
    return {"kind": "passages", "files": files, "sections": secs}


def fails(r, group):
    return all((r, f"review.{group}.{k}") in FAILED for k in REV_PARTS + ["total"])


Y2020 = [r for r in ALL if year(r) == 2020]
BUREAUS = [r for r in ALL if agency(r).endswith("统计局")]
WITH_PROC = [r for r in ALL if "active.procurement.amount" in GOLD[r]["facts"]]
REQ = lambda row: f"requests.{row}.total"  # noqa: E731


def sum_cells(c, rs, key):
    return sum(c.v(r, key) for r in rs)


def r1(c, r):
    return c.v(r, REQ("new")) + c.v(r, REQ("carried_in")) == c.v(r, REQ("handled")) + c.v(r, REQ("carried_out"))


def r4_gap(c, r, g):
    return sum(c.v(r, f"review.{g}.{k}") for k in REV_PARTS) - c.v(r, f"review.{g}.total")


def printed_outcomes(c, r):
    return sum(c.v(r, REQ(row)) for row in OUT_ROWS if _state(r, REQ(row)) == "number")


S = {}
S[1] = lambda c: number(c.v("hz24", "requests.new.person"))
S[2] = lambda c: number(c.v("hz23", REQ("withheld_secret")))
S[3] = lambda c: number(c.v("hz24", "active.licensing.decisions"))
S[4] = lambda c: {"kind": "agency", "value": top(c, ALL, lambda r: c.v(r, "active.penalty.decisions"))}
S[5] = lambda c: {"kind": "boolean", "value": r1(c, "hz24")}
S[6] = lambda c: number(c.v("hz23", REQ("new")))
S[7] = lambda c: number(c.v("hz24", REQ("new")))
S[8] = lambda c: number(c.v("hz24", REQ("partial")))
S[9] = lambda c: number(c.v("hz23", REQ("unavailable_not_held")))
S[10] = lambda c: number(c.v("lucheng", "active.procurement.projects"))
S[11] = lambda c: number(c.v("hz23", "active.penalty.decisions") - c.v("hz23", "active.coercion.decisions"))
S[12] = lambda c: number(c.v("lucheng", "active.penalty.decisions"))
S[13] = lambda c: number(c.v("hz24", REQ("unavailable_not_held")))
S[14] = lambda c: number(c.v("wenquan", "active.procurement.amount"), "yuan")
S[15] = lambda c: number(sum_cells(c, Y2020, "active.procurement.projects"))
S[16] = lambda c: number(r4_gap(c, "hz23", "reconsideration"))
S[17] = lambda c: number(c.v("hz24", "active.normative.in_force"))
S[18] = lambda c: unans(fails("hz23", "reconsideration"), "hz23 reconsideration fails R4")
S[19] = lambda c: number(c.v("hz23", "active.penalty.decisions") + c.v("hz24", "active.penalty.decisions"))
S[20] = lambda c: number(pct(c.v("hz23", REQ("granted")), c.v("hz23", REQ("handled"))), "percent")
S[21] = lambda c: number(c.v("gulou", "active.penalty.decisions"))
S[22] = lambda c: number(c.v("hz24", "active.penalty.decisions"))
S[23] = lambda c: number(c.v("hz23", "active.penalty.decisions"))
S[24] = lambda c: number(c.v("hz23", "active.coercion.decisions"))
S[25] = lambda c: {"kind": "list", "values": ranked(Y2020, lambda r: c.v(r, "active.procurement.amount")), "ordered": True}
S[26] = lambda c: {"kind": "boolean", "value": c.v("lucheng", "active.penalty.prev_items") + c.v("lucheng", "active.penalty.change")
                   == c.v("lucheng", "active.penalty.decisions")}
S[27] = lambda c: {"kind": "boolean", "value": any(GOLD[r]["province"] == "广东省" for r in ALL)}
S[28] = lambda c: {"kind": "list", "values": sorted({agency(r) for r in ALL if GOLD[r]["province"] == "浙江省"}), "ordered": False}
S[29] = lambda c: number(c.v("hz23", REQ("unavailable_needs_creation")))
S[30] = lambda c: number(c.v("hz24", "active.licensing.decisions") - c.v("hz23", "active.licensing.decisions"))
S[31] = lambda c: {"kind": "agency", "value": top(c, ["gulou", "wenquan"], lambda r: c.v(r, REQ("new")))}
S[32] = lambda c: passages(c, ["yinzhou"], ["微博"])
S[33] = lambda c: {"kind": "boolean", "value": printed_outcomes(c, "hz24") == c.v("hz24", REQ("handled"))}
S[34] = lambda c: number(sum_cells(c, ALL, REQ("new")))
S[35] = lambda c: number(c.v("erqi", "active.procurement.amount"), "yuan")
S[36] = lambda c: {"kind": "boolean", "value": any(c.v(r, "review.lawsuit_direct.total") + c.v(r, "review.lawsuit_after_review.total") > 0
                                                   for r in BUREAUS)}
S[37] = lambda c: number(c.v("gulou", "active.penalty.prev_items") - c.v("gulou", "active.penalty.decisions"))
S[38] = lambda c: passages(c, ["lucheng"], ["不足"])
S[39] = lambda c: number(c.v("hz23", "active.fees.amount") - c.v("hz24", "active.fees.amount"), "yuan")
S[40] = lambda c: number(c.v("lucheng", "active.procurement.amount"), "yuan")
S[41] = lambda c: number(c.v("lucheng", "active.procurement.projects"))
S[42] = lambda c: number(pct(c.v("hz24", REQ("granted")), c.v("hz24", REQ("handled"))), "percent")
S[43] = lambda c: {"kind": "agency", "value": top(c, WITH_PROC, lambda r: c.v(r, "active.procurement.amount") / c.v(r, "active.procurement.projects"))}
S[44] = lambda c: number(c.v("yinzhou", "active.rules.made"))
S[45] = lambda c: {"kind": "list", "values": sorted(year(r) for r in ALL if GOLD[r]["county"] == "洪泽区"), "ordered": False}
S[46] = lambda c: unans(fails("hz23", "reconsideration"), "hz23 reconsideration fails R4")
S[47] = lambda c: {"kind": "boolean", "value": r4_gap(c, "hz24", "lawsuit_after_review") == 0}
S[48] = lambda c: number(c.v("wenquan", REQ("withheld_third_party")))
S[49] = lambda c: number(c.v("hz23", "active.fees.amount"), "yuan")
S[50] = lambda c: number(pct(sum(c.v("hz23", REQ(x)) for x in ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]),
                             c.v("hz23", REQ("handled"))), "percent")
S[51] = lambda c: unans(_state("wenquan", REQ("carried_out")) == "blank", "wenquan carried_out.total blank")
S[52] = lambda c: {"kind": "boolean", "value": c.v("erqi", REQ("new")) > 0}
S[53] = lambda c: number(c.v("hz24", "active.normative.repealed"))
S[54] = lambda c: number(c.v("hz23", "active.normative.repealed"))
S[55] = lambda c: number(pct(c.v("hz24", REQ("new")) - c.v("hz23", REQ("new")), c.v("hz23", REQ("new"))), "percent")
S[56] = lambda c: unans(not any("温泉" in agency(r) and year(r) == 2021 for r in ALL), "no 2021 温泉 report")
S[57] = lambda c: number(c.v("yinzhou", REQ("carried_out")))
S[58] = lambda c: unans(GOLD["hz24"]["template"] == "2021" and "active.procurement.amount" not in GOLD["hz24"]["facts"],
                        "hz24 has no procurement cells")
S[59] = lambda c: number(c.v("gulou", "active.procurement.amount") - c.v("lucheng", "active.procurement.amount"), "yuan")
S[60] = lambda c: number(c.v("yinzhou", "active.rules.public_total") - c.v("yinzhou", "active.rules.published"))
S[61] = lambda c: number(c.v("hz24", "review.reconsideration.total"))
S[62] = lambda c: number(c.v("hz24", "review.lawsuit_direct.total"))
S[63] = lambda c: number(c.v("hz23", "review.lawsuit_direct.total"))
S[64] = lambda c: number(len({agency(r) for r in ALL if c.v(r, REQ("granted")) > 0}))
S[65] = lambda c: number(c.v("erqi", "active.coercion.prev_items"))
S[66] = lambda c: number(c.v("yinzhou", "active.procurement.amount") / c.v("yinzhou", "active.procurement.projects"), "yuan")
S[67] = lambda c: number(c.v("hz24", "review.reconsideration.upheld"))
S[68] = lambda c: {"kind": "boolean", "value": printed_outcomes(c, "wenquan") == c.v("wenquan", REQ("handled"))}


def _s69(c):
    names = set()
    for r in ALL:
        for g in REV_GROUPS:
            if fails(r, g):
                for k in REV_PARTS + ["total"]:
                    c.v(r, f"review.{g}.{k}")
                names.add(agency(r))
    if len(names) != 1:
        raise Bad(f"expected one agency failing R4, got {names}")
    return {"kind": "agency", "value": names.pop()}


S[69] = _s69
S[70] = lambda c: {"kind": "list", "values": sorted({agency(r) for r in ALL if not GOLD[r].get("published")}), "ordered": False}
S[71] = lambda c: {"kind": "boolean", "value": GOLD["wenquan"]["published"] < GOLD["gulou"]["published"]}
S[72] = lambda c: {"kind": "boolean", "value": any(year(r) == 2021 for r in ALL)}
S[73] = lambda c: number(len({agency(r) for r in ALL if GOLD[r]["province"] == "福建省"}))
S[74] = lambda c: passages(c, ["wenquan"], ["培训", "授课"])
S[75] = lambda c: number(len({agency(r) for r in Y2020 if c.v(r, "active.penalty.decisions") != 0}))
S[76] = lambda c: number(sum_cells(c, [r for r in Y2020 if r in BUREAUS], "active.procurement.amount"), "yuan")
S[77] = lambda c: {"kind": "boolean", "value": c.v("hz24", "active.normative.issued") == 3}
S[78] = lambda c: {"kind": "boolean", "value": c.v("hz24", "active.normative.repealed") > 0}
S[79] = lambda c: number(pct(c.v("wenquan", "active.procurement.amount"), c.v("erqi", "active.procurement.amount")), "percent")
S[80] = lambda c: passages(c, ["gulou", "lucheng", "yinzhou", "wenquan", "erqi"], ["新冠"])
S[81] = lambda c: unans(_state("gulou", REQ("unavailable_not_held")) == "blank", "gulou unavailable_not_held.total blank")
S[82] = lambda c: unans(fails("hz23", "lawsuit_after_review"), "hz23 lawsuit_after_review fails R4")
S[83] = lambda c: number(r4_gap(c, "hz23", "lawsuit_after_review"))
S[84] = lambda c: number(len({agency(r) for r in ALL if kind_of(r) == "government"}))
S[85] = lambda c: {"kind": "agency", "value": top(c, [r for r in ALL if kind_of(r) == "street_office"], lambda r: 0)}
S[86] = lambda c: {"kind": "agency", "value": agency(min(ALL, key=year))}
S[87] = lambda c: unans(GOLD["lucheng"]["template"] == "2019" and "active.fees.amount" not in GOLD["lucheng"]["facts"],
                        "2019 template has no fee amount")
S[88] = lambda c: passages(c, ["gulou"], ["提高思想认识"])
S[89] = lambda c: {"kind": "boolean", "value": c.v("lucheng", "active.penalty.decisions") > c.v("yinzhou", "active.penalty.decisions")}
S[90] = lambda c: {"kind": "list", "values": ranked(Y2020, lambda r: c.v(r, "active.procurement.projects")), "ordered": True}
S[91] = lambda c: number(sum_cells(c, [r for r in Y2020 if GOLD[r]["province"] == "福建省"], REQ("handled")))
S[92] = lambda c: number(c.v(max(Y2020, key=lambda r: _num(r, "active.procurement.amount")), "active.procurement.amount"), "yuan")
S[93] = lambda c: number(c.v("yinzhou", REQ("granted")))
S[94] = lambda c: number(c.v("hz24", "active.penalty.decisions") - c.v("hz24", "active.coercion.decisions"))
S[95] = lambda c: {"kind": "boolean", "value": c.v("hz24", "requests.new.business") > 0}
S[96] = lambda c: unans(not any(GOLD[r]["city"] == "南京市" for r in ALL), "no 南京市 report")
S[97] = lambda c: number(pct(c.v("hz24", REQ("granted")) + c.v("hz24", REQ("partial")), c.v("hz24", REQ("handled"))), "percent")
S[98] = lambda c: {"kind": "boolean", "value": r1(c, "yinzhou")}
S[99] = lambda c: passages(c, ["erqi"], ["不足"])
S[100] = lambda c: passages(c, ["gulou", "lucheng", "yinzhou", "wenquan", "erqi"], ["四个结合"])
S[101] = lambda c: passages(c, ["wenquan"], ["责任追究"])
S[102] = lambda c: passages(c, ["lucheng"], ["开放日"])
S[103] = lambda c: number(c.v("hz24", REQ("declined_complaint")))
S[104] = lambda c: number(sum_cells(c, BUREAUS, "active.penalty.decisions"))
S[105] = lambda c: number(c.v("lucheng", "active.penalty.change"))
S[106] = lambda c: number(sum(1 for r in Y2020 if (c.v(r, "active.procurement.amount") is not None)
                              and GOLD[r]["facts"]["active.procurement.amount"].get("unit_assumed")))
S[107] = lambda c: number(c.v("hz23", REQ("partial")))
S[108] = lambda c: number(c.v("hz24", REQ("partial")))
S[109] = lambda c: number(c.v("hz24", REQ("withheld_safety")))
S[110] = lambda c: {"kind": "agency", "value": top(c, BUREAUS, lambda r: c.v(r, "active.penalty.prev_items"))}
S[111] = lambda c: number(sum_cells(c, WITH_PROC, "active.procurement.amount"), "yuan")
S[112] = lambda c: {"kind": "agency", "value": top(c, [r for r in ALL if GOLD[r]["template"] == "2021"], lambda r: 0)}
S[113] = lambda c: number(len({agency(r) for r in ALL if agency(r).endswith("统计局")}))
S[114] = lambda c: number(pct(c.v("wenquan", REQ("withheld_third_party")), c.v("wenquan", REQ("handled"))), "percent")
S[115] = lambda c: number(c.v("hz24", "review.lawsuit_after_review.total"))
S[116] = lambda c: number(c.v("hz24", "active.normative.in_force") - c.v("hz23", "active.normative.in_force"))
S[117] = lambda c: number(c.v("hz24", "active.normative.issued") - c.v("hz24", "active.normative.repealed"))
S[118] = lambda c: unans(not any("人员" in f or "staff" in f for f in GOLD["erqi"]["facts"]), "no staffing cell")
S[119] = lambda c: {"kind": "boolean", "value": GOLD["yinzhou"]["city"] == "宁波市"}
S[120] = lambda c: passages(c, ["yinzhou"], ["立案查处"])


# --------------------------------------------------------------------------- format rules (eval/dataset.py)
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
FIELDS = {"id", "question", "turns", "expect", "cite", "tags"}
KIND_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values"}, "boolean": {"value"},
               "passages": {"files", "sections"}, "unanswerable": set()}


def format_problems(d):
    p = []
    if set(d) - FIELDS:
        p.append(f"unknown fields {set(d) - FIELDS}")
    if not isinstance(d.get("question"), str) or not d["question"].strip():
        p.append("blank question")
    e = d.get("expect", {})
    k = e.get("kind")
    if k not in KIND_FIELDS:
        p.append(f"bad kind {k}")
    elif KIND_FIELDS[k] - set(e):
        p.append(f"expect misses {KIND_FIELDS[k] - set(e)}")
    if k == "number" and e.get("unit") not in ("count", "yuan", "percent"):
        p.append("bad unit")
    if k == "boolean" and not isinstance(e.get("value"), bool):
        p.append("boolean value not bool")
    if k == "list" and not isinstance(e.get("ordered", False), bool):
        p.append("ordered not bool")
    if k == "passages" and (not e["files"] or not e["sections"] or set(e["sections"]) - set("一二三四五六")):
        p.append("bad passages")
    for cte in d.get("cite", []):
        if not CITE_RE.match(cte):
            p.append(f"bad cite {cte}")
    if not isinstance(d.get("turns", []), list) or not all(isinstance(t, str) for t in d.get("turns", [])):
        p.append("turns not a list of strings")
    return p


def same_expect(want, got):
    if want["kind"] != got["kind"]:
        return False
    k = want["kind"]
    if k == "number":
        return want["unit"] == got["unit"] and abs(want["value"] - got["value"]) <= max(1e-3, 1e-6 * abs(got["value"]))
    if k in ("agency", "boolean"):
        return want["value"] == got["value"]
    if k == "list":
        ordered = bool(want.get("ordered", False))
        if ordered != got["ordered"]:
            return False
        return want["values"] == got["values"] if ordered else sorted(map(str, want["values"])) == sorted(map(str, got["values"]))
    if k == "passages":
        return set(want["files"]) == set(got["files"]) and set(want["sections"]) == set(got["sections"])
    if k == "unanswerable":
        return bool(want.get("note", "").strip())
    return False


def cited_reports(cites):
    return {BY_FILE[cte.partition("#")[0]] for cte in cites}


def main():
    lines = [ln for ln in CASES.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    bad = []
    ok = 0
    ids = [d["id"] for d in cases]
    if ids != [f"h45-{i:03d}" for i in range(1, 121)]:
        bad.append("ids are not h45-001 .. h45-120 in order")
    langs = [("zh" in d["tags"]) + 2 * ("en" in d["tags"]) for d in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        bad.append(f"language split zh={langs.count(1)} en={langs.count(2)} (want 60/60, one tag each)")
    for d in cases:
        n = int(d["id"].split("-")[1])
        probs = format_problems(d)
        c = Ctx(d)
        try:
            got = S[n](c)
        except Bad as e:
            probs.append(f"reference: {e}")
            got = None
        except Exception as e:  # a gold cell missing or the like
            probs.append(f"reference error: {type(e).__name__}: {e}")
            got = None
        if got is not None:
            if not same_expect(d["expect"], got):
                probs.append(f"expect {d['expect']} != computed {got}")
            if got["kind"] == "unanswerable":
                if d.get("cite"):
                    probs.append("unanswerable case cites cells")
            elif set(d.get("cite", [])) != set(c.used) or len(d.get("cite", [])) != len(set(d.get("cite", []))):
                probs.append(f"cite {sorted(d.get('cite', []))} != computed {sorted(c.used)}")
            used_cells = [u for u in c.used if "#" in u]
            guessed = any(GOLD[BY_FILE[u.partition('#')[0]]]["facts"][u.partition('#')[2]].get("unit_assumed") for u in used_cells)
            mixed = len({year(r) for r in cited_reports(c.used)}) > 1
            if guessed != ("guessed_unit" in d["tags"]):
                probs.append(f"guessed_unit tag should be {guessed}")
            if mixed != ("mixed_years" in d["tags"]):
                probs.append(f"mixed_years tag should be {mixed}")
            if ("r4-failure" in d["tags"]) and got["kind"] not in ("unanswerable",) and not any((r, k) in FAILED for r in ALL
                                                                                                 for k in [u.partition('#')[2] for u in used_cells]):
                probs.append("tagged r4-failure but uses no failing cell")
        if d.get("turns") and not 1 <= len(d["turns"]) <= 3:
            probs.append("a chat must have 2-4 turns in all")
        if d.get("turns") and "multi-turn" not in d["tags"]:
            probs.append("turns without the multi-turn tag")
        if probs:
            bad.append(f"{d['id']}: " + " | ".join(probs))
        else:
            ok += 1
    for b in bad:
        print("MISMATCH", b)
    kinds = {}
    for d in cases:
        kinds[d["expect"]["kind"]] = kinds.get(d["expect"]["kind"], 0) + 1
    print("failing balance rules found in gold:", [(r, rule, a, b) for r, rule, a, b in FAILURES])
    print("kinds:", kinds)
    print(f"SUMMARY {ok}/{len(cases)} cases agree" + ("" if len(cases) == 120 else " (expected 120 cases)"))
    return 0 if ok == 120 and len(cases) == 120 and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
