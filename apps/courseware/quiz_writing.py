"""The quiz: multiple-choice maths from the passages with code-made wrong values,
then model-drafted questions, or code's vocabulary and cloze questions."""

from __future__ import annotations

from apps.courseware import arithmetic, drafts
from apps.courseware.code_fallbacks import cloze_question, vocabulary_question
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context, no_source
from apps.courseware.lesson_items import multiple_choice
from apps.courseware.model_calls import Fill, try_fill
from apps.courseware.text_gates import option, tidy, usable
from apps.courseware.worked_maths import (
    DERIVED_NOTE,
    MAX_CODE_MATH,
    has_tasks,
    math_distractors,
    worked_tasks,
)


def make_quiz(
    fill: Fill, ctx: Context, sources: list[SourcePassage], vocabulary: list[dict]
) -> list[dict]:
    items = _maths_questions(ctx, sources)
    index = 0
    while len(items) < ctx.quiz_count and index < ctx.quiz_count * 2:
        passage = sources[index % len(sources)] if sources else None
        index += 1
        draft = try_fill(
            fill,
            drafts.quiz_prompt(
                ctx.prompt_vars(), passage or no_source(ctx), maths=has_tasks(passage)
            ),
            drafts.QuizDraft,
            f"Quiz question {len(items) + 1}",
        )
        item = None
        if draft and usable(draft.question, 3, ctx.topic) and option(draft.correct_answer, ctx):
            item = multiple_choice(
                tidy(draft.question, 300),
                tidy(draft.correct_answer, 120),
                [tidy(w, 120) for w in draft.wrong_answers if option(w, ctx)],
                tidy(draft.explanation, 300),
                passage,
                ctx,
            )
        if item is None:
            item = vocabulary_question(vocabulary, len(items), ctx, sources)
        if item is None and passage is not None:
            item = cloze_question(passage, sources, len(items), ctx)
        if item and normalise(item["question"]) not in {normalise(i["question"]) for i in items}:
            items.append(item)
    return items


def _maths_questions(ctx: Context, sources: list[SourcePassage]) -> list[dict]:
    """Tasks from the passages as questions whose key and wrong values code works out."""
    items: list[dict] = []
    for task, passage in worked_tasks(sources, MAX_CODE_MATH):
        if len(items) >= ctx.quiz_count:
            break
        places = len(task.key.partition(".")[2]) if task.kind == "rounding" else 0
        answer = arithmetic.format_decimal(task.value, places)
        wrong = math_distractors(task.value, places)
        if task.kind == "comparison":
            answer, wrong = task.key, [c for c in task.choices if c != task.key]
        elif task.kind == "mixed number":
            answer = task.key
            wrong = [arithmetic.format_mixed(arithmetic.Fraction(w)) for w in wrong]
        item = multiple_choice(task.question, answer, wrong, f"Worked out: {answer}.", passage, ctx)
        if item and task.derived:
            item["notes"].append(DERIVED_NOTE)
        if item:
            items.append(item)
    return items
