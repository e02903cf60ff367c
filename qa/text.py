"""Small text helpers: normalising a question, its language, the years it names, numbers for people."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = r"((?:19|20)\d{2})"
RANGE = re.compile(_YEAR + r"\s*年?\s*(?:到|至|-|–|—|~|～|to|through|until)\s*" + _YEAR + r"\s*年?")
BETWEEN = re.compile(r"between\s+" + _YEAR + r"\s+and\s+" + _YEAR)
YEAR = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")
# open ranges: 2021年以后 / since 2021 (to the latest year in the store), 2020年以前 / before 2020
# ("reports from 2020" are of 2020: "from" starts a range only with "on" / "onwards" after the year)
SINCE = re.compile(_YEAR + r"\s*年?\s*(?:以后|之后|以来|及以后|起|onwards|and later|or later)|(?:since|after)\s+"
                   + _YEAR + r"(?!\s*(?:to|through|until|-|–))|from\s+" + _YEAR + r"\s+(?:on|onwards?|forward)\b")
UNTIL = re.compile(_YEAR + r"\s*年?\s*(?:以前|之前|及以前|or earlier|and earlier)|(?:before|until|up to)\s+" + _YEAR)
# two-digit years: `23年` (not 近10年, 10年来, 3.23年, 10年多 "over ten years"; but 23年多了/多少 compares), `'24`
# / `’24`; 2010-2039 only
SHORT_YEAR = re.compile(r"(?<![\d.近过去前后])([1-3]\d)\s*年(?!\s*(?:来|以来|内|间|期间|之内|多(?=\s*(?:[，,。？?]|$|来|时间|前|以前))|左右))|"
                        r"(?<![a-z0-9])['’‘]([1-3]\d)(?![\d.,]?\d)")  # not inside a word (don't, 5'11)
SHORT_YEAR_COMPARED = re.compile(r"(?:比|较|和|与|跟|同)\s*([1-3]\d\s*年)(?=\s*(?:多|少|高|低|增|减))")
# two-digit years listed with the 年 only after the last (19、20年, 22和23年): the ones before it
SHORT_YEAR_LIST = re.compile(r"(?<![\d.])((?:[1-3]\d\s*[、，,和及与跟/]\s*)+)(?=[1-3]\d\s*年)")
CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
LAST_N = re.compile(r"(?:近|最近|过去)([一二三四五2-9])年|(?:last|past)\s+(two|three|four|five|[2-9])\s+years")
_NUM_WORDS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "two": 2, "three": 3, "four": 4, "five": 5}


def normalize(question: str) -> str:
    """NFKC (full-width -> half-width), lower-case, one space between words."""
    text = unicodedata.normalize("NFKC", question or "")
    text = CN_YEAR.sub(lambda m: m.group(1).translate(CN_DIGITS) + "年", text)
    text = _EMOJI.sub(" ", text)
    # a space between two Chinese characters separates nothing (温泉街道 全年主动公开的信息里 业务公文 是几条)
    text = re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = text.replace("模版", "模板")  # (a common variant writing of 模板, template)
    text = re.sub(r"\binfo\b", "information", text)  # (process info, internal-affairs info: the rows' own word)
    text = re.sub(r"\bwork(s|ed|ing)? out\b", "calculate", text)  # (students: work out the mean …): the sum asked
    # an analyst's shorthand: # of reports, w/o a date, w/ a table, pct
    text = re.sub(r"#\s*of\b", "number of", text)
    text = re.sub(r"\bw/o\b", "without", text)
    text = re.sub(r"\bw/(?=\s)", "with", text)
    text = re.sub(r"\bpct\b", "percent", text)
    return _BRITISH.sub(lambda m: _BRITISH_FORMS[m.group(0)], text)


# emoji and pictographs (a chat's 😂, 👍, ☺️): no words of the question; left in, they hide its end (…吗😂)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D\u2B50\u2B55\u3030\u303D]+")


# British plurals and spellings of the words questions use, as the readers know them (the two bureaux)
_BRITISH_FORMS = {"bureaux": "bureaus"}
_BRITISH = re.compile(r"\b(" + "|".join(_BRITISH_FORMS) + r")\b")


_ELLIPSIS = re.compile(r"\s*(?:…+|\.{3,}|。{3,})\s*")
_PARTICLES = re.compile(r"(?<=[\u4e00-\u9fff])(?:啊|呀|哈|嘛|哦|呗|啦|捏|哇|咧|嘞)+(?=[，,。？?！!~～\s]|$)")


def spoken(text: str) -> str:
    """A question as typed on a phone (采购金额在8万到40万之间的……有几家啊？): trailing particles (啊, 呀, 哈)
    and ellipses carry no meaning; without them the question reads as written."""
    text = _ELLIPSIS.sub(lambda m: "" if m.start() and m.end() < len(text) else " ", text)
    return _PARTICLES.sub("", text).strip()


# Cantonese written forms (a Hong Kong or Guangdong reader), after traditional → simplified: their Mandarin
# words, so the question forms read them (边个 = 哪个, 几多 = 多少, 有冇 = 有没有, 系唔系 = 是不是)
_CANTONESE = (("系唔系", "是不是"), ("有冇", "有没有"), ("边个", "哪个"), ("边间", "哪家"), ("边度", "哪里"),
              ("几多", "多少"), ("乜嘢", "什么"), ("点样", "怎样"), ("佢哋", "他们"), ("唔系", "不是"), ("冇", "没有"),
              ("咗", "了"), ("嘅", "的"), ("啲", "些"), ("喺", "在"), ("佢", "它"), ("唔", "不"),
              # (嗰份年報入面 = 那份年报里面; 想问吓 = 想问一下; 唔该晒 = 谢谢)
              ("入面", "里面"), ("嗰", "那"), ("问吓", "问一下"), ("唔该晒", "谢谢"), ("唔该", "谢谢"),
              # (加埋一齐 = 加在一起; 几多宗 = 多少件)
              ("加埋一齐", "加起来"), ("加埋", "加上"), ("一齐", "一起"))


# South-western and north-eastern spoken forms (咋个比它多那么多噻，多了好多件嘛): their Mandarin words. 好多 asks how many only
# before a measure word at the end of a question (多了好多件嘛？), elsewhere it is "a lot".
_DIALECT = (("咋个", "怎么"), ("啥子", "什么"), ("咋整", "怎么办"), ("咋样", "怎样"), ("多得很", "很多"), ("多老少", "多少"),
            ("多老些", "多少"),
            # (Xiang, Changsha: 冒得 / 冇得 = 没有, 么子 = 什么, 百分之好多 = 百分之多少)
            ("冒得", "没有"), ("冇得", "没有"), ("么子", "什么"), ("百分之好多", "百分之多少"),
            # (north-eastern: 排老三 = 排第三, 嘎哈 = 干什么, 老铁 = a buddy addressed, 贼多 = 很多)
            ("排老大", "排第一"), ("排老二", "排第二"), ("排老三", "排第三"), ("排老四", "排第四"), ("嘎哈", "干什么"),
            ("老铁们", ""), ("老铁", ""), ("贼多", "很多"),
            # (south-western 昆明 / 贵州: 咯是 = 是不是, 加一块(儿) = 加起来, 俩 = 两个; 天津: 甭 = 不)
            ("咯是", "是不是"), ("加一块儿", "加起来"), ("加一块", "加起来"), ("甭", "不"),
            # (Teochew: 若多 = 多少, 拢总 = 总共, 乜个 = 什么, 底个 = 哪个, 胶己 = 自己)
            ("若多", "多少"), ("拢总", "总共"), ("乜个", "什么"), ("底个", "哪个"), ("胶己", "自己"))
# Teochew 个 as 的 after a year, a verb of receiving or an agency's head (2024年个行政处罚, 新收个申请); not 几个, 一个, 这个
_TEOCHEW_OF = re.compile(r"(?<=[年收区局道])个(?=[\u4e00-\u9fff])")
# 俩 alone (俩加一块) is 两个; 它俩 / 咱俩 are read as they are
_TWO_SPOKEN = re.compile(r"(?<![它他她咱我你])俩")
# Tianjin 介 (= 这) opening a phrase (介几份报告, 介是嘛); not 介绍, 介于, 中介, 简介
_TIANJIN_THIS = re.compile(r"(?<![\u4e00-\u9fff])介(?=[几个是份些家年])|(?<=[，,。？?！!])介(?=[几个是份些家年])")
# Shaanxi forms: 得是…(咧)？ = 是不是…？ (not 必须得是, 还得是), 额想 = 我想, 一哈 = 一下
_SHAANXI_WHETHER = re.compile(r"(?<![必还就总也可都非])得是(?=[^，,。？?]*[?？]?\s*$)")
_SHAANXI = (("额想", "我想"), ("给额", "给我"), ("问一哈", "问一下"), ("念一哈", "念一下"), ("看一哈", "看一下"))
# Changsha sentence particles: 啵 closing a question is 吗 (高啵？); 咯 after a verb is 了 (增长咯百分之…), at the end a
# particle with no meaning
_XIANG_QUESTION = re.compile(r"(?<=[\u4e00-\u9fff0-9])啵(?=\s*[?？。!！]*\s*$)")
_XIANG_DONE = re.compile(r"(?<=[\u4e00-\u9fff])咯(?=[\u4e00-\u9fff])")
# south-western 嘞 between words is 的 (新收嘞申请, 温泉街道嘞采购项目); at the end a particle
_SW_OF = re.compile(r"(?<=[\u4e00-\u9fff0-9])嘞(?=[\u4e00-\u9fff])")
# Semi-classical written forms (敢问…孰多？ …几何？ …乎？ …否？): their Mandarin words. 孰 = 哪个, 几何 / 凡几 closing a
# question = 多少, 乎 / 否 closing a question = 吗, 敢问 = 请问
_CLASSICAL = (("敢问", "请问"), ("孰", "哪个"), ("凡几", "多少"), ("者为谁", "的是谁"), ("者为何", "的是哪个"), ("者为哪", "的是哪"),
              ("逾", "超过"), ("所在之", "所在的"))
# 为何 closing a question asks what it is (省份为何？ = 省份是什么); opening one it asks why
_CLASSICAL_WHAT = re.compile(r"(?<=[\u4e00-\u9fff])为何(?=\s*[?？]?\s*$)")
# 诸 before a kind of agency (诸统计局之中 = 各统计局之中), not 诸如
# 其 opening a clause as "its" (其上一年项目数量几何 = 它的…); not 其中, 其他, 其余, 其实, 其次
_CLASSICAL_ITS = re.compile(r"^\s*其(?![中他它余实次间后前])")  # (a turn opening with it leans on the one before; 其 inside a
# sentence is that sentence's own subject: 这份年报，其发布机关)
_CLASSICAL_ALL = re.compile(r"诸(?=[\u4e00-\u9fff]{0,4}(局|单位|街道|政府|机关|部门|报告|年报))")
_CLASSICAL_END = re.compile(r"(?<=[\u4e00-\u9fff0-9])(?:几何|(?P<q>乎|否|欤|耶))(?=\s*[?？。!！]*\s*$)")
# 落了 (north-eastern: fell, went down) before a question word or a figure: 少了 (not 落实, 落款, 落地)
_FELL_SPOKEN = re.compile(r"落了(?=\s*(吧|吗|嘛|多少|几|\d|[？?，,]))")
_HOW_MANY_SPOKEN = re.compile(r"好多(?=\s*(件|个|条|项|次|家|份|元|块|钱)\s*(嘛|吗|呢|噻|哦|哇|啊)?\s*[?？]?\s*$)")


# Wu (Shanghai, Suzhou, Ningbo) written forms: their Mandarin words. 伐 / 哇 closing a question is 吗 (有伐 = 有吗, 是零伐
# = 是零吗); not 采伐, 讨伐, 步伐. 阿是 = 是不是, 几化 / 几钿 = 多少, 哪能 = 怎么, 侬 = 你, 阿拉 = 我们, 伊拉 = 他们.
_WU_QUESTION = re.compile(r"(?<=[\u4e00-\u9fff0-9])(?<![采砍讨征步杀攻])伐(?=\s*[?？。!！]*\s*$)")
_WU = (("阿是", "是不是"), ("几化", "多少"), ("几钿", "多少钱"), ("哪能", "怎么"), ("伊拉", "他们"), ("阿拉", "我们"),
       ("侬", "你"))


# Words that address the readers or voice a mood on social media (家人们谁懂, 姐妹们求科普, 蹲一个准数, 在线等挺急的, 码住,
# 救命): who asks and how, not what. Family: posts and comments asking a question.
# Radio procedure around a question (Control, this is desk two. … Over.): who calls and how, not what
_RADIO = re.compile(r"^\W*control\s*[,.:]\s*(this is [a-z0-9 ]{1,24}[.,:]\s*)?|\s*\bover( and out)?\s*[.!]?\s*$", re.I)
_SOCIAL_ASIDE = re.compile(r"(家人们|姐妹们|集美们|宝子们|宝宝们|兄弟们|朋友们|大佬们|小伙伴们|各位)|谁懂啊?|救命(啊)?|求科普|求解答|求个?准数|"
                           r"蹲一个(准数)?|码住|码一下|mark一下|dd一下|在线等|挺急的|破防了?|离谱|绝了|求助|猜猜|"
                           r"有没有懂的(姐妹|人|朋友|大佬)?|有没有人知道|(?<![一-龥])姐妹(?![一-龥])")
# English mixed with another language's particles and words (Taglish: po, ask ko lang, ilan = how many, totoo ba = is it
# true; Nigerian: abeg, oga, sef; Dutch-English: say me = tell me): their English words; the particles mean nothing
_CODE_SWITCHED = ((re.compile(r"\bilan(\s+po)?(\s+(ang|yung|ba))?\b"), "how many"),
                  (re.compile(r"\btotoo ba( po)?\b"), "is it true"), (re.compile(r"\bpa-?(confirm|check|compute|explain)\b"), r"\1"),
                  (re.compile(r"\b(abeg|i beg)\b"), "please"), (re.compile(r"\bsay me\b"), "tell me"),
                  (re.compile(r"\bsalamat( in advance)?( po)?\b"), "thanks"), (re.compile(r"\byung\b"), "the"),
                  (re.compile(r"\blahat\b"), "in total"),
                  # (Jamaican: di = the, deh = is, inna = in, wah = what, dem = them)
                  (re.compile(r"\bdi\b"), "the"), (re.compile(r"\bdeh inna\b"), "is in"), (re.compile(r"\bdeh\b"), "is"),
                  (re.compile(r"\binna\b"), "in"), (re.compile(r"\bwah\b"), "what"),
                  (re.compile(r"\b(ask ko lang|ask lang|po|lang|sana|naman|oga|sef)\b"), ""))
# League-table idioms (tops the table, the runner-up, second from the bottom, the podium): their plain words
_LEAGUE = ((re.compile(r"\b(tops|topped|top) the (table|league|chart|list)\b|\bis (at )?(the )?top of the (table|league)\b"),
            "is the highest"),
           (re.compile(r"\b(is )?(at )?(the )?bottom of the (table|league)\b"), "is the lowest"),
           (re.compile(r"\b(the )?runner-?up\b"), "the second highest"),
           (re.compile(r"\bfinish(es|ed)? (second|third) from (the )?bottom\b"), r"is \2 lowest"),
           (re.compile(r"\b(second|third) from (the )?bottom\b"), r"\1 lowest"),
           (re.compile(r"\bfinish(es|ed)? (first|second|third|last)\b"), r"is \2"))
_LEAGUE_WORDS = re.compile(r"\b(table|league|chart|runner|bottom|finish(es|ed)?)\b")
_CODE_SWITCH_WORDS = re.compile(r"\b(po|lang|ilan|totoo|abeg|beg|oga|sef|salamat|yung|lahat|naman|sana|say me|pa-?\w+|di|deh|"
                                r"inna|wah)\b")


def asides_dropped(text: str) -> str:
    """`text` without social-media asides (家人们谁懂, 求科普), with code-switched words and league-table idioms in
    plain English."""
    if re.search(r"\bcontrol\b|\bover\b", text, re.I):
        text = _RADIO.sub(" ", text).strip()
    if _LEAGUE_WORDS.search(text):
        for pattern, word in _LEAGUE:
            text = pattern.sub(word, text)
    if _CODE_SWITCH_WORDS.search(text):
        for pattern, word in _CODE_SWITCHED:
            text = pattern.sub(word, text)
        text = re.sub(r"  +", " ", text)
    return _SOCIAL_ASIDE.sub("", text) if re.search("[们谁救求蹲码在挺破离绝猜有姐]|mark|dd", text) else text


def mandarin(text: str) -> str:
    text = asides_dropped(text)
    if "伐" in text or re.search("[阿几哪侬伊]", text):
        text = _WU_QUESTION.sub("吗", text)
        for wu, word in _WU:
            text = text.replace(wu, word)
    if re.search("[孰敢凡几乎否欤耶诸逾者之]", text):
        text = _CLASSICAL_ALL.sub("各", _CLASSICAL_END.sub(lambda m: "吗" if m.group("q") else "多少", text))
        for old_form, word in _CLASSICAL:
            text = text.replace(old_form, word)
    if "为何" in text:
        text = _CLASSICAL_WHAT.sub("是什么", text)
    if "其" in text:
        text = _CLASSICAL_ITS.sub("它的", text)
    if re.search("[啵咯嘞]", text):
        text = _SW_OF.sub("的", _XIANG_DONE.sub("了", _XIANG_QUESTION.sub("吗", text)))
    if re.search("[得额哈]", text):
        text = _SHAANXI_WHETHER.sub("是不是", text)
        for shaanxi, word in _SHAANXI:
            text = text.replace(shaanxi, word)
    if "介" in text:
        text = _TIANJIN_THIS.sub("这", text)
    original = text
    if re.search("[咋啥好老冒冇么嘎贼咯加俩甭若拢乜底胶]", text):
        for spoken, word in _DIALECT:
            text = text.replace(spoken, word)
        text = _TWO_SPOKEN.sub("两个", text)
        if "若多" in original or "拢总" in original:
            text = _TEOCHEW_OF.sub("的", text)
        text = _HOW_MANY_SPOKEN.sub("多少", text)
    text = _FELL_SPOKEN.sub("少了", text)
    if not re.search("[边几有系乜点佢唔冇咗嘅啲喺埋齐]", text):
        return text
    for cantonese, word in _CANTONESE:
        text = text.replace(cantonese, word)
    return text


def language(question: str) -> str:
    """'en' when the question is mostly English words, else 'zh'."""
    words = re.findall(r"[A-Za-z]{2,}", question or "")
    cjk = re.findall(r"[\u4e00-\u9fff]", question or "")
    if not cjk:
        return "en" if words else "zh"
    return "en" if len(words) >= 3 and len(words) * 2 >= len(cjk) / 2 else "zh"


# a year counted from the one the question names, joined to it as the other end of a comparison (not 上一年,
# the template's previous-year column, nor 上年结转, the row carried over)
# (requests carried over to the next year are the row carried out: no second year)
_TO_NEXT_YEAR = re.compile(r"(?<!over\s)(?<!forward\s)\b(to|and|vs\.?|versus|through|until|with)\s+(in\s+)?the\s+"
                           r"(following|next|subsequent)\s+year\b|"
                           r"(?<!over\s)\b(to|and|vs\.?|versus|with)\s+the\s+year\s+after\b|"
                           r"(?<!结转)(?<!转)(到|至|和|与|跟)(次年|第二年|下一年|后一年)", re.I)
# (carried over from the previous year is the row carried in: no second year)
# (…fell by 3 from the previous year, more than the previous year: the change the report prints, or a change on
# the year before, asked as such; those words are read by the year-on-year cues, not as a second year)
_TO_YEAR_BEFORE = re.compile(r"(?<!over\s)(?<!forward\s)\b(to|and|vs\.?|versus|with)\s+(in\s+)?the\s+"
                             r"(previous|prior|preceding)\s+year\b|"
                             r"(?<!over\s)\b(to|and|vs\.?|versus|with)\s+the\s+year\s+before\b|(和|与|跟)前一年", re.I)


# a year named by another (2024年的前一年, the year after 2023): the one it counts to (not 上一年项目数量, a column)
# (上一年 / 下一年 only after 的: 2020年上一年行政许可项目数量 is the column 上一年项目数量 written around its row)
_YEAR_FROM_NAMED = re.compile(r"(?P<y1>(?:19|20)\d\d)\s*年度?(?:的\s*(?:(?P<b1>前一年|上一年|头一年)|后一年|下一年|次年|第二年)|"
                              r"\s*(?:(?P<b3>前一年|头一年)|后一年|次年|第二年))(?![^，,。？?]{0,10}项目)|"
                              r"\bthe year (?:(?P<b2>before)|after) (?P<y2>(?:19|20)\d\d)\b", re.I)


def find_years(text: str, known: list[int]) -> tuple[list[int], list[tuple[int, int]]]:
    """Years named in the question (ranges expanded), and the spans they occupy."""
    spans: list[tuple[int, int]] = []
    years: list[int] = []
    for m in _YEAR_FROM_NAMED.finditer(text):  # 2024年的前一年 / the year before 2024: that year only
        if not any(s <= m.start() < e for s, e in spans):
            named = int(m.group("y1") or m.group("y2"))
            before = bool(m.group("b1") or m.group("b2") or m.group("b3"))
            years.append(named - 1 if before else named + 1)
            spans.append(m.span())
    for rx in (RANGE, BETWEEN):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            a, b = sorted((int(m.group(1)), int(m.group(2))))
            years += list(range(a, b + 1))
            spans.append(m.span())
    for rx, later in ((SINCE, True), (UNTIL, False)):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            y = int(next(g for g in m.groups() if g))
            years += [k for k in known if (k >= y if later else k <= y)] or [y]
            spans.append(m.span())
    for m in YEAR.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            years.append(int(m.group(1)))
            spans.append(m.span())
    for m in SHORT_YEAR_LIST.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            years += [2000 + int(y) for y in re.findall(r"\d\d", m.group(1))]
            spans.append(m.span())
    for m in SHORT_YEAR_COMPARED.finditer(text):  # 比24年多: the year compared with, not "24 years and more"
        if not any(s <= m.start(1) < e for s, e in spans):
            years.append(2000 + int(m.group(1)[:2]))
            spans.append(m.span(1))
    for m in SHORT_YEAR.finditer(text):  # 23年, '24: the century is this one
        if not any(s <= m.start() < e for s, e in spans):
            years.append(2000 + int(m.group(1) or m.group(2)))
            spans.append(m.span())
    if len(set(years)) == 1:  # from 2023 to the following year / 2023年和次年: a second year counted from the one named
        for rx, step in ((_TO_NEXT_YEAR, 1), (_TO_YEAR_BEFORE, -1)):
            m = rx.search(text)
            if m and not any(s <= m.start() < e for s, e in spans):
                years.append(years[0] + step)
                spans.append(m.span())
    latest = max(known) if known else None
    if latest is not None and not (years and re.search(r"前年|year before last", text)) and not (
            # (温泉街道去年采购了几个项目？2020年的: a year written in a sentence after 去年 says which year it meant)
            years and re.search(r"(去年|上一年度|last year)[^?？。!！]*[?？。!！]\s*[^?？。!！]*(19|20)\d\d", text)):
        # (前年的呢？就是22年那份: a year written out says which year 前年 meant; counted from the store's latest
        # year it would be another, added to the one written)
        years += _relative_years(text, latest)
    return sorted(set(years)), spans


def _relative_years(text: str, latest: int) -> list[int]:
    """'last year' is the latest report year in the store (reports are about the year before publication)."""
    m = LAST_N.search(text)
    if m:
        n = _NUM_WORDS.get(m.group(1) or m.group(2) or "", None) or int(m.group(1) or m.group(2))
        return list(range(latest - n + 1, latest + 1))
    if re.search(r"去年|上一年度|last year|latest year|most recent year|最近一年|最新一年", text):
        if not re.search(r"(比|较|与|和|跟|同)(去年|上一年)|than last year|compared (with|to) last year", text):
            return [latest]
    if re.search(r"前年|year before last", text):
        return [latest - 1]
    return []


def fmt_count(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def fmt_yuan(value: float, lang: str = "zh") -> str:
    """47.6万元, 7,539.4万元, 75,338元 (small amounts in yuan); English adds 'yuan'."""
    if abs(value) >= 1e8:
        zh = f"{value / 1e8:,.2f}亿元"
    elif abs(value) >= 1e5:
        zh = f"{value / 1e4:,.1f}万元"
    else:
        zh = (f"{int(round(value)):,}元" if abs(value - round(value)) < 0.005 else f"{value:,.2f}元")
    if lang == "en":
        exact = f"{int(round(value)):,}" if abs(value - round(value)) < 0.005 else f"{value:,.2f}"
        return f"{exact} yuan" + (f" ({zh})" if abs(value) >= 1e5 else "")
    return zh


def fmt_value(value: Optional[float], unit: Optional[str], lang: str = "zh") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if unit == "yuan":
        return fmt_yuan(value, lang)
    if unit == "percent":
        return f"{value:.2f}%"
    return fmt_count(value)


def clip(text: str, n: int = 80) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= n else text[: n - 1] + "…"


# What the asker says about themselves before the question ("我在整理一张表，", "请核实：", "For my spreadsheet I
# need the bottom of the list:"): a clause that starts as such a preamble, ends at a colon (or, for 我在…,
# a comma) and names nothing the question is about (no digit, no organ word, no place name). Blanked, so
# its words neither count as unexplained nor reach a slot. Family: questions with a preface.
_PREAMBLE_COLON = re.compile(r"^(?P<pre>(?:我|请|麻烦|帮|想|for my|i'm|i am|i need|i want|as a|quick question|just)"
                             r"[^：:]{0,60})[：:]\s*(?=\S)", re.I)
# any short heading before a colon (纪检复核：, 因撰写工作简报需要，特此询问：, 做区域比较：), dropped only when it names
# nothing the question could be about: no agency, place, year, number, figure of the tables
_HEADING_COLON = re.compile(r"^(?P<pre>[^：:?？]{1,30})[：:]\s*(?=\S)")
# an English lead-in saying what the answer is for (For a briefing on public demand for information, …)
_PREAMBLE_FOR = re.compile(r"^(?P<pre>(?:for|ahead of|as part of|to prepare) (?:a|an|my|our|the|this) [^,，]{1,60})[,，]\s*(?=\S)",
                           re.I)
_PREAMBLE_COMMA = re.compile(r"^(?P<pre>(?:我在|我正在|我们在|我正|i'm|i am)[^，,：:]{1,40})[，,]\s*(?=\S)", re.I)
_NAMES_SOMETHING = re.compile(r"\d|局|政府|街道|街办|办事处|委员会|bureau|government|office|district|county|"
                              r"\bcity\b|province|report|agency|department|"
                              # a preface that asks to judge what follows is the question's form (请判断…是否准确：)
                              r"是否|是不是|对不对|判断|\bwhether\b|\btrue\b|\bcorrect\b", re.I)


_NAMES_AN_AGENCY = re.compile(r"局|政府|街道|街办|办事处|委员会|bureau|government|office|\bdistrict\b|county", re.I)


# a sentence that only greets or thanks (您好！ 非常感谢！ 谢谢您耐心解答。 hi, thanks!): nothing asked in it
_COURTESY = re.compile(r"^\W*(您好|你好|大家好|早上好|上午好|下午好|晚上好|谢谢|多谢|非常感谢|感谢|麻烦了|麻烦您了|打扰了|辛苦了|hi|hello|hey|"
                       r"good (morning|afternoon|evening|day)|dear [a-z]+|"
                       r"thanks?( you)?( so much| very much)?)[^。！!？?]{0,12}[。！!.]?\s*$", re.I)
# a sentence about who asks (我是福州鼓楼的一位退休老人，…): the asker, not the question
_ABOUT_ASKER = re.compile(r"^\W*(我|本人|i am |i'm |my )", re.I)
_ASKING = re.compile(r"[?？]|多少|几|吗|哪|什么|\bhow\b|\bwhat\b|\bwhich\b|\bwho\b|请问|查一下|查查", re.I)


# an apology or a hedge opening the question (sorry if this is a silly question, but …; 不好意思，我不太懂，想问一下…):
# who asks and how, not what
_APOLOGY = re.compile(r"^\W*(?:(?:sorry|apologies|excuse me|pardon)(?: if this is an? (?:silly|stupid|dumb|basic|naive|obvious)"
                      r" question)?(?:,? but)?|i'?m (?:new to this|not sure (?:how to ask|about this))(?:,? but)?|"
                      r"不好意思|打扰了|打扰一下|冒昧问一下|我不太懂|我不懂|我是新手|我是外行|我不太会问)[\s,，:：;；.。!！]*", re.I)


# words that only lead into the question (I would like to know, could you tell me, 我想知道): how it is asked
_LEAD_IN = re.compile(r"\b(i would like to know|i'd like to know|i want to know|i wish to know|i would like to ask|"
                      r"i'd like to ask|may i ask|could you (please )?tell me|can you (please )?tell me|please tell me)\b|"
                      # a question passed on from someone else (a patron asks …, 有读者问：…): who asks, not what
                      r"^\W*(a|one|my|our|this|the) (patron|reader|user|client|colleague|boss|customer|student|friend|caller|"
                      r"visitor|citizen|member of the public|journalist|reporter|listener|viewer)s? (is )?(asks?|asking|asked|"
                      r"wants to know|wanted to know|would like to know|wonders|is wondering)( me| us)?( about)?[:,]?(?=\s)|"
                      r"^\W*(有|一位|一个|有位|有个|有一位)?(读者|市民|群众|网友|同事|领导|客户|用户|老板|朋友|学生|听众|来电人|游客)"
                      r"(问|想问|想知道|在问|问了|问道|咨询)[：:，,]?", re.I)


def without_courtesy(text: str) -> str:
    """`text` with sentences that only greet or thank, and a leading one about who asks, blanked (same length),
    when another sentence asks the question."""
    text = _LEAD_IN.sub(lambda m: " " * len(m.group(0)), text)
    while (m := _APOLOGY.match(text)) and m.end() < len(text) and _ASKING.search(text[m.end():]):
        text = " " * m.end() + text[m.end():]  # (each apology or hedge before the question, blanked)
    pieces = re.findall(r"[^。！!？?]*[。！!？?]?", text)
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or not any(_ASKING.search(p) for p in pieces):
        return text
    out, asked = [], False
    # the sentences that ask: whether they name their own agency or place
    named = any(_names_here(p) for p in pieces if _ASKING.search(p) and not _ABOUT_ASKER.match(p))
    for p in pieces:
        # (a sentence about the asker that names a place or an agency — 我住在温泉街道 — is the question's scope when
        # the asking sentence names none; when it names its own, the asker's place is only where the asker is)
        drop = bool(_COURTESY.match(p)) or (not asked and _ABOUT_ASKER.match(p) and not _ASKING.search(p)
                                            and (named or not _names_here(p)))
        out.append(" " * len(p) if drop else p)
        asked = asked or (not drop and bool(_ASKING.search(p)))
    return "".join(out) if any(o.strip() for o in out) else text


def _names_here(words: str) -> bool:
    """Whether `words` name an agency or a place (not the word 政府 of 政府信息 / 政府公开)."""
    return bool(_NAMES_AN_AGENCY_HERE.search(words)) or _names_a_place(words)


# a clause saying how reports are counted (洪泽区两年各算一份, count Hongze's two reports separately): every report is
# counted on its own anyway; the place it names is not the question's scope. Family: instructions on counting.
_COUNTING_RULE = re.compile(r"各算(作|为|成)?(一|1)\s*(份|个|家|条)|分别算|单独算|各自算|各计(一|1)份|(两年|两份|都)都?算(上|进来|在内)?(?=[）)，,。]|$)|"
                            r"\bcount(ed|ing)? [^,.;?]{0,40}?\b(separately|as (two|separate|different))\b|"
                            r"\beach (report |year )?counts? (as one|separately|on its own)\b|\bas separate (reports|entries)\b", re.I)


def without_counting_rule(text: str) -> str:
    """`text` with a clause that only says how reports are counted blanked (same length), when another clause
    asks the question."""
    if not _COUNTING_RULE.search(text):
        return text
    pieces = re.findall(r"[^，,。；;！!？?]*[，,。；;！!？?]?", text)
    keep = [p for p in pieces if p and not _COUNTING_RULE.search(p)]
    if not any(_ASKING.search(p) for p in keep):
        return text
    return "".join(" " * len(p) if _COUNTING_RULE.search(p) else p for p in pieces)


def without_preamble(text: str) -> str:
    for pattern in (_PREAMBLE_COLON, _PREAMBLE_COMMA, _HEADING_COLON, _PREAMBLE_FOR):
        m = pattern.match(text)
        if m is None:
            continue
        pre, rest = m.group("pre"), text[m.end():]
        if pattern in (_HEADING_COLON, _PREAMBLE_FOR):
            # dropped when it names no figure, place or number: (open government, a briefing, 纪检复核 are the
            # asker's purpose); kept when it says what follows is a statement to check, before a statement
            if _names_a_figure(pre) or _names_a_place(pre) or re.search(r"\d", pre) or _NAMES_AN_AGENCY_HERE.search(pre) \
                    or (_CHECK_FORM.search(pre) and not _ASKS.search(rest)):
                continue
            return " " * m.end() + rest
        # a preface naming nothing; or one about the asker's wider work (我在整理各区统计局的执法数据，想确认一下：)
        # before a question that names its own agency: the question after the colon is whole without it
        wider = pattern is _PREAMBLE_COLON and _NAMES_AN_AGENCY.search(rest) and not _NAMES_SOMETHING.search(
            re.sub(r"(各|所有|全部|多个|几个|一些)[^，,：:]{0,6}(局|政府|街道|办事处)|\b(all|several|many|various) "
                   r"[a-z ]{0,20}(bureaus|governments|offices|agencies)\b", "", pre))
        if wider or (not _NAMES_SOMETHING.search(pre) and not _names_a_place(pre)):
            return " " * m.end() + rest
    return text


# a label the question quotes (“鼓楼统计”类信息, the '鼓楼统计' items): CJK or ASCII double quotes, corner
# brackets, and single quotes where what they hold is Chinese (an English apostrophe holds none)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]+)[”\"」』]|[‘']([^’'\n]*[\u4e00-\u9fff][^’'\n]*)[’']")


def quoted_labels(text: str, shortest: int = 1, longest: int = 20) -> list[str]:
    """The labels `text` quotes, in order, of `shortest`…`longest` characters."""
    out = [m.group(1) or m.group(2) for m in _QUOTED.finditer(text)]
    return [q for q in out if shortest <= len(q) <= longest]


# an agency named in a heading (the statistics bureau: …, 区政府：…), not a word like "open government"
_NAMES_AN_AGENCY_HERE = re.compile(r"局|政府(?!信息|网站|公开)|街道|办事处|委员会|\b(bureaus?|offices?|departments?|agency|agencies)\b|"
                                   r"\b(district|county|city|people'?s) government\b")
_CHECK_FORM = re.compile(r"check|verify|claim|statement|true|false|fact|correct|核实|核对|核查|判断|是否|属实|真假|对不对|"
                         r"对吗|准确", re.I)
_ASKS = re.compile(r"多少|几|哪|什么|吗|么|how (many|much)|\bwhat\b|\bwhich\b|\bwho\b|\bwhen\b|[?？]", re.I)


def _names_a_figure(words: str) -> bool:
    """Whether `words` name a figure or part of the tables (a row or column word) or a section."""
    from qa.lexicon import find_hits

    return bool(find_hits(words)) or bool(re.search(r"第[一二三四五六七八九十]+部分|section|表[一二三四]|table", words))


def _names_a_place(words: str) -> bool:
    from ingest.gazetteer import gazetteer
    from qa.gazetteer import pinyin_places

    # (a place in pinyin, Lucheng: …, as the gazetteer's names read aloud)
    return any(len(name) >= 2 for _, name in gazetteer().find_all(words)) or any(
        re.sub(r"['’-]", "", re.sub(r"['’]s$", "", w)) in pinyin_places()  # (Hongze's: the place's possessive)
        for w in re.findall(r"[a-z][a-z'’-]+", words.lower()))


# Family: questions typed like a query or a dashboard filter (decisions > 0, amount >= 100000, 件数<5, section = 五)
# and English prefixes for "after" (post-reconsideration suits): the words the reader reads. A sign after a year
# field (report_year <= 2020) bounds the years, not a figure: it is said as the years it keeps (2020 or earlier).
_SIGN_WORDS = {">=": ("至少", "at least"), "≥": ("至少", "at least"), "<=": ("不超过", "at most"),
               "≤": ("不超过", "at most"), ">": ("超过", "more than"), "<": ("少于", "less than")}
_SIGN = re.compile(r"(?<![<>=!-])(>=|≥|<=|≤|>|<)\s*(?=\d)")
_YEAR_SIGN = re.compile(r"\b([a-z_]*year|年份|年度|报告年度)\s*(>=|≥|<=|≤|>|<|==|=)\s*((?:19|20)\d\d)\b", re.I)
_YEAR_WORDS = {">=": ("{y}年及以后", "{y} or later"), "≥": ("{y}年及以后", "{y} or later"),
               "<=": ("{y}年及以前", "{y} or earlier"), "≤": ("{y}年及以前", "{y} or earlier"),
               ">": ("{y}年及以后", "{y} or later"), "<": ("{y}年及以前", "{y} or earlier"), "=": ("{y}年", "in {y}"),
               "==": ("{y}年", "in {y}")}
_FIELD_EQUALS = re.compile(r"\b(section|part|template|agency|region|province|city|county|year)\s*==?\s*['\"‘“]?"
                           r"([^'\"’”?,\s]{1,30}?)['\"’”]?(?=[\s?,.]|$)", re.I)
# template(鄞州区统计局, 2019 report) == '2021' ?: a report's template checked, typed like a function
_TEMPLATE_OF = re.compile(r"\btemplate\s*\(\s*([^,()]+?)\s*,\s*([^()]*?)\s*\)\s*==?\s*['\"]?(\d{4})['\"]?\s*\??", re.I)
_DELTA = re.compile(r"[Δ∆δ]\s*")
# a minus sign between two years or two figures of years (2024 − 2023, in_force(2024) − in_force(2023)); an ASCII hyphen
# only where the question is typed as a formula (…= ?), since 2019-2020 is a span of years
_MINUS_SIGN = re.compile(r"((?:19|20)\d\d\)?)\s*(?:−|–(?=\s)|-(?=\s*[^\d\s]*\(?(?:19|20)\d\d\)?[^=]*=\s*\?))\s*"
                         r"([^\d\s]{0,40}?\(?(?:19|20)\d\d)")
_POST = re.compile(r"\bpost-(reconsideration|review)\b", re.I)


def typed_forms(text: str) -> str:
    zh = bool(re.search(r"[\u4e00-\u9fff]", text)) and language(text) == "zh"

    def word(m: re.Match) -> str:
        zh_word, en_word = _SIGN_WORDS[m.group(1)]
        return zh_word if zh else f" {en_word} "
    # a sign after a year field (report_year <= 2020, 年份>=2023) bounds the years: said as the years it keeps
    # (years are whole: < 2020 keeps 2019 and before, > 2020 keeps 2021 and after)
    text = _YEAR_SIGN.sub(lambda m: _YEAR_WORDS[m.group(2)][0 if zh else 1].format(
        y=int(m.group(3)) + {"<": -1, ">": 1}.get(m.group(2), 0)), text)
    text = _SIGN.sub(word, text)
    text = _TEMPLATE_OF.sub(lambda m: f"does {m.group(1)}'s {m.group(2)} use the {m.group(3)} template?", text)
    text = _DELTA.sub("change in ", text)  # (Δ licensing decisions, Hongze (2024 − 2023) = ?: a change)
    text = _MINUS_SIGN.sub(lambda m: f"{m.group(1)} minus {m.group(2)}", text)
    text = _FIELD_EQUALS.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)  # (province == '河南省': the value, unquoted)
    return _POST.sub(lambda m: "after " + m.group(1), text)
