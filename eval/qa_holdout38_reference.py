#!/usr/bin/env python3
"""Recompute every expected answer of eval/qa_holdout38.jsonl from the hand-checked gold facts.

Stdlib only.  Run from the repo root:

    python3 eval/qa_holdout38_reference.py        # mismatches + SUMMARY line
    python3 eval/qa_holdout38_reference.py -v     # also every recomputed answer

Sources: tests/fixtures/gold/*.json (cells, states, units, metadata, narrative numbers) and
data/samples/*.txt (passage cases: which section of which report holds the passage).

Conventions applied here (see eval/QA_HOLDOUT38.md):
* only cells in state "number" are values; blank / absent / unreadable cells raise `Unusable`;
* the balance rules R1-R4 are recomputed here; every cell of a failed equation is unusable unless
  the case is about that failure (`failure_ok=True`);
* money in yuan, ratios in percent points;
* cites: every cell a computation reads (for rankings, "which agency", and "how many agencies meet X"
  questions, the cells of the winning / qualifying items), bare file names for narrative figures,
  passages and metadata;
* tag guessed_unit <=> a cited cell has unit_assumed; tag mixed_years <=> the cited reports span
  more than one report year.
Exit status 0 only when all 120 cases match.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout38.jsonl"

COLS = ("person", "business", "research", "nonprofit", "legal", "other_org")
OUTCOMES = ("granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
            "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc")
WITHHELD = tuple(o for o in OUTCOMES if o.startswith("withheld_"))
UNAVAILABLE = tuple(o for o in OUTCOMES if o.startswith("unavailable_"))
REQ_ROWS = ("new", "carried_in") + OUTCOMES + ("handled", "carried_out")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


class Unusable(Exception):
    """The data cannot give this value (blank/absent/unreadable cell, failed balance, no report)."""


# ------------------------------------------------------------------ gold
def load_reports() -> dict[str, dict]:
    reports = {}
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = Path(data["file"]).name          # cite form: the bare file name
        data["_file"] = name
        reports[name] = data
    return reports


REP = load_reports()


def _num(r, key):
    f = REP[r]["facts"].get(key)
    return f["value"] if f is not None and f["state"] == "number" else None


def balance_failures(r: str) -> tuple[set[str], list[str]]:
    """Recompute R1-R4 for one report: (cells of failed equations, failed rule labels)."""
    failed_cells: set[str] = set()
    labels: list[str] = []
    facts = REP[r]["facts"]

    def state(key):
        f = facts.get(key)
        return None if f is None else f["state"]

    def check(label, lhs_keys, rhs_keys):
        keys = lhs_keys + rhs_keys
        if any(state(k) in ("blank", "unreadable") for k in keys):
            return                                  # not checkable
        lhs = [k for k in lhs_keys if state(k) == "number"]
        rhs = [k for k in rhs_keys if state(k) == "number"]
        if not lhs or not rhs:
            return
        if abs(sum(_num(r, k) for k in lhs) - sum(_num(r, k) for k in rhs)) > 1e-9:
            failed_cells.update(lhs + rhs)
            labels.append(label)

    if any(k.startswith("requests.") for k in facts):
        for col in COLS + ("total",):
            check(f"R1[{col}]", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                  [f"requests.handled.{col}", f"requests.carried_out.{col}"])
            check(f"R2[{col}]", [f"requests.handled.{col}"], [f"requests.{o}.{col}" for o in OUTCOMES])
        for row in REQ_ROWS:
            if f"requests.{row}.total" in facts:
                check(f"R3[{row}]", [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS])
    for g in REVIEW_GROUPS:
        check(f"R4[{g}]", [f"review.{g}.total"], [f"review.{g}.{p}" for p in REVIEW_PARTS])
    return failed_cells, labels


FAILED = {}
RULES_FAILED = {}
for _r in REP:
    FAILED[_r], RULES_FAILED[_r] = balance_failures(_r)


def year(r):
    return REP[r]["year"]


def agency(r):
    return REP[r]["agency"]


def agency_kind(r):
    kind = REP[r].get("agency_kind")
    if kind:
        return kind
    name = agency(r)
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if name.endswith("街道办事处") or name.endswith("乡人民政府") or name.endswith("镇人民政府"):
        return "street_office"
    return "department"


def reports(**filters) -> list[str]:
    out = []
    for r, d in REP.items():
        ok = True
        for k, want in filters.items():
            have = agency_kind(r) if k == "kind" else d.get(k)
            if have != want:
                ok = False
        if ok:
            out.append(r)
    return sorted(out)


def find(name: str, yr: int | None = None) -> str:
    """The one report whose agency name contains `name` (and of year `yr`); Unusable if none."""
    hits = [r for r in REP if name in agency(r) and (yr is None or year(r) == yr)]
    if not hits:
        raise Unusable(f"no report for {name} {yr}")
    if len(hits) > 1:
        raise ValueError(f"ambiguous: {name} {yr}: {hits}")
    return hits[0]


def narrative(r, pred):
    return [n for n in REP[r].get("narrative_numbers", []) if pred(n)]


# ------------------------------------------------------------------ sample texts
HEADING_WORDS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}


def sections_of(file: str) -> dict[str, str]:
    lines = (SAMPLES / file).read_text(encoding="utf-8").splitlines()
    starts = []
    for i, line in enumerate(lines):
        m = re.match(r"^[#*\s]*([一二三四五六])、(.*)$", line)
        if m and HEADING_WORDS[m.group(1)] in m.group(2) and m.group(1) not in [s for s, _ in starts]:
            starts.append((m.group(1), i))
    out = {}
    for j, (sec, i) in enumerate(starts):
        end = starts[j + 1][1] if j + 1 < len(starts) else len(lines)
        out[sec] = "".join(l.strip() for l in lines[i:end])
    return out


# ------------------------------------------------------------------ per-case context
class Ctx:
    def __init__(self):
        self.cite: list[str] = []

    def add(self, c):
        if c not in self.cite:
            self.cite.append(c)

    def v(self, r, key, failure_ok=False):
        f = REP[r]["facts"].get(key)
        if f is None or f["state"] != "number":
            raise Unusable(f"{r}#{key}: state {None if f is None else f['state']}")
        if key in FAILED[r] and not failure_ok:
            raise Unusable(f"{r}#{key}: part of a failed balance equation")
        self.add(f"{r}#{key}")
        return f["value"]

    def file(self, r):
        self.add(r)
        return REP[r]


def peek(r, key):
    """A usable value without citing it (for choosing the winner of a ranking), else None."""
    v = _num(r, key)
    return None if v is None or key in FAILED[r] else v


def num(value, unit="count"):
    return {"kind": "number", "value": value, "unit": unit}


def pct(a, b):
    return num(a / b * 100, "percent")


def refuse(ctx, fn):
    try:
        got = fn(Ctx())
    except Unusable as e:
        return {"kind": "unanswerable", "why": str(e)}
    return {"kind": "ANSWERED", "value": got}


def passage(ctx, name, keyword):
    r = find(name)
    secs = sections_of(r)
    hit = sorted((s for s, text in secs.items() if keyword in text), key="一二三四五六".index)
    ctx.file(r)
    return {"kind": "passages", "files": [r], "sections": hit}


def top(ctx, candidates, key, reverse=True, rank=0, cite_keys=None, value=None):
    """The agency ranked `rank` by `value(r)` (or the cell `key`); cites the winner's cells."""
    vals = []
    for r in candidates:
        x = value(r) if value else peek(r, key)
        if x is not None:
            vals.append((x, r))
    vals.sort(key=lambda t: t[0], reverse=reverse)
    if len(vals) > rank + 1 and vals[rank][0] == vals[rank + 1][0]:
        raise ValueError("tie")
    win = vals[rank][1]
    for k in cite_keys or [key]:
        ctx.v(win, k)
    return {"kind": "agency", "value": agency(win)}


