#!/usr/bin/env python3
"""Reference check for eval/qa_holdout67.jsonl (stdlib only).

Recomputes every expected answer of the 120 cases from the hand-checked gold cells in
tests/fixtures/gold/*.json (and, for passage and mention cases, from the section text of
data/samples/*.txt), rebuilds each case's cite list and its `guessed_unit` / `mixed_years`
tags, checks the case format, prints every mismatch and then `SUMMARY n/120`.
Exit status 0 only when all 120 cases match.

Rules enforced while recomputing (see shared/DOMAIN.md):
* a value is read only from a cell whose state is "number"; reading a blank / absent /
  unreadable cell is an error of the case;
* cells of a group that fails a balance rule (R1-R4) may be read only by a case tagged
  `quality`; other cases that need them must be `unanswerable`;
* `guessed_unit` = the case reads a procurement amount whose gold cell has `unit_assumed`;
* `mixed_years` = the cells the case reads come from reports of more than one year;
* cite = every cell the computation read (file#table.row.col), or the bare file for
  passages / mentions, or [] for metadata and unanswerable cases.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "qa_holdout67.jsonl"  # optional path (mutation tests)
PREFIX = "h67"
N_CASES = 120

# ----------------------------------------------------------------------------- gold

REPORTS: dict[str, dict] = {}       # alias -> gold report (plus "cite_file")
ALIAS_OF_FILE = {
    "000_2133ae744f48d674.txt": "A",  # 福州市鼓楼区统计局, 2020
    "001_19df74b8cb7281a4.txt": "B",  # 温州市鹿城区统计局, 2020
    "002_c42cd15df52a6935.txt": "C",  # 鄞州区统计局, 2019
    "003_acfa5b9243423631.txt": "D",  # 福州市鼓楼区温泉街道办事处, 2020
    "004_5206fb2196a31c52.txt": "E",  # 郑州市二七区统计局, 2020
    "hongze-qu-gov-2023.pdf": "H3",   # 淮安市洪泽区人民政府, 2023
    "hongze-qu-gov-2024.pdf": "H4",   # 淮安市洪泽区人民政府, 2024
}
for path in sorted(GOLD.glob("*.json")):
    rep = json.loads(path.read_text(encoding="utf-8"))
    cite_file = Path(rep["file"]).name
    rep["cite_file"] = cite_file
    REPORTS[ALIAS_OF_FILE[cite_file]] = rep
assert set(REPORTS) == set(ALIAS_OF_FILE.values()), sorted(REPORTS)

SAMPLE_ALIASES = ["A", "B", "C", "D", "E"]
ALL_ALIASES = ["A", "B", "C", "D", "E", "H3", "H4"]
BUREAUS = [a for a in ALL_ALIASES if REPORTS[a]["agency"].endswith("统计局")]
assert BUREAUS == ["A", "B", "C", "E"], BUREAUS


def agency(a: str) -> str:
    return REPORTS[a]["agency"]


def year(a: str) -> int:
    return REPORTS[a]["year"]


# --------------------------------------------------------------- balance rules R1-R4

APPLICANT_COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
REQ_COLS = APPLICANT_COLS + ["total"]
OUTCOME_ROWS_COMMON = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety",
                       "withheld_third_party", "withheld_internal", "withheld_process",
                       "withheld_enforcement", "withheld_query", "unavailable_not_held",
                       "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
                       "declined_duplicate", "declined_publication", "declined_excessive",
                       "declined_confirmation"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]


def _num(rep: dict, key: str):
    f = rep["facts"].get(key)
    return f["value"] if f and f["state"] == "number" else None


def failing_cells(rep: dict) -> tuple[set[str], list[str]]:
    """Cells of every group that breaks R1-R4 (only fully printed groups are judged)."""
    bad: set[str] = set()
    why: list[str] = []
    facts = rep["facts"]
    other_rows = ["other"] if all(
        facts.get(f"requests.other.{c}", {}).get("state") == "number" for c in REQ_COLS) else [
        "other_no_correction", "other_no_fee", "other_misc"]
    rows = OUTCOME_ROWS_COMMON + other_rows
    for c in REQ_COLS:
        keys = [f"requests.{r}.{c}" for r in ("new", "carried_in", "handled", "carried_out")]
        vals = [_num(rep, k) for k in keys]
        if None not in vals and abs(vals[0] + vals[1] - vals[2] - vals[3]) > 1e-9:
            bad.update(keys); why.append(f"R1[{c}]")
        keys = [f"requests.{r}.{c}" for r in rows]
        vals = [_num(rep, k) for k in keys]
        hv = _num(rep, f"requests.handled.{c}")
        if None not in vals and hv is not None and abs(sum(vals) - hv) > 1e-9:
            bad.update(keys + [f"requests.handled.{c}"]); why.append(f"R2[{c}]")
    for r in ["new", "carried_in", "handled", "carried_out"] + rows:
        keys = [f"requests.{r}.{c}" for c in APPLICANT_COLS]
        vals = [_num(rep, k) for k in keys]
        tv = _num(rep, f"requests.{r}.total")
        if None not in vals and tv is not None and abs(sum(vals) - tv) > 1e-9:
            bad.update(keys + [f"requests.{r}.total"]); why.append(f"R3[{r}]")
    for g in REVIEW_GROUPS:
        keys = [f"review.{g}.{p}" for p in REVIEW_PARTS]
        vals = [_num(rep, k) for k in keys]
        tv = _num(rep, f"review.{g}.total")
        if None not in vals and tv is not None and abs(sum(vals) - tv) > 1e-9:
            bad.update(keys + [f"review.{g}.total"]); why.append(f"R4[{g}]")
    return bad, why


FAILING: dict[str, set[str]] = {}
for _a in ALL_ALIASES:
    FAILING[_a], _why = failing_cells(REPORTS[_a])
# sanity: the gold records exactly two failing groups, both in Hongze 2023 section 四
assert {a for a in ALL_ALIASES if FAILING[a]} == {"H3"}, {a: sorted(FAILING[a]) for a in FAILING}
assert FAILING["H3"] == {f"review.{g}.{p}" for g in ("reconsideration", "lawsuit_after_review")
                         for p in REVIEW_PARTS + ["total"]}, sorted(FAILING["H3"])

# ------------------------------------------------------------------ sample sections

SECTION_NUMS = "一二三四五六"
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
                 "五": ("问题",), "六": ("其他",)}
_HEAD = re.compile(r"^[\s#*]*([一二三四五六])、(.*)$")


def sections_of(a: str) -> dict[str, str]:
    """Canonical section number -> text, by headings matched in order and by meaning."""
    text = (SAMPLES / REPORTS[a]["cite_file"]).read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    cur = None
    for line in text.splitlines():
        m = _HEAD.match(line)
        if m:
            n, rest = m.group(1), m.group(2)
            if (cur is None or SECTION_NUMS.index(n) > SECTION_NUMS.index(cur)) and \
                    any(w in rest for w in SECTION_WORDS[n]):
                cur = n
                out[cur] = [line]
                continue
        if cur is not None:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def full_text(a: str) -> str:
    return (SAMPLES / REPORTS[a]["cite_file"]).read_text(encoding="utf-8")


# --------------------------------------------------------------------- the context

class CaseError(Exception):
    pass


class Ctx:
    """Records what a case's computation reads."""

    def __init__(self, quality: bool):
        self.quality = quality
        self.cells: list[str] = []       # "file#key"
        self.cell_src: list[tuple[str, str]] = []
        self.files: list[str] = []       # bare files (passages / mentions)
        self.used_failing = False

    def v(self, a: str, key: str) -> float:
        rep = REPORTS[a]
        fact = rep["facts"].get(key)
        if fact is None:
            raise CaseError(f"{a} has no cell {key} (absent)")
        if fact["state"] != "number":
            raise CaseError(f"{a} {key} is {fact['state']}, not a number")
        if key in FAILING[a]:
            if not self.quality:
                raise CaseError(f"{a} {key} belongs to a group failing a balance rule")
            self.used_failing = True
        c = f"{rep['cite_file']}#{key}"
        if c not in self.cells:
            self.cells.append(c)
            self.cell_src.append((a, key))
        return fact["value"]

    # reasons for unanswerable cases -------------------------------------------------
    def blank(self, a: str, key: str) -> dict:
        st = REPORTS[a]["facts"][key]["state"]
        if st != "blank":
            raise CaseError(f"{a} {key} is {st}, expected blank")
        return {"kind": "unanswerable"}

    def absent(self, a: str, key: str) -> dict:
        f = REPORTS[a]["facts"].get(key)
        if f is not None and f["state"] != "absent":
            raise CaseError(f"{a} {key} is {f['state']}, expected absent")
        if f is None and REPORTS[a]["template"] != "2021":
            raise CaseError(f"{a} {key} missing but template is not 2021")
        return {"kind": "unanswerable"}

    def failing(self, a: str, key: str) -> dict:
        if key not in FAILING[a]:
            raise CaseError(f"{a} {key} is not in a failing group")
        return {"kind": "unanswerable"}

    def no_report(self, agency_part: str, yr: int | None = None) -> dict:
        hits = [a for a in ALL_ALIASES if agency_part in agency(a) and (yr is None or year(a) == yr)]
        if hits:
            raise CaseError(f"store has a report for {agency_part} {yr}: {hits}")
        return {"kind": "unanswerable"}

    def not_in_data(self, *words: str) -> dict:
        # a figure no table has: make sure no gold key names it
        for a in ALL_ALIASES:
            for k in REPORTS[a]["facts"]:
                for w in words:
                    if w in k:
                        raise CaseError(f"{w} looks like a stored cell ({a} {k})")
        return {"kind": "unanswerable"}

    # passages ------------------------------------------------------------------------
    def passage(self, a: str, secs: list[str], keywords: dict[str, str]) -> dict:
        text = sections_of(a)
        for s in secs:
            kw = keywords[s]
            if kw not in text.get(s, ""):
                raise CaseError(f"{a} section {s} does not contain {kw!r}")
        f = REPORTS[a]["cite_file"]
        self.files.append(f)
        return {"kind": "passages", "files": [f], "sections": list(secs)}

    def mentions(self, aliases: list[str], keyword: str) -> list[str]:
        hits = [a for a in aliases if keyword in full_text(a)]
        for a in hits:
            self.files.append(REPORTS[a]["cite_file"])
        return [agency(a) for a in hits]

    # rankings ------------------------------------------------------------------------
    def ranked(self, aliases: list[str], fn, desc: bool = True) -> list[tuple[str, float]]:
        vals = [(a, fn(a)) for a in aliases]
        return sorted(vals, key=lambda t: -t[1] if desc else t[1])

    def pick(self, aliases: list[str], fn, pos: int = 1, desc: bool = True) -> str:
        r = self.ranked(aliases, fn, desc)
        v = r[pos - 1][1]
        if sum(1 for _, x in r if abs(x - v) < 1e-9) != 1:
            raise CaseError(f"tie at position {pos}: {r}")
        return r[pos - 1][0]


