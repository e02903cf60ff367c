"""Report metadata: agency (full name), kind, region, report year, published date, document number and,
when the tables do not show it, a hint at the template version.

Real pages (tests/fixtures/wild) arrive with crawler headers, page chrome, traditional characters,
spam injected into names, reports that call themselves only 我局/我镇, damaged dates and year
conflicts. The agency is therefore gathered as *candidates* from every place a report names itself
(title, header line, crawler fields, author and contact sentences, signature, the subject of its
first sentences, and names anchored on a gazetteer region anywhere in the text); each candidate is
cleaned, and kept only when it is a plausible name of an organ. A name without a place of its own
(`公安局`, `县统计局`) is completed only from the report's own text; when nothing in the page names
the agency the answer is None (an honest unknown), never a guess.

Agency kinds: government (人民政府, its 办公室/办公厅, and the 管委会 of a development zone, which
exercises a county government's powers for its zone), department, street_office, township.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ingest.gazetteer import LEVEL_CHARS, gazetteer
from ingest.script import is_traditional, strip_pinyin_glosses, to_simplified
from nianbao import catalogue
from nianbao.models import Region

_H = r"\u4e00-\u9fa5"
# endings of an organ's name; compound endings first, so that a lazy match still takes the whole ending
_ORGAN = (r"(?:[镇乡]人民政府|街道办事处|人民政府办公室|人民政府办公厅|人民政府|管理委员会|管委会|委员会|办事处|"
          r"办公室|办公厅|局|委|厅|署|中心|街道|镇|乡|院|所|处|站|馆|会|队)")
# the endings accepted for names found anywhere in the body (anchored on a region): no 院/所/站/馆/会/队,
# which in running text end ordinary words far more often than names
_ORGAN_BODY = (r"(?:[镇乡]人民政府|街道办事处|人民政府办公室|人民政府办公厅|人民政府|管理委员会|管委会|委员会|办事处|"
               r"办公室|办公厅|局|委|厅|署)")
# development zones and the like: places that are not in the gazetteer but are governed by a 管委会
_ZONE = (r"(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区|示范区|实验区|试验区|保税区|工业园区|"
         r"产业园区|园区|合作区|管理区|度假区|风景名胜区|风景区|自贸区)")
_NAME_END = re.compile(rf"(?:{_ORGAN}|{_ZONE})$")
# characters a name may carry while it is still dirty (spam, digits); punctuation ends it
_ANY = r"[^,，。;；:：、《》()（）“”\"'|\n\[\]【】〔〕]"

# --- cleaning -----------------------------------------------------------------------------------------
# mirror sites overwrite the place in a name with gambling adverts: `365bet网上娱乐_365BETAPP官网人民政府…`,
# `365体育直播,365体育备用网址自然资源和规划局`; what follows the last advert word or Latin/digit run is kept
# (a lookahead, so that overlapping advert words such as 平台网|网址 are all seen)
_SPAM = re.compile(r"(?=([^\u4e00-\u9fa5()（）]+|官网|网址|娱乐场|娱乐城|娱乐|彩票|博彩|棋牌|足彩|赌场|赌|投注|下注|"
                   r"直播|在线|开户|真人|平台网))")
# a county or city printed twice (`渠县渠县行政审批局`)
_DOUBLED = re.compile(rf"([{_H}]{{1,10}}?[{LEVEL_CHARS}])\1")
# a page's chrome and words that end up in front of an organ ending without being a name
_CHROME = re.compile(r"首页|位置|网站|网页|栏目|专栏|导航|登录|注册|打印|字体|字号|收藏|分享|无障碍|浏览|点击|"
                     r"部门|街镇|"
                     r"信息公开|年度报告|工作报告|条例|通知|领导小组|组长|成员|[的了]")
# the report speaking of itself instead of naming itself (我局, 本委), or of all the area (全区): not a name
_NOT_A_NAME = re.compile(rf"^(?:我|本(?:[局委办厅街镇乡区县市省]|机关|单位|部门)|该|贵|其|此|各|"
                         rf"全[{LEVEL_CHARS}镇乡街]|"
                         r"人民政府|政府|[省市县区]?[党委]委$)")
# "区政府办公室", "高淳区政府": 政府 after a level word is the 人民政府
_SHORT_GOV = re.compile(rf"(?<=[{LEVEL_CHARS}])政府(?=办公室|办公厅|$)")

# --- sources ------------------------------------------------------------------------------------------
_TITLES = (
    # 新野县统计局2020年政府信息公开工作年度报告 / 中塘镇2023年度政府信息公开工作年度报告 / 2019年度政府信息公开年度报告
    re.compile(r"^(?P<agency>[^|。;；《》]{0,60}?)(?P<year>20\d\d)年度?(?P<gov>政府)?(?:信息公开|政务公开)"),
    # 2021年杭州市西湖区人民政府政府信息公开工作年度报告, 2022年上海市政府信息公开工作年度报告 (政府 shared)
    re.compile(r"^(?P<year>20\d\d)年度?(?P<agency>[^|。;；《》]{0,60}?)(?P<gov>政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?报告"),
    # 连云区教育局政府信息公开工作2024年度报告 (word order of some sites)
    re.compile(r"^(?P<agency>[^|。;；《》]{0,60}?)(?P<gov>政府)?(?:信息公开|政务公开)工作(?P<year>20\d\d)年度?报告"),
)
# crawler metadata at the top of a page: `标题: …`, `发布机构: …`, `来源: …`, pipe rows `发布机构 | 教育局 |`
_FIELD = re.compile(r"(?P<key>标题|名称|题名|发布机构|发文机关|发文单位|发布单位|信息来源|文章来源|来源)"
                    r"[:|](?P<value>[^|]*)")
# the next field glued to a value once spaces are gone (`广东省人民政府成文日期:2025-03-31`, `西四镇作者:`)
_FIELD_END = re.compile(r"(?:文号|发布日期|发布时间|成文日期|发文日期|主题词|主题分类|分类|索引号|作者|点击|浏览|访问|"
                        r"字号|编辑|责任|时间|日期).*$")
_STATEMENTS = (
    # 现公布界炮镇人民政府2023年政府信息公开工作年度报告 / 特向社会公布《蓬溪县信访局2020年…》 /
    # 编制城厢区卫生健康局2024年度… / 现将河西街道2019年度政府信息公开工作报告如下
    re.compile(rf"(?:公布|发布|现将|编制|印发)了?《?(?P<a>{_ANY}{{2,40}}?)(?P<year>20\d\d)年度?(?:政府)?(?:信息公开|政务公开)"),
    # 由安康市统计局围绕…编制而成 / 本报告由钟祥镇人民政府根据…编制完成
    re.compile(rf"由(?P<a>[{_H}]{{1,30}}?{_ORGAN})[^。]{{0,60}}?编制"),
    # 社会事业管理局编制了… (author opening the sentence)
    re.compile(rf"(?:^|[,，。;；:：\n])(?P<a>{_ANY}{{2,40}}?{_ORGAN})(?:负责|汇总|组织)?编制(?:了|的|完成|而成)"),
)
_CONTACTS = (
    re.compile(rf"与(?P<a>[{_H}]{{2,40}}?)联系"),  # 请与高淳区人民政府办公室联系 / 可与…联系
    re.compile(rf"联系(?P<a>[{_H}]{{2,40}}?{_ORGAN})(?=[,，。;；(（:：]|联系|电话)"),  # 请联系武进区卫生健康局,联系电话
)
# the subject of a dated sentence: `2020年,杨陵区统计局以…`, `2022年以来,丰收乡在…`, `2019年白水县公安局在…`
_SUBJECT = re.compile(
    rf"(?:^|[。;；\n])20\d\d年度?(?:以来)?[,，]?(?P<a>{_ANY}{{2,30}}?(?:{_ORGAN}|{_ZONE}|[{LEVEL_CHARS}]))"
    r"(?=在|认真|坚持|以|按照|深入|全面|通过|围绕|进一步|严格|紧紧|持续|高度|积极|结合|不断|扎实|紧密|聚焦|切实|始终|"
    r"依托|立足|牢固|主动|聚力|着力|大力)")
# a report that names itself only by its kind of organ (我局, 我街, 本委; family: "我局" reports whose name
# is only in the URL); 本办/本站/本所 are left out: 本办法, 本站 of a website
_SELF_ORGAN = re.compile(r"我(局|委|办|厅|街|镇|乡|处|中心|所|站|馆|署|队)|本(局|委|厅|街道|镇|乡)")
# a government's report speaking of its area (我区, 区政府本级, 全区各…; family: district reports that print
# no title, only their district's name in passing)
_SELF_GOV = re.compile(rf"我([{LEVEL_CHARS}])|([{LEVEL_CHARS}])政府本级|全([{LEVEL_CHARS}])(?:各|共|受理|政府)")
# a name followed by one of these is a website, bulletin or account of the agency, not the report's author
_SITE_AFTER = re.compile(r"(?:门户)?网站|门户|官网|政务服务网|网|公报|平台|微信|微博|公众号|政务新媒体")
# which names fit a self-reference: 我局 → …局, 我街 → …街道办事处
_SELF_FITS = {"局": ("局",), "委": ("委", "委员会"), "办": ("办公室", "办公厅", "办"), "厅": ("厅",),
              "街": ("街道", "街道办事处", "办事处"), "镇": ("镇", "镇人民政府"), "乡": ("乡", "乡人民政府"),
              "处": ("处", "办事处"), "中心": ("中心",), "署": ("署",)}

_PERIOD = re.compile(r"(?:统计|数据)[^。;；\d]{0,10}?(?:期限|时限|时段|时间|区间|周期)[^。;；\d]{0,10}?"
                     r"(?P<year>20\d\d)(?=年|\d{1,4}[月日])")
# the report stating its year: the formal title anywhere, a looser wording after a verb of publishing
# (`现将我办2022年度政府信息公开情况报告如下`); not a list of published items (`2021年信息公开年报1条`)
_STATED_YEAR = re.compile(
    r"(?P<year>20\d\d)年度?政府信息公开工作(?:年度)?报告"
    r"|(?:公布|发布|编制|现将|印发)[^。;；]{0,30}?(?P<year2>20\d\d)年度?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?"
    r"(?:工作)?(?:报告|年报|情况)")
# a dated sentence of the narrative: `2020年,我局…`, `2022年以来,…`, `…情况。2019年我局…`
_DATED_CLAUSE = re.compile(r"(?:^|(?<=[。;；\n:：]))(20\d\d)年|(20\d\d)年度?(?:以来)?[,，]", re.M)
_QUOTED = re.compile(r"《[^《》]{0,80}》")
_FULL_DATE = re.compile(r"20\d\d年\d{1,2}月\d{1,2}日")
_DATE = re.compile(r"^(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_CN_DATE = re.compile(r"^(?P<y>[二〇○零一三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
                      r"(?P<d>[一二三四五六七八九十]{1,3})日$")
_DOCNO = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［【(（]20\d\d[〕\]］】)）]\d{1,4}号")
# the national notices that fixed the two table formats: 国办公开办函〔2021〕30号 (2021 format) and
# 〔2019〕60号 (2019 format); brackets vary ([2021], 【2021】, `〔2019〕年60号`) or are lost (`〔202130号`)
_TEMPLATE_NOTICE = re.compile(r"国办公开办函?[〔\[［【(（]?(?P<year>2019|2021)[〕\]］】)）]?年?第?(?P<no>30|60)号")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# which source wins when several name a proper organ: the report's own title and header first, the
# sentences that state who compiled and answers for it next, crawler fields, then passing mentions
_RANK = {"title": 0, "header": 1, "statement": 2, "signature": 2, "field": 3, "contact": 3, "subject": 4, "body": 5}


@dataclass
class Metadata:
    agency: Optional[str]
    agency_full: Optional[str]
    agency_kind: Optional[str]
    region: Region
    year: Optional[int]
    published: Optional[str]
    document_number: Optional[str]
    template_hint: Optional[str] = None  # from a cited national notice, for reports whose tables show no header


@dataclass
class _Candidate:
    name: str
    source: str
    pos: int = 0

    @property
    def rank(self) -> tuple[int, int]:
        return _RANK[self.source], self.pos


# --- text preparation ---------------------------------------------------------------------------------

def _norm(text: str) -> str:
    """NFKC (full-width digits and brackets → ASCII) and no whitespace of any kind."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _prepare(lines: list[str]) -> list[str]:
    """Lines in simplified script, pinyin glosses removed, normalised; markdown marks stripped."""
    traditional = is_traditional("\n".join(lines[:200]))
    out = []
    for ln in lines:
        ln = to_simplified(ln, force=True) if traditional else strip_pinyin_glosses(ln)
        out.append(_norm(ln).strip("#*>"))
    return out


