"""The error family every backend raises: its message is a sentence the user can read."""

from __future__ import annotations

__all__ = [
    "LLMError",
    "LLMUnavailable",
    "LLMTimeout",
    "LLMProtocolError",
    "LLMContextOverflow",
]


class LLMError(Exception):
    """A model call failed; ``str(exc)`` is a sentence the user can read."""


class LLMUnavailable(LLMError):
    pass


class LLMTimeout(LLMError):
    pass


class LLMProtocolError(LLMError):
    pass


class LLMContextOverflow(LLMError):
    pass
