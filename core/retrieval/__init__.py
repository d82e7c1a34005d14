"""Permission-aware hybrid retrieval: the one function apps call.

``retrieve(query, *, user, corpora=None, k=8, filters=None) -> list[Passage]``
"""

from __future__ import annotations

from core.exports import lazy_exports
from core.retrieval.passages import Passage

_NAMES = {
    "get_embedder": "core.retrieval.embedder",
    "SearchUnavailable": "core.retrieval.vectorstore",
}
__all__ = ["Passage", "retrieve", *_NAMES]
__getattr__ = lazy_exports(__name__, _NAMES)


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
    from core.retrieval.scope import resolve_scope
    from core.retrieval.search import search_passages

    corpus_ids, document_ids = resolve_scope(user=user, corpora=corpora, filters=filters)
    return search_passages(query, corpus_ids=corpus_ids, k=k, document_ids=document_ids)
