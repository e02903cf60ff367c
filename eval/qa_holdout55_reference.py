#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout55.jsonl (stdlib only).

Recomputes every case's expected answer from tests/fixtures/gold/*.json (and, for passage cases,
the section text of data/samples/*.txt), together with the cite list and the `guessed_unit` /
`mixed_years` tags, and compares them with the case file. Prints every mismatch and a line
`SUMMARY n/120`; exits 0 only when all 120 cases agree and the set-level checks pass.

    python3 eval/qa_holdout55_reference.py              # check the case file
    python3 eval/qa_holdout55_reference.py --selftest   # also mutate cases in memory and make
                                                        # sure every mutation is caught

Conventions enforced (see eval/QA_HOLDOUT55.md):
  * numbers only from cells whose state is "number" (a blank / absent / missing cell raises);
  * balance rules R1-R4 of DOMAIN.md are recomputed here; a cell in a failing group may be used
    only by a case tagged "quality" (a question about the failure itself);
  * money in yuan as stored by the gold (万元 already x10000; unit_assumed -> tag guessed_unit);
  * cite = every cell used (file#key; Hongze as hongze-qu-gov-YYYY.pdf#key), bare file for
    passages, nothing for metadata and unanswerable cases;
  * mixed_years iff the cells used come from reports of more than one year.
"""
from __future__ import annotations

import copy
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD_DIR = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES_DIR = os.path.join(ROOT, "data", "samples")
CASES_PATH = os.path.join(HERE, "qa_holdout55.jsonl")

N_CASES = 120
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPLICANTS = COLS[:-1]
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAIL = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
OTHER_ROWS = ["other", "other_no_correction", "other_no_fee", "other_misc"]
OUTCOME_ROWS = ["granted", "partial"] + WITHHELD + UNAVAIL + DECLINED
REQ_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + OTHER_ROWS + ["handled", "carried_out"]
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]

# short handles for the seven gold reports (gold file name stem -> handle)
HANDLES = {"000_2133ae744f48d674": "GL", "001_19df74b8cb7281a4": "LC", "002_c42cd15df52a6935": "YZ",
           "003_acfa5b9243423631": "WQ", "004_5206fb2196a31c52": "EQ",
           "hongze-qu-gov-2023": "H23", "hongze-qu-gov-2024": "H24"}
ALL7 = ["GL", "LC", "YZ", "WQ", "EQ", "H23", "H24"]


class SpecError(Exception):
    """A spec touched something the conventions forbid (blank cell, missing report, ...)."""


# ------------------------------------------------------------------ gold
def load_gold():
    reps = {}
    for stem, h in HANDLES.items():
        with open(os.path.join(GOLD_DIR, stem + ".json"), encoding="utf-8") as fh:
            d = json.load(fh)
        d["_cite_file"] = os.path.basename(d["file"])  # 000_....txt / hongze-qu-gov-2023.pdf
        reps[h] = d
    return reps


REP = load_gold()


def fact(r, key):
    return REP[r]["facts"].get(key)


def is_num(r, key):
    f = fact(r, key)
    return f is not None and f.get("state") == "number"


def agency(r):
    return REP[r]["agency"]


def year(r):
    return REP[r]["year"]


def province(r):
    return REP[r]["province"]


def template(r):
    return REP[r]["template"]


def published(r):
    return REP[r].get("published")


def kind_of(r):
    k = REP[r].get("agency_kind")
    if k:
        return k
    name = agency(r)  # derive from the name (DOMAIN.md: 人民政府/办公厅 -> government)
    if "人民政府" in name or "办公厅" in name:
        return "government"
    if "街道" in name or "乡" in name or "镇" in name:
        return "street_office"
    if re.search(r"(局|委|办)$", name):
        return "department"
    raise SpecError(f"cannot derive agency kind of {name}")


# ------------------------------------------------------------------ balance rules R1-R4
def _vals(r, keys):
    """Values of keys, or None if any is not a printed number (blank -> rule not checkable)."""
    out = []
    for k in keys:
        if not is_num(r, k):
            return None
        out.append(fact(r, k)["value"])
    return out


def balance_failures(r):
    """[(rule, [cells])] for every failing equation of report r."""
    fails = []
    for col in COLS:  # R1
        ks = [f"requests.{row}.{col}" for row in ("new", "carried_in", "handled", "carried_out")]
        v = _vals(r, ks)
        if v is not None and abs(v[0] + v[1] - v[2] - v[3]) > 1e-9:
            fails.append(("R1", ks))
    for col in COLS:  # R2
        rows = list(OUTCOME_ROWS)
        for o in OTHER_ROWS:
            f = fact(r, f"requests.{o}.{col}")
            if f is not None and f.get("state") != "absent":
                rows.append(o)
        ks = [f"requests.{row}.{col}" for row in rows] + [f"requests.handled.{col}"]
        v = _vals(r, ks)
        if v is not None and abs(sum(v[:-1]) - v[-1]) > 1e-9:
            fails.append(("R2", ks))
    for row in REQ_ROWS:  # R3
        if fact(r, f"requests.{row}.total") is None or fact(r, f"requests.{row}.total").get("state") == "absent":
            continue
        ks = [f"requests.{row}.{c}" for c in APPLICANTS] + [f"requests.{row}.total"]
        v = _vals(r, ks)
        if v is not None and abs(sum(v[:-1]) - v[-1]) > 1e-9:
            fails.append(("R3", ks))
    for g in REVIEW_GROUPS:  # R4
        ks = [f"review.{g}.{c}" for c in REVIEW_COLS]
        v = _vals(r, ks)
        if v is not None and abs(sum(v[:-1]) - v[-1]) > 1e-9:
            fails.append(("R4", ks))
    return fails


FAILURES = {r: balance_failures(r) for r in ALL7}
FAILING_CELLS = {(r, k) for r, fl in FAILURES.items() for _, ks in fl for k in ks}


# ------------------------------------------------------------------ passages
SECTION_NAMES = "一二三四五六"
SECTION_HINT = {"一": "总体情况", "二": "主动公开", "三": "申请", "四": "(复议|诉讼)", "五": "问题",
                "六": "其他需要报告"}
_HEAD = re.compile(r"^[\s#>*]*([一二三四五六])、(.*)$")


def sections_of(fname):
    """{section numeral: text} of a sample report, headings matched by number + meaning, in order."""
    with open(os.path.join(SAMPLES_DIR, fname), encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    out, cur = {}, None
    for line in lines:
        m = _HEAD.match(line)
        if m:
            n = m.group(1)
            nxt_ok = cur is None or SECTION_NAMES.index(n) > SECTION_NAMES.index(cur)
            if nxt_ok and re.search(SECTION_HINT[n], m.group(2)):
                cur = n
                out[cur] = ""
                continue
        if cur:
            out[cur] += line + "\n"
    return out


def sample_files():
    return sorted(f for f in os.listdir(SAMPLES_DIR) if f.endswith(".txt"))


# ------------------------------------------------------------------ spec context
class Ctx:
    def __init__(self):
        self.cells = []   # (handle, key) in order of use
        self.files = []   # passage files

    def v(self, r, key):
        f = fact(r, key)
        if f is None:
            raise SpecError(f"{r} has no cell {key}")
        if f.get("state") != "number":
            raise SpecError(f"{r} {key} is {f.get('state')}, not a number")
        if (r, key) not in self.cells:
            self.cells.append((r, key))
        return f["value"]

    def vs(self, pairs):
        return [self.v(r, k) for r, k in pairs]


def unit_of(key):
    return "yuan" if key.endswith(".amount") else "count"


def NUM(x, unit="count"):
    return {"kind": "number", "value": x, "unit": unit}


def pct(a, b):
    if b == 0:
        raise SpecError("division by zero")
    return 100.0 * a / b


def rank(ctx, pairs, desc=True, n=None, pos=None):
    """Agencies ordered by value; asserts no tie decides the answer."""
    vals = [(ctx.v(r, k), r) for r, k in pairs]
    vals.sort(key=lambda t: -t[0] if desc else t[0])
    upto = (pos + 1) if pos is not None else (n or len(vals))
    for i in range(min(upto + 1, len(vals)) - 1):  # strict order through the decisive boundary
        if vals[i][0] == vals[i + 1][0]:
            raise SpecError(f"tie at rank {i + 1}: {vals[i]} vs {vals[i + 1]}")
    names = [agency(r) for _, r in vals]
    if pos is not None:
        return names[pos]
    return names[:upto]


def cell(ctx, r, key):
    return NUM(ctx.v(r, key), unit_of(key))


def passage(ctx, items, exclusive_kw=None):
    """items: [(handle, section, [keywords])]. Each keyword must occur in that section's text.
    exclusive_kw: the set of files must be exactly the sample files whose text contains it."""
    files, secs = [], []
    for r, sec, kws in items:
        fname = REP[r]["_cite_file"]
        text = sections_of(fname).get(sec)
        if text is None:
            raise SpecError(f"{fname}: no section {sec}")
        for kw in kws:
            if kw not in text:
                raise SpecError(f"{fname} section {sec}: keyword {kw!r} not found")
        if fname not in files:
            files.append(fname)
        if sec not in secs:
            secs.append(sec)
    if exclusive_kw:
        having = []
        for f in sample_files():
            with open(os.path.join(SAMPLES_DIR, f), encoding="utf-8") as fh:
                if exclusive_kw in fh.read():
                    having.append(f)
        if sorted(having) != sorted(files):
            raise SpecError(f"{exclusive_kw!r} occurs in {having}, spec says {files}")
    ctx.files = files
    return {"kind": "passages", "files": files, "sections": secs}


def unans_cell(r, key):
    """Unanswerable because the one cell needed is not a printed number, or sits in a failing group."""
    f = fact(r, key)
    if f is None or f.get("state") != "number":
        return {"kind": "unanswerable"}
    if (r, key) in FAILING_CELLS:
        return {"kind": "unanswerable"}
    raise SpecError(f"{r} {key} is a usable number ({f['value']}): not unanswerable")


def unans_no_report(agency_part, yr=None):
    for r in ALL7:
        if agency_part in agency(r) and (yr is None or year(r) == yr):
            raise SpecError(f"report {r} matches {agency_part} {yr}: not unanswerable")
    return {"kind": "unanswerable"}


def unans_agency_absent(full_name, prefecture):
    """The named agency is not in the collection: no report of that prefecture-level city."""
    for r in ALL7:
        if REP[r].get("city") == prefecture or agency(r) == full_name:
            raise SpecError(f"report {r} is in {prefecture}")
    return {"kind": "unanswerable"}


Y2020 = [r for r in ALL7 if year(r) == 2020]
T2019 = [r for r in ALL7 if template(r) == "2019"]
BUREAUS_2020 = [r for r in Y2020 if kind_of(r) == "department"]


def bureau(name_part):
    hits = [r for r in ALL7 if name_part in agency(r)]
    if len(hits) != 1:
        raise SpecError(f"{name_part} matches {hits}")
    return hits[0]


def hz(yr):
    hits = [r for r in ALL7 if "洪泽" in agency(r) and year(r) == yr]
    if len(hits) != 1:
        raise SpecError(f"洪泽 {yr} matches {hits}")
    return hits[0]


GL, LC, YZ, WQ, EQ = (bureau("鼓楼区统计局"), bureau("鹿城"), bureau("鄞州"), bureau("温泉"), bureau("二七"))
H23, H24 = hz(2023), hz(2024)


def tot(rows):
    return [f"requests.{x}.total" for x in rows]


# ------------------------------------------------------------------ the 120 specs
S = {}

# A. cadre (zh)
S[1] = lambda c: cell(c, LC, "active.procurement.amount")
S[2] = lambda c: cell(c, EQ, "active.procurement.amount")
S[3] = lambda c: cell(c, H24, "active.licensing.decisions")
S[4] = lambda c: cell(c, GL, "active.penalty.prev_items")
S[5] = lambda c: cell(c, WQ, "requests.granted.total")
S[6] = lambda c: NUM(c.v(LC, "active.procurement.projects") - c.v(EQ, "active.procurement.projects"))
S[7] = lambda c: NUM(c.v(H23, "active.penalty.decisions") - c.v(H24, "active.penalty.decisions"))
S[8] = lambda c: {"kind": "boolean", "value": c.v(YZ, "requests.new.total") == c.v(YZ, "requests.granted.total")}
S[9] = lambda c: NUM(sum(c.v(r, "active.procurement.projects") for r in Y2020 if province(r) == "福建省"))
S[10] = lambda c: {"kind": "boolean", "value": c.v(EQ, "requests.new.total") == 0}
S[11] = lambda c: cell(c, H24, "requests.unavailable_not_held.total")
S[12] = lambda c: passage(c, [(WQ, "五", ["依申请公开处理水平", "律师"])])
S[13] = lambda c: unans_no_report("二七", 2022)
S[14] = lambda c: cell(c, H23, "active.coercion.decisions")
S[15] = lambda c: {"kind": "agency", "value": rank(c, [(r, "active.penalty.decisions") for r in BUREAUS_2020], pos=0)}
S[16] = lambda c: {"kind": "boolean", "value": year(YZ) == 2019}
S[17] = lambda c: cell(c, H24, "active.fees.amount")
S[18] = lambda c: cell(c, EQ, "active.coercion.prev_items")

# B. dashboard (en)
S[19] = lambda c: cell(c, H24, "requests.new.total")
S[20] = lambda c: NUM(sum(c.v(r, "requests.new.total") for r in Y2020 if province(r) == "浙江省"))
S[21] = lambda c: NUM(sum(c.v(r, "active.procurement.amount") for r in ALL7 if province(r) == "浙江省"), "yuan")
S[22] = lambda c: {"kind": "list", "ordered": True,
                   "values": rank(c, [(r, "active.procurement.projects") for r in ALL7
                                      if fact(r, "active.procurement.projects") is not None], n=2)}
S[23] = lambda c: NUM(c.v(YZ, "active.procurement.amount") / c.v(YZ, "active.procurement.projects"), "yuan")
S[24] = lambda c: NUM(sum(1 for r in ALL7 if template(r) == "2021"))
S[25] = lambda c: NUM(pct(c.v(H23, "requests.partial.total"), c.v(H23, "requests.handled.total")), "percent")
S[26] = lambda c: unans_cell(H23, "review.reconsideration.total")
S[27] = lambda c: NUM(c.v(H24, "active.fees.amount") - c.v(H23, "active.fees.amount"), "yuan")
S[28] = lambda c: {"kind": "list", "ordered": False, "values": [agency(r) for r in ALL7 if kind_of(r) == "street_office"]}


def _s29(c):
    names = []
    for r in ALL7:
        if c.v(r, "requests.granted.total") >= 1 and agency(r) not in names:
            names.append(agency(r))
    return {"kind": "list", "ordered": False, "values": names}


S[29] = _s29
S[30] = lambda c: NUM(pct(c.v(YZ, "active.penalty.decisions"), c.v(YZ, "active.penalty.prev_items")), "percent")
S[31] = lambda c: {"kind": "boolean", "value": province(EQ) == "河南省"}
S[32] = lambda c: {"kind": "agency", "value": rank(c, [(r, "requests.new.total") for r in ALL7], pos=0)}
S[33] = lambda c: NUM(sum(c.vs([(H24, k) for k in tot(WITHHELD)])))
S[34] = lambda c: NUM(sum(c.vs([(H24, f"review.{g}.total") for g in REVIEW_GROUPS])))
S[35] = lambda c: passage(c, [(EQ, "五", ["公开意识", "工作机制建设"])])
S[36] = lambda c: unans_cell(H24, "active.procurement.amount")

# C. 法制办 reviewer (zh)
S[37] = lambda c: cell(c, H24, "requests.withheld_safety.total")
S[38] = lambda c: NUM(sum(c.vs([(H23, k) for k in tot(UNAVAIL)])))
S[39] = lambda c: cell(c, WQ, "requests.withheld_third_party.person")
S[40] = lambda c: cell(c, LC, "requests.partial.person")
S[41] = lambda c: cell(c, H23, "requests.declined_complaint.total")
S[42] = lambda c: NUM(sum(c.vs([(H24, k) for k in tot(DECLINED)])))
S[43] = lambda c: unans_cell(WQ, "requests.declined_duplicate.total")
S[44] = lambda c: unans_cell(GL, "requests.unavailable_not_held.total")
S[45] = lambda c: unans_cell(H24, "requests.other_no_correction.total")
S[46] = lambda c: NUM(c.v(H24, "requests.withheld_process.total") + c.v(H24, "requests.withheld_enforcement.total"))
S[47] = lambda c: NUM(pct(sum(c.vs([(H23, k) for k in tot(UNAVAIL)])), c.v(H23, "requests.handled.total")), "percent")
S[48] = lambda c: NUM(c.v(H24, "requests.unavailable_not_held.total") - c.v(H23, "requests.unavailable_not_held.total"))
S[49] = lambda c: {"kind": "boolean", "value": all(x == 0 for x in c.vs([(YZ, k) for k in tot(WITHHELD)]))}
S[50] = lambda c: {"kind": "list", "ordered": False,
                   "values": [agency(r) for r in Y2020 if c.v(r, "requests.withheld_third_party.total") > 0]}
S[51] = lambda c: passage(c, [(YZ, "一", ["告知书", "法定期限"])])
S[52] = lambda c: {"kind": "boolean", "value": (c.v(H23, "requests.new.total") + c.v(H23, "requests.carried_in.total")
                                                == c.v(H23, "requests.handled.total") + c.v(H23, "requests.carried_out.total"))}

# D. pupil (en)
S[53] = lambda c: NUM(c.v(H24, "active.licensing.decisions") - c.v(H23, "active.licensing.decisions"))
S[54] = lambda c: {"kind": "agency", "value": rank(c, [(YZ, "active.procurement.amount"), (GL, "active.procurement.amount")], pos=0)}
S[55] = lambda c: {"kind": "list", "ordered": True, "values": rank(c, [(r, "active.procurement.projects") for r in (LC, YZ, EQ)])}
S[56] = lambda c: unans_cell(WQ, "requests.carried_out.total")
S[57] = lambda c: NUM(pct(c.v(H24, "requests.granted.total"), c.v(H24, "requests.handled.total")), "percent")
S[58] = lambda c: {"kind": "boolean", "value": c.v(H24, "requests.new.total") > 4 * c.v(H23, "requests.new.total")}
S[59] = lambda c: NUM(c.v(H23, "active.coercion.decisions") + c.v(H24, "active.coercion.decisions"))
S[60] = lambda c: {"kind": "boolean", "value": province(YZ) == province(LC)}
S[61] = lambda c: NUM(sum(1 for r in ALL7 if province(r) == "福建省"))
S[62] = lambda c: NUM(c.v(YZ, "active.penalty.decisions") - c.v(YZ, "active.penalty.prev_items"))
S[63] = lambda c: NUM(c.v(WQ, "requests.new.total") - c.v(GL, "requests.new.total"))
S[64] = lambda c: {"kind": "list", "ordered": True, "values": rank(c, [(r, "active.procurement.amount") for r in BUREAUS_2020])}
S[65] = lambda c: passage(c, [(GL, "五", ["广度和深度"])])
S[66] = lambda c: cell(c, H24, "active.normative.in_force")
S[67] = lambda c: NUM(c.v(H24, "active.normative.issued") - c.v(H24, "active.normative.repealed"))
S[68] = lambda c: NUM(c.v(H24, "review.lawsuit_direct.total") + c.v(H24, "review.lawsuit_after_review.total"))
S[69] = lambda c: unans_cell(GL, "active.fees.amount")
S[70] = lambda c: {"kind": "boolean", "value": c.v(H23, "active.licensing.decisions") > c.v(H23, "active.penalty.decisions")}

# E. fact-checker (zh 71-78, en 79-86)
S[71] = lambda c: {"kind": "boolean", "value": c.v(H24, "requests.new.total") == 95}
S[72] = lambda c: {"kind": "boolean", "value": abs(c.v(LC, "active.procurement.amount") - 7.5338 * 10000) < 0.005}
S[73] = lambda c: {"kind": "boolean", "value": c.v(EQ, "active.penalty.decisions") == 10}
S[74] = lambda c: cell(c, H23, "active.fees.amount")
S[75] = lambda c: {"kind": "boolean", "value": c.v(H24, "requests.granted.total") > 0.5 * c.v(H24, "requests.handled.total")}
S[76] = lambda c: {"kind": "boolean", "value": c.v(YZ, "active.rules.public_total") == 3}
S[77] = lambda c: {"kind": "boolean", "value": abs(c.v(WQ, "active.procurement.amount") - 10.8426 * 10000) < 0.005}
S[78] = lambda c: {"kind": "boolean", "value": sum(c.v(r, "active.penalty.decisions") for r in Y2020) == 24}
S[79] = lambda c: {"kind": "boolean", "value": abs(c.v(YZ, "active.procurement.amount") - 475976.05) < 0.005}
S[80] = lambda c: {"kind": "boolean", "value": (c.v(H23, "active.penalty.decisions") - c.v(H24, "active.penalty.decisions"))
                   > 0.40 * c.v(H23, "active.penalty.decisions")}
S[81] = lambda c: {"kind": "boolean", "value": c.v(GL, "requests.new.total") == 5}
S[82] = lambda c: {"kind": "boolean", "value": c.v(H23, "requests.handled.total") == 21 and c.v(H23, "requests.granted.total") == 0}
S[83] = lambda c: {"kind": "boolean", "value": c.v(LC, "active.penalty.change") == 15}
S[84] = lambda c: {"kind": "boolean", "value": c.v(H24, "review.lawsuit_direct.total") == 3}
S[85] = lambda c: {"kind": "boolean", "value": sum(c.v(r, "active.procurement.amount") for r in BUREAUS_2020) < 500000}
S[86] = lambda c: unans_no_report("鄞州", 2018)

# F. multi-turn (zh 87-94, en 95-102)
S[87] = lambda c: cell(c, LC, "active.penalty.prev_items")
S[88] = lambda c: NUM(sum(c.v(r, "active.procurement.projects") for r in Y2020))
S[89] = lambda c: cell(c, H24, "requests.partial.total")
S[90] = lambda c: NUM(sum(c.v(r, "requests.new.total") for r in Y2020 if province(r) in ("福建省", "浙江省")))
S[91] = lambda c: cell(c, EQ, "active.procurement.amount")
S[92] = lambda c: NUM(c.v(H23, "active.penalty.decisions") + c.v(H24, "active.penalty.decisions"))


def _s93(c):
    # turn 1: the 2020 report with most new requests (computed without citing), then its granted total
    top = max(Y2020, key=lambda r: fact(r, "requests.new.total")["value"])
    others = [fact(r, "requests.new.total")["value"] for r in Y2020 if r != top]
    if max(others) >= fact(top, "requests.new.total")["value"]:
        raise SpecError("tie in turn 1")
    return cell(c, top, "requests.granted.total")


S[93] = _s93
S[94] = lambda c: {"kind": "boolean", "value": c.v(YZ, "requests.carried_out.total") > 0}
S[95] = lambda c: {"kind": "agency", "value": rank(c, [(r, "active.penalty.decisions") for r in ALL7], pos=0)}
S[96] = lambda c: NUM(sum(c.v(r, "requests.new.total") for r in Y2020 if kind_of(r) == "street_office"
                          and REP[r]["county"] == "鼓楼区"))
S[97] = lambda c: NUM(pct(c.v(H24, "active.fees.amount") - c.v(H23, "active.fees.amount"), c.v(H23, "active.fees.amount")), "percent")
S[98] = lambda c: NUM(c.v(WQ, "active.procurement.amount") / c.v(WQ, "active.procurement.projects"), "yuan")
S[99] = lambda c: {"kind": "list", "ordered": False,
                   "values": [agency(r) for r in ALL7 if agency(r).endswith("统计局") and year(r) == 2020 and published(r)]}
S[100] = lambda c: cell(c, H24, "review.reconsideration.total")
S[101] = lambda c: unans_cell(H23, "review.reconsideration.total")
S[102] = lambda c: NUM(sum(c.v(r, k) for r in Y2020 for k in tot(WITHHELD)))

# G. mixed (zh 103-112, en 113-120)
S[103] = lambda c: {"kind": "boolean", "value": published(WQ) == "2021-01-15"}
S[104] = lambda c: {"kind": "boolean", "value": kind_of(H23) == "government" and kind_of(H24) == "government"}
S[105] = lambda c: {"kind": "agency", "value": rank(c, [(r, "active.procurement.amount") for r in Y2020], pos=1)}
S[106] = lambda c: NUM(sum(1 for r in Y2020 if c.v(r, "active.penalty.decisions") == 0))
S[107] = lambda c: NUM(pct(c.v(H24, "requests.partial.total"), c.v(H24, "requests.handled.total")), "percent")
S[108] = lambda c: passage(c, [(LC, "一", ["加大公开力度", "三公"])])
S[109] = lambda c: passage(c, [(EQ, "一", ["目标考核相结合", "行风评议"])])
S[110] = lambda c: unans_agency_absent("开封市鼓楼区统计局", "开封市")


def _s111(c):
    ks = [f"review.reconsideration.{k}" for k in REVIEW_COLS]
    if ("R4", ks) not in FAILURES[H23]:
        raise SpecError("reconsideration group of H23 does not fail R4")
    v = c.vs([(H23, k) for k in ks])
    return NUM(sum(v[:4]) - v[4])


S[111] = _s111
S[112] = lambda c: NUM(c.v(YZ, "active.procurement.amount") - c.v(LC, "active.procurement.amount"), "yuan")
S[113] = lambda c: NUM(year(EQ))
S[114] = lambda c: passage(c, [(YZ, "五", ["信息公开范围单一", "时效性"])])
S[115] = lambda c: passage(c, [(WQ, "一", ["个人信息保护", "新冠肺炎"])])
S[116] = lambda c: NUM(sum(c.v(r, "active.licensing.decisions") for r in ALL7))
S[117] = lambda c: NUM(pct(c.v(WQ, "requests.new.total"), sum(c.v(r, "requests.new.total") for r in Y2020)), "percent")
S[118] = lambda c: passage(c, [(LC, "一", ["统计开放日"]), (YZ, "二", ["统计开放日"])], exclusive_kw="统计开放日")
S[119] = lambda c: NUM(sum(c.v(r, "requests.new.total") for r in T2019) / len(T2019))


def _s120(c):
    names = []
    for r in ALL7:
        r4 = [ks for rule, ks in FAILURES[r] if rule == "R4"]
        for ks in r4:
            c.vs([(r, k) for k in ks])
        if r4 and agency(r) not in names:
            names.append(agency(r))
    return {"kind": "list", "ordered": False, "values": names}


S[120] = _s120


# ------------------------------------------------------------------ comparison
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
ALLOWED = {"id", "question", "turns", "expect", "cite", "tags"}
KIND_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values", "ordered"},
               "boolean": {"value"}, "passages": {"files", "sections"}, "unanswerable": set()}


def _num_eq(a, b):
    return abs(a - b) <= max(1e-3, 1e-5 * abs(b))


def check_case(case, idx):
    """Mismatch strings for one case (empty list = agrees)."""
    errs = []
    cid = case.get("id")
    want_id = f"h55-{idx:03d}"
    if cid != want_id:
        errs.append(f"id {cid!r}, expected {want_id!r}")
    extra = set(case) - ALLOWED
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    if not isinstance(case.get("question"), str) or not case["question"].strip():
        errs.append("blank question")
    if "turns" in case and (not isinstance(case["turns"], list) or not case["turns"]
                            or not all(isinstance(t, str) and t.strip() for t in case["turns"])):
        errs.append("turns must be a non-empty list of non-blank strings")
    tags = case.get("tags", [])
    langs = [t for t in tags if t in ("zh", "en")]
    if len(langs) != 1:
        errs.append(f"language tags {langs}")
    for cstr in case.get("cite", []):
        if not CITE_RE.match(cstr):
            errs.append(f"bad cite {cstr!r}")
    exp = case.get("expect", {})
    k = exp.get("kind")
    if k not in KIND_FIELDS:
        return errs + [f"unknown kind {k!r}"]
    missing = KIND_FIELDS[k] - set(exp)
    if missing:
        errs.append(f"expect lacks {sorted(missing)}")
    if k == "number" and exp.get("unit") not in ("count", "yuan", "percent"):
        errs.append(f"bad unit {exp.get('unit')!r}")

    spec = S.get(idx)
    if spec is None:
        return errs + ["no spec"]
    ctx = Ctx()
    try:
        ref = spec(ctx)
    except SpecError as e:
        return errs + [f"spec error: {e}"]

    # answer
    if ref["kind"] != k:
        errs.append(f"kind {k!r}, reference {ref['kind']!r}")
    elif k == "number":
        if not isinstance(exp.get("value"), (int, float)) or isinstance(exp.get("value"), bool) \
                or not _num_eq(exp["value"], ref["value"]):
            errs.append(f"value {exp.get('value')!r}, reference {ref['value']!r}")
        if exp.get("unit") != ref["unit"]:
            errs.append(f"unit {exp.get('unit')!r}, reference {ref['unit']!r}")
    elif k in ("agency", "boolean"):
        if exp.get("value") != ref["value"] or type(exp.get("value")) is not type(ref["value"]):
            errs.append(f"value {exp.get('value')!r}, reference {ref['value']!r}")
    elif k == "list":
        if exp.get("ordered") is not ref["ordered"]:
            errs.append(f"ordered {exp.get('ordered')!r}, reference {ref['ordered']!r}")
        a, b = list(exp.get("values", [])), list(ref["values"])
        same = a == b if ref["ordered"] else sorted(map(str, a)) == sorted(map(str, b))
        if not same:
            errs.append(f"values {a}, reference {b}")
    elif k == "passages":
        if sorted(exp.get("files", [])) != sorted(ref["files"]):
            errs.append(f"files {exp.get('files')}, reference {ref['files']}")
        if sorted(exp.get("sections", [])) != sorted(ref["sections"]):
            errs.append(f"sections {exp.get('sections')}, reference {ref['sections']}")

    # cite
    ref_cite = [f"{REP[r]['_cite_file']}#{key}" for r, key in ctx.cells] + list(ctx.files)
    got = case.get("cite", [])
    if len(set(got)) != len(got):
        errs.append("duplicate cites")
    if set(got) != set(ref_cite):
        miss = [x for x in ref_cite if x not in got]
        more = [x for x in got if x not in ref_cite]
        errs.append(f"cite differs: missing {miss}, extra {more}")

    # conventions on the cells used
    used_fail = [(r, key) for r, key in ctx.cells if (r, key) in FAILING_CELLS]
    if used_fail and "quality" not in tags:
        errs.append(f"uses cells of a failing group {used_fail} but is not a 'quality' case")
    guessed = any(fact(r, key).get("unit_assumed") for r, key in ctx.cells)
    if guessed != ("guessed_unit" in tags):
        errs.append(f"guessed_unit tag {'missing' if guessed else 'not expected'}")
    mixed = len({year(r) for r, _ in ctx.cells}) > 1
    if mixed != ("mixed_years" in tags):
        errs.append(f"mixed_years tag {'missing' if mixed else 'not expected'}")
    return errs


def check_all(cases, verbose=True):
    ok = 0
    for i, case in enumerate(cases, start=1):
        errs = check_case(case, i)
        if errs:
            if verbose:
                for e in errs:
                    print(f"MISMATCH {case.get('id', i)}: {e}")
        else:
            ok += 1
    glob_errs = []
    if len(cases) != N_CASES:
        glob_errs.append(f"{len(cases)} cases, expected {N_CASES}")
    zh = sum(1 for c in cases if "zh" in c.get("tags", []))
    en = sum(1 for c in cases if "en" in c.get("tags", []))
    if (zh, en) != (60, 60):
        glob_errs.append(f"zh/en = {zh}/{en}, expected 60/60")
    ids = [c.get("id") for c in cases]
    if len(set(ids)) != len(ids):
        glob_errs.append("duplicate ids")
    if verbose:
        for e in glob_errs:
            print(f"MISMATCH (set): {e}")
    return ok, glob_errs


def load_cases(path=CASES_PATH):
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    cases.append(json.loads(line))
                except json.JSONDecodeError as e:
                    print(f"MISMATCH line {n}: not JSON ({e.msg})")
                    cases.append({"id": f"line-{n}"})
    return cases


# ------------------------------------------------------------------ self-test (in memory only)
def _mutations(cases):
    """(description, index, mutator) triples; each must turn a passing case into a failing one."""
    def first(pred):
        for i, c in enumerate(cases):
            if pred(c):
                return i
        raise RuntimeError("no case for mutation")

    def setv(path, val):
        def f(c):
            d = c
            for p in path[:-1]:
                d = d[p]
            d[path[-1]] = val
        return f

    num_i = first(lambda c: c["expect"]["kind"] == "number" and c["expect"]["unit"] == "count" and c["expect"]["value"] > 5)
    yuan_i = first(lambda c: c["expect"]["kind"] == "number" and c["expect"]["unit"] == "yuan")
    pct_i = first(lambda c: c["expect"]["kind"] == "number" and c["expect"]["unit"] == "percent")
    bool_i = first(lambda c: c["expect"]["kind"] == "boolean" and c["cite"])
    ag_i = first(lambda c: c["expect"]["kind"] == "agency")
    ol_i = first(lambda c: c["expect"]["kind"] == "list" and c["expect"]["ordered"])
    ul_i = first(lambda c: c["expect"]["kind"] == "list" and not c["expect"]["ordered"] and len(c["expect"]["values"]) > 1)
    pa_i = first(lambda c: c["expect"]["kind"] == "passages")
    un_i = first(lambda c: c["expect"]["kind"] == "unanswerable")
    gu_i = first(lambda c: "guessed_unit" in c["tags"])
    mx_i = first(lambda c: "mixed_years" in c["tags"])
    q_i = first(lambda c: "quality" in c["tags"] and any("review.reconsideration" in x for x in c["cite"]))
    multi_i = first(lambda c: len(c["cite"]) > 2)
    plain_i = first(lambda c: c["expect"]["kind"] == "number" and "mixed_years" not in c["tags"]
                    and "guessed_unit" not in c["tags"] and len(c["cite"]) == 1 and "hongze" not in c["cite"][0])
    return [
        ("count value +1", num_i, lambda c: c["expect"].__setitem__("value", c["expect"]["value"] + 1)),
        ("yuan value in 万元", yuan_i, lambda c: c["expect"].__setitem__("value", c["expect"]["value"] / 10000)),
        ("percent as fraction", pct_i, lambda c: c["expect"].__setitem__("value", c["expect"]["value"] / 100)),
        ("unit yuan->count", yuan_i, setv(["expect", "unit"], "count")),
        ("boolean flipped", bool_i, lambda c: c["expect"].__setitem__("value", not c["expect"]["value"])),
        ("agency swapped", ag_i, setv(["expect", "value"], "郑州市二七区统计局")),
        ("ordered list reversed", ol_i, lambda c: c["expect"].__setitem__("values", c["expect"]["values"][::-1])),
        ("unordered list item dropped", ul_i, lambda c: c["expect"]["values"].pop()),
        ("passage section changed", pa_i, setv(["expect", "sections"], ["三"])),
        ("passage file changed", pa_i, setv(["expect", "files"], ["004_5206fb2196a31c52.txt"])),
        ("unanswerable given a number", un_i, setv(["expect"], {"kind": "number", "value": 0, "unit": "count"})),
        ("cite dropped", multi_i, lambda c: c["cite"].pop()),
        ("cite extra cell", plain_i, lambda c: c["cite"].append("000_2133ae744f48d674.txt#requests.new.total")),
        ("Hongze cite without .pdf", first(lambda c: any(x.startswith("hongze") for x in c["cite"])),
         lambda c: c.__setitem__("cite", [x.replace(".pdf#", "#") for x in c["cite"]])),
        ("guessed_unit tag removed", gu_i, lambda c: c["tags"].remove("guessed_unit")),
        ("guessed_unit tag added", plain_i, lambda c: c["tags"].append("guessed_unit")),
        ("mixed_years tag removed", mx_i, lambda c: c["tags"].remove("mixed_years")),
        ("mixed_years tag added", plain_i, lambda c: c["tags"].append("mixed_years")),
        ("failing-group use without quality tag", q_i, lambda c: c["tags"].remove("quality")),
        ("language tag swapped to both", plain_i, lambda c: c["tags"].append("en" if "zh" in c["tags"] else "zh")),
        ("unknown field", plain_i, lambda c: c.__setitem__("answer", 1)),
        ("kind unknown", plain_i, setv(["expect", "kind"], "date")),
    ]


def selftest(cases):
    caught = 0
    muts = _mutations(cases)
    for desc, i, mut in muts:
        if check_case(cases[i], i + 1):
            print(f"SELFTEST precondition: case {i + 1} already fails")
            continue
        c = copy.deepcopy(cases[i])
        mut(c)
        errs = check_case(c, i + 1)
        if errs:
            caught += 1
            print(f"SELFTEST caught  [{desc}] on {c['id']}: {errs[0]}")
        else:
            print(f"SELFTEST MISSED  [{desc}] on {c['id']}")
    # set-level mutations
    extra = []
    c2 = copy.deepcopy(cases)
    c2[0]["tags"] = [t if t != "zh" else "en" for t in c2[0]["tags"]]
    _, g = check_all(c2, verbose=False)
    extra.append(("zh/en balance", bool(g)))
    c3 = copy.deepcopy(cases)[:-1]
    _, g = check_all(c3, verbose=False)
    extra.append(("case count", bool(g)))
    for desc, hit in extra:
        caught += hit
        print(f"SELFTEST {'caught ' if hit else 'MISSED '} [{desc}] (set level)")
    total = len(muts) + len(extra)
    print(f"SELFTEST {caught}/{total} mutations caught")
    return caught == total


def main(argv):
    cases = load_cases()
    fails = {r: [(rule, ks[-1]) for rule, ks in fl] for r, fl in FAILURES.items() if fl}
    print(f"balance rules recomputed: failing groups {fails or 'none'}")
    ok, glob_errs = check_all(cases)
    print(f"SUMMARY {ok}/{N_CASES}")
    good = ok == N_CASES and not glob_errs
    if "--selftest" in argv:
        good = selftest(cases) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
