#!/usr/bin/env python3
"""Reference check of eval/qa_holdout3.jsonl against the gold fact files (stdlib only).

Recomputes the expected value of every number / agency / list / boolean case from the gold cells
(tests/fixtures/gold/*.json) with one small function per case, checks that every cited cell exists with
state `number` and that the cells a computation reads are exactly the cells the case cites, checks that
narrative figures are in the gold `narrative_numbers` of the cited report, that passage cases point at a
report text (data/samples) that has that section and the passage, and that refusal cases really have no
data in the gold. Prints one line per case and exits 1 on any mismatch.

Run: python3 eval/qa_holdout3_reference.py
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout3.jsonl"

G, L, Y = "000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt"
W, E = "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt"
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"

PA, PP = "active.procurement.amount", "active.procurement.projects"
NEW, PEN = "requests.new.total", "active.penalty.decisions"


def load_gold() -> dict[str, dict]:
    gold = {}
    for p in sorted(GOLD_DIR.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        gold[Path(d["file"]).name] = d   # citations use the bare file name
    return gold


GOLD = load_gold()
READ: set[str] = set()        # cells read by the current computation ("file#key")
NARR_READ: set[str] = set()   # reports whose narrative the current computation read


# ---------------------------------------------------------------- helpers over the gold only
def v(file: str, key: str) -> float:
    """A printed cell; anything else (blank, absent, unreadable, missing) is an error, never 0."""
    fact = GOLD[file]["facts"].get(key)
    if fact is None or fact["state"] != "number":
        raise ValueError(f"{file}#{key} is not a printed number ({fact and fact['state']})")
    READ.add(f"{file}#{key}")
    return fact["value"]


def name(file: str) -> str:
    return GOLD[file]["agency"]


def reports(**where) -> list[str]:
    """Report files whose metadata match, e.g. reports(province='福建省'), in file order."""
    out = []
    for f, d in GOLD.items():
        ok = True
        for k, want in where.items():
            if k == "kind":
                ok &= d.get("agency_kind") == want
            elif k == "name_has":
                ok &= want in d["agency"]
            else:
                ok &= d.get(k) == want
        if ok:
            out.append(f)
    return out


def with_number(files: list[str], key: str) -> list[str]:
    return [f for f in files if GOLD[f]["facts"].get(key, {}).get("state") == "number"]


def ranked(files: list[str], key: str, descending: bool = True) -> list[tuple[str, float]]:
    rows = [(f, v(f, key)) for f in with_number(files, key)]
    return sorted(rows, key=lambda r: r[1], reverse=descending)


def nth(files: list[str], key: str, n: int, descending: bool = True) -> str:
    """Agency at place n (1-based); refuses a tie at that place."""
    rows = ranked(files, key, descending)
    val = rows[n - 1][1]
    if sum(1 for _, x in rows if x == val) != 1:
        raise ValueError(f"tie at place {n} for {key}")
    return name(rows[n - 1][0])


def count_where(files: list[str], key: str, pred) -> int:
    return sum(1 for f in with_number(files, key) if pred(v(f, key)))


def total(files: list[str], key: str) -> float:
    return sum(v(f, key) for f in with_number(files, key))


def narr(file: str, text_has: str) -> float:
    hits = [n for n in GOLD[file].get("narrative_numbers") or [] if text_has in n["text"]]
    if len(hits) != 1:
        raise ValueError(f"{file}: {len(hits)} narrative numbers contain {text_has!r}")
    NARR_READ.add(file)
    return hits[0]["value"]


ALL = list(GOLD)
FIVE = with_number(ALL, PA)                                   # reports with a procurement block
BUREAUS = reports(name_has="统计局")
Y2020 = reports(year=2020)
FUJIAN = reports(province="福建省")
ZHEJIANG = reports(province="浙江省")
JIANGSU = reports(province="江苏省")
STREET = reports(kind="street_office")
HONGZE = {d["year"]: f for f, d in GOLD.items() if "洪泽区" in d["agency"]}


def pct(a: float, b: float) -> float:
    return round(100 * a / b, 2)


# ---------------------------------------------------------------- one function per computed case
COMPUTE = {
    # lookup
    "h3-001": lambda: v(G, PA),
    "h3-002": lambda: v(Y, NEW),
    "h3-003": lambda: v(W, PP),
    "h3-004": lambda: v(HONGZE[2024], "active.fees.amount"),
    "h3-005": lambda: v(HONGZE[2023], "active.normative.repealed"),
    "h3-006": lambda: v(L, "active.penalty.prev_items"),
    "h3-007": lambda: v(HONGZE[2023], PEN),
    "h3-008": lambda: v(L, PA),
    "h3-009": lambda: v(Y, "active.rules.public_total"),
    "h3-010": lambda: v(HONGZE[2024], "active.normative.in_force"),
    # rank
    "h3-011": lambda: nth(ALL, PA, 2),
    "h3-012": lambda: nth(ALL, PP, 2),
    "h3-013": lambda: nth(ALL, PA, 2, descending=False),
    "h3-014": lambda: nth(ALL, NEW, 3),
    "h3-015": lambda: nth(Y2020, PEN, 2),
    "h3-016": lambda: nth(BUREAUS, PEN, 2),
    "h3-017": lambda: nth(Y2020, PA, 2),
    "h3-018": lambda: nth(BUREAUS, PP, 2, descending=False),
    "h3-019": lambda: nth(ALL, "active.penalty.prev_items", 2),
    "h3-020": lambda: nth(Y2020, NEW, 1),
    # count
    "h3-021": lambda: count_where(ALL, PA, lambda x: x > 100000),
    "h3-022": lambda: count_where(ALL, PA, lambda x: x < 80000),
    "h3-023": lambda: count_where(ALL, NEW, lambda x: x == 0),
    "h3-024": lambda: count_where(ALL, PEN, lambda x: x > 1000),
    "h3-025": lambda: count_where(ALL, PEN, lambda x: x == 0),
    "h3-026": lambda: count_where(ALL, PP, lambda x: x >= 10),
    "h3-027": lambda: count_where(ALL, "requests.partial.total", lambda x: x >= 1),
    "h3-028": lambda: count_where(ALL, PA, lambda x: x > 300000),
    "h3-029": lambda: count_where(ALL, "active.licensing.decisions", lambda x: x == 0),
    "h3-030": lambda: count_where(list(HONGZE.values()), "active.fees.amount", lambda x: x > 7600 * 10000),
    # group
    "h3-031": lambda: round(total(BUREAUS, PA), 2),
    "h3-032": lambda: total(FUJIAN, NEW),
    "h3-033": lambda: total(ZHEJIANG, PP),
    "h3-034": lambda: total(BUREAUS, PEN),
    "h3-035": lambda: (lambda fs: v(fs[0], PA) if len(fs) == 1 else None)(STREET),
    "h3-036": lambda: total(Y2020, NEW),
    "h3-037": lambda: total(FUJIAN, PA),
    "h3-038": lambda: total(ZHEJIANG, PEN),
    "h3-039": lambda: total(JIANGSU, NEW),
    "h3-040": lambda: nth([f for f in BUREAUS if f not in FUJIAN], PA, 1),
    # compare
    "h3-041": lambda: v(HONGZE[2024], "active.licensing.decisions") - v(HONGZE[2023], "active.licensing.decisions"),
    "h3-042": lambda: name(L) if v(L, PEN) > v(Y, PEN) else name(Y),
    "h3-043": lambda: v(HONGZE[2023], "active.fees.amount") - v(HONGZE[2024], "active.fees.amount"),
    "h3-044": lambda: v(G, PA) - v(W, PA),
    "h3-045": lambda: pct(v(HONGZE[2024], NEW) - v(HONGZE[2023], NEW), v(HONGZE[2023], NEW)),
    "h3-046": lambda: v(HONGZE[2023], "active.coercion.decisions") - v(HONGZE[2024], "active.coercion.decisions"),
    "h3-047": lambda: name(G) if v(G, PA) > v(Y, PA) else name(Y),
    "h3-048": lambda: v(HONGZE[2023], PEN) - v(HONGZE[2024], PEN),
    "h3-049": lambda: abs(v(L, PP) - v(E, PP)),
    "h3-050": lambda: v(HONGZE[2024], "requests.granted.total") - v(HONGZE[2023], "requests.granted.total"),
    # yesno
    "h3-051": lambda: v(HONGZE[2024], NEW) > v(HONGZE[2023], NEW),
    "h3-052": lambda: v(HONGZE[2024], PEN) > v(HONGZE[2023], PEN),
    "h3-053": lambda: v(Y, PA) > 500000,
    "h3-054": lambda: v(W, PA) > 100000,
    "h3-055": lambda: v(HONGZE[2024], "active.fees.amount") > v(HONGZE[2023], "active.fees.amount"),
    "h3-056": lambda: v(L, "active.penalty.change") > 0,
    "h3-057": lambda: v(HONGZE[2024], "active.normative.in_force") > v(HONGZE[2023], "active.normative.in_force"),
    "h3-058": lambda: v(E, NEW) > 0,
    "h3-059": lambda: v(HONGZE[2024], "active.licensing.decisions") > 5000,
    "h3-060": lambda: v(L, PA) > v(W, PA),
    # qualifier
    "h3-061": lambda: v(L, "requests.partial.total"),
    "h3-062": lambda: v(HONGZE[2024], "requests.unavailable_not_held.total"),
    "h3-063": lambda: v(HONGZE[2023], "review.lawsuit_after_review.upheld"),
    "h3-064": lambda: pct(v(HONGZE[2024], "requests.granted.total"), v(HONGZE[2024], "requests.handled.total")),
    "h3-065": lambda: v(HONGZE[2024], "requests.carried_out.total"),
    "h3-066": lambda: v(W, "requests.unavailable_not_held.total"),
    "h3-067": lambda: v(HONGZE[2024], "requests.withheld_safety.total"),
    "h3-068": lambda: v(HONGZE[2024], "review.lawsuit_after_review.total"),
    "h3-069": lambda: pct(v(HONGZE[2023], "requests.partial.total"), v(HONGZE[2023], "requests.handled.total")),
    "h3-070": lambda: v(HONGZE[2023], "requests.unavailable_needs_creation.total"),
    # multiturn (the value of the last turn, in the context of the earlier ones)
    "h3-071": lambda: nth(ALL, PA, 2),
    "h3-072": lambda: v(HONGZE[2023], NEW),
    "h3-073": lambda: v(W, PP),
    "h3-074": lambda: v(HONGZE[2023], "active.coercion.decisions") + v(HONGZE[2024], "active.coercion.decisions"),
    "h3-075": lambda: v(Y, PA),
    "h3-076": lambda: v(W, "requests.granted.total"),
    "h3-077": lambda: v(G, PP),
    "h3-078": lambda: round(v(Y, PA) - v(L, PA), 2),
    "h3-079": lambda: v(HONGZE[2023], "active.licensing.decisions"),
    "h3-080": lambda: _other_zhejiang_bureau_penalties(),
    # operation
    "h3-081": lambda: round(statistics.mean(x for _, x in ranked(ALL, PA)), 2),
    "h3-082": lambda: statistics.median(x for _, x in ranked(BUREAUS, PP)),
    "h3-083": lambda: _above_mean(ALL, PA),
    "h3-084": lambda: [name(f) for f, _ in ranked(ALL, PA)[:3]],
    "h3-085": lambda: round(v(W, PA) / v(W, PP), 2),
    "h3-086": lambda: round(statistics.mean(x for _, x in ranked(ALL, NEW)), 2),
    "h3-087": lambda: statistics.median(x for _, x in ranked(ALL, NEW)),
    "h3-088": lambda: _least_per_project(),
    "h3-089": lambda: _below_mean(ALL, PP),
    "h3-090": lambda: statistics.mean(x for _, x in ranked(BUREAUS, PEN)),
    # narrative (gold narrative_numbers)
    "h3-091": lambda: narr(G, "本年度共发布各类信息"),
    "h3-092": lambda: narr(Y, "官方微博"),
    "h3-093": lambda: narr(Y, "公开统计数据"),
    "h3-094": lambda: narr(W, "业务公文"),
    "h3-095": lambda: narr(H4, "主动发布各类政府信息"),
    "h3-096": lambda: narr(Y, "罚款总额"),
    "h3-097": lambda: narr(H3, "主动公开政府信息"),
    "h3-098": lambda: narr(H4, "常务会议"),
    "h3-099": lambda: narr(Y, "微信公众号"),
    "h3-100": lambda: narr(G, "答复及时率"),
}


def _other_zhejiang_bureau_penalties() -> float:
    top = ranked(BUREAUS, PEN)[0][0]               # the first turn's answer
    assert top in ZHEJIANG, "first turn's answer is not in Zhejiang"
    READ.clear()                                   # the final turn cites only the other bureau
    others = [f for f in ZHEJIANG if f in BUREAUS and f != top]
    assert len(others) == 1
    return v(others[0], PEN)


def _above_mean(files, key):
    rows = ranked(files, key)
    m = statistics.mean(x for _, x in rows)
    return [name(f) for f, x in rows if x > m]


def _below_mean(files, key):
    rows = ranked(files, key)
    m = statistics.mean(x for _, x in rows)
    return [name(f) for f, x in rows if x < m]


def _least_per_project():
    per = [(f, v(f, PA) / v(f, PP)) for f in with_number(ALL, PA) if f in with_number(ALL, PP)]
    per.sort(key=lambda r: r[1])
    assert per[0][1] != per[1][1]
    return name(per[0][0])


# ---------------------------------------------------------------- passages and refusals
TITLES = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "存在的主要问题", "六": "其他需要报告"}
HEAD = re.compile(r"^[#\s*]*([一二三四五六])、(.*)$")


def section_text(file: str, sec: str) -> str:
    """Text of section `sec` of a sample report: from its heading to the next section heading."""
    lines = (SAMPLES / file).read_text(encoding="utf-8").splitlines()
    marks = []
    for i, line in enumerate(lines):
        m = HEAD.match(line)
        if m and TITLES[m.group(1)] in m.group(2):
            marks.append((i, m.group(1)))
    for j, (i, s) in enumerate(marks):
        if s == sec:
            end = marks[j + 1][0] if j + 1 < len(marks) else len(lines)
            return "\n".join(lines[i + 1:end])
    raise ValueError(f"{file} has no section {sec}")


PASSAGES = {  # case -> [(file, section, a phrase of the passage the answer should find)]
    "h3-101": [(W, "五", "答复依申请公开处理水平有待提高")],
    "h3-102": [(L, "五", "创新工作，提升实效")],
    "h3-103": [(Y, "五", "信息发布的时效性有待提高")],
    "h3-104": [(E, "一", "建立督查监督机制")],
    "h3-105": [(Y, "一", "加强信息保密审查")],
    "h3-106": [(W, "五", "律师、法律专家")],
    "h3-107": [(G, "五", "广度和深度有待进一步提高")],
    "h3-108": [(E, "五", "进一步规范公开时间")],
    "h3-109": [(L, "一", "领导小组")],
    "h3-110": [(G, "一", "个人信息保护"), (W, "一", "个人信息保护")],
}


def no_agency(pred) -> bool:
    return not any(pred(d) for d in GOLD.values())


def no_year(agency_has: str, year: int) -> bool:
    mine = [d for d in GOLD.values() if agency_has in d["agency"]]
    return bool(mine) and all(d["year"] != year for d in mine)


def no_cell(file: str, prefix: str) -> bool:
    """No printed cell under `prefix` (table.row or table.row.col) in that report."""
    facts = GOLD[file]["facts"]
    return not any(k.startswith(prefix) and f["state"] == "number" for k, f in facts.items())


def no_topic(file: str, words: list[str]) -> bool:
    keys = " ".join(GOLD[file]["facts"])
    narrative = " ".join(n["text"] + " " + n.get("what", "") for n in GOLD[file].get("narrative_numbers") or [])
    return not any(w in keys or w in narrative for w in words)


REFUSALS = {
    "h3-111": lambda: no_agency(lambda d: d["city"] == "南京市") and len(reports(name_has="鼓楼区统计局")) == 1
    and GOLD[reports(name_has="鼓楼区统计局")[0]]["city"] == "福州市",
    "h3-112": lambda: no_year("鹿城区统计局", 2021),
    "h3-113": lambda: no_cell(HONGZE[2024], "active.procurement") and GOLD[HONGZE[2024]]["template"] == "2021",
    "h3-114": lambda: no_topic(Y, ["budget", "预算"]),
    "h3-115": lambda: no_cell(HONGZE[2023], "active.licensing.prev_items") and GOLD[HONGZE[2023]]["template"] == "2021",
    "h3-116": lambda: no_agency(lambda d: d["city"] == "杭州市" or "杭州" in d["agency"]),
    "h3-117": lambda: no_cell(HONGZE[2023], "active.procurement") and GOLD[HONGZE[2023]]["template"] == "2021",
    "h3-118": lambda: no_topic(E, ["staff", "人员", "编制"]),
    "h3-119": lambda: no_year("洪泽区", 2022),
    "h3-120": lambda: no_cell(G, "active.normative.repealed") and GOLD[G]["template"] == "2019",
}


# ---------------------------------------------------------------- the check
def same(expected, got) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        return abs(expected - got) < 0.005 + 1e-9 * abs(expected)
    return expected == got


def main() -> int:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = 0
    checked = 0
    per_cat: dict[str, int] = {}
    per_lang: dict[str, int] = {}
    for case in cases:
        cid, exp, cite, tags = case["id"], case["expect"], case["cite"], case["tags"]
        problems = []
        cat, lang = tags[0], tags[1]
        per_cat[cat] = per_cat.get(cat, 0) + 1
        per_lang[lang] = per_lang.get(lang, 0) + 1
        cjk = len(re.findall(r"[\u4e00-\u9fff]", case["question"]))
        latin = len(re.findall(r"[A-Za-z]", case["question"]))
        if lang not in ("zh", "en") or (lang == "zh") != (cjk > latin):
            problems.append(f"language tag {lang} does not fit the question")
        # every cited cell exists with state number; every bare file is a stored report
        for c in cite:
            f, _, key = c.partition("#")
            if f not in GOLD:
                problems.append(f"cite {c}: no such report")
            elif key and GOLD[f]["facts"].get(key, {}).get("state") != "number":
                problems.append(f"cite {c}: not a printed number")
        kind = exp["kind"]
        shown = ""
        if kind in ("number", "agency", "list", "boolean"):
            READ.clear()
            NARR_READ.clear()
            try:
                got = COMPUTE[cid]()
            except Exception as e:  # noqa: BLE001 - report and go on
                got = f"ERROR {e}"
            want = exp["values"] if kind == "list" else exp["value"]
            if kind == "list" and not exp.get("ordered") and isinstance(got, list):
                ok = sorted(map(str, got)) == sorted(map(str, want))
            else:
                ok = same(want, got)
            if not ok:
                problems.append(f"expected {want!r}, recomputed {got!r}")
            cell_cites = {c for c in cite if "#" in c}
            file_cites = {c for c in cite if "#" not in c}
            if cell_cites != READ:
                problems.append(f"cited cells {sorted(cell_cites)} != cells read {sorted(READ)}")
            if file_cites != NARR_READ:
                problems.append(f"cited files {sorted(file_cites)} != narratives read {sorted(NARR_READ)}")
            shown = f"{got!r}"
        elif kind == "passages":
            want = PASSAGES[cid]
            if sorted({f for f, _, _ in want}) != sorted(exp["files"]) or sorted({s for _, s, _ in want}) != sorted(exp["sections"]):
                problems.append("files/sections differ from the reference")
            if sorted(cite) != sorted({f for f, _, _ in want}):
                problems.append("cite differs from the passage files")
            for f, s, phrase in want:
                try:
                    if phrase not in section_text(f, s):
                        problems.append(f"{f} section {s} lacks {phrase!r}")
                except ValueError as e:
                    problems.append(str(e))
            shown = ", ".join(f"{f[:3]}/{s}" for f, s, _ in want)
        elif kind == "unanswerable":
            if cite:
                problems.append("a refusal cites something")
            if not REFUSALS[cid]():
                problems.append("the gold has data for this refusal")
            shown = "no data"
        checked += 1
        status = "ok " if not problems else "BAD"
        bad += bool(problems)
        print(f"{status} {cid} [{cat}/{lang}] {kind}: {shown}" + ("" if not problems else "  <- " + "; ".join(problems)))
    for cat, n in per_cat.items():
        if n != 10:
            print(f"BAD category {cat} has {n} cases (want 10)")
            bad += 1
    ids = [c["id"] for c in cases]
    if ids != [f"h3-{i:03d}" for i in range(1, len(cases) + 1)]:
        print("BAD ids are not h3-001 … in order")
        bad += 1
    print(f"{checked}/{len(cases)} cases checked, {bad} mismatches; categories "
          + ", ".join(f"{k} {n}" for k, n in per_cat.items())
          + "; languages " + ", ".join(f"{k} {n}" for k, n in sorted(per_lang.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
