"""Rule planner (no LLM): question -> typed `Plan` (intent, metric keys, entities, filters, confidence)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from ingest.script import simplified_question
from nianbao.catalogue import expand_abbreviations
from qa import cues, reading, slots
from qa.coordination import distribute_heads
from qa.entities import Entities, find_entities, repair_homophones
from qa.glosses import hanzi_for_pinyin
from qa.lexicon import GROUPS, ROWS, Hit, member_rows, default_col, find_hits, known_keys, metrics_from_hits, named_keys, valid_cols, zh_label
from qa.models import Plan, RegionFilter
from qa.names import NameIndex
from qa.numerals import english_amounts
from qa import prose_terms
from qa.prose_terms import asks_a_stated_figure, english_figure_terms
from qa.text import find_years, language, mandarin, normalize, quoted_labels, spoken, typed_forms, without_counting_rule, without_courtesy, without_preamble
from qa.typos import corrected

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
    col_named: bool = False  # a column word was read (else each row's column is its default one)
    operation: bool = False  # no metric named, only what to do with the previous one (比上一年多了多少？)
    rest: str = ""  # the question with names, years and metric words blanked: what the operation words are in
    no_names: str = ""  # the question with names and years blanked (metric words kept)
    mentions: list[str] = field(default_factory=list)  # the names and years as written (qa.depends deletes them)


# words between two columns named as a list (本年新制作数量、本年新公开数量和对外公开总数量)
_LISTED_BETWEEN = re.compile(r"s?\s*(数量|件数|个数|金额|总数|数|量)?(\s*(、|，|,|和|与|及|以及|跟|还有|/|\band\b|\bplus\b)\s*)+"
                             r"(the\s+|its\s+)?", re.I)


def _columns_listed(metrics: list[str], used: list[Hit], hits: list[Hit], text: str) -> tuple[list[str], list[Hit]]:
    """One row named with two or more of its columns listed (规章一栏：本年新制作数量、本年新公开数量、对外公开总数量各为
    多少; 上一年项目数量、本年增/减、处理决定数量): each column of that row, in the order listed, not the first alone.
    Family: a row's columns enumerated with list separators; a ratio or a gap of two columns is read from the
    same keys later (`_row_columns`)."""
    rows = {h.target for h in hits if h.kind == "row" and not h.weak}
    if len(metrics) != 1 or len(rows) != 1:
        return metrics, used
    table, row, _ = metrics[0].split(".")
    ok = valid_cols(table, row)
    cols = sorted((h for h in hits if h.kind == "col" and h.target in ok), key=lambda h: h.start)
    listed = [cols[0]] if cols else []
    for a, b in zip(cols, cols[1:]):
        if not _LISTED_BETWEEN.fullmatch(text[a.end:b.start]) or b.target in {c.target for c in listed}:
            break
        listed.append(b)
    if len(listed) < 2:
        return metrics, used
    return [f"{table}.{row}.{c.target}" for c in listed], [*used, *(c for c in listed if c not in used)]


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


_CHANGE_FROM_TO = re.compile(r"\bchange (in|of)\b[^?]{0,60}\bfrom\b|\bthe change from\b|^\W*change\b|(从|由)[^，,。？?]{0,20}到[^，,。？?]{0,20}"
                             r"(的)?(变化|变动|增减)(了)?(多少|是多少|几)", re.I)
# a row named only to be ruled out: "without going through administrative reconsideration", 未经复议, 没有经过复议
_NEGATED = re.compile(r"(\bwithout|\bnot|\bnever|\bno)(\s+[a-z]+){0,3}\s+$|(没有|未|不|没)(经过?|通过|走)?$", re.I)


def _negated(text: str, hit: Hit) -> Optional[tuple[int, int]]:
    """The span of a row hit right after a negation, with the negation (未经复议直接起诉 is one row's own name
    and is matched whole, so only a separate negated row word is found); None otherwise."""
    if hit.kind != "row":
        return None
    start = max(0, hit.start - 48)
    m = _NEGATED.search(text[start:hit.start])
    return (start + m.start(), hit.end) if m else None


# words of a member's names that any question may hold for other reasons (没有, 内容, without, state, matter)
_NOT_A_MARK = {"没有", "内容", "仍不", "关不", "有现", "成信", "性信", "后申", "请内", "正后", "容仍", "without", "state",
               "matter", "hold", "ready", "following", "suits", "quer"}


@functools.lru_cache(maxsize=None)
def _member_words(group: str) -> dict[str, frozenset[str]]:
    """For a group row (review.lawsuit), the words only one of its members' terms hold: English words and
    Chinese character pairs (filed *directly*, 直接起诉 → lawsuit_direct)."""
    from qa.lexicon import ROWS

    table = group.split(".")[0]
    terms = {row: ts for t, row, ts in ROWS if t == table}

    def words(ts) -> set[str]:
        out: set[str] = set()
        for term in ts:
            term = term.lstrip("~").lower()
            out |= {w for w in re.findall(r"[a-z]{4,}", term)}
            # (an ordinal pair, 第三 of 第三方, is no mark: 第三部分 / 第三名 say a part or a place)
            out |= {term[i:i + 2] for i in range(len(term) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", term[i:i + 2])
                    and not re.fullmatch(r"第[一二三四五六七八九十]", term[i:i + 2])}
        return out

    members = {m: words(terms.get(m, ())) for m in GROUPS[group]}
    # a mark of one member is a word no other row of any table has (直接, directly), and no function word:
    # 申请 or 信息 are in many rows' names, brought / filed / after in any question
    others = {m: set().union(*(words(ts) for t, row, ts in ROWS if row != m)) for m in members}
    generic = reading.FUNCTION_EN | {w + "s" for w in reading.FUNCTION_EN} | _NOT_A_MARK
    return {m: frozenset(w - others[m] - {x + "s" for x in others[m]} - generic
                         - {p for p in w if reading.FUNCTION_ZH.fullmatch(p)}) for m, w in members.items()}


def narrow_groups(metrics: list[str], rest: str) -> list[str]:
    """A group row (lawsuits) with a word of the question, not read as any row, that only one member's names
    hold (filed against Hongze *directly*): that member."""
    out = []
    low = rest.lower()
    for key in metrics:
        table, row, col = key.split(".")
        group = f"{table}.{row}"
        if group in GROUPS:
            latin = set(re.findall(r"[a-z]{4,}", low))
            pairs = {low[i:i + 2] for i in range(len(low) - 1)}
            hit = [m for m, ws in _member_words(group).items() if ws & (latin | pairs)]
            if len(hit) == 1:
                key = f"{table}.{hit[0]}.{col}"
        out.append(key)
    return list(dict.fromkeys(out))


_COUNTED = re.compile(r"(?:那|这)?(两|二|三|四|五|[2-5])\s*(?:家|个单位|个机关|个部门|个局)|\b(both)\b|\bthe (two|three|four|five)\b",
                      re.I)
_COUNT_WORDS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "both": 2, "two": 2, "three": 3, "four": 4, "five": 5}


def _counted_group(ents: Entities, text: str, index: NameIndex) -> None:
    """A place and a count of its agencies (福州市鼓楼区那两家（区统计局和温泉街道）, both Gulou agencies): when the
    place holds exactly that many agencies and those named are among them, all of them (not the one named)."""
    m = _COUNTED.search(text)
    if m is None or ents.region is None or ents.more_regions:
        return
    word = next(g for g in m.groups() if g)
    wanted = _COUNT_WORDS.get(word.lower()) or int(word)
    held = index.in_region(ents.region)
    if len(held) == wanted and all(a in held for a in ents.agencies) and len(ents.agencies) < wanted:
        ents.agencies = []  # the place's agencies, all of them: the place is the scope


# the table named beside the text (正文说的和表里的, the text's figure vs the table's)
_TABLE_TOO = re.compile(r"表里|表中|表格|统计表|表上|表内|\btables?\b")
_ASK = re.compile(r"多少|几|\bwhat\b|\bhow (many|much)\b|\bwhich\b")


# the text set aside (the table (not the narrative), 表格里的而不是正文里的): the table's figure is asked
_TEXT_NEGATED = re.compile(r"(\bnot|\brather than|\binstead of|不是|而不是|而非|非|不看|不要)\s*(in |from |per )?(the |its )?(report'?s )?\s*$",
                           re.I)


def _asks_table(text: str) -> bool:
    """正文里说受理了17件申请，表格里的新收申请数是多少？: the text's figure is the premise, the table's is asked (the
    question word after the table's mention, the text's mention before it); a gap between the two is asked of both."""
    said, table = cues.TEXT_SAYS.search(text), list(_TABLE_TOO.finditer(text))
    if not said or not table or cues.DIFFERENCE.search(text) or cues.APART.search(text) or cues.BOOLEAN.search(text):
        return False
    # (the text says 17; what does the table say?: the question word may stand before the table's mention)
    return table[-1].start() > said.end() and bool(_ASK.search(text, said.end())) and \
        not _ASK.search(text[said.start():said.end()])
# what a column or cell of the table says (what does the 总计 column say for …): a figure, not prose
_CELL_SAYS = re.compile(r"\b(column|cell|row|entry|box|field|line|table)\b[^?.]{0,12}\b(say|says|said|show|shows|showed|read|reads)\b")


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(chars))):
            chars[i] = "□"
    return "".join(chars)


def plan_question(question: str, index: NameIndex,
                  prev_metrics: Optional[list[str]] = None) -> tuple[Plan, Signals]:
    """The plan of one question; `prev_metrics` (the previous turn's) serve a question that only names an
    operation on them ("比上一年多了多少？", "占比呢？")."""
    # 温泉街办 → 温泉街道办事处, 发改局 → 发展和改革局; 鹿城和二七统计局 → 鹿城统计局和二七统计局
    question = simplified_question(question)  # 鄞州區統計局 → 鄞州区统计局
    # written forms first: 边个 → 哪个, 有几家啊 → 有几家, a preface about the asker dropped, more than a
    # thousand → 1000, tongjiju / xingzheng chufa → 统计局 / 行政处罚
    text = without_counting_rule(without_preamble(without_courtesy(spoken(mandarin(corrected(normalize(question)))))))  # recieved → received
    text = distribute_heads(expand_abbreviations(hanzi_for_pinyin(english_amounts(typed_forms(text)))))
    lang = language(question)
    text, read_as = repair_homophones(text, index) if re.search(r"[\u4e00-\u9fff]", text) else (text, [])
    excluded = slots.excluded_region(text)  # outside Fujian / 福建以外的: a scope, not an entity to look up
    ents = find_entities(blank(text, [excluded.span]) if excluded else text, index)
    _counted_group(ents, text, index)
    # "2021版模板" names a template, "超过2000件" a threshold: neither is a report year
    template = cues.TEMPLATE.search(text)
    limit = slots.threshold(text)
    # a date a report was published on (published in January 2021) is no report year
    published = cues.stated_date(text) if cues.PUBLISHED.search(text) else None
    not_years = ([m.span() for m in (template,) if m is not None] + ([limit.span] if limit else [])
                 + ([excluded.span] if excluded else []) + ([published[1]] if published else [])
                 + [m.span() for m in cues.DOC_NUMBER.finditer(text)])
    years, year_spans = find_years(blank(text, not_years), index.years())
    years, year_spans = _years_left_out(text, years, year_spans, index.years())
    year_order = _in_order(text, year_spans, years)
    mentions = [text[a:b] for a, b in ents.spans + year_spans]
    year_spans += not_years
    no_names = blank(text, ents.spans + year_spans)
    hits = _change_verbs(find_hits(no_names), no_names, years)
    # a row named to be ruled out (没有经过复议、直接起诉; without going through reconsideration) qualifies another
    # row named beside it; alone (没有政府集中采购表) it is the row asked about
    spans = [_negated(no_names, h) for h in hits]
    negated = [span for span in spans if span]
    if negated and any(h.kind == "row" and not span for h, span in zip(hits, spans, strict=True)):
        hits = [h for h, span in zip(hits, spans, strict=True) if not span]
    else:
        negated = []
    hits, asides = _group_members_aside(no_names, hits)
    prev_rows = {".".join(m.split(".")[:2]) for m in prev_metrics or ()}
    metrics, used = metrics_from_hits(hits, next(iter(prev_rows)) if len(prev_rows) == 1 else None)
    metrics, used = _columns_listed(metrics, used, hits, no_names)
    metrics = narrow_groups(drop_covered_groups(metrics), blank(no_names, [(h.start, h.end) for h in used] + negated
                                                                + asides))
    if len(metrics) >= 2 and TEMPLATE_PATH.search(no_names):
        # 三、本年度办理结果 →（四）无法提供 → 2. 没有现成信息…: a path through the template's headings names the
        # cell at its end, the headings before it only lead there
        def last_named(m: str) -> int:
            row = ".".join(m.split(".")[:2])
            return max((h.end for h in used if h.kind == "row" and h.target == row), default=-1)
        metrics = [max(metrics, key=last_named)]
    if any(m.startswith("review.lawsuit_after_review.") for m in metrics) and _AFTER_REVIEW.search(text) and \
            len(re.findall(r"复议|reconsideration|review", text, re.I)) <= len(_AFTER_REVIEW.findall(text)):
        # 先申请复议、复议后再起诉的案件: reconsideration named only as the way to the after-review lawsuit row, not
        # as a figure of its own (the row's name holds it: 经复议后起诉); 行政复议和复议后起诉 names both
        metrics = [m for m in metrics if not m.startswith("review.reconsideration.")] or metrics
    if metrics and not any(h.kind == "row" for h in hits) and cues.UNSUPPORTED.search(text):
        # 在政务公开上花了多少经费: a money word alone implies procurement, but the money asked is a topic the
        # reports do not hold (经费, salaries): no figure is read from the money word
        metrics = []
    metrics, years, year_order = _carried_between_years(text, metrics, years, year_order)
    named = named_keys(no_names)
    if named:  # a canonical key written out decides the figure; row and column words beside it gloss it
        metrics, used = list(dict.fromkeys(k for k, _ in named)), hits
    rest = blank(no_names, [(h.start, h.end) for h in used] + [span for _, span in named])
    # the most recent figure (最新的, the latest count): the latest year held, not a ranking's "most"
    latest = [m.span() for m in cues.LATEST.finditer(rest)] + [m.span() for m in cues.BEFORE_LATEST.finditer(rest)]
    rest = blank(rest, latest)
    operation = bool(not metrics and prev_metrics and (_names_operation(rest) or _years_held_against(years, rest))
                     and not cues.UNSUPPORTED.search(text))
    if operation:
        metrics = list(prev_metrics)
    elif prev_metrics and len(set(prev_metrics)) == 1 and len(metrics) == 1 and metrics[0] != prev_metrics[0] \
            and (of := _SHARE_OF.search(no_names)) and any(h.start >= of.end() - 1 for h in used if h.kind == "row"):
        # what about as a percentage of all the applications it dealt with: the figure asked before, over the one
        # this turn names as the base
        metrics, operation = [prev_metrics[0], metrics[0]], True
    # (the agencies in the order the question names them: a comparison is of the first named against the second)
    named = sorted(ents.agencies, key=lambda a: ents.at[a.key]) if all(a.key in ents.at for a in ents.agencies) \
        else list(ents.agencies)
    plan = Plan(intent="lookup", metrics=metrics, agencies=[a.label for a in named], region=ents.region,
                more_regions=ents.more_regions, years=years, year_order=year_order, language=lang,
                unknown=ents.unknown, ambiguous=ents.ambiguous,
                template=cues.template_named(template) if template else None)
    plan.region_out = excluded.region if excluded else None
    plan.from_text = any(not _TEXT_NEGATED.search(text[:m.start()]) for m in cues.TEXT_SAYS.finditer(text)) \
        and not _asks_table(text) and not _BY_TABLE.search(text)
    plan.of_all = bool(cues.OF_ALL.search(text))
    plan.agencies_out = [a.label for a in ents.excluded]
    plan.read_as = [list(pair) for pair in read_as]  # (温泉街到 → 温泉街道: said in the restatement)
    group = slots.organ_group_at(blank(text, ents.spans + year_spans))
    if two := _TWO_KINDS.search(blank(text, ents.spans + year_spans)):
        # (统计局及街道办事处之五份年报: two kinds joined, which one organ filter does not say): left unread
        group = None
        plan.unused = [*plan.unused, two.group(0)]
    read_out: list[tuple[int, int]] = []  # leave-out words the reading used (an excluded kind's)
    if group is not None:
        plan.organ, plan.organ_out, at = group
        if plan.organ_out:
            read_out = [(at[0] + m.start(), at[0] + m.end()) for m in slots.LEAVE_OUT.finditer(text[at[0]:at[1]])]
    if limit is not None and limit.kind == "between":
        plan.above, plan.below, plan.inclusive = limit.value, limit.upper, True
    elif limit is not None and limit.kind == "above":
        plan.above, plan.inclusive = limit.value, limit.inclusive
    elif limit is not None:
        plan.below, plan.inclusive = limit.value, limit.inclusive
    # the reports asked in order (排序, 从高到低, rank them, highest first): every place of the ranking, 0 too
    plan.order_asked = bool(cues.RANK_LIST.search(text) or _ORDER_WORDS.search(text))
    sig = Signals(metric=bool(metrics), entity=bool(ents.agencies or ents.region or ents.unknown or ents.ambiguous),
                  years=bool(years), reference=bool(cues.REFERENCE.search(rest)),
                  followup=bool(cues.FOLLOWUP.search(text)),
                  passage_cue=bool(cues.PASSAGE.search(rest) or cues.section_for(rest)),
                  cols_only=[h.target for h in hits if h.kind == "col"] if not metrics else None,
                  operation=operation, no_names=no_names, col_named=any(h.kind == "col" for h in used),
                  mentions=mentions)
    sig.metric = sig.metric and not operation
    if (m := cues.UNDATED.search(text)) and (_LEFT_OUT_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                                            or _LEFT_OUT_AFTER.match(text, m.end())):
        # (order them by date; leave out any report that prints no date: the undated are what is left out, and the
        # ones that print a date are asked, earliest first)
        plan.intent, plan.meta, plan.published, sig.intent_cue = "meta", "published", "some", True
        operations(plan, sig, text, rest)
        sig.rest = rest
        return plan, sig
    if cues.UNDATED.search(text):  # which reports print no publication date
        plan.intent, plan.meta, plan.published, sig.intent_cue = "meta", "published", "none", True
        plan.list_agencies = bool(cues.META["agencies"].search(text) or re.search(r"哪(些|几)(个|家)|哪家", text))
        plan.each_agency_once = bool(cues.LISTS_REPORTS.search(text))
        if _ONCE_EACH.search(text):  # (…的单位，同一单位只列一次: the agencies, each once)
            plan.list_agencies = plan.each_agency_once = True
        operations(plan, sig, text, rest)
        sig.rest = rest
        return plan, sig
    if cues.PUBLISHED.search(text) and (m := cues.UNSUPPORTED_MEASURE.search(text)):
        # how many days after the year's end it was dated (第几天, how many days): date arithmetic no answer here does
        plan.intent, plan.refusal, plan.confidence = "unsupported", m.group(0), 0.6
        sig.rest = rest
        return plan, sig
    if cues.PUBLISHED.search(text):  # when a report was published (and whether on the date the question states)
        plan.intent, plan.meta, plan.published, sig.intent_cue = "meta", "published", published[0] if published else None, True
        if published is None and ((cues.COUNT_ASK.search(text) and re.search(r"多少份|几份|多少个|几个|how many", text))
                                  or cues.DATED_ONES.search(text)):
            # how many reports have a signature date / the agencies that dated their reports: those that print one
            plan.published = "some"
            plan.wants_number = bool(cues.COUNT_ASK.search(text))
            # (鄞州区统计局的报告有没有落款日期？: whether the named agency's report prints one, yes / no)
            plan.yes_no = bool(cues.BOOLEAN.search(text) and (plan.agencies or plan.region) and not plan.wants_number)
        if (len(plan.agencies) == 2 or published) and cues.BOOLEAN.search(text) and cues.EARLIER_LATER.search(text):
            # 鹿城区统计局的年报落款日期是不是比鼓楼区统计局的早？: the first named against the second; 落款日期早于2021年1月
            # 15日吗 / dated before 15 January 2021?: against the date stated, not on it
            plan.boolean = "less" if cues.EARLIER.search(text) else "more"
        elif published is None and plan.published is None and _FIRST_LAST_DATE.search(text):
            # 哪个单位的年报最早发布 / which report was published last: the earliest (latest) of the dated ones
            plan.published = "earliest" if _FIRST_LAST_DATE.search(text).group("first") else "latest"
        operations(plan, sig, text, rest)
        sig.rest = rest
        return plan, sig
    _decide(plan, sig, text, rest, hits, ents)
    _rank_then_read(plan, text, hits)
    # which years (of the reports a check or a listing finds): the years, not the reports
    # (洪泽区哪一年的处罚更多 / which year had the most: a ranking of one place's years answers with the year)
    plan.list_years = bool(_YEARS_ASKED.search(text)) and (
        (plan.intent in ("meta", "quality") and plan.meta != "years")
        or (plan.intent == "rank" and not _WHO_ASKED.search(text)))
    if plan.from_text and len(plan.metrics) == 1 and plan.intent in ("lookup", "aggregate", "difference") \
            and _TABLE_TOO.search(text) and (cues.DIFFERENCE.search(text) or cues.APART.search(text)):
        plan.intent, plan.aggregate = "difference", None  # 正文说的和表里的差了多少: the text's figure against the table's
    _one_agency_place(plan, text, rest, index)
    if latest and not plan.years and not plan.agencies and plan.intent in reading.TABLE_INTENTS and index.years():
        plan.years = [max(index.years())]  # (an agency's latest is its own: a lookup gives it)
    elif (latest or cues.BEFORE_LATEST.search(text)) and not plan.years and plan.agencies \
            and plan.intent in reading.TABLE_INTENTS:
        # the latest (or the one before it) of the agencies named: that year, so a follow-up's "the year before"
        # counts back from it
        held = sorted({r.year for name in plan.agencies for a in index.resolve(name) for r in a.reports if r.year},
                      reverse=True)
        back = 1 if cues.BEFORE_LATEST.search(text) else 0
        if len(held) > back:
            plan.years = [held[back]]
    if len(plan.agencies) >= 2 and plan.intent in ("rank", "compare", "difference") and not plan.organ_out \
            and (plan.organ or plan.agency_kind):
        # (Gulou or Wenquan: which statistics bureau or office had more?: the agencies named are the scope; a kind
        # word beside them describes them, it does not leave one out)
        plan.organ, plan.agency_kind = None, None
    operations(plan, sig, text, rest)
    # column words the final reading uses (a row's two columns set against each other) are read
    rows_of = {m.rsplit(".", 1)[0] for m in plan.metrics}
    if len(rows_of) == 1 and len(plan.metrics) == 2:
        row = next(iter(rows_of))
        rest = blank(rest, [(h.start, h.end) for h in hits if h.kind == "col" and f"{row}.{h.target}" in plan.metrics])
    # the leave-out words a kind was read with (统计局以外, not statistics bureaus); a place's and an agency's are
    # read with their names (excluded_region, qa.entities); any other leave-out word stays unread
    rest = blank(rest, read_out)
    if (plan.organ and not plan.organ_out) or plan.agency_kind:
        # 不算街道办，那几家统计局 / 部门类单位（不含街道和区政府）: kinds left out are outside the kind asked
        own = plan.organ if plan.organ and not plan.organ_out else reading.KIND_LABELS.get(plan.agency_kind or "", ("",))[0]
        rest = blank(rest, [m.span() for m in slots.LEFT_OUT_ORGAN.finditer(rest) if not own or own not in m.group(0)])
    if plan.factor is not None and (times := slots.multiple(rest)):
        rest = blank(rest, [times[1]])  # the multiple is read
    plan.list_agencies = (bool(cues.WHICH_AGENCIES.search(rest)) and plan.intent in ("rank", "aggregate", "meta")) or (
        plan.intent == "aggregate" and plan.aggregate == "count" and bool(cues.COUNTS_AGENCIES.search(text)))
    plan.each_agency_once = plan.intent in ("meta", "quality") and not plan.wants_number and bool(
        cues.LISTS_REPORTS.search(rest))
    plan.signed = plan.intent == "difference" and bool(re.search(cues.MINUS, text, re.I) or (
        # the change from one year to another, no direction said (change in fee income from 2023 to 2024): later
        # minus earlier, with its sign
        plan.boolean is None and len(plan.years) == 2 and len(plan.agencies) <= 1 and _CHANGE_FROM_TO.search(text)))
    if plan.signed and len(plan.years) == 2:
        # the order the subtraction is written in (2024减2023, 2024 minus 2023); said only as signed (带符号, can be
        # negative): the later year less the earlier, the change over time
        plan.year_order = _minus_order(text, plan.years) or sorted(plan.years, reverse=True)
    if plan.intent == "meta" and plan.meta in reading.LISTING_META and not (plan.agency_kind or plan.organ):
        # a kind named in any words in a list or count of agencies (agencies of kind 'government', 属于部门的单位):
        # only that kind, when one is named (the words of what is published — 政府信息, government website — name none)
        kinds = cues.kinds_named(_NOT_A_KIND.sub(" ", cues.RATHER_THAN.sub(" ", rest)))
        if len(kinds) == 1:
            plan.agency_kind = kinds[0]  # type: ignore[assignment]
            rest = blank(rest, [m.span() for m in _KIND_NAMED.finditer(rest)])
    if _ONCE_EACH.search(text) and plan.intent in ("meta", "quality"):
        plan.each_agency_once = True  # 同一单位只列一次 / list each agency once: said outright
    if plan.intent == "aggregate" and plan.aggregate == "sum" and len(plan.metrics) >= 3 and _WITHIN_GROUP.search(text):
        plan.metrics = _parts_not_their_total(plan.metrics)
    sig.rest = rest
    return plan, sig


# a heading said as where the figures are (办理结果中, 不予公开的几类里, among its handling outcomes)
_WITHIN_GROUP = re.compile(r"(结果|情况|不予公开|无法提供|不予处理)[^，,。？?]{0,4}(中|里|当中|之中|里面|下)(?![\u4e00-\u9fff])|"
                           r"(结果|情况|不予公开|无法提供|不予处理)(中|里|当中|之中|里面)[，,]|"
                           r"\b(in|among|of|within)\s+(its |the |their )?([a-z'’-]+ ){0,3}(outcomes|results|handling|grounds)\b",
                           re.I)
# the outcome rows a report's handled total (三（七）总计) sums
_OUTCOMES = frozenset(r for t, r, _ in ROWS if t == "requests" and r not in ("new", "carried_in", "carried_out", "handled"))


def _parts_not_their_total(metrics: list[str]) -> list[str]:
    """A sum of a total and two or more of its own parts (办理结果中，予以公开和部分公开合计): the total names where the
    parts are, it is not a summand (adding it would count each part twice). Family: sums named inside their group's
    heading (handled outcomes, a group of withheld / unavailable / declined grounds)."""
    def parts(key: str) -> set[str]:
        table, row, col = key.split(".")
        members = _OUTCOMES if f"{table}.{row}" == "requests.handled" else set(GROUPS.get(f"{table}.{row}", ()))
        return {k for k in metrics if k != key and k.split(".")[0] == table and k.split(".")[2] == col
                and k.split(".")[1] in members}
    totals = [k for k in metrics if len(parts(k)) >= 2]
    return [k for k in metrics if k not in totals] if totals else metrics


_LEFT_OUT_BEFORE = re.compile(r"\b(leave out|leaving out|excluding|exclude|except|not counting|skip|skipping|ignore|ignoring|"
                              r"omit|omitting|drop|dropping|without counting)\b|不含|除去|不算|排除|去掉|剔除", re.I)
# 政府 / government in what is published or where (政府信息, 政府网站, 政府集中采购, government information): no kind
_NOT_A_KIND = re.compile(r"政府(信息|网站|网|集中|采购|公开|常务|工作|部门)|政务|\bgovernment[- ](information|website|web|"
                         r"procurement|disclosure|affairs|transparency)\b", re.I)
_KIND_NAMED = re.compile(r"(区|县|市|乡|镇)?(人民)?政府|街道(办事处|办)?|部门|委办局|\bgovernments?\b|\bdepartments?\b|"
                         r"\bstreet offices?\b", re.I)
# an agency listed once however many of its reports qualify, asked outright
_ONCE_EACH = re.compile(r"(同一|每个|每家)(个)?单位(只|仅)(列|写|算)(一次|一遍)|只列一次|不重复列|(list|name|count) each "
                        r"(agency|office|bureau|unit) (only )?once|\beach (agency|office|bureau) only once\b", re.I)
# whether there was any of a thing, asked without 有没有 (有人申请信息公开吗, 有被起诉的吗, did anyone apply, were there
# lawsuits): a count above 0. Family: yes / no questions about one agency's count.
EXISTS_ASKED = re.compile(r"有人|有谁|有(过|任何)|有[^，,。？?；;]{1,24}吗\s*[?？]?\s*$|\b(were|was) there\b|"
                          r"\b(did|does|has|have) (anyone|anybody|someone|somebody)\b", re.I)
ANY = re.compile(r"有没有|是否有|有无|是否(收到|发生|作出|做出|受理)|(收到|受理|作出|做出|发生|办理)过|\bany\b", re.I)


def operations(plan: Plan, sig: Signals, text: str, rest: str) -> None:
    """Operation slots over the decided intent: an ordinal, a top-N, a count of agencies under a
    condition, a median, a comparison with the average, a yes/no against a threshold. Each is a value
    of the query (offset, limit, aggregate, filters), whatever the metric."""
    if plan.intent not in reading.TABLE_INTENTS or not plan.metrics:
        return
    if (plan.intent in ("lookup", "aggregate", "rank") and len(plan.metrics) == 2 and not reading.COORDINATED.search(rest)
            and not plan.ratio):
        # "could not be answered because … newly created", 办理结果 … 不予公开·保护第三方: the handled total names
        # the table the specific outcome row belongs to; the outcome row is the figure asked
        handled = [m for m in plan.metrics if m.startswith("requests.handled.")]
        outcome = [m for m in plan.metrics if m.startswith("requests.") and m not in handled
                   and m.split(".")[1] not in ("new", "carried_in", "carried_out")]
        if len(handled) == 1 and len(outcome) == 1:
            plan.metrics = outcome
    many = not plan.agencies  # over the reports in scope, not one named agency
    place = slots.ordinal(rest)
    top = slots.top_n(rest)
    versus = slots.versus_average(rest)
    if many and slots.RANGE.search(text) and plan.intent in ("aggregate", "lookup", "rank", "compare", "difference"):
        plan.intent, plan.aggregate, plan.limit, plan.offset = "aggregate", "range", None, 0
        sig.intent_cue = True
    # (2019、2020年度各份年报的…中位数: the years named are the scope of the median, not a figure per year)
    if many and slots.MEDIAN.search(rest) and plan.intent in ("aggregate", "lookup", "rank", "trend"):
        plan.intent, plan.aggregate, plan.limit = "aggregate", "median", None
        sig.intent_cue = True
    if many and versus and plan.intent in ("aggregate", "lookup", "rank"):
        plan.intent, plan.versus_average, plan.limit, plan.aggregate = "rank", versus, None, None
        plan.order = "asc" if versus == "below" else "desc"
        sig.intent_cue = True
    if many and place is not None and plan.intent in ("rank", "aggregate", "lookup"):
        plan.intent, plan.offset, plan.limit, plan.aggregate = "rank", place.position - 1, 1, None
        plan.order = place.order or cues.rank_order(rest)
        sig.intent_cue = True
    elif many and top is not None and plan.intent in ("rank", "aggregate", "lookup"):
        plan.intent, plan.limit, plan.aggregate = "rank", top[0], None
        plan.order = cues.rank_order(rest)
        sig.intent_cue = True
    # (有几家收到过: 几家 before what happened at least once, whose words the figure's reading took)
    ever = bool(_EVER.search(text))
    counting = reading.COUNT_AGENCIES.search(rest) or (ever and re.search(r"(?<![哪的这那些])(多少|几)\s*家", rest))
    if counting and ever and not cues.ZERO.search(text) and plan.above is None and plan.below is None:
        plan.above, plan.inclusive = 0.0, False  # 有几家收到过申请: those with any, above 0
    if cues.NONZERO.search(text) and plan.above is None and plan.below is None:
        plan.above, plan.inclusive = 0.0, False  # 不为零 / at least one: above 0
    zero = bool(cues.ZERO.search(text))
    # (这些单位里有几家收到过: among the agencies a turn listed, counted too)
    if (many or len(plan.agencies) >= 2) and counting and (plan.above is not None or plan.below is not None or zero) \
            and plan.intent != "ratio":
        plan.intent, plan.aggregate, plan.limit, plan.offset = "aggregate", "count", None, 0
        plan.zero = zero and plan.above is None and plan.below is None
        sig.intent_cue = True
    if (many and plan.intent == "aggregate" and plan.region is None and cues.BOOLEAN.search(text) and ANY.search(text)
            and plan.above is None and plan.below is None and not zero and not cues.AGG_SUM.search(rest)):
        # did any of the 2020 reports record a licensing decision?: is there a report whose figure is above 0
        plan.above = 0.0
    # a yes/no about one agency's figure with no bound read yet: what the claim says it is
    # did Lucheng receive any…? / Lucheng's items fell by 15, right?: a place named alone, its figure
    one_place = not plan.agencies and plan.region is not None and plan.intent in ("aggregate", "lookup")
    if len(plan.metrics) == 1 and ".".join(plan.metrics[0].split(".")[:2]) in GROUPS \
            and (members_asked := reading.MEMBERS_ASKED.search(text)) \
            and plan.intent in ("lookup", "rank", "aggregate") and (len(plan.agencies) == 1 or (
                not plan.agencies and plan.region is not None)):
        # 以哪几类理由作出不予公开 / 不予公开的理由有哪些 / on which grounds: the group's members with their figures
        # (只列不为0的 / only those above 0: `above` keeps the ones above it)
        plan.intent, plan.members, plan.aggregate, plan.limit, plan.offset = "lookup", True, None, None, 0
        plan.below, plan.zero = None, False
        if re.search(r"哪|\b(which|what)\b", members_asked.group(0), re.I) and plan.above is None:
            plan.above, plan.inclusive = 0.0, False  # (which grounds: the ones it used; 各类分别多少 lists every one)
        sig.intent_cue = True
        return
    whole = _whole_of(plan.metrics[0]) if len(plan.metrics) == 1 else None
    if whole and ((len(plan.agencies) == 1 and plan.intent == "lookup") or one_place) and cues.BOOLEAN.search(text) \
            and _ALL_OF.search(text) and plan.above is None and plan.below is None and not zero:
        # 是不是全部来自自然人 / were all its requests granted?: the part against the whole it is part of, the same?
        plan.intent, plan.aggregate, plan.metrics, plan.boolean = "difference", None, [plan.metrics[0], whole], "equal"
        plan.notes.append("all of the whole is this part: the two the same")
        sig.intent_cue = True
        return
    if ((len(plan.agencies) == 1 and plan.intent == "lookup") or one_place) and cues.BOOLEAN.search(text) \
            and plan.above is None and plan.below is None:
        if cues.NONE_CLAIMED.search(text):
            plan.below, plan.inclusive = 0.0, True  # it didn't withhold any …, right?: is the figure 0
        elif ANY.search(text) and cues.COUNT_ASK.search(text):
            plan.wants_number = True  # 有没有…？有几件？: the number asked too answers both (never a bare no for 0)
        elif ANY.search(text):
            plan.above = 0.0  # 有没有收到申请 / any lawsuits: is the figure above 0
        elif zero:
            plan.below, plan.inclusive = 0.0, True  # 一件申请都没收到吧 / it received none, right?: is the figure 0
        elif (stated := slots.stated_value(rest)) is not None:
            # “…作出处理决定195件”，对吗？: is the figure that, to the precision it is written in (47.5976万元)
            value, low, high = stated
            if plan.metrics and plan.metrics[0].endswith(".change") and value > 0 and cues.DOWN.search(rest):
                value, low, high = -value, -high, -low  # 比上一年减少了15项: the change column holds −15 (+15: a rise)
            plan.stated, plan.above, plan.below = value, low, high
            plan.inclusive = True
        elif EXISTS_ASKED.search(text):
            plan.above = 0.0  # 有人申请吗 / were there any … / did anyone …: is the figure above 0
    if (len(plan.agencies) >= 2 and cues.BOOLEAN.search(text) and (plan.above is not None or plan.below is not None)
            and cues.AGG_SUM.search(rest) and plan.intent in ("lookup", "compare", "aggregate")):
        # did A and B together receive more than 10: their sum against the threshold (not A against B)
        plan.intent, plan.check_threshold, plan.aggregate, plan.boolean = "aggregate", True, "sum", None
        sig.intent_cue = True
    if (len(plan.agencies) <= 1 and len(plan.years) >= 2 and cues.BOOLEAN.search(text) and cues.AGG_SUM.search(rest)
            and (plan.above is not None or plan.below is not None) and plan.stated is None
            and plan.intent in ("compare", "lookup", "trend", "difference", "aggregate")):
        # 2023年和2024年的…加起来超过1.5万件了吗: both years' figures added, against the threshold
        plan.intent, plan.check_threshold, plan.aggregate = "aggregate", True, "sum"
        plan.boolean, plan.yoy = None, False
        sig.intent_cue = True
    elif (len(plan.agencies) <= 1 and cues.BOOLEAN.search(text) and (plan.above is not None or plan.below is not None)
            and (plan.intent in ("lookup", "aggregate") or (plan.intent == "rank" and ANY.search(text)
                                                           and not plan.offset and not plan.versus_average))):
        none_of = len(plan.metrics) >= 2 and plan.below == 0 and plan.above is None  # no A or B at all: their sum is 0
        if plan.agencies or none_of or cues.AGG_SUM.search(rest) or not (cues.WHICH.search(rest) or ANY.search(text)):
            # did it / did they in all receive more than 10 (a place named alone: its figure, all added up)
            plan.intent, plan.check_threshold, plan.aggregate = "lookup" if plan.agencies else "aggregate", True, (
                None if plan.agencies else "sum")
            if none_of:
                # 没有遇到任何行政复议或行政诉讼，是吗？: none of the figures named is above 0, i.e. their sum is 0
                plan.aggregate = "sum"
        else:  # 有没有哪家…超过 / is any agency above: which reports pass, counted (never their sum)
            plan.intent, plan.aggregate, plan.limit, plan.offset = "aggregate", "count", None, 0
            # yes or no (is there any), unless the number is asked too (有没有…？有几家？)
            plan.check_threshold = not reading.COUNT_AGENCIES.search(rest)
        sig.intent_cue = True
    # a total (or average) of the figure asked in words, over the reports a bound picks (…的单位一共有多少个项目,
    # the total spending of agencies that spent more than …); "how many?" alone after the bound counts them
    plan.filtered = bool(plan.intent == "aggregate" and plan.aggregate in ("sum", "avg") and not plan.check_threshold
                         and (plan.above is not None or plan.below is not None)
                         and (cues.AGG_SUM.search(rest) or cues.AGG_AVG.search(rest)))
    _grouping(plan, sig, text, rest)


def _one_agency_place(plan: Plan, text: str, rest: str, index: NameIndex) -> None:
    """A place named alone that holds one agency with reports of several years, no year named and no total
    asked (What's the penalty-decision count we have for Hongze?): that agency's figure, as when it is named
    (its latest year, the others said), not its years added up as if they were agencies."""
    if (plan.intent != "aggregate" or plan.aggregate not in (None, "sum") or plan.agencies or plan.region is None
            or plan.more_regions or plan.years or plan.organ or plan.agency_kind or cues.AGG_SUM.search(rest)
            or cues.ACROSS_YEARS.search(rest) or cues.BOOLEAN.search(text)):
        return
    if not (plan.region.county or plan.region.township) or re.search(r"总数|总计|合计|\btotal\b|\bin all\b", rest):
        return  # (a province or city named is a scope of agencies, whatever the store holds of it: 江苏省的报告里)
    held = index.in_region(plan.region)
    if len(held) == 1 and len(held[0].reports) > 1:
        plan.agencies, plan.region, plan.intent, plan.aggregate = [held[0].label], None, "lookup", None


def _grouping(plan: Plan, sig: Signals, text: str, rest: str) -> None:
    """Totals per group of reports (按省份汇总, by city, street offices vs departments): one figure added up over
    each province, city, county or agency kind, the groups ranked (or in the order the question names them).
    Read only where a group's total is well defined: one figure, added up, no bound but "not zero" (a group's
    total is above 0 exactly when one of its reports is: the same groups either way); a grouping the reading
    cannot express stays an unread word (`reading.unused_operations`)."""
    m = cues.GROUP_BY.search(text)
    dimension = cues.group_dimension(m.group(0)) if m else None
    if dimension is not None and plan.above == 1 and plan.inclusive and cues.NONZERO.search(text):
        plan.above, plan.inclusive = 0.0, False  # at least one (agency) with a nonzero count: above 0
    if (dimension is None or plan.agencies or len(plan.metrics) != 1 or plan.ratio or plan.check_threshold
            or plan.intent not in ("aggregate", "rank", "lookup") or plan.aggregate not in (None, "sum", "count")
            or plan.versus_average or plan.zero or plan.below is not None
            or (plan.above is not None and (plan.above != 0 or plan.inclusive))):
        return
    if plan.aggregate == "count" and (plan.above is None or cues.COUNT_ASK.search(rest)):
        return  # how many provinces …: a count of groups, not their totals
    plan.intent, plan.aggregate, plan.group_by = "aggregate", "sum", dimension
    plan.order = cues.rank_order(rest)
    place = slots.ordinal(rest)
    plan.offset = place.position - 1 if place is not None else 0
    # which province had the most (one group), the top 3 cities, or every group (按省份排一下, which provinces)
    one = (cues.WHICH_ONE.search(rest) or re.search(r"最|\b(most|highest|lowest|least|fewest|largest|smallest)\b", rest)) \
        and not (cues.WHICH_MANY.search(rest) or cues.RANK_LIST.search(rest) or cues.RANK_DESC_EXPLICIT.search(rest)
                 or cues.RANK_ASC_EXPLICIT.search(rest))
    plan.limit = 1 if place is not None else (cues.top_n(rest) or (1 if one else None))
    if dimension == "kind":
        plan.groups = cues.kinds_named(rest)
        if len(plan.groups) >= 2:
            # the kinds named are the groups, not a scope of one of them (street offices vs departments)
            plan.agency_kind, plan.organ, plan.organ_out = None, None, False
    sig.intent_cue = True


_YEAR_OUT_BEFORE = re.compile(rf"(?:{slots.LEAVE_OUT_ZH}|\b(?:{slots.LEAVE_OUT_EN})\b)\s*(?:the\s+)?$", re.I)
_YEAR_OUT_AFTER = re.compile(rf"\s*(?:年)?(?:的)?(?:年报|报告|数据)?\s*(?:{slots.LEAVE_OUT_ZH_AFTER})")


def _years_left_out(text: str, years: list[int], spans: list[tuple[int, int]],
                    held: list[int]) -> tuple[list[int], list[tuple[int, int]]]:
    """Years named to be left out (不算2019年的, not counting 2019, 2019年的除外): the other years — those named
    beside them, else every year the store holds — with the leave-out words read (their spans added)."""
    out: set[int] = set()
    read: list[tuple[int, int]] = []
    for start, end in spans:
        m = re.search(r"(?<!\d)(\d{4}|\d{2})(?!\d)", text[start:end])
        if not m:
            continue
        year = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
        at = max(0, start - 20)
        before = _YEAR_OUT_BEFORE.search(text[at:start])
        after = _YEAR_OUT_AFTER.match(text, end)
        if year in years and (before or after):
            out.add(year)
            read.append((at + before.start(), start) if before else after.span())
    if not out:
        return years, spans
    kept = [y for y in years if y not in out] or [y for y in held if y not in out]
    return kept, spans + read


_YEARS_ASKED = re.compile(r"(哪些|哪几|哪一|哪)年(?!报|度报告)|\b(which|what) (report )?years?\b|\bin which years?\b"
                          # which Hongze report year: up to two words between, none of them an agency noun
                          r"|\bwhich (?:(?!agency|agencies|bureaus?|office|district|county|department|government|unit)"
                          r"[\w'’]+ ){1,2}years?\b", re.I)
# asked from the side of the findings (do they have balance check findings?), not of passing
_HAS_FINDINGS = re.compile(r"\b(have|has|had|show|shows)\b (any )?([\w-]+ ){0,3}(findings?|problems?|issues?|errors?)\b"
                           r"|(?<![没无])有[^，。？?]{0,8}(问题|错误)", re.I)
_FIRST_LAST_DATE = re.compile(r"(?P<first>最早|最先|\bearliest\b|\bfirst\b)|最晚|最迟|最后|最近|\blatest\b|\blast\b|"
                              r"\bmost recent(ly)?\b", re.I)
_ASKS_PROVINCE = re.compile(r"哪(个|一个)?省|什么省|\b(which|what) province\b", re.I)
_ASKS_CITY = re.compile(r"哪(个|一个)?(地级)?市|什么市|\b(which|what) city\b|\bprovince and (which |what )?city\b", re.I)
_EVERY = re.compile(r"\b(all|every|each)\b|都|全部|所有|均", re.I)
_ALL_OR_ANY = re.compile(r"\b(all|every|each|any|none)\b|都|全部|所有|均|任何|有没有(哪|一)", re.I)
_WHO_ASKED = re.compile(r"哪个单位|哪家|哪个部门|哪个机关|谁|\bwhich (agency|bureau|office|department|unit|district|"
                        r"county|government)|\bwho\b", re.I)
_SUPERLATIVE = re.compile(r"最(多|高|大|少|低|小)|\b(most|highest|largest|biggest|least|lowest|fewest|smallest|top)\b", re.I)
_ASKS = re.compile(r"多少|几|\bhow (much|many)\b|\bwhat\b")


def _rank_then_read(plan: Plan, text: str, hits: list[Hit]) -> None:
    """收到申请最多的那个单位，采购花了多少钱 / for whichever agency received the most requests, how much did it spend?:
    two figures, one beside the superlative (the ranking's) and one beside the question word (the figure asked of
    the report the ranking picks). Read only when each figure's words are found and the two roles are apart."""
    if plan.intent != "rank" or plan.ratio or plan.group_by or plan.offset or (plan.limit or 1) != 1:
        return
    sup, ask = _SUPERLATIVE.search(text), _ASKS.search(text)
    if not sup or not ask:
        return
    if len(plan.metrics) == 1:
        # 采购项目最多的单位花了多少钱: the money is asked, and the projects word (read as what the money went on)
        # carries the superlative right after it: the projects rank, the amount of the first is the answer
        row, col = plan.metrics[0].rsplit(".", 1)
        table, row_name = row.split(".")
        ranked = [h for h in hits if h.kind == "col" and h.target != col and h.target in valid_cols(table, row_name)
                  and _SUPERLATIVE.match(text, h.end) and ask.start() > h.end]
        if ranked:
            plan.pick_by = f"{row}.{ranked[0].target}"
            return
        # 金额最低的那个呢，几个项目: the figure read carries the superlative, and another column of its row is named
        # right after the question word: that column is asked of the report the ranking picks
        carries = any(h.kind == "col" and h.target == col and _SUPERLATIVE.match(text, h.end) for h in hits)
        asked = [h for h in hits if h.kind == "col" and h.target != col and h.target in valid_cols(table, row_name)
                 and 0 <= h.start - ask.end() <= 2]
        if carries and asked and sup.start() < ask.start():
            plan.pick_by, plan.metrics = plan.metrics[0], [f"{row}.{asked[0].target}"]
        return
    if len(set(plan.metrics)) != 2:
        return

    same_row = len({m.rsplit(".", 1)[0] for m in plan.metrics}) == 1

    def where(key: str) -> Optional[int]:
        row, col = key.rsplit(".", 1)
        cols = [h.start for h in hits if h.kind == "col" and h.target == col]
        if same_row:  # (采购金额最高的单位有几个采购项目: one row's two columns, told apart by their own words)
            return min(cols) if cols else None
        at = [h.start for h in hits if (h.kind == "row" and h.target == row)
              or (h.kind == "col" and h.implies and f"active.{h.implies}" == row)]
        return min(at) if at else None

    spots = [where(m) for m in plan.metrics]
    if any(s is None for s in spots) or spots[0] == spots[1]:
        return
    near = [abs(s - sup.start()) for s in spots]
    ranked = plan.metrics[near.index(min(near))]
    asked = next(m for m in plan.metrics if m != ranked)
    if abs(where(asked) - ask.start()) >= abs(where(ranked) - ask.start()) and abs(where(asked) - ask.start()) > 12:
        return  # the question word is not the asked figure's
    plan.pick_by, plan.metrics = ranked, [asked]


def _in_order(text: str, spans: list[tuple[int, int]], years: list[int]) -> list[int]:
    """The years in the order the question names them (each span's digits: 2024 / 24 / '24)."""
    named = []
    for start, end in sorted(spans):
        m = re.search(r"(?<!\d)(\d{4}|\d{2})(?!\d)", text[start:end])
        if m:
            y = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
            if y in years and y not in named:
                named.append(y)
    return named + [y for y in years if y not in named]


def _names_operation(rest: str) -> bool:
    """A change, share, growth or trend asked without saying of what."""
    return any(p.search(rest) for p in (cues.YOY, cues.CHANGE, cues.GROWTH, cues.SHARE, cues.TREND))


# a leave-out said after what it leaves out (没写日期的不算 / 除外, undated ones excluded)
# items of the year before, said as one phrase (penalty items in the previous year, 上一年项目): the template's column, also
# when the question names report years as its scope (the 2019 and 2020 reports)
_ITEMS_OF_YEAR_BEFORE = re.compile(r"\bitems? (in|of|from) the (previous|prior) year\b|\b(previous|prior)[- ]year items?\b|"
                                   r"(上一年|上年)(的)?(项目|事项)", re.I)
# a check asked from the failing side (fails to balance?, doesn't add up?, 对不上吗, 是不是不一致)
_FAILURE_ASKED = re.compile(r"\bfail(s|ed|ing)?\b|\b(does|do|did)(n'?t| not) (add up|balance|match|agree|tally)\b|\bnot balance\b|"
                            r"\bimbalanced?\b|\bunbalanced\b|对不上|不平衡|不平(?!均)|(?<!是)不一致|没通过|未通过|(?<!通过)不通过|有矛盾|矛盾吗", re.I)
# a sentence that only says the answer's form (Yes or no., 请回答是或否。, one word please): not the asking one
_FORM_ONLY = re.compile(r"^\W*((please )?(answer |reply )?(just )?(yes or no|yes/no|true or false|one word)( only| please)?|"
                        r"(请)?(只)?(回答|答)?(是或否|是否即可|是或不是|对或错)(即可)?)\W*$", re.I)
_LEFT_OUT_AFTER = re.compile(r"\s*(的|者)?\s*(不算|不计|不要|除外|排除|不考虑|不用算|别算|\b(excluded|left out|aside)\b)", re.I)
_ORDER_WORDS = re.compile(r"\bin (descending|ascending) order\b|\b(biggest|largest|highest|smallest|lowest|most|least)"
                          r"( \w+)? first\b|\bsorted\b|依次|从高到低|从大到小|从多到少|从低到高|从小到大|从少到多|降序|升序|"
                          r"由高到低|由多到少|由低到高|由少到多", re.I)


# whether the store holds a report at all, with no agency named (is there a report for 2023 in the database? / 库里有没有
# 2023年的年报？): yes / no over every report of the year asked (family: existence questions about the store)
_STORE_HOLDS = re.compile(r"\b(is|are) there (a|an|any)\b[^?]{0,24}\breports?\b|\b(do|does) (you|we|it|the (database|store|system))"
                          r" (have|hold|contain)\b[^?]{0,24}\breports?\b|(数据库|资料库|库|系统)(里|中|内)?(面)?(有没有|有无|是否有|有)"
                          r"[^，,。？?]{0,12}(年报|报告)|有没有[^，,。？?]{0,12}(年报|报告)\s*[?？]?\s*$|有[^，,。？?]{0,12}(年报|报告)吗", re.I)


# two years held against each other by a comparison word (2024年的是不是比2023年多 / 超过了2023年的4倍 / was 2024's
# higher than 2023's): with no figure named, the one the chat asked (family: follow-ups comparing two years)
# the findings of a check counted, not the reports (几组数据对不上, 有几处, how many of the groups / checks / them fail):
# family: counts of what fails inside a report's tables
_FAILS = r"\b(fail|failed|fails|break|broke|do not (add up|balance)|don'?t (add up|balance))\b"
_FINDINGS_COUNTED = re.compile(r"(几|多少)\s*(组|处|个组|项检查|项校验|个检查|条规则|个等式)|\bhow many (of the )?(groups?|checks?|"
                               r"rules?|rows?|blocks?|equations?|sums?)\b[^?]{0,40}" + _FAILS + "|"
                               # (… has three groups (…). How many of them fail: them is the groups said before)
                               r"\b(groups|checks|blocks|equations)\b(?![^?]{0,80}\breports?\b)[^?]*\bhow many of (them|these|those)\b"
                               r"[^?]{0,40}" + _FAILS, re.I)
_HELD_BY = re.compile(r"比|较|超过|不到|高于|低于|多于|少于|\bthan\b|\bexceed", re.I)


# all of a whole said to be one part (是不是全部来自自然人, 全都予以公开了吗, were all of them granted, did all come from
# natural persons): the part equal to its whole
# (not "more than all other outcomes put together": a whole held against a part, no "all of it")
_ALL_OF = re.compile(r"全部|全都|都是|全是|都来自|都予以|都被|都属于|一律|"
                     r"\b(were|was|did|had|have) all (of )?(the |its |their |these |those )?([\w'’□]+ ){0,6}?(requests|applications|"
                     r"cases)\b|(?<!than )\ball (of )?(the |its |their )?([\w'’□]+ ){0,2}?(requests|applications|cases) (were|was|came|"
                     r"got|received)\b|\bevery (one|single one|request|application)\b", re.I)


def _whole_of(key: str) -> Optional[str]:
    """The figure `key` is a part of: its row's total for an applicant's column, its group's total for one ground,
    the handled total for one outcome of the requests; None for a figure that is no part of another."""
    table, row, col = key.split(".")
    if col != "total":
        return f"{table}.{row}.total"
    group = next((g for g, members in GROUPS.items() if g.startswith(table + ".") and row in members), None)
    if group:
        return f"{group}.total"
    if table == "requests" and row not in ("new", "carried_in", "handled", "carried_out"):
        return "requests.handled.total"
    return None


# the ones found asked for, after a yes / no (有没有哪份…对不上？列出来 / Are there any? List them.)
_LIST_THEM = re.compile(r"列出来|列一下|列出|请列|写出来|指出来|\blist (them|those|the ones|which)\b|\bname (them|those|the ones)\b|"
                        r"\bwhich (ones|ones are they)\b", re.I)
# a thing that happened at least once (收到过, 作出过, 有过): above 0
_EVER = re.compile(r"(收到过|有过|作出过|做出过|受理过|办理过|发生过|出现过|遇到过|接到过)")


# two kinds of agency joined (统计局及街道办事处, statistics bureaus and street offices): no one organ says both
_TWO_KINDS = re.compile(r"(统计局|街道办事处|街道|人民政府|政府|局)\s*(及|和|与|、|以及|或|或者)\s*(统计局|街道办事处|街道|人民政府|政府)|"
                        r"\b(statistics bureaus|street offices|governments)\s+(and|or)\s+(statistics bureaus|street offices|governments)\b",
                        re.I)
# the table's figure asked, whatever the text says (他说正文写的是17件，让我们按表格核实一下 / check it against the table)
_BY_TABLE = re.compile(r"按表格|按表里|按统计表|以表格为准|以表为准|按照表格|\b(according to|per|going by|check(ed)? (it )?"
                       r"against) the tables?\b", re.I)


def _asked_direction(rest: str) -> str:
    """The relation a yes/no comparison asks: the same (一样多吗, 持平, equal, the same as) when nothing holds one side
    against the other (比, than, 超过); else lower (less) or higher (more)."""
    if reading.SAME_ASKED.search(rest) and not _HELD_BY.search(rest):
        return "equal"
    return "less" if cues.asks_less(rest) else "more"


def _years_held_against(years: list[int], rest: str) -> bool:
    return len(set(years)) == 2 and bool(_HELD_BY.search(rest)) and bool(
        cues.MORE.search(rest) or cues.LESS.search(rest) or slots.multiple(rest))


# words that make an equality a report's own check: a sum set against a total, a balance (加起来等于…吗, 勾稽, add up)
_SUM_OR_BALANCE = re.compile(r"加起来|相加|加上|加总|之和|合计|总和|\bplus\b|平衡|对得上|对不上|勾稽|\badds? up\b|\bsum|\bbalance|"
                             r"\btall(y|ies)\b|\bconsistent\b|\bmatch", re.I)


def _two_held_equal(plan: Plan, ents: Entities, text: str) -> bool:
    """相等吗 / equal? between two things named (two figures of one report, two agencies, two years) with nothing
    added up or balanced: whether the two are the same, not whether a report's table adds up."""
    return bool(reading.SAME_ASKED.search(text)) and not _SUM_OR_BALANCE.search(text) and (
        len(set(plan.metrics)) >= 2 or len(ents.agencies) >= 2 or len(set(plan.years)) >= 2)


def _decide(plan: Plan, sig: Signals, text: str, rest: str, hits: list[Hit], ents: Entities) -> None:
    # (a kind set against another, rather than a department / 而不是街道: the one contrasted is not the one asked)
    kinds_in = cues.RATHER_THAN.sub(lambda m: " " * len(m.group(0)), rest)
    for kind, pattern in cues.KIND_WORDS:
        if pattern.search(kinds_in) and not plan.organ_out:  # 统计局以外: the kind word is what is left out
            plan.agency_kind = kind
    if cues.CHECK.search(text) and (cues.BOOLEAN.search(text) or cues.ASKS_AFTER_CLAUSE.search(text)) and (
            ents.agencies or ents.region) and not _two_held_equal(plan, ents, text):
        # 洪泽区2023年报的行政复议数据对得上吗？ / Does the lawsuit row in Hongze's 2024 report add up?
        plan.intent, plan.check, sig.intent_cue = "quality", True, True
        plan.quality = "narrative" if cues.TEXT_SIDE.search(text) else "balance"
        # (the asking sentence's side: 似乎对不上。请问这一组数据是否平衡？ asks whether it balances)
        asking = [x for x in re.split(r"(?<=[。！!；;])|(?<=[.?？](?=\s))", text) if x.strip() and not _FORM_ONLY.match(x)]
        plan.failure_asked = bool(_FAILURE_ASKED.search(asking[-1] if asking else text))
        quoted = quoted_labels(text, 4, 60)
        if quoted and re.search(r"\d", quoted[0]) and not plan.metrics:
            plan.quality, plan.search = "narrative", quoted[0]  # a sentence of the text quoted: its own sum
        elif (two := _TEXT_TWICE.search(text)) and not plan.metrics:
            # 报告里有两处说…，这两个数一致吗 / do the two places the text states it agree?: the text against itself,
            # which no check here reads (the tables' equations, the text against a table); withheld, said why
            plan.unused = [*plan.unused, two.group(0)]
        return
    # (a check named in an aside on the figure asked — bearing in mind that some amounts were printed without a
    # unit, 考虑到部分金额未注明单位 — is a caveat on the figure, not the question)
    asked = cues.CONCESSIVE.sub(lambda m: " " * len(m.group(0)), text) if plan.metrics else text
    quality = next((k for k, p in cues.QUALITY.items() if p.search(asked)), None)
    named = bool(ents.agencies or ents.region)
    # (this figure's unit, printed? — of the figure the chat is on, whose agency the follow-up fills in)
    this_one = re.search(r"这个|这笔|这项|该|此|它|\b(this|that|its?)\b", text, re.I)
    if quality is None and (named or this_one) and cues.UNIT_PRINTED.search(text) and cues.BOOLEAN.search(text):
        # is the unit printed? = does the figure pass the guessed-unit check (yes / no)
        plan.intent, plan.quality, plan.passed, plan.yes_no, sig.intent_cue = "quality", "guessed_units", True, True, True
        return
    if quality and not (cues.MENTION.search(text) and cues.WHICH.search(text) and quality == "all"):
        plan.intent, plan.quality, sig.intent_cue = "quality", quality, True
        plan.passed = bool(cues.PASSED.search(text)) and not cues.FAILED.search(text)
        # 鼓楼统计局那笔采购金额的单位是推断出来的，对吧？: a yes / no on the named report
        # ... and on a set asked with a quantifier (do all five pass? / does any report fail?): yes / no on the set
        plan.yes_no = (named or bool(_ALL_OR_ANY.search(text))) and bool(cues.BOOLEAN.search(text)) \
            and not (cues.WHICH.search(text) and not re.search(r"有没有(哪|一)", text)) \
            and not _LIST_THEM.search(text)  # (有没有哪份…: is there any; …？列出来: which ones, listed)
        plan.every = plan.yes_no and not named and not plan.passed and bool(_EVERY.search(text))
        plan.findings_counted = not plan.yes_no and bool(_FINDINGS_COUNTED.search(text))
        if plan.yes_no and quality in ("balance", "narrative") and cues.PASS_ASK.search(text) \
                and not cues.FAILED.search(text) and not _HAS_FINDINGS.search(text):
            plan.passed = True  # 勾稽关系都能对上吗 / does it add up?: yes when no finding
        return
    if _asks_mentions(plan, text, rest, ents):
        plan.intent, sig.intent_cue = "mentions", True
        plan.terms = mention_terms(text, ents)
        if not plan.terms and plan.metrics:  # "mention administrative penalties": the row's name as printed
            plan.terms = [[name] for name in dict.fromkeys(zh_label(m).split(" · ")[0] for m in plan.metrics)]
        plan.confidence = 0.8 if plan.terms else 0.3
        if ents.agencies and not cues.WHICH.search(rest):
            plan.boolean = "more"  # 洪泽区政府的年报提到培训了吗？ : yes or no
        plan.section = _section_named(text)  # (which mention training in section 五 / 第五部分: only there)
        return
    if plan.metrics and cues.HOW.search(rest) and not cues.NUMERIC.search(rest) and not cues.SHARE.search(rest) \
            and not _CELL_SAYS.search(rest) and not cues.UNSUPPORTED_MEASURE.search(text):
        metrics_words = plan.metrics
        plan.metrics = []  # how it handles requests, not how many: the prose answers
        _passages(plan, text, rest, ents)
        plan.notes.append(f"table words read as a topic: {', '.join(metrics_words)}")
        return
    zh_stated = prose_terms.PROSE_ONLY_ZH.search(text) if plan.language != "en" else None
    if zh_stated and (cues.NUMERIC.search(rest) or cues.SHARE.search(rest) or cues.COUNT_ASK.search(text)):
        # 答复及时率是多少 / 罚款总额多少: a figure only the prose states, not a ratio or count of table cells
        if plan.metrics:
            plan.notes.append(f"table words read as the topic of a stated figure: {', '.join(plan.metrics)}")
        plan.metrics = []
        plan.intent, plan.refusal, plan.confidence = "unsupported", "unknown figure", 0.35
        plan.terms, plan.search = [[zh_stated.group(0)]], zh_stated.group(0)
        asking = next((c for c in reversed(re.split(r"[，,；;。]", text)) if re.search(r"多少|几", c)), text)
        if (measure := _ASKED_MEASURE.search(asking)) is not None:
            plan.search += measure.group(0)  # (几件申请…信息处理费: counted in 件, so no 0元 is the answer)
        return
    if not plan.metrics and plan.years and (ents.agencies or ents.region or _STORE_HOLDS.search(text)) \
            and (cues.BOOLEAN.search(text) or _STORE_HOLDS.search(text)) \
            and cues.REPORT_OF_YEAR.search(text) and not cues.PASSAGE.search(rest) and not cues.MENTION.search(text) \
            and not cues.TABLE_ANCHOR.search(text) and not cues.META["templates"].search(text) \
            and not cues.PUBLISHED.search(text) and not cues.STATED_DATE.search(text):
        # 洪泽区有2022年的年报吗？ / does the database hold a 2024 report for Hongze? / 那份年报说的是2020年的吧？:
        # whether the store holds that agency's report of that year (and which years it holds)
        plan.intent, plan.meta, sig.intent_cue = "meta", "held", True
        return
    if plan.language == "en" and asks_a_stated_figure(text):
        # "what on-time reply rate did … claim for applications", "information processing fees": figures the prose
        # states, not the table's count or the administrative fees
        if plan.metrics:
            plan.notes.append(f"table words read as the topic of a stated figure: {', '.join(plan.metrics)}")
        plan.metrics = []
        plan.intent, plan.refusal, plan.confidence = "unsupported", "unknown figure", 0.35
        _english_figure(plan, text, sig.no_names)
        return
    if plan.metrics and not (cues.UNSUPPORTED.search(text) and not cues.TABLE_ANCHOR.search(text)) \
            and not cues.UNSUPPORTED_MEASURE.search(text):
        _table_intent(plan, sig, text, rest, hits)
        return
    if plan.agencies and cues.IN_REGION.search(text) and cues.BOOLEAN.search(text) and not cues.PASSAGE.search(rest):
        # 鄞州区统计局是宁波市的单位吗？ / Is the Erqi statistics bureau in Henan?: whether the agency is of that place
        places = ([plan.region] if plan.region is not None else []) + list(plan.more_regions) or _places_in(text)
        if places:
            plan.intent, plan.meta, plan.region, plan.more_regions, sig.intent_cue = "meta", "in_region", places[0], [], True
            return
    meta = next((k for k, p in cues.META.items() if p.search(rest)), None)
    if meta is None and cues.META_FALLBACK.search(rest) and not cues.NUMERIC.search(rest):
        meta = "agencies"
    if meta in ("templates", "reports") and plan.template and re.search(r"\bwhose\b|谁的|哪些单位|哪几个单位|哪家", rest):
        meta = "agencies"  # whose reports follow the 2021 template: the agencies, the template choosing them
    if meta == "templates" and plan.template and cues.LISTS_REPORTS.search(rest):
        meta = "reports"  # 哪些报告用的是2021版的年报格式: the reports the template chooses, listed
    if meta in ("templates", "agencies") and plan.template and (
            cues.META["count"].search(rest) or re.search(r"\bcount (the )?(distinct |different |unique )?agencies\b", rest)):
        meta = "count"  # how many agencies use the 2021 template: the agencies it chooses, counted (not its reports)
    if meta == "templates" and plan.template and re.search(r"(几|多少)(份|个|篇)|how many", rest):
        meta = "reports"  # 用2021版模板的报告有几份？: the template chooses the reports counted, it is not asked
    if meta == "templates" and plan.template and cues.BOOLEAN.search(text) and (ents.agencies or ents.region):
        # 洪泽区2023年那份报告用的是2021版的模板吗？: whether its reports are of that template (yes / no)
        plan.intent, plan.meta, sig.intent_cue = "meta", "template_check", True
        return
    if meta and meta != "missing_metric" and cues.META_ANY.search(rest) and not cues.PASSAGE.search(rest):
        plan.intent, plan.meta, sig.intent_cue = "meta", meta, True
        if meta == "regions":  # which provinces / cities are covered: the places at that level
            level = cues.group_dimension(rest)
            plan.group_by = level if level in ("province", "city") else None
            # 属于哪个省哪个市 / which province and city: each level asked, one answer each
            asked = [lv for lv, rx in (("province", _ASKS_PROVINCE), ("city", _ASKS_CITY)) if rx.search(rest)]
            if len(asked) == 2:
                plan.group_by, plan.groups = None, asked
        return
    # a ranking that names no figure (哪个最多？, which one is lowest?) asks for numbers no words of it name
    ranks_nothing = ((cues.is_ranking(rest) or slots.ordinal(rest) is not None or reading.FIRST_PLACE.search(rest))
                     and (cues.WHICH_ONE.search(rest) or "谁" in rest) and not ents.agencies
                     and not cues.PASSAGE.search(rest) and not cues.HOW.search(rest))
    # a number asked (几名, how many) goes to the figures, even with a generic work word (负责…的工作人员有几名):
    # quotes without the number would answer something else
    if cues.UNSUPPORTED.search(text) or cues.UNSUPPORTED_MEASURE.search(text) or (
            cues.NUMERIC.search(rest) and not cues.PASSAGE.search(rest)) or (
            cues.COUNT_ASK.search(text) and not cues.HOW.search(text)) or ranks_nothing:
        plan.intent = "unsupported"
        m = cues.UNSUPPORTED.search(text) or cues.UNSUPPORTED_MEASURE.search(text)
        plan.refusal = m.group(0) if m else "unknown figure"
        plan.confidence = 0.6 if m else 0.35
        if not m:  # a figure the tables lack may still be stated in the prose (全年收取信息处理费0元)
            # table words that matched no row (主动公开了多少条信息) are the figure's words too
            words = rest if plan.metrics else sig.no_names
            plan.terms = [[t] for t in figure_terms(_part_words(plan, words))]
            # (across its 2023 and 2024 reports … in total: each report's stated figure, added up)
            plan.aggregate = "sum" if cues.AGG_SUM.search(rest) or cues.ACROSS_YEARS.search(rest) else None
            asks = _TWO_ASKS.findall(text)
            if len(asks) >= 2:  # how many items …, and how many of those …: two figures asked, one would be read
                plan.unused = [*plan.unused, asks[-1]]
            # the question's own clauses pick the stated number; a quoted name is the figure's own label,
            # kept whole even where it holds a place name (“鼓楼统计”类信息)
            quoted = quoted_labels(text)
            plan.search = re.sub(r"□+", " ", words).strip() + "".join(f" “{q}”" for q in quoted)
            if plan.language == "en":
                _english_figure(plan, text, sig.no_names)
                plan.ratio = "share" if cues.STATED_SHARE.search(text) else plan.ratio
                plan.aggregate = "sum" if cues.AGG_SUM.search(text) or cues.ACROSS_YEARS.search(text) else None
        return
    if not (ents.agencies or cues.PASSAGE.search(rest) or re.search(r"[\u4e00-\u9fff]", text)):
        # no agency, no question about the work, not a word of Chinese (`'; DROP TABLE facts; --`):
        # quoting whatever passage ranks first would be an answer to nothing
        plan.intent, plan.refusal, plan.confidence = "unsupported", "unknown figure", 0.3
        return
    _passages(plan, text, rest, ents)


def _one_column_of_rows(metrics: list[str]) -> Optional[list[str]]:
    """Two or more rows read with one and the same outcome column (upheld of reconsiderations and of lawsuits): that
    column of each row, then each row's total, for a share of the rows together. None otherwise."""
    parts = [m.split(".") for m in metrics]
    if len(parts) < 2 or len({p[2] for p in parts}) != 1 or parts[0][2] == "total" \
            or len({(p[0], p[1]) for p in parts}) != len(parts):
        return None
    totals = [f"{t}.{r}.total" for t, r, _ in parts]
    return list(metrics) + totals if all("total" in valid_cols(t, r) for t, r, _ in parts) else None


# the text holding a figure in two places (有两处说, 两个地方写, the two places the text gives it)
_TEXT_TWICE = re.compile(r"两处|两个地方|两次(说|写|提)|\btwo places\b|\btwice\b|\bboth (places|passages|sentences)\b", re.I)
_TWO_ASKS = re.compile(r"\bhow (?:many|much)\b|多少|几(?!乎|年)", re.I)


def _part_words(plan: Plan, words: str) -> str:
    """A stated figure asked as a share (微博发布的信息占全年发布总数的百分之多少): the words of the part only, the
    base being the total its sentence states; `plan.ratio` says a share is asked. Other questions: `words`."""
    share = cues.STATED_SHARE.search(words)
    if not share:
        return words
    plan.ratio = "share"
    return words[:share.start()] + " " * (share.end() - share.start()) + words[share.end():]


_ADDED_UP = re.compile(r"合计|合起来|加起来|之和|总和|一共|共计|总计|combined|together|in total|all of|both|summed")


def _places_in(text: str) -> list[RegionFilter]:
    """The places an English question names after in / of / within (Is the Erqi bureau in Henan?), in pinyin."""
    from qa.gazetteer import pinyin_places

    words = re.findall(r"\b(?:in|of|within|part of|belong to|belongs to|located in)\s+([a-z][a-z'’-]+)", text)
    return [r for w in words for r in pinyin_places().get(re.sub(r"['’-]", "", w), [])]


_MEMBERS_JOINED = re.compile(r"\b(and|plus)\b|\+|＋|和|加|及|与|、", re.I)


def _group_members_aside(text: str, hits: list[Hit]) -> tuple[list[Hit], list[tuple[int, int]]]:
    """行政诉讼（直接起诉和复议后起诉合计）/ lawsuits (direct and after review combined): an aside naming a group's
    members as added up says what the group row before it is made of; its rows are no figures of their own, and
    its words (direct) narrow the group to no member. The hits left, and the spans of such asides."""
    out = list(hits)
    spans: list[tuple[int, int]] = []
    for m in reading.ASIDE.finditer(text):
        # (the members joined, direct plus after reconsideration, say the same: a narrowing names one member alone)
        if not (_ADDED_UP.search(m.group(0)) or _MEMBERS_JOINED.search(m.group(0))):
            continue
        inside = [h for h in out if h.kind == "row" and m.start() <= h.start and h.end <= m.end()]
        before = [h for h in out if h.kind == "row" and h.end <= m.start()]
        if not inside or not before:
            continue
        group = before[-1].target
        members = set(member_rows(group))
        if members and all(h.target in members for h in inside):
            out = [h for h in out if h not in inside]
            spans.append(m.span())
    return out, spans


GENERIC_FIGURE_WORDS = ("主动公开", "发布", "政府信息")  # what is published, not where: the channel names the figure


def _english_figure(plan: Plan, text: str, no_names: str) -> None:
    """An English question about a figure of the prose (items published on Weibo, the on-time reply rate):
    the Chinese words the reports use, for the stated-figure search, and how the figure is counted. Not
    when the question has content words none of that reads (how many *followers* the WeChat account has):
    the figure found would be another one."""
    terms, measure = english_figure_terms(text)
    if prose_terms.uncovered(no_names) or _COUNTS_REPORTS.search(text):
        # (how many of the reports were filed by statistics bureaus: reports or agencies counted, no prose figure)
        plan.terms, plan.search = [], ""
        return
    # a Chinese label the question quotes (how many '鼓楼统计' items) is the thing counted, whole: a place
    # name inside it was taken as the question's scope
    quoted = [q for q in quoted_labels(text) if re.search(r"[\u4e00-\u9fff]", q)]
    if quoted:
        plan.terms = [[q] for q in quoted]
        plan.search = "".join(t for t in terms if t in GENERIC_FIGURE_WORDS) + "，" + f"“{quoted[-1]}”多少{measure or ''}"
        return
    # with the Chinese words the question already holds (pinyin read as Chinese: Weibo → 微博)
    terms = list(dict.fromkeys([*terms, *(g[0] for g in plan.terms if g)]))
    if terms and all(t == "发布" for t in terms):
        return  # only "published": what was published is in words not read (statistical data releases)
    if terms:
        # the words that name the figure (the channel, the thing counted) are what a stating sentence must
        # hold; "published", "government information" are in every sentence about publishing
        plan.terms = [[t] for t in terms if t not in GENERIC_FIGURE_WORDS] or [[t] for t in terms]
        # written as a Chinese question would be: what is done first, what it is counted on right before 多少
        # (主动公开，微博多少条), so the stated number is read from the clause that names the thing counted
        verbs = [t for t in terms if t in GENERIC_FIGURE_WORDS]
        named = [t for t in terms if t not in GENERIC_FIGURE_WORDS] or verbs[-1:]
        ask = f"多少{measure}" if measure else "多少"
        plan.search = "".join(t for t in verbs if t not in named) + "，" + "".join(named) + ask


def _passages(plan: Plan, text: str, rest: str, ents: Entities) -> None:
    plan.intent = "passages"
    # question words, never part of a name; or a figure's own noun ending the question (…公开政府信息条数。)
    plan.wants_number = bool(cues.COUNT_ASK.search(text) or cues.FIGURE_NOUN.search(text))
    if plan.wants_number:  # the figure's words, to find the sentence that states it (as for unknown figures)
        plan.terms = [[t] for t in figure_terms(_part_words(plan, rest))]
    plan.section = cues.section_for(text)
    if plan.section == "五":
        problems, measures = bool(cues.PROBLEM_WORDS.search(rest)), bool(cues.MEASURE_WORDS.search(rest))
        plan.part = "problems" if problems and not measures else "measures" if measures and not problems else None
    plan.search = passage_query(text, ents)
    plan.confidence = 0.8 if (ents.agencies or cues.PASSAGE.search(rest)) else 0.4
    listed = _LIST_ASKED.search(rest)
    if listed and not ents.agencies and not plan.wants_number:
        # which reports say so (which ones state in section 六 that …): a list of reports under a condition
        # on their text, which quotes of the best-matching passages do not answer; withheld, said why
        plan.unused.append(listed.group(0))


# a list of reports or agencies asked (which ones, 哪些单位/年报): not what quoting passages gives
_LIST_ASKED = re.compile(r"(哪些|哪几)(份|个|家)?(报告|年报|单位)|\bwhich (ones|reports|agencies)\b", re.I)


# a section named outright, by its number (第五部分, section 5, part five, （五） after "section") or its title's
# words (the section on problems and improvements): where a mention is looked for. Words that only lean towards a
# section (training, website) name none here: a mention is looked for everywhere then.
_SECTION_TITLED = (("五", re.compile(r"存在的主要问题|(问题|不足)(及|和|与)改进|section (on|about|covering) (the )?(main )?"
                                    r"(problems|shortcomings|issues)|(problems?|shortcomings?|issues)[- ](and|&)[- ]"
                                    r"improvements?[- ]section|section on improvements?", re.I)),
                   ("六", re.compile(r"其他需要报告|section on other matters|other matters to report", re.I)))
_SECTION_AFTER_WORD = re.compile(r"\b(section|part)\b[^?.]{0,60}?[（(]\s*([一二三四五六])\s*[)）]|(第|部分)[^，,。？?]{0,4}[（(]\s*"
                                 r"([一二三四五六])\s*[)）]", re.I)


def _section_named(text: str) -> Optional[str]:
    if numbered := cues.section_numbered(text):
        return numbered
    if m := _SECTION_AFTER_WORD.search(text):
        return m.group(2) or m.group(3)
    return next((number for number, pattern in _SECTION_TITLED if pattern.search(text)), None)


# a share of a base the turn names (as a percentage of all the applications, 占…的比例)
_SHARE_OF = re.compile(r"\bas an? (percentage|share|proportion|fraction) of\b|\bwhat (percentage|share|proportion|"
                       r"fraction) of\b|(?<![\u4e00-\u9fff])占", re.I)
_ASKED_MEASURE = re.compile(r"(?<![这那哪])(多少|几)\s*(万元|元|条|件|个|项|次|期|篇|场|份|起|名|人|家|位|钱|块)")
# how many reports or agencies (not how many requests: how many of them were not processed, without good reason)
_COUNTS_REPORTS = re.compile(r"(多少|几)\s*(份|个|家)(年报|报告|单位|机关|部门)?|\bhow many\b[^?]{0,30}\b(reports?|agencies|"
                             r"offices|bureaus|units|departments|governments)\b", re.I)


def _asks_mentions(plan: Plan, text: str, rest: str, ents: Entities) -> bool:
    """Which reports mention X (or: does this agency's report mention X)."""
    if not cues.MENTION.search(text):
        return False
    term = cues.MENTION_TERM_ZH.search(text) or cues.MENTION_TERM_EN.search(text)
    if term and re.match(r"\s*(哪|什么|多少|几|\bwhich\b|\bwhat\b|\bhow many\b)", term.group(1), re.I):
        return False  # 涉及哪些城市, covers which provinces: what the store covers is asked, no word to look for
    if cues.WHICH_REPORTS.search(rest) and (not plan.metrics or cues.STRONG_MENTION.search(text)):
        return True
    if cues.WHICH.search(rest):  # a metric word after "talk about" is part of the topic, not a figure asked
        return (not plan.metrics or bool(cues.STRONG_MENTION.search(text))) and not ents.agencies
    return bool(ents.agencies and cues.STRONG_MENTION.search(text) and cues.BOOLEAN.search(text))


def _table_intent(plan: Plan, sig: Signals, text: str, rest: str, hits: list[Hit]) -> None:
    n_agencies = len(plan.agencies)
    sig.intent_cue = True
    if len(plan.metrics) == 1 and plan.metrics[0].startswith("active.") and cues.ITEMS.search(text) \
            and cues.YEAR_BEFORE.search(text) and not cues.YOY.search(text) and (len(plan.years) <= 1 or _ITEMS_OF_YEAR_BEFORE.search(text)):
        # how many 行政强制 items did they have the year before?: the 2019 template's previous-year item count
        table, row, _ = plan.metrics[0].split(".")
        if "prev_items" in valid_cols(table, row):
            plan.metrics = [f"{table}.{row}.prev_items"]
    # (an aside in brackets saying a template lacks a block — （2021版模板没有采购栏） — scopes the question, asks nothing)
    unbracketed = re.sub(r"[（(][^）)]{0,40}[）)]", lambda m: " " * len(m.group(0)), rest)
    if (cues.META["missing_metric"].search(unbracketed) or cues.MISSING_FIGURE.search(text)) and (
            cues.WHICH.search(rest) or _COUNTS_REPORTS.search(text)):  # which reports / how many reports lack it
        plan.intent, plan.meta = "meta", "missing_metric"
    elif n_agencies == 0 and cues.WHICH.search(rest) and cues.ZERO.search(text) and not cues.NONZERO.search(text):
        plan.intent, plan.zero, plan.order = "rank", True, "asc"
    elif (cues.GROWTH.search(rest) or (cues.SHARE.search(rest) and cues.CHANGE.search(rest))) and n_agencies < 2:
        # (in percent, how much did it grow: a change asked in percent is a growth rate, not a share)
        plan.intent, plan.ratio, plan.yoy = "ratio", "growth", True
        # 下降了百分之几 asks for a fall (answered positive); （下降记负数）, an aside on how to write it, does not
        plan.boolean = "less" if cues.DOWN.search(reading.ASIDE.sub(" ", rest)) else None
    elif cues.PER_UNIT.search(rest) or cues.SHARE.search(rest):
        plan.intent, plan.ratio = "ratio", "per_unit" if cues.PER_UNIT.search(rest) else "share"
        plan.part_of_whole = plan.ratio == "share" and bool(cues.PART_OF_WHOLE.search(text))
        # per project, how much more did A spend than B: each agency's ratio, the first less the second
        plan.gap = n_agencies == 2 and bool(cues.DIFFERENCE.search(rest) or cues.DIFFERENCE.search(text))
        if plan.ratio == "share" and len(plan.metrics) == 1 and len(plan.years) == 1 and (cues.YOY.search(rest) or re.search(
                r"(相当于|是|占|为)(其)?(上一?年度?|去年|前一年)|\bof (the )?(previous|prior) year('s)?|\bof the year before", rest)) \
                and not any(m.endswith(".prev_items") for m in plan.metrics):
            # 2024年…相当于前一年的百分之多少: the year named over the year before it
            year = plan.years[0]
            plan.years, plan.year_order = [year - 1, year], [year, year - 1]
        summed = _summed_share(plan.metrics, text) if plan.ratio == "share" else None
        based = _summed_base(plan.metrics, hits, rest) if plan.ratio == "share" and not summed else None
        # (A占B的比例, A as a share of B: the base named, not the rows' totals)
        named_base = re.search(r"占(?!比|多少|多大|多高|多重|几|百分|了|到)[^，,。？?]{0,4}□|\bas an? (share|percentage|proportion|"
                               r"fraction) of\b|\brelative to\b|\bcompared (with|to)\b", rest)
        same_col = _one_column_of_rows(plan.metrics) if plan.ratio == "share" and not summed and not based \
            and not named_base else None
        if summed:  # A和B加起来占C的比例: the first figures added up over the base
            plan.metrics, plan.numerator = summed, len(summed) - 1
        elif based:  # A占B、C、D三类的总数: the figure over the named figures added up
            plan.metrics, plan.numerator = based, 1
        elif same_col:
            # of all its reconsideration and lawsuit cases, what percentage were upheld: the column over the rows,
            # each added up (维持 of both over the total of both), not one row's column over the other's
            plan.metrics, plan.numerator = same_col, len(same_col) // 2
        elif plan.ratio == "share" and len(plan.metrics) >= 3:
            # three figures and a share, with nothing saying which are added up (A和B占C: together, or each?):
            # not answered by dropping one of them
            from qa.outcome import metric_name
            plan.unused = [*plan.unused, reading.FIGURES + " | ".join(metric_name(m, plan) for m in plan.metrics)]
        elif plan.ratio == "share" and len(plan.metrics) == 2 and (
                added := cues.SUMMED_SHARE.search(reading.ASIDE.sub(" ", text))):
            # (an aside saying how one row is made up, 不予公开（八类合计）, adds no figure)
            # figures added up over a base (公开加部分公开一共占新收的百分之多少) with one of the added ones not read
            # (公开 alone): the share of the one read would answer another question
            plan.unused = [*plan.unused, added.group(0)]
        else:
            zhan = bool(re.search(r"占(?!比|多少|多大|多高|多重|几|百分|了|到)", rest))
            if plan.ratio == "share" and zhan and len(_row_columns(plan.metrics, hits)) == 2:
                plan.metrics = _row_columns(plan.metrics, hits)  # 规章本年新公开数量占对外公开总数量: one row's columns
            plan.metrics = (_per_unit_metrics(rest, hits, plan.metrics) if plan.ratio == "per_unit"
                            # A占B的比例 names its base second; B中，A的占比 / A占多少 name it where they like
                            # (占多大比例 asks, it names no base: 办结的申请中，予以公开占多大比例 names it first)
                            else _share_metrics(_around_zhan(plan.metrics, hits, rest),
                                                bool(re.search(r"占(?!比|多少|多大|多高|多重|几|百分|了|到)", rest))))
        if n_agencies != 1 and (cues.RANK.search(rest) or cues.WHICH_ONE.search(rest)):
            plan.order = cues.rank_order(rest)
            plan.limit = cues.top_n(rest) or (1000 if cues.RANK_LIST.search(rest) or cues.WHICH_MANY.search(rest) else 1)
    elif _year_intent(plan, text, rest, n_agencies):
        pass
    elif n_agencies == 1 and (plan.organ or plan.agency_kind) and not plan.organ_out and cues.BOOLEAN.search(text) \
            and re.search(r"比|较|\bthan\b", rest) and (cues.MORE.search(rest) or cues.LESS.search(rest)) \
            and (cues.GROUP_ADDED.search(rest) or reading.AVERAGE.search(rest)):
        # did Wenquan receive more than all four statistics bureaus put together? / 温泉街道比几个统计局加起来还多吗:
        # the agency's figure against the kind's total (鹿城区统计局比四家统计局的平均数高吗: against their average)
        plan.intent, plan.places_compared, plan.versus_group = "compare", True, True
        plan.aggregate = "avg" if reading.AVERAGE.search(rest) and not cues.GROUP_ADDED.search(rest) else "sum"
        plan.boolean = "less" if cues.asks_less(rest) else "more"
    elif n_agencies == 0 and plan.region is not None and len(plan.more_regions) == 1 and cues.BOOLEAN.search(text) \
            and re.search(r"比|较|\bthan\b", rest) and (cues.MORE.search(rest) or cues.LESS.search(rest)):
        # 浙江的单位采购总额比福建的单位高，对吧？ / is Zhejiang's total bigger than Fujian's?: each place's total
        plan.intent, plan.aggregate, plan.places_compared = "compare", "sum", True
        plan.boolean = "less" if cues.asks_less(rest) else "more"
    elif len(_row_columns(plan.metrics, hits)) == 2 and n_agencies <= 1 and len(plan.years) <= 1 \
            and not plan.group_by and (cues.DIFFERENCE.search(rest) or cues.DIFFERENCE.search(text)):
        # two figures of one agency (or place) against each other: 复议后起诉的比直接起诉的多几件, two rows; 维持的
        # 比纠正的多几件, two columns of one row
        plan.intent, plan.aggregate, plan.metrics = "difference", None, _row_columns(plan.metrics, hits)
    elif len(_row_columns(plan.metrics, hits)) == 2 and n_agencies <= 1 and len(plan.years) <= 1 \
            and not plan.group_by and cues.BOOLEAN.search(text) and ((re.search(r"比|较|\bthan\b", rest) and (
                cues.MORE.search(rest) or cues.LESS.search(rest))) or reading.SAME_ASKED.search(rest)):
        # two figures of one agency against each other, asked yes / no (were there more licensing decisions than
        # penalty decisions? 许可决定比处罚决定多吗): the gap's sign; or whether they are the same (新收申请和予以公开一样多吗)
        plan.intent, plan.aggregate, plan.metrics = "difference", None, _row_columns(plan.metrics, hits)
        plan.boolean = _asked_direction(rest)
    elif n_agencies >= 2 and (cues.DIFFERENCE.search(rest) or cues.DIFFERENCE.search(text)):
        plan.intent = "difference"  # on the whole text too: 多多少钱 holds the metric word 多少钱
    elif n_agencies >= 2 and cues.WHO_MORE.search(rest):
        plan.intent, plan.limit = "rank", 1
        plan.order = "asc" if cues.WHO_LESS.search(rest) else "desc"
    elif cues.BOOLEAN.search(text) and n_agencies >= 2:
        plan.intent = "compare"
        plan.boolean = _asked_direction(rest)  # (A和B一样多吗 / did A and B receive the same number: equal)
        times = slots.multiple(rest)  # more than twice as many as B, 连B的一半都不到: against a multiple of B
        plan.factor = times[0] if times and plan.boolean != "equal" else None
    elif cues.is_ranking(rest) or (re.search(r"哪个|哪家|哪一|哪些|哪几|谁|\bwhich\b|\bwho\b", rest) and n_agencies == 0):
        plan.intent = "rank"
        plan.order = cues.rank_order(rest)
        plan.limit = cues.top_n(rest)
        # an order asked for (从高到低, highest first) with no "which" or 最 in it is the whole ranking
        # (the order's own words are no superlative: "most to fewest" asks the whole ranking in that order)
        unordered = cues.RANK_DESC_EXPLICIT.sub(" ", cues.RANK_ASC_EXPLICIT.sub(" ", rest))
        ordered = (cues.RANK_DESC_EXPLICIT.search(rest) or cues.RANK_ASC_EXPLICIT.search(rest)) and not \
            re.search(r"哪|最|\bwhich\b|\bwho\b|\b(most|least|highest|lowest|fewest)\b(?! first)", unordered)
        if not cues.RANK_LIST.search(rest) and plan.limit is None and not ordered and (
                not cues.WHICH_MANY.search(rest) or _EXTREME_ASKED.search(rest)):
            plan.limit = 1  # (最少的是哪几家 / which agencies had the fewest: the extreme, ties and all)
        plan.answer_place = bool(cues.WHICH_PLACE.search(text))
    elif n_agencies >= 2 and (cues.AGG_SUM.search(rest) or cues.SUM_OF.search(text)) and not cues.COMPARE.search(rest):
        plan.intent, plan.aggregate = "aggregate", "sum"  # A和B的采购金额加起来是多少 / add up A's and B's spending
    elif n_agencies >= 2 or cues.COMPARE.search(rest) and n_agencies >= 2:
        plan.intent = "compare"
    elif n_agencies == 1 and len(plan.metrics) >= 2 and cues.SUM_OF.search(text):
        plan.intent, plan.aggregate = "lookup", "sum"  # 洪泽区政府的复议和诉讼案件合计多少
    elif n_agencies == 1 and cues.AGG_SUM.search(rest) and (cues.ACROSS_YEARS.search(rest) or len(plan.years) >= 2):
        plan.intent, plan.aggregate = "aggregate", "sum"  # 洪泽区政府两年合计收到多少件申请
    elif n_agencies == 1 and cues.AGG_AVG.search(rest) and (cues.ACROSS_YEARS.search(rest) or len(plan.years) >= 2):
        plan.intent, plan.aggregate = "aggregate", "avg"  # 洪泽区政府两年平均每年收到多少件申请: over its reports
    elif (cues.TREND.search(rest) and not cues.AGG_AVG.search(rest)) or (n_agencies <= 1 and len(plan.years) >= 2 and not (
            cues.AGG_SUM.search(rest) or cues.AGG_AVG.search(rest) or cues.AGG_COUNT.search(rest))):
        # two years asked of one agency, a place or everything, and no total asked: year by year
        plan.intent = "trend"
    elif n_agencies == 0 and not plan.ambiguous and not plan.unknown:
        plan.intent = "aggregate"
        plan.aggregate = ("count" if cues.AGG_COUNT.search(rest) else "avg" if cues.AGG_AVG.search(rest) else "sum")
        if len(plan.metrics) >= 2 and plan.aggregate == "sum" and not (
                cues.AGG_SUM.search(rest) or cues.SUM_OF.search(text)):
            plan.aggregate = None  # 复议和诉讼分别多少 over a place: each figure's total, not one sum of both
        sig.intent_cue = bool(cues.AGG_SUM.search(rest) or cues.AGG_AVG.search(rest) or cues.AGG_COUNT.search(rest)
                              or plan.region is not None)
    else:
        plan.intent = "lookup"
        sig.intent_cue = False
    plan.confidence = 0.9 if sig.intent_cue or n_agencies else 0.7


# requests carried over from 2019 are the next report's row carried in (2020's 上年结转); carried into 2021, the
# previous report's row carried out. Family: carry-over questions that name the year on the other side.
_CARRIED_FROM = re.compile(r"\bcarr(?:y|ied|ies|ying)\b(?:\s+[\w'-]+){0,3}?\s+(?:over|forward)\s+from\s+((?:19|20)\d\d)\b|"
                           r"从\s*((?:19|20)\d\d)\s*年度?结转", re.I)
_CARRIED_INTO = re.compile(r"\bcarr(?:y|ied|ies|ying)\b(?:\s+[\w'-]+){0,3}?\s+(?:over|forward)\s+(?:into|to)\s+((?:19|20)\d\d)\b|"
                           r"结转(?:到|至|进)\s*((?:19|20)\d\d)\s*年", re.I)


def _carried_between_years(text: str, metrics: list[str], years: list[int], year_order: list[int]):
    """(metrics, years, year order) with a carry-over named by the year on the other side read as the report
    that prints it: carried over from 2019 → 2020's carried_in; carried into 2021 → 2020's carried_out."""
    for rx, row, step in ((_CARRIED_FROM, "carried_in", 1), (_CARRIED_INTO, "carried_out", -1)):
        m = rx.search(text)
        if not m or any(not k.startswith(("requests.new.", f"requests.{row}.")) for k in metrics):
            continue
        named = int(m.group(1) or m.group(2))
        if named not in years:
            continue
        shift = {named: named + step}
        cols = [k.rsplit(".", 1)[1] for k in metrics] or ["total"]
        return ([f"requests.{row}.{c}" for c in dict.fromkeys(cols)], sorted({shift.get(y, y) for y in years}),
                [shift.get(y, y) for y in year_order])
    return metrics, years, year_order


_AFTER_REVIEW = re.compile(r"复议后|经复议|经过复议|先.{0,4}复议|复议.{0,3}(再|又|然后|之后).{0,3}(起诉|诉讼)|"
                           r"\b(after|following|post)[- ](administrative )?(reconsideration|review)\b", re.I)


def _change_verbs(hits: list[Hit], text: str, years: list[int]) -> list[Hit]:
    """"By what percent did its fee income change from 2023 to 2024?": with two years named, the verb change
    (变化) is the comparison of the years, not the template's 本年增/减 column, which is read only when written
    as the column (增/减, net change). The hits without those verbs. Family: growth and difference questions
    over two years, in any wording."""
    if len(set(years)) < 2:
        return hits
    return [h for h in hits if not (h.kind == "col" and h.target == "change"
                                    and re.fullmatch(r"(?i)chang(e|ed|es|ing)|变化|变动", text[h.start:h.end].strip()))]


def _year_intent(plan: Plan, text: str, rest: str, n_agencies: int) -> bool:
    """Questions comparing report years (set the plan and return True), else False."""
    which = bool(cues.WHICH.search(rest))
    # (the previous year's item count named as the figure, 上一年项目数量 / items carried over from the previous
    # year, is a column of this year's report: no second year is asked)
    yoy = bool(cues.YOY.search(rest)) and not any(m.endswith(".prev_items") for m in plan.metrics)
    if (yoy or cues.CHANGE.search(rest)) and not which and cues.ITEMS.search(text) and _to_change_column(plan):
        plan.intent = "lookup"  # 行政处罚事项比上一年增加了多少项: the printed 本年增/减
        return True
    if yoy and cues.BOOLEAN.search(text) and n_agencies <= 1 and not which:
        plan.intent, plan.yoy = "compare", True  # 洪泽区政府的申请比上一年多吗？ (和上一年持平吗: equal)
        plan.boolean = _asked_direction(rest)
    elif yoy and (n_agencies >= 2 or which):
        plan.intent, plan.yoy = "difference", True  # which agencies went up (down) on the year before
        plan.boolean = "less" if cues.DOWN.search(rest) else "more"
    elif cues.DIFFERENCE.search(rest) and n_agencies >= 2:
        return False  # two agencies against each other
    elif not yoy and len(set(plan.metrics)) >= 2 and len(plan.years) < 2:
        # two figures of one year against each other (by how many did licensing exceed penalties?): their gap
        if cues.BOOLEAN.search(text) or not re.search(r"\bexceed|\bthan\b|比", rest) or not (
                cues.DIFFERENCE.search(rest) or re.search(r"\bby how (many|much)\b|\bhow (many|much) more\b", text)):
            return False  # (were there more licensing decisions than penalty decisions?: the yes / no reading's)
        plan.intent = "difference"
    elif yoy or cues.CHANGE.search(rest) or (len(plan.years) >= 2 and (
            cues.DIFFERENCE.search(rest) or cues.DIFFERENCE.search(text))):  # 少了多少钱: 多少钱 is the metric's
        # the size of a change between two years: of one agency, or of everything in scope added up
        plan.intent, plan.yoy, plan.aggregate = "difference", len(plan.years) < 2, "sum"
        # (多了还是少了？…比2023年多了几件？: the direction of the clause that asks, the last one saying one)
        said = next((c for c in reversed(re.split(r"[?？。；;!！]", rest)) if cues.DOWN.search(c) or cues.UP.search(c)), rest)
        plan.boolean = "less" if cues.DOWN.search(said) and not cues.UP.search(said) else "more" if cues.UP.search(said) \
            else "less" if cues.DOWN.search(said) else None
        if plan.boolean and len(plan.years) == 2 and _HELD_AGAINST.search(rest) \
                and _subject_year(text) == min(plan.years):
            # the earlier year held against the later (2023年比2024年多了多少, how much higher in 2023 than in
            # 2024): the asked difference is the earlier minus the later, the change's other sign
            plan.boolean = "less" if plan.boolean == "more" else "more"
    elif cues.BOOLEAN.search(text) and n_agencies <= 1 and len(plan.years) == 2 and not which:
        # one agency, two years: the answer compares the later year with the earlier one
        plan.intent = "compare"
        if _asked_direction(rest) == "equal":  # (2023年和2024年一样多吗, unchanged from 2023 to 2024?: the same)
            plan.boolean = "equal"
            return True
        if (by := changed_by_part(rest)) is not None:
            # fell by more than half (later < 0.5 × earlier), 增长超过30% (later > 1.3 × earlier)
            plan.boolean, plan.factor = by
            return True
        if not re.search(r"比|较|than", rest) and (cues.UP.search(rest) or cues.DOWN.search(rest)):
            # a change over time (went up from 2023 to 2024, 是否下降了): the later year against the earlier
            plan.boolean = "less" if cues.DOWN.search(rest) else "more"
            return True
        less = cues.asks_less(rest)
        # (from 2023 to 2024: a change over time, the later year is what is measured, whichever is written first)
        first = _subject_year(text) or (None if _FROM_TO.search(text) else cues.first_year(text))
        times = slots.multiple(rest)  # (was 2024's count more than ten times 2023's: against 10 × the other year)
        plan.factor = times[0] if times else None
        if first is not None and first == min(plan.years):
            less = not less  # "2023年比2024年多吗" = "was 2024 lower than 2023"
            plan.factor = 1 / plan.factor if plan.factor else None  # (2023 > 10 × 2024 = 2024 < 2023 / 10)
        plan.boolean = "less" if less else "more"
    else:
        return False
    return True


_MINUS_WORD = re.compile(r"减去?|\bminus\b|\bless\b(?= (its|the|their|that|hongze|\d))", re.I)


def _minus_order(text: str, years: list[int]) -> Optional[list[int]]:
    """The years of a subtraction as written (2024减2023, 2023 行政强制 count minus its 2024 count): the last year
    named before the minus word first, the first named after it second; None when it does not say both."""
    for m in _MINUS_WORD.finditer(text):
        before = [int(y.group(0)[:4]) for y in re.finditer(r"(?<!\d)(19|20)\d\d(?!\d)", text[:m.start()])]
        after = [int(y.group(0)[:4]) for y in re.finditer(r"(?<!\d)(19|20)\d\d(?!\d)", text[m.end():])]
        if before and after and before[-1] != after[0] and {before[-1], after[0]} <= set(years):
            return [before[-1], after[0]]
    return None


# the extreme asked with a plural which (最少的是哪几家, 最多的有哪些, which agencies had the fewest): those at it
_EXTREME_ASKED = re.compile(r"最(多|少|高|低|大|小)的?(单位|年报|报告|机关)?(是|有|为)?(哪几|哪些)|"
                            r"\bwhich ([a-z]+ ){0,2}(had|have|has|made|received|got|spent|issued|reported) the "
                            r"(most|fewest|least|highest|lowest|largest|smallest)\b", re.I)
# one thing held against another (比, 较, than, compared with, versus, relative to)
_HELD_AGAINST = re.compile(r"比|较|\bthan\b|\bcompared? (with|to)\b|\bcompare (it )?(with|to)\b|\bversus\b|\bvs\.?(?=\s)|"
                           r"\brelative to\b|\bagainst\b", re.I)
_FROM_TO = re.compile(r"\bfrom\b[^?]{0,20}\b(19|20)\d\d\b[^?]{0,12}\bto\b|从[^，。？?]{0,8}(19|20)\d\d[^，。？?]{0,8}(到|至)", re.I)
# a change by a part of the earlier figure (fell by more than half, rose by over 30%, 减少了一半以上, 增长不到20%):
# the later year against (1 ∓ part) × the earlier. Family: yes / no on one figure's change between two years.
_CHANGED_BY_EN = re.compile(
    r"\b(?P<verb>fall|falls|fell|fallen|drop|drops|dropped|decline|declines|declined|decrease|decreases|decreased|"
    r"shrink|shrinks|shrank|go down|went down|gone down|rise|rises|rose|risen|grow|grows|grew|grown|increase|"
    r"increases|increased|go up|went up|gone up)\s+(?:by\s+)?(?P<cmp>more than|over|at least|less than|under|"
    r"fewer than)\s+(?P<part>(?:a )?half|\d+(?:\.\d+)?\s*(?:%|percent))", re.I)
_CHANGED_BY_ZH = re.compile(r"(?P<verb>减少|下降|降低|下跌|增加|增长|上升|提高)了?\s*(?P<cmp>超过|逾|不到|不足)?\s*"
                            r"(?P<part>一半|\d+(?:\.\d+)?\s*[%％])\s*(?P<after>以上|多|以下)?")
_DOWN_VERB = re.compile(r"fall|fell|drop|declin|decreas|shr|down|减少|下降|降低|下跌", re.I)


def changed_by_part(text: str) -> Optional[tuple[str, float]]:
    """(boolean, factor) of a change by a stated part: is the later figure more / less than factor × the earlier."""
    m = _CHANGED_BY_EN.search(text) or _CHANGED_BY_ZH.search(text)
    if not m:
        return None
    said = (m.group("cmp") or "") + (m.groupdict().get("after") or "")
    if not said:
        return None  # (减少了一半: about half, no bound to check)
    beyond = not re.search(r"less|under|fewer|不到|不足|以下", said, re.I)
    part = m.group("part")
    frac = 0.5 if "half" in part or "一半" in part else float(re.sub(r"[^\d.]", "", part)) / 100
    down = bool(_DOWN_VERB.search(m.group("verb")))
    factor = 1 - frac if down else 1 + frac
    # down by more than the part: later below (1 - part) × earlier; up by more: later above (1 + part) × earlier
    return ("less" if beyond else "more") if down else ("more" if beyond else "less"), factor


# heading → heading → cell; or the template's numbered headings in a row (三、本年度办理结果（五）不予处理 1.信访…)
TEMPLATE_PATH = re.compile(r"→|->|=>|＞|(?<![0-9])>(?![0-9=])|》|"
                           r"[一二三四五六七]、[^，,。？?]{0,14}[（(][一二三四五六七八九十][)）][^，,。？?]{0,14}\d\s*[.．、]")
NAMED_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])|(?<![0-9])([0-9]{2})\s*年|['’]([0-9]{2})\b")


def _subject_year(text: str) -> Optional[int]:
    """The year a comparison holds against another: the last year named (2023, 2023年, 23年, '23) before its
    比 / 较 / than (2023年比2024年多…, higher in 2023 than in 2024); None when no year comes before it (a
    year named in an earlier clause, 23年收了21件…；24年比它多…, is the other one only if it comes right
    before the 比)."""
    # (A跟B比 / A和B相比: the comparison starts at 跟, B is the other one)
    cut = re.search(r"(?:跟|和|与|同)[^，,。；;跟和与同]{0,12}?相?比|比|较|\bthan\b|\bcompared? (?:with|to)\b|\bversus\b|"
                    r"\bvs\.?(?=\s)|\brelative to\b", text)
    if not cut:
        return None
    found = list(NAMED_YEAR.finditer(text[:cut.start()]))
    if not found:
        return None
    m = found[-1]
    return int(m.group(1)) if m.group(1) else 2000 + int(m.group(2) or m.group(3))


def _to_change_column(plan: Plan) -> bool:
    """Point the metric at its row's 本年增/减 column, when the row has one."""
    table, row, col = plan.metrics[0].split(".")
    if table != "active" or "change" not in valid_cols(table, row) or col not in ("decisions", default_col(table, row)):
        return False
    plan.metrics = [f"{table}.{row}.change"]
    return True


def _per_unit_metrics(rest: str, hits: list[Hit], metrics: list[str]) -> list[str]:
    cue = cues.PER_UNIT.search(rest)
    table, row, _ = metrics[0].split(".")
    cols = [h for h in hits if h.kind == "col"]
    # the base is a count (per project), the figure divided usually money: 采购项目平均每个多少钱 divides the
    # amount by the projects although the money word comes after 每个
    counts = [h for h in cols if h.target != "amount"]
    after = [h for h in counts if h.start >= cue.start()]
    den = (after or counts)[0].target if counts else ("projects" if row == "procurement" else None)
    num = next((h.target for h in cols if h.target == "amount" and h.target != den), None) or \
        next((h.target for h in cols if h.target != den), None) or default_col(table, row)
    if den is None or num == den:
        return metrics
    return [f"{table}.{row}.{num}", f"{table}.{row}.{den}"]


def _summed_share(metrics: list[str], text: str) -> Optional[list[str]]:
    """Three or more figures and a share of their sum (予以公开和部分公开加起来占办理总数的百分比, granted and
    partly granted together as a share of handled): the added figures first, the base last — the base row
    (handled, new) if exactly one is named, else the figure named last. None otherwise."""
    if len(metrics) < 3 or not cues.SUMMED_SHARE.search(text):
        return None
    bases = [m for m in metrics if m.rsplit(".", 1)[0] in BASE_ROWS]
    base = bases[0] if len(bases) == 1 else metrics[-1]
    return [m for m in metrics if m != base] + [base]


def _summed_base(metrics: list[str], hits: list[Hit], rest: str) -> Optional[list[str]]:
    """A占B、C、D三类处理决定总数的比例 / A as a share of B, C and D combined: after 占 (of), two or more rows
    joined by 、/和/与 (and) are the base, added up; the row named before it is the figure. None otherwise."""
    m = re.search(r"占(?!比|多少|多大|多高|多重|几|百分|了|到)|\b(share|percentage|proportion) of\b", rest)
    if not m:
        return None
    rows = [h for h in sorted(hits, key=lambda h: h.start) if h.kind == "row"]
    before = [h for h in rows if h.start < m.start()]
    after = [h for h in rows if h.start > m.start()]
    if not before or len({h.target for h in after}) < 2:
        return None
    joined = all(re.fullmatch(r"\s*(、|，|,|和|与|及|以及|and|or|/)\s*", rest[a.end:b.start])
                 for a, b in zip(after, after[1:]))
    if not joined:
        return None
    key_of = {m_.rsplit(".", 1)[0]: m_ for m_ in metrics}
    num = key_of.get(before[-1].target)
    col = num.rsplit(".", 1)[1] if num else None
    bases = list(dict.fromkeys(f"{h.target}.{col}" for h in after))
    if num is None or any(b.rsplit(".", 1)[0] not in key_of and b not in known_keys() for b in bases):
        return None
    return [num, *bases]


# the word a share turns on: the part before it, the base after it (A占B, A相当于B的百分之几, A as a percentage of B)
_PIVOT = re.compile(r"占(?!比|多少|多大|多高|多重|几|百分|了|到)|相当于|\bas an? (share|percentage|proportion|fraction) of\b|"
                    r"\b(is|was|are|were) what (share|percentage|proportion|fraction|percent) of\b|\brelative to\b", re.I)


def _around_zhan(metrics: list[str], hits: list[Hit], rest: str) -> list[str]:
    """A占B: the figure named last before 占 over the first named after it (办理结果里，“本机关不掌握”占办理总数: the
    row named first only says where the figure sits). `metrics` as read when the two sides are not both found."""
    m = _PIVOT.search(rest)
    if not m or len(metrics) != 2:
        return metrics

    def spots(key: str) -> list[int]:
        row = key.rsplit(".", 1)[0]
        return [h.start for h in hits if h.kind == "row" and h.target == row]

    before = {k: max((p for p in spots(k) if p < m.start()), default=None) for k in metrics}
    after = {k: min((p for p in spots(k) if p > m.start()), default=None) for k in metrics}
    nums = [k for k in metrics if before[k] is not None]
    dens = [k for k in metrics if after[k] is not None]
    if not nums or not dens:
        return metrics
    num = max(nums, key=lambda k: before[k])
    den = min((k for k in dens if k != num), key=lambda k: after[k], default=None)
    return [num, den] if den else metrics


def _row_columns(metrics: list[str], hits: list[Hit]) -> list[str]:
    """One row with two of its columns named (规章本年新公开数量占对外公开总数量, 行政复议维持的比纠正的多几件):
    that row's two figures, in the order named; else `metrics` as read."""
    if len(metrics) != 1:
        return metrics
    table, row, _ = metrics[0].split(".")
    ok = valid_cols(table, row)
    cols = list(dict.fromkeys(h.target for h in sorted(hits, key=lambda h: h.start) if h.kind == "col" and h.target in ok))
    return [f"{table}.{row}.{c}" for c in cols[:2]] if len(cols) >= 2 else metrics


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


def figure_terms(rest: str) -> list[str]:
    """The content words of a number question the tables cannot answer, longest first."""
    words = re.sub(cues.FIGURE_STOP.pattern, " ", rest.replace("□", " "), flags=re.IGNORECASE)
    frags = {f for f in re.findall(r"[\u4e00-\u9fff]{2,}", words)}
    return sorted(frags, key=lambda f: (-len(f), f))


_MENTION_VERB = re.compile(r"^(收取|开展|发布|举办|召开|组织|建立|制定|印发|设立|开通|上线|推进|加强|落实|公开|办理|受理)"
                           r"([\u4e00-\u9fff]{2,})$")


def mention_terms(text: str, ents: Entities) -> list[list[str]]:
    """What must appear in a report for 'which reports mention X': groups of alternatives, all required."""
    groups: list[list[str]] = []
    m = cues.MENTION_TERM_EN.search(text) if re.search(r"[a-z]{3,}", text) else None
    phrase = m.group(1) if m else None
    if phrase is None:
        mz = cues.MENTION_TERM_ZH.search(text)
        phrase = mz.group(1) if mz else ""
    # a quoted name with a generic noun after it (“统计开放日”活动, the 'open day' event): the quoted name is what a
    # report writes; the noun after it is the asker's, not the report's
    quoted = re.match(r"\s*[“\"「『‘']?([^“”\"「」『』‘’']{2,30})[”\"」』’']\s*(活动|工作|事项|制度|机制|内容|情况|做法|举措|措施|"
                      r"events?|activities|activity|work|things?)?\s*$", phrase or "", re.I)
    if quoted:
        phrase = quoted.group(1)
    for pattern, words in cues.GLOSSARY:
        if re.search(pattern, phrase, re.IGNORECASE):
            if not any(set(words) & set(g) for g in groups):
                groups.append(list(words))
            phrase = re.sub(pattern, " ", phrase, flags=re.IGNORECASE)
    # a modified noun is its words, each required but not as one string (信息公开方面的培训 → 信息公开 + 培训:
    # a report writes 开展信息公开业务培训, never the question's phrase)
    phrase = re.sub(r"方面的|方面|相关的|有关的|之类的|类的|的", " ", phrase)
    for frag in re.findall(r"[\u4e00-\u9fff0-9]{2,}", phrase):
        if not re.search(r"[\u4e00-\u9fff]", frag):
            continue
        frag = re.sub(r"^(了|过|有关|关于)|(的内容|方面|相关|情况|工作|活动|了|过)$", "", frag)
        # a spoken light verb before what was done (搞统计开放日, 弄了个培训): the thing done is what a report names
        frag = re.sub(r"^(搞|弄|整|干|进行)(了|过)?(个|一个|一次)?(?=[\u4e00-\u9fff]{2})", "", frag)
        # a verb and its object are each required, not as one string (收取信息处理费 → 收取 + 信息处理费: a report
        # writes 收取政府信息公开信息处理费)
        verb = _MENTION_VERB.match(frag)
        for part in ([verb.group(1), verb.group(2)] if verb else [frag]):
            if len(part) >= 2 and not any(part in g for g in groups):
                groups.append([part])
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

