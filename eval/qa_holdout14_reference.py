#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout14.jsonl (standard library only).

For every case this script recomputes the expected answer and the expected citations from the gold
fact files (tests/fixtures/gold/*.json) and, for narrative and passage cases, from the sample texts
(data/samples/*.txt), then compares them with what the case file says.

Rules it enforces (see eval/QA_HOLDOUT14.md):
  * reports are selected by agency name / year / metadata (province, city, county, agency kind,
    template), never by a file list;
  * numbers come only from cells in state `number`; blank / absent / unreadable / missing cells raise
    (never read as 0);
  * R1-R4 are recomputed per report and cross-checked against the gold `checks` (and `checks_detail`
    counts when present); every cell of a failing equation is tainted and cannot give a number;
  * a ranking asserts that the asked position is not tied;
  * a refusal asserts that the data has truly no usable answer (the asked cell raises for the stated
    reason, and no narrative number stands in for it);
  * a narrative number must be in the gold narrative_numbers and, for the sample reports, occur
    verbatim in the sample text;
  * a passage must lie in the stated section of the sample text (sections found by heading meaning);
  * every cited cell is named in the case note as row.col with its file and raw value; the tags
    guessed_unit / blank / balance_fail / mixed_years are present exactly when the cited data
    calls for them, `followup` exactly when the case has turns.

Usage: python3 eval/qa_holdout14_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]
Prints one line per case and a summary `N ok, M mismatched`; exits 1 on any mismatch.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ template (DOMAIN.md)
_T19_ACTIVE = {
    "rules": ("made", "published", "public_total"), "normative": ("made", "published", "public_total"),
    "licensing": ("prev_items", "change", "decisions"), "other_services": ("prev_items", "change", "decisions"),
    "penalty": ("prev_items", "change", "decisions"), "coercion": ("prev_items", "change", "decisions"),
    "fees": ("prev_items", "change"), "procurement": ("projects", "amount"),
}
_T21_ACTIVE = {
    "rules": ("issued", "repealed", "in_force"), "normative": ("issued", "repealed", "in_force"),
    "licensing": ("decisions",), "penalty": ("decisions",), "coercion": ("decisions",), "fees": ("amount",),
}
APPLICANT = ("person", "business", "research", "nonprofit", "legal", "other_org")
REQ_COLS = APPLICANT + ("total",)
WITHHELD = ("withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
            "withheld_process", "withheld_enforcement", "withheld_query")
UNAVAILABLE = ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
DECLINED = ("declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation")
OUTCOME_BASE = ("granted", "partial") + WITHHELD + UNAVAILABLE + DECLINED
OTHER_2021 = ("other_no_correction", "other_no_fee", "other_misc")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")
ENFORCED_TAGS = ("guessed_unit", "blank", "balance_fail", "mixed_years")


def template_has(template: str, key: str) -> bool:
    """Does this template version define the cell `table.row.col` at all?"""
    table, row, col = key.split(".")
    if table == "active":
        return col in (_T19_ACTIVE if template == "2019" else _T21_ACTIVE).get(row, ())
    if table == "requests":
        rows = ("new", "carried_in", "handled", "carried_out") + OUTCOME_BASE + ("other",)
        if template == "2021":
            rows += OTHER_2021  # a 2021 report may also print the undivided 其他处理 row
        return row in rows and col in REQ_COLS
    if table == "review":
        return row in REVIEW_GROUPS and col in REVIEW_COLS
    return False


class NoAnswer(Exception):
    """The data cannot give this number; `why` is blank/absent/missing/unreadable/tainted/not_held/out_of_domain."""

    def __init__(self, why: str, detail: str = ""):
        super().__init__(f"{why}: {detail}")
        self.why = why
        self.detail = detail


class Mismatch(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Mismatch(msg)


# ------------------------------------------------------------------ sections of a sample text
SECTION_ORDER = "一二三四五六"
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理", "依申请"),
                 "四": ("行政复议", "行政诉讼", "行政法复议"), "五": ("问题", "改进", "整改"), "六": ("其他需要报告",)}
_HEAD = re.compile(r"^[\s#*>]*([一二三四五六])\s*[、.．]\s*(.*)$")


def split_sections(text: str, name: str) -> dict[str, str]:
    """Canonical section -> its text, headings matched by meaning and in order (table rows like
    '一、本年新收…' or '四、结转下年度…' do not carry the section's key words and are skipped)."""
    lines = text.splitlines()
    heads, last = [], -1
    for i, line in enumerate(lines):
        m = _HEAD.match(line)
        if not m:
            continue
        num, title = m.group(1), m.group(2)
        idx = SECTION_ORDER.index(num)
        if idx > last and any(w in title for w in SECTION_WORDS[num]):
            heads.append((i, num))
            last = idx
    if [n for _, n in heads] != list(SECTION_ORDER):
        raise Mismatch(f"{name}: sections found {[n for _, n in heads]}, expected all six")
    out = {}
    for j, (i, num) in enumerate(heads):
        end = heads[j + 1][0] if j + 1 < len(heads) else len(lines)
        out[num] = "\n".join(lines[i:end])
    return out


# ------------------------------------------------------------------ reports and their checks
class Report:
    def __init__(self, d: dict, samples: Path):
        self.d = d
        self.file = Path(d["file"]).name
        self.agency = d["agency"]
        self.names = [d["agency"]] + ([d["agency_full"]] if d.get("agency_full") else []) + \
                     [v["text"] for v in d.get("agency_variants", [])]
        kind = d.get("agency_kind")
        if not kind:  # the 洪泽 gold files carry no agency_kind: infer it from the name (DOMAIN.md kinds)
            if "人民政府" in self.agency or "办公厅" in self.agency:
                kind = "government"
            elif "街道" in self.agency or "乡" in self.agency or "镇" in self.agency:
                kind = "street_office"
            else:
                kind = "department"
        self.kind = kind
        self.year = d["year"]
        self.template = d["template"]
        self.province, self.city, self.county = d.get("province"), d.get("city"), d.get("county")
        self.published = d.get("published")
        self.facts = d["facts"]
        self.narrative = d.get("narrative_numbers") or []
        sp = samples / self.file
        if self.file.endswith(".txt"):
            if not sp.exists():
                raise Mismatch(f"sample text {sp} missing for gold {self.file}")
            self.sample = sp.read_text(encoding="utf-8")
            self.sections = split_sections(self.sample, self.file)
        else:
            self.sample, self.sections = None, None
        self.rules, self.tainted = compute_rules(self)

    def state(self, key: str) -> str:
        f = self.facts.get(key)
        if f is not None:
            return f["state"]
        return "missing" if template_has(self.template, key) else "absent"

    def outcome_rows(self) -> tuple:
        if all(self.state(f"requests.{r}.person") == "number" for r in OTHER_2021):
            return OUTCOME_BASE + OTHER_2021
        return OUTCOME_BASE + ("other",)

    def __repr__(self):
        return f"{self.agency} {self.year}"


def compute_rules(rep: Report):
    """R1-R4 for one report: per rule evaluated/passed/failed and the failing equations' cells."""
    def num(k):
        return rep.facts[k]["value"]

    eqs = {"R1": [], "R2": [], "R3": [], "R4": []}
    for c in REQ_COLS:
        eqs["R1"].append((c, [f"requests.new.{c}", f"requests.carried_in.{c}"],
                          [f"requests.handled.{c}", f"requests.carried_out.{c}"]))
        eqs["R2"].append((c, [f"requests.handled.{c}"], [f"requests.{r}.{c}" for r in rep.outcome_rows()]))
    for r in ("new", "carried_in") + rep.outcome_rows() + ("handled", "carried_out"):
        eqs["R3"].append((r, [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in APPLICANT]))
    for g in REVIEW_GROUPS:
        eqs["R4"].append((g, [f"review.{g}.total"], [f"review.{g}.{c}" for c in REVIEW_COLS[:-1]]))
    res, tainted = {}, set()
    for rule, lst in eqs.items():
        ev = ok = 0
        failed = []
        for name, lhs, rhs in lst:
            if any(rep.state(k) != "number" for k in lhs + rhs):
                continue  # skipped: a blank/absent cell is not 0
            ev += 1
            if abs(sum(num(k) for k in lhs) - sum(num(k) for k in rhs)) < 1e-9:
                ok += 1
            else:
                failed.append(name)
                tainted.update(lhs + rhs)
        res[rule] = {"evaluated": ev, "passed": ok, "failed": len(failed), "failing": failed}
    return res, tainted


def cross_check_rules(rep: Report) -> list[str]:
    """Problems between the recomputed R1-R4 and the gold checks / checks_detail."""
    probs = []
    for rule, r in rep.rules.items():
        gold = rep.d["checks"][rule]
        if r["failed"] == 0:
            if gold != "pass":
                probs.append(f"{rep.file} {rule}: recomputed pass, gold {gold!r}")
        else:
            if not gold.startswith("fail"):
                probs.append(f"{rep.file} {rule}: recomputed fail {r['failing']}, gold {gold!r}")
            for name in r["failing"]:
                if name not in gold:
                    probs.append(f"{rep.file} {rule}: failing {name} not named in gold {gold!r}")
            if gold.count("!=") != r["failed"]:
                probs.append(f"{rep.file} {rule}: {r['failed']} failures vs gold {gold!r}")
        det = (rep.d.get("checks_detail") or {}).get(rule)
        if det:
            for k in ("evaluated", "passed", "failed"):
                if det[k] != r[k]:
                    probs.append(f"{rep.file} {rule}: {k} {r[k]} vs gold checks_detail {det[k]}")
    return probs


class DB:
    def __init__(self, gold: Path, samples: Path):
        self.reports = [Report(json.loads(p.read_text(encoding="utf-8")), samples) for p in sorted(gold.glob("*.json"))]
        if not self.reports:
            raise SystemExit(f"no gold files in {gold}")

    def find(self, name=None, year=None, province=None, city=None, county=None, kind=None, template=None):
        out = []
        for r in self.reports:
            if name is not None and not any(name in n for n in r.names):
                continue
            if year is not None and r.year != year:
                continue
            if province is not None and r.province != province:
                continue
            if city is not None and r.city != city:
                continue
            if county is not None and r.county != county:
                continue
            if kind is not None and r.kind != kind:
                continue
            if template is not None and r.template != template:
                continue
            out.append(r)
        return out

    def one(self, **kw) -> Report:
        found = self.find(**kw)
        if not found:
            raise NoAnswer("not_held", f"no report for {kw}")
        check(len(found) == 1, f"selector {kw} is ambiguous: {found}")
        return found[0]


# ------------------------------------------------------------------ what a spec reads
class Ctx:
    """Records the cells/passages an answer uses (they become the expected cites) and the flags."""

    def __init__(self, db: DB):
        self.db = db
        self.cites: list[str] = []
        self.used: list[Report] = []
        self.flags: set[str] = set()

    def _record(self, rep, cite):
        if cite not in self.cites:
            self.cites.append(cite)
        if rep not in self.used:
            self.used.append(rep)

    def _number(self, rep: Report, key: str) -> float:
        st = rep.state(key)
        if st != "number":
            if st == "blank":
                self.flags.add("blank")
            raise NoAnswer(st, f"{rep.file}#{key} is {st}")
        if key in rep.tainted:
            self.flags.add("balance_fail")
            raise NoAnswer("tainted", f"{rep.file}#{key} is in a failing balance equation")
        return rep.facts[key]["value"]

    def peek(self, rep: Report, key: str) -> float:
        """A usable number, not cited (e.g. an earlier turn's ranking)."""
        return self._number(rep, key)

    def v(self, rep: Report, key: str) -> float:
        """A usable number, cited."""
        val = self._number(rep, key)
        if rep.facts[key].get("unit_assumed"):
            self.flags.add("guessed_unit")
        self._record(rep, f"{rep.file}#{key}")
        return val

    def fact(self, rep: Report, key: str) -> dict:
        """The stored fact whatever its state (quality questions look at raw, unit, state), cited."""
        st = rep.state(key)
        check(st in ("number", "blank", "unreadable"), f"{rep.file}#{key} not stored ({st})")
        if st == "blank":
            self.flags.add("blank")
        if key in rep.tainted:
            self.flags.add("balance_fail")
        if rep.facts[key].get("unit_assumed"):
            self.flags.add("guessed_unit")
        self._record(rep, f"{rep.file}#{key}")
        return rep.facts[key]

    def narr(self, rep: Report, snippet: str) -> dict:
        hits = [e for e in rep.narrative if snippet in e["text"]]
        check(len(hits) == 1, f"{rep.file}: narrative snippet {snippet!r} matches {len(hits)} gold narrative_numbers")
        e = hits[0]
        if rep.sample is not None:
            check(e["text"] in rep.sample, f"{rep.file}: narrative {e['text']!r} not verbatim in the sample text")
        if e.get("unit") == "yuan" and "元" not in (e.get("raw") or e["text"]):
            self.flags.add("guessed_unit")
        self._record(rep, rep.file)
        return e

    def passage(self, rep: Report, section: str, needle: str):
        check(rep.sections is not None, f"{rep.file}: no sample text for a passage")
        check(needle in rep.sections[section], f"{rep.file}: {needle!r} not in section {section}")
        self._record(rep, rep.file)
        return rep.file, section

    def mention(self, word: str):
        """Every (file, section) of every sample text that contains `word`."""
        hits = []
        for r in self.db.reports:
            if r.sections is None:
                continue
            for sec, txt in r.sections.items():
                if word in txt:
                    hits.append((r.file, sec))
                    self._record(r, r.file)
        check(hits, f"nobody mentions {word!r}")
        return sorted({f for f, _ in hits}), sorted({s for _, s in hits}, key=SECTION_ORDER.index)


# ------------------------------------------------------------------ answer shapes and helpers
def NUM(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


def AGENCY(rep_or_name):
    return {"kind": "agency", "value": rep_or_name.agency if isinstance(rep_or_name, Report) else rep_or_name}


def LIST(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def PASSAGES(files, sections):
    return {"kind": "passages", "files": sorted(set(files)), "sections": sorted(set(sections), key=SECTION_ORDER.index)}


def pct(a, b):
    check(b != 0, "division by zero")
    return round(100.0 * a / b, 2)


def pick(items, pos, desc=True):
    """items [(label, value)]; the item at rank `pos` (0 = first, -1 = last); asserts no tie there."""
    s = sorted(items, key=lambda t: t[1], reverse=desc)
    i = pos % len(s)
    for j in (i - 1, i + 1):
        if 0 <= j < len(s):
            check(s[j][1] != s[i][1], f"rank position {pos} is tied: {s[i]} vs {s[j]}")
    return s[i][0]


def order(items, desc=True):
    vals = [v for _, v in items]
    check(len(set(vals)) == len(vals), f"ordered list has ties: {items}")
    return [lbl for lbl, _ in sorted(items, key=lambda t: t[1], reverse=desc)]


def refuse(ctx: Ctx, why: str, fn):
    """Assert `fn` cannot give a number, for reason `why`, and no narrative number stands in for it."""
    try:
        got = fn()
    except NoAnswer as e:
        check(e.why == why, f"expected refusal for {why}, got {e.why}: {e.detail}")
        m = re.search(r"(\S+)#(\S+) is", e.detail)
        if m:
            for r in ctx.db.reports:
                if r.file == m.group(1):
                    for n in r.narrative:
                        cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
                        check(m.group(2) not in cells, f"narrative {n['text']!r} gives {m.group(2)}")
        ctx.cites.clear()
        ctx.used.clear()
        return {"kind": "unanswerable"}
    raise Mismatch(f"expected no answer ({why}) but got {got!r}")


def year_not_held(db: DB, name: str, year: int):
    held = db.find(name=name)
    check(held, f"{name} is not held at all (this refusal is meant to be about the year)")
    check(all(r.year != year for r in held), f"{name} {year} is held")
    raise NoAnswer("not_held", f"{name} held for {sorted(r.year for r in held)}, not {year}")


def out_of_domain(db: DB, words):
    for r in db.reports:
        for n in r.narrative:
            for w in words:
                check(w.lower() not in (n["text"] + " " + n.get("what", "")).lower(), f"{r.file} narrative has {w}")
        if r.sample is not None:
            for w in words:
                check(w not in r.sample, f"{r.file} text mentions {w}")
    raise NoAnswer("out_of_domain", f"no report carries {words}")


def has_table(rep: Report, key: str) -> bool:
    """The report's template defines the cell (procurement exists only in the 2019 version)."""
    return template_has(rep.template, key)


# ------------------------------------------------------------------ the 120 recipes
SPECS: dict[str, tuple] = {}


def spec(cid, cat, lang):
    def deco(fn):
        SPECS[f"h14-{cid:03d}"] = (cat, lang, fn)
        return fn
    return deco


def bureaus(db):
    return db.find(name="统计局", kind="department")


def proc_reports(db):
    reps = [r for r in db.reports if has_table(r, "active.procurement.amount")]
    left = [r for r in db.reports if r not in reps]
    check(all(r.template == "2021" for r in left), "a report without procurement is not a 2021-template report")
    return reps


# lookup -------------------------------------------------------------
@spec(1, "lookup", "zh")
def _(c, db): return NUM(c.v(db.one(name="鼓楼区统计局", year=2020), "active.penalty.decisions"))


@spec(2, "lookup", "en")
def _(c, db): return NUM(c.v(db.one(name="鄞州", year=2019), "active.rules.published"))


@spec(3, "lookup", "zh")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024, kind="government"), "active.normative.in_force"))


@spec(4, "lookup", "en")
def _(c, db):
    r = db.one(name="洪泽", year=2023)
    check(r.template == "2021", "fees amount column (万元 header) exists only in the 2021 template")
    return NUM(c.v(r, "active.fees.amount"), "yuan")


@spec(5, "lookup", "zh")
def _(c, db): return NUM(c.v(db.one(name="二七区统计局"), "active.penalty.prev_items"))


@spec(6, "lookup", "en")
def _(c, db): return NUM(c.v(db.one(name="鹿城", year=2020), "requests.partial.total"))


@spec(7, "lookup", "zh")
def _(c, db): return NUM(c.v(db.one(name="温泉", year=2020), "requests.unavailable_not_held.total"))


@spec(8, "lookup", "en")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024), "requests.granted.total"))


@spec(9, "lookup", "zh")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024), "review.lawsuit_after_review.total"))


@spec(10, "lookup", "zh")
def _(c, db):
    r = db.one(name="鄞州", year=2019)
    t, p = c.v(r, "requests.new.total"), c.v(r, "requests.new.person")
    return BOOL(t == 2 and p == t)


@spec(11, "lookup", "en")
def _(c, db): return NUM(c.v(db.one(name="二七"), "active.procurement.projects"))


# sum ----------------------------------------------------------------
@spec(12, "sum", "zh")
def _(c, db): return NUM(sum(c.v(r, "requests.new.total") for r in db.find(province="福建省", year=2020)))


@spec(13, "sum", "en")
def _(c, db): return NUM(sum(c.v(r, "active.penalty.decisions") for r in bureaus(db)))


@spec(14, "sum", "zh")
def _(c, db): return NUM(sum(c.v(db.one(name="洪泽", year=y), "active.licensing.decisions") for y in (2023, 2024)))


@spec(15, "sum", "zh")
def _(c, db):
    reps = [r for r in bureaus(db) if r.province == "浙江省"]
    check(len(reps) == 2, "two Zhejiang bureaus")
    return NUM(round(sum(c.v(r, "active.procurement.amount") for r in reps), 2), "yuan")


@spec(16, "sum", "en")
def _(c, db): return NUM(sum(c.v(r, "active.procurement.projects") for r in proc_reports(db)))


@spec(17, "sum", "zh")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    return NUM(sum(c.v(r, f"requests.{w}.total") for w in WITHHELD))


@spec(18, "sum", "zh")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    return NUM(c.v(r, "active.penalty.decisions") + c.v(r, "active.coercion.decisions"))


@spec(19, "sum", "en")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    return NUM(sum(c.v(r, f"requests.{u}.total") for u in UNAVAILABLE))


# compare ------------------------------------------------------------
@spec(20, "compare", "zh")
def _(c, db):
    items = [(r.agency, c.v(r, "active.procurement.projects")) for r in (db.one(name="鹿城"), db.one(name="鄞州"))]
    return AGENCY(pick(items, 0))


@spec(21, "compare", "en")
def _(c, db):
    a, b = (c.v(db.one(name="洪泽", year=y), "active.licensing.decisions") for y in (2024, 2023))
    return BOOL(a > b)


@spec(22, "compare", "zh")
def _(c, db):
    a, b = (c.v(db.one(name="洪泽", year=y), "active.penalty.decisions") for y in (2023, 2024))
    check(a > b, "2024 is not lower")
    return NUM(a - b)


@spec(23, "compare", "zh")
def _(c, db):
    return BOOL(c.v(db.one(name="二七区统计局"), "active.coercion.prev_items") >
                c.v(db.one(name="鼓楼区统计局"), "active.coercion.prev_items"))


@spec(24, "compare", "en")
def _(c, db):
    a = c.v(db.one(name="温泉", year=2020), "requests.new.total")
    b = c.v(db.one(name="鼓楼区统计局", year=2020), "requests.new.total")
    check(a > b, "Wenquan does not exceed")
    return NUM(a - b)


@spec(25, "compare", "zh")
def _(c, db):
    return BOOL(c.v(db.one(name="洪泽", year=2024), "active.fees.amount") >
                c.v(db.one(name="洪泽", year=2023), "active.fees.amount"))


@spec(26, "compare", "zh")
def _(c, db):
    return BOOL(c.v(db.one(name="洪泽", year=2023), "active.coercion.decisions") >
                c.v(db.one(name="洪泽", year=2024), "active.coercion.decisions"))


@spec(27, "compare", "en")
def _(c, db):
    lc, eq = db.one(name="鹿城", year=2020), db.one(name="二七", year=2020)
    a, b = c.v(lc, "active.procurement.amount"), c.v(eq, "active.procurement.amount")
    # the answer must not hinge on the guessed unit: also true if 6.0248 were yuan
    check((a > b) == (a > eq.facts["active.procurement.amount"]["raw_value"]), "answer depends on the guessed unit")
    return BOOL(a > b)


@spec(28, "compare", "zh")
def _(c, db):
    a, b = c.v(db.one(name="鹿城"), "active.penalty.decisions"), c.v(db.one(name="鄞州"), "active.penalty.decisions")
    check(a > b, "鹿城 not larger")
    return NUM(a - b)


@spec(29, "compare", "en")
def _(c, db):
    a, b = (c.v(db.one(name="洪泽", year=y), "active.fees.amount") for y in (2023, 2024))
    check(a > b, "2024 not lower")
    return NUM(round(a - b, 2), "yuan")


# ratio --------------------------------------------------------------
@spec(30, "ratio", "zh")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    return NUM(pct(c.v(r, "requests.granted.total"), c.v(r, "requests.handled.total")), "percent")


@spec(31, "ratio", "en")
def _(c, db):
    r = db.one(name="洪泽", year=2023)
    return NUM(pct(c.v(r, "requests.unavailable_not_held.total"), c.v(r, "requests.handled.total")), "percent")


@spec(32, "ratio", "zh")
def _(c, db):
    a, b = (c.v(db.one(name="洪泽", year=y), "active.licensing.decisions") for y in (2023, 2024))
    return NUM(pct(b - a, a), "percent")


@spec(33, "ratio", "en")
def _(c, db):
    r = db.one(name="鹿城", year=2020)
    return NUM(round(c.v(r, "active.procurement.amount") / c.v(r, "active.procurement.projects"), 2), "yuan")


@spec(34, "ratio", "zh")
def _(c, db):
    r = db.one(name="鼓楼区统计局")
    return NUM(round(c.v(r, "active.procurement.amount") / c.v(r, "active.procurement.projects"), 2), "yuan")


@spec(35, "ratio", "en")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    return NUM(pct(c.v(r, "requests.partial.total"), c.v(r, "requests.new.total")), "percent")


@spec(36, "ratio", "en")
def _(c, db):
    a, b = (c.v(db.one(name="洪泽", year=y), "active.penalty.decisions") for y in (2023, 2024))
    return NUM(pct(b - a, a), "percent")


@spec(37, "ratio", "zh")
def _(c, db):
    r = db.one(name="鄞州", year=2019)
    return NUM(round(c.v(r, "active.procurement.amount") / c.v(r, "active.procurement.projects"), 2), "yuan")


@spec(38, "ratio", "zh")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    return NUM(pct(c.v(r, "review.reconsideration.corrected"), c.v(r, "review.reconsideration.total")), "percent")


# rank ---------------------------------------------------------------
def proc_amounts(c, db, reps=None):
    return [(r.agency, c.v(r, "active.procurement.amount")) for r in (reps or proc_reports(db))]


@spec(39, "rank", "zh")
def _(c, db): return AGENCY(pick(proc_amounts(c, db), 0))


@spec(40, "rank", "en")
def _(c, db): return AGENCY(pick([(r.agency, c.v(r, "active.procurement.projects")) for r in proc_reports(db)], 1))


@spec(41, "rank", "zh")
def _(c, db): return AGENCY(pick([(r.agency, c.v(r, "active.procurement.projects")) for r in proc_reports(db)], -1))


@spec(42, "rank", "en")
def _(c, db): return LIST(order([(r.agency, c.v(r, "active.penalty.decisions")) for r in bureaus(db)]), True)


@spec(43, "rank", "zh")
def _(c, db):
    reps = [r for r in proc_reports(db) if r.year == 2020]
    return AGENCY(pick(proc_amounts(c, db, reps), 1))


@spec(44, "rank", "zh")
def _(c, db): return LIST(order(proc_amounts(c, db)), True)


@spec(45, "rank", "en")
def _(c, db): return AGENCY(pick([(r.agency, c.v(r, "active.penalty.prev_items")) for r in bureaus(db)], -1))


@spec(46, "rank", "zh")
def _(c, db): return AGENCY(pick([(r.agency, c.v(r, "active.penalty.decisions")) for r in bureaus(db)], -2))


@spec(47, "rank", "en")
def _(c, db):
    check(len(db.reports) == 7, "the question says 'all seven reports'")
    return AGENCY(pick([(r.agency, c.v(r, "requests.new.total")) for r in db.reports], 0))


# count --------------------------------------------------------------
@spec(48, "count", "zh")
def _(c, db): return NUM(sum(1 for _, v in proc_amounts(c, db) if v > 10 * 10000))


@spec(49, "count", "en")
def _(c, db): return NUM(sum(1 for r in db.reports if c.v(r, "active.penalty.decisions") == 0))


@spec(50, "count", "zh")
def _(c, db): return NUM(sum(1 for r in db.reports if c.v(r, "requests.new.total") >= 1))


@spec(51, "count", "en")
def _(c, db):
    r = db.one(name="温泉", year=2020)
    blanks = [row for row in r.outcome_rows() if r.state(f"requests.{row}.total") == "blank"]
    for row in blanks:
        c.fact(r, f"requests.{row}.total")
    return NUM(len(blanks))


@spec(52, "count", "zh")
def _(c, db):
    r = db.one(name="鼓楼区统计局", year=2020)
    rows = ("new", "carried_in") + r.outcome_rows() + ("handled", "carried_out")
    blanks = [row for row in rows if r.state(f"requests.{row}.total") == "blank"]
    for row in blanks:
        c.fact(r, f"requests.{row}.total")
    return NUM(len(blanks))


@spec(53, "count", "zh")
def _(c, db): return NUM(sum(1 for r in db.find(year=2020) if c.v(r, "active.penalty.decisions") != 0))


@spec(54, "count", "en")
def _(c, db):
    check(len(db.reports) == 7, "seven reports")
    return NUM(sum(1 for r in db.reports if c.v(r, "requests.new.total") > 10))


# average ------------------------------------------------------------
@spec(55, "average", "zh")
def _(c, db):
    vals = [c.v(r, "requests.new.total") for r in db.find(template="2019")]
    return NUM(round(sum(vals) / len(vals), 2))


@spec(56, "average", "en")
def _(c, db):
    vals = sorted(v for _, v in proc_amounts(c, db))
    check(len(vals) % 2 == 1, "odd count expected for a single median cell")
    return NUM(vals[len(vals) // 2], "yuan")


@spec(57, "average", "zh")
def _(c, db):
    vals = [c.v(r, "active.penalty.decisions") for r in bureaus(db)]
    return NUM(sum(vals) / len(vals))


@spec(58, "average", "en")
def _(c, db):
    items = proc_amounts(c, db)
    mean = sum(v for _, v in items) / len(items)
    check(all(abs(v - mean) > 1 for _, v in items), "an amount sits on the mean")
    return LIST([a for a, v in items if v > mean])


@spec(59, "average", "zh")
def _(c, db):
    vals = [c.v(r, "active.penalty.decisions") for r in db.find(name="洪泽")]
    check(len(vals) == 2, "two 洪泽 years")
    return NUM(sum(vals) / 2)


@spec(60, "average", "en")
def _(c, db):
    vals = [c.v(r, "active.procurement.projects") for r in proc_reports(db)]
    return NUM(round(sum(vals) / len(vals), 2))


# group --------------------------------------------------------------
@spec(61, "group", "zh")
def _(c, db):
    reps = [r for r in bureaus(db) if r.year == 2020]
    return LIST([r.agency for r in reps if c.v(r, "active.procurement.projects") > 0])


@spec(62, "group", "en")
def _(c, db): return NUM(sum(c.v(r, "requests.new.total") for r in db.find(province="浙江省")))


@spec(63, "group", "zh")
def _(c, db): return NUM(sum(c.v(r, "active.procurement.projects") for r in db.find(city="福州市", year=2020)))


@spec(64, "group", "zh")
def _(c, db): return NUM(sum(c.v(r, "requests.new.total") for r in db.find(kind="street_office", year=2020)))


@spec(65, "group", "en")
def _(c, db): return NUM(sum(c.v(r, "active.coercion.decisions") for r in db.find(kind="government")))


@spec(66, "group", "zh")
def _(c, db):
    zj = sum(c.v(r, "active.procurement.amount") for r in proc_reports(db) if r.province == "浙江省")
    fj = sum(c.v(r, "active.procurement.amount") for r in proc_reports(db) if r.province == "福建省")
    return BOOL(zj > fj)


# meta ---------------------------------------------------------------
@spec(67, "meta", "zh")
def _(c, db): return LIST(sorted({r.agency for r in db.reports}))


@spec(68, "meta", "en")
def _(c, db): return LIST(sorted(r.year for r in db.find(name="洪泽")))


@spec(69, "meta", "zh")
def _(c, db):
    r = db.one(name="鹿城")
    check(r.published is not None, "鹿城 has no date")
    return BOOL(r.published == "2021-01-13")


@spec(70, "meta", "en")
def _(c, db): return LIST(sorted({r.agency for r in db.find(template="2021")}))


@spec(71, "meta", "en")
def _(c, db):
    reps = db.find(name="鄞州", kind="department")
    check(len(reps) == 1, "one Yinzhou bureau report")
    return BOOL(reps[0].year == 2020)


@spec(72, "meta", "zh")
def _(c, db): return LIST(sorted(r.agency for r in db.find(template="2019") if r.published is None))


# narrative ----------------------------------------------------------
def narr_num(c, rep, snippet):
    e = c.narr(rep, snippet)
    unit = {"%": "percent", "yuan": "yuan"}.get(e.get("unit"), "count")
    return NUM(e["value"], unit)


@spec(73, "narrative", "zh")
def _(c, db): return narr_num(c, db.one(name="鄞州", year=2019), "官方微博")


@spec(74, "narrative", "en")
def _(c, db): return narr_num(c, db.one(name="鼓楼区统计局", year=2020), "共发布各类信息")


@spec(75, "narrative", "zh")
def _(c, db): return narr_num(c, db.one(name="温泉"), "业务公文")


@spec(76, "narrative", "en")
def _(c, db): return narr_num(c, db.one(name="鄞州", year=2019), "罚款")


@spec(77, "narrative", "zh")
def _(c, db): return narr_num(c, db.one(name="洪泽", year=2024), "政府网站平台")


@spec(78, "narrative", "zh")
def _(c, db): return narr_num(c, db.one(name="鄞州", year=2019), "统计数据")


@spec(79, "narrative", "en")
def _(c, db): return narr_num(c, db.one(name="洪泽", year=2024), "解读信息")


@spec(80, "narrative", "zh")
def _(c, db): return narr_num(c, db.one(name="鼓楼区统计局", year=2020), "及时率")


# passage ------------------------------------------------------------
def one_passage(c, rep, section, needle):
    f, sec = c.passage(rep, section, needle)
    return PASSAGES([f], [sec])


@spec(81, "passage", "zh")
def _(c, db): return one_passage(c, db.one(name="温泉"), "五", "答复依申请公开处理水平有待提高")


@spec(82, "passage", "en")
def _(c, db): return one_passage(c, db.one(name="鹿城"), "五", "加强学习，提高认识")


@spec(83, "passage", "zh")
def _(c, db): return one_passage(c, db.one(name="二七区统计局"), "一", "四个结合")


@spec(84, "passage", "zh")
def _(c, db): return PASSAGES(*c.mention("微博"))


@spec(85, "passage", "en")
def _(c, db): return one_passage(c, db.one(name="鼓楼区统计局"), "六", "暂无其他需要报告的事项")


@spec(86, "passage", "zh")
def _(c, db): return one_passage(c, db.one(name="鄞州", year=2019), "一", "完善信息平台建设")


@spec(87, "passage", "en")
def _(c, db): return PASSAGES(*c.mention("律师"))


@spec(88, "passage", "zh")
def _(c, db): return one_passage(c, db.one(name="鹿城"), "一", "强化组织保障")


# followup -----------------------------------------------------------
@spec(89, "followup", "zh")
def _(c, db):
    named = 2024  # turn 1 names 2024; 去年 = the year before it
    return NUM(c.v(db.one(name="洪泽", year=named - 1), "active.penalty.decisions"))


@spec(90, "followup", "en")
def _(c, db):
    reps = db.find(name="鄞州")
    check(len(reps) == 1, "Yinzhou has a single year, so 'And Yinzhou?' is unambiguous")
    return NUM(c.v(reps[0], "active.procurement.projects"))


@spec(91, "followup", "zh")
def _(c, db):
    return NUM(c.v(db.one(name="鼓楼区统计局", year=2020), "requests.new.total") +
               c.v(db.one(name="温泉", year=2020), "requests.new.total"))


@spec(92, "followup", "en")
def _(c, db):
    reps = proc_reports(db)
    second = pick([(r.agency, c.peek(r, "active.procurement.amount")) for r in reps], 1)
    r = [x for x in reps if x.agency == second][0]
    return NUM(c.v(r, "active.procurement.amount"), "yuan")


@spec(93, "followup", "zh")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024), "active.coercion.decisions"))


@spec(94, "followup", "zh")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024), "requests.unavailable_not_held.total"))


@spec(95, "followup", "en")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024 - 1), "active.fees.amount"), "yuan")


@spec(96, "followup", "zh")
def _(c, db):
    a, b = c.v(db.one(name="鹿城"), "active.penalty.decisions"), c.v(db.one(name="鄞州"), "active.penalty.decisions")
    return NUM(abs(a - b))


@spec(97, "followup", "en")
def _(c, db):
    f = c.fact(db.one(name="二七", year=2020), "active.procurement.amount")
    return BOOL(bool(f.get("unit_printed")) and not f.get("unit_assumed"))


@spec(98, "followup", "zh")
def _(c, db): return NUM(c.v(db.one(name="洪泽", year=2024), "requests.granted.total"))


# quality ------------------------------------------------------------
@spec(99, "quality", "zh")
def _(c, db):
    r = db.one(name="洪泽", year=2023)
    for k in sorted(r.tainted):
        check(k.startswith("review."), f"unexpected taint {k}")
    for g in REVIEW_GROUPS:
        if g in r.rules["R4"]["failing"]:
            for col in REVIEW_COLS:
                c.fact(r, f"review.{g}.{col}")
    return BOOL(r.rules["R4"]["failed"] == 0)


@spec(100, "quality", "zh")
def _(c, db):
    bad = [r for r in db.reports if any(x["failed"] for x in r.rules.values())]
    for r in bad:
        for rule, x in r.rules.items():
            for g in x["failing"]:
                check(rule == "R4", "only R4 groups are cited here")
                for col in REVIEW_COLS:
                    c.fact(r, f"review.{g}.{col}")
    return LIST(sorted({r.agency for r in bad}))


@spec(101, "quality", "zh")
def _(c, db):
    r = db.one(name="洪泽", year=2024)
    e = c.narr(r, "17件")
    check(e.get("cell") == "requests.new.total", "narrative 17件 not tied to new.total")
    return BOOL(e["value"] == c.v(r, "requests.new.total"))


@spec(102, "quality", "en")
def _(c, db):
    r = db.one(name="温泉")
    e = c.narr(r, "受理依申请公开")
    check(e.get("cells") == ["requests.new.total"], "narrative not tied to new.total")
    return BOOL(e["value"] == c.v(r, "requests.new.total"))


@spec(103, "quality", "en")
def _(c, db):
    f = c.fact(db.one(name="鄞州", year=2019), "active.procurement.amount")
    check(bool(f.get("unit_printed")) == ("元" in f["raw"]), "unit_printed disagrees with raw")
    return BOOL(bool(f.get("unit_printed")) and not f.get("unit_assumed"))


@spec(104, "quality", "en")
def _(c, db):
    r = db.one(name="鹿城", year=2020)
    v = {k: c.v(r, f"requests.{k}.total") for k in ("new", "carried_in", "handled", "carried_out")}
    return BOOL(v["new"] + v["carried_in"] == v["handled"] + v["carried_out"])


@spec(105, "quality", "en")
def _(c, db):
    bad = []
    for r in db.reports:
        for n in r.narrative:
            cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
            if not cells:
                continue
            # a multi-cell figure is a sum; blank cells are skipped (summed over printed cells only)
            tv = sum(c.peek(r, k) for k in cells if r.state(k) == "number")
            if tv != n["value"]:
                for k in cells:
                    c.v(r, k)
                if r not in bad:
                    bad.append(r)
    # cross-check with the gold flags (agrees_with_table / agrees)
    flagged = [r for r in db.reports for n in r.narrative if n.get("agrees_with_table") is False or n.get("agrees") is False]
    check(sorted(map(repr, bad)) == sorted(map(repr, flagged)), f"recomputed {bad} vs gold flags {flagged}")
    return LIST(sorted({r.agency for r in bad}))


@spec(106, "quality", "zh")
def _(c, db):
    f = c.fact(db.one(name="鼓楼区统计局", year=2020), "active.procurement.amount")
    check(f["raw"] == "345526", "not the 345526 cell")
    return BOOL(bool(f.get("unit_assumed")) and not f.get("unit_printed"))


# refusal ------------------------------------------------------------
@spec(107, "refusal", "zh")
def _(c, db): return refuse(c, "not_held", lambda: year_not_held(db, "洪泽", 2022))


@spec(108, "refusal", "en")
def _(c, db): return refuse(c, "not_held", lambda: db.one(county="鼓楼区", kind="government"))


@spec(109, "refusal", "zh")
def _(c, db): return refuse(c, "absent", lambda: c.v(db.one(name="洪泽", year=2024), "active.procurement.amount"))


@spec(110, "refusal", "en")
def _(c, db): return refuse(c, "tainted", lambda: c.v(db.one(name="洪泽", year=2023), "review.reconsideration.total"))


@spec(111, "refusal", "zh")
def _(c, db):
    return refuse(c, "blank", lambda: c.v(db.one(name="鼓楼区统计局", year=2020), "requests.unavailable_not_held.total"))


@spec(112, "refusal", "zh")
def _(c, db):
    check(db.find(name="鄞州"), "鄞州 is held (the refusal is about the topic)")
    return refuse(c, "out_of_domain", lambda: out_of_domain(db, ["GDP", "生产总值"]))


@spec(113, "refusal", "en")
def _(c, db): return refuse(c, "absent", lambda: c.v(db.one(name="洪泽", year=2024), "active.licensing.prev_items"))


@spec(114, "refusal", "zh")
def _(c, db): return refuse(c, "not_held", lambda: year_not_held(db, "鼓楼区统计局", 2021))


@spec(115, "refusal", "en")
def _(c, db):
    check(db.find(name="鼓楼区统计局"), "a 鼓楼区统计局 exists (in another city)")
    return refuse(c, "not_held", lambda: db.one(name="鼓楼区统计局", city="南京市"))


@spec(116, "refusal", "zh")
def _(c, db):
    check(db.find(name="二七区统计局"), "二七 is held")
    return refuse(c, "out_of_domain", lambda: out_of_domain(db, ["财政收入"]))


@spec(117, "refusal", "zh")
def _(c, db):
    return refuse(c, "tainted", lambda: c.v(db.one(name="洪泽", year=2023), "review.lawsuit_after_review.total"))


@spec(118, "refusal", "en")
def _(c, db): return refuse(c, "absent", lambda: c.v(db.one(name="鹿城", year=2020), "active.rules.repealed"))


@spec(119, "refusal", "zh")
def _(c, db): return refuse(c, "not_held", lambda: year_not_held(db, "温泉", 2019))


@spec(120, "refusal", "en")
def _(c, db):
    check(db.find(name="洪泽", year=2024), "洪泽 2024 is held")
    return refuse(c, "out_of_domain", lambda: out_of_domain(db, ["GDP", "生产总值"]))


# ------------------------------------------------------------------ comparing
def same_number(a, b):
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def compare(case: dict, want: dict, ctx: Ctx, cat: str, lang: str):
    exp = case.get("expect") or {}
    tags = case.get("tags") or []
    check(len(tags) >= 2 and tags[0] == cat, f"tags[0] {tags[:1]} != {cat}")
    check(tags[1] == lang, f"tags[1] {tags[1:2]} != {lang}")
    q = case.get("question", "")
    check((q[:1].isascii() and q[:1].isalpha()) == (lang == "en"), f"question language does not look {lang}")
    check(exp.get("kind") == want["kind"], f"kind {exp.get('kind')} != {want['kind']}")
    k = want["kind"]
    if k == "number":
        check(exp.get("unit") == want["unit"], f"unit {exp.get('unit')} != {want['unit']}")
        check(isinstance(exp.get("value"), (int, float)) and same_number(exp["value"], want["value"]),
              f"value {exp.get('value')} != {want['value']}")
    elif k in ("boolean", "agency"):
        check(exp.get("value") == want["value"], f"value {exp.get('value')!r} != {want['value']!r}")
    elif k == "list":
        check(bool(exp.get("ordered")) == want["ordered"], f"ordered {exp.get('ordered')} != {want['ordered']}")
        got = exp.get("values") or []
        if want["ordered"]:
            check(got == want["values"], f"values {got} != {want['values']}")
        else:
            check(sorted(map(str, got)) == sorted(map(str, want["values"])), f"values {got} != {want['values']}")
    elif k == "passages":
        check(sorted(exp.get("files") or []) == want["files"], f"files {exp.get('files')} != {want['files']}")
        check(sorted(exp.get("sections") or [], key=SECTION_ORDER.index) == want["sections"],
              f"sections {exp.get('sections')} != {want['sections']}")
    # cites
    cite = case.get("cite") or []
    check(len(cite) == len(set(cite)), "duplicate cites")
    check(sorted(cite) == sorted(ctx.cites), f"cite {sorted(cite)} != {sorted(ctx.cites)}")
    # the note names every cited cell (file, row.col, raw)
    note = exp.get("note") or ""
    check(note.strip(), "empty note")
    reps = {r.file: r for r in ctx.db.reports}
    for cc in cite:
        if "#" not in cc:
            continue
        f, key = cc.split("#")
        fact = reps[f].facts[key]
        rowcol = key.split(".", 1)[1]
        check(f in note and rowcol in note, f"note does not name {f} {rowcol}")
        raw = (fact.get("raw") or "").strip()
        check((raw and f"'{raw}'" in note) or (not raw and "blank" in note), f"note lacks raw value of {cc}")
    # tags that must follow from the data
    used = ctx.used
    flags = set(ctx.flags)
    if len({r.agency for r in used}) > 1 and len({r.year for r in used}) > 1:
        flags.add("mixed_years")
    for t in ENFORCED_TAGS:
        check((t in flags) == (t in tags), f"tag {t}: data says {t in flags}, tags say {t in tags}")
    check(("followup" in tags) == bool(case.get("turns")), "followup tag vs turns")
    if cat == "followup":
        check(case.get("turns"), "followup case without turns")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(ROOT / "eval" / "qa_holdout14.jsonl"))
    ap.add_argument("--gold", default=str(ROOT / "tests" / "fixtures" / "gold"))
    ap.add_argument("--samples", default=str(ROOT / "data" / "samples"))
    a = ap.parse_args(argv)
    bad = 0
    try:
        db = DB(Path(a.gold), Path(a.samples))
    except Mismatch as e:
        print(f"GOLD MISMATCH {e}")
        print("0 ok, 1 mismatched")
        return 1
    for r in db.reports:
        probs = cross_check_rules(r)
        summary = " ".join(f"{k}:{'pass' if v['failed'] == 0 else 'FAIL ' + ','.join(v['failing'])}" for k, v in r.rules.items())
        if probs:
            bad += 1
            for p in probs:
                print(f"GOLD MISMATCH {p}")
        else:
            print(f"gold {r.file:28s} {r.agency} {r.year} t{r.template}: {summary} (= gold checks)")
    cases = []
    for n, line in enumerate(Path(a.cases).read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip():
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"line {n}: MISMATCH not JSON ({e})")
                bad += 1
    ids = [c.get("id") for c in cases]
    ok = 0
    for cid in sorted(SPECS):
        if cid not in ids:
            print(f"{cid} MISMATCH: case missing from {a.cases}")
            bad += 1
    for c in cases:
        cid = c.get("id")
        if cid not in SPECS:
            print(f"{cid} MISMATCH: no recipe for this id")
            bad += 1
            continue
        if ids.count(cid) > 1:
            print(f"{cid} MISMATCH: duplicate id")
            bad += 1
            continue
        cat, lang, fn = SPECS[cid]
        ctx = Ctx(db)
        try:
            want = fn(ctx, db)
            compare(c, want, ctx, cat, lang)
        except (Mismatch, NoAnswer, KeyError, IndexError, TypeError, ValueError) as e:
            print(f"{cid} MISMATCH [{cat}/{lang}]: {type(e).__name__}: {e}")
            bad += 1
            continue
        shown = {k: v for k, v in want.items() if k != "kind"}
        print(f"{cid} ok [{cat}/{lang}] {want['kind']} {json.dumps(shown, ensure_ascii=False)} cites={len(ctx.cites)}")
        ok += 1
    # coverage
    cov: dict[str, dict[str, int]] = {}
    for c in cases:
        t = c.get("tags") or ["?", "?"]
        cov.setdefault(t[0], {}).setdefault(t[1], 0)
        cov[t[0]][t[1]] += 1
    print("coverage: " + ", ".join(f"{k} {v.get('zh', 0)}zh/{v.get('en', 0)}en" for k, v in cov.items()))
    print(f"{ok} ok, {bad} mismatched")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
