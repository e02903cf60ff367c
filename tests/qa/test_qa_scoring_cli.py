"""The reusable scorer (qa/scoring.py) and the `nianbao ask` command."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from nianbao.cli import main
from qa.scoring import citation_recall, score_case, store_resolver


def ans(**kw):
    base = {"status": "answered", "value": None, "unit": None, "items": [], "citations": []}
    base.update(kw)
    return base


CASES = [
    ({"kind": "number", "value": 100, "unit": "yuan"}, ans(value=100.4, unit="yuan"), True),
    ({"kind": "number", "value": 100, "unit": "yuan"}, ans(value=100.6, unit="yuan"), False),
    ({"kind": "number", "value": 100, "unit": "yuan"}, ans(value=100, unit="count"), False),
    ({"kind": "number", "value": 0, "unit": "count"}, ans(value=0, unit="count"), True),
    ({"kind": "number", "value": 1, "unit": "count"}, ans(value=True, unit="count"), False),
    ({"kind": "agency", "value": "鄞州区统计局"}, ans(items=[{"label": "宁波市鄞州区统计局"}]), True),
    ({"kind": "agency", "value": "鄞州区统计局"}, ans(items=[{"label": "鹿城区统计局"}]), False),
    ({"kind": "list", "values": ["a局", "b局"], "ordered": True}, ans(items=[{"label": "a局"}, {"label": "b局"}]), True),
    ({"kind": "list", "values": ["a局", "b局"], "ordered": True}, ans(items=[{"label": "b局"}, {"label": "a局"}]), False),
    ({"kind": "list", "values": ["a局", "b局"], "ordered": False}, ans(items=[{"label": "b局"}, {"label": "a局"}]), True),
    ({"kind": "list", "values": [1, 0], "ordered": True}, ans(items=[{"value": 1}, {"value": 0}]), True),
    ({"kind": "list", "values": [], "ordered": False}, ans(items=[]), True),
    ({"kind": "boolean", "value": False}, ans(value=False), True),
    ({"kind": "boolean", "value": False}, ans(value=0), False),
    ({"kind": "passages", "files": ["f.txt"], "sections": ["五"]},
     ans(citations=[{"file": "f.txt", "section": "五", "quote": "…"}]), True),
    ({"kind": "passages", "files": ["f.txt"], "sections": ["五"]},
     ans(citations=[{"file": "f.txt", "section": "一", "quote": "…"}]), False),
    ({"kind": "unanswerable"}, ans(status="no_data"), True),
    ({"kind": "unanswerable"}, ans(status="no_data", value=3), False),
    ({"kind": "unanswerable"}, ans(status="answered"), False),
]


@pytest.mark.parametrize("expect,answer,right", CASES)
def test_scoring_rules(expect, answer, right):
    assert score_case({"id": "x", "expect": expect}, answer).correct is right


def test_agencies_resolve_through_the_store(gold_db):
    resolve = store_resolver(gold_db)
    case = {"id": "x", "expect": {"kind": "agency", "value": "鹿城区统计局"}}
    report = sorted(resolve("温州市鹿城区统计局"))[0]
    assert score_case(case, ans(items=[{"label": "whatever", "report": report}]), resolve).correct


def test_citation_recall():
    got = ans(citations=[{"file": "a.txt", "key": "active.procurement.amount"}, {"file": "b.txt", "section": "五"}])
    assert citation_recall(got, ["a.txt#active.procurement.amount", "b.txt", "c.txt"]) == pytest.approx(2 / 3)
    assert citation_recall(got, []) is None


def test_ask_json_follows_the_contract(gold_db):
    result = CliRunner().invoke(main, ["ask", "Which district spent most on procurement?", "--db", str(gold_db), "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert got["status"] == "answered" and got["items"][0]["label"] == "宁波市鄞州区统计局"
    assert got["route"] == "table" and got["query"].startswith("SELECT")


def test_ask_turns_are_oldest_first(gold_db):
    result = CliRunner().invoke(main, ["ask", "那温泉街道呢？", "--turn", "鹿城区统计局2020年收到多少件政府信息公开申请？",
                                       "--db", str(gold_db), "--json"])
    assert json.loads(result.output)["value"] == 4


def test_ask_prints_text_items_citations_and_sql(gold_db):
    result = CliRunner().invoke(main, ["ask", "2020年所有单位共收到多少件政府信息公开申请？", "--db", str(gold_db)])
    assert result.exit_code == 0
    for part in ("合计", "Items:", "Sources:", "SQL:", "requests.new.total"):
        assert part in result.output


def test_ask_help_has_an_example():
    result = CliRunner().invoke(main, ["ask", "--help"])
    assert "Example" in result.output and "nianbao ask" in result.output and "--turn" in result.output


def test_ask_without_a_database_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["ask", "哪些单位？", "--db", str(tmp_path / "none")])
    assert result.exit_code == 2 and "nianbao ingest" in result.output
