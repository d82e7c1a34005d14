"""Practice on a key equation the section states: read from it, values from
one problem's quantities, exact keys, the inversion named."""

from apps.courseware import arithmetic
from apps.courseware.formulas import formula, parse_equation


def assert_keys_right(items):
    for item in items:
        status, value = arithmetic.check_key(item.question, item.answer)
        assert status == "ok", (item.question, item.answer, value)


def test_key_equations_are_read_not_listed():
    assert parse_equation("F_net = ma or ΣF = ma") == ("F_net", "m", "*", "a")
    assert parse_equation("v = fλ") == ("v", "f", "*", "λ")
    assert parse_equation("a = F_net/m") == ("a", "F_net", "/", "m")
    assert parse_equation("E = mc^2") is None  # a form it cannot read: no item


def test_formula_items_take_one_problems_quantities_and_name_the_inversion():
    problems = [
        "A sled of mass 2,100 kg accelerates at 49 m/s^2. Find the thrust.",
        "A mower of 240 kg is pushed with 51 N.",
    ]
    items = formula("second law", "F_net = ma", problems)
    assert len(items) == 1  # only the sled gives both a mass and an acceleration
    assert "2100 × 49" in items[0].question
    assert items[0].answer == "102900 N"
    assert dict(items[0].wrong)[items[0].wrong[0][0]] == "inverts the formula"
    assert_keys_right(items)


def test_a_quotient_that_does_not_end_is_left_out():
    items = formula("second law", "a = F_net/m", ["A force of 10 N on a 3 kg cart."])
    assert items == []  # 10/3 = 3.333...: no exact key to give
