"""Parse+store throughput on the bundled samples copied to N distinct files (each copy gets a unique
trailing line, so every copy is its own report id, as 1,000 real reports would be)."""
from __future__ import annotations

import json
import shutil
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
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return (f"parse+store: {ok}/{copies} reports in {elapsed:.2f} s = {ok / elapsed:.1f} reports/s "
            f"({elapsed / max(ok, 1) * 1000:.1f} ms per report); peak memory of this process {peak:.0f} MiB")


QUESTIONS = {  # kind → question; {agency} and {year} are filled from the store being measured
    "lookup": "{agency}{year}年收到多少件申请？",
    "ranking": "Which district spent most on procurement?",
    "aggregate": "{year}年各单位一共收到多少件申请？",
    "passages": "{agency}存在哪些主要问题？",
}


def _subject(db: Path) -> tuple[str, int]:
    """A department with a 2019-template report in the store (what the lookup question names)."""
    from ingest.store import connect_readonly
    conn = connect_readonly(db)  # the folder's store, on PostgreSQL when NIANBAO_DB_URL names one
    try:
        row = conn.execute("SELECT agency_full, year FROM reports WHERE agency_kind = 'department' AND template = '2019'"
                           " ORDER BY id LIMIT 1").fetchone()
    finally:
        conn.close()
    if row is None:
        raise ValueError(f"{db} holds no department report of the 2019 template to ask about")
    return row[0], row[1]


def _floor(db: Path, repeat: int) -> float:
    """p50 ms of the least any ranking must do: read one cell of every report (a bare SQL join)."""
    from ingest.store import connect_readonly
    conn = connect_readonly(db)
    times = []
    try:
        for _ in range(repeat + 1):
            start = time.perf_counter()
            conn.execute("SELECT r.id, f.value FROM reports r LEFT JOIN facts f ON f.report_id = r.id"
                         " AND f.key = 'active.procurement.amount'").fetchall()
            times.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    return sorted(times[1:])[len(times[1:]) // 2]


def _latencies(db: Path, repeat: int) -> dict[str, tuple[float, float, int, str]]:
    """kind → (p50 ms, p95 ms, answer JSON bytes, status), asked through the Python API in this process."""
    from qa.api import answer
    agency, year = _subject(db)
    out = {"floor": (_floor(db, repeat), 0.0, 0, "SQL")}
    for kind, template in QUESTIONS.items():
        question = template.format(agency=agency, year=year)
        first = answer(question, db_dir=db)  # warm: caches, the page cache
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            answer(question, db_dir=db)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        # the answer's JSON as `nianbao ask --json` and `nianbao serve` give it (the contract of QA.md)
        size = len(json.dumps(first.contract(), ensure_ascii=False).encode())
        out[kind] = (times[len(times) // 2], p95, size, first.status)
    return out


def _remove(db: Path) -> None:
    """A measured store gone: its folder, and on a server its schema."""
    from ingest.store import server_url
    shutil.rmtree(db, ignore_errors=True)
    if server_url():
        from ingest import postgres
        postgres.drop(server_url(), db)


def run_question_bench(sizes: list[int], repeat: int = 20, work: Path | None = None,
                       echo=None, passages_up_to: int = 0) -> str:
    """Question latency per kind on the bundled samples and on synthetic corpora of `sizes` reports.
    Corpora of at most `passages_up_to` reports also get a passage index (the base's chunks and vectors
    cloned, `vectorstore.corpus`), so their passage question searches vectors + BM25 as a real one does."""
    import click

    from ingest.corpus import build_corpus
    echo = echo or click.echo
    # the clones' base: the bundled samples (2019 template) and, in a checkout, the two real PDFs of the
    # 2021 template the tests use, so the corpus holds both template versions
    pdfs = SAMPLES_DIR.parent.parent / "tests" / "fixtures" / "pdf"
    sources = [SAMPLES_DIR] + ([pdfs] if pdfs.is_dir() else [])
    vectors = any(n <= passages_up_to for n in sizes)
    notes = []
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        base = Path(tmp) / "base"
        summary = ingest_paths(sources, base, index_passages=vectors)
        if summary.index_error:
            raise RuntimeError(f"the base's passage index: {summary.index_error}")
        n_base = len(summary.results) - len(summary.failed)
        rows = [(f"{n_base} (base)" + (" +v" if vectors else ""), _latencies(base, repeat))]
        for n in sizes:
            db = Path(tmp) / f"corpus{n}"
            start = time.perf_counter()
            clones: list[dict] | None = [] if n <= passages_up_to else None
            build_corpus(base, db, n, progress=lambda k: echo(f"  corpus {n}: {k} reports", err=True)
                         if k % 10000 == 0 else None, clones=clones)
            echo(f"corpus of {n} reports built in {time.perf_counter() - start:.1f} s", err=True)
            if clones is not None:
                notes.append(f"{n} +v: {_clone_passages(base, db, clones, echo)}")
            rows.append((f"{n}" + (" +v" if clones is not None else ""), _latencies(db, repeat)))
            _remove(db)
        _remove(base)
    kinds = list(QUESTIONS)
    lines = [f"{'reports':<12} | {'bare SQL join':>13} | " + " | ".join(f"{k:>32}" for k in kinds),
             f"{'':<12} | {'p50 ms':>13} | " + " | ".join(f"{'p50 / p95 ms, JSON KB (status)':>32}" for _ in kinds)]
    for label, lat in rows:
        floor = lat.pop("floor")[0]
        lines.append(f"{label:<12} | {floor:>13.1f} | " + " | ".join(
            f"{f'{p50:.1f} / {p95:.1f}, {size / 1024:.1f} ({status})':>32}" for p50, p95, size, status in lat.values()))
    lines.append("+v: with a passage index (vectors in Chroma + BM25): the passage question searches it; "
                 "other rows: no vectors, the passage question searches the stored sections")
    return "\n".join(lines + notes)


def _clone_passages(base: Path, db: Path, clones: list[dict], echo) -> str:
    """The corpus's passage index from the base's chunks and vectors; what building it cost."""
    import resource

    from nianbao.config import load_settings
    from vectorstore.corpus import clone_index
    cost = clone_index(load_settings(db=db), base, db, clones, echo=lambda m: echo(m, err=True))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"{cost['chunks']:,} chunks; vectors written to Chroma in {cost['vectors_s']:.1f} s, keyword index "
            f"built in {cost['keyword_s']:.1f} s (peak memory of this process so far {peak:.0f} MiB)")
