"""Table questions over many reports: rank / top / bottom, aggregates over a filter, ratios and shares."""
from __future__ import annotations

import logging
import statistics
from typing import Optional

from qa.cells import Cell, FastPathMismatch, Window, fast_cells, fetch_cells, hydrate, scope_reports, window_cells
from qa.models import Plan, direction_holds
from qa.names import NameIndex
from qa.outcome import (
    ITEM_CAP,
    MAX_ITEMS,
    SHOW,
    Outcome,
    cell_citations,
    cell_item,
    cell_items,
    coverage,
    fmt,
    guessed_note,
    label_of,
    listed,
    metric_name,
    no_data,
    say,
    skipped_note,
    substitute_note,
    who,
)
from qa.reading import KIND_LABELS, filtered_total, organ_en, says_kind
from qa.sql import Runner, Scope, sum_sql
from qa.tables import _unusable, agency_cells, missing_year, resolve_agencies

log = logging.getLogger(__name__)
KIND_ZH = {"department": "部门", "government": "政府", "street_office": "街道", "township": "乡镇"}


def _scope(plan: Plan, index: NameIndex) -> Scope:
    agencies = resolve_agencies(plan, index)
    ids = [r.id for a in agencies for r in a.reports] if agencies else None
    return Scope.of(plan, ids)


def _filter_words(plan: Plan) -> str:
    bits = [("、" if plan.language == "zh" else ", ").join(plan.agencies)] if plan.agencies else []
    if plan.years:
        bits.append("、".join(str(y) for y in plan.years) + ("年" if plan.language == "zh" else ""))
    regions = [r.label() for r in [plan.region, *plan.more_regions] if r is not None and not r.is_empty()]
    if regions:
        bits.append(("、" if plan.language == "zh" else " / ").join(regions))
    if plan.template:
        bits.append(f"{plan.template}版模板" if plan.language == "zh" else f"{plan.template} template")
    if says_kind(plan):
        bits.append(KIND_ZH.get(plan.agency_kind, plan.agency_kind) if plan.language == "zh"
                    else KIND_LABELS.get(plan.agency_kind, ("", plan.agency_kind))[1])
    if plan.organ and not (plan.agency_kind == "street_office" and plan.organ == "街道"):  # said once
        bits.append(say(plan, f"{plan.organ}以外" if plan.organ_out else f"各{plan.organ}",
                        f"all but {organ_en(plan.organ)}" if plan.organ_out else f"every {organ_en(plan.organ)}"))
    return " ".join(bits)


def _load(plan: Plan, runner: Runner, index: NameIndex, keys: list[str], order: str = "r.year, r.file"):
    scope = _scope(plan, index)
    reports = scope_reports(runner, scope)
    return scope, reports, (fetch_cells(runner, keys, scope, reports, order) if reports else {k: [] for k in keys})


def _load_one(plan: Plan, runner: Runner, index: NameIndex, key: str, rank_order: Optional[str] = None,
              fast: bool = True):
    """(scope, cells of `key` for every report in scope): in one SQL statement where the key allows
    (`fast_cells`), else row by row; cells in ranking order (`rank_order`) or report order."""
    scope = _scope(plan, index)
    cells = fast_cells(runner, key, scope, index, rank_order) if fast else None
    if cells is not None:
        return scope, cells
    order = (f"CASE f.state WHEN 'number' THEN 0 ELSE 1 END, f.value {rank_order}, r.year DESC, r.file"
             if rank_order else "r.year, r.file")
    _, reports, loaded = _load(plan, runner, index, [key], order)
    return scope, loaded[key]


def _empty(plan: Plan) -> Outcome:
    where = _filter_words(plan)
    return no_data(plan, f"数据库中没有符合条件的年报（{where or '全部'}）。",
                   f"No report in the database matches ({where or 'all'}).")


def _finish(plan: Plan, cells: list[Cell], text: str, shown: Optional[list[Cell]] = None, **kw) -> Outcome:
    ok = [c for c in cells if c.ok]
    if len(ok) <= MAX_ITEMS:  # receipts for every cell compared
        cited = ok
    else:  # receipts for the cells the answer carries; the others counted
        carried = {i.report for i in (kw.get("items") or [])[:MAX_ITEMS]}
        cited = [c for c in ok if c.report.id in carried][:MAX_ITEMS]
        kw["citations_total"] = sum(c.parts if c.thin else len(c.facts) for c in ok)
    used = [c for c in (shown if shown is not None else cells) if c.ok][:MAX_ITEMS]
    return _finished(plan, text, coverage(cells), used, cited, sum(1 for c in ok if c.guessed),
                     substitute_note(cells, plan), **kw)


def _finish_window(plan: Plan, win: Window, text: str, shown: list[Cell], **kw) -> Outcome:
    """`_finish` of an answer read from a `Window`: the same receipts, notes and counts."""
    if win.ok <= MAX_ITEMS:  # the window holds every usable cell
        cited = win.top
    else:
        carried = {i.report for i in (kw.get("items") or [])[:MAX_ITEMS]}
        cited = [c for c in win.top if c.report.id in carried][:MAX_ITEMS]
        kw["citations_total"] = win.parts
    used_ids = [c.report.id for c in (win.top if win.ok <= MAX_ITEMS else shown[:MAX_ITEMS])]
    left = coverage(win.left_out)
    cov = left.model_copy(update={
        "used": used_ids, "used_total": win.ok if win.ok > len(used_ids) else None,
        "skipped_total": win.left_out_total if win.left_out_total > len(left.skipped) else None})
    return _finished(plan, text, cov, [c for c in shown if c.ok][:MAX_ITEMS], cited, win.guessed, "", **kw)


def _finished(plan: Plan, text: str, cov, used: list[Cell], cited: list[Cell], guessed_all: int, substituted: str,
              **kw) -> Outcome:
    """The answer: `used`, the usable cells it shows (at most MAX_ITEMS), and `cited` made whole (SQL-computed
    cells get their fact rows in one query), caveats on their units, and how many more have guessed units."""
    if any(c.thin for c in used + cited):
        both = list({id(c): c for c in used + cited}.values())
        whole = dict(zip(map(id, both), hydrate(both), strict=True))
        used, cited = [whole[id(c)] for c in used], [whole[id(c)] for c in cited]
    guessed = guessed_note(used, plan)
    others = guessed_all - sum(1 for c in used if c.guessed)
    if others > 0:
        guessed += say(plan, f"（另有{others}个参与比较的数值单位为推测）", f" ({others} more figures compared have guessed units.)")
    notes = " ".join(x for x in (guessed, substituted, skipped_note(cov, plan)) if x)
    return Outcome(status=kw.pop("status", "answered"), text=(text + (" " + notes if notes else "")).strip(),
                   citations=cell_citations(cited), coverage=cov, **kw)


