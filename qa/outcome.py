"""What an executor hands back (before the API wraps it into an `Answer`), and shared helpers."""
from __future__ import annotations

import functools
import json
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from qa.cells import Cell
from qa.lexicon import en_label, zh_label
from qa.models import Candidate, Citation, Coverage, Item, Plan, Skipped, Value
from qa.names import Agency, NameIndex
from qa.text import fmt_value


@dataclass
class Outcome:
    status: str
    text: str
    value: Value = None
    unit: Optional[str] = None
    items: list[Item] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)
    route: str = "table"
    evidence: list[str] = field(default_factory=list)  # numbered facts an LLM may phrase from
    citations_total: Optional[int] = None  # when only the shown cells' citations were made (thin cells)
    items_total: Optional[int] = None  # when only the first ITEM_CAP items were made


def say(plan: Plan, zh: str, en: str) -> str:
    return en if plan.language == "en" else zh


def no_data(plan: Plan, zh: str, en: str, route: str = "table", **kw) -> Outcome:
    return Outcome(status="no_data", text=say(plan, zh, en), route=route, **kw)


def metric_name(key: str, plan: Plan) -> str:
    return en_label(key) if plan.language == "en" else zh_label(key)


def label_of(cell: Cell, index: NameIndex) -> str:
    agency = index.by_report(cell.report.id)
    return agency.label if agency else (cell.report.agency_full or cell.report.agency or cell.report.file)


def cell_item(cell: Cell, index: NameIndex, value: Value = None, unit: Optional[str] = None) -> Item:
    return Item(label=label_of(cell, index), report=cell.report.id, value=cell.value if value is None else value,
                unit=unit or cell.unit, year=cell.report.year, file=cell.report.file)


def cell_citations(cells: list[Cell]) -> list[Citation]:
    out: list[Citation] = []
    seen: set[tuple] = set()
    for c in cells:
        for f in c.facts:
            mark = (c.report.id, f["key"], f["raw"] or "", f["line"])
            if mark not in seen:
                seen.add(mark)
                out.append(Citation(file=c.report.file, report=c.report.id, key=f["key"], raw=f["raw"] or "",
                                    line=f["line"]))
    return out


MAX_ITEMS = 100  # items an answer carries (the rest counted in items_total): keeps every answer's JSON small
SHOW = 20  # entries one sentence lists; an answer over thousands of reports counts the rest (the items hold them)


def listed(parts: list[str], plan: Plan, sep: str = "；", total: Optional[int] = None) -> str:
    """`parts` joined, at most SHOW of them, then how many more there are ("…等5046项" / "… and 5,026 more");
    `total`: how many there are when only the first SHOW parts were made."""
    total = len(parts) if total is None else total
    if total <= SHOW:
        return sep.join(parts)
    more = total - SHOW
    return sep.join(parts[:SHOW]) + say(plan, f"……等{total}项（另{more}项见明细表）", f" … and {more:,} more")


ITEM_CAP: ContextVar[Optional[int]] = ContextVar("nianbao_item_cap", default=MAX_ITEMS)


def cell_items(cells: list[Cell], index: NameIndex, total: Optional[int] = None) -> dict:
    """`items=` (the first ITEM_CAP cells as items) and `items_total=` (all of them: `total` when `cells`
    are only the first of them) for an Outcome."""
    cap = ITEM_CAP.get()
    shown = cells if cap is None else cells[:cap]
    total = len(cells) if total is None else total
    return {"items": [cell_item(c, index) for c in shown], "items_total": total if len(shown) < total else None}


def coverage(cells: list[Cell]) -> Coverage:
    used = list(dict.fromkeys(c.report.id for c in cells if c.ok))
    seen = set(used)
    skipped: list[Skipped] = []
    total = 0
    cap = ITEM_CAP.get()
    for c in cells:
        if not c.ok and c.why and c.report.id not in seen:
            seen.add(c.report.id)
            total += 1
            if cap is not None and len(skipped) >= cap:
                continue  # counted, not listed (thousands of 2021 reports lack the procurement table)
            name = c.report.agency_full or c.report.agency
            label = f"{name}（{c.report.year}）" if name and c.report.year else name  # one agency, several years
            skipped.append(Skipped(report=c.report.id, why=c.why, label=label, why_zh=why_zh(c.why, c.key)))
    return Coverage(used=used, skipped=skipped, skipped_total=total if total > len(skipped) else None)


