"""The generated question suite (`eval/generate.py`): questions from the query space (lookups, places in
a ranking, counts under thresholds, comparisons, differences, yes/no, sums, averages, medians; zh and
en; full, short and English names; two-digit years), answers from a reference implementation over
the gold facts. Run over the store of the seven gold reports, scored as `nianbao eval` scores."""
from __future__ import annotations

from collections import Counter

import pytest

from eval.generate import cases
from nianbao.config import Settings
from qa.api import answer
from qa.scoring import score_case, store_resolver

CASES = list(cases())


def test_the_suite_is_large_and_covers_every_operation_in_both_languages():
    assert len(CASES) >= 2000
    kinds = Counter((c["tags"][0], c["tags"][1]) for c in CASES)
    for op in ("lookup", "rank", "ordinal", "count", "compare", "difference", "yes_no", "aggregate"):
        assert kinds[(op, "zh")] and kinds[(op, "en")], op


@pytest.fixture(scope="module")
def results(mixed_db):
    settings, resolve = Settings(db=mixed_db), store_resolver(mixed_db)
    out = []
    for case in CASES:
        got = answer(case["question"], case.get("turns", []), settings)
        out.append((case, got, score_case(case, got, resolve)))
    return out


def test_generated_questions_are_answered_right(results):
    wrong = [(c, g, s) for c, g, s in results if not s.correct]
    right = len(results) - len(wrong)
    by_op = Counter(c["tags"][0] for c, _, _ in wrong)
    print(f"\ngenerated suite: {right}/{len(results)} right ({right / len(results):.1%}); wrong by operation {dict(by_op)}")
    assert right >= 0.98 * len(results), "\n".join(f"{c['id']} {c['question']}: {s.reason} | {g.text[:160]}"
                                                    for c, g, s in wrong[:25])


def test_a_generated_question_is_never_answered_with_another_figure(results):
    """Refusals and clarifications may happen; a confident different answer may not (≤ 0.5 %)."""
    confident = [(c, g) for c, g, s in results if not s.correct and g.status == "answered"]
    assert len(confident) <= 0.005 * len(results), "\n".join(f"{c['id']} {c['question']}: {g.text[:160]}"
                                                             for c, g in confident[:25])


def test_every_answer_says_how_it_read_the_question(results):
    for case, got, _ in results[::50]:
        first = got.text.split("\n", 1)[0]
        assert first.startswith("我理解为：") or first.startswith("I read this as:"), (case["question"], got.text)
