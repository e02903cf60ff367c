#!/usr/bin/env python3
"""Reference for eval/qa_holdout88.jsonl (stdlib only).

Recomputes every case of the set from the hand-checked gold fixtures
(tests/fixtures/gold/*.json) and, for passage / mention cases, from the section text of
data/samples/*.txt. For each case it rebuilds the expected answer, the cite list (every cell
read while computing it), and the `guessed_unit` / `mixed_years` tags, then compares them
with the JSONL line. It also enforces the conventions of the set: 120 cases, ids h88-001..120,
zh for 001-060 and en for 061-120, no blank cell inside a computed scope, and no cell of a
failing balance group outside a data-quality (`quality`) case.

Prints every mismatch and `SUMMARY n/120`; exits 0 only at 120/120.

    python3 eval/qa_holdout88_reference.py [path/to/qa_holdout88.jsonl]
"""
from __future__ import annotations

import json
import os
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
DATASET = ROOT / "eval" / "qa_holdout88.jsonl"
N_CASES = 120

# ----------------------------------------------------------------------------- gold
REP: dict[str, dict] = {}
for _p in sorted(GOLD.glob("*.json")):
    _d = json.loads(_p.read_text(encoding="utf-8"))
    REP[os.path.basename(_d["file"])] = _d


def names(f: str) -> list[str]:
    d = REP[f]
    return [d["agency"], d.get("agency_full") or ""] + [v["text"] for v in d.get("agency_variants", [])]


def find(part: str, year: int) -> str:
    """The one report whose agency name contains `part` for that report year."""
    hits = [f for f, d in REP.items() if d["year"] == year and any(part in n for n in names(f))]
    assert len(hits) == 1, (part, year, hits)
    return hits[0]


def year(f: str) -> int:
    return REP[f]["year"]


def agency(f: str) -> str:
    return REP[f]["agency"]


GUL = find("福州市鼓楼区统计局", 2020)
LUC = find("鹿城区统计局", 2020)
YIN = find("鄞州区统计局", 2019)
WQ = find("温泉街道", 2020)
ERQ = find("二七区统计局", 2020)
HZ23 = find("洪泽区", 2023)
HZ24 = find("洪泽区", 2024)

ALL = sorted(REP)
Y2020 = [f for f in ALL if year(f) == 2020]
Y1920 = [f for f in ALL if year(f) in (2019, 2020)]
STATS = [f for f in ALL if agency(f).endswith("统计局")]
FUJIAN = [f for f in ALL if REP[f].get("province") == "福建省"]
HONGZE = [f for f in ALL if "洪泽区" in agency(f)]

COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")
OUTCOME_ROWS = ("granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc")
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
OUTCOMES = ("upheld", "corrected", "other", "pending")


def fact(f: str, key: str) -> dict | None:
    return REP[f]["facts"].get(key)


def is_num(f: str, key: str) -> bool:
    x = fact(f, key)
    return x is not None and x["state"] == "number"


def guessed(f: str, key: str) -> bool:
    x = fact(f, key) or {}
    return bool(x.get("unit_assumed")) and not x.get("unit_printed")


# ------------------------------------------------------------------ balance rules R1-R4
def failing_cells() -> dict[str, set[str]]:
    """cells (file#key) of every group that breaks a balance rule, per rule."""
    out: dict[str, set[str]] = {"R1": set(), "R2": set(), "R3": set(), "R4": set()}
    for f in ALL:
        v = lambda k: fact(f, k)["value"]  # noqa: E731
        for col in COLS + ("total",):
            ks = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
            if all(is_num(f, k) for k in ks) and v(ks[0]) + v(ks[1]) != v(ks[2]) + v(ks[3]):
                out["R1"].update(f"{f}#{k}" for k in ks)
            rows = [f"requests.{r}.{col}" for r in OUTCOME_ROWS if fact(f, f"requests.{r}.{col}")]
            rows = [k for k in rows if fact(f, k)["state"] != "absent"]
            if all(is_num(f, k) for k in rows) and is_num(f, f"requests.handled.{col}"):
                if sum(v(k) for k in rows) != v(f"requests.handled.{col}"):
                    out["R2"].update(f"{f}#{k}" for k in rows + [f"requests.handled.{col}"])
        for r in ("new", "carried_in", "handled", "carried_out") + OUTCOME_ROWS:
            ks = [f"requests.{r}.{c}" for c in COLS + ("total",)]
            if all(is_num(f, k) for k in ks) and sum(v(k) for k in ks[:-1]) != v(ks[-1]):
                out["R3"].update(f"{f}#{k}" for k in ks)
        for g in GROUPS:
            ks = [f"review.{g}.{o}" for o in OUTCOMES + ("total",)]
            if all(is_num(f, k) for k in ks) and sum(v(k) for k in ks[:-1]) != v(ks[-1]):
                out["R4"].update(f"{f}#{k}" for k in ks)
    return out


