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

# a pinyin syllable (lower case, tone marks) in brackets right after a CJK character: 內(nèi)容, 鎮(zhèn)
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}\s*[)）]"
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

    Only texts that carry tone-marked glosses are touched, and only a bracket holding one lower-case
    syllable right after a Chinese character is removed; acronyms such as `(APP)` stay.
    """
    if not _TONE_MARK.search(text):
        return text
    return _PINYIN_GLOSS.sub("", text)


def traditional_share(text: str) -> float:
    """Share of the CJK characters of `text` that t2s converts (0.0 for a simplified text)."""
    return _changed(text)[0]


def _changed(text: str) -> tuple[float, int]:
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0, 0
    sample = "".join(cjk[:4000])  # the first 4000 characters tell; a whole report need not be converted twice
    converted = _converter().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed / len(sample), changed


def is_traditional(text: str) -> bool:
    """More than 3 % of the CJK characters, and at least 4 of them, are converted by t2s."""
    share, changed = _changed(text)
    return share > _TRADITIONAL_SHARE and changed >= _MIN_CHANGED


def to_simplified(text: str, force: bool = False) -> str:
    """Pinyin glosses removed and, when the text is traditional (or `force`), converted to simplified."""
    text = strip_pinyin_glosses(text)
    if force or is_traditional(text):
        return _converter().convert(text)
    return text


def simplified_question(question: str) -> str:
    """A question typed in traditional characters (鄞州區統計局…申請), converted: the store and the names
    are simplified. Two converted characters make a question traditional (a question is short; one
    character alone may be a simplified place name t2s would rewrite, 乾县)."""
    share, changed = _changed(question)
    if not (changed >= 2 or (share > _TRADITIONAL_SHARE and changed >= _MIN_CHANGED)):
        return question
    # Cantonese 係 is the copula 是 (數係零 = 数是零); t2s would make it 系 (as in 關係, kept)
    question = re.sub(r"(?<![關联聯體体維维派])係", "是", question)
    return _converter().convert(question)
