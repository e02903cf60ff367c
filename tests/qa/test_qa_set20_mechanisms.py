"""Question forms found answered wrongly (or not read) by hold-out set 20 (blind first run 80.0 % right, 6.7 %
answered wrongly; now a training set), fixed by mechanism and tested on generated variants, not its wording:

- one leave-out vocabulary for agencies, places and kinds of agency (不算X, 不包括X, not counting X, X除外);
  a leave-out word is never an unknown street's name (不算街道办 is no street called 不算);
- a place inside a place named before narrows it (浙江的单位里，哪个是温州的); places joined by 和 are each asked;
  "which Zhejiang agency" is any agency of Zhejiang, no organ named "Zhejiang agency";
- after a list, "the one that isn't a statistics bureau" / 不是统计局的那个 is the listed agency of (not of) that kind;
- a column named by its heading as an adjective (the previous-year column / figure / value);
- per item of the figure's own base: 平均下来一个项目 / 单个项目;
- a follow-up's year counted from the year the previous answer named (下一年, the following year);
- a follow-up asking a figure after a yes / no asks the figure, not another yes / no;
- "which of the two" takes the two agencies the chat named, across turns; with no two, it is said, not guessed;
- what a table's column says is a figure (not prose); contractions spelled out (couldn't provide);
- a follow-up 比24年多收了多少钱 / 比2024年多吗 sets the previous turn's year against the year it names,
  keeping the previous turn's row (多少钱 is the fee amount after a fee question, not procurement);
- 占当年办理总数的多大比例 after a figure: that figure over the base this turn names.
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _agency_names(got) -> list[str]:
    """The agencies an answer lists, as the gold names them (鄞州区统计局: the gold keeps the printed name)."""
    gold = [g["agency"] for g in ALL]
    return list(dict.fromkeys(next((n for n in gold if i.label.endswith(n)), i.label) for i in got.items if i.label))


@pytest.mark.parametrize("frame", ["{w}洪泽区，收到申请最多的两个单位是哪两个？", "{w}洪泽区，新收申请数排前两名的是谁？"])
@pytest.mark.parametrize("word", ["不算", "除了", "不包括", "排除", "去掉"])
def test_a_place_left_out_of_a_ranking(settings, frame, word):
    ranked = sorted((g for g in ALL if g["county"] != "洪泽区" and _num(g, "requests.new.total")),
                    key=lambda g: -_num(g, "requests.new.total"))
    got = answer(frame.format(w=word), settings=settings)
    assert got.status == "answered" and _agency_names(got)[:2] == [g["agency"] for g in ranked[:2]], got.text


@pytest.mark.parametrize("q", ["not counting Hongze, which two agencies received the most requests?",
                               "leaving out Hongze, which two agencies got the most new requests?",
                               "Which two agencies received the most requests, excluding Hongze?"])
def test_a_place_left_out_in_english(settings, q):
    ranked = sorted((g for g in ALL if g["county"] != "洪泽区" and _num(g, "requests.new.total")),
                    key=lambda g: -_num(g, "requests.new.total"))
    got = answer(q, settings=settings)
    assert got.status == "answered" and _agency_names(got)[:2] == [g["agency"] for g in ranked[:2]], got.text


@pytest.mark.parametrize("aside", ["不算街道办，", "不包括街道，", "街道除外，"])
def test_a_kind_left_out_beside_the_kind_asked_is_no_unknown_street(settings, aside):
    want = sum(_num(g, "active.procurement.amount") for g in SAMPLES.values()
               if g["year"] == 2020 and g["agency"].endswith("统计局"))
    got = answer(f"{aside}2020年那几家统计局的集中采购总额是多少", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("q,inside", [
    ("浙江的单位里，哪个是温州的", True), ("浙江省的单位中哪个在温州市", True),
    ("浙江省的单位里哪个不在温州市", False), ("浙江的单位里，哪个不是温州的", False),
    ("Which Zhejiang agency is not in Wenzhou?", False), ("which Zhejiang agencies are outside Wenzhou?", False)])
def test_a_place_inside_another_narrows_or_is_left_out(settings, q, inside):
    want = {g["agency"] for g in ALL if g["province"] == "浙江省" and (g["city"] == "温州市") == inside}
    got = answer(q, settings=settings)
    assert got.status == "answered" and set(_agency_names(got)) == want, got.text


def test_places_joined_are_each_asked(settings):
    got = answer("浙江省和温州市的单位有哪些", settings=settings)
    assert set(_agency_names(got)) == {g["agency"] for g in ALL if g["province"] == "浙江省"}, got.text


@pytest.mark.parametrize("pick,kind", [
    ("the one that isn't a statistics bureau - how many requests did it receive in 2020?", False),
    ("the statistics bureau one - how many requests did it receive in 2020?", True),
    ("不是统计局的那个2020年收到多少申请", False), ("统计局那个2020年收到多少申请", True)])
def test_one_of_a_list_picked_by_its_kind(settings, pick, kind):
    (g,) = [g for g in SAMPLES.values() if g["province"] == "福建省" and g["agency"].endswith("统计局") == kind]
    got = answer(pick, history=["Which agencies in the database are in Fujian?"], settings=settings)
    assert got.status == "answered" and got.value == _num(g, "requests.new.total"), got.text


@pytest.mark.parametrize("row,en", [("penalty", "admin penalty items"), ("coercion", "coercion items"),
                                    ("licensing", "licensing items")])
@pytest.mark.parametrize("frame", ["Lucheng stats bureau: what did they put for {en} in the previous-year column?",
                                   "what's the prior-year figure for Lucheng's {en}?",
                                   "Lucheng bureau, {en}: the prior year's value?"])
def test_the_previous_year_column_named_as_an_adjective(settings, row, en, frame):
    g = SAMPLES["温州市鹿城区统计局"]
    got = answer(frame.format(en=en), settings=settings)
    assert got.status == "answered" and got.value == _num(g, f"active.{row}.prev_items"), got.text


@pytest.mark.parametrize("agency,short", [("福州市鼓楼区温泉街道办事处", "温泉街道"), ("温州市鹿城区统计局", "鹿城区统计局")])
@pytest.mark.parametrize("turn", ["平均下来一个项目多少钱", "平均算下来，一个项目花多少钱", "单个项目平均多少钱"])
def test_per_project_average_in_a_follow_up(settings, agency, short, turn):
    g = SAMPLES[agency]
    want = round(_num(g, "active.procurement.amount") / _num(g, "active.procurement.projects"), 2)
    got = answer(turn, history=[f"{short}2020年政府集中采购了几个项目？"], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("turn,step", [("这个单位下一年的数是多少", 1), ("and that agency's figure the following year?", 1),
                                       ("它次年的呢", 1)])
def test_next_year_after_a_ranking_answer(settings, turn, step):
    key = "active.penalty.decisions"
    top = max(ALL, key=lambda g: _num(g, key) or -1)
    (nxt,) = [g for g in ALL if g["agency"] == top["agency"] and g["year"] == top["year"] + step]
    got = answer(turn, history=["哪份年报的行政处罚决定数量最多？"], settings=settings)
    assert got.status == "answered" and got.value == _num(nxt, key), got.text


@pytest.mark.parametrize("first,then,key", [
    ("二七区统计局2020年有没有作出行政强制决定？", "那行政强制上一年项目数量填的是多少", "active.coercion.prev_items"),
    ("二七区统计局2020年有没有作出行政处罚决定？", "行政处罚决定有几件", "active.penalty.decisions"),
    ("Did Erqi's stats bureau make any coercion decisions in 2020?", "what was the previous-year item count for coercion?",
     "active.coercion.prev_items")])
def test_a_figure_asked_after_a_yes_no(settings, first, then, key):
    got = answer(then, history=[first], settings=settings)
    assert got.status == "answered" and got.value == _num(SAMPLES["郑州市二七区统计局"], key), got.text


@pytest.mark.parametrize("history,turn,less", [
    (["What did the Gulou stats bureau spend on procurement in 2020?", "And the Wenquan street office?"],
     "which of the two ran more projects?", False),
    (["鼓楼区统计局2020年采购花了多少", "温泉街道呢"], "两者谁的采购项目多", False),
    (["鼓楼区统计局和温泉街道2020年采购花了多少"], "这两家谁的项目少", True)])
def test_which_of_the_two_takes_the_pair_the_chat_named(settings, history, turn, less):
    pair = [g for g in SAMPLES.values() if g["county"] == "鼓楼区"]
    pick = (min if less else max)(pair, key=lambda g: _num(g, "active.procurement.projects"))
    got = answer(turn, history=history, settings=settings)
    assert got.status == "answered" and _agency_names(got)[:1] == [pick["agency"]], got.text


def test_which_of_the_two_with_one_agency_named_is_not_guessed(settings):
    got = answer("which of the two ran more projects?", history=["鼓楼区统计局2020年采购花了多少"], settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("q", [
    "For the Fuzhou Gulou statistics bureau, what does the 总计 column say for applications it couldn't provide "
    "because it didn't hold the info (本机关不掌握)?",
    "Fuzhou Gulou statistics bureau: what does the total column show for requests it could not provide (本机关不掌握)?"])
def test_what_a_column_says_is_a_cell_and_blank_is_not_zero(settings, q):
    got = answer(q, settings=settings)  # that cell is printed blank: said so, never 0, never a passage
    assert got.status == "no_data" and got.plan.metrics == ["requests.unavailable_not_held.total"], got.text


@pytest.mark.parametrize("first,turn,want", [
    ("洪泽区2023年行政事业性收费金额是多少？", "比24年多收了多少钱", lambda a, b: a - b),
    ("洪泽区2023年行政事业性收费金额是多少？", "比2024年多吗", lambda a, b: a > b),
    ("洪泽区2024年行政事业性收费金额是多少？", "比2023年多吗", lambda a, b: b > a),
    ("洪泽区2024年行政事业性收费金额是多少？", "比2023年少吗", lambda a, b: b < a)])
def test_the_previous_year_against_the_year_named(settings, first, turn, want):
    key = "active.fees.amount"
    a, b = (_num(HONGZE[y], key) for y in (2023, 2024))  # (in yuan; printed in 万元)
    got = answer(turn, history=[first], settings=settings)
    expected = want(a, b)
    assert got.status == "answered" and got.value == pytest.approx(expected), got.text


@pytest.mark.parametrize("first,turn,num,den", [
    ("洪泽区2024年予以公开了多少件申请？", "占当年办理总数的多大比例", "requests.granted.total", "requests.handled.total"),
    ("How many requests did Hongze grant in full in 2024?", "what share of all requests handled that year is that?",
     "requests.granted.total", "requests.handled.total"),
    ("洪泽区2024年予以公开了多少件申请？", "其中占新收申请的比例是多少", "requests.granted.total", "requests.new.total"),
    ("洪泽区2024年新收了多少件申请？", "其中予以公开的占多少比例", "requests.granted.total", "requests.new.total")])
def test_a_share_of_the_base_a_follow_up_names(settings, first, turn, num, den):
    g = HONGZE[2024]
    got = answer(turn, history=[first], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round(100 * _num(g, num) / _num(g, den), 2)), got.text


@pytest.mark.parametrize("a,b,key_a,key_b", [
    ("复议后起诉的", "直接起诉的", "review.lawsuit_after_review.total", "review.lawsuit_direct.total"),
    ("予以公开的申请", "部分公开的", "requests.granted.total", "requests.partial.total"),
    ("部分公开的申请", "予以公开的", "requests.partial.total", "requests.granted.total")])
@pytest.mark.parametrize("ask", ["多几件", "多多少", "少多少", "差多少"])
def test_two_figures_of_one_agency_against_each_other(settings, a, b, key_a, key_b, ask):
    g = HONGZE[2024]
    got = answer(f"洪泽区2024年{a}比{b}{ask}", settings=settings)
    assert got.status == "answered" and got.value == abs(_num(g, key_a) - _num(g, key_b)), got.text


@pytest.mark.parametrize("q,key_a,key_b", [
    ("鹿城区统计局行政处罚上一年项目数量比处理决定数量少多少", "active.penalty.prev_items", "active.penalty.decisions"),
    ("鄞州区统计局规范性文件本年新制作数量比本年新公开数量多几件", "active.normative.made", "active.normative.published")])
def test_two_columns_of_one_row_against_each_other(settings, q, key_a, key_b):
    g = next(g for g in SAMPLES.values() if g["agency"] in q or q.startswith(g["county"][:2]))
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == abs(_num(g, key_a) - _num(g, key_b)), got.text


def test_a_gap_over_a_cell_that_breaks_its_balance_is_not_given(settings):
    got = answer("洪泽区2023年行政复议维持的比纠正的多几件", settings=settings)  # 洪泽 2023's R4 fails
    assert got.status == "no_data", got.text


LUCHENG, GULOU, ERQI = "温州市鹿城区统计局", "福州市鼓楼区统计局", "郑州市二七区统计局"


@pytest.mark.parametrize("frame,first,second,key,factor,less", [
    ("Is it true Lucheng ran more than {f} as many procurement projects as the Gulou stats bureau?",
     LUCHENG, GULOU, "active.procurement.projects", 2, False),
    ("Did the Gulou stats bureau run more than {f} as many procurement projects as Lucheng?",
     GULOU, LUCHENG, "active.procurement.projects", 2, False),
    ("鹿城区统计局的采购项目是不是鼓楼区统计局的{f}多", LUCHENG, GULOU, "active.procurement.projects", 2, False),
    ("鹿城区统计局的采购项目是不是鼓楼区统计局的{f}多", LUCHENG, GULOU, "active.procurement.projects", 3, False),
    ("二七区统计局的采购金额是不是连鹿城区统计局的{f}都不到", ERQI, LUCHENG, "active.procurement.amount", 0.5, True),
    ("二七区统计局的采购金额不到鹿城区统计局的{f}吧？", ERQI, LUCHENG, "active.procurement.amount", 0.5, True),
    ("鹿城区统计局的采购金额不到鼓楼区统计局的{f}吧？", LUCHENG, GULOU, "active.procurement.amount", 0.5, True)])
def test_a_comparison_by_a_multiple(settings, frame, first, second, key, factor, less):
    words = {2: "twice", 0.5: "half"} if frame.isascii() else {2: "两倍", 3: "三倍", 0.5: "一半"}
    a, b = _num(SAMPLES[first], key), _num(SAMPLES[second], key)
    want = a < factor * b if less else a > factor * b
    got = answer(frame.format(f=words[factor]), settings=settings)
    assert got.status == "answered" and got.value is want, got.text


@pytest.mark.parametrize("q,key,bound,at_least", [
    ("采购项目至少10个的单位一共有多少个采购项目", "active.procurement.projects", 10, True),
    ("how many procurement projects in total did the agencies with at least 10 projects run?",
     "active.procurement.projects", 10, True),
    ("What is the total procurement spending of agencies that spent more than 100,000 yuan?",
     "active.procurement.amount", 100000, False),
    ("采购金额超过10万元的单位一共花了多少钱", "active.procurement.amount", 100000, False)])
def test_a_total_over_the_reports_meeting_a_bound(settings, q, key, bound, at_least):
    vals = [_num(g, key) for g in ALL if _num(g, key) is not None]
    want = sum(v for v in vals if (v >= bound if at_least else v > bound))
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("q,g,num,den", [
    ("鄞州区统计局规章本年新公开数量占对外公开总数量的百分之几", SAMPLES["鄞州区统计局"], "active.rules.published",
     "active.rules.public_total"),
    ("洪泽区2024年规范性文件本年制发数量占现行有效数量的百分之几", HONGZE[2024], "active.normative.issued",
     "active.normative.in_force"),
    ("洪泽区2024年规范性文件本年制发的占现行有效的比例", HONGZE[2024], "active.normative.issued",
     "active.normative.in_force")])
def test_a_share_of_one_rows_two_columns(settings, q, g, num, den):
    want = round(100 * _num(g, num) / _num(g, den), 2)
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want, abs=0.01), got.text


@pytest.mark.parametrize("name,g", [("Hongze", None), ("Lucheng", "温州市鹿城区统计局"), ("Erqi", "郑州市二七区统计局")])
def test_a_pinyin_name_right_before_chinese_words(settings, name, g):
    """hongze的行政许可决定: the Latin name ends where the Chinese begins (no word boundary between them)."""
    key = "active.penalty.decisions"
    got = answer(f"{name}的行政处罚决定多少件", settings=settings)
    if g is None:  # two reports of one agency: its latest, the other year said
        want = _num(HONGZE[2024], key)
    else:
        want = _num(SAMPLES[g], key)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("word", ["summed over", "summing over", "added up over"])
def test_summed_is_a_total(settings, word):
    want = sum(_num(g, "requests.granted.total") for g in SAMPLES.values() if g["template"] == "2019")
    got = answer(f"How many applications were granted in full (予以公开), {word} the reports using the 2019 template?",
                 settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("frame", ["洪泽区{y}年的报告，正文说受理的申请数和表里的新收申请数差了多少件",
                                   "In Hongze's {y} report, how far apart are the text's figure for requests received "
                                   "and the table's?"])
def test_the_texts_figure_against_the_tables(parsed, year, frame):
    g = HONGZE[year]
    (said,) = [n for n in g["narrative_numbers"] if "requests.new.total" in (n.get("cells") or [n.get("cell")])]
    got = answer(frame.format(y=year), settings=parsed)
    assert got.status == "answered" and got.value == abs(said["value"] - _num(g, "requests.new.total")), got.text
    assert any(c.key == "requests.new.total" for c in got.citations) and any(c.quote for c in got.citations), got.citations


@pytest.mark.parametrize("first", ["二七区统计局的采购金额是不是连鹿城区统计局的一半都不到", "鹿城区统计局2020年采购了几个项目？"])
def test_a_total_over_a_bound_stands_alone_after_an_agency_turn(settings, first):
    """Its own bound picks the agencies (…的单位一共): no follow-up of the agencies the turn before named."""
    want = sum(v for v in (_num(g, "active.procurement.projects") for g in ALL) if v is not None and v >= 10)
    got = answer("采购项目至少10个的单位一共有多少个采购项目", history=[first], settings=settings)
    assert got.status == "answered" and got.value == want, got.text
