"""Cut a parsed `Report` into passages for retrieval.

Chunks never cross a section or sub-part boundary, so every passage cites one canonical section
(一 … 六) and a line span. Long stretches are split at sentence ends to stay well inside e5's
512-token window, with a one-sentence overlap so a fact at a cut is still found. Table lines are not
embedded; sections 二/三/四 get one summary chunk each instead (see `vectorstore.tables`).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel

from nianbao.models import Passage, Report, Section
from vectorstore.tables import TABLE_SECTIONS, is_table_line, table_summary

# Well inside e5's 512-token window (~350 CJK characters would still fit); smaller chunks gave
# clearly better dense and hybrid recall with this small model on eval/retrieval.jsonl.
MAX_CHARS = 200
OVERLAP_CHARS = 80
_SENTENCE = re.compile(r"[^。；！？!?;]*[。；！？!?;]+[”’」』）)]*|[^。；！？!?;]+$")
_MARKUP = re.compile(r"^\s*#+\s*|\*\*|\[bookmark:[^\]]*\]")


class Chunk(BaseModel):
    """One retrievable passage with everything needed to cite and filter it."""

    chunk_id: str
    report_id: str
    file: str
    agency: Optional[str] = None
    agency_full: Optional[str] = None
    province: Optional[str] = None
    city: Optional[str] = None
    county: Optional[str] = None
    township: Optional[str] = None
    year: Optional[int] = None
    section: str  # canonical 一 … 六
    heading: str = ""
    subheading: str = ""
    start_line: int
    end_line: int
    text: str
    kind: str = "prose"  # prose | table_summary

    def embed_text(self) -> str:
        """The text given to the embedder and to BM25: who, when, which section, then the passage."""
        who = self.agency_full or self.agency or ""
        when = f"{self.year}年" if self.year else ""
        head = " ".join(x for x in (self.heading, self.subheading) if x and not self.text.startswith(x))
        return f"{who}{when}政府信息公开工作年度报告 {head}\n{self.text}".strip()

    def to_passage(self, score: float = 0.0) -> Passage:
        return Passage(
            chunk_id=self.chunk_id, report_id=self.report_id, file=self.file, agency=self.agency,
            year=self.year, section=self.section, heading=self.heading, subheading=self.subheading,
            lines=(self.start_line, self.end_line), text=self.text, score=score, kind=self.kind,
        )


@dataclass(frozen=True)
class _Piece:
    line: int
    text: str
    subheading: str


def chunk_report(report: Report, max_chars: int = MAX_CHARS, overlap_chars: int = OVERLAP_CHARS) -> list[Chunk]:
    """All chunks of `report`, in reading order, with stable ids."""
    drafts: list[tuple[Section, list[_Piece], str]] = []  # (section, pieces, kind)
    for section in report.sections:
        pieces, table_lines = _section_pieces(report, section, max_chars)
        for group in _group_by_subheading(pieces):
            drafts.extend((section, chunk, "prose") for chunk in _pack(group, max_chars, overlap_chars))
        summary = table_summary(report, section.number) if section.number in TABLE_SECTIONS else None
        if summary and table_lines:
            drafts.append((section, [_Piece(table_lines[0], summary, ""), _Piece(table_lines[-1], "", "")],
                           "table_summary"))
    return [_make_chunk(report, section, pieces, kind, i) for i, (section, pieces, kind) in enumerate(drafts)]


def _section_lines(report: Report, section: Section) -> list[tuple[int, str]]:
    if report.lines:
        last = min(section.end_line, len(report.lines))
        return [(n, report.lines[n - 1]) for n in range(section.start_line, last + 1)]
    return list(enumerate(section.text.split("\n"), start=section.start_line))


def _clean(line: str) -> str:
    return re.sub(r"[ \t\u3000]+", " ", _MARKUP.sub("", line)).strip()


def _section_pieces(report: Report, section: Section, max_chars: int) -> tuple[list[_Piece], list[int]]:
    """Prose pieces (one per line, long lines split into sentences) and the table line numbers."""
    pieces: list[_Piece] = []
    table_lines: list[int] = []
    in_tables = section.number in TABLE_SECTIONS
    subheadings = _subheadings(section)
    for n, raw in _section_lines(report, section):
        if n == section.start_line:
            raw = _strip_heading(raw, section.heading)
        if not _clean(raw):
            continue
        if is_table_line(raw, in_tables):
            table_lines.append(n)
            continue
        sub = subheadings.get(n, "")
        pieces.extend(_Piece(n, s, sub) for s in _split_sentences(_clean(raw), max_chars))
    return pieces, table_lines


def _strip_heading(line: str, heading: str) -> str:
    """The heading line minus the heading (a heading can be glued to the sentence before it)."""
    cleaned, head = _clean(line), _clean(heading)
    return cleaned.replace(head, "", 1) if head and head in cleaned else line


def _subheadings(section: Section) -> dict[int, str]:
    """Line number → the heading of the first sub-part covering it (one pass: a scan of every sub-part
    per line grew quadratically with long texts)."""
    out: dict[int, str] = {}
    for part in reversed(section.subparts):  # earlier parts written last: the first covering part wins
        for line in range(part.start_line, part.end_line + 1):
            out[line] = part.heading
    return out


def _split_sentences(text: str, max_chars: int) -> list[str]:
    """A line as itself if it fits, else its sentences (a sentence longer than max_chars is cut)."""
    if len(text) <= max_chars:
        return [text]
    out = []
    for sentence in _SENTENCE.findall(text):
        out.extend(sentence[i:i + max_chars] for i in range(0, len(sentence), max_chars))
    return out


def _group_by_subheading(pieces: list[_Piece]) -> list[list[_Piece]]:
    groups: list[list[_Piece]] = []
    for piece in pieces:
        if groups and groups[-1][-1].subheading == piece.subheading:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _pack(pieces: list[_Piece], max_chars: int, overlap_chars: int) -> list[list[_Piece]]:
    """Greedy packing under max_chars; a new chunk repeats the previous chunk's last sentence if short."""
    chunks: list[list[_Piece]] = []
    current: list[_Piece] = []
    size = 0
    for piece in pieces:
        if current and size + len(piece.text) > max_chars:
            chunks.append(current)
            current = _overlap(current[-1], overlap_chars)
            size = sum(len(p.text) for p in current)
        current.append(piece)
        size += len(piece.text)
    if current:
        chunks.append(current)
    return chunks


