"""Every case of eval/qa_dev.jsonl answers right under the QA.md scoring (qa/scoring.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.scoring import score_case, store_resolver

DEV = Path(__file__).resolve().parents[2] / "eval" / "qa_dev.jsonl"
CASES = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def resolver(ingested_db):
    return store_resolver(ingested_db)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dev_case_on_ingested_samples(case, ingested_db, resolver):
    got = answer(case["question"], case.get("turns", []), Settings(db=ingested_db))
    score = score_case(case, got, resolver)
    assert score.correct, f"{case['id']}: {score.reason} | {got.status} | {got.text}"
    if score.citation_recall is not None:
        assert score.citation_recall == 1.0, f"{case['id']}: citations {got.citations}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dev_case_on_gold_store(case, gold_db):
    """The same cases over the hand-checked facts: planning and SQL do not depend on the parser."""
    got = answer(case["question"], case.get("turns", []), Settings(db=gold_db))
    score = score_case(case, got, store_resolver(gold_db))
    assert score.correct, f"{case['id']}: {score.reason} | {got.status} | {got.text}"


def test_every_answer_follows_the_contract(gold_db):
    keys = {"question", "status", "text", "value", "unit", "items", "citations", "query", "coverage", "route"}
    for case in CASES:
        got = answer(case["question"], case.get("turns", []), Settings(db=gold_db)).contract()
        assert keys <= set(got)
        assert got["status"] in ("answered", "no_data", "ambiguous", "error")
        assert got["route"] in ("table", "passages", "hybrid", "meta")
        assert got["unit"] in (None, "count", "yuan", "percent")
        for c in got["citations"]:
            assert set(c) in ({"file", "report", "key", "raw", "line"}, {"file", "report", "section", "quote"})
        assert set(got["coverage"]) == {"used", "skipped"}
