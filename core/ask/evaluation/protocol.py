"""The protocol end to end, inside a database and var folder of its own."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from core.ask.evaluation.report import Judged, judge, problems
from core.ask.evaluation.runs import QA, Answered, ask, eval_reader

MAX_QUESTIONS, MAX_OFF_CORPUS = 100, 20
SEED = 7  # OPENKITCHEN_LLM_SEED for the bundled model

Log = Callable[[str], None]


def warm_up(log: Log) -> None:
    """Load the model once, as a running worker already has: the timings measure answers."""
    from core.reasoning.llm import get_llm

    started = time.monotonic()
    llm = get_llm()
    for _ in llm.stream([{"role": "user", "content": "Hello"}], max_tokens=1):
        pass
    log(f"model {llm.model_name} ready in {time.monotonic() - started:.1f} s")


def evaluate(
    docs: Path, qa: list[QA], off_corpus: list[QA], log: Log, *, warm: bool = True
) -> list[tuple[Answered, Judged]]:
    """The whole protocol, in a database and var folder of its own (the command's child).
    ``warm``: load the model first (off when the model is not asked)."""
    from core.corpora.evaluation import ingest_folder, language_of_folder

    user, corpus = eval_reader(language_of_folder(docs))
    started = time.monotonic()
    documents = ingest_folder(corpus, docs)
    log(f"ingested {len(documents)} files in {time.monotonic() - started:.1f} s")
    if warm:
        warm_up(log)
    results = []
    items = [(item, False) for item in qa] + [(item, True) for item in off_corpus]
    for number, (item, off) in enumerate(items, 1):
        answered = ask(user, corpus, item, off_corpus=off)
        judged = judge(answered)
        results.append((answered, judged))
        relevance = "-" if answered.relevance is None else f"{answered.relevance:.3f}"
        log(
            f"{number}/{len(items)} {'off-corpus ' if off else ''}{item.answer!r}: "
            f"{answered.origin or answered.status}, {answered.seconds or 0:.1f} s "
            f"(first answer {answered.first_answer_s or 0:.2f} s), relevance {relevance}; "
            f"{'; '.join(problems(answered, judged)) or 'ok'}"
        )
    return results