FAILING_BY_RULE = failing_cells()
FAILING = set().union(*FAILING_BY_RULE.values())


def group_balances(f: str, g: str, ctx: "Ctx") -> bool:
    ks = [f"review.{g}.{o}" for o in OUTCOMES + ("total",)]
    vals = [ctx.v(f, k, quality=True) for k in ks]
    return sum(vals[:-1]) == vals[-1]


# ------------------------------------------------------------------------ sample text
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
                 "五": "问题", "六": "其他需要报告"}


def text(f: str) -> str:
    return (SAMPLES / f).read_text(encoding="utf-8")


def sections(f: str) -> dict[str, str]:
    """canonical section number -> its text (heading matched by number and meaning)."""
    cur, out = None, {}
    for line in text(f).splitlines():
        s = re.sub(r"^[#*\s]+|\*+", "", line).strip()
        m = re.match(r"^([一二三四五六])、(.*)$", s)
        if m and SECTION_WORDS[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, "")
            continue
        if cur:
            out[cur] += line + "\n"
    return out


def paragraphs_with(f: str, *words: str) -> set[str]:
    """sections holding a paragraph that contains every one of `words`."""
    hit = set()
    for sec, body in sections(f).items():
        for para in re.split(r"\n\s*\n|\n", body):
            if all(w in para for w in words):
                hit.add(sec)
    return hit


# ------------------------------------------------------------------------ case context
class CaseError(Exception):
    pass


class Ctx:
    def __init__(self, quality: bool):
        self.quality = quality
        self.cells: list[str] = []
        self.agg = False

    def v(self, f: str, key: str, quality: bool = False) -> float:
        x = fact(f, key)
        if x is None or x["state"] != "number":
            raise CaseError(f"{f}#{key} is {x and x['state']}, not a number")
        c = f"{f}#{key}"
        if c in FAILING and not self.quality:
            raise CaseError(f"{c} belongs to a failing balance group; only data-quality cases may use it")
        if c not in self.cells:
            self.cells.append(c)
        return x["value"]

    def cell(self, f: str, key: str) -> None:  # record a cell of any state (data-quality cases)
        if not self.quality:
            raise CaseError("only a data-quality case may cite a non-number cell")
        c = f"{f}#{key}"
        if c not in self.cells:
            self.cells.append(c)

    def vals(self, files, key):
        self.agg = True
        return [(f, self.v(f, key)) for f in files]


