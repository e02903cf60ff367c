"""The form of answer a question asks for, checked against the answer made.

Family served: every question the reader could only take as a passage search (its figure, check or
comparison was not understood) although it asks a number (多少, how many), a yes / no (吗, 是否, did …)
or which of several is larger. Quoting the best-matching passages then answers another question
(what the report says about those words), so such an answer is not given as one: its status is
`no_data`, the quotes are kept and labelled as the closest text, not the answer. A question that also
asks for the text (哪部分说的, what does it say, how) keeps its passages as the answer.
"""
from __future__ import annotations

import re
from typing import Optional

from qa import cues
from qa.cues import rx
from qa.lexicon import GROUPS
from qa.models import Plan
from qa.outcome import Outcome, say
from qa.reading import AVERAGE, ORDINAL, restate

# a question word asking for content: what the answer is, not whether it is so
_WH = rx(r"哪|什么|啥|怎|如何|为何|为什么|多少|几|\b(what|which|who|whom|whose|how|where|when|why)\b")
# a yes / no asked: a question particle at the end, an A-not-A form, or an English question opening with its
# auxiliary (Did …? Is …? Has …?)
_YES_NO = rx(r"吗\s*[?？。!！]*\s*$|么\s*[?？]\s*$|是否|是不是|有没有|有无|对不对|对吗|"
             # any verb's A-not-A (算不算, 够不够, 属不属于)
             r"([\u4e00-\u9fff])不\1|"
             # the two answers offered outright (yes or no, true or false, 判断对错, 对还是错)
             r"\byes or no\b|\by/n\b|\btrue or false\b|判断对错|判断正误|对还是错|是还是否|对或错|是或否|（对/错）|\(对/错\)|"
             # a verb and 没有 at the end (写了落款日期没有？, 收到过申请没有): the A-not-A of a perfective
             r"(了|过)[^，,。？?]{0,16}没有\s*[?？]?\s*$|"
             # a confirmation asked (是宁波的吧？) and a true-or-false item (判断题：…)
             r"吧\s*[?？]\s*$|判断题|^\W*判断\W|"
             # whether asked as a request (please tell me whether …, 请告诉我是否)
             r"\b(tell me|let me know|check|confirm|say) whether\b|"
             r"\b(correct|right|true|accurate|exact|precise)\s*[?？]\s*$|"
             r"^\W*((so|and|but|then|ok|okay|well|also|now|right)\W+)?(did|does|do|is|are|was|were|has|have|had|will|would|"
             r"can|could|should)(n'?t)?\b")
# a request put politely as a yes / no (能告诉我…吗, can you list …): the request is what is asked
_REQUEST = rx(r"告诉|介绍|说说|讲讲|说一下|讲一下|列出|列举|列一下|查一下|查查|帮我|帮忙|看看|看一下|总结|概括|摘录|引用|"
              r"\b(tell|show|list|give|describe|summari[sz]e|quote|explain|find|look up|check)\b|"
              # (could you total …, would you please …, 能不能帮…: what follows is the request)
              r"^\W*(could|can|would|will) (you|u)\b|\bplease\b|\bkindly\b|麻烦|请你|能不能帮|可不可以帮|可以帮")
# the text itself asked for (where it says so, what it says, how it was done): passages answer that part
_TEXT_ASKED = rx(r"哪部分|哪一部分|哪个部分|哪一节|哪段|哪里|哪儿|在哪|原文|怎么说|怎么写|说了什么|写了什么|说了啥|"
                 r"提到了什么|内容是什么|\bwhere\b|\bquote\b|\bpassages?\b|\bsections?\b|\bwording\b|"
                 r"\bwhat (does|did|do) (it|the report|they|the text)\b.{0,30}\bsay")


# a place in a ranking asked (where did it rank, 排名第几, 第几名)
_PLACE_ASKED = rx(r"\bwhere did\b.{0,60}\brank(ed)?\b|\bwhat (rank|place|position)\b|排名第几|排第几|第几名|名列第几")
# a figure asked in words other than how many (what number does it give, 什么数字, which figure)
_NUMBER_ASKED = rx(r"\b(what|which) (number|figure|count|amount|total|value|percentage|percent|share|proportion)\b|"
                   r"\b(what|how much) is (that|the|this|its) (share|percentage|proportion|ratio|rate|figure|number|total)\b|"
                   r"\b(add|adds|sum|sums|total|totals|come|comes) (up )?to\b|加起来是|合计是|"
                   r"什么数|哪个数|数字是|(?<![哪这那])多少|比例|比重|占比|百分之|"
                   # an order to add up or count (把三项加总报上来, 统计…报告份数, 折合人民币若干元): a number
                   r"加总|(?<![现有])(份|件|个|项|次|家)数(?!据|量是否)|若干\s*(元|万元|件|个|份|家|项|次)")
# which agency asked (哪家单位的报告通篇没写…): quotes of the best-matching passages name an agency by chance
_WHICH_AGENCY = rx(r"哪(家|个|一家|一个)(单位|部门|机关|统计局|街道|政府)|\bwhich (agency|office|bureau|government|unit)\b")
# a date asked (which date, 哪天, 什么日期): quotes do not give one
_DATE_ASKED = rx(r"\b(which|what) (date|day)\b|哪天|哪一天|什么日期|几月几[日号]|哪个日期")


