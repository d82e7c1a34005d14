"""Parts written by code from the passage, marked so they are told from the model's,
and passing the same text checks."""

from apps.courseware.code_fallbacks import (
    FALLBACK_FLAG,
    cloze_question,
    cycle_from_passage,
    vocabulary_question,
    worksheet_from_passage,
)
from apps.courseware.lesson import SourcePassage
from apps.courseware.text_checks import Verdicts
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


FIGURED = SourcePassage(
    id="10",
    document_title="Prealgebra",
    heading="Fractions > Add Fractions",
    excerpt="## Add Fractions with a Common Denominator\n\n"
    "Figure 4.2 A pizza cut into eight equal slices.\n\n"
    "| Fraction | Slices |\n|---|---|\n| 3/8 | 3 |\n\n"
    "Fractions with a common denominator are added by adding the numerators. "
    "The denominator stays the same.",
)


def test_figure_captions_tables_and_headings_are_not_cycle_text():
    verdicts = Verdicts("Learning cycle 1", CTX.topic)
    cycle = cycle_from_passage(CTX, FIGURED, "Add fractions", ["10"], verdicts, "cycles.0")
    shown = " ".join(cycle[k] for k in ("explanation", "slide_text", "check_answer"))
    assert "Figure" not in shown and "|" not in shown and "##" not in shown
    assert cycle["slide_text"].startswith("Fractions with a common denominator are added")
    assert verdicts.kept_failing == []


def test_every_text_code_writes_passes_the_checks():
    for passage in (ROUNDING, FRACTIONS, FIGURED):
        verdicts = Verdicts("Code", CTX.topic)
        cycle = cycle_from_passage(CTX, passage, "Round numbers", [passage.id], verdicts)
        item = worksheet_from_passage(CTX, passage, 0, verdicts)
        cloze = cloze_question(passage, [ROUNDING, FRACTIONS, FIGURED], 0, CTX, verdicts)
        assert cycle and item and cloze and verdicts.kept_failing == []
        assert not [r for r in verdicts.rejected if r.by == "model"]


def test_a_cloze_from_a_passage_with_no_prose_is_not_made():
    bare = SourcePassage(id="11", heading="Table 2", excerpt="| a | b |\n|---|---|\n| 1 | 2 |")
    assert cloze_question(bare, [bare], 0, CTX) is None