_WHY_ZH = [  # the reasons a cell is left out (qa/cells.py), in Chinese; {row}: the row's Chinese name
    (re.compile(r"^(\d{4}) template has no .+ table$"), "{0}版模板没有“{row}”表"),
    (re.compile(r"^(\d{4}) template has no .+ column for .+$"), "{0}版模板的“{row}”没有这一栏"),
    (re.compile(r"^(\d{4}) template has no .+ row$"), "{0}版模板没有“{row}”这一行"),
    (re.compile(r"^cell printed blank(?: \((.+)\))?$"), "该栏印为空白"),
    (re.compile(r"^cell unreadable \(printed '(.*)'\)$"), "该栏无法识别（印为“{0}”）"),
    (re.compile(r"^cell not read from this report(?: \((.+)\))?$"), "未能从这份报告读出该栏"),
    (re.compile(r"^cell (\S+) not found in this report$"), "这份报告中没有找到该栏"),
    (re.compile(r"^cell (\S+) not printed \(absent\)$"), "这份报告没有印出该栏"),
]


@functools.lru_cache(maxsize=1024)
def why_zh(why: Optional[str], key: Optional[str]) -> Optional[str]:
    """A left-out cell's reason in Chinese (None when it is not one of the known reasons)."""
    if not why:
        return None
    row = zh_label(key).split(" · ")[0] if key else ""
    for pattern, text in _WHY_ZH:
        m = pattern.match(why)
        if m:
            return text.format(*(g or "" for g in m.groups()), row=row)
    return None


def skipped_note(cov: Coverage, plan: Plan) -> str:
    """The sentence that says which reports were left out, and why."""
    if not cov.skipped:
        return ""
    parts = [f"{s.label or s.report}：{s.why_zh or s.why}" if plan.language == "zh" else f"{s.label or s.report}: {s.why}"
             for s in cov.skipped[:6]]
    n = cov.skipped_total or len(cov.skipped)
    more = n - len(parts)
    tail = (f"等{n}份" if more > 0 else "") if plan.language == "zh" else (f" and {more} more" if more > 0 else "")
    return say(plan, f"未计入的报告：{'；'.join(parts)}{tail}。",
               f"Reports left out: {'; '.join(parts)}{tail}.")


_GUESS = re.compile(r"^'(.*)' printed without a unit, read as (.+)$")


def _guess_zh(note: str) -> str:
    m = _GUESS.match(note)  # cells.guess_note's wording
    return f"“{m.group(1)}”印刷时未写单位，按{m.group(2)}计" if m else note


def guessed_note(cells: list[Cell], plan: Plan) -> str:
    """Caveats on the figures used: guessed units, and tables read with low confidence."""
    notes = [f"{label}：{_guess_zh(g)}" if plan.language == "zh" else f"{label}: {g}"
             for c in cells if c.ok for g in c.guessed
             for label in [c.report.agency_full or c.report.agency or c.report.file]]
    out = say(plan, f"单位为推测（unit guessed）：{listed(notes, plan)}。", f"Unit guessed: {listed(notes, plan, '; ')}.") \
        if notes else ""
    low = sorted({f"{c.report.agency_full or c.report.agency or c.report.file} ({c.confidence:.2f})"
                  for c in cells if c.ok and c.confidence is not None and c.confidence < LOW_CONFIDENCE})
    if low:
        out += say(plan, f"以下报告的表格读取置信度低，数字请核对原文：{'；'.join(low)}。",
                   f"Tables read with low confidence, check against the original: {'; '.join(low)}.")
    return out


