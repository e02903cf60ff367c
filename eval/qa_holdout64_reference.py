#!/usr/bin/env python3
"""Reference check for eval/qa_holdout64.jsonl (stdlib only).

Recomputes every case's expected answer from tests/fixtures/gold/*.json (and, for passage cases, the
section text of data/samples/*.txt), together with its cite list and its guessed_unit / mixed_years
tags, and compares with what the JSONL says. Prints each mismatch and "SUMMARY n/120"; exits 0 only
when all 120 cases agree.

Rules applied (see eval/QA_HOLDOUT64.md):
  * only cells whose state is "number" give values; blank / absent / not_read / missing -> unanswerable;
  * the balance rules R1-R4 of DOMAIN.md are recomputed here; a cell of a group that fails its rule
    may only be read through `Ctx.q` (questions about the failure itself), `Ctx.v` refuses it;
  * money in yuan as stored by the gold (2021 fees 万元 x 10000; assumed procurement units as recorded);
  * a case's cite = every cell read (file#key; Hongze as hongze-qu-gov-YYYY.pdf) or, for passages, the file;
  * tag guessed_unit iff a read cell has unit_assumed; mixed_years iff read cells span >1 report year.

    python3 eval/qa_holdout64_reference.py            # check the file
    python3 eval/qa_holdout64_reference.py --selftest # also mutate cases in memory and expect failures
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout64.jsonl"
N_CASES = 120
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}
SECTIONS = "一二三四五六"

# ---------------------------------------------------------------- gold
REP: dict[str, dict] = {}          # short code -> gold report
for p in sorted(GOLD.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    g["cite_file"] = Path(g["file"]).name   # 000_....txt / hongze-qu-gov-2023.pdf
    REP[p.stem] = g
A, B, C, D, E = ("000_2133ae744f48d674", "001_19df74b8cb7281a4", "002_c42cd15df52a6935",
                 "003_acfa5b9243423631", "004_5206fb2196a31c52")
H3, H4 = "hongze-qu-gov-2023", "hongze-qu-gov-2024"
assert set(REP) == {A, B, C, D, E, H3, H4}, sorted(REP)


def kind_of(code: str) -> str:
    """Agency kind: the gold's field when given, else from the name (DOMAIN.md: 人民政府/办公厅 -> government)."""
    name = REP[code]["agency"]
    derived = ("government" if ("人民政府" in name or "办公厅" in name) and "街道" not in name
               else "street_office" if ("街道" in name or name.endswith("乡") or name.endswith("镇") or "乡人民政府" in name)
               else "department")
    given = REP[code].get("agency_kind")
    if given is not None and given != derived:
        raise SystemExit(f"agency kind of {code}: gold {given} vs name-derived {derived}")
    return given or derived


APPL = ("person", "business", "research", "nonprofit", "legal", "other_org")
COLS = APPL + ("total",)
OUTCOME = ("granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
           "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
           "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
           "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
           "declined_confirmation")
WITHHELD = [r for r in OUTCOME if r.startswith("withheld_")]
UNAVAIL = [r for r in OUTCOME if r.startswith("unavailable_")]
DECLINED = [r for r in OUTCOME if r.startswith("declined_")]
GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")


def _num(f: dict, key: str):
    c = f.get(key)
    return c["value"] if c is not None and c.get("state") == "number" else None


