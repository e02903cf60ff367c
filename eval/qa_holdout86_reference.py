"""Reference for qa_holdout86.jsonl (stdlib only).

Recomputes every expected answer, cite list and the guessed_unit / mixed_years tags from
tests/fixtures/gold/*.json, and passage/mention cases from the section text of data/samples/*.txt.
Prints every mismatch and `SUMMARY n/120`; exits 0 only when all 120 cases match.
"""
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = {}
for p in sorted((ROOT / "tests/fixtures/gold").glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    GOLD[g["file"].rsplit("/", 1)[-1]] = g
F0, F1, F2, F3, F4 = sorted(f for f in GOLD if f.endswith(".txt"))
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
ALL = [F0, F1, F2, F3, F4, H3, H4]
AGG = {"sum", "rank", "count", "avg", "median", "list", "all", "share"}  # ops for which mixed years are tagged

# ---- section text of the samples
HEAD_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "存在的主要问题", "六": "其他需要报告"}
def sections(f):
    lines = (ROOT / "data/samples" / f).read_text(encoding="utf-8").splitlines()
    out, cur = {}, None
    for ln in lines:
        m = re.match(r"^[#\s\*]*([一二三四五六])、", ln)
        if m and HEAD_WORDS[m.group(1)] in ln:
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(ln)
    return {k: "\n".join(v) for k, v in out.items()}
def fulltext(f):
    return (ROOT / "data/samples" / f).read_text(encoding="utf-8")

def year(f): return GOLD[f]["year"]
def agency(f): return GOLD[f]["agency"]

class Ctx:
    def __init__(self):
        self.cite, self.years, self.guessed, self.op = [], set(), False, None
    def v(self, f, key):
        fact = GOLD[f]["facts"][key]
        if fact["state"] != "number":
            raise ValueError(f"{f}#{key} is {fact['state']}, not a number")
        c = f"{f}#{key}"
        if c not in self.cite:
            self.cite.append(c)
        self.years.add(year(f))
        if fact.get("unit_assumed"):
            self.guessed = True
        return fact["value"]
    def raw(self, f, key):
        """a cell of a failing group: only for data-quality cases (value taken as printed)."""
        return self.v(f, key)
    def vs(self, files, key): return {f: self.v(f, key) for f in files}
    def passage(self, f, sec, needle):
        assert needle in sections(f)[sec], f"{needle!r} not in section {sec} of {f}"
        self.cite.append(f)
        return {"kind": "passages", "files": [f], "sections": [sec]}
    def mentions(self, needle, files):
        hit = [f for f in files if needle in fulltext(f)]
        self.cite.extend(hit)
        return [agency(f) for f in hit]

N = lambda v, u="count": {"kind": "number", "value": v, "unit": u}
B = lambda v: {"kind": "boolean", "value": bool(v)}
AG = lambda v: {"kind": "agency", "value": v}
L = lambda vals, o=False: {"kind": "list", "values": vals, "ordered": o}
U = lambda: {"kind": "unanswerable"}
pct = lambda a, b: 100.0 * a / b
WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
GRP = ("upheld", "corrected", "other", "pending")
S20 = [f for f in ALL if year(f) == 2020]
STAT = [f for f in ALL if agency(f).endswith("统计局")]
PROC = [f for f in ALL if GOLD[f]["template"] == "2019"]
ZJ = [f for f in ALL if GOLD[f]["province"] == "浙江省"]
FJ = [f for f in ALL if GOLD[f]["province"] == "福建省"]
def by_name(part, yr=None):
    hit = [f for f in ALL if part in agency(f) and (yr is None or year(f) == yr)]
    assert len(hit) == 1, (part, yr, hit)
    return hit[0]
GL, LC, YZ, WQ, EQ = by_name("鼓楼区统计局"), by_name("鹿城"), by_name("鄞州"), by_name("温泉"), by_name("二七")
HZ = lambda yr: by_name("洪泽", yr)
def top(ctx, files, key, k=1, reverse=True, op="rank"):
    ctx.op = op
    vals = ctx.vs(files, key)
    order = sorted(files, key=lambda f: vals[f], reverse=reverse)
    if k < len(order):
        assert vals[order[k - 1]] != vals[order[k]], f"tie at place {k} for {key}"
    return order
