#!/usr/bin/env python3
"""Reference check for eval/qa_holdout6.jsonl (stdlib only).

Recomputes every expected answer of the hold-out set from the gold fact files
(tests/fixtures/gold/*.json, cells with state "number" only) and checks that

- every `file#table.row.col` citation exists in the gold with state `number` and is a cell the
  computation actually used;
- narrative cases match exactly one gold `narrative_numbers` entry of the cited report;
- passage cases point at a sample report (data/samples/*.txt) that has that section, with the topic
  inside it;
- refusal cases really have no data (no such report, an absent cell, or a figure the report never states).

Prints one line per case, then a summary line; exits 1 on any mismatch.
Run: python3 eval/qa_holdout6_reference.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES_DIR = ROOT / "data" / "samples"
CASES_FILE = HERE / "qa_holdout6.jsonl"

# short aliases -> the file name used in citations (the gold `file`, without any folder)
F = {
    "A": "000_2133ae744f48d674.txt",
    "B": "001_19df74b8cb7281a4.txt",
    "C": "002_c42cd15df52a6935.txt",
    "D": "003_acfa5b9243423631.txt",
    "E": "004_5206fb2196a31c52.txt",
    "H23": "hongze-qu-gov-2023.pdf",
    "H24": "hongze-qu-gov-2024.pdf",
}


class Bad(Exception):
    """The case cannot be recomputed as written (missing/blank cell, tie, no match ...)."""


def load_gold() -> dict[str, dict]:
    gold = {}
    for p in sorted(GOLD_DIR.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        gold[Path(d["file"]).name] = d
    return gold


GOLD = load_gold()
USED: set[str] = set()        # cells read while recomputing the current case


def rep(r: str) -> dict:
    return GOLD[F[r]]


def v(r: str, key: str) -> float:
    """The value of a gold cell; only state `number` is accepted (blank is never 0)."""
    cell = rep(r)["facts"].get(key)
    if cell is None:
        raise Bad(f"{F[r]}#{key}: no such cell in the gold")
    if cell.get("state") != "number":
        raise Bad(f"{F[r]}#{key}: state {cell.get('state')!r}, not a number")
    USED.add(f"{F[r]}#{key}")
    return cell["value"]


def ag(r: str) -> str:
    return rep(r)["agency"]


# report sets, derived from the gold metadata (not typed in)
def reports(pred) -> list[str]:
    return [r for r in F if pred(rep(r))]


T2019 = reports(lambda d: d["template"] == "2019")            # have a procurement block
ALL = list(F)
STATS = reports(lambda d: d["agency"].endswith("统计局"))
Y2020 = reports(lambda d: d["year"] == 2020)
STREET = reports(lambda d: d.get("township") and "街道" in d["agency"])
GOVT = reports(lambda d: d["agency"].endswith("人民政府"))


def prov(name: str) -> list[str]:
    return reports(lambda d: d["province"] == name)


def ranked(rs: list[str], key: str, pos: int, desc: bool = True) -> str:
    """Agency at position `pos` (1-based); a tie at that position is an error."""
    vals = sorted(((v(r, key), r) for r in rs), key=lambda t: t[0], reverse=desc)
    val, r = vals[pos - 1]
    if sum(1 for x, _ in vals if x == val) != 1:
        raise Bad(f"tie at position {pos} on {key} (value {val})")
    return ag(r)


def top(rs: list[str], key: str, n: int) -> list[str]:
    vals = sorted(((v(r, key), r) for r in rs), key=lambda t: t[0], reverse=True)
    if n < len(vals) and vals[n - 1][0] == vals[n][0]:
        raise Bad(f"tie at the top-{n} boundary on {key}")
    if len({x for x, _ in vals[:n]}) != n:
        raise Bad(f"tie inside the top {n} on {key}")
    return [ag(r) for _, r in vals[:n]]


def count(rs: list[str], key: str, pred) -> int:
    return sum(1 for r in rs if pred(v(r, key)))


def total(rs: list[str], *keys: str) -> float:
    return round(sum(v(r, k) for r in rs for k in keys), 2)


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def pct(a: float, b: float) -> float:
    return round(a / b * 100, 2)


def growth(new: float, old: float) -> float:
    return round((new - old) / old * 100, 2)


def larger(r1: str, r2: str, key: str) -> str:
    a, b = v(r1, key), v(r2, key)
    if a == b:
        raise Bad("tie")
    return ag(r1) if a > b else ag(r2)


def the_other(r1: str, r2: str, key: str) -> float:
    """Value of the report that is NOT the larger of the two (the 'other one' of a follow-up)."""
    a, b = v(r1, key), v(r2, key)
    if a == b:
        raise Bad("tie")
    return min(a, b)


# --- narrative ---------------------------------------------------------------------------------
NARR: list[str] = []          # bare-file citations the current case should carry


def nar(r: str, snippet: str) -> float:
    hits = [e for e in rep(r).get("narrative_numbers", []) if snippet in (e.get("text") or "")]
    if len(hits) != 1:
        raise Bad(f"{F[r]}: {len(hits)} narrative_numbers entries contain {snippet!r}")
    NARR.append(F[r])
    return hits[0]["value"]


# --- passages ----------------------------------------------------------------------------------
SECTION_KEYWORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
                    "五": "存在的主要问题", "六": "其他需要报告"}
_HEAD = re.compile(r"^[ #*]*(一|二|三|四|五|六)、")


def sections(r: str) -> dict[str, str]:
    """Section number -> text, split on the report's own headings (matched by number + meaning)."""
    path = SAMPLES_DIR / F[r]
    if not path.exists():
        raise Bad(f"{F[r]} is not a sample report text")
    out: dict[str, list[str]] = {}
    cur = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEAD.match(line)
        if m and SECTION_KEYWORDS[m.group(1)] in line:
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(x) for k, x in out.items()}


