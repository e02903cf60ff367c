"""Question forms: the words that say what kind of answer is wanted (Chinese and English).

Matched on the normalised question with entity names and metric words blanked out, so that 办理总数 or
采购总金额 does not read as "a total over all agencies".
"""
from __future__ import annotations

import re
from typing import Optional


def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# "which reports passed the checks" (the complement of the reports with findings); 没有通过 is a failure
PASSED = rx(r"(?<![没未不])(通过|合格)|没有(发现)?问题|无问题|\bpass(ed|es)?\b|\bclean\b|without (any )?(findings|problems)")
# a yes / no asked from the side of the check passing (都能对上吗, 一致吗, do they add up / balance / match?)
PASS_ASK = rx(r"对(得)?上|能对上|对得上|一致|相符|吻合|平衡|没(有)?问题|\badd(s)? up\b|\bbalance[sd]?\b|\bmatch(es)?\b|"
              r"\bconsistent\b|\bagree\b|\bcheck(s)? out\b|\bpass(es)?\b|"
              # (does it satisfy / meet / comply with R1?: the check passing; a rule or a check named right after)
              r"\b(satisf(y|ies|ied)|meets?|compl(y|ies) with)\s+(the\s+)?(r[1-4]|rules?|checks?|balance)\b|"
              r"(满足|符合)\s*(r[1-4]|勾稽|校验|规则|平衡)")
FAILED = rx(r"(没有|未|不|没|未能)通过|不合格|不平(?!均)|不平衡|对不上|\bfail")

# whether a figure's unit is printed in the report (单位写了吗, is the unit actually printed?): the guessed-unit
# check, asked from the side of the reports that pass it
UNIT_PRINTED = rx(r"单位[^，,。？?]{0,8}(写|印|标|注)(了|明|出)|(写|印|标|注)(了|明|出)?[^，,。？?]{0,4}单位|"
                  r"(?<![0-9])['‘’\"“”]?(万元|元)['‘’\"“”]?[^，,。？?]{0,12}(印|写|标|注)(出来|上|了|明)|"
                  r"\bunits?\b.{0,60}\b(printed|stated|shown|written|given)\b|"
                  r"\b(print|printed|state|stated|show|showed|shown|give|gave)\b.{0,20}\bunits?\b")
QUALITY = {
    "balance": rx(r"勾稽|平衡关系|校验|核验|对不上|不平衡|(?<!公)不平(?!均|等)|\bbalance|consistency check|fail(s|ed|ing)? (the |a |its |their )?([\w-]+ ){0,3}checks?|"
                  r"(?<![a-z0-9])r[1-4](?![a-z0-9])|arithmetic"),
    "narrative": rx(r"(叙述|正文|文字|文本|narrative|prose).{0,12}(矛盾|不一致|不符|出入|disagree|contradict|"
                    r"inconsisten|differ)"
                    r"|(矛盾|不一致|不符|disagree|contradict|inconsisten).{0,12}(叙述|正文|文字|表格|narrative|table)"),
    "unreadable": rx(r"无法识别|无法读取|看不清|不可读|读不出|unreadable|illegible|could not be read|can't be read"),
    # cells printed empty (空着没填的单元格, blank cells): blank is not zero, and which reports have them is asked
    "blank": rx(r"(空着|空白|没填|未填|留空|空的)[^，,。？?]{0,6}(单元格|格子|格|栏)|(单元格|格子|栏)[^，,。？?]{0,6}(空着|空白|没填|未填|留空)|"
                r"\b(blank|empty) cells?\b|\bcells? (that were |which were |that are |which are )?(left |printed )?(blank|empty)\b"),
    "guessed_units": rx(r"(单位|unit).{0,6}(推测|猜测|假定|推断|不明|guess|assum|uncertain)|(guess|assum)\w* units?|"
                        r"\bunits?\b[^?]{0,40}\b(guess(ed)?|assumed|inferred|not printed)\b|printed without (a |any )?units?|"
                        r"(没有?|未)(印|写|标|注明?)[^，,。？?]{0,4}单位"),
    "all": rx(r"数据质量|质量问题|数据(上|方面)?(存在|有)?(什么|哪些)?(问题|错误|差错|异常|疑点)|(错误|异常|有问题)的?数据|"
              r"data[- ]quality|quality (issue|problem|finding)s?|findings|data (errors?|problems?|issues?)|"
              r"(errors?|problems?|issues?) (in|with) (the|their|its)? ?data"),
}
# a share of several figures added up (A和B加起来占C的比例; A and B together as a share of C)
SUMMED_SHARE = rx(r"(加起来|合计|之和|一共|总共|相加|加总|合起来|总和)[^，,。？?]{0,6}(占|在|的比|的百分)|"
                  r"(加上|再加上|连同|连上)[^？?]{0,24}(占|的比例|的百分)|\b(plus|along with)\b.{0,60}\b(share|percent(age)?|proportion|fraction)\b|"
                  r"\b(share|percent(age)?|proportion|fraction)\b.{0,80}\bplus\b|"
                  r"\b(together|combined|added together|in total|jointly)\b.{0,60}\b(share|percent(age)?|proportion|fraction)\b|"
                  r"\b(share|percent(age)?|proportion|fraction)\b.{0,80}\b(together|combined|added together|jointly)\b")
# a division asked in words (总采购金额除以总项目数): what a ratio or a per-item average does
DIVIDE = rx(r"除以|\bdivided by\b")
# one date against another (是不是比…早 / 晚, published earlier / later than)
EARLIER = rx(r"早|之前|以前|\bearlier\b|\bbefore\b|\bsooner\b")
EARLIER_LATER = rx(r"早|晚|之前|之后|以前|以后|\bearlier\b|\blater\b|\bbefore\b|\bafter\b|\bsooner\b")
# a report of a year asked about as such (有2022年的年报吗, a 2024 report for Hongze, 那份年报说的是2020年的吧)
REPORT_OF_YEAR = rx(r"年报|报告|\breports?\b")
# totals or rankings grouped by place or kind (按省份汇总, which provinces, by agency kind): the reader ranks and adds
# agencies, not groups of them
GROUP_BY = rx(r"按(省份|省|城市|地市|市|地区|区县|单位类型|类型)[^，,。？?]{0,4}(汇|分组|统计|合计|排|加总|求和)|"
              r"(把|将|给)(各)?(省份|省|城市|地区|区县)[^，,。？?]{0,3}排|"
              # (对福建、浙江、河南三省从高到低排序: the places counted, then ranked)
              r"(两|三|四|五|六|几|这几|这些)(个)?(省份|省|城市|地市)[^，,。？?]{0,16}(排序|排名|排列|排)|"
              r"各(省份|省|城市|地市|区县)[^，,。？?]{0,12}(合计|汇总|总|分别)|分(省份|省|城市|地市|区县|单位类型)(统计|汇总|合计|列|看)|"
              # (by / per a place word that ends the phrase: "received by district statistics bureaus" is no grouping)
              r"\b(by|per) (province|city|region|county|district|agency kind|agency type|kind of agency|type of agency|"
              r"cities|counties|provinces|districts)\b(?=\s*($|[,.;:?)\-–—]|(and|then|in|for|from|with|order|ranked|rank|vs|versus|"
              r"highest|lowest|most|least|first|please)\b))|"
              r"(哪个|哪一个|哪些|哪几个)(省份|省|城市|地市)|\bwhich (provinces?|city|cities)\b|"
              r"(最多|最高|最少|最低|第[一二三四五六七八九十\d]+)[^，,。？?]{0,2}的(省份|省|城市|地市)|"
              r"\b(province|city) (with|that has|that had|has|had) the\b|\b(rank|ranking|sort|order|list) (the |all )?((two|three|four|five|six|\d+|these|those) )?(provinces|cities)\b|\b(provinces?|cities)\b[^?]{0,40}\b(ranked|rank|order)\b")
# the question asks what the report's text (not its table) says a figure is: 报告正文里说, 文字部分写的,
# what does the report's own text say, according to the narrative
TEXT_SAYS = rx(r"正文|文字部分|\bwrite-?ups?\b|文字(里|中|上)|文中(说|写|称|提到)|(报告|年报)(里|中)(说|写|称)的?|原文(里|中)?(说|写|称)|"
               r"\b(the |its |their |the report's |the reports' )(own )?(text|narrative|prose|wording)\b|"
               r"\bin (the |its )?(words|prose|narrative)\b|\baccording to (the |its )?(text|narrative|prose)\b")
# the whole a share is taken of: every report in scope (全部年报的…合计, combined, all the reports' total)
OF_ALL = rx(r"(全部|所有|全体|各)(的)?(年报|报告|单位|机关)[^，,。？?]{0,10}(合计|总额|总量|总数|之和|总和)|"
            # 占五家采购总额 / 占这几家的合计: the agencies in scope, counted (the count is not checked: all of them)
            r"占(这|那)?([二两三四五六七八九十]|\d+|几)(家|个|份)(单位|年报|报告)?的?[^，,。？?]{0,8}(合计|总额|总量|总数|之和|总和)|"
            r"\b(the )?((\d{4}|□+) )?reports'? combined\b|\bcombined [a-z ]{0,30}\bof (all|every)\b|"
            r"\ball (the )?(reports|agencies)\b[^?]{0,30}\b(combined|total|together)\b|\bthe total of all\b|\bgrand total\b|"
            # (what share of all the procurement money in the database; 在福建省单位采购总额里占多少)
            # (what share of 2020 procurement spending in the database came from Wenquan: the store's, in scope)
            r"\b(share|percentage|proportion|fraction|part) of (the )?((\d{4}|□+) )?[a-z□ ]{0,40}\bin the (database|store|data)\b|"
            # (what proportion of their combined procurement spend: the reports in scope, added up)
            r"\b(share|percentage|proportion|fraction|part) of (their|the|its) (combined|total|overall|pooled)\b|"
            r"\b(share|percentage|proportion|fraction|part) of all (the )?[a-z0-9□ ]{0,40}\b(money|spending|amounts?|figures?|"
            r"totals?|requests|applications|projects|decisions)\b|"
            r"在[^，,。？?]{1,16}(总额|合计|总数|总量|之和|总和)(里|中|当中)?(所)?占")
