"""`nianbao serve`: the CLI's questions and searches go to a long-lived process on a Unix socket in the
data folder when one runs, with the same output as in-process; without one (or with a socket left by a
dead server) the CLI answers itself; one server per data folder; errors come back as one line."""
from __future__ import annotations

import json
import os
import socket
import threading

import pytest
from click.testing import CliRunner

from ingest.pipeline import ingest_paths
from nianbao import server
from nianbao.cli import main
from nianbao.config import SAMPLES_DIR, load_settings
from nianbao.errors import UserError

EMBEDDER = "hash"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "db"
    ingest_paths([SAMPLES_DIR], db, settings=load_settings(db=db, embed_model=EMBEDDER))
    return db


@pytest.fixture
def running(store, monkeypatch):
    monkeypatch.setenv("NIANBAO_EMBED_MODEL", EMBEDDER)
    srv = server.Server(load_settings(db=store))
    srv.warm()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


QUESTIONS = ["鹿城区统计局2020年收到多少件申请？", "温泉街道存在哪些主要问题？", "Which district spent most on procurement?"]


def test_answers_through_the_server_equal_answers_in_process(store, running, monkeypatch):
    monkeypatch.setenv("NIANBAO_EMBED_MODEL", EMBEDDER)
    runner = CliRunner()
    assert oct(os.stat(server.socket_path(store)).st_mode & 0o777) == "0o600"  # the owner's only
    for q in QUESTIONS:
        served = runner.invoke(main, ["ask", q, "--db", str(store), "--json"])
        local = runner.invoke(main, ["ask", q, "--db", str(store), "--json", "--no-server"])
        assert served.exit_code == 0 and json.loads(served.output) == json.loads(local.output), q
    served = runner.invoke(main, ["search", "政府信息公开 培训", "--db", str(store), "--k", "3", "--json"])
    local = runner.invoke(main, ["search", "政府信息公开 培训", "--db", str(store), "--k", "3", "--json", "--no-server"])
    assert json.loads(served.output)["results"] == json.loads(local.output)["results"]
    follow = runner.invoke(main, ["ask", "那温泉街道呢？", "--turn", QUESTIONS[0], "--db", str(store)])
    assert follow.exit_code == 0 and "温泉街道" in follow.output


def test_errors_come_back_as_one_line(store, running):
    bad = CliRunner().invoke(main, ["ask", "", "--db", str(store)])
    assert bad.exit_code == 0 and "问题是空的" in bad.output
    reply = server.request(store, {"cmd": "shutdown-everything"})
    assert reply == {"ok": False, "error": "unknown request 'shutdown-everything'"}
    with pytest.raises(UserError, match="already answers"):
        server.Server(load_settings(db=store))


def test_without_a_server_or_with_a_dead_ones_socket_the_cli_answers_itself(store, tmp_path):
    assert server.request(store, {"cmd": "ping"}) is None
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(server.socket_path(store)))  # a socket file nobody listens on
    stale.close()
    try:
        assert server.request(store, {"cmd": "ping"}) is None
        out = CliRunner().invoke(main, ["ask", QUESTIONS[0], "--db", str(store)])
        assert out.exit_code == 0 and "1" in out.output
    finally:
        server.socket_path(store).unlink(missing_ok=True)


@pytest.mark.parametrize("env,flag", [({}, None), ({"NIANBAO_DB": "/x/y"}, None), ({"nianbao_db": "/a"}, None),
                                      ({"NIANBAO_DB": "/x/y"}, "/given")])
def test_the_client_finds_the_data_folder_as_the_settings_do(monkeypatch, env, flag):
    for k in [k for k in os.environ if k.upper() == "NIANBAO_DB"]:
        monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert server.data_folder(flag) == load_settings(db=flag).db
