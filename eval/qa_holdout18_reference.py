"""Independent reference for eval/qa_holdout18.jsonl (standard library only).

Recomputes every case's expected answer and cite list from the gold fact files
(tests/fixtures/gold/*.json) and, for narrative/passage cases, from the sample texts
(data/samples/*.txt). Reports are selected by agency name, year, province, template or
agency kind -- never by a list of file names. Numbers come only from cells in state
`number`; blank/absent cells are never read as 0; R1-R4 are recomputed here and every
cell of a failing equation is unusable. Rankings assert that the asked position is not tied.

    python3 eval/qa_holdout18_reference.py      # one line per case + summary; exit 1 on mismatch
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD_DIR = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES = os.path.join(ROOT, "data", "samples")
CASES_FILE = os.path.join(HERE, "qa_holdout18.jsonl")

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPLICANTS = COLS[:-1]
WITHHELD = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
            "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query"]
UNAVAIL = ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"]
DECLINED = ["declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
            "declined_confirmation"]
OTHER_2021 = ["other_no_correction", "other_no_fee", "other_misc"]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
GPARTS = ["upheld", "corrected", "other", "pending"]


# ----------------------------------------------------------------------------- data
class Report:
    def __init__(self, d: dict):
        self.d = d
        self.file = os.path.basename(d["file"])          # the cite name
        self.agency = d["agency"]
        self.names = {d["agency"], d.get("agency_full") or d["agency"]}
        self.names |= {v["text"] for v in d.get("agency_variants", [])}
        self.year = d["year"]
        self.province = d["province"]
        self.city = d["city"]
        self.template = d["template"]
        self.published = d.get("published")
        kind = d.get("agency_kind")
        if not kind:  # infer from the name when the gold file does not say
            a = d["agency"]
            kind = ("government" if a.endswith(("人民政府", "办公厅")) else
                    "street_office" if a.endswith(("街道办事处", "乡人民政府", "镇人民政府")) else "department")
        self.kind = kind
        self.facts = d["facts"]
        self.failing, self.evaluated, self.fail_eqs = evaluate_checks(self.facts)
        path = os.path.join(SAMPLES, self.file)
        self.text = open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else None

    def __repr__(self):
        return f"{self.agency}/{self.year}"


def st(facts, key):
    f = facts.get(key)
    return None if f is None else f["state"]


def equations(facts):
    """(rule, lhs keys, rhs keys) for R1-R4 of one report."""
    rows = []
    for k in facts:
        if k.startswith("requests."):
            r = k.split(".")[1]
            if r not in rows:
                rows.append(r)
    others = OTHER_2021 if any(st(facts, f"requests.{o}.total") == "number" for o in OTHER_2021) else ["other"]
    outcome = ["granted", "partial"] + WITHHELD + UNAVAIL + DECLINED + others
    eqs = []
    for col in COLS:
        eqs.append(("R1", [f"requests.new.{col}", f"requests.carried_in.{col}"],
                    [f"requests.handled.{col}", f"requests.carried_out.{col}"]))
        eqs.append(("R2", [f"requests.handled.{col}"], [f"requests.{r}.{col}" for r in outcome]))
    for r in rows:
        if all(st(facts, f"requests.{r}.{c}") == "absent" for c in COLS):
            continue
        eqs.append(("R3", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in APPLICANTS]))
    for g in GROUPS:
        eqs.append(("R4", [f"review.{g}.total"], [f"review.{g}.{p}" for p in GPARTS]))
    return eqs


def evaluate_checks(facts):
    failing, evaluated, fail_eqs = set(), 0, []
    for rule, lhs, rhs in equations(facts):
        keys = lhs + rhs
        if not all(st(facts, k) == "number" for k in keys):
            continue  # skipped: a blank/absent/unreadable cell
        evaluated += 1
        l = sum(facts[k]["value"] for k in lhs)
        r = sum(facts[k]["value"] for k in rhs)
        if abs(l - r) > 1e-9:
            failing |= set(keys)
            fail_eqs.append((rule, lhs, rhs))
    return failing, evaluated, fail_eqs


REPORTS = [Report(json.load(open(p, encoding="utf-8"))) for p in sorted(glob.glob(os.path.join(GOLD_DIR, "*.json")))]


def find(name=None, year=None, **meta):
    out = []
    for r in REPORTS:
        if name is not None and not any(name in n for n in r.names):
            continue
        if year is not None and r.year != year:
            continue
        if any(getattr(r, k) != v for k, v in meta.items()):
            continue
        out.append(r)
    return out


def one(name, year=None, **meta):
    rs = find(name, year, **meta)
    assert len(rs) == 1, f"{name} {year} {meta}: {rs}"
    return rs[0]


# ----------------------------------------------------------------------------- per-case context
class Ctx:
    def __init__(self):
        self.used = []        # (report, key) of every cell read
        self.cites = []
        self.guessed = False
        self.reports = []

    def touch(self, r):
        if r not in self.reports:
            self.reports.append(r)


CTX = Ctx()


def why_unusable(r: Report, key: str):
    f = r.facts.get(key)
    if f is None:
        return "no such cell in this report"
    if f["state"] != "number":
        return f"state {f['state']}"
    if key in r.failing:
        return "cell of a failing balance equation"
    return None


def usable(r, key):
    return why_unusable(r, key) is None


def val(r: Report, key: str, cite=True):
    why = why_unusable(r, key)
    assert why is None, f"{r} {key}: {why}"
    f = r.facts[key]
    CTX.used.append((r, key))
    CTX.touch(r)
    if f.get("unit_assumed"):
        CTX.guessed = True
    if cite:
        cite_cell(r, key)
    return f["value"]


def cite_cell(r, key):
    c = f"{r.file}#{key}"
    if c not in CTX.cites:
        CTX.cites.append(c)


def cite_file(r):
    if r.file not in CTX.cites:
        CTX.cites.append(r.file)


def narrative(r: Report, needle: str, cite=True):
    """A narrative number from the gold file, verified against the sample text when we hold it."""
    hits = [n for n in r.d.get("narrative_numbers", []) if needle in n["text"]]
    assert len(hits) == 1, f"{r} narrative {needle!r}: {len(hits)} hits"
    n = hits[0]
    if r.text is not None:
        flat = "".join(r.text).replace(" ", "")
        assert n["text"].replace(" ", "") in flat, f"{r}: narrative text not found in the sample"
    CTX.touch(r)
    raw = n.get("raw", "")
    if n.get("unit") == "yuan" and raw and "元" not in raw:
        CTX.guessed = True
    if cite:
        cite_file(r)
    return n


def narrative_contradicts(r):
    out = []
    for n in r.d.get("narrative_numbers", []):
        agree = n.get("agrees_with_table", n.get("agrees"))
        if agree is False:
            out.append(n)
    return out


HEAD = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理", "四": "行政复议",
        "五": "问题", "六": "其他需要报告"}


def sections(r: Report):
    """line index -> canonical section, from headings matched by meaning."""
    marks = []
    order = list(HEAD)
    nxt = 0
    for i, line in enumerate(r.text):
        s = re.sub(r"[#*\s]", "", line)
        if nxt < len(order):
            n = order[nxt]
            if s.startswith(n + "、") and HEAD[n] in s and len(s) < 40:
                marks.append((i, n))
                nxt += 1
    assert [m[1] for m in marks] == order, f"{r}: headings {marks}"
    sec = {}
    for j, (i, n) in enumerate(marks):
        end = marks[j + 1][0] if j + 1 < len(marks) else len(r.text)
        for k in range(i, end):
            sec[k] = n
    return sec


def passage(r: Report, needle: str):
    sec = sections(r)
    lines = [i for i, l in enumerate(r.text) if needle in l.replace(" ", "")]
    assert lines, f"{r}: {needle!r} not in text"
    secs = sorted({sec.get(i) for i in lines})
    assert len(secs) == 1 and secs[0], f"{r}: {needle!r} in sections {secs}"
    CTX.touch(r)
    cite_file(r)
    return {"kind": "passages", "files": [r.file], "sections": secs}


def mentions(reports, word):
    out = []
    for r in reports:
        assert r.text is not None, f"{r}: no text held, cannot search"
        if any(word in l for l in r.text):
            out.append(r)
            cite_file(r)
    return out


def distinct_agencies(reports):
    out = []
    for r in reports:
        if r.agency not in out:
            out.append(r.agency)
    return out


def ranked(items, pos, descending=True):
    """items: [(label, value)]; returns the label at 1-based pos, asserting it is not tied."""
    s = sorted(items, key=lambda x: x[1], reverse=descending)
    v = s[pos - 1][1]
    assert sum(1 for _, x in s if x == v) == 1, f"position {pos} tied: {s}"
    return s[pos - 1][0]


def top_n(items, n, descending=True):
    s = sorted(items, key=lambda x: x[1], reverse=descending)
    vals = [x[1] for x in s]
    assert len(set(vals[:n])) == n, f"tie in top {n}: {s}"
    if len(vals) > n:
        assert vals[n - 1] != vals[n], f"tie at the cut {n}: {s}"
    return [x[0] for x in s[:n]]


# ----------------------------------------------------------------------------- expect builders
def NUM(v, unit="count"):
    return {"kind": "number", "value": round(v, 2), "unit": unit}


def AG(v):
    return {"kind": "agency", "value": v}


def LST(v, ordered=False):
    return {"kind": "list", "values": v, "ordered": ordered}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


def REFUSE(reason_ok):
    assert reason_ok, "refusal not justified by the data"
    return {"kind": "unanswerable"}


def refuse_cell(r, key):
    why = why_unusable(r, key)
    CTX.touch(r)
    return REFUSE(why is not None)


def refuse_report(name, year):
    """the agency is held, but not for that year"""
    return REFUSE(bool(find(name)) and not find(name, year))


def pct(a, b):
    return 100.0 * a / b


# ----------------------------------------------------------------------------- the cases
SPEC = {}


def case(n):
    def deco(fn):
        SPEC[f"h18-{n:03d}"] = fn
        return fn
    return deco


HZ = "洪泽区"
T19 = [r for r in REPORTS if r.template == "2019"]
Y2020 = find(year=2020)
BUREAUS = [r for r in REPORTS if r.agency.endswith("统计局")]
WITH_PROC = [r for r in REPORTS if usable(r, "active.procurement.amount")]


@case(1)
def _():
    return NUM(val(one("鼓楼区统计局", 2020), "active.penalty.decisions"))


@case(2)
def _():
    return NUM(val(one(HZ, 2023), "requests.unavailable_not_held.total"))


@case(3)
def _():
    return NUM(val(one(HZ, 2024), "requests.unavailable_needs_creation.total"))


@case(4)
def _():
    return NUM(val(one("鄞州区统计局", 2019), "active.rules.public_total"))


@case(5)
def _():
    return NUM(val(one(HZ, 2024), "active.fees.amount"), "yuan")


@case(6)
def _():
    r = one(HZ, 2023)
    assert r.facts["active.fees.amount"].get("unit_printed") == "万元"
    return NUM(val(r, "active.fees.amount"), "yuan")


@case(7)
def _():
    return refuse_cell(one(HZ, 2023), "review.reconsideration.upheld")


@case(8)
def _():
    return NUM(val(one("二七区统计局", 2020), "active.procurement.amount"), "yuan")


@case(9)
def _():
    return NUM(val(one("温泉街道", 2020), "active.procurement.amount"), "yuan")


@case(10)
def _():
    return NUM(val(one("鹿城区统计局"), "active.penalty.prev_items"))


@case(11)
def _():
    return NUM(val(one("二七区统计局"), "active.coercion.prev_items"))


@case(12)
def _():
    return NUM(val(one(HZ, 2024), "active.normative.in_force"))


@case(13)
def _():
    return NUM(val(one(HZ, 2023), "active.normative.repealed"))


@case(14)
def _():
    return refuse_cell(one("温泉街道", 2020), "requests.carried_out.total")


@case(15)
def _():
    return NUM(val(one(HZ, 2024), "review.lawsuit_direct.total"))


@case(16)
def _():
    return NUM(val(one(HZ, 2023), "review.lawsuit_direct.total"))


@case(17)
def _():
    return BOOL(val(one("鹿城区统计局", 2020), "active.procurement.amount") > 100000)


@case(18)
def _():
    return BOOL(val(one(HZ, 2024), "active.fees.amount") > 70_000_000)


@case(19)
def _():
    items = [(r.agency, val(r, "active.penalty.decisions", cite=False)) for r in T19]
    a = ranked(items, 2)
    cite_cell(one(a), "active.penalty.decisions")
    return AG(a)


@case(20)
def _():
    items = []
    for r in WITH_PROC:
        items.append((r.agency, val(r, "active.procurement.amount", False) / val(r, "active.procurement.projects", False)))
    a = ranked(items, 1)
    cite_cell(one(a), "active.procurement.amount")
    cite_cell(one(a), "active.procurement.projects")
    return AG(a)


@case(21)
def _():
    return NUM(sum(val(r, "active.procurement.amount") for r in find(province="浙江省")), "yuan")


@case(22)
def _():
    return NUM(sum(val(r, "active.procurement.projects") for r in Y2020))


@case(23)
def _():
    return NUM(sum(val(r, "requests.new.total") for r in find(year=2020, province="福建省")))


@case(24)
def _():
    return NUM(sum(val(r, "active.penalty.decisions") for r in find(HZ)))


@case(25)
def _():
    r = one(HZ, 2024)
    return NUM(sum(val(r, f"requests.{w}.total") for w in WITHHELD))


@case(26)
def _():
    r = one(HZ, 2023)
    return NUM(sum(val(r, f"requests.{w}.total") for w in UNAVAIL))


@case(27)
def _():
    r = one(HZ, 2024)
    return NUM(pct(val(r, "requests.granted.total"), val(r, "requests.handled.total")), "percent")


@case(28)
def _():
    r = one(HZ, 2023)
    return NUM(pct(val(r, "requests.unavailable_not_held.total"), val(r, "requests.handled.total")), "percent")


@case(29)
def _():
    a, b = val(one(HZ, 2023), "active.licensing.decisions"), val(one(HZ, 2024), "active.licensing.decisions")
    return NUM(pct(b - a, a), "percent")


@case(30)
def _():
    a, b = val(one(HZ, 2023), "active.penalty.decisions"), val(one(HZ, 2024), "active.penalty.decisions")
    return NUM(pct(b - a, a), "percent")


@case(31)
def _():
    return NUM(val(one("鹿城区统计局"), "active.penalty.decisions") - val(one("鄞州区统计局"), "active.penalty.decisions"))


@case(32)
def _():
    return NUM(val(one("鄞州区统计局"), "active.procurement.amount") - val(one("鼓楼区统计局"), "active.procurement.amount"), "yuan")


@case(33)
def _():
    return NUM(val(one(HZ, 2023), "active.fees.amount") - val(one(HZ, 2024), "active.fees.amount"), "yuan")


@case(34)
def _():
    r = one(HZ, 2024)
    return BOOL(val(r, "requests.new.person") == val(r, "requests.new.total"))


@case(35)
def _():
    r = one("温泉街道", 2020)
    return BOOL(all(val(r, f"review.{g}.total") == 0 for g in GROUPS))


@case(36)
def _():
    r = one("鹿城区统计局", 2020)
    return BOOL(val(r, "active.penalty.change") == -15)


@case(37)
def _():
    r = one("温泉街道", 2020)
    return BOOL(val(r, "requests.granted.total") == 0)


@case(38)
def _():
    r = one(HZ, 2023)
    CTX.touch(r)
    keys = [f"review.reconsideration.{p}" for p in GPARTS + ["total"]]
    for k in keys:
        cite_cell(r, k)
    f = r.facts
    assert all(f[k]["state"] == "number" for k in keys)
    return BOOL(sum(f[k]["value"] for k in keys[:-1]) == f[keys[-1]]["value"])


@case(39)
def _():
    r = one(HZ, 2023)
    CTX.touch(r)
    for rule, lhs, rhs in r.fail_eqs:
        for k in rhs + lhs:
            cite_cell(r, k)
    return BOOL(not r.fail_eqs)


@case(40)
def _():
    r = one("鄞州区统计局", 2019)
    n = narrative(r, "立案查处6起")
    return BOOL(n["value"] == val(r, "active.penalty.decisions"))


@case(41)
def _():
    r = one(HZ, 2024)
    n = narrative(r, "受理政府信息公开申请17件")
    return BOOL(n["value"] == val(r, "requests.new.total"))


@case(42)
def _():
    return refuse_cell(one(HZ, 2024), "active.procurement.amount")


@case(43)
def _():
    return refuse_cell(one(HZ, 2024), "requests.other_no_fee.total")


@case(44)
def _():
    return refuse_report("鄞州区统计局", 2020)


@case(45)
def _():
    # the only 鼓楼区统计局 held is in 福州市
    gl = find("鼓楼区统计局")
    return REFUSE(gl and all(r.city == "福州市" for r in gl) and not find(city="南京市"))


@case(46)
def _():
    r = one("二七区统计局", 2020)
    return REFUSE(not any("经费" in k for k in r.facts) and not any("经费" in l for l in r.text))


@case(47)
def _():
    return refuse_report(HZ, 2022)


@case(48)
def _():
    return refuse_cell(one("温泉街道", 2020), "requests.unavailable_needs_creation.total")


@case(49)
def _():
    return refuse_cell(one("鼓楼区统计局", 2020), "requests.unavailable_not_held.total")


@case(50)
def _():
    r = one("鹿城区统计局", 2020)
    return REFUSE(not any(k.split(".")[1].startswith(("days", "time")) for k in r.facts)
                  and not any("工作日" in l for l in r.text))


@case(51)
def _():
    return refuse_cell(one(HZ, 2023), "review.lawsuit_after_review.total")


@case(52)
def _():
    return LST(sorted({r.year for r in REPORTS}))


@case(53)
def _():
    return NUM(len(find(template="2021")))


@case(54)
def _():
    return LST(distinct_agencies(find(province="河南省")))


@case(55)
def _():
    dated = sorted([r for r in REPORTS if r.published], key=lambda r: r.published)
    assert len({r.published for r in dated}) == len(dated)
    return LST([r.agency for r in dated], True)


@case(56)
def _():
    return LST(distinct_agencies([r for r in REPORTS if not r.published]))


@case(57)
def _():
    provs = []
    for r in REPORTS:
        if r.province not in provs:
            provs.append(r.province)
    return LST(provs)


@case(58)
def _():
    no_proc = [r for r in REPORTS if "active.procurement.amount" not in r.facts
               or r.facts["active.procurement.amount"]["state"] == "absent"]
    return LST(distinct_agencies(no_proc))


@case(59)
def _():
    return LST([one("鄞州区统计局").city])


@case(60)
def _():
    return NUM(len(distinct_agencies(REPORTS)))


@case(61)
def _():
    return BOOL(one("鄞州区统计局").template == "2021")


@case(62)
def _():
    failing = [r for r in REPORTS if r.fail_eqs]
    for r in failing:
        for rule, lhs, rhs in r.fail_eqs:
            for k in rhs + lhs:
                cite_cell(r, k)
    return LST(distinct_agencies(failing))


@case(63)
def _():
    bad = [r for r in REPORTS if narrative_contradicts(r)]
    for r in bad:
        for n in narrative_contradicts(r):
            cells = n.get("cells") or [n.get("cell")]
            for k in cells:
                cite_cell(r, k)
    return LST(distinct_agencies(bad))


@case(64)
def _():
    r = one("温泉街道", 2020)
    col = "person"
    return BOOL(val(r, f"requests.new.{col}") + val(r, f"requests.carried_in.{col}")
                == val(r, f"requests.handled.{col}") + val(r, f"requests.carried_out.{col}"))


@case(65)
def _():
    r = one(HZ, 2024)
    g = "lawsuit_after_review"
    return BOOL(sum(val(r, f"review.{g}.{p}") for p in GPARTS) == val(r, f"review.{g}.total"))


@case(66)
def _():
    return NUM(sum(1 for r in REPORTS if not r.fail_eqs))


@case(67)
def _():
    return NUM(narrative(one("鄞州区统计局", 2019), "全年累计发布政府信息")["value"])


@case(68)
def _():
    return NUM(narrative(one("鄞州区统计局", 2019), "官方微博")["value"])


@case(69)
def _():
    return NUM(narrative(one("鼓楼区统计局", 2020), "共发布各类信息")["value"])


@case(70)
def _():
    r = one("温泉街道", 2020)
    return LST([narrative(r, "全年主动公开政府信息")["value"], narrative(r, "其中业务公文")["value"]], True)


@case(71)
def _():
    return NUM(narrative(one(HZ, 2023), "主动公开政府信息")["value"])


@case(72)
def _():
    return NUM(narrative(one("鄞州区统计局", 2019), "罚款总额")["value"], "yuan")


@case(73)
def _():
    r = one("鼓楼区统计局", 2020)
    a = narrative(r, "主动公开信息5条")["value"]
    b = narrative(r, "共发布各类信息")["value"]
    return BOOL(a == b)


@case(74)
def _():
    n = narrative(one("鼓楼区统计局", 2020), "答复及时率")
    assert n.get("unit") == "%"
    return NUM(n["value"], "percent")


@case(75)
def _():
    return NUM(narrative(one(HZ, 2024), "信息处理费")["value"], "yuan")


@case(76)
def _():
    return passage(one("鹿城区统计局"), "两个方面的不足")


@case(77)
def _():
    return passage(one("二七区统计局"), "下一步")


@case(78)
def _():
    return passage(one("鄞州区统计局"), "加强信息保密审查")


@case(79)
def _():
    return passage(one("温泉街道"), "加强个人信息保护")


@case(80)
def _():
    return passage(one("鼓楼区统计局"), "六稳")


@case(81)
def _():
    return passage(one("鄞州区统计局"), "普法宣传")


@case(82)
def _():
    return passage(one("二七区统计局"), "四个")


@case(83)
def _():
    return LST(distinct_agencies(mentions(BUREAUS, "培训")))


@case(84)
def _():
    return LST(distinct_agencies(mentions(Y2020, "档案馆")))


@case(85)
def _():
    return passage(one("鄞州区统计局"), "存在主要问题")


@case(86)
def _():
    return passage(one("温泉街道"), "答复依申请公开处理水平")


@case(87)
def _():
    return passage(one("鹿城区统计局"), "开放日")


@case(88)
def _():
    hits = mentions(Y2020, "邀请律师")
    assert len(hits) == 1
    return AG(hits[0].agency)


@case(89)
def _():
    totals = {}
    for r in WITH_PROC:
        totals[r.province] = totals.get(r.province, 0) + val(r, "active.procurement.amount")
    return LST(top_n(list(totals.items()), len(totals)), True)


@case(90)
def _():
    items = [(r.agency, val(r, "active.procurement.amount", False)) for r in Y2020 if r in BUREAUS]
    a = ranked(items, 2)
    cite_cell(one(a), "active.procurement.amount")
    return AG(a)


@case(91)
def _():
    items = [(r.agency, val(r, "active.procurement.projects", False)) for r in REPORTS
             if usable(r, "active.procurement.projects")]
    names = top_n(items, 2, descending=False)
    for a in names:
        cite_cell(one(a), "active.procurement.projects")
    return LST(names, True)


@case(92)
def _():
    items = [(r.agency, val(r, "requests.new.total", False)) for r in Y2020]
    a = ranked(items, 1, descending=False)
    cite_cell(one(a, 2020), "requests.new.total")
    return AG(a)


@case(93)
def _():
    items = [(r.agency, val(r, "active.procurement.amount", False)) for r in WITH_PROC]
    names = top_n(items, 3)
    for a in names:
        cite_cell(one(a), "active.procurement.amount")
    return LST(names, True)


@case(94)
def _():
    items = [(r.agency, val(r, "active.penalty.prev_items", False)) for r in REPORTS
             if usable(r, "active.penalty.prev_items")]
    a = ranked(items, 1)
    cite_cell(one(a), "active.penalty.prev_items")
    return AG(a)


@case(95)
def _():
    items = [(r, val(r, "active.coercion.decisions", False)) for r in REPORTS]
    top = ranked(items, 1)
    cite_cell(top, "active.coercion.decisions")
    return AG(top.agency)


@case(96)
def _():
    items = [(r.agency, val(r, "active.procurement.projects", False)) for r in REPORTS
             if usable(r, "active.procurement.projects")]
    a = ranked(items, 2)
    cite_cell(one(a), "active.procurement.projects")
    return AG(a)


@case(97)
def _():
    hits = [r for r in REPORTS if val(r, "active.penalty.decisions", False) >= 1]
    for r in hits:
        cite_cell(r, "active.penalty.decisions")
    return NUM(len(distinct_agencies(hits)))


@case(98)
def _():
    hits = [r for r in BUREAUS if val(r, "active.procurement.amount", False) > 100000]
    for r in hits:
        cite_cell(r, "active.procurement.amount")
    return NUM(len(distinct_agencies(hits)))


@case(99)
def _():
    hits = [r for r in REPORTS if val(r, "requests.new.total", False) > 3]
    for r in hits:
        cite_cell(r, "requests.new.total")
    return NUM(len(distinct_agencies(hits)))


@case(100)
def _():
    xs = [val(r, "requests.new.total") for r in Y2020]
    return NUM(sum(xs) / len(xs))


@case(101)
def _():
    xs = [val(r, "active.procurement.projects") for r in T19]
    return NUM(sum(xs) / len(xs))


@case(102)
def _():
    r = one("鼓楼区统计局", 2020)
    return NUM(val(r, "active.procurement.amount") / val(r, "active.procurement.projects"), "yuan")


@case(103)
def _():
    tot = sum(val(r, "active.procurement.amount") for r in Y2020)
    return NUM(pct(val(one("温泉街道", 2020), "active.procurement.amount"), tot), "percent")


@case(104)
def _():
    a, b = val(one("鄞州区统计局"), "requests.new.total", False), val(one("鹿城区统计局"), "requests.new.total", False)
    assert a != b
    cite_cell(one("鄞州区统计局"), "requests.new.total")
    cite_cell(one("鹿城区统计局"), "requests.new.total")
    return AG("鄞州区统计局" if a > b else "温州市鹿城区统计局")


@case(105)
def _():
    return LST([val(one(HZ, 2023), "active.coercion.decisions"), val(one(HZ, 2024), "active.coercion.decisions")], True)


@case(106)
def _():
    return NUM(pct(val(one(HZ, 2024), "active.coercion.decisions"), val(one(HZ, 2023), "active.coercion.decisions")), "percent")


# follow-ups: the earlier turns resolve the referent; the last turn is answered
@case(107)
def _():
    this = one(HZ, 2024)
    return NUM(val(one(HZ, this.year - 1), "active.licensing.decisions"))


@case(108)
def _():
    return NUM(val(one("温泉街道", 2020), "requests.granted.total"))


@case(109)
def _():
    r = one("鄞州区统计局", 2019)
    return NUM(val(r, "active.procurement.amount") / val(r, "active.procurement.projects"), "yuan")


@case(110)
def _():
    items = [(r.agency, val(r, "active.procurement.amount", False)) for r in WITH_PROC]
    ranked(items, 1)  # turn 1 (the most) is itself untied
    a = ranked(items, 1, descending=False)
    cite_cell(one(a), "active.procurement.amount")
    return AG(a)


@case(111)
def _():
    return NUM(val(one("二七区统计局", 2020), "requests.new.total") + val(one("鹿城区统计局", 2020), "requests.new.total"))


@case(112)
def _():
    return NUM(val(one(HZ, 2023), "active.penalty.decisions") - val(one(HZ, 2024), "active.penalty.decisions"))


@case(113)
def _():
    year = one("温泉街道").year
    return NUM(val(one("鼓楼区统计局", year), "requests.withheld_third_party.total"))


@case(114)
def _():
    return NUM(val(one(HZ, 2024), "active.fees.amount"), "yuan")


@case(115)
def _():
    return refuse_cell(one(HZ, 2023), "review.reconsideration.total")


@case(116)
def _():
    items = [(r, val(r, "active.procurement.projects", False)) for r in BUREAUS]
    top = ranked(items, 1)
    return NUM(val(top, "active.procurement.amount"), "yuan")


@case(117)
def _():
    return NUM(sum(val(r, "requests.new.total") for r in find(province="浙江省")))


@case(118)
def _():
    return NUM(val(one("鹿城区统计局", 2020), "active.penalty.prev_items"))


@case(119)
def _():
    return passage(one("鹿城区统计局"), "加强学习，提高认识")


@case(120)
def _():
    assert not find("二七区统计局", 2021)
    return NUM(val(one("二七区统计局", 2020), "active.coercion.decisions"))


# ----------------------------------------------------------------------------- comparison
def same_expect(got: dict, want: dict):
    if got.get("kind") != want["kind"]:
        return f"kind {got.get('kind')} != {want['kind']}"
    k = want["kind"]
    if k == "number":
        if got.get("unit") != want["unit"]:
            return f"unit {got.get('unit')} != {want['unit']}"
        g, w = float(got["value"]), float(want["value"])
        if abs(g - w) > max(0.006, 1e-6 * abs(w)):
            return f"value {g} != {w}"
    elif k in ("agency", "boolean"):
        if got.get("value") != want["value"]:
            return f"value {got.get('value')!r} != {want['value']!r}"
    elif k == "list":
        if bool(got.get("ordered")) != want["ordered"]:
            return "ordered flag differs"
        norm = lambda xs: [round(float(x), 2) if isinstance(x, (int, float)) else x for x in xs]
        g, w = norm(got.get("values", [])), norm(want["values"])
        if not want["ordered"]:
            g, w = sorted(g, key=str), sorted(w, key=str)
        if g != w:
            return f"values {g} != {w}"
    elif k == "passages":
        if sorted(got.get("files", [])) != sorted(want["files"]) or sorted(got.get("sections", [])) != sorted(want["sections"]):
            return f"passages {got.get('files')}/{got.get('sections')} != {want['files']}/{want['sections']}"
    return None


KIND_TAGS = {"lookup", "ranking", "aggregate", "compare", "yesno", "meta", "passage", "narrative", "refusal",
             "followup", "ratio", "quality"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def check_tags(c, ctx: Ctx):
    tags = set(c["tags"])
    probs = []
    if not (tags & KIND_TAGS):
        probs.append("no kind tag")
    langs = tags & {"zh", "en"}
    if len(langs) != 1:
        probs.append("need exactly one language tag")
    else:
        q = c["question"]
        cjk = len(CJK.findall(q))
        latin = len(re.findall(r"[A-Za-z]", q))
        lang = "zh" if cjk > latin else "en"
        if lang not in langs:
            probs.append(f"language tag {langs} but question looks {lang}")
    if ("followup" in tags) != bool(c.get("turns")):
        probs.append("followup tag and turns disagree")
    if ("guessed_unit" in tags) != ctx.guessed:
        probs.append(f"guessed_unit tag {'guessed_unit' in tags} but data says {ctx.guessed}")
    mixed = len({r.year for r in ctx.reports}) > 1 and len({r.agency for r in ctx.reports}) > 1
    if ("mixed_years" in tags) != mixed:
        probs.append(f"mixed_years tag {'mixed_years' in tags} but data says {mixed}")
    if c["expect"]["kind"] == "unanswerable" and "refusal" not in tags:
        probs.append("unanswerable without refusal tag")
    return probs


def main():
    global CTX
    cases = [json.loads(l) for l in open(CASES_FILE, encoding="utf-8") if l.strip()]
    bad = 0
    ids = [c["id"] for c in cases]
    if ids != [f"h18-{i:03d}" for i in range(1, len(cases) + 1)] or len(cases) != 120:
        print("FAIL ids are not h18-001..h18-120")
        bad += 1
    if set(SPEC) != set(ids):
        print(f"FAIL spec/case mismatch: {sorted(set(SPEC) ^ set(ids))}")
        bad += 1
    # the recomputed R1-R4 outcome must agree with the status the gold file records
    for r in REPORTS:
        mine = {rule for rule, _, _ in r.fail_eqs}
        gold = {k for k, v in r.d.get("checks", {}).items() if str(v).startswith("fail")}
        if mine != gold:
            print(f"FAIL checks of {r}: recomputed failing {sorted(mine)} vs gold {sorted(gold)}")
            bad += 1
    by_kind = {}
    for c in cases:
        CTX = Ctx()
        try:
            want = SPEC[c["id"]]()
        except Exception as e:  # noqa: BLE001
            print(f"FAIL {c['id']} reference error: {type(e).__name__}: {e}")
            bad += 1
            continue
        probs = []
        d = same_expect(c["expect"], want)
        if d:
            probs.append(d)
        if sorted(c["cite"]) != sorted(CTX.cites) or len(set(c["cite"])) != len(c["cite"]):
            probs.append(f"cite {sorted(c['cite'])} != {sorted(CTX.cites)}")
        if want["kind"] == "unanswerable" and c["cite"]:
            probs.append("a refusal cites nothing")
        probs += check_tags(c, CTX)
        by_kind[want["kind"]] = by_kind.get(want["kind"], 0) + 1
        shown = want.get("value", want.get("values", want.get("files", "")))
        if probs:
            bad += 1
            print(f"FAIL {c['id']} {c['question'][:40]!r}: " + "; ".join(probs))
        else:
            print(f"ok   {c['id']} {want['kind']:12s} {shown}")
    langs = {t: sum(1 for c in cases if t in c["tags"]) for t in ("zh", "en")}
    print(f"summary: {len(cases) - bad}/{len(cases)} cases match; zh {langs['zh']}, en {langs['en']}; "
          f"kinds {dict(sorted(by_kind.items()))}; reports {len(REPORTS)}; "
          f"failing reports {[str(r) for r in REPORTS if r.fail_eqs]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