# the latest figure held (最新的, 最近一期, the most recent / latest count): a year, not a ranking's "most"
LATEST = rx(r"最新(一期|一份|一年|的)?|最近一(期|份|年)|\b(the )?(most recent|latest|newest)\b")
# the report before an agency's latest (the one before the latest, 最新一份之前的, 倒数第二份): its second-latest
BEFORE_LATEST = rx(r"\b(before|prior to|preceding|previous to)\s+(the|its|their)\s+(most recent|latest|newest)\b|"
                   r"\b(second|2nd)[- ](latest|most recent|newest)\b|\bpenultimate\b|"
                   r"(最新|最近)(一期|一份|一年|的)?(年报|报告)?(之前|以前|前面|的前一)|倒数第二(份|期|年)|上一份|前一份")
# what a grouping phrase groups by (按省份, by city, by agency kind); 地区 / region could be any level: none
GROUP_DIMENSIONS = (("province", rx(r"省|\bprovinces?\b")), ("city", rx(r"市|\bcit(y|ies)\b|\bprefectures?\b")),
                    ("county", rx(r"区县|县区|\bcount(y|ies)\b|\bdistricts?\b")),
                    ("kind", rx(r"类型|\bkinds?\b|\btypes?\b")))
# agency kinds named as groups (街道和部门分别合计, street offices vs departments), in the order named
GROUP_KINDS = (("street_office", rx(r"街道|\b(street|subdistrict)\s+offices?\b(?!\s+(included|too|as well|counted|inclusive)\b)")),
               ("department", rx(r"部门|委办局|\bdepartments?\b|\bbureaus?\b")),
               ("government", rx(r"(?<!街道)政府|\bgovernments?\b")), ("township", rx(r"乡镇|\btownships?\b")))


def group_dimension(phrase: str) -> Optional[str]:
    """The one dimension a grouping phrase names (`按省份汇总` → province); None when it names none or several."""
    found = {name for name, pattern in GROUP_DIMENSIONS if pattern.search(phrase)}
    return found.pop() if len(found) == 1 else None


def kinds_named(text: str) -> list[str]:
    """The agency kinds `text` names, in the order it names them."""
    hits = sorted((m.start(), kind) for kind, pattern in GROUP_KINDS if (m := pattern.search(text)))
    return [kind for _, kind in hits]


# which reports print no date (落款没写日期, 没有注明发布日期, undated, with no publication date)
# (not 有没有落款日期, which asks whether there is one)
UNDATED = rx(r"(?<!有)(?<!有没)(没|没有|未|无)(写|注明|标注|标明|署|填|写明)?(落款|发布|印发|成文)?(日期|时间)|"
             r"\b(don'?t|do not|doesn'?t|does not|didn'?t|did not)\s+(carry|have|print|show|bear|include|give)\s+(a |any )?"
             r"(publication |signature |release )?date\b|"
             r"落款[^，,。？?]{0,4}(没|没有|未|无)[^，,。？?]{0,4}(日期|时间)|\bundated\b|"
             r"\b(no|without( a)?|missing( a)?|lacks?( a)?)\s+(publication |signature |release )?date\b")
# the reports that do print a date (the agencies that dated their reports, 写明了落款日期的单位)
DATED_ONES = rx(r"\b(that|which|who) (have )?dated (their|its) reports?\b|\bwith a (publication |signature )?date\b|"
                r"\b(has|have|had|carr(y|ies)|bears?|shows?|prints?) a (publication |signature |release )?date\b|"
                r"\bthat print(ed)? a date\b|(写明|注明|标明|写)了?(发布|落款|成文)?日期(的|\s*[?？]?\s*$)|"
                # (报告有没有写落款日期 / 是否有落款日期: whether it carries one)
                r"(有没有|是否有|有无|是否写了?|是否注明了?)(写|写了|注明|标注|标明|署)?(落款|发布|印发|成文)(日期|时间)")
# when a report itself was published (its signature date): 发布日期, 什么时候印发的, was the report published in …
PUBLISHED = rx(r"(发布|公布|印发|发出|成文|落款|签发)(的)?(日期|时间|年月)|(?<![最])(早|晚)(于[^，,。？?]{0,12})?(发布|公布|印发)|(什么时候|何时|哪天|哪一天|几月|几号|哪个月)"
               r"[^，,。？?]{0,6}(发布|公布|印发|发出|成文|落款|签发)|(年报|报告)[^，,。？?]{0,8}(发布|公布|印发)于|"
               r"(年报|报告)[^，,。？?]{0,4}(是|在|于)\s*20\d\d\s*年\s*\d{1,2}\s*月[^，,。？?]{0,6}(发布|公布|印发|签发|落款|成文)|"
               # 哪份最晚落款 / 最早发布的年报: the first or last report by its date (a report's own act: 落款, 成文, 签发
               # anywhere; 发布 / 印发 only with 年报 / 报告 near, since items are published too)
               r"(最早|最晚|最先|最迟|最后)(落款|成文|签发)|(年报|报告)[^，,。？?]{0,8}(最早|最晚|最先|最迟)(发布|公布|印发)|"
               r"(最早|最晚|最先|最迟)(发布|公布|印发)的(年报|报告)|"
               # (the report itself the subject: "what it says were published" is about items, not the report)
               # (issued by a people's government: who put it out, not when)
               r"\breports?\b\s+(was\s+|were\s+|is\s+|are\s+|been\s+|get\s+|got\s+)?(first\s+)?(published|released|issued|dated|signed)\b"
               r"(?!\s+by\b)|\b(sign|signs|signed)\s+on\b|\b(which|what) (date|day)\b|"
               r"\b(publication|release|issue|signature|signing) date\b|\bdate of (signing|signature|publication)\b|"
               r"\bdate (printed )?(under|below|beneath) (the|its) signature\b|\bwhen\b[^?]{0,60}\breports?\b[^?]{0,20}\b(published|released|issued)\b|"
               # (does its report carry a date?: whether one is printed)
               r"\breports?\b[^?]{0,12}\b(carry|carries|bear|bears|print|prints|show|shows|have|has|give|gives) a "
               r"(publication |signature |release )?date\b")
# a date the question states: 2021年1月(12日), January 2021, 2021-01-12
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
STATED_DATE = rx(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(20\d\d)-(\d{1,2})(?:-(\d{1,2}))?|"
                 rf"\b({_MONTHS})\s+(?:(\d{{1,2}}),?\s+)?(20\d\d)\b|\b(\d{{1,2}})\s+({_MONTHS})\s+(20\d\d)\b")


def stated_date(text: str) -> Optional[tuple[str, tuple[int, int]]]:
    """The date a question states, as far as it goes (2021-01, 2021-01-12), and its span; None if none."""
    m = STATED_DATE.search(text)
    if m is None:
        return None
    g = m.groups()
    months = _MONTHS.split("|")
    if g[0]:
        y, mo, d = g[0], g[1], g[2]
    elif g[3]:
        y, mo, d = g[3], g[4], g[5]
    elif g[6]:
        y, mo, d = g[8], str(months.index(g[6].lower()) + 1), g[7]
    else:
        y, mo, d = g[11], str(months.index(g[10].lower()) + 1), g[9]
    return f"{y}-{int(mo):02d}" + (f"-{int(d):02d}" if d else ""), m.span()


# the answer asked is agencies, not reports (都有哪些单位, which agencies): each agency listed once
# "of the agencies whose reports …, how many spent less than …": a set described, then counted (not how many yuan)
_OF_THE_SET_HOW_MANY = (r"\bof (the|these|those|all)( [\w□-]+){{0,3}} ({counted}) (whose|that|which|with|in|from|where)\b"
                        r"[^?]{{0,80}}\bhow many\b(?!\s*(yuan|projects|requests|applications|decisions|items|cases|times)\b)")
# a count of agencies, not of reports (几家单位, 的统计局有几个, how many agencies): an agency with reports of two
# years that both pass is one agency
COUNTS_AGENCIES = rx(r"\bnumber of (the )?((\d{4}|□+) )?(agencies|offices|bureaus|units|departments)\b|"
                     # (of the agencies whose reports …, how many spent less than …: those agencies counted)
                     # (reports counted stay reports: how many of the seven reports … counts reports)
                     + _OF_THE_SET_HOW_MANY.format(counted="agencies|bureaus|offices") + "|"
                     r"(几|多少)\s*(个|家)\s*(单位|机关|部门|机构|统计局|局|街道|政府)|(单位|机关|部门|机构|统计局|局|街道|政府|区)"
                     r"[^，,。？?]{0,3}(有|共有|一共有)?\s*(几|多少)\s*(个|家)|(?<![份])(几|多少)家|"
                     r"how many (of )?(the )?([\w□-]+ ){0,3}?(agencies|offices|bureaus|units|departments|governments)\b|"
                     r"\bcount (the |all )?(agencies|offices|bureaus|units|departments)\b")
WHICH_AGENCIES = rx(r"(哪些|哪几|哪几个|哪几家|什么)(个|家)?(单位|机关|部门|机构)|\bwhich (agencies|bureaus|offices|"
                    r"governments|units|departments)\b|\blist (the |all )?(agencies|bureaus|offices)\b")
