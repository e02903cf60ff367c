#!/usr/bin/env python3
"""Reference computation for eval/qa_new.jsonl (frozen evaluation set).

Every numeric / agency / list / boolean expectation of qa_new.jsonl is computed here
from the gold facts in tests/fixtures/gold/*.json, together with the cells it must cite.
The script prints, per case, the computed expectation and whether it equals the one
written in qa_new.jsonl, and exits non-zero on any mismatch. Passage and unanswerable
cases are listed as "not computed" (only their shape is checked).

Stdlib only. Run:  python3 eval/qa_new_reference.py
"""
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD_DIR = os.path.join(HERE, "..", "tests", "fixtures", "gold")
CASES_FILE = os.path.join(HERE, "qa_new.jsonl")

# short report ids -> gold json file
REPORTS = {
    "GL": "000_2133ae744f48d674.json",   # 福州市鼓楼区统计局 2020
    "LC": "001_19df74b8cb7281a4.json",   # 温州市鹿城区统计局 2020
    "YZ": "002_c42cd15df52a6935.json",   # 鄞州区统计局 2019
    "WQ": "003_acfa5b9243423631.json",   # 福州市鼓楼区温泉街道办事处 2020
    "EQ": "004_5206fb2196a31c52.json",   # 郑州市二七区统计局 2020
    "H23": "hongze-qu-gov-2023.json",    # 淮安市洪泽区人民政府 2023
    "H24": "hongze-qu-gov-2024.json",    # 淮安市洪泽区人民政府 2024
}
ALL = list(REPORTS)

G = {}
for rid, fn in REPORTS.items():
    with open(os.path.join(GOLD_DIR, fn), encoding="utf-8") as fh:
        G[rid] = json.load(fh)


def base(rid):
    return os.path.basename(G[rid]["file"])


def agency(rid):
    return G[rid]["agency"]


def kind(rid):
    k = G[rid].get("agency_kind")
    if k:
        return k
    return "government" if "人民政府" in G[rid]["agency"] else "department"


def is_stats_bureau(rid):
    return G[rid]["agency"].endswith("统计局")


def state(rid, key):
    f = G[rid]["facts"].get(key)
    return f["state"] if f else "absent"


def V(rid, key):
    f = G[rid]["facts"][key]
    if f["state"] != "number":
        raise ValueError("%s %s is %s, not a number" % (rid, key, f["state"]))
    return f["value"]


def C(rid, key):
    return "%s#%s" % (base(rid), key)


def holders(key, rids=None):
    """Reports (in rids) whose cell `key` holds a printed number; blank/absent left out."""
    return [r for r in (rids or ALL) if state(r, key) == "number"]


def ranked(key, rids=None, desc=True):
    rs = holders(key, rids)
    return sorted(rs, key=lambda r: V(r, key), reverse=desc)


def nth(key, n, rids=None, desc=True):
    """Agency at rank n (1-based); refuses ties around that rank."""
    rs = ranked(key, rids, desc)
    v = V(rs[n - 1], key)
    same = [r for r in rs if V(r, key) == v]
    if len(same) != 1:
        raise ValueError("tie at rank %d for %s" % (n, key))
    return rs[n - 1]


def cites(key, rids):
    return [C(r, key) for r in rids]


def NUM(value, unit, cite):
    return {"kind": "number", "value": round(value, 2), "unit": unit}, cite


def AG(rid, cite):
    return {"kind": "agency", "value": agency(rid)}, cite


def LST(rids, ordered, cite):
    return {"kind": "list", "values": [agency(r) for r in rids], "ordered": ordered}, cite


def BOOL(b, cite):
    return {"kind": "boolean", "value": bool(b)}, cite


def NARR(rid, text_fragment, unit="count"):
    hits = [n for n in G[rid].get("narrative_numbers", []) if text_fragment in n["text"]]
    if len(hits) != 1:
        raise ValueError("narrative %r in %s: %d hits" % (text_fragment, rid, len(hits)))
    return {"kind": "number", "value": hits[0]["value"], "unit": unit}, [base(rid)]


AMT = "active.procurement.amount"
PRJ = "active.procurement.projects"
NEW = "requests.new.total"
PEN = "active.penalty.decisions"
LIC = "active.licensing.decisions"
FEE = "active.fees.amount"
Y2020 = [r for r in ALL if G[r]["year"] == 2020]
STATS = [r for r in ALL if is_stats_bureau(r)]
FUJIAN = [r for r in ALL if G[r]["province"] == "福建省"]
ZHEJIANG = [r for r in ALL if G[r]["province"] == "浙江省"]


