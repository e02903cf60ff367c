#!/usr/bin/env python3
"""Reference check for eval/qa_holdout12.jsonl (standard library only).

Every case of the set is recomputed here from the gold fact files (tests/fixtures/gold/*.json) and, for
narrative and passage cases, from the sample texts (data/samples/*.txt). One line is printed per case and a
summary at the end; the exit status is 1 on any mismatch (or on a malformed case file).

    python3 eval/qa_holdout12_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]

Rules kept by the recomputation:
- numbers come only from cells of state "number"; blank / absent / unreadable / missing cells are never read
  as 0 and make `num()` fail;
- a cell in a row that fails a balance rule (R1-R4, recomputed here and also read from the gold `checks`) is
  never used for a number answer (`num()` fails); only the yes/no data-quality cases read such cells, through
  `printed()`;
- `cite` must be exactly the set of cells (and bare files, for narrative/passage cases) the computation of the
  final answer used; cells read only to resolve the earlier turns of a chat are read inside `ctx.context()`,
  which checks them but does not count them as cited;
- rankings assert that the positions asked about are not tied;
- refusal cases assert that the data really has no usable answer (no such report, or the cell is
  blank/absent/missing or in a failing row).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = REPO / "eval" / "qa_holdout12.jsonl"
DEFAULT_GOLD = REPO / "tests" / "fixtures" / "gold"
DEFAULT_SAMPLES = REPO / "data" / "samples"

# short names for the seven gold reports (gold file stem)
R = {
    "R0": "000_2133ae744f48d674",   # 福州市鼓楼区统计局 2020, template 2019
    "R1": "001_19df74b8cb7281a4",   # 温州市鹿城区统计局 2020, template 2019
    "R2": "002_c42cd15df52a6935",   # 鄞州区统计局 2019, template 2019
    "R3": "003_acfa5b9243423631",   # 福州市鼓楼区温泉街道办事处 2020, template 2019
    "R4": "004_5206fb2196a31c52",   # 郑州市二七区统计局 2020, template 2019
    "H23": "hongze-qu-gov-2023",    # 淮安市洪泽区人民政府 2023, template 2021
    "H24": "hongze-qu-gov-2024",    # 淮安市洪泽区人民政府 2024, template 2021
}
ALL = list(R)
SAMPLES = ["R0", "R1", "R2", "R3", "R4"]
COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
WITHHELD = ("withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query")
NUMERALS = "一二三四五六"
HEAD_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议",
              "五": "问题", "六": "其他需要报告"}


class Unusable(Exception):
    """A cell that cannot give a number answer (not state number, or in a failing row)."""


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def failing_rows(g: dict) -> set[str]:
    """Rows ('table.row') that break a balance rule: recomputed from the facts, plus the gold `checks`."""
    facts = g["facts"]

    def v(key):
        f = facts.get(key)
        return f["value"] if f and f.get("state") == "number" else None

    bad: set[str] = set()
    # R4: each review group's total = upheld + corrected + other + pending
    for grp in REVIEW_GROUPS:
        parts = [v(f"review.{grp}.{c}") for c in ("upheld", "corrected", "other", "pending")]
        tot = v(f"review.{grp}.total")
        if None not in parts and tot is not None and abs(sum(parts) - tot) > 1e-9:
            bad.add(f"review.{grp}")
    rows = sorted({k.split(".")[1] for k in facts if k.startswith("requests.")})
    # R3: each row's total = the six applicant columns
    for row in rows:
        parts = [v(f"requests.{row}.{c}") for c in COLS]
        tot = v(f"requests.{row}.total")
        if None not in parts and tot is not None and abs(sum(parts) - tot) > 1e-9:
            bad.add(f"requests.{row}")
    # R1: per column new + carried_in = handled + carried_out
    for col in COLS + ("total",):
        a = [v(f"requests.{r}.{col}") for r in ("new", "carried_in", "handled", "carried_out")]
        if None not in a and abs(a[0] + a[1] - a[2] - a[3]) > 1e-9:
            bad |= {f"requests.{r}" for r in ("new", "carried_in", "handled", "carried_out")}
    # R2: per column handled = sum of the outcome rows (skipped when an outcome cell is blank/unreadable)
    outcome = [r for r in rows if r not in ("new", "carried_in", "handled", "carried_out")]
    for col in COLS + ("total",):
        states = [facts.get(f"requests.{r}.{col}", {}).get("state") for r in outcome]
        if any(s in ("blank", "unreadable") for s in states):
            continue
        parts = [v(f"requests.{r}.{col}") for r in outcome if v(f"requests.{r}.{col}") is not None]
        handled = v(f"requests.handled.{col}")
        if handled is not None and abs(sum(parts) - handled) > 1e-9:
            bad.add("requests.handled")
    # whatever the gold checks mark as failing
    for rule, result in (g.get("checks") or {}).items():
        result = str(result)
        if result.startswith("fail"):
            table = "review" if rule == "R4" else "requests"
            for name in re.findall(r"([a-z_]+)\s*:", result.split(":", 1)[1]):
                bad.add(f"{table}.{name}")
    return bad


class Ctx:
    def __init__(self, gold: dict, samples_dir: Path):
        self.gold = gold
        self.samples_dir = samples_dir
        self.used: set[str] = set()
        self._track = True
        self.bad = {r: failing_rows(g) for r, g in gold.items()}
        self._sections: dict[str, dict[str, str]] = {}

    # --- bookkeeping -------------------------------------------------------------------------
    def file(self, r: str) -> str:
        return Path(self.gold[r]["file"]).name

    def _cite(self, ref: str) -> None:
        if self._track:
            self.used.add(ref)

    @contextmanager
    def context(self):
        """Cells read to resolve an earlier turn: checked, but not part of the final answer's cites."""
        old, self._track = self._track, False
        try:
            yield
        finally:
            self._track = old

    # --- cells -------------------------------------------------------------------------------
    def state(self, r: str, key: str) -> str:
        f = self.gold[r]["facts"].get(key)
        return f.get("state", "?") if f else "missing"

    def usable(self, r: str, key: str) -> bool:
        row = ".".join(key.split(".")[:2])
        return self.state(r, key) == "number" and row not in self.bad[r]

    def num(self, r: str, key: str) -> float:
        if not self.usable(r, key):
            raise Unusable(f"{r} {key}: state {self.state(r, key)}, failing rows {sorted(self.bad[r])}")
        self._cite(f"{self.file(r)}#{key}")
        return self.gold[r]["facts"][key]["value"]

    def printed(self, r: str, key: str) -> float:
        """The printed number even in a failing row: only for yes/no data-quality questions."""
        if self.state(r, key) != "number":
            raise Unusable(f"{r} {key}: state {self.state(r, key)}")
        self._cite(f"{self.file(r)}#{key}")
        return self.gold[r]["facts"][key]["value"]

    def unusable(self, r: str, key: str) -> str:
        if self.usable(r, key):
            raise AssertionError(f"{r} {key} is a usable number; the refusal is wrong")
        row = ".".join(key.split(".")[:2])
        return "failing row" if row in self.bad[r] else self.state(r, key)

    # --- metadata ----------------------------------------------------------------------------
    def agency(self, r: str) -> str:
        return self.gold[r]["agency"]

    def meta(self, r: str, field: str):
        return self.gold[r].get(field)

    def names(self, r: str) -> str:
        g = self.gold[r]
        parts = [g.get("agency") or "", g.get("agency_full") or "", g.get("city") or "", g.get("county") or "",
                 g.get("township") or ""] + [v.get("text", "") for v in g.get("agency_variants") or []]
        return " ".join(parts)

    def no_report(self, pred) -> str:
        hits = [r for r in self.gold if pred(self, r)]
        if hits:
            raise AssertionError(f"refusal is wrong: {hits} match")
        return "no report"

    # --- text --------------------------------------------------------------------------------
    def sample_text(self, r: str) -> str:
        return (self.samples_dir / self.file(r)).read_text(encoding="utf-8", errors="replace")

    def sections(self, r: str) -> dict[str, str]:
        if r not in self._sections:
            lines = self.sample_text(r).splitlines()
            starts: list[tuple[str, int]] = []
            i = 0
            for n in NUMERALS:
                while i < len(lines):
                    head = re.sub(r"[#*\s]", "", lines[i])
                    if head.startswith(n + "、") and HEAD_WORDS[n] in head:
                        starts.append((n, i))
                        i += 1
                        break
                    i += 1
            if [n for n, _ in starts] != list(NUMERALS):
                raise AssertionError(f"{r}: section headings found {[n for n, _ in starts]}")
            out = {}
            for k, (n, s) in enumerate(starts):
                e = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
                out[n] = "\n".join(lines[s:e])
            self._sections[r] = out
        return self._sections[r]

    def passage(self, r: str, section: str, keyword: str) -> bool:
        found = squash(keyword) in squash(self.sections(r)[section])
        if found:
            self._cite(self.file(r))
        return found

    def narrative(self, r: str, fragment: str):
        g = self.gold[r]
        hits = [n for n in g.get("narrative_numbers") or [] if squash(fragment) in squash(n["text"])]
        if len(hits) != 1:
            raise AssertionError(f"{r}: narrative fragment {fragment!r} matches {len(hits)} gold entries")
        if r in SAMPLES and squash(hits[0]["text"]) not in squash(self.sample_text(r)):
            raise AssertionError(f"{r}: narrative sentence {hits[0]['text']!r} not in the sample text")
        self._cite(self.file(r))
        return hits[0]["value"]


