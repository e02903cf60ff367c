#!/usr/bin/env python3
"""Reference check for eval/qa_holdout5.jsonl (stdlib only).

Recomputes the expected answer of every number / agency / list / boolean case from the gold fact files
(tests/fixtures/gold/*.json, cells with state "number" only), checks that every `file#table.row.col`
citation exists in the gold with state "number", that narrative cases match a gold `narrative_numbers`
entry, that passage cases point at a sample report which really has that section (and the topic inside
it), and that refusal cases really have no data. One line per case, a summary line, exit 1 on any mismatch.

    python3 eval/qa_holdout5_reference.py
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout5.jsonl"

A = "000_2133ae744f48d674.txt"   # 福州市鼓楼区统计局 2020
B = "001_19df74b8cb7281a4.txt"   # 温州市鹿城区统计局 2020
C = "002_c42cd15df52a6935.txt"   # 鄞州区统计局 2019
D = "003_acfa5b9243423631.txt"   # 福州市鼓楼区温泉街道办事处 2020
E = "004_5206fb2196a31c52.txt"   # 郑州市二七区统计局 2020
H3 = "hongze-qu-gov-2023.pdf"    # 淮安市洪泽区人民政府 2023
H4 = "hongze-qu-gov-2024.pdf"    # 淮安市洪泽区人民政府 2024


class Mismatch(Exception):
    pass


def load_gold() -> dict[str, dict]:
    reports = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        reports[Path(d["file"]).name] = d   # Hongze: samples/pdf/hongze-qu-gov-2023.pdf -> bare name
    return reports


R = load_gold()
ALL = sorted(R)


# ---------------------------------------------------------------- helpers over the gold cells
def fact(f: str, key: str) -> dict | None:
    return R[f]["facts"].get(key)


def v(f: str, key: str) -> float:
    """The value of a printed cell; anything else is an error (blank is never 0)."""
    x = fact(f, key)
    if x is None or x["state"] != "number":
        raise Mismatch(f"{f}#{key} is not a printed number ({None if x is None else x['state']})")
    return x["value"]


def name(f: str) -> str:
    return R[f]["agency"]


def numbered(key: str, files=None) -> list[str]:
    """Reports whose cell `key` is a printed number (the rule for rankings, counts and averages)."""
    return [f for f in (files or ALL) if (fact(f, key) or {}).get("state") == "number"]


def where(pred) -> list[str]:
    return [f for f in ALL if pred(R[f])]


def ranked(key: str, files=None, desc=True) -> list[tuple[str, float]]:
    return sorted(((f, v(f, key)) for f in numbered(key, files)), key=lambda t: t[1], reverse=desc)


def at(key: str, pos: int, files=None, desc=True) -> str:
    """Agency at 1-based position `pos`; refuses when a tie touches that position."""
    r = ranked(key, files, desc)
    val = r[pos - 1][1]
    if sum(1 for _, x in r if x == val) != 1:
        raise Mismatch(f"tie at position {pos} of {key}")
    return name(r[pos - 1][0])


def count(key: str, pred, files=None) -> int:
    return sum(1 for f in numbered(key, files) if pred(v(f, key)))


def total(key: str, files) -> float:
    return sum(v(f, key) for f in files)


def pct(a: float, b: float) -> float:
    return a / b * 100


def growth(old: float, new: float) -> float:
    return (new - old) / old * 100


def is_bureau(d) -> bool:
    return d["agency"].endswith("统计局")


def province(p):
    return lambda d: d["province"] == p


def narr(f: str, snippet: str) -> float:
    hits = [n for n in R[f].get("narrative_numbers", []) if snippet in n["text"]]
    if len(hits) != 1:
        raise Mismatch(f"{f}: {len(hits)} narrative_numbers match {snippet!r}")
    return hits[0]["value"]


AMT, PRJ = "active.procurement.amount", "active.procurement.projects"
PEN, PPREV = "active.penalty.decisions", "active.penalty.prev_items"
NEW, GRANT = "requests.new.total", "requests.granted.total"
PROC = numbered(AMT)   # the 2019-template reports with a printed procurement amount
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"]


def per_project_min() -> str:
    files = [f for f in PROC if f in numbered(PRJ)]
    r = sorted(files, key=lambda f: v(f, AMT) / v(f, PRJ))
    assert v(r[0], AMT) / v(r[0], PRJ) != v(r[1], AMT) / v(r[1], PRJ)
    return name(r[0])


def above_mean(key: str, files=None) -> list[str]:
    fs = numbered(key, files)
    m = statistics.mean(v(f, key) for f in fs)
    return [name(f) for f in fs if v(f, key) > m]


def below_mean(key: str, files=None) -> list[str]:
    fs = numbered(key, files)
    m = statistics.mean(v(f, key) for f in fs)
    return [name(f) for f in fs if v(f, key) < m]


def top(key: str, n: int, files=None) -> list[str]:
    r = ranked(key, files)
    assert r[n - 1][1] != r[n][1], "tie at the cut"
    return [name(f) for f, _ in r[:n]]


def span(key: str, files=None) -> float:
    vals = [v(f, key) for f in numbered(key, files)]
    return max(vals) - min(vals)


# ---------------------------------------------------------------- expected values, one function per case
EXPECT = {
    # lookup
    "h5-001": lambda: v(C, "active.rules.public_total"),
    "h5-002": lambda: v(H4, "active.coercion.decisions"),
    "h5-003": lambda: v(D, PRJ),
    "h5-004": lambda: v(E, "active.other_services.prev_items"),
    "h5-005": lambda: v(H3, "active.fees.amount"),
    "h5-006": lambda: v(B, "active.penalty.change"),
    "h5-007": lambda: v(H4, "active.normative.in_force"),
    "h5-008": lambda: v(A, AMT),
    "h5-009": lambda: v(C, GRANT),
    "h5-010": lambda: v(H4, "review.reconsideration.total"),
    # rank
    "h5-011": lambda: at(AMT, 2),
    "h5-012": lambda: at(AMT, 4),
    "h5-013": lambda: at(PRJ, 2, desc=False),
    "h5-014": lambda: at(PPREV, 2),
    "h5-015": lambda: at(NEW, 3),
    "h5-016": lambda: at(GRANT, 2),
    "h5-017": lambda: at(AMT, 1, desc=False),
    "h5-018": lambda: at(PRJ, 2),
    "h5-019": lambda: at(PEN, 3),
    "h5-020": lambda: at(PPREV, 1, numbered(PPREV, where(lambda d: d["template"] == "2019")), desc=False),
    # count
    "h5-021": lambda: count(AMT, lambda x: x > 10 * 10000),
    "h5-022": lambda: count(AMT, lambda x: 0.5 * 10000 <= x <= 8 * 10000),
    "h5-023": lambda: count(PEN, lambda x: x == 0),
    "h5-024": lambda: count(NEW, lambda x: x > 1),
    "h5-025": lambda: count(NEW, lambda x: 2 <= x <= 30),
    "h5-026": lambda: count(PEN, lambda x: x >= 2 * 1000),
    "h5-027": lambda: count(AMT, lambda x: x > 0.3e6),
    "h5-028": lambda: count("requests.partial.total", lambda x: x >= 1),
    "h5-029": lambda: count("active.coercion.decisions", lambda x: x != 0),
    "h5-030": lambda: count(PEN, lambda x: x > 5000),
    # group
    "h5-031": lambda: total(PEN, numbered(PEN, where(is_bureau))),
    "h5-032": lambda: total(AMT, numbered(AMT, where(lambda d: d["province"] == "福建省" and d["year"] == 2020))),
    "h5-033": lambda: total(AMT, numbered(AMT, where(lambda d: d.get("agency_kind") == "street_office" and d["year"] == 2020))),
    "h5-034": lambda: total("active.licensing.decisions",
                            numbered("active.licensing.decisions", where(lambda d: d["agency"].endswith("人民政府")))),
    "h5-035": lambda: total(NEW, numbered(NEW, where(lambda d: is_bureau(d) and d["year"] == 2020))),
    "h5-036": lambda: total("requests.handled.total",
                            numbered("requests.handled.total", where(lambda d: d["province"] == "福建省" and d["year"] == 2020))),
    "h5-037": lambda: total(PRJ, numbered(PRJ, where(is_bureau))),
    "h5-038": lambda: total(AMT, numbered(AMT, where(province("浙江省")))),
    "h5-039": lambda: at(NEW, 1, where(is_bureau)),
    "h5-040": lambda: total(PEN, numbered(PEN, where(province("江苏省")))),
    # compare
    "h5-041": lambda: name(max([B, C], key=lambda f: v(f, AMT))),
    "h5-042": lambda: v(H4, NEW) - v(H3, NEW),
    "h5-043": lambda: growth(v(H3, "active.licensing.decisions"), v(H4, "active.licensing.decisions")),
    "h5-044": lambda: pct(v(B, AMT), v(C, AMT)),
    "h5-045": lambda: v(A, AMT) - v(D, AMT),
    "h5-046": lambda: v(H3, "active.coercion.decisions") - v(H4, "active.coercion.decisions"),
    "h5-047": lambda: name(max([B, D], key=lambda f: v(f, PRJ))),
    "h5-048": lambda: v(H3, "active.fees.amount") - v(H4, "active.fees.amount"),
    "h5-049": lambda: v(B, PEN) - v(A, PEN),
    "h5-050": lambda: growth(v(H3, NEW), v(H4, NEW)),
    # yesno
    "h5-051": lambda: v(C, AMT) > 47 * 10000,
    "h5-052": lambda: not (v(E, AMT) > 6 * 10000),
    "h5-053": lambda: v(H4, NEW) < v(H3, NEW),
    "h5-054": lambda: v(D, PRJ) > v(A, PRJ),
    "h5-055": lambda: v(H3, "active.licensing.decisions") + v(H4, "active.licensing.decisions") > 1.5 * 10000,
    "h5-056": lambda: v(B, PEN) >= 20,
    "h5-057": lambda: v(H4, "active.fees.amount") > 75_000_000,
    "h5-058": lambda: v(C, NEW) < v(D, NEW),
    "h5-059": lambda: not (v(A, AMT) > 350_000),
    "h5-060": lambda: v(H4, "active.coercion.decisions") > v(H3, "active.coercion.decisions"),
    # qualifier
    "h5-061": lambda: v(B, "requests.partial.total"),
    "h5-062": lambda: v(H3, "requests.unavailable_not_held.total"),
    "h5-063": lambda: v(H4, "review.lawsuit_after_review.total"),
    "h5-064": lambda: pct(v(H4, GRANT), v(H4, "requests.handled.total")),
    "h5-065": lambda: sum(v(H3, f"requests.{r}.total") for r in WITHHELD),
    "h5-066": lambda: v(H4, "requests.carried_out.total"),
    "h5-067": lambda: v(H4, "review.lawsuit_direct.total"),
    "h5-068": lambda: pct(v(H3, "requests.unavailable_not_held.total"), v(H3, "requests.handled.total")),
    "h5-069": lambda: v(D, "requests.withheld_third_party.total"),
    "h5-070": lambda: v(H4, "review.reconsideration.corrected"),
    # multiturn
    "h5-071": lambda: v(H4, NEW),
    "h5-072": lambda: v(C, AMT),
    "h5-073": lambda: at(PRJ, 3),
    "h5-074": lambda: v(D, NEW) + v(C, NEW),
    "h5-075": lambda: abs(v(H3, PEN) - v(H4, PEN)),
    "h5-076": lambda: v(min([A, E], key=lambda f: v(f, AMT)), AMT),   # the one that is not the higher
    "h5-077": lambda: v(D, PRJ),
    "h5-078": lambda: ranked(PEN)[0][1] if ranked(PEN)[0][1] != ranked(PEN)[1][1] else None,
    "h5-079": lambda: v(H3, "requests.partial.total"),
    "h5-080": lambda: v(B, AMT) + v(A, AMT),
    # operation
    "h5-081": lambda: statistics.mean(v(f, AMT) for f in PROC),
    "h5-082": lambda: statistics.median(v(f, PRJ) for f in numbered(PRJ)),
    "h5-083": lambda: above_mean(AMT),
    "h5-084": lambda: top(AMT, 3),
    "h5-085": lambda: span(NEW),
    "h5-086": per_project_min,
    "h5-087": lambda: statistics.mean(v(f, PEN) for f in numbered(PEN)),
    "h5-088": lambda: below_mean(PRJ),
    "h5-089": lambda: statistics.median(v(f, AMT) for f in PROC),
    "h5-090": lambda: span(AMT),
    # narrative (gold narrative_numbers, matched by the printed words)
    "h5-091": lambda: narr(C, "全年累计发布政府信息1459条"),
    "h5-092": lambda: narr(C, "官方微博主动公开"),
    "h5-093": lambda: narr(C, "罚款总额"),
    "h5-094": lambda: narr(A, "本年度共发布各类信息"),
    "h5-095": lambda: narr(D, "业务公文"),
    "h5-096": lambda: narr(H4, "政府常务会议"),
    "h5-097": lambda: narr(H3, "主动公开政府信息"),
    "h5-098": lambda: narr(C, "公开统计数据"),
    "h5-099": lambda: narr(A, "统计分析"),
    "h5-100": lambda: narr(H4, "受理政府信息公开申请"),
}

# two-way comparisons: the two values must differ, otherwise "which is larger" has no answer
DISTINCT = {"h5-041": (B, C, AMT), "h5-047": (B, D, PRJ), "h5-076": (A, E, AMT)}

# passage cases: (file, section, words that must occur inside that section of the sample text)
PASSAGES = {
    "h5-101": (D, "五", ["有待提高", "细化重点领域"]),
    "h5-102": (B, "五", ["加强学习", "创新工作"]),
    "h5-103": (C, "五", ["公开范围单一", "时效性"]),
    "h5-104": (E, "一", ["四个", "目标考核相结合"]),
    "h5-105": (C, "一", ["保密审查", "谁公开、谁审查、谁负责"]),
    "h5-106": (A, "六", ["暂无其他需要报告的事项"]),
    "h5-107": (A, "五", ["改进情况", "提高思想认识"]),
    "h5-108": (E, "五", ["不足之处", "工作机制建设需要完善"]),
    "h5-109": (D, "一", ["个人信息保护", "新冠肺炎疫情"]),
    "h5-110": (C, "一", ["加强信息公开培训"]),
}
PASSAGES_EXTRA = {"h5-110": (C, "五", ["培训"])}   # the second accepted section

SECTION_WORD = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
                "五": "问题", "六": "其他需要报告"}
ORDER = "一二三四五六"


def sections(path: Path) -> dict[str, str]:
    """Section numeral -> its text, split at the six headings (matched by number and meaning)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = {}
    for i, line in enumerate(lines):
        s = re.sub(r"^[#\s*]+", "", line)
        for n in ORDER:
            if n not in starts and s.startswith(n + "、") and SECTION_WORD[n] in s:
                starts[n] = i
    out = {}
    keys = sorted(starts, key=starts.get)
    for j, n in enumerate(keys):
        end = starts[keys[j + 1]] if j + 1 < len(keys) else len(lines)
        out[n] = "\n".join(lines[starts[n]:end])
    return out


