"""Question forms found missing by hold-out set 17 (blind first run 69.2 % right, 8.3 % answered wrongly; now a
training set), fixed by mechanism and tested on generated variants, not on its wording:

- 是不是比…少 / fewer than: a yes/no about two agencies asks "lower" (it was read as "higher"); 不比…少 denies it;
- the figure a report's text states (报告正文里说…, what does its own text say?) is the text's, with its sentence,
  not the table's; a text that states none says so with no number;
- a column asked (花了多少钱, how much … cost) outranks a noun beside the row (采购项目): the amount, not the count;
- A加上B占C (plus): the share of the sum; three figures and a share with nothing joining two: withheld;
- 和鹿城的比，谁更少？ after one agency's figure: both agencies' figure, compared as asked;
- which provinces / cities are covered: the places at that level; 涉及哪些城市 asks no word to look for;
- (set 18) where one agency is (鄞州区统计局在哪个地级市): its place at the level asked;
- reports "from 2020" are of 2020 (not 2020 onwards); units "guessed rather than printed" are the guessed units.
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
SHORT = {"温州市鹿城区统计局": ("鹿城区统计局", "Lucheng"), "宁波市鄞州区统计局": ("鄞州区统计局", "Yinzhou"),
         "福州市鼓楼区统计局": ("鼓楼区统计局", "the Gulou statistics bureau"), "郑州市二七区统计局": ("二七区统计局", "Erqi")}
FIGURES = {"active.penalty.decisions": ("行政处罚决定数", "penalty decisions"),
           "requests.new.total": ("收到的申请数", "new requests"),
           "active.procurement.projects": ("政府采购项目数", "procurement projects")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _v(g: dict, key: str) -> float:
    f = g["facts"][key]
    assert f["state"] == "number"
    return f["value"]


def _gold(agency: str) -> dict:
    return next(g for g in ALL if g["agency"] == agency or g.get("agency_full") == agency)


PAIRS = [(a, b) for a, b in itertools.permutations(SHORT, 2)
         if all(_gold(x)["facts"]["active.penalty.decisions"]["state"] == "number" for x in (a, b))]


@pytest.mark.parametrize("a,b", PAIRS[::2])
@pytest.mark.parametrize("key", FIGURES)
@pytest.mark.parametrize("frame,less,denied", [("{za}的{fz}是不是比{zb}少？", True, False),
                                               ("{za}的{fz}比{zb}低，对吗？", True, False),
                                               ("{za}的{fz}是不是不比{zb}少？", True, True),
                                               ("Did {ea} have fewer {fe} than {eb}?", True, False),
                                               ("{za}的{fz}是不是比{zb}多？", False, False)])
def test_a_yes_no_about_two_agencies_asks_the_direction_it_states(settings, a, b, key, frame, less, denied):
    va, vb = _v(_gold(a), key), _v(_gold(b), key)
    if va == vb:
        pytest.skip("equal figures")
    q = frame.format(za=SHORT[a][0], zb=SHORT[b][0], ea=SHORT[a][1], eb=SHORT[b][1], fz=FIGURES[key][0], fe=FIGURES[key][1])
    got = answer(q, settings=settings)
    want = (va < vb) if less else (va > vb)
    assert got.status == "answered" and got.value is (not want if denied else want), got.text


def _stated(g: dict, key: str) -> list[float]:
    """The gold's narrative numbers about exactly this one cell."""
    return [n["value"] for n in g.get("narrative_numbers") or [] if (n.get("cells") or [n.get("cell")]) == [key]]


NAMED = {"淮安市洪泽区人民政府": ("洪泽区", "Hongze"), "福州市鼓楼区温泉街道办事处": ("温泉街道", "Wenquan subdistrict"),
         "温州市鹿城区统计局": ("鹿城区统计局", "the Lucheng statistics bureau")}


@pytest.mark.parametrize("gold", [HONGZE[2024], HONGZE[2023], SAMPLES["福州市鼓楼区温泉街道办事处"], SAMPLES["温州市鹿城区统计局"]],
                         ids=lambda g: f"{g['agency']}{g['year']}")
@pytest.mark.parametrize("frame", ["{z}{y}年报告正文里说受理了多少件申请？", "{z}{y}年的年报文字部分写的新收申请是几件？",
                                   "According to the text of {e}'s {y} report, how many requests were received?",
                                   "How many applications did {e} receive in {y} according to the table? || "
                                   "and what does the report's own text say?"])
def test_the_figure_the_text_states(parsed, gold, frame):
    z, e = NAMED[gold["agency"]]
    turns = frame.format(z=z, e=e, y=gold["year"]).split(" || ")
    got = answer(turns[-1], history=turns[:-1], settings=parsed)
    stated = _stated(gold, "requests.new.total")
    if not stated:  # no sentence of the text states it: said, never the table's figure as the text's
        assert got.status != "answered" and got.value is None, got.text
        return
    assert got.status == "answered" and got.value == pytest.approx(stated[0]), got.text
    assert any(c.quote and str(int(stated[0])) in c.quote for c in got.citations), got.citations