# --- result helpers ----------------------------------------------------------------------------
def N(value, unit="count"):
    return {"kind": "number", "value": value, "unit": unit}


def P(x):
    """A share or growth rate, in percent rounded to 2 decimals."""
    return N(round(x * 100, 2), "percent")


def A(value):
    return {"kind": "agency", "value": value}


def L(values, ordered=False):
    return {"kind": "list", "values": list(values), "ordered": ordered}


def B(value):
    return {"kind": "boolean", "value": bool(value)}


def S(files, sections):
    return {"kind": "passages", "files": sorted(set(files)), "sections": sorted(set(sections))}


def U(why):
    assert why, "a refusal needs a reason"
    return {"kind": "unanswerable"}


def ranked(items, k, desc=True):
    """Labels at positions 1..k; asserts each of those positions holds a value nobody else has."""
    s = sorted(items, key=lambda t: t[1], reverse=desc)
    for i in range(k):
        ties = [lab for lab, v in s if v == s[i][1]]
        if len(ties) != 1:
            raise AssertionError(f"tie at position {i + 1}: {ties}")
    return [s[i][0] for i in range(k)]


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


def col(c, reports, key):
    return [(c.agency(r), c.num(r, key)) for r in reports]


AMT, PRJ = "active.procurement.amount", "active.procurement.projects"
PEN = "active.penalty.decisions"
NEW = "requests.new.total"
WITH_PROC = ["R0", "R1", "R2", "R3", "R4"]          # reports with a procurement block (2019 template)
Y2020 = ["R0", "R1", "R3", "R4"]
BUREAUS = ["R0", "R1", "R2", "R4"]                  # the four 统计局

