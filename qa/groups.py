"""Totals per group of reports: one figure added up over each province, city, county or kind of agency
(按省份汇总政府集中采购金额, new requests by city, street offices vs departments), the groups ranked.

A group's total adds the printed numbers of its reports, as a plain total does; cells that are not numbers
(blank, not read, not printed) are left out and said, as everywhere. Reports whose place or kind is not
known form no group: they are counted in a note, never put in a group by guess."""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from qa.cells import Cell
from qa.models import Item, Plan
from qa.names import NameIndex, ReportInfo
from qa.outcome import SHOW, Outcome, fmt, listed, metric_name, say
from qa.ranking import KIND_ZH, _empty, _filter_words, _finish, _load_one, _mixed_note
from qa.reading import GROUP_WORDS, KIND_LABELS
from qa.sql import Runner


def group_of(report: ReportInfo, dimension: str) -> Optional[str]:
    """The group a report belongs to under `dimension` (its province, city, county or kind); None if unknown."""
    if dimension == "county":
        return (report.city or "") + report.county if report.county else None
    return getattr(report, dimension)


def _label(plan: Plan, dimension: str, group: str) -> str:
    if dimension != "kind":
        return group
    return say(plan, KIND_ZH.get(group, group), KIND_LABELS.get(group, ("", group))[1])


def grouped(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    key, dimension = plan.metrics[0], plan.group_by
    assert dimension is not None
    _, cells = _load_one(plan, runner, index, key)
    if not cells:
        return _empty(plan)
    ok = [c for c in cells if c.ok and (plan.above is None or c.value > plan.above)]
    members: dict[str, list[Cell]] = defaultdict(list)
    unplaced = 0
    for c in ok:
        group = group_of(c.report, dimension)
        if group is None:
            unplaced += 1
        else:
            members[group].append(c)
    if plan.groups:  # the groups the question names, in its order (street offices vs departments)
        members = {g: members[g] for g in plan.groups if g in members}
    name = metric_name(key, plan)
    by_zh, by_en = GROUP_WORDS[dimension]
    where = _filter_words(plan) or say(plan, "全部年报", "all reports")
    if not members:
        return _finish(plan, cells, say(plan, f"{where}没有可按{by_zh}汇总的{name}数值。",
                                        f"No {name} figures to add up by {by_en} ({where})."), status="no_data")
    units = {c.unit for group in members.values() for c in group}
    if len(units) > 1:
        return _finish(plan, cells, say(plan, f"{name}的单位不一致，不能按{by_zh}相加。",
                                        f"The {name} figures have different units and cannot be added by {by_en}."),
                       status="no_data")
    unit = units.pop()
    totals = [(g, sum(c.value for c in group), group) for g, group in members.items()]
    if not plan.groups:
        totals.sort(key=lambda t: (-t[1], t[0]) if plan.order == "desc" else (t[1], t[0]))
        totals = totals[plan.offset:]
        if plan.limit:
            cut = totals[min(plan.limit, len(totals)) - 1][1] if totals else None
            totals = totals[:plan.limit] + [t for t in totals[plan.limit:] if t[1] == cut]
    if not totals:
        return _finish(plan, cells, say(plan, f"按{by_zh}汇总后没有第{plan.offset + 1}名。",
                                        f"There is no group at place {plan.offset + 1} by {by_en}."), status="no_data")
    parts = [say(plan, f"{_label(plan, dimension, g)} {fmt(v, unit, plan)}（{len(group)}份年报）",
                 f"{_label(plan, dimension, g)} {fmt(v, unit, plan)} ({len(group)} report{'s' if len(group) > 1 else ''})")
             for g, v, group in totals]
    high = plan.order == "desc"
    if plan.groups or len(members) == 1:
        how_zh = how_en = ""
    elif plan.limit == 1 and len(totals) == 1:
        pos = plan.offset + 1
        how_zh = f"，第{pos}{'高' if high else '低'}" if pos > 1 else f"，{'最高' if high else '最低'}"
        nth = {2: "second-", 3: "third-"}.get(pos, f"{pos}th-" if pos > 1 else "")
        how_en = f", the {nth}{'highest' if high else 'lowest'}"
    else:
        how_zh, how_en = ("，从高到低", ", highest first") if high else ("，从低到高", ", lowest first")
    text = say(plan, f"{where}{name}按{by_zh}合计{how_zh}：{listed(parts, plan)}。",
               f"{name.capitalize()} added up by {by_en} ({where}{how_en}): {listed(parts, plan, '; ')}.")
    if len(totals) > 1 and totals[0][1] == totals[1][1] and not plan.groups:
        text += say(plan, "（前两组并列。）", " (The first two are tied.)")
    if unplaced:
        text += say(plan, f"（另有{unplaced}份年报看不出所属{by_zh}，未计入。）",
                    f" ({unplaced} more reports have no known {by_en} and are not counted.)")
    if plan.above is not None:
        text += say(plan, "（为0的年报不计入。）", " (Reports at 0 are left out.)")
    shown = [c for _, _, group in totals for c in group]
    text += _mixed_note(plan, {c.report.year for c in shown}, set() if dimension == "kind" else
                        {c.report.kind for c in shown})
    items = [Item(label=_label(plan, dimension, g), value=round(v, 2), unit=unit) for g, v, _ in totals[:SHOW]]
    return _finish(plan, cells, text, shown=shown, value=round(totals[0][1], 2) if len(totals) == 1 else None,
                   unit=unit, items=items, items_total=len(totals) if len(totals) > SHOW else None, evidence=parts)
