"""Fetch the cells a plan needs, one `Cell` per report, with template awareness.

A report whose template version lacks the cell (procurement in a 2021 report), or whose cell was printed
blank or is unreadable, yields a Cell with `why` set: it is skipped and reported, never read as 0.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Optional

from nianbao.keys import key_set
from qa.lexicon import EN_ROWS, EQUIVALENTS, GROUPS, SPLITS, expand
from qa.names import ReportInfo
from qa.sql import Runner, Scope, facts_sql, reports_sql


@dataclass(slots=True)
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
    thin: bool = False  # value from SQL only: no fact rows yet (see `hydrate`)
    parts: int = 0  # a thin cell: how many fact rows it sums
    source: Optional[Runner] = field(default=None, repr=False, compare=False)  # a thin cell: where to hydrate from

    @property
    def ok(self) -> bool:
        return self.why is None and self.value is not None


def scope_reports(runner: Runner, scope: Scope) -> list[ReportInfo]:
    sql, params = reports_sql(scope)
    return [ReportInfo(*tuple(row)) for row in runner.rows(sql, params, show=False)]


def fetch_cells(runner: Runner, keys: list[str], scope: Scope, reports: list[ReportInfo],
                order: str = "r.year, r.file", show: bool = True) -> dict[str, list[Cell]]:
    """Cells of each (possibly virtual) key for every report in scope, in report order."""
    concrete: list[str] = []
    for key in keys:
        for template in ("2019", "2021"):
            for k in expand(key, template) + ([EQUIVALENTS[key]] if key in EQUIVALENTS else []) + split_keys(key):
                if k not in concrete:
                    concrete.append(k)
    sql, params = facts_sql(concrete, scope, order)
    rows = runner.rows(sql, params, show=show)
    by_report: dict[tuple[str, str], sqlite3.Row] = {(r["report_id"], r["key"]): r for r in rows}
    place: dict[str, int] = {}
    for r in rows:
        place.setdefault(r["report_id"], len(place))
    ranked = sorted(reports, key=lambda rep: place.get(rep.id, len(place)))
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
    elif parts == [key] and key not in key_set(template) and _printed(facts, rep.id, key):
        pass  # printed as the other template version has it (a 2021 report's single 其他处理 row)
    elif not parts or (len(parts) == 1 and parts[0] not in key_set(template)):
        alt = EQUIVALENTS.get(key)
        if alt and alt in key_set(template) and (rep.id, alt) in facts:
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
            cell.why = lacks(key, template) if k not in key_set(template) else f"cell {k} not printed (absent)"
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
    have_row = any(k.split(".")[:2] == [table, row] for k in key_set(template))
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



# -- the same cells computed in SQL, for questions over many reports ------------------------------------
#
# A ranking or total over 10,000 reports must not build 10,000 cells from their fact rows in Python. For a
# key whose cell is, in every template version, the sum of fixed rows (no split rows, no equivalent row
# of the other version: `fast_cells` refuses those), one GROUP BY gives every report's value and whether
# all its rows were printed numbers. Those are "thin" cells (value, unit, report); the few the answer
# shows are made whole again (`hydrate`: fact rows, guessed-unit notes) by the code above, which must agree.

GUESSED = "unit guessed"  # a thin cell's placeholder note, replaced when the cell is hydrated


def fast_cells(runner: Runner, key: str, scope: Scope, index, rank_order: Optional[str] = None) -> Optional[list[Cell]]:
    """Every report in scope as a Cell of `key`, computed in one SQL statement, in report order
    (`rank_order` "DESC"/"ASC": printed numbers first, by value); None when `key` needs the row-by-row
    rules (split rows, equivalents)."""
    if split_keys(key) or key in EQUIVALENTS:
        return None
    templates = index.derive("templates", lambda: sorted({r.template or "2019" for r in index.reports}))
    parts = {t: expand(key, t) for t in templates}
    clauses, params = scope.where()
    selects = []
    for i, t in enumerate(templates):
        params[f"t{i}"] = t
        where = " AND ".join([*clauses, f"COALESCE(r.template, '2019') = :t{i}"])
        if parts[t]:
            params.update({f"k{i}_{j}": k for j, k in enumerate(parts[t])})
            keys = ", ".join(f":k{i}_{j}" for j in range(len(parts[t])))
            # one row: no GROUP BY (a quarter of the time); several: their sum, and how many were numbers
            one = len(parts[t]) == 1
            cols = (("f.value", "f.state = 'number'", "f.state != 'absent'", "COALESCE(f.unit_assumed, '') != ''",
                     "f.unit") if one else
                    ("SUM(f.value)", "SUM(f.state = 'number')", "SUM(f.state != 'absent')",
                     "MAX(COALESCE(f.unit_assumed, '') != '')", "MIN(f.unit)"))
            group = "" if one else "\nGROUP BY r.id"
            selects.append(
                f"SELECT r.id AS report_id, :t{i} AS template, {len(parts[t])} AS parts, {cols[0]} AS value,"
                f" {cols[1]} AS numbers, {cols[2]} AS printed, {cols[3]} AS guessed, {cols[4]} AS unit,"
                " r.confidence, r.year, r.file\n"
                f"FROM reports AS r LEFT JOIN facts AS f ON f.report_id = r.id AND f.key IN ({keys})\n"
                f"WHERE {where}{group}")
        else:
            selects.append(f"SELECT r.id AS report_id, :t{i} AS template, 0 AS parts, NULL AS value,"
                           " 0 AS numbers, 0 AS printed, 0 AS guessed, NULL AS unit, r.confidence, r.year, r.file\n"
                           f"FROM reports AS r\nWHERE {where}")
    if rank_order:
        order = f"(numbers = parts AND parts > 0) DESC, value {rank_order}, year DESC, file"
    else:
        order = "year, file"
    sql = (selects[0] if len(selects) == 1 else "SELECT * FROM (\n" + "\nUNION ALL\n".join(selects) + "\n)") + \
        f"\nORDER BY {order}"
    default_unit = "yuan" if key.endswith(".amount") else "count"
    known = index.reports_by_id()
    lacking = {t: lacks(key, t) for t in templates
               if all(k not in key_set(t) for k in parts[t] or [key])}  # templates without the row
    cells: list[Cell] = []
    exact: list[int] = []
    for rid, t, n_parts, value, numbers, printed, guessed, unit, confidence, *_ in runner.tuples(sql, params):
        rep = known.get(rid)
        if rep is None:  # stored after the name index was built (an ingest running now): the rows decide
            return None
        if n_parts and numbers == n_parts:
            cells.append(Cell(rep, key, float(value), unit or default_unit, guessed=[GUESSED] if guessed else [],
                              confidence=confidence, thin=True, parts=n_parts, source=runner))
            continue
        cell = Cell(rep, key, unit=unit or default_unit, confidence=confidence)
        if not printed and t in lacking:
            cell.why = lacking[t]  # what the row-by-row rules say of a template without the row
        else:
            exact.append(len(cells))  # blank, unreadable, not read…: the row-by-row rules say which
        cells.append(cell)
    if exact:
        whole = _whole(runner, key, [cells[i] for i in exact])
        for i in exact:
            cells[i] = whole[cells[i].report.id]
    return cells


def _whole(runner: Runner, key: str, thin: list[Cell]) -> dict[str, Cell]:
    reports = [c.report for c in thin]
    done = fetch_cells(runner, [key], Scope(report_ids=[r.id for r in reports]), reports, show=False)[key]
    return {c.report.id: c for c in done}


def hydrate(cells: list[Cell]) -> list[Cell]:
    """`cells` with every thin one made whole (its fact rows, guessed-unit notes), in the same order."""
    thin = [c for c in cells if c.thin]
    if not thin:
        return cells
    whole = _whole(thin[0].source, thin[0].key, thin)
    for c in thin:
        w = whole[c.report.id]
        if not w.ok or abs(w.value - c.value) > 1e-9 * max(1.0, abs(c.value)):  # the two readings must agree
            raise FastPathMismatch(f"{c.report.id} {c.key}: SQL {c.value}, rows {w.value} ({w.why})")
    return [whole[c.report.id] if c.thin else c for c in cells]


class FastPathMismatch(RuntimeError):
    """The SQL cell and the row-by-row cell of one report differ (a bug: the answer falls back to the rows)."""
