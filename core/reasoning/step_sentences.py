"""Every English sentence the reasoning library stores on a step (its parameters
filled in): the answerability lines, the checks' failures, the language names in
them, why a model run stopped. The run page reads them back in the reader's
language (core.ask hands them to ``core.runs.step_words.add_words``)."""

from __future__ import annotations

from core.reasoning import context_fit, language, streaming
from core.reasoning.checks import citations, echo, empty, foreign_language, loops, markup, numbers
from core.reasoning.compose import answerability, contradiction

STEP_TEXTS = (
    *answerability.SENTENCES,
    *contradiction.SENTENCES,
    *citations.SENTENCES,
    *echo.SENTENCES,
    *empty.SENTENCES,
    *foreign_language.SENTENCES,
    *loops.SENTENCES,
    *markup.SENTENCES,
    *numbers.SENTENCES,
    *language.LABELS,
    streaming.MODEL_FAILED,
    context_fit.TOO_LONG,
)
