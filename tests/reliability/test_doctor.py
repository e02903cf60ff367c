"""`nianbao doctor [--repair]`: finds what a crash or a hand-edited store leaves (orphan rows, versions
without the one answers use, passages of reports the store does not answer from, reports without
passages, an unreadable index), says each in one line, and `--repair` puts it right from the store."""
from __future__ import annotations

import shutil

import chromadb.errors
from click.testing import CliRunner

from ingest import store
from ingest.pipeline import ingest_paths
from nianbao.cli import main
from nianbao.config import load_settings
from tests.support.gold import SAMPLES_DIR
from tests.support.backends import on_servers
from vectorstore.index import PassageIndex, open_index

SAMPLES = ["000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "004_5206fb2196a31c52.txt"]


def _doctor(db, *args):
    return CliRunner().invoke(main, ["doctor", "--db", str(db), *args], env={"NIANBAO_EMBED_MODEL": "hash"})


def _store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in SAMPLES:
        shutil.copy(SAMPLES_DIR / name, src / name)
    lines = (SAMPLES_DIR / SAMPLES[0]).read_text(encoding="utf-8").splitlines(keepends=True)
    (src / "z_version.txt").write_text("".join(lines[:39] + lines[70:]), encoding="utf-8")  # reads worse
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    assert not ingest_paths([src], db, settings).failed
    return db, settings


def _lines(result) -> dict[str, str]:
    return {line.split(None, 1)[1].split(":")[0]: line.split(None, 1)[0]
            for line in result.output.splitlines() if line.startswith(("ok", "PROBLEM", "repaired"))}


def test_a_healthy_store_is_all_ok(tmp_path):
    db, _ = _store(tmp_path)
    result = _doctor(db)
    assert result.exit_code == 0, result.output
    assert set(_lines(result).values()) == {"ok"} and len(_lines(result)) == 5
    assert "reports 4, answered from 3" in result.output


def test_drift_is_found_then_repaired(tmp_path):
    db, settings = _store(tmp_path)
    conn = store.connect(db)
    ids = {r[0]: r[1] for r in conn.execute("SELECT file, id FROM reports")}
    conn.execute("PRAGMA foreign_keys = OFF")  # what a store written without the cascade would hold
    conn.execute("DELETE FROM reports WHERE id = ?", (ids[SAMPLES[1]],))  # rows and passages left behind
    conn.execute("UPDATE reports SET version_of = NULL")  # two versions of one report both answered from
    conn.commit()
    conn.close()
    open_index(settings, db).remove_reports([ids[SAMPLES[2]]])  # a report without passages

    found = _doctor(db)
    assert found.exit_code == 1
    state = _lines(found)
    assert state == {"sqlite integrity": "ok", "orphan rows": "PROBLEM", "report texts": "ok",
                     "report versions": "PROBLEM", "passage index": "PROBLEM"}, found.output
    # stale: the deleted report's; missing: the report stripped of passages and the version now answered from
    assert "passages of 1 reports the store does not answer from, 2 reports without passages" in found.output
    assert "--repair" in found.output

    fixed = _doctor(db, "--repair")
    assert "repaired  orphan rows" in fixed.output and "repaired  report versions" in fixed.output
    after = _doctor(db)
    assert after.exit_code == 0 and set(_lines(after).values()) == {"ok"}, after.output
    conn = store.connect_readonly(db)
    try:
        used = set(store.used_report_ids(conn))
        assert used == {ids[SAMPLES[0]], ids[SAMPLES[2]]}  # the better-reading version of the pair
    finally:
        conn.close()
    assert open_index(settings, db).indexed_report_ids() == used


def test_an_unreadable_index_is_named_and_rebuilt(tmp_path, monkeypatch):
    db, settings = _store(tmp_path)
    real = PassageIndex.indexed_report_ids
    calls = {"n": 0}

    def unreadable(self):
        calls["n"] += 1
        if calls["n"] <= 3:  # doctor; doctor --repair: its check, then the repair's first look (the rebuilt one reads)
            raise chromadb.errors.InternalError("Failed to apply logs to the hnsw segment writer")
        return real(self)

    monkeypatch.setattr(PassageIndex, "indexed_report_ids", unreadable)
    found = _doctor(db)
    assert found.exit_code == 1 and "passage index: cannot be read (InternalError" in found.output
    fixed = _doctor(db, "--repair")
    assert fixed.exit_code == 0 and "rebuilt from the store (3 reports)" in fixed.output, fixed.output
    monkeypatch.undo()
    if not on_servers():  # an embedded index is moved aside (a server's collection is dropped)
        assert any(p.name.endswith(".damaged") for p in db.iterdir())
    conn = store.connect_readonly(db)
    try:
        assert open_index(settings, db).indexed_report_ids() == set(store.used_report_ids(conn))
    finally:
        conn.close()
