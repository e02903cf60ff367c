"""Question forms found missing by hold-out set 18 (blind first run 73.3 % right, 9.2 % answered wrongly; now a
training set), fixed by mechanism and tested on generated variants, not on its wording:

- a stated change with its direction (比上一年减少了15项, fell by 15) is checked with its sign;
- a count of agencies (几家单位, how many agencies, 的统计局有几个) counts each agency once; of reports, each report;
- an organ after a bound (超过10万元的统计局) is the organ;
- the costs of the disclosure work (工作经费) are no table figure, whatever money word asks them;
- where one agency is (在哪个地级市, which province is … in): its place at that level;
- the agencies that dated their reports, earliest first;
- a figure asked after a metadata turn (is there a 2021 report for X? — what about its coercion decisions?);
- a report's opening paragraph (before section 一) is searched for mentions;
- a yes/no tag (', yes?') and whether two things the text says agree (withheld).
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import SAMPLE_FILES, load_gold

SAMPLES = {g["agency"]: g for g in (load_gold(n) for n in SAMPLE_FILES)}
HONGZE = {y: load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)}
ALL = [*SAMPLES.values(), *HONGZE.values()]
ROWS = {"penalty": ("行政处罚", "penalty"), "licensing": ("行政许可", "licensing"), "coercion": ("行政强制", "coercion")}
SHORT = {"温州市鹿城区统计局": ("鹿城区统计局", "Lucheng"), "郑州市二七区统计局": ("二七区统计局", "Erqi"),
         "福州市鼓楼区统计局": ("鼓楼区统计局", "the Gulou statistics bureau")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _num(g: dict, key: str):
    f = g["facts"].get(key) or {}
    return f.get("value") if f.get("state") == "number" else None


CHANGES = [(a, r) for a in SHORT for r in ROWS if _num(SAMPLES[a], f"active.{r}.change")]


@pytest.mark.parametrize("agency,row", CHANGES)
@pytest.mark.parametrize("frame,sign", [("{z}{y}年{rz}事项比上一年减少了{n}项，对吗？", -1), ("{z}{y}年{rz}事项比上一年增加了{n}项，对吗？", 1),
                                        ("{e}'s {re} items fell by {n} from the previous year in {y}, right?", -1),
                                        ("{e}'s {re} items rose by {n} from the previous year in {y}, right?", 1)])
def test_a_stated_change_is_checked_with_its_direction(settings, agency, row, frame, sign):
    g = SAMPLES[agency]
    change = _num(g, f"active.{row}.change")
    q = frame.format(z=SHORT[agency][0], e=SHORT[agency][1], y=g["year"], rz=ROWS[row][0], re=ROWS[row][1], n=abs(int(change)))
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (sign * abs(change) == change), got.text


def _passing(key: str, bound: float) -> list[dict]:
    return [g for g in ALL if (v := _num(g, key)) is not None and v > bound]


@pytest.mark.parametrize("key,zh,en,bound", [("requests.new.total", "新收申请", "new requests", 3),
                                             ("active.penalty.decisions", "行政处罚决定", "penalty decisions", 0),
                                             ("requests.new.total", "新收申请", "new requests", 0)])
@pytest.mark.parametrize("frame,agencies", [("{zh}超过{b}件的单位有几家？", True), ("{zh}超过{b}件的年报有几份？", False),
                                            ("How many agencies had more than {b} {en}?", True),
                                            ("How many reports show more than {b} {en}?", False)])
def test_agencies_or_reports_counted_as_asked(settings, key, zh, en, bound, frame, agencies):
    passing = _passing(key, bound)
    want = len({g["agency"] for g in passing}) if agencies else len(passing)
    got = answer(frame.format(zh=zh, en=en, b=bound), settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("bound,unit,factor", [(10, "万元", 10000), (5, "万元", 10000), (100000, "元", 1)])
@pytest.mark.parametrize("organ,members", [("统计局", lambda g: g["agency"].endswith("统计局")),
                                           ("街道", lambda g: "街道" in g["agency"])])
def test_an_organ_after_a_bound_is_the_organ(settings, bound, unit, factor, organ, members):
    want = len([g for g in _passing("active.procurement.amount", bound * factor) if members(g)])
    got = answer(f"采购金额超过{bound}{unit}的{organ}有几个？", settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("agency", list(SHORT))
@pytest.mark.parametrize("frame", ["{z}2020年政府信息公开工作经费花了多少钱？", "{z}的办公经费是多少？",
                                   "How much was {e}'s disclosure working budget in 2020?"])
def test_the_cost_of_the_disclosure_work_is_no_table_figure(settings, agency, frame):
    got = answer(frame.format(z=SHORT[agency][0], e=SHORT[agency][1]), settings=settings)
    assert got.status == "no_data" and got.value is None, got.text


WHERE = {"鄞州区统计局": "宁波市鄞州区统计局", "鹿城区统计局": "温州市鹿城区统计局", "温泉街道": "福州市鼓楼区温泉街道办事处",
         "洪泽区政府": "淮安市洪泽区人民政府"}


@pytest.mark.parametrize("name", WHERE)
@pytest.mark.parametrize("frame,level", [("{n}在哪个地级市？", "city"), ("{n}属于哪个省？", "province"),
                                         ("{n}位于哪个城市？", "city")])
def test_where_one_agency_is(settings, name, frame, level):
    g = next(g for g in ALL if WHERE[name] in (g["agency"], g.get("agency_full")))
    got = answer(frame.format(n=name), settings=settings)
    assert got.status == "answered" and [i.label for i in got.items] == [g[level]], got.text


@pytest.mark.parametrize("ask", ["List the agencies that dated their reports, from the earliest signature date to the latest.",
                                 "哪些单位的年报写明了落款日期？", "Which reports were published with a signature date?"])
def test_the_reports_that_print_a_date_earliest_first(settings, ask):
    got = answer(ask, settings=settings)
    dated = sorted((g for g in ALL if g.get("published")), key=lambda g: g["published"])
    assert got.status == "answered", got.text
    assert [i.value for i in got.items] == [g["published"] for g in dated], got.text


@pytest.mark.parametrize("agency", list(SHORT))
@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("first,then", [("Is there a 2021 report for {e}?", "ok, what about its 2020 {re} decisions then?"),
                                        ("{z}有2022年的年报吗？", "那它2020年的{rz}决定有几件？")])
def test_a_figure_after_a_metadata_turn(settings, agency, row, first, then):
    z, e = SHORT[agency]
    got = answer(then.format(re=ROWS[row][1], rz=ROWS[row][0]), history=[first.format(z=z, e=e)], settings=settings)
    assert got.status == "answered" and got.value == _num(SAMPLES[agency], f"active.{row}.decisions"), got.text


@pytest.mark.parametrize("term", ["区档案馆", "档案馆", "国务院令"])
def test_the_opening_paragraph_is_searched(settings, term):
    from nianbao.config import SAMPLES_DIR

    def opening(g: dict) -> str:
        text = (SAMPLES_DIR / g["file"]).read_text(encoding="utf-8") if (SAMPLES_DIR / g["file"]).exists() else ""
        return text
    want = {g["agency"] for g in SAMPLES.values() if term in opening(g)}
    got = answer(f"2020年和2019年的报告中，哪些提到了{term}？", settings=settings)
    assert got.status == "answered" and {i.label for i in got.items} == want, got.text


@pytest.mark.parametrize("year,ok", [(2023, False), (2024, True)])
@pytest.mark.parametrize("tag", ["yes?", "no?", "right?"])
def test_a_tagged_claim_about_the_balance_checks(settings, year, ok, tag):
    got = answer(f"Hongze's {year} report passes all the balance checks, {tag}", settings=settings)
    assert got.status == "answered" and got.value is ok, got.text


@pytest.mark.parametrize("ask", ["鼓楼区统计局报告里“主动公开信息5条”和“共发布各类信息142条”这两个数能对上吗？",
                                 "Do the Gulou statistics bureau's two counts of published items in its text match?"])
def test_whether_two_things_the_text_says_agree_is_not_answered_with_quotes(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" or isinstance(got.value, bool), got.text


@pytest.mark.parametrize("agency", list(SHORT) + ["福州市鼓楼区温泉街道办事处"])
@pytest.mark.parametrize("frame", ["{z}2020年没有遇到任何行政复议或行政诉讼，是吗？", "{z}2020年没有碰到行政复议或行政诉讼，对吧？",
                                   "{e} didn't face any reconsideration or lawsuit in 2020, right?"])
def test_none_of_two_figures_is_their_sum_at_zero(settings, agency, frame):
    g = SAMPLES[agency]
    z, e = SHORT.get(agency, ("温泉街道", "Wenquan"))
    parts = [_num(g, "review.reconsideration.total")] + [_num(g, f"review.{r}.total") for r in ("lawsuit_direct", "lawsuit_after_review")]
    got = answer(frame.format(z=z, e=e), settings=settings)
    if None in parts:
        assert got.status != "answered" or got.value is not True, got.text
        return
    assert got.status == "answered" and got.value is (sum(parts) == 0), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("frame", ["Hongze's {y} narrative says the office took in {n} requests. Does the table agree?",
                                   "Hongze's {y} write-up says the office took in {n} requests. Does the table agree?"])
def test_a_second_sentence_asks_yes_or_no(settings, year, frame):
    """The yes/no in a sentence of its own (…17 requests. Does the table agree?) is the question's form."""
    got = answer(frame.format(y=year, n=17), settings=settings)
    assert got.status != "answered" or isinstance(got.value, bool), got.text