# a yes / no put as a request (please tell me whether …): the whether is what is asked
_WHETHER = rx(r"\b(tell me|let me know|check|confirm|say) whether\b|告诉我是否|帮我看看是否|核实一下是否")
# the last sentence or clause of a question, where a question put after its context asks (…in 2020. Is that what
# the table shows?; How is it that …, what increase did they record?)
_AUXILIARY = rx(r"^\W*(did|does|do|is|are|was|were|has|have|had|will|would|can|could|should)(n'?t)?\b")


def _final_ask(question: str) -> str:
    sentences = [x for x in re.split(r"(?<=[.!?。！？])\s+|(?<=[？?])", question.strip()) if x.strip()]
    last = sentences[-1] if sentences else question
    return re.split(r"\s[-–—]+\s|——|[,，;；]\s*(?=what|how|which|是|有|多少|几)", last)[-1]


def asked_form(question: str, plan: Plan) -> Optional[str]:
    """'number', 'yes_no' or 'which' when the question asks that form of answer (and not also for the text);
    None for a question passages answer (what problems, how, what does it say)."""
    # (能通过R4检查吗（每组总计=…）？: an aside after the question's own end glosses it; the form is before it)
    question = re.sub(r"\s*[（(][^（）()]{1,80}[)）]\s*(?=[?？。!！]*\s*$)", "", question)
    final = _final_ask(question)
    if _PLACE_ASKED.search(question):
        return "number"  # (where did Hongze rank in the evaluation, 排名第几: a place in a ranking, not a passage)
    if _TEXT_ASKED.search(question):
        return None  # (did it say anything about training? where does it say so: the text is asked)
    if cues.HOW.search(question) and not (
            # (…是不是全部予以公开了？你是怎么从表里看出来的: the yes / no is asked, the how explains it; How is it
            # that …, what increase did they record: the figure is asked last)
            _YES_NO.search(question.split("?")[0].split("？")[0])
            or cues.COUNT_ASK.search(final) or _NUMBER_ASKED.search(final) or _CHANGE_ASKED.search(final)):
        return None
    if _AUXILIARY.search(final) and not _WH.search(final.split()[0] if final.split() else "") and \
            not _REQUEST.search(final) and "?" in final + "？" and len(question) > len(final):
        return "yes_no"  # (a statement, then "Is that what the table shows?")
    first, _, then = (re.split(r"([?？])", question, maxsplit=1) + ["", ""])[:3]
    if _YES_NO.search(first.strip() + "?") and not _WH.search(first) and cues.HOW.search(then) \
            and not (_WH_CONTENT.search(then) or cues.COUNT_ASK.search(then)):
        return "yes_no"  # (…是不是全部予以公开了？你是怎么看出来的: the yes / no is asked, the how explains it)
    if plan.wants_number or cues.COUNT_ASK.search(question) or _NUMBER_ASKED.search(question) \
            or cues.DIFFERENCE.search(question) or _CHANGE_ASKED.search(final):
        return "number"
    if _DATE_ASKED.search(question):
        return "date"
    if plan.intent in ("passages", "unsupported") and (cues.RANK_LIST.search(question) or _ORDERED.search(question)):
        return "list"  # (去掉为零的，从高到低排一下: a ranking asked, which quotes do not give)
    if _WHICH_AGENCY.search(question) and not (plan.years or plan.region is not None or plan.agency_kind or plan.organ
                                               or plan.agencies):
        # (which agency's report is of 2019 / is a street office / is Jiangsu's: the scope read is the condition, and
        # the passages found are of its agencies)
        return "agency"
    if cues.WHO_MORE.search(question):
        return "which"
    if _YES_NO.search(question.strip()) and not _WH.search(question) and (not _REQUEST.search(question)
                                                                         or _WHETHER.search(question)
                                                                         or _A_NOT_A.search(question)):
        return "yes_no"  # (帮我奶奶问一下，洪泽区是不是在江苏省啊: a request around an A-not-A is still a yes / no)
    return None


# a yes / no in its A-not-A form (是不是, 是否, 有没有, 算不算): asked whatever is said around it
_A_NOT_A = rx(r"是否|是不是|有没有|有无|([\u4e00-\u9fff])不\1")
# one total asked (加起来, 合计, grand total, add up): a listing of the figures is not it
_ONE_TOTAL = rx(r"合计|加起来|加在一起|加总|总和|之和|一共|总共|共计|总计|\bin total\b|\bcombined\b|\baltogether\b|"
                r"\bgrand total\b|\b(add|adding|sum|summing|tally) (them |these |those |it )?up\b|\bsum of\b")


# a number of agencies the question says it is about (这三家, 两家单位, all three, both, the two bureaus)
_AGENCIES_SAID = rx(r"(?<![第])(两|二|三|四|五|六)\s*(家|个单位|个部门|个统计局)(?!以上|以下|之中有|中有|里有)|"
                    r"\b(all|the|these|those) (two|three|four|five|six) (agencies|bureaus|offices|units|departments|"
                    r"governments|statistics bureaus)\b|\bboth (agencies|bureaus|offices)\b")
