"""Hybrid search over chunk ids: dense (Chroma) and lexical (tantivy BM25)
candidates, fused by a convex combination of normalised scores, optionally reranked, then
hydrated from the database so only live chunks of ready documents come back."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Literal

from django.conf import settings

from core.retrieval import lexical, vectorstore
from core.retrieval.fusion import convex_combination
from core.retrieval.passages import Passage

log = logging.getLogger(__name__)
Mode = Literal["hybrid", "dense", "lexical"]

# Each list contributes this many candidates before fusion; deeper lists let
# a passage ranked moderately by both methods rise above one ranked by one.
CANDIDATES = 50
# Weights of the max-normalised dense and lexical scores in the fused score.
FUSION_WEIGHTS = (0.5, 0.5)


def _dense(
    query: str, corpus_ids: Sequence[int], limit: int, document_ids: set[int] | None
) -> list[tuple[int, float]]:
    from core.retrieval.embedder import get_embedder

    vector = get_embedder().embed_query(query)
    return vectorstore.search(vector, corpus_ids=corpus_ids, limit=limit, document_ids=document_ids)


def ranked_chunk_ids(
    query: str,
    *,
    corpus_ids: Sequence[int],
    mode: Mode = "hybrid",
    limit: int = CANDIDATES,
    document_ids: set[int] | None = None,
) -> tuple[list[int], dict[int, dict[str, float]]]:
    """Chunk ids best first, with each id's scores (dense, lexical, fused)."""
    scores: dict[int, dict[str, float]] = {}
    dense_hits = lexical_hits = []
    if mode in ("hybrid", "dense"):
        dense_hits = _dense(query, corpus_ids, limit, document_ids)
    if mode in ("hybrid", "lexical"):
        lexical_hits = lexical.search(
            query, corpus_ids=corpus_ids, limit=limit, document_ids=document_ids
        )
    for chunk_id, score in dense_hits:
        scores.setdefault(chunk_id, {})["dense"] = score
    for chunk_id, score in lexical_hits:
        scores.setdefault(chunk_id, {})["lexical"] = score
    if mode == "dense":
        order = [c for c, _ in dense_hits]
    elif mode == "lexical":
        order = [c for c, _ in lexical_hits]
    else:
        fused = convex_combination([dense_hits, lexical_hits], weights=FUSION_WEIGHTS)
        for chunk_id, score in fused:
            scores[chunk_id]["fused"] = score
        order = [c for c, _ in fused]
    return order, scores


def _hydrate(
    order: Sequence[int], scores: dict[int, dict[str, float]], document_ids: set[int] | None
) -> list[Passage]:
    from core.corpora.models import Chunk

    rows = Chunk.objects.filter(pk__in=list(order), live=True).select_related("document", "corpus")
    by_id = {row.pk: row for row in rows}
    passages = []
    for chunk_id in order:
        row = by_id.get(chunk_id)
        if row is None or (document_ids is not None and row.document_id not in document_ids):
            continue
        s = scores.get(chunk_id, {})
        passages.append(
            Passage(
                chunk_id=row.pk,
                text=row.text,
                document_id=row.document_id,
                document_title=row.document.title,
                corpus_slug=row.corpus.slug,
                heading=row.heading or (f"page {row.page}" if row.page else ""),
                page=row.page,
                start=row.start,
                end=row.end,
                source_url=row.document.source_url,
                licence=row.document.licence,
                attribution=row.document.attribution,
                scores={
                    "dense": s.get("dense"),
                    "lexical": s.get("lexical"),
                    "fused": s.get("fused", s.get("dense", s.get("lexical"))),
                },
            )
        )
    return passages


def search_passages(
    query: str,
    *,
    corpus_ids: Sequence[int],
    k: int = 8,
    mode: Mode = "hybrid",
    document_ids: set[int] | None = None,
) -> list[Passage]:
    """The best ``k`` live passages of the given corpora."""
    started = time.perf_counter()
    if not query.strip() or not corpus_ids:
        return []
    if document_ids is not None and not document_ids:
        return []
    order, scores = ranked_chunk_ids(
        query,
        corpus_ids=corpus_ids,
        mode=mode,
        limit=max(CANDIDATES, k * 4),
        document_ids=document_ids,
    )
    passages = _hydrate(order, scores, document_ids)
    if settings.RERANKER and mode == "hybrid":
        from core.retrieval.rerank import rerank

        passages = rerank(query, passages)
    log.debug("search %s %.1f ms", mode, (time.perf_counter() - started) * 1000)
    return passages[:k]
