"""Empty: the text says nothing: "The answer is [1].", "False", "The source
number is [1] [4] .", "Sure, I can help with that."

Rule: not one content word (filler such as "answer", "source", "true",
"sure", "help" does not count) that is new, i.e. not copied from the
question, and, where passages or facts were given in the text's script,
found in them; and no supported number. Content the sources do not have is
the other checks' business only once there is some content at all: an answer
made only of words foreign to the sources ("Let's have a chat about the
trade-off") says nothing about them. A text saying the sources do not cover
the question is an answer, not empty, unless code already composed an answer
from those sources (``Evidence.answer_found``): then a draft made of such
stock phrases ("The answer is: / The sources do not contain the answer.")
says nothing, and never replaces the composed answer.
"""

from __future__ import annotations

import re

from core.reasoning.checks.citations import ABSTAIN
from core.reasoning.checks.numbers import claimed_numbers
from core.reasoning.checks.prepared import Prepared
from core.reasoning.checks.report import EMPTY, Failure, gettext_noop
from core.reasoning.checks.text import content_keys, prose, quote, script_of

_SENTENCE_END = re.compile(r"(?<=[.!?。！？।])\s+|\n+")


# What a failure says (stored in English; the run page translates it).
EMPTY_TEXT = gettext_noop("It is empty.")
NO_SOURCE_WORDS = gettext_noop(
    "It has no words from the sources beyond the question and filler words: “%(quote)s”."
)
NO_CONTENT = gettext_noop("It has no content beyond the question and filler words: “%(quote)s”.")
SENTENCES = (EMPTY_TEXT, NO_SOURCE_WORDS, NO_CONTENT)


def check_empty(text: str, prepared: Prepared) -> Failure | None:
    bare = prose(text)
    if not text.strip():
        return Failure(EMPTY, EMPTY_TEXT)
    if not prepared.answer_found and ABSTAIN.search(bare):
        return None
    bare = " ".join(p for p in _SENTENCE_END.split(bare) if not ABSTAIN.search(p))
    new = content_keys(bare) - prepared.question_keys
    grounded = bool(prepared.known_keys) and script_of(bare) == prepared.source_script
    if grounded:
        new &= prepared.known_keys
    if new or any(prepared.numbers.supports(n) for n in claimed_numbers(bare)):
        return None
    return Failure(EMPTY, (NO_SOURCE_WORDS if grounded else NO_CONTENT) % {"quote": quote(text)})
