"""The bundled multilingual-e5-small on ONNX Runtime (measurement only: not the default embedder).

    from vectorstore.onnx_runtime import OnnxE5Embedder, export_onnx, quantize_int8
    fp32 = export_onnx(model_folder, "/tmp/onnx_e5")          # /tmp/onnx_e5/model.onnx
    int8 = quantize_int8(fp32)                                  # /tmp/onnx_e5/model.int8.onnx
    int8_pc_rr = quantize_int8(fp32, per_channel=True, reduce_range=True)  # model.int8-pc-rr.onnx
    embedder = OnnxE5Embedder(model_folder, fp32)

The exported graph computes what `vectorstore.lean_bert.LeanBert` computes (the current default):
the same float32 weights, BERT encoder, attention to real tokens only, mean pooling over the
attention mask, L2 normalisation; the tokenizer, its 512-token truncation and the "query: " /
"passage: " prompts come from the same model folder files. Texts are embedded in batches of similar
length (sorted longest first), as LeanBert and sentence-transformers do.

Export needs the `onnx` package (and torch, for the legacy TorchScript exporter); int8 needs
`onnxruntime.quantization`, which also imports `onnx`. Running an exported model needs only
onnxruntime, numpy and tokenizers.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

FP32_NAME = "model.onnx"
STAMP_NAME = "nianbao_onnx.json"
EXPORT_VERSION = 1
OPSET = 17


def _source_stamp(model_folder: Path) -> dict:
    st = (Path(model_folder) / "model.safetensors").stat()
    conversion = Path(model_folder) / "nianbao_conversion.json"
    return {
        "export_version": EXPORT_VERSION,
        "opset": OPSET,
        "safetensors_size": st.st_size,
        "conversion": hashlib.sha256(conversion.read_bytes()).hexdigest() if conversion.is_file() else None,
    }


def _bert_module(model_folder: Path):
    """A torch.nn.Module with LeanBert's forward: (input_ids, attention_mask) -> L2-normalised means."""
    import torch
    from safetensors.torch import load_file

    model_folder = Path(model_folder)
    config = json.loads((model_folder / "config.json").read_text(encoding="utf-8"))
    weights = {k: v.float() for k, v in load_file(str(model_folder / "model.safetensors")).items()}
    F = torch.nn.functional

    class Bert(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = int(config["hidden_size"])
            self.heads = int(config["num_attention_heads"])
            self.layers = int(config["num_hidden_layers"])
            self.eps = float(config.get("layer_norm_eps", 1e-12))
            self.head = self.hidden // self.heads
            # ParameterDict keys may not contain dots
            self.w = torch.nn.ParameterDict({k.replace(".", "__"): torch.nn.Parameter(v, requires_grad=False)
                                             for k, v in weights.items() if not k.startswith("pooler.")})

        def p(self, name: str):
            return self.w[name.replace(".", "__")]

        def forward(self, input_ids, attention_mask):
            p, hidden, heads, head = self.p, self.hidden, self.heads, self.head
            batch, n = input_ids.shape[0], input_ids.shape[1]
            x = (p("embeddings.word_embeddings.weight")[input_ids]
                 + p("embeddings.position_embeddings.weight")[:n].unsqueeze(0)
                 + p("embeddings.token_type_embeddings.weight")[0])
            x = F.layer_norm(x, (hidden,), p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), self.eps)
            mask = attention_mask.to(torch.float32)
            # additive mask: 0 for real tokens, a very large negative for padding (as BERT exports do)
            bias = ((1.0 - mask) * torch.finfo(torch.float32).min)[:, None, None, :]
            scale = 1.0 / math.sqrt(head)
            for i in range(self.layers):
                pre = f"encoder.layer.{i}."

                def split(t):
                    return t.reshape(batch, n, heads, head).transpose(1, 2)

                q = split(F.linear(x, p(pre + "attention.self.query.weight"), p(pre + "attention.self.query.bias")))
                k = split(F.linear(x, p(pre + "attention.self.key.weight"), p(pre + "attention.self.key.bias")))
                v = split(F.linear(x, p(pre + "attention.self.value.weight"), p(pre + "attention.self.value.bias")))
                scores = torch.matmul(q, k.transpose(-1, -2)) * scale + bias
                ctx = torch.matmul(torch.softmax(scores, dim=-1), v)
                ctx = ctx.transpose(1, 2).reshape(batch, n, hidden)
                a = F.linear(ctx, p(pre + "attention.output.dense.weight"), p(pre + "attention.output.dense.bias"))
                x = F.layer_norm(a + x, (hidden,), p(pre + "attention.output.LayerNorm.weight"),
                                 p(pre + "attention.output.LayerNorm.bias"), self.eps)
                h = F.gelu(F.linear(x, p(pre + "intermediate.dense.weight"), p(pre + "intermediate.dense.bias")))
                h = F.linear(h, p(pre + "output.dense.weight"), p(pre + "output.dense.bias"))
                x = F.layer_norm(h + x, (hidden,), p(pre + "output.LayerNorm.weight"),
                                 p(pre + "output.LayerNorm.bias"), self.eps)
            weights_ = mask.unsqueeze(-1)
            pooled = (x * weights_).sum(1) / weights_.sum(1).clamp(min=1e-9)
            return F.normalize(pooled, p=2.0, dim=1)

    return Bert().eval()


