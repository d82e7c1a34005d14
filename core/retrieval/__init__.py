"""Hybrid retrieval as a plain library: the caller resolves the ``Scope`` (which
corpora and documents) and passes a ``ChunkLookup`` (which document a chunk is in,
what a live chunk reads as). Readers and permissions live in ``core.corpora``,
whose ``retrieve(query, user=...)`` is the one function apps call.

``search_passages(query, *, scope, chunks, k=8, mode="hybrid") -> list[Passage]``
"""

from __future__ import annotations

from core.exports import lazy_exports
from core.retrieval.chunks import ChunkLookup
from core.retrieval.passages import Passage
from core.retrieval.scope import Scope

_NAMES = {
    "get_embedder": "core.retrieval.embedder",
    "on_reference_scale": "core.retrieval.dense_scale",
    "reads_across_languages": "core.retrieval.embedder",
    "SearchUnavailable": "core.retrieval.vectorstore",
    "search_passages": "core.retrieval.search",
}
__all__ = ["ChunkLookup", "Passage", "Scope", *_NAMES]
__getattr__ = lazy_exports(__name__, _NAMES)
