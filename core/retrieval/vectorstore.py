"""Chroma through langchain-chroma: an embedded persistent folder by default,
a Chroma server when settings.CHROMA_URL is set. One collection per corpus and
embedder, so a new embedder means a re-index, never mixed vectors.

Embedded Chroma keeps a queried collection's HNSW index in memory and does not
notice another process's writes. So writers (under a file lock) bump a
generation file after each write, and every process reopens its client when
that file changed since it last looked: web and worker see the same vectors.

A Chroma server is called with a timeout (chromadb's own client has none, so a
hung server would hang the page or the job) and each call is retried with
backoff while the server is unreachable, times out or answers 5xx (a restart, a
kept-alive connection it closed): searches for a few seconds, writes for
``CHROMA_WRITE_RETRY_S``; then ``SearchUnavailable`` with a sentence.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from django.conf import settings

from core.retrieval.embedder import embedder_id, get_embedder

_MAX_BATCH = 5000  # Chroma refuses adds above 5,461 items
log = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """The vector search server did not answer; ``message`` says so to a person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _transient(exc: Exception) -> bool:
    """A server restarting, hung or failing, as opposed to a request it refused."""
    import httpx
    from chromadb.errors import ChromaError

    if isinstance(exc, httpx.TransportError):  # refused, reset, timed out, closed mid-reply
        return True
    if isinstance(exc, ChromaError):
        return exc.code() >= 500
    # chromadb raises a bare Exception with the body for an error it has no class for
    # (a 502/503 from a proxy, a 500 with an HTML page).
    return type(exc) is Exception


def _resilient(call, *, budget_s: float, doing: str):
    """``call()``, retried with backoff on transient server errors for ``budget_s``.
    Each public function wraps its whole conversation with the server (client,
    collection, request) in one of these, never one inside another."""
    if not settings.CHROMA_URL:
        return call()
    deadline, pause, attempt = time.monotonic() + budget_s, 0.25, 1
    while True:
        try:
            return call()
        except Exception as exc:
            if not _transient(exc):
                raise
            if time.monotonic() + pause > deadline:
                log.warning("Chroma %s failed %s times, giving up: %r", doing, attempt, exc)
                raise SearchUnavailable(
                    "The search service is not answering right now (it may be restarting), "
                    f"so {doing} could not be done. Please try again in a few minutes."
                ) from exc
            log.info("Chroma %s failed (%r); retry %s in %.2f s", doing, exc, attempt, pause)
            time.sleep(pause)
            attempt, pause = attempt + 1, min(pause * 2, 8.0)


def _read_budget() -> float:
    return settings.CHROMA_READ_RETRY_S


def _write_budget() -> float:
    return settings.CHROMA_WRITE_RETRY_S


_lock = threading.Lock()
_clients: dict[str, tuple[object, object]] = {}  # key -> (client, generation stamp)


def _generation_file() -> Path:
    return Path(settings.CHROMA_PATH) / "openkitchen.generation"


def _stamp():
    if settings.CHROMA_URL:
        return None
    try:
        info = _generation_file().stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _client():
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    key = settings.CHROMA_URL or str(settings.CHROMA_PATH)
    stamp = _stamp()
    with _lock:
        client, seen = _clients.get(key, (None, None))
        if client is not None and seen != stamp:
            _clear_chroma_cache()
            client = None
        if client is None:
            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            if settings.CHROMA_URL:
                url = urlparse(settings.CHROMA_URL)
                _probe(url)
                client = chromadb.HttpClient(
                    host=url.hostname or "localhost",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
                _set_timeout(client)
            else:
                client = chromadb.PersistentClient(path=key, settings=chroma_settings)
            _clients[key] = (client, stamp)
        return client


def _probe(url) -> None:
    """Ask the server's heartbeat with a timeout first: the client's constructor
    calls the server with none, and would hang on a server that does not answer."""
    import httpx

    base = f"{url.scheme}://{url.netloc}"
    reply = httpx.get(
        base + "/api/v2/heartbeat", timeout=httpx.Timeout(settings.CHROMA_TIMEOUT_S, connect=3.0)
    )
    if reply.status_code >= 500:
        raise Exception(f"Chroma heartbeat answered {reply.status_code}")  # transient: retried


def _set_timeout(client) -> None:
    """chromadb's HTTP client waits forever (``httpx.Client(timeout=None)``)."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(settings.CHROMA_TIMEOUT_S, connect=3.0)


def _clear_chroma_cache() -> None:
    from chromadb.api.client import SharedSystemClient

    _clients.clear()
    _collections.clear()
    SharedSystemClient.clear_system_cache()


def forget_cached_clients() -> None:
    """Drop clients (tests point CHROMA_PATH somewhere new)."""
    with _lock:
        _clear_chroma_cache()


@contextmanager
def _writing():
    """Serialise embedded writers across processes and tell readers afterwards."""
    if settings.CHROMA_URL:
        yield
        return
    folder = Path(settings.CHROMA_PATH)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "openkitchen.write.lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            marker = _generation_file()
            temporary = marker.with_suffix(f".{uuid.uuid4().hex}")
            temporary.write_text(uuid.uuid4().hex)
            os.replace(temporary, marker)
            key = str(settings.CHROMA_PATH)
            with _lock:
                if key in _clients:  # our own handle already holds what we wrote
                    _clients[key] = (_clients[key][0], _stamp())
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def collection_name(corpus_id: int, embedder: str | None = None) -> str:
    """The collection of one corpus's vectors from the embedder ``embedder`` (a
    name as ``settings.EMBEDDER`` takes it; None: that setting)."""
    safe = re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder_id(embedder)).strip("-._")
    return f"corpus-{corpus_id}-{safe}"[:512]


def store(corpus_id: int, embedder: str | None = None, *, with_embedder: bool = True):
    """The langchain ``Chroma`` store for one corpus (cosine space). Internal
    reads and writes pass vectors themselves and skip loading the model."""
    from langchain_chroma import Chroma

    return Chroma(
        client=_client(),
        collection_name=collection_name(corpus_id, embedder),
        embedding_function=get_embedder(embedder) if with_embedder else None,
        collection_metadata={"hnsw:space": "cosine"},
    )


_collections: dict[tuple[int, str], object] = {}


def _collection(corpus_id: int, embedder: str | None = None):
    """The raw Chroma collection, cached per client (building the langchain
    wrapper costs a round trip per call)."""
    client = _client()
    key = (id(client), collection_name(corpus_id, embedder))
    collection = _collections.get(key)
    if collection is None:
        collection = store(corpus_id, embedder, with_embedder=False)._collection
        _collections[key] = collection
    return collection


def add(
    corpus_id: int,
    *,
    ids: Sequence[int],
    vectors: np.ndarray,
    texts: Sequence[str],
    metadatas: Sequence[dict],
    embedder: str | None = None,
) -> None:
    """Upsert precomputed vectors (the pipeline embeds in its own step) into the
    corpus's collection for ``embedder``."""
    with _writing():
        for start in range(0, len(ids), _MAX_BATCH):
            end = start + _MAX_BATCH
            _resilient(
                lambda start=start, end=end: _collection(corpus_id, embedder).upsert(
                    ids=[str(i) for i in ids[start:end]],
                    embeddings=np.asarray(vectors[start:end], dtype=np.float32),
                    documents=list(texts[start:end]),
                    metadatas=list(metadatas[start:end]),
                ),
                budget_s=_write_budget(),
                doing="storing the passages",
            )


