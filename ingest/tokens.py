"""Text → a stream of cell tokens, under one of several readings of the layout.

Published tables arrive as pipes (with or without outer bars, full-width `｜`, `cell |` one per line,
a lone `|` opening each row, `|` on alternate lines), tab-separated rows, one cell per line (blank
lines between cells, or empty cells dropped), cells padded with runs of spaces, or run together.
The same text can often be read more than one way; each `Mode` is one reading, and the table reader
keeps the reading whose cells fit the national template best (see `ingest.tables`). A token is a
cell (text, value or empty), a `GAP` (some unknown number of empty cells) or a `BREAK` (row end).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from typing import Iterator, NamedTuple

from ingest.cells import Kind, _split_cell, classify

TEXT, VALUE, EMPTY, GAP, BREAK = "text", "value", "empty", "gap", "break"
_PIPE = re.compile(r"[|｜¦]")
_ONLY_PIPES = re.compile(r"^[\s|｜¦]*[|｜¦][\s|｜¦]*$")
_SEPARATOR = re.compile(r"^\s*[|｜]?\s*:?-{2,}.*$")
_WIDE_SPACES = re.compile(r"(?:\s{2,}|\u3000+)")
_PAGE_NUMBER = re.compile(r"^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$|^\s*第\s*\d{1,3}\s*页(\s*[/共]\s*\d+\s*页)?\s*$")


class Tok(NamedTuple):
    kind: str
    raw: str
    line: int  # 1-based line of the text
    col: int = -1  # position among the cells of its printed row, where the row is one line (pipes, tabs)


@dataclass(frozen=True)
class Mode:
    """One reading of the layout.

    blank: what a blank line means between one-cell lines: `sep` (a separator; each further blank line
      is an empty cell: HTML exports with blank lines between cells), `pairs` (every cell line, empty
      ones too, is followed by one blank line: 2k+1 blank lines hold k empty cells), `break` (a row break: Word exports
      with rows as blocks), `none` (nothing: cells on consecutive lines with empty cells dropped).
    lone_pipe: a line holding a single `|`: `cell` (an empty cell, or a row opener before a label),
      `sep` (a separator between cells written on alternate lines), or `close` (cell and `|` on
      alternate lines: a `|` closes the cell above it; after a blank line or another `|` it closes
      an empty cell).
    spaces: runs of 2+ spaces separate cells (PDF text layers, fixed-width text).
    """

    blank: str = "sep"
    lone_pipe: str = "cell"
    spaces: bool = False

    @property
    def name(self) -> str:
        return f"blank={self.blank},pipe={self.lone_pipe}" + (",spaces" if self.spaces else "")

    @property
    def drops_empties(self) -> bool:
        """Empty cells leave no trace in this reading (a short row cannot be placed in its columns)."""
        return self.blank not in ("sep", "pairs")


def modes_for(lines: list[str]) -> list[Mode]:
    """The readings worth trying for this text (those its features can tell apart)."""
    has_blank = any(not ln.strip() for ln in lines)
    has_lone = any(ln.strip() in ("|", "｜") for ln in lines)
    has_spaces = any(_space_row(ln) for ln in lines if not _PIPE.search(ln) and "\t" not in ln)
    blanks = ("sep", "break", "none") if has_blank else ("none",)
    if _has_blank_run(lines, 3):
        blanks += ("pairs",)
    pipes = ("cell", "sep") if has_lone else ("cell",)
    spaces = (False, True) if has_spaces else (False,)
    modes = [Mode(b, p, s) for b, p, s in product(blanks, pipes, spaces)]
    if has_lone:  # cell and `|` on alternate lines: blank lines are the empty cells' text
        modes.append(Mode("none", "close"))
    return modes


def _space_row(line: str) -> bool:
    """A line that space padding may split into table cells: two or more parts, one of them a number
    (a wide space inside prose, `（1）    （三）加强…`, is not a reason to read the text that way)."""
    stripped = line.strip()
    if not _WIDE_SPACES.search(stripped):
        return False
    parts = [p for p in _WIDE_SPACES.split(stripped) if p]
    return len(parts) >= 2 and any(classify(p) is Kind.NUMBER for p in parts)


def _cell(raw: str, line: int, col: int = -1) -> Tok:
    kind = classify(raw)
    if kind is Kind.EMPTY:
        return Tok(EMPTY, raw, line, col)
    return Tok(TEXT if kind is Kind.TEXT else VALUE, raw, line, col)


def _pipe_cells(line: str) -> list[str]:
    """`| a | b | ` / `a | b |` / `a |` → the cells between the bars (outer bars dropped)."""
    parts = _PIPE.split(line)
    if parts and not parts[0].strip():
        parts = parts[1:]  # opening bar
    if parts and not parts[-1].strip():
        parts = parts[:-1]  # closing bar (with trailing spaces)
    return [p.strip(" \u00a0\u3000") for p in parts]


def _plain_cells(line: str, mode: Mode) -> list[str]:
    if mode.spaces:
        return [p for p in _WIDE_SPACES.split(line.strip()) if p]
    return [p for raw in [line.strip()] for p in _split_cell(raw)]


def tokenise(lines: list[str], mode: Mode, first_line: int = 1) -> list[Tok]:
    """The token stream of `lines` under `mode` (the first line is line `first_line` of the file)."""
    return list(_tokens(lines, mode, first_line))


def _tokens(lines: list[str], mode: Mode, first: int) -> Iterator[Tok]:
    blanks = 0
    for i, line in enumerate(lines):
        number = first + i
        stripped = line.strip()
        if not stripped:
            blanks += 1
            continue
        if blanks:
            yield from _blank_run(blanks, mode, number - 1)
            blanks = 0
        if _PAGE_NUMBER.match(stripped) or _SEPARATOR.match(stripped):
            continue
        if _ONLY_PIPES.match(stripped):
            yield from _only_pipes(stripped, lines, i, mode, number)
        elif _PIPE.search(stripped):
            cells = _pipe_cells(line)
            yield from (_cell(c, number, j if len(cells) > 1 else -1) for j, c in enumerate(cells))
            if len(cells) > 1:
                yield Tok(BREAK, "", number)  # a whole row on one line
        elif "\t" in line:
            yield from _tab_line(line, number)
        else:
            cells = _plain_cells(line, mode)
            yield from (_cell(c, number, j if len(cells) > 1 else -1) for j, c in enumerate(cells))
            if len(cells) > 1:
                yield Tok(BREAK, "", number)


def _has_blank_run(lines: list[str], count: int) -> bool:
    run = 0
    for ln in lines:
        if ln.strip():
            if run == count:
                return True
            run = 0
        else:
            run += 1
    return False


def _blank_run(count: int, mode: Mode, line: int) -> Iterator[Tok]:
    if mode.blank == "sep":
        yield from (Tok(EMPTY, "", line) for _ in range(count - 1))  # one blank separates; more are empty cells
    elif mode.blank == "pairs":
        if count % 2 == 0:
            yield Tok(GAP, "", line)  # not the pattern of this reading: how many cells cannot be told
        yield from (Tok(EMPTY, "", line) for _ in range((count - 1) // 2))
    elif mode.blank == "break":
        yield Tok(BREAK, "", line)


def _only_pipes(stripped: str, lines: list[str], i: int, mode: Mode, number: int) -> Iterator[Tok]:
    bars = len(_PIPE.findall(stripped))
    if bars > 1:
        yield Tok(GAP, stripped, number)  # `||||`: merged or empty cells, how many cannot be told
        return
    if mode.lone_pipe == "sep":
        return
    if mode.lone_pipe == "close":
        above = lines[i - 1].strip() if i > 0 else ""
        if not above or _ONLY_PIPES.match(above):
            yield Tok(EMPTY, "", number)
        return
    nxt = next((ln.strip() for ln in lines[i + 1:] if ln.strip()), "")
    # a lone `|` before a label opens a row; before a value or another bar it is an empty cell
    label_next = bool(nxt) and not _ONLY_PIPES.match(nxt) and classify(_pipe_cells(nxt)[0] if _pipe_cells(nxt)
                                                                        else "") is Kind.TEXT
    yield Tok(BREAK if label_next else EMPTY, "", number)


def _tab_line(line: str, number: int) -> Iterator[Tok]:
    """Tab-separated cells; a tab-indented single cell is one cell of a one-cell-per-line export
    (Word/HTML exports print each cell on its own line, an empty cell as a lone tab)."""
    body = line.rstrip("\n")
    if body.startswith("\t") and "\t" not in body[1:]:
        yield _cell(body[1:], number)
        return
    parts = [part for raw in body.split("\t") for part in _split_cell(raw)]
    yield from (_cell(part, number, j) for j, part in enumerate(parts))
    yield Tok(BREAK, "", number)
