"""The sentence-transformers embedder, loaded once per process from a local
path (the bundled all-MiniLM-L6-v2 unless settings.EMBEDDER names another)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.conf import settings
from langchain_core.embeddings import Embeddings

from core.bundled import embedder_location

_lock = threading.Lock()
_recent_lock = threading.Lock()
_torch_lock = threading.Lock()  # torch's thread count is per process: one caller at a time
_loaded: dict[str, SentenceTransformerEmbeddings] = {}


class ThreadChooser:
    """Picks torch's intra-op thread count for each batch by measured speed.

    On a machine whose cores are busy with other processes, torch's worker
    threads wait at every operator for a thread the scheduler has parked:
    measured here with load 6 on 2 cores, 2 threads embedded 1.3-8.5 chunks/s
    and 1 thread 9-22 chunks/s; on an idle machine 2 threads win. So each
    candidate is timed (seconds per character, an exponential average), the
    faster one is used, and the other is tried again every ``PROBE_EVERY``
    batches in case the load changed.
    """

    PROBE_EVERY = 8
    SMOOTHING = 0.5

    def __init__(self, most: int):
        self.candidates = sorted({1, max(1, most)})
        self.cost: dict[int, float] = {}
        self.batches = 0

    def pick(self) -> int:
        self.batches += 1
        untried = [n for n in self.candidates if n not in self.cost]
        if untried:
            return untried[0]
        ranked = sorted(self.candidates, key=self.cost.__getitem__)
        if len(ranked) > 1 and self.batches % self.PROBE_EVERY == 0:
            return ranked[1]
        return ranked[0]

    def record(self, threads: int, seconds: float, characters: int) -> None:
        cost = seconds / max(1, characters)
        old = self.cost.get(threads)
        self.cost[threads] = cost if old is None else old + self.SMOOTHING * (cost - old)


class Memoised:
    """What every embedder here shares: vectors embedded ahead in bulk
    (``precomputed``) and the last ``RECENT`` texts embedded, served from
    memory by ``encode``; subclasses write ``_embed`` for the rest.

    The recent ones are what a worker answering questions embeds again and
    again: the sentences of the passages a corpus's questions keep finding
    (Ask ranks every sentence of its six passages by meaning)."""

    RECENT = 4096  # about 6 MB of 384-dimension vectors
    dimensions: int

    def __init__(self):
        self._memo: dict[str, np.ndarray] = {}
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors for ``texts`` (float32, one row each), in order; texts
        held in memory are not embedded again."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        todo = []
        with _recent_lock:
            for i, text in enumerate(texts):
                known = self._memo.get(text)
                if known is None and (known := self._recent.get(text)) is not None:
                    self._recent.move_to_end(text)
                if known is None:
                    todo.append(i)
                else:
                    out[i] = known
        if todo:
            self._embed(out, texts, todo, batch_size)
            self._remember([texts[i] for i in todo], out[todo])
        return out

    def _embed(self, out: np.ndarray, texts: list[str], todo: list[int], batch_size: int):
        """Fill the rows ``todo`` of ``out`` with the vectors of those ``texts``."""
        raise NotImplementedError

    def _remember(self, texts: list[str], vectors: np.ndarray) -> None:
        with _recent_lock:
            for text, vector in zip(texts, vectors, strict=True):
                self._recent[text] = vector
                self._recent.move_to_end(text)
            while len(self._recent) > self.RECENT:
                self._recent.popitem(last=False)

    @contextmanager
    def precomputed(self, texts: Iterable[str], batch_size: int = 64):
        """Embed ``texts`` now, in few large batches, and serve them from memory
        inside the block (a bulk job that then embeds them a few at a time)."""
        texts = list(dict.fromkeys(texts))
        vectors = self.encode(texts, batch_size=batch_size)
        self._memo = dict(zip(texts, vectors, strict=True))
        try:
            yield
        finally:
            self._memo = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()


class SentenceTransformerEmbeddings(Memoised, Embeddings):
    """langchain ``Embeddings`` over one SentenceTransformer; vectors are unit
    length so cosine distance and dot product agree."""

    def __init__(self, location: str):
        import torch
        from sentence_transformers import SentenceTransformer

        self.location = location
        self.model = SentenceTransformer(location, device="cpu")
        self.tokenizer = self.model.tokenizer
        self.max_tokens = int(self.model.max_seq_length)
        dimension = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        self.dimensions = int(dimension() or 0)
        self._threads = ThreadChooser(torch.get_num_threads())
        super().__init__()

    def _run(self, texts: list[str], batch_size: int, threads: int) -> np.ndarray:
        import torch

        with _torch_lock:
            before = torch.get_num_threads()
            torch.set_num_threads(threads)
            try:
                return self.model.encode(
                    texts,
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                ).astype(np.float32)
            finally:
                torch.set_num_threads(before)

    def _embed(self, out: np.ndarray, texts: list[str], todo: list[int], batch_size: int):
        """Texts are embedded longest first in batches of ``batch_size`` (little
        padding), each batch with the thread count measured fastest."""
        if len(todo) <= 2:  # a query: one short text gains nothing from threads
            out[todo] = self._run([texts[i] for i in todo], batch_size, 1)
            return
        todo = sorted(todo, key=lambda i: len(texts[i]), reverse=True)
        for first in range(0, len(todo), batch_size):
            rows = todo[first : first + batch_size]
            batch = [texts[i] for i in rows]
            threads = self._threads.pick()
            started = time.perf_counter()
            out[rows] = self._run(batch, batch_size, threads)
            self._threads.record(threads, time.perf_counter() - started, sum(map(len, batch)))

    def embed_query(self, text: str) -> list[float]:
        # One thread (see ``_embed``): on a busy machine torch's thread
        # hand-offs stall, 1.1 s instead of 77 ms measured with load 17 on 2 cores.
        return self.encode([text])[0].tolist()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False, verbose=False))


def embedder_for_language(language: str | None) -> str:
    """The embedder a corpus in ``language`` is indexed and searched with: the
    one ``settings.EMBEDDER_BY_LANGUAGE`` names for it (Hindi, Bengali and
    Chinese: the multilingual e5, see docs/RETRIEVAL_NOTES.md), else ``settings.EMBEDDER``."""
    base = (language or "").lower().replace("_", "-").split("-")[0]
    return settings.EMBEDDER_BY_LANGUAGE.get(base, settings.EMBEDDER)


def reads_across_languages(name: str | None) -> bool:
    """Whether embedder ``name`` puts a question near a passage in another language
    that says the same: the multilingual e5 does, the English MiniLM does not."""
    from core.retrieval import e5

    return name == e5.NAME


def get_embedder(name: str | None = None) -> SentenceTransformerEmbeddings:
    """The embedder ``name`` (a value ``settings.EMBEDDER`` may take; None: that
    setting), one instance per process and name."""
    from core.retrieval import e5

    name = name or settings.EMBEDDER
    location = e5.NAME if name == e5.NAME else embedder_location(name)
    with _lock:
        embedder = _loaded.get(location)
        if embedder is None:
            embedder = (
                e5.E5Embeddings()
                if location == e5.NAME
                else SentenceTransformerEmbeddings(location)
            )
            _loaded[location] = embedder
        return embedder


def embedder_id(name: str | None = None) -> str:
    """A stable id for the embedder ``name`` (None: the configured one): documents
    record it, and vectors from different embedders never share a collection."""
    from core.retrieval import e5

    name = name or settings.EMBEDDER
    if name == e5.NAME:
        return e5.ID
    if name == "bundled":
        return "all-MiniLM-L6-v2"
    location = embedder_location(name)
    digest = hashlib.sha1(location.encode()).hexdigest()[:8]
    return f"{Path(location).name or location}@{digest}"
