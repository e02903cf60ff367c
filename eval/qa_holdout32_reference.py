#!/usr/bin/env python3
"""Reference for eval/qa_holdout32.jsonl: recompute every expected answer from the gold facts.

Stdlib only. Reads tests/fixtures/gold/*.json (the hand-checked facts of the seven reports) and, for
passage cases, data/samples/*.txt. For each of the 120 cases it recomputes `expect`, the `cite` list
and the `guessed_unit` / `mixed_years` tags, compares them with the JSONL and prints every mismatch
and a SUMMARY line. Exit 0 only when 120/120 match.

    python3 eval/qa_holdout32_reference.py        # mismatches + SUMMARY
    python3 eval/qa_holdout32_reference.py -v     # also every recomputed answer

Conventions (see eval/QA_HOLDOUT32.md): only cells in state "number" are values (blank / absent /
unreadable are never 0); a cell in a failed balance equation (R1-R4, recomputed here from the facts)
is unusable except in questions about that failure; money in yuan; percent in percent points;
every used cell is cited; narrative figures, passages and metadata cite the bare report file.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
JSONL = ROOT / "eval" / "qa_holdout32.jsonl"

# ----------------------------------------------------------------------------- gold facts

GOLD: dict[str, dict] = {}          # short name -> gold dict
FILE: dict[str, str] = {}           # short name -> report file as cited
SHORT = {"000": "A", "001": "B", "002": "C", "003": "D", "004": "E",
         "hongze-qu-gov-2023": "H23", "hongze-qu-gov-2024": "H24"}
for p in sorted(GOLD_DIR.glob("*.json")):
    d = json.loads(p.read_text(encoding="utf-8"))
    stem = p.stem
    short = SHORT.get(stem) or SHORT.get(stem[:3])
    if short is None:
        continue
    GOLD[short] = d
    FILE[short] = Path(d["file"]).name
BY_FILE = {f: s for s, f in FILE.items()}
FIVE = ["A", "B", "C", "D", "E"]
ALL = ["A", "B", "C", "D", "E", "H23", "H24"]

APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
REQ_COLS = APPLICANTS + ["total"]
OUTCOMES_2019 = (["granted", "partial"]
                 + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal",
                                              "process", "enforcement", "query")]
                 + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
                 + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive",
                                             "confirmation")])
OUTCOME_ROWS = OUTCOMES_2019 + ["other", "other_no_correction", "other_no_fee", "other_misc"]
WITHHELD = [r for r in OUTCOMES_2019 if r.startswith("withheld_")]
UNAVAILABLE = [r for r in OUTCOMES_2019 if r.startswith("unavailable_")]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


def fact(r: str, key: str) -> dict | None:
    return GOLD[r]["facts"].get(key)


def state(r: str, key: str) -> str:
    f = fact(r, key)
    return "missing" if f is None else f["state"]


def num_or_none(r: str, key: str):
    f = fact(r, key)
    return f["value"] if f is not None and f["state"] == "number" else None


def balance_checks(r: str) -> tuple[dict[str, str], set[str]]:
    """Recompute R1-R4 over printed cells; return ({rule: pass|fail}, cells in failed equations)."""
    failed: set[str] = set()
    result = {"R1": "pass", "R2": "pass", "R3": "pass", "R4": "pass"}

    def check(rule: str, left: list[str], right: list[str]) -> None:
        cells = left + right
        vals = [num_or_none(r, k) for k in cells]
        if any(v is None for v in vals):
            return  # a blank / absent / unreadable cell: the equation cannot be evaluated
        if abs(sum(vals[:len(left)]) - sum(vals[len(left):])) > 1e-9:
            result[rule] = "fail"
            failed.update(cells)

    for col in REQ_COLS:  # R1
        check("R1", [f"requests.new.{col}", f"requests.carried_in.{col}"],
              [f"requests.handled.{col}", f"requests.carried_out.{col}"])
    for col in REQ_COLS:  # R2 (absent sub-rows are not part of the report's table)
        rows = [f"requests.{row}.{col}" for row in OUTCOME_ROWS if state(r, f"requests.{row}.{col}") not in ("missing", "absent")]
        check("R2", [f"requests.handled.{col}"], rows)
    rows = sorted({k.split(".")[1] for k in GOLD[r]["facts"] if k.startswith("requests.")})
    for row in rows:  # R3
        if state(r, f"requests.{row}.total") in ("missing", "absent"):
            continue
        check("R3", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in APPLICANTS])
    for g in REVIEW_GROUPS:  # R4
        check("R4", [f"review.{g}.total"], [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")])
    return result, failed


CHECKS: dict[str, dict[str, str]] = {}
UNUSABLE: dict[str, set[str]] = {}
for _r in ALL:
    CHECKS[_r], UNUSABLE[_r] = balance_checks(_r)


class NotUsable(Exception):
    pass


def usable(r: str, key: str) -> bool:
    return state(r, key) == "number" and key not in UNUSABLE[r]


def v(r: str, key: str):
    """A cell's value, only if it is a printed number outside any failed balance equation."""
    if not usable(r, key):
        raise NotUsable(f"{FILE[r]}#{key}: state {state(r, key)}"
                        + (" (failed balance equation)" if key in UNUSABLE[r] else ""))
    return GOLD[r]["facts"][key]["value"]


