"""Totals per group of reports (按省份汇总, by city, which province had the most, street offices vs departments):
the figure added up over each province, city or kind of agency, the groups ranked or in the order named.

Questions are generated (frames × groupings × figures × years); expected totals come from the gold files,
grouped by each report's gold province, city and kind, with blank and absent cells left out."""
from __future__ import annotations

from collections import defaultdict

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

ALL = [load_gold(n) for n in SAMPLE_FILES] + [load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)]
FIGURES = {"requests.new.total": ("收到的申请数", "new requests received"),
           "active.penalty.decisions": ("行政处罚决定数", "penalty decisions"),
           "active.procurement.amount": ("政府集中采购金额", "procurement amount")}
DIMENSIONS = {"province": ("省份", "province", "provinces"), "city": ("城市", "city", "cities")}
KINDS = {"street_office": ("街道", "street offices"), "department": ("部门", "departments"),
         "government": ("政府", "governments")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def totals(key: str, dimension: str, year: int | None = None) -> dict[str, float]:
    """Gold: each group's printed numbers of `key` added up (groups with no number have no total)."""
    out: dict[str, float] = defaultdict(float)
    for g in ALL:
        fact = g["facts"].get(key)
        group = _kind(g) if dimension == "kind" else g[dimension]
        if (year is None or g["year"] == year) and fact and fact["state"] == "number" and group is not None:
            out[_kind(g) if dimension == "kind" else g[dimension]] += fact["value"]
    return dict(out)


def _kind(g: dict) -> str | None:
    from ingest.metadata import agency_kind
    # (the two Hongze golds record none: the reader infers it from the name, as the test store now does)
    return g.get("agency_kind") or agency_kind(g["agency"])


def _ranked(got, want: dict[str, float], labels=lambda g: g) -> None:
    assert got.status == "answered", got.text
    assert all(i.report is None for i in got.items), got.items  # groups, not agencies
    assert {i.label: i.value for i in got.items} == {labels(g): pytest.approx(v) for g, v in want.items()}, got.text
    values = [i.value for i in got.items]
    assert values == sorted(values, reverse=True), got.text


WHOLE = ["{yz}按{dz}汇总{fz}，从高到低排一下", "{yz}各{dz}的{fz}合计分别是多少？", "{yz}各{dz}的{fz}合计", "分{dz}统计{yz}{fz}",
         "{fe} by {de}{ye}", "total {fe} per {de}, highest first{ye}", "group the reports{ye} by {de} and rank them by {fe}",
         "Rank the {dp} by total {fe}{ye}."]


@pytest.mark.parametrize("frame", WHOLE)
@pytest.mark.parametrize("dimension", DIMENSIONS)
@pytest.mark.parametrize("key", FIGURES)
@pytest.mark.parametrize("year", [None, 2020])
def test_every_group_with_its_total(settings, frame, dimension, key, year):
    dz, de, dp = DIMENSIONS[dimension]
    fz, fe = FIGURES[key]
    q = frame.format(dz=dz, de=de, dp=dp, fz=fz, fe=fe, yz=f"{year}年" if year else "", ye=f" in {year}" if year else "")
    _ranked(answer(q, settings=settings), totals(key, dimension, year))


ONE = [("{fz}最多的{dz}是哪个？", 1, "desc"), ("哪个{dz}的{fz}合计最少？", 1, "asc"),
       ("{fz}合计排第二的{dz}是哪个？", 2, "desc"), ("Which {de} had the most {fe} in total?", 1, "desc"),
       ("Which {de} has the second-highest total {fe}?", 2, "desc"), ("which {de} had the fewest {fe} overall", 1, "asc")]


@pytest.mark.parametrize("frame,place,order", ONE)
@pytest.mark.parametrize("dimension", DIMENSIONS)
@pytest.mark.parametrize("key", ["requests.new.total", "active.penalty.decisions"])
def test_the_group_at_a_place(settings, frame, place, order, dimension, key):
    dz, de, _ = DIMENSIONS[dimension]
    fz, fe = FIGURES[key]
    want = sorted(totals(key, dimension).items(), key=lambda t: t[1], reverse=order == "desc")
    got = answer(frame.format(dz=dz, de=de, fz=fz, fe=fe), settings=settings)
    if len({v for _, v in want}) < len(want) and want[place - 1][1] in [v for _, v in want[:place - 1] + want[place:]]:
        assert got.status != "answered" or len(got.items) > 1 or "并列" in got.text or "tied" in got.text, got.text
        return
    assert got.status == "answered" and got.items and got.items[0].report is None, got.text
    assert (got.items[0].label, got.value) == (want[place - 1][0], pytest.approx(want[place - 1][1])), got.text


@pytest.mark.parametrize("ask", ["按单位类型汇总{fz}", "{fe} totals by agency kind", "各类型单位的{fz}按单位类型合计"])
@pytest.mark.parametrize("key", FIGURES)
def test_totals_by_kind_of_agency(settings, ask, key):
    fz, fe = FIGURES[key]
    got = answer(ask.format(fz=fz, fe=fe), settings=settings)
    zh = got.plan.language == "zh"
    _ranked(got, totals(key, "kind"), lambda k: KINDS[k][0 if zh else 1])
    unknown = sum(1 for g in ALL if _kind(g) is None and g["facts"].get(key, {}).get("state") == "number")
    if unknown:  # reports of no known kind are counted out loud, never put in a group by guess
        assert f"另有{unknown}份年报看不出所属单位类型" in got.text or f"{unknown} more reports have no known kind" in got.text


@pytest.mark.parametrize("first,second", [("street_office", "department"), ("department", "street_office"),
                                          ("government", "department")])
@pytest.mark.parametrize("key", FIGURES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kinds_named_come_in_the_order_named(settings, first, second, key, lang):
    fz, fe = FIGURES[key]
    if lang == "zh":
        q = f"按单位类型汇总{fz}：{KINDS[first][0]}和{KINDS[second][0]}分别是多少？"
    else:
        q = f"{fe} totals by agency kind - {KINDS[first][1]} vs {KINDS[second][1]}, in that order"
    want = totals(key, "kind")
    got = answer(q, settings=settings)
    named = [k for k in (first, second) if k in want]
    assert got.status == "answered", got.text
    assert [i.value for i in got.items] == [pytest.approx(want[k]) for k in named], got.text


@pytest.mark.parametrize("ask", ["which provinces have at least one agency with a nonzero count of {fe}?",
                                 "哪些省份有{fz}不为零的单位？", "list the cities by total {fe}, skipping cities with none"])
@pytest.mark.parametrize("key", ["requests.new.total", "active.penalty.decisions"])
def test_groups_with_a_figure_above_zero(settings, ask, key):
    fz, fe = FIGURES[key]
    dimension = "city" if "cities" in ask else "province"
    got = answer(ask.format(fz=fz, fe=fe), settings=settings)
    assert got.status == "answered", got.text
    want = {g: v for g, v in totals(key, dimension).items() if v > 0}
    assert {i.label: i.value for i in got.items} == {g: pytest.approx(v) for g, v in want.items()}, got.text


@pytest.mark.parametrize("ask", ["哪些省份的{fz}合计超过10？", "which provinces have more than 5 {fe} in total?",
                                 "按地区汇总{fz}", "{fe} by region", "按省份汇总{fz}的平均值"])
@pytest.mark.parametrize("key", ["requests.new.total", "active.penalty.decisions"])
def test_a_grouping_the_reading_cannot_express_is_withheld(settings, ask, key):
    fz, fe = FIGURES[key]
    got = answer(ask.format(fz=fz, fe=fe), settings=settings)
    # a bound on a group's total or on its agencies' figures, a level of place not said, an average per group
    assert got.status != "answered" or got.value is None and not got.items, got.text


def test_a_reading_says_the_grouping(settings):
    got = answer("按省份汇总政府集中采购金额", settings=settings)
    assert "按省份" in got.text.split("\n")[0], got.text
    got = answer("Which city had the most penalty decisions in total?", settings=settings)
    assert "by city" in got.text.split("\n")[0], got.text


@pytest.mark.parametrize("first", ["Which city had the most {fe} in total?", "按省份汇总{fz}，从高到低排一下"])
@pytest.mark.parametrize("then,bound", [("新收申请超过3件的单位有几家？", 3), ("How many agencies had more than 0 new requests received?", 0)])
def test_a_follow_up_with_its_own_operation_drops_the_grouping(settings, first, then, bound):
    """A new question after a grouped one (新收申请超过3件的单位有几家？) is answered as asked: it took the grouping
    of the turn before and answered totals per city."""
    got = answer(then, history=[first.format(fe="penalty decisions", fz="行政处罚决定数")], settings=settings)
    want = len({g["agency"] for g in ALL if g["facts"]["requests.new.total"]["state"] == "number"
                and g["facts"]["requests.new.total"]["value"] > bound})
    assert got.status == "answered" and got.plan.group_by is None and got.value == want, got.text


@pytest.mark.parametrize("key", FIGURES)
@pytest.mark.parametrize("then", ["那2020年呢？", "and in 2020?"])
def test_a_follow_up_naming_a_year_keeps_the_grouping(settings, key, then):
    got = answer(then, history=[f"按省份汇总{FIGURES[key][0]}"], settings=settings)
    _ranked(got, totals(key, "province", 2020))


@pytest.mark.parametrize("agency,name", [("温州市鹿城区统计局", "鹿城区统计局"), ("郑州市二七区统计局", "二七区统计局")])
def test_a_follow_up_naming_an_agency_is_its_figure(settings, agency, name):
    got = answer(f"{name}呢？", history=["按省份汇总政府集中采购金额"], settings=settings)
    g = next(g for g in ALL if g["agency"] == agency)
    assert got.status == "answered" and got.value == g["facts"]["active.procurement.amount"]["value"], got.text
    assert got.plan.group_by is None and not got.plan.aggregate, got.plan