def passage(r: str, sec: str, *topic: str):
    secs = sections(r)
    if sec not in secs:
        raise Bad(f"{F[r]} has no section {sec}")
    text = re.sub(r"\s+", "", secs[sec])
    missing = [t for t in topic if t not in text]
    if missing:
        raise Bad(f"{F[r]} section {sec} does not contain {missing}")
    return ("passages", [F[r]], [sec])


# --- refusals ----------------------------------------------------------------------------------
def no_report(agency_part: str, year: int | None = None):
    hits = [d for d in GOLD.values()
            if (agency_part in d["agency"] or any(agency_part in x.get("text", "") for x in d.get("agency_variants", [])))
            and (year is None or d["year"] == year)]
    if hits:
        raise Bad(f"a report matches {agency_part!r} {year}: {[d['file'] for d in hits]}")
    return ("unanswerable",)


def cell_absent(r: str, key: str, template: str):
    if rep(r)["template"] != template:
        raise Bad(f"{F[r]} follows template {rep(r)['template']}, not {template}")
    cell = rep(r)["facts"].get(key)
    if cell is not None and cell.get("state") != "absent":
        raise Bad(f"{F[r]}#{key} exists with state {cell.get('state')}")
    return ("unanswerable",)


def never_stated(r: str, *words: str):
    """Neither the gold narrative numbers nor the report text mention any of `words`."""
    for e in rep(r).get("narrative_numbers", []):
        blob = (e.get("text") or "") + " " + (e.get("what") or "")
        if any(w in blob for w in words):
            raise Bad(f"{F[r]} narrative states {e.get('text')!r}")
    text = (SAMPLES_DIR / F[r]).read_text(encoding="utf-8")
    found = [w for w in words if w in text]
    if found:
        raise Bad(f"{F[r]} text mentions {found}")
    if any(w in k for k in rep(r)["facts"] for w in words):
        raise Bad("a fact key matches")
    return ("unanswerable",)


# --- the cases ---------------------------------------------------------------------------------
P = "active.procurement.amount"
PJ = "active.procurement.projects"
PEN = "active.penalty.decisions"
NEW = "requests.new.total"

