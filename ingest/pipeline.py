"""Files and folders → parsed reports in the SQLite store (and their passages in the index)."""
from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from ingest import store
from ingest.parse import parse_file
from ingest.readers import supported_suffixes
from nianbao.errors import BadReportFile, UserError, from_chromadb
from nianbao.models import Report

Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass
class FileResult:
    path: str
    status: str  # ok | warnings | failed | duplicate (the same report is stored from another file)
    message: str = ""
    report_id: Optional[str] = None
    agency: Optional[str] = None
    year: Optional[int] = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)
    chunks: int = 0
    index_error: Optional[str] = None  # tables are stored; only passage search lacks these reports
    index_rebuilt: Optional[str] = None  # the passage index was unreadable and was made again from the store

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every supported file inside named folders (sorted, hidden skipped)."""
    suffixes = supported_suffixes()
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                            and not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif p.exists():
            files.append(p)
        else:
            raise UserError(f"{p}: no such file or folder")
    return files


def ingest_paths(paths: Iterable[Path], db_dir: Path, settings=None, index_passages: bool = True,
                 progress: Optional[Progress] = None, strict: bool = False) -> IngestSummary:
    """Parse every file and store each report in its own transaction; a bad file never stops the others.
    `strict`: refuse incomplete reports (sections missing, table cells not read) instead of storing them."""
    files = collect_files(paths)
    summary = IngestSummary()
    stored: list[str] = []  # ids only: a parsed report is not kept once stored (memory stays flat)
    replaced: list[str] = []
    conn = store.connect(db_dir)
    try:
        with store.bulk(conn, len(files)):
            for i, (path, parsed) in enumerate(zip(files, parse_all(files, strict, Path(db_dir) / ERROR_LOG))):
                result, stored_id = _ingest_one(conn, path, parsed, replaced)
                summary.results.append(result)
                if stored_id is not None:
                    stored.append(stored_id)
                if progress:
                    progress(i + 1, len(files), path.name)
    finally:
        conn.close()
    if index_passages and (stored or replaced):
        try:
            summary.chunks = _index(db_dir, settings, stored, replaced, progress, summary)
        except (UserError, OSError, RuntimeError) as e:  # reported to the user, never dropped
            summary.index_error = f"passage index not updated ({type(e).__name__}: {e}); tables are stored"
    return summary


PARALLEL_MIN = 16  # fewer files are parsed in this process: starting workers costs more than it saves
IN_FLIGHT_PER_WORKER = 4  # files submitted ahead per worker: keeps workers busy, bounds parsed reports held


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


ERROR_LOG = "ingest-errors.log"  # in the data folder: the tracebacks behind "could not be read" lines


@dataclass(frozen=True)
class Parsed:
    """What storing a parsed report needs: its rows, and what its line in the ingest output says."""
    rows: store.ReportRows
    agency: Optional[str]
    year: Optional[int]
    template: Optional[str]
    warnings: list[str]
    read: str  # "186 of 186 cells read, confidence high[, incomplete]"

    @classmethod
    def of(cls, report: Report) -> "Parsed":
        q = report.quality
        read = f"{q.cells_read} of {q.cells_expected} cells read, confidence {q.level}" + ("" if q.complete else ", incomplete")
        return cls(store.report_rows(report), report.agency, report.year, report.template, report.warnings, read)


def _parse_one(path: Path, strict: bool, log: Optional[Path] = None) -> Union[Parsed, str]:
    """The report ready to store, or why the file failed (any error of one file is that file's alone)."""
    try:
        return Parsed.of(parse_file(path, strict=strict))
    except BadReportFile as e:
        return e.reason
    except RecursionError:
        return "its markup is nested too deeply to read; save it as text or PDF and ingest that"
    except Exception as e:  # noqa: BLE001 - a reader bug must fail one file, not the batch
        where = ""
        if log is not None:
            try:
                with open(log, "a", encoding="utf-8") as out:
                    out.write(f"--- {path}\n{traceback.format_exc()}\n")
                where = f"; details in {log}"
            except OSError:
                pass
        return f"could not be read ({type(e).__name__}: {str(e)[:200]}){where}"


def _watch_parent(pid: int) -> None:
    """In a worker: exit when the ingest that started it is gone (killed with -9 it cannot tell its
    workers, which would otherwise wait forever, holding its terminal and files open)."""
    import gc
    import threading

    # a worker only parses: each report allocates ~10^5 short-lived objects, and the cyclic collector's
    # default thresholds ran it every few hundred of them over the long-lived imports (~5 % of parse time)
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, daemon=True).start()


def parse_all(files: list[Path], strict: bool = False, log: Optional[Path] = None) -> Iterator[Union[Parsed, str]]:
    """Each file's report (or failure reason), in order. Many files are parsed by a pool of worker
    processes, one per core (parsing is pure Python and CPU-bound); if the pool breaks (a worker
    killed), the files not yet returned are parsed here."""
    workers = _workers()
    if len(files) < PARALLEL_MIN or workers < 2:
        yield from (_parse_one(p, strict, log) for p in files)
        return
    done = 0
    try:
        # forkserver: workers never inherit the threads of a caller that loaded torch (the app)
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["ingest.parse"])
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_watch_parent, initargs=(os.getpid(),)) as pool:
            # a window of files in flight, not all of them: parsed reports waiting to be stored are held in
            # memory (pool.map submits every file at once, and 10,000 parsed reports took 3.8 GB)
            pending: deque = deque()
            queued = iter(files)
            for path in queued:
                pending.append(pool.submit(_parse_one, path, strict, log))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    break
            while pending:
                parsed = pending.popleft().result()
                nxt = next(queued, None)
                if nxt is not None:
                    pending.append(pool.submit(_parse_one, nxt, strict, log))
                done += 1
                yield parsed
    except BrokenProcessPool:
        yield from (_parse_one(p, strict, log) for p in files[done:])


