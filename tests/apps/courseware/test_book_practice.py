"""Computed practice: the operation read from the topic, the section or its
examples; exact keys; wrong options each from a named misconception."""

import pytest

from apps.courseware import arithmetic
from apps.courseware.book_practice import (
    computed_practice,
    fractions_like,
    fractions_times,
    fractions_unlike,
    improper_to_mixed,
    operation_of,
    rounding,
)

SECTION_NUMBERS = {1, 2, 3, 4, 5, 6, 8, 10, 12}


def assert_keys_right(items):
    for item in items:
        status, value = arithmetic.check_key(item.question, item.answer)
        assert status == "ok", (item.question, item.answer, value)
        assert item.answer not in [option for option, _ in item.wrong]
        assert all(why for _, why in item.wrong)  # every wrong option names its mistake


def test_unlike_denominators_give_sums_of_fractions_with_different_denominators():
    items = fractions_unlike(SECTION_NUMBERS)
    assert [i.level for i in items] == ["below", "on", "above"]
    for item in items:
        first, second = arithmetic.find_expression(item.question).split("+")
        assert first.split("/")[1].strip() != second.split("/")[1].strip()
    assert_keys_right(items)


def test_the_typical_mistakes_are_the_named_misconceptions():
    on = fractions_unlike(SECTION_NUMBERS)[1]  # 1/2 + 1/3
    wrong = dict(on.wrong)
    assert wrong["2/5"] == "adds the numerators and adds the denominators"
    assert "without rescaling the numerators" in wrong["2/6"]


def test_like_denominators_keep_the_denominator_as_written():
    items = fractions_like(SECTION_NUMBERS)
    assert items
    for item in items:
        expression = arithmetic.find_expression(item.question)
        first, second = expression.split("+")
        assert first.split("/")[1].strip() == second.split("/")[1].strip()
    assert_keys_right(items)


@pytest.mark.parametrize("op", ["*", "/"])
def test_multiplying_and_dividing_fractions(op):
    items = fractions_times(SECTION_NUMBERS, op)
    assert items
    assert_keys_right(items)
    if op == "/":
        assert all("does not invert the divisor" in dict(i.wrong).values() for i in items)


def test_rounding_keys_and_its_misconceptions():
    items = rounding({3978, 1492, 1078, 25})
    assert_keys_right(items)
    assert any("cuts the digits off" in why for i in items for _, why in i.wrong)


def test_the_operation_comes_from_the_topic_then_the_title_then_the_examples():
    assert operation_of("Adding fractions with unlike denominators", "", []) == (
        "fractions_unlike",
        "+",
    )
    assert operation_of("Fractions", "Subtract Fractions with Common Denominators", []) == (
        "fractions_like",
        "-",
    )
    # A strategy section names no operation: its worked examples do.
    problems = ["Add: 3/4 + 1/6.", "Add: 2/3 + 1/4."]
    assert operation_of("Problem solving", "Use a strategy", problems) == (
        "fractions_unlike",
        "+",
    )
    assert operation_of("Poetry", "Rhyme", ["Read the poem."]) is None


def test_no_operation_no_items_rather_than_filler():
    assert computed_practice("Rhyme and metre", "Poems", "A poem has lines.", []) == []


def test_improper_fractions_as_mixed_numbers():
    items = improper_to_mixed([("11", "3"), ("17", "8"), ("33", "8"), ("4", "4")])
    assert [i.answer for i in items] == ["2 1/8", "3 2/3", "4 1/8"]
    assert_keys_right(items)


def test_one_stray_sum_among_the_examples_is_not_the_sections_operation():
    assert (
        operation_of("Fractions", "Visualize Fractions", ["Name 5/8.", "Add: 1/2 + 1/3."]) is None
    )
    twice = ["Add: 1/2 + 1/3.", "Add: 1/4 + 1/6."]
    assert operation_of("Fractions", "Visualize Fractions", twice) == ("fractions_unlike", "+")
