"""Vector stores behind one Protocol: Chroma on disk, numpy in memory. Same contract, same tests.

This is the only module in the project that imports chromadb (inside functions: no import-time work).
Chroma runs with `embedding_function=None` and explicit vectors; otherwise it attaches its English ONNX
model and tries to download it.
"""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Protocol, Sequence, runtime_checkable

import numpy as np
from pydantic import BaseModel

from nianbao.errors import UserError
from vectorstore.chunking import Chunk

_META_FIELDS = ("report_id", "file", "agency", "agency_full", "province", "city", "county", "township",
                "year", "section", "heading", "subheading", "start_line", "end_line", "kind")


class ChunkFilter(BaseModel):
    """Exact-match conditions every store understands; empty fields do not filter."""

    report_ids: Optional[list[str]] = None
    sections: Optional[list[str]] = None
    year: Optional[int] = None
    province: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None

    def equalities(self) -> dict[str, Any]:
        fields = {"year": self.year, "province": self.province, "city": self.city, "county": self.county}
        return {k: v for k, v in fields.items() if v is not None}

    def matches(self, chunk: Chunk) -> bool:
        if self.report_ids is not None and chunk.report_id not in self.report_ids:
            return False
        if self.sections is not None and chunk.section not in self.sections:
            return False
        return all(getattr(chunk, k) == v for k, v in self.equalities().items())

    def chroma_where(self) -> Optional[dict]:
        conds: list[dict] = [{k: {"$eq": v}} for k, v in self.equalities().items()]
        if self.report_ids is not None:
            conds.append({"report_id": {"$in": list(self.report_ids)}})
        if self.sections is not None:
            conds.append({"section": {"$in": list(self.sections)}})
        if not conds:
            return None
        return conds[0] if len(conds) == 1 else {"$and": conds}

    def is_empty_match(self) -> bool:
        """True when the filter can match nothing (an empty id or section list)."""
        return self.report_ids == [] or self.sections == []


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float  # cosine similarity, higher is better


@runtime_checkable
class PassageStore(Protocol):
    """Chunks with their vectors; cosine similarity search with metadata filters."""

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None: ...

    def delete_reports(self, report_ids: Sequence[str]) -> int: ...

    def query(self, vector: Sequence[float], k: int, where: Optional[ChunkFilter] = None) -> list[ScoredChunk]: ...

    def get(self, where: Optional[ChunkFilter] = None) -> list[Chunk]: ...

    def count(self) -> int: ...


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    """Flat metadata (Chroma refuses None values, so they are left out)."""
    data = chunk.model_dump(include=set(_META_FIELDS))
    return {k: v for k, v in data.items() if v is not None}


def chunk_from_record(chunk_id: str, text: str, metadata: dict[str, Any]) -> Chunk:
    return Chunk(chunk_id=chunk_id, text=text, **{k: metadata.get(k) for k in _META_FIELDS if k in metadata})