def _rows_if_disagreeing(step):
    """Run `step(fast=True)`; if the SQL cells and the row-by-row cells disagree (a bug), the rows decide."""
    def run(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
        try:
            return step(plan, runner, index, fast=True)
        except FastPathMismatch as e:
            log.warning("SQL cells disagree with the fact rows (%s); answered from the rows", e)
            return step(plan, runner, index, fast=False)
    run.__doc__ = step.__doc__
    return run


def _window(plan: Plan, runner: Runner, index: NameIndex, value_order: str, year_order: str,
            left_order: str) -> Optional[Window]:
    """The question's key over its scope as a `Window` when the scope is large (see `window_cells`) and the
    answer is to carry only its first items (an export of every row reads every cell)."""
    cap = ITEM_CAP.get()
    if cap is None:
        return None
    win = window_cells(runner, plan.metrics[0], _scope(plan, index), index, value_order, year_order, left_order,
                       size=max(cap, MAX_ITEMS), zero_head=SHOW)
    return win if win is not None and win.ok else None  # nothing usable: the full answer names every reason


@_rows_if_disagreeing
def rank(plan: Plan, runner: Runner, index: NameIndex, fast: bool = True) -> Outcome:
    key = plan.metrics[0]
    desc = plan.order == "desc"
    plain = not (plan.zero or plan.above is not None or plan.below is not None or plan.versus_average
                 or plan.offset or (plan.limit or 0) > MAX_ITEMS)
    order = "DESC" if desc else "ASC"  # as `fast_cells` orders a ranking
    win = _window(plan, runner, index, order, "DESC", f"value {order}, year DESC, file") if fast and plain else None
    out = _rank_window(plan, win, index) if win is not None else None
    if out is not None:
        return out
    _, cells = _load_one(plan, runner, index, key, "ASC" if plan.order == "asc" else "DESC", fast)
    if not cells:
        return _empty(plan)
    ok = sorted([c for c in cells if c.ok], key=lambda c: c.value, reverse=desc)
    if not ok:
        return _finish(plan, cells, say(plan, f"没有可用于排名的{metric_name(key, plan)}数值。",
                                        f"No usable {metric_name(key, plan)} figures to rank."), status="no_data")
    name = metric_name(key, plan)
    if plan.zero:
        return _zeros(plan, cells, ok, index)
    if plan.above is not None or plan.below is not None:  # 哪些单位的行政处罚决定超过10件
        ok = [c for c in ok if within(plan, c.value)]
        if not ok:
            return _finish(plan, cells, say(plan, f"没有{name}{_bound_words(plan, cells[0].unit)}的年报。",
                                            f"No report has {name} {_bound_words(plan, cells[0].unit)}."),
                           value=0, unit="count")
    if plan.versus_average:
        return _versus_average(plan, cells, ok, index)
    if plan.offset:
        return _place(plan, cells, ok, index)
    if plan.limit:
        cut = ok[min(plan.limit, len(ok)) - 1].value
        chosen = [c for c in ok[:plan.limit]] + [c for c in ok[plan.limit:] if c.value == cut]
    else:
        # a whole ranking lists every report with a figure, one at 0 last (a 0 is a figure; a blank is not); two or
        # more at 0 tie, with no order among them: said apart, after the ranking
        # (哪几个单位收到了申请 / which received any: a ranking of those above 0, the zeros said apart)
        n_zero = sum(1 for c in ok if c.value == 0)
        apart = n_zero >= 2 or not plan.order_asked
        chosen = [c for c in ok if c.value != 0] if desc and plan.below is None and apart else ok
        chosen = chosen or ok
    chosen_ids = {id(c) for c in chosen}
    zeros = [c for c in ok if id(c) not in chosen_ids and c.value == 0]
    ties = sum(1 for c in chosen if c.value == chosen[0].value)
    text, listing = _ranking_text(plan, chosen, len(chosen), ties, zeros, len(zeros), index)
    text += _mixed_note(plan, *_kinds_and_years(ok))
    return _finish(plan, cells, text, shown=chosen, value=chosen[0].value, unit=chosen[0].unit,
                   **cell_items(chosen, index), evidence=[listing])


def _rank_window(plan: Plan, win: Window, index: NameIndex) -> Optional[Outcome]:
    """A ranking of a large scope from its first entries and counts (SQL); None when the window cannot say
    it (the figures it holds are all left out of the ranking)."""
    desc = plan.order == "desc"
    if plan.limit:  # the first `limit` and any tied with the last of them
        cut = win.top[min(plan.limit, len(win.top)) - 1].value
        chosen = win.top[:plan.limit] + [c for c in win.top[plan.limit:] if c.value == cut]
        n_chosen = win.ok if win.ok <= plan.limit else \
            plan.limit + win.equal(cut) - sum(1 for c in win.top[:plan.limit] if c.value == cut)
        zeros_chosen = cut <= 0 if desc else cut >= 0  # 0 lies within the figures chosen
    elif desc and win.ok > win.zeros and (win.zeros >= 2 or not plan.order_asked):  # (said apart, as `rank` does)
        chosen, n_chosen, zeros_chosen = [c for c in win.top if c.value != 0], win.ok - win.zeros, False
    else:  # a whole ranking: every report with a figure, one at 0 last
        chosen, n_chosen, zeros_chosen = win.top, win.ok, True
    if not chosen:
        return None
    n_zeros = 0 if zeros_chosen else win.zeros
    zeros = win.zero_head if n_zeros else []
    text, listing = _ranking_text(plan, chosen, n_chosen, win.equal(chosen[0].value), zeros, n_zeros, index)
    text += _mixed_note(plan, win.years, win.kinds)
    return _finish_window(plan, win, text, shown=chosen, value=chosen[0].value, unit=chosen[0].unit,
                          **cell_items(chosen, index, n_chosen), evidence=[listing])


def _ranking_text(plan: Plan, chosen: list[Cell], n_chosen: int, n_ties: int, zeros: list[Cell], n_zeros: int,
                  index: NameIndex) -> tuple[str, str]:
    """(the ranking's sentences, its listing): the first of `chosen` (the first `n_ties` tied), the order,
    and the reports at 0 left out of it; `chosen` and `zeros` may be only the first of `n_chosen`/`n_zeros`."""
    name = metric_name(plan.metrics[0], plan)
    top = chosen[0]
    word = say(plan, "最高" if plan.order == "desc" else "最低", "highest" if plan.order == "desc" else "lowest")
    listing = listed([f"{i + 1}. {who(c, index)} {fmt(c.value, c.unit, plan)}" for i, c in enumerate(chosen[:SHOW])],
                     plan, total=n_chosen)
    if n_ties > 1:
        tied = [_named(plan, c, index) for c in chosen[:min(n_ties, SHOW)]]
        head = say(plan, f"{name}{word}的是{listed(tied, plan, '、', n_ties)}（并列，{fmt(top.value, top.unit, plan)}）。",
                   f"Tied {word} {name}: {listed(tied, plan, ', ', n_ties)} ({fmt(top.value, top.unit, plan)}).")
    else:
        head = say(plan, f"{name}{word}的是{_named(plan, top, index)}：{fmt(top.value, top.unit, plan)}。",
                   f"{_named(plan, top, index)} has the {word} {name}: {fmt(top.value, top.unit, plan)}.")
    text = head + say(plan, f"排序：{listing}。", f" Ranking: {listing}.") if n_chosen > 1 else head
    if n_zeros:
        zero_names = [who(c, index) for c in zeros[:SHOW]]
        text += say(plan, f"（为0的单位：{listed(zero_names, plan, '、', n_zeros)}，未列入排名。）",
                    f" (Zero: {listed(zero_names, plan, ', ', n_zeros)}; not ranked.)")
    return text, listing


def _named(plan: Plan, cell: Cell, index: NameIndex) -> str:
    """The agency (and year); with the place first when the question asks which district or city."""
    name = who(cell, index)
    if not plan.answer_place:
        return name
    r = cell.report
    place = (r.city or "") + (r.county or "") if r.county else (r.city or r.province or "")
    if not place:
        return name
    year = f"，{r.year}" if plan.language == "zh" and r.year else f", {r.year}" if r.year else ""
    return f"{place}（{who(cell, index, with_year=False)}{year}）" if plan.language == "zh" else \
        f"{place} ({who(cell, index, with_year=False)}{year})"


def _kinds_and_years(cells: list[Cell]) -> tuple[set, set]:
    years_seen, kinds_seen = set(), set()
    for c in cells:  # one pass (10,000 cells at a national scale)
        years_seen.add(c.report.year)
        kinds_seen.add(c.report.kind)
    return years_seen, kinds_seen


def _mixed_note(plan: Plan, years_seen: set, kinds_seen: set) -> str:
    """One line when a ranking puts side by side reports of different years or kinds of agency (a 2019
    report against 2020 ones, a street office against district bureaus), with how to narrow it."""
    years = sorted(y for y in years_seen if y)
    kinds = sorted(k for k in kinds_seen if k)
    bits_zh, bits_en, narrow_zh, narrow_en = [], [], [], []
    if len(years) > 1 and not plan.years:
        bits_zh.append(f"不同年份（{'、'.join(map(str, years))}）")
        bits_en.append(f"years ({', '.join(map(str, years))})")
        narrow_zh.append(f"“{years[-1]}年”")
        narrow_en.append(f"'in {years[-1]}'")
    if len(kinds) > 1 and not plan.agency_kind and not plan.organ:
        bits_zh.append(f"不同类型的单位（{'、'.join(KIND_ZH.get(k, k) for k in kinds)}）")
        bits_en.append(f"kinds of agency ({', '.join(k.replace('_', ' ') for k in kinds)})")
        narrow_zh.append("单位类型（如“统计局”“街道”）")
        narrow_en.append("a kind of agency ('statistics bureaus', 'street offices')")
    if not bits_zh:
        return ""
    return say(plan, f"（注意：参与排名的年报来自{'和'.join(bits_zh)}；可在问题中加上{'或'.join(narrow_zh)}缩小范围。）",
               f" (Note: this ranking mixes {' and '.join(bits_en)}; add {' or '.join(narrow_en)} to narrow it.)")


def passes(plan: Plan, value: float, cut: float) -> bool:
    return value >= cut if plan.inclusive and plan.above is not None else value > cut


def within(plan: Plan, value: float) -> bool:
    """The figure meets the question's bounds (超过 / 不到 / 以上 / 以下)."""
    if plan.above is not None and not (value >= plan.above if plan.inclusive else value > plan.above):
        return False
    if plan.below is not None and not (value <= plan.below if plan.inclusive else value < plan.below):
        return False
    return True


def _bound_words(plan: Plan, unit: Optional[str]) -> str:
    bits = []
    if plan.above is not None:
        bits.append(say(plan, f"{'不少于' if plan.inclusive else '超过'}{fmt(plan.above, unit, plan)}",
                        f"{'at least' if plan.inclusive else 'above'} {fmt(plan.above, unit, plan)}"))
    if plan.below is not None:
        bits.append(say(plan, f"{'不超过' if plan.inclusive else '低于'}{fmt(plan.below, unit, plan)}",
                        f"{'at most' if plan.inclusive else 'below'} {fmt(plan.below, unit, plan)}"))
    return say(plan, "、".join(bits), " and ".join(bits))


def _place(plan: Plan, cells: list[Cell], ok: list[Cell], index: NameIndex) -> Outcome:
    """The report at one place of the ranking (第二名, 倒数第二, third-largest); tied figures share a place."""
    name = metric_name(plan.metrics[0], plan)
    pos = plan.offset + 1
    high = plan.order == "desc"
    word = say(plan, f"第{pos}{'高' if high else '低'}", f"{_nth(pos)}-{'highest' if high else 'lowest'}")
    listing = listed([f"{i + 1}. {who(c, index)} {fmt(c.value, c.unit, plan)}" for i, c in enumerate(ok[:SHOW])],
                     plan, total=len(ok))
    if plan.offset >= len(ok):
        return _finish(plan, cells, say(plan, f"只有{len(ok)}份年报有{name}数值，没有{word}。排序：{listing}。",
                                        f"Only {len(ok)} reports have {name}; there is no {word}. Ranking: {listing}."),
                       status="no_data")
    target = ok[plan.offset]
    tied = [c for c in ok if c.value == target.value]
    text = say(plan, f"{name}{word}的是{who(target, index)}：{fmt(target.value, target.unit, plan)}。",
               f"{who(target, index)} has the {word} {name}: {fmt(target.value, target.unit, plan)}.")
    if len(tied) > 1:  # the place is shared: say so, and with whom
        others = [c for c in tied if c is not target]
        names = [who(c, index) for c in others[:SHOW]]
        text += say(plan, f"（与{listed(names, plan, '、', len(others))}并列。）",
                    f" (Tied with {listed(names, plan, ', ', len(others))}.)")
    text += say(plan, f"排序：{listing}。", f" Ranking: {listing}.")
    # the answer is who holds that place (all of them when it is shared); the ranking is in the text
    return _finish(plan, cells, text, shown=[target], value=target.value, unit=target.unit,
                   **cell_items([target] + [c for c in tied if c is not target], index),
                   evidence=[listing])


def _nth(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def _versus_average(plan: Plan, cells: list[Cell], ok: list[Cell], index: NameIndex) -> Outcome:
    """The reports above (below) the average of the reports in scope."""
    name = metric_name(plan.metrics[0], plan)
    mean = sum(c.value for c in ok) / len(ok)
    above = plan.versus_average == "above"
    chosen = [c for c in ok if (c.value > mean if above else c.value < mean)]
    unit = ok[0].unit
    listing = listed([f"{who(c, index)} {fmt(c.value, c.unit, plan)}" for c in chosen[:SHOW]], plan, total=len(chosen))
    text = say(plan, f"{len(ok)}份年报的{name}平均为{fmt(round(mean, 2), unit, plan)}，"
                     f"{'高于' if above else '低于'}平均的有{len(chosen)}份：{listing or '无'}。",
               f"The average {name} over {len(ok)} reports is {fmt(round(mean, 2), unit, plan)}; "
               f"{len(chosen)} are {'above' if above else 'below'} it: {listing or 'none'}.")
    return _finish(plan, cells, text, shown=chosen, value=len(chosen), unit="count",
                   **cell_items(chosen, index), evidence=[text])


def _zeros(plan: Plan, cells: list[Cell], ok: list[Cell], index: NameIndex) -> Outcome:
    """The reports whose figure is 0 (a blank or missing cell is not 0: those are named as left out)."""
    zeros = [c for c in ok if c.value == 0]
    name = metric_name(plan.metrics[0], plan)
    listing = listed([who(c, index) for c in zeros[:SHOW]], plan, "、", total=len(zeros))
    text = say(plan, f"{name}为0的年报：{listing or '无'}（{len(ok)}份年报有数值）。",
               f"Reports with {name} of 0: {listing or 'none'} (of {len(ok)} reports with a figure).")
    return _finish(plan, cells, text, shown=zeros, value=len(zeros), unit="count",
                   **cell_items(zeros, index), evidence=[text])


@_rows_if_disagreeing
def aggregate(plan: Plan, runner: Runner, index: NameIndex, fast: bool = True) -> Outcome:
    key = plan.metrics[0]
    agg = plan.aggregate or "sum"
    name = metric_name(key, plan)
    where = _filter_words(plan) or say(plan, "全部年报", "all reports")
    plain = agg in ("sum", "avg") and not (plan.zero or plan.above is not None or plan.below is not None)
    win = _window(plan, runner, index, "DESC", "ASC", "year, file") if fast and plain else None
    if win is not None:  # a total over a large scope: the sum from SQL, the largest entries listed
        value, unit = (win.total if agg == "sum" else win.total / win.ok), win.top[0].unit
        shown = win.top if win.ok > SHOW else sorted(win.top, key=lambda c: (c.report.year is not None,
                                                                             c.report.year or 0, c.report.file))
        text, parts = _total_text(plan, agg, value, unit, shown, win.ok, index)
        return _finish_window(plan, win, text, shown=shown, value=round(value, 2), unit=unit,
                              **cell_items(shown, index, win.ok), evidence=parts)
    scope, cells = _load_one(plan, runner, index, key, None, fast)
    if not cells:
        return _empty(plan)
    ok = [c for c in cells if c.ok]
    if not ok:
        return _finish(plan, cells, say(plan, f"{where}没有可用的{name}数值。", f"No usable {name} figures ({where})."),
                       status="no_data")
    if agg == "count":
        if plan.zero:
            passing = [c for c in ok if c.value == 0]
            bound_zh, bound_en = "为0", "of 0"
        elif plan.above is None and plan.below is None:
            passing = [c for c in ok if c.value > 0]
            bound_zh, bound_en = f"大于{fmt(0, ok[0].unit, plan)}", f"above {fmt(0, ok[0].unit, plan)}"
        else:
            passing = [c for c in ok if within(plan, c.value)]
            bound_zh = bound_en = _bound_words(plan, ok[0].unit)
        value: float = float(len(passing))
        unit = "count"
        names = [who(c, index) for c in passing[:SHOW]]
        text = say(plan, f"{where}中{name}{bound_zh}的年报有{int(value)}份（共{len(ok)}份有数据）"
                         f"{'：' + listed(names, plan, '、', len(passing)) if names else ''}。",
                   f"{int(value)} of {len(ok)} reports ({where}) have {name} {bound_en}"
                   f"{': ' + listed(names, plan, ', ', len(passing)) if names else ''}.")
        if plan.list_agencies:  # agencies counted (几家单位, how many agencies): each agency once
            agencies = len({label_of(c, index) for c in passing})
            if agencies != len(passing):
                text += say(plan, f"按单位计为{agencies}家（同一单位的多份年报只计一次）。",
                            f" Counted by agency: {agencies} (an agency's reports of several years count once).")
            value = float(agencies)
    elif agg == "range":  # the highest minus the lowest (最高的和最低的差多少, the range)
        hi, lo = max(ok, key=lambda c: c.value), min(ok, key=lambda c: c.value)
        value, unit = hi.value - lo.value, ok[0].unit
        text = say(plan, f"{where}{name}最高的{who(hi, index)}（{fmt(hi.value, unit, plan)}）比最低的{who(lo, index)}"
                         f"（{fmt(lo.value, unit, plan)}）多{fmt(value, unit, plan)}（{len(ok)}份年报）。",
                   f"Range of {name} ({where}): the highest, {who(hi, index)} ({fmt(hi.value, unit, plan)}), exceeds "
                   f"the lowest, {who(lo, index)} ({fmt(lo.value, unit, plan)}), by {fmt(value, unit, plan)} "
                   f"over {len(ok)} reports.")
    elif agg == "median":
        value = float(statistics.median(c.value for c in ok))
        unit = ok[0].unit
        text = say(plan, f"{where}{name}的中位数：{fmt(value, unit, plan)}（{len(ok)}份年报）。",
                   f"Median {name} ({where}): {fmt(value, unit, plan)} over {len(ok)} reports.")
    elif filtered_total(plan):  # the total of the reports whose figure meets the bound, those reports listed
        passing = [c for c in ok if within(plan, c.value)]
        if not passing:
            return _finish(plan, cells, say(plan, f"{where}没有{name}{_bound_words(plan, ok[0].unit)}的年报。",
                                            f"No report ({where}) has {name} {_bound_words(plan, ok[0].unit)}."),
                           status="no_data")
        total, n_data = sum(c.value for c in passing), len(ok)
        value, unit, ok = (total if agg == "sum" else total / len(passing)), ok[0].unit, passing
        text, parts = _total_text(plan, agg, value, unit, ok, len(ok), index)
        text = say(plan, f"{name}{_bound_words(plan, unit)}的年报{len(ok)}份（共{n_data}份有数据）。",
                   f"{len(ok)} of {n_data} reports with data have {name} {_bound_words(plan, unit)}. ") + text
        return _finish(plan, cells, text, shown=ok, value=round(value, 2), unit=unit, **cell_items(ok, index),
                       evidence=parts)
    else:
        value = _sql_total(runner, key, scope, agg, ok)
        unit = ok[0].unit
    if len(ok) > SHOW:  # too many to list: the largest first, the rest counted
        ok = sorted(ok, key=lambda c: c.value, reverse=True)
    if agg in ("sum", "avg"):
        text, parts = _total_text(plan, agg, value, unit, ok, len(ok), index)
    else:
        parts = _breakdown(plan, ok, index)
        text += say(plan, f"明细：{listed(parts, plan, total=len(ok))}。",
                    f" Breakdown: {listed(parts, plan, '; ', total=len(ok))}.")
    return _finish(plan, cells, text, shown=ok, value=round(value, 2), unit=unit, **cell_items(ok, index),
                   evidence=parts)


def _breakdown(plan: Plan, ok: list[Cell], index: NameIndex) -> list[str]:
    return [f"{who(c, index)} {fmt(c.value, c.unit, plan)}" for c in ok[:SHOW]]


def _total_text(plan: Plan, agg: str, value: float, unit: str, ok: list[Cell], n_ok: int,
                index: NameIndex) -> tuple[str, list[str]]:
    """(the sentence of a sum or an average over `n_ok` figures with its breakdown, the breakdown's parts);
    `ok` may be only the first of them, in the order listed."""
    name = metric_name(plan.metrics[0], plan)
    where = _filter_words(plan) or say(plan, "全部年报", "all reports")
    word = say(plan, "合计" if agg == "sum" else "平均", "total" if agg == "sum" else "average")
    zh_name = name.removesuffix(" · 总计") if agg == "sum" else name  # a 总计 column added up is its 合计
    parts = _breakdown(plan, ok, index)
    text = say(plan, f"{where}{zh_name}{word}：{fmt(value, unit, plan)}（{n_ok}份年报）。明细：{listed(parts, plan, total=n_ok)}。",
               f"{word.capitalize()} {name} ({where}): {fmt(value, unit, plan)} over {n_ok} reports."
               f" Breakdown: {listed(parts, plan, '; ', total=n_ok)}.")
    return text, parts


def several_metrics(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """A total of two or more figures over the reports in scope (行政处罚和行政强制的…合计): per report the
    sum of its figures, counted only where every one is a printed number (a sum with a part missing is no
    sum), then added up. Other operations over several figures at once are not guessed at."""
    if len(plan.metrics) < 2:
        return aggregate(plan, runner, index)
    if plan.aggregate is None and not (plan.zero or plan.above is not None or plan.below is not None):
        outs = [aggregate(plan.model_copy(update={"metrics": [m], "aggregate": "sum"}), runner, index)
                for m in plan.metrics]
        answered = [o for o in outs if o.status == "answered"]
        if not answered:
            return outs[0]
        return Outcome(status="answered", text=" ".join(o.text for o in outs), value=None, unit=None,
                       items=[i for o in answered for i in o.items], citations=[c for o in answered for c in o.citations],
                       coverage=answered[0].coverage, evidence=[e for o in answered for e in o.evidence])
    bounded = plan.above is not None or plan.below is not None
    if plan.aggregate != "sum" or plan.zero or (bounded and not plan.check_threshold):
        # (a yes/no on their sum, 没有任何复议或诉讼吗: the sum, then the claim checked on it)
        names = "、".join(metric_name(m, plan) for m in plan.metrics)
        return no_data(plan, f"问题同时问了几项数据（{names}），除合计外不能一次计算，请一次问一项。",
                       f"The question asks for several figures at once ({names}); apart from their total they "
                       "cannot be computed together: ask for one at a time.")
    per_key = [_load_one(plan, runner, index, m, None, False)[1] for m in plan.metrics]
    units = {c.unit for cells in per_key for c in cells if c.ok}
    if len(units) > 1:
        return no_data(plan, "这几项数据的单位不同，不能相加。", "These figures have different units and cannot be added.")
    by_report = [{c.report.id: c for c in cells} for cells in per_key]
    cells = [c for group in per_key for c in group]
    if not cells:
        return _empty(plan)
    whole = [rid for rid in by_report[0] if all(rid in b and b[rid].ok for b in by_report)]
    if not whole:
        return _finish(plan, cells, say(plan, "没有一份年报同时印有这几项数值。", "No report prints all of these figures."),
                       status="no_data")
    unit = units.pop()
    used = [b[rid] for rid in whole for b in by_report]
    complete = set(whole)
    partial = [c for c in cells if c.report.id not in complete]
    lacking = len({c.report.id for c in partial})
    names = [metric_name(m, plan) for m in plan.metrics]
    parts = []
    for rid in whole:
        first = by_report[0][rid]
        sums = [b[rid].value for b in by_report]
        parts.append(say(plan, f"{who(first, index)} " + "+".join(fmt(v, unit, plan) for v in sums),
                         f"{who(first, index)} " + " + ".join(fmt(v, unit, plan) for v in sums)))
    total = sum(c.value for c in used)
    where = _filter_words(plan) or say(plan, "全部年报", "all reports")
    text = say(plan, f"{where}{'与'.join(names)}合计：{fmt(total, unit, plan)}（{len(whole)}份年报）。"
                     f"明细：{listed(parts[:SHOW], plan, total=len(parts))}。",
               f"Total of {' and '.join(names)} ({where}): {fmt(total, unit, plan)} over {len(whole)} reports. "
               f"Breakdown: {listed(parts[:SHOW], plan, '; ', total=len(parts))}.")
    if partial:
        text += say(plan, f"（{lacking}份年报缺少其中某项数值，未计入。）",
                    f" ({lacking} reports lack one of the figures and are not counted.)")
    return _finish(plan, used + [c for c in partial if not c.ok], text, shown=used, value=round(total, 2),
                   unit=unit, **cell_items(used, index), evidence=parts)


def _sql_total(runner: Runner, key: str, scope: Scope, agg: str, ok: list[Cell]) -> float:
    """The headline by SQL for a plain cell key; virtual keys (sums of rows) are added up per report."""
    if all((c.thin and c.parts == 1) or (c.facts and len(c.facts) == 1 and c.facts[0]["key"] == key) for c in ok):
        # the cells used are exactly the scope's printed numbers of `key`: the same scope selects them
        sql, params = sum_sql(key, scope, agg)
        row = runner.rows(sql, params)[0]
        if row["result"] is not None and row["reports"] == len(ok):
            return float(row["result"])
    total = sum(c.value for c in ok)
    return total / len(ok) if agg == "avg" else total


def ratio(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    if plan.ratio == "growth":
        from qa.changes import growth
        return growth(plan, runner, index)
    if len(plan.metrics) < 2:
        against = (_against(plan, runner, index) or _of_all(plan, runner, index)) \
            if plan.ratio == "share" and plan.metrics else None
        return against or no_data(plan, "比例需要分子和分母，请说明“占什么的比例”。",
                                  "A share needs a base: say what it is a share of.")
    # the numerator: the first `plan.numerator` figures added up (予以公开和部分公开加起来占办理总数的比例)
    k = max(1, min(plan.numerator, len(plan.metrics) - 1))
    # the base: the one figure after the numerator's, or several added up (占许可、处罚、强制三类处理决定总数)
    num_keys, den_keys = plan.metrics[:k], plan.metrics[k:]
    den_key = den_keys[0]
    num_key = num_keys[0]
    agencies = resolve_agencies(plan, index)
    miss = missing_year(plan, agencies) if agencies else None
    if miss:
        return miss
    if agencies:
        loaded = {key: [c for g in agency_cells(plan, runner, agencies, key) for c in g] for key in [*num_keys, *den_keys]}
    else:
        _, reports, loaded = _load(plan, runner, index, [*num_keys, *den_keys])
        if not reports:
            return _empty(plan)
    nums, dens = _added([loaded[key] for key in num_keys]), _added([loaded[key] for key in den_keys])
    pairs = _pairs(nums, dens)
    percent = plan.ratio == "share"
    usable = [(n, d) for n, d in pairs if n.ok and d.ok and d.value != 0]
    for n, d in pairs:
        if n.ok and d.ok and d.value == 0:
            d.why = say(plan, "分母为0", "the base is 0")
    cells = [c for pair in pairs for c in pair]
    if k > 1:  # the receipts are the added cells themselves, not their sum
        cells = [c for key in num_keys for c in loaded[key]] + [d for _, d in pairs]
    if not usable:
        return _finish(plan, cells, say(plan, "没有可计算比例的数据。", "No data to compute the ratio from."),
                       status="no_data")
    unit = "percent" if percent else usable[0][0].unit
    scale = 100.0 if percent else 1.0
    if plan.gap:
        return _ratio_gap(plan, usable, pairs, agencies, scale, percent, index)
    bounded = plan.above is not None or plan.below is not None
    if bounded:  # which agencies averaged more than 20,000 yuan per project: the reports whose ratio meets it
        usable = sorted((nd for nd in usable if within(plan, round(nd[0].value / nd[1].value * scale, 2))),
                        key=lambda nd: nd[0].value / nd[1].value, reverse=True)
        cells = [c for n, d in usable for c in (n, d)]
        if not usable:
            return _finish(plan, [c for pair in pairs for c in pair], say(
                plan, f"没有{metric_name(num_key, plan)}{'占' if percent else '除以'}{metric_name(den_key, plan)}"
                      f"{_bound_words(plan, 'percent' if percent else nums[0].unit)}的年报。",
                f"No report has {metric_name(num_key, plan)} {'as a share of' if percent else 'per'} "
                f"{metric_name(den_key, plan)} {_bound_words(plan, 'percent' if percent else nums[0].unit)}."),
                value=0, unit="count")
    if plan.limit is not None and not bounded:  # "which agency has the highest share": rank the reports by their ratio
        usable.sort(key=lambda nd: nd[0].value / nd[1].value, reverse=plan.order == "desc")
        usable = usable[:plan.limit]
    items = [cell_item(n, index, value=round(n.value / d.value * scale, 2), unit=unit) for n, d in usable]
    value = round(sum(n.value for n, _ in usable) / sum(d.value for _, d in usable) * scale, 2) if usable else 0
    if plan.limit is not None:
        value = items[0].value
    nname = ("＋" if plan.language == "zh" else " + ").join(metric_name(key, plan) for key in num_keys)
    dname = ("＋" if plan.language == "zh" else " + ").join(metric_name(key, plan) for key in den_keys)
    parts = [f"{who(n, index)}: {fmt(n.value, n.unit, plan)} / {fmt(d.value, d.unit, plan)} = "
             f"{fmt(round(n.value / d.value * scale, 2), unit, plan)}" for n, d in usable]
    if percent and plan.part_of_whole and not bounded and any(n.value > d.value for n, d in usable):
        # "what fraction of all … cases": a part larger than its whole means the two figures read are not part and
        # whole, so the question was read wrongly; the figures are shown, no share is given as its answer
        return _finish(plan, cells, say(
            plan, f"我读到的两个数不是“部分与整体”：{nname}大于{dname}（{listed(parts, plan)}），不能作为占比回答，"
                  f"可能没读懂问题的基数。请写明“占什么的比例”。",
            f"The two figures I read are not a part and its whole: {nname} exceeds {dname} ({listed(parts, plan)}), "
            f"so no share is given; I may have misread what the base is. Please say what it is a share of."),
            status="no_data")
    head = say(plan, f"{nname}{'占' if percent else '除以'}{dname}{'的比例' if percent else ''}：{fmt(value, unit, plan)}。",
               f"{nname} {'as a share of' if percent else 'per'} {dname}: {fmt(value, unit, plan)}.")
    if bounded:
        value = len(usable)
        head = say(plan, f"{nname}{'占' if percent else '除以'}{dname}{_bound_words(plan, unit)}的年报有{len(usable)}份。",
                   f"{len(usable)} reports have {nname} {'as a share of' if percent else 'per'} {dname} "
                   f"{_bound_words(plan, unit)}.")
        return _finish(plan, cells, head + " " + listed(parts, plan), value=value, unit="count", items=items,
                       evidence=parts[:SHOW])
    if plan.limit is not None:
        top = usable[0][0]
        word = say(plan, "最高" if plan.order == "desc" else "最低", "highest" if plan.order == "desc" else "lowest")
        head = say(plan, f"{nname}占{dname}的比例{word}的是{who(top, index)}：{fmt(value, unit, plan)}。",
                   f"{who(top, index)} has the {word} {nname} {'share of' if percent else 'per'} {dname}: "
                   f"{fmt(value, unit, plan)}.")
    elif len(usable) > 1:
        head += say(plan, "（全部合计计算）", " (over all reports together)")
    return _finish(plan, cells, head + " " + listed(parts, plan), value=value, unit=unit, items=items,
                   evidence=parts[:SHOW])


def _ratio_gap(plan: Plan, usable, pairs, agencies, scale: float, percent: bool, index: NameIndex) -> Outcome:
    """Two agencies' ratios (per project, as a share), the first named less the second, each with its cells."""
    cells = [c for pair in pairs for c in pair]
    by_agency = []
    for agency in agencies[:2]:
        mine = [(n, d) for n, d in usable if n.report.id in {r.id for r in agency.reports}]
        by_agency.append(mine[0] if len(mine) == 1 else None)
    if len(agencies) != 2 or None in by_agency:
        return _finish(plan, cells, say(plan, "两个单位各需要一份可计算的年报，才能比较比值。",
                                        "Each of the two agencies needs one report the ratio can be computed from."),
                       status="no_data")
    unit = "percent" if percent else by_agency[0][0].unit
    (n1, d1), (n2, d2) = by_agency
    r1, r2 = round(n1.value / d1.value * scale, 2), round(n2.value / d2.value * scale, 2)
    gap = round(r1 - r2, 2)
    parts = [f"{who(n, index)}: {fmt(n.value, n.unit, plan)} / {fmt(d.value, d.unit, plan)} = {fmt(r, unit, plan)}"
             for (n, d), r in ((by_agency[0], r1), (by_agency[1], r2))]
    head = say(plan, f"前者比后者{'多' if gap >= 0 else '少'}{fmt(abs(gap), unit, plan)}。",
               f"The first is {'higher' if gap >= 0 else 'lower'} by {fmt(abs(gap), unit, plan)}.")
    return _finish(plan, [c for nd in by_agency for c in nd], head + " " + listed(parts, plan),
                   value=gap if plan.signed else abs(gap), unit=unit,
                   items=[cell_item(n, index, value=r, unit=unit) for (n, _), r in ((by_agency[0], r1), (by_agency[1], r2))],
                   evidence=parts)


def _against(plan: Plan, runner: Runner, index: NameIndex) -> Optional[Outcome]:
    """One figure as a percentage of the same figure elsewhere: of another agency (A相当于B的百分之几, the
    first named over the second) or of another year of one agency (2024 as a percentage of 2023, in the
    order the years are named). None when the question names neither pair."""
    key = plan.metrics[0]
    agencies = resolve_agencies(plan, index)
    if len(agencies) == 2:
        groups = agency_cells(plan, runner, agencies, key)
        if any(len(g) != 1 for g in groups):
            return None  # an agency with several reports in scope: which year is meant is not said
        num, den = groups[0][0], groups[1][0]
    else:
        from qa.changes import single_agency
        one = agencies[0] if len(agencies) == 1 else single_agency(plan, index)
        order = plan.year_order or plan.years
        if one is None or len(order) != 2:
            return None
        cells = {c.report.year: c for c in agency_cells(plan, runner, [one], key, latest_only=False)[0]}
        if order[0] not in cells or order[1] not in cells:
            return None
        num, den = cells[order[0]], cells[order[1]]
    cells_used = [num, den]
    if not (num.ok and den.ok) or den.value == 0:
        why = say(plan, "没有可计算比例的数据（或分母为0）。", "No data to compute the percentage from (or the base is 0).")
        return _finish(plan, cells_used, why, status="no_data")
    value = round(num.value / den.value * 100, 2)
    name = metric_name(key, plan)
    a, b = who(num, index), who(den, index)
    text = say(plan, f"{a}的{name}（{fmt(num.value, num.unit, plan)}）相当于{b}（{fmt(den.value, den.unit, plan)}）的"
                     f"{fmt(value, 'percent', plan)}。",
               f"{a}'s {name} ({fmt(num.value, num.unit, plan)}) is {fmt(value, 'percent', plan)} of {b}'s "
               f"({fmt(den.value, den.unit, plan)}).")
    return _finish(plan, cells_used, text, value=value, unit="percent",
                   items=[cell_item(num, index, value=value, unit="percent"), cell_item(den, index)],
                   evidence=[text])


def _of_all(plan: Plan, runner: Runner, index: NameIndex) -> Optional[Outcome]:
    """The named agencies' figure as a share of the same figure over every report in scope (what share of the
    2020 reports' combined procurement came from Wenquan; 温泉街道占全部采购金额的比例): their printed numbers
    over the scope's, the scope being the question's years, places and kinds without the agencies. None when no
    agency is named or the question names no whole to take the share of."""
    held = index.in_region(plan.region) if plan.region is not None and not plan.agencies else []
    if not plan.of_all or not (plan.agencies or len(held) == 1):  # (a place of one agency names that agency)
        return None
    key = plan.metrics[0]
    _, part_cells = _load_one(plan, runner, index, key)
    # (the place named beside an agency is the whole's: 温泉街道在福建省单位采购总额里占多少)
    keep = plan.agencies and plan.region is not None
    whole_plan = plan.model_copy(update={"agencies": [], "region": plan.region if keep else None,
                                         "more_regions": list(plan.more_regions) if keep else []})
    _, whole_cells = _load_one(whole_plan, runner, index, key)
    part, whole = [c for c in part_cells if c.ok], [c for c in whole_cells if c.ok]
    if not part or not whole or len({c.unit for c in whole}) > 1:
        return _finish(plan, part_cells + whole_cells, say(plan, "没有可计算比例的数据。", "No data to compute the share from."),
                       status="no_data")
    num, den = sum(c.value for c in part), sum(c.value for c in whole)
    if den == 0:
        return _finish(plan, whole_cells, say(plan, "全部年报的合计为0，无法计算比例。", "The total is 0: no share."),
                       status="no_data")
    value = round(num / den * 100, 2)
    name, unit = metric_name(key, plan), whole[0].unit
    where = _filter_words(whole_plan) or say(plan, "全部年报", "all reports")
    names = say(plan, "、".join(who(c, index) for c in part), ", ".join(who(c, index) for c in part))
    text = say(plan, f"{names}的{name}（{fmt(num, unit, plan)}）占{where}合计（{fmt(den, unit, plan)}，{len(whole)}份年报）"
                     f"的{fmt(value, 'percent', plan)}。",
               f"{names}'s {name} ({fmt(num, unit, plan)}) is {fmt(value, 'percent', plan)} of the total of {where} "
               f"({fmt(den, unit, plan)} over {len(whole)} reports).")
    return _finish(plan, whole_cells, text, shown=whole, value=value, unit="percent",
                   items=[cell_item(c, index) for c in part], evidence=[text])


def _added(groups: list[list[Cell]]) -> list[Cell]:
    """Per report, the cells of several figures added up into one (usable only if every part is); one
    figure: its cells as they are."""
    if len(groups) == 1:
        return groups[0]
    by_key = [{c.report.id: c for c in g} for g in groups]
    out = []
    for first in groups[0]:
        parts = [b.get(first.report.id) for b in by_key]
        if any(p is None or not p.ok for p in parts):
            why = next((p.why for p in parts if p is not None and p.why), None) or "a part of the sum is not a number"
            out.append(Cell(first.report, first.key, unit=first.unit, why=why, confidence=first.confidence))
            continue
        out.append(Cell(first.report, "+".join(p.key for p in parts), value=sum(p.value for p in parts),
                        unit=first.unit, guessed=[g for p in parts for g in p.guessed], confidence=first.confidence))
    return out


def picked(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """The figure asked of the report a ranking picks (for whichever agency received the most requests, how much did
    it spend?): the ranking by `plan.pick_by` first, then the asked figure of its first report, both with receipts."""
    ranked = rank(plan.model_copy(update={"metrics": [plan.pick_by], "pick_by": None, "limit": 1}), runner, index)
    if ranked.status != "answered" or not ranked.items:
        return ranked
    top = ranked.items[0]
    from qa.tables import lookup
    asked = lookup(plan.model_copy(update={
        "intent": "lookup", "pick_by": None, "limit": None, "offset": 0, "agencies": [top.label], "region": None,
        "more_regions": [], "organ": None, "organ_out": False, "agency_kind": None,
        "years": [top.year] if top.year else []}), runner, index)
    text = f"{ranked.text} {asked.text}"
    # (the items name the asked figure: the report's ranked cell is cited too, and comes first)
    items = [i.model_copy(update={"key": plan.metrics[0]}) for i in asked.items]
    return Outcome(status=asked.status, text=text, value=asked.value, unit=asked.unit, items=items,
                   citations=[*ranked.citations, *asked.citations], coverage=ranked.coverage,
                   evidence=[*ranked.evidence, *asked.evidence])


def metric_gap(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """Two figures of one scope, the first against the second (复议后起诉的比直接起诉的多几件, how many more
    requests were granted in full than in part): report by report, added up over the reports in scope. The
    size of the gap is the answer; the text says which figure is larger. Any cell not usable (blank, not
    read, failing its table's balance) leaves no gap to give: said, with the cell."""
    first, second = plan.metrics[:2]
    agencies = resolve_agencies(plan, index)
    miss = missing_year(plan, agencies) if agencies else None
    if miss:
        return miss
    if agencies:
        loaded = {k: [c for g in agency_cells(plan, runner, agencies, k) for c in g] for k in (first, second)}
    else:
        _, reports, loaded = _load(plan, runner, index, [first, second])
        if not reports:
            return _empty(plan)
    pairs = _pairs(loaded[first], loaded[second])
    cells = [c for pair in pairs for c in pair]
    bad = [c for c in cells if not c.ok]
    if not pairs or bad:
        return _unusable(plan, bad or cells, index)
    a, b = (round(sum(p[i].value for p in pairs), 2) for i in (0, 1))
    diff = round(abs(a - b), 2)
    na, nb = metric_name(first, plan), metric_name(second, plan)
    unit = pairs[0][0].unit
    hi, lo = (na, nb) if a >= b else (nb, na)
    where = "、".join(dict.fromkeys(who(p[0], index) for p in pairs))
    head = say(plan, f"{where}：{na}{fmt(a, unit, plan)}，{nb}{fmt(b, unit, plan)}，" + (
        f"{hi}比{lo}多{fmt(diff, unit, plan)}。" if a != b else "两者相同。"),
               f"{where}: {na} {fmt(a, unit, plan)}, {nb} {fmt(b, unit, plan)}; {hi} is higher by "
               f"{fmt(diff, unit, plan)}." if a != b else f"{where}: {na} {fmt(a, unit, plan)}, {nb} {fmt(b, unit, plan)}; "
               "they are equal.")
    if plan.boolean:  # were there more licensing decisions than penalty decisions?: yes / no, the gap as receipt
        yes = direction_holds(plan.boolean, a, b)
        return _finish(plan, cells, say(plan, "是。" if yes else "否。", "Yes. " if yes else "No. ") + head, value=yes,
                       items=[cell_item(c, index).model_copy(update={"key": c.key}) for pair in pairs for c in pair],
                       evidence=[head])
    if plan.signed:  # (A减去B, A minus B: the first less the second, with its sign)
        signed = round(a - b, 2)
        head += say(plan, f"{na}减{nb}：{fmt(signed, unit, plan)}。", f" {na} minus {nb}: {fmt(signed, unit, plan)}.")
    return _finish(plan, cells, head, value=round(a - b, 2) if plan.signed else diff, unit=unit,
                   items=[cell_item(c, index).model_copy(update={"key": c.key}) for pair in pairs for c in pair],
                   evidence=[head])


def _pairs(nums: list[Cell], dens: list[Cell]) -> list[tuple[Cell, Cell]]:
    by_report = {d.report.id: d for d in dens}
    return [(n, by_report[n.report.id]) for n in nums if n.report.id in by_report]

