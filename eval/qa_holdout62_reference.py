#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout62.jsonl (stdlib only).

Every case has a recipe below that recomputes its expected answer from the hand-checked gold
(tests/fixtures/gold/*.json) and, for passage cases, from the section text of data/samples/*.txt.
A recipe reads cells through `G.v`, which refuses any cell whose state is not "number" and any
cell of a group that fails a balance rule (R1-R4, recomputed here from the gold) unless the case is
about that failure. From the cells a recipe reads, the script derives:

- the cite list (cells the recipe marks as cited: every cell of a total/average/count/ratio; for a
  ranking or "which ..." question only the cells of the returned items),
- the tag "guessed_unit" (some cell read has a unit_assumed),
- the tag "mixed_years" (the cells read come from reports of more than one year).

It compares all of that with the JSONL, prints each mismatch and "SUMMARY n/120", and exits 0 only
when every case matches. `check_cases(cases)` is importable for mutation tests.

Run:  python3 eval/qa_holdout62_reference.py
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
CASES = ROOT / "eval" / "qa_holdout62.jsonl"
N_CASES = 120

CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS = ["granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication",
                "declined_excessive", "declined_confirmation",
                "other", "other_no_correction", "other_no_fee", "other_misc"]
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
WITHHELD_LABEL = {"withheld_secret": "国家秘密", "withheld_law": "其他法律行政法规禁止公开",
                  "withheld_safety": "危及“三安全一稳定”", "withheld_third_party": "保护第三方合法权益",
                  "withheld_internal": "三类内部事务信息", "withheld_process": "四类过程性信息",
                  "withheld_enforcement": "行政执法案卷", "withheld_query": "行政查询事项"}
UNAVAILABLE = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication",
            "declined_excessive", "declined_confirmation"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]

# how section headings are recognised (by meaning, per DOMAIN.md)
SECTION_WORD = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
                "五": "问题", "六": "其他需要报告"}
HEADING_RE = re.compile(r"^[\s#*]*([一二三四五六])、(.*)$")


# ----------------------------------------------------------------------------- gold

class Report:
    def __init__(self, path: Path):
        d = json.loads(path.read_text(encoding="utf-8"))
        self.stem = path.stem
        self.file = Path(d["file"]).name            # 000_....txt or hongze-qu-gov-2023.pdf
        self.agency = d["agency"]
        self.kind = d.get("agency_kind") or kind_from_name(self.agency)
        self.province = d["province"]
        self.year = d["year"]
        self.template = d["template"]
        self.published = d.get("published")
        self.facts = d["facts"]
        self.failing = failing_cells(self.facts)    # key -> rule description


def kind_from_name(name: str) -> str:
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    return "department"


def num(facts, key):
    f = facts.get(key)
    return f["value"] if f is not None and f["state"] == "number" else None


def failing_cells(facts) -> dict[str, str]:
    """Cells of every group that fails R1-R4 (equations with a non-number cell are skipped)."""
    bad: dict[str, str] = {}

    def check(rule, keys_left, keys_right):
        vals = [num(facts, k) for k in keys_left + keys_right]
        if any(v is None for v in vals):
            return
        left = sum(vals[:len(keys_left)])
        right = sum(vals[len(keys_left):])
        if abs(left - right) > 1e-9:
            for k in keys_left + keys_right:
                bad.setdefault(k, f"{rule}: {left} != {right}")

    rows_present = [r for r in OUTCOME_ROWS if any(f"requests.{r}.{c}" in facts for c in COLS)]
    for c in COLS:  # R1 and R2, per column
        check(f"R1[{c}]", [f"requests.new.{c}", f"requests.carried_in.{c}"],
              [f"requests.handled.{c}", f"requests.carried_out.{c}"])
        outcome = [f"requests.{r}.{c}" for r in rows_present
                   if facts.get(f"requests.{r}.{c}", {}).get("state") != "absent"]
        check(f"R2[{c}]", [f"requests.handled.{c}"], outcome)
    rows = {k.split(".")[1] for k in facts if k.startswith("requests.")}
    for r in rows:  # R3, per row
        if facts.get(f"requests.{r}.total", {}).get("state") == "absent":
            continue
        check(f"R3[{r}]", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in COLS[:-1]])
    for g in REVIEW_GROUPS:  # R4, per group
        check(f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS])
    return bad


def load_reports() -> dict[str, Report]:
    reps = {p.stem: Report(p) for p in sorted(GOLD.glob("*.json"))}
    assert len(reps) == 7, f"expected 7 gold reports, found {len(reps)}"
    return reps


REPS = load_reports()
A, B, C, D, E = "000_2133ae744f48d674", "001_19df74b8cb7281a4", "002_c42cd15df52a6935", \
    "003_acfa5b9243423631", "004_5206fb2196a31c52"
H3, H4 = "hongze-qu-gov-2023", "hongze-qu-gov-2024"
S5 = [A, B, C, D, E]          # the five 2019-template sample reports
ALL7 = S5 + [H3, H4]


def section_text(file: str, sec: str) -> str:
    """Text of canonical section `sec` of a sample .txt (headings matched by meaning)."""
    lines = (SAMPLES / file).read_text(encoding="utf-8").splitlines()
    cur, out = None, {}
    for line in lines:
        m = HEADING_RE.match(line)
        if m and SECTION_WORD[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return "\n".join(out.get(sec, []))


# ----------------------------------------------------------------------------- recipe API

class Reject(Exception):
    pass


class G:
    """What a recipe may read; records the cells used and the cells cited."""

    def __init__(self, quality: bool = False):
        self.quality = quality
        self.used: list[tuple[str, str]] = []
        self.cited: list[tuple[str, str]] = []
        self.files_cited: list[str] = []

    def v(self, rep: str, key: str, cite: bool = True, ctx: bool = False):
        r = REPS[rep]
        f = r.facts.get(key)
        if f is None or f["state"] != "number":
            raise Reject(f"{rep}#{key} is {'missing' if f is None else f['state']}, not a number")
        if key in r.failing and not self.quality:
            raise Reject(f"{rep}#{key} is in a failing group ({r.failing[key]})")
        if not ctx:  # context reads (identifying an earlier turn's referent) do not count
            if (rep, key) not in self.used:
                self.used.append((rep, key))
            if cite:
                self.cite(rep, key)
        return f["value"]

    def cite(self, rep, key):
        if (rep, key) not in self.cited:
            self.cited.append((rep, key))

    def s(self, rep, keys, cite=True):
        return sum(self.v(rep, k, cite) for k in keys)

    def ranked(self, reps, key, desc=True, ctx=False):
        """[(rep, value)] sorted; nothing cited (the recipe cites what it returns)."""
        vals = [(r, self.v(r, key, cite=False, ctx=ctx)) for r in reps]
        return sorted(vals, key=lambda t: -t[1] if desc else t[1])

    # reasons a question is unanswerable (verified, never assumed)
    def blank(self, rep, key):
        f = REPS[rep].facts.get(key)
        if not f or f["state"] != "blank":
            raise Reject(f"{rep}#{key} is not blank")
        return {"kind": "unanswerable"}

    def absent(self, rep, key):
        f = REPS[rep].facts.get(key)
        if f is not None and f["state"] != "absent":
            raise Reject(f"{rep}#{key} exists ({f['state']})")
        return {"kind": "unanswerable"}

    def failing(self, rep, key):
        if key not in REPS[rep].failing:
            raise Reject(f"{rep}#{key} is not in a failing group")
        return {"kind": "unanswerable"}

    def not_in_collection(self, name_part, year=None):
        hits = [r for r in REPS.values() if name_part in r.agency and (year is None or r.year == year)]
        if hits:
            raise Reject(f"{name_part} {year} is in the collection")
        return {"kind": "unanswerable"}

    def passage(self, rep, sec, keyword):
        text = section_text(REPS[rep].file, sec)
        if keyword not in text:
            raise Reject(f"{keyword!r} not in section {sec} of {REPS[rep].file}")
        self.files_cited.append(REPS[rep].file)
        return {"kind": "passages", "files": [REPS[rep].file], "sections": [sec]}


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return N(100.0 * a / b, "percent")


def AG(rep):
    return {"kind": "agency", "value": REPS[rep].agency}


def L(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def names(reps):
    return [REPS[r].agency for r in reps]


def BO(v):
    return {"kind": "boolean", "value": bool(v)}


def top(g, pairs, k):
    out = pairs[:k]
    return out


def cite_pairs(g, pairs, key):
    for r, _ in pairs:
        g.cite(r, key)
    return [r for r, _ in pairs]


def K(*parts):
    return ".".join(parts)


# ----------------------------------------------------------------------------- recipes

R: dict[str, object] = {}
QUALITY = {"h62-013", "h62-116"}   # cases about a failing group itself


def rec(n):
    def deco(fn):
        R[f"h62-{n:03d}"] = fn
        return fn
    return deco


def wsum(g, rep):
    return g.s(rep, [f"requests.{w}.total" for w in WITHHELD])


# 001-016 market-regulation official
rec(1)(lambda g: N(g.v(H4, "active.penalty.decisions")))


@rec(2)
def _(g):
    vals = {w: g.v(H4, f"requests.{w}.total", cite=False) for w in WITHHELD}
    hit = [w for w in WITHHELD if vals[w] > 0]
    for w in hit:
        g.cite(H4, f"requests.{w}.total")
    return L([WITHHELD_LABEL[w] for w in hit])


rec(3)(lambda g: pct(wsum(g, H3), g.v(H3, "requests.handled.total")))


@rec(4)
def _(g):
    others = [g.v(r, "active.penalty.decisions") for r in (A, C, D, E)]
    return N(g.v(B, "active.penalty.decisions") - statistics.mean(others))


rec(5)(lambda g: N(g.v(H4, "active.fees.amount"), "yuan"))
rec(6)(lambda g: BO(g.v(H4, "active.coercion.decisions") < g.v(H3, "active.coercion.decisions")))
rec(7)(lambda g: N(g.v(H4, "requests.unavailable_not_held.total")))
rec(8)(lambda g: pct(g.v(H4, "requests.granted.total") + g.v(H4, "requests.partial.total"),
                     g.v(H4, "requests.handled.total")))


@rec(9)
def _(g):
    vals = {w: g.v(A, f"requests.{w}.total", cite=False) for w in WITHHELD}
    hit = [w for w in WITHHELD if vals[w] > 0]
    for w in hit:
        g.cite(A, f"requests.{w}.total")
    return L([WITHHELD_LABEL[w] for w in hit])


rec(10)(lambda g: N(sum(1 for r in S5 if g.v(r, "requests.withheld_third_party.total") > 0)))
rec(11)(lambda g: N(g.v(H3, "review.lawsuit_direct.total")))
rec(12)(lambda g: g.failing(H3, "review.reconsideration.upheld"))


@rec(13)
def _(g):
    parts = g.s(H3, [f"review.reconsideration.{p}" for p in REVIEW_PARTS])
    return BO(parts == g.v(H3, "review.reconsideration.total"))


rec(14)(lambda g: N(g.v(H4, "active.normative.in_force")))
rec(15)(lambda g: N(g.v(H4, "active.licensing.decisions") - g.v(H4, "active.penalty.decisions")))
rec(16)(lambda g: N(g.s(H4, [f"requests.new.{c}" for c in COLS[1:6]])))

# 017-032 graduate student
rec(17)(lambda g: N(g.v(H4, "requests.handled.total")))
rec(18)(lambda g: N(sum(g.v(r, "requests.new.total") for r in ALL7)))
rec(19)(lambda g: pct(g.v(H4, "requests.granted.total"), g.v(H4, "requests.handled.total")))
rec(20)(lambda g: N(g.v(C, "active.procurement.amount") / g.v(C, "active.procurement.projects"), "yuan"))
rec(21)(lambda g: N(wsum(g, H4)))
rec(22)(lambda g: BO(any([g.v(r, "requests.carried_in.total") != 0 for r in ALL7])))
rec(23)(lambda g: N(g.v(H3, "active.fees.amount") + g.v(H4, "active.fees.amount"), "yuan"))
rec(24)(lambda g: N(g.s(H3, [f"requests.{u}.total" for u in UNAVAILABLE])))
rec(25)(lambda g: N(g.v(H4, "review.lawsuit_direct.total") + g.v(H4, "review.lawsuit_after_review.total")))
rec(26)(lambda g: N(g.v(E, "active.penalty.prev_items")))
rec(27)(lambda g: pct(g.v(H3, "requests.new.person"), g.v(H3, "requests.new.total")))


@rec(28)
def _(g):
    reps = [r for r in ALL7 if REPS[r].template == "2019"]
    nz = [(r, v) for r, v in g.ranked(reps, "active.rules.published") if v != 0]
    if len(nz) != 1:
        raise Reject(f"expected one non-zero agency, got {nz}")
    cite_pairs(g, nz, "active.rules.published")
    return AG(nz[0][0])


rec(29)(lambda g: N(g.v(H3, "requests.partial.total")))
rec(30)(lambda g: g.blank(A, "requests.unavailable_not_held.total"))
rec(31)(lambda g: L(sorted({REPS[r].agency for r in ALL7 if REPS[r].template == "2019"})))
rec(32)(lambda g: N(g.v(H4, "review.reconsideration.corrected")))

# 033-048 grandson
rec(33)(lambda g: N(g.v(D, "requests.granted.total")))
rec(34)(lambda g: N(g.v(H4, "requests.new.total")))
rec(35)(lambda g: BO(REPS[A].published < REPS[D].published))
rec(36)(lambda g: N(g.v(E, "active.procurement.amount"), "yuan"))
rec(37)(lambda g: N(g.v(H3, "active.fees.amount"), "yuan"))
rec(38)(lambda g: BO(all(REPS[r].province == "江苏省" for r in (H3, H4))))
rec(39)(lambda g: g.blank(D, "requests.declined_complaint.total"))
rec(40)(lambda g: N(g.v(C, "active.penalty.change")))
rec(41)(lambda g: N(g.v(H4, "requests.partial.total")))


@rec(42)
def _(g):
    b, e = g.v(B, "active.procurement.projects"), g.v(E, "active.procurement.projects")
    if b == e:
        raise Reject("tie")
    return AG(B if b > e else E)


rec(43)(lambda g: N(g.v(H3, "active.licensing.decisions")))
rec(44)(lambda g: g.passage(D, "五", "答复依申请公开处理水平有待提高"))
rec(45)(lambda g: g.not_in_collection("洪泽区", 2022))
rec(46)(lambda g: N(g.v(D, "active.procurement.amount") / g.v(D, "active.procurement.projects"), "yuan"))
rec(47)(lambda g: BO(REPS[E].kind == "street_office"))
rec(48)(lambda g: N(g.v(H4, "review.reconsideration.total")))

# 049-064 Japanese journalist
rec(49)(lambda g: N(g.v(H3, "active.penalty.decisions")))
rec(50)(lambda g: N(g.v(B, "requests.new.total")))
rec(51)(lambda g: N(g.v(C, "active.procurement.projects")))
rec(52)(lambda g: N(g.v(H4, "active.licensing.decisions") - g.v(H3, "active.licensing.decisions")))
rec(53)(lambda g: N(g.v(E, "active.coercion.prev_items")))
rec(54)(lambda g: N(g.v(H3, "active.fees.amount") - g.v(H4, "active.fees.amount"), "yuan"))


@rec(55)
def _(g):
    bureaus = [r for r in ALL7 if REPS[r].agency.endswith("统计局")]
    ranked = g.ranked(bureaus, "active.penalty.decisions")
    if ranked[0][1] == ranked[1][1]:
        raise Reject("tie at the top")
    cite_pairs(g, ranked[:1], "active.penalty.decisions")
    return AG(ranked[0][0])


rec(56)(lambda g: pct(g.s(H4, [f"requests.{u}.total" for u in UNAVAILABLE]), g.v(H4, "requests.handled.total")))
rec(57)(lambda g: g.passage(D, "一", "全年未发生责任追究情况"))
rec(58)(lambda g: g.failing(H3, "review.reconsideration.corrected"))


@rec(59)
def _(g):
    bureaus = [r for r in ALL7 if REPS[r].agency.endswith("统计局") and REPS[r].year == 2020]
    ranked = g.ranked(bureaus, "active.procurement.amount", desc=False)
    cite_pairs(g, ranked[:1], "active.procurement.amount")
    return AG(ranked[0][0])


@rec(60)
def _(g):
    a, b = g.v(A, "active.procurement.projects"), g.v(B, "active.procurement.projects")
    return AG(A if a > b else B)


rec(61)(lambda g: N(g.v(H4, "review.lawsuit_after_review.other")))
rec(62)(lambda g: BO(REPS[C].province == "浙江省"))
rec(63)(lambda g: g.passage(E, "一", "把政府信息与政务公开与目标考核相结合"))
rec(64)(lambda g: BO(g.v(C, "requests.new.total") > g.v(B, "requests.new.total")))


# 065-080 data scientist
@rec(65)
def _(g):
    ranked = g.ranked(S5, "active.procurement.amount")
    return L(names(cite_pairs(g, ranked, "active.procurement.amount")), True)


@rec(66)
def _(g):
    reps = [r for r in ALL7 if "active.procurement.projects" in REPS[r].facts]
    ranked = g.ranked(reps, "active.procurement.projects")
    return L(names(cite_pairs(g, ranked[:3], "active.procurement.projects")), True)


@rec(67)
def _(g):
    reps = [r for r in ALL7 if "active.procurement.projects" in REPS[r].facts]
    ranked = g.ranked(reps, "active.procurement.projects", desc=False)
    return L(names(cite_pairs(g, ranked[:2], "active.procurement.projects")), True)


@rec(68)
def _(g):
    reps = [r for r in ALL7 if REPS[r].year == 2020]
    ranked = g.ranked(reps, "requests.new.total")
    distinct = sorted({v for _, v in ranked}, reverse=True)
    second = [(r, v) for r, v in ranked if v == distinct[1]]
    return L(names(cite_pairs(g, second, "requests.new.total")))


@rec(69)
def _(g):
    ranked = g.ranked(S5, "active.penalty.prev_items")
    vals = [v for _, v in ranked]
    if len(set(vals)) != len(vals):
        raise Reject("ties make the order ambiguous")
    return L(names(cite_pairs(g, ranked, "active.penalty.prev_items")), True)


@rec(70)
def _(g):
    ranked = g.ranked(ALL7, "requests.new.total")
    cite_pairs(g, ranked[:1], "requests.new.total")
    return AG(ranked[0][0])


rec(71)(lambda g: N(statistics.mean(g.v(r, "requests.handled.total") for r in ALL7)))
rec(72)(lambda g: N(sum(1 for r in ALL7 if g.v(r, "active.licensing.decisions") > 0)))
rec(73)(lambda g: N(sum(g.v(r, "active.procurement.projects") for r in S5)))
rec(74)(lambda g: N(statistics.median(g.v(r, "active.procurement.amount") for r in S5), "yuan"))


@rec(75)
def _(g):
    vals = [g.v(r, "requests.new.total") for r in ALL7]
    return N(max(vals) - min(vals))


@rec(76)
def _(g):
    reps = [r for r in ALL7 if REPS[r].year == 2020]
    ranked = g.ranked(reps, "active.penalty.prev_items", desc=False)
    if ranked[0][1] == ranked[1][1]:
        raise Reject("tie at the bottom")
    cite_pairs(g, ranked[:1], "active.penalty.prev_items")
    return AG(ranked[0][0])


@rec(77)
def _(g):
    ranked = g.ranked(S5, "active.procurement.amount", desc=False)
    cite_pairs(g, ranked[1:2], "active.procurement.amount")
    return AG(ranked[1][0])


rec(78)(lambda g: N(sum(1 for r in ALL7 if g.v(r, "requests.partial.total") == 0)))
rec(79)(lambda g: N(sum(g.v(r, "requests.withheld_process.total") for r in ALL7)))


@rec(80)
def _(g):
    hit = [(r, v) for r, v in g.ranked(S5, "active.penalty.change") if v != 0]
    return L(names(cite_pairs(g, hit, "active.penalty.change")))


# 081-094 multi-turn (the recipe answers the last turn)
rec(81)(lambda g: N(g.v(H4, "active.licensing.decisions")))
rec(82)(lambda g: N(g.v(H4, "requests.new.total")))
rec(83)(lambda g: N(g.v(C, "active.procurement.amount"), "yuan"))
rec(84)(lambda g: N(g.v(H3, "active.fees.amount"), "yuan"))
rec(85)(lambda g: g.blank(A, "requests.unavailable_not_held.total"))


@rec(86)
def _(g):
    street = [r for r in ALL7 if REPS[r].kind == "street_office"]
    if len(street) != 1:
        raise Reject(f"expected one street office, got {street}")
    return N(g.v(street[0], "active.procurement.projects"))


rec(87)(lambda g: N(g.v(H4, "active.coercion.decisions")))
rec(88)(lambda g: N(g.v(D, "requests.unavailable_not_held.total")))
rec(89)(lambda g: N(g.v(H4, "requests.new.total") - g.v(H3, "requests.new.total")))
rec(90)(lambda g: pct(g.v(H3, "requests.granted.total"), g.v(H3, "requests.handled.total")))
rec(91)(lambda g: N(g.v(E, "active.penalty.decisions")))


@rec(92)
def _(g):
    reps = [r for r in ALL7 if "active.procurement.amount" in REPS[r].facts]
    topr = g.ranked(reps, "active.procurement.amount", ctx=True)[0][0]   # earlier turn's referent
    return N(g.v(topr, "active.procurement.projects"))


rec(93)(lambda g: N(g.v(H3, "active.normative.in_force")))
rec(94)(lambda g: N(g.v(H3, "review.lawsuit_direct.total")))

# 095-120 mixed
rec(95)(lambda g: g.passage(C, "五", "信息公开范围单一"))
rec(96)(lambda g: g.passage(A, "五", "加强政府信息公开业务学习和培训"))
rec(97)(lambda g: g.passage(C, "二", "普法宣传"))
rec(98)(lambda g: g.passage(B, "一", "统计开放日"))
rec(99)(lambda g: g.passage(D, "一", "加强公共卫生信息公开"))
rec(100)(lambda g: g.passage(E, "五", "进一步规范公开内容"))
rec(101)(lambda g: g.passage(A, "六", "暂无其他需要报告的事项"))
rec(102)(lambda g: g.absent(H4, "active.procurement.amount"))
rec(103)(lambda g: g.absent(H4, "requests.other_no_fee.total"))
rec(104)(lambda g: g.absent(C, "active.fees.amount"))
rec(105)(lambda g: L(sorted({REPS[r].agency for r in ALL7 if REPS[r].province == "河南省"})))
rec(106)(lambda g: g.not_in_collection("浦东"))
rec(107)(lambda g: N(sum(1 for r in ALL7 if REPS[r].year == 2020)))
rec(108)(lambda g: L(sorted({REPS[r].agency for r in ALL7 if REPS[r].kind == "department"})))


@rec(109)
def _(g):
    ranked = g.ranked(S5, "active.procurement.amount")
    cite_pairs(g, ranked[2:3], "active.procurement.amount")
    return AG(ranked[2][0])


rec(110)(lambda g: N(g.v(C, "active.procurement.amount") - g.v(B, "active.procurement.amount"), "yuan"))
rec(111)(lambda g: N(sum(g.v(r, "active.procurement.projects") for r in ALL7
                         if REPS[r].province == "浙江省" and REPS[r].agency.endswith("统计局"))))
rec(112)(lambda g: pct(g.v(D, "requests.unavailable_not_held.total"), g.v(D, "requests.handled.total")))
rec(113)(lambda g: pct(g.v(H4, "requests.new.total") - g.v(H3, "requests.new.total"), g.v(H3, "requests.new.total")))
rec(114)(lambda g: BO(g.v(H4, "active.normative.issued") > g.v(H3, "active.normative.issued")))
rec(115)(lambda g: BO(REPS[E].published is not None))
rec(116)(lambda g: N(g.s(H3, [f"review.lawsuit_after_review.{p}" for p in REVIEW_PARTS])
                     - g.v(H3, "review.lawsuit_after_review.total")))
rec(117)(lambda g: N(sum(1 for r in ALL7 if REPS[r].template == "2021")))
rec(118)(lambda g: N(g.s(H4, [f"requests.{x}.total" for x in DECLINED])))
rec(119)(lambda g: N(g.v(H3, "active.coercion.decisions") + g.v(H4, "active.coercion.decisions")))
rec(120)(lambda g: L(sorted({REPS[r].agency for r in ALL7 if REPS[r].year == 2020
                             and REPS[r].published and REPS[r].published <= "2021-01-13"})))

MULTI_TURN = {f"h62-{n:03d}" for n in range(81, 95)}


# ----------------------------------------------------------------------------- comparison

def close(a, b):
    return abs(a - b) <= max(0.006, 1e-4 * abs(b))   # tighter than the harness' 0.5 %


def same_expect(got: dict, want: dict) -> str | None:
    if got.get("kind") != want["kind"]:
        return f"kind {got.get('kind')!r} != {want['kind']!r}"
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            return f"unit {got.get('unit')!r} != {want['unit']!r}"
        if not isinstance(got.get("value"), (int, float)) or not close(got["value"], want["value"]):
            return f"value {got.get('value')!r} != {want['value']!r}"
    elif k == "agency":
        if got.get("value") != want["value"]:
            return f"agency {got.get('value')!r} != {want['value']!r}"
    elif k == "list":
        gv, wv = got.get("values"), want["values"]
        if bool(got.get("ordered")) != want["ordered"]:
            return f"ordered {got.get('ordered')!r} != {want['ordered']!r}"
        if not isinstance(gv, list):
            return "values missing"
        if want["ordered"]:
            ok = gv == wv
        else:
            ok = sorted(map(str, gv)) == sorted(map(str, wv))
        if not ok:
            return f"values {gv!r} != {wv!r}"
    elif k == "boolean":
        if got.get("value") is not want["value"]:
            return f"boolean {got.get('value')!r} != {want['value']!r}"
    elif k == "passages":
        if got.get("files") != want["files"] or got.get("sections") != want["sections"]:
            return f"passages {got.get('files')}/{got.get('sections')} != {want['files']}/{want['sections']}"
    elif k == "unanswerable":
        pass
    return None


def cjk_count(s):
    return sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")


def latin_count(s):
    return sum(1 for ch in s if ch.isascii() and ch.isalpha())


def check_case(case: dict) -> list[str]:
    cid = case.get("id", "?")
    probs = []
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(case) - allowed:
        probs.append(f"unknown fields {sorted(set(case) - allowed)}")
    if not isinstance(case.get("question"), str) or not case["question"].strip():
        probs.append("question missing")
    tags = case.get("tags", [])
    cite = case.get("cite", [])
    for c in cite:
        if not CITE_RE.match(c):
            probs.append(f"cite {c!r} malformed")
    if len(cite) != len(set(cite)):
        probs.append("duplicate cites")
    # language tag
    langs = [t for t in tags if t in ("zh", "en")]
    if len(langs) != 1:
        probs.append(f"needs exactly one of zh/en, has {langs}")
    else:
        q = case.get("question", "")
        lang = "zh" if cjk_count(q) > latin_count(q) else "en"
        if lang != langs[0]:
            probs.append(f"tagged {langs[0]} but the question reads as {lang}")
    # turns
    turns = case.get("turns")
    if cid in MULTI_TURN:
        if not isinstance(turns, list) or not 1 <= len(turns) <= 3 or not all(isinstance(t, str) and t.strip() for t in turns):
            probs.append("multi-turn case needs 1-3 earlier turns")
    elif turns:
        probs.append("unexpected turns")
    # the recipe
    fn = R.get(cid)
    if fn is None:
        return probs + ["no recipe"]
    g = G(quality=cid in QUALITY)
    try:
        want = fn(g)
    except Reject as e:
        return probs + [f"recipe rejected: {e}"]
    why = same_expect(case.get("expect", {}), want)
    if why:
        probs.append(why)
    if want["kind"] == "number" and want["unit"] == "count" and 1990 <= want["value"] <= 2100 \
            and float(want["value"]).is_integer():
        probs.append("a year-like count (years are never asked as numbers)")
    # cites
    want_cite = [f"{REPS[r].file}#{k}" for r, k in g.cited] + g.files_cited
    if sorted(cite) != sorted(want_cite):
        miss = sorted(set(want_cite) - set(cite))
        extra = sorted(set(cite) - set(want_cite))
        probs.append(f"cite mismatch: missing {miss} extra {extra}")
    # derived tags
    guessed = any(REPS[r].facts[k].get("unit_assumed") for r, k in g.used)
    mixed = len({REPS[r].year for r, k in g.used}) > 1
    if guessed != ("guessed_unit" in tags):
        probs.append(f"guessed_unit tag should be {'present' if guessed else 'absent'}")
    if mixed != ("mixed_years" in tags):
        probs.append(f"mixed_years tag should be {'present' if mixed else 'absent'}")
    if (cid in QUALITY) != ("quality" in tags):
        probs.append("quality tag / quality recipe disagree")
    if want["kind"] == "unanswerable" and cite:
        probs.append("an unanswerable case cites cells")
    return probs


def check_cases(cases: list[dict]) -> tuple[int, list[str]]:
    """(number of cases that match, list of mismatch lines)."""
    out = []
    ids = [c.get("id") for c in cases]
    want_ids = [f"h62-{n:03d}" for n in range(1, N_CASES + 1)]
    if ids != want_ids:
        out.append(f"ids: expected h62-001 .. h62-{N_CASES:03d} in order, got {len(ids)} ids")
    zh = sum(1 for c in cases if "zh" in c.get("tags", []))
    en = sum(1 for c in cases if "en" in c.get("tags", []))
    if (zh, en) != (60, 60):
        out.append(f"language split zh={zh} en={en}, expected 60/60")
    ok = 0
    for c in cases:
        probs = check_case(c)
        if probs:
            out.extend(f"{c.get('id')}: {p}" for p in probs)
        else:
            ok += 1
    if out and ok == len(cases):   # set-level problems spoil the summary too
        ok -= 1
    return ok, out


def gold_checks_agree() -> list[str]:
    """My recomputed R1-R4 must agree with the pass/fail the gold itself records."""
    out = []
    for r in REPS.values():
        gold = json.loads((GOLD / f"{r.stem}.json").read_text(encoding="utf-8")).get("checks", {})
        for rule in ("R1", "R2", "R3", "R4"):
            mine = any(d.startswith(rule + "[") for d in r.failing.values())
            theirs = str(gold.get(rule, "pass")).startswith("fail")
            if mine != theirs:
                out.append(f"{r.stem}: {rule} recomputed {'fail' if mine else 'pass'}, gold says {gold.get(rule)!r}")
    return out


def load(path=CASES) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    cases = load()
    ok, out = check_cases(cases)
    disagree = gold_checks_agree()
    out = disagree + out
    for line in out:
        print(line)
    print(f"SUMMARY {ok}/{N_CASES}")
    return 0 if ok == N_CASES and not out and not disagree and len(cases) == N_CASES else 1


if __name__ == "__main__":
    sys.exit(main())
