"""Yes/no: does a report's table add up, does its text agree with its table ("对得上吗？", "does … add up?").

The answer is the balance equations (R1–R4) evaluated on the report's stored cells at question time, or
the narrative figures compared at ingest, narrowed to the rows and columns the question names. It says
"yes" only when at least one equation (or stated figure) could be checked and all of those hold; an
equation with a blank or unread cell is not evaluated (blank is not zero) and is named as such.
"""
from __future__ import annotations

import itertools
import json
import re
from typing import Optional

from ingest.cells import norm
from ingest.checks import Equation, equations
from nianbao.models import CellState, Fact
from qa.lexicon import expand, member_rows
from qa.meta import _agency_ids, _label
from qa.models import Citation, Coverage, Item, Plan
from qa.names import NameIndex, ReportInfo
from qa.outcome import Outcome, metric_name, no_data, say
from qa.sql import Runner, Scope, reports_sql
from qa.text import fmt_count, fmt_value


def _facts(runner: Runner, report_id: str) -> dict[str, Fact]:
    rows = runner.rows("SELECT f.key, f.value, f.state, f.raw, f.line FROM facts AS f WHERE f.report_id = :rid",
                       {"rid": report_id})
    out = {}
    for r in rows:
        table, row, col = r["key"].split(".", 2)
        out[r["key"]] = Fact(table=table, row=row, col=col, value=r["value"], state=CellState(r["state"]),
                             raw=r["raw"] or "", line=r["line"])
    return out


def relevant(eqs: list[Equation], metrics: list[str]) -> list[Equation]:
    """The equations about what the question names: those sharing the most of its cells; with no cell
    shared, those on its rows (a row named without a column: 'the lawsuit row'); nothing named: all that
    can be evaluated. `eqs` holds every equation, evaluable or not: the one a question names is chosen among
    all of them, so that "does new + carried-in equal handled + carried-out?" with a blank cell in that
    equation is told it cannot be checked, not answered by other equations that share one of its cells."""
    if not metrics:
        return [e for e in eqs if e.evaluable]
    # (a group row named, 诉讼 / the lawsuits: each of its members' cells, as the equations hold them)
    wanted = set(metrics) | {f"{member}.{m.rsplit('.', 1)[1]}" for m in metrics for member in member_rows(m.rsplit(".", 1)[0])}
    best = max((len(wanted & set(e.cells)) for e in eqs), default=0)
    if best:
        return [e for e in eqs if len(wanted & set(e.cells)) == best]
    rows = {m.rsplit(".", 1)[0] for m in metrics}
    return [e for e in eqs if rows & {c.rsplit(".", 1)[0] for c in e.cells}]


