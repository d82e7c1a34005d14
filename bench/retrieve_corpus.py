"""The synthetic corpus of bench/retrieve.py: growing it in a folder, and timing
queries against it. Each function runs in its own process on one folder."""

from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path

from common import REPO, logger, setup_django

log = logger("retrieve")
SOURCES = sorted((REPO / "demo" / "corpora").rglob("*.md"))
BASE_VECTORS = 256
NOISE = 0.02  # per dimension; keeps filler vectors near their real source (cosine ~0.93)
QUERIES = 40
WARMUP = 5
MODES = ("hybrid", "dense", "lexical")
BATCH = 5000
SLUG = "bench-filler"


def real_passages(embedder) -> list[str]:
    from core.corpora.ingestion.extract import extract
    from core.corpora.ingestion.split import split

    texts = []
    for path in SOURCES:
        extracted = extract("markdown", path.read_bytes())
        texts += [d.text for d in split(extracted, embedder.count_tokens)]
    return texts


def sample(seed: int, embedder) -> tuple[list[str], list[str], list[str]]:
    """(real passages, the ones whose vectors seed the fillers, queries): the
    same for a seed in every process."""
    rng = random.Random(seed)
    passages = real_passages(embedder)
    base = rng.sample(passages, min(BASE_VECTORS, len(passages)))
    queries = [
        s
        for s in (re.split(r"(?<=[.!?])\s+", p)[0] for p in rng.sample(passages, 400))
        if 6 <= len(s.split()) <= 40
    ][:QUERIES]
    return passages, base, queries


def filler(passages: list[str], rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", rng.choice(passages))
    rng.shuffle(sentences)
    return " ".join(sentences)


def _corpus_and_document():
    from core.corpora.models import Corpus, Document

    corpus, _ = Corpus.objects.get_or_create(slug=SLUG, defaults={"name": "Bench filler"})
    document, _ = Document.objects.get_or_create(
        corpus=corpus,
        filename="filler.md",
        defaults={"title": "Filler", "sha256": "0" * 64, "status": Document.Status.READY},
    )
    return corpus, document


def _add_batch(corpus, document, have: int, texts: list[str], vectors, spent: dict) -> None:
    """One batch into the chunk table, Chroma and tantivy; ``spent`` sums seconds per store."""
    from core.corpora.models import Chunk
    from core.retrieval import lexical, vectorstore

    started = time.perf_counter()
    rows = Chunk.objects.bulk_create(
        [
            Chunk(
                document=document,
                corpus=corpus,
                ordinal=have + i,
                text=t,
                heading="filler",
                start=0,
                end=len(t),
                live=True,
            )
            for i, t in enumerate(texts)
        ],
        batch_size=1000,
    )
    ids = [r.pk for r in rows]
    metas = [
        {"document_id": document.pk, "corpus_id": corpus.pk, "ordinal": have + i}
        for i in range(len(ids))
    ]
    spent["database"] += time.perf_counter() - started
    started = time.perf_counter()
    vectorstore.add(corpus.pk, ids=ids, vectors=vectors, texts=texts, metadatas=metas)
    spent["chroma"] += time.perf_counter() - started
    started = time.perf_counter()
    lexical.add(
        lexical.LexicalEntry(c, document.pk, corpus.pk, t) for c, t in zip(ids, texts, strict=True)
    )
    spent["lexical"] += time.perf_counter() - started


def build(folder: Path, size: int, seed: int) -> dict:
    """Grow the corpus in ``folder`` to ``size`` chunks; seconds spent per store."""
    import numpy as np

    setup_django(str(folder), migrate=True)
    from core.corpora.models import Chunk
    from core.retrieval.embedder import get_embedder

    embedder = get_embedder()
    passages, base, _ = sample(seed, embedder)
    vectors = embedder.encode(base)
    corpus, document = _corpus_and_document()
    have = Chunk.objects.filter(corpus=corpus).count()
    rng = random.Random(seed * 1_000_003 + have)  # new fillers when grown from a copy
    started = time.perf_counter()
    spent = {"database": 0.0, "chroma": 0.0, "lexical": 0.0}
    while have < size:
        n = min(BATCH, size - have)
        texts = [filler(passages, rng) for _ in range(n)]
        picks = np.array([rng.randrange(len(vectors)) for _ in range(n)])
        noisy = vectors[picks] + np.random.default_rng(have).normal(0, NOISE, (n, vectors.shape[1]))
        noisy = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
        _add_batch(corpus, document, have, texts, noisy, spent)
        have += n
        if have % 50_000 == 0 or have == size:
            seconds = {k: round(v) for k, v in spent.items()}
            log(f"{have:,} chunks indexed, {time.perf_counter() - started:.0f} s: {seconds}")
    return {k: round(v, 1) for k, v in spent.items()}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024)
    return float("nan")


def measure(folder: Path, seed: int) -> dict:
    """p50/p95 per mode over the seed's queries, and this process's resident MB."""
    setup_django(str(folder))
    from core.corpora.models import Corpus
    from core.corpora.search import search_corpora
    from core.retrieval.embedder import get_embedder

    _, _, queries = sample(seed, get_embedder())
    corpus_ids = [Corpus.objects.get(slug=SLUG).pk]
    result: dict = {}
    for mode in MODES:
        for query in queries[:WARMUP]:
            search_corpora(query, corpus_ids=corpus_ids, k=8, mode=mode)
        times = []
        for query in queries:
            started = time.perf_counter()
            search_corpora(query, corpus_ids=corpus_ids, k=8, mode=mode)
            times.append((time.perf_counter() - started) * 1000)
        result[mode] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        }
    result["rss_mb"] = resident_mb()
    return result