def prose(f: str) -> str:
    return (SAMPLES / f).read_text(encoding="utf-8")


def no_key(f: str, key: str) -> bool:
    x = fact(f, key)
    return x is None or x["state"] == "absent"


REFUSALS = {
    "h5-111": lambda: not where(lambda d: d["agency"] == "福州市鼓楼区统计局" and d["year"] == 2021),
    "h5-112": lambda: not where(lambda d: "西湖" in d["agency"] or "杭州" in (d.get("city") or "")),
    "h5-113": lambda: all(no_key(H4, k) for k in (AMT, PRJ)) and not any(k.startswith("active.procurement") for k in R[H4]["facts"]),
    "h5-114": lambda: (not re.search(r"\d\s*(万元|元)", sections(SAMPLES / C)["一"])
                       and not [n for n in R[C]["narrative_numbers"] if "经费" in n["text"] or "budget" in n["what"]]),
    "h5-115": lambda: no_key(H3, "active.licensing.prev_items") and R[H3]["template"] == "2021",
    "h5-116": lambda: not re.search(r"[0-9０-９一二三四五六七八九十]+\s*(名|个人)", prose(D)) and not re.search(r"[0-9０-９]+\s*人", prose(D)),
    "h5-117": lambda: not where(lambda d: d["agency"] == "淮安市洪泽区人民政府" and d["year"] == 2022),
    "h5-118": lambda: not where(lambda d: "北京" in d["agency"] or d["province"] == "北京市"),
    "h5-119": lambda: not re.search(r"访问|点击|浏览", prose(B)) and not R[B]["narrative_numbers"],
    "h5-120": lambda: no_key(E, "active.normative.repealed") and R[E]["template"] == "2019",
}