def num(v: float, unit: str) -> dict:
    return {"kind": "number", "value": v, "unit": unit}


def ag(a: str) -> dict:
    return {"kind": "agency", "value": agency(a)}


def lst(values: list, ordered: bool) -> dict:
    return {"kind": "list", "values": values, "ordered": ordered}


def boo(b: bool) -> dict:
    return {"kind": "boolean", "value": bool(b)}


def pct(x: float, y: float) -> float:
    return 100.0 * x / y


AMT = "active.procurement.amount"
PRJ = "active.procurement.projects"
NEW = "requests.new.total"
PEN = "active.penalty.decisions"
LIC = "active.licensing.decisions"
COE = "active.coercion.decisions"
FEE = "active.fees.amount"
T2019 = [a for a in ALL_ALIASES if REPORTS[a]["template"] == "2019"]
Y2020 = [a for a in ALL_ALIASES if REPORTS[a]["year"] == 2020]
FUJIAN = [a for a in ALL_ALIASES if REPORTS[a]["province"] == "福建省"]
assert T2019 == SAMPLE_ALIASES and Y2020 == ["A", "B", "D", "E"] and FUJIAN == ["A", "D"]

# ------------------------------------------------------------------------ the specs
# Each spec is f(ctx) -> expect.  Specs marked quality=True may read failing groups.

