#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout59.jsonl (stdlib only).

Every case's expected answer is recomputed here from tests/fixtures/gold/*.json (hand-checked cells) and,
for passage cases, from the section text of data/samples/*.txt. The cite list and the tags
`guessed_unit` / `mixed_years` are recomputed too. Each mismatch is printed; the last line is
"SUMMARY n/120"; the exit code is 0 only at 120/120.

Conventions applied (see eval/QA_HOLDOUT59.md):
  * a cell is usable only when its state is "number";
  * the balance rules R1-R4 of shared DOMAIN.md are recomputed; cells of a group that fails its rule are
    usable only by questions about the failure (`failure_ok=True`); anything else needing them is unanswerable;
  * money in yuan (gold already stores yuan; 万元 fees and the 万元-assumed procurement are converted there);
  * tag guessed_unit when a cited cell carries `unit_assumed`; tag mixed_years when cited cells come from
    reports of more than one year.

    python3 eval/qa_holdout59_reference.py             # check the dataset
    python3 eval/qa_holdout59_reference.py --selftest  # also mutate cases in memory and show each is caught
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
DATASET = ROOT / "eval" / "qa_holdout59.jsonl"
N_CASES = 120

COLS = ("person", "business", "research", "nonprofit", "legal", "other_org", "total")
OUTCOME_ROWS = ("granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "declined_complaint",
                "declined_duplicate", "declined_publication", "declined_excessive", "declined_confirmation",
                "other", "other_no_correction", "other_no_fee", "other_misc")
REVIEW_GROUPS = ("reconsideration", "lawsuit_direct", "lawsuit_after_review")
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
SECTION_NUMS = "一二三四五六"
# what a real section heading must contain besides its number (table rows such as "二、上年结转…" do not)
SECTION_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("收到和处理", "依申请"), "四": ("复议", "诉讼"),
                 "五": ("问题",), "六": ("其他需要报告",)}


class Unanswerable(Exception):
    pass


class SpecError(Exception):
    pass


# ----------------------------------------------------------------------------- the gold reports
def load_reports() -> dict:
    reps = {}
    for p in sorted(GOLD.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d["cite_file"] = Path(d["file"]).name
        if not d.get("agency_kind"):  # Hongze gold has none: the kind comes from the name
            name = d["agency"]
            d["agency_kind"] = ("government" if ("人民政府" in name or "办公厅" in name) else
                                "street_office" if ("街道" in name or "乡" in name or "镇" in name) else "department")
        reps[d["cite_file"]] = d
    return reps


REPORTS = load_reports()


def failing_cells(d: dict) -> set:
    """Cells belonging to a group that fails R1-R4 (groups with a blank cell are skipped, not failed)."""
    f = d["facts"]

    def val(k):
        c = f.get(k)
        return None if c is None else (c["value"] if c["state"] == "number" else ("SKIP" if c["state"] != "absent" else None))

    bad = set()

    def check(lhs, rhs):  # lists of keys; absent/missing keys are ignored, blank ones skip the group
        vals = [val(k) for k in lhs + rhs]
        if any(v == "SKIP" for v in vals):
            return
        keys_l = [k for k in lhs if val(k) is not None]
        keys_r = [k for k in rhs if val(k) is not None]
        if not keys_l or not keys_r:
            return
        if abs(sum(val(k) for k in keys_l) - sum(val(k) for k in keys_r)) > 1e-9:
            bad.update(keys_l + keys_r)

    if "requests.new.total" in f:
        for col in COLS:  # R1, R2 per column
            check([f"requests.new.{col}", f"requests.carried_in.{col}"],
                  [f"requests.handled.{col}", f"requests.carried_out.{col}"])
            check([f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in OUTCOME_ROWS])
        rows = sorted({k.split(".")[1] for k in f if k.startswith("requests.")})
        for row in rows:  # R3 per row
            check([f"requests.{row}.total"], [f"requests.{row}.{c}" for c in COLS[:-1]])
    for g in REVIEW_GROUPS:  # R4
        check([f"review.{g}.total"], [f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")])
    return bad


FAILING = {k: failing_cells(d) for k, d in REPORTS.items()}


def rep(short: str) -> str:
    """Resolve a short handle to the report's cite file by metadata (not by hard-coded file names)."""
    m = re.fullmatch(r"(?P<who>.+?)(?P<year>\d{4})?", short)
    who, year = m["who"], m["year"]
    hits = [k for k, d in REPORTS.items()
            if (who in d["agency"] or who in d.get("agency_full", "")) and (year is None or d["year"] == int(year))]
    if len(hits) != 1:
        raise SpecError(f"handle {short!r} resolves to {hits}")
    return hits[0]


def select(**cond) -> list:
    out = []
    for k, d in REPORTS.items():
        if all((d.get(f) == v) if not callable(v) else v(d) for f, v in cond.items()):
            out.append(k)
    return sorted(out)


def name(k: str) -> str:
    return REPORTS[k]["agency"]


# ----------------------------------------------------------------------------- per-case context
class Q:
    def __init__(self):
        self.cites: list[str] = []

    def v(self, k: str, key: str, failure_ok: bool = False):
        fact = REPORTS[k]["facts"].get(key)
        if fact is None or fact["state"] != "number":
            raise Unanswerable(f"{k}#{key}: {'missing' if fact is None else fact['state']}")
        if key in FAILING[k] and not failure_ok:
            raise Unanswerable(f"{k}#{key}: in a group failing its balance rule")
        c = f"{k}#{key}"
        if c not in self.cites:
            self.cites.append(c)
        return fact["value"]

    def group_balances(self, k: str, group: str) -> bool:
        keys = [f"review.{group}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
        vals = [self.v(k, x, failure_ok=True) for x in keys]
        return abs(sum(vals[:4]) - vals[4]) < 1e-9

    def passage(self, k: str, keywords: list[str]) -> dict:
        secs = sections_of(REPORTS[k]["cite_file"])
        found = sorted({s for s, text in secs.items() for w in keywords if w in text}, key=SECTION_NUMS.index)
        if not found:
            raise SpecError(f"{k}: none of {keywords} found in any section")
        if k not in self.cites:
            self.cites.append(k)
        return {"kind": "passages", "files": [k], "sections": found}


def sections_of(file: str) -> dict:
    """Canonical section number -> its text, found by headings in order (一 … 六) that carry the section's words."""
    lines = (SAMPLES / file).read_text(encoding="utf-8").splitlines()
    out, cur, want = {}, None, 0
    for line in lines:
        m = re.match(r"^[\s#*]*([一二三四五六])、", line)
        if m and SECTION_NUMS.index(m.group(1)) >= want and any(w in line for w in SECTION_WORDS[m.group(1)]):
            cur = m.group(1)
            want = SECTION_NUMS.index(cur) + 1
            out[cur] = ""
            continue
        if cur:
            out[cur] += line + "\n"
    return out


def num(v, unit="count"):
    return {"kind": "number", "value": v, "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def agency(k):
    return {"kind": "agency", "value": name(k)}


def names(ks, ordered=False):
    return {"kind": "list", "values": [name(k) for k in ks], "ordered": ordered}


def boolean(x):
    return {"kind": "boolean", "value": bool(x)}


def unanswerable(probe) -> dict:
    """`probe(Q())` must raise Unanswerable (a blank/absent/failing cell, or no such report)."""
    try:
        probe(Q())
    except Unanswerable:
        return {"kind": "unanswerable"}
    raise SpecError("expected unanswerable, but the probe found an answer")


def no_report(**cond):
    def probe(q):
        if not select(**cond):
            raise Unanswerable("no such report")
    return probe


def rank(q, ks, metric, reverse=True):
    vals = {k: metric(k) for k in ks}
    order = sorted(ks, key=lambda k: vals[k], reverse=reverse)
    if len(order) > 1 and vals[order[0]] == vals[order[1]]:
        raise SpecError("tie at the top")
    return order


# ----------------------------------------------------------------------------- handles
G, L, Y, W, E = rep("福州市鼓楼区统计局"), rep("鹿城区统计局"), rep("鄞州区统计局"), rep("温泉街道"), rep("二七区统计局")
H3, H4 = rep("洪泽区2023"), rep("洪泽区2024")
ALL = sorted(REPORTS)
Y2020 = select(year=2020)
T2019 = select(template="2019")
T2021 = select(template="2021")
FUJIAN = select(province="福建省")
WITHHELD = [r for r in OUTCOME_ROWS if r.startswith("withheld_")]
UNAVAIL = [r for r in OUTCOME_ROWS if r.startswith("unavailable_")]
DECLINED = [r for r in OUTCOME_ROWS if r.startswith("declined_")]


def ac(q, k, row, col="decisions"):
    return q.v(k, f"active.{row}.{col}")


def rq(q, k, row, col="total"):
    return q.v(k, f"requests.{row}.{col}")


def rv(q, k, grp, col="total"):
    return q.v(k, f"review.{grp}.{col}")


def avg_proc(q, k):
    return ac(q, k, "procurement", "amount") / ac(q, k, "procurement", "projects")


def second(order):
    return order[1]


# one spec per case: Q -> expect dict (cites are recorded by Q)
SPECS = {
    # 001-020 组织部 cadre
    1: lambda q: num(ac(q, H3, "coercion")),
    2: lambda q: num(ac(q, H3, "licensing")),
    3: lambda q: pct(rq(q, H4, "granted"), rq(q, H4, "handled")),
    4: lambda q: num(ac(q, H4, "normative", "in_force")),
    5: lambda q: num(ac(q, H3, "fees", "amount"), "yuan"),
    6: lambda q: num(ac(q, H3, "fees", "amount") - ac(q, H4, "fees", "amount"), "yuan"),
    7: lambda q: num(rv(q, H4, "reconsideration")),
    8: lambda q: num(rv(q, H4, "lawsuit_after_review", "upheld")),
    9: lambda q: num(sum(rq(q, k, "new") for k in sorted(set(FUJIAN) & set(Y2020)))),
    10: lambda q: num(rq(q, H3, "unavailable_not_held")),
    11: lambda q: num(ac(q, Y, "procurement", "amount"), "yuan"),
    12: lambda q: num(ac(q, W, "procurement", "projects")),
    13: lambda q: agency(rank(q, Y2020, lambda k: ac(q, k, "penalty"))[0]),
    14: lambda q: num(avg_proc(q, G), "yuan"),
    15: lambda q: num(sum(rq(q, H4, r) for r in WITHHELD)),
    16: lambda q: boolean(REPORTS[W]["agency_kind"] == "department"),
    17: lambda q: names([k for k in T2019 if REPORTS[k]["year"] == 2019]),
    18: lambda q: q.passage(Y, ["信息公开范围单一", "改进措施"]),
    19: lambda q: unanswerable(lambda p: rq(p, W, "carried_out")),
    20: lambda q: pct(rv(q, H4, "reconsideration", "corrected"), rv(q, H4, "reconsideration")),
    # 021-040 NZ librarian
    21: lambda q: num(rq(q, H3, "new")),
    22: lambda q: num(avg_proc(q, Y), "yuan"),
    23: lambda q: names(FUJIAN),
    24: lambda q: agency(*[k for k in ALL if REPORTS[k]["agency_kind"] == "street_office"]),
    25: lambda q: boolean(REPORTS[L]["published"] < REPORTS[G]["published"]),
    26: lambda q: q.passage(G, ["广度和深度", "改进情况"]),
    27: lambda q: num(ac(q, H4, "coercion")),
    28: lambda q: pct(rq(q, H4, "unavailable_not_held"), rq(q, H4, "handled")),
    29: lambda q: agency(second(rank(q, T2019, lambda k: ac(q, k, "procurement", "projects")))),
    30: lambda q: unanswerable(lambda p: ac(p, H4, "procurement", "amount")),
    31: lambda q: boolean(ac(q, H4, "normative", "issued") > ac(q, H3, "normative", "issued")),
    32: lambda q: num(len(select(province="浙江省"))),
    33: lambda q: q.passage(Y, ["信息公开培训", "学习培训"]),
    34: lambda q: num(rq(q, H3, "partial") + rq(q, H4, "partial")),
    35: lambda q: q.passage(E, ["与目标考核相结合"]),
    36: lambda q: boolean(ac(q, H3, "fees", "amount") > ac(q, H4, "fees", "amount")),
    37: lambda q: num(rq(q, H4, "declined_complaint")),
    38: lambda q: num(ac(q, H3, "penalty") + ac(q, H4, "penalty")),
    39: lambda q: unanswerable(no_report(year=2022, agency=REPORTS[L]["agency"])),
    40: lambda q: num(rv(q, H4, "lawsuit_direct", "upheld")),
    # 041-054 微博 commenter
    41: lambda q: num(rq(q, E, "new")),
    42: lambda q: num(rq(q, H4, "new") - rq(q, H3, "new")),
    43: lambda q: num(ac(q, H3, "penalty")),
    44: lambda q: num(ac(q, H4, "fees", "amount"), "yuan"),
    45: lambda q: boolean(sum(ac(q, k, "penalty") for k in Y2020 if k != L) > ac(q, L, "penalty")),
    46: lambda q: num(ac(q, W, "procurement", "amount"), "yuan"),
    47: lambda q: pct(sum(rq(q, H3, r) for r in UNAVAIL), rq(q, H3, "handled")),
    48: lambda q: num(ac(q, Y, "rules", "made")),
    49: lambda q: boolean(q.group_balances(H3, "reconsideration")),
    50: lambda q: unanswerable(lambda p: rv(p, H3, "reconsideration", "upheld")),
    51: lambda q: agency(second(rank(q, Y2020, lambda k: ac(q, k, "procurement", "amount")))),
    52: lambda q: num(ac(q, H4, "licensing") - ac(q, H3, "licensing")),
    53: lambda q: q.passage(W, ["定期邀请律师"]),
    54: lambda q: names([k for k in Y2020 if ac(q, k, "coercion") == 0]),
    # 055-074 statistician
    55: lambda q: num(len([k for k in ALL if rq(q, k, "new") > 0 and rq(q, k, "granted") == 0])),
    56: lambda q: num(len([k for k in T2019 if avg_proc(q, k) > 50000])),
    57: lambda q: names([k for k in ALL if (ac(q, k, "penalty") > 0) & (ac(q, k, "licensing") == 0)]),
    58: lambda q: num(len([k for k in ALL if (rq(q, k, "partial") > 0) | (rq(q, k, "withheld_third_party") > 0)])),
    59: lambda q: names([k for k in Y2020 if rq(q, k, "new") > 0 and rq(q, k, "new", "person") == rq(q, k, "new")]),
    60: lambda q: num(sum(rq(q, k, "new") for k in ALL) / len(ALL)),
    61: lambda q: num(len([k for k in T2021
                          if ac(q, k, "normative", "in_force") > ac(q, k, "normative", "issued")])),
    62: lambda q: names(rank(q, T2019, lambda k: ac(q, k, "procurement", "amount")), ordered=True),
    63: lambda q: names([k for k in FUJIAN if ac(q, k, "procurement", "amount") > 100000]),
    64: lambda q: pct(rq(q, H4, "granted") + rq(q, H4, "partial"), rq(q, H4, "handled")),
    65: lambda q: names([k for k in Y2020 if (ac(q, k, "penalty", "prev_items") > 0) & (ac(q, k, "penalty") == 0)]),
    66: lambda q: num(ac(q, H3, "coercion") - ac(q, H4, "coercion")),
    67: lambda q: num(sum(rq(q, k, "withheld_process") for k in ALL)),
    68: lambda q: boolean(ac(q, H3, "penalty") / ac(q, H3, "licensing") > ac(q, H4, "penalty") / ac(q, H4, "licensing")),
    69: lambda q: pct(ac(q, H3, "penalty"), ac(q, H3, "licensing")),
    70: lambda q: unanswerable(lambda p: sum(rq(p, W, r) for r in DECLINED)),
    71: lambda q: num(len(Y2020)),
    72: lambda q: pct(ac(q, L, "procurement", "projects"), sum(ac(q, k, "procurement", "projects") for k in Y2020)),
    73: lambda q: names([k for k in T2019 if not ac(q, k, "procurement", "projects") > 10]),
    74: lambda q: boolean(sum(rv(q, H4, g) for g in REVIEW_GROUPS) > 5),
    # 075-088 Malaysian Chinese student
    75: lambda q: num(rq(q, H4, "new")),
    76: lambda q: num(ac(q, Y, "penalty", "prev_items")),
    77: lambda q: num(ac(q, E, "coercion", "prev_items")),
    78: lambda q: boolean(REPORTS[W]["published"] == "2021-01-15"),
    79: lambda q: num(rv(q, H3, "lawsuit_direct")),
    80: lambda q: boolean(ac(q, L, "procurement", "projects") > ac(q, Y, "procurement", "projects")),
    81: lambda q: num(ac(q, G, "procurement", "projects") + ac(q, W, "procurement", "projects")),
    82: lambda q: q.passage(Y, ["统计开放日", "普法宣传"]),
    83: lambda q: unanswerable(no_report(city="南京市")),
    84: lambda q: agency(second(rank(q, Y2020, lambda k: ac(q, k, "penalty")))),
    85: lambda q: q.passage(W, ["个人信息保护"]),
    86: lambda q: num(ac(q, H3, "fees", "amount") + ac(q, H4, "fees", "amount"), "yuan"),
    87: lambda q: num(ac(q, E, "procurement", "amount"), "yuan"),
    88: lambda q: num(rq(q, W, "unavailable_not_held")),
    # 089-100 chats (zh): the expectation is for the corrected question
    89: lambda q: num(ac(q, H4, "penalty")),
    90: lambda q: num(ac(q, L, "procurement", "projects")),
    91: lambda q: num(ac(q, Y, "normative", "public_total")),
    92: lambda q: num(ac(q, H4, "coercion")),
    93: lambda q: num(rq(q, G, "new")),
    94: lambda q: num(rq(q, H4, "granted")),
    95: lambda q: num(ac(q, L, "penalty", "prev_items")),
    96: lambda q: unanswerable(lambda p: ac(p, L, "fees", "amount")),
    97: lambda q: {"kind": "list", "values": [REPORTS[E]["province"]], "ordered": False},
    98: lambda q: num(rv(q, H4, "lawsuit_after_review")),
    99: lambda q: q.passage(E, ["公开意识及内容需要进一步深化"]),
    100: lambda q: agency(rank(q, Y2020, lambda k: ac(q, k, "procurement", "amount"), reverse=False)[0]),
    # 101-120 chats (en)
    101: lambda q: num(ac(q, H4, "licensing")),
    102: lambda q: num(ac(q, L, "procurement", "projects")),
    103: lambda q: num(rq(q, H3, "granted")),
    104: lambda q: agency(rank(q, FUJIAN, lambda k: ac(q, k, "procurement", "projects"))[0]),
    105: lambda q: pct(rq(q, H3, "partial"), rq(q, H3, "handled")),
    106: lambda q: boolean(REPORTS[W]["agency_kind"] == "street_office"),
    107: lambda q: num(ac(q, G, "procurement", "amount"), "yuan"),
    108: lambda q: unanswerable(lambda p: rq(p, G, "unavailable_not_held")),
    109: lambda q: num(ac(q, H3, "normative", "repealed")),
    110: lambda q: boolean(ac(q, L, "penalty", "prev_items") > ac(q, Y, "penalty", "prev_items")),
    111: lambda q: num(len(T2019)),
    112: lambda q: num(sum(rq(q, k, "new") for k in select(province="浙江省"))),
    113: lambda q: q.passage(G, ["自查未及时主动公开", "改进情况"]),
    114: lambda q: num(rv(q, H4, "lawsuit_direct")),
    115: lambda q: agency(rank(q, Y2020, lambda k: ac(q, k, "procurement", "projects"), reverse=False)[0]),
    116: lambda q: pct(rq(q, H3, "unavailable_not_held"), rq(q, H3, "handled")),
    117: lambda q: boolean((REPORTS[L]["published"] or "").startswith("2021-01")),
    118: lambda q: unanswerable(lambda p: rq(p, W, "declined_duplicate")),
    119: lambda q: boolean(q.group_balances(H3, "reconsideration")),
    120: lambda q: agency(rank(q, T2019, lambda k: avg_proc(q, k))[0]),
}


# ----------------------------------------------------------------------------- comparison
def close(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= 1e-4 + 1e-7 * abs(b)


def compare_expect(got: dict, want: dict) -> list[str]:
    errs = []
    if got.get("kind") != want["kind"]:
        return [f"kind {got.get('kind')!r} != {want['kind']!r}"]
    k = want["kind"]
    if k == "number":
        if not close(got.get("value"), want["value"]):
            errs.append(f"value {got.get('value')!r} != {round(want['value'], 4)!r}")
        if got.get("unit") != want["unit"]:
            errs.append(f"unit {got.get('unit')!r} != {want['unit']!r}")
    elif k in ("agency",):
        if got.get("value") != want["value"]:
            errs.append(f"value {got.get('value')!r} != {want['value']!r}")
    elif k == "boolean":
        if got.get("value") is not want["value"]:
            errs.append(f"value {got.get('value')!r} != {want['value']!r}")
    elif k == "list":
        gv, wv = got.get("values"), want["values"]
        if bool(got.get("ordered", False)) != want["ordered"]:
            errs.append(f"ordered {got.get('ordered')!r} != {want['ordered']!r}")
        if not isinstance(gv, list) or (gv != wv if want["ordered"] else sorted(map(str, gv)) != sorted(map(str, wv))):
            errs.append(f"values {gv!r} != {wv!r}")
    elif k == "passages":
        if sorted(got.get("files") or []) != sorted(want["files"]):
            errs.append(f"files {got.get('files')!r} != {want['files']!r}")
        if sorted(got.get("sections") or []) != sorted(want["sections"]):
            errs.append(f"sections {got.get('sections')!r} != {want['sections']!r}")
    return errs


def check_case(case: dict, spec) -> list[str]:
    errs = []
    allowed = {"id", "question", "turns", "expect", "cite", "tags"}
    if set(case) - allowed:
        errs.append(f"unknown fields {sorted(set(case) - allowed)}")
    if not isinstance(case.get("question"), str) or not case["question"].strip():
        errs.append("blank question")
    turns = case.get("turns", [])
    if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns) or len(turns) > 3:
        errs.append("turns must be 0-3 non-blank strings (a chat of at most 4 turns)")
    tags = case.get("tags") or []
    if ("followup" in tags) != bool(turns):
        errs.append("tag 'followup' must go with a non-empty 'turns'")
    lang = [t for t in ("zh", "en") if t in tags]
    if len(lang) != 1:
        errs.append(f"needs exactly one of zh/en, has {lang}")
    elif lang[0] == "zh" and not re.search(r"[\u4e00-\u9fff]{2}", case["question"]):
        errs.append("tagged zh but the question has no Chinese")
    elif lang[0] == "en" and len(re.findall(r"[A-Za-z]{2,}", case["question"])) < 3:
        errs.append("tagged en but the question is not English")
    cite = case.get("cite")
    if not isinstance(cite, list) or not all(isinstance(c, str) and CITE_RE.match(c) for c in cite):
        errs.append(f"bad cite list {cite!r}")
        cite = []
    q = Q()
    try:
        want = spec(q)
    except (Unanswerable, SpecError) as e:
        return errs + [f"spec failed: {type(e).__name__}: {e}"]
    errs += compare_expect(case.get("expect") or {}, want)
    want_cites = q.cites
    if sorted(cite) != sorted(want_cites) or len(set(cite)) != len(cite):
        errs.append(f"cite {sorted(cite)} != {sorted(want_cites)}")
    cells = [c.split("#", 1) for c in want_cites if "#" in c]
    guessed = any(REPORTS[f]["facts"][k].get("unit_assumed") for f, k in cells)
    mixed = len({REPORTS[f]["year"] for f, _ in cells}) > 1
    if ("guessed_unit" in tags) != guessed:
        errs.append(f"tag guessed_unit should be {'present' if guessed else 'absent'}")
    if ("mixed_years" in tags) != mixed:
        errs.append(f"tag mixed_years should be {'present' if mixed else 'absent'}")
    return errs


def check_all(cases: list[dict], verbose: bool = True) -> int:
    ok = 0
    ids = [c.get("id") for c in cases]
    global_errs = []
    if ids != [f"h59-{i:03d}" for i in range(1, N_CASES + 1)]:
        global_errs.append(f"ids are not h59-001 … h59-{N_CASES:03d} in order")
    nzh = sum("zh" in (c.get("tags") or []) for c in cases)
    nen = sum("en" in (c.get("tags") or []) for c in cases)
    if (nzh, nen) != (N_CASES // 2, N_CASES // 2):
        global_errs.append(f"language split zh={nzh} en={nen}, want {N_CASES // 2}/{N_CASES // 2}")
    qs = [(tuple(c.get("turns", [])), c.get("question")) for c in cases]
    if len(set(qs)) != len(qs):
        global_errs.append("duplicate questions")
    for k, d in REPORTS.items():  # the recomputed rules must agree with the gold's own verdicts
        gold_fails = {r for r, v in (d.get("checks") or {}).items() if str(v).startswith("fail")}
        rules = set()
        for key in FAILING[k]:
            rules.add("R4" if key.startswith("review.") else "R1-R3")
        if ("R4" in gold_fails) != ("R4" in rules) or bool(gold_fails - {"R4"}) != ("R1-R3" in rules):
            global_errs.append(f"{k}: recomputed failing rules {sorted(rules)} disagree with gold checks {sorted(gold_fails)}")
    for e in global_errs:
        if verbose:
            print(f"DATASET: {e}")
    for i, case in enumerate(cases, start=1):
        spec = SPECS.get(i)
        errs = ["no spec"] if spec is None else check_case(case, spec)
        if global_errs and i == 1:
            errs.append("dataset-level problem (see above)")
        if errs:
            if verbose:
                for e in errs:
                    print(f"{case.get('id', i)}: {e}")
        else:
            ok += 1
    if verbose:
        print(f"SUMMARY {ok}/{N_CASES}")
    return ok


def selftest(cases: list[dict]) -> bool:
    """Mutate copies of cases in memory; every mutation must cost at least one passing case."""
    base = check_all(cases, verbose=False)

    def m_value(cs):  # a number off by 1 %
        c = next(c for c in cs if c["expect"]["kind"] == "number" and c["expect"]["value"] > 100)
        c["expect"]["value"] *= 1.01

    def m_unit(cs):
        c = next(c for c in cs if c["expect"].get("unit") == "yuan")
        c["expect"]["unit"] = "count"

    def m_bool(cs):
        c = next(c for c in cs if c["expect"]["kind"] == "boolean")
        c["expect"]["value"] = not c["expect"]["value"]

    def m_order(cs):
        c = next(c for c in cs if c["expect"]["kind"] == "list" and c["expect"]["ordered"])
        c["expect"]["values"][0], c["expect"]["values"][1] = c["expect"]["values"][1], c["expect"]["values"][0]

    def m_list_drop(cs):
        c = next(c for c in cs if c["expect"]["kind"] == "list" and len(c["expect"]["values"]) > 1)
        c["expect"]["values"].pop()

    def m_agency(cs):
        c = next(c for c in cs if c["expect"]["kind"] == "agency")
        c["expect"]["value"] = "温州市鹿城区统计局" if c["expect"]["value"] != "温州市鹿城区统计局" else "鄞州区统计局"

    def m_cite_drop(cs):
        c = next(c for c in cs if len(c["cite"]) > 1)
        c["cite"].pop()

    def m_cite_year(cs):
        c = next(c for c in cs if any("hongze-qu-gov-2024.pdf#" in x for x in c["cite"]))
        c["cite"] = [x.replace("2024", "2023") for x in c["cite"]]

    def m_guessed(cs):
        c = next(c for c in cs if "guessed_unit" in c["tags"])
        c["tags"].remove("guessed_unit")

    def m_mixed(cs):
        c = next(c for c in cs if "mixed_years" not in c["tags"] and c["cite"])
        c["tags"].append("mixed_years")

    def m_unans(cs):  # answer a blank cell with 0
        c = next(c for c in cs if c["expect"]["kind"] == "unanswerable")
        c["expect"] = {"kind": "number", "value": 0, "unit": "count"}

    def m_failed_group(cs):  # answer a cell of a failing group
        c = cs[49]
        c["expect"] = {"kind": "number", "value": 10, "unit": "count"}
        c["cite"] = ["hongze-qu-gov-2023.pdf#review.reconsideration.upheld"]

    def m_section(cs):
        c = next(c for c in cs if c["expect"]["kind"] == "passages")
        c["expect"]["sections"] = ["六"]

    def m_lang(cs):
        c = next(c for c in cs if "en" in c["tags"])
        c["tags"][c["tags"].index("en")] = "zh"

    def m_drop_case(cs):
        cs.pop()

    def m_pct(cs):  # a ratio given as a fraction instead of percent points
        c = next(c for c in cs if c["expect"].get("unit") == "percent")
        c["expect"]["value"] /= 100

    muts = [m_value, m_unit, m_bool, m_order, m_list_drop, m_agency, m_cite_drop, m_cite_year, m_guessed, m_mixed,
            m_unans, m_failed_group, m_section, m_lang, m_drop_case, m_pct]
    all_caught = True
    for m in muts:
        cs = copy.deepcopy(cases)
        m(cs)
        got = check_all(cs, verbose=False)
        caught = got < base
        all_caught &= caught
        print(f"selftest {m.__name__:16s} {'caught' if caught else 'MISSED'} ({got}/{N_CASES})")
    return all_caught


def main(argv: list[str]) -> int:
    cases = [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]
    ok = check_all(cases)
    if "--selftest" in argv:
        if not selftest(cases):
            print("selftest: some mutation was not caught")
            return 1
    return 0 if ok == N_CASES and len(cases) == N_CASES else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
