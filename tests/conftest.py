import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import contextlib  # noqa: E402
import os  # noqa: E402

import pytest  # noqa: E402

from nianbao.config import Settings  # noqa: E402
from qa.llm import FORBID_ENV, forbid_model_requests  # noqa: E402
from tests.support.gold import SAMPLES_DIR  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--servers", action="store_true",
                     help="run against real servers started for the session: facts in PostgreSQL "
                          "(NIANBAO_DB_URL) and passages in a Chroma server (NIANBAO_CHROMA_URL)")


def pytest_configure(config):
    """With --servers: a throwaway PostgreSQL and `chroma run` on loopback, named in the environment before
    any store is made, so every store, index, command and app process of the session uses them."""
    if not config.getoption("--servers", default=False):
        return
    import tempfile

    from tests.support.chroma_server import chroma_server
    from tests.support.postgres_server import postgres_server

    stack = contextlib.ExitStack()
    config._nianbao_servers = stack
    os.environ["NIANBAO_DB_URL"] = stack.enter_context(postgres_server())
    chroma_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nianbao-chroma-")))
    os.environ["NIANBAO_CHROMA_URL"] = stack.enter_context(chroma_server(chroma_dir / "data"))


def pytest_unconfigure(config):
    stack = getattr(config, "_nianbao_servers", None)
    if stack is not None:
        os.environ.pop("NIANBAO_DB_URL", None)
        os.environ.pop("NIANBAO_CHROMA_URL", None)
        stack.close()


def pytest_report_header(config):
    if config.getoption("--servers", default=False):
        from ingest.postgres import shown
        return [f"backends: PostgreSQL {shown(os.environ['NIANBAO_DB_URL'])},"
                f" Chroma server {os.environ['NIANBAO_CHROMA_URL']}"]
    return []


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
