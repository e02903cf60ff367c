"""Question forms found missing by hold-out set 14 (blind first run 67.5 % right, 5.8 % answered wrongly; now a
training set), fixed by mechanism and tested on generated variants, not on its wording:

- 去年 / last year in a follow-up is the year before the chat's year (it was the store's latest year), and a
  newly named agency without a report of the inherited year answers from its own report;
- a district named bare beside an agency named in full is its one agency (did Lucheng get more than Gulou's
  statistics bureau?), in the order the question names them;
- a difference between two years asked from the earlier year (2023年比2024年多了多少, how much higher in 2023
  than in 2024) is the earlier minus the later; "how much lower / higher" is a difference; 比24年多 names a year;
- a yes/no after a preface (Procurement spend in 2020: was … bigger than …?) is a yes/no;
- an order asked for (从高到低 / highest first) with no "which" in it is the whole ranking; 排个序 ranks;
- 多少政府信息公开申请 asks for requests, not for a count of governments; thanks and rounding instructions
  (谢谢, 保留两位小数, 2 decimals) ask nothing new;
- which reports print no publication date (落款没写日期, undated), and a list with a condition the reader does
  not know is withheld instead of listing every report;
- whether a named figure's unit was guessed (…单位是推断出来的，对吧？) or printed (is the unit printed?).
Expected values come from the gold files."""
from __future__ import annotations

import itertools

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.qa.test_qa_consistency import parsed  # noqa: F401 - the store read by the parser (a fixture)
from tests.support.gold import SAMPLE_FILES, load_gold

SAMPLES = {g["agency"]: g for g in (load_gold(n) for n in SAMPLE_FILES)}
HONGZE = {y: load_gold(f"hongze-qu-gov-{y}.json") for y in (2023, 2024)}
ALL = [*SAMPLES.values(), *HONGZE.values()]
HONGZE_KEYS = {"active.penalty.decisions": ("行政处罚决定", "penalty decisions"),
               "active.licensing.decisions": ("行政许可决定", "licensing decisions"),
               "active.coercion.decisions": ("行政强制决定", "coercion decisions"),
               "requests.new.total": ("新收的申请", "new requests")}


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def _hz(year: int, key: str) -> float:
    fact = HONGZE[year]["facts"][key]
    assert fact["state"] == "number"
    return fact["value"]


# ---- follow-ups: 去年 / last year, and an agency without the inherited year ----------------------------------

@pytest.mark.parametrize("key", HONGZE_KEYS)
@pytest.mark.parametrize("first,then", [("洪泽区2024年的{m}有多少？", "那去年呢？"), ("洪泽区2024年的{m}有多少？", "去年的呢？"),
                                        ("How many {M} did Hongze report for 2024?", "And last year?"),
                                        ("How many {M} did Hongze report for 2024?", "What about last year?")])
def test_last_year_in_a_follow_up_is_the_year_before_the_chats(settings, key, first, then):
    m, em = HONGZE_KEYS[key]
    got = answer(then, [first.format(m=m, M=em)], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_hz(2023, key)), got.text


@pytest.mark.parametrize("then", ["那去年呢？", "And last year?"])
def test_last_year_before_the_earliest_held_is_said_not_held(settings, then):
    got = answer(then, ["洪泽区2023年的行政处罚决定有多少？"], settings=settings)
    assert got.status != "answered" and "2022" in got.text, got.text


@pytest.mark.parametrize("year_named", ["那2023年呢？", "And in 2023?", "那23年呢？"])
def test_a_year_written_out_in_a_follow_up_is_taken_as_written(settings, year_named):
    got = answer(year_named, ["洪泽区2024年的行政处罚决定有多少？"], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_hz(2023, "active.penalty.decisions")), got.text


@pytest.mark.parametrize("key,first,then", [
    ("active.procurement.projects", "How many procurement projects did Lucheng report for 2020?", "And Yinzhou?"),
    ("requests.new.total", "鹿城区统计局2020年收到多少件申请？", "那鄞州呢？"),
    ("active.penalty.decisions", "二七区统计局2020年行政处罚决定有多少件？", "鄞州区统计局呢？")])
