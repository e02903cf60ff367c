"""Questions about the data itself: which agencies / years / regions / templates / reports, and data quality."""
from __future__ import annotations

import json

from qa.cells import scope_reports
from qa.lexicon import member_rows
from qa.models import Citation, Coverage, Item, Plan
from qa.names import NameIndex, ReportInfo, region_matches
from qa.outcome import Outcome, metric_name, say
from qa.reading import KIND_LABELS
from qa.sql import Runner, Scope, reports_sql


def _label(index: NameIndex, r: ReportInfo) -> str:
    agency = index.by_report(r.id)
    return agency.label if agency else (r.agency_full or r.agency or r.file)


def meta(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    kind = plan.meta or "agencies"
    if kind == "held":
        return _held(plan, runner, index)
    if kind == "in_region":
        return _in_region(plan, index)
    # a template asked about (…用的是2021版的模板吗？) does not narrow which reports are looked at
    chosen = plan.model_copy(update={"template": None}) if kind == "template_check" else plan
    scope = Scope.of(chosen, _agency_ids(chosen, index))  # 洪泽区政府用的是哪个版本的模板？ : that agency only
    sql, params = reports_sql(scope)
    reports = [ReportInfo(*tuple(row)) for row in runner.rows(sql, params)]
    if kind == "missing_metric" and plan.metrics:
        return _missing_metric(plan, runner, index, scope, reports)
    if not reports:
        return Outcome(status="no_data", route="meta",
                       text=say(plan, "数据库中没有符合条件的年报。", "No report in the database matches."))
    if kind == "template_check":
        return _template_check(plan, index, reports)
    if kind == "published":
        return _published(plan, runner, index, reports)
    if kind == "years":
        years = sorted({r.year for r in reports if r.year})
        items = [Item(label=str(y), value=y, year=y) for y in years]  # the items are what is listed: the years
        text = say(plan, f"数据库中的年报年份：{'、'.join(map(str, years))}。",
                   f"Report years in the database: {', '.join(map(str, years))}.")
        # (which year does the Erqi bureau's report cover: one year, the answer itself)
        return Outcome(status="answered", text=text, items=items, route="meta",
                       value=years[0] if len(years) == 1 else None)
    if kind == "templates":
        items = [Item(label=_label(index, r), report=r.id, value=r.template, year=r.year, file=r.file) for r in reports]
        text = "；".join(f"{i.label}（{i.year}）: {i.value}" for i in items)
        return Outcome(status="answered", route="meta", items=items,
                       text=say(plan, f"各年报的模板版本：{text}。", f"Template version of each report: {text}."))
    if kind == "regions":
        # at the level asked (which provinces: the provinces), else each report's whole place
        depth = {"province": 1, "city": 2}.get(plan.group_by or "", 3)
        word_zh, word_en = {1: ("省份", "Provinces"), 2: ("城市", "Cities")}.get(depth, ("地区", "Regions"))
        # (at a level asked, each place by its own name: 宁波市, not 浙江省 宁波市)
        regions = sorted({" ".join(p for p in (r.province, r.city, r.county) if p) if depth == 3 else
                          ((r.province, r.city)[depth - 1] or "") for r in reports} - {""})
        if set(plan.groups) == {"province", "city"}:  # 属于哪个省哪个市: the province, then the city, each an item
            regions = list(dict.fromkeys(x for r in reports for x in (r.province, r.city) if x))
        return Outcome(status="answered", route="meta", items=[Item(label=x) for x in regions],
                       text=say(plan, f"{'、'.join(plan.agencies)}所在的{word_zh}：{'；'.join(regions)}。",
                                f"{word_en} of {', '.join(plan.agencies)}: {'; '.join(regions)}.") if plan.agencies else
                       say(plan, f"涉及的{word_zh}：{'；'.join(regions)}。", f"{word_en}: {'; '.join(regions)}."))
    if kind == "reports":
        items = [Item(label=_label(index, r), report=r.id, value=r.year, year=r.year, file=r.file) for r in reports]
        listing = "；".join(f"{i.label}（{i.year}，{i.file}）" for i in items)
        return Outcome(status="answered", route="meta", items=items, value=len(items), unit="count",
                       text=say(plan, f"符合条件的年报共{len(items)}份：{listing}。", f"{len(items)} reports: {listing}."))
    return _agencies(plan, index, reports, count_only=kind == "count")


UNDATED = "none"  # `plan.published` when the question asks which reports print no date
DATED = "some"  # … how many print one
EARLIEST, LATEST = "earliest", "latest"  # … which was published first (last)


def _published(plan: Plan, runner: Runner, index: NameIndex, reports: list[ReportInfo]) -> Outcome:
    """When each report was published (the date it is signed with); yes / no when the question states a
    date, to the precision it states it (January 2021 → 2021-01)."""
    rows = runner.rows("SELECT r.id, r.published FROM reports AS r WHERE r.id IN (SELECT value FROM json_each(:ids))",
                       {"ids": json.dumps([r.id for r in reports])})
    dates = {row["id"]: row["published"] for row in rows}
    items = [Item(label=_label(index, r), report=r.id, value=dates.get(r.id), year=r.year, file=r.file) for r in reports]
    listing = say(plan, "；".join(f"{i.label}（{i.year}）：{i.value or '报告未写明发布日期'}" for i in items),
                  "; ".join(f"{i.label} ({i.year}): {i.value or 'no date printed'}" for i in items))
    cites = [Citation(file=i.file, report=i.report) for i in items if i.value]
    if plan.published == DATED and plan.yes_no:
        # 鄞州区统计局的报告有没有落款日期？ / does its report carry a date?: yes when every report in scope prints one
        yes = bool(items) and all(i.value for i in items)
        return Outcome(status="answered", route="meta", items=items, value=yes, citations=cites,
                       text=say(plan, "我理解为：年报是否写明了发布（落款）日期。\n" + ("是。" if yes else "否。") + listing + "。",
                                "I read this as: does the report print a publication (signature) date?\n"
                                + ("Yes. " if yes else "No. ") + listing + "."))
    if plan.published == DATED:  # how many reports print a date: those, each with its date, earliest first
        dated = sorted((i for i in items if i.value), key=lambda i: str(i.value))
        names = "；".join(f"{i.label}（{i.year}）：{i.value}" for i in dated)
        head = (say(plan, "我理解为：有多少份年报写明了发布（落款）日期。", "I read this as: how many reports print a "
                    "publication (signature) date.") if plan.wants_number else
                say(plan, "我理解为：哪些年报写明了发布（落款）日期，按日期从早到晚。", "I read this as: which reports print a "
                    "publication (signature) date, earliest first."))
        return Outcome(status="answered", route="meta", items=dated, value=len(dated), unit="count", citations=cites,
                       text=head + say(plan, f"\n{len(items)}份年报中有{len(dated)}份{'：' + names if dated else ''}。",
                                       f"\n{len(dated)} of {len(items)} reports{': ' + names if dated else ''}."))
    if plan.published == UNDATED:  # which reports print no date: those listed, each by its file
        undated = [i for i in items if not i.value]
        # which agencies: counted once each (execute's _each_agency_once keeps one item per agency; the text
        # still names every report)
        n = len({i.label for i in undated}) if plan.list_agencies else len(undated)
        names = say(plan, "；".join(f"{i.label}（{i.year}，{i.file}）" for i in undated),
                    "; ".join(f"{i.label} ({i.year}, {i.file})" for i in undated))
        return Outcome(status="answered", route="meta", items=undated, value=n, unit="count",
                       text=say(plan, f"我理解为：哪些年报没有写明发布（落款）日期。\n"
                                      + (f"{n}个单位、" if plan.list_agencies else "")
                                      + f"共{len(undated)}份{'：' + names if undated else ''}。（共查看{len(items)}份年报。）",
                                f"I read this as: which reports print no publication (signature) date.\n"
                                + (f"{n} agencies, " if plan.list_agencies else "")
                                + f"{len(undated)} of {len(items)} reports{': ' + names if undated else ''}."))
    if plan.published in (EARLIEST, LATEST):  # the first (last) dated; the reports with no date named, not guessed
        dated = sorted((i for i in items if i.value), key=lambda i: str(i.value), reverse=plan.published == LATEST)
        top = [i for i in dated if dated and i.value == dated[0].value]
        undated = [i for i in items if not i.value]
        which = ("最早", "earliest") if plan.published == EARLIEST else ("最晚", "latest")
        head = say(plan, f"我理解为：按发布（落款）日期，哪份年报{which[0]}。",
                   f"I read this as: which report has the {which[1]} publication (signature) date.")
        if not top:
            return Outcome(status="no_data", route="meta", items=items, text=head + "\n" + say(
                plan, f"无法判断：{listing}。", f"Cannot tell: {listing}."))
        names = say(plan, "、".join(f"{i.label}（{i.year}）" for i in top), ", ".join(f"{i.label} ({i.year})" for i in top))
        missing = say(plan, f"（{len(undated)}份年报未写明日期，未参与比较：" + "；".join(f"{i.label}（{i.year}）" for i in undated)
                      + "。）", f" ({len(undated)} reports print no date and are not compared: "
                      + "; ".join(f"{i.label} ({i.year})" for i in undated) + ".)") if undated else ""
        return Outcome(status="answered", route="meta", items=top + [i for i in dated if i not in top],
                       citations=[c for c in cites if c.report in {i.report for i in top}],
                       text=head + "\n" + say(plan, f"{names}，{top[0].value}。", f"{names}, {top[0].value}.") + missing)
    if plan.published is None and plan.boolean and len(plan.agencies) == 2:
        return _earlier(plan, items, cites, listing)
    if plan.published is None:
        if items and not any(i.value for i in items):  # (when was it signed: no report asked prints a date)
            return Outcome(status="no_data", route="meta", items=items, text=say(
                plan, f"年报没有写明发布（落款）日期：{listing}。", f"The report prints no publication (signature) date: {listing}."))
        if len(items) == 1 and items[0].value:  # when was it published: the date is what is listed
            items = [items[0].model_copy(update={"label": str(items[0].value)})]
        return Outcome(status="answered", route="meta", items=items, citations=cites,
                       value=items[0].value if len(items) == 1 else None,
                       text=say(plan, f"年报的发布（落款）日期：{listing}。", f"Publication (signature) date: {listing}."))
    known = [i for i in items if i.value]
    head = say(plan, f"我理解为：年报是否在{plan.published}发布。", f"I read this as: was the report published in {plan.published}?")
    if plan.boolean in ("less", "more"):
        which = ("早于", "before") if plan.boolean == "less" else ("晚于", "after")
        head = say(plan, f"我理解为：年报的发布（落款）日期是否{which[0]}{plan.published}。",
                   f"I read this as: is the report's publication (signature) date {which[1]} {plan.published}?")
    if not known:
        return Outcome(status="no_data", route="meta", items=items, text=head + "\n" + say(
            plan, f"无法判断：{listing}。", f"Cannot tell: {listing}."))
    if plan.boolean in ("less", "more"):  # before / after the date stated, to the precision it is stated in
        if len(known) < len(items):
            return Outcome(status="no_data", route="meta", items=items, text=head + "\n" + say(
                plan, f"无法判断（有年报未写明日期）：{listing}。", f"Cannot tell (a report prints no date): {listing}."))
        cut = len(plan.published)
        yes = all((str(i.value)[:cut] < plan.published) if plan.boolean == "less" else (str(i.value)[:cut] > plan.published)
                  for i in known)
    else:
        yes = all(str(i.value).startswith(plan.published) for i in known)
    return Outcome(status="answered", route="meta", items=items, citations=cites, value=yes,
                   text=head + "\n" + say(plan, f"{'是' if yes else '否'}。发布（落款）日期：{listing}。",
                                          f"{'Yes' if yes else 'No'}. Publication (signature) date: {listing}."))


def _earlier(plan: Plan, items: list[Item], cites: list[Citation], listing: str) -> Outcome:
    """Yes / no: the first named agency's report is dated earlier (`less`) or later (`more`) than the second's."""
    first, second = ([i for i in items if i.label == name] for name in plan.agencies)
    head = say(plan, f"我理解为：{plan.agencies[0]}的年报落款日期是否比{plan.agencies[1]}的"
                     f"{'早' if plan.boolean == 'less' else '晚'}。",
               f"I read this as: is {plan.agencies[0]}'s report dated {'earlier' if plan.boolean == 'less' else 'later'} "
               f"than {plan.agencies[1]}'s?")
    if len(first) != 1 or len(second) != 1 or not first[0].value or not second[0].value:
        return Outcome(status="no_data", route="meta", items=items, text=head + "\n" + say(
            plan, f"无法判断（需要两份年报都写明日期）：{listing}。", f"Cannot tell (both reports must print a date): {listing}."))
    a, b = str(first[0].value), str(second[0].value)
    yes = a < b if plan.boolean == "less" else a > b
    return Outcome(status="answered", route="meta", items=items, citations=cites, value=yes,
                   text=head + "\n" + say(plan, f"{'是' if yes else '否'}。发布（落款）日期：{listing}。",
                                          f"{'Yes' if yes else 'No'}. Publication (signature) date: {listing}."))


def _in_region(plan: Plan, index: NameIndex) -> Outcome:
    """Yes / no: every agency named is of the place named (its reports' province, city, county)."""
    agencies = [a for name in plan.agencies for a in index.resolve(name)]
    place = plan.region.label() if plan.region is not None else ""
    who = "、".join(a.label for a in agencies)
    head = say(plan, f"我理解为：{who}是否属于{place}。", f"I read this as: is {who} in {place}?")
    if not agencies or plan.region is None:
        return Outcome(status="no_data", route="meta", text=head + "\n" + say(plan, "无法判断。", "Cannot tell."))
    yes = all(any(region_matches(plan.region, r) for r in a.reports) for a in agencies)
    where = "；".join(f"{a.label}：{' '.join(p for p in (a.latest.province, a.latest.city, a.latest.county) if p)}"
                     for a in agencies)
    items = [Item(label=a.label, report=a.latest.id, year=a.latest.year, file=a.latest.file) for a in agencies]
    return Outcome(status="answered", route="meta", items=items, value=yes,
                   text=head + "\n" + say(plan, f"{'是' if yes else '否'}。所在地区：{where}。",
                                          f"{'Yes' if yes else 'No'}. Where: {where}."))


def _held(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """Yes / no: the store holds a report of the year(s) asked for the agency or place named; which it holds."""
    every = plan.model_copy(update={"years": []})
    sql, params = reports_sql(Scope.of(every, _agency_ids(every, index)))
    reports = [ReportInfo(*tuple(row)) for row in runner.rows(sql, params)]
    asked = sorted(set(plan.years))
    who = "、".join(plan.agencies) or (plan.region.label() if plan.region is not None else "")
    if not who:
        return _held_any(plan, index, reports)
    head = say(plan, f"我理解为：数据库里是否有{who}{'、'.join(map(str, asked))}年的年报。",
               f"I read this as: does the database hold a {'/'.join(map(str, asked))} report of {who}?")
    if not reports:
        return Outcome(status="no_data", route="meta", text=head + "\n" + say(
            plan, f"数据库中没有{who}的年报。", f"The database holds no report of {who}."))
    held = [r for r in reports if r.year in asked]
    items = [Item(label=_label(index, r), report=r.id, year=r.year, file=r.file) for r in reports]  # (no value: the
    listing = "；".join(f"{i.label}（{i.year}，{i.file}）" for i in items)                           # year is its year)
    yes = len({r.year for r in held}) == len(asked)
    return Outcome(status="answered", route="meta", items=items, value=yes,
                   citations=[Citation(file=r.file, report=r.id) for r in held],
                   text=head + "\n" + say(plan, f"{'是' if yes else '否'}。数据库中的年报：{listing}。",
                                          f"{'Yes' if yes else 'No'}. Reports held: {listing}."))


def _held_any(plan: Plan, index: NameIndex, reports: list[ReportInfo]) -> Outcome:
    """Yes / no: the store holds a report of each year asked (of the kind asked, if one is): is there a report for
    2023 in the database? The reports of those years are listed."""
    held = [r for r in reports if r.year in plan.years]
    items = [Item(label=_label(index, r), report=r.id, year=r.year, file=r.file) for r in held]
    listing = "；".join(f"{i.label}（{i.year}，{i.file}）" for i in items)
    yes = {r.year for r in held} == set(plan.years)
    years = "、".join(map(str, sorted(set(plan.years))))
    kind_zh, kind_en = KIND_LABELS.get(plan.agency_kind or "", ("", ""))  # (is there a street office report for 2019?)
    head = say(plan, f"我理解为：数据库里是否有{years}年的{kind_zh}年报。",
               f"I read this as: does the database hold a {years} report{' of ' + kind_en if kind_en else ''}?")
    found = say(plan, f"数据库中符合的年报：{listing}。" if items else "数据库中没有这样的年报。",
                f"Reports held: {listing}." if items else "No such report is held.")
    return Outcome(status="answered", route="meta", items=items, value=yes,
                   citations=[Citation(file=r.file, report=r.id) for r in held],
                   text=head + "\n" + say(plan, f"{'是' if yes else '否'}。", f"{'Yes' if yes else 'No'}. ") + found)


def _template_check(plan: Plan, index: NameIndex, reports: list[ReportInfo]) -> Outcome:
    """Yes / no: the reports the question names are of the template it names."""
    items = [Item(label=_label(index, r), report=r.id, value=r.template or "2019", year=r.year, file=r.file)
             for r in reports]
    verdict = all(i.value == plan.template for i in items)
    listing = "；".join(f"{i.label}（{i.year}）: {i.value}" for i in items)
    text = say(plan, f"{'是' if verdict else '否'}。各年报的模板版本：{listing}。",
               f"{'Yes' if verdict else 'No'}. Template version of each report: {listing}.")
    return Outcome(status="answered", route="meta", value=verdict, items=items, text=text)


def _agencies(plan: Plan, index: NameIndex, reports: list[ReportInfo], count_only: bool) -> Outcome:
    items: list[Item] = []
    for r in sorted(reports, key=lambda r: -(r.year or 0)):
        label = _label(index, r)
        if not any(i.label == label for i in items):
            years = sorted({x.year for x in reports if _label(index, x) == label and x.year})
            items.append(Item(label=label, report=r.id, value="、".join(map(str, years)), year=r.year, file=r.file))
    items.sort(key=lambda i: reports.index(next(r for r in reports if r.id == i.report)))
    listing = "；".join(f"{i.label}（{i.value}）" for i in items)
    text = say(plan, f"共{len(items)}个单位：{listing}。", f"{len(items)} agencies: {listing}.")
    if count_only:
        return Outcome(status="answered", route="meta", text=text, items=items, value=len(items), unit="count")
    return Outcome(status="answered", route="meta", text=text, items=items)


def _missing_metric(plan: Plan, runner: Runner, index: NameIndex, scope: Scope,
                    reports: list[ReportInfo]) -> Outcome:
    from qa.cells import fetch_cells

    key = plan.metrics[0]
    cells = fetch_cells(runner, [key], scope, reports)[key] if reports else []
    lacking = [c for c in cells if not c.ok]
    from qa.outcome import why_zh

    # the reason in the question's language (a Chinese answer said "2021 template has no … table"); asked for
    # agencies (哪些单位, which agencies), an agency lacking it in several reports is named once, with their years
    items: list[Item] = []
    years: dict[int, list[int]] = {}  # item → the years of its reports
    for c in lacking:
        why = (why_zh(c.why, c.key) or c.why) if plan.language == "zh" else c.why
        label = _label(index, c.report)
        same = next((i for i in items if i.label == label and i.value == why), None) \
            if plan.list_agencies or plan.each_agency_once else None
        if same is not None:
            years[id(same)].append(c.report.year)
            continue
        items.append(Item(label=label, report=c.report.id, value=why, year=c.report.year, file=c.report.file))
        years[id(items[-1])] = [c.report.year]
    span = {id(i): "、".join(str(y) for y in years[id(i)]) for i in items}
    name = metric_name(key, plan)
    listing = say(plan, "；".join(f"{i.label}（{span[id(i)]}）：{i.value}" for i in items),
                  "; ".join(f"{i.label} ({span[id(i)].replace('、', ', ')}): {i.value}" for i in items))
    reports = sum(len(v) for v in years.values())
    text = say(plan, f"缺少{name}的年报共{reports}份" + (f"：{listing}。" if items else "。"),
               f"{reports} reports without {name}" + (f": {listing}." if items else "."))
    return Outcome(status="answered", route="meta", text=text, items=items, value=reports, unit="count")


QUALITY_RULES = {"balance": ("R1", "R2", "R3", "R4"), "narrative": ("narrative",),
                 "unreadable": ("unreadable",), "guessed_units": ("unit_guess",)}
TABLE_RULES = {"requests": ("R1", "R2", "R3"), "review": ("R4",)}


def _rules(plan: Plan, kind: str):
    """The rules of the asked kind, narrowed to the table the question names (申请表 -> R1-R3, 复议 -> R4)."""
    rules = QUALITY_RULES.get(kind)
    tables = {m.split(".")[0] for m in plan.metrics} & set(TABLE_RULES)
    if kind == "balance" and tables:
        return tuple(r for t in sorted(tables) for r in TABLE_RULES[t])
    return rules


def quality(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    scope = Scope.of(plan, _agency_ids(plan, index))
    reports = scope_reports(runner, scope)
    kind = plan.quality or "all"
    clauses, params = scope.where()
    rules = _rules(plan, kind)
    if rules:
        clauses.append(f"fi.rule IN ({', '.join(f':rule{i}' for i in range(len(rules)))})")
        params.update({f"rule{i}": r for i, r in enumerate(rules)})
    sql = ("SELECT fi.report_id, r.file, fi.rule, fi.message, fi.cells, fi.expected, fi.printed, fi.line\n"
           "FROM findings AS fi\nJOIN reports AS r ON r.id = fi.report_id"
           + (f"\nWHERE {' AND '.join(clauses)}" if clauses else "") + "\nORDER BY r.file, fi.rule")
    rows = list(runner.rows(sql, params)) if kind != "blank" else []  # (blank cells are facts, not findings)
    listed = {(r["report_id"], k) for r in rows for k in json.loads(r["cells"] or "[]")}
    extra = [e for e in _cell_findings(plan, runner, scope, kind)
             if (e["report_id"], json.loads(e["cells"])[0]) not in listed]  # a finding already listed once
    by_id = {r.id: r for r in reports}
    items, cites = [], []
    found = rows + extra
    if plan.metrics and kind in ("guessed_units", "unreadable"):  # the figure named: its own cell's findings
        found = [row for row in found if set(json.loads(row["cells"] or "[]")) & set(plan.metrics)]
    for row in found:
        rep = by_id.get(row["report_id"])
        if rep is None:
            continue
        label = _label(index, rep)
        item = next((i for i in items if i.report == rep.id), None)
        if item is None:
            items.append(Item(label=label, report=rep.id, value=row["message"], year=rep.year, file=rep.file))
        elif row["message"] not in str(item.value):
            item.value = f"{item.value}; {row['message']}"  # every finding of the report, not just its first
        cells = json.loads(row["cells"] or "[]") if isinstance(row["cells"], str) else []
        cites.append(Citation(file=rep.file, report=rep.id, key=cells[0] if cells else None,
                              raw=str(row["printed"]) if row["printed"] is not None else None, line=row["line"]))
    span = f"{rules[0]}–{rules[-1]}" if rules and len(rules) > 1 else (rules[0] if rules else "")
    what = {"balance": (f"勾稽关系校验（{span}）", f"balance checks ({span})"),
            "narrative": ("正文与表格一致性", "narrative-vs-table checks"),
            "unreadable": ("无法识别的单元格", "unreadable cells"),
            "guessed_units": ("推测单位", "guessed units"),
            "blank": ("空白（印刷为空）单元格", "blank cells"),
            "all": ("数据质量问题", "data-quality findings")}[kind]
    if plan.yes_no and reports:
        return _yes_no(plan, reports, items, cites, what)
    if plan.passed:  # the question asks for the reports that pass: the others, named as such
        return _passing(plan, reports, items, index, what)
    if plan.findings_counted:
        return _findings_counted(plan, found, by_id, index, cites, what)
    if not items:
        text = say(plan, f"{len(reports)}份年报中没有发现{what[0]}方面的问题。",
                   f"None of the {len(reports)} reports has {what[1]} findings.")
    else:
        listing = "；".join(f"{i.label}（{i.year}）：{i.value}" for i in items)
        problem = "" if what[0].endswith("问题") else "问题"
        text = say(plan, f"有{len(items)}份年报存在{what[0]}{problem}：{listing}。",
                   f"{len(items)} reports have {what[1]} findings: {listing}.")
    return Outcome(status="answered", route="meta", text=text, items=items, citations=cites,
                   value=len(items), unit="count")


def _findings_counted(plan: Plan, found: list, by_id: dict, index: NameIndex, cites: list[Citation],
                      what: tuple[str, str]) -> Outcome:
    """How many findings (groups that fail a check, 几组对不上), not how many reports have one: each finding of the
    reports in scope, of the rows the question names if it names any."""
    rows = {".".join(m.split(".")[:2]) for m in plan.metrics}
    rows |= {member for r in rows for member in member_rows(r)}  # (诉讼: each kind of lawsuit)
    mine = [f for f in found if f["report_id"] in by_id and (not rows or any(
        ".".join(k.split(".")[:2]) in rows for k in json.loads(f["cells"] or "[]")))]
    seen = list(dict.fromkeys((f["report_id"], f["message"]) for f in mine))
    detail = "；".join(f"{_label(index, by_id[r])}（{by_id[r].year}）：{m}" for r, m in seen)
    text = say(plan, f"共{len(seen)}处{what[0]}问题" + (f"：{detail}。" if seen else "。"),
               f"{len(seen)} {what[1]} findings" + (f": {detail}." if seen else "."))
    keep = {r for r, _ in seen}
    return Outcome(status="answered", route="meta", text=text, value=len(seen), unit="count",
                   items=[Item(label=_label(index, by_id[r]), report=r, value=m, year=by_id[r].year, file=by_id[r].file)
                          for r, m in seen], citations=[c for c in cites if c.report in keep])


def _yes_no(plan: Plan, reports: list, found: list[Item], cites: list[Citation], what: tuple[str, str]) -> Outcome:
    """Yes / no: the named report has a finding of the kind asked (or, asked from the side of passing — is
    the unit printed? — has none)."""
    yes = not found if plan.passed else (len({i.report for i in found}) == len(reports) if plan.every else bool(found))
    from qa.reading import _scope
    zh, scope, names = plan.language != "en", _scope(plan, plan.language != "en"), [metric_name(m, plan) for m in plan.metrics]
    if plan.quality in ("balance", "narrative"):  # a check of a table (申请表, the review table), not of one figure
        tables = {"requests": ("申请表", "request table"), "review": ("复议诉讼表", "review table"),
                  "active": ("主动公开表", "proactive disclosure table")}
        names = list(dict.fromkeys(tables[m.split(".")[0]][0 if zh else 1] for m in plan.metrics
                                   if m.split(".")[0] in tables))
    figure = (scope + ("的" if scope and names else "") + "、".join(names)) if zh else \
        ", ".join(names) + (f" of {scope}" if scope and names else scope)
    asked = (f"{figure}的" if figure else "") + ("没有" if plan.passed else "存在") + what[0] + \
        ("" if what[0].endswith("问题") else "问题")
    asked_en = (f"{figure}: " if figure else "") + ("no " if plan.passed else "") + what[1] + " finding"
    if plan.every:  # (no figure is named on a set: the scope and the check)
        problem = "" if what[0].endswith("问题") else "问题"
        asked = f"{scope}{'的' if scope else ''}{len(reports)}份年报都存在{what[0]}{problem}"
        asked_en = f"does every one of the {len(reports)} reports{f' ({scope})' if scope else ''} have {what[1]} findings"
    detail = "；".join(f"{i.label}（{i.year}）：{i.value}" for i in found)
    text = say(plan, f"我理解为：{asked}吗？\n{'是' if yes else '否'}。" +
               (f"发现：{detail}。" if found else f"{len(reports)}份年报中没有发现{what[0]}方面的问题。"),
               f"I read this as: {asked_en[:1].upper() + asked_en[1:] if plan.every else asked_en}?\n{'Yes' if yes else 'No'}. " +
               (f"Found: {detail}." if found else f"None of the {len(reports)} reports has {what[1]} findings."))
    return Outcome(status="answered", route="meta", text=text, items=found, citations=cites, value=yes)


def _passing(plan: Plan, reports: list, failing: list[Item], index: NameIndex, what: tuple[str, str]) -> Outcome:
    bad = {i.report for i in failing}
    good = [Item(label=_label(index, r), report=r.id, year=r.year, file=r.file) for r in reports if r.id not in bad]
    names = "；".join(f"{i.label}（{i.year}）" for i in good) or say(plan, "无", "none")
    failed = "；".join(f"{i.label}（{i.year}）" for i in failing)
    text = say(plan, f"{len(reports)}份年报中，{len(good)}份没有{what[0]}方面的问题：{names}。"
                     + (f"未通过的：{failed}。" if failing else ""),
               f"{len(good)} of {len(reports)} reports have no {what[1]} findings: {names}."
               + (f" Not passing: {failed}." if failing else ""))
    return Outcome(status="answered", route="meta", text=text, items=good, value=len(good), unit="count",
                   coverage=Coverage(used=[r.id for r in reports]))


def _agency_ids(plan: Plan, index: NameIndex):
    from qa.tables import resolve_agencies

    agencies = resolve_agencies(plan, index)
    return [r.id for a in agencies for r in a.reports] if agencies else None


def _cell_findings(plan: Plan, runner: Runner, scope: Scope, kind: str) -> list[dict]:
    """Unreadable cells and guessed units straight from the facts (the findings table may not list them)."""
    if kind not in ("unreadable", "guessed_units", "blank", "all"):
        return []
    clauses, params = scope.where()
    cond = {"unreadable": "f.state = 'unreadable'", "guessed_units": "f.unit_assumed IS NOT NULL",
            "blank": "f.state = 'blank'"}.get(kind, "(f.state = 'unreadable' OR f.unit_assumed IS NOT NULL)")
    sql = ("SELECT f.report_id, f.key, f.raw, f.line, f.state, f.unit_assumed, f.unit_reason\nFROM facts AS f\n"
           "JOIN reports AS r ON r.id = f.report_id\nWHERE " + " AND ".join([cond] + clauses))
    out = []
    for row in runner.rows(sql, params):
        msg = (f"{row['key']} unreadable: '{row['raw']}'" if row["state"] == "unreadable" else
               f"{row['key']} printed blank" if row["state"] == "blank" else
               f"{row['key']}: '{row['raw']}' unit guessed as {row['unit_assumed']}")
        out.append({"report_id": row["report_id"], "message": msg, "cells": json.dumps([row["key"]]),
                    "printed": row["raw"], "line": row["line"]})
    return out