def _ingest_one(conn, path: Path, parsed: Union[Parsed, str], replaced: list[str]) -> tuple[FileResult, Optional[str]]:
    """The file's result line, and the id of the report stored from it if its passages are to be indexed."""
    if isinstance(parsed, str):
        return FileResult(str(path), "failed", parsed), None
    rows = parsed.rows
    same = conn.execute("SELECT file, source_path FROM reports WHERE id = ?", (rows.id,)).fetchone()
    if same is not None and same["source_path"] != rows.source_path:
        # the same text under another path: one report, kept where it was first stored
        return FileResult(str(path), "duplicate", f"the same report as {same['file']} (already stored)",
                          rows.id, parsed.agency, parsed.year), None
    saved = store.save_report(conn, rows)
    replaced += saved.unindexed
    status = "warnings" if parsed.warnings else "ok"
    message = f"{parsed.agency or '?'} {parsed.year or '?'} (template {parsed.template}; {parsed.read})"
    message += _versions_said(saved)
    return (FileResult(str(path), status, message, rows.id, parsed.agency, parsed.year, parsed.warnings),
            None if saved.used_instead else rows.id)  # a version answers do not use is not indexed


def _versions_said(saved: store.Saved) -> str:
    """What storing the report did to other versions, in the file's one line (never silent)."""
    said = ""
    if saved.removed_labels:
        said += f"; replaced {', '.join(saved.removed_labels)} (the earlier content of this file)"
    if saved.used_instead:
        used = next((v for v in saved.other_versions if v[0] == saved.used_instead), None)
        said += (f"; another version of this report, {used[1]} ({used[2]} cells read), reads better and stays the one "
                 "answers use; this file is stored beside it" if used else "")
    elif saved.superseded:
        olds = [v for v in saved.other_versions if v[0] in saved.superseded]
        said += ("; answers now use this version of the report instead of "
                 + ", ".join(f"{f} ({n} cells read)" for _, f, n in olds) + ", which stays stored")
    return said


def _index(db_dir: Path, settings, ids: list[str], removed: list[str], progress,
           summary: Optional[IngestSummary] = None) -> int:
    from nianbao.config import load_settings
    from vectorstore.index import open_index  # heavy (torch, chromadb): only when indexing

    settings = settings or load_settings(db=db_dir)
    index = open_index(settings, db_dir)
    try:
        if removed:
            index.remove_reports(removed)
        used = set(_used_ids(db_dir))
        # a report stored early in a batch can be superseded by a better-reading version later in it
        ids = [rid for rid in dict.fromkeys(ids) if rid in used]
        ids += _reconcile(index, used, set(ids))
    except Exception as e:  # noqa: BLE001 - checked below: only the index's own failures are handled here
        if not from_chromadb(e):
            raise
        # the index is derived data: a Chroma folder left unreadable (a kill -9 mid-write) is set aside
        # and every stored report indexed again, rather than failing every later ingest and search
        aside = index.store.set_aside()
        ids = _used_ids(db_dir)
        if summary is not None:
            summary.index_rebuilt = (f"the passage index could not be read ({type(e).__name__}: {str(e)[:120]}); "
                                     f"it was moved to {aside} and rebuilt from the store ({len(ids)} reports)")
    callback = (lambda done, total: progress(done, total, "passages")) if progress else None
    conn = store.connect_readonly(db_dir)
    try:  # each report read back from the store as its batch is embedded, never all at once
        reports = (r for r in (store.load_report(conn, rid) for rid in ids) if r is not None)
        chunks = index.index_reports(reports, progress_callback=callback, total=len(ids))
    finally:
        conn.close()
    index.lexical(save=True)  # the keyword index, built once here: questions only read it
    return chunks


def _used_ids(db_dir: Path) -> list[str]:
    """The reports answers use, which the passage index holds (other versions of a report are not searched)."""
    conn = store.connect_readonly(db_dir)
    try:
        return store.used_report_ids(conn)
    finally:
        conn.close()


def index_drift(index, used: set[str]) -> tuple[set[str], set[str]]:
    """(stale, missing): reports with passages that answers do not use; reports answers use without passages."""
    indexed = index.indexed_report_ids()
    return indexed - used, used - indexed


def _reconcile(index, used: set[str], indexing: set[str]) -> list[str]:
    """Put the passage index back in step with the store (after a crash or an interrupted ingest):
    chunks of reports the store no longer answers from are deleted; the ids of used reports without
    chunks are returned, to be indexed now."""
    stale, missing = index_drift(index, used)
    if stale:
        index.remove_reports(sorted(stale))
    return sorted(missing - indexing)
