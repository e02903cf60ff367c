"""`PassageIndex`: chunk reports, embed them, store them, and search them (dense, lexical, hybrid).

A data folder holds one Chroma collection per embedder (vectors from different models never mix) and,
per collection, a generation stamp that changes on every write. The BM25 index and the small report
catalogue used for agency filters are rebuilt from the store only when that stamp has changed.
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ingest.cells import norm
from nianbao.config import Settings
from nianbao.errors import UserError
from nianbao.models import SECTION_NUMBERS, Passage, Report
from vectorstore.chunking import Chunk, chunk_report
from vectorstore.embedders import Embedder, make_embedder
from vectorstore.fusion import lexical_weight, reciprocal_rank_fusion, spread_sections
from vectorstore.lexical import LexicalIndex
from vectorstore.store import ChromaPassageStore, ChunkFilter, InMemoryPassageStore, PassageStore

MODES = ("hybrid", "dense", "lexical")
# chunks embedded together when indexing many reports, sorted by length and handed to the model in slices
# of EMBED_SLICE (progress is reported after each slice): texts of similar length share the model's batches,
# so they pad little (64 chunks a call, each sorted only within itself: embedding inside an ingest ran at
# 0.79x the raw encode speed of the same texts in one call, most of the loss padding; sorted 1,024: 0.93x)
EMBED_BATCH = 1024
EMBED_SLICE = 128
_ARABIC_SECTIONS = dict(zip("123456", SECTION_NUMBERS, strict=True))

ProgressCallback = Callable[[int, int], None]  # (reports done, reports total)


def collection_name(embedder: Embedder) -> str:
    """A Chroma-safe collection name per embedder (3-512 chars of [a-zA-Z0-9._-])."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder.name).strip("-._")
    if slug != embedder.name:
        slug += "-" + hashlib.sha256(embedder.name.encode("utf-8")).hexdigest()[:8]
    return f"passages-{slug}"



