#!/usr/bin/env python3
"""Independent reference check for eval/qa_holdout39.jsonl (stdlib only).

Every expected answer of the 120 cases is recomputed here from the hand-checked gold cells
(tests/fixtures/gold/*.json) and, for passage cases, from the sample report texts
(data/samples/*.txt). For each case the script compares, with what the JSONL says:

  * expect (kind, value / values / ordered / unit / files / sections),
  * the cite list (same set of cites, no duplicates),
  * the tags guessed_unit and mixed_years (derived from the cited cells / files),
  * the loader rules of eval/dataset.py (fields, kinds, units, sections, cite regex, unique ids),
  * the set's shape (ids h39-001 .. h39-120, 60 "zh" and 60 "en").

Rules enforced while recomputing:
  * a number may only come from a cell whose state is `number`;
  * a cell of a group that fails a balance rule (R1-R4, recomputed here from the cells) may only
    be used by a case about that failure (recipes mark it with allow_failed=True);
  * money is in yuan (the gold stores yuan; 万元 cells are already converted);
  * guessed_unit <=> a cited money cell has no printed unit but an assumed one;
  * mixed_years <=> the cited cells / passages come from reports of more than one year.

Prints one line per mismatch and a SUMMARY line; exits 0 only when all 120 cases agree.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = HERE / "qa_holdout39.jsonl"

# ----------------------------------------------------------------------------- gold
R: dict[str, dict] = {}          # short name -> gold report
FILE: dict[str, str] = {}        # short name -> file name as cited
SHORT = {"000_2133ae744f48d674.txt": "A", "001_19df74b8cb7281a4.txt": "B",
         "002_c42cd15df52a6935.txt": "C", "003_acfa5b9243423631.txt": "D",
         "004_5206fb2196a31c52.txt": "E", "hongze-qu-gov-2023.pdf": "H3",
         "hongze-qu-gov-2024.pdf": "H4"}
for p in sorted(GOLD.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    base = g["file"].rsplit("/", 1)[-1]
    R[SHORT[base]] = g
    FILE[SHORT[base]] = base
assert set(R) == set(SHORT.values()), "expected the seven gold reports"
BY_FILE = {v: k for k, v in FILE.items()}
ALL = ["A", "B", "C", "D", "E", "H3", "H4"]

TEXT: dict[str, str] = {}
for s in ALL:
    t = SAMPLES / FILE[s]
    if t.exists():
        TEXT[s] = t.read_text(encoding="utf-8")


def name(r): return R[r]["agency"]
def year(r): return R[r]["year"]
def prov(r): return R[r]["province"]


def kind(r):
    """Agency kind: the gold's, else from the name (人民政府/办公厅 = government)."""
    k = R[r].get("agency_kind")
    if k:
        return k
    n = name(r)
    if "人民政府" in n or "办公厅" in n:
        return "government"
    if "街道" in n or "乡" in n or "镇" in n:
        return "street_office"
    return "department"


def is_bureau(r): return "统计局" in name(r)
def has(r, key): return key in R[r]["facts"]
def state(r, key): return R[r]["facts"][key]["state"] if has(r, key) else None


# ----------------------------------------------------------------------------- balance rules
APPL = ["person", "business", "research", "nonprofit", "legal", "other_org"]
COLS = APPL + ["total"]
OUTCOME_FIXED = (["granted", "partial"]
                 + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal",
                                               "process", "enforcement", "query")]
                 + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
                 + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive",
                                               "confirmation")])
OTHER_ROWS = ["other", "other_no_correction", "other_no_fee", "other_misc"]
REVIEW_ROWS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]

TAINT: dict[str, set] = {r: set() for r in ALL}    # cells of failing groups
FAILS: dict[str, list] = {r: [] for r in ALL}       # (rule, group) that fail


def _nums(r, keys):
    """Values of keys if every one is state number, else None (rule not checkable)."""
    out = []
    for k in keys:
        if state(r, k) != "number":
            return None
        out.append(R[r]["facts"][k]["value"])
    return out


