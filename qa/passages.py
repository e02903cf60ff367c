"""Narrative questions: what did X say about Y (extractive, quoted, with section citations) and
"which reports mention Z" (exact substring check over section texts, one quote per agency)."""
from __future__ import annotations

import json
import math
import re
from typing import Optional, Protocol

from nianbao.models import Passage
from qa.cues import STATED_SHARE
from qa.models import Citation, Coverage, Item, Plan, Value
from qa.names import NameIndex
from qa.outcome import Outcome, no_data, say
from qa.sql import Runner, Scope, within_limit
from qa.tables import resolve_agencies
from qa.text import clip, fmt_value, quoted_labels

SENTENCE = re.compile(r"(?<=[。！？；!?;])|\n+")
MARKS = re.compile(r"\[bookmark:[^\]]*\]|[#*|>\t]+")
HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
STOP_BIGRAMS = {"哪些", "什么", "如何", "怎样", "单位", "报告", "工作", "情况", "政府", "信息", "公开"}


class PassageSearch(Protocol):
    """The retrieval interface (vectorstore.index.PassageIndex implements it)."""

    def search(self, query: str, k: int = 5, mode: str = "hybrid", agency: Optional[str] = None,
               report_ids: Optional[list[str]] = None, year: Optional[int] = None, section: Optional[str] = None,
               province: Optional[str] = None, city: Optional[str] = None,
               county: Optional[str] = None) -> list[Passage]: ...


def bigrams(text: str) -> set[str]:
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    out = {w[i:i + 2] for w in cjk.split() for i in range(len(w) - 1)}
    out |= set(re.findall(r"[a-z]{3,}", text.lower()))
    return out - STOP_BIGRAMS


SECTION_ROWS = ("SELECT s.report_id, r.file, r.agency, r.agency_full, r.year, s.number, s.heading, s.start_line, s.text\n"
                "FROM sections AS s\nJOIN reports AS r ON r.id = s.report_id")


def _section_passage(row, start: int, text: str, score: float = 0.0) -> Passage:
    """A passage of a `SECTION_ROWS` row: `text` of its section, from line `start`."""
    return Passage(chunk_id=f"{row['report_id']}:{row['number']}:{start}", report_id=row["report_id"], file=row["file"],
                   agency=row["agency_full"] or row["agency"], year=row["year"], section=row["number"],
                   heading=row["heading"] or "", lines=(start, start), text=text, score=score)


class SectionSearch:
    """Lexical search over the `sections` table (used when no passage index is available)."""

    def __init__(self, runner: Runner):
        self.runner = runner

    def search(self, query: str, k: int = 5, mode: str = "lexical", agency: Optional[str] = None,
               report_ids: Optional[list[str]] = None, year: Optional[int] = None, section: Optional[str] = None,
               province: Optional[str] = None, city: Optional[str] = None,
               county: Optional[str] = None) -> list[Passage]:
        from qa.models import RegionFilter

        region = RegionFilter(province=province, city=city, county=county)
        scope = Scope(report_ids=report_ids, years=[year] if year else [],
                      region=None if region.is_empty() else region)
        clauses, params = scope.where()
        if section:
            clauses.append("s.number = :section")
            params["section"] = section
        sql = SECTION_ROWS + (f"\nWHERE {' AND '.join(clauses)}" if clauses else "")
        q = bigrams(query)
        scored: list[Passage] = []
        for row in self.runner.rows(sql, params):
            for n, (start, chunk) in enumerate(_paragraphs(row["text"] or "", row["start_line"] or 1)):
                score = len(q & bigrams(chunk)) / math.sqrt(len(bigrams(chunk)) + 4) + 0.01 / (n + 1)
                scored.append(_section_passage(row, start, chunk, score))
        scored.sort(key=lambda p: -p.score)
        return scored[:k]


def _paragraphs(text: str, first_line: int) -> list[tuple[int, str]]:
    out = []
    for i, line in enumerate(text.split("\n")):
        line = MARKS.sub(" ", line).strip()
        if len(line) >= 12:
            out.append((first_line + i, line))
    return out


# a body line broken mid-sentence (a page or line break: …纳入局绩效 / 考核的范围。): a long line with no end mark, the next
# starting with a character, not an enumerator or a heading
_BROKEN = re.compile(r"(?<=[^\n。！？；!?;：:]{20})(?<=[\u4e00-\u9fff，、])\n+(?=[\u4e00-\u9fff])(?![一二三四五六七八九十]+[、是]|第[一二三四五六七八九十])")


def sentences(text: str) -> list[str]:
    """Sentences worth quoting (main section headings are not)."""
    out = [s.strip() for s in SENTENCE.split(_BROKEN.sub("", MARKS.sub(" ", text))) if s and len(s.strip()) >= 8]
    return [s for s in out if not (HEADING.match(s) and len(s) <= 40)]


# Section 五 of the template ("存在的主要问题及改进情况") states problems and the measures against them,
# as two sub-parts or point by point (一是<problem>。<measure>。二是…). A sentence is a measure when it
# starts with what will be or was done (an action verb, 下一步, 将), a problem when it names a lack
# (有待, 不足, 不够…); an enumerated short sentence with neither is a point's title, which in a
# point-by-point section names the problem.
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、：:]?|[（(][一二三四五六七八九十\d]+[）)]|"
                         r"\d+[、.．]|[一二三四五六七八九十]+[、.．])\s*")