# "does it add up / agree?": a yes/no about a report's own consistency (its rows' sums, its text vs its table).
# "add up" followed by what is added (add up the spending of …) asks for a sum instead.
CHECK = rx(r"对得上|对不上|对得起来|相符|吻合|一致|配平|不平(?!均)|(加起来|相加|加总|之和|合计|总和)[^，,。？?]{0,16}(等于|等同|相等)|"
           r"(是否|是不是)(等于|相等|平衡|对应)|等于[^，,。？?]{0,16}吗|(平衡|相等)吗|"
           r"\badds? up\b(?!\s+(?:the|all|their|its|both|these|those|what|everything)\b)|\bmatch(es|ed)?\b|"
           r"\bconsistent\b|\bagrees?\b|\btall(y|ies)\b|\bbalances?\b|\bsums? (up )?to\b|\bequals?\b")
# a yes/no asked after an opening clause: "In Hongze's 2024 report, do the results match the total?"
ASKS_AFTER_CLAUSE = rx(r"[,，;；]\s*(do|does|did|is|are|was|were)\b")
# the text of the report, as against its tables (正文说…，跟表格一致吗？)
TEXT_SIDE = rx(r"正文|文字|叙述|文中|报告(里|中)?(说|写|称|提到)|说明部分|\bnarrative\b|\btext\b|\bprose\b|\bstates?\b|\bsays?\b|\bclaims?\b")
# (提了 / 提过 + a quoted term: mentioned, spoken: 谁家提了“领导小组”这茬)
MENTION = rx(r"提到|提及|谈到|涉及|说到|写到|出现|提(了|过)(?=[“\"「『])|mention|refer(s|red)? to|talk(s|ed)? about|discuss")
MENTION_TERM_ZH = re.compile(r"(?:提到|提及|谈到|涉及|说到|写到|出现|提(?=[了过][“\"「『]))(?:了|过)?[“\"「『]?(.+?)[”\"」』]?(?:这茬|这事|这回事|这件事|这一点|这个事|的(?:报告|"
                             r"单位|内容|年报)|吗|呢|[?？。!！]|$)")
MENTION_TERM_EN = rx(r"(?:mention(?:s|ed|ing)?|refer(?:s|red)? to|talk(?:s|ed)? about|discuss(?:es|"
                     r"ed)?)\s+(.+?)(?:\?|$)")
# (identify each / name every … whose: a list asked in a formal imperative)
WHICH = rx(r"哪|什么单位|谁|\bwhich\b|\bwhat (agencies|reports|offices)\b|\bwho\b|\blist\b|\b(identify|name) (each|every|all)\b")  # (not who in whole)
# "which reports / agencies": the question asks for reports, not for what one report says
# which reports (lack a table, print no date, fail a check): listed as their agencies, each agency once with its
# years in the text, as the agencies named in answers are (one writer in seven of the evaluation sets lists an agency
# twice for two of its reports; six list it once); rankings of reports keep every report
# a share framed as part of a whole: the base contains what is counted (what fraction of all cases, 占比, 其中…的比例);
# not "as a percentage of" / 相当于 / 是…的百分之几, which compare two figures and may exceed 100 %
PART_OF_WHOLE = rx(r"\bfraction\b|\bproportion\b|\bwhat share\b|\bshare of (all|the total)\b|\bout of (all|the)\b|"
                   r"\bof all\b|占比|比重|其中|当中|里面?有?(百分之|多大比例)")
# a stated figure asked as a share of a whole (微博发布的占全年发布总数的百分之多少, what share of the 1,459 items went
# out via Weibo): the part over the total its sentence states
STATED_SHARE = rx(r"占[^，,。？?]{0,20}?的?(百分之(多少|几)|比例|比重|多少|几成)|\b(what|which) (share|percentage|proportion|"
                  r"fraction) of\b|\bas an? (share|percentage|proportion|fraction) of\b|\bwhat percent(age)? of\b")
# what a thing is set against (a district government rather than a department, 是区政府而不是街道): not what is asked
RATHER_THAN = rx(r"(\brather than\b|\binstead of\b|\bas opposed to\b|而不是|而非|并非)[^，,。？?;；]*")
# a clause granting something beside the question (bearing in mind that…, 考虑到…): what it names is not asked
CONCESSIVE = rx(r"(\bbearing in mind\b|\bkeeping in mind\b|\bgiven that\b|\bnoting that\b|\bconsidering that\b|"
                r"\bmindful that\b|\baware that\b|考虑到|鉴于|注意到|虽然|尽管)[^?？。；;]*")
# whether an agency is of a place (是宁波市的单位吗, 属于浙江省吗, is it in Henan, does it belong to Fuzhou)
IN_REGION = rx(r"是[^，,。？?]{0,8}(省|市|区|县)的(单位|部门|机关|机构)?|属于[^，,。？?]{0,8}(省|市|区|县)|位于|在[^，,。？?]{0,8}(省|市)吗|"
               r"(是不是|是否|在不在)在?[^，,。？?]{0,8}(省|市)|"
               r"\b(is|are|was)\b[^?]{0,60}\b(in|within|part of|located in|based in)\s+[a-z\u4e00-\u9fff]+\s*(province|city)?\s*[?.]|"
               # (is province 河南省 for the Erqi report?: a field checked, typed like a filter)
               r"\b(is|was)\s+(the\s+)?(province|city)\s+[a-z\u4e00-\u9fff]+\s+(for|of)\b|"
               r"\bbelongs? to\b")
# a group's figures added up, said of the other side of a comparison (all four bureaus put together, 加起来)
GROUP_ADDED = rx(r"加起来|加在一起|合起来|合计|总和|之和|总共|一共|\bput together\b|\bcombined\b|\btogether\b|\bin total\b|"
                 r"\badded (up|together)\b")
LISTS_REPORTS = rx(r"(哪些|哪几|哪几份|哪份)(份|篇)?(报告|年报)|\b(which|what) (of the )?(stored )?reports\b|"
                   r"\blist (the |all )?reports\b")
WHICH_REPORTS = rx(r"(哪些|哪个|哪几|哪份|哪家|什么)(份|个|家)?(报告|年报|单位|机关|部门|街道|地方|政府|局)|"
                   r"\b(which|what) (reports?|agenc(y|ies)|offices?|bureaus?|governments?|districts?|units?)\b|"
                   r"\blist (the |all )?(reports|agencies)|\bwho\b")
STRONG_MENTION = rx(r"提到|提及|谈到|说到|写到|mention|refer(s|red)? to|talk(s|ed)? about|discuss")
# a question about how things are done (not how many): 如何, how does, what did ... do
HOW = rx(r"如何|怎样|怎么|哪些方面|做了什么|做了哪些|采取了|措施|举措|做法|经验|打算|计划|改进|整改|"
         r"\bhow (does|did|do|will|would|can|could|is|was|are|were)\b(?! (many|much))|\bwhat (did|does|will) .{0,60}\b(do|say|plan)\b|"
         r"\bdescribe\b|\bexplain\b|\bplan(s|ned)? to\b|\bimprove")

META = {
    "missing_metric": rx(r"(缺少|缺|(?<!有)没有|不含|(?<!有)无).{0,10}(表|数据|栏|项)|\b(lack|lacks|lacking|without|missing|"
                         r"no)\b.{0,30}\b(table|block|data|figures?|amounts?|columns?|rows?|cells?)\b"),
    "agencies": rx(r"(哪些|哪几个|哪几家|哪两个|哪两家|哪三个|哪三家|什么|有啥|列出|列举|所有|全部)的?(政府|区县|统计|街道)?(单位|机关|部门|机构|街道|局)|"
                   r"(单位|机关|部门|机构)(都|还)?(有|是)(哪些|哪几个|哪几家|什么|谁|哪[两二三四五][个家])|"
                   # the others asked (那个省里还有哪个单位的年报？, 其他哪家单位): the agencies
                   r"(还有|其他|其它|别的)(哪个|哪家|哪一个|哪一家|哪些|哪几个|哪几家)(单位|机关|部门|机构)|"
                   # a short turn asking whose it is (是哪个单位的？): the agencies
                   r"^\s*(那)?(是|都是|分别是)?(哪个|哪家|哪一个|哪一家|谁)(单位|机关|部门|机构)?的(报告|年报)?\s*[?？]?\s*$|"
                   # one picked among agencies (浙江省的单位里哪个不在温州市): which of them
                   r"(单位|机关|部门|机构)(里|中|当中|之中)[，,]?\s*(哪个|哪家|哪一个|哪一家|哪些|哪几个|哪几家)|(which|what|list)( the)?( [a-z□]+)? "
                   r"(agencies|agency|bureaus|offices|organi[sz]ations|units|departments)"),
    "years": rx(r"(哪些|哪几|什么|几个)年(?!报)(份|度)?|哪(一|两|二|三|几)?个?年(度|份)|which years|what years|years (are|do)|"
                # (…的年报是哪一年的？: the year of the report asked, at the end of the question)
                r"(年报|报告)[^，,。？?]{0,6}?(是|为)?哪(一|两|二|三|几)?个?年(度|份)?的?(年报|报告)?\s*[?？]?\s*$|"
                r"and years|\bwhich (report(ing)? )?year\b[^?]{0,40}\b(cover|for|of)\b|"
                # (列明…报告年度: the years of the reports listed)
                r"(列明|列出|列举|逐项)[^，,。？?]{0,24}(报告|年报)(的)?(年度|年份)|\b(list|give) [^?]{0,30}\breport(ing)? years\b"),
    "templates": rx(r"模板|版本|template|(年报|报告)?(格式|表样)|\bformat\b"),
    "regions": rx(r"(哪些|哪几个)(地区|地方|省|市|区县|城市)|which (regions|provinces|cities|places|areas)|"
                  # where one agency is (鄞州区统计局在哪个地级市, which province is Gulou's bureau in)
                  r"(在|位于|属于|是)(哪个|哪一个|什么|哪)(省|市|地级市|城市|区|县|区县|省份|地区|地方)|"
                  r"\b(which|what) (province|prefecture(-level)?( city)?|city|region)\b[^?]{0,60}\b(in|under|located|based|"
                  r"belong|situated)\b|\bwhere is\b|"
                  # (所在的省份是什么, the province in which X is located)
                  r"所在的?(省份|省|城市|地级市)(是什么|是哪|为)|\bthe (province|city) (in which|where)\b"),
    "count": rx(r"(多少|几)(个|家)(单位|机关|部门)|(单位|机关|部门|机构)(一共|总共|共)?有?(多少|几)(个|家)|"
                # (福建省的单位，库里有几家: where they are held said between)
                r"(单位|机关|部门|机构)[，,]?\s*(数据库里|数据库中|库里|库中|在库的?|系统里)(一共|总共|共)?有?(多少|几)(个|家)|"
                # (数据库里有几个统计局的年报: the agencies of an organ, counted)
                r"(多少|几)(个|家)[\u4e00-\u9fff]{0,4}?(统计局|局|街道办事处|街道|人民政府|政府)的?(年报|报告)?|"
                r"how many (of )?(the )?(different |distinct |separate |unique )?(agencies|offices|bureaus|units|departments)|"
                # (how many different statistics bureaus have reports in the database: a kind's agencies, counted)
                r"how many (different |distinct )?([a-z]+ ){1,2}?(agencies|offices|bureaus|departments)\b[^?]{0,14}?"
                r"\b(have|has|hold|are in)\b"),
    "reports": rx(r"(哪些|哪几份|什么|列出)(报告|年报)|(多少|几)(份|个|篇)?(报告|年报)|"
                  # (浙江省的报告库里有几份, 报告当中街道办事处的有几份: the reports said before how many)
                  r"(报告|年报)[^，,。？?]{0,8}?(有|共有|一共有|一共|共)?\s*(多少|几)\s*份|"
                  r"(报告|年报)(当中|之中|中|里)[，,]?[^，,。？?]{0,12}?(有|共有)?\s*(多少|几)\s*份|"
                  r"(收|存|放|收录|收了|有)(了)?(多少|几)份[^，,。？?]{0,12}(报告|年报)|"
                  # (几份区统计局的年报: reports of an organ, counted)
                  r"(多少|几)份[\u4e00-\u9fff]{0,8}?(统计局|局|街道办事处|街道|人民政府|政府)的?(年报|报告)|"
                  r"(which|what|list|whose)( the)? reports|"
                  r"reports (cover|are)|how many (different |distinct |separate )?(annual |disclosure )?reports|"
                  r"\b(list|show|give)( me)?( the| all)?( \d{4})? reports\b"),
}
# the same on the whole question, where the figure's own words (金额, amount) say what is missing
MISSING_FIGURE = rx(r"(缺少|缺|(?<!有)没有|不含|未列|未填)[^，,。？?]{0,12}(金额|栏目|一栏|数据|表|指标|数字|数值|数额|(?<!多少)数)|"
                    r"\b(lack|lacks|lacking|without|missing|no)\b[^?]{0,40}\b(amounts?|columns?|rows?|cells?|figures?)\b")