for r in ALL:
    f = R[r]["facts"]
    # R1 per column
    for c in COLS:
        keys = [f"requests.{x}.{c}" for x in ("new", "carried_in", "handled", "carried_out")]
        v = _nums(r, keys)
        if v is not None and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
            FAILS[r].append(("R1", c)); TAINT[r].update(keys)
    # R2 per column
    for c in COLS:
        rows = OUTCOME_FIXED + [x for x in OTHER_ROWS if state(r, f"requests.{x}.{c}") not in (None, "absent")]
        keys = [f"requests.{x}.{c}" for x in rows]
        v = _nums(r, keys + [f"requests.handled.{c}"])
        if v is not None and abs(sum(v[:-1]) - v[-1]) > 1e-9:
            FAILS[r].append(("R2", c)); TAINT[r].update(keys + [f"requests.handled.{c}"])
    # R3 per row
    rows = sorted({k.split(".")[1] for k in f if k.startswith("requests.")})
    for row in rows:
        keys = [f"requests.{row}.{c}" for c in COLS]
        v = _nums(r, keys)
        if v is not None and abs(sum(v[:-1]) - v[-1]) > 1e-9:
            FAILS[r].append(("R3", row)); TAINT[r].update(keys)
    # R4 per review group
    for row in REVIEW_ROWS:
        keys = [f"review.{row}.{c}" for c in REVIEW_COLS]
        v = _nums(r, keys)
        if v is not None and abs(sum(v[:-1]) - v[-1]) > 1e-9:
            FAILS[r].append(("R4", row)); TAINT[r].update(keys)

# sanity: our recomputation agrees with the gold's own check summary
for r in ALL:
    for rule in ("R1", "R2", "R3", "R4"):
        gold_fail = str(R[r]["checks"][rule]).startswith("fail")
        ours = any(x[0] == rule for x in FAILS[r])
        assert gold_fail == ours, f"{r} {rule}: gold says {R[r]['checks'][rule]!r}, recomputed fail={ours}"


# ----------------------------------------------------------------------------- sections of the sample texts
SECTION_WORDS = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理", "四": "行政复议",
                 "五": "存在的主要问题", "六": "其他需要报告"}


def sections(r) -> dict[str, str]:
    """Canonical section number -> its text, by heading meaning (not exact string)."""
    out: dict[str, list[str]] = {}
    cur = None
    for line in TEXT[r].splitlines():
        s = line.strip().lstrip("#").strip().strip("*").strip()
        m = re.match(r"^([一二三四五六])、", s)
        if m and SECTION_WORDS[m.group(1)] in s:
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ----------------------------------------------------------------------------- per-case context
class Ctx:
    def __init__(self):
        self.cites: list[str] = []

    def _cite(self, c):
        if c not in self.cites:
            self.cites.append(c)

    def n(self, r, key, allow_failed=False):
        """Value of a number cell; records the cite."""
        st = state(r, key)
        if st != "number":
            raise AssertionError(f"{FILE[r]}#{key} is {st}, not a number")
        if key in TAINT[r] and not allow_failed:
            raise AssertionError(f"{FILE[r]}#{key} belongs to a group that fails a balance rule")
        self._cite(f"{FILE[r]}#{key}")
        return R[r]["facts"][key]["value"]

    def passage(self, r, section=None, anchor=None):
        """Records a passage cite; checks the anchor text is in that canonical section."""
        if anchor is not None:
            sec = sections(r)
            if section not in sec or flat(anchor) not in flat(sec[section]):
                raise AssertionError(f"{FILE[r]}: {anchor!r} not found in section {section}")
        self._cite(FILE[r])


def NUM(v, unit="count", nd=2): return {"kind": "number", "value": round(v, nd), "unit": unit}
def AGY(r): return {"kind": "agency", "value": name(r)}
def LST(vals, ordered=False): return {"kind": "list", "values": list(vals), "ordered": ordered}
def BOOL(v): return {"kind": "boolean", "value": bool(v)}
def PAS(rs, secs): return {"kind": "passages", "files": [FILE[r] for r in rs], "sections": list(secs)}


def UNANS(ok: bool, why: str):
    if not ok:
        raise AssertionError(f"unanswerable reason does not hold: {why}")
    return {"kind": "unanswerable"}


def pct(a, b): return 100.0 * a / b


WH = ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process",
                                "enforcement", "query")]
UNAV = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
PROC = [r for r in ALL if has(r, "active.procurement.amount")]
Y2020 = [r for r in ALL if year(r) == 2020]


def amount_rank(x, rs):
    return sorted(rs, key=lambda r: -x.n(r, "active.procurement.amount"))


