#!/usr/bin/env python3
"""Reference check for eval/qa_holdout58.jsonl (stdlib only).

Recomputes every case's expected answer from the hand-checked gold (tests/fixtures/gold/*.json) and, for
passage cases, from the section text of data/samples/*.txt; recomputes the cite list and the
`guessed_unit` / `mixed_years` tags; prints every mismatch and a final line `SUMMARY n/120`. Exit 0 only
when all 120 cases match.

Conventions applied here (see eval/QA_HOLDOUT58.md):
- a value is read only from a cell whose state is "number"; a blank / absent / missing cell makes the
  question unanswerable;
- the balance rules R1-R4 of shared/DOMAIN.md are recomputed from the gold; a cell of a group that fails its
  rule may be read only by a question about that failure (`failure_ok=True`), otherwise unanswerable;
- money in yuan: a 万元 amount (printed or assumed) is raw x 10000, recomputed from the raw text;
- cite = every cell read (file#key; Hongze as hongze-qu-gov-YYYY.pdf#key), bare file for passages,
  nothing for pure metadata and nothing for unanswerable cases;
- guessed_unit iff a cited cell carries unit_assumed; mixed_years iff the cited reports span >1 year.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout58.jsonl"
N_CASES = 120

COLS = ("person", "business", "research", "nonprofit", "legal", "other_org", "total")
OUTCOME_ROWS = (["granted", "partial"]
                + ["withheld_" + x for x in ("secret", "law", "safety", "third_party", "internal", "process",
                                             "enforcement", "query")]
                + ["unavailable_" + x for x in ("not_held", "needs_creation", "unclear")]
                + ["declined_" + x for x in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
                + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REVIEW_ROWS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
                 "五": ("问题",), "六": ("其他需要报告",)}
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")


class Unanswerable(Exception):
    """The data cannot answer the question (blank/absent cell, failing group, report not in the collection)."""


# ----------------------------------------------------------------------------------------------- the gold
def _kind_from_name(name: str) -> str:
    if "人民政府" in name and not name.endswith(("街道办事处", "乡人民政府", "镇人民政府")):
        return "government"
    if name.endswith("街道办事处"):
        return "street_office"
    if name.endswith(("局", "委", "办", "委员会", "办公室")):
        return "department"
    return "unknown"


def _raw_number(raw: str) -> float:
    m = re.search(r"-?\d+(?:\.\d+)?", raw.replace("\xa0", "").replace(",", ""))
    if not m:
        raise ValueError(f"no number in raw {raw!r}")
    return float(m.group())


def load_reports() -> dict[str, dict]:
    reps = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        cite_file = Path(d["file"]).name
        alias = cite_file[:3] if cite_file[:3].isdigit() else "hz" + str(d["year"])[2:]
        d["cite_file"] = cite_file
        d["kind"] = d.get("agency_kind") or _kind_from_name(d["agency"])
        d["failing"], d["failed_rules"] = _balance(d["facts"])
        reps[alias] = d
    return reps


def _num(facts, key):
    f = facts.get(key)
    return f["value"] if f and f["state"] == "number" else None


def _balance(facts: dict) -> tuple[set, set]:
    """Recompute R1-R4; return (cells of failing groups, names of failed rules). Groups with a blank
    cell are skipped (not a failure); absent rows are not part of the template's sum."""
    failing, rules = set(), set()

    def check(rule, lhs_keys, rhs_keys):
        keys = lhs_keys + rhs_keys
        states = [facts.get(k, {}).get("state") for k in keys]
        if any(s in ("blank", "unreadable", None) for s in states):
            return
        lhs = sum(_num(facts, k) for k in lhs_keys)
        rhs = sum(_num(facts, k) for k in rhs_keys)
        if abs(lhs - rhs) > 1e-9:
            failing.update(keys)
            rules.add(rule)

    for col in COLS:                                   # R1 and R2, per column
        check("R1", [f"requests.new.{col}", f"requests.carried_in.{col}"],
              [f"requests.handled.{col}", f"requests.carried_out.{col}"])
        rows = [f"requests.{r}.{col}" for r in OUTCOME_ROWS
                if facts.get(f"requests.{r}.{col}", {}).get("state") not in (None, "absent")]
        check("R2", [f"requests.handled.{col}"], rows)
    rows = sorted({k.split(".")[1] for k in facts if k.startswith("requests.")})
    for r in rows:                                     # R3, per row
        if facts.get(f"requests.{r}.total", {}).get("state") == "absent":
            continue
        check("R3", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in COLS[:-1]])
    for r in REVIEW_ROWS:                              # R4, per group
        check("R4", [f"review.{r}.total"], [f"review.{r}.{p}" for p in REVIEW_PARTS])
    return failing, rules


