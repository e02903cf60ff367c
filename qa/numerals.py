"""Numbers as people write them, read to values: 75,338 · 47.6万 · 一千 · 十万 · 百分之五十 · forty-two ·
300 thousand. Shared by the question's operation slots (thresholds) and the check that an LLM's
wording carries only the evidence's numbers. Family of inputs: zh and en text, any writing of a number.
"""
from __future__ import annotations

import re
from typing import Optional

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
MEASURE = "件个项条次名人家份起场期篇元年月日倍%％"
# a Chinese numeral counts as a number where a measure word, 万/亿 or 百分之 marks it (一是…, 统一 do not)
CN_NUMBER = re.compile(rf"(百分之)?([零〇一二两三四五六七八九十百千万亿]+)(?=[{MEASURE}])|"
                       rf"百分之([零〇一二两三四五六七八九十百千]+)")
ARABIC = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万|亿)?")
EN_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                       "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
EN_BIG = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
EN_WORDS = re.compile(r"\b(?:" + "|".join([*EN_SMALL, *EN_TENS, *EN_BIG]) + r")(?:[\s-]+(?:and[\s-]+)?(?:"
                      + "|".join([*EN_SMALL, *EN_TENS, *EN_BIG]) + r"))*\b", re.I)


def cn_value(text: str) -> Optional[float]:
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            section += (digit or 1) * CN_UNIT[ch]
            digit = 0
        elif ch in CN_BIG:
            total += (section + digit) * CN_BIG[ch]
            section, digit = 0, 0
    value = total + section + digit
    return float(value) if value or "零" in text or "〇" in text else None


def en_value(text: str) -> Optional[float]:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in EN_SMALL:
            current += EN_SMALL[word]
        elif word in EN_TENS:
            current += EN_TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in EN_BIG:
            total += (current or 1) * EN_BIG[word]
            current = 0
    return float(total + current)


# one written amount: digits (with thousands separators) or a Chinese numeral, then a multiplier
NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?![半倍成]|分之))"
MULTIPLIER = r"(万|亿|千|thousand|million|k\b)"
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "thousand": 1_000, "million": 1_000_000, "k": 1_000}


def amount(number: str, multiplier: Optional[str] = None) -> Optional[float]:
    """The value of a NUMBER match times its MULTIPLIER match: '300,000' → 300000, '一千' → 1000, ('十', '万') → 100000."""
    value = float(number.replace(",", "")) if number[:1].isdigit() else cn_value(number)
    if value is None:
        return None
    return value * _MULTIPLIERS.get((multiplier or "").lower(), 1)


# English number words after a comparison (more than a thousand, at least five thousand, between two and
# ten): written as digits, so the threshold slots read them as they read 1,000. Only there: "which one",
# "the second one" keep their words.
_COMPARED = re.compile(r"\b(more than|less than|fewer than|greater than|higher than|lower than|over|above|under|below|"
                       r"at least|at most|exceeding|exceeds|exceeded|exceed|between|and|to)\s+(?:(a|an)\s+)?("
                       + EN_WORDS.pattern.removeprefix(r"\b") + ")", re.I)


def english_amounts(text: str) -> str:
    def digits(m: re.Match) -> str:
        if m.group(1).lower() in ("and", "to") and not re.search(r"\bbetween\b|\bfrom\b", text[:m.start()]):
            return m.group(0)  # "and" / "to" only close a range (between two and ten)
        words = m.group(3)
        pair = re.split(r"\s+and\s+", words)
        if m.group(1).lower() == "between" and len(pair) == 2:  # between two and ten: two numbers, not 12
            low, high = en_value(pair[0]), en_value(pair[1])
            if low and high:
                return f"between {_plain(low)} and {_plain(high)}"
        value = en_value(words)
        return f"{m.group(1)} {_plain(value)}" if value else m.group(0)
    text = _SPOKEN_YEAR.sub(lambda m: str(2000 + {"nineteen": 19, "twenty": 20}[m.group(1).lower()]
                                            + (EN_SMALL.get((m.group(2) or "").lower(), 0))), text)
    text = _BOUND_AFTER.sub(lambda m: f"{_plain(en_value(m.group(1)))} {m.group(2)}" if en_value(m.group(1)) else m.group(0),
                            text)
    return _COMPARED.sub(digits, text)


# a year said aloud (twenty twenty three, twenty nineteen): 2023, 2019
_SPOKEN_YEAR = re.compile(r"\btwenty[\s-]+(nineteen|twenty)(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?\b", re.I)
# a number written as words before the bound it sets (nine or more, twelve or fewer)
_BOUND_AFTER = re.compile("(" + EN_WORDS.pattern + r")\s+(or more|or fewer|or less|or above|or below|or over|and above|and up)\b",
                          re.I)


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