def test_a_new_agency_without_the_inherited_year_answers_from_its_report(settings, key, first, then):
    got = answer(then, [first], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(SAMPLES["鄞州区统计局"]["facts"][key]["value"]), got.text


# ---- a bare district beside an agency named in full ------------------------------------------------------------

BARE = {"鹿城": ("Lucheng", "温州市鹿城区统计局"), "鄞州": ("Yinzhou", "鄞州区统计局"), "二七": ("Erqi", "郑州市二七区统计局")}
FULL = {"福州市鼓楼区统计局": "Gulou's statistics bureau", "福州市鼓楼区温泉街道办事处": "the Wenquan street office"}
FIGS = {"active.penalty.decisions": ("行政处罚决定", "penalty decisions"),
        "active.procurement.projects": ("政府集中采购项目", "procurement projects")}


@pytest.mark.parametrize("bare,full,key", list(itertools.product(BARE, FULL, FIGS)))
@pytest.mark.parametrize("bare_first", [True, False])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bare_district_beside_a_named_agency_is_its_one_agency(settings, bare, full, key, bare_first, lang):
    a, b = (BARE[bare][1], full) if bare_first else (full, BARE[bare][1])
    va, vb = SAMPLES[a]["facts"][key]["value"], SAMPLES[b]["facts"][key]["value"]
    name = {BARE[bare][1]: bare if lang == "zh" else BARE[bare][0], full: full if lang == "zh" else FULL[full]}
    m, em = FIGS[key]
    q = (f"{name[a]}的{m}比{name[b]}多吗？" if lang == "zh" else f"Did {name[a]} have more {em} than {name[b]}?")
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (va > vb), got.text
    assert {BARE[bare][1], full} <= {i.label for i in got.items} | {c.report and c.file for c in got.citations} or \
        len({c.report for c in got.citations}) == 2, got.text


# ---- differences and yes/no between two years -------------------------------------------------------------------

YEAR_FORMS = {"2023": ("2023年", "2023"), "23": ("23年", "'23")}


@pytest.mark.parametrize("key", HONGZE_KEYS)
@pytest.mark.parametrize("first", [2023, 2024])
@pytest.mark.parametrize("form", YEAR_FORMS)
@pytest.mark.parametrize("ask", ["洪泽区{m}{y1}比{y2}多了多少？", "洪泽区{y1}的{m}比{y2}少了多少？",
                                 "How much higher were Hongze's {M} in {e1} than in {e2}?",
                                 "Hongze's {M}: how much lower was {e1} than {e2}?"])
def test_a_difference_of_two_years_is_asked_from_the_year_named_first(settings, key, first, form, ask):
    second = 4047 - first
    def zh(y): return YEAR_FORMS[form][0].replace("2023", str(y)).replace("23", str(y)[2:]) if form == "23" else f"{y}年"
    def en(y): return f"'{str(y)[2:]}" if form == "23" else str(y)
    m, em = HONGZE_KEYS[key]
    q = ask.format(m=m, M=em, y1=zh(first), y2=zh(second), e1=en(first), e2=en(second))
    more = "多" in q.replace("多少", "") or "higher" in q
    expect = (_hz(first, key) - _hz(second, key)) * (1 if more else -1)
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(expect), got.text


@pytest.mark.parametrize("key", HONGZE_KEYS)
@pytest.mark.parametrize("first", [2023, 2024])
@pytest.mark.parametrize("ask,more", [("{m}这块，洪泽{a}年是不是比{b}年多？", True), ("洪泽{a}年的{m}比{b}年少吗？", False),
                                      ("Were Hongze's {M} in '{a} higher than in '{b}?", True)])
def test_a_two_digit_year_after_bi_is_a_year_of_a_yes_no(settings, key, first, ask, more):
    second = 4047 - first
    m, em = HONGZE_KEYS[key]
    got = answer(ask.format(m=m, M=em, a=str(first)[2:], b=str(second)[2:]), settings=settings)
    a, b = _hz(first, key), _hz(second, key)
    assert got.status == "answered" and got.value is ((a > b) if more else (a < b)), got.text
    assert str(first) in got.text and str(second) in got.text


@pytest.mark.parametrize("text", ["工作了3年多", "比5年多", "已经两年多了"])
def test_years_of_time_are_no_report_years(text):
    from qa.text import find_years
    assert find_years(text, [2019, 2020, 2023, 2024])[0] == []


# ---- a yes/no after a preface, and a whole ranking asked by its order --------------------------------------------

@pytest.mark.parametrize("bare_a,bare_b", list(itertools.permutations(BARE, 2)))
@pytest.mark.parametrize("preface", ["Quick question: ", "Quick check, ", "In their reports; "])
def test_a_yes_no_after_a_preface_is_a_yes_no(settings, bare_a, bare_b, preface):
    a, b = BARE[bare_a], BARE[bare_b]
    key = "active.procurement.projects"
    q = f"{preface}was {a[0]}'s number of procurement projects bigger than {b[0]}'s?"
    got = answer(q, settings=settings)
    va, vb = SAMPLES[a[1]]["facts"][key]["value"], SAMPLES[b[1]]["facts"][key]["value"]
    assert got.status == "answered" and got.value is (va > vb), got.text


def _order(key: str, desc: bool) -> list[str]:
    ok = [(g["agency"], g["facts"][key]["value"]) for g in SAMPLES.values() if g["facts"][key]["state"] == "number"]
    return [a for a, v in sorted(ok, key=lambda t: t[1], reverse=desc) if not (desc and v == 0)]


@pytest.mark.parametrize("key,m", [("active.procurement.projects", "政府集中采购项目数"), ("requests.new.total", "新收申请数")])
@pytest.mark.parametrize("ask,desc", [("按{m}从高到低，把各单位排个序。", True), ("各单位的{m}由低到高排一下序", False),
                                      ("把2020年以前和以后的所有样本单位按{m}从多到少排列", True)])
def test_an_order_asked_for_is_the_whole_ranking(settings, key, m, ask, desc):
    got = answer(ask.format(m=m), settings=settings)
    want = _order(key, desc)
    labels = [i.label for i in got.items]
    assert got.status == "answered" and len(labels) >= len(want) - 1 and len(labels) > 1, got.text


# ---- words that ask nothing new ---------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("ask", ["洪泽区{y}年收到多少政府信息公开申请？", "麻烦查一下洪泽区{y}年新收的政府信息公开申请有多少件？谢谢！",
                                 "洪泽区{y}年新收多少政府信息公开申请，多谢"])
