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
_OVER = re.compile(r"\bover\s*$|^\s*over\b", re.I)


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


def _value(node: ast.AST, names: dict[str, Fraction] | None = None) -> Fraction:
    if isinstance(node, ast.Name) and names and node.id in names:
        return names[node.id]
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        if len(str(node.value)) > MAX_DIGITS:
            raise NotArithmetic("number too long")
        return Fraction(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _value(node.operand, names)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _value(node.left, names), _value(node.right, names)
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
        if re.fullmatch(r"\(*\s*\d+\s*/\s*\d+\s*\)*", candidate):
            continue  # a bare fraction, even in brackets, is a number, not a sum to work out
        try:
            evaluate(candidate)
        except (NotArithmetic, ZeroDivisionError, OverflowError):
            continue
        if best is None or len(candidate) > len(best):
            best = candidate
    if best is None:
        for pattern, op in _WORD_OPS:
            for match in pattern.finditer(text):
                if _OVER.search(text[: match.start()]) or _OVER.match(text[match.end() :]):
                    continue  # "1 times 4 over 2 times 4" is a fraction, not the sum 1 × 4
                return f"{match.group(1)} {op} {match.group(2)}"
    return best


def parse_answer(text: str) -> Fraction | None:
    """The number an answer key states: "12", "3/4", "2 1/2", "0.75", "= 18 apples".
    None when the key holds no single number."""
    cleaned = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text.translate(_SYMBOLS)).strip()
    cleaned = re.sub(r"^(?:the answer is|answer:|[a-z]\s*=|=)\s*\$?", "", cleaned, flags=re.I)
    cleaned = cleaned.removeprefix("$")
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
    task = find_task(question)
    if task is None:
        return "unchecked", None
    computed = task.value
    stated = parse_answer(key)
    if stated is None:
        return "unclear", computed
    return ("ok" if stated == computed else "wrong"), computed


# --- other tasks whose answer code can work out ------------------------------------

_NUM = r"-?\d[\d,]*(?:\.\d+)?"
_PLACES = {
    "ten thousand": Fraction(10_000),
    "hundred thousand": Fraction(100_000),
    "ten": Fraction(10),
    "hundred": Fraction(100),
    "thousand": Fraction(1000),
    "million": Fraction(1_000_000),
    "whole number": Fraction(1),
    "dollar": Fraction(1),
    "tenth": Fraction(1, 10),
    "hundredth": Fraction(1, 100),
    "cent": Fraction(1, 100),
    "thousandth": Fraction(1, 1000),
}
_PLACE = "|".join(sorted(_PLACES, key=len, reverse=True))
_ROUND = [
    re.compile(rf"\bround\s+\$?({_NUM})\s+to\s+the\s+nearest\s+({_PLACE})s?\b", re.I),
    re.compile(rf"\bround\s+to\s+the\s+nearest\s+({_PLACE})s?\s*[:,]?\s*\$?({_NUM})", re.I),
]
_PERCENT_OF = re.compile(rf"\b({_NUM})\s*%\s+of\s+\$?({_NUM})(?![\d/])")
_FRACTION_OF = re.compile(rf"(?<![\d/.])(\d+)\s*/\s*(\d+)\s+of\s+\$?({_NUM})(?![\d/])")
_EQUATION_SIDE = r"[\d\s.+\-*/×÷·−()a-z]"
_EQUATION = re.compile(
    rf"\bsolve\b(?:\s+(?:the|this)\s+equation)?(?:\s+for\s+([a-z]))?\s*[:,]?\s*({_EQUATION_SIDE}+=(?:{_EQUATION_SIDE})+)",
    re.I,
)


class Task:
    """Something a maths item asks that code can work out: ``value`` is exact."""

    def __init__(self, kind: str, question: str, value: Fraction, key: str | None = None):
        self.kind, self.question, self.value = kind, question, value
        self.key = key if key is not None else format_value(value)
        self.choices: list[str] = []  # the options a comparison offers
        self.derived = False  # made from the passage's numbers, not a task it states


