"""Read-side views of the store for the CLI and the app: reports, facts, findings as plain rows."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Optional

from ingest import store

FACT_FIELDS = ["file", "report", "agency", "year", "template", "key", "value", "state", "unit", "raw", "line",
               "unit_printed", "unit_assumed"]


def report_rows(db_dir: Path) -> list[dict]:
    conn = store.connect_readonly(db_dir)
    try:
        rows = conn.execute(
            "SELECT r.id, r.file, r.agency, r.agency_full, r.agency_kind, r.province, r.city, r.county, r.township,"
            " r.region_ambiguous, r.year, r.template, r.published, r.source_format, r.warnings, r.confidence,"
            " json_extract(r.quality, '$.cells_read') AS cells_read,"
            " json_extract(r.quality, '$.cells_not_read') AS cells_not_read,"
            " (SELECT COUNT(*) FROM facts f WHERE f.report_id = r.id AND f.state != 'absent') AS facts,"
            " (SELECT COUNT(*) FROM findings x WHERE x.report_id = r.id) AS findings,"
            " r.version_of AS other_version_of"  # another version of that report is the one answered from
            " FROM reports r ORDER BY r.file, r.id").fetchall()
    finally:
        conn.close()
    out = []
    for r in rows:
        d = dict(r)
        d["warnings"] = json.loads(d["warnings"] or "[]")
        d["region_ambiguous"] = bool(d["region_ambiguous"])
        out.append(d)
    return out


def fact_rows(db_dir: Path, report_id: Optional[str] = None) -> list[dict]:
    conn = store.connect_readonly(db_dir)
    try:
        # one report: its rows by primary key (an `:rid IS NULL OR` test would scan every fact of the store)
        where = "" if report_id is None else " WHERE f.report_id = :rid"
        rows = conn.execute(
            "SELECT r.file, r.id AS report, r.agency, r.year, r.template, f.key, f.value, f.state, f.unit, f.raw,"
            " f.line, f.unit_printed, f.unit_assumed FROM facts f JOIN reports r ON r.id = f.report_id"
            f"{where} ORDER BY r.file, f.report_id, f.seq", {"rid": report_id}).fetchall()
    finally:
        conn.close()
    out = []
    for r in rows:
        d = dict(r)
        if d["value"] is not None and float(d["value"]).is_integer():
            d["value"] = int(d["value"])
        out.append(d)
    return out


def cells_of(db_dir: Path, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """The stored rows of these (report id, key) cells, in one query (an answer cites up to a few hundred)."""
    if not pairs:
        return {}
    conn = store.connect_readonly(db_dir)
    try:
        rows = conn.execute(
            "SELECT r.file, r.id AS report, r.agency, r.year, r.template, f.key, f.value, f.state, f.unit, f.raw,"
            " f.line, f.unit_printed, f.unit_assumed FROM json_each(:pairs) AS j"
            " JOIN facts f ON f.report_id = json_extract(j.value, '$[0]') AND f.key = json_extract(j.value, '$[1]')"
            " JOIN reports r ON r.id = f.report_id", {"pairs": json.dumps(sorted(set(pairs)))}).fetchall()
    finally:
        conn.close()
    return {(r["report"], r["key"]): dict(r) for r in rows}


def cited_pages(db_dir: Path, cells: list[tuple[str, int]]) -> dict[tuple[str, int], dict]:
    """(report id, line) → the report's file, source path and that line's text, for cited cells."""
    if not cells:
        return {}
    conn = store.connect_readonly(db_dir)
    try:
        rows = conn.execute(
            "SELECT r.id, r.file, r.source_path, t.text FROM reports r JOIN report_texts t ON t.report_id = r.id"
            " WHERE r.id IN (SELECT value FROM json_each(:ids))",
            {"ids": json.dumps(sorted({rid for rid, _ in cells}))}).fetchall()
    finally:
        conn.close()
    by_id = {r["id"]: r for r in rows}
    out = {}
    for rid, line in cells:
        r = by_id.get(rid)
        if r is not None:
            lines = (r["text"] or "").split("\n")
            out[(rid, line)] = {"file": r["file"], "source_path": r["source_path"],
                                "line_text": lines[line - 1] if 0 < line <= len(lines) else ""}
    return out


def finding_rows(db_dir: Path) -> list[dict]:
    conn = store.connect_readonly(db_dir)
    try:
        rows = conn.execute(
            "SELECT r.file, r.id AS report, r.agency, r.year, x.rule, x.message, x.cells, x.expected, x.printed,"
            " x.line FROM findings x JOIN reports r ON r.id = x.report_id ORDER BY r.file, x.rowid").fetchall()
    finally:
        conn.close()
    return [{**dict(r), "cells": json.loads(r["cells"] or "[]")} for r in rows]


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def text_table(rows: list[list[str]], header: list[str]) -> str:
    """A plain aligned table that respects the double width of Chinese characters."""
    if not rows:
        return "(none)"
    widths = [max(_width(x) for x in col) for col in zip(header, *rows)]
    lines = []
    for row in [header] + rows:
        lines.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines)
