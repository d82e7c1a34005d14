"""The sentence-transformers embedder, loaded once per process from a local
path (the bundled all-MiniLM-L6-v2 unless settings.EMBEDDER names another)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np
from django.conf import settings
from langchain_core.embeddings import Embeddings

from core.bundled import embedder_location

_lock = threading.Lock()
_query_lock = threading.Lock()
_loaded: dict[str, SentenceTransformerEmbeddings] = {}


class SentenceTransformerEmbeddings(Embeddings):
    """langchain ``Embeddings`` over one SentenceTransformer; vectors are unit
    length so cosine distance and dot product agree."""

    def __init__(self, location: str):
        from sentence_transformers import SentenceTransformer

        self.location = location
        self.model = SentenceTransformer(location, device="cpu")
        self.tokenizer = self.model.tokenizer
        self.max_tokens = int(self.model.max_seq_length)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        # One short text gains nothing from a second thread, and on a busy
        # machine torch's thread hand-offs stall: 1.1 s instead of 77 ms
        # measured here with load 17 on 2 cores.
        import torch

        threads = torch.get_num_threads()
        with _query_lock:
            torch.set_num_threads(1)
            try:
                return self.encode([text])[0].tolist()
            finally:
                torch.set_num_threads(threads)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False, verbose=False))


def get_embedder() -> SentenceTransformerEmbeddings:
    """The configured embedder (one instance per process and setting)."""
    location = embedder_location(settings.EMBEDDER)
    with _lock:
        embedder = _loaded.get(location)
        if embedder is None:
            embedder = SentenceTransformerEmbeddings(location)
            _loaded[location] = embedder
        return embedder


def embedder_id() -> str:
    """A stable name for the configured embedder: documents record it, and
    vectors from different embedders never share a collection."""
    location = embedder_location(settings.EMBEDDER)
    name = Path(location).name or location
    if settings.EMBEDDER == "bundled":
        name = "all-MiniLM-L6-v2"
    digest = hashlib.sha1(location.encode()).hexdigest()[:8]
    return f"{name}@{digest}" if settings.EMBEDDER != "bundled" else name
