"""Writes for corpora: create, upload, ingest, retry, re-index, delete."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import PurePath

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from core.corpora.ingestion import pipeline
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.sniff import check_size
from core.corpora.models import Chunk, Corpus, Document
from core.heartbeat import Heartbeat

log = logging.getLogger(__name__)


def _unique_slug(base: str) -> str:
    base = slugify(base)[:90] or "corpus"
    slug, n = base, 2
    while Corpus.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_corpus(
    *,
    name: str,
    slug: str | None = None,
    description: str = "",
    language: str = "en",
    reader_roles: Iterable[str] = (),
    created_by=None,
) -> Corpus:
    """A new corpus readable by the named roles or groups (admins read all)."""
    corpus = Corpus.objects.create(
        name=name,
        slug=slug or _unique_slug(name),
        description=description,
        language=language,
        created_by=created_by,
    )
    set_readers(corpus, reader_roles)
    return corpus


def set_readers(corpus: Corpus, names: Iterable[str]) -> None:
    corpus.readers.set([Group.objects.get_or_create(name=name)[0] for name in names])


def _enqueue(document_id: int) -> None:
    from core.celery import try_publish
    from core.corpora.tasks import ingest_document_task

    def publish():
        if not try_publish(ingest_document_task, document_id):
            Document.objects.filter(pk=document_id, status=Document.Status.QUEUED).update(
                status=Document.Status.FAILED,
                error="The job queue could not be reached, so reading this file did not "
                "start. Press Retry when the service is back.",
            )

    transaction.on_commit(publish)


def add_document(
    corpus: Corpus,
    *,
    filename: str,
    data: bytes,
    title: str | None = None,
    source_url: str = "",
    licence: str = "",
    attribution: str = "",
    uploaded_by=None,
    language: str = "",
    enqueue: bool = True,
) -> Document:
    """Store an upload and enqueue its ingestion after commit.

    The same bytes twice in a corpus are one document (the existing one is
    returned). Changed bytes under a file name already in the corpus make a
    new document that replaces the old one once it is ready. A file over the
    size limit or empty raises IngestionError before anything is stored.
    ``enqueue=False`` leaves ingestion to the caller (commands that run inline).
    """
    check_size(len(data))
    filename = PurePath(filename.replace("\\", "/")).name[:255] or "upload"
    digest = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(corpus=corpus, sha256=digest).first()
    if existing is not None:
        return existing
    previous = (
        Document.objects.filter(corpus=corpus, filename=filename, status=Document.Status.READY)
        .order_by("-created_at")
        .first()
    )
    with transaction.atomic():
        document = Document(
            corpus=corpus,
            filename=filename,
            title=(title or filename)[:300],
            source_url=source_url,
            licence=licence,
            attribution=attribution,
            language=language or corpus.language,
            sha256=digest,
            size_bytes=len(data),
            uploaded_by=uploaded_by,
            replaces=previous,
        )
        document.file.save(filename, ContentFile(data), save=False)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:  # the same bytes arrived concurrently
            document.file.delete(save=False)
            return Document.objects.get(corpus=corpus, sha256=digest)
        if enqueue:
            _enqueue(document.pk)
    return document


def _claim(document_id: int) -> Document | None:
    """Mark the document ingesting unless another worker has it or it is done."""
    from core.retrieval.embedder import embedder_id

    document = Document.objects.select_related("corpus").filter(pk=document_id).first()
    if document is None:
        return None
    if document.status == Document.Status.READY and document.embedder_id == embedder_id():
        return None
    claimed = (
        Document.objects.filter(pk=document_id)
        .exclude(status=Document.Status.INGESTING)
        .update(status=Document.Status.INGESTING, error="")
    )
    if not claimed:
        return None
    document.refresh_from_db()
    return document


def ingest_document(document_id: int) -> Document:
    """Run the pipeline for one document synchronously (what the task calls).

    Idempotent: a document already ready with the current embedder, or being
    ingested by someone else, is returned untouched. A failure marks the
    document failed with a message a person can act on.
    """
    document = _claim(document_id)
    if document is None:
        return Document.objects.get(pk=document_id)
    beat = Heartbeat(
        lambda: Document.objects.filter(pk=document_id, status=Document.Status.INGESTING).update(
            updated_at=timezone.now()
        ),
        name=f"document-{document_id}-heartbeat",
    )
    try:
        with beat:
            return pipeline.run(document)
    except IngestionError as exc:
        _fail(document, exc.message)
    except SoftTimeLimitExceeded:
        _fail(
            document,
            "Ingestion took longer than the time limit and was stopped; split the file "
            "into smaller parts and upload them.",
        )
    except Exception:
        log.exception("ingestion of document %s failed", document_id)
        _fail(
            document,
            "Ingestion failed because of an internal error; an operator can find the "
            "details in the worker log. Retry it, or upload the file in another format.",
        )
    return document


def _fail(document: Document, message: str) -> None:
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.FAILED, error=message, stage="Failed", progress=0
    )
    document.refresh_from_db()


def retry_document(document: Document) -> None:
    """Queue a failed (or stuck) document again."""
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.QUEUED, error="", progress=0, stage="Queued again"
    )
    _enqueue(document.pk)


def reindex_corpus(corpus: Corpus) -> int:
    """Re-ingest every document (e.g. after changing the embedder). Ready
    documents stay searchable with their old chunks until their new ones swap in."""
    ids = list(corpus.documents.values_list("pk", flat=True))
    Document.objects.filter(pk__in=ids).update(
        status=Document.Status.QUEUED, progress=0, stage="Queued for re-indexing", error=""
    )
    for document_id in ids:
        _enqueue(document_id)
    return len(ids)


def delete_document(document: Document) -> None:
    """Delete a document, its file, its chunks and their index entries."""
    corpus_id, document_id = document.corpus_id, document.pk
    chunk_ids = list(Chunk.objects.filter(document=document).values_list("pk", flat=True))
    document.file.delete(save=False)
    document.delete()
    pipeline.remove_from_indexes(corpus_id, chunk_ids)
    from core.retrieval import lexical, vectorstore

    vectorstore.delete(corpus_id, document_id=document_id)
    lexical.delete(document_ids=[document_id])


def delete_corpus(corpus: Corpus) -> None:
    """Delete a corpus with its documents, files, vectors and lexical entries."""
    from core.retrieval import lexical, vectorstore

    corpus_id = corpus.pk
    for document in corpus.documents.all():
        document.file.delete(save=False)
    corpus.delete()
    vectorstore.drop_corpus(corpus_id)
    lexical.delete(corpus_ids=[corpus_id])