def raw_v(r: str, key: str):
    """A printed cell's value even inside a failed equation (only for questions about the failure)."""
    assert state(r, key) == "number", (r, key)
    return GOLD[r]["facts"][key]["value"]


def c(r: str, key: str) -> str:
    return f"{FILE[r]}#{key}"


def agency(r: str) -> str:
    return GOLD[r]["agency"]


def year(r: str) -> int:
    return GOLD[r]["year"]


def agency_kind(r: str) -> str:
    k = GOLD[r].get("agency_kind")
    if k:
        return k
    name = agency(r)  # Hongze PDFs carry no agency_kind: infer it from the name
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if "街道" in name or name.endswith("乡人民政府") or name.endswith("镇人民政府"):
        return "street_office"
    return "department"


def narrative(r: str, needle: str) -> float:
    hits = [n for n in GOLD[r].get("narrative_numbers", []) if needle in n["text"]]
    assert len(hits) == 1, (r, needle, hits)
    return hits[0]["value"]


def find_reports(agency_part: str | None = None, yr: int | None = None, city: str | None = None) -> list[str]:
    out = []
    for r in ALL:
        g = GOLD[r]
        if agency_part and agency_part not in g["agency"] and agency_part not in g.get("agency_full", ""):
            continue
        if yr is not None and g["year"] != yr:
            continue
        if city is not None and g.get("city") != city:
            continue
        out.append(r)
    return out


# ----------------------------------------------------------------------------- sample texts

SECTION_KEYS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议",
                "五": "问题", "六": "其他需要报告"}
_HEAD = re.compile(r"^[#*\s]*([一二三四五六])、(.*)$")


def sections_of(r: str) -> dict[str, str]:
    """Canonical section number -> its text, headings matched by meaning and in order."""
    lines = (SAMPLES / FILE[r]).read_text(encoding="utf-8").splitlines()
    order = "一二三四五六"
    cur, out = None, {}
    for line in lines:
        m = _HEAD.match(line)
        if m:
            n = m.group(1)
            if SECTION_KEYS[n] in m.group(2) and (cur is None or order.index(n) > order.index(cur)):
                cur = n
                out[cur] = line + "\n"
                continue
        if cur:
            out[cur] += line + "\n"
    return out


SECTIONS = {r: sections_of(r) for r in FIVE}


def passage(r: str, needle: str) -> dict:
    secs = sorted((s for s, text in SECTIONS[r].items() if needle in text), key="一二三四五六".index)
    assert secs, (r, needle)
    return {"expect": {"kind": "passages", "files": [FILE[r]], "sections": secs}, "cite": [FILE[r]]}


def mentions(rs: list[str], needle: str, section: str | None = None) -> list[str]:
    out = []
    for r in rs:
        text = SECTIONS[r].get(section, "") if section else "".join(SECTIONS[r].values())
        if needle in text:
            out.append(r)
    return out


# ----------------------------------------------------------------------------- answer builders

def number(value, unit: str, cite: list[str]) -> dict:
    return {"expect": {"kind": "number", "value": round(value, 2), "unit": unit}, "cite": cite}


def pct(a, b) -> float:
    return a / b * 100


