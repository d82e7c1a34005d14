"""The ingestion pipeline for one document, as ordered small steps.

Each stage is one visible step (kind ``ingestion``, with its counts and time in
its data) on the ``Steps`` it is given, moves the job's progress, and is timed
into ``document.timings_ms``; the document's own ``stage`` and ``progress`` move
with it for the corpus pages. An ``IngestionError`` in any stage stops the
ingestion of this document with its message (the step shows it) and leaves the
rest of the corpus untouched. New chunks are written hidden and swapped in, with
the chunks of the previous version (or of the document this one replaces), in one
transaction; only then are stale vectors and lexical entries removed. Cost: about
1/24 s of CPU per 200-token chunk on 2 cores (the embedder), a few KB of memory
per chunk.

The pipeline knows nothing of runs: the ``corpora.ingest`` run kind passes its
RunContext as ``steps`` and its ``check_cancelled``; a script may pass nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
from django.db import transaction
from django.utils import timezone

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extract import extract
from core.corpora.ingestion.extracted import ChunkDraft, Extracted
from core.corpora.ingestion.sniff import sniff
from core.corpora.ingestion.split import split
from core.corpora.models import Chunk, Document
from core.retrieval import lexical, vectorstore
from core.retrieval.embedder import embedder_id, get_embedder
from core.retrieval.vectorstore import SearchUnavailable
from core.steps.events import NullSink, StepHandle, StepKind, Steps

log = logging.getLogger(__name__)
EMBED_BATCH = 32


def embedding_text(draft: ChunkDraft, title: str) -> str:
    """What the embedder and the lexical index see: the chunk with its place
    in the document, so a passage under "Inertia" is found by "inertia"."""
    context = " > ".join(part for part in (title, draft.heading) if part)
    return f"{context}\n{draft.text}" if context and context not in draft.text[:200] else draft.text


def _save(document: Document, **fields) -> None:
    for key, value in fields.items():
        setattr(document, key, value)
    document.save(update_fields=[*fields, "updated_at"])


class _Stages:
    """Moves the document and the job together through the stages."""

    def __init__(self, document: Document, steps: Steps, check_cancelled: Callable[[], None]):
        self.document, self.steps, self.check_cancelled = document, steps, check_cancelled

    def moved(self, percent: int, stage: str) -> None:
        _save(self.document, stage=stage, progress=percent)
        self.steps.progress(percent / 100, stage)

    @contextmanager
    def stage(self, name: str, title: str, percent: int) -> Iterator[StepHandle]:
        """One stage: a step titled ``title``; its data gets ``ms`` when it succeeds
        and ``error`` when an IngestionError stops it."""
        self.check_cancelled()
        self.moved(percent, title)
        started = time.perf_counter()
        with self.steps.step(StepKind.INGESTION, title) as step:
            try:
                yield step
            except IngestionError as exc:
                step.data["error"] = exc.message
                raise
            ms = round((time.perf_counter() - started) * 1000)
            step.data["ms"] = ms
        self.document.timings_ms[name] = ms


def _read(document: Document) -> bytes:
    try:
        with document.file.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError) as exc:
        raise IngestionError(failures.MISSING_FROM_STORAGE) from exc


def _embed(stages: _Stages, step: StepHandle, texts: list[str]) -> np.ndarray:
    embedder = get_embedder(stages.document.corpus.embedder)
    batches = []
    for first in range(0, len(texts), EMBED_BATCH):
        stages.check_cancelled()
        batches.append(embedder.encode(texts[first : first + EMBED_BATCH], batch_size=EMBED_BATCH))
        done = min(len(texts), first + EMBED_BATCH)
        stages.moved(30 + int(60 * done / len(texts)), f"Embedding: {done} of {len(texts)} chunks")
        step.data["embedded"] = done
        step.flush()
    return np.vstack(batches)


def _write_hidden_chunks(
    document: Document, drafts: list[ChunkDraft], texts: list[str], vectors: np.ndarray
) -> list[int]:
    rows = Chunk.objects.bulk_create(
        [
            Chunk(
                document=document,
                corpus_id=document.corpus_id,
                ordinal=i,
                text=d.text,
                heading=d.heading[:500],
                page=d.page,
                start=d.start,
                end=d.end,
                token_count=d.token_count,
                block_kind=d.block_kind,
                live=False,
            )
            for i, d in enumerate(drafts)
        ]
    )
    ids = [row.pk for row in rows]
    metadatas = [
        {"document_id": document.pk, "corpus_id": document.corpus_id, "ordinal": i}
        for i in range(len(ids))
    ]
    vectorstore.add(
        document.corpus_id,
        ids=ids,
        vectors=vectors,
        texts=texts,
        metadatas=metadatas,
        embedder=document.corpus.embedder,
    )
    lexical.add(
        lexical.LexicalEntry(
            chunk_id=i, document_id=document.pk, corpus_id=document.corpus_id, text=t
        )
        for i, t in zip(ids, texts, strict=True)
    )
    return ids


def remove_from_indexes(corpus_id: int, chunk_ids: list[int]) -> None:
    if chunk_ids:
        vectorstore.delete(corpus_id, chunk_ids=chunk_ids)
        lexical.delete(chunk_ids=chunk_ids)


def _swap_in(document: Document, new_ids: list[int], extracted: Extracted) -> list[int]:
    """Make the new chunks live and drop the old ones in one transaction;
    returns the ids of chunks whose index entries are now stale."""
    with transaction.atomic():
        old = Chunk.objects.filter(document=document).exclude(pk__in=new_ids)
        stale = list(old.values_list("pk", flat=True))
        replaced = document.replaces
        if replaced is not None:
            stale += list(replaced.chunks.values_list("pk", flat=True))
        old.delete()
        Chunk.objects.filter(pk__in=new_ids).update(live=True)
        _save(
            document,
            status=Document.Status.READY,
            progress=100,
            stage="Ready",
            error="",
            chunk_count=len(new_ids),
            embedder_id=embedder_id(document.corpus.embedder),
            ingested_at=timezone.now(),
            page_count=extracted.page_count,
            notes=extracted.notes,
            replaces=None,
            timings_ms=document.timings_ms,
        )
        if replaced is not None:
            replaced.file.delete(save=False)
            replaced.delete()
    return stale


def run(
    document: Document,
    steps: Steps | None = None,
    *,
    check_cancelled: Callable[[], None] = lambda: None,
) -> Document:
    """Ingest ``document`` (already marked ingesting), one step per stage on
    ``steps``; ``check_cancelled`` is called between stages and embedding batches
    and may raise to stop. Raises IngestionError; on any exception the new
    chunks are removed and the previous version stays searchable."""
    stages = _Stages(document, steps or Steps(NullSink()), check_cancelled)
    new_ids: list[int] = []
    document.timings_ms = {}
    try:
        with stages.stage("load_embedder", "Loading the embedding model", 1) as step:
            embedder = get_embedder(document.corpus.embedder)
            step.data = {"embedder": embedder_id(document.corpus.embedder)}
        extracted = _extract(stages, document)
        with stages.stage("split", "Splitting into passages", 20) as step:
            drafts = split(extracted, embedder.count_tokens)
            if not drafts:
                raise IngestionError(failures.NO_TEXT)
            step.data = {"passages": len(drafts), "tokens": sum(d.token_count for d in drafts)}
        # A title that is only the file name ("report-3.pdf") is noise to both indexes.
        title = document.title if document.title != document.filename else ""
        texts = [embedding_text(d, title) for d in drafts]
        with stages.stage("embed", f"Embedding {len(drafts)} chunks", 30) as step:
            step.data = {"chunks": len(texts), "batch": EMBED_BATCH, "embedded": 0}
            vectors = _embed(stages, step, texts)
        with stages.stage("index", "Writing the search indexes", 92) as step:
            new_ids = _write_hidden_chunks(document, drafts, texts, vectors)
            step.data = {"chunks": len(new_ids)}
        with stages.stage("swap", "Making it searchable", 98) as step:
            stale = _swap_in(document, new_ids, extracted)
            step.data = {"live passages": len(new_ids), "replaced passages": len(stale)}
    except BaseException:
        _discard(document, new_ids)
        raise
    remove_from_indexes(document.corpus_id, stale)
    stages.steps.progress(1.0, "Ready")
    log.info("ingested document %s: %s chunks, %s", document.pk, len(new_ids), document.timings_ms)
    return document


def _extract(stages: _Stages, document: Document) -> Extracted:
    """The stages that tell the file's type and take its text out."""
    with stages.stage("sniff", "Checking the file type", 2) as step:
        data = _read(document)
        step.data = {"file": document.filename, "bytes": len(data)}
        kind = sniff(data, document.filename)
        step.data["type"] = kind
        _save(document, kind=kind)
    with stages.stage("extract", "Extracting text", 8) as step:
        extracted = extract(kind, data)
        del data
        step.data = {"characters": len(extracted.text), "sections": len(extracted.sections)}
        if extracted.page_count is not None:
            step.data["pages"] = extracted.page_count
        if extracted.notes:
            step.data["notes"] = list(extracted.notes)
        if extracted.title and document.title == document.filename:
            _save(document, title=extracted.title[:300])
    return extracted


def _discard(document: Document, new_ids: list[int]) -> None:
    """Remove the chunks a failed ingestion wrote; the previous version stays."""
    if not new_ids:
        return
    Chunk.objects.filter(pk__in=new_ids).delete()
    try:
        remove_from_indexes(document.corpus_id, new_ids)
    except SearchUnavailable:  # their rows are gone: search never returns them
        log.warning("could not remove %s vectors of document %s", len(new_ids), document.pk)