def recon_sum(ctx, r, group, failure_ok=False):
    return sum(ctx.v(r, f"review.{group}.{p}", failure_ok) for p in REVIEW_PARTS)


# ------------------------------------------------------------------ the 120 cases
H = "洪泽"


def c001(x):
    r = find(H, 2024); return pct(x.v(r, "requests.granted.total"), x.v(r, "requests.handled.total"))
def c002(x): return num(x.v(find(H, 2023), "active.licensing.decisions"))
def c003(x): return num(x.v(find(H, 2023), "active.penalty.decisions") - x.v(find(H, 2024), "active.penalty.decisions"))
def c004(x): return num(x.v(find(H, 2024), "active.fees.amount"), "yuan")
def c005(x): return num(x.v(find(H, 2023), "requests.unavailable_not_held.total"))
def c006(x): return num(x.v(find(H, 2024), "review.reconsideration.total"))
def c007(x):
    r = find(H, 2024); return num(x.v(r, "review.lawsuit_direct.total") + x.v(r, "review.lawsuit_after_review.total"))
def c008(x): return num(x.v(find(H, 2024), "active.normative.in_force"))
def c009(x): return num(sum(x.v(r, "requests.new.total") for r in reports(agency="淮安市洪泽区人民政府")))
def c010(x):
    a, b = x.v(find(H, 2023), "requests.new.total"), x.v(find(H, 2024), "requests.new.total")
    return pct(b - a, a)
