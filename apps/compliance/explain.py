"""Explanations of failing and borderline findings through the core, numbers checked in code."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings

from apps.compliance.finding_explanation import composed_parts
from apps.compliance.rules import measured_text
from core.corpora import Corpus, retrieve
from core.reasoning import answer_with_sources, compose_finding
from core.retrieval import get_embedder
from core.steps import Steps

# Not a number inside a name: "door D3 in storey 1" states no 3 inches.
NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(mm|millimet\w*|cm|m\b|metres?|meters?|in\b|inch\w*)",
    re.IGNORECASE,
)
TO_M = {"mm": 0.001, "cm": 0.01, "m": 1.0, "in": 0.0254}


def numbers_in_metres(text: str) -> list[float]:
    out = []
    for value, unit in NUMBER.findall(text or ""):
        u = unit.lower()
        key = (
            "mm"
            if u.startswith("mm") or u.startswith("millim")
            else ("cm" if u == "cm" else ("in" if u.startswith("in") else "m"))
        )
        out.append(float(value.replace(",", ".")) * TO_M[key])
    return out


def check_numbers(text: str, finding: dict, clauses: Sequence[str] = ()) -> list[str]:
    """Lengths in an explanation that match none of the finding's own numbers (measured,
    required, and for doors the drawn outline and the clear width) nor a length of
    the clause text it cites: a number quoted from its clause is evidence, in any
    unit (the clause's 32 inches is 0.8128 m)."""
    stated = ("measured", "threshold", "threshold_max", "outline_m", "clear_m")
    allowed = [finding.get(k) for k in stated if isinstance(finding.get(k), int | float)]
    allowed += [length for clause in clauses for length in numbers_in_metres(clause)]
    bad = []
    for v in numbers_in_metres(text):
        if not any(abs(v - a) <= max(0.0015, 0.002 * a) for a in allowed):
            bad.append(f"{v:g} m")
    return bad


def question_for(f: dict) -> str:
    # The note says why a value is missing, or what else was measured (a door's clear
    # width, a route's exit): facts the answer may state.
    measured = measured_text(f) + (f" ({f['note']})" if f.get("note") else "")
    return (
        f"A drawing check found: {f['title']} ({f['clause']}) on {f.get('label') or f['element']}"
        f" in storey {f['storey']}. Measured: {measured}. Required: {f['required']}. "
        f"Status: {f['status']}. Explain what the clause requires, whether this element "
        f"complies, and what a person must judge on site."
    )


INSTRUCTIONS = (
    "Use only the numbers given in the question for measured and required values; do not "
    "compute new ones. If the clause text is not among the sources, say the text is not "
    "available and cite the clause id only. Say when a human must judge."
)


def explain_findings(
    steps: Steps,
    findings: list[dict],
    corpus_slugs: list[str],
    *,
    user=None,
    limit: int = 5,
    pack_language: str = "en",
) -> None:
    """Explain up to ``limit`` failing or borderline findings in place (adds 'explanation';
    one composed by code also gets 'explanation_parts', to be shown in any language)."""
    chosen = [f for f in findings if f["status"] != "pass" or f.get("borderline")][:limit]
    embed = get_embedder().embed_documents if corpus_slugs else None
    for f in chosen:
        query = f"{f['clause']} {f['title']}"
        # retrieve answers [] when none of the corpora exists or the user may read none;
        # anything it raises is a broken index or database, which fails the run.
        passages = retrieve(query, user=user, corpora=corpus_slugs, k=4) if corpus_slugs else []
        if not passages:  # no clause text to ground a model on: code states the facts
            composed = compose_finding(f, [])
            f["explanation"], f["explanation_origin"] = composed.text, "composed"
            f["explanation_parts"] = composed_parts(f, composed.text, "en", pack_language)
            f["explanation_checked"] = []
            continue
        answer = answer_with_sources(
            steps,
            question=question_for(f),
            passages=passages,
            instructions=INSTRUCTIONS,
            facts=(question_for(f),),
            fallback=lambda clauses, f=f: compose_finding(f, clauses, embed=embed),
            embed=embed,
        )
        f["explanation"], f["explanation_origin"] = answer.answer, answer.origin
        if answer.origin == "composed":
            quote_language = _language_of(passages[0].corpus_slug)
            f["explanation_parts"] = composed_parts(f, answer.answer, quote_language, pack_language)
        cited = [passages[n - 1].text for n in answer.cited if 1 <= n <= len(passages)]
        f["explanation_mismatches"] = check_numbers(answer.answer, f, cited)
        f["explanation_citations"] = answer.cited


def _language_of(corpus_slug: str) -> str:
    """The language a code corpus is written in: what its quoted clauses are labelled with."""
    return (
        Corpus.objects.filter(slug=corpus_slug).values_list("language", flat=True).first() or "en"
    )


def code_corpora() -> list[str]:
    """The configured building-code corpora that exist here."""
    slugs = settings.COMPLIANCE_CODE_CORPORA
    return list(Corpus.objects.filter(slug__in=slugs).values_list("slug", flat=True))
