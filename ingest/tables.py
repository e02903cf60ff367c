"""The three standard tables → facts under the canonical keys.

The text is tokenised under each plausible layout reading (`ingest.tokens`), the rows are found by
an order-respecting alignment of their labels to the template (`ingest.align`), and the reading whose
cells fit best is kept. A row's values are placed in its columns only where the layout says where
they go; a row not found, cut off, or whose columns cannot be told is `not_read`, never blank and
never a number. Rows whose cells ran together are split under the balance rules (`ingest.scraped`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from decimal import Decimal
from typing import Callable, Optional, Sequence

from ingest import checks, scraped
from ingest.align import (MAX_ROW_LABEL_CELLS, Match, Segment, align, bare_label, is_title_cell, review_values,
                          segments, split_labels)
from ingest.cells import Cell, Kind, norm, parse_number
from ingest.money import apply_money_unit
from ingest.tokens import EMPTY, GAP, VALUE, Tok, modes_for, tokenise
from nianbao import catalogue, keys
from nianbao.catalogue import TEMPLATE_HEADERS, table_order
from nianbao.models import CellState, Fact

def _make_fact(table: str, row: str, col: str, cell: Cell, unit: str = "count") -> Fact:
    kind = cell.kind
    if kind is Kind.EMPTY:
        return Fact(table=table, row=row, col=col, state=CellState.BLANK, unit=unit, raw=cell.raw, line=cell.line)
    parsed = parse_number(cell.raw) if kind is Kind.NUMBER else None
    if parsed is None:
        return Fact(table=table, row=row, col=col, state=CellState.UNREADABLE, unit=unit, raw=cell.raw,
                    line=cell.line, note="printed but not readable as a number")
    value, _ = parsed
    if not _storable(value):
        return Fact(table=table, row=row, col=col, state=CellState.UNREADABLE, unit=unit, raw=cell.raw[:80],
                    line=cell.line, note=TOO_LARGE)
    return Fact(table=table, row=row, col=col, state=CellState.NUMBER, unit=unit, raw=cell.raw, line=cell.line,
                value=float(value))


MAX_FIGURE = Decimal("1e15")  # above any figure a report prints (yuan included); floats stay exact below it
TOO_LARGE = "a number too large to be a report's figure (damaged text?); not stored as a number"


def _storable(value: Decimal) -> bool:
    return value.is_finite() and abs(value) < MAX_FIGURE


def _num(cell: Cell) -> Optional[Decimal]:
    parsed = parse_number(cell.raw) if cell.kind is Kind.NUMBER else None
    return parsed[0] if parsed else None


def _row_balances(cells: Sequence[Cell]) -> bool:
    nums = [_num(c) for c in cells]
    if any(v is None for v in nums):
        return False
    return sum(nums[:6]) == nums[6]


def _review_balances(cells: Sequence[Cell]) -> bool:
    nums = [_num(c) for c in cells]
    if any(v is None for v in nums):
        return False
    return all(sum(nums[g:g + 4]) == nums[g + 4] for g in (0, 5, 10))


def _reading_fact(table: str, row: str, col: str, reading: "scraped.CellReading", line: int) -> Fact:
    if reading.determined and not _storable(reading.value):
        return Fact(table=table, row=row, col=col, state=CellState.UNREADABLE, raw=reading.raw[:80], line=line,
                    note=TOO_LARGE)
    if reading.determined:
        return Fact(table=table, row=row, col=col, state=CellState.NUMBER, value=float(reading.value),
                    raw=reading.raw + (reading.unit or ""), line=line)
    return Fact(table=table, row=row, col=col, state=CellState.UNREADABLE, raw=reading.raw, line=line,
                candidates=[float(c) for c in reading.candidates],
                note=reading.note or "cells run together; more than one reading fits")


def not_read(table: str, row: str, col: str, why: str, line: Optional[int] = None) -> Fact:
    """A cell of the template that was not read (never blank, never a number)."""
    return Fact(table=table, row=row, col=col, state=CellState.NOT_READ, line=line,
                unit="yuan" if keys.is_money(f"{table}.{row}.{col}") else "count", note=why)


def _cell(tok: Tok) -> Cell:
    return Cell(tok.raw, tok.line)


def _window(cells: list[Tok], n: int, balanced) -> Optional[list[Tok]]:
    """n consecutive cells out of too many: the one window that balances (R3/R4), else None."""
    windows = [cells[i:i + n] for i in range(len(cells) - n + 1)]
    fitting = [w for w in windows if balanced([_cell(t) for t in w])]
    distinct = {tuple(_num(_cell(t)) for t in w) for w in fitting}
    return fitting[-1] if len(distinct) == 1 else None


def _by_position(values: list[Tok], n: int, start_col: Optional[int], closed: bool) -> Optional[list[Tok]]:
    """A one-line row's cells taken at the columns the table's complete rows use. Cells missing at
    the end of a closed line are empty: row-per-line exports drop trailing empty cells."""
    cells = [t for t in values if t.kind != GAP]
    if start_col is None or not cells or any(t.col < 0 or t.line != cells[0].line for t in cells):
        return None
    by_col = {t.col: t for t in cells}
    if any(t.kind == VALUE and not start_col <= t.col < start_col + n for t in cells):
        return None
    last = max(by_col)
    picked = []
    for c in range(start_col, start_col + n):
        if c in by_col:
            picked.append(by_col[c])
        elif c > last and closed:
            picked.append(Tok(EMPTY, "", cells[0].line, c))
        else:
            return None
    return picked


def assign(values: list[Tok], n: int, closed: bool, explicit: bool, balanced=None,
           start_col: Optional[int] = None, row_lines: bool = False,
           lead: Optional[int] = None) -> tuple[Optional[list[Tok]], str]:
    """The n cells of a row from the value tokens after its label, or (None, why not).

    `explicit`: the layout prints empty cells (pipes, tabs, blank lines between cells); where it drops
    them, a row with fewer values than columns cannot be placed and is not read. `row_lines`: rows are
    printed one per line, so a label with nothing after it may have its values on another line. A row with too many
    cells keeps the span between its outer empty cells, else the window the balance rules single out."""
    cells = [t for t in values if t.kind != GAP]
    if lead and len(cells) > lead and all(t.kind == EMPTY for t in cells[:lead]):
        cells = cells[lead:]  # the empty label cells the table's complete rows print before their values
        values = values[values.index(cells[0]):]
    gaps = [i for i, t in enumerate(values) if t.kind == GAP]
    numbers = [t for t in cells if t.kind == VALUE]
    if not numbers:
        if closed and (len(cells) >= n if explicit or row_lines else not gaps):
            return [Tok(EMPTY, "", (values or [Tok(EMPTY, "", 0)])[0].line)] * n, ""
        return None, "the row prints no values before the text ends" if not closed else \
            "the row's empty cells cannot be counted"
    first = values.index(numbers[0])
    last = len(values) - 1 - values[::-1].index(numbers[-1])
    if any(first < g < last for g in gaps):
        return None, "merged or dropped cells inside the row; its columns cannot be told"
    placed = _by_position(values, n, start_col, closed)
    if placed:
        return placed, ""
    if len(cells) == n and (explicit or len(numbers) == n):
        return cells, ""
    if lead is not None and len(cells) < n:
        return None, f"{len(cells)} cells after the label cells for {n} columns; which are empty cannot be told"
    if len(cells) < n:
        return None, f"{len(numbers)} values printed for {n} columns; which columns they belong to cannot be told"
    lead = next(i for i, t in enumerate(cells) if t.kind != EMPTY)
    tail = len(cells) - next(i for i, t in enumerate(reversed(cells)) if t.kind != EMPTY)
    core = cells[lead:tail]
    if len(core) == n:
        return core, ""
    if len(core) > n:
        window = _window(core, n, balanced) if balanced else None
        return (window, "") if window else (None, f"{len(core)} cells for {n} columns; no unique reading balances")
    need = n - len(core)
    if lead == 0:
        return core + cells[tail:tail + need], ""
    if tail == len(cells):
        return cells[lead - need:lead] + core, ""
    return None, "empty cells on both sides of the values; which columns are empty cannot be told"


def label_col(seg: Segment) -> int:
    """The column of a one-line row's last label cell (-1 when the row is not on one line)."""
    last = seg.labels[-1] if seg.labels else None
    return last.col if last is not None and seg.values and last.line == seg.values[0].line else -1


