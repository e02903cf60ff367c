#!/usr/bin/env python3
"""Recompute every expected answer of eval/qa_holdout8.jsonl from the gold fact files (stdlib only).

For every case this script recomputes the answer from `tests/fixtures/gold/*.json` (cells with state
`number` only; a blank, absent or missing cell makes the case fail), and checks that:
  - the expected value / agency / list / boolean equals the recomputed one (numbers compared after
    rounding to 2 decimals; percent cases are computed in percent points and rounded to 2 decimals);
  - every `file#table.row.col` citation exists in the gold with state `number`, and is one of the cells
    the computation read; no cited or used cell belongs to a row the gold marks as breaking a balance rule;
  - rankings have no tie at the asked position(s);
  - `expect.note` names (by file) every report the computation used;
  - narrative cases match a gold `narrative_numbers` entry (snippet and value) and cite that report;
  - passage cases point at a sample report that has that section, with the topic inside it;
  - refusal cases really have no data (agency/year not stored, cell missing or not a number, topic or
    figure not stated) and cite nothing.
One line per case, then a summary line. Exit status 1 on any mismatch.

Usage: python3 eval/qa_holdout8_reference.py [path/to/cases.jsonl]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "qa_holdout8.jsonl"

CATEGORIES = ["lookup", "rank", "count", "group", "compare", "yesno", "qualifier", "multiturn",
              "operation", "narrative", "passage", "refusal"]


class Mismatch(Exception):
    pass


# ---------------------------------------------------------------- gold
GOLD: dict[str, dict] = {}   # cite file name (basename of the gold "file") -> gold report
for p in sorted(GOLD_DIR.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    GOLD[Path(d["file"]).name] = d

A = "000_2133ae744f48d674.txt"
B = "001_19df74b8cb7281a4.txt"
C = "002_c42cd15df52a6935.txt"
D = "003_acfa5b9243423631.txt"
E = "004_5206fb2196a31c52.txt"
H23 = "hongze-qu-gov-2023.pdf"
H24 = "hongze-qu-gov-2024.pdf"
for _f in (A, B, C, D, E, H23, H24):
    if _f not in GOLD:
        raise SystemExit(f"gold file for {_f} not found under {GOLD_DIR}")

USED: list[tuple[str, str]] = []   # cells read by the current case's computation


def _failed_rows(g: dict) -> set[str]:
    """Rows named in a failing balance check of the gold (e.g. R4 fail: reconsideration ...)."""
    rows: set[str] = set()
    for rule, verdict in (g.get("checks") or {}).items():
        if isinstance(verdict, str) and verdict.startswith("fail"):
            for m in re.finditer(r"([a-z_]+):", verdict):
                rows.add(m.group(1))
    return rows


def cell(f: str, key: str) -> float:
    """Value of a gold cell; only state `number` is accepted (blank is never 0)."""
    fact = GOLD[f]["facts"].get(key)
    if fact is None:
        raise Mismatch(f"{f}#{key}: no such cell in the gold")
    if fact["state"] != "number":
        raise Mismatch(f"{f}#{key}: state {fact['state']!r}, not a number")
    row = key.split(".")[1]
    if row in _failed_rows(GOLD[f]) or "balance" in str(fact.get("note", "")):
        raise Mismatch(f"{f}#{key}: row marked by the gold as breaking a balance rule")
    USED.append((f, key))
    return fact["value"]


def agency(f: str) -> str:
    return GOLD[f]["agency"]


def reports(**where) -> list[str]:
    """Reports whose metadata match, e.g. reports(year=2020), reports(kind='统计局')."""
    out = []
    for f, g in GOLD.items():
        ok = True
        for k, v in where.items():
            if k == "kind":
                ok &= g["agency"].endswith(v)
            elif k == "has":
                fact = g["facts"].get(v)
                ok &= fact is not None and fact["state"] == "number"
            else:
                ok &= g.get(k) == v
        if ok:
            out.append(f)
    return sorted(out)


def with_key(key: str) -> list[str]:
    """Reports where `key` is a printed number; every other report must lack the cell
    (missing/absent), so leaving it out is not hiding a blank."""
    fs = reports(has=key)
    for f, g in GOLD.items():
        if f not in fs:
            fact = g["facts"].get(key)
            if fact is not None and fact["state"] not in ("absent",):
                raise Mismatch(f"{f}#{key}: state {fact['state']!r} would be silently dropped")
    return fs


def vals(key: str, fs: list[str]) -> dict[str, float]:
    return {f: cell(f, key) for f in fs}


def per_project(fs: list[str]) -> dict[str, float]:
    return {f: cell(f, "active.procurement.amount") / cell(f, "active.procurement.projects") for f in fs}


def _sorted(v: dict[str, float], desc: bool) -> list[tuple[str, float]]:
    return sorted(v.items(), key=lambda kv: kv[1], reverse=desc)


def at(v: dict[str, float], pos: int, desc: bool = True) -> str:
    """Agency at 1-based position `pos`; fails on a tie with a neighbour."""
    s = _sorted(v, desc)
    x = s[pos - 1][1]
    for j in (pos - 2, pos):
        if 0 <= j < len(s) and s[j][1] == x:
            raise Mismatch(f"tie at position {pos}: {s[j][0]} and {s[pos - 1][0]} both {x}")
    return agency(s[pos - 1][0])


def top(v: dict[str, float], n: int, desc: bool = True) -> list[str]:
    s = _sorted(v, desc)
    vs = [x for _, x in s]
    if len(set(vs[:n])) != n or (len(vs) > n and vs[n] == vs[n - 1]):
        raise Mismatch(f"tie among the top {n}: {vs}")
    names = [agency(f) for f, _ in s[:n]]
    if len(set(names)) != n:
        raise Mismatch(f"an agency appears twice in the top {n}: {names}")
    return names


def count(v: dict[str, float], pred) -> int:
    return sum(1 for x in v.values() if pred(x))


def mean(v: dict[str, float]) -> float:
    return sum(v.values()) / len(v)


def median(v: dict[str, float]) -> float:
    s = sorted(v.values())
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def pct(a: float, b: float) -> float:
    return round(a / b * 100, 2)


def growth(old: float, new: float) -> float:
    return round((new - old) / old * 100, 2)


# ---------------------------------------------------------------- narrative / passages / refusals
def narr(f: str, snippet: str) -> tuple:
    return ("narr", f, snippet)


def _narr_value(f: str, snippet: str) -> float:
    hits = [n for n in GOLD[f].get("narrative_numbers", []) if snippet in n["text"]]
    if len(hits) != 1:
        raise Mismatch(f"{f}: {len(hits)} narrative_numbers entries contain {snippet!r}")
    return hits[0]["value"]


HEADING_WORDS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议",
                 "五": "存在的主要问题", "六": "其他需要报告"}


def sections(f: str) -> dict[str, str]:
    """Canonical section number -> text, from a sample report (headings matched by number and meaning)."""
    lines = (SAMPLES / f).read_text(encoding="utf-8").splitlines()
    out: dict[str, list[str]] = {}
    cur = None
    for line in lines:
        t = line.strip().lstrip("#").strip().strip("*").strip()
        m = re.match(r"^([一二三四五六])、(.*)$", t)
        if m and HEADING_WORDS[m.group(1)] in m.group(2) and m.group(1) not in out:
            cur = m.group(1)
            out[cur] = []
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def passage(f: str, sec: str, topic: str) -> tuple:
    return ("passage", f, sec, topic)


def _check_passage(f: str, sec: str, topic: str) -> str:
    path = SAMPLES / f
    if not path.exists():
        raise Mismatch(f"{f} is not a sample report")
    secs = sections(f)
    if sec not in secs:
        raise Mismatch(f"{f}: no section {sec} (found {sorted(secs)})")
    if topic not in secs[sec]:
        raise Mismatch(f"{f}: section {sec} does not contain {topic!r}")
    return f"{f} section {sec} has {topic!r}"


def no_report(**where) -> tuple:
    def chk():
        fs = []
        for f, g in GOLD.items():
            ok = True
            for k, v in where.items():
                if k == "agency_has":
                    ok &= v in g["agency"] or any(v in (x.get("text") or "") for x in (g.get("agency_variants") or []))
                else:
                    ok &= g.get(k) == v
            if ok:
                fs.append(f)
        if fs:
            raise Mismatch(f"a report matches {where}: {fs}")
        return f"no report matches {where}"
    return ("refuse", chk)


def no_cell(f: str, key: str) -> tuple:
    def chk():
        fact = GOLD[f]["facts"].get(key)
        if fact is not None and fact["state"] == "number":
            raise Mismatch(f"{f}#{key} is a number ({fact['value']}): the case is answerable")
        return f"{f}#{key} {'missing' if fact is None else fact['state']} (template {GOLD[f]['template']})"
    return ("refuse", chk)


def not_stated(f: str, words: list[str], key_words: list[str] = ()) -> tuple:
    """No table key for the topic, no narrative number about it, and (for a sample) no digit near the word."""
    def chk():
        g = GOLD[f]
        for kw in key_words:
            bad = [k for k in g["facts"] if kw in k]
            if bad:
                raise Mismatch(f"{f}: fact keys {bad[:3]} look like the topic {kw!r}")
        for n in g.get("narrative_numbers", []):
            for w in words:
                if w in n["text"] or w in str(n.get("what", "")):
                    raise Mismatch(f"{f}: narrative number {n['text']!r} states {w!r}")
        path = SAMPLES / f
        if path.exists():
            text = path.read_text(encoding="utf-8")
            for w in words:
                for m in re.finditer(re.escape(w), text):
                    near = text[max(0, m.start() - 8): m.end() + 8]
                    if re.search(r"[0-9０-９]", near):
                        raise Mismatch(f"{f}: a number sits next to {w!r}: {near!r}")
        return f"{f}: no figure for {words}"
    return ("refuse", chk)


# ---------------------------------------------------------------- the answers
PROC = lambda: with_key("active.procurement.amount")        # noqa: E731  (2019-template reports)
PROJ = lambda: with_key("active.procurement.projects")      # noqa: E731
STAT = lambda: reports(kind="统计局")                        # noqa: E731
ALL = lambda: sorted(GOLD)                                  # noqa: E731

SPECS = {
    # lookup
    "h8-001": lambda: cell(E, "active.procurement.amount"),
    "h8-002": lambda: cell(C, "active.procurement.projects"),
    "h8-003": lambda: cell(H24, "active.coercion.decisions"),
    "h8-004": lambda: cell(A, "active.penalty.prev_items"),
    "h8-005": lambda: cell(H23, "active.licensing.decisions"),
    "h8-006": lambda: cell(E, "active.other_services.prev_items"),
    "h8-007": lambda: cell(B, "requests.new.total"),
    "h8-008": lambda: cell(H23, "active.fees.amount"),
    "h8-009": lambda: cell(H24, "active.normative.in_force"),
    "h8-010": lambda: cell(C, "active.penalty.decisions"),
    # rank
    "h8-011": lambda: at(vals("active.procurement.amount", PROC()), 2),
    "h8-012": lambda: at(vals("active.procurement.projects", PROJ()), 1, desc=False),
    "h8-013": lambda: at(vals("active.procurement.amount", PROC()), 2, desc=False),
    "h8-014": lambda: at(vals("active.penalty.decisions", ALL()), 3),
    "h8-015": lambda: at(vals("requests.new.total", reports(year=2020)), 1),
    "h8-016": lambda: top(vals("active.procurement.projects", PROJ()), 3),
    "h8-017": lambda: at(vals("active.penalty.decisions", STAT()), 1, desc=False),
    "h8-018": lambda: at(vals("active.penalty.prev_items", with_key("active.penalty.prev_items")), 2),
    "h8-019": lambda: at(vals("active.procurement.amount", PROC()), 1),
    "h8-020": lambda: top(vals("active.procurement.amount", PROC()), 3),
    # count
    "h8-021": lambda: count(vals("active.procurement.amount", PROC()), lambda x: x > 100000),
    "h8-022": lambda: count(vals("active.procurement.amount", PROC()), lambda x: x < 100000),
    "h8-023": lambda: count(vals("active.penalty.decisions", ALL()), lambda x: x == 0),
    "h8-024": lambda: count(vals("requests.new.total", reports(year=2020)), lambda x: x >= 1),
    "h8-025": lambda: count(vals("review.lawsuit_direct.total", ALL()), lambda x: x != 0),
    "h8-026": lambda: count(vals("active.procurement.projects", PROJ()), lambda x: 5 <= x <= 15),
    "h8-027": lambda: count(vals("active.procurement.projects", PROJ()), lambda x: x > 10),
    "h8-028": lambda: count(vals("requests.partial.total", ALL()), lambda x: x >= 1),
    "h8-029": lambda: count(vals("active.penalty.decisions", reports(year=2020)), lambda x: x > 0),
    "h8-030": lambda: count(vals("active.licensing.decisions", STAT()), lambda x: x > 0),
    # group
    "h8-031": lambda: sum(vals("active.procurement.amount", STAT()).values()),
    "h8-032": lambda: sum(vals("requests.new.total", reports(province="福建省", year=2020)).values()),
    "h8-033": lambda: sum(vals("active.procurement.projects", reports(agency_kind="street_office", year=2020)).values()),
    "h8-034": lambda: sum(vals("active.penalty.decisions", reports(agency="淮安市洪泽区人民政府")).values()),
    "h8-035": lambda: sum(vals("active.penalty.decisions", reports(province="浙江省")).values()),
    "h8-036": lambda: sum(vals("active.procurement.amount", reports(city="福州市")).values()),
    "h8-037": lambda: sum(vals("active.procurement.projects", STAT()).values()),
    "h8-038": lambda: sum(vals("requests.new.total", [f for f in STAT() if GOLD[f]["year"] == 2020]).values()),
    "h8-039": lambda: sum(vals("active.fees.amount", reports(agency="淮安市洪泽区人民政府")).values()),
    "h8-040": lambda: sum(vals("active.procurement.projects", reports(province="福建省", year=2020)).values()),
    # compare
    "h8-041": lambda: cell(A, "active.procurement.amount") - cell(B, "active.procurement.amount"),
    "h8-042": lambda: pct(cell(C, "active.procurement.amount"), cell(E, "active.procurement.amount")),
    "h8-043": lambda: cell(H23, "active.penalty.decisions") - cell(H24, "active.penalty.decisions"),
    "h8-044": lambda: growth(cell(H23, "active.licensing.decisions"), cell(H24, "active.licensing.decisions")),
    "h8-045": lambda: at(vals("active.procurement.projects", [A, D]), 1),
    "h8-046": lambda: growth(cell(H23, "active.fees.amount"), cell(H24, "active.fees.amount")),
    "h8-047": lambda: at(vals("requests.new.total", [A, D]), 1),
    "h8-048": lambda: cell(B, "active.penalty.decisions") - cell(C, "active.penalty.decisions"),
    "h8-049": lambda: growth(cell(H23, "active.coercion.decisions"), cell(H24, "active.coercion.decisions")),
    "h8-050": lambda: at(vals("active.procurement.amount", [B, E]), 1, desc=False),
    # yesno
    "h8-051": lambda: cell(C, "active.procurement.amount") > 400000,
    "h8-052": lambda: cell(E, "requests.new.total") > cell(B, "requests.new.total"),
    "h8-053": lambda: cell(H24, "active.licensing.decisions") > 9000,
    "h8-054": lambda: cell(H24, "review.lawsuit_direct.corrected") == 0,
    "h8-055": lambda: cell(D, "active.procurement.amount") > cell(A, "active.procurement.amount"),
    "h8-056": lambda: cell(B, "active.penalty.decisions") == 23,
    "h8-057": lambda: cell(H24, "active.fees.amount") > cell(H23, "active.fees.amount"),
    "h8-058": lambda: cell(E, "active.procurement.projects") == 1,
    "h8-059": lambda: cell(A, "requests.withheld_third_party.total") == 0,
    "h8-060": lambda: cell(H24, "requests.new.total") > 100,
    # qualifier
    "h8-061": lambda: cell(H24, "review.lawsuit_after_review.total"),
    "h8-062": lambda: cell(H24, "review.reconsideration.corrected"),
    "h8-063": lambda: cell(H24, "requests.partial.total"),
    "h8-064": lambda: cell(H23, "requests.unavailable_not_held.total"),
    "h8-065": lambda: cell(D, "requests.withheld_third_party.total"),
    "h8-066": lambda: cell(B, "requests.carried_out.total"),
    "h8-067": lambda: cell(H24, "review.lawsuit_direct.upheld"),
    "h8-068": lambda: cell(H23, "requests.unavailable_needs_creation.total"),
    "h8-069": lambda: cell(H23, "requests.withheld_secret.total"),
    "h8-070": lambda: cell(H24, "review.lawsuit_after_review.other"),
    # multiturn (the final turn's answer)
    "h8-071": lambda: cell(H24, "active.penalty.decisions"),
    "h8-072": lambda: cell(A, "active.procurement.projects"),
    "h8-073": lambda: at(vals("active.procurement.amount", PROC()), 3),
    "h8-074": lambda: cell(D, "active.procurement.amount") + cell(B, "active.procurement.amount"),
    "h8-075": lambda: cell(H24, "requests.new.total") - cell(H23, "requests.new.total"),
    "h8-076": lambda: at(vals("active.procurement.projects", PROJ()), 1, desc=False),
    "h8-077": lambda: [cell(E, "active.procurement.projects"), cell(E, "active.procurement.amount"),
                       cell(E, "active.penalty.decisions")],
    "h8-078": lambda: (lambda v: v[A] if at(v, 1) == agency(C) else v[C])(vals("active.procurement.amount", [A, C])),
    "h8-079": lambda: cell(H23, "active.licensing.decisions"),
    "h8-080": lambda: cell(D, "active.procurement.projects") - cell(C, "active.procurement.projects"),
    # operation
    "h8-081": lambda: mean(vals("active.procurement.amount", PROC())),
    "h8-082": lambda: median(vals("active.procurement.projects", PROJ())),
    "h8-083": lambda: (lambda v: [agency(f) for f, x in v.items() if x > mean(v)])(vals("active.procurement.amount", PROC())),
    "h8-084": lambda: at(per_project(PROC()), 1),
    "h8-085": lambda: cell(C, "active.procurement.amount") / cell(C, "active.procurement.projects"),
    "h8-086": lambda: (lambda v: max(v.values()) - min(v.values()))(vals("active.procurement.amount", PROC())),
    "h8-087": lambda: median(vals("active.procurement.amount", PROC())),
    "h8-088": lambda: (lambda v: [agency(f) for f, x in v.items() if x < mean(v)])(vals("active.procurement.amount", PROC())),
    "h8-089": lambda: top(per_project(PROC()), 3),
    "h8-090": lambda: (lambda v: (at(v, 1, desc=False), min(v.values()))[1])(vals("requests.new.total", ALL())),
    # narrative
    "h8-091": lambda: narr(C, "全年累计发布政府信息1459条"),
    "h8-092": lambda: narr(A, "本年度共发布各类信息 142 条"),
    "h8-093": lambda: narr(D, "全年主动公开政府信息7条"),
    "h8-094": lambda: narr(C, "罚款总额达到2.4万"),
    "h8-095": lambda: narr(H23, "主动公开政府信息1136条"),
    "h8-096": lambda: narr(C, "官方微博主动公开912条"),
    "h8-097": lambda: narr(H24, "主动发布各类政府信息2428条"),
    "h8-098": lambda: narr(C, "全年累计公开统计数据262条"),
    "h8-099": lambda: narr(H24, "公开政府常务会议7期"),
    "h8-100": lambda: narr(A, "“鼓楼统计” 75 条"),
    # passage
    "h8-101": lambda: passage(D, "五", "答复依申请公开处理水平有待提高"),
    "h8-102": lambda: passage(C, "五", "改进措施"),
    "h8-103": lambda: passage(B, "五", "两个方面的不足"),
    "h8-104": lambda: passage(E, "一", "四个结合"),
    "h8-105": lambda: passage(C, "一", "加强信息保密审查"),
    "h8-106": lambda: passage(A, "一", "新冠疫情"),
    "h8-107": lambda: passage(E, "五", "存在不足"),
    "h8-108": lambda: passage(A, "五", "改进情况"),
    "h8-109": lambda: passage(B, "一", "政府信息公开工作领导小组"),
    "h8-110": lambda: passage(D, "一", "定期组织开展专题培训"),
    # refusal
    "h8-111": lambda: no_report(agency_has="鹿城区统计局", year=2021),
    "h8-112": lambda: no_report(agency_has="浦东"),
    "h8-113": lambda: not_stated(H24, ["经费"], key_words=["fund", "budget", "cost"]),
    "h8-114": lambda: no_cell(H23, "active.licensing.prev_items"),
    "h8-115": lambda: no_cell(H24, "active.procurement.amount"),
    "h8-116": lambda: no_cell(C, "active.normative.repealed"),
    "h8-117": lambda: no_report(agency_has="二七区统计局", year=2021),
    "h8-118": lambda: no_cell(B, "active.fees.amount"),
    "h8-119": lambda: not_stated(D, ["培训"], key_words=["training"]),
    "h8-120": lambda: no_report(city="南京市", county="鼓楼区"),
}


# ---------------------------------------------------------------- checking
def same_number(a: float, b: float) -> bool:
    return abs(round(float(a), 2) - round(float(b), 2)) < 1e-9


def check_case(c: dict) -> str:
    """Return a one-line OK description or raise Mismatch."""
    USED.clear()
    ex = c["expect"]
    kind = ex["kind"]
    cat = c["tags"][0]
    cites = c.get("cite", [])
    got = SPECS[c["id"]]()

    if isinstance(got, tuple) and got[0] == "refuse":
        if kind != "unanswerable" or cat != "refusal":
            raise Mismatch(f"refusal spec but expect.kind {kind!r} / category {cat!r}")
        if cites:
            raise Mismatch(f"refusal cites {cites}")
        return "unanswerable: " + got[1]()
    if isinstance(got, tuple) and got[0] == "passage":
        _, f, sec, topic = got
        if kind != "passages" or ex["files"] != [f] or ex["sections"] != [sec]:
            raise Mismatch(f"expected passages {ex.get('files')}/{ex.get('sections')}, reference {f}/{sec}")
        if cites != [f]:
            raise Mismatch(f"passage case should cite [{f!r}], cites {cites}")
        return "passages: " + _check_passage(f, sec, topic)
    if isinstance(got, tuple) and got[0] == "narr":
        _, f, snippet = got
        v = _narr_value(f, snippet)
        if kind != "number" or not same_number(v, ex["value"]):
            raise Mismatch(f"narrative {snippet!r} = {v}, expect {ex.get('value')}")
        if cites != [f]:
            raise Mismatch(f"narrative case should cite [{f!r}], cites {cites}")
        if f not in ex.get("note", ""):
            raise Mismatch(f"note does not name {f}")
        return f"number {v} from narrative {snippet!r}"

    # table answers
    if kind == "number":
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            raise Mismatch(f"reference gives {got!r}, expect a number")
        if not same_number(got, ex["value"]):
            raise Mismatch(f"reference {round(got, 4)}, expect {ex['value']}")
        desc = f"number {round(got, 2)} {ex['unit']}"
    elif kind == "agency":
        if got != ex["value"]:
            raise Mismatch(f"reference {got!r}, expect {ex['value']!r}")
        desc = f"agency {got}"
    elif kind == "boolean":
        if not isinstance(got, bool) or got != ex["value"]:
            raise Mismatch(f"reference {got!r}, expect {ex['value']!r}")
        desc = f"boolean {got}"
    elif kind == "list":
        want = ex["values"]
        if ex.get("ordered"):
            ok = len(got) == len(want) and all(
                (same_number(a, b) if isinstance(a, (int, float)) and isinstance(b, (int, float)) else a == b)
                for a, b in zip(got, want))
        else:
            ok = sorted(map(str, got)) == sorted(map(str, want))
        if not ok:
            raise Mismatch(f"reference {got}, expect {want} (ordered={ex.get('ordered')})")
        desc = f"list {got}"
    else:
        raise Mismatch(f"table spec but expect.kind {kind!r}")

    used = set(USED)
    for ct in cites:
        if "#" not in ct:
            raise Mismatch(f"table case cites a bare file {ct!r}")
        f, key = ct.split("#", 1)
        if f not in GOLD:
            raise Mismatch(f"cite {ct}: no gold report {f}")
        fact = GOLD[f]["facts"].get(key)
        if fact is None or fact["state"] != "number":
            raise Mismatch(f"cite {ct}: not a number cell in the gold")
        if (f, key) not in used:
            raise Mismatch(f"cite {ct}: not a cell the answer uses")
    if not cites and not (kind == "number" and ex["value"] == 0):
        raise Mismatch("a table answer cites nothing")
    note = ex.get("note", "")
    missing = sorted({f for f, _ in USED if f not in note})
    if missing:
        raise Mismatch(f"note does not name the reports used: {missing}")
    return desc + f" (cells read: {len(USED)})"


def main() -> int:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    bad = 0
    problems: list[str] = []
    ids = [c["id"] for c in cases]
    if ids != [f"h8-{i:03d}" for i in range(1, 121)]:
        problems.append(f"ids are not h8-001..h8-120 in order ({len(ids)} cases)")
    if set(ids) != set(SPECS):
        problems.append(f"cases without a reference: {sorted(set(ids) - set(SPECS))}; "
                        f"references without a case: {sorted(set(SPECS) - set(ids))}")
    by_cat: dict[str, list[int]] = {}
    for c in cases:
        cat, lang = c["tags"][0], c["tags"][1]
        z = by_cat.setdefault(cat, [0, 0])
        z[0 if lang == "zh" else 1] += 1
        if lang not in ("zh", "en"):
            problems.append(f"{c['id']}: tags[1] {lang!r} is not zh/en")
        if cat not in CATEGORIES:
            problems.append(f"{c['id']}: unknown category {cat!r}")
        if (cat == "multiturn") != bool(c.get("turns")):
            problems.append(f"{c['id']}: turns only and always in multiturn cases")
    for cat in CATEGORIES:
        if by_cat.get(cat) != [6, 4]:
            problems.append(f"category {cat}: zh/en = {by_cat.get(cat)}, want [6, 4]")

    for c in cases:
        if c["id"] not in SPECS:
            continue
        try:
            desc = check_case(c)
            print(f"ok       {c['id']} {c['tags'][0]:<10} {desc}")
        except Mismatch as e:
            bad += 1
            print(f"MISMATCH {c['id']} {c['tags'][0]:<10} {e}")
        except Exception as e:  # a broken spec is a mismatch too
            bad += 1
            print(f"MISMATCH {c['id']} {c['tags'][0]:<10} {type(e).__name__}: {e}")
    for p in problems:
        print(f"MISMATCH set       {p}")
    total_bad = bad + len(problems)
    print(f"qa_holdout8 reference: {len(cases)} cases, {len(cases) - bad} ok, {bad} case mismatches, "
          f"{len(problems)} set problems -> {'PASS' if total_bad == 0 else 'FAIL'}")
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main())
