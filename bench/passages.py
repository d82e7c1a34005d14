"""Do stored passages read as prose? Counts what print layout leaves behind.

    .venv/bin/python bench/passages.py DIR [DIR ...]

Every file under each DIR is ingested by the real pipeline (sniff, extract,
clean, split, embed, index) into a throw-away corpus, database and index
folder; then the live passages' stored text is scanned for words broken by a
line-end hyphen (a letter, "-", a line break, a lower-case letter) and line
breaks inside a sentence (a lower-case letter or a comma, a line break, a
lower-case letter). Logs go to stderr; the last stdout line is JSON:
{"passages", "passages_broken_words", "passages_inner_line_breaks", "documents",
"failed"}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from common import logger, setup_django  # noqa: E402 (bench/ is the script folder)

log = logger("passages")
BROKEN_WORD = re.compile(r"[^\W\d_]-\n[a-z]")
INNER_LINE_BREAK = re.compile(r"[a-z,]\n[a-z]")


def count(texts: list[str]) -> dict:
    return {
        "passages": len(texts),
        "passages_broken_words": sum(len(BROKEN_WORD.findall(t)) for t in texts),
        "passages_inner_line_breaks": sum(len(INNER_LINE_BREAK.findall(t)) for t in texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        parser.error(f"not a folder: {', '.join(missing)}")
    with tempfile.TemporaryDirectory(prefix="bench-passages-") as folder:
        setup_django(folder)
        import logging

        logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
        from core.corpora.evaluation import ingest_folder
        from core.corpora.models import Chunk, Document
        from core.corpora.scratch import scratch_space

        started = time.perf_counter()
        with scratch_space(Path(folder)) as corpus:
            documents = []
            for source in args.folders:
                documents += ingest_folder(corpus, source.resolve())
            failed = [d.filename for d in documents if d.status != Document.Status.READY]
            for name in failed:
                log(f"{name}: not ingested")
            texts = list(
                Chunk.objects.filter(corpus=corpus, live=True).values_list("text", flat=True)
            )
        result = count(texts)
        result.update(documents=len(documents), failed=len(failed))
        log(f"{len(documents)} documents in {time.perf_counter() - started:.0f} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
