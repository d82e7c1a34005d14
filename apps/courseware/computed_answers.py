"""Answers code works out for a question: the key of a question that holds a sum,
and wrong values for multiple-choice options."""

from __future__ import annotations

from fractions import Fraction

from apps.courseware import arithmetic


def code_key(question: str, key: str) -> tuple[str, list[str]]:
    """The key code computes when the question holds a sum; a note when the
    model's key differed (kept visible, not silently replaced)."""
    try:
        status, value = arithmetic.check_key(question, key)
    except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
        return key, []
    if status in ("unchecked", "ok"):
        return key, []
    computed = arithmetic.format_value(value)
    return computed, [f'the model\'s key "{key}" was replaced by the computed value {computed}']


def computed_key(question: str) -> str:
    """The answer code works out for ``question`` ("" when it holds no task code
    can work out): a computed fact, for the number check."""
    task = arithmetic.find_task(question)
    if task is None:
        return ""
    value = task.value
    return f"{task.key} = {arithmetic.format_value(value)} = {arithmetic.format_mixed(value)}"


def math_distractors(value: Fraction, places: int = 0) -> list[str]:
    """Three wrong values a student might give, written like the answer
    (``places`` decimals for a rounded answer)."""
    candidates = [
        value + 1,
        value - 1,
        value * 2,
        value + 10,
        value - 10,
        value / 2,
        -value,
        value * 10,
    ]
    if value.denominator > 1:
        candidates[:0] = [
            Fraction(value.numerator, value.denominator + 1),
            Fraction(value.numerator + 1, value.denominator),
        ]
    if places:
        step = Fraction(1, 10**places)
        candidates = [value + step, value - step, value * 10, value / 10, value + 10 * step]
    answer = arithmetic.format_decimal(value, places)
    out: list[str] = []
    for candidate in candidates:
        text = arithmetic.format_decimal(candidate, places)
        if candidate != value and text not in out and (value < 0 or candidate >= 0):
            out.append(text)
        if len(out) == 3:
            break
    return sorted(out, key=lambda t: abs(len(t) - len(answer)))[:3]
