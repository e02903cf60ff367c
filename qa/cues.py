"""Question forms: the words that say what kind of answer is wanted (Chinese and English).

Matched on the normalised question with entity names and metric words blanked out, so that 办理总数 or
采购总金额 does not read as "a total over all agencies".
"""
from __future__ import annotations

import re
from typing import Optional


def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


QUALITY = {
    "balance": rx(r"勾稽|平衡关系|校验|核验|对不上|\bbalance|consistency check|fail(s|ed)? (the |a )?(\w+ )?check|"
                  r"\br[1-4]\b|arithmetic"),
    "narrative": rx(r"(叙述|正文|文字|文本|narrative|prose).{0,12}(矛盾|不一致|不符|出入|disagree|contradict|"
                    r"inconsisten|differ)"
                    r"|(矛盾|不一致|不符|disagree|contradict|inconsisten).{0,12}(叙述|正文|文字|表格|narrative|table)"),
    "unreadable": rx(r"无法识别|无法读取|看不清|不可读|读不出|unreadable|illegible|could not be read|can't be read"),
    "guessed_units": rx(r"(单位|unit).{0,6}(推测|猜测|假定|推断|不明|guess|assum|uncertain)|(guess|assum)\w* units?"),
    "all": rx(r"数据质量|质量问题|data[- ]quality|quality (issue|problem|finding)s?|findings"),
}
MENTION = rx(r"提到|提及|谈到|涉及|说到|写到|出现|mention|refer(s|red)? to|talk(s|ed)? about|discuss")
MENTION_TERM_ZH = re.compile(r"(?:提到|提及|谈到|涉及|说到|写到|出现)(?:了|过)?[“\"「『]?(.+?)[”\"」』]?(?:的(?:报告|"
                             r"单位|内容|年报)|吗|呢|[?？。!！]|$)")
MENTION_TERM_EN = rx(r"(?:mention(?:s|ed|ing)?|refer(?:s|red)? to|talk(?:s|ed)? about|discuss(?:es|"
                     r"ed)?)\s+(.+?)(?:\?|$)")
WHICH = rx(r"哪|什么单位|谁|which|what (agencies|reports|offices)|who|list")

META = {
    "missing_metric": rx(r"(缺少|缺|没有|不含|无).{0,10}(表|数据|栏|项)|\b(lack|lacks|lacking|without|missing|"
                         r"no)\b.{0,30}\b(table|block|data|figures?)"),
    "agencies": rx(r"(哪些|哪几个|哪几家|什么|有啥|列出|所有)(单位|机关|部门|机构|街道|局)|(which|what|list)( the)? "
                   r"(agencies|agency|bureaus|offices|organi[sz]ations|units|departments)"),
    "years": rx(r"(哪些|哪几|什么|几个)年(份|度)?|which years|what years|years (are|do)|and years"),
    "templates": rx(r"模板|版本|template"),
    "regions": rx(r"(哪些|哪几个)(地区|地方|省|市|区县|城市)|which (regions|provinces|cities|places|areas)"),
    "count": rx(r"(多少|几)(个|家|份)(单位|报告|年报|机关|部门)|how many (agencies|reports|offices|bureaus)"),
    "reports": rx(r"(哪些|哪几份|什么|列出)(报告|年报)|(which|what|list)( the)? reports|reports (cover|are)"),
}
META_FALLBACK = rx(r"数据库|库里|in the (database|data)")
META_ANY = rx(r"数据库|库里|数据里|in the (database|data|store)|哪些|which|what|list|有哪些|几个|how many")

RANK = rx(r"最高|最多|最大|最低|最少|最小|排名|排序|排行|倒数|前[0-9一二三四五六七八九十]+(名|个|位)?|"
          r"后[0-9一二三四五]+名|"
          r"\btop\b|\bmost\b|\bleast\b|highest|lowest|largest|smallest|biggest|fewest|\brank|order(ed)? by|sort|bottom")
RANK_ASC = rx(r"最低|最少|最小|倒数|升序|从低到高|从少到多|由低到高|由少到多|从小到大|由小到大|lowest first|"
              r"\bleast\b|lowest|smallest|fewest|bottom|ascending")
# An explicit direction ("from most to fewest") wins over the words inside it.
RANK_DESC_EXPLICIT = rx(r"从高到低|从多到少|由高到低|由多到少|从大到小|由大到小|降序|descending|highest first|most first|"
                        r"largest first|from (the )?(most|highest|largest|biggest) to (the )?(fewest|least|lowest|smallest)")
