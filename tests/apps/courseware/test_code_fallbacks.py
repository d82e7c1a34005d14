"""Parts written by code from the passage, marked so they are told from the model's."""

from apps.courseware.code_fallbacks import (
    FALLBACK_FLAG,
    cloze_question,
    cycle_from_passage,
    vocabulary_question,
)
from tests.apps.courseware.passages import CTX, FRACTIONS, ROUNDING

VOCABULARY = [
    {"term": "Numerator", "definition": "the top of a fraction", "source_ids": ["8"]},
    {"term": "Denominator", "definition": "the bottom of a fraction", "source_ids": ["8"]},
]


def test_a_cycle_quotes_the_passage_and_is_marked():
    cycle = cycle_from_passage(CTX, ROUNDING, "Round numbers", ["7"])
    assert cycle["explanation"].startswith("To round a number, look at the digit")
    assert cycle["heading"] == "Whole Numbers > Round Whole Numbers"
    assert cycle["notes"] == [FALLBACK_FLAG] and cycle["source_ids"] == ["7"]


def test_a_cycle_without_a_passage_rests_on_the_objective():
    cycle = cycle_from_passage(CTX, None, "Round numbers", [])
    assert cycle["explanation"] == "Round numbers" and cycle["heading"] == "Round numbers"


def test_a_vocabulary_question_asks_for_the_term_and_cites_its_passage():
    item = vocabulary_question(VOCABULARY, 0, CTX, [ROUNDING, FRACTIONS])
    assert item["question"] == "Which key word means: the top of a fraction"
    assert item["options"][item["answer_index"]] == "Numerator"
    assert item["source_ids"] == ["8"] and item["notes"] == [FALLBACK_FLAG]
    assert vocabulary_question(VOCABULARY[:1], 0, CTX, [FRACTIONS]) is None


def test_a_cloze_question_leaves_out_the_sentences_longest_word():
    item = cloze_question(FRACTIONS, [ROUNDING, FRACTIONS], 0, CTX)
    assert "_____" in item["question"]
    assert item["options"][item["answer_index"]] == "denominator"
    assert item["notes"] == [FALLBACK_FLAG]
