"""`nianbao search` and `nianbao eval-retrieval` with the hash embedder (fast, no model)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from nianbao.cli import main
from nianbao.config import load_settings
from vectorstore.embedders import HashEmbedder
from vectorstore.index import PassageIndex

CONTRACT_KEYS = {"file", "report", "agency", "year", "section", "heading", "lines", "score", "text"}


@pytest.fixture(scope="module")
def hash_db(tmp_path_factory, sample_reports):
    db = tmp_path_factory.mktemp("clidb")
    # the folder's index where the CLI will look: embedded, or the Chroma server the environment names
    PassageIndex(db, HashEmbedder(256), chroma_url=load_settings().chroma_url).index_reports(sample_reports)
    return db


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.setenv("NIANBAO_EMBED_MODEL", "hash")
    return CliRunner()


def test_search_json_follows_the_contract(runner, hash_db):
    res = runner.invoke(main, ["search", "温泉街道存在哪些主要问题？", "--json", "--k", "3", "--agency", "温泉街道",
                               "--db", str(hash_db)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"query", "mode", "results"} and data["mode"] == "hybrid"
    assert len(data["results"]) == 3
    top = data["results"][0]
    assert set(top) == CONTRACT_KEYS
    assert {r["file"] for r in data["results"]} == {"003_acfa5b9243423631.txt"}
    assert "五" in {r["section"] for r in data["results"]}
    assert top["agency"] == "福州市鼓楼区温泉街道办事处" and top["year"] == 2020
    assert isinstance(top["lines"], list) and len(top["lines"]) == 2 and top["lines"][0] <= top["lines"][1]
    assert top["heading"].startswith(top["section"] + "、")


def test_search_filters_and_text_output(runner, hash_db):
    res = runner.invoke(main, ["search", "主要问题", "--agency", "鹿城区统计局", "--section", "五", "--mode", "lexical",
                               "--db", str(hash_db)])
    assert res.exit_code == 0, res.output
    assert "001_19df74b8cb7281a4.txt" in res.output and "[五]" in res.output and "lines " in res.output
    assert "003_" not in res.output
    res = runner.invoke(main, ["search", "主要问题", "--year", "2019", "--json", "--db", str(hash_db)])
    assert {r["year"] for r in json.loads(res.output)["results"]} == {2019}


def test_search_errors(runner, hash_db, tmp_path):
    res = runner.invoke(main, ["search", "问题", "--db", str(tmp_path / "empty")])
    assert res.exit_code == 2 and "No passages are indexed" in res.output
    res = runner.invoke(main, ["search", "问题", "--mode", "fuzzy", "--db", str(hash_db)])
    assert res.exit_code == 2 and "fuzzy" in res.output
    res = runner.invoke(main, ["search", "问题", "--section", "七", "--db", str(hash_db)])
    assert res.exit_code == 2 and "Error: Unknown section" in res.output


@pytest.mark.parametrize("command", ["search", "eval-retrieval"])
def test_help_has_an_example(runner, command):
    res = runner.invoke(main, [command, "--help"])
    assert res.exit_code == 0 and "Example: nianbao " + command in res.output


def test_eval_retrieval_prints_the_three_modes(runner, tmp_path):
    res = runner.invoke(main, ["eval-retrieval", "--db", str(tmp_path)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split() == ["mode", "cases", "R@1", "R@5", "MRR"]
    assert [ln.split()[0] for ln in lines[1:4]] == ["dense", "lexical", "hybrid"]
