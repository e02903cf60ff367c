"""Fixtures for the app tests: a store with the five sample reports (deterministic hash embedder, so no
model is converted) and the environment the app reads."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from nianbao.config import SAMPLES_DIR, load_settings
from tests.app.apphelpers import EMBEDDER, app_env
from tests.support.backends import on_servers


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The five samples, ingested once (tables and passages); tests that write use `db_copy`."""
    db = tmp_path_factory.mktemp("samples") / "db"
    summary = ingest_paths([SAMPLES_DIR], db, settings=load_settings(db=db, embed_model=EMBEDDER))
    assert not summary.failed and summary.chunks > 0
    return db


@pytest.fixture
def db_copy(sample_db: Path, tmp_path: Path) -> Path:
    if on_servers():
        pytest.skip("copies the data folder; a store on PostgreSQL is not in the folder")
    db = tmp_path / "db"
    shutil.copytree(sample_db, db)
    return db


@pytest.fixture
def use_db(monkeypatch):
    """Point the app at a data folder (and keep any configured LLM out of the tests)."""
    def use(db: Path) -> Path:
        for name in ("NIANBAO_LLM_PROVIDER", "NIANBAO_LLM_BASE_URL", "NIANBAO_LLM_MODEL", "NIANBAO_LLM_API_KEY"):
            monkeypatch.delenv(name, raising=False)
        for name, value in app_env(db).items():
            monkeypatch.setenv(name, value)
        return db
    return use

