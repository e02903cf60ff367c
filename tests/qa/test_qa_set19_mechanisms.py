"""Question forms found answered wrongly by hold-out set 19 (blind first run 82.5 % right, 4.2 % answered wrongly;
now a training set), fixed by mechanism and tested on generated variants, not on its wording:

- 有几个统计局的年报 counts the agencies of that organ (it was read as a figure stated in the prose);
- "number of … reports that …" is a count (it was a sum);
- B中，A占多大比例: 占多大 asks, it names no base (B, named first, is the base);
- which prefecture-level city is X under: its city;
- a yes/no after a dash (… in 2019 - does the table agree?).
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


@pytest.mark.parametrize("organ,member", [("统计局", lambda a: a.endswith("统计局")), ("街道", lambda a: "街道" in a)])
@pytest.mark.parametrize("frame", ["数据库里一共有几个{o}的年报？", "库里有多少个{o}的报告？"])
def test_agencies_of_an_organ_counted(settings, organ, member, frame):
    got = answer(frame.format(o=organ), settings=settings)
    assert got.status == "answered" and got.value == len({g["agency"] for g in ALL if member(g["agency"])}), got.text


@pytest.mark.parametrize("key,en", [("requests.new.total", "new applications"), ("active.penalty.decisions", "penalty decisions")])
@pytest.mark.parametrize("frame,test", [("Number of 2020 reports that got zero {en}?", lambda v: v == 0),
                                        ("Number of 2020 reports with more than 1 {en}?", lambda v: v > 1)])
def test_number_of_reports_is_a_count(settings, key, en, frame, test):
    want = sum(1 for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) is not None and test(_num(g, key)))
    got = answer(frame.format(en=en), settings=settings)
    assert got.status == "answered" and got.value == want, got.text


PARTS = {"requests.granted.total": "予以公开", "requests.partial.total": "部分公开"}


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("key", PARTS)
@pytest.mark.parametrize("frame", ["洪泽区{y}年办结的申请中，{a}占多大比例？", "洪泽区{y}年办结的申请里，{a}的占比是多少？",
                                   "洪泽区{y}年{a}占办结申请的多大比例？"])
def test_a_share_names_its_base_where_it_likes(settings, year, key, frame):
    g = HONGZE[year]
    want = round(100 * _num(g, key) / _num(g, "requests.handled.total"), 2)
    got = answer(frame.format(y=year, a=PARTS[key]), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("name,agency", [("Yinzhou stats bureau", "宁波市鄞州区统计局"), ("Lucheng statistics bureau", "温州市鹿城区统计局"),
                                         ("Erqi stats bureau", "郑州市二七区统计局")])
@pytest.mark.parametrize("frame", ["{n} - which prefecture-level city is it under?", "Which city is the {n} in?"])
def test_the_city_an_agency_is_under(settings, name, agency, frame):
    g = next(g for g in ALL if agency in (g["agency"], g.get("agency_full")))
    got = answer(frame.format(n=name), settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == [g["city"]], got.text


@pytest.mark.parametrize("agency,name", [("宁波市鄞州区统计局", "Yinzhou"), ("淮安市洪泽区人民政府", "Hongze")])
@pytest.mark.parametrize("sep", [" - ", " — ", ". "])
def test_a_yes_no_after_a_dash(settings, agency, name, sep):
    g = SAMPLES.get(agency) or HONGZE[2024]
    stated = [n for n in g.get("narrative_numbers") or []
              if (n.get("cells") or [n.get("cell")]) in (["active.penalty.decisions"], ["requests.new.total"])]
    assert stated
    n = stated[0]
    row = "penalty cases were filed" if (n.get("cells") or [n.get("cell")]) == ["active.penalty.decisions"] else "requests came in"
    agrees = n.get("agrees", n.get("agrees_with_table"))
    got = answer(f"{name}'s narrative says {int(n['value'])} {row} in {g['year']}{sep}does the table agree?", settings=settings)
    assert got.status != "answered" or got.value is agrees, got.text