def boolean(value: bool, cite: list[str]) -> dict:
    return {"expect": {"kind": "boolean", "value": bool(value)}, "cite": cite}


def agency_top(pairs: list[tuple[str, float]], cite: list[str], lowest: bool = False) -> dict:
    """pairs: (short report name, value); the single best report's agency (ties are a spec error)."""
    best = (min if lowest else max)(x for _, x in pairs)
    winners = {agency(r) for r, x in pairs if x == best}
    assert len(winners) == 1, ("tie", pairs)
    return {"expect": {"kind": "agency", "value": winners.pop()}, "cite": cite}


def listing(values: list, ordered: bool, cite: list[str]) -> dict:
    return {"expect": {"kind": "list", "values": values, "ordered": ordered}, "cite": cite}


def unanswerable(reason_holds: bool, why: str) -> dict:
    assert reason_holds, "the data CAN answer this: " + why
    return {"expect": {"kind": "unanswerable"}, "cite": [], "why": why}


def cells(r: str, keys: list[str]) -> list[str]:
    return [c(r, k) for k in keys]


def per_project(r: str) -> float:
    return v(r, "active.procurement.amount") / v(r, "active.procurement.projects")


def proc_cites(rs: list[str], also_projects: bool = False) -> list[str]:
    out = [c(r, "active.procurement.amount") for r in rs]
    if also_projects:
        out += [c(r, "active.procurement.projects") for r in rs]
    return out


Y2020 = [r for r in ALL if year(r) == 2020]
T2019 = [r for r in ALL if GOLD[r]["template"] == "2019"]


# ----------------------------------------------------------------------------- the 120 cases
# zh cases sit on odd ids, en cases on even ids.

SPEC = {}


def case(n: int):
    def deco(fn):
        SPEC[f"h32-{n:03d}"] = fn
        return fn
    return deco


K = "active.licensing.decisions"
P = "active.penalty.decisions"
CO = "active.coercion.decisions"
FEES = "active.fees.amount"
AMT = "active.procurement.amount"
PRJ = "active.procurement.projects"
NEW = "requests.new.total"
HND = "requests.handled.total"


@case(1)
def _():
    return number(v("H24", K) - v("H23", K), "count", [c("H23", K), c("H24", K)])


@case(2)
def _():
    return number(v("H23", FEES), "yuan", [c("H23", FEES)])


@case(3)
def _():
    return number(v("B", P), "count", [c("B", P)])


@case(4)
def _():
    return number(v("H24", "requests.new.person"), "count", [c("H24", "requests.new.person")])


@case(5)
def _():
    return boolean(v("H24", P) < v("H23", P), [c("H23", P), c("H24", P)])


@case(6)
def _():
    keys = [k for r in ALL for k in GOLD[r]["facts"]] + [n["what"] for r in ALL for n in GOLD[r].get("narrative_numbers", [])]
    return unanswerable(not any("staff" in k or "headcount" in k or "编制" in k for k in keys),
                        "no staff / headcount figure in any table or narrative")


@case(7)
def _():
    return passage("B", "两个方面的不足")


@case(8)
def _():
    return number(pct(v("H24", NEW) - v("H23", NEW), v("H23", NEW)), "percent", [c("H23", NEW), c("H24", NEW)])


@case(9)
def _():
    return number(v("C", AMT), "yuan", [c("C", AMT)])


@case(10)
def _():
    rs = [r for r in Y2020 if usable(r, PRJ)]
    assert rs == ["A", "B", "D", "E"]
    return number(sum(v(r, PRJ) for r in rs) / len(rs), "count", [c(r, PRJ) for r in rs])


@case(11)
def _():
    return number(v("D", PRJ), "count", [c("D", PRJ)])


@case(12)
def _():
    return agency_top([(r, v(r, NEW)) for r in ALL], [c(r, NEW) for r in ALL])


@case(13)
def _():
    return number(v("H23", P) + v("H24", P), "count", [c("H23", P), c("H24", P)])


@case(14)
def _():
    rs = [r for r in FIVE if fact(r, AMT).get("unit_assumed")]
    return listing([agency(r) for r in rs], False, proc_cites(rs))


@case(15)
def _():
    return unanswerable(not find_reports("洪泽区", 2022), "no 2022 report of 洪泽区 in the store (only 2023, 2024)")


