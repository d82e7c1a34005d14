"""A GGUF model (the bundled one or any other) in process via llama-cpp-python."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from core.reasoning.backends.base import (
    LLMBackend,
    LLMContextOverflow,
    LLMUnavailable,
    model_opens_in_thinking,
    prepare_messages,
    sampling,
)
from core.reasoning.deltas import Delta, Usage
from core.reasoning.think import ThinkSplitter

__all__ = ["LlamaCppBackend"]


class LlamaCppBackend(LLMBackend):
    """One llama.cpp model per process; calls are serialised (a Llama is not thread-safe).

    ``display_name`` is the name the page shows; without it, the file's stem.
    """

    def __init__(self, path: Path, *, display_name: str | None = None):
        super().__init__()
        self.path = Path(path)
        self.model_name = display_name or f"{self.path.stem} (in process)"
        self.opens_in_thinking = model_opens_in_thinking(self.path.stem)
        self._llama = None
        self._lock = threading.RLock()

    def _load(self):
        if self._llama is None:
            from llama_cpp import Llama

            if not self.path.exists():
                raise LLMUnavailable(f"The model file {self.path.name} is missing on this server.")
            seed = settings.LLM_SEED if settings.LLM_SEED >= 0 else 0xFFFFFFFF
            self._llama = Llama(
                model_path=str(self.path),
                n_ctx=settings.LLM_CONTEXT_TOKENS,
                n_threads=settings.LLM_THREADS,
                seed=seed,
                verbose=False,
            )
            # freeing the model during interpreter teardown prints a traceback
            atexit.register(self._llama.close)
        return self._llama

    def count_tokens(self, text: str) -> int:
        with self._lock:
            return len(self._load().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def stream(
        self,
        messages,
        *,
        max_tokens=None,
        temperature=None,
        top_p=None,
        json_schema=None,
        seed=None,
    ) -> Iterator[Delta]:
        with self._lock:
            llama = self._load()
            kwargs = {
                "messages": prepare_messages(messages),
                "stream": True,
                **sampling(max_tokens, temperature, top_p),
            }
            if json_schema is not None:
                kwargs["response_format"] = {"type": "json_object", "schema": json_schema}
            seed = settings.LLM_SEED if seed is None and settings.LLM_SEED >= 0 else seed
            if seed is not None:
                kwargs["seed"] = seed
            self.last_usage = usage = Usage()
            splitter = ThinkSplitter(
                opens_in_thinking=self.opens_in_thinking and json_schema is None
            )
            pieces = 0
            try:
                for chunk in llama.create_chat_completion(**kwargs):
                    choice = chunk["choices"][0]
                    text = choice.get("delta", {}).get("content")
                    if text:
                        pieces += 1
                        yield from splitter.feed(text)
                    usage.finish_reason = choice.get("finish_reason") or usage.finish_reason
            except ValueError as exc:
                if "context window" in str(exc) or "exceed" in str(exc):
                    raise LLMContextOverflow(
                        "The question and its sources are too long for the model's context window."
                    ) from exc
                raise
            yield from splitter.close()
            usage.completion_tokens = pieces
            usage.prompt_tokens = max(0, int(llama.n_tokens) - pieces)
