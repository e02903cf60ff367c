"""The passage index on a Chroma server (`NIANBAO_CHROMA_URL`, a real `chroma run` on loopback): the
same ingest, the same passages and answers as the embedded index, the store and the index in step, and a
plain message when the server cannot be reached."""
from __future__ import annotations

import pytest

from ingest.doctor import examine
from ingest.pipeline import ingest_paths
from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLES_DIR
from tests.support.servers import free_port
from vectorstore.index import open_index

QUESTIONS = ["温泉街道存在哪些主要问题？", "What improvements did 鹿城区统计局 plan for its disclosure work?",
             "鄞州区统计局通过哪些新媒体渠道公开信息？", "二七区统计局是如何建立督查监督机制的？"]


@pytest.fixture(scope="module")
def server_db(tmp_path_factory, chroma_url):
    db = tmp_path_factory.mktemp("server_db")
    summary = ingest_paths(sorted(SAMPLES_DIR.glob("*.txt")), db, Settings(db=db, chroma_url=chroma_url))
    assert not summary.failed and summary.index_error is None and summary.chunks > 0
    return db


def test_the_passages_live_on_the_server_not_in_the_folder(server_db, chroma_url, ingested_db):
    assert not (server_db / "chroma").exists()
    on_server = open_index(Settings(db=server_db, chroma_url=chroma_url))
    embedded = open_index(Settings(db=ingested_db))
    assert on_server.count() == embedded.count() > 0
    for q in QUESTIONS:  # the same model and chunks: the same passages, in the same order
        got = [p.chunk_id for p in on_server.search(q, k=5)]
        want = [p.chunk_id for p in embedded.search(q, k=5)]
        assert got == want, q


def test_answers_read_the_server_when_the_environment_names_it(server_db, chroma_url, ingested_db, monkeypatch):
    want = {q: answer(q, db_dir=ingested_db) for q in QUESTIONS}
    monkeypatch.setenv("NIANBAO_CHROMA_URL", chroma_url)
    for q in QUESTIONS:
        got = answer(q, db_dir=server_db)
        assert got.status == want[q].status == "answered" and got.route == "passages", (q, got.text)
        assert got.text == want[q].text and [c.contract() for c in got.citations] == \
            [c.contract() for c in want[q].citations]


def test_the_doctor_checks_the_server_index_against_the_store(server_db, chroma_url):
    report = examine(server_db, Settings(db=server_db, chroma_url=chroma_url))
    assert report.healthy and report.counts["passages"] > 0, [(c.name, c.detail) for c in report.checks]


def test_a_server_that_cannot_be_reached_is_named_and_the_tables_are_still_stored(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    db = tmp_path / "db"
    summary = ingest_paths([SAMPLES_DIR / sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))[0]], db,
                           Settings(db=db, chroma_url=url))
    assert not summary.failed and summary.index_error and "NIANBAO_CHROMA_URL" in summary.index_error
    assert url in summary.index_error
    assert answer("各单位一共收到多少件申请？", db_dir=db).status == "answered"  # the tables answer


def test_questions_while_the_server_is_down_answer_from_the_stored_sections(server_db, monkeypatch):
    monkeypatch.setenv("NIANBAO_CHROMA_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    got = answer(QUESTIONS[0], db_dir=server_db)
    assert got.status == "answered" and got.citations, got.text
    assert "无法连接段落索引所在的Chroma服务器" in got.text
