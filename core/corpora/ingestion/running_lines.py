"""Running headers, footers and page numbers: the lines a printed page repeats
at its top or bottom ("COMMODITY MARKETS OUTLOOK | OCTOBER 2025", "Page 3 of
40"). A line is running when, with its digits ignored, it stands among the
first or last few lines of at least ``MIN_PAGES`` pages; a line that is only a
page number is dropped at a page's edge wherever it is."""

from __future__ import annotations

import re
from collections import Counter

# How many text lines at each end of a page are looked at.
EDGE_LINES = 3
MIN_PAGES = 3
_DIGITS = re.compile(r"\d+")
_ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(rf"^[\W_]*(?:page|p\.)?\s*(?:#|{_ROMAN})(?:\s*(?:of|/)\s*#)?[\W_]*$")
_SKIPPED = re.compile(r"^\s*(?:#{1,6}\s|([-*_=])(?:\s*\1){2,}\s*$)")  # headings and rules stay
# Page markers of text converted from a PDF: a form feed, or a heading "Page 12".
_PAGE_BREAK = re.compile(r"(\f|^#{1,6}[ \t]+page[ \t]+\d+[ \t]*$)", re.IGNORECASE | re.MULTILINE)


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _edges(lines: list[str]) -> list[int]:
    """Indices of the first and last ``EDGE_LINES`` text lines of a page."""
    text = [i for i, line in enumerate(lines) if line.strip() and not _SKIPPED.match(line)]
    return sorted(set(text[:EDGE_LINES] + text[-EDGE_LINES:]))


def drop_running_lines(pages: list[str]) -> list[str]:
    """``pages`` without their running headers, footers and page numbers."""
    split = [page.split("\n") for page in pages]
    seen: Counter[str] = Counter()
    for lines in split:
        seen.update({_key(lines[i]) for i in _edges(lines)})
    running = {key for key, pages_with in seen.items() if pages_with >= MIN_PAGES}
    cleaned = []
    for lines in split:
        drop = {
            i
            for i in _edges(lines)
            if (key := _key(lines[i])) in running
            and len(split) >= MIN_PAGES
            or _PAGE_NUMBER.match(key)
        }
        cleaned.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return cleaned


def drop_running_lines_in_text(text: str) -> str:
    """The same for text with page markers (form feeds or "Page N" headings);
    text without them is returned as it is."""
    pieces = _PAGE_BREAK.split(text)
    if len(pieces) < 2 * MIN_PAGES + 1:
        return text
    pieces[0::2] = drop_running_lines(pieces[0::2])
    return "".join(pieces)
