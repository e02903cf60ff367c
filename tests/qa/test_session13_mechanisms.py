"""The thirteenth session's mechanisms, tested on generated inputs (agencies × figures × phrasings), not on the
wording of any evaluation case.

The classes they serve, from the blind first runs of sets 49–52 (all training sets now):
- an agency the asker speaks for (我们街道, 我局, our office) or a kind said as a class (the statistics-bureau /
  street-office reports) that the reading did not use: the answer was over every report;
- a question asking yes or no in an A-not-A form (算不算, 属不属于) or in traditional characters (對嗎) answered with
  unrelated quotes;
- 有几份…是0件 read as a sum; "how many agencies use the 2021 template" answered with its reports;
- 办理结果中，A和B合计 read as the handled total plus A plus B;
- "were they the same?" answered as "is the later one lower?";
- a follow-up pointing back to a place (那个省里还有哪个单位) or to an agency (它在哪个省) read over every agency;
- British leave-outs (bar the street office, barring Hongze) read as the thing they leave out.
"""
from __future__ import annotations

import random

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.depends import ignored_words, speaks_for
from qa.form import asked_form
from qa.models import Plan
from tests.support.gold import ALL_GOLDS, HONGZE_GOLDS as HONGZE, printed


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


@pytest.fixture(scope="module")
def index(mixed_db):
    from ingest.store import connect_readonly
    from qa.names import NameIndex

    return NameIndex.for_store(connect_readonly(mixed_db), str(mixed_db))


def _deaf(plan: Plan):
    return lambda q: plan.model_copy(deep=True)


FIGURES = {"active.penalty.decisions": ("行政处罚决定", "penalty decisions"),
           "active.procurement.projects": ("政府集中采购项目", "centralised procurement projects"),
           "requests.new.total": ("新收的政府信息公开申请", "new disclosure requests")}

# ---- the asker's own agency, not named ----------------------------------------------------------------------

SELF_ZH = ["我们街道", "我们单位", "我局", "本单位", "咱们局", "我们这个部门", "本机关"]
SELF_EN = ["our office", "my agency", "our bureau", "our street office", "my department"]
ASK_ZH = ["{s}{y}年{m}有多少？", "请帮我查一下{s}的{m}是几件", "{s}报告里写的{m}一共多少"]
ASK_EN = ["How many {m} did {s} report in {y}?", "What was {s}'s number of {m}?"]


def _self_cases():
    rng = random.Random(13)
    out = []
    for key, (mzh, men) in FIGURES.items():
        for s in SELF_ZH:
            out.append(rng.choice(ASK_ZH).format(s=s, y=rng.choice([2020, 2023, 2024]), m=mzh))
        for s in SELF_EN:
            out.append(rng.choice(ASK_EN).format(s=s, y=rng.choice([2020, 2023, 2024]), m=men))
    return out


@pytest.mark.parametrize("q", _self_cases())
def test_the_askers_own_agency_unnamed_gets_a_question_back_not_a_figure(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered" and got.value is None, (q, got.text)


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if printed(g, "requests.new.total") is not None],
                         ids=lambda g: f"{g['agency']}{g['year']}")
def test_the_askers_own_agency_named_in_the_same_message_is_answered(settings, g):
    short = g["agency"].split("市")[-1]
    lead = ["我在{a}工作，我们单位", "我是{a}的，我们单位", "{a}这边问一下，我们局"][g["year"] % 3].format(a=short)
    q = f"{lead}{g['year']}年新收的政府信息公开申请是几件？"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == printed(g, "requests.new.total"), (q, got.text)


@pytest.mark.parametrize("text", ["所有样本单位按采购金额排列", "因本机关不掌握相关政府信息而无法提供的有几件", "文本单位",
                                  "For my article on open government, how many …", "版本单位"])
def test_words_that_only_contain_a_self_reference_are_none(text):
    assert speaks_for(text) is None, text


# ---- a kind said as a class, not read -------------------------------------------------------------------------

EVERY = Plan(intent="aggregate", aggregate="sum", metrics=["active.penalty.decisions"])


@pytest.mark.parametrize("q", ["街道办的行政处罚一共多少？", "How many penalty decisions did the street offices make?",
                               "Did any of the statistics-bureau reports record a penalty?",
                               "部门类单位的行政处罚一共多少？"])
def test_a_kind_the_reading_over_every_agency_does_not_use_is_named(index, q):
    assert ignored_words(q.lower(), EVERY, _deaf(EVERY), [], index), q


@pytest.mark.parametrize("update", [{"agency_kind": "street_office"}, {"agencies": ["福州市鼓楼区温泉街道办事处"]}])
def test_a_kind_the_reading_uses_is_not_named(index, update):
    plan = EVERY.model_copy(update=update)
    assert ignored_words("街道办的行政处罚一共多少？", plan, _deaf(plan), [], index) == []


@pytest.mark.parametrize("q,key", [("政府集中采购金额一共多少？", "active.procurement.amount"),
                                   ("How much was spent on government procurement in total?", "active.procurement.amount"),
                                   ("政府信息公开申请一共多少件？", "requests.new.total"),
                                   ("How much did agencies spend on centralized government procurement?",
                                    "active.procurement.amount")])
def test_a_kind_word_that_modifies_a_thing_names_no_agencies(index, q, key):
    plan = EVERY.model_copy(update={"metrics": [key]})
    assert ignored_words(q.lower(), plan, _deaf(plan), [], index) == [], q


