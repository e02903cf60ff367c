"""How a question was read: the restatement every answer begins with, and the operation words the
reading did not use.

The planner fills a typed `Plan`; this module renders it back as one short sentence ("我理解为：…" /
"I read this as: …") so a wrong reading is visible, and checks the question for words that ask for
an operation (an ordinal, a count of agencies, an average, a median, a threshold below a value, a
comparison with the average, a top-N) that the plan does not express. Such a word left unused means
the plan answers a different question than the one asked; the answer is then withheld and the
unused words are named (`unused_operations`), instead of a confident nearby answer.

Family of inputs: any question, zh or en. The word lists describe operations, not cases: they are
what a query can be asked to do, each tied to the plan field that expresses it.
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Optional

from qa import cues, slots
from qa.lexicon import en_label, find_hits, zh_label
from qa.models import Plan

_ORD_ZH = "二两三四五六七八九十"
ORDINAL = re.compile(
    # first place (排第一, 倒数第一) is the plain maximum or minimum: no offset to express
    rf"第\s*([{_ORD_ZH}]|[2-9]|1[0-9])(?!\s*年)\s*(名|位|多|高|大|少|低|个|家)?|倒数第(?!\s*[一1](?![0-9]))|"
    r"排(名|在)?第(?!\s*[一1](?![0-9]))|"
    r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th)\b|runner[- ]up", re.I)
# first place is a ranking's plain answer: used when the plan ranks from the top (or bottom), offset 0
FIRST_PLACE = re.compile(r"(排名|排在|排)?第\s*[一1](?![0-9])\s*(名|位)?|首位|榜首|\bnumber one\b|\bfirst place\b", re.I)
_UNITS = r"(单位|报告|年报|机关|部门|街道|政府(?!信息)|局|地方|区县)"  # (多少政府信息公开申请: requests, not governments)
COUNT_AGENCIES = re.compile(
    rf"(?<![哪的这那些])(多少|几)\s*(个|家|份)?\s*{_UNITS}|{_UNITS}[^，,。？?]{{0,4}}[，,]?\s*(一共|总共|共)?(有|共有|一共有)?\s*(?<!哪)(多少|几)\s*(个|家|份)(?!(?![呢啊呀吗嘛哦])[\u4e00-\u9fff□])|(?<![哪的这那些])(多少|几)\s*家(?!(?![呢啊呀吗嘛哦])[\u4e00-\u9fff□])|的(?:单位|报告|年报)?\s*(?:共|一共)?有\s*(多少|几)\s*(个|家|份)(?!(?![呢啊呀吗嘛哦])[\u4e00-\u9fff□])|"
    # (有几家一件申请都没收到 / 有几家没有作出处罚: 家 counts agencies when "none" follows it)
    r"(?<![哪的这那些])(多少|几)\s*家(?=(都|也)?(没|未|无|一(件|个|起|项|次|份))|(曾经?)?(收到过|有过|作出过|做出过|受理过|"
    r"办理过|发生过|出现过|遇到过|接到过))|"
    # (有几份新收申请是0件: 份 counts reports when a condition on a figure follows in the clause)
    r"(?<![哪的这那些])(多少|几)\s*份(?=[^，,。？?]{0,20}(是|为|等于|超过|低于|大于|小于|不到|多于|少于|以上|以下|不少于|不超过))|"
    r"how many (of )?(the )?([\w□-]+ ){0,3}?(agencies|reports|offices|bureaus|units|departments|governments|districts)\b|"
    r"\bin how many\b(?![^?]{0,40}\b(requests|applications|cases|items|projects|decisions|lawsuits|reconsiderations)\b)|"
    # (of all seven reports, how many granted zero …: the reports said first, then how many of them)
    r"\b(of|among|across|in) (all )?(the )?([\w□-]+ )?(reports|agencies|bureaus|offices)\b[^?]{0,12}\bhow many\b"
    r"(?!\s+(□+(?!□)(?!\s+(zero|no|none|any|more|fewer|less|at least|over|under|above|below)\b)|requests|applications|cases|"
    r"items|projects|decisions|lawsuits|yuan\b))|"
    r"\bnumber of (the )?([\w□-]+ ){0,2}?(agencies|reports|offices|bureaus|units|departments)\b|"
    r"\bcount (the |all )?(agencies|reports|offices|bureaus|units|departments)\b", re.I)
AVERAGE = re.compile(r"平均|均值|average|\bmean\b", re.I)
VERSUS_AVERAGE = re.compile(r"(高于|超过|低于|不到|大于|小于|above|below|over|under|higher than|lower than|beat|beats|"
                            r"exceeded|exceeds|exceed|surpass|surpassed)\s*(the )?"
                            # (高于这几家平均值的: whose average, said between)
                            r"(这几家|这几个单位|这几个|这些单位|这些|各单位|各家|所有单位|全部单位|(这|那)?[两二三四五六七八九十2-9]\s*(家|个单位|个|份)"
                            r"(单位|报告|年报)?|它们|他们|其)?的?\s*(平均|均值|average|mean)|"
                            r"\bthan (the )?([a-z]+['’]s?\s+){0,2}(average|mean)\b", re.I)
BELOW = re.compile(r"(低于|少于|小于|不到|不足|不超过|below|under|less than|fewer than|at most)\s*\d", re.I)
TOP_N = re.compile(r"(最多|最少|最高|最低|前|top|bottom)\s*的?\s*([2-9]|[两三四五六七八九十])(?!\s*年)\s*(个|家|名|位)?|"
                   r"\b(top|bottom)[- ]?(two|three|four|five|[2-9])\b", re.I)


# figures joined in the question (A和B, A、B, A与B合计, A and B, both, respectively)
COORDINATED = re.compile(r"和|与|及|、|以及|还有|加上|(不论|无论|不管)[^。？?]{1,24}(还是|或是|或者|或)|(?<![增追参附更施外])加(?![强大快紧以入])|分别|各是|各为|\b(and|plus|both|respectively|as well as)\b", re.I)


def _thresholded(p: Plan) -> bool:
    return bool(p.check_threshold or p.aggregate == "count" or p.intent == "rank" or p.zero or p.group_by or p.members
                or filtered_total(p) or (p.intent == "ratio" and p.ratio in ("per_unit", "share")
                                         and len(p.metrics) >= 2 and not p.check_threshold))


def filtered_total(p: Plan) -> bool:
    """A total (or average) of one figure over the reports whose figure meets a bound (采购项目至少10个的单位一共
    有多少个采购项目, the total spending of agencies that spent more than 100,000 yuan)."""
    return (p.filtered and p.intent == "aggregate" and p.aggregate in ("sum", "avg") and not p.check_threshold
            and len(p.metrics) == 1 and not p.group_by and (p.above is not None or p.below is not None))


# two figures asked to be equal (were they the same, 一样多吗, 持平, stayed flat), not one place or year the same
SAME_ASKED = re.compile(r"\b(the )?same (number|amount|count|figure|value|total|level|as)\b|"
                        r"\b(were|was|are|is|be|remain(ed)?|stay(ed)?) (they |both |the (two|counts?|figures?|numbers?|totals?) )?"
                        r"(exactly )?(the same|equal|identical|unchanged|flat)\b|\bthe same\s*\?|(?<!or )\bequal(led|s)? (to )?(each other|"
                        r"that|the|its|their|those|these)\b|\bno change\b|\bunchanged\b|一样|相同|相等|持平|没有变化|没变化|不变", re.I)
# the members of a group asked for (以哪几类理由不予公开, 不予公开的理由有哪些, which grounds, broken down by reason): each
# ground with its figure, not the group's total nor a ranking of agencies
# (各种理由合计, each reason combined: the group's total, said by its parts)
MEMBERS_ASKED = re.compile(r"(哪几类|哪些类|哪类|哪几种|哪些种|哪种|哪几项|哪些项|各类|各项|各种|每类|每种|每一类)(的)?(理由|原因|情形|依据)"
                           r"(?![^。？?]*(合计|加起来|加在一起|加到一起|加总|总计|总和|之和|一共|共计|总共|总数))|"
                           r"(理由|原因|情形|依据)[^，,。？?]{0,3}(有|是)?(哪些|哪几|分别)|以哪(几|些)?(类|种|项)?(理由|原因)|"
                           r"\b(which|what) (grounds|reasons|exemptions)\b|\bon (which|what) grounds\b|"
                           r"\bbroken down by (ground|reason)s?\b|\bby (ground|reason)\b|"
                           r"\b(each|every) (ground|reason)\b(?![^?.]{0,12}\b(combined|together|in total|added|summed)\b)", re.I)
SET_OPERATION = re.compile(r"\bintersection\b|\bset difference\b|\bunion of\b|\bminus (those|the ones|agencies|reports|the "
                           r"agencies|the reports)\b|\bwhich remain\b|\bremaining after\b|交集|并集|差集", re.I)
# operation word → the plan fields that express it (a plan that expresses none of them did not use it)
Check = Callable[[Plan], bool]
OPERATIONS: tuple[tuple[str, re.Pattern, Check], ...] = (
    ("ordinal", ORDINAL, lambda p: bool(getattr(p, "offset", 0))),
    ("first place", FIRST_PLACE, lambda p: p.intent == "rank" and not getattr(p, "offset", 0)),
    ("count of agencies", COUNT_AGENCIES,  # (报告平均每份有几个: the average per report says it)
     # (how many reports were above the average: the reports above it, counted in the answer's value)
     lambda p: p.aggregate in ("count", "avg") or p.zero or p.above is not None or p.meta in ("count", "reports", "agencies")
     or getattr(p, "versus_average", None) is not None),
    ("median", slots.MEDIAN, lambda p: p.aggregate == "median"),
    ("highest minus lowest", slots.RANGE, lambda p: p.aggregate == "range"),
    # how much more / 差多少: a difference, which a total or a single figure does not answer
    ("difference", cues.DIFFERENCE, lambda p: p.intent in ("difference", "compare", "ratio", "trend", "rank")
     or p.aggregate == "range" or p.check_threshold or any(m.endswith(".change") for m in p.metrics)),
    ("versus the average", VERSUS_AVERAGE, lambda p: getattr(p, "versus_average", None) is not None),
    ("average", AVERAGE, lambda p: p.aggregate in ("avg", "median") or p.ratio == "per_unit"
     or getattr(p, "versus_average", None) is not None),
    ("threshold below", BELOW, lambda p: getattr(p, "below", None) is not None),
    ("division", cues.DIVIDE, lambda p: p.intent == "ratio"),
    ("top N", TOP_N, lambda p: (p.limit or 1) > 1 or bool(getattr(p, "offset", 0))),
    # which of them is higher: one agency's figure (the other name not recognised) does not answer it
    # which one is asked, and the figures are given side by side with no verdict (Lucheng or Yinzhou: which bureau
    # spent more, read as a listing of both): the "which" is not answered
    ("which one", cues.WHICH_ONE, lambda p: not (p.intent == "compare" and p.boolean is None and not p.places_compared
                                                 and len(p.agencies) >= 2)),
    # (figures side by side, with no verdict, do not say which is higher either)
    ("which is higher", cues.WHO_MORE, lambda p: (p.intent != "lookup" or len(p.agencies) != 1 or len(p.years) > 1)
     and not (p.intent == "compare" and p.boolean is None and not p.places_compared)),
    # a yes/no question answered with a number answers something else (did X receive more than all Y?)
    # (is there any agency above N: the count of those above answers it, with their names)
    # (有没有…？有几件？: the number asked too answers the yes/no)
    ("yes/no", cues.BOOLEAN, lambda p: p.boolean is not None or p.check_threshold or p.aggregate == "count"
     or p.wants_number),
    # whether two figures are equal (一样吗, the same?, unchanged): a yes/no on equality; higher or lower answers
    # another question
    ("equal", SAME_ASKED, lambda p: p.boolean == "equal"),
    ("which grounds", MEMBERS_ASKED, lambda p: p.members),
    # sets combined (the intersection of …, set difference, A minus those that …, which remain): not read here
    ("set operation", SET_OPERATION, lambda p: False),
)
LEFT_OUT_WORDS = re.compile(rf"{slots.LEAVE_OUT_ZH}|{slots.LEAVE_OUT_ZH_AFTER}|\b({slots.LEAVE_OUT_EN})\b", re.I)
ZEROS_AFTER = re.compile(r"[^，,。？?]{0,6}?(为|是)?\s*(0|零)(?![0-9.])|[^?,.;]{0,24}\bzero(e?s)?\b", re.I)
# a kind of agency in words (street offices, township governments, 乡镇, 街道办): what a listing is narrowed by
KIND_PHRASE = re.compile(r"\b(street|sub-?district|township|town|village)s?\b[^?.]{0,20}\b(offices?|governments?|agencies)\b|"
                         r"乡镇|街道办|街道办事处|镇政府|乡政府|镇人民政府|乡人民政府", re.I)
NEGATED_SUPERLATIVE = re.compile(r"(不是|并非|不属于|不算)[^，,。？?]{0,10}最(多|少|高|低|大|小)|(\bnot|n't)\b(?! counting)[^?,.]{0,20}\bthe (highest|lowest|most|"
                                 r"least|largest|smallest|biggest|fewest|top|bottom)\b", re.I)
_COUNTS = re.compile(r"(多少|几)(个|家|份|年|种)?|\bhow many\b", re.I)
LISTING_META = ("reports", "agencies", "count", "regions")
TABLE_INTENTS = ("lookup", "rank", "compare", "aggregate", "ratio", "difference", "trend")


def _says_yes_or_no(plan: Plan) -> bool:
    """Whether the reading answers yes or no (a template or date checked, two dates compared, a report's check)."""
    if plan.intent == "quality":
        return plan.yes_no or plan.check
    return plan.meta in ("template_check", "held", "in_region") or (plan.meta == "published" and (plan.published not in (None, "none", "some")
                                                                          or plan.boolean is not None or plan.yes_no))


def _num(value: float) -> str:
    """A bound as written in a restatement: 76000000, 0.5 (never 7.6e+07)."""
    return str(int(value)) if value == int(value) else f"{value:.10g}"


def hidden_difference(plan: Plan, no_names: str, rest: str) -> list[str]:
    """A difference asked in words a metric took (比…少花了多少钱: 多少钱 is the amount's word, so the blanked question
    shows no 多少): read on the question with only names blanked; unused when the plan answers no difference."""
    m = cues.DIFFERENCE.search(no_names or "")
    if not m or cues.DIFFERENCE.search(rest or "") or plan.intent not in TABLE_INTENTS:
        return []
    used = next(check for name, _, check in OPERATIONS if name == "difference")
    return [] if used(plan) else [m.group(0)]


_EXISTS = re.compile(r"有没有|有无|是否有|\b(are|is) there\b|\bdo(es)? (the|your) (database|store) (have|hold|contain)\b", re.I)


def unused_operations(plan: Plan, text: str) -> list[str]:
    """The operation words of `text` (the question with names and metric words blanked) that the plan
    does not express, and the words no part of the reader knows at all (方差, variance, 两倍). Only
    table readings are checked: passages and metadata answers quote or list what they found."""
    if plan.intent == "quality" and (m := CELLS_COUNTED.search(text)):
        # how many rows / cells are blank: the check lists reports, and a count of them answers something else
        return [m.group(0)]
    if plan.intent in ("meta", "quality") and not _says_yes_or_no(plan):
        # a yes / no asked of metadata or a check (落款日期是不是比…早？) that the reading answers with a list
        # or a date, not a yes or no: the answer would look like one without being one
        m = cues.BOOLEAN.search(text)
        if m and m.group(0).strip() and (plan.agencies or plan.region is not None) and not (
                plan.intent == "meta" and plan.meta in LISTING_META and _EXISTS.search(text)):
            # (有没有福州市的单位？都是哪些 / are there any agencies in Fuzhou?: a list answers whether there are any)
            return [m.group(0).strip(" ,，:：;；")]
    if plan.intent == "passages" and (m := re.search(r"对(得)?上|一致|相符|吻合|矛盾|\bmatch(es)?\b|\bconsistent\b|"
                                                       r"\bagree\b|\btally\b|\badd up\b", text)) and cues.BOOLEAN.search(text):
        # whether two things the text says agree (“…5条”和“…142条”能对上吗): quotes answer no such check
        return [m.group(0)]
    if plan.intent == "passages" and re.search(r"比|\bthan\b", text):
        # one thing held against another as a yes / no (洪泽区的年报是不是比鄞州区的长？): quotes answer no comparison
        m = cues.BOOLEAN.search(text)
        if m and m.group(0).strip():
            return [m.group(0).strip(" ,，:：;；")]
    if plan.region is not None and plan.region_out is None and not plan.agencies_out and (
            m := PLACE_LEFT_OUT.search(text)):
        # places named to be left out (outside both Zhejiang and Fujian) read as the places asked: the opposite
        return [m.group(0).strip()]
    if plan.intent in TABLE_INTENTS or (plan.intent == "meta" and plan.meta in LISTING_META):
        # leave-out words no linker read (不算2019年的, not counting 2019): a place's, an agency's or a kind's are
        # blanked with what they leave out; any other would be answered as if the thing were asked, or ignored
        bare = LOCATOR.sub(lambda m: " " * len(m.group(0)), text)  # (5个以上（不含5个）: whether the bound counts)
        for m in LEFT_OUT_WORDS.finditer(bare):
            if not ZEROS_AFTER.match(bare, m.end()):  # (不算为0的 / not counting zeros: the zero bound reads it)
                return [m.group(0).strip()]
    if plan.intent == "meta" and len(asks := [q for q in re.split(r"[？?；;]", text) if _COUNTS.search(q)]) >= 2:
        # two counts asked in one message (几份年报？涉及几个单位？): one answer gives one of them
        return [asks[1].strip(" ,，。")]
    if plan.intent == "meta" and plan.meta in LISTING_META and not (plan.agency_kind or plan.organ) and (
            m := KIND_PHRASE.search(text)):
        # a kind of agency named in a way no kind filter read (street or township offices): listing every agency
        # in scope would list the others too
        return [m.group(0)]
    if plan.intent == "meta" and plan.meta in LISTING_META:
        # a list of reports or agencies with a condition no part of the reader knows (落款没写日期 before it
        # was known) would list every report in scope as if it met it: the unread words are named instead
        return unexplained(LOCATOR.sub(lambda m: " " * len(m.group(0)), text), chinese=plan.language != "en")
    if plan.intent in TABLE_INTENTS and (m := NEGATED_SUPERLATIVE.search(text)):
        # which are not the lowest / 哪些不是最少的: every one but the extreme, which no reading here lists
        return [m.group(0)]
    if plan.intent not in TABLE_INTENTS:
        return []
    asked = plan.metrics[:plan.numerator] if plan.intent == "ratio" else plan.metrics  # (a share's base is no reason)
    if (m := REASON_GIVEN.search(text)) and not all(_reason_row(k) for k in asked):
        # a request's outcome qualified by its reason (refused because the information did not exist, 因信息不存在而
        # 拒绝) read as a figure that is not one reason's row: the reason was not read
        return [text[m.start("why" if m.group("why") else 0):m.end()].strip()]
    text = LOCATOR.sub(lambda m: " " * len(m.group(0)), text)  # 第二十条, 表二: where a cell is, not a place
    if plan.intent == "lookup" and len(plan.agencies) == 1:  # "that second one's amount": the one named, no place
        text = cues.PICK.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    if len(plan.metrics) >= 2 and (plan.intent in ("lookup", "aggregate") or plan.boolean) and not plan.joined \
            and not COORDINATED.search(text) and not (plan.check_threshold and plan.aggregate == "sum") \
            and plan.intent != "difference":  # (A than B: a gap of two figures reads both, one against the other)
        # two figures read from a question that joins none (行政许可以外的那类…, lawsuits filed directly,
        # without going through reconsideration): one of them is a qualifier misread, and which one
        # the question wants is not known, so neither is answered as if it were the question
        from qa.outcome import metric_name
        out.append(FIGURES + " | ".join(metric_name(m, plan) for m in plan.metrics))
    if plan.intent == "rank" and len(set(plan.metrics)) >= 2 and not plan.ratio:
        # a ranking answers one figure: a second read (for whichever agency received the most requests, how much did
        # it spend?) is asked of the agency it picks, which no ranking here answers
        from qa.outcome import metric_name
        out.append(FIGURES + " | ".join(metric_name(m, plan) for m in plan.metrics))
    if (plan.above is not None or plan.below is not None) and not _thresholded(plan):
        # a threshold read from the question (its words are blanked before this check) that the reading
        # does not use: "did A and B receive more than 2" is not "is A higher than B"
        bound = plan.above if plan.above is not None else plan.below
        word = ("超过" if plan.above is not None else "低于") if plan.language == "zh" else \
            ("more than " if plan.above is not None else "less than ")
        out.append(f"{word}{_num(bound)}")
    if (g := cues.GROUP_BY.search(text)) and not plan.places_compared and plan.group_by is None:
        out.append(g.group(0).strip())  # grouped totals or rankings of places or kinds: not what is read here
    for name, pattern, used in OPERATIONS:
        m = pattern.search(text)
        if m and not used(plan) and not any(m.group(0) in o for o in out):
            out.append(m.group(0).strip())
    return out + [w for w in unexplained(text, plan.metrics, chinese=plan.language != "en")
                  if not any(w in o or o in w for o in out)]


def _known_patterns() -> list[re.Pattern]:
    found: list[re.Pattern] = []
    for module in (cues, slots):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                found.append(value)
            elif isinstance(value, dict):
                found += [v for v in value.values() if isinstance(v, re.Pattern)]
            elif isinstance(value, tuple):
                found += [v[1] for v in value if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], re.Pattern)]
    skip = {cues.FIGURE_STOP}  # a stop list for prose search (it takes every latin word), not a cue
    # words read only where the reading used them (a kind, place or agency left out; a multiple of a figure):
    # the planner marks them read then (planner.plan_question), and nowhere else are they understood
    skip |= {slots._EXCLUDE, slots._EXCLUDE_ZH, slots._EXCLUDE_EN, slots._TIMES, slots.LEAVE_OUT, slots.LEFT_OUT_ORGAN}
    return [p for p in found if p not in skip] + [p for _, p, _ in OPERATIONS] + [LOCATOR, ALL_N]


