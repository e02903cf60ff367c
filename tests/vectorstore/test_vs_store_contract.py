"""One contract, every PassageStore: Chroma on disk, a Chroma server and numpy in memory behave the same."""
from __future__ import annotations

import uuid

import numpy as np
import pytest

from vectorstore.chunking import Chunk
from vectorstore.store import ChromaPassageStore, ChunkFilter, InMemoryPassageStore, PassageStore


@pytest.fixture(params=["memory", "chroma", "chroma-server"])
def store(request, tmp_path) -> PassageStore:
    if request.param == "chroma-server":  # `chroma run` on loopback, through chromadb's HttpClient
        return ChromaPassageStore(None, f"contract-{uuid.uuid4().hex[:12]}", url=request.getfixturevalue("chroma_url"))
    return InMemoryPassageStore() if request.param == "memory" else ChromaPassageStore(tmp_path / "chroma", "contract")


def _chunk(cid, report="r1", section="一", year=2020, province="浙江省", city="温州市", county="鹿城区", text=None):
    return Chunk(chunk_id=cid, report_id=report, file=f"{report}.txt", agency="温州市鹿城区统计局", year=year,
                 province=province, city=city, county=county, section=section, heading=f"{section}、标题",
                 start_line=1, end_line=2, text=text or f"正文 {cid}")


def _vec(*xs):
    v = np.zeros(4, dtype=np.float32)
    v[:len(xs)] = xs
    return (v / np.linalg.norm(v)).tolist()


CHUNKS = [
    _chunk("a", section="一"), _chunk("b", section="五"),
    _chunk("c", report="r2", section="五", year=2019, province="福建省", city="福州市", county="鼓楼区"),
    _chunk("d", report="r3", section="六", year=2020, province="河南省", city="郑州市", county="二七区"),
]
VECTORS = [_vec(1, 0), _vec(0.9, 0.1), _vec(0, 1), _vec(-1, 0)]


@pytest.fixture
def filled(store):
    store.upsert(CHUNKS, VECTORS)
    return store


def test_is_a_passage_store(store):
    assert isinstance(store, PassageStore)


def test_query_orders_by_cosine_and_round_trips_chunks(filled):
    hits = filled.query(_vec(1, 0), k=3)
    assert [h.chunk.chunk_id for h in hits] == ["a", "b", "c"]
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert hits[1].score == pytest.approx(float(np.dot(_vec(1, 0), _vec(0.9, 0.1))), abs=1e-5)
    assert hits[0].chunk == CHUNKS[0]  # every metadata field survives the store


@pytest.mark.parametrize("where, expected", [
    (ChunkFilter(report_ids=["r1"]), ["a", "b"]),
    (ChunkFilter(sections=["五"]), ["b", "c"]),
    (ChunkFilter(year=2019), ["c"]),
    (ChunkFilter(province="河南省"), ["d"]),
    (ChunkFilter(city="温州市", sections=["五"]), ["b"]),
    (ChunkFilter(county="鼓楼区", year=2020), []),
    (ChunkFilter(report_ids=[]), []),
])
def test_filters(filled, where, expected):
    assert sorted(h.chunk.chunk_id for h in filled.query(_vec(1, 0), k=10, where=where)) == expected
    assert sorted(c.chunk_id for c in filled.get(where)) == expected


def test_upsert_is_idempotent_and_updates(filled):
    filled.upsert(CHUNKS, VECTORS)
    assert filled.count() == 4
    changed = CHUNKS[0].model_copy(update={"text": "新的正文"})
    filled.upsert([changed], [_vec(0, 0, 1)])
    assert filled.count() == 4
    assert filled.query(_vec(0, 0, 1), k=1)[0].chunk.text == "新的正文"


def test_delete_by_report(filled):
    assert filled.delete_reports(["r1", "nope"]) == 2
    assert filled.count() == 2 and {c.report_id for c in filled.get()} == {"r2", "r3"}
    assert filled.delete_reports([]) == 0


def test_empty_store_and_large_k(store):
    assert store.query(_vec(1), k=5) == [] and store.get() == [] and store.count() == 0
    store.upsert(CHUNKS[:1], VECTORS[:1])
    assert len(store.query(_vec(1), k=50)) == 1


def test_mismatched_lengths_are_a_bug(store):
    with pytest.raises(ValueError):
        store.upsert(CHUNKS, VECTORS[:1])
