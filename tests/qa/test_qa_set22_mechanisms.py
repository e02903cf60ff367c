"""Question forms found answered wrongly by hold-out set 22 (blind first run 70.0 % right, 8.3 % answered wrongly;
now a training set), fixed by mechanism and tested on generated variants, not on its wording:

- "they" after a list of agencies is those agencies; "what share of those…" is a share of the figure just asked;
- an explicit order ("most to fewest") asks the whole ranking, its words no superlative; "any … at all" is above 0;
- "did not receive a single …" is a figure of 0;
- the gap between the biggest and the smallest is the range;
- A占B: the figure named last before 占 over the first after it (a row named earlier only says where it sits);
- a share of several figures added up (占许可、处罚、强制三类处理决定总数);
- a mention of a verb and its object finds them apart (收取信息处理费 in 收取政府信息公开信息处理费);
- which years (fail a check, lack a table): the years, not the reports.
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


@pytest.mark.parametrize("province", ["福建省", "浙江省"])
@pytest.mark.parametrize("turn,key", [("how many applications did they get, combined?", "requests.new.total"),
                                      ("how many penalty decisions did they make in total?", "active.penalty.decisions")])
def test_they_after_a_list_are_the_listed(settings, province, turn, key):
    en = {"福建省": "Fujian", "浙江省": "Zhejiang"}[province]
    want = sum(_num(g, key) for g in ALL if g["province"] == province)
    got = answer(turn, history=[f"Which agencies in the database are in {en} province?"], settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("turn,key", [("what share of those were only partially disclosed?", "requests.partial.total"),
                                      ("what percentage of those were granted in full?", "requests.granted.total")])
def test_a_share_of_those(settings, year, turn, key):
    g = HONGZE[year]
    got = answer(turn, history=[f"How many applications did Hongze receive in {year}?"], settings=settings)
    want = round(100 * _num(g, key) / _num(g, "requests.new.total"), 2)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("key,en", [("active.penalty.decisions", "行政处罚 decisions"), ("requests.new.total", "new applications")])
def test_an_explicit_order_lists_the_whole_ranking(settings, key, en):
    got = answer(f"List the 2020 agencies that had any {en} at all, most to fewest.", settings=settings)
    want = sorted((g for g in SAMPLES.values() if g["year"] == 2020 and (_num(g, key) or 0) > 0), key=lambda g: -_num(g, key))
    assert got.status == "answered" and [i.value for i in got.items] == [_num(g, key) for g in want], got.text


@pytest.mark.parametrize("q,key", [("Which 2020 agencies did not receive a single application?", "requests.new.total"),
                                   ("Which 2020 agencies didn't make a single penalty decision?", "active.penalty.decisions")])
def test_not_a_single_is_zero(settings, q, key):
    want = {g["agency"] for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) == 0}
    got = answer(q, settings=settings)
    assert got.status == "answered" and {i.label for i in got.items} == want, got.text


@pytest.mark.parametrize("q", ["What's the gap in yuan between the biggest and the smallest procurement amounts in the store?",
                               "difference between the smallest and the largest procurement amount?"])
def test_biggest_and_smallest_is_the_range(settings, q):
    vals = [_num(g, "active.procurement.amount") for g in ALL if _num(g, "active.procurement.amount") is not None]
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(max(vals) - min(vals)), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("row,key", [("“本机关不掌握相关政府信息”", "requests.unavailable_not_held.total"),
                                     ("予以公开", "requests.granted.total")])
def test_the_share_reads_around_zhan(settings, year, row, key):
    g = HONGZE[year]
    got = answer(f"洪泽区{year}年办理结果里，{row}占办理总数的百分比是多少", settings=settings)
    want = round(100 * _num(g, key) / _num(g, "requests.handled.total"), 2)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("num,zh", [("penalty", "行政处罚"), ("licensing", "行政许可"), ("coercion", "行政强制")])
@pytest.mark.parametrize("year", [2023, 2024])
def test_a_share_of_figures_added_up(settings, num, zh, year):
    g = HONGZE[year]
    base = sum(_num(g, f"active.{r}.decisions") for r in ("licensing", "penalty", "coercion"))
    got = answer(f"洪泽区{year}年{zh}决定数占许可、处罚、强制三类处理决定总数的比例", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(100 * _num(g, f"active.{num}.decisions") / base, 2),
                                                                   abs=0.01), got.text


@pytest.mark.parametrize("q,want", [
    ("Which report years have no 政府集中采购 (procurement) data at all?",
     lambda: sorted({g["year"] for g in ALL if (g["facts"].get("active.procurement.amount") or {"state": "absent"})["state"]
                     == "absent"})),
    ("Which years of the Hongze reports fail a balance (勾稽) check?",
     lambda: sorted(y for y, g in HONGZE.items() if any(str(v).startswith("fail") for v in g["checks"].values()))),
    ("哪几年的报告勾稽关系对不上", lambda: sorted({g["year"] for g in ALL if any(str(v).startswith("fail") for v in g["checks"].values())}))])
def test_which_years_lists_years(settings, q, want):
    got = answer(q, settings=settings)
    assert got.status == "answered" and [i.value for i in got.items] == want(), got.text


def test_which_reports_still_lists_reports(settings):
    got = answer("哪些年报没有政府集中采购数据", settings=settings)
    assert got.status == "answered" and all(not i.label.isdigit() for i in got.items), got.text


@pytest.mark.parametrize("q,want", [
    ("quick q - how many admin licensing decisions did the Hongze district govt make in 2023?",
     lambda: _num(HONGZE[2023], "active.licensing.decisions")),
    ("What's the procurement total for 二七区统计局, expressed in yuan?",
     lambda: _num(SAMPLES["郑州市二七区统计局"], "active.procurement.amount")),
    ("2020年各统计局（街道办不算）的采购金额总和是多少",
     lambda: sum(_num(g, "active.procurement.amount") for g in SAMPLES.values()
                 if g["year"] == 2020 and g["agency"].endswith("统计局"))),
    ("Was 鄞州区统计局's procurement amount more than seven times 二七区统计局's?",
     lambda: _num(SAMPLES["鄞州区统计局"], "active.procurement.amount")
     > 7 * _num(SAMPLES["郑州市二七区统计局"], "active.procurement.amount")),
    ("Was 二七区统计局's procurement amount more than 3 times 鹿城区统计局's?",
     lambda: _num(SAMPLES["郑州市二七区统计局"], "active.procurement.amount")
     > 3 * _num(SAMPLES["温州市鹿城区统计局"], "active.procurement.amount"))])
def test_plain_forms_of_set_22(settings, q, want):
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want(), got.text
