"""Which model text is kept in a lesson, and which gives way to the code fallback.

Kept: enough words, not one phrase repeated, words rather than outline
numbering, not the prompt's schema echoed back, and (in English) a word shared
with the topic or the passages.
"""

from __future__ import annotations

import re

from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context

# The machinery of the prompt (it shows the JSON schema) that a small model
# writes back as lesson content: "What is a JSON Schema?", "items[0]", field names.
_ECHO = re.compile(r"json|schema|max_?items|min_?items|items\[|\b[a-z]+_[a-z_]+\b", re.I)
# Outline numbering a model copies from a syllabus: "3.1.1.1: ", "1. ", "2) ".
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*[.:)]?\s+")
# Words any lesson text may use; sharing one of them says nothing about the topic.
GENERIC = {w[:5] for w in ("chapter", "section", "lesson", "introduction", "students", "learn")}


def tidy(text: object, limit: int = 600) -> str:
    """One line of at most ``limit`` characters."""
    return " ".join(str(text).split())[:limit].strip()


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more."""
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def usable(text: object, min_words: int = 3, topic: str = "") -> bool:
    """Model text worth keeping: enough words, not one phrase repeated, made of
    words rather than numbering, and not the prompt's schema echoed back (unless
    the lesson is about such things)."""
    text = str(text)
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    return (
        len(words) >= min_words
        and len({w.lower() for w in words}) > len(words) // 3
        and letters >= 3
        and letters >= sum(c.isdigit() for c in text)
        and not _echoes(text, topic)
    )


def option(text: str, ctx: Context) -> bool:
    """A quiz option worth showing: a word or a number, not punctuation or schema."""
    text = tidy(text)
    return bool(re.search(r"\w", text)) and not _echoes(text, ctx.topic)


def _echoes(text: str, topic: str) -> bool:
    """Whether ``text`` echoes the prompt's schema when the topic itself does not."""
    return bool(_ECHO.search(text)) and not _ECHO.search(topic)


def unnumbered(text: str) -> str:
    return _NUMBERING.sub("", text).strip()


def on_topic(text: str, ctx: Context, sources: list[SourcePassage], body: bool = False) -> bool:
    """Whether English model text shares a content word (its first five letters)
    with the topic or the passages' headings (and their text, with ``body``).
    Other languages are not checked: the passages may be in another language."""
    if ctx.language != "en":
        return True
    anchors = " ".join([ctx.topic, *(s.heading for s in sources)])
    if body:
        anchors += " " + " ".join(s.excerpt for s in sources)
    known = {w for w in content_words(anchors) if w[:5] not in GENERIC}
    return any(_same_word(w, k) for w in content_words(text) for k in known)


def _same_word(a: str, b: str) -> bool:
    """Same first five letters ("fraction" ~ "fractions"), or a four-letter word
    and the start of the other ("push" ~ "pushes")."""
    n = 4 if min(len(a), len(b)) == 4 else 5
    return a[:n] == b[:n]
