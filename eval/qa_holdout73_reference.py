#!/usr/bin/env python3
"""Reference for eval/qa_holdout73.jsonl (stdlib only).

Recomputes every expected answer of the 120 cases from tests/fixtures/gold/*.json (and, for passage and
mention cases, from the section text of data/samples/*.txt), rebuilds each case's cite list and its
`guessed_unit` / `mixed_years` tags, prints every mismatch and then "SUMMARY n/120". Exit 0 only at 120/120.

Conventions enforced here:
- a value is read only from a cell whose state is "number"; blank/absent cells raise Unanswerable;
- cells of a group that fails a balance rule (R1-R4, computed here from the gold) may be read only by a
  case tagged "quality";
- cite = every cell read to compute the answer (file#table.row.col), in reading order; passage / mention
  cases cite the bare file; metadata cases cite nothing;
- guessed_unit = a cited procurement amount has unit_assumed; mixed_years = the cited cells span more than
  one report year.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout73.jsonl"

# ---------------------------------------------------------------- gold
SHORT = {"000_2133ae744f48d674": "A", "001_19df74b8cb7281a4": "B", "002_c42cd15df52a6935": "C",
         "003_acfa5b9243423631": "D", "004_5206fb2196a31c52": "E",
         "hongze-qu-gov-2023": "H3", "hongze-qu-gov-2024": "H4"}
G: dict[str, dict] = {}
for p in sorted(GOLD_DIR.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    key = SHORT[p.stem]
    d["cite_file"] = Path(d["file"]).name          # 000_....txt / hongze-qu-gov-2023.pdf
    G[key] = d
ALL7 = ["A", "B", "C", "D", "E", "H3", "H4"]
ALL5 = [r for r in ALL7 if G[r]["template"] == "2019"]
Y20 = [r for r in ALL7 if G[r]["year"] == 2020]
assert ALL5 == ["A", "B", "C", "D", "E"] and Y20 == ["A", "B", "D", "E"]


def fact(r, k):
    return G[r]["facts"].get(k)


def isnum(r, k):
    f = fact(r, k)
    return f is not None and f["state"] == "number"


# ---------------------------------------------------------------- balance rules -> failing cells
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUT_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
            "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation"]


def failing_cells(r):
    """Keys of every cell that takes part in a failed R1-R4 equation of report r (checkable ones only)."""
    bad = set()

    def val(k):
        return fact(r, k)["value"] if isnum(r, k) else None

    def check(keys_lhs, keys_rhs):
        lv = [val(k) for k in keys_lhs]
        rv = [val(k) for k in keys_rhs]
        if None in lv or None in rv:
            return
        if abs(sum(lv) - sum(rv)) > 1e-9:
            bad.update(keys_lhs + keys_rhs)

    outs = OUT_2019 + ["other"]
    for c in COLS:                                   # R1, R2
        q = lambda row: f"requests.{row}.{c}"
        check([q("new"), q("carried_in")], [q("handled"), q("carried_out")])
        check([q("handled")], [q(o) for o in outs if fact(r, q(o)) is not None and fact(r, q(o))["state"] != "absent"])
    rows = sorted({k.split(".")[1] for k in G[r]["facts"] if k.startswith("requests.")})
    for row in rows:                                 # R3
        check([f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS[:-1]])
    for g in ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]:   # R4
        check([f"review.{g}.total"], [f"review.{g}.{c}" for c in ["upheld", "corrected", "other", "pending"]])
    return bad


FAIL = {r: failing_cells(r) for r in ALL7}
assert FAIL["H3"] == {f"review.{g}.{c}" for g in ["reconsideration", "lawsuit_after_review"]
                      for c in ["upheld", "corrected", "other", "pending", "total"]}, FAIL["H3"]
assert all(not FAIL[r] for r in ALL7 if r != "H3")


# ---------------------------------------------------------------- reading context
class Unanswerable(Exception):
    pass


class Ctx:
    def __init__(self, quality=False):
        self.cells: list[tuple[str, str]] = []
        self.files: list[str] = []
        self.quality = quality

    def v(self, r, k):
        f = fact(r, k)
        if f is None or f["state"] != "number":
            raise Unanswerable(f"{r} {k} is {'absent' if f is None else f['state']}")
        if k in FAIL[r] and not self.quality:
            raise RuntimeError(f"{r} {k} belongs to a failing group; only quality cases may read it")
        if (r, k) not in self.cells:
            self.cells.append((r, k))
        return f["value"]

    def file(self, r):
        if G[r]["cite_file"] not in self.files:
            self.files.append(G[r]["cite_file"])

    def cites(self):
        return [f"{G[r]['cite_file']}#{k}" for r, k in self.cells] + list(self.files)

    def guessed(self):
        return any(k == "active.procurement.amount" and fact(r, k).get("unit_assumed") for r, k in self.cells)

    def mixed(self):
        return len({G[r]["year"] for r, _ in self.cells}) > 1


def name(r):
    return G[r]["agency"]


# ---------------------------------------------------------------- answer builders
def NUM(x, unit="count"):
    return {"kind": "number", "value": x, "unit": unit}


def PCT(a, b):
    return NUM(100.0 * a / b, "percent")


def AG(r):
    return {"kind": "agency", "value": name(r)}


def BOOL(b):
    return {"kind": "boolean", "value": bool(b)}


def LIST(names, ordered=False):
    return {"kind": "list", "values": list(names), "ordered": ordered}


def ranked(c, reps, key, reverse=True):
    """(report, value) sorted; reads every cell."""
    vals = [(r, c.v(r, key)) for r in reps]
    return sorted(vals, key=lambda t: t[1], reverse=reverse)


def nth(c, reps, key, n, reverse=True):
    s = ranked(c, reps, key, reverse)
    v = s[n - 1][1]
    assert sum(1 for _, x in s if x == v) == 1, f"tie at position {n} for {key}"
    return s[n - 1][0]


def full_order(c, reps, key, reverse=True):
    s = ranked(c, reps, key, reverse)
    assert len({x for _, x in s}) == len(s), f"ties in full ranking of {key}"
    return [name(r) for r, _ in s]


def top_n(c, reps, key, n, reverse=True):
    s = ranked(c, reps, key, reverse)
    assert len({x for _, x in s[: n + 1]}) == n + 1 if len(s) > n else True, "tie inside / at the edge of top n"
    return [name(r) for r, _ in s[:n]]


# ---------------------------------------------------------------- sections of the sample texts
SEC_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "主要问题", "六": "其他需要报告"}
HEAD = re.compile(r"^[\s#*]*([一二三四五六])、(.*)$")


def sections(r):
    lines = (SAMPLES / G[r]["cite_file"]).read_text(encoding="utf-8").splitlines()
    out, cur = {}, None
    for ln in lines:
        m = HEAD.match(ln)
        if m and SEC_WORDS[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, "")
            continue
        if cur:
            out[cur] += ln + "\n"
    return out


def PASS(c, r, sec, keyword):
    text = sections(r).get(sec, "")
    assert keyword in text, f"{keyword!r} not in section {sec} of {r}"
    for s, t in sections(r).items():   # the keyword must point at this section only
        if s != sec:
            assert keyword not in t, f"{keyword!r} also in section {s} of {r}"
    c.file(r)
    return {"kind": "passages", "files": [G[r]["cite_file"]], "sections": [sec]}


def mentions(c, keyword):
    hits = [r for r in ALL5 if keyword in (SAMPLES / G[r]["cite_file"]).read_text(encoding="utf-8")]
    for r in hits:
        c.file(r)
    return hits


# ---------------------------------------------------------------- unanswerable checks
def UN_blank(r, k):
    assert fact(r, k) is not None and fact(r, k)["state"] == "blank", (r, k)
    return {"kind": "unanswerable"}


def UN_absent(r, k):
    assert fact(r, k) is None or fact(r, k)["state"] == "absent", (r, k)
    return {"kind": "unanswerable"}


def UN_fail(r, k):
    assert k in FAIL[r], (r, k)
    return {"kind": "unanswerable"}


def UN_no_report(agency_part, year):
    assert not any(agency_part in G[r]["agency"] and G[r]["year"] == year for r in ALL7)
    assert any(agency_part in G[r]["agency"] for r in ALL7)   # the agency exists, the year does not
    return {"kind": "unanswerable"}


def UN_no_agency(part):
    assert not any(part in G[r]["agency"] or part in (G[r].get("county") or "") for r in ALL7)
    return {"kind": "unanswerable"}


# ---------------------------------------------------------------- the 120 specs
PA, PP, PEN, NEW = "active.procurement.amount", "active.procurement.projects", "active.penalty.decisions", "requests.new.total"
LIC, COE, FEE = "active.licensing.decisions", "active.coercion.decisions", "active.fees.amount"
RECON = [f"review.reconsideration.{x}" for x in ["upheld", "corrected", "other", "pending", "total"]]
S = {}


def spec(n, quality=False):
    def deco(fn):
        S[f"h73-{n:03d}"] = (fn, quality)
        return fn
    return deco


# v-chaoshan 001-020
spec(1)(lambda c: NUM(c.v("H4", COE)))
spec(2)(lambda c: NUM(c.v("B", "active.penalty.prev_items")))
spec(3)(lambda c: AG(nth(c, Y20, PP, 2)))
spec(4)(lambda c: NUM(sum(1 for r in ALL5 if c.v(r, PA) > 100000)))
spec(5)(lambda c: NUM(c.v("H3", NEW) + c.v("H4", NEW)))


def _s06(c):   # "2024 fewer than 2023 by how many": a positive amount, only if 2024 really is lower
    a, b = c.v("H4", PEN), c.v("H3", PEN)
    assert a < b
    return NUM(b - a)


spec(6)(_s06)
spec(7)(lambda c: BOOL(c.v("D", PP) > c.v("A", PP)))
spec(8)(lambda c: PCT(c.v("H4", "requests.granted.total"), c.v("H4", "requests.handled.total")))


def _one(pred):
    hits = {G[r]["agency"]: r for r in ALL7 if pred(G[r])}
    assert len(hits) == 1, hits
    return next(iter(hits.values()))


spec(9)(lambda c: AG(_one(lambda g: g["province"] == "河南省")))
spec(10)(lambda c: PASS(c, "C", "五", "信息公开范围单一"))
spec(11)(lambda c: UN_no_agency("潮南"))
spec(12)(lambda c: UN_blank("D", "requests.carried_out.total"))
spec(13)(lambda c: NUM(sum(c.v(r, PA) for r in Y20) / len(Y20), "yuan"))
spec(14)(lambda c: NUM(c.v("H3", FEE), "yuan"))
spec(15)(lambda c: NUM(c.v("H3", LIC)))


def _s16(c):
    top = nth(c, Y20, PEN, 1)
    return NUM(c.v(top, PP))


spec(16)(_s16)


def _s17(c):
    a = c.v("H3", NEW)   # turn 1
    b = c.v("H4", NEW)   # turn 2
    return PCT(b, a)


spec(17)(_s17)
spec(18)(lambda c: AG(nth(c, ["A", "D"], PA, 1)))
spec(19)(lambda c: BOOL(c.v("C", "active.rules.public_total") > 20))
spec(20)(lambda c: NUM(sum(G[r]["template"] == "2021" for r in ALL7)))

# v-xiangsheng 021-040
spec(21)(lambda c: NUM(c.v("C", PEN)))
spec(22)(lambda c: NUM(c.v("H4", "review.reconsideration.total")))
spec(23)(lambda c: UN_fail("H3", "review.reconsideration.upheld"))
spec(24)(lambda c: LIST(full_order(c, Y20, PP), True))
spec(25)(lambda c: NUM(c.v("A", PA) - c.v("D", PA), "yuan"))
spec(26)(lambda c: NUM(c.v("C", PA) / c.v("C", PP), "yuan"))
spec(27)(lambda c: NUM(len(ALL7)))
spec(28)(lambda c: NUM(len({G[r]["agency"] for r in ALL7})))
spec(29)(lambda c: PASS(c, "B", "五", "加大工作力度"))
spec(30)(lambda c: BOOL(c.v("E", NEW) == 0))
spec(31)(lambda c: PCT(c.v("H3", "requests.unavailable_not_held.total"), c.v("H3", "requests.handled.total")))
spec(32)(lambda c: NUM(sum(1 for r in ALL7 if c.v(r, PEN) > 10)))
spec(33)(lambda c: NUM(c.v("H4", "requests.partial.total")))
spec(34)(lambda c: BOOL(c.v("H4", LIC) > c.v("H4", PEN)))
spec(35)(lambda c: NUM(c.v("C", PA) - c.v("B", PA), "yuan"))
spec(36)(lambda c: NUM(c.v("H4", "active.normative.in_force")))
spec(37)(lambda c: NUM(c.v("H3", COE) + c.v("H4", COE)))
spec(38)(lambda c: UN_absent("A", FEE))


def _s39(c):
    up, co, ot, pe, tot = (c.v("H3", k) for k in RECON)
    return NUM(up + co + ot + pe - tot)


spec(39, quality=True)(_s39)
spec(40)(lambda c: AG(nth(c, Y20, NEW, 1)))

# v-daoyou 041-060
spec(41)(lambda c: NUM(c.v("H3", PEN)))
spec(42)(lambda c: NUM(c.v("B", PA), "yuan"))
spec(43)(lambda c: AG(nth(c, ALL5, PA, 3)))
spec(44)(lambda c: NUM(sum(1 for r in ALL5 if c.v(r, PP) < 10)))
spec(45)(lambda c: AG(_one(lambda g: g.get("agency_kind") == "street_office")))
spec(46)(lambda c: NUM(len({G[r]["agency"] for r in ALL7 if G[r]["province"] == "浙江省"})))
spec(47)(lambda c: PASS(c, "D", "五", "律师"))
spec(48)(lambda c: LIST([name(r) for r in mentions(c, "统计开放日")]))
spec(49)(lambda c: NUM(c.v("H4", LIC) - c.v("H3", LIC)))
spec(50)(lambda c: PCT(c.v("H4", NEW) - c.v("H3", NEW), c.v("H3", NEW)))
spec(51)(lambda c: UN_absent("H4", PA))


def _s52(c):   # turn: 2020 fewest projects -> 它
    low = nth(c, Y20, PP, 1, reverse=False)
    c.cells.clear()   # the follow-up cites the figure asked for
    return NUM(c.v(low, "active.coercion.prev_items"))


spec(52)(_s52)
spec(53)(lambda c: AG(nth(c, Y20, "active.penalty.prev_items", 2)))
spec(54)(lambda c: NUM(c.v("A", PP) + c.v("D", PP)))
spec(55)(lambda c: BOOL(c.v("H4", FEE) < c.v("H3", FEE)))
spec(56)(lambda c: PCT(c.v("D", "requests.unavailable_not_held.total"), c.v("D", "requests.handled.total")))
spec(57)(lambda c: NUM(c.v("H4", "review.lawsuit_direct.total")))
spec(58)(lambda c: NUM(c.v("H4", "review.lawsuit_direct.total") + c.v("H4", "review.lawsuit_after_review.total")))


def _s59(c):
    dated = sorted((G[r]["published"], r) for r in ALL7 if G[r].get("published"))
    assert dated[0][0] != dated[1][0]
    return AG(dated[0][1])


spec(59)(_s59)
spec(60)(lambda c: NUM(c.v("H4", "requests.withheld_safety.total")))

# v-transcript 061-080
spec(61)(lambda c: NUM(c.v("B", NEW)))
spec(62)(lambda c: NUM(c.v("E", PP)))
spec(63)(lambda c: NUM(c.v("H4", "requests.unavailable_needs_creation.total")))
spec(64)(lambda c: AG(nth(c, ALL5, PA, 2, reverse=False)))
spec(65)(lambda c: NUM(c.v("H4", "requests.granted.total") - c.v("H3", "requests.granted.total")))
spec(66)(lambda c: BOOL(c.v("C", "requests.granted.total") == c.v("C", "requests.handled.total")))
spec(67)(lambda c: UN_fail("H3", "review.reconsideration.corrected"))


def _s68(c):
    up, co, ot, pe, tot = (c.v("H3", k) for k in RECON)
    return BOOL(up + co + ot + pe == tot)


spec(68, quality=True)(_s68)
spec(69)(lambda c: NUM(sum(c.v(r, NEW) for r in ALL5) / len(ALL5)))
spec(70)(lambda c: NUM(sum(1 for r in ALL7 if c.v(r, COE) >= 1)))
spec(71)(lambda c: PASS(c, "A", "五", "加强政府信息公开业务学习和培训"))
spec(72)(lambda c: PASS(c, "E", "五", "存在不足之处"))
spec(73)(lambda c: LIST(sorted({G[r]["agency"] for r in ALL7 if G[r]["province"] == "福建省"})))
spec(74)(lambda c: NUM(c.v("H4", "requests.withheld_secret.total")))


def _s75(c):
    a = c.v("H3", FEE)
    b = c.v("H4", FEE)
    return PCT(b, a)


spec(75)(_s75)


def _s76(c):
    top = nth(c, Y20, PP, 1)
    c.cells.clear()
    return NUM(c.v(top, PA), "yuan")


spec(76)(_s76)
spec(77)(lambda c: NUM(sum(c.v(r, PA) for r in ALL7 if G[r]["province"] == "浙江省"), "yuan"))
spec(78)(lambda c: NUM(c.v("H3", "active.normative.repealed")))
spec(79)(lambda c: UN_no_report("鄞州区统计局", 2020))
spec(80)(lambda c: BOOL(c.v("B", "active.penalty.change") > 0))

# v-genz 081-100
spec(81)(lambda c: NUM(c.v("H3", COE)))
spec(82)(lambda c: AG(nth(c, Y20, PA, 2)))
spec(83)(lambda c: NUM(sum(c.v(r, PEN) for r in ALL7)))
spec(84)(lambda c: NUM(sum(1 for r in ALL5 if c.v(r, PA) > 300000)))
spec(85)(lambda c: BOOL(c.v("H4", "requests.granted.total") > c.v("H4", "requests.handled.total") / 2))
spec(86)(lambda c: NUM(c.v("C", "active.penalty.prev_items")))
spec(87)(lambda c: NUM(c.v("H4", "review.lawsuit_after_review.other")))
spec(88)(lambda c: PCT(c.v("H3", "requests.partial.total"), c.v("H3", "requests.handled.total")))
spec(89)(lambda c: LIST(sorted({G[r]["agency"] for r in ALL7 if G[r].get("agency_kind") == "department"})))
spec(90)(lambda c: NUM(sum(1 for r in ALL7 if not G[r].get("published"))))
spec(91)(lambda c: NUM(c.v("D", "requests.unavailable_not_held.total")))
spec(92)(lambda c: UN_blank("D", "requests.unavailable_needs_creation.total"))
spec(93)(lambda c: PASS(c, "C", "五", "改进措施"))


def _s94(c):
    hits = mentions(c, "律师")
    assert len(hits) == 1
    return AG(hits[0])


spec(94)(_s94)
spec(95)(lambda c: NUM(c.v("B", "requests.partial.total")))
spec(96)(lambda c: BOOL(c.v("E", PA) < c.v("B", PA)))
spec(97)(lambda c: NUM(c.v("H4", "active.normative.in_force") - c.v("H3", "active.normative.in_force")))
spec(98)(lambda c: LIST(top_n(c, ["H4"] + ALL5, NEW, 3), True))
spec(99)(lambda c: NUM(c.v("H4", "active.rules.in_force")))
spec(100)(lambda c: BOOL(c.v("D", PP) > c.v("C", PP)))

# v-noir 101-120
spec(101)(lambda c: NUM(c.v("H4", LIC)))
spec(102)(lambda c: NUM(c.v("D", PA) / c.v("D", PP), "yuan"))
spec(103)(lambda c: AG(nth(c, ALL5, PA, 2)))
spec(104)(lambda c: NUM(sum(1 for r in ALL5 if G[r]["province"] == "福建省" and c.v(r, PP) < 10)))


def _s105(c):
    a, b = c.v("H3", FEE), c.v("H4", FEE)
    assert b < a   # the question says 2024 was lower
    return NUM(a - b, "yuan")


spec(105)(_s105)
spec(106)(lambda c: PCT(c.v("H4", "requests.unavailable_not_held.total"), c.v("H4", "requests.handled.total")))
spec(107)(lambda c: BOOL(c.v("E", PEN) > 0))
spec(108)(lambda c: PASS(c, "B", "一", "强化组织保障"))
spec(109)(lambda c: PASS(c, "A", "六", "暂无其他需要报告的事项"))
spec(110)(lambda c: UN_blank("A", "requests.unavailable_not_held.total"))
spec(111)(lambda c: UN_absent("H3", "requests.other_no_fee.total"))
spec(112)(lambda c: NUM(sum(G[r]["template"] == "2019" for r in ALL7)))
spec(113)(lambda c: BOOL(G["C"]["city"] == "宁波市"))
spec(114)(lambda c: AG(nth(c, ALL5, PP, 3)))


def _s115(c):
    henan = [r for r in ALL7 if G[r]["province"] == "河南省"]
    assert len(henan) == 1
    return NUM(c.v(henan[0], "active.other_services.prev_items"))


spec(115)(_s115)
spec(116)(lambda c: NUM(sum(c.v(r, PP) for r in Y20)))
spec(117)(lambda c: BOOL(c.v("H4", COE) < c.v("H3", COE)))
spec(118, quality=True)(lambda c: NUM(sum(1 for r in ALL7 if FAIL[r] or any(str(v).startswith("fail") for v in G[r]["checks"].values()))))


def _s119(c):
    claim = next(n for n in G["H4"]["narrative_numbers"] if n.get("cell") == NEW)
    assert claim["value"] == 17
    return BOOL(claim["value"] == c.v("H4", NEW))


spec(119, quality=True)(_s119)
spec(120)(lambda c: AG(nth(c, Y20 + ["H4"], PEN, 2)))

# ---------------------------------------------------------------- compare
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values", "ordered"}, "boolean": {"value"},
          "passages": {"files", "sections"}, "unanswerable": set()}


def same_expect(got, want):
    if got.get("kind") != want["kind"]:
        return False
    k = want["kind"]
    if k == "number":
        return got.get("unit") == want["unit"] and abs(float(got["value"]) - want["value"]) <= 0.006
    if k in ("agency", "boolean"):
        return got.get("value") == want["value"]
    if k == "list":
        if got.get("ordered") != want["ordered"]:
            return False
        return got["values"] == want["values"] if want["ordered"] else sorted(got["values"]) == sorted(want["values"])
    if k == "passages":
        return got.get("files") == want["files"] and got.get("sections") == want["sections"]
    return True


def main():
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    problems: list[str] = []
    if len(cases) != 120:
        problems.append(f"expected 120 cases, found {len(cases)}")
    ids = [c["id"] for c in cases]
    if ids != [f"h73-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h73-001 … h73-120 in order")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems.append(f"language split is not 60 zh / 60 en: {langs.count(1)} / {langs.count(2)}")
    ok = 0
    for case in cases:
        cid = case["id"]
        errs = []
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            errs.append(f"unknown fields {set(case) - {'id', 'question', 'turns', 'expect', 'cite', 'tags'}}")
        kind = case["expect"].get("kind")
        if kind not in FIELDS or not FIELDS[kind] <= set(case["expect"]):
            errs.append(f"bad expect {case['expect']}")
        for ct in case["cite"]:
            if not CITE_RE.match(ct):
                errs.append(f"bad cite {ct!r}")
        multi = bool(case.get("turns"))
        if multi != ("multiturn" in case["tags"]):
            errs.append("turns present iff tag multiturn")
        if multi and not (1 <= len(case["turns"]) <= 3):
            errs.append("a chat has 2-4 turns in all")
        if cid not in S:
            errs.append("no reference spec")
        else:
            fn, quality = S[cid]
            if quality != ("quality" in case["tags"]):
                errs.append("quality tag mismatch")
            c = Ctx(quality)
            try:
                want = fn(c)
            except Unanswerable as e:
                want = None
                errs.append(f"reference hit a non-number cell: {e}")
            else:
                if want is None:
                    errs.append("reference returned nothing")
            if want is not None:
                if want["kind"] == "number":
                    want["value"] = round(want["value"], 2)
                if not same_expect(case["expect"], want):
                    errs.append(f"expect {case['expect']} != reference {want}")
                if want["kind"] == "unanswerable" and "refuse" not in case["tags"]:
                    errs.append("unanswerable case not tagged refuse")
                cites = c.cites()
                if sorted(cites) != sorted(case["cite"]) or len(set(case["cite"])) != len(case["cite"]):
                    errs.append(f"cite {case['cite']} != reference {cites}")
                for tag, flag in (("guessed_unit", c.guessed()), ("mixed_years", c.mixed())):
                    if flag != (tag in case["tags"]):
                        errs.append(f"tag {tag} should be {'present' if flag else 'absent'}")
        if errs:
            for e in errs:
                print(f"MISMATCH {cid}: {e}")
        else:
            ok += 1
    for p in problems:
        print(f"PROBLEM: {p}")
    if problems:
        ok = min(ok, 119)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
