#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout65.jsonl (stdlib only).

Recomputes every case's expected answer, its cite list and its guessed_unit / mixed_years tags from
tests/fixtures/gold/*.json (and, for passage cases, the section text of data/samples/*.txt), checks the
balance rules R1-R4 itself (cells of a failing group are usable only by 'quality' cases), and prints
every mismatch and 'SUMMARY n/120'. Exit 0 only at 120/120.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
DATA = ROOT / "eval" / "qa_holdout65.jsonl"

ALIAS = {"G": "000_2133ae744f48d674", "L": "001_19df74b8cb7281a4", "Y": "002_c42cd15df52a6935",
         "W": "003_acfa5b9243423631", "E": "004_5206fb2196a31c52",
         "H23": "hongze-qu-gov-2023", "H24": "hongze-qu-gov-2024"}
REP = {}
for a, stem in ALIAS.items():
    d = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    d["cite_file"] = Path(d["file"]).name          # hongze: hongze-qu-gov-2023.pdf
    if not d.get("agency_kind"):                   # hongze: kind from the name
        d["agency_kind"] = "government" if "人民政府" in d["agency"] else "department"
    REP[a] = d

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
           "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
           "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
           "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation",
           "other", "other_no_correction", "other_no_fee", "other_misc"]


def checks(d):
    """(failing cell keys, failed rule names) from R1-R4 recomputed on number cells; blank => skipped."""
    f = d["facts"]
    st = lambda k: f[k]["state"] if k in f else "absent"
    val = lambda k: f[k]["value"]
    bad, rules = set(), []

    def test(name, lhs, rhs):
        keys = lhs + rhs
        if any(st(k) not in ("number",) for k in keys):
            return
        if abs(sum(val(k) for k in lhs) - sum(val(k) for k in rhs)) > 1e-9:
            bad.update(keys); rules.append(name)

    for c in COLS:
        test(f"R1[{c}]", [f"requests.new.{c}", f"requests.carried_in.{c}"], [f"requests.handled.{c}", f"requests.carried_out.{c}"])
        terms = [f"requests.{r}.{c}" for r in OUTCOME if st(f"requests.{r}.{c}") != "absent"]
        test(f"R2[{c}]", [f"requests.handled.{c}"], terms)
    rows = sorted({k.split(".")[1] for k in f if k.startswith("requests.")})
    for r in rows:
        if st(f"requests.{r}.total") == "absent":
            continue
        test(f"R3[{r}]", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in COLS[:-1]])
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        test(f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")])
    return bad, rules


for a, d in REP.items():
    d["bad"], d["failed"] = checks(d)


class Unanswerable(Exception):
    pass


class Ctx:
    def __init__(self, quality):
        self.quality, self.cites, self.used = quality, [], []

    def v(self, a, key):
        """A usable number (no cite)."""
        d = REP[a]
        cell = d["facts"].get(key)
        if cell is None or cell["state"] != "number":
            raise Unanswerable(f"{a} {key}: {cell['state'] if cell else 'no such cell'}")
        if key in d["bad"] and not self.quality:
            raise Unanswerable(f"{a} {key}: group fails {d['failed']}")
        return cell["value"]

    def c(self, a, key):
        """A usable number, cited."""
        x = self.v(a, key)
        cite = f"{REP[a]['cite_file']}#{key}"
        if cite not in self.cites:
            self.cites.append(cite); self.used.append((a, key))
        return x

    def p(self, a):
        self.cites.append(REP[a]["cite_file"])


AG = lambda a: REP[a]["agency"]
N = lambda v, u="count": {"kind": "number", "value": v, "unit": u}
B = lambda v: {"kind": "boolean", "value": bool(v)}
A = lambda v: {"kind": "agency", "value": v}
LI = lambda vals, ordered=False: {"kind": "list", "values": vals, "ordered": ordered}
UNANS = {"kind": "unanswerable"}
PR = "active.procurement.amount"
PJ = "active.procurement.projects"
NEW = "requests.new.total"
HND = "requests.handled.total"
Y2020 = [a for a in ALIAS if REP[a]["year"] == 2020]
ALL = list(ALIAS)


def unans(fn):
    """The answer needs a cell that is blank/absent/failing: fn must raise Unanswerable."""
    def spec(x):
        try:
            fn(x)
        except Unanswerable:
            x.cites.clear(); x.used.clear()
            return UNANS
        raise AssertionError("expected an unusable cell but all cells were usable")
    return spec


def no_cell(a, key):
    def f(x):
        if key in REP[a]["facts"] and REP[a]["facts"][key]["state"] == "number":
            return
        raise Unanswerable(key)
    return f


def ranked(x, alist, key, desc=True):
    vals = [(x.v(a, key), a) for a in alist]
    vals.sort(key=lambda t: -t[0] if desc else t[0])
    return vals


def hz(a):  # Hongze fee: printed in 万元, stored in yuan
    cell = REP[a]["facts"]["active.fees.amount"]
    assert cell.get("unit_printed") == "万元" and abs(float(cell["raw"]) * 10000 - cell["value"]) < 1e-6
    return cell["value"]


def section_text(a, sec):
    """Text of canonical section sec (一..六) of sample report a, matched by heading meaning."""
    keys = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理", "四": "行政复议", "五": "存在的主要问题", "六": "其他需要报告"}
    lines = (SAMPLES / REP[a]["file"]).read_text(encoding="utf-8").splitlines()
    heads = {}
    for i, ln in enumerate(lines):
        s = re.sub(r"^[#\s*]+", "", ln).strip("* ")
        m = re.match(r"^([一二三四五六])、(.*)$", s)
        if m and keys[m.group(1)] in m.group(2) and m.group(1) not in heads:
            heads[m.group(1)] = i
    order = sorted(heads.items(), key=lambda t: t[1])
    for j, (s, i) in enumerate(order):
        if s == sec:
            end = order[j + 1][1] if j + 1 < len(order) else len(lines)
            return "\n".join(lines[i:end])
    raise AssertionError(f"no section {sec} in {a}")


def passage(a, sec, word):
    def spec(x):
        assert word in section_text(a, sec), f"'{word}' not in section {sec} of {a}"
        for other in "一二三四五六":
            if other != sec:
                try:
                    assert word not in section_text(a, other), f"'{word}' also in section {other} of {a}"
                except AssertionError as e:
                    if "no section" not in str(e):
                        raise
        x.p(a)
        return {"kind": "passages", "files": [REP[a]["file"]], "sections": [sec]}
    return spec


def pct(a, b):
    return 100.0 * a / b


S = {}
def case(n):
    def deco(fn):
        S[f"h65-{n:03d}"] = fn
        return fn
    return deco

# ---- 纪检监察 (001-015)
S["h65-001"] = lambda x: B(x.c("Y", "active.penalty.decisions") == 6)
S["h65-002"] = lambda x: B(x.c("L", PJ) == 19)
S["h65-003"] = lambda x: N(x.c("H23", "active.coercion.decisions"))
S["h65-004"] = lambda x: N(x.c("H24", "active.fees.amount") and hz("H24"), "yuan")
S["h65-005"] = lambda x: N(x.c("H23", "active.penalty.decisions") + x.c("H24", "active.penalty.decisions"))
S["h65-006"] = lambda x: N(x.c("E", "active.penalty.prev_items"))
S["h65-007"] = lambda x: N(x.c("W", "requests.unavailable_not_held.total"))
S["h65-008"] = unans(lambda x: x.c("W", "requests.carried_out.total"))
def _009(x):
    assert "R4[reconsideration]" in REP["H23"]["failed"]
    u, c, t = (x.c("H23", f"review.reconsideration.{k}") for k in ("upheld", "corrected", "total"))
    return B(u == 10 and c == 1 and t == 0)
S["h65-009"] = _009
S["h65-010"] = lambda x: B(any(r.startswith("R4") for a in ALL if a != "H23" for r in REP[a]["failed"]))
S["h65-011"] = unans(lambda x: x.c("H23", "review.reconsideration.total"))
def _012(x):
    if REP["Y"]["published"] is None:
        return UNANS
    return {"kind": "meta", "value": REP["Y"]["published"]}
S["h65-012"] = _012
S["h65-013"] = lambda x: N(pct(x.c("Y", "requests.granted.total"), x.c("Y", HND)), "percent")
S["h65-014"] = lambda x: N(x.c("H24", "requests.unavailable_not_held.total") - x.c("H23", "requests.unavailable_not_held.total"))
S["h65-015"] = passage("W", "五", "答复依申请公开处理水平有待提高")
# ---- Kenyan economist (016-030)
S["h65-016"] = lambda x: N(pct(x.c("H24", "requests.granted.total"), x.c("H24", HND)), "percent")
ZJ = [a for a in ALL if REP[a]["province"] == "浙江省"]
FJ = [a for a in ALL if REP[a]["province"] == "福建省"]
S["h65-017"] = lambda x: N(sum(x.c(a, PR) for a in ZJ), "yuan")
S["h65-018"] = lambda x: B(sum(x.c(a, PR) for a in FJ) > sum(x.c(a, PR) for a in ZJ))
S["h65-019"] = lambda x: N(sum(x.c(a, PR) for a in FJ) / sum(x.c(a, PJ) for a in FJ), "yuan")
def _020(x):
    procs = [a for a in ALL if REP[a]["template"] == "2019"]
    best = max(procs, key=lambda a: x.v(a, PR) / x.v(a, PJ))
    x.c(best, PR); x.c(best, PJ)
    return A(AG(best))
S["h65-020"] = _020
S["h65-021"] = lambda x: N(pct(x.c("H24", "active.penalty.decisions"), x.c("H24", "active.licensing.decisions")), "percent")
S["h65-022"] = lambda x: N(pct(x.c("H24", NEW) - x.c("H23", NEW), x.v("H23", NEW)), "percent")
S["h65-023"] = lambda x: N(x.c("L", "active.penalty.decisions") - x.c("E", "active.penalty.decisions"))
def _024(x):
    fj = [a for a in Y2020 if REP[a]["province"] == "福建省"]
    rest = [a for a in Y2020 if a not in fj]
    num = sum(x.c(a, NEW) for a in fj)
    return N(pct(num, num + sum(x.c(a, NEW) for a in rest)), "percent")
S["h65-024"] = _024
S["h65-025"] = lambda x: N(pct(x.c("H24", "requests.unavailable_not_held.total"), x.c("H24", HND)), "percent")
S["h65-026"] = lambda x: B(x.c("H23", "active.fees.amount") > x.c("H24", "active.fees.amount"))
S["h65-027"] = lambda x: N(x.c("H24", "active.fees.amount") - x.c("H23", "active.fees.amount"), "yuan")
S["h65-028"] = unans(lambda x: x.c("H24", PR))
def _029(x):
    g = sum(x.c(a, "requests.granted.total") for a in ["G", "L", "W", "E"])
    h = sum(x.c(a, HND) for a in ["G", "L", "W", "E"])
    assert sorted(Y2020) == sorted(["G", "L", "W", "E"])
    return N(pct(g, h), "percent")
S["h65-029"] = _029
S["h65-030"] = passage("E", "五", "存在不足之处")
# ---- 上海 office worker (031-045)
S["h65-031"] = lambda x: N(x.c("L", "active.penalty.decisions"))
S["h65-032"] = lambda x: N(x.c("H24", "active.licensing.decisions"))
S["h65-033"] = lambda x: N(x.c("G", PR), "yuan")
def _034(x):
    cell = REP["E"]["facts"][PR]
    assert cell["unit_assumed"] == "万元" and abs(float(cell["raw"]) * 10000 - cell["value"]) < 1e-6
    return N(x.c("E", PR), "yuan")
S["h65-034"] = _034
S["h65-035"] = lambda x: N(x.c("W", PJ) + x.c("G", PJ))
S["h65-036"] = lambda x: N(x.c("H23", "active.normative.repealed"))
S["h65-037"] = lambda x: N(x.c("H24", "active.normative.in_force"))
S["h65-038"] = lambda x: B(x.c("Y", "active.rules.made") == 0)
def _039(x):
    top = ranked(x, Y2020, "active.penalty.decisions")
    assert top[0][0] > top[1][0]
    x.c(top[0][1], "active.penalty.decisions")
    return A(AG(top[0][1]))
S["h65-039"] = _039
S["h65-040"] = lambda x: N(x.c("H24", "review.lawsuit_after_review.upheld"))
S["h65-041"] = lambda x: N(x.c("H23", "review.lawsuit_direct.total"))
S["h65-042"] = unans(lambda x: x.c("W", "requests.declined_duplicate.total"))
def _043(x):
    ags = {AG(a) for a in ALL if REP[a]["province"] == "江苏省"}
    assert len(ags) == 1
    return A(ags.pop())
S["h65-043"] = _043
S["h65-044"] = passage("Y", "五", "改进措施")
S["h65-045"] = passage("W", "一", "公共卫生信息公开")
# ---- MT-style English (046-060)
S["h65-046"] = lambda x: N(x.c("H23", "active.fees.amount") and hz("H23"), "yuan")
S["h65-047"] = lambda x: N(x.c("Y", PJ))
S["h65-048"] = lambda x: N(x.c("H23", "requests.partial.total"))
S["h65-049"] = lambda x: N(x.c("H24", "requests.declined_complaint.total"))
S["h65-050"] = lambda x: N(x.c("H23", "active.coercion.decisions") + x.c("H24", "active.coercion.decisions"))
S["h65-051"] = lambda x: N(x.c("W", PR), "yuan")
S["h65-052"] = lambda x: N(x.c("H24", "requests.carried_in.total"))
S["h65-053"] = lambda x: B(x.c("H24", "active.licensing.decisions") > x.c("H23", "active.licensing.decisions"))
S["h65-054"] = lambda x: N(x.c("H23", "active.penalty.decisions") - x.c("H24", "active.penalty.decisions"))
S["h65-055"] = lambda x: N(x.c("H23", "requests.withheld_secret.total"))
S["h65-056"] = lambda x: N(x.c("G", "requests.unavailable_needs_creation.total"))
S["h65-057"] = unans(lambda x: x.c("G", "requests.unavailable_not_held.total"))
S["h65-058"] = unans(no_cell("L", "active.fees.amount"))
S["h65-059"] = lambda x: N(x.c("H24", "review.reconsideration.corrected"))
S["h65-060"] = passage("L", "一", "统计开放日")
# ---- civic-tech volunteer (061-074)
def _blank_reports():
    return [a for a in ALL if any(k.startswith("requests.") and v["state"] == "blank" for k, v in REP[a]["facts"].items())]
S["h65-061"] = lambda x: LI([AG(a) for a in _blank_reports()])
def _062(x):
    out = [a for a in ALL if REP[a]["facts"].get(PR, {}).get("unit_assumed")]
    for a in out:
        x.c(a, PR)
    return LI([AG(a) for a in out])
S["h65-062"] = _062
def _one_agency(pred):
    ags = []
    for a in ALL:
        if pred(REP[a]) and AG(a) not in ags:
            ags.append(AG(a))
    return ags
def _063(x):
    ags = _one_agency(lambda d: d["template"] == "2021"); assert len(ags) == 1
    return A(ags[0])
S["h65-063"] = _063
S["h65-064"] = lambda x: LI(_one_agency(lambda d: d["template"] == "2019" and d["year"] == 2020))
def _065(x):
    assert REP["Y"]["facts"]["review.lawsuit_direct.pending"]["raw"] == "00"
    return N(x.c("Y", "review.lawsuit_direct.pending"))
S["h65-065"] = _065
S["h65-066"] = lambda x: LI(_one_agency(lambda d: d["facts"].get(PR, {"state": "absent"})["state"] == "absent"))
def _067(x):
    f = REP["H23"]["facts"]
    split = all(f.get(f"requests.{r}.total", {"state": "absent"})["state"] != "absent" for r in ("other_no_correction", "other_no_fee", "other_misc"))
    return B(split)
S["h65-067"] = _067
S["h65-068"] = lambda x: LI(_one_agency(lambda d: d["published"] is None))
def _069(x):
    hits = [a for a in ALL if REP[a]["facts"].get(PR, {}).get("raw") == "6.0248" and REP[a]["facts"][PR].get("unit_assumed") == "万元"]
    assert len(hits) == 1
    x.c(hits[0], PR)
    return A(AG(hits[0]))
S["h65-069"] = _069
S["h65-070"] = lambda x: N(x.c("G", PR), "yuan")
S["h65-071"] = lambda x: LI(_one_agency(lambda d: d["agency_kind"] in ("street_office", "township")))
S["h65-072"] = lambda x: LI(_one_agency(lambda d: d["agency_kind"] == "government"))
S["h65-073"] = lambda x: N(sum(1 for a in ALL if REP[a]["template"] == "2021"))
S["h65-074"] = lambda x: B(not any(r.startswith("R4") for r in REP["H24"]["failed"]))
# ---- multi-turn (075-094)
S["h65-075"] = lambda x: N(x.c("H24", NEW))
S["h65-076"] = lambda x: N(x.c("Y", PR) / x.c("Y", PJ), "yuan")
S["h65-077"] = lambda x: N(x.c("W", "requests.withheld_third_party.total"))
S["h65-078"] = lambda x: N(x.c("E", "active.coercion.prev_items"))
S["h65-079"] = lambda x: N(pct(x.v("H23", "active.penalty.decisions") - x.c("H24", "active.penalty.decisions"), x.c("H23", "active.penalty.decisions")), "percent")
S["h65-080"] = lambda x: N(x.c("W", PR), "yuan")
def _081(x):
    r = ranked(x, Y2020, PR)
    assert r[0][1] == "G"  # turn 1: highest in 2020
    low = r[-1][1]
    x.c(low, PR)
    return N(x.c(low, PJ))
S["h65-081"] = _081
S["h65-082"] = lambda x: N(x.c("H24", "review.lawsuit_direct.total") + x.c("H24", "review.lawsuit_after_review.total"))
S["h65-083"] = unans(lambda x: x.c("H23", "review.reconsideration.total"))
S["h65-084"] = passage("W", "五", "律师")
S["h65-085"] = lambda x: N(x.c("H24", "requests.partial.total"))
S["h65-086"] = lambda x: N(x.c("Y", PR), "yuan")
def _087(x):
    top = ranked(x, Y2020, NEW)[0][1]
    assert top == "W"
    return N(x.c(top, "requests.withheld_third_party.total"))
S["h65-087"] = _087
S["h65-088"] = lambda x: N(pct(x.c("H23", "active.licensing.decisions"), x.c("H23", "active.penalty.decisions")), "percent")
S["h65-089"] = lambda x: N(x.c("H24", "active.licensing.decisions") + x.c("H23", "active.licensing.decisions"))
S["h65-090"] = unans(no_cell("E", "active.fees.amount"))
def _091(x):
    top = ranked(x, FJ, PJ)
    assert top[0][0] > top[1][0]
    x.c(top[0][1], PJ)
    return A(AG(top[0][1]))
S["h65-091"] = _091
S["h65-092"] = lambda x: B(x.c("W", NEW) > x.c("G", NEW))
S["h65-093"] = passage("E", "一", "四个结合")
S["h65-094"] = lambda x: N(x.c("Y", "active.penalty.prev_items"))
# ---- mixed lookups (095-120)
S["h65-095"] = lambda x: N(sum(x.c(a, PR) for a in Y2020), "yuan")
def _096(x):
    r = ranked(x, [a for a in ALL if REP[a]["template"] == "2019"], PR)
    x.c(r[1][1], PR)
    return A(AG(r[1][1]))
S["h65-096"] = _096
S["h65-097"] = lambda x: N(x.c("H24", "requests.granted.total") - x.c("H24", "requests.partial.total"))
def _098(x):
    hits = [a for a in ALL if x.v(a, NEW) > 10]
    for a in hits:
        x.c(a, NEW)
    return N(len(hits))
S["h65-098"] = _098
def _099(x):
    r = ranked(x, ALL, "active.penalty.decisions")
    assert r[2][0] > r[3][0]
    x.c(r[2][1], "active.penalty.decisions")
    return A(AG(r[2][1]))
S["h65-099"] = _099
S["h65-100"] = lambda x: N(x.c("H23", "active.coercion.decisions") - x.c("H24", "active.coercion.decisions"))
def _101(x):
    hits = [a for a in Y2020 if x.v(a, NEW) != 0]
    for a in hits:
        x.c(a, NEW)
    return N(len(hits))
S["h65-101"] = _101
S["h65-102"] = lambda x: N(x.c("Y", "active.rules.public_total") - x.c("Y", "active.rules.published"))
S["h65-103"] = lambda x: N(pct(x.c("H24", "requests.partial.total"), x.c("H24", NEW)), "percent")
def _104(x):
    hits = [a for a in Y2020 if x.v(a, "active.penalty.prev_items") >= 10]
    for a in hits:
        x.c(a, "active.penalty.prev_items")
    return LI([AG(a) for a in hits])
S["h65-104"] = _104
S["h65-105"] = lambda x: B(REP["W"]["published"] == "2021-01-15")
S["h65-106"] = lambda x: N(x.c("H24", "requests.withheld_enforcement.total"))
S["h65-107"] = passage("G", "一", "新冠疫情")
S["h65-108"] = lambda x: N(sum(x.c(a, "active.licensing.decisions") for a in ALL if REP[a]["template"] == "2019"))
def _109(x):
    r = ranked(x, Y2020, PR)
    for _, a in r:
        x.c(a, PR)
    return LI([AG(a) for _, a in r], True)
S["h65-109"] = _109
S["h65-110"] = lambda x: N(x.c("Y", PR) - x.c("G", PR), "yuan")
S["h65-111"] = lambda x: B(x.c("H24", "active.normative.in_force") > x.c("H23", "active.normative.in_force"))
S["h65-112"] = lambda x: N(len(_one_agency(lambda d: d["agency"].endswith("统计局"))))
def _113(x):
    r = ranked(x, ALL, "requests.partial.total")
    assert r[0][0] > r[1][0]
    x.c(r[0][1], "requests.partial.total")
    return A(AG(r[0][1]))
S["h65-113"] = _113
S["h65-114"] = lambda x: N(pct(x.c("H23", "requests.unavailable_not_held.total"), x.c("H23", HND)), "percent")
def _115(x):
    hits = [a for a in ALL if REP[a]["facts"].get(PR, {}).get("unit_printed") == "元"]
    for a in hits:
        x.c(a, PR)
    return N(len(hits))
S["h65-115"] = _115
S["h65-116"] = lambda x: N(x.c("H23", "requests.withheld_process.total") + x.c("H24", "requests.withheld_process.total"))
S["h65-117"] = lambda x: LI(_one_agency(lambda d: d["province"] == "浙江省" and d["city"] != "宁波市"))
def _118(x):
    assert not any("西湖" in REP[a]["agency"] or "杭州" in (REP[a]["city"] or "") for a in ALL)
    return UNANS
S["h65-118"] = _118
S["h65-119"] = passage("Y", "二", "普法宣传")
S["h65-120"] = lambda x: B((REP["G"]["published"] or "").startswith("2021-01"))


def same(exp, got):
    if exp.get("kind") != got.get("kind"):
        return False
    k = exp["kind"]
    if k == "number":
        if exp["unit"] != got["unit"]:
            return False
        v, g = float(exp["value"]), float(got["value"])
        return abs(v - g) <= max(1e-6, 1e-5 * abs(g))
    if k in ("agency", "boolean"):
        return exp["value"] == got["value"]
    if k == "list":
        if bool(exp.get("ordered")) != bool(got.get("ordered")):
            return False
        return exp["values"] == got["values"] if got.get("ordered") else sorted(map(str, exp["values"])) == sorted(map(str, got["values"]))
    if k == "passages":
        return exp["files"] == got["files"] and exp["sections"] == got["sections"]
    return True  # unanswerable


def main():
    cases = [json.loads(l) for l in DATA.read_text(encoding="utf-8").splitlines() if l.strip()]
    ok, problems = 0, []
    ids = [c["id"] for c in cases]
    if ids != [f"h65-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h65-001 .. h65-120 in order")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems.append(f"language tags: zh {langs.count(1)}, en {langs.count(2)} (want 60/60, one each)")
    cite_re = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
    for c in cases:
        cid, errs = c["id"], []
        spec = S.get(cid)
        if spec is None:
            print(f"{cid}: no reference spec"); continue
        x = Ctx(quality="quality" in c["tags"])
        try:
            got = spec(x)
        except (AssertionError, Unanswerable, KeyError) as e:
            print(f"{cid}: reference failed: {type(e).__name__}: {e}"); continue
        if not same(c["expect"], got):
            errs.append(f"expect {json.dumps(c['expect'], ensure_ascii=False)} != reference {json.dumps(got, ensure_ascii=False)}")
        if c["cite"] != x.cites:
            errs.append(f"cite {c['cite']} != reference {x.cites}")
        if any(not cite_re.match(s) for s in c["cite"]):
            errs.append("a cite does not match the dataset regex")
        guessed = any(REP[a]["facts"][k].get("unit_assumed") for a, k in x.used)
        mixed = len({REP[a]["year"] for a, _ in x.used}) > 1
        if guessed != ("guessed_unit" in c["tags"]):
            errs.append(f"guessed_unit tag should be {guessed}")
        if mixed != ("mixed_years" in c["tags"]):
            errs.append(f"mixed_years tag should be {mixed}")
        if "quality" not in c["tags"] and any(k in REP[a]["bad"] for a, k in x.used):
            errs.append("uses a cell of a group failing R1-R4 outside a quality question")
        if errs:
            for e in errs:
                print(f"{cid}: {e}")
        else:
            ok += 1
    for p in problems:
        print("DATASET:", p)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
