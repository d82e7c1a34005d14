"""Numbers in text, and whether each is supported by what the code knows.

A number in the answer is supported when the same value appears in a passage,
a computed fact, the question or the instructions, allowing what a careful
writer may do with it: drop or add thousands separators (1,200 = 1200), round
to the precision written while staying within 5% (32.09 in -> 32 in, 1,850 ->
1,900, but not 1,850 -> 2,000), convert units of one dimension (0.815 m = 815
mm = 32 in), and write a fraction as a percent (0.18 = 18%). Not claims: list
markers, citation numbers, labels ("Step 2", "Table 3"), small ordinals
("2nd law"), and years 1900-2100.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from core.reasoning.checks.report import UNSUPPORTED_NUMBER, Failure, gettext_noop
from core.reasoning.checks.text import CITATION, TAG_LIKE
from core.reasoning.checks.units import unit_after

_NUM = (
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 1,00,000 1,200 12.5
    r"|\.\d+"
)
NUMBER = re.compile(
    rf"(?<![\w^/.])(?<!\d\.)(?P<num>{_NUM})"
    r"(?:\s*(?:[×x*·]|\\times)\s*10\s*\^\s*\(?(?P<exp>[-−–]?\d+)\)?"
    r"|\s*\^\s*\(?(?P<pow>[-−–]?\d+)\)?)?"
    r"(?:\s*/\s*(?P<den>\d+)(?!\d|\.\d))?"
    r"(?![\d])"
)
_INLINE_MARKER = re.compile(r"\(\d\)")
_MARKER = re.compile(
    r"^[ \t>]*(?:[-*+][ \t]+)?(?:#+[ \t]*)?(?:\*\*)?\(?\d{1,2}(?:\.\d{1,2})*[.):](?:\*\*)?(?=\s)",
    re.M,
)
_LABELS = (
    "step|steps|example|exercise|problem|question|part|section|chapter|unit|lesson|figure|fig"
    "|table|source|sources|passage|passages|item|option|point|stage|rule|level|grade|class"
    "|page|slide|activity|day|week|round|no|number|case|method|way|tip|note|reason|law"
)
_LABEL_BEFORE = re.compile(rf"(?:\b(?:{_LABELS})\.?|#)\s*$", re.I)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_URL = re.compile(r"https?://\S+|www\.\S+")


@dataclass(frozen=True)
class Number:
    text: str  # as written
    value: float
    half_unit: float  # half the unit of the last digit written: the rounding allowed
    dimension: str  # "" when no known unit follows; "percent" for %
    base: float  # value in the dimension's base unit (or the value itself)
    base_half_unit: float


# What a failure says (stored in English; the run page translates it).
ONE_NUMBER = gettext_noop(
    "It states the number %(number)s, which is in no source and no computed fact."
)
NUMBERS = gettext_noop(
    "It states %(count)s numbers that are in no source and no computed fact: %(numbers)s."
)
SENTENCES = (ONE_NUMBER, NUMBERS)


def _digits(raw: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in raw)


def _integer(raw: str) -> int:
    return int(_digits(raw.replace("−", "-").replace("–", "-")))


def _parse(text: str, match: re.Match) -> Number:
    raw = _digits(match.group("num").replace(",", ""))
    value = float(raw)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    if decimals:
        half = 0.5 * 10.0**-decimals
    else:
        # trailing zeros of a whole number may be rounding, keeping two significant figures
        zeros = len(raw) - len(raw.rstrip("0")) if raw.strip("0") else 0
        half = 0.5 * 10.0 ** min(zeros, max(0, len(raw.lstrip("0")) - 2))
    if match.group("exp"):
        scale = 10.0 ** _integer(match.group("exp"))
        value, half = value * scale, half * scale
    if match.group("pow"):
        power = min(_integer(match.group("pow")), 64)
        value, half = (value**power if value or power >= 0 else 0.0), 1e-9
    if match.group("den"):
        denominator = float(_digits(match.group("den"))) or 1.0
        value, half = value / denominator, 1e-9
    found = unit_after(text, match.end())
    if found is None:
        return Number(match.group(0), value, half, "", value, half)
    _, unit = found
    base = value * unit.factor + unit.offset
    return Number(match.group(0), value, half, unit.dimension, base, half * unit.factor)


def _mask(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def numbers_in(text: str) -> list[Number]:
    """Every number of ``text`` (citations and URLs masked out)."""
    masked = _mask(_mask(text, CITATION), _URL)
    return [_parse(masked, m) for m in NUMBER.finditer(masked)]


def claimed_numbers(text: str) -> list[Number]:
    """The numbers of ``text`` that state something (see the module docstring)."""
    masked = text
    for pattern in (CITATION, TAG_LIKE, _URL, _MARKER, _INLINE_MARKER):
        masked = _mask(masked, pattern)
    out = []
    for match in NUMBER.finditer(masked):
        before, after = masked[max(0, match.start() - 12) : match.start()], masked[match.end() :]
        if _LABEL_BEFORE.search(before):
            continue
        if _ORDINAL.match(after) and float(_digits(match.group("num").replace(",", ""))) <= 10:
            continue
        raw = match.group("num")
        if (
            re.fullmatch(r"\d{4}", raw)
            and 1900 <= int(_digits(raw)) <= 2100
            and not match.group("den")
            and unit_after(masked, match.end()) is None
        ):
            continue
        out.append(_parse(masked, match))
    return out


class SupportedNumbers:
    """The values a text may state, searchable with a rounding tolerance."""

    def __init__(self, texts: tuple[str, ...]):
        plain: list[float] = []
        by_dimension: dict[str, list[float]] = {}
        for text in texts:
            for number in numbers_in(text):
                plain.append(abs(number.value))
                if number.dimension == "percent":
                    plain.append(abs(number.value) / 100)
                if number.dimension:
                    by_dimension.setdefault(number.dimension, []).append(abs(number.base))
        self.plain = sorted(set(plain))
        self.by_dimension = {d: sorted(set(v)) for d, v in by_dimension.items()}

    def supports(self, number: Number) -> bool:
        value = abs(number.value)
        if _near(self.plain, value, number.half_unit):
            return True
        if number.dimension == "percent" and _near(self.plain, value / 100, number.half_unit / 100):
            return True
        values = self.by_dimension.get(number.dimension)
        return bool(values) and _near(values, abs(number.base), number.base_half_unit)


def _near(values: list[float], value: float, half_unit: float) -> bool:
    """Is some ``c`` in sorted ``values`` equal to ``value`` or rounded to it: within half
    a unit of the last digit written and within 5% of ``c``?"""
    exact = 1e-9 * max(1.0, value)
    low = bisect.bisect_left(values, value - half_unit - exact)
    for candidate in values[low:]:
        if candidate > value + half_unit + exact:
            return False
        if abs(candidate - value) <= exact or abs(candidate - value) <= 0.05 * candidate:
            return True
    return False


def check_numbers(text: str, supported: SupportedNumbers) -> Failure | None:
    found = [n.text.strip() for n in claimed_numbers(text) if not supported.supports(n)]
    unsupported = list(dict.fromkeys(found))
    if not unsupported:
        return None
    if len(unsupported) == 1:
        return Failure(UNSUPPORTED_NUMBER, ONE_NUMBER % {"number": unsupported[0]})
    shown = ", ".join(unsupported[:4])
    detail = NUMBERS % {"count": len(unsupported), "numbers": shown}
    return Failure(UNSUPPORTED_NUMBER, detail)
