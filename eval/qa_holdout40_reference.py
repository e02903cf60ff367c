#!/usr/bin/env python3
"""Independent reference check for eval/qa_holdout40.jsonl (stdlib only).

For every case this script recomputes, from the hand-checked gold cells in
tests/fixtures/gold/*.json (and the sample texts in data/samples/*.txt for passage
cases), the expected answer, the cite list and the `guessed_unit` / `mixed_years`
tags, and compares them with what the JSONL file says. It also re-applies the
loader's format rules (eval/dataset.py) without importing it.

Conventions applied here (not read from the dataset):
  * a number comes only from a cell whose state is `number`; blank / absent /
    unreadable / missing cells make a question unanswerable;
  * the balance rules R1-R4 of DOMAIN.md are recomputed from the cells; the cells of
    a group that fails are usable only by questions about the failure itself;
  * money is compared in yuan (gold stores yuan already, 万元 converted);
  * `guessed_unit` iff a cited cell carries an assumed unit (`unit_assumed`);
  * `mixed_years` iff the cited reports (cells or bare files) span more than one
    report year;
  * agency kind: the gold `agency_kind`, else derived from the name
    (人民政府 -> government), as for the Hongze reports.

Run: python3 eval/qa_holdout40_reference.py   (exit 0 only when 120/120 agree)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
TEXT_DIR = ROOT / "data" / "samples"
DATASET = ROOT / "eval" / "qa_holdout40.jsonl"

# ----------------------------------------------------------------------------- gold
GOLD: list[dict] = []
for p in sorted(GOLD_DIR.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    g["_file"] = Path(g["file"]).name  # cite form: the base name of the report file
    GOLD.append(g)
BY_FILE = {g["_file"]: g for g in GOLD}


def kind_of(g: dict) -> str:
    if g.get("agency_kind"):
        return g["agency_kind"]
    name = g["agency"]
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    return "department"


def names_of(g: dict) -> list[str]:
    out = [g["agency"]]
    if g.get("agency_full"):
        out.append(g["agency_full"])
    out += [v["text"] for v in g.get("agency_variants", [])]
    return out


class Unusable(Exception):
    """The data cannot answer: no report, or a cell that is not a usable number."""


def rep(name_part: str, year: int) -> dict:
    hits = [g for g in GOLD if g["year"] == year and any(name_part in n for n in names_of(g))]
    if not hits:
        raise Unusable(f"no report for {name_part} {year}")
    if len(hits) > 1:
        raise SystemExit(f"ambiguous report lookup {name_part} {year}")
    return hits[0]


# ------------------------------------------------------------- balance checks (R1-R4)
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety",
                     "withheld_third_party", "withheld_internal", "withheld_process", "withheld_enforcement",
                     "withheld_query", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                     "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                     "declined_confirmation"]
REVIEW_ROWS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def _num(g: dict, key: str):
    f = g["facts"].get(key)
    return f["value"] if f and f.get("state") == "number" else None


def failed_groups(g: dict) -> list[tuple[str, list[str]]]:
    """(rule, keys of the group) for every balance equation that can be evaluated and fails."""
    out = []
    # R4: each review group
    for row in REVIEW_ROWS:
        keys = [f"review.{row}.{c}" for c in REVIEW_COLS]
        vals = [_num(g, k) for k in keys]
        if None not in vals and sum(vals[:4]) != vals[4]:
            out.append(("R4", keys))
    other_rows = ["other"] if _num(g, "requests.other.total") is not None or g["template"] == "2019" else []
    if not other_rows or any(g["facts"].get(f"requests.{r}.total", {}).get("state") == "number"
                             for r in ("other_no_correction", "other_no_fee", "other_misc")):
        other_rows = [r for r in ("other", "other_no_correction", "other_no_fee", "other_misc")
                      if g["facts"].get(f"requests.{r}.total", {}).get("state") == "number"]
    for col in COLS:
        # R1
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        v = [_num(g, k) for k in keys]
        if None not in v and v[0] + v[1] != v[2] + v[3]:
            out.append(("R1", keys))
        # R2
        rows = OUTCOME_ROWS_2019 + other_rows
        keys = [f"requests.{r}.{col}" for r in rows] + [f"requests.handled.{col}"]
        v = [_num(g, k) for k in keys]
        if None not in v and sum(v[:-1]) != v[-1]:
            out.append(("R2", keys))
    # R3
    for row in ["new", "carried_in"] + OUTCOME_ROWS_2019 + other_rows + ["handled", "carried_out"]:
        keys = [f"requests.{row}.{c}" for c in COLS]
        v = [_num(g, k) for k in keys]
        if None not in v and sum(v[:6]) != v[6]:
            out.append(("R3", keys))
    return out


FAILED_CELLS = {g["_file"]: {k for _, keys in failed_groups(g) for k in keys} for g in GOLD}

# ------------------------------------------------------------------ sample texts
SEC_ORDER = ["一", "二", "三", "四", "五", "六"]
SEC_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理", "依申请"),
             "四": ("复议", "诉讼"), "五": ("问题",), "六": ("其他需要报告",)}


def split_sections(text: str) -> dict[str, str]:
    """Canonical section -> its text, from headings matched by number + meaning, in order.
    Table rows (tab- or pipe-separated, e.g. '\t四、结转下年度继续办理') are not headings."""
    lines = text.split("\n")
    starts: list[tuple[str, int]] = []
    nxt = 0
    for i, line in enumerate(lines):
        if "\t" in line or "|" in line:
            continue
        s = line.strip().lstrip("#").strip().strip("*").strip()
        if len(s) > 40:
            continue
        for j in range(nxt, len(SEC_ORDER)):
            n = SEC_ORDER[j]
            if s.startswith(n + "、") and any(w in s for w in SEC_WORDS[n]):
                starts.append((n, i))
                nxt = j + 1
                break
    if [n for n, _ in starts] != SEC_ORDER:
        raise SystemExit(f"section split failed: {[n for n, _ in starts]}")
    out = {}
    for k, (n, i) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        out[n] = "\n".join(lines[i:end])
    return out


SECTIONS = {p.name: split_sections(p.read_text(encoding="utf-8")) for p in sorted(TEXT_DIR.glob("*.txt"))}


# ------------------------------------------------------------------------ context
class Ctx:
    def __init__(self):
        self.cites: list[str] = []

    def _add(self, c: str):
        if c not in self.cites:
            self.cites.append(c)

    def v(self, g: dict, key: str, failure_question: bool = False):
        f = g["facts"].get(key)
        if f is None:
            raise Unusable(f"{g['_file']}#{key}: no such cell (absent from the template)")
        if f.get("state") != "number":
            raise Unusable(f"{g['_file']}#{key}: state {f.get('state')}")
        if key in FAILED_CELLS[g["_file"]] and not failure_question:
            raise Unusable(f"{g['_file']}#{key}: group fails a balance rule")
        self._add(f"{g['_file']}#{key}")
        return f["value"]

    def bare(self, g: dict):
        self._add(g["_file"])

    def passage(self, g: dict, kw: str) -> list[str]:
        secs = [n for n, t in SECTIONS[g["_file"]].items() if kw in t]
        if not secs:
            raise SystemExit(f"keyword {kw!r} not found in {g['_file']}")
        self.bare(g)
        return secs


def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def AG(v):
    return {"kind": "agency", "value": v}


def L(vals, ordered=False):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def YN(v):
    return {"kind": "boolean", "value": bool(v)}


def P(files, secs):
    return {"kind": "passages", "files": sorted(set(files)), "sections": sorted(set(secs), key=SEC_ORDER.index)}


def pct(a, b):
    return 100.0 * a / b


WH = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]


def reports(pred=lambda g: True):
    return [g for g in GOLD if pred(g)]


def agencies(gs):
    out = []
    for g in gs:
        if g["agency"] not in out:
            out.append(g["agency"])
    return out


def hz(y):
    return rep("洪泽", y)


GL = lambda: rep("鼓楼区统计局", 2020)  # noqa: E731
LC = lambda: rep("鹿城", 2020)  # noqa: E731
YZ = lambda: rep("鄞州", 2019)  # noqa: E731
WQ = lambda: rep("温泉", 2020)  # noqa: E731
EQ = lambda: rep("二七", 2020)  # noqa: E731


def with_procurement():
    return reports(lambda g: "active.procurement.amount" in g["facts"])


def rank_by(ctx, gs, key, reverse=True, fn=None):
    vals = []
    for g in gs:
        vals.append((fn(g) if fn else ctx.v(g, key), g))
    vals.sort(key=lambda t: t[0], reverse=reverse)
    return vals


def all_failures(ctx):
    """Reports with a failing balance group; cites the cells of every failing group."""
    bad = []
    for g in GOLD:
        fg = failed_groups(g)
        for _, keys in fg:
            for k in keys:
                ctx.v(g, k, failure_question=True)
        if fg:
            bad.append(g)
    return bad


def narrative(g, what_part):
    hits = [n for n in g.get("narrative_numbers", []) if what_part in n["text"]]
    if len(hits) != 1:
        raise SystemExit(f"narrative lookup {what_part!r} in {g['_file']}: {len(hits)} hits")
    return hits[0]["value"]


# ------------------------------------------------------------------------- cases
def c001(x):
    r = rank_by(x, with_procurement(), None, fn=lambda g: x.v(g, "active.procurement.amount") / x.v(g, "active.procurement.projects"))
    return AG(r[0][1]["agency"])


def c002(x):
    return N(sum(x.v(g, "requests.new.total") for g in reports(lambda g: g["template"] == "2021")))


def c003(x):
    gs = reports(lambda g: kind_of(g) == "department")
    for g in gs:
        x.bare(g)
    return N(len(gs))


def c004(x):
    gs = reports(lambda g: g["year"] <= 2020)
    r = [(v, g) for v, g in rank_by(x, gs, "active.penalty.decisions") if v > 0]
    return L([g["agency"] for _, g in r], True)


def c005(x):
    g = hz(2024)
    return N(pct(x.v(g, "requests.granted.total"), x.v(g, "requests.handled.total")), "percent")


def c006(x):
    return N(x.v(hz(2024), "active.fees.amount") - x.v(hz(2023), "active.fees.amount"), "yuan")


def c007(x):
    for g in reports(lambda g: g["template"] == "2019"):
        try:
            x.v(g, "active.fees.amount")
            return N(-1)  # would be answerable
        except Unusable:
            pass
    raise Unusable("no 2019-template report has a fee amount")


def c008(x):
    g = hz(2024)
    return N(sum(x.v(g, f"review.{r}.total") for r in REVIEW_ROWS))


def c009(x):
    for g in GOLD:
        x.bare(g)
    return N(len(agencies(GOLD)))


def c010(x):
    files, secs = [], []
    for g in GOLD:
        if g["_file"] in SECTIONS and "培训" in SECTIONS[g["_file"]]["五"]:
            x.bare(g)
            files.append(g["_file"])
            secs.append("五")
    return P(files, secs)


def c011(x):
    k = "requests.unavailable_not_held.total"
    return N(x.v(hz(2024), k) - x.v(hz(2023), k))


def c012(x):
    return L([g["agency"] for g in GOLD if x.v(g, "requests.new.total") == 0])


def c013(x):
    return N(sum(x.v(g, "requests.partial.total") for g in GOLD))


def c014(x):
    a, b = x.v(hz(2023), "active.coercion.decisions"), x.v(hz(2024), "active.coercion.decisions")
    return N(pct(b - a, a), "percent")


def c015(x):
    x.v(WQ(), "requests.carried_out.total")
    return N(-1)


def c016(x):
    return N(x.v(LC(), "active.penalty.decisions"))


def c017(x):
    return N(x.v(hz(2024), "active.fees.amount"), "yuan")


def c018(x):
    r = rank_by(x, with_procurement(), None, reverse=False,
                fn=lambda g: x.v(g, "active.procurement.amount") / x.v(g, "active.procurement.projects"))
    return AG(r[0][1]["agency"])


def c019(x):
    return N(x.v(hz(2023), "requests.handled.total") + x.v(hz(2024), "requests.handled.total"))


def c020(x):
    return YN(x.v(EQ(), "active.coercion.decisions") > 0)


def c021(x):
    gs = reports(lambda g: g["province"] == "福建省")
    for g in gs:
        x.bare(g)
    return L(agencies(gs))


def c022(x):
    g = hz(2023)
    return N(pct(x.v(g, "requests.unavailable_not_held.total"), x.v(g, "requests.handled.total")), "percent")


def c023(x):
    x.v(hz(2023), "review.reconsideration.total")
    return N(-1)


def c024(x):
    x.v(hz(2023), "active.procurement.amount")
    return N(-1)


def c025(x):
    return YN(any(x.v(g, "requests.new.total") > 5 for g in reports(lambda g: g["year"] == 2020)))


def c026(x):
    gs = reports(lambda g: "active.procurement.amount" not in g["facts"]
                 or g["facts"]["active.procurement.amount"].get("state") == "absent")
    for g in gs:
        x.bare(g)
    return L(agencies(gs))


def c027(x):
    return N(x.v(hz(2024), "active.licensing.decisions") - x.v(hz(2023), "active.licensing.decisions"))


def c028(x):
    g = hz(2024)
    return N(x.v(g, "review.lawsuit_direct.total") + x.v(g, "review.lawsuit_after_review.total"))


def c029(x):
    return P([WQ()["_file"]], x.passage(WQ(), "律师"))


def c030(x):
    x.v(YZ(), "staff.disclosure.total")
    return N(-1)


def c031(x):
    return YN(x.v(YZ(), "active.procurement.amount") > 470000)


def c032(x):
    return YN(x.v(hz(2023), "active.penalty.decisions") > 5000)


def c033(x):
    g = hz(2024)
    x.bare(g)
    return YN(narrative(g, "受理政府信息公开申请") == 17 and x.v(g, "requests.new.total") == 95)


def c034(x):
    return YN(not all_failures(x))


def c035(x):
    g = LC()
    p, ch, d = (x.v(g, f"active.penalty.{k}") for k in ("prev_items", "change", "decisions"))
    return YN(d == 23 and p == 8 and ch == 15 and p + ch == d)


def c036(x):
    g = GL()
    x.v(g, "active.procurement.amount")
    return YN(g["facts"]["active.procurement.amount"].get("unit_printed") in ("元", "yuan"))


def c037(x):
    g = EQ()
    v = x.v(g, "active.procurement.amount")
    return YN(x.v(g, "active.procurement.projects") == 1 and abs(v - 60000) / 60000 < 0.05)


def c038(x):
    bad = all_failures(x)
    return AG(agencies(bad)[0])


def c039(x):
    g = hz(2023)
    v = [x.v(g, f"review.reconsideration.{c}", failure_question=True) for c in REVIEW_COLS]
    return N(sum(v[:4]) - v[4])


def c040(x):
    g = hz(2024)
    return YN(x.v(g, "requests.granted.total") / x.v(g, "requests.handled.total") > 0.5)


def c041(x):
    g = WQ()
    return YN(x.v(g, "requests.new.total") == 4 and x.v(g, "requests.granted.total") == 2)


def c042(x):
    return YN(x.v(hz(2024), "active.fees.amount") < x.v(hz(2023), "active.fees.amount"))


def c043(x):
    gs = reports(lambda g: g["province"] == "浙江省")
    for g in gs:
        x.bare(g)
    return N(len(gs))


def c044(x):
    return YN(sum(x.v(YZ(), f"requests.withheld_{w}.total") for w in WH) >= 1)


def c045(x):
    return N(x.v(YZ(), "requests.new.total"))


def c046(x):
    return N(x.v(hz(2023), "active.fees.amount") + x.v(hz(2024), "active.fees.amount"), "yuan")


def c047(x):
    gs = reports(lambda g: g["year"] == 2020 and g["province"] == "福建省")
    return AG(rank_by(x, gs, "active.procurement.amount")[0][1]["agency"])


def c048(x):
    return N(x.v(hz(2024), "active.coercion.decisions"))


def c049(x):
    gs = reports(lambda g: kind_of(g) == "department" and "统计局" in g["agency"] and g["year"] >= 2020
                 and g["province"] == "浙江省")
    for g in gs:
        x.bare(g)
    return L(agencies(gs))


def c050(x):
    return N(x.v(hz(2024), "requests.partial.total"))


def c051(x):
    return N(x.v(hz(2023), "review.lawsuit_direct.total"))


def c052(x):
    gs = reports(lambda g: g["year"] == 2020 and "active.procurement.projects" in g["facts"])
    return AG(rank_by(x, gs, "active.procurement.projects", reverse=False)[0][1]["agency"])


def c053(x):
    g = EQ()
    return N(x.v(g, "active.procurement.amount") / x.v(g, "active.procurement.projects"), "yuan")


def c054(x):
    return N(x.v(hz(2023), "active.normative.repealed"))


def c055(x):
    return P([EQ()["_file"]], x.passage(EQ(), "不足"))


def c056(x):
    x.v(rep("鹿城", 2019), "active.penalty.decisions")
    return N(-1)


def c057(x):
    g = min(GOLD, key=lambda g: g["year"])
    x.bare(g)
    return AG(g["agency"])


def c058(x):
    return P([YZ()["_file"]], x.passage(YZ(), "立案查处"))


def c059(x):
    files, secs = [], []
    for g in GOLD:
        if g["_file"] in SECTIONS:
            s = [n for n, t in SECTIONS[g["_file"]].items() if "疫情" in t]
            if s:
                x.bare(g)
                files.append(g["_file"])
                secs += s
    return P(files, secs)


def c060(x):
    gs = reports(lambda g: (g.get("published") or "").startswith("2021-01"))
    for g in gs:
        x.bare(g)
    return L(agencies(gs))


def c061(x):
    return N(sum(x.v(g, "active.procurement.amount") for g in with_procurement() if g["province"] == "浙江省"), "yuan")


def c062(x):
    return N(sum(x.v(hz(2024), f"requests.withheld_{w}.total") for w in WH))


def c063(x):
    g = hz(2024)
    return L([x.v(g, f"active.normative.{k}") for k in ("issued", "repealed", "in_force")], True)


def c064(x):
    return N(sum(x.v(g, "requests.new.person") for g in GOLD))


def c065(x):
    return N(x.v(GL(), "active.penalty.decisions"))


def c066(x):
    return N(x.v(LC(), "active.penalty.prev_items"))


def c067(x):
    g = YZ()
    return YN(x.v(g, "requests.granted.total") == x.v(g, "requests.handled.total"))


def c068(x):
    return N(x.v(hz(2023), "active.coercion.decisions"))


def c069(x):
    g = WQ()
    return N(x.v(g, "active.procurement.amount") / x.v(g, "active.procurement.projects"), "yuan")


def c070(x):
    return YN(x.v(EQ(), "requests.new.total") > 0)


def c071(x):
    return N(x.v(GL(), "requests.new.total") + x.v(WQ(), "requests.new.total"))


def c072(x):
    return N(x.v(hz(2024), "requests.declined_complaint.total"))


def c073(x):
    return AG(rank_by(x, [LC(), GL()], "active.procurement.projects")[0][1]["agency"])


def c074(x):
    return P([YZ()["_file"]], x.passage(YZ(), "微信公众号"))


def c075(x):
    return N(x.v(YZ(), "active.penalty.prev_items"))


def c076(x):
    g = hz(2024)
    return N(x.v(g, "requests.granted.total") + x.v(g, "requests.partial.total"))


def c077(x):
    return N(x.v(WQ(), "requests.unavailable_not_held.total"))


def c078(x):
    return N(x.v(EQ(), "active.coercion.prev_items"))


def c079(x):
    x.v(hz(2023), "review.reconsideration.corrected")
    return N(-1)


def c080(x):
    gs = reports(lambda g: g["template"] == "2021")
    for g in gs:
        x.bare(g)
    return N(len(gs))


def c081(x):
    return N(x.v(YZ(), "active.procurement.amount") - x.v(LC(), "active.procurement.amount"), "yuan")


def c082(x):
    return N(x.v(hz(2024), "review.lawsuit_after_review.upheld"))


def c083(x):
    x.v(GL(), "requests.unavailable_not_held.total")
    return N(-1)


def c084(x):
    return P([WQ()["_file"]], x.passage(WQ(), "信息发布审查制度"))


def c085(x):
    return N(x.v(hz(2024), "requests.unavailable_not_held.total"))


def c086(x):
    return YN(x.v(LC(), "active.penalty.decisions") == 23)


def c087(x):
    return N(x.v(hz(2023), "active.penalty.decisions") + x.v(hz(2024), "active.penalty.decisions"))


def c088(x):
    g = YZ()
    return N(x.v(g, "active.procurement.amount") / x.v(g, "active.procurement.projects"), "yuan")


def c089(x):
    return N(x.v(hz(2023), "active.fees.amount"), "yuan")


def c090(x):
    gs = reports(lambda g: g["year"] == 2020 and "active.procurement.projects" in g["facts"])
    return AG(rank_by(x, gs, "active.procurement.projects")[0][1]["agency"])


def c091(x):
    return YN(x.v(EQ(), "active.penalty.prev_items") == 10)


def c092(x):
    return N(x.v(hz(2024), "active.normative.in_force"))


def c093(x):
    return N(sum(x.v(g, "active.procurement.amount") for g in (GL(), LC(), WQ(), EQ())), "yuan")


def c094(x):
    x.v(rep("鹿城", 2021), "requests.new.total")
    return N(-1)


def c095(x):
    return N(x.v(YZ(), "active.procurement.amount"), "yuan")


def c096(x):
    x.v(GL(), "active.normative.in_force")
    return N(-1)


def c097(x):
    return YN(x.v(WQ(), "requests.withheld_third_party.total") > 0)


def c098(x):
    return AG(rank_by(x, GOLD, "active.penalty.decisions")[0][1]["agency"])


def c099(x):
    g = GL()
    return N(x.v(g, "active.procurement.amount") / x.v(g, "active.procurement.projects"), "yuan")


def c100(x):
    x.v(hz(2023), "review.lawsuit_after_review.total")
    return N(-1)


def c101(x):
    x.v(rep("香港", 2020), "requests.new.total")
    return N(-1)


def c102(x):
    return P([LC()["_file"]], x.passage(LC(), "两个方面的不足"))


def c103(x):
    return P([EQ()["_file"]], x.passage(EQ(), "四个结合"))


def c104(x):
    g = hz(2024)
    return N(pct(x.v(g, "requests.partial.total"), x.v(g, "requests.handled.total")), "percent")


def c105(x):
    return YN(x.v(WQ(), "active.procurement.amount") > 1_000_000)


def c106(x):
    g = hz(2024)
    return YN(x.v(g, "requests.new.total") == 95 and x.v(g, "requests.handled.total") == 95
              and x.v(g, "requests.carried_out.total") == 0)


def c107(x):
    g = YZ()
    return YN(x.v(g, "review.lawsuit_direct.total") + x.v(g, "review.lawsuit_after_review.total") == 0)


def c108(x):
    return YN(x.v(EQ(), "active.penalty.decisions") == 10)


def c109(x):
    g = hz(2023)
    x.bare(g)
    return YN(narrative(g, "受理政府信息公开申请") == x.v(g, "requests.new.total") == 21)


def c110(x):
    return YN(sum(x.v(g, "requests.new.total") for g in reports(lambda g: g["year"] == 2020 and g["province"] == "福建省")) < 5)


def c111(x):
    return N(x.v(LC(), "active.procurement.projects"))


def c112(x):
    return N(x.v(hz(2023), "requests.new.person"))


def c113(x):
    base = x.v(YZ(), "active.penalty.decisions")
    return L(agencies([g for v, g in rank_by(x, GOLD, "active.penalty.decisions") if v > base]))


def c114(x):
    return N(sum(x.v(WQ(), f"requests.withheld_{w}.total") for w in WH))


def c115(x):
    g = EQ()
    x.v(g, "active.procurement.amount")
    return YN(bool(g["facts"]["active.procurement.amount"].get("unit_printed")))


def c116(x):
    gs = reports(lambda g: g["year"] == 2020 and kind_of(g) == "street_office")
    for g in gs:
        x.bare(g)
    return AG(gs[0]["agency"])


def c117(x):
    a, b = x.v(hz(2023), "active.licensing.decisions"), x.v(hz(2024), "active.licensing.decisions")
    return N(pct(b - a, a), "percent")


def c118(x):
    return N(x.v(WQ(), "requests.granted.total"))


def c119(x):
    return P([WQ()["_file"]], x.passage(WQ(), "有待提高"))


def c120(x):
    r = rank_by(x, with_procurement(), "active.procurement.amount")
    return L([g["agency"] for _, g in r[:3]], True)


COMPUTE = {f"h40-{i:03d}": globals()[f"c{i:03d}"] for i in range(1, 121)}

# --------------------------------------------------------------- format rules
KINDS = ("number", "agency", "list", "boolean", "passages", "unanswerable")
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")


def format_problems(d: dict) -> list[str]:
    p = []
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(d) - allowed:
        p.append(f"unknown fields {sorted(set(d) - allowed)}")
    for f in ("id", "question", "expect"):
        if f not in d:
            p.append(f"missing {f}")
    if not isinstance(d.get("question"), str) or not d.get("question", "").strip():
        p.append("blank question")
    if not isinstance(d.get("turns", []), list) or not all(isinstance(t, str) and t.strip() for t in d.get("turns", [])):
        p.append("turns must be a list of non-blank strings")
    if not isinstance(d.get("tags", []), list) or not all(isinstance(t, str) for t in d.get("tags", [])):
        p.append("tags must be a list of strings")
    cite = d.get("cite", [])
    if not isinstance(cite, list) or any(not isinstance(c, str) or not CITE_RE.match(c) for c in cite):
        p.append(f"bad cite {cite}")
    e = d.get("expect", {})
    k = e.get("kind")
    if k not in KINDS:
        p.append(f"bad kind {k}")
    elif k == "number":
        if not isinstance(e.get("value"), (int, float)) or isinstance(e.get("value"), bool):
            p.append("number value")
        if e.get("unit") not in ("count", "yuan", "percent"):
            p.append("number unit")
    elif k == "agency":
        if not isinstance(e.get("value"), str) or not e["value"]:
            p.append("agency value")
    elif k == "list":
        if not isinstance(e.get("values"), list) or not all(isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in e["values"]):
            p.append("list values")
        if not isinstance(e.get("ordered", False), bool):
            p.append("list ordered must be a strict bool")
    elif k == "boolean":
        if not isinstance(e.get("value"), bool):
            p.append("boolean value must be a strict bool")
    elif k == "passages":
        if not e.get("files") or not all(isinstance(f, str) for f in e["files"]):
            p.append("passages files")
        if not e.get("sections") or any(s not in SEC_ORDER for s in e["sections"]):
            p.append("passages sections")
    elif k == "unanswerable":
        if not isinstance(e.get("note", ""), str):
            p.append("note must be a string")
    return p


# ------------------------------------------------------------------ comparison
def same_expect(ref: dict, got: dict) -> str | None:
    if ref["kind"] != got["kind"]:
        return f"kind {got['kind']} != reference {ref['kind']}"
    k = ref["kind"]
    if k == "number":
        if ref["unit"] != got["unit"]:
            return f"unit {got['unit']} != {ref['unit']}"
        if abs(ref["value"] - got["value"]) > max(0.006, 1e-9 * abs(ref["value"])):
            return f"value {got['value']} != reference {ref['value']}"
    elif k in ("agency", "boolean"):
        if ref["value"] != got["value"]:
            return f"value {got['value']!r} != reference {ref['value']!r}"
    elif k == "list":
        if bool(got.get("ordered", False)) != ref["ordered"]:
            return f"ordered {got.get('ordered')} != {ref['ordered']}"
        a, b = got["values"], ref["values"]
        if not ref["ordered"]:
            a, b = sorted(map(str, a)), sorted(map(str, b))
        if a != b:
            return f"values {got['values']} != reference {ref['values']}"
    elif k == "passages":
        if sorted(got["files"]) != ref["files"] or sorted(got["sections"]) != sorted(ref["sections"]):
            return f"passages {got['files']}/{got['sections']} != {ref['files']}/{ref['sections']}"
    elif k == "unanswerable":
        if not got.get("note", "").strip():
            return "unanswerable without a note"
    return None


def year_of(cite: str) -> int:
    return BY_FILE[cite.partition("#")[0]]["year"]


def main() -> int:
    lines = [ln for ln in DATASET.read_text(encoding="utf-8-sig").splitlines() if ln.strip()]
    cases = [json.loads(ln) for ln in lines]
    bad = 0
    ok = 0
    problems_global = []
    ids = [c.get("id") for c in cases]
    if ids != [f"h40-{i:03d}" for i in range(1, 121)]:
        problems_global.append("ids are not h40-001 .. h40-120 in order")
    zh = sum("zh" in c.get("tags", []) for c in cases)
    en = sum("en" in c.get("tags", []) for c in cases)
    if (zh, en) != (60, 60):
        problems_global.append(f"language split zh={zh} en={en}, want 60/60")
    for c in cases:
        cid = c.get("id")
        probs = format_problems(c)
        tags = c.get("tags", [])
        if ("zh" in tags) == ("en" in tags):
            probs.append("exactly one of zh/en required")
        if bool(c.get("turns")) != ("multi-turn" in tags):
            probs.append("multi-turn tag and turns disagree")
        if c.get("turns") and not 1 <= len(c["turns"]) <= 3:
            probs.append("a chat must have 2-4 turns in all")
        fn = COMPUTE.get(cid)
        if fn is None:
            probs.append("no reference computation")
        else:
            x = Ctx()
            try:
                ref = fn(x)
                if ref["kind"] == "number" and ref["value"] == -1:
                    probs.append("reference: expected the data NOT to answer, but it did")
            except Unusable as why:
                ref = {"kind": "unanswerable", "note": str(why)}
                x.cites = []
            msg = same_expect(ref, c.get("expect", {}))
            if msg:
                probs.append(msg)
            got_cites = c.get("cite", [])
            if len(set(got_cites)) != len(got_cites):
                probs.append("duplicate cites")
            if set(got_cites) != set(x.cites):
                probs.append(f"cite differs: missing {sorted(set(x.cites) - set(got_cites))}, "
                             f"extra {sorted(set(got_cites) - set(x.cites))}")
            for cc in got_cites:
                f, _, key = cc.partition("#")
                if f not in BY_FILE:
                    probs.append(f"cite of unknown file {f}")
                elif key and BY_FILE[f]["facts"].get(key, {}).get("state") != "number":
                    probs.append(f"cite of a non-number cell {cc}")
            guessed = any(BY_FILE[cc.partition("#")[0]]["facts"][cc.partition("#")[2]].get("unit_assumed")
                          for cc in x.cites if "#" in cc)
            mixed = len({year_of(cc) for cc in x.cites}) > 1
            if guessed != ("guessed_unit" in tags):
                probs.append(f"guessed_unit tag should be {guessed}")
            if mixed != ("mixed_years" in tags):
                probs.append(f"mixed_years tag should be {mixed}")
        if probs:
            bad += 1
            print(f"MISMATCH {cid}: " + "; ".join(probs))
        else:
            ok += 1
    for p in problems_global:
        print("MISMATCH dataset: " + p)
    total = len(cases)
    print(f"SUMMARY {ok}/{total} cases agree with the reference"
          + (f"; {len(problems_global)} dataset-level problem(s)" if problems_global else ""))
    return 0 if ok == 120 and total == 120 and not problems_global else 1


if __name__ == "__main__":
    sys.exit(main())
