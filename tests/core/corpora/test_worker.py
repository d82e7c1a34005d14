"""An upload ingested by a real Celery worker process, and seen by this one."""

import os
import signal
import subprocess
import time

import pytest
from django.db import connection

from core.corpora import services
from core.corpora.models import Document
from core.retrieval import retrieve
from tests.workers import spawn_worker, worker_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


@pytest.fixture
def worker(settings):
    env = worker_env(
        settings.VAR_DIR.resolve(),
        OPENKITCHEN_DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
        OPENKITCHEN_CHROMA_PATH=str(settings.CHROMA_PATH),
        OPENKITCHEN_LEXICAL_INDEX_DIR=str(settings.LEXICAL_INDEX_DIR),
        OPENKITCHEN_MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    proc = spawn_worker("corpora", env)
    yield proc
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


def _wait(document, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status in (Document.Status.READY, Document.Status.FAILED):
            return document
        time.sleep(0.5)
    raise AssertionError(f"document stayed {document.status}: {document.stage}")


def test_a_worker_ingests_uploads_and_this_process_retrieves_them(cast, worker, monkeypatch):
    from core.celery import app
    from core.corpora.tasks import ingest_document_task

    # Tests run tasks eagerly; send_task always goes through the broker to the worker.
    monkeypatch.setattr(
        ingest_document_task,
        "delay",
        lambda document_id: app.send_task(ingest_document_task.name, args=[document_id]),
    )
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
    passages = retrieve("what keeps a body at rest", user=cast["teacher"], k=3)
    assert passages and passages[0].document_id == good.pk
    assert passages[0].scores["dense"] is not None and passages[0].scores["lexical"] is not None
