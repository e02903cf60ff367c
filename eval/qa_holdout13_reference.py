#!/usr/bin/env python3
"""Reference check for eval/qa_holdout13.jsonl (standard library only).

Every expected answer and every `cite` of the 120 cases is recomputed here, independently, from the gold
facts (tests/fixtures/gold/*.json) and, for narrative / passage cases, from the sample texts
(data/samples/*.txt). The case file is only read to be compared: nothing in it is trusted.

Rules applied (DOMAIN.md):
  * numbers come only from cells in state "number"; blank / absent / unreadable / missing cells are never 0
    and make a computation fail;
  * a cell of a row that fails a balance rule (R1-R4, recomputed here and cross-checked against the gold
    `checks`) never gives a number answer;
  * `cite` must be exactly the set of cells (or bare files for narrative / passage cases) the answer used;
  * rankings assert that the positions asked about are not tied; refusals assert there really is no usable
    answer; narrative numbers must occur in the sample text (and in gold narrative_numbers).

Usage: python3 eval/qa_holdout13_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]
Prints one line per case and a summary; exits 1 on any mismatch.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
OUTCOME_ROWS = ["granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc"]
REQUEST_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
REVIEW_ROWS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_PARTS = ["upheld", "corrected", "other", "pending"]
CATEGORIES = {"lookup", "sum", "compare", "ratio", "rank", "count", "average", "group", "meta", "narrative",
              "passage", "followup", "quality", "refusal"}
SECTION_NUMS = "一二三四五六"


class Fail(Exception):
    """The reference computation cannot produce the answer (or a precondition does not hold)."""


class Val:
    """A number with the cites it came from."""

    def __init__(self, value, cites):
        self.value = value
        self.cites = set(cites)

    def __repr__(self):
        return f"Val({self.value})"


# ----------------------------------------------------------------------------------------- the store
class Report:
    def __init__(self, gold: dict, samples: Path):
        self.g = gold
        self.file = Path(gold["file"]).name
        self.agency = gold["agency"]
        self.facts = gold["facts"]
        self.year = gold["year"]
        self.text = None
        if self.file.endswith(".txt"):
            p = samples / self.file
            if not p.exists():
                raise SystemExit(f"sample text missing: {p}")
            self.text = p.read_text(encoding="utf-8")
        self.failures = self._rules()
        self.tainted = set()
        for _rule, _label, keys in self.failures:
            self.tainted.update(keys)
        self._cross_check_gold()

    # names the report answers to (agency, full name, variants)
    def names(self):
        out = [self.agency, self.g.get("agency_full") or ""]
        out += [v.get("text", "") for v in self.g.get("agency_variants") or []]
        return [n for n in out if n]

    def state(self, key):
        f = self.facts.get(key)
        return "missing" if f is None else f["state"]

    def _n(self, key):
        f = self.facts.get(key)
        if f is None or f["state"] != "number":
            return None
        return f["value"]

    def _rules(self):
        """Recompute R1-R4; returns [(rule, label, [keys])] of the failing equations."""
        fails = []
        rows_present = [r for r in REQUEST_ROWS if any(f"requests.{r}.{c}" in self.facts for c in COLS + ["total"])]
        for col in COLS + ["total"]:
            # R1
            ks = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
            vs = [self._n(k) for k in ks]
            if None not in vs and abs(vs[0] + vs[1] - vs[2] - vs[3]) > 1e-9:
                fails.append(("R1", col, ks))
            # R2 (absent / missing rows are not part of this template's printed table; blank makes it uncheckable)
            okeys = [f"requests.{r}.{col}" for r in OUTCOME_ROWS if self.state(f"requests.{r}.{col}") not in ("missing", "absent")]
            hv = self._n(f"requests.handled.{col}")
            ovs = [self._n(k) for k in okeys]
            if hv is not None and None not in ovs and abs(sum(ovs) - hv) > 1e-9:
                fails.append(("R2", col, okeys + [f"requests.handled.{col}"]))
        for r in rows_present:  # R3
            ks = [f"requests.{r}.{c}" for c in COLS]
            vs = [self._n(k) for k in ks]
            tv = self._n(f"requests.{r}.total")
            if tv is not None and None not in vs and abs(sum(vs) - tv) > 1e-9:
                fails.append(("R3", r, ks + [f"requests.{r}.total"]))
        for g in REVIEW_ROWS:  # R4
            ks = [f"review.{g}.{p}" for p in REVIEW_PARTS]
            vs = [self._n(k) for k in ks]
            tv = self._n(f"review.{g}.total")
            if tv is not None and None not in vs and abs(sum(vs) - tv) > 1e-9:
                fails.append(("R4", g, ks + [f"review.{g}.total"]))
        return fails

    def _cross_check_gold(self):
        checks = self.g.get("checks") or {}
        for rule in ("R1", "R2", "R3", "R4"):
            mine = [f for f in self.failures if f[0] == rule]
            gold = str(checks.get(rule, "pass"))
            if gold.startswith("pass") != (not mine):
                raise SystemExit(f"{self.file}: recomputed {rule} {'fails' if mine else 'passes'} but gold says {gold!r}")
            for _r, label, _k in mine:
                if label not in gold:
                    raise SystemExit(f"{self.file}: recomputed {rule} failure {label!r} not named in gold {gold!r}")
            detail = (self.g.get("checks_detail") or {}).get(rule)
            if isinstance(detail, dict) and "failed" in detail and detail["failed"] != len(mine):
                raise SystemExit(f"{self.file}: {rule} failed {len(mine)} vs gold checks_detail {detail['failed']}")

    # ---- cell access
    def cite(self, key):
        return f"{self.file}#{key}"

    def num(self, key) -> Val:
        """A usable number for a number answer: state number and not in a row failing a balance rule."""
        st = self.state(key)
        if st != "number":
            raise Fail(f"{self.file} {key} is {st}, not a number")
        if key in self.tainted:
            raise Fail(f"{self.file} {key} is in a row failing a balance rule")
        return Val(self.facts[key]["value"], [self.cite(key)])

    def raw(self, key) -> Val:
        """A printed number for data-quality checks (balance failures allowed, state must be number)."""
        if self.state(key) != "number":
            raise Fail(f"{self.file} {key} is {self.state(key)}")
        return Val(self.facts[key]["value"], [self.cite(key)])

    def unusable(self, key):
        """Assert the cell can give no number answer; returns why."""
        st = self.state(key)
        if st != "number":
            return f"{key} is {st}"
        if key in self.tainted:
            return f"{key} is in a row failing a balance rule"
        raise Fail(f"{self.file} {key} is a usable number ({self.facts[key]['value']}): not a refusal")

    # ---- narrative and passages
    def narr(self, fragment) -> dict:
        hits = [n for n in self.g.get("narrative_numbers") or [] if fragment in n["text"]]
        if len(hits) != 1:
            raise Fail(f"{self.file}: narrative {fragment!r} matches {len(hits)} gold narrative_numbers")
        n = hits[0]
        if self.text is not None and n["text"] not in self.text and \
                re.sub(r"\s+", "", n["text"]) not in re.sub(r"\s+", "", self.text):
            raise Fail(f"{self.file}: narrative {n['text']!r} not in the sample text")
        return n

    def sections(self):
        if self.text is None:
            raise Fail(f"{self.file}: no text to read passages from")
        out = {s: [] for s in SECTION_NUMS}
        cur = None
        for line in self.text.splitlines():
            head = re.sub(r"^[\s#*]+", "", line)
            m = re.match(r"^([一二三四五六])、", head)
            if m and (cur is None or SECTION_NUMS.index(m.group(1)) > SECTION_NUMS.index(cur)):
                cur = m.group(1)
            if cur:
                out[cur].append(line)
        return {k: "\n".join(v) for k, v in out.items()}


class Store:
    def __init__(self, gold_dir: Path, samples: Path):
        files = sorted(gold_dir.glob("*.json"))
        if not files:
            raise SystemExit(f"no gold files in {gold_dir}")
        self.reports = [Report(json.loads(p.read_text(encoding="utf-8")), samples) for p in files]

    def R(self, name, year) -> Report:
        hits = [r for r in self.reports if r.year == year and any(name in n for n in r.names())]
        if len(hits) != 1:
            raise Fail(f"report {name!r} {year}: {len(hits)} matches")
        return hits[0]

    def select(self, pred):
        return [r for r in self.reports if pred(r)]

    def by_name(self, name):
        return [r for r in self.reports if any(name in n for n in r.names())]


# ----------------------------------------------------------------------------------------- results
def number(v, unit, nd=2):
    val = v.value if isinstance(v, Val) else v
    return {"kind": "number", "value": round(val, nd), "unit": unit}, (v.cites if isinstance(v, Val) else set())


def agency(rep, cites):
    return {"kind": "agency", "value": rep.agency}, set(cites)


def lst(values, ordered, cites):
    return {"kind": "list", "values": list(values), "ordered": ordered}, set(cites)


def boolean(b, cites):
    return {"kind": "boolean", "value": bool(b)}, set(cites)


def passages(specs):
    """specs: [(report, section, keyword)]: the keyword must occur in that section of that report."""
    files, secs = set(), set()
    for rep, sec, kw in specs:
        if kw not in rep.sections()[sec]:
            raise Fail(f"{rep.file}: {kw!r} not found in section {sec}")
        files.add(rep.file)
        secs.add(sec)
    return {"kind": "passages", "files": sorted(files), "sections": sorted(secs, key=SECTION_NUMS.index)}, set(files)


def refuse(*reasons):
    for r in reasons:
        if not r:
            raise Fail("a refusal precondition does not hold")
    return {"kind": "unanswerable"}, set()


def add(*vals):
    return Val(sum(v.value for v in vals), set().union(*(v.cites for v in vals)))


def sub(a, b):
    return Val(a.value - b.value, a.cites | b.cites)


def div(a, b):
    if b.value == 0:
        raise Fail("division by zero")
    return Val(a.value / b.value, a.cites | b.cites)


def pct(a, b):
    d = div(a, b)
    return Val(100 * d.value, d.cites)


def growth(old, new):
    return pct(sub(new, old), old)


def cites_of(vals):
    return set().union(*(v.cites for v in vals))


def ranked(items, desc=True):
    """items: [(report, Val)] sorted by value."""
    return sorted(items, key=lambda t: t[1].value, reverse=desc)


def at(items, pos, desc=True):
    """The report at 1-based position pos (negative: from the end); asserts the position is not tied."""
    r = ranked(items, desc)
    rep, v = r[pos - 1] if pos > 0 else r[pos]
    same = [x for x in r if x[1].value == v.value]
    if len(same) != 1:
        raise Fail(f"position {pos} is tied at {v.value}")
    return rep


def top(items, n, desc=True):
    r = ranked(items, desc)
    vals = [v.value for _, v in r]
    if len(set(vals[:n])) != n or (len(vals) > n and vals[n - 1] == vals[n]):
        raise Fail(f"top {n} is tied: {vals}")
    return [rep for rep, _ in r[:n]]


def median(vals):
    s = sorted(vals)
    n = len(s)
    if n % 2:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2


def is_stat(r):
    return "统计局" in r.agency


def has_procurement(r):
    return any(k.startswith("active.procurement.") and f["state"] in ("number", "blank", "unreadable")
               for k, f in r.facts.items())


# ----------------------------------------------------------------------------------------- the specs
def specs(S: Store):
    gl = lambda: S.R("鼓楼区统计局", 2020)   # noqa: E731
    lc = lambda: S.R("鹿城区统计局", 2020)   # noqa: E731
    yz = lambda: S.R("鄞州区统计局", 2019)   # noqa: E731
    wq = lambda: S.R("温泉街道", 2020)        # noqa: E731
    eq = lambda: S.R("二七区统计局", 2020)   # noqa: E731
    h23 = lambda: S.R("洪泽区人民政府", 2023)  # noqa: E731
    h24 = lambda: S.R("洪泽区人民政府", 2024)  # noqa: E731
    samples = lambda: S.select(lambda r: r.text is not None)  # noqa: E731
    PA, PP = "active.procurement.amount", "active.procurement.projects"

    def col(reps, key):
        return [(r, r.num(key)) for r in reps]

    def per_project(reps):
        return [(r, div(r.num(PA), r.num(PP))) for r in reps]

    def count(items, pred):
        return number(sum(1 for _, v in items if pred(v.value)), "count", 0)[0], cites_of([v for _, v in items])

    def names(reps):
        return [r.agency for r in reps]

    def procurement_reps():
        return S.select(has_procurement)

    def rows_sum(rep, rows, colname):
        return add(*[rep.num(f"requests.{r}.{colname}") for r in rows])

    withheld = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
    unav = [r for r in OUTCOME_ROWS if r.startswith("unavailable_")]

    def r4(rep, g):
        parts = [rep.raw(f"review.{g}.{p}") for p in REVIEW_PARTS]
        tot = rep.raw(f"review.{g}.total")
        return boolean(sum(p.value for p in parts) == tot.value, cites_of(parts + [tot]))

    def narr_vs_table(rep, fragment):
        n = rep.narr(fragment)
        keys = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
        if not keys:
            raise Fail("narrative has no table cell")
        vals = [rep.raw(k) for k in keys]
        agree = n["value"] == sum(v.value for v in vals)
        flag = n.get("agrees_with_table", n.get("agrees"))
        if flag is not None and flag != agree:
            raise Fail(f"gold says agrees={flag}, recomputed {agree}")
        return boolean(agree, {rep.file} | cites_of(vals))

    def narr_num(rep, fragment, unit):
        n = rep.narr(fragment)
        return number(Val(n["value"], {rep.file}), unit)

    def no_year(name, year):
        reps = S.by_name(name)
        return bool(reps) and all(r.year != year for r in reps)

    def unique(reps):
        if len({r.agency for r in reps}) != 1:
            raise Fail(f"{len(reps)} reports match, not one agency")
        return reps[0]

    def zero_list(key):
        """Agencies whose cell is a printed 0; blank cells are never 0 (left out, not cited)."""
        if not any(r.state(key) == "blank" for r in S.reports):
            raise Fail(f"no blank {key}: case premise gone")
        usable = [(r, r.num(key)) for r in S.reports if r.state(key) == "number"]
        return lst([r.agency for r, v in usable if v.value == 0], False, cites_of([v for _, v in usable]))

    def training():
        """Every sample that mentions 培训, with the sections it does so in; the others must not mention it."""
        hits = []
        for r in samples():
            for sec, txt in r.sections().items():
                if "培训" in txt:
                    hits.append((r, sec, "培训"))
        return passages(hits)

    def unit_printed(rep, key):
        f = rep.facts[key]
        if f["state"] != "number" or not (f.get("unit_printed") or f.get("unit_assumed")):
            raise Fail("no unit information")
        return boolean(bool(f.get("unit_printed")), {rep.cite(key)})

    def failing_report():
        bad = [r for r in S.reports if r.failures]
        rep = unique(bad)
        return agency(rep, {r.cite(k) for r in bad for f in r.failures for k in f[2]})

    def hz_usable_recon_2024():
        h24().num("review.reconsideration.total")  # the earlier turn is answerable
        return True

    sp = {
        # lookup
        1: lambda: number(wq().num(PP), "count"),
        2: lambda: number(yz().num(PA), "yuan"),
        3: lambda: number(h23().num("active.licensing.decisions"), "count"),
        4: lambda: number(lc().num("active.penalty.decisions"), "count"),
        5: lambda: number(eq().num("active.other_services.prev_items"), "count"),
        6: lambda: number(h24().num("active.normative.in_force"), "count"),
        7: lambda: number(yz().num("active.rules.public_total"), "count"),
        8: lambda: number(h23().num("active.fees.amount"), "yuan"),
        9: lambda: number(h24().num("requests.unavailable_not_held.total"), "count"),
        10: lambda: number(h23().num("review.lawsuit_direct.total"), "count"),
        11: lambda: number(eq().num(PA), "yuan"),
        # sum
        12: lambda: number(add(h23().num("active.licensing.decisions"), h24().num("active.licensing.decisions")), "count"),
        13: lambda: number(add(*[r.num(PA) for r in S.select(lambda r: r.g["province"] == "浙江省" and is_stat(r))]), "yuan"),
        14: lambda: number(add(*[r.num(PP) for r in S.select(lambda r: r.g["template"] == "2019")]), "count"),
        15: lambda: number(rows_sum(h24(), withheld, "total"), "count"),
        16: lambda: number(rows_sum(h23(), unav, "total"), "count"),
        17: lambda: number(rows_sum(wq(), unav, "person"), "count"),
        18: lambda: number(add(h23().num("active.penalty.decisions"), h24().num("active.penalty.decisions")), "count"),
        19: lambda: number(add(*[r.num("requests.new.total") for r in S.select(lambda r: r.year == 2020)]), "count"),
        # compare
        20: lambda: agency(at(col([yz(), gl()], PA), 1), cites_of([yz().num(PA), gl().num(PA)])),
        21: lambda: number(sub(yz().num(PA), lc().num(PA)), "yuan"),
        22: lambda: boolean(h24().num("active.coercion.decisions").value < h23().num("active.coercion.decisions").value,
                            cites_of([h23().num("active.coercion.decisions"), h24().num("active.coercion.decisions")])),
        23: lambda: boolean(h24().num("active.licensing.decisions").value > h23().num("active.licensing.decisions").value,
                            cites_of([h23().num("active.licensing.decisions"), h24().num("active.licensing.decisions")])),
        24: lambda: number(sub(h24().num("requests.new.total"), h23().num("requests.new.total")), "count"),
        25: lambda: boolean(h24().num("active.fees.amount").value > h23().num("active.fees.amount").value,
                            cites_of([h23().num("active.fees.amount"), h24().num("active.fees.amount")])),
        26: lambda: number(sub(h23().num("active.fees.amount"), h24().num("active.fees.amount")), "yuan"),
        27: lambda: agency(at(col([lc(), wq()], PP), 1), cites_of([lc().num(PP), wq().num(PP)])),
        28: lambda: boolean(eq().num("requests.new.total").value > lc().num("requests.new.total").value,
                            cites_of([eq().num("requests.new.total"), lc().num("requests.new.total")])),
        29: lambda: number(sub(h24().num("active.normative.in_force"), h23().num("active.normative.in_force")), "count"),
        # ratio
        30: lambda: number(pct(h24().num("requests.granted.total"), h24().num("requests.handled.total")), "percent"),
        31: lambda: number(growth(h23().num("requests.new.total"), h24().num("requests.new.total")), "percent"),
        32: lambda: number(growth(h23().num("active.penalty.decisions"), h24().num("active.penalty.decisions")), "percent"),
        33: lambda: number(pct(h24().num("requests.unavailable_not_held.total"), h24().num("requests.handled.total")), "percent"),
        34: lambda: number(pct(yz().num(PA), add(*[r.num(PA) for r in samples()])), "percent"),
        35: lambda: number(div(gl().num(PA), gl().num(PP)), "yuan"),
        36: lambda: number(pct(h23().num("requests.unavailable_not_held.total"), h23().num("requests.new.total")), "percent"),
        37: lambda: number(growth(h23().num("active.coercion.decisions"), h24().num("active.coercion.decisions")), "percent"),
        38: lambda: number(pct(add(h24().num("requests.granted.total"), h24().num("requests.partial.total")),
                               h24().num("requests.handled.total")), "percent"),
        # rank
        39: lambda: agency(at(col(procurement_reps(), PA), 2), cites_of([v for _, v in col(procurement_reps(), PA)])),
        40: lambda: agency(at(col(procurement_reps(), PP), -1), cites_of([v for _, v in col(procurement_reps(), PP)])),
        41: lambda: agency(at(col(procurement_reps(), PP), 2, desc=False), cites_of([v for _, v in col(procurement_reps(), PP)])),
        42: lambda: lst(names(top(col(procurement_reps(), PA), 3)), True, cites_of([v for _, v in col(procurement_reps(), PA)])),
        43: lambda: agency(at(col(S.select(lambda r: "active.penalty.prev_items" in r.facts), "active.penalty.prev_items"), 2),
                           cites_of([v for _, v in col(S.select(lambda r: "active.penalty.prev_items" in r.facts), "active.penalty.prev_items")])),
        44: lambda: agency(at(col(S.select(lambda r: r.year == 2020), "active.penalty.decisions"), 1),
                           cites_of([v for _, v in col(S.select(lambda r: r.year == 2020), "active.penalty.decisions")])),
        45: lambda: agency(at(col(S.reports, "requests.new.total"), 3), cites_of([v for _, v in col(S.reports, "requests.new.total")])),
        46: lambda: agency(at(per_project(procurement_reps()), -1), cites_of([v for _, v in per_project(procurement_reps())])),
        47: lambda: lst(names(top(col(S.select(is_stat), PP), len(S.select(is_stat)))), True,
                        cites_of([v for _, v in col(S.select(is_stat), PP)])),
        # count
        48: lambda: count(col(procurement_reps(), PA), lambda v: v > 100000),
        49: lambda: count(col(S.reports, "active.penalty.decisions"), lambda v: v == 0),
        50: lambda: count(col(S.reports, "requests.granted.total"), lambda v: v == 0),
        51: lambda: count(col(S.reports, "requests.partial.total"), lambda v: v >= 1),
        52: lambda: zero_list("requests.unavailable_not_held.total"),
        53: lambda: count(col(procurement_reps(), PA), lambda v: v > 300000),
        54: lambda: count(col(procurement_reps(), PP), lambda v: v > 10),
        # average
        55: lambda: number(Val(add(*[r.num(PA) for r in samples()]).value / len(samples()), cites_of([r.num(PA) for r in samples()])), "yuan"),
        56: lambda: number(Val(median([r.num(PA).value for r in samples()]), cites_of([r.num(PA) for r in samples()])), "yuan"),
        57: lambda: (lambda items: lst([r.agency for r, v in items if v.value > sum(x.value for _, x in items) / len(items)], False,
                                       cites_of([v for _, v in items])))(col(samples(), PA)),
        58: lambda: number(Val(add(*[r.num("requests.new.total") for r in S.reports]).value / len(S.reports),
                               cites_of([r.num("requests.new.total") for r in S.reports])), "count"),
        59: lambda: number(Val(median([r.num(PP).value for r in procurement_reps()]), cites_of([r.num(PP) for r in procurement_reps()])), "count"),
        60: lambda: (lambda items: lst([r.agency for r, v in items if v.value > sum(x.value for _, x in items) / len(items)], False,
                                       cites_of([v for _, v in items])))(col(samples(), "requests.new.total")),
        # group
        61: lambda: number(add(*[r.num("requests.new.total") for r in S.select(lambda r: r.g["province"] == "福建省" and r.year == 2020)]), "count"),
        62: lambda: number(add(*[r.num(PA) for r in S.select(is_stat)]), "yuan"),
        63: lambda: lst(sorted({r.agency for r in S.select(lambda r: r.g.get("city") == "福州市")}), False, []),
        64: lambda: number(add(*[r.num("active.penalty.decisions") for r in S.select(lambda r: r.g["province"] == "浙江省" and is_stat(r))]), "count"),
        65: lambda: agency(unique(S.select(lambda r: r.g.get("agency_kind") == "street_office")), []),
        66: lambda: agency(at(col(S.select(is_stat), "requests.new.total"), 1), cites_of([v for _, v in col(S.select(is_stat), "requests.new.total")])),
        # meta
        67: lambda: lst(sorted({r.agency for r in S.reports}), False, []),
        68: lambda: lst(sorted(r.year for r in S.by_name("洪泽")), False, []),
        69: lambda: boolean(h24().g["template"] == "2021", []),
        70: lambda: number(Val(len([r for r in S.reports if not has_procurement(r)]), []), "count"),
        71: lambda: agency(unique(S.select(lambda r: r.year == 2019)), []),
        72: lambda: boolean(str(lc().g.get("published") or "").startswith("2021-01"), []),
        # narrative
        73: lambda: narr_num(gl(), "本年度共发布各类信息", "count"),
        74: lambda: narr_num(yz(), "官方微博", "count"),
        75: lambda: narr_num(yz(), "罚款总额", "yuan"),
        76: lambda: narr_num(h23(), "主动公开政府信息1136条", "count"),
        77: lambda: narr_num(wq(), "全年主动公开政府信息", "count"),
        78: lambda: narr_num(h24(), "常务会议", "count"),
        79: lambda: narr_num(yz(), "统计数据262条", "count"),
        80: lambda: narr_num(gl(), "答复及时率", "percent"),
        # passage
        81: lambda: passages([(wq(), "五", "答复依申请公开处理水平有待提高")]),
        82: lambda: passages([(lc(), "五", "加强学习，提高认识")]),
        83: lambda: passages([(yz(), "五", "信息公开范围单一")]),
        84: lambda: passages([(eq(), "五", "公开意识及内容需要进一步深化")]),
        85: lambda: passages([(yz(), "一", "完善信息平台建设")]),
        86: lambda: passages([(eq(), "一", "健全工作机制")]),
        87: lambda: training(),
        88: lambda: passages([(gl(), "六", "暂无其他需要报告的事项")]),
        # followup
        89: lambda: number(lc().num(PP), "count"),
        90: lambda: number(h24().num("requests.new.total"), "count"),
        91: lambda: number(sub(h23().num("active.penalty.decisions"), h24().num("active.penalty.decisions")), "count"),
        92: lambda: agency(at(col(S.select(is_stat), PP), 2), cites_of([v for _, v in col(S.select(is_stat), PP)])),
        93: lambda: number(sub(yz().num(PA), gl().num(PA)), "yuan"),
        94: lambda: number(pct(wq().num("requests.granted.total"), wq().num("requests.new.total")), "percent"),
        95: lambda: number(growth(h23().num("active.fees.amount"), h24().num("active.fees.amount")), "percent"),
        96: lambda: number(eq().num("active.coercion.prev_items"), "count"),
        97: lambda: number(h23().num("requests.partial.total"), "count"),
        98: lambda: (lambda v: boolean(all(p.value == t.value for p, t in v), cites_of([x for pair in v for x in pair])))(
            [(r.num("requests.new.person"), r.num("requests.new.total")) for r in (gl(), lc())]),
        # quality
        99: lambda: r4(h23(), "reconsideration"),
        100: lambda: r4(h24(), "lawsuit_after_review"),
        101: lambda: narr_vs_table(h24(), "受理政府信息公开申请17件"),
        102: lambda: narr_vs_table(wq(), "街道共受理依申请公开"),
        103: lambda: (lambda c: boolean(c[0].value + c[1].value == c[2].value + c[3].value, cites_of(c)))(
            [yz().raw(f"requests.{r}.total") for r in ("new", "carried_in", "handled", "carried_out")]),
        104: lambda: failing_report(),
        105: lambda: (lambda tot, parts: boolean(tot["value"] == sum(p["value"] for p in parts), {gl().file}))(
            gl().narr("本年度共发布各类信息"),
            [gl().narr(f) for f in ("“公告”", "“鼓楼统计”", "“统计数据”", "“统计分析”", "“政务公开”")]),
        106: lambda: unit_printed(eq(), PA),
        # refusal
        107: lambda: refuse(not S.by_name("朝阳"), all("朝阳" not in str(r.g.get(k)) for r in S.reports for k in ("city", "county"))),
        108: lambda: refuse(all(r.g.get("city") != "南京市" for r in S.reports),
                            all(r.g.get("city") == "福州市" for r in S.reports if r.g.get("county") == "鼓楼区")),
        109: lambda: refuse(no_year("鹿城区统计局", 2021)),
        110: lambda: refuse(no_year("洪泽区人民政府", 2022)),
        111: lambda: refuse(h24().unusable(PA)),
        112: lambda: refuse(gl().unusable("requests.unavailable_not_held.total")),
        113: lambda: refuse(wq().unusable("requests.declined_complaint.total")),
        114: lambda: refuse(h23().unusable("review.reconsideration.total")),
        115: lambda: refuse(h23().unusable("review.lawsuit_after_review.upheld")),
        116: lambda: refuse(all("生产总值" not in (r.text or "") and "GDP" not in (r.text or "").upper() for r in S.reports),
                            all("gdp" not in k.lower() for r in S.reports for k in r.facts),
                            all("GDP" not in json.dumps(r.g.get("narrative_numbers"), ensure_ascii=False).upper()
                                and "生产总值" not in json.dumps(r.g.get("narrative_numbers"), ensure_ascii=False) for r in S.reports)),
        117: lambda: refuse(lc().unusable("active.fees.amount")),
        118: lambda: refuse(bool(S.select(lambda r: r.year == 2023)),
                            all(not has_procurement(r) for r in S.select(lambda r: r.year == 2023))),
        119: lambda: refuse(hz_usable_recon_2024(), h23().unusable("review.reconsideration.total")),
        120: lambda: refuse(no_year("鄞州区统计局", 2020)),
    }
    return {f"h13-{k:03d}": v for k, v in sp.items()}


# ----------------------------------------------------------------------------------------- compare
def lang_of(q: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", q))
    latin = len(re.findall(r"[A-Za-z]", q))
    return "en" if latin > cjk else "zh"


def compare(case: dict, ref: dict, ref_cites: set) -> list[str]:
    errs = []
    exp = case.get("expect") or {}
    if exp.get("kind") != ref["kind"]:
        return [f"kind {exp.get('kind')!r} != reference {ref['kind']!r}"]
    k = ref["kind"]
    if k == "number":
        if exp.get("unit") != ref["unit"]:
            errs.append(f"unit {exp.get('unit')!r} != {ref['unit']!r}")
        v = exp.get("value")
        if not isinstance(v, (int, float)) or isinstance(v, bool) or abs(v - ref["value"]) > 0.005 + 1e-9:
            errs.append(f"value {v!r} != reference {ref['value']!r}")
    elif k in ("agency", "boolean"):
        if exp.get("value") != ref["value"] or type(exp.get("value")) is not type(ref["value"]):
            errs.append(f"value {exp.get('value')!r} != reference {ref['value']!r}")
    elif k == "list":
        if exp.get("ordered") != ref["ordered"]:
            errs.append(f"ordered {exp.get('ordered')!r} != {ref['ordered']!r}")
        got, want = list(exp.get("values") or []), list(ref["values"])
        if ref["ordered"]:
            if got != want:
                errs.append(f"values {got} != reference order {want}")
        elif sorted(map(str, got)) != sorted(map(str, want)) or len(got) != len(want):
            errs.append(f"values {got} != reference set {want}")
    elif k == "passages":
        if sorted(exp.get("files") or []) != ref["files"]:
            errs.append(f"files {exp.get('files')} != {ref['files']}")
        if sorted(exp.get("sections") or [], key=lambda s: SECTION_NUMS.index(s) if s in SECTION_NUMS else 9) != ref["sections"]:
            errs.append(f"sections {exp.get('sections')} != {ref['sections']}")
    cites = case.get("cite") or []
    if len(cites) != len(set(cites)):
        errs.append("duplicate cite")
    if set(cites) != ref_cites:
        miss, extra = sorted(ref_cites - set(cites)), sorted(set(cites) - ref_cites)
        errs.append(f"cite differs: missing {miss} extra {extra}")
    note = exp.get("note")
    if not isinstance(note, str) or not note.strip():
        errs.append("expect.note missing")
    else:
        for c in cites:
            if "#" in c:
                key = c.split("#", 1)[1]
                rowcol = key.split(".", 1)[1]
                if rowcol not in note:
                    errs.append(f"note does not name cell {key}")
    return errs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(REPO / "eval" / "qa_holdout13.jsonl"))
    ap.add_argument("--gold", default=str(REPO / "tests" / "fixtures" / "gold"))
    ap.add_argument("--samples", default=str(REPO / "data" / "samples"))
    a = ap.parse_args(argv)
    store = Store(Path(a.gold), Path(a.samples))
    table = specs(store)
    cases = [json.loads(line) for line in Path(a.cases).read_text(encoding="utf-8").splitlines() if line.strip()]
    ok = bad = 0
    seen = set()
    for i, case in enumerate(cases, start=1):
        cid = case.get("id")
        errs = []
        if cid != f"h13-{i:03d}":
            errs.append(f"id {cid!r} out of sequence (expected h13-{i:03d})")
        if cid in seen:
            errs.append("duplicate id")
        seen.add(cid)
        tags = case.get("tags") or []
        if len(tags) < 2 or tags[0] not in CATEGORIES or tags[1] not in ("zh", "en"):
            errs.append(f"bad tags {tags}")
        elif lang_of(case.get("question", "")) != tags[1]:
            errs.append(f"question language is {lang_of(case['question'])}, tag says {tags[1]}")
        if (tags[:1] == ["followup"] or "followup" in tags) and not case.get("turns"):
            errs.append("follow-up case without turns")
        spec = table.get(cid)
        if spec is None:
            errs.append("no reference spec for this id")
        else:
            try:
                ref, ref_cites = spec()
                errs += compare(case, ref, ref_cites)
                shown = ref.get("value", ref.get("values", ref.get("files", "no answer")))
            except Fail as e:
                errs.append(f"reference computation failed: {e}")
        if errs:
            bad += 1
            print(f"MISMATCH {cid}: " + "; ".join(errs))
        else:
            ok += 1
            print(f"ok {cid} [{tags[0]}/{tags[1]}] {ref['kind']}: {shown}")
    missing = sorted(set(table) - seen)
    if missing:
        bad += len(missing)
        print(f"MISMATCH: no case for reference ids {missing[:5]}{'...' if len(missing) > 5 else ''}")
    print(f"{ok} ok, {bad} mismatched, {len(cases)} cases")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