SPEC: dict[int, tuple] = {}


def spec(n: int, quality: bool = False):
    def deco(fn):
        SPEC[n] = (fn, quality)
        return fn
    return deco


# --- v-xhs (001-016)
spec(1)(lambda c: num(c.v("H4", LIC), "count"))
spec(2)(lambda c: num(c.v("B", PRJ), "count"))
spec(3)(lambda c: num(c.v("D", AMT), "yuan"))
spec(4)(lambda c: num(c.v("H3", FEE), "yuan"))
spec(5)(lambda c: num(c.v("H4", NEW) - c.v("H3", NEW), "count"))
spec(6)(lambda c: ag(c.pick(T2019, lambda a: c.v(a, AMT), 2)))
spec(7)(lambda c: boo(c.v("E", NEW) == 0))
spec(8)(lambda c: num(sum(c.v(a, PEN) for a in Y2020), "count"))
spec(9)(lambda c: num(pct(c.v("H4", "requests.granted.total"), c.v("H4", "requests.handled.total")), "percent"))
spec(10)(lambda c: num(c.v("H3", PEN), "count"))
spec(11)(lambda c: num(c.v("C", "active.penalty.prev_items"), "count"))
spec(12)(lambda c: num(sum(1 for a in ALL_ALIASES if PRJ in REPORTS[a]["facts"] and c.v(a, PRJ) > 10), "count"))
spec(13)(lambda c: c.blank("D", "requests.carried_out.total"))
spec(14)(lambda c: num(c.v("H4", "review.reconsideration.total"), "count"))
spec(15)(lambda c: num(c.v("H3", COE) - c.v("H4", COE), "count"))
spec(16)(lambda c: num(sum(c.v(a, PRJ) for a in FUJIAN if PRJ in REPORTS[a]["facts"]), "count"))
# --- v-changsha (017-032)
spec(17)(lambda c: num(c.v("B", "active.penalty.prev_items"), "count"))
spec(18)(lambda c: num(c.v("E", AMT), "yuan"))
spec(19)(lambda c: num(c.v("H4", "active.normative.in_force"), "count"))
spec(20)(lambda c: num(c.v("H3", "active.normative.repealed"), "count"))
spec(21)(lambda c: ag(c.pick(Y2020, lambda a: c.v(a, PEN), 1)))
spec(22)(lambda c: num(c.v("H4", "requests.unavailable_not_held.total"), "count"))
spec(23)(lambda c: boo(c.v("E", PEN) == 0))
spec(24)(lambda c: num(c.v("C", AMT) / c.v("C", PRJ), "yuan"))
spec(25)(lambda c: num(c.v("H3", FEE) + c.v("H4", FEE), "yuan"))
spec(26)(lambda c: num(c.v("D", "requests.withheld_third_party.total"), "count"))
spec(27)(lambda c: num(c.v("E", "active.coercion.prev_items"), "count"))
spec(28)(lambda c: ag(c.pick(BUREAUS, lambda a: c.v(a, PEN), 3)))
spec(29)(lambda c: num(c.v("H4", "requests.partial.total"), "count"))
spec(30)(lambda c: boo(c.v("C", NEW) == c.v("C", "requests.granted.total")))
spec(31)(lambda c: c.no_report("岳麓区"))
spec(32)(lambda c: num(pct(c.v("H4", LIC) - c.v("H3", LIC), c.v("H3", LIC)), "percent"))
# --- v-guwen (033-046)
spec(33)(lambda c: num(c.v("H3", COE), "count"))
spec(34)(lambda c: ag(c.pick(["A", "B"], lambda a: c.v(a, PRJ), 1)))
spec(35)(lambda c: num(c.v("H4", "review.reconsideration.upheld"), "count"))


