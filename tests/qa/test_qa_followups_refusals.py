"""Follow-ups, ambiguous names, refusals and hostile input."""
from __future__ import annotations

import pytest

from ingest.store import connect_readonly, counts
from nianbao.config import Settings
from qa.api import answer


def ask(db, question, turns=()):
    return answer(question, list(turns), Settings(db=db))


@pytest.mark.parametrize("turns,question,value", [
    (["鹿城区统计局2020年收到多少件政府信息公开申请？"], "那二七区统计局呢？", 0),
    (["鹿城区统计局2020年收到多少件政府信息公开申请？"], "行政处罚呢？", 23),
    (["How many procurement projects did 鹿城区统计局 report?"], "What about 鄞州区统计局?", 8),
    (["哪个单位的采购金额最高？"], "它有几个采购项目？", 8),
    (["Which agency spent most on procurement in 2020?", "How many projects was that?"], "And the 温泉街道?", 11),
])
def test_followups(gold_db, turns, question, value):
    got = ask(gold_db, question, turns)
    assert got.status == "answered" and got.value == value, got.text


def test_followup_swaps_the_year(mixed_db):
    got = ask(mixed_db, "2024年呢？", ["洪泽区人民政府2023年收到多少件申请？"])
    assert got.value == 95 and got.plan.years == [2024]


def test_standalone_question_ignores_history(gold_db):
    got = ask(gold_db, "温泉街道存在哪些主要问题？", ["鹿城区统计局2020年收到多少件政府信息公开申请？"])
    assert got.route == "passages"


@pytest.mark.parametrize("question", ["鼓楼区统计局收到多少件申请？", "How many requests did the Gulou District "
                                      "Statistics Bureau receive?", "鼓楼区各单位的采购金额合计是多少？"])
def test_ambiguous_names(two_gulou_db, question):
    got = ask(two_gulou_db, question)
    assert got.status == "ambiguous", got.text
    labels = {i.label for i in got.items}
    assert any("福州" in x for x in labels) and any("南京" in x for x in labels)
    assert got.value is None


def test_city_resolves_the_ambiguity(two_gulou_db):
    got = ask(two_gulou_db, "南京市鼓楼区统计局收到多少件申请？")
    assert got.status == "answered" and got.items[0].label == "南京市鼓楼区统计局"


@pytest.mark.parametrize("question,why", [
    ("北京市海淀区统计局收到多少件申请？", "北京市海淀区统计局"),
    ("南京市鼓楼区统计局收到多少件申请？", "南京市鼓楼区统计局"),
    ("How many requests did the Haidian District Statistics Bureau receive?", "haidian"),
    ("2021年鹿城区统计局的政府集中采购金额是多少？", "2021"),
    ("2023年各单位共收到多少件申请？", "2023"),
    ("What was the GDP of 鄞州区 in 2019?", "gdp"),
    ("福州市2020年的人口是多少？", "人口"),
    ("What's the weather in Fuzhou tomorrow?", "weather"),
    ("鹿城区统计局的财政预算是多少？", "预算"),
])
def test_refusals(gold_db, question, why):
    got = ask(gold_db, question)
    assert got.status == "no_data", got.text
    assert got.value is None and not got.items
    assert why.lower() in got.text.lower()


HOSTILE = [
    "'; DROP TABLE facts; --",
    "鹿城区统计局'; DELETE FROM reports; --收到多少件申请？",
    "Robert'); DROP TABLE reports;-- how many requests?",
    "哪些报告提到了%' OR 1=1 --？",
    "哪些报告提到了_？",
    "x" * 10_000,
    "申" * 1999,
    "",
    "   \n\t ",
    "\x00\x01\x02",
    "？？？",
]


@pytest.mark.parametrize("question", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_leaves_the_store_untouched(gold_db, question):
    conn = connect_readonly(gold_db)
    before = counts(conn)
    conn.close()
    got = ask(gold_db, question)
    assert got.status in ("no_data", "error", "answered", "ambiguous")  # ambiguous: words it could not read
    assert got.text
    if got.status != "answered":
        assert got.value is None
    conn = connect_readonly(gold_db)
    assert counts(conn) == before
    conn.close()


def test_empty_and_long_questions_are_errors(gold_db):
    assert ask(gold_db, "").status == "error"
    long = ask(gold_db, "x" * 10_000)
    assert long.status == "error" and "10000" in long.text


def test_like_wildcards_are_escaped(gold_db):
    got = ask(gold_db, "哪些报告提到了%？")
    assert got.items == []


def test_an_overlong_earlier_turn_is_dropped_from_the_history(mixed_db):
    """A pasted 150k-character turn (refused when asked) is not carried into later answers."""
    got = ask(mixed_db, "鹿城区统计局呢？", ["申" * 150_000, "鄞州区统计局2019年收到几件申请？"])
    assert got.status == "answered" and got.value == 1, got.text
