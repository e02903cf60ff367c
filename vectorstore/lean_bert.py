"""A BERT sentence encoder in plain torch: the bundled multilingual-e5-small without importing
sentence-transformers and transformers, whose import alone took 3.5 s of the ~5 s a first search
waited for (the app's first passage question, every one-shot `nianbao search`).

It computes what sentence-transformers computes for a folder of the shape `vectorstore/convert.py`
writes (a `BertModel` with mean pooling and L2 normalisation; prompts from
config_sentence_transformers.json; tokenizer.json through the Rust `tokenizers` library): the same
weights, the same operations in float32; `tests/vectorstore/test_lean_bert.py` checks the vectors
against sentence-transformers'. Folders of any other shape load with sentence-transformers.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

REQUIRED = ("config.json", "model.safetensors", "tokenizer.json", "modules.json", "1_Pooling/config.json")


def supports(path: Path) -> bool:
    """True for a BertModel folder with mean pooling and normalisation (what this module computes)."""
    path = Path(path)
    if not all((path / f).is_file() for f in REQUIRED):
        return False
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "1_Pooling/config.json").read_text(encoding="utf-8"))
        modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((path / "modules.json").read_text(encoding="utf-8"))]
    except (OSError, ValueError, KeyError):
        return False
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens"))
    return (config.get("model_type") == "bert" and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and modules == ["Transformer", "Pooling", "Normalize"] and bool(mean_only))


class LeanBert:
    """`encode`, `prompts` and `get_sentence_embedding_dimension` as sentence-transformers has them."""

    def __init__(self, path: Path):
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        path = Path(path)
        self.config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        st_config = _json(path / "config_sentence_transformers.json")
        self.prompts: dict[str, str] = st_config.get("prompts") or {}
        self.max_len = int(_json(path / "sentence_bert_config.json").get("max_seq_length") or 512)
        self._tokens = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokens.no_padding()
        self._tokens.enable_truncation(max_length=self.max_len)
        self.tokenizer = _Counting(Tokenizer.from_file(str(path / "tokenizer.json")))
        self.pad_id = int(self.config.get("pad_token_id") or 0)
        self.w = {k: v.float() for k, v in load_file(str(path / "model.safetensors")).items()}
        self.layers = int(self.config["num_hidden_layers"])
        self.heads = int(self.config["num_attention_heads"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))
        self.torch = torch

    def get_sentence_embedding_dimension(self) -> int:
        return int(self.config["hidden_size"])

    def float(self) -> "LeanBert":
        return self

    def encode(self, texts: Sequence[str], prompt_name: Optional[str] = None, batch_size: int = 32,
               normalize_embeddings: bool = True, convert_to_numpy: bool = True,
               show_progress_bar: bool = False) -> np.ndarray:
        prompt = self.prompts.get(prompt_name or "", "")
        encoded = self._tokens.encode_batch([prompt + t for t in texts])
        # batches of similar length (as sentence-transformers sorts them): little padding
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i].ids))
        out = np.zeros((len(texts), self.get_sentence_embedding_dimension()), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            picked = order[start:start + batch_size]
            vectors = self._forward([encoded[i].ids for i in picked])
            if normalize_embeddings:
                vectors = self.torch.nn.functional.normalize(vectors, p=2, dim=1)
            out[picked] = vectors.numpy()
        return out

    def _forward(self, ids_list: list[list[int]]):
        torch, w, F = self.torch, self.w, self.torch.nn.functional
        n = max(len(ids) for ids in ids_list)
        ids = torch.full((len(ids_list), n), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(ids_list), n), dtype=torch.bool)
        for row, seq in enumerate(ids_list):
            ids[row, :len(seq)] = torch.tensor(seq, dtype=torch.long)
            mask[row, :len(seq)] = True
        hidden = self.config["hidden_size"]
        head = hidden // self.heads
        with torch.inference_mode():
            x = (w["embeddings.word_embeddings.weight"][ids]
                 + w["embeddings.position_embeddings.weight"][:n].unsqueeze(0)
                 + w["embeddings.token_type_embeddings.weight"][0])
            x = F.layer_norm(x, (hidden,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
            keep = mask[:, None, None, :]  # attention to real tokens only
            for i in range(self.layers):
                p = f"encoder.layer.{i}."

                def split(t):
                    return t.view(t.shape[0], n, self.heads, head).transpose(1, 2)

                q = split(F.linear(x, w[p + "attention.self.query.weight"], w[p + "attention.self.query.bias"]))
                k = split(F.linear(x, w[p + "attention.self.key.weight"], w[p + "attention.self.key.bias"]))
                v = split(F.linear(x, w[p + "attention.self.value.weight"], w[p + "attention.self.value.bias"]))
                ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=keep, scale=1.0 / math.sqrt(head))
                ctx = ctx.transpose(1, 2).reshape(x.shape[0], n, hidden)
                a = F.linear(ctx, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"])
                x = F.layer_norm(a + x, (hidden,), w[p + "attention.output.LayerNorm.weight"],
                                 w[p + "attention.output.LayerNorm.bias"], self.eps)
                h = F.gelu(F.linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"]))
                h = F.linear(h, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
                x = F.layer_norm(h + x, (hidden,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                                 self.eps)
            weights = mask.unsqueeze(-1).float()
            return (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)


class _Counting:
    """`tokenizer(text)["input_ids"]` as a transformers tokenizer answers it (whole, not truncated):
    what code that measures texts against the model window calls."""

    def __init__(self, tokenizer):
        tokenizer.no_truncation()
        tokenizer.no_padding()
        self._tokenizer = tokenizer

    def __call__(self, text: str) -> dict[str, list[int]]:
        enc = self._tokenizer.encode(text)
        return {"input_ids": enc.ids, "attention_mask": enc.attention_mask}


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
