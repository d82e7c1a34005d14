"""Mixed numbers a book's text lost the space of ("33/8 = 41/8" for 4 1/8,
"The number 13/5 is called a mixed number" for 1 3/5), written back with it
only where the text proves which they are: an equality that is false as
written and true with the space, a fraction the sentence names a mixed
number, or the answer to "write ... as a mixed number" that equals the
problem's fraction only with the space. A token proven in a text is written
with its space all through it.
"""

from __future__ import annotations

import re
from fractions import Fraction

_FRACTION = r"(\d{1,4})/(\d{1,3})"
_EQUALITY = re.compile(rf"(?<![\d/]){_FRACTION}\s*=\s*[-−]?\s*{_FRACTION}(?![\d/])")
_NAMED = re.compile(
    rf"\bmixed numbers? (?:is |was )?{_FRACTION}(?![\d/])|"
    rf"(?<![\d/]){_FRACTION} (?:is|was) (?:called )?a mixed number"
)


def _splits(numerator: str, denominator: int) -> list[tuple[int, int]]:
    """(whole, numerator) readings of glued digits, the numerator a proper one."""
    out = []
    for cut in range(1, len(numerator)):
        whole, rest = int(numerator[:cut]), int(numerator[cut:])
        if numerator[cut] != "0" and 0 < rest < denominator:
            out.append((whole, rest))
    return out


def _named_split(numerator: str, denominator: int) -> tuple[int, int] | None:
    """The reading of a fraction named a mixed number: its numerator as long as
    the denominator (shorter when that would not be proper)."""
    found = _splits(numerator, denominator)
    same = [s for s in found if len(str(s[1])) == len(str(denominator))]
    return (same or found[-1:] or [None])[0]


def proven(text: str) -> dict[str, str]:
    """Glued tokens ("41/8") the text proves are mixed numbers, with the space."""
    out = {}
    for match in _EQUALITY.finditer(text):
        left = Fraction(int(match.group(1)), int(match.group(2)) or 1)
        numerator, denominator = match.group(3), int(match.group(4))
        if denominator and left != Fraction(int(numerator), denominator):
            for whole, rest in _splits(numerator, denominator):
                if whole + Fraction(rest, denominator) == left:
                    out[f"{numerator}/{denominator}"] = f"{whole} {rest}/{denominator}"
    for match in _NAMED.finditer(text):
        numerator, denominator = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if int(numerator) > int(denominator) > 0:
            split = _named_split(numerator, int(denominator))
            if split:
                out[f"{numerator}/{denominator}"] = f"{split[0]} {split[1]}/{denominator}"
    return out


def with_spaces(text: str) -> str:
    """``text`` with the mixed numbers it proves written "4 1/8"."""
    found = proven(text)
    for glued, spaced in found.items():
        text = re.sub(rf"(?<![\d/]){re.escape(glued)}(?![\d/])", spaced, text)
    return text


def answer_with_spaces(problem: str, solution: str) -> str:
    """``solution`` with its mixed numbers written "1 2/7" where ``problem`` asks
    for a mixed number and only that reading equals one of its fractions."""
    if not re.search(r"mixed numbers?", problem, re.I):
        return solution
    asked = {
        Fraction(int(n), int(d))
        for n, d in re.findall(rf"(?<![\d/]){_FRACTION}(?![\d/])", problem)
        if int(d) and int(n) > int(d)
    }

    def spaced(match: re.Match) -> str:
        numerator, denominator = match.group(1), int(match.group(2))
        if not denominator or Fraction(int(numerator), denominator) in asked:
            return match.group(0)
        for whole, rest in _splits(numerator, denominator):
            if whole + Fraction(rest, denominator) in asked:
                return f"{whole} {rest}/{denominator}"
        return match.group(0)

    return re.sub(rf"(?<![\d/]){_FRACTION}(?![\d/])", spaced, solution)
