"""One model call streamed into a run's steps as it happens.

The reasoning and the answer each get a step, created at their first token and
written at most every FLUSH_S seconds (the first token at once), so a viewer sees
them live without a database write per token. Cancellation is checked at each
write. A failure mid-stream keeps what was produced and stops the run with a
sentence for the user.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from core.reasoning.deltas import REASONING, Usage
from core.reasoning.language import detect_language
from core.reasoning.llm import LLMBackend, LLMError, get_llm
from core.reasoning.think import split_reasoning
from core.runs.models import Run, RunStep
from core.runs.steps import RunStopped, check_cancelled, close_step, open_step, status_for

FLUSH_S = 0.2


@dataclass
class StreamResult:
    reasoning: str = ""
    answer: str = ""
    usage: Usage = field(default_factory=Usage)
    timings: dict = field(default_factory=dict)
    reasoning_step: RunStep | None = None
    answer_step: RunStep | None = None
    marks: dict = field(default_factory=dict)  # perf_counter instants: first_visible, ended

    @property
    def hit_token_cap(self) -> bool:
        return self.usage.finish_reason == "length"


class _Live:
    """The two growing steps and when they were last written."""

    def __init__(self, run: Run, answer_kind: str, answer_title: str, reasoning_title: str):
        self.run, self.answer_kind, self.answer_title = run, answer_kind, answer_title
        self.reasoning_title = reasoning_title
        self.parts = {REASONING: [], "answer": []}
        self.rows: dict[str, RunStep] = {}
        self.last_flush = 0.0
        self.first_visible: float | None = None  # the first token written to its step

    def add(self, kind: str, text: str, now: float) -> None:
        self.parts[kind].append(text)
        if kind not in self.rows:
            if kind == REASONING:
                self.rows[kind] = open_step(self.run, "reasoning", self.reasoning_title)
            else:
                self.rows[kind] = open_step(self.run, self.answer_kind, self.answer_title)
            self.flush(now)
            if self.first_visible is None:
                self.first_visible = time.perf_counter()
        elif now - self.last_flush >= FLUSH_S:
            self.flush(now)

    def flush(self, now: float) -> None:
        for kind, row in self.rows.items():
            text = "".join(self.parts[kind])
            if text != row.text:
                row.text = text
                if kind == REASONING:
                    row.data["language"], row.data["language_label"] = detect_language(text)
                row.flush()
        self.last_flush = now
        check_cancelled(self.run)

    def close(self, status: str, error: str = "") -> None:
        for kind, row in self.rows.items():
            row.text = "".join(self.parts[kind])
            if kind == REASONING:
                row.data["language"], row.data["language_label"] = detect_language(row.text)
            close_step(row, status, error=error)


def stream_to_steps(
    run: Run,
    messages: Sequence[dict],
    *,
    answer_title: str = "Answer",
    answer_kind: str = "answer",
    reasoning_title: str = "Reasoning",
    json_schema: dict | None = None,
    max_tokens: int | None = None,
    seed: int | None = None,
    backend: LLMBackend | None = None,
) -> StreamResult:
    """Stream one model call into ``run``'s steps; returns the separated texts."""
    backend = backend or get_llm()
    live = _Live(run, answer_kind, answer_title, reasoning_title)
    marks: dict[str, float] = {}
    started = time.perf_counter()
    deltas = backend.stream(messages, max_tokens=max_tokens, json_schema=json_schema, seed=seed)
    try:
        for delta in deltas:
            now = time.perf_counter()
            marks.setdefault("first", now)
            marks.setdefault(f"first_{delta.kind}", now)
            marks[f"last_{delta.kind}"] = now
            live.add(delta.kind, delta.text, now)
    except LLMError as exc:
        _record(run, backend, started, marks, backend.last_usage)
        message = f"{exc} What the model produced before that is kept below."
        live.close(RunStep.Status.FAILED, error=str(exc))
        raise RunStopped(message) from exc
    except BaseException as exc:
        deltas.close()
        _record(run, backend, started, marks, backend.last_usage)
        live.close(status_for(exc), error=getattr(exc, "message", ""))
        raise
    ended = time.perf_counter()
    reasoning, answer = "".join(live.parts[REASONING]), "".join(live.parts["answer"])
    if not reasoning and "</think>" in answer:  # a lone </think>: it was reasoning after all
        reasoning, answer = split_reasoning(answer)
        live.parts[REASONING], live.parts["answer"] = [reasoning], [answer]
        if reasoning and REASONING not in live.rows:
            live.rows[REASONING] = open_step(run, "reasoning", reasoning_title)
    live.close(RunStep.Status.SUCCEEDED)
    usage = backend.last_usage or Usage()
    timings = _record(run, backend, started, marks, usage, ended=ended)
    marks = {
        "started": started,
        "first_delta": marks.get("first"),
        "first_visible": live.first_visible,
        "ended": time.perf_counter(),
    }
    return StreamResult(
        reasoning, answer, usage, timings, live.rows.get(REASONING), live.rows.get("answer"), marks
    )


def _record(
    run: Run,
    backend: LLMBackend,
    started: float,
    marks: dict,
    usage: Usage | None,
    ended: float | None = None,
) -> dict:
    """Timings and token counts of this call, added to the run row."""
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
    run.model_name = backend.model_name
    run.timings = {**timings, "calls": int(run.timings.get("calls", 0)) + 1}
    run.prompt_tokens += usage.prompt_tokens or 0
    run.completion_tokens += usage.completion_tokens or 0
    Run.objects.filter(pk=run.pk).update(
        model_name=run.model_name,
        timings=run.timings,
        prompt_tokens=run.prompt_tokens,
        completion_tokens=run.completion_tokens,
        heartbeat_at=timezone.now(),
    )
    return timings
