"""Question forms the tenth session found read wrongly in training sets (2, 8, 12, 14, 16: all training sets),
fixed by mechanism and tested on generated inputs, not on their wording:

- a total the prose states (本年度共发布各类信息142条, 其中…) counts what its sentence is about, so a question
  naming the sentence's subject (its column, its website) gets the total, not a part or nothing;
- a Chinese label quoted in an English question ('鼓楼统计' items), with ASCII or curly single quotes, is the
  thing counted, whole (its place name is not the question's scope);
- a bare organ noun after a place (the Gulou bureau, the Gulou office) is the one agency of that place the noun
  fits (a bureau is a 局), never the place's agencies summed;
- an organ word after the question's own verbs (what did the Lucheng bureau say about open government) is the
  topic, not part of the agency's name.
"""
from __future__ import annotations

import random
import re

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.passages import stated_number
from tests.support.gold import SAMPLE_GOLDS as SAMPLES, printed as _num

SUBJECTS = [("区政府网站专题栏目", "column", "栏目"), ("官方微信公众号", "WeChat account", "微信公众号"),
            ("门户网站信息公开专栏", "disclosure column", "专栏")]
PARTS = ["公告", "工作动态", "统计数据", "政策解读", "通知", "统计分析"]


def _sentence(rng: random.Random, subject: str) -> tuple[str, int, dict[str, int]]:
    parts = {p: rng.randint(1, 90) for p in rng.sample(PARTS, 4)}
    total = sum(parts.values())
    listed = "，".join(f"“{p}” {n} 条" for p, n in parts.items())
    verb = rng.choice(["共发布各类信息", "累计发布信息", "合计发布政务信息", "总共推送信息"])
    return (f"2020 年我局充分发挥{subject}信息公开第一平台作用，本年度{verb} {total} 条，其中{listed}，"
            f"我局将继续提升公开信息的集中度。"), total, parts


@pytest.mark.parametrize("seed", range(12))
def test_a_stated_total_counts_what_its_sentence_is_about(seed):
    rng = random.Random(seed)
    subject, _, zh_word = SUBJECTS[seed % len(SUBJECTS)]
    sentence, total, parts = _sentence(rng, subject)
    for q in (f"在{zh_word}上一共发布了多少条信息？", f"{zh_word}全年发布信息多少条"):
        got = stated_number(sentence, q)
        assert got is not None and got[0] == total, (sentence, q, got)
    part = rng.choice(list(parts))
    got = stated_number(sentence, f"“{part}”有多少条？")
    assert got is not None and got[0] == parts[part], (sentence, part, got)


@pytest.mark.parametrize("seed", range(6))
def test_a_part_listed_after_qiqzhong_is_no_total(seed):
    # a number after 其中 with 共 in its own clause (其中共有…) is still a part: the sentence's subject is not its
    sentence = f"本年度共发布信息 {100 + seed} 条，其中“公告” {10 + seed} 条，“通知”共 {20 + seed} 条。"
    got = stated_number(sentence, "“通知”有多少条？")
    assert got is not None and got[0] == 20 + seed, got


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


GULOU_TOTAL = 142  # 000_…txt line 45 states 本年度共发布各类信息 142 条 (25 + 75 + 12 + 11 + 19)