SPECS = {}


def spec(n):
    def deco(fn):
        SPECS[f"h12-{n:03d}"] = fn
        return fn
    return deco


# ---------------- lookup (001-017) ----------------
@spec(1)
def _(c): return N(c.num("R1", AMT), "yuan")
@spec(2)
def _(c): return N(c.num("H24", "active.coercion.decisions"))
@spec(3)
def _(c): return N(c.num("R1", PEN))
@spec(4)
def _(c): return N(c.num("R2", "active.rules.public_total"))
@spec(5)
def _(c): return N(c.num("R3", NEW))
@spec(6)
def _(c): return N(c.num("H23", "active.fees.amount"), "yuan")
@spec(7)
def _(c): return N(c.num("R4", "active.other_services.prev_items"))
@spec(8)
def _(c): return N(c.num("R0", PRJ))
@spec(9)
def _(c): return N(c.num("H24", "requests.unavailable_not_held.total"))
@spec(10)
def _(c): return N(c.num("H23", "active.normative.in_force"))
@spec(11)
def _(c): return N(c.num("H24", "requests.granted.total"))
@spec(12)
def _(c): return N(c.num("R2", AMT), "yuan")
@spec(13)
def _(c): return N(c.num("R4", AMT), "yuan")
@spec(14)
def _(c): return N(c.num("H24", "review.lawsuit_after_review.total"))
@spec(15)
def _(c): return N(c.num("R1", "requests.partial.total"))
@spec(16)
def _(c): return N(c.num("H23", "requests.withheld_process.total"))
@spec(17)
def _(c): return N(c.num("R0", "active.penalty.prev_items"))


