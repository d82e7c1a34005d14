"""Writes for corpora: create, upload, ingest, retry, re-index, delete."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import PurePath

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from core.corpora.ingestion import pipeline
from core.corpora.ingestion.sniff import check_size
from core.corpora.models import Chunk, Corpus, Document
from core.corpora.runs import KIND
from core.runs.models import Run


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


def _run_inputs(document: Document) -> dict:
    # "title" names the run on the run page and in the list of runs
    return {"document_id": document.pk, "title": f"Reading “{document.title}”"}


def _enqueue(document: Document) -> Run:
    """Start an ingestion run for ``document`` and make it the document's run. Its
    task is sent after commit; a broker that is down leaves the run queued with a
    message saying so, and ``core.runs.services.reap`` sends it again later."""
    from core.runs.services import start_run

    with transaction.atomic():  # the task is sent only once the document points to its run
        run = start_run(document.uploaded_by, KIND, _run_inputs(document), rate_limited=False)
        Document.objects.filter(pk=document.pk).update(run=run)
    document.run = run
    return run


def _active_run(document: Document) -> Run | None:
    """The document's run if it is still queued or running (read fresh)."""
    if document.run_id is None:
        return None
    run = Run.objects.filter(pk=document.run_id).first()
    return run if run is not None and not run.is_finished else None


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
            _enqueue(document)
    return document


def ingest_document(document_id: int) -> Document:
    """Read one document now, in this process (commands, demo data, evaluations,
    and the old ``corpora.ingest_document`` task): its queued run, or a new one,
    is executed inline by the runs engine, so its steps are on the run page too.

    Idempotent: a document already ready with the current embedder, or being read
    by a worker right now, is returned untouched. A failure leaves the document
    failed with a message a person can act on (the run's ``on_finished``).
    """
    from core.retrieval.embedder import embedder_id
    from core.runs.services import execute_run, run_inline

    document = Document.objects.get(pk=document_id)
    current = embedder_id(document.corpus.embedder)
    if document.status == Document.Status.READY and document.embedder_id == current:
        return document
    run = _active_run(document)
    if run is not None and run.status == Run.Status.RUNNING:
        return document
    if run is None:
        run_inline(
            document.uploaded_by,
            KIND,
            _run_inputs(document),
            message="Reading now…",
            on_created=lambda run: Document.objects.filter(pk=document.pk).update(run=run),
        )
    else:
        execute_run(run.pk)
    document.refresh_from_db()
    return document


def retry_document(document: Document) -> Run:
    """Read a failed document again in a new run. One whose run is still queued or
    running keeps that run (sent again if the broker had been down)."""
    from core.runs.services import reap

    run = _active_run(document)
    if run is not None:
        reap(run)
        return run
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.QUEUED, error="", progress=0, stage=gettext_noop("Queued again")
    )
    return _enqueue(document)


def reindex_corpus(corpus: Corpus) -> int:
    """Re-ingest every document (e.g. after changing the embedder). Ready
    documents stay searchable with their old chunks until their new ones swap in."""
    documents = list(corpus.documents.select_related("uploaded_by"))
    for document in documents:
        if _active_run(document) is not None:
            continue  # queued or being read: it reads the file afresh anyway
        Document.objects.filter(pk=document.pk).update(
            status=Document.Status.QUEUED,
            progress=0,
            stage=gettext_noop("Queued for re-indexing"),
            error="",
        )
        _enqueue(document)
    return len(documents)


def _cancel_ingestion(document: Document) -> None:
    from core.runs.services import cancel_run

    run = _active_run(document)
    if run is not None:
        cancel_run(run)


def delete_document(document: Document) -> None:
    """Delete a document, its file, its chunks and their index entries; its
    ingestion, if one is queued or running, is cancelled first."""
    _cancel_ingestion(document)
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
        _cancel_ingestion(document)
        document.file.delete(save=False)
    corpus.delete()
    vectorstore.drop_corpus(corpus_id)
    lexical.delete(corpus_ids=[corpus_id])