def test_requests_named_with_zhengfu_xinxi_are_not_a_count_of_governments(settings, year, ask):
    got = answer(ask.format(y=year), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_hz(year, "requests.new.total")), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("tail,en", [("保留两位小数。", False), ("四舍五入，精确到小数点后两位。", False),
                                     ("Percent, 2 decimals.", True), ("Rounded to two decimal places, thanks.", True)])
def test_rounding_instructions_ask_nothing_new(settings, year, tail, en):
    q = (f"What share of Hongze's {year} handled requests were granted in full? {tail}" if en else
         f"洪泽区{year}年予以公开的申请占办理总数的比例是多少？{tail}")
    got = answer(q, settings=settings)
    f = HONGZE[year]["facts"]
    share = round(100 * f["requests.granted.total"]["value"] / f["requests.handled.total"]["value"], 2)
    assert got.status == "answered" and got.value == pytest.approx(share, abs=0.01), got.text


# ---- reports without a publication date; lists with a condition not understood ---------------------------------

@pytest.mark.parametrize("ask,template", [("哪几份年报落款没写日期？", None), ("哪些报告没有注明发布日期？", None),
                                          ("按2019版模板编的报告中，哪几份落款没写日期？", "2019"),
                                          ("Which reports are undated?", None),
                                          ("Which reports have no publication date?", None)])
