#!/usr/bin/env python3
"""Reference check for eval/qa_holdout57.jsonl (stdlib only).

Recomputes every expected answer from tests/fixtures/gold/*.json (and, for passage cases, the
section text of data/samples/*.txt), together with the cite list and the tags guessed_unit /
mixed_years, and compares them with the case file. Prints every mismatch and "SUMMARY n/120";
exits 0 only when all 120 cases agree.

Conventions enforced here:
- numbers come only from cells in state "number"; a blank/absent cell makes a question unanswerable;
- balance rules R1-R4 (DOMAIN.md) are recomputed; a cell of a group that fails its rule may be used
  only by a case tagged "quality" (a question about the failure itself);
- money in yuan (gold values are already in yuan: 万元 x 10000, unit_assumed per DOMAIN.md);
- guessed_unit iff a cited cell has unit_assumed; mixed_years iff cited cells come from reports of
  more than one year (passage / bare-file cites do not count);
- cites: "file#key" per cell used, Hongze as "hongze-qu-gov-YYYY.pdf#key", passages cite the bare
  file, metadata cites nothing, unanswerable cites nothing.
Usage: python3 eval/qa_holdout57_reference.py [cases.jsonl]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
SAMPLES = ROOT / "data" / "samples"
CASES = HERE / "qa_holdout57.jsonl"

SHORT = {"F0": "000_2133ae744f48d674", "F1": "001_19df74b8cb7281a4", "F2": "002_c42cd15df52a6935",
         "F3": "003_acfa5b9243423631", "F4": "004_5206fb2196a31c52",
         "H3": "hongze-qu-gov-2023", "H4": "hongze-qu-gov-2024"}
ALL = ["F0", "F1", "F2", "F3", "F4", "H3", "H4"]
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPL = COLS[:-1]
OUTCOME_2019 = ["granted", "partial", "withheld_secret", "withheld_law", "withheld_safety",
                "withheld_third_party", "withheld_internal", "withheld_process", "withheld_enforcement",
                "withheld_query", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                "declined_complaint", "declined_duplicate", "declined_publication", "declined_excessive",
                "declined_confirmation"]
WITHHELD = [r for r in OUTCOME_2019 if r.startswith("withheld_")]
GROUPS = ["reconsideration", "lawsuit_direct", "lawsuit_after_review"]
RES = ["upheld", "corrected", "other", "pending"]
_CITE = re.compile(r"^[^#\s]+(#[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+)?$")


class Bad(Exception):
    pass


# ---------------------------------------------------------------- gold
def load_gold():
    g = {}
    for s, stem in SHORT.items():
        d = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        d["_cite_file"] = Path(d["file"]).name  # 000_....txt / hongze-qu-gov-2023.pdf
        g[s] = d
    return g


G = load_gold()


def cell(s, key):
    return G[s]["facts"].get(key)


def num(s, key):
    c = cell(s, key)
    if c is None or c.get("state") != "number":
        return None
    return c["value"]


def check_rules():
    """Recompute R1-R4. Returns (failing cell keys per report, findings list)."""
    failing = {s: set() for s in G}
    findings = []
    for s in G:
        facts = G[s]["facts"]
        other_rows = ["other"] if "requests.other.person" in facts and num(s, "requests.other.person") is not None \
            else ["other_no_correction", "other_no_fee", "other_misc"]
        outcome = OUTCOME_2019 + other_rows
        for col in COLS:  # R1
            ks = [f"requests.{r}.{col}" for r in ("new", "carried_in", "handled", "carried_out")]
            v = [num(s, k) for k in ks]
            if None not in v and v[0] + v[1] != v[2] + v[3]:
                failing[s].update(ks); findings.append((s, "R1", col))
        for col in COLS:  # R2
            ks = [f"requests.{r}.{col}" for r in outcome]
            v = [num(s, k) for k in ks]
            h = num(s, f"requests.handled.{col}")
            if None not in v and h is not None and sum(v) != h:
                failing[s].update(ks + [f"requests.handled.{col}"]); findings.append((s, "R2", col))
        rows = sorted({k.split(".")[1] for k in facts if k.startswith("requests.")})
        for r in rows:  # R3
            ks = [f"requests.{r}.{c}" for c in APPL]
            v = [num(s, k) for k in ks]
            t = num(s, f"requests.{r}.total")
            if None not in v and t is not None and sum(v) != t:
                failing[s].update(ks + [f"requests.{r}.total"]); findings.append((s, "R3", r))
        for gname in GROUPS:  # R4
            ks = [f"review.{gname}.{c}" for c in RES]
            v = [num(s, k) for k in ks]
            t = num(s, f"review.{gname}.total")
            if None not in v and t is not None and sum(v) != t:
                failing[s].update(ks + [f"review.{gname}.total"]); findings.append((s, "R4", gname))
    return failing, findings


FAILING, FINDINGS = check_rules()


def rule_status(s, rule):
    return "fail" if any(f[0] == s and f[1] == rule for f in FINDINGS) else "pass"


# ---------------------------------------------------------------- metadata
def agency(s):
    return G[s]["agency"]


def year(s):
    return G[s]["year"]


def kind_of(name):
    if name.endswith("街道办事处") or re.search(r"[乡镇](人民政府)?$", name):
        return "street"
    if name.endswith("人民政府") or name.endswith("办公厅"):
        return "government"
    if re.search(r"[局委办]$", name):
        return "department"
    return "unknown"


def reports(pred):
    return [s for s in ALL if pred(G[s])]


# ---------------------------------------------------------------- passages
HEAD = {"一": "总体情况", "二": "主动公开政府信息", "三": "收到和处理", "四": "行政复议", "五": "问题", "六": "其他需要报告"}


def sections(s):
    text = (SAMPLES / G[s]["_cite_file"]).read_text(encoding="utf-8")
    out = {k: [] for k in HEAD}
    cur = None
    for line in text.splitlines():
        t = line.strip().lstrip("#* \t")
        m = re.match(r"^([一二三四五六])、", t)
        if m and HEAD[m.group(1)] in t:
            cur = m.group(1)
        if cur:
            out[cur].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


# ---------------------------------------------------------------- recipe context
class Ctx:
    def __init__(self, quality=False):
        self.cites = []
        self.quality = quality

    def v(self, s, key):
        c = cell(s, key)
        if c is None or c.get("state") != "number":
            raise Bad(f"{s}#{key} is not a number cell ({None if c is None else c.get('state')})")
        if key in FAILING[s] and not self.quality:
            raise Bad(f"{s}#{key} belongs to a group that fails its balance rule")
        self._cite(s, key)
        return c["value"]

    def _cite(self, s, key):
        ci = f"{G[s]['_cite_file']}#{key}"
        if ci not in self.cites:
            self.cites.append(ci)

    def vs(self, ss, key):
        return {s: self.v(s, key) for s in ss}

    def passage(self, s, sec, must=(), must_not=()):
        txt = sections(s)[sec]
        for w in must:
            if w not in txt:
                raise Bad(f"{s} section {sec} lacks {w!r}")
        for w in must_not:
            if w in txt:
                raise Bad(f"{s} section {sec} unexpectedly has {w!r}")
        f = G[s]["_cite_file"]
        if f not in self.cites:
            self.cites.append(f)
        return f


def N(v, unit="count", nd=2):
    return {"kind": "number", "value": round(v, nd), "unit": unit}


def A(v):
    return {"kind": "agency", "value": v}


def L(vals, ordered=False):
    return {"kind": "list", "values": vals, "ordered": ordered}


def B(v):
    return {"kind": "boolean", "value": bool(v)}


def P(c, pairs):
    files = [c.passage(s, sec, must, mn) for s, sec, must, mn in pairs]
    return {"kind": "passages", "files": files, "sections": sorted({p[1] for p in pairs})}


def U():
    return {"kind": "unanswerable"}


def pct(a, b):
    return 100.0 * a / b


def rank_one(vals, pos=1, desc=True, exclude_zero=False):
    """The single report at ordinal `pos`; ties at that position are an error (the question must name them)."""
    items = [(s, v) for s, v in vals.items() if not (exclude_zero and v == 0)]
    items.sort(key=lambda x: -x[1] if desc else x[1])
    # dense ordinals over distinct values
    distinct = sorted({v for _, v in items}, reverse=desc)
    target = distinct[pos - 1]
    who = [s for s, v in items if v == target]
    if len(who) != 1:
        raise Bad(f"tie at position {pos}: {who}")
    return who[0]


def tied_at(vals, pos=1, desc=True, exclude_zero=False):
    items = {s: v for s, v in vals.items() if not (exclude_zero and v == 0)}
    distinct = sorted(set(items.values()), reverse=desc)
    return [s for s, v in items.items() if v == distinct[pos - 1]]


# unanswerable guards -------------------------------------------------------
def blank(s, key):
    c = cell(s, key)
    if not (c is not None and c["state"] == "blank"):
        raise Bad(f"{s}#{key} expected blank, is {c and c['state']}")
    return U()


def absent(s, key):
    c = cell(s, key)
    if not (c is None or c["state"] == "absent"):
        raise Bad(f"{s}#{key} expected absent, is {c['state']}")
    return U()


def fails(s, *keys):
    if not any(k in FAILING[s] for k in keys):
        raise Bad(f"{s}: none of {keys} is in a failing group")
    return U()


def no_report(pred):
    if reports(pred):
        raise Bad("a matching report exists")
    return U()


W8 = [f"requests.{r}.total" for r in WITHHELD]
AMT, PRJ, NEW, PEN = "active.procurement.amount", "active.procurement.projects", "requests.new.total", "active.penalty.decisions"
S5 = [s for s in ALL if G[s]["template"] == "2019"]
Y2020 = [s for s in ALL if year(s) == 2020]
TJJ = [s for s in ALL if agency(s).endswith("统计局")]
HZ = lambda y: next(s for s in ALL if "洪泽区" in agency(s) and year(s) == y)
BY = lambda sub: next(s for s in ALL if sub in agency(s) and "洪泽" not in agency(s))  # unique sample agency
GL, LC, YZ, WQ, EQ = BY("鼓楼区统计局"), BY("鹿城区"), BY("鄞州区"), BY("温泉街道"), BY("二七区")
H23, H24 = HZ(2023), HZ(2024)
PERPROJ = lambda c: {s: c.v(s, AMT) / c.v(s, PRJ) for s in S5}

R = {}


def r(n, quality=False):
    def deco(fn):
        R[f"h57-{n:03d}"] = (fn, quality)
        return fn
    return deco


# ---- 001-016 secretary
r(1)(lambda c: N(c.v(EQ, AMT), "yuan"))
r(2)(lambda c: N(c.v(LC, PEN)))
r(3)(lambda c: N(c.v(H24, "requests.granted.total")))
r(4)(lambda c: N(c.v(H23, "active.fees.amount"), "yuan"))
r(5)(lambda c: N(sum(c.v(s, PRJ) for s in S5 if G[s]["province"] == "福建省" and year(s) == 2020)))
r(6)(lambda c: N(c.v(H24, "review.lawsuit_direct.total") + c.v(H24, "review.lawsuit_after_review.total")))
r(7)(lambda c: N(c.v(WQ, "requests.unavailable_not_held.total")))
r(8)(lambda c: blank(GL, "requests.unavailable_not_held.total"))
r(9)(lambda c: fails(H23, "review.reconsideration.total"))
r(10)(lambda c: N(c.v(YZ, "active.rules.public_total") - c.v(YZ, "active.rules.published")))
r(11)(lambda c: N(sum(c.v(s, NEW) for s in Y2020 if agency(s).endswith("统计局"))))
r(12)(lambda c: N(c.v(H24, "active.normative.in_force")))
r(13)(lambda c: P(c, [(WQ, "五", ["答复依申请公开处理水平有待提高", "细化重点领域信息公开内容"], [])]))
r(14)(lambda c: B(G[LC]["published"] < G[GL]["published"]))
r(15)(lambda c: N(c.v(H23, "active.coercion.decisions") - c.v(H24, "active.coercion.decisions")))
r(16)(lambda c: N(pct(c.v(H23, "requests.new.person"), c.v(H23, NEW)), "percent"))
# ---- 017-032 student
r(17)(lambda c: N(c.v(LC, PEN) - c.v(YZ, PEN)))
r(18)(lambda c: N(pct(c.v(H24, "requests.granted.total"), c.v(H24, "requests.handled.total")), "percent"))
r(19)(lambda c: B(c.v(H24, "active.licensing.decisions") > c.v(H23, "active.licensing.decisions")))
r(20)(lambda c: N(pct(c.v(H24, "requests.unavailable_not_held.total"), c.v(H24, "requests.handled.total")), "percent"))
r(21)(lambda c: A(agency(rank_one(c.vs([GL, WQ], PRJ)))))
r(22)(lambda c: B(max(c.vs([s for s in ALL if year(s) in (2019, 2020)], NEW).values()) <= 4))
r(23)(lambda c: N(pct(c.v(H24, NEW), sum(c.vs(ALL, NEW).values())), "percent"))
r(24)(lambda c: N(c.v(H24, "review.lawsuit_after_review.total") - c.v(H24, "review.lawsuit_direct.total")))
r(25)(lambda c: N(pct(sum(c.v(H23, k) for k in W8), c.v(H23, "requests.handled.total")), "percent"))
r(26)(lambda c: B(pct(c.v(WQ, "requests.granted.total"), c.v(WQ, "requests.handled.total"))
                  > pct(c.v(YZ, "requests.granted.total"), c.v(YZ, "requests.handled.total"))))
r(27)(lambda c: B(len(reports(lambda d: d["province"] == "浙江省")) == len(reports(lambda d: d["province"] == "福建省"))))
r(28)(lambda c: N(pct(c.v(H24, "active.fees.amount") - c.v(H23, "active.fees.amount"), c.v(H23, "active.fees.amount")), "percent", 1))
r(29)(lambda c: P(c, [(YZ, "五", ["信息公开范围单一", "时效性有待提高"], [])]))
r(30)(lambda c: N(pct(c.v(GL, AMT), sum(c.vs(Y2020 and [s for s in Y2020 if s in S5], AMT).values())), "percent"))


def _r31(c):
    return N(c.v(H23, PEN) + c.v(H24, PEN))


r(31)(_r31)


def _r32(c):
    nn = [x for x in G[H24]["narrative_numbers"] if x.get("cell") == NEW]
    if not nn:
        raise Bad("no narrative claim about requests.new.total in hongze 2024")
    return B(all(x["value"] == c.v(H24, NEW) for x in nn))


r(32, quality=True)(_r32)
# ---- 033-046 pinyin
r(33)(lambda c: N(c.v(LC, "active.penalty.prev_items")))
r(34)(lambda c: N(c.v(YZ, NEW)))
r(35)(lambda c: N(c.v(H24, "requests.partial.total")))
r(36)(lambda c: N(c.v(EQ, "active.penalty.prev_items")))
r(37)(lambda c: N(c.v(WQ, AMT), "yuan"))
r(38)(lambda c: N(c.v(H24, "active.licensing.decisions")))
r(39)(lambda c: N(c.v(H23, "active.coercion.decisions")))
r(40)(lambda c: N(c.v(GL, AMT) / c.v(GL, PRJ), "yuan"))
r(41)(lambda c: N(sum(c.v(s, NEW) for s in Y2020 if G[s]["province"] == "福建省")))
r(42)(lambda c: absent(H23, "requests.other_no_fee.total"))
r(43)(lambda c: A(agency(rank_one(c.vs(TJJ, PEN)))))
r(44)(lambda c: N(c.v(H24, "review.lawsuit_after_review.upheld")))
r(45)(lambda c: N(c.v(LC, NEW)))
r(46)(lambda c: A(agency(reports(lambda d: d["province"] == "河南省")[0])) if len(reports(lambda d: d["province"] == "河南省")) == 1 else (_ for _ in ()).throw(Bad("not one 河南 report")))
# ---- 047-060 accountant
r(47)(lambda c: N(c.v(H24, "active.fees.amount"), "yuan"))
r(48)(lambda c: N(c.v(YZ, AMT) / c.v(YZ, PRJ), "yuan"))
r(49)(lambda c: N(c.v(WQ, AMT) / c.v(WQ, PRJ), "yuan", 0))


def _r50(c):
    v = c.v(EQ, AMT)
    cl = cell(EQ, AMT)
    if cl.get("unit_assumed") != "万元" or abs(cl["raw_value"] * 10000 - v) > 1e-6:
        raise Bad("二七 amount is not 6.0248 万元")
    return N(v, "yuan")


r(50)(_r50)
r(51)(lambda c: N(c.v(H23, "active.fees.amount") + c.v(H24, "active.fees.amount"), "yuan"))
r(52)(lambda c: N(sum(c.vs([LC, YZ, EQ], AMT).values()), "yuan"))
r(53)(lambda c: N(sum(c.vs([s for s in Y2020 if s in S5], AMT).values()), "yuan", 0))
r(54)(lambda c: N(sum(c.vs(S5, AMT).values()) / sum(c.vs(S5, PRJ).values()), "yuan"))
r(55)(lambda c: N(c.v(H23, "active.fees.amount") - c.v(H24, "active.fees.amount"), "yuan"))
r(56)(lambda c: N(c.v(YZ, AMT) / c.v(YZ, PRJ) - c.v(LC, AMT) / c.v(LC, PRJ), "yuan", 0))
r(57)(lambda c: N(c.v(H24, "active.fees.amount") / 12, "yuan"))
r(58)(lambda c: N(pct(c.v(WQ, AMT), c.v(GL, AMT) + c.v(WQ, AMT)), "percent"))
r(59)(lambda c: N(c.v(GL, AMT) - c.v(LC, AMT), "yuan"))
r(60)(lambda c: B(c.v(YZ, AMT) > 6 * c.v(LC, AMT)))
# ---- 061-076 journalist
r(61)(lambda c: A(agency(rank_one(c.vs(ALL, PEN), 2))))
r(62)(lambda c: A(agency(rank_one(c.vs(S5, AMT), 2, desc=False))))
r(63)(lambda c: A(agency(rank_one(c.vs(S5, PRJ), 1, desc=False))))
r(64)(lambda c: A(agency(rank_one(c.vs(ALL, PEN), 1, desc=False, exclude_zero=True))))
r(65)(lambda c: L([agency(s) for s in tied_at(c.vs(Y2020, NEW), 2)]))
r(66)(lambda c: L([agency(s) for s in sorted(S5, key=lambda s: -c.v(s, PRJ))]
                  if len(set(c.vs(S5, PRJ).values())) == len(S5) else (_ for _ in ()).throw(Bad("ties")), True))
r(67)(lambda c: L([agency(s) for s in tied_at(c.vs(ALL, NEW), 1, desc=False, exclude_zero=True)]))
r(68)(lambda c: A(agency(rank_one(PERPROJ(c), 3))))
r(69)(lambda c: A(agency(rank_one(c.vs(S5, "active.penalty.prev_items")))))
r(70)(lambda c: N(sum(1 for v in c.vs(ALL, "requests.granted.total").values() if v >= 1)))
r(71)(lambda c: N(sum(1 for v in c.vs(ALL, "requests.partial.total").values() if v > 0)))
r(72)(lambda c: A(agency(rank_one(c.vs(TJJ, NEW)))))
r(73)(lambda c: N(sum(1 for k in W8 if c.v(H24, k) != 0)))
r(74)(lambda c: A(agency(rank_one(c.vs(Y2020, PEN), 2))))


def _r75(c):
    vals = c.vs(ALL, "active.licensing.decisions")
    return N(1 + sum(1 for s, v in vals.items() if v > vals[H24]))


r(75)(_r75)
r(76)(lambda c: B(c.v(H24, "active.coercion.decisions") < c.v(H23, "active.coercion.decisions")))
# ---- 077-090 multi-turn
r(77)(lambda c: N(c.v(YZ, PEN)))
r(78)(lambda c: fails(H23, "review.reconsideration.total"))
r(79)(lambda c: N(c.v(WQ, "review.reconsideration.total")))
r(80)(lambda c: N(c.v(H24, "active.licensing.decisions") - c.v(H23, "active.licensing.decisions")))
r(81)(lambda c: N(c.v(EQ, PRJ)))
r(82)(lambda c: N(c.v(WQ, AMT), "yuan"))


def _r83(c):
    top = rank_one({s: num(s, AMT) for s in Y2020 if s in S5})
    return N(c.v(top, AMT) / c.v(top, PRJ), "yuan", 0)


r(83)(_r83)


def _r84(c):
    js = reports(lambda d: d["province"] == "江苏省" and d["year"] == 2023)
    if len(js) != 1:
        raise Bad("not one 江苏 2023 report")
    return N(c.v(js[0], NEW))


r(84)(_r84)
r(85)(lambda c: no_report(lambda d: "鹿城" in d["agency"] and d["year"] == 2021))
r(86)(lambda c: N(c.v(LC, PRJ)))


def _r87(c):
    st = [s for s in ALL if kind_of(agency(s)) == "street"]
    if len(st) != 1:
        raise Bad("not one street office")
    s = st[0]
    return N(pct(c.v(s, "requests.withheld_third_party.total"), c.v(s, "requests.handled.total")), "percent")


r(87)(_r87)
r(88)(lambda c: N(pct(c.v(H24, "review.lawsuit_after_review.upheld"), c.v(H24, "review.lawsuit_after_review.total")), "percent"))
r(89)(lambda c: B(c.v(EQ, "active.licensing.decisions") > 0))
r(90)(lambda c: B(c.v(GL, "requests.handled.total") == c.v(GL, NEW)))
# ---- 091-120 mixed
r(91)(lambda c: N(c.v(H23, "active.normative.repealed")))
r(92)(lambda c: N(c.v(YZ, "active.penalty.prev_items")))
r(93)(lambda c: L(sorted({agency(s) for s in reports(lambda d: d["province"] == "福建省")})))
r(94)(lambda c: N(len(reports(lambda d: d["template"] == "2019"))))


def _r95(c):
    gov = sorted({agency(s) for s in ALL if kind_of(agency(s)) == "government"})
    if len(gov) != 1:
        raise Bad(f"government agencies: {gov}")
    return A(gov[0])


r(95)(_r95)
r(96)(lambda c: B(G[H24]["published"] is not None))
r(97)(lambda c: P(c, [(LC, "一", ["统计开放日"], [])]))
r(98)(lambda c: P(c, [(YZ, "二", ["统计普法宣传", "宪法宣传日"], [])]))
r(99)(lambda c: P(c, [(EQ, "五", ["规范公开时间", "急务"], [])]))
r(100)(lambda c: P(c, [(GL, "一", ["个人信息保护", "培训"], [])]))
r(101)(lambda c: P(c, [(WQ, "一", ["信息发布审查制度", "信息保密审查制度"], [])]))
r(102)(lambda c: P(c, [(EQ, "一", ["四个结合", "目标考核相结合"], [])]))


def _r103(c):
    study = ["学习《中华人民共和国政府信息公开条例》", "研学"]
    pairs = []
    for s in S5:
        txt = sections(s)["五"]
        if any(w in txt for w in study):
            pairs.append((s, "五", [next(w for w in study if w in txt)], []))
        else:
            c.passage(s, "五", [], study)  # confirms the phrases are absent here...
            c.cites.remove(G[s]["_cite_file"])  # ...and this report is not cited
    return P(c, pairs)


r(103)(_r103)
r(104)(lambda c: P(c, [(GL, "五", ["加强政府信息公开业务学习和培训", "三是"], [])]))
r(105)(lambda c: fails(H23, "review.lawsuit_after_review.total"))
r(106)(lambda c: blank(WQ, "requests.carried_out.total"))
r(107)(lambda c: absent(H24, AMT) if G[H24]["template"] == "2021" else (_ for _ in ()).throw(Bad("template")))
r(108)(lambda c: no_report(lambda d: d["agency"].startswith("南京市") or (d["city"] == "南京市")))
r(109)(lambda c: absent(YZ, "active.fees.amount"))
r(110)(lambda c: no_report(lambda d: "洪泽" in d["agency"] and d["year"] == 2022))


def _r111(c):
    bad = [s for s in ALL if rule_status(s, "R4") == "fail"]
    if G[H23]["checks"]["R4"].startswith("fail") is not (H23 in bad):
        raise Bad("recomputed R4 disagrees with gold checks")
    for s in bad:
        for gname in GROUPS:
            if f"review.{gname}.total" in FAILING[s]:
                for k in RES + ["total"]:
                    c.v(s, f"review.{gname}.{k}")
    return L(sorted({agency(s) for s in bad}))


r(111, quality=True)(_r111)
r(112, quality=True)(lambda c: N(sum(c.v(H23, f"review.reconsideration.{k}") for k in RES) - c.v(H23, "review.reconsideration.total")))


def _r113(c):
    ok = all(sum(c.v(H24, f"review.{g}.{k}") for k in RES) == c.v(H24, f"review.{g}.total") for g in GROUPS)
    return B(ok)


r(113, quality=True)(_r113)
r(114)(lambda c: N(c.v(WQ, "requests.unavailable_needs_creation.person")))
r(115)(lambda c: N(c.v(H24, NEW) - c.v(H23, NEW)))
r(116)(lambda c: N(sum(c.v(s, PEN) for s in Y2020 if G[s]["province"] == "浙江省")))
r(117)(lambda c: N(c.v(GL, "active.penalty.prev_items") - c.v(EQ, "active.penalty.prev_items")))
r(118)(lambda c: N(sum(c.v(H24, f"requests.new.{k}") for k in APPL[1:])))
r(119)(lambda c: N(len(reports(lambda d: (d["published"] or "").startswith("2021-01")))))
r(120)(lambda c: N(c.v(H23, "requests.withheld_third_party.total")))


# ---------------------------------------------------------------- comparison
def same_expect(got, want):
    """Differences between the case's expect (got) and the recomputed one (want)."""
    errs = []
    k = want["kind"]
    if got.get("kind") != k:
        return [f"kind {got.get('kind')!r} != {k!r}"]
    if k == "number":
        gv = got.get("value")
        if not isinstance(gv, (int, float)) or isinstance(gv, bool) or abs(gv - want["value"]) > 0.006 + 1e-9 * abs(want["value"]):
            errs.append(f"value {gv!r} != {want['value']!r}")
        if got.get("unit") != want["unit"]:
            errs.append(f"unit {got.get('unit')!r} != {want['unit']!r}")
    elif k in ("agency", "boolean"):
        if got.get("value") != want["value"] or type(got.get("value")) is not type(want["value"]):
            errs.append(f"value {got.get('value')!r} != {want['value']!r}")
    elif k == "list":
        gv, wv = got.get("values"), want["values"]
        if want["ordered"]:
            if gv != wv:
                errs.append(f"values {gv!r} != {wv!r}")
        elif not isinstance(gv, list) or sorted(map(str, gv)) != sorted(map(str, wv)):
            errs.append(f"values {gv!r} != {wv!r} (unordered)")
        if got.get("ordered") is not want["ordered"]:
            errs.append(f"ordered {got.get('ordered')!r} != {want['ordered']!r}")
    elif k == "passages":
        if sorted(got.get("files") or []) != sorted(want["files"]):
            errs.append(f"files {got.get('files')!r} != {want['files']!r}")
        if sorted(got.get("sections") or []) != sorted(want["sections"]):
            errs.append(f"sections {got.get('sections')!r} != {want['sections']!r}")
    elif k == "unanswerable":
        pass
    return errs


