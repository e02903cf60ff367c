#!/usr/bin/env python3
"""Recompute every expected answer of qa_holdout74.jsonl from the hand-checked gold.

Stdlib only. Reads tests/fixtures/gold/*.json (cells, metadata, checks) and data/samples/*.txt
(section text, for passage and mention cases). For every case it recomputes the expected answer,
rebuilds the cite list (every cell the computation read, in order; bare files for passages and
mentions) and the `guessed_unit` / `mixed_years` tags, prints every mismatch, then
"SUMMARY n/120". Exit status 0 only at 120/120.

Conventions enforced here (see QA_HOLDOUT74.md):
- only cells whose state is "number" are read; a blank, absent or unreadable cell, a cell of a
  group that fails a balance rule (R1-R4, from the gold `checks`), a missing report or a
  figure no report holds makes the case "unanswerable" (expect kind only, cite []);
- quality cases read failing cells on purpose (quality=True) and must be tagged "quality";
- `guessed_unit` iff a procurement amount with unit_assumed was read;
- `mixed_years` iff the cells or files read come from more than one report year.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout74.jsonl"

CODES = {
    "G": "000_2133ae744f48d674",   # 福州市鼓楼区统计局 2020
    "L": "001_19df74b8cb7281a4",   # 温州市鹿城区统计局 2020
    "Y": "002_c42cd15df52a6935",   # 鄞州区统计局 2019
    "W": "003_acfa5b9243423631",   # 福州市鼓楼区温泉街道办事处 2020
    "E": "004_5206fb2196a31c52",   # 郑州市二七区统计局 2020
    "H23": "hongze-qu-gov-2023",   # 淮安市洪泽区人民政府 2023
    "H24": "hongze-qu-gov-2024",   # 淮安市洪泽区人民政府 2024
}
SAMPLE_CODES = ("G", "L", "Y", "W", "E")
ALL = ("G", "L", "Y", "W", "E", "H23", "H24")
Y2020 = ("G", "L", "W", "E")
OLD = ("G", "L", "Y", "W", "E")           # 2019/2020 reports (2019 template)
BUREAUS2020 = ("G", "L", "E")

REPORT: dict[str, dict] = {}
CITEFILE: dict[str, str] = {}
for code, stem in CODES.items():
    REPORT[code] = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    CITEFILE[code] = f"{stem}.txt" if code in SAMPLE_CODES else f"{stem}.pdf"


class Unanswerable(Exception):
    pass


def failing_groups(code: str) -> set[str]:
    """Groups (table.row prefixes, or whole tables) whose balance rule fails in the gold."""
    bad: set[str] = set()
    checks = REPORT[code].get("checks") or {}
    for rule, verdict in checks.items():
        if verdict == "pass":
            continue
        if rule == "R4":
            for group in re.findall(r"(reconsideration|lawsuit_direct|lawsuit_after_review):", verdict):
                bad.add(f"review.{group}")
        else:                       # R1-R3 concern the whole requests table
            bad.add("requests")
    return bad


class Ctx:
    """One computation: records the cells / files it read."""

    def __init__(self) -> None:
        self.cites: list[str] = []
        self.codes: list[str] = []
        self.guessed = False

    def v(self, code: str, key: str, rec: bool = True, quality: bool = False) -> float:
        fact = REPORT[code]["facts"].get(key)
        if fact is None:
            raise Unanswerable(f"{code} {key}: absent (no such cell in template {REPORT[code]['template']})")
        if fact.get("state") != "number":
            raise Unanswerable(f"{code} {key}: state {fact.get('state')}")
        if not quality:
            for g in failing_groups(code):
                if key == g or key.startswith(g + "."):
                    raise Unanswerable(f"{code} {key}: group {g} fails a balance rule")
        if rec:
            c = f"{CITEFILE[code]}#{key}"
            if c not in self.cites:
                self.cites.append(c)
            self.codes.append(code)
            if key == "active.procurement.amount" and fact.get("unit_assumed"):
                self.guessed = True
        return fact["value"]

    def file(self, code: str) -> str:
        f = CITEFILE[code]
        if f not in self.cites:
            self.cites.append(f)
        self.codes.append(code)
        return f


def name(code: str) -> str:
    return REPORT[code]["agency"]


def year(code: str) -> int:
    return REPORT[code]["year"]


def kind_of(code: str) -> str:
    r = REPORT[code]
    if r.get("agency_kind"):
        return r["agency_kind"]
    return "government" if "人民政府" in r["agency"] else "department"


def r2(x: float) -> float:
    return round(x + 0.0, 2)


def pct(a: float, b: float) -> float:
    return r2(100.0 * a / b)


def median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def ranked(c: Ctx, codes, key, desc=True, rec=True):
    vals = [(c.v(k, key, rec=rec), k) for k in codes]
    vals.sort(key=lambda t: -t[0] if desc else t[0])
    return vals


def nth(c: Ctx, codes, key, n: int, desc=True, rec=True) -> str:
    vals = ranked(c, codes, key, desc, rec)
    # the n-th position must not be tied with a neighbour
    if (n > 1 and vals[n - 1][0] == vals[n - 2][0]) or (n < len(vals) and vals[n - 1][0] == vals[n][0]):
        raise AssertionError(f"tie at rank {n} for {key}")
    return vals[n - 1][1]


def per_project(c: Ctx, code: str, rec=True) -> float:
    return c.v(code, "active.procurement.amount", rec=rec) / c.v(code, "active.procurement.projects", rec=rec)


# ---------------------------------------------------------------- section text
_SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
_HEAD = re.compile(r"^[\s#*]*([一二三四五六])、(.*)$")


def sections(code: str) -> dict[str, str]:
    lines = (SAMPLES / CITEFILE[code]).read_text(encoding="utf-8").splitlines()
    out: dict[str, list[str]] = {}
    cur = None
    for ln in lines:
        m = _HEAD.match(ln)
        if m and not ln.startswith("\t") and _SECTION_WORDS[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(ln)
    return {k: "\n".join(v) for k, v in out.items()}


def passage(c: Ctx, code: str, sec: str, *words: str) -> dict:
    text = sections(code).get(sec, "")
    for w in words:
        if w not in text:
            raise AssertionError(f"{code} section {sec} lacks {w!r}")
    f = c.file(code)
    return {"kind": "passages", "files": [f], "sections": [sec]}


def mention(c: Ctx, codes, word: str) -> dict:
    hits = []
    for k in codes:
        if word in (SAMPLES / CITEFILE[k]).read_text(encoding="utf-8"):
            c.file(k)
            hits.append(name(k))
    return {"kind": "list", "values": hits, "ordered": False}


# ---------------------------------------------------------------- expectations
def num(x, unit):
    return {"kind": "number", "value": r2(x), "unit": unit}


def ag(code):
    return {"kind": "agency", "value": name(code)}


def lst(values, ordered):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def yes(b):
    return {"kind": "boolean", "value": bool(b)}


def nope(reason):
    raise Unanswerable(reason)


P = "active.procurement.projects"
A = "active.procurement.amount"
NEW = "requests.new.total"
HAN = "requests.handled.total"

SPEC = {}


def case(cid):
    def deco(fn):
        SPEC[cid] = fn
        return fn
    return deco


# -- 001-020 河南话 -----------------------------------------------------------
case("h74-001")(lambda c: num(c.v("E", P), "count"))
case("h74-002")(lambda c: num(c.v("E", A), "yuan"))
case("h74-003")(lambda c: num(c.v("H24", "active.coercion.decisions"), "count"))
case("h74-004")(lambda c: num(c.v("H23", "active.coercion.decisions") - c.v("H24", "active.coercion.decisions"), "count"))
case("h74-005")(lambda c: ag(nth(c, Y2020, P, 2)))
case("h74-006")(lambda c: num(sum(1 for k in OLD if c.v(k, A) > 100000), "count"))
case("h74-007")(lambda c: yes(c.v("L", "active.penalty.decisions") > c.v("Y", "active.penalty.decisions")))
case("h74-008")(lambda c: num(pct(c.v("H24", "requests.granted.total"), c.v("H24", HAN)), "percent"))
case("h74-009")(lambda c: num(sum(c.v(k, NEW) for k in Y2020) / len(Y2020), "count"))
case("h74-010")(lambda c: lst([REPORT["E"]["province"]], False))
case("h74-011")(lambda c: passage(c, "E", "五", "不足之处", "规范公开内容"))
case("h74-012")(lambda c: num(c.v("H24", P), "count"))                       # absent: 2021 template
case("h74-013")(lambda c: num(c.v("H23", "active.penalty.decisions"), "count"))
case("h74-014")(lambda c: num(c.v("L", P) + c.v("W", P), "count"))
case("h74-015")(lambda c: num(median([c.v(k, "active.penalty.prev_items") for k in Y2020]), "count"))
case("h74-016")(lambda c: num(c.v("E", "active.penalty.prev_items") + c.v("E", "active.coercion.prev_items"), "count"))
case("h74-017")(lambda c: yes(c.v("H24", "requests.partial.total") > 10))
case("h74-018")(lambda c: yes(kind_of("W") == "street_office"))
case("h74-019")(lambda c: num(c.v("W", "requests.carried_out.total"), "count"))   # blank
case("h74-020")(lambda c: num(sum(1 for k in Y2020 if c.v(k, NEW) > 1), "count"))

# -- 021-040 相声 -------------------------------------------------------------
case("h74-021")(lambda c: num(c.v("L", "active.penalty.decisions"), "count"))
case("h74-022")(lambda c: num(c.v("H23", "active.normative.repealed"), "count"))
case("h74-023")(lambda c: ag(nth(c, BUREAUS2020, A, 1)))
case("h74-024")(lambda c: ag(nth(c, OLD, P, 2, desc=False)))
case("h74-025")(lambda c: num(c.v("H23", "active.fees.amount") - c.v("H24", "active.fees.amount"), "yuan"))
case("h74-026")(lambda c: yes(c.v("H24", "active.licensing.decisions") > 10 * c.v("H23", "active.licensing.decisions")))
case("h74-027")(lambda c: num(c.v("L", A) + c.v("Y", A), "yuan"))
case("h74-028")(lambda c: num(per_project(c, "Y"), "yuan"))
case("h74-029")(lambda c: lst([name(k) for _, k in ranked(c, Y2020, A)[:2]], True))
case("h74-030")(lambda c: passage(c, "W", "一", "坚持主动公开", "加强平台建设"))
case("h74-031")(lambda c: passage(c, "Y", "五", "主要问题", "信息公开范围单一"))


@case("h74-032")
def _(c):
    top = nth(c, Y2020, NEW, 1, rec=False)
    return num(c.v(top, HAN), "count")


@case("h74-033")
def _(c):
    return num(pct(c.v("H24", "review.lawsuit_direct.total"), c.v("H24", "review.reconsideration.total")), "percent")


case("h74-034")(lambda c: num(c.v("H23", "review.lawsuit_after_review.total"), "count"))   # R4 fails


@case("h74-035")
def _(c):
    parts = sum(c.v("H23", f"review.reconsideration.{col}", quality=True) for col in ("upheld", "corrected", "other", "pending"))
    return yes(parts == c.v("H23", "review.reconsideration.total", quality=True))


case("h74-036")(lambda c: num(sum(1 for k in ALL if c.v(k, NEW) == 0), "count"))


@case("h74-037")
def _(c):
    dated = [(REPORT[k]["published"], k) for k in ALL if REPORT[k].get("published")]
    dated.sort()
    assert dated[0][0] != dated[1][0]
    return ag(dated[0][1])


case("h74-038")(lambda c: yes(c.v("Y", "active.rules.public_total") - c.v("Y", "active.rules.published") == 21))
case("h74-039")(lambda c: num(pct(c.v("H23", "requests.unavailable_not_held.total"), c.v("H23", HAN)), "percent"))
case("h74-040")(lambda c: num(c.v("E", "active.penalty.prev_items"), "count"))

# -- 041-060 税务师 -----------------------------------------------------------
case("h74-041")(lambda c: num(c.v("H24", "active.fees.amount"), "yuan"))
case("h74-042")(lambda c: num(c.v("H23", "active.fees.amount"), "yuan"))


@case("h74-043")
def _(c):
    a, b = c.v("H23", "active.fees.amount"), c.v("H24", "active.fees.amount")
    return num(pct(a - b, a), "percent")


case("h74-044")(lambda c: num(per_project(c, "G"), "yuan"))
case("h74-045")(lambda c: num(c.v("E", A), "yuan"))
case("h74-046")(lambda c: num(sum(c.v(k, A) for k in Y2020), "yuan"))


@case("h74-047")
def _(c):
    vals = sorted(((per_project(c, k), k) for k in OLD), reverse=True)
    assert vals[0][0] != vals[1][0]
    return ag(vals[0][1])


case("h74-048")(lambda c: num(c.v("Y", A) - c.v("G", A), "yuan"))
case("h74-049")(lambda c: num(pct(c.v("W", A), c.v("G", A) + c.v("W", A)), "percent"))
case("h74-050")(lambda c: num(sum(1 for k in Y2020 if c.v(k, A) < 80000), "count"))


@case("h74-051")
def _(c):
    c.v("L", A)
    f = REPORT["L"]["facts"][A]
    return yes(f.get("unit_printed") == "元" and not f.get("unit_assumed"))


@case("h74-052")
def _(c):
    narrative = [n for n in REPORT["H24"]["narrative_numbers"] if n.get("cell") == NEW]
    return yes(narrative[0]["value"] == c.v("H24", NEW))


@case("h74-053")
def _(c):
    out = []
    for k in OLD:
        c.v(k, A)
        if REPORT[k]["facts"][A].get("unit_assumed"):
            out.append(name(k))
    return lst(out, False)


case("h74-054")(lambda c: num(median([c.v(k, A) for k in Y2020]), "yuan"))
case("h74-055")(lambda c: num(c.v("L", "active.fees.amount"), "yuan"))            # absent in 2019 template
case("h74-056")(lambda c: num(c.v("H23", "active.fees.amount") + c.v("H24", "active.fees.amount"), "yuan"))


@case("h74-057")
def _(c):
    low = nth(c, Y2020, A, 1, desc=False, rec=False)
    return num(per_project(c, low), "yuan")


case("h74-058")(lambda c: yes(REPORT["H24"]["template"] == "2021"))
case("h74-059")(lambda c: passage(c, "L", "五", "加强学习", "创新工作"))
case("h74-060")(lambda c: num(sum(1 for k in OLD if c.v(k, P) >= 9), "count"))

# -- 061-080 Jamaican English -------------------------------------------------
case("h74-061")(lambda c: num(c.v("H23", NEW), "count"))
case("h74-062")(lambda c: num(c.v("H24", "active.penalty.decisions"), "count"))
case("h74-063")(lambda c: ag(nth(c, BUREAUS2020, "active.penalty.decisions", 1)))
case("h74-064")(lambda c: ag(nth(c, OLD, P, 2)))
case("h74-065")(lambda c: yes(c.v("H24", "requests.granted.total") > c.v("H24", HAN) / 2))
case("h74-066")(lambda c: num(c.v("H24", NEW) - c.v("H23", NEW), "count"))
case("h74-067")(lambda c: num(pct(c.v("H24", "requests.unavailable_not_held.total"), c.v("H24", HAN)), "percent"))
case("h74-068")(lambda c: num(c.v("H23", "requests.partial.total") + c.v("H24", "requests.partial.total"), "count"))
case("h74-069")(lambda c: num(sum(1 for k in Y2020 if c.v(k, "active.penalty.decisions") == 0), "count"))
case("h74-070")(lambda c: lst([name(k) for _, k in ranked(c, ("G", "L", "Y", "E"), A)], True))
case("h74-071")(lambda c: lst([REPORT["L"]["province"]], False))
case("h74-072")(lambda c: lst(sorted({name(k) for k in ALL if REPORT[k]["province"] == "福建省"}), False))
case("h74-073")(lambda c: passage(c, "G", "五", "存在的主要问题", "广度和深度"))
case("h74-074")(lambda c: mention(c, OLD, "统计开放日"))
case("h74-075")(lambda c: num(c.v("G", "requests.unavailable_not_held.total"), "count"))   # blank


@case("h74-076")
def _(c):
    top = nth(c, Y2020, P, 1, rec=False)
    return num(c.v(top, A), "yuan")


@case("h74-077")
def _(c):
    return yes(c.v("H24", "active.coercion.decisions") < c.v("H23", "active.coercion.decisions") / 2)


case("h74-078")(lambda c: yes(c.v("E", "active.licensing.prev_items") > 0))
case("h74-079")(lambda c: num(sum(c.v(k, "active.penalty.decisions") for k in Y2020) / len(Y2020), "count"))
case("h74-080")(lambda c: nope("staff numbers are not reported"))

# -- 081-100 museum tour guide ------------------------------------------------
case("h74-081")(lambda c: num(c.v("H24", "active.licensing.decisions"), "count"))
case("h74-082")(lambda c: num(c.v("Y", "active.penalty.decisions"), "count"))
case("h74-083")(lambda c: num(c.v("W", P), "count"))
case("h74-084")(lambda c: ag(nth(c, Y2020, NEW, 1, desc=False)))


@case("h74-085")
def _(c):
    vals = sorted((per_project(c, k), k) for k in Y2020)
    assert vals[0][0] != vals[1][0]
    return ag(vals[0][1])


case("h74-086")(lambda c: yes(c.v("W", "requests.withheld_third_party.total") == 1))
case("h74-087")(lambda c: num(pct(c.v("H24", NEW), c.v("H23", NEW)), "percent"))
case("h74-088")(lambda c: num(c.v("H23", "active.penalty.decisions") - c.v("H24", "active.penalty.decisions"), "count"))
case("h74-089")(lambda c: num(sum(1 for k in ALL if c.v(k, NEW) > 20), "count"))
case("h74-090")(lambda c: lst([name(k) for k in ALL if REPORT[k]["template"] == "2019"], False))
case("h74-091")(lambda c: passage(c, "W", "五", "答复依申请公开处理水平有待提高"))
case("h74-092")(lambda c: passage(c, "E", "一", "办事公开制度", "督查监督机制"))


@case("h74-093")
def _(c):
    top = nth(c, BUREAUS2020, "active.penalty.decisions", 1, rec=False)
    return num(c.v(top, "active.penalty.prev_items"), "count")


case("h74-094")(lambda c: num(c.v("H23", "review.reconsideration.total"), "count"))   # R4 fails
case("h74-095")(lambda c: num(median([c.v(k, NEW) for k in OLD]), "count"))
case("h74-096")(lambda c: num(pct(c.v("W", NEW), sum(c.v(k, NEW) for k in Y2020)), "percent"))
case("h74-097")(lambda c: yes(c.v("E", "active.other_services.prev_items") > c.v("E", "active.penalty.prev_items")))
case("h74-098")(lambda c: lst([name(k) for _, k in ranked(c, OLD, "active.penalty.prev_items")[:3]], True))
case("h74-099")(lambda c: num(len({name(k) for k in ALL}), "count"))


@case("h74-100")
def _(c):
    govs = [k for k in ALL if kind_of(k) == "government"]
    assert len({name(k) for k in govs}) == 1
    return ag(govs[0])


# -- 101-120 polite Japanese English -------------------------------------------
case("h74-101")(lambda c: num(c.v("H24", "active.normative.issued"), "count"))
case("h74-102")(lambda c: num(c.v("H23", "active.normative.in_force"), "count"))
case("h74-103")(lambda c: num(c.v("H23", "requests.unavailable_needs_creation.total"), "count"))
case("h74-104")(lambda c: ag(nth(c, ("H24",) + Y2020, HAN, 2)))
case("h74-105")(lambda c: num(c.v("H24", "review.reconsideration.total") - c.v("H24", "review.lawsuit_direct.total"), "count"))
case("h74-106")(lambda c: num(c.v("H24", "review.lawsuit_direct.total") + c.v("H24", "review.lawsuit_after_review.total"), "count"))
case("h74-107")(lambda c: yes(c.v("H24", "review.lawsuit_direct.pending") > 0))
case("h74-108")(lambda c: num(c.v("W", "requests.declined_duplicate.total"), "count"))   # blank


@case("h74-109")
def _(c):
    out = []
    for k in ALL:
        groups = failing_groups(k)
        if groups:
            for g in sorted(groups):
                for col in ("upheld", "corrected", "other", "pending", "total"):
                    c.v(k, f"{g}.{col}", quality=True)
            if name(k) not in out:
                out.append(name(k))
    return lst(out, False)


@case("h74-110")
def _(c):
    if not REPORT["Y"].get("published"):
        nope("no signature date printed")
    return {"kind": "agency", "value": REPORT["Y"]["published"]}


@case("h74-111")
def _(c):
    top = nth(c, Y2020, NEW, 1, rec=False)
    return num(pct(c.v(top, "requests.unavailable_not_held.total"), c.v(top, HAN)), "percent")


case("h74-112")(lambda c: yes(c.v("L", P) > 2 * c.v("G", P)))
case("h74-113")(lambda c: num(sum(c.v("H23", f"active.{r}.decisions") for r in ("licensing", "penalty", "coercion")), "count"))
case("h74-114")(lambda c: num((c.v("H23", "active.coercion.decisions") + c.v("H24", "active.coercion.decisions")) / 2, "count"))
case("h74-115")(lambda c: passage(c, "L", "一", "强化组织保障", "领导小组"))


@case("h74-116")
def _(c):
    out = []
    for k in ALL:
        if not REPORT[k].get("published") and name(k) not in out:
            out.append(name(k))
    return lst(out, False)


@case("h74-117")
def _(c):
    zj = sum(c.v(k, NEW) for k in ALL if REPORT[k]["province"] == "浙江省")
    fj = sum(c.v(k, NEW) for k in ALL if REPORT[k]["province"] == "福建省")
    return yes(zj > fj)


case("h74-118")(lambda c: num(sum(1 for k in ALL if c.v(k, "active.coercion.decisions") >= 1), "count"))
case("h74-119")(lambda c: num(c.v("H24", "requests.other_no_fee.total"), "count"))   # absent
case("h74-120")(lambda c: mention(c, Y2020, "领导小组"))


# ---------------------------------------------------------------- compare
def same_expect(got: dict, want: dict) -> str | None:
    if got.get("kind") != want["kind"]:
        return f"kind {got.get('kind')!r} != {want['kind']!r}"
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            return f"unit {got.get('unit')!r} != {want['unit']!r}"
        g, w = float(got.get("value")), float(want["value"])
        if abs(g - w) > max(0.006, abs(w) * 1e-6):
            return f"value {g} != {w}"
    elif k in ("agency", "boolean"):
        if got.get("value") != want["value"]:
            return f"value {got.get('value')!r} != {want['value']!r}"
    elif k == "list":
        if bool(got.get("ordered")) != want["ordered"]:
            return f"ordered {got.get('ordered')} != {want['ordered']}"
        gv, wv = list(got.get("values", [])), want["values"]
        if not want["ordered"]:
            gv, wv = sorted(map(str, gv)), sorted(map(str, wv))
        if gv != wv:
            return f"values {gv} != {wv}"
    elif k == "passages":
        if got.get("files") != want["files"] or got.get("sections") != want["sections"]:
            return f"passages {got.get('files')}/{got.get('sections')} != {want['files']}/{want['sections']}"
    return None


def main() -> int:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    problems_total = 0
    ok = 0
    ids = [c["id"] for c in cases]
    want_ids = [f"h74-{i:03d}" for i in range(1, 121)]
    if ids != want_ids:
        print(f"MISMATCH ids: expected h74-001..h74-120 in order, got {len(ids)} ids")
        problems_total += 1
    langs = [("zh" in c["tags"]) + ("en" in c["tags"]) * 2 for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        print(f"MISMATCH languages: zh {langs.count(1)}, en {langs.count(2)} (want 60/60, exactly one of zh/en each)")
        problems_total += 1
    cite_re = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
    for cs in cases:
        cid = cs["id"]
        probs: list[str] = []
        extra = set(cs) - {"id", "question", "turns", "expect", "cite", "tags"}
        if extra:
            probs.append(f"unknown fields {sorted(extra)}")
        turns = cs.get("turns", [])
        if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns):
            probs.append("turns must be a list of non-empty strings")
        if bool(turns) != ("multiturn" in cs["tags"]):
            probs.append("tag 'multiturn' iff the case has turns")
        if len(turns) > 3:
            probs.append("at most 3 earlier turns (4 in all)")
        for ct in cs.get("cite", []):
            if not cite_re.match(ct):
                probs.append(f"bad cite {ct!r}")
        fn = SPEC.get(cid)
        if fn is None:
            probs.append("no reference computation")
        else:
            c = Ctx()
            try:
                want = fn(c)
                cites = c.cites
                codes = set(c.codes)
                guessed = c.guessed
            except Unanswerable as e:
                want = {"kind": "unanswerable", "note": str(e)}
                cites, codes, guessed = [], set(), False
            d = same_expect(cs["expect"], want)
            if d:
                probs.append(f"expect: {d}")
            if sorted(cs.get("cite", [])) != sorted(cites) or len(set(cs.get("cite", []))) != len(cs.get("cite", [])):
                probs.append(f"cite {cs.get('cite')} != {cites}")
            mixed = len({year(k) for k in codes}) > 1
            if guessed != ("guessed_unit" in cs["tags"]):
                probs.append(f"tag guessed_unit should be {'present' if guessed else 'absent'}")
            if mixed != ("mixed_years" in cs["tags"]):
                probs.append(f"tag mixed_years should be {'present' if mixed else 'absent'}")
            if want["kind"] == "unanswerable" and cs.get("cite"):
                probs.append("unanswerable case must cite nothing")
            touched_failing = any(
                any(ct.split("#")[1].startswith(g) for g in failing_groups(k))
                for ct in cites if "#" in ct
                for k in ALL if CITEFILE[k] == ct.split("#")[0])
            if touched_failing and "quality" not in cs["tags"]:
                probs.append("reads a failing group's cells but is not tagged 'quality'")
        if probs:
            problems_total += len(probs)
            for p in probs:
                print(f"MISMATCH {cid}: {p}")
        else:
            ok += 1
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and problems_total == 0 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
