"""Read a date cell: in a file's numeric order (guessed from samples), or with a month name."""

from __future__ import annotations

import re
from datetime import date, datetime

from apps.crops.values import BadValue

DATE_ORDERS = ("ymd", "dmy", "mdy")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T].*)?$")
_TEXT_FORMATS = ("%d-%b-%Y", "%d %b %Y", "%d-%B-%Y", "%d %B %Y", "%b %d, %Y", "%d-%b-%y")


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
