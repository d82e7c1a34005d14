"""A lesson assembled from the book's own teaching structure, with computed practice.

The title is the teacher's topic; objectives are the section's learning
objectives (made measurable), or one built from its heading; vocabulary is the
section's key terms with their glossary definitions; one learning cycle per
objective, each with sentences quoted from the section's prose, a worked
example with its solution, a check for understanding with its answer and
practice; the plenary uses the section summary. Worksheet and quiz: computed
items first, then the book's exercises and review questions that carry their
answers. Every item cites its block and says in its notes where it came from.
Where the book gives too little, fewer items, said in ``notes`` of the lesson
parts (``shortfalls``), never filler.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

from apps.courseware import book_blocks as bb
from apps.courseware import planning
from apps.courseware.book_cycles import cycle, open_questions
from apps.courseware.book_examples import substitute_examples, usable, worked_examples
from apps.courseware.book_items import make_item, quiz, quoted, worksheet
from apps.courseware.book_objectives import objectives_of
from apps.courseware.book_practice import computed_practice
from apps.courseware.book_section import BookSection, stems
from apps.courseware.formulas import formula
from apps.courseware.lesson_context import Context
from apps.courseware.plan_writing import make_phases

MIN_DEFINITION_WORDS = 3


def vocabulary_of(section: BookSection, limit: int = 6) -> list[dict]:
    headings = {h.casefold() for b in section.blocks for h in b.heading.split(" > ")}
    items, seen = [], set()
    for block in section.of_kind("key_term"):
        pairs = bb.key_terms(block)
        label = re.match(r"^\s*(?:>\s*)?\*\*Note:\s*([^*\n]+)\*\*", block.text)
        if label and not pairs:
            term = label.group(1).strip()
            first = [
                s
                for s in bb.sentences(block)[:2]
                if re.search(r"\b(?:is|are|means|is called)\b", s) and stems(term) & stems(s)
            ]
            pairs = [(term, first[0])] if first else []
        for term, definition in pairs:
            words = [w for w in definition.split() if w.casefold() not in term.casefold().split()]
            if len(words) < MIN_DEFINITION_WORDS or term.casefold() in headings:
                continue
            if term.casefold() in seen:
                continue
            seen.add(term.casefold())
            items.append(
                make_item(block, quoted("glossary"), term=term[:120], definition=definition[:600])
            )
    return items[:limit]


def assemble(ctx: Context, section: BookSection) -> dict:
    """The lesson's parts from ``section`` (objectives, vocabulary, cycles,
    phases, worksheet, quiz) and ``shortfalls``: what the book could not give."""
    objectives = objectives_of(section, ctx.topic, planning.cycle_count(ctx.minutes))
    examples = worked_examples(section.of_kind("worked_example"))
    exercises = usable_exercises(section)
    text = "\n".join(b.text for b in section.blocks)
    asked = [bb.problem_and_solution(b)[0] for b in section.of_kind("worked_example", "exercise")]
    computed = practice_of(ctx, section, text, [p for p, _, _ in examples + exercises], asked)
    shortfalls, solved_by, borrowed = [], {}, {}
    if not examples:
        examples, solved_by, borrowed, missing = substitute_examples(
            section, ctx.topic, asked, text, computed
        )
        shortfalls.append(missing)
    if not computed:
        shortfalls.append(gettext("No practice could be computed for this topic's operation."))
    first_block = section.blocks[0] if section.blocks else None
    vocabulary = vocabulary_of(section)
    prose = [(s, b) for b in section.of_kind("prose") for s in bb.sentences(b)]
    used = {"examples": set(), "exercises": set(), "prose": set()}
    used |= {"solved": solved_by, "solved_shown": set(), "terms": set(), "borrowed": borrowed}
    used |= {"open": open_questions(section), "open_used": set()}
    cycles = [
        cycle(i, objective, prose, examples, exercises, computed, first_block, used, vocabulary)
        for i, (objective, _ids) in enumerate(objectives)
    ]
    cycles = [c for c in cycles if c is not None]
    sheet = worksheet(ctx, computed, exercises, vocabulary, first_block, shortfalls)
    questions = quiz(ctx, computed, section, first_block, vocabulary, shortfalls)
    return {
        "title": ctx.topic[:300],
        "objectives": objective_items(section, objectives),
        "vocabulary": vocabulary,
        "cycles": cycles,
        "phases": phases_of(ctx, section, cycles),
        **({"worksheet": sheet} if "worksheet" in ctx.parts else {}),
        **({"quiz": questions} if "quiz" in ctx.parts else {}),
        "shortfalls": shortfalls,
    }


def usable_exercises(section: BookSection) -> list[tuple[str, str, bb.Block]]:
    """(problem, solution, block) of the section's exercises a class can do
    without the book's figure."""
    return [
        (p, s, b)
        for b in section.of_kind("exercise")
        for p, s in [bb.problem_and_solution(b)]
        if usable(p, s)
        and not bb.needs_figure(p)
        and not bb.needs_figure(s)
        and not bb.data_in_figure(b)
    ]


def practice_of(ctx: Context, section: BookSection, text: str, problems, asked) -> list:
    """Practice computed on the topic's operation, else on the section's key equations."""
    listed = [o for b in section.of_kind("objective") for o in bb.objectives(b)]
    computed = computed_practice(ctx.topic, section.title, text, problems, listed)
    if not computed:
        for block in section.of_kind("key_equation"):
            for name, equation in bb.equations(block):
                computed += formula(name, equation, asked, text)
    return computed


def objective_items(section: BookSection, objectives) -> list[dict]:
    note = (
        quoted("objectives")
        if section.of_kind("objective")
        else gettext("computed by code from the section heading")
    )
    return [{"text": o, "source_ids": ids, "notes": [note], "flags": []} for o, ids in objectives]


def phases_of(ctx: Context, section: BookSection, cycles: list[dict]) -> list[dict]:
    """The timed phases; the plenary reviews the objectives with the section's summary."""
    phases = make_phases(ctx, cycles)
    summary = [p for b in section.of_kind("summary") for p in bb.summary_points(b)]
    if summary:
        phases[-1]["activity"] = (
            gettext("Review the objectives with the section's summary:")
            + " "
            + " ".join(summary[:3])
        )[:1200]
    return phases