def r4_parts_total(x, r, row):
    parts = sum(x.n(r, f"review.{row}.{c}", allow_failed=True) for c in REVIEW_COLS[:4])
    return parts, x.n(r, f"review.{row}.total", allow_failed=True)


RECIPES = {}


def case(i):
    def deco(fn):
        RECIPES[f"h39-{i:03d}"] = fn
        return fn
    return deco


# --- lookups -----------------------------------------------------------------------------------
@case(1)
def _(x): return NUM(x.n("E", "active.penalty.prev_items"))
@case(2)
def _(x): return NUM(x.n("H3", "active.penalty.decisions"))
@case(3)
def _(x): return NUM(x.n("H4", "active.coercion.decisions"))
@case(4)
def _(x): return NUM(x.n("H4", "active.fees.amount"), "yuan")
@case(5)
def _(x): return NUM(x.n("C", "active.penalty.prev_items"))
@case(6)
def _(x): return NUM(x.n("B", "active.procurement.projects"))
@case(7)
def _(x): return NUM(x.n("D", "requests.unavailable_not_held.total"))
@case(8)
def _(x): return NUM(x.n("H4", "requests.granted.total"))
@case(9)
def _(x): return NUM(x.n("H3", "active.licensing.decisions"))
@case(10)
def _(x): return NUM(x.n("H3", "requests.unavailable_not_held.total"))
@case(11)
def _(x): return NUM(x.n("H4", "requests.partial.total"))
@case(12)
def _(x): return NUM(x.n("H3", "active.normative.repealed"))
@case(13)
def _(x): return NUM(x.n("E", "active.procurement.amount"), "yuan")
@case(14)
def _(x): return NUM(x.n("D", "active.procurement.amount"), "yuan")


# --- totals ------------------------------------------------------------------------------------
@case(15)
def _(x): return NUM(sum(x.n(r, "active.procurement.projects") for r in Y2020))
@case(16)
def _(x):
    rs = [r for r in ALL if is_bureau(r) and kind(r) == "department"]
    return NUM(sum(x.n(r, "active.penalty.decisions") for r in rs))
@case(17)
def _(x): return NUM(x.n("H3", "active.penalty.decisions") + x.n("H4", "active.penalty.decisions"))
@case(18)
def _(x): return NUM(x.n("H3", "active.fees.amount") + x.n("H4", "active.fees.amount"), "yuan")
@case(19)
def _(x):
    rs = [r for r in PROC if prov(r) == "浙江省"]
    return NUM(sum(x.n(r, "active.procurement.amount") for r in rs), "yuan")
@case(20)
def _(x): return NUM(sum(x.n(r, "requests.new.total") for r in Y2020 if prov(r) == "福建省"))
@case(21)
def _(x): return NUM(sum(x.n(r, "requests.new.total") for r in Y2020 if is_bureau(r)))
@case(22)
def _(x): return NUM(x.n("H3", "active.licensing.decisions") + x.n("H4", "active.licensing.decisions"))


# --- differences -------------------------------------------------------------------------------
@case(23)
def _(x): return NUM(x.n("H4", "requests.new.total") - x.n("H3", "requests.new.total"))
@case(24)
def _(x): return NUM(x.n("H3", "active.penalty.decisions") - x.n("H4", "active.penalty.decisions"))
@case(25)
def _(x): return NUM(x.n("C", "active.procurement.amount") - x.n("B", "active.procurement.amount"), "yuan")
@case(26)
def _(x): return NUM(x.n("H3", "active.fees.amount") - x.n("H4", "active.fees.amount"), "yuan")
@case(27)
def _(x): return NUM(x.n("B", "active.penalty.decisions") - x.n("B", "active.penalty.prev_items"))
@case(28)
def _(x): return NUM(x.n("A", "active.procurement.amount") - x.n("D", "active.procurement.amount"), "yuan")