@case(16)
def _():
    return boolean(v("H24", K) > 20 * v("H23", K), [c("H23", K), c("H24", K)])


@case(17)
def _():
    return number(pct(v("H23", "requests.partial.total"), v("H23", NEW)), "percent",
                  [c("H23", "requests.partial.total"), c("H23", NEW)])


@case(18)
def _():
    k = "review.reconsideration.total"
    return number(v("H24", k), "count", [c("H24", k)])


@case(19)
def _():
    return number(v("H24", CO), "count", [c("H24", CO)])


@case(20)
def _():
    return passage("C", "改进措施")


@case(21)
def _():
    return number(abs(v("C", AMT) - v("B", AMT)), "yuan", [c("B", AMT), c("C", AMT)])


@case(22)
def _():
    return agency_top([("B", v("B", PRJ)), ("C", v("C", PRJ))], [c("B", PRJ), c("C", PRJ)])


@case(23)
def _():
    return boolean(v("C", AMT) > 400000, [c("C", AMT)])


@case(24)
def _():
    return unanswerable(not find_reports(city="南京市"), "no 南京市 agency in the store (the 鼓楼区 reports are Fuzhou's)")


@case(25)
def _():
    keys = [f"requests.{w}.total" for w in WITHHELD]
    return number(sum(v("H23", k) for k in keys), "count", cells("H23", keys))


@case(26)
def _():
    return agency_top([(r, per_project(r)) for r in FIVE], proc_cites(FIVE, also_projects=True))


@case(27)
def _():
    rs = [r for r in ALL if GOLD[r].get("published") is None]
    names = list(dict.fromkeys(agency(r) for r in rs))
    return listing(names, False, [FILE[r] for r in rs])


@case(28)
def _():
    k = "requests.partial.total"
    return number(v("H23", k), "count", [c("H23", k)])


@case(29)
def _():
    k = "requests.granted.total"
    return number(pct(v("H24", k), v("H24", NEW)), "percent", [c("H24", NEW), c("H24", k)])


@case(30)
def _():
    return number(v("H23", FEES) - v("H24", FEES), "yuan", [c("H23", FEES), c("H24", FEES)])


@case(31)
def _():
    k = "active.penalty.prev_items"
    return number(v("E", k), "count", [c("E", k)])


@case(32)
def _():
    k = "requests.unavailable_not_held.total"
    return boolean(state("A", k) == "number", [c("A", k)])


@case(33)
def _():
    return passage("A", "依申请公开方面")


@case(34)
def _():
    return number(v("H24", K) + v("H24", P) + v("H24", CO), "count", [c("H24", K), c("H24", P), c("H24", CO)])


@case(35)
def _():
    k = "review.reconsideration.total"
    return unanswerable(k in UNUSABLE["H23"], "2023 reconsideration group fails R4 (10+1+0+0 vs total 0)")


@case(36)
def _():
    return number(pct(v("H23", P) - v("H24", P), v("H23", P)), "percent", [c("H23", P), c("H24", P)])


@case(37)
def _():
    rs = ["A", "D"]
    assert all(GOLD[r]["county"] == "鼓楼区" and GOLD[r]["city"] == "福州市" for r in rs)
    return number(sum(v(r, AMT) for r in rs) / 2, "yuan", proc_cites(rs))


@case(38)
def _():
    return number(abs(v("B", P) - v("C", P)), "count", [c("C", P), c("B", P)])


@case(39)
def _():
    k = "requests.unavailable_not_held.total"
    return number(v("H23", k), "count", [c("H23", k)])


@case(40)
def _():
    rs = sorted(FIVE, key=lambda r: -v(r, AMT))
    return listing([agency(r) for r in rs], True, proc_cites(FIVE))


@case(41)
def _():
    k = "active.normative.in_force"
    return boolean(v("H24", k) > v("H23", k), [c("H23", k), c("H24", k)])


@case(42)
def _():
    k = "requests.withheld_safety.total"
    return number(v("H24", k), "count", [c("H24", k)])


@case(43)
def _():
    return number(sum(v(r, NEW) for r in FIVE) / len(FIVE), "count", [c(r, NEW) for r in FIVE])


