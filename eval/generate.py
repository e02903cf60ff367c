"""Generated question suite: questions from the query space, answers from a reference implementation.

Operations (lookup, top, ordinal places, counts under a threshold, zero counts, two-agency comparison
and difference, yes/no against a threshold, sums, averages, medians) × metrics × agency names (full,
short, English) × years × zh/en wordings. Each expected answer is computed here, straight from the
gold facts, with nothing of `qa/`: a report's figure is used when its cell is a printed number
(blank is not 0, absent cells and missing rows are left out), rankings are over reports, and a case
whose answer would hang on a tie is not generated.

The wordings are written here, as people would write them, not taken from the planner's word lists;
a failure is a class of question the planner does not read, to be fixed by mechanism.

    python -m eval.generate eval/out/generated.jsonl          # write the cases (JSONL, gold/QA.md format)
    nianbao eval eval/out/generated.jsonl --no-baseline --db DB   # DB holds the five samples and the two PDFs
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterator, Optional

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "gold"


@dataclass(frozen=True)
class Who:
    gold: str  # gold file stem
    cite_file: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


AGENCIES = (
    Who("000_2133ae744f48d674", "000_2133ae744f48d674.txt", ("福州市鼓楼区统计局", "鼓楼区统计局"),
        ("the Gulou District Statistics Bureau of Fuzhou", "Fuzhou's Gulou statistics bureau")),
    Who("001_19df74b8cb7281a4", "001_19df74b8cb7281a4.txt", ("温州市鹿城区统计局", "鹿城区统计局"),
        ("the Lucheng District Statistics Bureau", "the Lucheng statistics bureau")),
    Who("002_c42cd15df52a6935", "002_c42cd15df52a6935.txt", ("宁波市鄞州区统计局", "鄞州区统计局"),
        ("the Yinzhou District Statistics Bureau", "the Yinzhou statistics bureau")),
    Who("003_acfa5b9243423631", "003_acfa5b9243423631.txt", ("福州市鼓楼区温泉街道办事处", "温泉街道"),
        ("the Wenquan Subdistrict Office", "the Wenquan street office")),
    Who("004_5206fb2196a31c52", "004_5206fb2196a31c52.txt", ("郑州市二七区统计局", "二七区统计局"),
        ("the Erqi District Statistics Bureau", "Zhengzhou's Erqi statistics bureau")),
    Who("hongze-qu-gov-2023", "hongze-qu-gov-2023.pdf", ("淮安市洪泽区人民政府", "洪泽区政府"),
        ("the Hongze District Government", "the Hongze district government")),
    Who("hongze-qu-gov-2024", "hongze-qu-gov-2024.pdf", ("淮安市洪泽区人民政府", "洪泽区政府"),
        ("the Hongze District Government", "the Hongze district government")),
)


@dataclass(frozen=True)
class Metric:
    key: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    unit: str = "count"


METRICS = (
    Metric("active.procurement.amount", ("政府集中采购金额", "采购总金额"),
           ("centralised procurement spending", "total procurement amount"), "yuan"),
    Metric("active.procurement.projects", ("政府集中采购项目数", "采购项目数量"), ("procurement projects",)),
    Metric("active.penalty.decisions", ("行政处罚决定数", "行政处罚处理决定数量"),
           ("administrative penalty decisions", "penalty decisions")),
    Metric("active.licensing.decisions", ("行政许可决定数", "行政许可处理决定数量"),
           ("administrative licensing decisions", "licensing decisions")),
    Metric("active.coercion.decisions", ("行政强制决定数",), ("administrative coercion decisions",)),
    Metric("requests.new.total", ("新收的政府信息公开申请数", "收到的信息公开申请"),
           ("new disclosure requests", "information disclosure applications received")),
    Metric("requests.granted.total", ("予以公开的申请数",), ("requests granted in full",)),
    Metric("requests.partial.total", ("部分公开的申请数",), ("partially granted requests",)),
    Metric("requests.handled.total", ("办理结果总计",), ("requests handled",)),
    Metric("requests.carried_out.total", ("结转下年度继续办理的申请数",), ("requests carried over to the next year",)),
    Metric("review.reconsideration.total", ("行政复议案件数", "行政复议总数"), ("administrative reconsideration cases",)),
    Metric("review.lawsuit_direct.total", ("未经复议直接起诉的案件数",), ("lawsuits filed directly without reconsideration",)),
    Metric("requests.new.person", ("自然人提出的新收申请数",), ("new requests from natural persons",)),
)

ORD_ZH = {2: "二", 3: "三"}
ORD_EN = {2: "second", 3: "third"}


def _load() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in GOLD_DIR.glob("*.json")}


def _value(gold: dict, key: str) -> Optional[float]:
    f = gold.get("facts", {}).get(key)
    return float(f["value"]) if f and f.get("state") == "number" else None


def _broken(gold: dict, key: str) -> bool:
    """The cell takes part in a section 四 equation (R4: total = upheld + corrected + other + pending) that the
    gold records as failing: which of its numbers is wrong cannot be told, so a question about this one
    report's figure expects no figure (a total over many reports still adds it)."""
    failed = str(gold.get("checks", {}).get("R4", ""))
    if not failed.startswith("fail"):
        return False
    groups = re.findall(r"(\w+): [\d.+ ]+=", failed)
    table, row, _ = key.split(".")
    return table == "review" and row in groups


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _case(cid: str, question: str, expect: dict, cite: list[str], tags: list[str], turns=None) -> dict:
    out = {"id": cid, "question": question, "expect": expect, "cite": cite, "tags": tags}
    if turns:
        out["turns"] = turns
    return out