# --- ratios ------------------------------------------------------------------------------------
@case(29)
def _(x): return NUM(pct(x.n("H4", "requests.granted.total"), x.n("H4", "requests.handled.total")), "percent")
@case(30)
def _(x): return NUM(pct(x.n("H3", "requests.unavailable_not_held.total"), x.n("H3", "requests.handled.total")), "percent")
@case(31)
def _(x): return NUM(x.n("C", "active.procurement.amount") / x.n("C", "active.procurement.projects"), "yuan")
@case(32)
def _(x): return NUM(x.n("D", "active.procurement.amount") / x.n("D", "active.procurement.projects"), "yuan")
@case(33)
def _(x): return NUM(pct(x.n("H4", "review.reconsideration.corrected"), x.n("H4", "review.reconsideration.total")), "percent")
@case(34)
def _(x): return NUM(pct(x.n("H4", "requests.unavailable_not_held.total"), x.n("H4", "requests.new.total")), "percent")
@case(35)
def _(x): return NUM(x.n("E", "active.procurement.amount") / x.n("E", "active.procurement.projects"), "yuan")
@case(36)
def _(x): return NUM(pct(x.n("H4", "requests.partial.total"), x.n("H4", "requests.handled.total")), "percent")
@case(37)
def _(x):
    w = sum(x.n("H3", f"requests.{k}.total") for k in WH)
    return NUM(pct(w, x.n("H3", "requests.handled.total")), "percent")


# --- rankings ----------------------------------------------------------------------------------
@case(38)
def _(x):
    best = max(ALL, key=lambda r: x.n(r, "active.penalty.decisions"))
    return AGY(best)
@case(39)
def _(x): return LST([name(r) for r in amount_rank(x, Y2020)], True)
@case(40)
def _(x):
    rs = [r for r in Y2020 if is_bureau(r)]
    return AGY(max(rs, key=lambda r: x.n(r, "active.procurement.projects")))
@case(41)
def _(x):
    vals = {r: x.n(r, "requests.new.total") for r in ALL}
    lo = min(vals.values())
    winners = [r for r in ALL if vals[r] == lo]
    assert len(winners) == 1
    return AGY(winners[0])
@case(42)
def _(x):
    rs = sorted(PROC, key=lambda r: -x.n(r, "active.procurement.projects"))
    return LST([name(r) for r in rs], True)
@case(43)
def _(x):
    rs = [r for r in ALL if is_bureau(r) and has(r, "active.penalty.prev_items")]
    return AGY(max(rs, key=lambda r: x.n(r, "active.penalty.prev_items")))
@case(44)
def _(x): return AGY(amount_rank(x, PROC)[1])


# --- counts of agencies ------------------------------------------------------------------------
@case(45)
def _(x): return NUM(len({name(r) for r in Y2020 if x.n(r, "requests.new.total") == 0}))
@case(46)
def _(x): return NUM(len({name(r) for r in ALL if x.n(r, "active.penalty.decisions") > 0}))
@case(47)
def _(x): return NUM(len({name(r) for r in PROC if x.n(r, "active.procurement.projects") > 10}))
@case(48)
def _(x): return NUM(len([r for r in ALL if x.n(r, "requests.carried_in.total") == 0]))
@case(49)
def _(x): return NUM(len({name(r) for r in ALL}))


# --- yes / no ----------------------------------------------------------------------------------
@case(50)
def _(x): return BOOL(x.n("H4", "active.licensing.decisions") > x.n("H4", "active.penalty.decisions"))
@case(51)
def _(x): return BOOL(x.n("E", "requests.new.total") > 0)
@case(52)
def _(x):
    sec = flat(sections("C")["二"])
    m = re.search(r"立案查处(\d+)起", sec)
    assert m, "narrative 立案查处N起 not found in section 二"
    x.passage("C", "二", m.group(0))
    gold_n = [nn for nn in R["C"]["narrative_numbers"] if "立案查处" in nn["text"]]
    assert gold_n and gold_n[0]["value"] == int(m.group(1))
    return BOOL(int(m.group(1)) == x.n("C", "active.penalty.decisions"))
@case(53)
def _(x):
    nn = [n for n in R["H4"]["narrative_numbers"] if n.get("cell") == "requests.new.total"]
    assert len(nn) == 1 and nn[0]["value"] == 17
    x.passage("H4")      # the 2024 PDF text is not among the samples; the gold records the sentence
    return BOOL(nn[0]["value"] == x.n("H4", "requests.new.total"))
@case(54)
def _(x): return BOOL(any(x.n(r, "review.reconsideration.total") != 0 for r in Y2020))
@case(55)
def _(x):
    parts, total = r4_parts_total(x, "H3", "reconsideration")
    return BOOL(parts == total)
@case(56)
def _(x):
    return BOOL(x.n("B", "active.penalty.decisions")
                == x.n("B", "active.penalty.prev_items") + x.n("B", "active.penalty.change"))
@case(57)
def _(x): return BOOL(x.n("A", "active.procurement.amount") > x.n("C", "active.procurement.amount"))