OTHER_SUBROWS = ("other_no_correction", "other_no_fee", "other_misc")
TOP_ROWS = ("new", "carried_in", "carried_out")  # section-三 rows whose label spans both label columns


def _dominant(values: list[int]) -> tuple[int, int]:
    best = max(set(values), key=values.count)
    return best, values.count(best)


def values_start(cells: list[Tok], n: int) -> Optional[int]:
    """Where a row's n value cells start among its cells, when the row shows it: a complete row (n
    values in a row), or a row printing all its cells, some empty, with its last one (总计) printed
    (tables with a column printed empty in every row have no complete row, but totals end the grid)."""
    first = next((i for i, t in enumerate(cells) if t.kind == VALUE), None)
    if first is not None and len(cells) >= first + n and all(t.kind == VALUE for t in cells[first:first + n]):
        return first
    if len(cells) >= n and cells[-1].kind == VALUE:
        return len(cells) - n
    return None


def value_columns(matches: list[Match], n: int) -> Callable[[Match], Optional[int]]:
    """Where a one-line row's values start, learnt from the table's complete rows: at one column for
    every row (a regular grid), or a fixed number of columns after the label, one for top-level rows
    and one for sub-rows (a label merged over two columns, 一、本年新收…, is exported with an empty cell
    after it, which is part of the label; drifting exports keep this offset but not the column).
    The model that explains more complete rows wins; neither, when fewer than 3 in 5 agree."""
    starts: list[tuple[Match, int]] = []
    for m in matches:
        cells = [t for t in m.segment.values if t.kind != GAP]
        if label_col(m.segment) < 0 or not cells or any(t.col < 0 for t in cells):
            continue
        first = values_start(cells, n)
        if first is not None:
            starts.append((m, cells[first].col))
    if not starts:
        return lambda m: None
    column, agree_abs = _dominant([c for _, c in starts])
    offsets: dict[bool, int] = {}
    agree_rel = 0
    for top in (True, False):
        group = [c - label_col(m.segment) for m, c in starts if (m.key in TOP_ROWS) == top]
        if group:
            offsets[top], count = _dominant(group)
            agree_rel += count
    if max(agree_abs, agree_rel) * 5 < len(starts) * 3:
        return lambda m: None
    if agree_abs >= agree_rel:
        return lambda m: column if label_col(m.segment) >= 0 else None
    return lambda m: (label_col(m.segment) + offsets[m.key in TOP_ROWS]
                      if label_col(m.segment) >= 0 and (m.key in TOP_ROWS) in offsets else None)


