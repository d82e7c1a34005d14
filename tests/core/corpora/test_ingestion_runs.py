"""Ingestion is the ``corpora.ingest`` run kind: each stage a step on the run, the
document kept in line by the run's end (failed, cancelled, reaped), a broker that
is down leaving it queued, retry and re-index starting new runs, the old task name
still draining. The pipeline embeds with a fake embedder here (no model load)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.corpora import runs as ingestion_runs
from core.corpora import services
from core.corpora.ingestion import pipeline
from core.corpora.models import Document
from core.runs.models import Run
from core.runs.services import QUEUE_DOWN, cancel_run, reap
from core.steps.events import ListSink, Steps

pytestmark = pytest.mark.django_db

CHAPTER = b"# Forces\n\nA force is a push or pull.\n\n## Inertia\n\nA body at rest stays at rest.\n"
STAGES = [
    "Loading the embedding model",
    "Checking the file type",
    "Extracting text",
    "Splitting into passages",
    "Embedding 2 chunks",
    "Writing the search indexes",
    "Making it searchable",
]


@pytest.fixture
def corpus(cast):
    return services.create_corpus(
        name="Physics", reader_roles=["teacher"], created_by=cast["corpusadmin"]
    )


@pytest.fixture
def broker(monkeypatch):
    """What was published (task name, args); ``broker.down = True`` refuses."""

    class Broker:
        down = False
        sent: list = []

        def publish(self, task, *args, **options):
            if self.down:
                return False
            self.sent.append((task.name, list(args)))
            return True

    fake = Broker()
    fake.sent = []
    monkeypatch.setattr("core.celery.try_publish", fake.publish)
    return fake


def test_an_upload_is_read_by_a_run_with_one_step_per_stage(corpus, ingest, fake_embedder, cast):
    document = ingest(corpus, "forces.md", CHAPTER, uploaded_by=cast["corpusadmin"])
    assert document.status == Document.Status.READY, document.error
    run = document.run
    assert run.kind == "corpora.ingest" and run.status == Run.Status.SUCCEEDED
    assert run.user == cast["corpusadmin"] and run.inputs["document_id"] == document.pk
    assert run.progress == 1.0 and "2 passages" in run.message
    assert run.result["chunks"] == document.chunk_count == 2
    steps = list(run.steps.order_by("ordinal"))
    assert [s.title for s in steps] == STAGES
    assert {s.kind for s in steps} == {"ingestion"} and {s.status for s in steps} == {"succeeded"}
    by_title = {s.title: s.data for s in steps}
    assert by_title["Checking the file type"]["type"] == "markdown"
    assert by_title["Splitting into passages"]["passages"] == 2
    assert by_title["Embedding 2 chunks"]["embedded"] == 2
    assert all("ms" in s.data and s.duration_ms is not None for s in steps)
    assert set(document.timings_ms) >= {"sniff", "extract", "split", "embed", "index"}
    assert document.stage == "Ready" and document.progress == 100


def test_the_run_page_shows_the_ingestion_steps(corpus, ingest, fake_embedder, cast, client_for):
    document = ingest(corpus, "forces.md", CHAPTER, uploaded_by=cast["corpusadmin"])
    page = client_for(cast["corpusadmin"]).get(reverse("runs:detail", args=[document.run_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reading “forces.md”" in html  # named by the document's title when it started
    assert all(title in html for title in STAGES)


def test_a_bad_file_fails_its_run_and_its_document_with_the_same_sentence(
    corpus, ingest, fake_embedder
):
    document = ingest(corpus, "photo.txt", bytes(range(256)) * 8)
    assert document.status == Document.Status.FAILED and "binary" in document.error
    run = document.run
    assert run.status == Run.Status.FAILED and run.error == document.error
    failed = run.steps.get(status="failed")
    assert failed.title == "Checking the file type" and failed.data["error"] == document.error
    assert document.stage == "Failed" and document.chunks.count() == 0


def test_the_pipeline_writes_its_steps_to_any_sink_without_a_run(corpus, fake_embedder):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER, enqueue=False)
    sink = ListSink()
    pipeline.run(document, Steps(sink))
    document.refresh_from_db()
    assert document.status == Document.Status.READY and document.run is None
    assert [s["title"] for s in sink.steps()] == STAGES


def test_a_broker_that_is_down_leaves_the_document_queued_until_it_is_back(
    corpus, broker, fake_embedder, django_capture_on_commit_callbacks, cast, client_for
):
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    document.refresh_from_db()
    assert document.status == Document.Status.QUEUED and document.error == ""
    assert document.run.status == Run.Status.QUEUED and document.run.message == QUEUE_DOWN
    fragment = (
        client_for(cast["corpusadmin"])
        .get(reverse("corpora:documents", args=[corpus.slug]))
        .content.decode()
    )
    assert "Queued" in fragment and "cannot be reached right now" in fragment
    assert "hx-trigger" in fragment  # the table keeps polling

    broker.down = False
    Run.objects.filter(pk=document.run_id).update(updated_at=timezone.now() - timedelta(minutes=1))
    reap()  # what the corpus pages, the run page and each starting worker call
    assert broker.sent == [("core.runs.tasks.execute_run_task", [str(document.run_id)])]
    services.ingest_document(document.pk)  # the worker that gets it, here inline
    document.refresh_from_db()
    assert document.status == Document.Status.READY and document.run.attempts == 1


def test_retry_reads_a_failed_document_again_in_a_new_run(
    corpus, ingest, fake_embedder, django_capture_on_commit_callbacks, monkeypatch
):
    from core.corpora.ingestion.errors import IngestionError

    def unreadable(kind, data):
        raise IngestionError("The file could not be read just now.")

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "extract", unreadable)
        document = ingest(corpus, "forces.md", CHAPTER)
    assert document.status == Document.Status.FAILED and "just now" in document.error
    first = document.run_id
    with django_capture_on_commit_callbacks(execute=True):
        run = services.retry_document(document)
    document.refresh_from_db()
    assert run.pk != first and document.run_id == run.pk
    assert document.status == Document.Status.READY, document.error
    assert Run.objects.get(pk=first).status == Run.Status.FAILED  # the old run is kept


def test_retry_keeps_a_run_that_is_still_queued(corpus, broker):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    queued = document.run
    assert services.retry_document(document).pk == queued.pk
    assert Run.objects.filter(kind="corpora.ingest").count() == 1


def test_reindexing_starts_a_run_per_document_not_already_being_read(
    corpus, ingest, fake_embedder, broker
):
    broker.down = True  # nothing runs: the runs stay queued
    ready = services.add_document(corpus, filename="a.md", data=CHAPTER, enqueue=False)
    services.ingest_document(ready.pk)
    waiting = services.add_document(corpus, filename="b.md", data=b"# B\n\nbeta")
    before = {ready.pk: Document.objects.get(pk=ready.pk).run_id, waiting.pk: waiting.run_id}
    assert services.reindex_corpus(corpus) == 2
    ready.refresh_from_db()
    waiting.refresh_from_db()
    assert ready.run_id != before[ready.pk] and ready.status == Document.Status.QUEUED
    assert ready.stage == "Queued for re-indexing" and ready.run.kind == "corpora.ingest"
    assert waiting.run_id == before[waiting.pk]  # its queued run reads it afresh anyway


def test_a_cancelled_ingestion_leaves_the_document_failed_with_a_sentence(corpus, broker):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    cancel_run(document.run)
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert document.error == ingestion_runs.CANCELLED


def test_a_run_superseded_by_a_newer_one_neither_reads_nor_fails_the_document(
    corpus, broker, fake_embedder
):
    from core.runs.services import execute_run

    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    old = document.run
    services._enqueue(document)  # a newer run for the same document
    execute_run(old.pk)
    old.refresh_from_db()
    document.refresh_from_db()
    assert old.status == Run.Status.SUCCEEDED and old.result["skipped"]
    assert document.status == Document.Status.QUEUED and not old.steps.exists()
    Run.objects.filter(pk=old.pk).update(status=Run.Status.FAILED, error="Something broke.")
    ingestion_runs.ingestion_finished(Run.objects.get(pk=old.pk))
    document.refresh_from_db()
    assert document.status == Document.Status.QUEUED


def test_a_document_deleted_before_its_run_started_fails_the_run_plainly(corpus, broker):
    from core.runs.services import execute_run

    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    run = document.run
    Document.objects.filter(pk=document.pk).delete()
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == Run.Status.FAILED and run.error == ingestion_runs.DELETED


def test_deleting_a_document_cancels_its_queued_run(corpus, broker):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    run = document.run
    services.delete_document(document)
    run.refresh_from_db()
    assert run.status == Run.Status.CANCELLED and not Document.objects.exists()


def test_the_old_task_name_still_ingests_a_document_sent_before_runs(corpus, fake_embedder):
    from core.celery import app
    from core.corpora.tasks import ingest_document_task

    assert ingest_document_task.name == "corpora.ingest_document" in app.tasks
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER, enqueue=False)
    assert ingest_document_task.delay(document.pk).get() == Document.Status.READY
    document.refresh_from_db()
    assert document.run.status == Run.Status.SUCCEEDED and document.chunk_count == 2
    # a second message for the same document is a no-op
    assert ingest_document_task.delay(document.pk).get() == Document.Status.READY
    assert Run.objects.filter(kind="corpora.ingest").count() == 1


def test_inline_ingestion_executes_the_queued_run_once(corpus, broker, fake_embedder):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    queued = document.run_id
    document = services.ingest_document(document.pk)
    assert document.status == Document.Status.READY and document.run_id == queued
    services.ingest_document(document.pk)
    assert Run.objects.get(pk=queued).attempts == 1


def test_inline_ingestion_leaves_a_document_a_worker_is_reading(corpus, broker):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    Run.objects.filter(pk=document.run_id).update(
        status=Run.Status.RUNNING, heartbeat_at=timezone.now()
    )
    Document.objects.filter(pk=document.pk).update(status=Document.Status.INGESTING)
    assert services.ingest_document(document.pk).status == Document.Status.INGESTING
    assert Run.objects.filter(kind="corpora.ingest").count() == 1


def test_the_documents_table_links_to_runs_its_viewer_may_see(corpus, cast, client_for, broker):
    old = Document.objects.create(  # ingested before ingestion was a run
        corpus=corpus, filename="old.md", title="Old", sha256="o" * 64, status="ready"
    )
    mine = services.add_document(
        corpus, filename="mine.md", data=CHAPTER, uploaded_by=cast["teacher"]
    )
    url = reverse("corpora:documents", args=[corpus.slug])
    admin_page = client_for(cast["corpusadmin"]).get(url).content.decode()
    link = reverse("runs:detail", args=[mine.run_id])
    assert "Old" in admin_page and link in admin_page and admin_page.count("/runs/") == 1
    corpus.managers.add(cast["engineer"])  # a manager who did not upload it
    assert link not in client_for(cast["engineer"]).get(url).content.decode()
    corpus.managers.add(cast["teacher"])
    assert link in client_for(cast["teacher"]).get(url).content.decode()
    assert old.run is None


def test_busy_jobs_counts_running_runs_with_a_fresh_heartbeat_only(corpus, broker):
    from core.jobs import busy_jobs

    document = services.add_document(corpus, filename="forces.md", data=CHAPTER)
    Document.objects.filter(pk=document.pk).update(status=Document.Status.INGESTING)
    assert busy_jobs() == 0  # a document's own fields are no sign of life
    Run.objects.filter(pk=document.run_id).update(
        status=Run.Status.RUNNING, heartbeat_at=timezone.now()
    )
    assert busy_jobs() == 1


def test_the_migration_fails_ingestions_left_without_a_run(corpus):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("core.corpora.migrations.0002_document_run")
    stuck = Document.objects.create(
        corpus=corpus, filename="a.md", title="a", sha256="a" * 64, status="ingesting"
    )
    done = Document.objects.create(
        corpus=corpus, filename="b.md", title="b", sha256="b" * 64, status="ready"
    )
    migration.fail_ingestions_without_a_run(apps, None)
    stuck.refresh_from_db()
    done.refresh_from_db()
    assert stuck.status == "failed" and "Retry it" in stuck.error and done.status == "ready"
