"""The same question in the forms people write it gets the same reading: numbers written any way
(300,000 · 30万 · 三十万 · 300 thousand · 一千), counts asked without a measure word (有多少单位), averages
per agency (平均每家, 平均每份), two-digit years on both sides of a comparison, names sharing one head
(鹿城和二七统计局, the Lucheng and Erqi statistics bureaus), places and agencies left out (outside Fujian,
福建以外, 除了…), articles and hyphens inside English row names. And a threshold no reading uses is said,
not dropped. Forms are generated from word lists; the expected answers come from the gold cells."""
from __future__ import annotations

import itertools

import pytest

from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

GOLD = {name: load_gold(name) for name in SAMPLE_FILES}


def _value(name: str, key: str) -> float:
    fact = GOLD[name]["facts"][key]
    assert fact["state"] == "number"
    return fact["value"]


AMOUNTS = {name: _value(name, "active.procurement.amount") for name in SAMPLE_FILES}
WRITTEN = {300_000: ["300,000元", "30万元", "三十万元", "300 thousand yuan", "30万"],
           100_000: ["100,000元", "10万元", "十万元", "100 thousand yuan", "10万"],
           1_000: ["1,000元", "一千元", "1千元"]}


@pytest.mark.parametrize("value,written,frame", [
    (v, w, f) for v, forms in WRITTEN.items() for w in forms
    for f in ("采购金额超过{w}的单位有几个？", "有多少单位的政府集中采购金额超过{w}？",
              "How many agencies spent more than {w} on procurement?")])
def test_thresholds_read_the_same_whatever_the_writing(gold_settings, value, written, frame):
    got = answer(frame.format(w=written), settings=gold_settings)
    expected = sum(1 for v in AMOUNTS.values() if v > value)
    assert got.status == "answered" and got.plan.above == value, (frame, written, got.text)
    assert got.value == expected, (frame, written, got.text)


ZERO_FRAMES = ["有多少单位全年行政处罚决定数为0？", "行政处罚决定数为0的单位有几个？", "多少单位的行政处罚决定数为0？",
               "几家单位行政处罚决定是0？", "行政处罚决定为零的报告有多少份？"]


@pytest.mark.parametrize("question", ZERO_FRAMES)
def test_counting_agencies_with_or_without_a_measure_word(gold_settings, question):
    got = answer(question, settings=gold_settings)
    expected = sum(1 for n in SAMPLE_FILES if GOLD[n]["facts"]["active.penalty.decisions"]["state"] == "number"
                   and _value(n, "active.penalty.decisions") == 0)
    assert got.status == "answered" and got.value == expected, (question, got.text)


@pytest.mark.parametrize("question", ["平均每家单位的政府集中采购金额是多少？", "平均每家的采购金额是多少？",
                                      "有采购数据的报告里，平均每份的采购金额是多少？",
                                      "What is the average procurement amount per agency?"])
def test_average_per_agency_not_per_project(gold_settings, question):
    got = answer(question, settings=gold_settings)
    expected = sum(AMOUNTS.values()) / len(AMOUNTS)
    assert got.status == "answered" and got.value == pytest.approx(expected, rel=1e-6), (question, got.text)


@pytest.mark.parametrize("later,earlier,frame", [
    (a, b, f) for (a, b), f in itertools.product(
        [("24年", "23年"), ("2024年", "23年"), ("24年", "2023年"), ("'24", "'23")],
        ["洪泽区{a}的行政许可决定比{b}多了多少件？", "洪泽区政府{a}行政许可处理决定比{b}多多少？"])])
def test_two_digit_years_on_both_sides_of_a_comparison(mixed_db, later, earlier, frame):
    from nianbao.config import Settings
    got = answer(frame.format(a=later, b=earlier), settings=Settings(db=mixed_db))
    assert got.status == "answered" and sorted(got.plan.years) == [2023, 2024], (frame, got.text)
    assert got.value == 9487 - 550, got.text


PAIRS = [("鹿城", "二七", "001_19df74b8cb7281a4.txt", "004_5206fb2196a31c52.txt", "Lucheng", "Erqi"),
         ("鼓楼区", "鄞州区", "000_2133ae744f48d674.txt", "002_c42cd15df52a6935.txt", "Gulou", "Yinzhou")]


@pytest.mark.parametrize("pair,frame", list(itertools.product(PAIRS, [
    "{a}和{b}统计局的采购项目数差多少？", "{a}与{b}两个统计局的政府集中采购项目数相差多少？",
    "What's the gap in procurement project counts between the {ea} and {eb} statistics bureaus?",
    "What is the difference in procurement projects between the {ea} and {eb} statistics bureaus?"])))