def leading_empties(matches: list[Match], n: int) -> Callable[[Match], Optional[int]]:
    """Rows not printed on one line (one cell per line): how many empty cells come between a row's
    label and its values, learnt from the table's complete rows like `value_columns` (a label merged
    over two columns is exported with an empty cell after it). Per group of top-level rows and
    sub-rows; None where fewer than 3 in 5 of the group's complete rows agree."""
    groups: dict[bool, list[int]] = {True: [], False: []}
    for m in matches:
        if label_col(m.segment) >= 0:
            continue  # one-line rows are placed by column
        cells = [t for t in m.segment.values if t.kind != GAP]
        first = values_start(cells, n)
        if first is not None:
            groups[m.key in TOP_ROWS].append(first)
    learnt: dict[bool, int] = {}
    for top, firsts in groups.items():
        if firsts:
            value, count = _dominant(firsts)
            if count * 5 >= len(firsts) * 3:
                learnt[top] = value
    return lambda m: learnt.get(m.key in TOP_ROWS) if label_col(m.segment) < 0 else None


@dataclass
class Reading:
    """The tables of one report under one layout reading."""

    facts: list[Fact]
    layout: str
    rows_found: int
    warnings: list[str] = field(default_factory=list)

    @property
    def cells_read(self) -> int:
        return sum(f.state in (CellState.NUMBER, CellState.BLANK) for f in self.facts)


