#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout4.jsonl, recomputed from the gold fact files alone.

Standalone (stdlib only). For every case it:
  * recomputes the expected value (number / agency / list / boolean) with a small function of its own,
    reading only gold cells of state `number` (a blank, absent or unreadable cell stops the case);
  * checks that the cells the function read are exactly the case's `file#key` citations;
  * for narrative cases, finds the figure in the gold `narrative_numbers` of the cited file;
  * for passage cases, checks that each expected file has one of the expected sections and that
    the section holds the passage's keyword (sample texts in data/samples);
  * for refusal cases, checks the store really has no such agency / year / cell / topic.
Prints one line per case and a summary line; exits 1 on any mismatch.

    python3 eval/qa_holdout4_reference.py
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout4.jsonl"

A = "000_2133ae744f48d674.txt"   # 福州市鼓楼区统计局 2020
B = "001_19df74b8cb7281a4.txt"   # 温州市鹿城区统计局 2020
C = "002_c42cd15df52a6935.txt"   # 鄞州区统计局 2019
D = "003_acfa5b9243423631.txt"   # 福州市鼓楼区温泉街道办事处 2020
E = "004_5206fb2196a31c52.txt"   # 郑州市二七区统计局 2020
H3 = "hongze-qu-gov-2023.pdf"    # 淮安市洪泽区人民政府 2023 (2021 template)
H4 = "hongze-qu-gov-2024.pdf"    # 淮安市洪泽区人民政府 2024 (2021 template)
SAMPLE5 = [A, B, C, D, E]
ALL7 = [A, B, C, D, E, H3, H4]
PA, PP = "active.procurement.amount", "active.procurement.projects"
NEW = "requests.new.total"
PEN = "active.penalty.decisions"
WITHHELD = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]


class Mismatch(Exception):
    pass


