"""Independent reference for qa_holdout48.jsonl (stdlib only).

Recomputes every case's expected answer, cite list and the guessed_unit / mixed_years tags from the
hand-checked gold JSON (tests/fixtures/gold) and, for passage cases, the sample texts (data/samples).
Conventions: numbers only from cells whose state is `number`; cells of a group failing R1-R4 are
usable only in questions about the failure; money in yuan; Hongze agency kind from its name.
Prints mismatches and a SUMMARY line; exit 0 only when every case matches.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
DATA = ROOT / "eval" / "qa_holdout48.jsonl"
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")

REP = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    cf = d["file"].rsplit("/", 1)[-1]
    kind = d.get("agency_kind") or ("government" if "人民政府" in d["agency"] else None)
    d["_kind"] = kind
    REP[cf] = d
S = {a: f for a, f in zip("G L Y W E".split(), sorted(k for k in REP if k.endswith(".txt")))}
S["H3"] = "hongze-qu-gov-2023.pdf"
S["H4"] = "hongze-qu-gov-2024.pdf"
assert S["Y"].startswith("002_") and S["H3"] in REP and S["H4"] in REP

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUT_ROWS = ["granted", "partial"] + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query")] \
    + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")] \
    + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")] \
    + ["other", "other_no_correction", "other_no_fee", "other_misc"]
REQ_ROWS = ["new", "carried_in"] + OUT_ROWS + ["handled", "carried_out"]


def _num(facts, key):
    f = facts.get(key)
    return f["value"] if f and f["state"] == "number" else None


def bad_cells(d):
    """Cells of groups failing R1-R4 (checked only where every cell is a printed number)."""
    fx, bad, fails = d["facts"], set(), []
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        ks = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
        vs = [_num(fx, k) for k in ks]
        if None not in vs and abs(sum(vs[:4]) - vs[4]) > 1e-9:
            bad.update(ks); fails.append(("R4", g))
    for c in COLS:
        ks = [f"requests.{r}.{c}" for r in ("new", "carried_in", "handled", "carried_out")]
        vs = [_num(fx, k) for k in ks]
        if None not in vs and abs(vs[0] + vs[1] - vs[2] - vs[3]) > 1e-9:
            bad.update(ks); fails.append(("R1", c))
        ks = [f"requests.{r}.{c}" for r in OUT_ROWS if fx.get(f"requests.{r}.{c}", {}).get("state") not in (None, "absent")]
        vs = [_num(fx, k) for k in ks]
        h = _num(fx, f"requests.handled.{c}")
        if None not in vs and h is not None and abs(sum(vs) - h) > 1e-9:
            bad.update(ks + [f"requests.handled.{c}"]); fails.append(("R2", c))
    for r in REQ_ROWS:
        ks = [f"requests.{r}.{c}" for c in COLS]
        vs = [_num(fx, k) for k in ks]
        if None not in vs and abs(sum(vs[:6]) - vs[6]) > 1e-9:
            bad.update(ks); fails.append(("R3", r))
    return bad, fails


BAD = {cf: bad_cells(d) for cf, d in REP.items()}


class NA(Exception):
    pass


CITES = []


def v(a, key, failure=False):
    cf = S[a]
    f = REP[cf]["facts"].get(key)
    if f is None or f["state"] != "number":
        raise NA(f"{cf}#{key} not a number")
    if key in BAD[cf][0] and not failure:
        raise NA(f"{cf}#{key} in a group failing a balance rule")
    CITES.append(f"{cf}#{key}")
    return f["value"]


def ag(a):
    return REP[S[a]]["agency"]


def N(x, unit="count"):
    return {"kind": "number", "value": x, "unit": unit}


def A(x):
    return {"kind": "agency", "value": x}


def LS(xs, ordered=False):
    return {"kind": "list", "values": xs, "ordered": ordered}


def B(x):
    return {"kind": "boolean", "value": bool(x)}


def U(fn):
    try:
        fn()
    except NA:
        CITES.clear()
        return {"kind": "unanswerable"}
    raise AssertionError("expected the data to be unable to answer")


def top(keys_by_agency, low=False):
    vals = {a: v(a, k) for a, k in keys_by_agency}
    ordered = sorted(vals, key=lambda a: vals[a], reverse=not low)
    assert vals[ordered[0]] != vals[ordered[1]] if len(ordered) > 1 else True, "tie at the top"
    return ordered, vals


def rep_for(agency_part, year):
    hits = [cf for cf, d in REP.items() if agency_part in d["agency"] and d["year"] == year]
    if not hits:
        raise NA("no such report")
    return hits[0]


SEC_HEAD = [("一", "总体情况"), ("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请"),
            ("四", "行政复议、行政诉讼"), ("五", "存在的主要问题"), ("六", "其他需要报告")]


def section_text(cf, sec):
    lines = (SAMPLES / cf).read_text(encoding="utf-8").splitlines()
    cur, buf = None, []
    for ln in lines:
        s = ln.strip().lstrip("#* ").strip()
        for num, word in SEC_HEAD:
            if re.match(rf"^{num}、", s) and word in s:
                cur = num
        if cur == sec:
            buf.append(ln)
    return "\n".join(buf)


def P(spec):
    """spec: {short: (section, [keywords that must occur in that section])}."""
    files, secs = [], []
    for a, (sec, kws) in spec.items():
        txt = section_text(S[a], sec)
        for kw in kws:
            assert kw in txt, f"{kw!r} not in {S[a]} section {sec}"
        files.append(S[a]); secs.append(sec)
        CITES.append(S[a])
    return {"kind": "passages", "files": files, "sections": sorted(set(secs))}


def pct(a, b):
    return 100.0 * a / b


def meta(field, a):
    x = REP[S[a]].get(field)
    if x is None:
        raise NA("metadata missing")
    return x


ALL5 = "G L Y W E".split()
Y20 = [a for a in ALL5 if REP[S[a]]["year"] == 2020]
ALL7 = ALL5 + ["H3", "H4"]
REC = lambda a, g: [v(a, f"review.{g}.{c}", failure=True) for c in ("upheld", "corrected", "other", "pending", "total")]
AMT = "active.procurement.amount"


def c096():
    return N(sum(1 for d in REP.values() if d["template"] == "2021"))


def c066():
    out = []
    for a in ALL7:
        cf = S[a]
        if BAD[cf][1]:
            for k in sorted(BAD[cf][0]):
                v(a, k, failure=True)
            if REP[cf]["agency"] not in out:
                out.append(REP[cf]["agency"])
    return LS(out)


def c011():
    r = REC("H3", "reconsideration")
    return B(sum(r[:4]) == r[4])


def c042():
    r = REC("H3", "lawsuit_after_review")
    return N(sum(r[:4]) - r[4])


def c058():
    r = REC("H4", "reconsideration")
    return B(sum(r[:4]) == r[4])


def guessed_any():
    hit = False
    for a in Y20:
        f = REP[S[a]]["facts"][AMT]
        if f.get("unit_assumed"):
            v(a, AMT); hit = True
    return B(hit)


def above(th):
    o, vals = top([(a, AMT) for a in Y20])
    return LS([ag(a) for a in o if vals[a] > th])


C = {
    1: lambda: N(v("H4", "active.licensing.decisions")),
    2: lambda: N(v("H3", "active.coercion.decisions")),
    3: lambda: N(v("L", "active.penalty.decisions")),
    4: lambda: N(v("H4", "active.penalty.decisions") - v("H3", "active.penalty.decisions")),
    5: lambda: N(v("W", "requests.unavailable_not_held.total")),
    6: lambda: N(v("H4", "active.fees.amount"), "yuan"),
    7: lambda: B(v("Y", "active.rules.public_total") > 20),
    8: lambda: N(v("E", "active.procurement.projects")),
    9: lambda: A(ag(top([(a, AMT) for a in Y20])[0][0])),
    10: lambda: N(pct(v("H4", "requests.granted.total"), v("H4", "requests.handled.total")), "percent"),
    11: c011,
    12: lambda: U(lambda: v("H3", "review.reconsideration.total")),
    13: lambda: N(v("L", AMT), "yuan"),
    14: lambda: A(ag(top([(a, "active.penalty.decisions") for a in ALL5])[0][0])),
    15: lambda: A([d["agency"] for d in REP.values() if d["_kind"] == "street_office"][0]),
    16: lambda: N(v("H4", "requests.new.total") - v("H3", "requests.new.total")),
    17: lambda: N(sum(v(a, "active.procurement.projects") for a in Y20 if REP[S[a]]["province"] == "福建省")),
    18: lambda: LS([REP[S[a]]["agency"] for a in ALL5 if "统计局" in ag(a) and REP[S[a]]["province"] == "浙江省"]),
    19: lambda: U(lambda: v("W", "requests.other.total")),
    20: lambda: N(v("G", AMT) / v("G", "active.procurement.projects"), "yuan"),
    21: lambda: N(pct(v("H4", "requests.unavailable_not_held.total"), v("H4", "requests.handled.total")), "percent"),
    22: lambda: B(v("W", "active.penalty.decisions") == 0),
    23: lambda: B(REP[S["Y"]]["template"] == "2021"),
    24: lambda: N(sum(1 for d in REP.values() if AMT not in d["facts"] or d["facts"][AMT]["state"] == "absent")),
    25: lambda: N(v("E", "active.coercion.prev_items")),
    26: lambda: A(ag(top([(a, "requests.new.total") for a in ALL7])[0][0])),
    27: lambda: N(v("H4", "active.normative.in_force")),
    28: lambda: N(v("H3", "active.licensing.decisions") + v("H4", "active.licensing.decisions")),
    29: lambda: N(v("H4", "review.lawsuit_after_review.total")),
    30: lambda: N(pct(v("H4", "review.lawsuit_direct.upheld"), v("H4", "review.lawsuit_direct.total")), "percent"),
    31: lambda: N(sum(1 for a in Y20 if v(a, "active.penalty.decisions") == 0)),
    32: lambda: N(len({d["agency"] for d in REP.values() if d["province"] == "福建省"})),
    33: lambda: U(lambda: meta("published", "Y")),
    34: lambda: B(meta("published", "G").startswith("2021-01")),
    35: lambda: P({"W": ("五", ["答复依申请公开处理水平有待提高"])}),
    36: lambda: P({"L": ("五", ["加强学习，提高认识", "创新工作，提升实效"])}),
    37: lambda: P({"G": ("五", ["学习和培训"]), "Y": ("五", ["加强业务学习培训"])}),
    38: lambda: P({"Y": ("二", ["普法宣传"])}),
    39: lambda: N(sum(v(a, "active.penalty.decisions") for a in Y20 if REP[S[a]]["province"] == "浙江省")),
    40: lambda: N(sum(v(a, "requests.new.total") for a in ALL7 if REP[S[a]]["_kind"] == "government")),
    41: lambda: U(lambda: v("H3", "review.lawsuit_after_review.total")),
    42: c042,
    43: lambda: N(pct(v("H3", "active.penalty.decisions") - v("H4", "active.penalty.decisions"), v("H3", "active.penalty.decisions")), "percent"),
    44: lambda: U(lambda: v("W", "requests.carried_out.total")),
    45: lambda: above(100000),
    46: lambda: N(v("Y", AMT) - v("L", AMT), "yuan"),
    47: lambda: N(v("H3", "requests.withheld_secret.total")),
    48: lambda: N(sum(v("H3", f"requests.withheld_{g}.total") for g in ("secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"))),
    49: lambda: N(v("H4", "review.reconsideration.corrected")),
    50: lambda: N(pct(v("H4", "active.licensing.decisions") - v("H3", "active.licensing.decisions"), v("H3", "active.licensing.decisions")), "percent"),
    51: lambda: U(lambda: v("G", "requests.unavailable_not_held.total")),
    52: guessed_any,
    53: lambda: N(v("E", AMT), "yuan"),
    54: lambda: N(sum(v(a, AMT) for a in Y20), "yuan"),
    55: lambda: N(sum(v(a, AMT) for a in ALL5 if REP[S[a]]["_kind"] == "street_office"), "yuan"),
    56: lambda: A(ag(top([(a, "active.coercion.decisions") for a in ALL7 if REP[S[a]]["year"] == 2023])[0][0])),
    57: lambda: N(v("H4", "requests.new.person")),
    58: c058,
    59: lambda: A(ag(top([(a, "active.procurement.projects") for a in Y20])[0][0])),
    60: lambda: U(lambda: v("H4", "active.procurement.projects")),
    61: lambda: N(pct(v("W", "requests.granted.total"), v("W", "requests.new.total")), "percent"),
    62: lambda: N(v("Y", "requests.carried_in.total")),
    63: lambda: N(v("H3", "active.fees.amount"), "yuan"),
    64: lambda: N(v("H4", "active.fees.amount") - v("H3", "active.fees.amount"), "yuan"),
    65: lambda: N(v("E", "requests.new.total")),
    66: c066,
    67: lambda: N(sum(v("H4", f"active.{r}.decisions") for r in ("licensing", "penalty", "coercion"))),
    68: lambda: N(sum(1 for d in REP.values() if d["year"] == 2020)),
    69: lambda: N(sum(v(a, "active.penalty.prev_items") for a in ALL5 if REP[S[a]]["province"] == "河南省")),
    70: lambda: A(ag(top([(a, "requests.new.total") for a in ALL7 if REP[S[a]]["_kind"] == "department" and REP[S[a]]["province"] == "浙江省"])[0][0])),
    71: lambda: N(v("L", "active.penalty.decisions") - v("L", "active.penalty.prev_items")),
    72: lambda: N(pct(v("G", "requests.withheld_third_party.total"), v("G", "requests.handled.total")), "percent"),
    73: lambda: B(v("H3", "requests.new.total") == v("H3", "requests.handled.total")),
    74: lambda: N(sum(v(a, "active.procurement.projects") for a in ALL7 if "active.procurement.projects" in REP[S[a]]["facts"])),
    75: lambda: A(ag(top([(a, "active.normative.in_force") for a in ALL7 if "active.normative.in_force" in REP[S[a]]["facts"]])[0][0])),
    76: lambda: A(ag(top([(a, AMT) for a in ALL5], low=True)[0][0])),
    77: lambda: N(v("H3", "review.lawsuit_direct.total")),
    78: lambda: N(pct(v("H3", "requests.new.person"), v("H3", "requests.new.total")), "percent"),
    79: lambda: N(v("W", "requests.new.person")),
    80: lambda: N(len({d["agency"] for d in REP.values() if d["_kind"] == "street_office"})),
    81: lambda: A(ag(top([("L", AMT), ("Y", AMT)])[0][0])),
    82: lambda: N(pct(v("H3", "requests.unavailable_not_held.total"), v("H3", "requests.handled.total")), "percent"),
    83: lambda: N(v("H3", "active.normative.repealed")),
    84: lambda: U(lambda: v("Y", "active.fees.amount")),
    85: lambda: N(v("H4", "review.lawsuit_direct.total") + v("H4", "review.lawsuit_after_review.total")),
    86: lambda: N(v("H3", "requests.declined_complaint.total") + v("H4", "requests.declined_complaint.total")),
    87: lambda: N(v("H4", "active.coercion.decisions")),
    88: lambda: A(ag(top([(a, AMT) for a in ALL5 if REP[S[a]]["province"] == "福建省"])[0][0])),
    89: lambda: N(v("Y", "requests.granted.total")),
    90: lambda: B(v("E", "review.reconsideration.total") > 0),
    91: lambda: N(sum(v("G", f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))),
    92: lambda: LS([ag(a) for a in top([(a, AMT) for a in Y20])[0][:3]], True),
    93: lambda: U(lambda: v("H3", "review.reconsideration.upheld")),
    94: lambda: U(lambda: rep_for("二七区统计局", 2021)),
    95: lambda: N(sum(v(a, "requests.new.total") for a in Y20 if REP[S[a]]["province"] == "福建省")),
    96: c096,
    97: lambda: P({"E": ("五", ["公开意识及内容需要进一步深化"])}),
    98: lambda: P({"G": ("一", ["监督保障", "考核"])}),
    99: lambda: P({"Y": ("五", ["信息公开范围单一"])}),
    100: lambda: P({"W": ("五", ["律师", "法律专家"])}),
    101: lambda: N(pct(v("H4", "requests.new.total") - v("H3", "requests.new.total"), v("H3", "requests.new.total")), "percent"),
    102: lambda: N(sum(v(a, "active.penalty.decisions") for a in ALL7 if REP[S[a]]["_kind"] == "department" and REP[S[a]]["year"] == 2019)),
    103: lambda: N(v("L", AMT) / v("L", "active.procurement.projects"), "yuan"),
    104: lambda: N(v("W", "requests.unavailable_not_held.person")),
    105: lambda: (v("G", AMT), B(not REP[S["G"]]["facts"][AMT].get("unit_assumed")))[1],
    106: lambda: A(ag(top([(a, "active.coercion.decisions") for a in ALL7])[0][0])),
    107: lambda: N(pct(v("H4", "requests.partial.total"), v("H4", "requests.handled.total")), "percent"),
    108: lambda: N(sum(v(a, "requests.handled.total") for a in ALL7)),
    109: lambda: N(v("H3", "active.penalty.decisions") + v("H4", "active.penalty.decisions")),
    110: lambda: N(pct(v("H4", "active.licensing.decisions"), sum(v("H4", f"active.{r}.decisions") for r in ("licensing", "penalty", "coercion"))), "percent"),
    111: lambda: LS(sorted({d["agency"] for d in REP.values() if d["_kind"] == "government"})),
    112: lambda: U(lambda: rep_for("鼓楼区统计局", 2019)),
    113: lambda: N(v("G", "active.penalty.prev_items")),
    114: lambda: A(ag(top([("G", "active.penalty.decisions"), ("E", "active.penalty.decisions")])[0][0])),
    115: lambda: N(sum(v(a, "requests.new.total") for a in ALL7 if "区统计局" in ag(a) and REP[S[a]]["year"] == 2020 and REP[S[a]]["province"] == "浙江省")),
    116: lambda: N(sum(v(a, AMT) for a in ALL5 if REP[S[a]]["province"] == "河南省"), "yuan"),
    117: lambda: N(v("H4", "requests.withheld_enforcement.total")),
    118: lambda: N(sum(1 for d in REP.values() if d.get("published"))),
    119: lambda: N(pct(v("G", AMT), sum(v(a, AMT) for a in Y20)), "percent"),
    120: lambda: B(v("H4", "requests.new.business") > v("H4", "requests.new.person")),
}


def same_number(a, b):
    return abs(a - b) <= max(1e-6, 1e-5 * abs(b))


def compare(case, exp, cites):
    errs = []
    e = case["expect"]
    if e["kind"] != exp["kind"]:
        return [f"kind {e['kind']} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if e["unit"] != exp["unit"] or not same_number(e["value"], exp["value"]):
            errs.append(f"number {e['value']} {e['unit']} != {exp['value']} {exp['unit']}")
    elif k in ("agency", "boolean"):
        if e["value"] != exp["value"]:
            errs.append(f"value {e['value']!r} != {exp['value']!r}")
    elif k == "list":
        if bool(e.get("ordered")) != exp["ordered"]:
            errs.append("ordered flag")
        ok = e["values"] == exp["values"] if exp["ordered"] else sorted(map(str, e["values"])) == sorted(map(str, exp["values"]))
        if not ok:
            errs.append(f"list {e['values']} != {exp['values']}")
    elif k == "passages":
        if sorted(e["files"]) != sorted(exp["files"]) or sorted(e["sections"]) != exp["sections"]:
            errs.append(f"passages {e['files']} {e['sections']} != {exp['files']} {exp['sections']}")
    if sorted(set(case["cite"])) != sorted(set(cites)) or len(case["cite"]) != len(set(case["cite"])):
        errs.append(f"cite {case['cite']} != {sorted(set(cites))}")
    guessed = any("#" in c and REP[c.split("#")[0]]["facts"][c.split("#")[1]].get("unit_assumed") for c in cites)
    years = {REP[c.split("#")[0]]["year"] for c in cites}
    for tag, want in (("guessed_unit", guessed), ("mixed_years", len(years) > 1)):
        if (tag in case["tags"]) != want:
            errs.append(f"tag {tag} should be {'present' if want else 'absent'}")
    return errs


def main():
    cases = [json.loads(l) for l in DATA.read_text(encoding="utf-8").splitlines() if l.strip()]
    problems = []
    ids = [c["id"] for c in cases]
    if ids != [f"h48-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h48-001 .. h48-120 in order")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems.append(f"language split zh={langs.count(1)} en={langs.count(2)} (want 60/60)")
    ok = 0
    for i, case in enumerate(cases, 1):
        errs = []
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            errs.append("unknown field")
        if "turns" in case and not (1 <= len(case["turns"]) <= 3):
            errs.append("a chat must have 2-4 turns in all")
        errs += [f"bad cite {c}" for c in case["cite"] if not CITE_RE.match(c)]
        CITES.clear()
        try:
            exp = C[i]()
        except Exception as ex:  # noqa: BLE001
            errs.append(f"reference failed: {type(ex).__name__}: {ex}")
        else:
            errs += compare(case, exp, list(CITES))
        if errs:
            problems.append(f"{case['id']}: " + "; ".join(errs))
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    print(f"SUMMARY {ok}/{len(cases)} cases match the reference" + ("" if not problems else f"; {len(problems)} problem(s)"))
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
