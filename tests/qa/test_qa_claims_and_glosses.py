"""Question forms found missing by hold-out set 6 (now a training set), fixed by mechanism and tested
here on generated variants, not on its wording:

- a claim to confirm (…，是吧 / 对不对 / 是否属实 / …, correct? / is it true that …) is a yes/no;
- 有没有 / 有无 (is there any) is not 没有 (lacks); "is any agency above N" is answered by those above N;
- at least / at most are bounds, not rankings; "how many of the 2020 reports" counts reports;
- two figures read from a question that joins none are not answered as one (which one is not guessed);
  joined and asked as a total (A和B…合计) they are added per report;
- pinyin of the reports' own terms (xingzheng chufa, tongjiju, caigou) reads as those terms;
- a bracketed aside (（每份报告单独算）, (percent, please)) asks nothing new, unless it leaves out or narrows;
- follow-ups: the other end of the previous ranking (最少的呢), the two previous figures set apart
  (两个差多少, the difference between the two).
Expected values come from the gold cells."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

GOLD = {name: load_gold(name) for name in SAMPLE_FILES}
H23, H24 = load_gold("hongze-qu-gov-2023.json"), load_gold("hongze-qu-gov-2024.json")


def _v(gold: dict, key: str) -> float:
    fact = gold["facts"][key]
    assert fact["state"] == "number"
    return fact["value"]


def _values(key: str) -> dict[str, float]:
    return {n: g["facts"][key]["value"] for n, g in GOLD.items() if g["facts"].get(key, {}).get("state") == "number"}


AMOUNTS = _values("active.procurement.amount")
LUCHENG = "001_19df74b8cb7281a4.txt"
TAGS_ZH = ["，是吧？", "，对吧？", "，对不对？", "，是否属实？", "，没错吧？"]
TAGS_EN = [", correct?", ", right?"]


@pytest.mark.parametrize("tag", TAGS_ZH)
@pytest.mark.parametrize("bound,word", [(50_000, "超过"), (500_000, "不到"), (100_000, "不少于")])
def test_a_claim_with_a_tag_is_checked(gold_settings, tag, bound, word):
    value = AMOUNTS[LUCHENG]
    question = f"鹿城区统计局2020年政府集中采购金额{word}{bound // 10_000}万元{tag}"
    got = answer(question, settings=gold_settings)
    truth = value > bound if word == "超过" else value < bound if word == "不到" else value >= bound
    assert got.status == "answered" and got.value is truth, (question, got.text)


@pytest.mark.parametrize("frame", ["Is it true that the Lucheng statistics bureau spent {w} {b:,} yuan on procurement in 2020?",
                                   "The Lucheng statistics bureau spent {w} {b:,} yuan on procurement in 2020{tag}"])
@pytest.mark.parametrize("w,b", [("more than", 50_000), ("less than", 50_000), ("more than", 500_000)])
@pytest.mark.parametrize("tag", TAGS_EN)
def test_a_claim_in_english_is_checked(gold_settings, frame, w, b, tag):
    question = frame.format(w=w, b=b, tag=tag)
    value = AMOUNTS[LUCHENG]
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.value is (value > b if w == "more than" else value < b), (question, got.text)


@pytest.mark.parametrize("bound", [100_000, 400_000, 500_000])
@pytest.mark.parametrize("frame,counted", [("有没有哪家单位的采购金额超过{z}？", False), ("有无单位采购金额超过{z}？", False),
                                           ("有没有哪家采购金额超过{z}的？有几家？", True),
                                           ("Did any agency spend more than {e:,} yuan on procurement?", False)])
def test_is_there_any_is_not_lacks(gold_settings, bound, frame, counted):
    question = frame.format(z=f"{bound // 10_000}万元", e=bound)
    got = answer(question, settings=gold_settings)
    n = sum(1 for v in AMOUNTS.values() if v > bound)
    assert got.status == "answered" and got.plan.meta is None and got.plan.aggregate == "count", (question, got.text)
    assert got.value == (n if counted else n > 0), (question, got.text)


@pytest.mark.parametrize("modifier,year", [("", None), ("2020 ", 2020), ("Fujian ", None)])
def test_at_least_one_counts_reports(gold_settings, modifier, year):
    question = f"How many of the {modifier}reports received at least one new disclosure application?"
    got = answer(question, settings=gold_settings)
    regions = {"Fujian ": "福建省"}
    expected = sum(1 for g in GOLD.values() if g["facts"]["requests.new.total"]["state"] == "number"
                   and g["facts"]["requests.new.total"]["value"] > 0 and (year is None or g["year"] == year)
                   and (modifier not in regions or g["province"] == regions[modifier]))
    assert got.status == "answered" and got.plan.intent == "aggregate" and got.value == expected, (question, got.text)


# ("…lawsuits were filed directly, without going through administrative reconsideration first?" was here: a
# row named to be ruled out is now read as qualifying the row asked, see test_qa_set13_mechanisms.py)
@pytest.mark.parametrize("question", [
    "二七区统计局2020年的报告里，行政许可以外的那类对外管理服务事项，上一年有多少项？"])
def test_two_figures_where_one_is_asked_are_not_guessed(mixed_db, question):
    got = answer(question, settings=Settings(db=mixed_db))
    assert got.status == "ambiguous" and got.value is None, got.text


@pytest.mark.parametrize("joined", ["和", "与", "以及"])
@pytest.mark.parametrize("total", ["合计多少", "加起来是多少", "一共多少"])
def test_two_figures_joined_and_totalled_are_added_per_report(gold_settings, joined, total):
    question = f"2020年各单位行政处罚{joined}行政强制的处理决定{total}？"
    got = answer(question, settings=gold_settings)
    expected = sum(g["facts"]["active.penalty.decisions"]["value"] + g["facts"]["active.coercion.decisions"]["value"]
                   for g in GOLD.values() if g["year"] == 2020)
    assert got.status == "answered" and got.value == expected, (question, got.text)


def test_two_figures_joined_per_place_are_each_totalled(mixed_db):
    got = answer("洪泽区2024年的行政复议和行政诉讼分别是多少？", settings=Settings(db=mixed_db))
    assert got.status == "answered" and got.value is None, got.text
    assert f"{int(_v(H24, 'review.reconsideration.total'))}" in got.text


@pytest.mark.parametrize("late,early,frame", [(24, 23, "洪泽区{a}年收费比{b}年少了多少钱？"),
                                              (2024, 2023, "洪泽区{a}年的收费比{b}年少了多少钱？"),
                                              (24, 23, "洪泽区{a}年收费跟{b}年比，少了多少钱？")])
def test_how_much_less_between_years_is_a_difference(mixed_db, late, early, frame):
    got = answer(frame.format(a=late, b=early), settings=Settings(db=mixed_db))
    gap = _v(H23, "active.fees.amount") - _v(H24, "active.fees.amount")
    assert got.status == "answered" and got.value == pytest.approx(abs(gap), abs=0.01), got.text


@pytest.mark.parametrize("tag", ["，是吧？", "，对不对？", "，没错吧？"])
def test_a_claim_about_two_years_is_checked(mixed_db, tag):
    got = answer(f"洪泽区24年的行政处罚决定比23年还多{tag}", settings=Settings(db=mixed_db))
    truth = _v(H24, "active.penalty.decisions") > _v(H23, "active.penalty.decisions")
    assert got.status == "answered" and got.value is truth, got.text


PINYIN = [("xingzheng chufa", "行政处罚", "decisions", "active.penalty.decisions"),
          ("xingzhengchufa", "行政处罚", "decisions", "active.penalty.decisions"),
          ("xingzheng xuke", "行政许可", "decisions", "active.licensing.decisions"),
          ("caigou", "采购", "projects", "active.procurement.projects"),
          ("jizhong caigou", "集中采购", "projects", "active.procurement.projects")]


@pytest.mark.parametrize("pinyin,hanzi,col,key", PINYIN)
@pytest.mark.parametrize("as_gloss", [True, False])
def test_pinyin_of_a_report_term_reads_as_the_term(gold_settings, pinyin, hanzi, col, key, as_gloss):
    english = {"decisions": "decisions", "projects": "projects"}[col]
    row = {"行政处罚": "administrative penalty", "行政许可": "administrative licensing", "采购": "procurement",
           "集中采购": "centralised procurement"}[hanzi]
    named = f"{row} ({pinyin})" if as_gloss else pinyin
    question = f"How many {named} {english} did the Lucheng statistics bureau report in 2020?"
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.plan.metrics == [key], (question, got.text)
    assert got.value == _v(GOLD[LUCHENG], key), (question, got.text)


@pytest.mark.parametrize("word", ["shine", "nine", "home", "gong", "change"])
def test_english_words_are_not_read_as_pinyin(word):
    from qa.glosses import hanzi_for_pinyin
    text = f"the {word} of the bureau"
    assert hanzi_for_pinyin(text) == text


@pytest.mark.parametrize("group", ["tongjiju", "statistics bureaus (tongjiju)"])
def test_pinyin_of_an_organ_names_the_group(gold_settings, group):
    got = answer(f"Which of the {group} spent the most on procurement?", settings=gold_settings)
    assert got.status == "answered" and got.plan.organ == "统计局", got.text


@pytest.mark.parametrize("aside", ["（每份报告单独算）", "（请注明出处）", "（按年报数据）", " (each report counted separately)"])
def test_a_bracketed_aside_asks_nothing_new(gold_settings, aside):
    got = answer(f"本年新收政府信息公开申请数量排第二的是哪个单位？{aside}", settings=gold_settings)
    ranked = sorted(((g["facts"]["requests.new.total"]["value"], g["agency"]) for g in GOLD.values()), reverse=True)
    assert got.status == "answered" and got.plan.offset == 1, (aside, got.text)
    assert got.value == ranked[1][0], (aside, got.text)


@pytest.mark.parametrize("aside", ["（不含统计局）", "（除鹿城区以外）", " (excluding the statistics bureaus)"])
def test_an_aside_that_leaves_out_is_not_an_aside(gold_settings, aside):
    got = answer(f"采购金额最多的单位{aside}是哪个？", settings=gold_settings)
    leaves_out = got.plan.organ_out or got.plan.region_out is not None or got.plan.agencies_out
    assert leaves_out or got.status != "answered", (aside, got.text)


def test_an_aside_on_how_to_write_a_fall_keeps_the_sign(mixed_db):
    got = answer("洪泽区政府2024年行政处罚决定数量同比增幅是多少？（下降记负数）", settings=Settings(db=mixed_db))
    late, early = _v(H24, "active.penalty.decisions"), _v(H23, "active.penalty.decisions")
    assert got.status == "answered" and got.value == pytest.approx(round((late - early) / early * 100, 2)), got.text


@pytest.mark.parametrize("kind,organ", [("街道办事处这一类单位", "街道"), ("统计局这一类单位", "统计局"), ("统计局这类单位", "统计局"),
                                        ("统计局系统", "统计局")])
def test_a_kind_named_as_a_class(gold_settings, kind, organ):
    got = answer(f"{kind}的政府集中采购金额合计是多少？", settings=gold_settings)
    expected = sum(v for n, v in AMOUNTS.items() if organ in GOLD[n]["agency"])
    assert got.status == "answered" and got.value == pytest.approx(expected, abs=0.01), (kind, got.text)


@pytest.mark.parametrize("first,then", [("哪个统计局行政处罚决定数量最多？", "最少的是哪个？"),
                                        ("哪个统计局行政处罚决定数量最多？", "那最少的呢？"),
                                        ("Which statistics bureau made the most penalty decisions?", "And the fewest?")])
def test_the_other_end_of_the_previous_ranking(gold_settings, first, then):
    got = answer(then, [first], settings=gold_settings)
    values = [g["facts"]["active.penalty.decisions"]["value"] for g in GOLD.values() if "统计局" in g["agency"]]
    assert got.status == "answered" and got.plan.order == "asc" and got.value == min(values), got.text


@pytest.mark.parametrize("then", ["两个差多少？", "两者相差几件？", "What's the difference between the two?",
                                  "这两个差了多少？"])
def test_the_two_previous_figures_set_apart(gold_settings, then):
    turns = ["鄞州区统计局19年行政处罚处理决定多少？", "鹿城区统计局20年呢？"]
    got = answer(then, turns, settings=gold_settings)
    a = _v(GOLD["002_c42cd15df52a6935.txt"], "active.penalty.decisions")
    b = _v(GOLD[LUCHENG], "active.penalty.decisions")
    assert got.status == "answered" and got.value == abs(a - b), (then, got.text)


def test_the_two_previous_years_set_apart(mixed_db):
    turns = ["How many new disclosure applications did the Hongze district government receive in 2024?", "And in 2023?"]
    got = answer("What's the difference between the two?", turns, settings=Settings(db=mixed_db))
    gap = _v(H24, "requests.new.total") - _v(H23, "requests.new.total")
    assert got.status == "answered" and got.value == abs(gap), got.text


@pytest.mark.parametrize("written,value", [("a thousand", 1000), ("one thousand", 1000), ("five thousand", 5000),
                                           ("seventy-five million", 75_000_000), ("one hundred and five", 105)])
def test_english_number_words_after_a_comparison(written, value):
    from qa.numerals import english_amounts
    assert english_amounts(f"more than {written} yuan") == f"more than {value} yuan"
    assert english_amounts(f"which one spent {written}") == f"which one spent {written}"  # no comparison: kept


def test_between_two_english_numbers_is_two_bounds():
    from qa.numerals import english_amounts
    assert english_amounts("between two and ten requests") == "between 2 and 10 requests"


@pytest.mark.parametrize("n,written", [(1_000, "a thousand"), (100_000, "a hundred thousand")])
def test_a_threshold_in_words_counts(gold_settings, n, written):
    got = answer(f"How many agencies spent more than {written} yuan on procurement?", settings=gold_settings)
    assert got.status == "answered" and got.value == sum(1 for v in AMOUNTS.values() if v > n), got.text


@pytest.mark.parametrize("tail", ["……有几家啊？", "…有几家呀", "...有几家哈？"])
def test_spoken_particles_and_ellipses_are_not_words(gold_settings, tail):
    got = answer(f"采购金额在8万到40万之间的{tail}", settings=gold_settings)
    assert got.status == "answered" and got.value == sum(1 for v in AMOUNTS.values() if 80_000 <= v <= 400_000), got.text


@pytest.mark.parametrize("question", ["哪个最多？", "最少的是哪个？", "Which one is the lowest?", "谁排第一？", "哪家排第二？"])
def test_a_ranking_that_names_no_figure_is_refused(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status != "answered" and not got.citations, (question, got.text)


@pytest.mark.parametrize("question", ["洪泽区2023年和2024年的行政处罚决定是多少？", "Hongze penalty decisions 2023 and 2024?"])
def test_two_years_of_a_place_are_listed_not_added(mixed_db, question):
    got = answer(question, settings=Settings(db=mixed_db))
    total = _v(H23, "active.penalty.decisions") + _v(H24, "active.penalty.decisions")
    assert got.status == "answered" and got.value != total and got.plan.intent == "trend", got.text


@pytest.mark.parametrize("turn", ["What about its number of procurement projects?", "那它的采购项目有几个？",
                                  "And their procurement projects?"])
def test_its_means_the_previous_answer(gold_settings, turn):
    got = answer(turn, ["Which agency spent the most on procurement?"], settings=gold_settings)
    top = max(AMOUNTS, key=AMOUNTS.get)
    assert got.status == "answered" and got.value == _v(GOLD[top], "active.procurement.projects"), got.text


@pytest.mark.parametrize("question,words", [("鄞州区统计局2019年全年累计公开统计数据条数。", "统计数据"),
                                            ("鄞州区统计局2019年官方微博主动公开信息条数", "官方微博")])
def test_a_figure_named_like_a_column_header_is_read_from_the_text(ingested_db, question, words):
    got = answer(question, settings=Settings(db=ingested_db))
    stated = [n["value"] for n in GOLD["002_c42cd15df52a6935.txt"]["narrative_numbers"] if words in n["text"]]
    assert got.status == "answered" and got.value in stated, got.text


# -- from hold-out set 7's blind run (59.2 % right, 1.7 % answered wrongly; now a training set) -------------

@pytest.mark.parametrize("tail", ["请说明依据。", "并请说明数据依据。", "请列明依据。", "请说明比较范围。", "请注明出处。",
                                  "Please cite the source."])
def test_asking_for_the_basis_asks_nothing_new(gold_settings, tail):
    got = answer(f"温州市鹿城区统计局2020年度政府集中采购总金额是多少元？{tail}", settings=gold_settings)
    assert got.status == "answered" and got.value == AMOUNTS[LUCHENG] and got.citations, (tail, got.text)


@pytest.mark.parametrize("frame", ["稿子里写“{a}2020年共作出行政处罚决定{n}件”，对吗？", "稿子里写{a}2020年作出行政处罚决定{n}件，这么写对吗？",
                                   "{a} made {n} administrative penalty decisions in 2020, right?"])
@pytest.mark.parametrize("delta", [0, 1, -3])
def test_a_drafted_figure_is_checked_as_stated(gold_settings, frame, delta):
    true = _v(GOLD[LUCHENG], "active.penalty.decisions")
    name = "温州市鹿城区统计局" if "稿子" in frame else "The Lucheng statistics bureau"
    got = answer(frame.format(a=name, n=int(true + delta)), settings=gold_settings)
    assert got.status == "answered" and got.value is (delta == 0), got.text


@pytest.mark.parametrize("agency,file", [("二七区统计局", "004_5206fb2196a31c52.txt"), ("鹿城区统计局", LUCHENG)])
def test_received_none_right_is_a_yes_no(gold_settings, agency, file):
    got = answer(f"{agency}20年一件申请都没收到吧", settings=gold_settings)
    assert got.status == "answered" and got.value is (_v(GOLD[file], "requests.new.total") == 0), got.text


@pytest.mark.parametrize("locator", ["表二 第二十条第（一）项 ", "第二十条第(一)项", "表二 "])
def test_a_template_locator_is_not_a_place_in_a_ranking(gold_settings, locator):
    got = answer(f"温州市鹿城区统计局2020年报告，{locator}规章 对外公开总数量 是多少？", settings=gold_settings)
    assert got.status == "answered" and got.plan.offset == 0, got.text
    assert got.value == _v(GOLD[LUCHENG], "active.rules.public_total"), got.text


@pytest.mark.parametrize("named", ["active.penalty.prev_items", "active 表 penalty 行 prev_items 列",
                                   "table active, row penalty, column prev_items"])
def test_a_canonical_key_names_the_figure(gold_settings, named):
    got = answer(f"What is {named} for the Lucheng statistics bureau in 2020?", settings=gold_settings)
    assert got.status == "answered" and got.plan.metrics == ["active.penalty.prev_items"], got.text
    assert got.value == _v(GOLD[LUCHENG], "active.penalty.prev_items")


def test_an_unknown_canonical_key_is_not_taken():
    from qa.lexicon import named_keys
    assert named_keys("what is active.penalty.made?") == [] and named_keys("requests.nonsense.total") == []


def test_didnt_asks_yes_or_no(gold_settings):
    got = answer("Didn't the Lucheng statistics bureau run more procurement projects than the Wenquan street office "
                 "in 2020?", settings=gold_settings)
    a = _v(GOLD[LUCHENG], "active.procurement.projects")
    b = _v(GOLD["003_acfa5b9243423631.txt"], "active.procurement.projects")
    assert got.status == "answered" and got.value is (a > b), got.text


@pytest.mark.parametrize("words", ["高于各单位平均水平", "高于平均", "超过所有单位的平均值"])
def test_above_the_average_of_all(gold_settings, words):
    got = answer(f"政府集中采购总金额{words}的有哪些单位？", settings=gold_settings)
    mean = sum(AMOUNTS.values()) / len(AMOUNTS)
    assert got.status == "answered" and got.plan.versus_average == "above", got.text
    assert {i.label for i in got.items} == {GOLD[n]["agency"] for n, v in AMOUNTS.items() if v > mean} or \
        got.value == sum(1 for v in AMOUNTS.values() if v > mean), got.text


@pytest.mark.parametrize("turn", ["换成鼓楼区统计局呢？", "改成鼓楼区统计局呢？"])
def test_switching_the_agency(gold_settings, turn):
    got = answer(turn, ["鹿城区统计局2020年政府集中采购花了多少钱？"], settings=gold_settings)
    assert got.status == "answered" and got.value == AMOUNTS["000_2133ae744f48d674.txt"], got.text


@pytest.mark.parametrize("turns,expected", [
    (["福州鼓楼区统计局和二七区统计局，哪个的采购金额高？"], "004_5206fb2196a31c52.txt"),
    (["二七区统计局和福州鼓楼区统计局，哪个的采购金额低？"], "000_2133ae744f48d674.txt"),
    (["浙江省有哪两个单位？", "鹿城区统计局的采购金额是多少？"], "002_c42cd15df52a6935.txt")])
@pytest.mark.parametrize("then", ["另一个呢？", "另一家花了多少？", "And the other one?"])
def test_the_other_of_a_pair(gold_settings, turns, expected, then):
    got = answer(then, turns, settings=gold_settings)
    assert got.status == "answered" and got.value == AMOUNTS[expected], (turns, then, got.text)


def test_the_other_with_no_pair_is_not_guessed(gold_settings):
    got = answer("另一个呢？", ["鹿城区统计局的采购金额是多少？"], settings=gold_settings)
    assert got.status != "answered", got.text


def test_it_after_which_report_is_that_report(mixed_db):
    got = answer("How many did it have?", ["Which single report has the most administrative penalty decisions?"],
                 settings=Settings(db=mixed_db))
    best = max(_v(g, "active.penalty.decisions") for g in (*GOLD.values(), H23, H24)
               if g["facts"]["active.penalty.decisions"]["state"] == "number")
    assert got.status == "answered" and got.value == best, got.text


@pytest.mark.parametrize("question,words", [("温泉街道20年主动公开的里头业务公文几条", "业务公文"),
                                            ("鼓楼区统计局2020年发布的“鼓楼统计”类信息有多少条？", "鼓楼统计")])
def test_the_thing_counted_picks_the_number_of_a_listing_sentence(ingested_db, question, words):
    got = answer(question, settings=Settings(db=ingested_db))
    stated = [n["value"] for g in GOLD.values() for n in g["narrative_numbers"] if words in n["text"]]
    assert got.status == "answered" and got.value in stated, got.text


@pytest.mark.parametrize("a,b,frame", [(LUCHENG, "002_c42cd15df52a6935.txt", "{a}的采购金额相当于{b}的百分之几？"),
                                       ("002_c42cd15df52a6935.txt", LUCHENG, "{a}的采购总金额相当于{b}的百分之多少？"),
                                       (LUCHENG, "000_2133ae744f48d674.txt", "{a}'s procurement spending as a percentage of {b}'s?")])
def test_one_agency_as_a_percentage_of_another(gold_settings, a, b, frame):
    names = {LUCHENG: ("鹿城区统计局", "the Lucheng statistics bureau"), "002_c42cd15df52a6935.txt": ("鄞州区统计局", "the Yinzhou statistics bureau"),
             "000_2133ae744f48d674.txt": ("鼓楼区统计局", "the Gulou statistics bureau")}
    en = frame.startswith("{a}'s")
    got = answer(frame.format(a=names[a][en], b=names[b][en]), settings=gold_settings)
    assert got.status == "answered" and got.value == pytest.approx(round(AMOUNTS[a] / AMOUNTS[b] * 100, 2)), got.text


@pytest.mark.parametrize("first,second,frame", [(2024, 2023, "Hongze's {a} new disclosure applications as a percentage of its {b} figure?"),
                                                (2023, 2024, "洪泽区政府{a}年的申请数是{b}年的百分之几？")])
def test_one_year_as_a_percentage_of_another(mixed_db, first, second, frame):
    got = answer(frame.format(a=first, b=second), settings=Settings(db=mixed_db))
    v = {2023: _v(H23, "requests.new.total"), 2024: _v(H24, "requests.new.total")}
    assert got.status == "answered" and got.value == pytest.approx(round(v[first] / v[second] * 100, 2)), got.text


def test_a_change_in_percent_is_a_growth_rate(mixed_db):
    got = answer("In percent, how much did Hongze's new disclosure requests grow from '23 to '24?", settings=Settings(db=mixed_db))
    a, b = _v(H23, "requests.new.total"), _v(H24, "requests.new.total")
    assert got.status == "answered" and got.value == pytest.approx(round((b - a) / a * 100, 2)), got.text


@pytest.mark.parametrize("question", ["洪泽区2023年和2024年的行政许可决定加起来超过1.5万件了吗？",
                                      "Did Hongze's licensing decisions of 2023 and 2024 together exceed 10,000?"])
def test_two_years_added_against_a_threshold(mixed_db, question):
    got = answer(question, settings=Settings(db=mixed_db))
    total = _v(H23, "active.licensing.decisions") + _v(H24, "active.licensing.decisions")
    bound = 15_000 if "1.5万" in question else 10_000
    assert got.status == "answered" and got.value is (total > bound), got.text


@pytest.mark.parametrize("question,below", [("采购金额高于平均水平的是哪几个单位？", False),
                                            ("Which agencies reported fewer procurement projects than the average?", True),
                                            ("Which agencies spent more on procurement than the average of all reports?", False)])
def test_above_or_below_the_average_in_other_words(gold_settings, question, below):
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.plan.versus_average == ("below" if below else "above"), got.text


@pytest.mark.parametrize("question", ["请核实：鄞州区统计局2019年年报第二部分里，规章那一行的“对外公开总数量”填报的是多少？",
                                      "鄞州区统计局2019年规章这一栏的对外公开总数量是多少？"])
def test_a_part_or_row_locator_is_not_a_place(gold_settings, question):
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.value == _v(GOLD["002_c42cd15df52a6935.txt"], "active.rules.public_total")


TRADITIONAL_CASES = ["鄞州区统计局2019年收到多少件申请？", "温州市鹿城区统计局2020年政府集中采购金额是多少？",
                     "哪个单位的行政处罚决定最多？", "政府集中采购金额超过10万元的单位有几个？", "二七区统计局20年一件申请都没收到吧",
                     "鹿城区统计局和鄞州区统计局，谁的采购项目多？", "各统计局的政府集中采购金额合计是多少？"]


@pytest.mark.parametrize("question", TRADITIONAL_CASES)
def test_a_question_in_traditional_characters_reads_as_in_simplified(gold_settings, question):
    import opencc
    traditional = opencc.OpenCC("s2t").convert(question)
    assert traditional != question  # the case really is written differently
    simple, trad = answer(question, settings=gold_settings), answer(traditional, settings=gold_settings)
    assert simple.status == "answered" and (trad.status, trad.value) == (simple.status, simple.value), trad.text


def test_one_traditional_looking_character_in_a_simplified_name_is_kept():
    from ingest.script import simplified_question
    assert simplified_question("乾县统计局2020年收到多少件申请？") == "乾县统计局2020年收到多少件申请？"


@pytest.mark.parametrize("cantonese,mandarin", [("鄞州區統計局2019年收到幾多件申請？", "鄞州区统计局2019年收到多少件申请？"),
                                                ("邊個單位嘅行政處罰決定最多？", "哪个单位的行政处罚决定最多？"),
                                                ("鹿城區統計局2020年有冇收到申請？", "鹿城区统计局2020年有没有收到申请？")])
def test_cantonese_written_forms_read_as_mandarin(gold_settings, cantonese, mandarin):
    a, b = answer(cantonese, settings=gold_settings), answer(mandarin, settings=gold_settings)
    assert b.status == "answered" and (a.status, a.value) == (b.status, b.value), a.text


@pytest.mark.parametrize("frame", ["请判断：{q}，是否正确？", "请判断下列说法是否准确：{q}。"])
@pytest.mark.parametrize("bound", [0, 5])
def test_judge_a_statement(gold_settings, frame, bound):
    got = answer(frame.format(q=f"鹿城区统计局2020年收到的申请超过{bound}件"), settings=gold_settings)
    assert got.status == "answered" and got.value is (_v(GOLD[LUCHENG], "requests.new.total") > bound), got.text


# -- from hold-out set 8's first run (77.5 % right, 3.3 % answered wrongly; now a training set) -------------

@pytest.mark.parametrize("question", ["有幾多份年報嘅行政處罰處理決定數係零？", "有幾多份年報嘅行政處罰決定係0？"])
def test_cantonese_copula_is_read(gold_settings, question):
    got = answer(question, settings=gold_settings)
    zeros = sum(1 for g in GOLD.values() if g["facts"]["active.penalty.decisions"]["state"] == "number"
                and g["facts"]["active.penalty.decisions"]["value"] == 0)
    assert got.status == "answered" and got.value == zeros, got.text


@pytest.mark.parametrize("pointing", ["福州市的几份报告，", "福州市这几份报告", "福州那几份年报，"])
def test_pointing_at_several_reports_is_not_counting_them(gold_settings, pointing):
    got = answer(f"{pointing}政府集中采购总金额合起来多少元？", settings=gold_settings)
    expected = sum(v for n, v in AMOUNTS.items() if GOLD[n]["city"] == "福州市")
    assert got.status == "answered" and got.value == pytest.approx(expected, abs=0.01), (pointing, got.text)


@pytest.mark.parametrize("question,key", [
    ("How many of Hongze's 2023 applications could not be answered because the information would have had to be "
     "newly created?", "requests.unavailable_needs_creation.total"),
    ("洪泽区政府2023年办理结果中，因本机关不掌握相关政府信息而无法提供的有几件？", "requests.unavailable_not_held.total")])
def test_an_outcome_row_named_with_its_table_is_that_row(mixed_db, question, key):
    got = answer(question, settings=Settings(db=mixed_db))
    assert got.status == "answered" and got.value == _v(H23, key), got.text


@pytest.mark.parametrize("named", ["the statistics bureau of Nanjing's Gulou district", "Nanjing's Gulou statistics bureau",
                                   "the statistics bureau of Gulou district, Nanjing"])
def test_another_citys_district_of_the_same_name_is_not_the_stored_one(gold_settings, named):
    got = answer(f"What did {named} spend on procurement in 2020?", settings=gold_settings)
    assert got.status != "answered" and got.value is None, got.text


@pytest.mark.parametrize("named", ["the statistics bureau of Fuzhou's Gulou district", "the Gulou statistics bureau, Fuzhou"])
def test_the_stored_citys_district_is_still_found(gold_settings, named):
    got = answer(f"What did {named} spend on procurement in 2020?", settings=gold_settings)
    assert got.status == "answered" and got.value == AMOUNTS["000_2133ae744f48d674.txt"], got.text


@pytest.mark.parametrize("question,words", [
    ("How many requests did Hongze handle in 2023 whose information would have had to be freshly created?", "created"),
    ("How many Hongze requests in 2023 were newly carried over?", None)])
def test_a_word_of_another_row_left_unread_is_said(mixed_db, question, words):
    from qa.reading import _names_another_figure
    assert _names_another_figure("created", ["requests.handled.total"])
    assert not _names_another_figure("created", ["requests.unavailable_needs_creation.total"])
    assert not _names_another_figure("administrative", ["active.penalty.decisions"])  # a word of many rows
    got = answer(question, settings=Settings(db=mixed_db))
    if words:
        assert got.status != "answered" or got.plan.metrics == ["requests.unavailable_needs_creation.total"], got.text


def test_hyphens_and_quotes_do_not_make_new_words():
    from qa.reading import unexplained
    assert unexplained("how many new information-□□□□□□□□□□ requests", ["requests.new.total"]) == []


# -- from hold-out set 9's blind run (75.0 % right, 4.2 % answered wrongly; now a training set) -------------

@pytest.mark.parametrize("group", ["四家统计局", "4家统计局", "几家统计局里，", "这几家统计局"])
def test_a_counted_organ_group_with_jia(gold_settings, group):
    got = answer(f"{group}的本年新收政府信息公开申请一共多少件？", settings=gold_settings)
    expected = sum(_v(g, "requests.new.total") for g in GOLD.values() if "统计局" in g["agency"])
    assert got.status == "answered" and got.plan.organ == "统计局" and got.value == expected, got.text


@pytest.mark.parametrize("words", ["差了多少元", "差多少", "相差了多少"])
def test_cha_le_duoshao_is_a_difference(gold_settings, words):
    got = answer(f"鄞州区统计局和鹿城区统计局的采购金额{words}？", settings=gold_settings)
    gap = AMOUNTS["002_c42cd15df52a6935.txt"] - AMOUNTS[LUCHENG]
    assert got.status == "answered" and got.value == pytest.approx(gap, abs=0.01), got.text


@pytest.mark.parametrize("then,place,order", [("第二高的是哪家？", 2, "desc"), ("倒数第二呢？", 2, "asc"),
                                              ("And the third highest?", 3, "desc")])
def test_another_place_of_the_previous_ranking(gold_settings, then, place, order):
    got = answer(then, ["哪个单位的政府集中采购金额最高？"], settings=gold_settings)
    ranked = sorted(AMOUNTS.values(), reverse=order == "desc")
    assert got.status == "answered" and got.value == ranked[place - 1], got.text


@pytest.mark.parametrize("then,apart", [("两家加起来是多少？", False), ("两家差多少？", True), ("What's the difference between the two?", True)])
def test_the_two_agencies_one_question_named(gold_settings, then, apart):
    got = answer(then, ["比较一下鄞州区统计局和鹿城区统计局的政府集中采购金额"], settings=gold_settings)
    a, b = AMOUNTS["002_c42cd15df52a6935.txt"], AMOUNTS[LUCHENG]
    assert got.status == "answered" and got.value == pytest.approx(abs(a - b) if apart else a + b, abs=0.01), got.text


@pytest.mark.parametrize("bracket,inclusive", [("（不含5个）", False), ("（含5个）", True), ("", True)])
def test_a_bracket_says_whether_the_bound_counts(gold_settings, bracket, inclusive):
    got = answer(f"行政处罚上一年项目数量在5个以上{bracket}的单位有几家？", settings=gold_settings)
    assert got.status == "answered" and got.plan.above == 5 and got.plan.inclusive is inclusive, got.text


@pytest.mark.parametrize("agency,file", [("二七区统计局", "004_5206fb2196a31c52.txt"), ("鹿城区统计局", LUCHENG)])
def test_did_it_ever_receive_is_a_yes_no(gold_settings, agency, file):
    got = answer(f"{agency}2020年收到过政府信息公开申请吗", settings=gold_settings)
    assert got.status == "answered" and got.value is (_v(GOLD[file], "requests.new.total") > 0), got.text


@pytest.mark.parametrize("then", ["What's the average amount across them?", "这几家加起来采购了多少钱？"])
def test_them_after_a_list_is_everyone_listed(gold_settings, then):
    got = answer(then, ["哪些单位的采购金额超过10万元？"], settings=gold_settings)
    listed = [v for v in AMOUNTS.values() if v > 100_000]
    expected = sum(listed) / len(listed) if "average" in then else sum(listed)
    assert got.status == "answered" and got.value == pytest.approx(expected, abs=0.01), got.text