def _number(text: str) -> Fraction:
    return Fraction(text.replace(",", ""))


def round_half_up(value: Fraction, unit: Fraction) -> Fraction:
    """School rounding: a five rounds up (away from zero)."""
    sign = -1 if value < 0 else 1
    steps = (abs(value) / unit + Fraction(1, 2)).__floor__()
    return sign * steps * unit


def format_decimal(value: Fraction, places: int) -> str:
    """``value`` written with ``places`` decimals (it must fit exactly)."""
    if places <= 0:
        return format_value(value)
    scaled = value * 10**places
    if scaled.denominator != 1:
        return format_value(value)
    sign, digits = ("-" if scaled < 0 else ""), str(abs(scaled.numerator)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _rounding(text: str) -> Task | None:
    for index, pattern in enumerate(_ROUND):
        match = pattern.search(text)
        if not match:
            continue
        number, place = match.groups() if index == 0 else match.groups()[::-1]
        unit = _PLACES[place.lower()]
        value = round_half_up(_number(number), unit)
        places = {Fraction(1, 10): 1, Fraction(1, 100): 2, Fraction(1, 1000): 3}.get(unit, 0)
        return Task(
            "rounding",
            f"Round {number} to the nearest {place.lower()}.",
            value,
            format_decimal(value, places),
        )
    return None


def _percent_or_part(text: str) -> Task | None:
    match = _PERCENT_OF.search(text)
    if match:
        value = _number(match.group(1)) / 100 * _number(match.group(2))
        return Task("percent", f"What is {match.group(1)}% of {match.group(2)}?", value)
    match = _FRACTION_OF.search(text)
    if match and int(match.group(2)):
        value = Fraction(int(match.group(1)), int(match.group(2))) * _number(match.group(3))
        question = f"What is {match.group(1)}/{match.group(2)} of {match.group(3)}?"
        return Task("fraction of", question, value)
    return None


def _linear(side: str, name: str, value: Fraction) -> Fraction:
    text = side.translate(_SYMBOLS)
    text = re.sub(r"(\d|\))\s*(?=[a-z(])", r"\1*", text)  # 3x, 2(x + 1), (x)(2)
    text = re.sub(r"(?<=[a-z)])\s*(?=\d)", "*", text)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise NotArithmetic(side) from exc
    return _value(tree.body, {name: value})


def _equation(text: str) -> Task | None:
    """ "Solve x + 7 = 12", "Solve for n: 3n = 21": one unknown, linear, one solution."""
    match = _EQUATION.search(text)
    if not match:
        return None
    equation = match.group(2).strip().rstrip(".?!,;: ")
    if equation.count("=") != 1:
        return None
    left, right = equation.split("=")
    trailing = re.search(r"[a-z]{2,}", right, re.I)  # "= 12. Then check your answer"
    if trailing:
        right = right[: trailing.start()].strip().rstrip(".?!,;: ")
    equation = f"{left.strip()} = {right.strip()}"
    letters = set(re.findall(r"(?<![a-z])[a-z](?![a-z])", equation, re.I))
    if len(letters) != 1 or re.search(r"[a-z]{2,}", equation, re.I) or not right.strip():
        return None
    name = letters.pop()
    try:
        at = [
            _linear(left, name, Fraction(x)) - _linear(right, name, Fraction(x)) for x in (0, 1, 2)
        ]
    except (NotArithmetic, ZeroDivisionError, OverflowError):
        return None
    slope = at[1] - at[0]
    if slope == 0 or at[2] - at[1] != slope:
        return None  # no unknown left, or not linear
    value = -at[0] / slope
    return Task("equation", f"Solve {equation}.", value, f"{name} = {format_value(value)}")


_VALUE = r"[-−]?\d+(?:\.\d+)?(?:\s*/\s*\d+)?"
_COMPARE = re.compile(
    rf"\bwhich\s+(?:number\s+|fraction\s+|one\s+)?is\s+(greater|larger|bigger|smaller|less)\b"
    rf"[^0-9−-]{{0,30}}?({_VALUE})\s*(?:,|or)\s*({_VALUE})(?![\d/.])",
    re.I,
)
_TO_MIXED = re.compile(
    r"\b(?:write|convert|rewrite|change|express)\s+(?:the\s+)?(?:improper\s+fraction\s+)?"
    r"(\d+)\s*/\s*(\d+)\s+(?:as|to|into)\s+a\s+mixed\s+number",
    re.I,
)


def format_mixed(value: Fraction) -> str:
    """7/4 as "1 3/4"; whole numbers and proper fractions as ``format_value``."""
    whole, rest = divmod(abs(value.numerator), value.denominator)
    if not whole or not rest:
        return format_value(value)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole} {rest}/{value.denominator}"