@spec(36, quality=True)
def _s36(c):
    parts = sum(c.v("H3", f"review.reconsideration.{p}") for p in REVIEW_PARTS)
    return boo(parts == c.v("H3", "review.reconsideration.total"))


spec(37)(lambda c: num(c.v("C", AMT) - c.v("B", AMT), "yuan"))
spec(38)(lambda c: ag(c.pick(BUREAUS, lambda a: c.v(a, AMT), 1, desc=False)))
spec(39)(lambda c: num(pct(c.v("H4", "requests.unavailable_not_held.total"), c.v("H4", NEW)), "percent"))
spec(40)(lambda c: c.blank("D", "requests.declined_duplicate.total"))
spec(41)(lambda c: num(sum(c.v(a, PRJ) for a in T2019), "count"))
spec(42)(lambda c: num(c.v("H4", "review.lawsuit_after_review.other"), "count"))
spec(43)(lambda c: ag(c.pick(Y2020, lambda a: c.v(a, NEW), 1)))
spec(44)(lambda c: num(sum(1 for a in T2019 if c.v(a, AMT) > 100000), "count"))
spec(45)(lambda c: c.passage("B", ["五"], {"五": "两个方面的不足"}))
spec(46)(lambda c: c.passage("E", ["一"], {"一": "四个结合"}))
# --- v-taglish (047-062)
spec(47)(lambda c: num(c.v("H4", PEN), "count"))
spec(48)(lambda c: c.passage("C", ["一"], {"一": "保密审查"}))
spec(49)(lambda c: num(c.v("A", AMT), "yuan"))
spec(50)(lambda c: num(c.v("D", "requests.partial.total"), "count"))
spec(51)(lambda c: num(c.v("H3", "requests.withheld_secret.total"), "count"))
spec(52)(lambda c: ag(c.pick(FUJIAN, lambda a: c.v(a, PRJ), 1)))
spec(53)(lambda c: boo(c.v("H4", FEE) > c.v("H3", FEE)))
spec(54)(lambda c: num(sum(c.v(a, AMT) for a in T2019) / len(T2019), "yuan"))
spec(55)(lambda c: num(sum(1 for a in ALL_ALIASES if c.v(a, NEW) >= 10), "count"))
spec(56)(lambda c: num(pct(c.v("H3", "requests.unavailable_not_held.total"), c.v("H3", "requests.handled.total")), "percent"))
spec(57)(lambda c: c.absent("H4", "requests.other_no_fee.total"))
spec(58)(lambda c: num(c.v("H4", "review.lawsuit_direct.total"), "count"))
spec(59)(lambda c: lst([agency(a) for a, _ in c.ranked(T2019, lambda a: c.v(a, PRJ))], True))
spec(60)(lambda c: num(c.v("H4", "requests.carried_in.total"), "count"))
spec(61)(lambda c: c.absent("H4", AMT))
spec(62)(lambda c: num(c.v("H3", LIC) + c.v("H4", LIC), "count"))
# --- v-naija (063-078)
spec(63)(lambda c: num(c.v("C", NEW), "count"))
spec(64)(lambda c: ag(c.pick(Y2020, lambda a: c.v(a, AMT), 2)))
spec(65)(lambda c: num(c.v("H3", PEN) + c.v("H4", PEN), "count"))
spec(66)(lambda c: num(c.v("H3", PEN) - c.v("H4", PEN), "count"))
spec(67)(lambda c: lst([agency(a) for a in BUREAUS if c.v(a, PEN) > 5], False))
spec(68)(lambda c: num(pct(c.v("H4", "requests.partial.total"), c.v("H4", NEW)), "percent"))
spec(69)(lambda c: boo(c.v("B", AMT) < 100000))
spec(70)(lambda c: c.passage("D", ["一", "五"], {"一": "培训", "五": "授课"}))
spec(71)(lambda c: num(c.v("H3", "requests.unavailable_not_held.total") + c.v("H4", "requests.unavailable_not_held.total"), "count"))
spec(72)(lambda c: c.failing("H3", "review.reconsideration.total"))
spec(73)(lambda c: num(c.v("D", "requests.unavailable_not_held.total"), "count"))
spec(74)(lambda c: num(sum(c.v(a, NEW) for a in Y2020) / len(Y2020), "count"))
spec(75)(lambda c: num(c.v("H4", "review.lawsuit_after_review.total"), "count"))
spec(76)(lambda c: boo(c.v("H4", "requests.granted.total") > c.v("H4", "requests.handled.total") / 2))
spec(77)(lambda c: num(c.v("C", AMT) / c.v("C", PRJ) - c.v("B", AMT) / c.v("B", PRJ), "yuan"))
spec(78)(lambda c: c.no_report("洪泽区", 2022))
# --- v-dutch (079-092)
spec(79)(lambda c: boo(c.v("H4", LIC) > 10 * c.v("H3", LIC)))
spec(80)(lambda c: num(c.v("B", AMT), "yuan"))
spec(81)(lambda c: num(c.v("H3", "active.normative.in_force"), "count"))
spec(82)(lambda c: ag(c.pick(ALL_ALIASES, lambda a: c.v(a, NEW), 3)))
spec(83)(lambda c: boo(c.v("E", AMT) > c.v("B", AMT)))
spec(84)(lambda c: num(sum(c.v(a, NEW) for a in BUREAUS), "count"))
spec(85)(lambda c: num(c.v("A", AMT) - c.v("D", AMT), "yuan"))
spec(86)(lambda c: num(pct(c.v("H4", "review.reconsideration.corrected"), c.v("H4", "review.reconsideration.total")), "percent"))
spec(87)(lambda c: num(sum(1 for a in BUREAUS if c.v(a, NEW) == 0), "count"))
spec(88)(lambda c: num(c.v("D", PEN), "count"))
spec(89)(lambda c: ag(c.pick(Y2020, lambda a: c.v(a, AMT) / c.v(a, PRJ), 1, desc=False)))
spec(90)(lambda c: c.not_in_data("staff", "personnel"))
spec(91)(lambda c: boo(c.v("H3", FEE) > 70_000_000))
spec(92)(lambda c: num(sum(c.v(a, COE) for a in ALL_ALIASES), "count"))
# --- multi-turn chats (093-106): the expectation answers the last turn
spec(93)(lambda c: num(c.v("H4", NEW), "count"))
spec(94)(lambda c: num(c.v("B", PRJ) + c.v("D", PRJ), "count"))