LOW_CONFIDENCE = 0.6  # ReadingQuality.level "low": few cells read or balance rules failing


def substitute_note(cells: list[Cell], plan: Plan) -> str:
    subs = [c for c in cells if c.ok and c.substitute]
    if not subs:
        return ""
    return say(plan, f"按模板版本改用对应栏目：{', '.join(sorted({metric_name(c.substitute, plan) for c in subs}))}。",
               f"Template version differs, used: {', '.join(sorted({c.substitute for c in subs}))}.")


def fmt(value: Value, unit: Optional[str], plan: Plan) -> str:
    return fmt_value(value, unit, plan.language)  # type: ignore[arg-type]


def who(cell: Cell, index: NameIndex, with_year: bool = True) -> str:
    label = label_of(cell, index)
    return f"{label}（{cell.report.year}）" if with_year and cell.report.year else label


def ambiguous_outcome(plan: Plan, candidates: list[Candidate]) -> Outcome:
    names = "、".join(c.label for c in candidates) if plan.language == "zh" else ", ".join(c.label for c in candidates)
    mention = candidates[0].mention
    items = [Item(label=c.label, report=c.reports[0] if c.reports else None) for c in candidates]
    return Outcome(status="ambiguous", items=items, route="meta",
                   text=say(plan, f"“{mention}”可能指多个单位或地区：{names}。请说明是哪一个。",
                            f"'{mention}' could mean several agencies or places: {names}. Please say which one."))


def agency_reports(agency: Agency, years: list[int]) -> list[str]:
    return [r.id for r in agency.reports if not years or r.year in years]


BALANCE_RULES = ("R1", "R2", "R3", "R4")  # the tables' own equations (DOMAIN.md): a failed one is a finding


def _cited_findings(runner, citations: list[Citation], rules: Sequence[str]) -> list[tuple[Any, set[tuple[str, str]]]]:
    """(finding row, the cited (report, key) cells it names) for every finding of `rules` on a cited report
    that names a cited cell."""
    cells = {(c.report, c.key) for c in citations if c.key}
    if not cells:
        return []
    rows = runner.rows("SELECT report_id, cells, printed, expected, message, line FROM findings"
                       " WHERE rule IN (SELECT value FROM json_each(:rules))"
                       " AND report_id IN (SELECT value FROM json_each(:reports))",
                       {"rules": json.dumps(list(rules)), "reports": json.dumps(sorted({r for r, _ in cells}))},
                       show=False)
    found = [(row, {(row["report_id"], k) for k in json.loads(row["cells"] or "[]")} & cells) for row in rows]
    return [(row, hit) for row, hit in found if hit]


def balance_conflicts(runner, citations: list[Citation]) -> tuple[list[str], set[tuple[str, str]]]:
    """(the findings, and the cited (report, key) cells they name) of every equation of a report's tables
    that a cited cell takes part in and that the printed numbers do not satisfy: which of its cells is
    wrong cannot be told from the report."""
    found = _cited_findings(runner, citations, BALANCE_RULES)
    return list(dict.fromkeys(row["message"] for row, _ in found)), {cell for _, hit in found for cell in hit}


def narrative_conflicts(runner, citations: list[Citation], plan: Plan) -> str:
    """A note on every cited cell whose report's prose states another figure (a `narrative` finding):
    the answer uses the table, and says so where it matters."""
    notes = []
    for row, _ in _cited_findings(runner, citations, ("narrative",)):
        quote = row["message"].split("“")[1].split("”")[0] if "“" in (row["message"] or "") else ""
        printed, expected = fmt_value(row["printed"], "count", plan.language), fmt_value(row["expected"], "count", plan.language)
        notes.append(say(plan, f"注意：该年报正文写“{quote}”（{printed}），与表格中的{expected}不一致"
                               f"（第{row['line']}行）；此处按表格作答。",
                         f"Note: the report's text says “{quote}” ({printed}), not the table's {expected} "
                         f"(line {row['line']}); the answer uses the table."))
    return " ".join(dict.fromkeys(notes))