def c011(x):
    r = find(H, 2023); return pct(x.v(r, "requests.partial.total"), x.v(r, "requests.handled.total"))
def c012(x): return num(x.v(find(H, 2023), "requests.declined_complaint.total"))
def c013(x): return num(x.v(find(H, 2023), "active.fees.amount"), "yuan")
def c014(x): return num(x.v(find(H, 2024), "active.fees.amount"), "yuan")
def c015(x): return num(sum(x.v(r, "active.procurement.amount") for r in reports(province="浙江省")), "yuan")
def c016(x): return num(x.v(find("鼓楼区统计局"), "active.procurement.amount"), "yuan")
def c017(x): return num(x.v(find("二七区"), "active.procurement.amount"), "yuan")
def c018(x): return num(sum(x.v(r, "active.procurement.amount") for r in reports(year=2020, template="2019")), "yuan")
def c019(x):
    rs = reports(template="2019")
    amount = sum(x.v(r, "active.procurement.amount") for r in rs)
    projects = sum(x.v(r, "active.procurement.projects") for r in rs)
    return num(amount / projects, "yuan")
def c020(x): return num(x.v(find(H, 2023), "active.fees.amount") - x.v(find(H, 2024), "active.fees.amount"), "yuan")
def c021(x):
    r = find(H, 2024)
    return pct(sum(x.v(r, f"requests.{u}.total") for u in UNAVAILABLE), x.v(r, "requests.handled.total"))
def c022(x):
    r = find(H, 2023)
    return pct(sum(x.v(r, f"requests.{w}.total") for w in WITHHELD), x.v(r, "requests.handled.total"))
def c023(x):
    r = find(H, 2024); return pct(x.v(r, "active.coercion.decisions"), x.v(r, "active.penalty.decisions"))
def c024(x):
    r = find(H, 2024)
    d, a = x.v(r, "review.lawsuit_direct.total"), x.v(r, "review.lawsuit_after_review.total")
    return pct(a, d + a)
def c025(x):
    r = find("温泉街道"); return num(x.v(r, "active.procurement.amount") / x.v(r, "active.procurement.projects"), "yuan")
def c026(x):
    bureaus = [r for r in reports(kind="department") if agency(r).endswith("统计局")]
    return num(sum(x.v(r, "active.penalty.decisions") for r in bureaus))
def c027(x): return num(x.v(find(H, 2024), "active.licensing.decisions"))
def c028(x): return num(sum(x.v(r, "active.fees.amount") for r in reports(agency="淮安市洪泽区人民政府")), "yuan")
# WeChat voice
def c029(x): return num(x.v(find(H, 2023), "active.penalty.decisions"))
def c030(x): return num(x.v(find(H, 2023), "active.coercion.decisions"))
def c031(x): return num(x.v(find("鄞州", 2019), "active.procurement.amount"), "yuan")
def c032(x): return num(x.v(find("温泉街道", 2020), "active.procurement.projects"))
def c033(x): return num(x.v(find("鹿城", 2020), "active.penalty.prev_items"))
def c034(x): return num(x.v(find(H, 2023), "requests.new.total"))
def c035(x): return num(x.v(find(H, 2024), "requests.carried_out.total"))
def c036(x): return num(x.v(find("二七", 2020), "active.coercion.prev_items"))
def c037(x): return num(x.v(find(H, 2024), "requests.unavailable_not_held.total"))
def c038(x): return num(x.v(find(H, 2024), "review.lawsuit_after_review.total"))
def c039(x): return num(x.v(find("鼓楼区统计局", 2020), "active.penalty.prev_items"))
def c040(x): return num(x.v(find("鹿城", 2020), "active.procurement.amount"), "yuan")
# proof-reader
def c041(x):
    r = find(H, 2024)
    n = narrative(r, lambda n: n.get("cell") == "requests.new.total")
    assert len(n) == 1
    x.file(r)
    return num(x.v(r, "requests.new.total") - n[0]["value"])
