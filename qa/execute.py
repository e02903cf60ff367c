"""Run a Plan: refusals first (unknown names, years not in the data, topics the reports lack), then the route."""
from __future__ import annotations

from typing import Callable, Optional

from qa import consistency, groups, meta, passages, ranking, tables
from qa.lexicon import known_keys
from qa.models import Plan, direction_holds
from qa.names import NameIndex
from qa.outcome import Outcome, ambiguous_outcome, no_data, say
from qa.passages import PassageSearch
from qa.sql import Runner

TABLE = {"lookup": tables.lookup, "compare": tables.compare, "trend": tables.trend, "difference": tables.difference,
         "rank": ranking.rank, "aggregate": ranking.several_metrics, "ratio": ranking.ratio}
ROUTES = {"meta": "meta", "quality": "meta", "passages": "passages", "mentions": "passages"}


def route_of(plan: Plan) -> str:
    return ROUTES.get(plan.intent, "table")


def refusal(plan: Plan, index: NameIndex, runner: Optional[Runner] = None) -> Optional[Outcome]:
    route = route_of(plan)
    if plan.ambiguous:
        out = ambiguous_outcome(plan, plan.ambiguous)
        out.route = route
        return out
    if plan.unknown:
        names = "、".join(f"“{u}”" for u in plan.unknown)
        n = len(index.agencies)
        return no_data(plan, f"数据库中没有{names}的年报（现有{n}个单位），无法回答。",
                       f"{', '.join(plan.unknown)} is not in the database ({n} agencies are), so this cannot be answered.",
                       route=route)
    if plan.intent == "unsupported":
        topic = plan.refusal if plan.refusal and plan.refusal != "unknown figure" else None
        stated = (passages.stated_figure(plan, runner, index)
                  if topic is None and plan.terms and runner is not None else None)
        if stated is not None:
            return stated
        if topic is None and plan.terms:
            # words of a figure the tables lack, looked for in the text of the reports in scope and not found: said
            # so, with the year asked when the store holds no report of it
            known = index.years()
            missing = [y for y in plan.years if y not in known]
            if missing:
                return _no_report_of(plan, missing, known, route)
            words = "、".join(g[0] for g in plan.terms if g)
            return no_data(plan, f"统计表中没有这一项，所查年报的正文中也没有写明“{words}”的数字。",
                           f"No table holds this, and the text of the reports in scope states no figure for "
                           f"“{words}”.", route=route)
        scope_zh = "（年报只统计主动公开、依申请公开、行政复议和诉讼情况）"
        scope_en = "they only count proactive disclosure, disclosure requests and reviews/lawsuits"
        if topic:
            return no_data(plan, f"政府信息公开年报不包含“{topic}”这类数据{scope_zh}，无法回答。",
                           f"The disclosure reports do not contain the {topic}: {scope_en}, so this cannot be answered.",
                           route=route)
        return no_data(plan, f"看不出这个问题要查年报中的哪项数据或内容{scope_zh}，无法回答。",
                       f"I cannot tell which figure or passage of the reports this asks about ({scope_en}), so it "
                       "cannot be answered.", route=route)
    known = index.years()
    if plan.years and known and not set(plan.years) & set(known) and plan.meta != "held":  # (held: a plain no)
        return _no_report_of(plan, plan.years, known, route)
    if plan.intent in TABLE:
        bad = [m for m in plan.metrics if m not in known_keys()]
        if not plan.metrics or bad:
            return no_data(plan, "没能确定问的是年报中的哪一项数据，请换个说法（例如“收到多少件申请”“政府集中采购金额”）。",
                           "I could not tell which figure of the reports is meant; try e.g. 'requests received' "
                           "or 'procurement amount'.", route=route)
    return None


def execute(plan: Plan, runner: Runner, index: NameIndex, search: Callable[[], PassageSearch]) -> Outcome:
    refused = refusal(plan, index, runner)
    if refused is not None:
        return refused
    if plan.places_compared:
        out = _places_compared(plan, runner, index, search)
    elif plan.from_text and plan.intent in ("lookup", "aggregate", "difference") and len(plan.metrics) == 1 \
            and not plan.aggregate \
            in ("count", "avg", "median", "range") and not plan.metrics[0].endswith(".amount"):
        out = consistency.stated_in_text(plan, runner, index)
    elif plan.pick_by and plan.intent == "rank":
        out = ranking.picked(plan, runner, index)
    elif plan.group_by is not None and plan.intent == "aggregate":
        out = groups.grouped(plan, runner, index)
    elif plan.intent in TABLE:
        out = TABLE[plan.intent](plan, runner, index)
    elif plan.intent == "meta":
        out = meta.meta(plan, runner, index)
    elif plan.intent == "quality":
        out = consistency.check(plan, runner, index) if plan.check else meta.quality(plan, runner, index)
    elif plan.intent == "mentions":
        out = passages.mentions(plan, runner, index, None)
    else:
        out = passages.passages(plan, search(), index, runner)
    if plan.check_threshold:
        _yes_no(plan, out)
    if (plan.list_agencies or plan.each_agency_once) and not plan.check_threshold and plan.aggregate != "count":
        _each_agency_once(out)  # (a count of agencies lists every report's figure as its breakdown: all kept)
    if plan.list_years and out.status == "answered" and any(i.year for i in out.items):
        out = _as_years(plan, out)
    out.route = route_of(plan) if out.route != "meta" or plan.intent in ("meta", "quality") else out.route
    if out.status == "answered" and not out.text:
        out.text = say(plan, "（无结果）", "(no result)")
    return out


