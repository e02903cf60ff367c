#!/usr/bin/env python3
"""Reference recomputation for eval/qa_holdout27.jsonl (stdlib only).

Every expected answer, cite list and the derived tags `guessed_unit` / `mixed_years` of the 120 cases is
recomputed here from the hand-checked gold facts (tests/fixtures/gold/*.json) and, for passages and
"which reports mention ..." questions, from the five sample texts (data/samples/*.txt). The script then
compares with the JSONL and prints `SUMMARY: N/120 cases match; ...`. Exit code 0 only if all match.

    python3 eval/qa_holdout27_reference.py        # summary (and every mismatch)
    python3 eval/qa_holdout27_reference.py -v     # also print every recomputed answer

Conventions (see eval/QA_HOLDOUT27.md):
  * only cells in state "number" are values; a blank / absent / unreadable cell raises Unusable;
  * money is compared in yuan (the gold already converts 万元; `unit_assumed` marks a guessed unit);
  * a case cites every cell its answer uses (ranking: every compared cell; balance check that fails:
    the cells of the failing groups; balance check that passes: every cell evaluated); a prose figure
    or passage cites the bare report file;
  * tag `guessed_unit` iff a cited cell carries `unit_assumed`; tag `mixed_years` iff the cited
    reports (cells or bare files) span more than one report year;
  * the store is the seven gold reports (five sample texts + the Hongze PDFs 2023/2024); the Hongze
    agency kind is not in its gold file and is inferred from the name (…人民政府 -> government).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout27.jsonl"
N_CASES = 120

SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
            "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAIL = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]


class Unusable(Exception):
    """A cell that is not a printed number (blank, absent, unreadable, missing)."""


# ----------------------------------------------------------------------------------------------- store
class Report:
    def __init__(self, gold: dict):
        self.g = gold
        self.file = Path(gold["file"]).name              # the name cases cite: 000_….txt, hongze-….pdf
        self.agency = gold["agency"]
        self.year = gold["year"]
        self.province = gold.get("province")
        self.city = gold.get("city")
        self.template = gold.get("template")
        self.published = gold.get("published")
        self.facts = gold["facts"]
        self.narr = gold.get("narrative_numbers") or []
        kind = gold.get("agency_kind")
        if not kind:  # Hongze gold has no agency_kind: infer from the name
            kind = "government" if self.agency.endswith("人民政府") else (
                "street_office" if self.agency.endswith(("街道办事处", "乡人民政府", "镇人民政府")) else "department")
        self.kind = kind
        txt = SAMPLES / self.file
        self.text = txt.read_text(encoding="utf-8") if txt.exists() else None

    def sections(self) -> dict[str, str]:
        """Canonical section number -> text, split on the six headings (matched by meaning words)."""
        if self.text is None:
            raise Unusable(f"{self.file}: no text available")
        out: dict[str, list[str]] = {}
        cur = None
        for line in self.text.splitlines():
            head = line.strip().lstrip("#").strip().strip("*").strip()
            m = re.match(r"^([一二三四五六])、(.*)$", head)
            if m and SECTION_WORDS[m.group(1)] in m.group(2):
                cur = m.group(1)
            if cur:
                out.setdefault(cur, []).append(line)
        return {k: "\n".join(v) for k, v in out.items()}


REPORTS = [Report(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(GOLD.glob("*.json"))]
BY_FILE = {r.file: r for r in REPORTS}
F0, F1, F2, F3, F4 = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                      "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"


def rep(f: str) -> Report:
    return BY_FILE[f]


def where(pred) -> list[Report]:
    return [r for r in REPORTS if pred(r)]


def bureaus():      return where(lambda r: r.agency.endswith("统计局"))
def with_proc():    return where(lambda r: (r.facts.get("active.procurement.amount") or {}).get("state") == "number")
def in_year(*ys):   return where(lambda r: r.year in ys)
def by_agency(s):   return where(lambda r: s in r.agency)


# ----------------------------------------------------------------------------------------------- a case
class Ctx:
    """Collects the cites of one case while its answer is computed."""

    def __init__(self):
        self.cite: list[str] = []

    def _add(self, c: str):
        if c not in self.cite:
            self.cite.append(c)

    def v(self, r, key: str) -> float:
        r = rep(r) if isinstance(r, str) else r
        fact = r.facts.get(key)
        if fact is None or fact.get("state") != "number":
            raise Unusable(f"{r.file}#{key}: state {fact and fact.get('state')}")
        self._add(f"{r.file}#{key}")
        return fact["value"]

    def bare(self, r):
        r = rep(r) if isinstance(r, str) else r
        self._add(r.file)

    def narrative(self, f: str, snippet: str) -> float:
        """A prose figure: the gold narrative entry containing `snippet` (and, for a sample, the text)."""
        r = rep(f)
        hits = [n for n in r.narr if snippet in n["text"]]
        if len(hits) != 1:
            raise Unusable(f"{f}: narrative {snippet!r} found {len(hits)} times in gold")
        if r.text is not None and hits[0]["text"].replace(" ", "") not in r.text.replace(" ", ""):
            raise Unusable(f"{f}: narrative {hits[0]['text']!r} not in the sample text")
        self.bare(r)
        return hits[0]["value"]

    # -- expect builders
    @staticmethod
    def num(v, unit="count"):
        return {"kind": "number", "value": float(v), "unit": unit}

    @staticmethod
    def agency(name):
        return {"kind": "agency", "value": name}

    @staticmethod
    def lst(values, ordered=False):
        return {"kind": "list", "values": list(values), "ordered": ordered}

    @staticmethod
    def yes(b):
        return {"kind": "boolean", "value": bool(b)}

    def passage(self, f: str, section: str, anchor: str):
        secs = rep(f).sections()
        if anchor not in secs.get(section, ""):
            found = [k for k, t in secs.items() if anchor in t]
            raise Unusable(f"{f}: anchor {anchor!r} not in section {section} (found in {found})")
        self.bare(f)
        return {"kind": "passages", "files": [f], "sections": [section]}

    @staticmethod
    def refuse(reason_ok: bool, why: str):
        if not reason_ok:
            raise Unusable(f"refusal premise does not hold: {why}")
        return {"kind": "unanswerable"}


def pct(a, b):
    return 100.0 * a / b


def change_pct(old, new):
    return 100.0 * (new - old) / old


def ranked(ctx, reports, key_fn, reverse=True):
    """Reports sorted by key_fn(ctx, r); refuses ties between neighbours that decide the answer."""
    vals = [(key_fn(ctx, r), r) for r in reports]
    vals.sort(key=lambda x: x[0], reverse=reverse)
    return vals


def strict_top(vals, n=1):
    for i in range(n):
        if i + 1 < len(vals) and vals[i][0] == vals[i + 1][0]:
            raise Unusable(f"tie at rank {i + 1}")
    return [r for _, r in vals[:n]]


def review_check(ctx, f, record_all):
    """R4 for one report: the failing groups (cells cited: failing groups, or all when none fails)."""
    r = rep(f)
    bad = []
    for g in REVIEW_GROUPS:
        parts = sum(r.facts[f"review.{g}.{p}"]["value"] for p in REVIEW_PARTS)
        if parts != r.facts[f"review.{g}.total"]["value"]:
            bad.append(g)
    for g in (bad if bad else REVIEW_GROUPS) if not record_all else REVIEW_GROUPS:
        for p in REVIEW_PARTS + ["total"]:
            ctx.v(r, f"review.{g}.{p}")
    return bad


def r1(ctx, f, col):
    return (ctx.v(f, f"requests.new.{col}") + ctx.v(f, f"requests.carried_in.{col}")
            == ctx.v(f, f"requests.handled.{col}") + ctx.v(f, f"requests.carried_out.{col}"))


def mentions(reports, term):
    for r in reports:
        if r.text is None:
            raise Unusable(f"{r.file}: no text to search for {term!r}")
    return [r for r in reports if term in r.text]


# ----------------------------------------------------------------------------------------------- the 120
CASES = {}


def case(n):
    def deco(fn):
        CASES[f"h27-{n:03d}"] = fn
        return fn
    return deco


# lookups
@case(1)
def _(c): return c.num(c.v(H3, "active.coercion.decisions"))
@case(2)
def _(c): return c.num(c.v(H4, "active.coercion.decisions"))
@case(3)
def _(c): return c.num(c.v(H4, "active.fees.amount"), "yuan")
@case(4)
def _(c): return c.num(c.v(H3, "active.fees.amount"), "yuan")
@case(5)
def _(c): return c.yes(c.v(H4, "active.normative.issued") == 3)
@case(6)
def _(c): return c.num(c.v(H4, "active.normative.in_force"))
@case(7)
def _(c): return c.num(c.v(F1, "active.penalty.prev_items"))
@case(8)
def _(c): return c.num(c.v(F3, "active.procurement.projects"))
@case(9)
def _(c): return c.num(c.v(F2, "active.penalty.prev_items"))
@case(10)
def _(c): return c.num(c.v(H4, "requests.unavailable_not_held.total"))
@case(11)
def _(c): return c.num(c.v(H3, "requests.withheld_secret.total"))
@case(12)
def _(c): return c.num(c.v(H3, "requests.partial.total"))
@case(13)
def _(c): return c.num(c.v(H4, "requests.declined_complaint.total"))
@case(14)
def _(c): return c.num(c.v(H4, "review.lawsuit_after_review.total"))
@case(15)
def _(c): return c.num(c.v(H4, "review.reconsideration.corrected"))
@case(16)
def _(c): return c.num(c.v(H4, "active.licensing.decisions"))
@case(17)
def _(c): return c.num(c.v(H3, "active.normative.repealed"))


# narrative figures
@case(18)
def _(c): return c.num(c.narrative(F0, "本年度共发布各类信息"))
@case(19)
def _(c): return c.num(c.narrative(F2, "官方微博"))
@case(20)
def _(c): return c.num(c.narrative(F2, "罚款总额"), "yuan")
@case(21)
def _(c): return c.num(c.narrative(F3, "全年主动公开政府信息"))
@case(22)
def _(c): return c.num(c.narrative(H4, "主动发布各类政府信息"))
@case(23)
def _(c): return c.num(change_pct(c.narrative(H3, "主动公开政府信息"), c.narrative(H4, "主动发布各类政府信息")), "percent")
@case(24)
def _(c): return c.num(c.narrative(H4, "政府常务会议"))
@case(25)
def _(c): return c.yes(c.narrative(F2, "立案查处") == c.v(F2, "active.penalty.decisions"))
@case(26)
def _(c): return c.yes(c.narrative(H4, "受理政府信息公开申请") == c.v(H4, "requests.new.total"))
@case(27)
def _(c): return c.num(c.narrative(H3, "信息处理费"), "yuan")


# sums
@case(28)
def _(c): return c.num(sum(c.v(f, "active.penalty.decisions") for f in (H3, H4)))
@case(29)
def _(c): return c.num(sum(c.v(r, "requests.new.total") for r in by_agency("洪泽区")))
@case(30)
def _(c): return c.num(sum(c.v(r, "active.procurement.projects") for r in in_year(2020) if r.province == "福建省"))
@case(31)
def _(c): return c.num(sum(c.v(r, "active.procurement.amount") for r in bureaus() if r.province == "浙江省"), "yuan")
@case(32)
def _(c): return c.num(sum(c.v(r, "active.penalty.decisions") for r in bureaus() if r.province == "浙江省"))
@case(33)
def _(c): return c.num(sum(c.v(f, "active.fees.amount") for f in (H3, H4)), "yuan")
@case(34)
def _(c): return c.num(sum(c.v(r, "active.penalty.prev_items") for r in bureaus()))
@case(35)
def _(c): return c.num(sum(c.v(r, "requests.new.total") for r in in_year(2019, 2020)))
@case(36)
def _(c): return c.num(sum(c.v(H4, f"requests.{k}.total") for k in WITHHELD))
@case(37)
def _(c): return c.num(sum(c.v(H3, f"requests.{k}.total") for k in UNAVAIL))


# comparisons
@case(38)
def _(c): return c.num(c.v(H3, "active.penalty.decisions") - c.v(H4, "active.penalty.decisions"))
@case(39)
def _(c): return c.num(change_pct(c.v(H3, "active.licensing.decisions"), c.v(H4, "active.licensing.decisions")), "percent")
@case(40)
def _(c): return c.num(change_pct(c.v(H3, "requests.new.total"), c.v(H4, "requests.new.total")), "percent")
@case(41)
def _(c): return c.num(c.v(H3, "active.fees.amount") - c.v(H4, "active.fees.amount"), "yuan")
@case(42)
def _(c): return c.num(abs(c.v(F0, "active.procurement.amount") - c.v(F3, "active.procurement.amount")), "yuan")
@case(43)
def _(c):
    a, b = c.v(F4, "active.procurement.amount"), c.v(F1, "active.procurement.amount")
    return c.agency(rep(F1).agency if b > a else rep(F4).agency)
@case(44)
def _(c): return c.num(c.v(F1, "active.penalty.decisions") - c.v(F2, "active.penalty.decisions"))
@case(45)
def _(c): return c.yes(c.v(H4, "requests.new.total") > 4 * c.v(H3, "requests.new.total"))
@case(46)
def _(c): return c.yes(c.v(F3, "requests.new.total") > c.v(F0, "requests.new.total") + c.v(F1, "requests.new.total"))
@case(47)
def _(c):
    yz = c.v(F2, "active.procurement.amount") / c.v(F2, "active.procurement.projects")
    lc = c.v(F1, "active.procurement.amount") / c.v(F1, "active.procurement.projects")
    return c.num(yz - lc, "yuan")
@case(48)
def _(c): return c.num(c.v(F1, "active.procurement.projects") - c.v(F0, "active.procurement.projects"))
@case(49)
def _(c): return c.num(change_pct(c.v(H3, "active.coercion.decisions"), c.v(H4, "active.coercion.decisions")), "percent")
@case(50)
def _(c): return c.lst([c.v(F1, "active.penalty.decisions"), c.v(F2, "active.penalty.decisions")], True)


# rankings
def _agency_totals(c, reports, key):
    tot: dict[str, float] = {}
    for r in reports:
        tot[r.agency] = tot.get(r.agency, 0) + c.v(r, key)
    return sorted(tot.items(), key=lambda kv: kv[1], reverse=True)


@case(51)
def _(c):
    per_report = strict_top(ranked(c, REPORTS, lambda c, r: c.v(r, "active.penalty.decisions")))[0]
    per_agency = _agency_totals(c, REPORTS, "active.penalty.decisions")[0][0]
    assert per_report.agency == per_agency  # the answer is the same whichever way it is read
    return c.agency(per_agency)
@case(52)
def _(c): return c.agency(strict_top(ranked(c, bureaus(), lambda c, r: c.v(r, "active.penalty.decisions")), 2)[1].agency)
@case(53)
def _(c): return c.lst([r.agency for r in strict_top(ranked(c, with_proc(), lambda c, r: c.v(r, "active.procurement.amount")), 3)], True)
@case(54)
def _(c): return c.agency(strict_top(ranked(c, with_proc(), lambda c, r: c.v(r, "active.procurement.projects"), reverse=False))[0].agency)
def _per_project(c, r): return c.v(r, "active.procurement.amount") / c.v(r, "active.procurement.projects")
@case(55)
def _(c): return c.agency(strict_top(ranked(c, with_proc(), _per_project))[0].agency)
@case(56)
def _(c):
    tot: dict[str, float] = {}
    for r in with_proc():
        tot[r.province] = tot.get(r.province, 0) + c.v(r, "active.procurement.amount")
    order = sorted(tot, key=lambda p: tot[p], reverse=True)
    assert set(order) == {"浙江省", "福建省", "河南省"} and len(set(tot.values())) == 3
    return c.lst(order, True)
@case(57)
def _(c):
    vals = ranked(c, [r for r in with_proc() if r.year == 2020], lambda c, r: c.v(r, "active.procurement.projects"))
    return c.lst([r.agency for r in strict_top(vals, len(vals) - 1)] + [vals[-1][1].agency], True)
@case(58)
def _(c): return c.agency(_agency_totals(c, REPORTS, "requests.handled.total")[0][0])
@case(59)
def _(c): return c.agency(strict_top(ranked(c, with_proc(), _per_project, reverse=False))[0].agency)
@case(60)
def _(c):
    tot: dict[str, float] = {}
    for r in in_year(2020):
        tot[r.province] = tot.get(r.province, 0) + c.v(r, "requests.new.total")
    assert set(tot) == {"浙江省", "福建省", "河南省"} and len(set(tot.values())) == 3
    return c.lst(sorted(tot, key=lambda p: tot[p], reverse=True), True)


# thresholds
@case(61)
def _(c): return c.num(sum(1 for r in with_proc() if c.v(r, "active.procurement.amount") > 10 * 10000))
@case(62)
def _(c): return c.num(sum(1 for r in with_proc() if c.v(r, "active.procurement.amount") < 80000))
@case(63)
def _(c): return c.num(sum(1 for r in REPORTS if c.v(r, "active.penalty.decisions") > 5))
@case(64)
def _(c): return c.num(sum(1 for r in REPORTS if c.v(r, "active.penalty.decisions") >= 1))
@case(65)
def _(c): return c.num(sum(1 for r in with_proc() if c.v(r, "active.procurement.projects") > 10))
@case(66)
def _(c):
    assert len(REPORTS) == 7
    return c.num(sum(1 for r in REPORTS if c.v(r, "requests.new.total") == 0))


# averages / medians
@case(67)
def _(c): return c.num(statistics.mean(c.v(r, "active.procurement.amount") for r in with_proc() if r.year == 2020), "yuan")
@case(68)
def _(c): return c.num(statistics.median(c.v(r, "active.procurement.amount") for r in with_proc()), "yuan")
@case(69)
def _(c): return c.num(statistics.mean(c.v(f, "active.licensing.decisions") for f in (H3, H4)))
@case(70)
def _(c): return c.num(statistics.mean(c.v(r, "requests.new.total") for r in bureaus()))
@case(71)
def _(c): return c.num(statistics.median(c.v(r, "active.penalty.decisions") for r in in_year(2019, 2020)))
@case(72)
def _(c):
    amount = sum(c.v(r, "active.procurement.amount") for r in with_proc())
    projects = sum(c.v(r, "active.procurement.projects") for r in with_proc())
    return c.num(amount / projects, "yuan")


# shares / ratios
@case(73)
def _(c): return c.num(pct(c.v(H4, "requests.granted.total"), c.v(H4, "requests.handled.total")), "percent")
@case(74)
def _(c): return c.num(pct(sum(c.v(H3, f"requests.{k}.total") for k in UNAVAIL), c.v(H3, "requests.handled.total")), "percent")
@case(75)
def _(c):
    total = sum(c.v(r, "active.procurement.amount") for r in with_proc())
    return c.num(pct(c.v(F2, "active.procurement.amount"), total), "percent")
@case(76)
def _(c): return c.num(pct(c.v(H3, "requests.partial.total"), c.v(H3, "requests.new.total")), "percent")
@case(77)
def _(c): return c.num(pct(c.v(H4, "review.reconsideration.upheld"), c.v(H4, "review.reconsideration.total")), "percent")
@case(78)
def _(c):
    up = c.v(H4, "review.lawsuit_direct.upheld") + c.v(H4, "review.lawsuit_after_review.upheld")
    tot = c.v(H4, "review.lawsuit_direct.total") + c.v(H4, "review.lawsuit_after_review.total")
    return c.num(pct(up, tot), "percent")
@case(79)
def _(c):
    reps = [r for r in with_proc() if r.year == 2020]
    return c.num(pct(c.v(F1, "active.procurement.projects"), sum(c.v(r, "active.procurement.projects") for r in reps)), "percent")


# balance / consistency
@case(80)
def _(c): return c.yes(not review_check(c, H3, record_all=False))
@case(81)
def _(c): return c.yes(not review_check(c, H4, record_all=False))
@case(82)
def _(c): return c.yes(r1(c, F1, "total"))
@case(83)
def _(c):
    rows = ["granted", "partial"] + WITHHELD + UNAVAIL + DECLINED + ["other"]
    assert rep(H4).facts["requests.other_misc.total"]["state"] == "absent"  # the report prints one 其他处理 row
    return c.yes(sum(c.v(H4, f"requests.{k}.total") for k in rows) == c.v(H4, "requests.handled.total"))
@case(84)
def _(c): return c.yes(r1(c, F3, "person"))
@case(85)
def _(c):
    failing = []
    for r in REPORTS:
        probe = Ctx()
        if review_check(probe, r.file, record_all=False):
            failing.append(r.agency)
            for x in probe.cite:
                c._add(x)
    return c.lst(sorted(set(failing)))
@case(86)
def _(c): return c.yes(c.v(F1, "active.penalty.prev_items") + c.v(F1, "active.penalty.change") == c.v(F1, "active.penalty.decisions"))
@case(87)
def _(c): return c.yes(c.v(F0, "active.penalty.prev_items") + c.v(F0, "active.penalty.change") == c.v(F0, "active.penalty.decisions"))


# passages
@case(88)
def _(c): return c.passage(F2, "五", "信息公开范围单一")
@case(89)
def _(c): return c.passage(F4, "一", "与目标考核相结合")
@case(90)
def _(c): return c.passage(F3, "一", "全年未发生责任追究情况")
@case(91)
def _(c): return c.passage(F0, "五", "办公室定期组织各科室自查")
@case(92)
def _(c): return c.passage(F2, "二", "12·4宪法宣传日宏泰广场普法宣传")
@case(93)
def _(c): return c.passage(F1, "一", "政府信息公开工作领导小组")
@case(94)
def _(c): return c.passage(F3, "一", "对因新冠肺炎疫情防控工作需要收集的个人信息")
@case(95)
def _(c): return c.passage(F0, "六", "暂无其他需要报告的事项")
@case(96)
def _(c): return c.passage(F4, "五", "“急务”即时公开")
@case(97)
def _(c): return c.passage(F2, "一", "先审查、后公开")


# "which reports mention …" (scoped to reports whose text is available)
@case(98)
def _(c):
    hits = [r for r in mentions(in_year(2020), "律师") if "授课" in r.text]
    for r in hits:
        c.bare(r)
    return c.lst([r.agency for r in hits])
@case(99)
def _(c):
    hits = mentions(bureaus(), "统计开放日")
    for r in hits:
        c.bare(r)
    return c.lst([r.agency for r in hits])


# metadata (no cells cited)
@case(100)
def _(c):
    dated = sorted((r.published, r.agency) for r in REPORTS if r.published)
    assert dated[0][0] != dated[1][0]
    return c.agency(dated[0][1])
@case(101)
def _(c): return c.lst(sorted({r.year for r in REPORTS}))
@case(102)
def _(c): return c.num(sum(1 for r in REPORTS if r.template == "2021"))
@case(103)
def _(c):
    gov = {r.agency for r in REPORTS if r.kind == "government"}
    assert len(gov) == 1
    return c.agency(gov.pop())
@case(104)
def _(c): return c.yes(by_agency("鄞州区统计局")[0].city == "宁波市")
@case(105)
def _(c):
    r = by_agency("温泉街道")[0]
    return c.num((_dt.date.fromisoformat(r.published) - _dt.date(r.year, 12, 31)).days)
@case(106)
def _(c): return c.lst(sorted({r.year for r in REPORTS if r.province == "江苏省"}))


# refusals: the premise of each refusal is checked against the store
@case(107)
def _(c): return c.refuse(not where(lambda r: r.city == "南京市"), "a 南京市 report exists")
@case(108)
def _(c):
    r = rep(H4)
    fact = r.facts.get("active.procurement.amount")
    return c.refuse(r.template == "2021" and (fact is None or fact["state"] == "absent"), "procurement cell present")
@case(109)
def _(c): return c.refuse(by_agency("鄞州区统计局") and not [r for r in by_agency("鄞州区统计局") if r.year == 2020], "鄞州 2020 present")
@case(110)
def _(c): return c.refuse(not where(lambda r: "发展和改革" in r.agency or "发改" in r.agency), "a 发改委 report exists")
@case(111)
def _(c): return c.refuse(by_agency("洪泽区") and not [r for r in by_agency("洪泽区") if r.year == 2022], "洪泽 2022 present")
@case(112)
def _(c):
    text = rep(F1).text
    return c.refuse(all(t not in text for t in ("可支配收入", "人均", "收入")), "income mentioned in the 鹿城 report")
@case(113)
def _(c): return c.refuse(rep(F3).facts["requests.carried_out.total"]["state"] == "blank", "cell not blank")
@case(114)
def _(c): return c.refuse(not where(lambda r: "卫生健康" in r.agency or "卫健" in r.agency), "a 卫健 report exists")
@case(115)
def _(c): return c.refuse(by_agency("二七区统计局") and not [r for r in by_agency("二七区统计局") if r.year == 2021], "二七 2021 present")


# follow-ups (the earlier turn fixes the agency / year)
@case(116)
def _(c): return c.num(c.v(H4, "requests.new.total"))
@case(117)
def _(c):
    probe = Ctx()
    top = strict_top(ranked(probe, bureaus(), lambda p, r: p.v(r, "active.penalty.decisions")))[0]
    return c.num(c.v(top, "active.procurement.amount"), "yuan")
@case(118)
def _(c): return c.num(c.v(F2, "active.procurement.amount") / c.v(F2, "active.procurement.projects"), "yuan")
@case(119)
def _(c): return c.num(c.v(F3, "requests.unavailable_not_held.total"))
@case(120)
def _(c): return c.num(c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions"))


# ----------------------------------------------------------------------------------------------- compare
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
EXPECT_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values", "ordered"},
                 "boolean": {"value"}, "passages": {"files", "sections"}, "unanswerable": set()}


def derived_tags(cite: list[str]) -> set[str]:
    tags = set()
    years = set()
    for cstr in cite:
        f, _, key = cstr.partition("#")
        r = BY_FILE[f]
        years.add(r.year)
        if key and r.facts[key].get("unit_assumed"):
            tags.add("guessed_unit")
    if len(years) > 1:
        tags.add("mixed_years")
    return tags


def shape_problems(d: dict) -> list[str]:
    """The loader's rules (eval/dataset.py), restated with the stdlib."""
    p = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        p.append(f"unknown fields {sorted(extra)}")
    if not str(d.get("question", "")).strip():
        p.append("blank question")
    if not isinstance(d.get("turns", []), list) or not all(isinstance(t, str) and t.strip() for t in d.get("turns", [])):
        p.append("bad turns")
    e = d.get("expect", {})
    kind = e.get("kind")
    if kind not in EXPECT_FIELDS:
        p.append(f"bad kind {kind!r}")
    else:
        missing = EXPECT_FIELDS[kind] - set(e) - ({"ordered"} if kind == "list" else set())
        if missing:
            p.append(f"expect misses {sorted(missing)}")
        if kind == "number" and e.get("unit") not in ("count", "yuan", "percent"):
            p.append("bad unit")
        if kind in ("boolean",) and not isinstance(e.get("value"), bool):
            p.append("boolean value not a bool")
        if kind == "list" and not isinstance(e.get("ordered", False), bool):
            p.append("ordered not a bool")
        if kind == "passages" and (not e.get("files") or not set(e.get("sections", [])) <= set("一二三四五六")
                                   or not e.get("sections")):
            p.append("bad passages expect")
    bad = [x for x in d.get("cite", []) if not _CITE.match(x)]
    if bad:
        p.append(f"bad cite {bad[0]!r}")
    return p