# ---------------- aggregate (018-028) ----------------
@spec(18)
def _(c):
    assert all(c.meta(r, "year") == 2020 for r in Y2020)
    return N(sum(c.num(r, AMT) for r in Y2020 if c.meta(r, "year") == 2020), "yuan")
@spec(19)
def _(c): return N(sum(c.num(r, NEW) for r in ALL))
@spec(20)
def _(c):
    rs = [r for r in ALL if c.meta(r, "province") == "福建省" and c.meta(r, "year") == 2020]
    assert rs == ["R0", "R3"]
    return N(sum(c.num(r, NEW) for r in rs))
@spec(21)
def _(c):
    rs = [r for r in ALL if c.meta(r, "province") == "浙江省"]
    assert rs == ["R1", "R2"]
    return N(sum(c.num(r, PRJ) for r in rs))
@spec(22)
def _(c):
    rs = [r for r in ALL if c.agency(r).endswith("统计局")]
    assert rs == BUREAUS
    return N(sum(c.num(r, PEN) for r in rs) / len(rs))
@spec(23)
def _(c): return N(c.num("H23", PEN) + c.num("H24", PEN))
@spec(24)
def _(c):
    rs = [r for r in ALL if c.meta(r, "template") == "2019"]
    return N(round(sum(c.num(r, AMT) for r in rs) / len(rs), 2), "yuan")
@spec(25)
def _(c): return N(c.num("H23", "active.fees.amount") + c.num("H24", "active.fees.amount"), "yuan")
@spec(26)
def _(c):
    rs = [r for r in ALL if c.state(r, PRJ) == "number"]
    assert rs == WITH_PROC
    return N(sum(c.num(r, PRJ) for r in rs))
@spec(27)
def _(c):
    key = "requests.unavailable_not_held.total"
    assert c.state("R0", key) == "blank"      # blank, not 0: left out of the sum
    return N(sum(c.num(r, key) for r in ALL if c.state(r, key) == "number"))
@spec(28)
def _(c): return N(round(c.num("R0", AMT) / c.num("R0", PRJ), 2), "yuan")


# ---------------- rank (029-039) ----------------
@spec(29)
def _(c): return A(ranked(col(c, WITH_PROC, AMT), 1)[0])
@spec(30)
def _(c): return A(ranked(col(c, WITH_PROC, AMT), 2)[1])
@spec(31)
def _(c): return A(ranked(col(c, WITH_PROC, PRJ), 1, desc=False)[0])
@spec(32)
def _(c): return L(ranked(col(c, WITH_PROC, AMT), 3), ordered=True)
@spec(33)
def _(c): return A(ranked(col(c, [r for r in ALL if c.meta(r, "year") == 2020], PEN), 1)[0])
@spec(34)
def _(c): return A(ranked(col(c, ALL, NEW), 1)[0])
@spec(35)
def _(c):
    items = [(c.agency(r), c.num(r, AMT) / c.num(r, PRJ)) for r in WITH_PROC]
    return A(ranked(items, 1, desc=False)[0])
@spec(36)
def _(c): return A(ranked(col(c, BUREAUS, "active.penalty.prev_items"), 1)[0])
@spec(37)
def _(c):
    rs = [r for r in ALL if c.meta(r, "year") in (2019, 2020)]
    return A(ranked(col(c, rs, NEW), 1)[0])
@spec(38)
def _(c):
    rs = [r for r in ALL if c.meta(r, "template") == "2019"]
    return L(ranked(col(c, rs, PEN), 3), ordered=True)
