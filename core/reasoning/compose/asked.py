"""What a question asks for (a time, a number, a person, a place, a term) and
whether a sentence holds something of that type that the question does not
already say. English, Hindi and Chinese question words; numbers and years in
any script's digits. Names and places are only told in Latin script (by
capitals): in other scripts those types are "unknown", which counts neither
for nor against a sentence."""

from __future__ import annotations

import unicodedata
from typing import Literal

import regex

from core.reasoning.compose.questions import QuestionShape

Asked = Literal["time", "number", "person", "place", "kind", "term", "other"]

_TIME_EN = regex.compile(
    r"^(?:when\b|(?:in|by|from|since|until|during|on)?\s*(?:what|which)\s+"
    r"(?:year|years|century|decade|date|day|month|time|period|era|age)\b|how\s+long\s+ago\b)",
    regex.I,
)
_NUMBER_EN = regex.compile(
    r"\bhow\s+(?:many|much|long|far|old|large|big|high|tall|deep|wide|often|fast)\b|"
    r"^(?:what|which)\s+(?:percentage|percent|proportion|share|number|amount|size|"
    r"population|distance|length|price|cost)\b",
    regex.I,
)
_PERSON_EN = regex.compile(
    r"^(?:who|whom|whose)\b|^(?:what|which)\s+(?:person|people|man|woman|king|queen|emperor|"
    r"company|organi[sz]ation|group|team|party|president|leader|author|scientist)\b",
    regex.I,
)
_PLACE_EN = regex.compile(
    r"^where\b|^(?:in|at|from|to)?\s*(?:what|which)\s+(?:city|country|place|region|state|"
    r"town|continent|location|area|province|county|island|river|building)\b",
    regex.I,
)
_WORDS_OTHER: dict[Asked, regex.Pattern] = {
    "time": regex.compile(
        r"कब|किस\s*(?:वर्ष|साल|सदी|शताब्दी|तारीख|दिन|महीने|समय)|什么时候|何时|哪一?年|何年|哪个世纪|哪天|几时"
    ),
    "number": regex.compile(r"कितन[ाेी]|多少|几[个次岁年名种]|多[长远大高久重]"),
    "person": regex.compile(r"कौन|किसने|किसको|किसका|किसकी|किसके|谁"),
    "place": regex.compile(r"कहाँ|कहां|किस\s*(?:देश|शहर|स्थान|जगह|राज्य)|哪里|哪儿|在哪|何处|何地"),
}

_YEAR = regex.compile(r"(?<!\p{N})(?:1[0-9]{3}|20[0-9]{2})(?!\p{N})")
_CENTURY = regex.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)[\s-]+centur|\bcentur(?:y|ies)\b|世纪|सदी|शताब्दी"
)
_MONTHS = regex.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\d{1,2}\s*月|\d{1,2}\s*日"
)
_DIGITS = regex.compile(r"\p{Nd}+(?:[.,]\p{Nd}+)*")
_NUMBER_WORDS = regex.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|half|"
    r"several|double|twice|thrice)\b|[两二三四五六七八九十百千万亿]",
    regex.I,
)
# A capitalised word not opening the sentence: a name in Latin script.
_NAME = regex.compile(r"(?<=\S\s+)(?:\p{Lu}[\p{Ll}\p{M}'’.-]+|\p{Lu}{2,})")
_PLACE_CUE = regex.compile(
    r"\b(?:in|at|near|from|to|into|across|throughout)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{M}'’.-]+)"
)


# "What type of microscope …": the answer names a kind of the thing asked about.
_KIND_EN = regex.compile(
    r"^(?:what|which)\s+(?:type|kind|sort|form|class)s?\s+of\s+(\p{L}+)", regex.I
)


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters[:50])


def asked_type(question: str, shape: QuestionShape) -> Asked:
    """The type of answer ``question`` asks for."""
    if shape.kind == "term":
        return "term"
    text = " ".join(question.split())
    if _latin(text):
        if _KIND_EN.search(text):
            return "kind"
        for kind, pattern in (
            ("time", _TIME_EN),
            ("number", _NUMBER_EN),
            ("person", _PERSON_EN),
            ("place", _PLACE_EN),
        ):
            if pattern.search(text):
                return kind  # type: ignore[return-value]
        return "other"
    for kind, pattern in _WORDS_OTHER.items():
        if pattern.search(text):
            return kind
    return "other"


_ARTICLES = frozenset("a an the this that these those its their his her of".split())


def _new(found: list[str], question: str) -> bool:
    asked = question.casefold()
    return any(item.casefold() not in asked for item in found)


def holds(kind: Asked, sentence: str, question: str) -> bool | None:
    """Whether ``sentence`` holds an answer of type ``kind`` that ``question`` does not
    already say; None where the type cannot be told in this script."""
    if kind == "time":
        found = _YEAR.findall(sentence) + _MONTHS.findall(sentence)
        return _new(found, question) or bool(_CENTURY.search(sentence))
    if kind == "number":
        found = _DIGITS.findall(sentence) + _NUMBER_WORDS.findall(sentence)
        return _new(found, question)
    if kind == "kind":
        found = _KIND_EN.search(" ".join(question.split()))
        if not found:
            return None
        head = found.group(1).casefold().rstrip("s")
        before = regex.findall(rf"(\p{{L}}+)\s+{regex.escape(head)}", sentence.casefold())
        return _new([w for w in before if w not in _ARTICLES], question)
    if kind in ("person", "place"):
        if not _latin(sentence):
            return None
        if kind == "place":
            places = [m.group(1) for m in _PLACE_CUE.finditer(sentence)]
            return _new(places, question)
        return _new(_NAME.findall(sentence), question)
    return None
