"""Question forms found missing by hold-out set 11 (blind first run 72.5 % right, 7.5 % answered wrongly;
now a training set), fixed by mechanism and tested here on generated variants, not on its wording:

- a column label written around the row's name (上一年<行政处罚>项目数量) is that column of that row;
- a follow-up naming only another row of the same table keeps the column asked before (行政处罚的呢？);
- "其中… 占多少比例" / "of those, what share…" after a figure is a share of that figure, for the same
  agency and year;
- two-digit years listed with one 年 (19、20年, 22和23年) are each a year;
- 平均一个/一项 X 多少钱 is a per-unit figure (amount over count);
- a list of years lists years (the items' values are the years); "how many reports use template T" counts
  the reports the template chooses.
Expected values come from the gold cells."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from nianbao.keys import active_rows
from qa.api import answer
from qa.text import find_years
from tests.support.gold import SAMPLE_FILES, load_gold

GOLD = {name: load_gold(name) for name in SAMPLE_FILES}
SHORT = {"温州市鹿城区统计局": "鹿城区统计局", "郑州市二七区统计局": "二七区统计局", "福州市鼓楼区统计局": "鼓楼区统计局",
         "宁波市鄞州区统计局": "鄞州区统计局", "福州市鼓楼区温泉街道办事处": "温泉街道"}
ROWS = ["licensing", "penalty", "coercion", "other_services"]


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _short(gold: dict) -> str:
    return SHORT.get(gold["agency"], gold["agency"])


def _cell(gold: dict, key: str):
    fact = gold["facts"].get(key) or {}
    return fact.get("value") if fact.get("state") == "number" else None


def _name(row: str) -> str:
    """The row's name in the 2019 template (行政许可, 行政处罚…)."""
    return next(spec.label for spec in active_rows("2019") if spec.key == row)


def _split_cases():
    out = []
    for gold in GOLD.values():
        short = _short(gold)
        for row in ROWS:
            name = _name(row)
            value = _cell(gold, f"active.{row}.prev_items")
            if value is None:
                continue
            out += [(f"{short}{gold['year']}年上一年{name}项目数量是多少？", value),
                    (f"{gold['year']}年{short}上一年的{name}项目数量有几个", value)]
    return out[::3]  # a spread over agencies and rows


@pytest.mark.parametrize("question,value", _split_cases())
def test_a_column_written_around_the_row_name_is_that_column(settings, question, value):
    got = answer(question, settings=settings)
    assert got.status == "answered" and got.value == value, got.text
    assert "上一年项目数量" in got.text


def test_a_count_under_a_threshold_reads_the_split_column(settings):
    values = [_cell(g, "active.penalty.prev_items") for g in GOLD.values()]
    got = answer("上一年行政处罚项目数量在10个及以上的单位有几个？", settings=settings)
    assert got.status == "answered" and got.value == sum(1 for v in values if v is not None and v >= 10), got.text


@pytest.mark.parametrize("first,then", [(a, b) for a in ROWS for b in ROWS if a != b][::2])
def test_a_follow_up_naming_another_row_keeps_the_column(settings, first, then):
    gold = GOLD["004_5206fb2196a31c52.txt"]
    turn = f"二七区统计局2020年的{_name(first)}上一年项目数量是多少？"
    got = answer(f"{_name(then)}的呢？", [turn], settings=settings)
    assert got.status == "answered" and got.value == _cell(gold, f"active.{then}.prev_items"), got.text
    # a follow-up that names its own column takes it
    own = answer(f"{_name(then)}的处理决定数量呢？", [turn], settings=settings)
    assert own.value == _cell(gold, f"active.{then}.decisions"), own.text


@pytest.mark.parametrize("name", list(GOLD))
@pytest.mark.parametrize("ask", ["其中予以公开的占多少比例？", "这其中全部公开的比例是多少？",
                                 "Of those, what share were granted in full?"])
def test_a_share_of_those_is_over_the_previous_figure_for_the_same_agency(settings, name, ask):
    gold = GOLD[name]
    new, granted = _cell(gold, "requests.new.total"), _cell(gold, "requests.granted.total")
    got = answer(ask, [f"{_short(gold)}{gold['year']}年收到几件申请？"], settings=settings)
    if not new:
        assert got.value is None, got.text  # no share of 0 requests
        return
    assert got.status == "answered" and got.value == pytest.approx(round(100 * granted / new, 2)), got.text
    assert {c.key for c in got.citations} == {"requests.new.total", "requests.granted.total"}


