"""Template awareness (absent cells), blank is not zero, guessed units, money for people, and the
passage route behind its Protocol."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from nianbao.models import CellState, Passage
from qa.api import answer
from qa.text import fmt_yuan


def ask(db, question, turns=(), **kw):
    return answer(question, list(turns), Settings(db=db), **kw)


def test_2021_reports_are_left_out_of_procurement_with_the_reason(mixed_db):
    got = ask(mixed_db, "各单位政府集中采购金额合计是多少？")
    assert got.value == pytest.approx(1065514.05)
    skipped = {s.why for s in got.coverage.skipped}
    assert skipped == {"2021 template has no centralised procurement table"}
    assert len(got.coverage.skipped) == 2 and len(got.coverage.used) == 5
    # one language per answer: the reason in the question's language (the contract's `why` stays English)
    assert "未计入" in got.text and "2021版模板没有“政府集中采购”表" in got.text and "template" not in got.text
    en = ask(mixed_db, "What is the total centralised procurement amount of all agencies?")
    assert "2021 template has no centralised procurement table" in en.text


def test_2021_fee_amount_is_in_wan_yuan(mixed_db):
    got = ask(mixed_db, "淮安市洪泽区人民政府2024年收费金额是多少？")
    assert got.value == 75450000 and got.unit == "yuan"
    assert "7,545.0万元" in got.text


def test_blank_cell_is_skipped_not_zero(gold_db):
    got = ask(gold_db, "温泉街道不予处理的申请有多少？")
    assert got.status == "no_data" and got.value is None
    assert got.coverage.skipped and "blank" in got.coverage.skipped[0].why


def test_blank_cells_are_reported_in_aggregates(tmp_path):
    from tests.support.qa_store import build_store

    def blank_one(report):
        if report.file.startswith("001"):
            fact = report.fact("requests.new.total")
            fact.value, fact.state, fact.raw = None, CellState.BLANK, ""
        return report

    db = build_store(tmp_path, edit=blank_one)
    got = ask(db, "2020年所有单位共收到多少件政府信息公开申请？")
    assert got.value == 5  # 鹿城区's blank cell is not read as 0 (or as anything)
    assert [s.why for s in got.coverage.skipped] == ["cell printed blank"]
    assert "温州市鹿城区统计局" in got.text


def test_unreadable_cell_is_skipped(tmp_path):
    from tests.support.qa_store import build_store

    def garble(report):
        if report.file.startswith("000"):
            fact = report.fact("active.procurement.amount")
            fact.value, fact.state, fact.raw = None, CellState.UNREADABLE, "3455?6"
        return report

    db = build_store(tmp_path, edit=garble)
    got = ask(db, "福州市鼓楼区统计局的采购金额是多少？")
    assert got.status == "no_data" and "3455?6" in got.text
    got = ask(db, "Which cells are unreadable?")
    assert [i.file for i in got.items] == ["000_2133ae744f48d674.txt"]


def test_guessed_unit_is_flagged(gold_db):
    got = ask(gold_db, "二七区统计局政府集中采购金额是多少？")
    assert got.value == 60248
    assert "unit guessed" in got.text and "6.0248" in got.text and "万元" in got.text


@pytest.mark.parametrize("value,text", [(475976.05, "47.6万元"), (75394000, "7,539.4万元"), (75338, "75,338元"),
                                        (3965.16, "3,965.16元"), (2.5e9, "25.00亿元")])
def test_money_for_people(value, text):
    assert fmt_yuan(value) == text


class FakeSearch:
    """A passage search that records its calls (the `PassageSearch` protocol)."""

    def __init__(self, passages):
        self.passages = passages
        self.calls = []

    def search(self, query, k=5, mode="hybrid", agency=None, report_ids=None, year=None, section=None,
               province=None, city=None, county=None):
        self.calls.append(dict(query=query, report_ids=report_ids, section=section))
        return [p for p in self.passages if section is None or p.section == section]


def test_passage_route_filters_by_agency_and_section(gold_db):
    from qa.scoring import store_resolver

    ids = sorted(store_resolver(gold_db)("温泉街道"))
    fake = FakeSearch([Passage(chunk_id="c1", report_id=ids[0], file="003_acfa5b9243423631.txt", section="五",
                               lines=(111, 111), text="一是答复依申请公开处理水平有待提高。二是细化重点领域信息公开内容。")])
    got = ask(gold_db, "温泉街道在信息公开方面有哪些不足？", passages=fake)
    assert fake.calls[0]["report_ids"] == ids and fake.calls[0]["section"] == "五"
    assert got.citations[0].quote.startswith("一是答复依申请公开处理水平有待提高")
    assert got.citations[0].section == "五"


def test_passage_search_with_no_hits_falls_back_to_the_stored_sections(gold_db):
    got = ask(gold_db, "鄞州区统计局通过哪些新媒体渠道公开信息？", passages=FakeSearch([]))
    assert got.citations and got.citations[0].file == "002_c42cd15df52a6935.txt"
