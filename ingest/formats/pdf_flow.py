"""Pages of positioned lines and table grids → the report's lines in reading order.

Three things a PDF's page layout breaks and the parser needs whole:
- page furniture: page numbers (`- 3 -`, `第3页`) and running headers/footers repeated on every page
  sit between the lines of a paragraph or the rows of a table; they are dropped;
- paragraphs: a line that runs to the right margin and a next line that starts at the left margin
  (no first-line indent) are one paragraph, also across a page break, so that a sentence such as
  `受理政府` / `信息公开申请17件` can be read as one (the narrative checks read line by line);
- tables over a page break: the rows simply follow each other; a header repeated on the next
  page is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Union

from ingest.cells import norm
from ingest.formats.textutil import cell_text, is_page_number, join_wrapped, row_line, tidy

MARGIN = 0.1  # top and bottom tenth of the page: where headers, footers and page numbers live
FOOT = 0.15  # page numbers sit a little higher on some templates


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str  # cells separated by tabs when the line has wide gaps (a table without rules)


@dataclass
class Grid:
    page: int
    top: float
    bottom: float
    rows: list[list[Optional[str]]]  # None: a position covered by a merged cell


@dataclass
class PageContent:
    index: int
    height: float
    lines: list[Line] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)

    def blocks(self) -> list[Union[Line, Grid]]:
        return sorted([*self.lines, *self.grids], key=lambda b: b.top)


def assemble(pages: list[PageContent]) -> list[str]:
    """The report's lines: paragraphs joined, furniture dropped, table rows as tab-separated lines."""
    return assemble_paged(pages)[0]


def assemble_paged(pages: list[PageContent]) -> tuple[list[str], list[int]]:
    """`assemble`'s lines and the page (1-based) each starts on (a citation of a cell names its page)."""
    repeated = _running_heads(pages)
    blocks = [b for page in pages for b in page.blocks() if not _is_furniture(b, page, repeated)]
    left, right = _margins([b for b in blocks if isinstance(b, Line)])
    out: list[str] = []
    on_page: list[int] = []
    para: Optional[Line] = None  # the last line of the paragraph being built
    table: Optional[Grid] = None  # the table the previous block belonged to
    for block in blocks:
        if isinstance(block, Grid):
            rows = block.rows if table is None else _without_repeated_header(table.rows, block.rows)
            out += [_row(r) for r in rows]
            on_page += [block.page + 1] * len(rows)
            table = table if table is not None else block
            para = None
            continue
        table = None
        if para is not None and _continues(para, block, left, right):
            out[-1] = join_wrapped([out[-1], tidy(block.text)])
        else:
            out.append(_tab_line(block.text))
            on_page.append(block.page + 1)
        para = block
    return out, on_page


def _row(cells: list[Optional[str]]) -> str:
    """Trailing merged positions are not cells; inner ones stay as empty cells to keep the columns."""
    while cells and cells[-1] is None:
        cells = cells[:-1]
    return row_line(cells)


def _tab_line(text: str) -> str:
    return "\t".join(tidy(part) for part in text.split("\t"))


def _without_repeated_header(first: list[list[Optional[str]]], rows: list[list[Optional[str]]]) -> list:
    """Rows of a table's continuation minus the header rows it repeats from the table's first page."""
    header = {_key(r) for r in first[:5] if not any(re.fullmatch(r"[\d.,+\-]+", cell_text(c)) for c in r)}
    i = 0
    while i < len(rows) and _key(rows[i]) in header:
        i += 1
    return rows[i:]


def _key(row: list[Optional[str]]) -> str:
    return "|".join(norm(cell_text(c)) for c in row)


# ---- page furniture ------------------------------------------------------------------------------

def _in_margin(block: Line, page: PageContent, share: float = MARGIN) -> bool:
    return block.top < page.height * share or block.bottom > page.height * (1 - share)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", norm(text))


def _running_heads(pages: list[PageContent]) -> set[str]:
    """Margin lines that recur (digits aside) on at least half the pages, and on two or more."""
    if len(pages) < 2:
        return set()
    counts: Counter = Counter()
    for page in pages:
        counts.update({_furniture_key(ln.text) for ln in page.lines if _in_margin(ln, page) and "\t" not in ln.text})
    # a key of digits only (`#`) is a page number, handled apart; rows of cells are never furniture
    return {k for k, n in counts.items() if re.search(r"[^#\W]", k) and n >= max(2, len(pages) / 2)}


def _is_furniture(block: Union[Line, Grid], page: PageContent, repeated: set[str]) -> bool:
    if isinstance(block, Grid):
        return False
    if is_page_number(block.text) and _in_margin(block, page, FOOT):
        return True
    return _in_margin(block, page) and _furniture_key(block.text) in repeated


# ---- paragraphs ------------------------------------------------------------------------------------

def _margins(lines: list[Line]) -> tuple[float, float]:
    """The body text's left and right margins: the most common line starts and ends."""
    if not lines:
        return 0.0, 0.0
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in lines).most_common(1)[0][0]
    return float(left), float(right)


def _continues(prev: Line, line: Line, left: float, right: float) -> bool:
    """Is `line` the next line of `prev`'s paragraph (full previous line, no indent, no gap)?"""
    if "\t" in prev.text or "\t" in line.text or abs(prev.size - line.size) > 1:
        return False
    size = line.size or 1.0
    if prev.x1 < right - 1.5 * size or line.x0 > left + 0.5 * size:
        return False
    if re.match(r"[一二三四五六七八九十]+、", tidy(line.text)) and line.x1 < right - 1.5 * size:
        return False  # a short flush-left section heading after a paragraph that filled its last line
    return line.page != prev.page or line.top - prev.bottom < size