_MEASURE_START = re.compile(r"^(?:改进|整改|加强|进一步|持续|继续|推进|推动|完善|健全|提高|提升|强化|加大|规范|落实|建立|做好|坚持|积极|"
                            r"认真|严格|确保|下一步|今后|明年|将|我们将|根据|按照|结合|针对|通过|定期|组织|开展|拓宽|丰富|"
                            r"优化|深化|抓好|着力|切实|注重|严把|全面|不断|及时|主动|扎实|围绕|聚焦|做到|力争|计划|拟)")
_PROBLEM_MARK = re.compile(r"有待|不够|不足|欠缺|薄弱|滞后|不到位|不及时|不高|不强|不规范|不完善|不全面|不够全面|较少|偏少|"
                           r"较弱|单一|问题|短板|差距|仍需|还需|尚需|亟待|存在|缺乏|不平衡|参差不齐|不深|不细")
_FUTURE = re.compile(r"下一步|今后|明年|新的一年|改进措施|整改措施|以下措施|以下工作|"
                     r"将(?:以|进一步|继续|持续|加强|切实|着力|重点|全面|抓好|做好|认真|不断|积极)")


def part_of(sentence: str) -> Optional[str]:
    """"problems", "measures" or "point" (an enumerated title) for a sentence of section 五; None: neither."""
    rest = _ENUMERATOR.sub("", sentence.strip(), count=1)
    enumerated = rest != sentence.strip()
    if _MEASURE_START.match(rest) or _FUTURE.search(rest):
        return "measures"
    if _PROBLEM_MARK.search(rest):
        return "problems"
    if enumerated and len(rest) <= 40:
        return "point"
    return None


def _family(sentence: str) -> Optional[str]:
    """The kind of enumerator a sentence starts with (一是 / 第一 / （一） / 1. / 一、), None without one."""
    m = _ENUMERATOR.match(sentence.strip())
    if not m:
        return None
    e = m.group(0).strip()
    return "是" if e.endswith("是") else "第" if e.startswith("第") else "(" if e[0] in "（(" else \
        "1" if e[0].isdigit() else "、"


def _heading(sentence: str) -> bool:
    """A sub-part's heading ((一) 存在的主要问题): a title, nothing to quote as what the report says."""
    return len(_ENUMERATOR.sub("", sentence.strip(), count=1)) <= 10 and not SENTENCE_END.search(sentence[-1:])


def _wanted(part: Optional[str], candidates: list[str]):
    if part == "problems":
        # a point's title counts when problems are enumerated the same way (一是…有待提高。二是细化…)
        families = {_family(s) for s in candidates if part_of(s) == "problems"} - {None}
        return lambda s: not _heading(s) and (
            part_of(s) == "problems" or (part_of(s) == "point" and _family(s) in families))
    if part == "measures":
        return lambda s: not _heading(s) and part_of(s) == "measures"
    return None


def best_sentences(passages: list[Passage], query: str, n: int = 3,
                   part: Optional[str] = None) -> list[tuple[Passage, str]]:
    """The n sentences of `passages` closest to `query` (of section 五's `part` only, when it has any),
    report by report (in the order they rank), by line, by place in the passage."""
    q = bigrams(query)
    ranked: list[tuple[float, int, Passage, str, int]] = []
    seen: set[str] = set()
    for rank, p in enumerate(passages):
        for j, s in enumerate(sentences(p.text)):
            if s in seen:
                continue  # overlapping passages repeat a sentence: quote it once
            seen.add(s)
            score = len(q & bigrams(s)) / math.sqrt(len(bigrams(s)) + 4) - 0.05 * rank - 0.01 * j
            ranked.append((score, len(ranked), p, s, j))
    keep = _wanted(part, [r[3] for r in ranked])
    if keep is not None and any(keep(s) for _, _, _, s, _ in ranked):
        ranked = [r for r in ranked if keep(r[3])]
    best = sorted(ranked, key=lambda x: (-x[0], x[1]))[:n]
    first = {}
    for _, _, p, _, _ in sorted(best, key=lambda x: (-x[0], x[1])):
        first.setdefault(p.report_id, len(first))
    best.sort(key=lambda x: (first[x[2].report_id], x[2].lines[0] if x[2].lines else 0, x[4], x[1]))
    return [(p, s) for _, _, p, s, _ in best]


def in_document(picked: list[tuple[Passage, str]], runner: Optional[Runner]) -> list[tuple[Passage, str]]:
    """The quotes as whole sentences (a passage cut mid-sentence is completed from its section's stored
    text) and in document order within each report (passages cut from one long paragraph share a line
    number, so the section text decides)."""
    if runner is None or not picked:
        return picked
    ids = sorted({p.report_id for p, _ in picked})
    rows = runner.rows("SELECT report_id, number, text FROM sections WHERE report_id IN "
                       "(SELECT value FROM json_each(:ids))", {"ids": json.dumps(ids)}, show=False)
    texts = {(r["report_id"], r["number"]): MARKS.sub(" ", r["text"] or "") for r in rows}
    order = list(dict.fromkeys(p.report_id for p, _ in picked))
    sections = list(dict.fromkeys(r["number"] for r in rows))
    placed = []
    for n, (p, s) in enumerate(picked):
        text = texts.get((p.report_id, p.section), "")
        at = text.find(s)
        if at > 0 and not SENTENCE_END.match(text[at - 1]) and text[at - 1] != "\n":
            start = max(text.rfind(c, 0, at) for c in "。！？；!?;\n") + 1
            s = text[start:at].strip() + s  # the sentence's beginning, which the passage cut off
        placed.append((order.index(p.report_id), sections.index(p.section) if p.section in sections else 99,
                       at if at >= 0 else 10**9, n, p, s))
    placed.sort(key=lambda x: x[:4])
    return [(p, s) for *_, p, s in placed]