def _head(lines: list[str], first_section: int) -> list[tuple[int, str]]:
    """The lines before section 一 (at most 40: page chrome can be long), else the first 15."""
    stop = min(first_section, 40) if first_section > 0 else min(len(lines), 15)
    return [(i, ln) for i, ln in enumerate(lines[: max(stop, 3)]) if ln]


# --- names --------------------------------------------------------------------------------------------

def _clean(raw: str) -> Optional[str]:
    """A candidate as printed → a plausible organ or place name, or None."""
    name = _norm(raw).strip("#*|")
    name = re.sub(r"\([^()]*\)", "", name)  # parentheticals, the empty （ ） of page headers included
    name = name[max((m.start() + len(m.group(1)) for m in _SPAM.finditer(name)), default=0):]
    name = _DOUBLED.sub(r"\1", name)
    name = _SHORT_GOV.sub("人民政府", name)
    g = gazetteer()
    if not g.region_prefix(name):
        # words glued in front of a name that the gazetteer knows (`由武进区卫生健康局`, `现公开大冶市…局`,
        # CJK-only spam): the name starts at its first region (of 3+ characters: 2-character county names
        # such as 新县, 城区 are also common words)
        first = next(((p, r) for p, r in g.find_all(name) if len(r) >= 3), None)
        if first and first[0] > 0 and not _place_of(name[:first[0]]):
            name = name[first[0]:]
    if name.endswith("委") and g.region_prefix(name[:-1]) == name[:-1]:
        return None  # 盐城市委, 东城区委: the party committee, not a government organ
    if not re.fullmatch(rf"[{_H}]{{2,40}}", name):
        return None
    # the checks for self-reference and chrome look past the region (贵阳市, 本溪市, 从化区 are places)
    prefix = g.region_prefix(name)
    if (not prefix and _NOT_A_NAME.search(name)) or _CHROME.search(name[len(prefix):]):
        return None
    if name.endswith("政府") and not name.endswith("人民政府"):
        return None
    if not (_NAME_END.search(name) or gazetteer().is_region(name)):
        return None
    return name