def test_a_kind_word_in_what_a_mention_searches_for_is_not_tested(index):
    plan = Plan(intent="mentions", terms=[["决算"]])
    assert ignored_words("which reports mention the department's final accounts?", plan, _deaf(plan), [], index) == []


def test_a_kind_word_said_of_something_else_beside_a_named_agency_is_not_tested(index):
    plan = EVERY.model_copy(update={"agencies": ["温州市鹿城区统计局"], "intent": "lookup", "aggregate": None})
    q = "for my article on open government, how many penalty decisions did the lucheng statistics bureau report?"
    assert ignored_words(q, plan, _deaf(plan), [], index) == []


def test_kinds_that_cover_every_agency_of_the_years_read_are_not_tested(index):
    plan = EVERY.model_copy(update={"years": [2020]})  # (2020: the street office and the three bureaus)
    assert ignored_words("2020年街道办事处和统计局一共作出多少行政处罚？", plan, _deaf(plan), [], index) == []


# ---- the yes / no asked in any A-not-A form, and in traditional characters --------------------------------------

@pytest.mark.parametrize("verb", ["算", "够", "属", "对", "像", "同", "超", "合"])
def test_an_a_not_a_question_asks_yes_or_no(verb):
    q = f"洪泽区人民政府{verb}不{verb}政府本级机关？"
    assert asked_form(q, Plan(intent="passages")) == "yes_no", q


@pytest.mark.parametrize("q", ["洪澤區人民政府這份年報的機關類型是政府本身，對嗎？", "溫泉街道辦事處算不算街道一級？"])
def test_a_yes_no_in_traditional_characters_is_not_answered_with_quotes(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered" or isinstance(got.value, bool), (q, got.text)


# ---- counts of reports at zero, counts of agencies by template --------------------------------------------------

ZERO_ZH = ["有几份{m}是0件？", "{y}年的报告里，有几份{m}是零？", "有几份报告{m}为0？"]


@pytest.mark.parametrize("key", list(FIGURES))
@pytest.mark.parametrize("form", ZERO_ZH)
@pytest.mark.parametrize("year", [None, 2020])
def test_how_many_reports_are_at_zero_is_a_count_not_a_sum(settings, key, form, year):
    if year is None and "{y}" in form:
        pytest.skip("the form names a year")
    q = form.format(m=FIGURES[key][0], y=year)
    golds = [g for g in ALL_GOLDS if year is None or g["year"] == year]
    zeros = sum(printed(g, key) == 0 for g in golds)
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value == zeros, (q, got.text)
    assert got.status == "answered" or "是0件" not in q, (q, got.text)  # (the form the blind run missed is read)


@pytest.mark.parametrize("q,template", [("How many agencies use the 2021 template?", "2021"),
                                        ("Count the distinct agencies whose reports follow the 2019 template.", "2019"),
                                        ("有几个单位的年报用的是2021版模板？", "2021"),
                                        ("有几个单位用的是2019版模板", "2019")])
def test_agencies_counted_by_template_are_agencies_not_reports(settings, q, template):
    agencies = {g["agency"] for g in ALL_GOLDS if g["template"] == template}
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == len(agencies), (q, got.text)


# ---- parts added inside their total's heading -----------------------------------------------------------------

PARTS = {"requests.granted.total": ("予以公开", "granted in full"), "requests.partial.total": ("部分公开", "partly granted"),
         "requests.unavailable_not_held.total": ("本机关不掌握相关政府信息", "not held")}
WITHIN_ZH = ["洪泽区{y}年办理结果中，{a}和{b}合计多少件？", "填空题：洪泽区{y}年申请办理结果里，“{a}”与“{b}”加起来共____件。"]


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("pair", [("requests.granted.total", "requests.partial.total"),
                                  ("requests.granted.total", "requests.unavailable_not_held.total")])
@pytest.mark.parametrize("form", WITHIN_ZH)
def test_parts_added_inside_their_totals_heading_are_not_added_to_it(settings, year, pair, form):
    q = form.format(y=year, a=PARTS[pair[0]][0], b=PARTS[pair[1]][0])
    want = printed(HONGZE[year], pair[0]) + printed(HONGZE[year], pair[1])
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value == want, (q, got.text)
    assert got.value != want + printed(HONGZE[year], "requests.handled.total"), (q, got.text)


# ---- whether two figures are the same ---------------------------------------------------------------------------

SAME = ["Were Hongze's 2023 and 2024 {m} the same?", "Did Hongze report the same number of {m} in 2023 and 2024?",
        "Did Hongze's {m} stay unchanged from 2023 to 2024?", "洪泽区2023年和2024年的{z}一样吗？",
        "洪泽区{z}2024年与2023年相比是否持平？"]


@pytest.mark.parametrize("form", SAME)
@pytest.mark.parametrize("key", ["active.penalty.decisions", "requests.new.total", "requests.withheld_process.total"])
def test_whether_two_figures_are_equal_is_never_answered_as_higher_or_lower(settings, form, key):
    names = {"requests.withheld_process.total": ("过程性信息不予公开数", "requests withheld as process information")}
    zh, en = names.get(key, FIGURES.get(key, ("", "")))
    q = form.format(m=en, z=zh)
    got = answer(q, settings=settings)
    same = printed(HONGZE[2023], key) == printed(HONGZE[2024], key)
    assert got.status != "answered" or got.value is same, (q, got.text)


# ---- a place or an agency pointed back to ----------------------------------------------------------------------

def _short(agency: str) -> str:
    return agency.split("市")[-1]


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if g["year"] != 2024], ids=lambda g: g["agency"])
def test_the_province_pointed_back_to_is_the_one_of_the_agency_before(settings, g):
    others = {x["agency"] for x in ALL_GOLDS if x["province"] == g["province"] and x["agency"] != g["agency"]}
    for turns in ([f"{_short(g['agency'])}在哪个省？", "那个省里还有哪些单位？"],
                  [f"{_short(g['agency'])}的年报是哪一年的？", "它在哪个省？", "那个省里还有哪个单位的年报？"]):
        got = answer(turns[-1], history=turns[:-1], settings=settings)
        if others:
            labels = {i.label for i in got.items}
            assert got.status == "answered" and len(labels) == len(others), (turns, got.text)
            assert all(any(o in label for label in labels) for o in others), (turns, got.text)
        else:
            assert not any(i.label != g["agency"] and i.label for i in got.items), (turns, got.text)


