"""Code checks on model-written text, before anyone sees it.

``check_text(text, evidence)`` runs every check and returns a CheckReport:
which checks ran, and a named Failure with one plain sentence for each that
failed. ``StreamGuard`` runs the two that can stop a generation early (loop,
echo) on the text as it streams. A pure library: no Django, no database, no
model; every check is a few milliseconds on a 2 kB text. Each check's rules
and thresholds are in its module's docstring.
"""

from __future__ import annotations

from core.reasoning.checks.citations import check_citations
from core.reasoning.checks.echo import check_echo
from core.reasoning.checks.empty import check_empty
from core.reasoning.checks.foreign_language import check_language
from core.reasoning.checks.loops import check_loops
from core.reasoning.checks.markup import check_markup
from core.reasoning.checks.numbers import check_numbers
from core.reasoning.checks.prepared import prepare
from core.reasoning.checks.report import (
    BAD_CITATION,
    CHECK_NAMES,
    ECHO,
    EMPTY,
    LANGUAGE,
    LOOP,
    MARKUP,
    UNCITED,
    UNSUPPORTED_NUMBER,
    CheckReport,
    Evidence,
    Failure,
)
from core.reasoning.checks.stream import StreamGuard
from core.reasoning.checks.text import tokens

__all__ = [
    "BAD_CITATION",
    "CHECK_NAMES",
    "ECHO",
    "EMPTY",
    "LANGUAGE",
    "LOOP",
    "MARKUP",
    "UNCITED",
    "UNSUPPORTED_NUMBER",
    "CheckReport",
    "Evidence",
    "Failure",
    "StreamGuard",
    "check_text",
]


def check_text(text: str, evidence: Evidence) -> CheckReport:
    """Every check on ``text`` against what the code knows. "uncited" runs only
    where sources were given and citations are required; the others always run."""
    prepared = prepare(evidence)
    words = tokens(text)
    citations = check_citations(text, evidence, prepared)
    found = {
        EMPTY: check_empty(text, prepared),
        ECHO: check_echo(text, words, prepared),
        LOOP: check_loops(text, words),
        MARKUP: check_markup(text),
        LANGUAGE: check_language(text, evidence.language, prepared),
        UNCITED: next((f for f in citations if f.name == UNCITED), None),
        BAD_CITATION: next((f for f in citations if f.name == BAD_CITATION), None),
        UNSUPPORTED_NUMBER: check_numbers(text, prepared.numbers),
    }
    ran = tuple(
        name
        for name in CHECK_NAMES
        if name != UNCITED or (evidence.sources and evidence.require_citations)
    )
    return CheckReport(
        failures=tuple(found[name] for name in ran if found[name] is not None), ran=ran
    )
