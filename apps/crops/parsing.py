"""Turn a price file into series of dated points, keeping every good row and
reporting every bad one (bad dates, text in number columns, negative prices,
duplicates) with its line number. Nothing here touches the database: the
import service stores the result, the evaluation uses it in memory.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from apps.crops.csv_reading import (
    SAMPLE_BYTES,
    Dialect,
    UnreadableFile,
    clean_text,
    iter_rows,
    sniff,
)
from apps.crops.dates import parse_date
from apps.crops.layouts import Layout, LayoutError, detect_layout
from apps.crops.values import BadValue, parse_number

MAX_PROBLEMS_LISTED = 200
DEFAULT_UNIT = "quintal"  # Agmarknet reports Rs/quintal; the form lets the admin change it
DEFAULT_CURRENCY = "INR"


@dataclass(frozen=True, order=True)
class SeriesKey:
    commodity: str
    market: str
    variety: str = ""
    unit: str = ""
    currency: str = ""

    def label(self) -> str:
        parts = [self.commodity, self.market, self.variety]
        return " · ".join(p for p in parts if p)


@dataclass
class Point:
    price: float | None = None
    arrival: float | None = None
    min_price: float | None = None
    max_price: float | None = None


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    kind: str


@dataclass
class Defaults:
    """What the file does not say: from the form, the command line or the file name."""

    commodity: str = ""
    market: str = ""
    variety: str = ""
    unit: str = ""
    currency: str = ""


@dataclass
class ParsedFile:
    name: str
    dialect: Dialect
    layout: Layout
    series: dict[SeriesKey, dict[date, Point]] = field(default_factory=dict)
    regions: dict[SeriesKey, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_counts: Counter = field(default_factory=Counter)
    rows: int = 0
    rows_kept: int = 0
    no_trading_days: int = 0

    def add_problem(self, line: int, kind: str, message: str) -> None:
        self.problem_counts[kind] += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(Problem(line, message, kind))

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.problem_counts.most_common())
        return (
            f"{self.name}: layout {self.layout.name}, {self.rows} rows, {self.rows_kept} kept, "
            f"{len(self.series)} series" + (f"; problems: {kinds}" if kinds else "")
        )


def stem_label(name: str) -> str:
    return Path(name).stem


def read_head(stream: BinaryIO) -> tuple[Dialect, list[str], list[list[str]]]:
    """Sniff a file and return its dialect, header and first rows; rewinds the stream."""
    head = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    if not head.strip():
        raise UnreadableFile("The file is empty.")
    dialect = sniff(head)
    rows = []
    for row in iter_rows(stream, dialect):
        if any(row):
            rows.append(row)
        if len(rows) >= 400:
            break
    stream.seek(0)
    if not rows:
        raise UnreadableFile("The file has no rows.")
    header = rows[0]
    if len(rows) > 1 and len(rows[1]) > len(header):
        # A cut header under a full HXL tag row: the tags name columns the header
        # lacks; give those columns names so every detected column has one.
        header = header + [f"column {i + 1}" for i in range(len(header), len(rows[1]))]
    return dialect, header, rows[1:]


def parse_file(
    stream: BinaryIO, name: str, defaults: Defaults | None = None, layout: Layout | None = None
) -> ParsedFile:
    """Parse a whole file (streamed). ``layout`` overrides the detected one."""
    name = clean_text(name)
    dialect, header, following = read_head(stream)
    if layout is None:
        layout = detect_layout(header, following)
    defaults = _fill_defaults(defaults or Defaults(), name, layout)
    parsed = ParsedFile(name=name, dialect=dialect, layout=layout)
    first_line: dict[tuple[SeriesKey, date], int] = {}
    rows = iter_rows(stream, dialect)
    next(rows, None)  # header
    line = 1
    for _ in range(layout.skip_rows):
        next(rows, None)
        line += 1
    for row in rows:
        line += 1
        if not any(row):
            continue
        parsed.rows += 1
        _parse_row(parsed, row, line, layout, defaults, first_line)
    return parsed


def parse_path(path: str | Path, defaults: Defaults | None = None) -> ParsedFile:
    with open(path, "rb") as stream:
        return parse_file(stream, Path(path).name, defaults)


def _fill_defaults(defaults: Defaults, name: str, layout: Layout) -> Defaults:
    stem = stem_label(name)
    agmarknet_like = layout.name in {"agmarknet", "single_price", "single_arrival", "generic"}
    return Defaults(
        commodity=defaults.commodity or stem,
        market=defaults.market or stem,
        variety=defaults.variety,
        unit=defaults.unit
        or (DEFAULT_UNIT if agmarknet_like and "unit" not in layout.columns else ""),
        currency=defaults.currency
        or (DEFAULT_CURRENCY if agmarknet_like and "currency" not in layout.columns else ""),
    )


def _cell(row: list[str], layout: Layout, role: str) -> str:
    i = layout.columns.get(role)
    return row[i] if i is not None and i < len(row) else ""


# The widths of PriceSeries' key columns: keys are cut here, so two names that
# differ only past the width are one series and their clashes are reported.
KEY_WIDTHS = {"commodity": 200, "market": 200, "variety": 200, "unit": 50, "currency": 10}


def _key(row: list[str], layout: Layout, d: Defaults) -> SeriesKey:
    def text(role: str, fallback: str) -> str:
        value = re.sub(r"\s+", " ", _cell(row, layout, role)).strip()
        return (value or fallback)[: KEY_WIDTHS[role]].strip()

    return SeriesKey(
        commodity=text("commodity", d.commodity),
        market=text("market", d.market),
        variety=text("variety", d.variety),
        unit=text("unit", d.unit),
        currency=text("currency", d.currency),
    )


def _number(parsed: ParsedFile, row, layout, role, line, label) -> float | None:
    try:
        value = parse_number(_cell(row, layout, role))
    except BadValue as exc:
        parsed.add_problem(
            line, f"text in {label} column", f"line {line}: {exc} in the {label} column"
        )
        return None
    if value is not None and value < 0:
        parsed.add_problem(
            line, f"negative {label}", f"line {line}: negative {label} {value:g} ignored"
        )
        return None
    return value


def _parse_row(parsed, row, line, layout, defaults, first_line) -> None:
    if len(row) <= max(layout.columns.values()):
        parsed.add_problem(line, "short row", f"line {line}: only {len(row)} columns")
        return
    try:
        day = parse_date(_cell(row, layout, "date"), layout.date_order)
    except BadValue as exc:
        parsed.add_problem(line, "bad date", f"line {line}: {exc}")
        return
    point = Point(
        price=_number(parsed, row, layout, "price", line, "price"),
        arrival=_number(parsed, row, layout, "arrival", line, "arrival"),
        min_price=_number(parsed, row, layout, "min_price", line, "minimum price"),
        max_price=_number(parsed, row, layout, "max_price", line, "maximum price"),
    )
    if point.price == 0:  # no trading that day, not a price of zero
        point.price = None
        parsed.no_trading_days += 1
    if point.price is None and point.arrival is None:
        return
    key = _key(row, layout, defaults)
    points = parsed.series.setdefault(key, {})
    if day in points:
        if _same(points[day], point):
            return  # an exact repeat adds nothing
        if points[day].price is None and point.price is not None:
            points[day] = point  # e.g. WFP lists a zero 'forecast' row beside the real one
            return
        parsed.add_problem(
            line,
            "duplicate",
            f"line {line}: second row for {key.label()} on {day.isoformat()} "
            f"(first on line {first_line[(key, day)]}); kept the first",
        )
        return
    points[day] = point
    first_line[(key, day)] = line
    if "region" in layout.columns:
        parsed.regions.setdefault(key, _cell(row, layout, "region"))
    parsed.rows_kept += 1


def _same(a: Point, b: Point) -> bool:
    return (a.price, a.arrival) == (b.price, b.arrival)


__all__ = [
    "Defaults",
    "LayoutError",
    "ParsedFile",
    "Point",
    "Problem",
    "SeriesKey",
    "UnreadableFile",
    "parse_file",
    "parse_path",
    "read_head",
]
