"""Question forms found missing by hold-out set 13 (blind first run 79.2 % right, 3.3 % answered wrongly; now a
training set), fixed by mechanism and tested on generated variants, not on its wording (the consistency
yes/no questions are in test_qa_consistency.py):

- two districts named bare (鄞州比鹿城多多少？, did Yinzhou's … exceed Lucheng's?), each holding one agency of
  the store, are those agencies; a place holding several agencies stays a place;
- an English question naming two places with no `and` between them names both;
- "this agency" / "the agency" names no organ (it did make the place's agencies unknown);
- figures of two named agencies "added up" (加起来, 加总, add up) are their sum, not a side-by-side list.
Expected values come from the gold cells."""
from __future__ import annotations

import itertools

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

GOLD = {g["agency"]: g for g in (load_gold(n) for n in SAMPLE_FILES)}
HONGZE = load_gold("hongze-qu-gov-2024.json")
# districts holding one agency of the store, by their bare names
PLACES = {"鄞州": ("Yinzhou", "鄞州区统计局"), "鹿城": ("Lucheng", "温州市鹿城区统计局"), "二七": ("Erqi", "郑州市二七区统计局")}
METRICS = {"requests.new.total": ("收到的申请", "new requests"), "active.penalty.decisions": ("行政处罚决定数", "penalty decisions"),
           "active.procurement.amount": ("政府集中采购金额", "procurement amount")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _value(agency: str, key: str) -> float:
    fact = GOLD[agency]["facts"][key]
    assert fact["state"] == "number"
    return fact["value"]


PAIRS = [(a, b, k) for a, b in itertools.permutations(PLACES, 2) for k in METRICS]


@pytest.mark.parametrize("a,b,key", PAIRS)
@pytest.mark.parametrize("ask", ["{a}的{m}比{b}多多少？", "{a}的{m}和{b}差多少？",
                                 "By how much did {A}'s {M} exceed {B}'s?", "What is the difference between {A}'s {M} and {B}'s?"])
def test_two_bare_districts_are_their_agencies_in_a_difference(settings, a, b, key, ask):
    q = ask.format(a=a, b=b, A=PLACES[a][0], B=PLACES[b][0], m=METRICS[key][0], M=METRICS[key][1])
    got = answer(q, settings=settings)
    va, vb = _value(PLACES[a][1], key), _value(PLACES[b][1], key)
    assert got.status == "answered" and abs(got.value) == pytest.approx(abs(va - vb)), got.text
    assert {c.report for c in got.citations} and len({i.label for i in got.items}) >= 1, got.text


@pytest.mark.parametrize("a,b,key", PAIRS[::2])
@pytest.mark.parametrize("ask", ["{a}和{b}的{m}加起来是多少？", "{a}、{b}两家的{m}加总是多少？",
                                 "Add up the {M} of {A} and {B}.", "What do {A} and {B}'s {M} add up to?"])
def test_figures_of_two_agencies_added_up_are_their_sum(settings, a, b, key, ask):
    q = ask.format(a=a, b=b, A=PLACES[a][0], B=PLACES[b][0], m=METRICS[key][0], M=METRICS[key][1])
    got = answer(q, settings=settings)
    total = _value(PLACES[a][1], key) + _value(PLACES[b][1], key)
    assert got.status == "answered" and got.value == pytest.approx(total), got.text


@pytest.mark.parametrize("ask", ["鼓楼和鹿城的{m}比较一下", "Compare the {M} of Gulou and Lucheng."])
def test_a_district_with_several_agencies_stays_a_place(settings, ask):
    """福州市鼓楼区 holds the statistics bureau and 温泉街道: the bare name is not one agency's."""
    got = answer(ask.format(m="收到的申请", M="new requests"), settings=settings)
    labels = {i.label for i in got.items}
    assert not (got.status == "answered" and labels == {"福州市鼓楼区统计局", "温州市鹿城区统计局"}), got.text


@pytest.mark.parametrize("ask", ["What share of the requests Hongze handled in 2024 were answered 'information not held by {d} agency'?",
                                 "In 2024, what percentage of Hongze's handled requests got the reply that {d} agency does not hold the information?"])
@pytest.mark.parametrize("det", ["this", "the", "that"])
def test_a_generic_agency_noun_names_no_organ(settings, ask, det):
    got = answer(ask.format(d=det), settings=settings)
    facts = HONGZE["facts"]
    share = round(100 * facts["requests.unavailable_not_held.total"]["value"] / facts["requests.handled.total"]["value"], 2)
    assert got.status == "answered" and got.value == pytest.approx(share), got.text


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("ask", ["{a}收到的申请中，来自自然人的有几件？", "{a}来自自然人的新收申请一共几件？"])
def test_from_whom_is_the_applicant_column(settings, place, ask):
    got = answer(ask.format(a=PLACES[place][1]), settings=settings)
    assert got.status == "answered" and got.value == _value(PLACES[place][1], "requests.new.person"), got.text


def _hongze(year: int, key: str) -> float:
    return load_gold(f"hongze-qu-gov-{year}.json")["facts"][key]["value"]


@pytest.mark.parametrize("ask,expected", [
    ("What was the year-on-year growth of new requests at Hongze from 2023 to 2024, in percent?",
     lambda: round(100 * (_hongze(2024, "requests.new.total") / _hongze(2023, "requests.new.total") - 1), 2)),
    ("How many Hongze requests in 2024 ended as 'not held by this agency', all sub-categories counted?",
     lambda: _hongze(2024, "requests.unavailable_not_held.total"))])
def test_hyphenated_words_are_read_by_their_parts(settings, ask, expected):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(expected()), got.text


ALL_GOLDS = list(GOLD.values()) + [load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)]