def failing_cells(code: str) -> tuple[set[str], list[str]]:
    """Cells of groups that fail R1-R4 (only fully printed groups are evaluated) and a description."""
    f = REP[code]["facts"]
    bad: set[str] = set()
    why: list[str] = []
    for col in COLS:  # R1
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        v = [_num(f, k) for k in keys]
        if None not in v and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
            bad |= set(keys); why.append(f"R1[{col}]")
    for col in COLS:  # R2
        rows = list(OUTCOME)
        rows += ["other"] if _num(f, f"requests.other.{col}") is not None else \
            ["other_no_correction", "other_no_fee", "other_misc"]
        keys = [f"requests.{r}.{col}" for r in rows]
        v = [_num(f, k) for k in keys]
        h = _num(f, f"requests.handled.{col}")
        if None not in v and h is not None and abs(sum(v) - h) > 1e-9:
            bad |= set(keys) | {f"requests.handled.{col}"}; why.append(f"R2[{col}]")
    rows = sorted({k.split(".")[1] for k in f if k.startswith("requests.")})
    for r in rows:  # R3
        keys = [f"requests.{r}.{c}" for c in APPL]
        v = [_num(f, k) for k in keys]
        t = _num(f, f"requests.{r}.total")
        if None not in v and t is not None and abs(sum(v) - t) > 1e-9:
            bad |= set(keys) | {f"requests.{r}.total"}; why.append(f"R3[{r}]")
    for g in GROUPS:  # R4
        keys = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")]
        v = [_num(f, k) for k in keys]
        t = _num(f, f"review.{g}.total")
        if None not in v and t is not None and abs(sum(v) - t) > 1e-9:
            bad |= set(keys) | {f"review.{g}.total"}; why.append(f"R4[{g}]")
    return bad, why


FAIL: dict[str, set[str]] = {}
FAIL_WHY: dict[str, list[str]] = {}
for _c in REP:
    FAIL[_c], FAIL_WHY[_c] = failing_cells(_c)
    gold_says = REP[_c].get("checks") or {}
    for rule in ("R1", "R2", "R3", "R4"):  # our recomputation must agree with the gold's own verdicts
        mine = any(w.startswith(rule) for w in FAIL_WHY[_c])
        if rule in gold_says and mine != str(gold_says[rule]).startswith("fail"):
            raise SystemExit(f"{_c} {rule}: recomputed {'fail' if mine else 'pass'} vs gold {gold_says[rule]!r}")


class Unans(Exception):
    pass


class Ctx:
    """Reads cells for one case and records what it read."""

    def __init__(self):
        self.used: list[tuple[str, str]] = []
        self.files: list[str] = []   # bare-file cites (passages)

    def _get(self, code: str, key: str):
        c = REP[code]["facts"].get(key)
        if c is None:
            raise Unans(f"{code}: no cell {key} (template {REP[code]['template']} lacks it)")
        if c.get("state") != "number":
            raise Unans(f"{code}: {key} is {c.get('state')}")
        if (code, key) not in self.used:
            self.used.append((code, key))
        return c["value"]

    def v(self, code: str, key: str):
        """A value for an ordinary question: refuses cells of failing groups."""
        if key in FAIL[code]:
            raise Unans(f"{code}: {key} is in a group failing {FAIL_WHY[code]}")
        return self._get(code, key)

    def q(self, code: str, key: str):
        """A value for a question about a balance failure itself."""
        return self._get(code, key)


def name(code): return REP[code]["agency"]
def codes(pred=lambda g: True): return [c for c in sorted(REP) if pred(REP[c])]
def Y(year): return lambda g: g["year"] == year
def NUM(v, unit="count"): return {"kind": "number", "value": v, "unit": unit}
def PCT(a, b): return NUM(100.0 * a / b, "percent")
def AG(v): return {"kind": "agency", "value": v}
def LST(vs, ordered=False): return {"kind": "list", "values": list(vs), "ordered": ordered}
def BOOL(v): return {"kind": "boolean", "value": bool(v)}
def UN(): return {"kind": "unanswerable"}


def argbest(x: Ctx, cs, fn, pos=0, reverse=True):
    """Agency at rank `pos` of cs ordered by fn (desc by default); ties at that rank are an error."""
    vals = sorted(((fn(c), c) for c in cs), key=lambda t: t[0], reverse=reverse)
    if (pos + 1 < len(vals) and vals[pos][0] == vals[pos + 1][0]) or (pos > 0 and vals[pos][0] == vals[pos - 1][0]):
        raise AssertionError(f"tie at rank {pos + 1}: {vals}")
    return AG(name(vals[pos][1]))


