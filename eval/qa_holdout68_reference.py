#!/usr/bin/env python3
"""Reference answers for eval/qa_holdout68.jsonl (stdlib only).

Recomputes every case's expected answer from tests/fixtures/gold/*.json (cell values, states,
units, metadata) and, for passage and mention cases, from the section text of data/samples/*.txt.
For each case it also rebuilds the cite list and the `guessed_unit` / `mixed_years` tags, checks
that every cell used is in state "number" and outside any group that fails R1-R4 (unless the case
is tagged "quality"), and that unanswerable cases have the reason they claim (blank, absent,
failing group, or no such report). Prints every mismatch, then "SUMMARY n/120"; exits 0 only at
120/120.

Run from anywhere:  python3 eval/qa_holdout68_reference.py
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
CASES = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "qa_holdout68.jsonl"

# ------------------------------------------------------------------ the store (gold)
STEMS = {"A": "000_2133ae744f48d674", "B": "001_19df74b8cb7281a4", "C": "002_c42cd15df52a6935",
         "D": "003_acfa5b9243423631", "E": "004_5206fb2196a31c52",
         "H3": "hongze-qu-gov-2023", "H4": "hongze-qu-gov-2024"}
G = {code: json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")) for code, stem in STEMS.items()}
ALL = list(STEMS)


def cite_file(code: str) -> str:
    """samples: 000_….txt; Hongze: hongze-qu-gov-2023.pdf (the gold stores samples/pdf/…)."""
    return Path(G[code]["file"]).name


def name(code: str) -> str:
    return G[code]["agency"]


def year(code: str) -> int:
    return int(G[code]["year"])


def kind(code: str) -> str:
    k = G[code].get("agency_kind")
    if k:
        return k
    a = G[code]["agency"]
    if a.endswith("人民政府") or "办公厅" in a:
        return "government"
    if "街道" in a or a.endswith("镇") or a.endswith("乡"):
        return "street_office"
    return "department"


def fact(code: str, key: str) -> dict | None:
    return G[code]["facts"].get(key)


def state(code: str, key: str) -> str:
    f = fact(code, key)
    return "absent" if f is None else f["state"]


# ------------------------------------------------------------------ balance rules R1-R4
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
                "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation",
                "other", "other_no_correction", "other_no_fee", "other_misc"]
ALL_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def _vals(code, keys):
    """values of keys, None if any is blank/unreadable; absent cells are dropped."""
    out = []
    for k in keys:
        s = state(code, k)
        if s == "absent":
            continue
        if s != "number":
            return None
        out.append(fact(code, k)["value"])
    return out


def balance(code: str):
    """(status per rule, set of cell keys in failing groups)."""
    failing: set[str] = set()
    status = {"R1": "pass", "R2": "pass", "R3": "pass", "R4": "pass"}
    for col in COLS:  # R1
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        v = _vals(code, keys)
        if v is not None and len(v) == 4 and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
            status["R1"] = "fail"; failing.update(keys)
    for col in COLS:  # R2
        keys = [f"requests.{r}.{col}" for r in OUTCOME_ROWS]
        v = _vals(code, keys)
        h = _vals(code, [f"requests.handled.{col}"])
        if v is not None and h:
            if abs(sum(v) - h[0]) > 1e-9:
                status["R2"] = "fail"; failing.update(keys + [f"requests.handled.{col}"])
    for row in ALL_ROWS:  # R3
        keys = [f"requests.{row}.{c}" for c in COLS]
        if all(state(code, k) == "absent" for k in keys):
            continue
        v = _vals(code, keys)
        if v is not None and len(v) == 7 and abs(sum(v[:6]) - v[6]) > 1e-9:
            status["R3"] = "fail"; failing.update(keys)
    for g in REVIEW_GROUPS:  # R4
        keys = [f"review.{g}.{c}" for c in REVIEW_COLS]
        v = _vals(code, keys)
        if v is not None and len(v) == 5 and abs(sum(v[:4]) - v[4]) > 1e-9:
            status["R4"] = "fail"; failing.update(keys)
    return status, failing


FAILING: dict[str, set[str]] = {}
SETUP_PROBLEMS: list[str] = []
for _c in ALL:
    _st, _fail = balance(_c)
    FAILING[_c] = _fail
    for rule, s in _st.items():
        printed = str(G[_c]["checks"][rule])
        if not printed.startswith(s):
            SETUP_PROBLEMS.append(f"{_c} {rule}: recomputed {s}, gold says {printed!r}")


def r4_failing_groups(code: str) -> list[str]:
    out = []
    for g in REVIEW_GROUPS:
        v = _vals(code, [f"review.{g}.{c}" for c in REVIEW_COLS])
        if v is not None and len(v) == 5 and abs(sum(v[:4]) - v[4]) > 1e-9:
            out.append(g)
    return out


# ------------------------------------------------------------------ section text of the samples
TITLE_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}
NUMS = "一二三四五六"


def sections(code: str) -> dict[str, str]:
    lines = (SAMPLES / cite_file(code)).read_text(encoding="utf-8").splitlines()
    starts = []
    want = 0
    for i, line in enumerate(lines):
        if want >= 6:
            break
        n = NUMS[want]
        m = re.match(r"^[#*\s]*" + n + r"、(.*)$", line)
        if m and TITLE_WORDS[n] in m.group(1):
            starts.append(i)
            want += 1
    if len(starts) != 6:
        raise SystemExit(f"{code}: found {len(starts)} section headings, expected 6")
    out = {}
    for j, n in enumerate(NUMS):
        end = starts[j + 1] if j + 1 < 6 else len(lines)
        out[n] = "\n".join(lines[starts[j]:end])
    return out


SECTIONS = {c: sections(c) for c in ("A", "B", "C", "D", "E")}
FULLTEXT = {c: (SAMPLES / cite_file(c)).read_text(encoding="utf-8") for c in ("A", "B", "C", "D", "E")}


# ------------------------------------------------------------------ per-case context
class Ctx:
    def __init__(self):
        self.cells: list[tuple[str, str]] = []
        self.files: list[str] = []       # codes cited as bare files (passages / mentions)
        self.reports: set[str] = set()   # reports the answer draws on (cells, passages, metadata)
        self.problems: list[str] = []

    def v(self, code: str, key: str) -> float:
        f = fact(code, key)
        if f is None or f["state"] != "number":
            self.problems.append(f"uses {code}#{key} in state {state(code, key)}")
            raise LookupError(key)
        if (code, key) not in self.cells:
            self.cells.append((code, key))
        self.reports.add(code)
        return f["value"]

    def meta(self, codes):
        self.reports.update(codes)
        return list(codes)

    def passage(self, code: str, sec: str, keyword: str) -> dict:
        secs = SECTIONS[code]
        where = [n for n in NUMS if keyword in secs[n]]
        if where != [sec]:
            self.problems.append(f"keyword {keyword!r} of {code} found in sections {where}, expected [{sec}]")
        self.files.append(code); self.reports.add(code)
        return {"kind": "passages", "files": [cite_file(code)], "sections": [sec]}

    def mentions(self, keyword: str, pool) -> list[str]:
        hits = [c for c in pool if keyword in FULLTEXT[c]]
        for c in hits:
            self.files.append(c); self.reports.add(c)
        return [name(c) for c in hits]


def num(v, unit="count"):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def agency(code):
    return {"kind": "agency", "value": name(code)}


def lst(names, ordered=False):
    return {"kind": "list", "values": list(names), "ordered": ordered}


def boolean(b):
    return {"kind": "boolean", "value": bool(b)}


UNANS = {"kind": "unanswerable"}


def ranked(ctx, codes, valfn, highest=True):
    """codes sorted by valfn (highest first unless highest=False), with the values."""
    vals = {c: valfn(ctx, c) for c in codes}
    order = sorted(codes, key=lambda c: vals[c], reverse=highest)
    return order, vals


def earlier(ctx, codes, valfn, pos=0, highest=True):
    """an agency picked by an earlier turn: ranked on a scratch context (its cells are not cited
    by the final answer), but a tie there is still reported."""
    scratch = Ctx()
    top = pick(scratch, codes, valfn, pos, highest)
    ctx.problems += scratch.problems
    return top


def pick(ctx, codes, valfn, pos=0, highest=True):
    order, vals = ranked(ctx, codes, valfn, highest)
    target = vals[order[pos]]
    if sum(1 for c in codes if vals[c] == target) != 1:
        ctx.problems.append(f"tie at rank position {pos}: {vals}")
    return order[pos]


def cellf(key):
    return lambda ctx, c: ctx.v(c, key)


def per_project(ctx, c):
    return ctx.v(c, "active.procurement.amount") / ctx.v(c, "active.procurement.projects")


def has_block(c, key="active.procurement.amount"):
    return state(c, key) != "absent"


def by_year(y):
    return [c for c in ALL if year(c) == y]


def bureaus():
    return [c for c in ALL if name(c).endswith("统计局")]


def no_report(ctx, pred):
    if any(pred(c) for c in ALL):
        ctx.problems.append("a report matching the question exists")
    return UNANS


def blank(ctx, code, key):
    if state(code, key) != "blank":
        ctx.problems.append(f"{code}#{key} is {state(code, key)}, not blank")
    return UNANS


def absent(ctx, code, key):
    if state(code, key) != "absent":
        ctx.problems.append(f"{code}#{key} is {state(code, key)}, not absent")
    return UNANS


def failing(ctx, code, key):
    if key not in FAILING[code]:
        ctx.problems.append(f"{code}#{key} is not in a failing group")
    return UNANS


PROC = [c for c in ALL if has_block(c)]                       # the reports with a procurement block
Y2020 = by_year(2020)
HZ = [c for c in ALL if "洪泽区" in name(c)]
HZ23 = [c for c in HZ if year(c) == 2023][0]
HZ24 = [c for c in HZ if year(c) == 2024][0]


def find(fragment, y=None):
    hits = [c for c in ALL if fragment in name(c) and (y is None or year(c) == y)]
    assert len(hits) == 1, (fragment, y, hits)
    return hits[0]


GULOU = find("鼓楼区统计局"); LUCHENG = find("鹿城"); YINZHOU = find("鄞州"); WENQUAN = find("温泉")
ERQI = find("二七")


def share(a, b):
    return 100.0 * a / b


# ------------------------------------------------------------------ the 120 cases
def R():
    r = {}

    # --- v-xhs 001-020
    r[1] = lambda x: num(x.v(HZ24, "active.licensing.decisions"))
    r[2] = lambda x: num(x.v(HZ23, "active.fees.amount"), "yuan")
    r[3] = lambda x: num(x.v(HZ23, "active.penalty.decisions") - x.v(HZ24, "active.penalty.decisions"))
    r[4] = lambda x: num(share(x.v(HZ24, "requests.granted.total"), x.v(HZ24, "requests.handled.total")), "percent")
    r[5] = lambda x: agency(pick(x, [c for c in Y2020 if has_block(c)], cellf("active.procurement.projects")))
    r[6] = lambda x: agency(pick(x, PROC, cellf("active.procurement.amount"), pos=1))
    r[7] = lambda x: num(sum(1 for c in PROC if x.v(c, "active.procurement.amount") > 100000))
    r[8] = lambda x: boolean(x.v(HZ24, "requests.new.total") > x.v(HZ23, "requests.new.total"))
    r[9] = lambda x: num(len(x.meta(ALL)))
    r[10] = lambda x: x.passage(WENQUAN, "五", "答复依申请公开处理水平有待提高")
    r[11] = lambda x: blank(x, WENQUAN, "requests.other.total")
    r[12] = lambda x: num(x.v(HZ23, "active.fees.amount") + x.v(HZ24, "active.fees.amount"), "yuan")
    r[13] = lambda x: num(statistics.mean([x.v(c, "active.procurement.amount") for c in Y2020 if has_block(c)]), "yuan")
    r[14] = lambda x: num(x.v(HZ24, "active.coercion.decisions"))
    r[15] = lambda x: num(share(x.v(LUCHENG, "active.penalty.decisions"), x.v(YINZHOU, "active.penalty.decisions")), "percent")
    r[16] = lambda x: num(x.v(ERQI, "active.procurement.amount"), "yuan")
    r[17] = lambda x: num(statistics.median([x.v(c, "active.procurement.projects") for c in PROC]))
    r[18] = lambda x: boolean(x.v(YINZHOU, "active.procurement.amount") > x.v(GULOU, "active.procurement.amount"))
    r[19] = lambda x: boolean(G[x.meta([WENQUAN])[0]]["published"] == "2021-01-15")
    r[20] = lambda x: lst([name(c) for c in x.meta([c for c in ALL if G[c]["province"] == "福建省"])])

    # --- v-changsha 021-040
    r[21] = lambda x: num(x.v(LUCHENG, "active.penalty.decisions"))
    r[22] = lambda x: num(x.v(YINZHOU, "active.penalty.prev_items"))
    r[23] = lambda x: num(x.v(ERQI, "active.coercion.prev_items"))
    r[24] = lambda x: num(x.v(HZ24, "active.penalty.decisions") + x.v(HZ24, "active.coercion.decisions"))
    r[25] = lambda x: num(sum(x.v(c, "requests.new.total") for c in ALL))
    r[26] = lambda x: agency(pick(x, Y2020, cellf("active.penalty.decisions")))
    r[27] = lambda x: agency(pick(x, PROC, cellf("active.procurement.projects"), pos=1, highest=False))
    r[28] = lambda x: num(sum(1 for c in ALL if x.v(c, "requests.new.total") == 0))
    r[29] = lambda x: boolean(x.v(HZ24, "active.licensing.decisions") - x.v(HZ23, "active.licensing.decisions") > 8000)
    r[30] = lambda x: num(x.v(GULOU, "active.procurement.amount") - x.v(WENQUAN, "active.procurement.amount"), "yuan")
    r[31] = lambda x: x.passage(ERQI, "一", "四个结合")
    r[32] = lambda x: x.passage(YINZHOU, "五", "信息公开范围单一")
    r[33] = lambda x: no_report(x, lambda c: "洪泽区" in name(c) and year(c) == 2022)
    r[34] = lambda x: num(x.v(HZ23, "requests.withheld_enforcement.total"))
    # turn 1: which 2020 report received most new applications -> that agency's not-held count
    r[35] = lambda x: num(x.v(earlier(x, Y2020, cellf("requests.new.total")), "requests.unavailable_not_held.total"))
    r[36] = lambda x: num(share(x.v(YINZHOU, "requests.granted.total"), x.v(YINZHOU, "requests.handled.total")), "percent")
    r[37] = lambda x: agency(x.meta([c for c in ALL if G[c]["province"] == "河南省"])[0])
    r[38] = lambda x: boolean(G[x.meta([HZ23])[0]]["template"] == "2021")
    r[39] = lambda x: boolean(x.v(LUCHENG, "active.penalty.decisions")
                              > statistics.mean([x.v(c, "active.penalty.decisions") for c in bureaus()]))
    r[40] = lambda x: blank(x, GULOU, "requests.unavailable_not_held.total")

    # --- v-xiaobian 041-060
    r[41] = lambda x: num(x.v(HZ24, "requests.new.total"))
    r[42] = lambda x: num(x.v(HZ24, "review.reconsideration.total"))
    r[43] = lambda x: num(x.v(HZ24, "review.lawsuit_after_review.upheld"))
    r[44] = lambda x: num(x.v(HZ23, "active.fees.amount") - x.v(HZ24, "active.fees.amount"), "yuan")
    r[45] = lambda x: num(x.v(HZ23, "active.normative.in_force"))
    r[46] = lambda x: num(share(x.v(HZ24, "requests.new.total") - x.v(HZ23, "requests.new.total"),
                                x.v(HZ23, "requests.new.total")), "percent")

    def c47(x):
        pool = [c for c in Y2020 if has_block(c)]
        order, vals = ranked(x, pool, cellf("active.procurement.amount"))
        if len({vals[c] for c in order[:4]}) < 4:
            x.problems.append("tie within the top three")
        return lst([name(c) for c in order[:3]], ordered=True)
    r[47] = c47
    r[48] = lambda x: num(sum(x.v(c, "active.procurement.projects") for c in Y2020 if has_block(c)))
    r[49] = lambda x: absent(x, HZ24, "active.procurement.amount")

    def c50(x):
        keys = [f"review.reconsideration.{k}" for k in REVIEW_COLS]
        for k in keys:
            if k not in FAILING[HZ23]:
                x.problems.append(f"{k} not in a failing group")
        v = [x.v(HZ23, k) for k in keys]
        return num(sum(v[:4]) - v[4])
    r[50] = c50
    r[51] = lambda x: x.passage(GULOU, "五", "加强政府信息公开业务学习和培训")
    r[52] = lambda x: x.passage(YINZHOU, "五", "落实以下改进措施")
    r[53] = lambda x: lst(x.mentions("统计开放日", [c for c in bureaus() if c in FULLTEXT]))
    r[54] = lambda x: num(sum(1 for c in Y2020 if x.v(c, "active.penalty.decisions") == 0))
    r[55] = lambda x: num(x.v(HZ24, "active.penalty.decisions") + x.v(HZ23, "active.penalty.decisions"))
    r[56] = lambda x: num(x.v(WENQUAN, "active.procurement.projects"))
    r[57] = lambda x: num(len(x.meta([c for c in ALL if kind(c) == "street_office"])))
    r[58] = lambda x: lst([name(c) for c in x.meta([c for c in ALL if (G[c]["published"] or "").startswith("2021-01")])])
    r[59] = lambda x: boolean(x.v(WENQUAN, "requests.new.total") - x.v(GULOU, "requests.new.total") == 3)
    r[60] = lambda x: absent(x, HZ24, "requests.other_no_correction.total")

    # --- v-korean 061-080
    r[61] = lambda x: num(x.v(GULOU, "active.penalty.prev_items"))
    r[62] = lambda x: num(x.v(HZ24, "active.fees.amount"), "yuan")
    r[63] = lambda x: num(x.v(HZ23, "requests.withheld_secret.total"))
    r[64] = lambda x: num(x.v(HZ24, "requests.unavailable_not_held.total"))
    r[65] = lambda x: agency(pick(x, PROC, per_project))
    r[66] = lambda x: agency(pick(x, PROC, cellf("active.procurement.projects"), pos=1))
    r[67] = lambda x: num(sum(x.v(c, "active.procurement.amount") for c in bureaus() if has_block(c)), "yuan")
    r[68] = lambda x: num(x.v(YINZHOU, "active.procurement.amount") - x.v(LUCHENG, "active.procurement.amount"), "yuan")
    r[69] = lambda x: num(share(x.v(HZ23, "requests.partial.total"), x.v(HZ23, "requests.new.total")), "percent")
    r[70] = lambda x: boolean(x.v(HZ24, "active.coercion.decisions") < x.v(HZ23, "active.coercion.decisions"))
    r[71] = lambda x: num(sum(1 for c in ALL if x.v(c, "requests.new.total") > 10))

    def c72(x):
        reps = x.meta([c for c in ALL if G[c]["province"] == "江苏省"])
        return num(len({name(c) for c in reps}))
    r[72] = c72
    r[73] = lambda x: boolean(kind(x.meta([WENQUAN])[0]) == "street_office" and not name(WENQUAN).endswith("统计局"))
    r[74] = lambda x: x.passage(GULOU, "一", "个人信息保护")
    r[75] = lambda x: UNANS   # staffing is not a field of any table or of the metadata
    r[76] = lambda x: num(share(x.v(HZ24, "active.licensing.decisions"), x.v(HZ23, "active.licensing.decisions")), "percent")
    r[77] = lambda x: num(x.v(earlier(x, Y2020, cellf("requests.new.total")), "requests.granted.total"))
    r[78] = lambda x: num(statistics.mean([x.v(c, "requests.new.total") for c in HZ]))
    r[79] = lambda x: num(statistics.median([x.v(c, "active.procurement.amount") for c in PROC]), "yuan")
    r[80] = lambda x: boolean(x.v(YINZHOU, "active.rules.published") > x.v(GULOU, "active.rules.published"))

    # --- v-taglish 081-100
    r[81] = lambda x: num(x.v(HZ24, "active.normative.issued"))
    r[82] = lambda x: num(x.v(HZ23, "active.normative.repealed"))
    r[83] = lambda x: num(x.v(HZ24, "requests.carried_out.total"))
    r[84] = lambda x: num(x.v(HZ24, "review.reconsideration.corrected"))
    r[85] = lambda x: agency(pick(x, bureaus(), cellf("active.penalty.decisions"), pos=1))
    r[86] = lambda x: num(sum(1 for c in PROC if x.v(c, "active.procurement.amount") < 100000))
    r[87] = lambda x: num(x.v(HZ24, "requests.granted.total") - x.v(HZ23, "requests.granted.total"))
    r[88] = lambda x: num(share(x.v(HZ23, "requests.unavailable_not_held.total"), x.v(HZ23, "requests.handled.total")), "percent")
    r[89] = lambda x: boolean(x.v(LUCHENG, "active.procurement.projects") > x.v(WENQUAN, "active.procurement.projects"))
    r[90] = lambda x: num(len(x.meta([c for c in ALL if G[c]["template"] == "2019"])))
    r[91] = lambda x: lst([name(c) for c in x.meta([c for c in bureaus() if not G[c]["published"]])])
    r[92] = lambda x: x.passage(YINZHOU, "六", "没有其他需要报告事项")
    r[93] = lambda x: x.passage(LUCHENG, "一", "统计开放日")
    r[94] = lambda x: no_report(x, lambda c: "鄞州" in name(c) and year(c) == 2020)
    r[95] = lambda x: blank(x, WENQUAN, "requests.carried_out.total")
    r[96] = lambda x: num(x.v(HZ24, "active.penalty.decisions") - x.v(HZ24, "active.coercion.decisions"))
    r[97] = lambda x: agency(pick(x, [c for c in Y2020 if has_block(c)], cellf("active.procurement.amount"), pos=1))

    def c98(x):
        fj = [c for c in PROC if G[c]["province"] == "福建省"]
        amt = sum(x.v(c, "active.procurement.amount") for c in fj)
        prj = sum(x.v(c, "active.procurement.projects") for c in fj)
        return num(amt / prj, "yuan")
    r[98] = c98
    r[99] = lambda x: num(x.v(HZ24, "review.lawsuit_direct.total"))
    r[100] = lambda x: boolean(all(x.v(c, "active.licensing.decisions") == 0 for c in ALL if G[c]["template"] == "2019"))

    # --- v-league 101-120
    r[101] = lambda x: agency(pick(x, bureaus(), cellf("requests.new.total")))
    r[102] = lambda x: agency(pick(x, [c for c in ALL if has_block(c, "active.penalty.prev_items")],
                                   cellf("active.penalty.prev_items"), pos=1))
    r[103] = lambda x: agency(pick(x, PROC, cellf("active.procurement.amount"), pos=1, highest=False))
    r[104] = lambda x: num(x.v(HZ23, "active.coercion.decisions") - x.v(HZ24, "active.coercion.decisions"))

    def c105(x):
        order, vals = ranked(x, PROC, cellf("active.procurement.amount"))
        if len({vals[c] for c in order[:4]}) < 4:
            x.problems.append("tie within the podium")
        return lst([name(c) for c in order[:3]], ordered=True)
    r[105] = c105
    r[106] = lambda x: num(sum(1 for c in ALL if x.v(c, "requests.carried_in.total") == 0))
    r[107] = lambda x: num(sum(x.v(c, "active.penalty.decisions") for c in ALL))
    r[108] = lambda x: num(statistics.mean([x.v(c, "active.penalty.decisions") for c in HZ]))
    r[109] = lambda x: boolean(x.v(HZ24, "active.fees.amount") < x.v(HZ23, "active.fees.amount"))
    r[110] = lambda x: num(share(x.v(HZ24, "requests.new.total"), sum(x.v(c, "requests.new.total") for c in ALL)), "percent")

    def c111(x):
        pool = [c for c in Y2020 if has_block(c)]
        top = pick(x, pool, cellf("active.procurement.projects"))
        return num(share(x.v(top, "active.procurement.projects"),
                         sum(x.v(c, "active.procurement.projects") for c in pool)), "percent")
    r[111] = c111
    r[112] = lambda x: boolean(x.v(WENQUAN, "requests.new.total") - x.v(GULOU, "requests.new.total") > 2)
    r[113] = lambda x: num(len({name(c) for c in x.meta(ALL)}))
    r[114] = lambda x: agency(x.meta([c for c in ALL if kind(c) == "government"])[0]) \
        if len({name(c) for c in ALL if kind(c) == "government"}) == 1 else {"kind": "error"}
    r[115] = lambda x: x.passage(ERQI, "五", "进一步规范公开内容")
    r[116] = lambda x: x.passage(GULOU, "五", "广度和深度")
    r[117] = lambda x: failing(x, HZ23, "review.reconsideration.upheld")

    def c118(x):
        for g in REVIEW_GROUPS:
            for k in REVIEW_COLS:
                x.v(HZ23, f"review.{g}.{k}")
        return num(len(r4_failing_groups(HZ23)))
    r[118] = c118

    def c119(x):
        for g in REVIEW_GROUPS:
            for k in REVIEW_COLS:
                x.v(HZ24, f"review.{g}.{k}")
        return boolean(not r4_failing_groups(HZ24))
    r[119] = c119
    r[120] = lambda x: no_report(x, lambda c: "南京" in name(c) or ("鼓楼区统计局" in name(c) and year(c) == 2019))
    return r


# ------------------------------------------------------------------ comparison
def same_expect(exp: dict, got: dict) -> str | None:
    if exp.get("kind") != got.get("kind"):
        return f"kind {exp.get('kind')} != {got.get('kind')}"
    k = got["kind"]
    if k == "number":
        if exp.get("unit") != got["unit"]:
            return f"unit {exp.get('unit')} != {got['unit']}"
        e, g = float(exp["value"]), float(got["value"])
        if abs(e - g) > max(0.006, 1e-9 * abs(g)):
            return f"value {e} != {g}"
    elif k in ("agency", "boolean"):
        if exp.get("value") != got["value"]:
            return f"value {exp.get('value')!r} != {got['value']!r}"
    elif k == "list":
        if bool(exp.get("ordered")) != got["ordered"]:
            return f"ordered {exp.get('ordered')} != {got['ordered']}"
        ev, gv = list(exp.get("values", [])), list(got["values"])
        if (ev != gv) if got["ordered"] else (sorted(map(str, ev)) != sorted(map(str, gv))):
            return f"values {ev} != {gv}"
    elif k == "passages":
        if sorted(exp.get("files", [])) != sorted(got["files"]) or sorted(exp.get("sections", [])) != sorted(got["sections"]):
            return f"passages {exp.get('files')}/{exp.get('sections')} != {got['files']}/{got['sections']}"
    return None


def main() -> int:
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    problems_total = list(SETUP_PROBLEMS)
    for p in SETUP_PROBLEMS:
        print("SETUP:", p)
    refs = R()
    ok = 0
    zh = sum(1 for c in cases if "zh" in c["tags"])
    en = sum(1 for c in cases if "en" in c["tags"])
    ids = [c["id"] for c in cases]
    if ids != [f"h68-{i:03d}" for i in range(1, 121)]:
        print("SETUP: ids are not h68-001 … h68-120 in order")
        problems_total.append("ids")
    if (zh, en) != (60, 60):
        print(f"SETUP: {zh} zh / {en} en, expected 60 / 60")
        problems_total.append("lang")
    for case in cases:
        n = int(case["id"].split("-")[1])
        ctx = Ctx()
        errs = []
        try:
            got = refs[n](ctx)
        except LookupError as e:
            got = None
            errs.append(f"cannot compute ({e})")
        errs += ctx.problems
        tags = case.get("tags", [])
        if got is not None:
            d = same_expect(case["expect"], got)
            if d:
                errs.append(d)
        # cite list
        want_cite = [f"{cite_file(c)}#{k}" for c, k in ctx.cells] + [cite_file(c) for c in ctx.files]
        if got is not None and got["kind"] == "unanswerable":
            want_cite = []
        if sorted(set(case.get("cite", []))) != sorted(set(want_cite)) or len(case.get("cite", [])) != len(set(case.get("cite", []))):
            errs.append(f"cite {sorted(case.get('cite', []))} != {sorted(set(want_cite))}")
        # tags rebuilt
        guessed = any(k == "active.procurement.amount" and (fact(c, k) or {}).get("unit_assumed") for c, k in ctx.cells)
        mixed = len({year(c) for c in ctx.reports}) > 1
        if got is not None and got["kind"] == "unanswerable":
            guessed = mixed = False
        if guessed != ("guessed_unit" in tags):
            errs.append(f"guessed_unit tag should be {guessed}")
        if mixed != ("mixed_years" in tags):
            errs.append(f"mixed_years tag should be {mixed}")
        # failing-group cells only in quality cases
        if "quality" not in tags:
            bad = [f"{c}#{k}" for c, k in ctx.cells if k in FAILING[c]]
            if bad:
                errs.append(f"uses cells of a failing group outside a quality case: {bad}")
        # language tag
        if ("zh" in tags) == ("en" in tags):
            errs.append("needs exactly one of zh / en")
        if errs:
            print(f"MISMATCH {case['id']}: " + "; ".join(errs))
        else:
            ok += 1
    n_turns = sum(1 for c in cases if c.get("turns"))
    print(f"multi-turn cases: {n_turns}")
    kinds = {}
    for c in cases:
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
    print("kinds:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])))
    if problems_total:
        ok = min(ok, 119) if ok == 120 else ok
    print(f"SUMMARY {ok}/{len(cases) if len(cases) == 120 else 120}")
    return 0 if ok == 120 and len(cases) == 120 and not problems_total else 1


if __name__ == "__main__":
    sys.exit(main())
