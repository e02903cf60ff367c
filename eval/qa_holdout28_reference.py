#!/usr/bin/env python3
"""Reference recomputation of every case of eval/qa_holdout28.jsonl (stdlib only).

Reads only the hand-checked gold facts (tests/fixtures/gold/*.json) and, for passage and
mention questions, the five sample texts (data/samples/*.txt). For each case id it recomputes
the expected answer, the cite list and the `guessed_unit` / `mixed_years` tags, then compares
them with the JSONL.

    python3 eval/qa_holdout28_reference.py        # SUMMARY line, exit 0 only if 120/120 match
    python3 eval/qa_holdout28_reference.py -v     # also print every recomputed answer

Conventions (see eval/QA_HOLDOUT28.md):
- only cells in state "number" are values; blank/absent/unreadable/not_read raise Unusable;
- a cell in a failing balance equation (R1-R4) is unusable unless the case is about that failure;
- money in yuan (the gold `value`, already converted from 万元 where the report printed or implied it);
- guessed_unit  <=> a cited money cell has `unit_assumed`;
- mixed_years   <=> the cited cells/files come from reports of more than one year;
- numbers are compared after rounding the recomputed value to 2 decimals (tolerance 0.006).
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = HERE / "qa_holdout28.jsonl"
N_CASES = 120

# ----------------------------------------------------------------------------- gold facts

ALIAS = {"A": "000_2133ae744f48d674.txt", "B": "001_19df74b8cb7281a4.txt", "C": "002_c42cd15df52a6935.txt",
         "D": "003_acfa5b9243423631.txt", "E": "004_5206fb2196a31c52.txt",
         "H3": "hongze-qu-gov-2023.pdf", "H4": "hongze-qu-gov-2024.pdf"}


def _kind_of(rep: dict) -> str:
    """agency_kind as recorded, else inferred from the name (the Hongze PDFs carry none)."""
    if rep.get("agency_kind"):
        return rep["agency_kind"]
    name = rep["agency"]
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if name.endswith("街道办事处") or name.endswith("乡人民政府") or name.endswith("镇人民政府"):
        return "street_office"
    return "department"


def load_reports() -> dict[str, dict]:
    reps = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d["cite_file"] = Path(d["file"]).name          # samples/pdf/hongze-qu-gov-2023.pdf -> hongze-qu-gov-2023.pdf
        d["kind"] = _kind_of(d)
        reps[d["cite_file"]] = d
    missing = [f for f in ALIAS.values() if f not in reps]
    if missing:
        sys.exit(f"gold fixtures missing: {missing}")
    return reps


REPORTS = load_reports()
ORDER = list(ALIAS.values())                            # A B C D E H3 H4


def rep(alias: str) -> dict:
    return REPORTS[ALIAS.get(alias, alias)]


OUTCOME_ROWS = (["granted", "partial"]
                + ["withheld_" + s for s in ("secret", "law", "safety", "third_party", "internal", "process",
                                             "enforcement", "query")]
                + ["unavailable_" + s for s in ("not_held", "needs_creation", "unclear")]
                + ["declined_" + s for s in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
                + ["other", "other_no_correction", "other_no_fee", "other_misc"])
APPLICANT_COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def _num(facts: dict, key: str):
    f = facts.get(key)
    return f["value"] if f and f["state"] == "number" else None


def balance_failures(r: dict) -> list[tuple[str, list[str]]]:
    """(rule, cells) for every balance equation of a report that is fully printed and fails."""
    F = r["facts"]
    out = []
    cols = APPLICANT_COLS + ["total"]
    for c in cols:                                                     # R1
        ks = [f"requests.{row}.{c}" for row in ("new", "carried_in", "handled", "carried_out")]
        v = [_num(F, k) for k in ks]
        if None not in v and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
            out.append(("R1", ks))
    for c in cols:                                                     # R2
        present = [f"requests.{row}.{c}" for row in OUTCOME_ROWS
                   if f"requests.{row}.{c}" in F and F[f"requests.{row}.{c}"]["state"] != "absent"]
        v = [_num(F, k) for k in present]
        h = _num(F, f"requests.handled.{c}")
        if None not in v and h is not None and abs(sum(v) - h) > 1e-9:
            out.append(("R2", present + [f"requests.handled.{c}"]))
    rows = sorted({k.split(".")[1] for k in F if k.startswith("requests.")})
    for row in rows:                                                   # R3
        ks = [f"requests.{row}.{c}" for c in APPLICANT_COLS]
        v = [_num(F, k) for k in ks]
        t = _num(F, f"requests.{row}.total")
        if None not in v and t is not None and abs(sum(v) - t) > 1e-9:
            out.append(("R3", ks + [f"requests.{row}.total"]))
    for g in REVIEW_GROUPS:                                            # R4
        ks = [f"review.{g}.{c}" for c in REVIEW_COLS]
        v = [_num(F, k) for k in ks]
        if None not in v and abs(sum(v[:4]) - v[4]) > 1e-9:
            out.append(("R4", ks))
    return out


FAILING = {f: {k for _, ks in balance_failures(r) for k in ks} for f, r in REPORTS.items()}

# ----------------------------------------------------------------------------- sample texts and sections

SECTION_RE = re.compile(r"^[#\s*]*([一二三四五六])、\s*\**\s*(.*)")
SECTION_WORD = {"一": "总体情况", "二": "主动公开", "三": "申请", "四": "复议", "五": "问题", "六": "其他需要报告"}


def sectioned_lines(fname: str) -> list[tuple[str | None, str]]:
    """(canonical section, line) for every line of a sample text; headings matched by meaning, table
    row labels such as '四、结转下年度继续办理' (tab-indented or not about 复议) are not headings."""
    cur = None
    out = []
    for line in (SAMPLES / fname).read_text(encoding="utf-8").splitlines():
        m = SECTION_RE.match(line)
        if m and not line.startswith("\t") and SECTION_WORD[m.group(1)] in m.group(2):
            cur = m.group(1)
        out.append((cur, line))
    return out


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ----------------------------------------------------------------------------- the computing context

class Unusable(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites: list[str] = []
        self.reports: set[str] = set()
        self.guessed = False

    def _cite(self, c: str):
        if c not in self.cites:
            self.cites.append(c)

    def v(self, alias: str, key: str, about_failure: bool = False):
        """A usable number; records the citation."""
        r = rep(alias)
        f = r["facts"].get(key)
        if f is None or f["state"] != "number":
            raise Unusable(f"{r['cite_file']}#{key} is {'missing' if f is None else f['state']}")
        if key in FAILING[r["cite_file"]] and not about_failure:
            raise Unusable(f"{r['cite_file']}#{key} is in a failing balance equation")
        self._cite(f"{r['cite_file']}#{key}")
        self.reports.add(r["cite_file"])
        if f.get("unit_assumed"):
            self.guessed = True
        return f["value"]

    def state(self, alias: str, key: str, cite: bool = False) -> str:
        r = rep(alias)
        f = r["facts"].get(key)
        if cite:
            self._cite(f"{r['cite_file']}#{key}")
            self.reports.add(r["cite_file"])
        return "missing" if f is None else f["state"]

    def file(self, alias: str) -> str:
        r = rep(alias)
        self._cite(r["cite_file"])
        self.reports.add(r["cite_file"])
        return r["cite_file"]

    def narr(self, alias: str, snippet: str):
        """A number stated in the report's prose (gold narrative_numbers); cites the bare file."""
        r = rep(alias)
        hits = [n for n in r.get("narrative_numbers", []) if snippet in n["text"]]
        if len(hits) != 1:
            raise Unusable(f"narrative '{snippet}' matched {len(hits)} entries in {r['cite_file']}")
        self.file(alias)
        return hits[0]["value"]

    def sections(self, alias: str, keyword: str) -> list[str]:
        """Canonical sections of a sample text whose lines contain `keyword`; cites the bare file."""
        fname = self.file(alias)
        secs = sorted({s for s, line in sectioned_lines(fname) if keyword in _flat(line) and s},
                      key="一二三四五六".index)
        if not secs:
            raise Unusable(f"'{keyword}' not found under any section of {fname}")
        return secs

    @property
    def mixed(self) -> bool:
        return len({REPORTS[f]["year"] for f in self.reports}) > 1


