"""Reference for eval/qa_holdout84.jsonl (stdlib only).

Recomputes every expected answer, the cite list and the guessed_unit / mixed_years tags from the
hand-checked gold fixtures (tests/fixtures/gold/*.json) and, for passage / mention cases, from the
section text of data/samples/*.txt. Prints every mismatch and `SUMMARY n/120`; exit 0 only at 120/120.

Conventions checked as well:
- cells of a failing balance group (Hongze 2023 review.reconsideration / review.lawsuit_after_review)
  are used only by data-quality (`dq`) cases;
- a blank cell is used only by `dq` cases (never inside a total);
- `guessed_unit` iff a used cell has a guessed unit; `mixed_years` iff an aggregate over reports
  (sum / rank / count / avg / median / top3 / above-average) uses cells of more than one report year;
- 001-060 tagged zh, 061-120 tagged en; `multiturn` iff `turns`.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout84.jsonl"

IDS = {"A": "000_2133ae744f48d674", "B": "001_19df74b8cb7281a4", "C": "002_c42cd15df52a6935",
       "D": "003_acfa5b9243423631", "E": "004_5206fb2196a31c52",
       "H23": "hongze-qu-gov-2023", "H24": "hongze-qu-gov-2024"}
G = {r: json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")) for r, stem in IDS.items()}
FILE = {r: Path(G[r]["file"]).name for r in G}
ALL = list(IDS)
SAMPLE_REPORTS = ["A", "B", "C", "D", "E"]


def failing_groups():
    """(report, group) pairs whose R4 check fails, recomputed from the facts."""
    out = set()
    for r in ALL:
        f = G[r]["facts"]
        for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
            ks = [f"review.{grp}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
            if all(f.get(k, {}).get("state") == "number" for k in ks):
                parts = sum(f[k]["value"] for k in ks[:4])
                if parts != f[ks[4]]["value"]:
                    out.add((r, grp))
    return out


FAILING = failing_groups()


def text(r):
    return (SAMPLES / FILE[r]).read_text(encoding="utf-8")


def section(r, num):
    """Text of canonical section `num` (一 … 六) of a sample report, found by its heading."""
    order = "一二三四五六"
    lines = text(r).splitlines()
    start = end = None
    for i, line in enumerate(lines):
        s = line.strip().lstrip("#").strip().strip("*").strip()
        if start is None and s.startswith(num + "、"):
            start = i
        elif start is not None and num != "六" and s.startswith(order[order.index(num) + 1] + "、"):
            end = i
            break
    assert start is not None, f"no section {num} in {FILE[r]}"
    return "\n".join(lines[start + 1:end])


class X:
    """What one case uses: cells (recorded as cites), bare files, years."""

    def __init__(self):
        self.cells, self.files, self.years, self.guessed, self.blank_used, self.failing_used = [], [], set(), False, False, False

    def v(self, r, key):
        fact = G[r]["facts"][key]
        assert fact["state"] == "number", f"{r} {key} is {fact['state']}"
        self._use(r, key, fact)
        return fact["value"]

    def blank(self, r, key):
        fact = G[r]["facts"][key]
        assert fact["state"] == "blank", f"{r} {key} is not blank"
        self._use(r, key, fact)
        self.blank_used = True

    def _use(self, r, key, fact):
        self.cells.append(f"{FILE[r]}#{key}")
        self.years.add(G[r]["year"])
        if fact.get("unit_assumed"):
            self.guessed = True
        parts = key.split(".")
        if parts[0] == "review" and (r, parts[1]) in FAILING:
            self.failing_used = True

    def f(self, r):
        self.files.append(FILE[r])
        self.years.add(G[r]["year"])

    def cite(self):
        return self.cells + self.files


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def ag(r):
    return {"kind": "agency", "value": G[r]["agency"]}


def lst(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def yn(v):
    return {"kind": "boolean", "value": bool(v)}


def pct(a, b):
    return a / b * 100


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def ranked(x, reports, key, upto):
    """Reports ordered by `key`, highest first; the first `upto` places (or, for a negative `upto`,
    the last -upto places) must not be tied with any other report."""
    vals = {r: x.v(r, key) for r in reports}
    order = sorted(reports, key=lambda r: vals[r], reverse=True)
    got = [vals[r] for r in order]
    idx = range(upto) if upto > 0 else range(len(got) + upto, len(got))
    for i in idx:
        assert got.count(got[i]) == 1, f"tie at place {i + 1} in ranking of {key}: {got}"
    return order


def files(x, reports):
    for r in reports:
        x.f(r)
    return [G[r]["agency"] for r in reports]


def by_year(y):
    return [r for r in ALL if G[r]["year"] == y]


def tpl(t):
    return [r for r in ALL if G[r]["template"] == t]


TJJ = [r for r in ALL if G[r]["agency"].endswith("统计局")]
PROC = [r for r in ALL if "active.procurement.amount" in G[r]["facts"]
        and G[r]["facts"]["active.procurement.amount"]["state"] == "number"]
Y20 = by_year(2020)
H = ["H23", "H24"]
AMT, PRJ, NEW = "active.procurement.amount", "active.procurement.projects", "requests.new.total"
GROUP5 = ("upheld", "corrected", "other", "pending", "total")


def passage(x, r, sec, must):
    body = section(r, sec)
    assert must in body, f"{FILE[r]} section {sec} lacks {must!r}"
    x.f(r)
    return {"kind": "passages", "files": [FILE[r]], "sections": [sec]}


def mention(x, word, reports):
    hits = [r for r in reports if word in text(r)]
    for r in hits:
        x.f(r)
    return lst(G[r]["agency"] for r in hits)


def unans(cond, why):
    assert cond, why
    return {"kind": "unanswerable"}


def not_number(r, key):
    return G[r]["facts"].get(key, {}).get("state", "missing") != "number"


def agency_missing(name):
    return all(name not in G[r]["agency"] and name != G[r].get("agency_full") for r in ALL)


def year_missing(county, year):
    return not any(G[r]["county"] == county and G[r]["year"] == year for r in ALL)


def key_missing(fragment):
    return not any(fragment in k for r in ALL for k in G[r]["facts"])


def hz(y):
    return "H23" if y == 2023 else "H24"


AGG = {"sum", "rank", "count", "avg", "median", "top3", "above_avg"}
SPEC = {}


def case(n, agg=False):
    def deco(fn):
        SPEC[n] = (fn, agg)
        return fn
    return deco


# ---------------- 001-020 provincial inspector (v-tongbao)
case(1)(lambda x: num(x.v("B", PRJ)))
case(2)(lambda x: num(x.v("H24", "active.coercion.decisions")))
case(3, True)(lambda x: num(sum(1 for r in Y20 if x.v(r, AMT) > 10 * 10000)))
case(4, True)(lambda x: num(sum(x.v(r, "active.penalty.decisions") for r in TJJ)))
case(5, True)(lambda x: ag(ranked(x, ALL, NEW, 3)[2]))


@case(6)
def _(x):
    bad = set()
    for r, grp in sorted(FAILING):
        for c in GROUP5:
            x.v(r, f"review.{grp}.{c}")
        bad.add(r)
    return num(len(bad))


case(7)(lambda x: unans(agency_missing("南京市鼓楼区统计局") and not any(G[r]["city"] == "南京市" for r in ALL), "Nanjing held"))
case(8)(lambda x: yn(x.v("B", NEW) == x.v("A", NEW)))
case(9)(lambda x: passage(x, "D", "五", "有待提高"))
case(10)(lambda x: num(x.v("H23", "active.penalty.decisions") - x.v("H24", "active.penalty.decisions")))
case(11)(lambda x: num(round(pct(x.v("H24", "requests.granted.total"), x.v("H24", "requests.handled.total")), 2), "percent"))
case(12, True)(lambda x: num(sum(x.v(r, NEW) for r in Y20) / len(Y20)))
case(13, True)(lambda x: num(median([x.v(r, PRJ) for r in TJJ])))
case(14)(lambda x: lst(files(x, [r for r in ALL if G[r]["province"] == "福建省"])))
case(15)(lambda x: unans(year_missing("洪泽区", 2022), "Hongze 2022 held"))
case(16)(lambda x: num(x.v("H24", NEW)))
case(17, True)(lambda x: num(x.v("H23", "active.licensing.decisions") + x.v("H24", "active.licensing.decisions")))
case(18, True)(lambda x: ag(ranked(x, Y20, AMT, 2)[1]))
case(19)(lambda x: num(round(pct(x.v("H24", NEW) - x.v("H23", NEW), x.v("H23", NEW)), 2), "percent"))
case(20)(lambda x: mention(x, "疫情", Y20))

# ---------------- 021-040 county court clerk (v-shujiyuan)
case(21)(lambda x: num(x.v("H24", "review.lawsuit_direct.total")))
case(22)(lambda x: num(x.v("H24", "review.lawsuit_after_review.upheld")))
case(23)(lambda x: yn(x.v("H24", "review.reconsideration.total") < x.v("H24", "review.lawsuit_direct.total") + x.v("H24", "review.lawsuit_after_review.total")))
case(24, True)(lambda x: num(sum(x.v("H24", f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))))
case(25, True)(lambda x: num(sum(1 for r in SAMPLE_REPORTS if x.v(r, "review.reconsideration.total") == 0)))


@case(26)
def _(x):
    p = [x.v("H23", f"review.reconsideration.{c}") for c in GROUP5]
    return num(sum(p[:4]) - p[4])


@case(27)
def _(x):
    p = [x.v("H23", f"review.lawsuit_after_review.{c}") for c in GROUP5]
    return yn(sum(p[:4]) == p[4])


@case(28)
def _(x):
    up = x.v("H24", "review.lawsuit_direct.upheld") + x.v("H24", "review.lawsuit_after_review.upheld")
    tot = x.v("H24", "review.lawsuit_direct.total") + x.v("H24", "review.lawsuit_after_review.total")
    return num(round(pct(up, tot), 2), "percent")


case(29)(lambda x: num(round(pct(x.v("H24", "active.penalty.decisions"), x.v("H24", "active.coercion.decisions")), 2), "percent"))
case(30)(lambda x: unans(key_missing("compensation"), "compensation in template"))
case(31)(lambda x: unans(not_number("D", "requests.carried_out.total"), "carried_out printed"))
case(32)(lambda x: num(x.v("E", NEW)))
case(33)(lambda x: passage(x, "C", "五", "改进措施"))
case(34, True)(lambda x: ag(ranked(x, Y20, "active.penalty.prev_items", 1)[0]))
case(35, True)(lambda x: ag(ranked(x, PROC, PRJ, -2)[-2]))
case(36)(lambda x: num(x.v("H24", "review.lawsuit_after_review.total")))
case(37)(lambda x: num(round(pct(x.v("H24", "requests.unavailable_not_held.total"), x.v("H24", "requests.granted.total")), 2), "percent"))
case(38)(lambda x: num(x.v("C", NEW)))


@case(39)
def _(x):
    x.f("D")
    return yn(G["D"]["published"] == "2021-01-15")


case(40)(lambda x: mention(x, "统计开放日", TJJ))

# ---------------- 041-060 data-journalism student (v-shujuxinwen)
case(41, True)(lambda x: lst([G[r]["agency"] for r in ranked(x, PROC, AMT, 3)[:3]], True))


@case(42, True)
def _(x):
    vals = {r: x.v(r, AMT) for r in Y20}
    avg = sum(vals.values()) / len(vals)
    return lst(G[r]["agency"] for r in Y20 if vals[r] > avg)


case(43)(lambda x: num(round(x.v("C", AMT) / x.v("C", PRJ), 2), "yuan"))
case(44, True)(lambda x: num(round(sum(x.v(r, AMT) for r in PROC if G[r]["province"] == "浙江省"), 2), "yuan"))
case(45, True)(lambda x: num(sum(1 for r in ALL if x.v(r, "requests.partial.total") >= 1)))
case(46)(lambda x: num(abs(x.v("B", "active.penalty.decisions") - x.v("E", "active.penalty.decisions"))))
case(47)(lambda x: yn(x.v("E", AMT) < x.v("B", AMT)))


@case(48)
def _(x):
    vals = {r: x.v(r, AMT) for r in Y20}
    return num(round(pct(vals["D"], sum(vals.values())), 2), "percent")


case(49, True)(lambda x: num(median([x.v(r, NEW) for r in ALL])))
case(50)(lambda x: unans(year_missing("鄞州区", 2020), "Yinzhou 2020 held"))
case(51)(lambda x: passage(x, "B", "五", "加强学习"))
case(52)(lambda x: num(len(files(x, ALL))))


@case(53)
def _(x):
    hits = []
    for r in PROC:
        if G[r]["facts"][AMT].get("unit_assumed"):
            x.v(r, AMT)
            hits.append(G[r]["agency"])
    return lst(hits)


case(54)(lambda x: num(x.v("B", PRJ)))
case(55, True)(lambda x: num(x.v("B", "active.penalty.decisions") + x.v("C", "active.penalty.decisions")))


@case(56)
def _(x):
    top = max(ALL, key=lambda r: G[r]["facts"][NEW]["value"])  # the earlier turn's pick
    return num(x.v(top, "requests.granted.total"))


case(57, True)(lambda x: num(sum(1 for r in Y20 if x.v(r, "active.penalty.prev_items") >= 10)))
case(58)(lambda x: yn(x.v("H23", "requests.unavailable_needs_creation.total") == x.v("H24", "requests.unavailable_needs_creation.total")))
case(59)(lambda x: unans(not_number("E", "active.normative.repealed"), "Erqi has a repealed column"))
case(60)(lambda x: mention(x, "三公", SAMPLE_REPORTS))

# ---------------- 061-080 open-data activist (v-opendata)


@case(61)
def _(x):
    for r in ALL:
        x.f(r)
    seen = []
    for r in ALL:
        if G[r]["agency"] not in seen:
            seen.append(G[r]["agency"])
    return lst(seen)


@case(62)
def _(x):
    rs = [r for r in ALL if G[r]["county"] == "洪泽区"]
    for r in rs:
        x.f(r)
    return lst(sorted(G[r]["year"] for r in rs))


@case(63)
def _(x):
    hits = []
    for r in ALL:
        bl = [k for k, f in G[r]["facts"].items() if f["state"] == "blank"]
        for k in bl:
            x.blank(r, k)
        if bl:
            hits.append(G[r]["agency"])
    return lst(hits)


@case(64)
def _(x):
    bl = [k for k, f in G["D"]["facts"].items() if f["state"] == "blank"]
    for k in bl:
        x.blank("D", k)
    return num(len(bl))


@case(65)
def _(x):
    claim = [n for n in G["H24"]["narrative_numbers"] if n.get("cell") == NEW][0]
    return yn(claim["value"] == x.v("H24", NEW))


@case(66)
def _(x):
    x.f("H24")
    return yn(all(v == "pass" for v in G["H24"]["checks"].values()) and not any(r == "H24" for r, _ in FAILING))


case(67)(lambda x: num(x.v("H23", "active.fees.amount"), "yuan"))
case(68)(lambda x: unans(not_number("H24", AMT) and G["H24"]["template"] == "2021", "Hongze has procurement"))


@case(69)
def _(x):
    for r in tpl("2019"):
        x.f(r)
    return num(len(tpl("2019")))


case(70)(lambda x: num(x.v("A", "requests.withheld_third_party.total")))
case(71)(lambda x: num(x.v("H24", "requests.handled.total") - x.v("H23", "requests.handled.total")))
case(72, True)(lambda x: num(sum(x.v(r, "requests.granted.total") for r in ALL)))
case(73, True)(lambda x: num(sum(1 for r in ALL if x.v(r, NEW) == 0)))
case(74, True)(lambda x: ag(ranked(x, by_year(2019) + by_year(2020), NEW, 1)[0]))
case(75)(lambda x: passage(x, "E", "五", "不足之处"))
case(76)(lambda x: mention(x, "档案馆", Y20))
case(77)(lambda x: num(round(pct(x.v("H24", "requests.unavailable_not_held.total"), x.v("H24", NEW)), 2), "percent"))


@case(78)
def _(x):
    order = sorted(Y20, key=lambda r: G[r]["facts"][AMT]["value"], reverse=True)  # earlier turns
    return num(round(pct(x.v(order[0], AMT), x.v(order[-1], AMT)), 2), "percent")


case(79)(lambda x: num(x.v("H24", "active.licensing.decisions")))
case(80)(lambda x: unans(agency_missing("浦东新区"), "Pudong held"))

# ---------------- 081-100 procurement analyst (v-procure)
case(81)(lambda x: num(x.v("C", PRJ)))
case(82)(lambda x: num(round(x.v("B", AMT) / x.v("B", PRJ), 2), "yuan"))


@case(83, True)
def _(x):
    per = {r: x.v(r, AMT) / x.v(r, PRJ) for r in PROC}
    return ag(max(PROC, key=lambda r: per[r]))


case(84, True)(lambda x: num(sum(1 for r in PROC if x.v(r, AMT) > 100000)))
case(85, True)(lambda x: num(round(sum(x.v(r, AMT) for r in Y20), 2), "yuan"))
case(86, True)(lambda x: num(round(sum(x.v(r, AMT) for r in PROC) / sum(x.v(r, PRJ) for r in PROC), 2), "yuan"))
case(87)(lambda x: num(round(pct(x.v("C", AMT), x.v("B", AMT)), 2), "percent"))
case(88)(lambda x: num(round(x.v("A", AMT) - x.v("D", AMT), 2), "yuan"))
case(89)(lambda x: unans(key_missing("procurement.it"), "IT breakdown in template"))
case(90)(lambda x: num(x.v("H24", "active.fees.amount"), "yuan"))
case(91)(lambda x: num(round(pct(x.v("H24", "active.fees.amount") - x.v("H23", "active.fees.amount"), x.v("H23", "active.fees.amount")), 2), "percent"))
case(92, True)(lambda x: num(median([x.v(r, AMT) for r in PROC]), "yuan"))
case(93, True)(lambda x: ag(ranked(x, PROC, PRJ, 2)[1]))
case(94)(lambda x: num(x.v("B", AMT), "yuan"))


@case(95, True)
def _(x):
    vals = {r: x.v(r, AMT) for r in Y20}
    return yn(vals["E"] > sum(vals.values()) / len(vals))


@case(96)
def _(x):
    low = min(Y20, key=lambda r: G[r]["facts"][AMT]["value"])  # the earlier turn's pick
    return num(x.v(low, PRJ))


case(97, True)(lambda x: lst([G[r]["agency"] for r in ranked(x, Y20, AMT, 3)[:3]], True))
case(98)(lambda x: unans(not_number("D", "active.fees.amount"), "Wenquan fee amount printed"))
case(99)(lambda x: num(x.v("H23", "active.coercion.decisions")))
case(100)(lambda x: mention(x, "人口普查", Y20))

# ---------------- 101-120 Korean researcher (v-korea)
case(101)(lambda x: num(x.v("H23", "requests.partial.total")))
case(102)(lambda x: num(round(pct(x.v("H23", "requests.unavailable_not_held.total"), x.v("H23", "requests.handled.total")), 2), "percent"))
case(103)(lambda x: yn(pct(x.v("H24", "requests.unavailable_not_held.total"), x.v("H24", "requests.handled.total"))
                       < pct(x.v("H23", "requests.unavailable_not_held.total"), x.v("H23", "requests.handled.total"))))
case(104, True)(lambda x: num(sum(x.v("H24", k) for k in G["H24"]["facts"] if re.fullmatch(r"requests\.withheld_\w+\.total", k))))


@case(105)
def _(x):
    for r in TJJ:
        x.f(r)
    return num(len({G[r]["agency"] for r in TJJ}))


@case(106)
def _(x):
    rs = [r for r in ALL if G[r].get("agency_kind") == "street_office"]
    assert len(rs) == 1
    x.f(rs[0])
    return ag(rs[0])


case(107)(lambda x: num(x.v("H24", "requests.carried_in.total")))
case(108, True)(lambda x: ag(ranked(x, Y20, "requests.handled.total", 1)[0]))
case(109)(lambda x: yn(any(x.v(r, f"review.{g}.total") > 0 for g in ("lawsuit_direct", "lawsuit_after_review") for r in SAMPLE_REPORTS)))
case(110)(lambda x: passage(x, "A", "五", "改进情况"))
case(111)(lambda x: unans(key_missing("committee"), "committee in template"))
case(112)(lambda x: num(x.v("H24", "requests.declined_complaint.total")))
case(113)(lambda x: num(x.v("D", "requests.granted.total")))
case(114)(lambda x: yn(x.v("H23", "requests.withheld_process.total") == x.v("H24", "requests.withheld_process.total")))


@case(115)
def _(x):
    top = max(Y20, key=lambda r: G[r]["facts"][NEW]["value"])  # the earlier turn's pick
    return num(x.v(top, "requests.partial.total"))


case(116, True)(lambda x: num(round(sum(x.v(r, NEW) for r in ALL) / len(ALL), 2)))


@case(117, True)
def _(x):
    vals = {r: x.v(r, NEW) for r in ALL}
    avg = sum(vals.values()) / len(vals)
    return num(sum(1 for v in vals.values() if v > avg))


case(118)(lambda x: lst(files(x, [r for r in ALL if G[r]["province"] == "浙江省"])))


@case(119)
def _(x):
    p = [x.v("H23", f"review.lawsuit_after_review.{c}") for c in GROUP5]
    return num(sum(p[:4]) - p[4])


case(120)(lambda x: mention(x, "民法典", Y20))


# ---------------- comparison
def same_value(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 0.006 + 1e-9 * abs(b)
    return str(a) == str(b)


def check(case_, n):
    errs = []
    fn, agg = SPEC[n]
    x = X()
    try:
        want = fn(x)
    except AssertionError as e:
        return [f"reference assertion: {e}"]
    exp = case_["expect"]
    tags = set(case_.get("tags", []))
    if exp.get("kind") != want["kind"]:
        return [f"kind {exp.get('kind')} != {want['kind']}"]
    k = want["kind"]
    if k == "number":
        if not same_value(exp.get("value"), want["value"]):
            errs.append(f"value {exp.get('value')} != {want['value']}")
        if exp.get("unit") != want["unit"]:
            errs.append(f"unit {exp.get('unit')} != {want['unit']}")
    elif k in ("agency", "boolean"):
        if exp.get("value") != want["value"]:
            errs.append(f"value {exp.get('value')!r} != {want['value']!r}")
    elif k == "list":
        got, ref = exp.get("values", []), want["values"]
        if bool(exp.get("ordered")) != want["ordered"]:
            errs.append(f"ordered {exp.get('ordered')} != {want['ordered']}")
        if want["ordered"]:
            ok = len(got) == len(ref) and all(same_value(a, b) for a, b in zip(got, ref))
        else:
            ok = sorted(map(str, got)) == sorted(map(str, ref))
        if not ok:
            errs.append(f"values {got} != {ref}")
    elif k == "passages":
        if exp.get("files") != want["files"] or exp.get("sections") != want["sections"]:
            errs.append(f"passages {exp.get('files')}/{exp.get('sections')} != {want['files']}/{want['sections']}")
    if sorted(set(case_.get("cite", []))) != sorted(set(x.cite())) or len(case_.get("cite", [])) != len(set(case_.get("cite", []))):
        errs.append(f"cite {sorted(case_.get('cite', []))} != {sorted(set(x.cite()))}")
    if ("guessed_unit" in tags) != x.guessed:
        errs.append(f"guessed_unit tag {'guessed_unit' in tags} != {x.guessed}")
    mixed = agg and len({G[r]['year'] for r in ALL if any(c.startswith(FILE[r]) for c in x.cite())}) > 1
    if ("mixed_years" in tags) != mixed:
        errs.append(f"mixed_years tag {'mixed_years' in tags} != {mixed}")
    if (x.failing_used or x.blank_used) and "dq" not in tags:
        errs.append("a failing-group or blank cell is used outside a data-quality case")
    lang = "zh" if n <= 60 else "en"
    if lang not in tags or ({"zh", "en"} - {lang}) & tags:
        errs.append(f"language tag should be {lang}")
    if ("multiturn" in tags) != bool(case_.get("turns")):
        errs.append("multiturn tag and turns disagree")
    if (k == "unanswerable") != ("unanswerable" in tags):
        errs.append("unanswerable tag and kind disagree")
    return errs


def main():
    lines = [l for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    ok = 0
    if len(cases) != 120:
        print(f"expected 120 cases, found {len(cases)}")
    for i, c in enumerate(cases, 1):
        want_id = f"h84-{i:03d}"
        errs = [] if c.get("id") == want_id else [f"id {c.get('id')} != {want_id}"]
        if i not in SPEC:
            errs.append("no reference for this case")
        else:
            errs += check(c, i)
        if errs:
            for e in errs:
                print(f"MISMATCH {c.get('id')}: {e}")
        else:
            ok += 1
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
