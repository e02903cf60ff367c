"""Resolve the agencies and regions a question names into plan fields (or unknown / ambiguous names)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from qa.english import find_english, has_latin_names
from qa.models import Candidate, RegionFilter
from qa.names import Agency, Mention, NameIndex, region_matches
from qa.slots import LEAVE_OUT_EN, LEAVE_OUT_ZH


@dataclass
class Entities:
    agencies: list[Agency] = field(default_factory=list)
    region: Optional[RegionFilter] = None
    more_regions: list[RegionFilter] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ambiguous: list[Candidate] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    excluded: list[Agency] = field(default_factory=list)  # named to be left out (除了鹿城区统计局, other than …)
    at: dict = field(default_factory=dict)  # where each agency (key) and place (label) is first named


# words that leave the agency named right after them out of the question's scope
_LEAVE_OUT_AFTER = re.compile(r"\s*(以外|之外|外)|\s+aside\b")
_LEAVE_OUT = re.compile(rf"(?:{LEAVE_OUT_EN}|{LEAVE_OUT_ZH})\s*(?:the\s+)?$")
_SET_BEFORE = re.compile(r"\b(?:leaving|leave|setting|set|putting|put)\s+(?:the\s+)?$", re.I)


def _conflicts(region_mention: Mention, agency: Agency) -> bool:
    """True when a place written right before an agency name is not where that agency is."""
    return not any(region_matches(r, rep) for r in region_mention.regions for rep in agency.reports)


# Family: names and terms typed with a pinyin input method that picked a homophone (温泉街到 for 温泉街道, 洪责区
# for 洪泽区, 行政处发 for 行政处罚): a run of characters that is no name the store or the gazetteer knows, read
# aloud the same as exactly one name of a stored agency (or of its county) or one template term, is read as that.
# Only same-sounding characters are repaired: a character that looks or means alike (审计局 / 统计局) is another
# agency, never corrected.
_HOMOPHONE_MIN = 3


@functools.lru_cache(maxsize=8192)
def _sound(ch: str) -> str:
    """How one character is read, without tone (街 → jie); every Chinese question reads its characters."""
    from pypinyin import lazy_pinyin
    return lazy_pinyin(ch, errors="default")[0]


def _homophone_table(index: NameIndex) -> tuple[dict[tuple[str, ...], str], list[int]]:
    """Sound → the one name or term read so (sounds two names share are left out), and the lengths, longest first."""
    from qa.lexicon import COLS, ROWS  # (the template's row and column terms: 行政处发 for 行政处罚)

    table: dict[tuple[str, ...], set[str]] = {}
    names = set(index.aliases) | {r.county for r in index.reports if r.county}
    names |= {t for _, _, terms in ROWS for t in terms} | {t for _, terms, _ in COLS for t in terms}
    for name in names:
        if len(name) >= _HOMOPHONE_MIN and re.fullmatch(r"[\u4e00-\u9fff]+", name):
            table.setdefault(tuple(_sound(ch) for ch in name), set()).add(name)
    unique = {k: next(iter(v)) for k, v in table.items() if len(v) == 1}
    return unique, sorted({len(k) for k in unique}, reverse=True)


def repair_homophones(text: str, index: NameIndex) -> tuple[str, list[tuple[str, str]]]:
    """`text` with each same-sounding misspelling of a stored name or a template term replaced by it (same
    length), and the (as typed, read as) pairs."""
    table, lengths = index.derive("homophones", lambda: _homophone_table(index))
    if not table:
        return text, []
    known = index._region_names()
    sounds = [(_sound(ch) if "\u4e00" <= ch <= "\u9fff" else None) for ch in text]
    fixed: list[tuple[str, str]] = []
    out = list(text)
    i = 0
    while i < len(text):
        for n in lengths:
            word = text[i:i + n]
            key = tuple(sounds[i:i + n])
            if len(word) == n and None not in key and key in table and table[key] != word \
                    and word not in index.aliases and word not in known:
                out[i:i + n] = table[key]
                fixed.append((word, table[key]))
                i += n
                break
        else:
            i += 1
    return "".join(out), fixed


def find_entities(text: str, index: NameIndex) -> Entities:
    out = Entities()
    mentions = index.find_agencies(text)
    regions = index.find_regions(text, [(m.start, m.end) for m in mentions])
    for m in mentions:
        before = next((r for r in regions if r.end == m.start and r.kind == "region"), None)
        if before is not None:
            kept = [a for a in m.agencies if not _conflicts(before, a)]
            regions.remove(before)
            if not kept:
                out.unknown.append(before.text + m.text)
                out.spans.append((before.start, m.end))
                continue
            m.agencies = kept
        _add_agency_mention(out, m, text)
    if has_latin_names(text):
        taken = [(m.start, m.end) for m in mentions]
        for m in find_english(text, index):
            if any(s < m.end and m.start < e for s, e in taken):
                continue
            if m.kind == "region":
                regions.append(m)
            elif m.kind == "unknown_agency":
                out.unknown.append(m.text)
                out.spans.append((m.start, m.end))
            else:
                _add_agency_mention(out, m, text)
    prev_end = None
    for r in sorted(regions, key=lambda r: r.start):
        # places joined by a coordinator (浙江和温州) are each asked; otherwise a place inside one named before
        # narrows it (浙江的单位里哪个是温州的)
        joined = prev_end is not None and bool(_JOINED.fullmatch(text[prev_end:r.start]))
        _add_region_mention(out, r, index, joined)
        prev_end = r.end
    _unknown_towns(text, out)
    _places_as_agencies(out, index)
    return out


def _places_as_agencies(out: Entities, index: NameIndex) -> None:
    """Districts or towns named bare (two or more, or beside an agency named in full), as people name agencies (鄞州比鹿城多多少？, did Yinzhou's
    exceed Lucheng's?), each holding exactly one agency of the store: those agencies. A place holding several
    agencies (or a city, a province) stays a region: it is not one agency's short name."""
    places = [out.region, *out.more_regions] if out.region is not None else []
    if len(places) + len(out.agencies) < 2 or not places or any(not (p.county or p.township) for p in places):
        return
    held = [index.in_region(p) for p in places]
    if any(len(h) != 1 for h in held) or any(h[0] in out.agencies for h in held):
        return  # (a place whose one agency is also named is where that agency is, not a second agency)
    # ... and beside an agency named in full (did Lucheng get more than Gulou's statistics bureau?), in the
    # order the question names them (which one is "the first" matters to a yes/no comparison)
    named = [(out.at.get(a.key, 0), a) for a in out.agencies] + \
        [(out.at.get(p.label(), 0), h[0]) for p, h in zip(places, held)]
    out.agencies = [a for _, a in sorted(named, key=lambda t: t[0])]
    out.region, out.more_regions = None, []


# A township or street named by itself (城关镇, 三里桥街道): places the gazetteer does not list, so the
# region linker cannot see them. One that is not an agency of the store is unknown: never answered
# from another agency's report. Followed by what follows a name in a question, so 新型城镇化 is not one.
_TOWN = re.compile(r"([\u4e00-\u9fff]{2,4}?)(街道办事处|街道|镇人民政府|乡人民政府|镇政府|乡政府|镇|乡)"
                   r"(?=的|在|存在|有|收到|共|一共|全年|主动|今年|去年|[0-9]|年|[?？，,。、\s]|$)")
# (的 ends a description before the organ word: 超过10万元的街道 is the street offices, not a street named 万元的)
# (nor do the words a question is made of: 库里属于街道办事处的单位 names the kind, 数据库里街道办事处有几家 too)
_NOT_A_NAME = re.compile(rf"[各每哪该本我其这那全所几多的]|城乡|乡镇|村镇|城镇|个|些|^(?:{LEAVE_OUT_ZH})|"
                         r"属于|库里|数据|包括|包含|以及|作为|关于|对于|请问|还是|或者|是否|列出|统计")


def _unknown_towns(text: str, out: Entities) -> None:
    for m in _TOWN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in out.spans) or _NOT_A_NAME.search(m.group(1)):
            continue
        out.unknown.append(m.group(0))
        out.spans.append(m.span())