def NUM(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def AG(v):
    return {"kind": "agency", "value": v}


def LST(vs, ordered=False):
    return {"kind": "list", "values": list(vs), "ordered": ordered}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


def PAS(c, alias, keyword):
    return {"kind": "passages", "files": [rep(alias)["cite_file"]], "sections": c.sections(alias, keyword)}


def UNANS(reason_ok: bool, why: str):
    if not reason_ok:
        raise Unusable(f"expected unanswerable but the data seem to answer it: {why}")
    return {"kind": "unanswerable"}


def name(alias):
    return rep(alias)["agency"]


def pct(a, b):
    return 100.0 * a / b


def top(c, aliases, key, reverse=True, n=1, value=None):
    """Aliases ranked by a cell (or by value(c, alias)); raises on a tie that matters."""
    vals = [(value(c, a) if value else c.v(a, key), a) for a in aliases]
    vals.sort(key=lambda t: t[0], reverse=reverse)
    if len(vals) > n and vals[n - 1][0] == vals[n][0]:
        raise Unusable(f"tie at rank {n}: {vals}")
    return vals


def has_report(agency_part: str, year: int | None = None, city: str | None = None) -> bool:
    for r in REPORTS.values():
        if agency_part in r["agency"] and (year is None or r["year"] == year) and (city is None or r["city"] == city):
            return True
    return False


def text_has(alias: str, *words: str) -> bool:
    t = _flat((SAMPLES / rep(alias)["cite_file"]).read_text(encoding="utf-8"))
    return any(w in t for w in words)


BUREAUS = [a for a in ALIAS if "统计局" in rep(a)["agency"]]          # A B C E
PROC = [a for a in ALIAS if "active.procurement.amount" in rep(a)["facts"]
        and rep(a)["facts"]["active.procurement.amount"]["state"] == "number"]   # A-E
ALL = list(ALIAS)
Y2020 = [a for a in ALIAS if rep(a)["year"] == 2020]
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
UNAVAIL = [r for r in OUTCOME_ROWS if r.startswith("unavailable_")]


def review_group(c, alias, g, about_failure=False):
    return [c.v(alias, f"review.{g}.{col}", about_failure) for col in REVIEW_COLS]


def group_balances(c, alias, g, about_failure=False):
    v = review_group(c, alias, g, about_failure)
    return abs(sum(v[:4]) - v[4]) < 1e-9


def deadline_ok(alias):
    r = rep(alias)
    return r["published"] is not None and date.fromisoformat(r["published"]) <= date(r["year"] + 1, 1, 31)


# ----------------------------------------------------------------------------- the 120 cases
# id -> (language, function(ctx) -> expect)

CASES = {}


def case(n, lang):
    def deco(fn):
        CASES[f"h28-{n:03d}"] = (lang, fn)
        return fn
    return deco


# single lookups
case(1, "zh")(lambda c: NUM(c.v("H4", "active.coercion.decisions")))
case(2, "zh")(lambda c: NUM(c.v("H4", "active.normative.in_force")))
case(3, "zh")(lambda c: NUM(c.v("H3", "active.fees.amount"), "yuan"))
case(4, "en")(lambda c: NUM(c.v("H4", "active.fees.amount"), "yuan"))
case(5, "zh")(lambda c: NUM(c.v("D", "active.procurement.projects")))
case(6, "en")(lambda c: NUM(c.v("E", "active.procurement.amount"), "yuan"))
case(7, "zh")(lambda c: NUM(c.v("E", "active.penalty.prev_items")))
case(8, "en")(lambda c: NUM(c.v("H4", "requests.granted.total")))
case(9, "zh")(lambda c: NUM(c.v("B", "active.procurement.projects")))
case(10, "en")(lambda c: NUM(c.v("H3", "requests.unavailable_not_held.total")))
case(11, "zh")(lambda c: NUM(c.v("H4", "requests.withheld_safety.total")))
case(12, "en")(lambda c: NUM(c.v("H4", "review.lawsuit_direct.total")))
case(13, "en")(lambda c: NUM(c.v("H4", "requests.carried_out.total")))

# narrative figures
case(14, "zh")(lambda c: NUM(c.narr("C", "全年累计发布政府信息")))
case(15, "en")(lambda c: NUM(c.narr("C", "官方微博主动公开")))
case(16, "zh")(lambda c: NUM(c.narr("H4", "主动发布各类政府信息")))
case(17, "en")(lambda c: NUM(c.narr("H3", "主动公开政府信息")))
case(18, "zh")(lambda c: NUM(c.narr("C", "罚款总额"), "yuan"))
case(19, "zh")(lambda c: NUM(c.narr("A", "本年度共发布各类信息")))
case(20, "en")(lambda c: NUM(c.narr("D", "业务公文")))
case(21, "en")(lambda c: NUM(c.narr("H3", "主动公开政府信息") + c.narr("H4", "主动发布各类政府信息")))


@case(22, "en")
def _(c):
    total = c.narr("A", "本年度共发布各类信息")
    parts = sum(c.narr("A", s) for s in ("“公告”", "“鼓楼统计”", "“统计数据”", "“统计分析”", "“政务公开”"))
    return BOOL(total == parts)


def _narr_vs_table(c, alias):
    r = rep(alias)
    hit = [n for n in r["narrative_numbers"] if n.get("cell") == "requests.new.total"]
    if len(hit) != 1:
        raise Unusable("no single narrative application count")
    c.file(alias)
    return hit[0]["value"], c.v(alias, "requests.new.total")


case(23, "en")(lambda c: BOOL(_narr_vs_table(c, "H4")[0] == _narr_vs_table(c, "H4")[1]))
case(24, "zh")(lambda c: BOOL(_narr_vs_table(c, "H3")[0] == _narr_vs_table(c, "H3")[1]))
case(25, "en")(lambda c: NUM(_narr_vs_table(c, "H4")[1] - _narr_vs_table(c, "H4")[0]))

# sums
case(26, "zh")(lambda c: NUM(sum(c.v(a, "requests.handled.total") for a in ALL
                                  if rep(a)["province"] == "福建省" and rep(a)["year"] == 2020)))
case(27, "en")(lambda c: NUM(sum(c.v(a, "active.penalty.decisions") for a in BUREAUS)))
case(28, "en")(lambda c: NUM(c.v("H3", "active.fees.amount") + c.v("H4", "active.fees.amount"), "yuan"))
case(29, "zh")(lambda c: NUM(sum(c.v("H4", f"requests.{r}.total") for r in WITHHELD)))
case(30, "en")(lambda c: NUM(sum(c.v("H3", f"requests.{r}.total") for r in UNAVAIL)))
case(31, "en")(lambda c: NUM(sum(c.v(a, "active.procurement.amount") for a in BUREAUS), "yuan"))
case(32, "zh")(lambda c: NUM(sum(c.v("H4", f"active.{r}.decisions") for r in ("licensing", "penalty", "coercion"))))
case(33, "en")(lambda c: NUM(sum(c.v(a, "requests.new.person") for a in ALL)))
case(34, "zh")(lambda c: NUM(c.v("E", "active.procurement.amount") + c.v("C", "active.procurement.amount"), "yuan"))

# comparisons
case(35, "zh")(lambda c: NUM(c.v("C", "active.procurement.amount") - c.v("A", "active.procurement.amount"), "yuan"))
case(36, "en")(lambda c: NUM(c.v("H3", "active.fees.amount") - c.v("H4", "active.fees.amount"), "yuan"))


@case(37, "zh")
def _(c):
    a, b = c.v("H3", "active.licensing.decisions"), c.v("H4", "active.licensing.decisions")
    return NUM(pct(b - a, a), "percent")


@case(38, "en")
def _(c):
    a, b = c.v("H3", "requests.new.total"), c.v("H4", "requests.new.total")
    return NUM(pct(b - a, a), "percent")


case(39, "zh")(lambda c: BOOL(c.v("D", "active.procurement.projects") > c.v("A", "active.procurement.projects")))
case(40, "en")(lambda c: BOOL(c.v("B", "active.penalty.decisions") > c.v("C", "active.penalty.decisions")))
case(41, "zh")(lambda c: LST([c.v("H3", "active.coercion.decisions"), c.v("H4", "active.coercion.decisions")], True))
case(42, "en")(lambda c: LST([c.v("D", "requests.new.total"), c.v("A", "requests.new.total")], True))
case(43, "zh")(lambda c: AG(name(top(c, ["B", "E"], "active.procurement.amount")[0][1])))
case(44, "zh")(lambda c: AG(name(top(c, ["B", "A"], "active.procurement.amount")[0][1])))


@case(45, "en")
def _(c):
    zj = [a for a in ALL if rep(a)["province"] == "浙江省"]
    return AG(name(top(c, zj, "active.penalty.decisions")[0][1]))


case(46, "zh")(lambda c: NUM(c.v("H4", "active.normative.in_force") - c.v("H3", "active.normative.in_force")))

# rankings
case(47, "zh")(lambda c: AG(name(top(c, PROC, "active.procurement.amount", n=2)[1][1])))
case(48, "en")(lambda c: LST([name(a) for _, a in top(c, PROC, "active.procurement.projects", n=3)[:3]], True))
case(49, "zh")(lambda c: AG(name(top(c, ALL, "requests.new.total")[0][1])))
case(50, "en")(lambda c: AG(name(top(c, BUREAUS, "active.penalty.decisions", reverse=False)[0][1])))


@case(51, "zh")
def _(c):
    fz = [a for a in PROC if rep(a)["province"] in ("浙江省", "福建省")]
    return LST([name(a) for _, a in top(c, fz, "active.procurement.amount", n=len(fz) - 1)], True)


@case(52, "en")
def _(c):
    y = [a for a in PROC if rep(a)["year"] == 2020]
    return LST([name(a) for _, a in top(c, y, "active.procurement.amount", reverse=False, n=len(y) - 1)], True)


case(53, "zh")(lambda c: AG(name(top(c, PROC, None, value=lambda c, a: c.v(a, "active.procurement.amount")
                                         / c.v(a, "active.procurement.projects"))[0][1])))
case(54, "en")(lambda c: AG(name(top(c, Y2020, "requests.handled.total")[0][1])))

# thresholds (10万元 = 100,000 yuan)
case(55, "zh")(lambda c: NUM(sum(1 for a in PROC if c.v(a, "active.procurement.amount") > 100000)))
case(56, "en")(lambda c: NUM(sum(1 for a in PROC if c.v(a, "active.procurement.amount") < 80000)))
case(57, "zh")(lambda c: NUM(sum(1 for a in ALL if c.v(a, "active.penalty.decisions") > 5)))
case(58, "zh")(lambda c: LST([rep(a)["year"] for a in ("H3", "H4") if c.v(a, "active.fees.amount") > 76000000]))
case(59, "en")(lambda c: NUM(sum(1 for a in ALL if c.v(a, "requests.new.total") >= 1)))
case(60, "zh")(lambda c: LST([name(a) for a in PROC if 50000 <= c.v(a, "active.procurement.amount") <= 100000]))

# averages / medians
case(61, "en")(lambda c: NUM(statistics.mean(c.v(a, "active.procurement.amount") for a in PROC), "yuan"))
case(62, "zh")(lambda c: NUM(statistics.median(c.v(a, "active.procurement.amount") for a in PROC), "yuan"))
case(63, "en")(lambda c: NUM(statistics.median(c.v(a, "requests.new.total") for a in ALL)))
case(64, "en")(lambda c: NUM(c.v("D", "active.procurement.amount") / c.v("D", "active.procurement.projects"), "yuan"))


@case(65, "en")
def _(c):
    amt = sum(c.v(a, "active.procurement.amount") for a in PROC)
    prj = sum(c.v(a, "active.procurement.projects") for a in PROC)
    return NUM(amt / prj, "yuan")


# ratios
case(66, "zh")(lambda c: NUM(pct(c.v("H4", "requests.granted.total"), c.v("H4", "requests.handled.total")), "percent"))
case(67, "en")(lambda c: NUM(pct(sum(c.v("H3", f"requests.{r}.total") for r in UNAVAIL),
                                 c.v("H3", "requests.handled.total")), "percent"))
case(68, "zh")(lambda c: NUM(pct(c.v("H4", "requests.granted.total") + c.v("H4", "requests.partial.total"),
                                 c.v("H4", "requests.handled.total")), "percent"))


@case(69, "en")
def _(c):
    new = {a: c.v(a, "requests.new.total") for a in ALL}
    hz = sum(v for a, v in new.items() if rep(a)["kind"] == "government")
    return NUM(pct(hz, sum(new.values())), "percent")


@case(70, "en")
def _(c):
    amt = {a: c.v(a, "active.procurement.amount") for a in PROC if rep(a)["year"] == 2020}
    return NUM(pct(amt["D"], sum(amt.values())), "percent")


case(71, "zh")(lambda c: NUM(pct(c.v("H4", "requests.unavailable_not_held.total"), c.v("H4", "requests.new.total")),
                             "percent"))

# balance checks (about the failure: failing cells allowed)
case(72, "zh")(lambda c: BOOL(group_balances(c, "H3", "reconsideration", about_failure=True)))


@case(73, "en")
def _(c):
    v = review_group(c, "H3", "lawsuit_after_review", about_failure=True)
    return NUM(sum(v[:4]) - v[4])


case(74, "zh")(lambda c: BOOL(all([group_balances(c, "H4", g) for g in REVIEW_GROUPS])))


@case(75, "en")
def _(c):
    n, ci, h, co = (c.v("B", f"requests.{r}.total") for r in ("new", "carried_in", "handled", "carried_out"))
    return BOOL(n + ci == h + co)


@case(76, "zh")
def _(c):
    n, ci, h, co = (c.v("D", f"requests.{r}.person") for r in ("new", "carried_in", "handled", "carried_out"))
    return BOOL(n + ci == h + co)


@case(77, "en")
def _(c):
    failing = [f for f, r in REPORTS.items() if balance_failures(r)]
    for f in failing:                                   # cite the cells of every failing equation
        for _, ks in balance_failures(REPORTS[f]):
            for k in ks:
                c.v(f, k, about_failure=True)
    # the gold files' own verdicts must agree
    gold_fail = [f for f, r in REPORTS.items() if any(not str(v).startswith("pass") for v in r["checks"].values())]
    if sorted(gold_fail) != sorted(failing):
        raise Unusable(f"recomputed failures {failing} != gold {gold_fail}")
    return NUM(len(failing))


@case(78, "zh")
def _(c):
    v = review_group(c, "H3", "reconsideration", about_failure=True)
    return LST([sum(v[:4]), v[4]], True)


@case(79, "zh")
def _(c):
    F = rep("H4")["facts"]
    rows = [r for r in OUTCOME_ROWS if F.get(f"requests.{r}.total", {}).get("state") != "absent"]
    return BOOL(sum(c.v("H4", f"requests.{r}.total") for r in rows) == c.v("H4", "requests.handled.total"))


case(80, "en")(lambda c: BOOL(all([group_balances(c, "H4", g) for g in REVIEW_GROUPS])))

# metadata
case(81, "zh")(lambda c: LST(sorted({r["year"] for r in REPORTS.values()})))
case(82, "en")(lambda c: NUM(len({r["agency"] for r in REPORTS.values()})))
case(83, "zh")(lambda c: LST(sorted({r["agency"] for r in REPORTS.values() if r["template"] == "2021"})))
case(84, "en")(lambda c: NUM(sum(1 for r in REPORTS.values() if r["template"] == "2019")))


@case(85, "zh")
def _(c):
    govs = sorted({r["agency"] for r in REPORTS.values() if r["kind"] == "government"})
    if len(govs) != 1:
        raise Unusable(f"district governments: {govs}")
    return AG(govs[0])


case(86, "en")(lambda c: LST(sorted({r["agency"] for r in REPORTS.values() if not r["published"]})))


@case(87, "zh")
def _(c):
    dated = sorted((r["published"], r["agency"]) for r in REPORTS.values() if r["published"])
    if len(dated) > 1 and dated[0][0] == dated[1][0]:
        raise Unusable("tie")
    return AG(dated[0][1])


case(88, "en")(lambda c: BOOL(deadline_ok("D")))


@case(89, "zh")
def _(c):
    hits = sorted({r["agency"] for r in REPORTS.values() if r["city"] == "宁波市" and r["county"] == "鄞州区"})
    if len(hits) != 1:
        raise Unusable(f"宁波鄞州 agencies: {hits}")
    return AG(hits[0])


# passages (section of the sample text where the passage sits)
case(90, "zh")(lambda c: PAS(c, "C", "存在主要问题如下"))
case(91, "en")(lambda c: PAS(c, "E", "存在不足之处"))
case(92, "zh")(lambda c: PAS(c, "A", "自查未及时主动公开的事项"))
case(93, "en")(lambda c: PAS(c, "D", "妥善办理涉及公共卫生事件的政府信息公开申请"))
case(94, "zh")(lambda c: PAS(c, "B", "统计开放日"))
case(95, "en")(lambda c: PAS(c, "C", "统计普法宣传"))
case(96, "zh")(lambda c: PAS(c, "E", "四个结合"))
case(97, "en")(lambda c: PAS(c, "A", "个人信息"))
case(98, "zh")(lambda c: PAS(c, "D", "权责清单"))
case(99, "en")(lambda c: PAS(c, "C", "信息保密审查"))
case(100, "zh")(lambda c: PAS(c, "E", "规范公开时间"))
case(101, "en")(lambda c: PAS(c, "D", "律师"))


def _mentions(c, keyword, scope):
    hits = [a for a in scope if text_has(a, keyword)]
    for a in hits:
        c.file(a)
    return [name(a) for a in hits]


case(102, "en")(lambda c: LST(_mentions(c, "统计开放日", BUREAUS)))


@case(103, "zh")
def _(c):
    hits = _mentions(c, "官方微博", BUREAUS)
    if len(hits) != 1:
        raise Unusable(f"官方微博 in {hits}")
    return AG(hits[0])


@case(104, "en")
def _(c):
    hits = _mentions(c, "人大", BUREAUS)
    hits2 = [h for h in hits if text_has([a for a in BUREAUS if name(a) == h][0], "建议的书面答复")]
    if len(hits) != 1 or hits != hits2:
        raise Unusable(f"人大 建议 in {hits}")
    return AG(hits[0])


# agency-type comparisons
case(105, "en")(lambda c: LST([sum(c.v(a, "active.penalty.decisions") for a in BUREAUS),
                               c.v("H4", "active.penalty.decisions")], True))
case(106, "en")(lambda c: BOOL(c.v("D", "requests.new.total") > sum(c.v(a, "requests.new.total") for a in BUREAUS)))
case(107, "zh")(lambda c: LST([statistics.mean(c.v(a, "requests.new.total") for a in BUREAUS),
                               statistics.mean(c.v(a, "requests.new.total") for a in ("H3", "H4"))], True))

# refusals: each checks why the data cannot answer
case(108, "zh")(lambda c: UNANS(has_report("鄞州区统计局") and not has_report("鄞州区统计局", 2020), "鄞州 2020"))
case(109, "en")(lambda c: UNANS(has_report("洪泽区") and not has_report("洪泽区", 2022), "洪泽 2022"))
case(110, "zh")(lambda c: UNANS(not has_report("鼓楼区统计局", city="南京市") and has_report("鼓楼区统计局", city="福州市"),
                                "南京市鼓楼区"))
case(111, "zh")(lambda c: UNANS(c.state("H4", "active.procurement.amount") in ("missing", "absent")
                                and rep("H4")["template"] == "2021", "洪泽 2024 procurement"))
case(112, "en")(lambda c: UNANS(c.state("B", "active.fees.amount") in ("missing", "absent")
                                and rep("B")["template"] == "2019", "鹿城 fee amount"))
case(113, "zh")(lambda c: UNANS(c.state("H3", "requests.other_no_fee.total") == "absent", "洪泽 2023 逾期未缴费"))
case(114, "en")(lambda c: UNANS(not text_has("E", "人员", "编制", "工作人员", "专职"), "二七 staffing"))
case(115, "zh")(lambda c: UNANS(not text_has("D", "预算", "决算"), "温泉 budget"))


@case(116, "en")
def _(c):
    ok = not group_balances(c, "H3", "reconsideration", about_failure=True)
    try:                                                # the total itself must be unusable
        Ctx().v("H3", "review.reconsideration.total")
        ok = False
    except Unusable:
        pass
    return UNANS(ok, "洪泽 2023 reconsideration total")


case(117, "zh")(lambda c: UNANS(c.state("D", "requests.carried_out.total", cite=True) == "blank", "温泉 carried_out.total"))
case(118, "en")(lambda c: UNANS(has_report("二七区统计局") and not has_report("二七区统计局", 2019), "二七 2019"))
case(119, "en")(lambda c: UNANS(has_report("福州市鼓楼区统计局", 2020) and not has_report("福州市鼓楼区统计局", 2019),
                                "鼓楼统计局 2019"))
case(120, "zh")(lambda c: UNANS(has_report("洪泽区", 2024) and not has_report("洪泽区", 2025), "洪泽 2025"))


# ----------------------------------------------------------------------------- checking the JSONL

KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}
UNITS = {"count", "yuan", "percent"}
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
FIELDS = {"id", "question", "turns", "expect", "cite", "tags"}