RANK_ASC_EXPLICIT = rx(r"从低到高|从少到多|由低到高|由少到多|从小到大|由小到大|升序|ascending|lowest first|fewest first|"
                       r"from (the )?(fewest|least|lowest|smallest) to (the )?(most|highest|largest|biggest)")


def rank_order(text: str) -> str:
    """`asc` or `desc` for a ranking question."""
    if RANK_DESC_EXPLICIT.search(text):
        return "desc"
    if RANK_ASC_EXPLICIT.search(text) or RANK_ASC.search(text):
        return "asc"
    return "desc"


def is_ranking(text: str) -> bool:
    return bool(RANK.search(text) or RANK_LIST.search(text) or RANK_DESC_EXPLICIT.search(text)
                or RANK_ASC_EXPLICIT.search(text))


# A topic the tables lack, asked with only a generic money/count word (部门预算是多少钱) is refused even
# though 多少钱 alone would select the procurement amount; these words anchor a real table metric.
TABLE_ANCHOR = rx(r"采购|procure|收费|fees?|处罚|penalt|许可|licen|强制|coerc|申请|request|application|复议|"
                  r"诉讼|lawsuit|规章|规范性文件|公开|disclos")

RANK_LIST = rx(r"排序|排名|排行|排列|按.{0,20}(排|顺序)|\brank|order(ed)? by|sort|list .* by")
TOP_N = rx(r"前([0-9一二三四五六七八九十]+)|top ([0-9]+|three|five|ten)")
COMPARE = rx(r"比较|对比|相比|比一比|compare|comparison|versus|\bvs\b|分别是|分别为|各是多少|respectively")
WHICH_ONE = rx(r"哪个|哪家|哪一|\bwhich\b|\bwho\b")
WHICH_MANY = rx(r"哪些|哪几|which (agencies|reports|offices|bureaus|districts|governments|units)|list (the |all )?agencies")
WHO_MORE = rx(r"(谁|哪个|哪家|哪一个|which|who).{0,20}(更|较|最|more|less|higher|lower|most|least|fewer|larger|"
              r"bigger|smaller)")
WHO_LESS = rx(r"(更|较|最)(少|低|小)|less|lower|least|fewer|smaller")
BOOLEAN = rx(r"^(did|does|do|is|was|were|has|have|had)\b|是否|是不是|有没有|吗[?]?$")
MORE = rx(r"more|higher|greater|larger|bigger|exceed|多于|高于|超过|大于|多|高")
LESS = rx(r"less|fewer|lower|smaller|少于|低于|小于|不如|少|低")
SHARE = rx(r"比例|比率|占比|百分比|百分之|占.{0,20}(多少|几成)|share|percentage|proportion|\bratio|\brate\b|percent|%")
PER_UNIT = rx(r"平均每|每个|每项|每件|每一|\bper (project|item|case|request|decision|application)|on average per|"
              r"average .{0,30}per")
DIFFERENCE = rx(r"相差|差多少|差额|差距|[多少][^多少]{0,3}多少|多出|高出|比.{0,16}(多|少|增加|减少)了?多少|"
                r"difference|how (much|many) more|"
                r"how (much|many) (less|fewer)|gap between")
YOY = rx(r"同比|比上年|比去年|较上年|较去年|与上年相比|比上一年|比前一年|上一年多|"
         r"than (in )?the (year|one) before|than (in )?the previous year|than last year|year[- ]over[- ]year|"
         r"year on year|"
         r"from the (previous|prior) year|compared (with|to) the previous year")
TREND = rx(r"趋势|历年|逐年|每年|各年|变化情况|变化趋势|over the years|\btrend|each year|per year|by year|over time|"
           r"year by year")
AGG_SUM = rx(r"共|总共|合计|一共|总和|加起来|累计|所有|全部|各单位|各地|in total|altogether|combined|\bsum\b|\btotal\b|"
             r"across|all (the )?(agencies|reports|units|offices)|overall")
AGG_AVG = rx(r"平均|均值|average|\bmean\b")
AGG_COUNT = rx(r"(多少|几)(个|家|份)(单位|报告|年报|机关|部门)|how many (agencies|reports|offices|bureaus)")
NUMERIC = rx(r"多少|几|是多少|数量|金额|数目|how (many|much)|number of|amount|count|total|\bwhat (is|was|were) the")
PASSAGE = rx(r"问题|不足|改进|整改|措施|做法|如何|怎样|怎么|哪些方面|经验|做了什么|说了什么|渠道|机制|方式|途径|举措|"
             r"工作|"
             r"介绍|what did|how did|how does|how do|describe|explain|improve|plan|measures|steps|problems|shortcoming|"
             r"weakness|say about|said about|channels|mechanism|approach|what .* do")