# --- lists -------------------------------------------------------------------------------------
@case(58)
def _(x): return LST([name(r) for r in Y2020 if x.n(r, "requests.partial.total") > 0])
@case(59)
def _(x):
    out = []
    for r in Y2020:
        f = R[r]["facts"]["active.procurement.amount"]
        if f.get("unit_printed") is None and f.get("unit_assumed"):
            x.n(r, "active.procurement.amount")
            out.append(name(r))
    return LST(out)
@case(60)
def _(x):
    rs = [r for r in ALL if prov(r) in ("浙江省", "福建省")]
    return LST([name(r) for r in rs if x.n(r, "requests.withheld_third_party.total") > 0])
@case(61)
def _(x): return LST([name(r) for r in Y2020 if x.n(r, "requests.new.total") > 0])
@case(62)
def _(x): return BOOL(prov("E") == "河南省")
@case(63)
def _(x):
    rs = [r for r in ALL if R[r]["template"] != "2019"]
    return LST([year(r) for r in rs if x.n(r, "active.penalty.decisions") > 3000])


# --- comparisons -------------------------------------------------------------------------------
@case(64)
def _(x): return LST([x.n("C", "active.penalty.decisions"), x.n("A", "active.penalty.decisions")], True)
@case(65)
def _(x): return LST([x.n("H3", "active.coercion.decisions"), x.n("H4", "active.coercion.decisions")], True)
@case(66)
def _(x): return LST([x.n("D", "active.procurement.projects"), x.n("E", "active.procurement.projects")], True)
@case(67)
def _(x): return LST([x.n("H3", "requests.new.total"), x.n("H4", "requests.new.total")], True)


# --- metadata ----------------------------------------------------------------------------------
@case(68)
def _(x): return NUM(len([r for r in ALL if kind(r) == "government"]))
@case(69)
def _(x): return NUM(len([r for r in ALL if R[r]["template"] != "2019"]))
@case(70)
def _(x):
    dated = [r for r in ALL if R[r]["published"]]
    return AGY(min(dated, key=lambda r: R[r]["published"]))
@case(71)
def _(x): return LST([name(r) for r in ALL if is_bureau(r) and not R[r]["published"]])
@case(72)
def _(x): return NUM(len(Y2020))
@case(73)
def _(x):
    rs = [r for r in ALL if kind(r) == "street_office"]
    assert len(rs) == 1
    return AGY(rs[0])


# --- unanswerable ------------------------------------------------------------------------------
@case(74)
def _(x): return UNANS(state("H4", "active.procurement.amount") in (None, "absent"), "no procurement cell in 2024")
@case(75)
def _(x): return UNANS("review.reconsideration.total" in TAINT["H3"], "2023 reconsideration fails R4")
@case(76)
def _(x): return UNANS(not [r for r in ALL if "洪泽" in name(r) and year(r) == 2022], "no 2022 Hongze report")
@case(77)
def _(x): return UNANS(state("B", "active.fees.amount") in (None, "absent") and R["B"]["template"] == "2019",
                       "2019 template has no fee amount")
@case(78)
def _(x): return UNANS(state("D", "requests.carried_out.total") == "blank", "carried_out.total printed blank")
@case(79)
def _(x): return UNANS(state("H4", "requests.other_no_fee.total") == "absent", "other_no_fee absent")
@case(80)
def _(x): return UNANS(not [r for r in ALL if R[r]["city"] == "南京市"], "no Nanjing report")
@case(81)
def _(x): return UNANS("人口" not in TEXT["E"] and not any("population" in k for k in R["E"]["facts"]),
                       "no population figure for 二七区")
@case(82)
def _(x): return UNANS("review.lawsuit_after_review.upheld" in TAINT["H3"], "after-review group fails R4")
@case(83)
def _(x): return UNANS(not re.search(r"\d+\s*(名|人)", TEXT["C"])
                       and not any("staff" in n["what"] for n in R["C"]["narrative_numbers"]),
                       "no headcount in the 鄞州 report")


# --- about the failure itself ------------------------------------------------------------------
@case(84)
def _(x):
    out = []
    for r in ALL:
        bad = [row for rule, row in FAILS[r] if rule == "R4"]
        for row in bad:
            r4_parts_total(x, r, row)
        if bad and name(r) not in out:
            out.append(name(r))
    return LST(out)
