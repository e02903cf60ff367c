"""Stores for QA tests: the hand-checked gold facts of the five samples (plus sections when the section
finder exists), optionally edited (a second 鼓楼区, a 2021-template report)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

from ingest.store import connect, save_report
from nianbao.models import Report
from tests.support.gold import SAMPLE_FILES, gold_report

PDF_GOLD = ("hongze-qu-gov-2023.json", "hongze-qu-gov-2024.json")


def with_sections(report: Report) -> Report:
    """Fill `sections` from the report text with the parser's section finder (if it is there yet)."""
    try:
        from ingest.sections import find_sections
    except ModuleNotFoundError:
        return report
    if report.lines and not report.sections:
        report.sections = find_sections(report.lines)
    return report


def build_store(db_dir: Path, names: Iterable[str] = SAMPLE_FILES,
                edit: Optional[Callable[[Report], Optional[Report]]] = None,
                extra: Iterable[Report] = ()) -> Path:
    """Write the gold reports named (edited by `edit`, which may return None to drop one) into `db_dir`."""
    conn = connect(db_dir)
    try:
        for name in names:
            report = with_sections(gold_report(name))
            if edit is not None:
                report = edit(report)
            if report is not None:
                save_report(conn, report)
        for report in extra:
            save_report(conn, report)
    finally:
        conn.close()
    return Path(db_dir)
