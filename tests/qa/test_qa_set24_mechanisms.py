"""Question forms found answered wrongly (or refused) by hold-out set 24 (blind first run 85.0 % right, 3.3 %
answered wrongly; now a training set), fixed by mechanism and tested on generated variants, not on its wording:

- "both of them" / "they" after a turn that listed years (not agencies): the agencies listed before it;
- a check asked of "this figure" / "它" after a figure or a report: the check of that figure or report;
- which province and which city: one item each;
- bounds written 大于等于 / 小于或等于 / ≥ include the bound;
- a share of all of a year's spending (the year written in digits);
- per project, how much more did A spend than B: each agency's ratio, the gap between them.
Expected values come from the gold files."""
from __future__ import annotations

import itertools

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num

EN_PROVINCE = {"浙江省": "Zhejiang", "福建省": "Fujian"}
EN_AGENCY = {"鄞州区统计局": "Yinzhou", "温州市鹿城区统计局": "Lucheng", "郑州市二七区统计局": "Erqi",
             "福州市鼓楼区统计局": "the Gulou statistics bureau in Fuzhou", "福州市鼓楼区温泉街道办事处": "the Wenquan street office"}
ZH_AGENCY = {"鄞州区统计局": "鄞州区统计局", "温州市鹿城区统计局": "鹿城区统计局", "郑州市二七区统计局": "二七区统计局",
             "福州市鼓楼区统计局": "福州市鼓楼区统计局", "福州市鼓楼区温泉街道办事处": "温泉街道"}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


@pytest.mark.parametrize("province", sorted(EN_PROVINCE))
@pytest.mark.parametrize("key,en", [("active.procurement.amount", "spend on procurement"),
                                    ("active.penalty.decisions", "make in penalty decisions")])
@pytest.mark.parametrize("ref", ["both of them", "they"])
def test_a_plural_reference_skips_a_turn_that_listed_years(settings, province, key, en, ref):
    mine = [g for g in ALL if g["province"] == province]
    want = sum(_num(g, key) for g in mine)
    turns = [f"Which agencies are in {EN_PROVINCE[province]}?", "ok, and which years are their reports for?"]
    got = answer(f"what did {ref} {en} combined?", history=turns, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("agency", sorted(SAMPLES))
@pytest.mark.parametrize("turns", [("{z}采购花了多少钱？", "这个金额的单位是推断出来的吗"),
                                   ("How much did {e} spend on procurement?", "is that figure's unit a guess?")])
def test_a_check_of_this_figure(settings, agency, turns):
    g = SAMPLES[agency]
    f = g["facts"]["active.procurement.amount"]
    if f.get("state") != "number":
        pytest.skip("no printed amount")
    first, then = turns
    got = answer(then, history=[first.format(z=ZH_AGENCY[agency], e=EN_AGENCY[agency])], settings=settings)
    assert got.status == "answered" and got.value is bool(f.get("unit_assumed")), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("first,then", [("洪泽区{y}年的数据", "它的勾稽关系对得上吗"), ("洪泽区{y}年行政许可多少", "它的勾稽关系对得上吗")])
def test_a_check_of_this_report(settings, year, first, then):
    adds_up = not any(str(v).startswith("fail") for v in HONGZE[year]["checks"].values())
    got = answer(then, history=[first.format(y=year)], settings=settings)
    assert got.status == "answered" and got.value is adds_up, got.text


@pytest.mark.parametrize("agency", sorted(SAMPLES))
@pytest.mark.parametrize("frame", ["{z}属于哪个省哪个市", "Which province and city is {e} in?"])
def test_province_and_city_are_two_items(settings, agency, frame):
    g = SAMPLES[agency]
    got = answer(frame.format(z=ZH_AGENCY[agency], e=EN_AGENCY[agency]), settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == [g["province"], g["city"]], got.text


@pytest.mark.parametrize("key,zh", [("active.penalty.decisions", "行政处罚处理决定数量"), ("requests.new.total", "新收申请数")])
def test_bounds_that_include_themselves(settings, key, zh):
    values = sorted({_num(g, key) for g in ALL if _num(g, key) is not None})
    for cut in values[1:-1]:
        for word, test in (("大于等于", lambda v: v >= cut), ("小于或等于", lambda v: v <= cut), ("≥", lambda v: v >= cut)):
            want = sum(1 for g in ALL if _num(g, key) is not None and test(_num(g, key)))
            got = answer(f"{zh}{word}{int(cut)}的报告有几份？", settings=settings)
            assert got.status == "answered" and got.value == want, (word, cut, got.text)


@pytest.mark.parametrize("agency", sorted(a for a, g in SAMPLES.items() if g["year"] == 2020))
def test_a_share_of_all_of_a_years_spending(settings, agency):
    key = "active.procurement.amount"
    year = [g for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) is not None]
    want = round(100 * _num(SAMPLES[agency], key) / sum(_num(g, key) for g in year), 2)
    got = answer(f"What share of all 2020 procurement spending was {EN_AGENCY[agency]}'s?", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("a,b", list(itertools.permutations(["鄞州区统计局", "温州市鹿城区统计局", "郑州市二七区统计局"], 2)))
def test_per_project_gap_between_two_agencies(settings, a, b):
    per = {x: _num(SAMPLES[x], "active.procurement.amount") / _num(SAMPLES[x], "active.procurement.projects")
           for x in (a, b)}
    want = round(abs(round(per[a], 2) - round(per[b], 2)), 2)
    for q in (f"per procurement project, how much more did {EN_AGENCY[a]} spend than {EN_AGENCY[b]}?",
              f"{ZH_AGENCY[a]}平均每个采购项目比{ZH_AGENCY[b]}多花多少钱"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), (q, got.text)


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("words", ["the 'three securities and one stability'", "three safeties and one stability"])
def test_withheld_for_the_three_securities(settings, year, words):
    got = answer(f"Hongze {year}: how many requests were withheld because disclosure would endanger {words}?",
                 settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE[year], "requests.withheld_safety.total"), got.text
