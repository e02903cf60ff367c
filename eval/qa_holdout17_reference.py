#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout17.jsonl (standard library only).

Recomputes every case's expected answer and cite list from the gold fact files
(tests/fixtures/gold/*.json) and, for narrative/passage cases, the sample texts (data/samples/*.txt).

Rules followed here:
  * reports are chosen by agency name / year / province / template / kind metadata, never by file name;
  * numbers come only from cells in state `number`; `blank`, `absent`, `unreadable` and missing cells
    are never read as 0 -- they make a lookup unanswerable or are skipped (and reported) in a sum;
  * R1-R4 are recomputed here; every cell of a failing equation is unusable for numbers;
  * a ranking asserts that the asked position is not tied with its neighbours.

Usage: python3 eval/qa_holdout17_reference.py    (one line per case, a summary; exit 1 on any mismatch)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout17.jsonl"

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAILABLE = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
OUTCOMES = ["granted", "partial"] + WITHHELD + UNAVAILABLE + DECLINED + [
    "other", "other_no_correction", "other_no_fee", "other_misc"]
REQ_ROWS = ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]
SECTION_HEADS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议",
                 "五": "问题", "六": "其他需要报告"}


class NoData(Exception):
    """The data cannot answer: unknown agency/year, blank/absent cell, tainted cell, off-topic."""


# ----------------------------------------------------------------------------- the store
class Report:
    def __init__(self, d: dict):
        self.d = d
        self.file = Path(d["file"]).name            # citation name: basename of the source file
        self.agency = d["agency"]
        self.agency_full = d.get("agency_full") or d["agency"]
        self.year = d["year"]
        self.province = d["province"]
        self.city = d["city"]
        self.kind = d.get("agency_kind") or ("government" if d["agency"].endswith("人民政府") else None)
        self.template = d["template"]
        self.published = d.get("published")
        self.facts = d["facts"]
        self.narrative = d.get("narrative_numbers") or []
        self.results, self.tainted = check_balance(self)

    def state(self, key):
        f = self.facts.get(key)
        return f["state"] if f else "missing"

    def num(self, key):
        """The value of a usable number cell, or NoData."""
        st = self.state(key)
        if st != "number":
            raise NoData(f"{self.agency} {self.year} {key}: {st}")
        if key in self.tainted:
            raise NoData(f"{self.agency} {self.year} {key}: part of a failing balance equation")
        return self.facts[key]["value"]

    def guessed(self, key):
        f = self.facts.get(key) or {}
        return bool(f.get("unit_assumed"))

    def cite(self, key=None):
        return self.file if key is None else f"{self.file}#{key}"

    def text(self):
        p = SAMPLES / self.file
        if not p.exists():
            raise NoData(f"no text for {self.file}")
        return p.read_text(encoding="utf-8")

    def __repr__(self):
        return f"<{self.agency} {self.year}>"


def check_balance(rep):
    """Recompute R1-R4. Returns ({rule: [(name, status)]}, tainted cell keys)."""
    results = {"R1": [], "R2": [], "R3": [], "R4": []}
    tainted = set()

    def equation(rule, name, lhs, rhs):
        cells = lhs + rhs
        states = {k: rep.state(k) for k in cells}
        if any(s in ("blank", "unreadable") for s in states.values()):
            results[rule].append((name, "skip"))
            return
        L = [k for k in lhs if states[k] == "number"]
        R = [k for k in rhs if states[k] == "number"]
        if not L or not R:
            results[rule].append((name, "skip"))
            return
        ls = sum(rep.facts[k]["value"] for k in L)
        rs = sum(rep.facts[k]["value"] for k in R)
        ok = abs(ls - rs) < 1e-9
        results[rule].append((name, "pass" if ok else "fail"))
        if not ok:
            tainted.update(L + R)

    for col in COLS + ["total"]:
        equation("R1", col, [f"requests.new.{col}", f"requests.carried_in.{col}"],
                 [f"requests.handled.{col}", f"requests.carried_out.{col}"])
        equation("R2", col, [f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in OUTCOMES])
    for row in REQ_ROWS:
        if all(rep.state(f"requests.{row}.{c}") in ("missing", "absent") for c in COLS + ["total"]):
            continue
        equation("R3", row, [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS])
    for g in REVIEW_GROUPS:
        equation("R4", g, [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS])
    return results, tainted


def load_store():
    reps = [Report(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(GOLD.glob("*.json"))]
    # self-check: our recomputed verdict per rule equals the gold's recorded verdict
    for r in reps:
        for rule, res in r.results.items():
            mine = "fail" if any(s == "fail" for _, s in res) else "pass"
            gold = r.d["checks"][rule]
            assert gold.startswith(mine), (r, rule, mine, gold)
            det = (r.d.get("checks_detail") or {}).get(rule)
            if det:  # evaluated counts where the gold records them
                ev = sum(1 for _, s in res if s != "skip")
                assert ev == det["evaluated"], (r, rule, ev, det["evaluated"])
    return reps


STORE = load_store()


def find(name, year=None):
    """The one report of an agency whose name contains `name` (agency or full name), optionally a year."""
    hits = [r for r in STORE if name in r.agency or name in r.agency_full]
    if not hits:
        raise NoData(f"agency {name!r} not in the store")
    if year is not None:
        hits = [r for r in hits if r.year == year]
        if not hits:
            raise NoData(f"{name} has no {year} report")
    if len(hits) != 1:
        raise AssertionError(f"{name} {year}: {len(hits)} reports")
    return hits[0]


def latest(name):
    hits = [r for r in STORE if name in r.agency or name in r.agency_full]
    if not hits:
        raise NoData(name)
    return max(hits, key=lambda r: r.year)


def where(pred):
    return [r for r in STORE if pred(r)]


def usable(reps, key):
    """(report, value) for reports whose cell is a usable number; others are skipped (never 0)."""
    out = []
    for r in reps:
        try:
            out.append((r, r.num(key)))
        except NoData:
            pass
    return out


def ranked(pairs, pos, highest=True):
    """The report at 1-based position `pos`, asserting it is not tied with a neighbour."""
    s = sorted(pairs, key=lambda p: p[1], reverse=highest)
    v = s[pos - 1][1]
    for j in (pos - 2, pos):
        if 0 <= j < len(s):
            assert s[j][1] != v, f"tie at position {pos}: {s}"
    return s[pos - 1][0]


def top(pairs, n, highest=True):
    s = sorted(pairs, key=lambda p: p[1], reverse=highest)
    vals = [p[1] for p in s[: n + 1]]
    assert len(set(vals)) == len(vals), f"ties within top {n}+1: {s}"
    return [p[0] for p in s[:n]]


def pct(a, b):
    return a / b * 100


def uniq(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


# ----------------------------------------------------------------------------- texts and sections
def norm(s):
    return re.sub(r"\s+", "", s)


def sections(rep):
    """[(section, text)] for a sample text, split at the six headings (matched by meaning)."""
    lines = rep.text().splitlines()
    starts = {}
    order = list(SECTION_HEADS)
    for i, line in enumerate(lines):
        t = re.sub(r"[#*\s]", "", line)
        m = re.match(r"^([一二三四五六])、", t)
        if not m:
            continue
        sec = m.group(1)
        if sec in starts or SECTION_HEADS[sec] not in t:
            continue
        if starts and order.index(sec) <= order.index(max(starts, key=order.index)):
            continue
        starts[sec] = i
    assert list(starts) == order, (rep, starts)
    bounds = [(s, starts[s]) for s in order] + [(None, len(lines))]
    return [(bounds[i][0], "\n".join(lines[bounds[i][1]:bounds[i + 1][1]])) for i in range(6)]


def section_of(rep, keyword):
    secs = {s for s, body in sections(rep) if keyword in norm(body)}
    assert len(secs) == 1, (rep, keyword, secs)
    return secs.pop()


def mentions(reps, keyword):
    return [r for r in reps if keyword in norm(r.text())]


def narrative(rep, fragment):
    hits = [n for n in rep.narrative if fragment in n["text"]]
    assert len(hits) == 1, (rep, fragment, hits)
    n = hits[0]
    if rep.file.endswith(".txt"):                     # the sentence really is in the text
        assert norm(n["text"]) in norm(rep.text()), (rep, n["text"])
    return n


def narrative_cells(n):
    cells = n.get("cells")
    if cells is None and n.get("cell"):
        cells = [n["cell"]]
    return cells or []


def narrative_conflicts(rep):
    """Narrative numbers mapped to table cells whose printed cells disagree with them."""
    bad = []
    for n in rep.narrative:
        cells = narrative_cells(n)
        if not cells:
            continue
        printed = [rep.facts[k]["value"] for k in cells if rep.state(k) == "number"]
        if printed and abs(sum(printed) - n["value"]) > 1e-9:
            bad.append(n)
    return bad


# ----------------------------------------------------------------------------- expectation builders
def NUM(v, unit, cites):
    return {"kind": "number", "value": v, "unit": unit}, cites


def AG(rep, cites):
    return {"kind": "agency", "value": rep.agency}, cites


def LIST(vals, ordered, cites):
    return {"kind": "list", "values": vals, "ordered": ordered}, cites


def BOOL(v, cites):
    return {"kind": "boolean", "value": bool(v)}, cites


def PAS(rep, sec):
    return {"kind": "passages", "files": [rep.file], "sections": [sec]}, [rep.file]


def lookup(name, year, key, unit="count"):
    r = find(name, year)
    return NUM(r.num(key), unit, [r.cite(key)])


def rank_cites(reps, key):
    return [r.cite(key) for r in reps]


def has_procurement(r):
    return r.state("active.procurement.amount") == "number"


HZ = "洪泽区"
K_NEW = "requests.new.total"
K_AMT = "active.procurement.amount"
K_PRJ = "active.procurement.projects"

# --- individual cases -------------------------------------------------------------------------------
CASE = {}


def case(fn):
    CASE["h17-" + fn.__name__[1:]] = fn
    return fn


@case
def c001(): return lookup("鹿城区统计局", 2020, "active.penalty.prev_items")
@case
def c002(): return lookup(HZ, 2024, "active.normative.in_force")
@case
def c003(): return lookup(HZ, 2023, "active.normative.repealed")
@case
def c004(): return lookup("温州市鹿城区", 2020, K_AMT, "yuan")   # "the Wenzhou one": the only 温州 agency
@case
def c005():
    r = find("二七区统计局", 2020)
    assert r.num(K_PRJ) == 1
    return NUM(r.num(K_AMT), "yuan", [r.cite(K_AMT)])
@case
def c006(): return lookup(HZ, 2023, "active.fees.amount", "yuan")
@case
def c007(): return lookup(HZ, 2024, "active.fees.amount", "yuan")
@case
def c008(): return lookup("温泉街道", 2020, "requests.unavailable_not_held.total")
@case
def c009(): return lookup("鼓楼区统计局", 2020, "requests.withheld_third_party.total")
@case
def c010(): return lookup(HZ, 2024, "requests.granted.total")
@case
def c011(): return lookup(HZ, 2023, "requests.unavailable_needs_creation.total")
@case
def c012(): return lookup(HZ, 2023, "active.licensing.decisions")
@case
def c013(): return lookup("鄞州区统计局", None, "active.rules.public_total")
@case
def c014(): return lookup("鄞州区统计局", 2019, "requests.new.person")
@case
def c015(): return lookup(HZ, 2024, "review.reconsideration.corrected")
@case
def c016(): return lookup(HZ, 2024, "review.lawsuit_after_review.total")
@case
def c017(): return lookup(HZ, 2024, "requests.declined_complaint.total")
@case
def c018(): return lookup("淮安市洪泽区人民政府", 2024, "requests.partial.total")
@case
def c019(): return lookup("郑州市二七区统计局", 2020, "active.penalty.prev_items")
@case
def c020():
    r = latest(HZ)
    return NUM(r.num("active.penalty.decisions"), "count", [r.cite("active.penalty.decisions")])


# rankings
@case
def c021():
    w = ranked(usable(STORE, K_AMT), 2)
    return AG(w, [w.cite(K_AMT)])
@case
def c022():
    w = ranked(usable(STORE, K_AMT), 2, highest=False)
    return AG(w, [w.cite(K_AMT)])
@case
def c023():
    t = top(usable(STORE, K_PRJ), 3)
    return LIST([r.agency for r in t], True, rank_cites(t, K_PRJ))
@case
def c024():
    w = ranked(usable(where(lambda r: r.year == 2020), "active.penalty.decisions"), 1)
    return AG(w, [w.cite("active.penalty.decisions")])
@case
def c025():
    w = ranked(usable(where(lambda r: r.year == 2020), "active.penalty.decisions"), 2)
    return AG(w, [w.cite("active.penalty.decisions")])
@case
def c026():
    w = ranked(usable(STORE, "active.penalty.prev_items"), 2)
    return AG(w, [w.cite("active.penalty.prev_items")])
@case
def c027():
    w = ranked(usable(where(lambda r: r.year == 2020), K_NEW), 1, highest=False)
    return AG(w, [w.cite(K_NEW)])
@case
def c028():
    w = ranked(usable(STORE, K_NEW), 1)
    return AG(w, [w.cite(K_NEW)])
@case
def c029():
    pairs = []
    for r in STORE:
        try:
            pairs.append((r, r.num(K_AMT) / r.num(K_PRJ)))
        except NoData:
            pass
    w = ranked(pairs, 1)
    return AG(w, [w.cite(K_AMT), w.cite(K_PRJ)])
@case
def c030():
    t = top(usable(STORE, "requests.granted.total"), 2)
    return LIST([r.agency for r in t], True, rank_cites(t, "requests.granted.total"))
@case
def c031():
    bureaus = where(lambda r: r.agency.endswith("统计局"))
    w = ranked(usable(bureaus, "active.penalty.prev_items"), 1)
    return AG(w, [w.cite("active.penalty.prev_items")])


# aggregates
@case
def c032():
    p = usable(where(lambda r: r.year == 2020), K_AMT)
    assert len(p) == len(where(lambda r: r.year == 2020)) == 4
    return NUM(sum(v for _, v in p), "yuan", [r.cite(K_AMT) for r, _ in p])
@case
def c033():
    p = usable(where(has_procurement), K_PRJ)
    return NUM(sum(v for _, v in p), "count", [r.cite(K_PRJ) for r, _ in p])
@case
def c034():
    rs = [find(HZ, 2023), find(HZ, 2024)]
    k = "active.penalty.decisions"
    return NUM(sum(r.num(k) for r in rs), "count", [r.cite(k) for r in rs])
@case
def c035():
    r = find(HZ, 2024)
    ks = ["active.licensing.decisions", "active.penalty.decisions", "active.coercion.decisions"]
    return NUM(sum(r.num(k) for k in ks), "count", [r.cite(k) for k in ks])
@case
def c036():
    p = usable(STORE, K_NEW)
    assert len(p) == len(STORE)
    return NUM(sum(v for _, v in p), "count", [r.cite(K_NEW) for r, _ in p])
@case
def c037():
    p = usable(where(lambda r: r.year == 2020), K_NEW)
    return NUM(sum(v for _, v in p) / len(p), "count", [r.cite(K_NEW) for r, _ in p])
@case
def c038():
    p = usable(where(lambda r: r.province == "浙江省" and r.agency.endswith("统计局")), K_AMT)
    assert len(p) == 2
    return NUM(sum(v for _, v in p), "yuan", [r.cite(K_AMT) for r, _ in p])
@case
def c039():
    k = "requests.unavailable_not_held.total"
    p = usable(STORE, k)
    skipped = [r for r in STORE if r not in [x for x, _ in p]]
    assert [r.agency for r in skipped] == ["福州市鼓楼区统计局"] and skipped[0].state(k) == "blank"
    return NUM(sum(v for _, v in p), "count", [r.cite(k) for r, _ in p])
@case
def c040():
    rs = [r for r in STORE if HZ in r.agency]
    k = "review.lawsuit_direct.total"
    return NUM(sum(r.num(k) for r in rs), "count", [r.cite(k) for r in rs])
@case
def c041():
    r = find(HZ, 2024)
    ks = [f"requests.{w}.total" for w in WITHHELD]
    return NUM(sum(r.num(k) for k in ks), "count", [r.cite(k) for k in ks])


# ratios
@case
def c042():
    r = find(HZ, 2024)
    return NUM(pct(r.num("requests.granted.total"), r.num("requests.handled.total")), "percent",
               [r.cite("requests.granted.total"), r.cite("requests.handled.total")])
@case
def c043():
    r = find(HZ, 2023)
    a, b = "requests.unavailable_not_held.total", "requests.handled.total"
    return NUM(pct(r.num(a), r.num(b)), "percent", [r.cite(a), r.cite(b)])
@case
def c044():
    a, b = find(HZ, 2023), find(HZ, 2024)
    return NUM(pct(b.num(K_NEW) - a.num(K_NEW), a.num(K_NEW)), "percent", [a.cite(K_NEW), b.cite(K_NEW)])
@case
def c045():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.coercion.decisions"
    return NUM(pct(b.num(k) - a.num(k), a.num(k)), "percent", [a.cite(k), b.cite(k)])
@case
def c046():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.fees.amount"
    return NUM(a.num(k) - b.num(k), "yuan", [a.cite(k), b.cite(k)])
@case
def c047():
    p = usable(where(lambda r: r.year == 2020), K_AMT)
    gl = find("鼓楼区统计局", 2020)
    return NUM(pct(gl.num(K_AMT), sum(v for _, v in p)), "percent", [r.cite(K_AMT) for r, _ in p])
@case
def c048():
    r = find("鄞州区统计局")
    return NUM(r.num(K_AMT) / r.num(K_PRJ), "yuan", [r.cite(K_AMT), r.cite(K_PRJ)])
@case
def c049():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.licensing.decisions"
    return NUM(pct(b.num(k), a.num(k)), "percent", [a.cite(k), b.cite(k)])
@case
def c050():
    r = find(HZ, 2024)
    ks = ["requests.granted.total", "requests.partial.total", K_NEW]
    return NUM(pct(r.num(ks[0]) + r.num(ks[1]), r.num(ks[2])), "percent", [r.cite(k) for k in ks])


# comparisons
@case
def c051():
    a, b = find("鹿城区统计局", 2020), find("鼓楼区统计局", 2020)
    w = ranked([(a, a.num(K_AMT)), (b, b.num(K_AMT))], 1)
    return AG(w, [a.cite(K_AMT), b.cite(K_AMT)])
@case
def c052():
    a, b = find("鄞州区统计局"), find("二七区统计局")
    return LIST([a.num(K_PRJ), b.num(K_PRJ)], True, [a.cite(K_PRJ), b.cite(K_PRJ)])
@case
def c053():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.coercion.decisions"
    return LIST([a.num(k), b.num(k)], True, [a.cite(k), b.cite(k)])
@case
def c054():
    a, b = find("温泉街道"), find("鄞州区统计局")
    k = "requests.granted.total"
    w = ranked([(a, a.num(k)), (b, b.num(k))], 1)
    return AG(w, [a.cite(k), b.cite(k)])
@case
def c055():
    a, b = find("鹿城区统计局"), find("二七区统计局")
    return NUM(abs(a.num(K_AMT) - b.num(K_AMT)), "yuan", [a.cite(K_AMT), b.cite(K_AMT)])


# yes / no
@case
def c056():
    a, b = find(HZ, 2023), find(HZ, 2024)
    return BOOL(b.num(K_NEW) > a.num(K_NEW), [a.cite(K_NEW), b.cite(K_NEW)])
@case
def c057():
    r = find("鼓楼区统计局", 2020)
    return BOOL(r.num(K_NEW) == 0, [r.cite(K_NEW)])
@case
def c058():
    r = find("二七区统计局", 2020)
    k = "active.penalty.decisions"
    return BOOL(r.num(k) == 0, [r.cite(k)])
@case
def c059():
    r = find("鄞州区统计局", 2019)
    ks = [f"requests.{w}.total" for w in WITHHELD]
    return BOOL(sum(r.num(k) for k in ks) == 0, [r.cite(k) for k in ks])
@case
def c060():
    r = find(HZ, 2024)
    k = "active.fees.amount"
    return BOOL(r.num(k) > 7500 * 10000, [r.cite(k)])
@case
def c061():
    rs = where(lambda r: r.year == 2020)
    k = "active.licensing.decisions"
    return BOOL(any(r.num(k) > 0 for r in rs), [r.cite(k) for r in rs])
@case
def c062():
    a, b = find("鹿城区统计局"), find("鄞州区统计局")
    k = "active.penalty.decisions"
    return BOOL(a.num(k) < b.num(k), [a.cite(k), b.cite(k)])
@case
def c063():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.fees.amount"
    return BOOL(b.num(k) > a.num(k), [a.cite(k), b.cite(k)])
@case
def c064():
    a, b = find("温泉街道"), find("鼓楼区统计局")
    return BOOL(a.num(K_AMT) < b.num(K_AMT) / 2, [a.cite(K_AMT), b.cite(K_AMT)])


# metadata
@case
def c065(): return LIST(sorted({r.year for r in STORE}), False, [])
@case
def c066(): return LIST(uniq(r.province for r in STORE), False, [])
@case
def c067(): return LIST(uniq(r.agency for r in STORE if r.template == "2021"), False, [])
@case
def c068(): return LIST(uniq(r.agency for r in STORE if r.kind == "street_office"), False, [])
@case
def c069(): return LIST(sorted(r.year for r in STORE if HZ in r.agency), False, [])
@case
def c070(): return LIST(uniq(r.agency for r in STORE if not r.published), False, [])
@case
def c071(): return LIST(uniq(r.agency for r in STORE if not has_procurement(r)), False, [])
@case
def c072(): return LIST(uniq(r.agency for r in STORE if (r.published or "").startswith("2021-01")), False, [])
@case
def c073():
    w = ranked([(r, r.year) for r in STORE], 1, highest=False)
    return AG(w, [])
@case
def c074():
    rs = [r for r in STORE if has_procurement(r) and r.guessed(K_AMT)]
    return LIST([r.agency for r in rs], False, [r.cite(K_AMT) for r in rs])


# quality and narrative
def failing_cites(r, groups=None):
    """For each failing equation: its total cell and its non-zero parts (R4 is the only kind that fails here)."""
    out = []
    for rule, res in r.results.items():
        for name, st in res:
            if st != "fail":
                continue
            assert rule == "R4", (r, rule, name)
            if groups and name not in groups:
                continue
            parts = [f"review.{name}.{p}" for p in REVIEW_PARTS if r.facts[f"review.{name}.{p}"]["value"]]
            out += [r.cite(k) for k in parts + [f"review.{name}.total"]]
    return out


def fails(r):
    return any(s == "fail" for res in r.results.values() for _, s in res)


@case
def c075():
    bad = [r for r in STORE if fails(r)]
    return LIST(uniq(r.agency for r in bad), False, [c for r in bad for c in failing_cites(r)])
@case
def c076():
    r = find(HZ, 2023)
    st = dict(r.results["R4"])["reconsideration"]
    return BOOL(st == "pass", failing_cites(r, ["reconsideration"]))
@case
def c077(): return NUM(sum(1 for r in STORE if not fails(r)), "count", [])
@case
def c078():
    r = find(HZ, 2024)
    return NUM(narrative(r, "受理政府信息公开申请")["value"], "count", [r.cite()])
@case
def c079():
    r = find(HZ, 2024)
    n = narrative(r, "受理政府信息公开申请")
    return BOOL(n["value"] == r.num(K_NEW), [r.cite(K_NEW), r.cite()])
@case
def c080():
    out, cites = [], []
    for r in STORE:
        for n in narrative_conflicts(r):
            out.append(r.agency)
            cites += [r.cite(k) for k in narrative_cells(n)] + [r.cite()]
    return LIST(uniq(out), False, cites)
@case
def c081():
    r = find("鼓楼区统计局", 2020)
    a, b = narrative(r, "主动公开信息"), narrative(r, "共发布各类信息")
    assert a["value"] != b["value"]
    return LIST([a["value"], b["value"]], False, [r.cite()])
@case
def c082():
    r = find("鄞州区统计局")
    return NUM(narrative(r, "罚款总额")["value"], "yuan", [r.cite()])
@case
def c083():
    r = find("鄞州区统计局")
    k = "active.penalty.decisions"
    n = narrative(r, "立案查处")
    assert k in narrative_cells(n)
    return BOOL(n["value"] == r.num(k), [r.cite(k), r.cite()])


# passages
@case
def c084(): r = find("鄞州区统计局"); return PAS(r, section_of(r, "信息公开范围单一"))
@case
def c085(): r = find("二七区统计局"); return PAS(r, section_of(r, "下一步"))
@case
def c086(): r = find("温泉街道"); return PAS(r, section_of(r, "加强平台建设"))
@case
def c087(): r = find("鄞州区统计局"); return PAS(r, section_of(r, "普法宣传"))
@case
def c088(): r = find("鹿城区统计局"); return PAS(r, section_of(r, "走近统计"))
@case
def c089(): r = find("鼓楼区统计局", 2020); return PAS(r, section_of(r, "个人信息"))
@case
def c090(): r = find("二七区统计局"); return PAS(r, section_of(r, "目标考核相结合"))


def search(years, keyword):
    rs = mentions(where(lambda r: r.year in years), keyword)
    return LIST([r.agency for r in rs], False, [r.cite() for r in rs])


@case
def c091(): return search({2020}, "律师")
@case
def c092(): return search({2019, 2020}, "统计开放日")
@case
def c093(): return search({2019, 2020}, "决算")


# refusals: each must fail with NoData
REFUSE = {}


def refusal(fn):
    REFUSE["h17-" + fn.__name__[1:]] = fn
    return fn


@refusal
def c094(): return find("上海市浦东新区统计局", 2020).num(K_NEW)
@refusal
def c095(): return find(HZ, 2022).num("active.licensing.decisions")
@refusal
def c096(): return find("温泉街道", 2020).num("requests.declined_duplicate.total")
@refusal
def c097(): return find("鼓楼区统计局", 2020).num("requests.unavailable_not_held.total")
@refusal
def c098(): return find(HZ, 2024).num(K_AMT)
@refusal
def c099(): return find(HZ, 2023).num("requests.other_no_fee.total")
@refusal
def c100(): return find("鹿城区统计局", 2020).num("active.fees.amount")
@refusal
def c101():
    find("鄞州区统计局")
    raise NoData("staff numbers are not a template field")
@refusal
def c102(): return find(HZ, 2023).num("review.lawsuit_after_review.upheld")
@refusal
def c103(): return find(HZ, 2023).num("review.reconsideration.total")
@refusal
def c104(): return find("鼓楼区人民政府", 2020).num(K_NEW)


# follow-up chats (the earlier turns fix the agency/year; the reference resolves them explicitly)
@case
def c105(): return lookup(HZ, 2023, K_NEW)
@case
def c106():
    a, b = find(HZ, 2023), find(HZ, 2024)
    return NUM(b.num(K_NEW) - a.num(K_NEW), "count", [a.cite(K_NEW), b.cite(K_NEW)])
@case
def c107(): return lookup("鄞州区统计局", 2019, K_PRJ)
@case
def c108(): return lookup("鼓楼区统计局", 2020, "active.penalty.decisions")
@case
def c109():
    w = ranked(usable(where(lambda r: r.year == 2020), K_NEW), 1)
    k = "requests.granted.total"
    return NUM(w.num(k), "count", [w.cite(k)])
@case
def c110():
    a, b = find("二七区统计局"), find("鹿城区统计局")
    w = ranked([(a, a.num(K_AMT)), (b, b.num(K_AMT))], 1, highest=False)
    return AG(w, [a.cite(K_AMT), b.cite(K_AMT)])
@case
def c111(): return lookup(HZ, 2024, "active.penalty.decisions")
@case
def c112():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.penalty.decisions"
    return NUM(pct(b.num(k) - a.num(k), a.num(k)), "percent", [a.cite(k), b.cite(k)])
@case
def c113():
    r = find("温泉街道", 2020)
    return NUM(r.num(K_AMT) / r.num(K_PRJ), "yuan", [r.cite(K_AMT), r.cite(K_PRJ)])
@case
def c114():
    zj = usable(where(lambda r: r.province == "浙江省"), K_AMT)
    w = ranked(zj, 1)
    return AG(w, [r.cite(K_AMT) for r, _ in zj])
@refusal
def c115():
    find(HZ, 2024).num("review.reconsideration.total")          # the earlier turn is answerable
    return find(HZ, 2023).num("review.reconsideration.total")
@case
def c116():
    r = find(HZ, 2024)
    return NUM(narrative(r, "受理政府信息公开申请")["value"], "count", [r.cite()])
@case
def c117():
    first = find("鄞州区统计局")                      # the earlier turn asked for section 五 of 鄞州
    sec = section_of(first, "信息公开范围单一")
    r = find("二七区统计局")                          # "那二七区统计局呢？": same question, other agency
    assert section_of(r, "不足之处") == sec
    return PAS(r, sec)
@case
def c118():
    w = ranked(usable(STORE, K_PRJ), 1, highest=False)
    return AG(w, [w.cite(K_PRJ)])
@case
def c119():
    p = usable(STORE, K_PRJ)
    hi, lo = ranked(p, 1), ranked(p, 1, highest=False)
    return NUM(hi.num(K_PRJ) + lo.num(K_PRJ), "count", [hi.cite(K_PRJ), lo.cite(K_PRJ)])
@case
def c120():
    a, b = find(HZ, 2023), find(HZ, 2024)
    k = "active.licensing.decisions"
    return NUM(b.num(k) - a.num(k), "count", [a.cite(k), b.cite(k)])


# ----------------------------------------------------------------------------- comparison
def same_number(a, b):
    return abs(float(a) - float(b)) <= 0.006 + 1e-6 * abs(float(b))


def same_values(got, want, ordered):
    if len(got) != len(want):
        return False
    key = lambda x: (isinstance(x, str), str(x) if isinstance(x, str) else float(x))
    g, w = (got, want) if ordered else (sorted(got, key=key), sorted(want, key=key))
    for x, y in zip(g, w):
        if isinstance(x, str) or isinstance(y, str):
            if x != y:
                return False
        elif not same_number(x, y):
            return False
    return True


def compare(case, exp, cites):
    e = case["expect"]
    probs = []
    if e["kind"] != exp["kind"]:
        return [f"kind {e['kind']} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if not same_number(e["value"], exp["value"]):
            probs.append(f"value {e['value']} != {exp['value']}")
        if e["unit"] != exp["unit"]:
            probs.append(f"unit {e['unit']} != {exp['unit']}")
    elif k in ("agency", "boolean"):
        if e["value"] != exp["value"]:
            probs.append(f"value {e['value']!r} != {exp['value']!r}")
    elif k == "list":
        if e.get("ordered", False) != exp["ordered"]:
            probs.append("ordered flag differs")
        if not same_values(e["values"], exp["values"], exp["ordered"]):
            probs.append(f"values {e['values']} != {exp['values']}")
    elif k == "passages":
        if sorted(e["files"]) != sorted(exp["files"]) or sorted(e["sections"]) != sorted(exp["sections"]):
            probs.append(f"passages {e['files']}/{e['sections']} != {exp['files']}/{exp['sections']}")
    if len(set(case["cite"])) != len(case["cite"]):
        probs.append("duplicate cites")
    if sorted(case["cite"]) != sorted(cites):
        probs.append(f"cite {sorted(case['cite'])} != {sorted(cites)}")
    return probs


def tag_problems(case):
    """guessed_unit when a cited cell's unit was guessed; mixed_years when cited cells span years."""
    probs = []
    cited = []
    for c in case["cite"]:
        f, _, key = c.partition("#")
        reps = [r for r in STORE if r.file == f]
        if len(reps) != 1:
            probs.append(f"cite {c}: unknown file")
            continue
        if key:
            if reps[0].state(key) != "number":
                probs.append(f"cite {c}: not a number cell")
            cited.append((reps[0], key))
    if any(r.guessed(k) for r, k in cited) and "guessed_unit" not in case["tags"]:
        probs.append("missing tag guessed_unit")
    if len({r.year for r, _ in cited}) > 1 and "mixed_years" not in case["tags"]:
        probs.append("missing tag mixed_years")
    lang = [t for t in case["tags"] if t in ("zh", "en")]
    if len(lang) != 1:
        probs.append("needs exactly one language tag")
    else:
        if lang[0] == "zh" and not re.search(r"[\u4e00-\u9fff]", case["question"]):
            probs.append("zh tag on a question with no Chinese")
        if lang[0] == "en" and not re.search(r"[A-Za-z]{3,}", case["question"]):
            probs.append("en tag on a question with no English")
    return probs


def main():
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    ids = [c["id"] for c in cases]
    assert ids == [f"h17-{i:03d}" for i in range(1, 121)], "ids must be h17-001 .. h17-120 in order"
    assert set(CASE) | set(REFUSE) == set(ids) and not set(CASE) & set(REFUSE), "one reference per case"
    bad = 0
    for c in cases:
        cid = c["id"]
        if cid in REFUSE:
            try:
                v = REFUSE[cid]()
                probs = [f"expected no data but got {v!r}"]
                why = ""
            except NoData as e:
                why = str(e)
                probs = [] if c["expect"]["kind"] == "unanswerable" else [f"kind {c['expect']['kind']} != unanswerable"]
                if c["cite"]:
                    probs.append("a refusal cites nothing")
            shown = f"unanswerable ({why})"
        else:
            try:
                exp, cites = CASE[cid]()
            except NoData as e:
                exp, cites = {"kind": "unanswerable"}, []
                shown = f"unexpected NoData: {e}"
                probs = [shown]
            else:
                probs = compare(c, exp, cites)
                shown = json.dumps({k: v for k, v in exp.items() if k != "kind"}, ensure_ascii=False)
                if len(shown) > 90:
                    shown = shown[:87] + "..."
                shown = f"{exp['kind']} {shown}"
        probs += tag_problems(c)
        status = "ok  " if not probs else "FAIL"
        bad += bool(probs)
        print(f"{status} {cid} {shown}" + ("" if not probs else "  <- " + "; ".join(probs)))
    langs = {t: sum(t in c["tags"] for c in cases) for t in ("zh", "en")}
    print(f"summary: {len(cases) - bad}/{len(cases)} cases match the reference "
          f"({langs['zh']} zh, {langs['en']} en; {sum(1 for c in cases if c.get('turns'))} follow-ups; "
          f"{sum(1 for c in cases if c['expect']['kind'] == 'unanswerable')} refusals); mismatches: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
