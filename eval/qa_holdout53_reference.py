#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout53.jsonl (stdlib only).

Every expected answer of the 120 cases is recomputed here from the hand-checked gold
(tests/fixtures/gold/*.json) and, for passage cases, from the section text of
data/samples/*.txt. The script also recomputes the cite list of each case (every cell the
computation read) and the tags `guessed_unit` (a cited cell whose unit is assumed) and
`mixed_years` (cited cells from reports of more than one year), and checks the format
(fields, kinds, units, cite syntax, ids, 60 zh / 60 en).

Conventions enforced:
* only cells with state "number" are read; a blank / absent / missing cell makes the
  question unanswerable;
* the balance rules R1-R4 of DOMAIN.md are recomputed; the cells of a group that fails
  its rule can only be read by a question about the failure (allow_failed=True); any other
  read makes the question unanswerable;
* money in yuan: gold values are already in yuan (Hongze fees 万元 x 10000 are checked
  against the raw text below).

Prints each mismatch and "SUMMARY n/120"; exit status 0 only at 120/120.
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
CASES_PATH = Path(__file__).resolve().parent / "qa_holdout53.jsonl"
N_CASES = 120

# ---------------------------------------------------------------- gold

def _load_reports() -> dict[str, dict]:
    reps = {}
    for p in sorted(GOLD_DIR.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d["cite_name"] = Path(d["file"]).name          # samples/pdf/hongze-qu-gov-2023.pdf -> hongze-qu-gov-2023.pdf
        name = d["agency"]
        if not d.get("agency_kind"):                   # Hongze: kind from the name
            if "人民政府" in name or "办公厅" in name:
                d["agency_kind"] = "government"
            elif "街道" in name or "乡" in name or "镇" in name:
                d["agency_kind"] = "street_office"
            else:
                d["agency_kind"] = "department"
        reps[p.stem] = d
    return reps


REPORTS = _load_reports()

APPLICANTS = ("person", "business", "research", "nonprofit", "legal", "other_org")
COLS = APPLICANTS + ("total",)
OUTCOMES = (["granted", "partial"]
            + ["withheld_" + k for k in ("secret", "law", "safety", "third_party", "internal", "process",
                                         "enforcement", "query")]
            + ["unavailable_" + k for k in ("not_held", "needs_creation", "unclear")]
            + ["declined_" + k for k in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
            + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")


def _num(rep: dict, key: str):
    f = rep["facts"].get(key)
    return f["value"] if f and f.get("state") == "number" else None


def _state(rep: dict, key: str) -> str:
    f = rep["facts"].get(key)
    return f.get("state", "absent") if f else "absent"


def balance_failures() -> list[tuple[str, str, str, list[str]]]:
    """(report stem, rule, group, cells) for every group that fails R1-R4; groups with a
    blank cell are skipped (not failures)."""
    out = []
    for stem, rep in REPORTS.items():
        st = lambda k: _state(rep, k)  # noqa: E731
        for c in COLS:                                                     # R1
            cells = [f"requests.{r}.{c}" for r in ("new", "carried_in", "handled", "carried_out")]
            if all(st(k) == "number" for k in cells):
                a, b, h, o = (_num(rep, k) for k in cells)
                if abs((a + b) - (h + o)) > 1e-9:
                    out.append((stem, "R1", c, cells))
        for c in COLS:                                                     # R2
            rows = [f"requests.{r}.{c}" for r in OUTCOMES if st(f"requests.{r}.{c}") != "absent"]
            h = f"requests.handled.{c}"
            if st(h) == "number" and all(st(k) == "number" for k in rows):
                if abs(sum(_num(rep, k) for k in rows) - _num(rep, h)) > 1e-9:
                    out.append((stem, "R2", c, [h] + rows))
        rows3 = ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]
        for r in rows3:                                                    # R3
            cells = [f"requests.{r}.{c}" for c in COLS]
            if all(st(k) == "number" for k in cells):
                if abs(sum(_num(rep, k) for k in cells[:-1]) - _num(rep, cells[-1])) > 1e-9:
                    out.append((stem, "R3", r, cells))
        for g in REVIEW_GROUPS:                                            # R4
            cells = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
            if all(st(k) == "number" for k in cells):
                if abs(sum(_num(rep, k) for k in cells[:-1]) - _num(rep, cells[-1])) > 1e-9:
                    out.append((stem, "R4", g, cells))
    return out


FAILURES = balance_failures()
TAINTED = {(stem, k) for stem, _, _, cells in FAILURES for k in cells}


# ---------------------------------------------------------------- reading cells

class Unanswerable(Exception):
    pass


class Ctx:
    """Reads cells, records what it read (the cite list)."""

    def __init__(self):
        self.used: list[tuple[str, str]] = []
        self.files: list[str] = []      # passage cites

    def v(self, stem: str, key: str, allow_failed: bool = False):
        f = REPORTS[stem]["facts"].get(key)
        if f is None or f.get("state") != "number":
            raise Unanswerable(f"{stem}#{key} is {f.get('state') if f else 'absent'}")
        if (stem, key) in TAINTED and not allow_failed:
            raise Unanswerable(f"{stem}#{key} is in a group that fails its balance rule")
        if (stem, key) not in self.used:
            self.used.append((stem, key))
        return f["value"]


def rep(name: str, year: int) -> str:
    """The report stem of an agency (any printed variant contains `name`) for a year."""
    hits = []
    for stem, d in REPORTS.items():
        names = [d["agency"], d.get("agency_full") or ""] + [v["text"] for v in d.get("agency_variants") or []]
        if any(name in n for n in names) and d["year"] == year:
            hits.append(stem)
    if not hits:
        raise Unanswerable(f"no report for {name} {year}")
    if len(hits) > 1:
        raise AssertionError(f"ambiguous report name {name} {year}: {hits}")
    return hits[0]


def reports_where(**kw) -> list[str]:
    return [s for s, d in REPORTS.items() if all(d.get(k) == v for k, v in kw.items())]


def has_procurement(stem: str) -> bool:
    return _state(REPORTS[stem], "active.procurement.amount") == "number"


def agency(stem: str) -> str:
    return REPORTS[stem]["agency"]


# ---------------------------------------------------------------- passages

_SEC_RE = [("一", r"^[#\s*]*一、\s*总体情况"), ("二", r"^[#\s*]*二、\s*主动公开"), ("三", r"^[#\s*]*三、\s*收到和处理"),
           ("四", r"^[#\s*]*四、.*行政复议"), ("五", r"^[#\s*]*五、.*问题"), ("六", r"^[#\s*]*六、\s*其他")]


def section_text(stem: str, sec: str) -> str:
    lines = (SAMPLES / REPORTS[stem]["file"]).read_text(encoding="utf-8").splitlines()
    starts = {}
    for i, line in enumerate(lines):
        for s, rx in _SEC_RE:
            if s not in starts and re.match(rx, line):
                starts[s] = i
    if sec not in starts:
        raise AssertionError(f"{stem}: no section {sec}")
    begin = starts[sec]
    after = [i for i in starts.values() if i > begin]
    end = min(after) if after else len(lines)
    return re.sub(r"\s+", "", "\n".join(lines[begin:end]))


# ---------------------------------------------------------------- expect builders

def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def ag(stem):
    return {"kind": "agency", "value": agency(stem)}


def lst(values, ordered=False):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def boo(x):
    return {"kind": "boolean", "value": bool(x)}


def passages(c: Ctx, spec: dict[str, dict[str, list[str]]]):
    """spec: stem -> section -> phrases that must occur in that section (whitespace ignored)."""
    files, secs = [], []
    for stem, per in spec.items():
        for sec, phrases in per.items():
            text = section_text(stem, sec)
            for p in phrases:
                if re.sub(r"\s+", "", p) not in text:
                    raise AssertionError(f"{stem} section {sec} lacks {p!r}")
            secs.append(sec)
        files.append(REPORTS[stem]["file"])
        c.files.append(REPORTS[stem]["file"])
    return {"kind": "passages", "files": files, "sections": sorted(set(secs), key="一二三四五六".index)}


def top(c: Ctx, stems, key, largest=True, nth=1):
    vals = [(c.v(s, key), s) for s in stems]
    vals.sort(key=lambda t: t[0], reverse=largest)
    pick = vals[nth - 1][0]
    if sum(1 for v, _ in vals if v == pick) != 1 or (nth < len(vals) and vals[nth][0] == pick):
        raise AssertionError(f"tie at rank {nth} for {key}")
    return ag(vals[nth - 1][1])


def meta_only(x):
    """Marks a metadata answer (no cells)."""
    return x


# ---------------------------------------------------------------- the 120 computations

GULOU = lambda: rep("福州市鼓楼区统计局", 2020)          # noqa: E731
LUCH = lambda: rep("鹿城区统计局", 2020)                 # noqa: E731
YINZ = lambda: rep("鄞州区统计局", 2019)                 # noqa: E731
WENQ = lambda: rep("温泉街道", 2020)                     # noqa: E731
ERQI = lambda: rep("二七区统计局", 2020)                 # noqa: E731
HZ = lambda y: rep("洪泽区人民政府", y)                  # noqa: E731
Y2020 = lambda: sorted(reports_where(year=2020))         # noqa: E731
T2019 = lambda: sorted(reports_where(template="2019"))   # noqa: E731
ALL = lambda: sorted(REPORTS)                            # noqa: E731
WITHHELD = [k for k in OUTCOMES if k.startswith("withheld_")]
DECLINED = [k for k in OUTCOMES if k.startswith("declined_")]


def _sum(c, stems, key):
    return sum(c.v(s, key) for s in stems)


def f009(c):
    h = HZ(2023)
    parts = [c.v(h, f"review.reconsideration.{k}", allow_failed=True) for k in ("upheld", "corrected", "other", "pending")]
    return boo(sum(parts) == c.v(h, "review.reconsideration.total", allow_failed=True))


def f010(c):
    return lst(agency(s) for s in Y2020() if c.v(s, "active.procurement.amount") > 100000)


def f012(c):
    h = HZ(2024)
    return boo(c.v(h, "requests.handled.total") == c.v(h, "requests.new.total") + c.v(h, "requests.carried_in.total"))


def f013(c):
    p = REPORTS[YINZ()]["published"]
    if not p:
        raise Unanswerable("no publication date")
    return lst([p])


def f016(c):
    stems = [s for s in Y2020() if "统计局" in agency(s)]
    return num(_sum(c, stems, "active.penalty.decisions"))


def f029(c):
    return lst(sorted(REPORTS[s]["year"] for s in REPORTS if "洪泽" in agency(s)))


def f048(c):
    return num(statistics.median(c.v(s, "active.procurement.projects") for s in Y2020()))


def f049(c):
    vals = [c.v(s, "active.procurement.amount") for s in T2019()]
    return num(max(vals) - min(vals), "yuan")


def f053(c):
    return num(statistics.median(c.v(s, "requests.new.total") for s in ALL()))


def f054(c):
    w = c.v(WENQ(), "requests.new.total")
    return pct(w, _sum(c, Y2020(), "requests.new.total"))


def f055(c):
    h = HZ(2024)
    up = sum(c.v(h, f"review.{g}.upheld") for g in REVIEW_GROUPS)
    tot = sum(c.v(h, f"review.{g}.total") for g in REVIEW_GROUPS)
    return pct(up, tot)


def f056(c):
    stems = [s for s in ALL() if has_procurement(s)]
    return num(statistics.mean(c.v(s, "active.procurement.amount") for s in stems), "yuan")


def f059(c):
    vals = [c.v(s, "active.penalty.decisions") for s in T2019()]
    return num(max(vals) - min(vals))


def f060(c):
    stems = [s for s in ALL() if has_procurement(s)]
    return num(statistics.median(c.v(s, "active.procurement.projects") for s in stems))


def f066(c):
    hits = sorted({agency(s) for s in reports_where(province="河南省")})
    assert len(hits) == 1
    return {"kind": "agency", "value": hits[0]}


def f088(c):
    prov = REPORTS[LUCH()]["province"]
    return lst(sorted({agency(s) for s in reports_where(province=prov)} - {agency(LUCH())}))


def f094(c):
    st = [s for s in reports_where(province="福建省") if REPORTS[s]["agency_kind"] == "street_office"]
    assert len(st) == 1
    return passages(c, {st[0]: {"一": ["加强平台建设"]}})


def f095(c):
    stems = reports_where(template="2021")
    assert stems
    return boo(all(REPORTS[s]["agency_kind"] == "government" for s in stems))


def f098(c):
    return lst(sorted({agency(s) for s in ALL() if not has_procurement(s)}))


def f105(c):
    zero = [s for s in Y2020() if c.v(s, "requests.new.total") == 0]
    assert len(zero) == 1
    return ag(zero[0])


def f111(c):
    vals = sorted(((c.v(s, "active.procurement.projects"), s) for s in Y2020()), reverse=True)
    assert len({v for v, _ in vals}) == len(vals)
    return lst([agency(s) for _, s in vals], ordered=True)


def f120(c):
    bad = [(s, cells) for s, rule, _, cells in FAILURES if rule == "R4"]
    for s, cells in bad:
        for k in cells:
            c.v(s, k, allow_failed=True)
    return lst(sorted({agency(s) for s, _ in bad}))


F = {
    # inspector
    1: lambda c: num(c.v(GULOU(), "active.procurement.projects")),
    2: lambda c: lst([c.v(LUCH(), f"active.penalty.{k}") for k in ("prev_items", "change", "decisions")], True),
    3: lambda c: num(c.v(WENQ(), "requests.unavailable_not_held.total")),
    4: lambda c: lst([c.v(YINZ(), f"active.rules.{k}") for k in ("made", "published", "public_total")], True),
    5: lambda c: boo(c.v(ERQI(), "active.coercion.prev_items") == 0),
    6: lambda c: num(c.v(HZ(2024), "active.normative.in_force")),
    7: lambda c: num(c.v(HZ(2023), "active.fees.amount"), "yuan"),
    8: lambda c: num(c.v(GULOU(), "requests.unavailable_not_held.total")),
    9: f009,
    10: f010,
    11: lambda c: lst(sorted(REPORTS[s]["year"] for s in reports_where(template="2021"))),
    12: f012,
    13: f013,
    14: lambda c: passages(c, {WENQ(): {"五": ["答复依申请公开处理水平有待提高"]}}),
    15: lambda c: passages(c, {ERQI(): {"五": ["规范公开时间"]}}),
    16: f016,
    # journalist
    17: lambda c: num(c.v(HZ(2024), "requests.new.total")),
    18: lambda c: top(c, ALL(), "active.penalty.decisions"),
    19: lambda c: num(c.v(HZ(2023), "requests.unavailable_not_held.total") + c.v(HZ(2024), "requests.unavailable_not_held.total")),
    20: lambda c: num(c.v(YINZ(), "active.procurement.amount"), "yuan"),
    21: lambda c: boo(c.v(HZ(2024), "active.licensing.decisions") > c.v(HZ(2023), "active.licensing.decisions")),
    22: lambda c: num(c.v(HZ(2023), "active.penalty.decisions") - c.v(HZ(2024), "active.penalty.decisions")),
    23: lambda c: num(c.v(HZ(2024), "active.fees.amount"), "yuan"),
    24: lambda c: top(c, Y2020(), "active.procurement.projects", largest=False),
    25: lambda c: num(c.v(HZ(2024), "requests.partial.total")),
    26: lambda c: num(c.v(HZ(2024), "review.lawsuit_direct.total") + c.v(HZ(2024), "review.lawsuit_after_review.total")),
    27: lambda c: num(c.v(HZ(2023), "review.reconsideration.upheld")),
    28: lambda c: boo(c.v(LUCH(), "active.penalty.decisions") > 20 * c.v(GULOU(), "active.penalty.decisions")),
    29: f029,
    30: lambda c: pct(c.v(HZ(2024), "requests.granted.total"), c.v(HZ(2024), "requests.handled.total")),
    31: lambda c: top(c, Y2020(), "active.procurement.amount"),
    32: lambda c: passages(c, {WENQ(): {"五": ["提高处理依申请公开能力水平"]}}),
    # wechat
    33: lambda c: num(c.v(HZ(2023), "requests.new.total")),
    34: lambda c: num(c.v(YINZ(), "active.penalty.decisions")),
    35: lambda c: num(c.v(LUCH(), "active.procurement.projects")),
    36: lambda c: num(c.v(ERQI(), "active.procurement.amount"), "yuan"),
    37: lambda c: num(sum(c.v(HZ(2024), f"requests.{k}.total") for k in WITHHELD)),
    38: lambda c: num(sum(c.v(WENQ(), f"requests.{k}.total") for k in DECLINED)),
    39: lambda c: top(c, Y2020(), "requests.new.total"),
    40: lambda c: num(c.v(HZ(2024), "active.coercion.decisions")),
    41: lambda c: num(c.v(LUCH(), "requests.new.person")),
    42: lambda c: boo(REPORTS[GULOU()]["published"] == "2021-01-13"),
    43: lambda c: boo(all(REPORTS[s]["agency_kind"] == "government" for s in REPORTS if "洪泽" in agency(s))),
    44: lambda c: boo(REPORTS[WENQ()]["template"] == "2021"),
    45: lambda c: num(c.v(HZ(2022), "requests.new.total")),
    46: lambda c: passages(c, {YINZ(): {"一": ["加强信息公开培训"], "五": ["加强业务学习培训"]}}),
    # student
    47: lambda c: pct(c.v(HZ(2024), "requests.unavailable_not_held.total"), c.v(HZ(2024), "requests.handled.total")),
    48: f048,
    49: f049,
    50: lambda c: num(c.v(YINZ(), "active.procurement.amount") / c.v(YINZ(), "active.procurement.projects"), "yuan"),
    51: lambda c: num(statistics.mean([c.v(HZ(2023), "active.penalty.decisions"), c.v(HZ(2024), "active.penalty.decisions")])),
    52: lambda c: pct(c.v(HZ(2024), "active.licensing.decisions") - c.v(HZ(2023), "active.licensing.decisions"),
                      c.v(HZ(2023), "active.licensing.decisions")),
    53: f053,
    54: f054,
    55: f055,
    56: f056,
    57: lambda c: pct(c.v(HZ(2023), "requests.unavailable_not_held.total") + c.v(HZ(2023), "requests.unavailable_needs_creation.total"),
                      c.v(HZ(2023), "requests.handled.total")),
    58: lambda c: pct(c.v(HZ(2024), "active.coercion.decisions"), c.v(HZ(2024), "active.penalty.decisions")),
    59: f059,
    60: f060,
    61: lambda c: pct(c.v(HZ(2024), "requests.new.person"), c.v(HZ(2024), "requests.new.total")),
    62: lambda c: num(statistics.mean(c.v(s, "requests.new.total") for s in Y2020())),
    63: lambda c: num(statistics.mean([c.v(HZ(2023), "active.fees.amount"), c.v(HZ(2024), "active.fees.amount")]), "yuan"),
    64: lambda c: pct(c.v(HZ(2024), "requests.new.total") - c.v(HZ(2023), "requests.new.total"), c.v(HZ(2023), "requests.new.total")),
    # romanised researcher
    65: lambda c: num(c.v(LUCH(), "active.penalty.prev_items")),
    66: f066,
    67: lambda c: num(c.v(HZ(2024), "active.rules.in_force")),
    68: lambda c: num(c.v(GULOU(), "requests.withheld_third_party.total")),
    69: lambda c: num(c.v(YINZ(), "requests.granted.person")),
    70: lambda c: top(c, [LUCH(), YINZ(), ERQI()], "active.procurement.projects"),
    71: lambda c: num(c.v(GULOU(), "active.procurement.amount") - c.v(WENQ(), "active.procurement.amount"), "yuan"),
    72: lambda c: num(c.v(ERQI(), "active.penalty.prev_items")),
    73: lambda c: num(c.v(HZ(2023), "active.normative.repealed")),
    74: lambda c: num(c.v(HZ(2024), "requests.withheld_safety.total")),
    75: lambda c: lst(sorted({agency(s) for s in reports_where(year=2020)})),
    76: lambda c: num(c.v(WENQ(), "requests.granted.total")),
    77: lambda c: num(c.v(LUCH(), "active.penalty.decisions") - c.v(ERQI(), "active.penalty.decisions")),
    78: lambda c: passages(c, {YINZ(): {"五": ["信息公开范围单一"]}}),
    79: lambda c: passages(c, {LUCH(): {"一": ["领导小组", "责任分工"]}}),
    80: lambda c: num(c.v(HZ(2021), "requests.new.total")),
    # multi-turn (final question only)
    81: lambda c: num(c.v(HZ(2024), "requests.partial.total")),
    82: lambda c: num(c.v(GULOU(), "active.procurement.amount") / c.v(GULOU(), "active.procurement.projects"), "yuan"),
    83: lambda c: num(c.v(LUCH(), "active.penalty.decisions")),
    84: lambda c: num(c.v(HZ(2023), "active.fees.amount") - c.v(HZ(2024), "active.fees.amount"), "yuan"),
    85: lambda c: pct(c.v(WENQ(), "requests.unavailable_not_held.total"), c.v(WENQ(), "requests.handled.total")),
    86: lambda c: top(c, reports_where(year=2019), "active.penalty.decisions"),
    87: lambda c: num(c.v(HZ(2024), "review.reconsideration.corrected")),
    88: f088,
    89: lambda c: num(c.v(HZ(2023), "active.licensing.decisions")),
    90: lambda c: pct(c.v(HZ(2023), "requests.partial.total"), c.v(HZ(2023), "requests.new.total")),
    91: lambda c: top(c, Y2020(), "active.procurement.amount", largest=False),
    92: lambda c: num(c.v(HZ(2023), "active.coercion.decisions") - c.v(HZ(2024), "active.coercion.decisions")),
    93: lambda c: num(c.v(GULOU(), "requests.unavailable_not_held.total")),
    94: f094,
    95: f095,
    96: lambda c: boo(c.v(YINZ(), "active.procurement.amount") > 6 * c.v(LUCH(), "active.procurement.amount")),
    # mixed
    97: lambda c: num(_sum(c, sorted(reports_where(year=2020, province="福建省")), "active.penalty.decisions")),
    98: f098,
    99: lambda c: top(c, Y2020(), "active.procurement.amount", nth=2),
    100: lambda c: num(c.v(HZ(2024), "requests.new.total") - c.v(HZ(2023), "requests.new.total")),
    101: lambda c: num(c.v(WENQ(), "requests.carried_out.total")),
    102: lambda c: num(len({agency(s) for s in ALL() if "统计局" in agency(s)})),
    103: lambda c: boo(bool(REPORTS[ERQI()]["published"])),
    104: lambda c: boo(c.v(YINZ(), "active.penalty.decisions") > c.v(YINZ(), "active.penalty.prev_items")),
    105: f105,
    106: lambda c: num(c.v(HZ(2023), "review.reconsideration.corrected")),
    107: lambda c: passages(c, {LUCH(): {"一": ["政务服务网", "统计月报"]}}),
    108: lambda c: passages(c, {GULOU(): {"六": ["暂无其他需要报告的事项"]}}),
    109: lambda c: top(c, T2019(), "active.penalty.prev_items"),
    110: lambda c: num(len({agency(s) for s in ALL() if REPORTS[s]["agency_kind"] == "street_office"})),
    111: f111,
    112: lambda c: boo(c.v(HZ(2024), "active.fees.amount") > c.v(HZ(2023), "active.fees.amount")),
    113: lambda c: num(c.v(HZ(2023), "active.coercion.decisions") + c.v(HZ(2024), "active.coercion.decisions")),
    114: lambda c: lst(sorted({agency(s) for s in reports_where(province="福建省")})),
    115: lambda c: num(c.v(HZ(2023), "requests.unavailable_needs_creation.total") + c.v(HZ(2024), "requests.unavailable_needs_creation.total")),
    116: lambda c: num(c.v(HZ(2024), "active.procurement.amount"), "yuan"),
    117: lambda c: boo(c.v(YINZ(), "requests.new.total") > c.v(GULOU(), "requests.new.total")),
    118: lambda c: num(_sum(c, ALL(), "requests.new.total")),
    119: lambda c: passages(c, {ERQI(): {"一": ["四个结合"]}}),
    120: f120,
}


# ---------------------------------------------------------------- sanity of the gold itself

def gold_sanity() -> list[str]:
    """Money conversions the cases rely on, re-derived from the raw text of the cells."""
    probs = []
    for stem, d in REPORTS.items():
        f = d["facts"].get("active.fees.amount")
        if f and f.get("state") == "number" and f.get("unit_printed") == "万元":
            if abs(float(f["raw"]) * 10000 - f["value"]) > 0.5:
                probs.append(f"{stem}: fees raw {f['raw']} 万元 != {f['value']} yuan")
        f = d["facts"].get("active.procurement.amount")
        if f and f.get("state") == "number":
            raw = float(re.sub(r"[^0-9.]", "", f["raw"]))
            mult = 10000 if (f.get("unit_assumed") == "万元" or f.get("unit_printed") == "万元") else 1
            if abs(raw * mult - f["value"]) > 0.5:
                probs.append(f"{stem}: procurement raw {f['raw']} -> {f['value']}")
    return probs


# ---------------------------------------------------------------- checking

CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
CJK = re.compile(r"[\u4e00-\u9fff]")
KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}


def compute(n: int):
    """(expect, cites, derived tags) for case number n."""
    c = Ctx()
    try:
        exp = F[n](c)
    except Unanswerable as e:
        return {"kind": "unanswerable", "note": str(e)}, [], set()
    cites = [f"{REPORTS[s]['cite_name']}#{k}" for s, k in c.used] + list(c.files)
    tags = set()
    if any(REPORTS[s]["facts"][k].get("unit_assumed") for s, k in c.used):
        tags.add("guessed_unit")
    if len({REPORTS[s]["year"] for s, _ in c.used}) > 1:
        tags.add("mixed_years")
    return exp, cites, tags


def _close(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= max(0.0051, 1e-9 * abs(b))


def _same_item(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return _close(a, b)


def check_case(case: dict, n: int) -> list[str]:
    errs = []
    cid = case.get("id")
    if cid != f"h53-{n:03d}":
        errs.append(f"id {cid!r} != h53-{n:03d}")
    extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    q = case.get("question")
    if not isinstance(q, str) or not q.strip():
        errs.append("blank question")
        q = ""
    turns = case.get("turns", [])
    if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns) or ("turns" in case and not turns):
        errs.append("turns must be a non-empty list of strings when present")
    cite = case.get("cite", [])
    tags = case.get("tags", [])
    if not isinstance(cite, list) or any(not isinstance(x, str) or not CITE_RE.match(x) for x in cite):
        errs.append(f"bad cite syntax {cite}")
        cite = []
    if len(set(cite)) != len(cite):
        errs.append("duplicate cites")
    langs = [t for t in tags if t in ("zh", "en")]
    if len(langs) != 1:
        errs.append(f"needs exactly one of zh/en, got {langs}")
    else:
        text = " ".join(turns + [q])
        if langs[0] == "zh" and not CJK.search(q):
            errs.append("zh case without Chinese text")
        if langs[0] == "en" and len(re.findall(r"[A-Za-z]{2,}", text)) < 3:
            errs.append("en case without English text")
    e = case.get("expect") or {}
    kind = e.get("kind")
    if kind not in KINDS:
        errs.append(f"bad kind {kind!r}")
        return errs

    want, want_cite, want_tags = compute(n)
    if kind != want["kind"]:
        errs.append(f"kind {kind} != recomputed {want['kind']} ({want.get('note', want)})")
        return errs
    if kind == "number":
        if e.get("unit") != want["unit"]:
            errs.append(f"unit {e.get('unit')} != {want['unit']}")
        if not _close(e.get("value"), want["value"]):
            errs.append(f"value {e.get('value')} != recomputed {want['value']}")
    elif kind in ("agency", "boolean"):
        if e.get("value") != want["value"] or (kind == "boolean" and not isinstance(e.get("value"), bool)):
            errs.append(f"value {e.get('value')!r} != recomputed {want['value']!r}")
    elif kind == "list":
        got, exp = e.get("values"), want["values"]
        if e.get("ordered") is not want["ordered"]:
            errs.append(f"ordered {e.get('ordered')!r} != {want['ordered']!r}")
        if not isinstance(got, list) or len(got) != len(exp):
            errs.append(f"values {got} != recomputed {exp}")
        elif want["ordered"]:
            if not all(_same_item(a, b) for a, b in zip(got, exp)):
                errs.append(f"values {got} != recomputed {exp} (ordered)")
        else:
            rest = list(exp)
            for a in got:
                m = next((b for b in rest if _same_item(a, b)), None)
                if m is None:
                    errs.append(f"values {got} != recomputed {exp}")
                    break
                rest.remove(m)
    elif kind == "passages":
        if sorted(e.get("files", [])) != sorted(want["files"]) or sorted(e.get("sections", [])) != sorted(want["sections"]):
            errs.append(f"passages {e.get('files')}/{e.get('sections')} != {want['files']}/{want['sections']}")
    elif kind == "unanswerable":
        if not str(e.get("note", "")).strip():
            errs.append("unanswerable without a note")
    if sorted(cite) != sorted(want_cite):
        errs.append(f"cite {sorted(cite)} != recomputed {sorted(want_cite)}")
    for t in ("guessed_unit", "mixed_years"):
        if (t in tags) != (t in want_tags):
            errs.append(f"tag {t}: present={t in tags}, recomputed={t in want_tags}")
    return errs


def check(cases: list[dict]) -> tuple[int, list[str]]:
    """(number of cases that pass, messages)."""
    msgs = []
    if len(cases) != N_CASES:
        msgs.append(f"expected {N_CASES} cases, got {len(cases)}")
    langs = [next((t for t in c.get("tags", []) if t in ("zh", "en")), None) for c in cases]
    if langs.count("zh") != 60 or langs.count("en") != 60:
        msgs.append(f"zh/en split {langs.count('zh')}/{langs.count('en')} != 60/60")
    ok = 0
    for n, case in enumerate(cases, start=1):
        errs = check_case(case, n) if n in F else [f"no reference computation for case {n}"]
        if errs:
            msgs.extend(f"{case.get('id')}: {x}" for x in errs)
        else:
            ok += 1
    if msgs and ok == len(cases) == N_CASES:
        ok -= 1  # a set-level problem (split) must not pass
    return ok, msgs


def load_cases(path: Path = CASES_PATH) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    for p in gold_sanity():
        print("GOLD:", p)
    print("balance failures recomputed:", [(s, r, g) for s, r, g, _ in FAILURES])
    ok, msgs = check(load_cases())
    for m in msgs:
        print("MISMATCH", m)
    print(f"SUMMARY {ok}/{N_CASES}")
    return 0 if ok == N_CASES and not msgs and not gold_sanity() else 1


if __name__ == "__main__":
    sys.exit(main())
