"""Decide what a file is from its bytes (the name only tells text flavours apart)."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from core.corpora.ingestion.errors import IngestionError

KINDS = ("pdf", "docx", "html", "markdown", "text", "csv", "cnxml")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv", ".tsv"}
# A .docx unpacking to more than this, or compressing better than this, is refused.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150


def check_size(size: int) -> None:
    if size == 0:
        raise IngestionError("The file is empty (0 bytes): there is nothing to index.")
    if size > settings.MAX_UPLOAD_BYTES:
        raise IngestionError(
            f"The file is {filesizeformat(size)}; the limit is "
            f"{filesizeformat(settings.MAX_UPLOAD_BYTES)} per file. Split it or ask an operator "
            "to raise OPENKITCHEN_MAX_UPLOAD_MB."
        )


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestionError(
            "The Word file is damaged: its ZIP container cannot be opened."
        ) from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise IngestionError(
            "This is a ZIP archive but not a Word document (.docx); upload the documents inside it."
        )
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise IngestionError(
            f"The Word file would expand to {filesizeformat(unpacked)} when unpacked "
            f"({unpacked // packed}× its size): it looks like a zip bomb and was not opened."
        )


def decode_text(data: bytes) -> str:
    """Text from bytes, or IngestionError if the bytes are not text."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:65536]:
        raise IngestionError(
            "This file holds binary data, not text, whatever its name says; upload a PDF, Word, "
            "HTML, Markdown, CSV or plain-text file."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 100):
        raise IngestionError(
            "This file holds binary data, not text, whatever its name says; upload a PDF, Word, "
            "HTML, Markdown, CSV or plain-text file."
        )
    return text


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<" in head[:5])


def sniff(data: bytes, filename: str) -> str:
    """One of KINDS, decided by content; raises IngestionError with a reason."""
    check_size(len(data))
    suffix = PurePath(filename).suffix.lower()
    if data.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        _check_zip(data)
        return "docx"
    if suffix == ".pdf":
        raise IngestionError("The file is named .pdf but is not a PDF (no PDF header found).")
    if suffix == ".docx":
        raise IngestionError(
            "The file is named .docx but is not a Word document (not a ZIP container)."
        )
    guess = filetype.guess(data[:8192])
    if guess is not None:
        raise IngestionError(
            f"This file is {guess.mime} ({guess.extension}), which cannot be indexed; "
            "upload a PDF, "
            "Word, HTML, Markdown, OpenStax CNXML, CSV or plain-text file."
        )
    text = decode_text(data)
    if not text.strip():
        raise IngestionError("The file holds only white space: there is nothing to index.")
    if suffix == ".cnxml" or (suffix == ".xml" and "cnx.rice.edu/cnxml" in text[:2000]):
        return "cnxml"
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        return "html"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"
