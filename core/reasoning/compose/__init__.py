"""Cited text composed by code: what the pages show when the model's text
fails the checks, or the model is unavailable or out of time.

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

__all__ = [
    "AdvisoryTable",
    "DENSE_THRESHOLD",
    "FindingFacts",
    "LEXICAL_THRESHOLD",
    "Composed",
    "Embed",
    "Relevance",
    "SourceText",
    "compose_advisory",
    "compose_answer",
    "compose_finding",
    "is_relevant",
    "relevance",
]