def _place_of(name: str) -> str:
    """The part of a name that is a place: regions (重庆市武隆区), a zone (泰安高新区) or a township stem."""
    g = gazetteer()
    prefix = g.region_prefix(name)
    rest = name[len(prefix):]
    m = re.match(rf"[{_H}]{{1,12}}?{_ZONE}", rest)
    if m:
        return prefix + m.group(0)
    # a township is the organ itself or owns it (X镇人民政府, X镇财政所), not a word inside a department's
    # name (住房和城乡建设局)
    owned = rf"(?:人民政府|办事处|政府|党委|党政办|[{_H}]{{1,6}}(?:所|站|中心|办)|$)"
    m = re.match(rf"([{_H}]{{1,10}}?(?:街道|镇|乡)){owned}", rest)
    if m and not re.fullmatch(r"[镇乡街道]+", m.group(1)):
        return prefix + m.group(1)
    return prefix


def _proper(name: str) -> bool:
    """A name that says where its organ is; `公安局`, `县统计局`, `区人民政府办公室` do not."""
    return bool(_place_of(name))


def _canonical(name: str) -> str:
    """The organ of a place: a region → its 人民政府, a street → its 街道办事处, a township → its 人民政府."""
    g = gazetteer()
    if g.is_region(name):
        return name + "人民政府"
    if name.endswith("街道") and _proper(name):
        return name + "办事处"
    if re.search(r"[镇乡]$", name) and _proper(name):
        return name + "人民政府"
    return name


