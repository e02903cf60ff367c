#!/usr/bin/env python3
"""Independent reference check of eval/qa_holdout51.jsonl (stdlib only).

Every expected answer is recomputed from the hand-checked gold cells in tests/fixtures/gold/*.json
(and, for passage cases, from the section text of data/samples/*.txt), together with the cite list and
the `guessed_unit` / `mixed_years` tags. Rules R1-R4 of shared/DOMAIN.md are recomputed from the gold;
cells of a failing group may only be used by a recipe that asks about the failure itself.

    python3 eval/qa_holdout51_reference.py              # prints mismatches and "SUMMARY n/120"
    python3 eval/qa_holdout51_reference.py --selftest   # also mutates cases in memory and checks they are caught

Exit status 0 only when all 120 cases agree.
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = HERE / "qa_holdout51.jsonl"
N_CASES = 120
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")  # as in eval/dataset.py
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
ORGS = ["business", "research", "nonprofit", "legal", "other_org"]
WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UN = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DE = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
      "declined_confirmation"]
OUTCOMES = ["granted", "partial"] + WH + UN + DE + ["other", "other_no_correction", "other_no_fee", "other_misc"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


# ----------------------------------------------------------------------------------------- the gold
def kind_from_name(name: str) -> str:
    if "人民政府" in name and not name.endswith(("局", "委", "办", "办公室")) or name.endswith("办公厅"):
        return "government"
    if name.endswith("街道办事处") or name.endswith(("乡人民政府", "镇人民政府")):
        return "street_office"
    return "department"


def load_reports() -> dict:
    reps = {}
    for p in sorted(GOLD.glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        f = Path(g["file"]).name  # 000_...txt or hongze-qu-gov-2023.pdf
        kind = g.get("agency_kind") or kind_from_name(g["agency"])
        reps[f] = {"file": f, "agency": g["agency"], "year": g["year"], "province": g["province"],
                   "city": g["city"], "kind": kind, "template": g["template"], "published": g.get("published"),
                   "facts": g["facts"], "gold_checks": g.get("checks", {})}
    return reps


REPS = load_reports()
FILES = {k[:3] if k[0].isdigit() else ("H3" if "2023" in k else "H4"): k for k in REPS}
A, B, C, D, E, H3, H4 = (FILES[x] for x in ("000", "001", "002", "003", "004", "H3", "H4"))
SAMPLE_FILES = [A, B, C, D, E]
ALL = [A, B, C, D, E, H3, H4]


def _num(facts, key):
    f = facts.get(key)
    return f["value"] if f is not None and f["state"] == "number" else None


def recompute_checks() -> tuple[set, dict]:
    """(cells of failing groups, {file: {rule: [failures]}}) recomputed from the gold cells."""
    failed, findings = set(), {}
    for f, r in REPS.items():
        fx, out = r["facts"], {"R1": [], "R2": [], "R3": [], "R4": []}
        for col in COLS:  # R1
            ks = [f"requests.{row}.{col}" for row in ("new", "carried_in", "handled", "carried_out")]
            v = [_num(fx, k) for k in ks]
            if None not in v and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
                out["R1"].append(col); failed.update((f, k) for k in ks)
        for col in COLS:  # R2
            present = [f"requests.{row}.{col}" for row in OUTCOMES
                       if fx.get(f"requests.{row}.{col}", {"state": "absent"})["state"] != "absent"]
            v = [_num(fx, k) for k in present]
            h = _num(fx, f"requests.handled.{col}")
            if None not in v and h is not None and abs(sum(v) - h) > 1e-9:
                out["R2"].append(col); failed.update((f, k) for k in present + [f"requests.handled.{col}"])
        rows = sorted({k.split(".")[1] for k in fx if k.startswith("requests.")})
        for row in rows:  # R3
            ks = [f"requests.{row}.{c}" for c in COLS]
            v = [_num(fx, k) for k in ks]
            if None not in v and abs(sum(v[:6]) - v[6]) > 1e-9:
                out["R3"].append(row); failed.update((f, k) for k in ks)
        for g in GROUPS:  # R4
            ks = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
            v = [_num(fx, k) for k in ks]
            if None not in v and abs(sum(v[:4]) - v[4]) > 1e-9:
                out["R4"].append(g); failed.update((f, k) for k in ks)
        findings[f] = out
    return failed, findings


FAILED, FINDINGS = recompute_checks()


# ------------------------------------------------------------------------------------- passages
HEAD_RE = re.compile(r"^[#\s*]*([一二三四五六])、\s*\**\s*(.*)$")
HEAD_WORDS = ("总体情况", "主动公开政府信息", "收到和处理", "行政复议", "存在的主要问题", "其他需要报告")


def sections(f: str) -> dict:
    out, cur = {}, None
    for line in (SAMPLES / f).read_text(encoding="utf-8").splitlines():
        m = HEAD_RE.match(line)
        if m and any(w in m.group(2) for w in HEAD_WORDS):
            cur = m.group(1)
            continue
        if cur:
            out[cur] = out.get(cur, "") + line.strip()
    return out


SECTIONS = {f: sections(f) for f in SAMPLE_FILES}


# ------------------------------------------------------------------------------------- recipes
class Unanswerable(Exception):
    pass


class Ctx:
    """Reads cells for one case and records what a correct answer must cite."""

    def __init__(self):
        self.used: list[str] = []

    def v(self, f, key, failure_ok=False):
        fact = REPS[f]["facts"].get(key)
        if fact is None or fact["state"] != "number":
            raise Unanswerable(f"{f}#{key} is {fact['state'] if fact else 'not in the template'}")
        if (f, key) in FAILED and not failure_ok:
            raise Unanswerable(f"{f}#{key} is in a group that fails its rule")
        self.used.append(f"{f}#{key}")
        return fact["value"]

    def peek(self, f, key):  # read without citing (resolving an earlier turn)
        fact = REPS[f]["facts"].get(key)
        if fact is None or fact["state"] != "number" or (f, key) in FAILED:
            raise Unanswerable(f"{f}#{key} unusable")
        return fact["value"]

    def vs(self, files, key):
        return {f: self.v(f, key) for f in files}

    def passage(self, f, sec, kw):
        if kw not in SECTIONS[f].get(sec, ""):
            raise AssertionError(f"{kw!r} not in section {sec} of {f}")
        self.used.append(f)
        return {"kind": "passages", "files": [f], "sections": [sec]}


def ag(f):
    return REPS[f]["agency"]


def find(agency_part, year=None, city=None):
    hits = [f for f, r in REPS.items() if agency_part in r["agency"] and (year is None or r["year"] == year)
            and (city is None or r["city"] == city)]
    if not hits:
        raise Unanswerable(f"no report of {agency_part} {year or ''} {city or ''}")
    return hits[0]


def by_year(y):
    return [f for f in ALL if REPS[f]["year"] == y]


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def agency(v):
    return {"kind": "agency", "value": v}


def lst(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def top(d, n=1, reverse=True):
    """The agency of the n-th ranked file of {file: value} (ties are an error)."""
    items = sorted(d.items(), key=lambda kv: kv[1], reverse=reverse)
    vals = [v for _, v in items]
    assert vals[n - 1] not in vals[:n - 1] + vals[n:], f"tie at rank {n}: {items}"
    return agency(ag(items[n - 1][0]))


def rowsum(x, f, rows, col="total"):
    return sum(x.v(f, f"requests.{r}.{col}") for r in rows)


def per_project(x, f):
    return x.v(f, "active.procurement.amount") / x.v(f, "active.procurement.projects")


R = {}


def case(n):
    def deco(fn):
        R[f"h51-{n:03d}"] = fn
        return fn
    return deco


# 001-020 hotline operator
case(1)(lambda x: num(x.v(B, "active.penalty.decisions")))
case(2)(lambda x: num(x.v(H4, "requests.unavailable_not_held.total")))
case(3)(lambda x: num(x.v(D, "active.procurement.amount"), "yuan"))
case(4)(lambda x: num(x.v(E, "active.procurement.projects")))
case(5)(lambda x: num(x.v(H3, "active.fees.amount"), "yuan"))
case(6)(lambda x: boolean(sum(x.v(C, f"requests.new.{o}") for o in ORGS) > 0))
case(7)(lambda x: num(x.v(H4, "requests.new.total") - x.v(H3, "requests.new.total")))
case(8)(lambda x: num(x.v(D, "requests.carried_out.total")))
case(9)(lambda x: num(x.v(H3, "review.reconsideration.upheld")))
case(10)(lambda x: x.passage(A, "五", "广度和深度"))
case(11)(lambda x: x.passage(E, "一", "四个结合"))
case(12)(lambda x: boolean(REPS[find("洪泽区")]["kind"] == "government"))
case(13)(lambda x: num(sum(1 for r in REPS.values() if "洪泽区" in r["agency"])))
case(14)(lambda x: num(per_project(x, C), "yuan"))
case(15)(lambda x: num(sum(x.v(H4, f"active.{k}.decisions") for k in ("licensing", "penalty", "coercion"))))
case(16)(lambda x: num(x.v(find("鼓楼区统计局", 2020, "福州市"), "requests.withheld_third_party.total")))
case(17)(lambda x: num(x.v(E, "active.coercion.prev_items")))
case(18)(lambda x: num(x.v(H4, "review.lawsuit_direct.total") + x.v(H4, "review.lawsuit_after_review.total")))
case(19)(lambda x: boolean(sum(x.v(B, f"review.{g}.total") for g in GROUPS) > 0))
case(20)(lambda x: pct(x.v(H3, "requests.partial.total"), x.v(H3, "requests.handled.total")))
# 021-040 journalist
case(21)(lambda x: num(x.v(H4, "requests.new.total")))
case(22)(lambda x: num(x.v(H3, "active.penalty.decisions") + x.v(H4, "active.penalty.decisions")))
case(23)(lambda x: top({f: per_project(x, f) for f in SAMPLE_FILES if REPS[f]["kind"] != "street_office"},
                       reverse=False))
case(24)(lambda x: boolean(x.v(H3, "active.normative.in_force") < x.v(H4, "active.normative.in_force")))
case(25)(lambda x: num(x.v(H3, "active.fees.amount") - x.v(H4, "active.fees.amount"), "yuan"))
case(26)(lambda x: pct(x.v(H4, "requests.granted.total"), x.v(H4, "requests.handled.total")))
case(27)(lambda x: top(x.vs(ALL, "active.coercion.decisions")))
case(28)(lambda x: num(sum(1 for f in by_year(2020) if REPS[f]["kind"] != "street_office"
                           and x.v(f, "active.penalty.decisions") >= 1)))
case(29)(lambda x: boolean(x.v(H3, "review.lawsuit_direct.total") > 0))
case(30)(lambda x: num(x.v(H3, "review.reconsideration.total")))
case(31)(lambda x: x.passage(C, "五", "信息公开范围单一"))
case(32)(lambda x: x.passage(B, "一", "统计开放日"))
case(33)(lambda x: num(x.v(H4, "active.procurement.amount"), "yuan"))
case(34)(lambda x: (lambda d: pct(d[B], sum(d.values())))(x.vs(by_year(2020), "active.penalty.decisions")))
case(35)(lambda x: lst([ag(f) for f, v in x.vs(SAMPLE_FILES, "active.procurement.amount").items() if v > 100000]))
case(36)(lambda x: lst([ag(f) for f, _ in sorted(x.vs(SAMPLE_FILES, "active.procurement.projects").items(),
                                                 key=lambda kv: -kv[1])], True))
case(37)(lambda x: num(rowsum(x, H4, WH)))
case(38)(lambda x: lst(sorted({ag(f) for f, v in x.vs(ALL, "requests.new.total").items() if v < 10})))
case(39)(lambda x: boolean(x.v(H4, "requests.unavailable_not_held.total") > x.v(H3, "requests.unavailable_not_held.total")))
case(40)(lambda x: agency(next(r["agency"] for r in REPS.values() if r["kind"] == "street_office")))
# 041-060 auditor
case(41)(lambda x: num(sum(1 for v in x.vs(ALL, "requests.new.total").values() if 2 <= v <= 21)))
case(42)(lambda x: lst([ag(f) for f, v in x.vs(by_year(2020), "active.procurement.amount").items() if v > 75338]))
case(43)(lambda x: num(sum(x.vs(SAMPLE_FILES, "active.penalty.prev_items").values())))
case(44)(lambda x: boolean(x.v(H4, "requests.new.total") + x.v(H4, "requests.carried_in.total")
                           == x.v(H4, "requests.handled.total") + x.v(H4, "requests.carried_out.total")))


@case(45)
def _c45(x):
    out = []
    for f in ALL:
        for g in FINDINGS[f]["R4"]:
            for k in ("upheld", "corrected", "other", "pending", "total"):
                x.v(f, f"review.{g}.{k}", failure_ok=True)
            if ag(f) not in out:
                out.append(ag(f))
    return lst(out)


@case(46)
def _c46(x):
    assert "reconsideration" in FINDINGS[H3]["R4"]
    s = sum(x.v(H3, f"review.reconsideration.{k}", failure_ok=True) for k in ("upheld", "corrected", "other", "pending"))
    return num(s - x.v(H3, "review.reconsideration.total", failure_ok=True))


case(47)(lambda x: num(sum(1 for f in ALL if REPS[f]["year"] in (2019, 2020)
                           and x.v(f, "active.procurement.projects") >= 9)))


@case(48)
def _c48(x):
    keep = [f for f in SAMPLE_FILES if REPS[f]["kind"] != "street_office"
            and not REPS[f]["facts"]["active.procurement.amount"].get("unit_assumed")]
    return top(x.vs(keep, "active.procurement.amount"))


case(49)(lambda x: num(sum(x.vs(ALL, "requests.declined_complaint.total").values())))
case(50)(lambda x: num(sum(1 for v in x.vs(ALL, "requests.handled.total").values() if 1 < v < 100)))
case(51)(lambda x: lst([ag(f) for f, v in x.vs(ALL, "active.penalty.decisions").items() if v == 0]))


@case(52)
def _c52(x):
    rows = [r for r in OUTCOMES if REPS[H4]["facts"][f"requests.{r}.total"]["state"] != "absent"]
    return boolean(rowsum(x, H4, rows) == x.v(H4, "requests.handled.total"))


case(53)(lambda x: num((x.v(H3, "active.licensing.decisions") + x.v(H4, "active.licensing.decisions")) / 2))
case(54)(lambda x: pct(rowsum(x, H3, UN), x.v(H3, "requests.handled.total")))
case(55)(lambda x: lst([ag(f) for f, v in x.vs(SAMPLE_FILES, "active.penalty.change").items() if v != 0]))
case(56)(lambda x: num(x.v(H3, "active.normative.in_force")))
case(57)(lambda x: num(x.v(H4, "review.lawsuit_direct.pending") + x.v(H4, "review.lawsuit_after_review.pending")))
case(58)(lambda x: top(x.vs(by_year(2020), "active.procurement.amount"), 2))
case(59)(lambda x: num(x.v(H4, "requests.other_no_fee.total")))
case(60)(lambda x: num(len({r["agency"] for r in REPS.values() if r["template"] == "2021"})))
# 061-080 worksheet
case(61)(lambda x: num(x.v(B, "active.procurement.projects")))
case(62)(lambda x: num(x.v(H4, "active.licensing.decisions")))
case(63)(lambda x: boolean(x.v(C, "active.rules.public_total") > x.v(C, "active.rules.published")))
case(64)(lambda x: top(x.vs(by_year(2020), "active.procurement.projects"), reverse=False))
case(65)(lambda x: num(x.v(D, "requests.unavailable_not_held.total")))
case(66)(lambda x: boolean(x.v(E, "requests.new.total") == 0))
case(67)(lambda x: x.passage(C, "一", "统计大讲堂"))
case(68)(lambda x: x.passage(A, "一", "个人信息"))
case(69)(lambda x: num(x.v(H3, "active.penalty.decisions")))
case(70)(lambda x: boolean(x.v(H4, "active.coercion.decisions") > x.v(H3, "active.coercion.decisions")))
case(71)(lambda x: num(x.v(H3, "active.fees.amount") + x.v(H4, "active.fees.amount"), "yuan"))
case(72)(lambda x: agency(next(r["agency"] for r in REPS.values() if r["province"] == "河南省")))
case(73)(lambda x: boolean(x.v(D, "requests.other.total") == 0))
case(74)(lambda x: num(x.v(H4, "requests.granted.total") + x.v(H4, "requests.partial.total")))
case(75)(lambda x: num(x.v(A, "active.penalty.prev_items")))
case(76)(lambda x: num(x.v(E, "active.procurement.amount"), "yuan"))
case(77)(lambda x: boolean(len({r["agency"] for r in REPS.values() if r["province"] == "江苏省"}) == 1))
case(78)(lambda x: num(x.v(H4, "review.reconsideration.corrected")))


@case(79)
def _c79(x):
    hits = [ag(f) for f, v in x.vs(by_year(2020), "requests.partial.total").items() if v != 0]
    assert len(hits) == 1, hits
    return agency(hits[0])


case(80)(lambda x: pct(rowsum(x, H4, UN), x.v(H4, "requests.handled.total")))


# 081-096 multi-turn
@case(81)
def _c81(x):
    f = find("洪泽区", 2024)
    return num(x.v(find("洪泽区", REPS[f]["year"] - 1), "active.penalty.decisions"))


@case(82)
def _c82(x):
    a, d = find("鼓楼区统计局", 2020, "福州市"), find("温泉街道", 2020)
    it = a if x.peek(a, "requests.new.total") > x.peek(d, "requests.new.total") else d
    return num(x.v(it, "requests.granted.total"))


@case(83)
def _c83(x):
    prov = REPS[find("鄞州区统计局")]["province"]
    return lst(sorted({r["agency"] for f, r in REPS.items() if r["province"] == prov and f != C}))


case(84)(lambda x: num(x.v(B, "active.procurement.amount") - x.v(E, "active.procurement.amount"), "yuan"))
case(85)(lambda x: num(sum(x.v(H3, f"review.reconsideration.{k}", failure_ok=True)
                           for k in ("upheld", "corrected", "other", "pending"))))
case(86)(lambda x: x.passage(D, "五", "律师"))
case(87)(lambda x: pct(x.v(H4, "requests.partial.total"), x.v(H4, "requests.new.total")))
case(88)(lambda x: num(x.v(find("二七区统计局", 2019), "active.procurement.amount"), "yuan"))


@case(89)
def _c89(x):
    first = max(by_year(2024), key=lambda f: x.peek(f, "active.licensing.decisions"))
    return num(x.v(find(ag(first), 2023), "active.licensing.decisions"))


case(90)(lambda x: boolean(x.v(B, "active.procurement.projects") > x.v(C, "active.procurement.projects")))
case(91)(lambda x: num(x.v(A, "active.penalty.decisions") + x.v(B, "active.penalty.decisions")))
case(92)(lambda x: num(x.v(H4, "review.lawsuit_after_review.upheld")))
case(93)(lambda x: num(len({r["agency"] for r in REPS.values() if r["province"] == REPS[D]["province"]})))
case(94)(lambda x: pct(x.v(H4, "active.fees.amount"), x.v(H3, "active.fees.amount")))
case(95)(lambda x: x.passage(E, "五", "急务"))
case(96)(lambda x: num(x.v(B, "requests.carried_out.total")))
# 097-120 mixed lookups
case(97)(lambda x: num(len(by_year(2020))))
case(98)(lambda x: top(x.vs(SAMPLE_FILES, "active.procurement.amount"), 3))
case(99)(lambda x: num(x.v(H4, "active.licensing.decisions") - x.v(H3, "active.licensing.decisions")))
case(100)(lambda x: agency(min((r["published"], r["agency"]) for f, r in REPS.items()
                               if r["year"] == 2020 and r["published"])[1]))
case(101)(lambda x: top(x.vs(SAMPLE_FILES, "active.penalty.decisions"), 2))
case(102)(lambda x: num(sum(x.vs(by_year(2020), "requests.carried_in.total").values())))
case(103)(lambda x: num(sum(x.v(H3, f"requests.new.{o}") for o in ORGS)))
case(104)(lambda x: x.passage(C, "二", "普法宣传"))
case(105)(lambda x: num(sum(x.v(f, "active.penalty.decisions") for f in ALL if REPS[f]["province"] == "浙江省")))
case(106)(lambda x: num(x.v(H3, "review.lawsuit_after_review.total")))
case(107)(lambda x: num(sum(1 for v in x.vs(by_year(2020), "active.procurement.amount").values() if v < 100000)))
case(108)(lambda x: pct(rowsum(x, D, WH), x.v(D, "requests.handled.total")))
case(109)(lambda x: top(x.vs(ALL, "requests.new.total")))
case(110)(lambda x: boolean(REPS[D]["city"] == REPS[A]["city"]))
case(111)(lambda x: num(sum(1 for r in REPS.values() if r["template"] == "2019")))


@case(112)
def _c112(x):
    hits = []
    for f in SAMPLE_FILES:
        if "三公" in (SAMPLES / f).read_text(encoding="utf-8"):
            x.used.append(f)
            hits.append(ag(f))
    return lst(hits)


case(113)(lambda x: num(sum(x.vs(by_year(2020), "requests.new.total").values()) / len(by_year(2020))))
case(114)(lambda x: lst(sorted({r["agency"] for r in REPS.values() if r["province"] in ("福建省", "河南省")})))
case(115)(lambda x: num(x.v(H4, "active.penalty.decisions") - x.v(H4, "active.coercion.decisions")))
case(116)(lambda x: boolean(per_project(x, A) > per_project(x, D)))
case(117)(lambda x: x.passage(D, "一", "个人信息保护"))
case(118)(lambda x: num(x.v(find("鼓楼区统计局", 2020, "南京市"), "requests.new.total")))
case(119)(lambda x: num(sum(x.vs(by_year(2020), "active.procurement.projects").values())))
case(120)(lambda x: boolean(x.v(H3, "requests.withheld_process.total") == x.v(H4, "requests.withheld_process.total")))


# ------------------------------------------------------------------------------------- checking
def lang(q: str) -> str:
    cjk = sum(1 for ch in q if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in q if ch.isascii() and ch.isalpha())
    return "zh" if cjk > latin else "en"


def check_case(case_: dict) -> list[str]:
    cid, errs = case_.get("id"), []
    fn = R.get(cid)
    if fn is None:
        return [f"{cid}: no recipe"]
    extra = set(case_) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    x = Ctx()
    try:
        want = fn(x)
        cites = x.used
    except Unanswerable as e:
        want, cites = {"kind": "unanswerable", "why": str(e)}, []
    got = case_.get("expect", {})
    if got.get("kind") not in KINDS:
        errs.append(f"bad kind {got.get('kind')!r}")
    if got.get("kind") != want["kind"]:
        errs.append(f"kind {got.get('kind')} != recomputed {want['kind']} ({want.get('why', '')})")
    elif want["kind"] == "number":
        if got.get("unit") != want["unit"]:
            errs.append(f"unit {got.get('unit')} != {want['unit']}")
        if not isinstance(got.get("value"), (int, float)) or abs(got["value"] - want["value"]) > 1e-5 * max(1.0, abs(want["value"])):
            errs.append(f"value {got.get('value')} != recomputed {want['value']}")
    elif want["kind"] in ("agency", "boolean"):
        if got.get("value") != want["value"] or type(got.get("value")) is not type(want["value"]):
            errs.append(f"value {got.get('value')!r} != recomputed {want['value']!r}")
    elif want["kind"] == "list":
        if got.get("ordered") is not want["ordered"]:
            errs.append(f"ordered {got.get('ordered')} != {want['ordered']}")
        a, b = got.get("values"), want["values"]
        if not want["ordered"]:
            a, b = sorted(map(str, a or [])), sorted(map(str, b))
        if a != b:
            errs.append(f"values {got.get('values')} != recomputed {want['values']}")
    elif want["kind"] == "passages":
        if got.get("files") != want["files"] or got.get("sections") != want["sections"]:
            errs.append(f"passages {got.get('files')}/{got.get('sections')} != {want['files']}/{want['sections']}")
    # cites
    cite = case_.get("cite", [])
    bad = [c for c in cite if not CITE_RE.match(c)]
    if bad:
        errs.append(f"cite format {bad}")
    if len(cite) != len(set(cite)):
        errs.append("duplicate cites")
    if set(cite) != set(cites):
        errs.append(f"cite missing {sorted(set(cites) - set(cite))} extra {sorted(set(cite) - set(cites))}")
    # tags
    tags = case_.get("tags", [])
    cells = [c.split("#", 1) for c in cites if "#" in c]
    guessed = any(REPS[f]["facts"][k].get("unit_assumed") for f, k in cells)
    mixed = len({REPS[f]["year"] for f, _ in cells}) > 1
    if guessed != ("guessed_unit" in tags):
        errs.append(f"guessed_unit tag should be {'present' if guessed else 'absent'}")
    if mixed != ("mixed_years" in tags):
        errs.append(f"mixed_years tag should be {'present' if mixed else 'absent'}")
    langs = [t for t in tags if t in ("zh", "en")]
    if langs != [lang(case_.get("question", ""))]:
        errs.append(f"language tags {langs} but the question reads as {lang(case_.get('question', ''))}")
    n = int(cid.split("-")[1])
    if (81 <= n <= 96) != bool(case_.get("turns")):
        errs.append("turns expected only on h51-081..096")
    return [f"{cid}: {e}" for e in errs]


def check_all(cases: list[dict]) -> tuple[int, list[str]]:
    out, ok = [], 0
    ids = [c.get("id") for c in cases]
    if ids != [f"h51-{i:03d}" for i in range(1, N_CASES + 1)]:
        out.append("SET: ids are not exactly h51-001 .. h51-120 in order")
    for c in cases:
        e = check_case(c)
        out += e
        ok += not e
    langs = [t for c in cases for t in c.get("tags", []) if t in ("zh", "en")]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        out.append(f"SET: zh/en = {langs.count('zh')}/{langs.count('en')}, want 60/60")
        ok = min(ok, N_CASES - 1)
    return ok, out


def selftest(cases: list[dict]) -> bool:
    """Mutate cases in memory; every mutation must be caught."""
    def mut(cid, f):
        cs = copy.deepcopy(cases)
        f(next(c for c in cs if c["id"] == cid))
        return cs
    muts = {
        "value +1": mut("h51-001", lambda c: c["expect"].update(value=24)),
        "yuan not x10000": mut("h51-005", lambda c: c["expect"].update(value=7730.28)),
        "wrong agency": mut("h51-023", lambda c: c["expect"].update(value="鄞州区统计局")),
        "list order": mut("h51-036", lambda c: c["expect"]["values"].reverse()),
        "boolean flipped": mut("h51-024", lambda c: c["expect"].update(value=False)),
        "failing group answered": mut("h51-009", lambda c: c.update(expect={"kind": "number", "value": 10, "unit": "count"},
                                                                  cite=["hongze-qu-gov-2023.pdf#review.reconsideration.upheld"])),
        "blank read as 0": mut("h51-008", lambda c: c.update(expect={"kind": "number", "value": 0, "unit": "count"},
                                                           cite=["003_acfa5b9243423631.txt#requests.carried_out.total"])),
        "cite dropped": mut("h51-035", lambda c: c["cite"].pop()),
        "guessed_unit dropped": mut("h51-003", lambda c: c["tags"].remove("guessed_unit")),
        "mixed_years dropped": mut("h51-022", lambda c: c["tags"].remove("mixed_years")),
        "wrong section": mut("h51-104", lambda c: c["expect"].update(sections=["一"])),
        "percent off": mut("h51-026", lambda c: c["expect"].update(value=52.0)),
        "unit wrong": mut("h51-014", lambda c: c["expect"].update(unit="count")),
        "lang tag swapped": mut("h51-021", lambda c: c.update(tags=[t if t != "en" else "zh" for t in c["tags"]])),
    }
    good = True
    for name, cs in muts.items():
        ok, errs = check_all(cs)
        caught = ok < N_CASES
        print(f"selftest {name}: {'caught' if caught else 'MISSED'}" + (f" -> {errs[0]}" if errs else ""))
        good &= caught
    return good


def main(argv: list[str]) -> int:
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    for f in ALL:  # our R1-R4 against the gold's own verdicts (information only)
        mine = {k: ("pass" if not v else "fail") for k, v in FINDINGS[f].items()}
        theirs = {k: ("pass" if str(v).startswith("pass") else "fail") for k, v in REPS[f]["gold_checks"].items()}
        if theirs and mine != theirs:
            print(f"NOTE {f}: recomputed {mine} vs gold {theirs}")
    ok, errs = check_all(cases)
    for e in errs:
        print("MISMATCH", e)
    if len(cases) != N_CASES:
        print(f"MISMATCH SET: {len(cases)} cases, want {N_CASES}")
        ok = min(ok, len(cases))
    print(f"SUMMARY {ok}/{N_CASES}")
    rc = 0 if ok == N_CASES and not errs else 1
    if "--selftest" in argv:
        rc = rc if selftest(cases) else 1
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