class TableReader:
    """Reads the facts of one report's tables from its lines; collects warnings on the way.

    `pins` are numbers the narrative restates (`{"requests.new.total": 4}`); they only help to split
    scraped rows whose cells ran together.
    """

    def __init__(self, template: str, pins: Optional[dict[str, Decimal]] = None):
        self.template = template
        self.pins = pins or {}
        self.warnings: list[str] = []
        self._row_lines = False

    def read(self, lines: list[str]) -> Reading:
        """Every layout reading worth trying; the one whose cells fit the template best.

        Readings that fit equally well (as many cells read, as many rows found) are told apart by the
        balance rules; where the best of them still disagree on a cell, the text can be read more than
        one way there and the cell is not read (one-cell-per-line layouts with a column printed empty
        everywhere: which column is the empty one, nothing in the text says)."""
        readings: list[Reading] = []
        seen: set[tuple] = set()
        shapes: dict[tuple, tuple[Optional[int], tuple]] = {}
        text = "\n".join(lines)
        for mode in modes_for(lines):
            tokens = tokenise(lines, mode)
            signature = tuple(tokens)
            if signature in seen:
                continue
            seen.add(signature)
            segs = [part for seg in segments(tokens) for part in split_labels(seg, self.template)]
            # Layouts read under several modes (blank lines as cell separators, as row breaks, ignored)
            # often give different token streams but the same segments: every row, label and cell token
            # alike. Such a reading matches the same rows with the same cells; only section 四's cells,
            # read from the stream after the last matched row, can still differ. When they do not, the
            # reading is the earlier one again and adds nothing to the choice below: it is not redone.
            shape = (any(t.kind == EMPTY for t in tokens), any(t.col >= 0 for t in tokens),
                     tuple((tuple(s.labels), tuple(s.values), s.closed, s.run) for s in segs))
            if shape in shapes:
                last, review = shapes[shape]
                if _review_input(tokens, segs, last) == review:
                    continue
            reading, last = self._read_tokens(tokens, segs, mode.name, text)
            shapes.setdefault(shape, (last, _review_input(tokens, segs, last)))
            readings.append(reading)
            if readings[-1].cells_read == self._cells_expected() and all(
                    t.col >= 0 for t in tokens if t.kind == VALUE):
                break  # every cell read from rows printed one per line: no other mode reads them otherwise
        top_fit = max(_fit(r)[:2] for r in readings)
        tied = [r for r in readings if _fit(r)[:2] == top_fit]
        if len(tied) > 1:
            scores = [self._balance_score(r) for r in tied]
            tied = [r for r, sc in zip(tied, scores) if sc == max(scores)]
        best = max(tied, key=_fit)
        for other in tied:
            if other is not best:
                _not_read_where_different(best, other)
        self.warnings += best.warnings
        return best

    def _balance_score(self, reading: Reading) -> int:
        passed, failed = checks.balance_tally(SimpleNamespace(facts=reading.facts, template=self.template))
        return passed - failed

    def _cells_expected(self) -> int:
        return len(keys.template_keys(self.template))

    def _read_tokens(self, tokens: list[Tok], segs: list[Segment], layout: str, text: str) -> tuple[Reading, Optional[int]]:
        """The reading of `tokens` (cut into `segs`), and the index in `segs` of the last matched row."""
        warnings: list[str] = []
        order = table_order(self.template, "active") + table_order(self.template, "requests")
        matches = _plausible(align(segs, order, self.template))
        by_table = {t: [m for m in matches if m.table == t] for t in ("active", "requests")}
        explicit = any(t.kind == EMPTY for t in tokens)
        self._row_lines = any(t.col >= 0 for t in tokens)
        facts = self._active(by_table["active"], explicit, warnings)
        self._money(facts, text)
        facts += self._requests(by_table["requests"], explicit, warnings)
        matched = {id(m.segment) for m in matches}
        last = max((i for i, seg in enumerate(segs) if id(seg) in matched), key=lambda i: segs[i].end, default=None)
        facts += self._review(tokens, _after(segs, last), explicit, warnings)
        return Reading(facts, layout, len(matches), warnings), last

    def _solved(self, table: str, runs: dict[str, "scraped.Run"], solve, warnings: list[str]) -> dict[str, list[Fact]]:
        """Facts of scraped rows, split by `solve` (one of the scraped solvers)."""
        solution = solve(runs)
        warnings += [f"{table}: {n}" for n in solution.notes]
        out = {}
        for key, readings in solution.cells.items():
            line = runs[key].line if key in runs else next(iter(runs.values())).line
            out[key] = [_reading_fact(table, key, col, r, line) for col, r in readings.items()]
        return out

    def _pins(self, table: str) -> dict[str, Decimal]:
        return {k: v for k, v in self.pins.items() if k.startswith(table + ".")}

    def _row_facts(self, table: str, key: str, cols: Sequence[str], match: Optional[Match], explicit: bool,
                   warnings: list[str], balanced=None, start_col: Optional[int] = None,
                   lead: Optional[int] = None) -> list[Fact]:
        if match is None:
            return [not_read(table, key, c, "row not found in the text") for c in cols]
        seg = match.segment
        if not any(t.kind == VALUE for t in seg.values) and re.search(r"\d", seg.label[-8:]):
            why = "digits printed with the label could not be separated from it"  # never read as a blank row
            return [not_read(table, key, c, why, seg.line) for c in cols]
        cells, why = assign(seg.values, len(cols), seg.closed, explicit, balanced, start_col, self._row_lines, lead)
        if cells is None:
            warnings.append(f"{table}.{key} (line {seg.line}): {why}")
            return [not_read(table, key, c, why, seg.line) for c in cols]
        return [_make_fact(table, key, c, _cell(t)) for c, t in zip(cols, cells)]

    # ---- section 二 -------------------------------------------------------------------------
    def _active(self, matches: list[Match], explicit: bool, warnings: list[str]) -> list[Fact]:
        specs = {s.key: s for s in keys.active_rows(self.template)}
        found = {m.key: m for m in matches}
        runs = {k: scraped.make_run("active", k, norm(m.segment.values[0].raw), m.segment.line, self.template)
                for k, m in found.items() if m.segment.run}
        solved = self._solved("active", runs, lambda r: scraped.solve_active(r, self._pins("active")),
                              warnings) if runs else {}
        facts: list[Fact] = []
        for key, spec in specs.items():
            match = found.get(key)
            if key in solved:
                facts += solved[key]
            else:
                start = match and value_columns([m for m in found.values() if len(specs[m.key].cols) == len(spec.cols)],
                                                len(spec.cols))(match)
                facts += self._row_facts("active", key, spec.cols, match, explicit, warnings, start_col=start)
        return facts

    def _money(self, facts: list[Fact], header_text: str) -> None:
        by_key = {f.key: f for f in facts}
        projects = by_key.get("active.procurement.projects")
        for key in ("active.procurement.amount", "active.fees.amount"):
            fact = by_key.get(key)
            if fact is None:
                continue
            fact.unit = "yuan"
            if fact.state is not CellState.NUMBER:
                continue
            number, cell_unit = parse_number(fact.raw)
            header_unit = _header_money_unit(header_text, key)
            n_projects = projects.value if projects is not None and projects.state is CellState.NUMBER else None
            apply_money_unit(fact, number, cell_unit, header_unit, n_projects)

    # ---- section 三 -------------------------------------------------------------------------
    def _requests(self, matches: list[Match], explicit: bool, warnings: list[str]) -> list[Fact]:
        found = {m.key: m for m in matches}
        runs = {k: scraped.make_run("requests", k, norm(m.segment.values[0].raw), m.segment.line, self.template)
                for k, m in found.items() if m.segment.run}
        solved = self._solved("requests", runs, lambda r: scraped.solve_requests(
            r, self.template, self._pins("requests")), warnings) if runs else {}
        start_of = value_columns(list(found.values()), len(keys.REQUEST_COLS))
        lead_of = leading_empties(list(found.values()), len(keys.REQUEST_COLS))
        facts: list[Fact] = []
        rows = [k for k, _ in keys.request_rows(self.template)] + (["other"] if self.template == "2021" else [])
        subrows = OTHER_SUBROWS
        present = set(found) | set(solved)
        undivided = self.template == "2021" and "other" in present and not any(k in present for k in subrows)
        for key in rows:
            if key in solved:
                facts += solved[key]
            elif self.template == "2021" and key == "other" and not undivided and not any(k in present for k in subrows):
                # neither the undivided row nor its sub-rows were found: which one the report prints
                # cannot be told, so the undivided row is not read either (never `absent`)
                facts += [not_read("requests", key, c, "row not found in the text") for c in keys.REQUEST_COLS]
            elif self.template == "2021" and key == "other" and not undivided:
                facts += [Fact(table="requests", row=key, col=c, state=CellState.ABSENT,
                               note="the 2021 template splits 其他处理 into three rows") for c in keys.REQUEST_COLS]
            elif undivided and key in subrows:
                facts += [Fact(table="requests", row=key, col=c, state=CellState.ABSENT,
                               note="report prints one undivided 其他处理 row; stored under requests.other")
                          for c in keys.REQUEST_COLS]
            else:
                match = found.get(key)
                start = start_of(match) if match else None
                facts += self._row_facts("requests", key, keys.REQUEST_COLS, match, explicit, warnings,
                                         _row_balances, start, lead_of(match) if match else None)
        return facts

    # ---- section 四 -------------------------------------------------------------------------
    def _review(self, tokens: list[Tok], after: int, explicit: bool, warnings: list[str]) -> list[Fact]:
        values, closed = review_values(tokens, after)
        flat = [(r, c) for r, _ in keys.REVIEW_ROWS for c in keys.REVIEW_COLS]
        numbers = [t for t in values if t.kind == VALUE]
        if len(numbers) == 1 and len(norm(numbers[0].raw)) >= 15:  # scraped: fifteen cells run together
            run = scraped.make_run("review", "review", norm(numbers[0].raw), numbers[0].line)
            solution = scraped.solve_review(run, self._pins("review"))
            warnings += [f"review: {n}" for n in solution.notes]
            return [_reading_fact("review", row, col, reading, run.line)
                    for row, cols in solution.cells.items() for col, reading in cols.items()]
        if not values:
            return [not_read("review", r, c, "section 四 table not found in the text") for r, c in flat]
        cells, why = assign(values, 15, closed, explicit, _review_balances, row_lines=self._row_lines)
        if cells is None:
            warnings.append(f"review (line {values[0].line}): {why}")
            return [not_read("review", r, c, why, values[0].line) for r, c in flat]
        return [_make_fact("review", r, c, _cell(t)) for (r, c), t in zip(flat, cells)]


