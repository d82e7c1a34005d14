"""The lesson run's book step: read the section that teaches the topic and
assemble the lesson from its teaching structure (``book_lesson``), one step
on the run saying which section, what it gave and what it could not."""

from __future__ import annotations

from django.utils.translation import gettext

from apps.courseware.book_lesson import assemble
from apps.courseware.book_section import load_section
from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from core.runs import RunContext
from core.steps import StepKind

# A section gives a lesson when it has something to teach from beyond prose.
TEACHING_KINDS = ("objective", "worked_example", "exercise", "key_term", "summary")


def book_parts(
    job: RunContext, ctx: Context, sources: list[SourcePassage]
) -> tuple[list[SourcePassage], dict | None]:
    """(sources with the section's passages added, the lesson's parts) or
    (sources, None) when no retrieved section carries a book's structure."""
    if ctx.uncited or not sources:
        return sources, None
    with job.step(StepKind.SECTIONS, gettext("Read the book's section on the topic")) as s:
        section = load_section(ctx.topic, sources)
        if section is None or not section.of_kind(*TEACHING_KINDS):
            s.text = gettext("No section with the book's teaching structure: written as before.")
            return sources, None
        parts = assemble(ctx, section)
        shortfalls = parts.pop("shortfalls")
        missing = [p for p in ("worksheet", "quiz") if p in ctx.parts and not parts.get(p)]
        if not parts["cycles"] or missing:
            s.text = gettext(
                "The section gives too little for a learning cycle, the worksheet or the quiz: "
                "written as before."
            )
            return sources, None
        known = {p.id for p in sources}
        cited = {
            sid
            for items in parts.values()
            if isinstance(items, list)
            for item in items
            if isinstance(item, dict)
            for sid in item.get("source_ids") or []
        }
        added = section.sources + section.cited_nearby(cited)
        sources = sources + [p for p in added if p.id not in known]
        kinds = {}
        for block in section.blocks:
            kinds[block.kind] = kinds.get(block.kind, 0) + 1
        s.data = {"section": section.path, "blocks": kinds, "shortfalls": shortfalls}
        s.text = gettext("Section “%(title)s”: %(n)s blocks.") % {
            "title": section.title,
            "n": len(section.blocks),
        }
        if shortfalls:
            s.text += " " + " ".join(shortfalls)
        parts["shortfalls"] = shortfalls
    return sources, parts
