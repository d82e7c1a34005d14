"""DeepSeek's R1 rules, applied to every call whatever the backend.

Temperature 0.6, top_p 0.95, no system prompt (folded into the user turn), a
max-tokens cap; earlier reasoning is never sent back as history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings

from core.reasoning.think import looks_like_reasoning_model

__all__ = ["prepare_messages", "sampling", "model_opens_in_thinking"]

_THINK_BLOCK = re.compile(r"<think>.*?</think>", re.DOTALL)


def prepare_messages(messages: Sequence[dict]) -> list[dict]:
    """R1 rules for what goes to the model: no system message (its text is moved
    to the start of the next user turn) and no earlier reasoning in the history."""
    out: list[dict] = []
    pending_system: list[str] = []
    for message in messages:
        role, content = message.get("role"), message.get("content") or ""
        if role == "system":
            pending_system.append(content)
            continue
        if role == "assistant":
            content = _THINK_BLOCK.sub("", content).split("</think>")[-1].strip()
        if role == "user" and pending_system:
            content = "\n\n".join([*pending_system, content])
            pending_system = []
        out.append({"role": role, "content": content})
    if pending_system:
        out.append({"role": "user", "content": "\n\n".join(pending_system)})
    return out


def sampling(max_tokens: int | None, temperature: float | None, top_p: float | None) -> dict:
    """Sampling arguments for one call: the caller's values, else the settings'
    R1 defaults; max_tokens is capped at LLM_MAX_TOKENS."""
    cap = settings.LLM_MAX_TOKENS
    return {
        "max_tokens": cap if max_tokens is None else max(1, min(int(max_tokens), cap)),
        "temperature": settings.LLM_TEMPERATURE if temperature is None else temperature,
        "top_p": settings.LLM_TOP_P if top_p is None else top_p,
    }


def model_opens_in_thinking(model_name: str) -> bool:
    """Whether replies start inside a think block with no opening tag
    (LLM_OPENS_IN_THINKING: yes, no, or auto from the model's name)."""
    mode = settings.LLM_OPENS_IN_THINKING
    return mode == "yes" or (mode == "auto" and looks_like_reasoning_model(model_name))
