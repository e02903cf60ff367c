"""Follow-up questions: "那温泉街道呢？" (swap the agency), "2023年呢？" (swap the year),
"How many projects was that?" (the previous answer's top agency, a new metric)."""
from __future__ import annotations

from typing import Optional

from qa.lexicon import valid_cols
from qa.models import Plan
from qa.planner import Signals

EXPLICIT = ("meta", "quality", "mentions")


def is_followup(plan: Plan, sig: Signals) -> bool:
    """Whether the question leans on the previous one (a complete question stands alone)."""
    if plan.intent in EXPLICIT:
        return False
    if plan.intent == "unsupported" and plan.refusal and plan.refusal != "unknown figure":
        return False  # a topic the reports do not cover, not a follow-up
    if sig.operation and not sig.entity:
        return True  # 比上一年多了多少？ / 增长率呢？ : a new operation on the previous question's figure
    if sig.metric and sig.entity:
        return sig.followup
    if not sig.metric and sig.entity and sig.passage_cue:
        return False
    if sig.followup or sig.reference:
        return True
    if not sig.metric:
        return not sig.passage_cue and (sig.entity or sig.years or bool(sig.cols_only))
    return not sig.entity and not sig.intent_cue


def needs_previous_answer(plan: Plan, sig: Signals) -> bool:
    return sig.reference and not sig.entity


def merge(plan: Plan, sig: Signals, prev: Plan, prev_top: Optional[str] = None) -> Plan:
    """The current question's explicit parts over the previous plan's."""
    if not is_followup(plan, sig):
        return plan
    out = prev.model_copy(deep=True)
    out.language = plan.language
    out.notes = [*prev.notes, "follow-up of the previous question"]
    out.confidence = min(plan.confidence, 0.85) if plan.intent != "unsupported" else 0.8
    if sig.metric:
        out.metrics = plan.metrics
    elif sig.cols_only and prev.metrics:
        table, row, _ = prev.metrics[0].split(".")
        cols = [c for c in sig.cols_only if c in valid_cols(table, row)]
        if cols:
            out.metrics = [f"{table}.{row}.{cols[0]}"]
    if sig.entity:
        out.agencies, out.region = plan.agencies, plan.region
        out.unknown, out.ambiguous = plan.unknown, plan.ambiguous
        if out.intent in ("rank", "aggregate") and plan.agencies:
            out.intent = "lookup"
    elif sig.reference and prev_top:
        out.agencies, out.region = [prev_top], None
        if out.intent in ("rank", "aggregate", "compare"):
            out.intent, out.limit, out.aggregate = "lookup", None, None
    if sig.years:
        out.years = plan.years
    if sig.intent_cue and (sig.metric or sig.operation) and plan.intent not in ("lookup",):
        for field in ("intent", "order", "limit", "aggregate", "ratio", "boolean", "yoy"):
            setattr(out, field, getattr(plan, field))
        if sig.operation:
            out.metrics = plan.metrics  # a share or a per-unit figure may have added its base
    if out.intent in ("passages",) and plan.intent == "passages":
        out.search, out.section = plan.search or prev.search, plan.section or prev.section
    out.refusal = None if out.intent != "unsupported" else out.refusal
    return out
