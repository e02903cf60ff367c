"""`answer(question, history)`: the one entry point of question answering."""
from __future__ import annotations

import dataclasses
import gc
import json
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Sequence

from ingest.script import simplified_question
from ingest.store import connect_readonly, exists as store_exists, page_of
from nianbao.config import Settings, load_settings
from nianbao.errors import UserError, from_chromadb
from qa import cues
from qa.depends import ignored_words
from qa.execute import execute, route_of
from qa.form import (figures_for_a_total, number_for_a_yes_no, passages_for_another_form, the_form_answered,
                     too_few_agencies, too_few_reports)
from qa.followup import (
    PLACE_REF,
    averaged,
    combine,
    against_group_figure,
    compared_with,
    inherit_years,
    merge,
    meta_scope,
    needs_previous_answer,
    one_more_added,
    picked_place,
    place_in_ranking,
    reorder,
    scope_to_listed,
    which_of_listed,
    year_step,
)
from qa.llm import chat_model, llm_phrase, llm_plan
from qa.models import Answer, Plan
from qa.names import NameIndex
from qa.narrow import narrowings
from qa.outcome import ITEM_CAP, MAX_ITEMS, Outcome, balance_conflicts, narrative_conflicts, say
from qa.passages import PassageSearch, SectionSearch
from qa.planner import operations, plan_question
from qa.reading import TABLE_INTENTS, TWO_LETTERS_KNOWN, hidden_difference, mostly_chinese, prefix, unused_operations, withheld
from qa.slots import number_word
from qa.sql import Runner, limited_to
from qa.text import language, mandarin, normalize

MAX_QUESTION = 2000
MAX_TURNS = 10  # earlier turns a follow-up may lean on
LLM_PLAN_BELOW = 0.5


def _error(question: str, zh: str, en: str) -> Answer:
    text = en if language(question or "") == "en" else zh
    return Answer(question=question or "", status="error", text=text, route="meta")


def _check_input(question: str) -> Optional[Answer]:
    if not question or not question.strip():
        return _error("", "问题是空的：请输入一个关于政府信息公开年报的问题。",
                      "The question is empty: ask something about the disclosure reports.")
    if len(question) > MAX_QUESTION:
        return _error(question[:200], f"问题太长（{len(question)}个字符，上限{MAX_QUESTION}），请缩短后再问。",
                      f"The question is too long ({len(question)} characters; the limit is {MAX_QUESTION}).")
    return None