@spec(39)
def _(c):
    items = [(c.agency(r), c.num(r, AMT) / c.num(r, PRJ)) for r in WITH_PROC]
    return A(ranked(items, 1)[0])


# ---------------- count (040-047) ----------------
@spec(40)
def _(c): return N(len([r for r in WITH_PROC if c.num(r, AMT) > 100000]))
@spec(41)
def _(c): return N(len([r for r in ALL if c.num(r, PEN) == 0]))
@spec(42)
def _(c): return N(len([r for r in ALL if c.num(r, "requests.partial.total") != 0]))
@spec(43)
def _(c): return L(uniq(c.agency(r) for r in ALL if c.num(r, PEN) > 5))
@spec(44)
def _(c): return L(uniq(c.agency(r) for r in ALL if c.num(r, "requests.withheld_third_party.total") >= 1))
@spec(45)
def _(c): return N(len([r for r in Y2020 if c.num(r, NEW) == 0]))
@spec(46)
def _(c): return L(uniq(c.agency(r) for r in ALL if c.num(r, "requests.granted.total") > 0))
@spec(47)
def _(c): return N(len([r for r in WITH_PROC if c.num(r, PRJ) > 10]))


# ---------------- compare (048-058) ----------------
@spec(48)
def _(c): return N(c.num("R1", PEN) - c.num("R0", PEN))
@spec(49)
def _(c): return B(c.num("R2", AMT) > c.num("R0", AMT))
@spec(50)
def _(c): return N(c.num("H24", NEW) - c.num("H23", NEW))
@spec(51)
def _(c): return B(c.num("H24", "active.coercion.decisions") > c.num("H23", "active.coercion.decisions"))
@spec(52)
def _(c): return N(c.num("H23", "active.fees.amount") - c.num("H24", "active.fees.amount"), "yuan")
@spec(53)
def _(c): return A(ranked(col(c, ["R3", "R0"], PRJ), 1)[0])
@spec(54)
def _(c): return N(c.num("R1", PRJ) - c.num("R2", PRJ))
@spec(55)
def _(c): return N(c.num("H24", "active.normative.in_force") - c.num("H23", "active.normative.in_force"))
@spec(56)
def _(c): return N(round(abs(c.num("R2", AMT) - c.num("R1", AMT)), 2), "yuan")
@spec(57)
def _(c): return B(c.num("R0", AMT) > 3 * c.num("R3", AMT))
@spec(58)
def _(c): return A(ranked(col(c, ["R4", "R1"], PEN), 1)[0])


# ---------------- ratio (059-066) ----------------
@spec(59)
def _(c): return P(c.num("H24", "requests.granted.total") / c.num("H24", "requests.handled.total"))
@spec(60)
def _(c): return P(c.num("H23", "requests.unavailable_not_held.total") / c.num("H23", "requests.handled.total"))
@spec(61)
def _(c): return P((c.num("H24", NEW) - c.num("H23", NEW)) / c.num("H23", NEW))
@spec(62)
def _(c):
    k = "active.licensing.decisions"
    return P((c.num("H24", k) - c.num("H23", k)) / c.num("H23", k))
@spec(63)
def _(c): return P((c.num("H24", PEN) - c.num("H23", PEN)) / c.num("H23", PEN))
@spec(64)
def _(c): return P(c.num("R2", AMT) / sum(c.num(r, AMT) for r in WITH_PROC))
@spec(65)
def _(c): return P(c.num("R3", "requests.granted.total") / c.num("R3", "requests.handled.total"))
@spec(66)
def _(c):
    return P(sum(c.num("H24", f"requests.{w}.total") for w in WITHHELD) / c.num("H24", "requests.handled.total"))


# ---------------- follow-up (067-080) ----------------
@spec(67)
def _(c):
    with c.context():
        c.num("H23", PEN)
    return N(c.num("H24", PEN))
@spec(68)
def _(c):
    with c.context():
        c.num("R1", AMT)
    return N(c.num("R1", PRJ))
@spec(69)
def _(c):
    with c.context():
        top = ranked([(r, c.num(r, AMT)) for r in WITH_PROC], 1)[0]
    return N(c.num(top, PRJ))