SPECS = {
    # lookup
    "h6-001": ("lookup", lambda: v("A", "active.penalty.prev_items")),
    "h6-002": ("lookup", lambda: v("H24", "active.fees.amount")),
    "h6-003": ("lookup", lambda: v("C", "active.rules.public_total")),
    "h6-004": ("lookup", lambda: v("D", P)),
    "h6-005": ("lookup", lambda: v("H23", "active.normative.repealed")),
    "h6-006": ("lookup", lambda: v("B", PEN)),
    "h6-007": ("lookup", lambda: v("B", "active.penalty.change")),
    "h6-008": ("lookup", lambda: v("H23", "active.licensing.decisions")),
    "h6-009": ("lookup", lambda: v("E", "active.other_services.prev_items")),
    "h6-010": ("lookup", lambda: v("H24", "active.normative.in_force")),
    # rank
    "h6-011": ("rank", lambda: ranked(T2019, P, 2)),
    "h6-012": ("rank", lambda: ranked(T2019, PJ, 2, desc=False)),
    "h6-013": ("rank", lambda: ranked(T2019, "active.penalty.prev_items", 2)),
    "h6-014": ("rank", lambda: ranked(ALL, NEW, 3)),
    "h6-015": ("rank", lambda: ranked(ALL, PEN, 3)),
    "h6-016": ("rank", lambda: ranked(T2019, P, 1, desc=False)),
    "h6-017": ("rank", lambda: ranked(T2019, P, 2, desc=False)),
    "h6-018": ("rank", lambda: ranked(STATS, PEN, 2)),
    "h6-019": ("rank", lambda: ranked(T2019, P, 3)),
    "h6-020": ("rank", lambda: ranked(T2019, "active.penalty.prev_items", 1, desc=False)),
    # count
    "h6-021": ("count", lambda: count(T2019, P, lambda x: x > 100000)),
    "h6-022": ("count", lambda: count(T2019, P, lambda x: 80000 <= x <= 400000)),
    "h6-023": ("count", lambda: count(ALL, PEN, lambda x: x == 0)),
    "h6-024": ("count", lambda: count(ALL, "requests.partial.total", lambda x: x != 0)),
    "h6-025": ("count", lambda: count(ALL, PEN, lambda x: x > 2000)),
    "h6-026": ("count", lambda: count(T2019, P, lambda x: x > 500000)),
    "h6-027": ("count", lambda: count(ALL, "active.licensing.decisions", lambda x: x > 1000)),
    "h6-028": ("count", lambda: count(GOVT, "active.fees.amount", lambda x: x > 76_000_000)),
    "h6-029": ("count", lambda: count(Y2020, NEW, lambda x: x >= 1)),
    "h6-030": ("count", lambda: count(T2019, P, lambda x: x > 300000)),
    # group
    "h6-031": ("group", lambda: total(STATS, P)),
    "h6-032": ("group", lambda: total(STREET, NEW)),
    "h6-033": ("group", lambda: total([r for r in prov("福建省") if r in Y2020], P)),
    "h6-034": ("group", lambda: total([r for r in prov("浙江省") if r in STATS], PJ)),
    "h6-035": ("group", lambda: total(prov("江苏省"), PEN)),
    "h6-036": ("group", lambda: total([r for r in prov("河南省") if r in Y2020],
                                      "active.penalty.prev_items", "active.coercion.prev_items")),
    "h6-037": ("group", lambda: total(STATS, PEN)),
    "h6-038": ("group", lambda: total(GOVT, "active.licensing.decisions")),
    "h6-039": ("group", lambda: total([r for r in prov("福建省") if r in Y2020], NEW)),
    "h6-040": ("group", lambda: total(prov("浙江省"), P)),
    # compare
    "h6-041": ("compare", lambda: larger("C", "A", P)),
    "h6-042": ("compare", lambda: round(v("A", P) - v("D", P), 2)),
    "h6-043": ("compare", lambda: growth(v("H24", PEN), v("H23", PEN))),
    "h6-044": ("compare", lambda: pct(v("D", P), v("A", P))),
    "h6-045": ("compare", lambda: round(v("H23", "active.fees.amount") - v("H24", "active.fees.amount"), 2)),
    "h6-046": ("compare", lambda: larger("B", "C", PEN)),
    "h6-047": ("compare", lambda: growth(v("H24", "active.licensing.decisions"), v("H23", "active.licensing.decisions"))),
    "h6-048": ("compare", lambda: pct(v("H24", NEW), v("H23", NEW))),
    "h6-049": ("compare", lambda: v("B", PJ) - v("A", PJ)),
    "h6-050": ("compare", lambda: larger("E", "B", P)),
    # yesno
    "h6-051": ("yesno", lambda: not (v("B", P) > 80000)),
    "h6-052": ("yesno", lambda: v("H24", PEN) > v("H23", PEN)),
    "h6-053": ("yesno", lambda: v("C", P) < 500000),
    "h6-054": ("yesno", lambda: v("D", NEW) >= 5),
    "h6-055": ("yesno", lambda: not (v("H24", "active.fees.amount") > 76_000_000)),
    "h6-056": ("yesno", lambda: v("E", "active.penalty.prev_items") > 10),
    "h6-057": ("yesno", lambda: v("A", P) > 350000),
    "h6-058": ("yesno", lambda: v("H24", NEW) < 100),
    "h6-059": ("yesno", lambda: v("B", PJ) > v("A", PJ)),
    "h6-060": ("yesno", lambda: not (v("H23", "active.licensing.decisions") > 500)),
    # qualifier
    "h6-061": ("qualifier", lambda: v("H24", "requests.partial.total")),
    "h6-062": ("qualifier", lambda: v("H23", "requests.unavailable_not_held.total")),
    "h6-063": ("qualifier", lambda: v("H24", "requests.carried_out.total")),
    "h6-064": ("qualifier", lambda: v("H24", "review.lawsuit_after_review.total") - v("H24", "review.lawsuit_direct.total")),
    "h6-065": ("qualifier", lambda: v("H24", "review.reconsideration.corrected")),
    "h6-066": ("qualifier", lambda: v("D", "requests.withheld_third_party.total")),
    "h6-067": ("qualifier", lambda: pct(v("H24", "requests.granted.total"), v("H24", "requests.handled.total"))),
    "h6-068": ("qualifier", lambda: v("H24", "requests.withheld_safety.total")),
    "h6-069": ("qualifier", lambda: pct(v("H23", "requests.unavailable_not_held.total"), v("H23", "requests.handled.total"))),
    "h6-070": ("qualifier", lambda: v("H23", "requests.unavailable_needs_creation.total")),
    # multiturn (the value of the last turn)
    "h6-071": ("multiturn", lambda: v("H24", PEN)),
    "h6-072": ("multiturn", lambda: v("A", P)),
    "h6-073": ("multiturn", lambda: ranked(T2019, P, 2)),
    "h6-074": ("multiturn", lambda: v("H23", "active.coercion.decisions") + v("H24", "active.coercion.decisions")),
    "h6-075": ("multiturn", lambda: abs(v("B", PEN) - v("C", PEN))),
    "h6-076": ("multiturn", lambda: ranked(STATS, PEN, 1, desc=False)),
    "h6-077": ("multiturn", lambda: v("H24", NEW) - v("H23", NEW)),
    "h6-078": ("multiturn", lambda: v("H23", "active.fees.amount")),
    "h6-079": ("multiturn", lambda: v("B", P)),
    "h6-080": ("multiturn", lambda: the_other("A", "D", PJ)),
    # operation
    "h6-081": ("operation", lambda: round(mean([v(r, P) for r in T2019]), 2)),
    "h6-082": ("operation", lambda: median([v(r, P) for r in T2019])),
    "h6-083": ("operation", lambda: [ag(r) for r in T2019 if v(r, P) > mean([v(x, P) for x in T2019])]),
    "h6-084": ("operation", lambda: top(T2019, PJ, 3)),
    "h6-085": ("operation", lambda: median([v(r, NEW) for r in ALL])),
    "h6-086": ("operation", lambda: round(max(v(r, P) for r in T2019) - min(v(r, P) for r in T2019), 2)),
    "h6-087": ("operation", lambda: round(mean([v(r, NEW) for r in ALL]), 2)),
    "h6-088": ("operation", lambda: [ag(r) for r in T2019 if v(r, PJ) < mean([v(x, PJ) for x in T2019])]),
    "h6-089": ("operation", lambda: min(v(r, PJ) for r in T2019)),
    "h6-090": ("operation", lambda: round(sum(v(r, P) for r in T2019) / sum(v(r, PJ) for r in T2019), 2)),
    # narrative
    "h6-091": ("narrative", lambda: nar("D", "全年主动公开政府信息7条")),
    "h6-092": ("narrative", lambda: nar("C", "全年累计发布政府信息")),
    "h6-093": ("narrative", lambda: nar("C", "官方微博主动公开")),
    "h6-094": ("narrative", lambda: nar("C", "罚款总额")),
    "h6-095": ("narrative", lambda: nar("H23", "政府网站平台主动公开政府信息")),
    "h6-096": ("narrative", lambda: nar("A", "本年度共发布各类信息")),
    "h6-097": ("narrative", lambda: nar("H24", "政府常务会议")),
    "h6-098": ("narrative", lambda: nar("H24", "主动发布各类政府信息")),
    "h6-099": ("narrative", lambda: nar("A", "答复及时率")),
    "h6-100": ("narrative", lambda: nar("C", "公开统计数据")),
    # passage (sample report, canonical section, topic words that must appear inside it)
    "h6-101": ("passage", lambda: passage("D", "五", "答复依申请公开处理水平有待提高")),
    "h6-102": ("passage", lambda: passage("C", "五", "改进措施", "拓展信息公开范围")),
    "h6-103": ("passage", lambda: passage("E", "一", "四个", "结合")),
    "h6-104": ("passage", lambda: passage("C", "二", "普法宣传", "统计开放日")),
    "h6-105": ("passage", lambda: passage("A", "一", "个人信息", "新冠疫情")),
    "h6-106": ("passage", lambda: passage("D", "一", "监督保障", "追责")),
    "h6-107": ("passage", lambda: passage("B", "五", "两个方面的不足")),
    "h6-108": ("passage", lambda: passage("A", "五", "改进情况")),
    "h6-109": ("passage", lambda: passage("B", "一", "统计开放日")),
    "h6-110": ("passage", lambda: passage("E", "五", "公开意识", "下一步")),
    # refusal
    "h6-111": ("refusal", lambda: no_report("浦东")),
    "h6-112": ("refusal", lambda: no_report("洪泽", 2022)),
    "h6-113": ("refusal", lambda: cell_absent("H24", P, "2021")),
    "h6-114": ("refusal", lambda: cell_absent("A", "active.normative.repealed", "2019")),
    "h6-115": ("refusal", lambda: never_stated("E", "及时率")),
    "h6-116": ("refusal", lambda: never_stated("B", "访问量", "访问")),
    "h6-117": ("refusal", lambda: no_report("鼓楼区统计局", 2021)),
    "h6-118": ("refusal", lambda: cell_absent("C", "active.fees.amount", "2019")),
    "h6-119": ("refusal", lambda: cell_absent("H23", "active.licensing.prev_items", "2021")),
    "h6-120": ("refusal", lambda: never_stated("E", "粉丝", "关注人数", "微信")),
}