# ---------------------------------------------------------------- passages
HEAD = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


def section_of_lines(code: str) -> list[tuple[str, str]]:
    """(section, line) for every line of a sample text, sections found by canonical headings in order."""
    lines = (SAMPLES / REP[code]["cite_file"]).read_text(encoding="utf-8").splitlines()
    out, cur, i = [], None, 0
    for line in lines:
        s = line.strip().lstrip("#").strip().strip("*").strip()
        if i < 6 and s.startswith(SECTIONS[i] + "、") and HEAD[SECTIONS[i]] in s:
            cur = SECTIONS[i]; i += 1
        out.append((cur, line))
    if i != 6:
        raise SystemExit(f"{code}: found only {i} section headings")
    return out


def PAS(x: Ctx, code: str, keywords):
    secs = sorted({s for s, line in section_of_lines(code) if any(k in line for k in keywords)}, key=SECTIONS.index)
    if not secs:
        raise AssertionError(f"{code}: none of {keywords} found")
    x.files.append(REP[code]["cite_file"])
    return {"kind": "passages", "files": [REP[code]["cite_file"]], "sections": secs}


def SEARCH(x: Ctx, keyword: str, pred):
    hits = [c for c in codes(pred) if (SAMPLES / REP[c]["cite_file"]).exists()
            and keyword in (SAMPLES / REP[c]["cite_file"]).read_text(encoding="utf-8")]
    x.files.extend(REP[c]["cite_file"] for c in hits)
    return LST(name(c) for c in hits)


# ---------------------------------------------------------------- specs
PEN, COER, LIC = "active.penalty.decisions", "active.coercion.decisions", "active.licensing.decisions"
AMT, PROJ, FEES = "active.procurement.amount", "active.procurement.projects", "active.fees.amount"
NEW, HANDLED = "requests.new.total", "requests.handled.total"
HZ = lambda g: "洪泽区" in g["agency"]
T19 = lambda g: g["template"] == "2019"
T = lambda r: f"requests.{r}.total"


def s059(x):
    bad = [c for c in codes() if any(w.startswith("R4") for w in FAIL_WHY[c])]
    assert len({name(c) for c in bad}) == 1, bad
    for c in bad:
        for g in GROUPS:
            if f"R4[{g}]" in FAIL_WHY[c]:
                for col in ("upheld", "corrected", "other", "pending", "total"):
                    x.q(c, f"review.{g}.{col}")
    return AG(name(bad[0]))


def s060(x):
    parts = sum(x.q(H3, f"review.reconsideration.{c}") for c in ("upheld", "corrected", "other", "pending"))
    return BOOL(parts == x.q(H3, "review.reconsideration.total"))


def s098(x):
    cs = codes(Y(2020))
    vals = [x.v(c, PROJ) for c in cs]
    assert len(set(vals)) == len(vals), "tie"
    return LST([name(c) for _, c in sorted(zip(vals, cs), reverse=True)], True)


def s113(x):
    assert not any(g["city"] == "南京市" or g["agency"] == "南京市鼓楼区统计局" for g in REP.values())
    raise Unans("agency not in collection")


def meta_agencies(pred):
    out = []
    for c in codes(pred):
        if name(c) not in out:
            out.append(name(c))
    return out


