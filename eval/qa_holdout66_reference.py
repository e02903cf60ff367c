#!/usr/bin/env python3
"""Independent reference for qa_holdout66.jsonl (stdlib only).

Recomputes every expected answer of the 120 cases from tests/fixtures/gold/*.json (and, for passage
cases, the section text of data/samples/*.txt), together with the cite list and the guessed_unit /
mixed_years tags, and compares with the JSONL. Prints each mismatch and 'SUMMARY n/120'; exits 0 only
at 120/120.  Run: python3 eval/qa_holdout66_reference.py
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout66.jsonl"

F0, F1, F2, F3, F4 = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                      "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
ALL = (F0, F1, F2, F3, F4, H3, H4)
SAMPLE_FILES = (F0, F1, F2, F3, F4)


def gold_path(f):
    return GOLD / (f.rsplit(".", 1)[0] + ".json")


G = {f: json.loads(gold_path(f).read_text(encoding="utf-8")) for f in ALL}
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUT_ROWS = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
            "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation",
            "other", "other_no_correction", "other_no_fee", "other_misc"]
WITHHELD = [r for r in OUT_ROWS if r.startswith("withheld_")]
UNAVAIL = [r for r in OUT_ROWS if r.startswith("unavailable_")]


def fact(f, k):
    return G[f]["facts"].get(k, {"state": "absent"})


def num(f, k):
    x = fact(f, k)
    return x["value"] if x.get("state") == "number" else None


# ---- balance rules R1-R4: the set of cells of every failing group
def failing_cells():
    bad = {}
    for f in ALL:
        cells = set()
        for col in COLS:  # R1
            v = [num(f, f"requests.{r}.{col}") for r in ("new", "carried_in", "handled", "carried_out")]
            if None not in v and v[0] + v[1] != v[2] + v[3]:
                cells |= {f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")}
        for col in COLS:  # R2
            rows = [r for r in OUT_ROWS if fact(f, f"requests.{r}.{col}").get("state") != "absent"]
            vals = [num(f, f"requests.{r}.{col}") for r in rows]
            h = num(f, f"requests.handled.{col}")
            if None not in vals and h is not None and sum(vals) != h:
                cells |= {f"requests.{r}.{col}" for r in rows + ["handled"]}
        for r in ["new", "carried_in", "handled", "carried_out"] + OUT_ROWS:  # R3
            vals = [num(f, f"requests.{r}.{c}") for c in COLS]
            if None not in vals and sum(vals[:6]) != vals[6]:
                cells |= {f"requests.{r}.{c}" for c in COLS}
        for grp in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):  # R4
            vals = [num(f, f"review.{grp}.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]
            if None not in vals and sum(vals[:4]) != vals[4]:
                cells |= {f"review.{grp}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")}
        bad[f] = cells
    return bad


BAD = failing_cells()


class Unusable(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites = []

    def g(self, f, k):
        x = fact(f, k)
        if x.get("state") != "number":
            raise Unusable(f"{f}#{k} is {x.get('state')}")
        c = f"{f}#{k}"
        if c not in self.cites:
            self.cites.append(c)
        return x["value"]

    def s(self, f, *keys):
        return sum(self.g(f, k) for k in keys)

    def passage(self, f, sec, word):
        text = section_text(f, sec)
        if word not in text:
            raise AssertionError(f"{word!r} not in section {sec} of {f}")
        if f not in self.cites:
            self.cites.append(f)
        return {"kind": "passages", "files": [f], "sections": [sec]}


# ---- sections of a sample text: headings 一、..六、 at line start (after # / ** marks), in increasing order
NUMS = "一二三四五六"


def section_text(f, sec):
    cur, out = None, {}
    for line in (SAMPLES / f).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(?:#+\s*)?(?:\*\*)?([一二三四五六])、", line)
        if m and "\t" not in line and "申请数量" not in line and "结转" not in line:
            n = NUMS.index(m.group(1))
            if cur is None or n > cur:
                cur = n
        if cur is not None:
            out.setdefault(NUMS[cur], []).append(line)
    return "\n".join(out.get(sec, []))


def mentions(word, files):
    return [agency(f) for f in files if word in (SAMPLES / f).read_text(encoding="utf-8")]


def agency(f):
    return G[f]["agency"]


def kind(f):
    k = G[f].get("agency_kind")
    if k:
        return k
    name = agency(f)
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    return "department"


def year(f):
    return G[f]["year"]


def N(v, u="count"):
    return {"kind": "number", "value": v, "unit": u}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def AG(v):
    return {"kind": "agency", "value": v}


def L(vs, ordered=False):
    return {"kind": "list", "values": list(vs), "ordered": ordered}


def U():
    return {"kind": "unanswerable"}


def pct(a, b):
    return a / b * 100


def unans_blank(c, f, k):
    assert fact(f, k).get("state") == "blank", f"{f}#{k} is not blank"
    return U()


def unans_absent(c, f, k):
    assert fact(f, k).get("state") == "absent", f"{f}#{k} is not absent"
    return U()


def unans_bad(c, f, k):
    assert k in BAD[f], f"{f}#{k} is not in a failing group"
    return U()


def unans_no_report(c, name, yr=None):
    assert not [f for f in ALL if name in agency(f) and (yr is None or year(f) == yr)]
    return U()


def rank(c, files, key, reverse=True):
    vals = [(c.g(f, key), f) for f in files]
    return [f for v, f in sorted(vals, key=lambda t: -t[0] if reverse else t[0])], dict((f, v) for v, f in vals)


Y2020 = [f for f in SAMPLE_FILES if year(f) == 2020]
BUREAUS = [f for f in ALL if agency(f).endswith("统计局")]
W = [f"requests.{r}.total" for r in WITHHELD]
UN = [f"requests.{r}.total" for r in UNAVAIL]
PA = "active.procurement.amount"
PP = "active.procurement.projects"
PD = "active.penalty.decisions"
NT = "requests.new.total"
HT = "requests.handled.total"


def c_second(c, files, key):
    order, vals = rank(c, files, key)
    assert vals[order[1]] != vals[order[2]] and vals[order[0]] != vals[order[1]], "tie around rank 2"
    return AG(agency(order[1]))


def c_third(c, files, key):
    order, vals = rank(c, files, key)
    assert vals[order[2]] not in (vals[order[1]], vals[order[3]]), "tie around rank 3"
    return AG(agency(order[2]))


def c_top(c, files, key):
    order, vals = rank(c, files, key)
    assert vals[order[0]] != vals[order[1]], "tie at the top"
    return AG(agency(order[0]))


def review_bad_agencies():
    out = []
    for f in ALL:
        if any(k.startswith("review.") for k in BAD[f]) and agency(f) not in out:
            out.append(agency(f))
    return out


E = {
    # A: grid worker
    1: lambda c: N(c.g(F3, NT)),
    2: lambda c: N(c.g(F3, "requests.granted.total")),
    3: lambda c: N(c.g(F3, "requests.unavailable_not_held.total")),
    4: lambda c: N(c.g(F3, "requests.withheld_third_party.total")),
    5: lambda c: N(c.g(F3, "requests.new.business")),
    6: lambda c: N(c.g(F3, PA), "yuan"),
    7: lambda c: N(c.g(F3, PP)),
    8: lambda c: unans_blank(c, F3, "requests.carried_out.total"),
    9: lambda c: unans_blank(c, F3, "requests.declined_duplicate.total"),
    10: lambda c: c.passage(F3, "五", "答复依申请公开处理水平有待提高"),
    11: lambda c: c.passage(F3, "一", "政务新媒体"),
    12: lambda c: L(agency(f) for f in ALL if G[f]["city"] == "福州市" and G[f]["county"] == "鼓楼区"),
    13: lambda c: B(c.g(F3, NT) > c.g(F0, NT)),
    14: lambda c: N(c.s(F3, "review.reconsideration.total", "review.lawsuit_direct.total", "review.lawsuit_after_review.total")),
    # B: French-Canadian English
    15: lambda c: N(c.g(F2, NT)),
    16: lambda c: N(sum(c.g(f, PA) for f in (F0, F1, F3, F4)), "yuan"),
    17: lambda c: N(c.g(F1, PD)),
    18: lambda c: N(c.g(H4, "requests.unavailable_not_held.total")),
    19: lambda c: B(c.g(H3, "active.fees.amount") > c.g(H4, "active.fees.amount")),
    20: lambda c: N(c.g(H3, "active.fees.amount") - c.g(H4, "active.fees.amount"), "yuan"),
    21: lambda c: c_top(c, Y2020, PP),
    22: lambda c: N(c.g(H3, "active.licensing.decisions") + c.g(H4, "active.licensing.decisions")),
    23: lambda c: c.passage(F2, "二", "普法宣传"),
    24: lambda c: c.passage(F4, "一", "四个"),
    25: lambda c: N(c.g(H4, "active.coercion.decisions")),
    26: lambda c: N(c.g(H3, "requests.partial.total")),
    27: lambda c: B(sum(c.g(f, NT) for f in Y2020) > c.g(F2, NT)),
    28: lambda c: N(c.g(F4, PA), "yuan"),
    29: lambda c: N(c.g(H4, "active.normative.in_force")),
    30: lambda c: N(c.g(H4, "review.reconsideration.total")),
    31: lambda c: L(agency(f) for f in ALL if year(f) in (2019, 2020) and not G[f].get("published")),
    32: lambda c: unans_absent(c, H4, PA),
    # C: retiree
    33: lambda c: N(c.g(F1, PA), "yuan"),
    34: lambda c: N(c.g(H4, PD)),
    35: lambda c: N(c.g(F2, "active.rules.public_total")),
    36: lambda c: unans_blank(c, F0, "requests.unavailable_not_held.total"),
    37: lambda c: N(c.g(H3, "active.fees.amount"), "yuan"),
    38: lambda c: N(c.g(F4, "active.coercion.prev_items")),
    39: lambda c: c_top(c, BUREAUS, "active.penalty.prev_items"),
    40: lambda c: unans_bad(c, H3, "review.reconsideration.total"),
    41: lambda c: c.passage(F2, "五", "信息公开范围单一"),
    42: lambda c: N(c.g(H3, PD) + c.g(H4, PD)),
    43: lambda c: N(c.g(F0, "active.penalty.change")),
    44: lambda c: unans_no_report(c, "朝阳区"),
    45: lambda c: N(sum(c.g(f, PA) for f in SAMPLE_FILES if G[f]["province"] == "浙江省"), "yuan"),
    46: lambda c: N(c.g(H4, "requests.granted.total")),
    # D: analyst
    47: lambda c: N(pct(c.g(H4, "requests.granted.total"), c.g(H4, HT)), "percent"),
    48: lambda c: N(pct(c.g(H3, "requests.unavailable_not_held.total"), c.g(H3, HT)), "percent"),
    49: lambda c: N(pct(c.g(H4, "requests.unavailable_not_held.total"), c.g(H4, HT))
                    - pct(c.g(H3, "requests.unavailable_not_held.total"), c.g(H3, HT)), "percent"),
    50: lambda c: N(pct(c.g(H4, "active.licensing.decisions"), c.g(H3, "active.licensing.decisions")), "percent"),
    51: lambda c: N(pct(c.g(H4, PD), c.g(H3, PD)), "percent"),
    52: lambda c: N(c.g(F2, PA) / c.g(F2, PP), "yuan"),
    53: lambda c: N(c.g(F3, PA) / c.g(F3, PP), "yuan"),
    54: lambda c: N(pct(c.g(F0, PA), sum(c.g(f, PA) for f in Y2020)), "percent"),
    55: lambda c: N(pct(c.g(H3, "requests.new.person"), c.g(H3, NT)), "percent"),
    56: lambda c: N(pct(c.g(H4, "requests.partial.total"), c.g(H4, HT))
                    - pct(c.g(H3, "requests.partial.total"), c.g(H3, HT)), "percent"),
    57: lambda c: N(pct(c.s(H4, *W), c.g(H4, HT)), "percent"),
    58: lambda c: N(pct(c.s(H3, *W), c.g(H3, HT)), "percent"),
    59: lambda c: N(pct(c.s(H3, *W), c.g(H3, HT)) - pct(c.s(H4, *W), c.g(H4, HT)), "percent"),
    60: lambda c: N(pct(c.g(F1, PA), c.g(F4, PA)), "percent"),
    61: lambda c: N(pct(c.g(F1, PP), sum(c.g(f, PP) for f in Y2020)), "percent"),
    62: lambda c: N(pct(c.s(H4, *UN), c.g(H4, HT)), "percent"),
    63: lambda c: N(pct(c.g(H4, NT) - c.g(H3, NT), c.g(H3, NT)), "percent"),
    64: lambda c: N(c.g(H3, "active.coercion.decisions") - c.g(H4, "active.coercion.decisions")),
    65: lambda c: N(pct(c.g(H4, "review.lawsuit_after_review.upheld"), c.g(H4, "review.lawsuit_after_review.total")), "percent"),
    66: lambda c: N(pct(c.g(F3, NT), sum(c.g(f, NT) for f in Y2020)), "percent"),
    67: lambda c: N(pct(c.s(H4, "review.lawsuit_direct.upheld", "review.lawsuit_after_review.upheld"),
                        c.s(H4, "review.lawsuit_direct.total", "review.lawsuit_after_review.total")), "percent"),
    68: lambda c: N(pct(c.g(F2, "active.rules.published"), c.g(F2, "active.rules.public_total")), "percent"),
    69: lambda c: N(pct(c.s(H3, *UN), c.g(H3, HT)), "percent"),
    70: lambda c: N(c.g(H3, "active.fees.amount") + c.g(H4, "active.fees.amount"), "yuan"),
    # E: reporter
    71: lambda c: N(c.g(F4, "active.penalty.prev_items")),
    72: lambda c: N(c.g(F2, PA), "yuan"),
    73: lambda c: N(c.g(H4, NT)),
    74: lambda c: N(c.g(H4, "review.lawsuit_direct.total")),
    75: lambda c: N(c.g(F3, "active.normative.public_total")),
    76: lambda c: N(c.g(H4, "active.fees.amount"), "yuan"),
    77: lambda c: c_top(c, [F1, F2], PD),
    78: lambda c: N(c.g(H3, "active.coercion.decisions")),
    79: lambda c: N(c.g(H4, "requests.carried_out.total")),
    80: lambda c: N(c.g(H3, "requests.withheld_secret.total")),
    81: lambda c: N(c.g(H4, "review.reconsideration.corrected")),
    82: lambda c: N(c.s(H3, *[f"review.reconsideration.{x}" for x in ("upheld", "corrected", "other", "pending")])),
    83: lambda c: B(c.s(H3, *[f"review.reconsideration.{x}" for x in ("upheld", "corrected", "other", "pending")])
                    == c.g(H3, "review.reconsideration.total")),
    84: lambda c: L(review_bad_agencies()),
    85: lambda c: c.passage(F3, "一", "公共卫生信息公开"),
    86: lambda c: c.passage(F4, "五", "不足之处"),
    # F: multi-turn
    87: lambda c: B(c.g(F1, PP) > c.g(F2, PP)),
    88: lambda c: B(c.g(H4, PD) < c.g(H3, PD)),
    89: lambda c: B(c.g(H4, NT) > 4 * c.g(H3, NT)),
    90: lambda c: B(c.g(F0, PA) > 3 * c.g(F3, PA)),
    91: lambda c: B(c.g(F0, NT) == c.g(F1, NT)),
    92: lambda c: B(c.g(H4, "active.fees.amount") > c.g(H3, "active.fees.amount")),
    93: lambda c: B(c.g(F4, "active.penalty.prev_items") > c.g(F0, "active.penalty.prev_items")),
    94: lambda c: B(c.g(H4, "requests.withheld_process.total") == c.g(H3, "requests.withheld_process.total")),
    95: lambda c: B(c.g(H4, "active.normative.in_force") > c.g(H3, "active.normative.in_force")),
    96: lambda c: N(c.g(F2, PP)),
    97: lambda c: N(c.g(H4, "review.lawsuit_after_review.upheld")),
    98: lambda c: B(c.g(F2, NT) == c.g(F2, "requests.granted.total")),
    99: lambda c: B(c.g(H4, "active.licensing.decisions") > c.g(H4, PD)),
    100: lambda c: B(abs(c.g(F1, PD) - c.g(F4, PD)) > 20),
    101: lambda c: B(c.g(F3, PA) > 2 * c.g(F4, PA)),
    102: lambda c: B(c.g(H4, "requests.unavailable_not_held.total") > 3 * c.g(H3, "requests.unavailable_not_held.total")),
    # G: mixed
    103: lambda c: c_second(c, Y2020, PD),
    104: lambda c: c_third(c, list(ALL), NT),
    105: lambda c: L([agency(f) for f in rank(c, Y2020, PA)[0]], True),
    106: lambda c: N(sum(1 for f in ALL if fact(f, PP).get("state") == "number" and c.g(f, PP) > 5)),
    107: lambda c: N(sum(1 for f in ALL if c.g(f, PD) == 0)),
    108: lambda c: L(agency(f) for f in SAMPLE_FILES if kind(f) == "street_office"),
    109: lambda c: L(sorted({agency(f) for f in ALL if kind(f) == "government"})),
    110: lambda c: B(any(year(f) == 2023 for f in ALL)),
    111: lambda c: B(G[F2]["template"] == "2021"),
    112: lambda c: N(c.g(F2, PA) - c.g(F1, PA), "yuan"),
    113: lambda c: N(sum(c.g(f, PP) for f in Y2020 if G[f]["province"] == "福建省")),
    114: lambda c: (c.cites.extend(f for f in BUREAUS if f in SAMPLE_FILES and "统计开放日" in (SAMPLES / f).read_text(encoding="utf-8")),
                    L(mentions("统计开放日", [f for f in BUREAUS if f in SAMPLE_FILES])))[1],
    115: lambda c: c.passage(F0, "五", "培训"),
    116: lambda c: c.passage(F1, "五", "两个方面的不足"),
    117: lambda c: unans_no_report(c, "二七区", 2021),
    118: lambda c: unans_absent(c, H4, "requests.other_no_fee.total"),
    119: lambda c: N(sum(c.g(f, PD) for f in Y2020)),
    120: lambda c: unans_bad(c, H3, "review.lawsuit_after_review.upheld"),
}


def same_expect(got, want):
    if got["kind"] != want["kind"]:
        return False
    k = got["kind"]
    if k == "number":
        if got["unit"] != want["unit"]:
            return False
        a, b = float(got["value"]), float(want["value"])
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    if k in ("agency", "boolean"):
        return got["value"] == want["value"]
    if k == "list":
        if bool(got["ordered"]) != bool(want.get("ordered", False)):
            return False
        return got["values"] == want["values"] if got["ordered"] else sorted(map(str, got["values"])) == sorted(map(str, want["values"]))
    if k == "passages":
        return got["files"] == want["files"] and got["sections"] == want["sections"]
    return True  # unanswerable: the reason was asserted by the compute function


def cite_file(c):
    return c.split("#")[0]


def main():
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    ok, problems = 0, []
    ids = [c["id"] for c in cases]
    if ids != [f"h66-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h66-001 .. h66-120 in order")
    langs = [("zh" in c["tags"]) + 2 * ("en" in c["tags"]) for c in cases]
    if langs.count(1) != 60 or langs.count(2) != 60:
        problems.append(f"language tags: zh {langs.count(1)}, en {langs.count(2)} (want 60/60)")
    for case in cases:
        n = int(case["id"].split("-")[1])
        errs = []
        ctx = Ctx()
        try:
            want = E[n](ctx)
        except Unusable as e:
            want, errs = None, [f"needs an unusable cell: {e}"]
        except AssertionError as e:
            want, errs = None, [f"check failed: {e}"]
        if want is not None:
            if not same_expect(case["expect"], want):
                errs.append(f"expect {case['expect']} != recomputed {want}")
            if sorted(case["cite"]) != sorted(ctx.cites):
                errs.append(f"cite {case['cite']} != recomputed {ctx.cites}")
            cells = [c for c in ctx.cites if "#" in c]
            guessed = any(fact(cite_file(c), c.split("#")[1]).get("unit_assumed") for c in cells)
            if guessed != ("guessed_unit" in case["tags"]):
                errs.append(f"guessed_unit tag should be {guessed}")
            mixed = len({year(cite_file(c)) for c in cells}) > 1
            if mixed != ("mixed_years" in case["tags"]):
                errs.append(f"mixed_years tag should be {mixed}")
            used_bad = [c for c in cells if c.split("#")[1] in BAD[cite_file(c)]]
            if used_bad and "quality" not in case["tags"]:
                errs.append(f"uses cells of a failing group outside a quality question: {used_bad}")
        if case["expect"]["kind"] == "unanswerable" and case["cite"]:
            errs.append("an unanswerable case cites nothing")
        if errs:
            problems.append(f"{case['id']}: " + "; ".join(errs))
        else:
            ok += 1
    for p in problems:
        print("MISMATCH", p)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
