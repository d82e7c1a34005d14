"""What reasoning reports while it works: typed events sent to a sink it is given.

Reasoning never touches a job row. A caller hands it a ``Sink`` (in a job, the
runs recorder that turns events into visible steps; in a test or a script, a
``ListSink``) and gets typed results back. ``Steps`` is the small writer the
library and the apps use to open, fill and close steps on any sink.

A sink may raise ``Cancelled`` from ``emit`` (the person asked to stop); the
library lets it propagate. ``Stopped`` ends a job with a sentence for the person.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

__all__ = [
    "StepKind",
    "StepStatus",
    "StepOpened",
    "TextAppended",
    "DataAttached",
    "StepClosed",
    "UsageReported",
    "ProgressReported",
    "Event",
    "Sink",
    "ListSink",
    "NullSink",
    "Steps",
    "StepHandle",
    "Stopped",
    "Cancelled",
]


class StepKind(StrEnum):
    """Every kind of visible step; each has one payload shape (``core.steps.payloads``)."""

    RETRIEVAL = "retrieval"  # payloads.retrieval_data: query, corpora, hits
    SOURCES = "sources"  # payloads.sources_data: passages as the model saw them
    PROMPT = "prompt"  # text: the prompt; data: tokens, sources, model
    REASONING = "reasoning"  # text: chain of thought; data: language, language_label
    ANSWER = "answer"  # text: the Markdown answer shown; data: origin (composed | model), note
    DRAFT = "draft"  # text: what the model wrote; data: used, failures (why it was not shown)
    STRUCTURED = "structured"  # text: the model's JSON reply
    VALIDATION = "validation"  # data: errors, attempt
    CITATIONS = "citations"  # payloads.citations_data
    CHECKS = "checks"  # data: what code checked and the results
    COMPUTATION = "computation"  # data: numbers computed by code
    DATA = "data"  # anything else an app records: text and a table of data
    # app-named kinds, rendered like DATA (kept so stored rows keep their names)
    GEOMETRY = "geometry"
    RULES = "rules"
    METRO = "metro"
    OUTLINE = "outline"
    SECTIONS = "sections"
    EXPORTS = "exports"
    INGESTION = "ingestion"


class StepStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class StepOpened:
    key: int  # unique within one sink
    kind: StepKind
    title: str


@dataclass(frozen=True, slots=True)
class TextAppended:
    key: int
    text: str


@dataclass(frozen=True, slots=True)
class DataAttached:
    key: int
    data: dict  # merged into the step's data
    replace_text: str | None = None  # set the whole text (a step filled at once)
    title: str | None = None


@dataclass(frozen=True, slots=True)
class StepClosed:
    key: int
    status: StepStatus = StepStatus.SUCCEEDED
    error: str = ""
    duration_ms: int | None = None


@dataclass(frozen=True, slots=True)
class UsageReported:
    """One model call finished: its model, token counts and timings."""

    model_name: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    timings: dict = field(default_factory=dict)  # total_ms, ttft_ms, tokens_per_s, thinking_ms


@dataclass(frozen=True, slots=True)
class ProgressReported:
    fraction: float
    message: str = ""


Event = StepOpened | TextAppended | DataAttached | StepClosed | UsageReported | ProgressReported


class Sink(Protocol):
    def emit(self, event: Event) -> None: ...


class Stopped(Exception):
    """Ends the job as failed; the message is shown to the person as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Cancelled(Stopped):
    """The person (or an admin) asked to stop the job."""

    def __init__(self, message: str = "The run was cancelled."):
        super().__init__(message)


class ListSink:
    """Keeps every event (tests, scripts, evaluation without a database)."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def steps(self) -> list[dict]:
        """The steps as a recorder would store them: kind, title, status, text, data."""
        by_key: dict[int, dict] = {}
        for event in self.events:
            if isinstance(event, StepOpened):
                by_key[event.key] = {
                    "kind": str(event.kind),
                    "title": event.title,
                    "status": "running",
                    "text": "",
                    "data": {},
                }
            elif isinstance(event, TextAppended):
                by_key[event.key]["text"] += event.text
            elif isinstance(event, DataAttached):
                row = by_key[event.key]
                row["data"].update(event.data)
                if event.replace_text is not None:
                    row["text"] = event.replace_text
                if event.title is not None:
                    row["title"] = event.title
            elif isinstance(event, StepClosed):
                row = by_key[event.key]
                row["status"] = str(event.status)
                if event.error:
                    row["data"]["error"] = event.error
        return list(by_key.values())


class NullSink:
    def emit(self, event: Event) -> None:
        pass


class StepHandle:
    """A step being written: set ``data``/``text``/``status`` and they are sent when
    the step closes; ``append`` and ``flush`` send partial content while it runs."""

    def __init__(self, steps: Steps, key: int, kind: StepKind, title: str):
        self._steps, self.key, self.kind, self.title = steps, key, kind, title
        self.data: dict = {}
        self.text = ""
        self.status = StepStatus.SUCCEEDED
        self._started = time.perf_counter()

    def append(self, text: str) -> None:
        self.text += text
        self._steps.sink.emit(TextAppended(self.key, text))

    def flush(self) -> None:
        self._steps.sink.emit(DataAttached(self.key, dict(self.data), self.text, self.title))

    def close(self, status: StepStatus | None = None, error: str = "") -> None:
        self.flush()
        elapsed = int((time.perf_counter() - self._started) * 1000)
        self._steps.sink.emit(StepClosed(self.key, status or self.status, error, elapsed))


class Steps:
    """Opens steps on a sink; keys are unique per ``Steps`` (one per sink)."""

    def __init__(self, sink: Sink):
        self.sink = sink
        self._next = 0

    def open(self, kind: StepKind | str, title: str) -> StepHandle:
        self._next += 1
        kind = StepKind(kind)
        self.sink.emit(StepOpened(self._next, kind, title[:300]))
        return StepHandle(self, self._next, kind, title[:300])

    @contextmanager
    def step(self, kind: StepKind | str, title: str) -> Iterator[StepHandle]:
        """One visible step; leaving the block closes it (failed or cancelled on error)."""
        handle = self.open(kind, title)
        try:
            yield handle
        except BaseException as exc:
            status = StepStatus.CANCELLED if isinstance(exc, Cancelled) else StepStatus.FAILED
            handle.close(status, exc.message if isinstance(exc, Stopped) else "")
            raise
        handle.close()

    def progress(self, fraction: float, message: str = "") -> None:
        self.sink.emit(ProgressReported(min(1.0, max(0.0, float(fraction))), message[:500]))

    def usage(self, event: UsageReported) -> None:
        self.sink.emit(event)
