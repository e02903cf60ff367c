"""Reports flattened into one paragraph (crawler text, HTML `get_text()` without line breaks) → lines.

Family of inputs: a page whose report body is one long line, the six section headings inside it
(`…工作年度报告一、总体情况2020年，我局…二、主动公开政府信息情况第二十条第（一）项信息内容…`), the
table cells run together or separated by single spaces. The reader works on lines, so the paragraph
is cut back into them: before each section heading (found by its number and meaning, in order),
after the heading, before each sub-heading that follows a sentence end, and inside the table
sections (二 三 四) wherever a row's values end and the next label begins (a digit followed by text).
Ordinary reports are left as they are: only a line longer than LONG_LINE holding at least two
section headings is cut.
"""
from __future__ import annotations

import re

from ingest.sections import KEYWORDS

LONG_LINE = 300  # longer than any heading or table row; short enough for a flattened short report
_NUMBERED = re.compile(r"(?<![（(第一二三四五六七八九十])([一二三四五六])\s*[、.．]\s*")
_HEADING_END = re.compile(r"(情况|事项|问题及改进情况|问题和改进情况)")
_SUBHEAD = re.compile(r"(?<=[。；;！!？?])\s*(?=[（(][一二三四五六七八九十]{1,3}[)）])")
# a value (digits, a decimal, a sign, a unit in the cell) followed by the next row's text
_ROW_END = re.compile(r"(?<=[0-9０-９])(?:元|万元)?\s*(?=[^\s0-9０-９.．%％,，+\-元万件项个次年月日号])")
_BLOCK = re.compile(r"(?=第二十条第[（(])")
TABLE_SECTIONS = ("二", "三", "四")


def unflatten(lines: list[str]) -> list[str]:
    """`lines` with every flattened report paragraph cut back into lines."""
    if not any(len(ln) > LONG_LINE for ln in lines):
        return lines
    out: list[str] = []
    for line in lines:
        out += _cut(line) if len(line) > LONG_LINE else [line]
    return out


def _headings(line: str) -> list[tuple[int, int, str]]:
    """(start, end of heading, number) of the section headings inside `line`, in template order."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    for number in ("一", "二", "三", "四", "五", "六"):
        for m in _NUMBERED.finditer(line, pos):
            if m.group(1) != number:
                continue
            window = line[m.end():m.end() + 30]
            hits = [window.find(k) + len(k) for k in KEYWORDS[number] if 0 <= window.find(k) <= 12]
            if not hits:
                continue
            end = m.end() + max(hits)
            tail = _HEADING_END.match(line, end)
            ending = _HEADING_END.search(line, end, end + 12)
            if tail:
                end = tail.end()
            elif ending:
                end = ending.end()
            found.append((m.start(), end, number))
            pos = end
            break
    return found


def _cut(line: str) -> list[str]:
    heads = _headings(line)
    if len(heads) < 2:
        return [line]
    out = [line[:heads[0][0]]] if line[:heads[0][0]].strip() else []
    for i, (start, end, number) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(line)
        out.append(line[start:end].strip())
        body = line[end:stop].strip()
        if not body:
            continue
        if number in TABLE_SECTIONS:
            out += _table_lines(body)
        else:
            out += [p.strip() for p in _SUBHEAD.split(body) if p.strip()]
    return out


def _table_lines(body: str) -> list[str]:
    """A table section's text: one line per row (cells stay as printed: run together or spaced)."""
    lines = []
    for block in _BLOCK.split(body):
        lines += [p.strip() for p in _ROW_END.split(block) if p.strip()]
    return lines
