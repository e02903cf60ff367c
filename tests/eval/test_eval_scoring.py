"""The scoring cases tests/qa/test_qa_scoring_cli.py does not already cover, through the eval's `Case`
(hand-made answers; qa/scoring.py is the one scorer)."""
from __future__ import annotations

import pytest

from eval.dataset import Case
from qa.scoring import score_case, store_resolver

LUCHENG = "001_19df74b8cb7281a4.txt"
ERQI = "004_5206fb2196a31c52.txt"


def case(expect, cite=()):
    return Case.model_validate({"id": "t", "question": "q", "expect": expect, "cite": list(cite)}).as_dict()


def ans(**kw):
    base = {"status": "answered", "value": None, "unit": None, "items": [], "citations": []}
    return {**base, **kw}


def cell(file, key):
    return {"file": file, "report": "r", "key": key, "raw": "1", "line": 1}


@pytest.mark.parametrize("answer,right", [
    (ans(value=60248, unit="yuan"), True),
    (ans(value=6.0248, unit="yuan"), False),       # the printed 万元 number passed off as yuan
    (ans(value=602480000, unit="yuan"), False),    # converted twice
    (ans(value=60248, unit="count"), False),
    (ans(status="no_data", text="没有数据"), False),  # refusing an answerable question
    (ans(status="ambiguous", value=60248, unit="yuan"), False),
], ids=["right", "wan-yuan-as-yuan", "double-converted", "wrong-unit", "refused", "ambiguous"])
def test_money_is_compared_in_yuan(answer, right):
    assert score_case(case({"kind": "number", "value": 60248, "unit": "yuan"}), answer).correct is right


def test_percent_is_percent_points_not_a_fraction():
    expect = {"kind": "number", "value": 25, "unit": "percent"}
    assert score_case(case(expect), ans(value=25.0, unit="percent")).correct
    assert not score_case(case(expect), ans(value=0.25, unit="percent")).correct


def test_a_wrong_answer_says_what_it_gave():
    got = score_case(case({"kind": "number", "value": 9, "unit": "count"}), ans(value=19, unit="count"))
    assert not got.correct and got.reason == "value 19 count"


def test_partial_citations_give_partial_recall():
    c = case({"kind": "number", "value": 3965.16, "unit": "yuan"},
             [f"{LUCHENG}#active.procurement.amount", f"{LUCHENG}#active.procurement.projects"])
    got = score_case(c, ans(value=3965.16, unit="yuan", citations=[cell(LUCHENG, "active.procurement.amount")]))
    assert got.correct and got.citation_recall == 0.5
    wrong_file = ans(value=3965.16, unit="yuan", citations=[cell(ERQI, "active.procurement.amount")])
    assert score_case(c, wrong_file).citation_recall == 0.0


def test_a_refusal_with_a_number_is_wrong():
    c = case({"kind": "unanswerable", "note": "no 2021 report"})
    assert score_case(c, ans(status="no_data", value=None)).correct
    assert not score_case(c, ans(status="no_data", value=75338.0)).correct
    assert not score_case(c, ans(status="answered", value=75338.0, unit="yuan")).correct


def test_agencies_by_short_name(eval_gold_db):
    resolve = store_resolver(eval_gold_db)
    c = case({"kind": "agency", "value": "鹿城区统计局"})
    assert score_case(c, ans(items=[{"label": "温州市鹿城区统计局"}]), resolve).correct
    assert score_case(c, ans(items=[{"label": "鹿城区统计局"}]), resolve).correct
    assert not score_case(c, ans(items=[{"label": "鄞州区统计局"}]), resolve).correct
    # only the top item counts
    assert not score_case(c, ans(items=[{"label": "鄞州区统计局"}, {"label": "鹿城区统计局"}]), resolve).correct


def test_lists_of_short_names_ordered_and_not(eval_gold_db):
    resolve = store_resolver(eval_gold_db)
    items = [{"label": "宁波市鄞州区统计局"}, {"label": "温州市鹿城区统计局"}]
    ordered = case({"kind": "list", "values": ["鹿城区统计局", "鄞州区统计局"], "ordered": True})
    unordered = case({"kind": "list", "values": ["鹿城区统计局", "鄞州区统计局"], "ordered": False})
    assert not score_case(ordered, ans(items=items), resolve).correct
    assert score_case(unordered, ans(items=items), resolve).correct
    assert not score_case(unordered, ans(items=items[:1]), resolve).correct