SPEC = {
    1: lambda x: NUM(x.v(B, PEN)),
    2: lambda x: BOOL(x.v(H4, "review.lawsuit_direct.total") > 0),
    3: lambda x: NUM(x.v(E, AMT), "yuan"),
    4: lambda x: NUM(sum(x.v(D, T(r)) for r in WITHHELD)),
    5: lambda x: NUM(x.v(H3, FEES), "yuan"),
    6: lambda x: NUM(x.v(C, NEW)),
    7: lambda x: NUM(x.v(H4, T("unavailable_not_held"))),
    8: lambda x: BOOL(x.v(E, NEW) > 0),
    9: lambda x: NUM(x.v(H3, COER)),
    10: lambda x: NUM(x.v(A, T("unavailable_not_held"))),
    11: lambda x: NUM(x.v(H3, "review.reconsideration.total")),
    12: lambda x: NUM(x.v(D, AMT) / x.v(D, PROJ), "yuan"),
    13: lambda x: NUM(x.v(H4, "review.reconsideration.total")),
    14: lambda x: NUM(x.v(H4, LIC) - x.v(H3, LIC)),
    15: lambda x: NUM(x.v(B, PROJ)),
    16: lambda x: NUM(x.v(H4, FEES), "yuan"),
    17: lambda x: NUM(x.v(H4, T("declined_complaint"))),
    18: lambda x: NUM(x.v(C, "active.rules.public_total")),
    19: lambda x: argbest(x, codes(Y(2020)), lambda c: x.v(c, PEN)),
    20: lambda x: NUM(sum(x.v(c, AMT) for c in codes(lambda g: g["province"] == "浙江省" and "统计局" in g["agency"])), "yuan"),
    21: lambda x: NUM(x.v(E, "active.other_services.prev_items")),
    22: lambda x: PCT(x.v(H3, T("unavailable_not_held")), x.v(H3, HANDLED)),
    23: lambda x: BOOL(x.v(H4, COER) > x.v(H3, COER)),
    24: lambda x: NUM(x.v(H4, "active.normative.in_force")),
    25: lambda x: LST(sorted(REP[c]["year"] for c in codes(HZ))),
    26: lambda x: NUM(x.v(A, "active.penalty.prev_items")),
    27: lambda x: NUM(x.v(E, "active.coercion.prev_items")),
    28: lambda x: NUM(x.v(H4, T("partial"))),
    29: lambda x: LST([REP[C]["province"]]),
    30: lambda x: NUM(sum(x.v(c, NEW) for c in codes(lambda g: g["year"] in (2019, 2020)))),
    31: lambda x: NUM(x.v(H3, PEN)),
    32: lambda x: BOOL(x.v(C, AMT) > 400000),
    33: lambda x: LST([REP[c]["year"] for c in codes(HZ) if x.v(c, FEES) > 7600 * 10000]),
    34: lambda x: BOOL(x.v(B, AMT) < 100000),
    35: lambda x: NUM(x.v(E, "active.penalty.prev_items")),
    36: lambda x: NUM(sum(x.v(c, PROJ) for c in codes(lambda g: g["province"] == "福建省" and g["year"] == 2020))),
    37: lambda x: NUM(x.v(H4, "review.reconsideration.corrected")),
    38: lambda x: NUM(x.v(H3, "review.lawsuit_direct.total")),
    39: lambda x: NUM(x.v(H3, "review.lawsuit_after_review.upheld")),
    40: lambda x: NUM(x.v(A, AMT) / x.v(A, PROJ), "yuan"),
    41: lambda x: NUM(x.v(H4, "active.normative.issued")),
    42: lambda x: NUM(x.v(D, "requests.new.person")),
    43: lambda x: NUM(sum(x.v(c, FEES) for c in codes(HZ)), "yuan"),
    44: lambda x: NUM(x.v(D, T("carried_out"))),
    45: lambda x: NUM(sum(1 for c in codes() if x.v(c, PEN) >= 6)),
    46: lambda x: LST(name(c) for c in codes(Y(2020)) if x.v(c, NEW) == 1),
    47: lambda x: LST(name(c) for c in codes(T19) if x.v(c, PROJ) <= 10),
    48: lambda x: NUM(sum(1 for c in codes() if x.v(c, T("partial")) >= 1)),
    49: lambda x: LST(name(c) for c in codes(T19) if 100000 <= x.v(c, AMT) <= 400000),
    50: lambda x: LST(name(c) for c in codes(Y(2020)) if x.v(c, PEN) <= 1),
    51: lambda x: NUM(sum(1 for c in codes() if x.v(c, NEW) >= 20)),
    52: lambda x: BOOL(x.v(H4, T("withheld_process")) == 1),
    53: lambda x: (lambda m: (m if len(m) == 1 else (_ for _ in ()).throw(AssertionError(m))) and AG(name(m[0])))(
        [c for c in codes(Y(2020)) if x.v(c, "active.coercion.prev_items") == 1]),
    54: lambda x: NUM(sum(1 for c in codes(T19) if x.v(c, AMT) >= 100000)),
    55: lambda x: LST(name(c) for c in codes(Y(2020)) if x.v(c, T("granted")) >= 1),
    56: lambda x: LST(name(c) for c in codes() if x.v(c, "review.lawsuit_direct.total") >= 1),
    57: lambda x: LST([REP[c]["year"] for c in codes(HZ) if x.v(c, LIC) > 1000]),
    58: lambda x: NUM(sum(1 for c in codes(T19) if x.v(c, AMT) <= 80000)),
    59: s059,
    60: s060,
    61: lambda x: NUM(x.v(H4, NEW) - x.v(H3, NEW)),
    62: lambda x: NUM(x.v(C, PEN)),
    63: lambda x: argbest(x, codes(lambda g: "统计局" in g["agency"]), lambda c: x.v(c, AMT) / x.v(c, PROJ)),
    64: lambda x: BOOL(x.v(D, NEW) > sum(x.v(c, NEW) for c in codes(lambda g: g["year"] == 2020 and "统计局" in g["agency"]))),
    65: lambda x: NUM(x.v(H3, PEN) - x.v(H4, PEN)),
    66: lambda x: argbest(x, codes(T19), lambda c: x.v(c, AMT), pos=1),
    67: lambda x: PCT(x.v(H4, LIC), x.v(H3, LIC)),
    68: lambda x: NUM(sum(x.v(c, FEES) for c in codes(HZ)) / len(codes(HZ)), "yuan"),
    69: lambda x: PAS(x, C, ["存在主要问题"]),
    70: lambda x: PAS(x, D, ["答复依申请公开处理水平"]),
    71: lambda x: PAS(x, D, ["公共卫生信息公开"]),
    72: lambda x: NUM(x.v(H4, "review.lawsuit_after_review.total")),
    73: lambda x: argbest(x, codes(lambda g: g["province"] == "福建省" and g["year"] == 2020), lambda c: x.v(c, PROJ)),
    74: lambda x: (_ for _ in ()).throw(Unans("no ranking/evaluation data in any report")),
    75: lambda x: PCT(x.v(H4, T("granted")), x.v(H4, NEW)),
    76: lambda x: NUM(x.v(B, PROJ) - x.v(C, PROJ)),
    77: lambda x: PCT(x.v(H3, COER), x.v(H3, PEN)),
    78: lambda x: NUM(x.v(H3, FEES) - x.v(H4, FEES), "yuan"),
    79: lambda x: PCT(x.v(D, T("unavailable_not_held")), x.v(D, HANDLED)),
    80: lambda x: PCT(x.v(C, NEW), x.v(H3, NEW)),
    81: lambda x: NUM(x.v(B, PEN) - x.v(B, "active.penalty.prev_items")),
    82: lambda x: NUM(x.v(C, AMT) - x.v(A, AMT), "yuan"),
    83: lambda x: PCT(x.v(H4, PEN), x.v(H4, LIC)),
    84: lambda x: PCT(x.v(H4, T("partial")) + x.v(H4, T("granted")), x.v(H4, HANDLED)),
    85: lambda x: NUM(x.v(H4, "review.lawsuit_after_review.total") - x.v(H3, "review.lawsuit_after_review.total")),
    86: lambda x: NUM(x.v(D, PROJ) - x.v(E, PROJ)),
    87: lambda x: PCT(x.v(D, AMT), x.v(A, AMT)),
    88: lambda x: NUM(x.v(H4, "active.normative.in_force") - x.v(H3, "active.normative.in_force")),
    89: lambda x: LST(meta_agencies(lambda g: kind_of(next(c for c in REP if REP[c] is g)) == "street_office")),
    90: lambda x: BOOL(all(kind_of(c) == "government" for c in codes(HZ))),
    91: lambda x: BOOL(REP[H3]["template"] == "2021"),
    92: lambda x: LST(name(c) for c in codes(lambda g: (g.get("published") or "").startswith("2021-01"))),
    93: lambda x: AG(name(min(codes(lambda g: g.get("published")), key=lambda c: REP[c]["published"]))),
    94: lambda x: LST(meta_agencies(lambda g: g["province"] == "江苏省")),
    95: lambda x: NUM(len(meta_agencies(lambda g: g["province"] == "河南省"))),
    96: lambda x: LST(name(c) for c in codes(lambda g: g["year"] == 2020 and g["city"] == "福州市")),
    97: lambda x: argbest(x, codes(T19), lambda c: x.v(c, AMT), pos=2),
    98: s098,
    99: lambda x: NUM(sum(x.v(H4, T(r)) for r in UNAVAIL)),
    100: lambda x: NUM(sum(x.v(H3, T(r)) for r in WITHHELD)),
    101: lambda x: NUM(sum(x.v(H3, T(r)) for r in DECLINED)),
    102: lambda x: PCT(sum(x.v(H4, T(r)) for r in UNAVAIL), x.v(H4, HANDLED)),
    103: lambda x: PAS(x, B, ["不足"]),
    104: lambda x: PAS(x, E, ["相结合"]),
    105: lambda x: PAS(x, A, ["培训"]),
    106: lambda x: PAS(x, C, ["统计执法"]),
    107: lambda x: PAS(x, C, ["普法宣传"]),
    108: lambda x: SEARCH(x, "统计开放日", lambda g: "统计局" in g["agency"]),
    109: lambda x: PAS(x, D, ["暂无其他需要报告的事项"]),
    110: lambda x: NUM(x.v(H4, AMT), "yuan"),
    111: lambda x: NUM(x.v(B, FEES), "yuan"),
    112: lambda x: NUM(x.v(H4, T("other_no_fee"))),
    113: s113,
    114: lambda x: NUM(x.v(H3, T("withheld_secret"))),
    115: lambda x: argbest(x, codes(Y(2020)), lambda c: x.v(c, "active.penalty.prev_items")),
    116: lambda x: argbest(x, codes(lambda g: not HZ(g)), lambda c: x.v(c, NEW)),
    117: lambda x: NUM(sum(x.v(c, T("granted")) + x.v(c, T("partial")) for c in codes(Y(2020)))),
    118: lambda x: PCT(x.v(H4, COER), x.v(H4, PEN)),
    119: lambda x: BOOL(REP[C].get("published") is not None),
    120: lambda x: LST(name(c) for c in codes(T19) if x.v(c, "active.penalty.prev_items") > 10),
}
VOICE = {"clerk": range(1, 15), "pt-en": range(15, 31), "fullwidth": range(31, 45), "compliance": range(45, 61),
         "podcast": range(61, 75), "multiturn": range(75, 89), "mixed": range(89, 121)}


