"""Grounded answers, trustworthy by construction.

Retrieved passages go to the model as fenced, numbered, untrusted sources in the
user turn (``core.reasoning.prompting``). Before the model starts, code composes
a cited answer from the same passages (``core.reasoning.compose``: sentences
quoted with their [n], or a templated text from an app's computed facts) and
shows it at once, marked as quoted. The model then writes a draft, watched as
it streams (a loop or an echo of the prompt stops it early); the finished draft
goes through every text check (``core.reasoning.checks``) and replaces the
composed answer only if it passes. A failed draft stays on the run, folded,
with the reasons. A model that is down, out of time or silent leaves the
composed answer in place. The passages recorded are exactly the ones used."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from core.reasoning.checks import CheckReport, Evidence, StreamGuard, check_text
from core.reasoning.compose import Composed, Embed, SourceText, compose_answer
from core.reasoning.compose.answerability import describe_decision
from core.reasoning.context_fit import fit_sources
from core.reasoning.llm import LLMBackend, get_llm
from core.reasoning.prompting import RULES, build_prompt
from core.reasoning.streaming import StreamResult, stream_to_steps
from core.retrieval.passages import Passage
from core.steps.events import Cancelled, DataAttached, StepHandle, StepKind, Steps, Stopped
from core.steps.payloads import citations_data, passage_record, sources_data
from core.text.markdown import find_citations

__all__ = ["GroundedAnswer", "NO_SOURCES_ANSWER", "answer_with_sources", "build_prompt"]

NO_SOURCES_ANSWER = (
    "I found no usable sources for this question in the document collections you can read, "
    "so I will not guess. Try other words, or ask a corpus admin to add documents on this topic."
)
COMPOSED, MODEL = "composed", "model"

Fallback = Callable[[Sequence[SourceText]], Composed]


@dataclass
class GroundedAnswer:
    answer: str  # what is shown: the model's checked text, or the composed one
    reasoning: str
    cited: list[int]
    invalid_citations: list[int]
    passages: list[Passage] = field(default_factory=list)  # what was used, from 1
    no_sources: bool = False
    hit_token_cap: bool = False
    origin: str = COMPOSED  # who wrote ``answer``
    note: str = ""  # the line shown with a composed answer
    abstained: bool = False  # the sources do not cover the question, or do not say
    outcome: str = "answer"  # "answer", "not_covered" or "not_said"
    model_answer: str = ""  # the model's draft, whether shown or not
    checks: dict = field(default_factory=dict)  # CheckReport.as_dict() of the draft

    def as_result(self) -> dict:
        return {
            "answer": self.answer,
            "origin": self.origin,
            "cited": self.cited,
            "invalid_citations": self.invalid_citations,
            "sources": len(self.passages),
            "no_sources": self.no_sources,
            "abstained": self.abstained,
            "outcome": self.outcome,
            "hit_token_cap": self.hit_token_cap,
            "checks": self.checks,
        }


def _score(record: dict, name: str) -> float | None:
    value = (record.get("scores") or {}).get(name)
    return float(value) if isinstance(value, int | float) else None


def source_texts(records: Sequence[dict]) -> list[SourceText]:
    return [
        SourceText(
            r["n"],
            r["text"],
            str(r.get("document_title") or ""),
            str(r.get("heading") or ""),
            _score(r, "dense"),
            _score(r, "lexical"),
        )
        for r in records
    ]


def answer_with_sources(
    steps: Steps,
    *,
    question: str,
    passages: Sequence[Passage],
    instructions: str = "",
    language: str = "en",
    backend: LLMBackend | None = None,
    facts: Sequence[str] = (),
    fallback: Fallback | None = None,
    embed: Embed | None = None,
    embed_reads_across: bool = False,
    draft: bool = True,
    draft_seconds: float | None = None,
) -> GroundedAnswer:
    """A cited answer to ``question`` from ``passages``, recorded as steps (see the
    module docstring). ``facts``: what the app computed (their numbers count as
    supported); ``fallback``: the app's composer (default: sentences quoted from
    the passages, abstaining when none is relevant, which skips the model);
    ``embed``: the embedder for ranking sentences (``embed_reads_across``: a
    multilingual one, whose cosine means something across languages); ``draft``: ask the model at
    all (off: the composed answer is the answer); ``draft_seconds``: stop the
    model's draft after this long (the composed answer stays). Raises Stopped only for a
    question too long to answer; Cancelled when the person stops the run."""
    backend = backend or get_llm()
    records = _record_sources(steps, backend, question, instructions, passages)
    seen = [passages[r["n"] - 1] for r in records]
    composed = _compose(question, records, fallback, embed, language, embed_reads_across)
    if composed.decision:
        _record_decision(steps, composed.decision)
    shown = _show_composed(steps, composed)
    result = GroundedAnswer(
        composed.text,
        "",
        list(composed.cited),
        [],
        seen,
        no_sources=not records,
        note=composed.note,
        abstained=composed.abstained,
        outcome=composed.outcome,
    )
    if not records or (composed.abstained and fallback is None) or not draft:
        return result  # nothing (relevant) to ground a model's answer on, or not asked
    _ask_model(
        steps,
        backend,
        result,
        shown,
        records,
        _evidence(question, records, instructions, facts, language, composed),
        draft_seconds,
    )
    _record_citations(steps, result, len(records))
    return result


def _compose(
    question: str,
    records: list[dict],
    fallback: Fallback | None,
    embed: Embed | None,
    language: str,
    embed_reads_across: bool = False,
) -> Composed:
    """The answer code writes from the sources before the model starts: the app's
    composer, else sentences quoted from them, else (no sources) the refusal."""
    texts = source_texts(records)
    if fallback is not None:
        return fallback(texts)
    composed = compose_answer(
        question, texts, embed=embed, language=language, embed_reads_across=embed_reads_across
    )
    if not records:
        return Composed(NO_SOURCES_ANSWER, (), True, composed.note, None, "not_covered")
    return composed


def _evidence(
    question: str,
    records: list[dict],
    instructions: str,
    facts: Sequence[str],
    language: str,
    composed: Composed,
) -> Evidence:
    """What the model's draft is checked against: its prompt, rules, sources and facts."""
    return Evidence(
        prompt=build_prompt(question, records, instructions=instructions, language=language),
        instructions=(*RULES, *([instructions] if instructions else [])),
        sources=tuple(r["text"] for r in records),
        facts=tuple(facts),
        question=question,
        language=language,
        require_citations=bool(records),
        answer_found=not composed.abstained,
    )


