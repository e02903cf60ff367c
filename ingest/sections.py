"""Find the six canonical sections (一 … 六) and their sub-parts, matched by meaning.

Headings vary (`五、存在的主要问题及整改措施`, `行政法复议`, missing numbers, `#`/`**` marks, a heading
glued to the sentence before it); we look for each section's keywords, in order, on short lines.
"""
from __future__ import annotations

import re
from typing import Optional

from ingest.cells import norm
from nianbao.models import SECTION_NUMBERS, Section, SubPart

KEYWORDS = {
    "一": ("总体情况", "总体概况", "基本情况", "概述", "总体工作情况", "工作概况", "总体", "概况"),
    "二": ("主动公开政府信息", "主动公开情况", "主动公开"),
    "三": ("收到和处理政府信息公开申请", "收到和处理", "依申请公开", "政府信息公开申请"),
    "四": ("行政复议", "行政诉讼", "行政法复议", "复议、行政", "复议诉讼"),
    "五": ("存在的主要问题", "主要问题", "改进情况", "整改"),
    "六": ("其他需要报告", "其他事项", "其他需报告"),
}
_MARKS = re.compile(r"^[#>*\s\u3000]+|[*\s\u3000]+$")
_NUMERAL = re.compile(r"^(?P<n>[一二三四五六])\s*[、.．，,:：]?")
# `（1）    （三）加强政府信息管理`: a stray list number before the real sub-heading is skipped
_SUB = re.compile(r"^(?:[（(]\d{1,2}[)）])?[（(](?P<n>[一二三四五六七八九十]+)[)）]")
_GLUED = re.compile(r"[。；;！!？?]\s*(?P<h>[一二三四五六][、.．][^。；;]{2,40})$")
MAX_HEADING = 40


def _heading_text(line: str) -> str:
    return norm(_MARKS.sub("", line)).replace("*", "")


_ANY_NUMERAL = re.compile(r"^(?:第?[一二三四五六七八九十]{1,2}(?:部分)?|[0-9]{1,2})\s*[、.．，,:：]")


def match_heading(line: str, number: str, renumbered: bool = False) -> bool:
    """Is `line` the heading of section `number`? `renumbered`: a report that numbers its parts its
    own way (`二、工作机制保障`, then `三、主动公开政府信息情况`): a numbered heading whose words are
    those of the section, whatever its number."""
    if len(line) > 3 * MAX_HEADING or "\t" in line or "|" in line:  # a paragraph or a table row
        return False
    text = _heading_text(line)
    if not text or len(text) > MAX_HEADING:
        return False
    if renumbered:
        other = _ANY_NUMERAL.match(text)
        rest = text[other.end():].lstrip() if other else ""
        return bool(other) and any(rest.startswith(k) or rest.startswith("政府信息公开" + k)
                                   for k in KEYWORDS[number][:2])
    m = _NUMERAL.match(text)
    if m and m.group("n") != number:
        return False
    rest = text[m.end():] if m else text
    if not m and not any(rest.startswith(k) or rest.startswith("政府信息公开" + k) for k in KEYWORDS[number]):
        return False
    if number == "三" and m is None and rest.startswith("依申请公开") and len(rest) > 12:
        return False
    return any(k in rest for k in KEYWORDS[number])


def _glued_heading(line: str, number: str) -> Optional[str]:
    m = _GLUED.search(norm(line[-3 * MAX_HEADING:]))  # a glued heading ends its line
    if m and match_heading(m.group("h"), number):
        return m.group("h")
    return None


def find_sections(lines: list[str]) -> list[Section]:
    """Sections in reading order; a section the report lacks is simply not in the list."""
    starts: list[tuple[str, int, str]] = []  # (number, 0-based line index, heading as printed)
    pos = 0
    for number in SECTION_NUMBERS:
        for i in range(pos, len(lines)):
            if match_heading(lines[i], number):
                starts.append((number, i, _MARKS.sub("", lines[i]).strip()))
                pos = i + 1
                break
            glued = _glued_heading(lines[i], number)
            if glued:
                starts.append((number, i, glued))
                pos = i + 1
                break
        else:
            i = next((i for i in range(pos, len(lines)) if match_heading(lines[i], number, renumbered=True)), -1)
            if i >= 0:
                starts.append((number, i, _MARKS.sub("", lines[i]).strip()))
                pos = i + 1
    sections = []
    for j, (number, i, heading) in enumerate(starts):
        end = starts[j + 1][1] - 1 if j + 1 < len(starts) else _body_end(lines)
        end = max(end, i)
        sections.append(Section(number=number, heading=heading, start_line=i + 1, end_line=end + 1,
                                text="\n".join(lines[i:end + 1]).strip("\n"),
                                subparts=_subparts(lines, i + 1, end)))
    return sections


def _body_end(lines: list[str]) -> int:
    """Last non-empty line index (the signature block stays in section 六; it is short)."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip(" \t\u3000，,"):
            return i
    return len(lines) - 1


def _subparts(lines: list[str], first: int, last: int) -> list[SubPart]:
    """`（一）强化组织保障。…` → a sub-part headed `（一）强化组织保障` spanning to the next one."""
    heads: list[tuple[int, str]] = []
    for i in range(first, last + 1):
        text = _heading_text(lines[i])
        m = _SUB.match(text)
        if m and "\t" not in lines[i] and "|" not in lines[i]:
            printed = re.sub(r"[\s*]+", "", _MARKS.sub("", lines[i]))
            printed = re.sub(r"^[（(][0-9０-９]{1,2}[)）](?=[（(])", "", printed)
            heads.append((i, re.split(r"[。：:]", printed, maxsplit=1)[0][:MAX_HEADING]))
    parts = []
    for j, (i, heading) in enumerate(heads):
        end = heads[j + 1][0] - 1 if j + 1 < len(heads) else last
        parts.append(SubPart(heading=heading, start_line=i + 1, end_line=end + 1))
    return parts