# Words that carry no operation or figure of their own: question words, particles, the names of
# things every question is about (reports, agencies, data), polite forms. Family: any question.
_FUNCTION_ZH_WORDS = (
    r"请问|请|一下|告诉|帮我|帮忙|查一下|查查|看看|我想知道|想知道|知道|麻烦|问一下|想问|想了解|了解|核对|核实|确认|"
    # how a report is cited as stating a figure (报告中载明为, 所载, 列明), in formal questions
    r"载明|所载|列明|载有|案子|"
    r"同事|帮|你|我|们|吗|呢|吧|啊|呀|么|了|过|着|的|地|得|是|有|在|和|与|及|"
    r"或|或者|还是|跟|同|对|把|被|从|到|至|为|以|按|给|让|由|于|这|那|该|其|此|这个|那个|这些|那些|哪|哪个|哪些|哪家|哪一|哪几|什么|"
    r"谁|多少|几|多|少|个|家|份|件|项|条|次|名|位|元|万元|万|亿|年|年度|年份|全年|本年|当年|今年|上年|中|里|内|上|下|之|"
    r"单位|机关|部门|政府|年报|报告|数据|数字|数值|数目|数量|总数|总量|情况|信息|政府信息|公开|工作|方面|显示|统计|记录|列出|"
    r"一共|共|总共|合计|共计|分别|各|每|所有|全部|都|也|还|又|再|就|才|只|仅|请列|列|给出|是否|有没有|会|能|可以|"
    r"作出|做出|收到|提出|发生|办理|处理|决定|共有|总的|总|加|呢|吗|如何|怎样|多大|大约|大概|左右|数|比|排|相关|水平|"
    r"两者|二者|两个|它们|结果|合起来|算|填|栏|一栏|表|表格|正文|文中|写|写的|说|称|呈现|体现|需要|因为|由于|而|所以|"
    r"其中|以及|还有|另外|此外|分别是|对应|相应|任何|任何的|来自|来源于|源自|"
    # asking to confirm or to cite (every answer cites its cells), and saying each report counts alone
    # (every report is counted by itself): no figure or operation of their own
    r"属实|是否属实|到底|究竟|注明出处|注明|出处|引用原表|引用|原表|原文|单独算|分开算|单独|分开|这一类|这类|一类|此类|该类|"
    # asking for the basis (every answer shows its cells, its SQL and what it covered): 请说明依据, 列明比较范围
    r"说明|列明|写明|给出|提供|依据|数据依据|计算依据|来源|数据来源|范围|比较范围|计算范围|涵盖|涵盖的|口径|并请|并|库中|库里|数据库|资料库|收录|"
    # the asker's own draft or check (稿子里写…, 核一下, 想先确认): who asks, not what
    r"稿子|稿件|文章|报道|草稿|初稿|一篇|核一下|核对|核实|确认|想先|我想|先|这么写|这样写|写成|写|相当于|相当|换成|换为|改成|"
    r"里头|里面|当中|之中|其中的|"
    # what a row is, once the row is read (各种理由都算上, 继续办, 没法提供, 经行政复议后, 合法权益)
    r"各种理由|理由|都算上|算上|都算|继续办理|继续办|没法|没办法|无法|经过|经|行政|合法权益|"
    # judging a statement (请判断…是否正确, 以下哪个单位): the claim or the choice is the question
    r"判断|正确|错误|准确|以下|下列|如下|选项|"
    # thanks, and how to write the number (保留两位小数, 四舍五入, 精确到): the figure is the same figure
    r"谢谢|多谢|感谢|辛苦了|辛苦|保留[一二两三四1-4]位小数|保留小数|四舍五入|精确到|小数点后[一二两三四1-4]位|"
    r"这块|这一块|这方面|这一项|这项|"
    # words that begin with 一 and count nothing (放在一起, 多一些, 一下): not the figure 1
    r"放在一起|放一起|一起|一些|一点|一点儿|"
    # in order (排前三的单位依次是): a ranking's list is given in its order
    r"依次|依次为|依次是|按顺序|顺序|先后|"
    # how a row's case was classed (被认定为信访举报投诉类): the row says it
    r"被认定为|认定为|认定|折合|折算|合计为|换算|千元|百万元|"
    # what a store holds (库里包含/存有/存了几份年报, 目前收录了哪些单位)
    r"[一二三四五六七八九十两几各0-9]种情形|[一二三四五六七八九十两几各0-9]类情形|[一二三四五六七八九十两几各0-9]个情形|各情形|所有情形|情形|"
    r"[一二三四五六七八九十两几各0-9]个?子项|[一二三四五六七八九十两几各0-9]个?小项|子项|小项|细项|分项|"
    # a correction of the turn before (sorry我说错了，是2023年的; 不好意思，应该是…): the new words replace the old
    r"我说错了|说错了|搞错了|弄错了|不好意思|抱歉|更正一下|更正|应该是|我是说|我指的是|"
    r"百分数|以百分数表示|写材料|材料|写稿|样本|样例|示例|使用|采用|套用|沿用|依据|按照|格式|样式|包含|包括|存有|存了|存着|目前|现在|现有|已有|已经|当前|已|导入|录入|系统|这里|这儿|"
    # what the figure is for and who asks (在区人大常委会上要讲, 退休老师, 督查组核查, 做图用, 给个准数): no figure or operation
    r"人大常委会|常委会|人大|代表|会上|要讲|讲话|发言|演讲|引用|准数|准确数|确切数|退休|老师|教师|督查组|督查|检查组|核查|巡查|巡视|"
    r"做图用|做图|作图|画图|图表|做表|实习生|实习|考生|备考|研究|研究员|记者|下周|明天|今天|马上|急用|急|政务公开|政务")
