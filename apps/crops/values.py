"""Read one cell: a price with thousands separators (dates are read in ``dates``)."""

from __future__ import annotations

import re

_CURRENCY = re.compile(r"^(rs\.?|inr|₹|tk\.?|bdt|\$|usd)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_COMMA = re.compile(r"^-?\d{1,3}(,\d{2,3})+(\.\d+)?$")  # 1,234.5 and Indian 1,23,456
_GROUPED_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234,5
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


class BadValue(ValueError):
    """A cell that is not what its column needs; the message is for the user."""


def parse_number(text: str) -> float | None:
    """A number from a cell: ``None`` for empty or NA, ``BadValue`` for text."""
    raw = _CURRENCY.sub("", _SPACES.sub("", text or ""))
    if raw == "" or raw.upper() in {"NA", "N/A", "NAN", "-", "--", "NULL", "NONE"}:
        return None
    if _GROUPED_COMMA.match(raw):
        raw = raw.replace(",", "")
    elif _GROUPED_DOT.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(raw):
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise BadValue(f"“{text[:40]}” is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadValue(f"“{text[:40]}” is not a number")
    return value
