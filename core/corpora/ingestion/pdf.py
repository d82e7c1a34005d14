"""PDF text per page with pypdf; pages without a text layer are reported."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extracted import Extracted, Section
from core.corpora.ingestion.pdf_columns import page_text
from core.corpora.ingestion.prose import clean_pages

log = logging.getLogger(__name__)
MAX_PAGES = 3000
# Fewer visible characters than this on a page with an image: treat it as a scan.
MIN_TEXT_CHARS = 20


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise IngestionError(failures.PDF_ENCRYPTED) from exc
            if not unlocked:
                raise IngestionError(failures.PDF_PASSWORD)
        _ = len(reader.pages)
        return reader
    except IngestionError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestionError(failures.PDF_PASSWORD) from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestionError(failures.PDF_DAMAGED) from exc


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[name].get("/Subtype") == "/Image" for name in xobjects)
    except Exception:  # noqa: BLE001 - a malformed resource dict just means "don't know"
        return False


def _page_texts(reader: PdfReader, notes: list[str]) -> list[tuple[int, str]]:
    """(page number, text) of each page with text; scans and unreadable pages noted."""
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page_text(page).strip()
        except Exception as exc:  # noqa: BLE001 - one bad page must not sink the document
            log.warning("page %s: %s", number, exc)
            notes.append(f"page {number} could not be read: its text was skipped")
            continue
        if len(text) < MIN_TEXT_CHARS and (_has_images(page) or not text):
            notes.append(f"page {number} is an image: no text found")
        if text:
            pages.append((number, text))
    return pages


def extract_pdf(data: bytes) -> Extracted:
    """Page by page, made prose (``prose.clean_pages``: running headers, footers
    and page numbers dropped, lines joined), one section per page."""
    reader = _open(data)
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise IngestionError(
            failures.PDF_TOO_MANY_PAGES, count=f"{count:,}", limit=f"{MAX_PAGES:,}"
        )
    notes: list[str] = []
    pages = _page_texts(reader, notes)
    texts = clean_pages([text for _, text in pages])
    parts, sections = [], []
    offset = 0
    for (number, _), text in zip(pages, texts, strict=True):
        if not text:
            continue
        parts.append(text)
        sections.append(Section(offset, offset + len(text), f"page {number}", number))
        offset += len(text) + 2
    if not parts:
        raise IngestionError(failures.PDF_SCANNED)
    title = ""
    try:
        title = (reader.metadata.title or "").strip() if reader.metadata else ""
    except Exception:  # noqa: BLE001
        title = ""
    return Extracted(
        text="\n\n".join(parts), sections=sections, title=title, page_count=count, notes=notes
    )
