"""Chunking keeps section boundaries and metadata, splits long text with overlap, skips tables."""
from __future__ import annotations

import re

import pytest

from nianbao.config import SAMPLES_DIR
from tests.vectorstore.vs_helpers import make_report
from vectorstore.chunking import MAX_CHARS, chunk_report

SAMPLE_FILES = sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))


def _span(report, number):
    s = report.section(number)
    return s.start_line, s.end_line


def test_chunks_stay_inside_their_section_with_metadata():
    report = make_report()
    chunks = chunk_report(report)
    assert {c.section for c in chunks} == {"一", "二", "三", "四", "五", "六"}
    for c in chunks:
        start, end = _span(report, c.section)
        assert start <= c.start_line <= c.end_line <= end
        assert (c.report_id, c.file, c.agency, c.year) == ("r1", "r1.txt", "温州市鹿城区统计局", 2020)
        assert (c.province, c.city, c.county) == ("浙江省", "温州市", "鹿城区")
        assert c.heading == report.section(c.section).heading


def test_subparts_become_subheadings_and_are_never_merged():
    chunks = [c for c in chunk_report(make_report()) if c.section == "一"]
    by_sub = {c.subheading: c for c in chunks}
    assert set(by_sub) == {"（一）主动公开", "（二）依申请公开"}
    assert by_sub["（二）依申请公开"].text.startswith("（二）依申请公开")
    assert "依申请" not in by_sub["（一）主动公开"].text


def test_long_text_is_split_at_sentence_ends_with_overlap():
    chunks = [c for c in chunk_report(make_report(long_one=12)) if c.subheading == "（一）主动公开"]
    assert len(chunks) >= 3
    for c in chunks:
        assert len(c.text) <= MAX_CHARS + 80
    for a, b in zip(chunks, chunks[1:], strict=False):
        last_sentence = re.findall(r"[^。]*。", a.text)[-1]
        assert b.text.startswith(last_sentence)  # one sentence of overlap
    assert all(c.text.endswith("。") for c in chunks)  # cuts fall on sentence ends


def test_chunk_ids_are_stable_and_unique():
    a, b = chunk_report(make_report()), chunk_report(make_report())
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    assert len({c.chunk_id for c in a}) == len(a)
    other = chunk_report(make_report(rid="r2"))
    assert not {c.chunk_id for c in a} & {c.chunk_id for c in other}


def test_tables_are_summarised_not_embedded_and_narrative_in_section_two_kept():
    chunks = chunk_report(make_report())
    prose = [c for c in chunks if c.kind == "prose"]
    assert not any(re.search(r"本年新制作数量|\t|\|", c.text) for c in prose)
    two = [c for c in prose if c.section == "二"]
    assert len(two) == 1 and "统计执法" in two[0].text and (two[0].start_line, two[0].end_line) == (11, 11)
    summaries = {c.section: c for c in chunks if c.kind == "table_summary"}
    assert set(summaries) == {"二", "三", "四"}
    assert "主动公开政府信息情况" in summaries["二"].text and "行政处罚处理决定1件" in summaries["二"].text
    assert "本年新收申请4件" in summaries["三"].text
    assert "予以公开0件" not in summaries["三"].text  # a blank cell is not zero
    assert (summaries["二"].start_line, summaries["二"].end_line) == (7, 10)


def test_embed_text_carries_agency_year_and_heading():
    c = next(c for c in chunk_report(make_report()) if c.section == "五")
    assert c.embed_text().startswith("温州市鹿城区统计局2020年")
    assert "五、存在的主要问题及改进情况" in c.embed_text() and c.text in c.embed_text()


@pytest.fixture(scope="module")
def parsed():
    from ingest.parse import parse_file

    return {name: parse_file(SAMPLES_DIR / name) for name in SAMPLE_FILES}


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_real_samples(parsed, name):
    report = parsed[name]
    chunks = chunk_report(report)
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    for c in chunks:
        start, end = _span(report, c.section)
        assert start <= c.start_line <= c.end_line <= end, c
        assert "\t" not in c.text and "|" not in c.text
        assert not any(re.fullmatch(r"[\d.元 ]+", line.strip()) for line in c.text.split("\n")), c.text
        assert len(c.text) <= MAX_CHARS + 80 or c.kind == "table_summary"
    summaries = [c.section for c in chunks if c.kind == "table_summary"]
    assert len(summaries) == 3 and set(summaries) == {"二", "三", "四"}
    prose_sections = {c.section for c in chunks if c.kind == "prose"}
    assert {"一", "五", "六"} <= prose_sections


def test_narrative_inside_section_two_of_yinzhou(parsed):
    chunks = chunk_report(parsed["002_c42cd15df52a6935.txt"])
    two = [c for c in chunks if c.section == "二" and c.kind == "prose"]
    assert two and all(94 <= c.start_line and c.end_line <= 96 for c in two)
    assert any("统计执法" in c.text for c in two)


@pytest.mark.slow
def test_real_chunks_fit_the_model_window(e5_embedder, sample_reports):
    tokenizer = e5_embedder.model.tokenizer
    lengths = [len(tokenizer("passage: " + c.embed_text())["input_ids"])
               for r in sample_reports for c in chunk_report(r)]
    assert max(lengths) < 400  # well inside the 512-token window
