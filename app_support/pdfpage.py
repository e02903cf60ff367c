"""The page of a PDF report a cited cell is on, as a picture with the cell's row marked: a journalist
checks a number against the original in one look.

The row is found on the page by its printed label (the first cell of the report line the cell was read
from), letter by letter with any spacing between; among several matches, the one whose row also prints
the cell's text. Not found: the page is shown unmarked, and the caption says so.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

RESOLUTION = 110  # dpi: an A4 page ~910 px wide, readable in the chat column
MARK_FILL = (255, 214, 0, 90)
MARK_STROKE = (230, 120, 0)


@dataclass(frozen=True)
class PageView:
    """A cited cell's page: where the PDF is, which page, and what to find on it."""

    file: str
    source_path: str
    page: int  # 1-based
    line_text: str  # the report line the cell was read from (tab-separated cells)
    raw: str  # the cell as printed


def _label(line_text: str) -> str:
    """The row's printed label: the line's first cell with letters in it, without spaces."""
    for cell in line_text.split("\t"):
        cell = re.sub(r"\s+", "", cell)
        if re.search(r"[\u4e00-\u9fff]", cell):
            return cell
    return ""


def render(view: PageView) -> Optional[tuple[bytes, bool]]:
    """(PNG bytes, whether the row was found and marked), or None when the file or page is not there."""
    path = Path(view.source_path)
    if not path.is_file() or path.suffix.lower() != ".pdf":
        return None
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        if not 1 <= view.page <= len(pdf.pages):
            return None
        page = pdf.pages[view.page - 1]
        picture = page.to_image(resolution=RESOLUTION)
        band = _row_band(page, _label(view.line_text), view.raw)
        if band is not None:
            top, bottom = band
            picture.draw_rect((page.bbox[0] + 12, top - 3, page.bbox[2] - 12, bottom + 3),
                              fill=MARK_FILL, stroke=MARK_STROKE, stroke_width=2)
        out = io.BytesIO()
        picture.save(out, format="PNG")
    return out.getvalue(), band is not None


def _row_band(page, label: str, raw: str) -> Optional[tuple[float, float]]:
    """(top, bottom) of the printed row: its label found with any spacing between the letters, the
    longest prefix of it (up to 12 letters) that the page prints; several matches: the one whose band
    also prints the cell's text."""
    letters = [c for c in label if not c.isspace()][:12]
    while len(letters) >= 3:
        pattern = r"\s*".join(re.escape(c) for c in letters)
        found = page.search(pattern, regex=True, return_chars=False)
        if found:
            if len(found) > 1 and raw.strip():
                words = page.extract_words()
                with_raw = [m for m in found if any(w["text"] == raw.strip() and w["top"] < m["bottom"] + 2
                                                    and w["bottom"] > m["top"] - 2 for w in words)]
                found = with_raw or found
            return found[0]["top"], found[0]["bottom"]
        letters = letters[:-1]
    return None
