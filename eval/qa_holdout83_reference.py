#!/usr/bin/env python3
"""Reference check for eval/qa_holdout83.jsonl (stdlib only).

Recomputes every expected answer, every cite list and the `guessed_unit` / `mixed_years` tags of the
120 cases from the hand-checked gold fixtures (tests/fixtures/gold/*.json); passage and mention cases are
checked against the section text of data/samples/*.txt. Prints every mismatch and `SUMMARY n/120`;
exits 0 only when all 120 cases match.
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
DATA = ROOT / "eval" / "qa_holdout83.jsonl"

REPORTS = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    d["file"] = Path(d["file"]).name  # hongze fixtures say samples/pdf/<name>; cite by the bare name
    REPORTS[d["file"]] = d
ALL = sorted(REPORTS)


def rep(name: str, year: int) -> str:
    """The file of the report whose agency contains `name`, for `year`."""
    hits = [f for f, d in REPORTS.items() if name in d["agency"] and d["year"] == year]
    assert len(hits) == 1, (name, year, hits)
    return hits[0]


GL, LC, YZ, WQ, EQ = rep("鼓楼区统计局", 2020), rep("鹿城", 2020), rep("鄞州", 2019), rep("温泉", 2020), rep("二七", 2020)
H23, H24 = rep("洪泽", 2023), rep("洪泽", 2024)
AMT, PRJ = "active.procurement.amount", "active.procurement.projects"
WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UN = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
COLS = ["upheld", "corrected", "other", "pending", "total"]


def fact(f, k):
    return REPORTS[f]["facts"].get(k)


def failing_groups(f):
    """review groups that break R4 (total != upheld + corrected + other + pending), computed from the cells."""
    bad = []
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        cells = [fact(f, f"review.{g}.{c}") for c in COLS]
        if all(c and c["state"] == "number" for c in cells):
            if sum(c["value"] for c in cells[:4]) != cells[4]["value"]:
                bad.append(g)
    return bad


class Ctx:
    """Collects the cells a computation reads (its cite list)."""

    def __init__(self, quality=False):
        self.cells, self.quality = [], quality

    def v(self, f, k):
        c = fact(f, k)
        assert c is not None, f"{f}#{k} missing"
        assert c["state"] == "number", f"{f}#{k} is {c['state']}"
        if not self.quality:
            assert k.split(".")[1] not in failing_groups(f) or not k.startswith("review."), f"{f}#{k} in a failing group"
        ref = f"{f}#{k}"
        if ref not in self.cells:
            self.cells.append(ref)
        return c["value"]


def pct(a, b):
    return round(100.0 * a / b, 2)


def r2(x):
    return round(x, 2)


def N(v, u="count"):
    return {"kind": "number", "value": v, "unit": u}


def A(v):
    return {"kind": "agency", "value": v}


def L(vs, ordered=False):
    return {"kind": "list", "values": vs, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": v}


def name(f):
    return REPORTS[f]["agency"]


def top(ctx, files, key, n=1, reverse=True):
    vals = [(ctx.v(f, key), f) for f in files]
    s = sorted(vals, key=lambda t: t[0], reverse=reverse)
    ks = [t[0] for t in s]
    assert len(set(ks[:n + 1])) == len(ks[:n + 1]), f"tie near rank {n}: {s}"
    return s


def files_of_year(y):
    return [f for f in ALL if REPORTS[f]["year"] == y]


PROC = [f for f in ALL if fact(f, AMT) and fact(f, AMT)["state"] == "number"]
Y2020 = files_of_year(2020)

# ---- section text of the sample reports -------------------------------------------------------------
SECTION_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


def sections(f):
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    heads = []
    for i, ln in enumerate(lines):
        m = re.match(r"^[#*\s]*([一二三四五六])、(.*)$", ln.strip()) if not ln.startswith("\t") else None
        if m and SECTION_WORDS[m.group(1)] in m.group(2):
            heads.append((i, m.group(1)))
    out = {}
    for j, (i, s) in enumerate(heads):
        end = heads[j + 1][0] if j + 1 < len(heads) else len(lines)
        out.setdefault(s, "\n".join(lines[i + 1:end]).strip())
    return out


def passages(f, sec, must):
    text = sections(f).get(sec, "")
    assert text and all(w in text for w in must), f"{f} section {sec} lacks {must}"
    return {"kind": "passages", "files": [f], "sections": [sec]}, [f]


def mention(years, words):
    files = [f for f in ALL if REPORTS[f]["year"] in years]
    assert all((SAMPLES / f).exists() for f in files)
    hit = [f for f in files if any(w in (SAMPLES / f).read_text(encoding="utf-8") for w in words)]
    return L([name(f) for f in hit]), hit


def no_report(agency_sub, year=None):
    hits = [f for f, d in REPORTS.items() if agency_sub in d["agency"] and (year is None or d["year"] == year)]
    assert not hits, hits
    return {"kind": "unanswerable"}, []


def not_number(f, k):
    c = fact(f, k)
    assert c is None or c["state"] != "number", f"{f}#{k} is a number"
    return {"kind": "unanswerable"}, []


def no_key(word):
    assert not any(word in k for d in REPORTS.values() for k in d["facts"]), word
    return {"kind": "unanswerable"}, []


# ---- the 120 computations --------------------------------------------------------------------------
def grp(f, g):
    return [f"review.{g}.{c}" for c in COLS]


def cases():
    C = {}

    def case(i, quality=False):
        def deco(fn):
            C[f"h83-{i:03d}"] = (fn, quality)
            return fn
        return deco

    @case(1)
    def _(x): return N(x.v(H24, "active.licensing.decisions"))
    @case(2)
    def _(x): return N(x.v(H23, "active.fees.amount"), "yuan")
    @case(3)
    def _(x): return N(r2(x.v(H23, "active.fees.amount") - x.v(H24, "active.fees.amount")), "yuan")
    @case(4)
    def _(x):
        a, b = x.v(H23, "active.penalty.decisions"), x.v(H24, "active.penalty.decisions")
        return N(pct(a - b, a), "percent")
    @case(5)
    def _(x): return N(x.v(H23, "active.coercion.decisions") + x.v(H24, "active.coercion.decisions"))
    @case(6)
    def _(x):
        a = x.v(H23, "requests.new.total"); return N(pct(x.v(H24, "requests.new.total"), a), "percent")
    @case(7)
    def _(x): return N(pct(x.v(H24, "requests.granted.total"), x.v(H24, "requests.handled.total")), "percent")
    @case(8)
    def _(x): return N(x.v(H24, "requests.unavailable_not_held.total"))
    @case(9)
    def _(x): return N(x.v(H24, "review.lawsuit_direct.total"))
    @case(10)
    def _(x): return N(x.v(H24, "review.reconsideration.corrected"))
    @case(11, quality=True)
    def _(x):
        v = [x.v(H23, k) for k in grp(H23, "reconsideration")]
        return B(sum(v[:4]) == v[4])
    @case(12, quality=True)
    def _(x):
        ok = True
        for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
            v = [x.v(H24, k) for k in grp(H24, g)]
            ok = ok and sum(v[:4]) == v[4]
        return B(ok)
    @case(13)
    def _(x): return N(x.v(H24, "active.normative.in_force"))
    @case(14)
    def _(x): return N(x.v(H23, "active.normative.repealed"))
    @case(15)
    def _(x):
        a = x.v(H23, "active.normative.issued"); return N(x.v(H24, "active.normative.issued") - a)
    @case(16)
    def _(x): return N(sum(x.v(H24, f"active.{r}.decisions") for r in ("licensing", "penalty", "coercion")))
    @case(17)
    def _(x): return N(sum(x.v(H23, f"requests.{r}.total") for r in WH))
    @case(18)
    def _(x): return N(pct(sum(x.v(H24, f"requests.{r}.total") for r in UN), x.v(H24, "requests.handled.total")), "percent")
    @case(19)
    def _(x): return no_report("洪泽", 2022)
    @case(20, quality=True)
    def _(x):
        nn = [n for n in REPORTS[H24]["narrative_numbers"] if n.get("cell") == "requests.new.total"]
        assert len(nn) == 1 and nn[0]["value"] == 17
        return B(nn[0]["value"] == x.v(H24, "requests.new.total"))
    # ---- 021-040
    @case(21)
    def _(x): return N(len(ALL)), ALL
    @case(22)
    def _(x): return L(sorted({name(f) for f in ALL})), ALL
    @case(23)
    def _(x): return L(sorted({REPORTS[f]["year"] for f in ALL})), ALL
    @case(24)
    def _(x): return N(sum(REPORTS[f]["template"] == "2021" for f in ALL)), ALL
    @case(25)
    def _(x):
        fs = files_of_year(2019); assert len(fs) == 1; return A(name(fs[0])), fs
    @case(26)
    def _(x): return N(sum(REPORTS[f]["province"] == "浙江省" for f in ALL)), ALL
    @case(27)
    def _(x): return B(REPORTS[WQ]["published"] == "2021-01-15"), [WQ]
    @case(28)
    def _(x): return B(REPORTS[EQ]["published"] is not None), [EQ]
    @case(29)
    def _(x): return passages(LC, "五", ["不足", "有待"])
    @case(30)
    def _(x): return passages(WQ, "五", ["加强"])
    @case(31)
    def _(x): return mention({2020}, ["新冠", "疫情"])
    @case(32)
    def _(x): return mention({2019, 2020}, ["培训"])
    @case(33)
    def _(x): return passages(YZ, "六", ["没有其他需要报告"])
    @case(34)
    def _(x): return passages(EQ, "一", ["工作机制"])
    @case(35)
    def _(x): return N(len({name(f) for f in ALL if REPORTS[f]["province"] == "福建省"})), ALL
    @case(36)
    def _(x): return N(sum(REPORTS[f].get("agency_kind") == "street_office" for f in ALL)), ALL
    @case(37, quality=True)
    def _(x):
        out = []
        for f in PROC:
            x.v(f, AMT)
            if fact(f, AMT).get("unit_assumed") and not fact(f, AMT).get("unit_printed"):
                out.append(name(f))
        return L(out)
    @case(38, quality=True)
    def _(x):
        out = []
        for f in ALL:
            bad = failing_groups(f)
            for g in bad:
                for k in grp(f, g):
                    x.v(f, k)
            if bad:
                out.append(f"{name(f)} {REPORTS[f]['year']}")
        return L(out)
    @case(39)
    def _(x): return B(REPORTS[EQ]["template"] == "2019"), [EQ]
    @case(40)
    def _(x): return no_report("南京")
    # ---- 041-060
    @case(41)
    def _(x): return A(name(top(x, [f for f in PROC if f in Y2020], AMT)[0][1]))
    @case(42)
    def _(x): return A(name(top(x, [f for f in PROC if f in Y2020], AMT, 2)[1][1]))
    @case(43)
    def _(x): return A(name(top(x, [f for f in PROC if f in Y2020], AMT, 2, reverse=False)[1][1]))
    @case(44)
    def _(x): return N(sum(x.v(f, AMT) > 100000 for f in PROC))
    @case(45)
    def _(x): return A(name(top(x, PROC, PRJ)[0][1]))
    @case(46)
    def _(x): return N(r2(sum(x.v(f, AMT) for f in PROC) / len(PROC)), "yuan")
    @case(47)
    def _(x): return N(r2(x.v(GL, AMT) / x.v(GL, PRJ)), "yuan")
    @case(48)
    def _(x): return not_number(LC, "active.fees.amount")
    @case(49)
    def _(x): return no_key("budget")
    @case(50)
    def _(x): return A(name(top(x, Y2020, "active.penalty.prev_items")[0][1]))
    @case(51)
    def _(x): return N(sum(x.v(f, "requests.new.total") == 0 for f in Y2020))
    @case(52)
    def _(x): return N(sum(x.v(f, "requests.new.total") for f in Y2020))
    @case(53)
    def _(x): return N(x.v(YZ, "active.penalty.decisions"))
    @case(54)
    def _(x): return A(name(top(x, Y2020, PRJ, 2)[1][1]))
    @case(55)
    def _(x): return N(x.v(H23, "requests.new.total") + x.v(H24, "requests.new.total"))
    @case(56)
    def _(x): return N(x.v(H23, "requests.granted.total"))
    @case(57)
    def _(x): return N(pct(x.v(H24, "requests.new.person"), x.v(H24, "requests.new.total")), "percent")
    @case(58)
    def _(x): return N(r2(x.v(WQ, AMT) + x.v(GL, AMT)), "yuan")
    @case(59)
    def _(x): return N(x.v(H23, "active.penalty.decisions") - x.v(H24, "active.penalty.decisions"))
    @case(60)
    def _(x): return no_report("鄞州", 2020)
    # ---- 061-080
    @case(61)
    def _(x): return N(x.v(H23, "active.licensing.decisions"))
    @case(62)
    def _(x): return N(sum(x.v(f, "active.penalty.decisions") for f in ALL))
    @case(63)
    def _(x): return B(x.v(H24, "active.coercion.decisions") < x.v(H23, "active.coercion.decisions"))
    @case(64)
    def _(x):
        a = x.v(H23, "active.licensing.decisions"); return N(pct(x.v(H24, "active.licensing.decisions") - a, a), "percent")
    @case(65)
    def _(x): return N(pct(sum(x.v(H23, f"requests.{r}.total") for r in WH), x.v(H23, "requests.handled.total")), "percent")
    @case(66)
    def _(x): return N(r2(sum(x.v(f, "requests.new.total") for f in Y2020) / len(Y2020)))
    @case(67)
    def _(x): return N(r2(statistics.median(x.v(f, AMT) for f in PROC)), "yuan")
    @case(68)
    def _(x):
        fs = [f for f in ALL if fact(f, "active.fees.amount") and fact(f, "active.fees.amount")["state"] == "number"]
        return N(sum(x.v(f, "active.fees.amount") > 7600 * 10000 for f in fs))
    @case(69)
    def _(x): return L([name(f) for f in Y2020 if x.v(f, "requests.new.total") >= 1])
    @case(70)
    def _(x): return B(x.v(YZ, "active.penalty.decisions") > x.v(LC, "active.penalty.decisions"))
    @case(71)
    def _(x): return N(x.v(LC, PRJ) - x.v(GL, PRJ))
    @case(72)
    def _(x): return L([name(f) for _, f in top(x, [f for f in PROC if f in Y2020], AMT, 3)[:3]], True)
    @case(73)
    def _(x): return N(r2(x.v(YZ, AMT) / x.v(YZ, PRJ)), "yuan")
    @case(74)
    def _(x):
        fs = [f for f in PROC if f in Y2020]; tot = sum(x.v(f, AMT) for f in fs)
        return N(pct(x.v(GL, AMT), tot), "percent")
    @case(75)
    def _(x):
        avg = sum(x.v(f, AMT) for f in PROC) / len(PROC)
        return L([name(f) for f in PROC if x.v(f, AMT) > avg])
    @case(76)
    def _(x): return B(x.v(H23, "requests.withheld_process.total") == x.v(H24, "requests.withheld_process.total"))
    @case(77)
    def _(x): return N(sum(x.v(f, "active.coercion.decisions") == 0 for f in ALL))
    @case(78)
    def _(x): return no_key("staff")
    @case(79)
    def _(x): return not_number(H24, AMT)
    @case(80, quality=True)
    def _(x):
        nn = [n for n in REPORTS[H23]["narrative_numbers"] if n.get("cell") == "requests.new.total"]
        assert len(nn) == 1
        return B(nn[0]["value"] == x.v(H23, "requests.new.total"))
    # ---- 081-100
    @case(81)
    def _(x): return L(sorted({REPORTS[f]["province"] for f in ALL})), ALL
    @case(82)
    def _(x): return N(len({name(f) for f in ALL})), ALL
    @case(83)
    def _(x): return L(sorted({name(f) for f in ALL if REPORTS[f]["template"] == "2019"})), ALL
    @case(84)
    def _(x): return passages(EQ, "五", ["不足"])
    @case(85)
    def _(x): return passages(GL, "五", ["改进"])
    @case(86)
    def _(x): return mention({2019, 2020}, ["律师"])
    @case(87)
    def _(x): return mention({2019, 2020}, ["微信", "微博"])
    @case(88)
    def _(x): return N(x.v(WQ, "requests.unavailable_not_held.total"))
    @case(89)
    def _(x): return N(x.v(H24, "requests.carried_out.total"))
    @case(90)
    def _(x): return N(x.v(H24, "requests.declined_complaint.total"))
    @case(91)
    def _(x):
        fs = [f for f in ALL if REPORTS[f].get("agency_kind") == "street_office"]; assert len(fs) == 1
        return A(name(fs[0])), ALL
    @case(92)
    def _(x): return B(REPORTS[YZ]["city"] == "宁波市"), [YZ]
    @case(93)
    def _(x): return N(x.v(GL, "requests.handled.total"))
    @case(94)
    def _(x): return N(x.v(H24, "review.lawsuit_direct.total") + x.v(H24, "review.lawsuit_after_review.total"))
    @case(95)
    def _(x): return N(pct(x.v(H24, "review.lawsuit_after_review.upheld"), x.v(H24, "review.lawsuit_after_review.total")), "percent")
    @case(96, quality=True)
    def _(x):
        v = [x.v(H23, k) for k in grp(H23, "lawsuit_after_review")]
        return B(sum(v[:4]) == v[4])
    @case(97, quality=True)
    def _(x):
        n = 0
        for f in ALL:
            checks = REPORTS[f]["checks"]
            bad = [r for r, s in checks.items() if str(s).startswith("fail")]
            assert bool(bad) == bool(failing_groups(f)), f  # only R4 failures in the gold, and they are these groups
            for g in failing_groups(f):
                for k in grp(f, g):
                    x.v(f, k)
            n += bool(bad)
        return N(n)
    @case(98)
    def _(x): return no_report("鼓楼区统计局", 2021)
    @case(99)
    def _(x): return no_report("财政部")
    @case(100)
    def _(x): return N(x.v(H23, "requests.partial.total") + x.v(H24, "requests.partial.total"))
    # ---- 101-120
    @case(101)
    def _(x): return N(x.v(LC, AMT), "yuan")
    @case(102)
    def _(x): return N(x.v(LC, "requests.new.total"))
    @case(103)
    def _(x): return B(x.v(LC, "active.penalty.decisions") > 20)
    @case(104)
    def _(x): return A(name(top(x, [LC, YZ], AMT)[0][1]))
    @case(105)
    def _(x):
        a, b = x.v(LC, AMT), x.v(YZ, AMT); return N(pct(a, a + b), "percent")
    @case(106)
    def _(x): return N(x.v(LC, PRJ) + x.v(YZ, PRJ))
    @case(107)
    def _(x): return A(name(top(x, PROC, AMT, 2)[1][1]))
    @case(108)
    def _(x): return N(r2(sum(x.v(f, PRJ) for f in PROC) / len(PROC)))
    @case(109)
    def _(x): return N(sum(x.v(f, "active.penalty.decisions") for f in (GL, LC, EQ)))
    @case(110)
    def _(x): return B(x.v(YZ, "requests.new.total") > x.v(LC, "requests.new.total"))
    @case(111)
    def _(x): return B(x.v(LC, AMT) / x.v(LC, PRJ) < x.v(GL, AMT) / x.v(GL, PRJ))
    @case(112)
    def _(x): return N(r2(x.v(GL, AMT) - x.v(EQ, AMT)), "yuan")
    @case(113)
    def _(x): return N(x.v(H23, "active.penalty.decisions"))
    @case(114)
    def _(x):
        f = top(x, [f for f in PROC if f in Y2020], AMT)[0][1]; return N(x.v(f, PRJ))
    @case(115)
    def _(x): return N(r2(x.v(YZ, AMT) - x.v(LC, AMT)), "yuan")
    @case(116)
    def _(x): return N(pct(x.v(H24, "requests.partial.total"), x.v(H24, "requests.new.total")), "percent")
    @case(117)
    def _(x): return N(x.v(rep("鹿城", 2020) if REPORTS[LC]["city"] == "温州市" else None, PRJ))
    @case(118)
    def _(x): return N(x.v(WQ, "requests.new.total") + x.v(GL, "requests.new.total"))
    @case(119)
    def _(x): return no_report("洪泽", 2022)
    @case(120)
    def _(x): return B(x.v(H24, "active.fees.amount") > 0.95 * x.v(H23, "active.fees.amount"))
    return C


def same(exp, got):
    if exp.get("kind") != got.get("kind"):
        return False
    k = got["kind"]
    if k == "number":
        return exp.get("unit") == got["unit"] and abs(float(exp["value"]) - float(got["value"])) <= 0.0051
    if k == "list":
        if bool(exp.get("ordered")) != bool(got.get("ordered")):
            return False
        return exp["values"] == got["values"] if got.get("ordered") else sorted(map(str, exp["values"])) == sorted(map(str, got["values"]))
    if k in ("agency", "boolean"):
        return exp["value"] == got["value"]
    if k == "passages":
        return sorted(exp["files"]) == sorted(got["files"]) and sorted(exp["sections"]) == sorted(got["sections"])
    if k == "unanswerable":
        return True
    return False


def main() -> int:
    rows = [json.loads(l) for l in DATA.read_text(encoding="utf-8").splitlines() if l.strip()]
    comp = cases()
    bad = []
    ids = [r["id"] for r in rows]
    want = [f"h83-{i:03d}" for i in range(1, 121)]
    if ids != want:
        bad.append(f"ids are not h83-001..h83-120 in order ({len(ids)} rows)")
    ok = 0
    for r in rows:
        rid, errs = r["id"], []
        n = int(rid.split("-")[1])
        lang = "zh" if n <= 60 else "en"
        if lang not in r["tags"] or ("en" if lang == "zh" else "zh") in r["tags"]:
            errs.append(f"language tag should be {lang}")
        has_han = bool(re.search(r"[\u4e00-\u9fff]", r["question"]))
        if lang == "zh" and not has_han:
            errs.append("zh question has no Chinese")
        if lang == "en" and not re.search(r"[A-Za-z]{3,}", r["question"]):
            errs.append("en question has no English")
        if bool(r.get("turns")) != ("multiturn" in r["tags"]):
            errs.append("turns / multiturn tag disagree")
        fn, quality = comp[rid]
        x = Ctx(quality=quality)
        try:
            res = fn(x)
        except AssertionError as e:
            errs.append(f"computation failed: {e}")
            res = None
        if res is not None:
            got, cite = (res if isinstance(res, tuple) else (res, x.cells))
            if not same(r["expect"], got):
                errs.append(f"expect {r['expect']} != computed {got}")
            if sorted(r.get("cite", [])) != sorted(cite):
                errs.append(f"cite {sorted(r.get('cite', []))} != computed {sorted(cite)}")
            cells = [c for c in cite if "#" in c]
            guessed = any((fact(*c.split("#"))).get("unit_assumed") and not fact(*c.split("#")).get("unit_printed")
                          for c in cells)
            years = {REPORTS[c.split("#")[0]]["year"] for c in cells}
            mixed = len(years) > 1 and "yoy" not in r["tags"]
            if guessed != ("guessed_unit" in r["tags"]):
                errs.append(f"guessed_unit tag should be {guessed}")
            if mixed != ("mixed_years" in r["tags"]):
                errs.append(f"mixed_years tag should be {mixed}")
            if quality != ("quality" in r["tags"]):
                errs.append("quality tag disagrees with the computation")
        if errs:
            bad.append(f"{rid}: " + "; ".join(errs))
        else:
            ok += 1
    for b in bad:
        print("MISMATCH", b)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(rows) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