_COUNT_WORDS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7}
# how many reports the question says a total runs over (五份报告, across the five 2019-2020 reports, all seven reports)
_REPORTS_SAID = rx(r"(?<![第])(两|二|三|四|五|六|七)\s*份\s*(\S{0,12}?)(年报|报告)(?!中有|里有)|"
                   r"\b(all|the|these|those) (two|three|four|five|six|seven) ([\w□-]+ ){0,3}?(annual )?reports\b")


def _withhold(out: Outcome, plan: Plan, status: str, zh: str, en: str) -> Outcome:
    """`out` with no figure and `status`, its text kept after the reason given (in the question's language)."""
    out.status = status
    out.value, out.unit = None, None
    out.text = say(plan, f"{zh}\n{out.text}", f"{en}\n{out.text}")
    return out


def _count_said(pattern: re.Pattern, question: str, *groups: int) -> Optional[int]:
    """The number a match of `pattern` says (its number word in the first of `groups` that matched; both is 2)."""
    m = pattern.search(question)
    if not m:
        return None
    if m.group(0).lower().startswith("both"):
        return 2
    return _COUNT_WORDS.get(next((m.group(g) for g in groups if m.group(g)), "").lower())


def agencies_said(question: str) -> Optional[int]:
    """How many agencies the question says it is about, when it says so (None when it does not)."""
    return _count_said(_AGENCIES_SAID, question, 1, 4)


def too_few_reports(question: str, plan: Plan, out: Outcome) -> Outcome:
    """`out` unchanged, unless the question says how many reports a total or average runs over (the five 2019-2020
    reports) and the answer left some of those out (a blank cell, not a figure): the total asked is not the one
    given, so no figure is (`ambiguous`), the one read shown."""
    if out.status != "answered" or plan.intent != "aggregate" or not out.coverage.skipped:
        return out
    n = _count_said(_REPORTS_SAID, question, 1, 5)
    used = len(set(out.coverage.used))
    if n is None or used >= n or used + len(out.coverage.skipped) < n:
        return out
    return _withhold(out, plan, "ambiguous",
                     f"问题说的是{n}份年报的合计，但其中有年报的这一栏不是数字（如空白），读出的答案只用了{used}份，因此不给出数字。读到的内容：",
                     f"The question asks over {n} reports, but in some of them the cell is not a figure (a blank, say), "
                     f"so the answer read rests on {used} and no figure is given. What was read:")


def too_few_agencies(question: str, plan: Plan, out: Outcome, agencies_used: int) -> Outcome:
    """`out` unchanged, unless a ranking asked which agency rests on one agency's reports (whichever place is asked,
    the answer is that agency), or unless the question says how many agencies it is about (再加上温泉街道，三家一共 / all three
    together) and a table answer rests on another number of agencies: the reading lost some of them (or took others
    in), so its figure is not given (`ambiguous`)."""
    if out.status == "answered" and plan.intent == "rank" and agencies_used == 1 and len(out.coverage.used) >= 2 \
            and (plan.agencies or plan.region is not None) \
            and (_WHICH_AGENCY.search(question) or re.search(r"哪家|谁家|\bwho\b", question)):
        # (the scope read is one agency's or one place's: not a store where only one agency has the figure)
        return _withhold(out, plan, "ambiguous", "问题问的是哪个单位，但读出的排序只有一个单位的几份年报。因此不给出答案。读到的内容：",
                         "This asks which agency, but the ranking read holds only one agency's reports. So no answer is "
                         "given. What was read:")
    if out.status != "answered" or plan.intent not in ("lookup", "aggregate", "compare", "difference", "ratio"):
        return out
    n = agencies_said(question)
    if n is None or agencies_used == n or agencies_used == 0:
        return out
    return _withhold(out, plan, "ambiguous",
                     f"问题说的是{n}个单位，但我读出的答案只涉及{agencies_used}个单位，可能漏读或多读了单位，因此不给出数字。读到的内容：",
                     f"The question is about {n} agencies, but the answer I read rests on {agencies_used}, so an agency "
                     f"was lost or added in reading it and no figure is given. What was read:")


# two years said (both years, 这两年, over the two years): an answer resting on one year lost the other
_YEARS_SAID = rx(r"\bboth years\b|\b(the|these|those) two years\b|(这|那)?两年(?!前|后|以前|以后|来)|两个年度|两份年报")
# a figure for each of several asked (分别, 各, 每个, respectively, by province, for each): a list answers it
_EACH = rx(r"分别|历年|逐年|\byear by year\b|\bevery year\b|\bover the years\b|各(个|家|省|市|区|单位|年|类)?(?![^，,。]{0,4}都算)|每(个|家|年|一)|\brespectively\b|\beach\b|\bper\b|\bby (province|city|county|"
           r"kind|type|year|agency)\b|\bfor both\b|(?<!counting )(?<!including )(?<!adding )\bboth\b(?!.{0,40}\b(together|combined)\b)|按")
# reports (or agencies) counted or listed (几份, 哪些年报, how many reports, which agencies)
_REPORTS_COUNTED = rx(r"(几|多少)\s*(份|个|家)|哪些|哪几|哪份|哪个|哪家|\bhow many (of the |of them|of these)?\s*([\w□-]+ ){0,3}?"
                      r"(reports|agencies|bureaus|offices|of them|of these)\b|\bwhich\b|\bany\b|是否|吗|^\W*(is|are|does|do|did|has|have)\b")
