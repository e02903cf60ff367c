"""Readers for PDF, HTML and Word reports, registered with `ingest.readers` by file suffix.

Each reader turns a file into report text the parser reads like a .txt report: a table row is one
line of tab-separated cells (an empty cell stays an empty string between two tabs, so a blank cell
stays blank), prose paragraphs and section headings are lines of their own.

The heavy libraries (pdfplumber, BeautifulSoup/lxml, python-docx) load on the first file of their
kind, not when the suffixes are listed.
"""
from __future__ import annotations

from pathlib import Path

from ingest.readers import register, register_paged


@register(".pdf")
def read_pdf(path: Path) -> str:
    from ingest.formats.pdf import read_pdf as read
    return read(path)


@register_paged(".pdf")
def read_pdf_paged(path: Path) -> tuple[str, list[int]]:
    from ingest.formats.pdf import read_pdf_paged as read
    return read(path)


@register(".html", ".htm")
def read_html(path: Path) -> str:
    from ingest.formats.web import read_html as read
    return read(path)


@register(".docx", ".doc")
def read_word(path: Path) -> str:
    from ingest.formats.word import read_word as read
    return read(path)


def bench_pdf(repeat: int = 3) -> str:
    """Milliseconds per page to read the bundled real PDF reports (see `ingest.formats.pdf.bench_pdf`).

    Example: `python -c "from ingest.formats import bench_pdf; print(bench_pdf())"`
    """
    from ingest.formats.pdf import bench_pdf as bench
    return bench(repeat=repeat)
