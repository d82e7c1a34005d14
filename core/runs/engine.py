"""The one job engine: claim a queued run, keep its heartbeat, call its handler,
map how it stopped, store its result, and reap runs whose worker died. Every
kind of job (answers, advisories, checks, lessons, ingestions, refits) goes
through here, so each ends in one of the same states with a sentence."""

from __future__ import annotations

import json
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.heartbeat import Heartbeat, stale_cutoff
from core.retrieval.vectorstore import SearchUnavailable
from core.runs.context import Outcome, RunContext, result_of
from core.runs.models import Run, RunStep
from core.runs.registry import UnknownRunKind, get_kind
from core.steps.events import Cancelled, Stopped

__all__ = ["execute_run", "fail_stale_runs", "ERRORS", "WORKER_DIED"]

log = logging.getLogger(__name__)

# How a job ended, stored in English; the run page shows it in the reader's language.
WORKER_DIED = gettext_noop(
    "The worker running this job stopped without finishing (it was restarted, killed or ran "
    "out of memory). What it produced before stopping is kept below; please try again."
)
CANCELLED_BEFORE_START = gettext_noop("The run was cancelled before it started.")
TOO_LONG = gettext_noop("The run took longer than %(minutes)s minutes and was stopped.")
GONE = gettext_noop("This kind of job (%(kind)s) is no longer available.")
BROKE = gettext_noop(
    "Something went wrong inside the job (%(error)s). The steps above show how far it got."
)
ERRORS = (WORKER_DIED, CANCELLED_BEFORE_START, TOO_LONG, GONE, BROKE)


def _claim(run_id) -> bool:
    now = timezone.now()
    return bool(
        Run.objects.filter(pk=run_id, status=Run.Status.QUEUED, cancel_requested=False).update(
            status=Run.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            updated_at=now,
            attempts=F("attempts") + 1,
            message="",
        )
    )


def execute_run(run_id) -> Run | None:
    """Run the handler for ``run_id`` synchronously (what the task calls; evaluation
    commands may call it inline). Idempotent: a run that is not queued (already
    done, cancelled, or taken by another worker) is skipped."""
    claimed = _claim(run_id)
    run = Run.objects.filter(pk=run_id).select_related("user").first()
    if run is None or not claimed:
        if run is not None and run.status == Run.Status.QUEUED and run.cancel_requested:
            finish(run, Run.Status.CANCELLED, message=CANCELLED_BEFORE_START)
        return run
    with Heartbeat(
        lambda: Run.objects.filter(pk=run.pk, status=Run.Status.RUNNING).update(
            heartbeat_at=timezone.now()
        ),
        name=f"run-{run.pk}-heartbeat",
    ):
        status, error, outcome = _call_handler(run)
    run.result = json.loads(json.dumps(outcome.result, default=str))
    finish(run, status, error=error, message=outcome.message)
    return run


def _call_handler(run: Run) -> tuple[str, str, Outcome]:
    try:
        kind = get_kind(run.kind)
        return Run.Status.SUCCEEDED, "", result_of(kind.handler(RunContext(run)), kind.handler)
    except Cancelled as exc:
        return Run.Status.CANCELLED, "", Outcome(message=exc.message)
    except Stopped as exc:
        return Run.Status.FAILED, exc.message, Outcome()
    except SoftTimeLimitExceeded:
        minutes = max(1, round(settings.CELERY_TASK_SOFT_TIME_LIMIT / 60))
        return Run.Status.FAILED, TOO_LONG % {"minutes": minutes}, Outcome()
    except SearchUnavailable as exc:  # the Chroma server stayed down through the retries
        return Run.Status.FAILED, exc.message, Outcome()
    except UnknownRunKind:
        return Run.Status.FAILED, GONE % {"kind": run.kind}, Outcome()
    except Exception as exc:
        log.exception("run %s (%s) failed", run.pk, run.kind)
        return Run.Status.FAILED, BROKE % {"error": type(exc).__name__}, Outcome()


def finish(run: Run, status: str, *, error: str = "", message: str = "") -> None:
    """Store how the run ended, close its open steps, then tell its kind."""
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
    notify_finished(run)


def notify_finished(run: Run) -> None:
    """Call the kind's ``on_finished`` hook; its failure is logged, never the run's."""
    try:
        hook = get_kind(run.kind).on_finished
    except UnknownRunKind:
        return
    if hook is None:
        return
    try:
        hook(run)
    except Exception:
        log.exception("on_finished of run %s (%s) failed", run.pk, run.kind)


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
    reaped = 0
    for pk in stale:
        # the status filter makes this safe against a worker finishing at the same moment
        if Run.objects.filter(pk=pk, status=Run.Status.RUNNING, heartbeat_at__lt=cutoff).update(
            status=Run.Status.FAILED, error=WORKER_DIED, finished_at=now, updated_at=now
        ):
            reaped += 1
            RunStep.objects.filter(run_id=pk, status=RunStep.Status.RUNNING).update(
                status=RunStep.Status.FAILED, updated_at=now
            )
            log.warning("run %s: no heartbeat since before %s, marked failed", pk, cutoff)
            notify_finished(Run.objects.get(pk=pk))
    return reaped
