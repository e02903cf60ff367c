"""What is in the store (sidebar summary, filter options), the sidebar filters, findings and the facts CSV."""
from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ingest import exports, store
from nianbao.keys import key_label

REGION_SEP = " / "
RULE_LABELS = {
    "R1": "勾稽关系 R1：新收+结转 = 办理+结转下年 (balance)",
    "R2": "勾稽关系 R2：办理结果总计 = 各项之和 (balance)",
    "R3": "勾稽关系 R3：总计 = 各类申请人之和 (balance)",
    "R4": "勾稽关系 R4：复议诉讼总计 = 各结果之和 (balance)",
    "narrative": "正文与表格不一致 (narrative vs table)",
    "unreadable": "无法识别的单元格 (unreadable cell)",
    "unit_guess": "单位为推测 (guessed unit)",
}
FINDING_COLUMNS = {"what": "类型 Kind", "agency": "单位 Agency", "year": "年份 Year", "cells": "单元格 Cells",
                   "expected": "应为 Expected", "printed": "印作 Printed", "line": "行 Line", "message": "说明 Message",
                   "file": "文件 File"}
EXPORT_FIELDS = [*exports.FACT_FIELDS[:6], "label", *exports.FACT_FIELDS[6:]]


def db_version(db: Path) -> tuple:
    """Changes whenever the store changes: a cache key, so the app sees what the CLI ingests too."""
    return store.version_key(db)


def servers(settings, db: Path) -> str:
    """Where the store and the passage index live when they are on servers (empty: both in the folder)."""
    parts = []
    if store.server_url():
        parts.append(f"数据存于 Facts on PostgreSQL: {store.where(db)}")
    if settings.chroma_url:
        parts.append(f"段落索引 Passages on Chroma server: {settings.chroma_url}")
    return "  \n".join(parts)


def has_store(db: Path) -> bool:
    return store.exists(db)


@dataclass(frozen=True)
class Catalog:
    """The reports in the store, as rows of `ingest.exports.report_rows`."""

    reports: tuple[dict, ...]

    @classmethod
    def load(cls, db: Path) -> "Catalog":
        return cls(tuple(exports.report_rows(db)) if has_store(db) else ())

    def is_empty(self) -> bool:
        return not self.reports

    def name(self, report_id: Optional[str]) -> str:
        row = self.by_id(report_id)
        return agency_name(row) if row else (report_id or "?")

    def by_id(self, report_id: Optional[str]) -> Optional[dict]:
        return self._by_id.get(report_id) if report_id is not None else None

    @functools.cached_property
    def _by_id(self) -> dict[str, dict]:  # an answer looks up each of its rows' reports: no scans
        return {r["id"]: r for r in self.reports}

    def agencies(self) -> list[str]:
        return sorted({agency_name(r) for r in self.reports})

    def years(self) -> list[int]:
        return sorted({r["year"] for r in self.reports if r["year"]})

    def templates(self) -> list[str]:
        return sorted({r["template"] for r in self.reports if r["template"]})

    def regions(self) -> list[str]:
        """Province and province / city options, e.g. `浙江省` and `浙江省 / 宁波市`."""
        out: set[str] = set()
        for r in self.reports:
            if r["province"]:
                out.add(r["province"])
                if r["city"]:
                    out.add(f"{r['province']}{REGION_SEP}{r['city']}")
        return sorted(out)


def agency_name(row: dict) -> str:
    return row.get("agency_full") or row.get("agency") or row.get("file") or "?"


@dataclass(frozen=True)
class Filters:
    """The sidebar filters; within one kind any value matches, across kinds all must."""

    years: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.years or self.regions or self.agencies)

    def matches(self, row: dict) -> bool:
        if self.years and row["year"] not in self.years:
            return False
        if self.agencies and agency_name(row) not in self.agencies:
            return False
        if self.regions and not any(_in_region(row, r) for r in self.regions):
            return False
        return True

    def report_ids(self, catalog: Catalog) -> Optional[list[str]]:
        """The reports the filters keep; None when no filter is set (everything)."""
        if self.is_empty():
            return None
        return [r["id"] for r in catalog.reports if self.matches(r)]

    def label(self) -> str:
        parts = [*map(str, self.years), *(r.replace(REGION_SEP, "") for r in self.regions), *self.agencies]
        return "、".join(parts)


def _in_region(row: dict, region: str) -> bool:
    province, _, city = region.partition(REGION_SEP)
    return row["province"] == province and (not city or row["city"] == city)


def fact_export_rows(db: Path, report_ids: Optional[list[str]] = None) -> list[dict]:
    """Every table cell of the kept reports (all reports when `report_ids` is None), with its Chinese label."""
    keep = None if report_ids is None else set(report_ids)
    if not has_store(db):
        return []
    return [{**row, "label": key_label(row["key"])} for row in exports.fact_rows(db)
            if keep is None or row["report"] in keep]


def to_csv(rows: list[dict]) -> bytes:
    """Rows of `fact_export_rows` as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def finding_rows(db: Path, report_ids: Optional[list[str]] = None) -> list[dict]:
    """Data-quality findings with the rule and the cells in words."""
    keep = None if report_ids is None else set(report_ids)
    rows = []
    for f in exports.finding_rows(db) if has_store(db) else []:
        if keep is not None and f["report"] not in keep:
            continue
        rows.append({
            "rule": f["rule"], "what": RULE_LABELS.get(f["rule"], f["rule"]), "agency": f["agency"],
            "year": f["year"], "cells": "；".join(_cell_label(c) for c in f["cells"]), "expected": f["expected"],
            "printed": f["printed"], "line": f["line"], "message": f["message"], "file": f["file"],
        })
    return rows


def _cell_label(key: str) -> str:
    try:
        return key_label(key)
    except (KeyError, ValueError):  # a key of a rule that names a whole row, or an unknown table
        return key
