"""search_passages() as a plain library: a scope and a chunk lookup handed in,
no database and no reader (the chunks here live in a dict)."""

import hashlib

import numpy as np
import pytest

from core.retrieval import Passage, Scope, lexical, search, vectorstore
from core.retrieval.lexical import LexicalEntry

DIMENSIONS = 16


def word_vector(text: str) -> np.ndarray:
    out = np.zeros(DIMENSIONS, dtype=np.float32)
    for word in text.lower().split():
        out[hashlib.sha1(word.encode()).digest()[0] % DIMENSIONS] += 1
    return out / max(float(np.linalg.norm(out)), 1e-9)


class WordHashEmbedder:
    def embed_query(self, text: str) -> list[float]:
        return word_vector(text).tolist()


class DictChunks:
    """chunk id -> (document id, corpus id, text); ids in ``retired`` are not live."""

    def __init__(self, rows: dict[int, tuple[int, int, str]], retired=()):
        self.rows, self.retired = rows, set(retired)
        self.asked: list[list[int]] = []

    def document_ids(self, chunk_ids):
        return {c: self.rows[c][0] for c in chunk_ids if c in self.rows}

    def passages(self, chunk_ids):
        self.asked.append(list(chunk_ids))
        return {
            c: Passage(
                chunk_id=c,
                text=self.rows[c][2],
                document_id=self.rows[c][0],
                document_title=f"doc {self.rows[c][0]}",
                corpus_slug=f"corpus-{self.rows[c][1]}",
                heading="",
                page=None,
                start=0,
                end=len(self.rows[c][2]),
                source_url="",
                licence="",
            )
            for c in chunk_ids
            if c in self.rows and c not in self.retired
        }


ROWS = {
    1: (10, 1, "onion prices rose at the market this week"),
    2: (11, 1, "onion arrivals fell while wheat stayed flat"),
    3: (20, 2, "onion seedlings need little water"),
    4: (12, 1, "door widths in a clinic corridor"),
}


@pytest.fixture
def indexed(monkeypatch):
    monkeypatch.setattr(
        "core.retrieval.embedder.get_embedder", lambda name=None: WordHashEmbedder()
    )
    for corpus_id in (1, 2):
        ids = [c for c, (_, corpus, _) in ROWS.items() if corpus == corpus_id]
        vectorstore.add(
            corpus_id,
            ids=ids,
            vectors=np.stack([word_vector(ROWS[c][2]) for c in ids]),
            texts=[ROWS[c][2] for c in ids],
            metadatas=[{"document_id": ROWS[c][0], "corpus_id": corpus_id} for c in ids],
        )
    lexical.add(LexicalEntry(c, d, corpus, text) for c, (d, corpus, text) in ROWS.items())


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_it_searches_only_the_scope_it_is_given(indexed, mode):
    chunks = DictChunks(ROWS)
    found = search.search_passages("onion", scope=Scope.of([1]), chunks=chunks, k=5, mode=mode)
    assert found and {p.corpus_slug for p in found} == {"corpus-1"}
    assert 3 not in {p.chunk_id for p in found}
    assert set(found[0].scores) == {"dense", "lexical", "fused"}


def test_a_document_scope_keeps_only_those_documents(indexed):
    scope = Scope.of([1, 2], document_ids=[11])
    found = search.search_passages("onion prices", scope=scope, chunks=DictChunks(ROWS), k=5)
    assert [p.chunk_id for p in found] == [2]


def test_chunks_the_lookup_does_not_call_live_are_left_out(indexed):
    chunks = DictChunks(ROWS, retired=[1])
    found = search.search_passages("onion prices rose", scope=Scope.of([1]), chunks=chunks, k=5)
    assert found and 1 not in {p.chunk_id for p in found}
    assert any(1 in asked for asked in chunks.asked)  # it was a candidate, then dropped


def test_an_empty_scope_or_query_finds_nothing_without_asking_the_lookup(indexed):
    chunks = DictChunks(ROWS)
    assert search.search_passages("onion", scope=Scope.of([]), chunks=chunks) == []
    assert search.search_passages("onion", scope=Scope.of([1], []), chunks=chunks) == []
    assert search.search_passages("   ", scope=Scope.of([1]), chunks=chunks) == []
    assert chunks.asked == []


def test_a_scope_is_sorted_deduplicated_and_hashable():
    scope = Scope.of([3, 1, 3], document_ids=[7])
    assert scope == Scope(corpus_ids=(1, 3), document_ids=frozenset({7}))
    assert not scope.empty and Scope.of([1], []).empty and Scope.of([]).empty
    assert Scope.of([2]).document_ids is None
