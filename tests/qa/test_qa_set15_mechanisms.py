"""Question forms found missing by hold-out set 15 (blind first run 71.7 % right, 7.5 % answered wrongly; now a
training set), fixed by mechanism and tested on generated variants, not on its wording:

- English "who" / "which" / "list" are words (the "who" in "whole" made a total a ranking, a wrong answer);
- a follow-up adding up two turns counts a place named for its one agency as that agency (Wenquan's amount,
  then the Gulou statistics bureau's: both); 这两家 / those two agencies after a list are the listed agencies,
  their figures side by side (the ranking that listed them is not asked again);
- does a table add up? (勾稽关系都能对上吗) is answered from the side of passing: yes when no equation fails;
- an order asked for with "order … by … smallest first" is the whole ranking;
- one report dated earlier or later than another (落款日期是不是比…早), agencies without a date each once;
- a phrase no report writes (要邀请律师来授课) is looked for by its content words, said as such;
- a bare organ noun after a place holding one agency (Yinzhou's bureau, the Erqi bureau) is that agency;
  a website named after an organ (鼓楼政府网, the Gulou government site) is no agency asked;
- above the average said as beat / than the bureaus' average; 街道办事处这一级; the 2021 version of the
  template; asking and formatting words (filing tonight, to the fen, a single integer, 百分数保留两位小数).
Expected values come from the gold files."""
from __future__ import annotations

import itertools

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.qa.test_qa_consistency import parsed  # noqa: F401 - the store read by the parser (a fixture)
from tests.support.gold import SAMPLE_FILES, load_gold

SAMPLES = {g["agency"]: g for g in (load_gold(n) for n in SAMPLE_FILES)}
HONGZE = {y: load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)}
ALL = [*SAMPLES.values(), *HONGZE.values()]
KEYS = {"requests.new.total": "new disclosure applications", "active.penalty.decisions": "penalty decisions",
        "active.procurement.projects": "procurement projects"}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _v(g: dict, key: str) -> float:
    f = g["facts"][key]
    assert f["state"] == "number"
    return f["value"]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("frame", ["Total {m} across the whole database, every year combined?",
                                   "What is the whole total of {m}, all reports together?",
                                   "Across the whole store, what is the total of {m}?"])
def test_who_inside_a_word_is_no_question_word(settings, key, frame):
    got = answer(frame.format(m=KEYS[key]), settings=settings)
    want = sum(g["facts"][key]["value"] for g in ALL if g["facts"].get(key, {}).get("state") == "number")
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


PLACES = {"Wenquan": "福州市鼓楼区温泉街道办事处", "Lucheng": "温州市鹿城区统计局", "Erqi": "郑州市二七区统计局"}
FULL = {"福州市鼓楼区统计局": "the Gulou statistics bureau", "鄞州区统计局": "the Yinzhou statistics bureau"}


