#!/usr/bin/env python3
"""Reference check for eval/qa_holdout54.jsonl (stdlib only).

Every expected answer of the 120 cases is recomputed here from the hand-checked gold
(tests/fixtures/gold/*.json) and, for passage cases, from the section text of
data/samples/*.txt.  Each case has a spec below that names the cells it needs and how the
answer follows from them; the script derives the expected `expect`, the `cite` list and the
`guessed_unit` / `mixed_years` tags, and compares them with the JSONL.

Conventions applied (see eval/QA_HOLDOUT54.md):
  * only cells whose state is "number" are usable; blank / absent / missing cells make the
    question unanswerable;
  * the balance rules R1-R4 of DOMAIN.md are recomputed; the cells of a group that fails its
    rule are usable only by specs marked as being about the failure itself;
  * money is in yuan; 万元 (printed or assumed) is x10000 of the printed number, recomputed
    here from `raw` / `raw_value`;
  * `guessed_unit` iff a cited cell has `unit_assumed`; `mixed_years` iff the cited cells come
    from reports of more than one year;
  * unanswerable cases cite nothing; passage cases cite the bare file; metadata cases cite nothing.

Usage:  python3 eval/qa_holdout54_reference.py            (prints mismatches and SUMMARY n/120)
        python3 eval/qa_holdout54_reference.py --selftest (also mutates cases in memory and
                                                           checks that every mutation is caught)
Exit status 0 only when all 120 cases match.
"""
from __future__ import annotations

import copy
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD_DIR = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES_DIR = os.path.join(ROOT, "data", "samples")
CASES_PATH = os.path.join(HERE, "qa_holdout54.jsonl")
N_CASES = 120

# --------------------------------------------------------------------------------------------
# gold
# --------------------------------------------------------------------------------------------
ALIAS = {
    "GL": "000_2133ae744f48d674.json",
    "LC": "001_19df74b8cb7281a4.json",
    "YZ": "002_c42cd15df52a6935.json",
    "WQ": "003_acfa5b9243423631.json",
    "EQ": "004_5206fb2196a31c52.json",
    "H3": "hongze-qu-gov-2023.json",
    "H4": "hongze-qu-gov-2024.json",
}


def load_gold():
    reports = {}
    for path in sorted(glob.glob(os.path.join(GOLD_DIR, "*.json"))):
        with open(path, encoding="utf-8") as f:
            reports[os.path.basename(path)] = json.load(f)
    by_alias = {a: reports[fn] for a, fn in ALIAS.items()}
    if len(reports) != len(ALIAS):
        raise SystemExit(f"expected {len(ALIAS)} gold reports, found {len(reports)}")
    return by_alias


G = load_gold()


def cite_file(alias):
    """The file name a citation uses: the gold `file` without its folder (hongze-...pdf)."""
    return os.path.basename(G[alias]["file"])


def agency_kind(alias):
    g = G[alias]
    if g.get("agency_kind"):
        return g["agency_kind"]
    name = g["agency"]
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if "街道" in name or name.endswith("镇") or name.endswith("乡"):
        return "street_office"
    return "department"


def _num(text):
    return float(re.sub(r"[^0-9.\-]", "", text))


def cell_value(alias, key):
    """Value of a usable cell; money recomputed from what was printed."""
    fact = G[alias]["facts"][key]
    value = fact["value"]
    if key.endswith("procurement.amount") or key.endswith("fees.amount"):
        unit = fact.get("unit_printed") or fact.get("unit_assumed")
        if key.endswith("fees.amount") and G[alias]["template"] == "2021":
            unit = fact.get("unit_printed") or "万元"  # 2021 header: 本年收费金额（单位：万元）
        printed = fact.get("raw_value")
        if printed is None:
            printed = _num(fact["raw"])
        recomputed = printed * 10000 if unit == "万元" else printed
        if abs(recomputed - value) > 1e-6:
            raise SystemExit(f"{alias} {key}: value {value} but printed {fact['raw']!r} in {unit} gives {recomputed}")
        value = recomputed
    return value


# --------------------------------------------------------------------------------------------
# balance rules R1-R4, recomputed
# --------------------------------------------------------------------------------------------
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS = ["granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc"]
ALL_REQ_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def _state(alias, key):
    fact = G[alias]["facts"].get(key)
    return "missing" if fact is None else fact["state"]