class PassageIndex:
    """Reports in, ranked `Passage`s out. `db_dir=None` keeps everything in memory."""

    def __init__(self, db_dir: Optional[Path], embedder: Embedder, store: Optional[PassageStore] = None,
                 chroma_url: Optional[str] = None):
        self.db_dir = Path(db_dir) if db_dir is not None else None
        self.embedder = embedder
        self.collection = collection_name(embedder)
        if store is None and chroma_url and self.db_dir:
            # on a server, one collection per data folder and embedder (several folders may share a server)
            folder = hashlib.sha256(str(self.db_dir.resolve()).encode("utf-8")).hexdigest()[:10]
            store = ChromaPassageStore(None, f"{self.collection}-{folder}", url=chroma_url)
        if store is None:
            store = (ChromaPassageStore(self.db_dir / "chroma", self.collection) if self.db_dir
                     else InMemoryPassageStore())
        self.store = store
        self._memory_generation = uuid.uuid4().hex
        self._lexical: Optional[LexicalIndex] = None
        self._lexical_generation: Optional[str] = None

    # -- generation stamp ---------------------------------------------------------------------
    @property
    def _state_dir(self) -> Optional[Path]:
        return self.db_dir / "vectorstore" / self.collection if self.db_dir else None

    def generation(self) -> str:
        """Changes whenever this collection's chunk set changes (in this or another process)."""
        if self._state_dir is None:
            return self._memory_generation
        try:
            return json.loads((self._state_dir / "state.json").read_text())["generation"]
        except (OSError, ValueError, KeyError):
            return "none"

    def _bump(self) -> None:
        new = uuid.uuid4().hex
        if self._state_dir is None:
            self._memory_generation = new
            return
        self._state_dir.mkdir(parents=True, exist_ok=True)
        tmp = self._state_dir / f"state.json.{new}"
        tmp.write_text(json.dumps({"generation": new, "embedder": self.embedder.name}))
        tmp.replace(self._state_dir / "state.json")

    # -- writing --------------------------------------------------------------------------------
    def replace_report(self, report: Report) -> int:
        """Drop the report's old chunks, add its new ones; returns the number of chunks stored."""
        return self.index_reports([report])

    def remove_reports(self, report_ids: Sequence[str]) -> int:
        """Remove every chunk of these reports; returns how many chunks were removed."""
        removed = self.store.delete_reports(list(report_ids))
        if removed:
            self._bump()
        return removed

    def index_reports(self, reports: Iterable[Report], progress_callback: Optional[ProgressCallback] = None,
                      total: Optional[int] = None) -> int:
        """(Re)index many reports, embedding chunks in large batches; returns chunks stored.

        With `total` (how many `reports` yields), `reports` is read as a stream: only one batch of
        reports is in memory at a time (an ingest of 10,000 reports loads them from the store one by one)."""
        if total is None:
            reports = list({r.id: r for r in reports}.values())  # the same report twice: index it once
            total = len(reports)
        done = stored = 0
        try:
            for batch in _batches(_once(reports)):
                def part(share: float, done: int = done, n: int = len(batch)) -> None:
                    if progress_callback and share < 1:
                        progress_callback(done + int(n * share), total)
                stored += self._write(batch, part)
                done += len(batch)
                if progress_callback:
                    progress_callback(done, total)
        finally:
            self._bump()
        return stored

    def _write(self, batch: list[tuple[Report, list[Chunk]]], part=None) -> int:
        chunks = [c for _, cs in batch for c in cs]
        vectors = self._embed([c.embed_text() for c in chunks], part)
        # Delete after embedding: a failing embedder leaves the old chunks in place.
        self.store.delete_reports([r.id for r, _ in batch])
        if chunks:
            self.store.upsert(chunks, vectors)
        return len(chunks)

    def _embed(self, texts: list[str], part=None) -> list[list[float]]:
        """Vectors of `texts` in their order, embedded shortest first in slices (`part(share done)` after each)."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list = [None] * len(texts)
        for start in range(0, len(order), EMBED_SLICE):
            ids = order[start:start + EMBED_SLICE]
            for i, v in zip(ids, self.embedder.embed_documents([texts[i] for i in ids])):
                vectors[i] = v
            if part:
                part(min(start + EMBED_SLICE, len(order)) / len(order))
        return vectors

    def add_embedded(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Store chunks whose vectors are already made (the benchmark's cloned corpus)."""
        self.store.upsert(chunks, vectors)
        self._bump()

    # -- reading --------------------------------------------------------------------------------
    def lexical(self, save: bool = False) -> LexicalIndex:
        """The BM25 index for the current chunk set (loaded, or built when the stamp changed).

        Only a writer saves it (`save`, at the end of an ingest): a question never writes into the data
        folder; it loads the saved copy, or builds one in memory if none matches (an index written by an
        older version, or an ingest still running)."""
        generation = self.generation()
        folder = self._state_dir / "lexical" if self._state_dir else None
        if self._lexical is not None and self._lexical_generation == generation:
            index = self._lexical
        else:
            index = LexicalIndex.load(folder, generation) if folder else None
            if index is not None:
                save = False  # already on disk for this generation
            else:
                index = LexicalIndex(self.store.get())
        if save and folder:
            index.save(folder, generation)
        self._lexical, self._lexical_generation = index, generation
        return index

    def reports(self) -> dict[str, Chunk]:
        """One chunk per indexed report (its metadata), keyed by report id."""
        return {c.report_id: c for c in reversed(self.lexical().chunks)}

    def count(self) -> int:
        return self.store.count()

    def indexed_report_ids(self) -> set[str]:
        """The reports that have chunks in the index."""
        return {c.report_id for c in self.store.get()}

    def match_agency(self, agency: str) -> list[str]:
        """Reports whose agency name contains `agency` (or is contained in it): 鹿城区统计局 -> 温州市鹿城区统计局."""
        wanted = norm(agency)
        out = []
        for rid, c in self.reports().items():
            names = [norm(n) for n in (c.agency, c.agency_full) if n]
            if any(wanted in n or (len(n) >= 4 and n in wanted) for n in names):
                out.append(rid)
        return sorted(out)

    def search(self, query: str, k: int = 5, mode: str = "hybrid", agency: Optional[str] = None,
               report_ids: Optional[Sequence[str]] = None, year: Optional[int] = None,
               section: Optional[str] = None, province: Optional[str] = None, city: Optional[str] = None,
               county: Optional[str] = None) -> list[Passage]:
        """Ranked passages for `query`. Filters combine with AND; `agency` is a substring match."""
        if not query or not query.strip():
            raise UserError("The search query is empty.")
        if mode not in MODES:
            raise UserError(f"Unknown search mode {mode!r}; choose one of: {', '.join(MODES)}.")
        where = self._filter(agency, report_ids, year, section, province, city, county)
        if k <= 0 or where.is_empty_match():
            return []
        depth = max(4 * k, 40)  # more than k: spreading over sections needs spare candidates
        if mode == "dense":
            ranked = [(h.chunk, h.score) for h in self._dense(query, depth, where)]
        elif mode == "lexical":
            ranked = self.lexical().search(query, depth, where)
        else:
            dense = [h.chunk for h in self._dense(query, depth, where)]
            lexical = [c for c, _ in self.lexical().search(query, depth, where)]
            ranked = reciprocal_rank_fusion([dense, lexical], weights=[1.0, lexical_weight(query)])
        return [c.to_passage(s) for c, s in spread_sections(ranked)[:k]]

    def _dense(self, query: str, k: int, where: ChunkFilter):
        return self.store.query(self.embedder.embed_query(query), k, where)

    def _filter(self, agency, report_ids, year, section, province, city, county) -> ChunkFilter:
        ids = list(report_ids) if report_ids is not None else None
        if agency:
            matched = set(self.match_agency(agency))
            ids = sorted(matched) if ids is None else [i for i in ids if i in matched]  # both filters apply
        sections = None
        if section:
            number = _ARABIC_SECTIONS.get(section.strip(), section.strip()[:1])
            if number not in SECTION_NUMBERS:
                raise UserError(f"Unknown section {section!r}; use one of {' '.join(SECTION_NUMBERS)}.")
            sections = [number]
        return ChunkFilter(report_ids=ids, sections=sections, year=year, province=province, city=city, county=county)


def _once(reports: Iterable[Report]) -> Iterator[Report]:
    """Each report id once (the last version given wins only when the list is made up front)."""
    seen: set[str] = set()
    for r in reports:
        if r.id not in seen:
            seen.add(r.id)
            yield r


def _batches(reports: Iterable[Report]) -> Iterator[list[tuple[Report, list[Chunk]]]]:
    """Reports with their chunks, grouped so each embedder call gets about EMBED_BATCH chunks."""
    batch: list[tuple[Report, list[Chunk]]] = []
    size = 0
    for report in reports:
        chunks = chunk_report(report)
        batch.append((report, chunks))
        size += len(chunks)
        if size >= EMBED_BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def open_index(settings: Settings, db_dir: Optional[Path] = None) -> PassageIndex:
    """The index of the settings' data folder (or `db_dir`), with the embedder the settings name, on the
    Chroma server they name if any."""
    return PassageIndex(Path(db_dir or settings.db), make_embedder(settings), chroma_url=settings.chroma_url)