# longest first: 到底 is one word, not 到 and a stray 底
FUNCTION_ZH = re.compile("|".join(sorted(set(_FUNCTION_ZH_WORDS.split("|")), key=len, reverse=True)))
FUNCTION_EN = {
    "what", "which", "who", "whose", "how", "many", "much", "is", "are", "was", "were", "be", "been", "did", "does",
    "do", "done", "has", "have", "had", "the", "a", "an", "of", "in", "on", "at", "for", "to", "from", "by", "with",
    "and", "or", "as", "than", "that", "this", "these", "those", "it", "its", "their", "there", "any", "all", "each",
    "every", "one", "ones", "number", "numbers", "figure", "figures", "total", "amount", "count", "report",
    # what a figure is about or whose it is (cases concerning disclosure, the projects that belong to Lucheng)
    "concerning", "regarding", "considering", "belong", "belongs",
    # the store, as a library says it (the reports in the collection, our holdings)
    "collection", "holdings",
 "belonged", "belonging", "involving", "involve", "involved",
    # how the asker frames the ask, which changes nothing asked (could you confirm, I should be grateful, giving
    # the result in yuan, taking the five reports, the bureau alone, still in force, a press release claims …)
    "confirm", "confirmed", "verify", "grateful", "appreciate", "should", "giving", "taking",
    "take", "alone", "solely", "remain", "remains", "remained", "remaining", "ground", "supply", "supplied",
    "pool", "pooled", "pooling", "press", "release", "claim", "claims", "claimed", "correct", "accurate",
    "given", "sub", "subtype", "subtypes", "docs", "foia", "names", "just",
    "reports", "reported", "report's", "agency", "agencies", "agency's", "office", "offices", "bureau", "bureaus",
    "government", "governments", "district", "county", "city", "year", "years", "data", "show", "shows", "showed",
    "please", "tell", "me", "us", "give", "list", "i", "we", "you", "made", "make", "get", "got", "receive",
    "received", "handle", "handled", "according", "about", "did", "so", "far", "together", "overall", "across",
    "value", "values", "statistics", "statistical", "stats", "street", "subdistrict", "province", "town", "what's",
    "whats", "answer", "record", "recorded", "declared", "declare", "declares", "indicated", "have", "face", "faced", "file", "filed", "get", "issue", "issued",
    "decisions", "decision", "cases", "case", "applications", "application", "requests", "request", "disclosure",
    "information", "public", "annual", "also", "same", "more", "most", "less", "fewest", "least", "highest",
    "lowest", "top", "rank", "ranks", "ranking", "between", "or", "but", "not", "no", "yes", "yuan", "among", "put",
    "say", "says", "said", "text", "table", "tables", "still", "end", "ended", "brought", "against", "change",
    "collect", "collected", "accepted", "first", "second", "third", "two", "three", "four", "five", "over", "under",
    "full", "new", "both", "combined", "altogether", "whole", "entire", "level", "levels", "reporting", "period",
    "during", "within", "out", "up", "down", "into", "next", "previous", "last", "prior", "before", "after",
    "order", "because", "reason", "reasons", "due", "grounds", "protect", "protecting", "rights", "right",
    "interests", "legitimate", "party", "parties", "people", "person", "persons", "citizens", "applicants",
    "ran", "run", "runs", "conducted", "carried", "could", "would", "kindly",
    # South-Asian and office English around a request (how many nos. of, in RMB, do the needful, our desk needs it
    # by tomorrow, let me know, work out, logged): who asks and how, no figure or operation
    "nos", "rmb", "needful", "desk", "tomorrow", "today", "our", "your", "let", "know", "log", "logs", "logged",
    "concerned", "concerning", "calculate", "calculated", "calculating", "compute", "computed", "computing",
    # FOI (freedom of information) is what every question is about; who needs it, how a cell is located
    "foi", "need", "needs", "want", "wants", "single", "individual", "row", "rows", "column", "columns", "col",
    "cell", "cells", "key", "held", "stored", "database", "db", "basis", "source", "sources", "cite", "citing",
    "i'm", "i've", "going", "through", "ask", "asks", "asked", "asking", "anyone", "anybody", "someone", "somebody", "separately", "counting", "counted", "once", "minus",
    # emphasis that changes nothing asked (really, actually, refused outright), and "info" for information
    "really", "actually", "indeed", "truly", "outright", "info",
    # how a request was answered (got the reply that …, were answered '…'): the outcome row says it
    "reply", "replies", "replied", "response", "responses", "responded", "answered",
    # the parts of a row that the row already sums (all sub-categories, every type of it)
    "category", "categories", "type", "types",
    "come", "comes", "came", "coming",
    # thanks, and how to write the number (to 2 decimals, rounded, in percent): the figure is the same figure
    "thanks", "thank", "decimal", "decimals", "places", "rounded", "round", "rounding", "percent", "percentage",
    # how a request was answered, in plain words (turned away because …): the outcome row says it
    "turned", "away", "turn", "turns", "turning",
    # what a store holds (how many reports does the database contain / include / cover?)
    "contain", "contains", "contained", "include", "includes", "included", "cover", "covers", "covered", "hold",
    "holds", "loaded", "available", "store", "stores", "use", "uses", "used", "using", "follow", "follows", "followed", "following",
    "based", "adopt", "adopts", "adopted", "version", "versions", "format", "formats", "kind", "kinds", "currently", "now", "here", "there's", "exist", "exists",
    # a grouping the scope already makes (grouping by province: the province named is the group)
    "grouping", "grouped",
    # the asker's own framing (quick question, just checking)
    "quick", "quickly", "question", "check", "checking", "just", "wondering",
    # plain-speech softeners and short forms (basically, admin penalties, only looking at)
    "basically", "essentially", "admin", "looking", "look", "mixed",
    # taking in money (what did it take in), one's (that second one's amount)
    # (not "result" / "outcome": an 'other' result is a column, and the word is how it is asked)
    "take", "takes", "took", "taken", "one's",
    # where a figure is and how to give it (what number sits in the cell; to the fen; a single integer; roughly)
    "sits", "sit", "sitting", "fen", "integer", "return", "roughly", "approximately",
    # who asks and why (filing tonight, comparing bureaus for a paper, a statement to check)
    "filing", "tonight", "today", "deadline", "comparing", "compare", "paper", "article", "story", "draft",
    # how decisions are made (hand down), a table's block or group (the procurement block, all three groups)
    "hand", "hands", "handed", "block", "blocks", "group", "groups", "closed", "close", "concluded",
    # please in chat spelling; every outcome of a row is its total column
    "pls", "plz", "outcomes", "outcome", "then", "ok", "okay",
    # counted once each (how many different agencies), said plainly (simply didn't hold it)
    "different", "distinct", "unique", "simply", "original", "cases", "where",
    # the unit an amount is wanted in (in thousand yuan): the answer gives yuan and 万元 with every amount
    "thousand", "thousands", "million", "millions",
    # greetings and the asker's manner (hey, hi; if you can; back in 2019): no figure or operation
    "hey", "hi", "hello", "can", "back",
    # a correction of the turn before (sorry, I meant the Erqi one): the new words replace the old
    "sorry", "meant", "mean", "oops", "rather", "instead",
    # the asker's draft and who wrote it (fact-check for my draft, my editor wrote that …), a unit spelled out
    # (expressed in yuan: every amount is given in yuan), a short form of government
    "fact", "editor", "wrote", "writes", "expressed", "express", "govt",
    # which reports a set is (the five sample reports, the bundled ones) and a year said in full (calendar year
    # 2024: a report's year is its calendar year)
    "sample", "samples", "bundled", "calendar",
    # who asks (auditor here, a researcher), and a figure's place in plain words (went into the … bucket, the
    # projects it was spread over): the row or the figure says what is counted
    "auditor", "auditors", "researcher", "researchers", "journalist", "reporter", "student", "clerk", "analyst",
    "went", "go", "goes", "bucket", "buckets", "spread",
    # what the figure is for (building a bar chart, a speech, slides), who asks (an intern, a retired teacher)
    "building", "build", "bar", "chart", "charts", "graph", "plot", "speech", "slide", "slides", "presentation",
    "intern", "retired", "teacher", "deputy", "inspection", "team", "cite", "quote",
}
_RESIDUE_MIN = 2
INITIALS = re.compile(r"(?<![a-z])([a-z]{1,4})(?=街道|区|县|市|镇|乡|统计局|局|政府)")
# Family: a bracketed aside after the question or one of its words: （每份报告单独算）, （下降记负数）,
# (percent, please), (statistics bureaus). What the reader understands inside it (a year, a name, a row) has
# been read already; the rest glosses or formats. An aside that leaves something out, or narrows, is no
# aside (（不含街道）, (excluding Hongze), (only 2020)): its words stay and are checked like any other.
# where a cell sits in the template (第二十条第（一）项, 表二, table requests): a locator, not an ordinal
LOCATOR = re.compile(r"第二十条(第?[（(][一二三四五六七八九十]+[)）]项)?|第[（(][一二三四五六七八九十]+[)）]项|"
                     r"第[一二三四五六七八]部分|(那|这)?一(行|栏|列)|"
                     # the template's own remark on a row label (（区分处理的，只计这一情形，不计其他情形）)
                     r"[（(]区分处理的[^）)]{0,30}[)）]|"
                     # whether a bound counts (5个以上（不含5个）): read with the bound
                     r"[（(]\s*(不含|不包括|含|包括)\s*[\d一二三四五六七八九十百千万两〇零]+\s*[个件项家份元万]*\s*(本数)?[)）]|"
                     r"表\s*[一二三四1-4](?![0-9])|\btable\s+(active|requests|review)\b|\b(active|requests|review)\s*表")
