"""Writes on runs: start one, execute it, cancel it, fail the ones whose worker died."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.heartbeat import Heartbeat, stale_cutoff
from core.runs.models import Run, RunStep
from core.runs.registry import UnknownRunKind, get_handler
from core.runs.steps import RunCancelled, RunStopped

log = logging.getLogger(__name__)

WORKER_DIED = (
    "The worker running this job stopped without finishing (it was restarted, killed or ran "
    "out of memory). What it produced before stopping is kept below; please try again."
)


QUEUE_DOWN = (
    "The job queue cannot be reached right now. Your request is saved and starts by itself "
    "when the queue is back; you can leave this page."
)
REPUBLISH_AFTER_S = 5


class RunRateLimited(Exception):
    """The user started too many runs in the last minute."""

    def __init__(self, limit: int):
        super().__init__(
            f"You started {limit} jobs in the last minute, the most allowed. "
            "Please wait a minute and try again."
        )
        self.message = str(self)


def start_run(user, kind: str, inputs: dict) -> Run:
    """Create the Run row and enqueue its task after the transaction commits."""
    get_handler(kind)  # an unknown kind is a programming error: fail before creating a row
    inputs = json.loads(json.dumps(inputs))  # only JSON reaches the worker
    if user is not None:
        limit = settings.RUNS_PER_USER_PER_MINUTE
        since = timezone.now() - timedelta(minutes=1)
        if Run.objects.filter(user=user, created_at__gte=since).count() >= limit:
            raise RunRateLimited(limit)
    run = Run.objects.create(
        user=user,
        kind=kind,
        inputs=inputs,
        celery_task_id=str(uuid.uuid4()),
        message="Waiting for a worker…",
    )
    transaction.on_commit(lambda: _enqueue(run))
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
            message="Waiting for a worker…", updated_at=timezone.now()
        )
        if claimed and _enqueue(run):
            sent += 1
    return sent


def execute_run(run_id) -> Run | None:
    """Run the handler for ``run_id`` synchronously. Idempotent: a run that is
    not queued (already done, cancelled, or taken by another worker) is skipped."""
    now = timezone.now()
    claimed = Run.objects.filter(
        pk=run_id, status=Run.Status.QUEUED, cancel_requested=False
    ).update(
        status=Run.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
        message="",
    )
    run = Run.objects.filter(pk=run_id).first()
    if run is None or not claimed:
        if run is not None and run.status == Run.Status.QUEUED and run.cancel_requested:
            _finish(run, Run.Status.CANCELLED, message="The run was cancelled before it started.")
        return run
    with Heartbeat(
        lambda: Run.objects.filter(pk=run.pk, status=Run.Status.RUNNING).update(
            heartbeat_at=timezone.now()
        ),
        name=f"run-{run.pk}-heartbeat",
    ):
        status, error, message = _call_handler(run)
    _finish(run, status, error=error, message=message)
    return run


def _call_handler(run: Run) -> tuple[str, str, str]:
    try:
        get_handler(run.kind)(run)
    except RunCancelled as exc:
        return Run.Status.CANCELLED, "", exc.message
    except RunStopped as exc:
        return Run.Status.FAILED, exc.message, ""
    except SoftTimeLimitExceeded:
        minutes = max(1, round(settings.CELERY_TASK_SOFT_TIME_LIMIT / 60))
        return Run.Status.FAILED, f"The run took longer than {minutes} minutes and was stopped.", ""
    except UnknownRunKind:
        return Run.Status.FAILED, f"This kind of job ({run.kind}) is no longer available.", ""
    except Exception as exc:
        log.exception("run %s (%s) failed", run.pk, run.kind)
        return (
            Run.Status.FAILED,
            f"Something went wrong inside the job ({type(exc).__name__}). "
            "The steps above show how far it got.",
            "",
        )
    return Run.Status.SUCCEEDED, "", run.message


def _finish(run: Run, status: str, *, error: str = "", message: str = "") -> None:
    now = timezone.now()
    step_status = {
        Run.Status.CANCELLED: RunStep.Status.CANCELLED,
        Run.Status.SUCCEEDED: RunStep.Status.SUCCEEDED,
    }.get(status, RunStep.Status.FAILED)
    RunStep.objects.filter(run=run, status=RunStep.Status.RUNNING).update(
        status=step_status, updated_at=now
    )
    run.status, run.error, run.message, run.finished_at = status, error, message[:500], now
    if status == Run.Status.SUCCEEDED:
        run.progress = 1.0
    run.save(
        update_fields=[
            "status",
            "error",
            "message",
            "finished_at",
            "progress",
            "result",
            "model_name",
            "timings",
            "prompt_tokens",
            "completion_tokens",
            "updated_at",
        ]
    )


def cancel_run(run: Run) -> Run:
    """Ask a run to stop. A queued run stops at once; a running one at its next check."""
    if run.is_finished:
        return run
    now = timezone.now()
    Run.objects.filter(pk=run.pk).update(cancel_requested=True, updated_at=now)
    stopped = Run.objects.filter(pk=run.pk, status=Run.Status.QUEUED).update(
        status=Run.Status.CANCELLED,
        finished_at=now,
        message="The run was cancelled before it started.",
    )
    if not stopped:
        Run.objects.filter(pk=run.pk, status=Run.Status.RUNNING).update(message="Stopping…")
    run.refresh_from_db()
    return run


def fail_stale_runs(queryset=None) -> int:
    """Mark running runs whose worker stopped sending heartbeats as failed."""
    queryset = Run.objects.all() if queryset is None else queryset
    cutoff = stale_cutoff()
    stale = list(
        queryset.filter(status=Run.Status.RUNNING, heartbeat_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    now = timezone.now()
    for pk in stale:
        # the status filter makes this safe against a worker finishing at the same moment
        if Run.objects.filter(pk=pk, status=Run.Status.RUNNING, heartbeat_at__lt=cutoff).update(
            status=Run.Status.FAILED, error=WORKER_DIED, finished_at=now, updated_at=now
        ):
            RunStep.objects.filter(run_id=pk, status=RunStep.Status.RUNNING).update(
                status=RunStep.Status.FAILED, updated_at=now
            )
            log.warning("run %s: no heartbeat since before %s, marked failed", pk, cutoff)
    return len(stale)