# a number of reports an agency holds, as a condition (有两份年报, more than one annual report)
_REPORTS_HELD_COUNT = rx(r"(有|存|收录|存了|收了)\s*([两二三四五2-9])\s*份(以上)?(年报|报告)|多于一份|不止一份|一份以上|"
                         r"\b(more than one|two|several|multiple) (annual )?reports\b")
# one of several asked for (哪一个, which one, which of them)
_WHICH_ONE = rx(r"哪一个|哪一家|哪个|哪家|哪一份|哪份|\bwhich one\b|\bwhich of\b|\bwhich (agency|office|bureau|report)\b")


# an amount of money asked (the amount in yuan, how much money, 多少钱, 多少元, 金额是多少)
_MONEY_ASKED = rx(r"\b(amount|sum) in (yuan|rmb)\b|\bin yuan\b|\bhow much (money|did [^?]{0,40} spend)\b|多少钱|多少元|多少万元|"
                  r"金额(是)?多少|花了多少|若干元|若干万元|折合人民币|折成元")
# a count asked (几件, 多少个, how many), not an amount (多少钱, 几多元)
_COUNT_ONLY = rx(r"(?<![哪这那])(多少|几)\s*(名|人|个|件|条|项|次|家|份|场|期|篇|位|起|宗)|\bhow many\b")
_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?!\d)(?!\.\d)")


def _numbers_in(text: str) -> set[float]:
    return {float(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text or "")}


def _stated_numbers(question: str) -> set[float]:
    """The figures a question states to be checked: its numbers but years (2019, 2023年), a template (2021版) and
    bounds written as a share of 100 or below 2 (at least 1, 0)."""
    text = re.sub(r"(?<![\d.,])(19|20)\d\d(?![\d.,]\d)\s*(年|版|年度|\b)|(?<![\d.])\d\d\s*(年度?|版)|['’‘]\d\d\b|"
                  r"〔\d+〕|\[\d+\]|\d+\s*号|第\s*\d+\s*(条|项|款|部分)", " ", question)  # (20年, '23, 〔2021〕30号, 第二十条)
    return {n for n in _numbers_in(text) if n >= 2 and n != 100}


# a question word asking for content (which, what, who, 哪, 什么, 谁, 多少): a bare yes or no answers none of them
_WH_CONTENT = rx(r"\b(which|what|who|whom|whose)\b|哪|什么|啥|谁|(?<![哪这那])多少")
# every one of several (every statistics bureau, each agency, 每个单位都): a yes / no about each, not about their total
_EVERY = rx(r"\bevery\b|\beach\b|\ball (of )?(the )?(\w+ ){0,2}(agencies|bureaus|offices|reports|departments)\b|"
            r"每个|每一个|每家|每一家|每份|各个|(单位|统计局|部门|街道|报告|年报)(全|都)(有|至少|超过|在|是|没有|不)")
# the order of a list asked outright (in order, biggest first, 依次, 从高到低): a list answers it, not its first item
_ORDERED = rx(r"\bin (descending |ascending |that |this )?order\b|\b(biggest|largest|highest|smallest|lowest|most|least)"
              r"( \w+)? first\b|\bsorted\b|\blist (the |all )?(\w+ ){0,2}(years|agencies|reports|bureaus|offices)\b|"
              r"依次|从高到低|从大到小|从多到少|从低到高|从小到大|从少到多|降序|升序|由高到低|由多到少|由低到高|由少到多")
# how much a figure changed asked (what's the increase, 增加了多少): each year's figure is not the change
_CHANGE_ASKED = rx(r"\b(what|how much|how many|by how)\b[^?]{0,30}\b(increase|decrease|rise|fall|drop|growth|gain|decline)\b|"
                   r"(增加|减少|增长|下降|上涨|涨|降|变化|多|少)了?(多少|几)")
# a list asked (列出…的单位, which agencies): one total answers another question
_LIST_ASKED = rx(r"列出|列举|列一下|哪些|哪几|\blist\b|\bwhich (\w+ ){0,3}(agencies|reports|bureaus|offices|years|units)\b")
# something other than reports or agencies counted (多出几件, how many of the groups): a count of reports is not it
_OTHER_COUNTED = rx(r"(几|多少)\s*(件|条|项|个组|组|次|元|万元|个单元格|格)|多出几|\bhow many (of the )?(\w+ ){0,2}(groups|cells|"
                    r"rows|cases|requests|items|decisions|applications)\b")
# a figure held against another one (比它多的单位, more than that): a list of every agency does not answer it
_COMPARATIVE = rx(r"比[^，,。？?]{0,8}(多|少|高|低|大|小)|\b(more|fewer|less|higher|lower|greater|larger|smaller|bigger) than\b")
# the report's own words asked for (point me to the passage, does it say …): whether a report is held is not it
_WORDS_ASKED = rx(r"\bpoint me to\b|\bpassages?\b|\bquote\b|\b(say|says|said|mention|mentions|mentioned) (that|anyone|any|whether)\b|"
                  r"原文|哪部分|哪一段|引用")