# ---------------------------------------------------------------- comparison
def close(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(float(a) - float(b)) <= 0.0051


def same_values(got, want, ordered) -> bool:
    if len(got) != len(want):
        return False
    if ordered:
        return all(close(g, w) if isinstance(w, (int, float)) else g == w for g, w in zip(got, want))
    key = lambda v: (0, float(v)) if isinstance(v, (int, float)) else (1, str(v))
    return [key(v) for v in sorted(got, key=key)] == [key(v) for v in sorted(want, key=key)]


def check_case(case: dict, n: int) -> list[str]:
    errs: list[str] = []
    cid = case.get("id")
    if cid != f"h64-{n:03d}":
        errs.append(f"id {cid!r} should be h64-{n:03d}")
    extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra or not all(k in case for k in ("id", "question", "expect", "cite", "tags")):
        errs.append(f"fields {sorted(case)}")
    if not str(case.get("question", "")).strip():
        errs.append("blank question")
    if "turns" in case and (not isinstance(case["turns"], list) or not all(isinstance(t, str) and t.strip() for t in case["turns"])):
        errs.append("turns must be a list of non-blank strings")
    tags = case.get("tags", [])
    if ("zh" in tags) == ("en" in tags):
        errs.append("exactly one of zh/en")
    q = case.get("question", "")
    if "en" in tags and len(re.findall(r"[A-Za-z]{2,}", q)) < 3:
        errs.append("tagged en but the question is not English")
    if "zh" in tags and len(re.findall(r"[A-Za-z]{3,}", q)) > 1:
        errs.append("tagged zh but the question has English words")
    for v, rng in VOICE.items():
        if (n in rng) != (v in tags):
            errs.append(f"voice tag {v} wrong for #{n}")
    if n in VOICE["clerk"] and not q.startswith("群众问："):
        errs.append("clerk voice must start with 群众问：")
    if n in VOICE["multiturn"] and not (1 <= len(case.get("turns", [])) <= 3):
        errs.append("multi-turn case needs 1-3 earlier turns")
    if n not in VOICE["multiturn"] and case.get("turns"):
        errs.append("turns outside the multi-turn voice")
    for c in case.get("cite", []):
        if not CITE_RE.match(c):
            errs.append(f"bad cite {c!r}")
    if len(set(case.get("cite", []))) != len(case.get("cite", [])):
        errs.append("duplicate cite")
    exp = case.get("expect", {})
    if exp.get("kind") not in KINDS:
        errs.append(f"kind {exp.get('kind')!r}")
        return errs

    x = Ctx()
    try:
        want = SPEC[n](x)
    except Unans:
        want, x = UN(), Ctx()
    except Exception as e:  # a spec that cannot compute is a mismatch, not a crash
        return errs + [f"reference error: {type(e).__name__}: {e}"]

    if exp["kind"] != want["kind"]:
        errs.append(f"kind {exp['kind']} != reference {want['kind']} ({want})")
    elif want["kind"] == "number":
        if exp.get("unit") != want["unit"] or not close(exp.get("value"), want["value"]):
            errs.append(f"number {exp.get('value')} {exp.get('unit')} != reference {round(want['value'], 4)} {want['unit']}")
    elif want["kind"] == "agency":
        if exp.get("value") != want["value"]:
            errs.append(f"agency {exp.get('value')!r} != reference {want['value']!r}")
    elif want["kind"] == "list":
        if bool(exp.get("ordered")) != want["ordered"] or not same_values(exp.get("values", []), want["values"], want["ordered"]):
            errs.append(f"list {exp.get('values')} (ordered={exp.get('ordered')}) != reference {want['values']} (ordered={want['ordered']})")
    elif want["kind"] == "boolean":
        if exp.get("value") is not want["value"]:
            errs.append(f"boolean {exp.get('value')} != reference {want['value']}")
    elif want["kind"] == "passages":
        if exp.get("files") != want["files"] or sorted(exp.get("sections", [])) != sorted(want["sections"]):
            errs.append(f"passages {exp.get('files')} {exp.get('sections')} != reference {want['files']} {want['sections']}")

    want_cite = [f"{REP[c]['cite_file']}#{k}" for c, k in x.used] + x.files
    if sorted(case.get("cite", [])) != sorted(want_cite):
        errs.append(f"cite {case.get('cite')} != reference {want_cite}")
    guessed = any(REP[c]["facts"][k].get("unit_assumed") for c, k in x.used)
    mixed = len({REP[c]["year"] for c, k in x.used}) > 1
    if ("guessed_unit" in tags) != guessed:
        errs.append(f"tag guessed_unit should be {'present' if guessed else 'absent'}")
    if ("mixed_years" in tags) != mixed:
        errs.append(f"tag mixed_years should be {'present' if mixed else 'absent'}")
    return errs


def check_all(cases: list[dict], quiet=False) -> int:
    ok = 0
    if len(cases) != N_CASES and not quiet:
        print(f"expected {N_CASES} cases, found {len(cases)}")
    langs = {"zh": sum("zh" in c.get("tags", []) for c in cases), "en": sum("en" in c.get("tags", []) for c in cases)}
    balance_ok = langs == {"zh": 60, "en": 60}
    if not balance_ok and not quiet:
        print(f"language balance {langs} (want 60/60)")
    for n, case in enumerate(cases[:N_CASES], start=1):
        errs = check_case(case, n)
        if errs:
            if not quiet:
                for e in errs:
                    print(f"{case.get('id', n)}: {e}")
        else:
            ok += 1
    if not balance_ok or len(cases) != N_CASES:
        ok = min(ok, N_CASES - 1)
    if not quiet:
        print(f"SUMMARY {ok}/{N_CASES}")
    return ok


def load() -> list[dict]:
    return [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]


def selftest(cases: list[dict]) -> bool:
    """Mutate cases in memory; every mutation must be caught."""
    def m(i, f):
        cs = copy.deepcopy(cases); f(cs[i - 1]); return cs
    mutations = {
        "number off by 1%": m(5, lambda c: c["expect"].update(value=c["expect"]["value"] * 1.01)),
        "percent rounded wrong": m(22, lambda c: c["expect"].update(value=47.6)),
        "unit yuan->count": m(3, lambda c: c["expect"].update(unit="count")),
        "wrong agency": m(19, lambda c: c["expect"].update(value="鄞州区统计局")),
        "list missing item": m(47, lambda c: c["expect"]["values"].pop()),
        "ordered list swapped": m(98, lambda c: c["expect"]["values"].reverse()),
        "boolean flipped": m(23, lambda c: c["expect"].update(value=True)),
        "blank cell answered 0": m(10, lambda c: c.update(expect={"kind": "number", "value": 0, "unit": "count"},
                                                          cite=["000_2133ae744f48d674.txt#requests.unavailable_not_held.total"])),
        "failing group answered": m(11, lambda c: c.update(expect={"kind": "number", "value": 0, "unit": "count"},
                                                           cite=["hongze-qu-gov-2023.pdf#review.reconsideration.total"])),
        "answerable marked unanswerable": m(38, lambda c: c.update(expect={"kind": "unanswerable", "note": ""}, cite=[])),
        "cite dropped": m(14, lambda c: c["cite"].pop()),
        "cite wrong file name": m(16, lambda c: c.update(cite=["samples/pdf/hongze-qu-gov-2024.pdf#active.fees.amount"])),
        "guessed_unit dropped": m(3, lambda c: c["tags"].remove("guessed_unit")),
        "guessed_unit added": m(20, lambda c: c["tags"].append("guessed_unit")),
        "mixed_years dropped": m(14, lambda c: c["tags"].remove("mixed_years")),
        "passage wrong section": m(106, lambda c: c["expect"].update(sections=["五"])),
        "passage wrong file": m(69, lambda c: c["expect"].update(files=["001_19df74b8cb7281a4.txt"])),
        "lang tag flipped": m(1, lambda c: c.update(tags=[t if t != "zh" else "en" for t in c["tags"]])),
        "fee in 万元 not yuan": m(43, lambda c: c["expect"].update(value=15275.28)),
        "clerk lead-in missing": m(2, lambda c: c.update(question=c["question"].replace("群众问：", ""))),
        "id renumbered": m(7, lambda c: c.update(id="h64-700")),
        "case removed": cases[:-1],
    }
    all_caught = True
    for label, cs in mutations.items():
        caught = check_all(cs, quiet=True) < N_CASES
        print(f"selftest {'caught' if caught else 'MISSED'}: {label}")
        all_caught &= caught
    return all_caught


def main() -> int:
    cases = load()
    ok = check_all(cases)
    if "--selftest" in sys.argv[1:]:
        if not selftest(cases):
            print("selftest: some mutations were not caught")
            return 1
        print("selftest: all mutations caught")
    return 0 if ok == N_CASES else 1


if __name__ == "__main__":
    sys.exit(main())
