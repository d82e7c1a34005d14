"""What the checks are given (Evidence) and what they say (Failure, CheckReport)."""

from __future__ import annotations

from dataclasses import dataclass


def gettext_noop(sentence: str) -> str:
    """Marks a failure's sentence for makemessages (which finds it by this name) without
    importing Django: a failure is stored in English and the run page translates it."""
    return sentence


ECHO = "echo"
LOOP = "loop"
MARKUP = "markup"
LANGUAGE = "language"
UNCITED = "uncited"
BAD_CITATION = "bad_citation"
UNSUPPORTED_NUMBER = "unsupported_number"
EMPTY = "empty"
CHECK_NAMES = (EMPTY, ECHO, LOOP, MARKUP, LANGUAGE, UNCITED, BAD_CITATION, UNSUPPORTED_NUMBER)


@dataclass(frozen=True)
class Failure:
    """One named reason a text may not be shown, with one plain sentence for the run page."""

    name: str
    detail: str

    def as_dict(self) -> dict:
        return {"name": self.name, "detail": self.detail}


@dataclass(frozen=True)
class CheckReport:
    failures: tuple[Failure, ...]
    ran: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures

    def failed(self, name: str) -> bool:
        return any(f.name == name for f in self.failures)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.failures)

    def as_dict(self) -> dict:
        return {
            "passed": self.passed,
            "ran": list(self.ran),
            "failures": [f.as_dict() for f in self.failures],
        }


@dataclass(frozen=True)
class Evidence:
    """What the code knows about a text, given by the caller.

    ``sources`` are numbered from 1 in this order, as the prompt numbered them;
    numbers inside ``facts``, ``sources``, ``question`` and ``instructions``
    count as supported. Hashable, so what the checks derive from it is cached."""

    prompt: str = ""
    instructions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    question: str = ""
    language: str = "en"
    require_citations: bool = True
    # Code already composed an answer from these sources: a draft that only says the
    # sources lack it says nothing (it is checked as empty, and the composed one stays).
    answer_found: bool = False
