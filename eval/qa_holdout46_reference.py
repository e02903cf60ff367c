#!/usr/bin/env python3
"""Reference check for eval/qa_holdout46.jsonl (stdlib only).

Recomputes, for each of the 120 cases, the expected answer, the cite list and the
`guessed_unit` / `mixed_years` tags from the hand-checked gold fixtures
(tests/fixtures/gold/*.json) and, for passage cases, from the sample texts
(data/samples/*.txt). It also re-applies the loader's format rules of eval/dataset.py
(fields, kinds, cite regex, unique ids) without importing it.

Conventions enforced by the helpers below:
  * a number comes only from a cell whose state is `number`;
  * a cell of a group that fails a balance rule (R1-R4, recomputed here) may be used only by a
    recipe that asks about the failure itself (allow_failed=True);
  * money is in yuan (the gold stores yuan; the printed unit is kept beside it);
  * every cell used is cited as file#key; `guessed_unit` iff a used money cell has an assumed
    unit; `mixed_years` iff the reports used span more than one report year;
  * agency kind for reports without one (Hongze) follows from the name (人民政府 -> government).

Prints one line per mismatch and a SUMMARY line; exits 0 only when every case matches.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = Path(__file__).resolve().parent / "qa_holdout46.jsonl"
EXPECTED_N = 120

# ---------------------------------------------------------------- gold
REPORTS: dict[str, dict] = {}          # cite file name -> gold dict
for p in sorted(GOLD.glob("*.json")):
    g = json.loads(p.read_text(encoding="utf-8"))
    REPORTS[Path(g["file"]).name] = g

F0, F1, F2, F3, F4 = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "002_c42cd15df52a6935.txt",
                      "003_acfa5b9243423631.txt", "004_5206fb2196a31c52.txt")
H3, H4 = "hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"
ALL = [F0, F1, F2, F3, F4, H3, H4]
for f in ALL:
    assert f in REPORTS, f"gold fixture for {f} missing"

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOMES_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
                 "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
                 "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                 "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                 "declined_confirmation"]
W8 = [r for r in OUTCOMES_2019 if r.startswith("withheld_")]
REVIEW_ROWS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]


def year(f): return REPORTS[f]["year"]
def agency(f): return REPORTS[f]["agency"]


def agency_kind(f):
    g = REPORTS[f]
    if g.get("agency_kind"):
        return g["agency_kind"]
    name = g["agency"]
    if "人民政府" in name and "街道" not in name and "乡" not in name[-4:] and "镇" not in name[-4:]:
        return "government"
    if "街道" in name or name.endswith("镇") or name.endswith("乡"):
        return "street_office"
    return "department"


def fact(f, key):
    return REPORTS[f]["facts"].get(key)


def num(f, key):
    """value of a number cell or None"""
    x = fact(f, key)
    return x["value"] if x and x["state"] == "number" else None


def failing_cells(f) -> set[str]:
    """Cells of groups that fail R1-R4 (only checkable equations: every involved cell a number)."""
    bad: set[str] = set()
    facts = REPORTS[f]["facts"]
    rows = {k.split(".")[1] for k in facts if k.startswith("requests.")}
    other_rows = [r for r in ("other", "other_no_correction", "other_no_fee", "other_misc") if r in rows]

    def check(keys_lhs, keys_rhs):
        vals = [num(f, k) for k in keys_lhs + keys_rhs]
        if any(v is None for v in vals):
            return
        if abs(sum(vals[:len(keys_lhs)]) - sum(vals[len(keys_lhs):])) > 1e-9:
            bad.update(keys_lhs + keys_rhs)

    for c in COLS:  # R1, R2
        check([f"requests.new.{c}", f"requests.carried_in.{c}"], [f"requests.handled.{c}", f"requests.carried_out.{c}"])
        check([f"requests.handled.{c}"], [f"requests.{r}.{c}" for r in OUTCOMES_2019 + other_rows
                                           if num(f, f"requests.{r}.{c}") is not None or fact(f, f"requests.{r}.{c}")["state"] != "absent"])
    for r in rows:  # R3
        check([f"requests.{r}.total"], [f"requests.{r}.{c}" for c in COLS[:-1]])
    for r in REVIEW_ROWS:  # R4
        check([f"review.{r}.total"], [f"review.{r}.{c}" for c in REVIEW_COLS[:-1]])
    return bad


FAILING = {f: failing_cells(f) for f in ALL}


# ---------------------------------------------------------------- sample-text sections
HEAD_WORDS = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议", "五": "存在的主要问题", "六": "其他需要报告"}
HEAD_RE = re.compile(r"^[#\s*]*([一二三四五六])、(.*)$")


def sections(f) -> dict[str, str]:
    text = (SAMPLES / f).read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    cur = None
    for line in text.splitlines():
        m = HEAD_RE.match(line)
        if m and HEAD_WORDS[m.group(1)] in m.group(2):
            cur = m.group(1)
            continue
        if cur:
            out.setdefault(cur, []).append(line)
    return {k: "\n".join(v) for k, v in out.items()}


# ---------------------------------------------------------------- recipe context
class Unusable(Exception):
    pass


class Ctx:
    def __init__(self):
        self.cites: list[str] = []
        self.used: set[str] = set()
        self.guessed = False

    def cell(self, f, key, allow_failed=False):
        x = fact(f, key)
        if x is None or x["state"] != "number":
            raise Unusable(f"{f}#{key} is {None if x is None else x['state']}")
        if key in FAILING[f] and not allow_failed:
            raise Unusable(f"{f}#{key} belongs to a group failing a balance rule")
        self._rec(f, key)
        if x.get("unit_assumed"):
            self.guessed = True
        return x["value"]

    def state_cite(self, f, key):
        """cite a cell whatever its state (metadata questions about blanks)"""
        self._rec(f, key)
        return fact(f, key)["state"]

    def _rec(self, f, key):
        c = f"{f}#{key}"
        if c not in self.cites:
            self.cites.append(c)
        self.used.add(f)

    def use(self, *fs):
        self.used.update(fs)

    def passage(self, f, sec, *keywords):
        secs = sections(f)
        for kw in keywords:
            if kw not in secs.get(sec, ""):
                raise Unusable(f"{kw!r} not found in section {sec} of {f}")
        if f not in self.cites:
            self.cites.append(f)
        self.used.add(f)


def N(v, unit="count"): return {"kind": "number", "value": v, "unit": unit}
def L(vals, ordered=False): return {"kind": "list", "values": list(vals), "ordered": ordered}
def B(v): return {"kind": "boolean", "value": bool(v)}
def AG(v): return {"kind": "agency", "value": v}
def P(files, secs): return {"kind": "passages", "files": files, "sections": secs}
def U(): return {"kind": "unanswerable"}


def pct(a, b): return 100.0 * a / b


def top(ctx, files, key, k=1, reverse=True):
    vals = [(ctx.cell(f, key), f) for f in files]
    vals.sort(key=lambda t: t[0], reverse=reverse)
    assert len(vals) == k or vals[k - 1][0] != vals[k][0], f"tie at the cut for {key}"
    out = []
    for _, f in vals[:k]:
        if agency(f) not in out:
            out.append(agency(f))
    return out


def unanswerable_blank(f, key):
    x = fact(f, key)
    assert x is not None and x["state"] == "blank", f"{f}#{key} expected blank, is {x and x['state']}"
    return U()


def unanswerable_absent(f, key):
    x = fact(f, key)
    assert x is None or x["state"] == "absent", f"{f}#{key} expected absent/missing, is {x['state']}"
    return U()


def unanswerable_failed(f, key):
    assert key in FAILING[f], f"{f}#{key} is not in a failing group"
    return U()


def unanswerable_concept(*needles):
    for f in ALL:
        g = REPORTS[f]
        for k in g["facts"]:
            assert not any(n in k for n in needles), k
        for n in g.get("narrative_numbers", []):
            assert not any(x in n.get("what", "") for x in needles), n
    return U()


def cells_of(f, rows, cols, prefix):
    return [f"{prefix}.{r}.{c}" for r in rows for c in cols]


# ---------------------------------------------------------------- recipes
R = {}


def r(i):
    def deco(fn):
        R[f"h46-{i:03d}"] = fn
        return fn
    return deco


# zh: deputy director
@r(1)
def _(c): return N(c.cell(H4, "active.coercion.decisions"))
@r(2)
def _(c): return N(c.cell(F1, "active.procurement.projects"))
@r(3)
def _(c):
    assert fact(H3, "active.fees.amount").get("unit_printed") == "万元"
    return N(c.cell(H3, "active.fees.amount"), "yuan")
@r(4)
def _(c): return N(c.cell(F2, "requests.granted.total"))
@r(5)
def _(c): return N(c.cell(H3, "active.penalty.decisions") + c.cell(H4, "active.penalty.decisions"))
@r(6)
def _(c): return N(c.cell(H4, "requests.new.total") - c.cell(H3, "requests.new.total"))
@r(7)
def _(c): return N(pct(c.cell(H4, "requests.granted.total"), c.cell(H4, "requests.handled.total")), "percent")
@r(8)
def _(c): return L(top(c, [f for f in ALL if year(f) == 2020 and fact(f, "active.procurement.amount")], "active.procurement.amount", 3), True)
@r(9)
def _(c): return unanswerable_blank(F3, "requests.carried_out.total")
@r(10)
def _(c): return unanswerable_failed(H3, "review.reconsideration.total")
@r(11)
def _(c):
    v = [c.cell(H3, f"review.reconsideration.{x}", allow_failed=True) for x in REVIEW_COLS]
    return B(sum(v[:4]) != v[4])
@r(12)
def _(c): return N(c.cell(F4, "active.procurement.amount"), "yuan")
@r(13)
def _(c):
    c.passage(F2, "五", "主要问题", "改进措施")
    return P([F2], ["五"])
@r(14)
def _(c): return N(c.cell(H4, "review.lawsuit_direct.total"))
@r(15)
def _(c): return N(sum(1 for f in ALL if year(f) == 2020 and c.cell(f, "requests.new.total") >= 1))
@r(16)
def _(c): return N(c.cell(F1, "active.penalty.prev_items"))
@r(17)
def _(c): return N(sum(c.cell(H3, f"requests.{x}.total") for x in ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")))
@r(18)
def _(c): return N(c.cell(F3, "active.procurement.amount") / c.cell(F3, "active.procurement.projects"), "yuan")
@r(19)
def _(c): return L([c.cell(f, "active.normative.in_force") for f in sorted([H3, H4], key=year)], True)
@r(20)
def _(c): return N(c.cell(H3, "active.licensing.decisions"))


# zh: civics class
@r(21)
def _(c): return N(c.cell(F1, "requests.partial.total"))
@r(22)
def _(c): return N(c.cell(F4, "active.coercion.prev_items"))
@r(23)
def _(c): return N(c.cell(H4, "requests.carried_in.total"))
@r(24)
def _(c): return N(c.cell(H4, "review.reconsideration.total"))
@r(25)
def _(c): return N(c.cell(F0, "requests.withheld_third_party.total"))
@r(26)
def _(c): return N(c.cell(F2, "active.rules.made"))
@r(27)
def _(c): return N(c.cell(H3, "requests.declined_complaint.total"))
@r(28)
def _(c): return N(c.cell(F2, "active.procurement.projects"))
@r(29)
def _(c): return L([c.cell(H4, "requests.new.person"), c.cell(H4, "requests.new.business")], True)
@r(30)
def _(c): return N(c.cell(H4, "requests.unavailable_not_held.total"))
@r(31)
def _(c): return N(c.cell(F3, "requests.handled.total"))
@r(32)
def _(c): return N(c.cell(F4, "review.lawsuit_direct.total") + c.cell(F4, "review.lawsuit_after_review.total"))
@r(33)
def _(c):
    c.passage(F3, "五", "有待提高")
    return P([F3], ["五"])
@r(34)
def _(c): return AG(top(c, ALL, "active.penalty.decisions")[0])
@r(35)
def _(c): return B(c.cell(H4, "requests.granted.total") > c.cell(H4, "requests.new.total") / 2)


# zh: weibo
@r(36)
def _(c): return B(c.cell(H3, "active.penalty.decisions") > c.cell(H4, "active.penalty.decisions"))
@r(37)
def _(c): return N(c.cell(F1, "active.penalty.decisions"))
@r(38)
def _(c): return N(c.cell(F3, "active.procurement.amount"), "yuan")
@r(39)
def _(c): return N(c.cell(F4, "requests.new.total"))
@r(40)
def _(c): return N(sum(c.cell(H4, f"requests.{w}.total") for w in W8))
@r(41)
def _(c): return N(pct(c.cell(H4, "active.penalty.decisions"), c.cell(H4, "active.licensing.decisions")), "percent")
@r(42)
def _(c):
    assert REPORTS[F2]["published"] is None
    return U()
@r(43)
def _(c): return N(c.cell(H3, "active.fees.amount") - c.cell(H4, "active.fees.amount"), "yuan")
@r(44)
def _(c):
    c.passage(F4, "五", "不足之处", "下一步")
    return P([F4], ["五"])
@r(45)
def _(c):
    v = [c.cell(H3, f"review.reconsideration.{x}", allow_failed=True) for x in REVIEW_COLS]
    assert v[4] != sum(v[:4])
    return N(sum(v[:4]))
@r(46)
def _(c):
    c.passage(F3, "一", "全年主动公开政府信息7条")
    return P([F3], ["一"])
@r(47)
def _(c):
    failing = [f for f in ALL if FAILING[f]]
    for f in failing:
        for k in sorted(FAILING[f], key=lambda k: (REVIEW_ROWS.index(k.split(".")[1]) if k.startswith("review") else 9, REVIEW_COLS.index(k.split(".")[2]) if k.startswith("review") else 9)):
            c.cell(f, k, allow_failed=True)
    out = []
    for f in failing:
        if agency(f) not in out:
            out.append(agency(f))
    return L(out)
@r(48)
def _(c): return N(c.cell(F0, "active.procurement.amount") / c.cell(F0, "active.procurement.projects"), "yuan")
@r(49)
def _(c): return N(c.cell(H4, "requests.new.total"))
@r(50)
def _(c):
    bureaus = [f for f in ALL if agency(f).endswith("统计局")]
    return AG(top(c, bureaus, "active.procurement.amount", 1, reverse=False)[0])


# zh: data engineer
@r(51)
def _(c):
    c.use(*ALL)
    return N(len(REPORTS))
@r(52)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["template"] == "2021"]
    c.use(*fs)
    return L(sorted({year(f) for f in fs}))
@r(53)
def _(c):
    out = []
    for f in ALL:
        x = fact(f, "active.procurement.amount")
        if x and x["state"] == "number" and x.get("unit_assumed"):
            c.cell(f, "active.procurement.amount")
            out.append(agency(f))
    return L(out)
@r(54)
def _(c):
    n = 0
    for k, x in REPORTS[F3]["facts"].items():
        if k.startswith("requests.") and x["state"] == "blank":
            c.state_cite(F3, k)
            n += 1
    return N(n)
@r(55)
def _(c):
    assert REPORTS[H3]["template"] == "2021"
    return unanswerable_absent(H3, "active.procurement.amount")
@r(56)
def _(c):
    c.use(F2)
    return L([REPORTS[F2]["city"]])
@r(57)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["province"] == "福建省"]
    c.use(*fs)
    return N(len(fs))
@r(58)
def _(c):
    hits = [(f, k) for f in ALL for k, x in REPORTS[f]["facts"].items() if x.get("raw") == "00"]
    assert len(hits) == 1
    c.cell(*hits[0])
    return AG(agency(hits[0][0]))
@r(59)
def _(c): return unanswerable_absent(H3, "requests.other_no_correction.total")
@r(60)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["published"] is None]
    c.use(*fs)
    return L(list(dict.fromkeys(agency(f) for f in fs)))


# en: lawyer
@r(61)
def _(c): return N(c.cell(H3, "requests.new.total"))
@r(62)
def _(c): return N(c.cell(H4, "review.reconsideration.upheld"))
@r(63)
def _(c): return N(c.cell(H4, "review.lawsuit_after_review.pending"))
@r(64)
def _(c): return N(pct(c.cell(H4, "requests.unavailable_not_held.total"), c.cell(H4, "requests.handled.total")), "percent")
@r(65)
def _(c): return B(any(c.cell(F1, f"review.{x}.total") > 0 for x in REVIEW_ROWS))
@r(66)
def _(c): return N(c.cell(H4, "review.lawsuit_direct.total") + c.cell(H4, "review.lawsuit_after_review.total"))
@r(67)
def _(c):
    v = [c.cell(H3, f"review.lawsuit_after_review.{x}", allow_failed=True) for x in REVIEW_COLS]
    return B(sum(v[:4]) == v[4])
@r(68)
def _(c): return N(c.cell(H3, "requests.withheld_secret.total"))
@r(69)
def _(c): return L([c.cell(H3, "requests.withheld_process.total"), c.cell(H3, "requests.withheld_enforcement.total")], True)
@r(70)
def _(c): return B(c.cell(H3, "requests.carried_out.total") > 0)
@r(71)
def _(c): return AG(top(c, ALL, "active.licensing.decisions")[0])
@r(72)
def _(c): return unanswerable_blank(F3, "requests.declined_complaint.total")
@r(73)
def _(c): return N(c.cell(H4, "active.fees.amount"), "yuan")
@r(74)
def _(c): return B(c.cell(H4, "requests.handled.total") < 100)
@r(75)
def _(c): return N(c.cell(F2, "requests.new.legal"))
@r(76)
def _(c): return unanswerable_concept("compensation", "赔偿")
@r(77)
def _(c): return L(top(c, [f for f in ALL if year(f) == 2020], "active.penalty.decisions", 2), True)
@r(78)
def _(c):
    fs = [f for f in ALL if year(f) == 2020]
    p = t = 0
    for f in fs:
        p += c.cell(f, "requests.new.person")
        t += c.cell(f, "requests.new.total")
    return N(pct(p, t), "percent")
@r(79)
def _(c): return N(c.cell(H4, "active.normative.issued"))
@r(80)
def _(c): return N(c.cell(H4, "requests.partial.total"))


# en: Singapore civil servant
@r(81)
def _(c): return N(c.cell(F0, "active.rules.made"))
@r(82)
def _(c): return N(c.cell(F2, "active.procurement.amount"), "yuan")
@r(83)
def _(c):
    fs = [f for f in ALL if year(f) == 2020 and fact(f, "active.procurement.amount")]
    a = p = 0
    for f in fs:
        a += c.cell(f, "active.procurement.amount")
        p += c.cell(f, "active.procurement.projects")
    return N(a / p, "yuan")
@r(84)
def _(c): return N(c.cell(H3, "requests.new.business"))
@r(85)
def _(c):
    c.cell(F1, "active.procurement.amount")
    return B(bool(fact(F1, "active.procurement.amount").get("unit_printed")))
@r(86)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["province"] == "福建省"]
    c.use(*fs)
    return L([agency(f) for f in fs])
@r(87)
def _(c):
    a, b = c.cell(H3, "active.penalty.decisions"), c.cell(H4, "active.penalty.decisions")
    return N(pct(b - a, a), "percent")
@r(88)
def _(c): return N(c.cell(H4, "active.coercion.decisions") - c.cell(H3, "active.coercion.decisions"))
@r(89)
def _(c):
    fs = [f for f in ALL if year(f) == 2020]
    c.use(*fs)
    return N(len(fs))
@r(90)
def _(c):
    c.passage(F1, "五", "加强学习", "创新工作")
    return P([F1], ["五"])
@r(91)
def _(c): return AG(top(c, [f for f in ALL if year(f) == 2020], "active.penalty.prev_items")[0])
@r(92)
def _(c): return N(c.cell(H4, "requests.declined_publication.total"))
@r(93)
def _(c): return N(c.cell(F3, "requests.new.person"))
@r(94)
def _(c): return N(sum(c.cell(f, "requests.new.total") for f in ALL if agency(f).endswith("统计局")))
@r(95)
def _(c):
    v = [c.cell(H4, f"requests.{x}.total") for x in ("new", "carried_in", "handled", "carried_out")]
    return B(v[0] + v[1] == v[2] + v[3])
@r(96)
def _(c): return unanswerable_concept("staff", "人员编制")
@r(97)
def _(c):
    c.passage(F2, "一", "依申请公开", "共受理2起")
    return P([F2], ["一"])
@r(98)
def _(c): return N(c.cell(F4, "active.procurement.amount") / c.cell(F4, "active.procurement.projects"), "yuan")
@r(99)
def _(c):
    out = []
    for f in [F0, F1, F2, F3, F4]:
        if "新冠" in (SAMPLES / f).read_text(encoding="utf-8"):
            sec = next(s for s, t in sections(f).items() if "新冠" in t)
            c.passage(f, sec, "新冠")
            out.append(agency(f))
    return L(out)
@r(100)
def _(c): return unanswerable_failed(H3, "review.reconsideration.corrected")


# en: data engineer
@r(101)
def _(c):
    fs = [f for f in ALL if year(f) == 2020]
    c.use(*fs)
    return B(any(REPORTS[f]["template"] == "2021" for f in fs))
@r(102)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["template"] == "2019"]
    c.use(*fs)
    return N(len(fs))
@r(103)
def _(c):
    n = 0
    for k, x in REPORTS[F0]["facts"].items():
        if x["state"] == "blank":
            c.state_cite(F0, k)
            n += 1
    return N(n)
@r(104)
def _(c):
    fs = [f for f in ALL if any(x["state"] == "absent" for x in REPORTS[f]["facts"].values())]
    c.use(*fs)
    return L(list(dict.fromkeys(agency(f) for f in fs)))
@r(105)
def _(c):
    n = 0
    for f in ALL:
        x = fact(f, "active.procurement.amount")
        if x and x["state"] == "number" and x.get("unit_assumed"):
            c.cell(f, "active.procurement.amount")
            n += 1
    return N(n)
@r(106)
def _(c):
    x = fact(F4, "active.procurement.amount")
    assert x["raw"] == "6.0248" and x["unit_assumed"] == "万元"
    return N(c.cell(F4, "active.procurement.amount"), "yuan")
@r(107)
def _(c): return N(sum(c.cell(f, "requests.new.total") for f in ALL))
@r(108)
def _(c):
    fs = [f for f in ALL if REPORTS[f]["published"]]
    c.use(*[f for f in fs])
    c.used = {min(fs, key=lambda f: REPORTS[f]["published"])} | {f for f in fs}
    return AG(agency(min(fs, key=lambda f: REPORTS[f]["published"])))
@r(109)
def _(c):
    fs = [f for f in ALL if agency_kind(f) == "street_office"]
    c.use(*fs)
    return L([agency(f) for f in fs])
@r(110)
def _(c):
    fs = [f for f in ALL if agency_kind(f) == "government"]
    c.use(*fs)
    return L(list(dict.fromkeys(agency(f) for f in fs)))
@r(111)
def _(c):
    c.use(*ALL)
    return N(len({REPORTS[f]["province"] for f in ALL}))
@r(112)
def _(c): return unanswerable_absent(H4, "requests.other_misc.total")


# en: civics class
@r(113)
def _(c): return N(c.cell(F1, "requests.carried_out.total"))
@r(114)
def _(c): return N(c.cell(H3, "active.normative.repealed"))
@r(115)
def _(c):
    c.use(*ALL)
    return N(len({agency(f) for f in ALL}))
@r(116)
def _(c): return N(c.cell(H3, "active.coercion.decisions"))
@r(117)
def _(c): return N(pct(c.cell(H3, "requests.partial.total"), c.cell(H3, "requests.handled.total")), "percent")
@r(118)
def _(c): return N(c.cell(F3, "requests.unavailable_not_held.total"))
@r(119)
def _(c): return AG(top(c, [f for f in ALL if year(f) == 2020], "requests.new.total")[0])
@r(120)
def _(c): return N(c.cell(H3, "active.fees.amount") + c.cell(H4, "active.fees.amount"), "yuan")


# ---------------------------------------------------------------- format rules (as eval/dataset.py)
CITE_RE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")
KIND_FIELDS = {"number": {"value", "unit"}, "agency": {"value"}, "list": {"values"}, "boolean": {"value"},
               "passages": {"files", "sections"}, "unanswerable": set()}


def format_problems(d) -> list[str]:
    p = []
    extra = set(d) - {"id", "question", "turns", "expect", "cite", "tags"}
    if extra:
        p.append(f"unknown fields {extra}")
    for k in ("id", "question", "expect"):
        if k not in d:
            p.append(f"missing {k}")
    if not str(d.get("question", "")).strip():
        p.append("blank question")
    e = d.get("expect", {})
    kind = e.get("kind")
    if kind not in KIND_FIELDS:
        return p + [f"bad kind {kind!r}"]
    missing = KIND_FIELDS[kind] - set(e)
    if missing:
        p.append(f"expect lacks {missing}")
    if kind == "number" and (e.get("unit") not in ("count", "yuan", "percent") or isinstance(e.get("value"), bool)
                             or not isinstance(e.get("value"), (int, float))):
        p.append("bad number expect")
    if kind == "boolean" and not isinstance(e.get("value"), bool):
        p.append("boolean value not a bool")
    if kind == "list" and ("ordered" in e and not isinstance(e["ordered"], bool)):
        p.append("ordered not a bool")
    if kind == "passages" and (not e.get("files") or not e.get("sections")
                               or any(s not in "一二三四五六" or len(s) != 1 for s in e["sections"])):
        p.append("bad passages expect")
    if kind == "agency" and not e.get("value"):
        p.append("empty agency")
    for c in d.get("cite", []):
        if not CITE_RE.match(c):
            p.append(f"bad cite {c!r}")
    if not isinstance(d.get("turns", []), list) or not all(isinstance(t, str) for t in d.get("turns", [])):
        p.append("turns must be a list of strings")
    if "turns" in d and not (1 <= len(d["turns"]) <= 3):
        p.append("multi-turn chats must have 2-4 turns in all")
    return p


def cjk(s): return sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")
def latin(s): return sum(1 for ch in s if ch.isascii() and ch.isalpha())


# ---------------------------------------------------------------- compare
def same_value(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if b == 0:
            return abs(a) < 1e-9
        return abs(a - b) <= 0.005 * abs(b)
    return a == b


def compare(case, exp) -> list[str]:
    e = case["expect"]
    p = []
    if e["kind"] != exp["kind"]:
        return [f"kind {e['kind']} != {exp['kind']}"]
    k = exp["kind"]
    if k == "number":
        if e["unit"] != exp["unit"]:
            p.append(f"unit {e['unit']} != {exp['unit']}")
        if not same_value(e["value"], exp["value"]):
            p.append(f"value {e['value']} != {exp['value']}")
    elif k in ("agency", "boolean"):
        if not same_value(e["value"], exp["value"]):
            p.append(f"value {e['value']!r} != {exp['value']!r}")
    elif k == "list":
        if bool(e.get("ordered", False)) != exp["ordered"]:
            p.append("ordered flag differs")
        a, b = e["values"], exp["values"]
        if exp["ordered"]:
            ok = len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
        else:
            ok = len(a) == len(b) and sorted(map(str, a)) == sorted(map(str, b))
        if not ok:
            p.append(f"values {a} != {b}")
    elif k == "passages":
        if sorted(e["files"]) != sorted(exp["files"]) or sorted(e["sections"]) != sorted(exp["sections"]):
            p.append(f"passages {e['files']}/{e['sections']} != {exp['files']}/{exp['sections']}")
    return p


def main() -> int:
    lines = [l for l in CASES.read_text(encoding="utf-8-sig").splitlines() if l.strip()]
    cases = [json.loads(l) for l in lines]
    ok = 0
    problems_total = []
    ids = [c.get("id") for c in cases]
    if len(cases) != EXPECTED_N:
        problems_total.append(f"{len(cases)} cases, expected {EXPECTED_N}")
    if ids != [f"h46-{i:03d}" for i in range(1, EXPECTED_N + 1)]:
        problems_total.append("ids are not h46-001 .. h46-120 in order / unique")
    zh = sum("zh" in c.get("tags", []) for c in cases)
    en = sum("en" in c.get("tags", []) for c in cases)
    if (zh, en) != (60, 60):
        problems_total.append(f"language split zh={zh} en={en}, expected 60/60")
    for case in cases:
        cid = case.get("id")
        probs = format_problems(case)
        tags = case.get("tags", [])
        lang = "zh" if "zh" in tags else "en" if "en" in tags else None
        text = case["question"] + "".join(case.get("turns", []))
        if lang is None or ("zh" in tags and "en" in tags):
            probs.append("needs exactly one of zh/en")
        elif lang == "zh" and not cjk(text) > latin(text):
            probs.append("tagged zh but not mainly Chinese")
        elif lang == "en" and not latin(text) > cjk(text):
            probs.append("tagged en but not mainly English")
        fn = R.get(cid)
        if fn is None:
            probs.append("no recipe")
        else:
            ctx = Ctx()
            try:
                exp = fn(ctx)
            except Unusable as ex:
                exp = None
                probs.append(f"recipe hit an unusable cell: {ex}")
            except AssertionError as ex:
                exp = None
                probs.append(f"recipe assertion failed: {ex}")
            if exp is not None:
                probs += compare(case, exp)
                if sorted(case.get("cite", [])) != sorted(ctx.cites):
                    probs.append(f"cite {sorted(case.get('cite', []))} != {sorted(ctx.cites)}")
                guessed = ctx.guessed
                mixed = len({year(f) for f in ctx.used}) > 1
                if exp["kind"] == "unanswerable":
                    guessed = mixed = False
                if ("guessed_unit" in tags) != guessed:
                    probs.append(f"guessed_unit tag should be {guessed}")
                if ("mixed_years" in tags) != mixed:
                    probs.append(f"mixed_years tag should be {mixed}")
                if ("turns" in case) != ("followup" in tags):
                    probs.append("followup tag and turns disagree")
        if probs:
            for q in probs:
                print(f"MISMATCH {cid}: {q}")
        else:
            ok += 1
    for q in problems_total:
        print(f"MISMATCH (set): {q}")
    kinds = {}
    for c in cases:
        kinds[c["expect"]["kind"]] = kinds.get(c["expect"]["kind"], 0) + 1
    print("kinds:", ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())),
          "| multi-turn:", sum(1 for c in cases if c.get("turns")),
          "| guessed_unit:", sum("guessed_unit" in c["tags"] for c in cases),
          "| mixed_years:", sum("mixed_years" in c["tags"] for c in cases))
    print(f"SUMMARY {ok}/{EXPECTED_N} cases match" + ("" if not problems_total else f"; {len(problems_total)} set-level problem(s)"))
    return 0 if ok == EXPECTED_N and not problems_total and len(cases) == EXPECTED_N else 1


if __name__ == "__main__":
    sys.exit(main())