def c042(x):
    r = find("鄞州")
    n = narrative(r, lambda n: n.get("cells") == ["active.penalty.decisions"])
    assert len(n) == 1 and n[0]["value"] == 6
    x.file(r)
    return num(x.v(r, "active.penalty.decisions"))
def c043(x):
    r = find(H, 2023)
    parts = recon_sum(x, r, "reconsideration", failure_ok=True)
    printed = x.v(r, "review.reconsideration.total", failure_ok=True)
    assert parts != printed, "asked about a failure that is not there"
    return num(parts)
def c044(x):
    r = find(H, 2023)
    x.v(r, "review.lawsuit_after_review.upheld", failure_ok=True)
    x.v(r, "review.lawsuit_after_review.total", failure_ok=True)
    return num(_num(r, "review.lawsuit_after_review.upheld"))
def c045(x):
    r = find("鼓楼区统计局")
    parts = narrative(r, lambda n: n["what"].startswith("of which"))
    x.file(r)
    return num(sum(n["value"] for n in parts))
def c046(x):
    r = find("温泉街道"); x.file(r); return num(x.v(r, "requests.unavailable_not_held.total"))
def c047(x):
    r = find(H, 2023)
    n = narrative(r, lambda n: n.get("cell") == "requests.new.total")
    assert n and n[0]["value"] == 21
    x.file(r)
    return num(x.v(r, "requests.handled.total"))
def c048(x):
    r = find("鄞州")
    parts = narrative(r, lambda n: n["what"].startswith("of which"))
    x.file(r)
    return num(sum(n["value"] for n in parts))
# multi-turn (numbers)
def c049(x): return num(x.v(find("鼓楼区统计局", 2020), "active.procurement.amount"), "yuan")
def c050(x): return num(x.v(find(H, 2023), "active.penalty.decisions"))
def c051(x): return num(sum(x.v(r, "requests.new.total") for r in reports(year=2020, province="福建省")))
def c052(x):
    rs = reports(year=2020, province="浙江省"); assert len(rs) == 1
    return num(x.v(rs[0], "active.procurement.amount"), "yuan")
def c053(x):
    r = find(H, 2023); return pct(x.v(r, "requests.granted.total"), x.v(r, "requests.handled.total"))
def c054(x): return num(x.v(find(H, 2024), "active.normative.repealed"))
def c055(x):
    return num(sum(x.v(r, "requests.new.total") for r in reports(year=2020) if agency_kind(r) != "street_office"))
def c056(x): return num(x.v(find(H, 2024), "review.lawsuit_direct.total"))
def c057(x):
    r = find("鄞州"); return num(x.v(r, "active.procurement.amount") / x.v(r, "active.procurement.projects"), "yuan")
def c058(x): return num(x.v(find(H, 2024), "review.reconsideration.upheld"))
def c059(x):
    rs = reports(year=2020, province="浙江省"); assert len(rs) == 1
    return num(x.v(rs[0], "active.penalty.decisions"))
# scorer / metadata numbers
def c060(x):
    for r in REP: x.file(r)
    return num(len(REP))
def c061(x):
    for r in REP: x.file(r)
    return num(len({agency(r) for r in REP}))
def c062(x):
    rs = reports(template="2021")
    for r in rs: x.file(r)
    return num(len(rs))
def c063(x):
    rs = [r for r in REP if REP[r].get("published")]
    for r in rs: x.file(r)
    return num(len(rs))
def c064(x):
    zero = [r for r in reports(year=2020) if peek(r, "requests.new.total") == 0]
    for r in zero: x.v(r, "requests.new.total")
    return num(len({agency(r) for r in zero}))
def c065(x):
    zero = [r for r in REP if peek(r, "active.penalty.decisions") == 0]
    for r in zero: x.v(r, "active.penalty.decisions")
    return num(len({agency(r) for r in zero}))
def c066(x):
    some = [r for r in REP if (peek(r, "requests.partial.total") or 0) > 0]
    for r in some: x.v(r, "requests.partial.total")
    return num(len(some))
# agency
def c067(x): return top(x, reports(year=2020), "requests.new.total")
def c068(x):
    bureaus = [r for r in REP if agency(r).endswith("统计局")]
    per = lambda r: (peek(r, "active.procurement.amount") / peek(r, "active.procurement.projects")
                     if peek(r, "active.procurement.projects") else None)
    return top(x, bureaus, None, reverse=False, value=per,
               cite_keys=["active.procurement.amount", "active.procurement.projects"])