@pytest.mark.parametrize("ask", [
    "How many items did the Gulou statistics bureau publish on its column of the district government website in 2020?",
    "In total, how many pieces did Gulou's statistics bureau post on its special column in 2020?",
    "鼓楼区统计局2020年在专题栏目一共发布了多少条信息？",
    "福州鼓楼统计局的专题栏目全年共发布各类信息多少条",
])
def test_the_stated_total_of_a_real_report(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == GULOU_TOTAL and got.unit == "count", got.text


@pytest.mark.parametrize("label,count", [("鼓楼统计", 75), ("统计数据", 12), ("统计分析", 11), ("政务公开", 19)])
@pytest.mark.parametrize("quote", ["'{}'", "‘{}’", "“{}”"])
def test_a_chinese_label_quoted_in_english_is_the_thing_counted(settings, label, count, quote):
    got = answer(f"How many {quote.format(label)} items did the Gulou statistics bureau post in 2020?", settings=settings)
    assert got.status == "answered" and got.value == count, got.text


def test_an_apostrophe_is_no_quote(settings):
    # bureau's … Gulou's: apostrophes around English words, no Chinese label between them
    got = answer("What is the Gulou statistics bureau's figure for Gulou's new requests in 2020?", settings=settings)
    gulou = next(g for g in SAMPLES.values() if g["agency"] == "福州市鼓楼区统计局")
    assert got.status == "answered" and got.value == _num(gulou, "requests.new.total"), got.text


@pytest.mark.parametrize("topic", ["open government", "the government website", "government transparency",
                                   "the problems of government disclosure"])
@pytest.mark.parametrize("place,agency", [("Lucheng", "温州市鹿城区统计局"), ("Yinzhou", "宁波市鄞州区统计局"),
                                          ("Gulou", "福州市鼓楼区统计局")])
def test_an_organ_word_in_the_topic_is_no_part_of_the_name(settings, topic, place, agency):
    got = answer(f"What did the {place} bureau say about {topic}?", settings=settings)
    assert got.status == "answered" and got.plan.unknown == [], got.text
    assert {i.label for i in got.items} <= {agency} and got.citations, got.text


# ---- from set 26's blind run (now a training set) -------------------------------------------------------------

ACTIVE_ROWS = [("licensing", "licensing", "行政许可"), ("penalty", "penalty", "行政处罚"), ("coercion", "coercion", "行政强制")]


@pytest.mark.parametrize("row,en,zh", ACTIVE_ROWS)
@pytest.mark.parametrize("form", ["How many prior-year {en} items did {who} list in its 2020 report?",
                                  "Number of previous-year {en} items listed by {who}?",
                                  "{who}'s prior year {en} item count"])
def test_a_prior_year_adjective_names_the_previous_year_column(settings, row, en, zh, form):
    erqi = next(g for g in SAMPLES.values() if g["agency"] == "郑州市二七区统计局")
    got = answer(form.format(en=en, who="the Erqi statistics bureau"), settings=settings)
    assert got.status == "answered" and got.value == _num(erqi, f"active.{row}.prev_items"), got.text


@pytest.mark.parametrize("ask", [
    "Of all of Hongze's 2024 review and litigation cases, what fraction ended with the lawsuit upheld?",
    "洪泽区2024年诉讼维持的占行政复议维持的比重是多少",
    "What proportion of Hongze's 2024 reconsideration upheld cases were lawsuits upheld?"])
def test_a_share_larger_than_its_whole_is_not_given(settings, ask):
    # lawsuits upheld (3) against reconsiderations upheld (1): framed as part of a whole, a share over 100 %
    # means the two figures read are not part and whole
    got = answer(ask, settings=settings)
    assert not (got.status == "answered" and isinstance(got.value, float) and got.value > 100), got.text


def test_a_comparison_as_a_percentage_may_exceed_100(settings):
    got = answer("鹿城统计局的行政处罚决定数相当于鄞州统计局的百分之多少？", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(383.33), got.text


@pytest.mark.parametrize("seed", range(10))
def test_a_stated_part_as_a_share_of_the_total_its_sentence_states(seed):
    from qa.models import Plan
    from qa.passages import stated_answer

    rng = random.Random(seed)
    channels = rng.sample(["微博", "微信公众号", "门户网站", "政务新媒体", "公告栏"], 3)
    counts = [rng.randint(5, 900) for _ in channels]
    total = sum(counts)
    lead = rng.choice([f"全年累计发布政府信息{total}条", f"全年主动公开政府信息{total}条", f"共发布信息 {total} 条"])
    sentence = lead + "，其中" + "，".join(f"通过{c}发布{n}条" for c, n in zip(channels, counts)) + "。"
    k = rng.randrange(3)
    plan = Plan(intent="unsupported", ratio="share", terms=[[channels[k]]])
    value, unit, _ = stated_answer(plan, sentence, f"{channels[k]}发布的信息占全部的比例")
    assert unit == "percent" and value == pytest.approx(round(counts[k] / total * 100, 2)), sentence
    # no total stated: a count is not the share asked
    lone = f"通过{channels[k]}发布{counts[k]}条。"
    assert stated_answer(plan, lone, f"{channels[k]}发布的信息占全部的比例")[0] is None


@pytest.mark.parametrize("ask,want", [
    ("鄞州区统计局2019年微博发布的信息占全年发布总数的百分之多少？", 912 / 1459),
    ("What share of the 1,459 items 鄞州区统计局 released in 2019 went out via its Weibo account?", 912 / 1459),
    ("鄞州区统计局2019年通过微信公众号发布的信息占全部发布信息的比例是多少", 170 / 1459),
    ("温泉街道2020年业务公文占主动公开信息的比例", 6 / 7)])
def test_a_stated_share_of_a_real_report(settings, ask, want):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.unit == "percent" and got.value == pytest.approx(round(want * 100, 2)), got.text


@pytest.mark.parametrize("seed", range(8))
def test_the_thing_counted_is_the_noun_after_the_last_de(seed):
    rng = random.Random(seed)
    whole, part, other = rng.randint(20, 99), rng.randint(2, 9), rng.randint(1, 9)
    kind, rest = rng.choice([("业务公文", "其他类信息"), ("政策文件", "工作动态"), ("规范性文件", "其他信息")])
    sentence = f"全年主动公开政府信息{whole + part + other}条，其中{kind}{part}条，{rest}{other}条。"
    for q in (f"主动公开的政府信息里{kind}有几条", f"主动公开政府信息中{kind}多少条"):
        got = stated_number(sentence, q)
        assert got is not None and got[0] == part, (sentence, q, got)


@pytest.mark.parametrize("topic,act", [("部门预算", "公开"), ("部门决算", "公开"), ("政策解读", "工作")])
def test_a_topic_and_its_act_written_apart_are_a_mention(settings, topic, act):
    import re as _re

    from tests.support.gold import SAMPLE_FILES, SAMPLES_DIR

    texts = {name: (SAMPLES_DIR / name).read_text(encoding="utf-8") for name in SAMPLE_FILES}
    got = answer(f"哪些年报提到了{topic}{act}", settings=settings)
    # reports with a sentence holding both words, whether or not they touch
    want = {name for name, text in texts.items()
            if any(topic in s and act in s for s in _re.split(r"[。；;！？!?\n]", text))}
    assert got.status == "answered" and {c.file for c in got.citations} == want, got.text


@pytest.mark.parametrize("ask", ["Among the 2020 reports, which ones state in section 六 that there is nothing more to report?",
                                 "哪些年报在第六部分写了没有其他需要报告的事项？"])
def test_which_reports_by_what_their_text_says_is_not_answered_with_quotes(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" or len(got.items) > 1, got.text


@pytest.mark.parametrize("ask", ["哪些年报没有政府集中采购表", "Which reports carry no publication date?",
                                 "哪些报告用的是2021版模板？", "List the reports that lack a procurement table."])
def test_which_reports_lists_each_agency_once_and_names_every_report(settings, ask):
    got = answer(ask, settings=settings)
    labels = [i.label for i in got.items]
    assert got.status == "answered" and len(labels) == len(set(labels)) and "淮安市洪泽区人民政府" in labels, got.text
    assert "2023" in got.text and "2024" in got.text, got.text


@pytest.mark.parametrize("word,asc", [("asc", True), ("desc", False), ("ascending", True), ("descending", False)])
@pytest.mark.parametrize("key,en", [("active.procurement.amount", "procurement amount"),
                                    ("requests.new.total", "new requests")])
def test_terse_sort_words(settings, word, asc, key, en):
    got = answer(f"rank 2020 agencies by {en} {word}", settings=settings)
    vals = sorted((_num(g, key) for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) is not None),
                  reverse=not asc)
    assert got.status == "answered" and got.value == vals[0], got.text


@pytest.mark.parametrize("ask,agency,key", [("鹿城统计局20年集采项目几个", "温州市鹿城区统计局", "active.procurement.projects"),
                                            ("温泉街道集采金额多少", "福州市鼓楼区温泉街道办事处", "active.procurement.amount")])
def test_jicai_is_centralised_procurement(settings, ask, agency, key):
    got = answer(ask, settings=settings)
    g = next(g for g in SAMPLES.values() if g["agency"] == agency)
    assert got.status == "answered" and got.value == pytest.approx(_num(g, key)), got.text


@pytest.mark.parametrize("ask", ["How many reconsideration cases concerning information disclosure did Hongze report for 2024?",
                                 "How many reconsideration cases regarding disclosure did Hongze have in 2024?"])
def test_about_words_are_no_condition(settings, ask):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE_GOLDS[2024], "review.reconsideration.total"), got.text


@pytest.mark.parametrize("first", ["Show me Hongze's 2024 administrative reconsideration and litigation figures.",
                                   "洪泽区2024年行政复议和行政诉讼分别是多少"])
@pytest.mark.parametrize("then", ["how many cases is that in total?", "加起来呢", "and altogether?"])
def test_the_figures_a_turn_showed_added_up(settings, first, then):
    from tests.support.gold import HONGZE_GOLDS

    g = HONGZE_GOLDS[2024]
    want = _num(g, "review.reconsideration.total") + _num(g, "review.lawsuit_direct.total") + \
        _num(g, "review.lawsuit_after_review.total")
    got = answer(then, history=[first], settings=settings)
    assert got.status == "answered" and got.value == want, got.text


def test_figures_a_turn_joined_stay_joined_in_the_next(settings):
    got = answer("2020年呢", history=["鹿城区统计局和鼓楼区统计局的新收申请分别是多少"], settings=settings)
    assert got.status == "answered" and not got.plan.unused, got.text


@pytest.mark.parametrize("agency,printed", [("郑州市二七区统计局", False), ("宁波市鄞州区统计局", True),
                                            ("福州市鼓楼区统计局", False)])
@pytest.mark.parametrize("then", ["这个金额的单位是报告里印出来的吗", "was that unit actually printed in the report?"])
def test_is_this_figures_unit_printed(settings, agency, printed, then):
    got = answer(then, history=[f"{agency}采购金额多少"], settings=settings)
    assert got.status == "answered" and got.value is printed, got.text


@pytest.mark.parametrize("lead", ["According to its narrative, ", "In its text, ", "As the prose puts it, "])
def test_where_the_figure_is_stated_is_no_topic(settings, lead):
    got = answer(f"{lead}how much did 鄞州区统计局 impose in fines in 2019, in yuan?", settings=settings)
    assert got.status == "answered" and got.value == 24000 and got.unit == "yuan", got.text


@pytest.mark.parametrize("seed", range(8))
def test_a_word_said_twice_in_a_clause_names_the_thing_no_better(seed):
    # 本级政府信息公开平台主动公开377条 says 公开 twice; the clause naming the channel asked is the one
    rng = random.Random(seed)
    a, b, c = (rng.randint(10, 999) for _ in range(3))
    sentence = (f"全年累计发布政府信息{a + b + c}条，其中：本级政府信息公开平台主动公开{a}条，“某某统计”微信公众号主动公开{b}条，"
                f"“某某统计”官方微博主动公开{c}条。")
    for q, want in ((f"{rng.choice(['19', '2019'])}年在官方微博上主动公开了多少条信息？", c),
                    ("在微信公众号上主动公开了多少条信息", b)):
        got = stated_number(sentence, q)
        assert got is not None and got[0] == want, (sentence, q, got)


@pytest.mark.parametrize("ask", ["When was the Lucheng statistics bureau's 2020 report signed off?", "鹿城区统计局的年报是哪天发布的"])
def test_when_one_report_was_published_lists_the_date(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == ["2021-01-12"], got.text
    then = answer("它的采购金额是多少", history=[ask], settings=settings)  # (the date's report is still the agency)
    lucheng = next(g for g in SAMPLES.values() if g["agency"] == "温州市鹿城区统计局")
    assert then.value == pytest.approx(_num(lucheng, "active.procurement.amount")), then.text


def test_a_share_asked_after_turns_on_one_report_keeps_its_scope(settings):
    from tests.support.gold import HONGZE_GOLDS

    g = HONGZE_GOLDS[2024]
    got = answer("予以公开和部分公开加起来占新收的百分之多少",
                 history=["洪泽区2024年新收申请多少件", "其中予以公开多少"], settings=settings)
    want = (_num(g, "requests.granted.total") + _num(g, "requests.partial.total")) / _num(g, "requests.new.total") * 100
    assert got.status == "answered" and got.value == pytest.approx(round(want, 2)), got.text


@pytest.mark.parametrize("ask", ["公开加部分公开一共占新收的百分之多少", "洪泽区2024年公开加部分公开一共占新收的百分之多少"])
def test_an_added_figure_not_read_withholds_the_share(settings, ask):
    # 公开 alone names no row (予以公开 does): the share of the one figure read would answer another question
    got = answer(ask, history=["洪泽区2024年新收申请多少件"], settings=settings)
    assert got.status != "answered", got.text


COLS_OF_ROWS = [("active.procurement.projects", "procurement projects", "采购项目数"),
                ("active.procurement.amount", "procurement amount", "采购金额"),
                ("active.penalty.decisions", "administrative penalty decisions", "行政处罚决定数"),
                ("active.penalty.prev_items", "administrative penalty previous-year items", "行政处罚上一年项目数量")]


@pytest.mark.parametrize("seed", range(8))
def test_one_row_named_twice_with_two_columns_reads_both(settings, seed):
    rng = random.Random(seed)
    picked = rng.sample(COLS_OF_ROWS, 3)
    lucheng = next(g for g in SAMPLES.values() if g["agency"] == "温州市鹿城区统计局")
    for q in ("Give me the Lucheng statistics bureau's 2020 " + ", ".join(p[1] for p in picked[:-1]) + f" and {picked[-1][1]}.",
              "鹿城区统计局2020年的" + "、".join(p[2] for p in picked[:-1]) + f"和{picked[-1][2]}"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.plan.metrics == [p[0] for p in picked], (q, got.text)
        assert [i.value for i in got.items] == [_num(lucheng, p[0]) for p in picked], (q, got.text)


@pytest.mark.parametrize("aside", ["（八类合计）", "（各种理由合计）", "(all of its reasons combined)"])
def test_an_aside_saying_how_a_row_adds_up_adds_no_figure(settings, aside):
    from tests.support.gold import HONGZE_GOLDS

    g = HONGZE_GOLDS[2024]
    got = answer(f"洪泽区2024年不予公开{aside}占本年新收申请的比例是多少", settings=settings)
    withheld = sum(v["value"] for k, v in g["facts"].items() if k.startswith("requests.withheld_") and k.endswith(".total")
                   and v["state"] == "number")
    assert got.status == "answered" and got.value == pytest.approx(round(withheld / _num(g, "requests.new.total") * 100, 2)), got.text


# ---- from set 27's blind run (now a training set) -------------------------------------------------------------

LOOKUPS = [("温州市鹿城区统计局", "鹿城区统计局", "the Lucheng statistics bureau", "active.penalty.decisions",
            "行政处罚决定数", "penalty decisions"),
           ("郑州市二七区统计局", "二七区统计局", "the Erqi statistics bureau", "active.procurement.projects",
            "采购项目数", "procurement projects"),
           ("福州市鼓楼区温泉街道办事处", "温泉街道", "the Wenquan street office", "requests.new.total",
            "新收申请数", "new disclosure requests")]
HEADINGS_ZH = ["纪检复核：", "因撰写工作简报需要，特此询问：", "做区域比较：", "因编制对比材料需要，特此询问："]
LEADS_EN = ["For a briefing on public demand for information, ", "For my article on open government, ",
            "Ahead of a meeting on transparency, "]


@pytest.mark.parametrize("agency,zh_name,en_name,key,zh,en", LOOKUPS)
def test_a_heading_or_lead_in_naming_nothing_is_dropped(settings, agency, zh_name, en_name, key, zh, en):
    g = next(g for g in SAMPLES.values() if g["agency"] == agency)
    for q in [f"{h}{zh_name}2020年{zh}是多少？" for h in HEADINGS_ZH] + \
             [f"{lead}how many {en} did {en_name} report in 2020?" for lead in LEADS_EN]:
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == _num(g, key), (q, got.text)


@pytest.mark.parametrize("ask", ["行政许可：洪泽区2023年处理决定多少件", "Statement to check: Hongze had fewer applications in 2023 than in 2024."])
def test_a_heading_that_names_a_figure_or_a_check_stays(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.plan.metrics, got.text


@pytest.mark.parametrize("short,full", [("区府", "洪泽区政府"), ("洪泽区府", "洪泽区政府")])
def test_a_government_written_short(settings, short, full):
    got = answer(f"{short}（洪泽区）2024年度新收申请数量是多少？" if short == "区府" else f"{short}2024年新收申请多少",
                 settings=settings)
    want = answer(f"{full}2024年新收申请多少", settings=settings)
    assert got.status == "answered" and got.value == want.value, got.text


@pytest.mark.parametrize("ask", ["On average, how many new disclosure applications did each of the four statistics bureaux receive?",
                                 "Among the four statistics bureaux, which one recorded the most penalty decisions?"])
def test_british_plural_bureaux(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and "bureaux" not in " ".join(got.plan.unused), got.text


@pytest.mark.parametrize("lead", ["Could you confirm how many", "Please confirm how many", "Can you verify how many"])
def test_a_request_to_confirm_is_no_row(settings, lead):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(f"{lead} administrative coercion decisions the Hongze district government reported for 2024?",
                 settings=settings)
    assert got.status == "answered" and got.plan.metrics == ["active.coercion.decisions"], got.text
    assert got.value == _num(HONGZE_GOLDS[2024], "active.coercion.decisions")


@pytest.mark.parametrize("ask", ["How many items did Yinzhou's statistics bureau push out through its official Weibo account in 2019?",
                                 "According to the prose of its 2019 report, how many items did Yinzhou's statistics bureau "
                                 "push out via Weibo?"])
def test_pushed_out_is_published(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == 912, got.text


@pytest.mark.parametrize("kind,label,other", [("government", "淮安市洪泽区人民政府", "a department or a street office"),
                                              ("street office", "福州市鼓楼区温泉街道办事处", "a bureau")])
def test_the_kind_set_against_another_is_not_the_one_asked(settings, kind, label, other):
    q = ("Which agency in the store is a district-level people's government rather than " if kind == "government"
         else "Which agency is a street office rather than ") + other + "?"
    got = answer(q, settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == [label], got.text


@pytest.mark.parametrize("ask", ["For a comparison, could you rank the three provinces by their agencies' total centralised "
                                 "procurement spend, largest first?", "对福建、浙江、河南三省按采购金额从高到低排序"])
def test_ranking_the_provinces_groups_by_province(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.plan.group_by == "province", got.text
    assert [i.label for i in got.items] == ["浙江省", "福建省", "河南省"], got.text


@pytest.mark.parametrize("aside", [", bearing in mind that some amounts were printed without a unit",
                                   ", given that some amounts were printed without a unit"])
def test_a_caveat_naming_a_check_is_no_check_asked(settings, aside):
    got = answer(f"What proportion of the combined procurement spend of all reports is accounted for by the Yinzhou "
                 f"statistics bureau{aside}?", settings=settings)
    assert got.plan.intent == "ratio", got.text


@pytest.mark.parametrize("ask", ["洪泽区2024年行政诉讼（直接起诉和复议后起诉合计）中，结果维持的占比是多少？",
                                 "洪泽区2024年行政诉讼（两类合计）中结果维持的比例"])
def test_an_aside_naming_a_groups_members_keeps_the_group(settings, ask):
    from tests.support.gold import HONGZE_GOLDS

    g = HONGZE_GOLDS[2024]
    upheld = _num(g, "review.lawsuit_direct.upheld") + _num(g, "review.lawsuit_after_review.upheld")
    total = _num(g, "review.lawsuit_direct.total") + _num(g, "review.lawsuit_after_review.total")
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(upheld / total * 100, 2)), got.text


@pytest.mark.parametrize("n,word", [(5, "five"), (4, "four")])
def test_the_n_reports_described_is_no_top_n(settings, n, word):
    got = answer(f"What is the median centralised procurement amount across the {word} reports that have a procurement "
                 "table?", settings=settings)
    assert got.status == "answered" and got.plan.limit is None and got.plan.aggregate == "median", got.text
    top = answer(f"Which are the {word} agencies with the most new requests?", settings=settings)
    assert top.plan.limit == n, top.text


def test_a_median_over_the_years_named(settings):
    got = answer("2019、2020年度各份年报的行政处罚处理决定数量，中位数是多少？", settings=settings)
    vals = sorted(_num(g, "active.penalty.decisions") for g in SAMPLES.values())
    assert got.status == "answered" and got.value == vals[len(vals) // 2], got.text


@pytest.mark.parametrize("ask", ["Could you total the new disclosure applications received by the Hongze district government "
                                 "across both of its annual reports?", "洪泽区政府两份年报的新收申请加起来是多少"])
def test_a_total_across_an_agencys_reports(settings, ask):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(ask, settings=settings)
    want = sum(_num(HONGZE_GOLDS[y], "requests.new.total") for y in (2023, 2024))
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("agency,place,yes", [("鄞州区统计局", "宁波市", True), ("鄞州区统计局", "温州市", False),
                                              ("温泉街道", "福建省", True), ("二七区统计局", "浙江省", False)])
def test_is_an_agency_of_a_place(settings, agency, place, yes):
    got = answer(f"{agency}是{place}的单位吗？", settings=settings)
    assert got.status == "answered" and got.value is yes, got.text


@pytest.mark.parametrize("ask,yes", [("Is the Erqi statistics bureau in Henan?", True),
                                     ("Is the Lucheng statistics bureau in Fujian province?", False)])
def test_is_an_agency_of_a_place_en(settings, ask, yes):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value is yes, got.text


@pytest.mark.parametrize("aside", ["Gulou (Fuzhou)", "Gulou (Fuzhou) statistics"])
def test_a_place_with_its_city_in_brackets(settings, aside):
    lucheng = next(g for g in SAMPLES.values() if g["agency"] == "温州市鹿城区统计局")
    gulou = next(g for g in SAMPLES.values() if g["agency"] == "福州市鼓楼区统计局")
    got = answer(f"How many more procurement projects did the Lucheng bureau list than the {aside} bureau in 2020?",
                 settings=settings)
    want = _num(lucheng, "active.procurement.projects") - _num(gulou, "active.procurement.projects")
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("ask,key,bound", [
    ("Of the agencies whose reports include a centralised procurement table, how many spent less than {b:,} yuan?",
     "active.procurement.amount", 80000),
    ("Of the agencies whose reports include a centralised procurement table, how many spent less than {b:,} yuan?",
     "active.procurement.amount", 200000),
    ("Of the 2020 agencies in the store, how many received fewer than {b} new disclosure applications?",
     "requests.new.total", 2)])
def test_of_the_agencies_how_many(settings, ask, key, bound):
    vals = [_num(g, key) for g in SAMPLES.values() if _num(g, key) is not None and ("2020" not in ask or g["year"] == 2020)]
    got = answer(ask.format(b=bound), settings=settings)
    assert got.status == "answered" and got.value == sum(v < bound for v in vals), got.text


@pytest.mark.parametrize("key,en", [("requests.new.total", "newly received disclosure applications"),
                                    ("active.penalty.decisions", "penalty decisions")])
@pytest.mark.parametrize("verb", ["show no", "report no", "had no"])
def test_how_many_reports_show_none(settings, key, en, verb):
    from tests.support.gold import ALL_GOLDS

    got = answer(f"How many of the seven reports {verb} {en} at all?", settings=settings)
    want = sum(1 for g in ALL_GOLDS if _num(g, key) == 0)
    assert got.status == "answered" and got.value == want, got.text


def test_of_all_the_reports_a_named_agencys_figure_is_no_count(settings):
    lucheng = next(g for g in SAMPLES.values() if g["agency"] == "温州市鹿城区统计局")
    got = answer("Of all the reports, how many projects did Lucheng have?", settings=settings)
    assert got.value == _num(lucheng, "active.procurement.projects"), got.text


@pytest.mark.parametrize("whole", ["their combined procurement spend", "the total procurement spend"])
def test_a_share_of_their_combined_total(settings, whole):
    yinzhou = next(g for g in SAMPLES.values() if g["agency"].endswith("鄞州区统计局"))
    total = sum(_num(g, "active.procurement.amount") for g in SAMPLES.values())
    got = answer(f"What proportion of {whole} is accounted for by the Yinzhou statistics bureau?", settings=settings)
    want = round(_num(yinzhou, "active.procurement.amount") / total * 100, 2)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("col,word", [("other", "other"), ("corrected", "corrected"), ("pending", "pending")])
@pytest.mark.parametrize("quote", ["'{}'", "“{}”", '"{}"'])
def test_a_quoted_english_word_is_read_as_the_term(settings, col, word, quote):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(f"For lawsuits brought after administrative reconsideration, how many ended with a {quote.format(word)} "
                 "result in Hongze's 2024 report?", settings=settings)
    want = _num(HONGZE_GOLDS[2024], f"review.lawsuit_after_review.{col}")
    assert got.status != "answered" or got.value == want, got.text
    assert got.status == "answered" or col != "other", got.text


@pytest.mark.parametrize("bound", [3, 10, 50])
def test_how_many_of_the_reports_counts_reports_not_agencies(settings, bound):
    from tests.support.gold import ALL_GOLDS

    got = answer(f"How many of the seven reports received more than {bound} new applications?", settings=settings)
    want = sum(1 for g in ALL_GOLDS if (_num(g, "requests.new.total") or 0) > bound)
    assert got.status == "answered" and got.value == want, got.text


# ---- from set 28's blind run (now a training set) -------------------------------------------------------------

@pytest.mark.parametrize("then,want", [("其中业务公文几条", 6), ("其他类信息呢", 1),
                                       ("And how many of those were official documents (公文)?", 6)])
def test_a_follow_up_naming_its_own_stated_figure(settings, then, want):
    got = answer(then, history=["温泉街道2020年主动公开了多少条信息"], settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("ask", ["Across its 2023 and 2024 reports, how many items did Hongze say it proactively published "
                                 "on the government website in total?", "洪泽区2023年和2024年在政府网站上一共主动公开了多少条政府信息"])
def test_figures_several_reports_state_added_up(parsed, ask):  # noqa: F811
    # (2023: 在政府网站平台主动公开政府信息 1136条; 2024: 在政府网站平台主动发布各类政府信息2428 条)
    got = answer(ask, settings=parsed)
    assert got.status == "answered" and got.value == 1136 + 2428, got.text


@pytest.mark.parametrize("rows,n", [("行政许可、行政处罚、行政强制三类事项", 3), ("行政许可、行政处罚两类事项", 2)])
def test_n_kinds_added_up_for_one_agency(settings, rows, n):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(f"请问淮安市洪泽区人民政府2024年度{rows}的本年处理决定数量合计为多少件？", settings=settings)
    keys = ["active.licensing.decisions", "active.penalty.decisions", "active.coercion.decisions"][:n]
    assert got.status == "answered" and got.value == sum(_num(HONGZE_GOLDS[2024], k) for k in keys), got.text


@pytest.mark.parametrize("key,zh,en", [("active.procurement.amount", "政府采购金额", "procurement spend"),
                                       ("requests.new.total", "新收申请数", "new requests")])
@pytest.mark.parametrize("pair", [("温州市鹿城区统计局", "福州市鼓楼区统计局"), ("宁波市鄞州区统计局", "郑州市二七区统计局")])
@pytest.mark.parametrize("ask,low", [("哪个多", False), ("哪个少", True), ("这两个哪个多", False), ("which is higher?", False),
                                     ("which one is lower?", True)])
def test_which_of_the_pair_the_turns_named(settings, key, zh, en, pair, ask, low):
    a, b = pair
    first = f"{a}{zh}是多少" if re.search(r"[\u4e00-\u9fff]", ask) else f"What was the {en} of {a}?"
    second = f"{b}呢" if re.search(r"[\u4e00-\u9fff]", ask) else f"and {b}?"
    got = answer(ask, history=[first, second], settings=settings)
    vals = {g: _num(next(x for x in SAMPLES.values() if x["agency"].endswith(g[3:])), key) for g in pair}
    if vals[a] == vals[b]:
        pytest.skip("equal figures")
    want = (min if low else max)(vals, key=vals.get)
    assert got.status == "answered" and got.items and got.items[0].label == want, got.text


def test_a_level_word_before_a_kind(settings):
    got = answer("库里哪个单位属于区级人民政府？", settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == ["淮安市洪泽区人民政府"], got.text


@pytest.mark.parametrize("ask,key,year", [
    ("关于淮安市洪泽区人民政府2024年度政府信息公开工作年度报告所列行政强制事项，其本年处理决定数量在报告中载明为多少件？",
     "active.coercion.decisions", 2024),
    ("洪泽区人民政府2023年度报告所载行政许可处理决定数量为多少件？", "active.licensing.decisions", 2023)])
def test_formal_words_for_what_a_report_states(settings, ask, key, year):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE_GOLDS[year], key), got.text


@pytest.mark.parametrize("who,agency", [("the Wenquan street office", "福州市鼓楼区温泉街道办事处"),
                                        ("the Lucheng statistics bureau", "温州市鹿城区统计局")])
def test_a_share_of_the_stores_spending_in_a_year(settings, who, agency):
    rows = [g for g in SAMPLES.values() if g["year"] == 2020]
    total = sum(_num(g, "active.procurement.amount") for g in rows)
    mine = next(_num(g, "active.procurement.amount") for g in rows if g["agency"] == agency)
    got = answer(f"What share of 2020 procurement spending in the database came from {who}?", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(mine / total * 100, 2)), got.text


@pytest.mark.parametrize("key,zh,en", [("requests.new.total", "新收申请", "new applications"),
                                       ("active.procurement.amount", "采购金额", "procurement spend")])
@pytest.mark.parametrize("year", [None, 2020])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_agency_against_a_kinds_total(settings, key, zh, en, year, lang):
    bureaus = [g for g in SAMPLES.values() if "统计局" in g["agency"] and (year is None or g["year"] == year)]
    wenquan = next(g for g in SAMPLES.values() if "温泉" in g["agency"])
    total = sum(_num(g, key) for g in bureaus)
    if lang == "zh":
        q = f"温泉街道{'2020年' if year else ''}的{zh}比{'2020年' if year else ''}几个统计局加起来还多吗"
    else:
        q = (f"Did the Wenquan street office have more {en}{' in 2020' if year else ''} than the"
             f"{' 2020' if year else ''} statistics bureaus put together?")
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (_num(wenquan, key) > total), got.text


@pytest.mark.parametrize("ask", ["Per its write-up, how many items did the Wenquan office proactively disclose in 2020, and how "
                                 "many of those were official documents (公文)?", "温泉街道2020年主动公开了多少条信息，其中业务公文几条"])
def test_two_stated_figures_asked_at_once_are_not_answered_with_one(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" or len([i for i in got.items if i.value is not None]) == 2, got.text


# ---- from set 29's blind run (now a training set) -------------------------------------------------------------

@pytest.mark.parametrize("head", ["Statistics bureaus only:", "Street offices only:"])
def test_a_heading_naming_a_kind_stays(settings, head):
    got = answer(f"{head} which one had the most penalty decisions?" if head.isascii() else f"{head}哪个单位行政处罚决定最多？",
                 settings=settings)
    assert got.status == "answered" and ("统计局" in got.items[0].label or "街道" in got.items[0].label), got.text
    assert ("Street" in head) == ("街道" in got.items[0].label), got.text


@pytest.mark.parametrize("ask", ["二七区统计局有多少工作人员？", "How many staff does the Erqi statistics bureau have?",
                                 "鹿城区统计局有几名公务员"])
def test_staff_counts_are_no_figure_of_the_reports(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "no_data" and got.value is None, got.text


@pytest.mark.parametrize("ask", ["温泉街道的年报落款日期是2020年12月31日之后的第几天？",
                                 "How many days after the end of 2020 did Wenquan date its report?"])
def test_days_between_dates_are_refused_not_checked(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("organ,n", [("区统计局", 4), ("街道", 1)])
def test_how_many_reports_of_an_organ(settings, organ, n):
    got = answer(f"库里一共有几份{organ}的年报？", settings=settings)
    assert got.status == "answered" and got.value == n, got.text


@pytest.mark.parametrize("ask", ["What did 二七区统计局 write under 'other matters to report'?", "二七区统计局第六部分写了什么"])
def test_a_section_whose_text_shares_no_word_is_quoted_whole(parsed, ask):  # noqa: F811
    got = answer(ask, settings=parsed)
    assert got.status == "answered" and any(c.section == "六" for c in got.citations), got.text


@pytest.mark.parametrize("word", ["official", "officially", "officials"])
def test_a_word_a_pattern_spells_draws_no_correction_of_a_known_word(word):
    from qa.typos import correction

    assert correction("official") is None and correction("publicly") is None


@pytest.mark.parametrize("ask", ["Across all of Hongze's 2024 reconsideration and lawsuit cases, what percentage were upheld?",
                                 "洪泽区2024年行政复议和行政诉讼中，结果维持的占比是多少"])
def test_one_column_over_several_rows(settings, ask):
    from tests.support.gold import HONGZE_GOLDS

    g = HONGZE_GOLDS[2024]
    rows = ["review.reconsideration", "review.lawsuit_direct", "review.lawsuit_after_review"]
    want = sum(_num(g, f"{r}.upheld") for r in rows) / sum(_num(g, f"{r}.total") for r in rows) * 100
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(want, 2)), got.text


def test_one_column_over_another_rows_column_when_the_base_is_named(settings):
    from tests.support.gold import HONGZE_GOLDS

    g = HONGZE_GOLDS[2024]
    lawsuits = _num(g, "review.lawsuit_direct.upheld") + _num(g, "review.lawsuit_after_review.upheld")
    got = answer("洪泽区2024年行政复议维持的占行政诉讼维持的比例", settings=settings)
    assert got.value == pytest.approx(round(_num(g, "review.reconsideration.upheld") / lawsuits * 100, 2)), got.text


def test_the_text_against_itself_is_withheld(settings):
    got = answer("鼓楼区统计局报告里有两处说主动公开/发布了多少条信息，这两个数一致吗？", settings=settings)
    assert got.status != "answered", got.text


def test_which_is_more_in_the_years_each_turn_asked(settings):
    got = answer("哪个多？", history=["鹿城区统计局2020年行政处罚决定多少个？", "鄞州区统计局2019年呢？"], settings=settings)
    assert got.status == "answered" and got.items[0].label == "温州市鹿城区统计局", got.text


@pytest.mark.parametrize("row", ["coercion", "penalty", "licensing"])
@pytest.mark.parametrize("form", ["Erqi stats bureau 2020, {r} items prev year?", "Erqi 2020 {r} prev-year items?"])
def test_prev_year_abbreviated(settings, row, form):
    erqi = next(g for g in SAMPLES.values() if g["agency"] == "郑州市二七区统计局")
    got = answer(form.format(r=row), settings=settings)
    assert got.status == "answered" and got.value == _num(erqi, f"active.{row}.prev_items"), got.text


@pytest.mark.parametrize("ask,key,year", [("Hongze 2023 normative docs repealed?", "active.normative.repealed", 2023),
                                          ("How many FOIA requests did the Hongze government get in 2023?",
                                           "requests.new.total", 2023)])
def test_short_and_foreign_names_of_the_same_thing(settings, ask, key, year):
    from tests.support.gold import HONGZE_GOLDS

    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE_GOLDS[year], key), got.text


@pytest.mark.parametrize("agency", ["温州市鹿城区统计局", "福州市鼓楼区温泉街道办事处"])
def test_commercial_companies_are_the_business_column(settings, agency):
    g = next(x for x in SAMPLES.values() if x["agency"] == agency)
    got = answer(f"How many disclosure requests did commercial companies file with {agency} in 2020?", settings=settings)
    assert got.status == "answered" and got.value == _num(g, "requests.new.business"), got.text


@pytest.mark.parametrize("ask", ["鄞州区统计局2019年查处统计违法案件，罚款一共罚了多少钱？", "鄞州区统计局2019年罚款罚了多少钱"])
def test_how_much_money_of_a_prose_fine(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == 24000 and got.unit == "yuan", got.text


def test_which_is_least_of_three_turns_a_year_carried_over_does_not_drop_them(settings):
    # 鄞州 2019, then 鹿城呢, 二七区呢 (2020 reports, the 2019 of the first turn carried over): all three compared
    got = answer("这三个里面哪个最少", history=["鄞州区统计局2019年采购金额是多少", "鹿城呢", "二七区呢"], settings=settings)
    vals = {g["agency"]: _num(g, "active.procurement.amount") for g in SAMPLES.values()
            if any(k in g["agency"] for k in ("鄞州", "鹿城", "二七"))}
    low = min(vals, key=vals.get)
    assert got.status == "answered" and got.items[0].label.endswith(low), got.text


# ---- from set 30's blind run (now a training set) -------------------------------------------------------------

@pytest.mark.parametrize("ask", ["鄞州区统计局2019年通过“鄞州统计”微信公众号和官方微博合计主动公开了多少条信息？",
                                 "鄞州区统计局2019年微信公众号和微博一共发布了多少条"])
def test_parts_of_one_sentence_added_up(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == 170 + 912, got.text


@pytest.mark.parametrize("ask,yes", [("洪泽区2024年的年报用的是2021版的年报格式（国办公开办函〔2021〕30号）吗？", True),
                                     ("鄞州区统计局的年报用的是2021版的年报格式吗？", False)])
def test_a_template_called_a_format(settings, ask, yes):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value is yes, got.text


def test_how_many_named_kind_agencies_have_reports(settings):
    got = answer("How many different statistics bureaus (统计局) have reports in the database?", settings=settings)
    assert got.status == "answered" and got.value == 4, got.text


def test_a_numbered_heading_path_names_its_last_cell(settings):
    got = answer("请核对福州市鼓楼区温泉街道办事处2020年度报告 三、本年度办理结果（五）不予处理 1.信访举报投诉类申请 一行的“总计”栏所填数值。",
                 settings=settings)
    assert got.plan.metrics == ["requests.declined_complaint.total"] and got.status != "answered", got.text  # blank


def test_several_figures_with_one_blank_say_so(settings):
    got = answer("温泉街道2020年办理结果总计和信访举报投诉类申请总计分别是多少", settings=settings)
    assert got.value is None and ("blank" in got.text or "空白" in got.text or "无可用数值" in got.text), got.text


@pytest.mark.parametrize("year,key", [(2020, "requests.new.total"), (2020, "active.penalty.decisions")])
def test_the_most_against_the_least(settings, year, key):
    vals = [_num(g, key) for g in SAMPLES.values() if g["year"] == year]
    zh = {"requests.new.total": "新收申请", "active.penalty.decisions": "行政处罚决定"}[key]
    got = answer(f"{year}年的报告中，{zh}最多的单位比最少的单位多多少件？", settings=settings)
    assert got.status == "answered" and got.value == max(vals) - min(vals), got.text


def test_more_than_in_their_previous_year(settings):
    got = answer("Which agencies received more disclosure applications than in their previous year in the database?",
                 settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == ["淮安市洪泽区人民政府"], got.text


@pytest.mark.parametrize("before,after", [("您好！我是一位退休老人，平时喜欢看看政府公开的材料。麻烦您帮我查一下：", "非常感谢！"),
                                          ("您好，打扰了。我儿子在外地工作。请问", "谢谢您耐心解答。"),
                                          ("Hi! I am a retired teacher. ", " Thanks so much!")])
@pytest.mark.parametrize("agency,key,zh,en", [("福州市鼓楼区温泉街道办事处", "requests.unavailable_not_held.total",
                                               "温泉街道办事处2020年因为本机关不掌握相关政府信息而无法提供的申请一共有几件？",
                                               "how many requests did the Wenquan street office turn away in 2020 because "
                                               "it did not hold the information?"),
                                              ("温州市鹿城区统计局", "active.penalty.decisions", "鹿城区统计局2020年行政处罚决定多少件？",
                                               "how many penalty decisions did the Lucheng statistics bureau make in 2020?")])
def test_greetings_thanks_and_who_asks_are_not_the_question(settings, before, after, agency, key, zh, en):
    g = next(x for x in SAMPLES.values() if x["agency"] == agency)
    q = before + (en if before.isascii() else zh) + after
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == _num(g, key), got.text


@pytest.mark.parametrize("ask", ["想問吓，鄞州區統計局2019年嗰份年報入面，政府集中採購總金額係幾多錢呀？唔該晒！",
                                 "鄞州區統計局2019年嗰份年報入面，採購金額係幾多？"])
def test_more_cantonese(settings, ask):
    g = next(x for x in SAMPLES.values() if x["agency"].endswith("鄞州区统计局"))
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_num(g, "active.procurement.amount")), got.text


@pytest.mark.parametrize("asker", ["我是福州鼓楼的一位退休老人，平时喜欢看看政府公开的材料。", "我住在温泉街道。"])
def test_an_asker_sentence_naming_a_place_is_kept_and_never_answers_another_question(settings, asker):
    # (我住在温泉街道 may be the question's scope: kept; whatever it leaves unread withholds, never a wrong figure)
    lucheng = next(x for x in SAMPLES.values() if x["agency"] == "温州市鹿城区统计局")
    got = answer(f"您好！{asker}请问鹿城区统计局2020年行政处罚决定多少件？谢谢！", settings=settings)
    assert got.status != "answered" or got.value == _num(lucheng, "active.penalty.decisions"), got.text
