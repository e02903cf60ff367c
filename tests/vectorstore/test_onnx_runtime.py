"""The ONNX Runtime export of the bundled model gives the default embedder's vectors (fp32), passages
and queries, batched by length. Skipped where the `onnx` package (needed to export) is missing."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

from vectorstore.onnx_bench import chunk_texts
from vectorstore.onnx_runtime import OnnxE5Embedder, export_onnx

pytestmark = pytest.mark.slow


def test_onnx_fp32_vectors_match_torch(e5_embedder, tmp_path):
    model_folder = e5_embedder._model_path()
    path = export_onnx(model_folder, tmp_path / "onnx")
    assert export_onnx(model_folder, tmp_path / "onnx") == path  # the second call reuses the export
    onnx = OnnxE5Embedder(model_folder, path, batch_size=4)
    texts = chunk_texts()[::9][:10]  # real chunks of several lengths: batches with padding
    queries = ["温泉街道存在哪些主要问题？", "Which reports mention training (培训) on the 条例?"]
    got = np.vstack([onnx.embed_documents(texts), [onnx.embed_query(q) for q in queries]])
    want = np.vstack([e5_embedder.embed_documents(texts), [e5_embedder.embed_query(q) for q in queries]])
    assert got.shape == want.shape == (len(texts) + len(queries), 384)
    assert (got * want).sum(axis=1).min() >= 0.9999
    assert np.abs(got - want).max() < 1e-5
    assert onnx.dim == 384 and onnx.embed_documents([]) == []
