"""Practice computed by code for the topic's operation: items at three levels,
exact keys, and wrong options each made by a named misconception.

The operation is read from the teacher's topic and the section's title; when
they name none (a section on a strategy, say), from the section's own worked
examples and exercises. Operands are numbers the section itself uses (so a
lesson's numbers stay the book's, realistic and citable), combined by rules
per level: "below" the easiest form of the operation, "on" the form the
section teaches, "above" a harder one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext

from apps.courseware.arithmetic import format_value

LEVELS = ("below", "on", "above")


@dataclass
class Practice:
    """One computed item: a question, its exact key, wrong options by misconception."""

    question: str
    answer: str
    level: str
    rule: str  # the operation's name, said in the item's notes
    steps: str = ""  # the worked key for the teacher
    wrong: list[tuple[str, str]] = field(default_factory=list)  # (option, misconception)


def frac(value: Fraction) -> str:
    return format_value(value)


def _pairs(values: list[int], test) -> list[tuple[int, int]]:
    return [(a, b) for a in values for b in values if a < b and test(a, b)]


def _fraction_sum(n1: int, d1: int, n2: int, d2: int, sign: str, level: str, rule: str) -> Practice:
    """``n1/d1 ± n2/d2`` as written (not reduced first), its key in lowest terms."""
    a, b = Fraction(n1, d1), Fraction(n2, d2)
    value = a + b if sign == "+" else a - b
    lcd = d1 * d2 // math.gcd(d1, d2)
    na, nb = n1 * lcd // d1, n2 * lcd // d2
    verb = gettext("Add") if sign == "+" else gettext("Subtract")
    question = f"{verb}: {n1}/{d1} {sign} {n2}/{d2}. " + gettext("Simplify the answer.")
    steps = gettext("LCD %(lcd)s: %(a)s %(sign)s %(b)s = %(value)s") % {
        "lcd": lcd,
        "a": f"{na}/{lcd}",
        "b": f"{nb}/{lcd}",
        "sign": sign,
        "value": frac(value),
    }
    wrong = []
    if sign == "+":
        across = Fraction(n1 + n2, d1 + d2)
        if across != value:
            wrong.append(
                (f"{n1 + n2}/{d1 + d2}", gettext("adds the numerators and adds the denominators"))
            )
    top = n1 + n2 if sign == "+" else n1 - n2
    if d1 != d2 and Fraction(top, lcd) != value and top > 0:
        wrong.append(
            (
                f"{top}/{lcd}",
                gettext("changes the denominators to the LCD without rescaling the numerators"),
            )
        )
    other = a - b if sign == "+" else a + b
    if other > 0 and other != value:
        wrong.append((frac(other), gettext("does the other operation")))
    return Practice(question, frac(value), level, rule, steps, wrong)


def fractions_times(numbers: set[int], op: str) -> list[Practice]:
    """Products (or quotients) of two fractions; misconceptions: not inverting the
    divisor, inverting the wrong fraction, adding instead of multiplying."""
    dens = sorted(d for d in numbers if 2 <= d <= 12)
    rule = gettext("multiplying and dividing fractions")
    out = []
    pairs = [(d1, d2) for d1 in dens for d2 in dens if d1 < d2 and math.gcd(d1, d2) == 1]
    picks = pairs[:1] + pairs[len(pairs) // 2 : len(pairs) // 2 + 1] + pairs[-1:]
    for level, (d1, d2) in zip(LEVELS, list(dict.fromkeys(picks)), strict=False):
        n1 = d1 - 1
        n2 = max(n for n in range(1, d2) if math.gcd(n, d2) == 1 and n <= d2 // 2 + 1)
        a, b = Fraction(n1, d1), Fraction(n2, d2)
        if op == "*":
            value, symbol = a * b, "×"
            wrong = [
                (frac(a + b), gettext("adds instead of multiplying")),
                (
                    f"{n1 * n2}/{d1 + d2}",
                    gettext("multiplies the numerators but adds the denominators"),
                ),
            ]
        else:
            value, symbol = a / b, "÷"
            wrong = [
                (frac(a * b), gettext("does not invert the divisor")),
                (frac(b / a), gettext("inverts the dividend instead of the divisor")),
            ]
        wrong = [(o, w) for o, w in wrong if o != frac(value)]
        verb = gettext("Multiply") if op == "*" else gettext("Divide")
        # Brackets: "a/b ÷ c/d" read left to right would divide a/b by c, then by d.
        question = f"{verb}: ({n1}/{d1}) {symbol} ({n2}/{d2}). " + gettext("Simplify the answer.")
        out.append(Practice(question, frac(value), level, rule, "", wrong))
    return out


def fractions_unlike(numbers: set[int], sign: str = "+") -> list[Practice]:
    """Sums (or differences) of fractions with different denominators."""
    dens = sorted(d for d in numbers if 2 <= d <= 12)
    rule = gettext("fractions with unlike denominators")
    plans = {
        "below": _pairs(dens, lambda a, b: b % a == 0),  # one denominator a multiple
        "on": _pairs(dens, lambda a, b: math.gcd(a, b) == 1),  # coprime
        "above": _pairs(dens, lambda a, b: math.gcd(a, b) > 1 and b % a),  # shared factor
    }
    out = []
    for level in LEVELS:
        for d1, d2 in plans[level][:1]:
            n1 = 1 if level == "below" else max(n for n in range(1, d1) if n in numbers | {1})
            n2 = 1 if level != "above" else max(n for n in range(1, d2) if n in numbers | {1})
            if sign == "-" and Fraction(n1, d1) < Fraction(n2, d2):
                n1, d1, n2, d2 = n2, d2, n1, d1
            out.append(_fraction_sum(n1, d1, n2, d2, sign, level, rule))
    return out


def fractions_like(numbers: set[int], sign: str = "+") -> list[Practice]:
    dens = sorted(d for d in numbers if 3 <= d <= 12)
    rule = gettext("fractions with like denominators")
    out = []
    picks = dens[:1] + dens[len(dens) // 2 : len(dens) // 2 + 1] + dens[-1:]
    for level, den in zip(LEVELS, picks, strict=False):
        n1, n2 = max(1, den // 3), max(1, den // 2 - 1) if level != "above" else den - 2
        if sign == "-" and n1 < n2:
            n1, n2 = n2, n1
        if n1 == n2 or (sign == "-" and n1 == n2):
            continue
        out.append(_fraction_sum(n1, den, n2, den, sign, level, rule))
    return out


def decimals(values: list[str], sign: str = "+") -> list[Practice]:
    """Sums of decimals the section uses; the misconception: points not lined up."""
    found = [v for v in dict.fromkeys(values) if "." in v][:6]
    rule = gettext("adding and subtracting decimals")
    out = []
    for level, (x, y) in zip(LEVELS, zip(found, found[1:], strict=False), strict=False):
        a, b = Fraction(x), Fraction(y)
        if sign == "-" and a < b:
            a, b, x, y = b, a, y, x
        value = a + b if sign == "+" else a - b
        places = max(len(x.split(".")[1]), len(y.split(".")[1]))
        verb = gettext("Add") if sign == "+" else gettext("Subtract")
        digits = int(x.replace(".", "")) + int(y.replace(".", "")) * (1 if sign == "+" else -1)
        shifted = Fraction(digits, 10**places)
        answer = f"{float(value):.{places}f}"
        wrong = [
            (f"{float(value * 10):.{places}f}", gettext("misplaces the decimal point")),
        ]
        if shifted != value and shifted > 0:
            wrong.append(
                (
                    f"{float(shifted):.{places}f}",
                    gettext("adds the digits without lining up the points"),
                )
            )
        question = f"{verb}: {x} {sign} {y}."
        out.append(Practice(question, answer, level, rule, f"{x} {sign} {y} = {answer}", wrong))
    return out


def whole_numbers(numbers: set[int], op: str) -> list[Practice]:
    pool = sorted(n for n in numbers if 10 <= n <= 9999)
    rule = gettext("whole-number operations")
    symbol = {"+": "+", "-": "-", "*": "×", "/": "÷"}[op]
    out = []
    picks = [(pool[i], pool[-1 - i]) for i in range(min(3, len(pool) // 2))]
    for level, (x, y) in zip(LEVELS, picks, strict=False):
        if op == "/":
            y = next((d for d in sorted(numbers) if 2 <= d <= 12 and x % d == 0), None)
            if y is None:
                continue
        a, b = max(x, y), min(x, y)
        value = {"+": a + b, "-": a - b, "*": a * b, "/": a // b}[op]
        wrong = []
        if op in "+-":
            other = a - b if op == "+" else a + b
            wrong.append((str(other), gettext("does the other operation")))
            wrong.append(
                (str(value + (10 if op == "+" else -10)), gettext("forgets to carry or borrow"))
            )
        else:
            wrong.append((str(a + b), gettext("adds instead")))
            wrong.append((str(value * 10), gettext("misplaces a zero")))
        question = f"{gettext('Work out')}: {a} {symbol} {b}."
        out.append(
            Practice(question, str(value), level, rule, f"{a} {symbol} {b} = {value}", wrong)
        )
    return out


_FRACTION = re.compile(r"(?<![\d/.])(\d{1,3})\s*/\s*(\d{1,3})(?![\d/])")
_DECIMAL = re.compile(r"(?<![\d.,/])(\d{1,4}\.\d{1,3})(?![\d/])")
_INTEGER = re.compile(r"(?<![\d.,/])(\d{1,4})(?![\d.,/])")
_SUM = re.compile(r"(\d{1,3})\s*/\s*(\d{1,3})\s*([+\-−])\s*\(?\s*[-−]?\s*(\d{1,3})\s*/\s*(\d{1,3})")


def operation_of(
    topic: str, title: str, problems: list[str], objectives: list[str] = ()
) -> tuple[str, str] | None:
    """(operation, sign) the lesson practises: from the topic, else the section's
    title, else its objectives in order, else the form most of its worked examples
    and exercises work (at least two of them: one stray sum is not the section's)."""
    for text in (topic, title, *objectives):
        found = _named_operation(text.casefold())
        if found:
            return found
    forms: dict[tuple[str, str], int] = {}
    for problem in problems:
        sums = _SUM.search(problem)
        form = None
        if sums:
            sign = "-" if sums.group(3) in "-−" else "+"
            kind = "fractions_like" if sums.group(2) == sums.group(5) else "fractions_unlike"
            form = (kind, sign)
        elif re.search(r"\d\.\d+\s*[+\-−]\s*\d+\.\d", problem):
            form = ("decimals", "+")
        if form:
            forms[form] = forms.get(form, 0) + 1
    best = max(forms, key=forms.get, default=None)
    return best if best and forms[best] >= 2 else None


def _named_operation(text: str) -> tuple[str, str] | None:
    sign = "-" if re.search(r"subtract|difference", text) and not re.search(r"\badd", text) else "+"
    if re.search(r"mixed numbers?", text) and re.search(r"convert|write|rewrite", text):
        return "mixed", "+"
    if re.search(r"fraction|denominator", text):
        if re.search(r"mixed|equation|complex", text):
            return None  # no generator here yet: the examples decide, or none
        if re.search(r"multipl", text):
            return "fractions_times", "*"
        if re.search(r"divid|divisi", text):
            return "fractions_times", "/"
        if re.search(r"different|unlike", text):
            return "fractions_unlike", sign
        if re.search(r"common|\blike\b|same", text):
            return "fractions_like", sign
    if re.search(r"\bround", text) and not re.search(r"fraction|decimal", text):
        return "rounding", "+"
    if re.search(r"decimal", text) and re.search(r"add|subtract|sum", text):
        return "decimals", sign
    if re.search(r"whole numbers?", text):
        for word, op in (("add", "+"), ("subtract", "-"), ("multipl", "*"), ("divid", "/")):
            if word in text:
                return "whole", op
    return None


def improper_to_mixed(fractions: list[tuple[str, str]]) -> list[Practice]:
    """Improper fractions the section uses, written as mixed numbers; misconceptions:
    the remainder taken as the whole number, the quotient as the numerator."""
    seen = []
    for num, den in fractions:
        n, d = int(num), int(den)
        if 1 < d < n < 10 * d and n % d and (n, d) not in seen:
            seen.append((n, d))
    seen.sort(key=lambda nd: nd[0] // nd[1])
    picks = seen[:1] + seen[len(seen) // 2 : len(seen) // 2 + 1] + seen[-1:]
    out = []
    for level, (n, d) in zip(LEVELS, list(dict.fromkeys(picks)), strict=False):
        whole, rest = divmod(n, d)
        answer = f"{whole} {rest}/{d}"
        wrong = []
        if rest != whole:
            wrong.append((f"{rest} {whole}/{d}", gettext("swaps the quotient and the remainder")))
        if whole < d and f"{whole}/{d}" != answer:
            wrong.append((f"1 {whole}/{d}", gettext("writes the quotient as the numerator")))
        question = gettext("Write %(f)s as a mixed number.") % {"f": f"{n}/{d}"}
        out.append(
            Practice(
                question, answer, level, gettext("improper fractions as mixed numbers"), "", wrong
            )
        )
    return out


def rounding(numbers: set[int]) -> list[Practice]:
    """Rounding the section's larger numbers; misconceptions: cutting the digits
    off (always rounding down) and rounding to the wrong place."""
    pool = sorted(n for n in numbers if 1000 <= n <= 9_999_999 and n % 10)
    places = [(10, gettext("ten")), (100, gettext("hundred")), (1000, gettext("thousand"))]
    out = []
    for level, (unit, name) in zip(LEVELS, places, strict=False):
        candidates = [n for n in pool if n % unit * 2 >= unit] or pool
        if not candidates:
            break
        n = candidates[min(len(out), len(candidates) - 1)]
        value = (n + unit // 2) // unit * unit
        down = n // unit * unit
        wrong = []
        if down != value:
            wrong.append((f"{down:,}", gettext("cuts the digits off instead of rounding")))
        other = (n + unit * 5) // (unit * 10) * unit * 10
        if other not in (value, down) and other > 0:
            wrong.append((f"{other:,}", gettext("rounds to the wrong place")))
        question = gettext("Round %(n)s to the nearest %(place)s.") % {"n": f"{n:,}", "place": name}
        out.append(
            Practice(question, f"{value:,}", level, gettext("rounding whole numbers"), "", wrong)
        )
    return out


def computed_practice(
    topic: str, title: str, text: str, problems: list[str], objectives: list[str] = ()
) -> list[Practice]:
    """The computed items for the lesson, at three levels ([] when the topic's
    operation has no generator here, or the section gives no numbers to use)."""
    found = operation_of(topic, title, problems, list(objectives))
    if found is None:
        return []
    name, sign = found
    integers = {int(n) for n in _INTEGER.findall(text)}
    integers |= {int(p) for pair in _FRACTION.findall(text) for p in pair}
    if name == "fractions_unlike":
        return fractions_unlike(integers, sign)
    if name == "fractions_like":
        return fractions_like(integers, sign)
    if name == "fractions_times":
        return fractions_times(integers, sign)
    if name == "decimals":
        return decimals(_DECIMAL.findall(text), sign)
    if name == "mixed":
        return improper_to_mixed(_FRACTION.findall(text))
    if name == "rounding":
        return rounding(
            {
                int(n.replace(",", ""))
                for n in re.findall(r"(?<![\d.,])\d{1,3}(?:,\d{3})+|\d{4,7}", text)
            }
        )
    return whole_numbers(integers, sign)
