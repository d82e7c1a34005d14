"""What retrieval returns to the apps (no Django imports: safe anywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Passage:
    chunk_id: int
    text: str
    document_id: int
    document_title: str
    corpus_slug: str
    heading: str  # heading path ("A > B") or "page N"
    page: int | None
    start: int
    end: int
    source_url: str
    licence: str
    scores: dict[str, float | None] = field(default_factory=dict)  # dense, lexical, fused
    attribution: str = ""
    # The embedder whose cosine ``scores["dense"]`` is, where not settings.EMBEDDER
    # (a corpus in another language, see embedder.embedder_for_language).
    dense_by: str = ""

    @property
    def where(self) -> str:
        """A short human locator: "page 3" or the heading path."""
        return self.heading or (f"page {self.page}" if self.page else "")
