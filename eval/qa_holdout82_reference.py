#!/usr/bin/env python3
"""Reference recomputation for eval/qa_holdout82.jsonl (stdlib only).

Every expected answer, cite list and the `guessed_unit` / `mixed_years` tags are recomputed from the
hand-checked gold cells in tests/fixtures/gold/*.json (passages and mentions from the section text of
data/samples/*.txt) and compared with the JSONL. Prints every mismatch and `SUMMARY n/120`; exits 0
only when all 120 cases agree.

Tag rules checked here:
- guessed_unit: required iff a cited cell has `unit_assumed` set in the gold (procurement amounts of
  000, 003, 004).
- mixed_years: required iff the case aggregates (sum, ranking, count, average, median, list) over cells of
  reports of more than one report year. Two-year comparisons (difference, growth, yes/no) are not tagged.
Also checked: no number case cites a blank/absent cell; cells of a group failing R4 (Hongze 2023
reconsideration and lawsuit_after_review) are cited only by cases tagged `quality`.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = {}
for p in sorted((ROOT / "tests/fixtures/gold").glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    d["fname"] = Path(d["file"]).name
    GOLD[d["fname"]] = d
TEXT = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "data/samples").glob("*.txt")}
REPORTS = list(GOLD.values())


def rep(name_part, year=None):
    """The one report whose agency contains name_part (and of that year)."""
    hits = [r for r in REPORTS if name_part in r["agency"] and (year is None or r["year"] == year)]
    assert len(hits) == 1, (name_part, year, [h["fname"] for h in hits])
    return hits[0]


def cell(r, key):
    f = r["facts"].get(key)
    assert f is not None and f["state"] == "number", (r["fname"], key, f)
    return f["value"]


def cid(r, key):
    return f"{r['fname']}#{key}"


GL, LC, YZ, WQ, EQ = rep("鼓楼区统计局"), rep("鹿城区统计局"), rep("鄞州区统计局"), rep("温泉街道"), rep("二七区统计局")
H3, H4 = rep("洪泽区", 2023), rep("洪泽区", 2024)
SAMPLES = [r for r in REPORTS if r["fname"].endswith(".txt")]
Y2020 = [r for r in REPORTS if r["year"] == 2020]
BUREAUS = [r for r in REPORTS if r["agency"].endswith("统计局")]
BUREAUS20 = [r for r in BUREAUS if r["year"] == 2020]
WITHHELD = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


class Spec:
    """What a case should be: expect, cites (as (report, key) or bare report), aggregate flag."""

    def __init__(self, expect, cells=(), bare=(), agg=False):
        self.expect = expect
        self.cells = list(cells)
        self.bare = list(bare)
        self.agg = agg

    def cites(self):
        return [cid(r, k) for r, k in self.cells] + [r["fname"] for r in self.bare]


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return num(a / b * 100, "percent")


def one(r, key, unit="count"):
    return Spec(num(cell(r, key), unit), [(r, key)])


def total(pairs, unit="count", agg=True):
    return Spec(num(sum(cell(r, k) for r, k in pairs), unit), pairs, agg=agg)


def rank(reports, key, pos=0, reverse=True):
    vals = sorted(((cell(r, key), r) for r in reports), key=lambda t: t[0], reverse=reverse)
    # the asked position must not be tied with a neighbour
    assert all(vals[pos][0] != vals[j][0] for j in (pos - 1, pos + 1) if 0 <= j < len(vals)), key
    return Spec({"kind": "agency", "value": vals[pos][1]["agency"]}, [(r, key) for r in reports], agg=True)


def review_group(r, g):
    return [(r, f"review.{g}.{c}") for c in REVIEW_COLS]


def r4_balances(r, g):
    return sum(cell(r, f"review.{g}.{c}") for c in REVIEW_COLS[:4]) == cell(r, f"review.{g}.total")


def sections(fname):
    """Canonical section -> text, by heading meaning (一 … 六) at line starts."""
    out, cur = {}, None
    heads = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
    for line in TEXT[fname].splitlines():
        s = re.sub(r"^[#\s*|]+", "", line).strip("* ")
        m = re.match(r"^([一二三四五六])、(.*)$", s)
        if m and heads[m.group(1)] in m.group(2) and not re.search(r"\t\d|\|\s*\d", line):
            cur = m.group(1)
            out.setdefault(cur, "")
            continue
        if cur:
            out[cur] += line + "\n"
    return out


def passage(r, sec, must):
    body = sections(r["fname"]).get(sec, "")
    assert must in body, (r["fname"], sec, must)
    return Spec({"kind": "passages", "files": [r["fname"]], "sections": [sec]}, bare=[r])


def mention(scope, words):
    hits = [r for r in scope if any(w in TEXT[r["fname"]] for w in words)]
    return Spec({"kind": "list", "values": [r["agency"] for r in hits], "ordered": False}, bare=hits)


def unans(check, note=""):
    assert check, note
    return Spec({"kind": "unanswerable"})


def not_held(name):
    return all(name not in r["agency"] for r in REPORTS)


def year_missing(name_part, year):
    return not [r for r in REPORTS if name_part in r["agency"] and r["year"] == year]


def withheld(r):
    return [(r, f"requests.withheld_{w}.total") for w in WITHHELD]


def specs():
    S = {}
    # ---- 001-020
    S[1] = one(H4, "review.lawsuit_direct.total")
    S[2] = one(H4, "review.lawsuit_after_review.total")
    S[3] = Spec(pct(cell(H4, "review.reconsideration.corrected"), cell(H4, "review.reconsideration.total")),
                [(H4, "review.reconsideration.corrected"), (H4, "review.reconsideration.total")])
    S[4] = total([(H4, f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")], agg=False)
    S[5] = Spec({"kind": "boolean", "value": r4_balances(H3, "reconsideration")}, review_group(H3, "reconsideration"))
    S[6] = Spec({"kind": "boolean", "value": any(cell(r, "review.reconsideration.total") > 0 for r in SAMPLES)},
                [(r, "review.reconsideration.total") for r in SAMPLES], agg=True)
    S[7] = one(WQ, "requests.withheld_third_party.total")
    S[8] = Spec(pct(cell(H4, "requests.unavailable_not_held.total"), cell(H4, "requests.handled.total")),
                [(H4, "requests.unavailable_not_held.total"), (H4, "requests.handled.total")])
    S[9] = one(H4, "requests.new.total")
    a, b = cell(H3, "requests.new.total"), cell(H4, "requests.new.total")
    S[10] = Spec(num((b - a) / a * 100, "percent"), [(H3, "requests.new.total"), (H4, "requests.new.total")])
    S[11] = total([(H4, "review.lawsuit_direct.upheld"), (H4, "review.lawsuit_after_review.upheld")], agg=False)
    S[12] = passage(WQ, "五", "依申请公开处理水平有待提高")
    S[13] = unans(year_missing("洪泽区", 2022))
    S[14] = one(H4, "requests.declined_complaint.total")
    S[15] = total([(H3, "requests.withheld_process.total"), (H4, "requests.withheld_process.total")])
    S[16] = Spec(pct(cell(H4, "requests.granted.total") + cell(H4, "requests.partial.total"), cell(H4, "requests.handled.total")),
                 [(H4, "requests.granted.total"), (H4, "requests.partial.total"), (H4, "requests.handled.total")])
    S[17] = unans(not_held("南京市") and not_held("南京"))
    S[18] = one(LC, "active.penalty.decisions")
    S[19] = one(EQ, "review.reconsideration.total")
    S[20] = Spec({"kind": "boolean", "value": cell(H4, "review.reconsideration.total") == 2 * cell(H4, "review.lawsuit_direct.total")},
                 [(H4, "review.reconsideration.total"), (H4, "review.lawsuit_direct.total")])
    # ---- 021-040
    S[21] = one(LC, "requests.new.total")
    S[22] = one(WQ, "requests.granted.total")
    S[23] = one(H4, "requests.partial.total")
    S[24] = total([(H4, "requests.partial.total"), (H3, "requests.partial.total")])
    S[25] = rank(Y2020, "requests.new.total")
    top = max(Y2020, key=lambda r: cell(r, "requests.new.total"))
    S[26] = one(top, "requests.unavailable_not_held.total")
    S[27] = one(H4, "active.fees.amount", "yuan")
    assert H4["facts"]["active.fees.amount"]["unit_printed"] == "万元" and cell(H4, "active.fees.amount") == float(H4["facts"]["active.fees.amount"]["raw"]) * 10000
    S[28] = one(WQ, "requests.new.business")
    S[29] = one(H4, "requests.new.person")
    S[30] = Spec(num(cell(H4, "requests.granted.total") - cell(H3, "requests.granted.total")),
                 [(H4, "requests.granted.total"), (H3, "requests.granted.total")])
    S[31] = one(YZ, "requests.carried_out.total")
    S[32] = Spec(num(sum(1 for r in BUREAUS20 if cell(r, "requests.new.total") == 0)),
                 [(r, "requests.new.total") for r in BUREAUS20], agg=True)
    S[33] = Spec(num(sum(1 for r in REPORTS if cell(r, "requests.new.total") > 10)),
                 [(r, "requests.new.total") for r in REPORTS], agg=True)
    S[34] = one(H3, "requests.declined_complaint.total")
    S[35] = passage(LC, "五", "加强学习")
    S[36] = Spec(pct(cell(WQ, "requests.unavailable_not_held.total"), cell(WQ, "requests.new.total")),
                 [(WQ, "requests.unavailable_not_held.total"), (WQ, "requests.new.total")])
    S[37] = unans(not_held("杭州"))
    S[38] = unans(year_missing("鄞州", 2020))
    S[39] = Spec(pct(cell(H4, "requests.granted.total"), cell(H4, "requests.new.total")),
                 [(H4, "requests.granted.total"), (H4, "requests.new.total")])
    S[40] = Spec({"kind": "boolean", "value": cell(H4, "requests.new.person") == cell(H4, "requests.new.total")},
                 [(H4, "requests.new.person"), (H4, "requests.new.total")])
    # ---- 041-060
    names = []
    for r in REPORTS:
        if r["agency"] not in names:
            names.append(r["agency"])
    S[41] = Spec({"kind": "list", "values": names, "ordered": False}, bare=REPORTS)
    hz = [r for r in REPORTS if "洪泽区" in r["agency"]]
    S[42] = Spec({"kind": "list", "values": sorted(r["year"] for r in hz), "ordered": False}, bare=hz)
    y23 = [r for r in REPORTS if r["year"] == 2023]
    fail = [(r, g) for r in y23 for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review") if not r4_balances(r, g)]
    assert len({r["fname"] for r, _ in fail}) == 1
    S[43] = Spec({"kind": "agency", "value": fail[0][0]["agency"]}, [c for r, g in fail for c in review_group(r, g)])
    S[44] = Spec(num(sum(cell(H3, f"review.lawsuit_after_review.{c}") for c in REVIEW_COLS[:4]) - cell(H3, "review.lawsuit_after_review.total")),
                 review_group(H3, "lawsuit_after_review"))
    S[45] = Spec({"kind": "boolean", "value": any(r["checks"][k] != "pass" for r in SAMPLES for k in ("R1", "R2", "R3"))}, bare=SAMPLES)
    claim = [n for n in H4["narrative_numbers"] if "受理" in n["text"] and n.get("cell") == "requests.new.total"][0]
    S[46] = Spec({"kind": "boolean", "value": claim["value"] == cell(H4, "requests.new.total")}, [(H4, "requests.new.total")])
    amt = [cell(r, "active.procurement.amount") for r in Y2020]
    S[47] = Spec(num(sum(amt) / len(amt), "yuan"), [(r, "active.procurement.amount") for r in Y2020], agg=True)
    pr = sorted(cell(r, "active.procurement.projects") for r in SAMPLES)
    S[48] = Spec(num(pr[len(pr) // 2]), [(r, "active.procurement.projects") for r in SAMPLES], agg=True)
    S[49] = total([(r, "active.procurement.amount") for r in BUREAUS], "yuan")
    guessed = [r for r in REPORTS if r["facts"].get("active.procurement.amount", {}).get("unit_assumed")]
    S[50] = Spec({"kind": "list", "values": [r["agency"] for r in guessed], "ordered": False},
                 [(r, "active.procurement.amount") for r in guessed], agg=True)
    t21 = [r for r in REPORTS if r["template"] == "2021"]
    S[51] = Spec(num(len(t21)), bare=t21)
    fj = [r for r in REPORTS if r["province"] == "福建省"]
    S[52] = Spec(num(len(fj)), bare=fj)
    S[53] = mention(Y2020, ["培训"])
    S[54] = mention(BUREAUS, ["统计开放日"])
    S[55] = passage(EQ, "五", "不足")
    pen = {r["fname"]: cell(r, "active.penalty.decisions") for r in Y2020}
    avg = sum(pen.values()) / len(pen)
    S[56] = Spec({"kind": "list", "values": [r["agency"] for r in Y2020 if pen[r["fname"]] > avg], "ordered": False},
                 [(r, "active.penalty.decisions") for r in Y2020], agg=True)
    S[57] = Spec({"kind": "boolean", "value": YZ["published"] is not None}, bare=[YZ])
    S[58] = rank(BUREAUS, "active.penalty.decisions", pos=1)
    S[59] = Spec(num(cell(H3, "active.fees.amount") - cell(H4, "active.fees.amount"), "yuan"),
                 [(H3, "active.fees.amount"), (H4, "active.fees.amount")])
    S[60] = unans(not any("visit" in k or "website" in k for r in REPORTS for k in r["facts"]))
    # ---- 061-080
    S[61] = one(LC, "active.penalty.change")
    S[62] = one(YZ, "active.procurement.amount", "yuan")
    S[63] = one(H4, "active.licensing.decisions")
    S[64] = one(H3, "active.licensing.decisions")
    a, b = cell(H3, "active.licensing.decisions"), cell(H4, "active.licensing.decisions")
    S[65] = Spec(num((b - a) / a * 100, "percent"), [(H3, "active.licensing.decisions"), (H4, "active.licensing.decisions")])
    S[66] = rank(Y2020, "active.procurement.amount", pos=1)
    S[67] = rank(SAMPLES, "active.procurement.projects", reverse=False)
    S[68] = Spec({"kind": "boolean", "value": cell(H4, "active.penalty.decisions") < cell(H3, "active.penalty.decisions")},
                 [(H4, "active.penalty.decisions"), (H3, "active.penalty.decisions")])
    S[69] = Spec(num(cell(H3, "active.coercion.decisions") - cell(H4, "active.coercion.decisions")),
                 [(H3, "active.coercion.decisions"), (H4, "active.coercion.decisions")])
    S[70] = Spec(pct(cell(H3, "requests.partial.total"), cell(H3, "requests.handled.total")),
                 [(H3, "requests.partial.total"), (H3, "requests.handled.total")])
    S[71] = one(H3, "active.normative.repealed")
    S[72] = one(H3, "active.normative.in_force")
    zj = [r for r in REPORTS if r["province"] == "浙江省"]
    S[73] = total([(r, "active.procurement.projects") for r in zj])
    S[74] = one(GL, "active.penalty.prev_items")
    S[75] = passage(YZ, "五", "改进措施")
    S[76] = unans(not_held("浦东"))
    wz = [r for r in REPORTS if r["city"] == "温州市"]
    assert len(wz) == 1
    S[77] = one(wz[0], "active.procurement.projects")
    S[78] = one(H4, "requests.withheld_safety.total")
    S[79] = Spec(num(cell(GL, "active.procurement.amount") / cell(GL, "active.procurement.projects"), "yuan"),
                 [(GL, "active.procurement.amount"), (GL, "active.procurement.projects")])
    S[80] = one(YZ, "active.rules.published")
    # ---- 081-100
    S[81] = total([(r, "requests.new.total") for r in REPORTS])
    top3 = sorted(SAMPLES, key=lambda r: cell(r, "active.procurement.amount"), reverse=True)[:3]
    S[82] = Spec({"kind": "list", "values": [r["agency"] for r in top3], "ordered": True},
                 [(r, "active.procurement.amount") for r in SAMPLES], agg=True)
    S[83] = total([(r, "active.procurement.amount") for r in top3], "yuan")
    S[84] = one(H3, "active.fees.amount", "yuan")
    S[85] = Spec(num(sum(1 for r in SAMPLES if cell(r, "active.procurement.amount") > 10 * 10000)),
                 [(r, "active.procurement.amount") for r in SAMPLES], agg=True)
    S[86] = Spec({"kind": "boolean", "value": cell(H4, "requests.granted.total") > cell(H3, "requests.granted.total")},
                 [(H4, "requests.granted.total"), (H3, "requests.granted.total")])
    a, b = cell(H3, "active.penalty.decisions"), cell(H4, "active.penalty.decisions")
    assert b < a
    S[87] = Spec(num((a - b) / a * 100, "percent"), [(H3, "active.penalty.decisions"), (H4, "active.penalty.decisions")])
    am = sorted(cell(r, "active.procurement.amount") for r in Y2020)
    S[88] = Spec(num((am[1] + am[2]) / 2, "yuan"), [(r, "active.procurement.amount") for r in Y2020], agg=True)
    S[89] = rank(BUREAUS20, "active.penalty.decisions")
    tb = max(BUREAUS20, key=lambda r: cell(r, "active.penalty.decisions"))
    S[90] = Spec(pct(cell(tb, "active.penalty.decisions"), sum(cell(r, "active.penalty.decisions") for r in BUREAUS20)),
                 [(r, "active.penalty.decisions") for r in BUREAUS20], agg=True)
    S[91] = Spec(num(len(REPORTS)), bare=REPORTS)
    S[92] = Spec(pct(cell(H4, "active.licensing.decisions"), cell(H4, "active.penalty.decisions")),
                 [(H4, "active.licensing.decisions"), (H4, "active.penalty.decisions")])
    ks = ["requests.new.total", "requests.carried_in.total", "requests.handled.total", "requests.carried_out.total"]
    v = [cell(H4, k) for k in ks]
    S[93] = Spec({"kind": "boolean", "value": v[0] + v[1] == v[2] + v[3]}, [(H4, k) for k in ks])
    S[94] = unans("active.procurement.amount" not in H4["facts"] and H4["template"] == "2021")
    S[95] = Spec(num(sum(cell(r, "requests.new.total") for r in Y2020) / len(Y2020)), [(r, "requests.new.total") for r in Y2020], agg=True)
    S[96] = rank(SAMPLES, "active.procurement.amount", pos=1, reverse=False)
    S[97] = total([(H3, "active.coercion.decisions"), (H4, "active.coercion.decisions")])
    pp = {r["fname"]: cell(r, "active.procurement.amount") / cell(r, "active.procurement.projects") for r in (LC, WQ)}
    S[98] = Spec({"kind": "agency", "value": max((LC, WQ), key=lambda r: pp[r["fname"]])["agency"]},
                 [(LC, "active.procurement.amount"), (LC, "active.procurement.projects"),
                  (WQ, "active.procurement.amount"), (WQ, "active.procurement.projects")])
    S[99] = unans(not_held("海淀"))
    S[100] = passage(GL, "五", "广度和深度")
    # ---- 101-120
    S[101] = one(H4, "requests.withheld_process.total")
    S[102] = total(withheld(H3), agg=False)
    S[103] = total(withheld(H4), agg=False)
    S[104] = Spec({"kind": "boolean", "value": sum(cell(r, k) for r, k in withheld(H3)) == sum(cell(r, k) for r, k in withheld(H4))},
                  withheld(H3) + withheld(H4))
    S[105] = Spec(pct(cell(H3, "requests.unavailable_not_held.total"), cell(H3, "requests.handled.total")),
                  [(H3, "requests.unavailable_not_held.total"), (H3, "requests.handled.total")])
    S[106] = Spec({"kind": "boolean", "value": cell(WQ, "requests.new.total") > cell(EQ, "requests.new.total")},
                  [(WQ, "requests.new.total"), (EQ, "requests.new.total")])
    S[107] = Spec(num(sum(1 for r in REPORTS if cell(r, "requests.new.total") == 0)), [(r, "requests.new.total") for r in REPORTS], agg=True)
    S[108] = mention(Y2020, ["新冠", "疫情"])
    S[109] = rank(REPORTS, "requests.new.total")
    S[110] = rank([r for r in REPORTS if "洪泽" not in r["agency"]], "requests.new.total")
    S[111] = one(H4, "review.reconsideration.upheld")
    S[112] = Spec(pct(cell(H4, "review.lawsuit_after_review.upheld"), cell(H4, "review.lawsuit_after_review.total")),
                  [(H4, "review.lawsuit_after_review.upheld"), (H4, "review.lawsuit_after_review.total")])
    S[113] = Spec({"kind": "boolean", "value": r4_balances(H3, "lawsuit_after_review")}, review_group(H3, "lawsuit_after_review"))
    failing = [r for r in REPORTS if any(v != "pass" for v in r["checks"].values())]
    S[114] = Spec(num(len(failing)), [c for r in failing for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
                                      if not r4_balances(r, g) for c in review_group(r, g)])
    S[115] = one(H4, "requests.carried_in.total")
    S[116] = unans(not any("day" in k or "time" in k for r in REPORTS for k in r["facts"]))
    S[117] = Spec({"kind": "boolean", "value": any(r["year"] in (2021, 2022) for r in REPORTS)}, bare=REPORTS)
    S[118] = Spec({"kind": "list", "values": sorted({r["year"] for r in REPORTS}), "ordered": False}, bare=REPORTS)
    S[119] = Spec(pct(cell(LC, "requests.partial.total"), cell(LC, "requests.handled.total")),
                  [(LC, "requests.partial.total"), (LC, "requests.handled.total")])
    S[120] = unans(EQ["template"] == "2019" and "active.fees.amount" not in EQ["facts"])
    return S


FAILING = set()
for r in REPORTS:
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        if not r4_balances(r, g):
            FAILING.update(cid(r, k) for _, k in review_group(r, g))


def close(a, b):
    return isinstance(a, (int, float)) and abs(a - b) <= 1e-3  # JSONL values are rounded to 4 decimals


def compare(case, spec):
    errs = []
    e, x = case["expect"], spec.expect
    if e.get("kind") != x["kind"]:
        return [f"kind {e.get('kind')} != {x['kind']}"]
    k = x["kind"]
    if k == "number":
        if e.get("unit") != x["unit"]:
            errs.append(f"unit {e.get('unit')} != {x['unit']}")
        if not close(e.get("value"), x["value"]):
            errs.append(f"value {e.get('value')} != {x['value']}")
    elif k in ("agency", "boolean"):
        if e.get("value") != x["value"]:
            errs.append(f"value {e.get('value')!r} != {x['value']!r}")
    elif k == "list":
        if bool(e.get("ordered")) != x["ordered"]:
            errs.append("ordered flag differs")
        got, want = e.get("values"), x["values"]
        if (got != want) if x["ordered"] else (sorted(map(str, got)) != sorted(map(str, want))):
            errs.append(f"values {got} != {want}")
    elif k == "passages":
        if sorted(e.get("files", [])) != sorted(x["files"]) or sorted(e.get("sections", [])) != sorted(x["sections"]):
            errs.append(f"passages {e.get('files')}/{e.get('sections')} != {x['files']}/{x['sections']}")
    cites = spec.cites()
    if sorted(case.get("cite", [])) != sorted(cites) or len(set(case.get("cite", []))) != len(case.get("cite", [])):
        errs.append(f"cite {case.get('cite')} != {cites}")
    tags = set(case.get("tags", []))
    guessed = any(GOLD[r["fname"]]["facts"][key].get("unit_assumed") for r, key in spec.cells)
    if guessed != ("guessed_unit" in tags):
        errs.append(f"guessed_unit tag should be {'present' if guessed else 'absent'}")
    mixed = spec.agg and len({r["year"] for r, _ in spec.cells} | {r["year"] for r in spec.bare if spec.cells}) > 1
    if mixed != ("mixed_years" in tags):
        errs.append(f"mixed_years tag should be {'present' if mixed else 'absent'}")
    if "quality" not in tags and FAILING & set(case.get("cite", [])):
        errs.append("cites a cell of a failing R4 group outside a quality question")
    return errs


def main():
    path = ROOT / "eval/qa_holdout82.jsonl"
    cases = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    S = specs()
    ok = 0
    if len(cases) != 120:
        print(f"expected 120 cases, found {len(cases)}")
    for i, case in enumerate(cases, start=1):
        errs = []
        if case.get("id") != f"h82-{i:03d}":
            errs.append(f"id {case.get('id')} out of sequence")
        lang = "zh" if i <= 60 else "en"
        if lang not in case.get("tags", []) or ({"zh", "en"} - {lang}) & set(case.get("tags", [])):
            errs.append(f"language tag should be {lang}")
        if "turns" in case and not (isinstance(case["turns"], list) and case["turns"]):
            errs.append("turns must be a non-empty list when present")
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            errs.append("unknown field")
        spec = S.get(i)
        if spec is None:
            errs.append("no reference spec")
        else:
            errs += compare(case, spec)
        if errs:
            for e in errs:
                print(f"{case.get('id')}: {e}")
        else:
            ok += 1
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
