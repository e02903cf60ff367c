"""Asking `qa`: earlier questions go along as history; the sidebar filters go along as a scope when `qa`
accepts one (the `report_ids` keyword: only these reports)."""
from __future__ import annotations

import inspect
from typing import Optional, Sequence

import qa
from nianbao.config import Settings
from qa.models import Answer

SCOPE_PARAM = "report_ids"


def scoping_supported() -> bool:
    """True when `qa.answer` can restrict a question to given reports."""
    return SCOPE_PARAM in inspect.signature(qa.answer).parameters


def ask(question: str, history: Sequence[str], settings: Settings, passages=None,
        report_ids: Optional[list[str]] = None) -> Answer:
    """One question of a chat; `report_ids` (None = all reports) is passed only if `qa` takes it."""
    kwargs = {}
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
