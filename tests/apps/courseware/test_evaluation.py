"""courseware_eval's measures, on lesson data whose answers are known."""

from apps.courseware.code_fallbacks import FALLBACK_FLAG
from apps.courseware.evaluation import model_written, summary
from apps.courseware.evaluation.item_counts import item_counts, loops, quantities
from tests.apps.courseware.factories import lesson_data


def test_items_written_by_code_are_not_counted_as_the_models():
    data = lesson_data()
    total, by_model = model_written(data)
    assert total > 3 and by_model == total
    data["quiz"][0]["notes"] = [FALLBACK_FLAG]
    data["cycles"][0]["notes"] = ["a note that is not the fallback mark", FALLBACK_FLAG]
    assert model_written(data) == (total, total - 2)


def grounded_lesson(**changes) -> dict:
    data = lesson_data(**changes)
    data["cycles"][0]["practice"] = "Add 27 and 15 again."  # the factory's 31 + 18 is in no source
    return data


def test_a_grounded_lesson_counts_nothing():
    assert item_counts(grounded_lesson())[:3] == (0, 0, 0)


def test_html_like_tags_are_markup_and_markdown_is_not():
    data = grounded_lesson()
    data["quiz"][0]["options"][1] = "41 <next-question>"
    data["objectives"][0]["text"] = "Add **two** whole numbers (see <https://example.org>)."
    data["vocabulary"][0]["definition"] = "The result of adding numbers.</pre>"
    assert item_counts(data)[0] == 2


def test_a_five_word_phrase_three_times_in_one_text_loops():
    assert loops("the sum of two numbers, " * 3)
    assert not loops("the sum of two numbers, " * 2)
    data = grounded_lesson()
    sentence = "To add whole numbers, line up the digits by place value."
    cycle = data["cycles"][0]
    cycle["explanation"] = cycle["slide_text"] = cycle["check_answer"] = sentence
    assert item_counts(data)[1] == 0  # once in each of three texts is not a loop
    cycle["explanation"] = " ".join([sentence] * 3)
    assert item_counts(data)[1] == 1


def test_a_number_in_no_passage_and_no_computed_fact_is_unsupported():
    data = grounded_lesson()
    data["cycles"][0]["practice"] = "Add 31 and 18."
    data["worksheet"].append(
        {"prompt": "Work out 27 + 16.", "answer": "43", "source_ids": ["101"], "notes": []}
    )  # 16 and 43: computed for the question, yet 16 is in no passage
    markup, looping, unsupported, seen = item_counts(data)
    assert unsupported == 2 and seen[:2] == ["cycles: 31", "cycles: 18"]


def test_a_written_computation_supports_its_value_only_when_it_is_right():
    data = grounded_lesson()
    cycle = data["cycles"][0]
    cycle["explanation"] = "Work it out: 27 + 15 + 27 = 69, so the answer is 69."
    assert item_counts(data)[2] == 0
    cycle["explanation"] = "Work it out: 27 + 15 + 27 = 70, so the answer is 70."
    assert item_counts(data)[2] == 1


def test_wrong_options_labels_and_computed_keys_are_not_claims():
    data = grounded_lesson()
    data["quiz"][0]["options"] = ["42", "41", "99", "32"]  # 99: a wrong option
    data["objectives"][0]["text"] = "Read Figure 3.2 and Step 4 of the method."
    data["worksheet"].append(
        {"prompt": "Write 27/15 as a mixed number.", "answer": "1 4/5", "source_ids": ["101"]}
    )
    assert item_counts(data)[2] == 0


def test_units_are_normalised_before_numbers_are_compared():
    data = grounded_lesson()
    data["sources"][0]["excerpt"] += " A step is 0.815 m high; 18% of them."
    data["objectives"][0]["text"] = "A step is 815 mm, about 32 in, high; 0.18 of them."
    assert item_counts(data)[2] == 0
    assert [q.written for q in quantities("3/8 of 1,200 kg")] == ["3/8", "1,200 kg"]


def test_the_summary_keeps_every_key_and_adds_the_three_counts():
    from apps.courseware.evaluation import LessonResult

    result = LessonResult(finished=True, items=10, model_items=4, items_loops=1)
    keys = set(summary(1, [result]))
    assert {
        "lessons_requested",
        "lessons",
        "valid_share",
        "exported_share",
        "citation_valid_share",
        "math_keys_checked",
        "model_written_share",
        "math_keys_wrong_unmarked",
        "seconds_to_first_output",
        "seconds_to_bundle",
    } <= keys
    assert summary(1, [result])["items_loops"] == 1
    assert {"items_markup", "items_unsupported_numbers"} <= keys
    assert {
        "items_fragments",
        "title_is_topic_share",
        "worked_example_share",
        "computed_practice_share",
    } <= keys


def test_items_from_the_book_or_computed_are_not_counted_as_the_models():
    data = {
        "objectives": [{"text": "Add fractions", "notes": ["quoted from the book's objectives"]}],
        "worksheet": [
            {"prompt": "Add: 1/2 + 1/3.", "notes": ["computed by code (fractions)"]},
            {"prompt": "Explain the LCD.", "notes": []},
        ],
    }
    assert model_written(data) == (3, 1)
