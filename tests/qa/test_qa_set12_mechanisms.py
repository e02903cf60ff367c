"""Question forms found missing by hold-out set 12 (blind first run 73.3 % right, 8.3 % answered wrongly;
now a training set), fixed by mechanism and tested here on generated variants, not on its wording:

- an English agency name followed by another city ("the Gulou district statistics bureau of Nanjing") is
  not the stored agency of that name elsewhere;
- a share whose base is named first (办理的申请中，予以公开的占比) is the named row over the base;
- a difference with a verb inside (比B多做了几件, 比B少收了多少) is a difference;
- a follow-up total with no scope words (一共几个采购项目？) is the previous agency's, not every report's;
- "what do they add up to?" after two agencies' figures adds them;
- whether a report uses a template is a yes / no; "which agency is a street office" filters by kind.
Expected values come from the gold cells and the gold metadata."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

GOLD = {name: load_gold(name) for name in SAMPLE_FILES}
HONGZE = {y: load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)}
SHORT = {"温州市鹿城区统计局": "鹿城区统计局", "郑州市二七区统计局": "二七区统计局", "福州市鼓楼区统计局": "福州鼓楼区统计局",
         "宁波市鄞州区统计局": "鄞州区统计局", "福州市鼓楼区温泉街道办事处": "温泉街道"}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _cell(gold: dict, key: str):
    fact = gold["facts"].get(key) or {}
    return fact.get("value") if fact.get("state") == "number" else None


def _short(gold: dict) -> str:
    return SHORT.get(gold["agency"], gold["agency"])


@pytest.mark.parametrize("city", ["Nanjing", "Xuzhou", "Kaifeng"])
@pytest.mark.parametrize("ask", ["How many procurement projects did the Gulou district statistics bureau of {c} have in 2020?",
                                 "How many requests did the Gulou statistics bureau in {c} receive in 2020?"])
def test_an_english_name_in_another_city_is_not_the_stored_agency(settings, city, ask):
    got = answer(ask.format(c=city), settings=settings)
    assert got.status == "no_data" and got.value is None, got.text
    same = answer(ask.format(c="Fuzhou"), settings=settings)  # the stored one, named with its own city
    assert same.status == "answered" and same.value is not None, same.text


@pytest.mark.parametrize("row,key", [("予以公开", "granted"), ("部分公开", "partial")])
@pytest.mark.parametrize("ask", ["洪泽区{y}年办理的申请中，{r}的占比是多少？", "洪泽区{y}年办理结果中{r}的占多少？",
                                 "洪泽区{y}年{r}占办理结果总数的比例"])
@pytest.mark.parametrize("year", [2023, 2024])
def test_a_share_is_the_row_over_its_base_wherever_the_base_is_named(settings, row, key, ask, year):
    gold = HONGZE[year]
    part, base = _cell(gold, f"requests.{key}.total"), _cell(gold, "requests.handled.total")
    got = answer(ask.format(y=year, r=row), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(100 * part / base, 2)), got.text


def _pairs(key: str):
    golds = list(GOLD.values())
    return [(a, b) for a in golds for b in golds if a is not b and _cell(a, key) is not None
            and _cell(b, key) is not None and _cell(a, key) != _cell(b, key)]


@pytest.mark.parametrize("verb,key", [("多做了几件行政处罚决定", "active.penalty.decisions"),
                                      ("多收了多少件申请", "requests.new.total"),
                                      ("少收了几件申请", "requests.new.total")])
def test_a_difference_with_a_verb_inside(settings, verb, key):
    checked = 0
    for a, b in _pairs(key)[::3]:
        want = _cell(a, key) - _cell(b, key)
        if (want > 0) != verb.startswith("多"):
            continue  # asked in the direction the figures go
        got = answer(f"{_short(a)}比{_short(b)}{verb}？", settings=settings)
        assert got.status == "answered" and got.value == abs(want), got.text
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("name", list(GOLD))
@pytest.mark.parametrize("then", ["一共几个采购项目？", "总共有多少个采购项目？"])
def test_a_follow_up_total_keeps_the_agency(settings, name, then):
    gold = GOLD[name]
    got = answer(then, [f"{_short(gold)}{gold['year']}年政府采购花了多少钱？"], settings=settings)
    assert got.status == "answered" and got.value == _cell(gold, "active.procurement.projects"), got.text


def test_a_follow_up_total_over_everyone_says_so(settings):
    got = answer("所有单位的采购项目合计多少个？", ["鹿城区统计局2020年政府采购花了多少钱？"], settings=settings)
    assert got.value == sum(_cell(g, "active.procurement.projects") for g in GOLD.values()), got.text


@pytest.mark.parametrize("ask", ["What do they add up to?", "What do the two add up to?", "And added up?"])
def test_they_add_up_to_after_two_agencies(settings, ask):
    a, b = GOLD["003_acfa5b9243423631.txt"], GOLD["000_2133ae744f48d674.txt"]
    first = "Give me Wenquan subdistrict's and the Gulou statistics bureau's application counts for 2020."
    got = answer(ask, [first], settings=settings)
    assert got.status == "answered"
    assert got.value == _cell(a, "requests.new.total") + _cell(b, "requests.new.total"), got.text


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("gold", [*GOLD.values(), *HONGZE.values()], ids=lambda g: f"{g['agency']}{g['year']}")
def test_whether_a_report_uses_a_template_is_yes_or_no(settings, template, gold):
    short = _short(gold) if "洪泽" not in gold["agency"] else "洪泽区"
    for ask in (f"{short}{gold['year']}年那份报告用的是{template}版的模板吗？",
                f"{short}{gold['year']}年的年报是不是{template}版模板？"):
        got = answer(ask, settings=settings)
        assert got.status == "answered" and got.value is (gold["template"] == template), got.text


@pytest.mark.parametrize("ask", ["哪些单位是街道办事处？", "Which agency in the store is a subdistrict (street) office?",
                                 "Which agencies are street offices?", "库里哪个单位是街道？"])
def test_which_agency_is_of_a_kind(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == ["福州市鼓楼区温泉街道办事处"], got.text


@pytest.mark.parametrize("ask,zh", [("哪些报告没有政府集中采购这张表？", True), ("哪些年报缺少采购金额数据？", True),
                                    ("Which reports have no procurement table?", False)])
def test_reasons_a_report_lacks_a_figure_are_in_the_question_language(settings, ask, zh):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == 2 and [i.label for i in got.items] == ["淮安市洪泽区人民政府"], got.text
    assert ("2023、2024" if zh else "2023, 2024") in got.text, got.text
    assert ("template has no" not in got.text) == zh and ("模板没有" in got.text) == zh, got.text
