"""English words for figures that reports state only in their prose, as the reports write them in Chinese.

Family: English questions about the narrative of section 一 (how many items were published on the website,
on Weibo or WeChat, how many press conferences or trainings were held, the on-time reply rate). The tables
do not hold these; the stated-figure search finds the sentence that states them by its Chinese words, so
the question's English words are given that search as the Chinese the reports use. Words of the tables
(requests, penalties, procurement) are not here: the table reader knows them.
"""
from __future__ import annotations

import re
from typing import Optional

# (English pattern, the Chinese words a report writes, the measure word of its figure or None)
TERMS: tuple[tuple[str, str, Optional[str]], ...] = (
    (r"weibo|micro-?blog", "微博", "条"),
    (r"wechat|official account|public account", "微信公众号", "条"),
    (r"websites?|web ?sites?|web portal|portal site|online platform", "政府网站", "条"),
    (r"proactive(ly)? (publish|disclos|releas|post)\w*|(publish|disclos|releas|post)\w* proactively", "主动公开", "条"),
    (r"(pieces|items) of (government )?information|government information", "政府信息", "条"),
    # published without "proactively": the reports' own verb, 发布 (全年累计发布政府信息1459条, 解读信息发布7条)
    (r"(?<!proactively )(publish|post|releas)(ed|es|ing|e|s)?(?! proactively)|put out|puts out|putting out|"
     r"push(ed|es|ing)? out", "发布", "条"),
    (r"statistical data( releases| items)?|data releases", "统计数据", "条"),
    (r"official documents?|business documents?", "公文", "条"),
    (r"statistical analys[ie]s", "统计分析", "条"),
    (r"notices|announcements", "公告", "条"),
    (r"(web |website |special |dedicated |topic )?columns?|special sections?", "栏目", "条"),
    (r"press conferences?|news conferences?|press briefings?|news briefings?", "新闻发布会", "场"),
    (r"policy[- ]interpretations?( (articles|pieces|items))?|interpretation (articles|pieces|items)|interpretations",
     "解读", "条"),
    # fines the agency imposed (罚款总额达到2.4万): an amount no table holds (the tables count penalty decisions)
    (r"fines?|fined|penalty (amounts?|sums?|money)", "罚款", "元"),
    (r"executive meetings?|standing meetings?", "常务会议", "期"),
    (r"training sessions?|trainings?", "培训", "次"),
    (r"on-?time (reply|response|answer) rate|(reply|response) (timeliness|punctuality)|timely (reply|response) rate",
     "答复及时率", "%"),
    (r"completion rate|closure rate", "办结率", "%"),
    (r"(information[- ])?processing (fees?|charges?)|information (fees?|charges?)", "信息处理费", "元"),
)
_COMPILED = [(re.compile(rf"\b(?:{p})\b", re.I), zh, unit) for p, zh, unit in TERMS]
RATE = re.compile(r"\brate\b", re.I)


def english_figure_terms(text: str) -> tuple[list[str], Optional[str]]:
    """The Chinese words of the prose figure an English question names, and its measure word (the last
    named term's; a rate's is %). ([], None) when it names none."""
    found = [(m.start(), zh, unit) for rx, zh, unit in _COMPILED for m in rx.finditer(text)]
    if not found:
        return [], None
    found.sort()
    words = list(dict.fromkeys(zh for _, zh, _ in found))
    units = [unit for _, _, unit in found if unit]
    measure = "%" if "%" in units else (units[-1] if units else None)
    return words, measure


# figures no table of either template holds, whatever table words stand beside them (the fee for processing
# requests, a reply rate for applications): the prose states them
PROSE_ONLY = {"答复及时率", "办结率", "信息处理费", "罚款"}
# the same in a Chinese question: a rate the prose states (答复及时率, 按时办结率, 满意率), the fee for processing
# requests, the fines imposed; the tables hold none of them, whatever table words stand beside them
PROSE_ONLY_ZH = re.compile(r"(?:答复|按时|按期|依法)?(?:及时|办结|满意|回复|答复)率|信息处理费|罚款(?:总额|金额|数额)?|罚没(?:款|金额)?")


def asks_a_stated_figure(text: str) -> bool:
    """An English question asking for a figure only the prose states (the on-time reply rate, information
    processing fees), even where table words stand beside it."""
    words, measure = english_figure_terms(text)
    return bool(PROSE_ONLY & set(words)) and (measure != "%" or bool(RATE.search(text)))


def uncovered(text: str) -> list[str]:
    """Content words of an English question (names blanked) that neither these terms nor the function words
    of the reader account for: what the figure is may lie in them."""
    from qa.reading import FUNCTION_EN, _pinyin_place

    rest = text
    for rx, _, _ in _COMPILED:
        rest = rx.sub(" ", rest)
    rest = RATE.sub(" ", rest)
    return [w for w in re.findall(r"[a-z]+", rest.lower()) if len(w) > 3 and w not in FUNCTION_EN
            and w.rstrip("s") not in FUNCTION_EN and not _pinyin_place(w) and w not in PROSE_FUNCTION]


# words of these questions that name no figure: how the report is referred to, how it says things
PROSE_FUNCTION = {"impose", "imposed", "imposing", "levy", "levied", "total", "totals",
                  "according", "account", "accounts", "official", "claim", "claimed", "claims", "state", "stated",
                  "states", "mention", "mentioned", "items", "item", "pieces", "piece", "posts", "post", "collect",
                  "charge", "charged", "disclose", "disclosed", "hold", "held", "over", "during", "percent",
                  "percentage", "share", "bureau's", "agency's", "government's", "platform", "platforms", "online",
                  "site", "page", "pages", "channel", "channels", "proactively", "proactive", "published", "publish",
                  # the report's text named as where the figure is stated
                  "narrative", "narratives", "prose", "text", "texts", "wording", "write", "writes", "wrote", "written",
                  "yuan"}
