"""Structured output: schema-constrained decoding where the backend has it
(llama.cpp grammar in process, guided decoding over HTTP), validated with
pydantic, one repair attempt, then StructuredOutputError.

With ``timeout_s`` the backend's stream is cut once the deadline passes (both
attempts together): ``ModelTimeout`` then carries a sentence for the person and
the text produced so far. The deadline is checked at every streamed token; a
backend that yields no token at all is bounded by its own limit (the HTTP
backend's ``LLM_TIMEOUT_S``)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from core.reasoning.llm import LLMBackend, get_llm
from core.reasoning.streaming import stream_to_steps
from core.steps.events import StepKind, Steps, StepStatus

__all__ = [
    "StructuredOutputError",
    "ModelTimeout",
    "DeadlineBackend",
    "extract_json",
    "json_char_bound",
    "generate_structured",
]

_FENCED = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


class StructuredOutputError(Exception):
    """The model's output did not validate, even after one repair attempt."""

    def __init__(self, message: str, *, partial: str, errors: list):
        super().__init__(message)
        self.message, self.partial, self.errors = message, partial, errors


class ModelTimeout(StructuredOutputError):
    """The model did not produce a valid reply before the deadline."""


class _Cut(Exception):
    """Raised inside the stream when the deadline has passed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DeadlineBackend(LLMBackend):
    """Wraps a backend; its stream stops with ``_Cut`` once ``deadline`` (monotonic) passes."""

    def __init__(self, inner: LLMBackend, deadline: float, clock=time.monotonic):
        super().__init__()
        self.inner, self.deadline, self.clock = inner, deadline, clock
        self.model_name = inner.model_name
        self.opens_in_thinking = inner.opens_in_thinking
        self.produced: list[str] = []  # the answer text of the latest stream

    @property
    def last_usage(self):
        return getattr(self.inner, "last_usage", None)

    @last_usage.setter
    def last_usage(self, value) -> None:  # LLMBackend.__init__ sets it; the inner one owns it
        pass

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    @property
    def context_tokens(self) -> int:
        return self.inner.context_tokens

    def stream(self, messages, **kwargs) -> Iterator:
        if self.clock() >= self.deadline:
            raise _Cut("The model's time for this part ran out before it started.")
        self.produced = []
        deltas = self.inner.stream(messages, **kwargs)
        try:
            for delta in deltas:
                if delta.kind == "answer":
                    self.produced.append(delta.text)
                yield delta
                if self.clock() >= self.deadline:
                    raise _Cut("The model's time for this part ran out; what it wrote is kept.")
        finally:
            deltas.close()  # releases the in-process model for the next call


def extract_json(text: str) -> str:
    """The JSON object in a reply that may wrap it in prose or a code fence."""
    fenced = _FENCED.search(text)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start >= 0 and end > start else text.strip()


def json_char_bound(schema: dict) -> int | None:
    """The most characters a reply under ``schema`` can take when decoding follows
    the schema's grammar (one optional space between tokens, escapes counted as
    one character), or None when the schema sets no bound (a string without
    maxLength, an array without maxItems, a reference)."""
    kind = schema.get("type")
    if kind == "string":
        n = schema.get("maxLength")
        return None if n is None else n + 2
    if kind in ("integer", "number"):
        return 24
    if kind == "boolean":
        return 5
    if kind == "array":
        n, item = schema.get("maxItems"), json_char_bound(schema.get("items") or {})
        return None if n is None or item is None else 2 + n * (item + 2)
    if kind == "object":
        total = 2
        for name, sub in (schema.get("properties") or {}).items():
            value = json_char_bound(sub)
            if value is None:
                return None
            total += len(name) + 6 + value  # quotes, colon, comma, spaces
        return total
    return None


def _validate(schema: type[BaseModel], text: str):
    # strict=False: a raw newline or tab inside a string is kept, not rejected.
    # llama-cpp-python's schema grammar lets the model write them (its string
    # rule excludes only quote and backslash), and the meaning is not in doubt.
    try:
        data = json.loads(extract_json(text), strict=False)
    except json.JSONDecodeError as exc:
        return None, [{"loc": [], "msg": f"Invalid JSON: {exc.msg} at column {exc.pos}"}]
    try:
        return schema.model_validate(data), []
    except ValidationError as exc:
        return None, [
            {"loc": list(map(str, e.get("loc", ()))), "msg": e.get("msg", "")} for e in exc.errors()
        ]


def generate_structured(
    steps: Steps,
    *,
    prompt: str,
    schema: type[BaseModel],
    step_title: str,
    max_tokens: int | None = None,
    timeout_s: float | None = None,
    backend: LLMBackend | None = None,
    clock=time.monotonic,
) -> BaseModel:
    """A validated ``schema`` instance generated from ``prompt`` (user turn only), or
    ``StructuredOutputError`` (``ModelTimeout`` when ``timeout_s`` passed first)."""
    if timeout_s is not None:
        backend = DeadlineBackend(backend or get_llm(), clock() + max(0.0, timeout_s), clock)
    json_schema = schema.model_json_schema()
    if max_tokens is None:
        # Every token writes at least one character (under a grammar, small models
        # often write one at a time), so this cap never cuts a reply the schema allows.
        max_tokens = json_char_bound(json_schema)
    request = (
        f"{prompt.strip()}\n\nReply with one JSON object that matches this JSON Schema, "
        f"and nothing else:\n{json.dumps(json_schema)}"
    )
    text, errors = "", []
    for attempt in (1, 2):
        if attempt == 2:
            request = (
                f"{request}\n\nYour previous reply was not valid.\n<reply>\n{text}\n</reply>\n"
                f"Errors: {json.dumps(errors)}\nReply again with only the corrected JSON object."
            )
        title = step_title if attempt == 1 else f"{step_title} (repair attempt)"
        try:
            result = stream_to_steps(
                steps,
                [{"role": "user", "content": request}],
                answer_kind=StepKind.STRUCTURED,
                answer_title=title,
                json_schema=json_schema,
                max_tokens=max_tokens,
                backend=backend,
            )
        except _Cut as cut:
            raise ModelTimeout(
                f"{title}: no valid reply within {timeout_s:.0f} s. {cut.message}",
                partial="".join(backend.produced) or text,
                errors=errors,
            ) from cut
        text = result.answer
        value, errors = _validate(schema, text)
        if value is not None:
            return value
        with steps.step(StepKind.VALIDATION, f"{title}: output did not validate") as check:
            check.data = {"errors": errors[:20], "attempt": attempt}
            check.status = StepStatus.FAILED
    raise StructuredOutputError(
        "The model's output did not match the expected structure, even after one repair attempt.",
        partial=text,
        errors=errors,
    )
