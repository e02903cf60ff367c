"""A large ingest builds the window index once at the end (ingest/store.py `bulk`): absent while the
reports are stored, present after, the same answers as a store that kept it all along; an ingest that
stops half-way leaves it to the next writer, which puts it back."""
from __future__ import annotations

import sqlite3

from ingest import store
from ingest.pipeline import ingest_paths
from qa.api import answer
from tests.support.backends import sqlite_only
from tests.support.gold import SAMPLES_DIR

pytestmark = sqlite_only  # the index is SQLite's

QUESTIONS = ["哪个单位的政府集中采购金额最高？", "2020年各单位一共收到多少件申请？", "鹿城区统计局2020年收到多少件申请？"]


def _has_index(db) -> bool:
    conn = sqlite3.connect(store.db_path(db))
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'facts_cover'").fetchone() is not None
    finally:
        conn.close()


def test_a_bulk_ingest_builds_the_window_index_at_the_end(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    ingest_paths([SAMPLES_DIR], plain, index_passages=False)
    monkeypatch.setattr(store, "BULK_FROM", 3)  # the five samples count as a large ingest
    bulk = tmp_path / "bulk"
    seen = []
    ingest_paths([SAMPLES_DIR], bulk, index_passages=False,
                 progress=lambda i, n, name: seen.append(_has_index(bulk)))
    assert seen and not any(seen)  # left out while the reports were stored
    assert _has_index(bulk) and _has_index(plain)
    for question in QUESTIONS:
        a, b = answer(question, db_dir=plain), answer(question, db_dir=bulk)
        assert (a.status, a.text, a.value) == (b.status, b.text, b.value)


def test_the_next_writer_puts_back_an_index_a_stopped_ingest_left_out(tmp_path):
    db = tmp_path / "db"
    ingest_paths([SAMPLES_DIR], db, index_passages=False)
    conn = store.connect(db)
    conn.execute("DROP INDEX facts_cover")  # what an ingest killed during its bulk load leaves
    conn.close()
    assert not _has_index(db)
    assert answer(QUESTIONS[0], db_dir=db).status == "answered"  # answered meanwhile (more slowly)
    store.connect(db).close()
    assert _has_index(db)


def test_storing_many_reports_checkpoints_the_log_less_often_and_then_as_before(tmp_path):
    conn = store.connect(tmp_path / "db")
    try:
        default = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        for files, during in ((1, default), (5, store.BULK_CHECKPOINT_PAGES)):
            with store.bulk(conn, files):
                assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == during
            assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == default
        try:
            with store.bulk(conn, 5):
                raise RuntimeError("a report failed")
        except RuntimeError:
            pass
        assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == default  # also when storing stops
    finally:
        conn.close()
