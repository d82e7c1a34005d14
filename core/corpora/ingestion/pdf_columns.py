"""A PDF page's text in reading order when it is set in columns.

pypdf's default extraction follows the content stream, which is the reading
order for most producers; some write a two-column page line by line across
both columns, and the text then alternates between them. pypdf's layout mode
places every line where it is printed, so a gutter shows as a band of spaces
on every line: where one runs down the page with prose on both sides, the
left column is read before the right one. Full-width lines (a title, a
figure's caption) cut the page into blocks, each read on its own; a band
between short cells is a table and stays as it is. A page without such a
gutter keeps the default extraction.
"""

from __future__ import annotations

import re
import statistics

import numpy as np

GUTTER = 3  # spaces, at least, between two columns
MIN_ROWS = 3  # lines with text on both sides of the gutter, in a block
MIN_SIDE_WORDS = 3  # median words of a column's line: fewer is a table's cells
MARGIN = 8  # a gutter is this many characters from either edge, at least
_SPACES = re.compile(r"[ \t]+")


def page_text(page) -> str:
    """The page's text, columns read one after the other."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode is an extra; the default text stands
        return plain
    ordered = reading_order(layout.split("\n"))
    return ordered if ordered is not None else plain


def _crossing(line: str, start: int) -> bool:
    return bool(line[start : start + GUTTER].strip())


def _both_sides(line: str, start: int) -> bool:
    return bool(line[:start].strip()) and bool(line[start + GUTTER :].strip())


def _gutter(lines: list[str]) -> int | None:
    """The start of the band of spaces that most lines have text on both sides of,
    crossed by at most a fifth of the lines; None if no band qualifies."""
    text = [line for line in lines if line.strip()]
    width = max((len(line) for line in text), default=0)
    if width < 2 * MARGIN + GUTTER or len(text) < MIN_ROWS:
        return None
    ink = np.array([[c not in " \t" for c in line.ljust(width)] for line in text])
    before = np.concatenate([np.zeros((len(text), 1), int), np.cumsum(ink, axis=1)], axis=1)
    starts = np.arange(MARGIN, width - MARGIN - GUTTER)
    crossing = (before[:, starts + GUTTER] - before[:, starts]) > 0
    both = (before[:, starts] > 0) & ((before[:, -1:] - before[:, starts + GUTTER]) > 0)
    rows = np.where(crossing.sum(axis=0) <= len(text) / 5, both.sum(axis=0), 0)
    if rows.size == 0 or rows.max() < MIN_ROWS:
        return None
    return int(starts[int(rows.argmax())])


def _words(parts: list[str]) -> float:
    counted = [len(p.split()) for p in parts if p.strip()]
    return statistics.median(counted) if counted else 0


def _read_block(block: list[str], start: int) -> list[str] | None:
    """The block's left column, then its right one; None when it is not two
    columns of prose."""
    left = [line[:start] for line in block]
    right = [line[start + GUTTER :] for line in block]
    if sum(_both_sides(line, start) for line in block) < MIN_ROWS:
        return None
    if min(_words(left), _words(right)) < MIN_SIDE_WORDS:
        return None
    return [*_tidy(left), "", *_tidy(right)]


def _tidy(lines: list[str]) -> list[str]:
    return [_SPACES.sub(" ", line).strip() for line in lines]


def reading_order(lines: list[str]) -> str | None:
    """Layout-mode lines in reading order, or None when no block of the page is
    set in columns."""
    start = _gutter(lines)
    if start is None:
        return None
    out: list[str] = []
    block: list[str] = []
    found = False

    def close() -> None:
        nonlocal found
        read = _read_block(block, start) if block else None
        found = found or read is not None
        out.extend(read if read is not None else _tidy(block))
        block.clear()

    for line in lines:
        if _crossing(line, start):
            close()
            out.append(_tidy([line])[0])
        else:
            block.append(line)
    close()
    return "\n".join(out).strip() if found else None
