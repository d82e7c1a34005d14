"""Uploads ingested by a real Celery worker process (as ``corpora.ingest`` runs) and
seen by this one; and a worker killed mid-ingestion, whose document turns failed
with a reason within the stale window."""

import os
import signal
import subprocess
import time

import pytest
from django.db import connection

from core.corpora import retrieve, services
from core.corpora.models import Chunk, Document
from core.corpora.runs import WORKER_DIED_ON_DOCUMENT
from core.runs.models import Run, RunStep
from core.runs.services import WORKER_DIED, reap
from tests.workers import spawn_worker, worker_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


HEARTBEAT_S, STALE_AFTER_S = 0.5, 3


def start_worker(settings):
    env = worker_env(
        settings.VAR_DIR.resolve(),
        OPENKITCHEN_DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
        OPENKITCHEN_CHROMA_PATH=str(settings.CHROMA_PATH),
        OPENKITCHEN_LEXICAL_INDEX_DIR=str(settings.LEXICAL_INDEX_DIR),
        OPENKITCHEN_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        OPENKITCHEN_RUN_HEARTBEAT_S=str(HEARTBEAT_S),
        OPENKITCHEN_RUN_STALE_AFTER_S=str(STALE_AFTER_S),
    )
    return spawn_worker("corpora", env)


def stop_worker(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
    try:
        return proc.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.communicate()[0]


@pytest.fixture
def worker(settings):
    proc = start_worker(settings)
    yield proc
    stop_worker(proc)


@pytest.fixture
def broker(monkeypatch):
    """Tests run tasks eagerly; send_task always goes through the broker to the worker."""
    from core.celery import app

    def publish(task, *args, **options):
        app.send_task(task.name, args=list(args), **options)
        return True

    monkeypatch.setattr("core.celery.try_publish", publish)


def _wait(document, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status in (Document.Status.READY, Document.Status.FAILED):
            return document
        time.sleep(0.5)
    raise AssertionError(f"document stayed {document.status}: {document.stage}")


def test_a_worker_ingests_uploads_and_this_process_retrieves_them(cast, worker, broker):
    corpus = services.create_corpus(name="Physics", reader_roles=["teacher"])
    # This process reads the (empty) indexes first, so it holds them open when the worker writes.
    assert retrieve("inertia", user=cast["teacher"], k=3) == []
    good = services.add_document(
        corpus,
        filename="forces.md",
        data=b"# Forces\n\nInertia keeps a body at rest until a force acts.\n",
    )
    bad = services.add_document(corpus, filename="notes.txt", data=bytes(range(256)) * 8)
    assert _wait(good).status == Document.Status.READY, good.error
    assert _wait(bad).status == Document.Status.FAILED and "binary" in bad.error
    assert good.run.status == Run.Status.SUCCEEDED and good.run.steps.count() == 7
    assert bad.run.status == Run.Status.FAILED and bad.run.error == bad.error
    passages = retrieve("what keeps a body at rest", user=cast["teacher"], k=3)
    assert passages and passages[0].document_id == good.pk
    assert passages[0].scores["dense"] is not None and passages[0].scores["lexical"] is not None


def _long_chapter(sections: int = 300) -> bytes:
    """Enough passages that embedding them takes many seconds on two cores."""
    parts = ["# Field notes"]
    for n in range(sections):
        words = " ".join(f"word{(n * 7 + i) % 997}" for i in range(120))
        parts.append(f"## Plot {n}\n\nPlot {n} was sown with grain and checked weekly. {words}.")
    return "\n\n".join(parts).encode()


def _wait_for_step(run, title_start: str, timeout=240) -> RunStep:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        step = run.steps.filter(title__startswith=title_start, status="running").first()
        if step is not None:
            return step
        run.refresh_from_db()
        assert not run.is_finished, f"the run ended {run.status} before {title_start!r}"
        time.sleep(0.2)
    raise AssertionError(f"no running step {title_start!r}")


def test_a_killed_worker_leaves_a_failed_ingestion_with_a_reason(cast, settings, broker):
    settings.RUN_STALE_AFTER_S = STALE_AFTER_S  # this process reaps with the worker's window
    corpus = services.create_corpus(name="Notes", reader_roles=["teacher"])
    proc = start_worker(settings)
    try:
        document = services.add_document(
            corpus, filename="plots.md", data=_long_chapter(), uploaded_by=cast["corpusadmin"]
        )
        step = _wait_for_step(document.run, "Embedding")
    finally:
        stop_worker(proc, signal.SIGKILL)
    killed = time.monotonic()
    document.refresh_from_db()
    assert document.status == Document.Status.INGESTING
    while document.status == Document.Status.INGESTING and time.monotonic() - killed < 30:
        time.sleep(0.25)
        reap()  # what the corpus pages and each starting worker call
        document.refresh_from_db()
    waited = time.monotonic() - killed
    assert document.status == Document.Status.FAILED
    assert document.error == WORKER_DIED_ON_DOCUMENT and "Retry it" in document.error
    assert waited <= STALE_AFTER_S + 2 * HEARTBEAT_S + 1, waited  # within the stale window
    run = Run.objects.get(pk=document.run_id)
    assert run.status == Run.Status.FAILED and run.error == WORKER_DIED
    step.refresh_from_db()
    assert step.status == "failed"  # the steps before it stay succeeded
    assert set(run.steps.exclude(pk=step.pk).values_list("status", flat=True)) == {"succeeded"}
    assert not Chunk.objects.filter(document=document, live=True).exists()