def check_rules(alias):
    """{rule: [failed cell groups]} and the set of cells in failing groups."""
    facts = G[alias]["facts"]
    fails = {"R1": [], "R2": [], "R3": [], "R4": []}

    def nums(keys):
        if all(_state(alias, k) == "number" for k in keys):
            return [facts[k]["value"] for k in keys]
        return None

    for col in COLS:  # R1
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        v = nums(keys)
        if v is not None and v[0] + v[1] != v[2] + v[3]:
            fails["R1"].append(keys)
    for col in COLS:  # R2
        rows = [f"requests.{r}.{col}" for r in OUTCOME_ROWS if _state(alias, f"requests.{r}.{col}") not in ("missing", "absent")]
        keys = rows + [f"requests.handled.{col}"]
        v = nums(keys)
        if v is not None and sum(v[:-1]) != v[-1]:
            fails["R2"].append(keys)
    for row in ALL_REQ_ROWS:  # R3
        keys = [f"requests.{row}.{c}" for c in COLS]
        if any(_state(alias, k) in ("missing", "absent") for k in keys):
            continue
        v = nums(keys)
        if v is not None and sum(v[:-1]) != v[-1]:
            fails["R3"].append(keys)
    for grp in REVIEW_GROUPS:  # R4
        keys = [f"review.{grp}.{c}" for c in REVIEW_COLS]
        v = nums(keys)
        if v is not None and sum(v[:-1]) != v[-1]:
            fails["R4"].append(keys)
    tainted = {k for groups in fails.values() for g in groups for k in g}
    # cross-check with the status the gold author recorded
    for rule, groups in fails.items():
        recorded = str(G[alias].get("checks", {}).get(rule, "pass"))
        if recorded.startswith("fail") != bool(groups):
            raise SystemExit(f"{alias} {rule}: recomputed {'fail' if groups else 'pass'} but gold says {recorded!r}")
    return fails, tainted


RULES = {a: check_rules(a) for a in ALIAS}
TAINTED = {a: RULES[a][1] for a in ALIAS}


def usable(alias, key, allow_tainted=False):
    if _state(alias, key) != "number":
        return False, f"{alias} {key} is {_state(alias, key)}"
    if key in TAINTED[alias] and not allow_tainted:
        return False, f"{alias} {key} is in a group that fails its balance rule"
    return True, ""


# --------------------------------------------------------------------------------------------
# sample text sections
# --------------------------------------------------------------------------------------------
SECTION_WORDS = [("一", "总体情况"), ("二", "主动公开"), ("三", "申请"), ("四", "行政复议"),
                 ("五", "问题"), ("六", "其他需要报告")]


def sample_path(alias):
    return os.path.join(SAMPLES_DIR, cite_file(alias))


def sections(alias):
    """{section numeral: text} found by walking headings in order (by meaning, not exact text)."""
    with open(sample_path(alias), encoding="utf-8") as f:
        lines = f.read().splitlines()
    out, cur, nxt = {}, None, 0
    for line in lines:
        if nxt < len(SECTION_WORDS):
            num, word = SECTION_WORDS[nxt]
            m = re.match(r"^[#\s*]*([一二三四五六])、(.*)$", line)
            if m and m.group(1) == num and word in m.group(2) and len(line.strip()) < 60:
                cur, nxt = num, nxt + 1
                out[cur] = []
                continue
        if cur:
            out[cur].append(line)
    if len(out) != 6:
        raise SystemExit(f"{alias}: found sections {sorted(out)}")
    return {k: "\n".join(v) for k, v in out.items()}


def full_text(alias):
    with open(sample_path(alias), encoding="utf-8") as f:
        return f.read()


SAMPLES = ["GL", "LC", "YZ", "WQ", "EQ"]

# --------------------------------------------------------------------------------------------
# specs
# --------------------------------------------------------------------------------------------
WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UN = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DE = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
      "declined_confirmation"]
PROC = [a for a in ALIAS if "active.procurement.amount" in G[a]["facts"]
        and G[a]["facts"]["active.procurement.amount"]["state"] == "number"]   # reports with the block
Y2020 = [a for a in ALIAS if G[a]["year"] == 2020]
ALL = list(ALIAS)
BUREAUS = [a for a in ALIAS if G[a]["agency"].endswith("统计局")]


def name(a):
    return G[a]["agency"]


def cells(*pairs):
    return list(pairs)


def row_cells(alias, rows, col="total", table="requests"):
    return [(alias, f"{table}.{r}.{col}") for r in rows]


def per(aliases, key):
    return [(a, key) for a in aliases]


# spec kinds -------------------------------------------------------------------------------
# N(cells, fn, unit, nd)  number: fn(values list) -> float, rounded to nd decimals
# B(cells, fn)           boolean
# A(cells, fn)           agency: fn(values dict {(alias,key): v}) -> alias
# L(cells, fn, ordered)  list: fn(values dict) -> list
# P(alias, section, word)       passage
# LP(word)                      list of agencies whose sample text mentions word
# M(kind, fn, ...)              metadata (no cells)
# U(need=[cells] | absent_report=fn)  unanswerable
class Spec:
    def __init__(self, kind, cells=(), fn=None, unit=None, nd=2, ordered=False, allow_tainted=False,
                 alias=None, section=None, word=None, report_check=None):
        self.kind, self.cells, self.fn, self.unit, self.nd = kind, list(cells), fn, unit, nd
        self.ordered, self.allow_tainted = ordered, allow_tainted
        self.alias, self.section, self.word, self.report_check = alias, section, word, report_check


