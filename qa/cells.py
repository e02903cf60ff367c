"""Fetch the cells a plan needs, one `Cell` per report, with template awareness.

A report whose template version lacks the cell (procurement in a 2021 report), or whose cell was printed
blank or is unreadable, yields a Cell with `why` set: it is skipped and reported, never read as 0.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Optional

from nianbao.keys import template_keys
from qa.lexicon import EN_ROWS, EQUIVALENTS, GROUPS, SPLITS, expand
from qa.names import ReportInfo
from qa.sql import Runner, Scope, facts_sql, reports_sql


@dataclass
class Cell:
    report: ReportInfo
    key: str
    value: Optional[float] = None
    unit: str = "count"
    facts: list[sqlite3.Row] = field(default_factory=list)
    why: Optional[str] = None
    guessed: list[str] = field(default_factory=list)
    substitute: Optional[str] = None
    confidence: Optional[float] = None  # the report's reading confidence (ReadingQuality)

    @property
    def ok(self) -> bool:
        return self.why is None and self.value is not None


def scope_reports(runner: Runner, scope: Scope) -> list[ReportInfo]:
    sql, params = reports_sql(scope)
    return [ReportInfo(*tuple(row)) for row in runner.rows(sql, params, show=False)]


def fetch_cells(runner: Runner, keys: list[str], scope: Scope, reports: list[ReportInfo],
                order: str = "r.year, r.file") -> dict[str, list[Cell]]:
    """Cells of each (possibly virtual) key for every report in scope, in report order."""
    concrete: list[str] = []
    for key in keys:
        for template in ("2019", "2021"):
            for k in expand(key, template) + ([EQUIVALENTS[key]] if key in EQUIVALENTS else []) + split_keys(key):
                if k not in concrete:
                    concrete.append(k)
    sql, params = facts_sql(concrete, scope, order)
    rows = runner.rows(sql, params)
    by_report: dict[tuple[str, str], sqlite3.Row] = {(r["report_id"], r["key"]): r for r in rows}
    order_ids = list(dict.fromkeys(r["report_id"] for r in rows))
    ranked = sorted(reports, key=lambda rep: order_ids.index(rep.id) if rep.id in order_ids else len(order_ids))
    return {key: [_cell(key, rep, by_report) for rep in ranked] for key in keys}


def split_keys(key: str) -> list[str]:
    """The rows another template version prints instead of this one (其他处理 -> its three 2021 sub-rows)."""
    table, row, col = key.split(".")
    return [f"{table}.{r}.{col}" for r in SPLITS.get(f"{table}.{row}", ())]


def _printed(facts: dict[tuple[str, str], sqlite3.Row], report_id: str, key: str) -> bool:
    row = facts.get((report_id, key))
    return row is not None and row["state"] != "absent"


def _cell(key: str, rep: ReportInfo, facts: dict[tuple[str, str], sqlite3.Row]) -> Cell:
    template = rep.template or "2019"
    parts = expand(key, template)
    cell = Cell(report=rep, key=key, unit="yuan" if key.endswith(".amount") else "count")
    if parts == [key] and not _printed(facts, rep.id, key) and split_keys(key) and \
            all(_printed(facts, rep.id, k) for k in split_keys(key)):
        parts = split_keys(key)  # one row asked, its parts printed: their sum
    elif parts == [key] and key not in template_keys(template) and _printed(facts, rep.id, key):
        pass  # printed as the other template version has it (a 2021 report's single 其他处理 row)
    elif not parts or (len(parts) == 1 and parts[0] not in template_keys(template)):
        alt = EQUIVALENTS.get(key)
        if alt and alt in template_keys(template) and (rep.id, alt) in facts:
            parts, cell.substitute = [alt], alt
        else:
            cell.why = lacks(key, template)
            return cell
    values = []
    for k in parts:
        row = facts.get((rep.id, k))
        if row is None:
            cell.why = f"cell {k} not found in this report"
            return cell
        state = row["state"]
        if state == "absent":
            cell.why = lacks(key, template) if k not in template_keys(template) else f"cell {k} not printed (absent)"
        elif state == "blank":
            cell.why = "cell printed blank" + (f" ({k})" if len(parts) > 1 else "")
        elif state == "unreadable":
            cell.why = f"cell unreadable (printed '{row['raw']}')"
        elif state == "not_read":  # in the template, but the reader could not read it: never a blank, never 0
            cell.why = "cell not read from this report" + (f" ({row['note']})" if row["note"] else "")
        if cell.why:
            cell.facts = [row]
            return cell
        cell.facts.append(row)
        cell.confidence = row["confidence"]
        values.append(row["value"])
        if row["unit_assumed"]:
            cell.guessed.append(guess_note(row))
    cell.value = float(sum(values))
    if cell.facts and cell.facts[0]["unit"]:
        cell.unit = cell.facts[0]["unit"]
    return cell


def lacks(key: str, template: str) -> str:
    table, row, col = key.split(".")
    have_row = any(k.split(".")[:2] == [table, row] for k in template_keys(template))
    if f"{table}.{row}" in GROUPS:
        have_row = True
    name = EN_ROWS.get(row, row.replace("_", " "))
    if not have_row:
        return f"{template} template has no {name} table" if row == "procurement" else \
            f"{template} template has no {name} row"
    return f"{template} template has no {col.replace('_', ' ')} column for {name}"


def guess_note(row: sqlite3.Row) -> str:
    raw = (row["raw"] or "").strip()
    unit = row["unit_assumed"]
    unit_text = "元" if unit == "yuan" else unit
    return f"'{raw}' printed without a unit, read as {unit_text}"

