"""Read one cell: a price with thousands separators, or a date in a local order."""

from __future__ import annotations

import re
from datetime import date, datetime

_CURRENCY = re.compile(r"^(rs\.?|inr|₹|tk\.?|bdt|\$|usd)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_COMMA = re.compile(r"^-?\d{1,3}(,\d{2,3})+(\.\d+)?$")  # 1,234.5 and Indian 1,23,456
_GROUPED_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234,5
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")

DATE_ORDERS = ("ymd", "dmy", "mdy")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T].*)?$")
_TEXT_FORMATS = ("%d-%b-%Y", "%d %b %Y", "%d-%B-%Y", "%d %B %Y", "%b %d, %Y", "%d-%b-%y")


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


def guess_date_order(samples: list[str]) -> str:
    """ymd, dmy or mdy from sample cells: a first field over 12 means day first.
    Ambiguous all-small samples default to day first (the Indian and European habit)."""
    first_gt12 = second_gt12 = year_first = False
    for text in samples:
        m = _NUMERIC_DATE.match(text.strip())
        if not m:
            continue
        a, b, _c = m.groups()
        if len(a) == 4:
            year_first = True
        elif int(a) > 12:
            first_gt12 = True
        elif int(b) > 12:
            second_gt12 = True
    if year_first:
        return "ymd"
    if second_gt12 and not first_gt12:
        return "mdy"
    return "dmy"


def parse_date(text: str, order: str = "dmy") -> date:
    """A date from a cell in the given numeric order, or in a month-name format."""
    text = (text or "").strip()
    m = _NUMERIC_DATE.match(text)
    try:
        if m:
            a, b, c = (int(x) for x in m.groups())
            if len(m.group(1)) == 4:
                return date(a, b, c)
            year = c + 2000 if c < 100 else c
            return date(year, b, a) if order == "dmy" else date(year, a, b)
    except ValueError:
        raise BadValue(f"“{text[:40]}” is not a valid date") from None
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if not text:
        raise BadValue("the date is missing")
    raise BadValue(f"“{text[:40]}” is not a date")
