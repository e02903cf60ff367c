"""One test per intent and language, with phrasings that are not in the dev set."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer


def ask(db, question, turns=()):
    return answer(question, list(turns), Settings(db=db))


@pytest.mark.parametrize("question,value,unit", [
    ("鹿城区统计局2020年新收到的信息公开申请有几件？", 1, "count"),
    ("How many applications did 鄞州区统计局 receive in 2019?", 2, "count"),
    ("温州市鹿城区统计局的采购项目有多少个？", 19, "count"),
    ("What was the procurement amount of 鄞州区统计局?", 475976.05, "yuan"),
    ("二七区统计局行政强制上一年项目数量", 1, "count"),
    ("温泉街道予以公开了几件？", 1, "count"),
    ("鄞州区统计局的行政复议有几件？", 0, "count"),
    ("How many requests did 温泉街道 carry over from the previous year?", 0, "count"),
])
def test_lookup(gold_db, question, value, unit):
    got = ask(gold_db, question)
    assert got.status == "answered", got.text
    assert got.value == pytest.approx(value) and got.unit == unit
    assert got.route == "table" and got.citations and ":key0" in got.query


def test_lookup_cites_the_cell(gold_db):
    got = ask(gold_db, "鹿城区统计局2020年政府集中采购总金额是多少？")
    [cite] = got.citations
    assert (cite.file, cite.key, cite.raw) == ("001_19df74b8cb7281a4.txt", "active.procurement.amount", "75338元")
    assert "75,338元" in got.text


@pytest.mark.parametrize("question,top,order", [
    ("采购金额排名前两位的单位是哪两个？", ["宁波市鄞州区统计局", "福州市鼓楼区统计局"], None),
    ("Which agency had the fewest procurement projects?", ["郑州市二七区统计局"], None),
    ("按采购金额从低到高排序", ["郑州市二七区统计局", "温州市鹿城区统计局"], "asc"),
])
def test_rank(gold_db, question, top, order):
    got = ask(gold_db, question)
    assert [i.label for i in got.items][:len(top)] == top, got.text
    if order:
        values = [i.value for i in got.items]
        assert values == sorted(values)


def test_compare_keeps_the_order_named(gold_db):
    got = ask(gold_db, "Compare the administrative penalty decisions of 二七区统计局 and 鹿城区统计局")
    assert [i.value for i in got.items] == [0, 23]


@pytest.mark.parametrize("question,expected", [
    ("温泉街道的采购金额是否高于鹿城区统计局？", True),
    ("Did 二七区统计局 receive more requests than 温泉街道?", False),
    ("Did 二七区统计局 spend less on procurement than 鄞州区统计局?", True),
])
def test_yes_no(gold_db, question, expected):
    got = ask(gold_db, question)
    assert got.value is expected, got.text


def test_who_is_higher_among_named_agencies(gold_db):
    got = ask(gold_db, "鹿城区统计局和鄞州区统计局谁的采购金额更高？")
    assert got.items[0].label == "宁波市鄞州区统计局"


@pytest.mark.parametrize("question,value", [
    ("浙江省各单位共收到多少件申请？", 3),
    ("How many disclosure requests did the agencies in Fujian receive in total?", 5),
    ("2020年各单位平均收到多少件申请？", 1.5),
])
def test_aggregate(gold_db, question, value):
    got = ask(gold_db, question)
    assert got.value == pytest.approx(value), got.text
    assert "SUM(" in got.query or "AVG(" in got.query


def test_share_is_percent_with_two_decimals(gold_db):
    got = ask(gold_db, "What share of requests did 温泉街道 refuse?")
    assert (got.value, got.unit) == (25.0, "percent")
    assert "25.00%" in got.text


def test_average_per_project(gold_db):
    got = ask(gold_db, "Average procurement per project for 二七区统计局?")
    assert got.value == pytest.approx(60248.0) and got.unit == "yuan"


def test_difference(gold_db):
    got = ask(gold_db, "鄞州区统计局的采购金额比鹿城区统计局多多少？")
    assert got.value == pytest.approx(475976.05 - 75338)
    assert "宁波市鄞州区统计局" in got.text


def test_trend_and_year_over_year(mixed_db):
    got = ask(mixed_db, "洪泽区人民政府历年收到的申请数量")
    assert [(i.year, i.value) for i in got.items] == [(2023, 21), (2024, 95)]
    got = ask(mixed_db, "洪泽区人民政府2024年比2023年多收了多少件申请？")
    assert got.value == 74
    got = ask(mixed_db, "Which agencies received more applications than the year before?")
    assert [i.label for i in got.items] == ["淮安市洪泽区人民政府"]


def test_last_year_means_latest_year_in_store(mixed_db):
    got = ask(mixed_db, "去年所有单位的行政处罚共多少件？")
    assert got.plan.years == [2024] and got.value == 2776


@pytest.mark.parametrize("question,labels", [
    ("福建省有哪些单位？", {"福州市鼓楼区统计局", "福州市鼓楼区温泉街道办事处"}),
    ("Which agencies are in Zhejiang?", {"温州市鹿城区统计局", "宁波市鄞州区统计局"}),
    ("Which reports are from 2020?", {"福州市鼓楼区统计局", "温州市鹿城区统计局", "福州市鼓楼区温泉街道办事处",
                                      "郑州市二七区统计局"}),
])
def test_meta_lists(gold_db, question, labels):
    got = ask(gold_db, question)
    assert got.route == "meta" and {i.label for i in got.items} == labels, got.text


def test_meta_years_and_templates(mixed_db):
    assert [i.label for i in ask(mixed_db, "哪些年份的年报在数据库里？").items] == ["2019", "2020", "2023", "2024"]
    got = ask(mixed_db, "Which reports lack a procurement table?")
    # listed as their agency, once; the text names both reports (2 reports, 2023 and 2024)
    assert [i.label for i in got.items] == ["淮安市洪泽区人民政府"] and got.value == 2
    assert "2021 template" in got.items[0].value and "2023, 2024" in got.text
    got = ask(mixed_db, "How many reports lack a procurement table?")
    assert got.value == 2 and got.unit == "count", got.text


def test_quality_questions(gold_db):
    got = ask(gold_db, "Which reports fail a balance check?")
    assert got.status == "answered" and got.items == []
    got = ask(gold_db, "哪些报告的采购金额单位是推测的？")
    assert {i.file for i in got.items} == {"000_2133ae744f48d674.txt", "003_acfa5b9243423631.txt",
                                           "004_5206fb2196a31c52.txt"}


def test_quality_lists_a_failed_rule(tmp_path):
    from nianbao.models import Finding
    from tests.support.gold import gold_report
    from tests.support.qa_store import build_store

    def broken(report):
        if report.file.startswith("001"):
            report.findings = [Finding(rule="R1", message="R1[total]: 1 + 0 != 2 + 0", cells=["requests.new.total"],
                                       expected=2, printed=1, line=60)]
        return report

    db = build_store(tmp_path, edit=broken)
    got = ask(db, "哪些报告没有通过勾稽关系校验？")
    assert [i.label for i in got.items] == ["温州市鹿城区统计局"]
    assert got.citations[0].key == "requests.new.total"
    _ = gold_report


def test_passages_in_english_and_chinese(gold_db):
    got = ask(gold_db, "What problems did the Wenquan Street office report?")
    assert got.route == "passages" and got.citations[0].section == "五"
    assert got.citations[0].file == "003_acfa5b9243423631.txt"
    got = ask(gold_db, "鹿城区统计局下一步有什么改进计划？")
    assert {(c.file, c.section) for c in got.citations} == {("001_19df74b8cb7281a4.txt", "五")}
    assert "“" in got.text


@pytest.mark.parametrize("question,files", [
    ("哪些报告提到了微博？", {"002_c42cd15df52a6935.txt"}),
    ("Which reports mention the epidemic?", {"000_2133ae744f48d674.txt", "003_acfa5b9243423631.txt"}),
    ("哪些单位的年报提到了火星探测？", set()),
])
def test_mentions(gold_db, question, files):
    got = ask(gold_db, question)
    assert {i.file for i in got.items} == files, got.text
    assert all(c.quote and c.section for c in got.citations)
    for item, cite in zip(got.items, got.citations, strict=True):
        assert cite.file == item.file


def test_two_regions_are_or_ed(gold_db):
    got = ask(gold_db, "2020年浙江省和福建省的单位中，谁的采购金额最高？")
    assert got.items[0].label == "福州市鼓楼区统计局"
    assert " OR " in got.query


def test_highest_share_ranks_reports_by_their_ratio(gold_db):
    got = ask(gold_db, "Which agency had the highest share of requests granted?")
    assert (got.items[0].label, got.value, got.unit) == ("宁波市鄞州区统计局", 100.0, "percent")


def test_plural_which_lists_every_nonzero_report(mixed_db):
    got = ask(mixed_db, "Which agencies in Jiangsu received requests?")
    # agencies asked: each once (its best-placed report stands for it); the text still has both reports
    assert [(i.label, i.year) for i in got.items] == [("淮安市洪泽区人民政府", 2024)]
    assert "2023" in got.text, got.text
    reports = ask(mixed_db, "Which reports from Jiangsu received requests?")
    assert [(i.label, i.year) for i in reports.items] == [("淮安市洪泽区人民政府", 2024), ("淮安市洪泽区人民政府", 2023)]


@pytest.mark.parametrize("question,value", [
    ("How many requests did Huai'an Hongze District government receive in 2024?", 95),
    ("How many penalty decisions did the Hongze District People's Government report in 2023?", 4119),
    ("How many requests did Lucheng District Statistics Bureau receive in 2020?", 1),
])
def test_english_names_by_pinyin(mixed_db, question, value):
    assert ask(mixed_db, question).value == value