def close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-3, 1e-6 * abs(b))


def check_cites(case: dict) -> list[str]:
    errs = []
    for cite in case["cite"]:
        f, _, key = cite.partition("#")
        if f not in R:
            errs.append(f"cite {cite}: unknown file")
            continue
        if key:
            x = fact(f, key)
            if x is None or x["state"] != "number":
                errs.append(f"cite {cite}: not a printed number")
    return errs


def check_case(case: dict) -> tuple[bool, str]:
    cid, exp, kind = case["id"], case["expect"], case["expect"]["kind"]
    errs = check_cites(case)
    cat = case["tags"][0]
    if kind in ("number", "agency", "list", "boolean"):
        if cid not in EXPECT:
            return False, "no reference function"
        got = EXPECT[cid]()
        if kind == "number":
            ok = got is not None and close(exp["value"], got)
            shown = f"{got:.4f}" if isinstance(got, float) else str(got)
        elif kind == "agency":
            ok = got == exp["value"] and exp["value"] in {d["agency"] for d in R.values()}
            shown = got
        elif kind == "list":
            ok = (got == exp["values"]) if exp["ordered"] else (sorted(got) == sorted(exp["values"]))
            shown = "/".join(got)
        else:
            ok = bool(got) == exp["value"]
            shown = str(bool(got))
        if not ok:
            errs.append(f"expected {exp.get('value', exp.get('values'))!r}, gold gives {shown}")
        if cat == "narrative":
            if not (len(case["cite"]) == 1 and "#" not in case["cite"][0]):
                errs.append("narrative case must cite one bare file")
        elif not case["cite"] and not (kind == "number" and exp["value"] == 0):
            errs.append("no cell cited")
        if cid in DISTINCT:
            f1, f2, key = DISTINCT[cid]
            if v(f1, key) == v(f2, key):
                errs.append("tie between the two compared cells")
        detail = shown
    elif kind == "passages":
        f, sec, words = PASSAGES[cid]
        checks = [(f, sec, words)] + ([PASSAGES_EXTRA[cid]] if cid in PASSAGES_EXTRA else [])
        for f2, sec2, words2 in checks:
            secs = sections(SAMPLES / f2)
            if sec2 not in secs:
                errs.append(f"{f2} has no section {sec2}")
                continue
            missing = [w for w in words2 if w not in secs[sec2]]
            if missing:
                errs.append(f"{f2} section {sec2} lacks {missing}")
        if sorted(exp["files"]) != sorted({c[0] for c in checks}) or sorted(exp["sections"]) != sorted({c[1] for c in checks}):
            errs.append("expect.files/sections differ from the reference")
        if case["cite"] != exp["files"]:
            errs.append("passage cite should be the bare file(s)")
        detail = f"{','.join(exp['files'])} §{''.join(exp['sections'])}"
    elif kind == "unanswerable":
        if not REFUSALS[cid]():
            errs.append("the data has an answer")
        if case["cite"]:
            errs.append("refusal cites something")
        detail = "no data"
    else:
        errs.append(f"unexpected kind {kind}")
        detail = ""
    return (not errs), (detail if not errs else "; ".join(errs))


