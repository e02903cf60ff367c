"""Whether a reading depends on the words that decide what a question means.

A reading that comes out the same when a word is deleted from the question did not use that word.
For most words that is harmless (谢谢, 请问, a second name for the same figure), but some words make the
question a different one: a negation (没有, 不, not, never), a leave-out (除了, 不算, excluding), a name
(an agency, a place, a year) and a row of the template the reading does not read (zero requests but at least
one penalty). If deleting one of those leaves the reading unchanged, the answer would be the answer to the
question without it, which is another question. The word is then named as unused and the answer withheld,
like any unused word. (Stated figures are not tested: a figure said twice, 80,000 yuan (8万元), or only as
context is deleted with no change to a right reading.)

Kinds said as a class (街道, 统计局, the statistics-bureau / street-office reports) are deleted the same way, all at once,
when the reading covers every agency or more than they name. Two things are named without a deletion: an agency the
asker speaks for (我们街道, 我局, our office) when the reading is not of one named agency, and a bare two-digit number
standing for a year the store holds (hz 24 …) when the reading has no year.

The test is made on the reading itself, by reading the question again without the word, not by
matching how the word is written: it covers phrasings no rule has seen (did not spend more than …,
去掉为零的 in a follow-up, "Hongze's two reports" read as the top two of all reports).

Family of inputs: table, metadata, check and mentions questions, zh and en, single turns and follow-ups. Passage
questions are not tested: their words go to a text search, where every word counts a little.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from qa import cues, slots
from qa.lexicon import COLS, GROUPS, ROWS, SPLITS
from qa.models import Plan
from qa.names import NameIndex
from qa.reading import ASIDE, LOCATOR, SPEAKS_FOR, TABLE_INTENTS

# the readings tested: those that answer with figures, lists or a yes / no from the tables and the store, and
# lists of the reports whose text mentions something (their scope)
CHECKED = (*TABLE_INTENTS, "meta", "quality", "mentions")

# a negation: the same words without it ask the opposite
NEGATION = re.compile(r"不|没有|没|未|无|非|别|\b(not|no|never|none|neither|nor|without)\b|n't\b", re.I)
# a leave-out: the same words without it ask about what it leaves out (delete every one at once: 除了…以外
# says it twice)
LEAVE_OUT = re.compile(rf"{slots.LEAVE_OUT_ZH_AFTER}|{slots.LEAVE_OUT_ZH}|\b({slots.LEAVE_OUT_EN}|without counting|omitting|omit|"
                       r"excluded|left out)\b|\bdrop(ping)?(?= (the|all|any)\b)|"
                       # the rest, the others (the one just named left out): 其余的单位, 其他2020年的报告, the rest of the reports
                       r"\bthe (rest|others|other ones|remaining)\b|其余|剩下的|其他(?=[^，,。？?]{0,10}(单位|报告|年报|report|agenc|统计局))",
                       re.I)
_LEFT_OUT_BEFORE = re.compile(rf"{slots.LEAVE_OUT_ZH_AFTER}|\b(excluded|left out)\b")  # (洪泽区以外: what it leaves out is before it)
# Where those words are not what they look like (masked before the test):
# - a question form (有没有, 是不是, 是否, 对不对, 与否, 难道, whether or not, "Didn't …?", "…, didn't it?"): it
#   asks, it does not negate
# - a row of the template whose name holds a negation (不予公开, 无法提供, 尚未审结, not yet concluded): the
#   name is read as a whole; and the template's own remarks and locators (不计其他情形, 第二十条): qa.reading's
# - a phrase of manner (不好意思, 不知道, 不用, 分别, no idea, not sure): who asks and how
_ROW_TERMS = sorted({t.lstrip("~") for _, _, ts in ROWS for t in ts} | {t for _, ts, _ in COLS for t in ts},
                    key=len, reverse=True)
_NEGATED_TERMS = [t for t in _ROW_TERMS if NEGATION.search(t)]
_AUX = r"(didn't|doesn't|don't|isn't|wasn't|aren't|weren't|hasn't|haven't|hadn't|won't|wouldn't|can't|couldn't|shouldn't)"
MASKED = re.compile(
    r"(.)(不|没)\1|是否|有无|可否|能否|与否|是不是|有没有|对不对|对吗|对不|难道|"
    r"不好意思|不知道|不清楚|不确定|不太清楚|不用|不客气|无论|不管|不同|不仅|不但|不过|不然|毫无疑问|差不多|不一定|"
    r"不足(?!\s*\d)|非常|无误|无关|有误|并非|不对应|别的|别人|别处|分别|区别|类别|级别|个别|特别|识别|"
    rf"^\W*{_AUX}\b|[,，]\s*{_AUX}\s+(it|they|there|that|this|he|she|we|you)\b|"
    r"\b(whether or not|or not|if not|not only|not sure|no idea|no need|not necessary|don't know|do not know|"
    r"doesn't matter|no problem|not a problem|no thanks|no\.|nos\b)|"
    # a tag asking to confirm (…95件，没错吧？), a correction of the turn before (不对，我问的是…), the unit wanted
    # (in yuan, not 万元; 不要万元): who asks and how the answer is written
    r"没错|没问题|不对(?=\s*[，,。!！?？])|不是(?=\s*[，,])|\byes or no\b|是或否|对或错|"
    # each listed once (按单位列，不要重复; no duplicates): how a list is written
    r"(不要|不用|不|别|无|勿)\s*重复|\bno (duplicates|repeats)\b|"
    # the alternative set against what is asked (推断出来的，而不是表里印着的; guessed rather than printed)
    r"而不是|而非|\b(rather than|instead of)\b|\bwithout (a |any )?units?\b|"
    # a table or a document named by its title (《收到和处理政府信息公开申请情况》表): where, not what
    r"《[^》]{1,60}》|"
    r"\bnot\s+(in\s+)?(万元|元|yuan|rmb|10k|ten thousands?|thousands?|millions?|percent|%)|"
    r"(不要|不用|不是|别)\s*(用|以)?\s*(万元|元|百分比|百分数)|"
    + "|".join(re.escape(t) for t in _NEGATED_TERMS), re.I)
# what a finding of the checks is, said with its own negation (空着没填的单元格, 表里没印单位, printed without a
# unit, 对不上): the finding, read as a whole
FINDINGS = tuple(cues.QUALITY.values()) + (cues.UNIT_PRINTED, cues.UNDATED, cues.DATED_ONES)
# a correction inside one message (这几个统计局，不对，是2020年所有…; 许可——不对，强制; the bureaus, no wait, all agencies):
# which words it replaces cannot be told (a correction opening a turn replaces the turn before, and is read there)
MID_CORRECTION = re.compile(r"(?<=\S)\s*(——|—|，|,)\s*(不对|不是|说错了|我说错了|哦不|错了)\s*[，,]|"
                            r"(?<=\w),\s*(no wait|no,? sorry|sorry|i mean|i meant|rather)\s*,", re.I)
# a claim quoted to be checked against a figure asked (稿子里写“…没有…”，到底是多少): its words are the claim's
QUOTED = re.compile(r"“[^”]{1,120}”|「[^」]{1,120}」|\"[^\"]{1,120}\"")
# rows whose own names hold a negation (refused, could not be provided, not processed, did not pay, without
# reconsideration, not yet concluded): a negation beside them describes the row the reading read
_NEGATIVE = {f"{t}.{r}" for t, r, ts in ROWS if any(NEGATION.search(x.lstrip("~")) for x in ts)}
NEGATIVE_ROWS = frozenset(_NEGATIVE | {f"{g.split('.')[0]}.{m}" for g, ms in (*GROUPS.items(), *SPLITS.items())
                                       if g in _NEGATIVE for m in ms})
NEGATIVE_COLS = frozenset(c for c, ts, _ in COLS if any(NEGATION.search(x) for x in ts))


def _negative(key: str) -> bool:
    table, row, col = (key.split(".") + ["", ""])[:3]
    return f"{table}.{row}" in NEGATIVE_ROWS or col in NEGATIVE_COLS

Replan = Callable[[str], Plan]
_CLAUSE_END = re.compile(r"[，,。；;？?！!()（）:：—]|\s-\s")


def scope_of(plan: Plan, index: NameIndex) -> Optional[set[str]]:
    """The agencies (labels) the reading covers; None when it covers every agency of the store."""
    every = {a.label for a in index.agencies}
    if plan.agencies:
        scope = {a.label for n in plan.agencies for a in index.resolve(n)} | (set(plan.agencies) & every)
    elif plan.region is not None:
        scope = {a.label for r in (plan.region, *plan.more_regions) for a in index.in_region(r)}
    else:
        scope = set(every)
    if plan.agency_kind:
        scope = {a.label for a in index.agencies if a.label in scope and a.kind == plan.agency_kind}
    if plan.organ:
        scope = {x for x in scope if (plan.organ in x) != plan.organ_out}
    scope -= {a.label for n in plan.agencies_out for a in index.resolve(n)} | set(plan.agencies_out)
    if plan.region_out is not None:
        scope -= {a.label for a in index.in_region(plan.region_out)}
    return None if scope == every else scope


def named_in(text: str, index: NameIndex) -> set[str]:
    """The agencies (labels) `text` names: by name, by place, or by kind (街道, governments, 部门)."""
    from qa.entities import find_entities

    ents = find_entities(text, index)
    named = {a.label for a in (*ents.agencies, *ents.excluded)}  # (除了温泉街道: named, to be left out)
    for region in [r for r in (ents.region, *ents.more_regions) if r is not None]:
        named |= {a.label for a in index.in_region(region)}
    # (a kind word inside an agency's name, the Erqi statistics bureau, names that agency, not its kind)
    rest = "".join(" " if any(a <= i < b for a, b in ents.spans) else ch for i, ch in enumerate(text))
    kinds = set(cues.kinds_named(rest))
    return named | {a.label for a in index.agencies if a.kind in kinds}


# an agency kind or organ said as a class (街道, 统计局, departments, the statistics-bureau reports): the agencies of
# that kind. Family of inputs: scopes said by kind rather than by name ("我们街道…", "the five statistics-bureau /
# street-office reports"), which a reading over every agency does not use
_ORGAN_SAID = re.compile(r"统计局|统计部门|\bstat(istic)?s?[- ]bureaus?\b|\bstats?[- ]offices?\b", re.I)


_MODIFIER = re.compile(r"信息|网|集中|采购|常务|门户|公报|规章|工作|数据|公开|会议|文件|令|预算|决算|职能|主页|平台|"
                       r"[-\s]+(procurement|purchas|information|info\b|web|portal|affairs|data|disclosure|open|gazette|"
                       r"regulation|work|meeting|executive|budget|final accounts|service|platform|document|transparency|"
                       r"spending|fund|centrali[sz]ed|collective)", re.I)


def _kinds_said(text: str, index: NameIndex, masked: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], set[str]]:
    """Where `text` names agencies by kind or organ outside any name (街道 in 我们街道, not in 温泉街道; not 政府 of
    政府集中采购), and the agencies (labels) those words name together."""
    from qa.entities import find_entities
    from qa.lexicon import find_hits

    ents = find_entities(text, index)
    taken = list(ents.spans) + list(masked) + [(h.start, h.end) for h in find_hits(text)]
    spans: list[tuple[int, int]] = []
    named: set[str] = set()
    for kind, pattern in cues.GROUP_KINDS:
        for m in pattern.finditer(text):
            if _MODIFIER.match(text, m.end()):
                continue  # (政府信息, 政府网站, 部门预算: the kind word names a thing, not agencies)
            if not any(a < m.end() and m.start() < b for a, b in taken):
                spans.append(m.span())
                named |= {a.label for a in index.agencies if a.kind == kind}
    for m in _ORGAN_SAID.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            spans.append(m.span())
            named |= {a.label for a in index.agencies if "统计局" in a.label}
    return spans, named


# a two-digit number on its own (between spaces or at an end), with no unit, bound or sign beside it
_BARE_YEAR = re.compile(r"(?:^|(?<=\s))(?<!than )(?<!over )(?<!above )(?<!under )(?<!below )(?<!least )(?<!most )(?<!top )"
                        r"(?<!bottom )(?<!first )(?<!last )(?<!about )(?<!around )(?<!nearly )(?<!only )(?<!exactly )"
                        r"(\d\d)(?=\s|$)(?!\s*(件|个|项|条|份|家|元|万|%|percent|pct|次|起|名|人|倍|times|items?|"
                        r"cases?|requests?|reports?|agencies|projects?|decisions?|yuan))", re.I)
# an agency the asker speaks for (我们街道, 我局, 本单位, our office): which one it is must be named somewhere
# (we in spoken forms too: 阿拉 (Wu), 我哋 (Cantonese), 俺们 / 俺 (northern))
SELF = re.compile(r"(?:我们|我哋|阿拉|俺们|俺)(?:这个|这|嗰个)?(?:街道|单位|局|部门|机关|办|区|县|镇|乡)|咱们?(?:街道|单位|局|区|县)|"
                  r"我(?:局|单位|街道|办|委|部门)|"
                  # (本 opening a word: 本单位, not 样本单位 / 文本 / 版本)
                  r"(?<![样文版成基根资日原账课书读脚剧标])本(?:局|单位|机关|部门|街道)|"
                  r"\b(?:our|my) (?:own )?(?:office|bureau|agency|department|street office|subdistrict|district|unit|"
                  r"organi[sz]ation)\b", re.I)


def speaks_for(text: str) -> Optional[re.Match]:
    """Where `text` speaks of the asker's own agency (我们街道, 我局, our office), outside the template's own row
    names (本机关不掌握) and quoted words."""
    from qa.lexicon import find_hits

    taken = [(h.start, h.end) for h in find_hits(text)] + [m.span() for m in QUOTED.finditer(text)]
    return next((m for m in SELF.finditer(text) if not any(a < m.end() and m.start() < b for a, b in taken)), None)


def _clause(text: str, at: tuple[int, int]) -> str:
    """What a leave-out word leaves out: the rest of its clause after it (除了洪泽区, other than the Erqi bureau),
    or before it for the words said after (洪泽区以外, the street office excluded)."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at[0])), default=0)
    end = next((m.start() for m in _CLAUSE_END.finditer(text, at[1])), len(text))
    if _LEFT_OUT_BEFORE.fullmatch(text[at[0]:at[1]]) or not text[at[1]:end].strip():
        return text[start:at[0]]  # (洪泽区以外; （街道办不算）: the word closes its clause)
    return text[at[1]:end]