def N(c, fn, unit="count", nd=2, **kw):
    return Spec("number", c, fn, unit, nd, **kw)


def B(c, fn, **kw):
    return Spec("boolean", c, fn, **kw)


def A(c, fn):
    return Spec("agency", c, fn)


def L(c, fn, ordered=False, **kw):
    return Spec("list", c, fn, ordered=ordered, **kw)


def P(alias, section, word):
    return Spec("passages", alias=alias, section=section, word=word)


def LP(word):
    return Spec("mentions", word=word)


def MA(fn):
    return Spec("meta_agency", fn=fn)


def MN(fn):
    return Spec("meta_number", fn=fn, unit="count")


def ML(fn):
    return Spec("meta_list", fn=fn)


def MB(fn):
    return Spec("meta_boolean", fn=fn)


def U(need=(), report_check=None):
    return Spec("unanswerable", need, report_check=report_check)


def top(values, aliases, key, pos=0, desc=True):
    """Alias at rank `pos` of aliases by values[(alias,key)]; the ranks around it must be distinct."""
    order = sorted(aliases, key=lambda a: values[(a, key)], reverse=desc)
    v = [values[(a, key)] for a in order]
    if (pos > 0 and v[pos - 1] == v[pos]) or (pos + 1 < len(v) and v[pos + 1] == v[pos]):
        raise ValueError(f"tie at rank {pos + 1}")
    return order[pos]


def no_report(pred):
    """True when no gold report satisfies pred (the agency/year asked for is not in the collection)."""
    return lambda: not any(pred(G[a]) for a in ALL)


AMT, PRJ = "active.procurement.amount", "active.procurement.projects"
FEE = "active.fees.amount"

