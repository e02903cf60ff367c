#!/usr/bin/env python3
"""Recompute every expected answer of qa_holdout77.jsonl from tests/fixtures/gold/*.json (and
data/samples/*.txt for passage / mention cases). Stdlib only. Prints each mismatch, then SUMMARY n/120;
exits 0 only when all 120 cases match (values, cite lists, guessed_unit and mixed_years tags)."""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
R = {}
for p in sorted(GOLD.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    R[Path(d["file"]).name] = d
A, B, C, D, E = (n for n in sorted(R) if n.endswith(".txt"))
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
P5, P20, ALL = [A, B, C, D, E], [f for f in (A, B, C, D, E) if R[f]["year"] == 2020], list(R)
P19_20 = [f for f in ALL if R[f]["year"] in (2019, 2020)]
PA, PP, NT, HT, PD = "active.procurement.amount", "active.procurement.projects", "requests.new.total", "requests.handled.total", "active.penalty.decisions"
W = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
     "withheld_process", "withheld_enforcement", "withheld_query"]
REC = ["upheld", "corrected", "other", "pending", "total"]


def name(f, year=False):
    n = R[f]["agency"]
    return f"{n}（{R[f]['year']}年）" if year else n


def failing_groups(f):
    r4 = R[f]["checks"].get("R4", "pass")
    return set(re.findall(r"(\w+): [\d+ ]+=", r4)) if r4.startswith("fail") else set()


class Ctx:
    def __init__(self, quality=False):
        self.cite, self.guessed, self.years, self.quality = [], False, set(), quality

    def v(self, f, key):
        fact = R[f]["facts"][key]
        assert fact["state"] == "number", f"{f}#{key} is {fact['state']}"
        grp = key.split(".")[1] if key.startswith("review.") else None
        if grp in failing_groups(f) and not self.quality:
            raise AssertionError(f"{f}#{key} belongs to a group failing R4")
        c = f"{f}#{key}"
        if c not in self.cite:
            self.cite.append(c)
        if key == PA and fact.get("unit_assumed"):
            self.guessed = True
        self.years.add(R[f]["year"])
        return fact["value"]

    def bare(self, *fs):
        for f in fs:
            if f not in self.cite:
                self.cite.append(f)

    def rank(self, fs, key, desc=True, year=False):
        vals = [(self.v(f, key), f) for f in fs]
        vals.sort(key=lambda t: -t[0] if desc else t[0])
        return vals


def N(v, unit="count"): return {"kind": "number", "value": v, "unit": unit}
def AG(v): return {"kind": "agency", "value": v}
def L(v, o=False): return {"kind": "list", "values": v, "ordered": o}
def BO(v): return {"kind": "boolean", "value": bool(v)}


def pick(vals, pos):
    """the agency at 0-based position pos of a ranking; its value must not tie a neighbour."""
    v, f = vals[pos]
    assert all(x[0] != v for i, x in enumerate(vals) if i != pos), f"tie at position {pos + 1}"
    return f


def section_text(f, sec):
    text = (SAMPLES / f).read_text(encoding="utf-8")
    lines = text.splitlines()
    heads = [(i, l) for i, l in enumerate(lines) if re.match(r"^[#\s*]*[一二三四五六]、", l) and len(l.strip()) < 60]
    heads = [(i, l) for i, l in heads if not re.search(r"\d", l)]
    out = []
    for j, (i, l) in enumerate(heads):
        if re.match(rf"^[#\s*]*{sec}、", l):
            end = heads[j + 1][0] if j + 1 < len(heads) else len(lines)
            out.append("\n".join(lines[i + 1:end]))
    return "\n".join(out)


def P(ctx, f, sec, words):
    body = section_text(f, sec)
    assert len(body) > 40 and any(w in body for w in words), f"{f} section {sec} lacks {words}"
    ctx.bare(f)
    return {"kind": "passages", "files": [f], "sections": [sec]}


def mention(ctx, word, fs):
    hit = [f for f in fs if word in (SAMPLES / f).read_text(encoding="utf-8")]
    ctx.bare(*hit)
    return L([name(f) for f in hit])