@spec(95)
def _s95(c):
    top = Ctx(False).pick(BUREAUS, lambda a: REPORTS[a]["facts"][PEN]["value"], 1)  # resolved in turn 1
    return num(c.v(top, "active.penalty.prev_items"), "count")


spec(96)(lambda c: num(c.v("H4", LIC) - c.v("H3", LIC), "count"))


@spec(97)
def _s97(c):
    top = Ctx(False).pick(Y2020, lambda a: REPORTS[a]["facts"][NEW]["value"], 1)  # resolved in turn 1
    return num(c.v(top, "requests.granted.total"), "count")


spec(98)(lambda c: boo(c.v("C", AMT) > 5 * c.v("B", AMT)))
spec(99)(lambda c: ag(c.pick(T2019, lambda a: c.v(a, AMT), 3)))
spec(100)(lambda c: num(c.v("H4", "requests.granted.total"), "count"))
spec(101)(lambda c: num(c.v("B", PEN) - c.v("C", PEN), "count"))


@spec(102)
def _s102(c):
    top = Ctx(False).pick(T2019, lambda a: REPORTS[a]["facts"][PRJ]["value"], 1)  # resolved in turn 1
    return num(c.v(top, AMT) / c.v(top, PRJ), "yuan")


spec(103)(lambda c: num(c.v("H3", LIC), "count"))
spec(104)(lambda c: boo(c.v("D", NEW) > 3 * c.v("A", NEW)))
spec(105)(lambda c: num(c.v("H3", "active.normative.repealed"), "count"))
spec(106)(lambda c: num(abs(c.v("H3", FEE) - c.v("H4", FEE)), "yuan"))
# --- mixed (107-120)
spec(107)(lambda c: c.passage("C", ["五"], {"五": "改进措施"}))
spec(108)(lambda c: c.passage("A", ["一"], {"一": "个人信息保护"}))
spec(109)(lambda c: c.passage("D", ["六"], {"六": "暂无其他需要报告的事项"}))
spec(110)(lambda c: lst(sorted({agency(a) for a in ALL_ALIASES if REPORTS[a]["template"] == "2021"}), False))
spec(111)(lambda c: lst(sorted({agency(a) for a in Y2020 if REPORTS[a]["province"] != "浙江省"}), False))
spec(112)(lambda c: c.no_report("鹿城区", 2021))


