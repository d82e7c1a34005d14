"""LLM backends behind one small streaming interface.

``get_llm()`` returns the process's backend (one loaded model per process):

- ``LlamaCppBackend``: the bundled (or any) GGUF in process via llama-cpp-python.
- ``OpenAICompatibleBackend``: any OpenAI-compatible server (vLLM with the
  deepseek_r1 reasoning parser in production, llama.cpp's server, DeepSeek's
  API, Ollama) through the openai SDK.

``backend.stream(messages, ...)`` yields ``Delta(kind, text)`` with kind
"reasoning" or "answer"; ``backend.last_usage`` holds the token counts once the
iterator ends. Failures raise ``LLMError`` subclasses whose message is a sentence
for the user. DeepSeek's R1 guidance is applied to every call: temperature 0.6,
top_p 0.95, no system prompt (folded into the user turn), a max-tokens cap;
earlier reasoning is never sent back as history.
"""

from __future__ import annotations

import atexit
import json
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from django.conf import settings

from core.reasoning.deltas import ANSWER, REASONING, Delta, Usage
from core.reasoning.think import ThinkSplitter, looks_like_reasoning_model

log = logging.getLogger(__name__)

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
    cap = settings.LLM_MAX_TOKENS
    return {
        "max_tokens": cap if max_tokens is None else max(1, min(int(max_tokens), cap)),
        "temperature": settings.LLM_TEMPERATURE if temperature is None else temperature,
        "top_p": settings.LLM_TOP_P if top_p is None else top_p,
    }


def _opens_in_thinking(model_name: str) -> bool:
    mode = settings.LLM_OPENS_IN_THINKING
    return mode == "yes" or (mode == "auto" and looks_like_reasoning_model(model_name))


class LLMBackend:
    model_name: str = ""
    opens_in_thinking: bool = False

    def __init__(self) -> None:
        self.last_usage: Usage | None = None

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


# --- in process -----------------------------------------------------------------


class LlamaCppBackend(LLMBackend):
    """One llama.cpp model per process; calls are serialised (a Llama is not thread-safe)."""

    def __init__(self, path: Path, *, display_name: str | None = None):
        super().__init__()
        self.path = Path(path)
        self.model_name = display_name or f"{self.path.stem} (in process)"
        self.opens_in_thinking = _opens_in_thinking(self.path.stem)
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


# --- over HTTP --------------------------------------------------------------------


def _delta_field(delta, name: str):
    value = getattr(delta, name, None)
    if value is None:
        value = (getattr(delta, "model_extra", None) or {}).get(name)
    return value if isinstance(value, str) else None


class OpenAICompatibleBackend(LLMBackend):
    """Streams chat completions from an OpenAI-compatible server with the openai SDK.

    The chain of thought is read from each delta's ``reasoning`` field (vLLM since
    late 2025), else ``reasoning_content`` (older vLLM, DeepSeek's API); content
    is passed through the inline ``<think>`` parser for servers without a
    reasoning parser. (langchain-deepseek reads ``reasoning_content`` first and
    loses ``reasoning`` beside a null ``reasoning_content``; the SDK's extra
    fields reach both reliably.)
    """

    def __init__(self, *, base_url: str, model: str, api_key: str, timeout_s: float):
        super().__init__()
        import httpx
        from openai import OpenAI

        self.model_name = model
        self.base_url = base_url
        self.opens_in_thinking = _opens_in_thinking(model)
        self.client = OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            max_retries=1,
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
        )

    def _open(self, kwargs: dict, json_schema: dict | None):
        import openai

        if json_schema is not None:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "output", "schema": json_schema, "strict": True},
            }
        try:
            return self.client.chat.completions.create(**kwargs)
        except openai.APIStatusError as exc:
            # llama-cpp-python's server knows only {"type": "json_object", "schema": ...}
            # and answers the OpenAI form with 500; vLLM, DeepSeek and OpenAI accept it.
            if json_schema is not None and exc.status_code in (400, 422, 500):
                kwargs["response_format"] = {"type": "json_object", "schema": json_schema}
                return self.client.chat.completions.create(**kwargs)
            raise

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
        kwargs = {
            "model": self.model_name,
            "messages": prepare_messages(messages),
            "stream": True,
            "stream_options": {"include_usage": True},
            **sampling(max_tokens, temperature, top_p),
        }
        if seed is not None:
            kwargs["seed"] = seed
        self.last_usage = usage = Usage()
        with _translate_errors(self.base_url) as errors:
            response = self._open(kwargs, json_schema)
            errors.streaming = True
            try:
                yield from self._read(response, usage, json_schema is not None)
            finally:
                response.close()

    def _read(self, response, usage: Usage, structured: bool) -> Iterator[Delta]:
        splitter = ThinkSplitter(opens_in_thinking=self.opens_in_thinking and not structured)
        separated = False  # the server splits reasoning into its own field
        for chunk in response:
            if getattr(chunk, "usage", None) is not None:
                usage.prompt_tokens = chunk.usage.prompt_tokens
                usage.completion_tokens = chunk.usage.completion_tokens
            for choice in getattr(chunk, "choices", None) or []:
                delta = getattr(choice, "delta", None)
                if delta is None:
                    raise LLMProtocolError("The model server sent a malformed piece of the stream.")
                reasoning = _delta_field(delta, "reasoning") or _delta_field(
                    delta, "reasoning_content"
                )
                if reasoning:
                    separated = True
                    yield Delta(REASONING, reasoning)
                content = _delta_field(delta, "content")
                if content:
                    if separated:
                        yield Delta(ANSWER, content)
                    else:
                        yield from splitter.feed(content)
                usage.finish_reason = getattr(choice, "finish_reason", None) or usage.finish_reason
        yield from splitter.close()


class _translate_errors:
    """Turn transport and protocol failures into LLMError sentences."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.streaming = False  # the answer had started arriving

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, (LLMError, GeneratorExit)):
            return False
        import httpx
        import openai

        if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
            raise LLMTimeout(
                f"The model server did not answer within {settings.LLM_TIMEOUT_S:g} seconds."
            ) from exc
        dropped = (httpx.RemoteProtocolError, httpx.ReadError, openai.APIConnectionError)
        if isinstance(exc, dropped) and self.streaming:
            raise LLMUnavailable(
                "The model server closed the connection before finishing its answer."
            ) from exc
        if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
            raise LLMUnavailable("The model server cannot be reached right now.") from exc
        if isinstance(exc, openai.APIStatusError):
            raise LLMUnavailable(
                f"The model server refused the request (HTTP {exc.status_code})."
            ) from exc
        if isinstance(
            exc, (json.JSONDecodeError, openai.APIError, AttributeError, TypeError, KeyError)
        ):
            raise LLMProtocolError(
                "The model server sent a malformed piece of the stream."
            ) from exc
        return False


# --- one per process ------------------------------------------------------------

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
    from core.bundled import gguf_location
    from core.context_processors import active_model_name

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
    """Forget the backend (tests that change LLM settings)."""
    global _backend
    with _backend_lock:
        _backend = None
