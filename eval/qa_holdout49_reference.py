#!/usr/bin/env python3
"""Independent reference check for eval/qa_holdout49.jsonl (stdlib only).

Recomputes every expected answer, cite list and the guessed_unit / mixed_years tags from the
hand-checked gold JSON (tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt). Prints each mismatch and a SUMMARY line; exits 0 only when all 120 agree.

Rules applied: only cells in state `number` are used; cells of a group that fails R1/R3/R4 are used
only in cases tagged data-quality (questions about the failure itself); every unanswerable case
names its reason and the reason is verified; money in yuan.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
DATA = ROOT / "eval" / "qa_holdout49.jsonl"

REP = {}
for p in sorted(GOLD.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    REP[Path(g["file"]).name] = g
AL = {"A": "000_2133ae744f48d674.txt", "B": "001_19df74b8cb7281a4.txt", "C": "002_c42cd15df52a6935.txt",
      "D": "003_acfa5b9243423631.txt", "E": "004_5206fb2196a31c52.txt",
      "H3": "hongze-qu-gov-2023.pdf", "H4": "hongze-qu-gov-2024.pdf"}
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
RV = ["upheld", "corrected", "other", "pending", "total"]
W8 = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]
U3 = ["not_held", "needs_creation", "unclear"]


def kind_of(g):
    if g.get("agency_kind"):
        return g["agency_kind"]
    name = g["agency"]
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or name.endswith("镇") or name.endswith("乡"):
        return "street_office"
    return "department"


def failing_cells(g):
    """Cells of groups that break R1 (per column), R3 (per row) or R4 (per review row)."""
    f = g["facts"]
    num = lambda k: f.get(k, {}).get("state") == "number"
    val = lambda k: f[k]["value"]
    bad = set()
    for col in COLS:  # R1
        ks = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        if all(num(k) for k in ks) and abs(val(ks[0]) + val(ks[1]) - val(ks[2]) - val(ks[3])) > 1e-9:
            bad.update(ks)
    rows = sorted({k.split(".")[1] for k in f if k.startswith("requests.")})
    for r in rows:  # R3
        ks = [f"requests.{r}.{c}" for c in COLS]
        if all(num(k) for k in ks) and abs(sum(val(k) for k in ks[:-1]) - val(ks[-1])) > 1e-9:
            bad.update(ks)
    for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):  # R4
        ks = [f"review.{grp}.{x}" for x in RV]
        if all(num(k) for k in ks) and abs(sum(val(k) for k in ks[:-1]) - val(ks[-1])) > 1e-9:
            bad.update(ks)
    return bad


FAIL = {fn: failing_cells(g) for fn, g in REP.items()}
HEAD = [("一", "总体情况"), ("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请"),
        ("四", "行政复议"), ("五", "存在的主要问题"), ("六", "其他需要报告")]


def sections(fn):
    """Canonical section -> text of a sample report, split at headings matched by meaning."""
    out, cur = {}, None
    for line in (SAMPLES / fn).read_text(encoding="utf-8").splitlines():
        s = re.sub(r"^[#\s*]+", "", line).strip("* \t")
        m = re.match(r"^([一二三四五六])、(.*)$", s)
        if m and len(s) < 40 and any(m.group(1) == n and w in m.group(2) for n, w in HEAD):
            cur = m.group(1)
            continue
        if cur:
            out[cur] = out.get(cur, "") + line + "\n"
    return out


class Ctx:
    def __init__(self, dq=False):
        self.cites, self.dq = [], dq

    def v(self, a, key):
        fn = AL[a]
        cell = REP[fn]["facts"].get(key)
        if cell is None or cell.get("state") != "number":
            raise AssertionError(f"{fn}#{key} is not a number cell ({cell and cell.get('state')})")
        if key in FAIL[fn] and not self.dq:
            raise AssertionError(f"{fn}#{key} belongs to a group failing a balance rule")
        c = f"{fn}#{key}"
        if c not in self.cites:
            self.cites.append(c)
        return cell["value"]

    def meta(self, a):
        fn = AL[a]
        if fn not in self.cites:
            self.cites.append(fn)
        return REP[fn]

    def unusable(self, a, key):
        fn = AL[a]
        cell = REP[fn]["facts"].get(key)
        ok = cell is None or cell.get("state") != "number" or key in FAIL[fn]
        if not ok:
            raise AssertionError(f"{fn}#{key} is usable, yet the case says unanswerable")
        return {"kind": "unanswerable"}

    def passage(self, a, secs, kw):
        fn = AL[a]
        txt = sections(fn)
        hit = [s for s in secs if kw in txt.get(s, "")]
        if not hit:
            raise AssertionError(f"{kw!r} not found in sections {secs} of {fn}")
        if fn not in self.cites:
            self.cites.append(fn)
        return {"kind": "passages", "files": [fn], "sections": secs}


N = lambda x, u="count": {"kind": "number", "value": x, "unit": u}
AG = lambda a: REP[AL[a]]["agency"]
L = lambda vs, o=False: {"kind": "list", "values": vs, "ordered": o}
BO = lambda x: {"kind": "boolean", "value": bool(x)}
UN = {"kind": "unanswerable"}
ALL5 = ["A", "B", "C", "D", "E"]
ALL7 = ALL5 + ["H3", "H4"]
Y2020 = [a for a in ALL7 if REP[AL[a]]["year"] == 2020]


def argbest(x, vals, hi=True):
    best = max(vals) if hi else min(vals)
    winners = [a for a, v in zip(x, vals) if v == best]
    assert len(winners) == 1, f"tie: {winners}"
    return {"kind": "agency", "value": AG(winners[0])}


def rank(x, vals):
    pairs = sorted(zip(x, vals), key=lambda p: -p[1])
    assert len({v for _, v in pairs}) == len(pairs), "tie in ranking"
    return L([AG(a) for a, _ in pairs], True)


def uniq_agencies(x, pred):
    out = []
    for a in x:
        if pred(a) and AG(a) not in out:
            out.append(AG(a))
    return out


def no_report(pred):
    assert not any(pred(g) for g in REP.values()), "a matching report exists"
    return UN


S = {}
S[1] = lambda c: N(c.v("H4", "active.licensing.decisions"))
S[2] = lambda c: N(c.v("H3", "active.coercion.decisions"))
S[3] = lambda c: BO(c.v("B", "active.procurement.projects") == 19)
S[4] = lambda c: N(c.v("H4", "active.coercion.decisions"))
S[5] = lambda c: N(c.v("H3", "active.fees.amount") - c.v("H4", "active.fees.amount"), "yuan")
S[6] = lambda c: N(c.v("H4", "requests.new.total") - c.v("H3", "requests.new.total"))
S[7] = lambda c: N((c.v("H4", "requests.new.total") - c.v("H3", "requests.new.total")) / REP[AL["H3"]]["facts"]["requests.new.total"]["value"] * 100, "percent")
S[8] = lambda c: N(c.v("H3", "active.penalty.decisions") + c.v("H4", "active.penalty.decisions"))
S[9] = lambda c: N(c.v("H4", "requests.granted.total") / c.v("H4", "requests.handled.total") * 100, "percent")
S[10] = lambda c: N(c.v("H3", "requests.granted.total"))
S[11] = lambda c: N(c.v("H3", "requests.unavailable_not_held.total"))
S[12] = lambda c: N(c.v("H4", "requests.unavailable_not_held.total"))
S[13] = lambda c: N((c.v("H4", "requests.granted.total") + c.v("H4", "requests.partial.total")) / c.v("H4", "requests.handled.total") * 100, "percent")
S[14] = lambda c: BO(c.v("H4", "active.normative.in_force") > c.v("H3", "active.normative.in_force"))
S[15] = lambda c: N(c.v("H3", "active.normative.repealed"))
S[16] = lambda c: N(c.v("H4", "active.normative.issued"))
S[17] = lambda c: N(c.v("H4", "review.reconsideration.total"))
S[18] = lambda c: c.unusable("H3", "review.reconsideration.total")
S[19] = lambda c: BO(sum(c.v("H3", f"review.reconsideration.{x}") for x in RV[:-1]) == c.v("H3", "review.reconsideration.total"))
S[20] = lambda c: N(sum(c.v("H3", f"review.reconsideration.{x}") for x in RV[:-1]) - c.v("H3", "review.reconsideration.total"))
S[21] = lambda c: N(sum(1 for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
                        if sum(c.v("H3", f"review.{g}.{x}") for x in RV[:-1]) != c.v("H3", f"review.{g}.total")))
S[22] = lambda c: BO(c.v("H3", "review.lawsuit_direct.total") == 0)
S[23] = lambda c: N(c.v("H4", "review.lawsuit_direct.total") + c.v("H4", "review.lawsuit_after_review.total"))
S[24] = lambda c: c.unusable("H3", "review.lawsuit_after_review.total")
S[25] = lambda c: rank(Y2020, [c.v(a, "active.procurement.amount") for a in Y2020])
S[26] = lambda c: argbest(ALL5, [c.v(a, "active.procurement.amount") for a in ALL5], hi=False)
S[27] = lambda c: N(c.v("E", "active.procurement.amount"), "yuan")
S[28] = lambda c: N(c.v("C", "active.procurement.amount") / c.v("C", "active.procurement.projects"), "yuan")
S[29] = lambda c: N(c.v("D", "active.procurement.amount"), "yuan")
S[30] = lambda c: N(sum(c.v(a, "active.procurement.amount") for a in ALL5), "yuan")
S[31] = lambda c: N(sum(c.v(a, "active.procurement.projects") for a in Y2020))
S[32] = lambda c: (c.unusable("H3", "active.procurement.amount"), c.unusable("H4", "active.procurement.amount"))[0]
S[33] = lambda c: c.unusable("H4", "active.procurement.amount")
S[34] = lambda c: N(c.v("C", "active.procurement.amount") - c.v("B", "active.procurement.amount"), "yuan")
S[35] = lambda c: N(c.v("B", "active.procurement.amount") / c.v("B", "active.procurement.projects"), "yuan")
S[36] = lambda c: rank(ALL5, [c.v(a, "active.procurement.projects") for a in ALL5])
S[37] = lambda c: N(c.v("B", "active.penalty.decisions"))
BUREAU20 = [a for a in Y2020 if REP[AL[a]]["agency"].endswith("统计局")]
S[38] = lambda c: argbest(BUREAU20, [c.v(a, "active.penalty.decisions") for a in BUREAU20])
S[39] = lambda c: N(c.v("E", "active.penalty.prev_items"))
S[40] = lambda c: N(c.v("A", "active.penalty.decisions"))
S[41] = lambda c: N(c.v("B", "active.penalty.decisions") - c.v("A", "active.penalty.decisions"))
S[42] = lambda c: N(sum(c.v(a, "active.penalty.decisions") for a in BUREAU20))
S[43] = lambda c: N(c.v("H3", "active.penalty.decisions") + c.v("H3", "active.coercion.decisions"))
S[44] = lambda c: N(c.v("H4", "active.licensing.decisions") - c.v("H3", "active.licensing.decisions"))
S[45] = lambda c: N((c.v("H3", "active.penalty.decisions") - c.v("H4", "active.penalty.decisions")) / REP[AL["H3"]]["facts"]["active.penalty.decisions"]["value"] * 100, "percent")
S[46] = lambda c: N(c.v("H4", "active.fees.amount"), "yuan")
S[47] = lambda c: BO(abs(c.v("H3", "active.fees.amount") - 7730.28 * 10000) < 0.01)
S[48] = lambda c: N(c.v("E", "active.other_services.prev_items") + c.v("E", "active.coercion.prev_items"))
S[49] = lambda c: N(c.v("D", "requests.unavailable_not_held.total"))
S[50] = lambda c: N(c.v("D", "requests.granted.total") / c.v("D", "requests.handled.total") * 100, "percent")
S[51] = lambda c: c.unusable("D", "requests.carried_out.total")
S[52] = lambda c: c.unusable("D", "requests.declined_complaint.total")
S[53] = lambda c: N(sum(c.v(a, "requests.new.total") for a in Y2020))
S[54] = lambda c: N(sum(1 for a in ALL7 if c.v(a, "requests.new.total") == 0))
S[55] = lambda c: N(sum(1 for a in Y2020 if c.v(a, "requests.new.total") > 0))
S[56] = lambda c: argbest(ALL7, [c.v(a, "requests.new.total") for a in ALL7])
S[57] = lambda c: N(c.v("C", "requests.granted.total") / c.v("C", "requests.new.total") * 100, "percent")
S[58] = lambda c: N(c.v("H3", "requests.withheld_process.total") + c.v("H4", "requests.withheld_process.total"))
S[59] = lambda c: N(sum(c.v("H4", f"requests.unavailable_{u}.total") for u in U3))
S[60] = lambda c: N(sum(c.v("H3", f"requests.withheld_{w}.total") for w in W8))
S[61] = lambda c: N(sum(c.v("H4", f"requests.withheld_{w}.total") for w in W8))
S[62] = lambda c: BO(c.v("H3", "requests.new.total") + c.v("H3", "requests.carried_in.total") == c.v("H3", "requests.handled.total") + c.v("H3", "requests.carried_out.total"))
S[63] = lambda c: BO(c.v("B", "requests.partial.person") == c.v("B", "requests.partial.total"))
S[64] = lambda c: N(c.v("C", "requests.handled.business"))
S[65] = lambda c: N(c.v("E", "requests.handled.total"))
S[66] = lambda c: L(uniq_agencies(ALL7, lambda a: c.v(a, "requests.partial.total") > 0))
S[67] = lambda c: L(uniq_agencies(ALL5, lambda a: c.v(a, "requests.granted.total") > 0))
S[68] = lambda c: N(c.v("H4", "requests.unavailable_not_held.total") / c.v("H4", "requests.handled.total") * 100, "percent")
S[69] = lambda c: N(c.v("H4", "requests.unavailable_not_held.total") - c.v("H3", "requests.unavailable_not_held.total"))
S[70] = lambda c: N(c.v("H4", "requests.carried_out.total"))
S[71] = lambda c: N(c.v("C", "review.lawsuit_direct.pending"))
S[72] = lambda c: BO(any(c.v(a, "review.reconsideration.total") > 0 for a in ALL5))
S[73] = lambda c: N(c.v("H4", "review.lawsuit_after_review.other"))
S[74] = lambda c: N(c.v("H4", "review.reconsideration.corrected") / c.v("H4", "review.reconsideration.total") * 100, "percent")
S[75] = lambda c: c.unusable("H3", "review.lawsuit_after_review.upheld")
S[76] = lambda c: c.unusable("H3", "review.reconsideration.upheld")
S[77] = lambda c: N(sum(c.v("H3", f"review.lawsuit_after_review.{x}") for x in RV[:-1]) - c.v("H3", "review.lawsuit_after_review.total"))
S[78] = lambda c: N(sum(1 for a in ALL7 if REP[AL[a]]["template"] == "2021" and c.meta(a)))
S[79] = lambda c: L(uniq_agencies(ALL5, lambda a: REP[AL[a]]["published"] is None and c.meta(a)))
S[80] = lambda c: BO(c.meta("D")["published"] == "2021-01-15")
S[81] = lambda c: BO(kind_of(c.meta("H4")) == "government")
S[82] = lambda c: N(sum(1 for a in ALL7 if kind_of(REP[AL[a]]) == "department" and REP[AL[a]]["agency"].endswith("统计局") and c.meta(a)))
S[83] = lambda c: argbest([a for a in ALL7 if kind_of(REP[AL[a]]) == "street_office" and c.meta(a)], [1])
S[84] = lambda c: BO(c.meta("C")["city"] == "宁波市")
S[85] = lambda c: L(uniq_agencies(ALL7, lambda a: REP[AL[a]]["province"] == "福建省" and c.meta(a)))
S[86] = lambda c: L(uniq_agencies(ALL7, lambda a: REP[AL[a]]["year"] == 2020 and c.meta(a)))
S[87] = lambda c: L(sorted(REP[AL[a]]["year"] for a in ALL7 if REP[AL[a]]["agency"] == "淮安市洪泽区人民政府" and c.meta(a)))
S[88] = lambda c: BO(all(c.meta(a)["template"] == "2021" for a in ("H3", "H4")))
S[89] = lambda c: BO(c.meta("C")["year"] == 2020)
S[90] = lambda c: c.passage("D", ["五"], "答复依申请公开处理水平有待提高")
S[91] = lambda c: c.passage("B", ["五"], "加强学习，提高认识")
S[92] = lambda c: c.passage("E", ["五"], "公开意识及内容需要进一步深化")
S[93] = lambda c: c.passage("A", ["一"], "疫情")
S[94] = lambda c: c.passage("C", ["一"], "完善信息平台建设")
S[95] = lambda c: (c.passage("A", ["一"], "培训"), c.passage("A", ["五"], "培训"), {"kind": "passages", "files": [AL["A"]], "sections": ["一", "五"]})[-1]
S[96] = lambda c: c.passage("D", ["六"], "暂无其他需要报告的事项")
S[97] = lambda c: c.passage("C", ["五"], "信息公开范围单一")
S[98] = lambda c: c.passage("D", ["一"], "公共卫生信息公开")
S[99] = lambda c: N(c.v("H3", "requests.new.total"))
S[100] = lambda c: N(c.v("B", "active.penalty.prev_items"))
S[101] = lambda c: N(c.v("E", "active.procurement.projects"))
S[102] = lambda c: N(c.v("H3", "active.fees.amount"), "yuan")
S[103] = lambda c: N(c.v("H4", "active.coercion.decisions"))
S[104] = lambda c: N(c.v("D", "requests.granted.total"))
S[105] = lambda c: N(c.v("C", "active.penalty.prev_items"))
S[106] = lambda c: N(c.v("H3", "requests.partial.total"))
S[107] = lambda c: N(c.v("H4", "review.lawsuit_direct.total"))
S[108] = lambda c: N(c.v("H3", "review.lawsuit_direct.total"))
S[109] = lambda c: N(c.v("C", "active.procurement.amount"), "yuan")
S[110] = lambda c: N(c.v("H4", "requests.new.total") - next(n["value"] for n in REP[AL["H4"]]["narrative_numbers"]
                                                             if n.get("cell") == "requests.new.total"))
S[111] = lambda c: no_report(lambda g: g.get("city") == "南京市")
S[112] = lambda c: no_report(lambda g: "鹿城区" in g["agency"] and g["year"] == 2021)
S[113] = lambda c: c.unusable("A", "requests.unavailable_not_held.total")
S[114] = lambda c: c.unusable("H4", "requests.other_no_fee.total")
S[115] = lambda c: c.unusable("E", "active.fees.amount")
S[116] = lambda c: N(c.v("H4", "active.rules.in_force"))
S[117] = lambda c: N(c.v("H4", "active.licensing.decisions") / c.v("H3", "active.licensing.decisions") * 100, "percent")
S[118] = lambda c: BO(c.v("H3", "requests.unavailable_needs_creation.total") > c.v("H4", "requests.unavailable_needs_creation.total"))
S[119] = lambda c: N(c.v("C", "active.rules.public_total") - c.v("C", "active.rules.published"))
S[120] = lambda c: argbest(Y2020, [c.v(a, "active.procurement.amount") / c.v(a, "active.procurement.projects") for a in Y2020])

CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")


def same_expect(want, got):
    if want["kind"] != got["kind"]:
        return False
    k = want["kind"]
    if k == "number":
        if want["unit"] != got.get("unit"):
            return False
        w, g = want["value"], got.get("value")
        return isinstance(g, (int, float)) and abs(w - g) <= max(1e-6, abs(w) * 1e-5)
    if k in ("agency", "boolean"):
        return want["value"] == got.get("value")
    if k == "list":
        if bool(want["ordered"]) != bool(got.get("ordered")):
            return False
        return want["values"] == got.get("values") if want["ordered"] else sorted(map(str, want["values"])) == sorted(map(str, got.get("values", [])))
    if k == "passages":
        return sorted(want["files"]) == sorted(got.get("files", [])) and sorted(want["sections"]) == sorted(got.get("sections", []))
    if k == "unanswerable":
        return bool(got.get("note"))
    return False


def main():
    lines = [l for l in DATA.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    bad = []
    if len(cases) != 120:
        bad.append(f"expected 120 cases, found {len(cases)}")
    ids = [c["id"] for c in cases]
    if ids != [f"h49-{i:03d}" for i in range(1, 121)]:
        bad.append("ids are not h49-001 .. h49-120 in order")
    nzh = sum("zh" in c["tags"] for c in cases)
    nen = sum("en" in c["tags"] for c in cases)
    if (nzh, nen) != (60, 60):
        bad.append(f"language split zh={nzh} en={nen}, want 60/60")
    ok = 0
    for case in cases:
        i = int(case["id"].split("-")[1])
        errs = []
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            errs.append("unknown field")
        if "turns" in case and not (1 <= len(case["turns"]) <= 3):
            errs.append("a chat must have 2-4 turns")
        if any(not CITE_RE.match(x) for x in case["cite"]):
            errs.append("cite does not match the loader's regex")
        if ("zh" in case["tags"]) == ("en" in case["tags"]):
            errs.append("needs exactly one of zh/en")
        dq = "data-quality" in case["tags"]
        ctx = Ctx(dq=dq)
        try:
            want = S[i](ctx)
        except AssertionError as e:
            errs.append(f"reference failed: {e}")
            want = None
        if want is not None:
            if not same_expect(want, case["expect"]):
                errs.append(f"expect {case['expect']} != reference {want}")
            if sorted(ctx.cites) != sorted(case["cite"]):
                errs.append(f"cite {case['cite']} != reference {ctx.cites}")
            cells = [x.split("#") for x in ctx.cites if "#" in x]
            guessed = any(REP[f]["facts"][k].get("unit_assumed") for f, k in cells)
            years = {REP[x.split("#")[0]]["year"] for x in ctx.cites}
            if guessed != ("guessed_unit" in case["tags"]):
                errs.append(f"guessed_unit tag should be {guessed}")
            if (len(years) > 1) != ("mixed_years" in case["tags"]):
                errs.append(f"mixed_years tag should be {len(years) > 1} (years {sorted(years)})")
            if want["kind"] == "unanswerable" and case["cite"]:
                errs.append("an unanswerable case cites nothing")
        if errs:
            bad.append(f"{case['id']}: " + "; ".join(errs))
        else:
            ok += 1
    for b in bad:
        print("MISMATCH", b)
    print(f"SUMMARY {ok}/{len(cases)} cases agree with the reference; {len(bad)} problem(s)")
    return 0 if ok == 120 and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