def export_onnx(model_folder: Path | str, cache_dir: Path | str, force: bool = False) -> Path:
    """Export the model folder (as `vectorstore/convert.py` writes it) to `<cache_dir>/model.onnx` (fp32).

    Reused when the cache holds an export of the same source; written atomically otherwise."""
    import torch

    model_folder, cache_dir = Path(model_folder), Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    dest = cache_dir / FP32_NAME
    stamp = _source_stamp(model_folder)
    stamp_path = cache_dir / STAMP_NAME
    if (not force and dest.is_file() and stamp_path.is_file()
            and json.loads(stamp_path.read_text(encoding="utf-8")) == stamp):
        return dest
    module = _bert_module(model_folder)
    ids = torch.tensor([[0, 10, 11, 12, 2], [0, 13, 2, 1, 1]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    tmp = cache_dir / (FP32_NAME + ".tmp")
    with torch.inference_mode():
        torch.onnx.export(
            module, (ids, mask), str(tmp), input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"], opset_version=OPSET, do_constant_folding=True,
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "sentence_embedding": {0: "batch"}},
            dynamo=False,
        )
    os.replace(tmp, dest)
    for stale in cache_dir.glob("model.int8*.onnx"):  # int8 copies of an older export are stale now
        stale.unlink()
    stamp_path.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return dest


def int8_name(per_channel: bool = False, reduce_range: bool = False) -> str:
    """File name of a dynamic-int8 copy: `model.int8.onnx` (quantize_dynamic's defaults), or with
    `-pc` (per-channel weight scales) and/or `-rr` (7-bit weights: no u8s8 overflow on AVX2 CPUs without VNNI)."""
    suffix = ("-pc" if per_channel else "") + ("-rr" if reduce_range else "")
    return f"model.int8{suffix}.onnx"


def quantize_int8(fp32_path: Path | str, dest: Optional[Path | str] = None, per_channel: bool = False,
                  reduce_range: bool = False, force: bool = False) -> Path:
    """A dynamic-int8 copy of an fp32 export: MatMul weights (and the embedding Gathers) stored as int8,
    activations quantised per batch at run time. Reused when newer than the fp32 file."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32_path = Path(fp32_path)
    dest = Path(dest) if dest else fp32_path.with_name(int8_name(per_channel, reduce_range))
    if dest.is_file() and not force and dest.stat().st_mtime >= fp32_path.stat().st_mtime:
        return dest
    tmp = dest.with_name(dest.name + ".tmp")
    quantize_dynamic(str(fp32_path), str(tmp), weight_type=QuantType.QInt8, per_channel=per_channel,
                     reduce_range=reduce_range)
    os.replace(tmp, dest)
    return dest


class OnnxE5Embedder:
    """`embed_documents` / `embed_query` of `E5SmallEmbedder`, computed by ONNX Runtime on the CPU."""

    def __init__(self, model_folder: Path | str, onnx_path: Path | str, batch_size: int = 32,
                 threads: int = 2, name: Optional[str] = None, spin: bool = True):
        self.model_folder = Path(model_folder)
        self.onnx_path = Path(onnx_path)
        self.batch_size = batch_size
        self.threads = threads
        self.spin = spin  # False: idle pool threads sleep instead of spinning (kinder to a busy machine)
        self.name = name or f"multilingual-e5-small-onnx-{self.onnx_path.stem.replace('.', '-')}"
        self._session = None
        self._tokens = None

    # -- loading ------------------------------------------------------------------------------
    def _load(self) -> None:
        if self._session is not None:
            return
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = self.model_folder
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = _json(folder / "config_sentence_transformers.json")
        self.prompts: dict[str, str] = st_config.get("prompts") or {}
        self.max_len = int(_json(folder / "sentence_bert_config.json").get("max_seq_length") or 512)
        self.pad_id = int(config.get("pad_token_id") or 0)
        self._dim = int(config["hidden_size"])
        tokens = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokens.no_padding()
        tokens.enable_truncation(max_length=self.max_len)
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        if not self.spin:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(self.onnx_path), options, providers=["CPUExecutionProvider"])
        self._tokens = tokens

    @property
    def dim(self) -> int:
        self._load()
        return self._dim

    def _prompt(self, *candidates: str) -> str:
        return next((self.prompts[c] for c in candidates if self.prompts.get(c)), "")

    # -- encoding -----------------------------------------------------------------------------
    def encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        """float32 (n, dim), L2-normalised, with the folder's query/passage prompt applied."""
        self._load()
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        prompt = self._prompt("query") if is_query else self._prompt("passage", "document", "corpus")
        encoded = self._tokens.encode_batch([prompt + t for t in texts])
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i].ids))  # little padding per batch
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            picked = order[start:start + self.batch_size]
            n = max(len(encoded[i].ids) for i in picked)
            ids = np.full((len(picked), n), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(picked), n), dtype=np.int64)
            for row, i in enumerate(picked):
                seq = encoded[i].ids
                ids[row, :len(seq)] = seq
                mask[row, :len(seq)] = 1
            (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[picked] = vectors
        return out

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self.encode(texts, is_query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text], is_query=True)[0].tolist()


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