@case(44)
def _():
    return unanswerable(all(state(r, AMT) in ("missing", "absent") for r in ("H24",)),
                        "2021 template has no procurement block")


@case(45)
def _():
    return agency_top([("A", v("A", AMT)), ("B", v("B", AMT))], [c("B", AMT), c("A", AMT)])


@case(46)
def _():
    return passage("D", "深化依申请公开")


@case(47)
def _():
    return number(v("H24", FEES), "yuan", [c("H24", FEES)])


@case(48)
def _():
    return boolean(v("H24", FEES) > 7600 * 10000, [c("H24", FEES)])


@case(49)
def _():
    k = "requests.unavailable_needs_creation.total"
    return number(v("H24", k), "count", [c("H24", k)])


@case(50)
def _():
    return number(pct(v("B", AMT), v("C", AMT)), "percent", [c("B", AMT), c("C", AMT)])


@case(51)
def _():
    k = "active.penalty.prev_items"
    return agency_top([(r, v(r, k)) for r in FIVE], [c(r, k) for r in FIVE])


@case(52)
def _():
    top = max(FIVE, key=lambda r: v(r, AMT))
    return number(per_project(top), "yuan", [c(top, AMT), c(top, PRJ)])


@case(53)
def _():
    k = "requests.declined_duplicate.total"
    return unanswerable(state("D", k) == "blank", "total cell printed blank; blank is not 0")


@case(54)
def _():
    ks = ["review.lawsuit_direct.total", "review.lawsuit_after_review.total"]
    return number(sum(v("H24", k) for k in ks), "count", cells("H24", ks))


@case(55)
def _():
    return passage("C", "立案查处")


@case(56)
def _():
    ks = ["requests.granted.total", "requests.partial.total", "requests.unavailable_not_held.total"]
    return listing([v("H24", k) for k in ks], True, cells("H24", ks))


@case(57)
def _():
    rs = ["A", "B", "C", "D"]
    return number(sum(v(r, AMT) for r in rs), "yuan", proc_cites(rs))


@case(58)
def _():
    return boolean(per_project("D") < 10000, [c("D", AMT), c("D", PRJ)])


@case(59)
def _():
    k = "review.reconsideration.upheld"
    assert usable("H24", k), "the earlier turn (2024) must be answerable"
    return unanswerable(k in UNUSABLE["H23"], "2023 reconsideration group fails R4")


@case(60)
def _():
    k = "active.penalty.change"
    rs = [r for r in Y2020 if usable(r, k)]
    return agency_top([(r, v(r, k)) for r in rs], [c(r, k) for r in rs])


@case(61)
def _():
    return number(v("B", PRJ), "count", [c("B", PRJ)])


@case(62)
def _():
    k = "requests.carried_out.total"
    return number(v("H24", k), "count", [c("H24", k)])


@case(63)
def _():
    rs = [r for r in ALL if agency_kind(r) == "department"]
    return listing([agency(r) for r in rs], False, [FILE[r] for r in rs])


@case(64)
def _():
    whats = [n["what"] for n in GOLD["C"].get("narrative_numbers", [])]
    return unanswerable(not any("budget" in w for w in whats) and not any("budget" in k for k in GOLD["C"]["facts"]),
                        "the report only says the 部门预算 was published; no amount")


@case(65)
def _():
    k = "requests.unavailable_not_held.total"
    return number(v("D", k), "count", [c("D", k)])


@case(66)
def _():
    return number(v("D", AMT) + v("A", AMT), "yuan", [c("D", AMT), c("A", AMT)])


@case(67)
def _():
    g = "reconsideration"
    ks = [f"review.{g}.{x}" for x in ("upheld", "corrected", "other", "pending", "total")]
    ok = raw_v("H23", ks[-1]) == sum(raw_v("H23", k) for k in ks[:-1])
    return boolean(ok, cells("H23", ks))


@case(68)
def _():
    return passage("E", "四个结合")


@case(69)
def _():
    ks = [f"requests.{u}.total" for u in UNAVAILABLE]
    return number(pct(sum(v("H24", k) for k in ks), v("H24", HND)), "percent", cells("H24", ks + [HND]))


@case(70)
def _():
    k = "active.normative.repealed"
    return number(v("H23", k), "count", [c("H23", k)])


