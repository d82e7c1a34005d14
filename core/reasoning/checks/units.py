"""Units written after a number, and their factor to one base unit per dimension,
so 0.815 m, 815 mm and 32 in compare as the same length."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    dimension: str
    factor: float  # base units per unit
    offset: float = 0.0  # base = value * factor + offset (temperatures)


_LENGTH = {"mm": 1e-3, "cm": 1e-2, "m": 1.0, "km": 1e3, "in": 0.0254, "ft": 0.3048}
_SYMBOLS: dict[str, Unit] = {
    **{s: Unit("length", f) for s, f in _LENGTH.items()},
    "yd": Unit("length", 0.9144),
    "mi": Unit("length", 1609.344),
    "mg": Unit("mass", 1e-6),
    "g": Unit("mass", 1e-3),
    "kg": Unit("mass", 1.0),
    "t": Unit("mass", 1e3),
    "lb": Unit("mass", 0.45359237),
    "lbs": Unit("mass", 0.45359237),
    "oz": Unit("mass", 0.028349523125),
    "ms": Unit("time", 1e-3),
    "s": Unit("time", 1.0),
    "sec": Unit("time", 1.0),
    "min": Unit("time", 60.0),
    "h": Unit("time", 3600.0),
    "hr": Unit("time", 3600.0),
    "hrs": Unit("time", 3600.0),
    "ml": Unit("volume", 1e-3),
    "mL": Unit("volume", 1e-3),
    "l": Unit("volume", 1.0),
    "L": Unit("volume", 1.0),
    "m/s": Unit("speed", 1.0),
    "cm/s": Unit("speed", 1e-2),
    "km/h": Unit("speed", 1 / 3.6),
    "km/hr": Unit("speed", 1 / 3.6),
    "kmph": Unit("speed", 1 / 3.6),
    "mph": Unit("speed", 0.44704),
    "m/s^2": Unit("acceleration", 1.0),
    "m/s²": Unit("acceleration", 1.0),
    "N": Unit("force", 1.0),
    "kN": Unit("force", 1e3),
    "J": Unit("energy", 1.0),
    "kJ": Unit("energy", 1e3),
    "kcal": Unit("energy", 4184.0),
    "W": Unit("power", 1.0),
    "kW": Unit("power", 1e3),
    "Hz": Unit("frequency", 1.0),
    "kHz": Unit("frequency", 1e3),
    "MHz": Unit("frequency", 1e6),
    "Pa": Unit("pressure", 1.0),
    "kPa": Unit("pressure", 1e3),
    "mm²": Unit("area", 1e-6),
    "cm²": Unit("area", 1e-4),
    "m²": Unit("area", 1.0),
    "km²": Unit("area", 1e6),
    "ha": Unit("area", 1e4),
    "ft²": Unit("area", 0.09290304),
    "°C": Unit("temperature", 1.0, 273.15),
    "°F": Unit("temperature", 5 / 9, 273.15 - 32 * 5 / 9),
    "K": Unit("temperature", 1.0),
    "%": Unit("percent", 1.0),
}
_WORDS: dict[str, Unit] = {
    "millimetre": _SYMBOLS["mm"],
    "millimeter": _SYMBOLS["mm"],
    "centimetre": _SYMBOLS["cm"],
    "centimeter": _SYMBOLS["cm"],
    "metre": _SYMBOLS["m"],
    "meter": _SYMBOLS["m"],
    "kilometre": _SYMBOLS["km"],
    "kilometer": _SYMBOLS["km"],
    "inch": _SYMBOLS["in"],
    "foot": _SYMBOLS["ft"],
    "feet": _SYMBOLS["ft"],
    "yard": _SYMBOLS["yd"],
    "mile": _SYMBOLS["mi"],
    "gram": _SYMBOLS["g"],
    "kilogram": _SYMBOLS["kg"],
    "tonne": _SYMBOLS["t"],
    "ton": _SYMBOLS["t"],
    "quintal": Unit("mass", 100.0),
    "pound": _SYMBOLS["lb"],
    "ounce": _SYMBOLS["oz"],
    "second": _SYMBOLS["s"],
    "minute": _SYMBOLS["min"],
    "hour": _SYMBOLS["h"],
    "day": Unit("time", 86400.0),
    "week": Unit("time", 604800.0),
    "litre": _SYMBOLS["l"],
    "liter": _SYMBOLS["l"],
    "newton": _SYMBOLS["N"],
    "joule": _SYMBOLS["J"],
    "watt": _SYMBOLS["W"],
    "hertz": _SYMBOLS["Hz"],
    "hectare": _SYMBOLS["ha"],
    "acre": Unit("area", 4046.8564224),
    "degrees celsius": _SYMBOLS["°C"],
    "degrees fahrenheit": _SYMBOLS["°F"],
    "percent": _SYMBOLS["%"],
    "per cent": _SYMBOLS["%"],
}
_ALTERNATIVES = sorted(_SYMBOLS, key=len, reverse=True)
# "5 in the box" reads as 5 inches too: a unit only ever adds a way for a number to
# match, so a wrong reading can only pass a number whose inches happen to match a length.
_SYMBOL = re.compile(
    r"\s?(?P<u>" + "|".join(re.escape(s) for s in _ALTERNATIVES) + r")(?![A-Za-z0-9²])"
)
_WORD = re.compile(
    r"\s?(?P<u>" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?:e?s)?\b", re.I
)


def unit_after(text: str, end: int) -> tuple[str, Unit] | None:
    """The unit written right after a number ending at ``end``, if any we know."""
    tail = text[end : end + 16]
    match = _SYMBOL.match(tail)
    if match:
        return match.group("u"), _SYMBOLS[match.group("u")]
    match = _WORD.match(tail)
    if match:
        return match.group("u").lower(), _WORDS[match.group("u").lower()]
    return None
