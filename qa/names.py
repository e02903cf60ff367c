"""Agencies and regions named in a question, matched against what is actually in the store.

The name index is built from the `reports` table (agency, agency_full, region columns), never from a
hand-typed list: full names, names without the province/city prefix (鹿城区统计局), short forms of
street offices and governments (温泉街道, 鼓楼区政府). Regions come from the gazetteer at every level.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Optional

from nianbao.catalogue import ABBREVIATIONS
from qa.gazetteer import gazetteer, short_name
from qa.models import RegionFilter

ORG_AFTER_PLACE = re.compile(
    # full organ names first: some hold 和, which otherwise ends a name (鹿城区发展和改革局)
    "^(?:" + "|".join(sorted({re.escape(v) for v in ABBREVIATIONS.values()}, key=len, reverse=True)) + ")|"
    r"^[^\s各所有的共哪多少年和与及、，,。？?！!0-9个两几这些们里]{0,6}?"
    r"(统计局|人民政府|政府|办公室|委员会|街道办事处|街道办|街道|局|委|办|镇|乡|中心|厅|院|署)")
CHANNEL_AFTER = re.compile(r"网站|网(?![络格点])|门户|公众号|微博|微信|客户端|app|APP")
GENERIC_COUNTIES = {"城区", "郊区", "矿区", "新区"}


@dataclass
class ReportInfo:
    id: str
    file: str
    agency: Optional[str]
    agency_full: Optional[str]
    kind: Optional[str]
    province: Optional[str]
    city: Optional[str]
    county: Optional[str]
    township: Optional[str]
    year: Optional[int]
    template: Optional[str]

    def region(self) -> RegionFilter:
        return RegionFilter(province=self.province, city=self.city, county=self.county, township=self.township)


@dataclass(eq=False)  # one object per agency: compared by identity (field equality compared every report)
class Agency:
    key: str
    label: str
    reports: list[ReportInfo] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    @property
    def latest(self) -> ReportInfo:
        return max(self.reports, key=lambda r: (r.year or 0, r.file))

    @property
    def region(self) -> RegionFilter:
        return self.latest.region()

    @property
    def kind(self) -> Optional[str]:
        return self.latest.kind


@dataclass
class Mention:
    start: int
    end: int
    text: str
    agencies: list[Agency] = field(default_factory=list)  # several = ambiguous, none = unknown
    regions: list[RegionFilter] = field(default_factory=list)  # region mentions: every reading
    in_store: list[RegionFilter] = field(default_factory=list)  # readings that have reports
    kind: str = "agency"  # agency | region | unknown_agency


def region_matches(region: RegionFilter, report: ReportInfo) -> bool:
    for level in ("province", "city", "county", "township"):
        want = getattr(region, level)
        have = getattr(report, level)
        if want and have and want != have:
            return False
        if want and not have and level in ("province", "county", "township"):
            return False
    return True


def _strip_place(name: str, report: ReportInfo) -> list[str]:
    """The name with its leading place names removed one by one: 福州市鼓楼区统计局 -> 鼓楼区统计局."""
    out = [name]
    rest = name
    for place in (report.province, report.city, report.county):
        if not place:
            continue
        for form in (place, short_name(place)):
            if rest.startswith(form) and len(rest) > len(form):
                rest = rest[len(form):]
                out.append(rest)
                break
    if rest.startswith("人民政府") and len(rest) > 4:
        out.append(rest[4:])
    return out


def _variants(alias: str) -> list[str]:
    out = [alias]
    if alias.endswith("街道办事处"):
        out += [alias[:-3], alias[:-2]]
    elif alias.endswith("人民政府"):
        out.append(alias[:-4] + "政府")
        if alias[:-4].endswith(("镇", "乡")):
            out.append(alias[:-4])
    return out


class NameIndex:
    """Every agency in the store with the names a question may use for it."""

    def __init__(self, reports: Iterable[ReportInfo]):
        self.reports = list(reports)
        self._years: Optional[list[int]] = None
        self.agencies: list[Agency] = []
        self.aliases: dict[str, list[Agency]] = {}
        by_key: dict[tuple, Agency] = {}
        for r in self.reports:
            key = self._agency_key(r)
            agency = by_key.get(key)
            if agency is None:
                agency = by_key[key] = Agency(key="|".join(k or "" for k in key), label="")
                self.agencies.append(agency)
            agency.reports.append(r)
        for agency in self.agencies:
            latest = agency.latest
            agency.label = latest.agency_full or latest.agency or latest.file
            for r in agency.reports:
                self._add_names(agency, r)
        self._lengths = sorted({len(a) for a in self.aliases}, reverse=True)
        self._by_report = {r.id: a for a in self.agencies for r in a.reports}
        self._reports = {r.id: r for r in self.reports}
        self._by_name: dict[str, list[Agency]] = {}
        for a in self.agencies:
            for name in {a.label, *a.names}:
                self._by_name.setdefault(name, []).append(a)
        # the distinct places of the reports (far fewer than reports): what region tests run over
        self._places = [ReportInfo("", "", None, None, None, *place, None, None) for place in
                        dict.fromkeys((r.province, r.city, r.county, r.township) for r in self.reports)]
        self._regions_cache: Optional[dict[str, list[RegionFilter]]] = None
        self._derived: dict[str, object] = {}

    def derive(self, name: str, build):
        """What `build()` makes from this index, made once (the index lives as long as the store is unchanged)."""
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]

    @staticmethod
    def _agency_key(r: ReportInfo) -> tuple:
        name = r.agency_full or r.agency or r.file
        unit = _strip_place(name, r)[-1]
        return (r.province, r.city, r.county, unit) if r.county or r.city else (None, None, None, name)

    def _add_names(self, agency: Agency, r: ReportInfo) -> None:
        names = {n for n in (r.agency, r.agency_full) if n}
        if r.agency and r.city and not r.agency.startswith((r.city, r.province or "\0")):
            names.add(r.city + r.agency)
        for name in names:
            agency.names.add(name)
            stripped = _strip_place(name, r)
            places = [p for p in (r.county, r.township) if p]
            for alias in stripped:
                bare = not any(alias.startswith(p) or alias.startswith(short_name(p)) for p in places)
                if alias != name and bare:
                    continue  # 统计局 alone names no agency
                for v in _variants(alias):
                    if len(v) >= 3:
                        self._alias(v, agency)
            if r.county and short_name(r.county) != r.county:
                for alias in stripped:
                    if alias.startswith(r.county) and len(alias) > len(r.county):
                        for v in _variants(short_name(r.county) + alias[len(r.county):]):  # 洪泽政府
                            if len(v) >= 3:
                                self._alias(v, agency)

    def _alias(self, alias: str, agency: Agency) -> None:
        bucket = self.aliases.setdefault(alias, [])
        if not bucket or bucket[-1] is not agency and agency not in bucket:
            bucket.append(agency)

    @classmethod
    def from_conn(cls, conn: sqlite3.Connection) -> "NameIndex":
        rows = conn.execute(
            "SELECT id, file, agency, agency_full, agency_kind, province, city, county, township, year, template"
            " FROM reports WHERE version_of IS NULL ORDER BY year, file").fetchall()  # the versions answers use
        return cls(ReportInfo(*tuple(row)) for row in rows)

    @classmethod
    def for_store(cls, conn: sqlite3.Connection, where: str) -> "NameIndex":
        """The index of the store at `where`, built once per change of its reports (see store.generation)."""
        from ingest.store import generation
        version = generation(conn)
        if version is None:
            return cls.from_conn(conn)
        key = (where, version)
        index = _INDEXES.get(key)
        if index is None:
            index = cls.from_conn(conn)
            for old in [k for k in _INDEXES if k[0] == where]:
                del _INDEXES[old]
            while len(_INDEXES) >= _KEEP:
                del _INDEXES[next(iter(_INDEXES))]
            _INDEXES[key] = index
        return index

    # -- lookups -------------------------------------------------------------------------------------

    def resolve(self, name: str) -> list[Agency]:
        """Agencies a name (full, short or label) refers to."""
        name = name.strip()
        return list(self._by_name.get(name) or self.aliases.get(name, []))

    def reports_by_id(self) -> dict[str, ReportInfo]:
        return self._reports

    def by_report(self, report_id: str) -> Optional[Agency]:
        return self._by_report.get(report_id)

    def years(self) -> list[int]:
        if self._years is None:  # asked several times per question; the index is rebuilt when the store changes
            self._years = sorted({r.year for r in self.reports if r.year})
        return list(self._years)

    def in_region(self, region: RegionFilter) -> list[Agency]:
        return [a for a in self.agencies if any(region_matches(region, r) for r in a.reports)]

    # -- scanning a question ---------------------------------------------------------------------------

    def find_agencies(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        while i < len(text):
            for n in self._lengths:
                alias = text[i:i + n]
                if alias.endswith("办") and text[i + n:i + n + 1] in ("理", "公", "事"):
                    continue  # 温泉街道办理…: 办 begins the next word (办理), the name is 温泉街道
                if len(alias) == n and alias in self.aliases:
                    found.append(Mention(i, i + n, alias, list(self.aliases[alias])))
                    i += n
                    break
            else:
                i += 1
        return found

    def find_regions(self, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
        """Region names (gazetteer and store), adjacent ones merged (福州市鼓楼区), with their readings."""
        names = self._region_names()
        lengths = sorted({len(n) for n in names}, reverse=True)
        raw: list[Mention] = []
        i = 0
        while i < len(text):
            if any(s <= i < e for s, e in taken):
                i += 1
                continue
            for n in lengths:
                word = text[i:i + n]
                if len(word) == n and word in names and not any(s < i + n and i < e for s, e in taken):
                    raw.append(Mention(i, i + n, word, regions=list(names[word]), kind="region"))
                    i += n
                    break
            else:
                i += 1
        merged = _merge_adjacent(raw)
        for m in merged:
            m.in_store = [r for r in m.regions if any(region_matches(r, rep) for rep in self._places)]
            org = ORG_AFTER_PLACE.match(text[m.end:])
            # (鼓楼政府网, 东城区人民政府网站, 鼓楼发布公众号: a website or account named after an organ is where
            # something was published, not an agency asked about)
            if org and CHANNEL_AFTER.match(text[m.end + org.end():]):
                org = None
            if org and not any(s < m.end + org.end() and m.end < e for s, e in taken):
                m.kind = "unknown_agency"
                m.text = text[m.start:m.end + org.end()]
                m.end += org.end()
        return merged

    def _region_names(self) -> dict[str, list[RegionFilter]]:
        if self._regions_cache is None:
            names = {k: list(v) for k, v in gazetteer().by_name.items()
                     if not (len(k) <= 2 and k in GENERIC_COUNTIES)}
            for r in self._places:  # the store may know places the gazetteer lacks (townships)
                for level, value in (("province", r.province), ("city", r.city), ("county", r.county),
                                     ("township", r.township)):
                    if not value or len(value) < 2:
                        continue
                    reg = _prefix_region(r, level)
                    # a county of the store by its short name too (洪泽 for 洪泽区), as people write it
                    short = short_name(value) if level == "county" else value
                    for name in {value, short}:
                        if len(name) >= 2 and not (name in GENERIC_COUNTIES):
                            bucket = names.setdefault(name, [])
                            if reg not in bucket:  # the buckets are short (a name's few readings)
                                bucket.append(reg)
            self._regions_cache = names
        return self._regions_cache


_INDEXES: dict[tuple, NameIndex] = {}  # (store path, (store identity, generation)) → index
_KEEP = 4  # stores whose index a process keeps (the app and tests switch between a few)


def _prefix_region(r: ReportInfo, level: str) -> RegionFilter:
    levels = ("province", "city", "county", "township")
    keep = levels[: levels.index(level) + 1]
    return RegionFilter(**{lv: getattr(r, lv) for lv in keep})


def _compatible(a: RegionFilter, b: RegionFilter) -> bool:
    return all(not getattr(a, lv) or not getattr(b, lv) or getattr(a, lv) == getattr(b, lv)
               for lv in ("province", "city", "county", "township"))


def _merge(a: RegionFilter, b: RegionFilter) -> RegionFilter:
    return RegionFilter(**{lv: getattr(b, lv) or getattr(a, lv) for lv in ("province", "city", "county", "township")})


def _merge_adjacent(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.end == m.start:
            pairs = [_merge(a, b) for a in prev.regions for b in m.regions if _compatible(a, b)]
            if pairs:
                prev.end, prev.text, prev.regions = m.end, prev.text + m.text, _dedupe(pairs)
                continue
        out.append(m)
    return out


def _dedupe(regions: list[RegionFilter]) -> list[RegionFilter]:
    out: list[RegionFilter] = []
    for r in regions:
        if r not in out:
            out.append(r)
    return out
