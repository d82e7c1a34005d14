"""Mixed numbers the book's text glued ("41/8" for 4 1/8) are written back
only where the text proves them; improper fractions stay as they are."""

from apps.courseware.mixed_numbers import answer_with_spaces, with_spaces


def test_a_false_equality_proves_the_mixed_number_and_the_block_is_written_with_it():
    text = "Write the mixed number as quotient remainder/divisor. — 41/8\nSo, 33/8 = 41/8"
    assert with_spaces(text) == (
        "Write the mixed number as quotient remainder/divisor. — 4 1/8\nSo, 33/8 = 4 1/8"
    )
    assert with_spaces("11/6 made one whole, showing that 11/6 = 15/6.").endswith("11/6 = 1 5/6.")


def test_a_fraction_the_sentence_names_a_mixed_number_gets_its_space():
    assert with_spaces("The number 13/5 is called a mixed number.") == (
        "The number 1 3/5 is called a mixed number."
    )
    assert with_spaces("the mixed number 14/5 means one whole plus four fifths") == (
        "the mixed number 1 4/5 means one whole plus four fifths"
    )


def test_improper_fractions_and_true_equalities_are_left_alone():
    for text in (
        "Convert 11/6 to a mixed number.",
        "Rewrite the improper fraction 11/6 as a mixed number.",
        "Subtract: 13/4 − 67/8.",
        "So 2/4 = 1/2 and 6/3 = 2.",
        "Add: 1/2 + 1/3 = 5/6.",
    ):
        assert with_spaces(text) == text


def test_the_answer_to_write_as_a_mixed_number_is_read_as_one_when_only_that_equals():
    problem = "Use a model to rewrite the improper fraction as a mixed number: 9/7."
    assert answer_with_spaces(problem, "12/7") == "1 2/7"
    assert answer_with_spaces("Convert 13/7 to a mixed number.", "16/7.") == "1 6/7."
    assert answer_with_spaces("Convert 13/7 to a mixed number.", "13/7 = 1 6/7") == "13/7 = 1 6/7"
    assert answer_with_spaces("Add: 9/7 + 1/7.", "12/7") == "12/7"  # no mixed number asked
