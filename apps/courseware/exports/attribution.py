"""The attribution file of a lesson's export: every source document with its
licence, source and attribution, and the passages the lesson cites."""

from __future__ import annotations

from dataclasses import dataclass

from apps.courseware.exports.document import plain
from apps.courseware.lesson import Lesson


@dataclass(frozen=True)
class DocumentAttribution:
    """One source document: what the attribution file says about it."""

    document_id: str
    title: str
    licence: str = ""
    source_url: str = ""
    attribution: str = ""


def documents_of(
    lesson: Lesson, extra: dict[str, DocumentAttribution] | None = None
) -> list[DocumentAttribution]:
    """Every distinct source document of the lesson, with the corpus's attribution when known."""
    extra = extra or {}
    found: dict[str, DocumentAttribution] = {}
    for source in lesson.sources:
        key = source.document_id or source.document_title
        if key not in found:
            found[key] = extra.get(source.document_id) or DocumentAttribution(
                source.document_id, source.document_title, source.licence, source.source_url
            )
    return list(found.values())


def attribution_text(lesson: Lesson, documents: list[DocumentAttribution]) -> str:
    lines = [f'Attribution for the lesson "{plain(lesson.title)}"', ""]
    if not documents:
        lines.append("This lesson was made without curriculum sources, at the teacher's request.")
    for doc in documents:
        lines.append(f"- {plain(doc.title)}")
        lines.append(f"  Licence: {plain(doc.licence) or 'not stated'}")
        if doc.source_url:
            lines.append(f"  Source: {plain(doc.source_url)}")
        if doc.attribution:
            lines.append(f"  Attribution: {plain(doc.attribution)}")
    lines += ["", "Passages the lesson cites:"]
    for number, source in enumerate(lesson.sources, start=1):
        lines.append(
            f"S{number}: {plain(source.document_title)}, {plain(source.heading)} (passage {source.id})"  # noqa: E501
        )
    lines += [
        "",
        "Lesson text was drafted by a language model from these passages and checked by code;",
        "adapted material is marked by these citations (changes were made).",
    ]
    return "\n".join(lines) + "\n"
