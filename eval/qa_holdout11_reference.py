#!/usr/bin/env python3
"""Reference check for eval/qa_holdout11.jsonl (stdlib only).

Recomputes every case's expected answer from the gold fact files (tests/fixtures/gold/*.json) and, for
narrative and passage cases, from the sample texts (data/samples/*.txt). Prints one line per case and a
summary line; exits 1 on any mismatch.

    python3 eval/qa_holdout11_reference.py [CASES.jsonl] [--gold DIR] [--samples DIR]

Rules enforced while recomputing:
- a number is read only from a cell whose state is "number" (blank / absent / unreadable / missing cells
  raise `Refused`, never 0);
- a cell in a row that a gold check (R1-R4) marks as failing is never used for a number answer; only
  `printed()` (for questions that explicitly ask what the table prints) may read it;
- the case's `cite` must be exactly the set of cells (and bare files, for narrative / passage answers)
  the computation touched;
- rankings must have no ties at the positions asked;
- refusal cases must really have no answer (the reason is verified against the gold data).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTION_NUMS = "一二三四五六"
# a heading must carry one of these words to count as that section's heading (table rows such as
# "四、结转下年度继续办理" must not be taken for section 四)
SECTION_WORDS = {"一": ("总体",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
                 "五": ("问题",), "六": ("其他", "事项")}


class Refused(Exception):
    """The data cannot answer: the reason is the message."""


class Mismatch(Exception):
    pass


# ----------------------------------------------------------------------------------------------- data
class Report:
    def __init__(self, path: Path, samples: Path):
        self.gold = json.loads(path.read_text(encoding="utf-8"))
        self.cite = Path(self.gold["file"]).name          # 000_....txt / hongze-qu-gov-2023.pdf
        self.agency = self.gold["agency"]
        self.year = self.gold["year"]
        self.template = self.gold["template"]
        self.province = self.gold.get("province")
        self.facts = self.gold["facts"]
        txt = samples / self.cite
        self.text = txt.read_text(encoding="utf-8") if txt.suffix == ".txt" and txt.exists() else None
        self.failing = self._failing_cells()

    def names(self) -> list[str]:
        out = [self.agency]
        if self.gold.get("agency_full"):
            out.append(self.gold["agency_full"])
        out += [v["text"] for v in self.gold.get("agency_variants", [])]
        return out

    def _failing_cells(self) -> set[str]:
        """Keys of every cell in a group a gold check marks as failing."""
        bad: set[str] = set()
        for rule, verdict in (self.gold.get("checks") or {}).items():
            if not str(verdict).startswith("fail"):
                continue
            body = str(verdict).split(":", 1)[1] if ":" in str(verdict) else ""
            groups = [p.split(":", 1)[0].strip() for p in body.split(";") if ":" in p]
            for key in self.facts:
                table, row, col = key.split(".")
                if rule == "R4" and table == "review" and (row in groups or not groups):
                    bad.add(key)
                elif rule == "R3" and table == "requests" and (row in groups or not groups):
                    bad.add(key)
                elif rule == "R1" and table == "requests" and row in ("new", "carried_in", "handled", "carried_out") \
                        and (col in groups or not groups):
                    bad.add(key)
                elif rule == "R2" and table == "requests" and row not in ("new", "carried_in", "carried_out") \
                        and (col in groups or not groups):
                    bad.add(key)
        return bad

    def sections(self) -> dict[str, str]:
        """Canonical section number -> its text (sample texts only)."""
        if self.text is None:
            raise Mismatch(f"{self.cite}: no sample text for a passage")
        lines = self.text.splitlines()
        starts: list[tuple[str, int]] = []
        nxt = 0
        for i, line in enumerate(lines):
            if nxt >= len(SECTION_NUMS):
                break
            s = line.strip().lstrip("#*").strip().lstrip("*").strip()
            num = SECTION_NUMS[nxt]
            if s.startswith(num + "、") and any(w in s for w in SECTION_WORDS[num]):
                starts.append((num, i))
                nxt += 1
        out = {}
        for j, (num, i) in enumerate(starts):
            end = starts[j + 1][1] if j + 1 < len(starts) else len(lines)
            out[num] = "\n".join(lines[i:end])
        return out


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


class Ctx:
    def __init__(self, reports: dict[str, Report]):
        self.r = reports
        self.used: set[str] = set()

    def rep(self, short: str) -> Report:
        return self.r[short]

    # ---- cells
    def _fact(self, short: str, key: str) -> dict:
        rep = self.r[short]
        f = rep.facts.get(key)
        if f is None:
            raise Refused(f"{rep.cite}#{key}: no such cell in a {rep.template}-template report")
        if f["state"] != "number" or f["value"] is None:
            raise Refused(f"{rep.cite}#{key}: state {f['state']}")
        return f

    def n(self, short: str, key: str) -> float:
        """A number answer from a cell: state number and not in a failing row."""
        rep = self.r[short]
        f = self._fact(short, key)
        if key in rep.failing:
            raise Refused(f"{rep.cite}#{key}: row fails a gold balance check")
        self.used.add(f"{rep.cite}#{key}")
        return f["value"]

    def printed(self, short: str, key: str) -> float:
        """What the table prints (explicitly asked), even in a failing row."""
        rep = self.r[short]
        f = self._fact(short, key)
        self.used.add(f"{rep.cite}#{key}")
        return f["value"]

    def cite_cells(self, short: str, keys) -> None:
        rep = self.r[short]
        for key in keys:
            if key not in rep.facts:
                raise Mismatch(f"{rep.cite}#{key}: not in gold")
            self.used.add(f"{rep.cite}#{key}")

    # ---- text
    def narr(self, short: str, sentence: str, value: float) -> float:
        """A narrative-only figure: in gold narrative_numbers, and (for samples) in the text."""
        rep = self.r[short]
        hits = [e for e in rep.gold.get("narrative_numbers", [])
                if norm(sentence) in norm(e["text"]) and e["value"] == value]
        if not hits:
            raise Mismatch(f"{rep.cite}: narrative {sentence!r} = {value} not in gold narrative_numbers")
        if rep.text is not None and norm(sentence) not in norm(rep.text):
            raise Mismatch(f"{rep.cite}: narrative {sentence!r} not in the sample text")
        self.used.add(rep.cite)
        return value

    def narr_entry(self, short: str, sentence: str) -> dict:
        rep = self.r[short]
        hits = [e for e in rep.gold.get("narrative_numbers", []) if norm(sentence) in norm(e["text"])]
        if len(hits) != 1:
            raise Mismatch(f"{rep.cite}: narrative {sentence!r} found {len(hits)} times in gold")
        return hits[0]

    def passage(self, short: str, section: str, needle: str) -> None:
        rep = self.r[short]
        secs = rep.sections()
        if section not in secs:
            raise Mismatch(f"{rep.cite}: section {section} not found (found {''.join(secs)})")
        if norm(needle) not in norm(secs[section]):
            raise Mismatch(f"{rep.cite}: {needle!r} not in section {section}")
        self.used.add(rep.cite)

    # ---- refusals
    def refuse_cell(self, short: str, key: str):
        self.n(short, key)               # raises Refused when unusable
        raise Mismatch(f"{self.r[short].cite}#{key} is answerable")

    def refuse_agency(self, name: str):
        for rep in self.r.values():
            if any(name in n for n in rep.names()):
                raise Mismatch(f"{name} matches {rep.agency}")
        raise Refused(f"no agency matching {name}")

    def refuse_year(self, name: str, year: int):
        reps = [rep for rep in self.r.values() if any(name in n for n in rep.names())]
        if not reps:
            raise Mismatch(f"{name}: not in the store at all")
        if any(rep.year == year for rep in reps):
            raise Mismatch(f"{name} has a {year} report")
        raise Refused(f"{name}: years {sorted(rep.year for rep in reps)}, not {year}")

    def refuse_block(self, short: str, prefix: str):
        rep = self.r[short]
        usable = [k for k, f in rep.facts.items() if k.startswith(prefix) and f["state"] == "number"]
        if usable:
            raise Mismatch(f"{rep.cite}: {prefix}* has number cells {usable}")
        raise Refused(f"{rep.cite}: no {prefix}* cell ({rep.template} template)")


# ------------------------------------------------------------------------------------------- helpers
def NUM(v, unit):
    return {"kind": "number", "value": v, "unit": unit}


def PCT(x):
    return {"kind": "number", "value": round(x * 100, 2), "unit": "percent"}


def AG(name):
    return {"kind": "agency", "value": name}


def LST(vals, ordered):
    return {"kind": "list", "values": list(vals), "ordered": ordered}


def BOOL(v):
    return {"kind": "boolean", "value": bool(v)}


def PAS(files, sections):
    return {"kind": "passages", "files": sorted(files), "sections": sorted(sections, key=SECTION_NUMS.index)}


def ranked(pairs, k, desc=True):
    """Labels sorted by value; no ties at positions 1..k (nor between k and k+1)."""
    s = sorted(pairs, key=lambda p: p[1], reverse=desc)
    for i in range(min(k, len(s))):
        if i + 1 < len(s) and s[i][1] == s[i + 1][1]:
            raise Mismatch(f"tie at position {i + 1}/{i + 2}: {s[i]} {s[i + 1]}")
    return [p[0] for p in s]


SAMPLES = ["000", "001", "002", "003", "004"]
Y2020 = ["000", "001", "003", "004"]
BUREAUS = ["000", "001", "002", "004"]          # the four 统计局 reports
ALL = SAMPLES + ["hz23", "hz24"]
WH = ["withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party", "withheld_internal",
      "withheld_process", "withheld_enforcement", "withheld_query"]
AMT = "active.procurement.amount"
PRJ = "active.procurement.projects"
PEN = "active.penalty.decisions"
NEW = "requests.new.total"


def ag(c, s):
    return c.rep(s).agency


def by(c, shorts, key):
    return [(ag(c, s), c.n(s, key)) for s in shorts]


def procurement_reports(c):
    """Reports with a procurement block (the 2021 template has none)."""
    return [s for s in ALL if any(k.startswith("active.procurement.") for k in c.rep(s).facts)]


# ------------------------------------------------------------------------------------------- specs
SPECS = {
    # lookup
    "h11-001": lambda c: NUM(c.n("000", AMT), "yuan"),
    "h11-002": lambda c: NUM(c.n("001", PEN), "count"),
    "h11-003": lambda c: NUM(c.n("003", NEW), "count"),
    "h11-004": lambda c: NUM(c.n("hz24", "active.fees.amount"), "yuan"),
    "h11-005": lambda c: NUM(c.n("hz23", "active.fees.amount"), "yuan"),
    "h11-006": lambda c: NUM(c.n("004", "active.other_services.prev_items"), "count"),
    "h11-007": lambda c: NUM(c.n("hz24", "active.normative.in_force"), "count"),
    "h11-008": lambda c: NUM(c.n("hz23", "active.normative.repealed"), "count"),
    "h11-009": lambda c: NUM(c.n("002", "active.rules.public_total"), "count"),
    "h11-010": lambda c: NUM(c.n("hz24", "review.reconsideration.total"), "count"),
    "h11-011": lambda c: NUM(c.n("hz24", "review.lawsuit_after_review.total"), "count"),
    "h11-012": lambda c: NUM(c.n("hz24", "requests.unavailable_not_held.total"), "count"),
    "h11-013": lambda c: NUM(c.n("002", "requests.granted.total"), "count"),
    "h11-014": lambda c: NUM(c.n("003", PRJ), "count"),
    "h11-015": lambda c: NUM(c.n("hz23", PEN), "count"),
    "h11-016": lambda c: NUM(c.n("hz23", "active.licensing.decisions"), "count"),
    "h11-017": lambda c: NUM(c.n("001", "requests.partial.total"), "count"),
    "h11-018": lambda c: NUM(c.n("004", PRJ), "count"),
    "h11-019": lambda c: NUM(c.n("hz24", "requests.withheld_process.total"), "count"),
    "h11-020": lambda c: NUM(c.n("hz24", "requests.declined_complaint.total"), "count"),
    # aggregate
    "h11-021": lambda c: NUM(sum(c.n(s, NEW) for s in ALL if c.rep(s).year == 2020), "count"),
    "h11-022": lambda c: NUM(round(sum(c.n(s, AMT) for s in procurement_reports(c)), 2), "yuan"),
    "h11-023": lambda c: NUM(sum(c.n(s, PRJ) for s in ALL if c.rep(s).template == "2019"), "count"),
    "h11-024": lambda c: NUM(c.n("hz23", PEN) + c.n("hz24", PEN), "count"),
    "h11-025": lambda c: NUM(round(sum(c.n(s, AMT) for s in Y2020) / len(Y2020), 2), "yuan"),
    "h11-026": lambda c: NUM(round(sum(c.n(s, AMT) for s in procurement_reports(c))
                                   / sum(c.n(s, PRJ) for s in procurement_reports(c)), 2), "yuan"),
    "h11-027": lambda c: NUM(c.n("hz23", NEW) + c.n("hz24", NEW), "count"),
    "h11-028": lambda c: NUM(sum(c.n(s, PEN) for s in ALL if c.rep(s).agency.endswith("统计局")), "count"),
    "h11-029": lambda c: NUM(sum(c.n(s, AMT) for s in ALL
                                 if c.rep(s).province == "福建省" and c.rep(s).year == 2020), "yuan"),
    "h11-030": lambda c: NUM((lambda v: sum(v) / len(v))(
        [c.n(s, PEN) for s in ALL if c.rep(s).province == "浙江省" and c.rep(s).agency.endswith("统计局")]), "count"),
    "h11-031": lambda c: NUM(c.n("hz23", "active.fees.amount") + c.n("hz24", "active.fees.amount"), "yuan"),
    # rank
    "h11-032": lambda c: AG(ranked(by(c, procurement_reports(c), AMT), 1)[0]),
    "h11-033": lambda c: AG(ranked(by(c, procurement_reports(c), PRJ), 1, desc=False)[0]),
    "h11-034": lambda c: AG(ranked(by(c, procurement_reports(c), AMT), 2, desc=False)[1]),
    "h11-035": lambda c: AG(ranked(by(c, Y2020, NEW), 1)[0]),
    "h11-036": lambda c: LST(ranked(by(c, procurement_reports(c), AMT), 5), True),
    "h11-037": lambda c: AG(ranked(by(c, ALL, PEN), 1)[0]),
    "h11-038": lambda c: AG(ranked(by(c, BUREAUS, "active.penalty.prev_items"), 1)[0]),
    "h11-039": lambda c: AG(ranked([(ag(c, s), c.n(s, AMT) / c.n(s, PRJ)) for s in procurement_reports(c)], 1)[0]),
    "h11-040": lambda c: LST(ranked(by(c, SAMPLES, NEW), 2)[:2], True),
    "h11-041": lambda c: AG(ranked(by(c, Y2020, AMT), 1, desc=False)[0]),
    # count
    "h11-042": lambda c: NUM(sum(1 for s in procurement_reports(c) if c.n(s, AMT) > 100000), "count"),
    "h11-043": lambda c: NUM(sum(1 for s in ALL if c.n(s, NEW) == 0), "count"),
    "h11-044": lambda c: NUM(sum(1 for s in Y2020 if c.n(s, PEN) == 0), "count"),
    "h11-045": lambda c: NUM(sum(1 for s in procurement_reports(c) if c.n(s, PRJ) > 10), "count"),
    "h11-046": lambda c: NUM(sum(1 for s in BUREAUS if c.n(s, PEN) > 5), "count"),
    "h11-047": lambda c: NUM(sum(1 for s in SAMPLES if c.n(s, "requests.granted.total") > 0), "count"),
    "h11-048": lambda c: NUM(sum(1 for s in SAMPLES if c.n(s, "active.penalty.prev_items") >= 10), "count"),
    "h11-049": lambda c: NUM(sum(1 for s in ALL if c.n(s, NEW) == 1), "count"),
    # compare
    "h11-050": lambda c: NUM(c.n("hz24", NEW) - c.n("hz23", NEW), "count"),
    "h11-051": lambda c: BOOL(c.n("hz24", "active.licensing.decisions") > c.n("hz23", "active.licensing.decisions")),
    "h11-052": lambda c: AG(ranked(by(c, ["001", "000"], AMT), 1)[0]),
    "h11-053": lambda c: NUM(c.n("hz23", "active.coercion.decisions") - c.n("hz24", "active.coercion.decisions"), "count"),
    "h11-054": lambda c: NUM(c.n("000", AMT) - c.n("003", AMT), "yuan"),
    "h11-055": lambda c: BOOL(c.n("002", PEN) > c.n("004", PEN)),
    "h11-056": lambda c: NUM(c.n("hz23", "active.fees.amount") - c.n("hz24", "active.fees.amount"), "yuan"),
    "h11-057": lambda c: AG(ranked(by(c, ["001", "003"], NEW), 1)[0]),
    "h11-058": lambda c: NUM(c.n("003", PRJ) - c.n("000", PRJ), "count"),
    "h11-059": lambda c: BOOL(c.n("000", AMT) > 300000),
    "h11-060": lambda c: NUM(c.n("hz24", "review.lawsuit_after_review.total") - c.n("hz24", "review.lawsuit_direct.total"), "count"),
    "h11-061": lambda c: NUM(abs(c.n("001", PEN) - c.n("002", PEN)), "count"),
    # ratio (percent, rounded to 2 decimals)
    "h11-062": lambda c: PCT(c.n("hz24", "requests.granted.total") / c.n("hz24", "requests.handled.total")),
    "h11-063": lambda c: PCT(c.n("hz23", "requests.unavailable_not_held.total") / c.n("hz23", "requests.handled.total")),
    "h11-064": lambda c: PCT((c.n("hz24", NEW) - c.n("hz23", NEW)) / c.n("hz23", NEW)),
    "h11-065": lambda c: PCT((c.n("hz24", "active.licensing.decisions") - c.n("hz23", "active.licensing.decisions"))
                             / c.n("hz23", "active.licensing.decisions")),
    "h11-066": lambda c: PCT((c.n("hz24", PEN) - c.n("hz23", PEN)) / c.n("hz23", PEN)),
    "h11-067": lambda c: PCT(c.n("002", AMT) / sum(c.n(s, AMT) for s in procurement_reports(c))),
    "h11-068": lambda c: PCT(c.n("003", "requests.unavailable_not_held.total") / c.n("003", "requests.handled.total")),
    "h11-069": lambda c: PCT(c.n("hz24", "requests.partial.total") / c.n("hz24", "requests.handled.total")),
    "h11-070": lambda c: PCT((c.n("hz24", "active.fees.amount") - c.n("hz23", "active.fees.amount"))
                             / c.n("hz23", "active.fees.amount")),
    "h11-071": lambda c: PCT(sum(c.n("hz24", f"requests.{r}.total") for r in WH) / c.n("hz24", "requests.handled.total")),
    # followup
    "h11-072": lambda c: NUM(c.n("hz24", NEW), "count"),
    "h11-073": lambda c: NUM(c.n("003", AMT), "yuan"),
    "h11-074": lambda c: AG(ranked(by(c, procurement_reports(c), AMT), 2)[1]),
    "h11-075": lambda c: NUM(c.n("001", PEN) + c.n("002", PEN), "count"),
    "h11-076": lambda c: NUM(c.n("hz24", "active.coercion.decisions"), "count"),
    "h11-077": lambda c: c.refuse_cell("hz23", "review.reconsideration.total"),
    "h11-078": lambda c: PCT(c.n("003", "requests.granted.total") / c.n("003", NEW)),
    "h11-079": lambda c: _top_then(c),
    "h11-080": lambda c: NUM(c.n("004", "active.penalty.prev_items"), "count"),
    "h11-081": lambda c: NUM(round(c.n("002", AMT) - c.n("001", AMT), 2), "yuan"),
    "h11-082": lambda c: PCT(c.n("hz23", "requests.partial.total") / c.n("hz23", NEW)),
    "h11-083": lambda c: AG(_one([r.agency for r in c.r.values() if r.year == 2020 and r.province == "河南省"])),
    # narrative
    "h11-084": lambda c: NUM(c.narr("002", "全年累计发布政府信息1459条", 1459), "count"),
    "h11-085": lambda c: NUM(c.narr("002", "官方微博主动公开912条", 912), "count"),
    "h11-086": lambda c: NUM(c.narr("003", "全年主动公开政府信息7条", 7), "count"),
    "h11-087": lambda c: NUM(c.narr("000", "本年度共发布各类信息142条", 142), "count"),
    "h11-088": lambda c: NUM(c.narr("hz24", "主动发布各类政府信息2428条", 2428), "count"),
    "h11-089": lambda c: NUM(_fine(c), "yuan"),
    "h11-090": lambda c: NUM(c.narr("hz23", "主动公开政府信息1136条", 1136), "count"),
    "h11-091": lambda c: NUM(c.narr("hz24", "公开政府常务会议7期", 7), "count"),
    "h11-092": lambda c: NUM(c.narr("hz24", "受理政府信息公开申请17件", 17), "count"),
    # quality
    "h11-093": lambda c: AG(_failing_agency(c)),
    "h11-094": lambda c: NUM(c.printed("hz23", "review.reconsideration.upheld"), "count"),
    "h11-095": lambda c: BOOL(_narr_vs_table(c, "hz24", "受理政府信息公开申请17件", NEW)),
    "h11-096": lambda c: BOOL(_narr_vs_table(c, "003", "街道共受理依申请公开4件", NEW)),
    # passage
    "h11-097": lambda c: (c.passage("003", "五", "答复依申请公开处理水平有待提高"), PAS(["003_acfa5b9243423631.txt"], ["五"]))[1],
    "h11-098": lambda c: (c.passage("001", "五", "加强学习，提高认识"), PAS(["001_19df74b8cb7281a4.txt"], ["五"]))[1],
    "h11-099": lambda c: (c.passage("002", "一", "加强信息公开培训"), c.passage("002", "五", "加强业务学习培训"),
                          PAS(["002_c42cd15df52a6935.txt"], ["一", "五"]))[2],
    "h11-100": lambda c: (c.passage("004", "一", "四个"), c.passage("004", "一", "与目标考核相结合"),
                          PAS(["004_5206fb2196a31c52.txt"], ["一"]))[2],
    "h11-101": lambda c: (c.passage("000", "一", "加强个人信息保护"), PAS(["000_2133ae744f48d674.txt"], ["一"]))[1],
    "h11-102": lambda c: (c.passage("000", "六", "暂无其他需要报告的事项"), PAS(["000_2133ae744f48d674.txt"], ["六"]))[1],
    "h11-103": lambda c: (c.passage("002", "二", "积极开展统计普法宣传"), PAS(["002_c42cd15df52a6935.txt"], ["二"]))[1],
    "h11-104": lambda c: (c.passage("004", "五", "公开意识及内容需要进一步深化"), PAS(["004_5206fb2196a31c52.txt"], ["五"]))[1],
    # meta
    "h11-105": lambda c: LST(sorted({r.agency for r in c.r.values()}), False),
    "h11-106": lambda c: LST(sorted({r.year for r in c.r.values()}), False),
    "h11-107": lambda c: NUM(sum(1 for r in c.r.values() if r.template == "2021"), "count"),
    "h11-108": lambda c: LST(sorted(r.year for r in c.r.values() if "洪泽区" in r.agency), False),
    "h11-109": lambda c: LST(sorted({r.agency for r in c.r.values()
                                     if not any(k.startswith("active.procurement.") and f["state"] == "number"
                                                for k, f in r.facts.items())}), False),
    "h11-110": lambda c: LST(sorted({r.agency for r in c.r.values() if r.year == 2019}), False),
    # refusal
    "h11-111": lambda c: c.refuse_agency("南京"),
    "h11-112": lambda c: c.refuse_agency("海曙"),
    "h11-113": lambda c: c.refuse_year("洪泽区", 2022),
    "h11-114": lambda c: c.refuse_year("鹿城区统计局", 2021),
    "h11-115": lambda c: c.refuse_block("hz24", "active.procurement."),
    "h11-116": lambda c: c.refuse_cell("000", "active.fees.amount"),
    "h11-117": lambda c: c.refuse_cell("003", "requests.carried_out.total"),
    "h11-118": lambda c: c.refuse_cell("000", "requests.unavailable_not_held.total"),
    "h11-119": lambda c: c.refuse_cell("hz23", "review.lawsuit_after_review.total"),
    "h11-120": lambda c: c.refuse_cell("hz24", "requests.other_no_fee.total"),
}


def _one(xs):
    xs = sorted(set(xs))
    if len(xs) != 1:
        raise Mismatch(f"expected exactly one, got {xs}")
    return xs[0]


def _top_then(c):
    """Turn 1: top procurement amount; the answer: that report's project count (only that cell cited)."""
    probe = Ctx(c.r)
    top = ranked([(s, probe.n(s, AMT)) for s in procurement_reports(probe)], 1)[0]
    return NUM(c.n(top, PRJ), "count")


