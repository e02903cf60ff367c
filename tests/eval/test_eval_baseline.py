"""The baseline's optimistic judge, on hand-made chunks, and the gold raw text lookup."""
from __future__ import annotations

import pytest
from langchain_core.documents import Document

from eval.baseline import Chunk, gold_raws, judge, raw_in
from eval.dataset import Case
from ingest.store import connect_readonly
from qa.scoring import store_resolver

GULOU, LUCHENG, YINZHOU, WENQUAN = ("000_2133ae744f48d674.txt", "001_19df74b8cb7281a4.txt",
                                    "002_c42cd15df52a6935.txt", "003_acfa5b9243423631.txt")


def case(expect, cite=()):
    return Case.model_validate({"id": "t", "question": "q", "expect": expect, "cite": list(cite)})


def chunk(file, section, text, report="r", agency=""):
    return Chunk(file=file, report=report, section=section, text=text, agency=agency)


@pytest.mark.parametrize("raw,text,found", [
    ("75338元", "采购总金额75338元。", True),
    ("75338元", "采购总金额75338（原表未注明单位）", True),
    ("75338", "采购总金额75338元", True),
    ("1", "本年新收申请1件", True),
    ("1", "2019年", False),
    ("1", "予以公开1.5件", False),
    ("9", "采购项目19个", False),
    ("108426.00", "采购总金额108426.00（原表未注明单位）", True),
    ("108426.00", "采购总金额108426", False),
    ("６", "处罚6件", True),                 # full-width as printed
    ("", "anything", False),
])
def test_raw_text_is_found_as_printed_or_as_the_same_number(raw, text, found):
    assert raw_in(raw, text) is found


def test_a_number_needs_its_raw_in_a_chunk_of_its_report():
    c = case({"kind": "number", "value": 75338, "unit": "yuan"}, [f"{LUCHENG}#active.procurement.amount"])
    raws = {f"{LUCHENG}#active.procurement.amount": "75338元"}
    assert judge(c, [chunk(LUCHENG, "二", "采购总金额75338元")], raws) == (True, "")
    ok, why = judge(c, [chunk(GULOU, "二", "采购总金额75338元")], raws)
    assert not ok and "75338元" in why
    assert not judge(c, [chunk(LUCHENG, "二", "采购项目19个")], raws)[0]


def test_a_derived_number_needs_every_cited_raw():
    c = case({"kind": "number", "value": 3965.16, "unit": "yuan"},
             [f"{LUCHENG}#active.procurement.amount", f"{LUCHENG}#active.procurement.projects"])
    raws = {f"{LUCHENG}#active.procurement.amount": "75338元", f"{LUCHENG}#active.procurement.projects": "19"}
    assert judge(c, [chunk(LUCHENG, "二", "政府集中采购项目19个，采购总金额75338元")], raws)[0]
    assert not judge(c, [chunk(LUCHENG, "二", "采购总金额75338元")], raws)[0]


def test_a_cell_missing_from_the_store_is_not_reachable():
    c = case({"kind": "number", "value": 1, "unit": "count"}, [f"{LUCHENG}#requests.new.total"])
    assert judge(c, [chunk(LUCHENG, "三", "新收申请1件")], {f"{LUCHENG}#requests.new.total": None}) == \
        (False, f"{LUCHENG}#requests.new.total is not in the store")


def test_a_number_without_cited_cells_needs_the_value_itself():
    c = case({"kind": "number", "value": 1459, "unit": "count"}, [YINZHOU])
    assert judge(c, [chunk(YINZHOU, "一", "全年累计发布政府信息1459条")], {})[0]
    assert not judge(c, [chunk(YINZHOU, "一", "全年累计公开统计数据262条")], {})[0]


