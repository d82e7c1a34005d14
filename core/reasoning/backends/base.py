"""The interface every backend implements: a streaming chat model with token counts.
Its errors are in ``errors``, DeepSeek's R1 rules for every call in ``r1_rules``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.conf import settings

from core.reasoning.deltas import Delta, Usage

__all__ = ["LLMBackend"]


class LLMBackend:
    """A streaming chat model: ``stream()`` yields ``Delta(kind, text)`` with kind
    "reasoning" or "answer"; ``last_usage`` holds the token counts once it ends."""

    model_name: str = ""
    opens_in_thinking: bool = False

    def __init__(self) -> None:
        self.last_usage: Usage | None = None

    def close(self) -> None:
        """Release connections or memory the backend holds (idempotent)."""

    def stream(
        self,
        messages: Sequence[dict],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        json_schema: dict | None = None,
        seed: int | None = None,
    ) -> Iterator[Delta]:
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` for this model (an estimate where no tokenizer is at hand)."""
        return max(1, len(text) // 4)

    @property
    def context_tokens(self) -> int:
        return settings.LLM_CONTEXT_TOKENS