@pytest.mark.parametrize("text,years", [
    ("19、20年的报告中最多的", [2019, 2020]), ("22和23年洪泽区", [2022, 2023]), ("21、22、23年合计", [2021, 2022, 2023]),
    ("19，20年各单位", [2019, 2020]), ("2020年收到10、20件的单位", [2020]), ("第1、2名", []),
])
def test_two_digit_years_listed_with_one_year_sign(text, years):
    assert find_years(text, [2019, 2020, 2023, 2024])[0] == years


@pytest.mark.parametrize("question,years", [("19、20年的报告中，收到申请最多的前两名是哪两家？", {2019, 2020}),
                                            ("23和24年洪泽区收到多少申请？", {2023, 2024})])
def test_listed_two_digit_years_scope_the_answer(settings, question, years):
    got = answer(question, settings=settings)
    assert got.status == "answered" and {i.year for i in got.items if i.year} == years, got.text


@pytest.mark.parametrize("name", list(GOLD))
@pytest.mark.parametrize("ask", ["{a}平均一个采购项目多少钱？", "{a}平均一项政府集中采购花了多少钱"])
def test_an_average_per_one_project_is_amount_over_projects(settings, name, ask):
    gold = GOLD[name]
    amount, projects = _cell(gold, "active.procurement.amount"), _cell(gold, "active.procurement.projects")
    got = answer(ask.format(a=_short(gold)), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(amount / projects, 2)), got.text


def test_years_are_listed_as_years_and_a_template_count_counts_reports(settings):
    years = answer("Which report years does the database cover?", settings=settings)
    assert [i.value for i in years.items] == [2019, 2020, 2023, 2024]
    for template, n in (("2021", 2), ("2019", 5)):
        for ask in (f"用{template}版模板的报告有几份？", f"How many reports use the {template} template?"):
            got = answer(ask, settings=settings)
            assert got.status == "answered" and got.value == n, got.text


# --- vocabulary families its refusals showed (the reading was right, a word of the question was unknown) ---

@pytest.mark.parametrize("words,template,n", [
    ("旧版模板", "2019", 5), ("老版模板", "2019", 5), ("新版模板", "2021", 2), ("old template", "2019", 5),
    ("older template", "2019", 5), ("new template", "2021", 2)])
def test_a_template_named_by_its_age(settings, words, template, n):
    ask = f"How many reports use the {words}?" if words.isascii() else f"用{words}的报告有几份？"
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == n, got.text
    total = answer(f"Total procurement projects of the reports on the {words}?" if words.isascii()
                   else f"{words}报告的政府集中采购项目数合计多少个？", settings=settings)
    if template == "2019":
        assert total.value == sum(_cell(g, "active.procurement.projects") for g in GOLD.values()), total.text
    else:
        assert total.value is None, total.text  # the 2021 template has no procurement table


@pytest.mark.parametrize("verb", ["Add up", "Sum up", "Tally up", "Please add up"])
def test_add_up_is_a_total(settings, verb):
    got = answer(f"{verb} the government procurement spending of all reports.", settings=settings)
    assert got.status == "answered"
    assert got.value == pytest.approx(sum(_cell(g, "active.procurement.amount") for g in GOLD.values())), got.text


@pytest.mark.parametrize("text,bound", [("over 2023 and 2024 combined", None), ("above 2019 to 2020", None),
                                        ("over 2023 requests", 2023), ("more than 20 cases", 20)])
def test_two_years_after_over_are_years_not_a_bound(text, bound):
    from qa.slots import threshold

    got = threshold(text)
    assert (got.value if got else None) == bound


@pytest.mark.parametrize("filler", ["really", "actually", "indeed", "truly"])
@pytest.mark.parametrize("name", list(GOLD)[::2])
def test_emphasis_changes_nothing(settings, filler, name):
    gold = GOLD[name]
    got = answer(f"How many new requests did {_short(gold)} {filler} receive in {gold['year']}?", settings=settings)
    assert got.status == "answered" and got.value == _cell(gold, "requests.new.total"), got.text


@pytest.mark.parametrize("ask", ["How many requests did {a} grant in full in {y}?",
                                 "How many applications were granted in full by {a} in {y}?",
                                 "{a}: requests fully granted in {y}?"])
@pytest.mark.parametrize("name", list(GOLD)[1::2])
def test_granted_in_full(settings, ask, name):
    gold = GOLD[name]
    got = answer(ask.format(a=_short(gold), y=gold["year"]), settings=settings)
    assert got.status == "answered" and got.value == _cell(gold, "requests.granted.total"), got.text


def test_a_fraction_is_a_share(settings):
    for word in ("fraction", "share"):
        got = answer(f"What {word} of the requests Hongze handled in 2024 were refused (不予公开)?", settings=settings)
        assert got.status == "answered" and got.unit == "percent", got.text
    assert got.value == answer("What fraction of the requests Hongze handled in 2024 were refused (不予公开)?",
                               settings=settings).value