def test_reports_without_a_publication_date(settings, ask, template):
    got = answer(ask, settings=settings)
    undated = [g for g in ALL if not g.get("published") and (template is None or g["template"] == template)]
    # which reports: listed as their agencies, each once; the text names every report's file
    agencies = {g.get("agency_full") or g["agency"] for g in undated}
    assert got.status == "answered" and len(got.items) == len(agencies), got.text
    assert all(any(i.label.endswith(a) for i in got.items) for a in agencies), got.text  # 鄞州区统计局 ⊂ 宁波市…
    assert all(g["file"].rsplit("/", 1)[-1] in got.text for g in undated), got.text


@pytest.mark.parametrize("ask", ["按2019版模板编的报告中，哪几份落款是红色的？", "哪些单位的年报封面有照片？",
                                 "Which reports have a photo on the cover?"])
def test_a_list_with_a_condition_not_understood_is_withheld(settings, ask):
    got = answer(ask, settings=settings)
    assert got.status != "answered" and not got.items, got.text


# ---- guessed or printed units, yes / no -------------------------------------------------------------------------

UNIT_NAMES = {"福州市鼓楼区统计局": ("鼓楼统计局", "Gulou's statistics bureau"), "温州市鹿城区统计局": ("鹿城区统计局", "Lucheng"),
              "鄞州区统计局": ("鄞州区统计局", "Yinzhou"), "郑州市二七区统计局": ("二七区统计局", "Erqi"),
              "福州市鼓楼区温泉街道办事处": ("温泉街道", "Wenquan")}


@pytest.mark.parametrize("agency", UNIT_NAMES)
@pytest.mark.parametrize("ask,printed", [("{z}的采购金额，单位是推断出来的，对吧？", False), ("{z}的采购金额单位写了吗？", True),
                                         ("Is the unit of {e}'s procurement amount actually printed in the report?", True),
                                         ("{z}采购总金额的单位是推测的吗？", False)])
def test_whether_a_named_amounts_unit_was_guessed_or_printed(settings, agency, ask, printed):
    fact = SAMPLES[agency]["facts"]["active.procurement.amount"]
    guessed = bool(fact.get("unit_assumed")) or fact.get("unit_printed") in (None, "")
    z, e = UNIT_NAMES[agency]
    got = answer(ask.format(z=z, e=e), settings=settings)
    assert got.status == "answered" and got.value is (not guessed if printed else guessed), got.text


@pytest.mark.parametrize("bare_a,bare_b", list(itertools.permutations(BARE, 2))[:3])
def test_a_yes_no_reading_two_figures_is_not_answered_with_one(settings, bare_a, bare_b):
    """"Procurement spend: was A's number of procurement projects bigger…" reads the amount and the projects;
    which one the yes/no is about is not known, so neither is answered as if it were the question."""
    a, b = BARE[bare_a], BARE[bare_b]
    got = answer(f"Procurement spend: was {a[0]}'s number of procurement projects bigger than {b[0]}'s?", settings=settings)
    assert got.status != "answered", got.text


@pytest.mark.parametrize("key", HONGZE_KEYS)
@pytest.mark.parametrize("first", [2023, 2024])
@pytest.mark.parametrize("ask,more", [("洪泽区{a}年的{m}跟{b}年比，多了多少？", True), ("洪泽区{a}年的{m}和{b}年相比少了多少？", False),
                                      ("洪泽区{a}年{m}同{b}年比多了多少", True)])
def test_a_year_compared_with_gen_bi_is_the_other_one(settings, key, first, ask, more):
    second = 4047 - first
    got = answer(ask.format(m=HONGZE_KEYS[key][0], a=str(first)[2:], b=str(second)[2:]), settings=settings)
    expect = (_hz(first, key) - _hz(second, key)) * (1 if more else -1)
    assert got.status == "answered" and got.value == pytest.approx(expect), got.text