@pytest.mark.parametrize("key,zh,en", [("active.procurement.amount", "政府集中采购表", "procurement table"),
                                       ("active.procurement.projects", "政府集中采购项目数", "procurement project figures"),
                                       ("requests.new.total", "新收申请数据", "new request figures")])
@pytest.mark.parametrize("ask", ["有几份年报没有{zh}？", "没有{zh}的年报有多少份？", "How many reports have no {en}?",
                                 "How many of the reports lack {en}?"])
def test_how_many_reports_lack_a_figure_counts_those_lacking_it(settings, key, zh, en, ask):
    """没有 / lack in a count question: the reports whose template has no such row (never those above 0)."""
    lacking = sum(1 for g in ALL_GOLDS if (g["facts"].get(key) or {}).get("state", "absent") == "absent")
    got = answer(ask.format(zh=zh, en=en), settings=settings)
    assert got.status == "answered" and got.value == lacking, got.text


BUREAUS = {"Zhejiang": ["温州市鹿城区统计局", "鄞州区统计局"], "Fujian": ["福州市鼓楼区统计局"]}


@pytest.mark.parametrize("province", list(BUREAUS))
@pytest.mark.parametrize("ask", ["Add up the procurement spending of the {p} statistics bureaus.",
                                 "What did the statistics bureaus in {p} spend on procurement in total?",
                                 "How much did all {p} statistics bureaus spend on centralised procurement altogether?"])
def test_a_plural_organ_after_a_province_is_the_group_of_its_bureaus(settings, province, ask):
    """Only the statistics bureaus of the province (福建 also holds a street office): their sum."""
    got = answer(ask.format(p=province), settings=settings)
    total = sum(_value(a, "active.procurement.amount") for a in BUREAUS[province])
    assert got.status == "answered" and got.value == pytest.approx(total), got.text


def test_a_plural_street_office_group_leaves_the_bureaus_out(settings):
    got = answer("How many requests did the Fujian street offices receive in 2020?", settings=settings)
    assert got.status == "answered" and got.value == _value("福州市鼓楼区温泉街道办事处", "requests.new.total"), got.text


OUTCOMES = {"granted": ("予以公开", "granted"), "partial": ("部分公开", "partly granted"),
            "unavailable_not_held": ("本机关不掌握相关政府信息", "not held")}


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("a,b", [("granted", "partial"), ("partial", "unavailable_not_held"), ("granted", "unavailable_not_held")])
@pytest.mark.parametrize("ask", ["洪泽区{y}年{A}和{B}加起来占办理总数的百分比是多少？", "洪泽区{y}年{A}、{B}合计占办理结果总数的比例",
                                 "What share of Hongze's handled requests in {y} were {A} or {B}, taken together?",
                                 "In {y}, {A} and {B} requests combined made up what percentage of those Hongze handled?"])
def test_a_share_of_figures_added_up(settings, year, a, b, ask):
    en = ask[0].isascii()
    q = ask.format(y=year, A=OUTCOMES[a][1 if en else 0], B=OUTCOMES[b][1 if en else 0])
    part = _hongze(year, f"requests.{a}.total") + _hongze(year, f"requests.{b}.total")
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(100 * part / _hongze(year, "requests.handled.total"), 2)), got.text
    keys = {c.key for c in got.citations}
    assert {f"requests.{a}.total", f"requests.{b}.total", "requests.handled.total"} <= keys, keys


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("ask,row", [
    ("For {y}, how many lawsuits were filed against Hongze directly, without going through administrative reconsideration first?", "lawsuit_direct"),
    ("How many disclosure lawsuits did Hongze face in {y} that were brought directly, not after reconsideration?", "lawsuit_direct"),
    ("洪泽区{y}年没有经过复议、直接起诉的案件有多少？", "lawsuit_direct"),
    ("洪泽区{y}年不经过行政复议直接打官司的有几件？", "lawsuit_direct"),
    ("In {y}, how many lawsuits against Hongze came after a reconsideration?", "lawsuit_after_review"),
    ("How many administrative lawsuits did Hongze face in {y}?", None)])
