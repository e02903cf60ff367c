"""A run (the experiment): every case through the same `qa.answer` the chat uses, scored by
`qa.scoring`, with the baseline retrieval beside it."""
from __future__ import annotations

import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from pydantic import BaseModel, Field

from eval.baseline import Baseline, BaselineResult
from eval.dataset import Case, load_cases
from ingest.store import connect_readonly, exists as store_exists
from nianbao.config import Settings
from nianbao.errors import UserError
from qa.scoring import score_case, store_resolver

Progress = Callable[[Sequence[Case]], Iterable[Case]]  # e.g. a tqdm bar around the cases


class CaseResult(BaseModel):
    """One case's outcome: the answer contract, the score, and the baseline's verdict."""

    id: str
    question: str
    turns: list[str] = Field(default_factory=list)
    kind: str
    tags: list[str] = Field(default_factory=list)
    expect: dict[str, Any]
    cite: list[str] = Field(default_factory=list)
    answer: Optional[dict[str, Any]] = None
    correct: bool
    why: str = ""
    citation_recall: Optional[float] = None
    latency_s: float
    error: Optional[str] = Field(None, description="traceback when qa.answer raised (a bug, counted wrong)")
    baseline: Optional[BaselineResult] = None


class EvalRun(BaseModel):
    """Every case of one dataset run against one data folder."""

    dataset: str
    db: str
    started: str
    reports: int
    baseline: bool
    results: list[CaseResult]


def count_reports(db: Path) -> int:
    """How many reports the data folder holds (a UserError when there is no store at all)."""
    if not store_exists(db):
        raise UserError(f"No database in {db}: run `nianbao ingest data/samples --db {db}` first.")
    conn = connect_readonly(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    finally:
        conn.close()


def _open_passages(settings: Settings, need: bool):
    """The data folder's passage index, as the chat opens it (None without `vectorstore` or passages)."""
    try:
        from vectorstore.index import open_index
    except ModuleNotFoundError as e:
        if e.name and e.name.split(".")[0] == "vectorstore" and not need:
            return None
        raise UserError("The baseline needs the `vectorstore` package; install it or pass --no-baseline.") from e
    index = open_index(settings)
    if index.count() > 0:
        index.embedder.embed_query("预热")  # load the model now: the first case's latency should not include it
        return index
    if need:
        raise UserError(f"No passages are indexed in {settings.db}, so there is no baseline to compare with: "
                        f"run `nianbao ingest data/samples --db {settings.db}` again, or pass --no-baseline.")
    return None


def _answer_case(case: Case, settings: Settings, passages, resolve) -> CaseResult:
    from qa.api import answer

    common = dict(id=case.id, question=case.question, turns=case.turns, kind=case.kind, tags=case.tags,
                  expect=case.expect.model_dump(mode="json"), cite=case.cite)
    start = time.perf_counter()
    try:
        got = answer(case.question, history=case.turns, settings=settings, passages=passages)
    except UserError:
        raise  # the data folder or settings are wrong: every case would fail the same way
    except Exception as e:  # a bug on one question must not hide the other results; it is recorded and counted
        return CaseResult(**common, correct=False, why=f"crashed: {type(e).__name__}: {e}",
                          latency_s=round(time.perf_counter() - start, 4), error=traceback.format_exc())
    latency = time.perf_counter() - start
    score = score_case(case.as_dict(), got, resolve)
    return CaseResult(**common, answer=got.contract(), correct=score.correct, why=score.reason,
                      citation_recall=score.citation_recall, latency_s=round(latency, 4))


def run(cases: Sequence[Case], settings: Settings, *, baseline: bool = True, dataset: str = "",
        progress: Optional[Progress] = None) -> EvalRun:
    """Answer and score every case against the data folder `settings.db`."""
    db = Path(settings.db)
    reports = count_reports(db)
    if reports == 0:
        raise UserError(f"The database in {db} has no reports, so every case would score zero: "
                        f"run `nianbao ingest data/samples --db {db}` first.")
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    passages = _open_passages(settings, need=baseline)
    resolve = store_resolver(db)
    judge = Baseline(passages, db, resolve) if baseline else None
    conn = connect_readonly(db)
    results: list[CaseResult] = []
    try:
        for case in (progress(cases) if progress else cases):
            result = _answer_case(case, settings, passages, resolve)
            if judge is not None:
                result.baseline = judge.run(case, conn)
            results.append(result)
    finally:
        conn.close()
    return EvalRun(dataset=dataset, db=str(db), started=started, reports=reports, baseline=baseline, results=results)


def run_file(path: Path, settings: Settings, *, baseline: bool = True, progress: Optional[Progress] = None) -> EvalRun:
    """Load a dataset file (QA.md format) and run it."""
    return run(load_cases(path), settings, baseline=baseline, dataset=str(path), progress=progress)