@case(85)
def _(x):
    parts, total = r4_parts_total(x, "H3", "reconsideration")
    return NUM(parts - total)
@case(86)
def _(x):
    bad = 0
    for row in REVIEW_ROWS:
        parts, total = r4_parts_total(x, "H3", row)
        bad += parts != total
    return NUM(bad)
@case(87)
def _(x): return LST(list(r4_parts_total(x, "H3", "lawsuit_after_review")), True)


# --- passages ----------------------------------------------------------------------------------
def _pas(x, r, sec, anchor):
    x.passage(r, sec, anchor)
    return PAS([r], [sec])


@case(88)
def _(x): return _pas(x, "A", "五", "对政府信息公开内容的广度和深度有待进一步提高")
@case(89)
def _(x): return _pas(x, "C", "二", "普法宣传")
@case(90)
def _(x): return _pas(x, "E", "一", "四个结合")
@case(91)
def _(x): return _pas(x, "B", "一", "统计开放日")
@case(92)
def _(x): return _pas(x, "D", "一", "温泉街道2020年信息发布审查制度")
@case(93)
def _(x): return _pas(x, "D", "五", "定期邀请律师")
@case(94)
def _(x): return _pas(x, "C", "五", "落实以下改进措施")
@case(95)
def _(x): return _pas(x, "A", "一", "为加强个人信息保护")
@case(96)
def _(x):
    rs = [r for r in Y2020]
    assert all(r in TEXT for r in rs), "a 2020 report has no sample text"
    hit = [r for r in rs if "六稳" in TEXT[r] and "六保" in TEXT[r]]
    for r in hit:
        x.passage(r)
    return LST([name(r) for r in hit])
@case(97)
def _(x):
    rs = [r for r in ALL if is_bureau(r)]
    assert all(r in TEXT for r in rs), "a statistics bureau report has no sample text"
    hit = [r for r in rs if "培训" in TEXT[r]]
    for r in hit:
        x.passage(r)
    return LST([name(r) for r in hit])
@case(98)
def _(x): return _pas(x, "E", "五", "进一步规范公开时间")
@case(99)
def _(x):
    hit = [r for r in TEXT if "统计年鉴" in TEXT[r] and "统计月报" in TEXT[r]]
    assert len(hit) == 1
    x.passage(hit[0], "一", "每年定期印制统计年鉴")
    return AGY(hit[0])
@case(100)
def _(x): return _pas(x, "A", "一", "统计局专题栏目信息公开第一平台")


# --- multi-turn --------------------------------------------------------------------------------
@case(101)
def _(x): return NUM(x.n("H4", "active.licensing.decisions"))
@case(102)
def _(x):
    other = [r for r in PROC if prov(r) == "浙江省" and r != "B"]
    assert other == ["C"]
    return NUM(x.n("C", "active.procurement.projects"))
@case(103)
def _(x):
    w = sum(x.n("D", f"requests.{k}.total") for k in WH)
    return NUM(pct(w, x.n("D", "requests.handled.total")), "percent")
@case(104)
def _(x):
    probe = Ctx()                       # the earlier turns pick the two agencies
    ranked = amount_rank(probe, PROC)
    hi, lo = ranked[0], ranked[-1]
    return NUM(x.n(hi, "active.procurement.amount") - x.n(lo, "active.procurement.amount"), "yuan")
@case(105)
def _(x): return NUM(x.n("E", "active.penalty.decisions"))
@case(106)
def _(x): return UNANS("review.reconsideration.corrected" in TAINT["H3"], "2023 reconsideration fails R4")
@case(107)
def _(x): return NUM(x.n("D", "active.procurement.amount"), "yuan")
@case(108)
def _(x):
    fz = [r for r in ALL if R[r]["city"] == "福州市" and r != "D"]
    assert fz == ["A"]
    return _pas(x, "A", "五", "存在的主要问题")
@case(109)
def _(x): return NUM(sum(x.n("H4", f"requests.{k}.total") for k in UNAV))
@case(110)
def _(x): return NUM(x.n("A", "requests.new.total") + x.n("B", "requests.new.total"))
@case(111)
def _(x): return NUM(x.n("E", "active.coercion.change"))
@case(112)
def _(x):
    hz = sorted([r for r in ALL if "洪泽" in name(r)], key=year)
    old, new = hz[0], hz[-1]
    a, b = x.n(old, "active.penalty.decisions"), x.n(new, "active.penalty.decisions")
    return NUM(pct(a - b, a), "percent")
