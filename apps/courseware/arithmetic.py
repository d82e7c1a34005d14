"""Find an arithmetic expression in a maths item, compute it exactly, and
compare it with the answer key. Exact rational arithmetic (fractions, mixed
numbers, decimals); never ``eval``."""

from __future__ import annotations

import ast
import re
from fractions import Fraction

_OPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: None,
}
_SYMBOLS = str.maketrans({"×": "*", "·": "*", "÷": "/", "−": "-", "–": "-", "⋅": "*", "∶": "/"})
# A run of numbers, operators, brackets and spaces holding at least one binary operator.
_EXPR = re.compile(r"[\d(][\d\s.,()+\-*/×÷·−⋅]*[\d)]")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_WORD_OPS = [
    (re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+(?:plus|added to)\s+(\d[\d,]*(?:\.\d+)?)\b", re.I), "+"),
    (re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+minus\s+(\d[\d,]*(?:\.\d+)?)\b", re.I), "-"),
    (
        re.compile(
            r"\b(\d[\d,]*(?:\.\d+)?)\s+(?:times|multiplied by)\s+(\d[\d,]*(?:\.\d+)?)\b", re.I
        ),
        "*",
    ),
    (re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+divided by\s+(\d[\d,]*(?:\.\d+)?)\b", re.I), "/"),
]
MAX_DIGITS = 40


class NotArithmetic(ValueError):
    pass


def evaluate(expression: str) -> Fraction:
    """The exact value of ``expression`` (+ - * / × ÷, brackets, decimals)."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", expression.translate(_SYMBOLS))
    if "," in text:
        raise NotArithmetic("a comma that is not a thousands separator")
    # A mixed number "2 1/3" is 2 + 1/3 and binds tighter than anything around it.
    text = re.sub(r"(\d+)\s+(\d+)\s*/\s*(\d+)", r"(\1+\2/\3)", text)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise NotArithmetic(expression) from exc
    return _value(tree.body)


def _value(node: ast.AST) -> Fraction:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        if len(str(node.value)) > MAX_DIGITS:
            raise NotArithmetic("number too long")
        return Fraction(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _value(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Div):
            if right == 0:
                raise NotArithmetic("division by zero")
            return left / right
        return _OPS[type(node.op)](left, right)
    raise NotArithmetic(ast.dump(node)[:60])


def find_expression(text: str) -> str | None:
    """The longest arithmetic expression in ``text`` with at least one operator
    between two numbers, or None. Word forms ("12 times 3") count too."""
    best = None
    for match in _EXPR.finditer(text):
        candidate = match.group(0).strip()
        if not re.search(r"\d\s*[+\-*/×÷·−⋅]\s*[\d(]", candidate):
            continue
        if re.fullmatch(r"\d+\s*/\s*\d+", candidate):
            continue  # a bare fraction is a number, not a sum to work out
        try:
            evaluate(candidate)
        except (NotArithmetic, ZeroDivisionError, OverflowError):
            continue
        if best is None or len(candidate) > len(best):
            best = candidate
    if best is None:
        for pattern, op in _WORD_OPS:
            match = pattern.search(text)
            if match:
                return f"{match.group(1)} {op} {match.group(2)}"
    return best


def parse_answer(text: str) -> Fraction | None:
    """The number an answer key states: "12", "3/4", "2 1/2", "0.75", "= 18 apples".
    None when the key holds no single number."""
    cleaned = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text.translate(_SYMBOLS)).strip()
    cleaned = re.sub(r"^(?:the answer is|answer:|=)\s*", "", cleaned, flags=re.I)
    mixed = re.match(r"^(-?\d+)\s+(\d+)\s*/\s*(\d+)\b", cleaned)
    if mixed:
        whole, num, den = (int(g) for g in mixed.groups())
        if den == 0:
            return None
        sign = -1 if whole < 0 else 1
        return Fraction(whole) + sign * Fraction(num, den)
    frac = re.match(r"^(-?\d+)\s*/\s*(\d+)\b", cleaned)
    if frac:
        num, den = int(frac.group(1)), int(frac.group(2))
        return Fraction(num, den) if den else None
    number = re.match(r"^(-?\d+(?:\.\d+)?)(?![\d/])", cleaned)
    if number and len(number.group(1)) <= MAX_DIGITS:
        return Fraction(number.group(1))
    return None


def format_value(value: Fraction) -> str:
    """How a computed value is written in a key: whole numbers plainly,
    others as a fraction in lowest terms."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def check_key(question: str, key: str) -> tuple[str, Fraction | None]:
    """("unchecked" | "ok" | "wrong" | "unclear", computed value) for a question and its key."""
    expression = find_expression(question)
    if expression is None:
        return "unchecked", None
    computed = evaluate(expression)
    stated = parse_answer(key)
    if stated is None:
        return "unclear", computed
    return ("ok" if stated == computed else "wrong"), computed
