"""Open a price CSV whatever its encoding and separator, and stream its rows.

Files arrive from spreadsheets and portals: UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode text"), Latin-1/cp1252, separated by commas,
semicolons or tabs. Nothing here loads a whole file into memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

SAMPLE_BYTES = 64 * 1024
SEPARATORS = [",", ";", "\t", "|"]
# Control characters (NUL above all: PostgreSQL refuses it in text) carry no
# meaning in a price table; tabs and line breaks inside quoted cells are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnreadableFile(ValueError):
    """The file is not a text table we can read; the message is for the user."""


@dataclass(frozen=True)
class Dialect:
    encoding: str
    separator: str


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file from its first bytes (BOM first, then trial decoding)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample[:200].count(b"\x00") > 20:  # UTF-16 without BOM: every other byte is NUL
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    # A multi-byte character may be cut at the end of the sample: ignore the tail.
    body = sample[:-4] if len(sample) >= SAMPLE_BYTES else sample
    if _decodes(body, "utf-8"):
        return "utf-8"
    return "cp1252" if _decodes(sample, "cp1252") else "latin-1"


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def detect_separator(text_sample: str) -> str:
    """The column separator that splits the first lines most consistently."""
    lines = [line for line in text_sample.splitlines()[:20] if line.strip()]
    if not lines:
        raise UnreadableFile("The file is empty.")
    best, best_score = ",", -1.0
    for sep in SEPARATORS:
        counts = [len(next(csv.reader([line], delimiter=sep))) for line in lines]
        if counts[0] < 2:
            continue
        consistent = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = consistent * 10 + min(counts[0], 10)
        if score > best_score:
            best, best_score = sep, score
    if best_score < 0:
        raise UnreadableFile(
            "The file has only one column: it needs at least a date and a price "
            "(separated by commas, semicolons or tabs)."
        )
    return best


def clean_text(text: str) -> str:
    """Text from a file (a cell, a file name) without control characters."""
    return _CONTROL.sub("", text)


def sniff(head: bytes) -> Dialect:
    if b"\x00" in head[:4096] and detect_encoding(head).startswith("utf-8"):
        raise UnreadableFile("This looks like a binary file (a spreadsheet?), not a CSV text file.")
    encoding = detect_encoding(head)
    text = head.decode(encoding, errors="replace")
    return Dialect(encoding=encoding, separator=detect_separator(text))


def iter_rows(stream: BinaryIO, dialect: Dialect) -> Iterator[list[str]]:
    """Every row of the file as a list of stripped strings, streamed."""
    text = io.TextIOWrapper(stream, encoding=dialect.encoding, errors="replace", newline="")
    try:
        for row in csv.reader(text, delimiter=dialect.separator):
            yield [clean_text(cell).strip().strip("\ufeff") for cell in row]
    except csv.Error as exc:
        raise UnreadableFile(f"The file could not be read as CSV: {exc}.") from exc
    finally:
        text.detach()