def _overlap(last: _Piece, overlap_chars: int) -> list[_Piece]:
    sentences = _SENTENCE.findall(last.text)
    tail = sentences[-1] if sentences else ""
    return [_Piece(last.line, tail, last.subheading)] if tail and len(tail) <= overlap_chars else []


def _join(pieces: list[_Piece]) -> str:
    """Pieces of the same line join directly; separate lines keep a line break."""
    out = ""
    for i, p in enumerate(pieces):
        if not p.text:
            continue
        out += ("" if i == 0 or pieces[i - 1].line == p.line else "\n") + p.text
    return out.strip()


def chunk_id(report_id: str, section: str, start: int, end: int, index: int) -> str:
    key = f"{report_id}\x1f{section}\x1f{start}-{end}\x1f{index}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _make_chunk(report: Report, section: Section, pieces: list[_Piece], kind: str, index: int) -> Chunk:
    start, end = min(p.line for p in pieces), max(p.line for p in pieces)
    region = report.region
    return Chunk(
        chunk_id=chunk_id(report.id, section.number, start, end, index), report_id=report.id,
        file=report.file, agency=report.agency, agency_full=report.agency_full, province=region.province,
        city=region.city, county=region.county, township=region.township, year=report.year,
        section=section.number, heading=_clean(section.heading), subheading=pieces[0].subheading,
        start_line=start, end_line=end, text=_join(pieces), kind=kind,
    )