def test_a_row_named_to_rule_it_out_and_a_member_word_narrowing_a_group(settings, year, ask, row):
    """未经 / without X: X qualifies the row asked, it is not asked; a word only one member of a group row holds
    (directly) picks that member; with none, the group's total (both kinds of lawsuit)."""
    got = answer(ask.format(y=year), settings=settings)
    rows = [row] if row else ["lawsuit_direct", "lawsuit_after_review"]
    facts = load_gold(f"hongze-qu-gov-{year}.json")["facts"]
    balanced = all(sum(facts[f"review.{r}.{c}"]["value"] for c in ("upheld", "corrected", "other", "pending"))
                   == facts[f"review.{r}.total"]["value"] for r in rows)
    if not balanced:  # a row failing R4 gives no number (which cell is wrong, nothing says)
        assert got.value is None, got.text
        return
    assert got.status == "answered" and got.value == sum(_hongze(year, f"review.{r}.total") for r in rows), got.text


NAMED = {"温州市鹿城区统计局": ("鹿城区统计局", "the Lucheng statistics bureau"), "郑州市二七区统计局": ("二七区统计局", "the Erqi statistics bureau"),
         "福州市鼓楼区统计局": ("福州鼓楼区统计局", "the Gulou statistics bureau in Fuzhou"),
         "鄞州区统计局": ("鄞州区统计局", "the Yinzhou statistics bureau"),
         "福州市鼓楼区温泉街道办事处": ("温泉街道", "Wenquan subdistrict"), "淮安市洪泽区人民政府": ("洪泽区政府", "the Hongze district government")}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@pytest.mark.parametrize("gold", ALL_GOLDS, ids=[f"{g['agency']}{g['year']}" for g in ALL_GOLDS])
def test_when_a_report_was_published(settings, gold):
    """The report's signature date (the gold `published`); asked of a month, yes only for its own month."""
    zh, en = NAMED[gold["agency"]]
    y, date = gold["year"], gold.get("published")
    for ask in (f"{zh}{y}年的年报是什么时候发布的？", f"When was {en}'s {y} report published?"):
        got = answer(ask, settings=settings)
        assert got.value == date, got.text
    if date is None:
        return
    year, month = int(date[:4]), int(date[5:7])
    other = month % 12 + 1
    for m, expected in ((month, True), (other, False)):
        for ask in (f"{zh}{y}年的报告是{year}年{m}月印发的吗？", f"Was {en}'s {y} report published in {MONTHS[m - 1]} {year}?"):
            got = answer(ask, settings=settings)
            assert got.status == "answered" and got.value is expected, got.text


@pytest.mark.parametrize("ask", ["福州市鼓楼区那两家（区统计局和温泉街道）2020年一共收到多少件依申请公开？",
                                 "福州鼓楼区两家单位2020年一共收到多少件申请？",
                                 "How many requests did both Gulou agencies in Fuzhou receive in 2020 altogether?"])
def test_a_place_and_the_count_of_its_agencies_is_all_of_them(settings, ask):
    got = answer(ask, settings=settings)
    total = _value("福州市鼓楼区统计局", "requests.new.total") + _value("福州市鼓楼区温泉街道办事处", "requests.new.total")
    assert got.status == "answered" and got.value == total, got.text


@pytest.mark.parametrize("bound", [0, 5, 20, 1000])
@pytest.mark.parametrize("ask,agencies", [("行政处罚决定超过{n}件的都有哪些单位？", True), ("Which agencies made more than {n} penalty decisions?", True),
                                          ("行政处罚决定超过{n}件的有哪些年报？", False), ("Which reports show more than {n} penalty decisions?", False)])
def test_a_list_of_agencies_names_each_once_a_list_of_reports_each_report(settings, bound, ask, agencies):
    above = [g for g in ALL_GOLDS if g["facts"]["active.penalty.decisions"]["state"] == "number"
             and g["facts"]["active.penalty.decisions"]["value"] > bound]
    expected = len({g["agency"] for g in above}) if agencies else len(above)
    got = answer(ask.format(n=bound), settings=settings)
    assert got.status == "answered" and len(got.items) == expected, got.text