@spec(113, quality=True)
def _s113(c):
    parts = sum(c.v("H3", f"review.reconsideration.{p}") for p in REVIEW_PARTS)
    return num(parts - c.v("H3", "review.reconsideration.total"), "count")


spec(114)(lambda c: c.passage("E", ["五"], {"五": "不足之处"}))
spec(115)(lambda c: lst(c.mentions(BUREAUS, "统计开放日"), False))
spec(116)(lambda c: num(sum(1 for a in ALL_ALIASES if REPORTS[a]["province"] == "福建省"), "count"))


@spec(117)
def _s117(c):
    hits = [a for a in ALL_ALIASES if REPORTS[a].get("agency_kind") == "street_office"]
    if len(hits) != 1:
        raise CaseError(f"street offices: {hits}")
    return ag(hits[0])


@spec(118)
def _s118(c):
    names = [agency(a) for a in ALL_ALIASES]
    multi = sorted({n for n in names if names.count(n) > 1})
    if len(multi) != 1:
        raise CaseError(f"agencies with several reports: {multi}")
    return {"kind": "agency", "value": multi[0]}


spec(119)(lambda c: c.passage("A", ["五"], {"五": "改进情况"}))
spec(120)(lambda c: c.no_report("南京"))

# ---------------------------------------------------------------------- comparison

