"""Asking `qa`: earlier questions go along as history; the sidebar filters go along as a scope when `qa`
accepts one (the `report_ids` keyword: only these reports)."""
from __future__ import annotations

import inspect
import threading
import time
from pathlib import Path
from typing import Optional, Sequence

import qa
from nianbao.config import Settings
from qa.models import Answer

SCOPE_PARAM = "report_ids"


def scoping_supported() -> bool:
    """True when `qa.answer` can restrict a question to given reports."""
    return SCOPE_PARAM in inspect.signature(qa.answer).parameters


def ask(question: str, history: Sequence[str], settings: Settings, passages=None,
        report_ids: Optional[list[str]] = None, **more) -> Answer:
    """One question of a chat; `report_ids` (None = all reports) is passed only if `qa` takes it;
    `more`: other keywords of `qa.answer` (max_items=None for every row of a long answer)."""
    kwargs = dict(more)
    if passages is not None:
        kwargs["passages"] = passages
    if report_ids is not None and scoping_supported():
        kwargs[SCOPE_PARAM] = list(report_ids)
    return qa.answer(question, history=list(history), settings=settings, **kwargs)


def open_passages(settings: Settings):
    """The passage index of the data folder (its embedder loads on the first search), or None without
    the `vectorstore` package (qa then searches the stored sections by words)."""
    try:
        from vectorstore.index import open_index
    except ModuleNotFoundError as e:
        if e.name and e.name.split(".")[0] == "vectorstore":
            return None
        raise
    return open_index(settings)


class WarmUp:
    """Started once when the app starts: builds the store's name index and loads the search model in a
    background thread, so the first question does not wait for them (or waits, saying so, for the rest)."""

    def __init__(self, settings: Settings, passages=None):
        self.names_ready = threading.Event()
        self.model_ready = threading.Event()
        self.error: Optional[str] = None
        self.seconds: Optional[float] = None
        threading.Thread(target=self._run, args=(settings, passages), daemon=True, name="nianbao-warm-up").start()

    def _run(self, settings: Settings, passages) -> None:
        start = time.perf_counter()
        try:
            from ingest.store import connect_readonly, exists
            from qa.names import NameIndex
            if exists(settings.db):
                conn = connect_readonly(settings.db)
                try:
                    NameIndex.for_store(conn, str(Path(settings.db).resolve()))
                finally:
                    conn.close()
            self.names_ready.set()
            if passages is not None and passages.count():
                passages.search("政府信息公开工作存在的主要问题", k=1)  # loads the model and the keyword index
        except Exception as e:  # noqa: BLE001 - a failed warm-up only means the first question waits
            self.error = f"{type(e).__name__}: {e}"
        finally:
            self.seconds = time.perf_counter() - start
            self.names_ready.set()
            self.model_ready.set()
