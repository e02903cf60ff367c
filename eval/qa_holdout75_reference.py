#!/usr/bin/env python3
"""Recompute every expected answer of qa_holdout75.jsonl from the gold fixtures (stdlib only).

Reads tests/fixtures/gold/*.json (cells, metadata, checks) and data/samples/*.txt (section text for
passage and mention cases). For each case it recomputes expect, rebuilds the cite list (the cells a
computation touched, in order; bare files for passages and mentions) and the guessed_unit /
mixed_years tags, prints every mismatch, then "SUMMARY n/120". Exit 0 only at 120/120.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout75.jsonl"

SHORT = {"000": "000_2133ae744f48d674", "001": "001_19df74b8cb7281a4", "002": "002_c42cd15df52a6935",
         "003": "003_acfa5b9243423631", "004": "004_5206fb2196a31c52",
         "H23": "hongze-qu-gov-2023", "H24": "hongze-qu-gov-2024"}
R = {s: json.loads((GOLD / (stem + ".json")).read_text(encoding="utf-8")) for s, stem in SHORT.items()}
FILE = {s: (stem + ".pdf" if s.startswith("H") else stem + ".txt") for s, stem in SHORT.items()}
OLD = ["000", "001", "002", "003", "004"]           # 2019-template reports
Y2020 = [s for s in SHORT if R[s]["year"] == 2020]
ALL = list(SHORT)
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


def agency(s):
    return R[s]["agency"]


def kind_of(s):
    k = R[s].get("agency_kind")
    if k:
        return k
    return "government" if agency(s).endswith("人民政府") else None


# ---- balance rules: which cells belong to a failing group (R1-R4) ----
def _num(s, key):
    c = R[s]["facts"].get(key)
    return c["value"] if c and c["state"] == "number" else None


FAILING = set()   # (short, key)


def _check(s, keys, lhs, rhs):
    vals = [_num(s, k) for k in keys]
    if any(x is None for x in vals):
        return
    d = dict(zip(keys, vals))
    if abs(lhs(d) - rhs(d)) > 1e-9:
        FAILING.update((s, k) for k in keys)


for s in ALL:
    rows = sorted({k.split(".")[1] for k in R[s]["facts"] if k.startswith("requests.")})
    outcome = [r for r in rows if r not in ("new", "carried_in", "handled", "carried_out")]
    outcome = [r for r in outcome if all(R[s]["facts"][f"requests.{r}.{c}"]["state"] != "absent" for c in COLS)]
    for c in COLS:   # R1, R2
        ks = [f"requests.{r}.{c}" for r in ("new", "carried_in", "handled", "carried_out")]
        _check(s, ks, lambda d, ks=ks: d[ks[0]] + d[ks[1]], lambda d, ks=ks: d[ks[2]] + d[ks[3]])
        ks2 = [f"requests.{r}.{c}" for r in outcome] + [f"requests.handled.{c}"]
        _check(s, ks2, lambda d, ks2=ks2: sum(d[k] for k in ks2[:-1]), lambda d, ks2=ks2: d[ks2[-1]])
    for r in rows:   # R3
        ks = [f"requests.{r}.{c}" for c in COLS]
        if R[s]["facts"][ks[0]]["state"] == "absent":
            continue
        _check(s, ks, lambda d, ks=ks: sum(d[k] for k in ks[:-1]), lambda d, ks=ks: d[ks[-1]])
    for g in GROUPS:  # R4
        ks = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
        _check(s, ks, lambda d, ks=ks: sum(d[k] for k in ks[:-1]), lambda d, ks=ks: d[ks[-1]])


def fails_any(s):
    return any(x[0] == s for x in FAILING)


# ---- a case computation records what it touched ----
class Ctx:
    def __init__(self, quality=False):
        self.cite = []
        self.quality = quality

    def v(self, s, key):
        c = R[s]["facts"].get(key)
        if c is None or c["state"] != "number":
            raise AssertionError(f"{s} {key} is not a number ({c and c['state']})")
        if (s, key) in FAILING and not self.quality:
            raise AssertionError(f"{s} {key} belongs to a failing balance group")
        ref = f"{FILE[s]}#{key}"
        if ref not in self.cite:
            self.cite.append(ref)
        return c["value"]

    def state(self, s, key):
        c = R[s]["facts"].get(key)
        return "absent" if c is None else c["state"]

    def file(self, s):
        if FILE[s] not in self.cite:
            self.cite.append(FILE[s])


def text(s):
    return (SAMPLES / FILE[s]).read_text(encoding="utf-8")


SECTION_NAMES = ["一", "二", "三", "四", "五", "六"]


def section_text(s, sec):
    """Text of canonical section `sec` (headings matched by their number 一…六 plus meaning words)."""
    lines = text(s).splitlines()
    heads = {}
    pat = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
    for i, ln in enumerate(lines):
        t = re.sub(r"[#*\s]", "", ln)
        for n in SECTION_NAMES:
            if t.startswith(n + "、") and pat[n] in t and n not in heads:
                heads[n] = i
    if sec not in heads:
        raise AssertionError(f"{s}: no section {sec}")
    start = heads[sec]
    later = [i for i in heads.values() if i > start]
    end = min(later) if later else len(lines)
    return "\n".join(lines[start + 1:end])


def ctx_passage(c, s, sec, words):
    t = section_text(s, sec)
    if not all(w in t for w in words):
        raise AssertionError(f"{s} section {sec} lacks {words}")
    c.file(s)
    return {"kind": "passages", "files": [FILE[s]], "sections": [sec]}


def ctx_mention(c, word, reports=OLD):
    hits = [s for s in reports if word in text(s)]
    for s in hits:
        c.file(s)
    return hits


def num(x, unit):
    return {"kind": "number", "value": round(x, 2), "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def ag(s):
    return {"kind": "agency", "value": agency(s)}


def lst(values, ordered=False):
    return {"kind": "list", "values": values, "ordered": ordered}


def boolean(x):
    return {"kind": "boolean", "value": bool(x)}


def unans(cond):
    if not cond:
        raise AssertionError("the case was meant to be unanswerable but the data can answer it")
    return {"kind": "unanswerable"}


def rank(c, reports, key, reverse=True):
    vals = [(s, c.v(s, key)) for s in reports]
    return sorted(vals, key=lambda t: t[1], reverse=reverse)


def nth(c, reports, key, n, reverse=True):
    r = rank(c, reports, key, reverse)
    if len(r) > n and r[n - 1][1] == r[n][1] or n > 1 and r[n - 1][1] == r[n - 2][1]:
        raise AssertionError(f"tie at position {n} for {key}")
    return r[n - 1][0]


def total(c, reports, key):
    return sum(c.v(s, key) for s in reports)


WITHHELD = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]
P, A = "active.procurement.projects", "active.procurement.amount"
NEW, HAND = "requests.new.total", "requests.handled.total"
PEN, LIC, COE = "active.penalty.decisions", "active.licensing.decisions", "active.coercion.decisions"
FEE = "active.fees.amount"

C = {}


def case(n, quality=False):
    def deco(f):
        C[f"h75-{n:03d}"] = (f, quality)
        return f
    return deco


# ---------------- 001-020 district government office clerk (zh) ----------------
case(1)(lambda c: num(c.v("001", PEN), "count"))
case(2)(lambda c: num(c.v("H24", LIC), "count"))
case(3)(lambda c: num(c.v("H23", FEE), "yuan"))
case(4)(lambda c: num(c.v("004", A), "yuan"))
case(5)(lambda c: num(total(c, Y2020, P), "count"))
case(6)(lambda c: num(total(c, [s for s in ALL if R[s]["province"] == "浙江省"], A), "yuan"))
case(7)(lambda c: num(sum(1 for s in OLD if c.v(s, A) > 100000), "count"))
case(8)(lambda c: num(c.v("H24", "requests.granted.total"), "count"))
case(9)(lambda c: num(c.v("H23", COE) + c.v("H24", COE), "count"))
case(10)(lambda c: num(total(c, ALL, PEN), "count"))
case(11)(lambda c: num(sum(1 for s in ALL if R[s]["template"] == "2019"), "count"))
case(12)(lambda c: lst([R["002"]["city"]]))
case(13)(lambda c: ag(sorted({s for s in ALL if kind_of(s) == "government"})[0]))
case(14)(lambda c: ag(nth(c, Y2020, PEN, 1)))
case(15)(lambda c: num(c.v("H24", "requests.unavailable_not_held.total"), "count"))
case(16)(lambda c: num(c.v("H24", "active.normative.in_force"), "count"))
case(17)(lambda c: num(c.v("H24", LIC) - c.v("H23", LIC), "count"))
case(18)(lambda c: num(c.v("000", A) / c.v("000", P), "yuan"))
case(19)(lambda c: num(c.v("003", "requests.new.person"), "count"))
case(20)(lambda c: unans(c.state("H24", A) == "absent"))

# ---------------- 021-040 newspaper journalist (zh) ----------------
case(21)(lambda c: ag(nth(c, Y2020, A, 2)))
case(22)(lambda c: ag(nth(c, OLD, P, 1, reverse=False)))
case(23)(lambda c: num(c.v("H24", NEW) - c.v("H23", NEW), "count"))
case(24)(lambda c: pct(c.v("H24", "requests.granted.total"), c.v("H24", HAND)))
case(25)(lambda c: boolean(c.v("H24", PEN) < c.v("H23", PEN)))
case(26)(lambda c: num(c.v("H23", FEE) - c.v("H24", FEE), "yuan"))
case(27)(lambda c: ag(nth(c, ALL, PEN, 3)))
case(28)(lambda c: num(sum(c.v("003", f"requests.withheld_{w}.total") for w in WITHHELD), "count"))
case(29)(lambda c: ag(nth(c, ["001", "002"], PEN, 1)))
case(30)(lambda c: num(sum(1 for s in Y2020 if c.v(s, PEN) == 0), "count"))
case(31)(lambda c: num(c.v("004", "active.penalty.prev_items"), "count"))
case(32)(lambda c: pct(c.v("001", A), c.v("002", A)))
case(33)(lambda c: ctx_passage(c, "002", "五", ["主要问题"]))
case(34)(lambda c: ctx_passage(c, "004", "五", ["下一步"]))
case(35)(lambda c: lst([agency(s) for s in ctx_mention(c, "统计开放日")]))


@case(36, quality=True)
def _(c):
    ks = ["upheld", "corrected", "other", "pending"]
    s = sum(c.v("H23", f"review.reconsideration.{k}") for k in ks)
    t = c.v("H23", "review.reconsideration.total")
    assert ("H23", "review.reconsideration.total") in FAILING
    return num(s - t, "count")


case(37)(lambda c: num(sum(c.v("H24", f"requests.withheld_{w}.total") for w in WITHHELD), "count"))
case(38)(lambda c: pct(c.v("H24", "requests.partial.total"), c.v("H24", HAND)))
case(39)(lambda c: boolean(c.v("003", P) > c.v("000", P)))
case(40)(lambda c: unans(c.state("003", "requests.carried_out.total") == "blank"))

# ---------------- 041-053 citizen (zh) ----------------
case(41)(lambda c: num(c.v("002", NEW), "count"))
case(42)(lambda c: num(c.v("H23", PEN), "count"))
case(43)(lambda c: boolean(R["003"]["province"] == "福建省"))
case(44)(lambda c: num(c.v("003", A), "yuan"))
case(45)(lambda c: num(c.v("H24", "review.reconsideration.total"), "count"))
case(46)(lambda c: boolean(c.v("004", NEW) > 0))
case(47)(lambda c: ctx_passage(c, "000", "五", ["改进情况"]))
case(48)(lambda c: unans(not any(agency(s) == "鄞州区统计局" and R[s]["year"] == 2020 for s in ALL)))
case(49)(lambda c: unans(not any("staff" in k or "personnel" in k for k in R["H24"]["facts"])))
case(50)(lambda c: num(c.v("H24", "review.lawsuit_direct.total") + c.v("H24", "review.lawsuit_after_review.total"), "count"))
case(51)(lambda c: num(c.v("001", P), "count"))
case(52)(lambda c: unans(c.state("000", "requests.unavailable_not_held.total") == "blank"))
case(53)(lambda c: lst([R["H23"]["city"]]))

# ---------------- 054-060 follow-up chats (zh) ----------------
case(54)(lambda c: num(c.v("H24", NEW), "count"))
case(55)(lambda c: num(c.v(nth(Ctx(), Y2020, P, 1), A), "yuan"))
case(56)(lambda c: num(c.v("001", PEN) + c.v("002", PEN), "count"))
case(57)(lambda c: num(c.v("H23", COE) - c.v("H24", COE), "count"))
case(58)(lambda c: ag(nth(c, OLD, A, 2)))
case(59)(lambda c: pct(c.v("H24", "requests.granted.total"), c.v("H24", "requests.partial.total")))
case(60)(lambda c: boolean(c.v("004", A) < c.v("001", A)))

# ---------------- 061-080 university student, term paper (en) ----------------
case(61)(lambda c: num(c.v("H23", NEW), "count"))
case(62)(lambda c: num(c.v("H24", COE), "count"))
case(63)(lambda c: num(total(c, ALL, NEW), "count"))
case(64)(lambda c: pct(c.v("H24", "requests.unavailable_not_held.total"), c.v("H24", HAND)))
case(65)(lambda c: ag(nth(c, OLD, "active.penalty.prev_items", 1)))
case(66)(lambda c: num(total(c, OLD, P) / len(OLD), "count"))
case(67)(lambda c: lst([agency(s) for s in ALL if kind_of(s) == "department"]))
case(68)(lambda c: boolean(c.v("H23", FEE) > c.v("H24", FEE)))
case(69)(lambda c: num(c.v("002", A) - c.v("000", A), "yuan"))
case(70)(lambda c: num(c.v("002", A) / c.v("002", P), "yuan"))
case(71)(lambda c: lst([agency(s) for s, _ in rank(c, OLD, A)], ordered=True))
case(72)(lambda c: num(c.v("H23", LIC) + c.v("H24", LIC), "count"))
case(73)(lambda c: ctx_passage(c, "001", "五", ["不足"]))
case(74)(lambda c: num(c.v("H23", "active.normative.repealed"), "count"))


@case(75)
def _(c):
    hits = ctx_mention(c, "民法典")
    assert len(hits) == 1
    return ag(hits[0])


case(76)(lambda c: num(len({agency(s) for s in ALL if R[s]["province"] == "浙江省"}), "count"))
case(77)(lambda c: unans(c.state("H24", "requests.other_no_fee.total") == "absent"))
case(78)(lambda c: num(total(c, Y2020, A), "yuan"))
case(79)(lambda c: pct(c.v("H23", "requests.partial.total"), c.v("H23", HAND)))
case(80)(lambda c: pct(c.v("002", "requests.granted.total"), c.v("002", HAND)))

# ---------------- 081-100 policy analyst (en) ----------------
case(81)(lambda c: num(sum(1 for s in ALL if c.v(s, PEN) > 1000), "count"))
case(82)(lambda c: num(sum(1 for s in ALL if c.v(s, PEN) >= 10), "count"))
case(83)(lambda c: num(c.v("003", A) / c.v("003", P), "yuan"))
case(84)(lambda c: num(total(c, OLD, A) / total(c, OLD, P), "yuan"))
case(85)(lambda c: boolean(any(c.v(s, "requests.carried_in.total") > 0 for s in Y2020)))
case(86)(lambda c: pct(c.v("H24", NEW), total(c, ALL, NEW)))
case(87)(lambda c: ag([s for s in ALL if kind_of(s) == "street_office"][0]))
case(88)(lambda c: num(c.v("H24", "review.lawsuit_after_review.total"), "count"))
case(89)(lambda c: num(c.v("H24", "review.reconsideration.corrected"), "count"))
case(90)(lambda c: pct(c.v("H24", COE), c.v("H23", COE)))
case(91)(lambda c: ag(nth(c, OLD, "active.penalty.prev_items", 1, reverse=False)))
case(92)(lambda c: num(c.v("004", "active.coercion.prev_items"), "count"))


@case(93, quality=True)
def _(c):
    ok = True
    for g in GROUPS:
        ks = ["upheld", "corrected", "other", "pending"]
        parts = sum(c.v("H24", f"review.{g}.{k}") for k in ks)
        ok = ok and parts == c.v("H24", f"review.{g}.total")
    return boolean(ok)


@case(94, quality=True)
def _(c):
    bad = [s for s in ALL if fails_any(s)]
    for s in bad:
        for g in GROUPS:
            if (s, f"review.{g}.total") in FAILING:
                c.v(s, f"review.{g}.total")
    return num(len(bad), "count")


case(95)(lambda c: ctx_passage(c, "002", "五", ["改进措施"]))
case(96)(lambda c: lst([agency(s) for s in ctx_mention(c, "六稳")]))
case(97)(lambda c: num(c.v("H23", FEE) + c.v("H24", FEE), "yuan"))
case(98)(lambda c: unans(any(c.state(s, "requests.carried_out.total") == "blank" for s in Y2020)))
case(99)(lambda c: unans(not any("salar" in k or "staff" in k for k in R["002"]["facts"])))
case(100)(lambda c: num(c.v("H24", "active.normative.in_force") - c.v("H23", "active.normative.in_force"), "count"))

# ---------------- 101-113 citizen (en) ----------------
case(101)(lambda c: num(c.v("003", "requests.granted.total"), "count"))
case(102)(lambda c: num(c.v("H23", "requests.unavailable_not_held.total"), "count"))
case(103)(lambda c: lst([R["004"]["province"]]))
case(104)(lambda c: num(sum(1 for s in ALL if agency(s) == "淮安市洪泽区人民政府"), "count"))
case(105)(lambda c: ctx_passage(c, "003", "五", ["依申请公开", "律师"]))
case(106)(lambda c: boolean(c.v("001", "review.lawsuit_direct.total") + c.v("001", "review.lawsuit_after_review.total") > 0))
case(107)(lambda c: num(c.v("002", P), "count"))
case(108)(lambda c: unans(not any(R[s]["city"] == "南京市" for s in ALL)))
case(109)(lambda c: ag(nth(c, ["003", "000"], NEW, 1)))
case(110)(lambda c: num(c.v("000", PEN), "count"))
case(111)(lambda c: ag([s for s in ALL if R[s]["published"] == "2021-01-12"][0]))
case(112)(lambda c: lst([agency(s) for s in ALL if R[s]["province"] == "福建省"]))
case(113)(lambda c: num(c.v("H24", "requests.new.business"), "count"))

# ---------------- 114-120 follow-up chats (en) ----------------
case(114)(lambda c: num(c.v("H24", "requests.granted.total"), "count"))
case(115)(lambda c: num(c.v(nth(Ctx(), Y2020, HAND, 1), P), "count"))
case(116)(lambda c: pct(c.v("H24", FEE), c.v("H23", FEE)))
case(117)(lambda c: num(c.v("001", PEN) - c.v("000", PEN), "count"))
case(118)(lambda c: ag(nth(c, Y2020, PEN, 2)))
case(119)(lambda c: unans(("H23", "review.reconsideration.total") in FAILING))
case(120)(lambda c: boolean(c.v("003", NEW) >= 2 * c.v("002", NEW)))


# ---------------- comparison ----------------
def year_of_cite(ref):
    f = ref.partition("#")[0]
    for s in ALL:
        if FILE[s] == f:
            return R[s]["year"]
    raise AssertionError(f"unknown file {f}")


def guessed(ref):
    f, _, key = ref.partition("#")
    if not key:
        return False
    s = [x for x in ALL if FILE[x] == f][0]
    return bool(R[s]["facts"][key].get("unit_assumed"))


def same_expect(want, got):
    if want["kind"] != got.get("kind"):
        return False
    k = want["kind"]
    if k == "number":
        return got.get("unit") == want["unit"] and abs(float(got["value"]) - want["value"]) <= max(0.005, 1e-6 * abs(want["value"]))
    if k == "agency":
        return got.get("value") == want["value"]
    if k == "list":
        if want["ordered"] != bool(got.get("ordered")):
            return False
        gv = got.get("values")
        return gv == want["values"] if want["ordered"] else sorted(map(str, gv)) == sorted(map(str, want["values"]))
    if k == "boolean":
        return got.get("value") is want["value"]
    if k == "passages":
        return got.get("files") == want["files"] and got.get("sections") == want["sections"]
    return True


def main():
    lines = [ln for ln in JSONL.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    ok = 0
    problems_global = []
    ids = [x["id"] for x in cases]
    if ids != [f"h75-{i:03d}" for i in range(1, 121)]:
        problems_global.append("ids are not h75-001 … h75-120 in order")
    langs = [("zh" in x["tags"]) + 2 * ("en" in x["tags"]) for x in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems_global.append(f"language tags: {langs.count(1)} zh-only, {langs.count(2)} en-only (want 60/60)")
    for x in cases:
        bad = []
        f, quality = C.get(x["id"], (None, False))
        if f is None:
            print(f"{x['id']}: no computation")
            continue
        if quality != ("quality" in x["tags"]):
            bad.append("quality tag does not match the computation")
        c = Ctx(quality=quality)
        try:
            want = f(c)
        except AssertionError as e:
            print(f"{x['id']}: computation failed: {e}")
            continue
        if not same_expect(want, x["expect"]):
            bad.append(f"expect {json.dumps(x['expect'], ensure_ascii=False)} != computed {json.dumps(want, ensure_ascii=False)}")
        if x.get("cite", []) != c.cite:
            bad.append(f"cite {x.get('cite')} != rebuilt {c.cite}")
        g = any(guessed(r) for r in c.cite)
        if g != ("guessed_unit" in x["tags"]):
            bad.append(f"guessed_unit tag should be {g}")
        m = len({year_of_cite(r) for r in c.cite}) > 1
        if m != ("mixed_years" in x["tags"]):
            bad.append(f"mixed_years tag should be {m}")
        if ("multiturn" in x["tags"]) != bool(x.get("turns")):
            bad.append("multiturn tag and turns disagree")
        if want["kind"] == "unanswerable" and x.get("cite"):
            bad.append("an unanswerable case cites cells")
        if bad:
            for b in bad:
                print(f"{x['id']}: {b}")
        else:
            ok += 1
    for p in problems_global:
        print("GLOBAL:", p)
    if len(cases) != 120:
        print(f"GLOBAL: {len(cases)} cases, want 120")
    if problems_global:
        ok = min(ok, 119)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
