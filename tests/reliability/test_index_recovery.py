"""A passage index Chroma can no longer read (what a kill -9 in the middle of its write can leave) is set
aside and rebuilt from the store by the next ingest, which says so; the store is untouched."""
from __future__ import annotations


import chromadb.errors

from ingest import store
from ingest.pipeline import ingest_paths
from nianbao.config import SAMPLES_DIR, load_settings
from tests.support.backends import on_servers
from vectorstore.index import PassageIndex, open_index


def test_an_unreadable_index_is_rebuilt_from_the_store(tmp_path, monkeypatch):
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    first = ingest_paths([SAMPLES_DIR], db, settings)
    assert first.chunks > 0 and first.index_rebuilt is None

    def unreadable(self):
        raise chromadb.errors.InternalError("Failed to apply logs to the hnsw segment writer")

    monkeypatch.setattr(PassageIndex, "indexed_report_ids", unreadable)
    extra = tmp_path / "new"
    extra.mkdir()
    source = sorted(SAMPLES_DIR.glob("*.txt"))[0]
    (extra / "edited.txt").write_text(source.read_text(encoding="utf-8") + "\n附：本报告另有说明。\n", encoding="utf-8")
    second = ingest_paths([extra], db, settings)
    monkeypatch.undo()
    # the edited copy is a new version of a sample's report: six stored, five answered from and indexed
    assert second.index_rebuilt and "rebuilt from the store (5 reports)" in second.index_rebuilt
    assert not second.index_error and not second.failed
    if not on_servers():  # an embedded index is moved aside (a server's collection is dropped)
        assert (db / "chroma.damaged").is_dir() or any(p.name.endswith(".damaged") for p in db.iterdir())
    conn = store.connect_readonly(db)
    try:
        stored, used = set(store.report_ids(conn)), set(store.used_report_ids(conn))
    finally:
        conn.close()
    index = open_index(settings, db)
    assert len(stored) == 6 and index.indexed_report_ids() == used and len(used) == 5
    assert index.search("温泉街道存在哪些主要问题", k=3)


def test_a_question_while_the_index_cannot_be_read_is_answered_from_the_sections(tmp_path, monkeypatch):
    from qa.api import answer
    db = tmp_path / "db"
    settings = load_settings(db=db, embed_model="hash")
    ingest_paths([SAMPLES_DIR], db, settings)

    def busy(self, *args, **kwargs):  # what 6 of 12 passage questions met during an ingest
        raise chromadb.errors.InternalError("Error executing plan: Error sending backfill request to compactor")

    monkeypatch.setattr(PassageIndex, "search", busy)
    got = answer("温泉街道存在哪些主要问题？", settings=settings)
    assert got.status == "answered" and got.route == "passages", got.text
    assert "段落索引暂时无法读取" in got.text and got.citations and got.citations[0].section == "五"
    en = answer("What problems did the Wenquan street office report?", settings=settings)
    assert en.status == "answered" and "could not be read just now" in en.text
    table = answer("鹿城区统计局2020年收到多少件申请？", settings=settings)
    assert table.status == "answered" and "段落索引" not in table.text  # tables never needed the index
