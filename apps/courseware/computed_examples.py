"""One worked example solved by code, for a section whose book gives none with
its solution: a problem stated from a key equation the section states (read
from it, not taken from a list), with the quantities the section itself gives
in their units, and a solution step by step (the equation, the values
substituted, the computation, the answer with its unit); or, in maths, the
a computed practice item with its worked key. Each says it was solved by
code and with which equation or rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext, pgettext_lazy

from apps.courseware.book_practice import Practice
from apps.courseware.formulas import (
    SHOWN_UNITS,
    SYMBOL_UNITS,
    decimal_text,
    parse_equation,
    stated_constant,
    values_of,
)

# What each symbol of school physics names (notation, like ``formulas.SYMBOL_UNITS``;
# the equations themselves are read from the section).
QUANTITY_NAMES = {
    "m": pgettext_lazy("physical quantity", "mass"),
    "a": pgettext_lazy("physical quantity", "acceleration"),
    "g": pgettext_lazy("physical quantity", "acceleration due to gravity"),
    "F": pgettext_lazy("physical quantity", "force"),
    "W": pgettext_lazy("physical quantity", "weight"),
    "v": pgettext_lazy("physical quantity", "speed"),
    "f": pgettext_lazy("physical quantity", "frequency"),
    "λ": pgettext_lazy("physical quantity", "wavelength"),
    "T": pgettext_lazy("physical quantity", "period"),
    "d": pgettext_lazy("physical quantity", "distance"),
    "t": pgettext_lazy("physical quantity", "time"),
}
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = r"([A-Za-zΩμ°]+(?:[/⋅·][A-Za-z]+)*(?:\^-?\d|[²³])?)"


@dataclass
class Example:
    """A worked example: its problem, its solution, and what solved it."""

    problem: str
    solution: str
    source: str  # "the key equation F_net = ma", said beside the example


def name_of(symbol: str) -> str:
    known = QUANTITY_NAMES.get(symbol[0])
    return str(known) if known else gettext("quantity")


def stated_values(symbol: str, text: str) -> list[tuple[str, str]]:
    """(value, unit) the section gives a symbol outright ("p = 12 kg⋅m/s")."""
    pattern = rf"(?<![\w])(?:{re.escape(symbol)})\s*=\s*{_NUMBER}\s?{_UNIT}"
    return list(dict.fromkeys(re.findall(pattern, text)))


def _values(symbol: str, problems: list[str], text: str) -> list[tuple[str, str]]:
    """The symbol's values in the section, with their units: a constant it states,
    else the quantities its problems give, else those anywhere in its text."""
    constant = stated_constant(symbol, text)
    if constant:
        return [(constant, SHOWN_UNITS.get(symbol[0], ""))]
    if symbol[0] in SYMBOL_UNITS:
        unit = SHOWN_UNITS.get(symbol[0], "")
        found = [v for problem in problems for v in values_of(symbol, problem)]
        found += values_of(symbol, text)
        return [(v, unit) for v in dict.fromkeys(found)]
    return stated_values(symbol, "\n".join(problems) + "\n" + text)


def _unit_of_result(target: str, text: str, left_unit: str, op: str, right_unit: str) -> str:
    if target[0] in SHOWN_UNITS:
        return SHOWN_UNITS[target[0]]
    stated = stated_values(target, text)
    if stated:
        return stated[0][1]
    if not (left_unit and right_unit):
        return left_unit or right_unit
    if op == "*":
        return f"{left_unit}⋅{right_unit}"
    return (
        f"{left_unit}/({right_unit})"
        if re.search(r"[/⋅]", right_unit)
        else f"{left_unit}/{right_unit}"
    )


def from_equation(equation: str, problems: list[str], text: str) -> Example | None:
    """The worked example on ``equation`` (``Y = A B`` or ``Y = A/B``), its inputs'
    values the section's own, its answer exact; None when the equation has a form
    this cannot read, or the section gives no values to work it with."""
    parsed = parse_equation(equation)
    if parsed is None:
        return None
    target, left, op, right = parsed
    lefts, rights = _values(left, problems, text), _values(right, problems, text)
    for (x, x_unit), (y, y_unit) in [(a, b) for a in lefts for b in rights]:
        a, b = Fraction(x.replace(",", "")), Fraction(y.replace(",", ""))
        if a == 0 or b == 0:
            continue
        value = a * b if op == "*" else a / b
        if (value * 10000).denominator != 1:
            continue  # the answer must be exact for the class to check it
        unit = _unit_of_result(target, text, x_unit, op, y_unit)
        return _written(
            (target, left, op, right),
            (x.replace(",", ""), x_unit),
            (y.replace(",", ""), y_unit),
            (decimal_text(value), unit),
        )
    return None


def _written(symbols, first, second, result) -> Example:
    target, left, op, right = symbols
    (x, x_unit), (y, y_unit), (value, unit) = first, second, result
    sign = "×" if op == "*" else "÷"
    shown = f"{target} = {left} {sign} {right}"
    problem = gettext(
        "The %(left_name)s is %(left)s = %(x)s and the %(right_name)s is %(right)s = %(y)s. "
        "Find the %(target_name)s %(target)s."
    ) % {
        "left_name": name_of(left),
        "left": left,
        "x": f"{x} {x_unit}".strip(),
        "right_name": name_of(right),
        "right": right,
        "y": f"{y} {y_unit}".strip(),
        "target_name": name_of(target),
        "target": target,
    }
    steps = [
        gettext("Step 1: the equation, %(eq)s.") % {"eq": shown},
        gettext("Step 2: substitute the values, %(t)s = (%(x)s) %(sign)s (%(y)s).")
        % {"t": target, "x": f"{x} {x_unit}".strip(), "sign": sign, "y": f"{y} {y_unit}".strip()},
        gettext("Step 3: compute, %(x)s %(sign)s %(y)s = %(value)s.")
        % {"x": x, "sign": sign, "y": y, "value": value},
        gettext("Step 4: the answer, %(t)s = %(value)s.")
        % {"t": target, "value": f"{value} {unit}".strip()},
    ]
    source = gettext("the key equation %(eq)s") % {"eq": shown}
    return Example(problem, "\n".join(steps), source)


def from_practice(item: Practice) -> Example | None:
    """The computed practice item as a worked example, when it has worked steps."""
    if not item.steps:
        return None
    solution = "\n".join(
        [
            gettext("Step 1: %(steps)s.") % {"steps": item.steps.rstrip(".")},
            gettext("Step 2: the answer, %(answer)s.") % {"answer": item.answer},
        ]
    )
    return Example(item.question, solution, gettext("the rule for %(rule)s") % {"rule": item.rule})
