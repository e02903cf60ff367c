"""Recompute every expected answer of qa_holdout76.jsonl from the gold fixtures (stdlib only).

For each case: the expected value (or list / agency / boolean / passage / refusal reason) is recomputed from
tests/fixtures/gold/*.json (and data/samples/*.txt for passages and mentions); the cite list is rebuilt from
the cells (or bare files) the computation touched; the tags guessed_unit and mixed_years are rebuilt from the
cited cells. Every mismatch is printed, then "SUMMARY n/120". Exit 0 only at 120/120.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout76.jsonl"

G = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    G[p.stem] = d
GL, LC, YZ, WQ, EQ = ("000_2133ae744f48d674", "001_19df74b8cb7281a4", "002_c42cd15df52a6935",
                      "003_acfa5b9243423631", "004_5206fb2196a31c52")
H3, H4 = "hongze-qu-gov-2023", "hongze-qu-gov-2024"
ALL = [GL, LC, YZ, WQ, EQ, H3, H4]


def fname(r):
    return r + ".pdf" if r.startswith("hongze") else r + ".txt"


def year(r):
    return G[r]["year"]


def agency(r):
    return G[r]["agency"]


def r4_ok(r, group):
    f = G[r]["facts"]
    parts = [f[f"review.{group}.{k}"] for k in ("upheld", "corrected", "other", "pending")]
    tot = f[f"review.{group}.total"]
    if any(c["state"] != "number" for c in parts + [tot]):
        return None
    return sum(c["value"] for c in parts) == tot["value"]


def usable(r, key):
    """True if the cell may be used in an ordinary (non-quality) answer."""
    c = G[r]["facts"].get(key)
    if c is None or c["state"] != "number":
        return False
    t, row, _ = key.split(".")
    if t == "review" and r4_ok(r, row) is False:
        return False
    return True


class Ctx:
    def __init__(self):
        self.cites = []
        self.files = []

    def _add(self, s):
        if s not in self.cites:
            self.cites.append(s)

    def v(self, r, key, quality=False):
        """A number cell; records the cite."""
        c = G[r]["facts"][key]
        assert c["state"] == "number", f"{r}#{key} is {c['state']}"
        if not quality:
            assert usable(r, key), f"{r}#{key} belongs to a failing group"
        self._add(f"{fname(r)}#{key}")
        self.files.append(r)
        return c["value"]

    def f(self, r):
        """A bare-file cite (passage, mention, metadata)."""
        self._add(fname(r))
        self.files.append(r)
        return G[r]


def section_text(r, sec):
    """Text of canonical section sec (一..六) of a sample report, found by its heading."""
    lines = (SAMPLES / fname(r)).read_text(encoding="utf-8").splitlines()
    order = "一二三四五六"
    pat = re.compile(r"^[#*\s]*([一二三四五六])、")
    start = None
    out = []
    for ln in lines:
        m = pat.match(ln)
        if m and m.group(1) in order:
            if start is not None:
                if order.index(m.group(1)) > order.index(sec):
                    break
            if m.group(1) == sec:
                start = True
                continue
        if start:
            out.append(ln)
    return "\n".join(out).strip()


def mentions(r, word):
    return word in (SAMPLES / fname(r)).read_text(encoding="utf-8")


def pct(a, b):
    return 100.0 * a / b


WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UN = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
Y2020 = [r for r in ALL if year(r) == 2020]
T2019 = [r for r in ALL if G[r]["template"] == "2019"]
BUREAUS = [r for r in ALL if agency(r).endswith("统计局")]


def rank(x, rs, key, desc=True):
    vals = [(x.v(r, key), r) for r in rs]
    vals.sort(key=lambda t: -t[0] if desc else t[0])
    return vals


def nth_agency(vals, n):
    """Agency at 1-based position n of a sorted (value, report) list; the position must not be tied."""
    v = vals[n - 1][0]
    assert sum(1 for t in vals if t[0] == v) == 1, f"tie at position {n}"
    return agency(vals[n - 1][1])


def num(v, u="count"):
    return ("number", v, u)


def ag(v):
    return ("agency", v)


def lst(v, ordered=False):
    return ("list", v, ordered)


def bo(v):
    return ("boolean", v)


def pas(rs, secs):
    return ("passages", rs, secs)


def un(cond):
    assert cond, "refusal reason does not hold"
    return ("unanswerable",)


def passage(x, r, sec, must=""):
    t = section_text(r, sec)
    assert len(t) > 20 and must in t, f"section {sec} of {r} empty or lacks {must!r}"
    x.f(r)
    return pas([fname(r)], [sec])


def proc_avg(x, r):
    return x.v(r, "active.procurement.amount") / x.v(r, "active.procurement.projects")


def absent(r, key):
    c = G[r]["facts"].get(key)
    return c is None or c["state"] == "absent"


def blank(r, key):
    return G[r]["facts"][key]["state"] == "blank"


S = {}


def case(n):
    def deco(fn):
        S[f"h76-{n:03d}"] = fn
        return fn
    return deco


# ---------------- 001-020
@case(1)
def _(x): return num(x.v(YZ, "active.procurement.amount"), "yuan")
@case(2)
def _(x): return num(x.v(YZ, "active.procurement.projects"))
@case(3)
def _(x): return num(proc_avg(x, YZ), "yuan")
@case(4)
def _(x): return passage(x, YZ, "一", "政府信息")
@case(5)
def _(x): return bo(x.v(YZ, "active.penalty.decisions") > x.v(YZ, "active.penalty.prev_items"))
@case(6)
def _(x): return lst([x.f(YZ)["city"]])
@case(7)
def _(x): return un(not any(agency(r) == "鄞州区统计局" and year(r) == 2020 for r in ALL))
@case(8)
def _(x): return bo(x.f(YZ)["published"] is not None)
@case(9)
def _(x): return num(x.v(YZ, "active.procurement.amount") + x.v(LC, "active.procurement.amount"), "yuan")
@case(10)
def _(x): return num(x.v(YZ, "active.procurement.amount") - x.v(LC, "active.procurement.amount"), "yuan")
@case(11)
def _(x): return lst([agency(r) for r in ALL if G[r]["province"] == "浙江省" and x.f(r)])
@case(12)
def _(x): return passage(x, YZ, "五", "问题")
@case(13)
def _(x):
    hits = [r for r in BUREAUS if r in (GL, LC, YZ, EQ) and mentions(r, "微信公众号")]
    assert len(hits) == 1
    x.f(hits[0])
    return ag(agency(hits[0]))
@case(14)
def _(x): return num(x.v(H4, "active.fees.amount"), "yuan")
@case(15)
def _(x):
    a, b = x.v(H3, "active.fees.amount"), x.v(H4, "active.fees.amount")
    assert a > b
    return num(a - b, "yuan")
@case(16)
def _(x): return num(sum(1 for r in Y2020 if x.v(r, "active.procurement.amount") > 100000))
@case(17)
def _(x): return num(x.v(LC, "active.penalty.decisions"))
@case(18)
def _(x): return num(x.v(GL, "active.penalty.decisions"))
@case(19)
def _(x): return num(x.v(LC, "active.penalty.decisions") + x.v(GL, "active.penalty.decisions"))
@case(20)
def _(x):
    a, b = x.v(H3, "active.licensing.decisions"), x.v(H4, "active.licensing.decisions")
    assert b > a
    return num(b - a)


# ---------------- 021-040
@case(21)
def _(x): return num(x.v(WQ, "requests.new.person"))
@case(22)
def _(x): return num(x.v(WQ, "requests.unavailable_not_held.total"))
@case(23)
def _(x): return un(blank(WQ, "requests.declined_duplicate.total"))
@case(24)
def _(x): return num(x.v(GL, "requests.new.business"))
@case(25)
def _(x): return num(pct(x.v(WQ, "requests.granted.total"), x.v(WQ, "requests.handled.total")), "percent")
@case(26)
def _(x): return num(pct(x.v(H4, "requests.granted.total"), x.v(H4, "requests.new.total")), "percent")
@case(27)
def _(x): return num(sum(x.v(H3, f"requests.{k}.total") for k in UN))
@case(28)
def _(x): return num(sum(x.v(H4, f"requests.{k}.total") for k in WH))
@case(29)
def _(x): return ag(nth_agency(rank(x, ALL, "active.penalty.decisions"), 3))
@case(30)
def _(x):
    v = sorted(x.v(r, "active.procurement.projects") for r in Y2020)
    n = len(v)
    return num(v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2)
@case(31)
def _(x):
    v = [x.v(r, "active.penalty.decisions") for r in BUREAUS]
    return num(sum(v) / len(v))
@case(32)
def _(x): return num(x.v(EQ, "active.coercion.prev_items"))
@case(33)
def _(x): return bo(x.v(EQ, "active.penalty.decisions") == 0)
@case(34)
def _(x): return bo(x.f(H3)["template"] == "2021")
@case(35)
def _(x): return num(len([x.f(r) for r in T2019]))
@case(36)
def _(x): return num(x.v(WQ, "active.procurement.projects"))
@case(37)
def _(x): return num(x.v(WQ, "active.procurement.amount"), "yuan")
@case(38)
def _(x): return num(proc_avg(x, WQ), "yuan")
@case(39)
def _(x): return un(absent(H4, "active.procurement.amount"))
@case(40)
def _(x): return num(x.v(H4, "review.reconsideration.total"))


# ---------------- 041-060
@case(41)
def _(x): return num(x.v(H4, "requests.new.total"))
@case(42)
def _(x):
    nar = [n for n in G[H4]["narrative_numbers"] if n.get("cell") == "requests.new.total"]
    assert nar and nar[0]["value"] == 17
    return bo(x.v(H4, "requests.new.total") == 17)
@case(43)
def _(x):
    p = sum(x.v(H3, f"review.reconsideration.{k}", True) for k in ("upheld", "corrected", "other", "pending"))
    return bo(p == x.v(H3, "review.reconsideration.total", True))
@case(44)
def _(x):
    p = sum(x.v(H3, f"review.lawsuit_after_review.{k}", True) for k in ("upheld", "corrected", "other", "pending"))
    t = x.v(H3, "review.lawsuit_after_review.total", True)
    assert p > t
    return num(p - t)
@case(45)
def _(x): return un(r4_ok(H3, "reconsideration") is False)
@case(46)
def _(x): return bo(all(v == "pass" for v in x.f(H4)["checks"].values()))
@case(47)
def _(x): return ag(nth_agency(rank(x, Y2020, "active.procurement.amount"), 1))
@case(48)
def _(x): return ag(nth_agency(rank(x, T2019, "active.procurement.amount", desc=False), 2))
@case(49)
def _(x): return num(x.v(H3, "active.penalty.decisions") + x.v(H4, "active.penalty.decisions"))
@case(50)
def _(x):
    a, b = x.v(H3, "active.penalty.decisions"), x.v(H4, "active.penalty.decisions")
    assert b < a
    return num(pct(a - b, a), "percent")
@case(51)
def _(x): return num(x.v(H4, "active.coercion.decisions"))
@case(52)
def _(x): return num(pct(x.v(H4, "active.licensing.decisions"), x.v(H4, "active.penalty.decisions")), "percent")
@case(53)
def _(x): return num(sum(1 for r in Y2020 if x.v(r, "requests.new.total") != 0))
@case(54)
def _(x): return num(x.v(EQ, "active.procurement.amount"), "yuan")
@case(55)
def _(x): return passage(x, WQ, "五", "加强")
@case(56)
def _(x): return num(x.v(YZ, "requests.new.total"))
@case(57)
def _(x): return num(x.v(YZ, "requests.granted.total"))
@case(58)
def _(x): return bo(x.v(YZ, "requests.new.total") == x.v(YZ, "requests.granted.total"))
@case(59)
def _(x): return un(not any(G[r]["city"] == "南京市" for r in ALL))
@case(60)
def _(x): return lst([agency(r) for r in BUREAUS if G[r]["published"] is None and x.f(r)])


# ---------------- 061-080
@case(61)
def _(x): return num(x.v(H3, "requests.new.total"))
@case(62)
def _(x): return num(x.v(H3, "requests.unavailable_not_held.total"))
@case(63)
def _(x): return num(x.v(H3, "requests.withheld_secret.total"))
@case(64)
def _(x): return num(pct(x.v(H4, "requests.granted.total") + x.v(H4, "requests.partial.total"), x.v(H4, "requests.handled.total")), "percent")
@case(65)
def _(x): return num(pct(x.v(H3, "requests.granted.total") + x.v(H3, "requests.partial.total"), x.v(H3, "requests.handled.total")), "percent")
@case(66)
def _(x): return bo(x.v(H3, "requests.granted.total") < x.v(H4, "requests.granted.total"))
@case(67)
def _(x): return num(x.v(H4, "review.reconsideration.corrected"))
@case(68)
def _(x): return num(x.v(H4, "review.lawsuit_direct.total"))
@case(69)
def _(x): return num(x.v(H3, "review.lawsuit_direct.total"))
@case(70)
def _(x): return un(r4_ok(H3, "reconsideration") is False)
@case(71)
def _(x): return num(sum(x.v(r, "requests.handled.total") for r in T2019))
@case(72)
def _(x): return ag(nth_agency(rank(x, Y2020, "requests.new.total"), 1))
@case(73)
def _(x): return num(x.v(H3, "active.fees.amount"), "yuan")
@case(74)
def _(x): return num(pct(x.v(H4, "active.fees.amount"), x.v(H3, "active.fees.amount")), "percent")
@case(75)
def _(x): return num(x.v(H4, "requests.declined_complaint.total"))
@case(76)
def _(x): return num(x.v(LC, "requests.partial.total"))
@case(77)
def _(x): return num(x.v(H4, "requests.partial.total"))
@case(78)
def _(x): return bo(x.v(LC, "requests.partial.total") * 5 < x.v(H4, "requests.partial.total"))
@case(79)
def _(x): return passage(x, LC, "五", "加强")
@case(80)
def _(x): return lst([agency(r) for r in ALL if G[r]["province"] == "福建省" and x.f(r)])


# ---------------- 081-100
@case(81)
def _(x): return num(x.v(GL, "requests.withheld_third_party.total"))
@case(82)
def _(x): return num(sum(x.v(r, "requests.withheld_third_party.total") for r in ALL))
@case(83)
def _(x): return lst([agency(r) for r in ALL if x.v(r, "requests.withheld_third_party.total") >= 1])
@case(84)
def _(x): return num(x.v(H4, "requests.unavailable_needs_creation.total"))
@case(85)
def _(x): return num(x.v(H4, "requests.new.legal"))
@case(86)
def _(x): return num(pct(x.v(H4, "requests.new.person"), x.v(H4, "requests.new.total")), "percent")
@case(87)
def _(x): return un(blank(WQ, "requests.carried_out.total"))
@case(88)
def _(x): return num(x.v(H3, "requests.withheld_process.total"))
@case(89)
def _(x): return num(sum(x.v(H3, f"requests.{k}.total") for k in WH))
@case(90)
def _(x):
    a = sum(x.v(H3, f"requests.{k}.total") for k in WH)
    b = sum(x.v(H4, f"requests.{k}.total") for k in WH)
    return bo(b > a)
@case(91)
def _(x): return num(pct(sum(x.v(H4, f"requests.{k}.total") for k in UN), x.v(H4, "requests.handled.total")), "percent")
@case(92)
def _(x): return un(not any("breach" in k for r in ALL for k in G[r]["facts"]))
@case(93)
def _(x): return bo(x.f(WQ)["agency_kind"] == "street_office")
@case(94)
def _(x): return lst([x.f(GL)["published"]])
@case(95)
def _(x):
    dated = [r for r in ALL if G[r]["published"]]
    for r in dated:
        x.f(r)
    dated.sort(key=lambda r: G[r]["published"])
    assert G[dated[0]]["published"] != G[dated[1]]["published"]
    return ag(agency(dated[0]))
@case(96)
def _(x): return num(x.v(YZ, "requests.new.person"))
@case(97)
def _(x): return num(x.v(WQ, "requests.new.person"))
@case(98)
def _(x): return num(x.v(WQ, "requests.new.person") - x.v(YZ, "requests.new.person"))
@case(99)
def _(x): return passage(x, GL, "五", "存在的主要问题")
@case(100)
def _(x):
    assert G[YZ]["facts"]["review.lawsuit_direct.pending"]["raw"] == "00"
    return bo(x.v(YZ, "review.lawsuit_direct.pending", True) == 0)


# ---------------- 101-120
@case(101)
def _(x): return num(x.v(H4, "active.licensing.decisions"))
@case(102)
def _(x):
    a, b = x.v(H3, "active.coercion.decisions"), x.v(H4, "active.coercion.decisions")
    assert b < a
    return num(a - b)
@case(103)
def _(x):
    a, b = x.v(H3, "active.coercion.decisions"), x.v(H4, "active.coercion.decisions")
    return num(pct(a - b, a), "percent")
@case(104)
def _(x):
    vals = rank(x, Y2020, "active.penalty.decisions")
    return lst([nth_agency(vals, 1), nth_agency(vals, 2)], True)
@case(105)
def _(x): return ag(nth_agency(rank(x, BUREAUS, "active.penalty.prev_items"), 1))
@case(106)
def _(x): return num(sum(1 for r in ALL if x.v(r, "active.penalty.decisions") > 100))
@case(107)
def _(x):
    v = [x.v(r, "active.procurement.amount") for r in Y2020]
    return num(sum(v) / len(v), "yuan")
@case(108)
def _(x):
    rs = [r for r in ALL if not absent(r, "active.procurement.amount")]
    return num(sum(x.v(r, "active.procurement.amount") for r in rs), "yuan")
@case(109)
def _(x):
    vals = sorted(((proc_avg(x, r), r) for r in Y2020), key=lambda t: -t[0])
    return ag(nth_agency(vals, 2))
@case(110)
def _(x): return un(absent(H3, "active.procurement.projects"))
@case(111)
def _(x): return ag(nth_agency(rank(x, [r for r in BUREAUS if year(r) == 2020], "active.procurement.amount", desc=False), 1))
@case(112)
def _(x): return num(len([x.f(r) for r in ALL if G[r]["template"] == "2021"]))
@case(113)
def _(x): return passage(x, EQ, "一", "公开")
@case(114)
def _(x): return lst([agency(r) for r in Y2020 if r not in (H3, H4) and mentions(r, "新冠") and x.f(r)])
@case(115)
def _(x): return bo(x.v(LC, "active.penalty.decisions") > x.v(YZ, "active.penalty.decisions"))
@case(116)
def _(x): return num(x.v(H4, "active.normative.in_force"))
@case(117)
def _(x): return num(x.v(H3, "active.normative.in_force"))
@case(118)
def _(x): return num(pct(x.v(H4, "active.normative.in_force"), x.v(H3, "active.normative.in_force")), "percent")
@case(119)
def _(x): return passage(x, WQ, "六", "暂无")
@case(120)
def _(x): return un(not any(year(r) == 2025 for r in ALL))


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def check(c):
    errs = []
    fn = S.get(c["id"])
    if fn is None:
        return [f"no reference spec for {c['id']}"]
    x = Ctx()
    try:
        got = fn(x)
    except AssertionError as e:
        return [f"reference assertion failed: {e}"]
    exp = c["expect"]
    kind = got[0]
    if exp["kind"] != kind:
        errs.append(f"kind {exp['kind']} != {kind}")
    elif kind == "number":
        if not close(exp["value"], got[1]) or exp["unit"] != got[2]:
            errs.append(f"value {exp['value']} {exp['unit']} != {got[1]} {got[2]}")
    elif kind in ("agency", "boolean"):
        if exp["value"] != got[1]:
            errs.append(f"value {exp['value']!r} != {got[1]!r}")
    elif kind == "list":
        a, b = exp["values"], got[1]
        if bool(exp.get("ordered", False)) != got[2]:
            errs.append("ordered flag differs")
        if (a != b) if got[2] else (sorted(map(str, a)) != sorted(map(str, b))):
            errs.append(f"values {a} != {b}")
    elif kind == "passages":
        if exp["files"] != got[1] or exp["sections"] != got[2]:
            errs.append(f"passages {exp['files']} {exp['sections']} != {got[1]} {got[2]}")
    if c["cite"] != x.cites:
        errs.append(f"cite {c['cite']} != {x.cites}")
    guessed = any(G[_rep(fc)]["facts"][fc.partition("#")[2]].get("unit_assumed") for fc in x.cites if "#" in fc)
    if guessed != ("guessed_unit" in c["tags"]):
        errs.append(f"guessed_unit tag should be {guessed}")
    mixed = len({year(r) for r in x.files}) > 1
    if mixed != ("mixed_years" in c["tags"]):
        errs.append(f"mixed_years tag should be {mixed}")
    return errs


def _rep(cite):
    f = cite.partition("#")[0]
    return f.rsplit(".", 1)[0]


def main():
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    ok = 0
    ids = [c["id"] for c in cases]
    problems = []
    if ids != [f"h76-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h76-001 .. h76-120 in order")
    nzh = sum(1 for c in cases if "zh" in c["tags"])
    nen = sum(1 for c in cases if "en" in c["tags"])
    if (nzh, nen) != (60, 60):
        problems.append(f"language split {nzh} zh / {nen} en, want 60/60")
    for p in problems:
        print("SET:", p)
    for c in cases:
        errs = check(c)
        for e in errs:
            print(f"{c['id']}: {e}")
        if not errs:
            ok += 1
    if problems:
        ok = min(ok, 0)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