def num(value, unit="count"):
    return {"kind": "number", "value": value, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def ag(f):
    return {"kind": "agency", "value": agency(f)}


def lst(values, ordered=False):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def yes(b):
    return {"kind": "boolean", "value": bool(b)}


def unans():
    return {"kind": "unanswerable"}


def ranked(pairs, desc=True):
    """(file, value) sorted; raises on a tie between neighbours (positions become ambiguous)."""
    s = sorted(pairs, key=lambda p: p[1], reverse=desc)
    return s


def pick(pairs, pos, desc=True):
    s = ranked(pairs, desc)
    if (pos > 0 and s[pos - 1][1] == s[pos][1]) or (pos + 1 < len(s) and s[pos + 1][1] == s[pos][1]):
        raise CaseError(f"tie at rank position {pos + 1}")
    return s[pos][0]


def top(pairs, k, desc=True):
    s = ranked(pairs, desc)
    if k < len(s) and s[k - 1][1] == s[k][1]:
        raise CaseError("tie at the cut of a top-k list")
    if len({v for _, v in s[:k]}) < k:
        raise CaseError("tie inside an ordered top-k list")
    return [agency(f) for f, _ in s[:k]]


def passage(ctx, f, sec, *words):
    secs = sections(f)
    if sec not in secs:
        raise CaseError(f"{f}: no section {sec}")
    where = paragraphs_with(f, *words)
    if sec not in where:
        raise CaseError(f"{f}: section {sec} has no paragraph with {words}")
    if where != {sec}:
        raise CaseError(f"{f}: {words} also in sections {sorted(where - {sec})}: two readings")
    ctx.cells.append(f)
    return {"kind": "passages", "files": [f], "sections": [sec]}


def mention(ctx, scope, word):
    if any(not (SAMPLES / f).exists() for f in scope):
        raise CaseError("mention scope holds a report without sample text")
    hits = [f for f in scope if word in text(f)]
    ctx.cells.extend(hits)
    return lst(agency(f) for f in hits)


PA, PP, NT, PD = "active.procurement.amount", "active.procurement.projects", "requests.new.total", "active.penalty.decisions"
LIC, COE, FEE = "active.licensing.decisions", "active.coercion.decisions", "active.fees.amount"
HANDLED = "requests.handled.total"
NOT_HELD = "requests.unavailable_not_held.total"


def S(ctx, files, key):
    return sum(v for _, v in ctx.vals(files, key))


# ------------------------------------------------------------------------------ specs
SPEC = {}


def spec(n, quality=False):
    def deco(fn):
        SPEC[n] = (fn, quality)
        return fn
    return deco


# 001-020 zh: 司法局 staff preparing a training slide
spec(1)(lambda x: num(x.v(HZ24, LIC)))
spec(2)(lambda x: num(x.v(LUC, PD)))
spec(3)(lambda x: pct(x.v(HZ24, "requests.granted.total"), x.v(HZ24, HANDLED)))
spec(4)(lambda x: num(x.v(HZ23, LIC) + x.v(HZ23, PD) + x.v(HZ23, COE)))
spec(5)(lambda x: num(x.v(find("洪泽区", 2023 + 1), NT)))
spec(6)(lambda x: (lambda a, b: pct(b - a, a))(x.v(HZ23, NT), x.v(HZ24, NT)))
spec(7)(lambda x: ag(pick(x.vals(Y2020, PP), 1)))
spec(8)(lambda x: num(sum(1 for _, v in x.vals(Y2020, PD) if v == 0)))


@spec(9)
def _c9(x):
    assert not any(REP[f].get("city") == "南京市" for f in ALL)
    return unans()


@spec(10)
def _c10(x):
    return passage(x, WQ, "五", "有待提高")


spec(11)(lambda x: num(x.v(HZ23, PD) - x.v(HZ24, PD)))
spec(12)(lambda x: yes(x.v(HZ24, COE) > x.v(HZ23, COE)))
spec(13)(lambda x: yes(x.v(YIN, NT) == x.v(YIN, HANDLED)))
spec(14)(lambda x: num(x.v(ERQ, PA) / x.v(ERQ, PP), "yuan"))
spec(15)(lambda x: mention(x, Y2020, "培训"))
spec(16, quality=True)(lambda x: yes(group_balances(HZ23, "reconsideration", x)))
spec(17)(lambda x: lst(sorted(year(f) for f in HONGZE)))
spec(18)(lambda x: pct(x.v(HZ24, LIC), x.v(HZ23, LIC)))
spec(19)(lambda x: num(x.v(HZ24, "active.normative.in_force")))
spec(20)(lambda x: lst(top(x.vals([f for f in ALL if is_num(f, PA)], PA), 3), True))

# 021-040 zh: 市政协 researcher
spec(21)(lambda x: num(S(x, FUJIAN, NT)))
spec(22)(lambda x: num(S(x, STATS, PA), "yuan"))
spec(23)(lambda x: num(statistics.mean(v for _, v in x.vals(Y2020, PA)), "yuan"))
spec(24)(lambda x: num(statistics.median(v for _, v in x.vals(Y1920, PP))))
spec(25)(lambda x: num(sum(1 for _, v in x.vals([f for f in ALL if is_num(f, PA)], PA) if v > 10 * 10000)))
spec(26)(lambda x: ag(pick(x.vals(Y2020, PA), 1, desc=False)))
spec(27)(lambda x: num(x.v(GUL, PA) - x.v(LUC, PA), "yuan"))
spec(28)(lambda x: num(x.v(YIN, PD)))


@spec(29)
def _c29(x):
    x.agg = True
    return num(x.v(YIN, PA) + x.v(ERQ, PA), "yuan")


spec(30)(lambda x: pct(x.v(WQ, NOT_HELD), x.v(WQ, NT)))


@spec(31)
def _c31(x):
    assert not any("鹿城区" in agency(f) and year(f) == 2021 for f in ALL)
    return unans()


@spec(32)
def _c32(x):
    return passage(x, YIN, "五", "改进措施")


spec(33)(lambda x: lst(sorted({agency(f) for f in ALL if REP[f].get("province") == "浙江省"})))


@spec(34, quality=True)
def _c34(x):
    bad = sorted({c.split("#")[0] for c in FAILING})
    for c in sorted(FAILING, key=lambda c: (c.split("#")[0], c)):
        f, k = c.split("#")
        x.v(f, k, quality=True)
    return num(len(bad))


spec(35)(lambda x: num(sum(1 for _, v in x.vals(ALL, NT) if v >= 1)))
spec(36)(lambda x: num(x.v(HZ23, FEE) - x.v(HZ24, FEE), "yuan"))
spec(37)(lambda x: (lambda a, b, c: pct(a, a + b + c))(x.v(HZ23, LIC), x.v(HZ23, PD), x.v(HZ23, COE)))


@spec(38)
def _c38(x):
    pairs = x.vals(Y2020, PD)
    avg = statistics.mean(v for _, v in pairs)
    return lst(agency(f) for f, v in pairs if v > avg)


@spec(39)
def _c39(x):
    st = fact(HZ24, PA)
    assert st is None or st["state"] == "absent"
    assert REP[HZ24]["template"] == "2021"
    return unans()


spec(40)(lambda x: ag(pick(x.vals(Y2020, PP), 1)))

# 041-060 zh: 公益律师
spec(41)(lambda x: num(x.v(HZ24, "review.lawsuit_direct.total")))
spec(42)(lambda x: num(x.v(HZ24, "review.lawsuit_after_review.upheld")))
spec(43)(lambda x: num(sum(x.v(HZ24, f"review.{g}.total") for g in GROUPS)))
spec(44)(lambda x: pct(x.v(HZ24, "review.reconsideration.corrected"), x.v(HZ24, "review.reconsideration.total")))
spec(45)(lambda x: yes(x.v(HZ24, "review.lawsuit_direct.total") + x.v(HZ24, "review.lawsuit_after_review.total")
                       > x.v(HZ24, "review.reconsideration.total")))
spec(46)(lambda x: num(sum(1 for _, v in x.vals(Y2020, "review.reconsideration.total") if v == 0)))
spec(47)(lambda x: num(x.v(HZ23, NOT_HELD)))
spec(48)(lambda x: num(x.v(HZ24, NOT_HELD)))
spec(49)(lambda x: pct(x.v(HZ24, NOT_HELD), x.v(HZ24, NT)))
spec(50)(lambda x: num(sum(x.v(HZ24, f"requests.{r}.total") for r in WITHHELD)))
spec(51)(lambda x: yes(x.v(HZ23, "requests.declined_complaint.total") == x.v(HZ24, "requests.declined_complaint.total")))
spec(52)(lambda x: num(x.v(WQ, "requests.withheld_third_party.total")))
spec(53)(lambda x: num(sum(1 for _, v in x.vals(ALL, "requests.withheld_third_party.total") if v >= 1)))


@spec(54)
def _c54(x):
    assert not any(re.search(r"damage|compens|赔偿", k) for f in ALL for k in REP[f]["facts"])
    return unans()


@spec(55)
def _c55(x):
    return passage(x, ERQ, "五", "不足")


spec(56)(lambda x: ag(pick(x.vals(Y2020, NT), 0)))
spec(57)(lambda x: num(x.v(WQ, NT) - x.v(LUC, NT)))


@spec(58, quality=True)
def _c58(x):
    table = x.v(HZ24, NT, quality=True)
    narr = [n for n in REP[HZ24]["narrative_numbers"] if n.get("cell") == NT or NT in (n.get("cells") or [])]
    assert len(narr) == 1 and narr[0]["value"] == 17, narr
    return yes(narr[0]["value"] == table)


@spec(59)
def _c59(x):
    assert fact(WQ, "requests.carried_out.total")["state"] == "blank"
    return unans()


spec(60)(lambda x: num(x.v(HZ23, "requests.granted.total")))

# 061-080 en: Hong Kong academic
spec(61)(lambda x: num(x.v(HZ24, NT)))
spec(62)(lambda x: num(x.v(LUC, PA), "yuan"))
spec(63)(lambda x: pct(x.v(HZ23, "requests.partial.total"), x.v(HZ23, HANDLED)))


@spec(64)
def _c64(x):
    x.agg = True
    a = x.v(HZ23, NOT_HELD); b = x.v(HZ23, HANDLED); c = x.v(HZ24, NOT_HELD); d = x.v(HZ24, HANDLED)
    return pct(a + c, b + d)


spec(65)(lambda x: num(S(x, Y2020, PA) / S(x, Y2020, PP), "yuan"))
spec(66)(lambda x: ag(pick(x.vals(Y1920, PP), 1)))
spec(67)(lambda x: num(sum(1 for _, v in x.vals(Y2020, PA) if v >= 100000)))
spec(68)(lambda x: yes(x.v(YIN, PA) > x.v(GUL, PA)))
spec(69)(lambda x: num(x.v(HZ24, LIC) - x.v(HZ23, LIC)))
spec(70)(lambda x: num(x.v(find("洪泽区", 2023 + 1), COE)))


@spec(71)
def _c71(x):
    x.agg = True
    return num(x.v(HZ23, COE) + x.v(HZ24, COE))


spec(72)(lambda x: num(statistics.median(v for _, v in x.vals(Y2020, NT))))


@spec(73)
def _c73(x):
    return passage(x, LUC, "五", "不足")


spec(74)(lambda x: lst(sorted({year(f) for f in ALL})))


@spec(75)
def _c75(x):
    assert not any(re.search(r"budget|预算", k) for f in ALL for k in REP[f]["facts"])
    return unans()


spec(76, quality=True)(lambda x: yes(group_balances(HZ23, "lawsuit_after_review", x)))
spec(77)(lambda x: num(x.v(HZ23, "active.normative.repealed")))
spec(78)(lambda x: ag(max([WQ, GUL], key=lambda f: x.v(f, NT))) if x.v(WQ, NT) != x.v(GUL, NT) else None)
spec(79)(lambda x: lst(agency(f) for f, v in x.vals(Y2020, PD) if v == 0))
spec(80)(lambda x: num(x.v(HZ24, FEE), "yuan"))

# 081-100 en: European think-tank analyst
spec(81)(lambda x: num(x.v(HZ23, NT)))
spec(82)(lambda x: pct(sum(x.v(HZ24, f"requests.{r}.total") for r in WITHHELD), x.v(HZ24, HANDLED)))
spec(83)(lambda x: num(S(x, ALL, NT)))
spec(84)(lambda x: num(statistics.mean(v for _, v in x.vals(ALL, NT))))
spec(85)(lambda x: num(sum(1 for _, v in x.vals(ALL, "requests.carried_in.total") if v > 0)))
spec(86)(lambda x: (lambda a, b: pct(a - b, a))(x.v(HZ23, PD), x.v(HZ24, PD)))
spec(87)(lambda x: ag(pick(x.vals(Y2020, PA), 1)))
spec(88)(lambda x: num(x.v(ERQ, NT)))
spec(89)(lambda x: pct(x.v(HZ24, "requests.partial.total"), x.v(HZ24, HANDLED)))
spec(90)(lambda x: yes(any(v > 0 for _, v in x.vals(Y2020, "review.lawsuit_direct.total") + x.vals(Y2020, "review.lawsuit_after_review.total"))))


@spec(91)
def _c91(x):
    return passage(x, GUL, "五", "一是")


spec(92)(lambda x: mention(x, STATS, "微博"))


@spec(93)
def _c93(x):
    assert not any("鄞州区" in agency(f) and year(f) == 2020 for f in ALL)
    return unans()


@spec(94)
def _c94(x):
    assert not any(re.search(r"day|time|时限|天", k) for f in ALL for k in REP[f]["facts"])
    return unans()


spec(95)(lambda x: lst(top(x.vals(Y2020, PP), 3), True))
spec(96)(lambda x: pct(x.v(LUC, PA), x.v(GUL, PA)))
spec(97)(lambda x: num(len({agency(f) for f in ALL})))


@spec(98, quality=True)
def _c98(x):
    x.agg = True
    hit = [f for f in ALL if fact(f, PA) and guessed(f, PA)]
    for f in hit:
        x.v(f, PA, quality=True)
    return lst(agency(f) for f in hit)


spec(99)(lambda x: num(x.v(ERQ, "active.penalty.prev_items")))
spec(100)(lambda x: num(x.v(HZ24, LIC) - x.v(HZ24, PD)))

# 101-120 en: wire-service translator
spec(101)(lambda x: yes(x.v(HZ24, "active.normative.issued") == 3))
spec(102)(lambda x: num(x.v(LUC, "active.penalty.change")))
spec(103)(lambda x: num(x.v(GUL, PP)))
spec(104)(lambda x: yes(x.v(HZ24, FEE) > x.v(HZ23, FEE)))
spec(105)(lambda x: num(x.v(HZ23, FEE), "yuan"))
spec(106)(lambda x: pct(x.v(HZ24, FEE), x.v(HZ23, FEE)))
spec(107)(lambda x: num(x.v(LUC, PP) - x.v(ERQ, PP)))


@spec(108)
def _c108(x):
    return passage(x, YIN, "一", "培训", "条例")


spec(109)(lambda x: mention(x, Y1920, "保密"))
spec(110)(lambda x: num(sum(1 for _, v in x.vals(Y1920, LIC) if v == 0)))


@spec(111)
def _c111(x):
    assert not any("金水区" in n for f in ALL for n in names(f))
    return unans()


@spec(112)
def _c112(x):
    assert not any("洪泽区" in agency(f) and year(f) == 2022 for f in ALL)
    return unans()


spec(113)(lambda x: num(x.v(LUC, PD)))


@spec(114)
def _c114(x):
    f = pick(x.vals(Y2020, PP), 0, desc=False)
    x.agg = False  # the ranking turn is within one year; the figure is one agency's
    return num(x.v(f, PA) / x.v(f, PP), "yuan")


spec(115)(lambda x: yes(x.v(WQ, PA) > x.v(LUC, PA)))


@spec(116)
def _c116(x):
    hit = [f for f in ALL if REP[f].get("agency_kind") == "street_office"]
    assert len({agency(f) for f in hit}) == 1
    return ag(hit[0])


@spec(117)
def _c117(x):
    x.agg = True
    return num(statistics.mean([x.v(HZ23, PD), x.v(HZ24, PD)]))


@spec(118, quality=True)
def _c118(x):
    blank = [k for k, c in REP[WQ]["facts"].items() if k.startswith("requests.") and c["state"] == "blank"]
    for k in blank:
        x.cell(WQ, k)
    return num(len(blank))


spec(119)(lambda x: yes(x.v(ERQ, NT) == 0))
spec(120)(lambda x: num(x.v(GUL, PA) + x.v(WQ, PA), "yuan"))


# --------------------------------------------------------------------------- compare
def close(a, b, unit):
    # expected values are written to 4 decimals at most
    return abs(a - b) <= max(0.0006, 1e-9 * abs(b))


def same_expect(exp: dict, got: dict) -> str | None:
    if exp.get("kind") != got["kind"]:
        return f"kind {exp.get('kind')!r} != {got['kind']!r}"
    k = got["kind"]
    if k == "number":
        if exp.get("unit") != got["unit"]:
            return f"unit {exp.get('unit')!r} != {got['unit']!r}"
        if not close(float(exp["value"]), float(got["value"]), got["unit"]):
            return f"value {exp['value']} != {got['value']}"
    elif k in ("agency", "boolean"):
        if exp.get("value") != got["value"]:
            return f"value {exp.get('value')!r} != {got['value']!r}"
    elif k == "list":
        if bool(exp.get("ordered")) != got["ordered"]:
            return f"ordered {exp.get('ordered')} != {got['ordered']}"
        a, b = list(exp.get("values", [])), list(got["values"])
        if not got["ordered"]:
            a, b = sorted(map(str, a)), sorted(map(str, b))
        if a != b:
            return f"values {exp.get('values')} != {got['values']}"
    elif k == "passages":
        if sorted(exp.get("files", [])) != sorted(got["files"]) or sorted(exp.get("sections", [])) != sorted(got["sections"]):
            return f"passages {exp.get('files')}/{exp.get('sections')} != {got['files']}/{got['sections']}"
    return None


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DATASET
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    ok = 0
    problems_total = 0
    if len(cases) != N_CASES:
        print(f"MISMATCH set: {len(cases)} cases, expected {N_CASES}")
        problems_total += 1
    for i, case in enumerate(cases, start=1):
        cid = case.get("id")
        probs = []
        if cid != f"h88-{i:03d}":
            probs.append(f"id {cid!r} out of order (expected h88-{i:03d})")
        n = int(str(cid).rsplit("-", 1)[-1]) if cid else 0
        tags = case.get("tags", [])
        lang = "zh" if n <= 60 else "en"
        if lang not in tags or ({"zh", "en"} - {lang}) & set(tags):
            probs.append(f"language tag should be {lang}")
        han = bool(re.search(r"[\u4e00-\u9fff]{2,}", re.sub(r"[（(][^）)]*[）)]|\([^)]*\)", "", case["question"])))
        if lang == "zh" and not han:
            probs.append("a zh case whose question is not Chinese")
        if lang == "en" and not re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", case["question"]):
            probs.append("an en case whose question is not English")
        if "turns" in case and not (isinstance(case["turns"], list) and case["turns"]):
            probs.append("turns present but empty")
        if ("multiturn" in tags) != bool(case.get("turns")):
            probs.append("multiturn tag and turns disagree")
        if n not in SPEC:
            probs.append("no reference spec")
        else:
            fn, quality = SPEC[n]
            if quality != ("quality" in tags):
                probs.append("quality tag disagrees with the reference")
            ctx = Ctx(quality)
            try:
                got = fn(ctx)
                if got is None:
                    raise CaseError("the reference found no single answer")
                if got["kind"] == "number" and got["unit"] == "percent":
                    got["value"] = round(got["value"], 4)
                why = same_expect(case.get("expect", {}), got)
                if why:
                    probs.append(why)
                if got["kind"] == "unanswerable":
                    want_cite = []
                else:
                    want_cite = ctx.cells
                if sorted(case.get("cite", [])) != sorted(want_cite):
                    probs.append(f"cite {case.get('cite')} != {want_cite}")
                cells = [c.split("#") for c in want_cite if "#" in c]
                g = any(guessed(f, k) for f, k in cells)
                if g != ("guessed_unit" in tags):
                    probs.append(f"guessed_unit tag should be {'present' if g else 'absent'}")
                yrs = {year(c.split("#")[0]) for c in want_cite}
                mixed = ctx.agg and len(yrs) > 1
                if mixed != ("mixed_years" in tags):
                    probs.append(f"mixed_years tag should be {'present' if mixed else 'absent'}")
                if got["kind"] == "unanswerable" and "unanswerable" not in tags:
                    probs.append("unanswerable case without the unanswerable tag")
            except (CaseError, AssertionError, KeyError, ZeroDivisionError) as e:
                probs.append(f"reference error: {type(e).__name__}: {e}")
        if probs:
            problems_total += 1
            for p in probs:
                print(f"MISMATCH {cid}: {p}")
        else:
            ok += 1
    if len(cases) != N_CASES:
        ok = min(ok, N_CASES - 1)
    print(f"SUMMARY {ok}/{N_CASES}")
    return 0 if ok == N_CASES and not problems_total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