def s(key, rids):
    return sum(V(r, key) for r in rids)


def avg_procurement():
    rs = holders(AMT)
    return s(AMT, rs) / len(rs)


def c_033():
    bureaus = holders(NEW, [r for r in ALL if is_stats_bureau(r)])
    streets = [r for r in ALL if kind(r) == "street_office"]
    return BOOL(s(NEW, streets) > s(NEW, bureaus), cites(NEW, streets + bureaus))


def c_028():
    key = "requests.unavailable_not_held.total"
    rs = [r for r in holders(key) if V(r, key) == 0]
    return NUM(len(rs), "count", cites(key, rs))


COMPUTE = {
    # ---- lookup
    "new-001": lambda: NUM(V("LC", NEW), "count", [C("LC", NEW)]),
    "new-002": lambda: NUM(V("LC", PRJ), "count", [C("LC", PRJ)]),
    "new-003": lambda: NUM(V("GL", AMT), "yuan", [C("GL", AMT)]),
    "new-004": lambda: NUM(V("WQ", AMT), "yuan", [C("WQ", AMT)]),
    "new-005": lambda: NUM(V("H23", PEN), "count", [C("H23", PEN)]),
    "new-006": lambda: NUM(V("H24", FEE), "yuan", [C("H24", FEE)]),
    "new-007": lambda: NUM(V("YZ", PEN), "count", [C("YZ", PEN)]),
    "new-008": lambda: NUM(V("YZ", "active.rules.public_total"), "count", [C("YZ", "active.rules.public_total")]),
    "new-009": lambda: NUM(V("H24", LIC), "count", [C("H24", LIC)]),
    "new-010": lambda: NUM(V("EQ", "active.other_services.prev_items"), "count",
                           [C("EQ", "active.other_services.prev_items")]),
    # ---- ordinal
    "new-011": lambda: AG(nth(AMT, 2), cites(AMT, holders(AMT))),
    "new-012": lambda: AG(nth(PRJ, 2), cites(PRJ, holders(PRJ))),
    "new-013": lambda: AG(nth(AMT, 2, desc=False), cites(AMT, holders(AMT))),
    "new-014": lambda: AG(nth("active.penalty.prev_items", 2, STATS),
                          cites("active.penalty.prev_items", holders("active.penalty.prev_items", STATS))),
    "new-015": lambda: AG(nth(PEN, 2, Y2020), cites(PEN, holders(PEN, Y2020))),
    "new-016": lambda: AG(nth(NEW, 3), cites(NEW, holders(NEW))),
    "new-017": lambda: AG(nth(PEN, 2, STATS), cites(PEN, holders(PEN, STATS))),
    "new-018": lambda: AG(nth(AMT, 3), cites(AMT, holders(AMT))),
    "new-019": lambda: AG(nth(PRJ, 2, desc=False), cites(PRJ, holders(PRJ))),
    # ---- count_condition
    "new-020": lambda: NUM(len([r for r in holders(AMT) if V(r, AMT) > 100000]), "count", cites(AMT, holders(AMT))),
    "new-021": lambda: NUM(len([r for r in holders(NEW) if V(r, NEW) == 0]), "count", cites(NEW, holders(NEW))),
    "new-022": lambda: NUM(len([r for r in holders(PEN) if V(r, PEN) > 0]), "count", cites(PEN, holders(PEN))),
    "new-023": lambda: NUM(len([r for r in holders(AMT) if V(r, AMT) > 50000]), "count", cites(AMT, holders(AMT))),
    "new-024": lambda: NUM(len([r for r in holders(AMT) if V(r, AMT) < 80000]), "count", cites(AMT, holders(AMT))),
    "new-025": lambda: NUM(len([r for r in holders("requests.partial.total") if V(r, "requests.partial.total") >= 1]),
                           "count", cites("requests.partial.total", holders("requests.partial.total"))),
    "new-026": lambda: NUM(len([r for r in holders(PRJ) if V(r, PRJ) > 10]), "count", cites(PRJ, holders(PRJ))),
    "new-027": lambda: NUM(len([r for r in holders(NEW) if V(r, NEW) >= 20]), "count", cites(NEW, holders(NEW))),
    "new-028": c_028,
    # ---- kind_group
    "new-029": lambda: NUM(s(NEW, [r for r in Y2020 if is_stats_bureau(r)]), "count",
                           cites(NEW, [r for r in Y2020 if is_stats_bureau(r)])),
    "new-030": lambda: NUM(s(AMT, [r for r in ZHEJIANG if is_stats_bureau(r)]), "yuan",
                           cites(AMT, [r for r in ZHEJIANG if is_stats_bureau(r)])),
    "new-031": lambda: AG(nth(PRJ, 1, FUJIAN), cites(PRJ, holders(PRJ, FUJIAN))),
    "new-032": lambda: NUM(s(AMT, holders(AMT, STATS)), "yuan", cites(AMT, holders(AMT, STATS))),
    "new-033": c_033,
    "new-034": lambda: NUM(s(PEN, STATS), "count", cites(PEN, STATS)),
    "new-035": lambda: NUM(s(AMT, holders(AMT, FUJIAN)), "yuan", cites(AMT, holders(AMT, FUJIAN))),
    "new-036": lambda: AG(nth("requests.handled.total", 1, ZHEJIANG), cites("requests.handled.total", ZHEJIANG)),
    "new-037": lambda: NUM(s(NEW, [r for r in ALL if not is_stats_bureau(r)]), "count",
                           cites(NEW, [r for r in ALL if not is_stats_bureau(r)])),
    # ---- compare
    "new-038": lambda: AG(nth(AMT, 1, ["LC", "YZ"]), cites(AMT, ["LC", "YZ"])),
    "new-039": lambda: NUM(V("LC", PRJ) - V("GL", PRJ), "count", cites(PRJ, ["LC", "GL"])),
    "new-040": lambda: NUM(V("H23", PEN) - V("H24", PEN), "count", cites(PEN, ["H23", "H24"])),
    "new-041": lambda: NUM(V("H24", LIC) - V("H23", LIC), "count", cites(LIC, ["H23", "H24"])),
    "new-042": lambda: AG(nth(AMT, 1, ["EQ", "WQ"]), cites(AMT, ["EQ", "WQ"])),
    "new-043": lambda: NUM(V("H23", FEE) - V("H24", FEE), "yuan", cites(FEE, ["H23", "H24"])),
    "new-044": lambda: NUM((V("H23", PEN) - V("H24", PEN)) / V("H23", PEN) * 100, "percent", cites(PEN, ["H23", "H24"])),
    "new-045": lambda: AG(nth(NEW, 1, ["GL", "WQ"]), cites(NEW, ["GL", "WQ"])),
    "new-046": lambda: NUM(V("YZ", AMT) - V("GL", AMT), "yuan", cites(AMT, ["YZ", "GL"])),
    # ---- yes_no
    "new-047": lambda: BOOL(V("H24", LIC) > V("H23", LIC), cites(LIC, ["H23", "H24"])),
    "new-048": lambda: BOOL(V("H24", PEN) < V("H23", PEN), cites(PEN, ["H23", "H24"])),
    "new-049": lambda: BOOL(V("LC", AMT) > 100000, [C("LC", AMT)]),
    "new-050": lambda: BOOL(V("WQ", "review.reconsideration.total") > 0, [C("WQ", "review.reconsideration.total")]),
    "new-051": lambda: BOOL(V("EQ", NEW) > 0, [C("EQ", NEW)]),
    "new-052": lambda: BOOL(V("H24", FEE) > V("H23", FEE), cites(FEE, ["H23", "H24"])),
    "new-053": lambda: BOOL(V("YZ", AMT) > V("GL", AMT), cites(AMT, ["YZ", "GL"])),
    "new-054": lambda: BOOL(V("H24", "active.normative.in_force") > V("H23", "active.normative.in_force"),
                            cites("active.normative.in_force", ["H23", "H24"])),
    "new-055": lambda: BOOL(V("H24", "review.lawsuit_direct.total") > 0, [C("H24", "review.lawsuit_direct.total")]),
    # ---- qualifier
    "new-056": lambda: NUM(V("H24", "review.lawsuit_after_review.total"), "count",
                           [C("H24", "review.lawsuit_after_review.total")]),
    "new-057": lambda: NUM(V("H24", "review.reconsideration.upheld"), "count",
                           [C("H24", "review.reconsideration.upheld")]),
    "new-058": lambda: NUM(V("LC", "requests.carried_out.total"), "count", [C("LC", "requests.carried_out.total")]),
    "new-059": lambda: NUM(V("H24", "requests.granted.total") / V("H24", "requests.handled.total") * 100, "percent",
                           [C("H24", "requests.granted.total"), C("H24", "requests.handled.total")]),
    "new-060": lambda: NUM(V("H23", "requests.partial.total"), "count", [C("H23", "requests.partial.total")]),
    "new-061": lambda: NUM(V("H24", "requests.unavailable_not_held.total"), "count",
                           [C("H24", "requests.unavailable_not_held.total")]),
    "new-062": lambda: NUM(V("H24", "review.reconsideration.corrected"), "count",
                           [C("H24", "review.reconsideration.corrected")]),
    "new-063": lambda: NUM(V("H23", "requests.unavailable_needs_creation.total"), "count",
                           [C("H23", "requests.unavailable_needs_creation.total")]),
    "new-064": lambda: NUM(V("H23", "requests.partial.total") / V("H23", "requests.handled.total") * 100, "percent",
                           [C("H23", "requests.partial.total"), C("H23", "requests.handled.total")]),
    # ---- followup
    "new-065": lambda: NUM(V("WQ", AMT), "yuan", [C("WQ", AMT)]),
    "new-066": lambda: NUM(V("LC", PRJ), "count", [C("LC", PRJ)]),
    "new-067": lambda: NUM(V("H24", LIC), "count", [C("H24", LIC)]),
    "new-068": lambda: NUM(V("H23", PEN) + V("H24", PEN), "count", cites(PEN, ["H23", "H24"])),
    "new-069": lambda: NUM(V(nth(AMT, 1), PRJ), "count", [C(nth(AMT, 1), PRJ)]),
    "new-070": lambda: NUM(V("LC", "active.penalty.prev_items"), "count", [C("LC", "active.penalty.prev_items")]),
    "new-071": lambda: NUM(V("H23", "active.coercion.decisions"), "count", [C("H23", "active.coercion.decisions")]),
    "new-072": lambda: NUM(V("YZ", NEW) + V("LC", NEW), "count", cites(NEW, ["YZ", "LC"])),
    # ---- operations
    "new-073": lambda: NUM(avg_procurement(), "yuan", cites(AMT, holders(AMT))),
    "new-074": lambda: NUM(statistics.median(V(r, AMT) for r in holders(AMT)), "yuan", cites(AMT, holders(AMT))),
    "new-075": lambda: LST([r for r in ranked(AMT) if V(r, AMT) > avg_procurement()], False, cites(AMT, holders(AMT))),
    "new-076": lambda: LST(ranked(PRJ)[:3], True, cites(PRJ, holders(PRJ))),
    "new-077": lambda: AG(nth(PRJ, 1, desc=False), cites(PRJ, holders(PRJ))),
    "new-078": lambda: NUM(s(NEW, holders(NEW)) / len(holders(NEW)), "count", cites(NEW, holders(NEW))),
    "new-079": lambda: NUM(min(V(r, AMT) for r in holders(AMT)), "yuan", cites(AMT, holders(AMT))),
    "new-080": lambda: NUM(s(AMT, holders(AMT)) / s(PRJ, holders(PRJ)), "yuan",
                           cites(AMT, holders(AMT)) + cites(PRJ, holders(PRJ))),
    "new-081": lambda: LST(ranked(PEN, STATS)[:3], True, cites(PEN, holders(PEN, STATS))),
    "new-082": lambda: NUM(statistics.median(V(r, NEW) for r in holders(NEW, Y2020)), "count",
                           cites(NEW, holders(NEW, Y2020))),
    # ---- abbreviation (in-store names; 087-091 are unanswerable)
    "new-083": lambda: NUM(V("GL", PRJ), "count", [C("GL", PRJ)]),
    "new-084": lambda: NUM(V("WQ", NEW), "count", [C("WQ", NEW)]),
    "new-085": lambda: NUM(V("YZ", "requests.granted.total"), "count", [C("YZ", "requests.granted.total")]),
    "new-086": lambda: NUM(V("EQ", PRJ), "count", [C("EQ", PRJ)]),
    # ---- narrative (figures stated only in the prose)
    "new-092": lambda: NARR("WQ", "全年主动公开政府信息7条"),
    "new-093": lambda: NARR("GL", "本年度共发布各类信息"),
    "new-094": lambda: NARR("YZ", "全年累计发布政府信息"),
    "new-095": lambda: NARR("YZ", "官方微博"),
    "new-096": lambda: NARR("H23", "主动公开政府信息"),
    "new-097": lambda: NARR("H24", "主动发布各类政府信息"),
    "new-098": lambda: NARR("YZ", "罚款总额", unit="yuan"),
    "new-099": lambda: NARR("H24", "常务会议"),
    # ---- conflict (narrative or printed total contradicts the table: expect the table cell)
    "new-100": lambda: NUM(V("H24", NEW), "count", [C("H24", NEW)]),
    "new-101": lambda: NUM(V("H24", NEW), "count", [C("H24", NEW)]),
    "new-102": lambda: NUM(V("H24", "requests.handled.total"), "count", [C("H24", "requests.handled.total")]),
    "new-103": lambda: NUM(V("H24", NEW) - V("H23", NEW), "count", cites(NEW, ["H23", "H24"])),
    "new-104": lambda: BOOL(V("H24", NEW) > 50, [C("H24", NEW)]),
    "new-105": lambda: NUM(V("H23", NEW) + V("H24", NEW), "count", cites(NEW, ["H23", "H24"])),
    "new-106": lambda: NUM(V("H23", "review.reconsideration.total"), "count",
                           [C("H23", "review.reconsideration.total")]),
}


