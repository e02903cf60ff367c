"""The three standard tables → facts under the canonical keys.

Rows are recognised by the meaning of their label (keywords that survive typos, cut labels and
drifting columns); a row whose label cannot be read is placed by template order. Values are read
left to right after the label; a row with too many cells is aligned by the balance rules.
"""
from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Optional, Sequence

from ingest import scraped
from ingest.cells import Cell, Kind, Row, norm, parse_number
from ingest.money import apply_money_unit
from nianbao import keys
from nianbao.models import CellState, Fact

ACTIVE_PATTERNS = [
    ("normative", ("规范性文件",)),
    ("rules", ("规章",)),
    ("licensing", ("行政许可",)),
    ("other_services", ("对外管理服务", "其他对外")),
    ("penalty", ("行政处罚",)),
    ("coercion", ("行政强制",)),
    ("fees", ("事业性收费", "行政事业性")),
    ("procurement", ("集中采购", "政府采购")),
]

REQUEST_PATTERNS = [
    ("new", ("本年新收", "新收政府")),
    ("carried_out", ("结转下年", "继续办理")),
    ("carried_in", ("上年结转",)),
    ("granted", ("予以公开",)),
    ("partial", ("部分公开",)),
    ("withheld_secret", ("国家秘密",)),
    ("withheld_law", ("法律行政", "行政法规", "禁止公开")),
    ("withheld_safety", ("三安全", "一稳定", "危及")),
    ("withheld_third_party", ("第三方",)),
    ("withheld_internal", ("内部事务",)),
    ("withheld_process", ("过程性",)),
    ("withheld_enforcement", ("执法案卷",)),
    ("withheld_query", ("行政查询", "查询事项")),
    ("unavailable_not_held", ("不掌握",)),
    ("unavailable_needs_creation", ("另行制作", "没有现成")),
    ("unavailable_unclear", ("仍不明确", "补正后申请")),
    ("declined_complaint", ("信访", "举报投诉")),
    ("declined_duplicate", ("重复申请",)),
    ("declined_publication", ("出版物",)),
    ("declined_excessive", ("大量反复",)),
    ("declined_confirmation", ("重新出具", "确认或")),
    ("other_no_correction", ("不补正",)),
    ("other_no_fee", ("缴纳费用", "未缴费", "收费通知")),
    ("handled", ("总计",)),
    ("other", ("其他处理",)),
]

_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）.、．]?")


def _match(label: str, patterns) -> Optional[str]:
    for key, words in patterns:
        if any(w in label for w in words):
            return key
    return None


def _fuzzy(label: str, labels: dict[str, str]) -> Optional[str]:
    """OCR-garbled labels (`行政处葫`, `属于国家泌密`): the clearly closest template label, if any."""
    text = _NUMBERING.sub("", label)
    scores = sorted(((SequenceMatcher(None, text, lab).ratio(), key) for key, lab in labels.items()), reverse=True)
    if scores and scores[0][0] >= 0.7 and (len(scores) == 1 or scores[0][0] - scores[1][0] >= 0.15):
        return scores[0][1]
    return None


_ACTIVE_LABELS = {s.key: s.label for s in keys.ACTIVE_2019 + keys.ACTIVE_2021}
_REQUEST_LABELS = {k: lab.split("·")[-1] for k, lab in keys.REQUEST_ROWS_2019 + keys.REQUEST_ROWS_2021}


def _request_row_key(label: str, template: str) -> Optional[str]:
    # `（六）其他处理 3.其他` / `其他处理 | 其他`: the third 2021 sub-row, not the 2019 single row
    if _NUMBERING.sub("", label.split("其他处理")[-1]) == "其他":
        return "other_misc"
    return _match(label, REQUEST_PATTERNS) or _fuzzy(label.split("）")[-1].split(")")[-1], _REQUEST_LABELS)


def _make_fact(table: str, row: str, col: str, cell: Optional[Cell], unit: str = "count") -> Fact:
    if cell is None or cell.missing:
        return Fact(table=table, row=row, col=col, state=CellState.BLANK, unit=unit, line=cell and cell.line,
                    note="no cell for this column in the text (row not found or too few cells); blank, not 0")
    kind = cell.kind
    if kind is Kind.EMPTY:
        return Fact(table=table, row=row, col=col, state=CellState.BLANK, unit=unit, raw=cell.raw, line=cell.line)
    parsed = parse_number(cell.raw) if kind is Kind.NUMBER else None
    if parsed is None:
        return Fact(table=table, row=row, col=col, state=CellState.UNREADABLE, unit=unit, raw=cell.raw,
                    line=cell.line, note="printed but not readable as a number")
    value, _ = parsed
    return Fact(table=table, row=row, col=col, state=CellState.NUMBER, unit=unit, raw=cell.raw, line=cell.line,
                value=float(value))


def _trim(values: list[Cell]) -> list[Cell]:
    while values and values[-1].kind is Kind.EMPTY:
        values = values[:-1]
    while values and values[0].kind is Kind.EMPTY:
        values = values[1:]
    return values


