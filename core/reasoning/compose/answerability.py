"""Whether the retrieved passages answer a question, decided from evidence:
three outcomes, no model call.

Signals, each shown on the run page in words (``describe``):

- ``dense``: the best passage's cosine to the question (the retrieval's);
- ``lexical``: the best passage's BM25 score per key word of the question;
- ``sentence_share`` / ``passage_share``: the IDF-weighted share of the
  question's key words found in one sentence / one passage;
- ``agree``: dense and lexical search put the same passage first;
- ``typed``: one of the best sentences holds an answer of the asked type (a
  year for "when", a number for "how many", a name for "who" …) that the
  question does not already say; None where the type cannot be told.

A logistic model over the first five (coefficients below, fitted by
``bench/answerability.py`` on the development sets, cross-validated by
article; its error rates are in the README) gives the probability that the
passages hold the answer. Below ``ANSWER_AT``, a passage holding most of the
question's key words means the topic is there but the answer is not
("the sources talk about this but do not say"); else nothing relevant was
found ("the sources do not cover this")."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Literal

from django.utils.translation import gettext_noop

Outcome = Literal["answer", "not_covered", "not_said"]

# Fitted by bench/answerability.py (class-balanced logistic regression on 397 questions
# of seven development sets, see there); re-fit when the embedder or the signals change
# (last: 2026-12-07, evening, after a term question's sentence share came to be measured
# on the naming sentence and the one after it, unless that one names a term of its own).
# Each signal runs 0..1 (lexical is squashed by x / (1 + x)). The asked type is shown and
# chooses the sentence but does not weigh here: fitted, a sentence holding the asked
# type lowered the chance (off-corpus "when" questions find years too).
COEFFICIENTS = {
    "dense": 0.663,
    "dense_other_script": 5.068,
    "lexical": 0.997,
    "sentence_share": 2.53,
    "passage_share": 1.908,
    "agree": 0.272,
}
INTERCEPT = -3.683
# One step above the threshold bench/answerability.py's rule picks (0.3: the lowest at
# which every development set's off-corpus questions are still refused 95% of the time
# out of fold). There the glossary halves sat exactly on that floor, and through the
# pipeline (answer_eval) one half's off-corpus refusal fell to 0.85 and SQuAD 2.0's
# unanswerable to 0.30, at their targets; at 0.35 they are 0.95 and 0.35, with the same
# glossary accuracy (0.80). Out of fold at 0.35: answerable answered 0.95, off-corpus
# refused 1.0, unanswerable 0.1; at 0.3: 0.962, 0.967, 0.05.
ANSWER_AT = 0.35
# Where the passages carry no similarity by meaning (an app's own passages, no embedder):
# the same fit over the word signals alone (the earlier fit, kept: the advisory and the
# findings' explanations use it, and were not measured under a re-fit).
WORD_SIGNALS = ("sentence_share", "passage_share", "typed_yes", "typed_no")
WORD_COEFFICIENTS = {
    "sentence_share": 2.721,
    "passage_share": 1.827,
    "typed_yes": -0.968,
    "typed_no": -1.002,
}
WORD_INTERCEPT = -1.504
WORD_ANSWER_AT = 0.4
# A question in another script than its passages (``decide_across``): the multilingual
# e5's cosine alone (the answer at 0.794). Fitted (class-balanced logistic regression)
# on the XQuAD development questions asked in English over the Hindi and the Chinese
# articles (66 whose answer a passage held) against the SQuAD development questions
# asked over the same articles (180, off-corpus). Fitted on one language, measured on
# the other: answered 1.0 and 0.765, off-corpus refused 0.967 and 1.0.
ACROSS_COEFFICIENT = 124.8
ACROSS_INTERCEPT = -99.09
ACROSS_ANSWER_AT = 0.5
TOPIC_SHARE = 0.6  # a passage holding this share of the key words is on the topic


@dataclass(frozen=True)
class Signals:
    asked: str  # time, number, person, place, term or other
    dense: float | None
    lexical: float | None
    sentence_share: float
    passage_share: float
    agree: bool | None  # None: one of the two searches gave no scores
    typed: bool | None
    script: str = "LATIN"  # the question's script
    conflict: str = ""  # why the best sentence cannot answer it (``contradiction``), in words
    across: bool = False  # the question's script is not the passages': decided by meaning alone

    def features(self) -> dict[str, float]:
        lexical = self.lexical or 0.0
        dense = self.dense if self.dense is not None else 0.0
        # The bundled embedder was trained on English: its cosine means less elsewhere.
        latin = self.script in ("LATIN", "")
        return {
            "dense": dense if latin else 0.0,
            "dense_other_script": 0.0 if latin else dense,
            "lexical": lexical / (1.0 + lexical),
            "sentence_share": self.sentence_share,
            "passage_share": self.passage_share,
            "agree": 0.5 if self.agree is None else float(self.agree),
            "typed_yes": float(self.typed is True),
            "typed_no": float(self.typed is False),
        }

    def as_dict(self) -> dict:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    probability: float
    signals: Signals

    def as_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "probability": round(self.probability, 4),
            "signals": self.signals.as_dict(),
        }


def probability(signals: Signals) -> float:
    features = signals.features()
    if signals.dense is None:  # lexical weighs nearly nothing: a missing one counts as 0
        z = WORD_INTERCEPT + sum(WORD_COEFFICIENTS[k] * features[k] for k in WORD_SIGNALS)
    else:
        z = INTERCEPT + sum(c * features[k] for k, c in COEFFICIENTS.items())
    return 1.0 / (1.0 + math.exp(-z))


def decide_across(signals: Signals) -> Decision:
    """The decision for a question in another script than its passages: no word
    is shared, so only a multilingual embedder's cosine (``signals.dense``) can
    tell; without one (None) nothing can be matched and nothing is answered."""
    if signals.dense is None:
        return Decision("not_covered", 0.0, signals)
    p = 1.0 / (1.0 + math.exp(-(ACROSS_INTERCEPT + ACROSS_COEFFICIENT * signals.dense)))
    return Decision("answer" if p >= ACROSS_ANSWER_AT else "not_covered", p, signals)


def decide(signals: Signals) -> Decision:
    p = probability(signals)
    if p >= (ANSWER_AT if signals.dense is not None else WORD_ANSWER_AT):
        return Decision("answer", p, signals)
    if signals.passage_share >= TOPIC_SHARE:
        return Decision("not_said", p, signals)
    return Decision("not_covered", p, signals)


# The lines below are stored in English with their numbers filled in (the step's
# text); the run page reads each line back and shows it in the reader's language.
_TYPE_WORDS = {
    "time": gettext_noop("a date or year"),
    "number": gettext_noop("a number"),
    "person": gettext_noop("a name"),
    "place": gettext_noop("a place"),
    "term": gettext_noop("a term"),
}


_OUTCOME_WORDS = {
    "answer": gettext_noop("Decision: answer, quoting the sentences that say it."),
    "not_said": gettext_noop("Decision: the sources talk about this but do not say the answer."),
    "not_covered": gettext_noop("Decision: the sources do not cover this."),
}
CLOSEST = gettext_noop("Closest passage by meaning: similarity %(similarity)s (0 to 1).")
KEY_WORDS = gettext_noop(
    "The question's key words: %(passage)s found in one passage, %(sentence)s in one sentence."
)
AGREE = gettext_noop("Search by meaning and by words agree on the best passage.")
DISAGREE = gettext_noop("Search by meaning and by words chose different passages.")
TYPED = gettext_noop("The question asks for %(what)s; a sentence found holds one.")
NOT_TYPED = gettext_noop("The question asks for %(what)s; no sentence found holds one.")
CHANCE = gettext_noop("Estimated chance the sources answer it: %(chance)s.")
ACROSS = gettext_noop(
    "The question is in another language than the sources: decided by closeness of meaning alone."
)
ACROSS_UNMATCHED = gettext_noop(
    "The question is in another language than the sources, whose index reads only their own "
    "language: nothing could be matched."
)
SENTENCES = (
    *_TYPE_WORDS.values(),
    *_OUTCOME_WORDS.values(),
    CLOSEST,
    KEY_WORDS,
    AGREE,
    DISAGREE,
    TYPED,
    NOT_TYPED,
    CHANCE,
    ACROSS,
    ACROSS_UNMATCHED,
)


def describe_decision(recorded: dict) -> list[str]:
    """A recorded ``Decision.as_dict()`` in words, one line each."""
    s = Signals(**recorded["signals"])
    return describe(Decision(recorded["outcome"], recorded["probability"], s))


def describe(decision: Decision) -> list[str]:
    """The signals in words, one line each (English; the page translates)."""
    s = decision.signals
    lines = [_OUTCOME_WORDS[decision.outcome]]
    if s.across:
        if s.dense is None:
            return [*lines, ACROSS_UNMATCHED]
        lines.append(ACROSS)
        lines.append(CLOSEST % {"similarity": f"{s.dense:.2f}"})
        lines.append(CHANCE % {"chance": f"{decision.probability:.0%}"})
        return lines
    if s.dense is not None:
        lines.append(CLOSEST % {"similarity": f"{s.dense:.2f}"})
    lines.append(
        KEY_WORDS % {"passage": f"{s.passage_share:.0%}", "sentence": f"{s.sentence_share:.0%}"}
    )
    if s.agree is not None:
        lines.append(AGREE if s.agree else DISAGREE)
    if s.typed is not None and s.asked in _TYPE_WORDS:
        lines.append((TYPED if s.typed else NOT_TYPED) % {"what": _TYPE_WORDS[s.asked]})
    lines.append(CHANCE % {"chance": f"{decision.probability:.0%}"})
    if s.conflict:
        lines.append(s.conflict)
    return lines
