#!/usr/bin/env python3
"""Independent reference for eval/qa_holdout19.jsonl (standard library only).

Recomputes every case's expected answer and cite list from the gold fact files
(tests/fixtures/gold/*.json) and, for passage questions, the sample texts (data/samples/*.txt).
Reports are chosen by agency name / year / metadata, never by file name. Only cells in state
`number` are used; blank/absent/unreadable cells and every cell of a failing balance equation
(R1-R4, recomputed here) make a question unanswerable. Rankings assert the asked position is
not tied. Prints one line per case and a summary; exits 1 on any mismatch.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(ROOT, "tests", "fixtures", "gold")
SAMPLES = os.path.join(ROOT, "data", "samples")
CASES = os.path.join(ROOT, "eval", "qa_holdout19.jsonl")

COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
OUTCOME_ROWS = (["granted", "partial"]
                + ["withheld_" + r for r in ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]]
                + ["unavailable_" + r for r in ["not_held", "needs_creation", "unclear"]]
                + ["declined_" + r for r in ["complaint", "duplicate", "publication", "excessive", "confirmation"]]
                + ["other", "other_no_correction", "other_no_fee", "other_misc"])
REVIEW_GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]


class Unanswerable(Exception):
    pass


class Report:
    def __init__(self, d):
        self.d = d
        self.file = os.path.basename(d["file"])
        self.agency = d["agency"]
        self.names = {d["agency"], d.get("agency_full") or d["agency"]} | {v["text"] for v in d.get("agency_variants", [])}
        self.year = d["year"]
        self.facts = d["facts"]
        self.bad = set()       # cells of failing equations
        self.failed = []       # (rule, [cells])
        self.text = None
        p = os.path.join(SAMPLES, self.file)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                self.text = f.read()
        self._balance()

    def __getattr__(self, k):
        return self.d.get(k)

    def num(self, key):
        f = self.facts.get(key)
        return f["value"] if f and f["state"] == "number" else None

    def present(self, key):
        f = self.facts.get(key)
        return f is not None and f["state"] != "absent"

    def _eq(self, rule, lhs, rhs):
        cells = lhs + rhs
        vals = [self.num(k) for k in cells]
        if any(v is None for v in vals):
            return None  # not checkable: a blank is never 0
        ok = abs(sum(vals[:len(lhs)]) - sum(vals[len(lhs):])) < 1e-9
        if not ok:
            self.failed.append((rule, cells))
            self.bad.update(cells)
        return ok

    def _balance(self):
        for c in COLS:
            self._eq("R1", [f"requests.new.{c}", f"requests.carried_in.{c}"], [f"requests.handled.{c}", f"requests.carried_out.{c}"])
            rows = [f"requests.{r}.{c}" for r in OUTCOME_ROWS if self.present(f"requests.{r}.{c}")]
            self._eq("R2", [f"requests.handled.{c}"], rows)
        for r in ["new", "carried_in", "handled", "carried_out"] + OUTCOME_ROWS:
            if self.present(f"requests.{r}.total"):
                self._eq("R3", [f"requests.{r}.total"], [f"requests.{r}.{c}" for c in COLS[:-1]])
        for g in REVIEW_GROUPS:
            self._eq("R4", [f"review.{g}.total"], [f"review.{g}.{c}" for c in ["upheld", "corrected", "other", "pending"]])

    def section_text(self, sec):
        """Text of canonical section sec (一..六) of the sample text, headings found by meaning."""
        marks = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理政府信息公开申请",
                 "四": "行政复议、行政诉讼", "五": "存在的主要问题", "六": "其他需要报告"}
        lines = self.text.splitlines()
        starts = {}
        for i, ln in enumerate(lines):
            for s, m in marks.items():
                if s not in starts and m in ln and re.search(s + "、", ln):
                    starts[s] = i
        order = sorted(starts.items(), key=lambda kv: kv[1])
        for j, (s, i) in enumerate(order):
            if s == sec:
                end = order[j + 1][1] if j + 1 < len(order) else len(lines)
                return "\n".join(lines[i:end])
        raise AssertionError(f"no section {sec} in {self.file}")


REPORTS = [Report(json.load(open(p, encoding="utf-8"))) for p in sorted(glob.glob(os.path.join(GOLD, "*.json")))]


# ---------------------------------------------------------------- selection and cells
def find(hint, year=None):
    rs = [r for r in REPORTS if any(hint in n for n in r.names) and (year is None or r.year == year)]
    if not rs:
        raise Unanswerable(f"no report for {hint} {year or ''}")
    assert len(rs) == 1, f"ambiguous {hint} {year}: {[r.file for r in rs]}"
    return rs[0]


def where(pred):
    return [r for r in REPORTS if pred(r)]


USED = []  # cited cells of the current case, for the tag checks


def cell(r, key):
    f = r.facts.get(key)
    if f is None or f["state"] == "absent":
        raise Unanswerable(f"{r.file}#{key} absent")
    if f["state"] != "number":
        raise Unanswerable(f"{r.file}#{key} {f['state']}")
    if key in r.bad:
        raise Unanswerable(f"{r.file}#{key} in a failing equation")
    USED.append((r, key))
    return f["value"]


def cite(r, key):
    return f"{r.file}#{key}"


def unit(key):
    return "yuan" if key.endswith(".amount") else "count"


def N(v, u="count"):
    return {"kind": "number", "value": v, "unit": u}


def A(v):
    return {"kind": "agency", "value": v}


def L(vs, o=False):
    return {"kind": "list", "values": vs, "ordered": o}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def lookup(hint, year, key):
    r = find(hint, year)
    return N(cell(r, key), unit(key)), [cite(r, key)]


def usable(rs, key):
    out = []
    for r in rs:
        try:
            out.append((cell(r, key), r))
        except Unanswerable:
            pass
    USED.clear()
    return out


def rank(rs, key, desc, pos, per=None):
    """Agency at 1-based position pos; asserts no tie at that position."""
    vals = usable(rs, key)
    if per:
        vals = [(v / d, r) for (v, r), (d, _) in zip(vals, usable(rs, per))]
    vals.sort(key=lambda t: t[0], reverse=desc)
    v = vals[pos - 1][0]
    assert sum(1 for x, _ in vals if x == v) == 1, f"tie at position {pos} for {key}"
    r = vals[pos - 1][1]
    cell(r, key)
    cites = [cite(r, key)]
    if per:
        cell(r, per)
        cites.append(cite(r, per))
    return A(r.agency), cites


def ranklist(rs, key, desc):
    vals = sorted(usable(rs, key), key=lambda t: t[0], reverse=desc)
    assert len({v for v, _ in vals}) == len(vals), "ties in full ranking"
    for _, r in vals:
        cell(r, key)
    return L([r.agency for _, r in vals], True), [cite(r, key) for _, r in vals]


def total(pairs, avg=False):
    vs = [cell(r, k) for r, k in pairs]
    s = sum(vs) / len(vs) if avg else sum(vs)
    return N(round(s, 6), unit(pairs[0][1])), [cite(r, k) for r, k in pairs]


def count(rs, key, pred):
    hits = [(r, key) for v, r in usable(rs, key) if pred(v)]
    for r, k in hits:
        cell(r, k)
    return N(len(hits)), [cite(r, k) for r, k in hits]


def pct(a, b):
    (ra, ka), (rb, kb) = a, b
    return N(100.0 * cell(ra, ka) / cell(rb, kb), "percent"), [cite(ra, ka), cite(rb, kb)]


def refuse(fn):
    try:
        fn()
    except Unanswerable as e:
        USED.clear()
        return {"kind": "unanswerable"}, []
    raise AssertionError("expected unanswerable but the data answers it")


def passage(hint, year, sec, keyword):
    r = find(hint, year)
    assert keyword in r.section_text(sec), f"{keyword} not in section {sec} of {r.file}"
    return {"kind": "passages", "files": [r.file], "sections": [sec]}, [r.file]


def narrative(r, value, key):
    """Does the narrative claim `value` about `key` agree with the table? (claim must exist in the gold)"""
    entries = [n for n in r.narrative_numbers or [] if n["value"] == value and key in (n.get("cells") or [n.get("cell")])]
    assert entries, f"no narrative claim {value} for {key} in {r.file}"
    return B(cell(r, key) == value), [cite(r, key)]


def narrative_disagreements():
    out, cites = [], []
    for r in REPORTS:
        for n in r.narrative_numbers or []:
            keys = n.get("cells") or ([n["cell"]] if n.get("cell") else [])
            vals = [r.num(k) for k in keys]
            if keys and all(v is not None for v in vals) and sum(vals) != n["value"]:
                out.append(r.agency)
                cites += [cite(r, k) for k in keys]
                for k in keys:
                    USED.append((r, k))
    return L(sorted(set(out))), cites


Y20 = lambda r: r.year == 2020
HAS_PROC = lambda r: r.present("active.procurement.amount")
BUREAU = lambda r: "统计局" in r.agency
HZ = lambda y: find("洪泽", y)


def f_review_failures():
    ags, cites = [], []
    for r in REPORTS:
        for rule, cells in r.failed:
            if rule == "R4":
                ags.append(r.agency)
                cites.append(cite(r, cells[0]))
                USED.append((r, cells[0]))
    return L(sorted(set(ags))), cites


def f_r4_ok(r):
    cites = []
    for g in REVIEW_GROUPS:
        cell(r, f"review.{g}.total")
        cites.append(cite(r, f"review.{g}.total"))
    return B(not any(rule == "R4" for rule, _ in r.failed)), cites


def f_r1_person(r):
    ks = ["requests.new.person", "requests.carried_in.person", "requests.handled.person", "requests.carried_out.person"]
    v = [cell(r, k) for k in ks]
    return B(v[0] + v[1] == v[2] + v[3]), [cite(r, k) for k in ks]


def f_text_search(year, keyword):
    rs = [r for r in where(lambda r: r.year == year) if r.text and keyword in r.text]
    return [r.agency for r in rs], [r.file for r in rs]


def f_top_followup_projects():
    (e, _) = rank(where(HAS_PROC), "active.procurement.amount", True, 1)
    USED.clear()
    return lookup(e["value"], None, "active.procurement.projects")


def f_zhejiang_more_penalties():
    rs = where(lambda r: r.province == "浙江省")
    vals = sorted(usable(rs, "active.penalty.decisions"), key=lambda t: t[0], reverse=True)
    assert vals[0][0] != vals[1][0]
    for _, r in vals:
        cell(r, "active.penalty.decisions")
    return A(vals[0][1].agency), [cite(r, "active.penalty.decisions") for _, r in vals]


def f_fees_2021_template_2024():
    rs = where(lambda r: r.template == "2021" and r.year == 2024)
    assert len(rs) == 1
    return N(cell(rs[0], "active.fees.amount"), "yuan"), [cite(rs[0], "active.fees.amount")]


def f_fujian_projects():
    return total([(r, "active.procurement.projects") for r in where(lambda r: r.province == "福建省")])


WITHHELD = ["secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"]

SPECS = [
    # lookups
    ("上一年项目数量，年终", lambda: lookup("鼓楼区统计局", 2020, "active.penalty.prev_items")),
    ("aplications", lambda: lookup("鹿城", 2020, "requests.new.total")),
    ("行政强制上年", lambda: lookup("二七", 2020, "active.coercion.prev_items")),
    ("currently in force", lambda: lookup("洪泽", 2024, "active.normative.in_force")),
    ("废止了几件", lambda: lookup("洪泽", 2023, "active.normative.repealed")),
    ("对外公开总数量", lambda: lookup("鄞州", 2019, "active.rules.public_total")),
    ("折合多少元", lambda: lookup("洪泽", 2024, "active.fees.amount")),
    ("fee revenue", lambda: lookup("洪泽", 2023, "active.fees.amount")),
    ("单位请写清楚", lambda: lookup("二七", 2020, "active.procurement.amount")),
    ("procurement spend for 2020", lambda: lookup("温泉", 2020, "active.procurement.amount")),
    ("行政复议案件总计", lambda: lookup("洪泽", 2024, "review.reconsideration.total")),
    ("directly without prior", lambda: lookup("洪泽", 2024, "review.lawsuit_direct.total")),
    ("本机关不掌握相关政府信息”而", lambda: lookup("洪泽", 2023, "requests.unavailable_not_held.total")),
    ("three securities", lambda: lookup("洪泽", 2024, "requests.withheld_safety.total")),
    ("洪泽24年予以公开", lambda: lookup("洪泽", 2024, "requests.granted.total")),
    ("本年新制作数量", lambda: lookup("鄞州", 2019, "active.rules.made")),
    ("grand total", lambda: lookup("鹿城", 2020, "requests.handled.total")),
    ("行政执法案卷", lambda: lookup("洪泽", 2023, "requests.withheld_enforcement.total")),
    ("另行制作", lambda: lookup("洪泽", 2024, "requests.unavailable_needs_creation.total")),
    ("信访举报投诉类", lambda: lookup("洪泽", 2023, "requests.declined_complaint.total")),
    ("其他结果", lambda: lookup("洪泽", 2024, "review.lawsuit_after_review.other")),
    ("carry over from the previous", lambda: lookup("鼓楼区统计局", 2020, "requests.carried_in.total")),
    # rankings
    ("排第二", lambda: rank(where(Y20), "active.penalty.decisions", True, 2)),
    ("fewest centralized", lambda: rank(where(HAS_PROC), "active.procurement.projects", False, 1)),
    ("第二高", lambda: rank(where(HAS_PROC), "active.procurement.amount", True, 2)),
    ("Rank every report", lambda: ranklist(where(HAS_PROC), "active.procurement.amount", True)),
    ("从多到少排", lambda: ranklist(where(HAS_PROC), "active.procurement.projects", True)),
    ("statistics bureaus (统计局)", lambda: rank(where(BUREAU), "requests.new.total", True, 1)),
    ("lowest previous-year", lambda: rank(REPORTS, "active.penalty.prev_items", False, 1)),
    ("bottom one", lambda: rank(where(Y20), "requests.new.total", False, 1)),
    ("平均每个政府集中采购项目花钱最多", lambda: rank(where(lambda r: Y20(r) and HAS_PROC(r)), "active.procurement.amount", True, 1, per="active.procurement.projects")),
    ("third-largest", lambda: rank(where(HAS_PROC), "active.procurement.amount", True, 3)),
    ("哪个统计局的行政处罚", lambda: rank(where(BUREAU), "active.penalty.decisions", True, 1)),
    ("across everything", lambda: rank(REPORTS, "active.penalty.decisions", True, 1)),
    # aggregates
    ("浙江省两家", lambda: total([(r, "active.procurement.amount") for r in where(lambda r: r.province == "浙江省" and BUREAU(r))])),
    ("every report you hold", lambda: total([(r, "requests.new.total") for r in REPORTS])),
    ("两年一共新收", lambda: total([(HZ(2023), "requests.new.total"), (HZ(2024), "requests.new.total")])),
    ("采购项目一共多少个", lambda: total([(r, "active.procurement.projects") for r in where(Y20)])),
    ("Combined fees", lambda: total([(HZ(2023), "active.fees.amount"), (HZ(2024), "active.fees.amount")])),
    ("八种情形", lambda: total([(HZ(2024), f"requests.withheld_{w}.total") for w in WITHHELD])),
    ("all three reasons", lambda: total([(HZ(2023), f"requests.unavailable_{w}.total") for w in ["not_held", "needs_creation", "unclear"]])),
    ("Fujian province", lambda: total([(r, "requests.new.total") for r in where(lambda r: r.province == "福建省")])),
    ("Average procurement amount per agency", lambda: total([(r, "active.procurement.amount") for r in where(lambda r: Y20(r) and HAS_PROC(r))], avg=True)),
    ("平均每年作出", lambda: total([(HZ(2023), "active.penalty.decisions"), (HZ(2024), "active.penalty.decisions")], avg=True)),
    ("total lawsuits", lambda: total([(HZ(2024), "review.lawsuit_direct.total"), (HZ(2024), "review.lawsuit_after_review.total")])),
    ("2019版模板", lambda: total([(r, "active.penalty.prev_items") for r in where(lambda r: r.template == "2019")])),
    # counts
    ("数量大于0", lambda: count(where(Y20), "active.penalty.decisions", lambda v: v > 0)),
    ("more than 10 procurement", lambda: count(REPORTS, "active.procurement.projects", lambda v: v > 10)),
    ("超过10万元", lambda: count(REPORTS, "active.procurement.amount", lambda v: v > 100000)),
    ("2021 template", lambda: (N(len(where(lambda r: r.template == "2021"))), [])),
    ("几个统计局", lambda: (N(len({r.agency for r in where(BUREAU)})), [])),
    ("zero new applications", lambda: count(where(Y20), "requests.new.total", lambda v: v == 0)),
    # compare / ratio
    ("比上一年多了多少", lambda: (N(cell(HZ(2024), "active.licensing.decisions") - cell(HZ(2023), "active.licensing.decisions")),
                          [cite(HZ(2024), "active.licensing.decisions"), cite(HZ(2023), "active.licensing.decisions")])),
    ("how big was the drop", lambda: (N(cell(HZ(2023), "active.penalty.decisions") - cell(HZ(2024), "active.penalty.decisions")),
                                      [cite(HZ(2023), "active.penalty.decisions"), cite(HZ(2024), "active.penalty.decisions")])),
    ("予以公开占多大比例", lambda: pct((HZ(2024), "requests.granted.total"), (HZ(2024), "requests.handled.total"))),
    ("were 部分公开", lambda: pct((HZ(2023), "requests.partial.total"), (HZ(2023), "requests.handled.total"))),
    ("百分之多少", lambda: pct((find("鄞州"), "active.procurement.amount"), (find("鹿城"), "active.procurement.amount"))),
    ("coercion decisions fall", lambda: (N(100.0 * (cell(HZ(2023), "active.coercion.decisions") - cell(HZ(2024), "active.coercion.decisions"))
                                           / cell(HZ(2023), "active.coercion.decisions"), "percent"),
                                         [cite(HZ(2023), "active.coercion.decisions"), cite(HZ(2024), "active.coercion.decisions")])),
    ("比较一下鹿城", lambda: (L([cell(find("鹿城"), "active.procurement.projects"), cell(find("温泉"), "active.procurement.projects")], True),
                         [cite(find("鹿城"), "active.procurement.projects"), cite(find("温泉"), "active.procurement.projects")])),
    ("Compare new applications", lambda: (L([cell(find("鄞州", 2019), "requests.new.total"), cell(find("温泉", 2020), "requests.new.total")], True),
                                         [cite(find("鄞州"), "requests.new.total"), cite(find("温泉"), "requests.new.total")])),
    ("多多少钱", lambda: (N(cell(find("鼓楼区统计局"), "active.procurement.amount") - cell(find("温泉"), "active.procurement.amount"), "yuan"),
                      [cite(find("鼓楼区统计局"), "active.procurement.amount"), cite(find("温泉"), "active.procurement.amount")])),
    ("answered 本机关不掌握", lambda: pct((HZ(2024), "requests.unavailable_not_held.total"), (HZ(2024), "requests.handled.total"))),
    ("鼓楼区统计局平均每个", lambda: (N(cell(find("鼓楼区统计局"), "active.procurement.amount") / cell(find("鼓楼区统计局"), "active.procurement.projects"), "yuan"),
                            [cite(find("鼓楼区统计局"), "active.procurement.amount"), cite(find("鼓楼区统计局"), "active.procurement.projects")])),
    # yes/no
    ("一件信息公开申请都没收到", lambda: (B(cell(find("二七"), "requests.new.total") == 0), [cite(find("二七"), "requests.new.total")])),
    ("went down in 2024", lambda: (B(cell(HZ(2024), "active.licensing.decisions") < cell(HZ(2023), "active.licensing.decisions")),
                                   [cite(HZ(2023), "active.licensing.decisions"), cite(HZ(2024), "active.licensing.decisions")])),
    ("超过鹿城区统计局了吗", lambda: (B(cell(find("温泉"), "active.procurement.amount") > cell(find("鹿城"), "active.procurement.amount")),
                               [cite(find("温泉"), "active.procurement.amount"), cite(find("鹿城"), "active.procurement.amount")])),
    ("no partially disclosed", lambda: (B(cell(find("鹿城"), "requests.partial.total") == 0), [cite(find("鹿城"), "requests.partial.total")])),
    ("全部予以公开", lambda: (B(cell(find("鄞州"), "requests.granted.total") == cell(find("鄞州"), "requests.handled.total")),
                          [cite(find("鄞州"), "requests.granted.total"), cite(find("鄞州"), "requests.handled.total")])),
    ("more new applications in 2024", lambda: (B(cell(HZ(2024), "requests.new.total") > cell(HZ(2023), "requests.new.total")),
                                               [cite(HZ(2023), "requests.new.total"), cite(HZ(2024), "requests.new.total")])),
    ("作出过行政强制", lambda: (B(cell(find("鼓楼区统计局"), "active.coercion.decisions") > 0), [cite(find("鼓楼区统计局"), "active.coercion.decisions")])),
    ("reconsideration case", lambda: (B(any(cell(r, "review.reconsideration.total") > 0 for r in where(Y20))),
                                      [cite(r, "review.reconsideration.total") for r in where(Y20)])),
    ("比2023年多", lambda: (B(cell(HZ(2024), "active.normative.in_force") > cell(HZ(2023), "active.normative.in_force")),
                         [cite(HZ(2023), "active.normative.in_force"), cite(HZ(2024), "active.normative.in_force")])),
    ("保护第三方合法权益", lambda: (B(cell(find("温泉"), "requests.withheld_third_party.total") == 0), [cite(find("温泉"), "requests.withheld_third_party.total")])),
    ("more than half", lambda: (B(cell(HZ(2024), "requests.granted.total") * 2 > cell(HZ(2024), "requests.handled.total")),
                                [cite(HZ(2024), "requests.granted.total"), cite(HZ(2024), "requests.handled.total")])),
    # meta
    ("哪几年", lambda: (L(sorted(r.year for r in REPORTS if "洪泽" in r.agency)), [])),
    ("use the 2021 template", lambda: (L(sorted({r.agency for r in where(lambda r: r.template == "2021")})), [])),
    ("街道办事处", lambda: (A(where(lambda r: r.agency_kind == "street_office")[0].agency) if len(where(lambda r: r.agency_kind == "street_office")) == 1 else None, [])),
    ("which province", lambda: (L([find("二七").province]), [])),
    ("落款日期", lambda: (L(sorted({r.agency for r in where(lambda r: r.published is None)})), [])),
    ("prefecture-level", lambda: (L([find("鄞州").city]), [])),
    ("filed reports for 2020", lambda: (L(sorted(r.agency for r in where(Y20))), [])),
    ("福州市有哪些", lambda: (L(sorted({r.agency for r in where(lambda r: r.city == "福州市")})), [])),
    # quality
    ("复议诉讼表对不上", f_review_failures),
    ("section 四 table balance", lambda: f_r4_ok(HZ(2024))),
    ("受理政府信息公开申请17件", lambda: narrative(HZ(2024), 17, "requests.new.total")),
    ("6 penalty cases", lambda: narrative(find("鄞州"), 6, "active.penalty.decisions")),
    ("正文数字和表格对不上", narrative_disagreements),
    ("natural-person column", lambda: f_r1_person(find("温泉"))),
    ("正文里说的受理申请数", lambda: narrative(HZ(2023), 21, "requests.new.total")),
    # refusals
    ("洪泽区2023年行政复议总计", lambda: refuse(lambda: cell(HZ(2023), "review.reconsideration.total"))),
    ("reconsiderations were upheld", lambda: refuse(lambda: cell(HZ(2023), "review.reconsideration.upheld"))),
    ("2024年政府集中采购金额", lambda: refuse(lambda: cell(HZ(2024), "active.procurement.amount"))),
    ("2022 penalty", lambda: refuse(lambda: find("鹿城", 2022))),
    ("结转到下一年", lambda: refuse(lambda: cell(find("温泉"), "requests.carried_out.total"))),
    ("answered 本机关不掌握相关政府信息", lambda: refuse(lambda: cell(find("鼓楼区统计局"), "requests.unavailable_not_held.total"))),
    ("逾期未缴费", lambda: refuse(lambda: cell(HZ(2024), "requests.other_no_fee.total"))),
    ("website traffic", lambda: refuse(lambda: (_ for _ in ()).throw(Unanswerable("topic")) if not any(k in find("二七").text for k in ["访问量", "点击", "浏览量"]) else None)),
    ("南京市鼓楼区", lambda: refuse(lambda: [r for r in REPORTS if r.city == "南京市"] or find("南京市鼓楼区统计局"))),
    ("What fees in yuan", lambda: refuse(lambda: cell(find("鄞州"), "active.fees.amount"))),
    ("licensing 上一年项目数量", lambda: refuse(lambda: cell(HZ(2024), "active.licensing.prev_items"))),
    # passages
    ("答复水平", lambda: passage("温泉", 2020, "五", "答复依申请公开处理水平")),
    ("shortcomings", lambda: passage("鄞州", 2019, "五", "信息公开范围单一")),
    ("四个结合", lambda: passage("二七", 2020, "一", "目标考核相结合")),
    ("COVID", lambda: passage("鼓楼区统计局", 2020, "一", "新冠疫情")),
    ("律师", lambda: (lambda a_f: (A(a_f[0][0]), a_f[1]) if len(a_f[0]) == 1 else None)(f_text_search(2020, "律师"))),
    ("training (培训)", lambda: (lambda a_f: (L(sorted(a_f[0])), a_f[1]))(f_text_search(2020, "培训"))),
    ("便民服务", lambda: passage("鹿城", 2020, "一", "便民服务")),
    # follow-ups
    ("其中予以公开的呢", lambda: lookup("洪泽", 2024, "requests.granted.total")),
    ("spend in total", lambda: lookup("鹿城", 2020, "active.procurement.amount")),
    ("那上一年项目数量呢", lambda: lookup("鄞州", 2019, "active.penalty.prev_items")),
    ("And in 2024?", lambda: lookup("洪泽", 2024, "active.coercion.decisions")),
    ("它有几个采购项目", f_top_followup_projects),
    ("which of them had more penalty", f_zhejiang_more_penalties),
    ("被纠正的有几件", lambda: refuse(lambda: cell(HZ(2023), "review.reconsideration.corrected"))),
    ("what share ended as 本机关不掌握", lambda: pct((find("温泉"), "requests.unavailable_not_held.total"), (find("温泉"), "requests.handled.total"))),
    ("单位是元还是万元", lambda: lookup("二七", 2020, "active.procurement.amount")),
    ("collect in fees in 2024", f_fees_2021_template_2024),
    ("南京那个鼓楼区", lambda: refuse(lambda: [r for r in REPORTS if r.city == "南京市"] or find("南京市鼓楼区统计局"))),
    ("and the year before", lambda: lookup("洪泽", 2023, "active.licensing.decisions")),
    ("一共多少个", f_fujian_projects),
]


def same(exp, got):
    if exp["kind"] != got["kind"]:
        return False
    k = exp["kind"]
    if k == "number":
        return exp["unit"] == got["unit"] and abs(exp["value"] - got["value"]) <= max(0.01, 1e-6 * abs(got["value"]))
    if k == "list":
        if bool(exp.get("ordered")) != bool(got.get("ordered")):
            return False
        a, b = exp["values"], got["values"]
        return a == b if got["ordered"] else sorted(map(str, a)) == sorted(map(str, b))
    if k in ("agency", "boolean"):
        return exp["value"] == got["value"]
    if k == "passages":
        return exp["files"] == got["files"] and exp["sections"] == got["sections"]
    return True  # unanswerable: the reference proved the data cannot answer


def main():
    cases = [json.loads(l) for l in open(CASES, encoding="utf-8") if l.strip()]
    assert len(SPECS) == len(cases) == 120, (len(SPECS), len(cases))
    bad = 0
    for i, (case, (frag, fn)) in enumerate(zip(cases, SPECS), 1):
        problems = []
        if case["id"] != f"h19-{i:03d}":
            problems.append("id")
        if frag not in case["question"]:
            problems.append(f"spec fragment {frag!r} not in question")
        USED.clear()
        try:
            got, cites = fn()
        except Unanswerable as e:
            got, cites = {"kind": "unanswerable"}, []
            problems.append(f"unexpectedly unanswerable: {e}")
        if not same(case["expect"], got):
            problems.append(f"expect {case['expect']} != reference {got}")
        if sorted(case["cite"]) != sorted(set(cites)):
            problems.append(f"cite {case['cite']} != reference {sorted(set(cites))}")
        tags = set(case["tags"])
        used = [(r, k) for r, k in USED if f"{r.file}#{k}" in case["cite"]]
        guessed = any(r.facts[k].get("unit_assumed") for r, k in used)
        if guessed != ("guessed_unit" in tags):
            problems.append(f"guessed_unit tag should be {guessed}")
        mixed = len({r.year for r, _ in used}) > 1 and len({r.agency for r, _ in used}) > 1
        if mixed != ("mixed_years" in tags):
            problems.append(f"mixed_years tag should be {mixed}")
        if len(tags & {"zh", "en"}) != 1:
            problems.append("language tag")
        status = "ok" if not problems else "MISMATCH " + "; ".join(problems)
        bad += bool(problems)
        shown = got.get("value", got.get("values", got.get("files", "")))
        print(f"{case['id']} {got['kind']:12} {str(shown)[:60]:60} {status}")
    langs = {l: sum(l in c["tags"] for c in cases) for l in ("zh", "en")}
    print(f"SUMMARY: {len(cases) - bad}/{len(cases)} cases match; zh={langs['zh']} en={langs['en']}; "
          f"unanswerable={sum(c['expect']['kind'] == 'unanswerable' for c in cases)}; "
          f"followups={sum(bool(c.get('turns')) for c in cases)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
