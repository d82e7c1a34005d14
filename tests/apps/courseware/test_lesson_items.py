"""One worksheet item or quiz question: keys by code, no two correct options."""

from apps.courseware.lesson_items import multiple_choice, worksheet_item
from tests.apps.courseware.passages import CTX, FRACTIONS


def test_a_wrong_model_key_is_replaced_by_the_computed_one_with_a_note():
    item = worksheet_item("Solve for n: 3n = 21", "n = 8", FRACTIONS, CTX)
    assert item["answer"] == "7"
    assert item["notes"] == ['the model\'s key "n = 8" was replaced by the computed value 7']


def test_options_of_equal_value_are_not_both_offered():
    item = multiple_choice("Which is one half?", "1/2", ["2/4", "0.5", "1/3"], "", None, CTX)
    assert item["options"].count("1/2") == 1 and set(item["options"]) == {"1/2", "1/3"}
    assert multiple_choice("How many parts?", "3", ["3 parts"], "", None, CTX) is None


def test_the_correct_option_keeps_its_place_for_the_same_question():
    one = multiple_choice("Which is largest?", "9", ["1", "2", "3"], "", FRACTIONS, CTX)
    two = multiple_choice("Which is largest?", "9", ["3", "2", "1"], "", FRACTIONS, CTX)
    assert one["answer_index"] == two["answer_index"]
    assert one["options"][one["answer_index"]] == "9" and one["source_ids"] == ["8"]
