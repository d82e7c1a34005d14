"""Content words of a text, stemmed, for lexical overlap between a question
and a sentence (English Snowball stems; other scripts unstemmed, Chinese and
Japanese as characters)."""

from __future__ import annotations

import unicodedata
from functools import cache

import regex
import Stemmer

from core.retrieval.tokenize import SCRIPT_TOKEN

_LATIN = regex.compile(r"^[\p{Latin}\p{N}]+$")

STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her
    his how i if in into is it its may might must no not of on or our she should so such
    than that the their them then there these they this those to too us was we were what
    when where which while who whom why will with would you your also each other any both
    either neither about above after again against all am because before being below
    between during few further here more most nor off once only own same some very s t
    let lets one ones use used using""".split()
)
# Words that frame a question without being its topic ("Which term means: …?").
QUESTION_FRAME = frozenset(
    """term terms word words name names mean means meaning meant call called define defined
    definition describe describes explain tell please""".split()
)


@cache
def _english() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Lower-case words (and CJK characters) of ``text``, in order, unstemmed."""
    out: list[str] = []
    for run, word in SCRIPT_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()):
        if run:
            out.extend(run)
        else:
            out.append(word)
    return out


def stem(word: str) -> str:
    if _LATIN.match(word):
        return _english().stemWord(_fold(word))
    return word


def content_stems(text: str, *, drop: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the words of ``text`` that carry topic: no stop words, none of ``drop``."""
    out = []
    for word in words(text):
        if word in STOPWORDS or word in drop:
            continue
        if len(word) < 2 and not word.isdigit() and _LATIN.match(word):
            continue
        out.append(stem(word))
    return out
