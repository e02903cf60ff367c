"""Question forms found answered wrongly by hold-out set 21 (blind first run 73.3 % right, 5.0 % answered wrongly;
now a training set), fixed by mechanism and tested on generated variants, not on its wording:

- 前年 in a chat is two years before the chat's year, and a year written beside it (就是22年那份) says which year
  it meant (no store-relative year added to it);
- 正文里说受理了17件，表格里的…是多少 / the text says 17; what does the table say?: the table's figure is asked, the
  text's is the premise;
- a listing narrowed by a kind of agency no kind filter reads (street or township offices) is not given as every
  agency in scope;
- a ranking that reads a second figure (for whichever agency received the most requests, how much did it spend?)
  answers neither silently;
- a difference asked in words a metric took (比…少花了多少钱) is not answered with one figure;
- a metadata turn naming no scope keeps the chat's (库里有江苏的报告吗？ → 是哪个单位的？ → 有哪几年的？).
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


@pytest.mark.parametrize("turn", ["前年的呢？", "前年的呢？就是22年那份", "and the year before last?", "前年呢"])
@pytest.mark.parametrize("key,zh", [("requests.new.total", "收到多少件信息公开申请"), ("active.penalty.decisions", "行政处罚决定多少件")])
def test_the_year_before_last_in_a_chat(settings, turn, key, zh):
    got = answer(turn, history=[f"洪泽区2024年{zh}？"], settings=settings)
    assert got.status != "answered" and got.plan.years == [2022], got.text  # no 2022 report is held: said


@pytest.mark.parametrize("later,earlier", [(2024, 2023)])
def test_the_year_before_after_a_later_year_is_held(settings, later, earlier):
    got = answer("去年的呢？", history=[f"洪泽区{later}年收到多少件信息公开申请？"], settings=settings)
    assert got.status == "answered" and got.value == _num(HONGZE[earlier], "requests.new.total"), got.text


@pytest.mark.parametrize("frame", ["洪泽区{y}年报告正文里说受理了{n}件申请，表格里的新收申请数是多少？",
                                   "The text of Hongze's {y} report says {n} requests were received; what does the table say?",
                                   "洪泽区{y}年正文写的是受理{n}件，那表中本年新收申请是几件"])
@pytest.mark.parametrize("year", [2023, 2024])
def test_the_table_asked_with_the_text_as_premise(parsed, frame, year):
    g = HONGZE[year]
    (said,) = [n for n in g["narrative_numbers"] if "requests.new.total" in (n.get("cells") or [n.get("cell")])]
    got = answer(frame.format(y=year, n=said["value"]), settings=parsed)
    assert got.status == "answered" and got.value == _num(g, "requests.new.total"), got.text


@pytest.mark.parametrize("q", ["Which agencies in the store are street or township offices?",
                               "List the agencies that are township or street offices",
                               "which of the agencies are township governments or street offices?"])
def test_a_kind_no_filter_reads_is_not_listed_as_everything(settings, q):
    got = answer(q, settings=settings)
    listed = {i.label for i in got.items}
    assert got.status != "answered" or len(listed) < len({g["agency"] for g in ALL}), got.text


@pytest.mark.parametrize("q", ["For whichever 2020 agency received the most requests, how much did it spend on procurement?",
                               "收到申请最多的那个单位，采购花了多少钱？",
                               "The agency with the most penalty decisions — how many new requests did it get?"])
def test_a_ranking_that_reads_a_second_figure_is_not_answered_with_the_first(settings, q):
    got = answer(q, settings=settings)
    if got.status == "answered":  # then it must be the second figure of the top agency, never the ranked one
        assert len(got.plan.metrics) == 1, got.text
    else:
        assert got.value is None


@pytest.mark.parametrize("history,turn", [
    (["哪个单位的采购项目最多？"], "那它比采购金额最高的那家少花了多少钱"),
    (["Which agency ran the most procurement projects?"], "how much less did it spend than the top spender?")])
def test_a_difference_a_metric_word_took_is_not_one_figure(settings, history, turn):
    got = answer(turn, history=history, settings=settings)
    assert got.status != "answered" or got.plan.intent == "difference", got.text


@pytest.mark.parametrize("place,province", [("江苏", "江苏省"), ("福建", "福建省"), ("浙江", "浙江省")])
def test_a_metadata_turn_keeps_the_chats_scope(settings, place, province):
    held = [g for g in ALL if g["province"] == province]
    who = answer("是哪个单位的？", history=[f"{place}有哪些单位"], settings=settings)
    assert who.status == "answered" and {i.label for i in who.items} <= {
        next(i.label for i in who.items if i.label.endswith(g["agency"])) for g in held}, who.text
    years = answer("有哪几年的？", history=[f"{place}有哪些单位", "是哪个单位的？"], settings=settings)
    assert years.status == "answered" and set(years.plan.model_dump().get("years") or []) == set() \
        and all(str(g["year"]) in years.text for g in held), years.text
    total = answer("那几年收到的申请一共多少件", history=[f"{place}有哪些单位", "是哪个单位的？", "有哪几年的？"],
                   settings=settings)
    assert total.status == "answered" and total.value == sum(_num(g, "requests.new.total") for g in held), total.text


@pytest.mark.parametrize("history,turn,g,key", [
    (["洪泽区2024年行政强制决定数量是多少？"], "sorry我说错了，是2023年的", HONGZE[2023], "active.coercion.decisions"),
    (["洪泽区2024年行政强制决定数量是多少？"], "不好意思，应该是2023年的", HONGZE[2023], "active.coercion.decisions"),
    (["How many penalty decisions did 鹿城区统计局 report?"], "sorry, I meant the Erqi one", SAMPLES["郑州市二七区统计局"],
     "active.penalty.decisions"),
    ([], "hey quick one - how many administrative penalty decisions did Hongze district report for 2024?", HONGZE[2024],
     "active.penalty.decisions"),
    ([], "How many requests did the Yinzhou stats bureau grant in full back in 2019?", SAMPLES["鄞州区统计局"],
     "requests.granted.total")])
def test_greetings_and_corrections_ask_nothing_new(settings, history, turn, g, key):
    got = answer(turn, history=history, settings=settings)
    assert got.status == "answered" and got.value == _num(g, key), got.text


@pytest.mark.parametrize("q", ["所有统计局（不含最高的那个）的采购金额加起来", "统计局的采购金额加起来，不算排第一的",
                               "total procurement of the statistics bureaus, not counting the largest one"])
def test_a_left_out_thing_no_linker_reads_stays_unread(settings, q):
    """Leave-out words are read only with what they leave out (a place, an agency, a kind, a year): a top entry
    left out is not read here, so the total is not given as if it were asked (or ignored)."""
    got = answer(q, settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("q", ["所有统计局（不含2019年的）的采购金额加起来", "统计局的采购金额加起来，不算2019年的",
                               "total procurement of the statistics bureaus, not counting 2019", "2019年的除外，统计局的采购金额一共多少"])
def test_a_year_left_out(settings, q):
    want = sum(_num(g, "active.procurement.amount") for g in SAMPLES.values()
               if g["agency"].endswith("统计局") and g["year"] != 2019)
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want) and 2019 not in got.plan.years, got.text


@pytest.mark.parametrize("q,organ", [("统计局的采购金额加起来是多少", "统计局"), ("街道的采购金额加起来是多少", "街道")])
def test_a_kind_opening_the_question_is_the_scope(settings, q, organ):
    want = sum(_num(g, "active.procurement.amount") or 0 for g in SAMPLES.values() if organ in g["agency"])
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("q,out", [("所有统计局（不含鹿城区）的采购金额加起来", "温州市鹿城区统计局"),
                                   ("所有统计局（不含鹿城区统计局）的采购金额加起来", "温州市鹿城区统计局"),
                                   ("所有部门类单位（不含街道和区政府）的采购金额加起来是多少", None)])
def test_a_left_out_aside_beside_a_kind(settings, q, out):
    want = sum(_num(g, "active.procurement.amount") or 0 for g in SAMPLES.values()
               if g["agency"].endswith("统计局") and g["agency"] != out)
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("q,agency,province", [
    ("温泉街道的采购额在福建省单位采购总额里占多少", "福州市鼓楼区温泉街道办事处", "福建省"),
    ("What share of all the procurement money in the database is Yinzhou's?", "鄞州区统计局", None),
    ("鹿城区统计局的采购金额在浙江省单位采购总额中占多少", "温州市鹿城区统计局", "浙江省")])
def test_an_agencys_share_of_a_whole(settings, q, agency, province):
    key = "active.procurement.amount"
    whole = sum(_num(g, key) or 0 for g in ALL if province is None or g["province"] == province)
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(100 * _num(SAMPLES[agency], key) / whole, 2)), got.text


@pytest.mark.parametrize("q,want", [
    ("Count the reports where not a single application was granted in full.",
     lambda: sum(1 for g in ALL if _num(g, "requests.granted.total") == 0)),
    ("how many of the agencies in the db are statistics bureaus", lambda: len({g["agency"] for g in ALL if g["agency"].endswith("统计局")})),
    ("Hongze 2024: how many more applications were granted in full than only partially?",
     lambda: _num(HONGZE[2024], "requests.granted.total") - _num(HONGZE[2024], "requests.partial.total"))])
def test_plain_words_for_counts_and_rows(settings, q, want):
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want(), got.text


def _top(key: str, golds: list[dict], low: bool = False) -> dict:
    usable = [g for g in golds if _num(g, key) is not None]
    return (min if low else max)(usable, key=lambda g: _num(g, key))


@pytest.mark.parametrize("q,by,asked,year", [
    ("For whichever 2020 agency received the most requests, how much did it spend on procurement?",
     "requests.new.total", "active.procurement.amount", 2020),
    ("The agency with the most penalty decisions — how many new requests did it get?",
     "active.penalty.decisions", "requests.new.total", None),
    ("采购金额最高的单位有几个采购项目", "active.procurement.amount", "active.procurement.projects", None),
    ("采购项目最多的单位花了多少钱", "active.procurement.projects", "active.procurement.amount", None),
    ("2020年收到申请最多的那个单位，采购花了多少钱？", "requests.new.total", "active.procurement.amount", 2020)])
def test_the_figure_asked_of_the_report_a_ranking_picks(settings, q, by, asked, year):
    top = _top(by, [g for g in ALL if year is None or g["year"] == year])
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_num(top, asked)), got.text
    assert {c.key for c in got.citations} >= {by, asked}  # both figures' cells are receipts


def test_the_picked_report_without_the_figure_says_so(settings):
    """The report with the most requests overall is a 2021-template one, which has no procurement block."""
    got = answer("收到申请最多的那个单位，采购花了多少钱？", settings=settings)
    assert got.status == "no_data" and got.value is None, got.text
