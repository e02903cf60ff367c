"""One stored report as the Reports page shows it: metadata, sections, and the three tables as they
were read (printed text in a grid, coloured by cell state)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd

from ingest import store
from nianbao.keys import COL_LABELS, REQUEST_COLS, REVIEW_COLS, REVIEW_ROWS, TABLE_LABELS, active_rows, request_rows
from nianbao.models import Report

STATE_LABELS = {"number": "数字 number", "blank": "空白 blank", "absent": "模板无此栏 absent",
                "unreadable": "无法识别 unreadable", "not_read": "未读出 not read", "": "—"}
STATE_CSS = {"number": "", "blank": "background-color: #fff4d6", "absent": "color: #9aa0a6; background-color: #f1f3f4",
             "unreadable": "background-color: #ffd7d5; font-weight: 600",
             "not_read": "background-color: #e3e8f4; font-style: italic", "": "background-color: #fafafa"}
KIND_LABELS = {"government": "人民政府 government", "department": "部门 department",
               "street_office": "街道 street office", "township": "乡镇 township"}


def load(db: Path, report_id: str) -> Optional[Report]:
    conn = store.connect_readonly(db)
    try:
        return store.load_report(conn, report_id)
    finally:
        conn.close()


def report_table_rows(rows: list[dict]) -> list[dict]:
    """The report list (rows of `ingest.exports.report_rows`) with readable column names."""
    return [{
        # a name the page does not print is shown as not known (—), never as the literal None
        "单位 Agency": r["agency_full"] or r["agency"] or "—（未写明 not printed）", "年份 Year": r["year"],
        "模板 Template": r["template"] or "—",
        "地区 Region": (" ".join(p for p in (r["province"], r["city"], r["county"], r["township"]) if p) or "—")
        + (" （地区有歧义 ambiguous）" if r["region_ambiguous"] else ""),
        "类型 Kind": KIND_LABELS.get(r["agency_kind"] or "", r["agency_kind"] or "—"),
        "发布 Published": r["published"] or "—",
        "格式 Format": r["source_format"], "单元格 Cells": r["facts"], "问题 Findings": r["findings"],
        "文件 File": r["file"], "id": r["id"],
    } for r in rows]


def metadata(report: Report) -> dict[str, str]:
    region = report.region
    where = " ".join(p for p in (region.province, region.city, region.county, region.township) if p) or "—"
    if region.ambiguous:
        where += f"（有歧义 ambiguous：{'、'.join(region.candidates)}）"
    return {"单位 Agency": report.agency_full or report.agency or "—", "年份 Year": str(report.year or "—"),
            "地区 Region": where, "模板 Template": report.template or "—",
            "类型 Kind": KIND_LABELS.get(report.agency_kind or "", report.agency_kind or "—"),
            "发布 Published": report.published or "—", "文号 Number": report.document_number or "—",
            "文件 File": report.file, "格式 Format": report.source_format}


@dataclass
class TableGrid:
    """One table: printed text per cell (rows x columns) and each cell's state, for colouring."""

    table: str
    title: str
    cells: pd.DataFrame
    states: pd.DataFrame
    details: list[dict]

    def styled(self):
        states = self.states
        return self.cells.style.apply(lambda _: states.map(lambda s: STATE_CSS.get(s, "")), axis=None)

    def counts(self) -> dict[str, int]:
        flat = [s for row in self.states.values.tolist() for s in row if s]
        return {STATE_LABELS[s]: flat.count(s) for s in ("number", "blank", "unreadable", "not_read", "absent") if s in flat}


def table_grids(report: Report) -> list[TableGrid]:
    template = report.template or "2019"
    active = [(r.key, r.label, r.cols) for r in active_rows(template)]
    active_cols = list(dict.fromkeys(c for _, _, cols in active for c in cols))
    requests = [(key, label, REQUEST_COLS) for key, label in request_rows(template)]
    review = [(key, label, REVIEW_COLS) for key, label in REVIEW_ROWS]
    return [_grid(report, "active", active, active_cols), _grid(report, "requests", requests, list(REQUEST_COLS)),
            _grid(report, "review", review, list(REVIEW_COLS))]


def _col_label(table: str, col: str) -> str:
    return "金额" if table == "active" and col == "amount" else COL_LABELS.get(col, col)


def _grid(report: Report, table: str, rows: list[tuple[str, str, tuple[str, ...]]], cols: list[str]) -> TableGrid:
    cells, states, details = [], [], []
    for key, label, row_cols in rows:
        cell_row, state_row = [], []
        for col in cols:
            fact = report.fact(f"{table}.{key}.{col}") if col in row_cols else None
            if fact is None:
                cell_row.append("" if col not in row_cols else "—")
                state_row.append("" if col not in row_cols else "absent")
                continue
            state = fact.state.value
            shown = {"blank": "", "not_read": "未读出"}.get(state, "—")
            cell_row.append(fact.raw if state in ("number", "unreadable") else shown)
            state_row.append(state)
            details.append({"行 Row": label, "列 Column": COL_LABELS.get(col, col), "原文 Printed": fact.raw,
                            "数值 Value": fact.value, "单位 Unit": fact.unit_printed or fact.unit,
                            "推测单位 Guessed unit": fact.unit_assumed or "", "状态 State": STATE_LABELS[state],
                            "行号 Line": fact.line, "说明 Note": fact.note or fact.unit_reason or ""})
        cells.append(cell_row)
        states.append(state_row)
    index = [label for _, label, _ in rows]
    columns = [_col_label(table, c) for c in cols]
    return TableGrid(table=table, title=TABLE_LABELS[table], cells=pd.DataFrame(cells, index=index, columns=columns),
                     states=pd.DataFrame(states, index=index, columns=columns), details=details)


def section_title(number: str, heading: Optional[str]) -> str:
    """"一、总体情况" (not "一 · 一、总体情况"): the number once, the heading as printed."""
    heading = (heading or "").strip().lstrip("#").strip()
    return heading if heading.startswith(number) else f"{number} · {heading}" if heading else number


def plain(text: Optional[str]) -> str:
    """Section text as printed: Markdown heading marks and emphasis of converted pages removed."""
    text = re.sub(r"(?m)^[ \t]*#{1,6}[ \t]*", "", text or "")
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)
