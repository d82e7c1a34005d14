"""The evaluation's export measure: every export of a finished lesson is built,
opened again and searched for the lesson's title and first quiz question; the
bundle must hold every file and name every source in its attribution."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from apps.courseware.lesson import Lesson as LessonSchema


def check_exports(lesson, schema: LessonSchema, out: Path | None) -> tuple[bool, list[str]]:
    """(exported: every file reopened whole, the problems found); the bundle is
    written to ``out`` if given."""
    from apps.courseware.services import export_bundle, export_files

    exported = False
    try:
        files = export_files(lesson)
        bundle = export_bundle(lesson)
        problems = reopen_exports(files, bundle, schema)
        exported = not problems
        if out is not None:
            out.write_bytes(bundle)
        return exported, problems
    except Exception as exc:
        return exported, [f"export: {exc}"]


def reopen_exports(files: dict[str, bytes], bundle: bytes, lesson: LessonSchema) -> list[str]:
    """Problems found when opening every export again ([] when all open with their text)."""
    from docx import Document
    from pptx import Presentation
    from pypdf import PdfReader

    problems = []
    probe = " ".join(lesson.title.split())[:40]
    question = " ".join(lesson.quiz[0].question.split())[:30] if lesson.quiz else probe

    def squash(text: str) -> str:
        return " ".join(text.split())

    deck = (
        Presentation(io.BytesIO(files.get("slides.pptx", b""))) if "slides.pptx" in files else None
    )
    if deck is None:
        problems.append("no slides")
    else:
        texts = squash(
            " ".join(
                sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame
            )
        )
        if probe not in texts:
            problems.append("PPTX lacks the title")
    doc_text = squash(
        " ".join(p.text for p in Document(io.BytesIO(files["lesson.docx"])).paragraphs)
    )
    if probe not in doc_text or question not in doc_text:
        problems.append("DOCX lacks the title or quiz")
    pdf_text = squash(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(files["lesson.pdf"])).pages)
    )
    if probe not in pdf_text or question not in pdf_text:
        problems.append("PDF lacks the title or quiz")
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        if archive.testzip() is not None or set(archive.namelist()) != set(files):
            problems.append("zip incomplete")
        attribution = archive.read("ATTRIBUTION.txt").decode()
        for source in lesson.sources:
            if source.document_title not in attribution:
                problems.append(f"attribution misses {source.document_title}")
                break
    return problems
