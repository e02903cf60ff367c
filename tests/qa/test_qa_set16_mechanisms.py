"""Question forms found missing by hold-out set 16 (blind first run 75.0 % right, 10.0 % answered wrongly; now a
training set), fixed by mechanism and tested on generated variants, not on its wording:

- items "the year before" (上一年 / 前一年 of a 2019-template row) are the previous year's item count, and 前一年 is
  no top-1;
- a path through the template's headings (三、本年度办理结果 →（四）无法提供 → 2. …) names the cell at its end;
- 多几件 / 少几个 is a difference; the two turns' figure named again (这两家差多少钱) is still their difference;
- totals grouped by place or kind (按省份汇总, which provinces, by agency kind) are not answered with agencies
  (they are answered as groups since, `test_qa_grouping.py`);
- places named to be left out (outside both Zhejiang and Fujian) are not read as the places asked;
- 单位有哪些 lists agencies (it quoted a passage); a report signed on a stated date (…1月12日落款的吧) is that
  check, not a question about a 2021 report; how many reports print a date; which reports have blank cells.
Expected values come from the gold files."""
from __future__ import annotations

import itertools

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

SAMPLES = {g["agency"]: g for g in (load_gold(n) for n in SAMPLE_FILES)}
HONGZE = {y: load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)}
ALL = [*SAMPLES.values(), *HONGZE.values()]
ROWS = {"licensing": ("行政许可", "licensing"), "penalty": ("行政处罚", "penalty"), "coercion": ("行政强制", "coercion")}
NAMES = {"郑州市二七区统计局": ("二七区统计局", "erqi stats bureau"), "温州市鹿城区统计局": ("鹿城区统计局", "the Lucheng bureau"),
         "福州市鼓楼区统计局": ("鼓楼区统计局", "Gulou's statistics bureau")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _v(g: dict, key: str) -> float:
    f = g["facts"][key]
    assert f["state"] == "number"
    return f["value"]


@pytest.mark.parametrize("agency", NAMES)
@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("frame", ["{e} 2020 - how many {r} items did they have the year before?",
                                   "{z}2020年{rz}的项目，前一年有几项？", "{z}2020年{rz}上一年有几项？"])
def test_items_the_year_before_are_the_previous_years_item_count(settings, agency, row, frame):
    z, e = NAMES[agency]
    got = answer(frame.format(z=z, e=e, r=ROWS[row][0], rz=ROWS[row][0]), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_v(SAMPLES[agency], f"active.{row}.prev_items")), got.text


PATHS = {"requests.unavailable_needs_creation.total": "三、本年度办理结果 →（四）无法提供 → 2. 没有现成信息需要另行制作",
         "requests.partial.total": "三、本年度办理结果 > （三）部分公开",
         "requests.withheld_third_party.total": "三、本年度办理结果 → （二）不予公开 → 6. 保护第三方合法权益"}


@pytest.mark.parametrize("key", PATHS)
@pytest.mark.parametrize("year", [2023, 2024])
def test_a_path_through_the_headings_names_the_cell_at_its_end(settings, key, year):
    got = answer(f"洪泽区 {year} 年：{PATHS[key]}，总计几件？", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_v(HONGZE[year], key)), got.text


PAIRS = [("福州市鼓楼区统计局", "鼓楼统计局"), ("福州市鼓楼区温泉街道办事处", "温泉街道"), ("温州市鹿城区统计局", "鹿城区统计局")]


@pytest.mark.parametrize("a,b", list(itertools.combinations(PAIRS, 2)))
@pytest.mark.parametrize("key,m,unit", [("requests.new.total", "收到的申请", "件"), ("active.procurement.projects", "采购项目", "个")])
def test_duo_ji_jian_is_a_difference(settings, a, b, key, m, unit):
    got = answer(f"{a[1]}和{b[1]}，哪家{m}多？多几{unit}？", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(abs(_v(SAMPLES[a[0]], key) - _v(SAMPLES[b[0]], key))), got.text


@pytest.mark.parametrize("first,second", [("二七区统计局", "鄞州"), ("鹿城区统计局", "鄞州")])
@pytest.mark.parametrize("key,m", [("active.procurement.amount", "采购金额"), ("active.procurement.projects", "采购项目数")])
@pytest.mark.parametrize("last", ["这两家差多少钱", "这两家差多少", "两家的{m}相差多少？"])
def test_the_difference_of_two_turns_with_the_figure_named_again(settings, first, second, key, m, last):
    full = {"二七区统计局": "郑州市二七区统计局", "鹿城区统计局": "温州市鹿城区统计局"}[first]
    if key.endswith("projects") and "钱" in last:
        pytest.skip("money asked of a count")
    got = answer(last.format(m=m), [f"{first}2020年{m}多少？", f"{second}呢？"], settings=settings)
    want = abs(_v(SAMPLES[full], key) - _v(SAMPLES["鄞州区统计局"], key))
    assert got.status == "answered" and abs(got.value) == pytest.approx(want), got.text


@pytest.mark.parametrize("ask", ["按省份汇总政府集中采购金额，从高到低把省份排一下", "各省的采购金额合计分别是多少？",
                                 "which provinces have at least one agency with a nonzero count of penalty decisions?",
                                 "procurement totals by agency kind - street office vs departments",
                                 "Rank the provinces by total new requests."])
def test_totals_grouped_by_place_or_kind_are_not_answered_with_agencies(settings, ask):
    got = answer(ask, settings=settings)  # (answered as groups since: tests/qa/test_qa_grouping.py)
    assert got.status != "answered" or (got.items and all(i.report is None for i in got.items)), got.text


@pytest.mark.parametrize("ask", ["Which agencies are outside both Zhejiang and Fujian?",
                                 "List the agencies not in Zhejiang or Henan."])
def test_places_left_out_are_not_read_as_the_places_asked(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" or all("浙江" not in (i.label or "") and "宁波" not in (i.label or "")
                                          and "温州" not in (i.label or "") for i in got.items), got.text


@pytest.mark.parametrize("place,province", [("浙江省", "浙江省"), ("福州", "福建省"), ("福建", "福建省")])
@pytest.mark.parametrize("frame", ["{p}的单位有哪些？", "{p}的单位都有哪些"])
def test_agencies_of_a_place_are_listed(settings, place, province, frame):
    got = answer(frame.format(p=place), settings=settings)
    want = {g.get("agency_full") or g["agency"] for g in ALL if g["province"] == province}
    assert got.status == "answered" and {i.label for i in got.items} == want, got.text


@pytest.mark.parametrize("agency,name", [("温州市鹿城区统计局", "鹿城区统计局"), ("福州市鼓楼区统计局", "鼓楼区统计局")])
@pytest.mark.parametrize("day,same", [(None, True), (1, False)])
def test_a_report_signed_on_a_stated_day(settings, agency, name, day, same):
    y, m, d = (int(x) for x in SAMPLES[agency]["published"].split("-"))
    stated = d if same else (d % 28) + day
    got = answer(f"{name}那份年报是{y}年{m}月{stated}日落款的吧？", settings=settings)
    assert got.status == "answered" and got.value is same, got.text


@pytest.mark.parametrize("ask", ["How many of the reports have a signature date (落款日期)?", "有几份年报写了落款日期？"])
def test_how_many_reports_print_a_date(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == sum(1 for g in ALL if g.get("published")), got.text


@pytest.mark.parametrize("ask,year", [("2020年的报告里，哪些有空着没填的单元格？", 2020), ("Which reports have blank cells?", None),
                                      ("哪些年报有留空的单元格？", None)])
def test_which_reports_have_blank_cells(settings, ask, year):
    got = answer(ask, settings=settings)
    want = {g.get("agency_full") or g["agency"] for g in ALL if (year is None or g["year"] == year)
            and any(v["state"] == "blank" for v in g["facts"].values())}
    assert got.status == "answered" and {i.label for i in got.items} == want, got.text


@pytest.mark.parametrize("ask", ["In Wenquan's 2020 request table, how many rows under 三、本年度办理结果 have their 总计 cell left empty?",
                                 "温泉街道2020年的申请表里有几个单元格是空白的？"])
def test_a_count_of_blank_cells_is_not_answered_with_a_count_of_reports(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" and "□" not in got.text, got.text


@pytest.mark.parametrize("key,m,em", [("active.penalty.decisions", "行政处罚决定", "admin penalty decisions"),
                                      ("active.procurement.projects", "采购项目", "procurement projects")])
@pytest.mark.parametrize("frame", ["which agency had the fewest {em}, not counting the ones with zero?",
                                   "不算为0的，哪个单位的{m}最少？", "Excluding zeros, which agency had the fewest {em}?"])
def test_the_lowest_with_the_zeros_left_out(settings, key, m, em, frame):
    vals = [_v(g, key) for g in SAMPLES.values() if g["facts"][key]["state"] == "number" and g["facts"][key]["value"] > 0]
    got = answer(frame.format(m=m, em=em), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(min(vals)), got.text


@pytest.mark.parametrize("province", ["福建省", "浙江省"])
def test_a_division_asked_in_words_is_the_per_item_figure(settings, province):
    gs = [g for g in SAMPLES.values() if g["province"] == province]
    want = sum(_v(g, "active.procurement.amount") for g in gs) / sum(_v(g, "active.procurement.projects") for g in gs)
    got = answer(f"{province}的单位，总采购金额除以总项目数，平均一个项目多少钱？", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("key,em", [("active.fees.amount", "fee revenue"), ("active.penalty.decisions", "penalty decisions")])
def test_avg_yearly_is_the_average_over_the_years(settings, key, em):
    got = answer(f"avg yearly {em} Hongze reported over 2023 and 2024?", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx((_v(HONGZE[2023], key) + _v(HONGZE[2024], key)) / 2), got.text
