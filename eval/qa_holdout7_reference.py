#!/usr/bin/env python3
"""Reference answers for qa_holdout7.jsonl, recomputed from the gold fact files (stdlib only).

    python3 eval/qa_holdout7_reference.py [CASES.jsonl]

For every case this script derives the expected answer on its own from
tests/fixtures/gold/*.json (cells with state "number" only) and compares it with the case's `expect`:

- table cases: the value / agency / list / boolean is recomputed; every `file#table.row.col` citation must
  exist in the gold with state number, and the cited cells must be exactly the cells the derivation read;
  rankings and lists fail on a tie at an asked position;
- narrative cases: the value must match a gold `narrative_numbers` entry (one with no table cell) of the
  cited report;
- passage cases: the cited sample report must have the expected section (一 … 六, found by its heading)
  and the topic words must occur inside that section;
- refusal cases: cite nothing, and the data really has nothing (no such agency / year / province, no such
  cell in that report's template, no such figure in the report text).

Prints one line per case and a summary line; exits 1 on any mismatch.
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
DEFAULT_CASES = ROOT / "eval" / "qa_holdout7.jsonl"

A = "000_2133ae744f48d674.txt"   # 福州市鼓楼区统计局 2020 (2019 template)
B = "001_19df74b8cb7281a4.txt"   # 温州市鹿城区统计局 2020 (2019 template)
C = "002_c42cd15df52a6935.txt"   # 鄞州区统计局 2019 (2019 template)
D = "003_acfa5b9243423631.txt"   # 福州市鼓楼区温泉街道办事处 2020 (2019 template)
E = "004_5206fb2196a31c52.txt"   # 郑州市二七区统计局 2020 (2019 template)
H3 = "hongze-qu-gov-2023.pdf"    # 淮安市洪泽区人民政府 2023 (2021 template)
H4 = "hongze-qu-gov-2024.pdf"    # 淮安市洪泽区人民政府 2024 (2021 template)

PA, PP = "active.procurement.amount", "active.procurement.projects"
PD, PPI = "active.penalty.decisions", "active.penalty.prev_items"
NT = "requests.new.total"

CATEGORIES = ("lookup", "rank", "count", "group", "compare", "yesno", "qualifier", "multiturn",
              "operation", "narrative", "passage", "refusal")


class Mismatch(Exception):
    pass


def load_gold() -> dict[str, dict]:
    gold = {}
    for p in sorted(GOLD_DIR.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        gold[Path(d["file"]).name] = d          # cite name: '000_….txt' or 'hongze-qu-gov-2023.pdf'
    return gold


GOLD = load_gold()


# ---------------------------------------------------------------- report selections, from the gold metadata

def reports(pred) -> list[str]:
    return [f for f, d in GOLD.items() if pred(d)]


def has_number(key):
    return lambda d: d["facts"].get(key, {}).get("state") == "number"


def is_bureau(d):
    return d["agency"].endswith("统计局")


# ---------------------------------------------------------------- answer shapes

class Num:
    def __init__(self, value, unit="count"):
        self.value, self.unit = value, unit


class Ag:
    def __init__(self, name):
        self.name = name


class Lst:
    def __init__(self, values, ordered):
        self.values, self.ordered = values, ordered


class Bool:
    def __init__(self, value):
        self.value = value


class Narr:
    def __init__(self, file, snippet, unit="count"):
        self.file, self.snippet, self.unit = file, snippet, unit


class Pas:
    def __init__(self, file, section, words):
        self.file, self.section, self.words = file, section, words


class Ref:
    def __init__(self, *checks):
        self.checks = checks


# ---------------------------------------------------------------- cell access (records what was read)

class Ctx:
    def __init__(self):
        self.used: list[str] = []

    def v(self, f: str, key: str) -> float:
        if f not in GOLD:
            raise Mismatch(f"no gold report {f}")
        fact = GOLD[f]["facts"].get(key)
        if fact is None:
            raise Mismatch(f"{f}#{key} does not exist in the gold")
        if fact["state"] != "number":
            raise Mismatch(f"{f}#{key} has state {fact['state']!r}, not number")
        cite = f"{f}#{key}"
        if cite not in self.used:
            self.used.append(cite)
        return fact["value"]

    def per_project(self, f: str) -> float:
        return self.v(f, PA) / self.v(f, PP)


def agency(f: str) -> str:
    return GOLD[f]["agency"]


def ranked(c: Ctx, files, key=None, fn=None, desc=True):
    items = [(f, fn(f) if fn else c.v(f, key)) for f in files]
    return sorted(items, key=lambda x: x[1], reverse=desc)


def at(items, pos: int) -> str:
    """Agency at 0-based position `pos` (negative counts from the end); fails on a tie there."""
    f, val = items[pos]
    if sum(1 for _, x in items if x == val) > 1:
        raise Mismatch(f"tie at asked position {pos}: value {val}")
    return agency(f)


def top(items, n: int) -> list[str]:
    names = [at(items, i) for i in range(n)]
    if len(items) > n and items[n][1] == items[n - 1][1]:
        raise Mismatch(f"tie at the top-{n} boundary")
    if len(set(names)) != len(names):
        raise Mismatch("the same agency twice in a list answer")
    return names


def select(items, pred) -> list[str]:
    names = [agency(f) for f, x in items if pred(x)]
    if len(set(names)) != len(names):
        raise Mismatch("the same agency twice in a list answer")
    return names


def count(c: Ctx, files, key, pred) -> int:
    return sum(1 for f in files if pred(c.v(f, key)))


def pct(a, b) -> float:
    return a / b * 100


# ---------------------------------------------------------------- report texts (passages, refusals)

TITLES = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
HEADING = re.compile(r"^[\s#*]*([一二三四五六])\s*[、.．]\s*(.*)$")


def sample_text(f: str) -> str:
    p = SAMPLES / f
    if not p.exists():
        raise Mismatch(f"{f} is not a sample report text")
    return p.read_text(encoding="utf-8")


def sections(f: str) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    cur = None
    for line in sample_text(f).splitlines():
        m = HEADING.match(line)
        if m and TITLES[m.group(1)] in m.group(2):
            cur = m.group(1)
            out.setdefault(cur, [])
            continue
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def check_refusal(check) -> None:
    kind = check[0]
    if kind == "no_report":                      # ("no_report", agency substring, year or None)
        _, name, year = check
        hits = [f for f, d in GOLD.items()
                if (name in d["agency"] or any(name in v.get("text", "") for v in d.get("agency_variants", [])))
                and (year is None or d["year"] == year)]
        if hits:
            raise Mismatch(f"a report of {name} {year or ''} exists: {hits}")
    elif kind == "has_report":                   # the agency exists, so the refusal is about the year
        _, name = check
        if not any(name in d["agency"] for d in GOLD.values()):
            raise Mismatch(f"expected some report of {name}")
    elif kind == "no_province":
        _, prov = check
        hits = [f for f, d in GOLD.items() if d.get("province") == prov]
        if hits:
            raise Mismatch(f"reports from {prov} exist: {hits}")
    elif kind == "no_cell":                      # ("no_cell", file, key): not in that report's template
        _, f, key = check
        fact = GOLD[f]["facts"].get(key)
        if fact is not None and fact["state"] != "absent":
            raise Mismatch(f"{f}#{key} exists with state {fact['state']}")
        table = key.split(".")[0]
        if not any(k.startswith(table + ".") for k in GOLD[f]["facts"]):
            raise Mismatch(f"{f} has no {table} table at all (check the key)")
    elif kind == "template":                     # ("template", file, '2019'|'2021')
        _, f, t = check
        if GOLD[f]["template"] != t:
            raise Mismatch(f"{f} template is {GOLD[f]['template']}, not {t}")
    elif kind == "text_lacks":                   # ("text_lacks", file, regex): neither text nor narrative
        _, f, rx = check
        if f in [p.name for p in SAMPLES.glob("*.txt")]:
            m = re.search(rx, sample_text(f))
            if m:
                raise Mismatch(f"{f} text has {m.group(0)!r}")
        for n in GOLD[f].get("narrative_numbers", []):
            if re.search(rx, n.get("text", "") + " " + n.get("what", "")):
                raise Mismatch(f"{f} narrative_numbers has {n['text']!r}")
    elif kind == "text_has":                     # sanity: the topic word really is where the note says
        _, f, rx = check
        if not re.search(rx, sample_text(f)):
            raise Mismatch(f"{f} text lacks {rx!r}")
    else:
        raise Mismatch(f"unknown refusal check {kind}")


# ---------------------------------------------------------------- the derivations, one per case

FIVE = reports(has_number(PA))                                     # the 2019-template reports (procurement)
ALL = list(GOLD)
BUREAUS = reports(is_bureau)
Y2020 = reports(lambda d: d["year"] == 2020)
FUJIAN_2020 = reports(lambda d: d["province"] == "福建省" and d["year"] == 2020)
ZHEJIANG_BUREAUS = reports(lambda d: d["province"] == "浙江省" and is_bureau(d))
JIANGSU = reports(lambda d: d["province"] == "江苏省")
HENAN = reports(lambda d: d["province"] == "河南省")
FUZHOU_2020 = reports(lambda d: d["city"] == "福州市" and d["year"] == 2020)
BUREAUS_2020 = [f for f in BUREAUS if GOLD[f]["year"] == 2020]
FEE_REPORTS = reports(has_number("active.fees.amount"))
PREV_ITEMS = reports(has_number(PPI))

S = {
    # lookup
    "h7-001": lambda c: Num(c.v(B, PA), "yuan"),
    "h7-002": lambda c: Num(c.v(E, PPI)),
    "h7-003": lambda c: Num(c.v(H4, "active.normative.in_force")),
    "h7-004": lambda c: Num(c.v(H3, PD)),
    "h7-005": lambda c: Num(c.v(C, "active.rules.published")),
    "h7-006": lambda c: Num(c.v(D, NT)),
    "h7-007": lambda c: Num(c.v(A, NT)),
    "h7-008": lambda c: Num(c.v(H4, "active.fees.amount"), "yuan"),
    "h7-009": lambda c: Num(c.v(C, "active.rules.public_total")),
    "h7-010": lambda c: Num(c.v(E, PA), "yuan"),
    # rank
    "h7-011": lambda c: Ag(at(ranked(c, FIVE, PP), 0)),
    "h7-012": lambda c: Ag(at(ranked(c, FIVE, PA), 1)),
    "h7-013": lambda c: Ag(at(ranked(c, Y2020, PD), 1)),
    "h7-014": lambda c: Ag(at(ranked(c, PREV_ITEMS, PPI, desc=False), 1)),
    "h7-015": lambda c: Ag(at(ranked(c, Y2020, NT), -1)),
    "h7-016": lambda c: Lst(top(ranked(c, FIVE, PA), 3), True),
    "h7-017": lambda c: Ag(at(ranked(c, Y2020, NT), 0)),
    "h7-018": lambda c: Ag(at(ranked(c, [f for f in BUREAUS if f in FIVE], PA), 2)),
    "h7-019": lambda c: Ag(at(ranked(c, FIVE, PP), -1)),
    "h7-020": lambda c: Lst(top(ranked(c, PREV_ITEMS, PPI), 3), True),
    # count
    "h7-021": lambda c: Num(count(c, FIVE, PA, lambda x: x > 100_000)),
    "h7-022": lambda c: Num(count(c, FIVE, PA, lambda x: x < 80_000)),
    "h7-023": lambda c: Num(count(c, FIVE, PA, lambda x: 50_000 <= x <= 200_000)),
    "h7-024": lambda c: Num(count(c, FIVE, PA, lambda x: x > 350_000)),
    "h7-025": lambda c: Num(count(c, ALL, NT, lambda x: x == 0)),
    "h7-026": lambda c: Num(count(c, ALL, PD, lambda x: x != 0)),
    "h7-027": lambda c: Num(count(c, FIVE, PA, lambda x: x > 300_000)),
    "h7-028": lambda c: Num(count(c, FIVE, PA, lambda x: x > 1_000_000)),
    "h7-029": lambda c: Num(count(c, FIVE, PA, lambda x: x > 70_000)),
    "h7-030": lambda c: Num(count(c, FEE_REPORTS, "active.fees.amount", lambda x: x > 76_000_000)),
    # group
    "h7-031": lambda c: Num(sum(c.v(f, NT) for f in BUREAUS_2020)),
    "h7-032": lambda c: Num(sum(c.v(f, PA) for f in BUREAUS), "yuan"),
    "h7-033": lambda c: Num(sum(c.v(f, "requests.handled.total")
                                for f in reports(lambda d: d["agency_kind"] == "street_office"
                                                 if "agency_kind" in d else False))),
    "h7-034": lambda c: Num(sum(c.v(f, PD) for f in reports(lambda d: d["agency"] == "淮安市洪泽区人民政府"))),
    "h7-035": lambda c: Num(sum(c.v(f, PP) for f in FUJIAN_2020)),
    "h7-036": lambda c: Num(sum(c.v(f, PD) for f in ZHEJIANG_BUREAUS)),
    "h7-037": lambda c: Num(sum(c.v(f, NT) for f in JIANGSU)),
    "h7-038": lambda c: Num(sum(c.v(f, PA) for f in HENAN), "yuan"),
    "h7-039": lambda c: Num(sum(c.v(f, PA) for f in FUZHOU_2020), "yuan"),
    "h7-040": lambda c: Num(sum(c.v(f, PPI) for f in BUREAUS)),
    # compare
    "h7-041": lambda c: Num(c.v(A, PA) - c.v(B, PA), "yuan"),
    "h7-042": lambda c: Ag(agency(B) if c.v(B, PD) > c.v(C, PD) else agency(C)),
    "h7-043": lambda c: Num(pct(c.v(C, PA), c.v(A, PA)), "percent"),
    "h7-044": lambda c: Num(pct(c.v(H4, NT) - c.v(H3, NT), c.v(H3, NT)), "percent"),
    "h7-045": lambda c: Num(c.v(H4, "active.licensing.decisions") - c.v(H3, "active.licensing.decisions")),
    "h7-046": lambda c: Num(c.v(H3, "active.fees.amount") - c.v(H4, "active.fees.amount"), "yuan"),
    "h7-047": lambda c: Ag(agency(D) if c.v(D, NT) > c.v(C, NT) else agency(C)),
    "h7-048": lambda c: Num(pct(c.v(H4, PD) - c.v(H3, PD), c.v(H3, PD)), "percent"),
    "h7-049": lambda c: Num(c.v(A, PP) - c.v(E, PP)),
    "h7-050": lambda c: Num(pct(c.v(H4, "active.coercion.decisions"), c.v(H3, "active.coercion.decisions")), "percent"),
    # yesno
    "h7-051": lambda c: Bool(c.v(H3, "active.coercion.decisions") == 195),
    "h7-052": lambda c: Bool(c.v(C, PA) > 500_000),
    "h7-053": lambda c: Bool(c.v(B, PD) > 20),
    "h7-054": lambda c: Bool(c.v(E, NT) == 0),
    "h7-055": lambda c: Bool(c.v(D, "requests.granted.total") >= 2),
    "h7-056": lambda c: Bool(c.v(H4, "requests.partial.total") > c.v(H3, "requests.partial.total")),
    "h7-057": lambda c: Bool(c.v(H4, "active.fees.amount") < c.v(H3, "active.fees.amount")),
    "h7-058": lambda c: Bool(c.v(A, PA) < 300_000),
    "h7-059": lambda c: Bool(c.v(B, PP) > c.v(D, PP)),
    "h7-060": lambda c: Bool(c.v(B, NT) > c.v(C, NT)),
    # qualifier
    "h7-061": lambda c: Num(c.v(H4, "requests.partial.total")),
    "h7-062": lambda c: Num(c.v(H3, "requests.unavailable_not_held.total")),
    "h7-063": lambda c: Num(c.v(B, "requests.carried_out.total")),
    "h7-064": lambda c: Num(c.v(H4, "review.lawsuit_after_review.total")),
    "h7-065": lambda c: Num(c.v(H4, "review.reconsideration.corrected")),
    "h7-066": lambda c: Num(c.v(A, "requests.withheld_third_party.total")),
    "h7-067": lambda c: Num(c.v(H4, "requests.withheld_enforcement.total")),
    "h7-068": lambda c: Num(c.v(H4, "review.lawsuit_direct.total")),
    "h7-069": lambda c: Num(c.v(H3, "requests.unavailable_needs_creation.total")),
    "h7-070": lambda c: Num(c.v(H3, "active.fees.amount"), "yuan"),
    # multiturn (the last question, read with its turns)
    "h7-071": lambda c: Num(c.v(H4, NT)),
    "h7-072": lambda c: Num(c.v(A, PA), "yuan"),
    "h7-073": lambda c: Ag(at(ranked(c, FIVE, PP), 2)),
    "h7-074": lambda c: Num(c.v(H3, PD) - c.v(H4, PD)),
    "h7-075": lambda c: Ag(at(ranked(c, [f for f in BUREAUS if f in PREV_ITEMS], PPI), -1)),
    "h7-076": lambda c: Num(c.v(E, PA), "yuan"),
    "h7-077": lambda c: Num(c.v(H3, "active.licensing.decisions")),
    "h7-078": lambda c: Num(c.v(C, PA) + c.v(B, PA), "yuan"),
    "h7-079": lambda c: Ag(at(ranked(c, FIVE, fn=c.per_project), -1)),
    "h7-080": lambda c: Num(c.v(C, PD)),
    # operation
    "h7-081": lambda c: Num(statistics.mean(c.v(f, PA) for f in FIVE), "yuan"),
    "h7-082": lambda c: Num(statistics.median(c.v(f, PP) for f in FIVE)),
    "h7-083": lambda c: Lst(select(ranked(c, FIVE, PA), lambda x: x > statistics.mean(c.v(f, PA) for f in FIVE)), False),
    "h7-084": lambda c: Lst(select(ranked(c, FIVE, PP), lambda x: x < statistics.mean(c.v(f, PP) for f in FIVE)), False),
    "h7-085": lambda c: Num(max(c.v(f, PA) for f in FIVE) - min(c.v(f, PA) for f in FIVE), "yuan"),
    "h7-086": lambda c: Num(c.per_project(C), "yuan"),
    "h7-087": lambda c: Num(min(c.v(f, NT) for f in ALL)),
    "h7-088": lambda c: Lst(top(ranked(c, FIVE, fn=c.per_project), 3), True),
    "h7-089": lambda c: Num(statistics.mean(c.v(f, NT) for f in ALL)),
    "h7-090": lambda c: Num(statistics.median(c.v(f, PD) for f in ALL)),
    # narrative (gold narrative_numbers, figures with no table cell)
    "h7-091": lambda c: Narr(C, "全年累计发布政府信息1459条"),
    "h7-092": lambda c: Narr(C, "官方微博主动公开912条"),
    "h7-093": lambda c: Narr(A, "本年度共发布各类信息 142 条"),
    "h7-094": lambda c: Narr(D, "其中业务公文6条"),
    "h7-095": lambda c: Narr(H4, "主动发布各类政府信息2428条"),
    "h7-096": lambda c: Narr(C, "罚款总额达到2.4万", "yuan"),
    "h7-097": lambda c: Narr(H3, "主动公开政府信息1136条"),
    "h7-098": lambda c: Narr(C, "全年累计公开统计数据262条"),
    "h7-099": lambda c: Narr(H4, "公开政府常务会议7期"),
    "h7-100": lambda c: Narr(A, "“统计分析” 11 条"),
    # passage (sample report, canonical section, topic words inside it)
    "h7-101": lambda c: Pas(B, "五", ["不足", "审核机制"]),
    "h7-102": lambda c: Pas(C, "五", ["改进措施"]),
    "h7-103": lambda c: Pas(D, "五", ["有待提高", "细化重点领域"]),
    "h7-104": lambda c: Pas(E, "五", ["下一步", "规范公开内容"]),
    "h7-105": lambda c: Pas(A, "五", ["广度和深度"]),
    "h7-106": lambda c: Pas(C, "一", ["保密审查"]),
    "h7-107": lambda c: Pas(D, "一", ["个人信息保护", "疫情"]),
    "h7-108": lambda c: Pas(E, "一", ["领导小组"]),
    "h7-109": lambda c: Pas(B, "一", ["统计开放日"]),
    "h7-110": lambda c: Pas(A, "一", ["个人信息保护", "培训"]),
    # refusal
    "h7-111": lambda c: Ref(("no_province", "广东省"), ("no_report", "天河", None)),
    "h7-112": lambda c: Ref(("has_report", "鹿城区统计局"), ("no_report", "鹿城", 2021)),
    "h7-113": lambda c: Ref(("text_lacks", C, r"访问量|浏览量|点击量|访问人次")),
    "h7-114": lambda c: Ref(("template", H4, "2021"), ("no_cell", H4, PA)),
    "h7-115": lambda c: Ref(("template", A, "2019"), ("no_cell", A, "active.normative.repealed")),
    "h7-116": lambda c: Ref(("text_has", D, "培训"), ("text_lacks", D, r"[0-9０-９一二三四五六七八九十两多]+\s*(次|场|期)[^。]{0,10}培训|培训[^。]{0,10}[0-9０-９]+\s*(次|场|期|人)")),
    "h7-117": lambda c: Ref(("no_report", "西湖", None)),
    "h7-118": lambda c: Ref(("has_report", "洪泽区"), ("no_report", "洪泽", 2022)),
    "h7-119": lambda c: Ref(("template", H3, "2021"), ("no_cell", H3, "active.licensing.prev_items")),
    "h7-120": lambda c: Ref(("text_has", C, "微信公众号"), ("text_lacks", C, r"粉丝|订阅|关注(人数|用户|量)")),
}


# ---------------------------------------------------------------- checking

def same_number(a: float, b: float) -> bool:
    return abs(round(a, 2) - round(b, 2)) < 0.006


def check_case(case: dict) -> str:
    cid, exp, cite = case["id"], case["expect"], case.get("cite", [])
    if cid not in S:
        raise Mismatch("no derivation for this id")
    ctx = Ctx()
    got = S[cid](ctx)
    kind = exp["kind"]

    if isinstance(got, (Num, Ag, Lst, Bool)):
        for ci in cite:
            if "#" not in ci:
                raise Mismatch(f"table case cites a bare file {ci}")
        if sorted(set(cite)) != sorted(ctx.used) or len(cite) != len(set(cite)):
            raise Mismatch(f"cite {sorted(cite)} != cells read {sorted(ctx.used)}")
    if isinstance(got, Num):
        if kind != "number" or exp.get("unit") != got.unit:
            raise Mismatch(f"expected number/{got.unit}, case has {kind}/{exp.get('unit')}")
        if not same_number(got.value, exp["value"]):
            raise Mismatch(f"value {exp['value']} != recomputed {round(got.value, 2)}")
        return f"number {round(got.value, 2)} {got.unit}"
    if isinstance(got, Ag):
        if kind != "agency" or exp["value"] != got.name:
            raise Mismatch(f"agency {exp.get('value')!r} != recomputed {got.name!r}")
        return f"agency {got.name}"
    if isinstance(got, Lst):
        if kind != "list" or exp.get("ordered") is not got.ordered:
            raise Mismatch(f"expected list ordered={got.ordered}")
        ok = exp["values"] == got.values if got.ordered else sorted(exp["values"]) == sorted(got.values)
        if not ok:
            raise Mismatch(f"list {exp['values']} != recomputed {got.values}")
        return f"list {got.values}"
    if isinstance(got, Bool):
        if kind != "boolean" or exp["value"] is not got.value:
            raise Mismatch(f"boolean {exp.get('value')} != recomputed {got.value}")
        return f"boolean {got.value}"
    if isinstance(got, Narr):
        entries = [n for n in GOLD[got.file].get("narrative_numbers", []) if got.snippet in n["text"]]
        if len(entries) != 1:
            raise Mismatch(f"{len(entries)} narrative_numbers entries match {got.snippet!r} in {got.file}")
        n = entries[0]
        if n.get("cells") or n.get("cell"):
            raise Mismatch(f"narrative figure {n['text']!r} has a table cell; not prose-only")
        if kind != "number" or exp.get("unit") != got.unit or not same_number(n["value"], exp["value"]):
            raise Mismatch(f"narrative value {exp.get('value')} {exp.get('unit')} != gold {n['value']} {got.unit}")
        if cite != [got.file]:
            raise Mismatch(f"narrative cite {cite} != [{got.file}]")
        return f"narrative {n['value']} ({n['text']})"
    if isinstance(got, Pas):
        if kind != "passages" or exp["files"] != [got.file] or exp["sections"] != [got.section]:
            raise Mismatch(f"passages expect {exp.get('files')} {exp.get('sections')} != {got.file} {got.section}")
        if cite != [got.file]:
            raise Mismatch(f"passage cite {cite} != [{got.file}]")
        secs = sections(got.file)
        if got.section not in secs or not secs[got.section].strip():
            raise Mismatch(f"{got.file} has no section {got.section} (found {sorted(secs)})")
        missing = [w for w in got.words if w not in secs[got.section]]
        if missing:
            raise Mismatch(f"section {got.section} of {got.file} lacks {missing}")
        return f"passage {got.file} section {got.section} has {got.words}"
    if isinstance(got, Ref):
        if kind != "unanswerable":
            raise Mismatch(f"expected unanswerable, case has {kind}")
        if cite:
            raise Mismatch(f"a refusal cites {cite}")
        for check in got.checks:
            check_refusal(check)
        return "refusal (" + "; ".join(str(ch[0]) for ch in got.checks) + ")"
    raise Mismatch("unknown derivation result")


def check_shape(cases: list[dict]) -> list[str]:
    problems = []
    ids = [c["id"] for c in cases]
    if ids != [f"h7-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not h7-001 … h7-120 in order")
    by = {}
    for c in cases:
        tags = c.get("tags", [])
        if len(tags) < 2 or tags[0] not in CATEGORIES or tags[1] not in ("zh", "en"):
            problems.append(f"{c['id']}: tags {tags} (need [category, zh|en, …])")
            continue
        by.setdefault(tags[0], {"zh": 0, "en": 0})[tags[1]] += 1
        if (tags[0] == "multiturn") != bool(c.get("turns")):
            problems.append(f"{c['id']}: turns only (and always) in multiturn cases")
    for cat in CATEGORIES:
        n = by.get(cat, {"zh": 0, "en": 0})
        if n != {"zh": 6, "en": 4}:
            problems.append(f"category {cat}: {n} (want 6 zh + 4 en)")
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CASES
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    bad = 0
    for case in cases:
        try:
            what = check_case(case)
            print(f"ok    {case['id']}  {case['tags'][0]:<10} {what}")
        except Mismatch as e:
            bad += 1
            print(f"FAIL  {case['id']}  {case.get('tags', ['?'])[0]:<10} {e}")
        except Exception as e:  # a broken case must not stop the run
            bad += 1
            print(f"FAIL  {case.get('id')}  error {type(e).__name__}: {e}")
    shape = check_shape(cases)
    for p in shape:
        print(f"FAIL  shape: {p}")
    unknown = sorted(set(S) - {c["id"] for c in cases})
    for u in unknown:
        print(f"FAIL  {u}: derivation without a case")
    total_bad = bad + len(shape) + len(unknown)
    print(f"SUMMARY {path.name}: {len(cases)} cases, {len(cases) - bad} ok, {bad} mismatched, "
          f"{len(shape)} shape problems -> {'PASS' if total_bad == 0 else 'FAIL'}")
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