# "all seven reports", 全部7份年报, 这七份报告: every report in scope, said with their number (a count the
# reader does not check: the scope is all of them either way)
ALL_N = re.compile(r"\ball (the )?(two|three|four|five|six|seven|eight|nine|ten|\d+) (annual )?(reports|agencies)\b|"
                   r"(全部|所有|这|那)\s*([二两三四五六七八九十]|\d+)\s*(份|个|家)(年报|报告|单位)?", re.I)
CELLS_COUNTED = re.compile(r"\bhow many (rows|cells|lines)\b|(多少|几)\s*(个|行)?\s*(单元格|格子|行)", re.I)
PLACE_LEFT_OUT = re.compile(rf"\b(outside|not in|{slots.LEAVE_OUT_EN})\b|(?!除以){slots.LEAVE_OUT_ZH}|"
                            rf"{slots.LEAVE_OUT_ZH_AFTER}", re.I)
ASIDE = re.compile(r"[（(][^（()）]{1,80}[)）]")
EXCLUDING = re.compile(rf"{slots.LEAVE_OUT_ZH}|{slots.LEAVE_OUT_ZH_AFTER}|除|仅|只|"
                       rf"\b({slots.LEAVE_OUT_EN}|without|not|only|but)\b", re.I)


# A refusal, or another outcome of a request, with the reason it was given for. Family: questions about the
# reason rows of the requests table (不予公开 / 无法提供 / 不予处理 / 其他处理 and their sub-rows), in any words.
_OUTCOME_WORDS = (r"refus\w*|reject\w*|turn(?:ed|s)? (?:down|away)|turned \w+ down|withh\w*|denied|den(?:y|ies)|"
                  r"declin\w*|(?:not|n't) (?:be )?(?:disclosed|provided|released|processed|handled|answered|granted)|"
                  r"could(?:n't| not)|unable|cannot")
