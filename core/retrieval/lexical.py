"""The BM25 index (tantivy), one folder under settings.LEXICAL_INDEX_DIR shared
by web and worker processes.

Text is tokenised in Python (``tokenize.tokens``) and stored pre-split, so
tantivy's whitespace tokenizer sees exactly our terms and its BM25 scores them.
Writers take an exclusive file lock (tantivy allows one writer per index);
readers reload before each search so they see the last commit of any process.
"""

from __future__ import annotations

import fcntl
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings

from core.retrieval.tokenize import tokens

_SCHEMA_VERSION = "v1"
_WRITER_HEAP_BYTES = 64_000_000
_lock = threading.Lock()
_indexes: dict[str, tantivy.Index] = {}


@dataclass(frozen=True)
class LexicalEntry:
    chunk_id: int
    document_id: int
    corpus_id: int
    text: str


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("chunk_id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("document_id", indexed=True)
    builder.add_integer_field("corpus_id", indexed=True)
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    return builder.build()


def index_path() -> Path:
    return Path(settings.LEXICAL_INDEX_DIR) / _SCHEMA_VERSION


def _index() -> tantivy.Index:
    path = index_path()
    key = str(path)
    with _lock:
        index = _indexes.get(key)
        if index is None or not path.exists():
            path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(_schema(), path=key, reuse=True)
            _indexes[key] = index
        return index


def forget_cached_indexes() -> None:
    """Drop open handles (tests point LEXICAL_INDEX_DIR somewhere new)."""
    with _lock:
        _indexes.clear()


@contextmanager
def _writer():
    index = _index()
    lock_path = index_path().parent / ".writer.lock"
    with open(lock_path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            writer = index.writer(_WRITER_HEAP_BYTES, 1)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def add(entries: Iterable[LexicalEntry]) -> int:
    """Index entries (committed together); returns how many were added."""
    count = 0
    with _writer() as writer:
        for entry in entries:
            doc = tantivy.Document()
            doc.add_integer("chunk_id", entry.chunk_id)
            doc.add_integer("document_id", entry.document_id)
            doc.add_integer("corpus_id", entry.corpus_id)
            doc.add_text("body", " ".join(tokens(entry.text)))
            writer.add_document(doc)
            count += 1
    return count


def delete(
    *,
    chunk_ids: Sequence[int] = (),
    document_ids: Sequence[int] = (),
    corpus_ids: Sequence[int] = (),
) -> None:
    """Remove entries by chunk, document or corpus, in one commit."""
    if not (chunk_ids or document_ids or corpus_ids):
        return
    with _writer() as writer:
        for field, values in (
            ("chunk_id", chunk_ids),
            ("document_id", document_ids),
            ("corpus_id", corpus_ids),
        ):
            for value in values:
                writer.delete_documents_by_term(field, int(value))


def search(
    query: str, *, corpus_ids: Sequence[int], limit: int, document_ids: Iterable[int] | None = None
) -> list[tuple[int, float]]:
    """(chunk_id, bm25 score) best first, only within ``corpus_ids`` (and
    ``document_ids`` when given)."""
    terms = Counter(tokens(query))
    if not terms or not corpus_ids:
        return []
    index = _index()
    index.reload()
    schema = index.schema
    should = []
    for term, count in terms.items():
        q = tantivy.Query.term_query(schema, "body", term, index_option="freq")
        should.append(
            (tantivy.Occur.Should, q if count == 1 else tantivy.Query.boost_query(q, float(count)))
        )
    scope = tantivy.Query.const_score_query(
        tantivy.Query.term_set_query(schema, "corpus_id", [int(c) for c in corpus_ids]), 0.0
    )
    clauses = [
        (tantivy.Occur.Must, scope),
        (tantivy.Occur.Must, tantivy.Query.boolean_query(should)),
    ]
    if document_ids is not None:
        only = tantivy.Query.term_set_query(schema, "document_id", [int(d) for d in document_ids])
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(only, 0.0)))
    query_obj = tantivy.Query.boolean_query(clauses)
    searcher = index.searcher()
    hits = searcher.search(query_obj, limit, count=False).hits
    if not hits:
        return []
    ids = searcher.fast_field_values("chunk_id", [address for _, address in hits])
    return [(int(chunk_id), float(score)) for (score, _), chunk_id in zip(hits, ids, strict=True)]


def count() -> int:
    index = _index()
    index.reload()
    return index.searcher().num_docs
