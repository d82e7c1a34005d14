"""Judging each answer and the JSON object of the protocol."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from core.ask.evaluation.matching import contains_own_term, names_answer, shown_words
from core.ask.evaluation.rules import (
    looping_phrase,
    markup_tags,
    unsupported_numbers,
    valid_citations,
)
from core.ask.evaluation.runs import Answered


@dataclass
class Judged:
    own_term: bool  # the question's text contains its own term
    right: bool  # the shown answer names the term
    model_right: bool  # the model's raw text names the term
    markup: list[str]
    loop: str
    unsupported: list[str]
    failed_checks: list[str]  # by the product's checks
    citations: tuple[int, int]  # (valid, all)


def product_check_failures(answered: Answered) -> list[str]:
    """The product's checks on the shown answer, given what the run gave the model."""
    from core.reasoning.checks import Evidence, check_text
    from core.reasoning.prompting import RULES

    if not answered.shown or answered.abstained:
        return []  # a refusal is the composer's own fixed line in the asked language
    evidence = Evidence(
        prompt=answered.prompt,
        instructions=RULES,
        sources=tuple(answered.sources),
        question=answered.question,
        language=answered.language,
        require_citations=bool(answered.sources),
    )
    return list(check_text(answered.shown, evidence).names)


def judge(answered: Answered) -> Judged:
    shown, question, golds = answered.shown, answered.question, answered.answers
    if not golds and answered.term:
        golds = (answered.term,)
    return Judged(
        own_term=any(contains_own_term(question, gold) for gold in golds),
        right=bool(golds) and not answered.abstained and names_answer(shown, golds, question),
        model_right=bool(golds) and names_answer(answered.model_text, golds, question),
        markup=markup_tags(shown),
        loop=looping_phrase(shown),
        unsupported=unsupported_numbers(shown, answered.sources),
        failed_checks=product_check_failures(answered),
        citations=valid_citations(shown, len(answered.sources)),
    )


# --- the report -------------------------------------------------------------------------


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def nearest_rank(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile: the smallest value with ``fraction`` of all at or below."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(fraction * len(ordered)) - 1)], 2)


def summary(results: Sequence[tuple[Answered, Judged]]) -> dict:
    """The JSON object of the protocol (keys as issue 13 names them)."""
    lines = [(a, j) for a, j in results if not a.off_corpus]
    asked = [(a, j) for a, j in lines if not a.unanswerable]
    unanswerable = [a for a, _ in lines if a.unanswerable]
    off = [a for a, _ in results if a.off_corpus]
    fair = [(a, j) for a, j in asked if not j.own_term]
    shown = [shown_words(a.shown) for a, _ in results if a.shown and not a.abstained]
    seconds = [a.seconds for a, _ in results if a.seconds is not None]
    firsts = [a.first_answer_s for a, _ in results if a.first_answer_s is not None]
    valid = sum(j.citations[0] for _, j in results)
    cited = sum(j.citations[1] for _, j in results)
    report = {
        "questions": len(lines),
        "answer_accuracy": _share(sum(j.right for _, j in fair), len(fair)),
        "answer_accuracy_all": _share(sum(j.right for _, j in asked), len(asked)),
        "model_answer_accuracy": _share(sum(j.model_right for _, j in fair), len(fair)),
        "shown_from_model_share": _share(sum(a.origin == "model" for a, _ in asked), len(asked)),
        "abstained_off_corpus_share": _share(sum(a.abstained for a in off), len(off)),
        "shown_markup": sum(bool(j.markup) for _, j in results),
        "shown_loops": sum(bool(j.loop) for _, j in results),
        "unsupported_numbers_shown": sum(len(j.unsupported) for _, j in results),
        "shown_failed_checks": sum(bool(j.failed_checks) for _, j in results),
        "citation_valid_share": _share(valid, cited),
        "seconds_median": _median(seconds),
        "seconds_p95": nearest_rank(seconds, 0.95),
        "seconds_to_first_answer_median": _median(firsts),
        "false_abstention_share": _share(sum(a.abstained for a, _ in asked), len(asked)),
        "shown_words_median": _median(shown),
    }
    if unanswerable:
        report["abstained_unanswerable_share"] = _share(
            sum(a.abstained for a in unanswerable), len(unanswerable)
        )
    return report


def problems(answered: Answered, judged: Judged) -> list[str]:
    """What went wrong with one question, in short words (for the log and the details)."""
    found = []
    if answered.status != "succeeded":
        found.append(f"run {answered.status}: {answered.error}")
    if answered.off_corpus and not answered.abstained:
        found.append("off-corpus question answered")
    if answered.unanswerable and not answered.abstained:
        found.append("unanswerable question answered")
    if not answered.off_corpus and not answered.unanswerable and not judged.right:
        found.append("abstained" if answered.abstained else "term not named")
        if answered.relevant and not set(answered.relevant) & set(answered.documents):
            found.append("no passage of the defining files given")
    found += [f"markup {t}" for t in judged.markup[:3]]
    found += [f"loop “{judged.loop}”"] if judged.loop else []
    found += [f"unsupported number {n}" for n in judged.unsupported]
    found += [f"product check {name}" for name in judged.failed_checks]
    valid, cited = judged.citations
    found += [f"{cited - valid} invalid citations"] if valid < cited else []
    return found


def detail(answered: Answered, judged: Judged) -> dict:
    """One question's record for ``--details`` (JSON lines)."""
    row = {k: v for k, v in vars(answered).items() if k not in ("sources", "prompt")}
    row["relevance"] = round(answered.relevance, 4) if answered.relevance is not None else None
    golds = answered.answers or ((answered.term,) if answered.term else ())
    return {
        **row,
        "gold_in_sources": any(names_answer(text, golds, "") for text in answered.sources),
        "sources": len(answered.sources),
        **vars(judged),
        "problems": problems(answered, judged),
    }