def section_text(path: Path, sec: str) -> str:
    """The text of canonical section `sec` (一…六): headings matched in order and by meaning."""
    lines = path.read_text(encoding="utf-8").splitlines()
    order = list(SECTION_WORDS)
    starts, want = {}, 0
    for i, line in enumerate(lines):
        if want >= len(order):
            break
        s = line.strip().lstrip("#* \t")
        n = order[want]
        if s.startswith(n + "、") and any(w in s for w in SECTION_WORDS[n]):
            starts[n] = i
            want += 1
    if sec not in starts:
        raise ValueError(f"{path.name}: section {sec} not found")
    nxt = order.index(sec) + 1
    end = starts.get(order[nxt], len(lines)) if nxt < len(order) else len(lines)
    return "\n".join(lines[starts[sec]:end])


# ----------------------------------------------------------------------------------------------- one case
class Ctx:
    """Reads the gold for one case and records what it cites."""

    def __init__(self, reps):
        self.reps = reps
        self.cites: list[str] = []
        self.cited_reports: list[str] = []

    def _cite(self, rep, key=None):
        r = self.reps[rep]
        self.cites.append(r["cite_file"] + (f"#{key}" if key else ""))
        self.cited_reports.append(rep)

    def fact(self, rep, key):
        r = self.reps.get(rep)
        if r is None:
            raise Unanswerable(f"no report {rep}")
        return r["facts"].get(key)

    def v(self, rep, key, failure_ok=False):
        """A numeric cell (money in yuan, recomputed from raw + unit)."""
        f = self.fact(rep, key)
        if f is None or f["state"] != "number":
            raise Unanswerable(f"{rep}#{key}: {'missing' if f is None else f['state']}")
        if key in self.reps[rep]["failing"] and not failure_ok:
            raise Unanswerable(f"{rep}#{key}: in a group that fails its balance rule")
        val = f["value"]
        unit = f.get("unit_printed") or f.get("unit_assumed")
        if key.endswith(".amount"):
            raw = _raw_number(f["raw"])
            val = raw * 10000 if unit == "万元" else raw
            if abs(val - f["value"]) > 0.005:
                raise AssertionError(f"{rep}#{key}: raw {f['raw']!r} in {unit} gives {val}, gold says {f['value']}")
        self._cite(rep, key)
        return val

    def state(self, rep, key):
        """The state of a cell (for questions about blank cells); cites it."""
        f = self.fact(rep, key)
        self._cite(rep, key)
        return None if f is None else f["state"]

    def unit_cell(self, rep, key):
        """The fact dict of a money cell (for questions about units); cites it."""
        f = self.fact(rep, key)
        self._cite(rep, key)
        return f

    def meta(self, rep, field):
        return self.reps[rep]["kind" if field == "kind" else field]

    def passage(self, rep, sec, *words):
        r = self.reps[rep]
        text = section_text(SAMPLES / r["cite_file"], sec)
        missing = [w for w in words if w not in text]
        if missing:
            raise AssertionError(f"{r['cite_file']} section {sec} lacks {missing}")
        self._cite(rep)
        return {"kind": "passages", "files": [r["cite_file"]], "sections": [sec]}

    def find(self, agency=None, year=None):
        """Reports whose agency contains `agency` (any printed variant) and whose year is `year`."""
        out = []
        for a, r in self.reps.items():
            names = [r["agency"]] + [x["text"] for x in r.get("agency_variants") or []]
            if agency and not any(agency in n for n in names):
                continue
            if year and r["year"] != year:
                continue
            out.append(a)
        if not out:
            raise Unanswerable(f"no report for agency={agency!r} year={year!r}")
        return out

    def one(self, agency=None, year=None):
        hits = self.find(agency, year)
        if len(hits) != 1:
            raise Unanswerable(f"{len(hits)} reports for agency={agency!r} year={year!r}")
        return hits[0]

    def name(self, rep):
        return self.reps[rep]["agency"]

    def all(self, **filters):
        out = []
        for a, r in self.reps.items():
            if all((r["kind"] if k == "kind" else r[k]) == want for k, want in filters.items()):
                out.append(a)
        return out


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def A(v):
    return {"kind": "agency", "value": v}