@pytest.mark.parametrize("preface", ["洪泽区政府{a}年收了{v}件申请，这个我知道了；", "已知洪泽区{a}年新收申请{v}件，"])
@pytest.mark.parametrize("first", [2023, 2024])
def test_a_year_named_in_an_earlier_clause_is_not_the_subject(settings, preface, first):
    second = 4047 - first
    v = int(_hz(first, "requests.new.total"))
    got = answer(preface.format(a=str(first)[2:], v=v) + f"{str(second)[2:]}年比它多了多少件？", settings=settings)
    expect = _hz(second, "requests.new.total") - _hz(first, "requests.new.total")
    assert got.status == "answered" and got.value == pytest.approx(expect), got.text


# ---- a claim of none, and "any" of a place holding one agency ---------------------------------------------------

NONE_KEYS = {"requests.withheld_third_party.total": "withhold any application on third-party grounds",
             "active.penalty.decisions": "make any penalty decision",
             "review.lawsuit_direct.total": "face any lawsuit filed directly"}


@pytest.mark.parametrize("agency", ["福州市鼓楼区统计局", "郑州市二七区统计局", "温州市鹿城区统计局"])
@pytest.mark.parametrize("key", NONE_KEYS)
@pytest.mark.parametrize("frame", ["{A} didn't {w} in 2020, right?", "{A} never {wpast} in 2020, correct?",
                                   "Is it true that {A} did not {w} in 2020?"])
def test_a_claim_of_none_is_a_yes_no_on_zero(settings, agency, key, frame):
    fact = SAMPLES[agency]["facts"][key]
    if fact["state"] != "number":
        pytest.skip("no printed figure to check the claim against")
    w = NONE_KEYS[key]
    wpast = w.replace("withhold", "withheld").replace("make", "made").replace("face", "faced")
    got = answer(frame.format(A=agency, w=w, wpast=wpast), settings=settings)
    assert got.status == "answered" and got.value is (fact["value"] == 0), got.text


@pytest.mark.parametrize("place,agency", [("Lucheng", "温州市鹿城区统计局"), ("Erqi", "郑州市二七区统计局"),
                                          ("鹿城区", "温州市鹿城区统计局"), ("二七区", "郑州市二七区统计局")])
@pytest.mark.parametrize("key,zh,en", [("requests.new.total", "收到申请", "receive any new requests"),
                                       ("active.penalty.decisions", "作出过行政处罚决定", "make any penalty decisions")])
def test_any_of_a_place_holding_one_agency_is_a_yes_no(settings, place, agency, key, zh, en):
    q = f"{place}2020年有没有{zh}？" if place.endswith("区") else f"Did {place} {en} in 2020?"
    got = answer(q, settings=settings)
    assert got.status == "answered" and got.value is (SAMPLES[agency]["facts"][key]["value"] > 0), got.text


# ---- figures only the prose states, asked in Chinese or by new English words ------------------------------------

def _stated(gold: dict, word: str) -> float:
    hits = [n for n in gold.get("narrative_numbers", []) if word in n["text"]]
    assert len(hits) == 1, hits
    return hits[0]["value"]


@pytest.mark.parametrize("ask,gold,word", [
    ("鼓楼区统计局2020年依申请公开的答复及时率是多少？", "福州市鼓楼区统计局", "答复及时率"),
    ("福州市鼓楼区统计局2020年的答复及时率是多少", "福州市鼓楼区统计局", "答复及时率"),
    ("鄞州区统计局2019年罚款总额是多少？", "鄞州区统计局", "罚款"),
    ("What did Yinzhou's statistics bureau collect in fines in 2019?", "鄞州区统计局", "罚款"),
    ("How many policy-interpretation pieces did Hongze put out in 2024?", 2024, "解读"),
    ("How many policy interpretation items (解读信息) did Hongze publish in 2024?", 2024, "解读")])
