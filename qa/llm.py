"""Optional LLM, never the source of a number.

(1) When the rule planner is unsure, the model fills the same typed `Plan` (JSON validated against the
pydantic schema and against the store: known keys, agencies that exist); it never writes SQL.
(2) It may phrase the final text from numbered evidence; [n] markers out of range are dropped, and a text
with a number that is not in the evidence is rejected (the template text stays).

Nothing calls out unless Settings.llm_provider is set. Tests set NIANBAO_FORBID_LLM=1 (or call
`forbid_model_requests()`), which makes the factory refuse to build a real model.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field, ValidationError

from nianbao.config import Settings
from nianbao.errors import UserError
from qa.lexicon import known_keys, zh_label
from qa.models import Plan, RegionFilter
from qa.names import NameIndex
from qa.numerals import ARABIC, CN_BIG, CN_NUMBER, EN_WORDS, cn_value, en_value

FORBID_ENV = "NIANBAO_FORBID_LLM"
_forbidden = False


class ModelRequestsForbidden(RuntimeError):
    """A real model was requested while model requests are forbidden (tests)."""


def forbid_model_requests(flag: bool = True) -> None:
    global _forbidden
    _forbidden = flag


def chat_model(settings: Settings):
    """The configured chat model, or None when no LLM is configured. Imports the provider lazily."""
    provider = (settings.llm_provider or "").strip().lower()
    if not provider:
        return None
    if _forbidden or os.environ.get(FORBID_ENV, "") not in ("", "0"):
        raise ModelRequestsForbidden(f"model requests are forbidden here ({FORBID_ENV}); use a fake model")
    if not settings.llm_model:
        raise UserError("NIANBAO_LLM_MODEL is not set: name the model to use (or unset NIANBAO_LLM_PROVIDER)")
    if provider == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as e:
            raise UserError("the OpenAI-compatible LLM needs `pip install langchain-openai`") from e
        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url, api_key=settings.llm_api_key,
                          temperature=0, timeout=60)
    if provider == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError as e:
            raise UserError("the Ollama LLM needs `pip install langchain-ollama`") from e
        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url, temperature=0)
    raise UserError(f"unknown NIANBAO_LLM_PROVIDER {provider!r}: choose 'openai' or 'ollama'")


class LLMPlan(BaseModel):
    """The part of a Plan a model may fill."""

    intent: Literal["lookup", "rank", "compare", "aggregate", "ratio", "difference", "trend",
                    "meta", "quality", "passages", "mentions", "unsupported"]
    metrics: list[str] = Field(default_factory=list)
    agencies: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    province: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None
    order: Literal["desc", "asc"] = "desc"
    limit: Optional[int] = Field(default=None, ge=1, le=1000)
    aggregate: Optional[Literal["sum", "avg", "count"]] = None
    ratio: Optional[Literal["share", "per_unit", "growth"]] = None
    boolean: Optional[Literal["more", "less", "equal"]] = None
    meta: Optional[Literal["agencies", "years", "regions", "templates", "reports", "missing_metric", "count",
                           "published"]] = None
    quality: Optional[Literal["balance", "narrative", "unreadable", "guessed_units", "all"]] = None
    section: Optional[Literal["一", "二", "三", "四", "五", "六"]] = None
    search: str = ""
    terms: list[list[str]] = Field(default_factory=list)


def _content(reply: Any) -> str:
    content = getattr(reply, "content", reply)
    if isinstance(content, list):
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def _json_object(text: str) -> Optional[dict]:
    text = re.sub(r"^```(?:json)?|```$", "", text.strip(), flags=re.MULTILINE).strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def plan_prompt(question: str, history: list[str], index: NameIndex) -> list[tuple[str, str]]:
    keys = "\n".join(f"{k}: {zh_label(k)}" for k in sorted(known_keys()))
    agencies = "\n".join(a.label for a in index.agencies[:300])
    schema = json.dumps(LLMPlan.model_json_schema(), ensure_ascii=False)
    system = ("You turn a question about Chinese government information-disclosure annual reports into a JSON plan. "
              "Reply with one JSON object only, matching this schema:\n" + schema +
              "\nmetrics must be keys from this list:\n" + keys +
              "\nagencies must be names from this list:\n" + agencies +
              f"\nyears in the data: {index.years()}. Never write SQL and never compute numbers.")
    turns = "".join(f"Earlier question: {h}\n" for h in history)
    return [("system", system), ("human", turns + "Question: " + question)]


def llm_plan(model, question: str, history: list[str], index: NameIndex, draft: Plan) -> tuple[Optional[Plan], str]:
    """A validated Plan from the model, or (None, why it was rejected)."""
    reply = model.invoke(plan_prompt(question, history, index))
    data = _json_object(_content(reply))
    if data is None:
        return None, "the model did not return a JSON object"
    try:
        got = LLMPlan.model_validate(data)
    except ValidationError as e:
        return None, f"the model's plan does not fit the schema: {e.errors()[0]['msg']}"
    bad = [m for m in got.metrics if m not in known_keys()]
    if bad:
        return None, f"the model named unknown metrics: {bad}"
    labels = []
    for name in got.agencies:
        found = index.resolve(name)
        if len(found) != 1:
            return None, f"the model named an agency that is not (uniquely) in the store: {name!r}"
        labels.append(found[0].label)
    if got.intent in ("lookup", "rank", "compare", "aggregate", "ratio", "difference", "trend") and not got.metrics:
        return None, "the model's table plan names no metric"
    region = RegionFilter(province=got.province, city=got.city, county=got.county)
    fields = got.model_dump(exclude={"province", "city", "county", "agencies"})
    plan = Plan(**fields, agencies=labels, region=None if region.is_empty() else region,
                language=draft.language, confidence=0.75, notes=["planned by the LLM"])
    return plan, ""


MARKER = re.compile(r"\[(\d+)\]")


def _values(text: str) -> set[float]:
    """Every number a text states, as a value: 75,338 · 47.6万 · 四十 (件) · 百分之五十 · forty-two."""
    text = MARKER.sub(" ", text)
    out: set[float] = set()
    for m in ARABIC.finditer(text):
        v = float(m.group(1).replace(",", ""))
        out.add(round(v * (CN_BIG[m.group(2)] if m.group(2) else 1), 6))
    for m in CN_NUMBER.finditer(text):
        v = cn_value(m.group(2) or m.group(3))
        if v is not None:
            out.add(v)
    for m in EN_WORDS.finditer(text):
        out.add(en_value(m.group(0)))
    return out


def llm_phrase(model, question: str, evidence: list[str], draft: str, language: str) -> tuple[Optional[str], str]:
    """The model's wording of the answer, or (None, why it was rejected)."""
    if not evidence:
        return None, "no evidence to phrase"
    numbered = "\n".join(f"[{i + 1}] {e}" for i, e in enumerate(evidence))
    system = ("Answer the question in " + ("Chinese" if language == "zh" else "English") +
              " in one to three sentences, using only the numbered evidence; cite it as [n]. "
              "Copy numbers exactly as written in the evidence; do not compute new numbers.")
    reply = model.invoke([("system", system), ("human", f"Question: {question}\nEvidence:\n{numbered}\nDraft: {draft}")])
    text = _content(reply).strip()
    if not text:
        return None, "empty reply"
    text = MARKER.sub(lambda m: m.group(0) if 1 <= int(m.group(1)) <= len(evidence) else "", text)
    # by value, whatever the writing (四十, 1万, twelve); a number copied from the question is no evidence
    allowed = _values(numbered) | _values(draft)
    stray = {f"{v:g}" for v in _values(text) - allowed}
    if stray:
        return None, f"the model's text has numbers not in the evidence: {sorted(stray)}"
    return text, ""