@case(71)
def _():
    return number(v("C", PRJ), "count", [c("C", PRJ)])


@case(72)
def _():
    return number((v("H23", FEES) + v("H24", FEES)) / 2, "yuan", [c("H23", FEES), c("H24", FEES)])


@case(73)
def _():
    return {**number(narrative("C", "罚款总额"), "yuan", []), "cite": [FILE["C"]]}


@case(74)
def _():
    return boolean(v("E", NEW) > 0, [c("E", NEW)])


@case(75)
def _():
    k = "requests.granted.total"
    return number(v("C", k), "count", [c("C", k)])


@case(76)
def _():
    rs = [r for r in Y2020 if usable(r, NEW)]
    return listing([agency(r) for r in rs if v(r, NEW) > 0], False, [c(r, NEW) for r in rs])


@case(77)
def _():
    return passage("B", "统计开放日活动")


@case(78)
def _():
    k = "review.lawsuit_direct.total"
    return number(v("H23", k), "count", [c("H23", k)])


@case(79)
def _():
    k = "active.penalty.prev_items"
    return number(v("C", k), "count", [c("C", k)])


@case(80)
def _():
    ks = [f"requests.{w}.total" for w in WITHHELD]
    return number(pct(sum(v("H24", k) for k in ks), v("H24", HND)), "percent", cells("H24", ks + [HND]))


@case(81)
def _():
    k = "requests.unavailable_not_held.total"
    rs = [r for r in Y2020 if usable(r, k)]  # the Gulou bureau's total is blank: left out, not 0
    assert "A" not in rs
    return agency_top([(r, v(r, k)) for r in rs], [c(r, k) for r in rs])


@case(82)
def _():
    k = "requests.declined_complaint.total"
    return boolean(v("H23", k) != v("H24", k), [c("H24", k), c("H23", k)])


@case(83)
def _():
    return number(sum(v(r, PRJ) for r in FIVE), "count", [c(r, PRJ) for r in FIVE])


@case(84)
def _():
    whats = " ".join(n["what"] for r in ALL for n in GOLD[r].get("narrative_numbers", []))
    return unanswerable("day" not in whats and "工作日" not in whats, "no processing time reported")


@case(85)
def _():
    k = "review.reconsideration.corrected"
    return number(v("H24", k), "count", [c("H24", k)])


@case(86)
def _():
    return passage("A", "暂无其他需要报告的事项")


@case(87)
def _():
    k = "review.lawsuit_after_review.total"
    return number(v("H24", k), "count", [c("H24", k)])


@case(88)
def _():
    k = "requests.withheld_enforcement.total"
    return number(v("H23", k), "count", [c("H23", k)])


@case(89)
def _():
    agree = narrative("H24", "受理政府信息公开申请") == v("H24", NEW)
    return boolean(agree, [FILE["H24"], c("H24", NEW)])


@case(90)
def _():
    rs = [r for r in Y2020 if usable(r, AMT)]
    return number(sum(v(r, AMT) for r in rs), "yuan", proc_cites(rs))


@case(91)
def _():
    k = "requests.other_no_correction.total"
    return unanswerable(state("H24", k) == "absent", "sub-row not printed (single 其他处理 row)")


@case(92)
def _():
    rs = mentions(FIVE, "培训", "五")
    return listing([agency(r) for r in rs], False, [FILE[r] for r in rs])


@case(93)
def _():
    k = "requests.partial.total"
    return number(v("H24", k), "count", [c("H24", k)])


@case(94)
def _():
    return number(abs(v("H24", K) - v("H24", P)), "count", [c("H24", K), c("H24", P)])


@case(95)
def _():
    return passage("C", "信息保密审查")


@case(96)
def _():
    return boolean(v("H24", CO) < v("H23", CO) / 2, [c("H23", CO), c("H24", CO)])


@case(97)
def _():
    k = "review.lawsuit_after_review.other"
    return number(v("H24", k), "count", [c("H24", k)])


@case(98)
def _():
    k = "active.rules.public_total"
    return agency_top([(r, v(r, k)) for r in T2019], [c(r, k) for r in T2019])


@case(99)
def _():
    return unanswerable(not find_reports("鄞州区", 2020), "no 2020 report of 鄞州区统计局")


