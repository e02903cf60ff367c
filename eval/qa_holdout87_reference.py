"""Reference for eval/qa_holdout87.jsonl (stdlib only).

Recomputes every expected answer, its cite list and the `guessed_unit` / `mixed_years` tags of the 120 cases
from the hand-checked gold values in tests/fixtures/gold/*.json, and passage / mention cases from the section
text of data/samples/*.txt. Prints every mismatch and `SUMMARY n/120`; exits 0 only at 120/120.

Run from the repository root or anywhere: python3 eval/qa_holdout87_reference.py
"""
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "eval" / "qa_holdout87.jsonl"
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"

# ---------------------------------------------------------------- gold
GOLD = {}
for p in sorted(GOLD_DIR.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    GOLD[Path(d["file"]).name] = d  # samples/pdf/hongze-qu-gov-2023.pdf -> hongze-qu-gov-2023.pdf

G, L, Y, W, E = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                 "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
for f in (G, L, Y, W, E, H3, H4):
    assert f in GOLD, f"gold for {f} missing"
ALL = sorted(GOLD)                                   # the seven reports
YEAR = {f: GOLD[f]["year"] for f in ALL}
STATS = [f for f in ALL if GOLD[f]["agency"].endswith("统计局")]
Y2020 = [f for f in ALL if YEAR[f] == 2020]
WITH_PROC = [f for f in ALL if "active.procurement.amount" in GOLD[f]["facts"]]
EARLY = [f for f in ALL if YEAR[f] in (2019, 2020)]
assert len(STATS) == 4 and len(Y2020) == 4 and len(WITH_PROC) == 5 and len(EARLY) == 5


def name(f):
    return GOLD[f]["agency"]


def fact(f, k):
    return GOLD[f]["facts"][k]


def v(f, k):
    x = fact(f, k)
    if x["state"] != "number":
        raise ValueError(f"{f}#{k} is {x['state']}, not a number")
    return x["value"]


def cells(files, *keys):
    return [f"{f}#{k}" for f in files for k in keys]


def pct(a, b):
    return a / b * 100


def ranked(files, key, desc=True):
    vals = [(v(f, key), f) for f in files]
    return [f for _, f in sorted(vals, key=lambda t: t[0], reverse=desc)]


def no_tie(files, key, upto):
    """The first `upto` positions of a ranking must not be decided by a tie."""
    vals = sorted((v(f, key) for f in files), reverse=True)
    return len(set(vals[:upto + 1])) == len(vals[:upto + 1]) or len(vals) <= upto


# failing groups (balance rules that fail), from the gold `checks`
FAILING = set()
for f in ALL:
    for rule, res in (GOLD[f].get("checks") or {}).items():
        if isinstance(res, str) and res.startswith("fail"):
            for grp in re.findall(r"([a-z_]+):\s*[\d+ ]+=", res):
                FAILING.add((f, grp))
assert FAILING == {(H3, "reconsideration"), (H3, "lawsuit_after_review")}, FAILING


def failing_cell(cite):
    f, _, k = cite.partition("#")
    parts = k.split(".")
    return k and (f, parts[1]) in FAILING


REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def review_sum_minus_total(f, grp):
    return sum(v(f, f"review.{grp}.{c}") for c in REVIEW_COLS[:4]) - v(f, f"review.{grp}.total")


# ---------------------------------------------------------------- sample text by section
SEC_NAMES = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


def sections(f):
    text = (SAMPLES / f).read_text(encoding="utf-8")
    out, cur = {}, None
    for line in text.splitlines():
        s = line.strip().lstrip("#").strip().strip("*").strip()
        m = re.match(r"^([一二三四五六])、(.*)$", s)
        if m and "\t" not in line and SEC_NAMES[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(x) for k, x in out.items()}, text


def mentions(files, word):
    return [f for f in files if word in sections(f)[1]]


# ---------------------------------------------------------------- expected answers
def N(val, unit="count"):
    return {"kind": "number", "value": round(val, 2), "unit": unit}


def AG(f):
    return {"kind": "agency", "value": name(f)}


def LS(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def B(x):
    return {"kind": "boolean", "value": bool(x)}


def P(files, secs, word):
    for f in files:
        for s in secs:
            body = sections(f)[0].get(s, "")
            assert word in body, f"section {s} of {f} does not contain {word!r}"
    return {"kind": "passages", "files": files, "sections": secs}


def U(check):
    assert check, "the refusal's premise does not hold in the gold"
    return {"kind": "unanswerable"}


PA, PP, PEN, NEW = "active.procurement.amount", "active.procurement.projects", "active.penalty.decisions", "requests.new.total"
HANDLED, GRANTED = "requests.handled.total", "requests.granted.total"
WH = [f"requests.withheld_{x}.total" for x in
      ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]]
R1 = [NEW, "requests.carried_in.total", HANDLED, "requests.carried_out.total"]
AGENCIES = {GOLD[f]["agency"] for f in ALL} | {GOLD[f].get("agency_full") for f in ALL}


def has_year(word, year):
    return any(word in GOLD[f]["agency"] and YEAR[f] == year for f in ALL)


def S(files, key):
    return sum(v(f, key) for f in files)


def blank_req(f):
    return [k for k, x in GOLD[f]["facts"].items() if k.startswith("requests.") and x["state"] == "blank"]


# id -> (op, expect, cite). op is used for the mixed_years rule: AGG ops (sum / ranking / count / average /
# median / list / comparison between agencies) need `mixed_years` when the cited cells span more than one
# year; year-over-year comparisons of one agency (yoy), look-ups, ratios within one report and
# data-quality questions do not.
AGG = {"sum", "rank", "count", "avg", "median", "above", "list", "compare"}


def build():
    R = {}
    proc_sorted = sorted(v(f, PA) for f in WITH_PROC)
    stats_avg = statistics.mean(v(f, PA) for f in STATS)
    early_pen = S(EARLY, PEN)
    # 001-020
    R[1] = ("lookup", N(v(H4, "active.licensing.decisions")), cells([H4], "active.licensing.decisions"))
    R[2] = ("lookup", N(v(H3, PEN)), cells([H3], PEN))
    R[3] = ("yoy", N(v(H3, PEN) - v(H4, PEN)), cells([H3, H4], PEN))
    R[4] = ("yoy", N(pct(v(H4, NEW) - v(H3, NEW), v(H3, NEW)), "percent"), cells([H3, H4], NEW))
    R[5] = ("lookup", N(v(H4, "active.fees.amount"), "yuan"), cells([H4], "active.fees.amount"))
    R[6] = ("sum", N(S([H3, H4], "active.fees.amount"), "yuan"), cells([H3, H4], "active.fees.amount"))
    R[7] = ("yoy", N(pct(v(H4, "active.licensing.decisions"), v(H3, "active.licensing.decisions")), "percent"),
            cells([H3, H4], "active.licensing.decisions"))
    R[8] = ("ratio", N(pct(v(H4, GRANTED), v(H4, HANDLED)), "percent"), cells([H4], GRANTED, HANDLED))
    R[9] = ("passage", P([G], ["一"], "平台建设"), [G])
    m = mentions(Y2020, "疫情")
    R[10] = ("mention", LS([name(f) for f in m]), m)
    R[11] = ("lookup", B(v(H3, GRANTED) > 0), cells([H3], GRANTED))
    R[12] = ("lookup", N(v(H4, "requests.unavailable_not_held.total")), cells([H4], "requests.unavailable_not_held.total"))
    R[13] = ("yoy", B(v(H4, "active.coercion.decisions") < v(H3, "active.coercion.decisions")),
             cells([H3, H4], "active.coercion.decisions"))
    R[14] = ("lookup", N(v(H3, "active.normative.in_force")), cells([H3], "active.normative.in_force"))
    R[15] = ("refuse", U(PA not in GOLD[H4]["facts"] and GOLD[H4]["template"] == "2021"), [])
    R[16] = ("dq", B(review_sum_minus_total(H3, "reconsideration") == 0),
             cells([H3], *[f"review.reconsideration.{c}" for c in REVIEW_COLS]))
    nn = [x for x in GOLD[H4]["narrative_numbers"] if x.get("cell") == NEW]
    assert len(nn) == 1
    R[17] = ("dq", B(nn[0]["value"] == v(H4, NEW)), cells([H4], NEW))
    R[18] = ("refuse", U(not has_year("洪泽区", 2022)), [])
    R[19] = ("meta", LS(sorted(YEAR[f] for f in ALL if "洪泽区" in name(f))), [])
    R[20] = ("compare", N(v(H4, NEW) - S(Y2020, NEW)), cells([H4] + Y2020, NEW))
    # 021-040
    rs = ranked(STATS, PA)
    assert no_tie(STATS, PA, 4)
    R[21] = ("rank", AG(rs[0]), cells(STATS, PA))
    R[22] = ("rank", AG(rs[-2]), cells(STATS, PA))
    R[23] = ("sum", N(S(STATS, PA), "yuan"), cells(STATS, PA))
    R[24] = ("refuse", U(not has_year("鹿城区", 2021)), [])
    R[25] = ("ratio", N(v(L, PA) / v(L, PP), "yuan"), cells([L], PA, PP))
    assert no_tie(STATS, PEN, 1)
    R[26] = ("rank", AG(ranked(STATS, PEN)[0]), cells(STATS, PEN))
    R[27] = ("median", N(statistics.median(v(f, PEN) for f in STATS)), cells(STATS, PEN))
    s20 = [f for f in STATS if YEAR[f] == 2020]
    assert len(s20) == 3
    R[28] = ("avg", N(statistics.mean(v(f, PEN) for f in s20)), cells(s20, PEN))
    R[29] = ("count", N(sum(v(f, NEW) == 0 for f in STATS)), cells(STATS, NEW))
    R[30] = ("ratio", B(v(Y, GRANTED) == v(Y, HANDLED)), cells([Y], GRANTED, HANDLED))
    R[31] = ("equal", B(v(G, NEW) == v(L, NEW)), cells([G, L], NEW))
    R[32] = ("compare", N(v(L, PP) - v(G, PP)), cells([G, L], PP))
    R[33] = ("lookup", N(v(E, PA), "yuan"), cells([E], PA))
    R[34] = ("count", N(sum(v(f, PA) > 100000 for f in STATS)), cells(STATS, PA))
    R[35] = ("rank", LS([name(f) for f in rs[:3]], True), cells(STATS, PA))
    R[36] = ("sum", N(pct(v(Y, PA), S(STATS, PA)), "percent"), cells(STATS, PA))
    R[37] = ("above", LS([name(f) for f in STATS if v(f, PA) > stats_avg]), cells(STATS, PA))
    R[38] = ("passage", P([Y], ["五"], "存在主要问题"), [Y])
    R[39] = ("passage", P([E], ["五"], "下一步"), [E])
    R[40] = ("dq", B(all(v(f, R1[0]) + v(f, R1[1]) == v(f, R1[2]) + v(f, R1[3]) for f in STATS)),
             [f"{f}#{k}" for f in STATS for k in R1])
    # 041-060
    R[41] = ("lookup", N(v(W, PA), "yuan"), cells([W], PA))
    R[42] = ("ratio", N(v(W, PA) / v(W, PP), "yuan"), cells([W], PA, PP))
    assert no_tie(Y2020, PP, 4)
    rp = ranked(Y2020, PP)
    R[43] = ("rank", AG(rp[0]), cells(Y2020, PP))
    R[44] = ("rank", AG(rp[-2]), cells(Y2020, PP))
    R[45] = ("lookup", N(v(W, "requests.withheld_third_party.total")), cells([W], "requests.withheld_third_party.total"))
    lk = ["review.lawsuit_direct.total", "review.lawsuit_after_review.total"]
    R[46] = ("count", B(any(v(f, k) > 0 for f in Y2020 for k in lk)), cells(Y2020, *lk))
    R[47] = ("lookup", N(v(H4, lk[0]) + v(H4, lk[1])), cells([H4], *lk))
    R[48] = ("ratio", N(pct(v(H4, "review.reconsideration.corrected"), v(H4, "review.reconsideration.total")), "percent"),
             cells([H4], "review.reconsideration.corrected", "review.reconsideration.total"))
    R[49] = ("count", N(sum(v(f, NEW) > 10 for f in ALL)), cells(ALL, NEW))
    R[50] = ("lookup", N(sum(v(H4, k) for k in WH)), cells([H4], *WH))
    R[51] = ("refuse", U("杭州市西湖区统计局" not in AGENCIES and not any("西湖区" in name(f) for f in ALL)), [])
    R[52] = ("refuse", U(not any("fine" in k or "罚款" in k for f in ALL for k in GOLD[f]["facts"])), [])
    R[53] = ("lookup", N(v(H3, PEN)), cells([H3], PEN))
    R[54] = ("lookup", N(v(Y, PA), "yuan"), cells([Y], PA))
    R[55] = ("rank", AG(rs[1]), cells(STATS, PA))
    R[56] = ("sum", N(v(W, NEW) + v(L, NEW)), cells([W, L], NEW))
    R[57] = ("ratio", N(pct(v(H4, "requests.unavailable_not_held.total"), v(H4, NEW)), "percent"),
             cells([H4], NEW, "requests.unavailable_not_held.total"))
    top_pen_stat = ranked(STATS, PEN)[0]
    R[58] = ("lookup", N(v(top_pen_stat, PA), "yuan"), cells([top_pen_stat], PA))
    R[59] = ("yoy", N(v(H3, "active.coercion.decisions") - v(H4, "active.coercion.decisions")),
             cells([H3, H4], "active.coercion.decisions"))
    R[60] = ("compare", N(v(W, PP) - v(Y, PP)), cells([Y, W], PP))
    # 061-080
    fees = "active.fees.amount"
    R[61] = ("lookup", N(v(H4, fees), "yuan"), cells([H4], fees))
    R[62] = ("yoy", B(v(H4, fees) < v(H3, fees)), cells([H3, H4], fees))
    R[63] = ("yoy", N(v(H3, fees) - v(H4, fees), "yuan"), cells([H3, H4], fees))
    lic = "active.licensing.decisions"
    R[64] = ("yoy", N(pct(v(H4, lic) - v(H3, lic), v(H3, lic)), "percent"), cells([H3, H4], lic))
    R[65] = ("sum", N(v(H3, PEN) + v(H4, PEN)), cells([H3, H4], PEN))
    assert no_tie(Y2020, PA, 4)
    R[66] = ("rank", AG(ranked(Y2020, PA)[1]), cells(Y2020, PA))
    R[67] = ("sum", N(S(Y2020, PA), "yuan"), cells(Y2020, PA))
    R[68] = ("count", N(sum(v(f, PA) > 100000 for f in WITH_PROC)), cells(WITH_PROC, PA))
    R[69] = ("avg", N(statistics.mean(proc_sorted), "yuan"), cells(WITH_PROC, PA))
    R[70] = ("median", N(statistics.median(proc_sorted), "yuan"), cells(WITH_PROC, PA))
    R[71] = ("avg", N(S(WITH_PROC, PA) / S(WITH_PROC, PP), "yuan"), cells(WITH_PROC, PA) + cells(WITH_PROC, PP))
    per = {f: v(f, PA) / v(f, PP) for f in (L, W)}
    R[72] = ("compare", AG(max(per, key=per.get)), cells([L, W], PA, PP))
    zj = [f for f in WITH_PROC if GOLD[f]["province"] == "浙江省"]
    assert set(zj) == {L, Y}
    R[73] = ("sum", N(S(zj, PA), "yuan"), cells(zj, PA))
    R[74] = ("ratio", N(pct(v(H4, "requests.partial.total"), v(H4, HANDLED)), "percent"),
             cells([H4], "requests.partial.total", HANDLED))
    R[75] = ("lookup", N(v(H4, "active.coercion.decisions")), cells([H4], "active.coercion.decisions"))
    fj = [f for f in WITH_PROC if GOLD[f]["province"] == "福建省"]
    assert set(fj) == {G, W}
    R[76] = ("sum", N(S(fj, PA), "yuan"), cells(fj, PA))
    R[77] = ("compare", B(v(G, PA) > 4 * v(L, PA)), cells([G, L], PA))
    R[78] = ("meta", LS(sorted(set(YEAR.values()))), [])
    R[79] = ("refuse", U(PA not in GOLD[H3]["facts"] and GOLD[H3]["template"] == "2021"), [])
    R[80] = ("refuse", U(not any("浦东" in name(f) for f in ALL)), [])
    # 081-100
    R[81] = ("count", N(sum(v(f, NEW) == 0 for f in ALL)), cells(ALL, NEW))
    R[82] = ("count", N(sum(v(f, NEW) >= 1 for f in ALL)), cells(ALL, NEW))
    R[83] = ("sum", N(S(ALL, NEW)), cells(ALL, NEW))
    assert no_tie(Y2020, NEW, 1)
    R[84] = ("rank", AG(ranked(Y2020, NEW)[0]), cells(Y2020, NEW))
    R[85] = ("sum", N(S(Y2020, NEW)), cells(Y2020, NEW))
    R[86] = ("sum", N(pct(v(W, NEW), S(Y2020, NEW)), "percent"), cells(Y2020, NEW))
    R[87] = ("sum", N(pct(S(Y2020, GRANTED), S(Y2020, HANDLED)), "percent"), cells(Y2020, GRANTED) + cells(Y2020, HANDLED))
    R[88] = ("count", B(any(v(f, "requests.carried_in.total") > 0 for f in Y2020)), cells(Y2020, "requests.carried_in.total"))
    failing_reports = {f for f, _ in FAILING}
    R[89] = ("dq", N(len(failing_reports)),
             [f"{f}#review.{g}.{c}" for f, g in sorted(FAILING) for c in REVIEW_COLS])
    R[90] = ("dq", N(review_sum_minus_total(H3, "reconsideration")), cells([H3], *[f"review.reconsideration.{c}" for c in REVIEW_COLS]))
    assert nn[0]["value"] == 17
    R[91] = ("dq", N(v(H4, NEW)), cells([H4], NEW))
    with_blank = [f for f in ALL if blank_req(f)]
    R[92] = ("dq", LS([name(f) for f in with_blank]), [f"{f}#{k}" for f in with_blank for k in blank_req(f)])
    noprint = [f for f in STATS if not fact(f, PA).get("unit_printed")]
    R[93] = ("dq", LS([name(f) for f in noprint]), cells(STATS, PA))
    R[94] = ("passage", P([W], ["五"], "有待提高"), [W])
    R[95] = ("passage", P([L], ["五"], "进一步"), [L])
    m = mentions(EARLY, "培训")
    R[96] = ("mention", LS([name(f) for f in m]), m)
    m = mentions(EARLY, "律师")
    assert len(m) == 1
    R[97] = ("mention", AG(m[0]), m)
    R[98] = ("refuse", U(not has_year("鼓楼区统计局", 2021)), [])
    R[99] = ("meta", N(len(ALL)), [])
    R[100] = ("median", N(statistics.median(v(f, NEW) for f in ALL)), cells(ALL, NEW))
    # 101-120
    R[101] = ("lookup", N(v(H3, lic)), cells([H3], lic))
    R[102] = ("ratio", N(pct(v(H3, "requests.unavailable_not_held.total"), v(H3, HANDLED)), "percent"),
              cells([H3], "requests.unavailable_not_held.total", HANDLED))
    R[103] = ("refuse", U("active.fees.amount" not in GOLD[E]["facts"] and GOLD[E]["template"] == "2019"), [])
    pi = "active.penalty.prev_items"
    assert no_tie(s20, pi, 1)
    R[104] = ("rank", AG(ranked(s20, pi)[0]), cells(s20, pi))
    R[105] = ("lookup", B(v(E, "active.other_services.prev_items") > v(E, pi)), cells([E], "active.other_services.prev_items", pi))
    avg_pp = statistics.mean(v(f, PP) for f in Y2020)
    R[106] = ("above", LS([name(f) for f in Y2020 if v(f, PP) > avg_pp]), cells(Y2020, PP))
    R[107] = ("sum", N(early_pen), cells(EARLY, PEN))
    R[108] = ("compare", B(v(H4, PEN) > early_pen), cells(EARLY + [H4], PEN))
    co = "active.coercion.decisions"
    R[109] = ("yoy", N(pct(v(H3, co) - v(H4, co), v(H3, co)), "percent"), cells([H3, H4], co))
    R[110] = ("ratio", N(pct(v(Y, GRANTED), v(Y, HANDLED)), "percent"), cells([Y], GRANTED, HANDLED))
    R[111] = ("list", LS([name(f) for f in STATS if v(f, PEN) == 0]), cells(STATS, PEN))
    R[112] = ("meta", LS([name(f) for f in ALL if GOLD[f]["province"] == "福建省"]), [])
    R[113] = ("refuse", U(not any("staff" in k or "人员" in k for f in ALL for k in GOLD[f]["facts"])), [])
    wz = [f for f in ALL if GOLD[f]["city"] == "温州市"]
    assert len(wz) == 1
    R[114] = ("lookup", N(v(wz[0], NEW)), cells(wz, NEW))
    assert no_tie(Y2020, PEN, 2)
    R[115] = ("rank", AG(ranked(Y2020, PEN)[1]), cells(Y2020, PEN))
    R[116] = ("lookup", N(v(H3, co)), cells([H3], co))
    R[117] = ("sum", N(v(Y, PA) + v(G, PA), "yuan"), cells([Y, G], PA))
    R[118] = ("ratio", N(pct(v(H3, "requests.unavailable_needs_creation.total"), v(H3, NEW)), "percent"),
              cells([H3], NEW, "requests.unavailable_needs_creation.total"))
    R[119] = ("lookup", N(v(H4, fees), "yuan"), cells([H4], fees))
    R[120] = ("lookup", N(v(top_pen_stat, PA) / v(top_pen_stat, PP), "yuan"), cells([top_pen_stat], PA, PP))
    return R


def norm_expect(e):
    e = dict(e)
    e.pop("note", None)
    if e["kind"] == "number":
        e["value"] = round(float(e["value"]), 2)
    if e["kind"] == "list":
        e["values"] = e["values"] if e.get("ordered") else sorted(map(str, e["values"]))
        e["values"] = [str(x) for x in e["values"]]
        e.setdefault("ordered", False)
    return e


def main():
    lines = [l for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    R = build()
    bad_total = 0
    ok = 0
    if len(cases) != 120:
        print(f"expected 120 cases, found {len(cases)}")
    for i, case in enumerate(cases, 1):
        probs = []
        cid = f"h87-{i:03d}"
        if case.get("id") != cid:
            probs.append(f"id {case.get('id')!r} != {cid}")
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            probs.append("unknown field")
        q = case.get("question", "")
        lang = "zh" if i <= 60 else "en"
        tags = case.get("tags", [])
        if lang not in tags or ({"zh", "en"} - {lang}) & set(tags):
            probs.append(f"language tag should be {lang}")
        cjk = any("\u4e00" <= ch <= "\u9fff" for ch in q + "".join(case.get("turns", [])))
        if lang == "zh" and not cjk:
            probs.append("zh case without Chinese")
        if lang == "en" and sum(ch.isascii() for ch in q) < 0.9 * len(q):
            probs.append("en case not in English")
        if "turns" in case and not (isinstance(case["turns"], list) and case["turns"]):
            probs.append("turns must be a non-empty list")
        op, exp, cite = R[i]
        for c in case.get("cite", []):
            if not re.match(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$", c):
                probs.append(f"bad cite format {c!r}")
        got = norm_expect(case["expect"])
        want = norm_expect(exp)
        if got != want:
            probs.append(f"expect {case['expect']} != computed {exp}")
        if sorted(case.get("cite", [])) != sorted(cite) or len(set(case.get("cite", []))) != len(case.get("cite", [])):
            probs.append(f"cite {case.get('cite')} != computed {cite}")
        # cells exist; blank / absent / failing-group cells only in data-quality questions
        used_years = set()
        guessed = False
        for c in cite:
            f, _, k = c.partition("#")
            used_years.add(YEAR[f])
            if k:
                x = fact(f, k)
                if x.get("unit_assumed"):
                    guessed = True
                if op != "dq" and (x["state"] != "number" or failing_cell(c)):
                    probs.append(f"{c} ({x['state']}, failing={failing_cell(c)}) used outside a data-quality question")
        if exp["kind"] == "unanswerable" and cite:
            probs.append("an unanswerable case cites cells")
        if guessed != ("guessed_unit" in tags):
            probs.append(f"guessed_unit tag should be {guessed}")
        mixed = op in AGG and len(used_years) > 1
        if mixed != ("mixed_years" in tags):
            probs.append(f"mixed_years tag should be {mixed}")
        # Hongze appears twice: a ranked / listed Hongze answer would need the year
        if exp["kind"] in ("agency", "list") and op not in ("meta",) and "洪泽" in json.dumps(exp, ensure_ascii=False):
            probs.append("Hongze in an agency/list answer: say the year")
        if probs:
            bad_total += 1
            print(f"{cid}: " + " | ".join(probs))
        else:
            ok += 1
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and len(cases) == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