def _ask_model(
    steps: Steps,
    backend: LLMBackend,
    result: GroundedAnswer,
    shown: StepHandle,
    records: list[dict],
    evidence: Evidence,
    draft_seconds: float | None,
) -> None:
    """The model's draft, checked; it replaces the composed answer only if it passes."""
    _record_prompt(steps, backend, evidence.prompt, len(records))
    stream, failure = _draft(steps, backend, evidence.prompt, evidence, draft_seconds)
    result.reasoning, result.model_answer = stream.reasoning, stream.answer
    result.hit_token_cap = stream.hit_token_cap
    report = check_text(stream.answer, evidence) if not failure else None
    used = report is not None and report.passed and not stream.stopped_by
    result.checks = _record_checks(steps, stream, failure, report, used)
    if used:
        result.answer, result.origin, result.note = stream.answer.strip(), MODEL, ""
        steps.sink.emit(
            DataAttached(shown.key, {"origin": MODEL, "note": ""}, replace_text=result.answer)
        )


def _record_sources(
    steps: Steps, backend: LLMBackend, question: str, instructions: str, passages
) -> list[dict]:
    """The passages that fit the model's context window, as numbered records."""
    records = [passage_record(i, p) for i, p in enumerate(passages, start=1)]
    with steps.step(StepKind.SOURCES, "Sources given to the model") as step:
        records, left_out = fit_sources(backend, question, instructions, records)
        step.data = sources_data(records, left_out)
        if left_out:
            step.text = f"{left_out} more passages did not fit in the model's context window."
    return records


