"""What search needs to know about chunks it does not index itself: which
document each belongs to, and the passage a live chunk reads as. The caller
passes an object that answers both (``core.corpora.chunk_lookup.LiveChunks``
reads the database); retrieval never opens the chunk table itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from core.retrieval.passages import Passage


class ChunkLookup(Protocol):
    def document_ids(self, chunk_ids: Sequence[int]) -> dict[int, int]:
        """chunk id -> document id, for the chunks that exist."""
        ...

    def passages(self, chunk_ids: Sequence[int]) -> dict[int, Passage]:
        """chunk id -> its passage (without scores), for live chunks only."""
        ...
