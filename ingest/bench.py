"""Parse+store throughput on the bundled samples copied to N distinct files (each copy gets a unique
trailing line, so every copy is its own report id, as 1,000 real reports would be)."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ingest.pipeline import ingest_paths
from nianbao.config import SAMPLES_DIR


def run_bench(copies: int = 1000) -> str:
    samples = sorted(SAMPLES_DIR.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "reports"
        src.mkdir()
        for i in range(copies):
            sample = samples[i % len(samples)]
            text = sample.read_text(encoding="utf-8")
            (src / f"{i:05d}_{sample.name}").write_text(text + f"\n<!-- copy {i} -->\n", encoding="utf-8")
        start = time.perf_counter()
        summary = ingest_paths([src], Path(tmp) / "db", index_passages=False)
        elapsed = time.perf_counter() - start
    ok = len(summary.results) - len(summary.failed)
    return (f"parse+store: {ok}/{copies} reports in {elapsed:.2f} s = {ok / elapsed:.1f} reports/s "
            f"({elapsed / max(ok, 1) * 1000:.1f} ms per report)")