def _corpus_collections(corpus_id: int) -> list:
    """Every collection of a corpus, whatever embedder built it (a corpus whose
    language changed keeps its old vectors until they are deleted)."""
    prefix = f"corpus-{corpus_id}-"
    client = _client()
    names = [getattr(c, "name", c) for c in client.list_collections()]
    return [client.get_collection(name) for name in names if name.startswith(prefix)]


def delete(
    corpus_id: int, *, chunk_ids: Sequence[int] = (), document_id: int | None = None
) -> None:
    """Remove chunks (by id, or all of one document) from every collection of the corpus."""

    def remove():
        for collection in _corpus_collections(corpus_id):
            for start in range(0, len(chunk_ids), _MAX_BATCH):
                collection.delete(ids=[str(i) for i in chunk_ids[start : start + _MAX_BATCH]])
            if document_id is not None:
                collection.delete(where={"document_id": int(document_id)})

    with _writing():
        _resilient(remove, budget_s=_write_budget(), doing="removing passages")


def drop_corpus(corpus_id: int) -> None:
    """Delete every collection of a corpus, whatever embedder built it."""
    with _writing():
        prefix = f"corpus-{corpus_id}-"
        names = _resilient(
            lambda: _client().list_collections(),
            budget_s=_write_budget(),
            doing="deleting the corpus",
        )
        for name in names:
            name = getattr(name, "name", name)
            if name.startswith(prefix):
                _resilient(
                    lambda name=name: _client().delete_collection(name),
                    budget_s=_write_budget(),
                    doing="deleting the corpus",
                )
        for key in [k for k in _collections if k[1].startswith(prefix)]:
            del _collections[key]


def search(
    vector: Sequence[float],
    *,
    corpus_ids: Sequence[int],
    limit: int,
    document_ids: Iterable[int] | None = None,
    embedder: str | None = None,
) -> list[tuple[int, float]]:
    """(chunk_id, cosine similarity) best first across the corpora's collections
    for ``embedder`` (the one ``vector`` came from).

    ``document_ids`` becomes a Chroma ``where`` filter, whose cost grows with
    the number of chunks it lets through (about 0.6 s for 100,000 here, against
    1 ms for the plain HNSW query): callers filter afterwards when the filter
    keeps most of a corpus (see ``search._dense``)."""
    found: list[tuple[int, float]] = []
    where = None
    if document_ids is not None:
        where = {"document_id": {"$in": [int(d) for d in document_ids]}}
    query_vector = np.asarray(vector, dtype=np.float32)
    for corpus_id in corpus_ids:
        result = _resilient(
            lambda corpus_id=corpus_id: _query(
                _collection(corpus_id, embedder), query_vector, limit, where
            ),
            budget_s=_read_budget(),
            doing="the search",
        )
        if result is None:
            continue
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            found.append((int(chunk_id), 1.0 - float(distance)))
    found.sort(key=lambda pair: pair[1], reverse=True)
    return found[:limit]


def _query(collection, query_vector, limit: int, where):
    try:
        # Chroma returns what it has when asked for more: no count() first
        # (6 ms a query at 100,000 chunks).
        return collection.query(
            query_embeddings=[query_vector], n_results=limit, where=where, include=["distances"]
        )
    except Exception as exc:  # an older Chroma server refuses n_results above the count
        if _transient(exc):
            raise
        size = collection.count()
        if size == 0:
            return None
        return collection.query(
            query_embeddings=[query_vector],
            n_results=min(limit, size),
            where=where,
            include=["distances"],
        )
