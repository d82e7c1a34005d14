"""Whether the retrieved passages are close enough to a question to quote.

The score is the best passage's dense cosine to the question (the
retrieval's own, or computed with the embedder handed in); without either,
the share of the question's content words found in the best passage. Both
thresholds come from ``bench/compose_threshold.py`` (see there for the rule
and the numbers); re-measure them when the embedder changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.reasoning.compose.questions import shape_of
from core.reasoning.compose.records import Embed, SourceText
from core.reasoning.compose.words import content_stems

# Measured by bench/compose_threshold.py (bundled all-MiniLM-L6-v2, the four
# development chapters rotated, 220 in-corpus and 55 off-corpus questions
# pooled): the midpoint of best balanced accuracy was 0.532 (in-corpus accepted
# 1.0, off-corpus abstained 0.909), with the in-corpus minimum at 0.535: no
# margin. Through the real pipeline (answer_eval on the development chapters:
# hybrid retrieval's top 6, chunked as ingestion does) in-corpus questions
# scored as low as 0.513 and off-corpus ones at most 0.481, so the threshold is
# the round value between the two, 0.50 (the bench's pooled rates there: accept
# 1.0, abstain 0.855). Lexical: 0.918 balanced accuracy (0.982, 0.836).
DENSE_THRESHOLD = 0.50
LEXICAL_THRESHOLD = 0.487


@dataclass(frozen=True)
class Relevance:
    score: float | None
    method: str  # "dense", "lexical" or "none" (no passages)
    threshold: float

    @property
    def relevant(self) -> bool:
        return self.score is not None and self.score >= self.threshold


def dense_score(question: str, sources: Sequence[SourceText], embed: Embed | None) -> float | None:
    """The best passage's cosine to ``question``: the retrieval's when every
    passage carries one, else computed with ``embed``; None without either."""
    if sources and all(s.score is not None for s in sources):
        return max(float(s.score) for s in sources)
    return embedded_cosine(question, sources, embed)


def embedded_cosine(
    question: str, sources: Sequence[SourceText], embed: Embed | None
) -> float | None:
    """The best passage's cosine to ``question`` measured with ``embed``."""
    if embed is None or not sources:
        return None
    vectors = np.asarray(embed([question, *[s.text for s in sources]]), dtype=np.float32)
    return float((vectors[1:] @ vectors[0]).max())


def lexical_score(question: str, sources: Sequence[SourceText]) -> float | None:
    """The largest share of the question's topic words found in one passage."""
    wanted = shape_of(question).stems
    if not wanted or not sources:
        return None
    return max(len(wanted & set(content_stems(s.text))) / len(wanted) for s in sources)


def relevance(
    question: str, sources: Sequence[SourceText], *, embed: Embed | None = None
) -> Relevance:
    """The score abstention is decided on, how it was made, and its threshold."""
    if not sources:
        return Relevance(None, "none", DENSE_THRESHOLD)
    dense = dense_score(question, sources, embed)
    if dense is not None:
        return Relevance(dense, "dense", DENSE_THRESHOLD)
    return Relevance(lexical_score(question, sources), "lexical", LEXICAL_THRESHOLD)


def is_relevant(
    question: str, sources: Sequence[SourceText], *, embed: Embed | None = None
) -> bool:
    """Whether any passage is close enough to ``question`` to quote an answer from."""
    return relevance(question, sources, embed=embed).relevant
