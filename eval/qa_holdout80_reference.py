#!/usr/bin/env python3
"""Reference for eval/qa_holdout80.jsonl: recomputes every expected answer from the hand-checked gold
(tests/fixtures/gold/*.json) and the sample texts (data/samples/*.txt, for passage and mention cases),
rebuilds each case's cite list and its `guessed_unit` / `mixed_years` tags, prints every mismatch and
then "SUMMARY n/120". Exit 0 only at 120/120. Standard library only.
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
CASES = ROOT / "eval" / "qa_holdout80.jsonl"

STEM = {"A": "000_2133ae744f48d674", "B": "001_19df74b8cb7281a4", "Y": "002_c42cd15df52a6935",
        "W": "003_acfa5b9243423631", "E": "004_5206fb2196a31c52",
        "H3": "hongze-qu-gov-2023", "H4": "hongze-qu-gov-2024"}
R = {s: json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8")) for s, stem in STEM.items()}
FILE = {s: Path(R[s]["file"]).name for s in R}          # 000_….txt or hongze-qu-gov-2023.pdf
BYFILE = {FILE[s]: s for s in R}
SAMPLE5 = ["A", "B", "Y", "W", "E"]                     # the 2019-template reports
Y2020 = [s for s in R if R[s]["year"] == 2020]
PROC = [s for s in R if R[s]["facts"].get("active.procurement.amount", {}).get("state") == "number"]


class NotAnswerable(Exception):
    pass


# ---------------------------------------------------------------- balance rules R1–R4 (from the gold cells)
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
HANDLED_ROWS = (["granted", "partial"] + [f"withheld_{k}" for k in ("secret", "law", "safety", "third_party",
                "internal", "process", "enforcement", "query")] + [f"unavailable_{k}" for k in ("not_held",
                "needs_creation", "unclear")] + [f"declined_{k}" for k in ("complaint", "duplicate", "publication",
                "excessive", "confirmation")] + ["other", "other_no_correction", "other_no_fee", "other_misc"])


def _st(s, key):
    f = R[s]["facts"].get(key)
    return (f["state"], f["value"]) if f else ("absent", None)


def failing_cells(s):
    """Every cell of a group that breaks R1–R4 (blank cells make a group skip, not fail)."""
    bad = set()

    def check(parts, whole):
        states = [_st(s, k) for k in parts + [whole]]
        if any(st == "blank" or st == "unreadable" for st, _ in states):
            return
        nums = [(k, v) for k, (st, v) in zip(parts + [whole], states) if st == "number"]
        if _st(s, whole)[0] != "number":
            return
        tot = sum(v for k, v in nums if k != whole)
        if abs(tot - _st(s, whole)[1]) > 1e-9:
            bad.update(k for k, _ in nums)
    # R1 per column: new + carried_in = handled + carried_out
    for col in COLS:
        keys = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
        sts = [_st(s, k) for k in keys]
        if all(st == "number" for st, _ in sts):
            if abs(sts[0][1] + sts[1][1] - sts[2][1] - sts[3][1]) > 1e-9:
                bad.update(keys)
    # R2 per column: handled = sum of rows
    for col in COLS:
        rows = [f"requests.{r}.{col}" for r in HANDLED_ROWS if _st(s, f"requests.{r}.{col}")[0] != "absent"]
        check(rows, f"requests.handled.{col}")
    # R3 per row: total = six applicant columns
    rows = {k.split(".")[1] for k in R[s]["facts"] if k.startswith("requests.")}
    for r in rows:
        check([f"requests.{r}.{c}" for c in COLS[:-1]], f"requests.{r}.total")
    # R4 per group
    for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"):
        check([f"review.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")], f"review.{g}.total")
    return bad


FAIL = {s: failing_cells(s) for s in R}


# ---------------------------------------------------------------- sections of the sample texts
HEAD = re.compile(r"^[#*\s]*([一二三四五六])、\s*(.*)$")
HEAD_WORDS = ("总体情况", "主动公开政府信息", "收到和处理", "行政复议", "主要问题", "其他需要报告")


def sections(s):
    text = (SAMPLES / FILE[s]).read_text(encoding="utf-8")
    out, cur = {}, None
    for line in text.splitlines():
        m = HEAD.match(line)
        if m and "\t" not in line and any(w in m.group(2) for w in HEAD_WORDS):
            cur = m.group(1)
            out.setdefault(cur, "")
            continue
        if cur:
            out[cur] += line + "\n"
    return out


SECTIONS = {s: sections(s) for s in SAMPLE5}


# ---------------------------------------------------------------- a case's working context
class Ctx:
    def __init__(self, quality=False):
        self.cite, self.guessed, self.files, self.quality = [], False, set(), quality

    def _add(self, c, s):
        if c not in self.cite:
            self.cite.append(c)
        self.files.add(s)

    def v(self, s, key):
        f = R[s]["facts"].get(key)
        if f is None or f["state"] != "number":
            raise NotAnswerable(f"{s} {key} is {f['state'] if f else 'absent'}")
        if key in FAIL[s] and not self.quality:
            raise NotAnswerable(f"{s} {key} belongs to a group failing a balance rule")
        if key == "active.procurement.amount" and f.get("unit_assumed"):
            self.guessed = True
        self._add(f"{FILE[s]}#{key}", s)
        return f["value"]

    def f(self, s):
        self._add(FILE[s], s)

    def ranked(self, ss, key, desc=True):
        vals = [(s, self.v(s, key)) for s in ss]
        return sorted(vals, key=lambda t: -t[1] if desc else t[1])

    def nth(self, ss, key, n, desc=True):
        r = self.ranked(ss, key, desc)
        vals = [v for _, v in r]
        assert vals.count(vals[n - 1]) == 1, f"tie at position {n}"
        return r[n - 1][0]

    def top(self, ss, key, n, desc=True):
        r = self.ranked(ss, key, desc)
        vals = [v for _, v in r]
        for i in range(n):
            assert vals.count(vals[i]) == 1, f"tie inside top {n}"
        return [R[s]["agency"] for s, _ in r[:n]]


def num(v, unit="count"):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def pct(a, b):
    return num(100.0 * a / b, "percent")


def ag(s):
    return {"kind": "agency", "value": R[s]["agency"]}


def lst(values, ordered):
    return {"kind": "list", "values": values, "ordered": ordered}


def yes(b):
    return {"kind": "boolean", "value": bool(b)}


def passage(c, s, sec, anchors):
    text = SECTIONS[s].get(sec, "")
    assert text.strip() and any(a in text for a in anchors), f"{s} section {sec} lacks {anchors}"
    c.f(s)
    return {"kind": "passages", "files": [FILE[s]], "sections": [sec]}


def mention(c, word):
    files, secs = [], []
    for s in SAMPLE5:
        for sec, text in SECTIONS[s].items():
            if word in text:
                if FILE[s] not in files:
                    files.append(FILE[s])
                    c.f(s)
                if sec not in secs:
                    secs.append(sec)
    assert files, word
    return {"kind": "passages", "files": files, "sections": secs}


def unans(c, check, note):
    """`check` must fail (blank/absent/failing cell, or no such report) for the case to be unanswerable."""
    try:
        check(Ctx())
    except (NotAnswerable, KeyError):
        return {"kind": "unanswerable", "note": note}
    raise AssertionError("the data can answer this after all")


def no_report(agency_part, year):
    def chk(_):
        if not any(agency_part in R[s]["agency"] and R[s]["year"] == year for s in R):
            raise NotAnswerable("no such report")
    return chk


def withheld(c, s):
    return sum(c.v(s, f"requests.{r}.total") for r in HANDLED_ROWS if r.startswith("withheld_"))


def quality_cells(c, s):
    for k in sorted(FAIL[s]):
        c.v(s, k)


def signed(ss):
    return [s for s in ss if R[s].get("published")]


def kind_of(s):
    k = R[s].get("agency_kind")
    if k:
        return k
    return "government" if R[s]["agency"].endswith("人民政府") else None


# ---------------------------------------------------------------- the 120 cases
P = "active.procurement."
S = {}
S["h80-001"] = lambda c: num(c.v("Y", P + "amount"), "yuan")
S["h80-002"] = lambda c: num(c.v("Y", P + "amount") / c.v("Y", P + "projects"), "yuan")
S["h80-003"] = lambda c: num(sum(1 for s in Y2020 if c.v(s, P + "amount") > 100000))
S["h80-004"] = lambda c: ag(c.nth(PROC, P + "amount", 2))
S["h80-005"] = lambda c: num(c.v(c.nth(Y2020, P + "projects", 1), P + "amount"), "yuan")
S["h80-006"] = lambda c: num(c.v("Y", P + "amount") - c.v("A", P + "amount"), "yuan")
S["h80-007"] = lambda c: num(c.v("E", P + "amount"), "yuan")
S["h80-008"] = lambda c: num(sum(c.v(s, P + "projects") for s in R if R[s]["province"] == "福建省"))
S["h80-009"] = lambda c: yes(c.v("W", P + "amount") > c.v("B", P + "amount"))
S["h80-010"] = lambda c: unans(c, lambda k: k.v("H4", P + "amount"), "2021 template has no procurement block")
S["h80-011"] = lambda c: pct(c.v("Y", P + "amount"), sum(c.v(s, P + "amount") for s in PROC))
S["h80-012"] = lambda c: num(c.v("H4", "active.fees.amount"), "yuan")
S["h80-013"] = lambda c: num(c.v("H3", "active.fees.amount") - c.v("H4", "active.fees.amount"), "yuan")
S["h80-014"] = lambda c: num(statistics.median(c.v(s, P + "amount") for s in PROC), "yuan")
S["h80-015"] = lambda c: num(statistics.mean(c.v(s, P + "amount") for s in Y2020), "yuan")
S["h80-016"] = lambda c: num(sum(1 for s in SAMPLE5 if c.v(s, "active.penalty.decisions") > 5))
S["h80-017"] = lambda c: ag(c.nth(PROC, P + "projects", 1, desc=False))
S["h80-018"] = lambda c: passage(c, "B", "五", ["不足"])
S["h80-019"] = lambda c: num(c.v("Y", P + "projects") + c.v("B", P + "projects"))


def _h80_020(c):
    per = {s: c.v(s, P + "amount") / c.v(s, P + "projects") for s in Y2020}
    best = max(per, key=per.get)
    assert sorted(per.values()).count(per[best]) == 1
    return ag(best)


S["h80-020"] = _h80_020
RQ = "requests."
S["h80-021"] = lambda c: num(c.v("H4", RQ + "new.total"))
S["h80-022"] = lambda c: pct(c.v("H4", RQ + "granted.total"), c.v("H4", RQ + "handled.total"))
S["h80-023"] = lambda c: pct(c.v("H4", RQ + "new.total"), c.v("H3", RQ + "new.total"))
S["h80-024"] = lambda c: num(sum(1 for s in Y2020 if c.v(s, RQ + "new.total") >= 1))
S["h80-025"] = lambda c: ag(c.nth(PROC, P + "projects", 2, desc=False))
S["h80-026"] = lambda c: unans(c, lambda k: k.v("W", RQ + "carried_out.total"), "cell printed blank")
S["h80-027"] = lambda c: num(c.v("H3", "active.licensing.decisions") + c.v("H4", "active.licensing.decisions"))
S["h80-028"] = lambda c: num(c.v("H3", "active.penalty.decisions") - c.v("H4", "active.penalty.decisions"))
S["h80-029"] = lambda c: yes(c.v("H4", "active.coercion.decisions") > c.v("H3", "active.coercion.decisions"))
S["h80-030"] = lambda c: passage(c, "W", "五", ["加强", "律师"])
S["h80-031"] = lambda c: (c.f("Y"), lst([R["Y"]["city"]], False))[1]
S["h80-032"] = lambda c: pct(c.v("H4", RQ + "unavailable_not_held.total"), c.v("H4", RQ + "handled.total"))
S["h80-033"] = lambda c: num(c.v("H4", "review.reconsideration.corrected"))
S["h80-034"] = lambda c: num(c.v("H4", "review.lawsuit_direct.total") + c.v("H4", "review.lawsuit_after_review.total"))
S["h80-035"] = lambda c: unans(c, lambda k: k.v("H3", "review.reconsideration.total"), "R4 fails for this group")


def _h80_036(c):
    c.quality = True
    g = "review.reconsideration."
    parts = sum(c.v("H3", g + k) for k in ("upheld", "corrected", "other", "pending"))
    return yes(parts == c.v("H3", g + "total"))


S["h80-036"] = _h80_036
S["h80-037"] = lambda c: num(sum(1 for r in HANDLED_ROWS if r.startswith("withheld_")
                                 and c.v("H4", f"{RQ}{r}.total") != 0))


def _h80_038(c):
    hits = [s for s in R if kind_of(s) == "street_office"]
    assert len(hits) == 1
    c.f(hits[0])
    return ag(hits[0])


S["h80-038"] = _h80_038
S["h80-039"] = lambda c: num(c.v("H4", "active.normative.in_force") - c.v("H3", "active.normative.in_force"))
S["h80-040"] = lambda c: num((c.v("H3", RQ + "new.total") + c.v("H4", RQ + "new.total")) / 2)
S["h80-041"] = lambda c: num(c.v("Y", "active.penalty.prev_items"))
S["h80-042"] = lambda c: num(c.v("W", RQ + "unavailable_not_held.total"))
S["h80-043"] = lambda c: yes(c.v("B", "active.penalty.decisions")
                             == c.v("B", "active.penalty.prev_items") + c.v("B", "active.penalty.change"))
S["h80-044"] = lambda c: lst(c.top(SAMPLE5, "active.penalty.prev_items", len(SAMPLE5)), True)
S["h80-045"] = lambda c: passage(c, "A", "一", ["公开"])
S["h80-046"] = lambda c: mention(c, "人口普查")
S["h80-047"] = lambda c: unans(c, no_report("鹿城区统计局", 2021), "no 2021 report of this agency")
S["h80-048"] = lambda c: (c.f("E"), lst([R["E"]["province"]], False))[1]


def _first_signed(c, last=False):
    ss = signed(R)
    for s in ss:
        c.f(s)
    dates = sorted(R[s]["published"] for s in ss)
    pick = dates[-1] if last else dates[0]
    assert dates.count(pick) == 1
    return ag(next(s for s in ss if R[s]["published"] == pick))


S["h80-049"] = lambda c: _first_signed(c)
S["h80-050"] = lambda c: num(c.v("H4", RQ + "partial.total") + c.v("H4", RQ + "granted.total"))
S["h80-051"] = lambda c: pct(c.v("Y", RQ + "new.person"), c.v("Y", RQ + "new.total"))
S["h80-052"] = lambda c: num(c.v("H4", RQ + "new.total") - c.v("H3", RQ + "new.total"))
S["h80-053"] = lambda c: yes(c.v("W", RQ + "new.total") > sum(c.v(s, RQ + "new.total") for s in ("A", "B", "E")))
S["h80-054"] = lambda c: num(sum(1 for s in SAMPLE5 if c.v(s, "active.other_services.prev_items") > 0))
S["h80-055"] = lambda c: unans(c, lambda k: k.v("A", RQ + "unavailable_not_held.total"), "cell blank")
S["h80-056"] = lambda c: passage(c, "E", "五", ["不足"])
S["h80-057"] = lambda c: num(c.v("H3", RQ + "unavailable_needs_creation.total"))
S["h80-058"] = lambda c: num(c.v(c.nth(Y2020, RQ + "new.total", 1), RQ + "granted.total"))


def _template(c, s, t):
    c.f(s)
    return yes(R[s]["template"] == t)


S["h80-059"] = lambda c: _template(c, "H3", "2021")
S["h80-060"] = lambda c: num(sum(c.v("H4", f"{RQ}{r}.total") for r in HANDLED_ROWS if r.startswith("declined_")))
S["h80-061"] = lambda c: num(c.v("H4", "active.licensing.decisions"))
S["h80-062"] = lambda c: pct(c.v("H4", "active.licensing.decisions"), c.v("H3", "active.licensing.decisions"))
S["h80-063"] = lambda c: ag(c.nth(Y2020, P + "amount", 2))
S["h80-064"] = lambda c: num(statistics.median(c.v(s, P + "projects") for s in PROC))
S["h80-065"] = lambda c: num(sum(1 for s in SAMPLE5 if c.v(s, "active.penalty.decisions") >= 1))
S["h80-066"] = lambda c: unans(c, lambda k: [k.v(s, f"review.{g}.total") for s in R for g in
                                             ("reconsideration", "lawsuit_direct", "lawsuit_after_review")],
                               "Hongze 2023 section 四 fails R4")
S["h80-067"] = lambda c: yes(c.v("H4", RQ + "handled.total") == c.v("H4", RQ + "new.total"))
S["h80-068"] = lambda c: passage(c, "B", "五", ["加强学习"])
S["h80-069"] = lambda c: pct(c.v("H3", RQ + "partial.total"), c.v("H3", RQ + "handled.total"))


def _h80_070(c):
    ss = [s for s in SAMPLE5 if c.v(s, "active.penalty.decisions") > 0]
    c.cite = [x for x in c.cite if any(FILE[s] in x for s in ss)]
    return ag(c.nth(ss, "active.penalty.decisions", 1, desc=False))


S["h80-070"] = _h80_070
S["h80-071"] = lambda c: num(withheld(c, c.nth(Y2020, RQ + "new.total", 1)))
S["h80-072"] = lambda c: num((c.v("H3", "active.coercion.decisions") + c.v("H4", "active.coercion.decisions")) / 2)


def _h80_073(c):
    ss = [s for s in R if R[s]["template"] == "2021"]
    for s in ss:
        c.f(s)
    return num(len(ss))


S["h80-073"] = _h80_073
S["h80-074"] = lambda c: num(c.v("H3", "active.fees.amount") + c.v("H4", "active.fees.amount"), "yuan")
S["h80-075"] = lambda c: unans(c, lambda k: k.v("E", "active.fees.amount"), "2019 template prints no fee amount")
S["h80-076"] = lambda c: ag(c.nth(Y2020, P + "projects", 3))


def _h80_077(c):
    c.quality = True
    g = "review.lawsuit_after_review."
    assert c.v("H3", g + "total") == 0
    return num(sum(c.v("H3", g + k) for k in ("upheld", "corrected", "other", "pending")))


S["h80-077"] = _h80_077
S["h80-078"] = lambda c: yes(c.v("Y", P + "amount") / c.v("Y", P + "projects")
                             > c.v("A", P + "amount") / c.v("A", P + "projects"))
S["h80-079"] = lambda c: passage(c, "Y", "五", ["问题"])
S["h80-080"] = lambda c: num(c.v("H4", RQ + "withheld_process.total") + c.v("H4", RQ + "withheld_enforcement.total")
                             + c.v("H4", RQ + "withheld_safety.total"))
S["h80-081"] = lambda c: num(sum(c.v(s, P + "amount") for s in PROC) / sum(c.v(s, P + "projects") for s in PROC), "yuan")


def _h80_082(c):
    vals = [c.v(s, RQ + "new.total") for s in Y2020]
    vals = [v for v in vals if v >= 1]
    return num(sum(vals) / len(vals))


S["h80-082"] = _h80_082
S["h80-083"] = lambda c: num(sum(1 for s in PROC if c.v(s, P + "amount") >= 100000))
S["h80-084"] = lambda c: num(c.v("H3", "active.penalty.decisions"))
S["h80-085"] = lambda c: pct(c.v("H4", "active.penalty.decisions"), c.v("H3", "active.penalty.decisions"))
S["h80-086"] = lambda c: ag(c.nth(SAMPLE5, "active.penalty.decisions", 2))
S["h80-087"] = lambda c: unans(c, no_report("洪泽区", 2022), "no 2022 report")
S["h80-088"] = lambda c: yes(c.v("H4", "review.reconsideration.total") > c.v("H4", "review.lawsuit_direct.total"))
S["h80-089"] = lambda c: pct(sum(c.v("H4", f"review.{g}.upheld") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")),
                             sum(c.v("H4", f"review.{g}.total") for g in ("reconsideration", "lawsuit_direct", "lawsuit_after_review")))
S["h80-090"] = lambda c: num(statistics.median(c.v(s, "active.penalty.prev_items") for s in SAMPLE5))
S["h80-091"] = lambda c: num(c.v("B", RQ + "carried_in.total"))
S["h80-092"] = lambda c: pct(c.v("H3", RQ + "new.person"), c.v("H3", RQ + "new.total"))
S["h80-093"] = lambda c: mention(c, "微信公众号")
S["h80-094"] = lambda c: num(c.v("A", P + "amount") - c.v("W", P + "amount"), "yuan")
S["h80-095"] = lambda c: num(sum(1 for s in ("H3", "H4") if c.v(s, "active.licensing.decisions") > 500))


def _h80_096(c):
    r = c.ranked(Y2020, P + "amount")
    return num(statistics.mean(v for _, v in r[1:]), "yuan")


S["h80-096"] = _h80_096
S["h80-097"] = lambda c: num(sum(c.v("H3", f"{RQ}{r}.total") for r in HANDLED_ROWS if r.startswith("unavailable_")))
S["h80-098"] = lambda c: ag(c.nth(Y2020, P + "amount", 2, desc=False))
S["h80-099"] = lambda c: yes(c.v("H4", "active.normative.in_force") > c.v("H3", "active.normative.in_force"))
S["h80-100"] = lambda c: num(c.v("W", P + "amount") / c.v("W", P + "projects"), "yuan")
S["h80-101"] = lambda c: num(c.v("H4", "active.coercion.decisions"))
S["h80-102"] = lambda c: (c.f("B"), lst([R["B"]["province"]], False))[1]


def _h80_103(c):
    for s in Y2020:
        c.f(s)
    return lst([R[s]["agency"] for s in Y2020], False)


S["h80-103"] = _h80_103


def _h80_104(c):
    ss = [s for s in R if _st(s, P + "amount")[0] == "absent"]
    for s in ss:
        c.f(s)
    return num(len(ss))


S["h80-104"] = _h80_104


def _h80_105(c):
    c.quality = True
    ss = [s for s in R if FAIL[s]]
    for s in ss:
        assert R[s]["checks"]["R4"].startswith("fail")
        quality_cells(c, s)
    return num(len(ss))


S["h80-105"] = _h80_105


def _h80_106(c):
    c.quality = True
    nn = [n for n in R["H4"]["narrative_numbers"] if n.get("cell") == "requests.new.total"]
    assert nn and nn[0]["value"] == 17 and nn[0]["agrees"] is False
    return num(c.v("H4", RQ + "new.total"))


S["h80-106"] = _h80_106
S["h80-107"] = lambda c: unans(c, lambda k: k.v("W", RQ + "other.total"), "cell blank")
S["h80-108"] = lambda c: num(sum(c.v(s, RQ + "new.total") for s in Y2020 if R[s]["province"] == "福建省"))
S["h80-109"] = lambda c: num(c.v(c.nth(Y2020, P + "amount", 1), P + "projects"))
S["h80-110"] = lambda c: yes(c.v("E", RQ + "handled.total") > 0)
S["h80-111"] = lambda c: passage(c, "A", "五", ["问题"])
S["h80-112"] = lambda c: num(c.v("B", "active.penalty.decisions") - c.v("Y", "active.penalty.decisions"))
S["h80-113"] = lambda c: lst(c.top(Y2020, "active.penalty.decisions", 2), True)
S["h80-114"] = lambda c: unans(c, no_report("西湖区", 2020), "agency not in the data")
S["h80-115"] = lambda c: num(statistics.mean(c.v(s, RQ + "handled.total") for s in Y2020))
S["h80-116"] = lambda c: _first_signed(c, last=True)
S["h80-117"] = lambda c: yes(c.v("H4", "active.fees.amount") < c.v("H3", "active.fees.amount"))
S["h80-118"] = lambda c: num(sum(1 for s in R if c.v(s, RQ + "new.total") > 2))


def _h80_119(c):
    ss = [s for s in R if kind_of(s) == "government"]
    assert len({R[s]["agency"] for s in ss}) == 1
    for s in ss:
        c.f(s)
    return ag(ss[0])


S["h80-119"] = _h80_119
S["h80-120"] = lambda c: num(c.v("H3", "review.lawsuit_direct.total") + c.v("H4", "review.lawsuit_direct.total"))


def build(cid):
    """(expect, cite, auto_tags) of one case, recomputed from the gold."""
    c = Ctx()
    exp = S[cid](c)
    years = {R[BYFILE[x.partition("#")[0]]]["year"] for x in c.cite}
    tags = []
    if c.guessed:
        tags.append("guessed_unit")
    if len(years) > 1:
        tags.append("mixed_years")
    return exp, c.cite, tags


def same(a, b):
    if a.get("kind") != b.get("kind"):
        return False
    k = a["kind"]
    if k == "number":
        return a.get("unit") == b.get("unit") and abs(a["value"] - b["value"]) <= max(0.011, 0.0001 * abs(b["value"]))
    if k in ("agency", "boolean"):
        return a.get("value") == b.get("value")
    if k == "list":
        if bool(a.get("ordered")) != bool(b["ordered"]):
            return False
        return a["values"] == b["values"] if b["ordered"] else sorted(map(str, a["values"])) == sorted(map(str, b["values"]))
    if k == "passages":
        return sorted(a["files"]) == sorted(b["files"]) and sorted(a["sections"]) == sorted(b["sections"])
    return True  # unanswerable


def main():
    lines = [json.loads(x) for x in CASES.read_text(encoding="utf-8").splitlines() if x.strip()]
    ids = [f"h80-{i:03d}" for i in range(1, 121)]
    bad = []
    if [x["id"] for x in lines] != ids:
        bad.append("ids are not h80-001 … h80-120 in order")
    zh = sum("zh" in x["tags"] for x in lines)
    en = sum("en" in x["tags"] for x in lines)
    if (zh, en) != (60, 60):
        bad.append(f"language tags zh={zh} en={en}, want 60/60")
    ok = 0
    for case in lines:
        cid, problems = case["id"], []
        try:
            exp, cite, auto = build(cid)
        except Exception as e:  # noqa: BLE001
            print(f"{cid}: reference failed: {type(e).__name__}: {e}")
            continue
        if not same(case["expect"], exp):
            problems.append(f"expect {case['expect']} != {exp}")
        if case.get("cite", []) != cite:
            problems.append(f"cite {case.get('cite')} != {cite}")
        for t in ("guessed_unit", "mixed_years"):
            if (t in case["tags"]) != (t in auto):
                problems.append(f"tag {t} should be {'present' if t in auto else 'absent'}")
        if exp["kind"] == "unanswerable" and "unanswerable" not in case["tags"]:
            problems.append("unanswerable case lacks the tag")
        if case.get("turns") is not None and not isinstance(case["turns"], list):
            problems.append("turns must be a list")
        for p in problems:
            print(f"{cid}: {p}")
        ok += not problems
    for b in bad:
        print(b)
    if bad:
        ok = min(ok, 0)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
