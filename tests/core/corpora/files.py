"""Real files of every kind, made in memory for the tests."""

from __future__ import annotations

import io
import zipfile


def pdf(pages: list[str | None]) -> bytes:
    """A PDF with one page per entry: text, or None for an image-only page (a scan)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=11)
    for text in pages:
        doc.add_page()
        if text is None:
            doc.image(_png(), x=10, y=10, w=100)
        else:
            doc.multi_cell(0, 6, text)
    return bytes(doc.output())


def encrypted_pdf(text: str, password: str = "secret", algorithm: str = "RC4-128") -> bytes:
    """Encrypted with ``password`` to open it; "" makes an owner-only lock anyone can open."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf([text]))))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png() -> io.BytesIO:
    import struct
    import zlib

    width = height = 8
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return io.BytesIO(png)


def docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A Word file from (style, text) pairs, e.g. ("Heading 1", "Doors")."""
    import docx as python_docx

    document = python_docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """A small ZIP named like a Word file whose document.xml unpacks to hundreds of MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(block)
    return out.getvalue()


def columns_pdf(
    left: list[str], right: list[str], *, title: str = "", across: bool = True
) -> bytes:
    """One page with two columns of lines under an optional full-width title;
    ``across``: the content stream writes each row across both columns, so the
    stream's order alternates between them (as some producers do)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=11)
    doc.add_page()
    if title:
        doc.text(10, 14, title)
    rows = list(enumerate(zip(left, right, strict=True)))
    if across:
        for i, (a, b) in rows:
            doc.text(10, 24 + 6 * i, a)
            doc.text(110, 24 + 6 * i, b)
    else:
        for i, (a, _) in rows:
            doc.text(10, 24 + 6 * i, a)
        for i, (_, b) in rows:
            doc.text(110, 24 + 6 * i, b)
    return bytes(doc.output())
