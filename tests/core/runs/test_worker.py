"""Run lifecycle with a real Celery worker process: success, failure with its
message, cancellation, and a killed worker whose run ends failed with a reason."""

import os
import signal
import subprocess
import time
import uuid

import pytest
from django.db import connection

from core.celery import app
from core.runs.models import Run
from core.runs.selectors import get_run_for_user
from core.runs.services import WORKER_DIED, cancel_run, reap
from tests.workers import spawn_worker, worker_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]
TASK = "core.runs.tasks.execute_run_task"


def start_worker(settings):
    env = worker_env(
        settings.VAR_DIR.resolve(),
        # the test database, which this process has open too
        OPENKITCHEN_DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
        OPENKITCHEN_RUN_HEARTBEAT_S="0.5",
        OPENKITCHEN_RUN_STALE_AFTER_S="3",
    )
    return spawn_worker(
        "runs", env, pool="prefork", extra=("--concurrency", "1", "-I", "tests.core.runs.kinds")
    )


def stop_worker(worker, sig=signal.SIGQUIT):  # cold shutdown: nothing to finish here
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
    try:
        return worker.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        return worker.communicate()[0]


@pytest.fixture
def worker(settings):
    proc = start_worker(settings)
    yield proc
    stop_worker(proc)


def enqueue(user, kind, inputs):
    """A queued run sent to the real broker (send_task is never eager)."""
    run = Run.objects.create(user=user, kind=kind, inputs=inputs, celery_task_id=uuid.uuid4().hex)
    app.send_task(TASK, args=[str(run.pk)], task_id=run.celery_task_id)
    return run


def wait_for(run, statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in statuses:
            return run
        time.sleep(0.2)
    raise AssertionError(f"run stayed {run.status} (wanted {statuses})")


def test_a_worker_runs_succeeding_and_failing_runs(cast, worker):
    ok = enqueue(cast["farmer"], "tests.echo", {"n": 1})
    stopped = enqueue(cast["farmer"], "tests.stop", {})
    wait_for(ok, Run.FINISHED)
    wait_for(stopped, Run.FINISHED)
    assert ok.status == Run.Status.SUCCEEDED and ok.result["echo"] == {"n": 1}
    assert ok.result["pid"] != os.getpid() and ok.steps.get().status == "succeeded"
    assert (
        stopped.status == Run.Status.FAILED
        and stopped.error == "No prices were found for this market."
    )


def test_a_worker_stops_a_run_that_is_cancelled(cast, worker):
    run = wait_for(enqueue(cast["farmer"], "tests.slow", {"seconds": 60}), [Run.Status.RUNNING])
    wait_for_step_text(run)
    cancel_run(run)
    wait_for(run, Run.FINISHED, timeout=30)
    assert run.status == Run.Status.CANCELLED
    step = run.steps.get()
    assert step.status == "cancelled" and "ticks" in step.text


def test_a_worker_streams_a_model_answer_into_steps(cast, worker):
    run = wait_for(
        enqueue(cast["farmer"], "tests.generate", {"prompt": "Name a fruit.", "max_tokens": 12}),
        Run.FINISHED,
        timeout=120,
    )
    assert run.status == Run.Status.SUCCEEDED, run.error
    answer = run.steps.get(kind="answer")
    assert answer.text.strip() and answer.text == run.result["answer"]
    assert run.completion_tokens > 0 and run.timings["ttft_ms"] > 0 and run.model_name


def wait_for_step_text(run, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        step = run.steps.first()
        if step is not None and step.text:
            return step
        time.sleep(0.2)
    raise AssertionError("the step never showed progress")


def test_a_killed_worker_leaves_a_failed_run_with_a_reason(cast, settings):
    settings.RUN_STALE_AFTER_S = 3
    proc = start_worker(settings)
    try:
        run = wait_for(
            enqueue(cast["farmer"], "tests.slow", {"seconds": 120}), [Run.Status.RUNNING]
        )
        step = wait_for_step_text(run)
    finally:
        stop_worker(proc, signal.SIGKILL)
    time.sleep(3.5)
    seen = get_run_for_user(cast["farmer"], run.pk)
    assert reap(seen)  # what the run page does before it reads
    seen.refresh_from_db()
    assert seen.status == Run.Status.FAILED and seen.error == WORKER_DIED
    step.refresh_from_db()
    assert step.status == "failed" and "ticks" in step.text  # what it produced is kept
