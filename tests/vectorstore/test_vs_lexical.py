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


def test_the_filter_mask_keeps_exactly_the_chunks_a_filter_matches():
    """The per-field arrays give the same chunks as ChunkFilter.matches, for generated filters over chunks of
    reports with different agencies, years, regions and sections (None fields included)."""
    import itertools
    import random

    from vectorstore.chunking import Chunk

    rng = random.Random(3)
    chunks = [Chunk(chunk_id=f"c{i}", report_id=f"r{i % 7}", file="f.txt", section=rng.choice("一二三四五六"),
                    year=rng.choice([2019, 2020, None]), province=rng.choice(["浙江省", "福建省", None]),
                    city=rng.choice(["温州市", "福州市", None]), county=rng.choice(["鹿城区", None]),
                    start_line=1, end_line=2, text="信息公开") for i in range(300)]
    index = LexicalIndex(chunks)
    options = {"report_ids": [None, ["r1"], ["r2", "r5"], []], "sections": [None, ["五"], ["一", "三"]],
               "year": [None, 2019, 2020], "province": [None, "浙江省"], "city": [None, "福州市"], "county": [None, "鹿城区"]}
    for values in itertools.product(*options.values()):
        where = ChunkFilter(**dict(zip(options, values)))
        assert index.mask(where).tolist() == [where.matches(c) for c in chunks], where
