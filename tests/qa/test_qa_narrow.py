"""A ranking of unlike reports offers narrower questions ("只看2020年", "只看统计局"), each one the question
asked again with the restriction written in; asked, each ranks only reports of that year or organ.
Phrasings are generated (zh and en, several metrics and word orders), not copied from one case."""
from __future__ import annotations

import itertools

import pytest

from ingest.store import connect_readonly
from qa.api import answer
from qa.names import NameIndex

ZH = ["哪个单位的{m}最高？", "{m}最多的是哪个单位？", "{m}排第一的单位是哪个？", "{m}最少的是哪个单位？"]
ZH_METRICS = ["政府集中采购金额", "本年新收政府信息公开申请数", "行政处罚决定数"]
EN = ["Which agency had the most {m}?", "Which district spent most on procurement?", "Who had the fewest {m}?"]
EN_METRICS = ["new information requests", "administrative penalty decisions"]


def _index(db):
    conn = connect_readonly(db)
    try:
        return NameIndex.from_conn(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("question", [t.format(m=m) for t, m in itertools.product(ZH, ZH_METRICS)]
                         + [t.format(m=m) for t, m in itertools.product(EN, EN_METRICS)])
def test_each_offered_narrowing_ranks_only_what_it_says(gold_db, gold_settings, question):
    index = _index(gold_db)
    got = answer(question, settings=gold_settings)
    assert got.status == "answered" and got.plan.intent == "rank", (question, got.text)
    compared = [index.reports_by_id()[rid] for rid in got.coverage.used]
    years = {r.year for r in compared}
    offered = {n.label: n.question for n in got.narrow}
    if len(years) > 1:  # the samples: 2019 and 2020 reports, statistics bureaus and a street office
        latest = max(years)
        label = f"只看{latest}年" if got.plan.language == "zh" else f"Only {latest}"
        assert label in offered, (question, offered)
    for label, narrower in offered.items():
        again = answer(narrower, settings=gold_settings)
        assert again.status == "answered" and again.plan.intent == "rank", (narrower, again.text)
        assert again.plan.metrics == got.plan.metrics and again.plan.order == got.plan.order
        ranked = [index.reports_by_id()[rid] for rid in again.coverage.used]
        assert ranked and len(ranked) < len(compared), (narrower, ranked)
        if "年" in label or label.startswith("Only 2"):
            assert {r.year for r in ranked} == {again.plan.years[0]}
        else:
            organ = label.removeprefix("只看").removeprefix("Only ")
            assert all(index.by_report(r.id).label.endswith(organ) for r in ranked), (narrower, ranked)
        assert not any(n.label == label for n in again.narrow)  # already narrowed that way


@pytest.mark.parametrize("question", ["鹿城区统计局2020年收到多少件申请？", "2020年各单位一共收到多少件申请？",
                                      "温泉街道存在哪些主要问题？"])
def test_no_narrowing_for_what_is_not_a_ranking(gold_settings, question):
    assert answer(question, settings=gold_settings).narrow == []
