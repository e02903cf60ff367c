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
