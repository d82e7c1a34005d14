"""The lesson exports' labels in the teacher's language (the active one when the
teacher downloads), with the script's font embedded in the PDF; the lesson's own
text stays as written."""

import io
import re

import pytest
from django.utils import translation
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from apps.courseware.exports.attribution import documents_of
from apps.courseware.exports.bundle import build_exports
from apps.courseware.lesson import Lesson
from core.printing import NOTO
from tests.apps.courseware.factories import lesson_data

needs_noto = pytest.mark.skipif(
    not (NOTO / "NotoSans-Regular.ttf").is_file(), reason="Noto fonts not installed"
)
# language -> (Objectives, Answer key, "Today we will" on the slides, the script's font)
LABELS = {
    "bn": ("উদ্দেশ্য", "উত্তরমালা", "আজ আমরা", "NotoSansBengali"),
    "hi": ("उद्देश्य", "उत्तर", "आज हम", "NotoSansDevanagari"),
    "zh-hans": ("学习目标", "答案", "今天我们", "NotoSansCJK"),
}


def exports_in(language: str) -> dict[str, bytes]:
    lesson = Lesson.model_validate(lesson_data())
    with translation.override(language):
        return build_exports(lesson, documents_of(lesson))


def readable(text: str) -> str:
    """pypdf's text of shaped Indic clusters carries control characters between glyphs
    ("পরি\x05কল্পনা"); without them the words read as written."""
    return re.sub(r"[\x00-\x09\x0b-\x1f]", "", text)


def fonts_of(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }


@needs_noto
@pytest.mark.parametrize("language", LABELS)
def test_the_pdf_labels_are_in_the_teachers_language_in_its_script(language):
    objectives, answer_key, _, font = LABELS[language]
    reader = PdfReader(io.BytesIO(exports_in(language)["lesson.pdf"]))
    pages = [readable(page.extract_text()) for page in reader.pages]
    assert objectives in pages[0]
    assert any(page.startswith(answer_key) for page in pages), [p[:40] for p in pages]
    assert "Line up the digits" in "\n".join(pages)  # the lesson's own text, as written
    assert any(font in name for name in fonts_of(reader)), fonts_of(reader)
    assert "Objectives" not in "\n".join(pages)


@pytest.mark.parametrize("language", LABELS)
def test_the_word_document_and_the_slides_carry_the_same_labels(language):
    objectives, answer_key, today, _ = LABELS[language]
    files = exports_in(language)
    headings = [p.text for p in Document(io.BytesIO(files["lesson.docx"])).paragraphs]
    assert objectives in headings
    assert any(h.startswith(answer_key) for h in headings)
    deck = Presentation(io.BytesIO(files["slides.pptx"]))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert any(t.startswith(today) for t in titles), titles
    assert "Line up the digits" in titles


def test_english_stays_the_default():
    files = exports_in("en")
    headings = [p.text for p in Document(io.BytesIO(files["lesson.docx"])).paragraphs]
    assert "Objectives" in headings
