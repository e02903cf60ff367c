#!/usr/bin/env python3
"""Recompute every expected answer of qa_holdout9.jsonl from the gold fact files (stdlib only).

For each case this script
  * recomputes the answer from gold cells whose state is "number" (a blank, absent or unreadable
    cell makes the case fail: blank is never 0),
  * checks that `cite` is exactly the set of cells the computation used, and that every cited
    `file#table.row.col` exists in the gold with state "number",
  * refuses cells of a row the gold marks as breaking a balance rule (e.g. R4 "fail: reconsideration"),
  * checks ties at every asked position of a ranking,
  * for narrative cases, finds the gold `narrative_numbers` entry (by its printed text) and compares,
  * for passage cases, checks that each sample report listed really has each listed section
    (split by the canonical headings 一 … 六) and that the section mentions the topic,
  * for refusal cases, checks that the data really has no answer (no such report, no such cell,
    no such topic in the facts or the prose) and that nothing is cited.
One line per case, a summary line, exit status 1 on any mismatch.

    python3 eval/qa_holdout9_reference.py [path/to/cases.jsonl]
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES_DIR = ROOT / "data" / "samples"
CASES = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "qa_holdout9.jsonl"

# ------------------------------------------------------------------ gold
GOLD: dict[str, dict] = {}            # cite file name -> gold report
for p in sorted(GOLD_DIR.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    GOLD[Path(g["file"]).name] = g

F = {"A": "000_2133ae744f48d674.txt", "B": "001_19df74b8cb7281a4.txt", "C": "002_c42cd15df52a6935.txt",
     "D": "003_acfa5b9243423631.txt", "E": "004_5206fb2196a31c52.txt",
     "H3": "hongze-qu-gov-2023.pdf", "H4": "hongze-qu-gov-2024.pdf"}
# how each report must be named in expect.note
NOTE_NAME = {"A": "000", "B": "001", "C": "002", "D": "003", "E": "004", "H3": "hongze 2023", "H4": "hongze 2024"}


def report(a: str) -> dict:
    return GOLD[F[a]]


def select(pred) -> list[str]:
    """Aliases of the reports whose gold metadata satisfies pred."""
    return [a for a in F if pred(report(a))]


ALL = select(lambda g: True)
T2019 = select(lambda g: g["template"] == "2019")
BUREAUS = select(lambda g: g["agency"].endswith("统计局"))
Y2020 = select(lambda g: g["year"] == 2020)
FUJIAN = select(lambda g: g["province"] == "福建省")
ZHEJIANG = select(lambda g: g["province"] == "浙江省")
HONGZE = select(lambda g: g.get("county") == "洪泽区")
GULOU_FZ = select(lambda g: g.get("city") == "福州市" and g.get("county") == "鼓楼区")


def broken_rows(g: dict) -> set[str]:
    """table.row prefixes the gold marks as failing a balance rule (R4 names the review rows)."""
    out = set()
    for rule, verdict in g.get("checks", {}).items():
        if not str(verdict).startswith("fail"):
            continue
        if rule == "R4":
            for row in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
                if re.search(rf"\b{row}\s*:", verdict):
                    out.add(f"review.{row}")
        else:  # a failing R1-R3 would name requests cells; refuse the whole requests table to be safe
            out.add("requests.")
    return out


class Mismatch(Exception):
    pass


class Ctx:
    """Reads gold cells for one case and remembers which it used."""

    def __init__(self):
        self.used: list[str] = []

    def cell(self, a: str, key: str) -> float:
        g = report(a)
        fact = g["facts"].get(key)
        if fact is None:
            raise Mismatch(f"{F[a]}#{key}: no such cell in the gold")
        if fact["state"] != "number":
            raise Mismatch(f"{F[a]}#{key}: state {fact['state']!r}, not a number")
        for pre in broken_rows(g):
            if key.startswith(pre):
                raise Mismatch(f"{F[a]}#{key}: the gold marks this row as breaking a balance rule")
        cite = f"{F[a]}#{key}"
        if cite not in self.used:
            self.used.append(cite)
        return fact["value"]

    def values(self, aliases, key):
        return [(a, self.cell(a, key)) for a in aliases]


def agency(a: str) -> str:
    return report(a)["agency"]


def ranked(ctx: Ctx, aliases, key, desc=True):
    vals = ctx.values(aliases, key)
    return sorted(vals, key=lambda t: t[1], reverse=desc)


def at(order, pos: int) -> str:
    """Alias at 1-based position `pos`, refusing a tie with any other report."""
    a, v = order[pos - 1]
    tied = [b for b, w in order if b != a and w == v]
    if tied:
        raise Mismatch(f"tie at position {pos}: {a} and {tied} share {v}")
    return a


def top(order, n: int) -> list[str]:
    return [at(order, i) for i in range(1, n + 1)]


def r2(x: float) -> float:
    return round(x + 0.0, 2)


# ------------------------------------------------------------------ samples and sections
NUMS = "一二三四五六"
HEAD_KEYS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
             "五": ("问题", "改进", "整改"), "六": ("其他需要报告",)}
HEAD = re.compile(r"^[#*\s]*([一二三四五六])、(.*)$")


def sections(name: str) -> dict[str, str]:
    """Canonical section number -> its text, for a sample report (headings matched by meaning, in order;
    tab-indented lines are table rows such as '四、结转下年度继续办理', never headings)."""
    path = SAMPLES_DIR / name
    if not path.exists():
        raise Mismatch(f"{name}: no such sample report")
    out: dict[str, list[str]] = {}
    cur, nxt = None, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        m = HEAD.match(line)
        if m and not line.startswith("\t"):
            n = m.group(1)
            if NUMS.index(n) >= nxt and any(k in m.group(2) for k in HEAD_KEYS[n]):
                cur, nxt = n, NUMS.index(n) + 1
                out[cur] = []
                continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


# ------------------------------------------------------------------ answer builders
def NUM(value, unit):
    return {"kind": "number", "value": value, "unit": unit}


def AG(a):
    return {"kind": "agency", "value": agency(a)}


def LIST(aliases, ordered):
    return {"kind": "list", "values": [agency(a) for a in aliases], "ordered": ordered}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


def pct(part, whole):
    return r2(part / whole * 100)


def narr(ctx: Ctx, a: str, text: str, unit: str):
    """The gold narrative figure whose printed text contains `text`; cites the bare file."""
    hits = [n for n in report(a).get("narrative_numbers", []) if text in n["text"]]
    if len(hits) != 1:
        raise Mismatch(f"{F[a]}: {len(hits)} narrative_numbers entries contain {text!r}")
    n = hits[0]
    gold_unit = {"%": "percent", "yuan": "yuan", None: "count"}.get(n.get("unit"))
    if gold_unit != unit:
        raise Mismatch(f"{F[a]}: narrative {text!r} has unit {n.get('unit')!r}, case says {unit!r}")
    ctx.used.append(F[a])
    return NUM(n["value"], unit)


def passage(ctx: Ctx, aliases, secs, topics):
    for a in aliases:
        if not F[a].endswith(".txt"):
            raise Mismatch(f"{F[a]}: not a sample report text")
        s = sections(F[a])
        for sec in secs:
            if sec not in s:
                raise Mismatch(f"{F[a]}: has no section {sec}")
            if not any(t in s[sec] for t in topics):
                raise Mismatch(f"{F[a]} section {sec}: none of {topics} found")
        ctx.used.append(F[a])
    return {"kind": "passages", "files": [F[a] for a in aliases], "sections": list(secs)}


def no_report(agency_words, year=None):
    """No gold report whose agency (or county) matches, for that year if one is given."""
    for g in GOLD.values():
        name = g["agency"] + (g.get("county") or "") + (g.get("city") or "")
        if any(w in name for w in agency_words) and (year is None or g["year"] == year):
            raise Mismatch(f"{g['file']} ({g['agency']} {g['year']}) would answer it")
    return {"kind": "unanswerable"}


def no_cell(a, key, narrative_words=()):
    fact = report(a)["facts"].get(key)
    if fact is not None and fact["state"] == "number":
        raise Mismatch(f"{F[a]}#{key} is a printed number")
    for n in report(a).get("narrative_numbers", []):
        if any(w in n["text"] for w in narrative_words):
            raise Mismatch(f"{F[a]}: narrative {n['text']!r} might answer it")
    return {"kind": "unanswerable"}


def no_topic(a, key_words, narrative_words):
    for key in report(a)["facts"]:
        if any(w in key for w in key_words):
            raise Mismatch(f"{F[a]}#{key} might answer it")
    for n in report(a).get("narrative_numbers", []):
        if any(w in n["text"] or w in n.get("what", "") for w in narrative_words):
            raise Mismatch(f"{F[a]}: narrative {n['text']!r} might answer it")
    return {"kind": "unanswerable"}


PROC = "active.procurement.amount"
PROJ = "active.procurement.projects"
PEN = "active.penalty.decisions"
PREV = "active.penalty.prev_items"
NEW = "requests.new.total"


def mean(xs):
    return sum(xs) / len(xs)


# ------------------------------------------------------------------ recipes, one per case
def recipes():
    R = {}

    def case(n):
        def deco(fn):
            R[f"h9-{n:03d}"] = fn
            return fn
        return deco

    # lookup
    case(1)(lambda c: NUM(c.cell("C", PROC), "yuan"))
    case(2)(lambda c: NUM(c.cell("E", "active.other_services.prev_items"), "count"))
    case(3)(lambda c: NUM(c.cell("H4", "active.coercion.decisions"), "count"))
    case(4)(lambda c: NUM(c.cell("D", PROJ), "count"))
    case(5)(lambda c: NUM(c.cell("H3", "active.fees.amount"), "yuan"))
    case(6)(lambda c: NUM(c.cell("B", PEN), "count"))
    case(7)(lambda c: NUM(c.cell("A", PROC), "yuan"))
    case(8)(lambda c: NUM(c.cell("H4", "active.normative.in_force"), "count"))
    case(9)(lambda c: NUM(c.cell("E", PROJ), "count"))
    case(10)(lambda c: NUM(c.cell("H3", "active.licensing.decisions"), "count"))
    # rank
    case(11)(lambda c: AG(at(ranked(c, T2019, PROC), 1)))
    case(12)(lambda c: AG(at(ranked(c, T2019, PROJ), 2)))
    case(13)(lambda c: AG(at(ranked(c, T2019, PROC), 3)))
    case(14)(lambda c: AG(at(ranked(c, T2019, PREV, desc=False), 1)))
    case(15)(lambda c: AG(at(ranked(c, ALL, NEW), 1)))
    case(16)(lambda c: AG(at(ranked(c, BUREAUS, PROC, desc=False), 1)))
    case(17)(lambda c: AG(at(ranked(c, BUREAUS, PEN), 2)))
    case(18)(lambda c: LIST(top(ranked(c, Y2020, PROC), 4), True))
    case(19)(lambda c: AG(at(ranked(c, T2019, PROJ), 1)))
    case(20)(lambda c: AG(at(ranked(c, T2019, PREV), 3)))
    # count
    case(21)(lambda c: NUM(sum(v > 100000 for _, v in c.values(T2019, PROC)), "count"))
    case(22)(lambda c: NUM(sum(v == 0 for _, v in c.values(Y2020, NEW)), "count"))
    case(23)(lambda c: NUM(sum(v != 0 for _, v in c.values(ALL, PEN)), "count"))
    case(24)(lambda c: NUM(sum(v > 5 for _, v in c.values(BUREAUS, PROJ)), "count"))
    case(25)(lambda c: NUM(sum(v > 0 for _, v in c.values(ALL, "requests.partial.total")), "count"))
    case(26)(lambda c: NUM(sum(v > 5 for _, v in c.values(T2019, PREV)), "count"))
    case(27)(lambda c: NUM(sum(v > 0 for _, v in c.values(ALL, "active.coercion.decisions")), "count"))
    case(28)(lambda c: NUM(sum(v > 0 for _, v in c.values(ALL, "requests.withheld_third_party.total")), "count"))
    case(29)(lambda c: NUM(sum(v > 0 for _, v in c.values(ALL, "requests.granted.total")), "count"))
    case(30)(lambda c: NUM(sum(v < 100000 for _, v in c.values(T2019, PROC)), "count"))
    # group
    case(31)(lambda c: NUM(r2(sum(v for _, v in c.values([a for a in FUJIAN if a in Y2020], PROC))), "yuan"))
    case(32)(lambda c: NUM(r2(sum(v for _, v in c.values([a for a in ZHEJIANG if a in BUREAUS], PROC))), "yuan"))
    case(33)(lambda c: NUM(sum(v for _, v in c.values(BUREAUS, NEW)), "count"))
    case(34)(lambda c: NUM(sum(v for _, v in c.values(HONGZE, "active.licensing.decisions")), "count"))
    case(35)(lambda c: NUM(sum(v for _, v in c.values(Y2020, PROJ)), "count"))
    case(36)(lambda c: NUM(sum(v for _, v in c.values(GULOU_FZ, NEW)), "count"))
    case(37)(lambda c: NUM(r2(sum(v for _, v in c.values(BUREAUS, PROC))), "yuan"))
    case(38)(lambda c: NUM(sum(v for _, v in c.values(BUREAUS, PEN)), "count"))
    case(39)(lambda c: NUM(sum(v for _, v in c.values(ALL, NEW)), "count"))
    case(40)(lambda c: NUM(r2(sum(v for _, v in c.values(HONGZE, "active.fees.amount"))), "yuan"))
    # compare
    case(41)(lambda c: NUM(c.cell("H4", "active.licensing.decisions") - c.cell("H3", "active.licensing.decisions"), "count"))
    case(42)(lambda c: NUM(r2(c.cell("C", PROC) - c.cell("A", PROC)), "yuan"))
    case(43)(lambda c: NUM(pct(c.cell("H4", NEW) - c.cell("H3", NEW), c.cell("H3", NEW)), "percent"))
    case(44)(lambda c: NUM(c.cell("H3", PEN) - c.cell("H4", PEN), "count"))
    case(45)(lambda c: NUM(c.cell("B", PROJ) - c.cell("C", PROJ), "count"))
    case(46)(lambda c: AG(at(ranked(c, ["D", "A"], NEW), 1)))
    case(47)(lambda c: NUM(r2(c.cell("C", PROC) - c.cell("B", PROC)), "yuan"))
    case(48)(lambda c: NUM(r2(c.cell("H3", "active.fees.amount") - c.cell("H4", "active.fees.amount")), "yuan"))
    case(49)(lambda c: NUM(pct(c.cell("H3", "active.coercion.decisions") - c.cell("H4", "active.coercion.decisions"),
                               c.cell("H3", "active.coercion.decisions")), "percent"))
    case(50)(lambda c: AG(at(ranked(c, ["B", "C"], PEN), 1)))
    # yesno
    case(51)(lambda c: BOOL(c.cell("B", PROC) > c.cell("E", PROC)))
    case(52)(lambda c: BOOL(c.cell("H4", "active.fees.amount") > c.cell("H3", "active.fees.amount")))
    case(53)(lambda c: BOOL(c.cell("D", "requests.granted.total") > 0))
    case(54)(lambda c: BOOL(c.cell("C", "review.reconsideration.total") > 0))
    case(55)(lambda c: BOOL(c.cell("E", NEW) > 0))
    case(56)(lambda c: BOOL(c.cell("H4", "active.normative.in_force") > c.cell("H3", "active.normative.in_force")))
    case(57)(lambda c: BOOL(c.cell("H4", "review.lawsuit_direct.total") > 0))
    case(58)(lambda c: BOOL(c.cell("A", PROC) > 300000))
    case(59)(lambda c: BOOL(c.cell("B", "requests.carried_out.total") > 0))
    case(60)(lambda c: BOOL(c.cell("H3", "active.licensing.decisions") > c.cell("H3", PEN)))
    # qualifier
    case(61)(lambda c: NUM(c.cell("B", "requests.partial.total"), "count"))
    case(62)(lambda c: NUM(c.cell("H4", "requests.unavailable_not_held.total"), "count"))
    case(63)(lambda c: NUM(c.cell("H3", "requests.carried_out.total"), "count"))
    case(64)(lambda c: NUM(c.cell("H4", "review.lawsuit_after_review.total"), "count"))
    case(65)(lambda c: NUM(c.cell("C", "active.rules.public_total"), "count"))
    case(66)(lambda c: NUM(c.cell("H4", "requests.new.person"), "count"))
    case(67)(lambda c: NUM(c.cell("H3", "requests.unavailable_needs_creation.total"), "count"))
    case(68)(lambda c: NUM(c.cell("H4", "review.reconsideration.corrected"), "count"))
    case(69)(lambda c: NUM(pct(c.cell("H4", "requests.granted.total"), c.cell("H4", "requests.handled.total")), "percent"))
    case(70)(lambda c: NUM(c.cell("C", "active.rules.published"), "count"))
    # multiturn (final turn only)
    case(71)(lambda c: NUM(c.cell("B", PROJ), "count"))
    case(72)(lambda c: NUM(c.cell("H4", "active.licensing.decisions"), "count"))
    case(73)(lambda c: AG(at(ranked(c, T2019, PROC), 2)))
    case(74)(lambda c: NUM(c.cell("D", "requests.withheld_third_party.total"), "count"))
    case(75)(lambda c: NUM(r2(c.cell("C", PROC) + c.cell("B", PROC)), "yuan"))
    case(76)(lambda c: NUM(pct(c.cell("H4", "review.reconsideration.upheld"), c.cell("H4", "review.reconsideration.total")), "percent"))
    case(77)(lambda c: NUM(c.cell("H3", PEN) - c.cell("H4", PEN), "count"))
    case(78)(lambda c: NUM(r2(mean([v for _, v in c.values(T2019, PROC)])), "yuan"))
    case(79)(lambda c: NUM(r2(c.cell("C", PROC) / c.cell("C", PROJ)), "yuan"))
    case(80)(lambda c: NUM(c.cell("D", NEW), "count"))
    # operation
    case(81)(lambda c: NUM(statistics.median([v for _, v in c.values(T2019, PROC)]), "yuan"))
    case(82)(lambda c: NUM(r2(mean([v for _, v in c.values(BUREAUS, PROC)])), "yuan"))

    def _range(c):
        vs = [v for _, v in c.values(T2019, PROC)]
        return NUM(r2(max(vs) - min(vs)), "yuan")
    case(83)(_range)

    def _above(c):
        vals = c.values(T2019, PROC)
        m = mean([v for _, v in vals])
        if any(v == m for _, v in vals):
            raise Mismatch("a value equals the mean")
        return LIST([a for a, v in vals if v > m], False)
    case(84)(_above)
    case(85)(lambda c: LIST(top(ranked(c, BUREAUS, PEN), 3), True))

    def _per_project(c):
        amount = sum(v for _, v in c.values(T2019, PROC))
        projects = sum(v for _, v in c.values(T2019, PROJ))
        return NUM(r2(amount / projects), "yuan")
    case(86)(_per_project)
    case(87)(lambda c: NUM(statistics.median([v for _, v in c.values(ALL, NEW)]), "count"))
    case(88)(lambda c: NUM(r2(mean([v for _, v in c.values(Y2020, NEW)])), "count"))

    def _top3_projects(c):
        order = ranked(c, T2019, PROJ)
        names = top(order, 3)
        at(order, 4)  # the 3rd/4th boundary must not be a tie either
        return LIST(names, True)
    case(89)(_top3_projects)
    case(90)(lambda c: NUM(r2(c.cell("A", PROC) / c.cell("A", PROJ)), "yuan"))
    # narrative
    case(91)(lambda c: narr(c, "C", "微信公众号主动公开170条", "count"))
    case(92)(lambda c: narr(c, "C", "罚款总额达到2.4万", "yuan"))
    case(93)(lambda c: narr(c, "D", "其中业务公文6条", "count"))
    case(94)(lambda c: narr(c, "H4", "主动发布各类政府信息2428条", "count"))
    case(95)(lambda c: narr(c, "A", "“鼓楼统计” 75 条", "count"))
    case(96)(lambda c: narr(c, "H4", "区政府办代表区政府受理政府信息公开申请17件", "count"))
    case(97)(lambda c: narr(c, "C", "全年累计公开统计数据262条", "count"))
    case(98)(lambda c: narr(c, "H3", "主动公开政府信息1136条", "count"))
    case(99)(lambda c: narr(c, "C", "全年累计发布政府信息1459条", "count"))
    case(100)(lambda c: narr(c, "A", "答复及时率100%", "percent"))
    # passage
    case(101)(lambda c: passage(c, ["D"], ["五"], ["答复依申请公开处理水平有待提高", "细化重点领域信息公开内容"]))
    case(102)(lambda c: passage(c, ["B"], ["五"], ["加强学习，提高认识", "创新工作，提升实效"]))
    case(103)(lambda c: passage(c, ["C"], ["二"], ["普法宣传"]))
    case(104)(lambda c: passage(c, ["E"], ["五"], ["公开意识及内容需要进一步深化", "工作机制建设需要完善"]))
    case(105)(lambda c: passage(c, ["A"], ["一"], ["个人信息保护"]))
    case(106)(lambda c: passage(c, ["A", "C", "D"], ["一", "五"], ["培训", "授课"]))
    case(107)(lambda c: passage(c, ["C"], ["五"], ["信息公开范围单一"]))
    case(108)(lambda c: passage(c, ["E"], ["一"], ["四个结合"]))
    case(109)(lambda c: passage(c, ["D"], ["一"], ["保密审查"]))
    case(110)(lambda c: passage(c, ["B"], ["一"], ["强化组织保障"]))
    # refusal
    case(111)(lambda c: no_report(["西湖区"]))
    case(112)(lambda c: no_report(["鹿城区"], 2021))
    case(113)(lambda c: no_cell("H3", PROC, ["采购"]))
    case(114)(lambda c: no_cell("C", "active.fees.amount", ["收费"]))
    case(115)(lambda c: no_topic("E", ["staff", "personnel"], ["工作人员", "人员", "staff"]))
    case(116)(lambda c: no_report(["洪泽区"], 2022))
    case(117)(lambda c: no_report(["鹿城区"], 2023))
    case(118)(lambda c: no_cell("H4", PROC, ["采购"]))
    case(119)(lambda c: no_report(["浦东", "上海"]))
    case(120)(lambda c: no_topic("D", ["budget", "expend"], ["预算", "经费", "budget"]))
    return R


# ------------------------------------------------------------------ comparison
def same_number(a, b) -> bool:
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def compare(case: dict, want: dict) -> None:
    got = case["expect"]
    if got["kind"] != want["kind"]:
        raise Mismatch(f"kind {got['kind']!r}, reference {want['kind']!r}")
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            raise Mismatch(f"unit {got.get('unit')!r}, reference {want['unit']!r}")
        if not same_number(got["value"], want["value"]):
            raise Mismatch(f"value {got['value']}, reference {want['value']}")
    elif k in ("agency", "boolean"):
        if got["value"] != want["value"]:
            raise Mismatch(f"value {got['value']!r}, reference {want['value']!r}")
    elif k == "list":
        if bool(got.get("ordered", False)) != want["ordered"]:
            raise Mismatch(f"ordered {got.get('ordered')!r}, reference {want['ordered']!r}")
        a, b = list(got["values"]), list(want["values"])
        if (a != b) if want["ordered"] else (sorted(map(str, a)) != sorted(map(str, b))):
            raise Mismatch(f"values {a}, reference {b}")
    elif k == "passages":
        if got["files"] != want["files"] or got["sections"] != want["sections"]:
            raise Mismatch(f"files/sections {got['files']}/{got['sections']}, reference {want['files']}/{want['sections']}")


def check_cites(case: dict, used: list[str]) -> None:
    cite = case.get("cite", [])
    if len(set(cite)) != len(cite):
        raise Mismatch("duplicate citation")
    for c in cite:
        file, _, key = c.partition("#")
        if file not in GOLD:
            raise Mismatch(f"cited file {file!r} is not a gold report")
        if key:
            fact = GOLD[file]["facts"].get(key)
            if fact is None or fact["state"] != "number":
                raise Mismatch(f"cited cell {c} is not a printed number in the gold")
    if set(cite) != set(used):
        missing, extra = sorted(set(used) - set(cite)), sorted(set(cite) - set(used))
        raise Mismatch(f"cite differs from cells used: missing {missing}, extra {extra}")


def check_note(case: dict, used: list[str]) -> None:
    kind = case["expect"]["kind"]
    note = case["expect"].get("note", "")
    if not note.strip():
        raise Mismatch("expect.note is empty")
    if kind == "unanswerable":
        return
    for a, name in F.items():
        if any(u == name or u.startswith(name + "#") for u in used) and NOTE_NAME[a] not in note:
            raise Mismatch(f"expect.note does not name report {NOTE_NAME[a]}")
    if kind == "number" and case["expect"]["unit"] == "percent" and "percent" not in note:
        raise Mismatch("percent case: the note must say the value is in percent points")


def main() -> int:
    R = recipes()
    lines = [l for l in CASES.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    failed = 0
    ok = 0
    seen = set()
    by_cat: dict[str, dict[str, int]] = {}
    for i, case in enumerate(cases, 1):
        cid = case.get("id")
        cat, lang = (case.get("tags") or ["?", "?"])[:2]
        by_cat.setdefault(cat, {}).setdefault(lang, 0)
        by_cat[cat][lang] += 1
        try:
            if cid != f"h9-{i:03d}" or cid in seen:
                raise Mismatch(f"id {cid!r} out of sequence or repeated")
            seen.add(cid)
            if cid not in R:
                raise Mismatch("no reference recipe")
            if lang not in ("zh", "en"):
                raise Mismatch(f"tags[1] {lang!r} is not zh/en")
            if (cat == "multiturn") != bool(case.get("turns")):
                raise Mismatch("multiturn cases (and only they) carry turns")
            ctx = Ctx()
            want = R[cid](ctx)
            if want["kind"] == "unanswerable" and case.get("cite"):
                raise Mismatch("a refusal case cites something")
            compare(case, want)
            check_cites(case, ctx.used)
            check_note(case, ctx.used)
            shown = want.get("value", want.get("values", want.get("files", "")))
            ok += 1
            print(f"ok    {cid} {cat:<9} {lang} {want['kind']:<12} {shown}")
        except Mismatch as e:
            failed += 1
            print(f"FAIL  {cid} {cat:<9} {lang} {e}")
        except Exception as e:  # a broken case must not stop the run
            failed += 1
            print(f"FAIL  {cid} {cat:<9} {lang} {type(e).__name__}: {e}")
    for cat, langs in sorted(by_cat.items()):
        if sum(langs.values()) != 10:
            failed += 1
            print(f"FAIL  category {cat}: {sum(langs.values())} cases, expected 10")
    if len(cases) != 120:
        failed += 1
        print(f"FAIL  {len(cases)} cases, expected 120")
    zh = sum(l.get("zh", 0) for l in by_cat.values())
    en = sum(l.get("en", 0) for l in by_cat.values())
    print(f"summary: {len(cases)} cases ({zh} zh / {en} en, {len(by_cat)} categories), "
          f"{ok} ok, {failed} mismatched")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