def check_conflict_premises():
    """The conflict cases rest on these gold findings; fail loudly if the gold changes."""
    n = [x for x in G["H24"]["narrative_numbers"] if x.get("cell") == NEW]
    assert n and n[0]["value"] == 17 and n[0]["agrees"] is False, "H24 narrative 17 vs table"
    parts = sum(V("H23", "review.reconsideration." + c) for c in ("upheld", "corrected", "other", "pending"))
    assert parts != V("H23", "review.reconsideration.total"), "H23 R4 failure"


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) < 0.006
    return a == b


def same_expect(comp, got):
    if set(comp) != set(got):
        return False
    return all(same(comp[k], got[k]) for k in comp)


def main():
    check_conflict_premises()
    cases = []
    with open(CASES_FILE, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                cases.append(json.loads(line))
    bad = 0
    seen = set()
    files_known = {base(r) for r in ALL}
    for c in cases:
        cid = c["id"]
        if cid in seen:
            print("%s DUPLICATE ID" % cid)
            bad += 1
        seen.add(cid)
        exp = c["expect"]
        if cid in COMPUTE:
            comp, cite = COMPUTE[cid]()
            ok_e = same_expect(comp, exp)
            ok_c = sorted(cite) == sorted(c.get("cite", []))
            status = "match" if (ok_e and ok_c) else "MISMATCH"
            print("%s %s computed=%s%s" % (cid, status, json.dumps(comp, ensure_ascii=False),
                                           "" if ok_c else " cite=%s" % cite))
            if not (ok_e and ok_c):
                print("    jsonl expect=%s cite=%s" % (json.dumps(exp, ensure_ascii=False), c.get("cite")))
                bad += 1
        elif exp["kind"] in ("passages", "unanswerable"):
            ok = True
            if exp["kind"] == "passages":
                ok = bool(exp.get("files")) and set(exp["files"]) <= files_known and exp.get("sections") == ["五"]
                ok = ok and sorted(c.get("cite", [])) == sorted(exp["files"])
            else:
                ok = bool(exp.get("note")) and not c.get("cite")
            print("%s not computed (%s)%s" % (cid, exp["kind"], "" if ok else " BAD SHAPE"))
            bad += 0 if ok else 1
        else:
            print("%s MISSING COMPUTATION for kind %s" % (cid, exp["kind"]))
            bad += 1
    for cid in COMPUTE:
        if cid not in seen:
            print("%s computed but absent from qa_new.jsonl" % cid)
            bad += 1
    n_comp = sum(1 for c in cases if c["id"] in COMPUTE)
    print("%d cases, %d computed, %d not computed, %d mismatches: %s"
          % (len(cases), n_comp, len(cases) - n_comp, bad, "ALL MATCH" if bad == 0 else "FAIL"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