def _norm(v):
    return round(v, 2) if isinstance(v, float) else v


def same_value(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(round(float(a), 2) - float(b)) < 0.006
    return a == b


def compare_expect(want: dict, got: dict) -> list[str]:
    errs = []
    if want["kind"] != got.get("kind"):
        return [f"kind {got.get('kind')} != {want['kind']}"]
    k = want["kind"]
    if k == "number":
        if not same_value(want["value"], got.get("value")):
            errs.append(f"value {got.get('value')} != {_norm(want['value'])}")
        if want["unit"] != got.get("unit"):
            errs.append(f"unit {got.get('unit')} != {want['unit']}")
    elif k in ("agency", "boolean"):
        if want["value"] != got.get("value"):
            errs.append(f"value {got.get('value')!r} != {want['value']!r}")
    elif k == "list":
        w, g = want["values"], got.get("values", [])
        if want["ordered"] != got.get("ordered"):
            errs.append(f"ordered {got.get('ordered')} != {want['ordered']}")
        if len(w) != len(g):
            errs.append(f"values {g} != {w}")
        elif want["ordered"]:
            if not all(same_value(x, y) for x, y in zip(w, g)):
                errs.append(f"values {g} != {w}")
        elif sorted(map(str, map(_norm, w))) != sorted(map(str, g)):
            errs.append(f"values {sorted(map(str, g))} != {sorted(map(str, map(_norm, w)))}")
    elif k == "passages":
        if sorted(want["files"]) != sorted(got.get("files", [])):
            errs.append(f"files {got.get('files')} != {want['files']}")
        if sorted(want["sections"]) != sorted(got.get("sections", [])):
            errs.append(f"sections {got.get('sections')} != {want['sections']}")
    return errs


def lang_of(q: str) -> str:
    cjk = sum(1 for ch in q if "\u4e00" <= ch <= "\u9fff")
    latin_words = len(re.findall(r"[A-Za-z]{2,}", q))
    return "zh" if latin_words == 0 and cjk > 0 else ("en" if latin_words >= 2 else "?")


def check_format(c: dict) -> list[str]:
    errs = []
    if set(c) - FIELDS:
        errs.append(f"unknown fields {sorted(set(c) - FIELDS)}")
    for f in ("id", "question", "expect"):
        if f not in c:
            errs.append(f"missing {f}")
    e = c.get("expect", {})
    if e.get("kind") not in KINDS:
        errs.append(f"bad kind {e.get('kind')}")
    if e.get("kind") == "number" and (e.get("unit") not in UNITS or not isinstance(e.get("value"), (int, float))):
        errs.append("number needs a numeric value and unit count|yuan|percent")
    if e.get("kind") == "list" and not isinstance(e.get("ordered"), bool):
        errs.append("list needs a boolean 'ordered'")
    if e.get("kind") == "passages" and (not e.get("files") or not set(e.get("sections", [])) <= set("一二三四五六")
                                        or not e.get("sections")):
        errs.append("passages needs files and sections 一..六")
    for ci in c.get("cite", []):
        if not CITE_RE.match(ci):
            errs.append(f"bad cite {ci!r}")
        elif ci.partition("#")[0] not in REPORTS:
            errs.append(f"cite to unknown report {ci!r}")
        elif "#" in ci:
            f, _, key = ci.partition("#")
            if key not in REPORTS[f]["facts"]:
                errs.append(f"cite to unknown cell {ci!r}")
    if not isinstance(c.get("turns", []), list) or not all(isinstance(t, str) and t.strip() for t in c.get("turns", [])):
        errs.append("turns must be a list of non-empty strings")
    return errs


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    lines = [ln for ln in JSONL.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    got = {}
    problems: dict[str, list[str]] = {}
    for i, ln in enumerate(lines, 1):
        try:
            c = json.loads(ln)
        except json.JSONDecodeError as e:
            problems[f"line {i}"] = [f"not JSON: {e}"]
            continue
        if c.get("id") in got:
            problems.setdefault(c["id"], []).append(f"duplicate id on line {i}")
        got[c.get("id")] = c
    want_ids = [f"h28-{n:03d}" for n in range(1, N_CASES + 1)]
    if list(got) != want_ids:
        problems.setdefault("ids", []).append("ids are not exactly h28-001 .. h28-120 in order")

    kinds, langs, tagcount = {}, {}, {"guessed_unit": 0, "mixed_years": 0, "followup": 0}
    ok = 0
    for cid in want_ids:
        errs = []
        c = got.get(cid)
        if c is None:
            problems.setdefault(cid, []).append("missing from the JSONL")
            continue
        errs += check_format(c)
        lang, fn = CASES[cid]
        ctx = Ctx()
        try:
            want = fn(ctx)
        except Unusable as e:
            errs.append(f"cannot recompute: {e}")
            problems[cid] = errs
            continue
        errs += compare_expect(want, c.get("expect", {}))
        if sorted(ctx.cites) != sorted(c.get("cite", [])):
            errs.append(f"cite {sorted(c.get('cite', []))} != recomputed {sorted(ctx.cites)}")
        if len(set(c.get("cite", []))) != len(c.get("cite", [])):
            errs.append("duplicate cite")
        tags = c.get("tags", [])
        if lang not in tags or ({"zh", "en"} - {lang}) & set(tags):
            errs.append(f"language tag should be {lang}")
        if lang_of(c.get("question", "")) not in (lang, "?") and not c.get("turns"):
            errs.append(f"question text does not look {lang}")
        for tag, flag in (("guessed_unit", ctx.guessed), ("mixed_years", ctx.mixed), ("followup", bool(c.get("turns")))):
            if (tag in tags) != flag:
                errs.append(f"tag {tag} should be {'present' if flag else 'absent'}")
            tagcount[tag] += flag
        kinds[want["kind"]] = kinds.get(want["kind"], 0) + 1
        langs[lang] = langs.get(lang, 0) + 1
        if verbose:
            shown = {k: (_norm(v) if k == "value" else v) for k, v in want.items() if k != "kind"}
            flags = [t for t, f in (("guessed_unit", ctx.guessed), ("mixed_years", ctx.mixed)) if f]
            print(f"{cid} [{lang}] {want['kind']}: {json.dumps(shown, ensure_ascii=False)}"
                  f"  cite={len(ctx.cites)} {' '.join(flags)}  {'OK' if not errs else 'MISMATCH'}")
            print(f"    Q: {c.get('question')}" + (f"   (turns: {c['turns']})" if c.get("turns") else ""))
        if errs:
            problems[cid] = errs
        else:
            ok += 1
    if langs.get("zh") != N_CASES // 2 or langs.get("en") != N_CASES // 2:
        problems.setdefault("languages", []).append(f"expected 60 zh / 60 en, got {langs}")
    for cid, errs in problems.items():
        for e in errs:
            print(f"MISMATCH {cid}: {e}")
    kind_s = ", ".join(f"{k}={kinds.get(k, 0)}" for k in ("number", "agency", "list", "boolean", "passages",
                                                           "unanswerable"))
    print(f"SUMMARY: {ok}/{N_CASES} cases match; kinds: {kind_s}; zh={langs.get('zh', 0)} en={langs.get('en', 0)}; "
          f"guessed_unit={tagcount['guessed_unit']} mixed_years={tagcount['mixed_years']} "
          f"followup={tagcount['followup']}")
    return 0 if ok == N_CASES and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
