"""Question answering: question -> Plan (route, entities, metric, filters) -> SQL / retrieval -> Answer.

Public API: `qa.answer(question, history=[...], settings=...) -> qa.Answer`; `qa.Plan`; `qa.PassageSearch`.
"""
from __future__ import annotations

from typing import Any

__all__ = ["answer", "Answer", "Plan", "PassageSearch"]


def __getattr__(name: str) -> Any:  # lazy: importing `qa` (e.g. for the CLI) does no work
    if name == "answer":
        from qa.api import answer
        return answer
    if name in ("Answer", "Plan"):
        from qa import models
        return getattr(models, name)
    if name == "PassageSearch":
        from qa.passages import PassageSearch
        return PassageSearch
    raise AttributeError(name)
