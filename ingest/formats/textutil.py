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


def row_line(cells: list[Optional[str]]) -> str:
    """One table row → one tab-separated line; empty cells stay as empty strings between tabs."""
    return "\t".join(cell_text(c) for c in cells)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))