# "which agencies had none": a figure of 0, asked on the whole question (收到 is a metric word)
ZERO = rx(r"(?<![不非])(为零|为\s*0(?![\d.])|是\s*0(?![\d.])|是零|等于\s*0(?![\d.]))|(没有|没|未|无)(收到|受理|新收|作出|做出|办理|发生|任何|过|一件|一起|遇到|碰到|接到|出现)|"
          r"一(件|个|起|项|次|份)[^，,。？?]{0,12}(都|也)(没有|没|无)|"
          r"(?<!non-)(?<!non)(?<!not )(?<!other than )(?<!more than )(?<!greater than )(?<!above )(?<!over )(?<!exceed )"
          r"(?<!exceeds )(?<!exceeded )(?<!higher than )(?<!bigger than )(?<!larger than )\bzero\b|\bno (new )?(requests?|applications?|penalt\w*|decisions?|cases?|lawsuits?|reconsiderations?)\b|"
          # (show no newly received applications, had no procurement projects at all: the figure's own words between)
          r"\b(show|shows|showed|had|have|has|report|reports|reported|record|recorded|list|listed)\s+no\b"
          r"(?! (more|fewer|less) than)(?=[^?.,]{0,60}\bat all\b|\s*[a-z□])|"
          r"\bnone\b|did ?n[o']t (receive|make|handle|have) any|never|\bnot (a single|one)\b|"
          r"(?:\bnot\b|n['’]t\b)[^?.,]{0,24}\ba single\b")
# a claim that a figure is none, negated before "any" (it didn't withhold any application …, right?; they never
# received any): the yes/no is whether the figure is 0, not whether it is above 0 as "any" alone asks
NONE_CLAIMED = rx(r"\b(didn'?t|did not|hasn'?t|has not|haven'?t|have not|hadn'?t|had not|never)\b[^?,.;]{0,40}"
                          r"\b(any|a single)\b|\bnot (a )?single\b|"
                          # received no requests, made no decisions: the figure claimed is 0
                          r"\b(received|got|had|made|recorded|handled|issued|took|filed|saw|faced|withheld|refused)\s+no\b")
# "not zero" (不为零, 非零, 不是0, nonzero, at least one): a figure above 0
NONZERO = rx(r"(?<!是)不为零|(?<!是)不为0|(?<!是)不是0|(?<!是)不是零|非零|不等于0|\bnon-?zero\b|\bnot zero\b|at least one|"
             r"至少(有)?一(件|个|项|次|起|份)|"
             r"\b(more|greater|higher|bigger|larger) than (zero|0)\b|\b(above|over|exceeds?|exceeded) (zero|0)\b|(超过|大于|多于|高于)(零|0)(?![\d.])|\bany\b[^?.]{0,40}\bat all\b|"
             # the zeros left out (not counting the ones with zero, 不算为0的)
             r"\b(not counting|excluding|except|leaving out|ignoring|other than|apart from|without)\b[^?,.;]{0,24}\bzero(e?s)?\b|"
             r"\b(skip|skipping|drop|dropping|omit|omitting|leave out)\b[^?,.;]{0,24}\b(with|at|of) (none|zero|nothing|0)\b|"
             r"(不算|不计|不含|排除|除去|去掉)[^，,。？?]{0,6}(为|是)?\s*(0|零)(?![0-9.])")
# two figures joined and added up: 复议和诉讼合计多少, penalties and coercion combined
SUM_OF = rx(r"(两|三|四|五)(类|项|种)[^。？?]{0,16}(合计|加起来|总和|之和|一共|总共|共计)|"  # (许可、处罚、强制三类…合计)
            # (不论是直接起诉还是复议后起诉，…一共: every one of the kinds named, added up)
            r"(不论|无论|不管)(是)?[^。？?]{1,24}(还是|或是|或者|或)[^。？?]{1,40}(合计|加起来|总和|之和|一共|总共|共计)|"
            r"(和|与|及|、|加上?|以及|\band\b|\bplus\b)[^。？?]{0,24}(合计|加起来|总和|一共|总共|共计|共|in total|combined|"
            r"altogether|together)|\b(and|plus)\b.*\b(combined|in total|altogether|put together|added together)\b|"
            # (add up all the licensing, penalty and coercion decisions …; … and give the grand total)
            r"\b(add|adding|sum|summing|tally|total) up\b[^?.]{0,80}\b(and|plus)\b|\b(and|plus)\b[^?]{0,120}\bgrand total\b")
META_FALLBACK = rx(r"数据库|库里|in the (database|data|db)\b")
META_ANY = rx(r"数据库|库里|数据里|in the (database|data|store|db)\b|哪些|哪个|哪一|哪两|哪三|哪几|哪种|什么|列出|列举|列明|所有|在库|逐项|全部|分别|which|"
              r"what|whose|list|show me|give me|有哪些|几个|几家|几份|多少份|多少个|多少家|how many")

RANK = rx(r"最高|最多|最大|最低|最少|最小|排名|排序|排行|倒数|前[0-9一二三四五六七八九十]+(?![0-9一二三四五六七八九十]|\s*年)(名|个|位)?|"
          r"后[0-9一二三四五]+名|"
          r"\btop\b|(?<!at )\bmost\b|(?<!at )\bleast\b|highest|lowest|largest|smallest|biggest|fewest|\brank|order(ed)? by|sort|bottom")
# the smaller of what is compared, said without 最 (哪个的采购金额低？, which spent less?): not 多少 (how many),
# 少于 / 低于 (a bound), 减少 / 降低 (a change), 不少 (many)
LESS_BARE = r"(?<![多减不至])少(?![于量数])|(?<![降])低(?!于)|(?<![大])小(?!于|时|组)|\bless\b|\bfewer\b|\blower\b|\bsmaller\b"
RANK_ASC = rx(r"最低|最少|最小|倒数|垫底|排最后|排在最后|末位|升序|从低到高|从少到多|由低到高|由少到多|从小到大|由小到大|lowest first|"
              r"(?<!at )\bleast\b|lowest|smallest|fewest|bottom|ascending|\basc\b|" + LESS_BARE)
# An explicit direction ("from most to fewest") wins over the words inside it.
# (按多到少, 多到少: the same order without 从; from most procurement money to least: words between)
RANK_DESC_EXPLICIT = rx(r"(从|由|按)?(高到低|多到少|大到小)|降序|descending|\bdesc\b|highest first|most first|"
                        r"biggest first|greatest first|"
                        r"largest first|(from )?(the )?(most|highest|largest|biggest) ([\w□'’-]+ ){0,4}?to (the )?(fewest|least|lowest|smallest)")
RANK_ASC_EXPLICIT = rx(r"(从|由|按)?(低到高|少到多|小到大)|升序|ascending|\basc\b|lowest first|fewest first|"
                       r"smallest first|least first|"
                       r"(from )?(the )?(fewest|least|lowest|smallest) ([\w□'’-]+ ){0,4}?to (the )?(most|highest|largest|biggest)")


