"""English questions about figures only the prose states (found missing by hold-out set 13: they were
refused, or — "information processing fees" — answered with the table's administrative fees). The English
words are given to the stated-figure search as the Chinese the reports write (qa/prose_terms.py); tested
on generated phrasings over every such figure the gold files list with a topic, with the value from the gold
`narrative_numbers` (a report that does not state the figure is refused, never answered from a table)."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from tests.support.gold import load_gold

from tests.qa.test_qa_consistency import parsed  # noqa: F401 - the store read by the parser (a fixture)

NAMES = {"000_2133ae744f48d674.json": "the Gulou statistics bureau in Fuzhou", "002_c42cd15df52a6935.json": "the Yinzhou statistics bureau",
         "003_acfa5b9243423631.json": "Wenquan subdistrict", "hongze-qu-gov-2023.json": "the Hongze district government",
         "hongze-qu-gov-2024.json": "the Hongze district government"}
# topic → (phrasings, which gold narrative text states it)
TOPICS = {
    "weibo": (["How many items did {a} publish on its Weibo account in {y}?", "In {y}, how many posts did {a} put out on Weibo?"],
              "官方微博"),
    "wechat": (["How many items did {a} publish on its WeChat official account in {y}?"], "微信公众号"),
    "website": (["How many pieces of government information did {a} proactively publish on its website in {y}?",
                 "In {y}, how many items did {a} proactively disclose on the government website?"], "网站"),
    "rate": (["What on-time reply rate did {a} report for applications in {y}?"], "答复及时率"),
    "fees": (["How much did {a} collect in information processing fees in {y}?",
              "What information processing fees did {a} charge in {y}?"], "信息处理费"),
    "meetings": (["How many executive meetings did {a} disclose in {y}?"], "常务会议"),
    "interpretations": (["How many policy interpretations did {a} publish in {y}?"], "解读"),
}
CASES = []
for file, name in NAMES.items():
    gold = load_gold(file)
    for topic, (asks, marker) in TOPICS.items():
        stated = [n for n in gold.get("narrative_numbers") or [] if marker in n["text"]]
        for ask in asks:
            CASES.append((ask.format(a=name, y=gold["year"]), stated[0]["value"] if len(stated) == 1 else None))


@pytest.mark.parametrize("question,expected", CASES, ids=[q[:70] for q, _ in CASES])
def test_a_figure_the_prose_states(parsed, question, expected):  # noqa: F811
    got = answer(question, settings=parsed)
    if expected is None:  # the report states no such figure (or several): no number, never a table cell's
        assert got.value is None and not any(c.key for c in got.citations), got.text
        return
    assert got.status == "answered" and got.value == pytest.approx(expected), got.text
    assert got.route == "passages" and any(c.quote for c in got.citations), got.text  # quoted, from the text


@pytest.mark.parametrize("what", ["followers", "subscribers", "likes", "page views", "comments"])
@pytest.mark.parametrize("channel", ["WeChat official account", "Weibo account", "website"])
def test_a_word_that_names_another_figure_is_not_dropped(parsed, what, channel):  # noqa: F811
    """How many followers the account has is not how many items it published: no number is given."""
    got = answer(f"How many {what} did the Yinzhou statistics bureau's {channel} have in 2019?", settings=parsed)
    assert got.value is None, got.text
