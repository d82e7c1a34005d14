"""What one search may look at, decided by the caller before it searches.

Retrieval knows nothing of readers or permissions: the corpora package works out
which corpora and documents a reader may see (``core.corpora.scope``) and hands
the answer in as a ``Scope``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Corpus ids to search and, when not None, the only document ids to keep
    (an empty set keeps nothing); ``embedders`` pairs a corpus id with the
    embedder its vectors came from, where that is not ``settings.EMBEDDER``."""

    corpus_ids: tuple[int, ...]
    document_ids: frozenset[int] | None = None
    embedders: tuple[tuple[int, str], ...] = ()

    @classmethod
    def of(
        cls,
        corpus_ids: Iterable[int],
        document_ids: Iterable[int] | None = None,
        embedders: Mapping[int, str] | None = None,
    ) -> Scope:
        documents = None if document_ids is None else frozenset(int(d) for d in document_ids)
        ids = tuple(sorted({int(c) for c in corpus_ids}))
        chosen = tuple(sorted((int(c), e) for c, e in (embedders or {}).items() if int(c) in ids))
        return cls(ids, documents, chosen)

    @property
    def empty(self) -> bool:
        return not self.corpus_ids or (self.document_ids is not None and not self.document_ids)

    def by_embedder(self, default: str) -> dict[str, tuple[int, ...]]:
        """The corpus ids grouped by the embedder to search them with."""
        chosen = dict(self.embedders)
        groups: dict[str, list[int]] = {}
        for corpus_id in self.corpus_ids:
            groups.setdefault(chosen.get(corpus_id, default), []).append(corpus_id)
        return {name: tuple(ids) for name, ids in groups.items()}
