"""The fifteenth session's mechanisms, tested on generated inputs (agencies × figures × phrasings), not on the
wording of any evaluation case.

The classes they serve (found on training sets 63 and 76):
- whether two figures are the same, asked yes / no: two figures of one report, one figure of two agencies, one
  figure in two years, and after two turns (两数相等？ / are the two the same?). Before, "相等吗" was read as the
  report's balance check and "一样多吗" was withheld;
- 那一年 / that year after a turn whose answer is a year (哪一年的…更多？): the figure of that year, not a ranking.
"""
from __future__ import annotations

import itertools

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import ALL_GOLDS, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS, printed


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


FIGURES = {"requests.new.total": ("新收申请数", "new disclosure requests"),
           "requests.granted.total": ("予以公开数", "requests granted in full"),
           "active.penalty.decisions": ("行政处罚决定数", "administrative penalty decisions"),
           "active.coercion.decisions": ("行政强制决定数", "administrative coercion decisions"),
           "active.licensing.decisions": ("行政许可决定数", "administrative licensing decisions")}

SAME_ZH = ["{a}和{b}一样多吗？", "{a}和{b}相等吗？", "{a}与{b}是否相同？", "{a}跟{b}是不是一样？"]
SAME_EN = ["Were the {a} and the {b} the same?", "Was the number of {a} equal to the number of {b}?"]


def _label(g: dict) -> str:
    return f"{g['agency']}{g['year']}年"


# ---- two figures of one report ------------------------------------------------------------------------------------

def _report_pairs():
    out = []
    for g in ALL_GOLDS:
        for (ka, (za, ea)), (kb, (zb, eb)) in itertools.combinations(FIGURES.items(), 2):
            va, vb = printed(g, ka), printed(g, kb)
            if va is not None and vb is not None:
                out.append((g, za, zb, ea, eb, va == vb))
    return out