@spec(70)
def _(c):
    with c.context():
        c.num("R0", AMT)
    return N(c.num("R3", AMT), "yuan")
@spec(71)
def _(c): return N(round(c.num("R0", AMT) + c.num("R2", AMT), 2), "yuan")
@spec(72)
def _(c): return A(ranked(col(c, WITH_PROC, PRJ), 2)[1])
@spec(73)
def _(c): return P(c.num("H24", "requests.unavailable_not_held.total") / c.num("H24", NEW))
@spec(74)
def _(c):
    with c.context():
        c.num("R4", "active.penalty.prev_items")
    return N(c.num("R4", "active.coercion.prev_items"))
@spec(75)
def _(c):
    with c.context():
        c.num("H24", "active.normative.issued")
    return N(c.num("H24", "active.normative.repealed"))
@spec(76)
def _(c):
    with c.context():
        c.num("R2", NEW)
    return N(c.num("R2", "requests.new.person"))
@spec(77)
def _(c):
    rs = [r for r in ALL if c.meta(r, "year") == 2020 and c.agency(r).endswith("统计局")]
    assert rs == ["R0", "R1", "R4"]
    return A(ranked(col(c, rs, PEN), 2)[1])
@spec(78)
def _(c): return N(c.num("R3", NEW) + c.num("R0", NEW))
@spec(79)
def _(c):
    with c.context():
        c.num("H24", "review.reconsideration.total")
    return U(c.unusable("H23", "review.reconsideration.total"))
@spec(80)
def _(c):
    with c.context():
        c.num("H24", "active.licensing.decisions")
    return U(c.no_report(lambda c, r: "洪泽" in c.names(r) and c.meta(r, "year") == 2022))


# ---------------- narrative (081-090) ----------------
@spec(81)
def _(c): return N(c.narrative("R2", "全年累计发布政府信息1459条"))
@spec(82)
def _(c): return N(c.narrative("R2", "官方微博主动公开912条"))
@spec(83)
def _(c): return N(c.narrative("R2", "罚款总额达到2.4万"), "yuan")
@spec(84)
def _(c): return N(c.narrative("R3", "全年主动公开政府信息7条"))
@spec(85)
def _(c): return N(c.narrative("R0", "本年度共发布各类信息 142 条"))
@spec(86)
def _(c): return N(c.narrative("H24", "主动发布各类政府信息2428条"))
@spec(87)
def _(c): return N(c.narrative("H23", "主动公开政府信息1136条"))
@spec(88)
def _(c): return N(c.narrative("H23", "信息处理费0元"), "yuan")
@spec(89)
def _(c): return N(c.narrative("R0", "答复及时率100%"), "percent")
@spec(90)
def _(c): return N(c.narrative("H24", "公开政府常务会议7期"))


# ---------------- passage (091-100) ----------------
def one_passage(c, r, sec, kw):
    assert c.passage(r, sec, kw), f"{r} section {sec}: {kw!r} not found"
    return S([c.file(r)], [sec])


@spec(91)
def _(c): return one_passage(c, "R3", "五", "答复依申请公开处理水平有待提高")
@spec(92)
def _(c): return one_passage(c, "R1", "五", "加强学习，提高认识")
@spec(93)
def _(c): return one_passage(c, "R2", "五", "信息公开范围单一")
@spec(94)
def _(c): return one_passage(c, "R4", "一", "与目标考核相结合")
@spec(95)
def _(c):
    files, secs = [], []
    for r in SAMPLES:
        for sec in NUMERALS:
            if c.passage(r, sec, "培训"):
                files.append(c.file(r))
                secs.append(sec)
    return S(files, secs)
@spec(96)
def _(c): return one_passage(c, "R2", "二", "统计普法宣传")
@spec(97)
def _(c): return one_passage(c, "R0", "一", "监督保障方面")
@spec(98)
def _(c): return one_passage(c, "R1", "一", "积极利用网络平台提供便民服务")
@spec(99)
def _(c): return one_passage(c, "R3", "六", "暂无其他需要报告的事项")
@spec(100)
def _(c): return one_passage(c, "R4", "五", "进一步规范公开时间")