def _num(cell: Cell) -> Optional[Decimal]:
    parsed = parse_number(cell.raw) if cell.kind is Kind.NUMBER else None
    return parsed[0] if parsed else None


def _window(values: list[Cell], n: int, balanced, prefer_last: bool) -> list[Cell]:
    """Choose n consecutive cells out of too many: the window that balances, else the preferred end."""
    windows = [values[i:i + n] for i in range(len(values) - n + 1)]
    fitting = [w for w in windows if balanced(w)]
    distinct = {tuple(_num(c) for c in w) for w in fitting}
    if len(distinct) == 1:
        return fitting[-1] if prefer_last else fitting[0]
    return windows[-1] if prefer_last else windows[0]


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


_RUN = re.compile(r"^(?P<label>.*?[^\d\-.,\s])\s*(?P<run>[+\-]?\d[\d\-.]*(?:万元|元)?)$")


def is_scraped(rows: list[Row]) -> bool:
    """A table whose cells were run together: no row prints two or more separate values."""
    with_values = [r for r in rows if r.has_values() or _RUN.match(norm(r.cells[0].raw) if r.cells else "")]
    return bool(with_values) and not any(
        sum(c.kind in (Kind.NUMBER, Kind.ODD) for c in r.label_and_values()[1]) >= 2 for r in with_values)


def run_of(row: Row) -> Optional[tuple[str, str, int]]:
    """(label, digit run, line) of a scraped row: `规范性文件898989`, or a label cell then `640020470`."""
    label, values = row.label_and_values()
    numbers = [c for c in values if c.kind is Kind.NUMBER]
    if len(numbers) == 1 and len(norm(numbers[0].raw)) >= 2:
        return label, norm(numbers[0].raw), numbers[0].line
    if not numbers and row.cells:
        text = "".join(norm(c.raw) for c in row.cells)
        m = _RUN.match(text)
        if m and len(m.group("label")) <= 60:
            return m.group("label"), m.group("run"), row.cells[-1].line
    return None


def _reading_fact(table: str, row: str, col: str, reading: "scraped.CellReading", line: int) -> Fact:
    if reading.determined:
        return Fact(table=table, row=row, col=col, state=CellState.NUMBER, value=float(reading.value),
                    raw=reading.raw + (reading.unit or ""), line=line)
    return Fact(table=table, row=row, col=col, state=CellState.UNREADABLE, raw=reading.raw, line=line,
                candidates=[float(c) for c in reading.candidates],
                note=reading.note or "cells run together; more than one reading fits")