def _is_place_chain(prefix: str) -> bool:
    """`prefix` is made only of region names (福州市, 淮安市洪泽区) or ends in a zone name."""
    g = gazetteer()
    return bool(prefix) and (g.region_prefix(prefix) == prefix or bool(re.fullmatch(rf"[{_H}]{{0,12}}{_ZONE}", prefix)))


def _candidates(lines: list[str], first_section: int) -> list[_Candidate]:
    """Every place the report names its agency, cleaned; in no particular order (see `_Candidate.rank`)."""
    out: list[_Candidate] = []

    def add(raw: str, source: str, pos: int) -> None:
        name = _clean(raw)
        if name:
            out.append(_Candidate(name, source, pos))

    head = _head(lines, first_section)
    for i, text in head:
        fields = list(_FIELD.finditer(text))
        for m in fields:  # crawler metadata rows
            value = m.group("value")
            if m.group("key") in ("标题", "名称", "题名"):
                value = _FIELD_END.sub("", value)
                t = _title(value)
                if t and t.group("agency"):
                    add(_title_agency(t), "title", i)
            else:
                value = re.match(rf"[{_H}()]*", value).group(0)
                add(_FIELD_END.sub("", value), "field", i)
        if fields:
            continue
        t = _title_line(text)
        if t:
            if t.group("agency"):
                add(_title_agency(t), "title", i)
        elif len(text) <= 40:  # a line that is nothing but a name: page header, `福州市鼓楼区统计局`
            add(text, "header", i)
    head_end = head[-1][0] if head else -1
    tail = [(i, ln) for i, ln in enumerate(lines) if ln][-12:]
    for i, text in reversed(tail):
        if len(text) <= 30 and i > head_end and _clean(text):
            add(text, "signature", i)
            break

    intro = "\n".join(lines[:60])
    for pattern in _STATEMENTS:
        for m in pattern.finditer(intro):
            add(m.group("a"), "statement", m.start("a"))
    for pattern in _CONTACTS:
        for m in pattern.finditer(intro):
            add(_contact_organ(m.group("a"), intro), "contact", m.start("a"))
    self_organ = _SELF_ORGAN.search(intro)
    for m in _SUBJECT.finditer(intro):
        # `2022年,东城区坚持…` in a report that calls itself 我局 is the district, not the author
        if not (self_organ and gazetteer().is_region(_clean(m.group("a")) or "")):
            add(m.group("a"), "subject", m.start("a"))
    # an author or contact that is a government's 办公室 stands for its government: the office compiles
    # and answers for the government's report (由淮安市洪泽区人民政府办公室编制), unless it calls itself 我办
    # or the report names the office itself in its title, header or as the subject of its sentences
    self_office = re.search(r"我办|我厅|本厅", intro)
    named_itself = {c.name for c in out if c.source not in ("statement", "contact")}
    for c in out:
        if c.source in ("statement", "contact") and not self_office and c.name not in named_itself:
            c.name = re.sub(r"(人民政府)办公[室厅]$", r"\1", c.name)
    for c in out:
        c.name = _canonical(c.name)
    return out


