import hashlib

import numpy as np
import pytest


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """ingest(corpus, filename, data, **fields) -> Document, read by its ingestion
    run through the Celery task (eager, JSON round-trip) after the upload's commit."""
    from core.corpora import services

    def run(corpus, filename, data, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            document = services.add_document(corpus, filename=filename, data=data, **fields)
        document.refresh_from_db()
        return document

    return run


class FakeEmbedder:
    """Word-hash vectors and word counts: the pipeline without loading a model."""

    dimensions = 16

    def encode(self, texts, batch_size=32):
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, hashlib.sha1(word.encode()).digest()[0] % self.dimensions] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    def count_tokens(self, text):
        return len(text.split())


@pytest.fixture
def fake_embedder(monkeypatch):
    """The ingestion pipeline embeds with FakeEmbedder (its lexical index is real)."""
    from core.corpora.ingestion import pipeline

    embedder = FakeEmbedder()
    monkeypatch.setattr(pipeline, "get_embedder", lambda name=None: embedder)
    return embedder
