"""What a backend yields while it streams, and what it reports at the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

REASONING: Literal["reasoning"] = "reasoning"
ANSWER: Literal["answer"] = "answer"
# Yielded (with no text) between slices of a long prompt read, so a caller's deadline
# or stop can end the call before the first word: reading 1,000 tokens of sources took
# 15-75 s on a loaded 2-core machine, longer than the whole draft was allowed.
READING: Literal["reading"] = "reading"


@dataclass(frozen=True, slots=True)
class Delta:
    kind: Literal["reasoning", "answer", "reading"]
    text: str


@dataclass(slots=True)
class Usage:
    """Token counts of one call (None where the backend could not tell)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None  # "stop", "length" (hit max_tokens), ...

    def as_dict(self) -> dict:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "finish_reason": self.finish_reason,
        }
