#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout29.jsonl, recomputed from the gold facts.

Stdlib only. Reads tests/fixtures/gold/*.json (hand-checked cells of seven reports) and, for the
passage questions, data/samples/*.txt. For every case it recomputes the expected answer, the cite
list (every cell or report file the computation touched) and the `guessed_unit` / `mixed_years`
tags, then compares them with the JSONL line. It also checks the line against the shape that
eval/dataset.py accepts.

    python3 eval/qa_holdout29_reference.py        # SUMMARY line; exit 0 only if all cases match
    python3 eval/qa_holdout29_reference.py -v     # also print every recomputed answer

Conventions (see eval/QA_HOLDOUT29.md):
* only cells in state "number" are values (blank is not zero, absent is not a value);
* a cell of a group whose balance equation (R4 for section 四) fails is unusable, except in
  questions about that failure (`Calc.raw`);
* money in yuan (the gold stores yuan already; 万元 cells are converted there);
* `guessed_unit` iff a cited cell has `unit_assumed`; `mixed_years` iff the cited cells / report
  files belong to reports of more than one year (meta questions cite nothing and carry neither);
* percentages and money are compared after rounding the recomputed value to 2 decimals.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout29.jsonl"
PREFIX = "h29"
N_CASES = 120

F0, F1, F2 = "000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt"
F3, F4 = "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt"
H23, H24 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"

# ----------------------------------------------------------------------------- gold data
REPORTS: dict[str, dict] = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    REPORTS[Path(d["file"]).name] = d
TEXT = {name: (SAMPLES / name).read_text(encoding="utf-8") for name in REPORTS if (SAMPLES / name).exists()}


def agency(f: str) -> str:
    return REPORTS[f]["agency"]


def agency_kind(f: str) -> str:
    """Gold agency_kind; the Hongze PDFs have none, so infer it from the name."""
    d = REPORTS[f]
    if d.get("agency_kind"):
        return d["agency_kind"]
    name = d["agency"]
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if name.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
        return "street_office"
    if name.endswith(("局", "委", "办")):
        return "department"
    raise AssertionError(f"cannot infer agency kind of {name}")


def year(f: str) -> int:
    return REPORTS[f]["year"]


def files_of(pred=lambda f: True) -> list[str]:
    return [f for f in REPORTS if pred(f)]


def report_for(name_part: str, yr: int) -> list[str]:
    return [f for f in REPORTS if name_part in REPORTS[f]["agency"] and REPORTS[f]["year"] == yr]


def r4_failed_groups(f: str) -> set[str]:
    facts = REPORTS[f]["facts"]
    bad = set()
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        cells = [facts.get(f"review.{g}.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]
        if any(c is None or c["state"] != "number" for c in cells):
            continue
        if sum(c["value"] for c in cells[:4]) != cells[4]["value"]:
            bad.add(g)
    return bad


def checks_failing(f: str) -> list[str]:
    return [r for r, v in REPORTS[f]["checks"].items() if v != "pass"]


class Unusable(Exception):
    pass


# ----------------------------------------------------------------------------- sections of a sample text
SECTION_TITLES = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
_HEAD = re.compile(r"^[#\s*|]*([一二三四五六])、(.*)$")


def sections(f: str) -> dict[str, str]:
    """The text of each canonical section 一..六, found by heading meaning and order."""
    order = list(SECTION_TITLES)
    out: dict[str, list[str]] = {}
    cur = None
    for line in TEXT[f].splitlines():
        m = _HEAD.match(line)
        if m:
            num, rest = m.group(1), m.group(2)
            nxt = order.index(cur) + 1 if cur else 0
            if order.index(num) >= nxt and SECTION_TITLES[num] in rest:
                cur = num
                out.setdefault(cur, [])
                continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


# ----------------------------------------------------------------------------- computation context
class Calc:
    """Records every cell / report file the computation touches: that is the cite list."""

    def __init__(self):
        self.cites: list[str] = []

    def _cite(self, c: str):
        if c not in self.cites:
            self.cites.append(c)

    def v(self, f: str, key: str) -> float:
        x = REPORTS[f]["facts"].get(key)
        if x is None or x["state"] != "number":
            raise Unusable(f"{f}#{key} is {x and x['state']}")
        parts = key.split(".")
        if parts[0] == "review" and parts[1] in r4_failed_groups(f):
            raise Unusable(f"{f}#{key}: its R4 group fails")
        self._cite(f"{f}#{key}")
        return x["value"]

    def raw(self, f: str, key: str) -> float:
        """A printed number even in a failing group (questions about that failure only)."""
        x = REPORTS[f]["facts"][key]
        assert x["state"] == "number"
        self._cite(f"{f}#{key}")
        return x["value"]

    def state(self, f: str, key: str) -> str:
        self._cite(f"{f}#{key}")
        return REPORTS[f]["facts"][key]["state"]

    def fact(self, f: str, key: str) -> dict:
        self._cite(f"{f}#{key}")
        return REPORTS[f]["facts"][key]

    def narr(self, f: str, snippet: str) -> float:
        """A number stated only in prose (gold narrative_numbers); cites the report file."""
        hits = [n for n in REPORTS[f]["narrative_numbers"] if snippet in n["text"]]
        assert len(hits) == 1, (f, snippet, hits)
        if f in TEXT:  # the sample text really says it
            assert re.sub(r"\s", "", hits[0]["text"]) in re.sub(r"\s", "", TEXT[f]), (f, snippet)
        self._cite(f)
        return hits[0]["value"]

    def narr_entry(self, f: str, snippet: str) -> dict:
        hits = [n for n in REPORTS[f]["narrative_numbers"] if snippet in n["text"]]
        assert len(hits) == 1, (f, snippet)
        self._cite(f)
        return hits[0]

    def mentions(self, f: str, word: str) -> bool:
        if word in TEXT[f]:
            self._cite(f)
            return True
        return False

    def passage(self, f: str, sec: str, *keywords: str) -> dict:
        text = sections(f).get(sec, "")
        for k in keywords:
            assert k in text, f"{f} section {sec} lacks {k!r}"
        self._cite(f)
        return {"kind": "passages", "files": [f], "sections": [sec]}


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return 100.0 * a / b


def rank(pairs, reverse=True):
    """Agency names ordered by value; refuses ties that would make the order ambiguous."""
    s = sorted(pairs, key=lambda p: p[1], reverse=reverse)
    vals = [p[1] for p in s]
    return [p[0] for p in s], vals


def no_tie_at(vals, i):
    assert (i == 0 or vals[i] != vals[i - 1]) and (i == len(vals) - 1 or vals[i] != vals[i + 1]), vals


def refuse(note):
    return {"kind": "unanswerable", "note": note}


# the five reports with a procurement block (2019 template)
PROC = files_of(lambda f: f"active.procurement.amount" in REPORTS[f]["facts"]
                and REPORTS[f]["facts"]["active.procurement.amount"]["state"] == "number")
BUREAUS = files_of(lambda f: agency(f).endswith("统计局"))
Y2020 = files_of(lambda f: year(f) == 2020)
HZ = files_of(lambda f: "洪泽区" in agency(f))
WITHHELD = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]
UNAV = ["not_held", "needs_creation", "unclear"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending"]


def per_project(c):
    return [(agency(f), c.v(f, "active.procurement.amount") / c.v(f, "active.procurement.projects")) for f in PROC]


# ----------------------------------------------------------------------------- the cases
CASES = {}


def case(n):
    def deco(fn):
        CASES[f"{PREFIX}-{n:03d}"] = fn
        return fn
    return deco


@case(1)
def _(c): return num(c.v(H24, "active.coercion.decisions"))
@case(2)
def _(c): return num(c.v(H23, "active.penalty.decisions") - c.v(H24, "active.penalty.decisions"))
@case(3)
def _(c): return num(c.v(H24, "requests.new.total"))
@case(4)
def _(c):
    e = c.narr_entry(H24, "受理政府信息公开申请")
    return {"kind": "boolean", "value": e["value"] == c.v(H24, "requests.new.total")}
@case(5)
def _(c): return num(c.v(H23, "active.fees.amount"), "yuan")
@case(6)
def _(c): return num(c.v(H23, "active.fees.amount") + c.v(H24, "active.fees.amount"), "yuan")
@case(7)
def _(c): return num(c.v(F3, "active.procurement.amount"), "yuan")
@case(8)
def _(c):
    names, vals = rank([(agency(f), c.v(f, "active.procurement.projects")) for f in PROC], reverse=False)
    no_tie_at(vals, 0)
    return {"kind": "agency", "value": names[0]}
@case(9)
def _(c): return num(c.v(H24, "review.lawsuit_direct.total"))
@case(10)
def _(c): return num(c.narr(F2, "罚款总额"), "yuan")
@case(11)
def _(c): return num(c.narr(H24, "主动发布各类政府信息"))
@case(12)
def _(c): return num(c.narr(F3, "全年主动公开政府信息"))
@case(13)
def _(c): return num(c.narr(F0, "答复及时率"), "percent")
@case(14)
def _(c): return c.passage(F4, "五", "存在不足之处", "公开意识")
@case(15)
def _(c): return c.passage(F2, "二", "普法宣传", "宪法宣传日")
@case(16)
def _(c): return {"kind": "boolean", "value": c.v(H23, "requests.new.total") < c.v(H24, "requests.new.total")}
@case(17)
def _(c):
    assert HZ and not report_for("洪泽区", 2022)
    return refuse("")
@case(18)
def _(c): return num(c.v(F4, "active.coercion.prev_items"))
@case(19)
def _(c): return num(c.v(F0, "active.penalty.prev_items"))
@case(20)
def _(c): return num(c.v(F3, "active.procurement.projects"))
@case(21)
def _(c): return num(c.v(F3, "active.penalty.decisions"))
@case(22)
def _(c): return num(c.v(H24, "active.licensing.decisions"))
@case(23)
def _(c): return num(c.v(H23, "active.normative.repealed"))
@case(24)
def _(c):
    # earlier turn: the 2020 statistics bureau with most procurement projects (resolved, not cited)
    cand = [f for f in PROC if f in BUREAUS and year(f) == 2020]
    top = max(cand, key=lambda f: REPORTS[f]["facts"]["active.procurement.projects"]["value"])
    return num(c.v(top, "active.procurement.amount"), "yuan")
@case(25)
def _(c): return {"kind": "boolean", "value": c.v(H24, "active.fees.amount") > c.v(H23, "active.fees.amount")}
@case(26)
def _(c): return num(sum(c.v(f, "active.procurement.amount") for f in PROC if year(f) == 2020), "yuan")
@case(27)
def _(c): return num(sum(c.v(f, "active.procurement.projects") for f in PROC))
@case(28)
def _(c):
    fs = [f for f in PROC if REPORTS[f]["province"] == "浙江省"]
    return num(sum(c.v(f, "active.procurement.amount") for f in fs), "yuan")
@case(29)
def _(c): return num(sum(c.v(f, "active.penalty.decisions") for f in Y2020))
@case(30)
def _(c):
    names, vals = rank([(agency(f), c.v(f, "active.penalty.decisions")) for f in BUREAUS])
    no_tie_at(vals, 0)
    return {"kind": "agency", "value": names[0]}
@case(31)
def _(c):
    names, vals = rank([(agency(f), c.v(f, "active.procurement.amount")) for f in PROC])
    no_tie_at(vals, 1)
    return {"kind": "agency", "value": names[1]}
@case(32)
def _(c):
    names, vals = rank([(agency(f), c.v(f, "active.procurement.amount")) for f in PROC])
    for i in range(3):
        no_tie_at(vals, i)
    return {"kind": "list", "values": names[:3], "ordered": True}
@case(33)
def _(c): return num(sum(1 for f in PROC if c.v(f, "active.procurement.amount") > 10 * 10000))
@case(34)
def _(c): return num(statistics.median(c.v(f, "active.procurement.amount") for f in PROC), "yuan")
@case(35)
def _(c): return {"kind": "boolean", "value": c.state(F0, "requests.unavailable_not_held.total") == "number"
                  and REPORTS[F0]["facts"]["requests.unavailable_not_held.total"]["value"] == 0}
@case(36)
def _(c):
    col = "person"
    return {"kind": "boolean", "value": c.v(F3, f"requests.new.{col}") + c.v(F3, f"requests.carried_in.{col}")
            == c.v(F3, f"requests.handled.{col}") + c.v(F3, f"requests.carried_out.{col}")}
@case(37)
def _(c):
    bad = []
    for f in REPORTS:
        if checks_failing(f):
            for g in sorted(r4_failed_groups(f)):
                for col in OUTCOMES + ["total"]:
                    c.raw(f, f"review.{g}.{col}")
            if agency(f) not in bad:
                bad.append(agency(f))
    return {"kind": "list", "values": bad, "ordered": False}
@case(38)
def _(c): return num(pct(c.v(H24, "review.reconsideration.corrected"), c.v(H24, "review.reconsideration.total")), "percent")
@case(39)
def _(c): return num(c.v(H24, "review.lawsuit_direct.total") + c.v(H24, "review.lawsuit_after_review.total"))
@case(40)
def _(c): return {"kind": "boolean", "value": any(c.v(H24, f"review.{g}.pending") > 0 for g in GROUPS)}
@case(41)
def _(c):
    up = sum(c.v(H24, f"review.{g}.upheld") for g in GROUPS)
    tot = sum(c.v(H24, f"review.{g}.total") for g in GROUPS)
    return num(pct(up, tot), "percent")
@case(42)
def _(c): return num(c.v(H24, "review.lawsuit_after_review.upheld"))
@case(43)
def _(c):
    try:
        Calc().v(H23, "review.reconsideration.total")
    except Unusable:
        return refuse("")
    raise AssertionError("expected the 2023 reconsideration row to be unusable")
@case(44)
def _(c):
    parts = sum(c.raw(H23, f"review.reconsideration.{o}") for o in OUTCOMES)
    return num(parts - c.raw(H23, "review.reconsideration.total"))
@case(45)
def _(c):
    parts = sum(c.raw(H23, f"review.lawsuit_after_review.{o}") for o in OUTCOMES)
    return {"kind": "boolean", "value": parts == c.raw(H23, "review.lawsuit_after_review.total")}
@case(46)
def _(c): return num(c.v(H23, "review.lawsuit_direct.total"))
@case(47)
def _(c):
    cols = {k.split(".")[2] for k in REPORTS[H24]["facts"] if k.startswith("review.")}
    assert cols == set(OUTCOMES + ["total"]) and not any("dismiss" in k for k in REPORTS[H24]["facts"])
    return refuse("")
@case(48)
def _(c): return {"kind": "boolean", "value": c.v(F2, "review.reconsideration.total") > 0}
@case(49)
def _(c):
    hits = []
    for f in Y2020:
        if sum(c.v(f, f"review.{g}.total") for g in GROUPS) > 0:
            hits.append(agency(f))
    return {"kind": "list", "values": hits, "ordered": False}
@case(50)
def _(c): return num(c.v(H24, "review.lawsuit_direct.other") + c.v(H24, "review.lawsuit_after_review.other"))
@case(51)
def _(c): return num(c.v(F2, "active.procurement.amount") / c.v(F2, "active.procurement.projects"), "yuan")
@case(52)
def _(c):
    names, vals = rank(per_project(c))
    for i in range(len(vals)):
        no_tie_at(vals, i)
    return {"kind": "list", "values": names, "ordered": True}
@case(53)
def _(c):
    names, vals = rank(per_project(c), reverse=False)
    no_tie_at(vals, 0)
    return {"kind": "agency", "value": names[0]}
@case(54)
def _(c):
    names, vals = rank(per_project(c))
    no_tie_at(vals, 1)
    return {"kind": "agency", "value": names[1]}
@case(55)
def _(c):
    amt = sum(c.v(f, "active.procurement.amount") for f in PROC)
    prj = sum(c.v(f, "active.procurement.projects") for f in PROC)
    return num(amt / prj, "yuan")
@case(56)
def _(c):
    tot = sum(c.v(f, "active.procurement.amount") for f in PROC)
    return num(pct(c.v(F2, "active.procurement.amount"), tot), "percent")
@case(57)
def _(c):
    a = pct(c.v(H23, "requests.granted.total"), c.v(H23, "requests.handled.total"))
    b = pct(c.v(H24, "requests.granted.total"), c.v(H24, "requests.handled.total"))
    return num(b - a, "percent")
@case(58)
def _(c):
    a = pct(c.v(H23, "requests.unavailable_not_held.total"), c.v(H23, "requests.handled.total"))
    b = pct(c.v(H24, "requests.unavailable_not_held.total"), c.v(H24, "requests.handled.total"))
    return num(a - b, "percent")
@case(59)
def _(c):
    a, b = c.v(H23, "active.licensing.decisions"), c.v(H24, "active.licensing.decisions")
    return num(pct(b - a, a), "percent")
@case(60)
def _(c):
    a, b = c.v(H23, "active.fees.amount"), c.v(H24, "active.fees.amount")
    return num(pct(a - b, a), "percent")
@case(61)
def _(c):
    fs = [f for f in REPORTS if REPORTS[f]["template"] == "2019"]
    assert len(fs) == 5
    return num(statistics.median(c.v(f, "active.penalty.decisions") for f in fs))
@case(62)
def _(c):
    fs = [f for f in BUREAUS if agency_kind(f) == "department"]
    return num(statistics.mean(c.v(f, "active.penalty.decisions") for f in fs))
@case(63)
def _(c): return num(pct(c.v(H24, "active.penalty.decisions"), c.v(H24, "active.licensing.decisions")), "percent")
@case(64)
def _(c): return num(pct(sum(c.v(H24, f"requests.unavailable_{u}.total") for u in UNAV), c.v(H24, "requests.handled.total")), "percent")
@case(65)
def _(c):
    tot = sum(c.v(f, "active.penalty.decisions") for f in Y2020)
    return num(pct(c.v(F1, "active.penalty.decisions"), tot), "percent")
@case(66)
def _(c): return num(sum(1 for _, r in per_project(c) if r > 3 * 10000))
@case(67)
def _(c): return num(sum(c.v(H24, f"requests.withheld_{w}.total") for w in WITHHELD))
@case(68)
def _(c): return num(sum(c.v(H23, f"requests.unavailable_{u}.total") for u in UNAV))
@case(69)
def _(c): return num(sum(1 for f in HZ if c.v(f, "active.fees.amount") > 7600 * 10000))
@case(70)
def _(c): return num(c.v(H23, "requests.new.total"))
@case(71)
def _(c): return num(c.v(H24, "requests.declined_complaint.total"))
@case(72)
def _(c):
    # no money amount anywhere in the text except the procurement cell; no budget key
    amounts = re.findall(r"\d[\d.,]*\s*万?元", TEXT[F1])
    assert amounts == [REPORTS[F1]["facts"]["active.procurement.amount"]["raw"]], amounts
    assert not any("budget" in k for k in REPORTS[F1]["facts"])
    return refuse("")
@case(73)
def _(c):
    assert not re.search(r"\d+\s*(名|人)", TEXT[F4]) and "编制" not in TEXT[F4]
    return refuse("")
@case(74)
def _(c): return num(pct(c.v(F3, "requests.unavailable_not_held.total"), c.v(F3, "requests.new.total")), "percent")
@case(75)
def _(c):
    assert not any(w in TEXT[F2] for w in ("访问", "浏览", "点击"))
    return refuse("")
@case(76)
def _(c):
    n = c.v(F2, "active.penalty.decisions")
    e = [x for x in REPORTS[F2]["narrative_numbers"] if "立案查处" in x["text"]][0]
    assert e["value"] == n  # the prose agrees with the table
    return num(n)
@case(77)
def _(c): return num(c.v(F1, "requests.new.business"))
@case(78)
def _(c):
    keys = [k for k in REPORTS[H24]["facts"] if "complaint" in k]
    assert all(k.startswith("requests.declined_complaint.") for k in keys)
    return refuse("")
@case(79)
def _(c): return num(pct(sum(c.v(H23, f"requests.withheld_{w}.total") for w in WITHHELD), c.v(H23, "requests.handled.total")), "percent")
@case(80)
def _(c):
    assert REPORTS[H24]["template"] == "2021" and "active.procurement.amount" not in REPORTS[H24]["facts"]
    return refuse("")
@case(81)
def _(c):
    assert not any("南京" in agency(f) for f in REPORTS)
    return refuse("")
@case(82)
def _(c):
    assert not any("浦东" in agency(f) for f in REPORTS)
    return refuse("")
@case(83)
def _(c):
    assert report_for("鄞州区", 2019) and not report_for("鄞州区", 2020)
    return refuse("")
@case(84)
def _(c): return num(c.v(H24, "active.licensing.decisions") - c.v(H23, "active.licensing.decisions"))
@case(85)
def _(c): return num(c.v(F4, "active.procurement.amount"), "yuan")
@case(86)
def _(c): return num(c.v(F2, "requests.granted.total"))
@case(87)
def _(c): return num(c.v(H24, "review.reconsideration.total"))
@case(88)
def _(c): return {"kind": "list", "values": [agency(f) for f in BUREAUS if c.mentions(f, "领导小组")], "ordered": False}
@case(89)
def _(c): return {"kind": "boolean", "value": c.v(F3, "requests.new.total") > c.v(F0, "requests.new.total")}
@case(90)
def _(c): return {"kind": "boolean", "value": c.fact(F0, "active.procurement.amount").get("unit_printed") is not None}
@case(91)
def _(c): return num(c.narr(F2, "官方微博"))
@case(92)
def _(c): return num(c.narr(F0, "共发布各类信息"))
@case(93)
def _(c): return num(c.narr(F2, "公开统计数据"))
@case(94)
def _(c): return num(c.narr(H24, "常务会议"))
@case(95)
def _(c): return num(c.narr(H23, "主动公开政府信息"))
@case(96)
def _(c): return num(c.narr(H24, "主动发布各类政府信息") - c.narr(H23, "主动公开政府信息"))
@case(97)
def _(c): return {"kind": "boolean", "value": c.narr(F0, "主动公开信息5条") == c.narr(F0, "共发布各类信息")}
@case(98)
def _(c): return num(c.narr(H24, "信息处理费"), "yuan")
@case(99)
def _(c): return c.passage(F2, "五", "信息公开范围单一")
@case(100)
def _(c): return c.passage(F0, "五", "改进情况", "培训")
@case(101)
def _(c): return c.passage(F3, "一", "个人信息", "新冠肺炎")
@case(102)
def _(c): return c.passage(F1, "一", "统计开放日")
@case(103)
def _(c): return c.passage(F4, "六", "无")
@case(104)
def _(c): return c.passage(F3, "五", "律师")
@case(105)
def _(c): return c.passage(F2, "一", "保密审查")
@case(106)
def _(c): return c.passage(F0, "一", "档案馆")
@case(107)
def _(c):
    names = []
    for f in REPORTS:
        if agency(f) not in names:
            names.append(agency(f))
    return {"kind": "list", "values": names, "ordered": False}
@case(108)
def _(c): return {"kind": "list", "values": sorted({year(f) for f in REPORTS}), "ordered": False}
@case(109)
def _(c):
    names = []
    for f in REPORTS:
        if not REPORTS[f].get("published") and agency(f) not in names:
            names.append(agency(f))
    return {"kind": "list", "values": names, "ordered": False}
@case(110)
def _(c):
    dated = sorted((REPORTS[f]["published"], agency(f)) for f in REPORTS if REPORTS[f].get("published"))
    assert dated[0][0] != dated[1][0]
    return {"kind": "agency", "value": dated[0][1]}
@case(111)
def _(c):
    names = []
    for f in REPORTS:
        if REPORTS[f]["template"] == "2021" and agency(f) not in names:
            names.append(agency(f))
    return {"kind": "list", "values": names, "ordered": False}
@case(112)
def _(c): return num(sum(1 for f in REPORTS if agency_kind(f) == "department" and agency(f).endswith("区统计局")))
@case(113)
def _(c):
    names = {agency(f) for f in REPORTS if agency_kind(f) == "government"}
    assert len(names) == 1
    return {"kind": "agency", "value": names.pop()}
@case(114)
def _(c):
    d = date.fromisoformat(REPORTS[F3]["published"])
    return num((d - date(year(F3), 12, 31)).days)
@case(115)
def _(c): return num(c.v(H24, "active.normative.in_force"))
@case(116)
def _(c): return num(c.v(H24, "active.normative.in_force") - c.v(H23, "active.normative.in_force"))
@case(117)
def _(c): return num(c.v(H24, "review.lawsuit_after_review.upheld"))
@case(118)
def _(c): return num(pct(c.v(H24, "review.lawsuit_after_review.upheld"), c.v(H24, "review.lawsuit_after_review.total")), "percent")
@case(119)
def _(c):
    a, b = c.v(F1, "active.penalty.decisions"), c.v(F2, "active.penalty.decisions")
    assert a != b
    return {"kind": "agency", "value": agency(F1) if a > b else agency(F2)}
@case(120)
def _(c): return num(c.v(F2, "active.procurement.amount") - c.v(F1, "active.procurement.amount"), "yuan")


# ----------------------------------------------------------------------------- shape check (mirrors eval/dataset.py)
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
SECTIONS = ("一", "二", "三", "四", "五", "六")


def shape_problems(d: dict) -> list[str]:
    p = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        p.append(f"unknown fields {sorted(extra)}")
    if not isinstance(d.get("id"), str) or not d["id"]:
        p.append("id")
    if not isinstance(d.get("question"), str) or not d["question"].strip():
        p.append("question")
    if not isinstance(d.get("turns", []), list) or not all(isinstance(t, str) for t in d.get("turns", [])):
        p.append("turns")
    if not all(isinstance(c, str) and _CITE.match(c) for c in d.get("cite", [])):
        p.append("cite form")
    if not all(isinstance(t, str) for t in d.get("tags", [])):
        p.append("tags")
    e = d.get("expect", {})
    k = e.get("kind")
    if k == "number":
        if not isinstance(e.get("value"), (int, float)) or isinstance(e.get("value"), bool) or e.get("unit") not in ("count", "yuan", "percent"):
            p.append("number expect")
    elif k == "agency":
        if not isinstance(e.get("value"), str) or not e["value"]:
            p.append("agency expect")
    elif k == "list":
        if not isinstance(e.get("values"), list) or not all(isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in e["values"]) \
                or not isinstance(e.get("ordered", False), bool):
            p.append("list expect")
    elif k == "boolean":
        if not isinstance(e.get("value"), bool):
            p.append("boolean expect")
    elif k == "passages":
        if not e.get("files") or not e.get("sections") or not all(s in SECTIONS for s in e["sections"]):
            p.append("passages expect")
    elif k == "unanswerable":
        if not isinstance(e.get("note", ""), str):
            p.append("unanswerable expect")
    else:
        p.append(f"unknown kind {k!r}")
    return p


# ----------------------------------------------------------------------------- comparison
def r2(x):
    return round(float(x), 2)


def same_value(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(r2(a) - float(b)) <= 1e-9 + 1e-9 * abs(float(b))


def compare(exp: dict, got: dict) -> list[str]:
    bad = []
    if exp["kind"] != got.get("kind"):
        return [f"kind {got.get('kind')} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if not same_value(exp["value"], got["value"]) or exp["unit"] != got["unit"]:
            bad.append(f"number {got['value']} {got['unit']} != {r2(exp['value'])} {exp['unit']}")
    elif k in ("agency", "boolean"):
        if exp["value"] != got["value"]:
            bad.append(f"{k} {got['value']!r} != {exp['value']!r}")
    elif k == "list":
        ev, gv = exp["values"], got["values"]
        if bool(got.get("ordered", False)) != exp["ordered"]:
            bad.append("ordered flag")
        if exp["ordered"]:
            ok = len(ev) == len(gv) and all(same_value(a, b) for a, b in zip(ev, gv))
        else:
            ok = len(ev) == len(gv) and sorted(map(str, ev)) == sorted(map(str, gv))
        if not ok:
            bad.append(f"list {gv} != {ev}")
    elif k == "passages":
        if exp["files"] != got["files"] or exp["sections"] != got["sections"]:
            bad.append(f"passages {got['files']}/{got['sections']} != {exp['files']}/{exp['sections']}")
    return bad


def cite_years(cites):
    ys = set()
    for c in cites:
        f = c.partition("#")[0]
        ys.add(year(f))
    return ys


def cite_guessed(cites):
    for c in cites:
        f, _, key = c.partition("#")
        if key and REPORTS[f]["facts"][key].get("unit_assumed"):
            return True
    return False


def main(argv):
    verbose = "-v" in argv
    lines = [l for l in JSONL.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    rows = [json.loads(l) for l in lines]
    by_id = {}
    problems_total = 0
    match = 0
    langs = {"zh": 0, "en": 0}
    kinds: dict[str, int] = {}
    expected_ids = [f"{PREFIX}-{i:03d}" for i in range(1, N_CASES + 1)]
    global_bad = []
    if [r.get("id") for r in rows] != expected_ids:
        global_bad.append("ids are not h29-001..h29-120 in order")
    for r in rows:
        if r.get("id") in by_id:
            global_bad.append(f"duplicate id {r['id']}")
        by_id[r.get("id")] = r
    for cid in expected_ids:
        r = by_id.get(cid)
        if r is None:
            print(f"{cid}: MISSING")
            continue
        bad = shape_problems(r)
        tags = r.get("tags", [])
        lang = [t for t in tags if t in ("zh", "en")]
        if len(lang) != 1:
            bad.append(f"language tags {lang}")
        else:
            langs[lang[0]] += 1
        kinds[r["expect"]["kind"]] = kinds.get(r["expect"]["kind"], 0) + 1
        calc = Calc()
        try:
            exp = CASES[cid](calc)
        except (AssertionError, Unusable, KeyError) as e:
            bad.append(f"recompute failed: {type(e).__name__}: {e}")
            exp = None
        if exp is not None:
            bad += compare(exp, r["expect"])
            if sorted(calc.cites) != sorted(r.get("cite", [])) or len(set(r.get("cite", []))) != len(r.get("cite", [])):
                bad.append(f"cite {r.get('cite')} != {calc.cites}")
            want_guess = cite_guessed(calc.cites)
            want_mixed = len(cite_years(calc.cites)) > 1
            if want_guess != ("guessed_unit" in tags):
                bad.append(f"guessed_unit tag should be {want_guess}")
            if want_mixed != ("mixed_years" in tags):
                bad.append(f"mixed_years tag should be {want_mixed}")
        if verbose:
            shown = dict(exp or {})
            if shown.get("kind") == "number":
                shown["value"] = r2(shown["value"])
            turns = f" [after {len(r.get('turns', []))} turn(s)]" if r.get("turns") else ""
            print(f"{cid} {r['question']}{turns}\n    -> {json.dumps(shown, ensure_ascii=False)}"
                  f"\n    cite {calc.cites}" + (f"\n    PROBLEMS: {bad}" if bad else ""))
        elif bad:
            print(f"{cid}: {'; '.join(bad)}")
        if bad:
            problems_total += 1
        else:
            match += 1
    if langs != {"zh": N_CASES // 2, "en": N_CASES // 2}:
        global_bad.append(f"language mix {langs}, want 60/60")
    for g in global_bad:
        print("GLOBAL:", g)
    kind_s = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    print(f"SUMMARY: {match}/{N_CASES} cases match; zh {langs['zh']}, en {langs['en']}; kinds: {kind_s}"
          + (f"; {len(global_bad)} global problem(s)" if global_bad else ""))
    return 0 if match == N_CASES and not global_bad and len(rows) == N_CASES else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
