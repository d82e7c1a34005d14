"""A document whose worker died turns failed within the stale window (the runs
reaper fails its ingestion run, and the run's end fails the document), and a live
ingestion (even one long step) keeps itself from looking dead."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.corpora import services
from core.corpora.ingestion import pipeline
from core.corpora.models import Document
from core.corpora.runs import WORKER_DIED_ON_DOCUMENT
from core.runs.models import Run
from core.runs.services import WORKER_DIED, reap


def ingesting(corpus, name: str, silent_s: float) -> Document:
    """A document whose ingestion run is running and last beat ``silent_s`` ago."""
    document = services.add_document(corpus, filename=name, data=name.encode())
    Run.objects.filter(pk=document.run_id).update(
        status=Run.Status.RUNNING,
        started_at=timezone.now() - timedelta(seconds=silent_s + 5),
        heartbeat_at=timezone.now() - timedelta(seconds=silent_s),
    )
    Document.objects.filter(pk=document.pk).update(status=Document.Status.INGESTING)
    return document


@pytest.fixture
def corpus(db):
    return services.create_corpus(name="Notes", slug="notes", reader_roles=["teacher"])


def test_an_ingestion_silent_past_the_stale_window_is_failed_with_a_retry_hint(corpus, settings):
    settings.RUN_STALE_AFTER_S = 90
    dead = ingesting(corpus, "dead.md", silent_s=120)
    alive = ingesting(corpus, "alive.md", silent_s=20)
    reap()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == Document.Status.FAILED and dead.error == WORKER_DIED_ON_DOCUMENT
    assert "Retry it" in dead.error and dead.run.error == WORKER_DIED
    assert alive.status == Document.Status.INGESTING and alive.run.status == Run.Status.RUNNING


def test_the_corpus_page_reaps_before_it_reads(corpus, settings, cast, client_for):
    settings.RUN_STALE_AFTER_S = 90
    corpus.managers.add(cast["teacher"])
    dead = ingesting(corpus, "dead.md", silent_s=120)
    page = client_for(cast["teacher"]).get(reverse("corpora:documents", args=[corpus.slug]))
    html = page.content.decode()
    assert "stopped without finishing" in html and "hx-trigger" not in html
    dead.refresh_from_db()
    assert dead.status == Document.Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_a_long_ingestion_step_keeps_its_run_from_looking_dead(settings, monkeypatch):
    corpus = services.create_corpus(name="Notes", slug="notes", reader_roles=["teacher"])
    settings.RUN_HEARTBEAT_S = 0.2
    settings.RUN_STALE_AFTER_S = 2
    document = services.add_document(corpus, filename="a.md", data=b"# A\n\ntext", enqueue=False)
    seen = {}

    def slow_run(doc, steps=None, **kwargs):  # one step longer than the stale window
        time.sleep(3)
        reap()
        seen["run"] = Run.objects.get(pk=Document.objects.get(pk=doc.pk).run_id).status
        Document.objects.filter(pk=doc.pk).update(status=Document.Status.READY)
        return doc

    monkeypatch.setattr(pipeline, "run", slow_run)
    services.ingest_document(document.pk)
    assert seen["run"] == Run.Status.RUNNING
    document.refresh_from_db()
    assert document.status == Document.Status.READY
    assert document.run.status == Run.Status.SUCCEEDED
