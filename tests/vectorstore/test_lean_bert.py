"""The plain-torch encoder of the bundled model gives sentence-transformers' vectors (queries and
passages, short and long, Chinese and English, batches of mixed length), and a folder of another shape
is left to sentence-transformers."""
from __future__ import annotations

import json
import random
import shutil

import numpy as np
import pytest

from nianbao.config import SAMPLES_DIR
from vectorstore import lean_bert

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def model_dir(e5_embedder):
    return e5_embedder._model_path()


def _texts() -> list[str]:
    rng = random.Random(5)
    lines = [line for p in sorted(SAMPLES_DIR.glob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n")
             if len(line.strip()) > 4]
    picked = rng.sample(lines, 40)
    long = "".join(rng.sample(lines, 60))  # past the 512-token limit: truncated the same way
    return picked + [long, "温泉街道存在哪些主要问题？", "Which district spent most on procurement?", "年报", "0"]


def test_the_same_vectors_as_sentence_transformers(model_dir):
    from sentence_transformers import SentenceTransformer

    assert lean_bert.supports(model_dir)
    lean = lean_bert.LeanBert(model_dir)
    reference = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True).float()
    texts = _texts()
    for prompt in ("query", "passage"):
        for batch in (1, 7, 32):
            got = lean.encode(texts, prompt_name=prompt, batch_size=batch)
            want = reference.encode(texts, prompt_name=prompt, batch_size=batch, normalize_embeddings=True,
                                    convert_to_numpy=True)
            assert got.shape == want.shape == (len(texts), 384)
            assert np.abs(got - want).max() < 1e-5, (prompt, batch)
    assert lean.prompts == reference.prompts
    assert lean.get_sentence_embedding_dimension() == reference.get_sentence_embedding_dimension()


def test_other_folder_shapes_are_not_claimed(model_dir, tmp_path):
    other = tmp_path / "cls-pooled"
    shutil.copytree(model_dir, other)
    pooling = json.loads((other / "1_Pooling/config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (other / "1_Pooling/config.json").write_text(json.dumps(pooling))
    assert not lean_bert.supports(other)
    (other / "config.json").unlink()
    assert not lean_bert.supports(other)
