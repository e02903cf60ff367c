#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout26.jsonl, recomputed from the hand-checked gold facts.

Stdlib only. Reads tests/fixtures/gold/*.json (every cell of 7 reports, with state, unit and the
balance checks) and, for passages and mentions, the five sample texts in data/samples/. For every case
of the JSONL it recomputes

* the expected answer (`expect`: kind and value / values / files+sections ...),
* the cite list (every table cell the computation read, `file#table.row.col`, or a bare file for a
  narrative passage or narrative figure),
* the `guessed_unit` tag (some money cell used has `unit_assumed`) and the `mixed_years` tag (the cited
  reports span more than one report year),

and compares them with the JSONL. Conventions enforced here:

* only cells in state `number` are values (`blank`, `absent`, `unreadable`, `not_read` raise);
* a cell that takes part in a failing balance equation (R1-R4, recomputed here) is refused, except by
  the balance-check cases that ask about exactly that failure;
* money is yuan (the gold facts already hold yuan; 万元 cells were converted by the gold).

Usage: python3 eval/qa_holdout26_reference.py [-v]     (-v prints every recomputed answer)
Exit status 0 only when all 120 cases match.
"""
from __future__ import annotations

import glob
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD_DIR = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES_DIR = os.path.join(ROOT, "data", "samples")
JSONL = os.path.join(HERE, "qa_holdout26.jsonl")

SHORT = {
    "000_2133ae744f48d674.txt": "gulou",
    "001_19df74b8cb7281a4.txt": "lucheng",
    "002_c42cd15df52a6935.txt": "yinzhou",
    "003_acfa5b9243423631.txt": "wenquan",
    "004_5206fb2196a31c52.txt": "erqi",
    "hongze-qu-gov-2023.pdf": "hz23",
    "hongze-qu-gov-2024.pdf": "hz24",
}
ORDER = ["gulou", "lucheng", "yinzhou", "wenquan", "erqi", "hz23", "hz24"]
PA, PP = "active.procurement.amount", "active.procurement.projects"
COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")
WITHHELD = ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query")
UNAVAILABLE = ("not_held", "needs_creation", "unclear")
DECLINED = ("complaint", "duplicate", "publication", "excessive", "confirmation")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "申请", "四": "复议", "五": "问题", "六": "其他需要报告"}
SECTION_ORDER = "一二三四五六"


class NotAValue(Exception):
    pass


# --------------------------------------------------------------------------- loading

def split_sections(text: str) -> list[str | None]:
    """The canonical section (一..六) of every line: a heading is `N、` + the section's keyword, and
    sections only move forward (table rows such as `四、结转下年度继续办理` are not headings)."""
    out: list[str | None] = []
    cur = None
    for line in text.splitlines():
        m = re.match(r"^[\s#*]*([一二三四五六])、(.*)$", line)
        if m:
            n, rest = m.group(1), m.group(2)
            if SECTION_WORDS[n] in rest and (cur is None or SECTION_ORDER.index(n) > SECTION_ORDER.index(cur)):
                cur = n
        out.append(cur)
    return out


def load() -> dict[str, dict]:
    reports = {}
    for path in sorted(glob.glob(os.path.join(GOLD_DIR, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
        file = os.path.basename(d["file"])
        short = SHORT[file]
        kind = d.get("agency_kind")
        if not kind:  # the Hongze gold metadata has no agency_kind: infer it from the agency name
            kind = "government" if d["agency"].endswith("人民政府") else None
        rep = {
            "short": short, "file": file, "agency": d["agency"], "year": d["year"], "kind": kind,
            "province": d["province"], "city": d["city"], "county": d["county"],
            "template": d["template"], "published": d.get("published"), "facts": d["facts"],
            "narrative": d.get("narrative_numbers") or [], "gold_checks": d.get("checks") or {},
            "text": None, "lines": [], "sections": [],
        }
        tpath = os.path.join(SAMPLES_DIR, file)
        if os.path.exists(tpath):
            with open(tpath, encoding="utf-8") as fh:
                rep["text"] = fh.read()
            rep["lines"] = rep["text"].splitlines()
            rep["sections"] = split_sections(rep["text"])
        reports[short] = rep
    missing = [s for s in ORDER if s not in reports]
    if missing:
        sys.exit(f"gold facts missing for {missing}")
    return reports


R = load()


# --------------------------------------------------------------------------- balance rules (勾稽关系)

def _v(rep, key):
    f = rep["facts"].get(key)
    return f["value"] if f and f["state"] == "number" else None


def outcome_rows(rep) -> list[str]:
    rows = ["granted", "partial"] + [f"withheld_{w}" for w in WITHHELD] + \
           [f"unavailable_{u}" for u in UNAVAILABLE] + [f"declined_{d}" for d in DECLINED]
    subs = ["other_no_correction", "other_no_fee", "other_misc"]
    if all(_v(rep, f"requests.{s}.total") is not None or _v(rep, f"requests.{s}.person") is not None for s in subs):
        rows += subs
    else:
        rows.append("other")
    return rows


def equations(rep):
    """Every evaluable balance equation: (rule, name, lhs keys, rhs keys)."""
    eqs = []
    for col in COLS + ("total",):
        eqs.append(("R1", col, [f"requests.new.{col}", f"requests.carried_in.{col}"],
                    [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
        eqs.append(("R2", col, [f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in outcome_rows(rep)]))
    rows = sorted({k.split(".")[1] for k in rep["facts"] if k.startswith("requests.")})
    for row in rows:
        eqs.append(("R3", row, [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS]))
    for g in REVIEW_GROUPS:
        eqs.append(("R4", g, [f"review.{g}.total"], [f"review.{g}.{k}" for k in ("upheld", "corrected", "other", "pending")]))
    out = []
    for rule, name, lhs, rhs in eqs:
        vals = [_v(rep, k) for k in lhs + rhs]
        if any(v is None for v in vals):
            continue  # blank / absent cells: not evaluable, never a failure
        ok = abs(sum(_v(rep, k) for k in lhs) - sum(_v(rep, k) for k in rhs)) < 1e-9
        out.append((rule, name, lhs, rhs, ok))
    return out


for _rep in R.values():
    _eqs = equations(_rep)
    _rep["failed_eqs"] = [e for e in _eqs if not e[4]]
    _rep["failed_cells"] = {k for e in _rep["failed_eqs"] for k in e[2] + e[3]}
    # the recomputed rule results must agree with the gold's own `checks`
    for rule in ("R1", "R2", "R3", "R4"):
        mine_fail = any(e[0] == rule for e in _rep["failed_eqs"])
        gold = str(_rep["gold_checks"].get(rule, "pass"))
        if mine_fail != gold.startswith("fail"):
            sys.exit(f"{_rep['file']}: recomputed {rule} {'fails' if mine_fail else 'passes'} but gold says {gold!r}")


def rule_ok(short, rule, name) -> bool:
    for e in equations(R[short]):
        if e[0] == rule and e[1] == name:
            return e[4]
    raise NotAValue(f"{short}: {rule}[{name}] is not evaluable")


# --------------------------------------------------------------------------- access with provenance

class Ctx:
    """Reads values and records what a correct answer must cite."""

    def __init__(self):
        self.cites: list[str] = []
        self.years: set[int] = set()
        self.guessed = False

    def _cite(self, item: str, rep):
        if item not in self.cites:
            self.cites.append(item)
        self.years.add(rep["year"])

    def num(self, short: str, key: str, check: bool = False) -> float:
        rep = R[short]
        f = rep["facts"].get(key)
        if f is None or f["state"] != "number":
            raise NotAValue(f"{rep['file']}#{key} is {'missing' if f is None else f['state']}, not a number")
        if key in rep["failed_cells"] and not check:
            raise NotAValue(f"{rep['file']}#{key} is part of a failing balance equation")
        self._cite(f"{rep['file']}#{key}", rep)
        if f.get("unit_assumed"):
            self.guessed = True
        return f["value"]

    def fact(self, short: str, key: str) -> dict:
        self.num(short, key)
        return R[short]["facts"][key]

    def narr(self, short: str, needle: str) -> float:
        return self.narr_entry(short, needle)["value"]

    def narr_entry(self, short: str, needle: str) -> dict:
        rep = R[short]
        hits = [n for n in rep["narrative"] if needle in n["text"]]
        if len(hits) != 1:
            raise NotAValue(f"{rep['file']}: {len(hits)} narrative figures match {needle!r}")
        self._cite(rep["file"], rep)
        return hits[0]

    def passage(self, short: str, needle: str) -> str:
        rep = R[short]
        hits = [i for i, line in enumerate(rep["lines"]) if needle in line]
        if not hits:
            raise NotAValue(f"{rep['file']}: no line contains {needle!r}")
        secs = {rep["sections"][i] for i in hits}
        if len(secs) != 1 or None in secs:
            raise NotAValue(f"{rep['file']}: {needle!r} is in sections {secs}")
        self._cite(rep["file"], rep)
        return secs.pop()

    def mentions(self, short: str, *needles: str) -> bool:
        rep = R[short]
        if rep["text"] is None:
            raise NotAValue(f"{rep['file']}: no text to search")
        hit = all(n in rep["text"] for n in needles)
        if hit:
            self._cite(rep["file"], rep)
        return hit

    def section_text(self, short: str, sec: str) -> str:
        rep = R[short]
        body = [line for line, s in zip(rep["lines"], rep["sections"]) if s == sec]
        return "\n".join(body[1:]).strip()  # drop the heading line


# --------------------------------------------------------------------------- expectation builders

def N(v, unit):
    return {"kind": "number", "value": round(float(v), 2), "unit": unit}


def AG(short):
    return {"kind": "agency", "value": R[short]["agency"]}


def L(values, ordered):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def BO(v):
    return {"kind": "boolean", "value": bool(v)}


def P(short, section):
    return {"kind": "passages", "files": [R[short]["file"]], "sections": [section]}


def U(ok: bool, why: str):
    if not ok:
        raise NotAValue(f"refusal premise does not hold: {why}")
    return {"kind": "unanswerable"}


def pct(a, b):
    return 100.0 * a / b


def sel(year=None, bureau=None, province=None, kind=None, has=None, exclude=None):
    out = []
    for s in ORDER:
        r = R[s]
        if year is not None and r["year"] != year:
            continue
        if bureau is not None and ("统计局" in r["agency"]) != bureau:
            continue
        if province is not None and r["province"] != province:
            continue
        if kind is not None and r["kind"] != kind:
            continue
        if has is not None and _v(r, has) is None:
            continue
        if exclude is not None and exclude in r["agency"]:
            continue
        out.append(s)
    return out


def uniq_agencies(shorts):
    out = []
    for s in shorts:
        if R[s]["agency"] not in out:
            out.append(R[s]["agency"])
    return out


def ranked(x, shorts, value_fn, reverse=True, upto=None):
    """Reports ordered by value; the first `upto` places (all when None) must not be tied."""
    pairs = [(value_fn(s), s) for s in shorts]
    pairs.sort(key=lambda p: p[0], reverse=reverse)
    vals = [p[0] for p in pairs]
    n = len(vals) if upto is None else min(upto + 1, len(vals))
    if len(set(vals[:n])) != n:
        raise NotAValue(f"tie in the ranked places: {pairs}")
    return [p[1] for p in pairs]


def per_project(x, s):
    return x.num(s, PA) / x.num(s, PP)


def find_report(agency_part=None, year=None, city=None, county=None):
    return [s for s in ORDER
            if (agency_part is None or agency_part in R[s]["agency"])
            and (year is None or R[s]["year"] == year)
            and (city is None or R[s]["city"] == city)
            and (county is None or R[s]["county"] == county)]


# --------------------------------------------------------------------------- the 120 cases

def RV(x, short, group, check=True):
    return [x.num(short, f"review.{group}.{k}", check=check) for k in ("upheld", "corrected", "other", "pending", "total")]


CASES = {}


def case(cid):
    def deco(fn):
        CASES[cid] = fn
        return fn
    return deco


# lookups
case("h26-001")(lambda x: N(x.num("erqi", PA), "yuan"))
case("h26-002")(lambda x: N(x.num("wenquan", PA), "yuan"))
case("h26-003")(lambda x: N(x.num("hz23", "active.fees.amount"), "yuan"))
case("h26-004")(lambda x: N(x.num("hz24", "active.fees.amount"), "yuan"))
case("h26-005")(lambda x: N(x.num("hz24", "active.licensing.decisions"), "count"))
case("h26-006")(lambda x: N(x.num("hz23", "active.penalty.decisions"), "count"))
case("h26-007")(lambda x: N(x.num("hz24", "requests.new.total"), "count"))
case("h26-008")(lambda x: N(x.num("hz24", "requests.granted.total"), "count"))
case("h26-009")(lambda x: N(x.num("lucheng", PP), "count"))
case("h26-010")(lambda x: N(x.num("erqi", "active.penalty.prev_items"), "count"))
case("h26-011")(lambda x: N(x.num("hz23", "active.normative.in_force"), "count"))
case("h26-012")(lambda x: N(x.num("hz24", "active.normative.issued"), "count"))
case("h26-013")(lambda x: N(x.num("hz23", "requests.unavailable_not_held.total"), "count"))
case("h26-014")(lambda x: N(x.num("hz24", "review.lawsuit_direct.total"), "count"))
case("h26-015")(lambda x: N(x.num("hz24", "review.reconsideration.total"), "count"))
case("h26-016")(lambda x: N(x.num("gulou", "requests.withheld_third_party.total"), "count"))
case("h26-017")(lambda x: N(x.num("hz23", "requests.declined_complaint.total"), "count"))

# sums
case("h26-018")(lambda x: N(sum(x.num(s, "requests.new.total") for s in ("hz23", "hz24")), "count"))
case("h26-019")(lambda x: N(sum(x.num(s, "active.licensing.decisions") for s in ("hz23", "hz24")), "count"))


@case("h26-020")
def _(x):
    shorts = sel(year=2020, bureau=True)
    assert len(shorts) == 3, shorts
    return N(sum(x.num(s, PA) for s in shorts), "yuan")


case("h26-021")(lambda x: N(sum(x.num(s, PP) for s in sel(has=PP)), "count"))


@case("h26-022")
def _(x):
    shorts = sel(province="浙江省", bureau=True)
    assert len(shorts) == 2, shorts
    return N(sum(x.num(s, "requests.new.total") for s in shorts), "count")


case("h26-023")(lambda x: N(sum(x.num(s, "active.fees.amount") for s in ("hz23", "hz24")), "yuan"))
case("h26-024")(lambda x: N(sum(x.num(s, "active.penalty.decisions") for s in ORDER), "count"))
case("h26-025")(lambda x: N(sum(x.num(s, "requests.partial.total") for s in ORDER), "count"))
case("h26-026")(lambda x: N(sum(x.num(s, "requests.new.person") for s in sel(year=2020)), "count"))

# comparisons
case("h26-027")(lambda x: N(x.num("hz24", "requests.new.total") - x.num("hz23", "requests.new.total"), "count"))


@case("h26-028")
def _(x):
    a, b = x.num("hz23", "active.penalty.decisions"), x.num("hz24", "active.penalty.decisions")
    return N(pct(b - a, a), "percent")


@case("h26-029")
def _(x):
    a, b = x.num("hz23", "active.licensing.decisions"), x.num("hz24", "active.licensing.decisions")
    return N(pct(b - a, a), "percent")


case("h26-030")(lambda x: BO(x.num("hz24", "active.fees.amount") > x.num("hz23", "active.fees.amount")))
case("h26-031")(lambda x: AG(ranked(x, ["yinzhou", "lucheng"], lambda s: x.num(s, PA))[0]))
case("h26-032")(lambda x: N(x.num("gulou", PA) - x.num("wenquan", PA), "yuan"))
case("h26-033")(lambda x: N(x.num("lucheng", "active.penalty.decisions") - x.num("yinzhou", "active.penalty.decisions"), "count"))
case("h26-034")(lambda x: L([x.num("hz23", "active.coercion.decisions"), x.num("hz24", "active.coercion.decisions")], True))
case("h26-035")(lambda x: AG(ranked(x, ["erqi", "gulou"], lambda s: x.num(s, "active.penalty.prev_items"))[0]))


@case("h26-036")
def _(x):
    bureaus = sel(year=2020, bureau=True)
    assert len(bureaus) == 3
    return BO(x.num("wenquan", "requests.new.total") > sum(x.num(s, "requests.new.total") for s in bureaus))


case("h26-037")(lambda x: N(x.num("hz24", "requests.unavailable_not_held.total") - x.num("hz23", "requests.unavailable_not_held.total"), "count"))
case("h26-038")(lambda x: N(abs(per_project(x, "yinzhou") - per_project(x, "lucheng")), "yuan"))

# rankings
case("h26-039")(lambda x: L([R[s]["agency"] for s in ranked(x, sel(has=PA), lambda s: x.num(s, PA))[:3]], True))
case("h26-040")(lambda x: AG(ranked(x, sel(has=PP), lambda s: x.num(s, PP))[1]))
case("h26-041")(lambda x: AG(ranked(x, sel(has=PP), lambda s: x.num(s, PP), reverse=False)[0]))
case("h26-042")(lambda x: L([R[s]["agency"] for s in ranked(x, sel(year=2020, has=PA), lambda s: x.num(s, PA), reverse=False)], True))
case("h26-043")(lambda x: AG(ranked(x, ORDER, lambda s: x.num(s, "active.penalty.decisions"), upto=1)[0]))
case("h26-044")(lambda x: AG(ranked(x, sel(bureau=True), lambda s: x.num(s, "active.penalty.decisions"))[0]))


@case("h26-045")
def _(x):
    shorts = sel(exclude="洪泽")
    vals = {s: x.num(s, "requests.new.total") for s in shorts}
    top = max(vals.values())
    winners = [s for s in shorts if vals[s] == top]
    assert len(winners) == 1
    return AG(winners[0])


case("h26-046")(lambda x: AG(ranked(x, sel(has=PA), lambda s: per_project(x, s), reverse=False)[0]))
case("h26-047")(lambda x: AG(ranked(x, sel(has=PA), lambda s: per_project(x, s))[0]))
case("h26-048")(lambda x: L([R[s]["agency"] for s in ranked(x, sel(year=2020, has=PP), lambda s: x.num(s, PP))], True))

# thresholds (every evaluated cell is cited)
case("h26-049")(lambda x: N(sum(1 for s in sel(has=PA) if x.num(s, PA) > 10 * 10000), "count"))
case("h26-050")(lambda x: N(sum(1 for s in sel(has=PA) if x.num(s, PA) < 100000), "count"))
case("h26-051")(lambda x: N(sum(1 for s in sel(year=2020, has=PA) if x.num(s, PA) > 5 * 10000), "count"))
case("h26-052")(lambda x: N(sum(1 for s in ORDER if x.num(s, "requests.new.total") >= 2), "count"))

# averages / medians
case("h26-053")(lambda x: N(statistics.mean(x.num(s, PA) for s in sel(has=PA)), "yuan"))
case("h26-054")(lambda x: N(statistics.median(x.num(s, PA) for s in sel(year=2020, has=PA)), "yuan"))
case("h26-055")(lambda x: N(statistics.median(x.num(s, "requests.new.total") for s in ORDER), "count"))
case("h26-056")(lambda x: N(statistics.mean(x.num(s, "active.penalty.decisions") for s in ("hz23", "hz24")), "count"))
case("h26-057")(lambda x: N(statistics.mean(x.num(s, PP) for s in sel(year=2020, has=PP)), "count"))

# ratios
case("h26-058")(lambda x: N(pct(x.num("hz24", "requests.granted.total"), x.num("hz24", "requests.handled.total")), "percent"))
case("h26-059")(lambda x: N(pct(sum(x.num("hz23", f"requests.unavailable_{u}.total") for u in UNAVAILABLE),
                                x.num("hz23", "requests.handled.total")), "percent"))
case("h26-060")(lambda x: N(pct(sum(x.num("hz24", f"requests.withheld_{w}.total") for w in WITHHELD),
                                x.num("hz24", "requests.handled.total")), "percent"))
case("h26-061")(lambda x: N(pct(x.num("hz23", "requests.granted.total") + x.num("hz23", "requests.partial.total"),
                                x.num("hz23", "requests.handled.total")), "percent"))


@case("h26-062")
def _(x):
    total = sum(x.num(s, PA) for s in sel(year=2020, has=PA))
    return N(pct(x.num("gulou", PA), total), "percent")


@case("h26-063")
def _(x):
    total = sum(x.num(s, PP) for s in sel(has=PP))
    return N(pct(x.num("lucheng", PP), total), "percent")


case("h26-064")(lambda x: N(pct(x.num("hz24", "review.reconsideration.corrected"), x.num("hz24", "review.reconsideration.total")), "percent"))
case("h26-065")(lambda x: N(pct(sum(x.num("hz24", f"review.{g}.upheld") for g in REVIEW_GROUPS),
                                sum(x.num("hz24", f"review.{g}.total") for g in REVIEW_GROUPS)), "percent"))


# balance checks
@case("h26-066")
def _(x):
    bad = [e for e in R["hz23"]["failed_eqs"] if e[0] == "R4"]
    for e in bad:
        for k in e[2] + e[3]:
            x.num("hz23", k, check=True)
    return BO(not bad)


@case("h26-067")
def _(x):
    for r in ("new", "carried_in", "handled", "carried_out"):
        x.num("hz24", f"requests.{r}.total")
    return BO(rule_ok("hz24", "R1", "total"))


@case("h26-068")
def _(x):
    for r in ("new", "carried_in", "handled", "carried_out"):
        x.num("yinzhou", f"requests.{r}.total")
    return BO(rule_ok("yinzhou", "R1", "total"))


@case("h26-069")
def _(x):
    failing = [s for s in ORDER if R[s]["failed_eqs"]]
    for s in failing:
        for e in R[s]["failed_eqs"]:
            for k in e[2] + e[3]:
                x.num(s, k, check=True)
    return L(uniq_agencies(failing), False)


@case("h26-070")
def _(x):
    up, co, ot, pe, tot = RV(x, "hz23", "reconsideration")
    return N(up + co + ot + pe - tot, "count")


# narrative figures
case("h26-071")(lambda x: N(x.narr("yinzhou", "官方微博"), "count"))
case("h26-072")(lambda x: N(x.narr("yinzhou", "罚款总额"), "yuan"))
case("h26-073")(lambda x: N(x.narr("gulou", "本年度共发布各类信息"), "count"))
case("h26-074")(lambda x: N(x.narr("hz24", "政府网站平台主动发布"), "count"))
case("h26-075")(lambda x: N(x.narr("hz24", "受理政府信息公开申请"), "count"))


@case("h26-076")
def _(x):
    entry = x.narr_entry("hz24", "受理政府信息公开申请")
    table = x.num("hz24", entry["cell"])
    agrees = entry["value"] == table
    assert agrees == entry.get("agrees"), "gold's own agreement flag differs"
    return BO(agrees)


case("h26-077")(lambda x: N(x.narr("wenquan", "业务公文"), "count"))
case("h26-078")(lambda x: N(x.narr("hz24", "常务会议"), "count"))
case("h26-079")(lambda x: N(pct(x.narr("yinzhou", "官方微博"), x.narr("yinzhou", "累计发布政府信息")), "percent"))
case("h26-080")(lambda x: N(x.narr("hz23", "信息处理费"), "yuan"))

# passages
case("h26-081")(lambda x: P("erqi", x.passage("erqi", "公开意识及内容需要进一步深化")))
case("h26-082")(lambda x: P("yinzhou", x.passage("yinzhou", "落实以下改进措施")))
case("h26-083")(lambda x: P("gulou", x.passage("gulou", "办公室定期组织各科室自查")))
case("h26-084")(lambda x: P("lucheng", x.passage("lucheng", "存在以下两个方面的不足")))
case("h26-085")(lambda x: P("wenquan", x.passage("wenquan", "加强平台建设")))
case("h26-086")(lambda x: P("erqi", x.passage("erqi", "政务公开工作领导小组")))
case("h26-087")(lambda x: P("lucheng", x.passage("lucheng", "统计开放日")))


@case("h26-088")
def _(x):
    hits = [s for s in sel(year=2020) if "律师" in R[s]["text"]]
    assert len(hits) == 1, hits
    return P(hits[0], x.passage(hits[0], "律师"))


case("h26-089")(lambda x: P("yinzhou", x.passage("yinzhou", "信息保密审查")))


@case("h26-090")
def _(x):
    out = []
    for s in sel(year=2020):
        body = x.section_text(s, "六")
        if body and re.search(r"(无|没有)", body):
            x._cite(R[s]["file"], R[s])
            out.append(s)
    return L(uniq_agencies(out), False)


@case("h26-091")
def _(x):
    hits = [s for s in sel(bureau=True) if x.mentions(s, "普法")]
    assert len(hits) == 1, hits
    return AG(hits[0])


case("h26-092")(lambda x: L(uniq_agencies([s for s in sel(year=2020) if x.mentions(s, "六稳", "六保")]), False))
case("h26-093")(lambda x: L(uniq_agencies([s for s in sel(bureau=True) if x.mentions(s, "部门预算")]), False))


# metadata (no cell cites)
@case("h26-094")
def _(x):
    dated = sorted((R[s]["published"], s) for s in ORDER if R[s]["published"])
    assert dated[-1][0] != dated[-2][0]
    return AG(dated[-1][1])


@case("h26-095")
def _(x):
    dated = sorted((R[s]["published"], s) for s in ORDER if R[s]["published"])
    assert dated[0][0] != dated[1][0]
    return AG(dated[0][1])


case("h26-096")(lambda x: L(uniq_agencies([s for s in ORDER if not R[s]["published"]]), False))
case("h26-097")(lambda x: L(sorted({R[s]["year"] for s in ORDER}), False))
case("h26-098")(lambda x: L(sorted({R[s]["year"] for s in ORDER if R[s]["template"] == "2021"}), False))
case("h26-099")(lambda x: N(len(sel(kind="government")), "count"))
case("h26-100")(lambda x: L(uniq_agencies(sel(kind="street_office")), False))
case("h26-101")(lambda x: L(uniq_agencies(sel(province="江苏省")), False))
case("h26-102")(lambda x: N(len(sel(bureau=True)), "count"))
case("h26-103")(lambda x: L(uniq_agencies([s for s in ORDER if _v(R[s], PA) is None]), False))


# refusals: the premise of each refusal is checked against the gold
def _no_topic(short, words, narrative_words=()):
    rep = R[short]
    if rep["text"] is not None and any(w in rep["text"] for w in words):
        return False
    for n in rep["narrative"]:
        blob = (n.get("text", "") + " " + n.get("what", "")).lower()
        if any(w.lower() in blob for w in tuple(words) + tuple(narrative_words)):
            return False
    return True


case("h26-104")(lambda x: U(_v(R["hz24"], PA) is None and R["hz24"]["template"] == "2021", "hz24 procurement"))
case("h26-105")(lambda x: U(not find_report("鹿城区统计局", 2019) and find_report("鹿城区统计局"), "鹿城 2019"))
case("h26-106")(lambda x: U(not find_report("发改") and not find_report("发展和改革") and find_report("洪泽区", 2023), "洪泽发改局"))
case("h26-107")(lambda x: U(not any("revenue" in k or "income" in k for k in R["hz23"]["facts"])
                            and _no_topic("hz23", ("预算收入", "财政收入"), ("revenue", "income")), "洪泽 revenue"))
case("h26-108")(lambda x: U(not find_report("鼓楼区统计局", city="南京市") and find_report("鼓楼区统计局", city="福州市"), "南京鼓楼"))
case("h26-109")(lambda x: U(not R["erqi"]["narrative"] and not re.search(r"\d+\s*(名|人)", R["erqi"]["text"]), "二七 staff"))
case("h26-110")(lambda x: U(_no_topic("yinzhou", ("访问量", "访问", "浏览量", "点击量"), ("visit", "traffic")), "鄞州 traffic"))
case("h26-111")(lambda x: U(not find_report(county="西湖区") and not find_report("西湖"), "西湖区"))
case("h26-112")(lambda x: U(not find_report("二七区统计局", 2021) and find_report("二七区统计局"), "二七 2021"))
case("h26-113")(lambda x: U("active.fees.amount" not in R["gulou"]["facts"] and R["gulou"]["template"] == "2019", "鼓楼 fee amount"))

# follow-ups (the earlier turns are resolved with a throw-away context: their cells are not cited)
case("h26-114")(lambda x: N(x.num("hz23", "active.coercion.decisions"), "count"))


@case("h26-115")
def _(x):
    top = ranked(Ctx(), sel(has=PP), lambda s: R[s]["facts"][PP]["value"])[0]
    return N(x.num(top, PA), "yuan")


case("h26-116")(lambda x: N(x.num("wenquan", "requests.granted.total"), "count"))


@case("h26-117")
def _(x):
    a, b = x.num("hz23", "active.fees.amount"), x.num("hz24", "active.fees.amount")
    return N(pct(b - a, a), "percent")


case("h26-118")(lambda x: N(per_project(x, "yinzhou"), "yuan"))
case("h26-119")(lambda x: N(sum(x.num("hz24", f"review.{g}.total") for g in REVIEW_GROUPS), "count"))
case("h26-120")(lambda x: BO(x.fact("erqi", PA).get("unit_printed") is not None))


# --------------------------------------------------------------------------- comparison

CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
UNITS = {"count", "yuan", "percent"}
KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}


def _num_eq(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
        and not isinstance(b, bool) and abs(float(a) - float(b)) <= 0.006


def _items_eq(a, b, ordered):
    if len(a) != len(b):
        return False
    if not ordered:
        key = lambda v: (0, float(v), "") if isinstance(v, (int, float)) else (1, 0.0, str(v))
        a, b = sorted(a, key=key), sorted(b, key=key)
    return all(_num_eq(p, q) if isinstance(p, (int, float)) else p == q for p, q in zip(a, b))


def expect_diff(mine, theirs) -> str | None:
    if mine["kind"] != theirs.get("kind"):
        return f"kind {theirs.get('kind')!r} != {mine['kind']!r}"
    k = mine["kind"]
    if k == "number":
        if theirs.get("unit") != mine["unit"]:
            return f"unit {theirs.get('unit')!r} != {mine['unit']!r}"
        if not _num_eq(theirs.get("value"), mine["value"]):
            return f"value {theirs.get('value')!r} != {mine['value']!r}"
    elif k in ("agency", "boolean"):
        if theirs.get("value") != mine["value"] or type(theirs.get("value")) is not type(mine["value"]):
            return f"value {theirs.get('value')!r} != {mine['value']!r}"
    elif k == "list":
        if theirs.get("ordered") is not mine["ordered"]:
            return f"ordered {theirs.get('ordered')!r} != {mine['ordered']!r}"
        if not _items_eq(theirs.get("values", []), mine["values"], mine["ordered"]):
            return f"values {theirs.get('values')!r} != {mine['values']!r}"
    elif k == "passages":
        if sorted(theirs.get("files", [])) != sorted(mine["files"]) or sorted(theirs.get("sections", [])) != sorted(mine["sections"]):
            return f"passages {theirs.get('files')}/{theirs.get('sections')} != {mine['files']}/{mine['sections']}"
    return None


def shape_problems(d) -> list[str]:
    out = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        out.append(f"unknown fields {sorted(extra)}")
    if not str(d.get("question", "")).strip():
        out.append("blank question")
    e = d.get("expect", {})
    if e.get("kind") not in KINDS:
        out.append(f"bad kind {e.get('kind')!r}")
    if e.get("kind") == "number" and e.get("unit") not in UNITS:
        out.append(f"bad unit {e.get('unit')!r}")
    for c in d.get("cite", []):
        if not CITE_RE.match(c):
            out.append(f"bad cite {c!r}")
    if len(set(d.get("cite", []))) != len(d.get("cite", [])):
        out.append("duplicate cite")
    langs = [t for t in d.get("tags", []) if t in ("zh", "en")]
    if len(langs) != 1:
        out.append(f"language tags {langs}")
    if ("followup" in d.get("tags", [])) != bool(d.get("turns")):
        out.append("followup tag and turns disagree")
    return out


def main(argv) -> int:
    verbose = "-v" in argv
    with open(JSONL, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    ids = [r["id"] for r in rows]
    want_ids = [f"h26-{i:03d}" for i in range(1, 121)]
    global_problems = []
    if ids != want_ids:
        global_problems.append("ids are not h26-001 ... h26-120 in order")
    missing_specs = [i for i in ids if i not in CASES]
    if missing_specs:
        global_problems.append(f"no reference for {missing_specs}")
    lang = {"zh": 0, "en": 0}
    kinds: dict[str, int] = {}
    ok = 0
    bad = []
    for d in rows:
        cid = d["id"]
        for t in d.get("tags", []):
            if t in lang:
                lang[t] += 1
        kinds[d["expect"]["kind"]] = kinds.get(d["expect"]["kind"], 0) + 1
        problems = shape_problems(d)
        x = Ctx()
        try:
            mine = CASES[cid](x)
        except (NotAValue, AssertionError, KeyError) as err:
            problems.append(f"reference cannot compute: {err!r}")
            mine = None
        if mine is not None:
            diff = expect_diff(mine, d["expect"])
            if diff:
                problems.append(diff)
            if sorted(x.cites) != sorted(d.get("cite", [])):
                miss = sorted(set(x.cites) - set(d.get("cite", [])))
                extra = sorted(set(d.get("cite", [])) - set(x.cites))
                problems.append(f"cite differs: missing {miss} extra {extra}")
            tags = set(d.get("tags", []))
            if ("guessed_unit" in tags) != x.guessed:
                problems.append(f"guessed_unit tag should be {'present' if x.guessed else 'absent'}")
            mixed = len(x.years) > 1
            if ("mixed_years" in tags) != mixed:
                problems.append(f"mixed_years tag should be {'present' if mixed else 'absent'} (years {sorted(x.years)})")
        if verbose:
            flags = ",".join(t for t, on in (("guessed_unit", x.guessed), ("mixed_years", len(x.years) > 1)) if on)
            print(f"{cid} {json.dumps(mine, ensure_ascii=False)} cite={x.cites} {flags}")
            print(f"        Q: {d['question']}" + (f"  (turns: {d['turns']})" if d.get("turns") else ""))
        if problems:
            bad.append((cid, problems))
        else:
            ok += 1
    if lang != {"zh": 60, "en": 60}:
        global_problems.append(f"language mix {lang} (want 60/60)")
    for cid, problems in bad:
        for p in problems:
            print(f"MISMATCH {cid}: {p}")
    for p in global_problems:
        print(f"PROBLEM: {p}")
    kinds_s = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    print(f"SUMMARY: {ok}/{len(rows)} cases match; zh {lang['zh']}, en {lang['en']}; kinds: {kinds_s}"
          + (f"; {len(global_problems)} file-level problem(s)" if global_problems else ""))
    return 0 if ok == len(rows) == 120 and not global_problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