def load_gold() -> dict[str, dict]:
    gold = {}
    for p in sorted(GOLD_DIR.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        gold[Path(d["file"]).name] = d  # hongze files are stored as samples/pdf/<name>
    return gold


GOLD = load_gold()
USED: set[str] = set()


def v(f: str, key: str) -> float:
    """The value of one gold cell; only state `number` is usable."""
    fact = GOLD[f]["facts"].get(key)
    if fact is None:
        raise Mismatch(f"{f}#{key}: no such cell in the gold")
    if fact["state"] != "number":
        raise Mismatch(f"{f}#{key}: state {fact['state']}, not number")
    USED.add(f"{f}#{key}")
    return fact["value"]


def agency(f: str) -> str:
    return GOLD[f]["agency"]


def ranked(files: list[str], fn, desc: bool = True) -> list[tuple[str, float]]:
    """(file, value) sorted; fn(file) -> value."""
    vals = [(f, fn(f)) for f in files]
    return sorted(vals, key=lambda t: t[1], reverse=desc)


def at(files, fn, pos: int, desc: bool = True) -> str:
    """Agency at 1-based position pos; the value there must be unique (no ties)."""
    r = ranked(files, fn, desc)
    val = r[pos - 1][1]
    if sum(1 for _, x in r if x == val) != 1:
        raise Mismatch(f"tie at position {pos}: {r}")
    return agency(r[pos - 1][0])


def cell(key):
    return lambda f: v(f, key)


def per_project(f):
    return v(f, PA) / v(f, PP)


def pct(part, whole):
    return part / whole * 100


def count(files, key, cond):
    return sum(1 for f in files if cond(v(f, key)))


# ------------------------------------------------------------------ value cases
VALUE = {
    # lookup
    "h4-001": lambda: v(B, PA),
    "h4-002": lambda: v(H3, "active.fees.amount"),
    "h4-003": lambda: v(C, "active.rules.public_total"),
    "h4-004": lambda: v(E, "active.other_services.prev_items"),
    "h4-005": lambda: v(H4, "active.normative.in_force"),
    "h4-006": lambda: v(D, PP),
    "h4-007": lambda: v(B, PEN),
    "h4-008": lambda: v(H4, NEW),
    "h4-009": lambda: v(A, PA),
    "h4-010": lambda: v(H3, "active.normative.repealed"),
    # rank
    "h4-011": lambda: at(SAMPLE5, cell(PA), 2),
    "h4-012": lambda: at(SAMPLE5, cell(PA), 1, desc=False),
    "h4-013": lambda: at(SAMPLE5, cell(PP), 3),
    "h4-014": lambda: at(ALL7, cell(NEW), 1),
    "h4-015": lambda: at([A, B, C, E], cell(PEN), 2),
    "h4-016": lambda: at(SAMPLE5, cell("active.penalty.prev_items"), 1, desc=False),
    "h4-017": lambda: at(SAMPLE5, cell(PA), 3),
    "h4-018": lambda: at(ALL7, cell(NEW), 1, desc=False),
    "h4-019": lambda: at(SAMPLE5, cell(PP), 2),
    "h4-020": lambda: at(SAMPLE5, per_project, 1, desc=False),
    # count
    "h4-021": lambda: count(SAMPLE5, PA, lambda x: x > 100000),
    "h4-022": lambda: count(ALL7, NEW, lambda x: x == 0),
    "h4-023": lambda: count(ALL7, PEN, lambda x: x > 5),
    "h4-024": lambda: count(SAMPLE5, PA, lambda x: 50000 <= x <= 100000),
    "h4-025": lambda: count([f for f in ALL7 if GOLD[f]["year"] == 2020], "requests.partial.total", lambda x: x > 0),
    "h4-026": lambda: count(ALL7, "review.reconsideration.upheld", lambda x: x > 0),
    "h4-027": lambda: count(SAMPLE5, PA, lambda x: x > 300000),
    "h4-028": lambda: count(ALL7, "active.coercion.decisions", lambda x: x == 0),
    # 000's unavailable_not_held.total is blank: only reports whose cell is a number
    "h4-029": lambda: count([f for f in ALL7 if GOLD[f]["facts"]["requests.unavailable_not_held.total"]["state"] == "number"],
                            "requests.unavailable_not_held.total", lambda x: x > 0),
    "h4-030": lambda: count(SAMPLE5, PP, lambda x: x < 10),
    # group
    "h4-031": lambda: sum(v(f, PA) for f in ALL7 if GOLD[f]["agency"].endswith("统计局") and GOLD[f]["year"] == 2020),
    "h4-032": lambda: sum(v(f, NEW) for f in ALL7 if GOLD[f]["province"] == "福建省"),
    "h4-033": lambda: sum(v(f, PP) for f in ALL7 if GOLD[f]["province"] == "浙江省"),
    "h4-034": lambda: sum(v(f, "active.penalty.prev_items") for f in ALL7 if GOLD[f]["province"] == "河南省"),
    "h4-035": lambda: sum(v(f, PA) for f in ALL7 if GOLD[f].get("agency_kind") == "street_office"),
    "h4-036": lambda: sum(v(f, PEN) for f in ALL7 if GOLD[f]["province"] == "江苏省"),
    "h4-037": lambda: sum(v(f, PA) for f in ALL7 if GOLD[f]["agency"].endswith("统计局")),
    "h4-038": lambda: sum(v(f, PP) for f in ALL7 if GOLD[f]["province"] == "福建省"),
    "h4-039": lambda: at([f for f in ALL7 if GOLD[f]["province"] == "浙江省"], cell(PA), 1),
    "h4-040": lambda: sum(v(f, NEW) for f in ALL7 if GOLD[f]["agency"].endswith("统计局")),
    # compare
    "h4-041": lambda: at([A, E], cell(PEN), 1),
    "h4-042": lambda: v(H4, NEW) - v(H3, NEW),
    "h4-043": lambda: pct(v(H4, "active.licensing.decisions") - v(H3, "active.licensing.decisions"), v(H3, "active.licensing.decisions")),
    "h4-044": lambda: v(C, PA) - v(B, PA),
    "h4-045": lambda: at([D, A], cell(PP), 1),
    "h4-046": lambda: v(H3, "active.fees.amount") - v(H4, "active.fees.amount"),
    "h4-047": lambda: v(H3, PEN) - v(H4, PEN),
    "h4-048": lambda: at([C, E], cell(PP), 1),
    "h4-049": lambda: pct(v(H4, NEW) - v(H3, NEW), v(H3, NEW)),
    "h4-050": lambda: at([A, B], per_project, 1),
    # yesno
    "h4-051": lambda: v(B, PEN) > 20,
    "h4-052": lambda: v(H4, "active.licensing.decisions") < v(H3, "active.licensing.decisions"),
    "h4-053": lambda: v(C, PA) > 500000,
    "h4-054": lambda: v(E, NEW) > 0,
    "h4-055": lambda: v(H3, "active.fees.amount") > 70000000,
    "h4-056": lambda: v(A, PP) > v(C, PP),
    "h4-057": lambda: v(H4, PEN) < v(H3, PEN),
    "h4-058": lambda: any([v(f, PA) > 400000 for f in [A, B, C, E]]),  # a list: read every cell
    "h4-059": lambda: v(D, "requests.granted.total") > v(D, NEW) / 2,
    "h4-060": lambda: v(H4, "active.normative.issued") > v(H3, "active.normative.issued"),
    # qualifier
    "h4-061": lambda: v(H4, "requests.partial.total"),
    "h4-062": lambda: v(H3, "requests.unavailable_not_held.total"),
    "h4-063": lambda: v(H4, "review.lawsuit_after_review.total"),
    "h4-064": lambda: pct(v(H4, "requests.granted.total"), v(H4, "requests.handled.total")),
    "h4-065": lambda: sum(v(H3, f"requests.withheld_{r}.total") for r in WITHHELD),
    "h4-066": lambda: v(B, "requests.carried_out.total"),
    "h4-067": lambda: v(H4, "requests.withheld_safety.total"),
    "h4-068": lambda: pct(v(H3, "requests.partial.total"), v(H3, "requests.handled.total")),
    "h4-069": lambda: v(H4, "review.lawsuit_direct.upheld"),
    "h4-070": lambda: pct(v(H4, "requests.unavailable_not_held.total"), v(H4, "requests.handled.total")),
    # multiturn (the value of the last question, read in the context of the turns)
    "h4-071": lambda: v(A, PP),
    "h4-072": lambda: v(H4, NEW),
    "h4-073": lambda: at(SAMPLE5, cell(PA), 3),
    "h4-074": lambda: v(H3, "active.licensing.decisions") + v(H4, "active.licensing.decisions"),
    "h4-075": lambda: v(C, "active.penalty.prev_items"),
    "h4-076": lambda: v(D, "requests.granted.total"),
    "h4-077": lambda: v(C, PA),
    "h4-078": lambda: v(B, PP) + v(D, PP),
    "h4-079": lambda: v(H3, "active.fees.amount"),
    "h4-080": lambda: ranked(SAMPLE5, cell(PP))[0][1],
    # operation
    "h4-081": lambda: statistics.mean(v(f, PA) for f in SAMPLE5),
    "h4-082": lambda: statistics.median(v(f, PA) for f in SAMPLE5),
    "h4-083": lambda: (lambda m: [agency(f) for f in SAMPLE5 if v(f, PP) > m])(statistics.mean(v(f, PP) for f in SAMPLE5)),
    "h4-084": lambda: [agency(f) for f, _ in ranked(SAMPLE5, cell(PA))[:2]],
    "h4-085": lambda: statistics.mean(v(f, NEW) for f in ALL7),
    "h4-086": lambda: max(v(f, PA) for f in SAMPLE5) - min(v(f, PA) for f in SAMPLE5),
    "h4-087": lambda: statistics.mean(v(f, PP) for f in SAMPLE5),
    "h4-088": lambda: (lambda m: [agency(f) for f in SAMPLE5 if v(f, PA) < m])(statistics.mean(v(f, PA) for f in SAMPLE5)),
    "h4-089": lambda: statistics.median(v(f, NEW) for f in ALL7),
    "h4-090": lambda: min(v(f, PA) for f in SAMPLE5),
}

# guard for h4-080: the top must be unique
_UNIQUE_TOP = {"h4-080": (SAMPLE5, PP)}

# ------------------------------------------------------------------ narrative cases: (file, snippet of the gold text)
NARRATIVE = {
    "h4-091": (A, "“鼓楼统计” 75 条"),
    "h4-092": (C, "官方微博主动公开912条"),
    "h4-093": (D, "其中业务公文6条"),
    "h4-094": (H3, "主动公开政府信息1136条"),
    "h4-095": (C, "罚款总额达到2.4万"),
    "h4-096": (H4, "公开政府常务会议7期"),
    "h4-097": (C, "全年累计公开统计数据262条"),
    "h4-098": (H4, "主动发布各类政府信息2428条"),
    "h4-099": (A, "答复及时率100%"),
    "h4-100": (H4, "受理政府信息公开申请17件"),
}

# ------------------------------------------------------------------ passage cases: keyword that must be in the section
PASSAGE = {
    "h4-101": {D: ("五", "有待提高")},
    "h4-102": {B: ("五", "加强学习")},
    "h4-103": {E: ("五", "不足")},
    "h4-104": {C: ("二", "普法宣传")},
    "h4-105": {A: ("一", "个人")},
    "h4-106": {A: ("一五", "培训"), C: ("一五", "培训"), D: ("一", "培训")},
    "h4-107": {C: ("五", "主要问题")},
    "h4-108": {A: ("五", "改进情况")},
    "h4-109": {E: ("一", "监督机制")},
    "h4-110": {B: ("一", "强化组织保障")},
}
# for h4-106 the other 2019/2020 reports must not mention the keyword at all
PASSAGE_ABSENT = {"h4-106": ([B, E], "培训")}

SECTION_TITLES = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议",
                  "五": "存在的主要问题", "六": "其他需要报告"}
