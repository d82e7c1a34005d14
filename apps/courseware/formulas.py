"""Practice on a key equation the section states (``F_net = ma``, ``W = mg``,
``v = fλ``): the equation is read from the section, not taken from a list;
its inputs' values are the quantities the section's own problems give in
their units, so each item is the book's situation with the formula worked."""

from __future__ import annotations

import re
from fractions import Fraction

from django.utils.translation import gettext

from apps.courseware.book_practice import LEVELS, Practice

# The SI unit each symbol of a school formula is written with, to find its values
# in the section's own problems ("65.0 kg" is a mass): physics notation, not a
# list of formulas (those are read from the section).
SYMBOL_UNITS = {
    "m": r"kg",
    "a": r"m/s\^?2|m/s²",
    "g": r"m/s\^?2|m/s²",
    "F": r"N",
    "W": r"N",
    "v": r"m/s(?![\^²])",
    "f": r"Hz",
    "λ": r"m(?![/\w])",
    "T": r"s(?![\w/])",
    "d": r"m(?![/\w])",
    "t": r"s(?![\w/])",
}


SHOWN_UNITS = {"m": "kg", "a": "m/s^2", "g": "m/s^2", "F": "N", "W": "N", "v": "m/s", "f": "Hz"}
SHOWN_UNITS |= {"λ": "m", "T": "s", "d": "m", "t": "s"}


def _unit_of(symbol: str) -> str:
    return SHOWN_UNITS.get(symbol[0], "")


def stated_constant(symbol: str, text: str) -> str | None:
    """The value the section gives a symbol outright ("g = 9.80 m/s^2"), or None."""
    unit = SYMBOL_UNITS.get(symbol[0])
    if unit is None:
        return None
    found = re.search(rf"(?<![\w])({re.escape(symbol)})\s*=\s*(\d+(?:\.\d+)?)\s?(?:{unit})", text)
    return found.group(2) if found else None


def values_of(symbol: str, text: str) -> list[str]:
    unit = SYMBOL_UNITS.get(symbol[0])
    if unit is None:
        return []
    found = re.findall(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s?(?:{unit})\b", text)
    return [v for v in dict.fromkeys(found) if Fraction(v.replace(",", "")) > 0]


def formula(name: str, equation: str, problems: list[str], text: str = "") -> list[Practice]:
    """Items on a key equation of the form ``Y = A B`` or ``Y = A/B`` the section
    states (read from it, not listed here): the inputs' values are quantities
    the section's problems give in their units; the misconceptions are using the
    formula the wrong way round and adding the quantities."""
    parsed = parse_equation(equation)
    if parsed is None:
        return []
    target, left, op, right = parsed
    unit = _unit_of(target)
    pairs = []  # the two inputs from one problem: the book's own situation, realistic
    fixed = {s: stated_constant(s, text) for s in (left, right)}
    for problem in problems:
        lefts = [fixed[left]] if fixed[left] else values_of(left, problem)
        rights = [fixed[right]] if fixed[right] else values_of(right, problem)
        if lefts and rights and (lefts[0], rights[0]) not in pairs:
            pairs.append((lefts[0], rights[0]))
    out = []
    for x, y in pairs:
        a, b = Fraction(x.replace(",", "")), Fraction(y.replace(",", ""))
        value = a * b if op == "*" else a / b
        if (value * 10000).denominator != 1:
            continue  # a key must be exact: a quotient that does not end is left out
        level = LEVELS[min(len(out), 2)]
        rx, ry = x.replace(",", ""), y.replace(",", "")
        x, y = f"{x} {_unit_of(left)}".strip(), f"{y} {_unit_of(right)}".strip()
        wrong_value = a / b if op == "*" else a * b
        shown = f"{rx} × {ry}" if op == "*" else f"{rx} ÷ {ry}"
        question = gettext(
            "Use %(eq)s with %(l)s = %(x)s and %(r)s = %(y)s: %(t)s = %(shown)s = ?"
        ) % {
            "eq": f"{target} = {left}{'' if op == '*' else '/'}{right}",
            "l": left,
            "x": x,
            "r": right,
            "y": y,
            "t": target,
            "shown": shown,
        }
        suffix = f" {unit}" if unit else ""
        wrong = [(decimal_text(wrong_value) + suffix, gettext("inverts the formula"))]
        if a + b != value:
            wrong.append((decimal_text(a + b) + suffix, gettext("adds the quantities")))
        rule = gettext("key equation %(n)s") % {
            "n": f"{target} = {left}{'' if op == '*' else '/'}{right}"
        }
        out.append(Practice(question, decimal_text(value) + suffix, level, rule, "", wrong))
    return out[:3]


_SYMBOL = r"[A-Za-zΣλΔθωμρ](?:_[A-Za-z]+)?"


def parse_equation(equation: str) -> tuple[str, str, str, str] | None:
    """("F_net", "m", "*", "a") for "F_net = ma"; None for a form it cannot read."""
    first = re.split(r"\s+or\s+|;", equation)[0].strip().rstrip(".")
    match = re.fullmatch(rf"({_SYMBOL})\s*=\s*({_SYMBOL})\s*([*/×·]?)\s*({_SYMBOL})", first)
    if not match:
        return None
    target, left, op, right = match.groups()
    return target, left, "/" if op == "/" else "*", right


def decimal_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.4f}".rstrip("0").rstrip(".")
