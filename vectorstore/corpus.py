"""The passage index of a synthetic corpus (`ingest.corpus.build_corpus`), for the question benchmark.

Each clone report gets its base report's chunks under its own ids and metadata (agency, region, year),
with the base chunk's vector. Embedding 10,000 reports would take hours on 2 cores (the benchmark
measures indexing separately); reusing the vectors gives an index of the real size — as many chunks,
the same dimensions, real Chroma, a real BM25 index built over all of them — whose search costs what a
real one of that size costs. Search *quality* on clones is not meaningful and is not measured here.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Optional

from nianbao.config import Settings
from vectorstore.chunking import Chunk
from vectorstore.index import open_index
from vectorstore.store import chunk_from_record

_CLONED = ("agency", "agency_full", "province", "city", "county", "township", "year")


def clone_index(settings: Settings, base_db: Path, out_db: Path, clones: list[dict],
                echo: Optional[Callable[[str], None]] = None, batch: int = 5000) -> dict[str, float]:
    """Index `clones` (dicts with `id`, `base`, `file` and the fields of `_CLONED`) in `out_db` with their
    base reports' chunks and vectors from `base_db`. Returns what it cost: the chunks written, the seconds
    to write their vectors, and the seconds to build the keyword index at the end (as an ingest does)."""
    base = open_index(settings, base_db)
    got = base.store.collection.get(include=["documents", "metadatas", "embeddings"])
    by_report: dict[str, list[tuple[Chunk, list[float]]]] = {}
    for cid, doc, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True):
        chunk = chunk_from_record(cid, doc, meta)
        by_report.setdefault(chunk.report_id, []).append((chunk, list(map(float, vec))))
    out = open_index(settings, out_db)
    chunks: list[Chunk] = []
    vectors: list[list[float]] = []
    written = 0
    start = time.perf_counter()
    for clone in clones:
        for chunk, vec in by_report.get(clone["base"], ()):
            update = {k: clone[k] for k in _CLONED}
            update.update(report_id=clone["id"], file=clone["file"], chunk_id=f"{clone['id']}-{chunk.chunk_id}")
            chunks.append(chunk.model_copy(update=update))
            vectors.append(vec)
        if len(chunks) >= batch:
            out.add_embedded(chunks, vectors)
            written += len(chunks)
            chunks, vectors = [], []
            if echo and written % (batch * 10) < batch:
                echo(f"  passages: {written} chunks")
    if chunks:
        out.add_embedded(chunks, vectors)
        written += len(chunks)
    vectors_s = time.perf_counter() - start
    start = time.perf_counter()
    out.lexical(save=True)  # the keyword index, built once at the end of an ingest
    return {"chunks": written, "vectors_s": vectors_s, "keyword_s": time.perf_counter() - start}
