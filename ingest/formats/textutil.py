"""Text clean-up shared by the PDF, HTML and Word readers: cell text, prose spacing, tab rows.

The parser reads a table row as ONE line of tab-separated cells, so a cell must never contain a tab
or a newline; a cell that wraps over lines in print (`结果` / `维持`) is joined back into one.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

# CJK ideographs, CJK and full-width punctuation, curly quotes, dashes: a space between two of these
# is a layout artefact (justified lines, source-code line breaks), never a word separator.
_CJK = "[\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \u00a0\u3000]+(?={_CJK})")
_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000\u200b\ufeff]+")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")

PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*"  # 3, -3-, — 3 —
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页, 第3页 共9页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/9
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)


def tidy(text: str) -> str:
    """Collapse whitespace runs to one space and drop spaces between two CJK characters.

    Spaces next to digits are kept: `行政处罚 10 0 0` must stay splittable into cells.
    """
    return _SPACE_BETWEEN_CJK.sub("", _SPACES.sub(" ", text)).strip()


def join_wrapped(parts: Iterable[str]) -> str:
    """Lines of one wrapped paragraph or cell → one string (no space, except between two ASCII words)."""
    out = ""
    for part in parts:
        part = part.strip(" \t\r\n\u00a0\u3000")
        if not part:
            continue
        if out and _ASCII_WORD_END.search(out) and _ASCII_WORD_START.search(part):
            out += " "
        out += part
    return out


def cell_text(text: Optional[str]) -> str:
    """A table cell's text on one line; `None` (a position covered by a merged cell) → empty."""
    if not text:
        return ""
    return tidy(join_wrapped(re.split(r"[\r\n\t]+", text)))


SPANNED = "\x00spanned"  # a grid position covered by a merged number: not a cell of the printed row
_NUMBER_CELL = re.compile(r"^[+\-－]?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元|件|项|个|%|％)?$")


def covered(text: str, span: int) -> list[Optional[str]]:
    """The grid positions a merged cell covers to its right (colspan, gridSpan). Covered by a label
    or title: empty cells, so the columns stay aligned. Covered by a number: `SPANNED`, which `row_line`
    leaves out. Pages merge value cells over other columns than their header row does (`5` over two
    columns under `采购项目数量`, `251000元` after it under `采购总金额`); the value is one cell and
    the positions it covers are not printed empty cells, so a row with as many numbers as columns
    reads them in order."""
    return [SPANNED if _NUMBER_CELL.match(text.strip()) else ""] * (span - 1)


def row_line(cells: list[Optional[str]]) -> str:
    """One table row → one tab-separated line; empty cells stay as empty strings between tabs;
    positions covered by a merged number (`SPANNED`) are left out."""
    return "\t".join(cell_text(c) for c in cells if c is not SPANNED)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))
