"""Two ingests into one store at once: both finish, nothing is lost (issue: a plain BEGIN then a write
ignored the busy timeout, and the second writer died with `database is locked`)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ingest.store import connect_readonly
from tests.support.gold import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[2]


def _copies(folder: Path, tag: str, n: int) -> None:
    folder.mkdir(parents=True)
    samples = sorted(SAMPLES_DIR.glob("*.txt"))
    for i in range(n):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        (folder / f"{tag}{i:03d}.txt").write_text(text + f"\n<!-- {tag} copy {i} -->\n", encoding="utf-8")


def test_two_ingests_at_once_both_store_everything(tmp_path):
    db = tmp_path / "db"
    for tag in ("a", "b"):
        _copies(tmp_path / tag, tag, 30)
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from ingest.pipeline import ingest_paths
        summary = ingest_paths([Path(sys.argv[1])], Path(sys.argv[2]), index_passages=False)
        sys.exit(1 if summary.failed else 0)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / tag), str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
    conn = connect_readonly(db)
    try:
        files = {r[0] for r in conn.execute("SELECT file FROM reports")}
        per_report = [r[0] for r in conn.execute("SELECT COUNT(*) FROM facts GROUP BY report_id")]
    finally:
        conn.close()
    assert len(files) == 60  # every copy of both runs, none lost
    assert len(per_report) == 60 and min(per_report) >= 198  # each with all its cells


# distinct agencies (districts of the samples' cities) so every report is answered from and indexed
DISTRICTS = {"a": [("000_2133ae744f48d674.txt", "鼓楼区", d) for d in ("台江区", "仓山区", "晋安区", "马尾区", "长乐区")]
                  + [("001_19df74b8cb7281a4.txt", "鹿城区", d) for d in ("龙湾区", "瓯海区", "洞头区")],
             "b": [("000_2133ae744f48d674.txt", "鼓楼区", d) for d in ("闽侯县", "连江县", "罗源县", "闽清县", "永泰县")]
                  + [("001_19df74b8cb7281a4.txt", "鹿城区", d) for d in ("瑞安市", "乐清市", "永嘉县")]}


def test_two_ingests_indexing_passages_at_once_leave_every_report_with_all_its_chunks(tmp_path):
    """The issue: both exited 0 and 66 chunks of 4 reports had no vector. Both runs embed at once here;
    after them every report answered from has exactly the chunks its text gives, each with a vector."""
    from ingest import store
    from nianbao.config import Settings
    from vectorstore.chunking import chunk_report
    from vectorstore.index import open_index

    db = tmp_path / "db"
    for tag, copies in DISTRICTS.items():
        folder = tmp_path / tag
        folder.mkdir()
        for i, (sample, old, new) in enumerate(copies):
            text = (SAMPLES_DIR / sample).read_text(encoding="utf-8").replace(old, new)
            (folder / f"{tag}{i}.txt").write_text(text, encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from ingest.pipeline import ingest_paths
        from nianbao.config import Settings
        db = Path(sys.argv[2])
        summary = ingest_paths([Path(sys.argv[1])], db, Settings(db=db, embed_model="hash"))
        sys.exit(1 if summary.failed or summary.index_error else 0)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / tag), str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in DISTRICTS]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    index = open_index(Settings(db=db, embed_model="hash"))  # the folder's index, on the Chroma server if one is set
    conn = store.connect_readonly(db)
    try:
        used = store.used_report_ids(conn)
        assert len(used) == sum(len(c) for c in DISTRICTS.values())  # 16 agencies, none a version of another
        expected = {c.chunk_id for rid in used for c in chunk_report(store.load_report(conn, rid))}
    finally:
        conn.close()
    got = index.store.collection.get(include=["embeddings"])
    assert set(got["ids"]) == expected
    assert all(v is not None and len(v) == 256 for v in got["embeddings"])


def test_two_processes_creating_one_passage_index_at_once(tmp_path):
    """The first open of a passage index creates Chroma's tables; two processes doing it at the same moment
    made one fail ("table collections already exists"). 8 rounds of two processes opening a new folder."""
    script = textwrap.dedent("""
        import sys, time
        from pathlib import Path
        from vectorstore.store import ChromaPassageStore
        start = float(sys.argv[2])
        while time.time() < start:
            pass
        ChromaPassageStore(Path(sys.argv[1]) / "chroma").collection
    """)
    import time as clock
    for round_ in range(8):
        folder = tmp_path / f"db{round_}"
        folder.mkdir()
        start = clock.time() + 3.0  # both processes imported and waiting: they open at the same instant
        procs = [subprocess.Popen([sys.executable, "-c", script, str(folder), str(start)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, f"round {round_}: {err[-1500:]}"
