"""Table questions about named agencies: lookup, compare (incl. yes/no), difference, trend."""
from __future__ import annotations

from typing import Optional

from qa.cells import Cell, fetch_cells, scope_reports
from qa.lexicon import GROUPS
from qa.models import Candidate, Item, Plan, direction_holds
from qa.names import Agency, NameIndex, region_matches
from qa.outcome import (
    Outcome, agency_reports, ambiguous_outcome, cell_citations, cell_item, coverage, fmt, guessed_note, metric_name,
    no_data, say, skipped_note, substitute_note, who,
)
from qa.sql import Runner, Scope


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def resolve_agencies(plan: Plan, index: NameIndex) -> list[Agency]:
    out = []
    for name in plan.agencies:
        found = index.resolve(name)
        if len(found) == 1 and found[0] not in out:
            out.append(found[0])
    return out


def _region_agencies(plan: Plan, index: NameIndex) -> list[Agency]:
    """The agencies of the place a lookup names instead of an agency (and in Wenzhou?, 洪泽区的…)."""
    regions = [r for r in [plan.region, *plan.more_regions] if r is not None and not r.is_empty()]
    if not regions:
        return []
    kinds = {plan.agency_kind} if plan.agency_kind else None
    return [a for a in index.agencies
            if any(region_matches(r, rep) for r in regions for rep in a.reports)
            and (kinds is None or a.latest.kind in kinds)]


def _place(plan: Plan) -> str:
    return "、".join(r.label() for r in [plan.region, *plan.more_regions] if r is not None and not r.is_empty())


def missing_year(plan: Plan, agencies: list[Agency], every: bool = False) -> Optional[Outcome]:
    """An agency with no report for the asked year(s) — or, with `every`, for one of them (the 2018 figure, 2018 and
    2019 named, only 2019 held): say which years it has, never another year's figure."""
    for a in agencies:
        held = {r.year for r in a.reports}
        gone = sorted(set(plan.years) - held) if every else (list(plan.years) if not agency_reports(a, plan.years) else [])
        if plan.years and gone:
            have = "、".join(str(r.year) for r in sorted(a.reports, key=lambda r: r.year or 0))
            asked = "、".join(str(y) for y in gone)
            return no_data(plan, f"数据库中没有{a.label}{asked}年的年报（现有年份：{have}），无法回答。",
                           f"There is no {asked} report of {a.label} in the database (it has: {have}).")
    return None


def agency_cells(plan: Plan, runner: Runner, agencies: list[Agency], key: str,
                 latest_only: bool = True) -> list[list[Cell]]:
    """Per agency (in the order named), its cells for `key` within the asked years (latest first if several)."""
    ids = [rid for a in agencies for rid in agency_reports(a, plan.years)]
    scope = Scope.of(plan, ids)
    scope.region = None  # the agencies are named; a region word would only narrow them again
    reports = scope_reports(runner, scope)
    cells = fetch_cells(runner, [key], scope, reports)[key]
    out = []
    for a in agencies:
        mine = sorted([c for c in cells if any(r.id == c.report.id for r in a.reports)],
                      key=lambda c: -(c.report.year or 0))
        if latest_only and not plan.years and mine:
            ok = [c for c in mine if c.ok]
            mine = [ok[0] if ok else mine[0]]
        out.append(mine)
    return out


def _notes(cells: list[Cell], plan: Plan) -> str:
    cov = coverage(cells)
    return " ".join(x for x in (guessed_note(cells, plan), substitute_note(cells, plan), skipped_note(cov, plan)) if x)


def _finish(plan: Plan, cells: list[Cell], text: str, **kw) -> Outcome:
    notes = _notes(cells, plan)
    return Outcome(status=kw.pop("status", "answered"), text=(text + (" " + notes if notes else "")).strip(),
                   citations=cell_citations([c for c in cells if c.ok]), coverage=coverage(cells), **kw)


def _unusable(plan: Plan, cells: list[Cell], index: NameIndex) -> Outcome:
    why = "；".join(f"{who(c, index)}：{c.why}" for c in cells if c.why) or "no cell"
    key = metric_name(cells[0].key, plan) if cells else ""
    return Outcome(status="no_data", text=say(plan, f"无法回答：{key}没有可用的数值（{why}）。",
                                              f"No usable value for {key}: {why}."),
                   coverage=coverage(cells), citations=[])


