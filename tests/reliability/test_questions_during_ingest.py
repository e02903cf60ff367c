"""Readers never write and never break: questions leave the data folder as they found it, and questions
asked while another process ingests all answer (issue: 6 of 12 passage questions during an ingest
crashed with a chromadb InternalError, and `ask` wrote into the data folder on every query)."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from ingest.pipeline import ingest_paths
from nianbao.config import load_settings
from qa.api import answer
from tests.support.gold import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ["温泉街道存在哪些主要问题？", "鹿城区统计局2020年收到多少件申请？",
             "Which district spent most on procurement?", "2020年各单位一共收到多少件申请？",
             "鼓楼区统计局主动公开了哪些信息？", "What did the reports say about training staff?"]


def _snapshot(db: Path) -> dict[str, tuple]:
    """Every file's size and content hash. SQLite's `-shm` (the WAL's shared-memory index, which every
    reader maps) is left out: it is not data."""
    return {str(p.relative_to(db)): (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(db.rglob("*")) if p.is_file() and not p.name.endswith("-shm")}


def test_questions_leave_the_data_folder_untouched(tmp_path):
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    ingest_paths([SAMPLES_DIR], db, settings)
    before = _snapshot(db)
    for q in QUESTIONS:
        assert answer(q, settings=settings).status in ("answered", "no_data"), q
    assert _snapshot(db) == before


def test_24_questions_while_another_process_ingests_all_answer(tmp_path):
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    ingest_paths([SAMPLES_DIR], db, settings)
    more = tmp_path / "more"
    more.mkdir()
    samples = sorted(SAMPLES_DIR.glob("*.txt"))
    for i in range(60):  # changed copies: the ingest rewrites facts and passages the whole time
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        (more / f"c{i:02d}.txt").write_text(text + f"\n附：第{i}份副本。\n", encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from ingest.pipeline import ingest_paths
        from nianbao.config import load_settings
        db = Path(sys.argv[2])
        for _ in range(3):
            s = ingest_paths([Path(sys.argv[1])], db, load_settings(db=db, embed_model="hash"))
            assert not s.failed and not s.index_error, s
            for p in sorted(Path(sys.argv[1]).glob("*.txt")):
                p.write_text(p.read_text(encoding="utf-8") + "再改一次。\\n", encoding="utf-8")
    """)
    writer = subprocess.Popen([sys.executable, "-c", script, str(more), str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    asked = []
    try:
        while len(asked) < 24:
            q = QUESTIONS[len(asked) % len(QUESTIONS)]
            got = answer(q, settings=settings)
            asked.append((q, got.status, writer.poll() is None))
            assert got.status in ("answered", "no_data"), (q, got.status, got.text)
    finally:
        out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err[-2000:]
    assert sum(running for *_, running in asked) >= 12, asked  # most were asked while the ingest ran
    shutil.rmtree(more)
