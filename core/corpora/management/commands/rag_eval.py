"""Score dense, lexical and hybrid retrieval on a labelled set.

Ingests every file under --docs as one document into a throw-away corpus
(its own temporary database, Chroma folder and lexical index on the embedded
stack), runs each query of --queries (JSON lines: {"query", "relevant"}) and
prints one JSON line last: {"dense": {...}, "lexical": {...}, "hybrid": {...},
"queries": N, "docs": N}. Needs no environment variables and no worker.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.corpora import evaluation
from core.corpora.scratch import scratch_space

log = logging.getLogger("rag_eval")


class Command(BaseCommand):
    help = (
        "Score retrieval (recall@5, MRR@10, nDCG@10) on a folder of documents and labelled queries."
    )

    def add_arguments(self, parser):
        parser.add_argument("--docs", required=True, type=Path, help="folder of documents")
        parser.add_argument("--queries", required=True, type=Path, help="JSON lines file")
        parser.add_argument(
            "--json", action="store_true", help="print only the JSON line on stdout"
        )

    def handle(self, *args, docs: Path, queries: Path, json: bool = False, **options):
        if not docs.is_dir():
            raise CommandError(f"--docs {docs} is not a folder.")
        if not queries.is_file():
            raise CommandError(f"--queries {queries} is not a file.")
        logging.basicConfig(stream=sys.stderr, level=logging.INFO)
        labelled = evaluation.read_queries(queries)
        started = time.perf_counter()
        with (
            tempfile.TemporaryDirectory(prefix="rag-eval-") as folder,
            scratch_space(Path(folder)) as corpus,
        ):
            documents = evaluation.ingest_folder(corpus, docs)
            log.info("ingestion took %.1f s", time.perf_counter() - started)
            result = evaluation.score(corpus, labelled)
        result.update(queries=len(labelled), docs=len(documents))
        log.info("done in %.1f s", time.perf_counter() - started)
        self.stdout.write(_dumps(result))


def _dumps(result: dict) -> str:
    return json.dumps(result)
