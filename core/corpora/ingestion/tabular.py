"""CSV: each row becomes one line of "column: value" text, in sections of rows."""

from __future__ import annotations

import csv
import io

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extracted import Extracted, Section

ROWS_PER_SECTION = 25
MAX_ROWS = 200_000


def extract_csv(source: str) -> Extracted:
    sample = source[:16384]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(source), dialect)
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise IngestionError(failures.CSV_UNREADABLE, reason=exc) from exc
    if len(rows) < 2:
        raise IngestionError(failures.CSV_TOO_SHORT)
    if len(rows) > MAX_ROWS:
        raise IngestionError(
            failures.CSV_TOO_MANY_ROWS, count=f"{len(rows):,}", limit=f"{MAX_ROWS:,}"
        )
    header = [h.strip() or f"column {i + 1}" for i, h in enumerate(rows[0])]
    parts: list[str] = []
    sections: list[Section] = []
    offset = 0
    body = rows[1:]
    for first in range(0, len(body), ROWS_PER_SECTION):
        block = body[first : first + ROWS_PER_SECTION]
        lines = [
            "; ".join(
                f"{name}: {cell.strip()}"
                for name, cell in zip(header, row, strict=False)
                if cell.strip()
            )
            for row in block
        ]
        chunk = "\n".join(lines)
        start = offset
        parts.append(chunk)
        offset += len(chunk) + 2
        last = first + len(block)
        sections.append(Section(start, start + len(chunk), f"rows {first + 1}–{last}"))
    return Extracted(text="\n\n".join(parts), sections=sections)