class InMemoryPassageStore:
    """numpy brute force; for tests and throwaway indexes."""

    def __init__(self) -> None:
        self._chunks: dict[str, Chunk] = {}
        self._vectors: dict[str, np.ndarray] = {}

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        for chunk, vector in zip(chunks, vectors, strict=True):
            v = np.asarray(vector, dtype=np.float32)
            norm = float(np.linalg.norm(v))
            self._chunks[chunk.chunk_id] = chunk
            self._vectors[chunk.chunk_id] = v / norm if norm else v

    def delete_reports(self, report_ids: Sequence[str]) -> int:
        wanted = set(report_ids)
        doomed = [cid for cid, c in self._chunks.items() if c.report_id in wanted]
        for cid in doomed:
            del self._chunks[cid], self._vectors[cid]
        return len(doomed)

    def query(self, vector: Sequence[float], k: int, where: Optional[ChunkFilter] = None) -> list[ScoredChunk]:
        ids = [cid for cid, c in self._chunks.items() if where is None or where.matches(c)]
        if not ids or k <= 0:
            return []
        q = np.asarray(vector, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        scores = np.stack([self._vectors[cid] for cid in ids]) @ q
        order = np.argsort(-scores, kind="stable")[:k]
        return [ScoredChunk(self._chunks[ids[i]], float(scores[i])) for i in order]

    def get(self, where: Optional[ChunkFilter] = None) -> list[Chunk]:
        return [c for c in self._chunks.values() if where is None or where.matches(c)]

    def count(self) -> int:
        return len(self._chunks)


def _forget_client(path: Path) -> None:
    """Drop chromadb's cached client of `path` (it keeps one per folder, holding the old files open)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    systems = getattr(SharedSystemClient, "_identifier_to_system", {})
    for key in [k for k in systems if str(Path(path).resolve()) in str(Path(k).resolve())]:
        systems.pop(key).stop()


@contextmanager
def _folder_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes on `<path>.lock` (released when the block ends or the process dies)."""
    import fcntl

    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _http_client(url: str):
    """chromadb's own client of the Chroma server at `url` (http[s]://host[:port])."""
    from urllib.parse import urlparse

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parts = urlparse(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"NIANBAO_CHROMA_URL={url!r} is not a server address; write it as http://HOST:PORT")
    try:
        client = chromadb.HttpClient(host=parts.hostname, port=parts.port or (443 if parts.scheme == "https" else 8000),
                                     ssl=parts.scheme == "https", settings=ChromaSettings(anonymized_telemetry=False))
        client.heartbeat()
    except Exception as e:  # noqa: BLE001 - any failure to reach it is the same message to the user
        raise UserError(f"cannot reach the Chroma server at {url} (NIANBAO_CHROMA_URL): {type(e).__name__}: "
                        f"{str(e)[:200]}. Start it (`chroma run --path DIR --port PORT`) or unset NIANBAO_CHROMA_URL "
                        "to use the embedded index.") from None
    return client


class ChromaPassageStore:
    """A Chroma collection (cosine space, explicit embeddings, no telemetry): persistent at `path`, or on the
    Chroma server at `url` (`chroma run`), through chromadb's own HttpClient."""

    def __init__(self, path: Optional[Path | str], collection: str = "passages", url: Optional[str] = None):
        if path is None and not url:
            raise ValueError("a Chroma passage store needs a folder or a server address")
        self.path = Path(path) if path is not None else None
        self.url = url
        self.collection_name = collection
        self._collection = None

    @property
    def collection(self):
        if self._collection is None and self.url:
            client = _http_client(self.url)
            self._max_batch = client.get_max_batch_size()
            self._collection = client.get_or_create_collection(
                self.collection_name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
        if self._collection is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            self.path.mkdir(parents=True, exist_ok=True)
            # one process at a time creates the Chroma folder: two ingests starting together both created its
            # tables and one died with "table collections already exists". An existing folder is opened
            # without the lock (a question never writes a lock file into the data folder).
            new = not (self.path / "chroma.sqlite3").exists()
            with _folder_lock(self.path) if new else nullcontext():
                client = chromadb.PersistentClient(
                    path=str(self.path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False))
                self._max_batch = client.get_max_batch_size()
                self._collection = client.get_or_create_collection(
                    self.collection_name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
        return self._collection

    def set_aside(self) -> Path | str:
        """Move a damaged Chroma folder out of the way (to `<path>.damaged`, replacing an older one) so an
        empty one takes its place; the passages are made again from the SQLite store, which holds them.
        On a server, the collection is dropped (the server keeps its own files)."""
        import shutil

        self._collection = None
        if self.url:
            _http_client(self.url).delete_collection(self.collection_name)
            return f"{self.url} (collection {self.collection_name} dropped)"
        _forget_client(self.path)
        aside = self.path.with_name(self.path.name + ".damaged")
        if aside.exists():
            shutil.rmtree(aside)
        if self.path.exists():
            self.path.rename(aside)
        return aside

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        col = self.collection
        for i in range(0, len(chunks), self._max_batch):
            part = chunks[i:i + self._max_batch]
            col.upsert(ids=[c.chunk_id for c in part], documents=[c.text for c in part],
                       metadatas=[chunk_metadata(c) for c in part],
                       embeddings=[list(map(float, v)) for v in vectors[i:i + self._max_batch]])

    def delete_reports(self, report_ids: Sequence[str]) -> int:
        if not report_ids:
            return 0
        where = {"report_id": {"$in": list(report_ids)}}
        ids = self.collection.get(where=where, include=[])["ids"]
        if ids:
            self.collection.delete(ids=ids)
        return len(ids)

    def query(self, vector: Sequence[float], k: int, where: Optional[ChunkFilter] = None) -> list[ScoredChunk]:
        if k <= 0 or (where is not None and where.is_empty_match()):
            return []
        n = min(k, self.count())
        if n == 0:
            return []
        res = self.collection.query(
            query_embeddings=[list(map(float, vector))], n_results=n,
            where=where.chroma_where() if where else None, include=["documents", "metadatas", "distances"])
        rows = zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0], strict=True)
        # Chroma's cosine distance is 1 - cosine similarity.
        return [ScoredChunk(chunk_from_record(i, d, m), 1.0 - float(dist)) for i, d, m, dist in rows]

    def get(self, where: Optional[ChunkFilter] = None) -> list[Chunk]:
        if where is not None and where.is_empty_match():
            return []
        out: list[Chunk] = []
        page = 5000
        while True:
            res = self.collection.get(where=where.chroma_where() if where else None,
                                      include=["documents", "metadatas"], limit=page, offset=len(out))
            records = zip(res["ids"], res["documents"], res["metadatas"], strict=True)
            out.extend(chunk_from_record(i, d, m) for i, d, m in records)
            if len(res["ids"]) < page:
                return out

    def count(self) -> int:
        return int(self.collection.count())
