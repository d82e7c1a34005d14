"""A drawing-check finding explained by code: what was measured, what the
clause requires, whether it complies, in plain words from the finding's own
facts; then the clause's own sentences from the code corpus, quoted and cited.
No rule, instruction or prompt wording ever goes into the text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.reasoning.compose.extractive import quoted
from core.reasoning.compose.questions import QuestionShape
from core.reasoning.compose.ranking import rank_sentences
from core.reasoning.compose.records import Composed, Embed, SourceText
from core.reasoning.compose.sentences import quotable_sentences
from core.reasoning.compose.words import content_stems
from core.text.markdown import escape_markdown

CLAUSE_SENTENCES = 2
NOTE = "Written by code from the measured facts, with the clause quoted from the code text."

_STATUS = {"fail": "fail", "failed": "fail", "pass": "pass", "passed": "pass", "ok": "pass"}
_REVIEW = re.compile(r"review|borderline|unknown", re.I)
_TAG = re.compile(r"<[^<>]{0,200}>")
_AT_LEAST = re.compile(r"^\s*(?:≥|>=)\s*(.+)$")
_AT_MOST = re.compile(r"^\s*(?:≤|<=)\s*(.+)$")
_BETWEEN = re.compile(r"^\s*([\d.,]+)\s*(?:–|-|to)\s*([\d.,]+)\s*(.*)$")


def _plain(value: object) -> str:
    """A fact as words on one line, shown as it is: tags dropped, Markdown's
    characters escaped (a storey "Level__01" keeps its underscores), no line breaks."""
    return escape_markdown(" ".join(_TAG.sub("", str(value or "")).split()))


@dataclass(frozen=True)
class FindingFacts:
    """The facts of one finding that the explanation may state."""

    title: str  # what is checked, in words: "Clear width of a door"
    clause: str  # "NBC 2016 §4.2.1"
    measured: float | None
    units: str
    required: str  # as the rule pack writes it: "≥ 0.815 m", "0.15–0.19 m"
    status: str  # "fail", "needs-review" or "pass"
    where: str  # "door D12 in storey Ground floor"
    reason: str = ""  # the finding's own note, when it has one
    borderline: bool = False  # passes, but close to the limit

    @classmethod
    def from_finding(cls, facts: Mapping) -> FindingFacts:
        """From a finding as the compliance app records it (``Finding.as_dict()``):
        rule/title, clause, measured, units, required, status, label/element,
        storey, note (or reason)."""
        status = str(facts.get("status") or "")
        status = _STATUS.get(status.lower(), "needs-review" if _REVIEW.search(status) else status)
        place = _plain(facts.get("label") or facts.get("element") or facts.get("location") or "")
        storey = _plain(facts.get("storey"))
        measured = facts.get("measured")
        return cls(
            title=_plain(facts.get("title") or facts.get("rule") or "This check"),
            clause=_plain(facts.get("clause") or facts.get("clause_id") or "the clause"),
            measured=float(measured) if isinstance(measured, int | float) else None,
            units=_plain(facts.get("units") or facts.get("unit") or ""),
            required=_plain(facts.get("required")),
            status=status or "needs-review",
            where=(f"{place} in storey {storey}" if place and storey else place or storey),
            reason=_plain(facts.get("reason") or facts.get("note") or ""),
            borderline=bool(facts.get("borderline")),
        )


def required_words(required: str) -> str:
    """ "≥ 0.815 m" as "at least 0.815 m"; "≤ 45 m" as "at most 45 m"; a range
    as "between … and …"."""
    for pattern, words in ((_AT_LEAST, "at least"), (_AT_MOST, "at most")):
        found = pattern.match(required)
        if found:
            return f"{words} {found.group(1).strip()}"
    found = _BETWEEN.match(required)
    if found:
        low, high, unit = found.groups()
        return f"between {low} and {high} {unit}".strip()
    return required or "a value the clause sets"


def _verdict(f: FindingFacts) -> str:
    subject = f"{f.title} at {f.where}" if f.where else f.title
    need = required_words(f.required)
    if f.measured is None and f.status == "fail":  # e.g. no exit reachable from a room
        why = f": {f.reason.rstrip('.')}" if f.reason else ""
        return f"{subject} does not comply with {f.clause}{why}. It must be {need}."
    if f.measured is None:
        return (
            f"{subject} could not be measured from the drawing, so a person must check it "
            f"against {f.clause}, which requires {need}."
        )
    measured = f"it measures {f.measured:g} {f.units}".strip()
    if f.status == "fail":
        return f"{subject} does not comply with {f.clause}: {measured}, and it must be {need}."
    if f.status == "pass" and not f.borderline:
        return f"{subject} complies with {f.clause}: {measured}, and it must be {need}."
    if f.status == "pass":
        return (
            f"{subject} complies with {f.clause}, but only just: {measured}, and it must be "
            f"{need}. A person should confirm it on site."
        )
    why = (
        ""
        if f.reason
        else " The measurement is too close to the limit, or too uncertain, to decide."
    )
    return (
        f"{subject} needs a person to check it against {f.clause}: {measured}, and it must be "
        f"{need}.{why}"
    )


def _clause_number(clause: str) -> str:
    found = re.search(r"\d+(?:\.\d+)+|\d+", clause)
    return found.group(0) if found else ""


def _clause_sentences(f: FindingFacts, clauses: Sequence[SourceText], embed: Embed | None):
    """The retrieved sentences that speak about this clause or this check."""
    query = f"{f.clause} {f.title}"
    number = _clause_number(f.clause)
    topic = set(content_stems(f.title))
    sentences = [s for c in clauses for s in quotable_sentences(c.n, c.text)]
    shape = QuestionShape("other", query, stems=frozenset(content_stems(query)))
    about = []
    for ranked in rank_sentences(query, shape, sentences, embed=embed):
        source = next(c for c in clauses if c.n == ranked.sentence.n)
        names_clause = bool(number) and number in f"{source.heading} {source.text}"
        if names_clause or topic & set(content_stems(ranked.sentence.quote)):
            about.append(ranked.sentence)
        if len(about) == CLAUSE_SENTENCES:
            break
    return sorted(about, key=lambda s: (s.n, s.index))


def compose_finding(
    facts: Mapping, clauses: Sequence[SourceText], *, embed: Embed | None = None
) -> Composed:
    """The explanation of one finding (see the module docstring). ``clauses``
    are the passages retrieved from the code corpus for its clause."""
    f = FindingFacts.from_finding(facts)
    # One paragraph: the verdict, the clause's words with their citation, then the
    # check's own note, so no run of uncited statements stands apart.
    lines = [_verdict(f)]
    quoted_sentences = _clause_sentences(f, clauses, embed)
    if quoted_sentences:
        lines.append("The code text says: " + " ".join(quoted(s) for s in quoted_sentences))
    else:
        lines.append(f"The text of {f.clause} is not in the code documents here.")
    if f.reason and not (f.measured is None and f.status == "fail"):  # the verdict said it
        lines.append(f"The check noted: {f.reason.rstrip('.')}.")
    cited = tuple(sorted({s.n for s in quoted_sentences}))
    return Composed(" ".join(lines), cited, False, NOTE)