ALLOWED_FIELDS = {"id", "question", "turns", "expect", "cite", "tags"}
KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
CJK = re.compile(r"[\u4e00-\u9fff]")


def same_number(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(float(a) - float(b)) <= 0.005 + 1e-9


def compare_expect(got: dict, want: dict) -> list[str]:
    errs = []
    if got.get("kind") != want["kind"]:
        return [f"kind {got.get('kind')!r} != {want['kind']!r}"]
    k = want["kind"]
    if k == "number":
        if not same_number(got.get("value"), want["value"]):
            errs.append(f"value {got.get('value')!r} != {round(want['value'], 4)!r}")
        if got.get("unit") != want["unit"]:
            errs.append(f"unit {got.get('unit')!r} != {want['unit']!r}")
        v = got.get("value")
        if isinstance(v, (int, float)) and 1900 <= v <= 2100 and float(v).is_integer():
            errs.append("a year-like number answer (years are indistinguishable to the scorer)")
    elif k == "agency":
        if got.get("value") != want["value"]:
            errs.append(f"agency {got.get('value')!r} != {want['value']!r}")
    elif k == "boolean":
        if got.get("value") is not want["value"]:
            errs.append(f"boolean {got.get('value')!r} != {want['value']!r}")
    elif k == "list":
        if got.get("ordered") is not want["ordered"]:
            errs.append(f"ordered {got.get('ordered')!r} != {want['ordered']!r}")
        gv, wv = list(got.get("values", [])), list(want["values"])
        if not want["ordered"]:
            gv, wv = sorted(map(str, gv)), sorted(map(str, wv))
        if gv != wv:
            errs.append(f"values {got.get('values')!r} != {want['values']!r}")
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(want["files"]):
            errs.append(f"files {got.get('files')!r} != {want['files']!r}")
        if sorted(got.get("sections", [])) != sorted(want["sections"]):
            errs.append(f"sections {got.get('sections')!r} != {want['sections']!r}")
    return errs


def check_format(case: dict) -> list[str]:
    errs = []
    extra = set(case) - ALLOWED_FIELDS
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    for f in ("id", "question", "expect"):
        if f not in case:
            errs.append(f"missing {f}")
    if not str(case.get("question", "")).strip():
        errs.append("blank question")
    exp = case.get("expect", {})
    if exp.get("kind") not in KINDS:
        errs.append(f"bad kind {exp.get('kind')!r}")
    if exp.get("kind") == "number" and exp.get("unit") not in ("count", "yuan", "percent"):
        errs.append(f"bad unit {exp.get('unit')!r}")
    if exp.get("kind") == "passages" and not set(exp.get("sections", [])) <= set(SECTION_NUMS):
        errs.append("bad sections")
    for c in case.get("cite", []):
        if not CITE_RE.match(c):
            errs.append(f"bad cite {c!r}")
    turns = case.get("turns", [])
    if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns):
        errs.append("bad turns")
    tags = case.get("tags", [])
    langs = [t for t in tags if t in ("zh", "en")]
    if len(langs) != 1:
        errs.append(f"needs exactly one of zh/en, got {langs}")
    else:
        q = case.get("question", "")
        ascii_words = re.findall(r"[A-Za-z]{2,}", q)
        if langs[0] == "en" and len(ascii_words) < 3:
            errs.append("tagged en but has almost no English words")
        if langs[0] == "zh" and (len(CJK.findall(q)) < 3 or len(ascii_words) > 3):
            errs.append("tagged zh but does not read as Chinese")
    return errs


