#!/usr/bin/env python3
"""Independent recomputation of every expected answer of eval/qa_holdout21.jsonl from the gold facts.

Stdlib only. Reads tests/fixtures/gold/*.json (facts, metadata, narrative numbers) and, for passage cases
only, data/samples/*.txt (to locate a passage's section). For each case a small spec below selects reports
(by agency-name fragment, year, province, city, template, kind of agency), reads only `number` cells that
do not belong to a failing balance equation (R1-R4 recomputed here), computes the answer and the cells it
used, and compares them with the case's `expect`, `cite` and the `guessed_unit` / `mixed_years` tags.

    python3 eval/qa_holdout21_reference.py        # exit 0 when all 120 cases match
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout21.jsonl"

APPLICANTS = ["person", "business", "research", "nonprofit", "legal", "other_org"]
COLS = APPLICANTS + ["total"]
OUTCOMES = (["granted", "partial"]
            + ["withheld_" + r for r in ("secret", "law", "safety", "third_party", "internal", "process",
                                         "enforcement", "query")]
            + ["unavailable_" + r for r in ("not_held", "needs_creation", "unclear")]
            + ["declined_" + r for r in ("complaint", "duplicate", "publication", "excessive", "confirmation")]
            + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REQ_ROWS = ["new", "carried_in"] + OUTCOMES + ["handled", "carried_out"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


class Unanswerable(Exception):
    """Why the data cannot answer: `why` is one of the refusal tags blank, absent, balance-fail, no-report, topic."""

    def __init__(self, why: str, msg: str):
        super().__init__(msg)
        self.why = why


# ----------------------------------------------------------------------------------------------- reports
def kind_of(d: dict) -> str:
    if d.get("agency_kind"):
        return d["agency_kind"]
    name = d["agency"]  # gold leaves agency_kind null for the 洪泽区 PDFs: derive it from the name
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if "街道" in name or name.endswith("镇人民政府") or name.endswith("乡人民政府"):
        return "street_office"
    return "department"


def load_reports() -> list[dict]:
    reps = []
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d["fname"] = Path(d["file"]).name
        d["kind"] = kind_of(d)
        names = {d["agency"]}
        if d.get("agency_full"):
            names.add(d["agency_full"])
        for v in d.get("agency_variants") or []:
            names.add(v["text"])
        d["names"] = names
        txt = SAMPLES / d["fname"]
        d["text"] = txt.read_text(encoding="utf-8") if txt.exists() else None
        d["unusable"], d["rule_status"] = balance(d["facts"])
        reps.append(d)
    return reps


def balance(facts: dict) -> tuple[set, dict]:
    """R1-R4 over number cells. Returns (cells of failing equations, {rule: 'pass'|'fail'})."""
    eqs = []  # (rule, lhs keys, rhs keys)
    for c in COLS:
        eqs.append(("R1", [f"requests.new.{c}", f"requests.carried_in.{c}"],
                    [f"requests.handled.{c}", f"requests.carried_out.{c}"]))
        rhs = [f"requests.{r}.{c}" for r in OUTCOMES
               if f"requests.{r}.{c}" in facts and facts[f"requests.{r}.{c}"]["state"] != "absent"]
        eqs.append(("R2", [f"requests.handled.{c}"], rhs))
    for r in REQ_ROWS:
        if f"requests.{r}.total" in facts and facts[f"requests.{r}.total"]["state"] != "absent":
            eqs.append(("R3", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in APPLICANTS]))
    for g in GROUPS:
        eqs.append(("R4", [f"review.{g}.total"],
                    [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")]))
    bad, status = set(), {}
    for rule, lhs, rhs in eqs:
        cells = [facts.get(k) for k in lhs + rhs]
        if any(x is None or x["state"] != "number" for x in cells):
            continue  # blank/unreadable cell: not checkable, not a failure
        ok = abs(sum(facts[k]["value"] for k in lhs) - sum(facts[k]["value"] for k in rhs)) < 1e-9
        status.setdefault(rule, "pass")
        if not ok:
            status[rule] = "fail"
            bad.update(lhs + rhs)
    return bad, status


REPORTS = load_reports()


def sel(agency=None, year=None, province=None, city=None, template=None, kind=None, exclude=None,
        has_text=False) -> list[dict]:
    out = []
    for d in REPORTS:
        if agency and not any(agency in n for n in d["names"]):
            continue
        if exclude and any(exclude in n for n in d["names"]):
            continue
        if year is not None and d["year"] != year:
            continue
        if province and d["province"] != province:
            continue
        if city and d["city"] != city:
            continue
        if template and d["template"] != template:
            continue
        if kind and d["kind"] != kind:
            continue
        if has_text and d["text"] is None:
            raise AssertionError(f"{d['fname']}: no text to search")
        out.append(d)
    return out


def one(**kw) -> dict:
    found = sel(**kw)
    if not found:
        raise Unanswerable("no-report", f"no report for {kw}")
    if len(found) != 1:
        raise AssertionError(f"{kw} selects {len(found)} reports")
    return found[0]


# ----------------------------------------------------------------------------------------------- a case's working
class Calc:
    def __init__(self):
        self.cites: list[str] = []

    def _cite(self, s: str):
        if s not in self.cites:
            self.cites.append(s)

    def v(self, rep: dict, key: str) -> float:
        """A usable number cell: state number and not part of a failing balance equation."""
        f = rep["facts"].get(key)
        if f is None:
            raise Unanswerable("absent", f"{rep['fname']}: no cell {key} (template {rep['template']})")
        if f["state"] != "number":
            raise Unanswerable("absent" if f["state"] == "absent" else "blank", f"{rep['fname']}#{key} is {f['state']}")
        if key in rep["unusable"]:
            raise Unanswerable("balance-fail", f"{rep['fname']}#{key} belongs to a failing balance equation")
        self._cite(f"{rep['fname']}#{key}")
        return f["value"]

    def printed(self, rep: dict, key: str) -> float:
        """A printed number even inside a failing equation (data-quality questions only)."""
        f = rep["facts"][key]
        assert f["state"] == "number", (rep["fname"], key)
        self._cite(f"{rep['fname']}#{key}")
        return f["value"]

    def unit_assumed(self, rep: dict, key: str, cite_if=(True, False)) -> bool:
        """Whether a number cell's unit was assumed (not printed); cited when the answer is in cite_if."""
        f = rep["facts"][key]
        assert f["state"] == "number"
        ans = bool(f.get("unit_assumed")) and not f.get("unit_printed")
        if ans in cite_if:
            self._cite(f"{rep['fname']}#{key}")
        return ans

    def file(self, rep: dict):
        self._cite(rep["fname"])

    def rank(self, reps: list[dict], key, reverse=True, n=1, score=None, only=None):
        """The first n reports ordered by a cell (or by score(rep), read quietly); cites those n, or only the
        one at index `only` (an ordinal question names one report)."""
        vals = []
        for r in reps:
            saved = list(self.cites)
            s = score(r) if score else self.v(r, key)
            self.cites = saved
            vals.append((s, r))
        vals.sort(key=lambda t: t[0], reverse=reverse)
        top = vals[:n]
        if len(vals) > n:  # the cut must not fall inside a tie
            assert vals[n - 1][0] != vals[n][0], "tie at the cut"
        for i, (s, r) in enumerate(top):
            if only is None or i == only:
                score(r) if score else self.v(r, key)
        return [r for s, r in top]


