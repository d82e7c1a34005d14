"""The answer evaluation protocol (``manage.py answer_eval``), as functions.

Protocol: every file under DIR goes into one throw-away corpus; each question of
FILE (file order, at most 100), then of FILE2 (at most 20, its documents not
ingested), is asked as a ``core.ask`` run started with ``start_run`` for a
throw-away reader of that corpus (rate limit off) and executed inline with
``execute_run``: retrieval, prompt, stream, checks and fallback, as a worker does.

Measures, all made here by fixed rules (only ``shown_failed_checks`` asks the
product's own checks):

- an answer names its term when, after ``normalise`` and ``strip_markdown``, the
  term (or X or Y of a term "X (Y)") occurs as whole words, and not inside a run
  of at least three words copied from the question that is longer than the term
  (a definition that contains its own term cannot be answered by echoing it);
- ``shown_markup`` and ``shown_loops`` count shown answers with an HTML-like tag
  or a 5-word phrase said 3 or more times; ``unsupported_numbers_shown`` counts
  numbers (distinct per answer) found in no passage given and no computed fact;
- seconds run from the Run's creation to its end, and to the close of its first
  answer step (the composed answer, shown as soon as the sources are known);
  medians over every question asked, p95 by nearest rank.

``questions``, the accuracies and ``shown_from_model_share`` are over FILE's
questions; the counts and ``citation_valid_share`` (citations pointing to a
passage given, of all citations) over every shown answer, FILE2's included.
"""

from core.ask.evaluation.matching import (
    contains_own_term,
    names_answer,
    names_term,
    normalise,
    shown_words,
    words_of,
)
from core.ask.evaluation.protocol import MAX_OFF_CORPUS, MAX_QUESTIONS, SEED, evaluate
from core.ask.evaluation.report import detail, judge, summary
from core.ask.evaluation.rules import (
    looping_phrase,
    markup_tags,
    unsupported_numbers,
    valid_citations,
)
from core.ask.evaluation.runs import QA, Answered, read_qa

__all__ = [
    "MAX_OFF_CORPUS",
    "MAX_QUESTIONS",
    "QA",
    "SEED",
    "Answered",
    "contains_own_term",
    "detail",
    "evaluate",
    "judge",
    "looping_phrase",
    "markup_tags",
    "names_answer",
    "names_term",
    "shown_words",
    "normalise",
    "read_qa",
    "summary",
    "unsupported_numbers",
    "valid_citations",
    "words_of",
]