REASON_GIVEN = re.compile(
    rf"(\b(?:{_OUTCOME_WORDS})\b|□+)[^.?!;]{{0,60}}?\b(?P<why>because|due to|owing to|on (?:the )?grounds?|for (?:the )?reasons? of|"
    rf"since|as a result of)\b(?!\s+(?:i|we|my|our|i'm|i am|we're)\b)[^.?!;,]*|"
    r"(因为|由于)(?!我|要|需要|工作)[^，,。？?；;]{1,30}?(而?(拒绝|不予|无法|未予|没有公开|没公开|未公开|驳回|不公开)|而□+)|"
    r"以[^，,。？?；;以]{1,20}?为由", re.I)


def _reason_row(key: str) -> bool:
    """A row of one reason a request was refused, not provided, not processed or otherwise handled."""
    from qa.lexicon import GROUPS, SPLITS

    table, row = key.split(".")[:2]
    return table == "requests" and any(row in members for group, members in (*GROUPS.items(), *SPLITS.items())
                                       if group.startswith("requests."))


# two-letter words a Chinese question uses as they are (vs, ok, no, id, pk)
TWO_LETTERS_KNOWN = {"vs", "ok", "no", "id", "pk", "is", "of", "in", "on", "or", "to", "by", "as", "at", "it", "an", "be",
                      "do", "if", "so", "up", "we", "me", "my", "hi", "eh", "ah", "oh", "yn", "go", "dd"}


def mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin words (a question in Chinese with a few letters in it, not an English question
    with a Chinese name or gloss)."""
    return len(re.findall(r"[\u4e00-\u9fff□]", text)) > 2 * len(re.findall(r"[a-z]{2,}", text, re.I))  # (□: words read)


def unexplained(text: str, metrics: Optional[list[str]] = None, chinese: bool = False) -> list[str]:
    """Words of `text` that no pattern of the reader consumes and that are not function words: the
    parts of a question the reading cannot have taken into account."""
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _known_patterns()
    covered = [False] * len(text)
    for pattern in [*_PATTERNS, FUNCTION_ZH]:  # every pattern on the question as asked; their spans add up
        for m in pattern.finditer(text):
            for i in range(m.start(), m.end()):
                covered[i] = True
    for m in re.finditer(r"[a-z]+", text):  # a pattern that took a word's stem (disclos) took the word
        if any(covered[m.start():m.end()]):
            covered[m.start():m.end()] = [True] * (m.end() - m.start())
    for m in ASIDE.finditer(text):  # an aside in brackets (a gloss, how to write the answer) asks nothing new
        if not EXCLUDING.search(m.group(0)):
            covered[m.start():m.end()] = [True] * (m.end() - m.start())
    rest = "".join(" " if covered[i] else ch for i, ch in enumerate(text))
    rest = _context_blanked(text, rest)
    rest = re.sub(r"□+[a-z]+|[a-z]+□+", " ", rest)  # the rest of a word whose stem named the metric
    # the head of a name read from its place word (wenquan 街道, yinzhou 统计局: pinyin read as a term)
    rest = re.sub(r"(?<=□) ?(街道办事处|街道办|街道|办事处|统计局|人民政府|政府)", " ", rest)
    own = _row_pairs(tuple(metrics or ()))
    # (a word of the asked row's own names, left over where the row was read from its parts: 直接 of 直接起诉)
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{%d,}" % _RESIDUE_MIN, rest) if not _place(w)
             and not (own and all(w[i:i + 2] in own for i in range(len(w) - 1)))]
    latin = [re.sub(r"['’]s$", "", w.strip("'’-")) for w in re.findall(r"[a-z][a-z'’-]+", rest)]  # information-disclosure,
    # 'quoted', the table's (a possessive is its noun)
    # a hyphenated word (sub-reasons, year-on-year) is read by its parts; a short prefix (sub, non) adds none
    latin = [p for w in latin for p in (w.split("-") if "-" in w else [w]) if p and not (len(p) <= 3 and "-" in w)]
    words += [w for w in latin if w not in FUNCTION_EN and len(w) > 2
              and not (_owners(w) and not _names_another_figure(w, metrics)) and not _pinyin_place(w)]
    if chinese:
        # two letters standing alone in a Chinese question (hz, wq jd, fj省: the initials of a name or a figure's
        # pinyin): an abbreviation no linker read, not an English function word
        words += [w for w in re.findall(r"(?<![a-z'’-])[a-z]{2}(?![a-z'’-])", rest)
                  if w not in TWO_LETTERS_KNOWN and w not in words]
    # letters written for a place's name before its head (wq街道, gl区统计局: the initials of its pinyin): a name no
    # linker read, whatever the rest of the reading took in
    words += [m.group(1) for m in INITIALS.finditer(text) if m.group(1) not in words and m.group(1) not in FUNCTION_EN
              and not _pinyin_place(m.group(1))]
    return words


# a statement before the asking sentence (论文有一节专门讨论“不予公开”的理由。 / Building a slide on FOI demand. / 想引用
# 洪泽区政府24年的数据：): what the asker is doing, not what is asked; its words no linker read are context. Not so
# when its unread words could change the question: a part left out or kept alone, a supposition, a unit or form
# for the answer, a correction, a time relation, a comparison, an order, a quantity (Leave Hongze aside. / 假设单位都是
# 万元。 / Only the 2020 reports. / Round to whole numbers.) Family: context sentences before a question.
_SENTENCE_END = re.compile(r"[。！!；;：:]|(?<=[a-z0-9)'’\"”□])[.](?=\s)|\s[-–—]+\s")
_STATEMENT_ASKS = re.compile(r"[?？]|多少|几|吗|么|哪|什么|谁|怎|如何|请问|\b(how|what|which|who|whose|when|where|why)\b|"
                             r"^\W*((now|then|next|so|and|please|also|finally)\s+)?(is|are|was|were|do|does|did|has|have|had|can|"
                             r"could|give|tell|list|show|name|compare|count|sum|add|total|rank|find|divide|calculate|compute|"
                             r"work out|subtract|multiply|express|take|sort|order|identify|state|provide|report|check|"
                             r"verify|confirm)\b|^\W*(请|帮我|帮忙|麻烦|算一下|算算|列出|列一下|比较|核对|核实)", re.I)
_CONTEXT_BLOCKERS = re.compile(
    r"除|外|不|没|未|非|无|只|仅|单|光|别|去掉|剔除|撇开|抛开|扣除|减去|加上|假设|假如|如果|若|按|当作|算作|视为|换算|四舍五入|取整|"
    r"万|千|亿|元|百分|比|较|多|少|高|低|大|小|最|前|后|上|下|去年|今年|明年|以来|之前|之后|各|每|全|都|所有|任何|第|名|排|序|改|应该|"
    r"\b(aside|leav\w*|left|ignor\w*|skip\w*|drop\w*|omit\w*|exclud\w*|except\w*|besides|apart|other|others|without|"
    r"not|no|none|never|nor|only|just|solely|alone|but|assum\w*|suppos\w*|if|unless|treat\w*|round\w*|rmb|yuan|wan|"
    r"thousand\w*|million\w*|billion\w*|percent\w*|unit\w*|mean\w*|meant|instead|correct\w*|actually|rather|before|"
    r"after|since|until|previous|precedent|prior|last|next|earlier|later|more|less|fewer|than|over|under|above|below|"
    r"least|most|exceed\w*|each|every|all|both|any|either|neither|first|second|third|top|bottom|sort\w*|order\w*|"
    r"rank\w*|per|average|total|sum|same|equal)\b", re.I)


# words of the asking sentence pointing back into what was said before it (那一年, 它, that, those)
# (not "its" of "in its 2019 report, how many … did X record": a name said after it, in the same sentence)
# (Korea has deliberation committees. How many requests were referred to such a committee?: "such" is the context's)
_POINTS_BACK = re.compile(r"那一?年|这一?年|该年|当年|那年|上述|前述|以上|它|该单位|该局|该机关|此数|这个数|那个数|这种|这类|此类|"
                          r"\b(that year|the same year|the above|aforementioned|the former|the latter|that figure|"
                          r"that number|such|likewise|similarly)\b", re.I)


def _context_blanked(text: str, rest: str) -> str:
    """`rest` (the words no pattern read) with those of statement sentences before the asking one blanked, when
    none of them is a word that could change the question."""
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
    if len(pieces) < 2:
        return rest
    asking = max((i for i, (a, b) in enumerate(pieces) if _STATEMENT_ASKS.search(text[a:b])), default=None)
    if asking is None or asking == 0 or _POINTS_BACK.search(text[pieces[asking][0]:]):
        return rest  # (…2024年不予公开的做法：那一年是以哪几类理由…: the question points back into the statement)
    out = list(rest)
    for a, b in pieces[:asking]:
        # (…ran several procurement projects and disclosed one total amount; what was that total: a statement
        # naming a figure is part of the question, not its context)
        if _STATEMENT_ASKS.search(text[a:b]) or _CONTEXT_BLOCKERS.search(rest[a:b]) or find_hits(text[a:b]):
            continue
        out[a:b] = " " * (b - a)
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _row_pairs(metrics: tuple[str, ...]) -> frozenset[str]:
    """The Chinese character pairs of the names of the rows `metrics` are on."""
    from qa.lexicon import ROWS
    rows = {".".join(m.split(".")[:2]) for m in metrics}
    return frozenset(t[i:i + 2] for table, row, terms in ROWS if f"{table}.{row}" in rows for term in terms
                     for t in (term.lstrip("~"),) for i in range(len(t) - 1)
                     if re.fullmatch(r"[\u4e00-\u9fff]{2}", t[i:i + 2]))


def _owners(word: str) -> set[str]:
    """The rows (table.row) and columns whose English terms hold `word` (or its stem); empty for a word
    that is no part of the metric vocabulary (administrative, centralised, carried, new … are)."""
    global _OWNERS
    if _OWNERS is None:
        from qa.lexicon import COLS, EN_COLS, EN_ROWS, ROWS
        _OWNERS = {}
        pairs = [(f"{t}.{r}", term) for t, r, ts in ROWS for term in ts] + \
            [(c, term) for c, ts, _ in COLS for term in ts] + list(EN_ROWS.items()) + list(EN_COLS.items())
        for owner, term in pairs:
            for w in re.findall(r"[a-z]+", term.lower()):
                _OWNERS.setdefault(w, set()).add(owner)
    found: set[str] = set()
    for w, owners in _OWNERS.items():
        if w in (word, word.rstrip("sd")) or (len(word) >= 6 and w.startswith(word[:6])):
            found |= owners
    return found


_OWNERS: Optional[dict[str, set[str]]] = None
GENERIC_OWNERS = 3  # a word of this many rows or columns (administrative, requests, decisions) names none


def _names_another_figure(word: str, metrics: Optional[list[str]]) -> bool:
    """A metric word left unread that belongs only to rows or columns other than the figures read
    ("… because the information would have had to be newly created" read as the handled total: `newly`
    and `created` name other rows). None of the plan's figures: not checked (the old lenient rule)."""
    if not metrics:
        return False
    owners = _owners(word)
    if not owners or len(owners) >= GENERIC_OWNERS:
        return False
    mine = {p for m in metrics for p in (".".join(m.split(".")[:2]), m.split(".")[1], m.split(".")[2])}
    return not (owners & mine)