_LOOSE = {"confidence", "notes", "read_as", "search", "terms", "loose_terms"}
YEAR = re.compile(r"^\s*((?:19|20)?\d\d)\s*年?\s*$")


def _signature(plan: Plan) -> dict:
    return plan.model_dump(exclude=_LOOSE)


def _said(text: str, spans: list[tuple[int, int]]) -> str:
    """The words at `spans`, in the order said, overlapping ones once."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return " / ".join(text[a:b] for a, b in merged)


def _deleted(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            continue
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()


def _free(matches: list[re.Match], masked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches if not any(a <= m.start() < b or a < m.end() <= b for a, b in masked)]


def _outside(name: str, plan: Plan, scope: Optional[set[str]], index: Optional[NameIndex]) -> bool:
    """Whether the reading leaves out what `name` names: a year not among its years (all years leave none
    out), or agencies none of which it covers (covering all agencies, it covers no name in particular)."""
    if m := YEAR.match(name):
        year = int(m.group(1)) + (2000 if len(m.group(1)) == 2 else 0)
        return bool(plan.years) and year not in plan.years
    if index is None or re.search(r"\d", name):  # (a span of years, 2023年到2024年: read with its years)
        return False
    named = named_in(name, index)
    return bool(named) and (scope is None or not named & scope)


def _families() -> list[frozenset[str]]:
    """Rows named together with the one asked, as its kind or its place (a group and its members; the handled
    total and the outcomes it sums, 办理结果里的予以公开; the review rows, lawsuits filed without or after a
    reconsideration)."""
    out = [frozenset({g, *(f"{g.split('.')[0]}.{m}" for m in ms)}) for g, ms in (*GROUPS.items(), *SPLITS.items())]
    requests = {f"{t}.{r}" for t, r, _ in ROWS if t == "requests"}
    out.append(frozenset(requests - {"requests.new", "requests.carried_in", "requests.carried_out"}))
    out.append(frozenset(f"{t}.{r}" for t, r, _ in ROWS if t == "review"))
    return out


FAMILIES = _families()


def _rows_named(text: str, plan: Plan, masked: list[tuple[int, int]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each row of the template `text` names (all its words at once) that is not one the reading reads, nor a
    group or member of one it reads: deleting it should change the reading (zero requests but at least one
    penalty item: two conditions, two rows), or the row was not read."""
    from qa.lexicon import find_hits

    rows = {".".join(k.split(".")[:2]) for k in [*plan.metrics, *([plan.pick_by] if plan.pick_by else [])]}
    related = set(rows)
    for family in FAMILIES:
        if family & rows:
            related |= family
    tables = {r.split(".")[0] for r in rows}
    if "review" in tables:  # (申请行政复议, applied for reconsideration: the request word is the review's own)
        tables.add("requests")
    named: dict[str, list[tuple[int, int]]] = {}
    for h in find_hits(text):
        # (a generic word, requests, names a row only outside the tables read: how many requests were granted)
        if h.kind == "row" and not (h.weak and h.target.split(".")[0] in tables) and h.target not in related \
                and not any(a <= h.start < b for a, b in masked):
            named.setdefault(h.target, []).append((h.start, h.end))
    return [(" ".join(text[a:b] for a, b in spans), spans) for spans in named.values()]