def U(ctx, f=None, key=None, state=None, agency_year=None, failing=None, none=False):
    if key:
        st = R[f]["facts"].get(key, {"state": "absent"})["state"]
        assert st == state, f"{f}#{key} is {st}, expected {state}"
    if agency_year:
        ag, yr = agency_year
        assert not any(R[x]["agency"] == ag and R[x]["year"] == yr for x in R), "report exists"
    if failing:
        assert failing[1] in failing_groups(failing[0])
    return {"kind": "unanswerable"}


def pct(a, b): return 100.0 * a / b


S = {}
def case(i):
    def deco(fn):
        S["h77-%03d" % i] = fn
        return fn
    return deco

# ---- v-gongkaiban 001-022
S["h77-001"] = lambda c: N(c.v(H4, "active.coercion.decisions"))
S["h77-002"] = lambda c: N(c.v(D, "requests.unavailable_not_held.total"))
S["h77-003"] = lambda c: N(c.v(H3, "active.licensing.decisions") + c.v(H4, "active.licensing.decisions"))
S["h77-004"] = lambda c: N(sum(1 for f in P20 if c.v(f, PP) > 10))
S["h77-005"] = lambda c: AG(name(pick(c.rank(P5, PP), 1)))
S["h77-006"] = lambda c: U(c, D, "requests.carried_out.total", "blank")
@case(7)
def _(c): c.bare(H3); return BO(R[H3]["template"] == "2021")
S["h77-008"] = lambda c: BO(c.v(H3, PD) > c.v(H4, PD))
S["h77-009"] = lambda c: N(c.v(H4, NT) - c.v(H3, NT))
S["h77-010"] = lambda c: N(pct(c.v(H4, "requests.granted.total"), c.v(H4, HT)), "percent")
S["h77-011"] = lambda c: N(sum(1 for f in ALL if c.v(f, PD) == 0))
S["h77-012"] = lambda c: P(c, D, "五", ["问题", "有待"])
@case(13)
def _(c): c.bare(C); return L([R[C]["province"]])
S["h77-014"] = lambda c: N(sum(c.v(f, PA) for f in P20) / len(P20), "yuan")
S["h77-015"] = lambda c: N(c.v(H4, "active.fees.amount"), "yuan")
@case(16)
def _(c):
    r = c.rank(ALL, NT)
    return L([name(pick(r, i), year=R[pick(r, i)]["agency"] == R[H3]["agency"]) for i in range(3)], True)
S["h77-017"] = lambda c: U(c, A, "requests.unavailable_not_held.total", "blank")
S["h77-018"] = lambda c: N(sum(1 for f in P20 if c.v(f, PA) > 100000))
S["h77-019"] = lambda c: mention(c, "考核", P20)
S["h77-020"] = lambda c: BO(c.v(D, "requests.granted.total") > c.v(C, "requests.granted.total"))
@case(21)
def _(c): c.bare(D); return BO(R[D]["agency_kind"] == "street_office")
S["h77-022"] = lambda c: N(c.v(H4, "active.normative.in_force"))
# ---- v-grad 023-044
S["h77-023"] = lambda c: N(c.v(H3, "requests.withheld_process.total"))
S["h77-024"] = lambda c: N(pct(c.v(H4, "requests.unavailable_not_held.total"), c.v(H4, HT)), "percent")
S["h77-025"] = lambda c: N(c.v(C, PA) / c.v(C, PP), "yuan")
S["h77-026"] = lambda c: AG(name(pick(c.rank(P5, PA, desc=False), 0)))
S["h77-027"] = lambda c: AG(name(pick(c.rank(P5, PA), 2)))
S["h77-028"] = lambda c: U(c, H4, PA, "absent")
S["h77-029"] = lambda c: N(sum(1 for f in ALL if c.v(f, NT) >= 2))
S["h77-030"] = lambda c: N(sum(c.v(f, NT) for f in P20))
S["h77-031"] = lambda c: N(c.v(H3, "active.coercion.decisions") - c.v(H4, "active.coercion.decisions"))
S["h77-032"] = lambda c: BO(c.v(H3, "active.fees.amount") > c.v(H4, "active.fees.amount"))
@case(33)
def _(c):
    c.quality = True
    v = [c.v(H3, "review.reconsideration." + k) for k in REC]
    assert "reconsideration" in failing_groups(H3)
    return BO(sum(v[:4]) == v[4])