def c069(x): return top(x, reports(template="2019"), "active.penalty.prev_items")
def c070(x): return top(x, list(REP), "active.procurement.projects", rank=1)
def c071(x): return top(x, reports(province="浙江省"), "active.procurement.amount")
def c072(x):
    rs = [r for r in REP if agency_kind(r) == "government"]
    assert len({agency(r) for r in rs}) == 1
    for r in rs: x.file(r)
    return {"kind": "agency", "value": agency(rs[0])}
def c073(x):
    rs = sorted((REP[r]["published"], r) for r in REP if REP[r].get("published"))
    x.file(rs[0][1])
    return {"kind": "agency", "value": agency(rs[0][1])}
def c074(x):
    rs = [r for r in REP if (peek(r, "active.other_services.prev_items") or 0) != 0]
    assert len(rs) == 1
    x.v(rs[0], "active.other_services.prev_items")
    return {"kind": "agency", "value": agency(rs[0])}
def c075(x): return top(x, [r for r in REP if agency(r).endswith("统计局")], "active.procurement.projects")
def c076(x): return top(x, reports(year=2020, province="福建省"), "active.procurement.projects")
# list
def c077(x):
    rs = sorted((r for r in REP if peek(r, "active.procurement.projects") is not None),
                key=lambda r: -peek(r, "active.procurement.projects"))
    for r in rs: x.v(r, "active.procurement.projects")
    return {"kind": "list", "values": [agency(r) for r in rs], "ordered": True}
def c078(x):
    rs = [r for r in reports(province="福建省") if agency_kind(r) != "street_office"]
    for r in rs: x.file(r)
    return {"kind": "list", "values": [agency(r) for r in rs], "ordered": False}
def c079(x):
    rs = [r for r in REP if (REP[r]["facts"].get("active.procurement.amount") or {}).get("unit_assumed")]
    for r in rs: x.v(r, "active.procurement.amount")
    return {"kind": "list", "values": [agency(r) for r in rs], "ordered": False}
def c080(x):
    rs = [r for r in REP if any(k.startswith("requests.") and f["state"] == "blank" for k, f in REP[r]["facts"].items())]
    for r in rs: x.file(r)
    return {"kind": "list", "values": [agency(r) for r in rs], "ordered": False}
def c081(x):
    return {"kind": "list", "values": [x.v(find(H, y), "active.coercion.decisions") for y in (2023, 2024)], "ordered": True}
def c082(x):
    rs = [r for r in REP if not REP[r].get("published")]
    for r in rs: x.file(r)
    names = []
    for r in rs:
        if agency(r) not in names: names.append(agency(r))
    return {"kind": "list", "values": names, "ordered": False}
def c083(x):
    names = []
    for r in REP:
        bad = [l for l in RULES_FAILED[r] if l.startswith("R4")]
        if bad:
            for g in REVIEW_GROUPS:
                if f"R4[{g}]" in bad:
                    for p in REVIEW_PARTS + ("total",): x.v(r, f"review.{g}.{p}", failure_ok=True)
            if agency(r) not in names: names.append(agency(r))
    return {"kind": "list", "values": names, "ordered": False}
def c084(x):
    return {"kind": "list", "ordered": True,
            "values": [x.v(find("鼓楼区统计局"), "active.procurement.amount"), x.v(find("温泉街道"), "active.procurement.amount")]}
def c085(x):
    rs = reports(province="浙江省")
    for r in rs: x.file(r)
    return {"kind": "list", "values": [agency(r) for r in rs], "ordered": False}
def c086(x):
    rs = [r for r in reports(year=2020) if (peek(r, "active.penalty.decisions") or 0) > 0]
    for r in rs: x.v(r, "active.penalty.decisions")
    return {"kind": "list", "values": [agency(r) for r in rs], "ordered": False}
# boolean
def c087(x): r = find(H, 2024); x.file(r); return {"kind": "boolean", "value": REP[r]["template"] == "2021"}
def c088(x): r = find("鼓楼区统计局"); x.file(r); return {"kind": "boolean", "value": REP[r]["template"] == "2021"}
def c089(x):
    r = find(H, 2023); x.file(r)
    return {"kind": "boolean", "value": any(k.startswith("active.procurement.") for k in REP[r]["facts"])}
