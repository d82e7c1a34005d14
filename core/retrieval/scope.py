"""What one search may look at, decided by the caller before it searches.

Retrieval knows nothing of readers or permissions: the corpora package works out
which corpora and documents a reader may see (``core.corpora.scope``) and hands
the answer in as a ``Scope``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Corpus ids to search and, when not None, the only document ids to keep
    (an empty set keeps nothing)."""

    corpus_ids: tuple[int, ...]
    document_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, corpus_ids: Iterable[int], document_ids: Iterable[int] | None = None) -> Scope:
        documents = None if document_ids is None else frozenset(int(d) for d in document_ids)
        return cls(tuple(sorted({int(c) for c in corpus_ids})), documents)

    @property
    def empty(self) -> bool:
        return not self.corpus_ids or (self.document_ids is not None and not self.document_ids)
