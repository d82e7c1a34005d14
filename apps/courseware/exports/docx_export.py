"""The lesson as a Word document: A4, black and white, one section per page."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Mm, Pt, RGBColor

from apps.courseware.exports.document import Section

BLACK = RGBColor(0, 0, 0)


def lesson_docx(sections: list[Section]) -> bytes:
    doc = Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, margin, Mm(18))
    doc.styles["Normal"].font.size = Pt(11)
    for style in ("Heading 1", "Heading 2"):
        doc.styles[style].font.color.rgb = BLACK
    for index, section in enumerate(sections):
        if index:
            doc.add_page_break()
        doc.add_heading(section.title, level=1)
        for block in section.blocks:
            if block.kind == "h2":
                doc.add_heading(block.text, level=2)
            elif block.kind == "li":
                doc.add_paragraph(block.text, style="List Bullet")
            elif block.kind == "note":
                doc.add_paragraph().add_run(block.text).bold = True
            elif block.kind == "line":
                doc.add_paragraph("_" * 60)
                doc.add_paragraph("_" * 60)
            else:
                doc.add_paragraph(block.text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
