#!/usr/bin/env python3
"""Independent reference check for eval/qa_holdout43.jsonl (stdlib only).

Recomputes every expected answer, the cite list and the guessed_unit / mixed_years tags of the
120 cases from the hand-checked gold JSON (tests/fixtures/gold/*.json) and, for passage cases,
from the sample report texts (data/samples/*.txt). It also re-applies the loader's rules of
eval/dataset.py (fields, kinds, cite regex) without importing it.

Conventions enforced here:
  * a number comes only from a cell whose state is `number`;
  * cells of a group that fails a balance rule (R1-R4, recomputed here) are usable only by cases
    tagged `data-quality` or `check` (questions about the balance itself);
  * money is in yuan (gold already stores yuan; 万元 cells are multiplied in the gold);
  * guessed_unit  <=> some cited cell carries `unit_assumed`;
  * mixed_years   <=> the cited reports (cells or bare files) span more than one report year.

Prints one line per mismatch and a SUMMARY line; exits 0 only when all 120 cases match.
Run:  python3 eval/qa_holdout43_reference.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
TEXT_DIR = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout43.jsonl"

GL = "000_2133ae744f48d674.txt"
LC = "001_19df74b8cb7281a4.txt"
YZ = "002_c42cd15df52a6935.txt"
WQ = "003_acfa5b9243423631.txt"
EQ = "004_5206fb2196a31c52.txt"
H23 = "hongze-qu-gov-2023.pdf"
H24 = "hongze-qu-gov-2024.pdf"

# ----------------------------------------------------------------------------- gold
GOLD: dict[str, dict] = {}
for p in sorted(GOLD_DIR.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    GOLD[Path(g["file"]).name] = g
assert len(GOLD) == 7, sorted(GOLD)

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPL = COLS[:-1]
OUTCOME_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety",
                "withheld_third_party", "withheld_internal", "withheld_process", "withheld_enforcement",
                "withheld_query", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation"]


def _num(f, key):
    c = GOLD[f]["facts"].get(key)
    return c["value"] if c and c["state"] == "number" else None


def failed_cells(f):
    """Cells belonging to a group that fails R1-R4 (skipping equations with non-number cells)."""
    bad = set()
    facts = GOLD[f]["facts"]
    # R4: each review group
    for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        keys = [f"review.{grp}.{c}" for c in ("upheld", "corrected", "other", "pending")]
        tot = f"review.{grp}.total"
        vals = [_num(f, k) for k in keys + [tot]]
        if None not in vals and sum(vals[:4]) != vals[4]:
            bad.update(keys + [tot])
    # R3: each requests row
    rows = {k.split(".")[1] for k in facts if k.startswith("requests.")}
    for r in rows:
        keys = [f"requests.{r}.{c}" for c in APPL]
        vals = [_num(f, k) for k in keys]
        t = _num(f, f"requests.{r}.total")
        if None not in vals and t is not None and sum(vals) != t:
            bad.update(keys + [f"requests.{r}.total"])
    # R1 and R2: each column
    other_rows = [r for r in ("other", "other_no_correction", "other_no_fee", "other_misc")
                  if any(facts.get(f"requests.{r}.{c}", {}).get("state") == "number" for c in COLS)]
    for c in COLS:
        k1 = [f"requests.{r}.{c}" for r in ("new", "carried_in", "handled", "carried_out")]
        v1 = [_num(f, k) for k in k1]
        if None not in v1 and v1[0] + v1[1] != v1[2] + v1[3]:
            bad.update(k1)
        k2 = [f"requests.{r}.{c}" for r in OUTCOME_2019 + other_rows]
        v2 = [_num(f, k) for k in k2]
        h = _num(f, f"requests.handled.{c}")
        if None not in v2 and h is not None and sum(v2) != h:
            bad.update(k2 + [f"requests.handled.{c}"])
    return bad


FAILED = {f: failed_cells(f) for f in GOLD}


class NotUsable(Exception):
    pass


def cell(f, key, failure_question=False):
    c = GOLD[f]["facts"].get(key)
    if c is None:
        raise NotUsable(f"{f}#{key}: no such cell")
    if c["state"] != "number":
        raise NotUsable(f"{f}#{key}: state {c['state']}")
    if key in FAILED[f] and not failure_question:
        raise NotUsable(f"{f}#{key}: group fails a balance rule")
    return c["value"]


def usable(f, key):
    try:
        cell(f, key)
        return True
    except NotUsable:
        return False


def year(f):
    return GOLD[f]["year"]


def kind_of(f):
    g = GOLD[f]
    if g.get("agency_kind"):
        return g["agency_kind"]
    name = g["agency"]  # Hongze reports: the kind follows from the name
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if "街道" in name or name.endswith("乡") or name.endswith("镇"):
        return "street_office"
    return "department"


def files_where(pred):
    return [f for f in sorted(GOLD) if pred(GOLD[f])]


def template(f):
    return GOLD[f]["template"]


def keys(f, *ks):
    return [f"{f}#{k}" for k in ks]


# ----------------------------------------------------------------------------- texts
HEAD_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理",), "四": ("复议", "诉讼"),
              "五": ("问题",), "六": ("其他需要报告",)}
ORDER = "一二三四五六"


def sections(f):
    """Canonical section -> text, by scanning for the six headings in order."""
    lines = (TEXT_DIR / f).read_text(encoding="utf-8").splitlines()
    out = {s: [] for s in ORDER}
    cur, nxt = None, 0
    for ln in lines:
        stripped = re.sub(r"^[#*\s]+", "", ln)
        if nxt < 6:
            s = ORDER[nxt]
            if stripped.startswith(s + "、") and any(w in stripped for w in HEAD_WORDS[s]):
                cur, nxt = s, nxt + 1
                continue
        if cur:
            out[cur].append(ln)
    return {s: "\n".join(v) for s, v in out.items()}


SECT = {f: sections(f) for f in (GL, LC, YZ, WQ, EQ)}


def passage(files, secs, *words):
    """Check every file has all words inside one of the sections; return the expectation."""
    for f in files:
        ok = any(all(w in SECT[f][s] for w in words) for s in secs)
        if not ok:
            raise AssertionError(f"passage words {words} not in {f} sections {secs}")
    return {"kind": "passages", "files": list(files), "sections": list(secs)}, list(files)


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def U(check):
    """An unanswerable case: `check` must hold (it explains why the data cannot answer)."""
    if not check:
        raise AssertionError("unanswerable premise does not hold")
    return {"kind": "unanswerable"}, []


def pct(a, b):
    return 100.0 * a / b


# ----------------------------------------------------------------------------- specs
S = {}


def spec(n):
    def deco(fn):
        S["h43-%03d" % n] = fn
        return fn
    return deco


def latest(agency_sub):
    fs = [f for f in GOLD if agency_sub in GOLD[f]["agency"]]
    return max(fs, key=year)


def by(agency_sub, yr):
    fs = [f for f in GOLD if agency_sub in GOLD[f]["agency"] and year(f) == yr]
    assert len(fs) == 1, (agency_sub, yr, fs)
    return fs[0]


def one_cell(f, k, unit="count"):
    return N(cell(f, k), unit), keys(f, k)


def absent_proc(f):
    return not usable(f, "active.procurement.amount")


@spec(1)
def _():
    f = [x for x in GOLD if "鹿城" in GOLD[x]["agency"]]
    assert len(f) == 1  # "那年": only one report of this agency
    return one_cell(f[0], "requests.new.total")
S["h43-002"] = lambda: one_cell(latest("洪泽"), "active.penalty.decisions")
S["h43-003"] = lambda: one_cell(WQ, "active.procurement.amount", "yuan")
S["h43-004"] = lambda: ({"kind": "boolean", "value": cell(EQ, "requests.new.total") > 0}, keys(EQ, "requests.new.total"))
S["h43-005"] = lambda: one_cell(by("洪泽", 2024), "active.fees.amount", "yuan")
S["h43-006"] = lambda: one_cell(by("鄞州", 2019), "requests.granted.total")
S["h43-007"] = lambda: one_cell(by("洪泽", 2023), "active.licensing.decisions")
S["h43-008"] = lambda: one_cell(by("鼓楼区统计局", 2020), "active.procurement.projects")
S["h43-009"] = lambda: U(absent_proc(H23) and template(H23) == "2021")
S["h43-010"] = lambda: one_cell(H24, "requests.partial.total")
S["h43-011"] = lambda: ({"kind": "boolean", "value": cell(LC, "review.lawsuit_direct.total") + cell(LC, "review.lawsuit_after_review.total") > 0},
                        keys(LC, "review.lawsuit_direct.total", "review.lawsuit_after_review.total"))
S["h43-012"] = lambda: U(not [f for f in GOLD if "二七" in GOLD[f]["agency"] and year(f) == 2021])
S["h43-013"] = lambda: (N(cell(H24, "requests.new.total") - cell(H23, "requests.new.total")),
                        keys(H24, "requests.new.total") + keys(H23, "requests.new.total"))
S["h43-014"] = lambda: ({"kind": "boolean", "value": GOLD[YZ]["city"] == "宁波市"}, [YZ])
S["h43-015"] = lambda: U(GOLD[EQ]["published"] is None)
S["h43-016"] = lambda: passage([WQ], ["五"], "有待提高")
S["h43-017"] = lambda: passage([GL], ["一"], "142 条")
S["h43-018"] = lambda: one_cell(GL, "active.procurement.amount", "yuan")
S["h43-019"] = lambda: ({"kind": "boolean", "value": cell(H24, "requests.new.total") > cell(H23, "requests.new.total")},
                        keys(H23, "requests.new.total") + keys(H24, "requests.new.total"))
S["h43-020"] = lambda: one_cell(H23, "active.penalty.decisions")
S["h43-021"] = lambda: one_cell(H23, "active.fees.amount", "yuan")
S["h43-022"] = lambda: one_cell(LC, "active.penalty.decisions")


@spec(23)
def _():
    fs = files_where(lambda g: g["province"] == "浙江省")
    return {"kind": "list", "values": [GOLD[f]["agency"] for f in fs], "ordered": False}, fs
S["h43-024"] = lambda: passage([WQ], ["六"], "暂无其他需要报告的事项")
S["h43-025"] = lambda: U(not any("budget" in k for g in GOLD.values() for k in g["facts"]))
S["h43-026"] = lambda: one_cell(H24, "active.licensing.decisions")
S["h43-027"] = lambda: (N(cell(H24, "active.licensing.decisions") - cell(H23, "active.licensing.decisions")),
                        keys(H24, "active.licensing.decisions") + keys(H23, "active.licensing.decisions"))
S["h43-028"] = lambda: (N(pct(cell(H24, "requests.granted.total"), cell(H24, "requests.handled.total")), "percent"),
                        keys(H24, "requests.granted.total", "requests.handled.total"))
R2020 = [f for f in sorted(GOLD) if year(f) == 2020]
BUREAUS = [f for f in sorted(GOLD) if GOLD[f]["agency"].endswith("统计局")]


def rank(fs, key, reverse=True):
    return sorted(fs, key=lambda f: cell(f, key), reverse=reverse)


@spec(29)
def _():
    fs = [f for f in R2020 if usable(f, "active.procurement.amount")]
    assert fs == R2020
    return {"kind": "agency", "value": GOLD[rank(fs, "active.procurement.amount")[0]]["agency"]}, [f + "#active.procurement.amount" for f in fs]


REC = ["review.reconsideration." + c for c in ("upheld", "corrected", "other", "pending", "total")]
LAR = ["review.lawsuit_after_review." + c for c in ("upheld", "corrected", "other", "pending", "total")]


def balances(f, ks):
    v = [cell(f, k, failure_question=True) for k in ks]
    return sum(v[:4]) == v[4]


S["h43-030"] = lambda: ({"kind": "boolean", "value": balances(H23, REC)}, keys(H23, *REC))
S["h43-031"] = lambda: (N(cell(H23, "active.penalty.decisions") - cell(H24, "active.penalty.decisions")),
                        keys(H24, "active.penalty.decisions") + keys(H23, "active.penalty.decisions"))
S["h43-032"] = lambda: one_cell(EQ, "active.procurement.amount", "yuan")


@spec(33)
def _():
    fs = [f for f in R2020 if GOLD[f]["province"] == "福建省"]
    assert len(fs) == 2
    return N(sum(cell(f, "requests.new.total") for f in fs)), [f + "#requests.new.total" for f in fs]
S["h43-034"] = lambda: (N(cell(H24, "review.lawsuit_direct.total") + cell(H24, "review.lawsuit_after_review.total")),
                        keys(H24, "review.lawsuit_direct.total", "review.lawsuit_after_review.total"))
S["h43-035"] = lambda: (N(pct(cell(H23, "requests.unavailable_not_held.total"), cell(H23, "requests.handled.total")), "percent"),
                        keys(H23, "requests.unavailable_not_held.total", "requests.handled.total"))
S["h43-036"] = lambda: passage([EQ], ["一"], "四个", "结合", "目标考核")
S["h43-037"] = lambda: one_cell(H24, "active.fees.amount", "yuan")


@spec(38)
def _():
    assert len(BUREAUS) == 4
    top = rank(BUREAUS, "active.procurement.amount")[0]
    return {"kind": "boolean", "value": "鄞州" in GOLD[top]["agency"]}, [f + "#active.procurement.amount" for f in BUREAUS]
S["h43-039"] = lambda: passage([GL], ["一"], "个人", "培训", "妥善处理")
S["h43-040"] = lambda: one_cell(H23, "active.coercion.decisions")
S["h43-041"] = lambda: one_cell(H23, "requests.partial.total")
R1K = ["requests.new.total", "requests.carried_in.total", "requests.handled.total", "requests.carried_out.total"]
S["h43-042"] = lambda: ({"kind": "boolean", "value": cell(H24, R1K[0]) + cell(H24, R1K[1]) == cell(H24, R1K[2]) + cell(H24, R1K[3])}, keys(H24, *R1K))
S["h43-043"] = lambda: (N(cell(YZ, "active.rules.public_total") - cell(YZ, "active.rules.published")),
                        keys(YZ, "active.rules.public_total", "active.rules.published"))
S["h43-044"] = lambda: one_cell(H23, "active.normative.repealed")
WK = ["requests.%s.total" % w for w in OUTCOME_2019 if w.startswith("withheld_")]
UK = ["requests.%s.total" % w for w in OUTCOME_2019 if w.startswith("unavailable_")]
assert len(WK) == 8 and len(UK) == 3
S["h43-045"] = lambda: (N(sum(cell(H24, k) for k in WK)), keys(H24, *WK))
S["h43-046"] = lambda: (N(sum(cell(H24, k) for k in UK)), keys(H24, *UK))
S["h43-047"] = lambda: U(not usable(H23, "review.reconsideration.upheld")
                         and GOLD[H23]["facts"]["review.reconsideration.upheld"]["state"] == "number")


@spec(48)
def _():
    fs = rank(R2020, "active.procurement.projects")
    vals = [cell(f, "active.procurement.projects") for f in fs]
    assert len(set(vals)) == len(vals)  # no ties
    return ({"kind": "list", "values": [GOLD[f]["agency"] for f in fs], "ordered": True},
            [f + "#active.procurement.projects" for f in R2020])
S["h43-049"] = lambda: (N(cell(H24, "requests.granted.total") - cell(H23, "requests.granted.total")),
                        keys(H24, "requests.granted.total") + keys(H23, "requests.granted.total"))
S["h43-050"] = lambda: ({"kind": "boolean", "value": kind_of(WQ) == "street_office"}, [WQ])
S["h43-051"] = lambda: ({"kind": "boolean", "value": kind_of(H24) == "government"}, [H24])
S["h43-052"] = lambda: passage([LC], ["一"], "统计开放日")
S["h43-053"] = lambda: (N(pct(cell(H24, "review.reconsideration.upheld"), cell(H24, "review.reconsideration.total")), "percent"),
                        keys(H24, "review.reconsideration.upheld", "review.reconsideration.total"))


@spec(54)
def _():
    amt = sum(cell(f, "active.procurement.amount") for f in R2020)
    prj = sum(cell(f, "active.procurement.projects") for f in R2020)
    return (N(round(amt / prj, 2), "yuan"),
            [f + "#active.procurement.amount" for f in R2020] + [f + "#active.procurement.projects" for f in R2020])


@spec(55)
def _():
    fs = [f for f in sorted(GOLD) if template(f) == "2019"]
    return N(len({GOLD[f]["agency"] for f in fs})), fs
S["h43-056"] = lambda: (N(len({GOLD[f]["agency"] for f in GOLD})), sorted(GOLD))
S["h43-057"] = lambda: (N(pct(sum(cell(H24, k) for k in UK), cell(H24, "requests.handled.total")), "percent"),
                        keys(H24, *UK, "requests.handled.total"))


@spec(58)
def _():
    fs = [f for f in sorted(GOLD) if template(f) == "2021"]
    return {"kind": "list", "values": sorted({GOLD[f]["agency"] for f in fs}), "ordered": False}, fs
S["h43-059"] = lambda: (N(sum(cell(f, "requests.new.total") for f in R2020)), [f + "#requests.new.total" for f in R2020])
S["h43-060"] = lambda: one_cell(by("鄞州", 2019), "active.procurement.amount", "yuan")
S["h43-061"] = lambda: (N(pct(cell(H23, "active.fees.amount"), cell(H24, "active.fees.amount")), "percent"),
                        keys(H23, "active.fees.amount") + keys(H24, "active.fees.amount"))
S["h43-062"] = lambda: one_cell(H23, "requests.withheld_secret.total")
S["h43-063"] = lambda: ({"kind": "boolean", "value": any(cell(f, "review.reconsideration.total") > 0 for f in R2020)},
                        [f + "#review.reconsideration.total" for f in R2020])
S["h43-064"] = lambda: (N(pct(cell(LC, "requests.partial.total"), cell(LC, "requests.handled.total")), "percent"),
                        keys(LC, "requests.partial.total", "requests.handled.total"))
S["h43-065"] = lambda: (N(len({GOLD[f]["province"] for f in GOLD})), sorted(GOLD))
S["h43-066"] = lambda: (N(sum(1 for f in R2020 if not GOLD[f]["published"])), R2020)
S["h43-067"] = lambda: U(not usable(H23, "review.lawsuit_after_review.upheld")
                         and GOLD[H23]["facts"]["review.lawsuit_after_review.upheld"]["state"] == "number")
S["h43-068"] = lambda: (N(pct(cell(H24, "active.penalty.decisions") - cell(H23, "active.penalty.decisions"), cell(H23, "active.penalty.decisions")), "percent"),
                        keys(H23, "active.penalty.decisions") + keys(H24, "active.penalty.decisions"))
S["h43-069"] = lambda: one_cell(YZ, "requests.carried_out.total")
S["h43-070"] = lambda: ({"kind": "agency", "value": GOLD[rank(R2020, "active.procurement.projects")[0]]["agency"]},
                        [f + "#active.procurement.projects" for f in R2020])


@spec(71)
def _():
    hits = [f for f in sorted(SECT) if "培训" in SECT[f]["五"]]
    exp, cite = passage(hits, ["五"], "培训")
    return exp, cite
S["h43-072"] = lambda: (N(cell(H24, "active.licensing.decisions") + cell(H23, "active.licensing.decisions")),
                        keys(H24, "active.licensing.decisions") + keys(H23, "active.licensing.decisions"))
S["h43-073"] = lambda: (N(round(cell(GL, "active.procurement.amount") / cell(GL, "active.procurement.projects"), 2), "yuan"),
                        keys(GL, "active.procurement.amount", "active.procurement.projects"))
S["h43-074"] = lambda: (N(pct(cell(WQ, "requests.granted.total"), cell(WQ, "requests.new.total")), "percent"),
                        keys(WQ, "requests.granted.total", "requests.new.total"))
S["h43-075"] = lambda: one_cell(H23, "active.fees.amount", "yuan")
S["h43-076"] = lambda: (N(cell(LC, "active.procurement.amount") - cell(EQ, "active.procurement.amount"), "yuan"),
                        keys(LC, "active.procurement.amount") + keys(EQ, "active.procurement.amount"))
S["h43-077"] = S["h43-053"]


@spec(78)
def _():
    v = [cell(H23, k, failure_question=True) for k in REC]
    assert not balances(H23, REC)
    return N(sum(v[:4]) - v[4]), keys(H23, *REC)


@spec(79)
def _():
    a, b = cell(YZ, "active.penalty.decisions"), cell(LC, "active.penalty.decisions")
    assert a != b
    return {"kind": "agency", "value": GOLD[LC if b > a else YZ]["agency"]}, keys(YZ, "active.penalty.decisions") + keys(LC, "active.penalty.decisions")
S["h43-080"] = lambda: (N(sum(1 for f in R2020 if cell(f, "requests.new.total") > 0)), [f + "#requests.new.total" for f in R2020])
S["h43-081"] = lambda: ({"kind": "boolean", "value": cell(H24, "requests.declined_complaint.total") == cell(H23, "requests.declined_complaint.total")},
                        keys(H24, "requests.declined_complaint.total") + keys(H23, "requests.declined_complaint.total"))
S["h43-082"] = lambda: (N(cell(LC, "active.procurement.amount") + cell(WQ, "active.procurement.amount"), "yuan"),
                        keys(LC, "active.procurement.amount") + keys(WQ, "active.procurement.amount"))
S["h43-083"] = lambda: one_cell(H23, "review.lawsuit_direct.total")
S["h43-084"] = lambda: passage([WQ], ["一"], "培训")
S["h43-085"] = lambda: (N(cell(H23, "requests.unavailable_not_held.total") + cell(H24, "requests.unavailable_not_held.total")),
                        keys(H23, "requests.unavailable_not_held.total") + keys(H24, "requests.unavailable_not_held.total"))


@spec(86)
def _():
    fs = [f for f in GOLD if year(f) == 2019]
    assert fs == [YZ]
    return N(sum(cell(f, "active.procurement.amount") for f in fs), "yuan"), [f + "#active.procurement.amount" for f in fs]
S["h43-087"] = lambda: (N(pct(cell(H24, "requests.new.total") - cell(H23, "requests.new.total"), cell(H23, "requests.new.total")), "percent"),
                        keys(H23, "requests.new.total") + keys(H24, "requests.new.total"))
S["h43-088"] = lambda: (N(cell(EQ, "active.penalty.prev_items") + cell(EQ, "active.coercion.prev_items")),
                        keys(EQ, "active.penalty.prev_items", "active.coercion.prev_items"))


@spec(89)
def _():
    so = [f for f in GOLD if kind_of(f) == "street_office"]
    assert so == [WQ]
    return passage(so, ["五"], "有待提高")
S["h43-090"] = lambda: one_cell(H24, "active.penalty.decisions")
S["h43-091"] = lambda: one_cell(YZ, "active.procurement.amount", "yuan")
S["h43-092"] = lambda: one_cell(WQ, "requests.unavailable_not_held.total")
S["h43-093"] = lambda: one_cell(EQ, "active.procurement.amount", "yuan")


@spec(94)
def _():
    groups = {g: ["review.%s.%s" % (g, c) for c in ("upheld", "corrected", "other", "pending", "total")]
              for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")}
    bad = [g for g, ks in groups.items() if not balances(H23, ks)]
    cite = [k for g in bad for k in keys(H23, *groups[g])]
    return N(len(bad)), cite


@spec(95)
def _():
    p, c, d = (cell(LC, "active.penalty." + k) for k in ("prev_items", "change", "decisions"))
    return {"kind": "boolean", "value": p + c == d}, keys(LC, "active.penalty.prev_items", "active.penalty.change", "active.penalty.decisions")
S["h43-096"] = lambda: U(GOLD[WQ]["facts"]["requests.carried_out.total"]["state"] == "blank")
S["h43-097"] = lambda: passage([YZ], ["二"], "12·4", "12·8", "普法")
S["h43-098"] = lambda: ({"kind": "boolean", "value": cell(LC, "active.procurement.projects") == 19}, keys(LC, "active.procurement.projects"))
S["h43-099"] = lambda: one_cell(GL, "active.penalty.decisions")
S["h43-100"] = lambda: one_cell(H24, "active.fees.amount", "yuan")
S["h43-101"] = lambda: U(absent_proc(H24) and template(H24) == "2021")
S["h43-102"] = lambda: one_cell(YZ, "requests.new.person")
S["h43-103"] = lambda: (N(round(cell(WQ, "active.procurement.amount") / cell(WQ, "active.procurement.projects"), 2), "yuan"),
                        keys(WQ, "active.procurement.amount", "active.procurement.projects"))
S["h43-104"] = lambda: ({"kind": "boolean", "value": balances(H24, LAR)}, keys(H24, *LAR))


@spec(105)
def _():
    fs = [f for f in sorted(GOLD) if year(f) in (2019, 2020)]
    assert len(fs) == 5
    return ({"kind": "boolean", "value": all(cell(f, "review.reconsideration.total") == 0 for f in fs)},
            [f + "#review.reconsideration.total" for f in fs])
S["h43-106"] = lambda: U(GOLD[EQ]["published"] is None)


@spec(107)
def _():
    nn = [n for n in GOLD[H24]["narrative_numbers"] if n.get("cell") == "requests.new.total"]
    assert len(nn) == 1
    return {"kind": "boolean", "value": nn[0]["value"] == cell(H24, "requests.new.total")}, keys(H24, "requests.new.total")
S["h43-108"] = lambda: U(not [f for f in GOLD if "洪泽" in GOLD[f]["agency"] and year(f) == 2022])
S["h43-109"] = lambda: one_cell(EQ, "requests.carried_out.total")
S["h43-110"] = lambda: one_cell(WQ, "requests.new.total")


@spec(111)
def _():
    gov = {GOLD[f]["agency"] for f in GOLD if kind_of(f) == "government"}
    assert gov == {"淮安市洪泽区人民政府"}
    return one_cell(by("洪泽", 2024), "active.licensing.decisions")


@spec(112)
def _():
    fs = rank(BUREAUS, "active.procurement.amount")
    return ({"kind": "list", "values": [GOLD[f]["agency"] for f in fs], "ordered": True},
            [f + "#active.procurement.amount" for f in BUREAUS])
S["h43-113"] = lambda: one_cell(H24, "requests.declined_complaint.total")
S["h43-114"] = lambda: one_cell(LC, "active.procurement.amount", "yuan")
S["h43-115"] = lambda: passage([EQ], ["五"], "进一步规范公开内容")
S["h43-116"] = lambda: one_cell(H24, "review.reconsideration.total")
S["h43-117"] = lambda: (N(len([f for f in GOLD if "洪泽" in GOLD[f]["agency"]])), [f for f in sorted(GOLD) if "洪泽" in GOLD[f]["agency"]])
S["h43-118"] = lambda: ({"kind": "boolean", "value": cell(GL, "requests.withheld_third_party.total") == 1}, keys(GL, "requests.withheld_third_party.total"))
S["h43-119"] = lambda: U(GOLD[H23]["facts"]["requests.other_no_fee.total"]["state"] == "absent")


@spec(120)
def _():
    dated = [f for f in sorted(GOLD) if GOLD[f].get("published")]
    first = min(dated, key=lambda f: GOLD[f]["published"])
    return {"kind": "agency", "value": GOLD[first]["agency"]}, dated


# ----------------------------------------------------------------------------- loader rules
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KIND_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values"}, "boolean": {"value"},
               "passages": {"files", "sections"}, "unanswerable": set()}


def loader_problems(d):
    p = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        p.append(f"unknown fields {extra}")
    if not isinstance(d.get("question"), str) or not d["question"].strip():
        p.append("blank question")
    e = d.get("expect", {})
    k = e.get("kind")
    if k not in KIND_FIELDS:
        p.append(f"bad kind {k}")
    elif not KIND_FIELDS[k] <= set(e):
        p.append(f"expect misses {KIND_FIELDS[k] - set(e)}")
    if k == "number" and e.get("unit") not in ("count", "yuan", "percent"):
        p.append("bad unit")
    if k == "number" and (isinstance(e.get("value"), bool) or not isinstance(e.get("value"), (int, float))):
        p.append("number value not numeric")
    if k == "boolean" and not isinstance(e.get("value"), bool):
        p.append("boolean value not bool")
    if k == "list" and not isinstance(e.get("ordered", False), bool):
        p.append("ordered not bool")
    if k == "passages" and (not e["files"] or not e["sections"] or any(s not in ORDER for s in e["sections"])):
        p.append("bad passages")
    for c in d.get("cite", []):
        if not CITE_RE.match(c):
            p.append(f"bad cite {c}")
    t = d.get("turns", [])
    if not isinstance(t, list) or not all(isinstance(x, str) and x.strip() for x in t) or len(t) > 3:
        p.append("bad turns (1-3 earlier questions expected)")
    return p


def lang(q):
    cjk = len(re.findall(r"[\u4e00-\u9fff]", q))
    latin = len(re.findall(r"[A-Za-z]", q))
    return "zh" if cjk > latin else "en"


def same_expect(exp, got):
    if exp["kind"] != got.get("kind"):
        return False
    k = exp["kind"]
    if k == "number":
        if exp["unit"] != got.get("unit"):
            return False
        a, b = float(exp["value"]), float(got["value"])
        return abs(a - b) <= 0.006  # percents are written to 4 decimals, yuan to 2
    if k in ("agency", "boolean"):
        return exp["value"] == got.get("value")
    if k == "list":
        if exp.get("ordered", False) != got.get("ordered", False):
            return False
        if exp.get("ordered"):
            return list(exp["values"]) == list(got.get("values", []))
        return sorted(map(str, exp["values"])) == sorted(map(str, got.get("values", [])))
    if k == "passages":
        return sorted(exp["files"]) == sorted(got["files"]) and sorted(exp["sections"]) == sorted(got["sections"])
    return k == "unanswerable"


def cite_tags(cite):
    guessed = False
    years = set()
    for c in cite:
        f, _, key = c.partition("#")
        years.add(year(f))
        if key and GOLD[f]["facts"][key].get("unit_assumed"):
            guessed = True
    return guessed, len(years) > 1


def main():
    rows = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    bad = 0
    langs = {"zh": 0, "en": 0}
    ids = [r["id"] for r in rows]
    if ids != ["h43-%03d" % i for i in range(1, 121)]:
        print("MISMATCH ids: not exactly h43-001 .. h43-120 in order")
        bad += 1
    for r in rows:
        cid = r["id"]
        probs = loader_problems(r)
        try:
            exp, cite = S[cid]()
        except (NotUsable, AssertionError, KeyError) as e:
            probs.append(f"reference could not compute: {e!r}")
            exp, cite = None, None
        if exp is not None:
            if not same_expect(exp, r["expect"]):
                probs.append(f"expect {r['expect']} != reference {exp}")
            if sorted(cite) != sorted(r.get("cite", [])):
                probs.append(f"cite {r.get('cite')} != reference {cite}")
            g, m = cite_tags(cite)
            if g != ("guessed_unit" in r["tags"]):
                probs.append(f"guessed_unit tag should be {g}")
            if m != ("mixed_years" in r["tags"]):
                probs.append(f"mixed_years tag should be {m}")
            # cells used by non-failure questions must be usable
            if not ({"data-quality", "check"} & set(r["tags"])):
                for c in cite:
                    f, _, key = c.partition("#")
                    if key and not usable(f, key):
                        probs.append(f"cites unusable cell {c}")
        lg = lang(r["question"])
        langs[lg] += 1
        if lg not in r["tags"] or ({"zh", "en"} - {lg}) & set(r["tags"]):
            probs.append(f"language tag should be {lg}")
        if "turns" in r and "multi-turn" not in r["tags"]:
            probs.append("turns without multi-turn tag")
        if "multi-turn" in r["tags"] and not r.get("turns"):
            probs.append("multi-turn tag without turns")
        if probs:
            bad += 1
            for p in probs:
                print(f"MISMATCH {cid}: {p}")
    if langs != {"zh": 60, "en": 60}:
        print(f"MISMATCH language split {langs} (want 60/60)")
        bad += 1
    matched = len(rows) - bad if len(rows) == 120 else 0
    print(f"SUMMARY {max(matched, 0)}/120 cases match (cases={len(rows)}, zh={langs['zh']}, en={langs['en']})")
    return 0 if matched == 120 and bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
