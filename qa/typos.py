"""English words mistyped by one letter (recieved, decisons, procurment) read as the word the reader knows.

Family: casual English typing: two neighbouring letters swapped, a letter dropped or one typed twice.
A word is corrected only when it is long (MIN_LENGTH), unknown to every part of the reader (no pattern,
function word or metric term holds it or a stem of it), no place name in pinyin, and exactly one known
word lies one such edit away; anything else is left as typed, so an unknown word still withholds the
answer it would change. A letter struck for another is not corrected: with no English dictionary here,
a real word the reader does not know (protest, posts) is one stroke from a known one (protect, costs).
"""
from __future__ import annotations

import functools
import re
import string

MIN_LENGTH = 7  # shorter words are often real words one edit from a known one (match / march, posts / post)
_WORD = re.compile(r"(?<![a-z'’-])[a-z]{%d,}(?![a-z'’-])" % MIN_LENGTH)
# a run of pinyin syllables (gulou, wenquan, hongze): names, never corrected
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|"
             r"er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)")
_PINYIN = re.compile(rf"(?:{_SYLLABLE})+")


@functools.lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every English word the reader knows: function words, the metric terms, and the words its patterns spell."""
    from qa import reading
    from qa.lexicon import COLS, EN_COLS, EN_ROWS, ROWS

    from qa.prose_terms import PROSE_FUNCTION

    words = set(reading.FUNCTION_EN) | set(PROSE_FUNCTION)  # (official, items, posts: words the prose reader knows)
    terms = [term for _, _, ts in ROWS for term in ts] + [term for _, ts, _ in COLS for term in ts] + \
        list(EN_ROWS.values()) + list(EN_COLS.values())
    for term in terms:
        words.update(re.findall(r"[a-z]+", term.lower()))
    for pattern in reading._known_patterns():
        # the literal words of each alternative (received, procurement); stems (disclos) count as known prefixes
        words.update(re.findall(r"(?<![\\a-z])[a-z]{4,}", pattern.pattern))
    return frozenset(words)


def _known(word: str, vocab: frozenset[str]) -> bool:
    return word in vocab or any(word[:i] in vocab for i in range(4, len(word)))


def _edits(word: str) -> set[str]:
    """Every string one edit from `word`: a letter dropped, two neighbours swapped, one added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b for a, b in splits for c in string.ascii_lowercase}
    out.discard(word)
    return out


def correction(word: str) -> str | None:
    """The one known word `word` is a typo of, or None."""
    vocab = vocabulary()
    if len(word) < MIN_LENGTH or _known(word, vocab) or _PINYIN.fullmatch(word):
        return None
    from qa.reading import _pinyin_place

    if _pinyin_place(word):
        return None
    found = {w for w in _edits(word) if w in vocab and len(w) >= MIN_LENGTH}
    if len({w.removesuffix("s") for w in found}) == 1:  # requets: request or requests, the same word
        return min(found, key=len)
    return None


def corrected(text: str) -> str:
    """`text` with each mistyped English word replaced by the word it is one edit from (see the module)."""
    if not re.search(r"[a-z]{%d}" % MIN_LENGTH, text):
        return text
    return _WORD.sub(lambda m: correction(m.group(0)) or m.group(0), text)
