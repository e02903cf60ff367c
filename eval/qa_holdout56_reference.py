#!/usr/bin/env python3
"""Reference check for eval/qa_holdout56.jsonl (stdlib only).

Recomputes every expected answer of the 120 cases independently from tests/fixtures/gold/*.json
(and, for passage cases, the section text of data/samples/*.txt), together with the cite list and
the derived tags `guessed_unit` / `mixed_years`. Prints each mismatch and "SUMMARY n/120";
exits 0 only when all 120 cases agree.

    python3 eval/qa_holdout56_reference.py              # check the file on disk
    python3 eval/qa_holdout56_reference.py --selftest   # mutate cases in memory; every mutation must be caught

Conventions enforced here:
  * numbers only from cells whose state is "number"; cells are read through `num()`, which refuses
    blank/absent/unreadable cells and cells of a group that fails R1-R4 (recomputed here from the gold)
    unless the case is about that failure (`allow_failing=True`);
  * unanswerable cases carry a check that the data really cannot answer (blank/absent cell,
    failing group, report not in the collection);
  * money in yuan (gold stores yuan: Hongze 万元 already x10000, 6.0248 -> 60248 per unit_assumed);
  * `guessed_unit` iff a cited cell has a unit_assumed; `mixed_years` iff cited cells come from
    reports of more than one year; Hongze agency kind from its name (人民政府 -> government).
"""
from __future__ import annotations

import copy
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = ROOT / "eval" / "qa_holdout56.jsonl"

F0, F1, F2 = "000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt"
F3, F4 = "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt"
H23, H24 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
S5 = [F0, F1, F2, F3, F4]
ALL = S5 + [H23, H24]
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS = ["granted", "partial",
                "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation", "other", "other_no_correction", "other_no_fee", "other_misc"]
ALL_REQ_ROWS = ["new", "carried_in"] + OUTCOME_ROWS + ["handled", "carried_out"]
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


# ---------------------------------------------------------------- gold
def load_gold() -> dict:
    gold = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        name = Path(d["file"]).name  # hongze: samples/pdf/hongze-qu-gov-2023.pdf -> hongze-qu-gov-2023.pdf
        kind = d.get("agency_kind")
        if not kind:
            kind = "government" if ("人民政府" in d["agency"] or "办公厅" in d["agency"]) else None
        d["_kind"] = kind
        gold[name] = d
    return gold


G = load_gold()


def state(f, key):
    fact = G[f]["facts"].get(key)
    return "absent" if fact is None else fact["state"]


