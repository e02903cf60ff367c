"""Follow-up questions: "那温泉街道呢？" (swap the agency), "2023年呢？" (swap the year),
"How many projects was that?" (the previous answer's top agency, a new metric)."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from qa import cues
from qa.lexicon import valid_cols
from qa.models import Plan, RegionFilter
from qa.names import NameIndex
from qa.planner import NAMED_YEAR, Signals
from qa.reading import FIGURES, TABLE_INTENTS
from qa.slots import number_word
from qa.text import mandarin

EXPLICIT = ("meta", "quality", "mentions")
# what a turn's own operation is made of: a follow-up that names one takes all of it from that turn
OPERATION = ("intent", "order", "limit", "offset", "aggregate", "ratio", "boolean", "yoy", "signed")


def is_followup(plan: Plan, sig: Signals) -> bool:
    """Whether the question leans on the previous one (a complete question stands alone)."""
    if plan.intent in EXPLICIT:
        return False
    if plan.intent == "unsupported" and plan.refusal and plan.refusal != "unknown figure":
        return False  # a topic the reports do not cover, not a follow-up
    if sig.operation and not sig.entity:
        return True  # 比上一年多了多少？ / 增长率呢？ : a new operation on the previous question's figure
    if sig.metric and not sig.entity and plan.intent == "ratio" and plan.ratio == "share" and len(plan.metrics) == 1 \
            and cues.BASE_ONLY.search(sig.no_names):
        return True  # 占当年办理总数的多大比例？: the figure just asked, over the base this turn names
    if sig.metric and sig.entity:
        return sig.followup
    if not sig.metric and sig.entity and sig.passage_cue:
        return False
    if sig.followup or sig.reference:
        return True
    if not sig.entity and plan.intent == "ratio" and plan.ratio == "per_unit" and not cues.ACROSS.search(sig.no_names):
        return True  # 平均到每个项目是多少钱？: per unit of the figure just asked, for the same agencies and years
    if not sig.metric:
        return not sig.passage_cue and (sig.entity or sig.years or bool(sig.cols_only))
    if plan.filtered:
        return False  # 采购项目至少10个的单位一共有多少个: the agencies a bound picks, named by the question itself
    if not sig.entity and plan.intent == "aggregate" and not cues.ACROSS.search(sig.no_names):
        return True  # 一共几个采购项目？ after one agency's figure: that agency's total, not every report's
    if not sig.entity and not sig.years and plan.intent == "ratio" and plan.ratio == "share" \
            and not cues.ACROSS.search(sig.no_names) and not plan.of_all:
        return True  # 公开加部分公开占新收的百分之多少 after turns on one agency's year: that report's share
    if not sig.entity and not sig.years and plan.intent in ("difference", "compare", "ratio") \
            and len(set(plan.metrics)) >= 2 and not cues.ACROSS.search(sig.no_names) and not plan.of_all:
        return True  # the difference: penalties minus coercion? after turns on one agency's year: that report's two figures
    return not sig.entity and not sig.intent_cue


# a metadata turn that asks on about what the chat is on (是哪个单位的？ 有哪几年的？ which ones? and the years?)
_META_ON = re.compile(r"^\s*(那|那么|是|有|都|还有)?\s*(哪|几|什么|啥)|^\s*(and )?(which|what|whose|how many)( ones?)?\b|呢\s*[?？]?$",
                      re.I)


# a turn narrowing the list before it (only the ones …, just those …, 其中…的, 只看/只要…)
_NARROWED = re.compile(r"^\W*(only|just) (the ones|those|these|the)\b|^\W*(of|among) (them|those|these)\b|"
                       r"^\W*(其中|这些里|这里面|里面)|^\W*(只看|只要|只列|只留|只保留|仅看)", re.I)
# the agency or the place the chat is on, pointed back to (它在哪个省, 该单位, 那个省里, that province, where is it)
AGENCY_REF = re.compile(r"它们|它|该单位|该局|该机关|这家|那家|这个单位|那个单位|这个局|那个局|"
                        r"\b(it|its|this agency|that agency|this bureau|that bureau|this office|that office)\b", re.I)
PLACE_REF = re.compile(r"(那个|这个|该|同一个?|同)(省|市)|\b(that|this|the same) (province|city)\b", re.I)
# the rest of a place besides what the chat was on (那个省里还有哪个单位, which other agencies in that province)
_OTHERS = re.compile(r"还有|其他|其它|别的|另外|\b(other|else|besides)\b", re.I)


# the words of a turn that only lean on the one before (那…呢, and what about, 的呢): no topic of their own
_FOLLOW_WORDS = re.compile(r"那么|那|呢|的|还有|再|又|也|吧|啊|呀|\b(and|what|about|how|then|so|the|its|their|of|for)\b|"
                           r"[?？!！,，.。:：\s]", re.I)
_TOPIC_WORDS = re.compile(r"[\u4e00-\u9fff]{2,}|[a-z]{3,}", re.I)


def meta_scope(plan: Plan, sig: Signals, text: str, prev: Plan, index: Optional[NameIndex] = None) -> None:
    """库里有江苏的报告吗？ then 是哪个单位的？ then 有哪几年的？: a metadata turn naming no agency, place or year keeps
    the scope the chat is on (the previous turn's agencies, place and years), not the whole store. A place pointed
    back to (那个省里还有哪个单位？ after 鄞州区统计局在哪个省？) is the province (city) of the agencies the chat is on,
    without them when the others are asked."""
    if plan.intent == "meta" and not sig.entity and _NARROWED.search(text):
        # only the ones whose report is for 2020 and dated, after a list of the statistics bureaus: the list before,
        # narrowed by what this turn says (its years, its condition), its kind kept
        plan.organ, plan.organ_out = plan.organ or prev.organ, plan.organ_out if plan.organ else prev.organ_out
        plan.agency_kind = plan.agency_kind or prev.agency_kind
        if not plan.agencies and plan.region is None:
            plan.agencies, plan.region, plan.more_regions = list(prev.agencies), prev.region, list(prev.more_regions)
        plan.years = plan.years or list(prev.years)
        plan.notes = [*plan.notes, "the list of the previous question, narrowed"]
        return
    if plan.intent != "meta" or sig.entity or sig.years or plan.template:
        return
    if not (prev.agencies or prev.region is not None or prev.agency_kind or prev.organ):
        return
    place = PLACE_REF.search(text)
    if place is not None and index is not None and prev.agencies:
        level = "province" if "省" in place.group(0) or "province" in place.group(0).lower() else "city"
        held = {getattr(r, level) for n in prev.agencies for a in index.resolve(n) for r in a.reports}
        if len(held) == 1 and None not in held:
            plan.region = RegionFilter(**{level: held.pop()})
            plan.agencies, plan.more_regions = [], []
            plan.agencies_out = list(prev.agencies) if _OTHERS.search(text) else []
            plan.notes = [*plan.notes, "the place of the previous question's agency"]
        return
    if not (_META_ON.search(text) or AGENCY_REF.search(text)):
        return
    plan.agencies, plan.region, plan.more_regions = list(prev.agencies), prev.region, list(prev.more_regions)
    plan.region_out, plan.agencies_out = prev.region_out, list(prev.agencies_out)
    # (which agency is a street office? then when was its report published?: the kind the chat is on)
    plan.agency_kind, plan.organ, plan.organ_out = prev.agency_kind, prev.organ, prev.organ_out
    if plan.meta != "years":
        plan.years = list(prev.years)
    plan.notes = [*plan.notes, "the scope of the previous question"]


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
        out.metrics = _kept_column(plan.metrics, prev.metrics) if not sig.col_named else plan.metrics
        # (其中A占B总数的比例: a base this turn names itself, after 占, is the base; 其中A占多少 takes the one just asked)
        own_base = plan.intent == "ratio" and len(plan.metrics) == 2 and bool(re.search(r"占(?!多少|几|多大|多高|百分|比|了)[^，,。？?]{1,30}?(的)?(比例|比重|百分|多少)", sig.no_names))
        if (cues.AMONG.search(sig.no_names) or cues.BASE_ONLY.search(sig.no_names)) and plan.ratio == "share" \
                and prev.metrics and out.metrics[0] != prev.metrics[0] and not own_base:
            if cues.BASE_ONLY.search(sig.no_names):
                # 占当年办理总数的多大比例？: the figure just asked over the base this turn names
                out.metrics = [prev.metrics[0], out.metrics[0]]
                out.notes.append("the previous question's figure as a share of this one")
            else:
                # 其中予以公开的占多少比例？ / of those, what share…: the figure over the one just asked
                out.metrics = [out.metrics[0], prev.metrics[0]]
                out.notes.append("share of the previous question's figure")
    elif sig.cols_only and prev.metrics:
        table, row, _ = prev.metrics[0].split(".")
        cols = [c for c in sig.cols_only if c in valid_cols(table, row)]
        if cols:
            out.metrics = [f"{table}.{row}.{cols[0]}"]
    if sig.entity:
        out.agencies, out.region = plan.agencies, plan.region
        out.unknown, out.ambiguous = plan.unknown, plan.ambiguous
        if out.intent in ("rank", "aggregate") and plan.agencies:
            if prev.group_by:  # (鄞州区统计局呢？ after totals per province: that agency's figure)
                out.aggregate = None
            out.intent, out.group_by, out.groups = "lookup", None, []
    elif sig.reference and prev_top:
        out.agencies, out.region = [prev_top], None
        if out.intent in ("rank", "aggregate", "compare"):
            out.intent, out.limit, out.aggregate, out.group_by, out.groups = "lookup", None, None, None, []
    elif (plan.organ and not plan.organ_out) or plan.agency_kind:
        # 那统计局们一共呢 / the statistics bureaus only: a kind or organ named instead of the agency of the turn before
        out.agencies, out.region = [], plan.region or out.region
        out.organ, out.organ_out, out.agency_kind = plan.organ, plan.organ_out, plan.agency_kind
        if out.intent == "lookup" and cues.AGG_SUM.search(sig.rest or sig.no_names or ""):
            out.intent, out.aggregate = "aggregate", "sum"
    if sig.years:
        out.years, out.year_order = plan.years, plan.year_order
        if out.intent == "rank" and out.list_years and len(out.years) == 1 and plan.intent != "rank" \
                and _ASKS_VALUE.search(sig.rest or sig.no_names or ""):
            # 那一年的行政强制是多少件 after 哪一年的…更多 (the year answered written in): a ranking of years narrowed
            # to one year ranks nothing; the figure of that year is asked
            out.intent, out.limit, out.offset, out.list_years, out.year_order = "lookup", None, 0, False, []
    out.from_text = plan.from_text  # "and what does its own text say?": the same figure, as the text states it
    if sig.intent_cue and (sig.metric or sig.operation) and plan.intent not in ("lookup",):
        # the turn's own operation replaces the one before, with all it is made of (a grouping, a bound, what is
        # counted): 新收申请超过3件的单位有几家？ after "which city had the most" is no grouping by city
        for field in OPERATION + ("group_by", "groups", "of_all", "list_agencies", "each_agency_once", "above", "below",
                                  "inclusive", "zero", "check_threshold", "stated", "filtered", "factor", "pick_by",
                                  "numerator", "part_of_whole"):
            setattr(out, field, getattr(plan, field))
        if sig.operation:
            out.metrics = plan.metrics  # a share or a per-unit figure may have added its base
    if sig.metric and plan.intent in ("lookup", "aggregate") and out.check_threshold and not plan.check_threshold \
            and _ASKS_VALUE.search(sig.rest or sig.no_names or "") and not cues.BOOLEAN.search(sig.rest or sig.no_names or ""):
        # "那行政强制上一年项目数量填的是多少" after "有没有作出行政强制决定？": the figure itself now, not
        # the yes / no the turn before asked of another one
        out.check_threshold, out.above, out.below, out.inclusive, out.boolean, out.stated = False, None, None, False, None, None
    if sig.metric and prev.intent in ("meta", "quality", "passages", "mentions") and plan.intent in TABLE_INTENTS:
        # "what about its 2020 coercion decisions?" after "is there a 2021 report for Erqi?": a figure now
        for field in OPERATION + ("meta", "quality", "published", "passed", "yes_no", "check", "section", "part",
                                  "search", "terms"):
            setattr(out, field, getattr(plan, field))
        if out.agencies and out.intent == "aggregate" and not cues.AGG_SUM.search(sig.rest or sig.no_names or ""):
            out.intent, out.aggregate = "lookup", None  # (its figure: the agency the chat is about)
    if not sig.metric and len(prev.metrics) >= 2 and out.metrics == prev.metrics:
        out.joined = True  # the figures the previous question joined (A和B分别是多少 then 2023年呢), kept together
        if not sig.entity and prev.intent in ("lookup", "aggregate") and cues.AGG_SUM.search(sig.rest or sig.no_names or ""):
            # "how many cases is that in total?" / 加起来呢 after a turn showing several figures: those figures
            # added up (as 行政复议和行政诉讼一共多少件 asks in one question)
            out.intent, out.aggregate = "aggregate", "sum"
            out.notes.append("the previous question's figures added up")
    if out.intent in ("passages",) and plan.intent == "passages":
        # (那鄞州区统计局呢 / and Yinzhou's?: the turn's own words name only a scope, the topic is the one before)
        own = plan.search if plan.search and _TOPIC_WORDS.search(_FOLLOW_WORDS.sub(" ", plan.search)) else None
        out.search, out.section = own or prev.search, plan.section or prev.section
    if out.intent == "unsupported" and out.refusal == "unknown figure" and plan.intent == "unsupported" \
            and plan.refusal == "unknown figure" and plan.terms:
        # 其中业务公文几条 / how many of those were official documents (公文) after a figure the prose states: the
        # turn's own figure, in the same report's text (its words, not the previous turn's)
        out.terms, out.search, out.ratio = plan.terms, plan.search, plan.ratio
    elif out.intent == "unsupported" and out.refusal == "unknown figure" and plan.intent == "passages" \
            and not plan.section and plan.search and not sig.entity and not sig.years:
        # 其他类信息呢 after such a figure: the figure of these words the same text states
        from qa.planner import figure_terms

        words = [t for t in figure_terms(plan.search) if t]
        if words:
            out.terms, out.search = [[t] for t in words], plan.search + "多少"
    out.refusal = None if out.intent != "unsupported" else out.refusal
    # words of this turn its own reading found unread (公开 of 公开加部分公开 not read as a figure) stay unread
    # when the turn leans on the one before: the scope it takes does not read them either
    out.unused = list(dict.fromkeys([*out.unused, *(u for u in plan.unused if not u.startswith(FIGURES))]))
    return out


_ASKS_VALUE = re.compile(r"多少|几(?!乎)|\bhow (many|much)\b|\bwhat (is|was|are|were|number|figure|value)\b|\bwhat'?s\b")


def _kept_column(metrics: list[str], prev: list[str]) -> list[str]:
    """"行政处罚的呢？" after 行政强制·上一年项目数量: a follow-up that names only another row of the same
    table keeps the column asked before, when the row has it (the default column otherwise)."""
    if len(metrics) != 1 or len(prev) != 1:
        return metrics
    table, row, col = metrics[0].split(".")
    p_table, _, p_col = prev[0].split(".")
    if table == p_table and p_col != col and p_col in valid_cols(table, row):
        return [f"{table}.{row}.{p_col}"]
    return metrics


def picked_place(text: str) -> Optional[int]:
    """"the first one" / 前者 → 0, "the second one" / 后者 → 1: a place in the previous answer's list."""
    m = cues.PICK.search(text)
    if not m:
        return None
    word = m.group(0)
    if re.search(r"second|latter|后者|第二", word):
        return 1
    if re.search(r"third|第三", word):
        return 2
    if re.search(r"last|最后|倒数第一", word):
        return -1  # (the last one on that list)
    return 0


def place_in_ranking(plan: Plan, sig: Signals, prev: Plan, pick: Optional[int]) -> Optional[Plan]:
    """"第二名呢？" / "and the second one?" after a ranking over many reports: that place of the same
    ranking (an offset of its query), not a lookup of whoever the previous answer listed there. None
    when the turn names its own agency or figure, or the previous answer was no ranking."""
    if pick is None or pick < 0 or prev.intent != "rank" or prev.agencies or sig.entity or sig.metric:
        return None  # (the last one: of the list shown, picked from the answer)
    out = prev.model_copy(deep=True)
    out.offset, out.limit, out.aggregate, out.language = pick, 1, None, plan.language
    out.notes = [*prev.notes, f"follow-up: place {pick + 1} of the previous ranking"]
    out.confidence = min(prev.confidence, 0.85)
    return out


def reorder(plan: Plan, sig: Signals, text: str, prev: Optional[Plan]) -> Optional[Plan]:
    """"最少的是哪个？" / "and the lowest?" after a ranking: the same ranking in the order (and length) this
    turn asks for. None when the turn names its own figure or agency, or the previous answer was no ranking."""
    from qa import slots
    words = sig.rest or text
    place = slots.ordinal(words)  # 第二高的是哪家？ / and the third lowest?: that place of the same ranking
    if prev is None or prev.intent != "rank" or sig.metric or sig.entity or not (cues.is_ranking(words) or place):
        return None
    if prev.agencies and len(prev.agencies) < 2:
        return None
    out = prev.model_copy(deep=True)
    out.order = (place.order if place and place.order else None) or (
        cues.rank_order(words) if cues.is_ranking(words) else prev.order)
    out.limit, out.offset = (1, place.position - 1) if place else (cues.top_n(words) or 1, 0)
    out.zero, out.versus_average = False, None
    out.language = plan.language
    out.notes = [*prev.notes, f"follow-up: the previous ranking, {'lowest' if out.order == 'asc' else 'highest'} first"]
    out.confidence = min(prev.confidence, 0.85)
    return out


def _agencies_of(p: Plan, index) -> list[str]:
    """The agencies a turn asked about: those it named, or the one agency of the place it named (Wenquan's
    amount, then the Gulou statistics bureau's: both agencies); none for a place of several."""
    if p.agencies or index is None or p.region is None:
        return list(p.agencies)
    held = index.in_region(p.region)
    return [held[0].label] if len(held) == 1 else []


# a follow-up naming an agency to hold the previous one against (和鹿城的比，谁更少？ / 跟鄞州比呢 / how about
# compared with Lucheng? / is it more than Yinzhou's?)
COMPARED_WITH = cues.rx(r"(和|跟|与|同)[^，,。？?]{1,16}(比|相比|比较|对比)|比[^，,。？?]{1,16}(多|少|高|低|大|小)|"
                        r"\b(compared? (with|to)|against|versus|vs\.?|than)\b")


def compared_with(plan: Plan, sig: Signals, text: str, prev: Plan, index=None) -> Optional[Plan]:
    """"和鹿城的比，谁更少？" after a question on one agency's figure: that figure of both agencies, compared
    as this turn asks (which is lower, is it higher, by how much); None when the turn asks something else."""
    if not (prev.metrics and COMPARED_WITH.search(text)) or prev.intent not in ("lookup", "aggregate"):
        return None
    if sig.metric and plan.metrics != prev.metrics:
        return None
    if not sig.entity:
        return _year_against_year(plan, sig, text, prev)
    before, named = _agencies_of(prev, index), _agencies_of(plan, index)
    added = [a for a in named if a not in before]
    if len(before) != 1 or len(added) != 1:
        return None
    out = prev.model_copy(deep=True)
    # (温泉街道比它多吗 / did Wenquan get more than that?: the agency named before the comparison word is the one
    # held against the other, as the planner reads "A 比 B 多吗"; 和鹿城的比 / more than Yinzhou's: the named is the other)
    first = added if _named_before_comparison(added[0], sig, text, index) else before
    out.agencies, out.region, out.more_regions = first + [a for a in before + added if a not in first], None, []
    out.years = plan.years or prev.years
    out.language, out.aggregate, out.limit, out.offset, out.check_threshold = plan.language, None, None, 0, False
    rest = sig.rest or text
    if cues.DIFFERENCE.search(rest):
        out.intent, out.boolean = "difference", None
    elif cues.WHO_MORE.search(rest):
        out.intent, out.limit, out.boolean = "rank", 1, None
        out.order = "asc" if cues.WHO_LESS.search(rest) else "desc"
    elif cues.BOOLEAN.search(text) and (cues.MORE.search(rest) or cues.LESS.search(rest)):
        out.intent, out.boolean = "compare", "less" if cues.asks_less(rest) else "more"
    else:
        out.intent, out.boolean = "compare", None
    out.notes = [*prev.notes, "the previous agency's figure against the agency this turn names"]
    return out


# the previous answer's figure pointed back to as what is compared with (比这个平均数高吗, than that average / total)
_THAT_FIGURE = cues.rx(r"(这个|那个|这|那|该|上面的?|刚才的?)\s*(平均数|平均值|平均|均值|合计|总数|总和|数)|"
                       r"\b(this|that|the)\s+(average|mean|total|figure|number)\b")


def against_group_figure(plan: Plan, sig: Signals, text: str, prev: Plan, index=None) -> Optional[Plan]:
    """"鹿城区统计局的比这个平均数高吗？" after the average (total) of a kind of agency: the agency named against that
    figure, as "鹿城区统计局比四家统计局的平均数高吗" is read; None when the turn asks something else or the figure
    before was not over a kind (a place's total is held against in its own words)."""
    if prev.intent != "aggregate" or prev.aggregate not in ("sum", "avg") or prev.agencies or prev.region is not None \
            or not (prev.organ or prev.agency_kind) or prev.organ_out or not _THAT_FIGURE.search(text):
        return None
    if sig.metric and plan.metrics != prev.metrics:
        return None
    named = _agencies_of(plan, index)
    rest = sig.rest or text
    if len(named) != 1 or not cues.BOOLEAN.search(mandarin(text)) or not re.search(r"比|较|\bthan\b", rest) \
            or not (cues.MORE.search(rest) or cues.LESS.search(rest)):
        return None
    out = prev.model_copy(deep=True)
    out.agencies, out.language, out.intent = named, plan.language, "compare"
    out.places_compared = out.versus_group = out.group_whole = True  # (the figure as the chat gave it)
    out.boolean = "less" if cues.asks_less(rest) else "more"
    out.years = plan.years or prev.years
    out.notes = [*prev.notes, "the agency this turn names against the previous answer's figure"]
    return out


def _named_before_comparison(label: str, sig: Signals, text: str, index) -> bool:
    """Whether the agency `label` is named in `text` before its comparison word (比 / than / compared with / 和…比).
    Family: follow-ups holding a newly named agency against the one the chat was on, in either order."""
    rest = sig.rest or text
    marker = COMPARED_WITH.search(rest)
    if marker is None or index is None or len(rest) != len(text):
        return False
    from qa.entities import find_entities  # (entities imports the planner's modules; read lazily)
    ents = find_entities(text, index)
    at = [ents.at.get(a.key) for a in ents.agencies if a.label == label]
    if ents.region is not None:
        at += [ents.at.get(p.label()) for p in [ents.region, *ents.more_regions]
               if [a.label for a in index.in_region(p)] == [label]]
    at = [x for x in at if x is not None]
    return bool(at) and min(at) < marker.start()


def _year_against_year(plan: Plan, sig: Signals, text: str, prev: Plan) -> Optional[Plan]:
    """"比24年多收了多少钱？" after one year's figure: that figure of the year asked before against the year
    this turn names (the first less the second), as a question naming both years is read."""
    if len(prev.years) != 1 or len(plan.years) != 1 or plan.years == prev.years:
        return None
    rest = sig.rest or text
    out = prev.model_copy(deep=True)
    out.years, out.year_order = sorted([prev.years[0], plan.years[0]]), [prev.years[0], plan.years[0]]
    out.language, out.limit, out.offset, out.check_threshold = plan.language, None, 0, False
    if cues.DIFFERENCE.search(rest) or cues.DIFFERENCE.search(text):
        out.intent, out.boolean = "difference", None
        out.aggregate = "sum" if not prev.agencies else prev.aggregate
    elif cues.BOOLEAN.search(text) and (cues.MORE.search(rest) or cues.LESS.search(rest)):
        # the answer compares the later year with the earlier (as the planner's two-year yes / no): the
        # previous turn's year is the subject, so an earlier subject asks the opposite of the later
        less = cues.asks_less(rest) != (prev.years[0] < plan.years[0])
        out.intent, out.boolean = "compare", "less" if less else "more"
    else:
        return None
    out.notes = [*prev.notes, "the previous year's figure against the year this turn names"]
    return out


# one more agency added to those the chat asked about (再加上温泉街道，三家一共多少; plus Wenquan, all three together):
# the figure of the earlier turns' agencies and the new one, added up
_ONE_MORE = re.compile(r"再加上|加上|连同|算上|\bplus\b|\btogether with\b|\badd(ing)?\b|\balong with\b", re.I)
_ALL_TOGETHER = re.compile(r"一共|合计|总共|加起来|共计|总和|\btogether\b|\bin total\b|\bcombined\b|\baltogether\b|"
                           r"\btotal\b", re.I)
_HOW_MANY_AGENCIES = re.compile(r"([两二三四五六七八九十2-9])\s*(家|个单位|个)|\ball (two|three|four|five|six)\b|"
                                r"\b(two|three|four|five|six) (of them|agencies|bureaus|offices)\b", re.I)


def one_more_added(plan: Plan, sig: Signals, text: str, earlier: list[Plan], index=None) -> Optional[Plan]:
    """The figure the earlier turns asked (one agency each, the same figure) over their agencies and the one this
    turn adds, added up; None unless the turn names an agency, says it is added, and asks a total. A number of
    agencies the turn states (三家) must be the number gathered, or nothing is guessed."""
    added = _agencies_of(plan, index)
    if not (sig.entity and added and _ONE_MORE.search(text) and _ALL_TOGETHER.search(text) and earlier):
        return None
    last = earlier[-1]
    if not last.metrics or (sig.metric and plan.metrics != last.metrics) or last.intent not in ("lookup", "aggregate"):
        return None
    gathered: list[str] = []
    years: set[int] = set()
    for p in reversed(earlier):  # the run of turns on that figure, latest first
        if p.metrics != last.metrics or p.intent not in ("lookup", "aggregate"):
            break
        gathered = _agencies_of(p, index) + gathered
        years |= set(p.years)
    agencies = list(dict.fromkeys([*gathered, *added]))
    out = last.model_copy(deep=True)
    said = _HOW_MANY_AGENCIES.search(text)
    if said:
        word = next(g for g in said.groups() if g and not re.fullmatch(r"家|个单位|个", g))
        n = number_word(word)
        if n is not None and n != len(agencies):  # (四家一共 after three named: which fourth is not known)
            out.unused = [*out.unused, said.group(0)]
    if len(agencies) < 2:
        return None
    out.agencies, out.region, out.more_regions = agencies, None, []
    out.years = sorted(years | set(plan.years)) if years else list(plan.years)
    out.intent, out.aggregate, out.limit, out.offset, out.boolean = "aggregate", "sum", None, 0, None
    out.notes = [*last.notes, "the agencies of the earlier turns and the one added, added up"]
    out.language = plan.language
    return out


def _two_figures_of_one_scope(last: Plan, before: Plan, index) -> bool:
    """Whether two turns asked one figure each, two different figures, of the same agencies, place and years."""
    return last.intent in ("lookup", "aggregate") and before.intent in ("lookup", "aggregate") \
        and len(last.metrics) == 1 and len(before.metrics) == 1 and last.metrics != before.metrics \
        and last.years == before.years and _agencies_of(last, index) == _agencies_of(before, index) \
        and last.region == before.region


def _ratio_of_two(plan: Plan, m: re.Match, earlier: list[Plan], index=None) -> Optional[Plan]:
    """"前一个数是后一个数的百分之多少" after two turns on two figures of one scope: the one named first over the other;
    None when the two turns are not on one scope's two figures (two agencies' or two years' ratio is not read here)."""
    last, before = earlier[-1], earlier[-2]
    if not _two_figures_of_one_scope(last, before, index):
        return None
    first = m.group("first") or m.group("first2")
    num_is_earlier = bool(re.match(cues._EARLIER, first, re.I))
    out = last.model_copy(deep=True)
    out.metrics = [before.metrics[0], last.metrics[0]] if num_is_earlier else [last.metrics[0], before.metrics[0]]
    out.intent, out.ratio, out.aggregate, out.limit, out.offset = "ratio", "share", None, None, 0
    out.language = plan.language
    out.notes = [*last.notes, "the two figures of the previous questions, one as a share of the other"]
    return out


# the two earlier figures asked to be the same (两数相等？, 两者一样吗, 这两个数相同吗, are they equal?, the same?)
_SAME_OF_TWO = re.compile(r"(两数|两个数|两者|二者|两项|两个|两家|两年|这两|那两|它们|它俩|俩)[^，,。？?]{0,6}(相等|一样|相同|持平)|"
                          r"^\W*(那|那么)?(是否|是不是)?(相等|一样|相同|一样多)(吗|么|不)?\W*$|"
                          r"\b(are|were|is|was) (they|the two|both|those|these|the two figures|the two numbers|both figures|"
                          r"both numbers)( figures| numbers)? (the same|equal|identical)\b|"
                          r"^\W*(and )?(the )?(same|equal)\s*\?\s*$", re.I)


def combine(plan: Plan, sig: Signals, text: str, earlier: list[Plan], index=None) -> Optional[Plan]:
    """"两者加起来是多少？" after two questions on one figure: the figure over the agencies and years
    those questions named, added up; "两个差多少？" / "the difference between the two": the one less the
    other. None when the turn asks something else."""
    share = cues.RATIO_OF_TWO.search(text)
    if share is not None and not sig.entity and len(earlier) >= 2:
        return _ratio_of_two(plan, share, earlier, index)
    same = bool(_SAME_OF_TWO.search(text))
    apart = bool(cues.APART.search(text)) and not same
    if sig.entity or not (cues.COMBINE.search(text) or apart or same) or not earlier:
        return None
    if sig.metric and plan.metrics != earlier[-1].metrics:  # (这两家差多少钱: the same figure named again is fine)
        return None
    how = "whether they are the same" if same else "one less the other" if apart else "added up"
    if len(set(earlier[-1].agencies)) == 2 and earlier[-1].metrics:
        # 比较一下A和B的… then 两家加起来 / 两家差多少 / 两家一样多吗: the two agencies that question named
        out = earlier[-1].model_copy(deep=True)
        out.intent, out.aggregate, out.limit, out.offset, out.boolean = (
            ("compare", None, None, 0, "equal") if same else
            ("difference", None, None, 0, None) if apart else ("aggregate", "sum", None, 0, None))
        out.notes = [*out.notes, "the two agencies of the previous question, " + how]
        out.language = plan.language
        return out
    if len(earlier) < 2:
        return None
    last, before = earlier[-1], earlier[-2]
    if _two_figures_of_one_scope(last, before, index):
        # 行政处罚多少件 → 行政强制呢 → 两个合计 / the difference?: the two figures of one scope, added or one less the other
        out = last.model_copy(deep=True)
        out.metrics = [before.metrics[0], last.metrics[0]]
        if apart or same:  # (两数相等？: the gap's yes / no, whether it is none)
            out.intent, out.aggregate, out.limit, out.offset = "difference", None, None, 0
            out.boolean = "equal" if same else None
        else:
            out.intent, out.aggregate, out.limit, out.offset, out.joined = "aggregate", "sum", None, 0, True
        out.notes = [*last.notes, "the two figures of the previous questions, " + how]
        out.language = plan.language
        return out
    if last.metrics != before.metrics or last.intent not in ("lookup", "aggregate") \
            or before.intent not in ("lookup", "aggregate"):
        return None
    out = last.model_copy(deep=True)
    out.agencies = list(dict.fromkeys(_agencies_of(before, index) + _agencies_of(last, index)))
    if out.agencies:  # (a place named for its one agency is that agency: the scope is the agencies now)
        out.region, out.more_regions = None, []
    out.years = sorted(set(before.years) | set(last.years)) if before.years and last.years else []
    if before.region != last.region and not out.agencies:
        return None  # two places named by region only: not one scope to add up
    if apart or same:
        if len(out.agencies) == 2:  # two agencies (each in the year its question named)
            out.intent, out.aggregate, out.limit, out.offset, out.yoy = "difference", None, None, 0, False
        elif len(out.agencies) <= 1 and len(out.years) == 2:  # one agency (or place), two years
            out.intent, out.aggregate, out.limit, out.offset, out.yoy = "difference", "sum", None, 0, False
        else:
            return None
        out.boolean = None
        if same:  # (两家一样多吗 / same in both years?: a yes / no on the two figures)
            out.intent, out.aggregate, out.boolean = "compare", None, "equal"
        out.notes = [*last.notes, "the figures of the two previous questions, " + how]
        out.language = plan.language
        return out
    out.intent, out.aggregate, out.limit, out.offset = "aggregate", "sum", None, 0
    out.notes = [*last.notes, "the figures of the two previous questions added up"]
    out.language = plan.language
    return out


# the average (median) of what the previous turn listed: 它俩的平均数, the mean of those, both years on average
_OVER_LISTED = re.compile(r"它俩|他俩|俩|两者|二者|这两|那两|它们|这些|这几|\b(them|those|these|both|the two)\b", re.I)
_MEAN = re.compile(r"平均|均值|\baverage\b|\bmean\b", re.I)
_MEDIAN = re.compile(r"中位数|中位值|\bmedian\b", re.I)


def averaged(plan: Plan, sig: Signals, text: str, earlier: list[Plan]) -> Optional[Plan]:
    """"它俩的平均数是多少？" / "两者加起来是多少？" after a turn listing one figure over two years or agencies:
    the average (median, sum) over that turn's scope. None when the turn asks something else or names a scope
    of its own."""
    if sig.entity or not earlier or not _OVER_LISTED.search(text):
        return None
    which = "median" if _MEDIAN.search(text) else "avg" if _MEAN.search(text) else \
        "sum" if cues.COMBINE.search(text) else None
    last = earlier[-1]
    if which is None or len(last.metrics) != 1 or (sig.metric and plan.metrics != last.metrics):
        return None
    if len(set(last.years)) < 2 and len(set(last.agencies)) < 2:
        return None  # one figure of one report: nothing to average
    out = last.model_copy(deep=True)
    out.intent, out.aggregate, out.limit, out.offset, out.boolean, out.ratio = "aggregate", which, None, 0, None, None
    out.notes = [*last.notes, f"the {dict(median='median', avg='average', sum='sum')[which]} of what the previous "
                              "question listed"]
    out.language = plan.language
    return out


CHAT_LAST_YEAR = re.compile(r"去年|\blast year\b", re.I)
CHAT_YEAR_BEFORE_LAST = re.compile(r"前年|\byear before last\b", re.I)  # two years before the chat's year


def year_step(sig: Signals, text: str, metrics: Sequence[str] = ()) -> int:
    """-1 for "the year before" (上一年, 去年 in a chat), +1 for "the year after" (下一年, the following year),
    0 when the turn counts no year from the previous one (a year-on-year change is an operation, and 上一年的
    read as the previous-year column of the figure, 上一年项目数量, is no year)."""
    if any(m.endswith(".prev_items") for m in metrics):
        return 0
    relative = bool(CHAT_LAST_YEAR.search(text) or CHAT_YEAR_BEFORE_LAST.search(text)) and not NAMED_YEAR.search(text)
    if sig.years and not relative:
        return 0
    if sig.operation or cues.YOY.search(text) or re.search(r"比|较|than|compared", text):
        return 0
    if relative and CHAT_YEAR_BEFORE_LAST.search(text):
        return -2
    if cues.YEAR_BEFORE.search(sig.rest or text) or relative:
        return -1
    return 1 if cues.YEAR_AFTER.search(sig.rest or text) else 0


def inherit_years(merged: Plan, plan: Plan, sig: Signals, text: str, prev: Plan, index) -> None:
    """Years of a follow-up: "the year before" ("the year after") counts back (on) from the previous
    question's year; an inherited year the newly named agency has no report for is dropped (its latest
    report answers)."""
    # in a follow-up, 去年 / last year is the year before the chat's year (the reports are about past years;
    # the store's latest year, which a first question's 去年 means, is not what "那去年呢？" after a 2024
    # question means); a year written out (2023年, 23年, '23) is taken as written
    relative = bool(CHAT_LAST_YEAR.search(text) or CHAT_YEAR_BEFORE_LAST.search(text)) and not NAMED_YEAR.search(text)
    if sig.years and not relative:
        return
    step = year_step(sig, text, merged.metrics)
    if step and prev.years:
        merged.years = [min(prev.years) + step] if step < 0 else [max(prev.years) + step]
        if merged.intent == "aggregate" and not merged.agencies:
            merged.intent, merged.aggregate = "aggregate", "sum"
        return
    if sig.entity and merged.years and (merged.agencies or merged.region is not None):
        # the newly named agency (or the place whose agencies answer) has no report of the inherited year:
        # the year was the earlier question's, not this one's, so its latest report answers (and says so)
        agencies = [a for name in merged.agencies for a in index.resolve(name)] if merged.agencies else \
            index.in_region(merged.region)
        have = {r.year for a in agencies for r in a.reports}
        if have and not set(merged.years) & have:
            who = ', '.join(merged.agencies) or merged.region.label()
            merged.notes.append(f"years {merged.years} not reported by {who}: latest used")
            merged.years = []


def which_of_listed(prev: Plan, names: list[str], text: str, years: Sequence[int] = ()) -> Plan:
    """"哪个多？" after turns each on one agency's figure: which of those agencies has more (less) of it, each in
    the years the turns that named it asked (`years`: all of them; none asked, every report)."""
    out = prev.model_copy(deep=True)
    scope_to_listed(out, list(names), asks_rank=True, text=text)  # those agencies, no filter of the turns before
    out.years, out.year_order = list(years), list(years)
    # (every one of them ranked, so the answer shows the figure it is compared with, winner first)
    out.intent, out.limit, out.offset, out.aggregate, out.group_by, out.groups = "rank", 1000, 0, None, None, []
    out.order = "asc" if cues.WHO_LESS.search(text) else "desc"
    out.boolean = None
    out.notes = [*prev.notes, "which of the agencies the chat named"]
    return out


def scope_to_listed(plan: Plan, names: list[str], asks_rank: bool = False, text: str = "") -> None:
    """"The average across them" / 这几家加起来 after a list: the agencies it listed are the scope; the
    filters that chose them (超过10万元) are not this turn's condition."""
    plan.agencies, plan.region, plan.more_regions = names, None, []
    plan.above = plan.below = None
    plan.zero, plan.versus_average, plan.check_threshold = False, None, False
    plan.unused = [w for w in plan.unused if not re.match(r"(超过|低于|more than|less than)", w)]
    if plan.intent in ("lookup", "rank") and plan.aggregate in ("avg", "sum", "median"):
        plan.intent = "aggregate"
    elif plan.intent in ("lookup", "compare") and not plan.check_threshold and not plan.boolean and cues.WHO_MORE.search(text):
        # 两者谁的采购项目多 after two agencies' figures: which of them, as for two agencies named (planner)
        plan.intent, plan.limit = "rank", 1
        plan.order = "asc" if cues.WHO_LESS.search(text) else "desc"
    elif plan.intent == "rank" and not asks_rank and not plan.aggregate and not plan.offset:
        # 这两家的采购项目数分别是多少 after "the two highest": each listed agency's figure, side by side (the
        # ranking that listed them is not this turn's question)
        plan.intent, plan.limit, plan.order = "compare", None, "desc"