def _add_agency_mention(out: Entities, m: Mention, text: str) -> None:
    out.spans.append((m.start, m.end))
    before = max(0, m.start - 16)
    if len(m.agencies) == 1 and ((lo := _LEAVE_OUT.search(text[before:m.start])) or (
            # (setting the Wenquan street office aside: the verb before the name, its "aside" after it)
            (lo := _SET_BEFORE.search(text[before:m.start])) and re.match(r"\s+aside\b", text[m.end:]))):
        out.excluded.append(m.agencies[0])
        out.spans.append((before + lo.start(), m.start))  # the leave-out words are read with the name
        if (after := _LEAVE_OUT_AFTER.match(text, m.end)):  # (除了鼓楼区统计局以外)
            out.spans.append(after.span())
        return
    if len(m.agencies) == 1:
        out.at.setdefault(m.agencies[0].key, m.start)
        if m.agencies[0] not in out.agencies:
            out.agencies.append(m.agencies[0])
        return
    out.ambiguous += [Candidate(mention=m.text, label=a.label, reports=[r.id for r in a.reports])
                      for a in m.agencies]


_JOINED = re.compile(r"\s*(和|与|及|、|或|或者|还有|以及|跟|同|,|，|and|or|&|/)\s*(the\s+)?")


def _add_region_mention(out: Entities, m: Mention, index: NameIndex, joined: bool = False) -> None:
    out.spans.append((m.start, m.end))
    if m.kind == "unknown_agency":
        out.unknown.append(m.text)
        return
    if not m.in_store:
        out.unknown.append(m.text)
        return
    readings = _distinct(m.in_store)
    if len(readings) > 1:
        for reg in readings:
            reports = [r.id for r in index.reports if region_matches(reg, r)]
            out.ambiguous.append(Candidate(mention=m.text, label=reg.label(), reports=reports))
        return
    out.at.setdefault(readings[0].label(), m.start)
    if out.region is None:
        out.region = readings[0]
    elif not joined and out.region != readings[0] and not out.more_regions and _inside(readings[0], out.region):
        out.region = readings[0]  # 浙江的单位里哪个是温州的: a place inside the one named before narrows it
    elif not joined and out.region != readings[0] and not out.more_regions and _inside(out.region, readings[0]):
        pass  # (温州的单位，浙江省的: the wider place adds nothing)
    elif readings[0] != out.region and readings[0] not in out.more_regions:
        out.more_regions.append(readings[0])


def _inside(inner: RegionFilter, outer: RegionFilter) -> bool:
    """`inner` is a part of `outer` (温州市 of 浙江省): every level `outer` sets, `inner` sets the same, and more."""
    levels = ("province", "city", "county", "township")
    set_out = [lv for lv in levels if getattr(outer, lv)]
    return bool(set_out) and all(getattr(inner, lv) == getattr(outer, lv) for lv in set_out) and \
        sum(bool(getattr(inner, lv)) for lv in levels) > len(set_out)


def _distinct(regions: list[RegionFilter]) -> list[RegionFilter]:
    """Readings that differ in substance (福州市鼓楼区 vs 南京市鼓楼区), most specific kept."""
    out: list[RegionFilter] = []
    for r in regions:
        if any(o == r for o in out):
            continue
        out.append(r)
    return out
