"""Run lifecycle in process (tasks run eagerly with a JSON round-trip)."""

import datetime as dt

import pytest
from django.utils import timezone

from core.runs.models import Run, RunStep
from core.runs.registry import UnknownRunKind
from core.runs.selectors import get_run_for_user
from core.runs.services import (
    WORKER_DIED,
    RunRateLimited,
    cancel_run,
    execute_run,
    reap,
    run_inline,
    start_run,
)
from tests.core.runs import kinds  # registers the test kinds

pytestmark = pytest.mark.postgres


def started(user, kind, inputs, capture):
    with capture(execute=True):
        run = start_run(user, kind, inputs)
    run.refresh_from_db()
    return run


def test_a_run_is_queued_then_executed_after_commit(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = start_run(cast["farmer"], "tests.echo", {"market": "Pune"})
        assert Run.objects.get(pk=run.pk).status == Run.Status.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED and run.progress == 1.0
    assert run.result["echo"] == {"market": "Pune"} and run.message == "Echoed."
    assert run.started_at <= run.finished_at and run.celery_task_id
    [only] = run.steps.all()
    assert (only.ordinal, only.status, only.text) == (1, RunStep.Status.SUCCEEDED, "echoed")
    assert only.duration_ms is not None


def test_run_inline_executes_here_now_as_a_worker_would_and_sends_nothing(
    cast, django_capture_on_commit_callbacks
):
    linked = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = run_inline(
            cast["farmer"],
            "tests.echo",
            {"market": "Pune"},
            on_created=lambda r: linked.append((r.pk, r.status)),
        )
    assert callbacks == []  # no task published
    assert linked == [(run.pk, Run.Status.QUEUED)]  # linked before the handler ran
    assert run.status == Run.Status.SUCCEEDED and run.result["echo"] == {"market": "Pune"}
    assert run.message == "Echoed." and run.steps.count() == 1
    failed = run_inline(cast["farmer"], "tests.stop", {})
    assert failed.status == Run.Status.FAILED and "No prices" in failed.error
    with pytest.raises(UnknownRunKind):
        run_inline(cast["farmer"], "nobody.registered", {})


def test_inputs_must_survive_json(cast):
    with pytest.raises(TypeError):
        start_run(cast["farmer"], "tests.echo", {"when": dt.datetime.now()})
    assert not Run.objects.exists()


def test_an_unknown_kind_is_refused_before_a_row_exists(cast):
    with pytest.raises(UnknownRunKind):
        start_run(cast["farmer"], "nobody.registered", {})
    assert not Run.objects.exists()


def test_too_many_runs_in_a_minute_are_refused_with_a_sentence(cast, settings):
    settings.RUNS_PER_USER_PER_MINUTE = 2
    start_run(cast["teacher"], "tests.echo", {})
    start_run(cast["teacher"], "tests.echo", {})
    with pytest.raises(RunRateLimited, match="wait a minute"):
        start_run(cast["teacher"], "tests.echo", {})
    start_run(cast["farmer"], "tests.echo", {})  # the limit is per user
    Run.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    start_run(cast["teacher"], "tests.echo", {})


def test_a_stopped_run_fails_with_the_handlers_message(cast, django_capture_on_commit_callbacks):
    run = started(cast["farmer"], "tests.stop", {}, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.FAILED
    assert run.error == "No prices were found for this market."
    step = run.steps.get()
    assert step.status == RunStep.Status.FAILED and step.data["error"] == run.error


def test_a_search_service_that_stays_down_fails_the_run_with_its_sentence(
    cast, django_capture_on_commit_callbacks
):
    run = started(cast["farmer"], "tests.search_down", {}, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.FAILED
    assert run.error == "The search service is not answering right now."


def test_a_crash_fails_with_a_sentence_and_keeps_partial_output(
    cast, django_capture_on_commit_callbacks
):
    run = started(cast["farmer"], "tests.crash", {}, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.FAILED
    assert "Something went wrong" in run.error and "KeyError" in run.error
    assert "Traceback" not in run.error
    assert run.steps.get().text == "partial output"


def test_a_handler_that_returns_no_outcome_fails_its_run_and_logs_why(cast, caplog):
    run = run_inline(cast["farmer"], "tests.returns_none", {})
    assert run.status == Run.Status.FAILED and "TypeError" in run.error
    assert run.steps.get().text == "done"  # what it did is kept
    assert "returns_none returned NoneType, not an Outcome" in caplog.text


def test_cancelling_a_queued_run_stops_it_before_it_starts(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        run = start_run(cast["farmer"], "tests.echo", {})
    cancel_run(run)
    assert run.status == Run.Status.CANCELLED
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == Run.Status.CANCELLED and not run.steps.exists()


def test_a_run_cancelled_while_running_ends_cancelled(cast, django_capture_on_commit_callbacks):
    run = started(cast["farmer"], "tests.cancel_midway", {}, django_capture_on_commit_callbacks)
    assert run.status == Run.Status.CANCELLED and run.error == ""
    first, second = run.steps.all()
    assert first.status == RunStep.Status.SUCCEEDED and first.text == "done before the cancel"
    assert second.status == RunStep.Status.CANCELLED


def test_executing_a_finished_run_again_does_nothing(cast, django_capture_on_commit_callbacks):
    run = started(cast["farmer"], "tests.echo", {}, django_capture_on_commit_callbacks)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.attempts == 1 and run.steps.count() == 1


def test_a_run_whose_worker_stopped_beating_is_reaped_failed_and_its_kind_told(cast, settings):
    settings.RUN_STALE_AFTER_S = 60
    run = Run.objects.create(
        user=cast["farmer"],
        kind="tests.slow",
        status=Run.Status.RUNNING,
        heartbeat_at=timezone.now() - dt.timedelta(seconds=61),
    )
    RunStep.objects.create(run=run, ordinal=1, kind="computation", title="t", text="half")
    fresh = Run.objects.create(
        user=cast["farmer"],
        kind="tests.slow",
        status=Run.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    assert get_run_for_user(cast["farmer"], run.pk).status == Run.Status.RUNNING  # reads only
    kinds.FINISHED.clear()
    assert reap(run) is True and reap(fresh) is False
    run.refresh_from_db()
    assert run.status == Run.Status.FAILED and run.error == WORKER_DIED
    assert run.steps.get().status == RunStep.Status.FAILED and run.steps.get().text == "half"
    assert kinds.FINISHED == [(str(run.pk), Run.Status.FAILED)]
    fresh.refresh_from_db()
    assert fresh.status == Run.Status.RUNNING


def test_a_run_whose_broker_is_down_waits_with_a_message_and_is_sent_again(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from core.celery import app
    from core.runs import services
    from core.runs.tasks import execute_run_task

    sent = []

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(execute_run_task, "apply_async", down)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(cast["farmer"], "tests.echo", {"market": "Pune"})
    run.refresh_from_db()
    assert run.status == Run.Status.QUEUED and run.message == services.QUEUE_DOWN

    # Too soon, and the broker still down: nothing is claimed for good.
    assert services.republish_unsent() == 0
    Run.objects.filter(pk=run.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.republish_unsent() == 0
    run.refresh_from_db()
    assert run.message == services.QUEUE_DOWN, "a failed resend must keep the message"

    monkeypatch.setattr(execute_run_task, "apply_async", lambda *a, **kw: sent.append(kw))
    Run.objects.filter(pk=run.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.republish_unsent() == 1
    assert [kw["task_id"] for kw in sent] == [run.celery_task_id]
    run.refresh_from_db()
    assert run.status == Run.Status.QUEUED and run.message != services.QUEUE_DOWN
    assert services.republish_unsent() == 0, "a run is sent again once"


@pytest.mark.django_db(transaction=True)
def test_two_workers_handed_the_same_run_execute_it_once(cast):
    """A message delivered twice (resent after a broker outage, redelivered by Redis)
    reaches two workers at once: the conditional claim lets exactly one run it."""
    import threading

    from django.db import connection

    run = Run.objects.create(kind="tests.echo", user=cast["farmer"], inputs={"n": 1})
    gate, outcomes = threading.Barrier(2), []

    def worker():
        gate.wait()
        try:
            outcomes.append(execute_run(run.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    run.refresh_from_db()
    assert len(outcomes) == 2, "both workers returned"
    assert run.status == Run.Status.SUCCEEDED and run.attempts == 1
    assert run.steps.count() == 1, "the handler ran once"
