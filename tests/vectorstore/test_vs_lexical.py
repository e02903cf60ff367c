"""BM25 over character unigrams + bigrams."""
from __future__ import annotations

from tests.vectorstore.vs_helpers import make_report
from vectorstore.chunking import chunk_report
from vectorstore.lexical import LexicalIndex, char_ngrams
from vectorstore.store import ChunkFilter


def test_char_ngrams():
    assert char_ngrams("告上法院") == ["告", "上", "法", "院", "告上", "上法", "法院"]
    assert char_ngrams("Penalty 2020年") == ["年", "penalty", "2020"]
    assert char_ngrams("１２３，ＡＢ") == ["123", "ab"]


def _index():
    other = make_report("r2", agency="鄞州区统计局", year=2019)
    return LexicalIndex(chunk_report(make_report("r1")) + chunk_report(other))


def test_finds_the_section_and_respects_filters():
    index = _index()
    hits = index.search("信息公开范围单一", k=3)
    assert hits[0][0].section == "五"
    only_r2 = index.search("信息公开范围单一", k=3, where=ChunkFilter(report_ids=["r2"]))
    assert {c.report_id for c, _ in only_r2} == {"r2"}
    assert index.search("zzzz", k=3) == []  # no shared n-gram: no hit


def test_save_and_load_by_generation(tmp_path):
    index = _index()
    index.save(tmp_path / "lex", "g1")
    assert LexicalIndex.load(tmp_path / "lex", "g2") is None
    loaded = LexicalIndex.load(tmp_path / "lex", "g1")
    assert [c.chunk_id for c in loaded.chunks] == [c.chunk_id for c in index.chunks]
    assert loaded.scores("主要问题").tolist() == index.scores("主要问题").tolist()
