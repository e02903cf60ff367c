"""Operation slots of a question, parsed into values: ordinals (第二, 倒数第二, second-highest),
top-N (最多的三个, top 3), thresholds with units (超过10万元 → 100000, 不到8万 → below 80000),
medians, comparisons with the average. Each parser returns what the words mean and where they sit;
the planner sets the corresponding `Plan` fields, and `qa.reading` checks nothing was left unused.

Family of inputs: zh/en question text, normalised (NFKC, lower case). No parser names a metric or
an agency: they read the operation, whatever it is applied to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from qa.models import RegionFilter
from qa.numerals import MULTIPLIER, NUMBER, amount, cn_value, en_value

# Words that leave something out of a question's scope (an agency, a place, a kind of agency), one
# vocabulary for every linker that reads them (qa.entities: agencies; organ_group: kinds; excluded_region:
# places; qa.reading: the check that a left-out place was not read as the place asked).
# Family: 除了X / 不算X / 不包括X / X以外 / X除外 / not counting X / other than X / leaving X out.
LEAVE_OUT_ZH = r"除了|除(?![以法数])|不含|不包括|不包含|不算|不计|不计入|排除|剔除|去掉|去除|刨去|刨除|扣除|撇开|抛开|不看"
LEAVE_OUT_ZH_AFTER = r"以外|之外|除外"
LEAVE_OUT_EN = (r"other than|except(?: for)?|excluding|exclude|besides|apart from|aside from|not counting|"
                r"not including|leaving out|leave out|leaving aside|setting aside|ignoring|ignore|"
                # (leaving Hongze aside, set the street office aside: the name between the verb and aside)
                r"(?:leaving|leave|setting|set|putting|put)(?= [^,.;?]{1,40}\baside\b)|"
                # (British and formal: bar the street office, barring Hongze, save for, minus the bureaus)
                r"barring|bar(?= (?:the|all|any|hongze|[a-z]+ (?:district|bureau|street|office))\b)|save for|"
                r"with the exception of|minus(?= the\b)")
LEAVE_OUT = re.compile(rf"{LEAVE_OUT_ZH}|{LEAVE_OUT_ZH_AFTER}|不在|不属于|(?<!是)不是|\b(?:{LEAVE_OUT_EN}|outside(?: of)?|not in|"
                       r"isn['’]?t|is not|aren['’]?t|are not)\b")

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
       "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}


def number_word(token: str) -> Optional[int]:
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    if token in _EN:
        return _EN[token]
    if token in _CN:
        return _CN[token]
    if len(token) == 2 and token[0] == "十" and token[1] in _CN:  # 十二
        return 10 + _CN[token[1]]
    return None


@dataclass
class Ordinal:
    position: int  # 2 = second
    order: Optional[str]  # asc / desc when the words say it (倒数, lowest), else None
    span: tuple[int, int]


_N = r"([二两三四五六七八九十]|[2-9]|1[0-9])"
# 第二十条 (an article), 第二部分, 第二季度 are not places in a ranking
_NOT_RANK = r"(?!\s*(?:十|条|项|款|部分|季度|批|次|届|章|节|年|季|期|轮|号|份))"
_ORD_ZH = re.compile(rf"(倒数)?\s*第\s*{_N}{_NOT_RANK}\s*(名|位|个|家)?\s*(多|高|大|少|低|小)?")
_RANKED_ZH = re.compile(rf"排(?:名|在|行)?\s*第\s*{_N}{_NOT_RANK}")
_ORD_EN = re.compile(r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th)(?![- ]?part(?:y|ies)\b)[- ]?(?:(highest|largest|most|"
                     r"biggest|greatest|lowest|smallest|least|fewest)\b)?(?![- ]?part(?:y|ies)\b)|\brunner[- ]up\b|\branks? (second|third|fourth|fifth)\b|"
                     # (ranks number 2, in place no. 3, #2: a place said by its number)
                     r"\b(?:ranks?|ranked|place|position|spot)\s+(?:at\s+)?(?:number|no\.?|#)\s*([2-9])\b|"
                     r"\bon place ([2-9]|two|three|four|five)\b")
_LOW = re.compile(r"少|低|小|lowest|smallest|least|fewest")


def ordinal(text: str) -> Optional[Ordinal]:
    """The place asked for in a ranking, when it is not the first (第二十条, 表二 locate a cell: no place)."""
    from qa.reading import LOCATOR
    text = LOCATOR.sub(lambda m: "□" * len(m.group(0)), text)
    for m in _ORD_ZH.finditer(text):
        n = number_word(m.group(2))
        if n and n >= 2:
            direction = "asc" if m.group(1) or (m.group(4) and _LOW.search(m.group(4))) else (
                "desc" if m.group(4) else None)
            return Ordinal(n, direction, m.span())
    m = _RANKED_ZH.search(text)
    if m and (number_word(m.group(1)) or 0) >= 2:
        return Ordinal(number_word(m.group(1)) or 2, None, m.span())
    m = _ORD_EN.search(text)
    if m:
        if "runner" in m.group(0):
            return Ordinal(2, None, m.span())
        n = number_word(m.group(1) or m.group(3) or m.group(4) or m.group(5))
        word = m.group(2) or ""
        return Ordinal(n or 2, ("asc" if _LOW.search(word) else "desc") if word else None, m.span())
    return None


_TOP_ZH = re.compile(r"(最多|最少|最高|最低|最大|最小|前|后|头)\s*的?\s*([2-9]|[两三四五六七八九十])\s*(个|家|名|位|份)?")
_TOP_EN = re.compile(r"\b(top|bottom|first|last)\s+(two|three|four|five|ten|[2-9])\b|"
                     r"\b(two|three|four|five|[2-9])\s+(agencies|reports|bureaus|offices|units|departments|"
                     r"governments|districts)\b")


def top_n(text: str) -> Optional[tuple[int, tuple[int, int]]]:
    m = _TOP_ZH.search(text)
    if m:
        n = number_word(m.group(2))
        if n and n >= 2:
            return n, m.span()
    m = _TOP_EN.search(text)
    if m and m.group(3) and _DETERMINED.search(text[:m.start()]) and not _SUPERLATIVE.search(text):
        # "the five reports that have a procurement table", "of the four statistics bureaus": the set described,
        # counted; a top-N needs a most / highest (the three agencies with the most requests)
        return None
    if m:
        n = number_word(m.group(2) or m.group(3))
        if n and n >= 2:
            return n, m.span()
    return None


_DETERMINED = re.compile(r"\b(the|these|those|all|its|their|both|of)\s+$")
_SUPERLATIVE = re.compile(r"\b(most|least|highest|lowest|largest|smallest|biggest|fewest|greatest|top|bottom)\b|"
                          r"\w+est\b(?<!\binterest)(?<!\brequest)(?<!\bbest)", re.I)


@dataclass
class Threshold:
    kind: str  # above | below
    value: float  # in the unit of the figure (yuan for money: 10万元 → 100000)
    inclusive: bool
    span: tuple[int, int]
    upper: Optional[float] = None  # kind "between": the upper bound (value is the lower)


_ABOVE_WORDS = (r"大于或等于|大于等于|不小于|≥|>=|超过|超出|过了|不止|多于|多过|大于|高于|高过|不少于|不低于|至少|more than|over|"
                r"above|greater than or equal to|greater than|exceed(?:s|ed|ing)?|at least")
# 没有超过 is "not more than", but 有没有超过 asks "more than?" (the lookbehind keeps the question)
_BELOW_WORDS = (r"小于或等于|小于等于|不大于|≤|<=|低于|少于|小于|不到|不足|(?<!有)没有超过|(?<!有)没超过|未超过|不超过|至多|below|"
                r"under|less than or equal to|less than|"
                r"fewer than|at most|"
                r"not (?:more|greater|higher) than|no (?:more|greater|higher) than|not over|not above|did ?n[o']t exceed")
_AMOUNT = rf"{NUMBER}\s*{MULTIPLIER}?\s*(元|块|件|个|项|条|家|份|yuan)?"
# (not a year listed with another: "over 2023 and 2024 combined" spans two years, no bound)
_LEADING = re.compile(rf"({_ABOVE_WORDS}|{_BELOW_WORDS})\s*了?\s*{_AMOUNT}"
                      # (more than 7 times B, 十倍以上: a multiple of another figure, no bound)
                      r"(?!\s*年|\d|\s*(?:and|to|through|-|–|、|,|&)\s*(?:19|20)\d\d|\s*(?:times|倍)|"
                      # (高于这四家单位平均值: how many agencies the average is over, no bound)
                      r"\s*(?:家|个单位|个|份)?\s*(?:单位|报告|年报)?的?\s*(?:平均|均值))")
_TRAILING = re.compile(rf"(?<![\d.]){_AMOUNT}\s*(以上|及以上|or more|以下|及以下|or less|or fewer)")


# both bounds: 在2件到30件之间 (含), between 5,000 and 80,000 yuan — inclusive, as such ranges are meant
_BETWEEN = re.compile(rf"(?:在|介于|between|from)\s*{_AMOUNT}\s*(?:到|至|和|与|-|–|~|～|and|to)\s*{_AMOUNT}"
                      rf"\s*(?:之间|以内|范围内|\(?[（(]?含[^）)]*[）)]?)?")


# one value exactly (exactly one new request, 恰好为0, 正好2件): both bounds that value, inclusive
_EXACTLY = re.compile(rf"(?:\bexactly|恰好|正好|刚好|恰恰)\s*(?:是|为|有|等于)?\s*{_AMOUNT}(?!\s*(?:倍|times|年))", re.I)


def threshold(text: str) -> Optional[Threshold]:
    m = _EXACTLY.search(text)
    if m and not re.fullmatch(r"(19|20)\d\d", m.group(1)):
        value = amount(m.group(1), m.group(2))
        if value is not None:
            return Threshold("between", value, True, m.span(), upper=value)
    m = _BETWEEN.search(text)
    if m:
        n1, m1, u1, n2, m2, u2 = m.groups()
        lo, hi = amount(n1, m1 or m2), amount(n2, m2)  # 0.5到8万元: the second multiplier serves both
        years = all(re.fullmatch(r"(19|20)\d\d", n) for n in (n1, n2)) and not (m1 or m2 or u1 or u2)
        if lo is not None and hi is not None and lo < hi and not years:  # from 2019 to 2020 is a span of years
            return Threshold("between", lo, True, m.span(), upper=hi)
    m = _LEADING.search(text)
    if m:
        op, num, mult, _unit = m.groups()
        below = bool(re.fullmatch(_BELOW_WORDS, op))
        inclusive = bool(re.fullmatch(r"大于或等于|大于等于|不小于|≥|>=|小于或等于|小于等于|不大于|≤|<=|greater than or equal to|"
                                      r"less than or equal to|不少于|不低于|至少|at least|没有超过|没超过|未超过|不超过|至多|at most|"
                                      r"not (?:more|greater|higher) than|no (?:more|greater|higher) than|not over|"
                                      r"not above|did ?n[o']t exceed", op))
    else:
        m = _TRAILING.search(text)
        if not m:
            return None
        num, mult, _unit, op = m.groups()
        below = op in ("以下", "及以下", "or less", "or fewer")
        inclusive = True
    value = amount(num, mult)
    if value is None:
        return None
    # 5个以上（不含5个） / （含5个）: the bracket says whether the bound itself counts
    note = re.search(r"[（(]\s*(不含|不包括|含|包括)\s*" + re.escape(num), text[m.end():m.end() + 12])
    if note:
        inclusive = not note.group(1).startswith("不")
    return Threshold("below" if below else "above", value, inclusive, m.span())


MEDIAN = re.compile(r"中位数|中位值|中位|median", re.I)
# the highest and the lowest, then their difference (最高的和最低的差多少, 极差, range, max minus min)
RANGE = re.compile(r"极差|(最大值|最高值|最多|最高|最大)\s*(减去?|minus)\s*(最小值|最低值|最少|最低|最小)|"
                   r"(最大|最高|最多)值?的?(和|与|跟|同)(最小|最低|最少)值?的?[^，,。？?]{0,6}(相差|差|之差|差距)|(最高|最多|最大)的?(和|与|跟|比)(最低|最少|最小)的?[^，,。？?]{0,8}(差|相差|多)|"
                   # (最多的单位比最少的单位多收了多少件: the top and the bottom, each with its noun)
                   r"(最高|最多|最大)的?[^，,。？?]{0,6}?(比|较)[^，,。？?]{0,2}(最低|最少|最小)的?[^，,。？?]{0,8}(差|相差|多|高|大)|"
                   r"(最低|最少|最小)的?(和|与|跟)(最高|最多|最大)的?[^，,。？?]{0,8}(差|相差)|"
                   r"(?<!in )(?<!within )\bthe range of\b|(highest|largest|most|biggest|top) and (the )?(lowest|smallest|least|fewest|bottom)|"
                   r"(lowest|smallest|least|fewest) and (the )?(highest|largest|most|biggest)|"
                   r"(highest|largest|most)\b.{0,40}\bthan (the )?(lowest|smallest|least|fewest)|"
                   r"max(imum)? minus min(imum)?|spread between", re.I)
_VERSUS_AVERAGE = re.compile(r"\b(fewer|less|more|higher|lower|greater)\b[^?.,]{0,60}?\bthan (?:the )?(?:all )?"
                             r"(?:[a-z]+['’]s?\s+){0,2}(average|mean)\b|"
                             r"(高于|超过|大于|多于|低于|不到|小于|少于|above|below|over|under|higher than|lower than|"
                             r"more than|less than|fewer than|beat|beats|exceeded|exceeds|exceed|surpassed|surpass|"
                             r"topped|top)\s*(the )?(各单位|所有单位|全部单位|各报告|整体|这几家|这几个单位|这几个|这些单位|这些|各家|"
                             r"(这|那)?[两二三四五六七八九十2-9]\s*(家|个单位|个|份)(单位|报告|年报)?|它们|他们|其)?的?\s*"
                             r"(平均|均值|average|mean)", re.I)


def versus_average(text: str) -> Optional[str]:
    m = _VERSUS_AVERAGE.search(text)
    if not m:
        return None
    word = m.group(1) or m.group(3)
    return "below" if re.match(r"低于|不到|小于|少于|below|under|lower|less|fewer", word) else "above"


_ORGAN = r"([\u4e00-\u9fff]{0,6}?(?:局|委员会|办公室|街道办事处|街道|人民政府))"  # (街道 alone is an organ; 局 alone is not)
_GROUP_BEFORE = re.compile(rf"(?:各|所有|全部|这些|那些|两个|几个|几家|几份|这几份|多少个|多少家|[0-9一二两三四五六七八九十]+\s*(?:个|家|份)|哪个|哪些|哪家|哪几个|"
                           rf"除了?)\s*{_ORGAN}")
_GROUP_AFTER = re.compile(rf"{_ORGAN}\s*(们|里|中|之中|当中|以外|之外|以外的|之外的|那几家|这几家|那几个|这几个|那些|这些|几家|"
                          r"这一类|这类|一类|类的|类单位|系统|有几个|有几家|有多少个|有多少家|一共有几|共有几|"
                          # one of a list picked by its kind (不是统计局的那个, 街道那家)
                          r"的那个|的那家|的那一个|的那一家|那个|那家)")
# the organ word alone opening the question, as a class (统计局的采购金额加起来是多少; 街道的…): names of single
# agencies are blanked before, so what is left is the kind
_GROUP_BARE = re.compile(rf"(?:^|[，,；;。])\s*(?:(?:数据)?库(?:里|中)的?)?((?!属于|是|为)[\u4e00-\u9fff]{{0,2}}?(?:局|委员会|办公室|街道办事处|街道|人民政府))"
                         rf"(?=的|们|[，,])")
# an English determiner before the organ's Chinese (or its pinyin, read as the Chinese): which of the 统计局
_GROUP_MIXED = re.compile(rf"\b(?:which|any|all|each|every|among)(?: of)?(?: the)?\s*{_ORGAN}")
_GROUP_EN = re.compile(r"\b(statistics|statistical|stats) (bureaus|offices)\b|\bstreet offices\b|\bsub-?district offices\b|"
                       r"\b(?:any|which|every|each|no) (?:(statistics|statistical|stats) (?:bureau|office)|street office)\b|"
                       # the one that isn't a statistics bureau: every agency but that kind
                       r"\b(?:isn['’]?t|is not|aren['’]?t|are not|not) (?:an? )?(?:(statistics|statistical|stats) (?:bureau|office)|"
                       r"street office|sub-?district office)s?\b")
# a kind of agency left out (不算街道办, 街道除外): beside another kind asked, already outside it
LEFT_OUT_ORGAN = re.compile(rf"(?:{LEAVE_OUT_ZH})\s*{_ORGAN}(?:\s*(?:和|与|及|、|或)\s*{_ORGAN})*|"
                            rf"{_ORGAN}(?:\s*(?:和|与|及|、|或)\s*{_ORGAN})*\s*(?:{LEAVE_OUT_ZH_AFTER}|不算|不计|不算在内|不计在内)")
_EXCLUDE = re.compile(rf"{LEAVE_OUT_ZH_AFTER}|{LEAVE_OUT_ZH}|{LEAVE_OUT_EN}|\b(?:isn['’]?t|is not|aren['’]?t|are not|not) (?:an? )?"
                      r"(?=\w+ (?:bureau|office))|(?<!是)不是(?=[\u4e00-\u9fff]{0,6}(?:局|街道|政府))")


def organ_group(text: str) -> Optional[tuple[str, bool]]:
    """An organ type named as a group (统计局们, 哪个统计局, 统计局以外的单位, the statistics bureaus):
    (the organ word, whether the group is excluded). Names of single agencies are blanked before."""
    found = organ_group_at(text)
    return found[:2] if found else None


def organ_group_at(text: str) -> Optional[tuple[str, bool, tuple[int, int]]]:
    """`organ_group` and where its words are (the leave-out words of an excluded group among them)."""
    m = _GROUP_AFTER.search(text) or _GROUP_BEFORE.search(text) or _GROUP_MIXED.search(text) or _GROUP_BARE.search(text)
    if m:
        # words that can only end what came before (2020年统计局, 年度, 的) are no part of an organ's name
        # (nor is the generic head before a copula: 哪些单位是街道办事处 names the organ 街道办事处)
        word = re.sub(rf"^(?:年度|年|月|日|的|之|在|不是|不属于|{LEAVE_OUT_ZH}|是|和|与|及|、|各|所有|全部|这些|那些|几个|两个|三个|几家|几份|这|那|"
                      r"(?:单位|机关|部门|机构|报告|年报)(?:是|为|属于))+", "", m.group(1))
        # left out only when the exclusion words are the group's own (统计局以外, 除统计局外, 除了统计局), not
        # another name's (除了鄞州区统计局以外，各统计局…)
        word = word.rsplit("的", 1)[-1]  # (超过10万元的统计局: an organ's name holds no 的)
        word = re.sub(r"^[区县市省乡镇]级", "", word)  # (区级人民政府: the level is said, no name holds it)
        return (word, bool(_EXCLUDE.search(m.group(0))), m.span()) if len(word) >= 2 else None
    m = _GROUP_EN.search(text)
    if m:
        word = "统计局" if re.search(r"stat", m.group(0)) else "街道"
        return word, bool(_EXCLUDE.search(text[max(0, m.start() - 16):m.end()])), (max(0, m.start() - 16), m.end())
    return None


@dataclass
class Excluded:
    region: RegionFilter
    span: tuple[int, int]


_EXCLUDE_EN = re.compile(rf"\b(?:outside(?: of)?|not in|{LEAVE_OUT_EN})\s+"
                         r"(?:the\s+)?([a-z]+)(?:\s+(?:province|city|district|county))?\b"
                         r"(?!\s+(?:statistics |statistical |street |district |county |city |people's )?"
                         r"(?:bureau|office|government))(?:\s+aside\b)?")  # other than the Erqi statistics bureau: an agency
_EXCLUDE_ZH = re.compile(rf"(?:{LEAVE_OUT_ZH}|不在|不属于|(?<![是])不是)\s*([\u4e00-\u9fff]{{2,8}}?)\s*(?:以外|之外|外)?(?:的|,|，|）|\)|$)|"
                         rf"([\u4e00-\u9fff]{{2,8}}?)(?:{LEAVE_OUT_ZH_AFTER})(?:的)?")


def excluded_region(text: str) -> Optional[Excluded]:
    """A region the question leaves out (outside Fujian, 福建以外的, 除浙江外): only when the words name
    exactly one region (so 统计局以外 stays an organ group, and an ambiguous short name is not guessed)."""
    from qa.gazetteer import gazetteer, pinyin_places

    for m in _EXCLUDE_EN.finditer(text):
        regions = pinyin_places().get(m.group(1), [])
        more = re.match(r"\s*(?:,|and|or|&|as well as)\s+(?:the\s+)?([a-z]+)", text[m.end():])
        if more and pinyin_places().get(more.group(1)):
            return None  # (outside Fujian and Zhejiang: two places left out, which no scope here says; left unread)
        if len(regions) == 1:
            return Excluded(regions[0], m.span())
    by_name = gazetteer().by_name
    for m in _EXCLUDE_ZH.finditer(text):
        name = m.group(1) or m.group(2)
        for start in range(len(name) - 1):  # the longest place name ending the words: 采购金额福建 → 福建
            regions = by_name.get(name[start:], [])
            if regions:
                if len(regions) == 1:
                    # (the leave-out words before the name are read with it: 不含鹿城区)
                    at = m.start() if m.group(1) and start == 0 else (m.start(1) if m.group(1) else m.start(2)) + start
                    return Excluded(regions[0], (at, m.end()))
                break
    return None


# a claim stating one figure (稿子里写“…作出行政强制处理决定195件”，对吗？ / it received 95 requests, right?):
# the figure, to be checked as equal. Years (2023年) and amounts named with a comparison are not claims.
# (一 of 一共, 一起, 一下, 一些, 一定 … is a word, not the figure 1: 一共花了多少钱 states no figure)
_STATED = re.compile(rf"(?<![\d.,]){_AMOUNT}(?!\s*年|\d)(?<!一(?=[共起下些定直般样切律致同并旦时再向]))")


def stated_value(text: str) -> Optional[tuple[float, float, float]]:
    """(the figure, the lowest and the highest value it stands for): 47.5976万元 → (475976, 475975.5, 475976.5),
    195件 → (195, 194.5, 195.5), 1.5万 → (15000, 14500, 15500); written as "more than" that figure in its own
    last place (四十七万多, 47万余, 470,000-odd, 195 plus) → from it up to the next step: (470000, 470000, 480000).
    Years are blanked before: one number left is the claimed figure."""
    found = list(_STATED.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    value = amount(m.group(1), m.group(2))
    if value is None:
        return None
    digits = m.group(1).replace(",", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits and digits[:1].isdigit() else 0
    written = float(digits) if digits[:1].isdigit() else cn_value(digits)
    # the value of one in the numeral's last place (47万: 10,000; 四十七万: 10,000; 47.5976万: 1)
    step = (10 ** -decimals) * (value / written if written else 1)
    if _ODD.match(text, m.end()) or _ODD_BEFORE.search(text, 0, m.start()):
        if value == int(value) and value:  # (470,000-odd, 三百出头: the place of the last digit that is not 0)
            n = int(value)
            step = 1.0
            while n % 10 == 0:
                n, step = n // 10, step * 10
        return value, value, value + step
    return value, value - step / 2, value + step / 2


# "more than" a figure in its own last place: 四十七万多, 47万余, 三百出头, 470,000-odd, 195 plus, upwards of 470k
_ODD = re.compile(r"\s*(多|余|出头|有余|-?odd\b|\+|plus\b)")
_ODD_BEFORE = re.compile(r"\b(upwards of|a little over|just over|slightly over)\s*$", re.I)


# A multiple of another figure in a comparison: more than twice as many as B, 是B的两倍多, 连B的一半都不到,
# less than half of B, three times B. Family: yes / no comparisons of two figures by a factor.
_TIMES = re.compile(r"\b(twice|double|half|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|hundred|"
                    r"\d+)-?fold|(?:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[\s-]?)?"
                    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                    r"hundred)|\d+(?:\.\d+)?) times)\b|"
                    r"([零〇一二两三四五六七八九十百]+|\d+(?:\.\d+)?)\s*倍|一半|半数")


def multiple(text: str) -> Optional[tuple[float, tuple[int, int]]]:
    """(the factor, where it is written): twice → 2, 一半 → 0.5, 三倍 → 3, 二十倍 → 20, twenty times → 20; None
    when no multiple is named. The whole numeral is read (二十倍 is twenty times, not ten)."""
    m = _TIMES.search(text)
    if not m:
        return None
    word = m.group(0)
    if word in ("一半", "半数", "half"):
        return 0.5, m.span()
    if word in ("twice", "double"):
        return 2.0, m.span()
    if word.endswith("fold"):  # (twentyfold, 3-fold: so many times)
        head = word[:-4].rstrip("-")
        n = float(head) if head.isdigit() else en_value(head)
        return (float(n), m.span()) if n else None
    if m.group(2):
        head = m.group(2)
        n = float(head) if re.match(r"\d", head) else cn_value(head)
    else:
        head = m.group(1).rsplit(" ", 1)[0]
        n = float(head) if re.match(r"\d", head) else en_value(head)
    return (float(n), m.span()) if n else None