@case(113)
def _(x):
    fj = [r for r in ALL if prov(r) == "福建省"]
    return AGY(max(fj, key=lambda r: x.n(r, "requests.new.total")))
@case(114)
def _(x):
    hn = [r for r in ALL if is_bureau(r) and prov(r) == "河南省"]
    assert hn == ["E"]
    return BOOL(x.n("E", "requests.new.total") > 0)


# --- more --------------------------------------------------------------------------------------
@case(115)
def _(x): return NUM(x.n("H4", "review.lawsuit_direct.total") + x.n("H4", "review.lawsuit_after_review.total"))
@case(116)
def _(x): return NUM(x.n("H4", "review.lawsuit_direct.upheld") + x.n("H4", "review.lawsuit_after_review.upheld"))
@case(117)
def _(x): return NUM(sum(x.n("H3", f"requests.{k}.total") for k in UNAV))
@case(118)
def _(x): return NUM(x.n("H3", "review.lawsuit_direct.total"))
@case(119)
def _(x): return NUM(x.n("H4", "active.normative.in_force"))
@case(120)
def _(x): return NUM(x.n("H4", "active.normative.in_force") - x.n("H3", "active.normative.in_force"))


# ----------------------------------------------------------------------------- loader rules (eval/dataset.py)
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KIND_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values"},
               "boolean": {"value"}, "passages": {"files", "sections"}, "unanswerable": set()}


def loader_problems(d) -> list[str]:
    p = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        p.append(f"unknown fields {sorted(extra)}")
    for k in ("id", "question", "expect"):
        if k not in d:
            p.append(f"missing {k}")
    if not isinstance(d.get("id"), str) or not d.get("id"):
        p.append("bad id")
    if not isinstance(d.get("question"), str) or not d.get("question", "").strip():
        p.append("blank question")
    if "turns" in d and not (isinstance(d["turns"], list) and all(isinstance(t, str) for t in d["turns"])):
        p.append("turns must be a list of strings")
    e = d.get("expect", {})
    k = e.get("kind")
    if k not in KIND_FIELDS:
        p.append(f"bad kind {k!r}")
    else:
        missing = KIND_FIELDS[k] - set(e)
        if missing:
            p.append(f"expect missing {sorted(missing)}")
        if k == "number":
            if isinstance(e.get("value"), bool) or not isinstance(e.get("value"), (int, float)):
                p.append("number value not numeric")
            if e.get("unit") not in ("count", "yuan", "percent"):
                p.append("bad unit")
        if k == "agency" and not (isinstance(e.get("value"), str) and e["value"]):
            p.append("agency value must be a non-empty string")
        if k == "list":
            if not isinstance(e.get("values"), list) or any(isinstance(v, bool) or not isinstance(v, (int, float, str))
                                                            for v in e.get("values", [])):
                p.append("list values must be numbers or strings")
            if "ordered" in e and not isinstance(e["ordered"], bool):
                p.append("ordered must be a strict bool")
        if k == "boolean" and not isinstance(e.get("value"), bool):
            p.append("boolean value must be a strict bool")
        if k == "passages":
            if not e.get("files") or not all(isinstance(f, str) for f in e["files"]):
                p.append("passages need files")
            if not e.get("sections") or any(s not in "一二三四五六" or len(s) != 1 for s in e["sections"]):
                p.append("bad sections")
        if k == "unanswerable" and not isinstance(e.get("note", ""), str):
            p.append("note must be a string")
    for c in d.get("cite", []):
        if not isinstance(c, str) or not CITE_RE.match(c):
            p.append(f"bad cite {c!r}")
    if not isinstance(d.get("tags", []), list):
        p.append("tags must be a list")
    return p


# ----------------------------------------------------------------------------- derived tags
def derived_tags(cites: list[str]) -> set[str]:
    tags = set()
    years = set()
    for c in cites:
        f, _, key = c.partition("#")
        r = BY_FILE[f]
        years.add(year(r))
        if key:
            cell = R[r]["facts"][key]
            if cell.get("unit_assumed") and not cell.get("unit_printed"):
                tags.add("guessed_unit")
    if len(years) > 1:
        tags.add("mixed_years")
    return tags