def L(vs, ordered=False):
    return {"kind": "list", "values": list(vs), "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def pct(a, b):
    return round(100.0 * a / b, 2)


def argmax(c, reps, key):
    vals = {r: c.v(r, key) for r in reps}
    best = max(vals.values())
    top = [r for r, x in vals.items() if x == best]
    assert len(top) == 1, f"tie for first on {key}: {top}"
    return top[0]


def ranked(c, reps, key, reverse=True):
    vals = {r: c.v(r, key) for r in reps}
    order = sorted(vals, key=lambda r: vals[r], reverse=reverse)
    xs = [vals[r] for r in order]
    assert len(set(xs)) == len(xs), f"ties in ranking {key}: {vals}"
    return order


def withheld():
    return [f"requests.{x}.total" for x in OUTCOME_ROWS if x.startswith("withheld_")]


S5 = ("000", "001", "002", "003", "004")
ALL = ("000", "001", "002", "003", "004", "hz23", "hz24")


def y2020(c):
    return [r for r in c.all(year=2020)]


def tmpl2019(c):
    return c.all(template="2019")


# ----------------------------------------------------------------------------------------------- the 120 answers
def spec(c: Ctx):  # noqa: C901 - one entry per case, in id order
    hz = lambda y: c.one("洪泽", y)  # noqa: E731
    s = {}

    # 001-020 paralegal
    s[1] = lambda: N(c.v(hz(2024), "requests.new.person"))
    s[2] = lambda: N(c.v(hz(2023), "requests.new.legal"))
    s[3] = lambda: N(c.v(hz(2024), "requests.granted.person"))
    s[4] = lambda: N(c.v(hz(2023), "requests.partial.person"))
    s[5] = lambda: N(c.v(hz(2024), "requests.unavailable_not_held.person"))
    s[6] = lambda: N(c.v(hz(2023), "requests.withheld_enforcement.total"))
    s[7] = lambda: N(sum(c.v(hz(2024), k) for k in withheld()))
    s[8] = lambda: N(sum(c.v(hz(2023), f"requests.{x}.total") for x in OUTCOME_ROWS if x.startswith("unavailable_")))
    s[9] = lambda: B(any(c.v(r, "requests.new.business") > 0 for r in list(ALL)))
    s[10] = lambda: L([c.name(r) for r in ALL if c.v(r, "requests.withheld_third_party.total") > 0])
    s[11] = lambda: N(c.v(c.one("温泉", 2020), "requests.other.total"))
    s[12] = lambda: N(c.v(c.one("鼓楼区统计局", 2020), "requests.withheld_third_party.person"))
    s[13] = lambda: N(c.v(c.one("鄞州", 2019), "requests.granted.person"))
    s[14] = lambda: N(c.v(hz(2024), "requests.declined_complaint.total"))
    s[15] = lambda: N(sum(c.v(hz(y), "requests.unavailable_needs_creation.total") for y in (2023, 2024)))
    s[16] = lambda: N(pct(c.v(hz(2024), "requests.granted.total"), c.v(hz(2024), "requests.handled.total")), "percent")
    s[17] = lambda: B(c.v(hz(2023), "requests.carried_out.total") > 0)
    s[18] = lambda: N(c.v(c.one("温泉", 2020), "requests.unavailable_not_held.total"))
    s[19] = lambda: c.passage(c.one("温泉"), "五", "律师", "授课")
    s[20] = lambda: N(sum(c.v(r, "requests.new.person") for r in y2020(c)))

    # 021-040 German journalist
    s[21] = lambda: N(c.v(hz(2023), "requests.new.person"))
    s[22] = lambda: A(c.name(argmax(c, y2020(c), "active.penalty.decisions")))
    s[23] = lambda: N(c.v(hz(2024), "active.fees.amount"), "yuan")
    s[24] = lambda: B(c.v(hz(2024), "active.coercion.decisions") < c.v(hz(2023), "active.coercion.decisions"))
    s[25] = lambda: N(c.v(hz(2024), "active.licensing.decisions") - c.v(hz(2023), "active.licensing.decisions"))
    s[26] = lambda: A(c.name(argmax(c, [r for r in c.all(province="浙江省")], "active.procurement.amount")))
    s[27] = lambda: N(c.v(hz(2024), "requests.carried_in.total"))
    s[28] = lambda: N(pct(c.v(hz(2023), "requests.unavailable_not_held.total"),
                          c.v(hz(2023), "requests.handled.total")), "percent")
    s[29] = lambda: N(c.v(hz(2024), "review.reconsideration.total"))
    s[30] = lambda: N(c.v(hz(2024), "review.lawsuit_direct.upheld"))
    s[31] = lambda: N(c.v(hz(2024), "review.lawsuit_direct.total") + c.v(hz(2024), "review.lawsuit_after_review.total"))
    s[32] = lambda: N(c.v(c.one("温泉", 2020), "active.procurement.projects"))
    s[33] = lambda: A(c.name(ranked(c, tmpl2019(c), "active.procurement.projects", reverse=False)[0]))
    s[34] = lambda: N(sum(c.v(r, "requests.new.total") for r in ALL))
    s[35] = lambda: B(c.v(hz(2023), "review.lawsuit_direct.total") > 0)
    s[36] = lambda: c.passage(c.one("福州市鼓楼区统计局"), "一", "个人信息保护", "疫情")
    s[37] = lambda: c.passage(c.one("鄞州"), "五", "存在主要问题", "信息公开范围单一")
    s[38] = lambda: N(c.v(c.one("二七", 2020), "active.penalty.decisions"))
    s[39] = lambda: N(c.v(hz(2021), "requests.new.total"))
    s[40] = lambda: A(c.name(ranked(c, tmpl2019(c), "active.procurement.amount")[1]))

    # 041-055 parent volunteer
    s[41] = lambda: A(c.name(argmax(c, ALL, "requests.new.total")))
    s[42] = lambda: N(c.v(c.one("鹿城"), "requests.new.total"))
    s[43] = lambda: B(c.v(c.one("二七"), "requests.new.total") > 0)
    s[44] = lambda: N(c.v(c.one("实验小学"), "requests.new.total"))
    s[45] = lambda: N(c.v(hz(2022), "requests.new.total"))
    s[46] = lambda: B(c.v(c.one("温泉"), "review.lawsuit_direct.total")
                      + c.v(c.one("温泉"), "review.lawsuit_after_review.total") > 0)
    s[47] = lambda: N(len(c.reps))
    s[48] = lambda: A(c.name(_single(c.all(kind="street_office"))))
    s[49] = lambda: B(all(c.meta(r, "province") == "江苏省" for r in c.find("洪泽")))
    s[50] = lambda: N(c.v(c.one("温泉"), "active.procurement.amount"), "yuan")
    s[51] = lambda: c.passage(c.one("二七"), "五", "下一步", "规范公开内容")
    s[52] = lambda: N(c.v(c.one("鄞州"), "active.penalty.decisions"))
    s[53] = lambda: N(sum(c.v(r, "requests.new.total") for r in c.find("洪泽")))
    s[54] = lambda: N(sum(c.v(r, "requests.new.total") for r in c.all(province="福建省")))
    s[55] = lambda: N(len(c.all(year=2020)))

    # 056-070 template researcher
    s[56] = lambda: N(len(c.all(template="2021")))
    s[57] = lambda: L(sorted({c.name(r) for r in c.all(template="2019")}))
    s[58] = lambda: N(c.v(hz(2024), "active.procurement.amount"), "yuan")
    s[59] = lambda: N(c.v(hz(2023), "requests.other_no_fee.total"))
    s[60] = lambda: N(c.v(hz(2023), "active.normative.repealed"))
    s[61] = lambda: N(c.v(hz(2024), "active.normative.in_force") - c.v(hz(2023), "active.normative.in_force"))
    s[62] = lambda: N(c.v(c.one("鹿城", 2020), "active.fees.amount") / 10000)
    s[63] = lambda: N(c.v(c.one("福州市鼓楼区统计局"), "active.penalty.prev_items"))
    s[64] = lambda: N(c.v(hz(2024), "active.normative.issued"))
    s[65] = lambda: N(c.v(hz(2023), "active.penalty.decisions") + c.v(hz(2024), "active.penalty.decisions"))
    s[66] = lambda: B(c.v(hz(2024), "active.licensing.decisions")
                      > sum(c.v(r, "active.licensing.decisions") for r in tmpl2019(c)))
    s[67] = lambda: N(c.v(hz(2023), "active.fees.amount") - c.v(hz(2024), "active.fees.amount"), "yuan")
    s[68] = lambda: N(sum(1 for r in tmpl2019(c) if c.v(r, "active.coercion.prev_items") > 0))
    s[69] = lambda: N(c.v(hz(2024), "active.rules.in_force"))
    s[70] = lambda: A(c.name(argmax(c, tmpl2019(c), "active.other_services.prev_items")))

    # 071-085 data-quality auditor
    def failing_reports():
        out = []
        for r in ALL:
            if c.reps[r]["failed_rules"]:
                for k in sorted(c.reps[r]["failing"], key=_review_order):
                    c.v(r, k, failure_ok=True)
                out.append(r)
        return out

    def r4_fails():
        out = []
        for r in ALL:
            if "R4" in c.reps[r]["failed_rules"]:
                out.append(r)
        assert len(out) == 1, out
        failing_reports()
        return A(c.name(out[0]))

    def group(rep, row):
        parts = [c.v(rep, f"review.{row}.{p}", failure_ok=True) for p in REVIEW_PARTS]
        return sum(parts), c.v(rep, f"review.{row}.total", failure_ok=True)

    s[71] = r4_fails
    s[72] = lambda: N(_diff(group(hz(2023), "reconsideration")))
    s[73] = lambda: B(_eq(group(hz(2023), "lawsuit_after_review")))
    s[74] = lambda: N(c.v(hz(2023), "review.reconsideration.total"))

    def blanks():
        out = []
        for r in ALL:
            keys = [k for k, f in c.reps[r]["facts"].items() if k.startswith("requests.") and f["state"] == "blank"]
            for k in keys:
                assert c.state(r, k) == "blank"
            if keys:
                out.append(c.name(r))
        return L(out)

    s[75] = blanks
    s[76] = lambda: N(c.v(c.one("福州市鼓楼区统计局"), "requests.unavailable_not_held.total"))
    s[77] = lambda: B(bool(c.unit_cell(c.one("二七"), "active.procurement.amount").get("unit_printed")))

    def unit_pick(pred):
        out = []
        for r in ALL:
            f = c.fact(r, "active.procurement.amount")
            if f and f["state"] == "number" and pred(f):
                c.unit_cell(r, "active.procurement.amount")
                out.append(c.name(r))
        return out

    s[78] = lambda: A(_single(unit_pick(lambda f: f.get("unit_assumed") == "万元" and not f.get("unit_printed"))))
    s[79] = lambda: L(unit_pick(lambda f: f.get("unit_printed") == "元"))

    def narrative_agrees(rep, cell):
        hits = [n for n in c.reps[rep]["narrative_numbers"]
                if cell in (n.get("cells") or []) or n.get("cell") == cell]
        assert len(hits) == 1, hits
        c.v(rep, cell)
        n = hits[0]
        return B(n["value"] == c.reps[rep]["facts"][cell]["value"])

    s[80] = lambda: narrative_agrees(hz(2024), "requests.new.total")
    s[81] = lambda: narrative_agrees(c.one("温泉"), "requests.new.total")
    s[82] = lambda: B(c.v(c.one("鹿城"), "requests.new.total") + c.v(c.one("鹿城"), "requests.carried_in.total")
                      == c.v(c.one("鹿城"), "requests.handled.total") + c.v(c.one("鹿城"), "requests.carried_out.total"))
    s[83] = lambda: B(c.v(hz(2024), "requests.handled.total")
                      == sum(c.v(hz(2024), f"requests.{x}.total") for x in OUTCOME_ROWS
                             if c.fact(hz(2024), f"requests.{x}.total")["state"] != "absent"))
    s[84] = lambda: N(len(failing_reports()))
    s[85] = lambda: N(c.v(c.one("鄞州"), "review.lawsuit_direct.pending"))

    # 086-100 multi-turn (answer of the last turn)
    s[86] = lambda: B(c.v(hz(2024), "requests.new.total") > c.v(hz(2023), "requests.new.total"))

    def above_avg():
        x = c.v(c.one("鄞州", 2019), "active.procurement.amount")
        others = [r for r in tmpl2019(c) if r != c.one("鄞州", 2019)]
        vals = [x] + [c.v(r, "active.procurement.amount") for r in others]
        return B(x > sum(vals) / len(vals))

    s[87] = above_avg
    s[88] = lambda: B(c.v(c.one("温泉"), "requests.granted.total") == 1)
    s[89] = lambda: B(c.v(c.one("鹿城"), "active.penalty.decisions")
                      > 10 * c.v(c.one("福州市鼓楼区统计局"), "active.penalty.decisions"))
    s[90] = lambda: B(c.v(c.one("二七"), "active.procurement.amount") > c.v(c.one("鹿城"), "active.procurement.amount"))
    s[91] = lambda: _went_up(c.v(hz(2023), "active.fees.amount"), c.v(hz(2024), "active.fees.amount"))

    def coercion_drop():
        assert argmax(Ctx(c.reps), ALL, "active.coercion.decisions") in c.find("洪泽")  # turn 1, not cited
        return B(c.v(hz(2024), "active.coercion.decisions") < c.v(hz(2023), "active.coercion.decisions"))

    s[93] = coercion_drop
    s[92] = lambda: B(c.v(hz(2024), "active.licensing.decisions") > 10000)
    s[94] = lambda: B(c.v(c.one("福州市鼓楼区统计局"), "active.procurement.amount")
                      / c.v(c.one("福州市鼓楼区统计局"), "active.procurement.projects") > 30000)
    s[95] = lambda: B(c.v(c.one("温泉", 2020), "requests.new.total") > c.v(c.one("鄞州", 2019), "requests.new.total"))
    s[96] = lambda: B(pct(c.v(hz(2024), "requests.granted.total"), c.v(hz(2024), "requests.handled.total")) > 50)
    s[97] = lambda: B(c.v(hz(2023), "requests.partial.total") < c.v(hz(2023), "requests.unavailable_not_held.total"))

    def penalty_vs_yinzhou():
        top = argmax(Ctx(c.reps), y2020(c), "active.penalty.decisions")  # turn 1, not cited
        return B(c.v(top, "active.penalty.decisions") > c.v(c.one("鄞州", 2019), "active.penalty.decisions"))

    s[98] = penalty_vs_yinzhou
    s[99] = lambda: B(c.v(hz(2024), "active.normative.in_force") > c.v(hz(2023), "active.normative.in_force"))
    s[100] = lambda: B(c.v(hz(2023), "requests.withheld_secret.total") == c.v(hz(2024), "requests.withheld_secret.total"))

    # 101-120 mixed
    s[101] = lambda: N(sum(c.v(r, "active.procurement.amount") for r in y2020(c)
                           if c.name(r).endswith("统计局")), "yuan")
    s[102] = lambda: N(len({c.name(r) for r in c.all(kind="department")}))
    s[103] = lambda: A(_single(sorted({c.name(r) for r in c.all(kind="government")})))
    s[104] = lambda: N(len({c.meta(r, "province") for r in ALL}))
    s[105] = lambda: L(sorted({c.name(r) for r in c.all(city="福州市")}))

    def first_published():
        dated = {r: c.meta(r, "published") for r in ALL if c.meta(r, "published")}
        return A(c.name(min(dated, key=dated.get)))

    s[106] = first_published
    s[107] = lambda: N(round(c.v(c.one("鄞州"), "active.procurement.amount")
                             / c.v(c.one("鄞州"), "active.procurement.projects"), 2), "yuan")

    def best_avg():
        avg = {r: c.v(r, "active.procurement.amount") / c.v(r, "active.procurement.projects") for r in tmpl2019(c)}
        return A(c.name(max(avg, key=avg.get)))

    s[108] = best_avg
    s[109] = lambda: N(pct(sum(c.v(r, "requests.new.person") for r in ALL),
                           sum(c.v(r, "requests.new.total") for r in ALL)), "percent")
    s[110] = lambda: N(round(c.v(c.one("鄞州"), "active.procurement.amount")
                             - c.v(c.one("鹿城"), "active.procurement.amount"), 2), "yuan")
    s[111] = lambda: L([c.name(r) for r in ranked(c, y2020(c), "active.procurement.projects")], ordered=True)
    s[112] = lambda: B(c.v(c.one("福州市鼓楼区统计局"), "active.penalty.prev_items")
                       > c.v(c.one("二七"), "active.penalty.prev_items"))
    s[113] = lambda: c.passage(c.one("鹿城"), "一", "统计开放日")
    s[114] = lambda: c.passage(c.one("鄞州"), "一", "保密审查", "先审查、后公开")
    s[115] = lambda: c.passage(c.one("二七"), "一", "四个结合", "目标考核")
    s[116] = lambda: c.passage(c.one("鄞州"), "二", "普法宣传", "统计开放日")
    s[117] = lambda: c.passage(c.one("福州市鼓楼区统计局"), "五", "业务学习和培训")
    s[118] = lambda: c.passage(c.one("温泉"), "一", "效能办", "追责")
    s[119] = lambda: A(c.name(ranked(c, y2020(c), "active.procurement.amount")[2]))
    s[120] = lambda: N(pct(c.v(hz(2024), "review.reconsideration.corrected"),
                           c.v(hz(2024), "review.reconsideration.total")), "percent")
    return s


def _review_order(k):
    t, row, col = k.split(".")
    return (t, REVIEW_ROWS.index(row) if row in REVIEW_ROWS else 9, (REVIEW_PARTS + ("total",)).index(col)
            if col in REVIEW_PARTS + ("total",) else 9, k)


def _diff(pair):
    parts, total = pair
    return parts - total


def _eq(pair):
    return pair[0] == pair[1]


def _single(xs):
    assert len(xs) == 1, xs
    return xs[0]


def _went_up(before, after):
    return B(after > before)


# ----------------------------------------------------------------------------------------------- compare
def expected(reps, n):
    c = Ctx(reps)
    fn = spec(c)[n]
    try:
        exp = fn()
        if exp is None:
            raise AssertionError(f"case {n}: no answer computed")
    except Unanswerable as e:
        return {"kind": "unanswerable", "why": str(e)}, [], set()
    years = {reps[r]["year"] for r in c.cited_reports}
    tags = set()
    if len(years) > 1:
        tags.add("mixed_years")
    for cite in c.cites:
        file, _, key = cite.partition("#")
        if key:
            rep = next(a for a, r in reps.items() if r["cite_file"] == file)
            if reps[rep]["facts"][key].get("unit_assumed"):
                tags.add("guessed_unit")
    return exp, c.cites, tags


def _same_number(a, b):
    return abs(a - b) <= max(0.006, 1e-6 * abs(b))


def _norm(v):
    return ("n", float(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else ("s", str(v))


def compare(case, exp, cites, tags) -> list[str]:
    bad = []
    got = case["expect"]
    if got.get("kind") != exp["kind"]:
        return [f"kind {got.get('kind')!r} != {exp['kind']!r} ({exp.get('why', '')})"]
    k = exp["kind"]
    if k == "number":
        if got.get("unit") != exp["unit"]:
            bad.append(f"unit {got.get('unit')!r} != {exp['unit']!r}")
        if not isinstance(got.get("value"), (int, float)) or not _same_number(got["value"], exp["value"]):
            bad.append(f"value {got.get('value')!r} != {exp['value']!r}")
    elif k in ("agency", "boolean"):
        if got.get("value") != exp["value"]:
            bad.append(f"value {got.get('value')!r} != {exp['value']!r}")
    elif k == "list":
        gv, ev = [_norm(x) for x in got.get("values", [])], [_norm(x) for x in exp["values"]]
        if bool(got.get("ordered")) != exp["ordered"]:
            bad.append(f"ordered {got.get('ordered')!r} != {exp['ordered']!r}")
        if (gv if exp["ordered"] else sorted(gv)) != (ev if exp["ordered"] else sorted(ev)):
            bad.append(f"values {got.get('values')!r} != {exp['values']!r}")
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(exp["files"]):
            bad.append(f"files {got.get('files')!r} != {exp['files']!r}")
        if sorted(got.get("sections", [])) != sorted(exp["sections"]):
            bad.append(f"sections {got.get('sections')!r} != {exp['sections']!r}")
    elif k == "unanswerable":
        if not str(got.get("note", "")).strip():
            bad.append("unanswerable case without a note")
    if len(set(cites)) != len(cites):
        cites = list(dict.fromkeys(cites))
    if sorted(case.get("cite", [])) != sorted(cites):
        missing = sorted(set(cites) - set(case.get("cite", [])))
        extra = sorted(set(case.get("cite", [])) - set(cites))
        bad.append(f"cite differs: missing {missing} extra {extra}")
    if len(case.get("cite", [])) != len(set(case.get("cite", []))):
        bad.append("duplicate cite")
    for t in ("guessed_unit", "mixed_years"):
        if (t in case.get("tags", [])) != (t in tags):
            bad.append(f"tag {t}: case has {t in case.get('tags', [])}, expected {t in tags}")
    return bad


def structure(case, i) -> list[str]:
    bad = []
    want_id = f"h58-{i:03d}"
    if case.get("id") != want_id:
        bad.append(f"id {case.get('id')!r} != {want_id!r}")
    extra = set(case) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        bad.append(f"unknown fields {sorted(extra)}")
    q = case.get("question", "")
    if not isinstance(q, str) or not q.strip():
        bad.append("blank question")
    if case.get("expect", {}).get("kind") not in KINDS:
        bad.append(f"bad kind {case.get('expect', {}).get('kind')!r}")
    for cite in case.get("cite", []):
        if not CITE_RE.match(cite):
            bad.append(f"bad cite {cite!r}")
    tags = case.get("tags", [])
    langs = [t for t in tags if t in ("zh", "en")]
    if len(langs) != 1:
        bad.append(f"language tags {langs}")
    else:
        cjk = len(re.findall(r"[\u4e00-\u9fff]", q))
        words = len(re.findall(r"[A-Za-z]{2,}", q))
        if langs[0] == "zh" and (cjk == 0 or words > 2):
            bad.append("tagged zh but the question is not Chinese")
        if langs[0] == "en" and words < 4:
            bad.append("tagged en but the question is not English")
    turns = case.get("turns")
    if turns is not None:
        if not (isinstance(turns, list) and 1 <= len(turns) <= 3 and all(isinstance(t, str) and t.strip() for t in turns)):
            bad.append("turns must be 1-3 earlier questions (2-4 turns in all)")
        if case["expect"].get("kind") != "boolean":
            bad.append("a multi-turn case must end in a yes/no question")
    e = case.get("expect", {})
    if e.get("kind") == "passages" and sorted(case.get("cite", [])) != sorted(e.get("files", [])):
        bad.append("passage case must cite exactly its files")
    if e.get("kind") == "number" and e.get("unit") not in ("count", "yuan", "percent"):
        bad.append(f"bad unit {e.get('unit')!r}")
    return bad


def check(cases, reps) -> tuple[int, list[str]]:
    lines, ok = [], 0
    if len(cases) != N_CASES:
        lines.append(f"expected {N_CASES} cases, found {len(cases)}")
    nzh = sum("zh" in c.get("tags", []) for c in cases)
    nen = sum("en" in c.get("tags", []) for c in cases)
    if (nzh, nen) != (N_CASES // 2, N_CASES // 2):
        lines.append(f"language split zh={nzh} en={nen}, expected 60/60")
    for i, case in enumerate(cases, start=1):
        problems = structure(case, i)
        if i <= N_CASES:
            try:
                exp, cites, tags = expected(reps, i)
                problems += compare(case, exp, cites, tags)
            except (AssertionError, KeyError, ValueError) as e:
                problems.append(f"reference error: {type(e).__name__}: {e}")
        if problems:
            for p in problems:
                lines.append(f"MISMATCH {case.get('id', i)}: {p}")
        else:
            ok += 1
    return ok, lines


def main() -> int:
    reps = load_reports()
    for a, r in reps.items():  # sanity: recomputed R1-R4 agree with the gold's own verdicts
        for rule, verdict in r["checks"].items():
            if (rule in r["failed_rules"]) != verdict.startswith("fail"):
                print(f"NOTE {a}: recomputed {rule} {'fails' if rule in r['failed_rules'] else 'passes'}, "
                      f"gold says {verdict!r}")
    cases = [json.loads(x) for x in CASES.read_text(encoding="utf-8").splitlines() if x.strip()]
    ok, lines = check(cases, reps)
    for x in lines:
        print(x)
    print(f"SUMMARY {ok}/{N_CASES}")
    return 0 if ok == N_CASES and not lines else 1


if __name__ == "__main__":
    sys.exit(main())