HEADING = re.compile(r"^[#\s*]*([一二三四五六])、(.*)$")


def sections(f: str) -> dict[str, str]:
    """Section number -> text, split at the report's six headings (matched by number and title words)."""
    out: dict[str, list[str]] = {}
    cur = None
    for line in (SAMPLES / f).read_text(encoding="utf-8").splitlines():
        m = HEADING.match(line)
        if m and SECTION_TITLES[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(x) for k, x in out.items()}


# ------------------------------------------------------------------ refusal cases
def no_agency(pred) -> bool:
    return not any(pred(d) for d in GOLD.values())


def no_cell(f, key) -> bool:
    fact = GOLD[f]["facts"].get(key)
    return fact is None or fact["state"] == "absent"


def no_topic(words, files) -> bool:
    """No table key and no gold narrative figure mentions the topic."""
    keys = {k for d in GOLD.values() for k in d["facts"]}
    if any(w in k for k in keys for w in words):
        return False
    for f in files:
        for n in GOLD[f].get("narrative_numbers") or []:
            if any(w in (n.get("text", "") + n.get("what", "")) for w in words):
                return False
    return True


REFUSAL = {
    "h4-111": lambda: no_agency(lambda d: d.get("city") == "南京市" or "南京" in d["agency"]),
    "h4-112": lambda: no_agency(lambda d: d.get("county") == "鹿城区" and d["year"] == 2021)
                      and not no_agency(lambda d: d.get("county") == "鹿城区"),
    "h4-113": lambda: GOLD[H3]["template"] == "2021" and no_cell(H3, PA),
    "h4-114": lambda: no_topic(["staff", "人员", "工作人员", "personnel"], [D]),
    "h4-115": lambda: no_agency(lambda d: d.get("county") == "洪泽区" and d["year"] == 2022)
                      and not no_agency(lambda d: d.get("county") == "洪泽区"),
    "h4-116": lambda: GOLD[H4]["template"] == "2021" and no_cell(H4, "active.licensing.prev_items"),
    "h4-117": lambda: no_agency(lambda d: "上海" in (d.get("province") or "") + (d.get("city") or "") + d["agency"]),
    "h4-118": lambda: GOLD[H4]["template"] == "2021" and no_cell(H4, PA),
    "h4-119": lambda: no_topic(["visit", "访问", "浏览"], [C]) and "访问" not in (SAMPLES / C).read_text(encoding="utf-8"),
    "h4-120": lambda: no_agency(lambda d: d.get("county") == "二七区" and d["year"] == 2021)
                      and not no_agency(lambda d: d.get("county") == "二七区"),
}

