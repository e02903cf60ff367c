"""Reference answers for eval/qa_holdout81.jsonl, recomputed from the hand-checked gold files.

Stdlib only. Reads tests/fixtures/gold/*.json (cell values, states, units, checks, metadata) and
data/samples/*.txt (section text for passage and mention cases), recomputes every expected answer,
the cite list, and the `guessed_unit` / `mixed_years` tags, compares them with the JSONL, prints
every mismatch and `SUMMARY n/120`, and exits 0 only when all 120 agree.

Conventions: money in yuan (万元 cells are already stored in yuan by the gold); percent in percent
points; `guessed_unit` when a used cell has no printed unit and an assumed one; `mixed_years` when an
aggregate (sum, count, ranking, average, median, filter) uses cells of reports of more than one year
(two-item comparisons and year-on-year changes are not aggregates). Cells of a failing balance group
may be read only by data-quality cases (`quality` tag).
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout81.jsonl"

G, L, Y = "000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt"
W, E = "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt"
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
ALL = [G, L, Y, W, E, H3, H4]

REP: dict[str, dict] = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    REP[Path(d["file"]).name] = d
assert set(REP) == set(ALL), sorted(REP)


def kind_of(f):
    return REP[f].get("agency_kind", "government")


def failing_groups(f):
    """(table, row) groups of section 四 that break R4, computed from the cells."""
    out = set()
    facts = REP[f]["facts"]
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        cells = [facts[f"review.{g}.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")]
        if all(c["state"] == "number" for c in cells):
            if sum(c["value"] for c in cells[:4]) != cells[4]["value"]:
                out.add(g)
    return out


class Ctx:
    def __init__(self, quality):
        self.cites, self.years, self.guessed, self.agg, self.quality = [], set(), False, False, quality

    def cite(self, s):
        if s not in self.cites:
            self.cites.append(s)

    def v(self, f, key):
        fact = REP[f]["facts"][key]
        if fact["state"] != "number":
            raise ValueError(f"{f}#{key} is {fact['state']}, not a number")
        row = key.split(".")[1]
        if key.startswith("review.") and row in failing_groups(f) and not self.quality:
            raise ValueError(f"{f}#{key} belongs to a failing R4 group but the case is not a quality case")
        if fact.get("unit_assumed") and not fact.get("unit_printed"):
            self.guessed = True
        self.cite(f"{f}#{key}")
        self.years.add(REP[f]["year"])
        return fact["value"]

    def vals(self, files, key):
        """An aggregate over reports: marks the case as an aggregate."""
        self.agg = True
        return {f: self.v(f, key) for f in files}

    def bare(self, *files):
        for f in files:
            self.cite(f)


def name(f):
    return REP[f]["agency"]


def pct(a, b):
    return 100.0 * a / b


def rank(d, desc=True):
    order = sorted(d, key=lambda f: d[f], reverse=desc)
    return order


def nth(d, n, desc=True):
    """The n-th (1-based) item, refusing ties that would make it ambiguous."""
    order = rank(d, desc)
    x = d[order[n - 1]]
    if sum(1 for v in d.values() if v == x) > 1:
        raise ValueError(f"tie at position {n}: {d}")
    return order[n - 1]


WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
ORGS = ["business", "research", "nonprofit", "legal", "other_org"]
R4C = ("upheld", "corrected", "other", "pending", "total")
Y2020 = [f for f in ALL if REP[f]["year"] == 2020]
TJJ = [f for f in ALL if REP[f]["agency"].endswith("统计局")]
PROC = [f for f in ALL if REP[f]["facts"].get("active.procurement.amount", {}).get("state") == "number"]
PROC2020 = [f for f in PROC if REP[f]["year"] == 2020]


# ---- section text of the sample reports -------------------------------------------------------
SECTION_WORDS = {"一": ["总体情况"], "二": ["主动公开政府信息情况"], "三": ["收到和处理政府信息公开申请"],
                 "四": ["行政复议", "行政诉讼"], "五": ["存在的主要问题"], "六": ["其他需要报告"]}


def sections(f):
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    starts = {}
    for i, line in enumerate(lines):
        s = line.strip().strip("#* \t")
        for sec, words in SECTION_WORDS.items():
            if sec not in starts and s.startswith(sec + "、") and all(w in s for w in words):
                starts[sec] = i
    order = sorted(starts.items(), key=lambda kv: kv[1])
    out = {}
    for k, (sec, i) in enumerate(order):
        j = order[k + 1][1] if k + 1 < len(order) else len(lines)
        out[sec] = "\n".join(lines[i + 1:j])
    return out


SAMPLE_FILES = [G, L, Y, W, E]


def passage(c, f, sec, word):
    text = sections(f).get(sec, "")
    if word not in text:
        raise ValueError(f"{f} section {sec} lacks {word!r}")
    c.bare(f)
    return {"kind": "passages", "files": [f], "sections": [sec]}


def mention(c, files, word, sec=None):
    hits = []
    for f in files:
        text = sections(f).get(sec, "") if sec else (SAMPLES / f).read_text(encoding="utf-8")
        if word in text:
            hits.append(f)
    c.bare(*hits)
    return [name(f) for f in hits]


# ---- expectations -----------------------------------------------------------------------------
def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def A(f):
    return {"kind": "agency", "value": name(f)}


def LS(vs, ordered=False):
    return {"kind": "list", "values": vs, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def U():
    return {"kind": "unanswerable"}


def r4_group(c, f, g):
    vals = [c.v(f, f"review.{g}.{x}") for x in R4C]
    return vals


def balanced(c, f, g):
    v = r4_group(c, f, g)
    return sum(v[:4]) == v[4]


def S(c, f, *rows, col="total"):
    return sum(c.v(f, f"requests.{r}.{col}") for r in rows)


SPEC = {}


def spec(n, quality=False):
    def deco(fn):
        SPEC[f"h81-{n:03d}"] = (fn, quality)
        return fn
    return deco


# 001-020 v-pinggu
@spec(1, True)
def _(c): return B(S(c, H3, "new") + S(c, H3, "carried_in") == S(c, H3, "handled") + S(c, H3, "carried_out"))
@spec(2, True)
def _(c): return B(balanced(c, H3, "reconsideration"))
@spec(3, True)
def _(c): return B(all([balanced(c, H4, g) for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")]))
@spec(4, True)
def _(c):
    bad = [f for f in ALL if any(v.startswith("fail") for v in REP[f]["checks"].values())]
    for f in bad:
        for g in sorted(failing_groups(f)):
            r4_group(c, f, g)
    return N(len(bad))
@spec(5)
def _(c): c.bare(*ALL); return N(len(ALL))
@spec(6)
def _(c): c.bare(*ALL); return LS(list(dict.fromkeys(REP[f]["province"] for f in ALL)))
@spec(7)
def _(c):
    fs = [f for f in ALL if REP[f]["template"] == "2021"]; c.bare(*fs); return N(len(fs))
@spec(8)
def _(c):
    fs = [f for f in Y2020 if not REP[f]["published"]]; assert len(fs) == 1; c.bare(*fs); return A(fs[0])
@spec(9)
def _(c): c.v(L, "active.procurement.amount"); return B(REP[L]["facts"]["active.procurement.amount"]["unit_printed"] == "元")
@spec(10)
def _(c): return N(c.v(E, "active.procurement.amount"), "yuan")
@spec(11, True)
def _(c):
    fs = [f for f in PROC if not REP[f]["facts"]["active.procurement.amount"].get("unit_printed")]
    for f in fs: c.v(f, "active.procurement.amount")
    return N(len(fs))
@spec(12)
def _(c): return N(S(c, W, "unavailable_not_held"))
@spec(13)
def _(c):
    assert REP[G]["facts"]["requests.unavailable_not_held.total"]["state"] == "blank"
    c.cite(f"{G}#requests.unavailable_not_held.total"); return U()
@spec(14)
def _(c): return N(S(c, H4, *WH))
@spec(15)
def _(c): return N(S(c, H3, "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"))
@spec(16)
def _(c): return N(sum(1 for v in c.vals(ALL, "requests.new.total").values() if v == 0))
@spec(17)
def _(c): return A(nth(c.vals([f for f in TJJ if f in Y2020], "active.penalty.prev_items"), 2))
@spec(18)
def _(c): return N(sum(c.vals([f for f in Y2020 if REP[f]["province"] == "福建省"], "requests.new.total").values()))
@spec(19)
def _(c): return N(pct(S(c, H4, "granted"), S(c, H4, "handled")), "percent")
@spec(20)
def _(c): return passage(c, L, "五", "不足")


# 021-040 v-daibiao
@spec(21)
def _(c): return N(c.v(H4, "active.licensing.decisions"))
@spec(22)
def _(c): return B(c.v(H4, "active.penalty.decisions") < c.v(H3, "active.penalty.decisions"))
@spec(23)
def _(c): return N(c.v(H3, "active.penalty.decisions") - c.v(H4, "active.penalty.decisions"))
@spec(24)
def _(c): a, b = c.v(H3, "active.licensing.decisions"), c.v(H4, "active.licensing.decisions"); return N(pct(b - a, a), "percent")
@spec(25)
def _(c): return N(c.v(H3, "active.fees.amount") - c.v(H4, "active.fees.amount"), "yuan")
@spec(26)
def _(c): a, b = c.v(H3, "active.fees.amount"), c.v(H4, "active.fees.amount"); return N(pct(a - b, a), "percent")
@spec(27)
def _(c): return A(nth(c.vals(PROC2020, "active.procurement.amount"), 1))
@spec(28)
def _(c): return A(nth(c.vals(PROC, "active.procurement.amount"), 2, desc=False))
@spec(29)
def _(c): return N(sum(c.vals([f for f in PROC if REP[f]["province"] == "浙江省"], "active.procurement.amount").values()), "yuan")
@spec(30)
def _(c): return N(sum(1 for v in c.vals([f for f in PROC if f in TJJ], "active.procurement.amount").values() if v > 100000))
@spec(31)
def _(c): return N(S(c, H4, "new") - S(c, H3, "new"))
@spec(32)
def _(c): a, b = S(c, H3, "new"), S(c, H4, "new"); return N(pct(b - a, a), "percent")
@spec(33)
def _(c): return N(c.v(H4, "review.reconsideration.total"))
@spec(34)
def _(c): return N(c.v(H4, "review.lawsuit_direct.total"))
@spec(35)
def _(c): return N(sum(c.v(H4, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
@spec(36)
def _(c): return U()
@spec(37)
def _(c): assert not any(REP[f]["city"] == "南京市" for f in ALL); return U()
@spec(38)
def _(c): assert REP[H4]["template"] == "2021" and "active.procurement.amount" not in REP[H4]["facts"]; return U()
@spec(39)
def _(c): return passage(c, W, "五", "二是")
@spec(40)
def _(c): return passage(c, Y, "二", "普法")


# 041-060 v-shenqingren
@spec(41)
def _(c): return N(S(c, W, "new"))
@spec(42)
def _(c): return N(S(c, W, "withheld_third_party"))
@spec(43)
def _(c): return N(pct(S(c, W, "granted"), S(c, W, "new")), "percent")
@spec(44)
def _(c): return B(S(c, Y, "granted") == S(c, Y, "handled") > 0)
@spec(45)
def _(c): return N(S(c, H4, "unavailable_not_held"))
@spec(46)
def _(c): return N(c.v(H4, "requests.new.person"))
@spec(47)
def _(c): return B(any([c.v(H4, f"requests.new.{o}") > 0 for o in ORGS]))
@spec(48)
def _(c): return N(sum(1 for v in c.vals(Y2020, "requests.new.total").values() if v == 0))
@spec(49)
def _(c): return B(S(c, L, "partial") == S(c, L, "handled") == 1)
@spec(50)
def _(c): return N(c.v(H4, "review.lawsuit_direct.upheld") + c.v(H4, "review.lawsuit_after_review.upheld"))
@spec(51)
def _(c): return N(c.v(H4, "review.lawsuit_direct.total") + c.v(H4, "review.lawsuit_after_review.total"))
@spec(52)
def _(c): return U()
@spec(53)
def _(c): return N(S(c, H4, "unavailable_not_held") - S(c, H3, "unavailable_not_held"))
@spec(54)
def _(c): return LS(mention(c, [f for f in TJJ if f in SAMPLE_FILES], "培训", "五"))
@spec(55)
def _(c): return N(S(c, G, "new"))
@spec(56)
def _(c): return N(S(c, H4, "new"))
@spec(57)
def _(c): return N(sum(c.vals([H3, H4], "active.penalty.decisions").values()))
@spec(58)
def _(c):
    d = c.vals([f for f in TJJ if f in Y2020], "active.penalty.decisions"); return A(nth(d, 2))
@spec(59)
def _(c): return N(pct(S(c, H4, "unavailable_not_held"), S(c, H4, "new")), "percent")
@spec(60)
def _(c): return N(c.v(L, "active.procurement.amount"), "yuan")


# 061-080 v-bizdesk
@spec(61)
def _(c): return N(c.v(L, "active.procurement.amount"), "yuan")
@spec(62)
def _(c): return A(nth(c.vals(PROC, "active.procurement.amount"), 1))
@spec(63)
def _(c):
    d = c.vals(PROC, "active.procurement.amount"); return LS([name(nth(d, i)) for i in (1, 2, 3)], True)
@spec(64)
def _(c): return N(sum(c.vals(PROC2020, "active.procurement.amount").values()), "yuan")
@spec(65)
def _(c): return N(c.v(Y, "active.procurement.amount") / c.v(Y, "active.procurement.projects"), "yuan")
@spec(66)
def _(c):
    a = c.vals(PROC2020, "active.procurement.amount"); p = c.vals(PROC2020, "active.procurement.projects")
    return A(nth({f: a[f] / p[f] for f in PROC2020}, 1))
@spec(67)
def _(c): return N(sum(c.vals([f for f in PROC if f in TJJ], "active.procurement.projects").values()))
@spec(68)
def _(c):
    assert REP[H4]["facts"]["active.fees.amount"]["unit_printed"] == "万元"; return N(c.v(H4, "active.fees.amount"), "yuan")
@spec(69)
def _(c): return B(c.v(H4, "active.fees.amount") < c.v(H3, "active.fees.amount"))
@spec(70)
def _(c): return N(c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions"))
@spec(71)
def _(c): return N(sum(1 for v in c.vals(PROC, "active.procurement.amount").values() if v > 100000))
@spec(72)
def _(c): d = c.vals(PROC2020, "active.procurement.amount"); return N(pct(d[G], sum(d.values())), "percent")
@spec(73)
def _(c): return N(c.v(Y, "active.procurement.amount") - c.v(L, "active.procurement.amount"), "yuan")
@spec(74)
def _(c):
    w, l = c.v(W, "active.procurement.amount"), c.v(L, "active.procurement.amount"); assert w != l
    return A(W if w > l else L)
@spec(75)
def _(c): assert "active.procurement.amount" not in REP[H3]["facts"]; return U()
@spec(76)
def _(c): assert not any(REP[f]["agency"] == name(E) and REP[f]["year"] == 2021 for f in ALL); return U()
@spec(77)
def _(c): return N(c.v(H4, "active.coercion.decisions"))
@spec(78)
def _(c): a, b = c.v(H3, "active.coercion.decisions"), c.v(H4, "active.coercion.decisions"); return N(pct(a - b, a), "percent")
@spec(79)
def _(c): return B(c.v(H4, "active.penalty.decisions") > c.v(H4, "active.licensing.decisions"))
@spec(80)
def _(c): return LS(mention(c, [f for f in TJJ if f in SAMPLE_FILES], "微信"))


# 081-100 v-thesis
@spec(81)
def _(c): return N(statistics.mean(c.vals(Y2020, "requests.new.total").values()))
@spec(82)
def _(c): return N(statistics.median(c.vals(ALL, "requests.new.total").values()))
@spec(83)
def _(c):
    c.agg = True
    g = h = 0
    for f in ALL:
        g += S(c, f, "granted"); h += S(c, f, "handled")
    return N(pct(g, h), "percent")
@spec(84)
def _(c):
    d = c.vals(TJJ, "active.penalty.decisions"); m = statistics.mean(d.values())
    return LS([name(f) for f in TJJ if d[f] > m])
@spec(85)
def _(c): return N(sum(1 for v in c.vals(ALL, "requests.new.total").values() if v == 1))
@spec(86)
def _(c): return N(statistics.median(c.vals(PROC2020, "active.procurement.amount").values()), "yuan")
@spec(87)
def _(c): return N(pct(S(c, H4, "partial"), S(c, H4, "handled")), "percent")
@spec(88)
def _(c):
    u = S(c, H3, "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
    return N(pct(u, S(c, H3, "handled")), "percent")
@spec(89)
def _(c): return A(nth(c.vals(TJJ, "requests.new.total"), 1))
@spec(90)
def _(c): c.bare(*ALL); return N(len({REP[f]["agency"] for f in ALL}))
@spec(91)
def _(c): c.bare(*ALL); return LS(sorted({REP[f]["year"] for f in ALL}))
@spec(92)
def _(c):
    fs = [f for f in ALL if kind_of(f) in ("street_office", "township")]; c.bare(*fs); return LS([name(f) for f in fs])
@spec(93)
def _(c): return passage(c, E, "五", "不足之处")
@spec(94)
def _(c): return passage(c, Y, "五", "改进措施")
@spec(95)
def _(c): return LS(mention(c, [f for f in Y2020 if f in SAMPLE_FILES], "新冠"))
@spec(96)
def _(c):
    a = c.vals(PROC, "active.procurement.amount"); p = c.vals(PROC, "active.procurement.projects")
    return N(sum(a.values()) / sum(p.values()), "yuan")
@spec(97)
def _(c): return N(sum(1 for v in c.vals(Y2020, "active.penalty.decisions").values() if v == 0))
@spec(98)
def _(c): return N(c.v(H4, "active.normative.in_force"))
@spec(99)
def _(c): return N(c.v(H3, "active.normative.repealed"))
@spec(100)
def _(c): return U()


# 101-120 v-harness
@spec(101)
def _(c): return N(S(c, E, "new"))
@spec(102, True)
def _(c):
    bad = failing_groups(H3)
    for g in sorted(bad): r4_group(c, H3, g)
    return B(bool(bad) and REP[H3]["checks"]["R4"].startswith("fail"))
@spec(103, True)
def _(c): return B(balanced(c, H3, "lawsuit_direct"))
@spec(104, True)
def _(c): v = r4_group(c, H3, "reconsideration"); return N(sum(v[:4]) - v[4])
@spec(105)
def _(c): return N(sum(c.vals(ALL, "requests.new.total").values()))
@spec(106)
def _(c):
    d = c.vals(PROC2020, "active.procurement.projects"); return LS([name(nth(d, i)) for i in (1, 2, 3)], True)
@spec(107)
def _(c): assert not any(f == Y and REP[f]["year"] == 2021 for f in ALL) and REP[Y]["year"] == 2019; return U()
@spec(108)
def _(c): return passage(c, G, "六", "暂无")
@spec(109)
def _(c): return N(c.v(L, "active.penalty.decisions") - c.v(G, "active.penalty.decisions"))
@spec(110)
def _(c): return N(statistics.mean(c.vals([H3, H4], "active.fees.amount").values()), "yuan")
@spec(111)
def _(c):
    fs = [f for f in ALL if (REP[f]["published"] or "").startswith("2021-01")]; c.bare(*fs); return N(len(fs))
@spec(112)
def _(c): return N(c.v(H3, "active.penalty.decisions"))
@spec(113)
def _(c): return N(c.v(G, "active.procurement.amount"), "yuan")
@spec(114)
def _(c):
    top = nth(c.vals(PROC2020, "active.procurement.projects"), 1); return N(c.v(top, "active.procurement.amount"), "yuan")
@spec(115)
def _(c): return N(sum(c.vals([H3, H4], "active.coercion.decisions").values()))
@spec(116)
def _(c): h = S(c, H4, "handled"); return N(pct(S(c, H4, *WH), h), "percent")
@spec(117)
def _(c): return A(nth(c.vals([f for f in PROC if f in TJJ], "active.procurement.projects"), 2))
@spec(118)
def _(c): return N(S(c, L, "new"))
@spec(119)
def _(c): assert not any(REP[f]["agency"] == name(E) and REP[f]["year"] == 2023 for f in ALL); return U()
@spec(120)
def _(c): return B(c.v(H4, "active.fees.amount") < c.v(H3, "active.fees.amount"))


# ---- comparison -------------------------------------------------------------------------------
def same_number(a, b):
    return abs(a - b) <= 1e-4 * max(1.0, abs(b))


def compare(case, want, ctx):
    errs = []
    got = case["expect"]
    if got["kind"] != want["kind"]:
        return [f"kind {got['kind']} != {want['kind']}"]
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            errs.append(f"unit {got.get('unit')} != {want['unit']}")
        if not same_number(got["value"], want["value"]):
            errs.append(f"value {got['value']} != {want['value']}")
    elif k in ("agency", "boolean"):
        if got["value"] != want["value"]:
            errs.append(f"value {got['value']!r} != {want['value']!r}")
    elif k == "list":
        if bool(got.get("ordered", False)) != want["ordered"]:
            errs.append("ordered flag differs")
        a, b = got["values"], want["values"]
        if (a != b) if want["ordered"] else (sorted(map(str, a)) != sorted(map(str, b))):
            errs.append(f"values {a} != {b}")
    elif k == "passages":
        if sorted(got["files"]) != sorted(want["files"]) or sorted(got["sections"]) != sorted(want["sections"]):
            errs.append(f"passages {got['files']} {got['sections']} != {want['files']} {want['sections']}")
    if sorted(case.get("cite", [])) != sorted(ctx.cites):
        errs.append(f"cite {sorted(case.get('cite', []))} != {sorted(ctx.cites)}")
    tags = set(case.get("tags", []))
    if ("guessed_unit" in tags) != ctx.guessed:
        errs.append(f"guessed_unit tag {'guessed_unit' in tags} but computed {ctx.guessed}")
    mixed = ctx.agg and len(ctx.years) > 1
    if ("mixed_years" in tags) != mixed:
        errs.append(f"mixed_years tag {'mixed_years' in tags} but computed {mixed}")
    if ("quality" in tags) != SPEC[case["id"]][1]:
        errs.append("quality tag does not match the spec")
    return errs


def main():
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    ok = 0
    ids = [c["id"] for c in cases]
    expected_ids = [f"h81-{i:03d}" for i in range(1, 121)]
    if ids != expected_ids:
        print("MISMATCH ids: not exactly h81-001 … h81-120 in order")
    for case in cases:
        cid = case["id"]
        lang = "zh" if int(cid[-3:]) <= 60 else "en"
        errs = []
        if lang not in case["tags"] or ({"zh", "en"} - {lang}) & set(case["tags"]):
            errs.append(f"language tag should be {lang}")
        if cid not in SPEC:
            errs.append("no reference spec")
        else:
            fn, quality = SPEC[cid]
            ctx = Ctx(quality)
            try:
                want = fn(ctx)
                errs += compare(case, want, ctx)
            except Exception as e:  # a spec that cannot be computed is a mismatch, not a crash
                errs.append(f"{type(e).__name__}: {e}")
        if errs:
            for e in errs:
                print(f"MISMATCH {cid}: {e}")
        else:
            ok += 1
    print(f"SUMMARY {ok}/{len(expected_ids)}")
    return 0 if ok == len(expected_ids) and len(cases) == len(expected_ids) else 1


if __name__ == "__main__":
    sys.exit(main())
