"""Which store backend a test session runs on (`pytest --servers`: PostgreSQL + a Chroma server).
Read when a test runs, not at import: conftest files import this before the session names the servers."""
from __future__ import annotations

import os

import pytest


def on_servers() -> bool:
    return bool(os.environ.get("NIANBAO_DB_URL"))


# tests of the SQLite file itself (its bytes damaged, its schema migrated from old versions, a corpus
# cloned with ATTACH): they have no meaning on a server
sqlite_only = pytest.mark.skipif("bool(os.environ.get('NIANBAO_DB_URL'))",
                                 reason="about the SQLite store file; facts are on PostgreSQL")


def remove_store(db_dir) -> None:
    """Delete the data folder and its store (on a server, the store's schema too)."""
    import shutil

    shutil.rmtree(db_dir, ignore_errors=True)
    if on_servers():
        from ingest import postgres

        postgres.drop(os.environ["NIANBAO_DB_URL"], db_dir)
