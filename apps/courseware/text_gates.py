"""Tidying the text of a lesson, and the two gates of the app's own that the
core's text checks (``core.reasoning.check_text``) have no rule for:

- enough words for the part (an objective of two words is not one);
- no echo of the prompt's JSON schema ("What is a JSON Schema?", "items[0]",
  field names such as ``check_answer``) in a lesson not about such things: the
  schema goes with every prompt, and the core's echo check knows schema keys
  only when they are written as JSON (``"type": "object"``).
"""

from __future__ import annotations

import re

TOO_SHORT = "too_short"
SCHEMA_ECHO = "schema_echo"
APP_GATES = (TOO_SHORT, SCHEMA_ECHO)

_ECHO = re.compile(r"json|schema|max_?items|min_?items|items\[|\b[a-z]+_[a-z_]+\b", re.I)
# Outline numbering a model copies from a syllabus: "3.1.1.1: ", "1. ", "2) ".
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*[.:)]?\s+")


def tidy(text: object, limit: int = 600) -> str:
    """One line of at most ``limit`` characters."""
    return " ".join(str(text).split())[:limit].strip()


def content_words(text: str) -> set[str]:
    """Lower-case words of four letters or more."""
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def unnumbered(text: str) -> str:
    return _NUMBERING.sub("", text).strip()


def too_short(text: str, min_words: int) -> str:
    """Why ``text`` is too short to be the part, or ""."""
    found = len(re.findall(r"\w+", text))
    if found >= min_words:
        return ""
    need = f"{min_words} words" if min_words > 1 else "a word"
    return f"It has {found} word{'s' if found != 1 else ''}; this part needs at least {need}."


def schema_echo(text: str, topic: str) -> str:
    """Why ``text`` echoes the prompt's JSON schema, or "" (also when the topic
    itself is about such things: "Reading JSON files")."""
    found = _ECHO.search(text)
    if not found or _ECHO.search(topic):
        return ""
    return f"It speaks of the prompt's JSON schema (“{found.group(0)}”) instead of the lesson."