def _as_years(plan: Plan, out: Outcome) -> Outcome:
    """Which years (fail a check, lack a table): the distinct years of the reports found, the reports said after."""
    from qa.models import Item
    years = sorted({i.year for i in out.items if i.year})
    head = say(plan, f"年份：{'、'.join(str(y) for y in years)}。", f"Years: {', '.join(str(y) for y in years)}. ")
    out.items = [Item(label=str(y), value=y) for y in years]
    # (one year found is the answer itself, 2023; several are counted)
    out.value, out.unit = (str(years[0]), None) if len(years) == 1 else (len(years), "count")
    out.text = head + out.text
    return out


def _no_report_of(plan: Plan, years: list[int], known: list[int], route: str) -> Outcome:
    """No report of `years` in the store: said, with the years it holds."""
    asked, have = "、".join(map(str, years)), "、".join(map(str, known))
    return no_data(plan, f"数据库中没有{asked}年的年报（现有年份：{have}），无法回答。",
                   f"There is no report for {asked} in the database (years: {have}).", route=route)


def _places_compared(plan: Plan, runner: Runner, index: NameIndex, search) -> Outcome:
    """Is the first place's total (its reports added up) higher (`more`) or lower (`less`) than the second's?
    Each total is the plain sum of that place, with its own receipts; a place with no usable figure answers
    nothing."""
    plain = {"intent": "aggregate", "aggregate": "sum", "boolean": None, "places_compared": False,
             "versus_group": False, "check_threshold": False}
    if plan.versus_group:  # the agency named, then the kind's reports (the agency itself left out of their total;
        # an average of the kind is of all of them, the agency's own report too: 比四家统计局的平均数高吗)
        avg = plan.aggregate == "avg" or plan.group_whole
        sides = [plan.model_copy(update={**plain, "organ": None, "agency_kind": None}),
                 plan.model_copy(update={**plain, "aggregate": plan.aggregate or "sum", "agencies": [], "region": None,
                                         "more_regions": [],
                                         "agencies_out": [*plan.agencies_out, *([] if avg else plan.agencies)]})]
    else:
        sides = [plan.model_copy(update={**plain, "region": place, "more_regions": []})
                 for place in [plan.region, *plan.more_regions]]
    totals: list[Outcome] = []
    for sub in sides:
        out = execute(sub, runner, index, search)
        if out.status != "answered" or not isinstance(out.value, (int, float)) or isinstance(out.value, bool):
            return out  # that place's total cannot be given: said as the sum would say it
        totals.append(out)
    out_a, out_b = totals
    yes = direction_holds(plan.boolean, out_a.value, out_b.value)
    verdict = say(plan, "是。" if yes else "否。", "Yes. " if yes else "No. ")
    # (an agency inside the group it is held against: its cell is listed once, not once for each side)
    seen = {(i.report, i.key, i.value) for i in out_a.items}
    items = out_a.items + [i for i in out_b.items if (i.report, i.key, i.value) not in seen]
    return Outcome(status="answered", value=yes, route="table",
                   text=f"{verdict}{out_a.text} {out_b.text}",
                   citations=out_a.citations + out_b.citations, items=items,
                   coverage=out_a.coverage.model_copy(update={
                       "used": out_a.coverage.used + [u for u in out_b.coverage.used if u not in out_a.coverage.used],
                       "skipped": out_a.coverage.skipped + out_b.coverage.skipped}))


def _each_agency_once(out: Outcome) -> None:
    """A list of agencies names each agency once (its first, best-placed report stands for it); the text keeps
    every report's line."""
    seen: set[str] = set()
    kept = []
    for item in out.items:
        if item.label in seen:
            continue
        seen.add(item.label)
        kept.append(item)
    out.items = kept


def _yes_no(plan: Plan, out: Outcome) -> None:
    """A yes/no against a threshold (有没有超过10万元, more than 50 in 2024?): the figure found decides."""
    if out.status != "answered" or isinstance(out.value, bool) or not isinstance(out.value, (int, float)):
        return
    if plan.aggregate == "count":  # is there any report above the threshold: the count of those says
        yes = out.value > 0
        out.value, out.unit = yes, None
        out.text = say(plan, "是。" if yes else "否。", "Yes. " if yes else "No. ") + out.text
        return
    if len({i.report for i in out.items if i.report}) > 1 and plan.aggregate != "sum":
        return  # several figures: the listing answers, not one yes/no (a sum is one figure)
    from qa.ranking import within

    yes = within(plan, float(out.value))
    out.value, out.unit = yes, None
    out.text = say(plan, "是。" if yes else "否。", "Yes. " if yes else "No. ") + out.text
