"""Ways to narrow a ranking that puts unlike reports side by side: "只看2020年" when it mixes years,
"只看统计局" when most of the ranked agencies are one kind of organ among others. Each offer is the
question asked again with the restriction written in, and is made only when the planner reads that
question as the same question plus the restriction (so a button never asks something else)."""
from __future__ import annotations

import weakref
from collections import Counter, OrderedDict
from functools import lru_cache
from typing import Optional

from qa.models import Narrowing, Plan
from qa.names import NameIndex

RANKING = ("rank",)
SAMPLE = 500  # agencies looked at to find the common organ


def narrowings(question: str, plan: Plan, compared: list[str], index: NameIndex) -> list[Narrowing]:
    """`compared`: the ids of the reports the ranking compared (its coverage), not only those shown."""
    if plan.intent not in RANKING or len(compared) < 2:
        return []
    zh = plan.language == "zh"
    out: list[Narrowing] = []
    known = index.reports_by_id()
    reports = [known[rid] for rid in compared if rid in known]
    years = sorted({r.year for r in reports if r.year})
    if len(years) > 1 and not plan.years:
        year = years[-1]
        asked = f"{year}年{question}" if zh else f"In {year}, {question[:1].lower()}{question[1:]}"
        if _reads_as(asked, plan, index, years=[year]):
            out.append(Narrowing(label=f"只看{year}年" if zh else f"Only {year}", question=asked))
    organ = _common_organ([r.id for r in reports], index)
    if organ and not plan.organ and not plan.agency_kind:
        asked = f"{organ}中{question}" if zh else f"Among the {organ} only: {question}"
        if _reads_as(asked, plan, index, organ=organ):
            out.append(Narrowing(label=f"只看{organ}" if zh else f"Only {organ}", question=asked))
    return out


def _common_organ(report_ids: list[str], index: NameIndex) -> Optional[str]:
    """The organ most ranked agencies are (统计局 for 宁波市鄞州区统计局: the name after its regions),
    when it is at least two of them and not all."""
    organs: Counter = Counter()
    looked = 0
    step = max(1, len(report_ids) // SAMPLE)  # a national ranking: an even sample says which organ is common
    for rid in report_ids[::step]:
        agency = index.by_report(rid)
        if agency is None:
            continue
        looked += 1
        organ = _organ(agency.label)
        if organ:
            organs[organ] += 1
    if not organs:
        return None
    organ, n = organs.most_common(1)[0]
    return organ if 2 <= n < looked else None


@lru_cache(maxsize=200_000)
def _organ(name: str) -> str:
    """The name after its leading regions (宁波市鄞州区统计局 → 统计局), "" when that is not an organ word;
    cached: the same agencies are looked at by every ranking of a store."""
    from ingest.gazetteer import gazetteer

    at = 0
    for pos, region in gazetteer().find_all(name):
        if pos != at:
            break
        at = pos + len(region)
    return name[at:] if 2 <= len(name) - at <= 8 else ""


def _reads_as(question: str, plan: Plan, index: NameIndex, **added) -> bool:
    other = _reading(question, index)
    same = (other.intent, other.metrics, other.order, other.offset) == (plan.intent, plan.metrics, plan.order, plan.offset)
    return same and not other.unused and all(getattr(other, k) == v for k, v in added.items())


_READINGS: "OrderedDict[tuple[str, int], tuple[weakref.ref, Plan]]" = OrderedDict()
READINGS_KEPT = 256


def _reading(question: str, index: NameIndex) -> Plan:
    """How the planner reads a narrower question, with the words it leaves unused. Kept for the last
    few questions of each store generation's index (a question asked again, as a chat redraws or a
    follow-up replans, is not read twice), without keeping an old index alive."""
    from qa.planner import plan_question
    from qa.reading import unused_operations

    key = (question, id(index))
    kept = _READINGS.get(key)
    if kept is not None and kept[0]() is index:
        _READINGS.move_to_end(key)
        return kept[1]
    other, sig = plan_question(question, index)
    other.unused = unused_operations(other, sig.rest)
    _READINGS[key] = (weakref.ref(index), other)
    while len(_READINGS) > READINGS_KEPT:
        _READINGS.popitem(last=False)
    return other