@case(100)
def _():
    k = "active.normative.in_force"
    return number(pct(v("H24", k) - v("H23", k), v("H23", k)), "percent", [c("H23", k), c("H24", k)])


@case(101)
def _():
    return passage("D", "邀请律师")


@case(102)
def _():
    k = "requests.unavailable_not_held.total"
    return unanswerable(state("A", k) == "blank", "the row's total cell is blank; blank is not 0")


@case(103)
def _():
    ks = [f"review.{g}.total" for g in REVIEW_GROUPS]
    return listing([v("H24", k) for k in ks], True, cells("H24", ks))


@case(104)
def _():
    k = "requests.new.person"
    return number(v("C", k), "count", [c("C", k)])


@case(105)
def _():
    return number(per_project("E"), "yuan", [c("E", AMT), c("E", PRJ)])


@case(106)
def _():
    return passage("D", "个人信息保护")


@case(107)
def _():
    rs = [r for r in ALL if GOLD[r]["template"] == "2021"]
    return {"expect": {"kind": "agency", "value": _only([agency(r) for r in rs])}, "cite": [FILE[r] for r in rs]}


def _only(names: list[str]) -> str:
    s = set(names)
    assert len(s) == 1, names
    return s.pop()


@case(108)
def _():
    rs = [r for r in ALL if "fail" in CHECKS[r].values()]
    for r in ALL:  # the recomputed checks agree with the gold's recorded ones
        assert {k: v_.split(":")[0] for k, v_ in GOLD[r]["checks"].items()} == CHECKS[r], r
    names = list(dict.fromkeys(agency(r) for r in rs))
    return listing(names, False, [c(r, k) for r in rs for k in sorted(UNUSABLE[r])])


@case(109)
def _():
    dated = [r for r in ALL if GOLD[r].get("published")]
    last = max(GOLD[r]["published"] for r in dated)
    win = [r for r in dated if GOLD[r]["published"] == last]
    assert len(win) == 1
    return {"expect": {"kind": "agency", "value": agency(win[0])}, "cite": [FILE[r] for r in dated]}


@case(110)
def _():
    k = "active.coercion.prev_items"
    return number(v("E", k), "count", [c("E", k)])


@case(111)
def _():
    return number(pct(v("H24", K), v("H24", K) + v("H24", P) + v("H24", CO)), "percent",
                  [c("H24", K), c("H24", P), c("H24", CO)])


@case(112)
def _():
    return passage("E", "急务")


@case(113)
def _():
    return number(per_project("A"), "yuan", [c("A", AMT), c("A", PRJ)])


@case(114)
def _():
    k = "requests.withheld_secret.total"
    return number(v("H23", k), "count", [c("H23", k)])


@case(115)
def _():
    rs = ["A", "B", "D"]
    return number(sum(v(r, NEW) for r in rs), "count", [c(r, NEW) for r in rs])


@case(116)
def _():
    g = GOLD["C"]
    return listing([g["province"], g["city"]], True, [FILE["C"]])


@case(117)
def _():
    k = "requests.granted.total"
    return number(v("H24", k) - v("H23", k), "count", [c("H23", k), c("H24", k)])


@case(118)
def _():
    return number(v("H23", FEES) + v("H24", FEES), "yuan", [c("H24", FEES), c("H23", FEES)])


@case(119)
def _():
    return {**number(narrative("H23", "主动公开政府信息"), "count", []), "cite": [FILE["H23"]]}


@case(120)
def _():
    return {**number(narrative("C", "微博"), "count", []), "cite": [FILE["C"]]}


# ----------------------------------------------------------------------------- comparison

def derived_tags(cite: list[str]) -> set[str]:
    tags = set()
    years = set()
    for ct in cite:
        f, _, key = ct.partition("#")
        r = BY_FILE[f]
        years.add(year(r))
        if key and (fact(r, key) or {}).get("unit_assumed"):
            tags.add("guessed_unit")
    if len(years) > 1:
        tags.add("mixed_years")
    return tags


