"""Writes on runs: start one, cancel it, resend the unsent, reap the dead.

Executing a run is the engine's (``core.runs.engine``)."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.runs.engine import CANCELLED_BEFORE_START, WORKER_DIED, execute_run, fail_stale_runs
from core.runs.models import Run
from core.runs.registry import get_kind

__all__ = [
    "QUEUE_DOWN",
    "WORKER_DIED",
    "RunRateLimited",
    "start_run",
    "run_inline",
    "cancel_run",
    "execute_run",
    "republish_unsent",
    "fail_stale_runs",
    "reap",
]

log = logging.getLogger(__name__)

QUEUE_DOWN = gettext_noop(
    "The job queue cannot be reached right now. Your request is saved and starts by itself "
    "when the queue is back; you can leave this page."
)
WAITING = gettext_noop("Waiting for a worker…")
RUNNING = gettext_noop("Running now…")
STOPPING = gettext_noop("Stopping…")
REPUBLISH_AFTER_S = 5


class RunRateLimited(Exception):
    """The user started too many runs in the last minute."""

    def __init__(self, limit: int):
        super().__init__(
            f"You started {limit} jobs in the last minute, the most allowed. "
            "Please wait a minute and try again."
        )
        self.message = str(self)


def start_run(user, kind: str, inputs: dict, *, rate_limited: bool = True) -> Run:
    """Create the Run row and enqueue its task after the transaction commits.
    ``rate_limited=False`` is for jobs the system starts on someone's behalf
    (reading each uploaded file, refitting forecasts after an import)."""
    get_kind(kind)  # an unknown kind is a programming error: fail before creating a row
    inputs = json.loads(json.dumps(inputs))  # only JSON reaches the worker
    if user is not None and rate_limited:
        limit = settings.RUNS_PER_USER_PER_MINUTE
        since = timezone.now() - timedelta(minutes=1)
        if Run.objects.filter(user=user, created_at__gte=since).count() >= limit:
            raise RunRateLimited(limit)
    run = Run.objects.create(
        user=user,
        kind=kind,
        inputs=inputs,
        celery_task_id=str(uuid.uuid4()),
        message=WAITING,
    )
    transaction.on_commit(lambda: _enqueue(run))
    return run


def run_inline(
    user,
    kind: str,
    inputs: dict,
    *,
    message: str = RUNNING,
    on_created: Callable[[Run], None] | None = None,
) -> Run:
    """Create a run and execute it here, now, exactly as a worker would (commands,
    evaluations, benches, demo loaders): no task is sent, no rate limit applies.
    ``on_created`` links the new row to what it works on (a document, a lesson)
    before the handler starts. Returns the finished run, re-read."""
    get_kind(kind)
    run = Run.objects.create(
        user=user,
        kind=kind,
        inputs=json.loads(json.dumps(inputs)),
        celery_task_id=str(uuid.uuid4()),  # never sent: a stray send would be skipped anyway
        message=message,
    )
    if on_created is not None:
        on_created(run)
    execute_run(run.pk)
    run.refresh_from_db()
    return run


def _enqueue(run: Run) -> bool:
    """Publish the run's task; if the broker is down, keep the run queued with a
    message saying so (``republish_unsent`` tries again later)."""
    from core.celery import try_publish
    from core.runs.tasks import execute_run_task

    if not try_publish(execute_run_task, str(run.pk), task_id=run.celery_task_id):
        Run.objects.filter(pk=run.pk, status=Run.Status.QUEUED).update(
            message=QUEUE_DOWN, updated_at=timezone.now()
        )
        return False
    return True


def republish_unsent(queryset=None) -> int:
    """Publish again the queued runs whose first publish failed (broker was down).
    Each run is claimed by a conditional update, so two callers never both send it;
    a duplicate send would be harmless anyway (``execute_run`` claims once)."""
    queryset = Run.objects.all() if queryset is None else queryset
    cutoff = timezone.now() - timedelta(seconds=REPUBLISH_AFTER_S)
    sent = 0
    for run in queryset.filter(status=Run.Status.QUEUED, message=QUEUE_DOWN, updated_at__lt=cutoff):
        claimed = Run.objects.filter(pk=run.pk, message=QUEUE_DOWN, updated_at__lt=cutoff).update(
            message=WAITING, updated_at=timezone.now()
        )
        if claimed and _enqueue(run):
            sent += 1
    return sent


def reap(run: Run | None = None) -> bool:
    """Before reading runs: fail those whose worker died and resend those the broker
    missed (one run, or all when ``run`` is None). The run page, the live stream
    and each starting worker call this; selectors only read. True when ``run``
    changed (re-read it)."""
    if run is None:
        fail_stale_runs()
        republish_unsent()
        return False
    one = Run.objects.filter(pk=run.pk)
    if run.status == Run.Status.RUNNING:
        return bool(fail_stale_runs(one))
    if run.status == Run.Status.QUEUED and run.message == QUEUE_DOWN:
        return bool(republish_unsent(one))
    return False


def cancel_run(run: Run) -> Run:
    """Ask a run to stop. A queued run stops at once; a running one at its next check."""
    from core.runs.engine import notify_finished

    if run.is_finished:
        return run
    now = timezone.now()
    Run.objects.filter(pk=run.pk).update(cancel_requested=True, updated_at=now)
    stopped = Run.objects.filter(pk=run.pk, status=Run.Status.QUEUED).update(
        status=Run.Status.CANCELLED,
        finished_at=now,
        message=CANCELLED_BEFORE_START,
    )
    if not stopped:
        Run.objects.filter(pk=run.pk, status=Run.Status.RUNNING).update(message=STOPPING)
    run.refresh_from_db()
    if stopped:
        notify_finished(run)
    return run