S["h77-034"] = lambda c: N(c.v(C, "active.penalty.prev_items"))
@case(35)
def _(c): c.bare(E); return L([R[E]["province"]])
S["h77-036"] = lambda c: P(c, B, "五", ["加强", "提升"])
S["h77-037"] = lambda c: N(pct(c.v(H4, "active.licensing.decisions"), c.v(H3, "active.licensing.decisions")), "percent")
S["h77-038"] = lambda c: U(c, H4, "requests.other_no_fee.total", "absent")
S["h77-039"] = lambda c: N(sum(1 for f in P20 if c.v(f, "active.penalty.prev_items") != 0))
@case(40)
def _(c):
    r = c.rank(P5, PD)
    return L([name(pick(r, 0)), name(pick(r, 1))], True)
S["h77-041"] = lambda c: BO(c.v(B, PP) > c.v(D, PP))
S["h77-042"] = lambda c: N(sum(c.v(f, NT) for f in ALL) / len(ALL))
S["h77-043"] = lambda c: N(c.v(H4, "review.lawsuit_after_review.other"))
@case(44)
def _(c): c.bare(*P5); return BO(any(R[f]["template"] == "2021" for f in P5))
# ---- v-jizhe-plain 045-066
S["h77-045"] = lambda c: AG(name(pick(c.rank([f for f in ALL if "洪泽" not in R[f]["agency"]], PD), 0)))
S["h77-046"] = lambda c: N(c.v(C, PA) - c.v(B, PA), "yuan")
@case(47)
def _(c):
    fs = [f for f in ALL if R[f]["year"] == 2020 and R[f]["province"] == "福建省"]
    c.bare(*fs); return N(len(fs))
S["h77-048"] = lambda c: N(sum(c.v(f, PP) for f in P20 if R[f]["province"] == "福建省"))
S["h77-049"] = lambda c: U(c, D, "requests.declined_duplicate.total", "blank")
S["h77-050"] = lambda c: N(pct(c.v(D, "requests.unavailable_not_held.total"), c.v(D, NT)), "percent")
S["h77-051"] = lambda c: BO(c.v(H4, "active.licensing.decisions") > 3 * c.v(H4, PD))
S["h77-052"] = lambda c: P(c, E, "五", ["规范", "不足"])
S["h77-053"] = lambda c: AG(name(pick(c.rank(P20, PA), 1)))
S["h77-054"] = lambda c: N(c.v(H3, "active.normative.repealed"))
@case(55)
def _(c):
    c.quality = True
    v = [c.v(H3, "review.lawsuit_after_review." + k) for k in REC]
    assert "lawsuit_after_review" in failing_groups(H3)
    return BO(sum(v[:4]) == v[4])
S["h77-056"] = lambda c: N(c.v(H4, "requests.partial.total") - c.v(H3, "requests.partial.total"))
S["h77-057"] = lambda c: N(sum(1 for f in ALL if c.v(f, "active.coercion.decisions") > 100))
S["h77-058"] = lambda c: N(c.v(B, "active.penalty.prev_items"))
@case(59)
def _(c):
    c.bare(*ALL); out = []
    for f in ALL:
        if R[f]["province"] not in out: out.append(R[f]["province"])
    return L(out)
S["h77-060"] = lambda c: mention(c, "微博", P19_20)
S["h77-061"] = lambda c: N(sum(c.v(f, PA) for f in P20) / sum(c.v(f, PP) for f in P20), "yuan")
S["h77-062"] = lambda c: U(c, failing=(H3, "reconsideration"))
S["h77-063"] = lambda c: BO(c.v(C, PD) > c.v(C, "active.penalty.prev_items"))
S["h77-064"] = lambda c: AG(name(pick(c.rank(P20, NT), 0)))
S["h77-065"] = lambda c: N(c.v(A, PA) - c.v(D, PA), "yuan")
S["h77-066"] = lambda c: N(c.v(H4, "requests.withheld_safety.total"))
# ---- v-ngo 067-088
S["h77-067"] = lambda c: N(pct(c.v(C, "requests.granted.total"), c.v(C, HT)), "percent")
S["h77-068"] = lambda c: N(sum(c.v(f, PD) for f in P20 if R[f]["agency"].endswith("统计局")))
@case(69)
def _(c):
    fs = [f for f in ALL if R[f].get("agency_kind") == "department"]
    c.bare(*fs); return N(len({R[f]["agency"] for f in fs}))
