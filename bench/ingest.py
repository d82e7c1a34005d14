"""Ingestion throughput end to end against the bare embedder on the same chunks.

    .venv/bin/python bench/ingest.py [FILE ...]

Pipeline: add_document + ingest_document inline for each file (sniff, extract,
split, embed, write chunk rows, Chroma and the lexical index, swap in) in a
throw-away corpus, database and index folder. Bare: SentenceTransformer.encode
on exactly the texts the pipeline embedded, same batch size. The model is loaded
before either is timed. Files default to the demo corpora's physics chapters.
Logs go to stderr; the last stdout line is JSON: chunks, pipeline_chunks_per_s,
embedder_chunks_per_s, ratio (pipeline / embedder).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import REPO, logger, setup_django  # noqa: E402 (bench/ is the script folder)

log = logger("ingest")
DEFAULT_FILES = [
    REPO / "demo/corpora/curriculum/ch13-waves-and-their-properties.md",
    REPO / "demo/corpora/curriculum/ch04-forces-and-newtons-laws-of-motion.md",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        setup_django(folder)
        from core.corpora import services
        from core.corpora.ingestion.pipeline import EMBED_BATCH
        from core.corpora.models import Chunk
        from core.corpora.scratch import scratch_space
        from core.retrieval.embedder import get_embedder

        embedder = get_embedder()
        embedder.encode(["warm up the model"])
        with scratch_space(Path(folder)) as corpus:
            started = time.perf_counter()
            for path in args.files:
                document = services.add_document(
                    corpus, filename=path.name, data=path.read_bytes(), enqueue=False
                )
                document = services.ingest_document(document.pk)
                log(
                    f"{path.name}: {document.status}, {document.chunk_count} chunks, "
                    f"{document.timings_ms}"
                )
            pipeline_s = time.perf_counter() - started
            chunks = Chunk.objects.filter(corpus=corpus, live=True).count()
            from core.retrieval import vectorstore

            texts = vectorstore._collection(corpus.pk).get(include=["documents"])["documents"]
        started = time.perf_counter()
        for first in range(0, len(texts), EMBED_BATCH):
            embedder.encode(texts[first : first + EMBED_BATCH], batch_size=EMBED_BATCH)
        bare_s = time.perf_counter() - started
    pipeline_rate, bare_rate = chunks / pipeline_s, len(texts) / bare_s
    log(
        f"pipeline {pipeline_s:.1f} s, bare embedder {bare_s:.1f} s "
        "(machine shared: numbers are noisy)"
    )
    print(
        json.dumps(
            {
                "chunks": chunks,
                "pipeline_chunks_per_s": round(pipeline_rate, 2),
                "embedder_chunks_per_s": round(bare_rate, 2),
                "ratio": round(pipeline_rate / bare_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