def _fine(c):
    e = c.narr_entry("002", "罚款总额达到2.4万")
    if norm("罚款总额达到2.4万") not in norm(c.rep("002").text):
        raise Mismatch("fine sentence not in 002 text")
    c.used.add(c.rep("002").cite)
    return e["value"]


def _failing_agency(c):
    bad = [s for s in ALL if c.rep(s).failing]
    if len(bad) != 1:
        raise Mismatch(f"expected one report failing a check, got {bad}")
    rep = c.rep(bad[0])
    for key in sorted(rep.failing):
        c.used.add(f"{rep.cite}#{key}")
    return rep.agency


def _narr_vs_table(c, short, sentence, key):
    e = c.narr_entry(short, sentence)
    rep = c.rep(short)
    if rep.text is not None and norm(sentence) not in norm(rep.text):
        raise Mismatch(f"{sentence!r} not in {rep.cite} text")
    c.used.add(rep.cite)
    return e["value"] == c.n(short, key)


# ------------------------------------------------------------------------------------------- checking
def same(exp: dict, got: dict) -> str | None:
    """None when the case's expect matches the recomputed one, else what differs."""
    if exp.get("kind") != got["kind"]:
        return f"kind {exp.get('kind')} != {got['kind']}"
    kind = got["kind"]
    if kind == "number":
        if exp.get("unit") != got["unit"]:
            return f"unit {exp.get('unit')} != {got['unit']}"
        if not isinstance(exp.get("value"), (int, float)) or abs(exp["value"] - got["value"]) > 1e-6:
            return f"value {exp.get('value')} != {got['value']}"
    elif kind in ("agency", "boolean"):
        if exp.get("value") != got["value"]:
            return f"value {exp.get('value')!r} != {got['value']!r}"
    elif kind == "list":
        if bool(exp.get("ordered")) != got["ordered"]:
            return f"ordered {exp.get('ordered')} != {got['ordered']}"
        a, b = list(exp.get("values", [])), got["values"]
        if (a != b) if got["ordered"] else (sorted(map(str, a)) != sorted(map(str, b))):
            return f"values {a} != {b}"
    elif kind == "passages":
        if sorted(exp.get("files", [])) != got["files"] or sorted(exp.get("sections", []), key=SECTION_NUMS.index) != got["sections"]:
            return f"passages {exp.get('files')} {exp.get('sections')} != {got['files']} {got['sections']}"
    return None


