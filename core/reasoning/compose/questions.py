"""What kind of answer a question asks for: a term for a given meaning
("Which term means: …?"), the meaning of a given term ("What is X?"), or
anything else; and the words that carry its topic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from core.reasoning.compose.words import QUESTION_FRAME, content_stems

Kind = Literal["term", "definition", "other"]

_TERM = [
    re.compile(
        r"^(?:which|what)\s+(?:term|word|name|concept|phrase|expression)\s+"
        r"(?:means|is used (?:for|to describe)|describes|refers to|is defined as|is given to|"
        r"stands for|matches|fits|is)\s*:?\s*(?P<core>.+)$",
        re.I,
    ),
    re.compile(
        r"^what\s+(?:is|are)\s+(?:the\s+)?(?:term|word|name)\s+for\s*:?\s*(?P<core>.+)$", re.I
    ),
    re.compile(r"^what\s+(?:do|does|would)\s+(?:we|you|one|they)\s+call\s+(?P<core>.+)$", re.I),
    re.compile(r"^what\s+(?:is|are)\s+(?P<core>.+?)\s+called$", re.I),
    re.compile(
        r"^(?:name|give)\s+the\s+(?:term|word)\s+(?:for|that means)\s*:?\s*(?P<core>.+)$", re.I
    ),
]
_DEFINITION = [
    re.compile(r"^define\s+(?P<subject>.+)$", re.I),
    re.compile(r"^what\s+(?:does|do)\s+(?P<subject>.+?)\s+(?:mean|say|state)$", re.I),
    re.compile(r"^what\s+is\s+meant\s+by\s+(?P<subject>.+)$", re.I),
    re.compile(r"^(?:what|who)\s+(?:is|are|was|were)\s+(?:a|an|the)?\s*(?P<subject>.+)$", re.I),
    re.compile(r"^(?:the\s+)?meaning\s+of\s+(?P<subject>.+)$", re.I),
]
# A "what is" whose subject is a relation, not a term: answered as any question.
_NOT_A_TERM = re.compile(
    r"\b(?:between|difference|relationship|role|purpose|reason|why|how)\b", re.I
)
MAX_SUBJECT_WORDS = 5


@dataclass(frozen=True)
class QuestionShape:
    kind: Kind
    core: str  # the text that carries the topic: the meaning for "term", else the question
    subject: str = ""  # for "definition": the term asked about
    stems: frozenset[str] = frozenset()  # content stems of ``core``
    subject_stems: tuple[str, ...] = ()


def _clean(question: str) -> str:
    text = re.sub(r"\s+", " ", question).strip()
    return re.sub(r"[?？.!\s]+$", "", text)


def shape_of(question: str) -> QuestionShape:
    """The kind of ``question`` and the words to match sentences against."""
    text = _clean(question)
    for pattern in _TERM:
        found = pattern.match(text)
        if found:
            core = found.group("core").strip(" :")
            return QuestionShape("term", core, stems=frozenset(content_stems(core)))
    for pattern in _DEFINITION:
        found = pattern.match(text)
        if not found:
            continue
        subject = found.group("subject").strip(" :\"'“”")
        stems = tuple(content_stems(subject, drop=QUESTION_FRAME))
        if stems and len(subject.split()) <= MAX_SUBJECT_WORDS and not _NOT_A_TERM.search(subject):
            return QuestionShape(
                "definition",
                text,
                subject,
                frozenset(content_stems(text, drop=QUESTION_FRAME)),
                stems,
            )
        break
    return QuestionShape("other", text, stems=frozenset(content_stems(text, drop=QUESTION_FRAME)))