def computed_tags(cites):
    guessed = mixed = False
    years = set()
    by_file = {G[s]["_cite_file"]: s for s in G}
    for ci in cites:
        if "#" not in ci:
            continue
        f, key = ci.split("#", 1)
        s = by_file[f]
        years.add(year(s))
        if (cell(s, key) or {}).get("unit_assumed"):
            guessed = True
    mixed = len(years) > 1
    return guessed, mixed


ALLOWED_FIELDS = {"id", "question", "turns", "expect", "cite", "tags"}
KINDS = {"number", "agency", "list", "boolean", "passages", "unanswerable"}


def check_case(case):
    """List of problems of one case (empty when it agrees with the recomputation)."""
    errs = []
    cid = case.get("id")
    if set(case) - ALLOWED_FIELDS:
        errs.append(f"unknown fields {sorted(set(case) - ALLOWED_FIELDS)}")
    if not isinstance(case.get("question"), str) or not case["question"].strip():
        errs.append("blank question")
    if "turns" in case and (not isinstance(case["turns"], list) or not case["turns"]
                            or not all(isinstance(t, str) and t.strip() for t in case["turns"])):
        errs.append("turns must be a non-empty list of strings")
    tags = case.get("tags") or []
    if sum(t in ("zh", "en") for t in tags) != 1:
        errs.append("exactly one of zh/en tags expected")
    exp = case.get("expect") or {}
    if exp.get("kind") not in KINDS:
        errs.append(f"bad kind {exp.get('kind')!r}")
    cites = case.get("cite") or []
    for ci in cites:
        if not _CITE.match(ci):
            errs.append(f"bad cite {ci!r}")
    if len(set(cites)) != len(cites):
        errs.append("duplicate cites")
    if cid not in R:
        return errs + ["no recipe"]
    fn, quality = R[cid]
    if quality != ("quality" in tags):
        errs.append("quality tag mismatch")
    ctx = Ctx(quality=quality)
    try:
        want = fn(ctx)
    except Bad as e:
        return errs + [f"recipe refused: {e}"]
    errs += same_expect(exp, want)
    if sorted(cites) != sorted(ctx.cites):
        miss = sorted(set(ctx.cites) - set(cites))
        extra = sorted(set(cites) - set(ctx.cites))
        errs.append(f"cite mismatch: missing {miss} extra {extra}")
    if want["kind"] == "unanswerable" and cites:
        errs.append("unanswerable case cites cells")
    guessed, mixed = computed_tags(ctx.cites)
    if guessed != ("guessed_unit" in tags):
        errs.append(f"guessed_unit tag should be {guessed}")
    if mixed != ("mixed_years" in tags):
        errs.append(f"mixed_years tag should be {mixed}")
    return errs


def check_all(cases):
    """(number of agreeing cases, list of 'id: problem' lines) over the whole set."""
    lines = []
    ok = 0
    ids = [c.get("id") for c in cases]
    want_ids = [f"h57-{i:03d}" for i in range(1, 121)]
    if ids != want_ids:
        lines.append(f"SET: ids are not h57-001..h57-120 in order ({len(ids)} cases)")
    nzh = sum("zh" in (c.get("tags") or []) for c in cases)
    nen = sum("en" in (c.get("tags") or []) for c in cases)
    if (nzh, nen) != (60, 60):
        lines.append(f"SET: zh/en = {nzh}/{nen}, expected 60/60")
    for c in cases:
        e = check_case(c)
        if e:
            lines += [f"{c.get('id')}: {x}" for x in e]
        else:
            ok += 1
    if lines and any(l.startswith("SET:") for l in lines):
        ok = min(ok, len(cases) - 1)  # a set-level problem never passes
    return ok, lines


def load(path):
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else CASES
    cases = load(path)
    ok, lines = check_all(cases)
    for l in lines:
        print(l)
    print(f"SUMMARY {ok}/120")
    return 0 if ok == 120 and not lines else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