# ---------------- meta (101-107) ----------------
@spec(101)
def _(c): return L(sorted(c.meta(r, "year") for r in ALL if "洪泽" in c.names(r)))
@spec(102)
def _(c): return N(len(c.gold))
@spec(103)
def _(c): return B(c.meta("H23", "template") == "2021")
@spec(104)
def _(c): return L(uniq(c.agency(r) for r in ALL if c.meta(r, "province") == "浙江省"))
@spec(105)
def _(c): return L(uniq(c.agency(r) for r in ALL if c.state(r, AMT) in ("missing", "absent")))
@spec(106)
def _(c): return N(len({c.agency(r) for r in ALL}))
@spec(107)
def _(c):
    hits = uniq(c.agency(r) for r in ALL if c.meta(r, "agency_kind") == "street_office")
    assert len(hits) == 1
    return A(hits[0])


# ---------------- refusal (108-117) ----------------
@spec(108)
def _(c): return U(c.no_report(lambda c, r: c.agency(r) == "福州市鼓楼区统计局" and c.meta(r, "year") == 2019))
@spec(109)
def _(c): return U(c.no_report(lambda c, r: "海曙" in c.names(r)))
@spec(110)
def _(c): return U(c.unusable("H24", AMT))
@spec(111)
def _(c): return U(c.unusable("R2", "active.fees.amount"))
@spec(112)
def _(c): return U(c.unusable("R3", "requests.carried_out.total"))
@spec(113)
def _(c): return U(c.unusable("R0", "requests.unavailable_not_held.total"))
@spec(114)
def _(c): return U(c.unusable("H23", "review.lawsuit_after_review.upheld"))
@spec(115)
def _(c): return U(c.no_report(lambda c, r: c.meta(r, "city") == "南京市"))
@spec(116)
def _(c): return U(c.unusable("H24", "requests.other_no_fee.total"))
@spec(117)
def _(c): return U(c.no_report(lambda c, r: "鹿城" in c.names(r) and c.meta(r, "year") == 2021))


# ---------------- data quality (118-120) ----------------
@spec(118)
def _(c):
    g = "review.reconsideration"
    parts = sum(c.printed("H23", f"{g}.{k}") for k in ("upheld", "corrected", "other", "pending"))
    return B(parts == c.printed("H23", f"{g}.total"))
@spec(119)
def _(c): return B(c.narrative("H24", "受理政府信息公开申请17件") == c.num("H24", NEW))
@spec(120)
def _(c): return B(c.narrative("R2", "立案查处6起") == c.num("R2", PEN))


# ---------------- driver ----------------
def same_number(a, b) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def compare(exp: dict, got: dict) -> str | None:
    if exp.get("kind") != got["kind"]:
        return f"kind {exp.get('kind')} != {got['kind']}"
    k = got["kind"]
    if k == "number":
        if exp.get("unit") != got["unit"]:
            return f"unit {exp.get('unit')} != {got['unit']}"
        if not same_number(exp.get("value"), got["value"]):
            return f"value {exp.get('value')} != {got['value']}"
    elif k in ("agency", "boolean"):
        if exp.get("value") != got["value"]:
            return f"value {exp.get('value')!r} != {got['value']!r}"
    elif k == "list":
        if bool(exp.get("ordered", False)) != got["ordered"]:
            return f"ordered {exp.get('ordered')} != {got['ordered']}"
        ev, gv = exp.get("values", []), got["values"]
        if got["ordered"]:
            ok = len(ev) == len(gv) and all(str(a) == str(b) for a, b in zip(ev, gv))
        else:
            ok = sorted(map(str, ev)) == sorted(map(str, gv)) and len(set(map(str, ev))) == len(ev)
        if not ok:
            return f"values {ev} != {gv}"
    elif k == "passages":
        if sorted(set(exp.get("files", []))) != got["files"] or sorted(set(exp.get("sections", []))) != got["sections"]:
            return f"passages {exp.get('files')}/{exp.get('sections')} != {got['files']}/{got['sections']}"
    return None