@pytest.mark.parametrize("q", ["那个省里还有哪个单位的年报？", "它在哪个省？", "该单位2020年收到几件申请？",
                               "Which other agencies are in that province?", "这个单位的行政处罚是多少？"])
def test_a_reference_with_nothing_before_it_is_asked_back(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", (q, got.text)


# ---- British and formal leave-outs -----------------------------------------------------------------------------

BAR = ["Bar {a}, which agency had the most {m}?", "Barring {a}, which agency had the most {m}?",
       "Save for {a}, which agency had the most {m}?", "With the exception of {a}, which agency had the most {m}?"]
NAMES_EN = {"温州市鹿城区统计局": "the Lucheng statistics bureau", "淮安市洪泽区人民政府": "Hongze",
            "福州市鼓楼区温泉街道办事处": "the street office"}


@pytest.mark.parametrize("form", BAR)
@pytest.mark.parametrize("agency", list(NAMES_EN))
@pytest.mark.parametrize("key", list(FIGURES))
def test_a_british_leave_out_never_answers_with_what_it_leaves_out(settings, form, agency, key):
    q = form.format(a=NAMES_EN[agency], m=FIGURES[key][1])
    got = answer(q, settings=settings)
    top = got.items[0].label if got.status == "answered" and got.items else ""
    assert agency not in top, (q, got.text)


# ---- a row's columns listed; the order of a subtraction; "or not?"; 模版; report years; passages of the agency named
# before; an aside asking why -------------------------------------------------------------------------------------

ROW_COLS = {"active.rules": (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("public_total", "对外公开总数量")),
            "active.penalty": (("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))}
ROW_NAMES = {"active.rules": "规章", "active.penalty": "行政处罚"}
LIST_FORMS = ["{a}{y}年{r}的{c}分别是多少？", "逐项核查{a}{y}年度报告{r}一栏：{c}各为多少？", "请列明{a}{y}年度{r}的{c}。"]


def _listed_cases():
    rng = random.Random(1313)
    out = []
    for g in [g for g in ALL_GOLDS if g["template"] == "2019"]:
        for row, cols in ROW_COLS.items():
            for n in (2, 3):
                picked = rng.sample(cols, n)
                sep = rng.choice(["、", "和"]) if n == 2 else "、"
                names = sep.join(c for _, c in picked)
                q = rng.choice(LIST_FORMS).format(a=_short(g["agency"]), y=g["year"], r=ROW_NAMES[row], c=names)
                out.append((q, [printed(g, f"{row}.{k}") for k, _ in picked]))
    return out


@pytest.mark.parametrize("q,values", _listed_cases())
def test_a_rows_columns_listed_are_each_answered_not_the_first_alone(settings, q, values):
    got = answer(q, settings=settings)
    if any(v is None for v in values):
        assert got.value is None, (q, got.text)
        return
    assert got.status == "answered" and [i.value for i in got.items] == values, (q, got.text)


@pytest.mark.parametrize("key", ["active.penalty.decisions", "active.coercion.decisions", "requests.new.total"])
@pytest.mark.parametrize("first,second", [(2023, 2024), (2024, 2023)])
@pytest.mark.parametrize("form", ["What is Hongze's {a} {m} minus its {b} figure?", "Hongze {a} minus {b} {m}?",
                                  "洪泽区{a}年的{z}减去{b}年的是多少？"])
def test_a_subtraction_keeps_the_order_it_is_written_in(settings, key, first, second, form):
    zh, en = FIGURES.get(key, ("行政强制决定", "coercion decisions")) if key in FIGURES else ("行政强制决定", "coercion decisions")
    q = form.format(a=first, b=second, m=en, z=zh)
    want = printed(HONGZE[first], key) - printed(HONGZE[second], key)
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value == want, (q, got.text)


@pytest.mark.parametrize("g", list(HONGZE.values()), ids=lambda g: str(g["year"]))
@pytest.mark.parametrize("form", ["Got any 法律服务机构 submit requests to Hongze in {y} or not?",
                                  "Any legal service organisations file requests with Hongze in {y}?",
                                  "洪泽区{y}年有法律服务机构申请还是没有？"])
def test_a_yes_no_offered_outright_is_answered_yes_or_no(settings, g, form):
    q = form.format(y=g["year"])
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value is (printed(g, "requests.new.legal") > 0), (q, got.text)


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if g["year"] != 2024], ids=lambda g: g["agency"])
@pytest.mark.parametrize("word", ["模板", "模版"])
def test_template_written_either_way_is_checked(settings, g, word):
    got = answer(f"{_short(g['agency'])}的年报用的是不是2021版{word}？", settings=settings)
    assert got.status == "answered" and got.value is (g["template"] == "2021"), (g["agency"], got.text)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_the_years_of_a_templates_reports_are_listed(settings, template):
    years = sorted({g["year"] for g in ALL_GOLDS if g["template"] == template})
    got = answer(f"逐项列明在库报告中采用{template}版年报模板的报告年度。", settings=settings)
    assert got.status == "answered" and all(str(y) in got.text for y in years), got.text
    assert not any(str(y) in got.text for y in {g["year"] for g in ALL_GOLDS} - set(years)), got.text


@pytest.mark.parametrize("turns,file", [
    (["List the agencies in Fujian province.", "Which of them is a street office?",
      "What does that office's report say about platform building (平台建设)?"], "003_acfa5b9243423631.txt"),
    (["温泉街道收到几件申请？", "它在平台建设方面做了些什么"], "003_acfa5b9243423631.txt"),
    (["哪个统计局行政处罚最多？", "它的报告里存在哪些主要问题？"], "001_19df74b8cb7281a4.txt")])
def test_a_passage_question_about_the_agency_named_before_searches_its_report(settings, turns, file):
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status == "answered" and got.route == "passages", (turns, got.text)
    assert {c.file for c in got.citations} == {file}, (turns, got.text)


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if printed(g, "requests.new.total") is not None
                               and g["agency"] != "淮安市洪泽区人民政府"], ids=lambda g: g["agency"])
