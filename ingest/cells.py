"""Lines of a table region → rows of raw cells, whatever the layout (tabs, pipes, one cell per line).

A cell keeps its raw text exactly as printed and its 1-based line number.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Optional


class Kind(str, Enum):
    EMPTY = "empty"
    NUMBER = "number"
    ODD = "odd"  # printed in a value position but not readable as a number (—, /, 1O …)
    TEXT = "text"


@dataclass
class Cell:
    raw: str
    line: int
    missing: bool = False  # a column the row has no cell for (not even an empty one)

    @property
    def kind(self) -> Kind:
        return classify(self.raw)  # cached: the same few cell texts recur in every report


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0

    def label_and_values(self) -> tuple[str, list[Cell]]:
        """Label = all text cells joined; values = the cells after the last text cell."""
        return self._split

    @functools.cached_property
    def _split(self) -> tuple[str, list[Cell]]:  # rows are not changed once read; asked for several times
        last_text = max((i for i, c in enumerate(self.cells) if c.kind is Kind.TEXT), default=-1)
        label = "".join(_clean_label(c.raw) for c in self.cells[: last_text + 1] if c.kind is Kind.TEXT)
        return label, self.cells[last_text + 1:]

    def has_values(self) -> bool:
        _, values = self.label_and_values()
        return any(c.kind in (Kind.NUMBER, Kind.ODD) for c in values)


_UNIT_RE = re.compile(r"(万元|元|件|个|条|项|次|起|%)$")
_NUM_RE = re.compile(r"^[+\-]?\d+(\.\d+)?$")
_ODD_RE = re.compile(r"^[—\-–/／\\×xX*＊无]+$|^[\dOoIl lL.]+$")
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def norm(text: str) -> str:
    """NFKC (full-width digits → ASCII) and no whitespace of any kind."""
    # cell texts repeat across reports and are worth caching; whole paragraphs and reports are not
    return _norm_short(text) if len(text) <= 64 else _norm_long(text)


@functools.lru_cache(maxsize=1024)
def _norm_long(text: str) -> str:
    # a whole report's text, and its long lines, are normalised several times while it is parsed (template,
    # money units and segments under each layout reading, headings, the title): one report's worth is kept,
    # so each is done once per report
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@functools.lru_cache(maxsize=65536)
def _norm_short(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@functools.lru_cache(maxsize=65536)
def parse_number(raw: str) -> Optional[tuple[Decimal, Optional[str]]]:
    """`'75338元'` → (75338, '元'); `'00'` → (0, None); `'１２'` → (12, None); text → None."""
    s = norm(raw).replace(",", "").replace("，", "")
    unit = None
    m = _UNIT_RE.search(s)
    if m and len(s) > len(m.group(1)):
        unit, s = m.group(1), s[: -len(m.group(1))]
    if not _NUM_RE.match(s):
        return None
    try:
        return Decimal(s), unit
    except InvalidOperation:
        return None


@functools.lru_cache(maxsize=65536)
def classify(raw: str) -> Kind:
    s = norm(raw)
    if not s:
        return Kind.EMPTY
    if parse_number(raw) is not None:
        return Kind.NUMBER
    if len(s) <= 6 and _ODD_RE.match(s):
        return Kind.ODD
    return Kind.TEXT


def _clean_label(raw: str) -> str:
    return norm(raw).replace("*", "")


_TRAILING_NUMS = re.compile(r"^(?P<label>.*?\D)?\s+(?P<nums>[+\-]?[\d.,]+(?:\s+[+\-]?[\d.,]+)*)\s*$")


def _split_cell(raw: str) -> list[str]:
    """A cell like `行政处罚 10 0 0` (PDF text, spaces for tabs) → `['行政处罚', '10', '0', '0']`."""
    stripped = raw.strip(" \u3000")
    if not re.search(r"\d\s+[+\-]?\d|\D\s+[+\-]?\d", stripped):
        return [raw]
    m = _TRAILING_NUMS.match(stripped)
    if not m:
        return [raw]
    parts = ([m.group("label").strip()] if m.group("label") and m.group("label").strip() else [])
    return parts + m.group("nums").split()


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?[\s:\-|]+\|?\s*", line)) and "-" in line


def detect_layout(lines: list[str]) -> str:
    """`pipe`, `cell_per_line` or `tabs` for a block of lines."""
    body = [ln for ln in lines if ln.strip()]
    if not body:
        return "tabs"
    if sum(ln.lstrip().startswith("|") for ln in body) > len(body) / 2:
        return "pipe"
    single = sum(bool(re.fullmatch(r"\t[^\t]*", ln)) for ln in body)
    return "cell_per_line" if single > len(body) / 2 else "tabs"


def read_rows(lines: list[str], first_line: int) -> list[Row]:
    """Rows of cells from `lines` (the first of which is line `first_line` of the file)."""
    layout = detect_layout(lines)
    if layout == "cell_per_line":
        return _rows_cell_per_line(lines, first_line)
    rows = []
    for offset, line in enumerate(lines):
        if not line.strip() or _is_separator(line):
            continue
        number = first_line + offset
        if layout == "pipe":
            inner = line.strip()
            inner = inner[1:] if inner.startswith("|") else inner
            inner = inner[:-1] if inner.endswith("|") else inner
            raw_cells = inner.split("|")
        else:
            raw_cells = line.split("\t")
        cells = [Cell(part if layout != "pipe" else part.strip(" "), number)
                 for raw in raw_cells for part in _split_cell(raw)]
        rows.append(Row(cells))
    return rows


def _rows_cell_per_line(lines: list[str], first_line: int) -> list[Row]:
    """Word/HTML export: each cell on its own tab-indented line, rows separated by blank lines,
    a cell's text sometimes wrapped onto an unindented next line (`本年新` / `制作数量`)."""
    rows: list[Row] = []
    current: list[Cell] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        if not line.strip() and not line.startswith("\t"):
            if current:
                rows.append(Row(current))
                current = []
            continue
        if line.startswith("\t"):
            current.extend(Cell(part, number) for part in _split_cell(line[1:]))
        elif current and classify(line) is Kind.TEXT and current[-1].kind is Kind.TEXT:
            current[-1] = Cell(current[-1].raw + line, current[-1].line)
        else:
            current.extend(Cell(part, number) for part in _split_cell(line))
    if current:
        rows.append(Row(current))
    return rows