def _title(text: str) -> Optional[re.Match]:
    for pattern in _TITLES:
        m = pattern.match(text)
        if m:
            return m
    return None


def _title_line(text: str) -> Optional[re.Match]:
    """The title of a head line: a short line naming a 报告/年报, or the title a one-paragraph report
    opens with (`鄞州区统计局2019年政府信息公开工作年度报告一、总体情况2019年,…`)."""
    m = _title(text)
    if not m:
        return None
    if len(text) <= 90 and re.search(r"报告|年报", text):
        return m
    opens_paragraph = re.match(r"(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)", text[m.end():])
    return m if opens_paragraph or m.group(0).endswith("报告") else None


def _title_agency(m: re.Match) -> str:
    """`…区人民政府政府信息公开…` prints 政府 once for both words: 人民 + 政府."""
    name = m.group("agency")
    if name.endswith("人民") and m.group("gov"):
        return name + "政府"
    return name


def _contact_organ(name: str, text: str) -> str:
    """`武进区卫生健康局办公室` as a contact is the department's office: the department is meant.
    A government's 办公室 is an organ of its own and stays (see the author/contact rule)."""
    m = re.match(r"(.+?(?:局|委员会|委|厅|署))[\u4e00-\u9fa5]{1,8}?(?:办公室|室|科|股|处|中心|办)$", name)
    return m.group(1) if m and not name.endswith("人民政府办公室") else name