def ignored_words(text: str, plan: Plan, replan: Replan, mentions: Optional[list[str]] = None,
                  index: Optional[NameIndex] = None) -> list[str]:
    """The deciding words of `text` (the question as normalised) that its reading `plan` does not depend on:
    deleting them (each kind at once, each name on its own) gives the same reading. `replan` reads a
    question again in the same chat.

    What a name or a leave-out stands for is weighed against the reading's scope (with `index`): a name is
    ignored only when the scope leaves it out too (a place said beside the agencies in it, 浙江的统计局（鹿城、
    鄞州）, or a name said twice is deleted with no change because another word says the same), and a leave-out
    is not ignored when what it leaves out lies outside the scope anyway (所有统计局（不算街道办）). Empty for
    readings not tested or already withheld."""
    if plan.unused or plan.refusal or plan.ambiguous:
        return []
    if plan.intent not in CHECKED:
        # (a passage question too: 我们街道报告第五部分写的问题 searched in every agency's report is another's text)
        own = speaks_for(text) if index is not None and plan.intent == "passages" else None
        wide = own is not None and ((lambda sc: sc is None or len(sc) > 1)(scope_of(plan, index))
                                    or not (plan.agencies or plan.region))
        return [SPEAKS_FOR + own.group(0)] if wide else []
    masked = [m.span() for p in (MASKED, LOCATOR, *FINDINGS) for m in p.finditer(text)]
    # an aside in brackets that leaves nothing out glosses a word before it (对不上（总计不等于各结果之和）)
    # (not one that names a year: (not 2023) leaves a year out)
    asides = [m.span() for m in ASIDE.finditer(text) if not LEAVE_OUT.search(m.group(0))
              and not re.search(r"(?<!\d)(19|20)\d\d(?!\d)|\d+\s*年", m.group(0))]
    masked += asides
    yes_no = plan.boolean is not None or plan.check_threshold or plan.stated is not None or plan.yes_no or plan.check
    if not yes_no:
        masked += [m.span() for m in QUOTED.finditer(text)]
    scope = scope_of(plan, index) if index is not None else None
    trials: list[tuple[str, list[tuple[int, int]]]] = []
    said = _free(list(LEAVE_OUT.finditer(text)), masked)
    leave, kept_in = said, []
    if index is not None:
        # what a leave-out names (an agency, a place, a kind) must be outside the reading's scope: 所有统计局（不算
        # 街道办） is, 不算街道的话呢 read over Fujian's two agencies is not (the street office is still in)
        named = {s: named_in(_clause(text, s), index) for s in said}
        kept_in = [s for s in said if named[s] and (scope is None or named[s] & scope)]
        leave = [s for s in said if not named[s]]
    out = [" ".join(text[a:b] for a, b in kept_in)] if kept_in else []
    if leave:  # (deleted with every other leave-out word: 除了…以外 says it twice)
        trials.append((" ".join(text[a:b] for a, b in leave), said))
    negation = _free(list(NEGATION.finditer(text)), masked + said)
    # (which reports mention 不予公开: a mention's words are searched for, negations and all)
    if negation and plan.intent != "mentions" and not any(_negative(k) for k in plan.metrics):
        # (a negation said again in a gloss, 没有政府集中采购这一栏（表格中没有采购数据）: deleted with the others)
        glossed = [m.span() for a in asides for m in NEGATION.finditer(text, *a)]
        trials.append((" ".join(text[a:b] for a, b in negation), negation + glossed))
    for name in dict.fromkeys(m.strip() for m in (mentions or []) if len(m.strip()) >= 2):
        spans = [m.span() for m in re.finditer(re.escape(name), text, re.I)]
        if spans and _outside(name, plan, scope, index):
            trials.append((name, spans))
    if index is not None:
        # kinds said as a class: deleted all at once; tested when the reading's scope is every agency while they name
        # fewer (我们街道…平均 read over all reports), or holds some of them and others too (福建的街道办 read as all
        # of Fujian); not when it holds none of them (a kind word said of something else: for my article on open
        # government, how many … did the Lucheng bureau …)
        # (agencies with no report of the years read are not in the reading: 2020年街道和统计局 names all of 2020)
        reach = {a.label for a in index.agencies if any((not plan.years or r.year in plan.years)
                                                         and (not plan.template or r.template == plan.template)
                                                         for r in a.reports)}
        self_said = speaks_for(text)
        # an agency the asker speaks for, with the reading not narrowed to one agency: which is meant is not said
        # (a kind alone does not say which: "our street office" read as every street office is a guess that the
        # store holds the asker's)
        if self_said is not None and (scope is None or len(scope) > 1 or not (plan.agencies or plan.region)):
            out.append(SPEAKS_FOR + self_said.group(0))
        # a bare two-digit number standing for a year the store holds (hz 24 fuyi …), read as no year
        if not plan.years and (bare := next((m for m in _BARE_YEAR.finditer(text)
                                            if 2000 + int(m.group(1)) in index.years()), None)) is not None:
            out.append(bare.group(1))
        kind_spans, kind_named = _kinds_said(text, index, masked + said + ([self_said.span()] if self_said else []))
        within = reach if scope is None else scope & reach
        if kind_spans and plan.intent != "mentions" and not within <= kind_named and (scope is None or kind_named & scope):
            trials.append((_said(text, kind_spans), kind_spans))
    if plan.intent in TABLE_INTENTS:  # (readings of figures: a row named and not read is tested too)
        trials += _rows_named(text, plan, masked)
    if (m := MID_CORRECTION.search(text)) is not None:
        out.append(m.group(0).strip(" ,，—-"))  # (你把这几个统计局，不对，是…: what it replaces cannot be told)
    base = _signature(plan)
    for word, spans in trials:
        try:
            again = replan(_deleted(text, spans))
        except Exception:  # a question the reader cannot read without the word: the word was needed
            continue
        if _signature(again) == base:
            out.append(word.strip())
    return out