def test_a_figure_only_the_prose_states(parsed, ask, gold, word):  # noqa: F811 - the fixture imported above
    """(on the store the parser read: the Hongze texts are the PDFs')"""
    g = HONGZE[gold] if isinstance(gold, int) else SAMPLES[gold]
    got = answer(ask, settings=parsed)
    assert got.status == "answered" and got.value == pytest.approx(_stated(g, word)), got.text
    assert got.citations and all(c.key is None for c in got.citations), got.text  # the text, not a table cell


@pytest.mark.parametrize("agency,name", [("福州市鼓楼区统计局", "the Gulou District Statistics Bureau"),
                                         ("温州市鹿城区统计局", "the Lucheng statistics bureau")])
@pytest.mark.parametrize("frame", ["What total procurement amount, in yuan, did {n} report for 2020?",
                                   "How many procurement projects, in total, did {n} report for 2020?"])
def test_a_wh_question_with_a_comma_before_did_is_no_yes_no(settings, agency, name, frame):
    got = answer(frame.format(n=name), settings=settings)
    key = "active.procurement.amount" if "amount" in frame else "active.procurement.projects"
    assert got.status == "answered" and got.value == pytest.approx(SAMPLES[agency]["facts"][key]["value"]), got.text


# ---- two stored places under one organ word; a website named after an organ ---------------------------------------

@pytest.mark.parametrize("first,second", [("Wenquan's", "the Gulou statistics bureau"), ("the Gulou statistics bureau's", "Wenquan")])
@pytest.mark.parametrize("frame", ["By how many did {a} new disclosure requests in 2020 exceed those of {b}?",
                                   "In 2020, did {a} new requests exceed those of {b}?"])
def test_one_organ_word_over_two_stored_places_is_two_names(settings, first, second, frame):
    got = answer(frame.format(a=first, b=second), settings=settings)
    wq, gl = (SAMPLES[n]["facts"]["requests.new.total"]["value"] for n in ("福州市鼓楼区温泉街道办事处", "福州市鼓楼区统计局"))
    a, b = (wq, gl) if first.startswith("Wenquan") else (gl, wq)
    assert got.status == "answered", got.text
    if frame.startswith("By"):  # a difference of two agencies: its size, with the one that is higher named
        assert got.value == pytest.approx(abs(a - b)) and "higher by" in got.text, got.text
    else:
        assert got.value is (a > b), got.text


@pytest.mark.parametrize("site", ["government site", "government website", "government portal", "government's web page"])
def test_a_website_named_after_an_organ_is_no_agency_asked(settings, site):
    got = answer(f"How many new requests did the Gulou statistics bureau report in 2020 on the Gulou {site}?",
                 settings=settings)
    assert got.plan.unknown == [] and got.plan.agencies == ["福州市鼓楼区统计局"], got.text


def test_an_organ_not_held_is_still_unknown(settings):
    got = answer("How many requests did the Gulou district government receive in 2020?", settings=settings)
    assert got.status != "answered", got.text


# ---- sums of two rows, of a group's parts; averages per year; the previous year's item count ----------------------

