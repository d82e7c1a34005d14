"""Any OpenAI-compatible server through the openai SDK: vLLM with the deepseek_r1
reasoning parser in production, llama.cpp's server, DeepSeek's API, Ollama."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.conf import settings

from core.reasoning.backends.base import LLMBackend
from core.reasoning.backends.errors import (
    LLMError,
    LLMProtocolError,
    LLMTimeout,
    LLMUnavailable,
)
from core.reasoning.backends.r1_rules import model_opens_in_thinking, prepare_messages, sampling
from core.reasoning.deltas import ANSWER, REASONING, Delta, Usage
from core.reasoning.think import ThinkSplitter

__all__ = ["OpenAICompatibleBackend"]


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
        import openai

        self.model_name = model
        self.base_url = base_url
        self.opens_in_thinking = model_opens_in_thinking(model)
        # The SDK's own Timeout type: openai 3.x runs on httpx2 and refuses httpx's.
        self.client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            max_retries=1,
            timeout=openai.Timeout(timeout_s, connect=min(10.0, timeout_s)),
        )

    def close(self) -> None:
        """Close the client's connection pool (idempotent)."""
        self.client.close()

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
        with _translate_errors(self.base_url, self.model_name) as errors:
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


def _transport_errors(exc: BaseException) -> set[str]:
    """Names of the HTTP library's error classes ``exc`` is an instance of.

    A stream that breaks while it is read raises the transport's own error, not the
    SDK's; the SDK moved from httpx to httpx2, so match either by class name."""
    return {
        cls.__name__
        for cls in type(exc).__mro__
        if cls.__module__.split(".")[0] in ("httpx", "httpx2")
    }


class _translate_errors:
    """Turn transport and protocol failures into LLMError sentences."""

    def __init__(self, base_url: str, model: str):
        self.base_url, self.model = base_url, model
        self.streaming = False  # the answer had started arriving

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, (LLMError, GeneratorExit)):
            return False
        import openai

        transport = _transport_errors(exc)
        if isinstance(exc, openai.APITimeoutError) or "TimeoutException" in transport:
            raise LLMTimeout(
                f"The model server did not answer within {settings.LLM_TIMEOUT_S:g} seconds."
            ) from exc
        dropped = {"RemoteProtocolError", "ReadError"} & transport
        if (dropped or isinstance(exc, openai.APIConnectionError)) and self.streaming:
            raise LLMUnavailable(
                "The model server closed the connection before finishing its answer."
            ) from exc
        if isinstance(exc, openai.APIConnectionError) or "TransportError" in transport:
            raise LLMUnavailable("The model server cannot be reached right now.") from exc
        if isinstance(exc, openai.NotFoundError):
            raise LLMUnavailable(
                f"The model server does not serve a model named “{self.model}” (HTTP 404): "
                "OPENKITCHEN_LLM_MODEL must name one of the models it serves."
            ) from exc
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
