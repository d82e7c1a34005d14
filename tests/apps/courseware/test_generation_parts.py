"""Parts of a lesson written by code: the first draft shown at once, maths items
taken from the passages with keys code works out, and quiz options that never
hold two correct answers."""

from apps.courseware import generation
from apps.courseware.checks import run_checks
from apps.courseware.lesson import SourcePassage

ROUNDING = SourcePassage(
    id="7",
    document_title="Prealgebra",
    heading="Whole Numbers > Round Whole Numbers",
    excerpt="To round a number, look at the digit to its right.\n"
    "**Problem:** Round 843 to the nearest ten.\n**Solution:** 840",
)
FRACTIONS = SourcePassage(
    id="8",
    document_title="Prealgebra",
    heading="Fractions > Add Fractions",
    excerpt="Fractions with a common denominator are added by adding the numerators.\n"
    "So 3/8 + 1/8 = 4/8, which simplifies to 1/2.",
)
CTX = generation.Context(topic="rounding and fractions", grade=8, minutes=40)


def no_model(prompt, schema, title):
    raise generation.TimeBudgetSpent(title)


def test_the_first_draft_is_real_cited_content_and_its_phases_add_up():
    draft = generation.first_draft(CTX, [ROUNDING, FRACTIONS])
    assert draft["objectives"] and len(draft["cycles"]) == 3
    assert draft["cycles"][0]["explanation"].startswith("To round a number")
    assert {sid for c in draft["cycles"] for sid in c["source_ids"]} == {"7", "8"}
    assert all(generation.PROVISIONAL_NOTE in c["notes"] for c in draft["cycles"])
    assert sum(p["minutes"] for p in draft["phases"]) == 40


def test_maths_tasks_in_the_passages_become_items_with_computed_keys():
    worksheet = generation.make_worksheet(no_model, CTX, [ROUNDING, FRACTIONS])
    assert worksheet[0]["prompt"] == "Round 843 to the nearest ten."
    assert worksheet[0]["answer"] == "840"
    assert (
        worksheet[1]["prompt"].startswith("Work out 3/8 + 1/8") and worksheet[1]["answer"] == "1/2"
    )
    quiz = generation.make_quiz(no_model, CTX, [ROUNDING, FRACTIONS], [])
    first = quiz[0]
    assert first["options"][first["answer_index"]] == "840" and len(first["options"]) == 4
    report = run_checks({"worksheet": worksheet, "quiz": quiz}, ["7", "8"])
    assert report.math_checked >= 4 and report.math_wrong == 0


def test_a_wrong_model_key_is_replaced_by_the_computed_one_with_a_note():
    item = generation._item("Solve for n: 3n = 21", "n = 8", FRACTIONS, CTX)
    assert item["answer"] == "7"
    assert item["notes"] == ['the model\'s key "n = 8" was replaced by the computed value 7']


def test_options_of_equal_value_are_not_both_offered():
    item = generation._mcq("Which is one half?", "1/2", ["2/4", "0.5", "1/3"], "", None, CTX)
    assert item["options"].count("1/2") == 1 and set(item["options"]) == {"1/2", "1/3"}
    assert generation._mcq("How many parts?", "3", ["3 parts"], "", None, CTX) is None


def test_a_numerical_passage_without_a_stated_task_still_gets_checked_maths_items():
    passage = SourcePassage(
        id="9",
        document_title="Prealgebra",
        heading="Fractions > Locate Fractions and Mixed Numbers",
        excerpt="We will locate the fractions 1/5 and 8/3 on the number line, then mixed numbers.",
    )
    quiz = generation.make_quiz(no_model, CTX, [passage], [])
    mixed, compare = quiz[0], quiz[1]
    assert mixed["question"] == "Write 8/3 as a mixed number."
    assert mixed["options"][mixed["answer_index"]] == "2 2/3"
    assert compare["options"][compare["answer_index"]] == "8/3"
    assert sorted(compare["options"]) == ["1/5", "8/3"]
    assert generation.DERIVED_NOTE in mixed["notes"]
    report = run_checks({"quiz": quiz}, ["9"])
    assert report.math_checked >= 2 and report.math_wrong == 0