def test_boolean_needs_both_cells():
    cites = [f"{LUCHENG}#active.procurement.amount", f"{WENQUAN}#active.procurement.amount"]
    c = case({"kind": "boolean", "value": False}, cites)
    raws = dict(zip(cites, ["75338元", "108426.00"], strict=True))
    both = [chunk(LUCHENG, "二", "采购总金额75338元"), chunk(WENQUAN, "二", "采购总金额108426.00")]
    assert judge(c, both, raws)[0]
    assert not judge(c, both[:1], raws)[0]


def test_agencies_and_lists_need_a_chunk_of_every_gold_report(eval_gold_db):
    resolve = store_resolver(eval_gold_db)
    lucheng = next(iter(resolve("温州市鹿城区统计局")))
    yinzhou = next(iter(resolve("鄞州区统计局")))
    chunks = [chunk(LUCHENG, "一", "…", report=lucheng), chunk(YINZHOU, "五", "…", report=yinzhou)]
    assert judge(case({"kind": "agency", "value": "鹿城区统计局"}), chunks, {}, resolve)[0]
    assert not judge(case({"kind": "agency", "value": "福州市鼓楼区统计局"}), chunks, {}, resolve)[0]
    both = case({"kind": "list", "values": ["温州市鹿城区统计局", "鄞州区统计局"]})
    assert judge(both, chunks, {}, resolve)[0]
    assert not judge(both, chunks[:1], {}, resolve)[0]
    assert judge(case({"kind": "list", "values": []}), [], {}, resolve)[0]  # optimistic: "none"


def test_agencies_without_a_resolver_match_the_chunk_agency():
    chunks = [chunk(LUCHENG, "一", "…", agency="温州市鹿城区统计局")]
    assert judge(case({"kind": "agency", "value": "鹿城区统计局"}), chunks, {})[0]
    assert not judge(case({"kind": "agency", "value": "鄞州区统计局"}), chunks, {})[0]


def test_numeric_lists_are_judged_by_their_cells():
    cites = [f"{GULOU}#active.penalty.decisions", f"{LUCHENG}#active.penalty.decisions"]
    c = case({"kind": "list", "values": [1, 23], "ordered": True}, cites)
    raws = dict(zip(cites, ["1", "23"], strict=True))
    assert judge(c, [chunk(GULOU, "二", "行政处罚处理决定1件"), chunk(LUCHENG, "二", "行政处罚处理决定23件")], raws)[0]
    assert not judge(c, [chunk(GULOU, "二", "行政处罚处理决定1件")], raws)[0]


def test_passages_need_the_file_and_the_section():
    c = case({"kind": "passages", "files": [WENQUAN], "sections": ["五"]}, [WENQUAN])
    assert judge(c, [chunk(GULOU, "五", "…"), chunk(WENQUAN, "五", "…")], {})[0]
    ok, why = judge(c, [chunk(WENQUAN, "一", "…")], {})
    assert not ok and "section 五" in why


def test_unanswerable_is_assumed_refused():
    assert judge(case({"kind": "unanswerable"}), [], {}) == (True, "")


def test_chunks_come_from_langchain_documents():
    doc = Document(page_content="text", metadata={"file": LUCHENG, "report": "r1", "section": "五", "agency": "a"})
    assert Chunk.from_document(doc) == Chunk(file=LUCHENG, report="r1", section="五", text="text", agency="a")


def test_gold_raws_are_the_printed_cells(eval_gold_db):
    c = case({"kind": "number", "value": 1, "unit": "count"},
             [f"{LUCHENG}#active.procurement.amount", "004_5206fb2196a31c52.txt#active.procurement.amount",
              f"{LUCHENG}#active.nothing.here", YINZHOU])
    conn = connect_readonly(eval_gold_db)
    try:
        raws = gold_raws(conn, c)
    finally:
        conn.close()
    assert raws == {f"{LUCHENG}#active.procurement.amount": "75338元",
                    "004_5206fb2196a31c52.txt#active.procurement.amount": "6.0248",
                    f"{LUCHENG}#active.nothing.here": None}