def rank_order(text: str) -> str:
    """`asc` or `desc` for a ranking question: of the last sentence that says one (大家都说…小打小闹。那…花钱最多的是哪个局？:
    the lead sentence's words are no order)."""
    sentences = [x for x in re.split(r"(?<=[。！!；;])|(?<=[.?？](?=\s))", text) if x.strip()]
    said = next((x for x in reversed(sentences) if RANK.search(x) or RANK_ASC.search(x) or RANK_DESC_EXPLICIT.search(x)), None)
    if said is not None and said != text:
        return rank_order(said)
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
TABLE_ANCHOR = rx(r"采购|procure|收费|\bfees?\b|处罚|penalt|许可|licen|强制|coerc|申请|request|application|复议|"
                  # (信息公开 names the whole subject, 政府信息公开工作经费: it anchors no table row)
                  r"诉讼|lawsuit|规章|规范性文件|(?<!信息)公开|disclos(?!ure work)")

# (按此顺序 / 按所列顺序 / in this order: the order the question lists them in, no ranking)
RANK_LIST = rx(r"排序|排(个|一个|一下|下)序|排一排|排名|排行|排列|按(?!(此|这个|上述|以上|所列|列出的|题目|问题)的?顺序).{0,20}(排|顺序)|\brank|order(ed)? by|\border\b[^?]{0,60}\bby\b|"
               r"\bsort|list .* by")
TOP_N = rx(r"前([0-9一二三四五六七八九十]+)(?![0-9一二三四五六七八九十]|\s*年)|(?:top|bottom)[- ]?([0-9]+|two|three|four|five|ten)\b")
COMPARE = rx(r"比较|对比|相比|比一比|compare|comparison|versus|\bvs\b|分别是|分别为|各是多少|respectively")
# "which district / county / city": the answer names the place (with the agency that reported)
WHICH_PLACE = rx(r"哪(个|些|一个)?(区县|区|县|市|地区|地方|城市|省)(?!统计局|政府|人民政府)|"
                 r"\bwhich (district|county|city|region|province|place)s?\b")
WHICH_ONE = rx(r"哪个|哪家|哪一|\bwhich\b|\bwho\b")
# "which" with a plural head noun, a few words after it (which statistics bureaus, which district governments)
WHICH_MANY = rx(r"哪些|哪几|which ([\w□-]+ ){0,3}?(agencies|reports|offices|bureaus|districts|governments|units|ones|"
                r"departments|counties|cities|provinces|subdistricts|townships)\b|list (the |all )?agencies")
# (which statistics bureau spent more: the kind named between, up to a few words)
WHO_MORE = rx(r"(谁|哪个|哪家|哪一个|\bwhich\b|\bwho\b)[^,?.;，。？；]{0,48}(更|较|最|(?<!多)(多|少|高|低|大|小)(?!少)|more|less|higher|lower|"
              r"most|least|fewer|larger|bigger|smaller)")
WHO_LESS = rx(r"(更|较|最)(少|低|小)|less|lower|(?<!at )least|fewer|smaller|" + LESS_BARE)
# yes/no: a question form (是否, did…), or a statement with a tag asking to confirm it (…，是吧 / 对不对 /
# 是否属实 / …, correct? / is it true that …). Family: every question that states a claim to check.
BOOLEAN = rx(r"\b(is|isn'?t) it (true|correct|the case|so) that\b|"
             # (…, yes or no? / 请回答是或否: the answer's form said last)
             r"\byes or no\s*[?.]?\s*$|(请)?(回答)?(是或否|是还是否)\s*[?？。]?\s*$|"
             # (两数相等？ / 勾稽关系全部通过？: a statement asked with a rising question mark, its predicate last)
             r"^(?![^?？]*(几|多少|哪|什么|谁|怎|如何|为什么|\bhow\b|\bwhat\b|\bwhich\b))[^?？]*"
             r"(相等|一致|相同|通过|对得上|对上了?|平衡|属实|正确|准确|成立)\s*[?？]\s*$|"
             # (X bigger than zero? — a comparison with a number, asked with no verb and no question word)
             r"^(?![^?]*\b(what|which|who|whose|how|when|where|why)\b)[^?]*\b(bigger|larger|more|greater|higher|less|fewer|"
             r"smaller|lower) than (zero|one|two|three|four|five|ten|\d[\d,.]*)\s*\?\s*$|"
             # (confirm X's report follows the 2019 template: a statement to confirm, asked as an order; not confirm
             # the number of …, which asks the number)
             r"^\W*(please |kindly )?(confirm|verify)\s+(that|whether|if)\b|^\W*(please |kindly )?(confirm|verify)\b"
             r"(?!\s+(the|which|what|who|how|when|where|its|their)\b)(?=[^?]{0,80}\b(is|are|was|were|has|have|had|follows?|"
             r"uses?|did|does|received|made|spent)\b)|^\s*(is it )?(correct|true|right|accurate)( that)?\b(?! or (false|not|wrong))|\b(statement|claim|sentence) to (check|verify)\b|\btrue or false\b|(^\s*|[:：;；]\s*|(?<=[a-z0-9)][.!])\s+|\s[-–—]+\s*|^(?!\s*(what|which|who|whose|how|when|where|why)\b)[^?]*?[,，]\s*)(did|does|do|is|was|were|has|have|had)(n'?t)?\b|是否|是不是|有没有|有无|"
             r"吗[?？]?$|(是|对|没错|没有错)吧|(?<![说讲看])吧[?？]?$|对不对|对吗|是真的吗|属实|"
             # (和表里的数一致不 / 对不: a yes / no asked with a trailing 不)
             r"(一致|对|是|相同|吻合|相符|准确|正确|对得上|超过|多|少|高|低)不\s*[?？]?\s*$|"
             r"\b(correct|right|true|accurate|exact|precise)\s*[?？]\s*$|"
             # (判断题：…（对/错）, a statement to mark true or false)
             r"判断题|[（(]\s*(对|正确|是|√)\s*[/／、或还]\s*(错|错误|否|×)\s*[)）]|对还是错|\btrue/false\b|"
             r"\b(isn'?t|wasn'?t|didn'?t) (it|that|they|he|she)\b|"
             r"[,，]\s*(yes|no|yeah|ok|okay)\s*[?？]\s*$|"
             # (got any … or not?, 有…还是没有: the two answers offered; any … at all? opening the question)
             # (I was wondering whether …, would you know?; can you tell me if …: a yes / no asked politely)
             r"\b(wondering|wonder|know|tell me|ask(ing)?|check|confirm|find out) (if|whether)\b|^\W*whether\b|"
             # (not where a figure or a which is asked too, nor "can check or not?", a request to look it up)
             r"^(?!.*\b(how many|how much|which|what|who)\b)(?!.*(多少|几))"
             r".*(?<!\bcheck )(?<!\bhelp )(?<!\bsee )(?<!\btell )(?<!\bconfirm )\bor not\s*[?？]?\s*$|"
             r"^\s*(got|any)\b(?![^?]*\b(which|what|who|how)\b)[^?]*\?\s*$|还是没有\s*[?？]?\s*$")
MORE = rx(r"more|higher|greater|larger|bigger|exceed|多于|高于|超过|大于|多|高")
LESS = rx(r"less|fewer|lower|smaller|少于|低于|小于|不如|少|低")
SHARE = rx(r"比例|比率|比重|占比|百分比|百分之|占.{0,20}(多少|几成)|(?<![效频汇税利概])率|share|percentage|proportion|\bratio|"
           r"\bfraction\b|\b(for|per|out of) every 100\b|\bper 100\b|\bper hundred\b|每(一)?百|每100|"
             r"\brate\b|percent|%")
# per item of the figure's own base (采购项目平均每个多少钱), not per agency or report (平均每个单位: an average
# over the reports, AGG_AVG)
# 家 and 份 alone are the measure words of agencies and reports: 平均每家 / 平均每份 is per agency
_NOT_PER_AGENCY = r"(?!(个|家|份)?(单位|机关|部门|机构|报告|年报|局|街道|政府)|家|份|年)"  # (平均每年: per report year)
# "per agency": the unit an average is taken over (the reports in scope), which AGG_AVG expresses
PER_AGENCY = rx(r"\b(per|each) ((□+|\d{4}) )?(agency|report|bureau|office|unit|department|government)\b|"
                r"平均每(个|家|份)?(单位|机关|部门|机构|报告|年报|局|街道|政府)|平均每(家|份)")
PER_UNIT = rx(rf"平均每{_NOT_PER_AGENCY}|平均(下来|算下来|算起来|来说|而言|一下)?[，, ]*(每)?一(个|项|件){_NOT_PER_AGENCY}|"
              rf"单(个|项|笔|件){_NOT_PER_AGENCY}|每个{_NOT_PER_AGENCY}|每项|每件|每一{_NOT_PER_AGENCY}|"
              r"\bper\b.{0,30}\b(project|item|case|request|decision|application)s?\b|"
              r"\bper\s+(a\s+|each\s+)?□(?!□*\s+(report|agency|bureau|office|unit|department|government)s?\b)|"
              r"on average per(?! (□+ |\d{4} )?(agency|report|bureau|office|unit|year))|"
              r"average .{0,30}per(?! (□+ |\d{4} )?(agency|report|bureau|office|unit|year))|"
              # each of its projects … on average (the figure's own items, named by a blanked metric word)
              r"\beach (one )?of\b(?![^?]{0,30}\b(agenc|report|bureau|office|unit|district|government))[^?]{0,40}?□"
              r"[^?]{0,60}\b(on average|average)\b")
