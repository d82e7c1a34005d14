"""Whether the corpus has anything on the topic a lesson is asked for.

Two rules, both needed for a lesson topic (a phrase of two or three words):

- the core's relevance (``core.reasoning.relevance``, the measured threshold
  Ask abstains on): the best passage's dense cosine to the topic, the
  retrieval's own when it searched for the topic alone, else the embedder's;
- every content word of the topic is in some retrieved passage (a crude
  stem's first five letters: "adding" meets "add"). A short topic's cosine
  carries its shared words: "Adding decimals" scores 0.537 against the
  whole-numbers chapter, which never says "decimal", and "Multiplying
  decimals" 0.592, above "Place value" (0.576), which it does cover.

Measured by ``tests/apps/courseware/measure_topic_coverage.py`` (the four
development chapters rotated, each held out in turn; topics: their section
headings, chapter furniture such as "Practice Problems" left out; the top 8
passages by cosine): the cosine alone at 0.532 accepts all 252 in-corpus
topics and refuses 74% of the 84 off-corpus ones; with the word rule it still
accepts all and refuses 90%, the 8 it takes being whole-number topics that
the fractions chapter teaches too ("Add Whole Numbers" with the whole-numbers
chapter held out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.courseware import run_words
from core.reasoning import Relevance, SourceText, relevance
from core.retrieval import get_embedder, on_reference_scale

# Words of a topic that frame the lesson rather than name its subject.
FRAME_WORDS = frozenset(
    """what with from that this about into their there which lesson lessons introduction
    using between these those when where does each other some such than then them they were
    will your over under more most only also both very grade class students unit chapter
    part parts basics basic simple understanding understand learn learning teach teaching
    explain explaining intro overview""".split()
)


@dataclass(frozen=True)
class Coverage:
    relevance: Relevance
    missing: tuple[str, ...]  # the topic's words that no retrieved passage has

    @property
    def covered(self) -> bool:
        return self.relevance.relevant and not self.missing

    def as_data(self) -> dict:
        score = self.relevance.score
        return {
            "score": None if score is None else round(score, 3),
            "method": self.relevance.method,
            "threshold": self.relevance.threshold,
            "missing_words": list(self.missing),
        }

    def describe(self) -> str:
        """Why, in words, for the retrieval step."""
        score = self.relevance
        if score.score is None:
            return run_words.NO_PASSAGE
        best = run_words.BEST_COSINE if score.method == "dense" else run_words.BEST_SHARE
        text = best % {"score": f"{score.score:.3f}", "threshold": score.threshold}
        if self.missing:
            shown = ", ".join(f"“{w}”" for w in self.missing[:4])
            text += "; " + run_words.MISSING_WORDS % {"words": shown}
        return text


def word_key(word: str) -> str:
    """A crude stem's first five letters: "adding" ~ "add", "fractions" ~ "fraction"."""
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    return word[:5]


def topic_words(topic: str) -> list[str]:
    """The content words of an English topic (none for other scripts: the
    cosine alone decides there)."""
    found = re.findall(r"[a-z]{4,}", topic.lower())
    return list(dict.fromkeys(w for w in found if w not in FRAME_WORDS))


def missing_words(topic: str, passages: list) -> tuple[str, ...]:
    text = " ".join(f"{p.heading or ''} {p.text}" for p in passages).lower()
    have = {word_key(w) for w in re.findall(r"[a-z]{3,}", text)}
    return tuple(w for w in topic_words(topic) if word_key(w) not in have)


def topic_coverage(topic: str, query: str, passages: list) -> Coverage:
    """How well the retrieved ``passages`` (core Passages, for ``query``) cover ``topic``."""
    same_query = query == topic
    if same_query:  # another embedder's cosines (a Hindi corpus's e5) on the threshold's scale
        passages = on_reference_scale(topic, passages)
    texts = [
        SourceText(
            n,
            p.text,
            p.document_title or "",
            p.heading or "",
            (p.scores or {}).get("dense") if same_query else None,
        )
        for n, p in enumerate(passages, start=1)
    ]
    score = relevance(topic, texts, embed=lambda batch: get_embedder().embed_documents(batch))
    return Coverage(score, missing_words(topic, passages))