@pytest.mark.parametrize("place,full", list(itertools.product(PLACES, FULL)))
@pytest.mark.parametrize("key", ["active.procurement.amount", "active.procurement.projects"])
@pytest.mark.parametrize("last", ["What's the combined figure for both?", "Add them up.", "两者加起来是多少？"])
def test_two_turns_added_up_count_a_place_as_its_one_agency(settings, place, full, key, last):
    what = "procurement amount" if key.endswith("amount") else "number of procurement projects"
    year = SAMPLES[full]["year"]
    turns = [f"Tell me {place}'s {year} {what}.", f"And {FULL[full]}'s?"]
    if SAMPLES[PLACES[place]]["year"] != year:
        turns[0] = f"Tell me {place}'s {what}."
    got = answer(last, turns, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(
        _v(SAMPLES[PLACES[place]], key) + _v(SAMPLES[full], key)), got.text


@pytest.mark.parametrize("n,zh,en", [(2, "两", "two"), (3, "三", "three")])
@pytest.mark.parametrize("key,m,em", [("active.procurement.projects", "采购项目数", "project counts"),
                                      ("active.penalty.decisions", "行政处罚决定数", "penalty decision counts")])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_those_listed_agencies_are_the_scope_side_by_side(settings, n, zh, en, key, m, em, lang):
    ranked = sorted((g for g in SAMPLES.values() if g["facts"]["active.procurement.amount"]["state"] == "number"),
                    key=lambda g: -g["facts"]["active.procurement.amount"]["value"])[:n]
    first = f"列出采购金额最高的{zh}个单位" if lang == "zh" else f"List the {en} agencies with the highest procurement amount."
    then = f"这{zh}家的{m}分别是多少？" if lang == "zh" else f"What are the {em} of those {en} agencies?"
    got = answer(then, [first], settings=settings)
    want = {g.get("agency_full") or g["agency"]: _v(g, key) for g in ranked}
    got_items = {i.label: i.value for i in got.items}
    assert got.status == "answered" and len(got_items) == n, got.text
    assert sorted(got_items.values()) == sorted(want.values()), got.text


@pytest.mark.parametrize("agency,name", [("郑州市二七区统计局", "二七区统计局"), ("温州市鹿城区统计局", "鹿城区统计局"),
                                         ("福州市鼓楼区统计局", "鼓楼区统计局")])
@pytest.mark.parametrize("table,rules", [("申请表", ("R1", "R2", "R3")), ("复议诉讼表", ("R4",))])
@pytest.mark.parametrize("frame", ["{n}2020年的{t}，勾稽关系都能对上吗？", "{n}2020年{t}的数据能对得上吗？"])
def test_does_a_table_add_up_is_yes_when_no_equation_fails(settings, agency, name, table, rules, frame):
    g = SAMPLES[agency]
    fails = any(g["checks"].get(r) is False or g["checks"].get(r) == "fail" for r in rules)
    got = answer(frame.format(n=name, t=table), settings=settings)
    assert got.status == "answered" and got.value is (not fails), got.text


def test_a_failing_review_table_does_not_add_up(settings):
    got = answer("洪泽区2023年的复议表勾稽关系能对上吗？", settings=settings)
    assert got.status == "answered" and got.value is False, got.text


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("frame,desc", [("Order the agencies by {m}, smallest first.", False),
                                        ("Order the Zhejiang and Fujian agencies by {m}, biggest first.", True),
                                        ("In order of {m}, least first, list the agencies.", False)])
def test_order_by_is_the_whole_ranking(settings, key, frame, desc):
    got = answer(frame.format(m=KEYS[key]), settings=settings)
    assert got.status == "answered" and len(got.items) >= 3, got.text
    values = [i.value for i in got.items]
    assert values == sorted(values, reverse=desc), got.text


DATED = {g["agency"]: g["published"] for g in SAMPLES.values() if g.get("published")}


@pytest.mark.parametrize("a,b", list(itertools.permutations(DATED, 2)))
@pytest.mark.parametrize("frame,earlier", [("{a}的年报落款日期是不是比{b}的早？", True), ("{a}的年报是不是比{b}的晚发布？", False),
                                           ("Was {a}'s report published later than {b}'s?", False)])
def test_one_report_dated_earlier_or_later_than_another(settings, a, b, frame, earlier):
    got = answer(frame.format(a=a, b=b), settings=settings)
    want = DATED[a] < DATED[b] if earlier else DATED[a] > DATED[b]
    assert got.status == "answered" and got.value is want, got.text


@pytest.mark.parametrize("ask", ["Which agencies in the database have no date printed under their signature?",
                                 "哪些单位的年报落款没写日期？"])
def test_agencies_without_a_date_are_named_once(settings, ask):
    got = answer(ask, settings=settings)
    want = {g.get("agency_full") or g["agency"] for g in ALL if not g.get("published")}
    assert got.status == "answered" and len(got.items) == len({i.label for i in got.items}) == len(want), got.text


@pytest.mark.parametrize("ask,word", [("2020年的报告里，哪家提到要邀请律师来授课？", "律师"),
                                      ("哪些报告提到了要邀请律师来授课？", "授课")])
def test_a_phrase_no_report_writes_is_looked_for_by_its_words(settings, ask, word):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.items, got.text
    assert all(word in (c.quote or "") for c in got.citations), got.text


def test_a_phrase_whose_words_no_report_writes_is_not_found(settings):
    got = answer("哪些报告提到要邀请宇航员来授课？", settings=settings)
    assert not got.items, got.text


@pytest.mark.parametrize("place,agency", [("Yinzhou's bureau", "鄞州区统计局"), ("the Erqi bureau", "郑州市二七区统计局"),
                                          ("Lucheng's office", "温州市鹿城区统计局")])
def test_a_bare_organ_noun_after_a_place_of_one_agency_is_that_agency(settings, place, agency):
    got = answer(f"How many penalty decisions did {place} make?", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_v(SAMPLES[agency], "active.penalty.decisions")), got.text


@pytest.mark.parametrize("noun,ending", [("bureau", "统计局"), ("office", "街道办事处")])
def test_a_bare_organ_noun_after_a_place_of_several_is_the_one_it_fits(settings, noun, ending):
    # Gulou holds a 统计局 and a 街道办事处: a bureau is the 局, an office the 办事处 (never the two summed)
    got = answer(f"How many requests did the Gulou {noun} receive in 2020?", settings=settings)
    want = next(g for g in SAMPLES.values() if "鼓楼区" in g["agency"] and g["agency"].endswith(ending))
    assert got.status == "answered" and [i.label for i in got.items] == [want["agency"]], got.text
    assert got.value == pytest.approx(_v(want, "requests.new.total")), got.text


@pytest.mark.parametrize("noun", ["commission", "committee", "authority"])
def test_a_bare_organ_noun_no_agency_of_the_place_fits_is_not_guessed(settings, noun):
    got = answer(f"How many requests did the Gulou {noun} receive in 2020?", settings=settings)
    assert got.status != "answered" or len(got.items) != 1 or got.plan.unknown, got.text


@pytest.mark.parametrize("ask", ["鼓楼统计局在鼓楼政府网统计局专题栏目上一年发了多少条各类信息？",
                                 "鼓楼区统计局在鼓楼政府网站上的专题栏目2020年发了多少条信息？"])
def test_a_website_named_after_an_organ_is_no_agency_asked_zh(parsed, ask):  # noqa: F811
    got = answer(ask, settings=parsed)
    assert got.plan.unknown == [] and got.status == "answered", got.text


@pytest.mark.parametrize("frame", ["Which statistics bureaus issued more penalty decisions than the bureaus' average?",
                                   "List the statistics bureaus whose penalty decisions beat the average."])
def test_above_the_average_in_other_words(settings, frame):
    got = answer(frame, settings=settings)
    vals = [(g["agency"], _v(g, "active.penalty.decisions")) for g in SAMPLES.values() if "统计局" in g["agency"]]
    mean = sum(v for _, v in vals) / len(vals)
    assert got.status == "answered" and len(got.items) == sum(v > mean for _, v in vals), got.text


@pytest.mark.parametrize("ask,key", [("库里街道办事处这一级的单位，2020年政府集中采购花了多少钱？", "active.procurement.amount"),
                                     ("街道这一级的单位2020年收到多少申请？", "requests.new.total")])
def test_street_offices_named_as_a_level(settings, ask, key):
    got = answer(ask, settings=settings)
    want = sum(_v(g, key) for g in SAMPLES.values() if g.get("agency_kind") == "street_office")
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("ask", ["Filing tonight, need one figure: in Erqi's 2020 report, how many penalty decisions?",
                                 "Return a single integer. How many penalty decisions did Erqi make in 2020?",
                                 "Statement to check: Erqi made 0 penalty decisions in 2020."])
def test_asking_and_formatting_words_ask_nothing_new(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered", got.text


@pytest.mark.parametrize("key,m", [("requests.new.total", "applications"), ("active.penalty.decisions", "penalty decisions")])
@pytest.mark.parametrize("frame,fewer", [("Statement to check: Hongze had fewer {m} in {a} than in {b}.", True),
                                         ("True or false: Hongze had more {m} in {a} than in {b}.", False)])
@pytest.mark.parametrize("a", [2023, 2024])
def test_a_statement_to_check_is_a_yes_no(settings, key, m, frame, fewer, a):
    b = 4047 - a
    got = answer(frame.format(m=m, a=a, b=b), settings=settings)
    va, vb = _v(HONGZE[a], key), _v(HONGZE[b], key)
    assert got.status == "answered" and got.value is ((va < vb) if fewer else (va > vb)), got.text


def test_exactly_n_is_not_read_as_at_least_one(settings):
    got = answer("How many reports say they received exactly one new application?", settings=settings)
    assert not (got.status == "answered" and got.value == sum(
        1 for g in ALL if g["facts"]["requests.new.total"]["value"] > 0)), got.text


@pytest.mark.parametrize("row,zh", [("rules", "规章"), ("normative", "规范性文件")])
@pytest.mark.parametrize("frame", ["鄞州统计局19年对外公开的{r}，总数量填的是多少？", "鄞州区统计局2019年{r}对外公开总数量是多少？"])
def test_the_public_total_column_named_apart(settings, row, zh, frame):
    key = f"active.{row}.public_total"
    g = SAMPLES["鄞州区统计局"]
    if g["facts"].get(key, {}).get("state") != "number":
        pytest.skip("no printed figure")
    got = answer(frame.format(r=zh), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_v(g, key)), got.text


HELD = {"鄞州区统计局": ("鄞州区统计局", "the Yinzhou statistics bureau"), "淮安市洪泽区人民政府": ("洪泽区", "Hongze"),
        "温州市鹿城区统计局": ("鹿城区统计局", "Lucheng")}


@pytest.mark.parametrize("agency", HELD)
@pytest.mark.parametrize("year", [2019, 2020, 2022, 2023, 2024])
@pytest.mark.parametrize("frame", ["{z}有{y}年的年报吗？", "{z}那份年报，说的是{y}年的情况吧？",
                                   "Does the database hold a {y} report for {e}?"])
def test_whether_the_store_holds_a_report_of_a_year(settings, agency, year, frame):
    z, e = HELD[agency]
    got = answer(frame.format(z=z, e=e, y=year), settings=settings)
    held = {g["year"] for g in ALL if (g.get("agency_full") or g["agency"]) == agency or g["agency"] == agency}
    assert got.status == "answered" and got.value is (year in held), got.text


@pytest.mark.parametrize("ask", ["鹿城区统计局是不是数据库里唯一的温州单位？", "洪泽区的年报是不是比鄞州区的长？"])
def test_a_yes_no_the_reading_cannot_answer_yes_or_no_is_withheld(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" or isinstance(got.value, bool), got.text


PROVINCES = {"浙江": ("浙江省", "Zhejiang"), "福建": ("福建省", "Fujian"), "河南": ("河南省", "Henan")}


def _province_total(province: str, key: str) -> float:
    return sum(_v(g, key) for g in SAMPLES.values() if g["province"] == province)


@pytest.mark.parametrize("a,b", list(itertools.permutations(PROVINCES, 2)))
@pytest.mark.parametrize("key,m,em", [("active.procurement.amount", "采购总额", "procurement spending"),
                                      ("requests.new.total", "收到的申请", "new requests")])
@pytest.mark.parametrize("frame,more", [("{a}的单位{m}比{b}的单位高，对吧？", True), ("{a}的单位{m}比{b}的少吗？", False),
                                        ("Is {A}'s total {em} bigger than {B}'s?", True)])
def test_two_places_totals_compared(settings, a, b, key, m, em, frame, more):
    ta, tb = _province_total(PROVINCES[a][0], key), _province_total(PROVINCES[b][0], key)
    if ta == tb:
        pytest.skip("equal totals")
    got = answer(frame.format(a=a, b=b, A=PROVINCES[a][1], B=PROVINCES[b][1], m=m, em=em), settings=settings)
    assert got.status == "answered" and got.value is ((ta > tb) if more else (ta < tb)), got.text
    assert len({c.report for c in got.citations}) == sum(1 for g in SAMPLES.values()
                                                         if g["province"] in (PROVINCES[a][0], PROVINCES[b][0])), got.text
