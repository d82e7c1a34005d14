"""Cited text composed by code: what the pages show when the model's text
fails the checks, or the model is unavailable or out of time.

- ``compose_answer``: Ask's extractive answer, or the "sources do not cover
  this" line when ``is_relevant`` says nothing retrieved is close enough;
- ``compose_finding``, ``compose_advisory``: templated from the computed
  facts, with the clause or the market report quoted and cited;
- ``quotable_sentences``: the prose of a passage without headings, figure
  captions, tables, exercises (for any app choosing text to show).

A plain library (no Django): the embedder comes in as a callable
``embed(texts) -> vectors`` of unit length."""

from core.reasoning.compose.advisory import AdvisoryTable, compose_advisory
from core.reasoning.compose.extractive import compose_answer
from core.reasoning.compose.findings import FindingFacts, compose_finding
from core.reasoning.compose.records import Composed, Embed, SourceText
from core.reasoning.compose.relevance import (
    DENSE_THRESHOLD,
    LEXICAL_THRESHOLD,
    Relevance,
    is_relevant,
    relevance,
)
from core.reasoning.compose.sentences import Sentence, is_caption, quotable_sentences

__all__ = [
    "AdvisoryTable",
    "DENSE_THRESHOLD",
    "FindingFacts",
    "LEXICAL_THRESHOLD",
    "Composed",
    "Embed",
    "Relevance",
    "Sentence",
    "SourceText",
    "compose_advisory",
    "compose_answer",
    "compose_finding",
    "is_relevant",
    "quotable_sentences",
    "is_caption",
    "relevance",
]