SPECS = {
    # --- 001-020 budget committee member
    1: N([("GL", AMT)], lambda v: v[0], "yuan"),
    2: N([("EQ", AMT)], lambda v: v[0], "yuan"),
    3: N([("H3", FEE)], lambda v: v[0], "yuan"),
    4: N([("H4", FEE)], lambda v: v[0], "yuan"),
    5: N([("H4", FEE), ("H3", FEE)], lambda v: v[1] - v[0], "yuan"),
    6: N([("H3", FEE), ("H4", FEE)], lambda v: v[0] + v[1], "yuan"),
    7: N([("H4", FEE), ("H3", FEE)], lambda v: (v[1] - v[0]) / v[1] * 100, "percent"),
    8: N([("YZ", AMT), ("YZ", PRJ)], lambda v: v[0] / v[1], "yuan"),
    9: N([("WQ", AMT), ("WQ", PRJ)], lambda v: v[0] / v[1], "yuan"),
    10: N(per(PROC, PRJ), sum),
    11: N(per([a for a in PROC if a in Y2020], AMT), sum, "yuan"),
    12: N(per([a for a in PROC if G[a]["province"] == "浙江省"], AMT), sum, "yuan"),
    13: A([(a, k) for a in PROC for k in (AMT, PRJ)],
          lambda v: max(PROC, key=lambda a: v[(a, AMT)] / v[(a, PRJ)])),
    14: A(per(PROC, AMT), lambda v: top(v, PROC, AMT, pos=1)),
    15: L(per([a for a in PROC if a in Y2020], AMT),
          lambda v: [name(a) for a in PROC if a in Y2020 and v[(a, AMT)] > 100000]),
    16: N([("LC", AMT), ("EQ", AMT)], lambda v: v[0] - v[1], "yuan"),
    17: U([("H4", AMT)]),
    18: U([("LC", FEE)]),
    19: P("YZ", "二", "罚款总额"),
    20: P("LC", "一", "三公"),
    # --- 021-040 NGO worker
    21: N([("H4", "requests.granted.total")], lambda v: v[0]),
    22: B([("H3", "requests.granted.total")], lambda v: v[0] >= 1),
    23: N(row_cells("H4", UN), sum),
    24: N(row_cells("H3", WH), sum),
    25: N([("H4", "requests.carried_out.total")], lambda v: v[0]),
    26: B(row_cells("LC", WH), lambda v: sum(v) >= 1),
    27: N([("H4", "requests.granted.total"), ("H4", "requests.partial.total"), ("H4", "requests.handled.total")],
          lambda v: (v[0] + v[1]) / v[2] * 100, "percent"),
    28: N([("WQ", "requests.unavailable_not_held.total")], lambda v: v[0]),
    29: U([("GL", "requests.unavailable_not_held.total")]),
    30: U([("WQ", "requests.carried_out.total")]),
    31: A(per(ALL, "requests.granted.total"), lambda v: top(v, ALL, "requests.granted.total")),
    32: N([("H4", "requests.declined_complaint.total")], lambda v: v[0]),
    33: N([("H3", "requests.withheld_process.total"), ("H4", "requests.withheld_process.total")], sum),
    34: B([("H3", "requests.unavailable_not_held.total"), ("H4", "requests.unavailable_not_held.total")],
          lambda v: v[1] > v[0]),
    35: N([("H4", "requests.handled.total"), ("H4", "requests.granted.total"), ("H4", "requests.partial.total")],
          lambda v: v[0] - v[1] - v[2]),
    36: N([("H3", "requests.new.person")], lambda v: v[0]),
    37: P("WQ", "一", "公共卫生事件的政府信息公开申请"),
    38: N([("H3", "requests.unavailable_needs_creation.total"), ("H4", "requests.unavailable_needs_creation.total")], sum),
    39: N([("H4", "review.reconsideration.pending")], lambda v: v[0]),
    40: U([("H3", "review.reconsideration.upheld")]),
    # --- 041-055 spokesperson's office
    41: B([("H4", "requests.new.total")], lambda v: v[0] == 95),
    42: B([("H4", "requests.new.total"), ("H3", "requests.new.total")], lambda v: v[0] - v[1] == 74),
    43: B([("H4", "active.licensing.decisions"), ("H3", "active.licensing.decisions")], lambda v: v[0] >= 2 * v[1]),
    44: B([("H4", "active.penalty.decisions"), ("H3", "active.penalty.decisions")], lambda v: v[0] > v[1]),
    45: B([("H4", "requests.granted.total"), ("H4", "requests.handled.total")], lambda v: v[0] > v[1] / 2),
    46: B([("WQ", "requests.granted.total")], lambda v: v[0] == 1),
    47: B([("LC", "active.penalty.change")], lambda v: v[0] == 15),
    48: B([("YZ", AMT)], lambda v: v[0] > 450000),
    49: B([("EQ", "requests.new.total")], lambda v: v[0] == 0),
    50: B([("H4", "review.reconsideration.corrected")], lambda v: v[0] == 1),
    51: U([("H3", f"review.reconsideration.{c}") for c in REVIEW_COLS]),
    52: B([("H4", "review.lawsuit_direct.total"), ("H4", "review.lawsuit_after_review.total")], lambda v: v[0] + v[1] == 4),
    53: B([("GL", PRJ)], lambda v: v[0] == 19),
    54: B([("H4", "active.normative.in_force"), ("H3", "active.normative.in_force")], lambda v: v[0] == 8 and v[0] - v[1] == 3),
    55: B([("H4", FEE), ("H3", FEE)], lambda v: 0 < v[1] - v[0] < 2000000),
    # --- 056-070 Singaporean civil servant
    56: N([("H4", "active.coercion.decisions")], lambda v: v[0]),
    57: N([("YZ", "active.penalty.prev_items")], lambda v: v[0]),
    58: N([("H3", "requests.partial.total")], lambda v: v[0]),
    59: A([("LC", PRJ), ("YZ", PRJ)], lambda v: top(v, ["LC", "YZ"], PRJ)),
    60: N([("WQ", AMT)], lambda v: v[0], "yuan"),
    61: N([("H4", "active.licensing.decisions"), ("H3", "active.licensing.decisions")], lambda v: v[0] - v[1]),
    62: N(per(ALL, "requests.new.total"), lambda v: sum(1 for x in v if x == 0)),
    63: N([("EQ", "active.coercion.prev_items")], lambda v: v[0]),
    64: N([("H4", "review.lawsuit_after_review.total")], lambda v: v[0]),
    65: B([("H4", "review.reconsideration.upheld"), ("H4", "review.reconsideration.corrected")], lambda v: v[0] == v[1]),
    66: L(per([a for a in ALL if G[a]["template"] == "2019"], "active.penalty.prev_items"),
          lambda v: [name(a) for a in ALL if G[a]["template"] == "2019" and v[(a, "active.penalty.prev_items")] >= 10]),
    67: N([("H3", "active.penalty.decisions"), ("H4", "active.penalty.decisions")], sum),
    68: B([("H3", f"review.lawsuit_after_review.{c}") for c in REVIEW_COLS], lambda v: sum(v[:4]) == v[4],
          allow_tainted=True),
    69: B([("H3", "requests.new.legal")], lambda v: v[0] > 0),
    70: N([("H4", "active.licensing.decisions"), ("H4", "active.penalty.decisions"), ("H4", "active.coercion.decisions")],
          lambda v: v[0] / sum(v) * 100, "percent"),
    # --- 071-085 retired engineer
    71: N(row_cells("H4", UN + DE), sum),
    72: N([("H3", "requests.partial.total"), ("H3", "requests.handled.total")], lambda v: v[0] / v[1] * 100, "percent"),
    73: N([("H4", "active.licensing.decisions"), ("H4", "active.penalty.decisions"), ("H4", "active.coercion.decisions")], sum),
    74: N([("H3", "active.normative.repealed"), ("H3", "active.normative.in_force")], lambda v: v[0] - v[1]),
    75: N([("LC", "active.penalty.decisions"), ("LC", "active.penalty.prev_items")], lambda v: v[0] - v[1]),
    76: N([("GL", "active.penalty.prev_items"), ("GL", "active.penalty.decisions")], lambda v: v[0] - v[1]),
    77: N([("H4", f"review.{g}.{c}") for g in REVIEW_GROUPS for c in ("upheld", "total")],
          lambda v: sum(v[0::2]) / sum(v[1::2]) * 100, "percent"),
    78: N(per(Y2020, "requests.new.total"),
          lambda v: v[Y2020.index("WQ")] / sum(v) * 100, "percent"),
    79: N([("H4", "requests.unavailable_not_held.total"), ("H4", "requests.handled.total")], lambda v: v[0] / v[1] * 100, "percent"),
    80: N(per([a for a in ALL if G[a]["template"] == "2019"], "active.penalty.decisions"), sum),
    81: N([("H3", "active.coercion.decisions"), ("H4", "active.coercion.decisions")], lambda v: v[0] - v[1]),
    82: N([("H4", "requests.new.total"), ("H4", "requests.carried_in.total"), ("H4", "requests.handled.total")],
          lambda v: v[0] + v[1] - v[2]),
    83: N([(a, k) for a in PROC for k in (AMT, PRJ)], lambda v: sum(v[0::2]) / sum(v[1::2]), "yuan"),
    84: N([("YZ", "requests.new.person"), ("YZ", "requests.new.total")], lambda v: v[0] / v[1] * 100, "percent"),
    85: N([("H4", "active.penalty.decisions"), ("H3", "active.penalty.decisions")], lambda v: v[0] / v[1] * 100, "percent"),
    # --- 086-100 multi-turn
    86: N([("H4", "requests.granted.total")], lambda v: v[0]),
    87: N(per([a for a in PROC if a in Y2020], AMT),
          lambda v: sum(sorted(v, reverse=True)[:2]), "yuan"),
    88: N([("YZ", PRJ)], lambda v: v[0]),
    89: N([("H3", "active.penalty.decisions"), ("H4", "active.penalty.decisions")], lambda v: v[0] - v[1]),
    90: Spec("number_dict", per(Y2020, "requests.new.total") + [("WQ", "requests.granted.total")],
             lambda v: v[(top(v, Y2020, "requests.new.total"), "requests.granted.total")], "count"),
    91: N([("H4", "review.reconsideration.total"), ("H4", "review.lawsuit_direct.total"), ("H4", "review.lawsuit_after_review.total")], sum),
    92: N([("WQ", "requests.unavailable_not_held.total"), ("WQ", "requests.new.total")], lambda v: v[0] / v[1] * 100, "percent"),
    93: N([("H4", "requests.new.total")], lambda v: v[0]),
    94: Spec("number_dict", per(PROC, AMT) + [("WQ", PRJ)],
             lambda v: v[(top(v, PROC, AMT, pos=2), AMT)] / v[(top(v, PROC, AMT, pos=2), PRJ)], "yuan"),
    95: A([("GL", AMT), ("WQ", AMT)],
          lambda v: top(v, [a for a in ALL if G[a]["province"] == "福建省"], AMT)),
    96: B(row_cells("H4", WH) + row_cells("H3", WH), lambda v: sum(v[:8]) != sum(v[8:])),
    97: N([("H4", FEE)], lambda v: v[0], "yuan"),
    98: Spec("number_dict", per(BUREAUS, "active.penalty.decisions") + [("LC", "active.penalty.prev_items")],
             lambda v: v[(top(v, BUREAUS, "active.penalty.decisions"), "active.penalty.prev_items")], "count"),
    99: N([("WQ", "requests.withheld_third_party.total"), ("WQ", "requests.handled.total")], lambda v: v[0] / v[1] * 100, "percent"),
    100: N([(max([a for a in ALL if G[a]["template"] == "2021"], key=lambda a: G[a]["year"]), "review.lawsuit_direct.total")],
           lambda v: v[0]),
    # --- 101-120 mixed
    101: MA(lambda: [a for a in ALL if agency_kind(a) == "government"]),
    102: MN(lambda: sum(1 for a in ALL if G[a]["template"] == "2019")),
    103: ML(lambda: [name(a) for a in ALL if (G[a].get("published") or "").startswith("2021-01")]),
    104: P("YZ", "五", "信息公开范围单一"),
    105: P("WQ", "五", "邀请律师"),
    106: P("GL", "一", "个人信息保护"),
    107: U(report_check=no_report(lambda g: g["county"] == "洪泽区" and g["year"] == 2022)),
    108: U(report_check=no_report(lambda g: g["city"] == "南京市")),
    109: N(per(Y2020, "active.penalty.decisions"), lambda v: sum(1 for x in v if x != 0)),
    110: ML(lambda: [G[a]["year"] for a in ALL if G[a]["province"] == "江苏省"]),
    111: P("EQ", "五", "规范公开时间"),
    112: LP("统计开放日"),
    113: P("GL", "一", "部门决算说明"),
    114: MB(lambda: G["YZ"]["city"] == "宁波市"),
    115: MN(lambda: len({name(a) for a in ALL if agency_kind(a) == "department"})),
    116: Spec("quality_list"),
    117: U([("H4", "requests.other_no_fee.total")]),
    118: U(report_check=no_report(lambda g: g["agency"] == "鄞州区统计局" and g["year"] == 2020)),
    119: Spec("narrative_check", [("H4", "requests.new.total")], word=17),
    120: P("LC", "一", "领导小组"),
}

