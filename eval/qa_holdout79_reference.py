#!/usr/bin/env python3
"""Recompute every expected answer of eval/qa_holdout79.jsonl from the hand-checked gold cells.

Stdlib only. Reads tests/fixtures/gold/*.json (cell values, states, units, metadata, R1-R4 results) and
data/samples/*.txt (section 五 text for passage cases, keywords for mention cases). For each case it rebuilds
the expected answer, the cite list and the guessed_unit / mixed_years tags, prints every mismatch and then
"SUMMARY n/120". Exit status 0 only at 120/120.

Run from anywhere:  python3 eval/qa_holdout79_reference.py
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = {}
for path in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "gold", "*.json"))):
    with open(path, encoding="utf-8") as fh:
        g = json.load(fh)
    GOLD[os.path.basename(g["file"])] = g

A, B, C, D, E = (f for f in sorted(GOLD) if f.endswith(".txt"))
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
S5 = [A, B, C, D, E]
ALL = S5 + [H3, H4]
PA, PP, NT = "active.procurement.amount", "active.procurement.projects", "requests.new.total"
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")


class NotANumber(Exception):
    pass


def failing_groups(f):
    """Cells of a section-四 group or a requests column that fails R1-R4 (from the gold's checks)."""
    bad = set()
    for rule, res in GOLD[f].get("checks", {}).items():
        if res == "pass":
            continue
        for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
            if rule == "R4" and grp + ":" in res:
                bad |= {f"review.{grp}.{c}" for c in REVIEW_COLS}
    return bad


class Ctx:
    """Collects the cells a computation reads, refusing blank/absent/unbalanced cells."""

    def __init__(self, quality=False):
        self.cites = []
        self.quality = quality

    def v(self, f, key):
        fact = GOLD[f]["facts"].get(key)
        if fact is None or fact["state"] != "number":
            raise NotANumber(f"{f}#{key} is {fact['state'] if fact else 'missing'}")
        if key in failing_groups(f) and not self.quality:
            raise NotANumber(f"{f}#{key} belongs to a group failing its balance rule")
        c = f"{f}#{key}"
        if c not in self.cites:
            self.cites.append(c)
        return fact["value"]

    def file(self, f):
        if f not in self.cites:
            self.cites.append(f)


def name(f):
    return GOLD[f]["agency"]


def year(f):
    return GOLD[f]["year"]


def rank(ctx, files, key, reverse=True):
    vals = [(ctx.v(f, key), f) for f in files]
    return [f for _, f in sorted(vals, key=lambda t: t[0], reverse=reverse)], dict((f, x) for x, f in vals)


def top(ctx, files, key, pos=1, reverse=True):
    order, vals = rank(ctx, files, key, reverse)
    if pos < len(order):
        assert vals[order[pos - 1]] != vals[order[pos]], "tie at the asked position"
    if pos > 1:
        assert vals[order[pos - 2]] != vals[order[pos - 1]], "tie at the asked position"
    return order[pos - 1]


def y20():
    return [f for f in S5 if year(f) == 2020]


def prov(p):
    return [f for f in ALL if GOLD[f]["province"] == p]


def review_all(f):
    return [f"review.{g}.{c}" for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review") for c in REVIEW_COLS]


def balanced(ctx, f, grp):
    up, co, ot, pe, to = (ctx.v(f, f"review.{grp}.{c}") for c in REVIEW_COLS)
    return up + co + ot + pe == to


def text(f):
    with open(os.path.join(ROOT, "data", "samples", f), encoding="utf-8") as fh:
        return fh.read()


SEC5 = re.compile(r"五、[^\n]{0,20}(问题|改进|整改)")


def passage(ctx, f, sec="五"):
    assert SEC5.search(text(f)), f"{f}: no section 五 heading"
    ctx.file(f)
    return {"kind": "passages", "files": [f], "sections": [sec]}


def mention(ctx, word):
    hits = [f for f in S5 if year(f) in (2019, 2020) and word in text(f)]
    for f in hits:
        ctx.file(f)
    return {"kind": "list", "values": [name(f) for f in hits], "ordered": False}


def num(x, unit="count"):
    return {"kind": "number", "value": x, "unit": unit}


def ag(f):
    return {"kind": "agency", "value": name(f)}


def lst(files, ordered=False):
    return {"kind": "list", "values": [name(f) for f in files], "ordered": ordered}


def yn(b):
    return {"kind": "boolean", "value": bool(b)}


def pct(a, b):
    return 100.0 * a / b


def unans(ctx, thunk):
    """An unanswerable case: the computation must fail on a blank/absent/unbalanced cell or a missing report."""
    try:
        thunk(Ctx())
    except (NotANumber, KeyError, StopIteration):
        return {"kind": "unanswerable"}
    return {"kind": "number", "value": "COMPUTABLE (should be unanswerable)"}


def report(agency_part, yr):
    return next(f for f in ALL if agency_part in name(f) and year(f) == yr)


def meta_files(ctx, files):
    for f in files:
        ctx.file(f)


# ---- the cases: id -> function(ctx) returning the expected answer; ctx collects the cites
CASES = {}


def case(n, quality=False):
    def deco(fn):
        CASES[f"h79-{n:03d}"] = (fn, quality)
        return fn
    return deco


X = Ctx  # alias for readability below

case(1)(lambda c: num(c.v(B, PP)))
case(2)(lambda c: num(c.v(H4, "active.licensing.decisions")))
case(3)(lambda c: num(c.v(H3, "active.fees.amount"), "yuan"))
case(4)(lambda c: num(c.v(E, PA), "yuan"))
case(5)(lambda c: ag(top(c, y20(), NT)))
case(6)(lambda c: ag(top(c, S5, PP, 2)))
case(7)(lambda c: num(sum(1 for f in S5 if c.v(f, PA) > 100000)))
case(8)(lambda c: num(sum(c.v(f, NT) for f in prov("福建省") if year(f) == 2020)))
case(9)(lambda c: num(sum(c.v(f, "active.penalty.decisions") for f in y20() if name(f).endswith("统计局")) / len([f for f in y20() if name(f).endswith("统计局")])))
case(10)(lambda c: num(c.v(H4, NT) - c.v(H3, NT)))
case(11)(lambda c: num(pct(c.v(H4, "requests.granted.total"), c.v(H4, "requests.handled.total")), "percent"))
case(12)(lambda c: yn(c.v(C, PA) > c.v(A, PA)))
case(13)(lambda c: (c.file(C), {"kind": "list", "values": [GOLD[C]["province"]], "ordered": False})[1])
case(14)(lambda c: (meta_files(c, [f for f in ALL if GOLD[f]["template"] == "2021"]), num(sum(1 for f in ALL if GOLD[f]["template"] == "2021")))[1])
case(15)(lambda c: unans(c, lambda k: k.v(H4, PA)))
case(16)(lambda c: passage(c, E))
case(17)(lambda c: mention(c, "律师"))
case(18)(lambda c: num(c.v(D, "requests.unavailable_not_held.total")))
case(19)(lambda c: num(sum(1 for f in ALL if c.v(f, "active.penalty.decisions") > 1000)))
case(20)(lambda c: yn(c.v(H4, "active.coercion.decisions") < c.v(H3, "active.coercion.decisions")))
case(21)(lambda c: num(c.v(H4, "active.fees.amount"), "yuan"))
case(22)(lambda c: num(c.v(H3, "active.fees.amount") + c.v(H4, "active.fees.amount"), "yuan"))
case(23)(lambda c: num(c.v(H3, "active.fees.amount") - c.v(H4, "active.fees.amount"), "yuan"))
case(24)(lambda c: num(c.v(C, PA) / c.v(C, PP), "yuan"))
case(25)(lambda c: lst(rank(c, S5, PA)[0], True))


def _c26(c):
    per = {f: c.v(f, PA) / c.v(f, PP) for f in y20()}
    return ag(max(per, key=per.get))


case(26)(_c26)
case(27)(lambda c: num(pct(c.v(C, PA), sum(c.v(f, PA) for f in S5)), "percent"))
case(28)(lambda c: unans(c, lambda k: k.v(D, "requests.carried_out.total")))
case(29, quality=True)(lambda c: yn(balanced(c, H3, "reconsideration")))
case(30)(lambda c: unans(c, lambda k: k.v(H3, "review.reconsideration.total")))
case(31)(lambda c: num(sum(1 for f in y20() if c.v(f, "active.penalty.prev_items") >= 10)))
case(32)(lambda c: num(c.v(H3, "active.normative.repealed")))
case(33)(lambda c: (meta_files(c, [f for f in ALL if GOLD[f].get("agency_kind") == "street_office"]), lst([f for f in ALL if GOLD[f].get("agency_kind") == "street_office"]))[1])
case(34)(lambda c: num(pct(c.v(H4, "active.licensing.decisions"), c.v(H3, "active.licensing.decisions")), "percent"))
case(35)(lambda c: yn(sum(c.v(f, PA) for f in [B, C]) > 500000 and prov("浙江省") == [B, C]))
case(36)(lambda c: mention(c, "人口普查"))
case(37)(lambda c: unans(c, lambda k: k.v(H4, "requests.other_no_fee.total")))
case(38)(lambda c: num(c.v(H4, "review.lawsuit_direct.total")))
case(39)(lambda c: num(sum(c.v(H4, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))))
case(40)(lambda c: passage(c, C))
case(41)(lambda c: num(c.v(D, "requests.new.person")))
case(42)(lambda c: yn(c.v(E, NT) > 0))
case(43)(lambda c: num(c.v(B, PA), "yuan"))
case(44)(lambda c: num(c.v(H4, "review.lawsuit_after_review.total")))
case(45)(lambda c: ag(top(c, S5, PP, 1, reverse=False)))
case(46)(lambda c: unans(c, lambda k: k.v(report("鄞州", 2021), NT)))
case(47)(lambda c: (meta_files(c, prov("福建省")), lst(prov("福建省")))[1])
case(48)(lambda c: num(c.v(H4, "requests.granted.total")))
case(49)(lambda c: num(c.v(C, "active.penalty.decisions")))
case(50)(lambda c: passage(c, D))
case(51)(lambda c: unans(c, lambda k: k.v(A, "requests.unavailable_not_held.total")))
case(52)(lambda c: num(c.v(E, PP)))
case(53)(lambda c: num(c.v(H3, "requests.declined_complaint.total")))
# zh chats
case(54)(lambda c: num(c.v(H3, NT)))


def _c55(c):
    first = top(Ctx(), prov("浙江省"), PA)   # the earlier turn's answer (not cited by the last turn)
    return num(c.v(first, PP))


case(55)(_c55)
case(56)(lambda c: num(c.v(B, "active.penalty.decisions") - c.v(C, "active.penalty.decisions")))


def _c57(c):
    assert top(Ctx(), S5, PP, 1) == B
    return ag(top(c, S5, PP, 3))


case(57)(_c57)
case(58)(lambda c: num(c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions")))
case(59)(lambda c: num(pct(c.v(D, "requests.granted.total"), c.v(D, NT)), "percent"))
case(60)(lambda c: num(pct(c.v(C, PA), c.v(B, PA)), "percent"))
# en: think tank
case(61)(lambda c: num(c.v(H3, "active.coercion.decisions")))
case(62)(lambda c: num(sum(c.v(f, NT) for f in ALL) / len(ALL)))
case(63)(lambda c: num(pct(sum(c.v(f, PA) for f in S5 if GOLD[f]["province"] == "福建省"), sum(c.v(f, PA) for f in S5)), "percent"))
case(64)(lambda c: num(sum(1 for f in S5 if c.v(f, PA) < 100000)))
case(65)(lambda c: lst(rank(c, y20(), PP)[0], True))
case(66)(lambda c: num(c.v(H3, "active.penalty.decisions") - c.v(H4, "active.penalty.decisions")))
case(67)(lambda c: num(pct(c.v(H4, "requests.unavailable_not_held.total"), c.v(H4, "requests.handled.total")), "percent"))
case(68)(lambda c: yn(c.v(H4, "requests.granted.total") > sum(c.v(H4, f"requests.unavailable_{k}.total") for k in ("not_held", "needs_creation", "unclear"))))
case(69)(lambda c: num(c.v(H3, "active.licensing.decisions") + c.v(H4, "active.licensing.decisions")))
case(70)(lambda c: num(pct(c.v(H3, "requests.unavailable_not_held.total"), c.v(H3, "requests.handled.total")), "percent"))
case(71)(lambda c: (meta_files(c, [H3, H4]), yn(all(GOLD[f]["template"] == "2021" for f in (H3, H4))))[1])
case(72)(lambda c: (meta_files(c, prov("浙江省")), lst(prov("浙江省")))[1])
case(73)(lambda c: ag(top(c, y20(), "active.penalty.decisions")))
case(74)(lambda c: num(sum(c.v(f, PA) for f in S5) / sum(c.v(f, PP) for f in S5), "yuan"))


def _c74_cites(c):
    pass


case(75, quality=True)(lambda c: yn(all(balanced(c, H4, g) for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))))
case(76)(lambda c: passage(c, B))
case(77)(lambda c: num(sum(1 for f in y20() if c.v(f, NT) == 0)))
case(78)(lambda c: num(c.v(B, PP) - c.v(C, PP)))
case(79)(lambda c: unans(c, lambda k: k.v(D, "requests.declined_duplicate.total")))
case(80)(lambda c: num(pct(c.v(H3, "requests.partial.total"), c.v(H3, NT)), "percent"))
# en: correspondent
case(81)(lambda c: ag(top(c, y20(), PA, 1, reverse=False)))
case(82)(lambda c: yn(c.v(H3, "active.fees.amount") > c.v(H4, "active.fees.amount")))
case(83)(lambda c: num(c.v(H4, "review.lawsuit_direct.total") + c.v(H4, "review.lawsuit_after_review.total")))
case(84)(lambda c: num(c.v(H4, "review.reconsideration.corrected")))
case(85)(lambda c: unans(c, lambda k: k.v(H3, "review.reconsideration.pending")))
case(86, quality=True)(lambda c: yn(balanced(c, H3, "lawsuit_after_review")))
case(87)(lambda c: (c.file(E), {"kind": "list", "values": [GOLD[E]["province"]], "ordered": False})[1])
case(88)(lambda c: (meta_files(c, prov("福建省")), num(len(prov("福建省"))))[1])
case(89)(lambda c: lst(rank(c, S5, PA)[0][:2], True))
case(90)(lambda c: ag(top(c, [D, B], NT)))
case(91)(lambda c: num(c.v(A, "active.penalty.decisions")))
case(92)(lambda c: num(c.v(C, PA) - c.v(B, PA), "yuan"))
case(93)(lambda c: passage(c, A))
case(94)(lambda c: mention(c, "微信"))
case(95)(lambda c: num(c.v(H4, "requests.withheld_process.total")))
case(96)(lambda c: ag(top(c, [B, C], NT)))
case(97)(lambda c: num(sum(1 for f in ALL if c.v(f, "requests.handled.total") > 10)))
case(98)(lambda c: yn(c.v(E, "active.penalty.prev_items") > c.v(A, "active.penalty.prev_items")))
case(99)(lambda c: num((c.v(H3, "active.fees.amount") + c.v(H4, "active.fees.amount")) / 2, "yuan"))
case(100)(lambda c: num(c.v(H4, "active.normative.in_force")))
# en: citizen
case(101)(lambda c: num(c.v(C, NT)))
case(102)(lambda c: yn(c.v(H4, "review.lawsuit_direct.total") > 0))
case(103)(lambda c: ag(top(c, [B, E], PA)))
case(104)(lambda c: num(c.v(D, PP)))
case(105)(lambda c: num(c.v(H4, "requests.declined_complaint.total")))
case(106)(lambda c: unans(c, lambda k: k.v(B, "active.fees.amount")))
case(107)(lambda c: (meta_files(c, y20()), lst(y20()))[1])
case(108)(lambda c: num(c.v(H4, "requests.withheld_safety.total")))
case(109)(lambda c: yn(c.v(C, "review.lawsuit_direct.total") + c.v(C, "review.lawsuit_after_review.total") > 0))
case(110)(lambda c: yn(c.v(H4, NT) > c.v(H3, NT)))
case(111)(lambda c: num(c.v(H3, "active.penalty.decisions")))
case(112)(lambda c: ag(top(c, y20(), PP)))
case(113)(lambda c: passage(c, E))
# en chats
case(114)(lambda c: num(c.v(H4, "requests.granted.total")))
case(115)(lambda c: num(c.v(top(Ctx(), S5, PP), PA), "yuan"))
case(116)(lambda c: unans(c, lambda k: k.v(H3, "review.reconsideration.total")))
case(117)(lambda c: num(pct(c.v(H4, "active.penalty.decisions"), c.v(H3, "active.penalty.decisions")), "percent"))


def _c118(c):
    first = top(Ctx(), y20(), NT)
    return yn(c.v(first, NT) > c.v(C, NT))


case(118)(_c118)
case(119)(lambda c: num(sum(c.v(f, PA) for f in (C, B, E)), "yuan"))
case(120)(lambda c: ag(top(c, y20(), PP, 2)))


# ---- comparison
def cite_key(c):
    f, _, k = c.partition("#")
    return os.path.basename(f) + ("#" + k if k else "")


def same_expect(want, got):
    if want["kind"] != got["kind"]:
        return f"kind {got['kind']} != {want['kind']}"
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            return f"unit {got.get('unit')} != {want['unit']}"
        w, g = float(want["value"]), float(got["value"])
        tol = 0.001 * abs(w) if w else 1e-9
        if abs(w - g) > tol:
            return f"value {g} != {w}"
    elif k in ("agency", "boolean"):
        if got["value"] != want["value"]:
            return f"value {got['value']!r} != {want['value']!r}"
    elif k == "list":
        if bool(got.get("ordered")) != want["ordered"]:
            return "ordered flag differs"
        gv, wv = got["values"], want["values"]
        if (gv != wv) if want["ordered"] else (sorted(gv) != sorted(wv)):
            return f"values {gv} != {wv}"
    elif k == "passages":
        if got["files"] != want["files"] or got["sections"] != want["sections"]:
            return f"passages {got['files']}/{got['sections']} != {want['files']}/{want['sections']}"
    return None


def main():
    path = os.path.join(ROOT, "eval", "qa_holdout79.jsonl")
    with open(path, encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh if line.strip()]
    ok = 0
    problems = []
    ids = [c["id"] for c in cases]
    if ids != [f"h79-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h79-001 .. h79-120 in order")
    langs = [next((t for t in c["tags"] if t in ("zh", "en")), None) for c in cases]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        problems.append(f"language tags: zh={langs.count('zh')} en={langs.count('en')}")
    for case_ in cases:
        cid = case_["id"]
        if cid not in CASES:
            problems.append(f"{cid}: no reference computation")
            continue
        fn, quality = CASES[cid]
        ctx = Ctx(quality=quality)
        try:
            want = fn(ctx)
        except Exception as e:  # a reference that cannot compute is a mismatch
            problems.append(f"{cid}: reference failed: {type(e).__name__}: {e}")
            continue
        errs = []
        diff = same_expect(want, case_["expect"])
        if diff:
            errs.append(diff)
        want_cites = sorted(cite_key(x) for x in ctx.cites) if want["kind"] != "unanswerable" else []
        got_cites = sorted(case_["cite"])
        if want_cites != got_cites:
            errs.append(f"cite {got_cites} != {want_cites}")
        files = {x.partition("#")[0] for x in ctx.cites}
        guessed = any(x.endswith("#" + PA) and GOLD[x.partition("#")[0]]["facts"][PA].get("unit_assumed")
                      for x in ctx.cites)
        mixed = len({year(f) for f in files}) > 1
        for tag, flag in (("guessed_unit", guessed), ("mixed_years", mixed)):
            if (tag in case_["tags"]) != flag:
                errs.append(f"tag {tag} should be {'present' if flag else 'absent'}")
        if want["kind"] == "unanswerable" and "unanswerable" not in case_["tags"]:
            errs.append("tag unanswerable missing")
        if ("quality" in case_["tags"]) != quality:
            errs.append("tag quality mismatch")
        if errs:
            problems.append(f"{cid}: " + "; ".join(errs))
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