# (a verb may sit between: 比B多做了几件, 比B少收了多少)
# one figure minus another (2024 minus 2023, A减去B): the first less the second, signed
MINUS = (r"(?<!max)(?<!maximum)(?<!highest) minus (?!min|the min|the lowest)|减去|(?<=\d)\s*年?\s*减\s*(?=(19|20)\d\d)|"
         r"带符号|可为负|保留正负号|\bsigned (difference|value|result|number|change|figure)\b|\b(with|keep|keeping) (its|the) sign\b|"
         r"\bcan be negative\b|\(signed\)")
DIFFERENCE = rx(r"相差|差了?多少|差了?几|差额|差距|[多少][^多少]{0,3}多少|多出|高出|(?<![有])[多少]了?几(个|件|家|项|起|条|次|份|元|万元)|"
                r"比.{0,16}(多|少|增加|减少|高|低)(做|作|收|办|发|处理|受理|公开|花|出)?了?(多少|几)|"
                r"difference|how (much|many) more|"
                r"how (much|many) (less|fewer|lower|higher|greater|smaller|bigger|larger)|"
                # (how many coercion decisions less in 2024 versus 2023: the figure's words between)
                r"how (much|many)\b[^?.]{1,60}?\b(less|fewer|more)\b(?=[^?.]{0,40}\b(than|versus|vs|compared|against)\b)|\bgap\b.{0,60}?\bbetween|"
                r"\bhow far apart\b|\bfar apart\b|"
                + MINUS)
CHANGE = rx(r"(增加|减少|增长|下降|上升|下跌|回落|降低|提高|增|减|涨|降|变化|变动)了?(多少|几)|"
            r"(by|of) how (much|many)\b(?=[^?]{0,80}\b(rise|rose|fall|fell|grow|grew|drop|increas|decreas|declin|chang|"
            r"diminish|shrank|shrink|go up|went up|go down|went down))|by how (much|many)|"
            r"how (much|many)( [\w'’]+){0,3} did .{0,60}\b(rise|fall|grow|drop|increase|decrease|decline|change|diminish|shrink)|"
            # (how many did it fall by from 2023 to 2024: the size of the change asked, no number given)
            r"\b(rise|rose|fall|fell|grow|grew|drop|dropped|increase|increased|decrease|decreased|decline|declined|"
            r"diminish|diminished|shrink|shrank|go up|went up|go down|went down) by(?=\s*(from|between|since|over the|in (19|20)\d\d|"
            r"[?,;.]|$))|"
            r"\b(increase|decrease|decline|drop|rise|fall|growth|change)s? (in|of)\b|"
            # (the change from 2023 to 2024 as a percentage of …: a change between two years named)
            r"\bthe (increase|decrease|decline|drop|rise|fall|change)s? from\b")
# a change in the number of items (事项): the 2019 template prints it as its own column (本年增/减)
ITEMS = rx(r"事项|项目|几项|多少项|\bitems?\b")
UP = rx(r"增加|增长|上升|提高|上涨|多了|增|涨|more|higher|increas|rise|rose|grow|grew|up\b")
ACROSS_YEARS = rx(r"两年|几年|各年|历年|多年|这些年|每年|年均|两份(年报|报告)|(所有|全部|各份)(年报|报告)|"
                  r"\b(both|all) (of )?(its|their|the) (annual )?reports\b|\bacross both\b|"
                  # (in the two Hongze district government reports combined: a name between)
                  r"\b(the|its|their) (two|three) (?!thousand\b)([\w□'’-]+ ){0,5}?(annual )?reports\b|\bboth ([\w□'’-]+ ){0,5}?reports\b|"
                  r"both years|all (the )?years|over the years|years combined|"
                  r"per year|a year on average|each year|\byearly\b|\bannual average\b|\bper annum\b")
# Question words around the thing a number question asks about (多少信息处理费 -> 信息处理费).
FIGURE_STOP = rx(r"资料库里|资料库中|资料库|数据库里|数据库中|数据库|库里|库中|在库|系统里|年报|报告|当中|之中|多少|几|是|的|了|吗|呢|啊|有|共|总共|一共|合计|全年|本年|今年|去年|年度|年|个|件|条|项|次|期|篇|场|份|起|名|位|家|"
                 r"元|万元|为|在|中|和|与|"
                 r"及|其|该|这|那|哪些|什么|怎么|如何|请问|一下|数量|数目|总数|总额|金额|收取|收到|收了|获得|达到|共计|"
                 r"多大|多高|大约|大概|左右|请|告诉|我|你|们|[0-9a-z]+")
# a yes/no comparison asking "lower?" (少 but not 多少)
LESS_ASK = rx(r"less|fewer|lower|smaller|少于|低于|小于|不如|(?<!多)少|低|减|降|decreas|declin|fell|fall|drop|"
              r"不到|不足|不及|\bunder\b|\bbelow\b")  # (连B的一半都不到, below half of B)
# "lower" denied (不比…少, 不少于, not fewer than): the claim is the other way
LESS_DENIED = rx(r"不(比[^，,。？?]{0,20})?(少|低|小)|\b(not|no) (less|lower|fewer|smaller)\b")


def asks_less(text: str) -> bool:
    """A comparison whose claim or question is "lower" (是不是比…少, fewer than), not denied (不比…少)."""
    return bool(LESS_ASK.search(text)) and not LESS_DENIED.search(text)
# the direction a change question expects (a fall of 1,343 is asked as "下降了多少", answered 1,343)
DOWN = rx(r"减少|下降|下跌|跌|回落|降低|少了|减|降|less|fewer|lower|fall|fell|drop|decreas|declin|shrink|shrank|diminish|"
          r"\b(went|go|goes|gone|going|come|came|coming) down\b|\bdown (from|by|to|on)\b")
GROWTH = rx(r"(增长|增加|下降|减少|上升|降低|变化|增幅|降幅|涨幅|上涨|涨|降|跌|下跌)(了)?(百分之|.{0,4}(百分比|比例|率))|增长率|增幅|降幅|涨幅|"
            r"percent(age)? (increase|decrease|change|growth|rise|fall|drop)|growth rate|"
            # (year-on-year growth … in percent, yoy growth)
            r"\b(year-on-year|year on year|yoy|y/y) (growth|change|increase|rise|decline|fall)\b[^?]{0,40}\b(percent|%)|"
            r"by what (percent|percentage|share)|(by|of) how many percent|(by|of) how much percent|"
            # (the growth from the 2023 figure to the 2024 one, in percent)
            r"\b(growth|increase|rise|decline|decrease|drop|fall|change)\b[^?]{0,60}\b(in percent|in per cent|in %|as a percent(age)?)\b|"
            r"what percent(age)? (of )?(increase|decrease|change|growth|rise|fall|drop|decline)|"
            # (the growth, in percent, of … from 2023 to 2024)
            r"\b(growth|increase|decrease|decline|change|rise|fall|drop)\b[^?.]{0,12}\b(in|as a) (percent|percentage)\b")
YOY = rx(r"同比|环比|(比|较|与|和|跟|同)(上一?年度?|去年|前一年|上一个年度)|上一年多|"
         r"than (in )?the (year|one) before|than (in )?(the|their|its) (previous|prior) year|than last year|year[- ]over[- ]year|"
         r"year on year|"
         r"from the (previous|prior) year|compared (with|to) (the )?(previous|prior) year")
TREND = rx(r"趋势|历年|逐年|每年|各年|变化情况|变化趋势|over the years|\btrend|each year|per year|by year|over time|"
           r"year by year")
AGG_SUM = rx(r"共|总共|合计|一共|总和|加起来|加总|相加|加在一起|累计|所有|全部|各单位|各地|in total|altogether|combined|\bsum\b|\btotal\b|"
             r"\b(add|adds|added|adding|sum|sums|summed|summing|tally|tot) (them |it |these |those )?up\b|"
             r"\btogether\b|\bsummed\b|\bsumming\b|"
             r"across|all (the )?(agencies|reports|units|offices)|overall")
AGG_AVG = rx(r"平均|均值|年均|average|\bmean\b|\bavg\b")
AGG_COUNT = rx(r"(?<![哪的这那些])(多少|几)(个|家|份)(单位|报告|年报|机关|部门)|how many (agencies|reports|offices|bureaus)|"
               # (how many of the seven reports show no …; of the agencies whose reports …, how many spent less than …)
               r"\bhow many of (the|these|those|all) ([\w□-]+ ){0,3}?(reports|agencies|bureaus|offices)\b|"
               + _OF_THE_SET_HOW_MANY.format(counted="agencies|bureaus|offices|reports"))
# a count or amount asked with its measure word: a number is wanted, whatever else the question says
COUNT_ASK = rx(r"(?<![哪这那])(多少|几)\s*(名|人|个|件|条|项|次|家|份|场|期|篇|元|万元|位|起|钱|块)|how many|how much")  # not 哪几个
# a figure named by its noun, the way a spreadsheet column is headed (主动公开政府信息条数, 答复及时率)
FIGURE_NOUN = rx(r"(条数|件数|次数|个数|人数|场次|期数|篇数|总数|总额|比例|比率|及时率|率)[。？?]?$")
NUMERIC = rx(r"多少|几|是多少|数量|金额|数目|how (many|much)|number of|amount|count|total|\bwhat (is|was|were) the")
PASSAGE = rx(r"问题|不足|改进|整改|措施|做法|如何|怎样|怎么|哪些方面|经验|做了什么|说了什么|渠道|机制|方式|途径|举措|"
             r"工作|"
             r"介绍|what did|how did|how does|how do|describe|explain|improve|plan|measures|steps|problems|shortcoming|"
             r"weakness|say about|said about|channels|mechanism|approach|what .* do")
