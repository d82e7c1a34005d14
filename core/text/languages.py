"""Which script a text is written in, and the language a reply line is given in.

Scripts, not languages, are compared: that is what can be told apart in
milliseconds without a model, and it is what makes a quoted passage
unreadable to someone who asked in another one."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

import regex

# The composers' own lines exist in these languages; others get English.
LINE_LANGUAGES = ("en", "hi", "bn", "zh")
_SCRIPT_OF_LANGUAGE = {
    "hi": "DEVANAGARI",
    "mr": "DEVANAGARI",
    "ne": "DEVANAGARI",
    "bn": "BENGALI",
    "as": "BENGALI",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "ar": "ARABIC",
    "ur": "ARABIC",
    "fa": "ARABIC",
    "ru": "CYRILLIC",
    "uk": "CYRILLIC",
    "ta": "TAMIL",
    "te": "TELUGU",
    "gu": "GUJARATI",
    "pa": "GURMUKHI",
    "th": "THAI",
    "el": "GREEK",
}
_LANGUAGE_OF_SCRIPT = {"DEVANAGARI": "hi", "BENGALI": "bn", "CJK": "zh", "LATIN": "en"}
_SAMPLE = 3000


def _script_of_char(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first in ("HIRAGANA", "KATAKANA"):
        return "CJK"
    return first or None


_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
_TOKEN = regex.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[\p{{L}}\p{{M}}])+")


def script_of(texts: Iterable[str]) -> str | None:
    """The script most words of ``texts`` are in (a Chinese or Japanese character
    counts as a word), or None when there are no letters. Words, not letters: "DECnet
    क्या है" is Hindi, though its Latin letters outnumber the Devanagari ones."""
    counts: Counter[str] = Counter()
    for text in texts:
        for token in _TOKEN.findall(text[:_SAMPLE]):
            script = next((s for s in map(_script_of_char, token) if s), None)
            if script:
                counts[script] += 1
    return counts.most_common(1)[0][0] if counts else None


def script_of_language(code: str) -> str:
    return _SCRIPT_OF_LANGUAGE.get(code.split("-")[0].lower(), "LATIN")


def language_of_script(script: str | None) -> str:
    """The language whose lines are given for text in ``script`` (en for Latin or unknown)."""
    return _LANGUAGE_OF_SCRIPT.get(script or "LATIN", "en")


def reply_language(question: str, language: str) -> str:
    """The language of the composers' own lines: ``language``, unless the
    question is written in another script than Latin and than ``language``'s
    (a Hindi question on a page left in English gets Hindi lines)."""
    code = language.split("-")[0].lower()
    asked = script_of([question])
    if asked and asked != "LATIN" and asked != script_of_language(code):
        code = _LANGUAGE_OF_SCRIPT.get(asked, code)
    return code if code in LINE_LANGUAGES else "en"


def can_match(question: str, script: str | None) -> bool:
    """Whether the question's words can be matched against passages in ``script``."""
    asked = script_of([question])
    return script is None or asked is None or asked == script


def needs_other_language_note(reply: str, script: str | None) -> bool:
    """Whether the reply language reads another script than the passages'."""
    return script is not None and script_of_language(reply) != script
