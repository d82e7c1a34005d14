"""Dense cosines on one scale. A corpus in Hindi or Bengali is searched with the
multilingual e5, whose cosines run higher than the bundled MiniLM's for any text;
what reads a cosine as evidence (Ask's answerability, fitted on MiniLM's) gets
those passages measured again with the configured embedder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from core.retrieval.embedder import get_embedder
from core.retrieval.passages import Passage


def on_reference_scale(question: str, passages: Sequence[Passage]) -> list[Passage]:
    """``passages`` with every dense score from another embedder replaced by the
    configured embedder's cosine to ``question`` (the order is kept)."""
    others = [i for i, p in enumerate(passages) if p.dense_by]
    if not others:
        return list(passages)
    embedder = get_embedder()
    vectors = np.asarray(
        embedder.embed_documents([question, *[passages[i].text for i in others]]), dtype=np.float32
    )
    cosines = vectors[1:] @ vectors[0]
    out = list(passages)
    for i, cosine in zip(others, cosines, strict=True):
        out[i] = replace(out[i], scores={**out[i].scores, "dense": float(cosine)}, dense_by="")
    return out