def same_value(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 0.006
    return a == b


def compare(got: dict, case_: dict) -> list[str]:
    probs = []
    e, x = got["expect"], case_["expect"]
    if e["kind"] != x.get("kind"):
        return [f"kind {x.get('kind')} != {e['kind']}"]
    k = e["kind"]
    if k == "number":
        if not same_value(e["value"], x.get("value")) or e["unit"] != x.get("unit"):
            probs.append(f"number {x.get('value')} {x.get('unit')} != {e['value']} {e['unit']}")
    elif k in ("agency", "boolean"):
        if not same_value(e["value"], x.get("value")):
            probs.append(f"{k} {x.get('value')!r} != {e['value']!r}")
    elif k == "list":
        xv = x.get("values", [])
        if e["ordered"] != x.get("ordered", False):
            probs.append(f"ordered {x.get('ordered')} != {e['ordered']}")
        if e["ordered"]:
            ok = len(xv) == len(e["values"]) and all(same_value(a, b) for a, b in zip(e["values"], xv))
        else:
            ok = sorted(map(str, e["values"])) == sorted(map(str, xv))
        if not ok:
            probs.append(f"list {xv} != {e['values']}")
    elif k == "passages":
        if sorted(e["files"]) != sorted(x.get("files", [])) or sorted(e["sections"]) != sorted(x.get("sections", [])):
            probs.append(f"passages {x.get('files')}/{x.get('sections')} != {e['files']}/{e['sections']}")
    elif k == "unanswerable":
        if not x.get("note"):
            probs.append("unanswerable without a note")
    if sorted(got["cite"]) != sorted(case_.get("cite", [])):
        probs.append(f"cite {sorted(case_.get('cite', []))} != {sorted(got['cite'])}")
    want = derived_tags(got["cite"])
    have = {t for t in case_.get("tags", []) if t in ("guessed_unit", "mixed_years")}
    if want != have:
        probs.append(f"tags {sorted(have)} != {sorted(want)}")
    return probs


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    cases = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems: list[str] = []
    ids = [cs["id"] for cs in cases]
    if ids != [f"h32-{i:03d}" for i in range(1, 121)]:
        problems.append("ids are not exactly h32-001 .. h32-120 in order")
    langs = {"zh": 0, "en": 0}
    for cs in cases:
        tl = [t for t in cs.get("tags", []) if t in langs]
        if len(tl) != 1:
            problems.append(f"{cs['id']}: needs exactly one of zh/en in tags")
        else:
            langs[tl[0]] += 1
        if not isinstance(cs.get("turns", []), list) or not all(isinstance(t, str) and t for t in cs.get("turns", [])):
            problems.append(f"{cs['id']}: turns must be a list of questions")
    if langs != {"zh": 60, "en": 60}:
        problems.append(f"language split {langs} (want 60/60)")

    matched = 0
    kinds: dict[str, int] = {}
    for cs in cases:
        fn = SPEC.get(cs["id"])
        if fn is None:
            problems.append(f"{cs['id']}: no reference spec")
            continue
        try:
            got = fn()
        except (NotUsable, AssertionError) as ex:
            problems.append(f"{cs['id']}: reference cannot compute: {ex!r}")
            continue
        kinds[got["expect"]["kind"]] = kinds.get(got["expect"]["kind"], 0) + 1
        probs = compare(got, cs)
        if verbose:
            e = got["expect"]
            shown = {k: e[k] for k in e if k != "kind"}
            why = f"  ({got['why']})" if "why" in got else ""
            print(f"{cs['id']} [{e['kind']}] {json.dumps(shown, ensure_ascii=False)}{why}  cite={len(got['cite'])}"
                  f" tags={sorted(derived_tags(got['cite']))}  {'OK' if not probs else 'MISMATCH'}")
        if probs:
            problems.extend(f"{cs['id']}: {p}" for p in probs)
        else:
            matched += 1
    for p in problems:
        print("MISMATCH", p)
    multi = sum(1 for cs in cases if cs.get("turns"))
    kind_txt = " ".join(f"{k}={kinds.get(k, 0)}" for k in ("number", "agency", "list", "boolean", "passages", "unanswerable"))
    print(f"SUMMARY: {matched}/{len(SPEC)} cases match the gold recomputation "
          f"(zh={langs['zh']} en={langs['en']}; {kind_txt}; multi-turn={multi}; problems={len(problems)})")
    return 0 if matched == 120 and len(cases) == 120 and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
