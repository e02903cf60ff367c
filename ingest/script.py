"""Script normalisation: traditional → simplified characters, and pinyin glosses removed.

Some mirror sites republish reports in traditional characters, and some of those also gloss
characters with pinyin inside the words (`內(nèi)容`, `鎮(zhèn)`). Names and years are matched on
simplified text, so such a page is converted first.

Conversion uses OpenCC (`opencc` on PyPI, dictionary `t2s`). It is applied only to text that *is*
traditional: run over simplified text, t2s also rewrites characters that simplified Chinese keeps in
place names (`乾县` → `干县`), so simplified input is returned unchanged.
"""
from __future__ import annotations

import functools
import re

# a pinyin syllable with its tone mark in brackets right after a CJK character: 內(nèi)容, 鎮(zhèn)
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\s*[)）]"
)
_TONE_MARK = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# share of CJK characters that t2s changes above which a text counts as traditional; simplified text
# changes a handful of characters at most (乾, 於, 著 in some names), a traditional page ~10-30 %
_TRADITIONAL_SHARE = 0.03
_MIN_CHANGED = 4  # a short simplified text can have one or two such characters and a high share


@functools.lru_cache(maxsize=1)
def _converter():
    """The OpenCC t2s converter, loaded on first use (not at import: loading reads its dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s")


def strip_pinyin_glosses(text: str) -> str:
    """`內(nèi)容` → `內容`: drop bracketed pinyin that follows a Chinese character.

    Only a bracket holding one Latin syllable with a tone mark, or one that sits in a text where
    tone-marked glosses occur, is removed; `(APP)`-like acronyms in ordinary text stay.
    """
    if not _TONE_MARK.search(text):
        return text
    return _PINYIN_GLOSS.sub("", text)


def traditional_share(text: str) -> float:
    """Share of the CJK characters of `text` that t2s converts (0.0 for a simplified text)."""
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    sample = "".join(cjk[:4000])
    converted = _converter().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed / len(sample)


def is_traditional(text: str) -> bool:
    """More than 3 % of the CJK characters, and at least 4 of them, are converted by t2s."""
    cjk = _CJK.findall(text)
    return traditional_share(text) > _TRADITIONAL_SHARE and traditional_share(text) * min(len(cjk), 4000) >= _MIN_CHANGED


def to_simplified(text: str, force: bool = False) -> str:
    """Pinyin glosses removed and, when the text is traditional (or `force`), converted to simplified."""
    text = strip_pinyin_glosses(text)
    if force or is_traditional(text):
        return _converter().convert(text)
    return text
