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
