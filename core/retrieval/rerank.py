"""Optional cross-encoder reranking (settings.RERANKER: a local model path).
Off by default: no reranker is bundled."""

from __future__ import annotations

import threading
from functools import cache

from django.conf import settings

from core.retrieval.passages import Passage

_lock = threading.Lock()
RERANK_DEPTH = 30


@cache
def _cross_encoder(location: str):
    from sentence_transformers import CrossEncoder

    return CrossEncoder(location, device="cpu")


def rerank(query: str, passages: list[Passage]) -> list[Passage]:
    """Reorder the first RERANK_DEPTH passages by the cross-encoder's score."""
    head, tail = passages[:RERANK_DEPTH], passages[RERANK_DEPTH:]
    if not head:
        return passages
    with _lock:
        model = _cross_encoder(settings.RERANKER)
    scores = model.predict([(query, p.text) for p in head])
    for passage, score in zip(head, scores, strict=True):
        passage.scores["rerank"] = float(score)
    head.sort(key=lambda p: p.scores["rerank"], reverse=True)
    return head + tail
