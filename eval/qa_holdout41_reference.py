#!/usr/bin/env python3
"""Independent reference check for eval/qa_holdout41.jsonl (stdlib only).

Every expected answer, cite list and the `guessed_unit` / `mixed_years` tags are recomputed here from
the hand-checked gold cells (tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt).  Nothing is copied from the JSONL: each case below is a small function that
reads cells through `Ctx.cell`, which

  * refuses any cell whose state is not `number` (blank / absent / unreadable are never 0);
  * refuses any cell of a group that fails a balance equation (R1-R4 of DOMAIN.md) unless the case
    is explicitly about that failure (`allow_fail=True`);
  * records every cell it hands out, so the cite list is "every cell used", as file#key;
  * notes whether a money cell carries an assumed unit (-> tag guessed_unit) and the report year
    (-> tag mixed_years when more than one year is involved).

The script also re-applies the loader rules of eval/dataset.py (fields, kinds, cite regex) without
importing it, checks ids, the 60/60 language split, turn counts, and that no question reuses the
wording of shared/gold/qa_dev.jsonl.  It prints each mismatch and a SUMMARY line and exits 0 only
when all 120 cases agree.

    python3 eval/qa_holdout41_reference.py
"""
from __future__ import annotations

import difflib
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = HERE / "qa_holdout41.jsonl"
DEV = Path("/work/shared/gold/qa_dev.jsonl")

# --------------------------------------------------------------------------- gold
REPORTS: dict[str, dict] = {}          # cite file name -> gold dict
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    REPORTS[Path(d["file"]).name] = d

# short handles resolved from the gold metadata (not from file names typed by hand)
def _find(pred) -> str:
    hits = [f for f, d in REPORTS.items() if pred(d)]
    if len(hits) != 1:
        raise SystemExit(f"gold lookup ambiguous or empty: {hits}")
    return hits[0]

GULOU = _find(lambda d: d["agency"] == "福州市鼓楼区统计局")
LUCHENG = _find(lambda d: "鹿城区" in d["agency"])
YINZHOU = _find(lambda d: "鄞州区" in d["agency"])
WENQUAN = _find(lambda d: "温泉街道" in d["agency"])
ERQI = _find(lambda d: "二七区" in d["agency"])
HZ23 = _find(lambda d: "洪泽区" in d["agency"] and d["year"] == 2023)
HZ24 = _find(lambda d: "洪泽区" in d["agency"] and d["year"] == 2024)
ALL = sorted(REPORTS)
HONGZE = [HZ23, HZ24]
SAMPLE_FILES = [f for f in ALL if (SAMPLES / f).exists()]
TEMPLATE_2019 = [f for f in ALL if REPORTS[f]["template"] == "2019"]
Y2020 = [f for f in ALL if REPORTS[f]["year"] == 2020]


def agency(f: str) -> str:
    return REPORTS[f]["agency"]


def year(f: str) -> int:
    return REPORTS[f]["year"]


def kind_of(f: str) -> str:
    """Agency kind; for reports without the field (Hongze) it follows from the name."""
    d = REPORTS[f]
    if d.get("agency_kind"):
        return d["agency_kind"]
    name = d["agency"]
    if "街道" in name or name.endswith("镇") or name.endswith("乡"):
        return "street_office"
    if "人民政府" in name or "办公厅" in name:
        return "government"
    return "department"