@pytest.mark.parametrize("agency", ["郑州市二七区统计局", "温州市鹿城区统计局", "宁波市鄞州区统计局"])
@pytest.mark.parametrize("frame", ["{z}那个政府采购项目花了多少钱？", "{z}的采购项目一共花了多少钱", "{z}政府采购项目花费多少？",
                                   "How much did {e}'s procurement projects cost?"])
def test_the_column_asked_outranks_a_noun_beside_the_row(settings, agency, frame):
    got = answer(frame.format(z=SHORT[agency][0], e=SHORT[agency][1]), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_v(_gold(agency), "active.procurement.amount")), got.text


@pytest.mark.parametrize("agency", ["郑州市二七区统计局", "温州市鹿城区统计局"])
@pytest.mark.parametrize("frame", ["{z}有几个政府采购项目？", "How many procurement projects did {e} have?"])
def test_a_count_asked_stays_the_count(settings, agency, frame):
    got = answer(frame.format(z=SHORT[agency][0], e=SHORT[agency][1]), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_v(_gold(agency), "active.procurement.projects")), got.text


SHARE_PARTS = [("requests.granted.total", "予以公开", "granted"), ("requests.partial.total", "部分公开", "partly granted")]


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("frame", ["洪泽区{y}年{a}加上{b}的，占当年新收申请的比例是多少？",
                                   "洪泽区{y}年{a}再加上{b}，占新收申请的百分之多少？",
                                   "What share of Hongze's {y} new requests were {ae} plus {be}?"])
def test_a_plus_b_as_a_share_is_the_share_of_their_sum(settings, year, frame):
    g = HONGZE[year]
    (ka, za, ea), (kb, zb, eb) = SHARE_PARTS
    got = answer(frame.format(y=year, a=za, b=zb, ae=ea, be=eb), settings=settings)
    want = 100 * (_v(g, ka) + _v(g, kb)) / _v(g, "requests.new.total")
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("year", [2023, 2024])
def test_three_figures_and_a_share_with_nothing_joining_two_are_withheld(settings, year):
    got = answer(f"洪泽区{year}年予以公开和部分公开，占当年新收申请的比例是多少？", settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("a,b", list(itertools.permutations(["郑州市二七区统计局", "温州市鹿城区统计局", "宁波市鄞州区统计局"], 2)))
@pytest.mark.parametrize("second,order", [("和{b}的比，谁更少？", "asc"), ("跟{b}比，哪个多？", "desc"),
                                          ("compared with {eb}, which is lower?", "asc")])
def test_an_agency_named_to_compare_with_joins_the_one_asked(settings, a, b, second, order):
    key = "active.procurement.amount"
    va, vb = _v(_gold(a), key), _v(_gold(b), key)
    first = f"{SHORT[a][0]}的政府采购金额是多少？"
    got = answer(second.format(b=SHORT[b][0], eb=SHORT[b][1]), history=[first], settings=settings)
    want = a if (va < vb) == (order == "asc") else b
    assert got.status == "answered" and got.items and got.items[0].label == want, got.text


@pytest.mark.parametrize("ask,level", [("Which provinces are covered?", 1), ("这些年报涉及哪几个省？", 1), ("涉及哪些城市？", 2),
                                       ("Which cities do the reports come from?", 2), ("库里有哪些地区的年报？", 3)])
def test_places_covered_at_the_level_asked(settings, ask, level):
    got = answer(ask, settings=settings)
    # (at a level asked, each place by its own name; otherwise each report's whole place)
    want = {" ".join(p for p in (g["province"], g["city"], g["county"]) if p) if level == 3 else
            (g["province"], g["city"])[level - 1] for g in ALL}
    assert got.status == "answered" and {i.label for i in got.items} == want, got.text


@pytest.mark.parametrize("ask", ["Which reports are from 2020?", "List the reports from 2020.", "Show me reports from 2020"])
def test_reports_from_a_year_are_of_that_year(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and {i.year for i in got.items} == {2020}, got.text


@pytest.mark.parametrize("ask", ["For which reports was the unit of the procurement amount guessed rather than printed?",
                                 "Which procurement amounts were printed without a unit?", "哪些年报的采购金额没有印单位？"])
def test_units_guessed_rather_than_printed(settings, ask):
    got = answer(ask, settings=settings)
    want = {g["agency"] for g in ALL if (g["facts"].get("active.procurement.amount") or {}).get("unit_assumed")}
    assert got.status == "answered" and {i.label for i in got.items} == want, got.text
