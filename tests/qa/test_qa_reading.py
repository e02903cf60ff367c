"""How a question was read: the restatement every answer begins with, operation slots, and the
arbiter that withholds a figure when part of the question was not understood."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.slots import ordinal, organ_group, threshold, top_n, versus_average
from qa.text import find_years, normalize


def ask(db, question, turns=()):
    return answer(question, list(turns), Settings(db=db))


@pytest.mark.parametrize("text, position, order", [
    ("采购金额排第二的是哪个单位", 2, None), ("第三多的是", 3, "desc"), ("倒数第二的是谁", 2, "asc"),
    ("第2少的单位", 2, "asc"), ("which agency had the second-highest amount", 2, "desc"),
    ("the third-lowest figure", 3, "asc"), ("who ranks fourth", 4, None), ("the runner-up", 2, None),
])
def test_ordinals(text, position, order):
    got = ordinal(normalize(text))
    assert got is not None and (got.position, got.order) == (position, order)


@pytest.mark.parametrize("text", ["第二十条第（九）项的采购金额", "第二部分写了什么", "第一名是谁", "2023年第二季度"])
def test_not_ordinals(text):
    assert ordinal(normalize(text)) is None


@pytest.mark.parametrize("text, kind, value, inclusive", [
    ("超过10万元的单位", "above", 100000, False), ("不到8万元的有几家", "below", 80000, False),
    ("至少3件", "above", 3, True), ("5件以上", "above", 5, True), ("10万以下", "below", 100000, True),
    ("more than 50 applications", "above", 50, False), ("fewer than 3 cases", "below", 3, False),
])
def test_thresholds_with_units(text, kind, value, inclusive):
    got = threshold(normalize(text))
    assert (got.kind, got.value, got.inclusive) == (kind, value, inclusive)


def test_top_n_median_average_and_groups():
    assert top_n("采购项目最多的三个单位")[0] == 3 and top_n("the top 2 agencies")[0] == 2
    assert top_n("最多的单位") is None
    assert versus_average("高于平均水平的单位") == "above" and versus_average("below the average") == "below"
    assert organ_group("统计局们一共收到") == ("统计局", False)
    assert organ_group("统计局以外的单位") == ("统计局", True)
    assert organ_group("all the statistics bureaus") == ("统计局", False)


@pytest.mark.parametrize("text, years", [
    ("洪泽区政府23年的行政许可", [2023]), ("fees in '24", [2024]), ("近10年", []), ("10年来", []),
])
def test_two_digit_years(text, years):
    assert find_years(normalize(text), [2019, 2020, 2023, 2024])[0] == years


def test_every_answer_begins_with_how_it_was_read(mixed_db):
    got = ask(mixed_db, "鹿城区统计局2020年收到多少件申请？")
    assert got.text.startswith("我理解为：温州市鹿城区统计局2020年的本年新收政府信息公开申请数量")
    got = ask(mixed_db, "Which agency had the second-highest procurement spending?")
    assert got.text.startswith("I read this as:") and "second-highest" in got.text.split("\n")[0]


@pytest.mark.parametrize("question, word", [
    ("各单位采购金额的方差是多少？", "方差"), ("采购金额的标准差是多少", "标准差"),
    ("What is the variance of procurement spending?", "variance"),
    ("采购金额是鹿城区统计局两倍以上的单位有哪些", "两倍"),
])
def test_a_question_with_words_no_reading_uses_gets_no_figure(mixed_db, question, word):
    got = ask(mixed_db, question)
    assert got.status == "ambiguous" and got.value is None and word in got.text, got.text


@pytest.mark.parametrize("question, value", [
    ("请问一下，鹿城区统计局2020年的行政处罚决定数是多少？", 23),
    ("帮我查查温泉街道2020年收到的信息公开申请", 4),
    ("Please tell me the number of new disclosure requests of the Lucheng statistics bureau in 2020.", 1),
])
def test_polite_and_filler_words_do_not_withhold(mixed_db, question, value):
    got = ask(mixed_db, question)
    assert got.status == "answered" and got.value == value, got.text


def test_operations_answer_the_question_asked(mixed_db):
    assert ask(mixed_db, "政府集中采购金额排第二的是哪个单位？").items[0].label == "福州市鼓楼区统计局"
    assert ask(mixed_db, "采购总金额倒数第二的是谁？").items[0].label == "温州市鹿城区统计局"
    assert ask(mixed_db, "采购金额超过10万元的单位有几个？").value == 3
    assert ask(mixed_db, "2020年的报告中，新收申请数的中位数是多少？").value == 1
    assert [i.label for i in ask(mixed_db, "采购金额高于平均水平的单位有哪些？").items] == \
        ["宁波市鄞州区统计局", "福州市鼓楼区统计局"]
    assert ask(mixed_db, "鹿城区统计局的采购金额有没有超过10万元？").value is False
    assert ask(mixed_db, "Did Hongze's licensing decisions go up from 2023 to 2024?").value is True
    assert ask(mixed_db, "那第二名呢？", ["哪个统计局的行政处罚上一年项目数最多？"]).items[0].label == "郑州市二七区统计局"
    # after a whole ranking, any way of naming a place is that place of the ranking (not a withheld lookup)
    ranking = ask(mixed_db, "各单位政府集中采购金额排名")
    for n, follow in ((1, "第二名呢？"), (1, "那第二个呢"), (1, "后者呢"), (2, "第三名是谁？"), (1, "And the second one?")):
        got = ask(mixed_db, follow, ["各单位政府集中采购金额排名"])
        assert got.status == "answered" and got.items[0].label == ranking.items[n].label, (follow, got.text)
        assert got.value == ranking.items[n].value
    assert ask(mixed_db, "两者加起来是多少？", ["洪泽区2023年行政处罚多少件？", "2024年呢？"]).value == 6895


def test_unknown_organs_and_towns_are_named_not_replaced(mixed_db):
    for q in ("鹿城区发改局2020年收到多少件申请？", "城关镇存在哪些主要问题？",
              "What improvements did the Lucheng District Development and Reform Bureau promise?"):
        got = ask(mixed_db, q)
        assert got.status == "no_data" and not got.citations, (q, got.text)


@pytest.fixture(scope="module")
def pdf_db(tmp_path_factory):
    """The real 2024 PDF read by the parser: its narrative finding (17 vs 95) is in the store."""
    from ingest.pipeline import ingest_paths
    from tests.support.gold import FIXTURES

    db = tmp_path_factory.mktemp("pdf")
    assert not ingest_paths([FIXTURES / "pdf" / "hongze-qu-gov-2024.pdf"], db, index_passages=False).failed
    return db


def test_a_conflicted_cell_shows_the_narrative(pdf_db):
    got = ask(pdf_db, "洪泽区2024年收到多少件申请？")
    assert got.value == 95 and "17" in got.text and "不一致" in got.text
