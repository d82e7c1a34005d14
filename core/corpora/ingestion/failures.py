"""Why a document could not be read: every sentence ingestion stops with, marked
for translation. The worker stores the sentence in English (on the document and
its run); ``failure_words`` puts a stored sentence into the reader's language
when a page shows it, parameters and all, and leaves any other text as it is."""

from __future__ import annotations

from functools import cache

from django.utils.translation import gettext_noop

from core.text.sentences import KnownSentences

EMPTY = gettext_noop("The file is empty (0 bytes): there is nothing to index.")
TOO_LARGE = gettext_noop(
    "The file is %(size)s; the limit is %(limit)s per file. Split it or ask an operator "
    "to raise OPENKITCHEN_MAX_UPLOAD_MB."
)
ONLY_WHITE_SPACE = gettext_noop("The file holds only white space: there is nothing to index.")
BINARY = gettext_noop(
    "This file holds binary data, not text, whatever its name says; upload a PDF, Word, "
    "HTML, Markdown, CSV or plain-text file."
)
UNSUPPORTED_TYPE = gettext_noop(
    "This file is %(mime)s (%(extension)s), which cannot be indexed; upload a PDF, "
    "Word, HTML, Markdown, OpenStax CNXML, CSV or plain-text file."
)
NOT_A_PDF = gettext_noop("The file is named .pdf but is not a PDF (no PDF header found).")
NOT_A_DOCX = gettext_noop(
    "The file is named .docx but is not a Word document (not a ZIP container)."
)
ZIP_DAMAGED = gettext_noop("The Word file is damaged: its ZIP container cannot be opened.")
ZIP_NOT_DOCX = gettext_noop(
    "This is a ZIP archive but not a Word document (.docx); upload the documents inside it."
)
ZIP_BOMB = gettext_noop(
    "The Word file would expand to %(size)s when unpacked (%(ratio)s× its size): it "
    "looks like a zip bomb and was not opened."
)
DOCX_DAMAGED = gettext_noop("The Word file is damaged and cannot be read.")
DOCX_EMPTY = gettext_noop("The Word file has no text (it may hold only images).")
PDF_ENCRYPTED = gettext_noop(
    "The PDF is encrypted with a method this server cannot open; upload an unprotected copy."
)
PDF_PASSWORD = gettext_noop("The PDF is password-protected; upload a copy without a password.")
PDF_DAMAGED = gettext_noop(
    "The PDF is damaged and cannot be read (it may be truncated or not really a PDF)."
)
PDF_TOO_MANY_PAGES = gettext_noop("The PDF has %(count)s pages; the limit is %(limit)s.")
PDF_SCANNED = gettext_noop(
    "No page of this PDF has a text layer (it looks scanned): run OCR on it first, then "
    "upload the result."
)
HTML_EMPTY = gettext_noop("The HTML page has no readable text in its main content.")
CNXML_MALFORMED = gettext_noop("This CNXML file is not well-formed XML (%(reason)s).")
CNXML_EMPTY = gettext_noop("This CNXML file has no content to index (no <content> element).")
CSV_UNREADABLE = gettext_noop("The CSV file cannot be read: %(reason)s.")
CSV_TOO_SHORT = gettext_noop("The CSV file needs a header row and at least one data row.")
CSV_TOO_MANY_ROWS = gettext_noop("The CSV file has %(count)s rows; the limit is %(limit)s.")
MISSING_FROM_STORAGE = gettext_noop("The uploaded file is missing from storage; upload it again.")
NO_TEXT = gettext_noop("No text was found to index in this file.")
# How a run of ingestion ended without reading the file (core.corpora.runs).
DELETED = gettext_noop("This document was deleted before it could be read.")
WORKER_DIED = gettext_noop(
    "The ingestion stopped without finishing (the worker may have restarted). Retry it."
)
TOO_SLOW = gettext_noop(
    "Ingestion took longer than the time limit and was stopped; split the file into smaller "
    "parts and upload them."
)
CANCELLED = gettext_noop(
    "The ingestion was cancelled before it finished. Retry it to read the file again."
)

SENTENCES = [v for k, v in list(globals().items()) if k.isupper() and isinstance(v, str)]


@cache
def _known() -> KnownSentences:
    return KnownSentences(SENTENCES)


def failure_words(stored: str) -> str:
    """``stored`` (a failure sentence in English) in the active language; a sentence
    this module does not know (an older or a foreign one) as it is."""
    return _known().words(stored)
