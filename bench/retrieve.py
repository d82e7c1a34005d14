"""Query latency of dense, lexical and hybrid retrieval at corpus sizes.

    .venv/bin/python bench/retrieve.py --chunks 10000,100000

Filler chunks are real text (passages of the demo corpora, sentences shuffled
so no two are alike) with vectors reused from real embeddings of a few hundred
of those passages, perturbed by small Gaussian noise and re-normalised:
embedding 100,000 chunks would take hours on this machine. Chunks, Chroma and
the lexical index live in a throw-away folder. Each query is timed through
``search_passages`` (query embedding, search, fusion, database hydration).
Logs go to stderr; the last stdout line is JSON:
{"10000": {"hybrid": {"p50_ms", "p95_ms"}, "dense": {...}, "lexical": {...}}, ...}.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from common import REPO, logger, setup_django  # noqa: E402 (bench/ is the script folder)

log = logger("retrieve")
SOURCES = sorted((REPO / "demo" / "corpora").rglob("*.md"))
BASE_VECTORS = 256
NOISE = 0.02  # per dimension; keeps filler vectors near their real source (cosine ~0.93)
QUERIES = 40
WARMUP = 5
MODES = ("hybrid", "dense", "lexical")


def real_passages(embedder) -> list[str]:
    from core.corpora.ingestion.extract import extract
    from core.corpora.ingestion.split import split

    texts = []
    for path in SOURCES:
        extracted = extract("markdown", path.read_bytes())
        texts += [d.text for d in split(extracted, embedder.count_tokens)]
    return texts


def filler(passages: list[str], rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", rng.choice(passages))
    rng.shuffle(sentences)
    return " ".join(sentences)


def grow(corpus, document, target: int, have: int, passages, vectors, rng) -> None:
    import numpy as np

    from core.corpora.models import Chunk
    from core.retrieval import lexical, vectorstore

    batch = 5000
    while have < target:
        n = min(batch, target - have)
        texts = [filler(passages, rng) for _ in range(n)]
        picks = np.array([rng.randrange(len(vectors)) for _ in range(n)])
        noisy = vectors[picks] + np.random.default_rng(have).normal(0, NOISE, (n, vectors.shape[1]))
        noisy = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
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
            for i in range(n)
        ]
        vectorstore.add(corpus.pk, ids=ids, vectors=noisy, texts=texts, metadatas=metas)
        lexical.add(
            lexical.LexicalEntry(c, document.pk, corpus.pk, t)
            for c, t in zip(ids, texts, strict=False)
        )
        have += n
        log(f"{have:,} chunks indexed")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(corpus, queries: list[str]) -> dict:
    from core.retrieval.search import search_passages

    result = {}
    for mode in MODES:
        for query in queries[:WARMUP]:
            search_passages(query, corpus_ids=[corpus.pk], k=8, mode=mode)
        times = []
        for query in queries:
            started = time.perf_counter()
            search_passages(query, corpus_ids=[corpus.pk], k=8, mode=mode)
            times.append((time.perf_counter() - started) * 1000)
        result[mode] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        }
        log(f"{mode}: {result[mode]}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.chunks.split(","))
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-retrieve-") as folder:
        setup_django(folder)
        from core.corpora.models import Document
        from core.corpora.scratch import scratch_space
        from core.retrieval.embedder import get_embedder

        embedder = get_embedder()
        passages = real_passages(embedder)
        base = rng.sample(passages, min(BASE_VECTORS, len(passages)))
        log(f"{len(passages):,} real passages; embedding {len(base)} of them for base vectors")
        vectors = embedder.encode(base)
        queries = [
            s
            for s in (re.split(r"(?<=[.!?])\s+", p)[0] for p in rng.sample(passages, 400))
            if 6 <= len(s.split()) <= 40
        ][:QUERIES]
        results = {}
        with scratch_space(Path(folder)) as corpus:
            document = Document.objects.create(
                corpus=corpus,
                filename="filler.md",
                title="Filler",
                sha256="0" * 64,
                status=Document.Status.READY,
            )
            have = 0
            for size in sizes:
                grow(corpus, document, size, have, passages, vectors, rng)
                have = size
                log(f"measuring at {size:,} chunks with {len(queries)} queries")
                results[str(size)] = measure(corpus, queries)
    log("the machine is shared with other jobs: latencies are noisy upper bounds")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
