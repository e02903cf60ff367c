"""The passage index ends every ingest in step with the store: chunks of reports the store lost are
deleted, stored reports without chunks are indexed (issue: after a kill -9 Chroma kept 85 reports
against 55 in SQLite, for good, and stale versions ranked in the top hits)."""
from __future__ import annotations

import shutil

from ingest import store
from ingest.pipeline import ingest_paths
from nianbao.config import Settings
from tests.support.gold import SAMPLES_DIR
from vectorstore.index import open_index


def _index(db, settings):
    return open_index(settings, db)


def test_a_rerun_repairs_drift_between_store_and_index(tmp_path):
    db = tmp_path / "db"
    settings = Settings(db=db, embed_model="hash")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt", "004_5206fb2196a31c52.txt"):
        shutil.copy(SAMPLES_DIR / name, folder / name)
    assert not ingest_paths([folder], db, settings).failed
    conn = store.connect(db)
    ids = store.report_ids(conn)
    # drift as a crash leaves it: one report gone from the store but not the index, one stored
    # report whose chunks were never written
    store.delete_report(conn, ids[0])
    _index(db, settings).remove_reports([ids[1]])
    conn.close()
    index = _index(db, settings)
    assert index.indexed_report_ids() == {ids[0], ids[2]}

    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(SAMPLES_DIR / "003_acfa5b9243423631.txt", extra / "w.txt")
    assert not ingest_paths([extra], db, settings).failed  # a plain later run

    conn = store.connect_readonly(db)
    stored = set(store.report_ids(conn))
    conn.close()
    assert _index(db, settings).indexed_report_ids() == stored  # the same reports, every one with chunks
    assert ids[0] not in stored and ids[1] in stored
