"""The quiz: maths questions with keys and wrong values code works out."""

from apps.courseware.checks import run_checks
from apps.courseware.quiz_writing import make_quiz
from apps.courseware.worked_maths import DERIVED_NOTE
from tests.apps.courseware.passages import CTX, FRACTIONS, LOCATE, ROUNDING, no_model


def test_maths_tasks_in_the_passages_become_questions_with_computed_keys():
    quiz = make_quiz(no_model, CTX, [ROUNDING, FRACTIONS], [])
    first = quiz[0]
    assert first["options"][first["answer_index"]] == "840" and len(first["options"]) == 4
    report = run_checks({"quiz": quiz}, ["7", "8"])
    assert report.math_checked >= 2 and report.math_wrong == 0


def test_a_numerical_passage_without_a_stated_task_still_gets_checked_maths_items():
    quiz = make_quiz(no_model, CTX, [LOCATE], [])
    mixed, compare = quiz[0], quiz[1]
    assert mixed["question"] == "Write 8/3 as a mixed number."
    assert mixed["options"][mixed["answer_index"]] == "2 2/3"
    assert compare["options"][compare["answer_index"]] == "8/3"
    assert sorted(compare["options"]) == ["1/5", "8/3"]
    assert DERIVED_NOTE in mixed["notes"]
    report = run_checks({"quiz": quiz}, ["9"])
    assert report.math_checked >= 2 and report.math_wrong == 0