# one place of a ranking asked (排名第一, 最多的, the top one): one item answers it
_ONE_PLACE = rx(r"第\s*[一二三四五六七八九十1-9]|最|\btop\b|\b(the )?(highest|lowest|most|least|largest|smallest|biggest|"
                r"fewest|first|second|third|last)\b|\b(number|no\.?|#)\s*[1-9]\b|\bon place\b")


def the_form_answered(question: str, plan: Plan, out: Outcome, years_used: int, reports_used: int = 0) -> Outcome:
    """`out` unchanged, unless the kind of answer it gives is not the kind the question asks:
    - a number asked (how many, 多少), answered with a list of figures and no headline, or with a yes / no;
    - a yes / no asked, answered with a list and no yes / no;
    - one of several asked (which one), answered with a list of all of them and no pick;
    - a share framed as part of a whole (占…的比例, what share of all) above 100 %: the part read is not in the whole;
    - two years said (both years, 这两年), answered from one year.
    Each is an answer to another question; the figures read are shown and none is given (`ambiguous`)."""
    if out.status != "answered":
        return out
    form = asked_form(question, plan)
    listing = out.value is None and len(out.items) >= 2
    why = None
    # (几个统计局加起来还多吗 / 几份统计局的年报里，哪些…: 几 there is "the several", the yes / no or the list is asked)
    if form == "number" and plan.intent != "passages" and (
            (listing and not cues.WHICH_MANY.search(question) and not _EACH.search(question) and plan.group_by is None)
            or (isinstance(out.value, bool) and not (_YES_NO.search(question.strip()) or cues.BOOLEAN.search(question)))):
        why = ("问题问的是一个数，但读出的答案是一组数或一个是/否，没有那个数。",
               "This asks for a number, but the answer read is a list or a yes / no, not that number.")
    elif isinstance(out.value, bool) and _WH_CONTENT.search(question) and not (
            _YES_NO.search(question.strip()) or cues.BOOLEAN.search(question)):
        why = ("问题问的是具体内容（哪个、什么、多少），但读出的答案只是“是/否”。", "This asks which, what or how many, but the "
               "answer read is only a yes or no.")
    elif isinstance(out.value, bool) and (plan.intent == "aggregate" or plan.aggregate == "sum") \
            and plan.intent in ("aggregate", "lookup") and len(set(plan.metrics)) >= 2 \
            and not (_ONE_TOTAL.search(question) or cues.AGG_SUM.search(question)) and _stated_numbers(question):
        # (none of two figures is their sum at 0, which a total does judge; a figure stated for one of them is not)
        # (handled 21 requests and fully granted none of them — accurate?: each figure is claimed, not their sum)
        why = ("问题对几项数据分别作了陈述，但读出的判断用的是它们的合计。", "The question states each figure on its own, but the "
               "yes / no read judges their total.")
    elif isinstance(out.value, bool) and plan.check_threshold and plan.intent == "aggregate" and _EVERY.search(question) \
            and not _ONE_TOTAL.search(question):
        why = ("问题问的是每一个是否如此，但读出的判断用的是它们的合计。", "This asks whether each one is so, but the yes / no "
               "read judges their total.")
    elif plan.intent == "trend" and (_CHANGE_ASKED.search(question) or (form == "number" and cues.DIFFERENCE.search(question))
                                     or _ONE_TOTAL.search(question)) and not _EACH.search(question):
        why = ("问题问的是变化或合计，但读出的答案是各年的数，没有算出来。", "This asks for a change or a total, but the answer "
               "read gives each year's figure, not that.")
    elif plan.intent == "aggregate" and _LIST_ASKED.search(question) and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool) and not (_ONE_TOTAL.search(question) or cues.COUNT_ASK.search(question)
                                                         or cues.AGG_SUM.search(question) or AVERAGE.search(question)):
        why = ("问题要的是一个列表，但读出的答案是一个合计。", "This asks for a list, but the answer read is one total.")
    elif plan.intent == "quality" and out.unit == "count" and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool) and not plan.findings_counted and not _REPORTS_COUNTED.search(question) \
            and re.search(r"多少|几|\bhow (many|much)\b|\bwhat (is|was|would) (its|the) (total|number|figure|count)\b|"
                          r"\bwhat would (its|the) (total|number|figure|count) be\b", question):
        # (if that group balanced, what would its total be?: a figure asked, answered with how many reports fail)
        why = ("读出的答案是有问题的年报份数，但问题问的不是年报份数。", "The answer read counts the reports with findings, "
               "but the question does not ask how many reports.")
    elif plan.intent in ("quality", "meta") and out.unit == "count" and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool) and _OTHER_COUNTED.search(question) and not plan.findings_counted:
        why = ("问题数的是件数或项数，但读出的答案数的是年报的份数。", "This counts cases or items, but the answer read counts "
               "reports.")
    elif plan.intent == "meta" and plan.meta in ("agencies", "reports", "years") and _COMPARATIVE.search(question):
        why = ("问题要和一个数比较，但读出的答案列出了全部，没有比较。", "This compares with a figure, but the answer read lists "
               "them all and compares nothing.")
    elif plan.intent == "meta" and plan.meta in ("regions", "templates", "years") and re.search(
            r"(几|多少)\s*份|\bhow many (annual )?reports\b", question):
        why = ("问题问的是年报的份数，但读出的答案是一组地区、模板或年份。", "This asks how many reports, but the answer read "
               "lists places, templates or years.")
    elif form == "yes_no" and plan.intent == "quality" and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool):
        why = ("问题问的是“是/否”，但读出的答案是一个年报份数。", "This asks a yes or no, but the answer read is a count of "
               "reports.")
    elif plan.intent == "meta" and plan.meta == "held" and _WORDS_ASKED.search(question):
        why = ("问题问的是年报原文怎么写，但读出的答案只是库里有没有这份年报。", "This asks what the report says, but the answer "
               "read is only whether the report is held.")
    elif plan.intent == "rank" and (plan.limit or 0) >= 2 and _ONE_TOTAL.search(question) and not (
            cues.TOP_N.search(question) or cues.WHICH_MANY.search(question) or cues.RANK_LIST.search(question)):
        # (Hongze's two reports combined: the two are the scope, one total is asked, not the top two)
        why = ("问题要的是一个合计，但读出的答案是前几名的排序。", "This asks for one total, but the answer read ranks the top "
               "ones.")
    elif plan.intent == "rank" and out.items and all(i.value == 0 for i in out.items) and not plan.zero \
            and plan.order != "asc" and not _ONE_PLACE.search(question):
        # (which 2020 reports carried applications over: every figure is 0, so none did; a tie of zeros is no answer)
        why = ("所问的数在范围内的年报里全都是0，没有哪一份符合。", "The figure asked is 0 in every report in scope, so none "
               "of them has it.")
    elif form == "yes_no" and listing and not isinstance(out.value, bool):
        why = ("问题问的是“是/否”，但读出的答案只是一组内容，没有判断。", "This asks a yes or no, but the answer read is a "
               "list with no yes or no.")
    elif plan.intent == "quality" and _WHICH_ONE.search(question) and not cues.WHICH_MANY.search(question) \
            and len({i.label for i in out.items}) >= 2 and not re.search(r"最|\bmost\b|\bfewest\b|\bleast\b", question):
        # (哪个单位的采购金额是按“万元”推定的: one asked by a condition; the findings of several, the condition unread)
        why = ("问题要找出符合条件的一个单位，但读出的答案是几个单位的检查结果，没有按那个条件选出。", "This asks which one "
               "agency meets a condition, but the answer read lists several agencies' findings and picks none by it.")
    elif plan.intent == "meta" and plan.meta in ("agencies", "reports") and _WHICH_ONE.search(question) \
            and len(out.items) >= 2 and not cues.WHICH_MANY.search(question) and _REPORTS_HELD_COUNT.search(question):
        # (哪个单位在库里有两份年报 / which agency has more than one report: a count of each agency's reports, which no
        # listing reads; the list of every agency picks none)
        why = ("问题要按年报份数选出一个单位，但读出的答案列出了全部单位，没有按份数选出。", "This asks which agency has that "
               "many reports, but the answer read lists every agency and picks none by it.")
    elif _WHICH_ONE.search(question) and listing and plan.intent in ("lookup", "compare", "aggregate") \
            and not cues.WHICH_MANY.search(question):
        why = ("问题要在几项中选出一个，但读出的答案列出了全部，没有选出。", "This asks which one, but the answer read lists them "
               "all and picks none.")
    elif plan.intent == "ratio" and plan.ratio == "share" and out.unit == "percent" and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool) and out.value > 100 and (plan.of_all or getattr(plan, "part_of_whole", False)
                                                                       or "占" in question):
        why = ("问题问的是部分占整体的比例，但读出的结果超过100%，说明读成了别的两个数之比。", "This asks a part's share of a "
               "whole, but the result read is above 100 %, so two other figures were divided.")
    elif plan.intent == "rank" and plan.limit == 1 and len(out.items) == 1 and reports_used > 1 and (
            (_ORDERED.search(question) and not plan.offset and not ORDINAL.search(question))  # (从高到低排第三: one place)
            or ((cues.RANK_LIST.search(question) or cues.WHICH_MANY.search(question))
                                          and not _ONE_PLACE.search(question))):
        why = ("问题要的是一个排序或列表，但读出的答案只有一项。", "This asks for a ranking or a list, but the answer read has "
               "one item.")
    elif plan.intent == "ratio" and plan.ratio == "share" and plan.of_all and out.unit == "percent" \
            and isinstance(out.value, (int, float)) and not isinstance(out.value, bool) and abs(out.value - 100) < 1e-9 \
            and reports_used <= 1:
        # (what share of all new requests in the database comes from Hongze's 2024 report: a whole read as the part's
        # own report is no whole)
        why = ("问题问的是占全部的比例，但读出的“全部”只有这一份年报本身。", "This asks a share of all, but the whole read "
               "is that one report itself.")
    elif _MONEY_ASKED.search(question) and out.unit == "count" and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool) and not _COUNT_ONLY.search(question):
        why = ("问题问的是金额，但读出的是一个件数。", "This asks for an amount of money, but the figure read is a count.")
    elif isinstance(out.value, bool) and (stated := _stated_numbers(question)) and not any(
            n * scale in _numbers_in(out.text) | _numbers_in(restate(plan)) | {plan.above, plan.below, plan.stated, plan.factor}
            for n in stated for scale in (1, 1_000, 10_000, 1_000_000, 100_000_000)):  # (40万元 is 400000)
        why = ("问题写出了要核对的数字，但读出的判断没有用到这些数字，判断的是别的数。", "The question states figures to check, "
               "but the yes / no read uses none of them, so it judges other figures.")
    elif plan.intent == "rank" and (plan.limit or 0) >= 2 and _AGENCIES_ASKED.search(question) \
            and not _REPORTS_ASKED.search(question) \
            and len({i.label for i in out.items[:plan.limit]}) < len(out.items[:plan.limit]):
        # (which two agencies made the most penalty decisions: Hongze's 2023 and 2024 reports are the top two
        # reports, one agency; which second agency is meant, by which year, is not said)
        why = ("问题问的是几个单位，但排在前面的是同一单位不同年度的年报。", "This asks for several agencies, but the top "
               "reports include one agency's reports of several years.")
    elif (n := figures_said(question)) and plan.intent in ("lookup", "aggregate", "compare", "ratio", "difference") \
            and _figures_read(plan) < n and not plan.agencies[1:] and not plan.years[1:]:
        # (is the sum of the three review group totals greater than 5?, 四项加起来: that many figures said, fewer read)
        why = (f"问题说的是{n}项数据，但读出的只有{_figures_read(plan)}项。", f"The question speaks of {n} figures, but the "
               f"reading has {_figures_read(plan)}.")
    elif plan.intent == "quality" and isinstance(out.value, (int, float)) and not isinstance(out.value, bool) \
            and re.search(r"=\s*[?？]|等于多少|差(是|为)?多少|相差|差额|差值|差距|多出|\bminus\b|−|减去?|\bgaps?\b|"
                          r"\bby how (much|many)\b|\bdifference\b", question):
        # ((upheld + corrected + other + pending) − printed total = ?: a figure computed, not a count of reports)
        why = ("问题要算出一个数，但读出的答案是有问题的年报份数。", "This asks for a figure to be computed, but the answer read "
               "counts the reports with findings.")
    elif plan.intent in ("rank", "compare") and len(set(plan.agencies)) >= 2 and out.items \
            and (plan.intent == "compare" or plan.limit is None or plan.limit >= len(set(plan.agencies))) \
            and not isinstance(out.value, bool) and len({i.label for i in out.items}) < len(set(plan.agencies)):
        # (rank these: Hongze's 2024 report, 鹿城区统计局, 鄞州区统计局 — read with 2024 for all: one of three ranked)
        why = ("问题点名了几个单位，但读出的答案只排了其中一部分（其余在所读年份没有数据）。", "The question names several agencies, "
               "but the answer read ranks only some of them (the others have no figure in the years read).")
    elif _SHARE_ASKED.search(question) and out.unit in ("count", "yuan") and isinstance(out.value, (int, float)) \
            and not isinstance(out.value, bool) and plan.intent != "ratio" and not cues.COUNT_ASK.search(_final_ask(question)):
        # (what's the combined share of the last two figures in the first, in percent?: a sum is no share)
        why = ("问题问的是比例，但读出的答案是一个数量。", "This asks for a share, but the answer read is a count or an amount.")
    elif _REASON_ASKED.search(question) and plan.intent in ("lookup", "aggregate") and not plan.members and any(
            ".".join(k.split(".")[:2]) in GROUPS for k in plan.metrics):
        # (那件申请是以什么理由不予公开的: which of the group's grounds, not the group's total)
        why = ("问题问的是哪一种理由，但读出的答案是这一类的合计数。", "This asks which ground, but the answer read is the total "
               "of the whole group.")
    elif isinstance(out.value, bool) and _NUMBER_LAST.search(_final_ask(question)) \
            and not _YES_NO.search(_final_ask(question).strip()):
        # (这个说法是否准确？请给出以元为单位的准确收费金额: the figure is asked last, not only the yes / no)
        why = ("问题最后要的是一个数，但读出的答案只是“是/否”。", "The question asks last for a figure, but the answer read is "
               "only a yes or no.")
    elif form == "yes_no" and plan.intent == "meta" and isinstance(out.value, (int, float)) and not isinstance(out.value, bool):
        # (does every report carry a publication date?: a count of the dated ones is no yes / no)
        why = ("问题问的是“是/否”，但读出的答案是一个份数。", "This asks a yes or no, but the answer read is a count.")
    elif _YEARS_SAID.search(question) and years_used == 1 and plan.intent in ("lookup", "aggregate", "compare",
                                                                               "difference", "trend"):
        why = ("问题说的是两个年度，但读出的答案只用了一个年度。", "The question is about two years, but the answer read uses one.")
    if why is None:
        return out
    return _withhold(out, plan, "ambiguous", why[0] + "因此不给出答案。读到的内容：", why[1] + " So no answer is given. "
                     "What was read:")


