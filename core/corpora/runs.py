"""Ingestion is a run kind: ``corpora.ingest`` reads one document through the
pipeline, its stages shown as steps on the run page. The engine claims the run,
keeps its heartbeat and maps how it stopped; the document keeps its own status,
stage and progress for the corpus pages, and ``on_finished`` brings it in line
when the run did not succeed (failed, cancelled, or reaped after its worker died)."""

from __future__ import annotations

from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.corpora.ingestion import failures, pipeline
from core.corpora.ingestion.errors import IngestionError
from core.corpora.models import Document
from core.runs.context import Outcome, RunContext
from core.runs.engine import WORKER_DIED
from core.runs.models import Run
from core.runs.registry import run_kind
from core.runs.step_words import add_words
from core.steps.events import Stopped

__all__ = ["KIND", "ingest", "ingestion_finished", "WORKER_DIED_ON_DOCUMENT", "CANCELLED"]

KIND = "corpora.ingest"
DELETED = failures.DELETED
# What the corpus page says (the run page's own sentence refers to its steps).
WORKER_DIED_ON_DOCUMENT = failures.WORKER_DIED
TOO_SLOW = failures.TOO_SLOW
CANCELLED = failures.CANCELLED
NEWER_RUN = gettext_noop("A newer run reads this document; this one did nothing.")
# Why a run stopped, read back in the reader's language on the run page too.
add_words(texts=failures.SENTENCES, progress=[NEWER_RUN])


def ingestion_finished(run: Run) -> None:
    """A run that did not succeed leaves its document failed with a sentence, unless
    a newer run has the document or this run had already made it ready."""
    if run.status == Run.Status.SUCCEEDED:
        return
    if run.status == Run.Status.CANCELLED:
        error = CANCELLED
    elif run.error == WORKER_DIED:
        error = WORKER_DIED_ON_DOCUMENT
    else:
        error = run.error or WORKER_DIED_ON_DOCUMENT
    documents = Document.objects.filter(pk=(run.inputs or {}).get("document_id"), run_id=run.pk)
    if run.started_at is not None:  # it died after the swap: the document is ready
        documents = documents.exclude(status=Document.Status.READY, ingested_at__gte=run.started_at)
    documents.update(
        status=Document.Status.FAILED, error=error, stage=gettext_noop("Failed"), progress=0
    )


@run_kind(KIND, on_finished=ingestion_finished, title=_("Reading a document into the library"))
def ingest(ctx: RunContext) -> Outcome:
    """Inputs ``{"document_id": N}``: read, split, embed and index that document."""
    document_id = int(ctx.inputs["document_id"])
    document = Document.objects.select_related("corpus").filter(pk=document_id).first()
    if document is None:
        raise Stopped(DELETED)
    # Only the document's latest run reads it: an older one (superseded by a retry) stops.
    claimed = Document.objects.filter(pk=document_id, run_id=ctx.run.pk).update(
        status=Document.Status.INGESTING, error="", stage=gettext_noop("Starting"), progress=0
    )
    if not claimed:
        return Outcome(
            {"document_id": document_id, "skipped": True},
            NEWER_RUN,
        )
    document.refresh_from_db()
    try:
        document = pipeline.run(document, ctx, check_cancelled=ctx.check_cancelled)
    except IngestionError as exc:
        raise Stopped(exc.message) from exc
    except SoftTimeLimitExceeded as exc:  # the corpus page says what to do about it
        raise Stopped(TOO_SLOW) from exc
    return Outcome(
        {
            "document_id": document.pk,
            "kind": document.kind,
            "chunks": document.chunk_count,
            "pages": document.page_count,
            "notes": document.notes,
            "timings_ms": document.timings_ms,
        },
        f"“{document.title}” is searchable: {document.chunk_count} passages.",
    )