def _threshold_words(t: float, unit: str, lang: str) -> str:
    if unit == "yuan":
        return (f"{_num(t / 10000)}万元" if t >= 10000 else f"{_num(t)}元") if lang == "zh" else f"{_num(t)} yuan"
    return _num(t) + ("件" if lang == "zh" else "")


def cases() -> Iterator[dict]:
    golds = _load()
    n = 0

    def nid() -> str:
        nonlocal n
        n += 1
        return f"gen-{n:05d}"

    for m in METRICS:
        rows = [(w, golds[w.gold]["year"], _value(golds[w.gold], m.key)) for w in AGENCIES]
        have = [(w, y, v) for w, y, v in rows if v is not None]
        num = {"kind": "number", "unit": m.unit}
        # lookups: each agency, each name, each wording (no figure where the report's own equation fails)
        for w, year, v in have:
            cite = [f"{w.cite_file}#{m.key}"]
            if _broken(golds[w.gold], m.key):
                num_or_none, cite_or_none = {"kind": "unanswerable"}, []
            else:
                num_or_none, cite_or_none = {**num, "value": v}, cite
            for name in w.zh:
                for mz in m.zh:
                    for q in (f"{name}{year}年的{mz}是多少？", f"{year}年{name}{mz}有多少？",
                              f"请问{name}在{year}年的{mz}"):
                        yield _case(nid(), q, num_or_none, cite_or_none, ["lookup", "zh"])
                yield _case(nid(), f"{name}{str(year)[2:]}年的{m.zh[0]}是多少？", num_or_none, cite_or_none,
                            ["lookup", "zh", "short_year"])
            for name in w.en:
                for me in m.en:
                    for q in (f"What was the number of {me} of {name} in {year}?",
                              f"{name[0].upper() + name[1:]}, {year}: {me}?"):
                        yield _case(nid(), q, num_or_none, cite_or_none, ["lookup", "en"])
        ranked = sorted(have, key=lambda r: -r[2])
        values = [v for _, _, v in ranked]
        cites = [f"{w.cite_file}#{m.key}" for w, _, _ in have]

        def unique(place: int, order: list) -> Optional[Who]:
            vals = [v for _, _, v in order]
            if place >= len(vals) or vals.count(vals[place]) > 1:
                return None
            return order[place][0]

        for order_name, order in (("desc", ranked), ("asc", ranked[::-1])):
            top = unique(0, order)
            if top is not None:
                agency = {"kind": "agency", "value": golds[top.gold]["agency"]}
                qs_zh = ((f"哪个单位的{m.zh[0]}最多？", f"{m.zh[-1]}最高的是哪个单位？") if order_name == "desc" else
                         (f"哪个单位的{m.zh[0]}最少？", f"{m.zh[-1]}最低的是哪个单位？"))
                qs_en = ((f"Which agency had the most {m.en[0]}?", f"Which agency reported the highest {m.en[-1]}?")
                         if order_name == "desc" else
                         (f"Which agency had the fewest {m.en[0]}?", f"Which agency reported the lowest {m.en[-1]}?"))
                for q in qs_zh:
                    yield _case(nid(), q, agency, cites, ["rank", "zh"])
                for q in qs_en:
                    yield _case(nid(), q, agency, cites, ["rank", "en"])
            for place in (2, 3):
                who = unique(place - 1, order)  # its figure shared by no other report: the place is clear
                if who is None:
                    continue
                agency = {"kind": "agency", "value": golds[who.gold]["agency"]}
                if order_name == "desc":
                    zh = (f"{m.zh[0]}第{ORD_ZH[place]}多的是哪个单位？", f"{m.zh[-1]}排第{ORD_ZH[place]}的是哪个单位？")
                    en = (f"Which agency had the {ORD_EN[place]}-highest {m.en[0]}?",
                          f"Which agency ranks {ORD_EN[place]} by {m.en[-1]}?")
                else:
                    zh = (f"{m.zh[0]}倒数第{ORD_ZH[place]}的是哪个单位？",)
                    en = (f"Which agency had the {ORD_EN[place]}-lowest {m.en[0]}?",)
                for q in zh:
                    yield _case(nid(), q, agency, cites, ["ordinal", "zh"])
                for q in en:
                    yield _case(nid(), q, agency, cites, ["ordinal", "en"])
        # counts under a threshold: between two distinct printed values, so no value sits on it
        distinct = sorted(set(values))
        for lo, hi in zip(distinct, distinct[1:]):
            t = float(int((lo + hi) / 2)) if hi - lo >= 2 else None
            if t is None or t <= lo or t >= hi:
                continue
            above = sum(1 for v in values if v > t)
            below = sum(1 for v in values if v < t)
            # 单位 / agencies are counted once each, however many of their reports pass (洪泽区 2023 and 2024)
            agencies_above = len({golds[w.gold]["agency"] for w, _, v in ranked if v > t})
            tz, te = _threshold_words(t, m.unit, "zh"), _threshold_words(t, m.unit, "en")
            count = {"kind": "number", "unit": "count"}
            yield _case(nid(), f"{m.zh[0]}超过{tz}的单位有几个？", {**count, "value": agencies_above}, cites, ["count", "zh"])
            yield _case(nid(), f"{m.zh[-1]}低于{tz}的报告有几份？", {**count, "value": below}, cites, ["count", "zh"])
            yield _case(nid(), f"有没有哪家单位的{m.zh[0]}超过{tz}？", {"kind": "boolean", "value": above > 0}, cites,
                        ["yes_no", "zh"])
            yield _case(nid(), f"How many reports had more than {te} {m.en[0]}?" if m.unit != "yuan" else
                        f"How many agencies had {m.en[0]} above {te}?",
                        {**count, "value": above if m.unit != "yuan" else agencies_above}, cites,
                        ["count", "en"])
        zeros = sum(1 for v in values if v == 0)
        if 0 < zeros < len(values):
            yield _case(nid(), f"{m.zh[0]}为0的报告有几份？", {"kind": "number", "unit": "count", "value": zeros},
                        cites, ["count", "zh"])
            yield _case(nid(), f"How many reports show zero {m.en[0]}?", {"kind": "number", "unit": "count",
                                                                         "value": zeros}, cites, ["count", "en"])
        # two agencies (different agencies: the two Hongze years are one agency)
        for (a, ya, va), (b, yb, vb) in combinations(have, 2):
            if a.zh[0] == b.zh[0] or va == vb:
                continue
            cite = [f"{a.cite_file}#{m.key}", f"{b.cite_file}#{m.key}"]
            (big, ybig), (small, ysmall) = ((a, ya), (b, yb)) if va > vb else ((b, yb), (a, ya))
            vbig, vsmall = max(va, vb), min(va, vb)
            winner = {"kind": "agency", "value": golds[big.gold]["agency"]}
            yield _case(nid(), f"{a.zh[-1]}{ya}年和{b.zh[-1]}{yb}年，谁的{m.zh[0]}多？", winner, cite, ["compare", "zh"])
            yield _case(nid(), f"{big.zh[-1]}{ybig}年的{m.zh[-1]}比{small.zh[-1]}{ysmall}年多多少？",
                        {**num, "value": vbig - vsmall}, cite, ["difference", "zh"])
            more = "How much more" if m.unit == "yuan" else "How many more"
            yield _case(nid(), f"{more} {m.en[0]} did {big.en[1]} have in {ybig} than {small.en[1]} in {ysmall}?",
                        {**num, "value": vbig - vsmall}, cite, ["difference", "en"])
            yield _case(nid(), f"Which had more {m.en[0]}: {a.en[1]} in {ya} or {b.en[1]} in {yb}?", winner, cite,
                        ["compare", "en"])
            loser = {"kind": "agency", "value": golds[small.gold]["agency"]}
            yield _case(nid(), f"{a.zh[-1]}{ya}年和{b.zh[-1]}{yb}年，谁的{m.zh[0]}少？", loser, cite, ["compare", "zh"])
            fewer = "less" if m.unit == "yuan" else "fewer"
            yield _case(nid(), f"Which had {fewer} {m.en[0]}: {a.en[1]} in {ya} or {b.en[1]} in {yb}?", loser, cite,
                        ["compare", "en"])
        # yes/no against a threshold, for each agency (not on a figure its report's equation contradicts)
        for w, year, v in have:
            if _broken(golds[w.gold], m.key):
                continue
            cite = [f"{w.cite_file}#{m.key}"]
            for t in {max(0.0, float(int(v / 2))), float(int(v * 2 + 1))}:
                if t == v:
                    continue
                yes = {"kind": "boolean", "value": v > t}
                yield _case(nid(), f"{w.zh[-1]}{year}年的{m.zh[0]}有没有超过{_threshold_words(t, m.unit, 'zh')}？",
                            yes, cite, ["yes_no", "zh"])
                yield _case(nid(), f"Did {w.en[1]} have more than {_threshold_words(t, m.unit, 'en')} "
                                   f"{m.en[0]} in {year}?", yes, cite, ["yes_no", "en"])
                yield _case(nid(), f"{w.zh[-1]}{year}年的{m.zh[0]}超过{_threshold_words(t, m.unit, 'zh')}，对吧？",
                            yes, cite, ["yes_no", "zh"])
                yield _case(nid(), f"{w.en[1][:1].upper()}{w.en[1][1:]} had more than {_threshold_words(t, m.unit, 'en')} "
                                   f"{m.en[0]} in {year}, right?", yes, cite, ["yes_no", "en"])
            # a drafted figure, checked as stated (the true one, and one off)
            for stated in (v, v + 1):
                yield _case(nid(), f"稿子里写{w.zh[-1]}{year}年的{m.zh[0]}是{_threshold_words(stated, m.unit, 'zh')}，对吗？",
                            {"kind": "boolean", "value": stated == v}, cite, ["yes_no", "zh"])
        # over all reports
        total = sum(values)
        yield _case(nid(), f"各单位的{m.zh[0]}一共是多少？", {**num, "value": total}, cites, ["aggregate", "zh"])
        yield _case(nid(), f"All reports together: how many {m.en[0]}?" if m.unit != "yuan" else
                    f"What is the total {m.en[0]} over all reports?", {**num, "value": total}, cites,
                    ["aggregate", "en"])
        yield _case(nid(), f"各单位{m.zh[-1]}的平均数是多少？", {**num, "value": round(total / len(values), 2)}, cites,
                    ["aggregate", "zh"])
        yield _case(nid(), f"What is the median {m.en[0]} across the reports?",
                    {**num, "value": float(statistics.median(values))}, cites, ["aggregate", "en"])


def main(argv: list[str]) -> int:
    import argparse
    parser = argparse.ArgumentParser(prog="python -m eval.generate",
                                     description="Write the generated question suite (JSON lines) with answers "
                                                 "computed from the gold facts.")
    parser.add_argument("out", nargs="?", default="eval/out/generated.jsonl", help="where to write the cases")
    out = Path(parser.parse_args(argv).out)
    out.parent.mkdir(parents=True, exist_ok=True)
    items = list(cases())
    out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in items), encoding="utf-8")
    print(f"{len(items)} cases written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