# agencies asked for, not reports (哪两个单位, 哪几家, which two agencies, top-2 agencies)
_AGENCIES_ASKED = rx(r"(单位|机关|部门|家)(?!.{0,4}(年报|报告))|\bagenc(y|ies)\b|\bbureaus\b|\boffices\b|\bdepartments\b|"
                     r"\bwho\b")
_REPORTS_ASKED = rx(r"年报|报告|份|\breports?\b")


# a number of figures the question says it is about (the three group totals, both figures, 四项, 这两个数)
_FIGURES_SAID = rx(r"\b(the|these|those|all|its|their)\s+(two|three|four|five)\s+([\w/-]+\s+){0,3}?(totals|figures|groups|"
                   r"numbers|columns|items|categories|rows)\b|\bboth (figures|numbers|totals)\b|"
                   r"(这|那|上述|以上)?([两二三四五])(项|组|个数|类)(?=[^\u4e00-\u9fff]|加|合|之和|总计|的(总|合)|共|一共|都|分别|$)")


def _figures_read(plan: Plan) -> int:
    """How many figures a reading reads, a group row counting its members (无法提供 is three, 行政诉讼 two)."""
    return sum(len(GROUPS.get(".".join(k.split(".")[:2]), ())) or 1 for k in set(plan.metrics))


