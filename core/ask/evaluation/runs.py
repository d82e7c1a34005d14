"""Asking: each question a ``core.ask`` run, executed here, read back from its steps."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path


@dataclass(frozen=True)
class QA:
    question: str
    answer: str  # the term (the first gold answer; "" when unanswerable)
    relevant: tuple[str, ...] = ()  # the files where the book defines it
    answers: tuple[str, ...] = ()  # every gold answer (any of them counts)
    unanswerable: bool = False  # the documents do not answer it: refusing is right

    @property
    def golds(self) -> tuple[str, ...]:
        return self.answers or ((self.answer,) if self.answer else ())

    @property
    def language(self) -> str:
        return language_of(self.question)


def language_of(text: str) -> str:
    """The language a text is written in, told from its script (en when unknown)."""
    from core.text.languages import language_of_script, script_of

    return language_of_script(script_of([text]))


def read_qa(path: Path, limit: int) -> list[QA]:
    """The first ``limit`` questions of a ``qa.jsonl`` (``build_qrels.py``, or the SQuAD
    kind with ``answers`` and ``unanswerable``), in file order; other keys are ignored."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        unanswerable = item.get("unanswerable") is True
        answers = tuple(str(a) for a in item.get("answers") or () if str(a).strip())
        answer = str(item.get("answer") or (answers[0] if answers else ""))
        if not item.get("question") or not (answer or unanswerable):
            raise ValueError(f"{path}:{number}: needs 'question' and 'answer'")
        relevant = tuple(str(name) for name in item.get("relevant") or ())
        items.append(
            QA(
                str(item["question"]),
                "" if unanswerable else answer,
                relevant,
                () if unanswerable else answers,
                unanswerable,
            )
        )
    return items[:limit]


@dataclass
class Answered:
    """One question asked as a run, as the run recorded it."""

    question: str
    term: str
    off_corpus: bool
    relevant: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # every gold answer
    unanswerable: bool = False
    language: str = "en"
    status: str = ""
    error: str = ""
    shown: str = ""  # the answer the page shows ("" when the run failed)
    origin: str = ""  # "model" or "composed"
    abstained: bool = False  # refused: "do not cover this" or "do not say"
    outcome: str = ""  # "answer", "not_covered" or "not_said" (the run's)
    decision: dict | None = None  # the answerability decision and its signals, as recorded
    model_text: str = ""  # the model's raw draft ("" when the model was not asked)
    sources: list[str] = field(default_factory=list)  # passages given, numbered from 1
    documents: list[str] = field(default_factory=list)  # the file of each passage given
    relevance: float | None = None  # the score the composer's abstention was decided on
    prompt: str = ""
    seconds: float | None = None  # Run created -> Run finished
    first_answer_s: float | None = None  # Run created -> first answer step closed


def eval_reader(language: str = "en"):
    """A throw-away reader (a teacher) and the corpus only that role may read, made
    for documents in ``language``."""
    from core.accounts.roles import Role
    from core.accounts.services import create_user_with_role
    from core.corpora.services import create_corpus

    tag = uuid.uuid4().hex[:8]
    user = create_user_with_role(f"answer-eval-{tag}", uuid.uuid4().hex, Role.TEACHER)
    corpus = create_corpus(
        name=f"answer eval {tag}", language=language, reader_roles=[Role.TEACHER], created_by=user
    )
    return user, corpus


def ask(user, corpus, item: QA, *, off_corpus: bool) -> Answered:
    """Ask ``item`` as a ``core.ask`` run and execute it here, as a worker would."""
    from core.ask.handler import ASK_KIND
    from core.runs.services import run_inline

    inputs = {"question": item.question, "corpora": [corpus.slug], "language": item.language}
    return read_run(run_inline(user, ASK_KIND, inputs), item, off_corpus=off_corpus)


def _step_end(step):
    if step is None or step.duration_ms is None:
        return None
    return step.started_at + timedelta(milliseconds=step.duration_ms)


def read_run(run, item: QA, *, off_corpus: bool) -> Answered:
    from core.corpora.models import Document
    from core.reasoning.prompting import build_prompt

    steps = list(run.steps.order_by("ordinal"))
    first = {}
    for step in steps:
        first.setdefault(step.kind, step)
    sources = first.get("sources")
    records = list((sources.data or {}).get("passages") or []) if sources else []
    result = run.result or {}
    succeeded = run.status == run.Status.SUCCEEDED
    prompt = first["prompt"].text if "prompt" in first else ""
    answer = first.get("answer")
    ids = {r.get("document_id") for r in records}
    files = dict(Document.objects.filter(pk__in=ids).values_list("pk", "filename"))
    return Answered(
        question=item.question,
        term=item.answer,
        off_corpus=off_corpus,
        relevant=item.relevant,
        answers=item.golds,
        unanswerable=item.unanswerable,
        language=item.language,
        status=run.status,
        error=run.error,
        shown=str(result.get("answer") or "") if succeeded else "",
        origin=str(result.get("origin") or ""),
        abstained=bool(result.get("abstained") or result.get("no_sources")),
        outcome=str(result.get("outcome") or ""),
        decision=first["computation"].data if "computation" in first else None,
        model_text=first["draft"].text if "draft" in first else "",
        sources=[str(r.get("text") or "") for r in records],
        documents=[files.get(r.get("document_id"), "") for r in records],
        relevance=(answer.data or {}).get("relevance") if answer else None,
        prompt=prompt or build_prompt(item.question, records, language=item.language),
        seconds=_seconds(run.created_at, run.finished_at),
        first_answer_s=_seconds(run.created_at, _step_end(answer)),
    )


def _seconds(start, end) -> float | None:
    return (end - start).total_seconds() if start and end else None