# --------------------------------------------------------------------------------------------
# deriving the expected case
# --------------------------------------------------------------------------------------------


def years_of(cell_list):
    return {G[a]["year"] for a, _ in cell_list}


def derive(n):
    """(expect-subset to compare, cite list, {tag: bool}) for case number n."""
    s = SPECS[n]
    cite, tags = [], {"guessed_unit": False, "mixed_years": False}

    def cell_tags(cl):
        tags["guessed_unit"] = any(G[a]["facts"][k].get("unit_assumed") for a, k in cl)
        tags["mixed_years"] = len(years_of(cl)) > 1

    if s.kind in ("number", "boolean", "agency", "list", "number_dict"):
        for a, k in s.cells:
            ok, why = usable(a, k, s.allow_tainted)
            if not ok:
                return {"kind": "unanswerable"}, [], tags
        vals = [cell_value(a, k) for a, k in s.cells]
        vd = {(a, k): cell_value(a, k) for a, k in s.cells}
        cite = [f"{cite_file(a)}#{k}" for a, k in s.cells]
        cell_tags(s.cells)
        if s.kind == "number":
            return {"kind": "number", "value": round(s.fn(vals), s.nd), "unit": s.unit}, cite, tags
        if s.kind == "number_dict":
            return {"kind": "number", "value": round(s.fn(vd), s.nd), "unit": s.unit}, cite, tags
        if s.kind == "boolean":
            return {"kind": "boolean", "value": bool(s.fn(vals))}, cite, tags
        if s.kind == "agency":
            return {"kind": "agency", "value": name(s.fn(vd))}, cite, tags
        return {"kind": "list", "values": s.fn(vd), "ordered": s.ordered}, cite, tags
    if s.kind == "passages":
        secs = sections(s.alias)
        if s.word not in secs[s.section]:
            raise ValueError(f"{s.word!r} not in section {s.section} of {cite_file(s.alias)}")
        return {"kind": "passages", "files": [cite_file(s.alias)], "sections": [s.section]}, [cite_file(s.alias)], tags
    if s.kind == "mentions":
        hits = [a for a in SAMPLES if s.word in full_text(a)]
        return {"kind": "list", "values": [name(a) for a in hits], "ordered": False}, [cite_file(a) for a in hits], tags
    if s.kind == "meta_agency":
        found = s.fn()
        names = sorted({name(a) for a in found})
        if len(names) != 1:
            raise ValueError(f"meta agency not unique: {names}")
        return {"kind": "agency", "value": names[0]}, [], tags
    if s.kind == "meta_number":
        return {"kind": "number", "value": s.fn(), "unit": "count"}, [], tags
    if s.kind == "meta_list":
        return {"kind": "list", "values": s.fn(), "ordered": False}, [], tags
    if s.kind == "meta_boolean":
        return {"kind": "boolean", "value": bool(s.fn())}, [], tags
    if s.kind == "unanswerable":
        if s.report_check is not None:
            if not s.report_check():
                return {"kind": "NOT-unanswerable (report exists)"}, [], tags
        else:
            if all(usable(a, k)[0] for a, k in s.cells):
                return {"kind": "NOT-unanswerable (all cells usable)"}, [], tags
        return {"kind": "unanswerable"}, [], tags
    if s.kind == "quality_list":
        bad = [a for a in ALL if RULES[a][0]["R4"]]
        cl = [(a, k) for a in bad for grp in RULES[a][0]["R4"] for k in grp]
        cell_tags(cl)
        return ({"kind": "list", "values": sorted({name(a) for a in bad}), "ordered": False},
                [f"{cite_file(a)}#{k}" for a, k in cl], tags)
    if s.kind == "narrative_check":
        (a, k), = s.cells
        claims = [x for x in G[a].get("narrative_numbers", []) if x.get("value") == s.word
                  and (x.get("cell") == k or k in (x.get("cells") or []))]
        if len(claims) != 1:
            raise ValueError(f"narrative claim {s.word} for {k} not found in gold")
        ok, _ = usable(a, k)
        if not ok:
            return {"kind": "unanswerable"}, [], tags
        cell_tags([(a, k)])
        return {"kind": "boolean", "value": cell_value(a, k) == s.word}, [f"{cite_file(a)}#{k}"], tags
    raise ValueError(f"unknown spec kind {s.kind}")