def _pinyin_place(word: str) -> bool:
    from qa.gazetteer import pinyin_places

    return re.sub(r"['’-]", "", word) in pinyin_places()


def _place(word: str) -> bool:
    from ingest.gazetteer import gazetteer

    return bool(gazetteer().find_all(word)) or bool(gazetteer().find_all(word + "市"))


_PATTERNS: Optional[list[re.Pattern]] = None


# what totals are grouped by, as said (按省份合计 / totals by province)
GROUP_WORDS = {"province": ("省份", "province"), "city": ("城市", "city"), "county": ("区县", "county"),
               "kind": ("单位类型", "kind of agency")}
KIND_LABELS = {"street_office": ("街道", "street offices"), "government": ("人民政府", "governments"),
         "township": ("乡镇", "townships"), "department": ("部门", "departments")}
_AGG = {"sum": ("合计", "total"), "avg": ("平均", "average"), "count": ("计数", "count"),
        "median": ("中位数", "median"), "range": ("最高与最低之差", "highest minus lowest")}


_META_WHAT = {"agencies": ("单位", "agencies"), "count": ("单位", "agencies"), "reports": ("年报", "reports"),
              "regions": ("地区", "places"), "years": ("年报年份", "report years"), "templates": ("模板版本", "templates")}


def restate(plan: Plan) -> str:
    """One sentence saying how the question was read, in the question's language."""
    zh = plan.language != "en"
    if plan.intent in ("passages", "mentions"):
        what = plan.search or "、".join("/".join(g) for g in plan.terms)
        sec = f"第{plan.section}部分" if plan.section and zh else (f"section {plan.section}" if plan.section else "")
        scope = _scope(plan, zh)
        return (f"我理解为：在{scope or '全部年报'}{sec}中查找“{what.strip()}”的原文。" if zh else
                f"I read this as: passages about “{what.strip()}” in {scope or 'all reports'}"
                f"{' ' + sec if sec else ''}.")
    if plan.intent == "unsupported" and plan.terms and plan.refusal == "unknown figure":
        # a figure no table holds, looked for in the prose by these words
        words = "、".join(g[0] for g in plan.terms if g)
        scope = _scope(plan, zh)
        share, added = plan.ratio == "share", plan.aggregate == "sum"
        return (f"我理解为：{scope or '全部年报'}正文中关于“{words}”的数字{'占其总数的比例' if share else ''}"
                f"{'，所写数字相加' if added else ''}（统计表中没有这一项）。" if zh else
                f"I read this as: the figure about “{words}” stated in the text of {scope or 'all reports'}"
                f"{', as a share of the total stated with it' if share else ''}"
                f"{', the stated figures added up' if added else ''} (no table holds it).")
    if plan.intent == "meta" and plan.meta in _META_WHAT:
        # a listing or count of what the store holds: what is listed, of what scope
        what_zh, what_en = _META_WHAT[plan.meta]
        count = plan.meta == "count" or plan.wants_number
        scope = _scope(plan, zh)
        return (f"我理解为：{'统计' if count else '列出'}{scope or '数据库中'}的{what_zh}{'数' if count else ''}。" if zh else
                f"I read this as: {'the number of ' if count else 'the '}{what_en} of {scope or 'the database'}.")
    if plan.intent in ("meta", "quality", "unsupported"):
        return ""
    label = zh_label if zh else en_label
    metrics = [label(m) for m in plan.metrics]
    if plan.intent == "ratio" and plan.numerator > 1 and len(metrics) > plan.numerator:  # (A + B) over C (+ D)
        added = ("＋" if zh else " + ").join(metrics[:plan.numerator])
        base = ("＋" if zh else " + ").join(metrics[plan.numerator:])
        base = base if len(metrics) - plan.numerator == 1 else (f"（{base}）" if zh else f"({base})")
        metrics = [f"（{added}）÷{base}" if zh else f"({added}) / {base}"]
    elif plan.intent == "ratio" and plan.ratio == "share" and len(metrics) > 2:  # A over (B + C + D)
        base = ("＋" if zh else " + ").join(metrics[1:])
        metrics = [f"{metrics[0]}÷（{base}）" if zh else f"{metrics[0]} / ({base})"]
    metric = ("、".join(metrics) if zh else ", ".join(metrics)) or ("（未确定的数据）" if zh else "(an unknown figure)")
    scope = _scope(plan, zh)
    op = _operation(plan, zh)
    if zh:
        return f"我理解为：{scope or '全部年报'}的{metric}{('，' + op) if op else ''}。"
    return f"I read this as: {metric} of {scope or 'all reports'}{(', ' + op) if op else ''}."