@pytest.mark.parametrize("g,za,zb,ea,eb,same", _report_pairs(),
                         ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_two_figures_of_one_report_asked_the_same(settings, g, za, zb, ea, eb, same):
    for form in SAME_ZH:
        q = _label(g) + form.format(a=za, b=zb)
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is same, (q, got.text)
        assert "对得上" not in got.text, (q, got.text)  # (not the report's balance check)
    for form in SAME_EN:
        q = f"In {g['agency']}'s {g['year']} report, " + form.format(a=ea, b=eb)[0].lower() + form.format(a=ea, b=eb)[1:]
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is same, (q, got.text)


def test_some_generated_reports_hold_two_equal_figures():
    # the generated inputs hold both answers, so a reading that always says no (or yes) fails
    assert {c[-1] for c in _report_pairs()} == {True, False}


# ---- one figure of two agencies -------------------------------------------------------------------------------------

def _agency_pairs():
    out = []
    for a, b in itertools.combinations(SAMPLE_GOLDS.values(), 2):
        for key, (zh, en) in FIGURES.items():
            va, vb = printed(a, key), printed(b, key)
            if va is not None and vb is not None:
                out.append((a, b, zh, en, va == vb))
    return out


@pytest.mark.parametrize("a,b,zh,en,same", _agency_pairs(), ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_one_figure_of_two_agencies_asked_the_same(settings, a, b, zh, en, same):
    for q in (f"{a['agency']}和{b['agency']}的{zh}一样多吗？", f"{a['agency']}与{b['agency']}的{zh}是否相同？",
              f"Did {a['agency']} and {b['agency']} report the same number of {en}?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is same, (q, got.text)


# ---- one figure in two years ---------------------------------------------------------------------------------------

def _year_cases():
    return [(key, zh, en, printed(HONGZE[2023], key) == printed(HONGZE[2024], key))
            for key, (zh, en) in FIGURES.items()
            if printed(HONGZE[2023], key) is not None and printed(HONGZE[2024], key) is not None]


@pytest.mark.parametrize("key,zh,en,same", _year_cases())
def test_one_figure_in_two_years_asked_the_same(settings, key, zh, en, same):
    for q in (f"洪泽区政府2023年和2024年的{zh}持平吗？", f"洪泽区政府2024年的{zh}和2023年一样吗？",
              f"Was Hongze government's number of {en} unchanged from 2023 to 2024?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is same, (q, got.text)


def test_a_sum_set_equal_to_a_total_stays_the_reports_check(settings):
    g = SAMPLE_GOLDS["鄞州区统计局"]
    got = answer(f"{_label(g)}的办理结果总计与新收申请加上年结转是否相等？", settings=settings)
    assert got.status == "answered" and "对得上" in got.text, got.text


# ---- after two turns ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("g,za,zb,ea,eb,same", _report_pairs(),
                         ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_two_turns_figures_asked_the_same(settings, g, za, zb, ea, eb, same):
    for hist, q in (([f"{_label(g)}{za}是多少？", f"{zb}呢？"], "两数相等？"),
                    ([f"{_label(g)}{za}是多少？", f"{zb}呢？"], "这两个数一样吗？"),
                    ([f"How many {ea} did {g['agency']} report in {g['year']}?", f"And {eb}?"], "Are the two the same?")):
        got = answer(q, history=hist, settings=settings)
        assert got.status == "answered" and got.value is same, (hist, q, got.text)


@pytest.mark.parametrize("a,b,zh,en,same", _agency_pairs(), ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_two_turns_agencies_asked_the_same(settings, a, b, zh, en, same):
    hist = [f"{_label(a)}{zh}是多少？", f"{_label(b)}呢？"]
    got = answer("两者一样多吗？", history=hist, settings=settings)
    assert got.status == "answered" and got.value is same, (hist, got.text)


# ---- 那一年 after a year answered ----------------------------------------------------------------------------------

def _that_year_cases():
    out = []
    for (ka, (za, ea)), (kb, (zb, eb)) in itertools.permutations(FIGURES.items(), 2):
        a23, a24 = printed(HONGZE[2023], ka), printed(HONGZE[2024], ka)
        if a23 is None or a24 is None or a23 == a24:
            continue
        year = 2023 if a23 > a24 else 2024
        want = printed(HONGZE[year], kb)
        if want is not None:
            out.append((za, ea, zb, eb, want))
    return out


@pytest.mark.parametrize("za,ea,zb,eb,want", _that_year_cases())
def test_that_year_after_a_year_answered_is_its_figure(settings, za, ea, zb, eb, want):
    for hist, q in ((f"洪泽区哪一年的{za}更多，2023年还是2024年？", f"那一年的{zb}是多少？"),
                    (f"Which year had more {ea} in Hongze, 2023 or 2024?", f"How many {eb} that year?")):
        got = answer(q, history=[hist], settings=settings)
        assert got.status == "answered" and got.value == want, (hist, q, got.text)


# ---- found on sets 81-82's first runs (training sets now) ------------------------------------------------------------

GROUPS_ZH = {"requests.withheld": "不予公开", "requests.unavailable": "无法提供", "requests.declined": "不予处理"}


@pytest.mark.parametrize("g", ALL_GOLDS, ids=lambda g: g["agency"] + str(g["year"]))
@pytest.mark.parametrize("part", ["一", "二", "三", "四", "五", "六"])
def test_a_part_named_by_its_ordinal_is_no_member_of_a_group(settings, g, part):
    # (第三部分 holds 第三, a pair of 第三方's name: it says a part of the report, not the third-party ground)
    for group, zh in GROUPS_ZH.items():
        q = f"{_label(g)}报告第{part}部分，{zh}一共几件？"
        got = answer(q, settings=settings)
        # (a group with a blank member is said as not given; either way the group is read, not the ground)
        assert got.status in ("answered", "no_data") and "第三方" not in got.text and zh in got.text, (q, got.text)


def _exactly_cases():
    out = []
    for year in (2019, 2020, 2023, 2024):
        reports = [g for g in ALL_GOLDS if g["year"] == year and printed(g, "requests.new.total") is not None]
        for n in sorted({printed(g, "requests.new.total") for g in reports}):
            out.append((year, int(n), sum(printed(g, "requests.new.total") == n for g in reports)))
    return out


@pytest.mark.parametrize("year,n,want", _exactly_cases())
def test_exactly_n_counts_the_reports_at_that_value(settings, year, n, want):
    for q in (f"How many {year} reports received exactly {n} new requests?",
              f"{year}年新收申请恰好为{n}件的单位有几家？", f"{year}年新收申请正好{n}件的年报有几份？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("za,ea,zb,eb,v23,v24", [
    (za, ea, zb, eb, printed(HONGZE[2023], k), printed(HONGZE[2024], k))
    for k, (za, ea) in FIGURES.items() for zb, eb in [("", "")]
    if printed(HONGZE[2023], k) is not None and printed(HONGZE[2024], k) is not None and printed(HONGZE[2023], k) != printed(HONGZE[2024], k)])
def test_the_size_of_a_change_asked_with_a_verb_and_by(settings, za, ea, zb, eb, v23, v24):
    verb = "fall" if v24 < v23 else "rise"
    other = "diminish" if v24 < v23 else "grow"
    for q in (f"How many {ea} did Hongze's report {verb} by from 2023 to 2024?",
              f"By how many did Hongze's {ea} {other} from 2023 to 2024?",
              f"Of how many did Hongze's {ea} {other} from 2023 to 2024?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == abs(v24 - v23), (q, got.text)


@pytest.mark.parametrize("key,zh,en,same", _year_cases())
def test_add_the_two_together_after_two_years(settings, key, zh, en, same):
    hist = [f"How many {en} did Hongze government report in 2023?", "And in 2024?"]
    got = answer("Add the two together.", history=hist, settings=settings)
    assert got.status == "answered" and got.value == printed(HONGZE[2023], key) + printed(HONGZE[2024], key), got.text


CONTEXT = ["我在写一篇关于政府信息公开的课程作业。", "Building a slide deck for a client workshop.",
           "Good morning, I am preparing a briefing note.", "论文有一节专门讨论这个问题。"]
CHANGING = ["Leave Hongze aside.", "假设金额单位都是万元。", "Only the 2020 reports.", "不算洪泽区。"]


@pytest.mark.parametrize("g", ALL_GOLDS, ids=lambda g: g["agency"] + str(g["year"]))
def test_a_context_sentence_before_the_question_is_not_part_of_it(settings, g):
    want = printed(g, "requests.new.total")
    for pre in CONTEXT:
        q = f"{pre}{_label(g)}新收申请有多少件？" if "\u4e00" <= pre[0] <= "\u9fff" else \
            f"{pre} How many new disclosure requests did {g['agency']} receive in {g['year']}?"
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("pre", CHANGING)
def test_a_sentence_that_could_change_the_question_is_not_context(settings, pre):
    q = f"{pre} Which agency had the most new disclosure requests?"
    got = answer(q, settings=settings)
    assert got.status != "answered" or "洪泽" not in str(got.value) or pre.startswith(("假设", "Only")), (q, got.text)


@pytest.mark.parametrize("g", ALL_GOLDS, ids=lambda g: g["agency"] + str(g["year"]))
def test_a_yes_or_no_form_sentence_leaves_the_failing_side_asked(settings, g):
    from qa.api import answer as ask
    plain = ask(f"Does {g['agency']}'s {g['year']} report fail any balance rule?", settings=settings)
    formed = ask(f"Does {g['agency']}'s {g['year']} report fail any balance rule? Yes or no.", settings=settings)
    assert plain.status == formed.status == "answered" and plain.value is formed.value, (plain.text, formed.text)


# ---- all of a whole asked to be one part ---------------------------------------------------------------------------

COLS = {"person": ("自然人", "natural persons"), "business": ("商业企业", "commercial enterprises")}


def _all_of_cases():
    out = []
    for g in ALL_GOLDS:
        total = printed(g, "requests.new.total")
        for col, (zh, en) in COLS.items():
            part = printed(g, f"requests.new.{col}")
            if total is not None and part is not None:
                out.append((g, zh, en, part == total))
    return out


@pytest.mark.parametrize("g,zh,en,all_of", _all_of_cases(), ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_all_new_requests_from_one_kind_of_applicant(settings, g, zh, en, all_of):
    for q in (f"{_label(g)}新收的申请是不是全部来自{zh}？", f"{_label(g)}新收申请都来自{zh}吗？",
              f"Were all of {g['agency']}'s {g['year']} new requests filed by {en}?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is all_of, (q, got.text)


def _all_granted_cases():
    return [(g, printed(g, "requests.granted.total") == printed(g, "requests.handled.total")) for g in ALL_GOLDS
            if printed(g, "requests.granted.total") is not None and printed(g, "requests.handled.total") is not None]


@pytest.mark.parametrize("g,all_of", _all_granted_cases(), ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_all_handled_requests_granted(settings, g, all_of):
    for q in (f"{_label(g)}办理的申请，是不是全都予以公开了？", f"{_label(g)}办理的申请是否全部予以公开？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is all_of, (q, got.text)


def test_the_generated_all_of_cases_hold_both_answers():
    assert {c[-1] for c in _all_of_cases()} == {True, False}


# ---- the balance said as 不平, store words, an average said with whose ----------------------------------------------

@pytest.mark.parametrize("g", ALL_GOLDS, ids=lambda g: g["agency"] + str(g["year"]))
def test_bu_ping_is_the_failing_side_of_the_balance(settings, g):
    plain = answer(f"{_label(g)}的报告勾稽关系对不上吗？", settings=settings)
    said = answer(f"{_label(g)}的报告有没有不平的地方？", settings=settings)
    assert plain.status == said.status == "answered" and plain.value is said.value, (plain.text, said.text)


@pytest.mark.parametrize("province", sorted({g["province"] for g in ALL_GOLDS}))
def test_the_store_said_between_the_agencies_and_how_many(settings, province):
    want = len({g["agency"] for g in ALL_GOLDS if g["province"] == province})
    for q in (f"{province}的单位，库里有几家？", f"{province}的单位，数据库里有几家？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("whose", ["这几家", "各单位", "这些单位", ""])
def test_above_an_average_said_with_whose(settings, whose):
    reports = [g for g in ALL_GOLDS if g["year"] == 2020 and printed(g, "active.penalty.decisions") is not None]
    mean = sum(printed(g, "active.penalty.decisions") for g in reports) / len(reports)
    want = sum(printed(g, "active.penalty.decisions") > mean for g in reports)
    q = f"2020年各单位的行政处罚处理决定数，高于{whose}平均值的有哪些？"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("kind,organ", [("统计局", "统计局")])
def test_how_many_agencies_received_none_said_with_one_none(settings, kind, organ):
    reports = [g for g in SAMPLE_GOLDS.values() if g["year"] == 2020 and organ in g["agency"]]
    want = sum(printed(g, "requests.new.total") == 0 for g in reports)
    for q in (f"2020年的几个{kind}里，有几家一件信息公开申请都没收到？", f"2020年的{kind}里有几家一件申请都没收到？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


def _failing(g: dict, group: str) -> bool:
    """Whether the gold's balance checks name `group` as failing (its cells are not given as figures)."""
    return any(group in str(v) for v in g["checks"].values() if str(v).startswith("fail"))


@pytest.mark.parametrize("g", [g for g in ALL_GOLDS if printed(g, "review.lawsuit_direct.upheld") is not None
                               and printed(g, "review.lawsuit_after_review.upheld") is not None
                               and not _failing(g, "lawsuit_after_review") and not _failing(g, "lawsuit_direct")],
                         ids=lambda g: g["agency"] + str(g["year"]))
def test_whichever_of_two_kinds_added_up(settings, g):
    want = printed(g, "review.lawsuit_direct.upheld") + printed(g, "review.lawsuit_after_review.upheld")
    for q in (f"{_label(g)}的行政诉讼里，不论是直接起诉还是复议后起诉，结果维持的一共几件？",
              f"{_label(g)}的行政诉讼，无论直接起诉或复议后起诉，结果维持的合计多少件？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("verb", ["Leaving", "Setting", "Putting"])
def test_a_name_set_aside_is_left_out(settings, verb):
    got = answer(f"{verb} the Wenquan street office aside, which agency had the most new requests?", settings=settings)
    assert got.status == "answered" and "温泉" not in str(got.items[0].label if got.items else ""), got.text


# ---- the members of a group listed -----------------------------------------------------------------------------------

def _members_cases():
    from qa.lexicon import GROUPS
    out = []
    for g in ALL_GOLDS:
        for group, zh in GROUPS_ZH.items():
            table = group.split(".")[0]
            keys = [f"{table}.{m}.total" for m in GROUPS[group]]
            values = [printed(g, k) for k in keys]
            if all(v is not None for v in values):
                out.append((g, zh, group, {k: v for k, v in zip(keys, values)}))
    return out


@pytest.mark.parametrize("g,zh,group,values", _members_cases(), ids=lambda x: x["agency"] if isinstance(x, dict) and "agency" in x else str(len(x)) if isinstance(x, dict) else str(x))
def test_which_grounds_lists_the_members_above_zero(settings, g, zh, group, values):
    for q, keep in ((f"{_label(g)}是以哪几类理由作出{zh}的？", lambda v: v > 0),
                    (f"{_label(g)}{zh}的理由有哪些？只列件数不为0的。", lambda v: v > 0),
                    (f"{_label(g)}{zh}各类理由分别是多少件？", lambda v: True)):
        got = answer(q, settings=settings)
        assert got.status == "answered", (q, got.text)
        assert {i.key: i.value for i in got.items} == {k: v for k, v in values.items() if keep(v)}, (q, got.text)


def test_which_grounds_over_several_agencies_is_not_a_ranking(settings):
    got = answer("2020年各单位不予公开的理由有哪些？", settings=settings)
    assert got.status != "answered" or not got.items or all(i.key for i in got.items), got.text


# ---- found on sets 83-84's first runs (training sets now) ------------------------------------------------------------

RELAYS_EN = ["A patron asks", "A reader wants to know", "My boss is asking", "A colleague asked me"]
RELAYS_ZH = ["有读者问：", "领导想知道，", "有位市民咨询：", "同事问："]


@pytest.mark.parametrize("g", ALL_GOLDS, ids=lambda g: g["agency"] + str(g["year"]))
def test_a_question_passed_on_is_the_question(settings, g):
    want = printed(g, "requests.new.total")
    for relay in RELAYS_EN:
        q = f"{relay} how many new disclosure requests {g['agency']} received in {g['year']}."
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)
    for relay in RELAYS_ZH:
        q = f"{relay}{_label(g)}新收申请有多少件？"
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("scope,pick", [
    ("浙江省的", lambda g: g["province"] == "浙江省"), ("福建省的", lambda g: g["province"] == "福建省"),
    ("街道办事处的", lambda g: "街道" in g["agency"]), ("统计局的", lambda g: "统计局" in g["agency"]),
    ("2020年的", lambda g: g["year"] == 2020), ("", lambda g: True)])
def test_reports_counted_with_the_store_said(settings, scope, pick):
    want = sum(1 for g in ALL_GOLDS if pick(g))
    for q in (f"库里{scope}报告有几份？", f"{scope}报告库里一共有几份？", f"库里的报告当中，{scope}有几份？" if scope else
              "库里一共收了几份年报？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("n_word", ["这四家", "这4家", "四家单位"])
def test_above_the_average_of_n_agencies(settings, n_word):
    reports = [g for g in ALL_GOLDS if g["year"] == 2020 and printed(g, "active.procurement.amount") is not None]
    mean = sum(printed(g, "active.procurement.amount") for g in reports) / len(reports)
    want = sum(printed(g, "active.procurement.amount") > mean for g in reports)
    q = f"2020年度的四份报告中，政府集中采购金额高于{n_word}平均值的是哪几家？"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("key,zh,en", [(k, z, e) for k, (z, e) in FIGURES.items()])
def test_how_many_reports_above_the_average(settings, key, zh, en):
    reports = [g for g in ALL_GOLDS if printed(g, key) is not None]
    mean = sum(printed(g, key) for g in reports) / len(reports)
    want = sum(printed(g, key) > mean for g in reports)
    got = answer(f"How many reports had more {en} than the average?", settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("a,b,zh,en,same", [c for c in _agency_pairs() if not c[-1]],
                         ids=lambda x: x["agency"] if isinstance(x, dict) else str(x))
def test_which_of_two_named_with_their_kind_is_a_verdict(settings, a, b, zh, en, same):
    higher = a if printed(a, _key(en)) > printed(b, _key(en)) else b
    q = f"{a['agency']} ({a['year']}) or {b['agency']} ({b['year']}): which statistics bureau or office had more {en}?"
    got = answer(q, settings=settings)
    assert got.status != "answered" or (got.items and got.items[0].label.endswith(higher["agency"].split("市")[-1])), \
        (q, got.text)


def _key(en: str) -> str:
    return next(k for k, (_, e) in FIGURES.items() if e == en)


@pytest.mark.parametrize("pre", ["In Korea we record these separately, so I want to look at it.",
                                 "My colleague is writing a memo on this.", "I teach a seminar on open government."])
def test_a_statement_with_a_verb_inside_is_context(settings, pre):
    g = HONGZE[2023]
    got = answer(f"{pre} How many requests did the Hongze government partially disclose in 2023?", settings=settings)
    assert got.status == "answered" and got.value == printed(g, "requests.partial.total"), got.text


@pytest.mark.parametrize("g,zh,group,values", _members_cases(),
                         ids=lambda x: x["agency"] if isinstance(x, dict) and "agency" in x else str(len(x)) if isinstance(x, dict) else str(x))
def test_every_ground_added_up_is_the_groups_total(settings, g, zh, group, values):
    # (各种理由…加起来 / 各种情形加在一起: the total said by its parts, not the parts listed)
    for q in (f"{_label(g)}{zh}的各种情形加在一起一共多少件？", f"{_label(g)}因为各种理由{zh}的申请加起来有几件？"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == sum(values.values()), (q, got.text)


def test_a_part_against_all_the_others_is_no_all_of(settings):
    got = answer("Hongze 2024: were more applications granted in full than all other outcomes put together?", settings=settings)
    assert got.status != "answered" or got.value is (printed(HONGZE[2024], "requests.granted.total") * 2
                                                     > printed(HONGZE[2024], "requests.handled.total")), got.text


def test_findings_of_a_named_group_row_count_each_member(settings):
    failing = [r for r in ("reconsideration", "lawsuit_after_review", "lawsuit_direct") if _failing(HONGZE[2023], r)]
    got = answer("洪泽区2023年那张复议诉讼表，一共有几组数据不平衡？", settings=settings)
    assert got.status == "answered" and got.value == len(failing), got.text


@pytest.mark.parametrize("store", ["資料庫裡", "资料库里", "数据库里", "库里"])
def test_the_store_in_any_script(settings, store):
    want = sum(1 for g in ALL_GOLDS if g["year"] == 2020)
    got = answer(f"{store}2020年度的报告总共有几份？", settings=settings)
    assert got.status == "answered" and got.value == want, got.text


# ---- dates, templates, blank cells, at least one ---------------------------------------------------------------------

@pytest.mark.parametrize("g", list(SAMPLE_GOLDS.values()), ids=lambda g: g["agency"])
def test_whether_a_named_report_carries_a_date(settings, g):
    dated = bool(g.get("published"))
    for q in (f"{g['agency']}的报告有没有落款日期？", f"{g['agency']}的年报有没有写落款日期？",
              f"Does the {g['agency']} report carry a date?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is dated, (q, got.text)


def test_the_undated_reports_listed_still(settings):
    got = answer("哪些报告没有落款日期？", settings=settings)
    assert got.status == "answered" and got.value == sum(1 for g in ALL_GOLDS if not g.get("published")), got.text


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("form", ["用{t}年新版模板的报告有几份？", "用{t}年那一版模板的报告有几份？", "{t}版模板的报告有几份？"])
def test_a_template_with_its_year_is_no_year(settings, template, form):
    want = sum(1 for g in ALL_GOLDS if str(g["template"]) == template)
    q = form.format(t=template)
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want, (q, got.text)


@pytest.mark.parametrize("key,zh", [("requests.partial.total", "部分公开"), ("requests.granted.total", "予以公开"),
                                    ("active.penalty.decisions", "行政处罚决定")])
def test_at_least_one_said_in_chinese_counts_the_reports_above_zero(settings, key, zh):
    want = sum(1 for g in ALL_GOLDS if (printed(g, key) or 0) > 0)
    q = f"全部报告中，至少有一件{zh}的报告有几份？"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want, (q, got.text)


# ---- found on sets 85-86's first runs and the training run after them -------------------------------------------------

@pytest.mark.parametrize("q", ["What was the average time Hongze took to answer a request in 2024, in days?",
                               "How long did the Lucheng statistics bureau take to answer requests in 2020?",
                               "What were the names of the applicants who sued Hongze over disclosure in 2024?",
                               "洪泽区政府2024年行政诉讼的原告是谁？申请人的姓名是什么？",
                               "How did Hongze's 2024 fee income break down by type of fee?"])
def test_what_no_table_holds_is_refused(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", (q, got.text)


@pytest.mark.parametrize("g", list(SAMPLE_GOLDS.values()), ids=lambda g: g["agency"])
def test_which_province_an_agency_is_situated_in(settings, g):
    got = answer(f"In which province is the {g['agency']} situated?", settings=settings)
    assert got.status == "answered" and g["province"] in got.text, got.text


@pytest.mark.parametrize("key,zh,en,same", [c for c in _year_cases() if not c[-1]])
def test_growth_in_percent_after_two_year_turns(settings, key, zh, en, same):
    v23, v24 = printed(HONGZE[2023], key), printed(HONGZE[2024], key)
    if not v23:
        pytest.skip("a zero base")
    hist = [f"How many {en} did the Hongze district government report in 2024?", "And in 2023?"]
    got = answer("So what's the growth from the 2023 figure to the 2024 one, in percent?", history=hist, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(round((v24 - v23) / v23 * 100, 2), abs=0.01), got.text


@pytest.mark.parametrize("factor", [2, 3, 4, 5])
def test_a_claim_with_yes_or_no_last(settings, factor):
    v23, v24 = printed(HONGZE[2023], "requests.new.total"), printed(HONGZE[2024], "requests.new.total")
    q = f"Claim to check: Hongze's new requests in 2024 were more than {factor} times its 2023 figure. Yes or no?"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (v24 > factor * v23), got.text


def test_failing_reports_listed_when_asked_to_list(settings):
    failing = [g for g in ALL_GOLDS if any(str(v).startswith("fail") for v in g["checks"].values())]
    got = answer("有没有哪份报告的行政复议、行政诉讼表对不上账？列出来。", settings=settings)
    assert got.status == "answered" and got.value == len(failing), got.text


def test_how_many_of_the_listed_agencies_ever_received_one(settings):
    reports = [g for g in ALL_GOLDS if g["year"] == 2020]
    got = answer("这些单位里有几家收到过信息公开申请？", history=["2020年的报告有哪几份？"], settings=settings)
    assert got.status == "answered" and got.value == sum((printed(g, "requests.new.total") or 0) > 0 for g in reports), got.text


def test_a_year_asked_and_not_held_is_said_not_another_years_figure(settings):
    got = answer("鄞州区统计局2018和2019年办理了多少件？", settings=settings)
    assert got.status == "no_data" and "2018" in got.text, got.text


@pytest.mark.parametrize("q,want", [
    ("How many distinct agencies does the collection cover?", len({g["agency"] for g in ALL_GOLDS})),
    ("How many reports in the collection follow the 2021 template?", sum(1 for g in ALL_GOLDS if str(g["template"]) == "2021"))])
def test_the_collection_is_the_store(settings, q, want):
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == want, got.text


@pytest.mark.parametrize("q", ["Which agencies in the collection are outside Fujian and Zhejiang?",
                               "Which agencies are outside Zhejiang or Henan?"])
def test_two_places_left_out_are_not_one(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", got.text


def test_one_agency_counted_in_is_no_kind(settings):
    got = answer("How many agencies in the collection are in that province, the street office included?",
                 history=["Which province is the Wenquan street office in?"], settings=settings)
    assert got.status != "answered" or got.value == len({g["agency"] for g in ALL_GOLDS if g["province"] == "福建省"}), got.text


def test_the_table_asked_whatever_the_text_says(settings):
    got = answer("来电人想知道洪泽区政府2024年新收了多少件政府信息公开申请，他说报告正文里写的是17件，让我们按表格核实一下。",
                 settings=settings)
    assert got.status == "answered" and got.value == printed(HONGZE[2024], "requests.new.total"), got.text


@pytest.mark.parametrize("q", ["统计局及街道办事处的报告有几份？", "统计局和街道办事处一共收到多少申请？",
                               "How many new requests did the statistics bureaus and street offices receive?"])
def test_two_kinds_joined_are_not_one(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", got.text


def test_a_year_written_after_last_year_says_which(settings):
    g = SAMPLE_GOLDS["福州市鼓楼区温泉街道办事处"]
    got = answer("温泉街道去年采购了几个项目？2020年的", settings=settings)
    assert got.status == "answered" and got.value == printed(g, "active.procurement.projects"), got.text


def test_which_of_two_named_in_a_long_clause_is_a_verdict(settings):
    a, b = SAMPLE_GOLDS["福州市鼓楼区统计局"], SAMPLE_GOLDS["福州市鼓楼区温泉街道办事处"]
    q = ("Which of the two Fujian agencies lists more procurement projects for 2020, the Gulou statistics office or "
         "the Wenquan street office?")
    got = answer(q, settings=settings)
    top = a if printed(a, "active.procurement.projects") > printed(b, "active.procurement.projects") else b
    assert got.status == "answered" and got.items[0].label == top["agency"], got.text


def test_such_points_back_into_the_context(settings):
    got = answer("Korea has information disclosure deliberation committees. How many requests did Hongze refer to such "
                 "a committee in 2024?", settings=settings)
    assert got.status != "answered", got.text
