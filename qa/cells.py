"""Fetch the cells a plan needs, one `Cell` per report, with template awareness.

A report whose template version lacks the cell (procurement in a 2021 report), or whose cell was printed
blank or is unreadable, yields a Cell with `why` set: it is skipped and reported, never read as 0.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Optional

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


def _template_parts(key: str, index) -> Optional[tuple[list[str], dict[str, list[str]]]]:
    """(the store's template versions, the rows `key` sums in each); None when `key` needs the row-by-row
    rules (split rows, equivalents)."""
    if split_keys(key) or key in EQUIVALENTS:
        return None
    templates = index.derive("templates", lambda: sorted({r.template or "2019" for r in index.reports}))
    return templates, {t: expand(key, t) for t in templates}


def _columns(one: bool) -> tuple[str, ...]:
    """value, how many rows are printed numbers, whether printed, a guessed unit, the unit: of one fact row,
    or summed over a report's rows (GROUP BY). Truth values as 1 / 0 (NULL with no row), written out as CASE
    so the SQL is the same on PostgreSQL, which has no arithmetic on booleans."""
    number = "CASE WHEN f.state = 'number' THEN 1 WHEN f.state IS NOT NULL THEN 0 END"
    printed = "CASE WHEN f.state != 'absent' THEN 1 WHEN f.state IS NOT NULL THEN 0 END"
    guessed = "CASE WHEN COALESCE(f.unit_assumed, '') != '' THEN 1 ELSE 0 END"
    if one:
        return ("f.value", number, printed, guessed, "f.unit")
    return ("SUM(f.value)", f"SUM({number})", f"SUM({printed})", f"MAX({guessed})", "MIN(f.unit)")


def _union(selects: list[str]) -> str:
    return selects[0] if len(selects) == 1 else "SELECT * FROM (\n" + "\nUNION ALL\n".join(selects) + "\n) AS per_version"


def _per_report(key: str, scope: Scope, index) -> Optional[tuple[str, dict, list[str], dict[str, list[str]]]]:
    """(SQL, params, templates, parts per template) of one row per report in scope: its value of `key`,
    how many of its rows are printed numbers, whether printed at all, a guessed unit; None when `key`
    needs the row-by-row rules (split rows, equivalents)."""
    versions = _template_parts(key, index)
    if versions is None:
        return None
    templates, parts = versions
    clauses, params = scope.where()
    selects = []
    # by template version, as an index can seek it (a report read with none counts as of the 2019 one)
    versions = [(i, t, f"r.template = :t{i}") for i, t in enumerate(templates)]
    versions += [(i, t, "r.template IS NULL") for i, t in enumerate(templates) if t == "2019"]
    for i, t, version in versions:
        params[f"t{i}"] = t
        where = " AND ".join([*clauses, version])
        tail = " r.confidence, r.year, r.file, r.agency_kind AS kind"
        if parts[t]:
            params.update({f"k{i}_{j}": k for j, k in enumerate(parts[t])})
            keys = ", ".join(f":k{i}_{j}" for j in range(len(parts[t])))
            # one row: no GROUP BY (a quarter of the time); several: their sum, and how many were numbers
            one = len(parts[t]) == 1
            cols = _columns(one)
            group = "" if one else "\nGROUP BY r.id"
            selects.append(
                f"SELECT r.id AS report_id, :t{i} AS template, {len(parts[t])} AS parts, {cols[0]} AS value,"
                f" {cols[1]} AS numbers, {cols[2]} AS printed, {cols[3]} AS guessed, {cols[4]} AS unit,{tail}\n"
                f"FROM reports AS r LEFT JOIN facts AS f ON f.report_id = r.id AND f.key IN ({keys})\n"
                f"WHERE {where}{group}")
        else:
            selects.append(f"SELECT r.id AS report_id, :t{i} AS template, 0 AS parts, NULL AS value,"
                           f" 0 AS numbers, 0 AS printed, 0 AS guessed, NULL AS unit,{tail}\n"
                           f"FROM reports AS r\nWHERE {where}")
    return _union(selects), params, templates, parts


def _per_stored_report(key: str, scope: Scope, index) -> Optional[tuple[str, dict, list[str], dict[str, list[str]]]]:
    """`_per_report` of the reports in scope that have a row of `key` stored (with those of a template
    version that has no such row), read from the key's side: its index in report order, then each report
    by id, in one pass whatever the template versions (about a third of the time of walking every report
    and looking its rows up, which is what a national corpus needs)."""
    versions = _template_parts(key, index)
    if versions is None:
        return None
    templates, parts = versions
    clauses, params = scope.where()
    version = "COALESCE(r.template, '2019')"
    keys = sorted({k for t in templates for k in parts[t]})
    params.update({f"k{j}": k for j, k in enumerate(keys)})
    params.update({f"t{i}": t for i, t in enumerate(templates)})
    tail = " r.confidence, r.year, r.file, r.agency_kind AS kind"
    selects = []
    if keys:
        match = " OR ".join(f"({version} = :t{i} AND f.key IN ({', '.join(f':k{keys.index(k)}' for k in parts[t])}))"
                            for i, t in enumerate(templates) if parts[t])
        n_parts = "CASE " + version + "".join(f" WHEN :t{i} THEN {len(parts[t])}" for i, t in enumerate(templates)) + \
            " ELSE 0 END"
        one = all(len(parts[t]) <= 1 for t in templates)  # one row per report: no GROUP BY (no sort)
        cols = _columns(one)
        selects.append(
            f"SELECT r.id AS report_id, {version} AS template, {n_parts} AS parts, {cols[0]} AS value,"
            f" {cols[1]} AS numbers, {cols[2]} AS printed, {cols[3]} AS guessed, {cols[4]} AS unit,{tail}\n"
            f"FROM facts AS f JOIN reports AS r ON r.id = f.report_id\n"
            f"WHERE f.key IN ({', '.join(f':k{j}' for j in range(len(keys)))}) AND {' AND '.join(clauses)} AND ({match})"
            + ("" if one else "\nGROUP BY r.id"))
    lacking = [i for i, t in enumerate(templates) if not parts[t]]
    if lacking:  # a template version without the row: its reports, every cell left out with that reason
        selects.append(f"SELECT r.id AS report_id, {version} AS template, 0 AS parts, NULL AS value, 0 AS numbers,"
                       f" 0 AS printed, 0 AS guessed, NULL AS unit,{tail}\nFROM reports AS r\n"
                       f"WHERE {' AND '.join(clauses)} AND {version} IN ({', '.join(f':t{i}' for i in lacking)})")
    return _union(selects), params, templates, parts


OK_SQL = "(COALESCE(numbers, 0) = parts AND parts > 0)"  # a per-report row that is a usable number: every row printed as one


def fast_cells(runner: Runner, key: str, scope: Scope, index, rank_order: Optional[str] = None) -> Optional[list[Cell]]:
    """Every report in scope as a Cell of `key`, computed in one SQL statement, in report order
    (`rank_order` "DESC"/"ASC": printed numbers first, by value); None when `key` needs the row-by-row
    rules (split rows, equivalents)."""
    built = _per_report(key, scope, index)
    if built is None:
        return None
    per, params, templates, parts = built
    order = f"{OK_SQL} DESC, value {rank_order}, year DESC, file" if rank_order else "year, file"
    cells = _cells(key, runner.tuples(f"{per}\nORDER BY {order}", params), index, templates, parts, runner)
    return None if cells is None else _made_whole(runner, key, cells)


WINDOW_FROM = 1000  # reports in scope from which a ranking or total reads a `Window` instead of every cell


@dataclass
class Window:
    """A ranking or a total over many reports done in SQL: the usable cells an answer shows (the first
    `size` in its order, whole), the first unusable ones with their reasons, and counts of the rest.
    What it says equals what the same answer says from every cell (a test holds the two to each other)."""
    top: list[Cell]  # usable cells in the answer's order, the first `size`
    ok: int  # usable cells in all
    zeros: int  # usable cells equal to 0
    zero_head: list[Cell]  # the first of those, in the answer's order
    total: float  # sum of the usable values
    years: set[int]
    kinds: set[str]
    guessed: int  # usable cells with a guessed unit
    parts: int  # fact rows behind the usable cells (the citations an answer over all of them has)
    left_out: list[Cell]  # unusable cells with their reasons, the first `size`
    left_out_total: int
    count_equal: Callable[[float], int] = field(repr=False)  # usable cells in all equal to a value (one query)
    counted: dict[float, int] = field(default_factory=dict)  # value → usable cells equal to it, known

    def equal(self, value: float) -> int:
        """How many usable cells equal `value` (beyond the window too)."""
        if value not in self.counted:
            within = sum(1 for c in self.top if c.value == value)
            more = len(self.top) < self.ok and self.top and self.top[-1].value == value  # more may follow
            self.counted[value] = self.count_equal(value) if more else within
        return self.counted[value]


def window_cells(runner: Runner, key: str, scope: Scope, index, value_order: str, year_order: str,
                 left_order: str, size: int, zero_head: int = 0, minimum: Optional[int] = None) -> Optional[Window]:
    """`key` over the reports in scope as a `Window` (usable cells by value `value_order`, then year
    `year_order`, then file; the unusable ones in `left_order`); None when fewer than `minimum` reports
    are in scope (every cell is cheap then, and the answer reads them all) or the key needs the
    row-by-row rules."""
    built = _per_stored_report(key, scope, index)
    if built is None:
        return None
    per, params, templates, parts = built
    scope_where, _ = scope.where()  # its parameters are in `params` already
    cols = "report_id, template, parts, value, numbers, printed, guessed, unit, confidence, year, file, kind"
    order = f"value {value_order}, year {year_order}, file"
    # one statement, the per-report rows computed once: for usable and unusable rows, their counts and the
    # years and kinds they come from, in the columns of a row (tag 's'); then the first usable rows ('t'),
    # the first at 0 ('z'), the first unusable ('o'), and how many reports the scope holds ('n'); each value
    # in a column of its own type (usable 'ok' / '' in the unit's, the years in the file's, the count in the
    # parts'), as PostgreSQL's UNION needs
    # (the usable and the unusable rows' statistics as two filtered passes: a GROUP BY on the usable test
    # sorted every row into a temporary B-tree, ~30 ms of a ranking over 100,000 reports)
    # (the confidence and year columns typed: PostgreSQL types a column NULL in two UNION members as text)
    stats_cols = ("SUM(parts), SUM(value), COUNT(*), SUM(CASE WHEN value = 0 THEN 1 ELSE 0 END),"
                  " SUM(CASE WHEN guessed != 0 THEN 1 ELSE 0 END), {ok}, CAST(NULL AS REAL), CAST(NULL AS INTEGER),"
                  " group_concat(DISTINCT year), group_concat(DISTINCT kind) FROM per WHERE {where}")
    usable_stats = stats_cols.format(ok="'ok'", where=OK_SQL)
    unusable_stats = stats_cols.format(ok="''", where=f"NOT {OK_SQL}")
    sql = (
        f"WITH per AS MATERIALIZED ({per})\n"
        f"SELECT 's', NULL, NULL, {usable_stats}\n"
        f"UNION ALL SELECT 's', NULL, NULL, {unusable_stats}\n"
        f"UNION ALL SELECT * FROM (SELECT 't', {cols} FROM per WHERE {OK_SQL} ORDER BY {order} LIMIT {int(size)}) AS t\n"
        f"UNION ALL SELECT * FROM (SELECT 'z', {cols} FROM per WHERE {OK_SQL} AND value = 0"
        f" ORDER BY year {year_order}, file LIMIT {int(zero_head)}) AS z\n"
        f"UNION ALL SELECT * FROM (SELECT 'o', {cols} FROM per WHERE NOT {OK_SQL} ORDER BY {left_order}"
        f" LIMIT {int(size)}) AS o\n"
        # the reports in scope, with a stored row of the key or not
        f"UNION ALL SELECT 'n', NULL, NULL, COUNT(*), {', '.join(['NULL'] * 9)} FROM reports AS r"
        f" WHERE {' AND '.join(scope_where)}")
    rows = runner.tuples(sql, params, show=False)  # shown only if the window is used
    stats = [(ok, years, kinds, n, zeros, total, guessed, n_parts)
             for _, _, _, n_parts, total, n, zeros, guessed, ok, _, _, years, kinds in (r for r in rows if r[0] == "s")]
    in_scope = next(r[3] for r in rows if r[0] == "n")
    if in_scope < (WINDOW_FROM if minimum is None else minimum):
        return None
    runner.record(sql, params)
    unstored = in_scope - sum(row[3] for row in stats)
    if unstored:  # reports in scope with no row of the key: the unusable ones are looked for among all
        every, params_all, _, _ = _per_report(key, scope, index)
        rows = [r for r in rows if r[0] != "o"] + [("o", *r) for r in runner.tuples(
            f"WITH per AS ({every})\nSELECT {cols} FROM per WHERE NOT {OK_SQL} ORDER BY {left_order} LIMIT {int(size)}",
            params_all)]
    made = {tag: _cells(key, [r[1:] for r in rows if r[0] == tag], index, templates, parts, runner)
            for tag in "tzo"}
    if any(cells is None for cells in made.values()):
        return None
    usable = [row for row in stats if row[0]]
    return Window(top=made["t"], ok=sum(row[3] for row in usable), zeros=sum(row[4] or 0 for row in usable),
                  zero_head=made["z"], total=float(sum(row[5] or 0 for row in usable)),
                  years={int(y) for row in usable for y in (row[1] or "").split(",") if y},
                  kinds={k for row in usable for k in (row[2] or "").split(",") if k},
                  guessed=sum(row[6] or 0 for row in usable), parts=sum(row[7] or 0 for row in usable),
                  left_out=_made_whole(runner, key, made["o"]),
                  left_out_total=sum(row[3] for row in stats if not row[0]) + unstored,
                  count_equal=lambda v: runner.tuples(f"WITH per AS ({per})\nSELECT COUNT(*) FROM per"
                                                      f" WHERE {OK_SQL} AND value = :equal", {**params, "equal": v})[0][0])


def _cells(key: str, rows: list[tuple], index, templates: list[str],
           parts: dict[str, list[str]], runner: Optional[Runner] = None) -> Optional[list[Cell]]:
    """The rows of a `_per_report` query as cells: the usable ones thin (value from SQL), the others with
    the reason of a template lacking the row, or none yet (`_made_whole` asks the row-by-row rules)."""
    default_unit = "yuan" if key.endswith(".amount") else "count"
    known = index.reports_by_id()
    lacking = {t: lacks(key, t) for t in templates
               if all(k not in key_set(t) for k in parts[t] or [key])}  # templates without the row
    cells: list[Cell] = []
    for rid, t, n_parts, value, numbers, printed, guessed, unit, confidence, *_ in rows:
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
        cells.append(cell)
    return cells


def _made_whole(runner: Runner, key: str, cells: list[Cell]) -> list[Cell]:
    """`cells` with those neither usable nor explained (blank, unreadable, not read…) as the row-by-row
    rules make them: those rules say which."""
    exact = [i for i, c in enumerate(cells) if c.value is None and c.why is None]
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
