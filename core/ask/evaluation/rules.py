"""The evaluation's own fixed rules for what a shown answer must not carry:
markup, loops, unsupported numbers; and its citations' validity. Written
here, independently of the product's checks (``core.reasoning.checks``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.ask.evaluation.matching import CITATION, normalise, strip_markdown, words_of

LOOP_PHRASE, LOOP_TIMES = 5, 3
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]{0,40})((?:\s[^<>\n]{0,300}?)?)\s*(/?)>")
_OTHER_TAG = re.compile(r"<\|[^<>|\n]{1,40}\|>|<｜[^<>｜\n]{1,40}｜>|‹/?(?:sources?|question)\b")


def markup_tags(text: str) -> list[str]:
    """HTML-like tags (the page renders Markdown with raw HTML off, so each shows as
    text): closing, self-closing, bare, or with an attribute; model control tokens.
    "a <b and c> d" is a comparison, not a tag."""
    found = []
    for match in _TAG.finditer(text):
        closing, attributes, self_closing = match.group(1), match.group(3), match.group(4)
        if closing or self_closing or not attributes.strip() or "=" in attributes:
            found.append(match.group(0))
    return found + [m.group(0) for m in _OTHER_TAG.finditer(text)]


def looping_phrase(text: str) -> str:
    """A 5-word phrase said 3 or more times (citation numbers left out), or ""."""
    said = words_of(CITATION.sub(" ", text))
    counts = Counter(tuple(said[i : i + LOOP_PHRASE]) for i in range(len(said) - LOOP_PHRASE + 1))
    phrase, times = counts.most_common(1)[0] if counts else ((), 0)
    return " ".join(phrase) if times >= LOOP_TIMES else ""


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\d|,\d{3})")
_URL = re.compile(r"https?://\S+|www\.\S+")
_UNITS: dict[str, tuple[str, float]] = {
    "mm": ("length", 1e-3), "cm": ("length", 1e-2), "m": ("length", 1.0),
    "km": ("length", 1e3), "in": ("length", 0.0254), "ft": ("length", 0.3048),
    "mg": ("mass", 1e-6), "g": ("mass", 1e-3), "kg": ("mass", 1.0), "lb": ("mass", 0.45359237),
    "ms": ("time", 1e-3), "s": ("time", 1.0), "min": ("time", 60.0), "h": ("time", 3600.0),
    "m/s": ("speed", 1.0), "km/h": ("speed", 1 / 3.6), "mph": ("speed", 0.44704),
    "n": ("force", 1.0), "kn": ("force", 1e3), "j": ("energy", 1.0), "kj": ("energy", 1e3),
    "hz": ("frequency", 1.0), "khz": ("frequency", 1e3), "%": ("percent", 0.01),
    "millimetre": ("length", 1e-3), "millimeter": ("length", 1e-3),
    "centimetre": ("length", 1e-2), "centimeter": ("length", 1e-2),
    "metre": ("length", 1.0), "meter": ("length", 1.0),
    "kilometre": ("length", 1e3), "kilometer": ("length", 1e3),
    "inch": ("length", 0.0254), "inches": ("length", 0.0254),
    "foot": ("length", 0.3048), "feet": ("length", 0.3048),
    "gram": ("mass", 1e-3), "kilogram": ("mass", 1.0),
    "second": ("time", 1.0), "minute": ("time", 60.0), "hour": ("time", 3600.0),
    "newton": ("force", 1.0), "joule": ("energy", 1.0), "hertz": ("frequency", 1.0),
    "percent": ("percent", 0.01), "per cent": ("percent", 0.01),
}  # fmt: skip
_UNIT = re.compile(
    r"\s?(" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + r")s?"
    r"(?![^\W_])"
)


@dataclass(frozen=True)
class Amount:
    text: str
    value: float
    half_unit: float  # half the unit of the last digit written: the rounding allowed
    dimension: str = ""
    factor: float = 1.0  # base units per unit written


def amounts(text: str) -> list[Amount]:
    """Every number of ``text`` with the unit written after it (citations, URLs,
    list and heading marks left out; digits inside a word are not numbers)."""
    plain = _URL.sub(" ", CITATION.sub(" ", strip_markdown(normalise(text))))
    found = []
    for match in _NUMBER.finditer(plain):
        whole, decimals = match.group(1).replace(",", ""), match.group(2) or ""
        value = float(f"{whole}.{decimals}" if decimals else whole)
        unit = _UNIT.match(plain, match.end())
        dimension, factor = _UNITS[unit.group(1)] if unit else ("", 1.0)
        half = 0.5 * 10.0 ** -len(decimals)
        found.append(Amount(match.group(0), value, half, dimension, factor))
    return found


def unsupported_numbers(text: str, given: Sequence[str]) -> list[str]:
    """The numbers of ``text`` (distinct) that no text of ``given`` supports: the same
    value, within the rounding of the digits written, as a plain number or in the
    same dimension after unit conversion (0.815 m = 815 mm = 32 in; 18% = 0.18)."""
    plain: list[float] = []
    based: dict[str, list[float]] = {}
    for amount in (a for source in given for a in amounts(source)):
        plain.append(amount.value)
        if amount.dimension:
            based.setdefault(amount.dimension, []).append(amount.value * amount.factor)
            if amount.dimension == "percent":
                plain.append(amount.value * amount.factor)
    missing = []
    for amount in amounts(text):
        if _near(plain, amount.value, amount.half_unit):
            continue
        base = amount.value * amount.factor
        if amount.dimension and _near(
            based.get(amount.dimension, []), base, amount.half_unit * amount.factor
        ):
            continue
        if amount.dimension == "percent" and _near(plain, base, amount.half_unit * 0.01):
            continue
        missing.append(amount.text)
    return list(dict.fromkeys(missing))


def _near(values: list[float], value: float, tolerance: float) -> bool:
    return any(abs(v - value) <= tolerance + 1e-9 * max(1.0, abs(value)) for v in values)


def valid_citations(text: str, sources: int) -> tuple[int, int]:
    """(citations in ``text`` pointing to one of the ``sources`` given, citations)."""
    numbers = [int(n) for m in CITATION.finditer(text) for n in re.findall(r"\d+", m.group(0))]
    return sum(1 <= n <= sources for n in numbers), len(numbers)
