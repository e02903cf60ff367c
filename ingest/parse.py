"""A report file → a typed `Report`: metadata, sections, table facts, findings."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from ingest import checks, metadata
from ingest.cells import norm, read_rows
from ingest.readers import read_text
from ingest.sections import find_sections
from ingest.tables import TableReader, absent_facts, detect_template
from nianbao.errors import BadReportFile
from nianbao.models import Report, Section


def report_id(normalised: str) -> str:
    """Stable id: a hash of the normalised text (`norm`: NFKC, whitespace removed)."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _table_lines(lines: list[str], section: Optional[Section]) -> tuple[list[str], int]:
    if section is None:
        return [], 1
    return lines[section.start_line: section.end_line], section.start_line + 1  # skip the heading line


def parse_file(path: Path) -> Report:
    """Read and parse one report file (any supported format)."""
    path = Path(path)
    text = read_text(path)
    return parse_text(text, file=path.name, source_path=str(path.resolve()), source_format=path.suffix.lower().lstrip("."))


def parse_text(text: str, file: str = "<text>", source_path: str = "", source_format: str = "txt") -> Report:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    sections = find_sections(lines)
    numbers = {s.number for s in sections}
    normalised = norm(text)
    if "政府信息公开" not in normalised or len(numbers & {"二", "三", "四"}) < 2:
        raise BadReportFile(file, "this does not look like a government information-disclosure annual report "
                                  "(政府信息公开工作年度报告): the standard sections 二/三/四 and their tables were not found")
    if not numbers & {"五", "六"}:
        last = max(numbers, key="一二三四五六".index)
        raise BadReportFile(file, f"the file seems truncated: it ends in section {last} and sections 五 and 六 "
                                  "were not found; get the complete report and ingest it again")
    by_number = {s.number: s for s in sections}
    warnings = [f"section {n} not found" for n in ("一", "二", "三", "四", "五", "六") if n not in numbers]
    meta = metadata.extract(lines, by_number["一"].start_line - 1 if "一" in by_number else -1)
    template = detect_template(by_number["二"].text if "二" in by_number else "",
                               by_number["三"].text if "三" in by_number else "")
    if template is None:
        template = "2021" if (meta.year or 0) >= 2021 else "2019"
        warnings.append(f"template version not recognisable from the table headers; assumed {template} from the year")
    claims = checks.narrative_claims(sections)
    reader = TableReader(template, checks.pins(claims))
    facts = []
    for number, read in (("二", reader.active), ("三", reader.requests), ("四", reader.review)):
        block, first = _table_lines(lines, by_number.get(number))
        rows = read_rows(block, first)
        facts += read(rows, "\n".join(block)) if number == "二" else read(rows)
    facts += absent_facts(template)
    report = Report(
        id=report_id(normalised), file=file, source_path=source_path or file, source_format=source_format,
        agency=meta.agency, agency_full=meta.agency_full, agency_kind=meta.agency_kind, region=meta.region,
        year=meta.year, template=template, published=meta.published, document_number=meta.document_number,
        lines=lines, sections=sections, facts=facts, warnings=warnings + reader.warnings,
    )
    if meta.agency is None:
        report.warnings.append("agency name not found in the title, header or signature")
    if meta.region.ambiguous:
        report.warnings.append(f"region ambiguous: {', '.join(meta.region.candidates)}")
    report.narrative = checks.narrative_numbers(report, claims)
    report.findings = (checks.balance_findings(report) + checks.narrative_findings(report.narrative)
                       + checks.cell_findings(report))
    return report
