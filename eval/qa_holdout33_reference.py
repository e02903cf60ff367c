#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout33.jsonl, recomputed from the hand-checked gold facts.

Stdlib only. Run from the repository root:

    python3 eval/qa_holdout33_reference.py        # mismatches + SUMMARY, exit 0 only when 120/120 match
    python3 eval/qa_holdout33_reference.py -v     # also print every recomputed answer

Inputs: tests/fixtures/gold/*.json (seven reports) and data/samples/*.txt (the five sample texts, used for
passage / search cases). Nothing else in the repository is read.

For each case the script recomputes `expect` (kind and value / values / ordered / files / sections), the
`cite` list (every cell a computation reads through `Q.v`, plus bare report files for metadata, narrative
figures and passages) and the two derived tags: `guessed_unit` (a cited cell carries `unit_assumed`) and
`mixed_years` (the cited reports span more than one report year). Unanswerable cases assert the reason
(blank / absent cell, failed balance equation, report not stored) instead of computing a value.

Conventions enforced here:
  * only cells in state "number" are values; reading any other cell through Q.v raises;
  * a cell in a failed R1-R4 equation is unusable (Q.v raises) unless the case is about that failure (Q.vf);
  * money in yuan as stored in the gold; percents in percent points, rounded to 2 decimals;
  * rankings / extremes / aggregates cite every compared cell; filter lists cite the cells of the items kept;
  * metadata answers cite the bare files of the reports the answer rests on.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout33.jsonl"
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")

# ----------------------------------------------------------------------------------------------- gold
HANDLES = {
    "A": "000_2133ae744f48d674.json",
    "B": "001_19df74b8cb7281a4.json",
    "C": "002_c42cd15df52a6935.json",
    "D": "003_acfa5b9243423631.json",
    "E": "004_5206fb2196a31c52.json",
    "F": "hongze-qu-gov-2023.json",
    "G": "hongze-qu-gov-2024.json",
}
R = {h: json.loads((GOLD_DIR / f).read_text(encoding="utf-8")) for h, f in HANDLES.items()}
FILE = {h: Path(d["file"]).name for h, d in R.items()}  # cite form: bare file name
BY_FILE = {v: k for k, v in FILE.items()}
SAMPLE_HANDLES = [h for h in R if (SAMPLES / FILE[h]).exists()]


def kind_of(h: str) -> str:
    """agency_kind; the Hongze gold carries none: inferred from the name (人民政府 -> government)."""
    k = R[h].get("agency_kind")
    if k:
        return k
    name = R[h]["agency"]
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    return "department"


# ------------------------------------------------------------------------------- balance checks R1-R4
APPL = ["person", "business", "research", "nonprofit", "legal", "other_org"]
COLS = APPL + ["total"]
WITHHELD = ["withheld_" + w for w in ("secret", "law", "safety", "third_party", "internal", "process",
                                      "enforcement", "query")]
UNAVAIL = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_" + w for w in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
OTHER21 = ["other_no_correction", "other_no_fee", "other_misc"]


def _num(h, key):
    f = R[h]["facts"].get(key)
    return f["value"] if f and f["state"] == "number" else None


def outcome_rows(h):
    facts = R[h]["facts"]
    rows = ["granted", "partial"] + WITHHELD + UNAVAIL + DECLINED
    if all(facts.get(f"requests.{r}.total", {}).get("state") == "number" for r in OTHER21):
        rows += OTHER21
    else:
        rows += ["other"]
    return rows


def equations(h):
    """Every balance equation of a report as (rule, name, lhs_keys, rhs_keys)."""
    eqs = []
    for col in COLS:
        eqs.append(("R1", col, [f"requests.new.{col}", f"requests.carried_in.{col}"],
                    [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
        eqs.append(("R2", col, [f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in outcome_rows(h)]))
    rows = ["new", "carried_in"] + outcome_rows(h) + ["handled", "carried_out"]
    for r in rows:
        eqs.append(("R3", r, [f"requests.{r}.total"], [f"requests.{r}.{a}" for a in APPL]))
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        eqs.append(("R4", g, [f"review.{g}.total"], [f"review.{g}.{c}" for c in ("upheld", "corrected", "other",
                                                                                  "pending")]))
    return eqs


def check_report(h):
    """(status per rule, failed equations as (rule, name, keys))."""
    status = {r: "pass" for r in ("R1", "R2", "R3", "R4")}
    failed = []
    for rule, name, lhs, rhs in equations(h):
        vals = [_num(h, k) for k in lhs + rhs]
        if any(v is None for v in vals):
            continue  # blank / absent cell: not checkable, not a failure
        if abs(sum(vals[:len(lhs)]) - sum(vals[len(lhs):])) > 1e-9:
            status[rule] = "fail"
            failed.append((rule, name, lhs + rhs))
    return status, failed


CHECKS = {h: check_report(h) for h in R}
FAILED_CELLS = {h: {k for _, _, keys in CHECKS[h][1] for k in keys} for h in R}
for _h, (_st, _f) in CHECKS.items():  # the recomputed checks must agree with the gold's own record
    for _rule, _s in _st.items():
        assert R[_h]["checks"][_rule].startswith(_s), (_h, _rule, _s, R[_h]["checks"][_rule])


# ---------------------------------------------------------------------------------- sample text parts
SEC_ORDER = "一二三四五六"
SEC_KEYS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理", "申请情况"), "四": ("复议",),
            "五": ("问题",), "六": ("其他需要报告",)}


def sections(h):
    """{section: [lines]} of a sample text; headings matched by number + meaning, in increasing order."""
    text = (SAMPLES / FILE[h]).read_text(encoding="utf-8")
    cur, out = None, {}
    for line in text.splitlines():
        s = line.strip().lstrip("#").strip().strip("*").strip()
        m = re.match(r"^([一二三四五六])、(.*)$", s)
        if (m and "\t" not in s and any(k in m.group(2) for k in SEC_KEYS[m.group(1)])
                and (cur is None or SEC_ORDER.index(m.group(1)) > SEC_ORDER.index(cur))):
            cur = m.group(1)
        out.setdefault(cur, []).append(line)
    return out


SECTIONS = {h: sections(h) for h in SAMPLE_HANDLES}
for _h in SAMPLE_HANDLES:
    assert [s for s in SECTIONS[_h] if s] == list(SEC_ORDER), (_h, list(SECTIONS[_h]))


# ------------------------------------------------------------------------------------ query context
class Unusable(Exception):
    pass


class Q:
    def __init__(self):
        self.cites: list[str] = []

    def _add(self, c):
        if c not in self.cites:
            self.cites.append(c)

    def peek(self, h, key):
        return R[h]["facts"].get(key)

    def usable(self, h, key):
        f = self.peek(h, key)
        return f is not None and f["state"] == "number" and key not in FAILED_CELLS[h]

    def v(self, h, key, allow_failed=False):
        f = self.peek(h, key)
        if f is None:
            raise Unusable(f"{h} {key}: no such cell")
        if f["state"] != "number":
            raise Unusable(f"{h} {key}: state {f['state']}")
        if key in FAILED_CELLS[h] and not allow_failed:
            raise Unusable(f"{h} {key}: part of a failed balance equation")
        self._add(f"{FILE[h]}#{key}")
        return f["value"]

    def vf(self, h, key):
        return self.v(h, key, allow_failed=True)

    def bare(self, h):
        self._add(FILE[h])


def num(value, unit="count"):
    return {"kind": "number", "value": round(float(value), 2), "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def agency(h):
    return {"kind": "agency", "value": R[h]["agency"]}


def lst(values, ordered=False):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def unanswerable(reason_holds: bool, why: str):
    if not reason_holds:
        raise AssertionError(f"unanswerable reason does not hold: {why}")
    return {"kind": "unanswerable"}


def not_usable(h, key):
    f = R[h]["facts"].get(key)
    return f is None or f["state"] != "number" or key in FAILED_CELLS[h]


def no_report(pred):
    return not any(pred(d) for d in R.values())


def passages(q, h, pattern):
    """Sections of report h whose text matches pattern (regex, per line)."""
    secs = sorted({s for s, lines in SECTIONS[h].items() if s and any(re.search(pattern, ln) for ln in lines)},
                  key=SEC_ORDER.index)
    q.bare(h)
    return {"kind": "passages", "files": [FILE[h]], "sections": secs}


def narrative(h, needle):
    hits = [n for n in R[h].get("narrative_numbers", []) if needle in n["text"]]
    assert len(hits) == 1, (h, needle, hits)
    return hits[0]


def rank(q, handles, key, reverse=True):
    """[(handle, value)] sorted; every compared cell is cited."""
    vals = [(h, q.v(h, key)) for h in handles]
    return sorted(vals, key=lambda t: t[1], reverse=reverse)


def unique_top(pairs, pos=0):
    """the handle at rank `pos` (0-based), asserting no tie at that rank."""
    val = pairs[pos][1]
    tied = [h for h, v in pairs if v == val]
    assert len(tied) == 1, ("tie", tied)
    return pairs[pos][0]


ALL = list(R)
S5 = ["A", "B", "C", "D", "E"]
PROC = [h for h in ALL if "active.procurement.amount" in R[h]["facts"]
        and R[h]["facts"]["active.procurement.amount"]["state"] == "number"]
assert PROC == S5
Y2020 = [h for h in ALL if R[h]["year"] == 2020]
HZ = [h for h in ALL if R[h]["county"] == "洪泽区"]
HZ23 = [h for h in HZ if R[h]["year"] == 2023][0]
HZ24 = [h for h in HZ if R[h]["year"] == 2024][0]


# --------------------------------------------------------------------------------------------- cases
def by_agency(fragment, year=None):
    hs = [h for h in ALL if fragment in R[h]["agency"] and (year is None or R[h]["year"] == year)]
    assert len(hs) == 1, (fragment, year, hs)
    return hs[0]


LC = by_agency("鹿城区统计局")
GL = by_agency("鼓楼区统计局")
YZ = by_agency("鄞州区统计局")
WQ = by_agency("温泉街道")
EQ = by_agency("二七区统计局")


def C001(q): return num(q.v(HZ24, "active.licensing.decisions"))
def C002(q): return num(q.v(LC, "active.penalty.decisions"))
def C003(q): return boolean(q.v(HZ23, "active.coercion.decisions") == 195)
def C004(q): return num(q.v(WQ, "active.procurement.amount"), "yuan")
def C005(q): return num(q.v(HZ23, "active.penalty.decisions") - q.v(HZ24, "active.penalty.decisions"))
def C006(q): return num(q.v(HZ24, "active.fees.amount"), "yuan")
def C007(q): return unanswerable(not_usable(HZ23, "review.reconsideration.total"), "2023 reconsideration total")


def C008(q):
    return agency(unique_top(rank(q, Y2020, "requests.partial.total")))


def C009(q): return num(q.v(HZ24, "active.coercion.decisions"))
def C010(q): return num(q.v(WQ, "requests.new.total"))
def C011(q): return num(q.v(HZ23, "requests.partial.total"))
def C012(q): return num(q.v(HZ23, "active.fees.amount"), "yuan")
def C013(q): return num(q.v(LC, "active.procurement.projects"))
def C014(q): return num(q.v(HZ24, "requests.granted.total"))
def C015(q): return boolean(q.v(HZ24, "active.licensing.decisions") == 9487)
def C016(q): return agency(unique_top(rank(q, PROC, "active.procurement.amount"), 1))


def C017(q): return num(statistics.median(q.v(h, "active.procurement.amount") for h in PROC), "yuan")


def C018(q):
    vals = [q.v(h, "active.procurement.amount") for h in PROC]
    return num(max(vals) - min(vals), "yuan")


def C019(q): return num(statistics.mean(q.v(h, "active.procurement.amount") for h in PROC), "yuan")


def C020(q):
    amt = sum(q.v(h, "active.procurement.amount") for h in PROC)
    prj = sum(q.v(h, "active.procurement.projects") for h in PROC)
    return num(amt / prj, "yuan")


def C021(q):
    per = sorted(((h, q.v(h, "active.procurement.amount") / q.v(h, "active.procurement.projects")) for h in PROC),
                 key=lambda t: t[1], reverse=True)
    return agency(unique_top(per))


def C022(q):
    total = sum(q.v(h, "active.procurement.amount") for h in PROC)
    return pct(q.v(YZ, "active.procurement.amount"), total)


def C023(q):
    r = rank(q, Y2020, "requests.new.total")
    distinct = sorted({v for _, v in r}, reverse=True)
    second = distinct[1]
    return lst([R[h]["agency"] for h, v in r if v == second])


def C024(q): return num(statistics.median(q.v(h, "requests.new.total") for h in ALL))
def C025(q): return num(statistics.mean(q.v(h, "requests.new.total") for h in ALL))


def C026(q):
    r = rank(q, PROC, "active.procurement.amount", reverse=False)
    assert r[1][1] != r[2][1]
    return lst([R[h]["agency"] for h, _ in r[:2]], ordered=True)


def C027(q):
    r = rank(q, S5, "active.penalty.prev_items")
    assert r[2][1] != r[3][1]
    return lst([R[h]["agency"] for h, _ in r[:3]], ordered=True)


def C028(q):
    total = sum(q.v(h, "requests.new.total") for h in Y2020)
    return pct(q.v(WQ, "requests.new.total"), total)


def C029(q): return agency(unique_top(rank(q, PROC, "active.procurement.projects"), 2))


def C030(q):
    vals = [q.v(h, "active.penalty.decisions") for h in ALL]
    return num(max(vals) - min(vals))


def C031(q):
    a, b = q.v(HZ23, "active.licensing.decisions"), q.v(HZ24, "active.licensing.decisions")
    return pct(b - a, a)


def C032(q): return num(sum(q.v(h, "requests.handled.total") for h in HZ))


def C033(q):
    groups = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
    up = sum(q.v(HZ24, f"review.{g}.upheld") for g in groups)
    tot = sum(q.v(HZ24, f"review.{g}.total") for g in groups)
    return pct(up, tot)


def C034(q):
    total = sum(q.v(h, "active.procurement.amount") for h in PROC)
    fj = sum(q.v(h, "active.procurement.amount") for h in PROC if R[h]["province"] == "福建省")
    return pct(fj, total)


def C035(q):
    r = rank(q, PROC, "active.procurement.amount")
    return num(r[0][1] - r[2][1], "yuan")


def C036(q): return num(q.v(YZ, "active.rules.public_total"))
def C037(q): return num(q.v(HZ24, "active.normative.in_force") - q.v(HZ23, "active.normative.in_force"))
def C038(q): return num(sum(q.v(HZ23, f"requests.{w}.total") for w in WITHHELD))


def C039(q): return pct(q.v(HZ24, "review.reconsideration.corrected"), q.v(HZ24, "review.reconsideration.total"))


def C040(q): return num(q.v(WQ, "active.procurement.amount") / q.v(WQ, "active.procurement.projects"), "yuan")
def C041(q): return passages(q, YZ, "信息公开范围单一")
def C042(q): return passages(q, EQ, "急务")


def C043(q):
    g = "review.reconsideration."
    parts = sum(q.vf(HZ23, g + c) for c in ("upheld", "corrected", "other", "pending"))
    return boolean(parts == q.vf(HZ23, g + "total"))


def C044(q): return unanswerable(not_usable(HZ23, "review.lawsuit_after_review.total"), "after-review total")


def C045(q):
    hs = [h for h in ALL if R[h]["template"] == "2021"]
    for h in hs:
        q.bare(h)
    return num(len(hs))


def C046(q):
    return agency(unique_top(rank(q, [h for h in ALL if R[h]["template"] == "2019"], "active.rules.public_total")))


def C047(q):
    return unanswerable(all(not_usable(WQ, f"requests.{r}.total") for r in DECLINED), "温泉 declined totals")


def C048(q):
    r = rank(q, ALL, "active.coercion.decisions")
    return {"kind": "agency", "value": R[r[0][0]]["agency"]}


def C049(q): return num(q.v(HZ24, "requests.new.total"))
def C050(q): return num(q.v(HZ23, "active.fees.amount") - q.v(HZ24, "active.fees.amount"), "yuan")
def C051(q): return num(q.v(HZ24, "review.reconsideration.total"))
def C052(q): return boolean(q.v(LC, "active.procurement.amount") > 50000)
def C053(q): return num(q.v(YZ, "active.procurement.projects"))
def C054(q): return num(q.v(HZ23, "requests.withheld_secret.total"))
def C055(q): return num(q.v(EQ, "active.procurement.amount"), "yuan")
def C056(q): return num(q.v(HZ24, "review.lawsuit_direct.total"))


def C057(q):
    f = R[HZ24]["facts"].get("active.procurement.amount")
    return unanswerable(R[HZ24]["template"] == "2021" and (f is None or f["state"] == "absent"), "no procurement")


def C058(q): return num(q.v(HZ24, "active.licensing.decisions"))


def C059(q):
    hs = [h for h in ALL if R[h]["province"] == "福建省"]
    for h in hs:
        q.bare(h)
    return lst(sorted({R[h]["agency"] for h in hs}))


def C060(q): return pct(q.v(HZ24, "requests.partial.total"), q.v(HZ24, "requests.handled.total"))
def C061(q): return boolean(q.v(HZ24, "requests.withheld_secret.total") > 0)
def C062(q): return num(q.v(HZ23, "active.coercion.decisions") - q.v(HZ24, "active.coercion.decisions"))
def C063(q): return unanswerable(R[YZ]["published"] is None, "鄞州 has no date")
def C064(q): return num(q.v(HZ24, "active.normative.issued"))


def C065(q): return agency(unique_top(rank(q, PROC, "active.procurement.projects", reverse=False)))


def C066(q): return num(q.v(HZ24, "requests.unavailable_not_held.total"))


def C067(q): return pct(q.v(HZ23, "requests.unavailable_not_held.total"), q.v(HZ23, "requests.handled.total"))


def C068(q): return num(q.v(HZ24, "requests.unavailable_needs_creation.total"))
def C069(q): return num(sum(q.v(h, "requests.declined_complaint.total") for h in HZ))
def C070(q): return boolean(q.v(HZ24, "requests.declined_duplicate.total") > 0)
def C071(q): return num(q.v(HZ24, "requests.declined_excessive.total"))


def C072(q):
    return pct(q.v(HZ24, "requests.granted.total") + q.v(HZ24, "requests.partial.total"),
               q.v(HZ24, "requests.handled.total"))


def C073(q): return num(q.v(HZ24, "requests.withheld_safety.total"))


def C074(q):
    return pct(sum(q.v(HZ23, f"requests.{r}.total") for r in UNAVAIL), q.v(HZ23, "requests.handled.total"))


def C075(q):
    key = "requests.unavailable_not_held.total"
    keep = [h for h in ALL if q.usable(h, key) and q.peek(h, key)["value"] > 0]
    assert not q.usable(GL, key)  # the blank cell is left out, not read as 0
    for h in keep:
        q.v(h, key)
    return lst(sorted({R[h]["agency"] for h in keep}))


def C076(q): return pct(q.v(WQ, "requests.withheld_third_party.total"), q.v(WQ, "requests.handled.total"))


def C077(q): return unanswerable(not_usable(WQ, "requests.declined_excessive.total"), "温泉 excessive total")


def C078(q): return num(sum(q.v(HZ24, f"requests.new.{a}") for a in APPL if a != "person"))


def C079(q): return num(q.v(HZ23, "requests.withheld_internal.total") + q.v(HZ23, "requests.withheld_process.total"))


def C080(q):
    hs = [h for h in ALL if q.usable(h, "requests.handled.total") and q.peek(h, "requests.handled.total")["value"] > 0]
    shares = sorted(((h, q.v(h, "requests.granted.total") / q.v(h, "requests.handled.total")) for h in hs),
                    key=lambda t: t[1], reverse=True)
    return agency(unique_top(shares))


def C081(q): return num(q.v(HZ24, "requests.new.total"))
def C082(q): return num(q.v(LC, "active.procurement.amount"), "yuan")
def C083(q): return num(q.v(HZ23, "active.penalty.decisions"))
def C084(q): return boolean(q.v(EQ, "requests.new.total") == 12)


def C085(q):
    return unanswerable(no_report(lambda d: "鄞州" in d["agency"] and d["year"] == 2020), "no 鄞州 2020")


def C086(q):
    return unanswerable(no_report(lambda d: d["city"] == "南京市"), "no Nanjing report")


def C087(q):
    n = narrative(HZ23, "主动公开政府信息")
    q.bare(HZ23)
    return num(n["value"])


def C088(q): return boolean(q.v(WQ, "requests.granted.total") == 2)


def C089(q):
    return unanswerable(no_report(lambda d: d["county"] == "洪泽区" and d["year"] == 2022), "no Hongze 2022")


def C090(q): return num(q.v(YZ, "active.rules.public_total"))


def C091(q):
    return unanswerable(R[EQ]["template"] == "2019" and "active.fees.amount" not in R[EQ]["facts"], "no fee amount")


def C092(q): return num(q.v(HZ24, "active.penalty.decisions"))


def C093(q):
    ok = True
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        parts = sum(q.v(HZ24, f"review.{g}.{c}") for c in ("upheld", "corrected", "other", "pending"))
        ok = ok and parts == q.v(HZ24, f"review.{g}.total")
    return boolean(ok)


def C094(q):
    n = narrative(HZ24, "受理政府信息公开申请")
    q.bare(HZ24)
    return boolean(n["value"] == q.v(HZ24, "requests.new.total"))


def C095(q):
    bad = [h for h in ALL if CHECKS[h][1]]
    for h in bad:
        for _, _, keys in CHECKS[h][1]:
            for k in keys:
                q.vf(h, k)
    return lst(sorted({R[h]["agency"] for h in bad}))


def C096(q): return unanswerable(not_usable(WQ, "requests.carried_out.total"), "温泉 carried_out total")
def C097(q): return unanswerable(not_usable(GL, "requests.unavailable_not_held.total"), "鼓楼 not_held total")
def C098(q): return passages(q, WQ, "律师")
def C099(q): return passages(q, GL, "广度和深度")
def C100(q): return passages(q, YZ, "普法宣传")
def C101(q): return passages(q, LC, "强化组织保障")
def C102(q): return passages(q, WQ, "个人信息保护")
def C103(q): return passages(q, EQ, "四个结合")
def C104(q): return passages(q, LC, r"^\s*无\s*$")
def C105(q): return passages(q, GL, "自查未及时主动公开")
def C106(q): return passages(q, WQ, "有待提高")
def C107(q): return passages(q, GL, "新冠疫情")


def _mentions(q, word):
    hs = [h for h in SAMPLE_HANDLES if kind_of(h) == "department" and "统计局" in R[h]["agency"]
          and word in (SAMPLES / FILE[h]).read_text(encoding="utf-8")]
    for h in hs:
        q.bare(h)
    return hs


def C108(q):
    hs = _mentions(q, "新闻发布会")
    assert len(hs) == 1
    return agency(hs[0])


def C109(q): return lst(sorted(R[h]["agency"] for h in _mentions(q, "领导小组")))


def C110(q):
    n = narrative(YZ, "罚款总额")
    q.bare(YZ)
    return num(n["value"], "yuan")


def C111(q):
    n = narrative(GL, "本年度共发布各类信息")
    q.bare(GL)
    return num(n["value"])


def C112(q):
    for h in ALL:
        q.bare(h)
    return num(len({R[h]["agency"] for h in ALL}))


def C113(q):
    dated = [h for h in ALL if R[h]["published"]]
    for h in dated:
        q.bare(h)
    dated.sort(key=lambda h: R[h]["published"])
    assert R[dated[0]]["published"] != R[dated[1]]["published"]
    return agency(dated[0])


def C114(q):
    for h in HZ:
        q.bare(h)
    return lst(sorted(R[h]["year"] for h in HZ))


def C115(q):
    q.bare(HZ23)
    return boolean(R[HZ23]["template"] == "2021")


def C116(q):
    hs = [h for h in ALL if kind_of(h) == "government"]
    for h in hs:
        q.bare(h)
    return num(len(hs))


def C117(q):
    hs = [h for h in ALL if kind_of(h) == "street_office"]
    for h in hs:
        q.bare(h)
    return lst(sorted({R[h]["agency"] for h in hs}))


def C118(q):
    for h in Y2020:
        q.bare(h)
    return num(len(Y2020))


def C119(q):
    for h in ALL:
        q.bare(h)
    return num(len({R[h]["province"] for h in ALL}))


def C120(q):
    hs = [h for h in ALL if R[h]["template"] == "2019" and not R[h]["published"]]
    for h in hs:
        q.bare(h)
    return lst(sorted(R[h]["agency"] for h in hs))


CASES = {f"h33-{i:03d}": globals()[f"C{i:03d}"] for i in range(1, 121)}


# ------------------------------------------------------------------------------------------ compare
def derived_tags(cites):
    guessed = False
    years = set()
    for c in cites:
        f, _, key = c.partition("#")
        h = BY_FILE[f]
        years.add(R[h]["year"])
        if key and R[h]["facts"][key].get("unit_assumed"):
            guessed = True
    return {"guessed_unit": guessed, "mixed_years": len(years) > 1}


def same_expect(got, want):
    if got["kind"] != want["kind"]:
        return False
    k = got["kind"]
    if k == "number":
        return got["unit"] == want["unit"] and round(float(want["value"]), 2) == got["value"]
    if k in ("agency", "boolean"):
        return got["value"] == want["value"]
    if k == "list":
        if bool(want.get("ordered", False)) != got["ordered"]:
            return False
        if got["ordered"]:
            return list(want["values"]) == got["values"]
        return sorted(map(str, want["values"])) == sorted(map(str, got["values"]))
    if k == "passages":
        return sorted(want["files"]) == sorted(got["files"]) and sorted(want["sections"]) == sorted(got["sections"])
    if k == "unanswerable":
        return bool(want.get("note", "").strip())
    return False


def main(argv):
    verbose = "-v" in argv
    lines = [ln for ln in JSONL.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    problems = []
    ids = [c["id"] for c in cases]
    if ids != [f"h33-{i:03d}" for i in range(1, 121)]:
        problems.append(f"ids are not h33-001 .. h33-120 in order ({len(ids)} cases)")
    langs = {"zh": 0, "en": 0}
    kinds = {}
    turns = 0
    ok = 0
    for case in cases:
        cid = case["id"]
        errs = []
        extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
        if extra:
            errs.append(f"unknown fields {sorted(extra)}")
        if not case.get("question", "").strip():
            errs.append("blank question")
        if "turns" in case:
            turns += 1
            if not (isinstance(case["turns"], list) and case["turns"] and all(isinstance(t, str) and t.strip()
                                                                              for t in case["turns"])):
                errs.append("turns must be a non-empty list of strings")
        lang = [t for t in case["tags"] if t in ("zh", "en")]
        if len(lang) != 1:
            errs.append(f"needs exactly one of zh/en, got {lang}")
        else:
            langs[lang[0]] += 1
        bad = [c for c in case["cite"] if not _CITE.match(c)]
        if bad:
            errs.append(f"bad cite {bad[0]!r}")
        if len(set(case["cite"])) != len(case["cite"]):
            errs.append("duplicate cite")
        kinds[case["expect"]["kind"]] = kinds.get(case["expect"]["kind"], 0) + 1
        fn = CASES.get(cid)
        if fn is None:
            errs.append("no reference computation")
        else:
            q = Q()
            try:
                got = fn(q)
            except (Unusable, AssertionError) as e:
                got = None
                errs.append(f"reference failed: {e}")
            if got is not None:
                if verbose:
                    print(f"{cid}: {json.dumps(got, ensure_ascii=False)} cite={q.cites}")
                if not same_expect(got, case["expect"]):
                    errs.append(f"expect {json.dumps(case['expect'], ensure_ascii=False)} "
                                f"!= recomputed {json.dumps(got, ensure_ascii=False)}")
                if sorted(q.cites) != sorted(case["cite"]):
                    errs.append(f"cite {sorted(case['cite'])} != recomputed {sorted(q.cites)}")
                if got["kind"] == "unanswerable" and case["cite"]:
                    errs.append("unanswerable case should cite nothing")
                for tag, want in derived_tags(q.cites).items():
                    if (tag in case["tags"]) != want:
                        errs.append(f"tag {tag}: expected {'present' if want else 'absent'}")
        if errs:
            problems.append(f"{cid}: " + "; ".join(errs))
        else:
            ok += 1
    if langs != {"zh": 60, "en": 60}:
        problems.append(f"language split {langs}, expected 60/60")
    for p in problems:
        print("MISMATCH", p)
    print(f"kinds: {json.dumps(kinds, sort_keys=True)}; multi-turn: {turns}; languages: {langs}")
    print(f"SUMMARY: {ok}/{len(cases)} cases match the reference "
          f"({len(cases) - ok} mismatches, {len(problems) - (len(cases) - ok)} file-level problems)")
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