S["h77-070"] = lambda c: AG(name(pick(c.rank(P20, NT, desc=False), 0)))
S["h77-071"] = lambda c: U(c, D, "requests.declined_complaint.total", "blank")
S["h77-072"] = lambda c: N(pct(c.v(H3, "requests.unavailable_not_held.total"), c.v(H3, HT)), "percent")
S["h77-073"] = lambda c: BO(c.v(H4, "active.normative.issued") > c.v(H4, "active.normative.repealed"))
S["h77-074"] = lambda c: N(pct(c.v(H3, PD), c.v(H3, "active.licensing.decisions")), "percent")
S["h77-075"] = lambda c: P(c, C, "五", ["问题", "单一"])
S["h77-076"] = lambda c: N(c.v(H4, "review.reconsideration.corrected"))
S["h77-077"] = lambda c: N(sum(1 for f in P5 if c.v(f, PA) > 100000))
S["h77-078"] = lambda c: N(c.v(H3, "active.fees.amount") - c.v(H4, "active.fees.amount"), "yuan")
@case(79)
def _(c): c.bare(B); return BO(R[B]["province"] == "浙江省")
@case(80)
def _(c):
    r = c.rank(P5, PP)
    return L([name(pick(r, i)) for i in range(3)], True)
S["h77-081"] = lambda c: U(c, agency_year=(R[E]["agency"], 2021))
S["h77-082"] = lambda c: N(sum(c.v(f, PD) for f in P20) / len(P20))
S["h77-083"] = lambda c: BO(c.v(H4, "review.lawsuit_direct.total") > c.v(H3, "review.lawsuit_direct.total"))
S["h77-084"] = lambda c: N(c.v(C, "requests.new.person"))
S["h77-085"] = lambda c: N(pct(sum(c.v(H4, f"requests.{w}.total") for w in W), c.v(H4, NT)), "percent")
S["h77-086"] = lambda c: AG(name(pick(c.rank(P5, PP, desc=False), 0)))
@case(87)
def _(c):
    c.quality = True
    for g in ("reconsideration", "lawsuit_after_review"):
        for k in REC:
            c.v(H3, f"review.{g}.{k}")
    return BO([f for f in ALL if failing_groups(f)] == [H3])
S["h77-088"] = lambda c: N(sum(1 for f in ALL if c.v(f, "active.licensing.decisions") == 0))
# ---- v-jumin 089-106
S["h77-089"] = lambda c: N(c.v(E, PA), "yuan")
S["h77-090"] = lambda c: N(c.v(D, HT))
S["h77-091"] = lambda c: N(c.v(H4, "review.reconsideration.total"))
S["h77-092"] = lambda c: N(c.v(B, PP))
@case(93)
def _(c):
    c.bare(H3, H4); assert R[H3]["city"] == R[H4]["city"]; return L([R[H3]["city"]])
S["h77-094"] = lambda c: BO(c.v(A, "review.reconsideration.total") > 0)
S["h77-095"] = lambda c: N(c.v(H3, "requests.withheld_secret.total"))
S["h77-096"] = lambda c: U(c, B, "active.website.visits", "absent")
S["h77-097"] = lambda c: N(c.v(C, PP))
S["h77-098"] = lambda c: N(c.v(B, PA), "yuan")
S["h77-099"] = lambda c: N(c.v(E, PD))
S["h77-100"] = lambda c: N(c.v(H4, NT))
@case(101)
def _(c): c.bare(D); return BO(R[D]["province"] == "福建省")
@case(102)
def _(c):
    fs = [f for f in ALL if R[f]["year"] == 2020]; c.bare(*fs); return N(len(fs))
S["h77-103"] = lambda c: N(c.v(H3, "requests.partial.total"))
S["h77-104"] = lambda c: mention(c, "政务新媒体", P19_20)
S["h77-105"] = lambda c: N(c.v(A, "requests.withheld_third_party.total"))
S["h77-106"] = lambda c: U(c, H3, PA, "absent")
# ---- v-liaotian 107-120 (multi-turn)
S["h77-107"] = lambda c: N(c.v(H4, PD))
@case(108)
def _(c):
    top = pick(c.rank(P20, PP), 0); return N(c.v(top, PA), "yuan")