SENTENCE_END = re.compile(r"[。！？；!?;]")


def passages(plan: Plan, search: PassageSearch, index: NameIndex, runner: Optional[Runner] = None) -> Outcome:
    agencies = resolve_agencies(plan, index)
    ids = within_limit([r.id for a in agencies for r in a.reports if not plan.years or r.year in plan.years] or None)
    if (agencies or ids is not None) and not ids:
        return no_data(plan, "数据库中没有该单位这一年的年报。", "That agency has no report for that year.",
                       route="passages")
    if not agencies and (plan.agency_kind or plan.organ):
        # a kind of agency asked (街道报告里说了哪些问题, the statistics bureaus' reports): the text of those agencies only
        kind = [a for a in index.agencies if (not plan.agency_kind or a.latest.kind == plan.agency_kind)
                and (not plan.organ or (plan.organ in a.label) != plan.organ_out)]
        ids = within_limit([r.id for a in kind for r in a.reports if not plan.years or r.year in plan.years])
        if not ids:
            return no_data(plan, "数据库中没有这类单位的年报。", "The database holds no report of that kind of agency.",
                           route="passages")
    if plan.wants_number and plan.terms and runner is not None:
        # a number asked of the prose: the sentences that name the asked words with a number in them first
        stated = stated_figure(plan, runner, index)
        if stated is not None and stated.value is not None:
            return stated
    region = plan.region
    kwargs = dict(report_ids=ids, year=plan.years[0] if len(plan.years) == 1 and not ids else None,
                  province=region.province if region else None, city=region.city if region else None,
                  county=region.county if region else None)
    query = plan.search or "政府信息公开"
    found = search.search(query, k=6, section=plan.section, **kwargs) if plan.section else []
    if not found:
        found = search.search(query, k=6, **kwargs)
    if not found:
        return no_data(plan, "没有找到相关的报告段落。", "No passage of the reports matches.", route="passages")
    if plan.section and ids and runner is not None and not any(p.section == plan.section for p in found):
        found = _whole_sections(runner, ids, plan.section) + found  # (六: 无, too short for any search to find)
    if plan.section and any(p.section == plan.section for p in found):
        found = [p for p in found if p.section == plan.section]  # the section asked, not others the words match
    picked = in_document(best_sentences(found, query, n=3, part=plan.part), runner)
    if not picked and plan.section:
        # a section asked by number whose text shares no word with the question (六、其他需要报告的事项 — 无): what
        # it says, whole, rather than nothing
        picked = [(p, (p.text or "").strip()) for p in found if p.section == plan.section and (p.text or "").strip()][:2]
    if plan.wants_number and not any(STATED_NUMBER.search(YEAR_WORD.sub("", s)) for _, s in picked):
        # a number was asked and the quotes state none: they would answer something else
        return no_data(plan, "年报正文中没有找到这个数字。", "The reports' text states no such number.", route="passages")
    cites = [Citation(file=p.file, report=p.report_id, section=p.section, quote=s) for p, s in picked]
    text = say(plan, *_quoted_by_report(picked, index))
    items = _agency_items(index, [p for p, _ in picked])
    value, unit = None, None
    if plan.wants_number and len({p.report_id for p, _ in picked}) == 1:
        # one report's quotes and a number asked: the number its sentence gives the asked words, if one does
        stated = next((n for _, sent in picked if (n := stated_answer(plan, sent, plan.search or ""))[2]), None)
        if stated is not None:
            value, unit, head = stated
            text = head + text
    return Outcome(status="answered", text=text, items=items, citations=cites, route="passages", value=value, unit=unit,
                   coverage=Coverage(used=list(dict.fromkeys(p.report_id for p, _ in picked))),
                   evidence=[s for _, s in picked])


def _whole_sections(runner: Runner, ids: list[str], section: str) -> list[Passage]:
    """Section `section` of each report in `ids`, whole, as passages (a section asked by number that no search
    returned: a one-word section such as 六、其他需要报告的事项 — 无)."""
    rows = runner.rows(SECTION_ROWS + "\nWHERE s.number = :section AND s.report_id IN (SELECT value FROM json_each(:ids))",
                       {"section": section, "ids": json.dumps(ids)})
    return [_section_passage(row, row["start_line"] or 1, (row["text"] or "").strip())
            for row in rows if (row["text"] or "").strip()]


def _sec(number: str) -> str:
    return f"第{number}部分" if number else ""