def _plausible(matches: list[Match]) -> list[Match]:
    """Drop matches the rows around them contradict: a bare `其他` that is not the third 其他处理
    sub-row, and the undivided 其他处理 row where its sub-rows were printed (it is their group title)."""
    keys_found = [m.key for m in matches]
    out = []
    for i, m in enumerate(matches):
        if _header_cell(m):
            continue
        if m.weak and (i == 0 or matches[i - 1].key not in ("other_no_fee", "other_no_correction")):
            continue
        if m.key == "other" and any(k in OTHER_SUBROWS for k in keys_found):
            continue
        out.append(m)
    return out


def _header_cell(m: Match) -> bool:
    """A table header, not a row: a column title (`总计`), or a run of many label cells, with no values
    after it. One-cell-per-line layouts print header cells just like a label followed by empty cells,
    and run the header cells of one table into the next; such a match must not become a blank row."""
    if any(t.kind == VALUE for t in m.segment.values):
        return False
    if any(is_title_cell(t) for t in m.segment.labels) or len(m.segment.labels) > MAX_ROW_LABEL_CELLS:
        return True
    bare = [bare_label(t) for t in m.segment.labels]
    joined = "".join(bare)  # header cells run together (`结果维持结果纠正…总计`)
    return sum(t in joined for t in catalogue.COLUMN_TITLES if len(t) >= 3) >= 2


