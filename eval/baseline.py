"""The baseline: what a plain RAG chatbot would hand its LLM, judged optimistically.

Plain LangChain retrieval over the same Chroma collection, no SQL: the top-5 chunks by dense similarity
to the question (no filters, earlier turns ignored, as a typical chatbot does). There is no LLM in the
loop: a case counts as *reachable* when the chunks contain everything a perfect reader would need, so
the baseline column is an upper bound for such a chatbot, not its real score.

Per `expect.kind` (gold cells are looked up in the store's facts table through the case's `cite`):

- number, boolean, numeric list: the printed raw text of every cited cell (e.g. `75338元`) appears in a
  chunk of that cell's report; a derived number (sum, ratio) needs every cited raw. Without cited cells,
  the expected value itself must appear in some chunk.
- agency, list of agencies: a chunk of a report of every gold agency is among the chunks (an empty
  list is reachable: we assume the LLM would say "none").
- passages: a chunk from one of the files in one of the sections.
- unanswerable: always right (we assume the LLM refuses).
"""
from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from pydantic import BaseModel, Field

from eval.dataset import Case
from ingest.cells import norm
from qa.scoring import Resolver

K = 5
_UNIT_SUFFIX = re.compile(r"(万元|元|件|条|个|项|次|起)$")


class BaselineResult(BaseModel):
    reachable: bool
    why: str = ""
    chunks: list[str] = Field(default_factory=list, description="'file#section' of each retrieved chunk, best first")
    latency_s: float = 0.0


@dataclass
class Chunk:
    """What the judge needs of a retrieved LangChain `Document`."""

    file: str
    report: str
    section: str
    text: str
    agency: str = ""

    @classmethod
    def from_document(cls, doc) -> "Chunk":
        m = doc.metadata
        return cls(file=m.get("file") or "", report=m.get("report") or "", section=m.get("section") or "",
                   text=doc.page_content, agency=m.get("agency") or "")



def _number_form(text: str) -> str:
    """The number of a printed cell: '75338元' -> '75338'."""
    return _UNIT_SUFFIX.sub("", norm(text or ""))


def _printed(value: float) -> str:
    """A gold value as a report would print it: 25.0 -> '25', 3965.16 -> '3965.16'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def raw_in(raw: str, text: str) -> bool:
    """Is the printed cell `raw` in `text`, as printed or as the same number standing alone
    ('75338元' is found in '采购总金额75338元' and in '75338'; '1' is not found in '2019')?"""
    raw, text = norm(raw), norm(text or "")
    if not raw:
        return False
    if not re.fullmatch(r"[-+]?[\d.,]+", core := _number_form(raw)):
        return raw in text
    return re.search(rf"(?<![\d.]){re.escape(core)}(?![\d]|\.\d)", text) is not None


def gold_raws(conn: sqlite3.Connection, case: Case) -> dict[str, Optional[str]]:
    """'file#key' -> the raw text printed in that cell (None when the store has no such cell)."""
    out: dict[str, Optional[str]] = {}
    for file, key in case.cell_cites():
        row = conn.execute("SELECT f.raw FROM facts f JOIN reports r ON r.id = f.report_id"
                           " WHERE r.file = ? AND f.key = ? LIMIT 1", (file, key)).fetchone()
        out[f"{file}#{key}"] = None if row is None else (row[0] or "")
    return out


def _cells_reachable(case: Case, chunks: Sequence[Chunk], raws: dict[str, Optional[str]]) -> tuple[bool, str]:
    if not raws:
        return _value_reachable(case, chunks)
    for cite, raw in raws.items():
        file = cite.partition("#")[0]
        if raw is None:
            return False, f"{cite} is not in the store"
        if not raw.strip():
            return False, f"{cite} is printed empty"
        if not any(c.file == file and raw_in(raw, c.text) for c in chunks):
            return False, f"{cite} ({raw!r}) not in the chunks"
    return True, ""


def _value_reachable(case: Case, chunks: Sequence[Chunk]) -> tuple[bool, str]:
    e = case.expect
    if e.kind == "boolean":
        return False, "no cited cells to look for"
    values = e.values if e.kind == "list" else [e.value]
    for v in values:
        if isinstance(v, str) or not any(raw_in(_printed(v), c.text) for c in chunks):
            return False, f"{v!r} not in the chunks"
    return True, ""


def _agencies_reachable(names: Sequence[str], chunks: Sequence[Chunk], resolve: Optional[Resolver]) -> tuple[bool, str]:
    reports = {c.report for c in chunks}
    for name in names:
        wanted = resolve(name) if resolve is not None else set()
        hit = bool(wanted & reports) if wanted else any(norm(name) in norm(c.agency) or
                                                        (c.agency and norm(c.agency) in norm(name)) for c in chunks)
        if not hit:
            return False, f"no chunk of {name}'s report"
    return True, ""


def judge(case: Case, chunks: Sequence[Chunk], raws: dict[str, Optional[str]],
          resolve: Optional[Resolver] = None) -> tuple[bool, str]:
    """Could a perfect reader of `chunks` answer `case`? (reachable, why not)."""
    e = case.expect
    if e.kind == "unanswerable":
        return True, ""
    if e.kind in ("number", "boolean"):
        return _cells_reachable(case, chunks, raws)
    if e.kind == "list" and e.values and all(isinstance(v, float) for v in e.values):
        return _cells_reachable(case, chunks, raws)
    if e.kind == "list":
        return _agencies_reachable([str(v) for v in e.values], chunks, resolve)
    if e.kind == "agency":
        return _agencies_reachable([e.value], chunks, resolve)
    if e.kind == "passages":
        ok = any(c.file in e.files and c.section in e.sections for c in chunks)
        return ok, "" if ok else f"no chunk from {'/'.join(e.files)} section {'/'.join(e.sections)}"
    raise ValueError(f"unknown expect.kind {e.kind!r}")


class Baseline:
    """Dense top-k retrieval through the LangChain retriever adapter over `index` (a `PassageIndex`)."""

    def __init__(self, index, db_dir: Path, resolve: Optional[Resolver] = None, k: int = K):
        from vectorstore.langchain_adapters import PassageRetriever

        self.retriever = PassageRetriever(index=index, k=k, mode="dense")
        self.db_dir = Path(db_dir)
        self.resolve = resolve

    def run(self, case: Case, conn: sqlite3.Connection) -> BaselineResult:
        """Retrieve for the case's question (alone) and judge the chunks."""
        start = time.perf_counter()
        chunks = [Chunk.from_document(d) for d in self.retriever.invoke(case.question)]
        latency = time.perf_counter() - start
        ok, why = judge(case, chunks, gold_raws(conn, case), self.resolve)
        return BaselineResult(reachable=ok, why="" if ok else why, latency_s=round(latency, 4),
                              chunks=[f"{c.file}#{c.section}" for c in chunks])
