"""Names coordinated under one head: "鹿城和二七统计局" is 鹿城统计局 and 二七统计局; "the Lucheng and Erqi
statistics bureaus" is the Lucheng statistics bureau and the Erqi statistics bureau. Written out in
full, each name links on its own (read as written, the first was a bare place and the second the only
agency). Family of inputs: two or three place names joined by 和/与/及/、/跟 or and/","/&, then one organ
word (plural in English). Applied only when every conjunct is a known place name (the gazetteer's,
or its pinyin), so "采购和统计局" or "the largest and smallest bureaus" stay as they are."""
from __future__ import annotations

import re

from ingest.gazetteer import gazetteer

_ORGAN_ZH = r"(统计局|[\u4e00-\u9fff]{0,4}?局|委员会|办公室|街道办事处|街道办|人民政府|政府)"
_ZH = re.compile(rf"([\u4e00-\u9fff]{{2,5}}?)((?:(?:和|与|及|、|跟)[\u4e00-\u9fff]{{2,5}}?){{1,2}})"
                 rf"(?:两个|二个|三个|两家|这两个)?(?![区县市省州旗]){_ORGAN_ZH}")
_ORGAN_EN = (r"(statistics bureaus|statistical bureaus|statistics offices|street offices|subdistrict offices|"
             r"district governments|county governments|governments|bureaus)")
_EN = re.compile(rf"\b([a-z]+)((?:(?:,| and| &|, and) [a-z]+){{1,2}}) {_ORGAN_EN}\b")


def distribute_heads(text: str) -> str:
    return _EN.sub(_en, _ZH.sub(_zh, text))


def _zh(m: re.Match) -> str:
    names = [m.group(1)] + [n for n in re.split(r"和|与|及|、|跟", m.group(2)) if n]
    if not all(_is_place_zh(n) for n in names):
        return m.group(0)
    return "和".join(n + m.group(3) for n in names)


def _en(m: re.Match) -> str:
    names = [m.group(1)] + [n for n in re.findall(r"[a-z]+", m.group(2)) if n != "and"]
    if not all(_is_place_en(n) for n in names):
        return m.group(0)
    singular = m.group(3)[:-1] if m.group(3).endswith("s") else m.group(3)
    return " and ".join(f"{n} {singular}" for n in names)


def _is_place_zh(name: str) -> bool:
    found = gazetteer().find_all(name)
    return len(found) == 1 and found[0] == (0, name) or _with_level(name)


def _with_level(name: str) -> bool:
    """鹿城 for 鹿城区, 二七 for 二七区: a place's name without its level word."""
    g = gazetteer()
    return any(g.find_all(name + level) == [(0, name + level)] for level in ("区", "县", "市", "省"))


def _is_place_en(word: str) -> bool:
    from qa.gazetteer import pinyin_places

    return word in pinyin_places()
