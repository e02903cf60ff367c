"""Benchmark: the bundled e5-small on torch against ONNX Runtime (fp32 and dynamic int8), in one run.

    python -m vectorstore.onnx_bench [--db /tmp/onnx_e5_data] [--cache /tmp/onnx_e5] [--copies 5]
                                     [--repeats 3] [--batch-size 32] [--threads 2] [--no-st]

For each runtime, on the same chunk texts (the chunks of data/samples, repeated `--copies` times):
chunks/s of `embed_documents` (tokenising included, as indexing calls it; best and median of
`--repeats` rounds, the runtimes interleaved within each round so a busy machine hurts them alike),
agreement with the current default (LeanBert, plain torch) on those chunks and on the eval queries
(min cosine, max abs difference), and recall@5 of eval/retrieval.py (dense and hybrid) on a fresh
temporary Chroma index of data/samples built with that runtime's embedder.

Runtimes: torch LeanBert (the current default), torch sentence-transformers (what LeanBert replaced;
`--no-st` skips it), ONNX Runtime fp32, and ONNX Runtime dynamic int8 twice: with quantize_dynamic's
defaults (per-tensor scales) and with per-channel scales + reduce_range (7-bit weights, which avoid
the u8s8 overflow of AVX2 CPUs without VNNI) (`vectorstore.onnx_runtime`; exported and quantised into
`--cache` on the first run). Measurement only: nothing here changes the
default embedder. Needs the `onnx` package for the export and quantisation.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from pydantic import BaseModel

from nianbao.config import SAMPLES_DIR


class Row(BaseModel):
    runtime: str
    load_s: float
    best_per_s: float
    median_per_s: float
    vs_torch: float = 1.0
    min_cosine: float = 1.0
    max_abs_diff: float = 0.0
    dense_r5: float = 0.0
    hybrid_r5: float = 0.0


def table(rows: Sequence[Row], chunks: int, repeats: int) -> str:
    head = (f"{'runtime':<28} | {'chunks/s':>8} | {'median':>6} | {'vs torch':>8} | {'min cos vs torch':>16} | "
            f"{'max |diff|':>10} | {'R@5 dense':>9} | {'R@5 hybrid':>10} | {'load s':>6}")
    lines = [f"{chunks} chunk texts, best of {repeats} rounds", head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r.runtime:<28} | {r.best_per_s:>8.1f} | {r.median_per_s:>6.1f} | {r.vs_torch:>7.2f}x | "
                     f"{r.min_cosine:>16.6f} | {r.max_abs_diff:>10.2e} | {r.dense_r5:>9.3f} | {r.hybrid_r5:>10.3f} | "
                     f"{r.load_s:>6.1f}")
    return "\n".join(lines)


def chunk_texts(reports_dir: Path = SAMPLES_DIR) -> list[str]:
    """The texts indexing gives the embedder for the sample reports (`Chunk.embed_text`)."""
    from ingest.parse import parse_file
    from vectorstore.chunking import chunk_report

    return [c.embed_text() for p in sorted(Path(reports_dir).glob("*.txt")) for c in chunk_report(parse_file(p))]


def _sentence_transformers_embedder(model_folder: Path, batch_size: int):
    """sentence-transformers itself on the folder (`make_embedder` would pick LeanBert for it)."""
    from sentence_transformers import SentenceTransformer

    from vectorstore.embedders import _SentenceTransformerBase

    class STEmbedder(_SentenceTransformerBase):
        name = "multilingual-e5-small-st"

        def _model_path(self) -> Path:
            return model_folder

    embedder = STEmbedder()
    embedder.batch_size = batch_size
    embedder._model = SentenceTransformer(str(model_folder), device="cpu", local_files_only=True).float()
    return embedder


def runtimes(data_dir: Path, cache_dir: Path, batch_size: int, threads: int, include_st: bool,
             spin: bool = True) -> list[tuple[str, object]]:
    """(label, embedder) per runtime, the current default first."""
    import torch

    from vectorstore.convert import ensure_e5_small
    from vectorstore.embedders import E5SmallEmbedder
    from vectorstore.onnx_runtime import OnnxE5Embedder, export_onnx, quantize_int8

    torch.set_num_threads(threads)
    model_folder = ensure_e5_small(data_dir)
    t0 = time.perf_counter()
    fp32 = export_onnx(model_folder, cache_dir)
    int8 = quantize_int8(fp32)
    int8_pc_rr = quantize_int8(fp32, per_channel=True, reduce_range=True)
    prepared = time.perf_counter() - t0
    print(f"model folder {model_folder}; ONNX files {fp32.name}, {int8.name}, {int8_pc_rr.name} in {cache_dir} "
          f"(export/quantise or reuse: {prepared:.1f} s)", flush=True)
    out: list[tuple[str, object]] = [("torch LeanBert (default)", E5SmallEmbedder(data_dir, batch_size=batch_size))]
    if include_st:
        out.append(("torch sentence-transformers", lambda: _sentence_transformers_embedder(model_folder, batch_size)))
    out.append(("onnxruntime fp32", OnnxE5Embedder(model_folder, fp32, batch_size=batch_size, threads=threads,
                                                  spin=spin)))
    out.append(("onnxruntime int8 (dynamic)", OnnxE5Embedder(model_folder, int8, batch_size=batch_size,
                                                            threads=threads, spin=spin)))
    out.append(("onnxruntime int8 per-ch+rr", OnnxE5Embedder(model_folder, int8_pc_rr, batch_size=batch_size,
                                                            threads=threads, spin=spin)))
    return out


def recall_at_5(embedder, reports_dir: Path = SAMPLES_DIR) -> dict[str, float]:
    """eval/retrieval.py's recall@5 per mode, on a fresh temporary index of `reports_dir`."""
    from eval.retrieval import evaluate, index_reports_dir, load_cases
    from vectorstore.index import PassageIndex

    with tempfile.TemporaryDirectory(prefix="nianbao-onnx-eval-") as tmp:
        index = PassageIndex(Path(tmp), embedder)
        index_reports_dir(index, Path(reports_dir))
        report = evaluate(index, load_cases(), modes=("dense", "hybrid"))
    return {s.mode: s.recall_at_5 for s in report.scores}