def failing_cells() -> dict:
    """Recompute R1-R4 from the gold; return {(file, key): 'rule ...'} for every cell of a failing group."""
    bad = {}

    def val(f, key):
        fact = G[f]["facts"].get(key)
        return fact["value"] if fact and fact["state"] == "number" else None

    def blankish(f, key):
        return state(f, key) in ("blank", "unreadable")

    for f in G:
        # R1 per column
        for col in COLS:
            keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
            vs = [val(f, k) for k in keys]
            if None in vs:
                continue
            if vs[0] + vs[1] != vs[2] + vs[3]:
                for k in keys:
                    bad[(f, k)] = f"R1[{col}]"
        # R2 per column
        for col in COLS:
            hk = f"requests.handled.{col}"
            keys = [f"requests.{r}.{col}" for r in OUTCOME_ROWS if state(f, f"requests.{r}.{col}") != "absent"]
            if val(f, hk) is None or any(blankish(f, k) for k in keys):
                continue
            if sum(val(f, k) for k in keys) != val(f, hk):
                for k in keys + [hk]:
                    bad[(f, k)] = f"R2[{col}]"
        # R3 per row
        for r in ALL_REQ_ROWS:
            keys = [f"requests.{r}.{c}" for c in COLS]
            if any(state(f, k) == "absent" for k in keys):
                continue
            vs = [val(f, k) for k in keys]
            if None in vs:
                continue
            if sum(vs[:6]) != vs[6]:
                for k in keys:
                    bad[(f, k)] = f"R3[{r}]"
        # R4 per group
        for g in REVIEW_GROUPS:
            keys = [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
            vs = [val(f, k) for k in keys]
            if None in vs:
                continue
            if sum(vs[:4]) != vs[4]:
                for k in keys:
                    bad[(f, k)] = f"R4[{g}]"
    return bad


BAD = failing_cells()


class Ctx:
    """Reads cells for one case and remembers which it used (the cite list)."""

    def __init__(self, allow_failing=False):
        self.used: list[str] = []
        self.allow_failing = allow_failing

    def num(self, f, key):
        fact = G[f]["facts"].get(key)
        if fact is None or fact["state"] != "number":
            raise ValueError(f"{f}#{key} is not a number cell ({state(f, key)})")
        if (f, key) in BAD and not self.allow_failing:
            raise ValueError(f"{f}#{key} belongs to a failing group {BAD[(f, key)]}")
        cite = f"{f}#{key}"
        if cite not in self.used:
            self.used.append(cite)
        return fact["value"]

    def nums(self, files, key):
        return {f: self.num(f, key) for f in files}


def agency(f):
    return G[f]["agency"]


def ranked(d: dict, reverse=True):
    """Files ordered by value; raises on a tie that touches the asked position (callers avoid ties)."""
    return sorted(d, key=lambda f: d[f], reverse=reverse)


def strict_top(d, pos=0, reverse=True):
    order = ranked(d, reverse)
    v = d[order[pos]]
    if sum(1 for x in d.values() if x == v) != 1:
        raise ValueError(f"tie at position {pos + 1}")
    return agency(order[pos])


def pct(a, b):
    return 100.0 * a / b


def unans_cell(f, key):
    st = state(f, key)
    ok = st in ("blank", "absent", "unreadable", "not_read") or (f, key) in BAD
    return ok, f"{f}#{key}: {st}{' / failing ' + BAD[(f, key)] if (f, key) in BAD else ''}"


def unans_missing(agency_part, year):
    present = any(agency_part in d["agency"] and d["year"] == year for d in G.values())
    return (not present), f"{agency_part} {year} in collection: {present}"


# ---------------------------------------------------------------- sections of the sample texts
SEC_NUMS = ["一", "二", "三", "四", "五", "六"]
SEC_WORDS = {"一": ("总体",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
             "五": ("问题",), "六": ("其他",)}


def sections(fname) -> dict:
    """Canonical section number -> text, found by ordered headings '一、…' … '六、…' with a meaning word."""
    lines = (SAMPLES / fname).read_text(encoding="utf-8").splitlines()
    out, cur, want = {}, None, 0
    for line in lines:
        s = re.sub(r"^[\s#*]+", "", line).replace("*", "")
        if want < 6 and s.startswith(SEC_NUMS[want] + "、") and any(w in s for w in SEC_WORDS[SEC_NUMS[want]]):
            cur = SEC_NUMS[want]
            want += 1
            out[cur] = ""
            continue
        if cur:
            out[cur] += line + "\n"
    return out


def passage(fname, secs, phrases):
    """Expect(passages) after checking every phrase occurs in one of `secs` of `fname` (and nowhere else)."""
    sx = sections(fname)
    for ph in phrases:
        where = [k for k, t in sx.items() if ph in t.replace("\n", "")]
        if not where or not set(where) <= set(secs):
            raise ValueError(f"phrase {ph!r} of {fname} found in sections {where}, expected within {secs}")
    return {"kind": "passages", "files": [fname], "sections": list(secs)}


def mentions(phrase):
    return [f for f in S5 if phrase in (SAMPLES / f).read_text(encoding="utf-8")]


# ---------------------------------------------------------------- the 120 computations
def N(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def AG(v):
    return {"kind": "agency", "value": v}


def L(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def U(check):
    ok, why = check
    if not ok:
        raise ValueError(f"claimed unanswerable but answerable: {why}")
    return {"kind": "unanswerable"}


def meta_files(pred):
    return [f for f in ALL if pred(G[f])]


W8 = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
UN3 = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
Y2020 = [f for f in ALL if G[f]["year"] == 2020]
T2019 = [f for f in ALL if G[f]["template"] == "2019"]


def compute(i: int, x: Ctx):
    n = lambda f, k: x.num(f, k)
    if i == 1: return AG(agency(F3))
    if i == 2: return B(G[F2]["year"] == 2019)
    if i == 3: return N(len(meta_files(lambda d: d["template"] == "2021")))
    if i == 4: return B(G[F4]["template"] == "2021")
    if i == 5: return N(len(meta_files(lambda d: d["published"])))
    if i == 6:
        dated = meta_files(lambda d: d["published"])
        return AG(agency(min(dated, key=lambda f: G[f]["published"])))
    if i == 7: return L(sorted({agency(f) for f in meta_files(lambda d: d["province"] == "福建省")}))
    if i == 8: return AG(agency(meta_files(lambda d: d["_kind"] == "street_office")[0]))
    if i == 9: return B(all(G[f]["_kind"] == "government" for f in (H23, H24)))
    if i == 10: return N(len(meta_files(lambda d: d["agency"].endswith("统计局"))))
    if i == 11:
        dated = meta_files(lambda d: d["published"])
        return L([agency(f) for f in sorted(dated, key=lambda f: G[f]["published"])], True)
    if i == 12: return passage(F2, ["五"], ["信息公开范围单一", "拓展信息公开范围"])
    if i == 13: return passage(F3, ["一"], ["四是加强平台建设", "规范管理政务新媒体平台"])
    if i == 14: return L(sorted(G[f]["year"] for f in ALL if "洪泽区" in G[f]["agency"]))
    if i == 15: return U(unans_missing("洪泽区", 2022))
    if i == 16: return L(sorted(agency(f) for f in meta_files(lambda d: d["agency"].endswith("统计局") and not d["published"])))
    if i == 17: return N(n(H24, "active.fees.amount"), "yuan")
    if i == 18: return AG(strict_top(x.nums(S5, "active.penalty.decisions")))
    if i == 19: return N(sum(x.nums(Y2020, "active.procurement.amount").values()), "yuan")
    if i == 20: return N(n(H24, "active.licensing.decisions") - n(H23, "active.licensing.decisions"))
    if i == 21: return N(pct(n(H24, "requests.granted.total"), n(H24, "requests.handled.total")), "percent")
    if i == 22: return N(n(F2, "active.rules.public_total"))
    if i == 23:
        x.allow_failing = True
        g = [n(H23, f"review.reconsideration.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]
        return B(sum(g[:4]) == g[4])
    if i == 24: return N(sum(x.nums(T2019, "active.procurement.projects").values()))
    if i == 25: return AG(strict_top(x.nums(S5, "requests.new.total")))
    if i == 26: return N(n(H23, "active.penalty.decisions") - n(H24, "active.penalty.decisions"))
    if i == 27: return N(n(H23, "active.coercion.decisions") + n(H24, "active.coercion.decisions"))
    if i == 28: return B(n(H24, "active.fees.amount") < n(H23, "active.fees.amount"))
    if i == 29: return AG(strict_top(x.nums(Y2020, "active.procurement.amount"), 1))
    if i == 30: return N(n(F1, "active.penalty.change"))
    if i == 31: return N(sum(n(H24, f"requests.{r}.total") for r in UN3))
    if i == 32: return passage(F4, ["五"], ["公开意识及内容需要进一步深化", "进一步规范公开时间"])
    if i == 33: return U(unans_cell(H24, "active.procurement.amount"))
    if i == 34: return N(n(H24, "active.normative.in_force"))
    if i == 35: return passage(F2, ["二"], ["立案查处6起提供不真实统计资料违法案件"])
    if i == 36: return N(sum(1 for v in x.nums(ALL, "active.penalty.decisions").values() if v > 0))
    if i == 37: return N(n(F3, "requests.new.total"))
    if i == 38: return N(n(F1, "active.penalty.decisions"))
    if i == 39: return N(n(H24, "requests.partial.total"))
    if i == 40: return B(n(F4, "active.procurement.projects") == 1)
    if i == 41: return U(unans_cell(F3, "requests.carried_out.total"))
    if i == 42: return N(n(F0, "requests.withheld_third_party.total"))
    if i == 43: return N(n(H23, "active.fees.amount"), "yuan")
    if i == 44: return N(n(F2, "review.lawsuit_direct.total"))
    if i == 45: return N(n(H23, "requests.unavailable_not_held.total"))
    if i == 46: return passage(F3, ["五"], ["答复依申请公开处理水平有待提高", "细化重点领域信息公开内容"])
    if i == 47: return N(n(F0, "requests.new.total"))
    if i == 48: return B(n(H24, "requests.handled.total") > n(H23, "requests.handled.total"))
    if i == 49: return N(n(H24, "active.coercion.decisions"))
    if i == 50: return N(n(F2, "active.procurement.amount"), "yuan")
    if i == 51: return N(n(H23, "requests.withheld_secret.total"))
    if i == 52: return passage(F3, ["一"], ["办事处主任是第一责任人"])
    if i == 53: return N(n(F1, "review.reconsideration.total"))
    if i == 54: return N(n(H24, "requests.carried_in.total"))
    if i == 55: return U(unans_cell(H23, "review.reconsideration.total"))
    if i == 56: return passage(F2, ["一", "五"], ["加强信息公开培训", "加强业务学习培训"])
    if i == 57: return N(round(n(F2, "active.procurement.amount") / n(F2, "active.procurement.projects"), 2), "yuan")
    if i == 58: return N(statistics.median(x.nums(Y2020, "active.procurement.amount").values()), "yuan")
    if i == 59:
        v = x.nums(S5, "active.procurement.projects").values()
        return N(max(v) - min(v))
    if i == 60: return N(statistics.mean(x.nums([H23, H24], "active.penalty.decisions").values()))
    if i == 61: return N(pct(sum(n(H24, f"requests.{r}.total") for r in UN3), n(H24, "requests.handled.total")), "percent")
    if i == 62: return N(statistics.mean(x.nums(T2019, "active.penalty.decisions").values()))
    if i == 63: return N(pct(n(H23, "requests.partial.total"), n(H23, "requests.new.total")), "percent")
    if i == 64: return N(n(F3, "active.procurement.amount") / n(F3, "active.procurement.projects"), "yuan")
    if i == 65: return N(pct(n(H24, "active.licensing.decisions"), n(H24, "active.penalty.decisions")), "percent")
    if i == 66: return N(sum(x.nums(Y2020, "active.penalty.prev_items").values()))
    if i == 67:
        d = x.nums([f for f in S5 if agency(f).endswith("统计局")], "active.procurement.amount")
        return L([agency(f) for f in ranked(d)], True)
    if i == 68: return N(statistics.mean(x.nums(S5, "active.procurement.amount").values()), "yuan")
    if i == 69: return N(statistics.median(x.nums(ALL, "requests.new.total").values()))
    if i == 70:
        v = x.nums(ALL, "active.penalty.decisions").values()
        return N(max(v) - min(v))
    if i == 71: return N(pct(sum(n(H23, f"requests.{r}.total") for r in UN3), n(H23, "requests.handled.total")), "percent")
    if i == 72: return N(n(F0, "active.procurement.amount") / n(F0, "active.procurement.projects"), "yuan")
    if i == 73: return U(unans_cell(F1, "active.fees.amount"))
    if i == 74: return N(statistics.mean(x.nums([H23, H24], "requests.handled.total").values()))
    if i == 75:
        a, b = n(H23, "active.fees.amount"), n(H24, "active.fees.amount")
        return N(pct(b - a, a), "percent")
    if i == 76:
        up = n(H24, "review.lawsuit_direct.upheld") + n(H24, "review.lawsuit_after_review.upheld")
        tot = n(H24, "review.lawsuit_direct.total") + n(H24, "review.lawsuit_after_review.total")
        return N(pct(up, tot), "percent")
    if i == 77: return N(n(H24, "active.penalty.decisions") + n(H24, "active.coercion.decisions"))
    if i == 78: return AG(strict_top(x.nums(ALL, "requests.new.total"), 2))
    if i == 79: return AG(strict_top(x.nums(ALL, "active.licensing.decisions")))
    if i == 80: return N(n(H23, "active.coercion.decisions"))
    if i == 81: return N(n(H23, "active.fees.amount") - n(H24, "active.fees.amount"), "yuan")
    if i == 82:
        files = [f for f in Y2020 if agency(f).endswith("统计局")]
        return AG(strict_top(x.nums(files, "active.penalty.prev_items")))
    if i == 83: return B(n(F2, "active.procurement.amount") > n(F0, "active.procurement.amount"))
    if i == 84: return N(pct(n(H24, "requests.new.total"), n(H23, "requests.new.total")), "percent")
    if i == 85: return N(n(H24, "review.reconsideration.total"))
    if i == 86: return U(unans_cell(F0, "requests.unavailable_not_held.total"))
    if i == 87: return N(n(H24, "active.licensing.decisions"))
    if i == 88: return AG(strict_top(x.nums(S5, "active.procurement.projects"), 0, reverse=False))
    if i == 89: return N(sum(x.nums(ALL, "active.penalty.decisions").values()))
    if i == 90: return B(n(H24, "requests.granted.total") > n(H23, "requests.new.total"))
    if i == 91: return N(n(H24, "requests.new.total"))
    if i == 92:
        files = [f for f in ALL if G[f]["province"] == "浙江省" and agency(f).endswith("统计局")]
        return AG(strict_top(x.nums(files, "active.penalty.decisions")))
    if i == 93: return N(n(F4, "active.procurement.amount"), "yuan")
    if i == 94: return U(unans_missing("南京市鼓楼区", 2020))
    if i == 95: return N(n(H23, "active.penalty.decisions"))
    if i == 96: return AG(strict_top(x.nums(Y2020, "active.procurement.amount"), 2))
    if i == 97: return N(n(F2, "active.procurement.projects"))
    if i == 98: return N(n(H24, "requests.partial.total"))
    if i == 99: return AG(strict_top(x.nums(T2019, "active.penalty.decisions"), 1))
    if i == 100: return N(n(F1, "active.penalty.decisions"))
    if i == 101: return N(n(H24, "active.normative.in_force"))
    if i == 102: return N(n(F3, "requests.unavailable_not_held.total"))
    if i == 103: return N(n(H24, "active.penalty.decisions"))
    if i == 104:
        zj = [f for f in ALL if G[f]["province"] == "浙江省"]
        return AG(strict_top(x.nums(zj, "active.procurement.amount")))
    if i == 105: return N(n(F0, "active.procurement.amount"), "yuan")
    if i == 106: return AG(strict_top(x.nums(Y2020, "active.procurement.projects"), 2))
    if i == 107: return N(sum(n(H24, f"requests.{w}.total") for w in W8))
    if i == 108: return N(n(H24, "review.lawsuit_direct.total"))
    if i == 109:
        # earlier turn: the 2020 report with most new applications (not cited: the follow-up asks for granted)
        new = {f: G[f]["facts"]["requests.new.total"]["value"] for f in Y2020}
        top = ranked(new)[0]
        return N(n(top, "requests.granted.total"))
    if i == 110: return N(n(F2, "active.licensing.decisions"))
    if i == 111: return N(sum(x.nums([f for f in Y2020 if G[f]["province"] == "福建省"], "active.procurement.projects").values()))
    if i == 112: return N(sum(x.nums([f for f in ALL if G[f]["province"] == "浙江省"], "requests.new.total").values()))
    if i == 113: return U(unans_cell(H23, "review.lawsuit_after_review.total"))
    if i == 114:
        x.allow_failing = True
        failing = sorted({f for (f, k) in BAD if k.startswith("review.")})
        for f, k in sorted(BAD):
            if k.startswith("review."):
                n(f, k)
        if len({agency(f) for f in failing}) != 1:
            raise ValueError(f"R4 failures in {failing}")
        return AG(agency(failing[0]))
    if i == 115:
        fs = mentions("统计开放日")
        x.used.extend(fs)
        return L(sorted(agency(f) for f in fs))
    if i == 116: return passage(F4, ["一"], ["把政府信息与政务公开与目标考核相结合", "与机关作风建设相结合"])
    if i == 117: return B(n(H24, "active.normative.in_force") > n(H23, "active.normative.in_force"))
    if i == 118: return passage(F0, ["一"], ["加强个人信息保护", "本年参加普查活动的相关人员"])
    if i == 119: return N(len(meta_files(lambda d: d["province"] == "江苏省")))
    if i == 120: return U(unans_cell(F3, "requests.unavailable_unclear.total"))
    raise KeyError(i)


PASSAGE_IDS = {12, 13, 32, 35, 46, 52, 56, 116, 118}


# ---------------------------------------------------------------- comparison
def close(a, b):
    """Exact match for agencies, booleans and list items (list numbers are years/counts)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9
    return a == b


def check_case(case: dict, i: int) -> list[str]:
    errs = []
    want_id = f"h56-{i:03d}"
    if case.get("id") != want_id:
        errs.append(f"id {case.get('id')!r} != {want_id}")
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(case) - allowed:
        errs.append(f"unknown fields {sorted(set(case) - allowed)}")
    if not isinstance(case.get("question"), str) or not case["question"].strip():
        errs.append("blank question")
    if "turns" in case and (not isinstance(case["turns"], list) or not all(isinstance(t, str) and t.strip() for t in case["turns"])):
        errs.append("turns must be a list of non-empty strings")
    tags = case.get("tags", [])
    if sum(t in ("zh", "en") for t in tags) != 1:
        errs.append("needs exactly one of zh/en")
    x = Ctx()
    try:
        ref = compute(i, x)
    except Exception as e:  # a refused cell, a tie, a phrase outside its section ...
        return errs + [f"reference cannot compute: {e}"]
    exp = case.get("expect", {})
    if exp.get("kind") != ref["kind"]:
        return errs + [f"kind {exp.get('kind')!r} != {ref['kind']!r}"]
    k = ref["kind"]
    if k == "number":
        if exp.get("unit") != ref["unit"]:
            errs.append(f"unit {exp.get('unit')!r} != {ref['unit']!r}")
        tol = {"count": 1e-9, "yuan": 0.01, "percent": 0.01}[ref["unit"]]  # counts exact; yuan to the fen; percent to 0.01 pt
        v = exp.get("value")
        if not isinstance(v, (int, float)) or isinstance(v, bool) or abs(v - ref["value"]) > tol:
            errs.append(f"value {exp.get('value')!r} != {ref['value']!r}")
    elif k in ("agency", "boolean"):
        if not close(exp.get("value"), ref["value"]):
            errs.append(f"value {exp.get('value')!r} != {ref['value']!r}")
    elif k == "list":
        if bool(exp.get("ordered")) != ref["ordered"]:
            errs.append(f"ordered {exp.get('ordered')!r} != {ref['ordered']!r}")
        got, want = list(exp.get("values", [])), list(ref["values"])
        if not ref["ordered"]:
            got, want = sorted(got, key=str), sorted(want, key=str)
        if len(got) != len(want) or not all(close(a, b) for a, b in zip(got, want)):
            errs.append(f"values {exp.get('values')!r} != {ref['values']!r}")
    elif k == "passages":
        if sorted(exp.get("files", [])) != sorted(ref["files"]) or sorted(exp.get("sections", [])) != sorted(ref["sections"]):
            errs.append(f"passages {exp.get('files')}/{exp.get('sections')} != {ref['files']}/{ref['sections']}")
        x.used.extend(ref["files"])
    elif k == "unanswerable":
        if not exp.get("note"):
            errs.append("unanswerable case without a note")
    # cite list (format as eval/dataset.py's _CITE, then content)
    badfmt = [c for c in case.get("cite", []) if not CITE_RE.match(c)]
    if badfmt:
        errs.append(f"cite format {badfmt[0]!r}")
    if sorted(case.get("cite", [])) != sorted(x.used) or len(set(case.get("cite", []))) != len(case.get("cite", [])):
        errs.append(f"cite {sorted(case.get('cite', []))} != {sorted(x.used)}")
    # derived tags
    cells = [c.split("#", 1) for c in x.used if "#" in c]
    guessed = any(G[f]["facts"][key].get("unit_assumed") for f, key in cells)
    mixed = len({G[f]["year"] for f, _ in cells}) > 1
    for tag, should in (("guessed_unit", guessed), ("mixed_years", mixed)):
        if (tag in tags) != should:
            errs.append(f"tag {tag} {'missing' if should else 'unexpected'}")
    # failing-group cells only in quality cases
    if any((f, key) in BAD for f, key in cells) and "quality" not in tags:
        errs.append("uses cells of a failing group but is not a 'quality' case")
    return errs


def run(cases: list[dict], quiet=False) -> int:
    ok = 0
    if len(cases) != 120:
        print(f"MISMATCH file: {len(cases)} cases, expected 120")
    for i, case in enumerate(cases[:120], start=1):
        errs = check_case(case, i)
        if errs:
            if not quiet:
                for e in errs:
                    print(f"MISMATCH {case.get('id', i)}: {e}")
        else:
            ok += 1
    zh = sum("zh" in c.get("tags", []) for c in cases)
    en = sum("en" in c.get("tags", []) for c in cases)
    if (zh, en) != (60, 60):
        if not quiet:
            print(f"MISMATCH languages: zh {zh}, en {en} (want 60/60)")
        ok = min(ok, 119)
    if len({c.get("id") for c in cases}) != len(cases):
        if not quiet:
            print("MISMATCH duplicate ids")
        ok = min(ok, 119)
    if len(cases) != 120:
        ok = min(ok, 119)
    return ok


def load_cases() -> list[dict]:
    return [json.loads(l) for l in CASES.read_text(encoding="utf-8").splitlines() if l.strip()]


def selftest() -> int:
    base = load_cases()
    assert run(base, quiet=True) == 120, "the file must pass before the self-test"

    def mut(desc, idx, fn):
        cs = copy.deepcopy(base)
        fn(cs[idx])
        caught = run(cs, quiet=True) < 120
        print(f"{'caught ' if caught else 'MISSED '} {desc}")
        return caught

    def set_(path, val):
        def f(c):
            d = c
            for p in path[:-1]:
                d = d[p]
            d[path[-1]] = val
        return f

    results = [
        mut("number off by one (h56-017)", 16, lambda c: c["expect"].update(value=c["expect"]["value"] + 1)),
        mut("万元 not converted (h56-043)", 42, lambda c: c["expect"].update(value=7730.28)),
        mut("percent 1 % off (h56-021)", 20, lambda c: c["expect"].update(value=53.2)),
        mut("unit yuan->count (h56-050)", 49, lambda c: c["expect"].update(unit="count")),
        mut("wrong agency (h56-018)", 17, set_(["expect", "value"], "鄞州区统计局")),
        mut("boolean flipped (h56-028)", 27, lambda c: c["expect"].update(value=not c["expect"]["value"])),
        mut("list order swapped (h56-067)", 66, lambda c: c["expect"]["values"].reverse()),
        mut("list ordered flag dropped (h56-011)", 10, set_(["expect", "ordered"], False)),
        mut("passage wrong section (h56-032)", 31, set_(["expect", "sections"], ["一"])),
        mut("passage wrong file (h56-118)", 117, set_(["expect", "files"], ["003_acfa5b9243423631.txt"])),
        mut("cite dropped (h56-019)", 18, lambda c: c["cite"].pop()),
        mut("extra cite (h56-047)", 46, lambda c: c["cite"].append("001_19df74b8cb7281a4.txt#requests.new.total")),
        mut("guessed_unit tag removed (h56-093)", 92, lambda c: c["tags"].remove("guessed_unit")),
        mut("mixed_years tag removed (h56-020)", 19, lambda c: c["tags"].remove("mixed_years")),
        mut("spurious mixed_years (h56-017)", 16, lambda c: c["tags"].append("mixed_years")),
        mut("unanswerable blank cell answered as 0 (h56-041)", 40,
            lambda c: c.update(expect={"kind": "number", "value": 0, "unit": "count"},
                               cite=["003_acfa5b9243423631.txt#requests.carried_out.total"])),
        mut("failing-group cell answered (h56-055)", 54,
            lambda c: c.update(expect={"kind": "number", "value": 0, "unit": "count"},
                               cite=["hongze-qu-gov-2023.pdf#review.reconsideration.total"])),
        mut("answerable lookup turned unanswerable (h56-087)", 86,
            lambda c: c.update(expect={"kind": "unanswerable", "note": "x"}, cite=[])),
        mut("language tag swapped (h56-001)", 0, lambda c: c.update(tags=[t if t != "zh" else "en" for t in c["tags"]])),
        mut("id renumbered (h56-060)", 59, set_(["id"], "h56-999")),
        mut("median replaced by mean (h56-058)", 57, lambda c: c["expect"].update(value=147384.5)),
        mut("ranking position off by one (h56-096)", 95, set_(["expect", "value"], "福州市鼓楼区温泉街道办事处")),
    ]
    # a mutated gold value must be caught too (in memory only)
    fact = G[H24]["facts"]["active.licensing.decisions"]
    saved = fact["value"]
    fact["value"] = saved + 10
    caught = run(base, quiet=True) < 120
    fact["value"] = saved
    print(f"{'caught ' if caught else 'MISSED '} gold value changed in memory (Hongze 2024 licensing)")
    results.append(caught)
    print(f"SELFTEST {sum(results)}/{len(results)} mutations caught")
    return 0 if all(results) else 1


def main() -> int:
    if "--selftest" in sys.argv[1:]:
        return selftest()
    cases = load_cases()
    print("failing groups recomputed from gold:",
          sorted({(f, BAD[(f, k)]) for f, k in BAD}) or "none")
    ok = run(cases)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 else 1


if __name__ == "__main__":
    sys.exit(main())