CATEGORY_KIND = {"passage": {"passages"}, "refusal": {"unanswerable"}}


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def check_case(case: dict) -> tuple[bool, str]:
    cid = case["id"]
    if cid not in SPECS:
        return False, "no reference spec"
    category, fn = SPECS[cid]
    tags = case.get("tags", [])
    if not tags or tags[0] != category:
        return False, f"tags[0] {tags[:1]} != {category}"
    exp = case["expect"]
    kind = exp["kind"]
    note = exp.get("note", "")
    cite = case.get("cite", [])
    USED.clear()
    NARR.clear()
    try:
        got = fn()
    except Bad as e:
        return False, f"cannot recompute: {e}"

    # citations: every cell cited exists with state number and was used by the computation
    for c in cite:
        if "#" in c:
            f, _, key = c.partition("#")
            d = GOLD.get(f)
            if d is None:
                return False, f"cite {c}: unknown file"
            cell = d["facts"].get(key)
            if cell is None or cell.get("state") != "number":
                return False, f"cite {c}: not a number cell in the gold"
            if c not in USED:
                return False, f"cite {c}: not used by the computation"
        elif c not in GOLD:
            return False, f"cite {c}: unknown file"

    if category == "refusal":
        if kind != "unanswerable" or cite:
            return False, "refusal must be kind unanswerable with no citations"
        return True, f"unanswerable ({exp.get('note', '')[:60]})"
    if category == "passage":
        _, files, secs = got
        if kind != "passages" or exp["files"] != files or exp["sections"] != secs or cite != files:
            return False, f"passages expect {exp.get('files')} {exp.get('sections')} cite {cite}; reference {files} {secs}"
        return True, f"passages {files[0]} section {secs[0]}"
    if category == "narrative":
        if cite != NARR:
            return False, f"narrative cite {cite} != {NARR}"
    else:
        cells = [c for c in cite if "#" in c]
        if not cells or len(cells) != len(cite):
            return False, "table answers must cite cells only"
    # every report whose cell was used must be named in the note
    files_used = {u.partition("#")[0] for u in USED} | set(NARR)
    missing = [f for f in files_used if f not in note]
    if missing:
        return False, f"note does not name {missing}"

    if kind == "number":
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return False, f"reference gives {got!r}, expect a number"
        ok = same_number(float(exp["value"]), float(got))
        return ok, f"number {exp['value']} {exp['unit']} vs reference {got}"
    if kind == "agency":
        return exp["value"] == got, f"agency {exp['value']} vs reference {got}"
    if kind == "boolean":
        return exp["value"] is got, f"boolean {exp['value']} vs reference {got}"
    if kind == "list":
        want = exp["values"]
        ok = want == got if exp.get("ordered") else sorted(want) == sorted(got)
        return ok, f"list{' (ordered)' if exp.get('ordered') else ''} {want} vs reference {got}"
    return False, f"unexpected kind {kind} for category {category}"


