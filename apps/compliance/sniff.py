"""Decide what an uploaded file really is, from its bytes, before any parser sees it."""

from __future__ import annotations

from django.conf import settings

from apps.compliance import reading_messages as m
from apps.compliance.errors import DrawingError


def check_size(size: int, filename: str = "") -> None:
    """Raise DrawingError when a file is over the upload limit (before reading it)."""
    limit = settings.COMPLIANCE_MAX_UPLOAD_BYTES
    if size > limit:
        raise DrawingError(
            m.TOO_LARGE
            % {
                "name": filename or m.THE_FILE,
                "size": f"{size / 1e6:.0f}",
                "limit": f"{limit / 1e6:.0f}",
            }
        )


def sniff_drawing(head: bytes, *, size: int, filename: str = "") -> str:
    """Return "dxf" or "ifc" for readable drawings; raise DrawingError with a reason otherwise.

    ``head`` is the first few kilobytes of the file, ``size`` its full length.
    """
    check_size(size, filename)
    name = filename or m.THE_FILE
    if size == 0 or not head.strip():
        raise DrawingError(m.EMPTY % {"name": name})
    if head.startswith(b"AC10") and head[4:6].isdigit():
        raise DrawingError(m.DWG % {"name": name, "version": head[:6].decode()})
    if head.startswith(b"AutoCAD Binary DXF"):
        raise DrawingError(m.BINARY_DXF % {"name": name})
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"ISO-10303-21"):
        return "ifc"
    if text.startswith(b"PK\x03\x04"):
        raise DrawingError(m.ZIP % {"name": name})
    lines = [line.strip() for line in text.splitlines()[:4]]
    if len(lines) >= 2 and lines[0] == b"0" and lines[1] in (b"SECTION", b"EOF"):
        return "dxf"
    if len(lines) >= 2 and lines[0] == b"999":
        return "dxf"
    raise DrawingError(m.NEITHER % {"name": name})
