"""The one recorder: reasoning and app events become RunSteps on a Run.

A step is created when it opens and written when it closes; text that grows
while a step runs (a streamed answer) is written at most every FLUSH_S seconds,
its first piece at once, so a viewer sees it live without a write per token.
Each write checks whether the person asked to stop (``Cancelled``). Usage is
summed on the run row (tokens, calls) with the latest call's timings.
"""

from __future__ import annotations

import time

from django.utils import timezone

from core.runs.models import Run, RunStep
from core.steps.events import (
    Cancelled,
    DataAttached,
    Event,
    ProgressReported,
    StepClosed,
    StepOpened,
    TextAppended,
    UsageReported,
)

__all__ = ["RunRecorder"]

FLUSH_S = 0.2


class RunRecorder:
    """A ``core.steps.events.Sink`` writing to one Run."""

    def __init__(self, run: Run, *, flush_s: float = FLUSH_S):
        self.run, self.flush_s = run, flush_s
        self.rows: dict[int, RunStep] = {}
        self.pending: dict[int, list[str]] = {}
        self.last_flush = 0.0
        current = run.steps.order_by("-ordinal").values_list("ordinal", flat=True).first()
        self.next_ordinal = (current or 0) + 1

    def emit(self, event: Event) -> None:
        match event:
            case StepOpened():
                self._open(event)
            case TextAppended():
                self.pending.setdefault(event.key, []).append(event.text)
                row = self.rows[event.key]
                if not row.text or time.perf_counter() - self.last_flush >= self.flush_s:
                    self.flush()
            case DataAttached():
                self._attach(event)
            case StepClosed():
                self._close(event)
            case UsageReported():
                self._usage(event)
            case ProgressReported():
                self._progress(event)

    def _open(self, event: StepOpened) -> None:
        self._write_pending()
        row = RunStep.objects.create(
            run=self.run, ordinal=self.next_ordinal, kind=str(event.kind), title=event.title
        )
        self.next_ordinal += 1
        self.rows[event.key] = row
        Run.objects.filter(pk=self.run.pk).update(heartbeat_at=timezone.now())

    def _take_pending(self, key: int) -> bool:
        pieces = self.pending.pop(key, None)
        if not pieces:
            return False
        self.rows[key].text += "".join(pieces)
        return True

    def flush(self) -> None:
        """Write the text that arrived since the last write, then check for a stop."""
        self._write_pending()
        self.check_cancelled()

    def _write_pending(self) -> None:
        for key in list(self.pending):
            if self._take_pending(key):
                self.rows[key].save(update_fields=["text", "updated_at"])
        self.last_flush = time.perf_counter()

    def check_cancelled(self) -> None:
        if Run.objects.filter(pk=self.run.pk, cancel_requested=True).exists():
            raise Cancelled()

    def _attach(self, event: DataAttached) -> None:
        row = self.rows[event.key]
        self._take_pending(event.key)
        row.data = {**(row.data or {}), **event.data}
        if event.replace_text is not None:
            row.text = event.replace_text
        if event.title is not None:
            row.title = event.title[:300]
        row.save(update_fields=["data", "text", "title", "updated_at"])

    def _close(self, event: StepClosed) -> None:
        row = self.rows[event.key]
        self._take_pending(event.key)
        if event.error:
            row.data = {**(row.data or {}), "error": event.error}
        row.status = str(event.status)
        row.duration_ms = event.duration_ms
        row.save(update_fields=["status", "data", "text", "title", "duration_ms", "updated_at"])

    def _usage(self, event: UsageReported) -> None:
        run = self.run
        run.model_name = event.model_name
        run.timings = {**event.timings, "calls": int((run.timings or {}).get("calls", 0)) + 1}
        run.prompt_tokens += event.prompt_tokens
        run.completion_tokens += event.completion_tokens
        Run.objects.filter(pk=run.pk).update(
            model_name=run.model_name,
            timings=run.timings,
            prompt_tokens=run.prompt_tokens,
            completion_tokens=run.completion_tokens,
            heartbeat_at=timezone.now(),
        )

    def _progress(self, event: ProgressReported) -> None:
        now = timezone.now()
        Run.objects.filter(pk=self.run.pk).update(
            progress=event.fraction, message=event.message, heartbeat_at=now, updated_at=now
        )
        self.run.progress, self.run.message = event.fraction, event.message
