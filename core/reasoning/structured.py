"""Structured output: schema-constrained decoding where the backend has it
(llama.cpp grammar in process, guided decoding over HTTP), validated with
pydantic, one repair attempt, then StructuredOutputError."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, ValidationError

from core.reasoning.streaming import stream_to_steps
from core.runs.models import Run
from core.runs.steps import step

_FENCED = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


class StructuredOutputError(Exception):
    """The model's output did not validate, even after one repair attempt."""

    def __init__(self, message: str, *, partial: str, errors: list):
        super().__init__(message)
        self.message, self.partial, self.errors = message, partial, errors


def extract_json(text: str) -> str:
    """The JSON object in a reply that may wrap it in prose or a code fence."""
    fenced = _FENCED.search(text)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start >= 0 and end > start else text.strip()


def _validate(schema: type[BaseModel], text: str):
    try:
        return schema.model_validate_json(extract_json(text)), []
    except ValidationError as exc:
        return None, [
            {"loc": list(map(str, e.get("loc", ()))), "msg": e.get("msg", "")} for e in exc.errors()
        ]


def generate_structured(
    run: Run,
    *,
    prompt: str,
    schema: type[BaseModel],
    step_title: str,
    max_tokens: int | None = None,
) -> BaseModel:
    """A validated ``schema`` instance generated from ``prompt`` (user turn only)."""
    json_schema = schema.model_json_schema()
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
        result = stream_to_steps(
            run,
            [{"role": "user", "content": request}],
            answer_kind="structured",
            answer_title=title,
            json_schema=json_schema,
            max_tokens=max_tokens,
        )
        text = result.answer
        value, errors = _validate(schema, text)
        if value is not None:
            return value
        with step(run, "validation", f"{title}: output did not validate") as check:
            check.data = {"errors": errors[:20], "attempt": attempt}
            check.status = "failed"
    raise StructuredOutputError(
        "The model's output did not match the expected structure, even after one repair attempt.",
        partial=text,
        errors=errors,
    )