def check_shape(cases: list[dict]) -> list[str]:
    errs = []
    if len(cases) != 120:
        errs.append(f"{len(cases)} cases, expected 120")
    ids = [c["id"] for c in cases]
    if ids != [f"h5-{i:03d}" for i in range(1, len(cases) + 1)]:
        errs.append("ids are not h5-001 ... in order")
    cats: dict[str, int] = {}
    langs: dict[str, int] = {}
    for c in cases:
        cats[c["tags"][0]] = cats.get(c["tags"][0], 0) + 1
        lang = c["tags"][1]
        langs[lang] = langs.get(lang, 0) + 1
        cjk = len(re.findall(r"[\u4e00-\u9fff]", " ".join([c["question"], *c.get("turns", [])])))
        if lang == "zh" and cjk < 4:
            errs.append(f"{c['id']}: tagged zh but hardly Chinese")
        if lang == "en" and not re.match(r"[A-Za-z]", c["question"]):
            errs.append(f"{c['id']}: tagged en but does not start in English")
        if c["tags"][0] == "multiturn" and not c.get("turns"):
            errs.append(f"{c['id']}: multiturn case without turns")
    if sorted(cats.values()) != [10] * 12 or len(cats) != 12:
        errs.append(f"categories: {cats}")
    if langs != {"zh": 72, "en": 48}:
        errs.append(f"languages: {langs}")
    return errs


def main() -> int:
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    bad = 0
    for case in cases:
        try:
            ok, detail = check_case(case)
        except Mismatch as e:
            ok, detail = False, f"error: {e}"
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {case['id']} {case['tags'][0]:<10} {case['expect']['kind']:<12} {detail}")
    shape = check_shape(cases)
    for e in shape:
        print(f"FAIL shape: {e}")
    checked = len(cases) - bad
    print(f"summary: {checked}/{len(cases)} cases checked ok, {bad} mismatches, "
          f"{len(shape)} shape problems ({len(R)} gold reports)")
    return 1 if bad or shape else 0


if __name__ == "__main__":
    sys.exit(main())
