"""A GGUF model (the bundled one or any other) in process via llama-cpp-python."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from core.reasoning.backends.base import LLMBackend
from core.reasoning.backends.errors import LLMContextOverflow, LLMUnavailable
from core.reasoning.backends.r1_rules import model_opens_in_thinking, prepare_messages, sampling
from core.reasoning.deltas import READING, Delta, Usage
from core.reasoning.think import ThinkSplitter

__all__ = ["LlamaCppBackend"]

READ_SLICE = 64  # prompt tokens read between two chances for the caller to stop


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
                yield from self._read_prompt(llama, kwargs["messages"])
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

    def _read_prompt(self, llama, messages) -> Iterator[Delta]:
        """Read the prompt into the model's cache ``READ_SLICE`` tokens at a time,
        yielding a READING delta between slices; the chat completion that follows
        finds them cached (llama.cpp reuses the longest cached prefix) and only
        samples. A template this cannot reproduce just reads as before."""
        tokens = _chat_tokens(llama, messages)
        if not tokens:
            return
        cached = 0
        for old, new in zip(llama._input_ids[: llama.n_tokens], tokens[:-1], strict=False):
            if old != new:
                break
            cached += 1
        llama.n_tokens = cached  # eval() drops the cache past this point
        for start in range(cached, len(tokens) - 1, READ_SLICE):
            llama.eval(tokens[start : min(start + READ_SLICE, len(tokens) - 1)])
            yield Delta(READING, "")


def _chat_tokens(llama, messages) -> list[int]:
    """The prompt tokens llama-cpp-python's handler for the model's own chat
    template would read (built as ``Llama`` builds that handler); [] otherwise."""
    template = llama.metadata.get("tokenizer.chat_template")
    if llama.chat_handler is not None or llama.chat_format != "chat_template.default":
        return []
    if not template:
        return []
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    def text(token_id: int) -> str:
        return llama._model.token_get_text(token_id) if token_id != -1 else ""

    formatted = Jinja2ChatFormatter(
        template=template, eos_token=text(llama.token_eos()), bos_token=text(llama.token_bos())
    )(messages=messages)
    return llama.tokenize(
        formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special, special=True
    )
