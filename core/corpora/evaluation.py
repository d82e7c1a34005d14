"""Retrieval quality on a labelled set: ranking documents (by their best
chunk) for each query, scored as recall@5, MRR@10 and nDCG@10."""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from core.corpora import services
from core.corpora.models import Corpus, Document
from core.corpora.search import search_corpora

log = logging.getLogger(__name__)
MODES = ("dense", "lexical", "hybrid")
DEPTH = 100  # chunks looked at per query, enough to rank ten documents


def recall_at(ranked: Sequence[str], relevant: set[str], n: int) -> float:
    return len(set(ranked[:n]) & relevant) / len(relevant)


def mrr_at(ranked: Sequence[str], relevant: set[str], n: int) -> float:
    return next((1.0 / rank for rank, name in enumerate(ranked[:n], 1) if name in relevant), 0.0)


def ndcg_at(ranked: Sequence[str], relevant: set[str], n: int) -> float:
    dcg = sum(
        1.0 / math.log2(rank + 1) for rank, name in enumerate(ranked[:n], 1) if name in relevant
    )
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(n, len(relevant)) + 1))
    return dcg / ideal


def read_queries(path: Path) -> list[dict]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            item = json.loads(line)
            if not item.get("query") or not item.get("relevant"):
                raise ValueError(f"{path}:{number}: needs 'query' and a non-empty 'relevant' list")
            queries.append(item)
    return queries


def _chunk_texts(path: Path, embedder) -> list[str]:
    """The texts the pipeline will embed for ``path`` (as ``pipeline.run``
    builds them); a file it cannot read gives none and fails there."""
    from core.corpora.ingestion.extract import extract
    from core.corpora.ingestion.pipeline import embedding_text
    from core.corpora.ingestion.sniff import sniff
    from core.corpora.ingestion.split import split

    try:
        data = path.read_bytes()
        extracted = extract(sniff(data, path.name), data)
        title = (extracted.title or "")[:300]
        return [embedding_text(d, title) for d in split(extracted, embedder.count_tokens)]
    except Exception:  # the pipeline reports it on the document
        return []


def language_of_folder(folder: Path, sample: int = 20) -> str:
    """The language of the documents under ``folder``, told from their script."""
    from core.text.languages import language_of_script, script_of

    paths = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    texts = [p.read_text(encoding="utf-8", errors="ignore")[:3000] for p in paths[:sample]]
    return language_of_script(script_of(texts))


def ingest_folder(corpus: Corpus, folder: Path) -> list[Document]:
    """Every file under ``folder`` as one document, ingested inline.

    All chunks are embedded first in large length-sorted batches (a document
    alone is a few small batches, mostly padding and per-call overhead); the
    pipeline then finds its vectors ready. A text the pipeline builds
    differently is simply embedded there."""
    from core.retrieval.embedder import get_embedder

    paths = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    embedder = get_embedder(corpus.embedder)
    started = time.perf_counter()
    texts = [text for path in paths for text in _chunk_texts(path, embedder)]
    log.info(
        "split %d files into %d chunks in %.1f s",
        len(paths),
        len(texts),
        time.perf_counter() - started,
    )
    started = time.perf_counter()
    documents = []
    with embedder.precomputed(texts):
        log.info("embedded %d chunks in %.1f s", len(texts), time.perf_counter() - started)
        for number, path in enumerate(paths, 1):
            document = services.add_document(
                corpus, filename=path.name, data=path.read_bytes(), enqueue=False
            )
            document = services.ingest_document(document.pk)
            if document.status != Document.Status.READY:
                log.warning("%s: %s", path.name, document.error)
            if number % 20 == 0 or number == len(paths):
                log.info("ingested %d/%d files", number, len(paths))
            documents.append(document)
    return documents


def ranked_documents(query: str, corpus: Corpus, mode: str, names: dict[int, str]) -> list[str]:
    ranked: list[str] = []
    for passage in search_corpora(query, corpus_ids=[corpus.pk], k=DEPTH, mode=mode):
        name = names.get(passage.document_id)
        if name is not None and name not in ranked:
            ranked.append(name)
    return ranked


def score(corpus: Corpus, queries: Iterable[dict]) -> dict:
    names = dict(
        corpus.documents.filter(status=Document.Status.READY).values_list("pk", "filename")
    )
    totals = {mode: {"recall@5": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0} for mode in MODES}
    latency = {mode: 0.0 for mode in MODES}
    queries = list(queries)
    for item in queries:
        relevant = set(item["relevant"])
        for mode in MODES:
            started = time.perf_counter()
            ranked = ranked_documents(item["query"], corpus, mode, names)
            latency[mode] += time.perf_counter() - started
            totals[mode]["recall@5"] += recall_at(ranked, relevant, 5)
            totals[mode]["mrr@10"] += mrr_at(ranked, relevant, 10)
            totals[mode]["ndcg@10"] += ndcg_at(ranked, relevant, 10)
    n = max(1, len(queries))
    result = {mode: {k: round(v / n, 4) for k, v in totals[mode].items()} for mode in MODES}
    for mode in MODES:
        log.info("%s: %.1f ms per query", mode, 1000 * latency[mode] / n)
    return result
