"""Extract text from a file of a sniffed kind."""

from __future__ import annotations

from core.corpora.ingestion.extracted import Extracted
from core.corpora.ingestion.sniff import decode_text


def extract(kind: str, data: bytes) -> Extracted:
    """The text of ``data``; Markdown, HTML, DOCX and CNXML cut into block kinds."""
    extracted = _extract(kind, data)
    if kind in ("markdown", "html", "docx", "cnxml"):
        from core.corpora.ingestion.blocks import with_blocks

        return with_blocks(extracted)
    return extracted


def _extract(kind: str, data: bytes) -> Extracted:
    if kind == "pdf":
        from core.corpora.ingestion.pdf import extract_pdf

        return extract_pdf(data)
    if kind == "docx":
        from core.corpora.ingestion.docx import extract_docx

        return extract_docx(data)
    source = decode_text(data)
    if kind == "html":
        from core.corpora.ingestion.html import extract_html

        return extract_html(source)
    if kind == "cnxml":
        from core.corpora.ingestion.cnxml import extract_cnxml

        return extract_cnxml(source)
    if kind == "csv":
        from core.corpora.ingestion.tabular import extract_csv

        return extract_csv(source)
    from core.corpora.ingestion.markdown import extract_markdown, extract_text

    return extract_markdown(source) if kind == "markdown" else extract_text(source)
