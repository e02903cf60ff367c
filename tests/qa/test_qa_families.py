"""Question families met on new phrasings (2026-12-05 probe of 25 questions written before these
changes): each family is tested over several phrasings, with answers computed from the store, not
typed in."""
from __future__ import annotations


import pytest

from ingest import store
from nianbao.config import Settings
from qa.api import answer


def ask(db, question, turns=()):
    return answer(question, list(turns), Settings(db=db))


def _printed(db, key: str, year=None) -> dict[str, float]:
    conn = store.connect_readonly(db)
    try:
        sql = ("SELECT r.id, f.value FROM facts f JOIN reports r ON r.id = f.report_id WHERE f.key = ? "
               "AND f.state = 'number'" + (" AND r.year = ?" if year else ""))
        return dict(conn.execute(sql, (key, year) if year else (key,)).fetchall())
    finally:
        conn.close()


@pytest.mark.parametrize("question,year", [
    ("平均每个单位收到多少件申请？", None), ("平均每家单位2020年收到几件申请", 2020),
    ("What is the average number of requests per agency?", None),
    ("How many requests did each agency receive on average in 2020?", 2020),
])
def test_an_average_per_agency_is_the_mean_over_the_reports(mixed_db, question, year):
    values = _printed(mixed_db, "requests.new.total", year)
    got = ask(mixed_db, question)
    assert got.status == "answered" and got.plan.aggregate == "avg", got.text
    assert got.value == pytest.approx(round(sum(values.values()) / len(values), 2))


def test_per_item_averages_stay_ratios(mixed_db):
    got = ask(mixed_db, "采购项目平均每个多少钱？")
    assert got.status == "answered" and got.plan.ratio == "per_unit"


@pytest.mark.parametrize("question", ["哪个单位没有收到任何申请？", "哪些单位一份申请都没有收到", "哪些单位一件申请也没有"])
def test_none_at_all_is_the_zero_list(mixed_db, question):
    zeros = {rid for rid, v in _printed(mixed_db, "requests.new.total").items() if v == 0}
    got = ask(mixed_db, question)
    assert got.status == "answered" and got.plan.zero, got.text
    assert {i.report for i in got.items} == zeros and zeros
    assert "注意" not in got.text  # a note about a report the answer does not show is noise


@pytest.mark.parametrize("question,passed", [
    ("有哪些单位的年报通过了勾稽关系检查？", True), ("哪些报告的勾稽关系没有问题", True),
    ("Which reports passed the balance checks?", True), ("哪些报告没有通过勾稽关系校验？", False),
    ("Which reports failed the balance checks?", False), ("勾稽关系不合格的年报有哪些", False),
])
def test_passing_is_the_complement_of_failing(mixed_db, question, passed):
    failing = {i.report for i in ask(mixed_db, "哪些报告没有通过勾稽关系校验？").items}
    got = ask(mixed_db, question)
    assert got.status == "answered" and got.plan.passed is passed, got.text
    ids = {i.report for i in got.items}
    if passed:
        assert ids and not ids & failing and len(ids) + len(failing) == 7
    else:
        assert ids == failing


@pytest.mark.parametrize("question,n", [("福建的单位一共有几家？", 2), ("浙江省有多少个单位", 2), ("数据库里一共有几家单位", 6),
                                        ("How many agencies are in Fujian?", 2)])
def test_counting_agencies_in_a_region(mixed_db, question, n):
    got = ask(mixed_db, question)
    assert got.status == "answered" and len(got.items) == n, got.text


@pytest.mark.parametrize("question,zh,phrase", [
    ("各单位收到的申请排名", True, "从高到低排序"), ("按行政处罚数量从低到高给各单位排序", True, "从低到高排序"),
    ("Rank the agencies by penalty decisions", False, "ranked, highest first"),
    ("哪个单位收到的申请最多", True, "取最高"), ("采购金额高于平均水平的单位有哪些？", True, "高于平均值的单位"),
])
def test_the_restatement_says_which_ranking(mixed_db, question, zh, phrase):
    got = ask(mixed_db, question)
    assert got.status == "answered" and phrase in got.text.split("\n")[0], got.text


@pytest.mark.parametrize("question,place", [
    ("Which district spent most on procurement?", True), ("哪个区的政府集中采购金额最高？", True),
    ("哪个县区收到的申请最多", True), ("哪个单位的采购金额最高", False), ("哪个区统计局的采购金额最高", False),
])
def test_which_district_names_the_district(mixed_db, question, place):
    got = ask(mixed_db, question)
    assert got.status == "answered" and got.plan.answer_place is place, got.text
    top = got.items[0]
    answer_line = got.text.split("\n")[1]
    from ingest.store import connect_readonly
    conn = connect_readonly(mixed_db)
    try:
        city, county = conn.execute("SELECT city, county FROM reports WHERE id = ?", (top.report,)).fetchone()
    finally:
        conn.close()
    assert (f"{city}{county}（" in answer_line or f"{city}{county} (" in answer_line) is place, answer_line
    assert top.label in answer_line
