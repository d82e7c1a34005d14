"""A document whose worker died turns failed within the stale window, and a live
ingestion (even one long step) keeps itself from looking dead."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from core.corpora import selectors, services
from core.corpora.ingestion import pipeline
from core.corpora.models import Document


def ingesting(corpus, name: str, silent_s: float) -> Document:
    document = services.add_document(corpus, filename=name, data=name.encode(), enqueue=False)
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.INGESTING, updated_at=timezone.now() - timedelta(seconds=silent_s)
    )
    return document


@pytest.fixture
def corpus(db):
    return services.create_corpus(name="Notes", slug="notes", reader_roles=["teacher"])


def test_an_ingestion_silent_past_the_stale_window_is_failed_with_a_retry_hint(corpus, settings):
    settings.RUN_STALE_AFTER_S = 90
    dead = ingesting(corpus, "dead.md", silent_s=120)
    alive = ingesting(corpus, "alive.md", silent_s=20)
    assert selectors.fail_stale_ingestions() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == Document.Status.FAILED and "Retry it" in dead.error
    assert alive.status == Document.Status.INGESTING


@pytest.mark.django_db(transaction=True)
def test_a_long_ingestion_step_keeps_its_document_from_looking_dead(settings, monkeypatch):
    corpus = services.create_corpus(name="Notes", slug="notes", reader_roles=["teacher"])
    settings.RUN_HEARTBEAT_S = 0.2
    settings.RUN_STALE_AFTER_S = 2
    document = services.add_document(corpus, filename="a.md", data=b"# A\n\ntext", enqueue=False)
    seen = {}

    def slow_run(doc):  # one step longer than the stale window, with no progress writes
        time.sleep(3)
        seen["failed_meanwhile"] = selectors.fail_stale_ingestions()
        Document.objects.filter(pk=doc.pk).update(status=Document.Status.READY)
        return doc

    monkeypatch.setattr(pipeline, "run", slow_run)
    services.ingest_document(document.pk)
    assert seen["failed_meanwhile"] == 0
    document.refresh_from_db()
    assert document.status == Document.Status.READY
