"""Everything in one zip for offline use, with an attribution file naming
every source document and its licence (written by ``attribution``)."""

from __future__ import annotations

import io
import json
import zipfile

from apps.courseware.exports.attribution import DocumentAttribution, attribution_text
from apps.courseware.exports.document import lesson_sections
from apps.courseware.exports.docx_export import lesson_docx
from apps.courseware.exports.pdf_export import lesson_pdf
from apps.courseware.exports.pptx_export import lesson_pptx
from apps.courseware.lesson import Lesson


def build_exports(lesson: Lesson, documents: list[DocumentAttribution]) -> dict[str, bytes]:
    """File name -> bytes for every format of the lesson, labelled in the active
    language (the teacher's, when they download; the worker's English when the run
    builds them to measure them)."""
    attributions = {d.document_id: d.attribution for d in documents}
    sections = lesson_sections(lesson, attributions)
    files = {
        "lesson.pdf": lesson_pdf(sections),
        "lesson.docx": lesson_docx(sections),
        "lesson.json": json.dumps(
            lesson.model_dump(mode="json"), ensure_ascii=False, indent=2
        ).encode(),
        "ATTRIBUTION.txt": attribution_text(lesson, documents).encode(),
    }
    if "slides" in lesson.parts:
        files["slides.pptx"] = lesson_pptx(lesson)
    return files


def bundle_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()
