"""Tell table lines from prose, and write the short readable summary that stands in for a table.

Table text embeds badly (rows of `0`, labels cut across lines, columns that drift), and its numbers
are answered from SQL anyway. So the chunker skips table lines and each of sections 二/三/四 gets one
summary passage: what the table covers, plus a few headline numbers from `report.facts`.
"""
from __future__ import annotations

import re
from typing import Optional

from ingest.cells import norm
from nianbao.models import CellState, Report

TABLE_SECTIONS = ("二", "三", "四")

_NUMERIC = re.compile(r"^[-+]?[\d.,]+(万元|元|件|条|个|项|次|起|%)?$")
_MD_RULE = re.compile(r"^[|\-:\s]+$")
_SENTENCE_END = re.compile(r"[。；！？!?;]")
# Printed inside the standard tables; a line containing one of these is a header or a row label.
_TABLE_TERMS = (
    "第二十条", "信息内容", "勾稽关系", "申请人情况", "区分处理的", "处理决定数量", "上一年项目数量",
    "采购总金额", "本年新收", "上年结转", "结转下年度", "本年度办理结果", "未经复议直接起诉", "复议后起诉",
)



def _cells(line: str) -> list[str]:
    return [c for c in (norm(x) for x in re.split(r"[\t|]", line)) if c]


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(norm(text)))


def is_table_line(line: str, table_section: bool) -> bool:
    """Is this (non-empty) line part of a statistics table rather than prose?

    `table_section`: the line is in section 二/三/四, where short label-only lines are table cells
    (one-cell-per-line exports) and only sentence-like lines count as prose.
    """
    text = norm(line)
    if not text:
        return False
    if _MD_RULE.match(line.strip()) or is_numeric(text):
        return True
    cells = _cells(line)
    if len(cells) >= 2:
        # Several cells: prose only if one cell is itself a long sentence.
        return not any(len(c) >= 30 and _SENTENCE_END.search(c) for c in cells)
    if not table_section:
        return False
    if any(term in text for term in _TABLE_TERMS):
        return True
    return not (len(text) >= 20 and (_SENTENCE_END.search(text) or ("，" in line and len(text) >= 30)))


def table_summary(report: Report, number: str) -> Optional[str]:
    """The summary passage for section 二/三/四 (None for other sections)."""
    writer = {"二": _active_summary, "三": _requests_summary, "四": _review_summary}.get(number)
    return writer(report) if writer else None


def _value(report: Report, key: str) -> Optional[float]:
    fact = report.fact(key)
    if fact is None or fact.state != CellState.NUMBER or fact.value is None:
        return None
    return fact.value


def _count(report: Report, key: str) -> Optional[str]:
    v = _value(report, key)
    return None if v is None else f"{v:g}"


def _sum(report: Report, keys: list[str]) -> Optional[str]:
    values = [_value(report, k) for k in keys]
    return None if not values or any(v is None for v in values) else f"{sum(values):g}"


def _join(parts: list[Optional[str]]) -> str:
    kept = [p for p in parts if p]
    return ("其中" + "，".join(kept) + "。") if kept else ""


def _active_summary(report: Report) -> str:
    if report.template == "2021":
        covers = ("规章和行政规范性文件的制发、废止、现行有效件数，行政许可、行政处罚、行政强制的处理决定数量，"
                  "行政事业性收费金额（2021年版模板没有政府集中采购栏目）")
    else:
        covers = ("规章和规范性文件的新制作、新公开、对外公开总数量，行政许可、其他对外管理服务事项、行政处罚、"
                  "行政强制的项目数量和处理决定数量，行政事业性收费项目数量，政府集中采购项目数量和采购总金额")
    parts = []
    for row, label in (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制")):
        n = _count(report, f"active.{row}.decisions")
        parts.append(n and f"{label}处理决定{n}件")
    projects = _count(report, "active.procurement.projects")
    amount = report.fact("active.procurement.amount")
    if projects is not None:
        parts.append(f"政府集中采购项目{projects}个")
    if amount is not None and amount.state == CellState.NUMBER and amount.raw:
        unit_note = "" if amount.unit_printed else "（原表未注明单位）"
        parts.append(f"采购总金额{amount.raw.strip()}{unit_note}")
    return (f"本报告第二部分“主动公开政府信息情况”为统计表，列出{covers}。"
            + _join(parts))


def _request_keys(report: Report, prefix: str) -> list[str]:
    return sorted({f.key for f in report.facts if f.table == "requests" and f.row.startswith(prefix)
                   and f.col == "total"})


def _requests_summary(report: Report) -> str:
    parts = [
        (n := _count(report, "requests.new.total")) and f"本年新收申请{n}件",
        (n := _count(report, "requests.carried_in.total")) and f"上年结转{n}件",
        (n := _count(report, "requests.granted.total")) and f"予以公开{n}件",
        (n := _count(report, "requests.partial.total")) and f"部分公开{n}件",
        (n := _sum(report, _request_keys(report, "withheld_"))) and f"不予公开{n}件",
        (n := _sum(report, _request_keys(report, "unavailable_"))) and f"无法提供{n}件",
        (n := _sum(report, _request_keys(report, "declined_"))) and f"不予处理{n}件",
        (n := _count(report, "requests.carried_out.total")) and f"结转下年度继续办理{n}件",
    ]
    return ("本报告第三部分“收到和处理政府信息公开申请情况”为统计表，按申请人（自然人、商业企业、科研机构、"
            "社会公益组织、法律服务机构、其他）列出本年新收和上年结转的政府信息公开申请数量，以及予以公开、"
            "部分公开、不予公开、无法提供、不予处理、其他处理的办理结果和结转下年度继续办理的数量。"
            + _join(parts))


def _review_summary(report: Report) -> str:
    parts = [
        (n := _count(report, "review.reconsideration.total")) and f"行政复议{n}件",
        (n := _count(report, "review.lawsuit_direct.total")) and f"未经复议直接起诉的行政诉讼{n}件",
        (n := _count(report, "review.lawsuit_after_review.total")) and f"复议后起诉的行政诉讼{n}件",
    ]
    return ("本报告第四部分“政府信息公开行政复议、行政诉讼情况”为统计表，列出因政府信息公开引起的行政复议和"
            "行政诉讼（未经复议直接起诉、复议后起诉）的结果维持、结果纠正、其他结果、尚未审结和总计数量。"
            + _join(parts))
