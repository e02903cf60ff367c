"""PDF reports know the page of every line: a cited cell names its page, the page printed that cell, the
store keeps the pages, and the app's page picture finds and marks the cell's row."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pdfplumber
import pytest

from app_support.pdfpage import PageView, render
from ingest.parse import parse_file
from ingest.store import connect, load_report, page_of, page_starts, save_report
from nianbao.models import CellState

PDFS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "pdf").glob("*.pdf"))


@pytest.fixture(scope="module", params=PDFS, ids=lambda p: p.name)
def parsed(request):
    path = request.param
    with pdfplumber.open(path) as pdf:
        texts = [re.sub(r"\s+", "", p.extract_text() or "") for p in pdf.pages]
    return path, parse_file(path), texts


def test_every_line_has_a_page_in_order(parsed):
    _, report, texts = parsed
    pages = report.line_pages
    assert pages and len(pages) == len(report.lines)
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] <= len(texts)
    assert len(set(pages)) >= len(texts) - 1  # every page but at most a blank one starts a line


def test_each_cell_is_printed_on_the_page_it_is_cited_on(parsed):
    _, report, texts = parsed
    cells = [f for f in report.facts if f.state == CellState.NUMBER and f.line and f.raw]
    assert len(cells) > 100
    starts = page_starts(report.line_pages)
    on_page = [f for f in cells if re.sub(r"\s+", "", f.raw) in texts[page_of(starts, f.line) - 1]]
    label_on_page = 0
    for f in cells:
        label = next((c for c in report.lines[f.line - 1].split("\t") if re.search(r"[\u4e00-\u9fff]", c)), "")
        label = re.sub(r"\s+", "", label)[:6]
        label_on_page += bool(label) and label in texts[page_of(starts, f.line) - 1]
    assert len(on_page) == len(cells)
    # the row's label too (a label printed down a merged column, letter under letter, is not found as a
    # run of text: ~12 % of the rows of these two reports)
    assert label_on_page >= 0.85 * len(cells)


def test_the_store_keeps_the_pages(parsed, tmp_path):
    _, report, _ = parsed
    conn = connect(tmp_path / "db")
    try:
        save_report(conn, report)
        assert load_report(conn, report.id).line_pages == report.line_pages
    finally:
        conn.close()


def test_the_page_picture_marks_the_cells_row(parsed):
    path, report, _ = parsed
    cells = [f for f in report.facts if f.state == CellState.NUMBER and f.line and f.raw]
    starts = page_starts(report.line_pages)
    sample = random.Random(3).sample(cells, 8)
    marked = 0
    for f in sample:
        got = render(PageView(file=path.name, source_path=str(path), page=page_of(starts, f.line),
                              line_text=report.lines[f.line - 1], raw=f.raw))
        assert got is not None and got[0][:8] == b"\x89PNG\r\n\x1a\n"
        marked += got[1]
    assert marked >= 7
    assert render(PageView(file="x.pdf", source_path=str(path.with_name("moved.pdf")), page=1,
                           line_text="", raw="")) is None


def test_text_reports_have_no_pages(tmp_path):
    from nianbao.config import SAMPLES_DIR
    report = parse_file(sorted(SAMPLES_DIR.glob("*.txt"))[0])
    assert report.line_pages is None
