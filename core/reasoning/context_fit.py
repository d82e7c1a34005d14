"""The passages of a grounded prompt that fit the model's context window, beside the
question, the instructions and the answer's token budget."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_noop

from core.reasoning.llm import LLMBackend
from core.steps.events import Stopped

__all__ = ["TOO_LONG", "fit_sources"]

PROMPT_OVERHEAD_TOKENS = 350  # the fixed wording around sources and question

# Stored in English; the run page shows it in the reader's language.
TOO_LONG = gettext_noop(
    "The question is too long for the model to answer with sources. "
    "Please shorten it and ask again."
)


def fit_sources(
    backend: LLMBackend, question: str, instructions: str, records: list[dict]
) -> tuple[list[dict], int]:
    """The passages that fit the context window beside the question and the answer budget."""
    budget = backend.context_tokens - settings.LLM_MAX_TOKENS - PROMPT_OVERHEAD_TOKENS
    budget -= backend.count_tokens(question) + backend.count_tokens(instructions or " ")
    if budget <= 0:
        raise Stopped(TOO_LONG)
    kept: list[dict] = []
    for record in records:
        cost = backend.count_tokens(record["text"]) + 30
        if cost > budget:
            break
        budget -= cost
        kept.append(record)
    return kept, len(records) - len(kept)