def has_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def shape_problems(case: dict, ids_seen: set) -> list[str]:
    p = []
    if set(case) - {"id", "question", "turns", "expect", "cite", "tags"}:
        p.append(f"unknown fields {sorted(set(case) - {'id', 'question', 'turns', 'expect', 'cite', 'tags'})}")
    if case.get("id") in ids_seen:
        p.append("duplicate id")
    tags = case.get("tags", [])
    if len(tags) < 2 or tags[1] not in ("zh", "en"):
        p.append("tags[1] must be zh/en")
    else:
        q = case["question"] + " ".join(case.get("turns", []))
        if tags[1] == "zh" and not has_cjk(case["question"]):
            p.append("zh question without Chinese")
        if tags[1] == "en":
            latin = sum(ch.isascii() and ch.isalpha() for ch in q)
            cjk = sum(has_cjk(ch) for ch in q)
            if latin < 3 * cjk:
                p.append("en question is mostly Chinese")
    exp = case.get("expect", {})
    if not exp.get("note"):
        p.append("expect has no note")
    if exp.get("kind") == "number" and exp.get("unit") == "percent":
        if "percent" not in exp["note"] or "2 decimals" not in exp["note"]:
            p.append("percent note must say percent, rounded to 2 decimals")
    if (tags[:1] == ["followup"]) != bool(case.get("turns")):
        p.append("turns exactly on followup cases")
    if len(set(case.get("cite", []))) != len(case.get("cite", [])):
        p.append("duplicate cite")
    return p


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(REPO / "eval" / "qa_holdout11.jsonl"))
    ap.add_argument("--gold", default=str(REPO / "tests" / "fixtures" / "gold"))
    ap.add_argument("--samples", default=str(REPO / "data" / "samples"))
    a = ap.parse_args(argv)

    samples = Path(a.samples)
    reports: dict[str, Report] = {}
    for path in sorted(Path(a.gold).glob("*.json")):
        rep = Report(path, samples)
        short = path.stem[:3] if path.stem[:3].isdigit() else "hz" + str(rep.year)[2:]
        reports[short] = rep
    known_files = {r.cite for r in reports.values()}

    cases = [json.loads(line) for line in Path(a.cases).read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = 0
    ids: set = set()
    langs = {"zh": 0, "en": 0}
    cats: dict[str, int] = {}
    for case in cases:
        cid = case.get("id")
        problems = shape_problems(case, ids)
        ids.add(cid)
        tags = case.get("tags", ["?", "?"])
        langs[tags[1]] = langs.get(tags[1], 0) + 1
        cats[tags[0]] = cats.get(tags[0], 0) + 1
        for cite in case.get("cite", []):
            if cite.partition("#")[0] not in known_files:
                problems.append(f"cite {cite} names an unknown file")
        spec = SPECS.get(cid)
        ctx = Ctx(reports)
        shown = ""
        if spec is None:
            problems.append("no reference spec for this id")
        else:
            try:
                got = spec(ctx)
                if got is None:
                    raise Mismatch("spec returned nothing")
                diff = same(case["expect"], got)
                if diff:
                    problems.append(diff)
                shown = f"{got['kind']} {got.get('value', got.get('values', got.get('files')))}"
                if set(case.get("cite", [])) != ctx.used:
                    problems.append(f"cite {sorted(case.get('cite', []))} != used {sorted(ctx.used)}")
            except Refused as e:
                shown = f"unanswerable ({e})"
                if case["expect"].get("kind") != "unanswerable":
                    problems.append(f"expected {case['expect'].get('kind')} but the data refuses: {e}")
                if case.get("cite"):
                    problems.append("an unanswerable case cites cells")
            except Mismatch as e:
                problems.append(f"reference: {e}")
        if problems:
            bad += 1
            print(f"{cid}  MISMATCH  {'; '.join(problems)}")
        else:
            print(f"{cid}  ok  [{tags[0]}/{tags[1]}]  {shown}")
    want = [f"h11-{i:03d}" for i in range(1, 121)]
    if [c.get("id") for c in cases] != want:
        bad += 1
        print("SET  MISMATCH  ids are not h11-001 … h11-120 in order")
    if langs.get("zh") != 72 or langs.get("en") != 48:
        bad += 1
        print(f"SET  MISMATCH  languages {langs} (want zh 72, en 48)")
    print(f"summary: {len(cases)} cases, {len(cases) - bad if bad <= len(cases) else 0} ok, {bad} mismatches; "
          f"zh {langs.get('zh', 0)} / en {langs.get('en', 0)}; "
          + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