def hz_label(f): return f"{agency(f)} {year(f)}"
def r4_fails(ctx, f, grp):
    parts = sum(ctx.raw(f, f"review.{grp}.{c}") for c in GRP)
    return parts != ctx.raw(f, f"review.{grp}.total")
def r4_groups(f):
    return [g for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
            if sum(GOLD[f]["facts"][f"review.{g}.{c}"]["value"] for c in GRP) != GOLD[f]["facts"][f"review.{g}.total"]["value"]]
def not_in_store(ctx, name):
    assert not any(name in agency(f) or name in GOLD[f].get("agency_full", "") for f in ALL); return U()
def year_not_held(ctx, part, yr):
    assert not any(part in agency(f) and year(f) == yr for f in ALL); return U()
def absent_cell(ctx, f, key):
    fact = GOLD[f]["facts"].get(key)
    assert fact is None or fact["state"] == "absent", (f, key); return U()
def no_such_key(ctx, word):
    assert not any(word in k for f in ALL for k in GOLD[f]["facts"]); return U()

S = {}
def spec(n):
    def deco(fn): S[f"h86-{n:03d}"] = fn; return fn
    return deco

# ---- 001-020
@spec(1)
def _(c): return N(c.v(LC, "active.penalty.decisions"))
@spec(2)
def _(c): return N(c.v(HZ(2023), "active.coercion.decisions"))
@spec(3)
def _(c): return N(c.v(HZ(2024), "active.licensing.decisions") - c.v(HZ(2023), "active.licensing.decisions"))
@spec(4)
def _(c): return N(c.v(YZ, "active.procurement.amount"), "yuan")
@spec(5)
def _(c): return AG(agency(top(c, S20, "active.procurement.projects")[0]))
@spec(6)
def _(c):
    c.op = "sum"; return N(sum(c.vs([f for f in STAT if year(f) == 2020], "active.penalty.decisions").values()))
@spec(7)
def _(c):
    out = []
    for f in ALL:
        bad = r4_groups(f)
        for g in bad:
            for col in GRP + ("total",):
                c.raw(f, f"review.{g}.{col}")
        if bad:
            out.append(hz_label(f))
    return L(out)
@spec(8)
def _(c):
    f = HZ(2023); return N(sum(c.raw(f, f"review.reconsideration.{x}") for x in GRP) - c.raw(f, "review.reconsideration.total"))
@spec(9)
def _(c): return N(pct(c.v(WQ, "requests.granted.total"), c.v(WQ, "requests.new.total")), "percent")
@spec(10)
def _(c): return N(c.v(GL, "active.procurement.amount"), "yuan")
@spec(11)
def _(c):
    c.op = "list"; vals = c.vs(S20, "requests.new.total"); return L([agency(f) for f in S20 if vals[f] == 0])
@spec(12)
def _(c):
    c.op = "count"; return N(sum(1 for v in c.vs(ALL, "active.penalty.decisions").values() if v == 0))
@spec(13)
def _(c): return N(c.v(EQ, "active.coercion.prev_items"))
@spec(14)
def _(c): return N(sum(c.v(HZ(2024), f"requests.{r}.total") for r in WH))
@spec(15)
def _(c): return N(c.v(HZ(2024), "requests.new.total"))
@spec(16)
def _(c): return B(c.v(HZ(2024), "requests.new.total") == 17)
@spec(17)
def _(c): return B(c.v(YZ, "active.penalty.decisions") == 6)
@spec(18)
def _(c): return c.passage(WQ, "五", "有待提高")
@spec(19)
def _(c): return not_in_store(c, "财政局")
@spec(20)
def _(c): return N(c.v(HZ(2023), "active.fees.amount") - c.v(HZ(2024), "active.fees.amount"), "yuan")
# ---- 021-040
@spec(21)
def _(c): return N(c.v(HZ(2024), "active.penalty.decisions"))
@spec(22)
def _(c):
    a, b = c.v(HZ(2024), "active.licensing.decisions"), c.v(HZ(2023), "active.licensing.decisions"); return N(pct(a - b, b), "percent")