def c090(x):
    r = find("鄞州")
    keys = ("active.procurement.projects", "active.procurement.amount")
    present = all(_num(r, k) is not None for k in keys)
    if present:
        for k in keys: x.v(r, k)
    else:
        x.file(r)
    return {"kind": "boolean", "value": present}
def c091(x):
    r = find(H, 2024); x.file(r)
    n = narrative(r, lambda n: n.get("cell") == "requests.new.total")[0]
    return {"kind": "boolean", "value": n["value"] == x.v(r, "requests.new.total")}
def c092(x):
    r = find("温泉街道"); x.file(r)
    n = narrative(r, lambda n: n.get("cells") == ["requests.granted.total"])[0]
    return {"kind": "boolean", "value": n["value"] == x.v(r, "requests.granted.total")}
def c093(x):
    r = find(H, 2023)
    ok = True
    for g in REVIEW_GROUPS:
        if f"R4[{g}]" in RULES_FAILED[r]:
            ok = False
            for p in REVIEW_PARTS + ("total",): x.v(r, f"review.{g}.{p}", failure_ok=True)
    return {"kind": "boolean", "value": ok}
def c094(x):
    r = find(H, 2024)
    ok = all(x.v(r, f"review.{g}.total") == recon_sum(x, r, g) for g in REVIEW_GROUPS)
    return {"kind": "boolean", "value": ok}
def c095(x): return {"kind": "boolean", "value": x.v(find("鹿城"), "requests.new.total") > x.v(find("鄞州"), "requests.new.total")}
def c096(x):
    return {"kind": "boolean", "value": x.v(find(H, 2024), "active.licensing.decisions") > 10 * x.v(find(H, 2023), "active.licensing.decisions")}
def c097(x):
    r = find("鼓楼区统计局"); x.file(r)
    site = narrative(r, lambda n: n["text"].startswith("2020年共在政府网站主动公开"))[0]["value"]
    col = narrative(r, lambda n: "共发布各类信息" in n["text"])[0]["value"]
    return {"kind": "boolean", "value": site == col}
# passages
def c098(x): return passage(x, "鼓楼区统计局", "广度和深度有待进一步提高")
def c099(x): return passage(x, "鄞州", "落实以下改进措施")
def c100(x): return passage(x, "鼓楼区统计局", "暂无其他需要报告的事项")
def c101(x): return passage(x, "温泉街道", "定期邀请律师")
def c102(x): return passage(x, "鹿城", "调整了政府信息公开工作领导小组")
def c103(x): return passage(x, "鄞州", "第三方提供政府信息公开季度测评报告")
def c104(x): return passage(x, "鼓楼区统计局", "个人信息保护")
def c105(x): return passage(x, "温泉街道", "信息保密审查制度")
def c106(x): return passage(x, "二七", "与目标考核相结合")
def c107(x): return passage(x, "鹿城", "统计开放日")
def c108(x): return passage(x, "二七", "工作机制建设需要完善")
def c109(x): return passage(x, "鹿城", "两个方面的不足")
# unanswerable
def c110(x): return refuse(x, lambda y: y.v(find(H, 2023), "review.reconsideration.upheld"))
def c111(x): return refuse(x, lambda y: y.v(find(H, 2023), "review.lawsuit_after_review.total"))
def c112(x): return refuse(x, lambda y: y.v(find("温泉街道"), "requests.declined_complaint.total"))
def c113(x): return refuse(x, lambda y: y.v(find("鼓楼区统计局"), "requests.unavailable_not_held.total"))
def c114(x): return refuse(x, lambda y: y.v(find(H, 2024), "active.procurement.amount"))
def c115(x): return refuse(x, lambda y: y.v(find(H, 2022), "requests.new.total"))
def c116(x): return refuse(x, lambda y: y.v(find("温泉街道", 2020), "requests.carried_out.total"))
def c117(x): return refuse(x, lambda y: y.v(find(H, 2024), "requests.other_no_fee.total"))
def c118(x):
    def pub(y):
        p = REP[find(H, 2023)].get("published")
        if not p:
            raise Unusable("published is null")
        return p
    return refuse(x, pub)
def c119(x): return refuse(x, lambda y: y.v(find("鹿城", 2021), "requests.new.total"))
def c120(x): return refuse(x, lambda y: y.v(find(H, 2024), "active.fees.prev_items"))


