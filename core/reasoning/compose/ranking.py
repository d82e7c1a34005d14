"""Sentences ranked by how well they answer a question: the embedder's cosine
to the question's topic plus lexical overlap of stemmed content words
(weighted by rarity among the candidates), raised by a share when the
sentence has the form of the definition asked for. A sentence that adds no
content word to the question's own is not ranked at all: quoting it would
only repeat the question back."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.reasoning.compose.asked import holds
from core.reasoning.compose.keys import keys
from core.reasoning.compose.questions import QuestionShape
from core.reasoning.compose.records import Embed
from core.reasoning.compose.sentences import Sentence, word_count
from core.reasoning.compose.words import QUESTION_FRAME, content_stems

# Weights chosen by reasoning, not fitted: the cosine and the overlap both
# run 0..1, and the overlap counts half (it cannot see synonyms). A
# definition's form multiplies the content match, so it decides among
# sentences of similar content but cannot lift an unrelated one.
OVERLAP_WEIGHT = 0.5
# Names a term the question lacks: "… is called **X**", "X is …", "X states that …".
NAMING_CUE = 0.25
BOTH_CUES = 0.05  # named in bold as well as by the sentence's form
DEFINES_SUBJECT_CUE = 0.3  # "What is X?" and the sentence reads "X is …" / "… is called X"
# Holds something of the asked type ("when": a year; "how many": a number) that
# the question does not already say.
TYPED_CUE = 0.3
# Where the type can be told and the sentence holds none: it cannot be the answer.
UNTYPED_PENALTY = 0.25
LONG_SENTENCE_WORDS = 45
LONG_SENTENCE_PENALTY = 0.05

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_NAMING = re.compile(
    r"\b(?:(?:is|are|was|were|be)\s+(?:also\s+|often\s+|sometimes\s+)?(?:called|known\s+as|"
    r"termed|named|referred\s+to\s+as|defined\s+as)|we\s+call(?:\s+(?:this|it|these|that|them))?|"
    r",\s+also\s+called|,\s+or(?=\s+(?:the\s+)?\*\*)|(?:called|known\s+as|termed|named)(?=\s+(?:\*\*|__)))"
    r"\s+(?P<slot>.{1,80})",
    re.I,
)
# "X is …", "Generally, X is …", "X states that …", "A X has …" (a kind and what
# every one of it has; "Different media have …" is no definition): X is the subject defined.
_COPULA = re.compile(
    r"^\W*(?:\w+,\s+)?(?:(?:the\s+|a\s+|an\s+)?(?P<subject>[^,;:]{1,50}?)\s+"
    r"(?:is|are|means|refers\s+to|states\s+that|says\s+that)|an?\s+(?P<kind>[^,;:]{1,50}?)\s+has)\s+",
    re.I,
)
_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|when|where|if|because|so|while)\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"^(?:this|that|these|those|it|they|there|here|we|you)\b", re.I)


@dataclass(frozen=True)
class Ranked:
    sentence: Sentence
    score: float
    cosine: float | None
    overlap: float
    cue: float


def _slot_stems(slot: str, limit: int = 5) -> set[str]:
    return set(content_stems(" ".join(slot.split()[:limit])))


def _copula_subject(text: str) -> str | None:
    copula = _COPULA.match(text)
    return (copula.group("subject") or copula.group("kind")) if copula else None


def _term_cue(text: str, asked: set[str]) -> float:
    bold = any(set(content_stems(a or b)) - asked for a, b in _BOLD.findall(text))
    named = any(_slot_stems(m.group("slot")) - asked for m in _NAMING.finditer(text))
    subject = _copula_subject(text)
    if subject and not named:
        head = re.split(r"\s+of\s+", subject, maxsplit=1)[0]  # "The weight of an object …"
        named = (
            not _PRONOUN_SUBJECT.match(subject)
            and not _CLAUSE_WORD.search(subject)
            and len(head.split()) <= 5
            and bool(set(content_stems(head)) - asked)
        )
    if bold or named:
        return NAMING_CUE + (BOTH_CUES if bold and named else 0.0)
    return 0.0


def term_unit(sentence: Sentence, asked: set[str]) -> str:
    """What a term question is matched against: the sentence naming the term and the
    one the book says of it next, unless that one names a term of its own ("A scalar
    is … . A vector has …")."""
    if sentence.after and not _term_cue(sentence.after, asked):
        return f"{sentence.matched} {sentence.after}"
    return sentence.matched


def _definition_cue(text: str, subject: tuple[str, ...]) -> float:
    """Whether the sentence reads "X is …" or "… is called X" for the X asked
    about (and not "… is called the law of X")."""
    defined = _copula_subject(text)
    if defined and tuple(content_stems(defined)) == subject:
        return DEFINES_SUBJECT_CUE
    for match in _NAMING.finditer(text):
        if tuple(content_stems(match.group("slot"))[: len(subject)]) == subject:
            return DEFINES_SUBJECT_CUE
    return 0.0


def _cue(shape: QuestionShape, text: str, asked: set[str], kind: str, question: str) -> float:
    if shape.kind == "term":
        return _term_cue(text, asked)
    if shape.kind == "definition":
        return _definition_cue(text, shape.subject_stems)
    if kind != "other" and holds(kind, text, question):  # type: ignore[arg-type]
        return TYPED_CUE
    return 0.0


def _overlap(wanted: frozenset[str], stems: set[str], idf: dict[str, float], top: float) -> float:
    total = sum(idf.get(w, top) for w in wanted)
    return sum(idf.get(w, top) for w in wanted & stems) / total if total else 0.0


def _cosines(embed: Embed, query: str, texts: list[str]) -> np.ndarray:
    vectors = np.asarray(embed([query, *texts]), dtype=np.float32)
    return vectors[1:] @ vectors[0]


def rank_sentences(
    question: str,
    shape: QuestionShape,
    sentences: Sequence[Sentence],
    *,
    embed: Embed | None = None,
    kind: str = "other",
) -> list[Ranked]:
    """``sentences`` that add something to ``question``, best answer first; ``kind``:
    the type of answer asked for (``asked.asked_type``)."""
    asked = set(content_stems(question))  # every word of it: frame words too
    own = set(keys(question))
    if shape.kind == "term":  # the term's sentence and what the book says of it next
        units = [term_unit(s, asked) for s in sentences]
    else:
        units = [s.matched for s in sentences]
    stems = [set(keys(u)) for u in units]
    # What is quoted must add to the question by itself, not by the sentence after it.
    kept = [i for i, s in enumerate(sentences) if set(keys(s.matched)) - own]
    wanted = frozenset(keys(shape.core, drop=QUESTION_FRAME))
    if not kept:
        return []
    frequency = Counter(w for i in kept for w in stems[i])
    top = math.log(1 + len(kept))
    idf = {w: math.log(1 + len(kept) / df) for w, df in frequency.items()}
    embedded = [units[i] if shape.kind == "term" else sentences[i].quote for i in kept]
    cosines = _cosines(embed, shape.core, embedded) if embed else None
    ranked = []
    for j, i in enumerate(kept):
        overlap = _overlap(wanted, stems[i], idf, top)
        # A term named by the sentence leant on counts ("… it is in **freefall**. In this case …").
        text = sentences[i].quote if shape.kind == "term" else sentences[i].text
        cue = _cue(shape, text, asked, kind, question)
        cosine = float(cosines[j]) if cosines is not None else None
        score = ((cosine or 0.0) + OVERLAP_WEIGHT * overlap) * (1.0 + cue)
        if kind not in ("other", "term") and holds(kind, sentences[i].quote, question) is False:  # type: ignore[arg-type]
            score -= UNTYPED_PENALTY
        elif shape.kind == "term" and not cue:  # names no term: it cannot say which term
            score -= UNTYPED_PENALTY
        if word_count(sentences[i].quote) > LONG_SENTENCE_WORDS:
            score -= LONG_SENTENCE_PENALTY
        ranked.append(Ranked(sentences[i], score, cosine, overlap, cue))
    ranked.sort(key=lambda r: (-r.score, r.sentence.n, r.sentence.index))
    return ranked
