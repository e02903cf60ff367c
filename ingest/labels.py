"""Row labels as printed → template rows (table, key), by meaning.

Keywords that survive typos, cut labels and long filling instructions come first; an OCR-garbled
label (`行政处葫`, `属于国家泌密`) is matched by similarity only when one template label clearly wins.
The vocabulary is the template catalogue's (`nianbao.catalogue`).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from nianbao import catalogue

NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）.、．]?")
_GLOSS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\s]+[)）]")  # pinyin glosses on mirror sites: 內(nèi)容
FUZZY_MIN, FUZZY_MARGIN = 0.7, 0.15
Hit = tuple[str, str, float, bool]  # table, key, score, weak


_PAREN = re.compile(r"[（(][^（()）]{2,}[)）]|[（(][^（()）]{4,}$")  # filling instructions, an unclosed one cut off


def clean(label: str) -> str:
    return _GLOSS.sub("", label)


def core(label: str) -> str:
    """The label without its filling instructions in parentheses (`规章（设区的市…应提供相关数据）`);
    short numbering like `（一）` stays."""
    return _PAREN.sub("", clean(label))


def _fuzzy(text: str, labels: dict[str, str], decoys: frozenset = frozenset()) -> Optional[tuple[str, float]]:
    """OCR-garbled labels: the clearly closest template label, if any. `decoys` are template words
    that are not rows (group titles): a text closest to one of them is not a row."""
    text = NUMBERING.sub("", text)
    if len(text) < 3:
        return None
    candidates = list(labels.items()) + [(None, d) for d in decoys]
    scores = sorted(((SequenceMatcher(None, text, lab).ratio(), key or "") for key, lab in candidates), reverse=True)
    if scores and scores[0][0] >= FUZZY_MIN and (len(scores) == 1 or scores[0][0] - scores[1][0] >= FUZZY_MARGIN):
        return (scores[0][1], scores[0][0]) if scores[0][1] else None
    return None


def _keyword(label: str, table: str) -> Optional[str]:
    for key, words in catalogue.KEYWORDS[table]:
        if any(w in label for w in words):
            return key
    return None


@lru_cache(maxsize=65536)
def match_row(label: str, template: str) -> Optional[Hit]:
    """(table, key, score, weak) for a printed row label, or None. `weak`: a bare generic label
    (`其他`, the third 2021 其他处理 sub-row) that only counts where the rows around it agree."""
    label = core(label) or clean(label)
    if not label or len(label) > 80:
        return None
    # `（六）其他处理 3.其他` / `其他处理 | 其他`: the third 2021 sub-row, not the 2019 single row
    if template == "2021" and NUMBERING.sub("", label.split("其他处理")[-1]) == "其他":
        return ("requests", "other_misc", 1.0 if "其他处理" in label else 0.3, "其他处理" not in label)
    for table in ("active", "requests"):
        key = _keyword(label, table)
        if key is not None:
            return table, key, 1.0, False
    tail = label.split("）")[-1].split(")")[-1]
    if NUMBERING.sub("", label) in catalogue.GROUP_TITLES:
        return None
    for table, labels in (("active", catalogue.active_labels()), ("requests", catalogue.request_labels())):
        hit = _fuzzy(label if table == "active" else tail, labels, catalogue.GROUP_TITLES if table == "requests" else frozenset())
        if hit:
            return table, hit[0], hit[1], False
    return None