def lookup(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    agencies = resolve_agencies(plan, index) or _region_agencies(plan, index)
    if len(agencies) > 1 and not plan.agencies:  # a place with several agencies: which one, the user says
        return ambiguous_outcome(plan, [Candidate(mention=_place(plan), label=a.label, reports=[r.id for r in a.reports])
                                        for a in agencies])
    if not agencies:
        return no_data(plan, "问题没有指明数据库中的单位。", "The question names no agency in the database.")
    miss = missing_year(plan, agencies)
    if miss:
        return miss
    if plan.members:
        return _members(plan, runner, index, agencies[0])
    if len(plan.metrics) > 1:
        return _several(plan, runner, index, agencies[0])
    key = plan.metrics[0]
    cells = agency_cells(plan, runner, agencies[:1], key, latest_only=False)[0]
    ok = [c for c in cells if c.ok]
    if not ok:
        return _unusable(plan, cells, index)
    head = ok[0]
    name = metric_name(key, plan)
    lines = [say(plan, f"{who(c, index)}的{name}：{fmt(c.value, c.unit, plan)}。",
                 f"{who(c, index)}: {name} = {fmt(c.value, c.unit, plan)}.") for c in ok]
    if len(ok) > 1:
        lines.insert(0, say(plan, f"共有{len(ok)}份年报，最新一年为{head.report.year}年。",
                            f"{len(ok)} reports; the latest is {head.report.year}."))
    return _finish(plan, cells, " ".join(lines), value=head.value, unit=head.unit,
                   items=[cell_item(c, index) for c in ok], evidence=lines)


def _members(plan: Plan, runner: Runner, index: NameIndex, agency: Agency) -> Outcome:
    """The members of one group row (the grounds of 不予公开, the kinds of 行政诉讼) of one agency's report, each
    with its figure, listed by the template's own row name; only those above `above` when it is set (不为0的理由).
    A member not read (blank, failing its table) is said, never counted as 0."""
    from nianbao.keys import key_label  # (local, as qa.lexicon keeps it: the catalogue's labels load on use)

    table, row, col = plan.metrics[0].split(".")
    keys = [f"{table}.{m}.{col}" for m in GROUPS[f"{table}.{row}"]]
    cells = [c for key in keys for c in agency_cells(plan, runner, [agency], key)[0]]
    bad = [c for c in cells if not c.ok]
    if bad:
        return _unusable(plan, bad, index)
    shown = [c for c in cells if plan.above is None or c.value > plan.above]
    name = {k: key_label(k).split(" · ")[1].split("·", 1)[-1] for k in keys}
    lines = [say(plan, f"{name[c.key]}：{fmt(c.value, c.unit, plan)}", f"{name[c.key]}: {fmt(c.value, c.unit, plan)}")
             for c in shown]
    where = who(cells[0], index) if cells else agency.label
    head = say(plan, f"{where}{metric_name(plan.metrics[0], plan)}" + ("中不为0的" if plan.above is not None else "的") +
               f"各项（{len(shown)}项）：" + ("；".join(lines) or "无") + "。",
               f"{where}, {metric_name(plan.metrics[0], plan)}" + (" above 0" if plan.above is not None else "") +
               f" by item ({len(shown)}): " + ("; ".join(lines) or "none") + ".")
    items = [Item(label=name[c.key], report=c.report.id, value=c.value, unit=c.unit, year=c.report.year,
                  file=c.report.file, key=c.key) for c in shown]
    return _finish(plan, cells, head, items=items, evidence=lines)


def _several(plan: Plan, runner: Runner, index: NameIndex, agency: Agency) -> Outcome:
    """Several figures of one agency (its latest report unless years are asked): each, or their sum."""
    cells = [c for key in plan.metrics for c in agency_cells(plan, runner, [agency], key)[0]]
    ok = [c for c in cells if c.ok]
    if not ok:
        return _unusable(plan, cells, index)
    lines = [say(plan, f"{who(c, index)}的{metric_name(c.key, plan)}：{fmt(c.value, c.unit, plan)}",
                 f"{who(c, index)}: {metric_name(c.key, plan)} = {fmt(c.value, c.unit, plan)}") for c in ok]
    items = [cell_item(c, index) for c in ok]
    text = say(plan, "；".join(lines) + "。", "; ".join(lines) + ".")
    if plan.aggregate == "sum" and len({c.unit for c in ok}) == 1:
        if len(ok) < len(cells):
            return _unusable(plan, [c for c in cells if not c.ok], index)  # a sum with a part missing is no sum
        total = sum(c.value for c in ok)
        text = say(plan, f"合计{fmt(total, ok[0].unit, plan)}。", f"Together {fmt(total, ok[0].unit, plan)}. ") + text
        return _finish(plan, cells, text, value=total, unit=ok[0].unit, items=items, evidence=lines)
    # several figures listed: no one of them is the answer's value (the items carry each); a figure asked that has
    # no usable cell (printed blank, not read) is said, never left out as if it had not been asked
    bad = [c for c in cells if not c.ok]
    if bad:
        text += " " + say(plan, "；".join(f"{who(c, index)}的{metric_name(c.key, plan)}：无可用数值（{c.why}）" for c in bad) + "。",
                          "; ".join(f"{who(c, index)}: {metric_name(c.key, plan)} has no usable value ({c.why})" for c in bad) + ".")
    one = len(ok) == 1 and not bad
    return _finish(plan, cells, text, value=ok[0].value if one else None, unit=ok[0].unit if one else None,
                   items=items, evidence=lines)


def compare(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    agencies = resolve_agencies(plan, index)
    if len(agencies) < 2 and plan.boolean and (plan.yoy or len(plan.years) >= 2):
        from qa.changes import year_boolean  # one agency against itself, year by year
        return year_boolean(plan, runner, index)
    if len(agencies) < 2:
        return lookup(plan, runner, index)
    miss = missing_year(plan, agencies)
    if miss:
        return miss
    key = plan.metrics[0]
    per = agency_cells(plan, runner, agencies, key)
    cells = [c for group in per for c in group]
    firsts = [group[0] if group else None for group in per]
    name = metric_name(key, plan)
    parts = [say(plan, f"{who(c, index)}{fmt(c.value, c.unit, plan)}", f"{who(c, index)}: {fmt(c.value, c.unit, plan)}")
             for c in firsts if c is not None and c.ok]
    items = [cell_item(c, index) for c in firsts if c is not None and c.ok]
    if plan.boolean:
        a, b = firsts[0], firsts[1]
        if a is None or b is None or not a.ok or not b.ok:
            return _unusable(plan, [c for c in (a, b) if c is not None], index) if (a or b) else \
                no_data(plan, "两个单位都没有这项数据。", "Neither agency has this figure.")
        bound = b.value * (plan.factor or 1)  # (more than twice as many as B: against 2 × B)
        answer = direction_holds(plan.boolean, a.value, bound)
        word = say(plan, "是" if answer else "否", "Yes" if answer else "No")
        times = "" if plan.factor is None else say(
            plan, f"（{who(b, index)}的{_num(plan.factor)}倍为{fmt(bound, b.unit, plan)}）",
            f" ({_num(plan.factor)} × {who(b, index)} = {fmt(bound, b.unit, plan)})")
        text = say(plan, f"{word}。{name}：{'；'.join(parts)}{times}。", f"{word}. {name}: {'; '.join(parts)}{times}.")
        return _finish(plan, cells, text, value=answer, items=items, evidence=parts)
    text = say(plan, f"{name}：{'；'.join(parts)}。", f"{name}: {'; '.join(parts)}.")
    return _finish(plan, cells, text, items=items, unit=items[0].unit if items else None, evidence=parts)


def trend(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    from qa.changes import single_agency, year_totals

    agencies = resolve_agencies(plan, index)
    if not agencies:
        one = single_agency(plan, index)  # a region with one agency in it is that agency
        if one is None:
            return year_totals(plan, runner, index)  # a trend over many agencies: totals per year
        agencies = [one]
    key = plan.metrics[0]
    if len(set(plan.years)) <= 2 and (miss := missing_year(plan, agencies[:1], every=True)):
        return miss  # (the year asked is not there: said, not answered with the other year's figure)
    cells = sorted(agency_cells(plan, runner, agencies[:1], key, latest_only=False)[0],
                   key=lambda c: c.report.year or 0)
    ok = [c for c in cells if c.ok]
    if not ok:
        return _unusable(plan, cells, index) if cells else missing_year(plan, agencies) or \
            no_data(plan, "没有找到数据。", "No data found.")
    name = metric_name(key, plan)
    parts = [f"{c.report.year}: {fmt(c.value, c.unit, plan)}" for c in ok]
    text = say(plan, f"{agencies[0].label}历年{name}：{'；'.join(parts)}。",
               f"{agencies[0].label}, {name} by year: {'; '.join(parts)}.")
    if len(ok) == 1:
        text += say(plan, "（数据库中只有一年的年报。）", " (Only one year is in the database.)")
    return _finish(plan, cells, text, value=ok[-1].value, unit=ok[-1].unit,
                   items=[cell_item(c, index) for c in ok], evidence=parts)


def difference(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    if plan.yoy and plan.aggregate is None:
        return year_over_year(plan, runner, index)
    if len(plan.metrics) == 2 and not plan.yoy and len(plan.agencies) <= 1 and len(plan.years) <= 1:
        from qa.ranking import metric_gap  # two figures of one scope, one against the other
        return metric_gap(plan, runner, index)
    agencies = resolve_agencies(plan, index)
    key = plan.metrics[0]
    if len(agencies) >= 2:
        per = agency_cells(plan, runner, agencies[:2], key)
        pair = [g[0] if g else None for g in per]
    else:
        from qa.changes import year_change  # one agency (or a region) against itself, year by year
        return year_change(plan, runner, index)
    if any(c is None or not c.ok for c in pair):
        got = [c for c in pair if c is not None]
        return _unusable(plan, got, index) if got else no_data(plan, "缺少比较所需的年报。", "A report needed is missing.")
    a, b = pair
    # the text says which is larger; the size of the gap is the answer (A minus B, asked so: signed)
    diff = a.value - b.value if plan.signed else abs(a.value - b.value)
    name = metric_name(key, plan)
    hi, lo = (a, b) if a.value >= b.value else (b, a)
    text = say(plan, f"{name}：{who(a, index)}{fmt(a.value, a.unit, plan)}，{who(b, index)}{fmt(b.value, b.unit, plan)}，"
                     f"{who(hi, index)}比{who(lo, index)}多{fmt(abs(diff), a.unit, plan)}。",
               f"{name}: {who(a, index)} {fmt(a.value, a.unit, plan)}, {who(b, index)} {fmt(b.value, b.unit, plan)}; "
               f"{who(hi, index)} is higher by {fmt(abs(diff), a.unit, plan)}.")
    return _finish(plan, pair, text, value=round(diff, 2), unit=a.unit, items=[cell_item(a, index), cell_item(b, index)],
                   evidence=[text])


def year_over_year(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """Agencies whose figure went up (or down) against their report of the year before."""
    key = plan.metrics[0]
    agencies = resolve_agencies(plan, index) or [a for a in index.agencies if len(a.reports) >= 1]
    scope_plan = plan.model_copy(update={"years": []})
    per = agency_cells(scope_plan, runner, agencies, key, latest_only=False)
    items: list[Item] = []
    used: list[Cell] = []
    lacking: list[str] = []
    for agency, cells in zip(agencies, per, strict=True):
        by_year = {c.report.year: c for c in cells if c.ok}
        years = sorted(y for y in by_year if y and (not plan.years or y in plan.years) and y - 1 in by_year)
        if not years:
            lacking.append(agency.label)
            continue
        cur, prev = by_year[years[-1]], by_year[years[-1] - 1]
        change = cur.value - prev.value
        used += [cur, prev]
        if (change > 0) if plan.boolean != "less" else (change < 0):
            items.append(Item(label=agency.label, report=cur.report.id, value=change, unit=cur.unit,
                              year=cur.report.year, file=cur.report.file))
    name = metric_name(key, plan)
    if not used:
        return no_data(plan, f"没有单位同时有相邻两年的年报，无法做同比（{name}）。",
                       f"No agency has reports for two consecutive years, so {name} cannot be compared year on year.")
    listed = "、".join(f"{i.label}（{i.year}年{'+' if i.value > 0 else ''}{fmt(i.value, i.unit, plan)}）" for i in items)
    text = say(plan, f"与上一年相比{name}{'增加' if plan.boolean != 'less' else '减少'}的单位：{listed or '无'}。",
               f"Agencies whose {name} went {'up' if plan.boolean != 'less' else 'down'} on the year before: "
               f"{', '.join(i.label for i in items) or 'none'}.")
    if lacking:
        text += say(plan, f"（{len(lacking)}个单位缺少相邻年份的年报，未计入。）",
                    f" ({len(lacking)} agencies lack a report for the year before and were left out.)")
    return _finish(plan, used, text, items=items, value=len(items), unit="count", evidence=[text])