@pytest.mark.parametrize("agency", list(SHORT))
@pytest.mark.parametrize("frame", ["What's the average number of days {e} took to answer a request?", "{z}答复申请的平均用时是多少天？",
                                   "How many days did {e} take to reply to requests in 2020?"])
def test_how_long_answers_took_is_no_table_figure(settings, agency, frame):
    got = answer(frame.format(z=SHORT[agency][0], e=SHORT[agency][1]), settings=settings)
    assert got.status == "no_data" and got.value is None, got.text


@pytest.mark.parametrize("ask", ["How many different agencies are in the database?", "How many distinct agencies are there?"])
def test_different_agencies_counted(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status == "answered" and got.value == len({g["agency"] for g in ALL}), got.text


@pytest.mark.parametrize("key,zh", [("requests.new.total", "新收申请数"), ("active.penalty.decisions", "行政处罚决定数")])
@pytest.mark.parametrize("frame", ["按2020年{f}排，垫底的是哪家单位？", "2020年{f}排在最后的是哪个单位？"])
def test_the_bottom_of_a_ranking(settings, key, zh, frame):
    vals = sorted((_num(g, key), g["agency"]) for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) is not None)
    got = answer(frame.format(f=zh), settings=settings)
    if vals[0][0] == vals[1][0]:
        assert got.status != "answered" or len(got.items) > 1 or "并列" in got.text, got.text
        return
    assert got.status == "answered" and got.items[0].label == vals[0][1], got.text


