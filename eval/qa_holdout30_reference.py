#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout30.jsonl, recomputed from the hand-checked gold facts.

Stdlib only; run it with the system python3:

    python3 eval/qa_holdout30_reference.py        # compare, print mismatches and a SUMMARY line
    python3 eval/qa_holdout30_reference.py -v     # also print every recomputed answer

Inputs (nothing else is read):
  tests/fixtures/gold/*.json   every cell of the seven reports (state, value, unit, raw), narrative
                               numbers, metadata (agency, region, year, template, published)
  data/samples/*.txt           the five sample texts, for the passage cases (split into the six sections)
  eval/qa_holdout30.jsonl      the cases being checked

Conventions (see eval/QA_HOLDOUT30.md):
  * only cells in state "number" are values; blank / absent / unreadable cells are never 0;
  * a cell that takes part in a failed balance equation (R1-R4) is unusable, except in the cases
    that are about that failure (allow_failed=True below);
  * money is in yuan (the gold stores yuan; 万元 cells were converted by the gold);
  * every cell an answer uses is cited ("<report file>#<table.row.col>"), a narrative figure,
    a passage or a metadata field cites the bare report file;
  * tag guessed_unit  <=> some cited cell carries unit_assumed;
    tag mixed_years   <=> the cited reports (cells or bare files) span more than one report year;
  * the Hongze PDFs carry no agency_kind: it is inferred from the name (人民政府 -> government).
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
JSONL = ROOT / "eval" / "qa_holdout30.jsonl"

SECTION_NUMS = ("一", "二", "三", "四", "五", "六")
SECTION_WORDS = ("总体情况", "主动公开政府信息", "收到和处理", "行政复议", "存在的主要问题", "其他需要报告")
COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")
OUTCOME_ROWS = ("granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
                "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation",
                "other", "other_no_correction", "other_no_fee", "other_misc")
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
UNAVAILABLE = [r for r in OUTCOME_ROWS if r.startswith("unavailable_")]
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_COLS = ("upheld", "corrected", "other", "pending")


class NoValue(Exception):
    """The cell is not a usable number (blank, absent, unreadable, missing, or in a failed equation)."""


# --------------------------------------------------------------------------------------------- reports
class Report:
    def __init__(self, path: Path):
        self.d = json.loads(path.read_text(encoding="utf-8"))
        self.file = Path(self.d["file"]).name          # cite form: the report file's base name
        self.agency = self.d["agency"]
        self.year = self.d["year"]
        self.template = self.d["template"]
        self.published = self.d.get("published")
        self.facts = self.d["facts"]
        kind = self.d.get("agency_kind")
        if not kind:                                     # Hongze PDFs: infer from the name
            if self.agency.endswith("人民政府") or self.agency.endswith("办公厅"):
                kind = "government"
            elif self.agency.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
                kind = "street_office"
            else:
                kind = "department"
        self.kind = kind
        self.text = None
        sample = SAMPLES / self.file
        if sample.exists():
            self.text = sample.read_text(encoding="utf-8")
        self.unusable = self._failed_cells()

    def num(self, key):
        f = self.facts.get(key)
        if f is None or f.get("state") != "number":
            return None
        return f["value"]

    def _failed_cells(self) -> set:
        """Cells of every balance equation (R1-R4) that is fully printed and does not hold."""
        bad = set()

        def check(lhs, rhs):
            vals = [self.num(k) for k in lhs + rhs]
            if any(v is None for v in vals):
                return                                   # not checkable (blank / absent): no failure
            if abs(sum(vals[:len(lhs)]) - sum(vals[len(lhs):])) > 1e-9:
                bad.update(lhs + rhs)

        for col in COLS + ("total",):
            check([f"requests.new.{col}", f"requests.carried_in.{col}"],
                  [f"requests.handled.{col}", f"requests.carried_out.{col}"])                         # R1
            rows = [f"requests.{r}.{col}" for r in OUTCOME_ROWS
                    if self.facts.get(f"requests.{r}.{col}", {}).get("state") == "number"]
            check([f"requests.handled.{col}"], rows)                                                 # R2
        rows = sorted({k.split(".")[1] for k in self.facts if k.startswith("requests.")})
        for row in rows:
            if self.facts.get(f"requests.{row}.total", {}).get("state") == "absent":
                continue
            check([f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS])                   # R3
        for g in REVIEW_GROUPS:
            check([f"review.{g}.total"], [f"review.{g}.{c}" for c in REVIEW_COLS])                    # R4
        return bad

    def sections(self) -> dict:
        """Sample text split into the six canonical sections (heading matched by number + meaning)."""
        out, cur = {}, None
        for line in self.text.splitlines():
            if not line.startswith(("\t", "|", " ")):
                s = line.strip().lstrip("#").strip().strip("*").strip()
                m = re.match(r"^([一二三四五六])、(.*)$", s)
                if m and any(w in m.group(2) for w in SECTION_WORDS):
                    cur = m.group(1)
                    out.setdefault(cur, [])
                    continue
            if cur:
                out[cur].append(line)
        return {k: "\n".join(v) for k, v in out.items()}


REPORTS = {p.stem: Report(p) for p in sorted(GOLD.glob("*.json"))}
R = {  # short names used below
    "gulou": REPORTS["000_2133ae744f48d674"], "lucheng": REPORTS["001_19df74b8cb7281a4"],
    "yinzhou": REPORTS["002_c42cd15df52a6935"], "wenquan": REPORTS["003_acfa5b9243423631"],
    "erqi": REPORTS["004_5206fb2196a31c52"], "hz23": REPORTS["hongze-qu-gov-2023"],
    "hz24": REPORTS["hongze-qu-gov-2024"],
}
ALL = list(R.values())


def find(agency_part: str, year: int | None = None) -> list:
    return [r for r in ALL if agency_part in r.agency and (year is None or r.year == year)]


def one(agency_part: str, year: int | None = None) -> Report:
    rs = find(agency_part, year)
    assert len(rs) == 1, (agency_part, year, [r.file for r in rs])
    return rs[0]


# --------------------------------------------------------------------------------------------- context
class Ctx:
    """Collects the cells and files an answer uses."""

    def __init__(self):
        self.cites: list = []
        self.reports: list = []
        self.guessed = False

    def _use(self, r: Report, cite: str):
        if cite not in self.cites:
            self.cites.append(cite)
        if r not in self.reports:
            self.reports.append(r)

    def cell(self, r: Report, key: str, allow_failed: bool = False):
        f = r.facts.get(key)
        if f is None or f.get("state") != "number":
            raise NoValue(f"{r.file}#{key}: state {f and f.get('state')}")
        if key in r.unusable and not allow_failed:
            raise NoValue(f"{r.file}#{key}: in a failed balance equation")
        self._use(r, f"{r.file}#{key}")
        if f.get("unit_assumed"):
            self.guessed = True
        return f["value"]

    def maybe(self, r: Report, key: str):
        try:
            return self.cell(r, key)
        except NoValue:
            return None

    def file(self, r: Report):
        self._use(r, r.file)

    def narrative(self, r: Report, text_part: str):
        hits = [n for n in r.d.get("narrative_numbers", []) if text_part in n["text"]]
        assert len(hits) == 1, (r.file, text_part, hits)
        if r.text is not None:
            assert hits[0]["text"].replace(" ", "") in r.text.replace(" ", ""), (r.file, hits[0]["text"])
        self.file(r)
        return hits[0]["value"]

    def narrative_entry(self, r: Report, text_part: str) -> dict:
        hits = [n for n in r.d.get("narrative_numbers", []) if text_part in n["text"]]
        assert len(hits) == 1, (r.file, text_part, hits)
        self.file(r)
        return hits[0]

    def passages(self, keyword: str, reports=None) -> dict:
        files, secs = [], []
        for r in (reports or ALL):
            if r.text is None:
                continue
            for sec, body in r.sections().items():
                if keyword in body:
                    self.file(r)
                    if r.file not in files:
                        files.append(r.file)
                    if sec not in secs:
                        secs.append(sec)
        assert files, keyword
        return {"kind": "passages", "files": files, "sections": sorted(secs, key=SECTION_NUMS.index)}

    @property
    def mixed_years(self) -> bool:
        return len({r.year for r in self.reports}) > 1


def number(v, unit="count"):
    return {"kind": "number", "value": round(float(v), 2), "unit": unit}


def pct(part, whole):
    return number(100.0 * part / whole, "percent")


def agency(r: Report):
    return {"kind": "agency", "value": r.agency}


def listing(values, ordered=False):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def unanswerable(note):
    return {"kind": "unanswerable", "note": note}


def unique_agencies(reports):
    out = []
    for r in reports:
        if r.agency not in out:
            out.append(r.agency)
    return out


def ranked(ctx, reports, value_of, reverse=True, need=1):
    """[(report, value)] of the reports with a usable value, sorted; asserts that none of the first
    `need` positions is tied with any other report (so the answer is unique)."""
    rows = []
    for r in reports:
        try:
            rows.append((r, value_of(r)))
        except NoValue:
            pass
    rows.sort(key=lambda t: t[1], reverse=reverse)
    vals = [v for _, v in rows]
    for i in range(min(need, len(vals))):
        assert vals.count(vals[i]) == 1, f"tie at position {i + 1}: {vals}"
    return rows


def with_procurement():
    return [r for r in ALL if r.facts.get("active.procurement.amount", {}).get("state") == "number"]


def y(year):
    return [r for r in ALL if r.year == year]


PA, PP, NT, PD = "active.procurement.amount", "active.procurement.projects", "requests.new.total", "active.penalty.decisions"
CASES = {}


def case(cid):
    def deco(fn):
        CASES[cid] = fn
        return fn
    return deco


# --------------------------------------------------------------------------------------------- cases
@case("h30-001")
def _(c): return number(c.cell(one("温泉"), "requests.unavailable_not_held.total"))
@case("h30-002")
def _(c): return number(c.cell(one("洪泽", 2024), "active.coercion.decisions"))
@case("h30-003")
def _(c):
    r = one("洪泽", 2023)
    assert r.facts["active.fees.amount"]["unit_printed"] == "万元"
    return number(c.cell(r, "active.fees.amount"), "yuan")
@case("h30-004")
def _(c): return number(c.cell(one("洪泽", 2024), "active.normative.in_force"))
@case("h30-005")
def _(c): return number(c.cell(one("鄞州", 2019), PA), "yuan")
@case("h30-006")
def _(c): return number(c.cell(one("二七", 2020), PA), "yuan")
@case("h30-007")
def _(c): return number(c.cell(one("洪泽", 2024), "requests.unavailable_not_held.total"))
@case("h30-008")
def _(c): return number(c.cell(one("洪泽", 2023), "requests.withheld_process.total"))


@case("h30-009")
def _(c):
    return number(sum(c.cell(r, PP) for r in y(2020) if r.d["province"] == "福建省"))
@case("h30-010")
def _(c): return number(sum(c.cell(r, PD) for r in find("洪泽")))
@case("h30-011")
def _(c): return number(sum(c.cell(one(a, 2020), PA) for a in ("鼓楼区统计局", "鹿城区统计局", "二七区统计局")), "yuan")
@case("h30-012")
def _(c): return number(sum(c.cell(r, NT) for r in ALL))
@case("h30-013")
def _(c): return number(sum(c.cell(r, "active.fees.amount") for r in find("洪泽")), "yuan")


@case("h30-014")
def _(c):
    return number(c.cell(one("洪泽", 2024), "active.licensing.decisions") - c.cell(one("洪泽", 2023), "active.licensing.decisions"))
@case("h30-015")
def _(c): return number(c.cell(one("鄞州", 2019), PA) - c.cell(one("鹿城", 2020), PA), "yuan")
@case("h30-016")
def _(c): return number(c.cell(one("洪泽", 2023), PD) - c.cell(one("洪泽", 2024), PD))


@case("h30-017")
def _(c): return boolean(c.cell(one("鹿城", 2020), PD) > c.cell(one("鼓楼区统计局", 2020), PD))
@case("h30-018")
def _(c): return boolean(c.cell(one("洪泽", 2024), NT) > c.cell(one("洪泽", 2023), NT))
@case("h30-019")
def _(c):
    rows = ranked(c, [one("温泉", 2020), one("二七", 2020)], lambda r: c.cell(r, PP))
    return agency(rows[0][0])


@case("h30-020")
def _(c):
    rows = ranked(c, ALL, lambda r: c.cell(r, PA), need=len(ALL))
    return listing([r.agency for r, _ in rows], ordered=True)
@case("h30-021")
def _(c): return agency(ranked(c, ALL, lambda r: c.cell(r, PP), need=2)[1][0])
@case("h30-022")
def _(c): return agency(ranked(c, ALL, lambda r: c.cell(r, PP), reverse=False)[0][0])
@case("h30-023")
def _(c):
    rows = ranked(c, y(2019) + y(2020), lambda r: c.cell(r, PD), need=3)
    return listing([r.agency for r, _ in rows[:3]], ordered=True)
@case("h30-024")
def _(c): return agency(ranked(c, y(2020), lambda r: c.cell(r, NT))[0][0])
@case("h30-025")
def _(c): return agency(ranked(c, ALL, lambda r: c.cell(r, PA) / c.cell(r, PP), reverse=False)[0][0])
@case("h30-026")
def _(c): return agency(ranked(c, ALL, lambda r: c.cell(r, PA) / c.cell(r, PP))[0][0])


@case("h30-027")
def _(c): return number(sum(1 for r in with_procurement() if c.cell(r, PA) > 10 * 10000))
@case("h30-028")
def _(c): return number(sum(1 for r in with_procurement() if c.cell(r, PA) < 80000))
@case("h30-029")
def _(c): return number(sum(1 for r in ALL if c.cell(r, NT) > 10))
@case("h30-030")
def _(c): return number(sum(1 for r in ALL if c.cell(r, NT) == 0))
@case("h30-031")
def _(c): return listing(unique_agencies([r for r in ALL if c.cell(r, PD) >= 5]))


@case("h30-032")
def _(c): return number(statistics.median(c.cell(r, PA) for r in with_procurement()), "yuan")
@case("h30-033")
def _(c):
    rs = [r for r in ALL if r.template == "2019"]
    assert len(rs) == 5
    return number(statistics.mean(c.cell(r, PA) for r in rs), "yuan")
@case("h30-034")
def _(c): return number(statistics.mean(c.cell(r, NT) for r in y(2020)))
@case("h30-035")
def _(c): return number(statistics.mean(c.cell(r, "active.licensing.decisions") for r in find("洪泽")))
@case("h30-036")
def _(c):
    assert len(ALL) == 7
    return number(statistics.median(c.cell(r, NT) for r in ALL))


@case("h30-037")
def _(c):
    r = one("洪泽", 2024)
    return pct(c.cell(r, "requests.granted.total"), c.cell(r, "requests.handled.total"))
@case("h30-038")
def _(c):
    r = one("洪泽", 2023)
    return pct(c.cell(r, "requests.unavailable_not_held.total"), c.cell(r, "requests.handled.total"))
@case("h30-039")
def _(c):
    total = sum(c.cell(r, PA) for r in with_procurement())
    return pct(c.cell(one("鄞州"), PA), total)
@case("h30-040")
def _(c):
    r = one("洪泽", 2024)
    return pct(c.cell(r, "requests.new.person"), c.cell(r, NT))
@case("h30-041")
def _(c):
    r = one("洪泽", 2024)
    co = c.cell(r, "active.coercion.decisions")
    return pct(co, co + c.cell(r, PD))


def r4_failures(c, r):
    """Review groups of one report whose total != upheld+corrected+other+pending (cells cited)."""
    failed = []
    for g in REVIEW_GROUPS:
        parts = [r.num(f"review.{g}.{x}") for x in REVIEW_COLS]
        total = r.num(f"review.{g}.total")
        if None in parts or total is None:
            continue
        if sum(parts) != total:
            failed.append(g)
            for x in REVIEW_COLS + ("total",):
                c.cell(r, f"review.{g}.{x}", allow_failed=True)
    return failed


@case("h30-042")
def _(c): return boolean(not r4_failures(c, one("洪泽", 2023)))
@case("h30-043")
def _(c):
    r = one("洪泽", 2023)
    parts = sum(c.cell(r, f"review.reconsideration.{x}", allow_failed=True) for x in REVIEW_COLS)
    return number(parts - c.cell(r, "review.reconsideration.total", allow_failed=True))
@case("h30-044")
def _(c):
    r = one("洪泽", 2024)
    return boolean(c.cell(r, NT) + c.cell(r, "requests.carried_in.total")
                   == c.cell(r, "requests.handled.total") + c.cell(r, "requests.carried_out.total"))
@case("h30-045")
def _(c):
    failing = []
    for r in ALL:
        if r.unusable:                       # any failed R1-R4 equation
            assert set(r4_failures(c, r)), r.file   # here all failures are R4; cite their cells
            failing.append(r)
        gold_fail = any(str(v).startswith("fail") for v in r.d["checks"].values())
        assert gold_fail == bool(r.unusable), r.file
    return listing(unique_agencies(failing))
@case("h30-046")
def _(c):
    r = one("洪泽", 2024)
    n = c.narrative_entry(r, "受理政府信息公开申请")
    return boolean(n["value"] == c.cell(r, NT))


@case("h30-047")
def _(c): return number(c.narrative(one("鄞州"), "全年累计发布政府信息"))
@case("h30-048")
def _(c):
    n = c.narrative_entry(one("鄞州"), "罚款总额")
    assert n.get("unit") == "yuan"
    return number(n["value"], "yuan")
@case("h30-049")
def _(c): return number(c.narrative(one("洪泽", 2024), "区政府办代表区政府受理"))
@case("h30-050")
def _(c): return number(c.narrative(one("温泉"), "全年主动公开政府信息"))
@case("h30-051")
def _(c): return number(c.narrative(one("洪泽", 2023), "主动公开政府信息"))
@case("h30-052")
def _(c): return number(c.narrative(one("洪泽", 2024), "常务会议"))
@case("h30-053")
def _(c):
    r = one("鄞州")
    return number(c.narrative(r, "微信公众号") + c.narrative(r, "官方微博"))
@case("h30-054")
def _(c):
    n = c.narrative_entry(one("鼓楼区统计局"), "答复及时率")
    assert n.get("unit") == "%"
    return number(n["value"], "percent")
@case("h30-055")
def _(c): return number(c.narrative(one("鼓楼区统计局"), "本年度共发布各类信息"))


@case("h30-056")
def _(c): return c.passages("答复依申请公开处理水平有待提高", [one("温泉")])
@case("h30-057")
def _(c): return c.passages("加强学习，提高认识", [one("鹿城")])
@case("h30-058")
def _(c): return c.passages("普法宣传", [one("鄞州")])
@case("h30-059")
def _(c): return c.passages("四个结合", [one("二七")])
@case("h30-060")
def _(c): return c.passages("加强个人信息保护", [one("鼓楼区统计局")])
@case("h30-061")
def _(c): return c.passages("谁公开、谁审查、谁负责", [one("鄞州")])
@case("h30-062")
def _(c): return c.passages("信息保密审查制度", [one("温泉")])
@case("h30-063")
def _(c): return c.passages("新冠", y(2020))                 # every 2020 report
@case("h30-064")
def _(c): return c.passages("规范公开时间", [one("二七")])
@case("h30-065")
def _(c): return c.passages("信息公开范围单一", [one("鄞州")])
@case("h30-066")
def _(c): return c.passages("统计开放日", [one("鹿城")])
@case("h30-067")
def _(c): return c.passages("专题培训", [one("温泉")])
@case("h30-068")
def _(c): return c.passages("暂无其他需要报告的事项", [one("鼓楼区统计局")])


@case("h30-069")
def _(c):
    a, b = one("鹿城", 2020), one("温泉", 2020)
    c.file(a), c.file(b)
    return boolean(a.published < b.published)
@case("h30-070")
def _(c):
    dated = [r for r in y(2020) if r.published]
    for r in dated:
        c.file(r)
    dated.sort(key=lambda r: r.published)
    assert dated[0].published < dated[1].published
    return agency(dated[0])
@case("h30-071")
def _(c):
    rs = [r for r in ALL if not r.published]
    for r in rs:
        c.file(r)
    return listing(unique_agencies(rs))
@case("h30-072")
def _(c):
    r = one("洪泽", 2024)
    c.file(r)
    return boolean(r.template == "2021")
@case("h30-073")
def _(c):
    for r in ALL:
        c.file(r)
    return number(len(ALL))
@case("h30-074")
def _(c):
    for r in ALL:
        c.file(r)
    return listing(sorted({r.year for r in ALL}))
@case("h30-075")
def _(c):
    for r in ALL:
        c.file(r)
    return listing(unique_agencies(ALL))
@case("h30-076")
def _(c): return boolean(c.cell(one("洪泽", 2024), "active.fees.amount") > 7600 * 10000)
@case("h30-077")
def _(c):
    rs = [r for r in ALL if r.template == "2021"]
    for r in rs:
        c.file(r)
    return listing(unique_agencies(rs))
@case("h30-078")
def _(c):
    rs = [r for r in ALL if r.facts.get(PA, {}).get("state", "absent") == "absent"]
    for r in rs:
        c.file(r)
    return number(len(rs))
@case("h30-079")
def _(c):
    rs = [r for r in ALL if r.d["province"] == "浙江省"]
    for r in rs:
        c.file(r)
    return listing(unique_agencies(rs))
@case("h30-080")
def _(c):
    rs = [r for r in ALL if r.kind == "government"]
    for r in rs:
        c.file(r)
    return number(len(rs))
@case("h30-081")
def _(c):
    rs = [r for r in ALL if r.agency.endswith("统计局")]
    for r in rs:
        c.file(r)
    return number(len(unique_agencies(rs)))
@case("h30-082")
def _(c):
    rs = [r for r in ALL if r.kind == "street_office"]
    assert len(rs) == 1
    c.file(rs[0])
    return agency(rs[0])


# refusals: each one checks the reason against the gold before answering "unanswerable"
def texts():
    return "\n".join(r.text for r in ALL if r.text)


@case("h30-083")
def _(c):
    assert not [r for r in ALL if r.d.get("city") == "南京市"]
    return unanswerable("南京市鼓楼区统计局 is not in the store")
@case("h30-084")
def _(c):
    assert find("洪泽") and not find("洪泽", 2022)
    return unanswerable("no Hongze report for 2022")
@case("h30-085")
def _(c):
    assert one("洪泽", 2024).num(PA) is None and one("洪泽", 2024).template == "2021"
    return unanswerable("2021 template: no procurement block")
@case("h30-086")
def _(c):
    t = one("鹿城").text
    assert not any(w in t for w in ("工资", "薪酬", "薪资", "人员经费"))
    return unanswerable("staff salaries not reported")
@case("h30-087")
def _(c):
    assert not [r for r in ALL if r.d.get("province") == "上海市" or "浦东" in r.agency]
    return unanswerable("no 上海/浦东新区 report in the store")
@case("h30-088")
def _(c):
    assert one("洪泽", 2024).facts["requests.other_no_correction.total"]["state"] == "absent"
    return unanswerable("other_no_correction is absent (one undivided 其他处理 row)")
@case("h30-089")
def _(c):
    assert one("温泉").facts["requests.declined_complaint.total"]["state"] == "blank"
    return unanswerable("blank cell")
@case("h30-090")
def _(c):
    assert find("二七") and not find("二七", 2021)
    return unanswerable("no 二七区 report for 2021")
@case("h30-091")
def _(c):
    assert "政务公开工作经费" not in texts() and "公开工作经费" not in one("鄞州").text
    return unanswerable("disclosure funding not reported")
@case("h30-092")
def _(c):
    t = one("鼓楼区统计局").text
    assert not any(w in t for w in ("浏览", "访问量", "点击", "阅读量"))
    return unanswerable("page views not reported")
@case("h30-093")
def _(c):
    r = one("温泉")
    assert r.facts["requests.carried_out.total"]["state"] == "blank"
    return unanswerable("R1 (total column) not checkable: carried_out.total blank")


# multi-turn: the answer to the last question in the context of the earlier turns
@case("h30-094")
def _(c): return number(c.cell(one("洪泽", 2024), "active.fees.amount"), "yuan")
@case("h30-095")
def _(c): return number(c.cell(one("鄞州"), PP))
@case("h30-096")
def _(c): return agency(ranked(c, [one("鄞州"), one("鼓楼区统计局")], lambda r: c.cell(r, PA))[0][0])
@case("h30-097")
def _(c): return number(sum(c.cell(r, "active.coercion.decisions") for r in find("洪泽")))
@case("h30-098")
def _(c):
    r = one("洪泽", 2024)
    return pct(c.cell(r, "requests.partial.total"), c.cell(r, "requests.handled.total"))
@case("h30-099")
def _(c): return number(c.cell(one("温泉"), "requests.granted.total"))
@case("h30-100")
def _(c): return agency(ranked(c, ALL, lambda r: c.cell(r, PA), need=2)[1][0])
@case("h30-101")
def _(c):
    r = one("二七")
    return number(c.cell(r, PA) / c.cell(r, PP), "yuan")
@case("h30-102")
def _(c): return number(c.cell(one("鹿城", 2020), PD) - c.cell(one("鄞州", 2019), PD))
@case("h30-103")
def _(c): return number(c.cell(one("洪泽", 2023), "requests.unavailable_not_held.total"))


@case("h30-104")
def _(c): return number(c.cell(one("洪泽", 2024), "review.lawsuit_after_review.other"))
@case("h30-105")
def _(c): return number(c.cell(one("洪泽", 2024), "review.reconsideration.total"))
@case("h30-106")
def _(c): return number(c.cell(one("二七", 2020), "active.penalty.prev_items"))
@case("h30-107")
def _(c): return boolean(any(c.cell(r, "requests.new.business") > 0 for r in ALL) and True)
@case("h30-108")
def _(c):
    vals = [c.cell(r, PD) for r in ALL]
    return pct(c.cell(one("洪泽", 2024), PD), sum(vals))
@case("h30-109")
def _(c):
    r = one("洪泽", 2024)
    return number(sum(c.cell(r, f"requests.{w}.total") for w in WITHHELD))
@case("h30-110")
def _(c):
    r = one("洪泽", 2023)
    return number(sum(c.cell(r, f"requests.{w}.total") for w in WITHHELD))
@case("h30-111")
def _(c):
    r = one("洪泽", 2024)
    return number(sum(c.cell(r, f"requests.{u}.total") for u in UNAVAILABLE))
@case("h30-112")
def _(c):
    r = one("洪泽", 2024)
    return pct(sum(c.cell(r, f"requests.{u}.total") for u in UNAVAILABLE), c.cell(r, "requests.handled.total"))
@case("h30-113")
def _(c):
    r = one("温泉", 2020)
    c.file(r)
    return boolean(r.published <= f"{r.year + 1}-01-31")
@case("h30-114")
def _(c):
    r = one("温泉")
    return number(c.cell(r, PA) / c.cell(r, PP), "yuan")
@case("h30-115")
def _(c):
    r = one("鹿城")
    return boolean(c.cell(r, "active.penalty.prev_items") + c.cell(r, "active.penalty.change") == c.cell(r, PD))
@case("h30-116")
def _(c):
    vals = [c.maybe(r, "review.reconsideration.total") for r in ALL]
    assert vals.count(None) == 1          # the 2023 Hongze group fails R4: skipped
    return number(sum(v for v in vals if v is not None))
@case("h30-117")
def _(c):
    r = one("洪泽", 2024)
    return number(sum(c.cell(r, f"review.{g}.total") for g in REVIEW_GROUPS))
@case("h30-118")
def _(c):
    r = one("洪泽", 2023)
    assert "review.reconsideration.total" in r.unusable and r.d["checks"]["R4"].startswith("fail")
    return unanswerable("2023 reconsideration group fails R4: unusable")
@case("h30-119")
def _(c):
    vals = [c.cell(r, NT) for r in y(2020)]
    return number(max(vals) - min(vals))
@case("h30-120")
def _(c):
    out = []
    by_agency = {}
    for r in ALL:
        by_agency.setdefault(r.agency, []).append(r)
    for name, rs in by_agency.items():
        rs.sort(key=lambda r: r.year)
        for prev, cur in zip(rs, rs[1:]):
            if c.cell(cur, NT) > c.cell(prev, NT) and name not in out:
                out.append(name)
    return listing(out)


# --------------------------------------------------------------------------------------------- compare
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
FIELDS = {"id", "question", "turns", "expect", "cite", "tags"}


def lang_of(text: str) -> str:
    ascii_words = len(re.findall(r"[A-Za-z]{2,}", text))
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    return "en" if ascii_words * 2 > cjk else "zh"


def same_expect(got: dict, want: dict) -> list:
    diffs = []
    if got.get("kind") != want["kind"]:
        return [f"kind {got.get('kind')!r} != {want['kind']!r}"]
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            diffs.append(f"unit {got.get('unit')!r} != {want['unit']!r}")
        gv = got.get("value")
        if not isinstance(gv, (int, float)) or abs(gv - want["value"]) > 0.0051 + 1e-9 * abs(want["value"]):
            diffs.append(f"value {gv!r} != {want['value']!r}")
    elif k == "agency":
        if got.get("value") != want["value"]:
            diffs.append(f"agency {got.get('value')!r} != {want['value']!r}")
    elif k == "list":
        if got.get("ordered") != want["ordered"]:
            diffs.append(f"ordered {got.get('ordered')!r} != {want['ordered']!r}")
        gv, wv = got.get("values"), want["values"]
        if want["ordered"]:
            ok = gv == wv
        else:
            ok = isinstance(gv, list) and len(gv) == len(wv) and sorted(map(str, gv)) == sorted(map(str, wv))
        if not ok:
            diffs.append(f"values {gv!r} != {wv!r}")
    elif k == "boolean":
        if got.get("value") is not want["value"]:
            diffs.append(f"value {got.get('value')!r} != {want['value']!r}")
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(want["files"]):
            diffs.append(f"files {got.get('files')!r} != {want['files']!r}")
        if sorted(got.get("sections", [])) != sorted(want["sections"]):
            diffs.append(f"sections {got.get('sections')!r} != {want['sections']!r}")
    elif k == "unanswerable":
        if not str(got.get("note", "")).strip():
            diffs.append("unanswerable case without a note")
    return diffs


def main(argv) -> int:
    verbose = "-v" in argv
    lines = [l for l in JSONL.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    ok, bad = 0, []
    kinds, langs = {}, {"zh": 0, "en": 0}
    expected_ids = [f"h30-{i:03d}" for i in range(1, 121)]
    problems_global = []
    if [cs["id"] for cs in cases] != expected_ids:
        problems_global.append("ids are not h30-001 .. h30-120 in order")
    if set(CASES) != set(expected_ids):
        problems_global.append("reference does not define exactly the 120 ids")
    for cs in cases:
        cid = cs["id"]
        diffs = []
        if set(cs) - FIELDS or not {"id", "question", "expect"} <= set(cs):
            diffs.append(f"fields {sorted(cs)}")
        if not all(CITE_RE.match(x) for x in cs.get("cite", [])):
            diffs.append("bad cite form")
        tags = cs.get("tags", [])
        lang = [t for t in tags if t in ("zh", "en")]
        if len(lang) != 1:
            diffs.append(f"language tags {lang}")
        else:
            langs[lang[0]] += 1
            if lang_of(cs["question"]) != lang[0]:
                diffs.append(f"question looks {lang_of(cs['question'])}, tagged {lang[0]}")
        if bool(cs.get("turns")) != ("multi-turn" in tags):
            diffs.append("turns present iff tagged multi-turn")
        fn = CASES.get(cid)
        if fn is None:
            diffs.append("no reference computation")
            got_expect = None
        else:
            ctx = Ctx()
            try:
                want = fn(ctx)
            except NoValue as e:
                diffs.append(f"reference hit an unusable cell: {e}")
                want = None
            if want is not None:
                kinds[want["kind"]] = kinds.get(want["kind"], 0) + 1
                diffs += same_expect(cs["expect"], want)
                want_cite = ctx.cites
                if len(set(cs.get("cite", []))) != len(cs.get("cite", [])):
                    diffs.append("duplicate cites")
                if sorted(set(cs.get("cite", []))) != sorted(want_cite):
                    missing = sorted(set(want_cite) - set(cs.get("cite", [])))
                    extra = sorted(set(cs.get("cite", [])) - set(want_cite))
                    diffs.append(f"cite: missing {missing} extra {extra}")
                if ("guessed_unit" in tags) != ctx.guessed:
                    diffs.append(f"guessed_unit tag should be {ctx.guessed}")
                if ("mixed_years" in tags) != ctx.mixed_years:
                    diffs.append(f"mixed_years tag should be {ctx.mixed_years}")
                if verbose:
                    flags = [t for t, on in (("guessed_unit", ctx.guessed), ("mixed_years", ctx.mixed_years)) if on]
                    print(f"{cid} [{lang[0] if lang else '?'}] {cs['question']}")
                    for t in cs.get("turns", []):
                        print(f"    (earlier turn) {t}")
                    print(f"    -> {json.dumps(want, ensure_ascii=False)}")
                    print(f"    cite {want_cite}  flags {flags}")
        if diffs:
            bad.append((cid, diffs))
        else:
            ok += 1
    for cid, diffs in bad:
        print(f"MISMATCH {cid}: " + "; ".join(diffs))
    for p in problems_global:
        print(f"PROBLEM: {p}")
    if langs != {"zh": 60, "en": 60}:
        problems_global.append(f"language split {langs}, want 60/60")
        print(f"PROBLEM: language split {langs}")
    kind_s = ", ".join(f"{k}={kinds.get(k, 0)}" for k in ("number", "agency", "list", "boolean", "passages", "unanswerable"))
    print(f"SUMMARY: {ok}/{len(expected_ids)} cases match; kinds: {kind_s}; zh={langs['zh']} en={langs['en']}")
    return 0 if ok == len(expected_ids) and len(cases) == 120 and not problems_global else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