# --------------------------------------------------------------------------------------------
# comparing
# --------------------------------------------------------------------------------------------
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
EXPECT_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values", "ordered"},
                 "boolean": {"value"}, "passages": {"files", "sections"}, "unanswerable": set()}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def check_case(n, case):
    """List of mismatch strings for one case."""
    errs = []
    cid = f"h54-{n:03d}"
    if case.get("id") != cid:
        errs.append(f"id {case.get('id')!r} != {cid}")
    extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    q = case.get("question", "")
    if not isinstance(q, str) or not q.strip():
        errs.append("blank question")
    if "turns" in case and (not isinstance(case["turns"], list) or not case["turns"]
                            or not all(isinstance(t, str) and t.strip() for t in case["turns"])):
        errs.append("turns must be a non-empty list of questions")
    tags = case.get("tags", [])
    langs = [t for t in tags if t in ("zh", "en")]
    if len(langs) != 1:
        errs.append(f"needs exactly one of zh/en, has {langs}")
    else:
        text = " ".join(case.get("turns", []) + [q])
        n_cjk, n_words = len(CJK.findall(text)), len(LATIN_WORD.findall(text))
        if langs[0] == "zh" and (n_cjk < 8 or n_words > 2):
            errs.append("tagged zh but does not read as Chinese")
        if langs[0] == "en" and n_words < 4:
            errs.append("tagged en but does not read as English")
    cite = case.get("cite", [])
    for c in cite:
        if not CITE_RE.match(c):
            errs.append(f"bad cite {c!r}")
    if len(set(cite)) != len(cite):
        errs.append("duplicate cite")
    exp = case.get("expect", {})
    kind = exp.get("kind")
    if kind not in EXPECT_FIELDS:
        errs.append(f"unknown kind {kind!r}")
        return errs
    missing = EXPECT_FIELDS[kind] - set(exp)
    if missing:
        errs.append(f"expect lacks {sorted(missing)}")
    if set(exp) - EXPECT_FIELDS[kind] - {"kind", "note"}:
        errs.append(f"expect has unknown fields {sorted(set(exp) - EXPECT_FIELDS[kind] - {'kind', 'note'})}")

    try:
        want, want_cite, want_tags = derive(n)
    except Exception as e:  # a spec that cannot be evaluated is a mismatch too
        return errs + [f"reference failed: {e}"]
    if want["kind"] != kind:
        errs.append(f"kind {kind!r}, reference says {want['kind']!r}")
    elif kind == "number":
        if exp.get("unit") != want["unit"]:
            errs.append(f"unit {exp.get('unit')!r} != {want['unit']!r}")
        v = exp.get("value")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or abs(v - want["value"]) > 1e-6:
            errs.append(f"value {v!r} != {want['value']!r}")
    elif kind in ("agency", "boolean"):
        if exp.get("value") != want["value"] or type(exp.get("value")) is not type(want["value"]):
            errs.append(f"value {exp.get('value')!r} != {want['value']!r}")
    elif kind == "list":
        if exp.get("ordered") is not want["ordered"]:
            errs.append(f"ordered {exp.get('ordered')!r} != {want['ordered']!r}")
        got_v, want_v = exp.get("values", []), want["values"]
        same = got_v == want_v if want["ordered"] else sorted(map(str, got_v)) == sorted(map(str, want_v))
        if not same or len(got_v) != len(want_v):
            errs.append(f"values {got_v!r} != {want_v!r}")
    elif kind == "passages":
        if exp.get("files") != want["files"] or exp.get("sections") != want["sections"]:
            errs.append(f"passages {exp.get('files')}/{exp.get('sections')} != {want['files']}/{want['sections']}")
    if sorted(cite) != sorted(want_cite):
        errs.append(f"cite {cite} != {want_cite}")
    for t, on in want_tags.items():
        if (t in tags) != on:
            errs.append(f"tag {t!r} should be {'present' if on else 'absent'}")
    return errs


