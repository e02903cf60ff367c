"""Question forms found missing by hold-out set 10 (blind first run 74.2 % right, 6.7 % answered wrongly;
now a training set), fixed by mechanism and tested here on generated variants, not on its wording:

- a figure from an equation its report's table breaks (R1–R4: a total of 0 over parts adding up to 11) is
  withheld when the answer rests on one or two reports, with the equation shown; asked as what the table
  prints (一栏填的是多少) it is given with the equation; over many reports it is kept with a note;
- "non-zero" / "nonzero" / "not zero" is above 0, not 0; "which <kind> bureaus" (a plural head noun)
  lists every one, not the first;
- follow-ups: "the year after" / 次年 / 下一年 counts on from the previous year; a per-unit figure with no
  agency named (平均到每个项目是多少钱？) is for the agency just asked about;
- a table name around an outcome row (办理结果里…予以公开) names the row's table in a ranking too;
- "which … talk about / mention X" is a search of the text even when X is a figure's name;
- "which of the two is higher" read with only one agency recognised is not answered as that agency's figure.
Expected values come from the gold cells; the balance findings are the ones the reader records."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.qa.conftest import with_balance_findings
from tests.support.gold import SAMPLE_FILES, gold_report, load_gold
from tests.support.qa_store import PDF_GOLD, with_sections

H23, H24 = load_gold("hongze-qu-gov-2023.json"), load_gold("hongze-qu-gov-2024.json")


@pytest.fixture(scope="module")
def checked(mixed_db) -> Settings:
    """The seven gold reports with their balance findings (Hongze 2023 breaks R4 twice)."""
    return Settings(db=mixed_db)


def test_the_store_holds_the_failed_equations(checked):
    report = with_balance_findings(with_sections(gold_report("hongze-qu-gov-2023.json")))
    assert {f.rule for f in report.findings} == {"R4"} and len(report.findings) == 2


BROKEN = ["review.reconsideration.total", "review.lawsuit_after_review.total", "review.reconsideration.upheld"]
ASK_ZH = ["洪泽区{y}年行政复议案件总计多少件？", "淮安市洪泽区人民政府{y}年一共有几件行政复议？",
          "洪泽区政府{y}年经复议后起诉的行政诉讼总共多少件", "洪泽区{y}年行政复议结果维持的有几件？"]
ASK_EN = ["How many administrative reconsideration cases did Hongze have in {y} in total?",
          "Total lawsuits filed after reconsideration, Hongze district government, {y}?"]


@pytest.mark.parametrize("question", ASK_ZH + ASK_EN)
def test_a_figure_of_a_broken_equation_is_withheld_with_the_equation(checked, question):
    got = answer(question.format(y=2023), settings=checked)
    assert got.status == "no_data" and got.value is None, got.text
    assert "R4" in got.text and ("勾稽" in got.text or "equation" in got.text)
    assert got.citations  # the cells it would have used are still shown
    same = answer(question.format(y=2024), settings=checked)  # 2024 balances: answered as usual
    assert same.status == "answered" and "R4" not in same.text, same.text


@pytest.mark.parametrize("question", ["洪泽区2023年报告里行政复议“总计”一栏填的是多少？",
                                      "洪泽区政府2023年年报表中行政复议总计写的是几？",
                                      "What is entered in the reconsideration total column of Hongze's 2023 report?"])
def test_what_the_table_prints_is_given_with_the_equation(checked, question):
    got = answer(question, settings=checked)
    assert got.status == "answered" and got.value == H23["facts"]["review.reconsideration.total"]["value"], got.text
    assert "R4" in got.text


def test_over_many_reports_the_figures_stay_and_the_equation_is_named(checked):
    got = answer("各单位行政复议总计合计多少件？", settings=checked)
    want = sum(load_gold(n)["facts"]["review.reconsideration.total"]["value"] for n in [*SAMPLE_FILES, *PDF_GOLD])
    assert got.status == "answered" and got.value == want and "R4" in got.text, got.text


def test_a_cell_outside_the_broken_equation_is_answered_plainly(checked):
    got = answer("洪泽区2023年行政许可决定数是多少？", settings=checked)
    assert got.status == "answered" and got.value == H23["facts"]["active.licensing.decisions"]["value"]
    assert "R4" not in got.text


@pytest.mark.parametrize("word", ["non-zero", "nonzero", "not zero"])
@pytest.mark.parametrize("kind,expect", [("statistics bureaus", "统计局"), ("agencies", None)])
def test_non_zero_is_above_zero_and_a_plural_lists_every_one(gold_settings, word, kind, expect):
    q = f"Which {kind} reported a {word} number of administrative penalty decisions?"
    got = answer(q, settings=gold_settings)
    want = {n for n in SAMPLE_FILES for g in [load_gold(n)]
            if g["facts"]["active.penalty.decisions"].get("value") and (expect is None or expect in g["agency"])}
    assert got.status == "answered" and got.plan.above == 0 and not got.plan.zero, (q, got.text)
    assert {i.file for i in got.items} == want, (q, got.text)


@pytest.mark.parametrize("first,then,year", [
    ("How many new disclosure requests did the Hongze district government get in 2023?", "And the year after?", 2024),
    ("洪泽区政府2023年收到多少件申请？", "那次年呢？", 2024), ("洪泽区政府2023年收到多少件申请？", "下一年呢？", 2024),
    ("How many new requests did Hongze receive in 2024?", "And the year before?", 2023),
])
def test_the_year_after_counts_on_from_the_previous_turn(checked, first, then, year):
    got = answer(then, [first], settings=checked)
    gold = H24 if year == 2024 else H23
    assert got.status == "answered" and got.value == gold["facts"]["requests.new.total"]["value"], got.text


def test_carried_into_the_next_year_is_not_the_year_after(checked):
    got = answer("那结转到下一年的呢？", ["洪泽区政府2023年收到多少件申请？"], settings=checked)
    assert got.plan.years == [2023] and got.plan.metrics == ["requests.carried_out.total"], got.plan


@pytest.mark.parametrize("agency,file", [("福州鼓楼区统计局", "000_2133ae744f48d674.txt"),
                                         ("鹿城区统计局", "001_19df74b8cb7281a4.txt")])
@pytest.mark.parametrize("then", ["平均到每个项目是多少钱？", "平均每个采购项目多少钱？"])
def test_a_per_unit_follow_up_keeps_the_agency(gold_settings, agency, file, then):
    gold = load_gold(file)["facts"]
    got = answer(then, [f"{agency}的集中采购花了多少钱？"], settings=gold_settings)
    want = round(gold["active.procurement.amount"]["value"] / gold["active.procurement.projects"]["value"], 2)
    assert got.status == "answered" and got.value == want, got.text
    alone = answer("各单位" + then, [f"{agency}的集中采购花了多少钱？"], settings=gold_settings)
    assert alone.value != want  # 各单位: every agency, not the one before


@pytest.mark.parametrize("question", ["哪些单位的依申请公开办理结果里出现过“予以公开”？", "哪些单位的办理结果中有予以公开的？",
                                      "办理结果里予以公开最多的是哪个单位？"])
def test_a_table_name_around_an_outcome_row_names_its_table(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.plan.metrics == ["requests.granted.total"], (question, got.plan)


@pytest.mark.parametrize("question,term", [
    ("Which reports talk about administrative penalties?", "行政处罚"),
    ("Among the 2020 reports, which ones mention administrative reconsideration?", "行政复议"),
    ("Which ones discuss training (培训) on the disclosure regulations?", "培训"),
])
def test_which_talk_about_a_figure_name_searches_the_text(gold_settings, question, term):
    got = answer(question, settings=gold_settings)
    assert got.plan.intent == "mentions" and any(term in g for g in got.plan.terms), (question, got.plan)


@pytest.mark.parametrize("question", ["同在福州鼓楼区，区统计局和温泉街道哪家的政府集中采购金额更高？",
                                      "在鼓楼区，统计局跟温泉街道谁的采购金额高？"])
def test_which_of_two_with_one_recognised_is_not_one_figure(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status != "answered" or len({i.label for i in got.items}) == 2, got.text


@pytest.mark.parametrize("first", ["How much did Lucheng stats bureau spend on centralised procurement?",
                                   "What did the Lucheng statistics bureau spend on procurement in 2020?"])
@pytest.mark.parametrize("then", ["How much per project on average?", "And per project?", "What is that per project?"])
def test_an_english_per_unit_follow_up_keeps_the_agency(gold_settings, first, then):
    gold = load_gold("001_19df74b8cb7281a4.txt")["facts"]
    got = answer(then, [first], settings=gold_settings)
    want = round(gold["active.procurement.amount"]["value"] / gold["active.procurement.projects"]["value"], 2)
    assert got.status == "answered" and got.value == want, got.text
