"""`nianbao eval`: errors a user can act on, the run on the gold store, and the smoke run on the really
ingested samples with the baseline beside it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eval import runner
from eval.dataset import load_cases
from ingest.store import connect
from nianbao.cli import main
from nianbao.config import Settings
from nianbao.errors import UserError

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
DEV = EVAL_DIR / "qa_dev.jsonl"
STRANGER = EVAL_DIR / "qa_stranger.jsonl"


def invoke(*args):
    return CliRunner().invoke(main, ["eval", *map(str, args)])


def summary_of(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_help_has_an_example():
    result = invoke("--help")
    assert result.exit_code == 0 and "Example" in result.output and "nianbao eval eval/qa_dev.jsonl" in result.output
    assert "--baseline / --no-baseline" in result.output


def test_a_bad_line_is_one_clear_error(tmp_path, eval_gold_db):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(DEV.read_text(encoding="utf-8").splitlines()[0] + '\n{"id": "x", "question": "q"}\n',
                   encoding="utf-8")
    result = invoke(bad, "--db", eval_gold_db, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {bad} line 2: expect: missing"


def test_no_database_says_to_ingest(tmp_path):
    result = invoke(DEV, "--db", tmp_path / "none", "--out", tmp_path / "out")
    assert result.exit_code == 2 and "nianbao ingest data/samples" in result.output
    assert not (tmp_path / "out").exists()


def test_an_empty_database_is_not_scored_zero(tmp_path):
    connect(tmp_path / "empty").close()
    result = invoke(DEV, "--db", tmp_path / "empty", "--no-baseline", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "has no reports" in result.output and "nianbao ingest data/samples" in result.output


def test_the_baseline_needs_the_passage_index(tmp_path, eval_gold_db):
    result = invoke(DEV, "--db", eval_gold_db, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "No passages are indexed" in result.output and "--no-baseline" in result.output


def test_dev_set_on_the_gold_store_without_baseline(tmp_path, eval_gold_db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(DEV, "--db", eval_gold_db, "--no-baseline")
    assert result.exit_code == 0, result.output
    [out] = list((tmp_path / "eval" / "out").iterdir())  # the default: eval/out/<timestamp>/
    s = summary_of(out)
    assert s["cases"] == 39 and s["overall"]["ours"] == 1.0 and s["overall"]["baseline"] is None
    assert s["citation_recall"] == 1.0 and s["refusal"]["accuracy"] == 1.0
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    followup = next(r for r in rows if r["id"] == "dev-38")
    assert followup["turns"] and followup["answer"]["value"] == 4 and followup["baseline"] is None


def test_a_crash_on_one_case_is_recorded_and_the_run_goes_on(eval_gold_db, monkeypatch):
    import qa.api

    real = qa.api.answer

    def flaky(question, *args, **kwargs):
        if "二七区" in question:
            raise RuntimeError("boom")
        return real(question, *args, **kwargs)

    monkeypatch.setattr(qa.api, "answer", flaky)
    cases = load_cases(DEV)[:5]
    done = runner.run(cases, Settings(db=eval_gold_db), baseline=False)
    assert [r.correct for r in done.results] == [True, True, True, True, False]
    assert done.results[4].why == "crashed: RuntimeError: boom" and "Traceback" in done.results[4].error


def test_a_database_error_stops_the_run(eval_gold_db, monkeypatch):
    import qa.api

    def broken(*args, **kwargs):
        raise UserError("no database")

    monkeypatch.setattr(qa.api, "answer", broken)
    with pytest.raises(UserError, match="no database"):
        runner.run(load_cases(DEV)[:2], Settings(db=eval_gold_db), baseline=False)


@pytest.mark.slow
def test_smoke_dev_set_is_all_right_with_the_baseline_beside_it(tmp_path, eval_ingested_db):
    result = invoke(DEV, "--db", eval_ingested_db, "--out", tmp_path / "dev")
    assert result.exit_code == 0, result.output
    overall = next(line for line in result.output.splitlines() if line.startswith("overall"))
    assert overall.split()[:4] == ["overall", "39", "100.0", "%"] and len(overall.split()) == 6
    s = summary_of(tmp_path / "dev")
    assert s["overall"]["ours"] == 1.0 and s["citation_recall"] == 1.0
    assert s["overall"]["baseline"] is not None and 0.0 <= s["overall"]["baseline"] <= 1.0
    assert all(k["baseline"] is not None for k in s["by_kind"].values())
    assert s["by_kind"]["unanswerable"]["baseline"] == 1.0  # optimistic by definition
    md = (tmp_path / "dev" / "summary.md").read_text(encoding="utf-8")
    assert "| kind | n | ours | baseline |" in md and "| overall | 39 | 100.0 % |" in md


@pytest.mark.slow
def test_smoke_a_strangers_dataset_runs_unchanged(tmp_path, eval_ingested_db):
    result = invoke(STRANGER, "--db", eval_ingested_db, "--out", tmp_path / "stranger")
    assert result.exit_code == 0, result.output
    s = summary_of(tmp_path / "stranger")
    assert s["cases"] == 19 and s["crashed"] == [] and s["overall"]["baseline"] is not None
    rows = (tmp_path / "stranger" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 19 and all(json.loads(r)["answer"]["status"] for r in rows)
