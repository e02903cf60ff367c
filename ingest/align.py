"""A token stream → table rows of the national template, wherever the tables sit in the text.

The stream is cut into segments (a run of label cells, then the value cells after it). Each segment's
label is matched to a template row; a monotone alignment keeps the matches that follow the template's
row order with the best total score (a repeated header, a column title that looks like a row label,
or a stray narrative line cannot jump the order). Section numbering is not used: a table is found by
its rows, so a report that numbers its parts its own way, or that stops half-way, is read as far as
it goes. Rows the alignment does not reach are simply not returned (the caller records their cells
as not read).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ingest.cells import norm
from ingest.labels import NUMBERING, core, match_row
from nianbao import catalogue
from ingest.tokens import BREAK, EMPTY, GAP, TEXT, VALUE, Tok

MAX_LABEL = 60  # longer text is prose, never a row label
MAX_ROW_LABEL_CELLS = 3  # a row label is printed in at most three cells: group, row, filling instruction
_RUN = re.compile(r"^(?P<label>.*?[^\d\-.,\s])\s*(?P<run>[+\-]?\d[\d\-.,]*(?:万元|元)?)$")
REVIEW_WORDS = ("结果维持", "结果纠正", "尚未审结", "其他结果")
_REVIEW_TITLES = ("行政复议", "行政诉讼", "总计", "起诉")
_SECTION_AFTER_REVIEW = re.compile(r"^[#*\s]*(五|六)[、.．]|存在的主要问题|其他需要报告")


@dataclass
class Segment:
    labels: list[Tok]
    values: list[Tok] = field(default_factory=list)
    closed: bool = False  # a row break or the next label came after the values (not cut by the text's end)
    run: bool = False  # the value is a digit run glued to the label (`规章000`)
    start: int = 0  # index of the first token in the stream
    end: int = 0  # index after the last token

    @property
    def label(self) -> str:
        return "".join(norm(t.raw).replace("*", "") for t in self.labels)

    @property
    def line(self) -> int:
        return (self.labels or self.values)[0].line


@dataclass
class Match:
    table: str
    key: str
    segment: Segment
    score: float
    weak: bool = False


def _glued_run(tok: Tok) -> Optional[tuple[Tok, Tok]]:
    """`规章000` / `行政规范性文件000` (scraped text: the cells of a row run together after its label)."""
    m = _RUN.match(norm(tok.raw))
    if not m or len(m.group("label")) > 40:
        return None
    return Tok(TEXT, m.group("label"), tok.line), Tok(VALUE, m.group("run"), tok.line)


def segments(tokens: Sequence[Tok]) -> list[Segment]:
    """Label runs with the value cells that follow them; prose resets the run."""
    out: list[Segment] = []
    cur: Optional[Segment] = None
    broken = False  # a row break since the last value
    values_on_line: dict[int, int] = {}
    for t in tokens:
        if t.kind == VALUE and t.col >= 0:
            values_on_line[t.line] = values_on_line.get(t.line, 0) + 1
    for i, tok in enumerate(tokens):
        if tok.kind == TEXT:
            text = core(norm(tok.raw))
            glued = _glued_run(tok) if text and (text[-1].isdigit() or text.endswith("元")) else None
            if cur is not None and (cur.values or len(text) > MAX_LABEL):
                cur.closed = True
                out.append(cur)
                cur = None
            if len(text) > MAX_LABEL:
                continue  # prose between tables
            if glued:
                if cur is not None:
                    out.append(cur)
                out.append(Segment([glued[0]], [glued[1]], closed=True, run=True, start=i, end=i + 1))
                cur = None
                continue
            if cur is None:
                cur = Segment([], start=i)
            cur.labels.append(tok)
            cur.end = i + 1
            broken = False
        elif tok.kind == BREAK:
            if cur is not None and cur.values:
                cur.closed = True
                out.append(cur)
                cur = None
            broken = True
        else:
            if cur is not None and cur.labels and not cur.values and values_on_line.get(tok.line, 0) >= 2 \
                    and tok.line != cur.labels[-1].line:
                # a whole row of values on a line of its own (PDF text: a label wrapped over several lines
                # is centred on its values): it is not the label's above; the alignment places it
                cur.closed = True
                out.append(cur)
                cur = None
            if cur is None:
                if broken or not out or tok.kind != EMPTY:
                    if tok.kind == EMPTY:
                        continue  # leading empty cells of a row (merged label cells)
                    cur = Segment([], start=i)
                else:  # trailing empty cells of the row before (cell-per-line layouts)
                    out[-1].values.append(tok)
                    continue
            cur.values.append(tok)
            cur.end = i + 1
    if cur is not None:
        out.append(cur)
    return out


def split_labels(seg: Segment, template: str) -> list[Segment]:
    """A label run holding several row labels (empty cells dropped: `行政强制` `第二十条第（八）项`
    `本年收费金额` `行政事业性收费` `0.5`) → one segment per row label; only the last keeps the values."""
    if len(seg.labels) >= 2 and all(is_title_cell(t) for t in seg.labels[-2:]):
        # a run ending in column titles (`…尚未审结` `总计`) is a header row; what follows it is the
        # first row's cells, or the values of the review table, and belongs to no labelled row
        return [Segment(seg.labels, [], closed=True, start=seg.start, end=seg.end)] + (
            [Segment([], seg.values, closed=seg.closed, start=seg.start, end=seg.end)] if seg.values else [])
    heads = [j for j, t in enumerate(seg.labels) if match_row(norm(t.raw), template)]
    cuts = [0] + [h for h in heads if h > 0]
    # the label of the row that holds the values: at most MAX_ROW_LABEL_CELLS cells, none of them a
    # column title. Column headers run into the first row's label where layouts drop the line breaks
    # between cells (`总计` `商业企业` … `本年新收…申请数量` `3`); they become a header segment of
    # their own, so the row is matched by its own label, not by a title such as 总计.
    start = cuts[-1]
    titles = [j for j in range(start, len(seg.labels)) if is_title_cell(seg.labels[j])]
    if titles and titles[-1] + 1 < len(seg.labels):
        start = titles[-1] + 1
    start = max(start, len(seg.labels) - MAX_ROW_LABEL_CELLS)
    if start > cuts[-1]:
        cuts.append(start)
    if cuts == [0]:
        return [seg]
    parts = []
    for a, b in zip(cuts, cuts[1:] + [len(seg.labels)]):
        last = b == len(seg.labels)
        parts.append(Segment(seg.labels[a:b], seg.values if last else [], closed=seg.closed if last else True,
                             run=seg.run and last, start=seg.start, end=seg.end))
    return parts


def is_title_cell(tok: Tok) -> bool:
    """A column title, or several run into one cell by spaces (`自然人    法人或其他组织    总计`)."""
    parts = [p for p in re.split(r"\s{2,}|\t", tok.raw.strip()) if p]
    return bool(parts) and all(NUMBERING.sub("", core(norm(p))) in catalogue.COLUMN_TITLES for p in parts)


def bare_label(tok: Tok) -> str:
    """A label cell without numbering and filling instructions: `（七）总计` → 总计."""
    return NUMBERING.sub("", core(norm(tok.raw)))


def _fit_score(seg: Segment, ncols: int) -> float:
    values = [t for t in seg.values if t.kind == VALUE]
    cells = [t for t in seg.values if t.kind in (VALUE, EMPTY)]
    if seg.run:
        return 1.0
    if not values:
        return 0.0
    return 1.0 if len(values) == ncols or len(cells) == ncols else 0.5


ORPHAN_SCORE = 0.5  # a row of values with no label: placed by template order, below any labelled row


def align(segs: Sequence[Segment], order: Sequence[tuple[str, str, int]], template: str) -> list[Match]:
    """The best order-respecting assignment of segments to template rows (`order`: table, key, ncols).

    Weighted longest increasing subsequence over (segment, row) candidates: a segment's score is its
    label match plus how well its values fit the row's width, so a header cell that repeats a row label
    loses to the row itself. A row of values with no recognisable label (labels wrapped onto other
    lines in PDF text, OCR damage) may fill a row of the right width between two labelled rows of its
    table, as the template's order says; never at a table's end, where nothing confirms the place.
    """
    position = {(t, k): i for i, (t, k, _) in enumerate(order)}
    width = {(t, k): n for t, k, n in order}
    labelled: list[tuple[int, Match]] = []
    orphans: list[tuple[int, Segment]] = []
    for idx, seg in enumerate(segs):
        hit = match_row(seg.label, template) if seg.labels else None
        if hit is not None and (hit[0], hit[1]) in position:
            table, key, score, weak = hit
            labelled.append((idx, Match(table, key, seg, score + _fit_score(seg, width[table, key]), weak)))
        elif hit is None and any(t.kind == VALUE for t in seg.values) and not seg.run:
            orphans.append((idx, seg))
    cands = list(labelled)
    anchors = [(i, m) for i, m in labelled if any(t.kind == VALUE for t in m.segment.values)]
    # orphans between the same two labelled rows fill the template rows between them only when
    # there are exactly as many rows as orphans, of the same widths: a dropped row next to an
    # unreadable label leaves two places for one row of values, and which one nothing says
    gaps: dict[tuple[int, int], list[tuple[int, Segment]]] = {}
    anchor_at = [i for i, _ in anchors]  # ascending segment indexes: neighbours found by bisection
    for idx, seg in orphans:
        k = bisect.bisect_left(anchor_at, idx)  # anchors[k - 1] before the orphan, anchors[k] (or k + 1) after
        after = k + (k < len(anchors) and anchor_at[k] == idx)
        if k == 0 or after >= len(anchors):
            continue
        before_m, after_m = anchors[k - 1][1], anchors[after][1]
        lo, hi = position[before_m.table, before_m.key], position[after_m.table, after_m.key]
        gaps.setdefault((lo, hi), []).append((idx, seg))
    for (lo, hi), group in gaps.items():
        table = order[hi][0]
        slots = [(t, k, n) for t, k, n in order[lo + 1:hi] if t == table]
        widths = [len([t for t in seg.values if t.kind in (VALUE, EMPTY)]) for _, seg in group]
        if len(slots) != len(group) or any(w != n for w, (_, _, n) in zip(widths, slots)):
            continue
        for (idx, seg), (t, k, n) in zip(group, slots):
            cands.append((idx, Match(t, k, seg, ORPHAN_SCORE + _fit_score(seg, n))))
    cands.sort(key=lambda c: (c[0], position[c[1].table, c[1].key]))
    chain = best_chain([(idx, position[c.table, c.key], c.score) for idx, c in cands], len(order))
    return [cands[i][1] for i in chain]


def best_chain(cands: Sequence[tuple[int, int, float]], positions: int) -> list[int]:
    """Indexes of the highest-scoring chain of (segment, position, score) candidates, sorted by segment
    then position, in which both segment and position strictly increase (ties: the earliest).

    The best chain ending before each candidate is a prefix maximum over positions (a Fenwick tree),
    filled one segment at a time so a chain never takes two candidates of one segment: O(n log
    positions). The scan over all earlier candidates it replaces was O(n^2): a long text (tens of MB of
    repeated tables) took hours.
    """
    if not cands:
        return []
    best: list[float] = []
    back: list[int] = []
    tree: list[tuple[float, int]] = [(float("-inf"), 1)] * (positions + 1)  # (best, -candidate)
    pending: list[int] = []
    for i, (seg, pos, score) in enumerate(cands):
        if pending and cands[pending[0]][0] < seg:
            for j in pending:
                _raise(tree, cands[j][1] + 1, (best[j], -j))
            pending = []
        top = _prefix_max(tree, pos)  # positions strictly before this one
        prev = -top[1] if top[0] > float("-inf") else -1
        best.append(score + (best[prev] if prev >= 0 else 0.0))
        back.append(prev)
        pending.append(i)
    i = max(range(len(cands)), key=lambda j: (best[j], -j))
    chain = []
    while i >= 0:
        chain.append(i)
        i = back[i]
    return chain[::-1]


def _raise(tree: list[tuple[float, int]], at: int, value: tuple[float, int]) -> None:
    while at < len(tree):
        if value > tree[at]:
            tree[at] = value
        at += at & -at


def _prefix_max(tree: list[tuple[float, int]], upto: int) -> tuple[float, int]:
    """The largest value stored at 1-based positions 1..upto."""
    top = (float("-inf"), 1)
    while upto > 0:
        if tree[upto] > top:
            top = tree[upto]
        upto -= upto & -upto
    return top


def review_values(tokens: Sequence[Tok], after: int) -> tuple[list[Tok], bool]:
    """The section-四 values: the cells after its column titles (结果维持 … 总计), up to the next prose
    or section heading. (values, closed): closed is False when the text ends inside the table."""
    start = next((i for i in range(after, len(tokens)) if tokens[i].kind == TEXT
                  and any(w in norm(tokens[i].raw) for w in REVIEW_WORDS)), None)
    if start is None:  # column titles broken up (PDF text stacks 结果/维持 on two lines): the row titles
        start = next((i for i in range(after, len(tokens)) if tokens[i].kind == TEXT
                      and any(w in norm(tokens[i].raw) for w in ("复议后起诉", "直接起诉"))), None)
    if start is None:
        return [], False
    values: list[Tok] = []
    for tok in tokens[start + 1:]:
        if tok.kind == TEXT:
            text = core(norm(tok.raw))
            if len(text) > MAX_LABEL or _SECTION_AFTER_REVIEW.search(text):
                return values, True
            if not any(t.kind == VALUE for t in values):
                values = []  # empty cells of the column titles' rows
            elif not any(w in text for w in REVIEW_WORDS + _REVIEW_TITLES):
                return values, True
            continue
        if tok.kind in (VALUE, EMPTY, GAP):
            values.append(tok)
    return values, False
