"""The shapes going in and out of the composers (plain data, no Django)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

# The embedder as the composers see it: texts in, unit-length vectors out
# (production passes ``get_embedder().embed_documents``).
Embed = Callable[[list[str]], Sequence[Sequence[float]]]


@dataclass(frozen=True)
class SourceText:
    """One numbered passage a composed text may cite as ``[n]``."""

    n: int
    text: str
    title: str = ""
    heading: str = ""
    score: float | None = None  # the retrieval's dense cosine (scores["dense"]), if known
    lexical: float | None = None  # the retrieval's BM25 score (scores["lexical"]), if known


@dataclass(frozen=True)
class Composed:
    """Cited text written by code.

    ``text`` is Markdown in which every quoted sentence is followed by its
    ``[n]``; ``note`` is one plain line for the reader (quoted from the
    sources, or why nothing is quoted); ``relevance`` is the score the
    abstention was decided on, for the run's record."""

    text: str
    cited: tuple[int, ...]
    abstained: bool
    note: str
    relevance: float | None = None
    outcome: str = "answer"  # "answer", "not_covered" or "not_said" (abstained: not "answer")
    decision: dict | None = None  # answerability's Decision.as_dict(), for the run's record
