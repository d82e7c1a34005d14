"""One model call streamed as events: a reasoning step and an answer step, each
opened at its first token and appended to as tokens arrive. The sink decides how
often to write (the runs recorder throttles). A failure mid-stream keeps what was
produced and stops the job with a sentence for the person.

``stop_when`` (optional) is called with the answer so far, at most every
GUARD_EVERY_S: a non-empty sentence it returns ends generation early (a loop or
an echo of the prompt need not run to the token cap); ``StreamResult.stopped_by``
then holds that sentence.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from core.reasoning.deltas import READING, REASONING, Usage
from core.reasoning.language import detect_language
from core.reasoning.llm import LLMBackend, LLMError, get_llm
from core.reasoning.think import split_reasoning
from core.steps.events import (
    Cancelled,
    DataAttached,
    StepHandle,
    StepKind,
    Steps,
    StepStatus,
    Stopped,
    UsageReported,
)

__all__ = ["StreamResult", "stream_to_steps"]

LANGUAGE_EVERY_CHARS = 400  # re-label the reasoning's language as it grows
GUARD_EVERY_S = 0.2


@dataclass
class StreamResult:
    reasoning: str = ""
    answer: str = ""
    usage: Usage = field(default_factory=Usage)
    timings: dict = field(default_factory=dict)
    marks: dict = field(default_factory=dict)  # perf_counter instants: first_visible, ended
    stopped_by: str = ""  # why ``stop_when`` ended generation early, if it did

    @property
    def hit_token_cap(self) -> bool:
        return self.usage.finish_reason == "length"


class _Live:
    """The two growing steps."""

    def __init__(self, steps: Steps, answer_kind: StepKind, answer_title: str, reasoning_title):
        self.steps, self.answer_kind, self.answer_title = steps, answer_kind, answer_title
        self.reasoning_title = reasoning_title
        self.handles: dict[str, StepHandle] = {}
        self.labelled_at = 0
        self.first_visible: float | None = None

    def add(self, kind: str, text: str) -> None:
        handle = self.handles.get(kind)
        if handle is None:
            if kind == REASONING:
                handle = self.steps.open(StepKind.REASONING, self.reasoning_title)
            else:
                handle = self.steps.open(self.answer_kind, self.answer_title)
            self.handles[kind] = handle
            if self.first_visible is None:
                self.first_visible = time.perf_counter()
        handle.append(text)
        if kind == REASONING and len(handle.text) - self.labelled_at >= LANGUAGE_EVERY_CHARS:
            self.labelled_at = len(handle.text)
            self.steps.sink.emit(DataAttached(handle.key, _language(handle.text)))

    def text(self, kind: str) -> str:
        handle = self.handles.get(kind)
        return handle.text if handle else ""

    def close(self, status: StepStatus, error: str = "") -> None:
        for kind, handle in self.handles.items():
            if kind == REASONING:
                handle.data.update(_language(handle.text))
            handle.close(status, error)


# Stored in English; the run page shows it in the reader's language.
MODEL_FAILED = gettext_noop("%(error)s What the model produced before that is kept below.")


def _language(text: str) -> dict:
    code, label = detect_language(text)
    return {"language": code, "language_label": label}


def stream_to_steps(
    steps: Steps,
    messages: Sequence[dict],
    *,
    answer_title: str = "Answer",
    answer_kind: StepKind | str = StepKind.ANSWER,
    reasoning_title: str = "Reasoning",
    json_schema: dict | None = None,
    max_tokens: int | None = None,
    seed: int | None = None,
    backend: LLMBackend | None = None,
    stop_when: Callable[[str], str] | None = None,
    deadline_s: float | None = None,
) -> StreamResult:
    """Stream one model call into steps on ``steps``; returns the separated texts.
    ``deadline_s``: the call is stopped (``stopped_by`` says so) once it has run this long."""
    backend = backend or get_llm()
    live = _Live(steps, StepKind(answer_kind), answer_title, reasoning_title)
    marks: dict[str, float] = {}
    started = time.perf_counter()
    deltas = backend.stream(messages, max_tokens=max_tokens, json_schema=json_schema, seed=seed)
    try:
        stopped_by = _pump(deltas, live, marks, started, deadline_s, stop_when)
    except LLMError as exc:
        _report(steps, backend, started, marks, backend.last_usage)
        live.close(StepStatus.FAILED, error=str(exc))
        raise Stopped(MODEL_FAILED % {"error": exc}) from exc
    except BaseException as exc:
        deltas.close()
        _report(steps, backend, started, marks, backend.last_usage)
        status = StepStatus.CANCELLED if isinstance(exc, Cancelled) else StepStatus.FAILED
        live.close(status, error=getattr(exc, "message", ""))
        raise
    ended = time.perf_counter()
    reasoning, answer = _separate(live, reasoning_title)
    live.close(StepStatus.SUCCEEDED)
    usage = backend.last_usage or Usage()
    timings = _report(steps, backend, started, marks, usage, ended=ended)
    marks = {
        "started": started,
        "first_delta": marks.get("first"),
        "first_visible": live.first_visible,
        "ended": time.perf_counter(),
    }
    return StreamResult(reasoning, answer, usage, timings, marks, stopped_by)


def _pump(deltas, live: _Live, marks: dict, started: float, deadline_s, stop_when) -> str:
    """Feed the deltas into the live steps until the stream ends; why it was ended
    early ("" when it ran to its end). Closes ``deltas`` when it ends them."""
    guarded_at = started
    for delta in deltas:
        now = time.perf_counter()
        if delta.kind != READING:
            marks.setdefault("first", now)
            marks.setdefault(f"first_{delta.kind}", now)
            marks[f"last_{delta.kind}"] = now
            live.add(delta.kind, delta.text)
        if deadline_s is not None and now - started > deadline_s:
            deltas.close()
            late = "" if "first" in marks else " while still reading the sources"
            return f"it ran out of its {deadline_s:g} s{late}"
        if delta.kind == READING or stop_when is None or delta.kind == REASONING:
            continue
        if now - guarded_at >= GUARD_EVERY_S:
            guarded_at = now
            stopped_by = stop_when(live.text("answer")) or ""
            if stopped_by:
                deltas.close()
                return stopped_by
    return ""


def _separate(live: _Live, reasoning_title: str) -> tuple[str, str]:
    """(reasoning, answer); a lone </think> means the text before it was reasoning."""
    reasoning, answer = live.text(REASONING), live.text("answer")
    if not reasoning and "</think>" in answer:
        reasoning, answer = split_reasoning(answer)
        live.handles["answer"].text = answer
        if reasoning:
            live.handles[REASONING] = live.steps.open(StepKind.REASONING, reasoning_title)
            live.handles[REASONING].text = reasoning
    return reasoning, answer


def _report(
    steps: Steps,
    backend: LLMBackend,
    started: float,
    marks: dict,
    usage: Usage | None,
    ended: float | None = None,
) -> dict:
    """Timings and token counts of this call, sent as a usage event."""
    ended = ended or time.perf_counter()
    usage = usage or Usage()
    timings: dict = {"total_ms": round((ended - started) * 1000)}
    if "first" in marks:
        timings["ttft_ms"] = round((marks["first"] - started) * 1000)
        generating = ended - marks["first"]
        if usage.completion_tokens and generating > 0:
            timings["tokens_per_s"] = round(usage.completion_tokens / generating, 2)
    if "first_reasoning" in marks:
        end_thinking = marks.get("first_answer", marks["last_reasoning"])
        timings["thinking_ms"] = round((end_thinking - marks["first_reasoning"]) * 1000)
    steps.usage(
        UsageReported(
            backend.model_name, usage.prompt_tokens or 0, usage.completion_tokens or 0, timings
        )
    )
    return timings