def main() -> int:
    lines = [l for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    problems: list[str] = []
    ok = 0
    ids = [c.get("id") for c in cases]
    want_ids = [f"{PREFIX}-{i:03d}" for i in range(1, N_CASES + 1)]
    if ids != want_ids:
        problems.append(f"ids are not {want_ids[0]} … {want_ids[-1]} in order")
    langs = [t for c in cases for t in c.get("tags", []) if t in ("zh", "en")]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        problems.append(f"language split zh {langs.count('zh')} / en {langs.count('en')} (want 60/60)")

    for case in cases:
        cid = case.get("id", "?")
        errs = check_format(case)
        try:
            n = int(cid.split("-")[1])
            fn, quality = SPEC[n]
        except (IndexError, ValueError, KeyError):
            problems.append(f"{cid}: no reference spec")
            continue
        ctx = Ctx(quality)
        try:
            want = fn(ctx)
        except CaseError as e:
            problems.append(f"{cid}: reference cannot compute: {e}")
            continue
        errs += compare_expect(case.get("expect", {}), want)
        # cite list
        want_cite = ctx.cells + ctx.files
        if sorted(case.get("cite", [])) != sorted(want_cite):
            errs.append(f"cite {case.get('cite')} != {want_cite}")
        if len(set(case.get("cite", []))) != len(case.get("cite", [])):
            errs.append("duplicate cites")
        # derived tags
        tags = case.get("tags", [])
        guessed = any(k == AMT and REPORTS[a]["facts"][k].get("unit_assumed") for a, k in ctx.cell_src)
        years = {year(a) for a, _ in ctx.cell_src}
        if guessed != ("guessed_unit" in tags):
            errs.append(f"guessed_unit tag should be {guessed}")
        if (len(years) > 1) != ("mixed_years" in tags):
            errs.append(f"mixed_years tag should be {len(years) > 1} (years {sorted(years)})")
        if ctx.used_failing != ("quality" in tags):
            errs.append(f"quality tag should be {ctx.used_failing}")
        if want["kind"] == "unanswerable" and case.get("cite"):
            errs.append("an unanswerable case cites cells")
        # Hongze both years in one ranking: question or answer must carry the year
        if any(t in tags for t in ("rank",)) and {"H3", "H4"} <= {a for a, _ in ctx.cell_src}:
            if want["kind"] == "agency" and want["value"] == agency("H3"):
                errs.append("ranking over both Hongze reports answered by Hongze without a year")
        if errs:
            problems.append(f"{cid}: " + "; ".join(errs))
        else:
            ok += 1

    n_turns = sum(1 for c in cases if c.get("turns"))
    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
    for p in problems:
        print("MISMATCH", p)
    print("kinds:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda t: -t[1])))
    print("multi-turn:", n_turns, "| guessed_unit:", sum("guessed_unit" in c["tags"] for c in cases),
          "| mixed_years:", sum("mixed_years" in c["tags"] for c in cases),
          "| quality:", sum("quality" in c["tags"] for c in cases))
    if len(cases) != N_CASES:
        print(f"MISMATCH file has {len(cases)} cases, want {N_CASES}")
    global_ok = not [p for p in problems if not p.startswith(f"{PREFIX}-")] and len(cases) == N_CASES
    print(f"SUMMARY {ok}/{N_CASES}")
    return 0 if ok == N_CASES and global_ok else 1


if __name__ == "__main__":
    sys.exit(main())
