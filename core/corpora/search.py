"""Search the corpora: the reader's scope is resolved here, the chunks are read
from the database here, and the ranking is retrieval's."""

from __future__ import annotations

from collections.abc import Iterable

from core.corpora.chunk_lookup import LiveChunks
from core.corpora.scope import resolve_scope, scope_of
from core.retrieval import Passage, search_passages
from core.retrieval.search import Mode


def retrieve(
    query: str, *, user, corpora=None, k: int = 8, filters: dict | None = None
) -> list[Passage]:
    """The ``k`` best passages for ``query`` from the corpora ``user`` may read.

    ``corpora``: Corpus objects or slugs (None: every corpus the user may read);
    corpora the user may not read are left out silently. ``user=None`` is for
    system jobs only and then ``corpora`` is required. ``filters`` narrows to
    documents: ``document_ids``, ``language``, ``kind`` (pdf, docx, html,
    markdown, text, csv) or ``filenames``.
    """
    scope = resolve_scope(user=user, corpora=corpora, filters=filters)
    return search_passages(query, scope=scope, chunks=LiveChunks(), k=k)


def search_corpora(
    query: str, *, corpus_ids: Iterable[int], k: int = 8, mode: Mode = "hybrid"
) -> list[Passage]:
    """The best ``k`` live passages of these corpora, whoever may read them: for
    evaluations, benchmarks and system jobs that chose their corpora already."""
    return search_passages(query, scope=scope_of(corpus_ids), chunks=LiveChunks(), k=k, mode=mode)