@pytest.mark.parametrize("why", ["为什么这么少？", "为什么会这样？", "why so few?"])
def test_an_aside_asking_why_does_not_take_over_the_chat(settings, g, why):
    other = next(x for x in ALL_GOLDS if x["agency"] != g["agency"] and printed(x, "requests.new.total") is not None
                 and x["year"] == 2020)
    turns = [f"{_short(g['agency'])}{g['year']}年新收了几件申请？", why, f"那{_short(other['agency'])}呢？"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status == "answered" and got.value == printed(other, "requests.new.total"), (turns, got.text)


# ---- several agencies asked, one agency's reports at the top; listings say how they were read -----------------------

@pytest.mark.parametrize("key", list(FIGURES))
@pytest.mark.parametrize("form", ["Which two agencies had the most {m}?", "top-2 agencies by {m}", "{z}最多的两个单位是哪两个？",
                                  "{z}最多的三家单位是哪几家？"])
def test_several_agencies_asked_are_never_one_agency_twice(settings, key, form):
    got = answer(form.format(m=FIGURES[key][1], z=FIGURES[key][0]), settings=settings)
    if got.status == "answered":
        n = 3 if "三" in form else 2
        labels = [i.label for i in got.items[:n]]
        assert len(set(labels)) == len(labels), got.text


@pytest.mark.parametrize("q", ["数据库里有哪些年报？", "Which provinces are covered?", "How many agencies use the 2021 template?",
                               "有几个单位的年报用的是2019版模板？", "List the agencies in Fujian."])
def test_a_listing_of_what_the_store_holds_says_how_it_was_read(settings, q):
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.text.startswith(("我理解为", "I read this as")), got.text


@pytest.mark.parametrize("q", ["Hongze 2024 got how many new requests ah? Can check or not?",
                               "Fujian got which agencies in the database ah?",
                               "Hongze 2023 got how many penalty decisions or not?"])
def test_or_not_beside_a_figure_or_a_which_is_no_yes_no(settings, q):
    got = answer(q, settings=settings)
    assert got.status == "answered" and not isinstance(got.value, bool), (q, got.text)


# ---- from the blind runs of sets 55–56 -------------------------------------------------------------------------

@pytest.mark.parametrize("g", ALL_GOLDS[:5] + [HONGZE[2023]], ids=lambda g: f"{g['agency']}{g['year']}")
@pytest.mark.parametrize("form", ["{a}的报告分别是哪几个年度的？", "{a}的年报是哪一年的？", "Which report year does the {a} report cover?"])
def test_the_years_of_an_agencys_reports_are_listed(settings, g, form):
    years = sorted({x["year"] for x in ALL_GOLDS if x["agency"] == g["agency"]})
    got = answer(form.format(a=_short(g["agency"])), settings=settings)
    assert got.status == "answered" and all(str(y) in got.text for y in years), got.text
    assert len(years) > 1 or got.value == years[0], got.text


@pytest.mark.parametrize("key", list(FIGURES))
@pytest.mark.parametrize("form", ["2019、2020年的报告里，{z}的最大值减最小值是多少？", "{z}最多减最少是多少？"])
def test_the_highest_minus_the_lowest_is_a_range(settings, key, form):
    golds = [g for g in ALL_GOLDS if ("2019" not in form or g["year"] in (2019, 2020))]
    vals = [printed(g, key) for g in golds if printed(g, key) is not None]
    got = answer(form.format(z=FIGURES[key][0]), settings=settings)
    assert got.status != "answered" or got.value == max(vals) - min(vals), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("form", ["How many new applications does Hongze's {y} table (not the narrative) show?",
                                  "洪泽区{y}年表格里而不是正文里的新收申请数是多少？"])
def test_the_text_set_aside_asks_the_table(settings, year, form):
    got = answer(form.format(y=year), settings=settings)
    assert got.status == "answered" and got.value == printed(HONGZE[year], "requests.new.total"), got.text


@pytest.mark.parametrize("q", ["哪些报告提到了“统计开放日”活动？", "哪些报告提到了统计开放日活动？", "哪些报告提到了“统计开放日”？"])
def test_a_generic_noun_after_a_quoted_name_is_not_searched_for(settings, q):
    plain = answer("哪些报告提到了统计开放日？", settings=settings)
    got = answer(q, settings=settings)
    assert {c.file for c in got.citations} == {c.file for c in plain.citations} and len(plain.citations) >= 2, got.text


@pytest.mark.parametrize("key", ["active.penalty.decisions", "active.licensing.decisions", "requests.new.total"])
@pytest.mark.parametrize("form", ["洪泽的{z}，2024年跟2023年比是落了吧？落了多老少件？", "洪泽区{z}2024年比2023年落了多少？"])
def test_spoken_fell_and_how_many_are_read(settings, key, form):
    zh = {"active.licensing.decisions": "行政许可决定"}.get(key, FIGURES.get(key, ("",))[0])
    got = answer(form.format(z=zh), settings=settings)
    a, b = printed(HONGZE[2023], key), printed(HONGZE[2024], key)
    assert got.status != "answered" or got.value == a - b, got.text


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if g["year"] != 2024], ids=lambda g: g["agency"])
@pytest.mark.parametrize("province", ["河南省", "浙江省", "福建省", "江苏省"])
def test_a_province_checked_like_a_filter_is_a_yes_no(settings, g, province):
    q = f"Filter check: is province == '{province}' for the {_short(g['agency'])} report?"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (g["province"] == province), got.text