def _quoted_by_report(picked: list[tuple[Passage, str]], index: NameIndex) -> tuple[str, str]:
    """(zh, en) text: the quotes grouped by report, section and sub-part, in the order `picked` gives
    (document order within a report), each group named by its agency, year and sub-part heading.
    Every quote is attributed to the report it came from (the text named the top search hit's agency
    for every quote, also those picked from another report)."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    first: dict[tuple[str, str, str], Passage] = {}
    for p, s in picked:
        key = (p.report_id, p.section, p.subheading)
        groups.setdefault(key, []).append(f"“{clip(s, 160)}”")
        first.setdefault(key, p)
    zh, en = [], []
    for key, quotes in groups.items():
        p = first[key]
        agency = index.by_report(p.report_id)
        who = agency.label if agency else (p.agency or p.file)
        year = f"（{p.year}）" if p.year else ""
        sub = p.subheading.strip()
        zh.append(f"{who}{year}年报{_sec(p.section)}{f'“{sub}”' if sub else ''}中写道：{' '.join(quotes)}")
        en.append(f"{who}'s report{f' ({p.year})' if p.year else ''}, section {p.section}"
                  f"{f' ({sub})' if sub else ''}, says: {' '.join(quotes)}")
    return "\n\n".join(zh), "\n\n".join(en)


def _agency_items(index: NameIndex, found: list[Passage]) -> list[Item]:
    items: list[Item] = []
    for p in found:
        agency = index.by_report(p.report_id)
        label = agency.label if agency else (p.agency or p.file)
        if not any(i.label == label for i in items):
            items.append(Item(label=label, report=p.report_id, year=p.year, file=p.file))
    return items


def mentions(plan: Plan, runner: Runner, index: NameIndex, search: Optional[PassageSearch]) -> Outcome:
    """Reports whose sections contain every term group (exact substring), one quote per agency."""
    if not plan.terms:
        return no_data(plan, "请说明要查找的内容（例如“哪些报告提到了培训”）。",
                       "Say what to look for (e.g. 'Which reports mention training?').", route="passages")
    agencies = resolve_agencies(plan, index)
    scope = Scope.of(plan, [r.id for a in agencies for r in a.reports] if agencies else None)
    clauses, params = scope.where()
    ors = []
    searched = [_parallel_forms(g) for g in plan.terms]  # (the forms looked for; the terms as asked are what is said)
    for g, group in enumerate(searched):
        for t, term in enumerate(group):
            name = f"t{g}_{t}"
            params[name] = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            ors.append(f"s.text LIKE :{name} ESCAPE '\\'")
    if plan.section:  # (which mention training in section 五: that section only)
        params["section"] = plan.section
        clauses = [*clauses, "s.number = :section"]
    sql = ("SELECT s.report_id, r.file, r.year, s.number, s.text\nFROM sections AS s\n"
           "JOIN reports AS r ON r.id = s.report_id\nWHERE (" + " OR ".join(ors) + ")"
           + ("".join(f" AND {c}" for c in clauses)) + "\nORDER BY r.file, s.start_line")
    rows = runner.rows(sql, params)
    hits = _matching_reports(rows, searched, same_sentence=plan.loose_terms)
    if not plan.section:  # (a report's opening comes before every section)
        hits.update({rid: hit for rid, hit in _matching_reports(_openings(runner, ors, clauses, params), searched,
                                                                same_sentence=plan.loose_terms).items() if rid not in hits})
    items: list[Item] = []
    cites: list[Citation] = []
    extra: list[Citation] = []
    years: dict[str, list[int]] = {}
    for report_id, (row, quote) in hits.items():
        agency = index.by_report(report_id)
        label = agency.label if agency else row["file"]
        years.setdefault(label, []).append(row["year"])
        if any(i.label == label for i in items):
            # one item per agency, but every report of it that says so is cited
            extra.append(Citation(file=row["file"], report=report_id, section=row["number"], quote=quote))
            continue
        items.append(Item(label=label, report=report_id, year=row["year"], file=row["file"]))
        cites.append(Citation(file=row["file"], report=report_id, section=row["number"], quote=quote))
    terms = " + ".join("/".join(g) for g in plan.terms)
    yes_no = plan.boolean is not None and bool(agencies)
    split = _split_phrases(plan.terms)
    if not items and split != plan.terms:
        # no report writes the question's phrase (要邀请律师来授课): its content words, each required in one
        # section (定期邀请律师、法律专家等前来授课), said as such
        found = mentions(plan.model_copy(update={"terms": split}), runner, index, search)
        if found.items:
            found.text = say(plan, f"没有年报原文写“{terms}”；按其中的词语查找：", f"No report writes '{terms}'; "
                             "looking for its words instead: ") + found.text
            return found
    loose = _topic_and_act(plan.terms)
    if loose != plan.terms and not plan.loose_terms:
        # a topic and what is done with it written as one phrase (部门预算公开): reports write them apart in
        # one sentence (公开《2020年部门预算和“三公”经费预算公开情况说明》); those reports mention it too
        found = mentions(plan.model_copy(update={"terms": loose, "loose_terms": True}), runner, index, search)
        if len(found.items) > len(items):
            found.text = say(plan, f"按“{'”与“'.join(g[0] for g in loose)}”在同一句中查找：",
                             f"Looking for '{' and '.join(g[0] for g in loose)}' in one sentence: ") + found.text
            return found
    if not items and _worded(plan.terms):
        # a phrase no report writes word for word, with a choice or several acts in it (成立或调整了…领导小组): that
        # no report says so in other words is not known, so no "none" is given
        return Outcome(status="no_data", route="passages", items=[], text=say(
            plan, f"没有年报原文写出“{terms}”这一说法；换种写法的内容无法判断，请用更短的关键词再问（例如只写“领导小组”）。",
            f"No report writes '{terms}' word for word; whether one says it in other words cannot be told, so ask "
            f"again with a shorter key word."))
    if not items:
        who_zh = "、".join(a.label for a in agencies) + "的年报" if agencies else "年报"
        return Outcome(status="answered", route="passages", items=[], value=False if yes_no else 0,
                       unit=None if yes_no else "count",
                       text=say(plan, f"{'否。' if yes_no else ''}没有{who_zh}提到“{terms}”。",
                                f"{'No. ' if yes_no else ''}No report{' of ' + agencies[0].label if agencies else ''} "
                                f"mentions '{terms}'."))
    listing = "；".join(f"{i.label}（{'、'.join(str(y) for y in sorted(set(years[i.label])) if y)}）："
                       f"“{clip(c.quote or '', 80)}”" for i, c in zip(items, cites, strict=True))
    return Outcome(status="answered", route="passages", items=items, citations=cites + extra,
                   coverage=Coverage(used=[c.report for c in cites + extra]), value=True if yes_no else None,
                   text=say(plan, f"{'是。' if yes_no else ''}提到“{terms}”的年报有{len(cites) + len(extra)}份"
                                  f"（{len(items)}个单位）：{listing}",
                            f"{'Yes. ' if yes_no else ''}{len(cites) + len(extra)} reports ({len(items)} agencies) "
                            f"mention '{terms}': {listing}"),
                   evidence=[c.quote or "" for c in cites])


# two parallel slogans named as one (六稳六保, 三公经费?): reports quote them apart (“六稳”“六保”, 六稳、六保)
_PARALLEL = re.compile(r"([一二三四五六七八九十两])([\u4e00-\u9fff]{1,2})\1([\u4e00-\u9fff]{1,2})")


def _parallel_forms(group: list[str]) -> list[str]:
    """`group` with the forms reports write a pair of parallel slogans in (六稳六保 → “六稳”“六保”, 六稳、六保)."""
    out = list(group)
    for term in group:
        m = _PARALLEL.fullmatch(term)
        if m:
            a, b = m.group(1) + m.group(2), m.group(1) + m.group(3)
            out += [f"{a}”“{b}", f"{a}\"“{b}", f"{a}\"\"{b}", f"{a}、{b}", f"{a}”、“{b}", f"{a}和{b}", f"{a}”和“{b}"]
    return list(dict.fromkeys(out))


def _worded(groups: list[list[str]]) -> bool:
    """A looked-for phrase that is wording, not a term: long, or with a choice or a join in it (成立或调整了…)."""
    return any(len(t) >= 8 or re.search(r"或|和|及|与|并|\bor\b|\band\b", t) for g in groups for t in g)


# little words that join the content words of a phrase (要邀请律师来授课: 邀请律师 + 授课)
_JOINERS = re.compile(r"要|来|去|把|给|向|让|将|会|能|并|再|还|得|着|了")


def _split_phrases(groups: list[list[str]]) -> list[list[str]]:
    """Single-term groups of a long phrase split at its joining words into content words of two or more
    characters (each then a group of its own); other groups as they are."""
    out: list[list[str]] = []
    for g in groups:
        parts = [p for p in _JOINERS.split(g[0]) if len(p) >= 2] if len(g) == 1 and len(g[0]) >= 5 else []
        out += [[p] for p in parts] if len(parts) >= 2 else [g]
    return out


# what is done with a topic, written after it in one phrase (部门预算公开, 政策解读工作): reports also write the two apart
_ACTS = re.compile(r"(.{2,}?)(公开|发布|工作|情况|说明)$")


def _topic_and_act(groups: list[list[str]]) -> list[list[str]]:
    """Single-term groups ending in an act (部门预算公开) as the topic and the act, two groups; others as they are."""
    out: list[list[str]] = []
    for g in groups:
        m = _ACTS.match(g[0]) if len(g) == 1 else None
        out += [[m.group(1)], [m.group(2)]] if m else [g]
    return out


OPENING_CHARS = 1200  # a report's title and opening paragraph (依据《条例》编制…报送区档案馆) come before section 一
_FIRST_SECTION = re.compile(r"^\s*#*\s*一\s*[、.．]", re.M)


def _openings(runner: Runner, ors: list[str], clauses: list[str], params: dict) -> list[dict]:
    """The opening paragraph of each report in scope (before section 一, which the sections table starts at),
    as rows like the sections' (number None) where it holds a term; only the text's start is searched."""
    likes = " OR ".join(o.replace("s.text", f"substr(t.text, 1, {OPENING_CHARS})") for o in ors)
    sql = (f"SELECT t.report_id, r.file, r.year, substr(t.text, 1, {OPENING_CHARS}) AS text\nFROM report_texts AS t\n"
           f"JOIN reports AS r ON r.id = t.report_id\nWHERE ({likes})" + "".join(f" AND {c}" for c in clauses)
           + "\nORDER BY r.file")
    out = []
    for row in runner.rows(sql, params):
        text = row["text"] or ""
        head = _FIRST_SECTION.search(text)
        out.append({"report_id": row["report_id"], "file": row["file"], "year": row["year"], "number": None,
                    "text": text[:head.start()] if head else ""})
    return out


def _matching_reports(rows, groups: list[list[str]], same_sentence: bool = False) -> dict[str, tuple]:
    """report -> (section row, quote) when one section names every group (one sentence, with `same_sentence`);
    the quote is the sentence that names the most of them (several words in one breath, not scattered)."""
    out = {}
    for row in rows:
        text = row["text"] or ""
        if row["report_id"] in out or not all(any(t in text for t in g) for g in groups):
            continue
        scored = [(sum(any(t in sent for t in g) for g in groups), -i, sent)
                  for i, sent in enumerate(sentences(text)) if any(t in sent for t in groups[0])]
        if same_sentence:
            scored = [x for x in scored if x[0] == len(groups)]
        if scored:
            out[row["report_id"]] = (row, max(scored)[2])
        elif not same_sentence:
            # the words are in the text but in no sentence worth quoting (a fragment, a table cell): the report
            # mentions them all the same, quoted by the words around the first
            at = min(text.find(t) for t in groups[0] if t in text)
            out[row["report_id"]] = (row, re.sub(r"\s+", " ", text[max(0, at - 30):at + 30]).strip())
    return out


YEAR_WORD = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?!\d)\s*年?(?!\s*(?:条|件|个|项|次|期|篇|场|份|起|名|人|家|位|元|万|亿|%|％))")  # 2019年, not 2019条
# a counted or priced number (7期, 2428 条, 0 元, 2.4万), not an enumerator like "(1)"
STATED_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:条|件|个|项|次|期|篇|场|份|起|名|人|家|位|元|万|亿|%|％)")


def stated_figure(plan: Plan, runner: Runner, index: NameIndex) -> Optional[Outcome]:
    """A number the tables do not hold but the prose states (全年收取政府信息公开信息处理费0元): the sentences
    that name the asked thing with a number in them, quoted; None when no report states it."""
    words = [g[0] for g in plan.terms if g]
    if not words:
        return None
    agencies = resolve_agencies(plan, index)
    ids = [r.id for a in agencies for r in a.reports] if agencies else None
    scope = Scope.of(plan, ids)
    clauses, params = scope.where()
    # the question's words as character pairs: a report writes 官方微博主动公开 where the question says
    # 通过官方微博主动公开, 在政府网站主动公开 where it says 在政府网站上主动发布; whole-word matching missed them
    grams = sorted({g for w in words for g in (w[i:i + 2] for i in range(len(w) - 1))
                    if re.fullmatch(r"[\u4e00-\u9fff]{2}", g)} - STOP_BIGRAMS - {"多少", "总共", "一共"})
    if not grams:
        return None
    likes = []
    for i, g in enumerate(grams[:24]):
        params[f"w{i}"] = "%" + g + "%"
        likes.append(f"s.text LIKE :w{i}")
    sql = ("SELECT s.report_id, r.file, r.year, s.number, s.text\nFROM sections AS s\nJOIN reports AS r ON r.id = s.report_id"
           f"\nWHERE ({' OR '.join(likes)})" + "".join(f" AND {c}" for c in clauses) + "\nORDER BY r.year DESC, r.file")
    need = min(max(2, len(grams) / 2), len(grams))  # a one-word figure (微博): that word
    if plan.language == "en":
        need = len(grams)  # the words are our translation of the question's: every one of them, or no answer
    found: dict[str, tuple] = {}
    for row in runner.rows(sql, params):
        for sent in sentences(row["text"] or ""):
            weight = sum(1 for g in grams if g in sent)
            if weight >= need and STATED_NUMBER.search(YEAR_WORD.sub("", sent)):
                best = found.get(row["report_id"])
                if best is None or weight > best[0]:
                    found[row["report_id"]] = (weight, row, sent)
    if not found:
        return None
    picked = sorted(found.values(), key=lambda x: (-x[0], -(x[1]["year"] or 0)))[:5]
    cites = [Citation(file=row["file"], report=row["report_id"], section=row["number"], quote=sent)
             for _, row, sent in picked]
    items = []
    for _, row, _ in picked:
        agency = index.by_report(row["report_id"])
        items.append(Item(label=agency.label if agency else row["file"], report=row["report_id"], year=row["year"],
                          file=row["file"]))
    quotes = "；".join(f"{i.label}（{i.year}）{_sec(c.section or '')}：“{clip(c.quote or '', 160)}”"
                      for i, c in zip(items, cites, strict=True))
    value, unit, head = None, None, ""
    if len(picked) > 1 and plan.aggregate == "sum" and plan.ratio != "share":
        # each report's stated figure, added up (how many items did it publish across its 2023 and 2024 reports),
        # when every sentence gives one clearly and in one unit
        each = [stated_answer(plan, sent, plan.search or " ".join(words), named_only=plan.language == "en")
                for _, _, sent in picked]
        if all(v is not None for v, _, _ in each) and len({u for _, u, _ in each}) == 1:
            for item, (v, u, _) in zip(items, each, strict=True):
                item.value, item.unit = v, u
            value, unit = sum(v for v, _, _ in each), each[0][1]
            added = " + ".join(fmt_value(v, u, plan.language) for v, u, _ in each)
            head = say(plan, f"年报正文（非统计表）写明的数字相加：{added} = {fmt_value(value, unit, plan.language)}。",
                       f"The reports' texts (not a table) state {added} = {fmt_value(value, unit, plan.language)}. ")
    if len(picked) == 1:  # one report's sentence: the number the question's words lead to, if one clearly does
        # an English question's words are our translation: the number's own clause must name the thing
        value, unit, head = stated_answer(plan, picked[0][2], plan.search or " ".join(words),
                                          named_only=plan.language == "en")
        items[0].value, items[0].unit = value, unit
    return Outcome(status="answered", route="passages", items=items, citations=cites, value=value, unit=unit,
                   coverage=Coverage(used=[i.report for i in items if i.report]), evidence=[c.quote or "" for c in cites],
                   text=head + say(plan, f"统计表中没有这一项，但年报正文写道：{quotes}",
                                   f"The tables have no such figure, but the report text says: {quotes}"))


_CLAUSE_NUMBER = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|亿元|元|人次|条|件|个|项|次|期|篇|场|份|起|名|人|家|位|%|％|万|亿)")
_MONEY_WORDS = re.compile(r"元|金额|费|罚款|罚没|资金|经费|总额|预算")
_CLAUSE_START = re.compile(r"[，,。；;：:、（(]|其中")
_GENERIC_COUNTED = {"信息", "政府信息", "数量", "条数", "件数", "数据", "内容", "事项"}
_TOTAL_WORD = re.compile(r"共|合计|总计|累计|总共")


_JOINED = re.compile(r"和|与|及|以及|加上|、|\band\b|\bplus\b")


def _parts_added(sentence: str, asked: str, named_only: bool) -> Optional[tuple[float, str, str]]:
    """微信公众号和官方微博合计主动公开了多少条: the numbers the sentence gives each part joined in the question,
    added up, when each part leads to its own number. None otherwise."""
    head = re.split(r"合计|一共|总共|共计|加起来|together|combined|in total", asked)[0]
    parts = [p for p in _JOINED.split(head) if re.search(r"[\u4e00-\u9fff]{2}", p)]
    if len(parts) < 2:
        return None
    found = [stated_number(sentence, re.sub(r"^.*?(通过|在|的)", "", p) + "多少", named_only=named_only) for p in parts]
    if any(f is None for f in found) or len({f[2] for f in found}) != len(found) or len({f[1] for f in found}) != 1:
        return None
    return sum(f[0] for f in found), found[0][1], " + ".join(f[2] for f in found)


def stated_answer(plan: Plan, sentence: str, asked: str, named_only: bool = False) -> tuple[Value, Optional[str], str]:
    """(value, unit, the words saying it) of the number `sentence` states for the question, or (None, None, ""):
    the count or amount asked, or, asked as a share, that number over the total the sentence states (none
    when it states no total: a count is not the share asked)."""
    if plan.ratio != "share" and plan.aggregate == "sum" and (added := _parts_added(sentence, asked, named_only)):
        value, unit, raw = added
        return value, unit, say(plan, f"年报正文（非统计表）写明：{raw}，合计{fmt_value(value, unit, plan.language)}。",
                                f"The report text (not a table) states {raw} = {fmt_value(value, unit, plan.language)}. ")
    if plan.ratio != "share":
        found = stated_number(sentence, asked, named_only=named_only)
        if found is None:
            return None, None, ""
        value, unit, raw = found
        return value, unit, say(plan, f"年报正文（非统计表）写明：{raw}。", f"The report text (not a table) states {raw}. ")
    # the part is what is looked for, asked as a count: by the figure's own words where the question gave them
    # (微博发布, not the 信息 of 微博发布的信息), else by the question without its share words
    named = [g[0] for g in plan.terms if g and g[0] not in _GENERIC_COUNTED]
    part_asked = "".join(named) if named else STATED_SHARE.sub(" ", asked).rstrip("？?。 ")
    part_asked = part_asked if re.search(r"多少|几", part_asked) else part_asked + "多少"
    # (a sentence listing parts after 其中: the part is among them, the number before 其中 being their total)
    parts_listed = sentence.split("其中", 1)[1] if "其中" in sentence else sentence
    part = stated_number(parts_listed, part_asked, named_only=named_only)
    if part is None:
        return None, None, ""
    total = stated_total(sentence, part[0], asked)
    if total is None:
        return None, None, say(plan, f"年报正文写明{part[2]}，但没有写出可作分母的总数，因此不给出比例。",
                               f"The report text states {part[2]} but no total to take it as a share of, so no share "
                               f"is given. ")
    value = round(part[0] / total[0] * 100, 2)
    return value, "percent", say(plan, f"年报正文（非统计表）写明：{part[2]}，总数{total[1]}；占比 {part[2]} ÷ {total[1]} = "
                                       f"{value:.2f}%。",
                                 f"The report text (not a table) states {part[2]} of a total of {total[1]}: {value:.2f}%. ")


def stated_total(sentence: str, part: float, question: str) -> Optional[tuple[float, str]]:
    """The whole a stated part is a share of: a number the question itself states that the sentence prints
    (the 1,459 items), else the sentence's own total (全年累计发布政府信息1459条, before its 其中). (value, printed)"""
    asked = {float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", question)}
    text = YEAR_WORD.sub(lambda m: " " * len(m.group(0)), sentence)
    found = [(float(m.group(1).replace(",", "").replace("，", "")), m) for m in _CLAUSE_NUMBER.finditer(text)]
    for value, m in found:
        if value in asked and value > part:
            return value, sentence[m.start():m.end()].strip()
    head = text.split("其中")[0]
    totals = [(value, m) for value, m in found if m.end() <= len(head) and value > part and
              _TOTAL_WORD.search(head[max(0, m.start() - 12):m.start()])]
    if not totals and len(head) < len(text):  # 全年主动公开政府信息7条，其中业务公文6条: the number 其中 divides
        before = [(value, m) for value, m in found if m.end() <= len(head)]
        totals = before[-1:] if before and before[-1][0] > part else []
    return (totals[0][0], sentence[totals[0][1].start():totals[0][1].end()].strip()) if len(totals) == 1 else None


# measure words that may count the same thing (a question's 几个 asks any count; 几件 may be printed 起 or 项)
_MEASURES = ({"条", "项", "篇", "个"}, {"件", "起", "项", "个"}, {"次", "场", "期", "人次", "个"}, {"份", "篇", "个"},
             {"名", "人", "位", "人次", "个"}, {"家", "个"}, {"元", "万元", "亿元", "万", "亿", "钱", "块"})


def _same_measure(asked: str, printed: str) -> bool:
    return asked == printed or any(asked in group and printed in group for group in _MEASURES)


def stated_number(sentence: str, question: str, named_only: bool = False) -> Optional[tuple[float, str, str]]:
    """The number of `sentence` the question asks about: each number is read with the words of its own
    clause before it (`“鄞州统计”官方微博主动公开912条` → 912 for 官方微博), scored by the character pairs
    they share with the question, and with the question's measure word (多少条 → 条). (value, unit,
    printed) when one number scores clearly best, else None (the quote answers, no number is picked)."""
    pairs = {question[i:i + 2] for i in range(len(question) - 1)} - {"多少", "一共", "共计", "全年", "年度"}
    # the clause of the question that asks (业务公文占几条 after 主动公开的信息里): what is counted
    asking = re.split(r"[，,；;。]", question)
    focus = next((c for c in reversed(asking) if re.search(r"多少|几", c)), question)
    focus_pairs = {focus[i:i + 2] for i in range(len(focus) - 1)} & pairs
    # the words right before the question word name the thing counted (主动公开的里头业务公文几条: 业务公文)
    # (a quoted label is the thing counted: “鼓楼统计”类信息有多少条)
    quoted = quoted_labels(question)
    head = re.search(r"([\u4e00-\u9fff]{2,6}?)(?:的|了|共|有|是|占)*\s*(?:多少|几)", focus)
    named = quoted[-1] if quoted else (head.group(1) if head else "")
    # the noun right before the question word, after the last 的/里/中 (主动公开的政府信息里业务公文有几条: 业务公文)
    inner = re.split(r"的|里|中|之中|当中|内", named)[-1]
    # (a generic noun there names nothing: 微博发布的信息 is counted by 微博发布)
    named = inner if len(inner) >= 2 and inner not in _GENERIC_COUNTED else named
    head_pairs = {named[i:i + 2] for i in range(len(named) - 1)}
    pairs |= head_pairs
    # the measure word the asking clause counts in (几份, 多少条): a number printed in another measure counts
    # something else (库里有几份年报 is no 142条). Only the clause that asks: 几起 in 查处那几起案件，罚款总额是多少
    # is not what is asked
    measure = re.search(r"(?:多少|几)\s*(万元|元|条|件|个|项|次|期|篇|场|份|起|名|人|家|位|钱|块)", focus)
    scored = []
    text = YEAR_WORD.sub(lambda m: " " * len(m.group(0)), sentence)
    last = 0
    for m in _CLAUSE_NUMBER.finditer(text):
        starts = [c.end() for c in _CLAUSE_START.finditer(text, last, m.start())]
        context = text[(starts[-1] if starts else last):m.start()]
        if _TOTAL_WORD.search(context) and not re.search(r"其中", text[:m.start()]):
            # a total (本年度共发布各类信息142条) counts what the sentence is about: its earlier clauses name it
            # (…专题栏目信息公开第一平台作用，本年度共发布…), unlike the parts listed after 其中
            context = text[:m.start()]
        # the asking clause names what is counted; the question's other words (its scope) only break ties
        # (each pair counted once: a clause saying 公开 twice names the thing no better)
        score = sum((2.0 if quoted else 3.0) if pair in head_pairs else 1.0 if pair in focus_pairs else 0.1
                    for pair in {context[i:i + 2] for i in range(len(context) - 1)} if pair in pairs)
        if quoted and named in context:
            score += 10  # the quoted label itself, whole, names this number (“鼓楼统计” 75 条), not pairs of it
        if measure and not _same_measure(measure.group(1), m.group(2)):
            score = -100.0  # another measure: not the thing counted
        if named_only and not any(context[i:i + 2] in head_pairs for i in range(len(context) - 1)):
            score = 0  # the clause does not name the thing counted (the question's words were translated)
        scored.append((score, m))
        last = m.end()
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    best, m = scored[0]
    if best <= 0 or (len(scored) > 1 and scored[1][0] >= best):
        return None
    value = float(m.group(1).replace(",", "").replace("，", ""))
    unit_word = m.group(2)
    if unit_word in ("万元", "亿元", "万", "亿"):
        value *= 10_000 if unit_word.startswith("万") else 100_000_000
    money = unit_word.endswith("元") or (unit_word in ("万", "亿") and bool(_MONEY_WORDS.search(question)))
    unit = "yuan" if money else "percent" if unit_word in ("%", "％") else "count"
    return value, unit, sentence[m.start():m.end()].strip()