@case(109)
def _(c):
    first, second = c.v(H3, NT), c.v(H4, NT)
    return N(pct(second, first), "percent")
S["h77-110"] = lambda c: N(c.v(B, PD))
@case(111)
def _(c):
    r = c.rank(P5, PA); pick(r, 0); pick(r, 1)
    return N(r[0][0] - r[1][0], "yuan")
S["h77-112"] = lambda c: BO(c.v(H4, "active.licensing.decisions") > c.v(H4, PD))
S["h77-113"] = lambda c: N(c.v(D, "requests.granted.total") + c.v(D, "requests.withheld_third_party.total"))
S["h77-114"] = lambda c: N(c.v(H3, "active.coercion.decisions"))
S["h77-115"] = lambda c: AG(name(pick(c.rank(P20, PP), 1)))
S["h77-116"] = lambda c: BO(c.v(A, NT) == c.v(B, NT))
@case(117)
def _(c):
    first, second = c.v(H3, "active.fees.amount"), c.v(H4, "active.fees.amount")
    return N(pct(second, first), "percent")
@case(118)
def _(c):
    low = pick(c.rank(P20, PA, desc=False), 0); return N(c.v(low, PP))
S["h77-119"] = lambda c: N(pct(c.v(H4, "requests.granted.total") + c.v(H4, "requests.partial.total"), c.v(H4, HT)), "percent")
S["h77-120"] = lambda c: N(c.v(C, PD) - c.v(E, PD))


def same(exp, got):
    if exp["kind"] != got["kind"]:
        return False
    k = exp["kind"]
    if k == "number":
        # much tighter than the harness's 0.5 %: four significant decimals or one cent
        return exp["unit"] == got["unit"] and abs(exp["value"] - got["value"]) <= max(1e-5 * abs(got["value"]), 0.01)
    if k == "list":
        if bool(exp.get("ordered")) != bool(got["ordered"]):
            return False
        return exp["values"] == got["values"] if got["ordered"] else sorted(exp["values"]) == sorted(got["values"])
    if k in ("agency", "boolean"):
        return exp["value"] == got["value"]
    if k == "passages":
        return exp["files"] == got["files"] and exp["sections"] == got["sections"]
    return True


def main():
    path = ROOT / "eval" / "qa_holdout77.jsonl"
    cases = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    ok, bad = 0, []
    ids = [c["id"] for c in cases]
    if ids != ["h77-%03d" % i for i in range(1, 121)]:
        bad.append("ids are not h77-001 … h77-120 in order")
    langs = [t for c in cases for t in c["tags"] if t in ("zh", "en")]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        bad.append(f"language tags: zh {langs.count('zh')} en {langs.count('en')}")
    for case in cases:
        cid, errs = case["id"], []
        fn = S.get(cid)
        if fn is None:
            print(f"{cid}: no reference spec"); continue
        ctx = Ctx(quality="quality" in case["tags"])
        try:
            got = fn(ctx)
        except Exception as e:  # noqa: BLE001
            print(f"{cid}: reference failed: {e}"); continue
        if not same(case["expect"], got):
            errs.append(f"expect {case['expect']} != reference {got}")
        if got["kind"] == "unanswerable":
            ctx.cite = []
        if case["cite"] != ctx.cite:
            errs.append(f"cite {case['cite']} != reference {ctx.cite}")
        for tag, want in (("guessed_unit", ctx.guessed), ("mixed_years", len(ctx.years) > 1)):
            if (tag in case["tags"]) != want:
                errs.append(f"tag {tag} should be {'present' if want else 'absent'}")
        if ("multiturn" in case["tags"]) != bool(case.get("turns")):
            errs.append("multiturn tag vs turns")
        if errs:
            for e in errs:
                print(f"{cid}: {e}")
        else:
            ok += 1
    for b in bad:
        print(b)
    if bad:
        ok = min(ok, 119)
    print(f"SUMMARY {ok}/{len(cases)}")
    sys.exit(0 if ok == 120 == len(cases) else 1)


if __name__ == "__main__":
    main()
