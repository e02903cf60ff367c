"""English words mistyped by one stroke (recieved, decisons, procurment) are read as the word meant; real words
the reader does not know are never "corrected" into words it does.

Typos are generated from clean questions (every neighbour swap and every dropped letter of the figure's word), and
each typed question must get the clean question's answer."""
from __future__ import annotations

import pytest

from nianbao.config import Settings
from qa.api import answer
from qa.typos import MIN_LENGTH, corrected, vocabulary

CLEAN = {
    "received": "How many new requests were received by the Lucheng statistics bureau in 2020?",
    "decisions": "How many penalty decisions did Hongze make in 2023?",
    "procurement": "What was the procurement amount of the Erqi statistics bureau in 2020?",
    "lawsuits": "How many lawsuits were filed directly against Hongze in 2024?",
    "reconsideration": "How many reconsideration cases did Hongze have in 2024?",
    "penalties": "Total administrative penalties of Yinzhou in 2019?",
}


def _typos(word: str) -> list[str]:
    """Every neighbour swap and every dropped letter of `word` that leaves an unknown word (a typo, not a word)."""
    vocab = vocabulary()
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    out |= {word[:i] + word[i + 1:] for i in range(len(word))}
    return sorted(t for t in out if t != word and len(t) >= MIN_LENGTH and t not in vocab
                  and not any(t[:i] in vocab for i in range(4, len(t))))


CASES = [(word, typo) for word in CLEAN for typo in _typos(word)[::3]]  # every third: the kinds of edit, all words


@pytest.fixture(scope="module")
def settings(mixed_db) -> Settings:
    return Settings(db=mixed_db)


def test_the_generated_typos_are_many():
    assert len(CASES) >= 30


@pytest.mark.parametrize("word,typo", CASES)
def test_a_typo_reads_as_the_word_meant(word, typo):
    assert corrected(CLEAN[word].lower().replace(word, typo)) == CLEAN[word].lower()


@pytest.mark.parametrize("word,typo", CASES[::4])
def test_a_typed_question_gets_the_clean_answer(settings, word, typo):
    clean = answer(CLEAN[word], settings=settings)
    typed = answer(CLEAN[word].replace(word, typo), settings=settings)
    assert clean.status == "answered"
    assert (typed.status, typed.value) == (clean.status, clean.value), typed.text


@pytest.mark.parametrize("text", ["how many posts did it put out on weibo", "does the narrative match its table",
                                  "were there any protests", "how many contracts were signed", "any matches",
                                  "wenquan subdistrict", "hongze district", "the gulou bureau"])
def test_real_words_and_names_are_left_as_typed(text):
    assert corrected(text) == text
