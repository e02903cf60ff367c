#!/usr/bin/env python3
"""Reference answers for the frozen hold-out set qa_holdout2.jsonl.

Standalone (stdlib only). Loads the gold fact files and recomputes, from the gold
cells alone, the expected value of every number / agency / list / boolean case;
checks that passage cases point at a report whose text has a section 五 and that
refusal cases really have no data (agency or year not stored, cell absent).
Also checks every `file#key` citation exists in the gold with state `number`.
Prints one line per case and exits non-zero on any mismatch.

    python3 /work/main/eval/qa_holdout2_reference.py
"""
import glob
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD_DIR = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES = os.path.join(ROOT, "data", "samples")
CASES = os.path.join(HERE, "qa_holdout2.jsonl")

# ---------------------------------------------------------------- gold
GOLD = {}  # file basename -> gold dict
for path in sorted(glob.glob(os.path.join(GOLD_DIR, "*.json"))):
    with open(path, encoding="utf-8") as fh:
        g = json.load(fh)
    GOLD[os.path.basename(g["file"])] = g

G = "000_2133ae744f48d674.txt"
L = "001_19df74b8cb7281a4.txt"
Y = "002_c42cd15df52a6935.txt"
W = "003_acfa5b9243423631.txt"
E = "004_5206fb2196a31c52.txt"
H3 = "hongze-qu-gov-2023.pdf"
H4 = "hongze-qu-gov-2024.pdf"


def agency(f):
    return GOLD[f]["agency"]


def val(f, key):
    fact = GOLD[f]["facts"].get(key)
    if fact is None or fact["state"] != "number":
        raise ValueError(f"{f}#{key} is not a number cell: {fact and fact['state']}")
    return fact["value"]


def holders(key, files=None):
    """(file, value) for every report holding `key` as a printed number."""
    out = []
    for f, g in GOLD.items():
        if files is not None and f not in files:
            continue
        fact = g["facts"].get(key)
        if fact is not None and fact["state"] == "number":
            out.append((f, fact["value"]))
    return out


def ranked(key, files=None, desc=True):
    rows = sorted(holders(key, files), key=lambda r: r[1], reverse=desc)
    return rows


def at_rank(key, pos, files=None, desc=True):
    """Agency at 1-based position `pos`; refuses ties at that position."""
    rows = ranked(key, files, desc)
    v = rows[pos - 1][1]
    if sum(1 for _, x in rows if x == v) != 1:
        raise ValueError(f"tie at position {pos} for {key}")
    return agency(rows[pos - 1][0])


def count(key, pred, files=None):
    return sum(1 for _, v in holders(key, files) if pred(v))


def where(pred):
    return [f for f, g in GOLD.items() if pred(g)]


def template(t):
    return where(lambda g: g["template"] == t)


def stats_bureaus():
    return where(lambda g: g["agency"].endswith("统计局"))


def province(p):
    return where(lambda g: g.get("province") == p)


def street_offices():
    return where(lambda g: g.get("agency_kind") == "street_office" or "街道" in g["agency"])


def narrative(f, fragment):
    hits = [n for n in GOLD[f].get("narrative_numbers", []) if fragment in n["text"]]
    if len(hits) != 1:
        raise ValueError(f"narrative fragment {fragment!r} matched {len(hits)} in {f}")
    return hits[0]["value"]


def pct(a, b):
    return round(100.0 * a / b, 2)


AMT = "active.procurement.amount"
PRJ = "active.procurement.projects"
NEW = "requests.new.total"
PEN = "active.penalty.decisions"
PPREV = "active.penalty.prev_items"
P5 = holders(AMT)  # reports with a procurement table


def avg_amount():
    return round(statistics.mean(v for _, v in holders(AMT)), 2)


