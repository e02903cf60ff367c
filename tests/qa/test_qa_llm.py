"""The optional LLM path, with a scripted fake chat model behind the same langchain interface."""
from __future__ import annotations

import importlib.util
import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from nianbao.config import Settings
from nianbao.errors import UserError
from qa.api import answer
from qa.llm import ModelRequestsForbidden, chat_model, forbid_model_requests

VAGUE = "鹿城区统计局的那个数字是多少？"  # the rule planner cannot tell which figure


def body(got) -> str:
    """The answer after its "我理解为：…" line (the model words the answer; the reading line is ours)."""
    first, _, rest = got.text.partition("\n")
    assert first.startswith("我理解为：") or first.startswith("I read this as:"), got.text
    return rest


def fake(*replies: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(replies))


def plan_json(**kw) -> str:
    return "```json\n" + json.dumps(kw, ensure_ascii=False) + "\n```"


def test_without_llm_the_vague_question_is_refused(gold_settings):
    got = answer(VAGUE, settings=gold_settings)
    assert got.status == "no_data" and got.value is None


def test_llm_plan_is_validated_and_used(gold_settings):
    model = fake(plan_json(intent="lookup", metrics=["requests.new.total"], agencies=["鹿城区统计局"], years=[2020]),
                 "鹿城区统计局2020年新收1件申请[1]。")
    got = answer(VAGUE, settings=gold_settings, llm=model)
    assert got.status == "answered" and got.value == 1
    assert "planned by the LLM" in got.plan.notes
    assert body(got) == "鹿城区统计局2020年新收1件申请[1]。"
    assert got.citations[0].key == "requests.new.total"  # numbers and citations still come from SQL


@pytest.mark.parametrize("reply", [
    "I think it is about requests.",
    plan_json(intent="lookup", metrics=["requests.everything.total"], agencies=["鹿城区统计局"]),
    plan_json(intent="lookup", metrics=["requests.new.total"], agencies=["北京市海淀区统计局"]),
    plan_json(intent="lookup", metrics=[], agencies=["鹿城区统计局"]),
    plan_json(intent="drop_tables", metrics=["requests.new.total"]),
    plan_json(intent="lookup", metrics=["requests.new.total"], agencies=["鹿城区统计局"], limit=-3),
])
def test_bad_llm_plans_are_rejected(gold_settings, reply):
    got = answer(VAGUE, settings=gold_settings, llm=fake(reply, "unused"))
    assert got.status == "no_data" and got.value is None
    assert any("model" in note for note in got.plan.notes)


def test_out_of_range_citation_markers_are_dropped(gold_settings):
    got = answer("鹿城区统计局2020年收到多少件政府信息公开申请？", settings=gold_settings,
                 llm=fake("鹿城区统计局收到1件申请[1][7]。"))
    assert body(got) == "鹿城区统计局收到1件申请[1]。"


def test_numbers_not_in_the_evidence_reject_the_wording(gold_settings):
    got = answer("鹿城区统计局2020年收到多少件政府信息公开申请？", settings=gold_settings,
                 llm=fake("鹿城区统计局收到3件申请，同比增长50%[1]。"))
    assert body(got).startswith("温州市鹿城区统计局（2020）")  # the template text stays
    assert any("not in the evidence" in note for note in got.plan.notes)


def test_confident_plans_do_not_ask_the_model_to_plan(gold_settings):
    model = fake("鹿城区统计局的采购总金额为75,338元[1]。")
    got = answer("鹿城区统计局2020年政府集中采购总金额是多少？", settings=gold_settings, llm=model)
    assert got.value == 75338 and body(got) == "鹿城区统计局的采购总金额为75,338元[1]。"


def test_no_configuration_means_no_model(gold_settings):
    assert chat_model(gold_settings) is None


def test_real_models_are_forbidden_in_tests(gold_db):
    settings = Settings(db=gold_db, llm_provider="openai", llm_model="some-model")
    with pytest.raises(ModelRequestsForbidden):
        answer("鹿城区统计局2020年收到多少件申请？", settings=settings)


@pytest.mark.skipif(importlib.util.find_spec("langchain_openai") is not None, reason="langchain-openai installed")
def test_missing_provider_package_is_a_user_error(monkeypatch, gold_db):
    monkeypatch.delenv("NIANBAO_FORBID_LLM")
    forbid_model_requests(False)
    with pytest.raises(UserError, match="langchain-openai"):
        chat_model(Settings(db=gold_db, llm_provider="openai", llm_model="m"))
    with pytest.raises(UserError, match="choose 'openai' or 'ollama'"):
        chat_model(Settings(db=gold_db, llm_provider="skynet", llm_model="m"))


@pytest.mark.parametrize("reply", [
    "鹿城区统计局收到四十件申请[1]。",          # Chinese numerals
    "鹿城区统计局收到1万件申请[1]。",            # a 万 multiplier
    "The Lucheng bureau received twelve requests [1].",  # number words
    "鹿城区统计局收到百分之五十的申请[1]。",       # a percent in words
])
def test_numbers_in_any_writing_must_be_in_the_evidence(gold_settings, reply):
    got = answer("鹿城区统计局2020年收到多少件政府信息公开申请？", settings=gold_settings, llm=fake(reply))
    assert body(got).startswith("温州市鹿城区统计局（2020）"), got.text
    assert any("not in the evidence" in note for note in got.plan.notes)


def test_a_number_copied_from_the_question_is_not_evidence(gold_settings):
    got = answer("鹿城区统计局2020年收到的申请超过7件了吗？", settings=gold_settings,
                 llm=fake("是的，鹿城区统计局收到7件申请[1]。"))
    assert got.status == "answered" and got.value is False
    assert "收到7件" not in got.text and any("not in the evidence" in n for n in got.plan.notes)
