"""Chroma through langchain-chroma: an embedded persistent folder by default,
a Chroma server when settings.CHROMA_URL is set. One collection per corpus and
embedder, so a new embedder means a re-index, never mixed vectors."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

import numpy as np
from django.conf import settings

from core.retrieval.embedder import embedder_id, get_embedder

_MAX_BATCH = 5000  # Chroma refuses adds above 5,461 items
_lock = threading.Lock()
_clients: dict[str, object] = {}


def _client():
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = settings.CHROMA_URL or str(settings.CHROMA_PATH)
    with _lock:
        client = _clients.get(key)
        if client is None:
            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            if settings.CHROMA_URL:
                url = urlparse(settings.CHROMA_URL)
                client = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https", settings=chroma_settings,
                )
            else:
                client = chromadb.PersistentClient(path=key, settings=chroma_settings)
            _clients[key] = client
        return client


def forget_cached_clients() -> None:
    """Drop clients (tests point CHROMA_PATH somewhere new)."""
    with _lock:
        _clients.clear()
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except ImportError:  # pragma: no cover - older chromadb
        pass


def collection_name(corpus_id: int, embedder: str | None = None) -> str:
    safe = re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder or embedder_id()).strip("-._")
    return f"corpus-{corpus_id}-{safe}"[:512]


def store(corpus_id: int, embedder: str | None = None):
    """The langchain ``Chroma`` store for one corpus (cosine space)."""
    from langchain_chroma import Chroma

    return Chroma(
        client=_client(),
        collection_name=collection_name(corpus_id, embedder),
        embedding_function=get_embedder(),
        collection_metadata={"hnsw:space": "cosine"},
    )


def add(corpus_id: int, *, ids: Sequence[int], vectors: np.ndarray, texts: Sequence[str],
        metadatas: Sequence[dict]) -> None:
    """Upsert precomputed vectors (the pipeline embeds in its own step)."""
    collection = store(corpus_id)._collection
    for start in range(0, len(ids), _MAX_BATCH):
        end = start + _MAX_BATCH
        collection.upsert(
            ids=[str(i) for i in ids[start:end]],
            embeddings=np.asarray(vectors[start:end], dtype=np.float32),
            documents=list(texts[start:end]),
            metadatas=list(metadatas[start:end]),
        )


def delete(corpus_id: int, *, chunk_ids: Sequence[int] = (), document_id: int | None = None) -> None:
    vs = store(corpus_id)
    for start in range(0, len(chunk_ids), _MAX_BATCH):
        vs.delete(ids=[str(i) for i in chunk_ids[start : start + _MAX_BATCH]])
    if document_id is not None:
        vs._collection.delete(where={"document_id": int(document_id)})


def drop_corpus(corpus_id: int) -> None:
    """Delete every collection of a corpus, whatever embedder built it."""
    client = _client()
    prefix = f"corpus-{corpus_id}-"
    for name in client.list_collections():
        name = getattr(name, "name", name)
        if name.startswith(prefix):
            client.delete_collection(name)


def search(vector: Sequence[float], *, corpus_ids: Sequence[int], limit: int,
           document_ids: Iterable[int] | None = None) -> list[tuple[int, float]]:
    """(chunk_id, cosine similarity) best first across the corpora's collections."""
    found: list[tuple[int, float]] = []
    where = None
    if document_ids is not None:
        where = {"document_id": {"$in": [int(d) for d in document_ids]}}
    for corpus_id in corpus_ids:
        collection = store(corpus_id)._collection
        size = collection.count()
        if size == 0:
            continue
        result = collection.query(
            query_embeddings=[list(vector)], n_results=min(limit, size), where=where,
            include=["distances"],
        )
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            found.append((int(chunk_id), 1.0 - float(distance)))
    found.sort(key=lambda pair: pair[1], reverse=True)
    return found[:limit]