class _Session:
    """One question's connection, name index and (lazily) passage search."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings, passages: Optional[PassageSearch]):
        self.runner = Runner(conn, settings.query_timeout_s)
        self.index = NameIndex.for_store(conn, str(Path(settings.db).resolve()))
        self.settings = settings
        self._passages = passages
        self.combined: Optional[_Combined] = None

    def search(self) -> PassageSearch:
        unavailable = None
        if self._passages is None:
            try:
                self._passages = _open_index(self.settings)
            except UserError as e:  # a Chroma server that cannot be reached: the stored sections answer
                unavailable = str(e)[:300]
        self.combined = _Combined(self._passages, SectionSearch(self.runner))
        self.combined.unavailable = unavailable
        return self.combined

    def run(self, plan: Plan) -> Outcome:
        self.runner.log.clear()
        return execute(plan, self.runner, self.index, self.search)


_INDEXES: dict[tuple[str, str, str], PassageSearch] = {}


def _open_index(settings: Settings) -> Optional[PassageSearch]:
    """The `vectorstore` passage index of the data folder (kept per process: the embedder loads once),
    or None when that package or an index is missing."""
    key = (str(Path(settings.db).resolve()), str(settings.embed_model or ""), str(settings.chroma_url or ""))
    if key in _INDEXES:
        return _INDEXES[key]
    try:
        from vectorstore.index import open_index
    except ModuleNotFoundError:
        return None
    index = open_index(settings)
    if index.count() == 0:
        return None
    _INDEXES[key] = index
    return index


class _Combined:
    """The passage index first; the lexical search over the stored sections when it finds nothing."""

    def __init__(self, first: Optional[PassageSearch], second: PassageSearch):
        self.first, self.second = first, second

        self.unavailable: Optional[str] = None  # why the passage index could not be searched, if it could not

    def search(self, query: str, k: int = 5, **kw):
        found = []
        if self.first is not None:
            try:
                found = self.first.search(query, k=k, **kw)
            except Exception as e:  # noqa: BLE001 - only the index's own errors, re-raised otherwise
                if not from_chromadb(e):
                    raise
                # an ingest writing the index right now (or a damaged one): the stored sections answer
                self.unavailable = f"{type(e).__name__}: {str(e)[:100]}"
        return found or self.second.search(query, k=k, **kw)


UNBALANCED_REPORTS = 2  # answers resting on this many reports or fewer withhold a figure a failed equation names


def _unbalanced(runner: Runner, out: Outcome, plan: Plan, question: str) -> Outcome:
    """A figure taken from an equation of its table that the printed numbers break (a total of 0 over
    parts that add up to 11) is not given as the answer to how many there were: which number is wrong
    cannot be told. An answer about one or two reports (a lookup, a comparison, a change) withholds it and
    shows the equation, unless the question asks what the table prints; one over many reports keeps its
    figures. Every such answer names the equations that fail."""
    messages, touched = balance_conflicts(runner, out.citations)
    if not touched:
        return out
    equations = "；".join(messages) if plan.language == "zh" else "; ".join(messages)
    reports = {c.report for c in out.citations if c.key}
    if len(reports) <= UNBALANCED_REPORTS and not cues.AS_PRINTED.search(question):
        text = say(plan, f"无法给出可靠的数字：所用表格栏目在原报告中未通过勾稽校验（{equations}），无法判断哪个数字有误，请核对原文。"
                         f"（按表格读出的结果：{out.text}）",
                   f"No reliable figure can be given: the cells used break an equation of the report's own table "
                   f"({equations}), so which number is wrong cannot be told; check the original. "
                   f"(What the table reads: {out.text})")
        return dataclasses.replace(out, status="no_data", text=text, value=None)
    note = say(plan, f"注意：所用栏目在原报告中未通过勾稽校验（{equations}），这些数字可能有误。",
               f"Note: cells used break an equation of their report's table ({equations}); those figures may be "
               "wrong.")
    return dataclasses.replace(out, text=f"{out.text} {note}")


# a plural reference that says how many it points at (这三个, those three agencies)
_REF_COUNT = re.compile(r"(?:这|那)\s*([两二三四五六七八九十2-9])\s*(?:家|个|份)|\b(?:these|those|the)\s+(two|three|four|five|six|"
                        r"seven|eight|nine|ten|[2-9])\s+(?:agencies|ones|reports|bureaus|offices)\b", re.I)


def _ref_count(text: str) -> Optional[int]:
    """How many things a plural reference says it points at (这三个 → 3), None when it says no number."""
    said = _REF_COUNT.search(text)
    return number_word(said.group(1) or said.group(2)) if said else None


def _agency_labels(session: _Session, out: Outcome) -> list[str]:
    """The agencies an answer listed (not the years or places a metadata answer lists), in order."""
    return [name for name in dict.fromkeys(i.label for i in out.items if i.label) if session.index.resolve(name)]


def _last_listed(session: _Session, plans: list[Plan]) -> list[str]:
    """The agencies of the latest earlier turn whose answer listed several (none: [])."""
    for earlier in reversed(plans):
        out = session.run(earlier)
        names = _agency_labels(session, out) if out.status == "answered" else []
        if len(names) > 1:
            return names
    return []


def _recent_agencies(session: _Session, plans: list[Plan], n: int) -> list[str]:
    """The `n` distinct agencies the latest turns were about (named, or listed by their answers), latest
    first; fewer when the chat has not named that many (then no pair is made up)."""
    found: list[str] = []
    for earlier in reversed(plans):
        names = list(dict.fromkeys(earlier.agencies))
        if not names:
            out = session.run(earlier)
            names = _agency_labels(session, out) if out.status == "answered" else []
        for name in names:
            if name not in found:
                found.append(name)
        if len(found) >= n:
            break
    return found if len(found) == n else []


def _the_other(session: _Session, plans: list[Plan]) -> Optional[str]:
    """The other of two agencies: the previous turn answered about one of a pair that it, or a turn before
    it, named or listed (A和B哪个高？ → 另一个; 浙江有哪两个单位？ … 鹿城区呢？ → 另一个). None when no such pair."""
    prev = plans[-1]
    answered = session.run(prev)
    items = [i for i in answered.items if i.label] if answered.status == "answered" else []
    if prev.intent in ("rank", "compare") and len(items) > 1 and all(isinstance(i.value, (int, float)) for i in items):
        items = sorted(items, key=lambda i: i.value, reverse=prev.order != "asc")  # the one the answer named
    about = [i.label for i in items]
    if not about:
        return None
    for earlier in reversed(plans):
        pair = list(dict.fromkeys(earlier.agencies))
        if len(pair) != 2:
            out = session.run(earlier)
            pair = list(dict.fromkeys(i.label for i in out.items if i.label)) if out.status == "answered" else []
        if len(pair) == 2 and about[0] in pair:
            return pair[1] if pair[0] == about[0] else pair[0]
    return None


# "Which agency is that?" / 是哪个单位的 / 是谁: a short follow-up asking whose the previous answer's figure is
# (after a median, a maximum, a lookup); it names no figure, agency or ranking of its own
_WHOSE = re.compile(r"^\W*(那|这|它)?(个|一)?(是|属于)?(哪个|哪家|哪一个|什么)(单位|部门|机关|机构|报告|年报)(的)?\W*$"
                    r"|^\W*(那|这)?是谁(的)?\W*$"
                    r"|^\W*(which|what) (agency|bureau|office|department|unit|report|one) (is|was) (that|it|this)\W*$"
                    r"|^\W*(whose|who) (is|was) (that|it|this)( one| figure| value)?\W*$"
                    r"|^\W*(and )?(which|what) (agency|bureau|office|department|unit|report) (has|had|reported) (that|it)\W*$",
                    re.I)


_THIS_ONE = re.compile(r"这个|这笔|这项|这一|该|此|它|\b(this|that|it|its)\b", re.I)


def _check_of_this(prev: Plan, plan: Plan, sig, text: str) -> Optional[Plan]:
    """这个金额的单位是推断出来的吗 / is that figure's unit a guess? / 它的勾稽关系对得上吗: the check asked, of the
    figure (or the report) the previous turn asked about. None when the turn is no such check."""
    if plan.intent != "quality" or sig.entity or not _THIS_ONE.search(text) \
            or not (prev.agencies or prev.region is not None):
        return None
    plan.agencies, plan.region, plan.years = list(prev.agencies), prev.region, list(prev.years)
    yes_no = bool(cues.BOOLEAN.search(text)) and not cues.WHICH.search(text)
    if plan.quality in ("balance", "narrative"):  # (the report's equations checked)
        plan.check = yes_no
    else:  # (a figure's own check: the figure just asked)
        plan.metrics = plan.metrics or list(prev.metrics)
        plan.yes_no = yes_no
    return plan


def _holder_plan(session: _Session, prev: Plan, plan: Plan, sig, text: str) -> Optional[Plan]:
    """The previous figure's own report as a lookup: the one report whose figure equals the answer's value
    (the median of an odd count, a maximum, a single lookup). None when the turn asks something else; a plan
    that says so when no single report holds that value (the median of an even count lies between two)."""
    if sig.entity or sig.metric or not _WHOSE.search(text):
        return None
    out = session.run(prev)
    if out.status != "answered" or not isinstance(out.value, (int, float)) or isinstance(out.value, bool):
        return None
    holders = {(i.label, i.year) for i in out.items
               if i.label and isinstance(i.value, (int, float)) and abs(float(i.value) - float(out.value)) < 1e-6}
    lookup = Plan(intent="lookup", metrics=list(prev.metrics), ratio=prev.ratio, numerator=prev.numerator,
                  language=plan.language, confidence=0.85, notes=[*prev.notes, "whose figure the previous answer was"])
    if len(holders) != 1:
        lookup.unused = [text.strip()]  # no one report holds it: said, not guessed
        return lookup
    (label, year), = holders
    lookup.agencies, lookup.years = [label], [year] if year else []
    return lookup


# an agency or a place pointed back to in words that name none (它, 该单位, 那个省, that province); English "it" is
# left out (it is as often no reference at all: is it true that …)
# (…最多的那个单位: a relative clause says which one, nothing is pointed back to)
# (高于这些单位平均值: the units the sentence itself names, whose average; 2020年那些单位: those of a year said)
_POINTED = re.compile(rf"(?<!的)(?:{PLACE_REF.pattern}|它们|它|该单位|该局|该机关|这家单位|那家单位|这个单位|那个单位|"
                      rf"(?<!年)(?:这些单位|那些单位)(?!的?\s*(平均|均值)))|"
                      r"\b(this|that) (agency|bureau|office)\b", re.I)


# a turn that only thanks or acknowledges (谢谢！, 收到，谢谢, great, thanks, ok cool)
_ASIDE_TURN = re.compile(r"^\W*((收到|好的|好|嗯|明白了?|知道了|了解|ok|okay|great|cool|nice|perfect|got it|thanks|thank you|"
                         r"thank you so much|thanks a lot|many thanks|cheers|谢谢|谢谢你|谢谢您|多谢|感谢|辛苦了|太好了)[\W_]*)+$", re.I)
# a question about the tool itself, not the reports (can I export results to Excel?, 怎么导出)
_OFF_TOPIC = re.compile(r"^\W*(unrelated|off[- ]topic|by the way|btw|顺便问一下|题外话)\b|\bexport\b[^?]{0,30}\b(excel|csv|pdf)\b|"
                        r"导出|下载(结果|表格)", re.I)
# a reason asked (为什么, 为何, 怎么会, why, how come)
_WHY = re.compile(r"为什么|为何|为啥|怎么会|咋会|\bwhy\b|\bhow come\b", re.I)
_QUOTES = re.compile(r"[“\"'‘「『][^”\"'’」』]{1,80}[”\"'’」』]")


def _unresolved_ref(plan: Plan, text: str) -> list[str]:
    """The words of a turn that point back to an agency or a place when its reading still covers every agency
    (那个省里还有哪个单位 with no place before it; 它在哪个省 as the first turn): what they point to is not known."""
    if plan.intent not in (*TABLE_INTENTS, "meta", "passages") or plan.agencies or plan.region is not None \
            or plan.agency_kind or plan.organ or plan.agencies_out or plan.pick_by:
        return []
    from qa.lexicon import find_hits

    # (a row's own words, and quoted ones: 'information not held by this agency')
    rows = [(h.start, h.end) for h in find_hits(text)] + [m.span() for m in _QUOTES.finditer(text)]
    m = next((m for m in _POINTED.finditer(text) if not any(a < m.end() and m.start() < b for a, b in rows)), None)
    return [m.group(0)] if m else []


# a year pointed back to (那一年, 该年, that year, the same year)
_YEAR_POINTED = re.compile(r"(?<!的)(那一?年|这一?年|该年|同一?年|当年)(?!度报告|报)|\b(that|the same) year\b", re.I)


# letters standing for a name's or a figure's pinyin initials (hz, xzqz, tjj, wq jd) in a Chinese question: no consonant
# cluster of two to five letters is an English word; two letters are checked by the reader's own list
_INITIALS = re.compile(r"(?<![a-z'’-])([bcdfghjklmnpqrstvwxyz]{2,5}|[a-z]{2})(?![a-z'’-])")


def _initials(plan: Plan, text: str) -> list[str]:
    """Initials a passage or mention reading searched for as words (hz 23年 xzqz 决定数): the quotes found would be of
    other words; named as unread, as a table reading names them."""
    if plan.intent not in ("passages", "mentions") or (plan.language == "en" and not mostly_chinese(text)):
        return []
    bare = re.sub(r"[“\"「『‘'][^”\"」』’']*[”\"」』’']", " ", text.lower())  # (a quoted term is searched as written)
    bare = re.sub(r"\S+\.(txt|pdf|docx?|html?|md|xlsx?|csv)\b", " ", bare)  # (a file's name)
    return [w for w in _INITIALS.findall(bare) if w not in TWO_LETTERS_KNOWN]


def _own_pick(plan: Plan, pick) -> bool:
    """A turn that picks its agency by its own ranking (那金额最低的那个呢，几个项目 / and the one that spent least, how many
    projects?): its 那个 / the one is the head of that pick, not the agency the answer before named."""
    return pick is None and plan.intent == "rank" and bool(plan.pick_by) and (plan.limit or 1) == 1


def _year_answered(session: _Session, prev: Plan, turn: str) -> str:
    """那一年 / that year after a turn whose answer is one year (哪一年的…更多？): the turn with that year written in."""
    m = _YEAR_POINTED.search(normalize(turn))
    if m is None or prev.intent not in TABLE_INTENTS or not (len(prev.years) >= 2 or prev.answer_place):
        return turn
    out = session.run(prev)
    # (the item is the year itself when a year was asked: its label; else the year of its report)
    years = {i.year or (int(i.label) if re.fullmatch(r"(19|20)\d\d", str(i.label or "")) else None)
             for i in out.items[:1]} - {None} if out.status == "answered" else set()
    if len(years) != 1 or not re.search(r"(?:^|[^\d])(19|20)\d\d", out.text or ""):
        return turn
    year = years.pop()
    said = _YEAR_POINTED.search(turn)
    return turn[:said.start()] + (f"{year}年" if re.search(r"[\u4e00-\u9fff]", said.group(0)) else f"{year}") + turn[said.end():] \
        if said else turn


def _unresolved_year(plan: Plan, text: str, index: NameIndex) -> list[str]:
    """A year pointed back to when the reading holds no year (那一年予以公开了多少件 with no year before it); not when the
    agencies read have reports of one year only (鄞州区统计局的年报是哪一年的？那一年的…: its one year)."""
    if plan.years or plan.intent not in (*TABLE_INTENTS, "meta", "passages"):
        return []
    scope = [a for n in plan.agencies for a in index.resolve(n)] or (index.in_region(plan.region) if plan.region else [])
    if scope and len({r.year for a in scope for r in a.reports}) == 1:
        return []
    m = _YEAR_POINTED.search(text)
    return [m.group(0)] if m else []


def _plan_history(session: _Session, history: Sequence[str], question: str) -> Plan:
    prev: Optional[Plan] = None
    prev_top: Optional[str] = None
    plans: list[Plan] = []
    for turn in [*history, question]:
        said_as = turn
        if prev is not None:
            turn = corrected_turn(turn)
            turn = _year_answered(session, prev, turn)
        plan, sig = plan_question(turn, session.index, prev.metrics if prev is not None else None)
        plan.language = language(said_as)  # (a correction answered in the language it was written in)
        text = mandarin(normalize(turn))  # (the chat's own words in their standard forms: 俩加一块 = 两个加起来)
        # a check of "this figure" or "which agency is that?" after a figure: a whole reading of its own
        lean = (_check_of_this(prev, plan, sig, text) or _holder_plan(session, prev, plan, sig, text)) \
            if prev is not None else None
        if lean is not None:
            plans.append(lean)
            prev, prev_top = lean, None
            continue
        if prev is not None and (_ASIDE_TURN.match(text) or _OFF_TOPIC.search(text)) and not sig.entity and not sig.years:
            # 谢谢！ / great, thanks / can I export results to Excel? between two turns: the chat leans on the turn before
            plans.append(plan)
            continue
        if prev is not None and prev.intent in TABLE_INTENTS and plan.intent in ("passages", "unsupported") \
                and _WHY.search(text) and not sig.entity and not sig.metric and not sig.years:
            # 为什么这么少？ / why is it in 万元? after a figure: an aside on it, read as asked (the text searched); the
            # turn after it (那鄞州区统计局呢, and the year before?) leans on the figure, not on the aside; the text is
            # searched where the figure is from
            plan.agencies, plan.region, plan.years = list(prev.agencies), prev.region, list(prev.years)
            plans.append(plan)
            continue
        pick = picked_place(text)
        placed = place_in_ranking(plan, sig, prev, pick) if prev is not None else None
        placed = placed or reorder(plan, sig, text, prev)
        if placed is not None:
            plan = placed
        elif prev is not None:
            top_year: Optional[int] = None
            plural: list[str] = []
            # (哪个多 / which is higher, bare after turns on one agency each: the pair those turns named)
            pair_ref = (cues.PAIR_REF.search(text) or cues.WHICH_OF_PAIR.search(text)) if not sig.entity else None
            other = cues.OTHER.search(text) if not sig.entity else None
            if other is not None:  # 另一个呢 / the other one: the one of a pair the previous turn did not answer about
                prev_top = _the_other(session, plans)
                sig.reference = prev_top is not None
            elif (cues.PLURAL_REF.search(text) or pair_ref is not None) and not sig.entity and pick is None:
                # the average across them: every agency the previous answer listed, as this turn's scope
                out = session.run(prev)
                listed_names = _agency_labels(session, out) \
                    if out.status == "answered" else []
                if not listed_names:  # (after "which years are their reports for?": the agencies listed before it)
                    listed_names = _last_listed(session, plans[:-1])
                wanted = 2 if pair_ref is not None else _ref_count(text)
                if wanted and len(listed_names) < wanted:
                    # "which of the two ran more projects?" after one agency's turn and "and the other one's?"; 这三个
                    # 里面哪个最少 after three turns each naming one: the agencies the last turns were about
                    listed_names = _recent_agencies(session, plans, wanted)
                if len(listed_names) > 1:
                    plural = listed_names
                    # (这三个里面哪个最少 names no figure: it leans on the turns it points back to)
                    sig.reference = sig.reference or (not sig.metric and plan.intent == "unsupported")
                elif len(listed_names) == 1 and prev.intent == "rank":
                    # "how much did it spend on them?" after "which bureau had the most projects?": the one it named
                    prev_top = listed_names[0]
                    top_year = next((i.year for i in out.items if i.label == prev_top), None) \
                        if not prev.agencies and not prev.years else None
                    sig.reference = True
            elif (needs_previous_answer(plan, sig) or pick is not None) and prev_top is None and not _own_pick(plan, pick) \
                    and not (
                    # (and how many projects was that altogether? after a total over several: the same scope added up,
                    # not the first of them)
                    pick is None and prev.intent == "aggregate" and prev.aggregate == "sum" and cues.AGG_SUM.search(text)):
                out = session.run(prev)
                place = pick or 0
                if pick is not None and prev.intent == "rank" and (getattr(prev, "offset", 0) or 0) == pick:
                    place = 0  # "that second one" after "which came second?": the answer itself (listed first)
                items = out.items if out.status == "answered" else []
                if pick is None and plan.organ:
                    # "the one that isn't a statistics bureau" after a list of agencies: the listed agencies of
                    # that kind (or not of it); one of them is the one meant, several or none name no one
                    kind = [i for i in items if i.label and (plan.organ in i.label) != plan.organ_out]
                    items = kind if len({i.label for i in kind}) == 1 else []
                got = items[place] if len(items) > place else None
                # (the agency of the item's report: an item may be listed by its date or year, not its agency)
                owner = session.index.by_report(got.report) if got is not None and got.report else None
                prev_top = owner.label if owner is not None else (got.label if got is not None else None)
                # "how many did it have" after "which report…": that report's year, not the agency's latest
                top_year = got.year if got is not None and not prev.agencies and not prev.years else None
                sig.reference = sig.reference or prev_top is not None
            if plural and not sig.metric and not sig.entity and cues.WHO_MORE.search(text) and prev.metrics:
                # 哪个多 / 这两个哪个多 / which is higher after turns on one agency each: which of those agencies, on the
                # figure those turns asked (a turn naming no figure leans on theirs)
                # (each agency in the year its own turn asked: 鹿城区2020年… then 鄞州区2019年呢 then 哪个多)
                years = sorted({y for p in plans for y in p.years if set(p.agencies) & set(plural)})
                if any(not any(r.year in years for a in session.index.resolve(n) for r in a.reports) for n in plural):
                    years = []  # (a year one turn carried over to an agency that has no report of it: each its own)
                plan = which_of_listed(prev, plural, text, years)
                plan.unused = list(dict.fromkeys([*plan.unused, *unused_operations(plan, sig.rest)]))
                plans.append(plan)
                prev, prev_top = plan, None
                continue
            meta_scope(plan, sig, text, prev, session.index)
            combined = (compared_with(plan, sig, text, prev, session.index)
                        or against_group_figure(plan, sig, text, prev, session.index)
                        or one_more_added(plan, sig, text, plans, session.index)
                        or combine(plan, sig, text, plans, session.index) or averaged(plan, sig, text, plans))
            if combined is not None and sig.rest:  # (the first / the second said of the two figures combined: read)
                sig.rest = cues.RATIO_OF_TWO.sub(lambda m: " " * len(m.group(0)), sig.rest)
            merged = combined or merge(plan, sig, prev, prev_top)
            if plan.intent == "passages" and sig.passage_cue and combined is None and merged is not plan \
                    and merged.intent != "passages" and not sig.entity and (prev_top or merged.agencies):
                # what does that office's report say about …? after a turn naming it: the text asked, of the agency
                # the chat is on (the answer named it), not the previous reading again
                own = plan.model_copy(deep=True)
                own.agencies = [prev_top] if prev_top else list(merged.agencies)
                own.years = own.years or list(merged.years)
                own.notes = [*own.notes, "the agency of the previous answer"]
                merged = own
            if _own_pick(plan, pick) and not sig.entity and merged is not plan and combined is None and (
                    ranked := next((p for p in reversed(plans) if p.intent == "rank"), None)) is not None:
                # (那金额最低的那个呢 after a ranking and a turn on the agency it named: the pick is made over the
                # ranking's scope, not over that one agency)
                merged.agencies, merged.region, merged.more_regions = list(ranked.agencies), ranked.region, list(ranked.more_regions)
                merged.intent, merged.limit, merged.offset = "rank", 1, 0
                merged.order, merged.pick_by, merged.metrics = plan.order, plan.pick_by, list(plan.metrics)
            if prev_top is not None and merged.agencies == [prev_top] and merged.intent == "rank":
                # "that second one's amount" after a ranking: the figure of the agency it named there, not a
                # place of a ranking of that one agency
                merged.intent, merged.offset, merged.limit, merged.zero, merged.versus_average = "lookup", 0, None, False, None
            if merged is not plan and combined is None:  # a follow-up: its own words apply to the inherited query
                operations(merged, sig, text, sig.rest)
                inherit_years(merged, plan, sig, text, prev, session.index)
                if top_year is not None and not sig.years and merged.agencies == [prev_top]:
                    # (这个单位下一年的数: the year after the one the answer named)
                    merged.years = [top_year + year_step(sig, text, merged.metrics)]
                if prev.unused and not sig.metric:
                    # the turn it leans on was not answered (words of it unused): neither is this one
                    merged.unused = list(prev.unused)
            if other is not None and prev_top is None:  # no pair to take the other of: said, not guessed
                merged.unused = [*merged.unused, other.group(0)]
            if plural and (combined is None or not pair_ref):
                scope_to_listed(merged, plural, bool(cues.is_ranking(sig.rest or text) or cues.WHO_MORE.search(text)
                                                    or re.search(r"最|谁|哪|\bwhich\b|\bwho\b", sig.rest or text)),
                                sig.rest or text)
                if pair_ref is not None and combined is None and merged.intent == "rank" and len(plural) == 2 \
                        and (cues.APART.search(text) or cues.COMBINE.search(text)):
                    # (这两家差多少钱 / the two added up, after turns that each picked one place of a ranking: the two
                    # agencies picked, one less the other or added up, not another place of the ranking)
                    apart = bool(cues.APART.search(text))
                    merged.intent, merged.aggregate = ("difference", None) if apart else ("aggregate", "sum")
                    merged.limit, merged.offset, merged.order = None, 0, None
                said = _ref_count(text)
                if said and merged.intent == "rank" and merged.limit == said \
                        and not re.search(r"哪些|哪几|\btop\b|前[二两三四五2-5]", text):
                    merged.limit = 1  # (which of those three spent the most: the three are the scope, one is asked)
            elif pair_ref is not None and combined is None and len(set(merged.agencies)) != 2:
                # "which of the two" with no two agencies in the chat: said, not guessed (两者加起来 after two
                # years of one agency is combine's)
                merged.unused = [*merged.unused, pair_ref.group(0)]
            if merged.answer_place and sig.years and cues.COUNT_ASK.search(text) and not cues.WHICH.search(text):
                # (哪一年更多？ then 2023年的行政强制是多少件: the figure of that year, not the year again)
                merged.intent, merged.aggregate, merged.limit, merged.offset = "aggregate", "sum", None, 0
                merged.answer_place = False
            if len(plan.agencies) >= 2 and set(plan.agencies) == set(merged.agencies):
                merged.agencies = list(plan.agencies)  # (二七区比鹿城区花得多吗: first named against the second, as said)
            plan = merged
        plan.unused = list(dict.fromkeys([*plan.unused, *unused_operations(plan, sig.rest),
                                          *hidden_difference(plan, sig.no_names, sig.rest), *_unresolved_ref(plan, text),
                                          *_unresolved_year(plan, text, session.index), *_initials(plan, text)]))
        plans.append(plan)
        prev, prev_top = plan, None
    assert plans
    return plans[-1]  # (the last turn's own reading, also when it was an aside the chat does not lean on)


def answer(question: str, history: Sequence[str] = (), settings: Optional[Settings] = None, *,
           db_dir: Optional[Path] = None, passages: Optional[PassageSearch] = None, llm=None,
           report_ids: Optional[Sequence[str]] = None, max_items: Optional[int] = MAX_ITEMS) -> Answer:
    """Answer one question (earlier questions of the chat in `history`, oldest first).

    `report_ids` limits every query and passage search to those reports (the chat's filters).
    `max_items` bounds the items (and their citations) of an answer over many reports; None keeps all
    (what a full export of a ranking asks for).

    Numbers come from SQL over the store; `llm` (a langchain chat model) or the one configured in
    `settings` may only re-plan an unsure question and re-word the answer.
    """
    bad = _check_input(question)
    if bad is not None:
        return bad
    question = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", question)
    settings = settings or load_settings()
    db = Path(db_dir or settings.db)
    settings = settings.model_copy(update={"db": db})
    if not store_exists(db):
        raise UserError(f"no database in {db}: run `nianbao ingest FILES --db {db}` first")
    conn = connect_readonly(db)
    try:
        cap = ITEM_CAP.set(max_items)
        try:
            with limited_to(report_ids), _gc_paused():
                return _answer(conn, question, history, settings, passages, llm).limited(max_items)
        finally:
            ITEM_CAP.reset(cap)
    finally:
        conn.close()


def _add_pages(runner: Runner, citations: list) -> None:
    """Each cited cell of a PDF report gets the page its line is on (one query for all cited reports)."""
    cells = [c for c in citations if c.key and c.line]
    if not cells:
        return
    try:
        rows = runner.rows("SELECT id, page_starts FROM reports WHERE page_starts IS NOT NULL AND id IN "
                           "(SELECT value FROM json_each(:ids))",
                           {"ids": json.dumps(sorted({c.report for c in cells}))}, show=False)
    except sqlite3.OperationalError:  # a store from before page numbers
        return
    starts = {r["id"]: json.loads(r["page_starts"]) for r in rows}
    for c in cells:
        if c.report in starts:
            c.page = page_of(starts[c.report], c.line)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while one answer is made: an answer over 10,000 reports allocates
    enough objects to start full collections that walk every object of the process (the name index, the
    embedding model), which doubled its slowest times; its objects are freed by reference counts, and any
    cycles at the next collection after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# a turn that corrects the one before it (Sorry, not 鄞州 — I meant 福州市鼓楼区统计局; I misspoke, I meant the 温泉街道
# office; Correction: …, 2020; I meant licensing, not penalties; 不是2023，是2024; 说错了，我问的是…): what it says instead
_CORRECTING = re.compile(r"\b(sorry|oops|whoops|correction|i misspoke|my (bad|mistake)|wrong (bureau|agency|office|year|one|"
                         r"row|figure|report)|i meant|i mean)\b|不对|说错|搞错|更正|纠正|我是说|我问的是|应该是|我指的是|"
                         r"^\W*不是[^，,]{1,20}[，,]\s*(而)?是|^\W*(换成|改成|换为|改为)", re.I)
_CORRECTION_LEAD = re.compile(
    r"^\W*(?:(?:(?:sorry|oops|whoops|correction|actually|no|wait|my (?:bad|mistake)|i misspoke|wrong (?:bureau|agency|office|"
    r"year|one|row|figure|report))\b|不对|说错了|我说错了|搞错了|更正|纠正一下|哦不|抱歉|不好意思|换成|改成|换为|改为)"
    r"[\s,，:：;；.。!！—–-]*)+"
    r"(?:(?:not|不是)\s*[^,，—–;；]+?\s*[,，—–;；]+\s*)?(?:(?:i\s+meant|i\s+mean|我是说|我问的是|我指的是|应该是|是)\s*[:：,，]?\s*)?",
    re.I)
_NOT_BUT = re.compile(r"^\W*(?:not|不是)\s*[^,，—–;；]+?\s*[,，—–;；]+\s*(?:but\s+|而是|是)?\s*(?:i\s+meant\s+)?(.+)$", re.I)
_MEANT = re.compile(r"^\W*(?:i\s+meant|i\s+mean|我是说|我问的是|我指的是|应该是)\s*[:：,，]?\s*(.+)$", re.I)
_NOT_AFTER = re.compile(r"\s*[,，]\s*(?:not|而不是|不是)\s+[^,，。.?？]+[.。]?\s*$|[,，]\s*not\s+[^,，]+$", re.I)


_ASKS_ITSELF = re.compile(r"[?？]|\b(how|what|which|who|whose|when|where|why|is|are|was|were|did|does|do)\b|多少|几|哪|什么|吗|是否",
                          re.I)


def corrected_turn(turn: str) -> str:
    """What a correcting turn says instead, as a follow-up naming only that (福州市鼓楼区统计局呢？), or the turn itself."""
    if not _CORRECTING.search(turn):
        return turn
    m = _CORRECTION_LEAD.match(turn)
    rest = turn[m.end():] if m and m.end() else turn
    if (n := _NOT_BUT.match(rest)) or (n := _MEANT.match(rest)):
        rest = n.group(1)
    rest = _NOT_AFTER.sub("", rest).strip(" .。!！")
    # (what it says instead is a name, a year, a figure's words: a whole question after an apology is a question)
    if not rest or rest == turn.strip(" .。!！") or len(rest) > 60 or _ASKS_ITSELF.search(rest):
        return turn
    zh = language(turn) == "zh"
    return f"{rest}呢？" if zh else f"and {rest}?"


# the notes of a reading taken from the turn before
_LEANS = ("follow-up of the previous question", "the scope of the previous question",
          "the list of the previous question, narrowed")


def _not_depended_on(session: _Session, history: Sequence[str], question: str, plan: Plan) -> list[str]:
    """The deciding words of the question (a negation, a leave-out, a name, a row it names) that the reading
    would be the same without (qa.depends): read again with each deleted, in the same chat."""
    text = normalize(question)
    base = plan if text == question else _plan_history(session, history, text)
    if base.model_dump(exclude={"confidence", "notes", "read_as"}) != plan.model_dump(exclude={"confidence", "notes",
                                                                                               "read_as"}):
        return []  # (the normalised question reads otherwise: no baseline to delete words from)
    mentions = plan_question(text, session.index)[1].mentions
    return ignored_words(text, plan, lambda q: _plan_history(session, history, q), mentions, session.index)


def _answer(conn: sqlite3.Connection, question: str, history: Sequence[str], settings: Settings,
            passages: Optional[PassageSearch], llm) -> Answer:
    session = _Session(conn, settings, passages)
    # the last turns only, and never one the length check refused (a pasted 150k-character turn must
    # not slow every later answer)
    history = [h for h in history if h and h.strip() and len(h) <= MAX_QUESTION][-MAX_TURNS:]
    plan = _plan_history(session, history, question)
    model = llm if llm is not None else chat_model(settings)
    notes: list[str] = []
    if model is not None and plan.confidence < LLM_PLAN_BELOW:
        better, why = llm_plan(model, question, list(history), session.index, plan)
        plan = better or plan
        notes.append(why) if why else None
    said = corrected_turn(question) if history else question  # (a correcting turn: what it says instead is the question)
    if not plan.unused and settings.check_dependence:
        plan.unused = _not_depended_on(session, history, said, plan)
    if not plan.unused and settings.check_dependence and history and any(n in _LEANS for n in plan.notes):
        # a turn that takes its reading from the turn before takes that turn's unread words too (列出库里的统计局 read
        # as every agency, then 其中2020年的有哪些: every 2020 agency is no answer either)
        last = corrected_turn(history[-1]) if len(history) > 1 else history[-1]
        before = _plan_history(session, history[:-1], history[-1])
        plan.unused = _not_depended_on(session, history[:-1], last, before)
    if plan.unused:  # the reading leaves part of the question out: say so, answer nothing else
        return Answer(question=question, status="ambiguous", text=withheld(plan, plan.unused),
                      route=route_of(plan), plan=plan)
    out = session.run(plan)
    # the form asked is read on the question in its standard written form (几多钱 is 多少钱, 係唔係 是不是)
    asked = mandarin(normalize(simplified_question(said)))
    out = figures_for_a_total(asked, plan, number_for_a_yes_no(asked, plan, passages_for_another_form(asked, plan, out)))
    used = {a.label for r in out.coverage.used if (a := session.index.by_report(r)) is not None}
    out = too_few_reports(asked, plan, too_few_agencies(asked, plan, out, len(used)))
    by_id = session.index.reports_by_id()
    years = {by_id[r].year for r in out.coverage.used if r in by_id}
    out = the_form_answered(asked, plan, out, len(years), len(set(out.coverage.used)))
    if session.combined is not None and session.combined.unavailable and "NIANBAO_CHROMA_URL" in session.combined.unavailable:
        out.text += say(plan, "（无法连接段落索引所在的Chroma服务器（NIANBAO_CHROMA_URL），以上引文检索自已存储的章节原文。）",
                        " (The Chroma server holding the passage index (NIANBAO_CHROMA_URL) could not be reached; the"
                        " quotes come from a word search of the stored sections.)")
    elif session.combined is not None and session.combined.unavailable:
        out.text += say(plan, "（段落索引暂时无法读取（可能正在导入），以上引文检索自已存储的章节原文。）",
                        " (The passage index could not be read just now (an ingest may be writing it); the quotes"
                        " come from a word search of the stored sections.)")
    _add_pages(session.runner, out.citations)
    # prose that contradicts a figure the answer shows (not one it only compared and left out of it)
    shown = {i.report for i in out.items if i.report}
    cited = [c for c in out.citations if not shown or c.report in shown]
    conflict = narrative_conflicts(session.runner, cited, plan) if out.status == "answered" else ""
    if conflict:
        out.text = f"{out.text} {conflict}"
    if out.status == "answered" and plan.intent in TABLE_INTENTS:
        out = _unbalanced(session.runner, out, plan, question)
    if model is not None and out.status == "answered" and out.evidence:
        text, why = llm_phrase(model, question, out.evidence, out.text, plan.language)
        out.text = text or out.text
        notes.append(why) if why else None
    plan.notes += [n for n in notes if n]
    narrow = narrowings(question, plan, out.coverage.used, session.index) if out.status == "answered" else []
    return Answer(question=question, status=out.status, text=prefix(plan, out.text), value=out.value,
                  unit=out.unit if out.value is not None and not isinstance(out.value, bool) else None,
                  items=out.items, citations=out.citations, query=session.runner.text(),
                  coverage=out.coverage, route=out.route or route_of(plan), plan=plan,
                  citations_total=out.citations_total, items_total=out.items_total, narrow=narrow)
