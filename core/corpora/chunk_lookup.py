"""The chunk table as retrieval's ``ChunkLookup``: which document a chunk is in,
and the passage a live chunk reads as, with its document's source details."""

from __future__ import annotations

from collections.abc import Sequence

from core.corpora.models import Chunk
from core.retrieval import Passage

_ROW_FIELDS = (
    "pk",
    "text",
    "document_id",
    "heading",
    "page",
    "start",
    "end",
    "document__title",
    "document__source_url",
    "document__licence",
    "document__attribution",
    "corpus__slug",
)


class LiveChunks:
    """Reads ``Chunk`` rows one query per call."""

    def document_ids(self, chunk_ids: Sequence[int]) -> dict[int, int]:
        rows = Chunk.objects.filter(pk__in=list(chunk_ids)).values_list("pk", "document_id")
        return dict(rows)

    def passages(self, chunk_ids: Sequence[int]) -> dict[int, Passage]:
        rows = Chunk.objects.filter(pk__in=list(chunk_ids), live=True).values(*_ROW_FIELDS)
        return {row["pk"]: _passage(row) for row in rows}


def _passage(row: dict) -> Passage:
    return Passage(
        chunk_id=row["pk"],
        text=row["text"],
        document_id=row["document_id"],
        document_title=row["document__title"],
        corpus_slug=row["corpus__slug"],
        heading=row["heading"] or (f"page {row['page']}" if row["page"] else ""),
        page=row["page"],
        start=row["start"],
        end=row["end"],
        source_url=row["document__source_url"],
        licence=row["document__licence"],
        attribution=row["document__attribution"],
    )
