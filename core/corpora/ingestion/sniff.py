"""Decide what a file is from its bytes (the name only tells text flavours apart)."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from core.corpora.ingestion import failures
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
        raise IngestionError(failures.EMPTY)
    if size > settings.MAX_UPLOAD_BYTES:
        raise IngestionError(
            failures.TOO_LARGE,
            size=filesizeformat(size),
            limit=filesizeformat(settings.MAX_UPLOAD_BYTES),
        )


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestionError(failures.ZIP_DAMAGED) from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise IngestionError(failures.ZIP_NOT_DOCX)
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise IngestionError(
            failures.ZIP_BOMB, size=filesizeformat(unpacked), ratio=unpacked // packed
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
        raise IngestionError(failures.BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 100):
        raise IngestionError(failures.BINARY)
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
        raise IngestionError(failures.NOT_A_PDF)
    if suffix == ".docx":
        raise IngestionError(failures.NOT_A_DOCX)
    guess = filetype.guess(data[:8192])
    if guess is not None:
        raise IngestionError(failures.UNSUPPORTED_TYPE, mime=guess.mime, extension=guess.extension)
    text = decode_text(data)
    if not text.strip():
        raise IngestionError(failures.ONLY_WHITE_SPACE)
    if suffix == ".cnxml" or (suffix == ".xml" and "cnx.rice.edu/cnxml" in text[:2000]):
        return "cnxml"
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        return "html"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"
