#!/usr/bin/env python3
"""Reference check for eval/qa_holdout37.jsonl (120 blind cases, h37-001 .. h37-120).

Recomputes, for every case, the expected answer, the cite list and the `guessed_unit` /
`mixed_years` tags from the hand-checked gold facts (tests/fixtures/gold/*.json) and, for passage
and text-search cases, from the sample texts (data/samples/*.txt); compares with the JSONL and
prints every mismatch and one SUMMARY line. Exit 0 only when all 120 cases match.

    python3 eval/qa_holdout37_reference.py        # mismatches + SUMMARY
    python3 eval/qa_holdout37_reference.py -v     # also every recomputed answer

Standard library only. Conventions (see eval/QA_HOLDOUT37.md):
  * only cells in state "number" are values; blank / absent / missing cells raise NA (never 0);
  * a cell in a failed balance equation (R1-R4, recomputed here from the facts) raises NA unless the
    case is about that failure (allow_failed=True);
  * money in yuan, ratios in percent points;
  * every cell used is cited as "<file>#<table.row.col>"; narrative figures, passages and metadata
    cite the bare file;
  * tag guessed_unit iff a cited cell has unit_assumed; mixed_years iff the cited reports span more
    than one report year.
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
CASES = HERE / "qa_holdout37.jsonl"

ALIASES = {
    "GL": "000_2133ae744f48d674", "LC": "001_19df74b8cb7281a4", "YZ": "002_c42cd15df52a6935",
    "WQ": "003_acfa5b9243423631", "EQ": "004_5206fb2196a31c52",
    "H23": "hongze-qu-gov-2023", "H24": "hongze-qu-gov-2024",
}
ALL7 = ["GL", "LC", "YZ", "WQ", "EQ", "H23", "H24"]

APPL = ["person", "business", "research", "nonprofit", "legal", "other_org"]
COLS = APPL + ["total"]
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAILABLE = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
OTHER = ["other", "other_no_correction", "other_no_fee", "other_misc"]
OUTCOMES = ["granted", "partial"] + WITHHELD + UNAVAILABLE + DECLINED + OTHER
REQ_ROWS = ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending"]
SECTIONS = "一二三四五六"


# ----------------------------------------------------------------------------- loading
def infer_kind(name: str) -> str:
    if name.endswith("人民政府") or "办公厅" in name:
        return "government"
    if "街道" in name or name.endswith(("乡人民政府", "镇人民政府")):
        return "street_office"
    return "department"


def load_reports() -> dict:
    reps = {}
    for alias, stem in ALIASES.items():
        g = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        g["_alias"] = alias
        g["_file"] = Path(g["file"]).name
        g["_kind"] = g.get("agency_kind") or infer_kind(g["agency"])
        txt = SAMPLES / g["_file"]
        g["_text"] = txt.read_text(encoding="utf-8") if txt.exists() else None
        reps[alias] = g
    return reps


REPS = load_reports()
FILE_YEAR = {g["_file"]: g["year"] for g in REPS.values()}
FILE_ALIAS = {g["_file"]: a for a, g in REPS.items()}


def state(g: dict, key: str) -> str:
    f = g["facts"].get(key)
    return f["state"] if f else "missing"


# ----------------------------------------------------------------------------- balance rules
def equations(g: dict):
    """(rule, label, lhs keys, rhs keys): sum(lhs) must equal sum(rhs)."""
    for c in COLS:
        yield ("R1", c, [f"requests.new.{c}", f"requests.carried_in.{c}"],
               [f"requests.handled.{c}", f"requests.carried_out.{c}"])
    for c in COLS:
        rows = [f"requests.{r}.{c}" for r in OUTCOMES if state(g, f"requests.{r}.{c}") not in ("missing", "absent")]
        yield ("R2", c, [f"requests.handled.{c}"], rows)
    for r in REQ_ROWS:
        if state(g, f"requests.{r}.total") in ("missing", "absent"):
            continue
        yield ("R3", r, [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in APPL])
    for grp in REVIEW_GROUPS:
        yield ("R4", grp, [f"review.{grp}.total"], [f"review.{grp}.{c}" for c in REVIEW_COLS])


def check_report(g: dict):
    """Returns (cells in failed equations, {rule: 'pass'|'fail'}, [failure descriptions])."""
    bad, status, failures = set(), {}, []
    for rule, label, lhs, rhs in equations(g):
        keys = lhs + rhs
        status.setdefault(rule, "pass")
        if any(state(g, k) != "number" for k in keys):
            continue  # not checkable (blank / absent cell): skipped, not failed
        lv = sum(g["facts"][k]["value"] for k in lhs)
        rv = sum(g["facts"][k]["value"] for k in rhs)
        if abs(lv - rv) > 1e-9:
            bad.update(keys)
            status[rule] = "fail"
            failures.append(f"{rule}[{label}]: {lv} != {rv}")
    return bad, status, failures


FAILED = {}
SETUP_ERRORS = []
for _a, _g in REPS.items():
    _bad, _status, _fails = check_report(_g)
    FAILED[_a] = _bad
    for _rule, _st in _status.items():
        _gold = str(_g["checks"].get(_rule, "")).split(":")[0].strip()
        if _gold != _st:
            SETUP_ERRORS.append(f"{_a}: recomputed {_rule}={_st} but gold says {_g['checks'].get(_rule)!r}")


# ----------------------------------------------------------------------------- text sections
_HEAD = re.compile(r"^[\s#*|]*([一二三四五六])、")


def split_sections(text: str) -> dict:
    """Canonical section 一..六 -> its text. A heading only opens a section later than the current one
    (table rows such as '一、本年新收…' inside section 三 do not reopen 一)."""
    out = {s: [] for s in SECTIONS}
    cur = None
    for line in text.splitlines():
        m = _HEAD.match(line)
        if m and (cur is None or SECTIONS.index(m.group(1)) > SECTIONS.index(cur)):
            cur = m.group(1)
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


# ----------------------------------------------------------------------------- context
class NA(Exception):
    """The data cannot answer (blank / absent / missing / failed-balance cell, no such report)."""


class Ctx:
    def __init__(self):
        self.cites: list[str] = []
        self.excluded: list[str] = []  # cells left out of a list / ranking (a note is then required)

    def _cite(self, c: str):
        if c not in self.cites:
            self.cites.append(c)

    def cell(self, a: str, key: str, allow_failed: bool = False):
        g = REPS[a]
        f = g["facts"].get(key)
        if f is None:
            raise NA(f"{a}: no cell {key} in a {g['template']}-template report")
        if f["state"] != "number":
            raise NA(f"{a}: {key} is {f['state']}")
        if key in FAILED[a] and not allow_failed:
            raise NA(f"{a}: {key} takes part in a failed balance equation")
        self._cite(f"{g['_file']}#{key}")
        return f["value"]

    def opt(self, a: str, key: str):
        """A cell for a list / ranking: None (and recorded as excluded) when it is not usable."""
        try:
            return self.cell(a, key)
        except NA as e:
            self.excluded.append(str(e))
            return None

    def file(self, a: str):
        self._cite(REPS[a]["_file"])
        return REPS[a]

    def narrative(self, a: str, snippet: str):
        hits = [n for n in REPS[a]["narrative_numbers"] if snippet in n["text"]]
        if len(hits) != 1:
            raise RuntimeError(f"{a}: narrative {snippet!r} matched {len(hits)} entries")
        self.file(a)
        return hits[0]["value"]

    def report(self, agency_part: str, year: int):
        hits = [a for a, g in REPS.items() if agency_part in g["agency"] and g["year"] == year]
        if not hits:
            raise NA(f"no report of {agency_part} for {year}")
        return hits[0]

    def section_has(self, a: str, sec: str, keyword: str) -> bool:
        text = REPS[a]["_text"]
        if text is None:
            raise RuntimeError(f"{a}: no sample text")
        return keyword in split_sections(text)[sec]


# ----------------------------------------------------------------------------- expect builders
def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    if b == 0:
        raise NA("zero denominator")
    return num(a / b * 100, "percent")


def agency_of(a: str) -> str:
    return REPS[a]["agency"]


def top(pairs, lowest=False):
    """pairs: [(alias, value or None)] -> {"kind": "agency"} for the unique top report."""
    pairs = [(a, v) for a, v in pairs if v is not None]
    best = (min if lowest else max)(v for _, v in pairs)
    winners = {agency_of(a) for a, v in pairs if v == best}
    if len(winners) != 1:
        raise RuntimeError(f"tie at the top: {winners}")
    return {"kind": "agency", "value": winners.pop()}


def lst(values, ordered=False):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def passages(c: Ctx, a: str, sec: str, keyword: str):
    if not c.section_has(a, sec, keyword):
        raise RuntimeError(f"{a}: {keyword!r} not found in section {sec}")
    for other in SECTIONS:
        if other != sec and c.section_has(a, other, keyword):
            raise RuntimeError(f"{a}: {keyword!r} also in section {other}; pick a sharper keyword")
    c.file(a)
    return {"kind": "passages", "files": [REPS[a]["_file"]], "sections": [sec]}


def unanswerable(fn):
    """fn(ctx) must fail with NA; the case then expects `unanswerable` and cites nothing."""
    def spec(c: Ctx):
        probe = Ctx()
        try:
            fn(probe)
        except NA:
            return {"kind": "unanswerable"}
        raise RuntimeError("the data CAN answer this case")
    spec.unanswerable = True
    return spec


def text_search(c: Ctx, aliases, keyword):
    found = [a for a in aliases if keyword in REPS[a]["_text"]]
    for a in found:
        c.file(a)
    return lst(uniq(agency_of(a) for a in found))


def S(*aliases):
    return list(aliases)


S5 = ["GL", "LC", "YZ", "WQ", "EQ"]
BUREAUS = [a for a in ALL7 if REPS[a]["agency"].endswith("统计局")]
Y2020 = [a for a in ALL7 if REPS[a]["year"] == 2020]
PROC = [a for a in ALL7 if "active.procurement.amount" in REPS[a]["facts"]]  # 2019-template reports


def change(c, key, old="H23", new="H24"):
    return c.cell(new, key) - c.cell(old, key)


# ----------------------------------------------------------------------------- the 120 specs
SPECS = {}


def spec(cid, needs_note=False):
    def deco(fn):
        fn.needs_note = needs_note or getattr(fn, "needs_note", False)
        SPECS[cid] = fn
        return fn
    return deco


def reg(cid, fn, needs_note=False):
    fn.needs_note = needs_note or getattr(fn, "unanswerable", False)
    SPECS[cid] = fn


# -- hotline supervisor
reg("h37-001", lambda c: num(c.cell("LC", "active.penalty.decisions")))
reg("h37-002", lambda c: num(c.cell("H24", "active.licensing.decisions")))
reg("h37-003", lambda c: num(c.cell("EQ", "active.procurement.amount"), "yuan"))
reg("h37-004", lambda c: num(c.cell("H23", "active.fees.amount"), "yuan"))
reg("h37-005", lambda c: num(c.narrative("H23", "信息处理费0元"), "yuan"), True)
reg("h37-006", lambda c: top([(a, c.cell(a, "active.penalty.decisions")) for a in Y2020]))
reg("h37-007", lambda c: top([(a, c.cell(a, "active.procurement.projects"))
                              for a in ALL7 if REPS[a]["year"] in (2019, 2020)]))
reg("h37-008", lambda c: passages(c, "GL", "五", "加强政府信息公开业务学习和培训"))
reg("h37-009", unanswerable(lambda c: c.cell("H24", "active.procurement.amount")))
reg("h37-010", unanswerable(lambda c: c.cell("H23", "review.lawsuit_direct.total")
                            + c.cell("H23", "review.lawsuit_after_review.total")))
reg("h37-011", lambda c: lst(uniq(agency_of(a) for a in ALL7 if c.cell(a, "requests.new.total") == 0)), True)


@spec("h37-012", needs_note=True)
def _(c):
    undated = [a for a in ALL7 if not REPS[a]["published"]]
    for a in undated:
        c.file(a)
    return lst(uniq(agency_of(a) for a in undated))


@spec("h37-013", needs_note=True)
def _(c):
    vals = [(a, c.cell(a, "active.procurement.amount")) for a in Y2020]
    vals.sort(key=lambda x: -x[1])
    assert len({v for _, v in vals}) == len(vals), "tie"
    return lst([agency_of(a) for a, _ in vals], True)


reg("h37-014", lambda c: num(sum(c.cell("H24", f"requests.{r}.total") for r in UNAVAILABLE)))
reg("h37-015", lambda c: num(sum(c.cell(a, "active.procurement.amount") for a in Y2020), "yuan"), True)

# -- PhD student
reg("h37-016", lambda c: pct(sum(c.cell("H24", f"requests.{w}.total") for w in WITHHELD),
                             c.cell("H24", "requests.handled.total")))
reg("h37-017", lambda c: pct(c.cell("H23", "requests.partial.total"), c.cell("H23", "requests.handled.total")))
reg("h37-018", lambda c: pct(c.cell("H24", "requests.handled.total"),
                             c.cell("H24", "requests.new.total") + c.cell("H24", "requests.carried_in.total")))
reg("h37-019", lambda c: pct(c.cell("H23", "active.coercion.decisions"), c.cell("H23", "active.penalty.decisions")))
reg("h37-020", lambda c: num(sum(c.cell(a, "requests.new.total") for a in S5) / len(S5)))


@spec("h37-021")
def _(c):
    return pct(c.cell("H24", "requests.granted.total") + c.cell("H24", "requests.partial.total"),
               c.cell("H24", "requests.handled.total"))


@spec("h37-022", needs_note=True)
def _(c):
    amount = projects = 0
    for a in PROC:
        amount += c.cell(a, "active.procurement.amount")
        projects += c.cell(a, "active.procurement.projects")
    return num(amount / projects, "yuan")


@spec("h37-023")
def _(c):
    old = c.cell("H23", "active.licensing.decisions")
    new = c.cell("H24", "active.licensing.decisions")
    return pct(new - old, old)


reg("h37-024", lambda c: top([(a, c.cell(a, "active.procurement.amount") / c.cell(a, "active.procurement.projects"))
                              for a in Y2020], lowest=True), True)


@spec("h37-025")
def _(c):
    zj = [a for a in BUREAUS if REPS[a]["province"] == "浙江省"]
    assert sorted(zj) == ["LC", "YZ"]
    yz = c.cell("YZ", "active.procurement.amount")
    return pct(yz, yz + c.cell("LC", "active.procurement.amount"))


reg("h37-026", lambda c: pct(c.cell("YZ", "active.rules.published"), c.cell("YZ", "active.rules.public_total")))
reg("h37-027", lambda c: pct(c.cell("H24", "review.reconsideration.corrected"),
                             c.cell("H24", "review.reconsideration.total")))
reg("h37-028", unanswerable(lambda c: c.cell("H24", "requests.response_days.total")))
reg("h37-029", lambda c: top([(a, c.cell(a, "active.penalty.prev_items")) for a in BUREAUS]))
reg("h37-030", lambda c: num(sum(c.cell(a, "active.penalty.decisions") for a in ALL7)))
reg("h37-031", lambda c: top([(a, c.opt(a, "requests.unavailable_not_held.total")) for a in ALL7]), True)

# -- non-native writer
reg("h37-032", lambda c: num(c.cell("LC", "active.penalty.prev_items")))
reg("h37-033", lambda c: num(c.cell("H24", "requests.partial.total")))
reg("h37-034", lambda c: num(c.cell("EQ", "active.coercion.prev_items")))
reg("h37-035", lambda c: num(c.cell("H24", "requests.declined_complaint.total")))
reg("h37-036", lambda c: num(c.cell("H23", "requests.withheld_secret.total")))
reg("h37-037", lambda c: top([(a, c.cell(a, "active.procurement.amount") / c.cell(a, "active.procurement.projects"))
                              for a in PROC]), True)
reg("h37-038", lambda c: lst(uniq(agency_of(a) for a in ALL7 if c.cell(a, "active.penalty.decisions") != 0)))
reg("h37-039", unanswerable(lambda c: c.cell(c.report("鹿城区统计局", 2021), "active.penalty.decisions")))
reg("h37-040", lambda c: passages(c, "LC", "一", "强化组织保障"))
reg("h37-041", lambda c: num(c.narrative("WQ", "业务公文6条")), True)
reg("h37-042", unanswerable(lambda c: c.cell("H23", "requests.other_no_fee.total")))
reg("h37-043", lambda c: num(c.cell("YZ", "requests.granted.total")))
reg("h37-044", lambda c: num(c.cell("H24", "requests.new.business")))
reg("h37-045", lambda c: passages(c, "EQ", "一", "四个结合"))
reg("h37-046", unanswerable(lambda c: sum(c.cell("WQ", f"requests.{r}.total") for r in UNAVAILABLE)))

# -- journalist
reg("h37-047", lambda c: num(c.cell("WQ", "requests.granted.total")))
reg("h37-048", lambda c: num(c.cell("H23", "active.penalty.decisions")))
reg("h37-049", lambda c: num(c.cell("YZ", "active.procurement.amount"), "yuan"))
reg("h37-050", lambda c: num(c.cell("WQ", "active.procurement.amount"), "yuan"))
reg("h37-051", lambda c: num(c.cell("H24", "review.lawsuit_direct.total")))
reg("h37-052", lambda c: num(c.cell("H24", "review.lawsuit_after_review.total")))
reg("h37-053", lambda c: num(c.cell("H24", "requests.withheld_safety.total")))
reg("h37-054", lambda c: num(c.cell("H23", "requests.new.total") + c.cell("H24", "requests.new.total")))
reg("h37-055", lambda c: num(c.cell("EQ", "active.penalty.prev_items")))
reg("h37-056", lambda c: num(sum(c.cell(a, "active.procurement.projects") for a in Y2020
                                 if REPS[a]["province"] == "福建省")))
reg("h37-057", lambda c: num(sum(c.cell(a, "active.procurement.amount") for a in BUREAUS
                                 if REPS[a]["province"] == "浙江省"), "yuan"))
reg("h37-058", lambda c: num(c.narrative("YZ", "官方微博")), True)
reg("h37-059", lambda c: top([(a, c.cell(a, "requests.new.total")) for a in ALL7]), True)


@spec("h37-060", needs_note=True)
def _(c):
    failing = [a for a in ALL7 if FAILED[a]]
    for a in failing:
        for key in sorted(FAILED[a]):
            c.cell(a, key, allow_failed=True)
    return lst(uniq(agency_of(a) for a in failing))


reg("h37-061", unanswerable(lambda c: c.cell("EQ", "active.fees.amount")))
reg("h37-062", unanswerable(lambda c: c.cell("GL", "requests.unavailable_not_held.total")))
reg("h37-063", lambda c: passages(c, "WQ", "五", "答复依申请公开处理水平有待提高"))
reg("h37-064", lambda c: passages(c, "LC", "一", "统计开放日"))


@spec("h37-065", needs_note=True)
def _(c):
    narrative = c.narrative("H24", "受理政府信息公开申请17件")
    return boolean(narrative == c.cell("H24", "requests.new.total"))


# -- wrong direction
reg("h37-066", lambda c: num(change(c, "active.penalty.decisions")), True)
reg("h37-067", lambda c: num(change(c, "active.coercion.decisions")), True)
reg("h37-068", lambda c: boolean(change(c, "active.fees.amount") > 0), True)
reg("h37-069", lambda c: num(change(c, "active.fees.amount"), "yuan"), True)
reg("h37-070", lambda c: num(c.cell("LC", "active.penalty.change")), True)
reg("h37-071", lambda c: num(change(c, "active.licensing.decisions")), True)
reg("h37-072", lambda c: boolean(change(c, "requests.new.total") < 0), True)
reg("h37-073", lambda c: num(change(c, "requests.unavailable_not_held.total")), True)
reg("h37-074", lambda c: boolean(change(c, "active.normative.in_force") < 0), True)
reg("h37-075", lambda c: num(change(c, "requests.unavailable_needs_creation.total")), True)
reg("h37-076", lambda c: boolean(c.cell("YZ", "active.penalty.change") > 0), True)
reg("h37-077", lambda c: boolean(change(c, "review.lawsuit_direct.total") < 0), True)

# -- multi-turn chats (the answer to the last question)
reg("h37-078", lambda c: num(c.cell("H24", "requests.new.total")))
reg("h37-079", lambda c: num(c.cell("LC", "active.coercion.decisions")))
reg("h37-080", lambda c: num(c.cell("YZ", "active.procurement.amount") - c.cell("LC", "active.procurement.amount"), "yuan"), True)
reg("h37-081", lambda c: num(change(c, "requests.partial.total")), True)
reg("h37-082", lambda c: pct(c.cell("WQ", "requests.granted.total"), c.cell("WQ", "requests.new.total")), True)
reg("h37-083", lambda c: num(c.cell("EQ", "active.procurement.projects")))
reg("h37-084", lambda c: num(c.cell("H24", "active.penalty.decisions") + c.cell("H24", "active.coercion.decisions")))


@spec("h37-085", needs_note=True)
def _(c):
    probe = Ctx()  # the previous turn: top 2020 spender (its cells are not part of this answer)
    winner = top([(a, probe.cell(a, "active.procurement.amount")) for a in Y2020])["value"]
    a = [x for x in Y2020 if agency_of(x) == winner][0]
    return num(c.cell(a, "active.procurement.amount"), "yuan")


reg("h37-086", unanswerable(lambda c: c.cell("H23", "review.reconsideration.total")))
reg("h37-087", lambda c: top([("LC", c.cell("LC", "requests.new.total")), ("YZ", c.cell("YZ", "requests.new.total"))]), True)
reg("h37-088", lambda c: num(c.cell("WQ", "requests.new.total")))
reg("h37-089", lambda c: num(c.cell("H24", "requests.granted.total")))
reg("h37-090", lambda c: pct(c.cell("H24", "requests.granted.total"), c.cell("H24", "requests.handled.total")))
reg("h37-091", lambda c: num(c.cell("H24", "active.normative.repealed")))
reg("h37-092", lambda c: num(c.narrative("YZ", "罚款总额"), "yuan"), True)
reg("h37-093", lambda c: num(c.cell("H24", "review.reconsideration.corrected")))
reg("h37-094", unanswerable(lambda c: sum(c.cell("WQ", f"requests.{r}.total") for r in DECLINED)))

# -- passages
reg("h37-095", lambda c: passages(c, "YZ", "五", "信息公开范围单一"))
reg("h37-096", lambda c: passages(c, "EQ", "五", "公开意识及内容需要进一步深化"))
reg("h37-097", lambda c: passages(c, "GL", "一", "加强个人信息保护"))
reg("h37-098", lambda c: passages(c, "WQ", "一", "办事处主任是第一责任人"))
reg("h37-099", lambda c: passages(c, "YZ", "二", "普法宣传"))
reg("h37-100", lambda c: passages(c, "YZ", "一", "信息保密审查"))
reg("h37-101", lambda c: passages(c, "WQ", "六", "暂无其他需要报告的事项"))


# -- metadata
@spec("h37-102", needs_note=True)
def _(c):
    for a in ALL7:
        c.file(a)
    return num(len(ALL7))


@spec("h37-103", needs_note=True)
def _(c):
    for a in ALL7:
        c.file(a)
    return num(len({REPS[a]["agency"] for a in ALL7}))


@spec("h37-104")
def _(c):
    hits = [a for a in ALL7 if REPS[a]["template"] == "2021"]
    for a in hits:
        c.file(a)
    return lst(sorted(REPS[a]["year"] for a in hits))


reg("h37-105", lambda c: boolean(c.file("LC")["published"] < c.file("GL")["published"]), True)
reg("h37-106", lambda c: boolean(c.file("YZ")["city"] == "宁波市"), True)


@spec("h37-107", needs_note=True)
def _(c):
    dated = [a for a in ALL7 if REPS[a]["published"]]
    for a in dated:
        c.file(a)
    return top([(a, REPS[a]["published"]) for a in dated])


reg("h37-108", lambda c: text_search(c, [a for a in ALL7 if REPS[a]["year"] in (2019, 2020)], "统计开放日"))
reg("h37-109", lambda c: text_search(c, [a for a in ALL7 if REPS[a]["year"] in (2019, 2020)], "档案馆"))

# -- further mixed
reg("h37-110", unanswerable(lambda c: c.cell(c.report("南京市鼓楼区", 2020), "requests.new.total")))
reg("h37-111", lambda c: lst(uniq(agency_of(a) for a in Y2020
                                  if (c.opt(a, "requests.carried_out.total") or 0) > 0)), True)
reg("h37-112", lambda c: lst([c.cell("H23", "requests.granted.total"), c.cell("H24", "requests.granted.total")], True))


@spec("h37-113", needs_note=True)
def _(c):
    parts = sum(c.cell("H23", f"review.reconsideration.{k}", allow_failed=True) for k in REVIEW_COLS)
    return boolean(parts == c.cell("H23", "review.reconsideration.total", allow_failed=True))


reg("h37-114", lambda c: boolean(c.narrative("GL", "主动公开信息5条") == c.narrative("GL", "共发布各类信息")), True)
reg("h37-115", lambda c: boolean(c.narrative("WQ", "街道共受理依申请公开4件") == c.cell("WQ", "requests.new.total")), True)
reg("h37-116", lambda c: num(c.cell("YZ", "review.lawsuit_direct.pending")), True)
reg("h37-117", lambda c: top([(a, c.cell(a, "requests.partial.total")) for a in BUREAUS]))
reg("h37-118", unanswerable(lambda c: c.cell("H23", "review.lawsuit_after_review.upheld")))
reg("h37-119", lambda c: num(c.cell("GL", "requests.new.person")))


@spec("h37-120", needs_note=True)
def _(c):
    total = sum(c.cell(a, "requests.new.total") for a in Y2020)
    return pct(c.cell("WQ", "requests.new.total"), total)


# ----------------------------------------------------------------------------- comparison
def close(a, b) -> bool:
    return abs(float(a) - float(b)) <= 0.005 + 1e-9 * max(1.0, abs(float(b)))


def compare_expect(got: dict, want: dict) -> list[str]:
    errs = []
    if got["kind"] != want.get("kind"):
        return [f"kind {want.get('kind')!r} != recomputed {got['kind']!r}"]
    k = got["kind"]
    if k == "number":
        if want.get("unit") != got["unit"]:
            errs.append(f"unit {want.get('unit')!r} != {got['unit']!r}")
        if not close(want.get("value"), got["value"]):
            errs.append(f"value {want.get('value')!r} != recomputed {round(got['value'], 6)!r}")
    elif k in ("agency", "boolean"):
        if want.get("value") != got["value"]:
            errs.append(f"value {want.get('value')!r} != recomputed {got['value']!r}")
    elif k == "list":
        if bool(want.get("ordered")) != got["ordered"]:
            errs.append(f"ordered {want.get('ordered')!r} != {got['ordered']!r}")
        wv, gv = want.get("values", []), got["values"]
        if got["ordered"]:
            same = len(wv) == len(gv) and all(
                (close(x, y) if isinstance(y, (int, float)) and not isinstance(y, bool) else x == y) for x, y in zip(wv, gv))
        else:
            same = sorted(map(str, wv)) == sorted(map(str, gv))
        if not same:
            errs.append(f"values {wv!r} != recomputed {gv!r}")
    elif k == "passages":
        if sorted(want.get("files", [])) != sorted(got["files"]):
            errs.append(f"files {want.get('files')!r} != {got['files']!r}")
        if sorted(want.get("sections", [])) != sorted(got["sections"]):
            errs.append(f"sections {want.get('sections')!r} != {got['sections']!r}")
    return errs


def expected_tags(cites: list[str]) -> set[str]:
    tags = set()
    years = set()
    for c in cites:
        f, _, key = c.partition("#")
        years.add(FILE_YEAR[f])
        if key:
            fact = REPS[FILE_ALIAS[f]]["facts"][key]
            if fact.get("unit_assumed"):
                tags.add("guessed_unit")
    if len(years) > 1:
        tags.add("mixed_years")
    return tags


def main(argv) -> int:
    verbose = "-v" in argv
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    problems: list[str] = list(SETUP_ERRORS)
    ids = [c["id"] for c in cases]
    want_ids = [f"h37-{i:03d}" for i in range(1, 121)]
    if ids != want_ids:
        problems.append(f"ids are not exactly h37-001..h37-120 in order ({len(ids)} cases)")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    n_zh, n_en = langs.count(1), langs.count(2)
    if n_zh != 60 or n_en != 60 or len(cases) != 120:
        problems.append(f"language split zh={n_zh} en={n_en} (each case needs exactly one of zh/en; want 60/60)")
    if set(SPECS) != set(want_ids):
        problems.append(f"specs missing for {sorted(set(want_ids) - set(SPECS))}")

    ok = 0
    for case in cases:
        cid = case["id"]
        fn = SPECS.get(cid)
        errs = []
        if fn is None:
            problems.append(f"{cid}: no spec")
            continue
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            errs.append(f"unknown fields {sorted(set(case) - {'id', 'question', 'turns', 'expect', 'cite', 'tags'})}")
        if not str(case.get("question", "")).strip():
            errs.append("blank question")
        if "turns" in case and not (1 <= len(case["turns"]) <= 3):
            errs.append("turns must hold 1-3 earlier questions (chats of 2-4 turns)")
        c = Ctx()
        try:
            got = fn(c)
        except NA as e:
            got, c = {"kind": "unanswerable"}, Ctx()
            errs.append(f"recomputation hit unusable data without being marked unanswerable: {e}")
        except Exception as e:  # noqa: BLE001 - report, do not crash
            errs.append(f"recomputation failed: {type(e).__name__}: {e}")
            got = None
        want = case.get("expect", {})
        if got is not None:
            errs += compare_expect(got, want)
            if sorted(case.get("cite", [])) != sorted(c.cites):
                errs.append(f"cite {case.get('cite')} != recomputed {c.cites}")
            if len(set(case.get("cite", []))) != len(case.get("cite", [])):
                errs.append("duplicate cites")
            tags = set(case.get("tags", []))
            for t in ("guessed_unit", "mixed_years"):
                exp = t in expected_tags(c.cites)
                if (t in tags) != exp:
                    errs.append(f"tag {t}: {'missing' if exp else 'should not be there'}")
            if (getattr(fn, "needs_note", False) or c.excluded) and not str(want.get("note", "")).strip():
                errs.append("a note is required (unanswerable / convention / left-out cells)")
            if got["kind"] == "unanswerable" and case.get("cite"):
                errs.append("unanswerable cases cite nothing")
        if verbose:
            shown = dict(got or {})
            if shown.get("kind") == "number":
                shown["value"] = round(shown["value"], 4)
            extra = f"  [left out: {'; '.join(c.excluded)}]" if c.excluded else ""
            print(f"{cid}  {json.dumps(shown, ensure_ascii=False)}  cites={len(c.cites)}{extra}")
        if errs:
            for e in errs:
                print(f"MISMATCH {cid}: {e}")
        else:
            ok += 1
    for p in problems:
        print(f"PROBLEM {p}")
    kinds = {}
    for case in cases:
        kinds[case["expect"]["kind"]] = kinds.get(case["expect"]["kind"], 0) + 1
    multi = sum(1 for case in cases if case.get("turns"))
    print(f"SUMMARY qa_holdout37: {ok}/{len(cases)} cases match (zh {n_zh}, en {n_en}; "
          + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)) + f"; multi-turn {multi}; problems {len(problems)})")
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
