"""Behaviour found missing by a held-out question set (seven reports, two template versions): change between
years, growth, follow-ups that only name an operation, counting reports, figures stated only in the prose,
short agency names, filters (template, threshold, open year ranges, agency kind), quality by table.

The wording here differs on purpose from eval/qa_heldout.jsonl."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer

HZ = "淮安市洪泽区人民政府"


def ask(db, question, turns=()):
    return answer(question, list(turns), Settings(db=db))


# -- change between report years ------------------------------------------------------------------------

@pytest.mark.parametrize("question,value", [
    ("和去年比，洪泽区政府的行政强制决定少了多少？", 111),            # 195 -> 84, asked as a fall
    ("洪泽区人民政府的行政许可决定增长了多少？", 8937),                # 550 -> 9487, no year named
    ("By how much did the Hongze government's coercion decisions drop?", 111),
    ("Hongze district government: change in penalty decisions between 2023 and 2024?", 1343),
])
def test_change_between_years_of_one_agency(mixed_db, question, value):
    got = ask(mixed_db, question)
    assert got.status == "answered", got.text
    assert got.value == pytest.approx(value) and got.unit == "count"
    assert {c.file for c in got.citations} == {"hongze-qu-gov-2023.pdf", "hongze-qu-gov-2024.pdf"}


def test_year_on_year_listing_with_a_yi_nian_du_wording(mixed_db):
    got = ask(mixed_db, "与上一年度相比，哪些单位收到的申请增加了？")
    assert [i.label for i in got.items] == [HZ]


@pytest.mark.parametrize("question,value", [
    ("洪泽区政府行政许可决定的增长率是多少？", 1624.91),
    ("By what percentage did Hongze's penalty decisions fall?", 32.61),
])
def test_growth_rate(mixed_db, question, value):
    got = ask(mixed_db, question)
    assert got.unit == "percent" and got.value == pytest.approx(value, abs=0.01), got.text


@pytest.mark.parametrize("question,value", [
    ("Were Hongze district government's coercion decisions higher in 2023 than in 2024?", True),
    ("洪泽区政府2024年的行政许可比2023年少吗？", False),
    ("洪泽区政府的行政强制决定比上一年少吗？", True),
])
def test_yes_no_between_years(mixed_db, question, value):
    got = ask(mixed_db, question)
    assert got.value is value, got.text


def test_trend_over_many_agencies_adds_up_per_year(mixed_db):
    got = ask(mixed_db, "历年各单位收到的申请总数")
    assert [(i.label, i.value) for i in got.items] == [("2019", 2), ("2020", 6), ("2023", 21), ("2024", 95)]


# -- follow-ups that only name an operation ---------------------------------------------------------------

def test_followup_names_only_the_change(mixed_db):
    got = ask(mixed_db, "比前一年少了多少？", ["洪泽区政府2024年行政处罚决定有多少？"])
    assert got.value == 1343 and got.unit == "count", got.text


def test_followup_names_only_the_growth(mixed_db):
    got = ask(mixed_db, "What was the growth rate?",
              ["How many licensing decisions did the Hongze district government make in 2024?"])
    assert got.unit == "percent" and got.value == pytest.approx(1624.91, abs=0.01), got.text


# -- counting reports, not agencies -------------------------------------------------------------------------

@pytest.mark.parametrize("question,value", [
    ("库里有几份年报？", 7),
    ("How many reports does the database contain?", 7),
    ("一共有几个单位？", 6),
])
def test_counting_reports_and_agencies(mixed_db, question, value):
    got = ask(mixed_db, question)
    assert got.value == value and got.route == "meta", got.text


# -- a figure stated only in the prose ------------------------------------------------------------------------

def test_figure_stated_in_the_prose_is_quoted(gold_db):
    got = ask(gold_db, "温泉街道2020年全年主动公开了几条政府信息？")
    assert got.status == "answered" and got.route == "passages" and (got.value, got.unit) == (7, "count")
    assert "年报正文（非统计表）" in got.text  # labelled as coming from the text, not a table
    assert got.citations[0].file == "003_acfa5b9243423631.txt" and "7条" in got.citations[0].quote


@pytest.mark.parametrize("sentence, question, want", [
    ("全年主动公开政府信息7条，其中业务公文6条，其他类信息1条。", "全年主动公开了几条政府信息", 7),
    ("全年主动公开政府信息7条，其中业务公文6条，其他类信息1条。", "业务公文有多少条", 6),
    ("本级平台主动公开377条，“鄞州统计”微信公众号主动公开170条，“鄞州统计”官方微博主动公开912条。",
     "官方微博主动公开了多少条信息", 912),
    ("本级平台主动公开377条，“鄞州统计”微信公众号主动公开170条。", "微信公众号发布多少条", 170),
    ("2024年，我区在政府网站平台主动发布各类政府信息2428条，公开政府常务会议7期，解读信息发布7条。",
     "公开了几期常务会议", 7),
    ("共办理申请12件，答复率100%。", "召开了多少场新闻发布会", None),  # nothing leads there: no number
    ("公开信息10条，发布信息10条。", "多少条信息", None),  # two numbers fit alike: the quote answers
])
def test_the_number_a_sentence_states_for_the_question(sentence, question, want):
    from qa.passages import stated_number

    got = stated_number(sentence, question)
    assert (got[0] if got else None) == want


def test_figure_nowhere_in_the_reports_is_still_refused(gold_db):
    got = ask(gold_db, "鹿城区统计局有多少名员工？")
    assert got.status == "no_data" and not got.citations


# -- names -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question,value", [
    ("洪泽政府2023年的行政处罚决定有多少？", 4119),   # county short name + 政府
    ("鄞州2019年收到多少申请？", 2),                    # county short name as a region
])
def test_short_county_names(mixed_db, question, value):
    assert ask(mixed_db, question).value == value


def test_unknown_agency_behind_a_short_county_name_is_refused(mixed_db):
    got = ask(mixed_db, "洪泽县政府2023年收到多少申请？")
    assert got.status == "no_data" and "洪泽县政府" in got.text


# -- reading the right cells ---------------------------------------------------------------------------------------

def test_single_other_row_of_a_2021_report_is_read(mixed_db):
    got = ask(mixed_db, "洪泽区人民政府2023年“其他处理”的申请有几件？")
    assert got.value == 0 and got.citations[0].key == "requests.other.total", got.text


def test_two_figures_added_up(mixed_db):
    got = ask(mixed_db, "洪泽区政府2023年行政许可和行政强制决定加起来有多少？")
    assert got.value == 745 and len(got.citations) == 2


@pytest.mark.parametrize("question,key,value", [
    ("What fee revenue did 淮安市洪泽区人民政府 report for 2024?", "active.fees.amount", 75450000),
    ("How many normative documents did Hongze repeal in 2024?", "active.normative.repealed", 0),
    ("How many requests did Hongze district government decline to process in 2023?", "requests.declined_complaint.total", 1),
    ("洪泽区政府2024年当了几次行政诉讼被告？", "review.lawsuit_direct.total", 4),
])
def test_words_for_table_figures(mixed_db, question, key, value):
    got = ask(mixed_db, question)
    assert got.value == value and key in {c.key for c in got.citations}, got.text


# -- filters --------------------------------------------------------------------------------------------------------

def test_zero_figures_are_listed(gold_db):
    got = ask(gold_db, "Which agencies made no penalty decisions?")
    assert {i.label for i in got.items} == {"福州市鼓楼区温泉街道办事处", "郑州市二七区统计局"}


def test_threshold_lists_and_counts(mixed_db):
    got = ask(mixed_db, "行政处罚决定在20件以上的单位有哪些？")
    assert sorted(i.value for i in got.items) == [23, 2776, 4119]
    got = ask(mixed_db, "How many reports show more than 100 licensing decisions?")
    assert got.value == 2


def test_template_and_open_year_range_filters(mixed_db):
    assert ask(mixed_db, "2021版模板的报告共收到多少申请？").value == 116
    assert ask(mixed_db, "2023年以来各单位共收到多少件申请？").value == 116


def test_department_kind_leaves_governments_out(mixed_db):
    got = ask(mixed_db, "哪个部门的行政处罚决定最多？")
    assert got.items[0].label == "温州市鹿城区统计局"


def test_skipped_reports_are_named_with_their_year(mixed_db):
    got = ask(mixed_db, "Who spent the most on centralised procurement?")
    assert f"{HZ}（2023）" in got.text and f"{HZ}（2024）" in got.text


# -- quality by table, mentions yes/no, how-questions -----------------------------------------------------------------

def test_balance_question_about_one_table(tmp_path):
    from nianbao.models import Finding
    from tests.support.gold import gold_report
    from tests.support.qa_store import PDF_GOLD, build_store

    reports = [gold_report(n) for n in PDF_GOLD]
    reports[1].findings = [Finding(rule="R4", message="R4 [reconsideration]: 1 + 1 != 3",
                                   cells=["review.reconsideration.total"], expected=2, printed=3)]
    db = build_store(tmp_path, extra=reports)
    assert ask(db, "申请情况表的勾稽关系有错误的报告有哪些？").items == []
    assert [i.year for i in ask(db, "行政复议表勾稽关系有问题的报告有哪些？").items] == [2024]


@pytest.mark.parametrize("question,value", [
    ("鄞州区统计局的年报提到微博了吗？", True),
    ("Does 温州市鹿城区统计局's report mention Weibo?", False),
])
def test_does_one_report_mention(gold_db, question, value):
    got = ask(gold_db, question)
    assert got.value is value, got.text


def test_what_one_report_mentions_is_a_passage_question(gold_db):
    got = ask(gold_db, "鄞州区统计局的年报里提到了哪些不足？")
    assert got.route == "passages" and got.citations[0].section == "五"


def test_how_a_table_topic_is_handled_is_a_passage_question(gold_db):
    got = ask(gold_db, "How does the 温泉街道 office handle disclosure requests?")
    assert got.route == "passages" and got.value is None
    assert got.citations[0].file == "003_acfa5b9243423631.txt"


@pytest.mark.parametrize("question,key,value", [
    ("鹿城区统计局的行政处罚事项同比增加了多少项？", "active.penalty.change", 15),
    ("郑州市二七区统计局其他对外管理服务事项本年增加了几项？", "active.other_services.change", 0),
])
def test_change_in_items_reads_the_printed_change_column(gold_db, question, key, value):
    got = ask(gold_db, question)
    assert got.value == value and got.citations[0].key == key, got.text


@pytest.mark.parametrize("question,turns", [
    ("GDP增长了多少？", ["洪泽区政府2024年收到多少申请？"]),   # not an operation on the previous figure
    ("淮安市2023年GDP是多少？", []),                            # GDP written against Chinese characters
])
def test_out_of_scope_change_is_refused(mixed_db, question, turns):
    got = ask(mixed_db, question, turns)
    assert got.status == "no_data" and got.value is None and "gdp" in got.text.lower()


def test_unknown_english_place_is_not_dropped(gold_db):
    got = ask(gold_db, "How many requests did the Luchen district statistics bureau get?")  # Lucheng misspelt
    assert got.status == "no_data" and "luchen" in got.text.lower()


@pytest.mark.parametrize("question", ["鼓楼区统计局的采购项目平均每个多少钱？",
                                      "How much did 福州市鼓楼区统计局 spend per procurement project on average?"])
def test_average_per_project_divides_money_by_projects(gold_db, question):
    got = ask(gold_db, question)
    assert got.unit == "yuan" and got.value == pytest.approx(38391.78, abs=0.01), got.text


def test_each_government_is_a_kind_filter(tmp_path):
    from tests.support.gold import gold_report
    from tests.support.qa_store import PDF_GOLD, build_store

    reports = [gold_report(n) for n in PDF_GOLD]
    for r in reports:
        r.agency_kind = "government"  # the gold files do not carry the kind; the parser sets it
    db = build_store(tmp_path, extra=reports)
    got = ask(db, "How many requests did each district government receive?")
    assert got.value == 116 and {i.label for i in got.items} == {HZ}