class TableReader:
    """Reads the facts of one report's tables; collects warnings on the way.

    `pins` are numbers the narrative restates (`{"requests.new.total": 4}`); they only help to split
    scraped rows whose cells ran together.
    """

    def __init__(self, template: str, pins: Optional[dict[str, Decimal]] = None):
        self.template = template
        self.pins = pins or {}
        self.warnings: list[str] = []

    def _solved(self, table: str, runs: dict[str, "scraped.Run"], solve) -> dict[str, list[Fact]]:
        """Facts of scraped rows, split by `solve` (one of the scraped solvers)."""
        solution = solve(runs)
        self.warnings += [f"{table}: {n}" for n in solution.notes]
        out = {}
        for key, readings in solution.cells.items():
            line = runs[key].line if key in runs else next(iter(runs.values())).line
            out[key] = [_reading_fact(table, key, col, r, line) for col, r in readings.items()]
        return out

    # ---- section 二 -------------------------------------------------------------------------
    def active(self, rows: list[Row], header_text: str) -> list[Fact]:
        specs = {s.key: s for s in keys.active_rows(self.template)}
        found: dict[str, list[Cell]] = {}
        runs: dict[str, scraped.Run] = {}
        scraped_table = is_scraped(rows)
        for row in rows:
            run = run_of(row) if scraped_table else None
            label, values = (run[0], []) if run else row.label_and_values()
            if not (run or row.has_values()) or len(label) > 40:
                continue
            key = _match(label, ACTIVE_PATTERNS) or _fuzzy(label, _ACTIVE_LABELS)
            if key in specs and key not in found and key not in runs:
                if run:
                    runs[key] = scraped.make_run("active", key, run[1], run[2], self.template)
                else:
                    found[key] = values
        solved = self._solved("active", runs, lambda r: scraped.solve_active(r, self._pins("active"))) if runs else {}
        facts: list[Fact] = []
        for key, spec in specs.items():
            if key in solved:
                facts += solved[key]
                continue
            cells = self._fit(found.get(key), len(spec.cols), f"active.{key}")
            for col, cell in zip(spec.cols, cells):
                facts.append(_make_fact("active", key, col, cell))
        self._money(facts, header_text)
        return facts

    def _pins(self, table: str) -> dict[str, Decimal]:
        return {k: v for k, v in self.pins.items() if k.startswith(table + ".")}

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

    def _fit(self, values: Optional[list[Cell]], n: int, where: str, balanced=None,
             prefer_last: bool = False) -> list[Optional[Cell]]:
        if values is None:
            self.warnings.append(f"{where}: row not found; its cells are recorded blank")
            return [None] * n
        line = values[0].line if values else None
        values = _trim(values)
        if len(values) > n:
            self.warnings.append(f"{where}: {len(values)} cells for {n} columns; aligned by the balance rules")
            values = _window(values, n, balanced or (lambda w: True), prefer_last)
        return list(values) + [Cell("", line or 0, missing=True)] * (n - len(values))

    # ---- section 三 -------------------------------------------------------------------------
    def requests(self, rows: list[Row]) -> list[Fact]:
        order = [k for k, _ in keys.request_rows(self.template)]
        if self.template == "2021":
            order.insert(order.index("other_no_correction"), "other")
        found: dict[str, list[Cell]] = {}
        runs: dict[str, scraped.Run] = {}
        scraped_table = is_scraped(rows)
        last = -1
        for row in rows:
            run = run_of(row) if scraped_table else None
            if not (run or row.has_values()):
                continue
            label, values = (run[0], []) if run else row.label_and_values()
            key = _request_row_key(label, self.template)
            if key is None or key not in order:
                key = next((k for k in order[last + 1:] if k not in found), None)
                if key is None:
                    self.warnings.append(f"line {row.line}: table row not recognised: {label[:30]}")
                    continue
            if key in found or key in runs:
                self.warnings.append(f"line {row.line}: row {key} printed twice; the first is kept")
                continue
            if run:
                runs[key] = scraped.make_run("requests", key, run[1], run[2], self.template)
            else:
                found[key] = values
            last = order.index(key)
        solved = self._solved("requests", runs, lambda r: scraped.solve_requests(
            r, self.template, self._pins("requests"))) if runs else {}
        return self._request_facts(found, solved)

    def _request_facts(self, found: dict[str, list[Cell]], solved: dict[str, list[Fact]]) -> list[Fact]:
        facts: list[Fact] = []
        rows = [k for k, _ in keys.REQUEST_ROWS_2019] if self.template == "2019" else \
            [k for k, _ in keys.REQUEST_ROWS_2021] + ["other"]
        subrows = ("other_no_correction", "other_no_fee", "other_misc")
        present = set(found) | set(solved)
        undivided = self.template == "2021" and "other" in present and not any(k in present for k in subrows)
        for key in rows:
            if key in solved:
                facts += solved[key]
                continue
            if self.template == "2021" and key == "other" and "other" not in present:
                facts += [Fact(table="requests", row=key, col=c, state=CellState.ABSENT,
                               note="the 2021 template splits 其他处理 into three rows") for c in keys.REQUEST_COLS]
                continue
            if undivided and key in subrows:
                facts += [Fact(table="requests", row=key, col=c, state=CellState.ABSENT,
                               note="report prints one undivided 其他处理 row; stored under requests.other")
                          for c in keys.REQUEST_COLS]
                continue
            cells = self._fit(found.get(key), 7, f"requests.{key}", _row_balances, prefer_last=True)
            facts += [_make_fact("requests", key, col, cell) for col, cell in zip(keys.REQUEST_COLS, cells)]
        return facts

    # ---- section 四 -------------------------------------------------------------------------
    def review(self, rows: list[Row]) -> list[Fact]:
        if is_scraped(rows):
            run = next((r for r in map(run_of, rows) if r), None)
            if run:
                review_run = scraped.make_run("review", "review", run[1], run[2])
                solution = scraped.solve_review(review_run, self._pins("review"))
                self.warnings += [f"review: {n}" for n in solution.notes]
                return [_reading_fact("review", row, col, reading, run[2])
                        for row, cols in solution.cells.items() for col, reading in cols.items()]
        values: list[Cell] = []
        for row in rows:
            if row.has_values():
                values += row.label_and_values()[1]
        cells = self._fit(values if values else None, 15, "review", _review_balances)
        facts = []
        for i, cell in enumerate(cells):
            row_key = keys.REVIEW_ROWS[i // 5][0]
            facts.append(_make_fact("review", row_key, keys.REVIEW_COLS[i % 5], cell))
        return facts


def _header_money_unit(header_text: str, key: str) -> Optional[str]:
    """`采购总金额（万元）`, `本年收费金额（单位：万元）` → 万元."""
    anchor = "采购总金额" if "procurement" in key else "收费金额"
    text = norm(header_text)
    i = text.find(anchor)
    if i < 0:
        return None
    m = re.match(r"[（(]?(单位[:：])?(万元|元)", text[i + len(anchor): i + len(anchor) + 8])
    return m.group(2) if m else None


def detect_template(section2: str, section3: str) -> Optional[str]:
    """`2021` or `2019` from the table headers (not from the year)."""
    s2, s3 = norm(section2), norm(section3)
    if any(w in s2 for w in ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")) or "逾期不补正" in s3:
        return "2021"
    if any(w in s2 for w in ("本年新制作数量", "上一年项目数量", "采购项目数量", "采购总金额")):
        return "2019"
    return None


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