def _body_names(text: str) -> list[tuple[str, int, bool, bool]]:
    """(name, position, is_a_mention, opens_a_clause) for every organ name that starts with a gazetteer
    region. A mention is a website, bulletin or account of the organ (东城区人民政府网站) or a quoted
    title; a name opening a clause (after punctuation or a year) is a subject, as a report names itself."""
    g = gazetteer()
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]  # in order, not overlapping
    quoted_starts = [a for a, _ in quoted]
    out = []
    spans = g.find_all(text)
    starts = {p: r for p, r in spans}
    ends = {p + len(r) for p, r in spans}
    for pos, region in spans:
        if pos in ends:
            continue  # inside a chain of regions (重庆市|武隆区): the chain is read from its first name
        after = pos + len(region)
        while after in starts:
            after += len(starts[after])
        m = re.match(rf"[{_H}]{{0,16}}?{_ORGAN_BODY}", text[after:])
        if not m:
            continue
        name = _clean(text[pos:after] + m.group(0))
        end = after + m.end()
        mention = bool(_SITE_AFTER.match(text[end:])) or _inside(quoted, quoted_starts, pos)
        opens = pos == 0 or bool(re.search(r"(?:[,，。;；:：\n]|20\d\d年度?[,，]?)$", text[max(0, pos - 8):pos]))
        # two-character county names (城区, 新县) are common words: only when they open a clause
        if not name or (len(region) == 2 and g.level(region) == "county" and not opens):
            continue
        out.append((name, pos, mention, opens))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """`pos` strictly inside one of `spans` (ordered, not overlapping; `starts` their starts): by
    bisection, as a long text holds thousands of quotes."""
    k = bisect.bisect_left(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _regions_of_level(text: str, level: str) -> set[str]:
    """Distinct regions of one level word (县, 区, 市, 省, 州, 盟, 旗) named in `text`, full names.
    Two-character county names (城区, 新县) are common words and count only after their city."""
    g = gazetteer()
    found: set[str] = set()
    spans = g.find_all(text)
    ends = {p + len(r) for p, r in spans}
    for pos, region in spans:
        full = g.full_name(region)
        if region[-1] != level and full[-1] != level:
            continue
        if len(region) == 2 and g.level(region) == "county" and pos not in ends:
            continue
        found.add(full)
    if level == "市":  # short city names (淮安 for 淮安市) outside the full names already found
        rest = text
        for pos, region in sorted(spans, reverse=True):
            rest = rest[:pos] + "\n" + rest[pos + len(region):]
        for short, cities in g.city_shorts.items():
            if short in rest and len(cities) == 1:
                found |= cities
    return found


def _zone_names(text: str, governed: bool = False) -> set[str]:
    """Development zones named in `text` (吉林经开区, 泰安高新区); with `governed`, only those printed with
    their 管委会. A zone's own name is the few characters before the zone word, after the last verb or
    function word of the sentence (`本年报通过吉林经开区管委会网站` → 吉林经开区)."""
    after = r"(?:管委会|管理委员会)" if governed else ""
    out = set()
    for m in re.finditer(rf"([{_H}]{{2,8}}){_ZONE}{after}", text):
        zone = re.search(rf"{_ZONE}", m.group(0)[len(m.group(1)):]).group(0)
        stem = re.split(r"通过|经过|根据|按照|依托|在|由|经|向|和|与|及|的|了|为|对|是|将|把|从|于|至", m.group(1))[-1]
        stem = stem[-6:]
        if len(stem) >= 2:
            out.add(stem + zone)
    return out


def _complete(generic: str, known: list[str], text: str) -> Optional[str]:
    """A name without a place (`公安局`, `县统计局`) completed from the report's own text, else None."""
    level = generic[0] if generic[0] in LEVEL_CHARS else None
    core = generic[1:] if level else generic
    if len(core) < 2:
        return None
    # the same organ printed elsewhere with its place: 公安局 + 白水县公安局, 县统计局 + 《奉节县统计局…》
    for name in known:
        extra = name[: -len(core)] if name.endswith(core) else ""
        if extra and _is_place_chain(extra) and (level is None or extra[-1] == level):
            return name
    if level is None:  # the level the text gives the organ: `市自然资源和规划局重点工作`
        levels = Counter(m.group(1) for m in re.finditer(rf"([{LEVEL_CHARS}]){re.escape(core)}", text))
        level = levels.most_common(1)[0][0] if levels else None
    if level:
        regions = _regions_of_level(text, level)
        if len(regions) == 1:
            return regions.pop() + core
    # a department of a development zone: the only zone the report names as having a 管委会
    zones = _zone_names(text, governed=True)
    if level in (None, "区") and len(zones) == 1:
        return zones.pop() + core
    return None


def _merge(base: str, others: list[str]) -> str:
    """Grow `base` into the fullest form the other candidates print for the same organ."""
    # 福州市鼓楼区人民政府温泉街道办事处 is printed as 鼓楼区温泉街道办事处 too: keep the form without the
    # district government when the report also uses it for itself (signature, title)
    for other in [base] + others:
        if re.search(r"人民政府[\u4e00-\u9fa5]{1,8}?街道", other):
            stripped = re.sub(r"人民政府(?=[\u4e00-\u9fa5]{1,8}?街道)", "", other)
            if any(o != other and stripped.endswith(o) and "人民政府" not in o for o in [base] + others):
                others = [stripped if o == other else o for o in others]
                base = stripped if base == other else base
    for other in others:
        i = other.find(base)
        if i > 0 and _is_place_chain(other[:i]):
            base = other[:i] + base  # the same organ with its region written out: 温州市 + 鹿城区统计局
        elif i == 0 and _place_of(base) == base and other[len(base):] in ("人民政府", "办事处", "管委会", "管理委员会"):
            base = other  # a place → its organ: 泰安高新区 → 泰安高新区管委会
    return base


def agency_name(lines: list[str], first_section: int, _prepared: bool = False) -> Optional[str]:
    if not _prepared:
        lines = _prepare(lines)
    text = "\n".join(lines)
    cands = sorted(_candidates(lines, first_section), key=lambda c: c.rank)
    body = _body_names(text)
    known = [c.name for c in cands if _proper(c.name)] + [n for n, *_ in body]

    base = next((c.name for c in cands if _proper(c.name)), None)
    if base is None:
        for c in cands:
            base = _complete(c.name, known, text)
            if base:
                break
    if base is None:
        base = _self_named(text, body)
    if base is None:
        return None
    if _place_of(base) == base:  # a zone printed alone: its organ, when the report prints it (泰安高新区管委会)
        m = re.search(rf"{re.escape(base)}(管委会|管理委员会)", text)
        if m:
            base += m.group(1)
    return _merge(base, [c.name for c in cands])


def _self_named(text: str, body: list[tuple[str, int, bool, bool]]) -> Optional[str]:
    """No candidate: the report calls itself 我局/我区…; a name in its text that fits, else None.

    - 我局 with `…指导下,渠县渠县行政审批局政务公开工作…` in the body: the one name of that kind that opens a
      clause (not a website, a quoted title, or an organ named after 在/由/向 as a superior), when only one.
    - a government's report (我区, 全区各…, 区政府本级) that names exactly one district: its 人民政府.
    """
    organ = _SELF_ORGAN.search(text)
    if organ:
        word = organ.group(1) or organ.group(2)
        word = word if word == "中心" else word[:1]  # 本街道 → 街
        endings = _SELF_FITS.get(word, (word,))
        names = Counter(n for n, _, mention, opens in body if opens and not mention and n.endswith(endings))
        top = names.most_common(2)
        if len(top) == 1 or (len(top) == 2 and top[0][1] > top[1][1]):
            return top[0][0]
        return None
    gov = _SELF_GOV.search(text)
    if gov:
        level = next(x for x in gov.groups() if x)
        regions = _regions_of_level(text, level)
        # the place must be named for itself somewhere (东城区政务公开工作要点), not only as the prefix of a
        # department (a department's report also says 我县: 《奉节县统计局…》 names no county government)
        if len(regions) == 1:
            region = regions.pop()
            if _named_alone(region, text):
                return region + "人民政府"
    return None


def _named_alone(region: str, text: str) -> bool:
    """`region` occurs at least once not as the start of the name of a department."""
    g = gazetteer()
    forms = {region} | {a for a, full in g.aliases.items() if full == region}
    for form in forms:
        for m in re.finditer(re.escape(form), text):
            organ = re.match(rf"[{_H}]{{0,16}}?{_ORGAN_BODY}", text[m.end():])
            if not organ or re.match(r"(?:人民)?政府", organ.group(0)):
                return True
    return False


def agency_kind(name: str) -> str:
    if re.search(r"街道(办事处)?$|街道办$", name):
        return "street_office"
    if re.search(r"[镇乡](人民政府)?$", name):
        return "township"
    if re.search(rf"人民政府(办公室|办公厅)?$|{_ZONE}(管委会|管理委员会)?$", name):
        return "government"
    return "department"


# --- year ---------------------------------------------------------------------------------------------

def report_year(lines: list[str], first_section: int, _prepared: bool = False) -> Optional[int]:
    """The year the report covers.

    The statistics period (统计期限/统计时限…, damaged forms `201911日`, `20241月1日` included) wins over
    the title or the stated report year when they disagree, unless the narrative's own dated sentences
    back the title against it (a period copy-pasted from last year's report). The publication date
    (January of the next year) is never the report year.
    """
    if not _prepared:
        lines = _prepare(lines)
    text = "\n".join(lines[:80])
    period = _PERIOD.search(text)
    stated = None
    for _, line in _head(lines, first_section):
        m = _title_line(re.sub(r"^.*?(?:标题|名称|题名)[:|]", "", line))
        if m:
            stated = int(m.group("year"))
            break
    # cited notices (《关于做好2022年政府信息公开年度报告…的通知》) state no year of this report
    masked = _QUOTED.sub(lambda q: "#" * len(q.group(0)) if re.search(r"关于|通知|意见|要点", q.group(0))
                         else q.group(0), text)
    if stated is None:
        m = _STATED_YEAR.search(masked)
        stated = int(m.group("year") or m.group("year2")) if m else None
    # the narrative's years: every 20XX年 but those in the period, statements of the report, and dates
    narrative_text = _PERIOD.sub("#", _STATED_YEAR.sub("#", _FULL_DATE.sub("#", text)))
    narrative = Counter(int(y) for y in re.findall(r"(20\d\d)年", narrative_text))
    p = int(period.group("year")) if period else None
    if p and stated and p != stated:
        return stated if narrative[stated] >= 2 and narrative[stated] > narrative[p] else p
    if p or stated:
        return p or stated
    # nothing states the year: the year of the narrative's dated sentences when one year leads, else the
    # year the text names most (twice at least: `在2019年…的基础上` alone is last year's work)
    dated = Counter(int(a or b) for a, b in _DATED_CLAUSE.findall(narrative_text)).most_common(2)
    if dated and (len(dated) == 1 or dated[0][1] > dated[1][1]):
        return dated[0][0]
    top = narrative.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return None


def template_hint(lines: list[str], _prepared: bool = False) -> Optional[str]:
    """`2021`/`2019` from a cited national notice on the table format, else None."""
    if not _prepared:
        lines = _prepare(lines)
    found = {m.group("year") for m in _TEMPLATE_NOTICE.finditer("\n".join(lines))
             if (m.group("year"), m.group("no")) in (("2021", "30"), ("2019", "60"))}
    return "2021" if "2021" in found else ("2019" if found else None)


def _cn_number(s: str) -> int:
    if len(s) == 4:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def published_date(lines: list[str]) -> Optional[str]:
    for ln in reversed(lines[-12:]):
        text = _norm(ln)
        m = _DATE.match(text)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        m = _CN_DATE.match(text)
        if m:
            return f"{_cn_number(m['y']):04d}-{_cn_number(m['m']):02d}-{_cn_number(m['d']):02d}"
    return None


def extract(lines: list[str], first_section: int) -> Metadata:
    """Everything but the tables; `first_section` is the 0-based line of section 一 (or -1)."""
    prepared = _prepare(lines)
    name = agency_name(prepared, first_section, _prepared=True)
    text = "\n".join(prepared)
    region = gazetteer().resolve(name, text) if name else Region()
    full = name
    if name and region.city and region.county and region.city not in name and region.county in name:
        full = region.city + name[name.index(region.county):]
    # a standalone line (温泉街办〔2021〕1号), not a notice cited in the intro (国办公开办函〔2021〕30号)
    doc = next((m for m in (_DOCNO.fullmatch(ln) for ln in prepared[:20] if len(ln) <= 40) if m), None)
    if name:  # 县人社局 → 县人力资源和社会保障局: one name per organ, however it was printed
        name, full = catalogue.expand_abbreviations(name), catalogue.expand_abbreviations(full)
    return Metadata(agency=name, agency_full=full, agency_kind=agency_kind(name) if name else None,
                    region=region, year=report_year(prepared, first_section, _prepared=True),
                    published=published_date(prepared), document_number=doc.group(0) if doc else None,
                    template_hint=template_hint(prepared, _prepared=True))