def figures_said(question: str) -> Optional[int]:
    """How many figures the question says it is about, when it says so (None when it does not)."""
    return _count_said(_FIGURES_SAID, question, 2, 7)


# a share asked (in percent, what share, 占比, 百分之几)
_SHARE_ASKED = rx(r"\bin percent\b|\bpercentage\b|\b(what|the|combined) share\b|\bproportion\b|占比|比例|百分之|百分比")
# which ground or reason is asked (以什么理由, 什么原因, on what grounds, which reason)
_REASON_ASKED = rx(r"什么理由|什么原因|哪种理由|哪个理由|哪类理由|何种理由|哪一种理由|以什么为由|on what grounds?|"
                   r"\b(which|what) (reason|ground)s?\b|for what reason")
# a figure asked last (请给出…金额, what is the exact figure, how many)
_NUMBER_LAST = rx(r"(给出|告诉我|说一下|提供)[^，,。？?]{0,20}(金额|数字|数目|数量|件数|多少)|多少|几件|几个|\bhow (many|much)\b|"
                  r"\b(give|tell|state|show)( me| us)? (the )?(total|number|figure|count|amount)\b|"
                  r"\bwhat (is|was) the (exact |actual |correct |right )?(figure|number|amount|total|count)\b")


def figures_for_a_total(question: str, plan: Plan, out: Outcome) -> Outcome:
    """`out` unchanged, unless it lists several figures of one lookup, none added up, for a question asking one
    total of them: the figures are shown and no total given (`ambiguous`), rather than a list taken for it."""
    if out.status != "answered" or out.value is not None or plan.intent != "lookup" or len(plan.metrics) < 2 \
            or len(out.items) < 2 or not _ONE_TOTAL.search(question):
        return out
    return _withhold(out, plan, "ambiguous", "问题要的是一个合计，但我没有读懂要把哪些数相加，只列出读到的各项，不给合计：",
                     "This asks for one total, but I did not read which figures to add, so I list the figures read and "
                     "give no total:")


