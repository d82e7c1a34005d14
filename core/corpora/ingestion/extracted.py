"""Typed results passed between ingestion steps."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """A run of the extracted text under one heading path or on one page."""

    start: int
    end: int
    heading: str = ""
    page: int | None = None
    kind: str = "prose"  # its block kind (core.corpora.ingestion.blocks)


@dataclass
class Extracted:
    text: str
    sections: list[Section]
    title: str = ""
    page_count: int | None = None
    notes: list[str] = field(default_factory=list)  # told to the person, e.g. image-only pages


@dataclass
class ChunkDraft:
    text: str
    start: int
    end: int
    heading: str
    page: int | None
    token_count: int
    block_kind: str = "prose"
