"""Question forms found answered wrongly (or refused) by hold-out set 25 (blind first run 74.2 % right, 5.8 %
answered wrongly; now a training set), fixed by mechanism and tested on generated variants, not on its wording:

- a year named by another (2024年的前一年, the year after 2023) is that one year;
- a figure stated as "more than" itself in its last place (四十七万多, 47万余, 470,000-odd) is a range;
- "at most N": the reports at 0 meet the bound and are listed;
- the staff an agency employs is no figure of the reports (refused, not answered with quotes);
- a template named with an aside (the 2019 (trial) template) is no year;
- numbers said as words before a bound (nine or more) and years said aloud (twenty twenty three);
- a kind counted first (几份统计局的年报里) scopes the search.
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.numerals import english_amounts
from qa.slots import stated_value
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num

KEYS = [("active.licensing.decisions", "行政许可处理决定", "licensing decisions"),
        ("active.penalty.decisions", "行政处罚处理决定", "penalty decisions"),
        ("requests.new.total", "新收申请", "new applications")]
EN_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
          11: "eleven", 12: "twelve", 19: "nineteen", 20: "twenty", 23: "twenty-three"}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


@pytest.mark.parametrize("key,zh,en", KEYS)
@pytest.mark.parametrize("named,step", [(2024, -1), (2023, 1)])
def test_a_year_named_by_another(settings, key, zh, en, named, step):
    want = _num(HONGZE[named + step], key)
    word_zh = "前一年" if step < 0 else "后一年"
    word_en = "before" if step < 0 else "after"
    for q in (f"洪泽区{named}年的{word_zh}，{zh}有多少件？", f"How many {en} did Hongze have in the year {word_en} {named}?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("text,low,high", [("四十七万多", 470000, 480000), ("47万余", 470000, 480000),
                                           ("470,000-odd", 470000, 480000), ("三百出头", 300, 400),
                                           ("195件", 194.5, 195.5), ("47.5976万元", 475975.5, 475976.5)])
def test_a_stated_figure_stands_for_a_range(text, low, high):
    assert stated_value(f"是不是{text}")[1:] == (low, high)


@pytest.mark.parametrize("agency", sorted(a for a in SAMPLES if _num(SAMPLES[a], "active.procurement.amount")))
def test_a_figure_said_as_so_many_and_more(settings, agency):
    g = SAMPLES[agency]
    v = _num(g, "active.procurement.amount")
    wan = int(v // 10000)
    short = {"鄞州区统计局": "鄞州区统计局"}.get(agency, agency)
    for n, want in ((wan, True), (wan + 1, False)):
        got = answer(f"{short}采购总金额是不是{n}万多", settings=settings)
        assert got.status == "answered" and got.value is (want and v >= 10000), (n, got.text)


@pytest.mark.parametrize("key,en", [("requests.new.total", "disclosure requests"), ("active.penalty.decisions", "penalty decisions")])
@pytest.mark.parametrize("cut", [0, 1, 2])
def test_at_most_lists_the_zeros_too(settings, key, en, cut):
    want = {g["agency"] for g in ALL if _num(g, key) is not None and _num(g, key) <= cut}
    got = answer(f"Which agencies had at most {cut} {en}?", settings=settings)
    if not want:
        assert got.status != "answered" or not got.items, got.text
        return
    labels = {i.label for i in got.items}
    assert got.status == "answered" and all(any(label.endswith(w) for label in labels) for w in want) \
        and len(labels) == len(want), got.text


@pytest.mark.parametrize("q", ["鄞州区统计局有多少在编工作人员？", "二七区统计局的编制数是多少", "What is the headcount of the Lucheng statistics bureau?",
                               "How many staff does Hongze's government employ?"])
def test_staff_is_no_figure_of_the_reports(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("template,n", [("2019", 5), ("2021", 2)])
@pytest.mark.parametrize("aside", ["(trial)", "（试行）", "(new)"])
def test_a_template_named_with_an_aside(settings, template, n, aside):
    got = answer(f"How many stored reports were filled in on the {template} {aside} template?", settings=settings)
    assert got.status == "answered" and got.value == n, got.text


@pytest.mark.parametrize("key,en", [("active.procurement.projects", "procurement projects"),
                                    ("active.penalty.decisions", "penalty decisions")])
def test_a_bound_said_in_words(settings, key, en):
    values = sorted({_num(g, key) for g in ALL if _num(g, key) is not None and _num(g, key) in EN_NUM})
    for cut in values:
        want = len({g["agency"] for g in ALL if _num(g, key) is not None and _num(g, key) >= cut})
        got = answer(f"How many agencies reported {EN_NUM[int(cut)]} or more {en}?", settings=settings)
        assert got.status == "answered" and got.value == want, (cut, got.text)


@pytest.mark.parametrize("said,year", [("twenty twenty three", 2023), ("twenty twenty-four", 2024), ("twenty twenty", 2020),
                                       ("twenty nineteen", 2019)])
def test_a_year_said_aloud(said, year):
    assert english_amounts(f"how many in {said}") == f"how many in {year}"


@pytest.mark.parametrize("year", [2023, 2024])
def test_a_spoken_year_in_a_question(settings, year):
    said = {2023: "twenty twenty three", 2024: "twenty twenty four"}[year]
    got = answer(f"how many normative documents did hongze repeal in {said}", settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE[year], "active.normative.repealed"), got.text


@pytest.mark.parametrize("count", ["几份", "这几份", "四份"])
def test_a_kind_counted_first_scopes_the_search(settings, count):
    got = answer(f"{count}统计局的年报里，哪些提到了“培训”？", settings=settings)
    assert got.status == "answered" and got.items and all("统计局" in i.label for i in got.items), got.text


@pytest.mark.parametrize("year", [2023, 2024])
def test_reconsideration_named_as_the_way_to_an_after_review_lawsuit(settings, year):
    g = HONGZE[year]
    after = "review.lawsuit_after_review.total"
    if _state_ok(g, after):
        for q in (f"洪泽区政府{year}年的年报里，先申请复议、复议后再起诉的案件总共几起？", f"洪泽区{year}年经复议后又起诉的案件有几起",
                  f"How many lawsuits after reconsideration did Hongze have in {year}?"):
            got = answer(q, settings=settings)
            assert got.status == "answered" and got.value == _num(g, after), (q, got.text)
    # both named: both read (no figure picked for the asker)
    got = answer(f"洪泽区{year}年行政复议和复议后起诉的案件各多少", settings=settings)
    assert got.value is None or got.status != "answered" or len(got.items) >= 2, got.text


def _state_ok(g: dict, key: str) -> bool:
    return (g["facts"].get(key) or {}).get("state") == "number" and not any(
        str(v).startswith("fail") and key.split(".")[1] in str(v) for v in g["checks"].values())


@pytest.mark.parametrize("q", ["鄞州区统计局2019年在政务公开上花了多少经费？", "鹿城区统计局一年的办公经费是多少", "二七区统计局花了多少经费"])
def test_funding_is_no_figure_of_the_reports(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("q", ["有几份报告是区人民政府发布的", "几份年报是区政府发布的", "有几份报告是区政府的"])
def test_reports_of_a_kind_counted(settings, q):
    want = sum(1 for g in ALL if g["agency"].endswith("人民政府"))
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("place,key", [("福州", "city"), ("浙江", "province")])
@pytest.mark.parametrize("ask", ["{p}那两家单位是哪两家？", "{p}的单位是哪两个"])
def test_which_two_agencies_then_the_other_one(settings, place, key, ask):
    mine = sorted(g["agency"] for g in SAMPLES.values() if g[key].startswith(place))
    assert len(mine) == 2
    got = answer(ask.format(p=place), settings=settings)
    labels = sorted(i.label for i in got.items)
    assert got.status == "answered" and len(labels) == 2 and all(any(l.endswith(m) for l in labels) for m in mine), got.text
    first = next(g for g in SAMPLES.values() if g["agency"] == mine[0])
    other = next(g for g in SAMPLES.values() if g["agency"] == mine[1])
    got = answer("另一家呢？", history=[ask.format(p=place), f"{mine[0]}{first['year']}年新收了几件申请？"], settings=settings)
    if other["year"] == first["year"]:
        assert got.status == "answered" and got.value == _num(other, "requests.new.total"), got.text
    else:  # (the year asked before is not the other agency's: not answered with another year's figure unsaid)
        assert got.status != "answered" or (got.value == _num(other, "requests.new.total") and str(other["year"]) in got.text), \
            got.text
