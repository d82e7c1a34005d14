from fractions import Fraction

import pytest

from apps.courseware import arithmetic


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("What is 3/4 + 1/8?", Fraction(7, 8)),
        ("Compute 24 × 3.", Fraction(72)),
        ("Find 1,234 + 66", Fraction(1300)),
        ("Simplify 2 1/2 × 4", Fraction(10)),
        ("What is 84 ÷ 7?", Fraction(12)),
        ("What is 12 times 3?", Fraction(36)),
        ("(6 + 4) × 2 - 5", Fraction(15)),
    ],
)
def test_it_finds_and_computes_the_sum_in_a_question(text, value):
    assert arithmetic.evaluate(arithmetic.find_expression(text)) == value


@pytest.mark.parametrize(
    "text",
    [
        "Which are counting numbers: 0,2/3,2,9?",
        "Solve the problem with a partner.",
        "Solve x/x = 1",
        "Name 1 times 4 over 2 times 4 as a fraction.",
        "What is (11/6)?",
        "What is 3/4?",
        "Explain inertia.",
    ],
)
def test_text_without_a_sum_is_not_checked(text):
    assert arithmetic.check_key(text, "anything")[0] == "unchecked"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("42", 42),
        ("= 42 apples", 42),
        ("3/4", Fraction(3, 4)),
        ("2 1/2", Fraction(5, 2)),
        ("0.75", Fraction(3, 4)),
        ("-3", -3),
    ],
)
def test_it_reads_the_number_a_key_states(key, value):
    assert arithmetic.parse_answer(key) == value


def test_a_wrong_key_is_reported_with_the_computed_value():
    assert arithmetic.check_key("What is 17 + 25?", "32") == ("wrong", Fraction(42))
    assert arithmetic.check_key("What is 1/2 + 1/4?", "0.75") == ("ok", Fraction(3, 4))
    assert arithmetic.check_key("What is 7 + 5?", "twelve")[0] == "unclear"


def test_it_never_evaluates_anything_but_arithmetic():
    with pytest.raises(arithmetic.NotArithmetic):
        arithmetic.evaluate("__import__('os').system('true')")
    with pytest.raises(arithmetic.NotArithmetic):
        arithmetic.evaluate("2 ** 99999")
    with pytest.raises(arithmetic.NotArithmetic):
        arithmetic.evaluate("5 / 0")


@pytest.mark.parametrize(
    ("question", "key", "status"),
    [
        ("Round 5,281 to the nearest hundred.", "5,300", "ok"),
        ("Round 843 to the nearest ten.", "850", "wrong"),
        ("Round to the nearest tenth: 2.465", "2.5", "ok"),
        ("Round 2,500 to the nearest thousand.", "3000", "ok"),  # a five rounds up
        ("What is 25% of 80?", "$20", "ok"),
        ("Find 3/4 of 12 apples.", "8", "wrong"),
        ("Solve: x + 7 = 12. Then check your answer.", "x = 5", "ok"),
        ("Solve for n: 3n = 21", "n = 8", "wrong"),
        ("Solve the equation 2(y - 1) = y + 4", "6", "ok"),
        ("Solve x/4 = 3", "12", "ok"),
    ],
)
def test_equations_roundings_and_percentages_are_recomputed(question, key, status):
    assert arithmetic.check_key(question, key)[0] == status


def test_a_found_task_carries_a_question_and_a_key_written_for_students():
    task = arithmetic.find_task("Round 2.465 to the nearest hundredth.")
    assert (task.kind, task.question, task.key) == (
        "rounding",
        "Round 2.465 to the nearest hundredth.",
        "2.47",
    )
    task = arithmetic.find_task("Solve for n: 3n = 21")
    assert (task.question, task.key) == ("Solve 3n = 21.", "n = 7")


@pytest.mark.parametrize(
    ("question", "key", "status"),
    [
        ("Which is greater, 3/4 or 2/3?", "3/4", "ok"),
        ("Which is greater, 3/4 or 2/3?", "2/3", "wrong"),
        ("Which number is smaller: −2 or −16/9?", "-2", "ok"),
        ("Write 7/4 as a mixed number.", "1 3/4", "ok"),
        ("Convert the improper fraction 11/6 to a mixed number.", "1 1/6", "wrong"),
    ],
)
def test_comparisons_and_mixed_numbers_are_recomputed(question, key, status):
    assert arithmetic.check_key(question, key)[0] == status


def test_practice_is_made_from_the_numbers_a_passage_uses():
    text = "Fractions and mixed numbers: we locate 1/5 and 8/3 on the number line."
    made = [(t.question, t.key, t.derived) for t in arithmetic.tasks_from_numbers(text)]
    assert made == [
        ("Write 8/3 as a mixed number.", "2 2/3", True),
        ("Which is greater: 1/5 or 8/3?", "8/3", True),
    ]
    assert arithmetic.tasks_from_numbers("Newton's first law has no numbers.") == []
    assert arithmetic.tasks_from_numbers("A mass of 2.5 kg falls at 9.80 m/s2.") == []
    decimals = arithmetic.tasks_from_numbers("Compare the decimals 0.45 and 0.5.")
    assert [(t.question, t.key) for t in decimals] == [("Which is greater: 0.45 or 0.5?", "0.5")]