# ---------------------------------------------------------------- expected values
EXPECT = {
    # lookup
    "h2-001": lambda: val(L, PRJ),
    "h2-002": lambda: val(H4, "active.licensing.decisions"),
    "h2-003": lambda: val(H3, "active.coercion.decisions"),
    "h2-004": lambda: val(E, "active.other_services.prev_items"),
    "h2-005": lambda: val(W, AMT),
    "h2-006": lambda: val(Y, "active.rules.public_total"),
    "h2-007": lambda: val(H4, "active.normative.in_force"),
    "h2-008": lambda: val(H3, "active.fees.amount"),
    "h2-009": lambda: val(G, PPREV),
    # rank
    "h2-010": lambda: at_rank(AMT, 2),
    "h2-011": lambda: at_rank(AMT, 2, desc=False),
    "h2-012": lambda: at_rank(AMT, 1, desc=False),
    "h2-013": lambda: at_rank(PRJ, 3),
    "h2-014": lambda: at_rank(PRJ, 2),
    "h2-015": lambda: at_rank(PPREV, 2),
    "h2-016": lambda: at_rank(PEN, 2, files=stats_bureaus()),
    "h2-017": lambda: at_rank(PEN, 2, files=stats_bureaus(), desc=False),
    "h2-018": lambda: at_rank(NEW, 2, files=template("2019")),
    # count
    "h2-019": lambda: count(AMT, lambda v: v > 100000),
    "h2-020": lambda: count(AMT, lambda v: v < 80000),
    "h2-021": lambda: count(NEW, lambda v: v == 0),
    "h2-022": lambda: count(PEN, lambda v: v == 0),
    "h2-023": lambda: count(NEW, lambda v: v > 10),
    "h2-024": lambda: count(PRJ, lambda v: v > 10),
    "h2-025": lambda: count(PPREV, lambda v: v > 5),
    "h2-026": lambda: count("requests.granted.total", lambda v: v > 0),
    "h2-027": lambda: count(AMT, lambda v: v > 200000),
    # group
    "h2-028": lambda: round(sum(v for _, v in holders(AMT, province("福建省"))), 2),
    "h2-029": lambda: sum(v for _, v in holders(NEW, province("浙江省"))),
    "h2-030": lambda: sum(v for _, v in holders(PRJ, stats_bureaus())),
    "h2-031": lambda: sum(v for _, v in holders(AMT, street_offices())),
    "h2-032": lambda: at_rank(AMT, 1, files=[f for f in province("浙江省") if f in stats_bureaus()]),
    "h2-033": lambda: sorted({agency(f) for f in stats_bureaus()}),
    "h2-034": lambda: sorted({agency(f) for f in province("福建省")}),
    "h2-035": lambda: at_rank(PEN, 1, files=stats_bureaus()),
    "h2-036": lambda: round(sum(v for _, v in holders(AMT, stats_bureaus())), 2),
    # compare
    "h2-037": lambda: agency(G) if val(G, AMT) > val(L, AMT) else agency(L),
    "h2-038": lambda: round(val(Y, AMT) - val(L, AMT), 2),
    "h2-039": lambda: val(H4, NEW) - val(H3, NEW),
    "h2-040": lambda: val(H3, PEN) - val(H4, PEN),
    "h2-041": lambda: abs(val(H4, "active.fees.amount") - val(H3, "active.fees.amount")),
    "h2-042": lambda: agency(E) if val(E, PPREV) > val(L, PPREV) else agency(L),
    "h2-043": lambda: abs(val(W, PRJ) - val(E, PRJ)),
    "h2-044": lambda: val(H4, "active.licensing.decisions") - val(H3, "active.licensing.decisions"),
    "h2-045": lambda: agency(Y) if val(Y, PEN) > val(G, PEN) else agency(G),
    # yes/no
    "h2-046": lambda: val(H4, PEN) > val(H3, PEN),
    "h2-047": lambda: val(H4, NEW) > val(H3, NEW),
    "h2-048": lambda: val(H4, "active.fees.amount") < val(H3, "active.fees.amount"),
    "h2-049": lambda: val(G, AMT) > 300000,
    "h2-050": lambda: val(L, AMT) > 100000,
    "h2-051": lambda: val(H4, "active.coercion.decisions") > val(H3, "active.coercion.decisions"),
    "h2-052": lambda: val(W, PRJ) > val(G, PRJ),
    "h2-053": lambda: val(E, AMT) < val(L, AMT),
    "h2-054": lambda: val(H4, "active.normative.in_force") > val(H3, "active.normative.in_force"),
    # qualifiers / synonyms
    "h2-055": lambda: val(H4, "requests.partial.total"),
    "h2-056": lambda: val(H3, "requests.unavailable_not_held.total"),
    "h2-057": lambda: val(Y, "requests.carried_out.total"),
    "h2-058": lambda: val(H4, "review.lawsuit_after_review.total"),
    "h2-059": lambda: pct(val(H4, "requests.granted.total"), val(H4, "requests.handled.total")),
    "h2-060": lambda: pct(val(H4, "requests.unavailable_not_held.total"), val(H4, "requests.handled.total")),
    "h2-061": lambda: val(H4, "review.lawsuit_direct.total"),
    "h2-062": lambda: sum(val(H3, f"requests.withheld_{k}.total") for k in (
        "secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query")),
    "h2-063": lambda: val(H3, "requests.unavailable_needs_creation.total"),
    # multi-turn
    "h2-064": lambda: val(Y, AMT),
    "h2-065": lambda: val(H3, NEW),
    "h2-066": lambda: val(H4, PEN),
    "h2-067": lambda: val([f for f, _ in ranked(AMT)][0], PRJ),
    "h2-068": lambda: round(val(G, AMT) + val(W, AMT), 2),
    "h2-069": lambda: val(L, PEN),
    "h2-070": lambda: val([f for f in province("浙江省") if f != L][0], PEN),
    "h2-071": lambda: val(H4, "active.licensing.decisions") + val(H3, "active.licensing.decisions"),
    "h2-072": lambda: val(G, PPREV),
    # operations
    "h2-073": avg_amount,
    "h2-074": lambda: statistics.median(v for _, v in holders(AMT)),
    "h2-075": lambda: sorted(agency(f) for f, v in holders(AMT) if v > avg_amount()),
    "h2-076": lambda: [agency(f) for f, _ in ranked(AMT)[:3]],
    "h2-077": lambda: at_rank(PRJ, 1, desc=False),
    "h2-078": lambda: [agency(f) for f, _ in ranked(PRJ)[:2]],
    "h2-079": lambda: sorted(agency(f) for f, v in holders(AMT) if v < avg_amount()),
    "h2-080": lambda: round(statistics.mean(v for _, v in holders(PRJ)), 2),
    "h2-081": lambda: statistics.median(v for _, v in holders(PRJ)),
    # narrative-only figures (section 一 prose)
    "h2-082": lambda: narrative(Y, "全年累计发布政府信息"),
    "h2-083": lambda: narrative(Y, "微信公众号"),
    "h2-084": lambda: narrative(W, "全年主动公开政府信息"),
    "h2-085": lambda: narrative(G, "本年度共发布各类信息"),
    "h2-086": lambda: narrative(H3, "政府网站平台主动公开"),
    "h2-087": lambda: narrative(H4, "政府网站平台主动发布"),
    "h2-088": lambda: narrative(Y, "公开统计数据"),
    "h2-089": lambda: narrative(G, "在政府网站主动公开信息"),
    "h2-090": lambda: narrative(Y, "官方微博"),
}