# --------------------------------------------------------------------------- balance rules
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
OUTCOMES_2019 = ["granted", "partial"] + [f"withheld_{w}" for w in (
    "secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query")] + [
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
    "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
    "declined_confirmation"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


def _num(facts, key):
    x = facts.get(key)
    return x["value"] if x and x.get("state") == "number" else None


def failing_cells(f: str) -> tuple[set[str], list[str]]:
    """Cells that sit in a group failing R1-R4 (only equations whose cells are all printed)."""
    facts = REPORTS[f]["facts"]
    bad: set[str] = set()
    why: list[str] = []
    rows = sorted({k.split(".")[1] for k in facts if k.startswith("requests.")})
    # R3: total = sum of six applicant columns, per row
    for r in rows:
        keys = [f"requests.{r}.{c}" for c in COLS + ["total"]]
        vals = [_num(facts, k) for k in keys]
        if all(v is not None for v in vals) and abs(sum(vals[:-1]) - vals[-1]) > 1e-9:
            bad.update(keys); why.append(f"R3 {r}")
    outcome_rows = [r for r in OUTCOMES_2019 + ["other", "other_no_correction", "other_no_fee", "other_misc"]
                    if any(_num(facts, f"requests.{r}.{c}") is not None for c in COLS + ["total"])]
    for c in COLS + ["total"]:
        # R1: new + carried_in = handled + carried_out
        keys = [f"requests.{r}.{c}" for r in ("new", "carried_in", "handled", "carried_out")]
        v = [_num(facts, k) for k in keys]
        if all(x is not None for x in v) and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
            bad.update(keys); why.append(f"R1 {c}")
        # R2: handled = sum of outcome rows
        okeys = [f"requests.{r}.{c}" for r in outcome_rows]
        ov = [_num(facts, k) for k in okeys]
        h = _num(facts, f"requests.handled.{c}")
        if h is not None and all(x is not None for x in ov) and abs(sum(ov) - h) > 1e-9:
            bad.update(okeys + [f"requests.handled.{c}"]); why.append(f"R2 {c}")
    # R4: review groups
    for g in REVIEW_GROUPS:
        keys = [f"review.{g}.{x}" for x in ("upheld", "corrected", "other", "pending", "total")]
        v = [_num(facts, k) for k in keys]
        if all(x is not None for x in v) and abs(sum(v[:4]) - v[4]) > 1e-9:
            bad.update(keys); why.append(f"R4 {g}")
    return bad, why


FAILING = {f: failing_cells(f) for f in ALL}


def r4_ok(f: str, g: str) -> bool:
    return f"R4 {g}" not in FAILING[f][1]


# --------------------------------------------------------------------------- context
class Refuse(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites: list[str] = []
        self.guessed = False
        self.years: set[int] = set()

    def cite_file(self, f: str):
        if f not in self.cites:
            self.cites.append(f)
        self.years.add(year(f))

    def cell(self, f: str, key: str, allow_fail: bool = False) -> float:
        fact = REPORTS[f]["facts"].get(key)
        if fact is None or fact.get("state") != "number":
            raise Refuse(f"{f}#{key} is {fact.get('state') if fact else 'missing'}")
        if key in FAILING[f][0] and not allow_fail:
            raise Refuse(f"{f}#{key} belongs to a group failing {FAILING[f][1]}")
        cite = f"{f}#{key}"
        if cite not in self.cites:
            self.cites.append(cite)
        self.years.add(year(f))
        if fact.get("unit_assumed") and (key.endswith(".amount")):
            self.guessed = True
        return float(fact["value"])

    def has(self, f: str, key: str) -> bool:
        fact = REPORTS[f]["facts"].get(key)
        return bool(fact and fact.get("state") == "number" and key not in FAILING[f][0])


def pct(a, b):
    return a / b * 100.0


def growth(old, new):
    if old == 0:
        raise Refuse("growth from a zero base")
    return (new - old) / old * 100.0


# expectation builders
def NUM(v, unit):
    return {"kind": "number", "value": v, "unit": unit}


def AGENCY(v):
    return {"kind": "agency", "value": v}


def LIST(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


def PASSAGE(f, section):
    return {"kind": "passages", "files": [f], "sections": [section]}


def UNANSWERABLE():
    return {"kind": "unanswerable"}


# --------------------------------------------------------------------------- passages
HEADINGS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
            "五": "存在的主要问题", "六": "其他需要报告"}
_HEAD = re.compile(r"^[\s#*]*([一二三四五六])、(.*)$")


def sections_of(f: str) -> dict[str, str]:
    """Split a sample text into the six canonical sections by heading meaning (in order)."""
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    out: dict[str, list[str]] = {}
    cur = None
    order = list(HEADINGS)
    for line in lines:
        m = _HEAD.match(line)
        if m and HEADINGS[m.group(1)] in m.group(2).replace("政府信息公开工作", "").replace(" ", "") \
                and (cur is None or order.index(m.group(1)) > order.index(cur)):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if m and m.group(1) == "四" and "行政" in m.group(2) and "复议" in m.group(2) \
                and cur is not None and order.index("四") > order.index(cur):
            cur = "四"; out.setdefault(cur, []); continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def passage(ctx: Ctx, f: str, section: str, *keywords: str):
    """A passage expectation, verified: every keyword occurs in that section of the file."""
    text = sections_of(f).get(section, "")
    missing = [k for k in keywords if k not in text]
    if missing:
        raise AssertionError(f"{f} section {section} lacks {missing}")
    ctx.cite_file(f)
    return PASSAGE(f, section)


def mention_list(ctx: Ctx, files: list[str], keyword: str):
    hits = []
    for f in files:
        if keyword in (SAMPLES / f).read_text(encoding="utf-8"):
            hits.append(agency(f)); ctx.cite_file(f)
    return LIST(hits)


# --------------------------------------------------------------------------- unanswerable checks
def no_report(pred) -> dict:
    if any(pred(d) for d in REPORTS.values()):
        raise AssertionError("a report that should not exist was found")
    return UNANSWERABLE()


def not_usable(ctx: Ctx, f: str, *keys: str) -> dict:
    for k in keys:
        try:
            Ctx().cell(f, k)
        except Refuse:
            continue
        raise AssertionError(f"{f}#{k} is usable, the case should be answerable")
    return UNANSWERABLE()


def no_block(f: str, prefix: str) -> dict:
    if any(k.startswith(prefix) and v.get("state") == "number" for k, v in REPORTS[f]["facts"].items()):
        raise AssertionError(f"{f} has {prefix} cells")
    return UNANSWERABLE()


def outside_schema(*words: str) -> dict:
    keys = " ".join(k for d in REPORTS.values() for k in d["facts"])
    if any(w in keys for w in words):
        raise AssertionError(f"schema has {words}")
    return UNANSWERABLE()


# --------------------------------------------------------------------------- the cases
WITHHELD = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]
UNAVAIL = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
PARTS = ["upheld", "corrected", "other", "pending"]


def group_balances(x: Ctx, f, g):
    parts = sum(x.cell(f, f"review.{g}.{p}", allow_fail=True) for p in PARTS)
    return parts, x.cell(f, f"review.{g}.total", allow_fail=True)


def argmax(x: Ctx, files, key, lowest=False):
    vals = [(x.cell(f, key), f) for f in files if x.has(f, key)]
    best = (min if lowest else max)(v for v, _ in vals)
    winners = [f for v, f in vals if v == best]
    assert len({agency(w) for w in winners}) == 1, f"tie on {key}: {winners}"
    return agency(winners[0])


def per_project(x: Ctx, f):
    return x.cell(f, "active.procurement.amount") / x.cell(f, "active.procurement.projects")


C = {}


def case(n):
    def deco(fn):
        C[f"h41-{n:03d}"] = fn
        return fn
    return deco


# 人大代表
@case(1)
def _(x): return NUM(x.cell(HZ23, "active.penalty.decisions"), "count")
@case(2)
def _(x): return NUM(pct(x.cell(HZ24, "requests.unavailable_not_held.total"), x.cell(HZ24, "requests.handled.total")), "percent")
@case(3)
def _(x): return not_usable(x, HZ23, *[f"review.reconsideration.{p}" for p in PARTS + ["total"]])
@case(4)
def _(x):
    parts, total = group_balances(x, HZ23, "reconsideration"); return BOOL(parts == total)
@case(5)
def _(x):
    parts, total = group_balances(x, HZ23, "lawsuit_after_review"); return NUM(parts - total, "count")
@case(6)
def _(x): return BOOL(pct(x.cell(HZ24, "requests.granted.total"), x.cell(HZ24, "requests.handled.total")) < 50)
@case(7)
def _(x): return NUM(x.cell(HZ23, "active.fees.amount") - x.cell(HZ24, "active.fees.amount"), "yuan")
@case(8)
def _(x): return no_block(HZ23, "active.procurement")
@case(9)
def _(x): return BOOL(x.cell(YINZHOU, "active.rules.public_total") == 24)
@case(10)
def _(x): return NUM(x.cell(HZ24, "requests.withheld_safety.total"), "count")
@case(11)
def _(x):
    assert r4_ok(HZ23, "lawsuit_direct"); return NUM(x.cell(HZ23, "review.lawsuit_direct.total"), "count")
@case(12)
def _(x): return no_report(lambda d: "洪泽区" in d["agency"] and d["year"] == 2022)


# newsroom intern
@case(13)
def _(x): return NUM(x.cell(LUCHENG, "active.procurement.amount"), "yuan")
@case(14)
def _(x): return NUM(x.cell(ERQI, "active.procurement.amount"), "yuan")
@case(15)
def _(x): return NUM(sum(x.cell(HZ24, f"requests.withheld_{w}.total") for w in WITHHELD), "count")
@case(16)
def _(x):
    a, b = REPORTS[WENQUAN]["published"], REPORTS[GULOU]["published"]
    return AGENCY(agency(WENQUAN) if a < b else agency(GULOU))
@case(17)
def _(x): return NUM(sum(x.cell(f, "requests.new.total") for f in ALL), "count")
@case(18)
def _(x): return NUM(x.cell(HZ24, "active.coercion.decisions"), "count")
@case(19)
def _(x): return LIST([agency(f) for f in ALL if kind_of(f) == "street_office"])
@case(20)
def _(x): return NUM(growth(x.cell(HZ23, "active.licensing.decisions"), x.cell(HZ24, "active.licensing.decisions")), "percent")
@case(21)
def _(x): return NUM(x.cell(HZ23, "requests.partial.total"), "count")
@case(22)
def _(x): return LIST([REPORTS[YINZHOU]["city"]])
@case(23)
def _(x): return AGENCY(argmax(x, ALL, "active.penalty.decisions"))
@case(24)
def _(x): return LIST([agency(f) for f in Y2020 if x.cell(f, "requests.withheld_third_party.total") > 0])
@case(25)
def _(x): return passage(x, ERQI, "五", "存在不足之处", "公开意识")
@case(26)
def _(x): return passage(x, YINZHOU, "一", "新闻发布会")


# Australian / New Zealand English
@case(27)
def _(x): return NUM(x.cell(HZ23, "active.coercion.decisions"), "count")
@case(28)
def _(x): return NUM(x.cell(LUCHENG, "active.procurement.projects"), "count")
@case(29)
def _(x): return BOOL(x.cell(GULOU, "active.procurement.amount") > x.cell(WENQUAN, "active.procurement.amount"))
@case(30)
def _(x): return NUM(x.cell(GULOU, "active.procurement.amount") - x.cell(WENQUAN, "active.procurement.amount"), "yuan")
@case(31)
def _(x): return LIST(sorted({agency(f) for f in ALL if kind_of(f) == "government"}))
@case(32)
def _(x): return NUM(per_project(x, YINZHOU), "yuan")
@case(33)
def _(x): return NUM(growth(x.cell(HZ23, "requests.new.total"), x.cell(HZ24, "requests.new.total")), "percent")
@case(34)
def _(x): return NUM(x.cell(HZ23, "requests.withheld_secret.total"), "count")
@case(35)
def _(x): return BOOL(x.cell(ERQI, "requests.new.total") > 0)
@case(36)
def _(x):
    zj = [f for f in ALL if REPORTS[f]["province"] == "浙江省" and x.has(f, "active.procurement.amount")]
    zj.sort(key=lambda f: -x.cell(f, "active.procurement.amount"))
    return LIST([agency(f) for f in zj], ordered=True)
@case(37)
def _(x): return no_block(HZ24, "active.procurement")
@case(38)
def _(x): return outside_schema("staff", "personnel", "employee")
@case(39)
def _(x): return NUM(pct(x.cell(HZ23, "requests.partial.total"), x.cell(HZ23, "requests.handled.total")), "percent")
@case(40)
def _(x): return AGENCY(argmax(x, [f for f in ALL if "统计局" in agency(f)], "active.penalty.prev_items"))


# Shanghai office worker on a phone
@case(41)
def _(x): return NUM(x.cell(LUCHENG, "active.penalty.decisions"), "count")
@case(42)
def _(x): return NUM(x.cell(HZ24, "requests.new.total"), "count")
@case(43)
def _(x): return NUM(x.cell(WENQUAN, "active.procurement.amount"), "yuan")
@case(44)
def _(x): return NUM(x.cell(ERQI, "active.penalty.prev_items"), "count")
@case(45)
def _(x): return NUM(x.cell(HZ23, "active.fees.amount"), "yuan")
@case(46)
def _(x): return BOOL(x.cell(YINZHOU, "requests.granted.total") == x.cell(YINZHOU, "requests.handled.total"))
@case(47)
def _(x): return LIST([x.cell(LUCHENG, "active.procurement.projects"), x.cell(YINZHOU, "active.procurement.projects")], ordered=True)
@case(48)
def _(x):
    assert r4_ok(HZ24, "reconsideration"); return NUM(x.cell(HZ24, "review.reconsideration.total"), "count")
@case(49)
def _(x): return AGENCY(argmax(x, ALL, "active.procurement.projects", lowest=True))
@case(50)
def _(x): return NUM(sum(x.cell(HZ23, f"requests.{r}.total") for r in UNAVAIL), "count")
@case(51)
def _(x): return not_usable(x, GULOU, "requests.unavailable_not_held.total")
@case(52)
def _(x): return not_usable(x, HZ23, "requests.other_no_fee.total")


# compliance officer
def amounts(x):
    return {f: x.cell(f, "active.procurement.amount") for f in ALL if x.has(f, "active.procurement.amount")}


@case(53)
def _(x): return LIST([agency(f) for f, v in amounts(x).items() if v >= 100000])
@case(54)
def _(x): return NUM(sum(1 for f in ALL if x.has(f, "active.procurement.projects") and x.cell(f, "active.procurement.projects") < 10), "count")
@case(55)
def _(x): return LIST([agency(f) for f, v in amounts(x).items() if 50000 <= v <= 100000])
@case(56)
def _(x): return BOOL(pct(x.cell(HZ24, "requests.granted.total"), x.cell(HZ24, "requests.handled.total")) >= 50)
@case(57)
def _(x): return NUM(sum(1 for f in Y2020 if x.cell(f, "active.penalty.decisions") >= 1), "count")
@case(58)
def _(x): return BOOL(all(x.cell(f, "active.fees.amount") > 70_000_000 for f in HONGZE))
@case(59)
def _(x): return NUM(sum(1 for f in ALL if 2 <= x.cell(f, "requests.new.total") <= 30), "count")
@case(60)
def _(x): return BOOL(x.cell(HZ24, "active.coercion.decisions") < x.cell(HZ23, "active.coercion.decisions") / 2)
@case(61)
def _(x): return LIST([agency(f) for f in TEMPLATE_2019 if x.cell(f, "active.penalty.prev_items") >= 10])
@case(62)
def _(x):
    vals = [x.cell(f, "requests.unavailable_not_held.total") for f in ALL if x.has(f, "requests.unavailable_not_held.total")]
    return BOOL(any(v > 30 for v in vals))
@case(63)
def _(x):
    assert r4_ok(HZ24, "reconsideration")
    return NUM(pct(x.cell(HZ24, "review.reconsideration.corrected"), x.cell(HZ24, "review.reconsideration.total")), "percent")
@case(64)
def _(x): return LIST([year(f) for f in HONGZE if x.cell(f, "active.penalty.decisions") < 3000])
@case(65)
def _(x): return not_usable(x, HZ23, "review.lawsuit_after_review.upheld")


# academic, two years of Hongze
def g(x, key):
    return growth(x.cell(HZ23, key), x.cell(HZ24, key))


@case(66)
def _(x): return NUM(g(x, "active.penalty.decisions"), "percent")
@case(67)
def _(x): return NUM(g(x, "active.coercion.decisions"), "percent")
@case(68)
def _(x): return NUM(g(x, "active.fees.amount"), "percent")
@case(69)
def _(x): return NUM(g(x, "active.normative.in_force"), "percent")
@case(70)
def _(x):
    s = [pct(x.cell(f, "requests.granted.total"), x.cell(f, "requests.handled.total")) for f in HONGZE]
    return NUM(s[1] - s[0], "percent")
@case(71)
def _(x): return NUM(g(x, "requests.unavailable_not_held.total"), "percent")
@case(72)
def _(x): return NUM(x.cell(HZ24, "active.licensing.decisions") - x.cell(HZ23, "active.licensing.decisions"), "count")
@case(73)
def _(x): return NUM(sum(x.cell(f, "active.licensing.decisions") for f in HONGZE), "count")
@case(74)
def _(x): return NUM(pct(x.cell(HZ24, "active.coercion.decisions"), x.cell(HZ24, "active.penalty.decisions")), "percent")
@case(75)
def _(x): return not_usable(x, HZ23, "review.reconsideration.total")
@case(76)
def _(x): return BOOL(all(REPORTS[f]["template"] == "2021" for f in HONGZE))
@case(77)
def _(x): return NUM(g(x, "requests.partial.total"), "percent")


# chat follow-ups that correct themselves (the last correction wins)
@case(78)
def _(x): return NUM(x.cell(YINZHOU, "active.penalty.decisions"), "count")
@case(79)
def _(x): return NUM(x.cell(HZ24, "active.licensing.decisions"), "count")
@case(80)
def _(x): return NUM(per_project(x, WENQUAN), "yuan")
@case(81)
def _(x): return NUM(pct(x.cell(HZ23, "active.coercion.decisions"), x.cell(HZ23, "active.penalty.decisions")), "percent")
@case(82)
def _(x): return NUM(pct(x.cell(WENQUAN, "requests.granted.total"), x.cell(WENQUAN, "requests.handled.total")), "percent")
@case(83)
def _(x): return AGENCY(argmax(x, ALL, "active.procurement.amount"))
@case(84)
def _(x): return NUM(x.cell(HZ23, "active.penalty.decisions") - x.cell(HZ24, "active.penalty.decisions"), "count")
@case(85)
def _(x): return NUM(x.cell(YINZHOU, "requests.new.total"), "count")
@case(86)
def _(x):
    assert r4_ok(HZ24, "reconsideration"); return BOOL(x.cell(HZ24, "review.reconsideration.total") > 0)
@case(87)
def _(x): return NUM(sum(x.cell(f, "active.procurement.projects") for f in ALL if REPORTS[f]["province"] == "福建省"), "count")
@case(88)
def _(x): return NUM(pct(x.cell(HZ24, "requests.partial.total"), x.cell(HZ24, "requests.new.total")), "percent")
@case(89)
def _(x):
    assert r4_ok(HZ23, "lawsuit_direct"); return NUM(x.cell(HZ23, "review.lawsuit_direct.total"), "count")
@case(90)
def _(x): return passage(x, LUCHENG, "五", "加强学习，提高认识", "创新工作，提升实效")
@case(91)
def _(x):
    top = max(Y2020, key=lambda f: x.cell(f, "requests.new.total"))
    return NUM(x.cell(top, "requests.new.total"), "count")
@case(92)
def _(x): return NUM(x.cell(ERQI, "active.procurement.amount"), "yuan")
@case(93)
def _(x): return NUM(x.cell(HZ24, "active.normative.in_force"), "count")


# more of the same voices
@case(94)
def _(x): return NUM(x.cell(WENQUAN, "requests.unavailable_not_held.total"), "count")
@case(95)
def _(x): return passage(x, WENQUAN, "五", "答复依申请公开处理水平有待提高")
@case(96)
def _(x): return passage(x, YINZHOU, "二", "立案查处6起", "罚款总额")
@case(97)
def _(x): return passage(x, GULOU, "一", "第七次人口普查")
@case(98)
def _(x): return mention_list(x, SAMPLE_FILES, "培训")
@case(99)
def _(x): return mention_list(x, [f for f in SAMPLE_FILES if "统计局" in agency(f)], "开放日")
@case(100)
def _(x): return mention_list(x, [f for f in SAMPLE_FILES if "统计局" in agency(f)], "部门预算")
@case(101)
def _(x): return passage(x, ERQI, "一", "四个", "结合", "目标考核相结合")
@case(102)
def _(x): return passage(x, WENQUAN, "一", "未发生责任追究")
@case(103)
def _(x): return NUM(len({agency(f) for f in ALL}), "count")
@case(104)
def _(x): return NUM(sum(1 for f in ALL if year(f) == 2020), "count")
@case(105)
def _(x): return LIST(sorted(year(f) for f in ALL if REPORTS[f]["template"] == "2021"))
@case(106)
def _(x): return NUM(sum(1 for f in ALL if not REPORTS[f].get("published")), "count")
@case(107)
def _(x):
    hn = [f for f in ALL if REPORTS[f]["province"] == "河南省"]; assert len(hn) == 1
    return AGENCY(agency(hn[0]))
@case(108)
def _(x):
    dated = [f for f in ALL if REPORTS[f].get("published")]
    return AGENCY(agency(min(dated, key=lambda f: REPORTS[f]["published"])))
@case(109)
def _(x): return no_report(lambda d: d["agency"].startswith("南京") or d.get("city") == "南京市")
@case(110)
def _(x): return no_report(lambda d: "鄞州区" in d["agency"] and d["year"] == 2020)
@case(111)
def _(x):
    assert "active.fees.amount" not in REPORTS[LUCHENG]["facts"] or not Ctx().has(LUCHENG, "active.fees.amount")
    return UNANSWERABLE()
@case(112)
def _(x): return not_usable(x, WENQUAN, "requests.carried_out.total")
@case(113)
def _(x):
    n = 0
    for grp in REVIEW_GROUPS:
        parts, total = group_balances(x, HZ23, grp); n += parts != total
    return NUM(n, "count")
@case(114)
def _(x):
    ok = True
    for grp in REVIEW_GROUPS:
        parts, total = group_balances(x, HZ24, grp); ok &= parts == total
    return BOOL(ok)
@case(115)
def _(x):
    out = []
    for f in HONGZE:
        parts, total = group_balances(x, f, "reconsideration")
        if parts != total:
            out.append(year(f))
    return LIST(out)
@case(116)
def _(x): return NUM(x.cell(HZ24, "requests.declined_complaint.total"), "count")
@case(117)
def _(x): return NUM(pct(x.cell(YINZHOU, "active.penalty.decisions"), x.cell(LUCHENG, "active.penalty.decisions")), "percent")
@case(118)
def _(x):
    rows = sorted(Y2020, key=lambda f: -per_project(x, f))
    return LIST([agency(f) for f in rows], ordered=True)
@case(119)
def _(x):
    return NUM(pct(x.cell(HZ24, "requests.granted.total") + x.cell(HZ24, "requests.partial.total"),
                   x.cell(HZ24, "requests.handled.total")), "percent")
@case(120)
def _(x): return NUM(sum(x.cell(f, "active.penalty.decisions") for f in HONGZE), "count")


# --------------------------------------------------------------------------- loader rules (dataset.py, re-applied)
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
SECTIONS = ("一", "二", "三", "四", "五", "六")


def loader_problems(d: dict) -> list[str]:
    p = []
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(d) - allowed:
        p.append(f"unknown fields {set(d) - allowed}")
    for k in ("id", "question", "expect"):
        if k not in d:
            p.append(f"missing {k}")
    if not isinstance(d.get("id"), str) or not d.get("id"):
        p.append("id")
    if not isinstance(d.get("question"), str) or not d["question"].strip():
        p.append("blank question")
    if not isinstance(d.get("turns", []), list) or not all(isinstance(t, str) and t.strip() for t in d.get("turns", [])):
        p.append("turns")
    if not isinstance(d.get("cite", []), list) or not all(isinstance(c, str) and CITE_RE.match(c) for c in d.get("cite", [])):
        p.append(f"cite regex: {d.get('cite')}")
    if not isinstance(d.get("tags", []), list) or not all(isinstance(t, str) for t in d.get("tags", [])):
        p.append("tags")
    e = d.get("expect", {})
    k = e.get("kind")
    isnum = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if k == "number":
        if not isnum(e.get("value")) or e.get("unit") not in ("count", "yuan", "percent"):
            p.append("number expect")
    elif k == "agency":
        if not isinstance(e.get("value"), str) or not e["value"]:
            p.append("agency expect")
    elif k == "list":
        if not isinstance(e.get("values"), list) or not all(isnum(v) or isinstance(v, str) for v in e["values"]):
            p.append("list values")
        if not isinstance(e.get("ordered", False), bool):
            p.append("list ordered not a bool")
    elif k == "boolean":
        if not isinstance(e.get("value"), bool):
            p.append("boolean expect")
    elif k == "passages":
        if not e.get("files") or not all(isinstance(f, str) for f in e["files"]):
            p.append("passages files")
        if not e.get("sections") or not all(s in SECTIONS for s in e["sections"]):
            p.append("passages sections")
    elif k == "unanswerable":
        if not isinstance(e.get("note", ""), str):
            p.append("note")
    else:
        p.append(f"unknown kind {k!r}")
    return p


# --------------------------------------------------------------------------- compare
def same_number(a, b):
    return math.isclose(float(a), float(b), rel_tol=1e-4, abs_tol=0.006)


def compare_expect(got: dict, want: dict) -> list[str]:
    p = []
    if got.get("kind") != want["kind"]:
        return [f"kind {got.get('kind')} != {want['kind']}"]
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            p.append(f"unit {got.get('unit')} != {want['unit']}")
        if not same_number(got["value"], want["value"]):
            p.append(f"value {got['value']} != {round(want['value'], 4)}")
    elif k in ("agency", "boolean"):
        if got.get("value") != want["value"]:
            p.append(f"value {got.get('value')!r} != {want['value']!r}")
    elif k == "list":
        gv, wv = got.get("values"), want["values"]
        if bool(got.get("ordered", False)) != want["ordered"]:
            p.append(f"ordered {got.get('ordered')} != {want['ordered']}")
        norm = lambda vs: [float(v) if isinstance(v, (int, float)) else v for v in vs]
        if want["ordered"]:
            ok = len(gv) == len(wv) and all(
                same_number(a, b) if isinstance(b, (int, float)) else a == b for a, b in zip(gv, wv))
        else:
            ok = sorted(map(str, norm(gv))) == sorted(map(str, norm(wv)))
        if not ok:
            p.append(f"values {gv} != {wv}")
    elif k == "passages":
        if got.get("files") != want["files"] or got.get("sections") != want["sections"]:
            p.append(f"passages {got.get('files')}/{got.get('sections')} != {want['files']}/{want['sections']}")
    return p


def main() -> int:
    lines = [l for l in JSONL.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    problems: list[str] = []
    cases = []
    for i, line in enumerate(lines, 1):
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {i}: bad JSON {e}"); continue
        for p in loader_problems(d):
            problems.append(f"line {i} ({d.get('id')}): loader rule: {p}")
        cases.append(d)
    ids = [d.get("id") for d in cases]
    want_ids = [f"h41-{n:03d}" for n in range(1, 121)]
    if ids != want_ids:
        problems.append(f"ids are not exactly h41-001..h41-120 in order (got {len(ids)})")
    langs = {"zh": 0, "en": 0}
    for d in cases:
        lt = [t for t in d.get("tags", []) if t in langs]
        if len(lt) != 1:
            problems.append(f"{d['id']}: needs exactly one of zh/en, has {lt}")
            continue
        langs[lt[0]] += 1
        q = d["question"]
        if lt[0] == "zh" and not re.search(r"[\u4e00-\u9fff]", q):
            problems.append(f"{d['id']}: tagged zh but the question has no Chinese")
        if lt[0] == "en" and not re.search(r"[A-Za-z]{3,}", q):
            problems.append(f"{d['id']}: tagged en but the question has no English")
        if d.get("turns") and not 1 <= len(d["turns"]) <= 3:
            problems.append(f"{d['id']}: a chat must have 2-4 turns in all")
        if ("followup" in d.get("tags", [])) != bool(d.get("turns")):
            problems.append(f"{d['id']}: followup tag and turns disagree")
    if langs != {"zh": 60, "en": 60}:
        problems.append(f"language split {langs} (want 60/60)")
    # wording must not be reused from the dev set
    if DEV.exists():
        dev_q = [json.loads(l)["question"] for l in DEV.read_text(encoding="utf-8").splitlines() if l.strip()]
        for d in cases:
            for q in dev_q:
                r = difflib.SequenceMatcher(None, d["question"], q).ratio()
                if r > 0.8:
                    problems.append(f"{d['id']}: wording too close to dev question {q!r} ({r:.2f})")

    ok = 0
    for d in cases:
        cid = d.get("id")
        fn = C.get(cid)
        if fn is None:
            problems.append(f"{cid}: no reference computation"); continue
        x = Ctx()
        try:
            want = fn(x)
        except Refuse as e:
            problems.append(f"{cid}: reference refused a cell it needed: {e}"); continue
        except AssertionError as e:
            problems.append(f"{cid}: reference check failed: {e}"); continue
        mism = compare_expect(d["expect"], want)
        want_cite = x.cites if want["kind"] != "unanswerable" else []
        if sorted(d.get("cite", [])) != sorted(want_cite) or len(set(d.get("cite", []))) != len(d.get("cite", [])):
            missing = sorted(set(want_cite) - set(d.get("cite", [])))
            extra = sorted(set(d.get("cite", [])) - set(want_cite))
            mism.append(f"cite differs: missing {missing} extra {extra}")
        tags = set(d.get("tags", []))
        want_guess = x.guessed
        want_mixed = len(x.years) > 1
        if ("guessed_unit" in tags) != want_guess:
            mism.append(f"guessed_unit tag should be {want_guess}")
        if ("mixed_years" in tags) != want_mixed:
            mism.append(f"mixed_years tag should be {want_mixed} (years {sorted(x.years)})")
        if want["kind"] == "unanswerable" and not d["expect"].get("note"):
            mism.append("unanswerable case without a note")
        if mism:
            problems.extend(f"{cid}: {m}" for m in mism)
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    print(f"SUMMARY: {ok}/{len(want_ids)} cases agree with the gold; {len(problems)} problem(s); "
          f"languages {langs}")
    return 0 if ok == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
