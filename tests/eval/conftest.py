"""Eval test fixtures: the gold store (fast, no passage index), the samples really ingested with the real
passage index (once per session),; the LLM switch is in tests/conftest.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.qa_store import build_store


@pytest.fixture(scope="session")
def eval_gold_db(tmp_path_factory) -> Path:
    """The hand-checked facts of the five samples; no passage index."""
    return build_store(tmp_path_factory.mktemp("eval-gold"))


@pytest.fixture(scope="session")
def eval_ingested_db(ingested_db) -> Path:
    """The samples ingested with the real passage index (the suite-wide session fixture)."""
    return ingested_db