@pytest.mark.parametrize("year", [2023, 2024])
def test_a_claim_stating_each_of_two_figures_is_not_judged_by_their_total(settings, year):
    g = HONGZE[year]
    q = (f"Check this line: 'Hongze handled {printed(g, 'requests.handled.total'):.0f} requests in {year} and fully granted "
         f"{printed(g, 'requests.granted.total') + 1:.0f} of them.' Accurate?")
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value is False, got.text


@pytest.mark.parametrize("key", ["active.fees.amount", "active.penalty.decisions"])
def test_a_change_as_a_percentage_of_the_first_year_in_a_follow_up_is_a_growth_rate(settings, key):
    a, b = printed(HONGZE[2023], key), printed(HONGZE[2024], key)
    name = {"active.fees.amount": "administrative fees"}.get(key, "penalty decisions")
    turns = [f"What did Hongze report for {name} in 2023?", "And in 2024?",
             "So what is the change from 2023 to 2024 as a percentage of the 2023 figure?"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status == "answered" and abs(got.value - round(100 * (b - a) / a, 2)) < 0.01, got.text


@pytest.mark.parametrize("turns,want", [
    (["List the statistics bureaus (统计局) in the database.", "Only the ones whose report is for 2020 and has a date under "
      "the signature?"], {g["agency"] for g in ALL_GOLDS if "统计局" in g["agency"] and g["year"] == 2020 and g["published"]}),
    (["列出所有统计局", "其中2020年的有哪些？"], {g["agency"] for g in ALL_GOLDS if "统计局" in g["agency"] and g["year"] == 2020})])
def test_a_turn_narrowing_a_list_keeps_its_kind(settings, turns, want):
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    labels = {i.label for i in got.items}
    assert got.status == "answered" and len(labels) == len(want), got.text
    assert all(any(w in label for label in labels) for w in want), got.text


def test_a_follow_up_of_a_reading_that_left_words_unread_is_not_answered(settings):
    got = answer("其中2020年的有哪些？", history=["列出库里的统计局"], settings=settings)
    assert got.status != "answered" or all("统计局" in i.label for i in got.items), got.text


@pytest.mark.parametrize("q", ["Which agencies' reports fail the section 四 check?", "Which reports fail the R4 check?",
                               "Which reports fail their balance checks?"])
def test_reports_failing_a_check_are_the_check_findings(settings, q):
    got = answer(q, settings=settings)
    assert got.status == "answered" and "洪泽" in got.text and "鹿城" not in got.text, got.text


# ---- from the blind runs of sets 57–58 -------------------------------------------------------------------------

@pytest.mark.parametrize("key", list(FIGURES))
@pytest.mark.parametrize("least", [True, False])
@pytest.mark.parametrize("form", ["{z}{w}的是哪几家？", "Which agencies had the {e} {m}?"])
def test_the_extreme_asked_with_a_plural_which_is_the_extreme_with_ties(settings, key, least, form):
    zh, en = FIGURES[key]
    q = form.format(z=zh, m=en, w="最少" if least else "最多", e="fewest" if least else "most")
    vals = [printed(g, key) for g in ALL_GOLDS if printed(g, key) is not None]
    got = answer(q, settings=settings)
    if got.status == "answered" and got.items:
        extreme = min(vals) if least else max(vals)
        assert all(i.value == extreme for i in got.items), (q, got.text)


@pytest.mark.parametrize("word,turn1", [("街道", "Which agency in the collection is a street office?"),
                                        ("人民政府", "哪个单位是区人民政府？")])
def test_its_after_a_kind_is_the_agency_of_that_kind(settings, word, turn1):
    got = answer("When was its report published?", history=[turn1], settings=settings)
    # (the government's reports print no date: said so, of that agency only)
    names = [x for x in ("温泉街道", "洪泽区") if (word == "街道") == (x == "温泉街道")]
    others = ["鄞州", "鹿城", "二七", "鼓楼区统计局"] + (["洪泽"] if word == "街道" else ["温泉"])
    assert any(n in got.text for n in names) and not any(o in got.text for o in others), got.text


@pytest.mark.parametrize("year", [2023, 2024])
def test_a_follow_up_share_with_its_own_base_keeps_that_base(settings, year):
    g = HONGZE[year]
    up, total = printed(g, "review.lawsuit_direct.upheld"), printed(g, "review.lawsuit_direct.total")
    if not total:
        pytest.skip("no direct lawsuits that year")
    turns = [f"洪泽区{year}年行政诉讼一共有几件？", "其中未经复议直接起诉、结果维持的占直接起诉总数的比例是多少？"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status != "answered" or abs(got.value - round(100 * up / total, 2)) < 0.01, got.text


@pytest.mark.parametrize("q", ["哪个单位的采购金额是按“万元”推定的？", "Which agency's procurement amount was read as 元 by guess?"])
def test_one_agency_asked_by_a_condition_is_not_a_list_of_findings(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered" or len({i.label for i in got.items}) <= 1, got.text


@pytest.mark.parametrize("g", ALL_GOLDS, ids=lambda g: f"{g['agency']}{g['year']}")
@pytest.mark.parametrize("form", ["{a}{y}年报告满足R4吗？", "Does the {y} report of {a} satisfy R4?"])
def test_satisfying_a_rule_is_passing_its_check(settings, g, form):
    fails = g["agency"] == "淮安市洪泽区人民政府" and g["year"] == 2023  # (the gold: R4 fails twice there)
    got = answer(form.format(a=_short(g["agency"]), y=g["year"]), settings=settings)
    assert got.status == "answered" and got.value is (not fails), got.text


@pytest.mark.parametrize("q", ["hz 24 fuyi hou qisu 复议后起诉 weichi 维持 几件", "Hongze 23 penalty decisions?",
                               "xzcf 24 hongze how many"])
def test_a_bare_two_digit_year_not_read_is_named(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.plan.years, got.text


@pytest.mark.parametrize("a,b", [("二七区", "鹿城区"), ("鹿城区", "二七区"), ("鄞州区", "鼓楼区")])
def test_a_comparison_in_a_follow_up_is_in_the_order_it_names(settings, a, b):
    ga = next(g for g in ALL_GOLDS if a in g["agency"] and "统计局" in g["agency"])
    gb = next(g for g in ALL_GOLDS if b in g["agency"] and "统计局" in g["agency"])
    turns = [f"{b}统计局的采购项目是多少？", f"{a}统计局呢？", f"{a}比{b}的采购项目多吗？"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    want = printed(ga, "active.procurement.projects") > printed(gb, "active.procurement.projects")
    assert got.status != "answered" or got.value is want, got.text


# ---- from the blind runs of sets 59–60 -------------------------------------------------------------------------

CORRECTIONS = ["Sorry, not {x} — I meant {y}.", "I misspoke — I meant {y}.", "Wrong bureau, sorry — I meant {y}.",
               "Correction: I meant {y}.", "不对，我问的是{y}", "说错了，是{y}", "Oops, I meant {y}."]


@pytest.mark.parametrize("form", CORRECTIONS)
@pytest.mark.parametrize("pair", [("鄞州区统计局", "福州市鼓楼区统计局"), ("鹿城区统计局", "二七区统计局"), ("温泉街道", "鹿城区统计局")])
def test_a_correcting_turn_replaces_the_agency_it_names(settings, form, pair):
    x, y = pair
    gy = next(g for g in ALL_GOLDS if y.split("市")[-1] in g["agency"])
    turns = [f"{x}的行政处罚决定有几件？", form.format(x=x, y=y)]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status != "answered" or got.value == printed(gy, "active.penalty.decisions"), (turns, got.text)


@pytest.mark.parametrize("form", ["不是{a}，是{b}", "I meant {b}, not {a}.", "Sorry, not {a} — I meant {b}."])
@pytest.mark.parametrize("a,b", [(2023, 2024), (2024, 2023)])
def test_a_correcting_turn_replaces_the_year_it_names(settings, form, a, b):
    turns = [f"洪泽区{a}年行政处罚多少件？", form.format(a=a, b=b)]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status == "answered" and got.value == printed(HONGZE[b], "active.penalty.decisions"), (turns, got.text)


@pytest.mark.parametrize("q", ["Sorry if this is a silly question, but how many new requests did Hongze get in 2024?",
                               "不好意思，我不太懂，想问一下洪泽区2024年新收了多少申请？"])
def test_an_apology_before_a_whole_question_is_no_correction(settings, q):
    got = answer(q, history=["鹿城区统计局2020年收到几件申请？"], settings=settings)
    assert got.status == "answered" and got.value == printed(HONGZE[2024], "requests.new.total"), got.text


@pytest.mark.parametrize("pair", [("鹿城区统计局", "福州市鼓楼区统计局"), ("福州市鼓楼区统计局", "温泉街道")])
@pytest.mark.parametrize("form", ["I was wondering whether the {a} report was signed on an earlier date than the {b} report — "
                                  "would you know?", "Could you tell me whether the {a} report is dated later than the {b} one?"])
def test_a_polite_whether_asks_yes_or_no(settings, pair, form):
    ga, gb = (next(g for g in ALL_GOLDS if n.split("市")[-1] in g["agency"]) for n in pair)
    got = answer(form.format(a=pair[0], b=pair[1]), settings=settings)
    earlier = ga["published"] < gb["published"]
    assert got.status == "answered" and got.value is (earlier if "earlier" in form else not earlier), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("key,en", [("requests.unavailable_not_held.total", "'information not held by this agency'"),
                                    ("requests.granted.total", "granted in full")])
def test_per_hundred_is_a_share(settings, year, key, en):
    g = HONGZE[year]
    q = f"For every 100 requests Hongze handled in {year}, how many ended up as {en}?"
    got = answer(q, settings=settings)
    want = round(100 * printed(g, key) / printed(g, "requests.handled.total"), 2)
    assert got.status != "answered" or abs(got.value - want) < 0.01, got.text


@pytest.mark.parametrize("q", ["Set difference: agencies with a procurement table, minus those reporting more than 10 procurement "
                               "projects. Which remain?", "Take the intersection of agencies in Fujian and agencies with more than "
                               "5 procurement projects.", "采购项目超过10个的单位与福建省单位的交集是哪些？"])
def test_a_set_operation_is_not_answered_as_a_ranking(settings, q):
    assert answer(q, settings=settings).status != "answered"


@pytest.mark.parametrize("key,en", [("active.licensing.decisions", "licensing decisions"),
                                    ("requests.unavailable_not_held.total", "'not held by this agency' total"),
                                    ("active.penalty.decisions", "penalty decisions")])
@pytest.mark.parametrize("form", ["Δ {m}, Hongze (2024 − 2023) = ?", "Δ {m}, Hongze 2023 − 2024 = ?",
                                  "{m} for Hongze: 2024 − 2023 = ?"])
def test_a_difference_typed_as_a_formula_keeps_its_order(settings, key, en, form):
    q = form.format(m=en)
    first, second = (2023, 2024) if "2023 − 2024" in q else (2024, 2023)
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value == printed(HONGZE[first], key) - printed(HONGZE[second], key), got.text


@pytest.mark.parametrize("g", ALL_GOLDS[:5], ids=lambda g: g["agency"])
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_a_template_checked_like_a_function_is_a_yes_no(settings, g, template):
    got = answer(f"template({_short(g['agency'])}, {g['year']} report) == '{template}' ?", settings=settings)
    assert got.status == "answered" and got.value is (g["template"] == template), got.text


@pytest.mark.parametrize("q", ["那一年予以公开了多少件？", "What about that year's penalty decisions?", "该年的行政许可是多少？"])
def test_a_year_pointed_back_to_with_none_before_is_asked_back(settings, q):
    assert answer(q, settings=settings).status != "answered"


@pytest.mark.parametrize("q", ["For the 2024 Hongze report, is the sum of the three review/litigation group totals greater than 5?",
                               "洪泽区2024年行政复议、直接起诉、复议后起诉这三项的总计加起来是多少？"])
def test_figures_said_by_number_are_all_read_or_none_given(settings, q):
    g = HONGZE[2024]
    total = sum(printed(g, f"review.{r}.total") for r in ("reconsideration", "lawsuit_direct", "lawsuit_after_review"))
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value in (total, total > 5), got.text


def test_a_balance_gap_asked_as_a_formula_is_not_a_count_of_reports(settings):
    got = answer("Hongze 2023, R4 on the reconsideration group: (upheld + corrected + other + pending) − printed total = ?",
                 settings=settings)
    assert got.status != "answered" or got.value == 11, got.text


@pytest.mark.parametrize("key", list(FIGURES))
def test_the_direction_is_the_asking_clauses(settings, key):
    zh = FIGURES[key][0]
    a, b = printed(HONGZE[2023], key), printed(HONGZE[2024], key)
    if a is None or b is None:
        pytest.skip("the 2021 template has no such table")
    for form, want in ((f"所以洪泽到底多了还是少了？2024年{zh}比2023年多了几件？", b - a),
                       (f"所以洪泽到底多了还是少了？2024年{zh}比2023年少了几件？", a - b)):
        got = answer(form, settings=settings)
        assert got.status != "answered" or got.value == want, (form, got.text)


# ---- from the blind runs of sets 61–62 -------------------------------------------------------------------------

@pytest.mark.parametrize("aside", ["谢谢！", "收到，谢谢", "great, thanks", "ok cool", "unrelated: can I export results to Excel?"])
@pytest.mark.parametrize("key", list(FIGURES))
def test_a_thank_you_or_an_aside_between_turns_is_not_leaned_on(settings, aside, key):
    zh = FIGURES[key][0]
    b = next(g for g in ALL_GOLDS if "二七" in g["agency"])
    turns = [f"鹿城区统计局2020年的{zh}是多少？", aside, "二七区统计局呢？"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status == "answered" and got.value == printed(b, key), (turns, got.text)


@pytest.mark.parametrize("key", list(FIGURES))
@pytest.mark.parametrize("n", [2, 3])
def test_bottom_n_is_the_lowest_n(settings, key, n):
    vals = sorted(v for g in ALL_GOLDS if (v := printed(g, key)) is not None)
    got = answer(f"Bottom-{n} by {FIGURES[key][1]}, lowest first.", settings=settings)
    assert got.status != "answered" or [i.value for i in got.items[:n]] == vals[:n], got.text


@pytest.mark.parametrize("key", list(FIGURES))
def test_the_largest_and_smallest_apart_is_a_range(settings, key):
    vals = [printed(g, key) for g in ALL_GOLDS if printed(g, key) is not None]
    got = answer(f"七份报告里，{FIGURES[key][0]}的最大值和最小值相差多少？", settings=settings)
    assert got.status != "answered" or got.value == max(vals) - min(vals), got.text


@pytest.mark.parametrize("q", ["福州市鼓楼区统计局2020年那件申请是以什么理由不予公开的？", "On what grounds did Hongze refuse requests in 2024?",
                               "洪泽区2024年无法提供的申请是什么原因无法提供的？"])
def test_a_ground_asked_is_not_answered_with_its_groups_total(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value is None, got.text


@pytest.mark.parametrize("year", [2023, 2024])
def test_a_figure_asked_last_after_a_claim_is_not_a_bare_yes_no(settings, year):
    q = f"有数据显示洪泽区{year}年行政事业性收费金额为7545元，这个说法是否准确？请给出以元为单位的准确收费金额。"
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value == printed(HONGZE[year], "active.fees.amount"), got.text


@pytest.mark.parametrize("q", ["Does every report in the collection carry a publication date under its signature?",
                               "是不是每份年报都写了落款日期？"])
def test_every_report_dated_is_a_yes_no_not_a_count(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered" or got.value is False, got.text


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if g["year"] != 2024], ids=lambda g: g["agency"])
def test_a_request_around_an_a_not_a_is_still_a_yes_no(settings, g):
    got = answer(f"帮我奶奶问一下，{_short(g['agency'])}是不是在{g['province']}啊？", settings=settings)
    assert got.status != "answered" or got.value is True, got.text


# ---- from the blind runs of sets 63–64 -------------------------------------------------------------------------

@pytest.mark.parametrize("key", list(FIGURES))
@pytest.mark.parametrize("bound", [0, 1, 5])
def test_no_more_than_is_a_bound_not_zero(settings, key, bound):
    want = {g["agency"] for g in ALL_GOLDS if g["year"] == 2020 and printed(g, key) is not None and printed(g, key) <= bound}
    got = answer(f"Which 2020 reports had no more than {bound} {FIGURES[key][1]}? Name the agencies.", settings=settings)
    if got.status == "answered":
        assert len({i.label for i in got.items}) == len(want), got.text


@pytest.mark.parametrize("lead", ["大家都说统计局的采购都是小打小闹。", "有人说这些数字都很小。", ""])
def test_the_order_is_the_asking_sentences(settings, lead):
    got = answer(f"{lead}几个统计局里，平均每个采购项目花钱最多的是哪个局？", settings=settings)
    bureaus = [g for g in ALL_GOLDS if "统计局" in g["agency"] and printed(g, "active.procurement.projects")]
    best = max(bureaus, key=lambda g: printed(g, "active.procurement.amount") / printed(g, "active.procurement.projects"))
    assert got.status != "answered" or best["agency"].split("市")[-1] in got.items[0].label, got.text


@pytest.mark.parametrize("q", ["Where did the Hongze government rank in the national transparency evaluation for 2024?",
                               "洪泽区在全国政务公开评估中排名第几？"])
def test_a_place_in_an_outside_ranking_is_not_answered_with_quotes(settings, q):
    assert answer(q, settings=settings).status != "answered"


def test_a_share_asked_is_not_answered_with_a_sum(settings):
    turns = ["How many requests did the Hongze government handle in 2024 in total (办理结果总计)?", "How many of them were 部分公开?",
             "And how many were 予以公开?", "What's the combined share of the last two figures in the first, in percent?"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    assert got.status != "answered" or got.unit == "percent", got.text


def test_agencies_named_to_rank_are_all_ranked_or_none(settings):
    q = "Rank these by 行政处罚 decisions, most first: 淮安市洪泽区人民政府's 2024 report, 鹿城区统计局, 鄞州区统计局."
    got = answer(q, settings=settings)
    assert got.status != "answered" or len({i.label for i in got.items}) == 3, got.text


@pytest.mark.parametrize("key,zh", [("requests.unavailable_not_held.total", "“本机关不掌握相关政府信息”")])
def test_that_year_after_a_year_answered_is_that_year(settings, key, zh):
    more = 2024 if printed(HONGZE[2024], "requests.new.total") > printed(HONGZE[2023], "requests.new.total") else 2023
    g = HONGZE[more]
    turns = ["洪泽区2023年和2024年，哪一年新收申请更多？", f"那一年{zh}占办理结果总计的百分比是多少？"]
    got = answer(turns[-1], history=turns[:-1], settings=settings)
    want = round(100 * printed(g, key) / printed(g, "requests.handled.total"), 2)
    assert got.status != "answered" or abs(got.value - want) < 0.01, got.text
