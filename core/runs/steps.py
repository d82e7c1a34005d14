"""What a run handler uses to record its visible chain.

``step(run, kind, title)`` is a context manager yielding the RunStep row: fill
``.data`` (JSON) and ``.text``; call ``.flush()`` to show partial content while
the step is still running. Leaving the block stamps the duration and status.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Max
from django.utils import timezone

from core.runs.models import Run, RunStep


class RunStopped(Exception):
    """Ends the run as failed; the message is shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RunCancelled(RunStopped):
    """The person (or an admin) asked to stop the run."""

    def __init__(self, message: str = "The run was cancelled."):
        super().__init__(message)


def touch(run: Run) -> None:
    """Heartbeat: proves the worker running this run is alive."""
    Run.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())


def check_cancelled(run: Run) -> None:
    """Raise RunCancelled if someone asked to stop this run."""
    if Run.objects.filter(pk=run.pk, cancel_requested=True).exists():
        raise RunCancelled()


def set_progress(run: Run, fraction: float, message: str = "") -> None:
    fraction = min(1.0, max(0.0, float(fraction)))
    now = timezone.now()
    Run.objects.filter(pk=run.pk).update(
        progress=fraction, message=message[:500], heartbeat_at=now, updated_at=now
    )
    run.progress, run.message = fraction, message[:500]


def _next_ordinal(run: Run) -> int:
    current = RunStep.objects.filter(run=run).aggregate(m=Max("ordinal"))["m"]
    return 1 if current is None else current + 1


def open_step(run: Run, kind: str, title: str, *, data: dict | None = None) -> RunStep:
    """Create a running step now (for steps whose end is not a ``with`` block)."""
    row = RunStep.objects.create(
        run=run, ordinal=_next_ordinal(run), kind=kind, title=title[:300], data=data or {}
    )
    row._started = time.perf_counter()
    return row


def close_step(row: RunStep, status: str = RunStep.Status.SUCCEEDED, *, error: str = "") -> None:
    """Stamp the duration and final status of a step opened with ``open_step``."""
    if error:
        row.data = {**row.data, "error": error}
    row.status = status
    started = getattr(row, "_started", None)
    if started is not None:
        row.duration_ms = int((time.perf_counter() - started) * 1000)
    row.save(update_fields=["status", "data", "text", "title", "duration_ms", "updated_at"])


def status_for(exc: BaseException) -> str:
    return RunStep.Status.CANCELLED if isinstance(exc, RunCancelled) else RunStep.Status.FAILED


@contextmanager
def step(run: Run, kind: str, title: str) -> Iterator[RunStep]:
    """Record one visible step of ``run``; yields the RunStep to fill."""
    row = open_step(run, kind, title)
    touch(run)
    try:
        yield row
    except BaseException as exc:
        close_step(row, status_for(exc), error=exc.message if isinstance(exc, RunStopped) else "")
        raise
    else:
        close_step(
            row, row.status if row.status != RunStep.Status.RUNNING else RunStep.Status.SUCCEEDED
        )
