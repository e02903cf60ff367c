"""Questions about change between report years: by how much (差额), by what percentage (增长率), yes/no
(2024年比2023年多吗), and totals per year for a trend over a region.

Each agency is compared with itself (its later report against its earlier one); a region adds up the
agencies that have both years, and names the ones that do not.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qa.cells import Cell
from qa.models import Item, Plan, direction_holds
from qa.names import Agency, NameIndex, region_matches
from qa.outcome import Outcome, cell_citations, coverage, fmt, metric_name, no_data, say, skipped_note
from qa.sql import Runner
from qa.tables import agency_cells, resolve_agencies


@dataclass
class Pair:
    agency: Agency
    later: Cell
    earlier: Cell


def scope_agencies(plan: Plan, index: NameIndex) -> list[Agency]:
    """The agencies named, else every agency in the asked region(s) and of the asked kind."""
    named = resolve_agencies(plan, index)
    if named:
        return named
    regions = [r for r in [plan.region, *plan.more_regions] if r is not None and not r.is_empty()]
    out = []
    for a in index.agencies:
        if regions and not any(region_matches(reg, rep) for reg in regions for rep in a.reports):
            continue
        if plan.agency_kind and a.kind != plan.agency_kind:
            continue
        out.append(a)
    return out


def _years_for(plan: Plan, have: list[int]) -> Optional[tuple[int, int]]:
    """(later, earlier) year of one agency: the two asked, else the asked (or latest) one and the one before."""
    if len(plan.years) >= 2:
        return max(plan.years), min(plan.years)
    later = plan.years[0] if plan.years else (max(have) if have else None)
    if later is None or later not in have:
        return None
    before = [y for y in have if y < later]
    return (later, max(before)) if before else None


def year_pairs(plan: Plan, runner: Runner, index: NameIndex, key: str) -> tuple[list[Pair], list[Cell], list[str]]:
    """Per agency in scope: its later and earlier cell; all cells read; agencies lacking a year."""
    agencies = scope_agencies(plan, index)
    if not agencies:
        return [], [], []
    per = agency_cells(plan.model_copy(update={"years": [], "region": None, "more_regions": []}), runner,
                       agencies, key, latest_only=False)
    pairs, read, lacking = [], [], []
    for agency, cells in zip(agencies, per, strict=True):
        by_year = {c.report.year: c for c in cells if c.ok and c.report.year}
        years = _years_for(plan, sorted(by_year))
        if years is None or years[0] not in by_year or years[1] not in by_year:
            lacking.append(agency.label)
            read += [c for c in cells if not c.ok and (not plan.years or c.report.year in plan.years)]
            continue
        pair = Pair(agency, by_year[years[0]], by_year[years[1]])
        pairs.append(pair)
        read += [pair.later, pair.earlier]
    return pairs, read, lacking


def _none(plan: Plan, key: str, lacking: list[str]) -> Outcome:
    name = metric_name(key, plan)
    asked = "、".join(str(y) for y in sorted(plan.years))
    zh_years = f"{asked}年两年" if len(plan.years) >= 2 else "相邻两年"
    en_years = f"both {asked}" if len(plan.years) >= 2 else "two years"
    who_zh = "、".join(lacking) or "所问的单位"
    return no_data(plan, f"{who_zh}没有{zh_years}都可用的{name}数据，无法比较。",
                   f"{', '.join(lacking) or 'No agency asked about'} lacks {name} for {en_years}, so there is "
                   "nothing to compare.")


def _finish(plan: Plan, cells: list[Cell], text: str, lacking: list[str], **kw) -> Outcome:
    cov = coverage(cells)
    notes = skipped_note(cov, plan)
    if lacking and len(lacking) < 8:
        notes += say(plan, f"（缺少比较年份、未计入：{'、'.join(lacking)}。）",
                     f" (Left out for lack of a year to compare: {', '.join(lacking)}.)")
    elif lacking:
        notes += say(plan, f"（另有{len(lacking)}个单位缺少比较年份，未计入。）",
                     f" ({len(lacking)} more agencies lack a year to compare and were left out.)")
    return Outcome(status="answered", text=(text + (" " + notes if notes else "")).strip(),
                   citations=cell_citations([c for c in cells if c.ok]), coverage=cov, **kw)


def _totals(pairs: list[Pair]) -> tuple[float, float]:
    return sum(p.later.value for p in pairs), sum(p.earlier.value for p in pairs)


def _steps(plan: Plan, pairs: list[Pair], index: NameIndex) -> list[str]:
    return [say(plan, f"{p.agency.label}：{p.earlier.report.year}年{fmt(p.earlier.value, p.earlier.unit, plan)} → "
                      f"{p.later.report.year}年{fmt(p.later.value, p.later.unit, plan)}",
                f"{p.agency.label}: {p.earlier.report.year} {fmt(p.earlier.value, p.earlier.unit, plan)} -> "
                f"{p.later.report.year} {fmt(p.later.value, p.later.unit, plan)}") for p in pairs]


def year_change(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """By how much a figure went up or down between two report years (signed by what was asked)."""
    key = plan.metrics[0]
    pairs, cells, lacking = year_pairs(plan, runner, index, key)
    if not pairs:
        return _none(plan, key, lacking)
    later, earlier = _totals(pairs)
    change = later - earlier
    value = -change if plan.boolean == "less" else change if plan.boolean == "more" else abs(change)
    if plan.signed and len(plan.year_order) == 2:  # (2023 minus 2024: the earlier year's figure less the later's)
        value = change if plan.year_order[0] > plan.year_order[1] else -change
    unit = pairs[0].later.unit
    name = metric_name(key, plan)
    up = change >= 0
    steps = _steps(plan, pairs, index)
    head = say(plan, f"{name}{'增加' if up else '减少'}了{fmt(abs(change), unit, plan)}：{'；'.join(steps)}。",
               f"{name} {'rose' if up else 'fell'} by {fmt(abs(change), unit, plan)}: {'; '.join(steps)}.")
    if len(pairs) > 1:
        head += say(plan, f"（{len(pairs)}个单位合计：{fmt(earlier, unit, plan)} → {fmt(later, unit, plan)}）",
                    f" ({len(pairs)} agencies together: {fmt(earlier, unit, plan)} -> {fmt(later, unit, plan)})")
    items = [Item(label=p.agency.label, report=p.later.report.id, value=p.later.value - p.earlier.value,
                  unit=unit, year=p.later.report.year, file=p.later.report.file) for p in pairs]
    return _finish(plan, cells, head, lacking, value=round(value, 2), unit=unit, items=items, evidence=steps)


def growth(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """Percentage change between two report years (a fall asked as 下降了百分之几 is answered positive)."""
    key = plan.metrics[0]
    pairs, cells, lacking = year_pairs(plan, runner, index, key)
    if not pairs:
        return _none(plan, key, lacking)
    later, earlier = _totals(pairs)
    name = metric_name(key, plan)
    steps = _steps(plan, pairs, index)
    if earlier == 0:
        return no_data(plan, f"{name}基数为0，无法计算增长率：{'；'.join(steps)}。",
                       f"The base of {name} is 0, so no percentage change: {'; '.join(steps)}.")
    pct = round((later - earlier) / earlier * 100, 2)
    value = -pct if plan.boolean == "less" else pct
    head = say(plan, f"{name}{'增长' if pct >= 0 else '下降'}{abs(pct):.2f}%：{'；'.join(steps)}。",
               f"{name} {'rose' if pct >= 0 else 'fell'} by {abs(pct):.2f}%: {'; '.join(steps)}.")
    items = [Item(label=p.agency.label, report=p.later.report.id, unit="percent", year=p.later.report.year,
                  file=p.later.report.file,
                  value=round((p.later.value - p.earlier.value) / p.earlier.value * 100, 2) if p.earlier.value else None)
             for p in pairs]
    return _finish(plan, cells, head, lacking, value=value, unit="percent", items=items, evidence=steps)


def year_boolean(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """Yes/no: is the later year's figure higher (`boolean` more) or lower (less) than the earlier one's."""
    key = plan.metrics[0]
    pairs, cells, lacking = year_pairs(plan, runner, index, key)
    if not pairs:
        return _none(plan, key, lacking)
    later, earlier = _totals(pairs)
    bound = earlier * (plan.factor or 1)  # (more than ten times the earlier year: against 10 × it)
    answer = direction_holds(plan.boolean, later, bound)
    word = say(plan, "是" if answer else "否", "Yes" if answer else "No")
    steps = _steps(plan, pairs, index)
    times = "" if plan.factor is None else say(
        plan, f"（后一年是前一年的{later / earlier:.2f}倍，比较的是{plan.factor:g}倍）" if earlier else "",
        f" (the later year is {later / earlier:.2f}× the earlier; compared with {plan.factor:g}×)" if earlier else "")
    text = say(plan, f"{word}。{metric_name(key, plan)}：{'；'.join(steps)}{times}。",
               f"{word}. {metric_name(key, plan)}: {'; '.join(steps)}{times}.")
    items = [Item(label=p.agency.label, report=c.report.id, value=c.value, unit=c.unit, year=c.report.year,
                  file=c.report.file) for p in pairs for c in (p.earlier, p.later)]
    return _finish(plan, cells, text, lacking, value=answer, items=items, evidence=steps)


def single_agency(plan: Plan, index: NameIndex) -> Optional[Agency]:
    """The one agency a question is about: named, or the only one in the asked region."""
    agencies = scope_agencies(plan, index)
    if len(agencies) == 1 and (plan.agencies or plan.region is not None or plan.agency_kind):
        return agencies[0]
    return None


def year_totals(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """A trend over many agencies: the figure added up per report year (each year's reports named)."""
    from qa.cells import fetch_cells, scope_reports
    from qa.sql import Scope

    key = plan.metrics[0]
    scope = Scope.of(plan)
    reports = scope_reports(runner, scope)
    cells = fetch_cells(runner, [key], scope, reports)[key] if reports else []
    ok = [c for c in cells if c.ok and c.report.year]
    name = metric_name(key, plan)
    if not ok:
        return no_data(plan, f"没有可用的{name}数值。", f"No usable {name} figures.")
    years = sorted({c.report.year for c in ok})
    unit = ok[0].unit
    items, parts = [], []
    for y in years:
        mine = [c for c in ok if c.report.year == y]
        total = sum(c.value for c in mine)
        items.append(Item(label=str(y), value=total, unit=unit, year=y))
        parts.append(say(plan, f"{y}年{fmt(total, unit, plan)}（{len(mine)}份年报）",
                         f"{y}: {fmt(total, unit, plan)} ({len(mine)} reports)"))
    text = say(plan, f"各年{name}合计：{'；'.join(parts)}。", f"{name} by year, all reports in scope: {'; '.join(parts)}.")
    text += say(plan, "（各年参与的单位不同，合计不可直接比较。）",
                " (Different agencies report in different years, so the totals are not like for like.)") \
        if len({index.by_report(c.report.id).key for c in ok if index.by_report(c.report.id)}) > 1 else ""
    return _finish(plan, cells, text, [], value=items[-1].value, unit=unit, items=items, evidence=parts)