def main() -> int:
    lines = [ln for ln in CASES_FILE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    bad = 0
    ids = [c["id"] for c in cases]
    want_ids = [f"h6-{i:03d}" for i in range(1, 121)]
    if ids != want_ids:
        print("FAIL ids are not h6-001 .. h6-120 in order")
        bad += 1
    for case in cases:
        ok, msg = check_case(case)
        tags = case.get("tags", [])
        print(f"{'ok  ' if ok else 'FAIL'} {case['id']} [{'/'.join(tags[:2])}] {msg}")
        bad += 0 if ok else 1
    cats: dict[str, dict[str, int]] = {}
    for case in cases:
        t = case.get("tags", [])
        cats.setdefault(t[0], {}).setdefault(t[1], 0)
        cats[t[0]][t[1]] += 1
    for cat, langs in cats.items():
        if langs != {"zh": 6, "en": 4}:
            print(f"FAIL category {cat}: {langs} (want zh 6 / en 4)")
            bad += 1
    zh = sum(1 for c in cases if c["tags"][1] == "zh")
    en = sum(1 for c in cases if c["tags"][1] == "en")
    print(f"SUMMARY qa_holdout6: {len(cases)} cases ({zh} zh / {en} en, {len(cats)} categories), "
          f"{len(cases) - bad if bad <= len(cases) else 0} agree with the gold, {bad} mismatch(es)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
