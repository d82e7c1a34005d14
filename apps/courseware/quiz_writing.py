"""The quiz: multiple-choice maths from the passages with code-made wrong values,
then model-drafted questions, or code's vocabulary and cloze questions. Every
question's text passes the text checks (``text_checks``); a wrong option only
has to be well formed (it is wrong on purpose)."""

from __future__ import annotations

from apps.courseware import arithmetic, drafts
from apps.courseware.code_fallbacks import cloze_question, code_evidence, vocabulary_question
from apps.courseware.computed_answers import computed_key, math_distractors
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context, no_source
from apps.courseware.lesson_items import multiple_choice
from apps.courseware.model_calls import Fill, try_fill
from apps.courseware.text_checks import CODE, DISTRACTOR_EXCUSED, MODEL, Verdicts, evidence_for
from apps.courseware.text_gates import tidy
from apps.courseware.worked_maths import DERIVED_NOTE, MAX_CODE_MATH, has_tasks, worked_tasks


def make_quiz(
    fill: Fill,
    ctx: Context,
    sources: list[SourcePassage],
    vocabulary: list[dict],
    verdicts: Verdicts | None = None,
) -> list[dict]:
    verdicts = verdicts or Verdicts("Quiz", ctx.topic)
    items = _maths_questions(ctx, sources, verdicts)
    index = 0
    while len(items) < ctx.quiz_count and index < ctx.quiz_count * 2:
        passage = sources[index % len(sources)] if sources else None
        index += 1
        where = f"quiz.{len(items)}"
        item = _model_question(fill, ctx, passage, len(items) + 1, verdicts, where)
        if item is None:
            item = vocabulary_question(vocabulary, len(items), ctx, sources, verdicts, where)
        if item is None and passage is not None:
            item = cloze_question(passage, sources, len(items), ctx, verdicts, where)
        if item and normalise(item["question"]) not in {normalise(i["question"]) for i in items}:
            items.append(item)
    return items


def question_passes(item: dict, evidence, verdicts: Verdicts, where: str, by: str) -> bool:
    """The question, its correct option and its explanation pass every check."""
    correct = item["options"][item["answer_index"]]
    return (
        verdicts.passes(item["question"], evidence, f"{where}.question", by=by, min_words=3)
        and verdicts.passes(correct, evidence, f"{where}.answer", by=by)
        and verdicts.passes(item["explanation"], evidence, f"{where}.explanation", by=by)
    )


def _model_question(fill: Fill, ctx: Context, passage, number: int, verdicts, where: str):
    prompt = drafts.quiz_prompt(
        ctx.prompt_vars(), passage or no_source(ctx), maths=has_tasks(passage)
    )
    draft = try_fill(fill, prompt, drafts.QuizDraft, f"Quiz question {number}")
    if draft is None:
        return None
    question = tidy(draft.question, 300)
    evidence = evidence_for(
        ctx,
        [passage],
        prompt=prompt,
        instructions=(*drafts.FRAME_RULES, drafts.QUIZ_TASK, drafts.MATHS_TASK),
        facts=(computed_key(question),),
    )
    wrong = [
        tidy(w, 120)
        for i, w in enumerate(draft.wrong_answers)
        if verdicts.passes(
            tidy(w, 120), evidence, f"{where}.options.{i}", excused=DISTRACTOR_EXCUSED
        )
    ]
    item = multiple_choice(
        question, tidy(draft.correct_answer, 120), wrong, tidy(draft.explanation, 300), passage, ctx
    )
    if item is None or not question_passes(item, evidence, verdicts, where, MODEL):
        return None
    return item


def _maths_questions(ctx: Context, sources: list[SourcePassage], verdicts: Verdicts) -> list[dict]:
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
        if item is None:
            continue
        evidence = code_evidence(ctx, [passage], answer, computed_key(task.question))
        if not question_passes(item, evidence, verdicts, f"quiz.{len(items)}", CODE):
            continue
        if task.derived:
            item["notes"].append(DERIVED_NOTE)
        items.append(item)
    return items
