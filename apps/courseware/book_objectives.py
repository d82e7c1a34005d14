"""A lesson's objectives from a book section: the section's learning objectives
made measurable ("Understand x" -> "Explain x"), or one built from its heading."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from apps.courseware import book_blocks as bb
from apps.courseware.book_section import BookSection, stems

MEASURABLE = (
    "identify define explain describe add subtract multiply divide solve calculate compare "
    "find use apply convert round write simplify estimate measure classify predict model "
    "locate order name draw differentiate discuss evaluate translate determine graph "
    "interpret recognize recognise analyze analyse list state distinguish"
).split()
_VAGUE = {"understand": "Explain", "learn": "Describe", "know": "State", "discover": "Find"}


def measurable(objective: str, from_book: bool = True) -> str:
    """The objective opening with a measurable verb ("Understand x" -> "Explain x");
    a book's own objective keeps its verb unless it is a vague one, a heading
    without a verb gets "Explain"."""
    text = objective.strip().rstrip(".;,")
    text = re.sub(r",?\s*and$", "", text)
    first, _, rest = text.partition(" ")
    verb = first.casefold()
    if verb in _VAGUE:
        return f"{_VAGUE[verb]} {rest}"
    if verb in MEASURABLE or (from_book and verb.isalpha() and first[:1].isupper()):
        return text[0].upper() + text[1:]
    # "Introduction to Fractions" -> "Describe fractions": the heading's subject, not its form.
    subject = re.sub(r"^(?:an? )?(?:introduction|overview) (?:to|of) ", "", text, flags=re.I)
    if subject != text:
        return gettext("Describe %(what)s") % {"what": subject}
    return gettext("Explain %(what)s") % {"what": text}


def objectives_of(section: BookSection, topic: str, count: int) -> list[tuple[str, list[str]]]:
    """(objective, cited chunk ids), those nearest the topic first."""
    found = []
    for block in section.of_kind("objective"):
        found += [(measurable(o), block.chunk_ids[:1]) for o in bb.objectives(block)]
    if not found:
        first = section.blocks[0].chunk_ids[:1] if section.blocks else []
        found = [(measurable(section.title, from_book=False), first)]
    wanted = stems(topic)
    found.sort(key=lambda o: -len(wanted & stems(o[0])))
    return _unique(found)[:count]


def _unique(pairs):
    seen, out = set(), []
    for text, ids in pairs:
        if text.casefold() not in seen:
            seen.add(text.casefold())
            out.append((text, ids))
    return out
