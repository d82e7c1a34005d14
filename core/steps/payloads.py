"""The data of each step kind, built in one place so every job records the same shape."""

from __future__ import annotations

from collections.abc import Sequence

from core.retrieval.passages import Passage

__all__ = ["hit_record", "passage_record", "retrieval_data", "sources_data", "citations_data"]

SNIPPET_CHARS = 240


def hit_record(passage: Passage) -> dict:
    """One retrieval hit as a retrieval step shows it."""
    return {
        "document_title": passage.document_title,
        "heading": passage.heading,
        "corpus_slug": passage.corpus_slug,
        "page": passage.page,
        "scores": dict(passage.scores or {}),
        "snippet": (passage.text or "")[:SNIPPET_CHARS],
    }


def retrieval_data(query: str, passages: Sequence[Passage], *, corpora=None) -> dict:
    return {
        "query": query[:500],
        "corpora": corpora or "all you can read",
        "hits": [hit_record(p) for p in passages],
    }


def passage_record(number: int, passage: Passage) -> dict:
    """A passage as the model saw it, numbered from 1 (what ``[n]`` points to)."""
    return {
        "n": number,
        "chunk_id": passage.chunk_id,
        "document_id": passage.document_id,
        "document_title": passage.document_title,
        "corpus_slug": passage.corpus_slug,
        "heading": passage.heading,
        "page": passage.page,
        "start": passage.start,
        "end": passage.end,
        "source_url": passage.source_url,
        "licence": passage.licence,
        "scores": dict(passage.scores or {}),
        "text": passage.text or "",
    }


def sources_data(records: Sequence[dict], left_out: int = 0) -> dict:
    return {"passages": list(records), "left_out": left_out}


def citations_data(cited: Sequence[int], invalid: Sequence[int], sources: int) -> dict:
    return {
        "cited": list(cited),
        "invalid": list(invalid),
        "sources": sources,
        "uncited": not cited and not invalid,
    }
