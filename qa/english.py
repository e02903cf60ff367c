"""English and pinyin names: "Gulou District Statistics Bureau in Fuzhou" -> 福州市鼓楼区统计局.

Administrative words are translated (District -> 区, Statistics Bureau -> 统计局, Street office -> 街道办事处,
government -> 人民政府) and place names matched by pinyin against the places of the agencies in the store
(and the gazetteer, so that an English place with no report is recognised as unknown).
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.gazetteer import pinyin_key, pinyin_places, short_name
from qa.models import RegionFilter
from qa.names import Agency, Mention, NameIndex, region_matches

# English department words -> a fragment of the Chinese agency name.
# head nouns of an organ's English name; a name with one the list below does not know is no agency
# of the store (its own Chinese name is unknown, never matched to another organ of the same place)
ORGAN_HEAD = re.compile(r"\b(bureau|commission|committee|administration|department|agency|authority)\b")
UNKNOWN_ORGAN = "\x00unknown organ"
# an organ noun in the plural: a group of agencies (the statistics bureaus in Zhejiang), read as a place + kind
PLURAL_ORGAN = re.compile(r"\b(bureaus|commissions|committees|administrations|departments|agencies|authorities|"
                          r"offices|governments)\b")
# "this agency", "each bureau", "the agency": the noun used generically, naming no organ
GENERIC_ORGAN = re.compile(r"\b(this|that|these|those|the|each|every|which|any|an?|other|per|same|one|its|their|many|several|some|few|"
                           r"whose|our|your|no)\s+$")
UNIT_WORDS: tuple[tuple[str, str], ...] = (
    (r"stat(istic(s|al)?|s)? bureau|bureau of statistics|stat(istic)?s office", "统计局"),
    (r"finance bureau|bureau of finance", "财政局"),
    (r"education bureau|bureau of education", "教育局"),
    (r"public security", "公安"),
    (r"civil affairs", "民政"),
    (r"health commission|health bureau", "卫生健康"),
    (r"market (supervision|regulation)", "市场监督管理"),
    (r"natural resources", "自然资源"),
    (r"ecology|environment", "生态环境"),
    (r"housing", "住房和城乡建设"),
    (r"transport", "交通运输"),
    (r"water resources", "水利"),
    (r"agricultur", "农业农村"),
    (r"commerce", "商务"),
    (r"culture", "文化"),
    (r"emergency management", "应急管理"),
    (r"audit", "审计"),
    (r"taxation|tax bureau", "税务"),
    (r"human resources", "人力资源和社会保障"),
    (r"development and reform", "发展和改革"),
    (r"justice", "司法"),
    (r"(sub-?district|street)( office)?", "街道"),
    (r"town(ship)? government", "人民政府"),
    (r"general office", "办公室"),
    # (government procurement, government information, government website: what a government does, no agency's unit)
    (r"(people'?s )?(government|govt)(?!\s+(procurement|purchas|information|info|website|portal|affairs|disclosure|work))",
     "人民政府"),
)
IN_NAME_AND = re.compile(r"\b(development|culture|housing|resources|radio|science|industry|health|human resources)"
                         r" and (reform|tourism|urban|planning|television|technology|information|family|social)\b")
PLACE_WORDS = r"(district|county|city|province|prefecture|town|township|sub-?district|street|municipality)"
# (a sentence's end too: a name is never read across it — My family is from Wenzhou. How much did Lucheng …)
SPLIT = re.compile(r",|;|[.?!:](?=\s)|\b(?:and|vs\.?|versus|than|compared (?:with|to)|or|with|relative to|"
                   r"as a (?:percentage|share|proportion|fraction) of|(?:percent|per cent) of)\b")
STOP = {"how", "many", "much", "what", "which", "did", "does", "the", "in", "of", "for", "report", "reports",
        "and", "was", "were", "office", "bureau", "district", "city", "province", "county", "street"}
# words that stand before District/County/City without naming a place
GENERIC = {"each", "every", "any", "all", "this", "that", "these", "those", "one", "same", "other", "whole", "entire",
           "our", "their", "its", "his", "her", "your", "some", "per", "new", "old", "central", "urban", "rural",
           "local", "another", "given", "named", "single", "level", "many", "much", "more", "most", "from", "with",
           "than", "are", "have", "has", "had", "get", "got", "receive", "received", "whose", "what", "which", "who",
           "municipal", "prefecture", "county", "district", "city", "town", "township", "street", "big", "small",
           "largest", "smallest", "biggest", "top", "first", "last", "next", "previous", "people", "government"}


@lru_cache(maxsize=65536)  # place names repeat across agencies (100,000 reports name a few thousand places)
def _place_keys(name: str) -> frozenset[str]:
    keys = {pinyin_key(short_name(name))}
    bare = re.sub(r"(街道办事处|街道|镇|乡)$", "", name)
    if len(bare) >= 2:
        keys.add(pinyin_key(bare))
    return frozenset(keys)


@lru_cache(maxsize=64)
def _agency_places(label: str, province: str, city: str, county: str, township: str) -> frozenset[str]:
    keys: set[str] = set()
    for part in (province, city, county, township):
        if part:
            keys |= _place_keys(part)
    return frozenset(keys)


def _places_of(agency: Agency) -> frozenset[str]:
    r = agency.latest
    return _agency_places(agency.label, r.province or "", r.city or "", r.county or "", r.township or "")


def has_latin_names(text: str) -> bool:
    return bool(re.search(r"[a-z]{3,}", text))


def find_english(text: str, index: NameIndex) -> list[Mention]:
    """Agency and region mentions written in English/pinyin, one per chunk of the question."""
    out: list[Mention] = []
    pos = 0
    # `and` inside an organ's name (Development and Reform Bureau) does not split the question
    text = IN_NAME_AND.sub(lambda m: m.group(1) + " &&& " + m.group(2), text)  # same length: spans stay right
    # "Gulou district, Nanjing": a comma before a place the store does not hold belongs to the name before
    # it (same length); before a stored place (Lucheng, Yinzhou and Erqi) it still separates names
    store_keys = index.derive("pinyin_places", lambda: {k for a in index.agencies for k in _places_of(a)})
    text = re.sub(r",(?=\s*([a-z]+)\b)",
                  lambda m: " " if m.group(1) in pinyin_places() and m.group(1) not in store_keys else ",", text)
    for chunk in SPLIT.split(text):
        if chunk is None:
            continue
        start = text.find(chunk, pos)
        pos = max(pos, start + len(chunk))
        out += _chunk_mentions(chunk, start, index)
    return out


CHANNEL_AFTER = re.compile(r"\s*(['’]s\s+)?(official\s+)?(web\s*site|site|portal|home\s*page|web\s*page|platform|"
                           r"weibo|wechat|account)s?\b", re.I)


def _chunk_mentions(chunk: str, offset: int, index: NameIndex) -> list[Mention]:
    """The chunk's mention; a chunk naming two stored places no one agency or region holds together
    ("did Yinzhou's amount exceed Lucheng's?", no `and` between them) names each of them."""
    mention = _chunk_mention(chunk, offset, index)
    if mention is None:
        return []
    if mention.kind == "unknown_agency" and CHANNEL_AFTER.match(chunk[mention.end - offset:]):
        # "its column of the Gulou government site": a website named after an organ is where something was
        # published, not an agency the question is about (as 东城区人民政府网站 in a Chinese question)
        return []
    if mention.agencies or mention.in_store:
        return [mention]
    flat = re.sub(r"(?<=[a-z])['’](?=[a-z])", " ", chunk)
    store_keys = index.derive("pinyin_places", lambda: {k for a in index.agencies for k in _places_of(a)})
    hits = [m for m in re.finditer(r"[a-z]+", flat) if m.group(0) in store_keys]
    if len({m.group(0) for m in hits}) < 2:
        return [mention]
    # each place with the words up to the next one (its own District / Bureau words), read on its own
    cuts = [m.start() for m in hits] + [len(chunk)]
    parts = [m for m in (_chunk_mention(chunk[a:b], offset + a, index) for a, b in zip(cuts, cuts[1:])) if m is not None]
    if mention.kind == "unknown_agency":
        # one organ word read over two stored places ("Wenquan's requests exceed those of the Gulou statistics
        # bureau": no agency is both) is two names when each part names a stored agency or place by itself
        whole = all(m.agencies or m.in_store for m in parts) and len(parts) >= 2
        return parts if whole else [mention]
    return parts or [mention]


def _place_agency(chunk: str, m: re.Match, store_keys) -> bool:
    """"the Zhejiang agency", "which Fujian agencies": `agency` after a place word is any agency of that place
    (no organ of its own name; "agency" names no kind of organ, unlike bureau or commission)."""
    before = re.findall(r"[a-z]+", chunk[:m.start()])
    return m.group(1) == "agency" and bool(before) and (before[-1] in store_keys or before[-1] in pinyin_places())


def _chunk_mention(chunk: str, offset: int, index: NameIndex) -> Mention | None:
    chunk = re.sub(r"(?<=[a-z])['’](?=[a-z])", " ", chunk)  # Huai'an -> huai an (same length: spans stay right)
    # a place's city in brackets (the Gulou (Fuzhou) bureau) is part of the name (same length)
    chunk = re.sub(r"\(([a-z]+)\)", lambda m: f" {m.group(1)} " if m.group(1) in pinyin_places() else m.group(0), chunk)
    found = re.findall(r"[a-z]+", chunk)
    words = [w for w in found if w not in STOP and len(w) >= 3]
    words += [a + b for a, b in zip(found, found[1:], strict=False) if len(a) <= 4 and len(b) <= 3]  # huai an -> huaian
    store_keys = index.derive("pinyin_places", lambda: {k for a in index.agencies for k in _places_of(a)})
    places = [w for w in words if w in store_keys]
    foreign = [w for w in words if w not in store_keys and w in pinyin_places()
               and re.search(rf"\b{w}\b\s+{PLACE_WORDS}|{PLACE_WORDS}\s+(of|in)\s+{w}\b", chunk)]
    # the organ words of a name stand with its place words; after the question's own verbs or prepositions
    # ("what did the Lucheng bureau say about open government") they are its topic, not part of the name
    chunk_all, chunk = chunk, _name_window(chunk, places + foreign)
    unit = next((zh for pat, zh in UNIT_WORDS if re.search(rf"\b({pat})", chunk)), None)
    if unit is None and any(not GENERIC_ORGAN.search(chunk[:m.start()]) and not _place_agency(chunk, m, store_keys)
                            for m in ORGAN_HEAD.finditer(chunk)):
        # an organ the word list does not know ("Development and Reform Bureau"): named, so a place's
        # other agencies never stand in for it
        unit = UNKNOWN_ORGAN
    agencies = [a for a in index.agencies if set(places) <= _places_of(a)] if places else []  # the places' agencies
    fitted = False
    bare = next((m for w in places for m in [re.search(
        rf"\b{w}\b(\s+s)?(\s+(district|county|city))?\s+(bureau|office|agency|department)\b", chunk)] if m), None)
    if unit in (None, UNKNOWN_ORGAN) and bare is not None:
        # "Yinzhou's bureau", "the Erqi bureau": a bare organ noun right after a stored place names the one
        # agency of that place the noun fits (a bureau is a 局, an office a 办事处 or 办公室), as the place alone
        # does, not an organ of another kind; a place with several that fit stays unknown
        fits = [a for a in agencies if _BARE_ORGAN[bare.group(4)].search(a.label)]
        if len(fits) == 1 or len(agencies) == 1:
            unit, agencies, fitted = None, (fits if len(fits) == 1 else agencies), True
    if not places and not foreign:
        return _unknown_place(chunk, offset, unit)
    # another city's district of the same name (Nanjing's Gulou district, Gulou district of Nanjing, the
    # Gulou district statistics bureau of Nanjing): a place the gazetteer knows, not in the store, right
    # beside the name the store has, or after the whole name with of / in — not that agency
    elsewhere = [w for w in words if w not in store_keys and w not in places and w in pinyin_places() and any(
        re.search(rf"\b{w}\b(?:\s+s)?\s+(?:[a-z]+\s+)?{p}\b|\b{p}\b(?:\s+(?:district|county|city))?\s*(?:,|of|in)?\s+"
                  rf"(?:the\s+)?{w}\b|\b{p}\b(?:\s+[a-z]+){{1,4}}?\s*(?:,|\bof|\bin)\s+(?:the\s+)?{w}\b", chunk_all)
        for p in places)]
    if elsewhere:
        span = _span(chunk, offset, places + elsewhere, unit)
        return Mention(*span, text=chunk[span[0] - offset:span[1] - offset].strip(),
                       regions=[r for w in elsewhere for r in pinyin_places()[w]], in_store=[],
                       kind="unknown_agency" if unit else "region")
    span = _span(chunk, offset, places + foreign, unit)
    name = chunk[span[0] - offset:span[1] - offset].strip()
    if foreign:
        regions = [r for w in foreign for r in pinyin_places()[w]]
        kind = "unknown_agency" if unit else "region"
        return Mention(*span, text=name, regions=regions, in_store=[], kind=kind)
    if unit and agencies and PLURAL_ORGAN.search(chunk):
        # "the two Zhejiang statistics bureaus": a place and a group of organs (read by the organ-group slot
        # from the words left), not one agency
        unit = None
        words = [m.span() for w in places for m in re.finditer(rf"\b{w}\b", chunk)]  # the place words only:
        span = (offset + min(a for a, _ in words), offset + max(b for _, b in words))  # "street offices" stays
    if unit:
        agencies = [a for a in agencies if unit in a.label or (unit == "人民政府" and a.label.endswith("政府"))]
        if not agencies:
            return Mention(*span, text=name, kind="unknown_agency")
        return Mention(*span, text=name, agencies=agencies)
    if fitted:
        return Mention(*span, text=name, agencies=agencies)
    regions = _regions_for(places, index)
    return Mention(*span, text=name, regions=regions, in_store=regions, kind="region")


# the Chinese ending each bare organ noun fits ("the Gulou bureau": of Gulou's agencies, the 局)
_BARE_ORGAN = {"bureau": re.compile(r"局$"), "office": re.compile(r"(办事处|办公室)$"), "agency": re.compile(r"."),
               "department": re.compile(r"(局|委员会|办公室)$")}
# words no agency's English name holds: the question's verbs and prepositions after the name
_AFTER_NAME = re.compile(r"\b(say|says|said|saying|about|regarding|concerning|mention|mentions|mentioned|write|writes|"
                         r"wrote|state|states|stated|report|reports|reported|did|does|do|is|was|were|has|have|had|"
                         r"spend|spent|receive|received|get|got|handle|handled|publish|published|disclose|disclosed|"
                         r"in|on|for|during|from|to|at|by|when|where|how|what|which|compared|than|versus|vs)\b")


def _name_window(chunk: str, words: list[str]) -> str:
    """The chunk up to the first word after its last place word that no agency name holds (same offsets)."""
    ends = [m.end() for w in words for m in re.finditer(rf"(?<![a-z]){w}(?![a-z])", chunk)]
    if not ends:
        return chunk
    cut = _AFTER_NAME.search(chunk, max(ends))
    return chunk[:cut.start()] if cut else chunk


def _unknown_place(chunk: str, offset: int, unit: str | None) -> Mention | None:
    """A place name no gazetteer knows ("Luchen District", a misspelling): named, so not silently dropped."""
    m = re.search(rf"\b([a-z]{{3,}})\s+{PLACE_WORDS}\b", chunk)
    if m is None or m.group(1) in STOP or m.group(1) in GENERIC:
        return None
    end = m.end()
    if unit:
        u = re.search(rf"\b({'|'.join(pat for pat, zh in UNIT_WORDS if zh == unit)})(\s+(office|bureau))?", chunk[m.end():])
        end = m.end() + (u.end() if u and u.start() <= 3 else 0)
    return Mention(offset + m.start(), offset + end, text=chunk[m.start():end].strip(), regions=[], in_store=[],
                   kind="unknown_agency" if unit else "region")


def _span(chunk: str, offset: int, words: list[str], unit: str | None) -> tuple[int, int]:
    """From the first to the last name word (with its District/Bureau words), not the whole chunk."""
    # (letters bound a name word, not \b: in "hongze的行政许可" a Chinese character follows with no boundary)
    pats = [rf"(?<![a-z]){w}(?![a-z])(\s+{PLACE_WORDS})?" for w in words]
    if unit:
        pats += [rf"\b({pat})(\s+(office|bureau))?" for pat, zh in UNIT_WORDS if zh == unit]
    found = [m.span() for p in pats for m in re.finditer(p, chunk)]
    if not found:
        return offset, offset + len(chunk)
    return offset + min(s for s, _ in found), offset + max(e for _, e in found)


def _regions_for(places: list[str], index: NameIndex) -> list[RegionFilter]:
    """The most specific store regions whose place names include every pinyin word."""
    out: list[RegionFilter] = []
    for r in index.reports:
        levels = [("province", r.province), ("city", r.city), ("county", r.county), ("township", r.township)]
        matched = {}
        for level, value in levels:
            if value and _place_keys(value) & set(places):
                matched[level] = value
        covered = set()
        for level, value in levels:
            if level in matched:
                covered |= _place_keys(value) & set(places)
        if matched and covered == set(places):
            deepest = max(matched, key=lambda lv: [x for x, _ in levels].index(lv))
            keep = [x for x, _ in levels][: [x for x, _ in levels].index(deepest) + 1]
            region = RegionFilter(**{lv: getattr(r, lv) for lv in keep})
            if region not in out and any(region_matches(region, rep) for rep in index.reports):
                out.append(region)
    return out
