"""A lesson follows its run: when the run fails, is cancelled or loses its worker,
the lesson turns failed with the reason instead of "generating" for ever."""

import os
import signal
import time
from unittest import mock

import pytest
from django.db import connection

from apps.courseware import pipeline, services
from apps.courseware.models import Lesson
from core.celery import app
from core.corpora.services import create_corpus
from core.runs.engine import WORKER_DIED
from core.runs.models import Run
from core.runs.services import cancel_run, reap
from tests.workers import spawn_worker, worker_env

ASKED = {"topic": "adding whole numbers", "subject": "Mathematics", "grade": 5, "minutes": 30}

TASK = "core.runs.tasks.execute_run_task"
pytestmark = pytest.mark.postgres


def request(user, capture, execute=True):
    with capture(execute=execute):
        lesson = services.request_lesson(user, {**ASKED, "corpus": "maths"})
    lesson.refresh_from_db()
    return lesson


def test_a_lesson_whose_run_crashes_turns_failed_with_the_runs_reason(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(query, **kwargs):
        raise RuntimeError("index unreadable")

    monkeypatch.setattr(pipeline, "retrieve", broken)
    lesson = request(cast["teacher"], django_capture_on_commit_callbacks)
    assert lesson.run.status == Run.Status.FAILED
    assert lesson.status == Lesson.Status.FAILED and lesson.message == lesson.run.error
    assert "RuntimeError" in lesson.message


def test_a_lesson_cancelled_before_it_starts_turns_failed_and_says_so(
    cast, django_capture_on_commit_callbacks
):
    lesson = request(cast["teacher"], django_capture_on_commit_callbacks, execute=False)
    cancel_run(lesson.run)
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.FAILED and "stopped" in lesson.message


def test_a_finished_lesson_keeps_its_status_when_a_later_run_fails(cast):
    lesson = Lesson.objects.create(
        owner=cast["teacher"], title="t", request=ASKED, status=Lesson.Status.READY
    )
    run = Run.objects.create(kind="courseware.lesson", status=Run.Status.FAILED, error="x")
    lesson.run = run
    lesson.save()
    services.lesson_run_finished(run)
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.READY


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_lesson_whose_worker_is_killed_turns_failed_within_the_stale_window(cast, settings):
    create_corpus(name="Maths", slug="maths", reader_roles=["teacher"])
    env = worker_env(
        settings.VAR_DIR.resolve(),
        OPENKITCHEN_DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
        OPENKITCHEN_RUN_HEARTBEAT_S="0.5",
        OPENKITCHEN_RUN_STALE_AFTER_S="3",
        OPENKITCHEN_CELERY_EAGER="false",
    )
    settings.RUN_STALE_AFTER_S = 3
    worker = spawn_worker("lessons", env, pool="prefork", extra=("--concurrency", "1"))
    try:
        with mock.patch("core.runs.services.transaction.on_commit"):  # tasks are eager here
            lesson = services.request_lesson(cast["teacher"], {**ASKED, "corpus": "maths"})
        app.send_task(TASK, args=[str(lesson.run.pk)], task_id=lesson.run.celery_task_id)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            lesson.run.refresh_from_db()
            if lesson.run.status != Run.Status.QUEUED:
                break
            time.sleep(0.2)
        assert lesson.run.status == Run.Status.RUNNING, lesson.run.status
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.communicate(timeout=30)
    time.sleep(3.5)
    assert reap(lesson.run)
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.FAILED and lesson.message == WORKER_DIED