def check(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    scope = Scope.of(plan, _agency_ids(plan, index))
    sql, params = reports_sql(scope)
    reports = [ReportInfo(*tuple(row)) for row in runner.rows(sql, params)]
    if not reports:
        return no_data(plan, "数据库中没有符合条件的年报。", "No report in the database matches.", route="meta")
    narrative = plan.quality == "narrative"
    items: list[Item] = []
    cites: list[Citation] = []
    verdicts: list[Optional[bool]] = []
    for rep in reports:
        label = f"{_label(index, rep)}（{rep.year}）"
        found = (_stated_parts(plan, runner, rep) if plan.search else
                 _narrative(plan, runner, rep) if narrative else _balance(plan, runner, rep))
        if found is None:
            verdicts.append(None)
            items.append(Item(label=label, report=rep.id, value=say(
                plan, "无法核对（相关单元格空白、未读出或不在该模板中）", "cannot be checked (a cell of it is blank, not read "
                "or not in the template)"), year=rep.year, file=rep.file))
            continue
        ok, lines, cells = found
        verdicts.append(ok)
        items.append(Item(label=label, report=rep.id, value="；".join(lines) if plan.language != "en" else "; ".join(lines),
                          year=rep.year, file=rep.file))
        cites += [Citation(file=rep.file, report=rep.id, key=k, raw=raw, line=line) if k else
                  Citation(file=rep.file, report=rep.id, quote=raw, line=line) for k, raw, line in cells]
    what = _what(plan)
    scope_text = "；".join(i.label for i in items)
    head = (f"我理解为：核对{scope_text}的{what}是否对得上" if plan.language != "en"
            else f"I read this as: whether {what} of {scope_text} add up")
    if plan.search:
        head += say(plan, f"（正文“{plan.search}”与其所列各项之和）。", f" (the text's “{plan.search}” against the sum of its parts).")
    elif plan.language != "en":
        head += "（表格与正文所述数字是否一致）。" if narrative else "（勾稽关系 R1–R4）。"
    else:
        head += " (the figure the text states vs the table)." if narrative else " (balance rules R1–R4)."
    if all(v is None for v in verdicts):
        return Outcome(status="no_data", route="meta", items=items, text=head + "\n" + say(
            plan, "无法核对：" + "；".join(f"{i.label}：{i.value}" for i in items) + "。",
            "Cannot be checked: " + "; ".join(f"{i.label}: {i.value}" for i in items) + "."))
    yes = all(v is not False for v in verdicts)
    detail = "；".join(f"{i.label}：{i.value}" for i in items) if plan.language != "en" else \
        "; ".join(f"{i.label}: {i.value}" for i in items)
    unchecked = any(v is None for v in verdicts)
    verdict = say(plan, ("是，对得上。" if not unchecked else "能核对的部分对得上。") if yes else "否，对不上。",
                  ("Yes, it adds up. " if not unchecked else "What could be checked adds up. ") if yes else "No, it does not add up. ")
    value = yes if not unchecked or not yes else None
    if plan.failure_asked and value is not None:  # (does it fail to balance?: yes when it does not add up)
        value = not value
        verdict = say(plan, "是，对不上。" if value else "否，对得上。",
                      "Yes, it does not add up. " if value else "No, it adds up. ")
    return Outcome(status="answered", route="meta", value=value,
                   items=items, citations=cites, coverage=Coverage(used=[r.id for r in reports]),
                   text=f"{head}\n{verdict}{detail}")


# "…共发布各类信息142条，其中“公告”25条，“鼓楼统计”75条…": a total the text states, then its parts
_TOTAL = re.compile(r"(?:共|总计|合计|累计|总共|一共)[^0-9，。；]{0,12}?(\d[\d,]*)([条件项次个篇场期])")


def _stated_parts(plan: Plan, runner: Runner, rep: ReportInfo):
    """The quoted sentence's total against the sum of the parts it lists after 其中 (a text's own sum)."""
    quote = norm(plan.search)
    rows = runner.rows("SELECT t.text FROM report_texts AS t WHERE t.report_id = :rid", {"rid": rep.id})
    if not quote or not rows:
        return None
    flats = [norm(line) for line in rows[0]["text"].split("\n")]
    joined = "".join(flats)
    at = joined.find(quote)
    total = _TOTAL.search(joined, at) if at >= 0 else None
    if total is None or total.start() > at + len(quote):
        return None
    sentence = joined[total.end():].split("。", 1)[0]
    if not sentence.lstrip("，,").startswith("其中"):
        return None
    parts = [float(p.replace(",", "")) for p in re.findall(rf"(\d[\d,]*){total.group(2)}", sentence)]
    if not parts:
        return None
    line = next(i + 1 for i, n in enumerate(itertools.accumulate(len(f) for f in flats)) if n > at)
    stated, added = float(total.group(1).replace(",", "")), sum(parts)
    ok = abs(stated - added) < 1e-9
    text = say(plan, f"第{line}行起：“{total.group(0)}”，其中各项 {' + '.join(fmt_count(p) for p in parts)} = {fmt_count(added)}"
                     f"{'，等于' if ok else '，不等于'}{fmt_count(stated)}",
               f"from line {line}: “{total.group(0)}”; its parts {' + '.join(fmt_count(p) for p in parts)} = {fmt_count(added)}"
               f"{', equal to ' if ok else ', not '}{fmt_count(stated)}")
    return ok, [text], [(None, total.group(0), line)]


def _what(plan: Plan) -> str:
    if not plan.metrics:
        return say(plan, "各表数据", "the tables")
    names = [metric_name(m, plan) for m in plan.metrics]
    return "、".join(names) if plan.language != "en" else ", ".join(names)


SHOWN = 3  # equations written out when all hold (the failing ones are always all written)


def _balance(plan: Plan, runner: Runner, rep: ReportInfo):
    facts = _facts(runner, rep.id)
    named = [k for m in plan.metrics for k in expand(m, rep.template)]  # a group row (lawsuits): its members
    eqs = [e for e in relevant(equations(facts, rep.template, every=True), named) if e.evaluable]
    if not eqs:
        return None
    failing = [e for e in eqs if not e.holds]
    shown = failing or eqs[:SHOWN]
    lines = [_equation_text(e, facts, plan) for e in shown]
    if len(eqs) > 1:
        lines.insert(0, say(plan, f"可核对的{len(eqs)}条中{len(eqs) - len(failing)}条成立"
                                  + (f"、{len(failing)}条不成立" if failing else ""),
                            f"{len(eqs) - len(failing)} of {len(eqs)} checkable equations hold"))
    cells = [(k, facts[k].raw, facts[k].line) for e in shown for k in e.cells]
    return not failing, lines, list(dict.fromkeys(cells))


def _equation_text(e: Equation, facts: dict[str, Fact], plan: Plan) -> str:
    lsum, rsum = (sum(facts[k].value for k in side) for side in (e.left, e.right))
    right = " + ".join(fmt_count(facts[k].value) for k in e.right)
    return (f"{e.rule} {_rows(e, plan)}: {' + '.join(fmt_count(facts[k].value) for k in e.left)} = {fmt_count(lsum)}"
            f" {'=' if e.holds else '≠'} {right + ' = ' if len(e.right) > 1 else ''}{fmt_count(rsum)}")


def _rows(e: Equation, plan: Plan) -> str:
    right = [metric_name(k, plan) for k in e.right]
    return ("、".join(right) if plan.language != "en" else ", ".join(right))


def _narrative(plan: Plan, runner: Runner, rep: ReportInfo):
    """The figures the report's text states for the named cells, against the table (compared at ingest)."""
    rows = runner.rows("SELECT n.text, n.value, n.line, n.cells, n.table_value, n.agrees FROM narrative AS n"
                       " WHERE n.report_id = :rid AND n.agrees IS NOT NULL", {"rid": rep.id})
    wanted = set(plan.metrics)
    picked = [r for r in rows if not wanted or wanted & set(json.loads(r["cells"] or "[]"))]
    if not picked:
        return None
    lines = [say(plan, f"正文“{r['text']}”（第{r['line']}行）为{fmt_count(r['value'])}，表格为{fmt_value(r['table_value'], None)}",
                 f"the text says “{r['text']}” (line {r['line']}): {fmt_count(r['value'])}; the table: {fmt_value(r['table_value'], None)}")
             for r in picked]
    cells = [(k, None, None) for r in picked for k in json.loads(r["cells"] or "[]")]
    return all(bool(r["agrees"]) for r in picked), lines, list(dict.fromkeys(cells))


def _text_against_table(plan: Plan, runner: Runner, said_by: dict[str, list], items: list[Item],
                        cites: list[Citation], lines: list[str], name: str) -> Outcome:
    """正文说的和表里的差了多少: the text's figure less the table's, for the one sentence about that cell."""
    said = [r for rows in said_by.values() for r in rows]
    if len(said) != 1 or said[0]["table_value"] is None:
        why = say(plan, f"正文中关于{name}的数字不止一处，或表格中没有可比的数字，无法给出一个差值。",
                  f"The text states {name} more than once, or the table has no figure to set against it: no one gap.")
        return Outcome(status="no_data", route="table", items=items, citations=cites, text=why,
                       coverage=Coverage(used=list(dict.fromkeys(i.report for i in items if i.report))))
    r = said[0]
    gap = abs(r["value"] - r["table_value"])
    cell = runner.rows("SELECT f.raw, f.line FROM facts AS f WHERE f.report_id = :rid AND f.key = :key",
                       {"rid": r["report_id"], "key": plan.metrics[0]})
    if cell:  # the table's cell is a receipt too
        cites = [*cites, Citation(file=items[0].file, report=r["report_id"], key=plan.metrics[0], raw=cell[0]["raw"],
                                  line=cell[0]["line"])]
    head = say(plan, f"正文与表格相差{fmt_count(gap)}：", f"The text and the table differ by {fmt_count(gap)}: ")
    return Outcome(status="answered", route="table", value=gap, unit="count", items=items, citations=cites,
                   coverage=Coverage(used=list(dict.fromkeys(i.report for i in items if i.report))),
                   evidence=[c.quote or "" for c in cites], text=head + lines[0] + say(plan, "。", "."))


def stated_in_text(plan: Plan, runner: Runner, index: NameIndex) -> Outcome:
    """What the report's text says a figure is (报告正文里说受理了多少件, what does its own text say): the
    number its prose states for that cell, read at ingest, with the sentence and line, beside the table's
    figure; no such sentence: said, with no number (the table's figure answers another question)."""
    key = plan.metrics[0]
    name = metric_name(key, plan)
    scope = Scope.of(plan, _agency_ids(plan, index))
    sql, params = reports_sql(scope)
    reports = [ReportInfo(*tuple(row)) for row in runner.rows(sql, params)]
    if not reports:
        return no_data(plan, "数据库中没有符合条件的年报。", "No report in the database matches.")
    items: list[Item] = []
    cites: list[Citation] = []
    lines: list[str] = []
    # every report's sentences in one query (not a query per report in scope)
    rows = runner.rows("SELECT n.report_id, n.text, n.value, n.line, n.cells, n.table_value FROM narrative AS n"
                       " WHERE n.report_id IN (SELECT value FROM json_each(:ids)) ORDER BY n.line",
                       {"ids": json.dumps([r.id for r in reports])})
    said_by: dict[str, list] = {}
    for r in rows:
        if json.loads(r["cells"] or "[]") == [key]:  # sentences about this one cell
            said_by.setdefault(r["report_id"], []).append(r)
    for rep in reports:
        label = f"{_label(index, rep)}（{rep.year}）"
        for r in said_by.get(rep.id, []):
            items.append(Item(label=_label(index, rep), report=rep.id, value=r["value"], unit="count",
                              year=rep.year, file=rep.file))
            cites.append(Citation(file=rep.file, report=rep.id, quote=r["text"], line=r["line"]))
            table = "" if r["table_value"] is None else say(plan, f"（表格为{fmt_value(r['table_value'], None)}）",
                                                             f" (the table: {fmt_value(r['table_value'], None)})")
            lines.append(say(plan, f"{label}正文第{r['line']}行写“{r['text']}”：{fmt_count(r['value'])}{table}",
                             f"{label}'s text, line {r['line']}: “{r['text']}”: {fmt_count(r['value'])}{table}"))
    if not items:
        where = "、".join(f"{_label(index, r)}（{r.year}）" for r in reports[:5])
        return no_data(plan, f"{where}的年报正文没有单独写明{name}的数字（只有表格中有），无法回答“正文怎么说”。",
                       f"The text of {where} states no figure for {name} (only the table has it), so what the text "
                       "says cannot be given.")
    if plan.intent == "difference":
        return _text_against_table(plan, runner, said_by, items, cites, lines, name)
    values = {i.value for i in items}
    return Outcome(status="answered", route="table", value=values.pop() if len(values) == 1 else None,
                   unit="count" if len(values) <= 1 else None, items=items, citations=cites,
                   coverage=Coverage(used=list(dict.fromkeys(i.report for i in items if i.report))),
                   evidence=[c.quote or "" for c in cites],
                   text=say(plan, "按年报正文（非统计表）：", "From the report text (not a table): ") +
                   ("；".join(lines) if plan.language != "en" else "; ".join(lines)) + say(plan, "。", "."))
