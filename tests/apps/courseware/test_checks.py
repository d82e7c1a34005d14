from apps.courseware.checks import run_checks
from tests.apps.courseware.factories import lesson_data

RETRIEVED = ["101", "102"]


def by_name(report):
    return {c.name: c for c in report.checks}


def test_a_good_lesson_passes_every_check():
    report = run_checks(lesson_data(), RETRIEVED)
    assert report.exportable
    assert report.math_checked == 4 and report.math_wrong == 0
    assert report.cited == report.cited_valid > 0


def test_a_wrong_maths_key_is_marked_and_kept():
    data = lesson_data()
    data["worksheet"][1]["answer"] = "37"
    report = run_checks(data, RETRIEVED)
    assert report.math_wrong == 1
    assert len(data["worksheet"]) == 2
    assert data["worksheet"][1]["flags"] == ["answer key may be wrong: worked out by code it is 27"]
    assert by_name(report)["math_keys"].items == ["worksheet.1"]


def test_a_citation_to_a_passage_not_retrieved_blocks_export():
    data = lesson_data()
    report = run_checks(data, ["101"])
    assert not report.exportable
    assert by_name(report)["citations"].items == ["worksheet.1"]
    assert "not retrieved" in data["worksheet"][1]["flags"][0]


def test_a_citation_to_a_deleted_passage_blocks_export():
    report = run_checks(lesson_data(), RETRIEVED, existing_ids={"101"})
    assert by_name(report)["citations"].status == "fail"


def test_phases_that_do_not_add_up_block_export():
    data = lesson_data()
    data["phases"][0]["minutes"] = 9
    report = run_checks(data, RETRIEVED)
    assert "The phases add up to 44 minutes, not the lesson's 40." in report.blocking


def test_two_options_of_equal_value_mean_two_correct_answers():
    data = lesson_data()
    data["quiz"][0]["options"] = ["42", "41", "84/2", "32"]
    report = run_checks(data, RETRIEVED)
    assert by_name(report)["quiz"].status == "fail"
    assert "more than one is correct" in data["quiz"][0]["flags"][0]


def test_distractors_much_longer_than_the_answer_are_flagged():
    data = lesson_data()
    data["quiz"][0]["options"] = ["42", "forty-one and a bit more than that, roughly", "43", "32"]
    report = run_checks(data, RETRIEVED)
    assert by_name(report)["distractors"].items == ["quiz.0"]
    assert report.exportable  # a warning, not a failure


def test_text_far_above_the_grade_is_marked():
    data = lesson_data(grade=2)
    data["worksheet"][0]["prompt"] = (
        "Characterise the epistemological ramifications of multidimensional institutional "
        "considerations notwithstanding contemporaneous organisational heterogeneity."
    )
    report = run_checks(data, RETRIEVED)
    assert by_name(report)["reading_level"].status == "warn"
    assert "reading level" in data["worksheet"][0]["flags"][0]


def test_checks_rewrite_their_marks_each_time():
    data = lesson_data()
    data["worksheet"][1]["answer"] = "37"
    run_checks(data, RETRIEVED)
    data["worksheet"][1]["answer"] = "27"
    run_checks(data, RETRIEVED)
    assert data["worksheet"][1]["flags"] == []