@spec(23)
def _(c): return N(pct(c.v(HZ(2024), "requests.granted.total"), c.v(HZ(2024), "requests.handled.total")), "percent")
@spec(24)
def _(c): return L(c.mentions("六稳", S20))
@spec(25)
def _(c): return N(c.v(HZ(2023), "active.normative.issued"))
@spec(26)
def _(c): return N(c.v(HZ(2023), "active.penalty.decisions") - c.v(HZ(2024), "active.penalty.decisions"))
@spec(27)
def _(c):
    c.op = "sum"; return N(c.v(HZ(2023), "active.fees.amount") + c.v(HZ(2024), "active.fees.amount"), "yuan")
@spec(28)
def _(c): return N(c.v(HZ(2024), "requests.unavailable_not_held.total"))
@spec(29)
def _(c): return N(pct(c.v(HZ(2024), "requests.unavailable_not_held.total"), c.v(HZ(2024), "requests.handled.total")), "percent")
@spec(30)
def _(c): return N(c.v(HZ(2024), "review.reconsideration.corrected"))
@spec(31)
def _(c): return N(c.v(HZ(2024), "review.lawsuit_direct.total") + c.v(HZ(2024), "review.lawsuit_after_review.total"))
@spec(32)
def _(c): return AG(agency(top(c, [f for f in ALL if "洪泽" not in agency(f)], "requests.new.total")[0]))
@spec(33)
def _(c): return N(c.v(HZ(2024), "requests.new.person"))
@spec(34)
def _(c):
    c.op = "sum"; return N(c.v(HZ(2023), "requests.partial.total") + c.v(HZ(2024), "requests.partial.total"))
@spec(35)
def _(c): return N(c.v(HZ(2023), "active.penalty.decisions") + c.v(HZ(2023), "active.coercion.decisions"))
@spec(36)
def _(c): return N(c.v(HZ(2024), "requests.declined_complaint.total"))
@spec(37)
def _(c): return c.passage(LC, "五", "三个方面")
@spec(38)
def _(c): return B(c.v(HZ(2023), "requests.new.total") == 21)
@spec(39)
def _(c): return year_not_held(c, "洪泽", 2022)
@spec(40)
def _(c): return N(c.v(HZ(2023), "active.normative.repealed"))
# ---- 041-060
@spec(41)
def _(c): return N(c.v(EQ, "active.penalty.prev_items"))
@spec(42)
def _(c): return N(c.v(HZ(2024), "review.reconsideration.upheld"))
@spec(43)
def _(c):
    c.op = "count"; return N(sum(1 for v in c.vs(S20, "requests.withheld_third_party.total").values() if v >= 1))
