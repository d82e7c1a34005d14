import io
import zipfile

from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from apps.courseware.exports.attribution import documents_of
from apps.courseware.exports.bundle import build_exports, bundle_zip
from apps.courseware.lesson import Lesson
from tests.apps.courseware.factories import lesson_data

SCRIPT = "<script>alert('x')</script>"


def exports(**changes):
    lesson = Lesson.model_validate(lesson_data(**changes))
    return lesson, build_exports(lesson, documents_of(lesson))


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_is_a4_with_plan_worksheet_quiz_and_key_on_separate_pages():
    _, files = exports()
    reader = PdfReader(io.BytesIO(files["lesson.pdf"]))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297
    starts = [text.splitlines()[0] for text in pdf_text(files["lesson.pdf"])]
    assert [s.split(":")[0] for s in starts[:4]] == [
        "Lesson plan",
        "Worksheet",
        "Quiz",
        "Answer key",
    ]


def test_the_answer_key_is_not_on_the_students_pages():
    _, files = exports()
    pages = pdf_text(files["lesson.pdf"])
    quiz_page = next(p for p in pages if p.startswith("Quiz"))
    assert "27 + 15 = 42." not in quiz_page
    assert "27 + 15 = 42." in next(p for p in pages if p.startswith("Answer key"))


def test_slides_carry_one_idea_each_and_speaker_notes():
    lesson, files = exports()
    deck = Presentation(io.BytesIO(files["slides.pptx"]))
    cycle_slide = next(s for s in deck.slides if s.shapes.title.text == "Line up the digits")
    body = [sh for sh in cycle_slide.placeholders if sh.placeholder_format.idx == 1][0]
    assert body.text_frame.text == "Ones under ones."
    assert "Write the numbers in columns." in cycle_slide.notes_slide.notes_text_frame.text


def test_html_in_any_field_is_written_as_text_everywhere():
    data = lesson_data()
    data["cycles"][0]["slide_text"] = SCRIPT
    data["worksheet"][0]["prompt"] = SCRIPT + " Work out 27 + 15."
    lesson = Lesson.model_validate(data)
    files = build_exports(lesson, documents_of(lesson))
    deck = Presentation(io.BytesIO(files["slides.pptx"]))
    assert any(
        SCRIPT in sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame
    )
    assert any(SCRIPT in p.text for p in Document(io.BytesIO(files["lesson.docx"])).paragraphs)
    assert any(SCRIPT in text for text in pdf_text(files["lesson.pdf"]))


def test_the_bundle_names_every_source_document_and_its_licence():
    data = lesson_data()
    data["sources"][1] = {
        **data["sources"][1],
        "document_id": "8",
        "document_title": "Physics, chapter 4",
        "licence": "CC BY-SA 4.0",
    }
    lesson = Lesson.model_validate(data)
    archive = zipfile.ZipFile(io.BytesIO(bundle_zip(build_exports(lesson, documents_of(lesson)))))
    assert set(archive.namelist()) == {
        "lesson.pdf",
        "lesson.docx",
        "slides.pptx",
        "lesson.json",
        "ATTRIBUTION.txt",
    }
    attribution = archive.read("ATTRIBUTION.txt").decode()
    assert "Prealgebra, chapter 2" in attribution and "CC BY 4.0" in attribution
    assert "Physics, chapter 4" in attribution and "CC BY-SA 4.0" in attribution


def test_marks_and_notes_are_printed_in_the_teachers_copy():
    data = lesson_data()
    data["worksheet"][0]["flags"] = ["answer key may be wrong: the sum works out to 42"]
    lesson = Lesson.model_validate(data)
    files = build_exports(lesson, documents_of(lesson))
    key_page = next(p for p in pdf_text(files["lesson.pdf"]) if p.startswith("Answer key"))
    assert "CHECK: answer key may be wrong" in key_page


def test_slides_are_left_out_when_not_asked_for():
    _, files = exports(parts=["plan", "worksheet", "quiz"])
    assert "slides.pptx" not in files
