"""Phrasings found by the stranger eval set: explicit rank direction, a column named loosely,
and a topic the tables lack asked with a generic money word."""
import pytest

from qa import answer


@pytest.mark.parametrize("question,first", [
    ("Rank the agencies by number of procurement projects, from most to fewest.", "温州市鹿城区统计局"),
    ("按采购项目数量从多到少排列各单位", "温州市鹿城区统计局"),
    ("List agencies by procurement projects from fewest to most", "郑州市二七区统计局"),
])
def test_explicit_rank_direction(gold_settings, question, first):
    a = answer(question, settings=gold_settings)
    assert a.items[0].label == first


def test_previous_year_items_column(gold_settings):
    a = answer("郑州市二七区统计局的行政强制事项上一年有几项？", settings=gold_settings)
    assert a.value == 1
    assert a.citations[0].key == "active.coercion.prev_items"


@pytest.mark.parametrize("question", ["鹿城区统计局2020年的部门预算是多少钱？", "How much was the budget of 鄞州区统计局 in 2019?"])
def test_budget_is_refused_not_read_as_procurement(gold_settings, question):
    a = answer(question, settings=gold_settings)
    assert a.status == "no_data" and a.value is None


def test_procurement_budget_wording_still_reads_the_table(gold_settings):
    a = answer("鹿城区统计局2020年政府集中采购花了多少钱？", settings=gold_settings)
    assert a.value == 75338


@pytest.mark.parametrize("question", ["'; DROP TABLE facts; --", "hello world", "SELECT * FROM reports"])
def test_text_that_asks_nothing_about_the_reports_is_refused(gold_settings, question):
    a = answer(question, settings=gold_settings)
    assert a.status == "no_data" and a.value is None and not a.citations
    assert a.text.startswith("I cannot tell")