def run(data_dir: Path, cache_dir: Path, copies: int = 5, repeats: int = 3, batch_size: int = 32,
        threads: int = 2, include_st: bool = True, spin: bool = True) -> tuple[list[Row], int]:
    from eval.retrieval import load_cases

    entries = runtimes(data_dir, cache_dir, batch_size, threads, include_st, spin)
    unique = chunk_texts()
    texts = unique * copies
    queries = [c.query for c in load_cases()]

    embedders, loads = [], []
    for label, embedder in entries:
        t0 = time.perf_counter()
        embedder = embedder() if callable(embedder) and not hasattr(embedder, "embed_query") else embedder
        embedder.embed_query("预热")  # loads the model / session
        embedder.embed_documents(unique[:8])  # first real batch (allocator, kernels)
        loads.append(time.perf_counter() - t0)
        embedders.append(embedder)

    speeds: list[list[float]] = [[] for _ in embedders]
    docs: list[Optional[np.ndarray]] = [None] * len(embedders)
    for round_ in range(repeats):
        order = range(len(embedders)) if round_ % 2 == 0 else reversed(range(len(embedders)))
        for i in order:
            t0 = time.perf_counter()
            vectors = embedders[i].embed_documents(texts)
            speeds[i].append(len(texts) / (time.perf_counter() - t0))
            docs[i] = np.asarray(vectors, dtype=np.float32)
        print(f"round {round_ + 1}: " + ", ".join(f"{entries[i][0]} {speeds[i][-1]:.1f}/s"
                                                   for i in range(len(embedders))), flush=True)

    qvecs = [np.asarray([e.embed_query(q) for q in queries], dtype=np.float32) for e in embedders]
    rows = []
    for i, (label, _) in enumerate(entries):
        both = np.vstack([docs[i], qvecs[i]])
        ref = np.vstack([docs[0], qvecs[0]])
        recall = recall_at_5(embedders[i])
        rows.append(Row(runtime=label, load_s=loads[i], best_per_s=max(speeds[i]),
                        median_per_s=statistics.median(speeds[i]), vs_torch=max(speeds[i]) / max(speeds[0]),
                        min_cosine=float((both * ref).sum(1).min()), max_abs_diff=float(np.abs(both - ref).max()),
                        dense_r5=recall["dense"], hybrid_r5=recall["hybrid"]))
    return rows, len(texts)


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m vectorstore.onnx_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/onnx_e5_data",
                        help="Data folder holding (or receiving) the converted model (default /tmp/onnx_e5_data).")
    parser.add_argument("--cache", default="/tmp/onnx_e5", help="Folder for the ONNX exports (default /tmp/onnx_e5).")
    parser.add_argument("--copies", type=int, default=5, help="Repeat the sample chunks this many times.")
    parser.add_argument("--repeats", type=int, default=3, help="Timed rounds per runtime.")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="torch threads and ORT intra-op threads.")
    parser.add_argument("--no-st", action="store_true", help="Skip sentence-transformers.")
    parser.add_argument("--no-spin", action="store_true", help="ORT pool threads sleep instead of spinning.")
    args = parser.parse_args(argv)
    rows, n = run(Path(args.db), Path(args.cache), copies=args.copies, repeats=args.repeats,
                  batch_size=args.batch_size, threads=args.threads, include_st=not args.no_st, spin=not args.no_spin)
    print(table(rows, n, args.repeats))


if __name__ == "__main__":
    main()