def load_cases(path=CASES_PATH):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(cases, quiet=False):
    ok = 0
    problems = []
    if len(cases) != N_CASES:
        problems.append(f"file holds {len(cases)} cases, expected {N_CASES}")
    ids = [c.get("id") for c in cases]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    for n in range(1, N_CASES + 1):
        case = cases[n - 1] if n - 1 < len(cases) else {}
        errs = check_case(n, case)
        if errs:
            problems.extend(f"h54-{n:03d}: {e}" for e in errs)
        else:
            ok += 1
    langs = [t for c in cases for t in c.get("tags", []) if t in ("zh", "en")]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        problems.append(f"zh/en split is {langs.count('zh')}/{langs.count('en')}, expected 60/60")
        ok = min(ok, N_CASES - 1)
    if not quiet:
        for p in problems:
            print("MISMATCH", p)
        print(f"SUMMARY {ok}/{N_CASES}")
    return ok, problems


def selftest(cases):
    """Mutate cases in memory; every mutation must be caught."""
    def mut(n, f):
        cs = copy.deepcopy(cases)
        f(cs[n - 1])
        return cs

    mutations = {
        "number value +1 (h54-005)": mut(5, lambda c: c["expect"].update(value=c["expect"]["value"] + 1)),
        "万元 not converted (h54-004)": mut(4, lambda c: c["expect"].update(value=7545)),
        "percent off by 0.1 (h54-027)": mut(27, lambda c: c["expect"].update(value=62.21)),
        "unit yuan->count (h54-001)": mut(1, lambda c: c["expect"].update(unit="count")),
        "boolean flipped (h54-044)": mut(44, lambda c: c["expect"].update(value=True)),
        "agency changed (h54-013)": mut(13, lambda c: c["expect"].update(value="鄞州区统计局")),
        "list item dropped (h54-015)": mut(15, lambda c: c["expect"]["values"].pop()),
        "cite dropped (h54-024)": mut(24, lambda c: c["cite"].pop()),
        "cite wrong file (h54-003)": mut(3, lambda c: c.update(cite=["hongze-qu-gov-2024.pdf#active.fees.amount"])),
        "guessed_unit removed (h54-009)": mut(9, lambda c: c["tags"].remove("guessed_unit")),
        "guessed_unit added (h54-008)": mut(8, lambda c: c["tags"].append("guessed_unit")),
        "mixed_years removed (h54-042)": mut(42, lambda c: c["tags"].remove("mixed_years")),
        "blank cell answered (h54-029)": mut(29, lambda c: c.update(expect={"kind": "number", "value": 0, "unit": "count"},
                                                                       cite=["000_2133ae744f48d674.txt#requests.unavailable_not_held.total"])),
        "failing group answered (h54-040)": mut(40, lambda c: c.update(expect={"kind": "number", "value": 10, "unit": "count"},
                                                                          cite=["hongze-qu-gov-2023.pdf#review.reconsideration.upheld"])),
        "passage wrong section (h54-104)": mut(104, lambda c: c["expect"].update(sections=["一"])),
        "passage wrong file (h54-111)": mut(111, lambda c: c["expect"].update(files=["003_acfa5b9243423631.txt"])),
        "meta count wrong (h54-115)": mut(115, lambda c: c["expect"].update(value=5)),
        "language tag swapped (h54-056)": mut(56, lambda c: c.update(tags=[("zh" if t == "en" else t) for t in c["tags"]])),
        "id renumbered (h54-070)": mut(70, lambda c: c.update(id="h54-700")),
        "ordinal shifted (h54-014)": mut(14, lambda c: c["expect"].update(value="鄞州区统计局")),
    }
    caught = 0
    for label, cs in mutations.items():
        ok, problems = run(cs, quiet=True)
        hit = ok < N_CASES
        caught += hit
        print(f"selftest {'caught' if hit else 'MISSED'}: {label}" + (f"  -> {problems[0]}" if hit else ""))
    # a spec-side mutation: the 鄞州 procurement amount read as 万元 must change the answer of h54-014
    saved = G["YZ"]["facts"][AMT].copy()
    G["YZ"]["facts"][AMT]["value"] = saved["value"] - 400000
    G["YZ"]["facts"][AMT]["raw"] = "75976.05元"
    ok, problems = run(cases, quiet=True)
    G["YZ"]["facts"][AMT] = saved
    caught += ok < N_CASES
    print(f"selftest {'caught' if ok < N_CASES else 'MISSED'}: gold amount changed in memory ({len(problems)} mismatches)")
    total = len(mutations) + 1
    print(f"SELFTEST {caught}/{total}")
    return caught == total


def main(argv):
    cases = load_cases()
    ok, _ = run(cases)
    good = ok == N_CASES
    if "--selftest" in argv:
        good = selftest(cases) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
