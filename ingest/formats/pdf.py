"""PDF (text layer) → report text: table rows as tab-separated lines, prose as paragraphs.

We use pdfplumber rather than pypdfium2's plain text: it is pure Python (pdfminer.six underneath,
no native build), it gives every glyph's position, and its table finder rebuilds the grid from the
page's ruling lines, so merged cells, wrapped header cells and empty cells come out as cells and
not as a stream of words. Text outside the tables' bounding boxes is read as prose lines.

What happens to the text afterwards (page furniture, paragraphs, tables over page breaks) is in
`pdf_flow`; this module opens the file, checks that there is a text layer and reads the pages.
"""
from __future__ import annotations

import re
import statistics
import struct
import time
import zlib
from pathlib import Path
from typing import Optional

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ingest.formats.pdf_flow import Grid, Line, PageContent, assemble_paged
from ingest.readers import MAX_PAGES
from nianbao.errors import BadReportFile

CELL_GAP = 2.0  # a gap of two character widths inside a text line separates cells (tables without rules)
SPACE_GAP = 0.25
MIN_TEXT_CHARS = 20  # fewer CJK characters than this in the whole file: a scan with no text layer
_CID = re.compile(r"\(cid:\d+\)")
_SAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "pdf"


def read_pdf(path: Path, use_rules: bool = True) -> str:
    """The report text of a PDF with a text layer (see `read_pdf_paged`)."""
    return read_pdf_paged(path, use_rules)[0]


def read_pdf_paged(path: Path, use_rules: bool = True) -> tuple[str, list[int]]:
    """The report text of a PDF with a text layer, and the page (1-based) each of its lines starts on.

    `use_rules=False` ignores the ruling lines and reads tables from glyph positions alone (cells
    split at wide gaps), as for a PDF whose tables are drawn without rules.
    """
    _check_is_pdf(path)
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise BadReportFile(str(path), f"the PDF has {len(pdf.pages)} pages; an annual report has far fewer "
                                               f"(the limit is {MAX_PAGES}). If it holds several reports, split it")
            pages = [_read_page(page, i, use_rules) for i, page in enumerate(pdf.pages)]
    except (PdfminerException, PSException, ValueError, KeyError, zlib.error, struct.error) as e:
        # pdfminer meets malformed files with these plain errors as well as its own; one bad file
        # must fail alone, with its reason, and not stop a batch
        raise _unreadable(path, e) from None
    _check_text_layer(pages, path)
    lines, on_page = assemble_paged(pages)
    return "\n".join(lines) + "\n", on_page


def _check_is_pdf(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        what = "an HTML page (a failed download?)" if re.search(rb"(?i)<(!doctype|html)", head) else \
            "not a PDF (no %PDF- header)"
        raise BadReportFile(str(path), f"the file is named .pdf but is {what}; download the report again")


def _unreadable(path: Path, error: Exception) -> BadReportFile:
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(cause).lower():
        return BadReportFile(str(path), "the PDF is encrypted with a password; open it, save an unprotected copy "
                                        "(or print it to PDF) and try again")
    return BadReportFile(str(path), f"the PDF is damaged and cannot be read ({type(cause).__name__}: "
                                    f"{str(cause)[:80]}); download it again or re-save it")


def _check_text_layer(pages: list[PageContent], path: Path) -> None:
    text = "".join(line.text for page in pages for line in page.lines)
    text += "".join(cell or "" for page in pages for grid in page.grids for row in grid.rows for cell in row)
    if len(_CID.findall(text)) > 20:
        raise BadReportFile(str(path), "the PDF's fonts carry no character mapping, so its text layer cannot be "
                                       "read; OCR the pages (e.g. `ocrmypdf -l chi_sim --force-ocr in.pdf out.pdf`) "
                                       "and try again")
    if sum("\u4e00" <= ch <= "\u9fff" for ch in text) < MIN_TEXT_CHARS:
        raise BadReportFile(str(path), "the PDF has no text layer (a scanned image?); OCR it first "
                                       "(e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) and try again")


# ---- one page -----------------------------------------------------------------------------------

def _is_paragraph_background(obj: dict, page_width: float) -> bool:
    """WPS/Word draw an invisible white box behind every text line; as ruling they would turn the
    prose into a one-column "table" and glue it to the real table below. Real cells are narrower."""
    return (obj.get("object_type") == "rect" and bool(obj.get("fill")) and not obj.get("stroke")
            and tuple(obj.get("non_stroking_color") or ()) in ((1.0, 1.0, 1.0), (1,), (1.0,))
            and obj["x1"] - obj["x0"] > 0.6 * page_width)


def _is_grid(rows: list[list[Optional[str]]]) -> bool:
    """A real table has at least two rows with text in two or more cells."""
    return sum(sum(bool(c and c.strip()) for c in row) >= 2 for row in rows) >= 2


def _inside(obj: dict, bboxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)


def _read_page(page: pdfplumber.page.Page, index: int, use_rules: bool = True) -> PageContent:
    page = page.dedupe_chars()  # bold faked by printing each glyph twice would double every character
    ruled = page.filter(lambda o: not _is_paragraph_background(o, page.width))
    grids, boxes = [], []
    for table in ruled.find_tables() if use_rules else []:
        rows = table.extract()
        if _is_grid(rows):
            grids.append(Grid(page=index, top=table.bbox[1], bottom=table.bbox[3], rows=rows))
            boxes.append(table.bbox)
    prose = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes))
    lines = [_line(raw, index) for raw in prose.extract_text_lines(return_chars=True, strip=True)]
    return PageContent(index=index, height=float(page.height), grids=grids,
                       lines=[ln for ln in lines if ln.text.strip()])


def _line(raw: dict, index: int) -> Line:
    chars = [c for c in raw["chars"] if c["text"].strip()]
    size = statistics.median(c["size"] for c in chars) if chars else 0.0
    out: list[str] = []
    for prev, char in zip([None] + chars[:-1], chars):
        if prev is not None:
            gap = char["x0"] - prev["x1"]
            # two numbers apart are two cells (`21 0`): a table without rules sets its columns closer
            # than two characters, and prose never prints `12 345` for one number
            numbers = prev["text"].isdigit() and char["text"].isdigit()
            out.append("\t" if gap > CELL_GAP * size or (numbers and gap > SPACE_GAP * size)
                       else " " if gap > SPACE_GAP * size else "")
        out.append(char["text"])
    return Line(page=index, top=raw["top"], bottom=raw["bottom"], x0=raw["x0"], x1=raw["x1"], size=size,
                text="".join(out))


# ---- measuring ----------------------------------------------------------------------------------

def bench_pdf(paths: Optional[list[Path]] = None, repeat: int = 3) -> str:
    """Seconds per page to read PDFs into report text (default: the two bundled real reports).

    Example: `python -c "from ingest.formats import bench_pdf; print(bench_pdf())"`
    """
    paths = paths or sorted(_SAMPLES.glob("*.pdf"))
    pages, best = 0, float("inf")
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages += len(pdf.pages)
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            read_pdf(path)
        best = min(best, time.perf_counter() - start)
    return f"PDF: {pages} pages in {best:.2f} s = {best / max(pages, 1) * 1000:.0f} ms per page"