def same_expect(want: dict, got: dict) -> str | None:
    if want.get("kind") != got["kind"]:
        return f"kind {want.get('kind')} != recomputed {got['kind']}"
    k = got["kind"]
    if k == "number":
        if want.get("unit") != got["unit"]:
            return f"unit {want.get('unit')} != {got['unit']}"
        if abs(float(want["value"]) - float(got["value"])) > 0.0051:
            return f"value {want['value']} != recomputed {got['value']}"
    elif k in ("agency", "boolean"):
        if want.get("value") != got["value"]:
            return f"value {want.get('value')!r} != recomputed {got['value']!r}"
    elif k == "list":
        if bool(want.get("ordered", False)) != got["ordered"]:
            return f"ordered {want.get('ordered')} != {got['ordered']}"
        a, b = list(want["values"]), list(got["values"])
        if not got["ordered"]:
            a, b = sorted(map(str, a)), sorted(map(str, b))
        if a != b:
            return f"values {want['values']} != recomputed {got['values']}"
    elif k == "passages":
        if sorted(want["files"]) != sorted(got["files"]) or sorted(want["sections"]) != sorted(got["sections"]):
            return f"passages {want['files']}/{want['sections']} != {got['files']}/{got['sections']}"
    return None


def main() -> int:
    lines = [l for l in CASES.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    bad = 0
    ok = 0
    ids = []
    langs = {"zh": 0, "en": 0}
    for n, line in enumerate(lines, 1):
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"line {n}: not JSON ({e})"); bad += 1; continue
        cid = d.get("id")
        ids.append(cid)
        probs = loader_problems(d)
        tags = d.get("tags", [])
        lang = [t for t in tags if t in ("zh", "en")]
        if len(lang) != 1:
            probs.append(f"needs exactly one of zh/en, has {lang}")
        else:
            langs[lang[0]] += 1
            cjk = len(re.findall(r"[\u4e00-\u9fff]", d.get("question", "")))
            latin = len(re.findall(r"[A-Za-z]{2,}", d.get("question", "")))
            if lang[0] == "en" and latin < 4:
                probs.append("tagged en but the question is not English")
            if lang[0] == "zh" and (cjk < 3 or latin > 2):
                probs.append("tagged zh but the question is not Chinese")
        if "turns" in d and not (1 <= len(d["turns"]) <= 3):
            probs.append("a chat must have 2-4 turns in all")
        recipe = RECIPES.get(cid)
        if recipe is None:
            probs.append("no recipe for this id")
        else:
            x = Ctx()
            try:
                got = recipe(x)
            except AssertionError as e:
                got = None
                probs.append(f"recipe failed: {e}")
            if got is not None:
                diff = same_expect(d.get("expect", {}), got)
                if diff:
                    probs.append(diff)
                cites = d.get("cite", [])
                if len(set(cites)) != len(cites):
                    probs.append("duplicate cites")
                if sorted(set(cites)) != sorted(x.cites):
                    probs.append(f"cite {sorted(cites)} != recomputed {sorted(x.cites)}")
                want_tags = derived_tags(x.cites)
                for t in ("guessed_unit", "mixed_years"):
                    if (t in tags) != (t in want_tags):
                        probs.append(f"tag {t}: in tags={t in tags}, recomputed={t in want_tags}")
                if got["kind"] == "unanswerable" and d.get("cite"):
                    probs.append("an unanswerable case cites nothing")
        if probs:
            bad += 1
            for p in probs:
                print(f"MISMATCH {cid}: {p}")
        else:
            ok += 1
    want_ids = [f"h39-{i:03d}" for i in range(1, 121)]
    shape = []
    if ids != want_ids:
        shape.append("ids are not exactly h39-001 .. h39-120 in order")
    if langs != {"zh": 60, "en": 60}:
        shape.append(f"language split {langs}, want 60/60")
    if len(set(i for i in ids if i)) != len(ids):
        shape.append("duplicate ids")
    for s in shape:
        print("MISMATCH set:", s)
    failed_groups = {FILE[r]: FAILS[r] for r in ALL if FAILS[r]}
    print(f"balance failures recomputed from the gold cells: {failed_groups}")
    total = len(want_ids)
    passed = ok if not shape else min(ok, total - 1)
    print(f"SUMMARY: {passed}/{total} cases agree with the recomputation"
          f" (zh {langs['zh']}, en {langs['en']}; {bad} mismatching)")
    return 0 if passed == total and len(lines) == total else 1


if __name__ == "__main__":
    sys.exit(main())
