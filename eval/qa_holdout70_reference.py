#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout70.jsonl (stdlib only).

Every expected answer of the 120 cases is recomputed here from the hand-checked gold cells in
tests/fixtures/gold/*.json (and, for passage and mention cases, from the section text of
data/samples/*.txt). For each case the script rebuilds the expected answer, the cite list and the
`guessed_unit` / `mixed_years` tags, compares them with the JSONL line, prints every mismatch and
then `SUMMARY n/120`. It exits 0 only when all 120 cases agree.

Rules enforced while recomputing:
- a value is read only from a cell whose state is "number"; reading a blank, absent, unreadable or
  missing cell raises, so no lookup, total, average or ranking can use one;
- cells of a group that fails a balance rule (R1-R4 in the gold `checks`) may be read only by cases
  tagged `quality`; any case citing such a cell must carry that tag;
- rankings refuse ties at the asked position; ordered lists refuse any tie;
- `guessed_unit` <=> some cited cell has `unit_assumed`; `mixed_years` <=> the cited reports
  (cells and bare files) span more than one report year.

Run: python3 eval/qa_holdout70_reference.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout70.jsonl"
N_CASES = 120

ALIAS = {
    "gulou": "000_2133ae744f48d674",
    "lucheng": "001_19df74b8cb7281a4",
    "yinzhou": "002_c42cd15df52a6935",
    "wenquan": "003_acfa5b9243423631",
    "erqi": "004_5206fb2196a31c52",
    "hz23": "hongze-qu-gov-2023",
    "hz24": "hongze-qu-gov-2024",
}

SECTION_HEADS = {
    "一": re.compile(r"^[#\s*]*一、\s*总体情况"),
    "二": re.compile(r"^[#\s*]*二、\s*主动公开"),
    "三": re.compile(r"^[#\s*]*三、\s*收到和处理"),
    "四": re.compile(r"^[#\s*]*四、\s*政府信息公开行政"),
    "五": re.compile(r"^[#\s*]*五、.*(问题|改进|整改)"),
    "六": re.compile(r"^[#\s*]*六、\s*其他需要报告"),
}
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")
UNITS = ("count", "yuan", "percent")


class RefError(Exception):
    """A rule of the reference was broken while recomputing a case."""


# --------------------------------------------------------------------------- the store

def _load() -> dict[str, dict]:
    reps = {}
    for alias, stem in ALIAS.items():
        d = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        d["_alias"] = alias
        d["_cite_file"] = Path(d["file"]).name          # samples/pdf/hongze-qu-gov-2023.pdf -> hongze-qu-gov-2023.pdf
        txt = SAMPLES / d["_cite_file"]
        d["_text"] = txt.read_text(encoding="utf-8") if txt.suffix == ".txt" and txt.exists() else None
        d["_failed_groups"] = _failed_groups(d.get("checks", {}))
        reps[alias] = d
    assert len(reps) == 7
    return reps


def _failed_groups(checks: dict) -> set[str]:
    """'table.row' groups named in a failing balance check (R4 names section-四 rows)."""
    out: set[str] = set()
    for rule, verdict in checks.items():
        if not str(verdict).startswith("fail"):
            continue
        for row in re.findall(r"([a-z_]+):", str(verdict)):
            if row == "fail":
                continue
            table = "review" if rule == "R4" else "requests"
            out.add(f"{table}.{row}")
    return out


REP = _load()
FILE_YEAR = {r["_cite_file"]: r["year"] for r in REP.values()}
FILE_REP = {r["_cite_file"]: r for r in REP.values()}


def kind_of(r: dict) -> str:
    """Agency kind; the Hongze gold has no agency_kind field: a 人民政府 is a government (DOMAIN.md)."""
    if r.get("agency_kind"):
        return r["agency_kind"]
    if r["agency"].endswith("人民政府"):
        return "government"
    raise RefError(f"no agency kind for {r['agency']}")


def reports(pred=lambda r: True) -> list[str]:
    return [a for a, r in REP.items() if pred(r)]


Y2020 = reports(lambda r: r["year"] == 2020)
ALL = list(ALIAS)
WITH_PROCUREMENT = reports(lambda r: "active.procurement.amount" in r["facts"])
BUREAUS = reports(lambda r: r["agency"].endswith("统计局"))
FUJIAN = reports(lambda r: r["province"] == "福建省")
ZHEJIANG = reports(lambda r: r["province"] == "浙江省")
HONGZE = reports(lambda r: r["agency"] == "淮安市洪泽区人民政府")


def name(a: str) -> str:
    return REP[a]["agency"]


def section_text(a: str, sec: str) -> str:
    text = REP[a]["_text"]
    if text is None:
        raise RefError(f"{a}: no sample text for passages")
    lines = text.splitlines()
    starts = {}
    for i, line in enumerate(lines):
        for s, pat in SECTION_HEADS.items():
            if s not in starts and pat.match(line):
                starts[s] = i
    if sec not in starts:
        raise RefError(f"{a}: section {sec} heading not found")
    begin = starts[sec]
    end = min([i for i in starts.values() if i > begin], default=len(lines))
    return "\n".join(lines[begin:end])


# --------------------------------------------------------------------------- a case's computation

class Ctx:
    def __init__(self, quality_ok: bool = False):
        self.cites: list[str] = []
        self.quality_ok = quality_ok
        self.used_failed = False

    def _cite(self, s: str) -> None:
        if s not in self.cites:
            self.cites.append(s)

    def v(self, a: str, key: str, cite: bool = True) -> float:
        r = REP[a]
        f = r["facts"].get(key)
        if f is None:
            raise RefError(f"{a} {key}: no such cell")
        if f["state"] != "number":
            raise RefError(f"{a} {key}: state {f['state']}, not a number")
        group = ".".join(key.split(".")[:2])
        if group in r["_failed_groups"]:
            if not self.quality_ok:
                raise RefError(f"{a} {key}: group {group} fails a balance rule; only quality cases may use it")
            self.used_failed = True
        if cite:
            self._cite(f"{r['_cite_file']}#{key}")
        return f["value"]

    def vals(self, aliases, key):
        return [(a, self.v(a, key)) for a in aliases]

    def file(self, a: str) -> None:
        self._cite(REP[a]["_cite_file"])

    # ---- unanswerable checks
    def unusable(self, a: str, key: str) -> None:
        f = REP[a]["facts"].get(key)
        if f is not None and f["state"] == "number":
            raise RefError(f"{a} {key} is a number ({f['value']}): the case is answerable")

    def failed(self, a: str, key: str) -> None:
        group = ".".join(key.split(".")[:2])
        if group not in REP[a]["_failed_groups"]:
            raise RefError(f"{a} {key}: group {group} passes its checks")

    def no_report(self, agency_sub: str, year: int | None = None) -> None:
        hit = [r for r in REP.values() if agency_sub in r["agency"] and (year is None or r["year"] == year)]
        if hit:
            raise RefError(f"{agency_sub} {year}: a report exists")

    def has_agency(self, agency_sub: str) -> None:
        if not any(agency_sub in r["agency"] for r in REP.values()):
            raise RefError(f"{agency_sub}: not in the store at all")


def rank(pairs, pos: int, highest_first: bool = True) -> str:
    """Agency at 1-based position `pos`; a tie touching that position is an error."""
    s = sorted(pairs, key=lambda p: p[1], reverse=highest_first)
    v = s[pos - 1][1]
    for j in (pos - 2, pos):
        if 0 <= j < len(s) and s[j][1] == v:
            raise RefError(f"tie at position {pos}: {s}")
    return name(s[pos - 1][0])


def ordered(pairs, highest_first: bool = True) -> list[str]:
    s = sorted(pairs, key=lambda p: p[1], reverse=highest_first)
    vs = [p[1] for p in s]
    if len(set(vs)) != len(vs):
        raise RefError(f"ties in an ordered list: {s}")
    return [name(a) for a, _ in s]


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def pct(a, b):
    return 100.0 * a / b


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def AG(v):
    return {"kind": "agency", "value": v}


def L(vs, is_ordered):
    return {"kind": "list", "values": vs, "ordered": is_ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def NO():
    return {"kind": "unanswerable"}


def passage(c: Ctx, a: str, sec: str, anchors: list[str]):
    txt = section_text(a, sec)
    for w in anchors:
        if w not in txt:
            raise RefError(f"{a} section {sec}: anchor {w!r} not found")
    c.file(a)
    return {"kind": "passages", "files": [REP[a]["_cite_file"]], "sections": [sec]}


def mention(c: Ctx, scope: list[str], word: str) -> list[str]:
    out = []
    for a in scope:
        t = REP[a]["_text"]
        if t is None:
            raise RefError(f"{a}: no text to search for {word!r}")
        if word in t:
            out.append(name(a))
            c.file(a)
    return out


# --------------------------------------------------------------------------- the 120 cases

def case_fns():
    F = {}

    def case(n, quality=False):
        def deco(fn):
            F[f"h70-{n:03d}"] = (fn, quality)
            return fn
        return deco

    # ---- 001-020 淘宝体客服 (zh)
    @case(1)
    def _(c): return N(c.v("yinzhou", "active.procurement.amount"), "yuan")
    @case(2)
    def _(c): return N(c.v("hz24", "active.licensing.decisions"))
    @case(3)
    def _(c): return N(c.v("hz23", "active.fees.amount"), "yuan")
    @case(4)
    def _(c): return AG(rank(c.vals(WITH_PROCUREMENT, "active.procurement.amount"), 2))
    @case(5)
    def _(c): return N(sum(1 for _, v in c.vals(WITH_PROCUREMENT, "active.procurement.amount") if v > 100000))
    @case(6)
    def _(c): return N(sum(v for _, v in c.vals(Y2020, "active.procurement.projects")))
    @case(7)
    def _(c):
        vs = [v for _, v in c.vals(FUJIAN, "requests.new.total")]
        assert len(vs) == 2
        return N(sum(vs) / len(vs))
    @case(8)
    def _(c): return B(c.v("wenquan", "requests.new.total") > c.v("gulou", "requests.new.total"))
    @case(9)
    def _(c): return N(c.v("hz23", "active.penalty.decisions") - c.v("hz24", "active.penalty.decisions"))
    @case(10)
    def _(c): return N(pct(c.v("hz24", "requests.granted.total"), c.v("hz24", "requests.handled.total")), "percent")
    @case(11)
    def _(c):
        hits = [name(a) for a in ALL if kind_of(REP[a]) == "street_office"]
        assert len(hits) == 1
        return AG(hits[0])
    @case(12)
    def _(c): return passage(c, "wenquan", "五", ["答复依申请公开处理水平有待提高", "细化重点领域信息公开内容"])
    @case(13)
    def _(c): return passage(c, "erqi", "一", ["四个", "与目标考核相结合"])
    @case(14)
    def _(c):
        c.unusable("hz24", "active.procurement.amount")
        return NO()
    @case(15)
    def _(c): return N(c.v("yinzhou", "active.penalty.decisions"))
    @case(16)
    def _(c): return N(pct(c.v("lucheng", "active.procurement.projects"), c.v("wenquan", "active.procurement.projects")), "percent")
    @case(17)
    def _(c): return B(c.v("hz24", "requests.new.total") > 4 * c.v("hz23", "requests.new.total"))
    @case(18)
    def _(c):
        c.unusable("wenquan", "requests.carried_out.total")
        return NO()
    @case(19)
    def _(c): return N(median([v for _, v in c.vals(BUREAUS, "active.procurement.projects")]))
    @case(20)
    def _(c): return L(ordered(c.vals(Y2020, "active.procurement.projects")), True)

    # ---- 021-040 北京胡同大爷 (zh)
    @case(21)
    def _(c): return N(c.v("erqi", "active.penalty.prev_items"))
    @case(22)
    def _(c): return N(c.v("hz24", "active.coercion.decisions"))
    @case(23)
    def _(c): return AG(rank(c.vals(Y2020, "active.penalty.decisions"), 1))
    @case(24)
    def _(c): return AG(rank(c.vals(WITH_PROCUREMENT, "active.procurement.projects"), 2, highest_first=False))
    @case(25)
    def _(c): return N(sum(1 for _, v in c.vals(ALL, "requests.new.total") if v >= 2))
    @case(26)
    def _(c):
        zj = [a for a in ZHEJIANG if a in BUREAUS]
        assert len(zj) == 2
        return N(sum(v for _, v in c.vals(zj, "active.penalty.decisions")))
    @case(27)
    def _(c): return N(c.v("yinzhou", "active.procurement.amount") - c.v("lucheng", "active.procurement.amount"), "yuan")
    @case(28)
    def _(c): return B(c.v("hz24", "active.fees.amount") < c.v("hz23", "active.fees.amount"))
    @case(29)
    def _(c): return N(pct(c.v("hz23", "requests.unavailable_not_held.total"), c.v("hz23", "requests.handled.total")), "percent")
    @case(30)
    def _(c):
        dated = [(a, REP[a]["published"]) for a in ALL if REP[a].get("published")]
        dated.sort(key=lambda p: p[1])
        assert dated[0][1] != dated[1][1]
        return AG(name(dated[0][0]))
    @case(31)
    def _(c): return N(len(REP))
    @case(32)
    def _(c):
        names = {name(a) for a in ALL if REP[a]["template"] == "2021"}
        assert len(names) == 1
        return AG(names.pop())
    @case(33)
    def _(c): return passage(c, "lucheng", "五", ["两个方面的不足"])
    @case(34)
    def _(c): return passage(c, "yinzhou", "二", ["普法宣传", "统计开放日"])
    @case(35)
    def _(c):
        c.failed("hz23", "review.reconsideration.total")
        return NO()
    @case(36)
    def _(c): return N(c.v("erqi", "active.procurement.amount") + c.v("lucheng", "active.procurement.amount"), "yuan")
    @case(37)
    def _(c):
        c.no_report("北京市西城区")
        return NO()
    @case(38)
    def _(c):
        if any("staff" in k for r in REP.values() for k in r["facts"]):
            raise RefError("a staff cell exists")
        return NO()
    @case(39)
    def _(c): return N(c.v("hz24", "review.lawsuit_after_review.other"))
    @case(40)
    def _(c): return L(ordered(c.vals(Y2020, "active.penalty.prev_items")), True)

    # ---- 041-060 评书 (zh)
    @case(41)
    def _(c): return N(c.v("yinzhou", "active.rules.public_total"))
    @case(42)
    def _(c): return N(c.v("hz24", "active.normative.in_force"))
    @case(43)
    def _(c): return N(c.v("hz23", "active.normative.repealed"))
    @case(44)
    def _(c): return N(sum(v for _, v in c.vals(HONGZE, "active.penalty.decisions")))
    @case(45)
    def _(c): return AG(rank(c.vals(Y2020, "active.procurement.amount"), 3))
    @case(46)
    def _(c): return N(c.v("wenquan", "active.procurement.amount") / c.v("wenquan", "active.procurement.projects"), "yuan")
    @case(47)
    def _(c):
        return B(c.v("lucheng", "active.penalty.prev_items") + c.v("lucheng", "active.penalty.change")
                 == c.v("lucheng", "active.penalty.decisions"))
    @case(48)
    def _(c): return N(sum(1 for _, v in c.vals(ALL, "active.licensing.decisions") if v != 0))
    @case(49)
    def _(c): return N(c.v("hz24", "requests.new.total") - c.v("hz23", "requests.new.total"))
    @case(50)
    def _(c):
        a, b = c.v("hz23", "active.licensing.decisions"), c.v("hz24", "active.licensing.decisions")
        return N(pct(b - a, a), "percent")
    @case(51)
    def _(c): return passage(c, "erqi", "五", ["存在不足", "规范公开时间"])
    @case(52)
    def _(c): return passage(c, "gulou", "一", ["新冠疫情", "个人信息保护"])
    @case(53)
    def _(c):
        hits = [name(a) for a in ALL if REP[a]["province"] == "河南省"]
        assert len(hits) == 1
        return AG(hits[0])
    @case(54)
    def _(c):
        c.has_agency("鄞州区统计局")
        c.no_report("鄞州区统计局", 2020)
        return NO()
    @case(55)
    def _(c): return N(pct(c.v("hz24", "active.penalty.decisions"), c.v("hz24", "active.coercion.decisions")), "percent")
    @case(56)
    def _(c):
        top = max(Y2020, key=lambda a: c.v(a, "requests.new.total", cite=False))
        assert rank([(a, c.v(a, "requests.new.total", cite=False)) for a in Y2020], 1) == name(top)
        return N(c.v(top, "requests.granted.total"))
    @case(57)
    def _(c): return B(c.v("hz24", "review.lawsuit_after_review.total") > c.v("hz24", "review.reconsideration.total"))
    @case(58, quality=True)
    def _(c):
        bad = []
        for a in ALL:
            for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
                keys = [f"review.{grp}.{x}" for x in ("upheld", "corrected", "other", "pending")]
                f = REP[a]["facts"]
                if all(f[k]["state"] == "number" for k in keys + [f"review.{grp}.total"]):
                    if sum(f[k]["value"] for k in keys) != f[f"review.{grp}.total"]["value"]:
                        bad.append((a, grp))
        assert {a for a, _ in bad} == {"hz23"}, bad
        for a, grp in bad:
            for x in ("upheld", "corrected", "other", "pending", "total"):
                c.v(a, f"review.{grp}.{x}")
        return AG(name("hz23"))
    @case(59)
    def _(c): return L(mention(c, BUREAUS, "统计年鉴"), False)
    @case(60)
    def _(c): return N(sum(v for _, v in c.vals(Y2020, "requests.partial.total")))

    # ---- 061-080 game-show host (en)
    @case(61)
    def _(c): return N(c.v("hz23", "active.penalty.decisions"))
    @case(62)
    def _(c): return N(c.v("lucheng", "active.procurement.amount"), "yuan")
    @case(63)
    def _(c): return N(c.v("erqi", "requests.new.total"))
    @case(64)
    def _(c):
        pairs = c.vals(ALL, "active.coercion.decisions")
        top = max(pairs, key=lambda p: p[1])
        assert top[0] == "hz23"          # the note names the 2023 report
        return AG(rank(pairs, 1))
    @case(65)
    def _(c): return AG(rank(c.vals(WITH_PROCUREMENT, "active.procurement.projects"), 2))
    @case(66)
    def _(c): return N(sum(v for _, v in c.vals(HONGZE, "requests.handled.total")))
    @case(67)
    def _(c):
        vs = [v for _, v in c.vals(Y2020, "active.penalty.decisions")]
        assert len(vs) == 4
        return N(sum(vs) / len(vs))
    @case(68)
    def _(c): return B(c.v("yinzhou", "requests.granted.total") == c.v("yinzhou", "requests.handled.total"))
    @case(69)
    def _(c): return B(c.v("hz24", "active.penalty.decisions") < c.v("hz23", "active.penalty.decisions"))
    @case(70)
    def _(c): return N(sum(1 for _, v in c.vals(WITH_PROCUREMENT, "active.procurement.amount") if v < 100000))
    @case(71)
    def _(c): return N(pct(c.v("wenquan", "requests.withheld_third_party.total"), c.v("wenquan", "requests.handled.total")), "percent")
    @case(72)
    def _(c): return L([name(a) for a in FUJIAN], False)
    @case(73)
    def _(c): return N(len({r["agency"] for r in REP.values()}))
    @case(74)
    def _(c): return passage(c, "yinzhou", "五", ["信息公开范围单一"])
    @case(75)
    def _(c): return B(c.v("gulou", "requests.new.total") == c.v("lucheng", "requests.new.total"))
    @case(76)
    def _(c):
        top = rank([(a, c.v(a, "active.penalty.decisions", cite=False)) for a in Y2020], 1)
        a = [x for x in Y2020 if name(x) == top][0]
        return N(c.v(a, "active.penalty.prev_items"))
    @case(77)
    def _(c): return N(c.v("hz24", "active.licensing.decisions") - c.v("hz23", "active.licensing.decisions"))
    @case(78)
    def _(c):
        c.unusable("gulou", "active.fees.amount")
        return NO()
    @case(79)
    def _(c): return L(ordered(c.vals(WITH_PROCUREMENT, "active.procurement.amount"))[:3], True)
    @case(80)
    def _(c): return N(c.v("hz24", "review.reconsideration.total"))

    # ---- 081-100 Southern US (en)
    @case(81)
    def _(c): return N(c.v("yinzhou", "active.penalty.decisions"))
    @case(82)
    def _(c): return N(c.v("hz24", "requests.partial.total"))
    @case(83)
    def _(c): return N(sum(v for _, v in c.vals(HONGZE, "active.fees.amount")), "yuan")
    @case(84)
    def _(c): return N(c.v("hz23", "requests.withheld_secret.total"))
    @case(85)
    def _(c): return AG(rank(c.vals(Y2020, "active.procurement.amount"), 1, highest_first=False))
    @case(86)
    def _(c): return N(len({name(a) for a in BUREAUS}))
    @case(87)
    def _(c): return N(median([v for _, v in c.vals(ALL, "requests.new.total")]))
    @case(88)
    def _(c):
        zj = [a for a in ZHEJIANG if a in BUREAUS]
        return N(sum(v for _, v in c.vals(zj, "active.procurement.amount")), "yuan")
    @case(89)
    def _(c): return B(c.v("gulou", "active.penalty.decisions") > c.v("yinzhou", "active.penalty.decisions"))
    @case(90)
    def _(c): return N(pct(c.v("hz24", "requests.unavailable_not_held.total"), c.v("hz24", "requests.handled.total")), "percent")
    @case(91)
    def _(c): return N(c.v("lucheng", "active.penalty.decisions") - c.v("gulou", "active.penalty.decisions"))
    @case(92)
    def _(c): return AG(rank(c.vals(BUREAUS, "active.procurement.amount"), 3))
    @case(93)
    def _(c):
        c.unusable("gulou", "requests.unavailable_not_held.total")
        return NO()
    @case(94)
    def _(c): return passage(c, "lucheng", "一", ["强化组织保障", "领导小组"])
    @case(95)
    def _(c): return N(c.v("yinzhou", "active.procurement.amount") / c.v("yinzhou", "active.procurement.projects"), "yuan")
    @case(96)
    def _(c):
        top = rank([(a, c.v(a, "requests.new.total", cite=False)) for a in Y2020], 1)
        a = [x for x in Y2020 if name(x) == top][0]
        return N(c.v(a, "requests.withheld_third_party.total"))
    @case(97)
    def _(c):
        c.has_agency("洪泽区")
        c.no_report("洪泽区", 2022)
        return NO()
    @case(98)
    def _(c): return passage(c, "wenquan", "六", ["暂无其他需要报告的事项"])
    @case(99)
    def _(c): return B(c.v("hz24", "review.lawsuit_direct.total") > c.v("hz24", "review.reconsideration.total"))
    @case(100)
    def _(c): return L(mention(c, Y2020, "培训"), False)

    # ---- 101-120 radio procedure (en)
    @case(101)
    def _(c): return N(c.v("hz23", "active.coercion.decisions"))
    @case(102)
    def _(c): return N(c.v("hz24", "requests.carried_out.total"))
    @case(103)
    def _(c): return N(c.v("hz24", "active.normative.issued"))
    @case(104)
    def _(c): return N(sum(v for _, v in c.vals(ZHEJIANG, "requests.new.total")))
    @case(105)
    def _(c): return B(any(v != 0 for _, v in c.vals(Y2020, "active.licensing.decisions")))
    @case(106)
    def _(c):
        pairs = [(a, c.v(a, "active.procurement.amount") / c.v(a, "active.procurement.projects")) for a in WITH_PROCUREMENT]
        return AG(rank(pairs, 1))
    @case(107)
    def _(c):
        return N(sum(c.v("hz24", f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
    @case(108)
    def _(c): return N(sum(1 for r in REP.values() if (r.get("published") or "").startswith("2021-01")))
    @case(109)
    def _(c): return B(REP["erqi"]["template"] == "2019")
    @case(110, quality=True)
    def _(c):
        parts = sum(c.v("hz23", f"review.reconsideration.{x}") for x in ("upheld", "corrected", "other", "pending"))
        return N(parts - c.v("hz23", "review.reconsideration.total"))
    @case(111)
    def _(c): return N(sum(v for _, v in c.vals(HONGZE, "requests.declined_complaint.total")))
    @case(112)
    def _(c):
        n = 0
        for a in Y2020:
            c.v(a, "active.procurement.amount")
            if REP[a]["facts"]["active.procurement.amount"].get("unit_printed"):
                n += 1
        return N(n)
    @case(113)
    def _(c): return passage(c, "gulou", "五", ["改进情况", "一是进一步提高思想认识"])
    @case(114)
    def _(c): return N(pct(c.v("hz23", "requests.partial.total"), c.v("hz23", "requests.handled.total")), "percent")
    @case(115)
    def _(c): return B(c.v("yinzhou", "requests.new.total") > c.v("erqi", "requests.new.total"))
    @case(116)
    def _(c): return AG(rank(c.vals(WITH_PROCUREMENT, "active.procurement.projects"), 3))
    @case(117)
    def _(c):
        c.has_agency("福州市鼓楼区统计局")
        c.no_report("南京市鼓楼区")
        return NO()
    @case(118)
    def _(c):
        sc = [a for a in Y2020 if REP[a]["province"] in ("福建省", "河南省")]
        assert len(sc) == 3
        return N(sum(v for _, v in c.vals(sc, "active.procurement.amount")), "yuan")
    @case(119)
    def _(c): return L(mention(c, BUREAUS, "预算"), False)
    @case(120)
    def _(c): return N(c.v("hz24", "active.normative.in_force") - c.v("hz23", "active.normative.in_force"))

    return F


# --------------------------------------------------------------------------- comparing

def check_format(d: dict) -> list[str]:
    errs = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    if not isinstance(d.get("question"), str) or not d["question"].strip():
        errs.append("blank question")
    t = d.get("turns", [])
    if not isinstance(t, list) or not all(isinstance(x, str) and x.strip() for x in t):
        errs.append("turns must be a list of non-empty strings")
    e = d.get("expect", {})
    k = e.get("kind")
    if k not in KINDS:
        errs.append(f"bad kind {k!r}")
    if k == "number" and (e.get("unit") not in UNITS or isinstance(e.get("value"), bool)
                          or not isinstance(e.get("value"), (int, float))):
        errs.append("number needs a numeric value and a unit")
    if k == "boolean" and not isinstance(e.get("value"), bool):
        errs.append("boolean needs true/false")
    if k == "list" and (not isinstance(e.get("values"), list) or not isinstance(e.get("ordered"), bool)):
        errs.append("list needs values and ordered")
    if k == "passages" and (not e.get("files") or not e.get("sections")
                            or any(s not in SECTION_HEADS for s in e["sections"])):
        errs.append("passages needs files and sections 一..六")
    if k == "agency" and not e.get("value"):
        errs.append("agency needs a value")
    for ci in d.get("cite", []):
        if not CITE_RE.match(ci):
            errs.append(f"bad cite {ci!r}")
    if len(set(d.get("cite", []))) != len(d.get("cite", [])):
        errs.append("duplicate cites")
    return errs


def compare(d: dict, exp: dict) -> list[str]:
    e = d["expect"]
    errs = []
    if e["kind"] != exp["kind"]:
        return [f"kind {e['kind']} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if e["unit"] != exp["unit"]:
            errs.append(f"unit {e['unit']} != {exp['unit']}")
        if abs(float(e["value"]) - float(exp["value"])) > 0.0051:
            errs.append(f"value {e['value']} != {round(exp['value'], 4)}")
    elif k in ("agency", "boolean"):
        if e["value"] != exp["value"]:
            errs.append(f"value {e['value']!r} != {exp['value']!r}")
    elif k == "list":
        if e["ordered"] != exp["ordered"]:
            errs.append("ordered flag differs")
        a, b = list(e["values"]), list(exp["values"])
        if not exp["ordered"]:
            a, b = sorted(map(str, a)), sorted(map(str, b))
        if a != b:
            errs.append(f"values {e['values']} != {exp['values']}")
    elif k == "passages":
        if sorted(e["files"]) != sorted(exp["files"]) or sorted(e["sections"]) != sorted(exp["sections"]):
            errs.append(f"passages {e['files']} {e['sections']} != {exp['files']} {exp['sections']}")
    return errs


def main() -> int:
    fns = case_fns()
    lines = [ln for ln in CASES.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    problems_global = []
    ids = [d.get("id") for d in cases]
    want_ids = [f"h70-{i:03d}" for i in range(1, N_CASES + 1)]
    if ids != want_ids:
        problems_global.append(f"ids are not h70-001..h70-{N_CASES:03d} in order")
    if set(fns) != set(want_ids):
        problems_global.append("the reference does not define exactly the 120 cases")
    zh = sum(1 for d in cases if "zh" in d.get("tags", []))
    en = sum(1 for d in cases if "en" in d.get("tags", []))
    if zh != 60 or en != 60:
        problems_global.append(f"language tags: zh {zh}, en {en} (want 60/60)")

    ok = 0
    kinds: dict[str, int] = {}
    multi = guessed = mixed = quality = 0
    for d in cases:
        cid = d.get("id")
        errs = check_format(d)
        tags = d.get("tags", [])
        if ("zh" in tags) == ("en" in tags):
            errs.append("needs exactly one of zh/en")
        if sum(1 for t in tags if t.startswith("v-")) != 1:
            errs.append("needs exactly one voice tag v-*")
        if cid not in fns:
            errs.append("no reference computation")
        else:
            fn, qok = fns[cid]
            c = Ctx(quality_ok=qok)
            try:
                exp = fn(c)
            except (RefError, AssertionError, KeyError) as ex:
                errs.append(f"reference error: {ex}")
                exp = None
            if exp is not None:
                errs += compare(d, exp)
                if set(d.get("cite", [])) != set(c.cites):
                    errs.append(f"cite {d.get('cite')} != {c.cites}")
                g = any("#" in ci and FILE_REP[ci.split("#")[0]]["facts"][ci.split("#")[1]].get("unit_assumed")
                        for ci in c.cites)
                m = len({FILE_YEAR[ci.split("#")[0]] for ci in c.cites}) > 1
                if g != ("guessed_unit" in tags):
                    errs.append(f"guessed_unit tag should be {g}")
                if m != ("mixed_years" in tags):
                    errs.append(f"mixed_years tag should be {m}")
                if qok != ("quality" in tags):
                    errs.append(f"quality tag should be {qok}")
                if qok and not c.used_failed:
                    errs.append("quality case uses no failing cell")
                if bool(d.get("turns")) != ("multiturn" in tags):
                    errs.append("multiturn tag and turns disagree")
        if errs:
            for e in errs:
                print(f"MISMATCH {cid}: {e}")
        else:
            ok += 1
        k = d.get("expect", {}).get("kind")
        kinds[k] = kinds.get(k, 0) + 1
        multi += bool(d.get("turns"))
        guessed += "guessed_unit" in tags
        mixed += "mixed_years" in tags
        quality += "quality" in tags
    for p in problems_global:
        print(f"MISMATCH (set): {p}")
    if problems_global:
        ok = min(ok, N_CASES - 1)
    if len(cases) != N_CASES:
        print(f"MISMATCH (set): {len(cases)} cases, want {N_CASES}")
        ok = min(ok, N_CASES - 1)
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda p: -p[1])))
    print(f"multi-turn {multi}, guessed_unit {guessed}, mixed_years {mixed}, quality {quality}")
    print(f"SUMMARY {ok}/{N_CASES}")
    return 0 if ok == N_CASES else 1


if __name__ == "__main__":
    sys.exit(main())
