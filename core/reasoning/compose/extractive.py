"""Ask's composed answer: the retrieved sentences that best answer the
question, quoted as they are, each followed by its [n]; or, when nothing
retrieved is close enough, a plain line saying the sources do not cover it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from core.reasoning.compose.answerability import Decision, Signals, decide, decide_across
from core.reasoning.compose.asked import asked_type, holds
from core.reasoning.compose.contradiction import conflict
from core.reasoning.compose.key_weights import best_share, idf
from core.reasoning.compose.keys import keys, question_keys
from core.reasoning.compose.messages import line
from core.reasoning.compose.questions import shape_of
from core.reasoning.compose.ranking import Ranked, rank_sentences, term_unit
from core.reasoning.compose.records import Composed, Embed, SourceText
from core.reasoning.compose.relevance import dense_score, embedded_cosine
from core.reasoning.compose.sentences import Sentence, quotable_sentences
from core.reasoning.compose.words import content_stems
from core.text.languages import (
    can_match,
    needs_other_language_note,
    reply_language,
    script_of,
)

# A further sentence is quoted only when it scores within this much of the best
# one (cosine units): close seconds add to the answer, weaker ones dilute it.
SECOND_SENTENCE_MARGIN = 0.15
NEAR_DUPLICATE = 0.6  # share of content words two quoted sentences may have in common
# Across languages the embedder's cosine is near noise: the retrieval's order
# counts for this much from the first passage to the last.
ORDER_PRIOR = 0.3
TYPED_DEPTH = 3  # the best sentences searched for an answer of the asked type

_BRACKETED_NUMBER = re.compile(r"\[(\d+)\]")
_BLOCK_START = re.compile(r"^(?:#|>|[-+]\s|\*(?!\*)|\d+[.)]\s)")
_END = re.compile(r"[.!?…。！？।]+$")


def _abstain(
    reason: str,
    language: str,
    score: float | None,
    decision: Decision | None = None,
    answer: str = "not_covered",
) -> Composed:
    return Composed(
        line(answer, language),
        (),
        True,
        line(reason, language),
        score,
        "not_covered",
        decision.as_dict() if decision else None,
    )


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
        same = any(
            (candidate.sentence.n, candidate.sentence.index) == (c.sentence.n, c.sentence.index)
            for c in chosen
        )  # two clause windows of one long sentence overlap
        if not same and not any(_similar(candidate.sentence, c.sentence) for c in chosen):
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
    if text.endswith("…") and not text.endswith(("...…", ".…")):
        return f"{text} [{sentence.n}]"  # a clause window cut short: the mark stays last
    end = _END.search(text)
    if end:
        return f"{text[: end.start()]} [{sentence.n}]{end.group(0)}"
    return f"{text} [{sentence.n}]"


def _agree(sources: Sequence[SourceText]) -> bool | None:
    dense = [s for s in sources if s.score is not None]
    lexical = [s for s in sources if s.lexical is not None]
    if not dense or not lexical:
        return None
    return max(dense, key=lambda s: s.score).n == max(lexical, key=lambda s: s.lexical).n


def signals_of(
    question: str,
    kind: str,
    sources: Sequence[SourceText],
    ranked: list[Ranked],
    dense: float | None,
) -> Signals:
    """The evidence the answerability decision is made on (see ``answerability``)."""
    wanted = question_keys(question)
    passage_keys = [set(keys(s.text)) for s in sources]
    if kind == "term":  # as ranked: the term's sentence and what the book says of it next
        asked = set(content_stems(question))
        sentence_keys = [set(keys(term_unit(r.sentence, asked))) for r in ranked]
    else:
        sentence_keys = [set(keys(r.sentence.quote)) for r in ranked]
    weights, unseen = idf(passage_keys)
    passage_share, _ = best_share(wanted, passage_keys, weights, unseen)
    sentence_share, _ = best_share(wanted, sentence_keys, weights, unseen)
    lexical = [s.lexical for s in sources if s.lexical is not None]
    per_word = max(lexical) / max(len(wanted), 1) if lexical else None
    typed = None
    if kind not in ("other", "term"):
        found = [holds(kind, r.sentence.quote, question) for r in ranked[:TYPED_DEPTH]]  # type: ignore[arg-type]
        typed = None if not found or all(f is None for f in found) else any(found)
    elif kind == "term" and ranked:
        typed = any(r.cue > 0 for r in ranked[:TYPED_DEPTH])
    return Signals(
        kind,
        dense,
        per_word,
        sentence_share,
        passage_share,
        _agree(sources),
        typed,
        script_of([question]) or "",
    )


def _across_signals(question: str, kind: str, dense: float | None) -> Signals:
    """The signals of a question no passage shares a script with: meaning alone."""
    script = script_of([question]) or ""
    return Signals(kind, dense, None, 0.0, 0.0, None, None, script, across=True)


def _checked(
    decision: Decision, question: str, best: Sentence, sources: Sequence[SourceText]
) -> Decision:
    """The answer decision, turned to "do not say" when the sentence it would
    quote says something other than what was asked (``contradiction``)."""
    passage = next(s.text for s in sources if s.n == best.n)
    why = conflict(question, best.quote, passage)
    if not why:
        return decision
    return replace(decision, outcome="not_said", signals=replace(decision.signals, conflict=why))


def _not_said(decision: Decision, ranked: list[Ranked], reply: str) -> Composed:
    """The refusal that shows the closest passage's best sentence, cited."""
    text = line("not_said", reply)
    cited: tuple[int, ...] = ()
    if ranked:
        text = f"{text}\n\n> {quoted(ranked[0].sentence)}"
        cited = (ranked[0].sentence.n,)
    return Composed(
        text,
        cited,
        True,
        line("not_answered", reply),
        decision.signals.dense,
        "not_said",
        decision.as_dict(),
    )