@pytest.mark.parametrize("key,en,zh", [("requests.new.total", "new requests", "新收申请"),
                                       ("active.procurement.projects", "procurement projects", "采购项目")])
@pytest.mark.parametrize("frame", ["Average number of {en} per 2020 report?", "2020年的报告平均每份有几个{zh}？"])
def test_an_average_per_report(settings, key, en, zh, frame):
    vals = [_num(g, key) for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) is not None]
    got = answer(frame.format(en=en, zh=zh), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(sum(vals) / len(vals), abs=0.01), got.text


PLAIN = [("hongze '{yy} - requests turned down because the info would have to be created from scratch?",
          "requests.unavailable_needs_creation.total"),
         ("Hongze {y}: how many reconsideration cases ended with the original decision upheld?", "review.reconsideration.upheld"),
         ("洪泽区{y}年行政复议维持原决定的有几件？", "review.reconsideration.upheld")]


@pytest.mark.parametrize("frame,key", PLAIN)
@pytest.mark.parametrize("year", [2023, 2024])
def test_plain_names_of_rows(settings, frame, key, year):
    got = answer(frame.format(y=year, yy=str(year)[2:]), settings=settings)
    value = _num(HONGZE[year], key)
    failing = year == 2023 and key.startswith("review.reconsideration")  # (that report breaks R4 there)
    if failing:
        assert got.status != "answered" or got.value is None, got.text
        return
    assert got.status == "answered" and got.value == value, got.text


@pytest.mark.parametrize("agency", list(SHORT))
@pytest.mark.parametrize("row", ROWS)
def test_items_carried_from_the_previous_year(settings, agency, row):
    got = answer(f"{SHORT[agency][1]}: how many {ROWS[row][1]} items did it carry from the previous year?", settings=settings)
    assert got.status == "answered" and got.value == _num(SAMPLES[agency], f"active.{row}.prev_items"), got.text


@pytest.mark.parametrize("agency", ["福州市鼓楼区统计局", "福州市鼓楼区温泉街道办事处", "温州市鹿城区统计局"])
@pytest.mark.parametrize("key,en,zh", [("active.procurement.amount", "procurement spend", "采购金额"),
                                       ("requests.new.total", "new requests", "新收申请数")])
@pytest.mark.parametrize("frame", ["What share of the 2020 reports' combined {en} came from {e}?",
                                   "{z}的{zh}占2020年全部年报{zh}合计的比例是多少？"])
def test_a_share_of_the_total_of_every_report_in_scope(settings, agency, key, en, zh, frame):
    z, e = SHORT.get(agency, ("温泉街道", "the Wenquan street office"))
    whole = [_num(g, key) for g in SAMPLES.values() if g["year"] == 2020 and _num(g, key) is not None]
    part = _num(SAMPLES[agency], key)
    got = answer(frame.format(en=en, zh=zh, z=z, e=e), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(100 * part / sum(whole), 2), abs=0.01), got.text


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("frame", ["洪泽区2024年{rz}决定数相当于前一年的百分之多少？",
                                   "Hongze's 2024 {re} decisions as a percentage of the previous year's?"])
def test_a_year_as_a_percentage_of_the_year_before(settings, row, frame):
    a, b = _num(HONGZE[2024], f"active.{row}.decisions"), _num(HONGZE[2023], f"active.{row}.decisions")
    got = answer(frame.format(rz=ROWS[row][0], re=ROWS[row][1]), settings=settings)
    if not b:
        assert got.status != "answered" or got.value is None, got.text
        return
    assert got.status == "answered" and got.value == pytest.approx(round(100 * a / b, 2), abs=0.01), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("frame", ["Hongze {y}: how many requests were closed because the applicant didn't pay the fee on time?",
                                   "How many Hongze {y} applications were closed because the applicant didn't pay the fee in time?"])
def test_an_unpaid_fee_row_the_report_does_not_print_is_said(settings, year, frame):
    got = answer(frame.format(y=year), settings=settings)
    assert got.status == "no_data" and got.value is None, got.text  # (both reports print one undivided 其他处理 row)


@pytest.mark.parametrize("agency", ["温州市鹿城区统计局", "郑州市二七区统计局"])
def test_what_an_agency_paid_for_procurement(settings, agency):
    e = {"温州市鹿城区统计局": "the Wenzhou one", "郑州市二七区统计局": "the Zhengzhou one"}[agency]
    got = answer(f"what did {e} pay for centralized government procurement in 2020? in 万元 pls", settings=settings)
    assert got.status == "answered" and got.value == _num(SAMPLES[agency], "active.procurement.amount"), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("frame,key", [("洪泽区{y}年全部同意公开的申请占办理总量的比例是多少？", "requests.granted.total"),
                                       ("洪泽区{y}年部分同意公开的申请占办理总量的比例是多少？", "requests.partial.total")])
def test_granted_in_words_as_a_share_of_handled(settings, year, frame, key):
    g = HONGZE[year]
    got = answer(frame.format(y=year), settings=settings)
    want = round(100 * _num(g, key) / _num(g, "requests.handled.total"), 2)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("frame", ["What's the {re} decision count we have for Hongze?",
                                   "What's the most recent {re} decision count we have for Hongze?",
                                   "洪泽区政府最新的{rz}决定数是多少？", "洪泽最近一年的{rz}决定有几件？"])
def test_a_place_of_one_agency_without_a_year_is_its_latest_report(settings, row, frame):
    """A place holding one agency of two years, no year named, no total asked: its latest year's figure
    (the years were added up as if they were agencies), with the other year said."""
    got = answer(frame.format(re=ROWS[row][1], rz=ROWS[row][0]), settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE[2024], f"active.{row}.decisions"), got.text


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("frame", ["Hongze's {re} decisions over both years, added up?", "洪泽区两年的{rz}决定一共多少件？"])
def test_a_total_over_the_years_asked_is_still_their_sum(settings, row, frame):
    want = sum(_num(HONGZE[y], f"active.{row}.decisions") for y in (2023, 2024))
    got = answer(frame.format(re=ROWS[row][1], rz=ROWS[row][0]), settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("frame", ["江苏省的报告里，{rz}决定总数是多少？", "In Jiangsu's reports, what is the total of {re} decisions?"])
def test_a_province_named_is_a_scope_of_its_reports(settings, row, frame):
    """A province or city named is a scope of agencies, whatever the store holds of it: its reports added up."""
    want = sum(_num(HONGZE[y], f"active.{row}.decisions") for y in (2023, 2024))
    got = answer(frame.format(re=ROWS[row][1], rz=ROWS[row][0]), settings=settings)
    assert got.status == "answered" and got.value == want, got.text


def test_a_count_of_agencies_keeps_every_report_in_its_breakdown(settings):
    got = answer("新收申请超过3件的单位有几家？", settings=settings)
    assert got.value == 2 and {(i.label, i.year) for i in got.items} >= {("淮安市洪泽区人民政府", 2023),
                                                                      ("淮安市洪泽区人民政府", 2024)}, got.items


@pytest.mark.parametrize("key,en", [("active.procurement.projects", "procurement projects"), ("requests.new.total", "new requests"),
                                    ("active.penalty.decisions", "penalty decisions")])
@pytest.mark.parametrize("then", ["how much did it spend on them, in thousand yuan?", "and what did they spend on procurement?"])
def test_them_after_a_top_one_is_that_agency(settings, key, en, then):
    """"how much did it spend on them?" after "which bureau had the most …?": the one it named, not the highest
    spender (a plural pronoun over a one-agency answer is that agency)."""
    bureaus = [g for g in SAMPLES.values() if g["agency"].endswith("统计局") and _num(g, key) is not None]
    ranked = sorted(bureaus, key=lambda g: _num(g, key), reverse=True)
    if _num(ranked[0], key) == _num(ranked[1], key):
        pytest.skip("tied first place")
    got = answer(then, history=[f"Which statistics bureau had the most {en}?"], settings=settings)
    assert got.status == "answered" and got.value == _num(ranked[0], "active.procurement.amount"), got.text
