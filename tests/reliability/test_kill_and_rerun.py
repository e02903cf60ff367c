"""Fault injection: a re-ingest of changed files is killed with SIGKILL at a random moment, then run
again plainly; after every rerun the store and the passage index hold the same reports, every report
complete, and SQLite passes its integrity check (issue: Chroma kept 85 reports against 55 in SQLite
for good). 20 cycles, seeded so a failure replays."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from ingest import store
from nianbao.config import Settings
from tests.support.gold import SAMPLES_DIR
from vectorstore.index import open_index

ROOT = Path(__file__).resolve().parents[2]
CYCLES = 20
FILES = 20
SCRIPT = ("import sys; from pathlib import Path; from ingest.pipeline import ingest_paths; "
          "from nianbao.config import Settings; db = Path(sys.argv[2]); "
          "r = ingest_paths([Path(sys.argv[1])], db, Settings(db=db, embed_model='hash')); "
          "sys.exit(1 if r.failed or r.index_error else 0)")


def _write(folder: Path, version: int) -> None:
    samples = sorted(SAMPLES_DIR.glob("*.txt"))
    for i in range(FILES):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        (folder / f"r{i:02d}.txt").write_text(text + f"\n<!-- version {version}, copy {i} -->\n", encoding="utf-8")


def _run(src: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, str(src), str(db)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_kill_at_random_moments_then_rerun_leaves_store_and_index_equal(tmp_path):
    src, db = tmp_path / "in", tmp_path / "db"
    src.mkdir()
    _write(src, 0)
    assert _run(src, db).returncode == 0
    rnd = random.Random(20261204)
    for cycle in range(CYCLES):
        _write(src, cycle + 1)  # every file changed: each rerun replaces all reports and their passages
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(src), str(db)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.05, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        rerun = _run(src, db)
        assert rerun.returncode == 0, f"cycle {cycle}: {rerun.stderr[-1500:]}"
        conn = store.connect_readonly(db)
        try:
            ids, used = set(store.report_ids(conn)), set(store.used_report_ids(conn))
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            orphans = conn.execute("SELECT COUNT(*) FROM facts WHERE report_id NOT IN (SELECT id FROM reports)")
            assert orphans.fetchone()[0] == 0
            per_report = [r[0] for r in conn.execute("SELECT COUNT(*) FROM facts GROUP BY report_id")]
            # the 20 files are 4 versions each of the 5 samples' reports: one of each answered from
            versions = conn.execute("SELECT COUNT(*), SUM(CASE WHEN version_of IS NULL THEN 1 ELSE 0 END) FROM reports"
                                    " GROUP BY COALESCE(agency_full, agency), year").fetchall()
        finally:
            conn.close()
        assert len(ids) == FILES and len(per_report) == FILES and min(per_report) >= 198, f"cycle {cycle}"
        assert sorted(map(tuple, versions)) == [(FILES // 5, 1)] * 5, f"cycle {cycle}: {[tuple(v) for v in versions]}"
        index = open_index(Settings(db=db, embed_model="hash"), db)
        assert index.indexed_report_ids() == used, f"cycle {cycle}: index and store differ"