def compose_answer(
    question: str,
    sources: Sequence[SourceText],
    *,
    embed: Embed | None = None,
    language: str = "en",
    max_sentences: int = 2,
    embed_reads_across: bool = False,
) -> Composed:
    """The extractive answer to ``question`` from ``sources`` (see the module docstring).

    Whether to answer at all is ``answerability.decide``'s: answer, "the
    sources do not cover this" or "the sources talk about this but do not
    say". The best sentence comes first, then a close second from another
    place in the order of the sources. A question in a script the passages
    are not written in cannot be matched word for word: the best retrieved
    sentences are quoted as they are, after a lead-in in the asked language
    saying so (and the note says it too), when a multilingual embedder
    (``embed_reads_across``) puts them close enough by meaning; without one
    such a question is not answered ("another language")."""
    reply = reply_language(question, language)
    if not sources:
        return _abstain("no_passages", reply, None)
    script = script_of([s.text for s in sources])
    matchable = can_match(question, script)
    shape = shape_of(question)
    kind = asked_type(question, shape)
    sentences = [s for source in sources for s in quotable_sentences(source.n, source.text)]
    ranked = rank_sentences(question, shape, sentences, embed=embed, kind=kind)
    decision = None
    if matchable:
        dense = dense_score(question, sources, embed)
        decision = decide(signals_of(question, kind, sources, ranked, dense))
        if decision.outcome == "answer" and ranked:
            decision = _checked(decision, question, ranked[0].sentence, sources)
        if decision.outcome == "not_said":
            return _not_said(decision, ranked, reply)
        if decision.outcome == "not_covered":
            return _abstain("not_close", reply, dense, decision)
    else:
        across = embedded_cosine(question, sources, embed) if embed_reads_across else None
        decision = decide_across(_across_signals(question, kind, across))
        if decision.outcome != "answer":
            if across is None:
                return _abstain("other_script_why", reply, None, decision, "other_script")
            return _abstain("not_close", reply, across, decision)
        ranked = _with_order_prior(ranked, {s.n: i for i, s in enumerate(sources)})
        # One sentence under the lead-in: by meaning alone a second adds length, not answers.
        max_sentences = 1
    chosen = _choose(ranked, max(1, max_sentences))
    if not chosen:
        return _abstain("not_close", reply, None, decision)
    order = {s.n: i for i, s in enumerate(sources)}
    rest = sorted(chosen[1:], key=lambda r: (order[r.sentence.n], r.sentence.index))
    picked = [chosen[0].sentence, *(r.sentence for r in rest)]
    cited = tuple(sorted({s.n for s in picked}))
    text = " ".join(quoted(s) for s in picked)
    recorded = decision.as_dict() if decision else None
    score = decision.signals.dense if decision else None
    if needs_other_language_note(reply, script):
        # A lead-in in the asked language is part of the answer, in the quotes'
        # paragraph: without it the answer has not one word in the asked language.
        lead = line("other_language_lead", reply)
        note = line("other_language", reply)
        return Composed(f"{lead}\n{text}", cited, False, note, score, "answer", recorded)
    return Composed(text, cited, False, line("quoted", reply), score, "answer", recorded)