def _not_read_where_different(best: Reading, other: Reading) -> None:
    """Cells two equally good readings read differently become not read in `best`."""
    theirs = {f.key: f for f in other.facts}
    for i, f in enumerate(best.facts):
        o = theirs.get(f.key)
        read = (CellState.NUMBER, CellState.BLANK)
        if o is None or f.state not in read or o.state not in read:
            continue
        if (o.state, o.value) != (f.state, f.value):
            why = f"the layout reads two ways here ({f.raw or 'empty'} in {best.layout}, {o.raw or 'empty'} in {other.layout})"
            best.facts[i] = not_read(f.table, f.row, f.col, why, f.line)


def _after(segs: list[Segment], last: Optional[int]) -> int:
    """Index in the token stream after the last matched row (where section 四 is looked for)."""
    return segs[last].end if last is not None else 0


def _review_input(tokens: list[Tok], segs: list[Segment], last: Optional[int]) -> tuple:
    values, closed = review_values(tokens, _after(segs, last))
    return tuple(values), closed


def _fit(reading: Reading) -> tuple:
    """How well a reading fits the template: cells read, then rows found, then fewer warnings."""
    return reading.cells_read, reading.rows_found, -len(reading.warnings)



def _header_money_unit(header_text: str, key: str) -> Optional[str]:
    """`采购总金额（万元）`, `本年收费金额（单位：万元）` → 万元."""
    anchor = "采购总金额" if "procurement" in key else "收费金额"
    text = norm(header_text)
    i = text.find(anchor)
    if i < 0:
        return None
    m = re.match(r"[（(]?(单位[:：])?(万元|元)", text[i + len(anchor): i + len(anchor) + 8])
    return m.group(2) if m else None


def detect_template(text: str) -> Optional[str]:
    """`2021` or `2019` from the column titles printed anywhere in the text (not from the year)."""
    flat = norm(text)
    hits = {version: sum(w in flat for w in words) for version, words in TEMPLATE_HEADERS.items()}
    if hits["2021"] == hits["2019"]:
        return None
    return max(hits, key=hits.get)


def absent_facts(template: str) -> list[Fact]:
    """The other version's cells (procurement in a 2021 report …) as `absent`."""
    own = set(keys.template_keys(template))
    if template == "2021":
        own |= {f"requests.other.{c}" for c in keys.REQUEST_COLS}
    out = []
    for key in keys.all_keys():
        if key not in own:
            table, row, col = key.split(".")
            out.append(Fact(table=table, row=row, col=col, state=CellState.ABSENT,
                            unit="yuan" if keys.is_money(key) else "count",
                            note=f"the {template} template has no such cell"))
    return out