def number_for_a_yes_no(question: str, plan: Plan, out: Outcome) -> Outcome:
    """`out` unchanged, unless it answers a plain yes / no question (有人申请信息公开吗, was it published …?) with a
    figure and no yes or no: the reading found the figure but not what the question says about it, so the
    figure is shown and no answer given (`ambiguous`)."""
    if out.status != "answered" or out.value is None or isinstance(out.value, bool) or plan.intent in ("meta", "passages",
                                                                                                       "mentions"):
        return out
    if asked_form(question, plan) != "yes_no":
        return out
    return _withhold(out, plan, "ambiguous", "这是一个是非问题，但我只读出了数字，没有读懂要拿它判断什么，因此不作“是/否”回答。读到的数字：",
                     "This asks a yes or no, but I read only a figure, not what it is to be judged against, so I give no "
                     "yes or no. The figure read:")


def passages_for_another_form(question: str, plan: Plan, out: Outcome) -> Outcome:
    """`out` unchanged, unless it quotes passages (no figure, no yes / no, no list) for a question asking a
    number, a yes / no or which is larger: then it is `no_data`, its quotes kept as the closest text."""
    if plan.intent not in ("passages", "unsupported") or out.status != "answered" or out.value is not None \
            or out.route != "passages":
        return out
    form = asked_form(question, plan)
    if form is None:
        return out
    zh, en = {
        "number": ("年报中没有找到能回答这个问题的数字", "The reports state no figure that answers this"),
        "yes_no": ("年报中没有找到能判断“是”或“否”的数据或记载", "The reports hold no figure or statement that "
                   "answers this yes or no"),
        "which": ("年报中没有找到可供比较的数字", "The reports hold no figures to compare for this"),
        "date": ("年报中没有找到所问的日期", "The reports state no such date"),
        "list": ("没有读懂要按什么排序或列出什么", "I did not read what is to be ranked or listed"),
        "agency": ("没有读懂按什么条件找单位，年报引文不能回答是哪个单位", "I did not read what the agency is to be found by, and "
                   "quotes cannot say which agency it is"),
    }[form]
    return _withhold(out, plan, "no_data", f"{zh}，不作回答。以下是检索到的最相关原文，仅供参考，不是答案：",
                     f"{en}, so I give no answer. The closest passages found are below, for reference only, not as the "
                     "answer:")
