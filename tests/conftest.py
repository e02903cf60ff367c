import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402

from nianbao.config import Settings  # noqa: E402
from qa.llm import FORBID_ENV, forbid_model_requests  # noqa: E402
from tests.support.gold import SAMPLES_DIR  # noqa: E402


@pytest.fixture(autouse=True)
def no_model_requests(monkeypatch):
    """No test talks to a real LLM, even if the developer's environment configures one: the factory
    refuses (tests that need a model pass a scripted fake)."""
    monkeypatch.setenv(FORBID_ENV, "1")
    for name in ("NIANBAO_LLM_PROVIDER", "NIANBAO_LLM_MODEL", "NIANBAO_LLM_BASE_URL", "NIANBAO_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    forbid_model_requests(True)
    yield
    forbid_model_requests(False)


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory):
    """The five samples ingested as `nianbao ingest data/samples` does: parser, store and the passage
    index with the default (real) embedder. Shared by the QA and eval tests."""
    from ingest.pipeline import ingest_paths

    db = tmp_path_factory.mktemp("ingested")
    ingest_paths(sorted(SAMPLES_DIR.glob("*.txt")), db, Settings(db=db), index_passages=True)
    return db
