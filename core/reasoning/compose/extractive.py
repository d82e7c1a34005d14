"""Ask's composed answer: the retrieved sentences that best answer the
question, quoted as they are, each followed by its [n]; or, when nothing
retrieved is close enough, a plain line saying the sources do not cover it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from core.reasoning.compose.languages import (
    can_match,
    needs_other_language_note,
    reply_language,
    script_of,
)
from core.reasoning.compose.messages import line
from core.reasoning.compose.questions import shape_of
from core.reasoning.compose.ranking import Ranked, rank_sentences
from core.reasoning.compose.records import Composed, Embed, SourceText
from core.reasoning.compose.relevance import relevance
from core.reasoning.compose.sentences import Sentence, quotable_sentences
from core.reasoning.compose.words import content_stems

# A further sentence is quoted only when it scores within this much of the best
# one (cosine units): close seconds add to the answer, weaker ones dilute it.
SECOND_SENTENCE_MARGIN = 0.15
NEAR_DUPLICATE = 0.6  # share of content words two quoted sentences may have in common
# Across languages the embedder's cosine is near noise: the retrieval's order
# counts for this much from the first passage to the last.
ORDER_PRIOR = 0.3

_BRACKETED_NUMBER = re.compile(r"\[(\d+)\]")
_BLOCK_START = re.compile(r"^(?:#|>|[-+]\s|\*(?!\*)|\d+[.)]\s)")
_END = re.compile(r"[.!?…。！？।]+$")


def _abstain(reason: str, language: str, score: float | None) -> Composed:
    return Composed(line("not_covered", language), (), True, line(reason, language), score)


def _similar(a: Sentence, b: Sentence) -> bool:
    x, y = set(content_stems(a.quote)), set(content_stems(b.quote))
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= NEAR_DUPLICATE


def _choose(ranked: list[Ranked], limit: int) -> list[Ranked]:
    if not ranked:
        return []
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= limit or candidate.score < ranked[0].score - SECOND_SENTENCE_MARGIN:
            break
        if not any(_similar(candidate.sentence, c.sentence) for c in chosen):
            chosen.append(candidate)
    return chosen


def _with_order_prior(ranked: list[Ranked], order: dict[int, int]) -> list[Ranked]:
    last = max(len(order) - 1, 1)
    moved = [
        replace(r, score=r.score + ORDER_PRIOR * (1 - order[r.sentence.n] / last)) for r in ranked
    ]
    return sorted(moved, key=lambda r: (-r.score, order[r.sentence.n], r.sentence.index))


def _balanced(text: str) -> str:
    """Emphasis markers that would run past the sentence are dropped."""
    if text.count("**") % 2:
        text = text.replace("**", "")
    if len(re.findall(r"(?<!\*)\*(?!\*)", text)) % 2:
        text = re.sub(r"(?<!\*)\*(?!\*)", "", text)
    return text


def quoted(sentence: Sentence) -> str:
    """``sentence`` as Markdown with its citation: before its final stop, or
    after it when the sentence ends in a bracket or a quotation mark."""
    text = _balanced(_BRACKETED_NUMBER.sub(r"(\1)", sentence.quote.strip()))
    if _BLOCK_START.match(text):
        text = "\\" + text
    end = _END.search(text)
    if end:
        return f"{text[: end.start()]} [{sentence.n}]{end.group(0)}"
    return f"{text} [{sentence.n}]"


def compose_answer(
    question: str,
    sources: Sequence[SourceText],
    *,
    embed: Embed | None = None,
    language: str = "en",
    max_sentences: int = 3,
) -> Composed:
    """The extractive answer to ``question`` from ``sources`` (see the module docstring).

    The best sentence comes first, then the others in the order of the
    sources. A question in a script the passages are not written in is not
    held to the relevance threshold (its words cannot be matched): the best
    retrieved sentences are quoted as they are, after a lead-in in the asked
    language saying so (and the note says it too)."""
    reply = reply_language(question, language)
    if not sources:
        return _abstain("no_passages", reply, None)
    script = script_of([s.text for s in sources])
    matchable = can_match(question, script)
    judged = relevance(question, sources, embed=embed)
    if matchable and not judged.relevant:
        return _abstain("not_close", reply, judged.score)
    sentences = [s for source in sources for s in quotable_sentences(source.n, source.text)]
    ranked = rank_sentences(question, shape_of(question), sentences, embed=embed)
    if not matchable:
        ranked = _with_order_prior(ranked, {s.n: i for i, s in enumerate(sources)})
    chosen = _choose(ranked, max(1, max_sentences))
    if not chosen:
        return _abstain("not_close", reply, judged.score)
    order = {s.n: i for i, s in enumerate(sources)}
    rest = sorted(chosen[1:], key=lambda r: (order[r.sentence.n], r.sentence.index))
    picked = [chosen[0].sentence, *(r.sentence for r in rest)]
    cited = tuple(sorted({s.n for s in picked}))
    text = " ".join(quoted(s) for s in picked)
    if needs_other_language_note(reply, script):
        # A lead-in in the asked language is part of the answer, in the quotes'
        # paragraph: without it the answer has not one word in the asked language.
        lead = line("other_language_lead", reply)
        note = line("other_language", reply)
        return Composed(f"{lead}\n{text}", cited, False, note, judged.score)
    return Composed(text, cited, False, line("quoted", reply), judged.score)
