"""Question forms found answered wrongly (or refused) by hold-out set 23 (blind first run 80.0 % right, 5.0 %
answered wrongly; now a training set), fixed by mechanism and tested on generated variants, not on its wording:

- a balance question is matched against every equation of the report, checkable or not: one that names an
  equation with a blank cell cannot be checked (it is not answered by other equations sharing one cell);
- which year (哪一年, which report year) answers with years, for rankings and checks alike;
- yes / no over a set with a quantifier: do all pass, does any fail, do all have findings;
- the earliest / latest publication date among the dated reports, the undated named;
- "which agency is that?" after a median or a maximum: the report holding that figure, or no answer;
- the average / sum of what the previous turn listed; "these three" = the agencies of the last turns;
- carried over from a year (the next report's carried_in) or into a year (the previous report's carried_out);
- the following year / the year before a named year; "change" between two years is the comparison;
- more X than Y of one report, yes / no; a multiple read whole (二十倍 is 20) and against another year.
Expected values come from the gold files."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.slots import multiple
from tests.support.gold import ALL_GOLDS as ALL, HONGZE_GOLDS as HONGZE, SAMPLE_GOLDS as SAMPLES, printed as _num

SHORT = {"鄞州区统计局": ("鄞州区统计局", "the Yinzhou statistics bureau"),
         "福州市鼓楼区统计局": ("福州市鼓楼区统计局", "the Gulou District Statistics Bureau of Fuzhou"),
         "温州市鹿城区统计局": ("鹿城区统计局", "the Lucheng statistics bureau"),
         "福州市鼓楼区温泉街道办事处": ("温泉街道", "the Wenquan street office"),
         "郑州市二七区统计局": ("二七区统计局", "the Erqi statistics bureau")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _state(g: dict, key: str) -> str:
    return (g["facts"].get(key) or {}).get("state", "missing")


# ------------------------------------------------------------------ a balance question names one equation
R1_QUESTIONS = ["{e}: does new + carried-in equal handled + carried-out in the total column?",
                "For {e}, do new requests plus those carried in equal those handled plus those carried out (总计)?",
                "{z}本年新收加上年结转是否等于办理结果总计加结转下年度的数（总计栏）？"]


@pytest.mark.parametrize("agency", sorted(SAMPLES))
@pytest.mark.parametrize("frame", R1_QUESTIONS)
def test_an_equation_with_a_blank_cell_cannot_be_checked(settings, agency, frame):
    g = SAMPLES[agency]
    keys = [f"requests.{r}.total" for r in ("new", "carried_in", "handled", "carried_out")]
    got = answer(frame.format(e=SHORT[agency][1], z=SHORT[agency][0]), settings=settings)
    if all(_state(g, k) == "number" for k in keys):
        a, b, c, d = (_num(g, k) for k in keys)
        assert got.status == "answered" and got.value is (a + b == c + d), got.text
    else:  # a blank cell in the very equation asked: no verdict from other equations
        assert got.status != "answered", got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("q", ["Do the lawsuit groups in Hongze's {y} review table add up to their totals?",
                               "洪泽区{y}年行政诉讼的各项结果加起来等于总计吗"])
def test_a_group_row_is_checked_by_its_members(settings, year, q):
    g = HONGZE[year]
    holds = all(sum(_num(g, f"review.{grp}.{c}") for c in ("upheld", "corrected", "other", "pending"))
                == _num(g, f"review.{grp}.total") for grp in ("lawsuit_direct", "lawsuit_after_review"))
    got = answer(q.format(y=year), settings=settings)
    assert got.status == "answered" and got.value is holds, got.text


def _fails(g: dict) -> bool:
    """The gold says a balance rule fails in this report."""
    return any(str(v).startswith("fail") for v in g["checks"].values())


# ------------------------------------------------------------------ which year
@pytest.mark.parametrize("key,zh,en", [("active.penalty.decisions", "行政处罚决定", "penalty decisions"),
                                       ("active.licensing.decisions", "行政许可决定", "licensing decisions"),
                                       ("requests.new.total", "新收申请", "new applications")])
@pytest.mark.parametrize("most", [True, False])
def test_which_year_answers_with_a_year(settings, key, zh, en, most):
    want = (max if most else min)(HONGZE, key=lambda y: _num(HONGZE[y], key))
    for q in (f"洪泽区哪一年的{zh}{'更多' if most else '更少'}", f"In which year did Hongze have the {'most' if most else 'fewest'} {en}?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and [i.value for i in got.items] == [want], (q, got.text)


@pytest.mark.parametrize("q", ["Which Hongze report year fails the balance check of section 四?",
                               "洪泽区哪一年的年报勾稽关系对不上"])
def test_which_year_fails_a_check(settings, q):
    want = sorted(y for y, g in HONGZE.items() if _fails(g))
    got = answer(q, settings=settings)
    assert got.status == "answered" and [i.value for i in got.items] == want and want, (q, got.text)


# ------------------------------------------------------------------ yes / no over a set
@pytest.mark.parametrize("years,q", [((2019, 2020), "Do all of the 2019 and 2020 reports pass every balance check?"),
                                     ((2019, 2020), "2019、2020年的报告都能通过勾稽核对吗"),
                                     ((2023, 2024), "Do all the 2023 and 2024 reports pass the balance checks?"),
                                     ((2023, 2024), "2023、2024年的报告都能通过勾稽核对吗")])
def test_do_all_pass(settings, years, q):
    failing = [g for g in ALL if g["year"] in years and _fails(g)]
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (not failing), got.text


@pytest.mark.parametrize("q,want", [("Does any report fail a balance check?", True),
                                    ("有没有哪份报告勾稽关系对不上", True),
                                    ("Do all 2023 and 2024 reports have balance check findings?", False),
                                    ("2020年的报告都有勾稽问题吗", False)])
def test_any_fails_and_all_have(settings, q, want):
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is want, got.text


# ------------------------------------------------------------------ first / last published
@pytest.mark.parametrize("first", [True, False])
@pytest.mark.parametrize("frame", ["按落款日期，哪个单位的年报{w}发布", "{w}发布的年报是哪份", "Which report was published {e}?"])
def test_earliest_and_latest_publication(settings, first, frame):
    dated = sorted((g["published"], g["agency"]) for g in ALL if g.get("published"))
    want = dated[0][1] if first else dated[-1][1]
    q = frame.format(w="最早" if first else "最晚", e="first" if first else "most recently")
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.items and got.items[0].label.endswith(want), got.text


# ------------------------------------------------------------------ whose figure
@pytest.mark.parametrize("key,zh,en", [("active.procurement.amount", "采购金额", "procurement amount"),
                                       ("active.procurement.projects", "采购项目数", "number of procurement projects")])
@pytest.mark.parametrize("turn", ["Which agency is that?", "是哪个单位的", "whose is that?"])
def test_whose_is_the_median_or_the_maximum(settings, key, zh, en, turn):
    have = sorted((_num(g, key), g["agency"]) for g in ALL if _num(g, key) is not None)
    for first, want in ((f"What is the highest {en} of any report?", have[-1]), (f"{zh}的中位数是多少", None)):
        if want is None:
            vals = [v for v, _ in have]
            if len(vals) % 2 == 0:
                continue
            want = have[len(have) // 2]
        got = answer(turn, history=[first], settings=settings)
        assert got.status == "answered" and got.items[0].label.endswith(want[1]) and got.value == want[0], (first, got.text)


def test_no_single_holder_of_an_even_median_is_named(settings):
    vals = [_num(g, "requests.new.total") for g in SAMPLES.values() if g["year"] == 2020]
    assert len(vals) % 2 == 0
    got = answer("是谁", history=["2020年收到申请的中位数是多少"], settings=settings)
    assert got.status != "answered", got.text


# ------------------------------------------------------------------ what the previous turn listed
@pytest.mark.parametrize("key,zh", [("active.coercion.decisions", "行政强制决定"), ("requests.new.total", "新收申请")])
@pytest.mark.parametrize("turn,op", [("它俩的平均数是多少", "avg"), ("两者加起来是多少", "sum"), ("what's the average of them?", "avg"),
                                     ("add them up", "sum")])
def test_a_reduction_of_the_listed(settings, key, zh, turn, op):
    vals = [_num(HONGZE[y], key) for y in (2023, 2024)]
    want = sum(vals) / 2 if op == "avg" else sum(vals)
    got = answer(turn, history=[f"洪泽区2023年和2024年的{zh}分别是多少"], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("lowest", [True, False])
@pytest.mark.parametrize("key,zh,en", [("active.procurement.amount", "采购金额", "spent on procurement"),
                                       ("active.procurement.projects", "采购项目数", "had procurement projects")])
def test_these_three_are_the_agencies_of_the_last_turns(settings, lowest, key, zh, en):
    names = ["鄞州区统计局", "温州市鹿城区统计局", "郑州市二七区统计局"]
    pick = (min if lowest else max)(names, key=lambda a: _num(SAMPLES[a], key))
    zh_turns = [f"{SHORT[names[0]][0]}{zh}是多少", f"{SHORT[names[1]][0]}呢", f"{SHORT[names[2]][0]}呢"]
    got = answer(f"这三个里面哪个{'最少' if lowest else '最多'}", history=zh_turns, settings=settings)
    assert got.status == "answered" and got.items[0].label.endswith(pick), got.text
    if key.endswith("amount"):
        en_turns = [f"How much did {SHORT[names[0]][1]} spend on procurement?", "and Lucheng?", "and Erqi?"]
        q = f"which of those three agencies spent the {'least' if lowest else 'most'}?"
        got = answer(q, history=en_turns, settings=settings)
        assert got.status == "answered" and got.items[0].label.endswith(pick) and len(got.items) == 1, got.text


# ------------------------------------------------------------------ carried over between years
@pytest.mark.parametrize("agency", sorted(a for a, g in SAMPLES.items() if g["year"] == 2020))
@pytest.mark.parametrize("frame,row,step", [("Did {e} carry any applications over from {y}?", "carried_in", -1),
                                            ("{z}从{y}年结转过来的申请有多少", "carried_in", -1),
                                            ("How many applications did {e} carry over into {y}?", "carried_out", 1)])
def test_carried_over_from_or_into_a_year(settings, agency, frame, row, step):
    g = SAMPLES[agency]
    got = answer(frame.format(e=SHORT[agency][1], z=SHORT[agency][0], y=g["year"] + step), settings=settings)
    want = _num(g, f"requests.{row}.total")
    if want is None:
        assert got.status != "answered", got.text
    else:
        assert got.status == "answered" and got.value == want, got.text


# ------------------------------------------------------------------ a year counted from the named one
@pytest.mark.parametrize("key,en,zh", [("active.penalty.decisions", "administrative penalty decisions", "行政处罚决定"),
                                       ("active.licensing.decisions", "licensing decisions", "行政许可决定"),
                                       ("active.fees.amount", "fee income", "行政事业性收费金额")])
def test_the_following_year_and_change_between_years(settings, key, en, zh):
    a, b = _num(HONGZE[2023], key), _num(HONGZE[2024], key)
    growth = round(100 * (b - a) / a, 2)
    for q in (f"By what percent did Hongze's {en} change from 2023 to the following year?",
              f"By what percent did Hongze's {en} change from 2023 to 2024?",
              f"Compare Hongze's {en} in 2024 with the previous year: by what percent did they change?"):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value == pytest.approx(growth, abs=0.01), (q, got.text)
    got = answer(f"洪泽区2023年和次年的{zh}分别是多少", settings=settings)
    assert got.status == "answered" and sorted(i.year for i in got.items) == [2023, 2024], got.text


def test_carried_over_to_the_next_year_is_a_row_not_a_year(settings):
    for agency, g in SAMPLES.items():
        got = answer(f"{SHORT[agency][1]}, {g['year']}: requests carried over to the next year?", settings=settings)
        want = _num(g, "requests.carried_out.total")
        assert (got.status == "answered" and got.value == want) if want is not None else got.status != "answered", got.text


# ------------------------------------------------------------------ two figures of one report, yes / no
PAIRS = [("active.licensing.decisions", "active.penalty.decisions", "licensing decisions", "penalty decisions",
          "行政许可决定", "行政处罚决定"),
         ("active.coercion.decisions", "active.penalty.decisions", "coercion decisions", "penalty decisions",
          "行政强制决定", "行政处罚决定")]


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("a,b,ea,eb,za,zb", PAIRS)
@pytest.mark.parametrize("swap", [False, True])
def test_more_of_one_figure_than_another(settings, year, a, b, ea, eb, za, zb, swap):
    if swap:
        a, b, ea, eb, za, zb = b, a, eb, ea, zb, za
    va, vb = _num(HONGZE[year], a), _num(HONGZE[year], b)
    for q, more in ((f"For Hongze in {year}, were there more {ea} than {eb}?", True),
                    (f"Did Hongze in {year} have fewer {ea} than {eb}?", False),
                    (f"洪泽区{year}年{za}比{zb}多吗", True)):
        got = answer(q, settings=settings)
        assert got.status == "answered" and got.value is ((va > vb) if more else (va < vb)), (q, got.text)


# ------------------------------------------------------------------ multiples
@pytest.mark.parametrize("text,factor", [("二十倍以上", 20), ("十倍", 10), ("十二倍", 12), ("一百倍", 100), ("三倍", 3),
                                         ("1.5倍", 1.5), ("twenty times", 20), ("twenty-five times", 25), ("ten times", 10),
                                         ("12 times", 12), ("twice", 2), ("一半", 0.5)])
def test_a_multiple_is_read_whole(text, factor):
    assert multiple(f"是不是超过了{text}" if not text.isascii() else f"was it more than {text} that")[0] == factor


@pytest.mark.parametrize("key,en,zh", [("active.licensing.decisions", "licensing count", "行政许可决定数"),
                                       ("active.penalty.decisions", "penalty count", "行政处罚决定数")])
@pytest.mark.parametrize("factor,en_f,zh_f", [(2, "twice", "两倍"), (10, "ten times", "十倍"), (20, "twenty times", "二十倍"),
                                              (0.5, "half", "一半")])
def test_a_year_against_a_multiple_of_another(settings, key, en, zh, factor, en_f, zh_f):
    a, b = _num(HONGZE[2023], key), _num(HONGZE[2024], key)
    for q, later_first in ((f"Was Hongze's 2024 {en} more than {en_f} its 2023 {en}?", True),
                           (f"洪泽区2024年的{zh}是2023年的{zh_f}以上吗", True),
                           (f"Was Hongze's 2023 {en} more than {en_f} its 2024 {en}?", False)):
        got = answer(q, settings=settings)
        want = b > factor * a if later_first else a > factor * b
        assert got.status == "answered" and got.value is want, (q, got.text)


# ------------------------------------------------------------------ same-sounding misspellings of names
def _homophones() -> dict[str, list[str]]:
    """Characters of the sample texts grouped by how they are read (toneless pinyin)."""
    from pypinyin import lazy_pinyin
    from tests.support.gold import SAMPLES_DIR
    chars = sorted({ch for p in SAMPLES_DIR.glob("*.txt") for ch in p.read_text(encoding="utf-8") if "\u4e00" <= ch <= "\u9fff"})
    by: dict[str, list[str]] = {}
    for ch in chars:
        by.setdefault(lazy_pinyin(ch)[0], []).append(ch)
    return by


def _misspellings(name: str) -> list[str]:
    from pypinyin import lazy_pinyin
    by = _homophones()
    out = []
    for i, ch in enumerate(name):
        other = next((c for c in by.get(lazy_pinyin(ch)[0], []) if c != ch), None)
        if other:
            out.append(name[:i] + other + name[i + 1:])
    return out


NAMED = [("温泉街道", "福州市鼓楼区温泉街道办事处", "active.procurement.amount", "采购总金额是多少"),
         ("鹿城区统计局", "温州市鹿城区统计局", "requests.new.total", "2020年收到多少件申请"),
         ("二七区统计局", "郑州市二七区统计局", "active.procurement.amount", "采购金额是多少")]


@pytest.mark.parametrize("name,agency,key,ask", NAMED)
def test_a_same_sounding_misspelling_is_read_as_the_name_and_said(settings, name, agency, key, ask):
    wrongs = _misspellings(name)
    assert wrongs, name
    want = _num(SAMPLES[agency], key)
    for wrong in wrongs:
        got = answer(f"{wrong}{ask}", settings=settings)
        if got.status == "answered":  # (a misspelling that is another name the store knows is not repaired)
            assert got.value == want and f"“{wrong}”" in got.text, (wrong, got.text)
    got = answer(f"{wrongs[-1]}{ask}", settings=settings)
    assert got.status == "answered" and got.value == want and "读作" in got.text, (wrongs[-1], got.text)


@pytest.mark.parametrize("q", ["鹿城区审计局2020年收到多少件申请", "鹿城区统汁局2020年收到多少件申请", "温泉镇采购总金额是多少"])
def test_a_character_that_only_looks_or_means_alike_is_not_repaired(settings, q):
    got = answer(q, settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("term,key", [("行政处罚", "active.penalty.decisions"), ("行政许可", "active.licensing.decisions"),
                                      ("行政强制", "active.coercion.decisions")])
def test_a_same_sounding_misspelling_of_a_term_is_read_as_the_term(settings, term, key):
    wrongs = [w for w in _misspellings(term)]
    assert wrongs, term
    want = _num(SAMPLES["温州市鹿城区统计局"], key)
    for wrong in wrongs:
        got = answer(f"鹿城区统计局2020年{wrong}决定有多少", settings=settings)
        if got.status == "answered":
            assert got.value == want, (wrong, got.text)
    got = answer(f"鹿城区统计局2020年{wrongs[-1]}决定有多少", settings=settings)
    assert got.status == "answered" and got.value == want and "读作" in got.text, (wrongs[-1], got.text)