@spec(44)
def _(c): return N(c.v(GL, "active.procurement.amount") - c.v(WQ, "active.procurement.amount"), "yuan")
@spec(45)
def _(c):
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        assert all(GOLD[YZ]["facts"][f"review.{g}.{x}"]["value"] == 0 for x in GRP)
    return B(all(c.v(YZ, f"review.{g}.total") == 0 for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
@spec(46)
def _(c): return N(c.v(HZ(2024), "review.lawsuit_direct.upheld"))
@spec(47)
def _(c): return B(c.v(LC, "active.penalty.decisions") > c.v(GL, "active.penalty.decisions") + c.v(EQ, "active.penalty.decisions"))
@spec(48)
def _(c): return B(not r4_fails(c, HZ(2023), "reconsideration"))
@spec(49)
def _(c):
    c.op = "list"; vals = c.vs(S20, "active.procurement.amount"); return L([agency(f) for f in S20 if vals[f] > 100000])
@spec(50)
def _(c): return N(c.v(YZ, "active.procurement.amount") / c.v(YZ, "active.procurement.projects"), "yuan")
@spec(51)
def _(c): return N(c.v(LC, "active.procurement.amount") / c.v(LC, "active.procurement.projects"), "yuan")
@spec(52)
def _(c): return AG(agency(top(c, PROC, "active.penalty.prev_items", k=2)[1]))
@spec(53)
def _(c): return c.passage(EQ, "五", "不足之处")
@spec(54)
def _(c): return c.passage(YZ, "二", "统计执法")
@spec(55)
def _(c): return N(c.v(GL, "requests.new.total") + c.v(WQ, "requests.new.total"))
@spec(56)
def _(c): return not_in_store(c, "最高人民法院")
@spec(57)
def _(c): return no_such_key(c, "budget")
@spec(58)
def _(c): return N(c.v(HZ(2024), "review.lawsuit_after_review.other"))
@spec(59)
def _(c): return L(sorted({year(f) for f in ALL}))
@spec(60)
def _(c): return N(pct(c.v(HZ(2023), "active.coercion.decisions"), c.v(HZ(2024), "active.coercion.decisions")), "percent")
# ---- 061-080
@spec(61)
def _(c): return N(c.v(LC, "requests.new.total"))
@spec(62)
def _(c): return N(c.v(EQ, "active.procurement.amount"), "yuan")
@spec(63)
def _(c): return N(c.v(HZ(2023), "active.coercion.decisions") - c.v(HZ(2024), "active.coercion.decisions"))
@spec(64)
def _(c):
    c.op = "avg"; return N(statistics.mean(c.vs(PROC, "active.procurement.amount").values()), "yuan")
@spec(65)
def _(c):
    c.op = "median"; return N(statistics.median(c.vs(PROC, "active.procurement.amount").values()), "yuan")
@spec(66)
def _(c):
    c.op = "list"; vals = c.vs(S20, "active.procurement.amount"); m = statistics.mean(vals.values())
    return L([agency(f) for f in S20 if vals[f] > m])
@spec(67)
def _(c): return B(c.v(HZ(2024), "active.licensing.decisions") > c.v(HZ(2023), "active.licensing.decisions"))
@spec(68)
def _(c): return N(pct(c.v(HZ(2024), "requests.partial.total"), c.v(HZ(2024), "requests.handled.total")), "percent")
@spec(69)
def _(c): return L([hz_label(f) for f in ALL if GOLD[f]["template"] == "2021"])
@spec(70)
def _(c): return N(len(ALL))
@spec(71)
def _(c): return N(c.v(YZ, "requests.granted.total"))
@spec(72)
def _(c): return c.passage(GL, "五", "有待进一步提高")
@spec(73)
def _(c): return L(c.mentions("人口普查", S20))
@spec(74)
def _(c): return B(c.v(WQ, "requests.new.total") == c.v(WQ, "requests.handled.total"))
@spec(75)
def _(c): return N(c.v(HZ(2024), "active.fees.amount"), "yuan")
@spec(76)
def _(c): return absent_cell(c, HZ(2024), "active.procurement.amount")
@spec(77)
def _(c): return L([GOLD[YZ]["province"]])
@spec(78)
def _(c): return AG(agency(top(c, S20, "active.procurement.projects", k=2)[1]))
@spec(79)
def _(c):
    c.op = "sum"; return N(c.v(HZ(2023), "active.penalty.decisions") + c.v(HZ(2024), "active.penalty.decisions"))
@spec(80)
def _(c):
    c.op = "count"; return N(sum(1 for v in c.vs(ALL, "requests.new.person").values() if v >= 1))
# ---- 081-100
@spec(81)
def _(c): return N(c.v(LC, "active.procurement.projects"))
@spec(82)
def _(c): return B(c.v(EQ, "active.penalty.decisions") > 0)
@spec(83)
def _(c):
    assert GOLD[HZ(2024)]["facts"]["active.fees.amount"]["raw"] == "7545"; return N(c.v(HZ(2024), "active.fees.amount"), "yuan")
@spec(84)
def _(c): return N(c.v(HZ(2023), "requests.new.total"))
@spec(85)
def _(c):
    a, b = c.v(HZ(2023), "requests.new.total"), c.v(HZ(2024), "requests.new.total"); return N(pct(b - a, a), "percent")
@spec(86)
def _(c): return AG(agency(top(c, STAT, "active.procurement.amount", reverse=False)[0]))
@spec(87)
def _(c): return L([agency(f) for f in top(c, PROC, "active.procurement.amount", k=3)[:3]], True)
@spec(88)
def _(c): return N(len(FJ))
@spec(89)
def _(c): return c.passage(WQ, "五", "提高处理依申请公开能力")
@spec(90)
def _(c):
    f = HZ(2023); return N(pct(sum(c.v(f, f"requests.{r}.total") for r in WH), c.v(f, "requests.handled.total")), "percent")
@spec(91)
def _(c): return B(c.v(GL, "requests.new.total") == c.v(LC, "requests.new.total"))
@spec(92)
def _(c):
    c.op = "count"; return N(sum(1 for v in c.vs(S20, "active.procurement.projects").values() if v > 10))
@spec(93)
def _(c): return N(c.v(YZ, "active.penalty.prev_items"))
@spec(94)
def _(c): return no_such_key(c, "population")
@spec(95)
def _(c):
    f = HZ(2024); return N(sum(c.v(f, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
@spec(96)
def _(c): return N(c.v(GL, "active.procurement.amount") / c.v(GL, "active.procurement.projects"), "yuan")
@spec(97)
def _(c): return year_not_held(c, "鹿城", 2021)
@spec(98)
def _(c): return no_such_key(c, "reception")
@spec(99)
def _(c): return L([agency(f) for f in ZJ])
@spec(100)
def _(c): return AG(agency(top(c, STAT, "active.penalty.decisions", k=2)[1]))
# ---- 101-120
@spec(101)
def _(c): return B(c.v(HZ(2024), "active.penalty.decisions") < c.v(HZ(2023), "active.penalty.decisions"))
@spec(102)
def _(c): return B(sum(c.v(GL, f"requests.{r}.total") for r in WH) > c.v(GL, "requests.granted.total"))
@spec(103)
def _(c): return B(c.v(HZ(2024), "active.fees.amount") > c.v(HZ(2023), "active.fees.amount"))
@spec(104)
def _(c): return N(c.v(YZ, "active.procurement.amount") - c.v(LC, "active.procurement.amount"), "yuan")
@spec(105)
def _(c):
    c.op = "share"; a, b = c.v(HZ(2023), "requests.new.total"), c.v(HZ(2024), "requests.new.total"); return N(pct(b, a + b), "percent")
@spec(106)
def _(c):
    c.op = "all"; return B(all(v >= 1 for v in c.vs(STAT, "active.penalty.decisions").values()))
@spec(107)
def _(c):
    c.op = "count"; return N(sum(1 for v in c.vs(S20, "active.coercion.decisions").values() if v == 0))
@spec(108)
def _(c): return AG(agency(top(c, PROC, "active.penalty.prev_items")[0]))
@spec(109)
def _(c):
    c.op = "avg"; return N(statistics.mean(c.vs(S20, "requests.new.total").values()))
@spec(110)
def _(c):
    c.op = "median"; return N(statistics.median(c.vs(ALL, "requests.new.total").values()))
@spec(111)
def _(c): return N(pct(c.v(HZ(2024), "requests.partial.total"), c.v(HZ(2024), "requests.granted.total")), "percent")
@spec(112)
def _(c): return B(c.v(HZ(2024), "requests.new.total") > 4 * c.v(HZ(2023), "requests.new.total"))
@spec(113)
def _(c): return c.passage(YZ, "五", "改进措施")
@spec(114)
def _(c): return L(c.mentions("律师", [f for f in ALL if f.endswith(".txt")]))
@spec(115)
def _(c):
    c.op = "all"; return B(any(v > 0 for v in c.vs(S20, "review.reconsideration.total").values()))
@spec(116)
def _(c):
    f3, f4 = HZ(2023), HZ(2024)
    fails3 = r4_groups(f3)
    for g in fails3:
        for col in GRP + ("total",):
            c.raw(f3, f"review.{g}.{col}")
    return B(bool(fails3) and not r4_groups(f4))
@spec(117)
def _(c): return absent_cell(c, LC, "active.fees.amount")
@spec(118)
def _(c): return year_not_held(c, "洪泽", 2021)
@spec(119)
def _(c):
    c.op = "sum"; return N(sum(c.vs(FJ, "active.procurement.projects").values()))
@spec(120)
def _(c): return N(pct(c.v(YZ, "active.procurement.amount"), c.v(LC, "active.procurement.amount")), "percent")

# ---- compare
def close(a, b):
    return abs(a - b) <= max(1e-6, 0.0001 * abs(b))  # 0.01 %, tighter than the harness's 0.5 %

def check(case):
    errs = []
    fn = S.get(case["id"])
    if fn is None:
        return ["no reference spec"]
    ctx = Ctx()
    try:
        exp = fn(ctx)
    except Exception as e:  # noqa: BLE001
        return [f"reference raised {type(e).__name__}: {e}"]
    got = case["expect"]
    if got["kind"] != exp["kind"]:
        errs.append(f"kind {got['kind']} != {exp['kind']}")
    elif exp["kind"] == "number":
        if got.get("unit") != exp["unit"]:
            errs.append(f"unit {got.get('unit')} != {exp['unit']}")
        if not close(got["value"], exp["value"]):
            errs.append(f"value {got['value']} != {exp['value']}")
    elif exp["kind"] in ("agency", "boolean"):
        if got["value"] != exp["value"]:
            errs.append(f"value {got['value']!r} != {exp['value']!r}")
    elif exp["kind"] == "list":
        a, b = got["values"], exp["values"]
        if bool(got.get("ordered")) != exp["ordered"]:
            errs.append("ordered flag differs")
        if (a != b) if exp["ordered"] else (sorted(map(str, a)) != sorted(map(str, b))):
            errs.append(f"values {a} != {b}")
    elif exp["kind"] == "passages":
        if got["files"] != exp["files"] or got["sections"] != exp["sections"]:
            errs.append(f"passages {got['files']}/{got['sections']} != {exp['files']}/{exp['sections']}")
    if sorted(case.get("cite", [])) != sorted(ctx.cite):
        errs.append(f"cite {sorted(case.get('cite', []))} != {sorted(ctx.cite)}")
    tags = set(case.get("tags", []))
    want_g = ctx.guessed
    want_m = ctx.op in AGG and len(ctx.years) > 1
    if ("guessed_unit" in tags) != want_g:
        errs.append(f"guessed_unit tag should be {want_g}")
    if ("mixed_years" in tags) != want_m:
        errs.append(f"mixed_years tag should be {want_m}")
    n = int(case["id"].split("-")[1])
    lang = "zh" if n <= 60 else "en"
    if lang not in tags or ({"zh", "en"} - {lang}) & tags:
        errs.append(f"language tag should be {lang}")
    if ("multiturn" in tags) != bool(case.get("turns")):
        errs.append("multiturn tag and turns disagree")
    return errs

def main():
    path = Path(__file__).with_name("qa_holdout86.jsonl")
    cases = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    ids = [c["id"] for c in cases]
    ok = 0
    if ids != [f"h86-{i:03d}" for i in range(1, 121)]:
        print("MISMATCH ids: expected h86-001 .. h86-120 in order")
    for case in cases:
        errs = check(case)
        if errs:
            for e in errs:
                print(f"MISMATCH {case['id']}: {e}")
        else:
            ok += 1
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1

if __name__ == "__main__":
    sys.exit(main())
