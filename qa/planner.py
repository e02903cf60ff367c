"""Rule planner (no LLM): question -> typed `Plan` (intent, metric keys, entities, filters, confidence)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa import cues
from qa.entities import Entities, find_entities
from qa.lexicon import GROUPS, Hit, default_col, find_hits, metrics_from_hits
from qa.models import Plan
from qa.names import NameIndex
from qa.text import find_years, language, normalize

BASE_ROWS = ("requests.handled", "requests.new")


@dataclass
class Signals:
    """What the question said explicitly (follow-ups fill in the rest from the previous turn)."""

    intent_cue: bool = False
    metric: bool = False
    entity: bool = False
    years: bool = False
    reference: bool = False
    followup: bool = False
    passage_cue: bool = False
    cols_only: list[str] | None = None


def drop_covered_groups(metrics: list[str]) -> list[str]:
    """不予公开 + 保护第三方 names one row: keep the specific row, not the group it belongs to."""
    out = []
    for key in metrics:
        table, row, col = key.split(".")
        children = GROUPS.get(f"{table}.{row}", ())
        if any(k.split(".")[1] in children for k in metrics if k != key):
            continue
        out.append(key)
    return out


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(chars))):
            chars[i] = "□"
    return "".join(chars)


def plan_question(question: str, index: NameIndex) -> tuple[Plan, Signals]:
    text = normalize(question)
    lang = language(question)
    ents = find_entities(text, index)
    years, year_spans = find_years(text, index.years())
    no_names = blank(text, ents.spans + year_spans)
    hits = find_hits(no_names)
    metrics, used = metrics_from_hits(hits)
    metrics = drop_covered_groups(metrics)
    rest = blank(no_names, [(h.start, h.end) for h in used])
    plan = Plan(intent="lookup", metrics=metrics, agencies=[a.label for a in ents.agencies], region=ents.region,
                more_regions=ents.more_regions, years=years, language=lang, unknown=ents.unknown, ambiguous=ents.ambiguous)
    sig = Signals(metric=bool(metrics), entity=bool(ents.agencies or ents.region or ents.unknown or ents.ambiguous),
                  years=bool(years), reference=bool(cues.REFERENCE.search(rest)),
                  followup=bool(cues.FOLLOWUP.search(text)),
                  passage_cue=bool(cues.PASSAGE.search(rest) or cues.section_for(rest)),
                  cols_only=[h.target for h in hits if h.kind == "col"] if not metrics else None)
    _decide(plan, sig, text, rest, hits, ents)
    return plan, sig


def _decide(plan: Plan, sig: Signals, text: str, rest: str, hits: list[Hit], ents: Entities) -> None:
    for kind, pattern in cues.KIND_WORDS:
        if pattern.search(rest):
            plan.agency_kind = kind
    quality = next((k for k, p in cues.QUALITY.items() if p.search(text)), None)
    if quality and not (cues.MENTION.search(text) and cues.WHICH.search(text) and quality == "all"):
        plan.intent, plan.quality, sig.intent_cue = "quality", quality, True
        return
    if cues.MENTION.search(text) and cues.WHICH.search(text) and not plan.metrics:
        plan.intent, sig.intent_cue = "mentions", True
        plan.terms = mention_terms(text, ents)
        plan.confidence = 0.8 if plan.terms else 0.3
        return
    if plan.metrics and not (cues.UNSUPPORTED.search(text) and not cues.TABLE_ANCHOR.search(text)):
        _table_intent(plan, sig, text, rest, hits)
        return
    meta = next((k for k, p in cues.META.items() if p.search(rest)), None)
    if meta is None and cues.META_FALLBACK.search(rest) and not cues.NUMERIC.search(rest):
        meta = "agencies"
    if meta and meta != "missing_metric" and cues.META_ANY.search(rest) and not cues.PASSAGE.search(rest):
        plan.intent, plan.meta, sig.intent_cue = "meta", meta, True
        return
    if cues.UNSUPPORTED.search(text) or (cues.NUMERIC.search(rest) and not cues.PASSAGE.search(rest)):
        plan.intent = "unsupported"
        m = cues.UNSUPPORTED.search(text)
        plan.refusal = m.group(0) if m else "unknown figure"
        plan.confidence = 0.6 if m else 0.35
        return
    if not (ents.agencies or cues.PASSAGE.search(rest) or re.search(r"[\u4e00-\u9fff]", text)):
        # no agency, no question about the work, not a word of Chinese (`'; DROP TABLE facts; --`):
        # quoting whatever passage ranks first would be an answer to nothing
        plan.intent, plan.refusal, plan.confidence = "unsupported", "unknown figure", 0.3
        return
    plan.intent = "passages"
    plan.section = cues.section_for(text)
    plan.search = passage_query(text, ents)
    plan.confidence = 0.8 if (ents.agencies or cues.PASSAGE.search(rest)) else 0.4


def _table_intent(plan: Plan, sig: Signals, text: str, rest: str, hits: list[Hit]) -> None:
    n_agencies = len(plan.agencies)
    sig.intent_cue = True
    if cues.META["missing_metric"].search(rest) and cues.WHICH.search(rest):
        plan.intent, plan.meta = "meta", "missing_metric"
    elif cues.PER_UNIT.search(rest) or cues.SHARE.search(rest):
        plan.intent, plan.ratio = "ratio", "per_unit" if cues.PER_UNIT.search(rest) else "share"
        plan.metrics = (_per_unit_metrics(rest, hits, plan.metrics) if plan.ratio == "per_unit"
                        else _share_metrics(plan.metrics, bool(re.search(r"占", rest))))
        if n_agencies != 1 and (cues.RANK.search(rest) or cues.WHICH_ONE.search(rest)):
            plan.order = cues.rank_order(rest)
            plan.limit = cues.top_n(rest) or (1000 if cues.RANK_LIST.search(rest) or cues.WHICH_MANY.search(rest) else 1)
    elif cues.YOY.search(rest):
        plan.intent, plan.yoy = "difference", True
        plan.boolean = "less" if re.search(r"less|fewer|lower|减少|下降|少于", rest) else "more"
    elif cues.DIFFERENCE.search(rest) and (n_agencies >= 2 or len(plan.years) >= 2):
        plan.intent = "difference"
    elif n_agencies >= 2 and cues.WHO_MORE.search(rest):
        plan.intent, plan.limit = "rank", 1
        plan.order = "asc" if cues.WHO_LESS.search(rest) else "desc"
    elif cues.BOOLEAN.search(text) and n_agencies >= 2:
        plan.intent = "compare"
        plan.boolean = "less" if re.search(r"less|fewer|lower|smaller|少于|低于|小于|不如", rest) else "more"
    elif cues.is_ranking(rest) or (re.search(r"哪个|哪家|哪一|which|who", rest) and n_agencies == 0):
        plan.intent = "rank"
        plan.order = cues.rank_order(rest)
        plan.limit = cues.top_n(rest)
        if not cues.RANK_LIST.search(rest) and plan.limit is None and not cues.WHICH_MANY.search(rest):
            plan.limit = 1
    elif n_agencies >= 2 or cues.COMPARE.search(rest) and n_agencies >= 2:
        plan.intent = "compare"
    elif cues.TREND.search(rest) or (n_agencies == 1 and len(plan.years) >= 2):
        plan.intent = "trend"
    elif n_agencies == 0 and not plan.ambiguous and not plan.unknown:
        plan.intent = "aggregate"
        plan.aggregate = ("count" if cues.AGG_COUNT.search(rest) else "avg" if cues.AGG_AVG.search(rest) else "sum")
        sig.intent_cue = bool(cues.AGG_SUM.search(rest) or cues.AGG_AVG.search(rest) or cues.AGG_COUNT.search(rest)
                              or plan.region is not None)
    else:
        plan.intent = "lookup"
        sig.intent_cue = False
    plan.confidence = 0.9 if sig.intent_cue or n_agencies else 0.7


def _per_unit_metrics(rest: str, hits: list[Hit], metrics: list[str]) -> list[str]:
    cue = cues.PER_UNIT.search(rest)
    table, row, _ = metrics[0].split(".")
    cols = [h for h in hits if h.kind == "col"]
    after = [h for h in cols if h.start >= cue.start()]
    den = after[0].target if after else ("projects" if row == "procurement" else None)
    num = next((h.target for h in cols if h.target != den), None) or default_col(table, row)
    if den is None or num == den:
        return metrics
    return [f"{table}.{row}.{num}", f"{table}.{row}.{den}"]


def _share_metrics(metrics: list[str], zhan: bool) -> list[str]:
    if len(metrics) >= 2:
        a, b = metrics[:2]
        if not zhan and a.rsplit(".", 1)[0] in BASE_ROWS and b.rsplit(".", 1)[0] not in BASE_ROWS:
            a, b = b, a
        return [a, b]
    table, row, col = metrics[0].split(".")
    if col != "total" and table in ("requests", "review"):
        return [metrics[0], f"{table}.{row}.total"]
    if table == "requests" and row not in ("new", "carried_in", "handled", "carried_out"):
        return [metrics[0], "requests.handled.total"]
    if table == "requests" and row == "carried_out":
        return [metrics[0], "requests.handled.total"]
    return metrics


def mention_terms(text: str, ents: Entities) -> list[list[str]]:
    """What must appear in a report for 'which reports mention X': groups of alternatives, all required."""
    groups: list[list[str]] = []
    m = cues.MENTION_TERM_EN.search(text) if re.search(r"[a-z]{3,}", text) else None
    phrase = m.group(1) if m else None
    if phrase is None:
        mz = cues.MENTION_TERM_ZH.search(text)
        phrase = mz.group(1) if mz else ""
    for pattern, words in cues.GLOSSARY:
        if re.search(pattern, phrase, re.IGNORECASE):
            if not any(set(words) & set(g) for g in groups):
                groups.append(list(words))
            phrase = re.sub(pattern, " ", phrase, flags=re.IGNORECASE)
    for frag in re.findall(r"[\u4e00-\u9fff0-9]{2,}", phrase):
        if not re.search(r"[\u4e00-\u9fff]", frag):
            continue
        frag = re.sub(r"^(了|过|有关|关于)|(的内容|方面|相关|情况|工作)$", "", frag)
        if len(frag) >= 2 and not any(frag in g for g in groups):
            groups.append([frag])
    return groups


def passage_query(text: str, ents: Entities) -> str:
    """The question without names and question words; English questions get Chinese words added."""
    q = blank(text, ents.spans).replace("□", " ")
    q = re.sub(r"哪些|什么|如何|怎样|怎么|是否|有没有|存在|情况|呢|吗|[?？。，,!！]", " ", q)
    extra = [w for pattern, words in cues.GLOSSARY if re.search(pattern, q, re.IGNORECASE) for w in words[:2]]
    section = cues.section_for(text)
    if section == "五":
        extra += ["存在的主要问题", "改进"]
    return re.sub(r"\s+", " ", " ".join([q] + extra)).strip()

