"""Benchmark: raw encode speed, indexing throughput and query latency, measured in the same run.

    python -m vectorstore.bench [--db DIR] [--copies 4]

Indexing throughput (chunks/s: chunking + embedding + Chroma upsert) is printed next to the raw
encode speed of the model on single sentences (sentences/s) and on chunk texts (chunks/s), so the
overhead of the index shows. Query latency p50/p95 is per mode over the retrieval eval queries.
"""
from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from nianbao.config import SAMPLES_DIR, Settings, load_settings
from nianbao.models import Report


class BenchResult(BaseModel):
    embedder: str
    load_s: float
    sentences: int
    sentences_per_s: float
    chunk_encode_per_s: float
    reports: int
    chunks: int
    index_s: float
    index_chunks_per_s: float
    latency_ms: dict[str, tuple[float, float]]  # mode -> (p50, p95)

    def table(self) -> str:
        indexed = f"{self.chunks} chunks of {self.reports} reports in {self.index_s:.1f} s, Chroma"
        rows = [
            f"embedder              {self.embedder} (load {self.load_s:.1f} s)",
            f"raw encode            {self.sentences_per_s:7.1f} sentences/s ({self.sentences} report sentences)",
            f"raw encode            {self.chunk_encode_per_s:7.1f} chunks/s (the chunks indexed below, one call, no store)",
            f"index throughput      {self.index_chunks_per_s:7.1f} chunks/s ({indexed}; "
            f"{self.index_chunks_per_s / self.chunk_encode_per_s:.2f}x the raw encode of the same chunks)",
        ]
        rows += [f"query latency {mode:<8} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
                 for mode, (p50, p95) in self.latency_ms.items()]
        return "\n".join(rows)


def _sentences(reports: list[Report], limit: int) -> list[str]:
    out: list[str] = []
    for r in reports:
        for line in r.lines:
            out.extend(s for s in re.split(r"(?<=[。；！？])", line.strip()) if len(s) >= 8)
    return out[:limit]


def _copies(reports: list[Report], n: int) -> list[Report]:
    """n copies of each report under distinct ids, so indexing does real work n times."""
    return [r.model_copy(update={"id": f"{r.id}-{i}", "file": f"{i}_{r.file}"}) for i in range(n) for r in reports]


def _percentiles(values: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values) * 1000, q[18] * 1000


def run_benchmark(settings: Settings, reports_dir: Path = SAMPLES_DIR, copies: int = 4,
                  sentences: int = 256, queries: Optional[list[str]] = None) -> BenchResult:
    from eval.retrieval import load_cases
    from ingest.parse import parse_file
    from vectorstore.chunking import chunk_report
    from vectorstore.embedders import make_embedder
    from vectorstore.index import MODES, PassageIndex

    reports = [parse_file(p) for p in sorted(Path(reports_dir).glob("*.txt"))]
    embedder = make_embedder(settings)
    t0 = time.perf_counter()
    embedder.embed_query("预热")  # loads (and if needed converts) the model
    load_s = time.perf_counter() - t0

    texts = _sentences(reports, sentences)
    t0 = time.perf_counter()
    embedder.embed_documents(texts)
    sentences_per_s = len(texts) / (time.perf_counter() - t0)

    batch = _copies(reports, copies)
    # the very texts the index embeds, in one call: what the model does with them and nothing else
    chunk_texts = [c.embed_text() for r in batch for c in chunk_report(r)]
    t0 = time.perf_counter()
    embedder.embed_documents(chunk_texts)
    chunk_encode_per_s = len(chunk_texts) / (time.perf_counter() - t0)

    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        index = PassageIndex(Path(tmp), embedder)
        t0 = time.perf_counter()
        n_chunks = index.index_reports(batch)
        index_s = time.perf_counter() - t0
        queries = queries or [c.query for c in load_cases()]
        latency = {}
        for mode in MODES:
            index.search(queries[0], mode=mode)  # warm-up: BM25 build, first HNSW load
            times = []
            for q in queries:
                t0 = time.perf_counter()
                index.search(q, k=5, mode=mode)
                times.append(time.perf_counter() - t0)
            latency[mode] = _percentiles(times)
    return BenchResult(embedder=embedder.name, load_s=load_s, sentences=len(texts), sentences_per_s=sentences_per_s,
                       chunk_encode_per_s=chunk_encode_per_s, reports=len(batch), chunks=n_chunks, index_s=index_s,
                       index_chunks_per_s=n_chunks / index_s, latency_ms=latency)


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m vectorstore.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Data folder (holds the converted model); default $NIANBAO_DB or ./nianbao_data")
    parser.add_argument("--copies", type=int, default=4, help="Index each sample report this many times.")
    args = parser.parse_args(argv)
    print(run_benchmark(load_settings(db=args.db), copies=args.copies).table())


if __name__ == "__main__":
    main()
