"""Typed data that crosses every boundary: reports, sections, facts, findings."""
from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import BaseModel, Field

SECTION_NUMBERS = ("一", "二", "三", "四", "五", "六")


class CellState(str, Enum):
    NUMBER = "number"
    BLANK = "blank"
    ABSENT = "absent"
    UNREADABLE = "unreadable"
    NOT_READ = "not_read"  # in the template, but not read: row not found, text cut off, columns unrecoverable


class Fact(BaseModel):
    """One cell of one table of one report."""

    table: str
    row: str
    col: str
    value: Optional[float] = None
    state: CellState
    unit: str = "count"  # count | yuan
    raw: str = ""
    line: Optional[int] = None
    unit_printed: Optional[str] = None
    unit_assumed: Optional[str] = None
    unit_reason: Optional[str] = None
    raw_value: Optional[float] = None
    candidates: list[float] = Field(default_factory=list)
    note: Optional[str] = None

    @property
    def key(self) -> str:
        return f"{self.table}.{self.row}.{self.col}"


class SubPart(BaseModel):
    heading: str
    start_line: int
    end_line: int


class Section(BaseModel):
    """One of the six canonical sections, as printed."""

    number: str  # 一 … 六
    heading: str
    start_line: int
    end_line: int
    text: str
    subparts: list[SubPart] = Field(default_factory=list)


class Finding(BaseModel):
    """A data-quality finding: a broken balance rule, a narrative contradiction, an odd cell."""

    rule: str  # R1..R4 | narrative | unreadable | unit_guess
    message: str
    cells: list[str] = Field(default_factory=list)
    expected: Optional[float] = None
    printed: Optional[float] = None
    line: Optional[int] = None


class NarrativeNumber(BaseModel):
    text: str
    value: float
    line: int
    cells: list[str] = Field(default_factory=list)
    table_value: Optional[float] = None
    agrees: Optional[bool] = None


class Region(BaseModel):
    province: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None
    township: Optional[str] = None
    ambiguous: bool = False
    candidates: list[str] = Field(default_factory=list)


class ReadingQuality(BaseModel):
    """How well a report's tables were read: the basis of its reading confidence."""

    layout: str = ""  # the layout reading kept (see ingest.tokens.Mode)
    rows_found: int = 0
    cells_expected: int = 0  # template cells of the report's version
    cells_read: int = 0  # number or blank
    cells_not_read: int = 0
    cells_unreadable: int = 0
    rules_passed: int = 0  # balance equations evaluated and holding
    rules_failed: int = 0
    complete: bool = True  # all six sections and every table cell present
    confidence: float = 0.0  # 0..1

    @property
    def level(self) -> str:
        return "high" if self.confidence >= 0.9 else "medium" if self.confidence >= 0.6 else "low"


class Report(BaseModel):
    id: str
    file: str
    source_path: str = ""
    source_format: str = "txt"
    agency: Optional[str] = None
    agency_full: Optional[str] = None
    agency_kind: Optional[str] = None  # government | department | street_office | township
    region: Region = Field(default_factory=Region)
    year: Optional[int] = None
    template: Optional[str] = None  # 2019 | 2021
    published: Optional[str] = None
    document_number: Optional[str] = None
    lines: list[str] = Field(default_factory=list)
    line_pages: Optional[list[int]] = None  # paged formats (PDF): the page (1-based) each line starts on
    sections: list[Section] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    narrative: list[NarrativeNumber] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    quality: ReadingQuality = Field(default_factory=ReadingQuality)

    def fact(self, key: str) -> Optional[Fact]:
        for f in self.facts:
            if f.key == key:
                return f
        return None

    def section(self, number: str) -> Optional[Section]:
        for s in self.sections:
            if s.number == number:
                return s
        return None


class Passage(BaseModel):
    """A retrieved chunk of a report's prose, with where it came from."""

    chunk_id: str
    report_id: str
    file: str
    agency: Optional[str] = None
    year: Optional[int] = None
    section: str  # canonical 一 … 六
    heading: str = ""  # the section heading as printed
    subheading: str = ""
    lines: tuple[int, int]
    text: str
    score: float = 0.0
    kind: str = "prose"  # prose | table_summary