def _claim(plan: Plan, zh: bool) -> str:
    a, b, inc = plan.above, plan.below, plan.inclusive
    total = "合计" if zh and plan.aggregate == "sum" else ("in total " if plan.aggregate == "sum" else "")
    if a is None and b == 0 and inc:
        return f"{total}是否为0" if zh else f"is it {total}0"
    if plan.stated is not None:
        if plan.above == plan.stated and plan.below is not None and plan.below > plan.stated:  # (四十七万多)
            return (f"{total}是否在{_num(plan.stated)}到{_num(plan.below)}之间" if zh else
                    f"is it {total}between {_num(plan.stated)} and {_num(plan.below)}")
        return f"{total}是否为{_num(plan.stated)}" if zh else f"is it {total}{_num(plan.stated)}"
    if a is not None and b is not None:
        if a == b:
            return f"{total}是否等于{_num(a)}" if zh else f"is it {total}exactly {_num(a)}"
        return f"{total}是否在{_num(a)}到{_num(b)}之间" if zh else f"is it {total}between {_num(a)} and {_num(b)}"
    if a is not None:
        return (f"{total}是否{'不少于' if inc else '超过'}{_num(a)}" if zh else
                f"is it {total}{'at least' if inc else 'more than'} {_num(a)}")
    return (f"{total}是否{'不超过' if inc else '低于'}{_num(b)}" if zh else
            f"is it {total}{'at most' if inc else 'less than'} {_num(b)}")


ORGANS_EN = {"统计局": "statistics bureau", "街道": "street office", "街道办事处": "street office",
             "人民政府": "government", "政府": "government", "财政局": "finance bureau", "教育局": "education bureau"}


def says_kind(plan: Plan) -> bool:
    """Whether a scope names the kind of agency: not beside an organ group kept in (every 统计局 says it)."""
    return bool(plan.agency_kind) and not (plan.organ and not plan.organ_out)


def organ_en(organ: str) -> str:
    """An organ word in English where one is known (统计局 → statistics bureau); else as written."""
    return ORGANS_EN.get(organ, organ)


def _scope(plan: Plan, zh: bool) -> str:
    bits: list[str] = []
    if plan.agencies:
        bits.append(("、" if zh else ", ").join(plan.agencies))
    regions = [r.label() for r in [plan.region, *plan.more_regions] if r is not None and not r.is_empty()]
    if regions:
        bits.append(("、" if zh else " / ").join(regions))
    if plan.agencies_out:
        bits.append((("中" if bits else "") + "、".join(plan.agencies_out) + "以外") if zh else
                    f"other than {', '.join(plan.agencies_out)}")
    if plan.region_out is not None:
        bits.append(f"{plan.region_out.label()}以外" if zh else f"outside {plan.region_out.label()}")
    # (one agency held against its kind: the kind is the other side of the comparison, said there)
    if says_kind(plan) and not plan.versus_group:
        bits.append(KIND_LABELS.get(plan.agency_kind, (plan.agency_kind, plan.agency_kind))[0 if zh else 1])
    if plan.organ and not plan.versus_group:
        organ = plan.organ if zh else organ_en(plan.organ)
        bits.append((f"{organ}以外的单位" if plan.organ_out else f"各{organ}") if zh else
                    (f"agencies other than {organ}" if plan.organ_out else f"every {organ}"))
    if plan.years:
        ys = sorted(set(plan.years))
        bits.append(("、".join(map(str, ys)) + "年") if zh else ("/".join(map(str, ys))))
    if plan.template:
        bits.append(f"{plan.template}版模板" if zh else f"{plan.template} template")
    return ("" if zh else " ").join(bits) if zh else " ".join(bits)


def _bounds(plan: Plan, zh: bool) -> str:
    """超过10 / 不少于10 / 低于8万 … as a restatement says them."""
    bits = []
    if plan.above is not None:
        bits.append(f"{'不少于' if plan.inclusive else '超过'}{_num(plan.above)}" if zh else
                    f"{'at least' if plan.inclusive else 'above'} {_num(plan.above)}")
    if plan.below is not None:
        bits.append(f"{'不超过' if plan.inclusive else '低于'}{_num(plan.below)}" if zh else
                    f"{'at most' if plan.inclusive else 'below'} {_num(plan.below)}")
    return ("、" if zh else " and ").join(bits)


def _operation(plan: Plan, zh: bool) -> str:
    offset = getattr(plan, "offset", 0) or 0
    if plan.members:
        above = plan.above is not None
        return (f"列出其中各项{'（只列大于' + _num(plan.above) + '的）' if above else ''}" if zh else
                f"each of its items{' above ' + _num(plan.above) if above else ''}")
    if plan.from_text and plan.intent == "difference":
        return "年报正文所述数字与表格数字之差" if zh else "the text's figure against the table's: the difference"
    if plan.from_text and plan.intent in ("lookup", "aggregate"):
        return "取年报正文所述的数字（非表格）" if zh else "the figure the report's text states (not the table's)"
    if plan.check_threshold and plan.aggregate != "count" and (plan.above is not None or plan.below is not None):
        return _claim(plan, zh)  # a yes/no against a stated figure or bound
    if plan.intent == "rank" and plan.pick_by:
        from qa.lexicon import en_label
        high = plan.order == "desc"
        by = zh_label(plan.pick_by) if zh else en_label(plan.pick_by)
        return (f"先取{by}{'最高' if high else '最低'}的年报，再取其该项数据" if zh else
                f"of the report with the {'highest' if high else 'lowest'} {by}")
    if plan.intent == "rank":
        pos = offset + 1
        high = plan.order == "desc"
        if zh:
            where = (f"第{pos}" if pos > 1 else "") + ("高" if high else "低")
            how = f"取{'最' if pos == 1 else ''}{where}" + (f"的{plan.limit}个" if plan.limit and plan.limit > 1 else "")
        else:
            nth = {2: "second-", 3: "third-"}.get(pos, f"{pos}th-" if pos > 1 else "")
            how = f"the {nth}{'highest' if high else 'lowest'}" + (f" {plan.limit}" if plan.limit and plan.limit > 1 else "")
        if plan.limit is None and not offset and not plan.versus_average:  # the whole ranking
            how = ("从高到低排序" if high else "从低到高排序") if zh else \
                ("ranked, highest first" if high else "ranked, lowest first")
        elif plan.limit and len(plan.agencies) >= 2 and plan.limit >= len(plan.agencies) and not offset:
            # (哪个多 after turns on two agencies: which of them, both shown)
            how = (f"哪个{'更高' if high else '更低'}（全部列出）" if zh else
                   f"which is {'higher' if high else 'lower'} (all of them listed)")
        if plan.versus_average:
            above = plan.versus_average == "above"
            how = (f"{'高' if above else '低'}于平均值的单位" if zh else
                   f"the agencies {'above' if above else 'below'} the average")
        if plan.zero:
            how = "数值为0的单位" if zh else "the agencies with 0"
        if plan.above is not None:
            how += (f"，只看超过{_num(plan.above)}的" if zh else f", only above {_num(plan.above)}")
        return how
    if plan.intent == "aggregate" and plan.group_by is not None:
        by_zh, by_en = GROUP_WORDS[plan.group_by]
        if plan.groups:
            kinds = [KIND_LABELS.get(k, (k, k))[0 if zh else 1] for k in plan.groups]
            return (f"按单位类型分别合计（{'、'.join(kinds)}，按此顺序）" if zh else
                    f"totals by kind of agency ({', '.join(kinds)}, in that order)")
        pos = (plan.offset or 0) + 1
        high = plan.order == "desc"
        if zh:
            how = (f"，取第{pos}{'高' if high else '低'}的" if pos > 1 else f"，取{'最高' if high else '最低'}的"
                   if plan.limit == 1 else f"，取{'最高' if high else '最低'}的{plan.limit}个" if plan.limit
                   else f"，{'从高到低' if high else '从低到高'}排序")
        else:
            nth = {2: "second-", 3: "third-"}.get(pos, f"{pos}th-" if pos > 1 else "")
            how = (f", the {nth}{'highest' if high else 'lowest'}" + (f" {plan.limit}" if (plan.limit or 1) > 1 else "")
                   if plan.limit else f", {'highest' if high else 'lowest'} first")
        nonzero = ("，为0的不计" if zh else ", zeros left out") if plan.above is not None else ""
        return (f"按{by_zh}分别合计{how}{nonzero}" if zh else f"totals by {by_en}{how}{nonzero}")
    if plan.intent == "aggregate" and plan.aggregate:
        word = _AGG[plan.aggregate][0 if zh else 1]
        counted_zh, counted_en = ("单位", "agencies") if plan.list_agencies else ("年报", "reports")
        if plan.aggregate == "count" and plan.above is not None and plan.below is not None:
            return (f"统计在{_num(plan.above)}到{_num(plan.below)}之间的{counted_zh}数" if zh else
                    f"count the {counted_en} between {_num(plan.above)} and {_num(plan.below)}")
        if plan.aggregate == "count" and plan.above is not None:
            return ((f"统计{'不少于' if plan.inclusive else '超过'}{_num(plan.above)}的{counted_zh}数") if zh else
                    f"count the {counted_en} {'at or ' if plan.inclusive else ''}above {_num(plan.above)}")
        if plan.aggregate == "count" and plan.zero:
            return (f"统计为0的{counted_zh}数" if zh else f"count the {counted_en} at 0")
        if filtered_total(plan):  # only the reports whose figure meets the bound
            bound = _bounds(plan, zh)
            return (f"只计{bound}的年报，{word}" if zh else f"{word} over the reports {bound}")
        if len(plan.agencies) == 1:  # one agency's reports of several years
            return (f"各年{word}" if zh else f"{word} over its years")
        return (f"各单位{word}" if zh else f"{word} over agencies")
    if plan.intent == "compare" and plan.places_compared:
        more = plan.boolean != "less"
        if plan.versus_group:
            plural = "s" if plan.organ in ORGANS_EN else ""  # (statistics bureaus; an organ not known stays as written)
            group = (plan.organ if zh else organ_en(plan.organ) + plural) if plan.organ else \
                KIND_LABELS.get(plan.agency_kind or "", ("", ""))[0 if zh else 1]
            if plan.aggregate == "avg":
                return (f"判断{plan.agencies[0]}是否比各{group}的平均数{'高' if more else '低'}" if zh else
                        f"is {plan.agencies[0]}'s figure {'higher' if more else 'lower'} than the {group}' average?")
            return (f"判断{plan.agencies[0]}是否比各{group}合计还{'多' if more else '少'}" if zh else
                    f"is {plan.agencies[0]}'s figure {'higher' if more else 'lower'} than the {group}' total?")
        places = [r.label() for r in [plan.region, *plan.more_regions] if r is not None]
        return (f"各地分别合计，判断{places[0]}的合计是否比{places[-1]}的{'多' if more else '少'}" if zh else
                f"each place's total: is {places[0]}'s {'higher' if more else 'lower'} than {places[-1]}'s?")
    if plan.intent == "compare":
        years = sorted(set(plan.years))
        if plan.boolean == "equal":
            return (f"判断{years[0]}年与{years[1]}年是否相同" if zh else f"are {years[0]} and {years[1]} the same?") \
                if len(years) == 2 and len(plan.agencies) <= 1 and not plan.yoy else \
                ("判断与上一年是否相同" if zh else "the same as the year before?") if plan.yoy else \
                ("判断两者是否相同" if zh else "are the two the same?")
        if plan.boolean and len(years) == 2 and len(plan.agencies) <= 1 and not plan.yoy:
            # one figure in two years: the later year held against the earlier (which "前者" would not say)
            more = plan.boolean == "more"
            if plan.factor is not None:  # (more than ten times 2023's)
                f = _num(plan.factor)
                return (f"判断{years[1]}年是否{'超过' if more else '不到'}{years[0]}年的{f}倍" if zh else
                        f"is {years[1]} {'more' if more else 'less'} than {f} times {years[0]}?")
            return (f"判断{years[1]}年是否比{years[0]}年{'多' if more else '少'}" if zh else
                    f"is {years[1]} {'higher' if more else 'lower'} than {years[0]}?")
        if plan.boolean and plan.factor is not None:
            more, f = plan.boolean == "more", _num(plan.factor)
            return (f"判断前者是否{'超过' if more else '不到'}后者的{f}倍" if zh else
                    f"is the first {'more' if more else 'less'} than {f} times the second?")
        if plan.boolean:
            more = plan.boolean == "more"
            return ("判断前者是否更" + ("多" if more else "少")) if zh else f"is the first {'higher' if more else 'lower'}?"
        return "逐一比较" if zh else "side by side"
    if plan.intent == "difference" and plan.boolean and len(plan.metrics) == 2 and not plan.yoy \
            and len(plan.years) <= 1:  # two figures of one report, asked yes / no
        if plan.boolean == "equal":
            return "判断两者是否相同" if zh else "are the two the same?"
        more = plan.boolean == "more"
        return (f"判断前者是否比后者{'多' if more else '少'}" if zh else f"is the first {'higher' if more else 'lower'} than the second?")
    if plan.intent == "difference":
        if plan.signed:  # (2024 minus 2023: signed, in the order named)
            a, b = (plan.agencies[:2] if len(plan.agencies) == 2 else plan.year_order[:2] if len(plan.year_order) == 2
                    else ("前者", "后者") if zh else ("the first", "the second"))
            return f"求差值：{a}减{b}（保留正负号）" if zh else f"{a} minus {b} (signed)"
        return "求差值" if zh else "the difference"
    if plan.intent == "ratio" and plan.ratio == "share" and plan.of_all and len(plan.metrics) == 1:
        return "求其占范围内全部年报合计的比例" if zh else "its share of the total of every report in scope"
    if plan.intent == "ratio":
        word = {"share": ("求占比", "the share"), "per_unit": ("求平均每项", "per item"),
                "growth": ("求增长率", "the growth rate")}.get(plan.ratio or "share", ("求比值", "the ratio"))[0 if zh else 1]
        if plan.gap:  # (per project, how much more did A spend than B)
            return f"{word}，再求两个单位之差" if zh else f"{word}, then the gap between the two agencies"
        if (plan.above is not None or plan.below is not None) and plan.ratio in ("share", "per_unit"):
            bound = _bounds(plan, zh)  # (which agencies averaged more than 20,000 per project)
            return f"{word}，列出{bound}的年报" if zh else f"{word}, the reports {bound}"
        return word
    if plan.intent == "trend":
        return "按年份列出" if zh else "year by year"
    if plan.aggregate == "sum":
        return "相加" if zh else "added up"
    return ""