def _comparison(text: str) -> Task | None:
    match = _COMPARE.search(text)
    if not match:
        return None
    try:
        a, b = evaluate(match.group(2)), evaluate(match.group(3))
    except (NotArithmetic, ZeroDivisionError, OverflowError):
        return None
    if a == b:
        return None
    bigger = match.group(1).lower() in ("greater", "larger", "bigger")
    chosen, key = (a, match.group(2)) if (a > b) == bigger else (b, match.group(3))
    question = f"Which is {match.group(1).lower()}: {match.group(2)} or {match.group(3)}?"
    task = Task("comparison", question, chosen, key.strip())
    task.choices = [match.group(2).strip(), match.group(3).strip()]
    return task


def _to_mixed(text: str) -> Task | None:
    match = _TO_MIXED.search(text)
    if not match or not int(match.group(2)):
        return None
    value = Fraction(int(match.group(1)), int(match.group(2)))
    question = f"Write {match.group(1)}/{match.group(2)} as a mixed number."
    return Task("mixed number", question, value, format_mixed(value))


def find_task(text: str) -> Task | None:
    """The task in ``text`` whose answer code can work out: an equation to solve,
    a rounding, a comparison, a mixed number, a percent or fraction of a number,
    or an arithmetic expression."""
    for finder in (_equation, _rounding, _comparison, _to_mixed, _percent_or_part):
        task = finder(text)
        if task is not None:
            return task
    expression = find_expression(text)
    if expression is None:
        return None
    try:
        value = evaluate(expression)
    except (NotArithmetic, ZeroDivisionError, OverflowError):
        return None
    return Task("sum", f"Work out {expression}.", value)


_FRACTION_TOKEN = re.compile(r"(?<![\d/.,])(\d{1,3})\s*/\s*(\d{1,3})(?![\d/])")
_DECIMAL_TOKEN = re.compile(r"(?<![\d/.,])([-−]?\d{1,4}\.\d{1,3})(?![\d/])")


def tasks_from_numbers(text: str) -> list[Task]:
    """Practice made from the numbers a passage works with: an improper fraction
    to write as a mixed number (when the passage is about mixed numbers), and
    which of two of its fractions or decimals is greater (when it is about
    fractions or decimals)."""
    fractions = []
    for num, den in _FRACTION_TOKEN.findall(text):
        if int(den) > 1 and (num, den) not in fractions:
            fractions.append((num, den))
    tasks = []
    if re.search(r"mixed\s+numbers?", text, re.I):
        for num, den in fractions:
            if int(num) > int(den) and int(num) % int(den):
                tasks.append(_to_mixed(f"Write {num}/{den} as a mixed number"))
                break
    # Only numbers the passage is about: a physics passage's "9.80" is data, not practice.
    values = [f"{n}/{d}" for n, d in fractions] if re.search(r"fraction", text, re.I) else []
    if re.search(r"decimal", text, re.I):
        values += list(dict.fromkeys(_DECIMAL_TOKEN.findall(text)))
    for first, second in zip(values, values[1:], strict=False):
        task = _comparison(f"Which is greater, {first} or {second}?")
        if task is not None:
            tasks.append(task)
            break
    tasks = [t for t in tasks if t is not None]
    for task in tasks:
        task.derived = True
    return tasks
