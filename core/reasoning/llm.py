"""LLM backends behind one small streaming interface.

``get_llm()`` returns the process's backend (one loaded model per process):

- ``LlamaCppBackend`` (``backends/llamacpp.py``): the bundled (or any) GGUF in
  process via llama-cpp-python.
- ``OpenAICompatibleBackend`` (``backends/openai_compat.py``): any
  OpenAI-compatible server (vLLM with the deepseek_r1 reasoning parser in
  production, llama.cpp's server, DeepSeek's API, Ollama) through the openai SDK.

``backend.stream(messages, ...)`` yields ``Delta(kind, text)`` with kind
"reasoning" or "answer"; ``backend.last_usage`` holds the token counts once the
iterator ends. Failures raise ``LLMError`` subclasses whose message is a sentence
for the user. DeepSeek's R1 guidance is applied to every call (``backends/r1_rules.py``):
temperature 0.6, top_p 0.95, no system prompt (folded into the user turn), a
max-tokens cap; earlier reasoning is never sent back as history.
"""

from __future__ import annotations

import threading

from django.conf import settings

from core.bundled import active_model_name, gguf_location
from core.reasoning.backends.base import LLMBackend
from core.reasoning.backends.errors import (
    LLMContextOverflow,
    LLMError,
    LLMProtocolError,
    LLMTimeout,
    LLMUnavailable,
)
from core.reasoning.backends.llamacpp import LlamaCppBackend
from core.reasoning.backends.openai_compat import OpenAICompatibleBackend
from core.reasoning.deltas import Delta, Usage

__all__ = [
    "Delta",
    "Usage",
    "LLMBackend",
    "LLMError",
    "LLMUnavailable",
    "LLMTimeout",
    "LLMProtocolError",
    "LLMContextOverflow",
    "get_llm",
    "reset_llm",
]

_backend: LLMBackend | None = None
_backend_lock = threading.Lock()


def _build() -> LLMBackend:
    if settings.LLM_BACKEND == "openai":
        return OpenAICompatibleBackend(
            base_url=settings.LLM_BASE_URL,
            model=settings.LLM_MODEL,
            api_key=settings.LLM_API_KEY,
            timeout_s=settings.LLM_TIMEOUT_S,
        )
    bundled = settings.LLM_GGUF_PATH == "bundled"
    return LlamaCppBackend(
        gguf_location(settings.LLM_GGUF_PATH),
        display_name=active_model_name() if bundled else None,
    )


def get_llm() -> LLMBackend:
    """The process's backend, built from settings on first use."""
    global _backend
    if _backend is None:
        with _backend_lock:
            if _backend is None:
                _backend = _build()
    return _backend


def reset_llm() -> None:
    """Close and forget the backend (tests that change LLM settings)."""
    global _backend
    with _backend_lock:
        if _backend is not None:
            _backend.close()
        _backend = None
