"""A report file → a typed `Report`: metadata, sections, table facts, findings, reading quality."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from ingest import checks, metadata
from ingest.cells import norm
from ingest.readers import read_document
from ingest.script import to_simplified
from ingest.unflatten import unflatten
from ingest.sections import find_sections
from ingest.tables import Reading, TableReader, absent_facts, detect_template
from nianbao import keys
from nianbao.errors import BadReportFile
from nianbao.models import CellState, Finding, ReadingQuality, Report

_REPORT_TITLE = re.compile(r"信息公开[^。]{0,6}(?:年度报告|年报|工作报告)")
NOT_A_REPORT = ("this does not look like a government information-disclosure annual report "
                "(政府信息公开工作年度报告): neither its sections nor its tables were found")


def report_id(normalised: str) -> str:
    """Stable id: a hash of the normalised text (`norm`: NFKC, whitespace removed)."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def parse_file(path: Path, strict: bool = False) -> Report:
    """Read and parse one report file (any supported format). `strict`: refuse incomplete reports."""
    path = Path(path)
    text, pages = read_document(path)
    report = parse_text(text, file=path.name, source_path=str(path.resolve()),
                        source_format=path.suffix.lower().lstrip("."), strict=strict)
    if pages and not any("flattened" in w for w in report.warnings) and len(report.lines) - len(pages) in (0, 1):
        report.line_pages = pages + pages[-1:] * (len(report.lines) - len(pages))  # the text's last empty line
    return report


def _read_tables(lines: list[str], template: Optional[str], fallback: str, pins) -> tuple[str, TableReader, Reading]:
    """Tables under the version the column titles show, else under both versions (the better fit wins)."""
    tried = []
    for version in [template] if template else [fallback, "2021" if fallback == "2019" else "2019"]:
        reader = TableReader(version, pins)
        tried.append((version, reader, reader.read(lines)))
    return max(tried, key=lambda t: (t[2].cells_read, t[0] == fallback))


def parse_text(text: str, file: str = "<text>", source_path: str = "", source_format: str = "txt",
               strict: bool = False) -> Report:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    normalised = norm(text)  # the id is the printed text's, before any conversion
    text = to_simplified(text)  # mirror sites: traditional characters, pinyin glosses
    lines = unflatten(text.split("\n"))
    flattened = len(lines) != text.count("\n") + 1
    sections = find_sections(lines)
    if "信息公开" not in norm(text):
        raise BadReportFile(file, NOT_A_REPORT)
    by_number = {s.number: s for s in sections}
    meta = metadata.extract(lines, by_number["一"].start_line - 1 if "一" in by_number else -1)
    warnings = ["the report is one flattened paragraph; it was cut into lines at its headings and table "
                "rows, and line numbers refer to those lines"] if flattened else []
    template = detect_template(text)
    fallback = getattr(meta, "template_hint", None) or ("2021" if (meta.year or 0) >= 2021 else "2019")
    claims = checks.narrative_claims(sections)
    template, reader, reading = _read_tables(lines, template, fallback, checks.pins(claims))
    if not sections and reading.rows_found == 0 and not _REPORT_TITLE.search(norm(text[:2000])):
        raise BadReportFile(file, NOT_A_REPORT)
    if detect_template(text) is None:
        warnings.append(f"template version not recognisable from the table headers; assumed {template}")
    facts = reading.facts + absent_facts(template)
    report = Report(
        id=report_id(normalised), file=file, source_path=source_path or file, source_format=source_format,
        agency=meta.agency, agency_full=meta.agency_full, agency_kind=meta.agency_kind, region=meta.region,
        year=meta.year, template=template, published=meta.published, document_number=meta.document_number,
        lines=lines, sections=sections, facts=facts, warnings=warnings + reader.warnings,
    )
    if meta.agency is None:
        report.warnings.append("agency name not found in the title, header, signature or text")
    if meta.region.ambiguous:
        report.warnings.append(f"region ambiguous: {', '.join(meta.region.candidates)}")
    report.narrative = checks.narrative_numbers(report, claims)
    report.findings = (checks.balance_findings(report) + checks.narrative_findings(report.narrative)
                       + checks.cell_findings(report))
    report.quality = _quality(report, reading)
    missing = [n for n in ("一", "二", "三", "四", "五", "六") if n not in by_number]
    if not report.quality.complete:
        report.findings.append(_incomplete(report, missing))
        report.warnings.append(f"incomplete report: {report.findings[-1].message}")
        if strict:
            raise BadReportFile(file, f"incomplete report ({report.findings[-1].message}); "
                                      "ingest it without --strict to keep what it has")
    return report


def _quality(report: Report, reading: Reading) -> ReadingQuality:
    own = set(keys.template_keys(report.template or "2019"))
    states = [f.state for f in report.facts
              if f.key in own or (f.row == "other" and f.state not in (CellState.ABSENT, CellState.NOT_READ))]
    states = [s for s in states if s is not CellState.ABSENT]
    read = sum(s in (CellState.NUMBER, CellState.BLANK) for s in states)
    not_read = sum(s is CellState.NOT_READ for s in states)
    passed, failed = checks.balance_tally(report)
    share = read / len(states) if states else 0.0
    confidence = (passed + 1) / (passed + failed + 1) * (0.5 + 0.5 * share) if read else 0.0
    sections = {s.number for s in report.sections}
    return ReadingQuality(layout=reading.layout, rows_found=reading.rows_found, cells_expected=len(states),
                          cells_read=read, cells_not_read=not_read,
                          cells_unreadable=sum(s is CellState.UNREADABLE for s in states),
                          rules_passed=passed, rules_failed=failed,
                          complete=not_read == 0 and {"五", "六"} <= sections, confidence=round(confidence, 3))


def _incomplete(report: Report, missing_sections: list[str]) -> Finding:
    unread = [f.key for f in report.facts if f.state is CellState.NOT_READ]
    parts = []
    if missing_sections:
        parts.append(f"sections {'、'.join(missing_sections)} not found")
    if unread:
        parts.append(f"{len(unread)} table cells not read")
    return Finding(rule="incomplete", message="; ".join(parts) or "incomplete", cells=unread[:50])
