"""Which column holds what: recognise the layouts price files come in.

Known layouts (others fall back to matching column names):
- ``agmarknet``: mandi exports (``MANDINAME, DATE, ARRIVAL, MIN, MAX, PRICE, …``
  or the portal's ``Market Name, …, Modal Price (Rs./Quintal), Price Date``).
- ``single_price`` / ``single_arrival``: one market, ``DATE, PRICE`` or
  ``DATE, ARRIVAL``; commodity and market come from the file name or the form.
- ``wfp``: WFP/HDX food prices (``date, admin1, …, market, …, commodity, unit,
  priceflag, pricetype, currency, price, usdprice``). HDX exports put an HXL tag
  row (``#date, …``) under the header; other copies drop it. Both are read alike:
  the header names alone identify the columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.crops.dates import guess_date_order

ROLES = (
    "date",
    "price",
    "min_price",
    "max_price",
    "arrival",
    "market",
    "commodity",
    "variety",
    "unit",
    "currency",
    "region",
)
REQUIRED_ONE_OF = ("price", "arrival")

# Normalised header name -> role. Checked for exact names first, then prefixes.
_EXACT = {
    "date": "date",
    "pricedate": "date",
    "arrivaldate": "date",
    "reporteddate": "date",
    "day": "date",
    "week": "date",
    "month": "date",
    "price": "price",
    "modal": "price",
    "modalprice": "price",
    "modalpricersquintal": "price",
    "modalpricerskg": "price",
    "min": "min_price",
    "minprice": "min_price",
    "minimumprice": "min_price",
    "max": "max_price",
    "maxprice": "max_price",
    "maximumprice": "max_price",
    "arrival": "arrival",
    "arrivals": "arrival",
    "arrivalstonnes": "arrival",
    "quantity": "arrival",
    "mandiname": "market",
    "mandi": "market",
    "market": "market",
    "marketname": "market",
    "commodity": "commodity",
    "crop": "commodity",
    "commodityname": "commodity",
    "variety": "variety",
    "pricetype": "variety",
    "unit": "unit",
    "currency": "currency",
    "admin1": "region",
    "state": "region",
    "statename": "region",
}
_PREFIXES = (
    ("modalprice", "price"),
    ("minprice", "min_price"),
    ("maxprice", "max_price"),
    ("arrival", "arrival"),
    ("price", "price"),
)
_HXL = {
    "#date": "date",
    "#value": "price",
    "#loc+market+name": "market",
    "#item+name": "commodity",
    "#item+unit": "unit",
    "#item+price+type": "variety",
    "#currency": "currency",
    "#adm1+name": "region",
}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass
class Layout:
    """The detected (or confirmed) meaning of each column."""

    name: str
    header: list[str]
    columns: dict[str, int] = field(default_factory=dict)  # role -> column index
    skip_rows: int = 0  # rows after the header to ignore (the HXL tag row)
    date_order: str = "dmy"

    @property
    def has_prices(self) -> bool:
        return "price" in self.columns

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "columns": {role: self.header[i] for role, i in self.columns.items()},
            "skip_rows": self.skip_rows,
            "date_order": self.date_order,
        }


class LayoutError(ValueError):
    """The file's columns cannot be understood; the message is for the user."""


# The WFP/HDX column names that, together, identify the layout without its tag row.
_WFP_HEADER = {"date", "market", "commodity", "unit", "pricetype", "currency", "price"}
# Header words that describe a price without being one (WFP: priceflag, usdprice).
_NOT_A_VALUE = ("usd", "flag")


def role_of(column: str) -> str | None:
    """The role of a column from its name: exact names first, then known prefixes."""
    key = _norm(column)
    if key in _EXACT:
        return _EXACT[key]
    return _prefix_role(key)


def _prefix_role(key: str) -> str | None:
    if any(word in key for word in _NOT_A_VALUE):
        return None
    for prefix, role in _PREFIXES:
        if key.startswith(prefix):
            return role
    return None


def detect_layout(header: list[str], following: list[list[str]]) -> Layout:
    """The layout of a file from its header row and the rows after it."""
    skip = 1 if following and _is_hxl_row(following[0]) else 0
    columns: dict[str, int] = {}
    if skip:
        for i, tag in enumerate(following[0]):
            role = _HXL.get(tag.strip().lower().split(" ")[0])
            if role and role not in columns:
                columns[role] = i
    # Exact names win over prefixes wherever they stand: a ``price`` column after
    # ``priceflag`` (WFP) or ``price_usd`` is the price.
    keys = [_norm(name) for name in header]
    for i, key in enumerate(keys):
        role = _EXACT.get(key)
        if role and role not in columns:
            columns[role] = i
    for i, key in enumerate(keys):
        role = None if key in _EXACT else _prefix_role(key)
        if role and role not in columns:
            columns[role] = i
    if "date" not in columns:
        raise LayoutError(
            "No date column found. Name one column DATE (or confirm the mapping in the form)."
        )
    if not any(role in columns for role in REQUIRED_ONE_OF):
        raise LayoutError("No price or arrival column found: the file has nothing to import.")
    name = "wfp" if skip or _WFP_HEADER <= set(keys) else _name(columns, skip)
    layout = Layout(name=name, header=header, columns=columns, skip_rows=skip)
    samples = [row[columns["date"]] for row in following[skip:] if len(row) > columns["date"]]
    layout.date_order = guess_date_order(samples[:500])
    return layout


def _is_hxl_row(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return bool(cells) and sum(c.strip().startswith("#") for c in cells) >= len(cells) / 2


def _name(columns: dict[str, int], skip: int) -> str:
    if skip:
        return "wfp"
    if "market" in columns and "price" in columns:
        return "agmarknet"
    if "market" not in columns and "commodity" not in columns:
        return "single_price" if "price" in columns else "single_arrival"
    return "generic"


def layout_from_mapping(
    header: list[str], mapping: dict[str, str], *, skip_rows: int, date_order: str
) -> Layout:
    """A layout the admin confirmed or corrected: role -> column name."""
    columns = {}
    for role, column in mapping.items():
        if role in ROLES and column in header:
            columns[role] = header.index(column)
    if "date" not in columns or not any(r in columns for r in REQUIRED_ONE_OF):
        raise LayoutError("Choose at least the date column and a price or arrival column.")
    return Layout(
        name=_name(columns, skip_rows),
        header=header,
        columns=columns,
        skip_rows=skip_rows,
        date_order=date_order,
    )
