"""Word (.docx) text in reading order, with heading styles as sections."""

from __future__ import annotations

import io
import re

import docx
from docx.table import Table

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extracted import Extracted
from core.corpora.ingestion.markdown import sections_by_heading

_HEADING_STYLE = re.compile(r"^(?:Heading|Überschrift|Titre|Título)\s*(\d)$", re.IGNORECASE)


def _paragraph_line(paragraph) -> str:
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(style or "")
    if match:
        return f"\n{'#' * int(match.group(1))} {text}\n"
    if style == "Title":
        return f"\n# {text}\n"
    return text


def _table_lines(table: Table) -> list[str]:
    return [" | ".join(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows]


def extract_docx(data: bytes) -> Extracted:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise IngestionError(failures.DOCX_DAMAGED) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(_paragraph_line(block))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line for line in lines if line)).strip()
    if not text:
        raise IngestionError(failures.DOCX_EMPTY)
    sections, first_heading = sections_by_heading(text)
    title = (document.core_properties.title or "").strip() or first_heading
    return Extracted(text=text, sections=sections, title=title)
