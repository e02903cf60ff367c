"""Eval test fixtures: the gold store (fast, no passage index), the samples really ingested with the real
passage index (once per session), and the switch that forbids real model requests."""
from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.config import Settings
from qa.llm import FORBID_ENV, forbid_model_requests
from tests.support.gold import SAMPLES_DIR
from tests.support.qa_store import build_store


@pytest.fixture(autouse=True)
def no_model_requests(monkeypatch):
    """No eval test talks to a real LLM, even if the developer's environment configures one."""
    monkeypatch.setenv(FORBID_ENV, "1")
    for name in ("NIANBAO_LLM_PROVIDER", "NIANBAO_LLM_MODEL", "NIANBAO_LLM_BASE_URL", "NIANBAO_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    forbid_model_requests(True)
    yield
    forbid_model_requests(False)


@pytest.fixture(scope="session")
def eval_gold_db(tmp_path_factory) -> Path:
    """The hand-checked facts of the five samples; no passage index."""
    return build_store(tmp_path_factory.mktemp("eval-gold"))


@pytest.fixture(scope="session")
def eval_ingested_db(tmp_path_factory) -> Path:
    """The five samples ingested as `nianbao ingest data/samples` does: parser, store and the passage
    index with the default (real) embedder."""
    from ingest.pipeline import ingest_paths

    db = tmp_path_factory.mktemp("eval-ingested")
    ingest_paths(sorted(SAMPLES_DIR.glob("*.txt")), db, Settings(db=db), index_passages=True)
    return db
