#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout72.jsonl, recomputed from the hand-checked gold.

Stdlib only. Reads tests/fixtures/gold/*.json (cell values, states, units, metadata, narrative
numbers) and data/samples/*.txt (section text for passage and mention cases), recomputes every
case's expected answer, rebuilds its cite list and its `guessed_unit` / `mixed_years` tags, and
compares them with the JSONL. Prints every mismatch, then `SUMMARY n/120`; exits 0 only at 120/120.

Rules enforced while computing (DOMAIN.md):
- a value is taken only from a cell whose state is "number"; a blank / absent / missing cell
  raises, so a case that needs one must be "unanswerable";
- the balance rules R1-R4 are recomputed from the cells; a cell of a failing group may be read only
  by a case marked quality=True; other cases needing it must be "unanswerable";
- `guessed_unit`: some cited cell is a procurement amount whose gold cell has unit_assumed;
- `mixed_years`: the cited cells / files come from reports of more than one report year;
- ties: a ranking position, a top-N cut or a full ordered list must not fall inside a tie.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = Path(__file__).resolve().parent / "qa_holdout72.jsonl"

SHORT = {  # short name -> gold json file
    "GL": "000_2133ae744f48d674.json", "LC": "001_19df74b8cb7281a4.json", "YZ": "002_c42cd15df52a6935.json",
    "WQ": "003_acfa5b9243423631.json", "EQ": "004_5206fb2196a31c52.json",
    "H23": "hongze-qu-gov-2023.json", "H24": "hongze-qu-gov-2024.json",
}
S5 = ["GL", "LC", "YZ", "WQ", "EQ"]
S7 = S5 + ["H23", "H24"]

REP: dict[str, dict] = {}
for s, fn in SHORT.items():
    d = json.loads((GOLD / fn).read_text(encoding="utf-8"))
    name = Path(d["file"]).name
    d["cite_file"] = name if name.endswith(".txt") else name  # hongze: bare pdf name
    if not d.get("agency_kind"):
        d["agency_kind"] = "government" if d["agency"].endswith("人民政府") else "unknown"
    REP[s] = d
BY_FILE = {d["cite_file"]: s for s, d in REP.items()}
S4 = [s for s in S5 if REP[s]["year"] == 2020]


class Unanswerable(Exception):
    pass


# ---------------------------------------------------------------- balance rules (R1-R4)
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOMES = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
            "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation",
            "other", "other_no_correction", "other_no_fee", "other_misc"]


def _num(s, key):
    f = REP[s]["facts"].get(key)
    return f["value"] if f and f.get("state") == "number" else None


def _state(s, key):
    f = REP[s]["facts"].get(key)
    return f.get("state") if f else "missing"


FAILING: set[tuple[str, str]] = set()
FAILED_RULES: dict[str, set[str]] = {s: set() for s in REP}
for s in REP:
    for col in COLS:  # R1
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        vals = [_num(s, k) for k in keys]
        if None not in vals and vals[0] + vals[1] != vals[2] + vals[3]:
            FAILING.update((s, k) for k in keys); FAILED_RULES[s].add("R1")
        rows = [r for r in OUTCOMES if _state(s, f"requests.{r}.{col}") not in ("absent", "missing")]
        vals = [_num(s, f"requests.{r}.{col}") for r in rows]
        h = _num(s, f"requests.handled.{col}")
        if None not in vals and h is not None and sum(vals) != h:  # R2
            FAILING.update((s, f"requests.{r}.{col}") for r in rows + ["handled"]); FAILED_RULES[s].add("R2")
    for r in set(k.split(".")[1] for k in REP[s]["facts"] if k.startswith("requests.")):  # R3
        vals = [_num(s, f"requests.{r}.{c}") for c in COLS]
        if None not in vals and sum(vals[:6]) != vals[6]:
            FAILING.update((s, f"requests.{r}.{c}") for c in COLS); FAILED_RULES[s].add("R3")
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):  # R4
        keys = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
        vals = [_num(s, k) for k in keys]
        if None not in vals and sum(vals[:4]) != vals[4]:
            FAILING.update((s, k) for k in keys); FAILED_RULES[s].add("R4")
# the recomputed failures must agree with the gold's own check verdicts
for s, d in REP.items():
    gold_fail = {r for r, v in d.get("checks", {}).items() if str(v).startswith("fail")}
    assert gold_fail == FAILED_RULES[s], (s, gold_fail, FAILED_RULES[s])


# ---------------------------------------------------------------- section text
HEAD_WORDS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议",
              "五": "存在的主要问题", "六": "其他需要报告"}


def section_text(s: str, sec: str) -> str:
    lines = (SAMPLES / REP[s]["cite_file"]).read_text(encoding="utf-8").splitlines()
    starts = {}
    for i, ln in enumerate(lines):
        t = ln.strip().lstrip("#*").strip()
        for n, w in HEAD_WORDS.items():
            if n not in starts and t.startswith(n + "、") and w in t:
                starts[n] = i
    order = sorted(starts.items(), key=lambda kv: kv[1])
    for j, (n, i) in enumerate(order):
        if n == sec:
            end = order[j + 1][1] if j + 1 < len(order) else len(lines)
            return "\n".join(lines[i:end])
    raise AssertionError(f"no section {sec} in {s}")


def full_text(s: str) -> str:
    return (SAMPLES / REP[s]["cite_file"]).read_text(encoding="utf-8")


# ---------------------------------------------------------------- case context
class X:
    def __init__(self, quality=False):
        self.quality = quality
        self.cite: list[str] = []

    def v(self, s, key):
        f = REP[s]["facts"].get(key)
        if not f or f.get("state") != "number":
            raise Unanswerable(f"{s} {key}: {f.get('state') if f else 'missing'}")
        if (s, key) in FAILING and not self.quality:
            raise Unanswerable(f"{s} {key}: in a group that fails a balance rule")
        c = f"{REP[s]['cite_file']}#{key}"
        if c not in self.cite:
            self.cite.append(c)
        return f["value"]

    def vals(self, rs, key):
        return {s: self.v(s, key) for s in rs}

    def file(self, s):
        self.cite.append(REP[s]["cite_file"])


def A(s):
    return REP[s]["agency"]


def num(v, unit="count"):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def ag(s):
    return {"kind": "agency", "value": A(s)}


def lst(vs, ordered):
    return {"kind": "list", "values": vs, "ordered": ordered}


def yn(b):
    return {"kind": "boolean", "value": bool(b)}


def pas(x, s, sec, kw):
    assert kw in section_text(s, sec), (s, sec, kw)
    x.file(s)
    return {"kind": "passages", "files": [REP[s]["cite_file"]], "sections": [sec]}


def una():
    return {"kind": "unanswerable"}


def ranked(vals: dict, desc=True):
    return sorted(vals, key=lambda s: vals[s], reverse=desc)


def nth(vals: dict, k: int, desc=True):
    """k-th (1-based) item; the k-th value must differ from its neighbours (no tie at k)."""
    order = ranked(vals, desc)
    v = vals[order[k - 1]]
    assert sum(1 for x in vals.values() if x == v) == 1, f"tie at position {k}"
    return order[k - 1]


def top(vals: dict, n: int, desc=True):
    order = ranked(vals, desc)
    if n < len(order):
        assert vals[order[n - 1]] != vals[order[n]], "tie at the top-N cut"
    assert len({vals[s] for s in order[:n]}) == n, "tie inside the top N"
    return order[:n]


def median(xs):
    xs = sorted(xs); n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def must_refuse(fn):
    """fn reads cells; it must hit a blank/absent/missing/failing cell."""
    try:
        fn(X())
    except Unanswerable:
        return una()
    raise AssertionError("expected the data to be unusable, but every cell was usable")


AMT, PRJ, NEW, PD = "active.procurement.amount", "active.procurement.projects", "requests.new.total", "active.penalty.decisions"
GRP = ("upheld", "corrected", "other", "pending", "total")

C: dict[int, tuple] = {}


def case(i, quality=False):
    def deco(fn):
        C[i] = (fn, quality)
        return fn
    return deco


# ---- 001-020
case(1)(lambda x: num(x.v("H24", "active.licensing.decisions")))
case(2)(lambda x: num(x.v("LC", "active.penalty.change")))
case(3)(lambda x: num(x.v("EQ", AMT), "yuan"))
case(4)(lambda x: ag(nth(x.vals(S5, AMT), 2)))
case(5)(lambda x: num(sum(1 for v in x.vals(S5, AMT).values() if v > 100000)))
case(6)(lambda x: num(x.v("H23", PD) - x.v("H24", PD)))
case(7)(lambda x: yn(x.v("H24", "active.coercion.decisions") > x.v("H23", "active.coercion.decisions")))
case(8)(lambda x: num(100 * x.v("H24", "requests.granted.total") / x.v("H24", "requests.handled.total"), "percent"))
case(9)(lambda x: num(x.v("H23", "active.fees.amount") + x.v("H24", "active.fees.amount"), "yuan"))
case(10)(lambda x: num(sum(x.vals(S4, PRJ).values()) / len(S4)))
case(11)(lambda x: num(median(list(x.vals(S7, NEW).values()))))
case(12)(lambda x: ag(nth(x.vals(S4, AMT), 2, desc=False)))


@case(13)
def _(x):
    dated = {s: REP[s]["published"] for s in S7 if REP[s].get("published")}
    return ag(nth(dated, 1, desc=False))


case(14)(lambda x: num(sum(1 for s in S7 if REP[s]["province"] == "江苏省")))


@case(15)
def _(x):
    hits = [s for s in S7 if REP[s]["agency_kind"] == "street_office"]
    assert len(hits) == 1
    return ag(hits[0])


@case(16)
def _(x):
    assert REP["EQ"]["template"] == "2019"
    return must_refuse(lambda y: y.v("EQ", "active.fees.amount"))


case(17)(lambda x: must_refuse(lambda y: y.v("GL", "requests.unavailable_not_held.total")))
case(18)(lambda x: pas(x, "LC", "五", "不足"))
case(19)(lambda x: lst([A(s) for s, v in x.vals(S7, NEW).items() if v == 0], False))
case(20)(lambda x: yn(x.v("YZ", PD) > x.v("GL", PD)))
# ---- 021-036
case(21)(lambda x: ag(nth(x.vals(S5, AMT), 1)))
case(22)(lambda x: ag(nth(x.vals(S5, AMT), 1, desc=False)))
case(23)(lambda x: num(x.v("H24", PD)))
case(24)(lambda x: ag(nth(x.vals(S4, PD), 1)))
case(25)(lambda x: lst([A(s) for s in top(x.vals(S5, "active.penalty.prev_items"), 5)], True))
case(26)(lambda x: num(x.v("WQ", AMT) / x.v("WQ", PRJ), "yuan"))
case(27)(lambda x: num(x.v("YZ", AMT) / x.v("YZ", PRJ), "yuan"))
case(28)(lambda x: num(sum(1 for v in x.vals(S4, PD).values() if v != 0)))
case(29)(lambda x: num(x.v("LC", PD) - x.v("YZ", PD)))
case(30)(lambda x: num(100 * x.v("H23", "active.coercion.decisions") / x.v("H23", "active.licensing.decisions"), "percent"))
case(31)(lambda x: yn(x.v("H24", NEW) > 4 * x.v("H23", NEW)))


@case(32)
def _(x):
    return una()  # staff numbers: no such cell in any template


case(33)(lambda x: num(sum(x.v("H24", f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))))
case(34)(lambda x: ag(nth(x.vals(S7, "requests.granted.total"), 2)))


@case(35)
def _(x):
    v = x.vals(S4, AMT)
    return num(100 * v["LC"] / sum(v.values()), "percent")


case(36)(lambda x: yn(x.v("WQ", "requests.granted.total") / x.v("WQ", "requests.handled.total") > 0.20))
# ---- 037-046
case(37)(lambda x: num(x.v("LC", PRJ)))
case(38)(lambda x: num(x.v("H23", "active.coercion.decisions")))
case(39)(lambda x: num(x.v("YZ", "active.rules.public_total")))
case(40)(lambda x: num(x.v("WQ", "requests.withheld_third_party.total")))
case(41)(lambda x: num(x.v("H24", "active.fees.amount"), "yuan"))
case(42)(lambda x: num(x.v("EQ", AMT), "yuan"))
case(43)(lambda x: num(x.v("H24", NEW) - x.v("H23", NEW)))
case(44)(lambda x: num(sum(x.vals([s for s in S4 if REP[s]["province"] == "福建省"], PRJ).values())))
case(45)(lambda x: num(sum(1 for s in S7 if REP[s]["province"] == "浙江省")))
case(46)(lambda x: yn(REP["EQ"]["template"] == "2021"))
# ---- 047-053 (multi-turn)
case(47)(lambda x: num(x.v("H23", NEW)))


@case(48)
def _(x):
    s = nth({s: REP[s]["facts"][PRJ]["value"] for s in S4}, 1, desc=False)  # picked by the earlier turn
    return num(x.v(s, AMT), "yuan")


case(49)(lambda x: num(x.v("GL", "active.penalty.prev_items") + x.v("EQ", "active.penalty.prev_items")))
case(50)(lambda x: ag(nth(x.vals(S5, NEW), 2)))
case(51)(lambda x: num(100 * x.v("H24", "active.licensing.decisions") / x.v("H23", "active.licensing.decisions"), "percent"))
case(52)(lambda x: yn(x.v("WQ", NEW) > x.v("LC", NEW)))
case(53)(lambda x: must_refuse(lambda y: y.v("H23", "review.reconsideration.total")))
# ---- 054-060
case(54)(lambda x: pas(x, "YZ", "五", "时效性"))
case(55)(lambda x: pas(x, "EQ", "一", "与目标考核相结合"))
case(56)(lambda x: pas(x, "GL", "一", "个人"))


@case(57)
def _(x):
    hits = [s for s in S5 if "六稳" in full_text(s) and "六保" in full_text(s)]
    for s in hits:
        x.file(s)
    return lst([A(s) for s in hits], False)


@case(58)
def _(x):
    assert REP["H24"]["template"] == "2021"
    return must_refuse(lambda y: y.v("H24", AMT))


@case(59, quality=True)
def _(x):
    ok = True
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        keys = [f"review.{g}.{c}" for c in GRP]
        if any(("H23", k) in FAILING for k in keys):
            ok = False
            for k in keys:
                x.v("H23", k)
    return yn(ok)


@case(60, quality=True)
def _(x):
    v = [x.v("H23", f"review.reconsideration.{c}") for c in GRP]
    return lst([sum(v[:4]), v[4]], True)


# ---- 061-078
case(61)(lambda x: num(x.v("H23", PD)))
case(62)(lambda x: ag(nth(x.vals(S4, NEW), 1)))
case(63)(lambda x: num(sum(x.vals(S5, PRJ).values())))
case(64)(lambda x: num(sum(x.vals(S4, NEW).values()) / len(S4)))
case(65)(lambda x: num(x.v("YZ", AMT), "yuan"))
case(66)(lambda x: num(x.v("H24", "active.licensing.decisions") - x.v("H23", "active.licensing.decisions")))
case(67)(lambda x: yn(x.v("WQ", AMT) > x.v("LC", AMT)))
case(68)(lambda x: num(100 * x.v("H24", "requests.partial.total") / x.v("H24", "requests.handled.total"), "percent"))


@case(69)
def _(x):
    hits = [s for s in S7 if REP[s]["province"] == "河南省" and REP[s]["agency"].endswith("统计局")]
    assert len(hits) == 1
    return ag(hits[0])


case(70)(lambda x: num(median(list(x.vals(S5, AMT).values())), "yuan"))
case(71)(lambda x: num(sum(1 for v in x.vals(S7, NEW).values() if v >= 2)))
case(72)(lambda x: ag(nth(x.vals(S4, PRJ), 2)))
case(73)(lambda x: lst([A(s) for s in top(x.vals([s for s in S5 if REP[s]["province"] == "浙江省"], AMT), 2)], True))
case(74)(lambda x: num(x.v("H23", "requests.withheld_secret.total")))
case(75)(lambda x: yn(x.v("EQ", NEW) == 0))


@case(76)
def _(x):
    assert "统计开放日" in full_text("LC")  # mentioned, but no attendance figure is printed anywhere
    assert not any("开放日" in str(n.get("text", "")) for n in REP["LC"]["narrative_numbers"])
    return una()


case(77)(lambda x: pas(x, "WQ", "一", "依申请公开"))
case(78)(lambda x: num(x.v("H23", "active.fees.amount") - x.v("H24", "active.fees.amount"), "yuan"))
# ---- 079-094
case(79)(lambda x: num(x.v("H24", PD)))
case(80)(lambda x: num(x.v("LC", AMT), "yuan"))


@case(81)
def _(x):
    hits = [s for s in S7 if REP[s]["year"] == 2019 and REP[s]["agency"].endswith("统计局")]
    assert len(hits) == 1
    return ag(hits[0])


case(82)(lambda x: num(sum(x.vals([s for s in S7 if REP[s]["province"] == "福建省"], NEW).values())))
case(83)(lambda x: num(x.v("H23", "active.coercion.decisions")))
case(84)(lambda x: num(x.v("H24", "requests.unavailable_not_held.total")))
case(85)(lambda x: ag(nth(x.vals(S4, PRJ), 1, desc=False)))
case(86)(lambda x: yn(x.v("H24", "active.normative.in_force") > x.v("H23", "active.normative.in_force")))
case(87)(lambda x: num(sum(x.vals(S5, AMT).values()) / sum(x.vals(S5, PRJ).values()), "yuan"))
case(88)(lambda x: num(100 * x.v("WQ", "requests.unavailable_not_held.total") / x.v("WQ", "requests.handled.total"), "percent"))
case(89)(lambda x: lst([A(s) for s in top(x.vals(S4, AMT), 3)], True))
case(90)(lambda x: num(sum(1 for v in x.vals(S7, "requests.granted.total").values() if v == 0)))


@case(91)
def _(x):
    hits = [s for s, v in x.vals(S5, "active.penalty.change").items() if v != 0]
    assert len(hits) == 1
    return ag(hits[0])


case(92)(lambda x: num(x.v("H23", "active.licensing.decisions")))
case(93)(lambda x: must_refuse(lambda y: y.v("H23", "review.reconsideration.total")))


@case(94)
def _(x):
    t = x.v("H23", NEW)
    nn = [n for n in REP["H23"]["narrative_numbers"] if n.get("cell") == NEW]
    assert len(nn) == 1
    return yn(nn[0]["value"] == t)


# ---- 095-104
case(95)(lambda x: pas(x, "WQ", "五", "有待提高"))
case(96)(lambda x: num(x.v("LC", NEW)))
case(97)(lambda x: num(x.v("YZ", "active.penalty.prev_items")))
case(98)(lambda x: num(x.v("GL", PD) + x.v("LC", PD)))
case(99)(lambda x: num(x.v("H23", "requests.partial.total")))
case(100)(lambda x: num(sum(1 for v in x.vals(S4, AMT).values() if v > 100000)))
case(101)(lambda x: num(100 * x.v("EQ", AMT) / x.v("YZ", AMT), "percent"))
case(102)(lambda x: num(x.v("H24", "review.lawsuit_direct.total")))


@case(103)
def _(x):
    dated = {s: REP[s]["published"] for s in S7 if REP[s].get("published")}
    return ag(nth(dated, 1))


case(104)(lambda x: yn(x.v("H24", "active.fees.amount") > x.v("H23", "active.fees.amount")))
# ---- 105-111 (multi-turn)
case(105)(lambda x: num(x.v("H24", "active.coercion.decisions")))


@case(106)
def _(x):
    s = nth({s: REP[s]["facts"][PRJ]["value"] for s in S5}, 1)  # picked by the earlier turn
    return num(x.v(s, PD))


case(107)(lambda x: num(100 * x.v("H24", "active.fees.amount") / x.v("H23", "active.fees.amount"), "percent"))


@case(108)
def _(x):
    new = {s: REP[s]["facts"][NEW]["value"] for s in S4}
    hi, lo = nth(new, 1), nth(new, 1, desc=False)
    return yn(x.v(hi, NEW) - x.v(lo, NEW) > 3)


case(109)(lambda x: num(x.v("WQ", "requests.granted.total")))
case(110)(lambda x: num(x.v("H24", "review.lawsuit_after_review.total") - x.v("H24", "review.reconsideration.total")))
case(111)(lambda x: ag(nth(x.vals(S5, AMT), 3)))
# ---- 112-120
case(112)(lambda x: pas(x, "YZ", "五", "主要问题"))
case(113)(lambda x: pas(x, "LC", "一", "纸质统计月报"))


@case(114)
def _(x):
    hits = [s for s in S5 if "统计开放日" in full_text(s)]
    for s in hits:
        x.file(s)
    return lst([A(s) for s in hits], False)


case(115)(lambda x: lst(sorted({A(s) for s in S7 if not REP[s].get("published")}), False))
case(116)(lambda x: num(sum(1 for s in S7 if REP[s]["template"] == "2021")))


@case(117)
def _(x):
    assert not any("南京" in (REP[s].get("city") or "") or "南京" in REP[s]["agency"] for s in S7)
    return una()


case(118)(lambda x: must_refuse(lambda y: [y.v(s, "requests.carried_out.total") for s in S5]))


@case(119, quality=True)
def _(x):
    v = [x.v("H23", f"review.lawsuit_after_review.{c}") for c in GRP]
    assert v[4] == 0 and ("H23", "review.lawsuit_after_review.total") in FAILING
    return num(sum(v[:4]))


@case(120)
def _(x):
    return yn(REP["YZ"].get("city") == "宁波市")


# ---------------------------------------------------------------- compare
def same_expect(exp: dict, got: dict) -> str | None:
    if exp.get("kind") != got["kind"]:
        return f"kind {exp.get('kind')} != {got['kind']}"
    k = got["kind"]
    if k == "number":
        if exp.get("unit") != got["unit"]:
            return f"unit {exp.get('unit')} != {got['unit']}"
        if abs(float(exp["value"]) - got["value"]) > 0.006:
            return f"value {exp['value']} != {got['value']}"
    elif k in ("agency", "boolean"):
        if exp.get("value") != got["value"]:
            return f"value {exp.get('value')!r} != {got['value']!r}"
    elif k == "list":
        if bool(exp.get("ordered")) != got["ordered"]:
            return "ordered flag differs"
        a, b = exp.get("values"), got["values"]
        if not got["ordered"]:
            a, b = sorted(map(str, a)), sorted(map(str, b))
        if a != b:
            return f"values {exp.get('values')} != {got['values']}"
    elif k == "passages":
        if exp.get("files") != got["files"] or exp.get("sections") != got["sections"]:
            return f"passages {exp.get('files')}/{exp.get('sections')} != {got['files']}/{got['sections']}"
    return None


def main() -> int:
    lines = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    ok = 0
    problems_all = []
    ids = [c["id"] for c in lines]
    if ids != [f"h72-{i:03d}" for i in range(1, 121)]:
        problems_all.append("ids are not h72-001 .. h72-120 in order")
    nz = sum(1 for c in lines if "zh" in c["tags"]); ne = sum(1 for c in lines if "en" in c["tags"])
    if (nz, ne) != (60, 60):
        problems_all.append(f"language tags zh={nz} en={ne}, expected 60/60")
    for c in lines:
        i = int(c["id"].split("-")[1])
        probs = []
        if i not in C:
            print(f"{c['id']}: no reference"); continue
        fn, quality = C[i]
        x = X(quality=quality)
        try:
            got = fn(x)
        except Unanswerable as e:
            got = None
            probs.append(f"reference needs an unusable cell ({e}) but the case is not unanswerable")
        except AssertionError as e:
            got = None
            probs.append(f"reference assertion failed: {e}")
        if got is not None:
            m = same_expect(c["expect"], got)
            if m:
                probs.append(m)
            if got["kind"] == "unanswerable":
                x.cite = []
            if sorted(c.get("cite", [])) != sorted(x.cite):
                probs.append(f"cite {c.get('cite')} != {x.cite}")
            guessed = any(
                "#" in ci and ci.endswith(AMT) and REP[BY_FILE[ci.split('#')[0]]]["facts"][AMT].get("unit_assumed")
                for ci in x.cite)
            years = {REP[BY_FILE[ci.split('#')[0]]]["year"] for ci in x.cite}
            for tag, want in (("guessed_unit", guessed), ("mixed_years", len(years) > 1)):
                if (tag in c["tags"]) != want:
                    probs.append(f"tag {tag} should be {'present' if want else 'absent'}")
            if ("quality" in c["tags"]) != quality:
                probs.append("quality tag / reference quality flag differ")
        if ("multiturn" in c["tags"]) != bool(c.get("turns")):
            probs.append("multiturn tag and turns disagree")
        if probs:
            for p in probs:
                print(f"MISMATCH {c['id']}: {p}")
        else:
            ok += 1
    for p in problems_all:
        print(f"MISMATCH set: {p}")
    if problems_all:
        ok = min(ok, 119)
    print(f"SUMMARY {ok}/{len(C)}")
    return 0 if ok == 120 and len(lines) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
