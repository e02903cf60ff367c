"""Summary numbers, summary.md/json and results.jsonl from a hand-made run."""
from __future__ import annotations

import json

import pytest

from eval.baseline import BaselineResult
from eval.report import markdown, percentile, summarize, table, write
from eval.runner import CaseResult, EvalRun


def result(id, kind, correct, tags=(), status="answered", recall=None, latency=0.1, reachable=None, error=None):
    return CaseResult(id=id, question=f"q {id}", kind=kind, tags=list(tags), expect={"kind": kind},
                      answer=None if error else {"status": status, "value": None}, correct=correct,
                      why="" if correct else "value 3 count", citation_recall=recall, latency_s=latency, error=error,
                      baseline=None if reachable is None else
                      BaselineResult(reachable=reachable, why="" if reachable else "not in the chunks"))


def run(results, baseline=True):
    return EvalRun(dataset="cases.jsonl", db="/db", started="2025-01-01T00:00:00+00:00", reports=5,
                   baseline=baseline, results=results)


RESULTS = [
    result("n1", "number", True, ["lookup", "zh"], recall=1.0, latency=0.1, reachable=True),
    result("n2", "number", False, ["lookup", "en"], recall=0.5, latency=0.2, reachable=False),
    result("a1", "agency", True, ["rank", "zh"], recall=1.0, latency=0.3, reachable=False),
    result("u1", "unanswerable", True, ["refuse"], status="no_data", latency=0.4, reachable=True),
    result("u2", "unanswerable", False, ["refuse"], status="answered", latency=1.0, reachable=True),
    result("p1", "passages", False, ["narrative"], status="no_data", recall=0.0, latency=2.0, reachable=True),
]


def test_percentile_interpolates_like_numpy():
    assert percentile([], 50) == 0.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_summary_numbers():
    s = summarize(run(RESULTS))
    assert s.cases == 6 and s.overall.ours == pytest.approx(3 / 6) and s.overall.baseline == pytest.approx(4 / 6)
    assert list(s.by_kind) == ["number", "agency", "passages", "unanswerable"]  # QA.md order, only kinds present
    assert (s.by_kind["number"].n, s.by_kind["number"].ours, s.by_kind["number"].baseline) == (2, 0.5, 0.5)
    assert s.by_tag["zh"].ours == 1.0 and s.by_tag["refuse"].n == 2
    assert s.citation_recall == pytest.approx((1 + 0.5 + 1 + 0) / 4) and s.citation_cases == 4
    assert s.refusal.refused_correctly == 0.5 and s.refusal.unanswerable == 2
    assert s.refusal.not_refused == pytest.approx(3 / 4) and s.refusal.answerable == 4  # p1 was refused
    assert s.refusal.accuracy == pytest.approx(4 / 6)
    assert s.latency_p50_s == pytest.approx(0.35) and s.latency_p95_s == pytest.approx(1.75)
    assert s.failed == ["n2", "u2", "p1"] and s.crashed == []


def test_without_baseline_the_column_is_empty():
    s = summarize(run([result("n1", "number", True)], baseline=False))
    assert s.overall.baseline is None and s.by_kind["number"].baseline is None
    assert "n/a" in table(s)


def test_crashes_are_counted_wrong_and_listed():
    s = summarize(run([result("n1", "number", False, error="Traceback …"), result("n2", "number", True)]))
    assert s.crashed == ["n1"] and s.overall.ours == 0.5
    assert "crashed (bugs, counted wrong): n1" in table(s)
    assert s.refusal.not_refused == 0.5  # a crash gave no answer


def test_printed_table_has_both_columns_per_kind():
    text = table(summarize(run(RESULTS)))
    lines = text.splitlines()
    assert lines[1].split() == ["kind", "n", "ours", "baseline"]
    assert "number" in lines[2] and "50.0 %" in lines[2]
    assert lines[6].split() == ["overall", "6", "50.0", "%", "66.7", "%"]
    assert "failed: n2, u2, p1" in text


def test_markdown_lists_failures_and_baseline_misses():
    md = markdown(summarize(run(RESULTS)), RESULTS)
    assert "| overall | 6 | 50.0 % | 66.7 % |" in md
    assert "| n2 | number | q n2 | value 3 count |" in md
    assert "## Baseline misses" in md and "| a1 | agency | not in the chunks |" in md


def test_write_creates_the_three_files(tmp_path):
    summary = write(run(RESULTS), tmp_path / "out")
    rows = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2", "a1", "u1", "u2", "p1"]
    assert set(rows[1]) >= {"id", "question", "expect", "answer", "correct", "why", "citation_recall", "latency_s",
                            "baseline"}
    assert json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["overall"]["ours"] == 0.5
    assert (tmp_path / "out" / "summary.md").read_text(encoding="utf-8") == markdown(summary, run(RESULTS).results)