CATEGORIES = ["lookup", "rank", "count", "group", "compare", "yesno", "qualifier", "multiturn",
              "operation", "narrative", "passage", "refusal"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def check_case(case: dict) -> str:
    cid, exp = case["id"], case["expect"]
    kind = exp["kind"]
    cites = case.get("cite", [])
    cell_cites = {c for c in cites if "#" in c}
    # every cited cell exists with state number
    for c in cell_cites:
        f, _, key = c.partition("#")
        if f not in GOLD:
            raise Mismatch(f"cite {c}: unknown file")
        fact = GOLD[f]["facts"].get(key)
        if fact is None or fact["state"] != "number":
            raise Mismatch(f"cite {c}: not a number cell")
    for c in cites:
        if "#" not in c and c not in GOLD:
            raise Mismatch(f"cite {c}: unknown file")

    if cid in VALUE:
        USED.clear()
        got = VALUE[cid]()
        if cid in _UNIQUE_TOP:
            files, key = _UNIQUE_TOP[cid]
            r = ranked(files, cell(key))
            if r[0][1] == r[1][1]:
                raise Mismatch("tie at the top")
        if USED != cell_cites:
            raise Mismatch(f"cells read {sorted(USED)} != cited {sorted(cell_cites)}")
        if kind == "number":
            if isinstance(got, bool) or abs(round(got, 2) - exp["value"]) > 0.005:
                raise Mismatch(f"number: computed {got!r}, expected {exp['value']!r}")
            return f"number {round(got, 2)} {exp['unit']}"
        if kind == "agency":
            if got != exp["value"]:
                raise Mismatch(f"agency: computed {got!r}, expected {exp['value']!r}")
            return f"agency {got}"
        if kind == "boolean":
            if got is not exp["value"]:
                raise Mismatch(f"boolean: computed {got!r}, expected {exp['value']!r}")
            return f"boolean {got}"
        if kind == "list":
            want = exp["values"]
            ok = got == want if exp["ordered"] else sorted(got) == sorted(want)
            if not ok or len(set(got)) != len(got):
                raise Mismatch(f"list: computed {got!r}, expected {want!r}")
            return f"list {'ordered ' if exp['ordered'] else ''}{got}"
        raise Mismatch(f"value case of kind {kind}")

    if cid in NARRATIVE:
        f, snippet = NARRATIVE[cid]
        if kind != "number" or cites != [f]:
            raise Mismatch(f"narrative: kind {kind}, cite {cites} (want number, [{f}])")
        hits = [n for n in GOLD[f].get("narrative_numbers") or [] if snippet in n["text"]]
        if len(hits) != 1:
            raise Mismatch(f"narrative: {len(hits)} gold figures match {snippet!r}")
        n = hits[0]
        unit = {"%": "percent", "yuan": "yuan"}.get(n.get("unit"), "count")
        if abs(n["value"] - exp["value"]) > 0.005 or unit != exp["unit"]:
            raise Mismatch(f"narrative: gold {n['value']} {unit}, expected {exp['value']} {exp['unit']}")
        return f"narrative {n['value']:g} {unit} ({f})"

    if cid in PASSAGE:
        want = PASSAGE[cid]
        if kind != "passages" or sorted(exp["files"]) != sorted(want) or sorted(cites) != sorted(want):
            raise Mismatch(f"passages: files {exp.get('files')} / cite {cites} != {sorted(want)}")
        allowed = set(exp["sections"])
        for f, (secs, kw) in want.items():
            if not set(secs) <= allowed:
                raise Mismatch(f"passages: {f} sections {secs} not within {sorted(allowed)}")
            text = sections(f)
            for s in secs:
                if s not in text:
                    raise Mismatch(f"passages: {f} has no section {s}")
                if kw not in text[s]:
                    raise Mismatch(f"passages: {f} section {s} lacks {kw!r}")
        if cid in PASSAGE_ABSENT:
            files, kw = PASSAGE_ABSENT[cid]
            for f in files:
                if kw in (SAMPLES / f).read_text(encoding="utf-8"):
                    raise Mismatch(f"passages: {f} also mentions {kw!r}")
        return f"passages {sorted(want)} sections {exp['sections']}"

    if cid in REFUSAL:
        if kind != "unanswerable" or cites:
            raise Mismatch(f"refusal: kind {kind}, cite {cites}")
        if not REFUSAL[cid]():
            raise Mismatch("refusal: the store has data for it")
        return "unanswerable (no data confirmed)"

    raise Mismatch("no reference check for this case")


def main() -> int:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = 0
    per_cat: dict[str, int] = {}
    langs = {"zh": 0, "en": 0}
    for i, case in enumerate(cases, 1):
        cid = case["id"]
        try:
            if cid != f"h4-{i:03d}":
                raise Mismatch(f"id out of sequence (want h4-{i:03d})")
            cat, lang = case["tags"][0], case["tags"][1]
            if cat not in CATEGORIES or lang not in langs:
                raise Mismatch(f"tags {case['tags']}")
            texts = [case["question"], *case.get("turns", [])]
            if lang == "zh" and not CJK.search(case["question"]):
                raise Mismatch("zh case without Chinese text")
            if lang == "en" and any(CJK.search(t) for t in texts):
                raise Mismatch("en case with Chinese characters")
            if (cat == "multiturn") != bool(case.get("turns")):
                raise Mismatch("turns only (and always) in multiturn cases")
            per_cat[cat] = per_cat.get(cat, 0) + 1
            langs[lang] += 1
            msg = check_case(case)
            print(f"ok   {cid} {cat:<9} {lang} {msg}")
        except Mismatch as e:
            fails += 1
            print(f"FAIL {cid} {e}")
    if len(cases) != 120:
        fails += 1
        print(f"FAIL expected 120 cases, found {len(cases)}")
    if any(per_cat.get(c, 0) != 10 for c in CATEGORIES):
        fails += 1
        print(f"FAIL categories {per_cat}")
    print(f"summary: {len(cases)} cases, {fails} failure(s); "
          f"zh {langs['zh']} en {langs['en']}; categories " + " ".join(f"{c}={per_cat.get(c, 0)}" for c in CATEGORIES))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