UNSUPPORTED = rx(r"(?<![a-z])gdp(?![a-z])|生产总值|经济总量|经济增长|人口(?!普查)|population|天气|气温|weather|temperature|预算|"
                 r"budget|"
                 r"财政收入|(?<!fee )revenue|工资|salary|wage|房价|house price|就业|unemploy|失业|税收|犯罪|crime|股票|"
                 r"stock price|"
                 # what the disclosure work itself cost or took (工作经费, staff): not in the three tables
                 r"工作经费|办公经费|经费投入|专项经费|人员经费|(?<!采购)经费|\b(working|operating|work) (budget|funds|funding)\b|"
                 # how many people an agency employs (在编工作人员, 编制, headcount): no table or template line holds it
                 r"在编|编制数|人员编制|行政编制|事业编制|\bheadcount\b|\bstaff (size|numbers?|count)\b|"
                 # (how many staff / 多少工作人员 / 几个人: the people of the agency, not a figure of its tables)
                 r"(多少|几个|几名|几位)(个)?(工作人员|员工|干部|职工|公务员)|\bhow many (staff|employees|officials|civil servants)\b|"
                 r"\bhow many (staff|employees|civil servants|people (work|are employed))\b")
# a measure of a table's rows the tables do not hold (how long answers took: 答复用时, days to answer): unsupported
# even beside a row's name (requests are counted, not timed)
UNSUPPORTED_MEASURE = rx(r"(答复|办理|回复)(的)?(时间|时长|天数|用时|周期)|平均(用时|天数)|多少天|几天|第几天|\bhow many days\b|"
                         r"\bnumber of days\b|\bdays (it )?took\b|\bresponse times?\b|\bturnaround\b|"
                         # (the average time it took to answer, in days; how long: a duration, which no row holds)
                         r"\b(average|mean|median) time\b|\btime (it )?took\b|\bhow long\b|\bin days\b|\bprocessing time\b|"
                         # (the names of the applicants, 申请人的姓名: who, which the tables never say)
                         r"\bnames? of (the )?(applicants|requesters|requestors|plaintiffs|people|persons|individuals|companies)\b|"
                         r"\bwho (were|was) the (applicants|requesters|plaintiffs)\b|申请人(的)?(姓名|名字|名单|是谁)|原告(的)?(姓名|名字|是谁)|"
                         # (a single figure broken down by type: its parts, which the template does not print)
                         r"\bbr(eak|eaks|oke|oken)\s+down\s+by\s+(type|kind|category|purpose|item)\b|"
                         r"按(类型|种类|用途|类别)(细分|拆分|分列|划分)")
# a place in the previous answer's list: "the first one", 前者, 第二个
PICK = rx(r"\b(the|that|this) (first|second|third|last|top) (one|agency|report|bureau|office)('s)?\b|\bthe (former|latter)\b|"
          r"\bthe last one\b|最后(一个|那个|一家|那家)|倒数第一(个|家)?|"
          r"前者|后者|(那|这)(个)?(第一|第二|第三)(个|家|名)?(单位|报告)?|"
          r"(第一|第二|第三)(个|家|名)(单位|报告)?(?=的|呢|有|是|[?？]|$)")
# more than one thing the previous answer listed (the average across them, 这几家加起来)
PLURAL_REF = rx(r"\b(them|these|those|they)\b|它们|这些|那些|这几家|这几个|那几家|那几个|(这|那)\s*([两二三四五2-5])\s*(家|个|份)|"
                r"\b(these|those|the) (two|three|four|five|[2-5]) (agencies|ones|reports|bureaus|offices)\b|"
                # the two the chat has named (which of the two, 两者谁多): a pair, across the turns if need be
                r"\b(the|those|these) two\b(?! (years?|figures?|numbers?|columns?|rows?|cells?|tables?)\b)|\bboth of them\b|两者|二者")
# how many things a plural reference points at, when it says (the two, 这两家): 2
PAIR_REF = rx(r"\b(the|those|these) two\b(?! (years?|figures?|numbers?|columns?|rows?|cells?|tables?)\b)|\bboth of them\b|"
              r"两者|二者|(这|那)\s*[两二]\s*(家|个|份)")
# which of the pair is more, asked bare (哪个多？, 谁高, which is higher?): the two the turns before named
WHICH_OF_PAIR = rx(r"^\W*(那|那么|所以)?\s*(哪个|哪家|哪一个|哪一家|谁)(的)?(更|比较)?(多|高|大|少|低|小)\s*(一些|一点)?\s*(呢|啊)?\W*$|"
                   r"^\W*(so |and )?which (one )?(is|was) (higher|bigger|larger|more|greater|lower|smaller|less)\W*$|"
                   r"^\W*(so |and )?which (one )?(has|had|got|spent|received) (more|less|fewer)\W*$")
# the other of a pair the previous turns named (另一个呢, the other one)
OTHER = rx(r"另一个|另一家|另外一个|另外一家|另外那个|另一位|另一份|\bthe other (one|agency|bureau|office|report|one's)\b|"
           r"\bthe other\b")
# the earlier turns' two figures set against each other: 两个差多少, 两者相差几件, the difference between the two
APART = rx(r"(两者|二者|两个|两家|两年|它们|这两个?|他们)[^，,。？?]{0,6}(相差|差距|差额|差)|^(那)?(相差|差)(了)?(多少|几)|"
           r"\b(difference|gap) between (them|the two|those two|these two|both)\b|^(and )?(what'?s|what is) the (difference|gap)\b|"
           r"\bhow (much|many) (more|less|fewer) (is|was|did|does) (one|the first|the higher)\b")
# one of the two earlier figures as a share of the other (前一个数是后一个数的百分之多少, 后者占前者的比例, the first as a
# percentage of the second, the ratio of the second to the first): `first` names the part
_EARLIER = r"(前一个|前者|前面那个|前面的|第一个|上一个|the first( one| number| figure)?|the former)"
_LATER = r"(后一个|后者|后面那个|后面的|第二个|这一个|the second( one| number| figure)?|the latter)"
RATIO_OF_TWO = rx(rf"(?P<first>{_EARLIER}|{_LATER})\s*(数|的数)?[^，,。？?]{{0,6}}(是|占|为|相当于|as an? (percentage|share|proportion|fraction) of)"
                  rf"\s*(?P<second>{_EARLIER}|{_LATER})\s*(数|的数)?的?[^，,。？?]{{0,4}}(百分之|百分比|比例|比重|%|几倍|多少倍|percent|\b)|"
                  rf"\bratio of (?P<first2>{_EARLIER}|{_LATER}) (to|over) (?P<second2>{_EARLIER}|{_LATER})")
# the earlier turns' figures put together: 两者加起来, add them up, the two combined
COMBINE = rx(r"(两者|二者|两个|两家|两年|它们|这两|这些)[^，,。？?]{0,6}(加起来|合计|一共|总共|共计|之和|相加|加在一起)|"
             r"(加起来|合计|一共|总共)(是)?多少[?？]?$|"
             r"\b(add (them|those|these|both) up|combined|together|in total|sum of (them|both|the two))\b|"
             r"\badd (the two|them|those|these|both)( figures| numbers| counts)? (together|up)\b|"
             r"\b(they|those|these|both|the two) (add|sum|come) up to\b|\b(add|adds|sum|sums) up to\b|"
             r"^(and )?(added|summed) (up|together)\b")
# the year before the one just asked about
YEAR_BEFORE = rx(r"the year before|the previous year|the prior year|the (precedent|preceding) year|\b(prior|previous|prev)-year\b|\bprior year\b|"
                 r"\bprev\.? year\b|(前一年|上一年|上年|头一年)(?!度?项目)|"  # not 上一年项目数量
                 # (a follow-up's "the one before that": the report before the one just asked, its year before)
                 r"\bthe (one|report) before (that|it|this)( one)?\b|^\W*(and |what about )?the one before\b")
# the question sets its own scope over many agencies (a per-unit figure "across all" stands alone)
ACROSS = rx(r"所有|全部|各单位|各地|各个|每个单位|每家|哪个|哪家|哪些|\ball\b|\bevery\b|\beach (agency|report|bureau|office)|across|which")
# the question asks what the table says (一栏填的是多少, what is entered in the column), not how many there were
AS_PRINTED = rx(r"填的是|填写的|填了|填报|印的是|写的是|表(中|里|上)(写|填|印)|栏目?(里|中|上)?(填|写|印|是)|"
                # (recorded / shown ask what the table holds only where they say so: recorded in the table, shown in
                # the cell; "how many cases did Hongze record" asks how many there were)
                r"\b(printed|prints?|entered|filled in|written)\b|\b(recorded|shown)\b(?=[^?.]{0,20}\b(table|cell|column|"
                r"form|row|box)\b)|\bwhat does the (table|form) (say|show)")
# the year after the one just asked about (not 结转到下一年, carried over into the next year)
YEAR_AFTER = rx(r"the year after|the following year|the next year|the subsequent year|(?<![到至入转])(后一年|下一年|次年|第二年)")
REFERENCE = rx(r"\b(was|is|did|does|for|of|about) that\b|\bthat (agency|one|bureau|office|report|district)\b|"
               r"\b(it|its|they|them|their)\b|\b(this|that) (agency|one|bureau|office)'s\b|\bthe same\b|那个|该单位|该局|它|他们|这个单位|这家|同一|上述")
# "其中… / of those…": a part of what the previous answer counted
AMONG = rx(r"^(在|这)?(其中|这当中|这之中|这里面)|^(among|of) (them|those|these|which)\b|^of which|"
           # (what share of those were only partially disclosed?: a share of the figure just asked)
           r"\b(share|percentage|proportion|fraction|percent|part) of (them|those|these)\b")
# a share that names only its base, its subject being the figure just asked (占当年办理总数的多大比例, what share
# of all handled requests is that?)
BASE_ONLY = rx(r"^\s*((在|这)?(其中|这当中|这之中|这里面)[，,]?)?\s*(那|那么|这|它|其|这个数|这个数字)?\s*(占|相当于)|^(and )?(what|which) (share|percentage|proportion|fraction|"
               r"percent) of\b[^?]*\b(is|was|are|were) (that|this|it)\b|^(and )?(as a|in) (share|percentage|proportion) of\b")