def number(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def agency(rep):
    return {"kind": "agency", "value": rep["agency"]}


def listing(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def boolean(v):
    return {"kind": "boolean", "value": bool(v)}


def pct(a, b):
    return 100.0 * a / b


HEADS = {"一": "总体情况", "二": "主动公开", "三": "收到和处理", "四": "复议", "五": "问题", "六": "其他需要报告"}


def section_of(rep: dict, *words) -> str:
    """The canonical section (一..六) of the one line holding all `words`, from the sample text's headings."""
    cur, found = None, set()
    for line in rep["text"].splitlines():
        s = re.sub(r"^[\s#*]+", "", line)
        m = re.match(r"([一二三四五六])、", s)
        if m and HEADS[m.group(1)] in s and len(s) < 40:
            cur = m.group(1)
            continue
        if all(w in line for w in words):
            found.add(cur)
    assert len(found) == 1 and None not in found, (rep["fname"], words, found)
    return found.pop()


def passage(c: Calc, rep: dict, *words):
    c.file(rep)
    return {"kind": "passages", "files": [rep["fname"]], "sections": [section_of(rep, *words)]}


def mentions(c: Calc, reps: list[dict], *words):
    hits = [r for r in reps if all(w in r["text"] for w in words)]
    for r in hits:
        c.file(r)
    return hits


# ----------------------------------------------------------------------------------------------- specs
AMT, PRJ = "active.procurement.amount", "active.procurement.projects"
NEW, HND, GR = "requests.new.total", "requests.handled.total", "requests.granted.total"
PEN, LIC, FEES = "active.penalty.decisions", "active.licensing.decisions", "active.fees.amount"
HZ = "洪泽区"
WITHHELD = [k for k in (f"requests.{r}.total" for r in OUTCOMES) if ".withheld_" in k]
UNAVAIL = [k for k in (f"requests.{r}.total" for r in OUTCOMES) if ".unavailable_" in k]
RECON = [f"review.reconsideration.{x}" for x in ("upheld", "corrected", "other", "pending", "total")]


def procurement_reports():
    return [r for r in REPORTS if r["facts"].get(AMT, {}).get("state") == "number"]


def per_project(c, r):
    return c.v(r, AMT) / c.v(r, PRJ)


def s_hz(year):
    return one(agency=HZ, year=year)


def spec_037(c):  # top 3 by projects
    return listing([r["agency"] for r in c.rank(procurement_reports(), PRJ, n=3)], True)


def spec_033(c):  # the report with most new applications -> partial / handled
    top = c.rank(REPORTS, NEW, n=1)[0]
    c.cites.clear()
    return number(pct(c.v(top, "requests.partial.total"), c.v(top, HND)), "percent")


def spec_018(c):  # most projects -> its amount vs the highest amount
    most = c.rank(procurement_reports(), PRJ, n=1)[0]
    richest = c.rank(procurement_reports(), AMT, n=1)[0]
    c.cites.clear()
    return number(c.v(richest, AMT) - c.v(most, AMT), "yuan")


def spec_022(c):
    two = c.rank(procurement_reports(), PRJ, n=2)
    c.cites.clear()
    return number(sum(c.v(r, AMT) for r in two), "yuan")


def spec_032(c):
    richest = c.rank(procurement_reports(), AMT, n=1)[0]
    c.cites.clear()
    return number(c.v(richest, PRJ))


def spec_044(c):
    top = c.rank(sel(year=2020), NEW, n=1)[0]
    return number(c.v(top, AMT), "yuan")


def count_where(c, reps, key, pred):
    hits = []
    for r in reps:
        saved = list(c.cites)
        ok = pred(c.v(r, key))
        if not ok:
            c.cites = saved
        else:
            hits.append(r)
    return number(len(hits))


def spec_061(c):
    hits = []
    for r in procurement_reports():
        saved = list(c.cites)
        if per_project(c, r) > 50000:
            hits.append(r)
        else:
            c.cites = saved
    return number(len(hits))


def spec_narr_vs_table(c):
    bad = []
    for r in REPORTS:
        for n in r["narrative_numbers"]:
            cells = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
            if cells == [NEW] and n["value"] != r["facts"][NEW]["value"]:
                bad.append(r)
                c.printed(r, NEW)
                c.file(r)
    assert len(bad) == 1
    return agency(bad[0])


def narrative_agrees(c, rep, key):
    ns = [n for n in rep["narrative_numbers"] if (n.get("cells") or [n.get("cell")]) == [key]]
    assert len(ns) == 1
    c.file(rep)
    return boolean(ns[0]["value"] == c.v(rep, key))


def narrative_value(rep, key):
    ns = [n for n in rep["narrative_numbers"] if (n.get("cells") or [n.get("cell")]) == [key]]
    assert len(ns) == 1
    return ns[0]["value"]


def spec_113(c):
    g = s_hz(2024)
    assert narrative_value(g, NEW) == 17  # the premise of the question
    return number(c.v(g, NEW))


def spec_101(c):
    hits = mentions(c, sel(agency="统计局", has_text=True), "宪法宣传日")
    assert len(hits) == 1, hits
    return agency(hits[0])


def spec_fail_list(c):
    failing = [r for r in REPORTS if "fail" in r["rule_status"].values()]
    return listing(sorted({r["agency"] for r in failing}))


def recon_balances(c, rep):
    up, co, ot, pe, to = (c.printed(rep, k) for k in RECON)
    return boolean(up + co + ot + pe == to)


def no_field(word):
    assert not any(word in k for r in REPORTS for k in r["facts"])
    raise Unanswerable("topic", f"no field about {word}")


SPECS = {
    1: lambda c: number(c.v(one(agency="鹿城", year=2020), PEN)),
    2: lambda c: number(c.v(s_hz(2024), PEN)),
    3: lambda c: number(c.v(s_hz(2023), FEES), "yuan"),
    4: lambda c: number(c.v(s_hz(2024), FEES), "yuan"),
    5: lambda c: number(c.v(one(agency="鄞州", year=2019), "active.rules.public_total")),
    6: lambda c: number(c.v(one(agency="温泉街道", year=2020), "requests.unavailable_not_held.total")),
    7: lambda c: number(c.v(s_hz(2023), "requests.withheld_secret.total")),
    8: lambda c: number(c.v(s_hz(2024), "active.normative.in_force")),
    9: lambda c: number(c.v(one(agency="鼓楼区统计局", year=2020), AMT), "yuan"),
    10: lambda c: number(c.v(one(agency="二七区统计局", year=2020), AMT), "yuan"),
    11: lambda c: number(c.v(s_hz(2023), LIC)),
    12: lambda c: number(c.v(s_hz(2024), "review.lawsuit_after_review.total")),
    13: lambda c: number(c.v(s_hz(2024), "requests.carried_out.total")),
    14: lambda c: number(c.v(one(agency="鄞州", year=2019), GR)),
    15: lambda c: number(c.v(s_hz(2023), "review.lawsuit_direct.total")),
    16: lambda c: number(c.v(s_hz(2023), NEW)),
    17: lambda c: number(c.v(one(agency="温泉街道", year=2020), GR)),
    18: spec_018,
    19: lambda c: number(c.v(s_hz(2023), FEES) - c.v(s_hz(2024), FEES), "yuan"),
    20: lambda c: number(c.v(s_hz(2023), "active.coercion.decisions")),
    21: lambda c: number(c.v(one(agency="二七区统计局"), PEN)),
    22: spec_022,
    23: lambda c: number(sum(c.v(r, NEW) for r in sel(province="福建省"))),
    24: lambda c: number(c.v(s_hz(2023), LIC)),
    25: lambda c: number(c.v(one(agency="二七区统计局"), AMT), "yuan"),
    26: spec_033,
    27: lambda c: number(sum(c.v(r, PEN) for r in sel(agency=HZ))),
    28: lambda c: boolean(c.v(one(agency="鼓楼区统计局", year=2020), AMT) > 3 * c.v(one(agency="鹿城"), AMT)),
    29: lambda c: number(sum(c.v(r, NEW) for r in sel(province="江苏省"))),
    30: lambda c: number(c.v(one(agency="温泉街道", year=2020), "requests.declined_duplicate.total")),
    31: lambda c: number(c.v(s_hz(2023), "review.reconsideration.total")),
    32: spec_032,
    33: lambda c: number(c.v(one(agency=HZ, year=2022), NEW)),
    34: lambda c: agency(c.rank(procurement_reports(), AMT, n=2, only=1)[1]),
    35: lambda c: agency(c.rank(procurement_reports(), None, reverse=False, score=lambda r: per_project(c, r))[0]),
    36: lambda c: agency(c.rank(sel(agency="统计局"), PEN, n=2, only=1)[1]),
    37: spec_037,
    38: lambda c: listing([r["agency"] for r in c.rank(sel(year=2020), AMT, reverse=False, n=4)], True),
    39: lambda c: agency(c.rank(sel(agency="统计局"), "active.penalty.change")[0]),
    40: lambda c: agency(c.rank(sel(exclude=HZ), NEW)[0]),
    41: lambda c: agency(c.rank([r for r in procurement_reports() if r not in sel(agency="鄞州")], AMT)[0]),
    42: lambda c: agency(c.rank(procurement_reports(), None, score=lambda r: per_project(c, r))[0]),
    43: lambda c: listing([r["agency"] for r in c.rank(procurement_reports(), AMT, reverse=False, n=2)], True),
    44: spec_044,
    45: lambda c: number(sum(c.v(r, AMT) for r in sel(province="浙江省")), "yuan"),
    46: lambda c: number(sum(c.v(r, PRJ) for r in sel(agency="统计局"))),
    47: lambda c: number(sum(c.v(r, LIC) for r in sel(template="2021"))),
    48: lambda c: number(sum(c.v(r, NEW) for r in sel(template="2019"))),
    49: lambda c: number(sum(c.v(r, FEES) for r in sel(agency=HZ)), "yuan"),
    50: lambda c: number(sum(c.v(s_hz(2024), k) for k in WITHHELD)),
    51: lambda c: number(sum(c.v(r, HND) for r in REPORTS)),
    52: lambda c: number(sum(c.v(r, "review.reconsideration.total") for r in sel(agency=HZ))),
    53: lambda c: number(sum(c.v(r, AMT) for r in sel(year=2020) if r["province"] in ("河南省", "福建省")), "yuan"),
    54: lambda c: number(sum(c.v(r, "active.rules.public_total") for r in sel(kind="department"))),
    55: lambda c: count_where(c, procurement_reports(), AMT, lambda v: v > 100000),
    56: lambda c: count_where(c, procurement_reports(), AMT, lambda v: v >= 7.5 * 10000),
    57: lambda c: count_where(c, REPORTS, NEW, lambda v: v <= 2),
    58: lambda c: count_where(c, REPORTS, PEN, lambda v: v > 1000),
    59: lambda c: count_where(c, sel(agency="统计局"), PRJ, lambda v: v >= 10),
    60: lambda c: count_where(c, REPORTS, GR, lambda v: v == 0),
    61: spec_061,
    62: lambda c: number(len({r["agency"] for r in REPORTS if r["agency"].endswith("统计局")})),
    63: lambda c: boolean(c.v(one(agency="鹿城"), AMT) < c.v(one(agency="温泉街道"), AMT)),
    64: lambda c: boolean(c.v(s_hz(2024), NEW) == 95),
    65: lambda c: boolean(c.v(one(agency="鄞州", year=2019), PEN) > c.v(one(agency="鼓楼区统计局", year=2020), PEN)),
    66: lambda c: boolean(c.v(s_hz(2024), LIC) > 10 * c.v(s_hz(2023), LIC)),
    67: lambda c: boolean(c.v(s_hz(2024), FEES) > c.v(s_hz(2023), FEES)),
    68: lambda c: boolean(c.v(one(agency="温泉街道"), GR) > c.v(one(agency="温泉街道"), HND) / 2),
    69: lambda c: boolean(c.v(one(agency="二七区"), AMT) < c.v(one(agency="鹿城"), AMT) / 2),
    70: lambda c: boolean(c.v(one(agency="鹿城"), "active.penalty.prev_items")
                          + c.v(one(agency="鹿城"), "active.penalty.change") == c.v(one(agency="鹿城"), PEN)),
    71: lambda c: boolean(c.v(s_hz(2024), "review.reconsideration.total") == 0),
    72: lambda c: boolean(not c.unit_assumed(one(agency="二七区"), AMT)),
    73: lambda c: recon_balances(c, s_hz(2023)),
    74: lambda c: recon_balances(c, s_hz(2024)),
    75: lambda c: narrative_agrees(c, s_hz(2024), NEW),
    76: lambda c: narrative_agrees(c, one(agency="鼓楼区统计局", year=2020), NEW),
    77: lambda c: number(pct(c.v(s_hz(2024), GR), c.v(s_hz(2024), HND)), "percent"),
    78: lambda c: number(pct(c.v(s_hz(2024), LIC) - c.v(s_hz(2023), LIC), c.v(s_hz(2023), LIC)), "percent"),
    79: lambda c: number(pct(c.v(s_hz(2023), PEN) - c.v(s_hz(2024), PEN), c.v(s_hz(2023), PEN)), "percent"),
    80: lambda c: number(pct(c.v(one(agency="温泉街道"), AMT),
                              sum(c.v(r, AMT) for r in sel(province="福建省"))), "percent"),
    81: lambda c: number(pct(c.v(one(agency="鄞州"), AMT), sum(c.v(r, AMT) for r in procurement_reports())),
                         "percent"),
    82: lambda c: number(pct(sum(c.v(s_hz(2024), k) for k in UNAVAIL), c.v(s_hz(2024), NEW)), "percent"),
    83: lambda c: number(c.v(s_hz(2024), NEW) - c.v(s_hz(2024 - 1), NEW)),
    84: lambda c: number(c.v(one(agency="鄞州"), AMT) - c.v(one(agency="鼓楼区统计局"), AMT), "yuan"),
    85: lambda c: number(c.v(s_hz(2024), LIC) - c.v(s_hz(2024), PEN)),
    86: lambda c: listing([c.v(one(agency="鹿城"), PEN), c.v(one(agency="鄞州"), PEN)], True),
    87: lambda c: listing([c.v(one(agency=a), NEW) for a in ("鼓楼区统计局", "鹿城", "温泉街道")], True),
    88: lambda c: number(c.v(s_hz(2024), GR) - c.v(s_hz(2024), "requests.partial.total")),
    89: lambda c: number(statistics.median(c.v(r, AMT) for r in procurement_reports()), "yuan"),
    90: lambda c: number(statistics.mean(c.v(r, AMT) for r in sel(year=2020)), "yuan"),
    91: lambda c: number(statistics.mean(c.v(r, NEW) for r in sel(agency="统计局"))),
    92: lambda c: number(statistics.median(c.v(r, PRJ) for r in procurement_reports())),
    93: lambda c: number(c.v(one(agency="鹿城", year=2019), AMT), "yuan"),
    94: lambda c: passage(c, one(agency="鹿城"), "统计开放日"),
    95: lambda c: passage(c, one(agency="鄞州"), "存在主要问题"),
    96: lambda c: passage(c, one(agency="二七区"), "一是把政府信息与政务公开与目标考核相结合"),
    97: lambda c: passage(c, one(agency="鼓楼区统计局"), "个人信息保护"),
    98: lambda c: passage(c, one(agency="温泉街道"), "答复依申请公开处理水平"),
    99: lambda c: passage(c, one(agency="鄞州"), "普法宣传"),
    100: lambda c: passage(c, one(agency="鹿城"), "加强领导，落实职责"),
    101: spec_101,
    102: lambda c: listing([r["agency"] for r in mentions(c, sel(year=2020, has_text=True), "六稳", "六保")]),
    103: lambda c: listing(sorted({r["province"] for r in REPORTS})),
    104: lambda c: listing(sorted({r["city"] for r in sel(agency=HZ)})),
    105: lambda c: listing(sorted({r["year"] for r in REPORTS})),
    106: lambda c: listing(sorted({r["year"] for r in sel(template="2021")})),
    107: lambda c: listing(sorted({r["agency"] for r in sel(kind="street_office")})),
    108: lambda c: boolean(any(HZ not in r["agency"] for r in sel(province="江苏省"))),
    109: lambda c: number(len(REPORTS)),
    110: spec_narr_vs_table,
    111: lambda c: listing([r["agency"] for r in procurement_reports() if c.unit_assumed(r, AMT, cite_if=(True,))]),
    112: spec_fail_list,
    113: spec_113,
    114: lambda c: number(c.v(s_hz(2024), AMT), "yuan"),
    115: lambda c: number(c.v(one(agency="温泉街道"), "requests.carried_out.total")),
    116: lambda c: number(c.v(one(agency="鼓楼区统计局"), "requests.unavailable_not_held.total")),
    117: lambda c: number(c.v(s_hz(2024), "requests.other_no_correction.total")),
    118: lambda c: number(c.v(one(agency="鼓楼区统计局", city="南京市", year=2020), AMT), "yuan"),
    119: lambda c: no_field("staff"),
    120: lambda c: number(c.v(one(agency="温泉街道"), "requests.other.total")),
}


# ----------------------------------------------------------------------------------------------- comparing
def close(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if b == 0:
        return abs(a) < 1e-9
    return abs(a - b) <= 0.005 * abs(b)


def same_expect(got: dict, want: dict) -> str | None:
    k = want["kind"]
    if got["kind"] != k:
        return f"kind {got['kind']} != {k}"
    if k == "number":
        if got["unit"] != want["unit"]:
            return f"unit {got['unit']} != {want['unit']}"
        if not close(got["value"], want["value"]):
            return f"value {got['value']} != {want['value']}"
    elif k in ("agency", "boolean"):
        if got["value"] != want["value"]:
            return f"value {got['value']!r} != {want['value']!r}"
    elif k == "list":
        if bool(want.get("ordered")) != bool(got["ordered"]):
            return "ordered flag differs"
        a, b = got["values"], want["values"]
        if len(a) != len(b):
            return f"values {a} != {b}"
        if got["ordered"]:
            if not all(close(x, y) for x, y in zip(a, b)):
                return f"values {a} != {b}"
        elif sorted(map(str, a)) != sorted(map(str, b)):
            return f"values {a} != {b}"
    elif k == "passages":
        if set(got["files"]) != set(want["files"]) or set(got["sections"]) != set(want["sections"]):
            return f"passages {got} != {want}"
    return None


def derived_tags(cites: list[str]) -> set:
    by_file = {r["fname"]: r for r in REPORTS}
    cells = [(by_file[c.split("#")[0]], c.split("#")[1]) for c in cites if "#" in c]
    tags = set()
    if any(r["facts"][k].get("unit_assumed") for r, k in cells):
        tags.add("guessed_unit")
    if len({r["year"] for r, _ in cells}) > 1 and len({r["agency"] for r, _ in cells}) > 1:
        tags.add("mixed_years")
    return tags


def main() -> int:
    # the recomputed balance status must agree with the gold's own verdicts
    for r in REPORTS:
        for rule, verdict in r["checks"].items():
            mine = r["rule_status"].get(rule, "pass")
            assert verdict.startswith(mine), (r["fname"], rule, verdict, mine)

    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems, kinds, langs = [], {}, {"zh": 0, "en": 0}
    n_refuse = n_follow = 0
    for i, case in enumerate(cases, 1):
        cid = case["id"]
        why = []
        if cid != f"h21-{i:03d}":
            why.append(f"id out of sequence (expected h21-{i:03d})")
        c = Calc()
        try:
            got = SPECS[i](c)
            cites = c.cites
        except Unanswerable as e:
            got, cites = {"kind": "unanswerable", "note": str(e)}, []
            if e.why not in case.get("tags", []):
                why.append(f"refusal reason {e.why!r} ({e}) is not among the case's tags")
        diff = same_expect(got, case["expect"])
        if diff:
            why.append(diff)
        if sorted(cites) != sorted(case.get("cite", [])):
            why.append(f"cite {sorted(case.get('cite', []))} != recomputed {sorted(cites)}")
        tags = set(case.get("tags", []))
        want_tags = derived_tags(cites)
        for t in ("guessed_unit", "mixed_years"):
            if (t in want_tags) != (t in tags):
                why.append(f"tag {t} {'missing' if t in want_tags else 'not warranted'}")
        lang = [t for t in tags if t in ("zh", "en")]
        if len(lang) != 1:
            why.append("needs exactly one of the tags zh/en")
        else:
            langs[lang[0]] += 1
        kinds[case["expect"]["kind"]] = kinds.get(case["expect"]["kind"], 0) + 1
        n_refuse += case["expect"]["kind"] == "unanswerable"
        n_follow += bool(case.get("turns"))
        if why:
            problems.append((cid, why))
            print(f"FAIL {cid}: {case['question']}")
            for w in why:
                print(f"     {w}")
        else:
            shown = got.get("value", got.get("values", got.get("sections", got.get("note"))))
            print(f"ok   {cid} [{got['kind']}] {shown}")
    if len(cases) != len(SPECS):
        problems.append(("-", [f"{len(cases)} cases vs {len(SPECS)} specs"]))
    ok = len(cases) - len([p for p in problems if p[0] != "-"])
    kinds_s = ", ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
    print(f"SUMMARY: {ok}/{len(cases)} cases match; kinds: {kinds_s}; zh={langs['zh']} en={langs['en']}; "
          f"unanswerable={n_refuse}; followups={n_follow}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