@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("a,b", [("行政处罚", "行政强制"), ("行政许可", "行政处罚"), ("行政强制", "行政许可")])
@pytest.mark.parametrize("frame", ["洪泽{y}年{a}加{b}，处理决定一共多少件？", "洪泽区{y}年{a}加上{b}的处理决定合计多少？"])
def test_two_rows_joined_by_jia_are_added(settings, year, a, b, frame):
    keys = {"行政处罚": "active.penalty.decisions", "行政强制": "active.coercion.decisions", "行政许可": "active.licensing.decisions"}
    got = answer(frame.format(y=year, a=a, b=b), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(_hz(year, keys[a]) + _hz(year, keys[b])), got.text


@pytest.mark.parametrize("year", [2023, 2024])
@pytest.mark.parametrize("group,parts", [("不予公开", "八种情形"), ("无法提供", "三种情形"), ("不予处理", "5种情形")])
def test_a_groups_parts_added_up_are_its_total(settings, year, group, parts):
    keys = {"不予公开": "requests.withheld", "无法提供": "requests.unavailable", "不予处理": "requests.declined"}
    f = HONGZE[year]["facts"]
    want = sum(v["value"] for k, v in f.items() if k.startswith(keys[group] + "_") and k.endswith(".total")
               and v["state"] == "number")
    got = answer(f"洪泽区{year}年被“{group}”的申请，{parts}加在一起有几件？", settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(want), got.text


@pytest.mark.parametrize("key", HONGZE_KEYS)
@pytest.mark.parametrize("ask", ["洪泽区两年平均每年的{m}有多少？", "洪泽区政府2023和2024年平均每年的{m}是多少？",
                                 "洪泽区{m}年均多少？", "On average per year, how many {M} did the Hongze government report in 2023 and 2024?"])
def test_an_average_per_year_is_over_the_agencys_years(settings, key, ask):
    m, em = HONGZE_KEYS[key]
    got = answer(ask.format(m=m, M=em), settings=settings)
    assert got.status == "answered" and got.value == pytest.approx((_hz(2023, key) + _hz(2024, key)) / 2), got.text


@pytest.mark.parametrize("row,zh", [("penalty", "行政处罚"), ("licensing", "行政许可"), ("coercion", "行政强制")])
@pytest.mark.parametrize("order", ["fewest", "most"])
def test_the_previous_years_item_count_named_is_a_column_not_a_change(settings, row, zh, order):
    key = f"active.{row}.prev_items"
    bureaus = [(g["agency"], g["facts"][key]["value"]) for g in SAMPLES.values()
               if "统计局" in g["agency"] and g["facts"][key]["state"] == "number"]
    ranked = sorted(bureaus, key=lambda t: t[1], reverse=order == "most")
    if ranked[0][1] == ranked[1][1]:
        pytest.skip("tied first place")
    got = answer(f"Which statistics bureau carried the {order} {zh} items over from the previous year (上一年项目数量)?",
                 settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(ranked[0][1]), got.text


# ---- templates named with a document number; "that second one" after a ranking ----------------------------------

@pytest.mark.parametrize("ask,template", [("Whose reports follow the 2021 template (国办公开办函〔2021〕30号)?", "2021"),
                                          ("Whose reports follow the 2019 template (国办公开办函〔2019〕60号)?", "2019"),
                                          ("哪些年报用的是2021版模板？", "2021"), ("哪些年报用的是2019版模板？", "2019")])
def test_reports_of_a_template_named_with_its_document_number(settings, ask, template):
    got = answer(ask, settings=settings)
    want = {g["file"].rsplit("/", 1)[-1] for g in ALL if g["template"] == template}
    files = {i.file.rsplit("/", 1)[-1] for i in got.items if i.file} or \
        {c.file.rsplit("/", 1)[-1] for c in got.citations if c.file}
    agencies = {g.get("agency_full") or g["agency"] for g in ALL if g["template"] == template}
    assert got.status == "answered" and got.plan.years == [], got.text
    # whose reports, which reports: the agencies, each once; the reports' files are named
    assert len(got.items) == len(agencies), got.text
    assert all(f in got.text for f in want) or files <= want, got.text


@pytest.mark.parametrize("key,what", [("active.procurement.amount", "amount, in yuan"), ("active.procurement.projects", "number of projects")])
@pytest.mark.parametrize("second", ["And which came second?", "第二名是谁？"])
@pytest.mark.parametrize("third", ["What was that second one's {w}?", "What is the second one's {w}?"])
def test_that_second_one_after_a_ranking_is_the_agency_it_named(settings, key, what, second, third):
    ranked = sorted((g for g in SAMPLES.values() if g["facts"]["active.procurement.amount"]["state"] == "number"),
                    key=lambda g: -g["facts"]["active.procurement.amount"]["value"])
    got = answer(third.format(w=what), ["Which agency spent the most on procurement?", second], settings=settings)
    assert got.status == "answered" and got.value == pytest.approx(ranked[1]["facts"][key]["value"]), got.text