FOLLOWUP = rx(r"呢[?]?$|^那|^and\b|^what about|^how about|^same|^also|那么|^(换成|换为|改成|换作)|" + AMONG.pattern)

# section 五 has two halves (存在的主要问题 / 改进情况): which one a question asks for, when it names only one
PROBLEM_WORDS = rx(r"问题|不足|短板|差距|薄弱|困难|problem|shortcoming|weakness|deficien|challenge|gap")
MEASURE_WORDS = rx(r"改进|整改|措施|举措|下一步|计划|打算|努力方向|如何解决|怎么解决|improve|rectif|measure|"
                   r"\bplan|next year|future|steps? (taken|to take)|address")

SECTION_CUES = (
    ("五", rx(r"问题|不足|短板|改进|整改|下一步|计划|打算|努力方向|日后|今后|将来|如何提高|怎样提高|improve|problem|shortcoming|weakness|\bplan|"
              r"next year|future|deficien|rectif|challenge|correct(ive|ion)|(following|coming|subsequent) year|"
              r"promis|pledg|commit(ted|ment)s? to")),
    ("六", rx(r"其他需要报告|other matters|other items to report")),
    # a section named by its title's topic and a word for a part (主动公开部分, 依申请那一节, the proactive disclosure
    # section): that section, before the words that only lean towards section 一
    ("二", rx(r"主动公开(政府信息)?(的)?(情况)?(这|那)?(一)?(部分|节|章|板块|块)|\bproactive(ly)? (disclosure|publication) "
             r"(section|part|chapter)\b|\b(section|part|chapter) on proactive\b")),
    ("三", rx(r"(依申请公开|收到和处理|申请办理|依申请)(政府信息公开申请)?(的)?(情况)?(这|那)?(一)?(部分|节|章|板块|块)|"
             r"\b(requests?|applications?) (section|part|chapter)\b|\b(section|part|chapter) on (the )?(handling of )?"
             r"(disclosure )?(requests|applications)\b")),
    ("四", rx(r"(行政复议|行政诉讼|复议诉讼|复议和诉讼|复议、诉讼)(的)?(情况)?(这|那)?(一)?(部分|节|章|板块|块)|"
             r"\b(section|part|chapter) on (administrative )?(reviews?|reconsiderations?|lawsuits|litigation)\b")),
    ("一", rx(r"新媒体|平台|渠道|网站|公众号|微博|微信|监督|机制|制度|培训|组织领导|领导|主动公开|依申请公开|"
             r"政府信息管理|"
              r"保障|队伍|总体|new media|platform|channel|website|wechat|weibo|mechanism|supervis|training|"
              r"oversight|organi[sz]ation|overall|handl\w* (the |its |disclosure )*(applications|requests)")),
)

# where a figure is read from (per its 2020 report, according to the report): every answer reads the reports
PER_SOURCE = rx(r"\b(per|according to|as stated in|as given in|going by)\s+(its|the|their|that|this)\s+((19|20)\d\d\s+|□+\s+)?"
                r"(annual\s+)?(report|reports|table|tables)\b")
# a restriction said with "only" after the reports or before a year (2020 reports only, only 2023): the year or
# the scope linkers read the restriction itself
SCOPE_ONLY = rx(r"\b(reports?|agencies|bureaus|offices|ones)\s+only\b|"
                r"\bonly\s+((at|in|for|to)\s+)?(the\s+)?((report|reporting)\s+)?(year\s+)?((19|20)\d\d|□{4})(?![□\d])")

KIND_WORDS = (
    # (a determiner before it, or the kind named as a class: 街道办事处这一类 / 街道们 / 街道办事处的…合计 at the start)
    ("street_office", rx(r"(哪个|哪些|各|所有)(个)?街道|^(各|所有)?街道(办事处|办)?(?=[^\u4e00-\u9fff□]|的|这|们|类|本|[0-9]|(的)?(报告|年报)|那边|里)|"
                         r"街道(办事处|办)?(这一?类|类|们|这一?级|一级|层级|级别)|(是|属于)(一个|个|一家)?街道(办事处|办)?|"
                         # (the kind as what an agency is: which agency is a subdistrict (street) office)
                         # (not "…, the street office included": one agency counted in, no kind asked)
                         r"(street|subdistrict)(\s*\((street|subdistrict)\))?\s+offices?\b(?! in)"
                         r"(?!\s+(included|too|as well|counted|inclusive)\b)")),
    ("government", rx(r"(哪个|哪些|哪家|各|所有)(个|家)?(区|县|市)?(人民)?政府|\bgovernments\b|"
                      r"^\s*(区|县|市|乡|镇)(人民)?政府(?=的|们|这一?类|一类|[，,])|"  # (区政府的…一共: the kind as a class)
                      # (the kind as what an agency is, or who put a report out: 有几份报告是区人民政府发布的)
                      r"(是|属于|由)(一个|个|一家)?(区|县|市)(人民)?政府(发布|印发|出具|公布|编制)?的|"
                      # the kind named in Chinese inside an English question (across the 人民政府 reports)
                      r"(?<![\u4e00-\u9fff])(区|县|市)?人民政府(?=\s*(\(|（)?\s*[a-z(（]|\s*(reports?|agencies)\b)|"
                      r"(which|each|every|all) (the )?(district |county |city |municipal |local )?governments?\b|"
                      # (the kind as what an agency is, said without 的: 哪个单位是区政府而不是街道, which agency is a
                      # district-level people's government)
                      r"(是|属于)(一个|个|一家)?(区|县|市)(级)?(人民)?政府(?=\s*(而|[，,。？?]|吗|$))|"
                      r"\bis an? (district|county|city|municipal)?(-level| level)? ?(people'?s )?government\b")),
    ("township", rx(r"(哪个|哪些|各|所有)(个)?乡镇|townships")),
    ("department", rx(r"(哪个|哪些|哪家|各|所有)(个|家)?[\u4e00-\u9fff]{0,4}(局|委员会|部门)|"
                      r"(which|each|every) [a-z ]{0,24}(bureau|department)s?\b|\b(bureaus|departments)\b")),
)
# "more than 10": a threshold for counting or listing reports (at least / 以上 / 不少于 include it)
ABOVE = rx(r"(超过|多于|大于|高于|不少于|不低于|至少|more than|over|above|greater than|exceeding|at least)\s*"
           r"(\d+(?:\.\d+)?)(?!\s*年|\d)|(?<![\d.])(\d+(?:\.\d+)?)\s*(?:件|个|项|条|万元|元)?\s*(以上|及以上|or more)")
# a document number (国办公开办函〔2021〕30号, 洪政办发[2024]3号): the year of the document, no report year
DOC_NUMBER = rx(r"[〔\[【［]\s*(19|20)\d\d\s*[〕\]】］]\s*\d*\s*号?")
TEMPLATE = rx(r"(2019|2021)\s*(?:年)?\s*-?\s*(?:[（(][^（()）]{1,12}[)）]\s*)?"  # (the 2019 (trial) template)
             r"(?:(?:新|旧|老|那一|那)?(?:版本|版)|(?=模板|template)|(?=\s*(?:version|edition|format)\b))|"
              # (the age word only: 模板 / template stay in the question, as after 2021版, for what is asked of it)
              r"(旧版|老版|旧|老|原|新版|新)(?=(?:版)?(?:的)?\s*(?:模板|格式|表样))|"
              r"\b(old|older|earlier|new|newer|current)(?=\s+template)")
# the two national templates by age (DOMAIN.md): the 2019 one is the old, the 2021 one the new
TEMPLATE_BY_AGE = {"旧版": "2019", "老版": "2019", "旧": "2019", "老": "2019", "原": "2019", "old": "2019",
                   "older": "2019", "earlier": "2019", "新版": "2021", "新": "2021", "new": "2021", "newer": "2021",
                   "current": "2021"}


def template_named(m: re.Match) -> str:
    """The template version a TEMPLATE match names."""
    return m.group(1) or TEMPLATE_BY_AGE[(m.group(2) or m.group(3)).lower()]

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
    (r"third[- ]party", ("第三方",)),
    (r"monitor(ing)?|inspection", ("监测", "检测", "监控")),
    (r"platforms?", ("平台",)),
    (r"review(ed|ing)? before publi|vetting|pre-publication review", ("审核",)),
)


def first_year(text: str) -> Optional[int]:
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    return int(m.group(1)) if m else None


def first(pattern: re.Pattern, text: str) -> Optional[re.Match]:
    return pattern.search(text)


def top_n(text: str) -> Optional[int]:
    m = TOP_N.search(text)
    if not m:
        return None
    token = m.group(1) or m.group(2)
    words = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
    return int(token) if token.isdigit() else words.get(token)


# a section named by its number (第六部分, 第6部分, section 六, section 6, part six)
_SECTION_NUMBER = rx(r"第\s*([一二三四五六1-6])\s*(部分|节|大项)|\b(?:section|part)\s+([一二三四五六1-6]|one|two|three|four|five|six)\b|"
                     r"(?<![\u4e00-\u9fff])([一二三四五六])\s*[、.．]\s*(?=[\u4e00-\u9fff])")
_SECTION_WORDS = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "one": "一", "two": "二", "three": "三",
                  "four": "四", "five": "五", "six": "六"}


def section_numbered(text: str) -> Optional[str]:
    """The section a question names by its number (第五部分, section 5, part five, 五、…), as 一 … 六; None if none."""
    m = _SECTION_NUMBER.search(text)
    if not m:
        return None
    n = m.group(1) or m.group(3) or m.group(4)
    return _SECTION_WORDS.get(n, n)


def section_for(text: str) -> Optional[str]:
    if numbered := section_numbered(text):
        return numbered
    for number, pattern in SECTION_CUES:
        if pattern.search(text):
            return number
    return None
