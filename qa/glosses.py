"""Pinyin written for a Chinese term of the reports, read as that term.

Family: English (or mixed) questions by people who know the reports' Chinese words and write them in
pinyin, alone or as a gloss beside a translation: "the tongjiju (statistics bureaus)", "caigou
(procurement) projects", "the previous year's item count (shang yi nian xiangmu shuliang)", "shoufei
jine". A run of words whose letters, put together, are exactly the pinyin of one or more terms the reader
knows (row and column names, kinds of agency, the words of the question forms) is replaced by those terms,
so the reading takes them as it takes the Chinese. Pinyin of anything else (an unknown term, a name) is
left alone: names have their own pinyin linker, and unknown words stay unknown (and are said to be).
"""
from __future__ import annotations

import re
from functools import lru_cache

_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_LATIN_RUN = re.compile(r"[a-zü]+(?:[ /'’-]+[a-zü]+)*")
_MAX_WORDS = 8  # a gloss is a few words; longer runs are searched by their sub-runs up to this length


def _terms() -> set[str]:
    """Chinese words of at least two characters the reader knows: lexicon rows and columns, and the
    literal words of every question-form pattern (统计局, 区政府, 上一年 …)."""
    from qa import cues, lexicon, slots
    from qa.reading import FUNCTION_ZH

    words: set[str] = set()
    for _, _, terms in lexicon.ROWS:
        words |= {t.lstrip("~") for t in terms}
    for _, terms, _ in lexicon.COLS:
        words |= set(terms)
    patterns = [FUNCTION_ZH.pattern]
    for module in (cues, slots, lexicon):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                patterns.append(value.pattern)
            elif isinstance(value, (tuple, list, dict)):
                items = value.values() if isinstance(value, dict) else value
                for item in items:
                    parts = item if isinstance(item, tuple) else (item,)
                    patterns += [p.pattern for p in parts if isinstance(p, re.Pattern)]
                    patterns += [p for p in parts if isinstance(p, str)]
    for pattern in patterns:
        words |= set(_CJK_WORD.findall(pattern))
    return {w for w in words if _CJK_WORD.fullmatch(w)}


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    """toneless pinyin (ü as v) → the term; the longest term wins where two share their pinyin."""
    from pypinyin import lazy_pinyin

    out: dict[str, str] = {}
    for term in sorted(_terms(), key=len):
        out["".join(lazy_pinyin(term)).lower().replace("ü", "v")] = term
    return out


def _segment(letters: str, table: dict[str, str]) -> list[str] | None:
    """`letters` as a sequence of dictionary pinyin (fewest pieces), or None."""
    n = len(letters)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 2, n + 1):
            term = table.get(letters[i:j])
            if term is not None and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = [*best[i], term]
    return best[n]


def _letters(words: list[str]) -> str:
    return "".join(words).replace("ü", "v")


def hanzi_for_pinyin(text: str) -> str:
    """`text` (normalised, lower-case) with each run of pinyin words that spells known terms replaced by
    the terms. Plain English words are never pinyin of a known term of two or more characters unless the
    whole run spells it; English function words break a run."""
    if not re.search(r"[a-z]", text):
        return text
    from qa.reading import FUNCTION_EN

    table = _dictionary()
    out: list[str] = []
    last = 0
    for run in _LATIN_RUN.finditer(text):
        spans = [(m.start() + run.start(), m.end() + run.start(), m.group(0))
                 for m in re.finditer(r"[a-zü]+", run.group(0))]
        i = 0
        while i < len(spans):
            if spans[i][2] in FUNCTION_EN:
                i += 1
                continue
            found = None
            for j in range(min(len(spans), i + _MAX_WORDS), i, -1):  # the longest run from word i that spells terms
                words = [s[2] for s in spans[i:j]]
                if any(w in FUNCTION_EN for w in words):
                    continue
                terms = _segment(_letters(words), table)
                if terms:
                    found = (j, terms)
                    break
            if found is None:
                i += 1
                continue
            j, terms = found
            out.append(text[last:spans[i][0]])
            out.append("".join(terms))
            last = spans[j - 1][1]
            i = j
    out.append(text[last:])
    return "".join(out)