def show(got: dict) -> str:
    k = got["kind"]
    if k == "number":
        return f"{got['value']:g} {got['unit']}"
    if k == "list":
        return ("ordered " if got["ordered"] else "") + "[" + ", ".join(map(str, got["values"])) + "]"
    if k == "passages":
        return f"{','.join(got['files'])} §{''.join(got['sections'])}"
    if k == "unanswerable":
        return "(refusal)"
    return str(got["value"])


def check_shape(cases: list[dict]) -> list[str]:
    problems = []
    for n, case in enumerate(cases, 1):
        cid = case.get("id")
        if cid != f"h12-{n:03d}":
            problems.append(f"line {n}: id {cid!r}, expected h12-{n:03d}")
        tags = case.get("tags") or []
        if len(tags) < 2 or tags[1] not in ("zh", "en"):
            problems.append(f"{cid}: tags {tags}")
        q = case.get("question", "")
        cjk = len(re.findall(r"[\u4e00-\u9fff]", q))
        if len(tags) >= 2 and tags[1] == "en" and not re.match(r"^[A-Za-z]", q):
            problems.append(f"{cid}: tagged en but the question does not read as English")
        if len(tags) >= 2 and tags[1] == "zh" and cjk < 2:
            problems.append(f"{cid}: tagged zh but the question has few Chinese characters")
        exp = case.get("expect") or {}
        if not str(exp.get("note", "")).strip():
            problems.append(f"{cid}: expect has no note")
        if exp.get("unit") == "percent" and "2 decimals" not in exp.get("note", "") and "as printed" not in exp.get("note", ""):
            problems.append(f"{cid}: percent answer whose note does not state the rounding")
        if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
            problems.append(f"{cid}: unknown fields {set(case) - {'id', 'question', 'turns', 'expect', 'cite', 'tags'}}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES))
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--samples", default=str(DEFAULT_SAMPLES))
    args = ap.parse_args(argv)

    gold = {}
    for short, stem in R.items():
        gold[short] = json.loads((Path(args.gold) / f"{stem}.json").read_text(encoding="utf-8"))
    cases = [json.loads(line) for line in Path(args.cases).read_text(encoding="utf-8-sig").splitlines() if line.strip()]

    mismatches = 0
    ok = 0
    for p in check_shape(cases):
        print(f"SHAPE    {p}")
        mismatches += 1

    by_cat: dict[str, int] = {}
    by_lang: dict[str, int] = {}
    for case in cases:
        cid = case.get("id")
        tags = case.get("tags") or ["?", "?"]
        by_cat[tags[0]] = by_cat.get(tags[0], 0) + 1
        by_lang[tags[1]] = by_lang.get(tags[1], 0) + 1
        fn = SPECS.get(cid)
        if fn is None:
            print(f"MISMATCH {cid}: no reference computation")
            mismatches += 1
            continue
        ctx = Ctx(gold, Path(args.samples))
        try:
            got = fn(ctx)
        except (Unusable, AssertionError, KeyError, ZeroDivisionError) as e:
            print(f"MISMATCH {cid}: the reference computation failed: {type(e).__name__}: {e}")
            mismatches += 1
            continue
        problem = compare(case.get("expect") or {}, got)
        cite = set(case.get("cite") or [])
        if problem is None and cite != ctx.used:
            problem = f"cite differs: missing {sorted(ctx.used - cite)}, extra {sorted(cite - ctx.used)}"
        if problem is None and len(cite) != len(case.get("cite") or []):
            problem = "cite lists a reference twice"
        if problem:
            print(f"MISMATCH {cid} [{tags[0]}/{tags[1]}]: {problem}")
            mismatches += 1
        else:
            ok += 1
            print(f"ok       {cid} [{tags[0]}/{tags[1]}] {got['kind']}: {show(got)}  ({len(cite)} cite)")
    extra = sorted(set(SPECS) - {c.get("id") for c in cases})
    for cid in extra:
        print(f"MISMATCH {cid}: reference computation without a case")
        mismatches += 1
    cats = ", ".join(f"{k} {v}" for k, v in sorted(by_cat.items()))
    langs = ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items()))
    print(f"SUMMARY: {len(cases)} cases, {ok} ok, {mismatches} mismatches "
          f"({langs}; {cats})")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