COMPUTE = {f"h38-{i:03d}": globals()[f"c{i:03d}"] for i in range(1, 121)}


# ------------------------------------------------------------------ comparison
def derived_tags(cites):
    files = {c.partition("#")[0] for c in cites}
    guessed = any((REP[f]["facts"].get(c.partition("#")[2]) or {}).get("unit_assumed")
                  for c in cites if "#" in c for f in [c.partition("#")[0]])
    return {"guessed_unit": guessed, "mixed_years": len({year(f) for f in files}) > 1}


def same_value(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))
    return a == b


def compare(case, got, cites) -> list[str]:
    problems = []
    exp = case["expect"]
    if exp["kind"] != got["kind"]:
        return [f"kind {exp['kind']} vs recomputed {got['kind']} ({got})"]
    k = exp["kind"]
    if k in ("number",):
        if not same_value(exp["value"], got["value"]) or exp["unit"] != got["unit"]:
            problems.append(f"value {exp['value']} {exp['unit']} vs {got['value']} {got['unit']}")
    elif k in ("agency", "boolean"):
        if exp["value"] != got["value"]:
            problems.append(f"value {exp['value']!r} vs {got['value']!r}")
    elif k == "list":
        ev, gv = exp["values"], got["values"]
        if exp["ordered"] != got["ordered"]:
            problems.append("ordered flag differs")
        if got["ordered"]:
            ok = len(ev) == len(gv) and all(same_value(a, b) for a, b in zip(ev, gv))
        else:
            ok = sorted(map(str, ev)) == sorted(map(str, gv))
        if not ok:
            problems.append(f"values {ev} vs {gv}")
    elif k == "passages":
        if sorted(exp["files"]) != sorted(got["files"]) or sorted(exp["sections"]) != sorted(got["sections"]):
            problems.append(f"passages {exp['files']} {exp['sections']} vs {got['files']} {got['sections']}")
    elif k == "unanswerable":
        if not exp.get("note"):
            problems.append("unanswerable without a note")
    if sorted(case.get("cite", [])) != sorted(cites):
        problems.append(f"cite {case.get('cite')} vs recomputed {cites}")
    want = derived_tags(cites)
    for tag, on in want.items():
        if (tag in case.get("tags", [])) != on:
            problems.append(f"tag {tag} should be {'present' if on else 'absent'}")
    return problems


def main(argv):
    verbose = "-v" in argv
    cases = [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]
    bad = 0
    # sanity: recomputed balance failures agree with the gold 'checks'
    for r, d in REP.items():
        gold_fail = {rule for rule, res in d.get("checks", {}).items() if not str(res).startswith("pass")}
        mine = {l.split("[")[0] for l in RULES_FAILED[r]}
        if gold_fail != mine:
            print(f"WARNING {r}: gold checks fail {sorted(gold_fail)} vs recomputed {sorted(mine)}")
    structural = []
    ids = [c["id"] for c in cases]
    if ids != [f"h38-{i:03d}" for i in range(1, 121)]:
        structural.append("ids are not h38-001 .. h38-120 in order")
    langs = [t for c in cases for t in c["tags"] if t in ("zh", "en")]
    if langs.count("zh") != 60 or langs.count("en") != 60 or len(langs) != len(cases):
        structural.append(f"language tags: zh {langs.count('zh')}, en {langs.count('en')}")
    for s in structural:
        print("STRUCTURE:", s)
    for case in cases:
        ctx = Ctx()
        try:
            got = COMPUTE[case["id"]](ctx)
        except Exception as e:                          # noqa: BLE001 - report, do not crash
            got = {"kind": f"ERROR {type(e).__name__}: {e}"}
        cites = [] if got["kind"] == "unanswerable" else ctx.cite
        problems = compare(case, got, cites)
        if verbose:
            shown = {k: v for k, v in got.items() if k != "kind"}
            print(f"{case['id']} [{got['kind']}] {json.dumps(shown, ensure_ascii=False)} cite={cites}")
        if problems:
            bad += 1
            print(f"MISMATCH {case['id']}: {case['question']}")
            for p in problems:
                print(f"    {p}")
    ok = len(cases) - bad
    print(f"SUMMARY: {ok}/{len(cases)} cases match the recomputed answers"
          f"{'' if not structural else f' ({len(structural)} structural problem(s))'}")
    return 0 if ok == len(cases) == 120 and not structural else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
