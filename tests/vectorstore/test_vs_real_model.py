"""The real model and real Chroma over the real samples: right sections, the recall target, no network."""
from __future__ import annotations

import shutil

import pytest

from eval.retrieval import evaluate, load_cases
from nianbao.config import SAMPLES_DIR, Settings
from tests.support.backends import on_servers

pytestmark = pytest.mark.slow

CASES = [
    ("温泉街道存在哪些主要问题？", "003_acfa5b9243423631.txt", "五"),
    ("有人把鄞州区统计局告上法院吗？", "002_c42cd15df52a6935.txt", "四二"),  # 二 says 无一起提起行政诉讼
    ("鄞州区统计局罚款总额是多少？", "002_c42cd15df52a6935.txt", "二"),
    ("What problems did 郑州市二七区统计局 identify in its disclosure work?", "004_5206fb2196a31c52.txt", "五"),
    ("鹿城区统计局的政府信息公开工作领导小组", "001_19df74b8cb7281a4.txt", "一"),
]


@pytest.mark.parametrize("query, file, section", CASES)
def test_hybrid_finds_the_section(real_index, query, file, section):
    top = [(p.file, p.section) for p in real_index.search(query, k=5)]
    assert any(f == file and s in section for f, s in top[:3]), top


@pytest.mark.parametrize("query, file, section", [c for c in CASES if not c[0].isascii() and "告上法院" not in c[0]])
def test_lexical_finds_the_section(real_index, query, file, section):
    top = [(p.file, p.section) for p in real_index.search(query, k=5, mode="lexical")]
    assert any(f == file and s in section for f, s in top), top


def test_agency_filter_with_the_real_model(real_index):
    passages = real_index.search("存在的问题", k=5, agency="鹿城区统计局")
    assert passages and {p.file for p in passages} == {"001_19df74b8cb7281a4.txt"}
    assert passages[0].section == "五"


def test_reindexing_the_samples_adds_nothing(real_index, sample_reports):
    before = real_index.count()
    real_index.index_reports(sample_reports)
    assert real_index.count() == before


def test_hybrid_recall_target(real_index):
    """The issue's bar: hybrid recall@5 >= 0.95 on eval/retrieval.jsonl with the real model."""
    report = evaluate(real_index, load_cases())
    scores = {s.mode: s for s in report.scores}
    assert scores["hybrid"].recall_at_5 >= 0.95, report.table()
    assert scores["hybrid"].recall_at_5 >= max(scores["dense"].recall_at_5, scores["lexical"].recall_at_5)


def test_no_network_while_converting_indexing_and_searching(no_network, tmp_path):
    from ingest.parse import parse_file
    from vectorstore.index import open_index

    index = open_index(Settings(db=tmp_path))  # the default embedder: converts the model on first use
    index.index_reports([parse_file(p) for p in sorted(SAMPLES_DIR.glob("*.txt"))[:2]])
    assert index.search("存在的主要问题", k=3)
    assert (tmp_path / "models" / "multilingual-e5-small" / "model.safetensors").exists()
    assert (tmp_path / "chroma").exists() or on_servers()  # (on a Chroma server, no folder)
    assert no_network == []  # nothing even tried
    shutil.rmtree(tmp_path / "models")  # 470 MB: do not keep it among pytest's retained temp folders
