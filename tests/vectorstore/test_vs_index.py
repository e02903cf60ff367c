"""PassageIndex with the deterministic hash embedder, in memory and on Chroma."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from nianbao.errors import UserError
from tests.vectorstore.vs_helpers import make_report
from vectorstore.chunking import chunk_report
from vectorstore.embedders import HashEmbedder
from vectorstore.index import PassageIndex, collection_name, open_index


@pytest.fixture(params=["memory", "chroma"])
def index(request, tmp_path) -> PassageIndex:
    return PassageIndex(None if request.param == "memory" else tmp_path, HashEmbedder(64))


REPORTS = [
    make_report("r1"),
    make_report("r2", agency="宁波市鄞州区统计局", year=2019, city="宁波市", county="鄞州区"),
    make_report("r3", agency="福州市鼓楼区统计局", province="福建省", city="福州市", county="鼓楼区"),
]


def test_reingest_never_duplicates(index):
    n = index.index_reports(REPORTS)
    assert n == index.count() == sum(len(chunk_report(r)) for r in REPORTS)
    assert index.replace_report(REPORTS[0]) == len(chunk_report(REPORTS[0]))
    assert index.count() == n
    # a re-parse that chunks differently still replaces all old chunks of the report
    shorter = REPORTS[0].model_copy(update={"sections": REPORTS[0].sections[:2]})
    index.replace_report(shorter)
    assert index.count() == n - len(chunk_report(REPORTS[0])) + len(chunk_report(shorter))


def test_remove_reports(index):
    index.index_reports(REPORTS)
    removed = index.remove_reports(["r1", "r2"])
    assert removed == len(chunk_report(REPORTS[0])) * 2
    assert {p.report_id for p in index.search("主要问题", k=20)} == {"r3"}


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_filters(index, mode):
    index.index_reports(REPORTS)
    q = "信息公开范围单一"
    assert {p.report_id for p in index.search(q, k=20, mode=mode, agency="鹿城区统计局")} == {"r1"}
    assert {p.report_id for p in index.search(q, k=20, mode=mode, agency="统计局")} == {"r1", "r2", "r3"}
    assert {p.report_id for p in index.search(q, k=20, mode=mode, year=2019)} == {"r2"}
    assert {p.report_id for p in index.search(q, k=20, mode=mode, province="福建省")} == {"r3"}
    assert {p.report_id for p in index.search(q, k=20, mode=mode, city="温州市", county="鹿城区")} == {"r1"}
    assert {p.section for p in index.search(q, k=20, mode=mode, section="五")} == {"五"}
    assert {p.section for p in index.search(q, k=20, mode=mode, section="5")} == {"五"}
    assert {p.report_id for p in index.search(q, k=20, mode=mode, report_ids=["r2", "r3"], agency="鄞州")} == {"r2"}
    assert index.search(q, mode=mode, agency="不存在的单位") == []


def test_results_are_passages_spread_over_sections(index):
    index.index_reports([make_report("r1", long_one=12)])
    passages = index.search("政府信息公开培训", k=4)
    assert len(passages) == 4
    keys = [(p.report_id, p.section) for p in passages]
    assert len(set(keys[:3])) == 3  # distinct sections first, repeats after
    first = passages[0]
    assert first.file == "r1.txt" and first.lines[0] <= first.lines[1] and first.score > 0
    # a search narrowed to one section still returns all its chunks
    assert len(index.search("政府信息公开培训", k=10, section="一")) > 1


def test_user_errors(index):
    with pytest.raises(UserError, match="hybrid, dense, lexical"):
        index.search("问题", mode="fuzzy")
    with pytest.raises(UserError, match="section"):
        index.search("问题", section="七")
    with pytest.raises(UserError, match="empty"):
        index.search("  ")


def test_another_process_sees_new_chunks(tmp_path):
    """The BM25 index is rebuilt when the stored chunk set changed (generation stamp)."""
    reader = PassageIndex(tmp_path, HashEmbedder(64))
    writer = PassageIndex(tmp_path, HashEmbedder(64))
    writer.index_reports(REPORTS[:1])
    assert {p.report_id for p in reader.search("主要问题", k=20, mode="lexical")} == {"r1"}
    writer.index_reports(REPORTS[1:])
    assert {p.report_id for p in reader.search("主要问题", k=20, mode="lexical")} == {"r1", "r2", "r3"}
    writer.remove_reports(["r1"])
    assert "r1" not in {p.report_id for p in reader.search("主要问题", k=20, mode="lexical")}


def test_embedders_get_separate_collections(tmp_path):
    a, b = PassageIndex(tmp_path, HashEmbedder(64)), PassageIndex(tmp_path, HashEmbedder(32))
    a.index_reports(REPORTS[:1])
    assert b.count() == 0 and collection_name(HashEmbedder(64)) == "passages-hash-64"


def test_progress_callback_and_duplicates(index, monkeypatch):
    import vectorstore.index as vi
    monkeypatch.setattr(vi, "EMBED_BATCH", 16)  # several embedder calls for 30 small reports
    many = [make_report(f"x{i}") for i in range(30)]
    calls = []
    index.index_reports(many + many[:5], progress_callback=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (30, 30) and all(t == 30 for _, t in calls) and len(calls) > 1
    assert index.count() == 30 * len(chunk_report(many[0]))


def test_open_index_uses_settings(tmp_path):
    index = open_index(Settings(db=tmp_path, embed_model="hash:32"))
    assert index.embedder.dim == 32 and index.count() == 0