UNSUPPORTED = rx(r"\bgdp\b|生产总值|经济总量|经济增长|人口(?!普查)|population|天气|气温|weather|temperature|预算|"
                 r"budget|"
                 r"财政收入|revenue|工资|salary|wage|房价|house price|就业|unemploy|失业|税收|犯罪|crime|股票|"
                 r"stock price")
REFERENCE = rx(r"\b(was|is|did|does|for|of|about) that\b|\bthat (agency|one|bureau|office|report|district)\b|"
               r"\b(it|they|them)\b|\bthe same\b|那个|该单位|该局|它|他们|这个单位|这家|同一|上述")
FOLLOWUP = rx(r"呢[?]?$|^那|^and\b|^what about|^how about|^same|^also|那么")

SECTION_CUES = (
    ("五", rx(r"问题|不足|短板|改进|整改|下一步|计划|打算|努力方向|improve|problem|shortcoming|weakness|\bplan|"
              r"next year|future|deficien|rectif|challenge")),
    ("六", rx(r"其他需要报告|other matters|other items to report")),
    ("一", rx(r"新媒体|平台|渠道|网站|公众号|微博|微信|监督|机制|制度|培训|组织领导|领导|主动公开|依申请公开|"
             r"政府信息管理|"
              r"保障|队伍|总体|new media|platform|channel|website|wechat|weibo|mechanism|supervis|training|"
              r"oversight|organi[sz]ation|overall|how did|what measures")),
)

KIND_WORDS = (
    ("street_office", rx(r"(哪个|哪些|各|所有)(个)?街道|street offices?\b(?! in)|subdistrict offices")),
    ("government", rx(r"(哪个|哪些|各|所有)(区|县|市)?(人民)?政府|\bgovernments\b")),
    ("township", rx(r"(哪个|哪些|各|所有)(个)?乡镇|townships")),
)

# English words -> Chinese phrases to look for in report text; one concept per entry.
GLOSSARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"covid(-?19)?|coronavirus|pandemic|epidemic|新冠", ("新冠", "新型冠状病毒", "疫情", "肺炎", "防疫")),
    (r"seventh (national )?census|7th (national )?census", ("第七次全国人口普查", "第七次人口普查", "七普")),
    (r"economic census", ("经济普查",)),
    (r"census", ("普查",)),
    (r"training", ("培训",)),
    (r"wechat", ("微信",)),
    (r"weibo", ("微博",)),
    (r"new media|social media", ("新媒体", "微信", "微博")),
    (r"website", ("网站",)),
    (r"privacy|personal information", ("个人信息", "隐私")),
    (r"hotline", ("热线",)),
    (r"open day", ("开放日",)),
    (r"legal (publicity|education)|law popularization", ("普法",)),
    (r"final accounts", ("决算",)),
    (r"policy interpretation", ("解读",)),
    (r"business environment", ("营商环境",)),
    (r"rural revitali[sz]ation", ("乡村振兴",)),
    (r"poverty", ("扶贫", "脱贫")),
    (r"archives?", ("档案",)),
    (r"accountability", ("责任追究", "问责")),
    (r"regulations?\b|ordinance", ("条例",)),
    (r"lawyer|legal experts?", ("律师", "法律专家")),
    (r"standardi[sz]ation", ("标准化",)),
    (r"grassroots", ("基层",)),
    (r"mini[- ]program|\bapp\b", ("小程序", "APP", "客户端")),
    (r"confidential|secrecy", ("保密",)),
    (r"complaints?", ("投诉",)),
)


def first(pattern: re.Pattern, text: str) -> Optional[re.Match]:
    return pattern.search(text)


def top_n(text: str) -> Optional[int]:
    m = TOP_N.search(text)
    if not m:
        return None
    token = m.group(1) or m.group(2)
    words = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "three": 3, "five": 5, "ten": 10}
    return int(token) if token.isdigit() else words.get(token)


def section_for(text: str) -> Optional[str]:
    for number, pattern in SECTION_CUES:
        if pattern.search(text):
            return number
    return None