def test_names_sharing_one_head_are_each_an_agency(gold_settings, pair, frame):
    a, b, fa, fb, ea, eb = pair
    got = answer(frame.format(a=a, b=b, ea=ea, eb=eb), settings=gold_settings)
    assert got.status == "answered" and len(got.plan.agencies) == 2, (frame, got.text)
    gap = abs(_value(fa, "active.procurement.projects") - _value(fb, "active.procurement.projects"))
    assert got.value == gap or str(int(gap)) in got.text, (frame, got.text)


@pytest.mark.parametrize("question,out", [
    ("Which statistics bureau outside Fujian spent the most on procurement?", "福建省"),
    ("福建以外的统计局中，哪个采购金额最高？", "福建省"),
    ("除福建外，哪个单位的政府集中采购金额最高？", "福建省"),
    ("除浙江以外，哪个单位收到的申请最多？", "浙江省"),
    ("Excluding Zhejiang, which agency received the most requests?", "浙江省")])
def test_a_region_left_out_is_left_out(gold_db, gold_settings, question, out):
    from ingest.store import connect_readonly
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.plan.region_out is not None, (question, got.text)
    conn = connect_readonly(gold_db)
    try:
        provinces = {r[0] for r in conn.execute(
            f"SELECT province FROM reports WHERE id IN ({','.join('?' * len(got.coverage.used))})", got.coverage.used)}
    finally:
        conn.close()
    assert provinces and out not in provinces, (question, provinces)


@pytest.mark.parametrize("question,left_out", [
    ("除了鄞州区统计局，哪个统计局的采购金额最高？", "宁波市鄞州区统计局"),
    ("Which agency other than the Erqi statistics bureau received the most requests?", "郑州市二七区统计局"),
    ("除了鼓楼区统计局以外，各统计局一共收到多少件申请？", "福州市鼓楼区统计局")])
def test_an_agency_left_out_is_left_out(gold_settings, question, left_out):
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.plan.agencies_out == [left_out], (question, got.plan)
    assert all(left_out not in i.label for i in got.items), (question, got.text)


@pytest.mark.parametrize("question", ["Did the Gulou and Yinzhou statistics bureaus receive more than 2 requests?",
                                      "鼓楼区统计局和鄞州区统计局收到的申请超过2件吗？"])