def _record_prompt(steps: Steps, backend: LLMBackend, prompt: str, sources: int) -> None:
    with steps.step(StepKind.PROMPT, "Prompt sent to the model") as step:
        step.text = prompt
        step.data = {
            "tokens": backend.count_tokens(prompt),
            "sources": sources,
            "model": backend.model_name,
        }


def _record_decision(steps: Steps, decision: dict) -> None:
    """Whether the sources answer the question, and the evidence, in words."""
    with steps.step(StepKind.COMPUTATION, "Do the sources answer this?") as step:
        step.text = "\n".join(f"- {line}" for line in describe_decision(decision))
        step.data = decision


def _show_composed(steps: Steps, composed: Composed) -> StepHandle:
    """The composed answer, on screen as soon as the sources are known."""
    with steps.step(StepKind.ANSWER, "Answer") as answer:
        answer.text = composed.text
        answer.data = {
            "origin": COMPOSED,
            "note": composed.note,
            "abstained": composed.abstained,
            "relevance": composed.relevance,
        }
    return answer


def _draft(
    steps: Steps,
    backend: LLMBackend,
    prompt: str,
    evidence: Evidence,
    deadline_s: float | None = None,
) -> tuple[StreamResult, str]:
    """The model's draft answer, watched as it streams; (result, why it cannot be used)."""
    guard = StreamGuard(evidence)

    def stop_when(text: str) -> str:
        failure = guard.feed(text)
        return failure.detail if failure else ""

    try:
        result = stream_to_steps(
            steps,
            [{"role": "user", "content": prompt}],
            backend=backend,
            answer_kind=StepKind.DRAFT,
            answer_title="What the model wrote",
            stop_when=stop_when,
            deadline_s=deadline_s,
        )
    except Cancelled:
        raise
    except Stopped as exc:  # the model server failed mid-way: the composed answer stays
        return StreamResult(), exc.message
    if result.stopped_by:
        return result, f"Stopped early: {result.stopped_by}"
    if not result.answer.strip():
        if result.hit_token_cap:
            return result, "The model used its whole token budget thinking and gave no answer."
        return result, "The model gave no answer."
    return result, ""


def _record_checks(
    steps: Steps, stream: StreamResult, failure: str, report: CheckReport | None, used: bool
) -> dict:
    with steps.step(StepKind.CHECKS, "Checks on the model's text") as checks:
        if report is None:
            checks.data = {"passed": False, "ran": [], "failures": [], "unavailable": failure}
            checks.text = f"{failure} The answer shown is the one quoted from the sources."
        else:
            checks.data = {**report.as_dict(), "used": used}
            if used:
                checks.text = (
                    f"The model's answer passed all {len(report.ran)} checks and is shown."
                )
            else:
                reasons = "; ".join(f.detail for f in report.failures)
                checks.text = f"The model's answer was not used: {reasons}"
        checks.status = "succeeded"
    return dict(checks.data)


def _record_citations(steps: Steps, result: GroundedAnswer, count: int) -> None:
    cited = find_citations(result.answer)
    result.cited = [n for n in cited if 1 <= n <= count]
    result.invalid_citations = [n for n in cited if n not in result.cited]
    with steps.step(StepKind.CITATIONS, "Citation check") as check:
        check.data = citations_data(result.cited, result.invalid_citations, count)
        if result.invalid_citations:
            numbers = ", ".join(map(str, result.invalid_citations))
            check.text = (
                f"The answer cites source(s) {numbers}, which were not given to the model: "
                "treat those statements with suspicion."
            )
        elif not cited:
            check.text = "The answer cites none of the sources."
        else:
            check.text = f"Every citation points to one of the {count} sources given."
