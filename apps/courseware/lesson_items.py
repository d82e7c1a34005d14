"""One worksheet item or one multiple-choice question, as stored in the lesson:
keyed by code where code can, cited to its passage, options never holding two
correct answers, the correct one at a stable position."""

from __future__ import annotations

import hashlib

from apps.courseware.checks import option_value
from apps.courseware.computed_answers import code_key
from apps.courseware.lesson import SourcePassage, normalise
from apps.courseware.lesson_context import Context


def worksheet_item(prompt: str, answer: str, passage: SourcePassage | None, ctx: Context) -> dict:
    source_ids = [passage.id] if passage and not ctx.uncited else []
    answer, notes = code_key(prompt, answer)
    return {
        "prompt": prompt,
        "answer": answer,
        "level": ctx.differentiation or "on",
        "source_ids": source_ids,
        "notes": notes,
        "flags": [],
    }


def multiple_choice(
    question: str,
    correct: str,
    wrong: list[str],
    explanation: str,
    passage: SourcePassage | None,
    ctx: Context,
) -> dict | None:
    """A quiz question with up to four options, or None when fewer than two differ."""
    correct, notes = code_key(question, correct)
    options = [correct]
    for option in wrong:
        value = option_value(option)
        if not option or normalise(option) in {normalise(o) for o in options}:
            continue
        if value is not None and value in {option_value(o) for o in options}:
            continue  # "2/4" beside "1/2": two correct options
        options.append(option)
    if len(options) < 2:
        return None
    options = options[:4]
    position = _stable_index(question, len(options))
    options.insert(position, options.pop(0))
    source_ids = [passage.id] if passage and not ctx.uncited else []
    return {
        "question": question,
        "options": options,
        "answer_index": position,
        "explanation": explanation,
        "source_ids": source_ids,
        "notes": notes,
        "flags": [],
    }


def _stable_index(key: str, size: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % size