FIGURES = "figures: "  # an `unused` entry: several figures read where the question asks for one
SPEAKS_FOR = "speaks for: "  # an `unused` entry: the asker's own agency (我们街道, our office), not named


def withheld(plan: Plan, unused: list[str]) -> str:
    """The answer text when the reading left operation words unused."""
    figures = next((w[len(FIGURES):].split(" | ") for w in unused if w.startswith(FIGURES)), None)
    if figures:
        if plan.language == "en":
            return (f"{restate(plan)} The question reads as several figures ({'; '.join(figures)}) but asks for "
                    "one, so I do not pick one for you. Please name the one you mean (or ask for them "
                    "'and' / 'both').")
        return (f"{restate(plan)}问题里读出了几项数据（{'、'.join(figures)}），但只问一个数，不替您选。"
                "请写明要哪一项（或写“A和B分别是多少”）。")
    own = [w[len(SPEAKS_FOR):] for w in unused if w.startswith(SPEAKS_FOR)]
    if own:
        if plan.language == "en":
            return (f"The question speaks of '{own[0]}' but does not say which agency that is, and the database holds "
                    "reports of several agencies, so I do not answer for any of them. Please name the agency (for "
                    "example its full name and the year).")
        return (f"问题说的是“{own[0]}”，但没有写明是哪个单位；数据库中有多个单位的年报，不替您选，以免答成别的单位的。"
                "请写明单位名称（例如全称和年份）。")
    unused = [re.sub(r"□+", "…", w) for w in unused]  # (the figure's own words were blanked out of them)
    words = "、".join(f"“{w}”" for w in unused)
    if plan.intent == "quality":
        zh = plan.language != "en"
        kind = {"blank": ("空白单元格", "blank cells"), "guessed_units": ("推测单位", "guessed units"),
                "unreadable": ("无法识别的单元格", "unreadable cells"), "balance": ("勾稽关系", "balance checks"),
                "narrative": ("正文与表格一致性", "narrative-vs-table checks")}.get(plan.quality or "", ("数据质量", "data quality"))
        scope = _scope(plan, zh)
        if not zh:
            return (f"I read this as: the {kind[1]} findings of {scope or 'all reports'}. But "
                    f"{', '.join(repr(w) for w in unused)} in the question is not part of that reading, so I do not "
                    "answer what may be another question. Please rephrase.")
        return (f"我理解为：{scope or '全部年报'}的{kind[0]}检查结果。但问题中的{words}没有对应到这个理解上，"
                "为免答非所问，不作回答。请换个说法。")
    if plan.intent == "meta":  # a list with a condition not understood
        scope = _scope(plan, plan.language != "en")
        what = {"agencies": ("单位", "agencies"), "count": ("单位", "agencies"),
                "regions": ("地区", "regions")}.get(plan.meta or "", ("年报", "reports"))
        if plan.language == "en":
            return (f"I read this as: the {what[1]} of {scope or 'the database'}. But "
                    f"{', '.join(repr(w) for w in unused)} in the question is not part of that reading, so I do not "
                    f"list {what[1]} that may not meet it. Please rephrase.")
        return (f"我理解为：列出{scope or '数据库中'}的{what[0]}。但问题中的{words}没有对应到这个理解上，"
                f"为免列出不符合条件的{what[0]}，不给出列表。请换个说法。")
    if plan.language == "en":
        return (f"{restate(plan)} But {', '.join(repr(w) for w in unused)} in the question is not part of that "
                "reading, so I do not give a figure that may answer another question. Please rephrase "
                "(for example name the agency and the year, or ask for the ranking as a list).")
    return (f"{restate(plan)}但问题中的{words}没有对应到这个理解上，为免答非所问，不给出数字。"
            "请换个说法（例如写明单位和年份，或直接问排名列表）。")


def prefix(plan: Plan, text: str) -> str:
    """`text` with the restatement in front (once)."""
    line = restate(plan)
    if plan.read_as:  # a name typed with a same-sounding character: what it was read as, said
        said = "；".join(f"把“{a}”读作“{b}”" for a, b in plan.read_as) if plan.language != "en" else \
            "; ".join(f"“{a}” read as “{b}”" for a, b in plan.read_as)
        line = (f"{line}（{said}）" if plan.language != "en" else f"{line} ({said})") if line else \
            (f"（{said}）" if plan.language != "en" else f"({said})")
    if not line or text.startswith(line):
        return text
    return f"{line}\n{text}" if text else line