def test_a_threshold_no_reading_uses_is_said_not_dropped(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status == "ambiguous" and got.plan.unused, (question, got.text)


@pytest.mark.parametrize("question", ["Did the Gulou and Yinzhou statistics bureaus together receive more than 2 requests?",
                                      "鼓楼区统计局和鄞州区统计局加起来收到的申请超过2件吗？",
                                      "鼓楼区统计局和鄞州区统计局一共收到的申请是否超过2件？"])
def test_together_against_a_threshold_is_their_sum(gold_settings, question):
    got = answer(question, settings=gold_settings)
    total = _value("000_2133ae744f48d674.txt", "requests.new.total") + _value("002_c42cd15df52a6935.txt",
                                                                              "requests.new.total")
    assert got.status == "answered" and got.value is (total > 2), (question, got.text)


@pytest.mark.parametrize("phrase", ["after an administrative reconsideration", "after a reconsideration",
                                    "after the administrative reconsideration", "after administrative reconsideration"])
def test_articles_inside_english_row_names(mixed_db, phrase):
    from nianbao.config import Settings
    got = answer(f"In 2024, how many lawsuits were brought against Hongze {phrase}, in total?",
                 settings=Settings(db=mixed_db))
    assert got.status == "answered" and got.plan.metrics == ["review.lawsuit_after_review.total"], (phrase, got.text)


@pytest.mark.parametrize("question,value,unit", [
    ("温泉街道2020年主动公开的信息里，业务公文占几条？", 6, "count"),
    ("温泉街道2020年主动公开的信息中，其他类信息有几条？", 1, "count"),
    ("温泉街道2020年一共主动公开了多少条政府信息？", 7, "count"),
    ("鄞州区统计局2019年查处统计违法案件的罚款总额是多少？", 24_000, "yuan"),
    ("鄞州区统计局2019年的统计违法罚款总额达到多少？", 24_000, "yuan"),
    ("鄞州区统计局2019年立案查处了几起违法案件？", 6, "count"),
    ("鄞州区统计局19年通过官方微博主动公开了多少条信息？", 912, "count"),
])
def test_a_figure_stated_only_in_the_prose_is_the_one_asked_for(gold_settings, question, value, unit):
    """The number whose own clause names what the question counts (业务公文 in 全年主动公开政府信息7条，其中
    业务公文6条), with 万 read as money when the question asks an amount."""
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.route == "passages", (question, got.text)
    assert got.value == value and got.unit == unit, (question, got.text)


PENALTIES = {n: _value(n, "active.penalty.decisions") for n in SAMPLE_FILES}


@pytest.mark.parametrize("question", ["行政处罚决定数不为零的单位有几个？", "行政处罚决定数不为0的报告有多少份？",
                                      "有几份报告的行政处罚决定非零？",
                                      "How many reports show at least one administrative penalty decision?",
                                      "How many agencies had a nonzero number of administrative penalty decisions?"])
def test_not_zero_is_above_zero_not_zero(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.value == sum(1 for v in PENALTIES.values() if v > 0), (question, got.text)


@pytest.mark.parametrize("question,key", [
    ("采购金额最高的和最低的差多少？", "active.procurement.amount"),
    ("政府集中采购金额最多的与最少的相差多少？", "active.procurement.amount"),
    ("行政处罚决定数最多的和最少的差几件？", "active.penalty.decisions"),
    ("What is the range of procurement spending across the reports?", "active.procurement.amount"),
    ("How much more did the highest-spending agency spend on procurement than the lowest?", "active.procurement.amount"),
    ("What is the gap between the highest and lowest number of administrative penalty decisions?",
     "active.penalty.decisions")])
def test_highest_minus_lowest(gold_settings, question, key):
    values = [_value(n, key) for n in SAMPLE_FILES if GOLD[n]["facts"][key]["state"] == "number"]
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.plan.aggregate == "range", (question, got.text)
    assert got.value == pytest.approx(max(values) - min(values), abs=0.01), (question, got.text)


@pytest.mark.parametrize("modifier", ["信息公开方面的", "政务公开相关的", "", "有关信息公开的"])
def test_a_modified_noun_is_searched_by_its_words(gold_db, gold_settings, modifier):
    """哪些提到了信息公开方面的培训: the reports that mention 培训 (and 信息公开), not none because no report
    prints the question's phrase."""
    from ingest.store import connect_readonly
    got = answer(f"哪些年报提到了{modifier}培训？", settings=gold_settings)
    conn = connect_readonly(gold_db)
    try:
        having = {r[0] for r in conn.execute("SELECT DISTINCT report_id FROM sections WHERE text LIKE '%培训%'")}
    finally:
        conn.close()
    assert got.status == "answered" and having, got.text
    assert {c.report for c in got.citations} <= having and got.citations, (modifier, got.text)


@pytest.mark.parametrize("question", ["温泉街道负责信息公开的工作人员有几名？", "鹿城区统计局信息公开工作有多少名工作人员？"])
def test_a_count_the_reports_do_not_state_is_refused_not_quoted(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status == "no_data", (question, got.text)


@pytest.mark.parametrize("words,above", [("是不是没超过", False), ("是否没有超过", False), ("是否未超过", False),
                                         ("是不是不超过", False), ("有没有超过", True), ("是否超过", True)])
@pytest.mark.parametrize("name,agency", [("000_2133ae744f48d674.txt", "鼓楼区统计局"),
                                         ("001_19df74b8cb7281a4.txt", "鹿城区统计局")])
def test_a_negated_threshold_is_the_other_side(gold_settings, words, above, name, agency):
    bound = 100_000
    got = answer(f"{agency}2020年的政府集中采购金额{words}10万元？", settings=gold_settings)
    value = AMOUNTS[name]
    assert got.status == "answered" and got.value is ((value > bound) if above else (value <= bound)), got.text


@pytest.mark.parametrize("phrase,above", [("not more than", False), ("no more than", False), ("more than", True)])
def test_a_negated_threshold_in_english(gold_settings, phrase, above):
    got = answer(f"Was the Gulou statistics bureau's procurement spending {phrase} 350 thousand yuan?",
                 settings=gold_settings)
    value = AMOUNTS["000_2133ae744f48d674.txt"]
    assert got.status == "answered" and got.value is ((value > 350_000) if above else (value <= 350_000)), got.text


@pytest.mark.parametrize("group", ["统计局那几家", "统计局这几家", "那些统计局", "各统计局"])
def test_an_organ_group_however_pointed_at(gold_settings, group):
    got = answer(f"{group}的行政处罚决定加起来一共多少件？", settings=gold_settings)
    expected = sum(v for n, v in PENALTIES.items() if "统计局" in GOLD[n]["agency"])
    assert got.status == "answered" and got.value == expected, (group, got.text)


def test_a_follow_up_to_a_withheld_reading_is_withheld_too(gold_settings):
    first = "鹿城区统计局2020年收到的申请里，有几件是用方差算出来的？"  # an operation no reading expresses
    assert answer(first, settings=gold_settings).status == "ambiguous"
    got = answer("那2019年呢？", history=[first], settings=gold_settings)
    assert got.status == "ambiguous", got.text


@pytest.mark.parametrize("question", [
    "The prose of the Wenquan street office's report says its staff received how many trainings?",
    "温泉街道的报告里说负责信息公开的工作人员一共几名？"])
def test_a_number_the_text_does_not_state_is_refused(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status in ("no_data", "ambiguous") and got.value is None and not got.citations, (question, got.text)


@pytest.mark.parametrize("question", ["温泉街道和二七区统计局的采购项目数差几个？", "温泉街道与二七区统计局的采购项目数相差几个？"])
def test_cha_ji_ge_is_a_difference(gold_settings, question):
    got = answer(question, settings=gold_settings)
    gap = _value("003_acfa5b9243423631.txt", "active.procurement.projects") - _value(
        "004_5206fb2196a31c52.txt", "active.procurement.projects")
    assert got.status == "answered" and got.plan.intent in ("difference", "compare"), got.text
    assert str(int(abs(gap))) in got.text.split("：", 1)[-1], got.text


@pytest.mark.parametrize("question", ["鹿城区统计局打算从哪几个方面加大政务公开工作力度？", "鼓楼区统计局从哪几个方面改进工作？"])
def test_which_aspects_is_not_a_count(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.route == "passages" and got.citations, (question, got.text)


@pytest.mark.parametrize("group", ["浙江的两个统计局里", "各统计局中", "所有统计局中", "这几个统计局里"])
def test_a_counted_or_pointed_organ_group_is_the_organ(gold_settings, group):
    got = answer(f"{group}，哪个单位的政府集中采购金额最高？", settings=gold_settings)
    assert got.status == "answered" and got.plan.organ == "统计局", (group, got.plan)


@pytest.mark.parametrize("question", ["How much more did Yinzhou spend on procurement than Lucheng?",
                                      "鄞州比鹿城的采购金额多多少？"])
def test_how_much_more_is_never_answered_with_a_total(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.plan.aggregate != "sum" or got.status != "answered", (question, got.text)


@pytest.mark.parametrize("lo,hi,frame", [
    (lo, hi, f) for (lo, hi) in [(5_000, 80_000), (50_000, 100_000), (100_000, 400_000)]
    for f in ("政府集中采购金额在{a}到{b}之间的单位有几个？", "采购金额介于{a}和{b}之间的单位有几家？",
              "How many agencies spent between {ea} and {eb} yuan on procurement?")])
def test_a_range_of_values_counts_within_both_bounds(gold_settings, lo, hi, frame):
    def zh(v: int) -> str:
        return f"{v / 10_000:g}万元"
    question = frame.format(a=zh(lo), b=zh(hi), ea=f"{lo:,}", eb=f"{hi:,}")
    got = answer(question, settings=gold_settings)
    expected = sum(1 for v in AMOUNTS.values() if lo <= v <= hi)
    assert got.status == "answered" and (got.plan.above, got.plan.below) == (lo, hi), (question, got.text)
    assert got.value == expected, (question, got.text)


@pytest.mark.parametrize("words", ["过了", "超出", "不止", "高过"])
def test_more_words_for_more_than(gold_settings, words):
    got = answer(f"采购总额{words}十万元的单位有几家？", settings=gold_settings)
    assert got.status == "answered" and got.value == sum(1 for v in AMOUNTS.values() if v > 100_000), got.text


def test_from_year_to_year_is_not_a_range_of_values(mixed_db):
    from nianbao.config import Settings
    got = answer("洪泽区从2023年到2024年的行政许可决定数分别是多少？", settings=Settings(db=mixed_db))
    assert got.plan.above is None and got.plan.below is None and sorted(got.plan.years) == [2023, 2024], got.plan


PREAMBLES = ["我在整理一张表，", "我正在写稿子，", "请核实：", "麻烦帮忙查一下：", "我在给省里做抽查，先看这块：",
             "For my spreadsheet I need this: ", "Quick question: ", "I'm checking a colleague's draft, "]


@pytest.mark.parametrize("preamble", PREAMBLES)
@pytest.mark.parametrize("question,expected", [("鹿城区统计局2020年收到多少件申请？", 1),
                                               ("How many requests did the Lucheng statistics bureau receive in 2020?", 1)])
def test_a_preface_about_the_asker_is_not_part_of_the_question(gold_settings, preamble, question, expected):
    got = answer(preamble + question, settings=gold_settings)
    assert got.status == "answered" and got.value == expected, (preamble, got.text)


@pytest.mark.parametrize("question", ["浙江省的单位：哪个收到的申请最多？", "鹿城区统计局：2020年收到多少件申请？"])
def test_a_preface_that_names_the_scope_is_kept(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and (got.plan.region is not None or got.plan.agencies), (question, got.plan)
