"""Language-agnostic tokens for the lexical index.

Scripts without spaces (Chinese, Japanese, Thai) become overlapping character
bigrams plus unigrams, as Lucene's CJK analyzer does; other scripts split on
word boundaries that keep combining marks (Hindi vowel signs are marks, not
letters, so a plain ``\\w+`` would cut every Hindi word apart). Words are
stemmed with the Snowball stemmer of their script, so one index serves an
English, Hindi or Russian question without knowing its language up front.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache

import regex
import Stemmer

_NO_SPACE = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}ー"
# A run of a script written without spaces, or a word of any other script: letters
# and digits with their combining marks, stopping where a no-space script starts
# ("2014年自封为" is "2014" and a Chinese run, not one word).
SCRIPT_TOKEN = regex.compile(
    rf"(?V1)([{_NO_SPACE}]+)"
    rf"|([[\p{{L}}\p{{N}}]--[{_NO_SPACE}]][[\p{{L}}\p{{M}}\p{{N}}]--[{_NO_SPACE}]]*)"
)

# Script -> Snowball algorithm; scripts not listed are indexed unstemmed.
_STEMMER_BY_SCRIPT = {
    "Latin": "english",
    "Devanagari": "hindi",
    "Cyrillic": "russian",
    "Arabic": "arabic",
    "Greek": "greek",
    "Tamil": "tamil",
    "Armenian": "armenian",
}
_SCRIPT_PATTERNS = {name: regex.compile(rf"\p{{{name}}}") for name in _STEMMER_BY_SCRIPT}

# Function words carry no topic: left in, long questions match everything a little.
ENGLISH_STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her
    his how i if in into is it its may might must no not of on or our she should so such
    than that the their them then there these they this those to too us was we were what
    when where which while who whom why will with would you your also each other any both
    either neither about above after again against all am because before being below
    between during few further here more most nor off once only own same some very""".split()
)


@cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


def _script_of(word: str) -> str | None:
    for name, pattern in _SCRIPT_PATTERNS.items():
        if pattern.match(word):
            return name
    return None


def _fold_latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _no_space_tokens(run: str) -> Iterator[str]:
    yield from run
    for i in range(len(run) - 1):
        yield run[i : i + 2]


def _word_token(word: str) -> str | None:
    script = _script_of(word)
    if script == "Latin":
        word = _fold_latin(word)
        if word in ENGLISH_STOPWORDS:
            return None
    if len(word) < 2 and not word.isdigit():
        return None
    if script is None:
        return word
    return _stemmer(_STEMMER_BY_SCRIPT[script]).stemWord(word)


def tokens(text: str) -> list[str]:
    """Index terms for ``text``: lowercased, stemmed, stop words dropped."""
    out: list[str] = []
    for match in SCRIPT_TOKEN.finditer(unicodedata.normalize("NFKC", text).casefold()):
        run, word = match.groups()
        if run:
            out.extend(_no_space_tokens(run))
        else:
            token = _word_token(word)
            if token:
                out.append(token)
    return out
