"""Query latency and resident memory of dense, lexical and hybrid retrieval at corpus sizes.

    .venv/bin/python bench/retrieve.py --chunks 10000,100000,1000000

Filler chunks are real text (passages of the demo corpora, sentences shuffled
so no two are alike) with vectors reused from real embeddings of a few hundred
of those passages, perturbed by small Gaussian noise and re-normalised:
embedding a million chunks would take days on this machine.

Each size is one corpus of exactly that many chunks in its own folder (SQLite
database, Chroma, lexical index) under ``--cache`` (default
``~/.cache/openkitchen/bench-retrieve``, one subfolder per seed and size). A size
not cached yet is built by copying the largest smaller one and adding the rest in
bulk; a finished folder holds ``built.json`` and is reused by later runs. Clear
it with ``rm -rf ~/.cache/openkitchen/bench-retrieve`` (0.5 GB at 100,000 chunks,
2.4 GB at half a million).

Each size is measured in a fresh child process that opens only that folder, as a
web process would: every query is timed through ``search_corpora`` (query
embedding, search, fusion, database hydration). Logs go to stderr; the last
stdout line is JSON, per size: {"hybrid": {"p50_ms", "p95_ms"}, "dense": {...},
"lexical": {...}, "rss_mb": resident memory of the measuring process after its
queries (embedder, Chroma's HNSW index, lexical index), "build_s": seconds this
run spent building the size (0 when cached)}.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import logger  # noqa: E402 (bench/ is the script folder)

log = logger("retrieve")
DEFAULT_CACHE = Path.home() / ".cache" / "openkitchen" / "bench-retrieve"
MARKER = "built.json"


def cached_sizes(root: Path) -> list[int]:
    return sorted(int(p.name) for p in root.glob("*") if (p / MARKER).exists())


def child(*arguments: str) -> str:
    """Run this script again with ``arguments``; its last stdout line."""
    script = Path(__file__).resolve()
    done = subprocess.run(
        [sys.executable, str(script), *arguments], stdout=subprocess.PIPE, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def ensure_built(root: Path, size: int, seed: int) -> float:
    """Build the folder for ``size`` unless cached; seconds spent (the build logs
    the seconds each store took)."""
    folder = root / str(size)
    if (folder / MARKER).exists():
        log(f"{size:,} chunks: cached in {folder}")
        return 0.0
    started = time.perf_counter()
    partial = root / f"{size}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    smaller = [s for s in cached_sizes(root) if s < size]
    if smaller:
        log(f"{size:,} chunks: starting from the cached {smaller[-1]:,}")
        shutil.copytree(root / str(smaller[-1]), partial)
        (partial / MARKER).unlink()
    spent = child("--build", str(partial), "--size", str(size), "--seed", str(seed))
    log(f"{size:,} chunks built; seconds per store: {spent}")
    (partial / MARKER).write_text(json.dumps({"chunks": size, "seed": seed}))
    partial.rename(folder)  # only a finished build is ever reused
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="built indexes")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # child: grow this folder
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child: time queries
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build or args.measure:
        from retrieve_corpus import build, measure

        if args.build:
            print(json.dumps(build(args.build, args.size, args.seed)))
        else:
            print(json.dumps(measure(args.measure, args.seed)))
        return
    sizes = sorted(int(s.replace("_", "")) for s in args.chunks.split(","))
    root = args.cache / f"seed-{args.seed}"
    root.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in sizes:
        build_s = ensure_built(root, size, args.seed)
        log(f"measuring {size:,} chunks; load average {os.getloadavg()[0]:.2f}")
        result = json.loads(child("--measure", str(root / str(size)), "--seed", str(args.seed)))
        results[str(size)] = {**result, "build_s": round(build_s)}
        log(f"{size:,}: {results[str(size)]}")
    log("the machine is shared with other jobs: latencies are noisy upper bounds")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