# refusal checks: each returns True when the store really cannot answer
def no_agency(pattern):
    return lambda: not any(re.search(pattern, g["agency"]) for g in GOLD.values())


def no_year(fragment, year):
    return lambda: not any(fragment in g["agency"] and g["year"] == year for g in GOLD.values())


def absent_cell(f, key):
    return lambda: GOLD[f]["facts"].get(key, {"state": "absent"})["state"] == "absent"


def no_key(word):
    return lambda: not any(word in k for g in GOLD.values() for k in g["facts"])


REFUSE = {
    "h2-100": no_agency("发改"),
    "h2-101": no_agency("西湖"),
    "h2-102": lambda: no_agency("城关镇")() and no_year("", 2022)(),
    "h2-103": no_year("鹿城", 2022),
    "h2-104": absent_cell(H4, AMT),
    "h2-105": absent_cell(H3, AMT),
    "h2-106": no_key("budget"),
    "h2-107": no_key("staff"),
    "h2-108": no_key("gdp"),
}


def has_section_five(f):
    path = os.path.join(SAMPLES, f)
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return re.search(r"五、[^\n]{0,20}(存在的主要问题|问题及改进)", text) is not None


# ---------------------------------------------------------------- compare
def same(kind, want, got):
    if kind == "number":
        return abs(float(want) - float(got)) <= max(0.005, 1e-9 * abs(float(got)))
    if kind == "list":
        return want == got
    return want == got


def main():
    bad = 0
    n = 0
    with open(CASES, encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh if line.strip()]
    for case in cases:
        n += 1
        cid, exp = case["id"], case["expect"]
        kind = exp["kind"]
        problems = []
        # citations
        for c in case.get("cite", []):
            f, _, key = c.partition("#")
            if f not in GOLD:
                problems.append(f"cite file {f} not in gold")
            elif key:
                fact = GOLD[f]["facts"].get(key)
                if fact is None or fact["state"] != "number":
                    problems.append(f"cite {c} not a number cell")
        if kind == "number" and not case.get("cite"):
            problems.append("numeric case without cite")
        try:
            if kind in ("number", "agency", "boolean", "list"):
                got = EXPECT[cid]()
                if kind == "number":
                    want = exp["value"]
                elif kind == "list":
                    want = exp["values"] if exp["ordered"] else sorted(exp["values"])
                else:
                    want = exp["value"]
                ok = same(kind, want, got)
                detail = f"expect={want!r} computed={got!r}"
                if not ok:
                    problems.append("value mismatch")
            elif kind == "passages":
                ok = all(has_section_five(f) for f in exp["files"]) and exp["sections"] == ["五"]
                detail = f"files={exp['files']} section 五 present={ok}"
                if not ok:
                    problems.append("passage file/section not found")
            elif kind == "unanswerable":
                ok = REFUSE[cid]()
                detail = f"no data in store={ok}"
                if not ok:
                    problems.append("store can answer a refusal case")
            else:
                problems.append(f"unknown kind {kind}")
                detail = ""
        except Exception as exc:  # noqa: BLE001
            problems.append(f"error: {exc}")
            detail = ""
        status = "OK  " if not problems else "FAIL"
        if problems:
            bad += 1
        print(f"{status} {cid} [{kind}] {detail} {'; '.join(problems)}".rstrip())
    print(f"{n - bad}/{n} cases match the gold" + ("" if not bad else f"; {bad} MISMATCH"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