def same_expect(got: dict, want: dict) -> bool:
    g = {k: v for k, v in got.items() if k != "note"}
    if g.get("kind") != want["kind"]:
        return False
    k = want["kind"]
    if k == "number":
        # the JSONL keeps at most 4 decimals: equal when within 0.0001 (far inside the harness 0.5 %)
        return g["unit"] == want["unit"] and abs(float(g["value"]) - want["value"]) <= 1e-4 + 1e-9 * abs(want["value"])
    if k == "list":
        gv, wv = g["values"], want["values"]
        norm = lambda xs: [float(x) if isinstance(x, (int, float)) else x for x in xs]
        gv, wv = norm(gv), norm(wv)
        if g.get("ordered", False) != want["ordered"]:
            return False
        return gv == wv if want["ordered"] else sorted(map(str, gv)) == sorted(map(str, wv))
    if k == "unanswerable":
        return True
    return all(g.get(f) == want[f] for f in EXPECT_FIELDS[k])


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    lines = [json.loads(l) for l in JSONL.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    by_id = {d["id"]: d for d in lines}
    problems: list[str] = []
    if len(lines) != N_CASES or len(by_id) != N_CASES:
        problems.append(f"expected {N_CASES} unique cases, found {len(lines)} lines / {len(by_id)} ids")
    if [d["id"] for d in lines] != [f"h27-{i:03d}" for i in range(1, N_CASES + 1)]:
        problems.append("ids are not h27-001 … h27-120 in order")
    langs = {"zh": 0, "en": 0}
    kinds: dict[str, int] = {}
    ok = 0
    for cid, fn in sorted(CASES.items()):
        d = by_id.get(cid)
        if d is None:
            problems.append(f"{cid}: missing from the JSONL")
            continue
        ctx = Ctx()
        errs = shape_problems(d)
        try:
            want = fn(ctx)
        except (Unusable, AssertionError) as e:
            errs.append(f"recomputation failed: {e}")
            want = None
        lang = [t for t in d.get("tags", []) if t in ("zh", "en")]
        if len(lang) != 1:
            errs.append(f"language tags {lang}")
        else:
            langs[lang[0]] += 1
            has_cjk = bool(re.search(r"[\u4e00-\u9fff]", d["question"]))
            if lang[0] == "en" and not re.search(r"[A-Za-z]{4,}", d["question"]):
                errs.append("tagged en but has no English words")
            if lang[0] == "zh" and not has_cjk:
                errs.append("tagged zh but has no Chinese")
        if want is not None:
            kinds[want["kind"]] = kinds.get(want["kind"], 0) + 1
            if not same_expect(d["expect"], want):
                errs.append(f"expect {json.dumps(d['expect'], ensure_ascii=False)} != recomputed {json.dumps(want, ensure_ascii=False)}")
            if sorted(d.get("cite", [])) != sorted(ctx.cite) or len(set(d.get("cite", []))) != len(d.get("cite", [])):
                errs.append(f"cite {d.get('cite')} != recomputed {ctx.cite}")
            derived = derived_tags(ctx.cite)
            tags = set(d.get("tags", []))
            for t in ("guessed_unit", "mixed_years"):
                if (t in derived) != (t in tags):
                    errs.append(f"tag {t}: recomputed {'present' if t in derived else 'absent'}, JSONL {'present' if t in tags else 'absent'}")
            if want["kind"] == "unanswerable" and d.get("cite"):
                errs.append("a refusal cites cells")
        if verbose:
            shown = dict(want or {})
            print(f"{cid} [{','.join(lang)}] {d['question']}")
            if d.get("turns"):
                print(f"    turns: {d['turns']}")
            print(f"    -> {json.dumps(shown, ensure_ascii=False)}")
            print(f"    cite: {ctx.cite}  tags+: {sorted(derived_tags(ctx.cite)) if want else '-'}")
        if errs:
            problems.extend(f"{cid}: {e}" for e in errs)
        else:
            ok += 1
    if langs != {"zh": 60, "en": 60}:
        problems.append(f"language mix {langs}, expected 60/60")
    for p in problems:
        print("MISMATCH", p)
    kind_s = ", ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
    print(f"SUMMARY: {ok}/{N_CASES} cases match; kinds: {kind_s}; zh={langs['zh']} en={langs['en']}; "
          f"{len(problems)} problem(s)")
    return 0 if ok == N_CASES and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
