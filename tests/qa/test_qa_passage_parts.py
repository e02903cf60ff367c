"""Section 五 (存在的主要问题及改进情况): a question about the problems quotes problems, one about the
improvements quotes measures, whichever way a report lays them out (two sub-parts, point by point, one
paragraph), with any enumerator family, in document order; and the planner tells the two questions apart.
The sentences are generated from phrase lists, not copied from the samples."""
from __future__ import annotations

import itertools
import random

import pytest

from nianbao.models import Passage
from qa.passages import best_sentences, part_of

PROBLEMS = ["政务公开意识有待加强", "信息公开内容不够全面", "依申请公开答复规范性有待提高", "政策解读形式较为单一",
            "信息发布的时效性不足", "工作人员业务能力仍需提升", "公开平台建设相对滞后", "基层公开标准化水平不高"]
MEASURES = ["加强业务培训，提高工作人员能力", "进一步规范信息发布流程", "持续拓展公开渠道，丰富公开形式",
            "完善依申请公开办理机制", "下一步将重点做好政策解读工作", "严格落实信息发布审核制度",
            "积极回应社会关切，主动公开民生信息", "定期开展政务公开自查"]
ENUMERATORS = {
    "是": ["一是", "二是", "三是"], "第": ["第一，", "第二，", "第三，"], "(": ["（一）", "（二）", "（三）"],
    "1": ["1.", "2.", "3."],
}


def _section(layout: str, problems: list[str], measures: list[str], marks: list[str]) -> str:
    if layout == "two_parts":
        head = "（一）存在的主要问题\n" + "".join(f"{m}{p}。" for m, p in zip(marks, problems, strict=False))
        return head + "\n（二）改进情况\n" + "".join(f"{m}{x}。" for m, x in zip(marks, measures, strict=False))
    if layout == "interleaved":  # 一是<problem>。<measure>。二是…
        return "".join(f"{m}{p}。{x}。" for m, p, x in zip(marks, problems, measures, strict=False))
    # one paragraph: the problems in one sentence, then "下一步" and the measures
    return (f"我单位政府信息公开工作仍存在一些不足：{'；'.join(problems)}。"
            f"下一步，我们将{'；'.join(measures)}。")


@pytest.fixture(scope="module")
def tables_only(tmp_path_factory):
    from tests.support.qa_store import build_store
    return build_store(tmp_path_factory.mktemp("samples"))


def _passages(text: str) -> list[Passage]:
    return [Passage(chunk_id="c", report_id="r", file="f.txt", agency="某局", year=2020, section="五",
                    heading="存在的主要问题及改进情况", lines=(1, 5), text=text, score=1.0)]


@pytest.mark.parametrize("layout,family", list(itertools.product(["two_parts", "interleaved"], ENUMERATORS)))
def test_problems_and_measures_are_quoted_apart_in_every_layout(layout, family):
    rng = random.Random(f"{layout}{family}")
    for _ in range(5):
        problems, measures = rng.sample(PROBLEMS, 2), rng.sample(MEASURES, 2)
        text = _section(layout, problems, measures, ENUMERATORS[family])
        found = _passages(text)
        asked_problems = [s for _, s in best_sentences(found, "存在的主要问题 不足", n=3, part="problems")]
        asked_measures = [s for _, s in best_sentences(found, "改进 措施", n=3, part="measures")]
        assert asked_problems and all(any(p in s for p in problems) for s in asked_problems), (text, asked_problems)
        assert not any(m in s for s in asked_problems for m in measures), (text, asked_problems)
        assert asked_measures and all(any(m in s for m in measures) for s in asked_measures), (text, asked_measures)
        assert not any(p in s for s in asked_measures for p in problems), (text, asked_measures)
        for quotes in (asked_problems, asked_measures):  # in the order the report prints them
            assert [text.find(q) for q in quotes] == sorted(text.find(q) for q in quotes)


def test_a_one_paragraph_section_splits_at_the_sentence():
    problems, measures = PROBLEMS[:3], MEASURES[:3]
    text = _section("paragraph", problems, measures, [])
    probs = [s for _, s in best_sentences(_passages(text), "问题 不足", part="problems")]
    meas = [s for _, s in best_sentences(_passages(text), "改进", part="measures")]
    assert [any(p in s for p in problems) for s in probs] == [True] * len(probs) and len(probs) == 3
    assert not any(m in s for s in probs for m in measures)
    assert meas and all(any(m in s for m in measures) for s in meas)
    assert not any(p in s for s in meas for p in problems)


def test_sentence_parts():
    for p in PROBLEMS:
        assert part_of(f"一是{p}。") == "problems", p
    for m in MEASURES:
        assert part_of(f"二是{m}。") == "measures", m
        assert part_of(f"{m}。") == "measures", m


@pytest.mark.parametrize("question,part", [
    ("温泉街道存在哪些主要问题？", "problems"), ("鹿城区统计局的不足有哪些", "problems"),
    ("What problems did the Lucheng statistics bureau report?", "problems"),
    ("温泉街道下一步如何改进？", "measures"), ("鄞州区统计局有哪些整改措施", "measures"),
    ("How will the Yinzhou bureau improve next year?", "measures"),
    ("温泉街道存在的问题和改进措施", None),
])
def test_the_planner_reads_which_half_is_asked(tables_only, question, part):
    from qa.api import answer
    a = answer(question, db_dir=tables_only)
    assert a.plan is not None and a.plan.section == "五" and a.plan.part == part, a.plan


@pytest.mark.parametrize("seed", range(6))
def test_each_quote_is_named_by_the_report_it_came_from(tables_only, seed):
    """Passages from several reports, the best-scoring hit from one and the quoted sentences from
    others (generated): every quote sits under its own report's agency, year and sub-part, never under
    the top hit's agency (the answer named the top hit's agency for all of them)."""
    from ingest.store import connect_readonly
    from qa.names import NameIndex
    from qa.passages import passages
    from qa.planner import plan_question

    conn = connect_readonly(tables_only)
    try:
        index = NameIndex.from_conn(conn)
    finally:
        conn.close()
    rng = random.Random(seed)
    reports = rng.sample(sorted(index.reports_by_id().values(), key=lambda r: r.id), 3)
    chosen = rng.sample(PROBLEMS, 3)
    found = [Passage(chunk_id=f"c{i}", report_id=r.id, file=r.file, agency=r.agency, year=r.year, section="五",
                     heading="存在的主要问题及改进情况", subheading="（一）存在的主要问题", lines=(10, 12),
                     text=f"一是{problem}。", score=1.0 - i / 10)
                 for i, (r, problem) in enumerate(zip(reports, chosen, strict=True))]
    found.insert(0, Passage(chunk_id="top", report_id=reports[0].id, file=reports[0].file, agency=reports[0].agency,
                            year=reports[0].year, section="五", heading="", lines=(1, 1), text="本年度工作总结如下。",
                            score=2.0))

    class Search:
        def search(self, query, k=5, **kwargs):
            return found

    plan, _ = plan_question("各单位存在哪些主要问题？", index)
    got = passages(plan, Search(), index)
    assert got.status == "answered"
    blocks = got.text.split("\n\n")
    for r, problem in zip(reports, chosen, strict=True):
        label = index.by_report(r.id).label
        block = next(b for b in blocks if problem in b)
        assert block.startswith(f"{label}（{r.year}）年报第五部分“（一）存在的主要问题”中写道"), (block, label)
