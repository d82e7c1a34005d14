"""The first part of a lesson the teacher sees, written by code right after retrieval."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from pydantic import BaseModel

from apps.courseware import planning
from apps.courseware.code_fallbacks import cycle_from_passage
from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.model_calls import TimeBudgetSpent
from apps.courseware.plan_writing import cycle_sources, make_outline, make_phases

# Stored in English on the lesson; the page shows it in the reader's language.
PROVISIONAL_NOTE = gettext_noop(
    "provisional: written by code from the source passage while the model writes its version"
)


def first_draft(ctx: Context, sources: list[SourcePassage]) -> dict:
    """The first part the teacher sees, made by code in well under a second right
    after retrieval: objectives from the passages' headings, one learning cycle
    per passage (its own sentences, cited) and the timed phases. Every item is
    noted as provisional; the model's parts replace them as they are written."""
    outline = make_outline(_no_model, ctx, sources)
    count = planning.cycle_count(ctx.minutes)
    cycles = []
    for index, passage in enumerate(cycle_sources(sources, count)):
        objective = outline["objectives"][index % len(outline["objectives"])]["text"]
        source_ids = [passage.id] if passage and not ctx.uncited else []
        cycles.append(cycle_from_passage(ctx, passage, objective, source_ids))
    for item in [*outline["objectives"], *cycles]:
        item["notes"] = [PROVISIONAL_NOTE]
    return {**outline, "cycles": cycles, "phases": make_phases(ctx, cycles)}


def _no_model(prompt: str, schema: type[BaseModel], title: str) -> BaseModel:
    raise TimeBudgetSpent(title)
