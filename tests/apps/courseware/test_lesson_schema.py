import pytest
from pydantic import ValidationError

from apps.courseware.lesson import Lesson, validation_errors
from tests.apps.courseware.factories import lesson_data


def test_a_complete_lesson_validates():
    lesson = Lesson.model_validate(lesson_data())
    assert lesson.quiz[0].answer == "42"
    assert lesson.quiz[0].distractors == ["41", "43", "32"]


def test_phases_must_add_up_to_the_lesson_length():
    errors = validation_errors(lesson_data(minutes=45))
    assert any("add up to 40 minutes, not the lesson's 45" in e for e in errors)


def test_a_quiz_item_with_duplicate_options_is_invalid():
    data = lesson_data()
    data["quiz"][0]["options"] = ["42", "41", " 42 ", "32"]
    with pytest.raises(ValidationError, match="two options are the same"):
        Lesson.model_validate(data)


def test_the_correct_answer_must_be_one_of_the_options():
    data = lesson_data()
    data["quiz"][0]["answer_index"] = 4
    assert any("not one of the options" in e for e in validation_errors(data))


def test_an_item_may_cite_only_retrieved_passages():
    data = lesson_data()
    data["worksheet"][0]["source_ids"] = ["999"]
    assert any(
        "worksheet.0 cites passages that were not retrieved: 999" in e
        for e in validation_errors(data)
    )


def test_every_item_rests_on_a_source_unless_the_teacher_asked_for_none():
    data = lesson_data()
    data["objectives"][0]["source_ids"] = []
    assert any("objectives.0 rests on no source passage" in e for e in validation_errors(data))
    data["uncited"] = True
    assert validation_errors(data) == []


def test_a_requested_quiz_cannot_be_empty():
    assert any("quiz was asked for" in e for e in validation_errors(lesson_data(quiz=[])))
