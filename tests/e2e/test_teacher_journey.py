"""The teacher asks for a lesson, edits a slide, downloads everything and the
files hold what the page showed (PPTX, DOCX and PDF opened and read)."""

import io
import re
import time
import zipfile

import pytest
from playwright.sync_api import expect

from tests.conftest import REPO_ROOT
from tests.e2e.browser import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
CHAPTER = REPO_ROOT / "demo" / "corpora" / "curriculum" / "ch13-waves-and-their-properties.md"
EDITED = "Waves carry energy, not matter (edited by the teacher)"


@pytest.fixture(scope="module")
def teacher_stack(stack):
    if not CHAPTER.exists():
        pytest.skip(f"{CHAPTER} is not in the repository")
    # The first part of one openly licensed chapter keeps ingestion short.
    stack.add_corpus("physics-curriculum", ["teacher"], {CHAPTER.name: CHAPTER.read_text()[:12000]})
    stack.start_worker()
    return stack


def wait_for_lesson(page, timeout_s: float = 900) -> None:
    """The lesson body refreshes itself while the lesson is being written."""
    deadline = time.monotonic() + timeout_s
    body = page.locator("#lesson-body")
    while time.monotonic() < deadline:
        if body.get_attribute("hx-trigger") is None:
            return
        page.wait_for_timeout(2000)
    raise AssertionError(f"the lesson was not written in {timeout_s} s: {body.inner_text()[:400]}")


def pptx_text(data: bytes) -> str:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    return "\n".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_a_teacher_generates_a_lesson_edits_a_slide_and_downloads_the_bundle(
    page, teacher_stack, sign_in, screens
):
    sign_in(page, "teacher")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lessons").click()
    page.get_by_role("link", name="Ask for a new lesson").click()
    page.get_by_label("Topic").fill("Waves and their properties")
    page.get_by_label("Grade").fill("8")
    page.get_by_label("Quiz questions").fill("3")
    check_page(page, screens, "request")
    page.get_by_role("button", name="Make the lesson").click()
    expect(page).to_have_url(re.compile(r"/courseware/\d+/$"))
    screens(page, "writing")

    wait_for_lesson(page)
    downloads = page.get_by_role("region", name="Downloads")
    expect(downloads).to_be_visible()
    check_page(page, screens, "lesson")
    assert downloads.get_by_role("link", name="Everything (zip)").count(), (
        "downloads are off: " + downloads.inner_text()
    )

    page.locator("summary", has_text="Edit or regenerate a part").click()
    page.get_by_role("link", name="Edit: Learning cycles").click()
    page.locator("input[name$='slide_text']").first.fill(EDITED)
    check_page(page, screens, "edit")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#lesson-body")).to_contain_text(EDITED)

    with page.expect_download() as download:
        page.get_by_role("link", name="Everything (zip)").click()
    bundle = zipfile.ZipFile(download.value.path())
    files = {name.rsplit(".", 1)[-1]: bundle.read(name) for name in bundle.namelist()}
    assert {"pptx", "docx", "pdf"} <= set(files), bundle.namelist()
    title = page.locator("#lesson-body h1").inner_text().strip()
    assert EDITED in pptx_text(files["pptx"]), "the edited slide is not in the slides"
    assert title in docx_text(files["docx"])
    assert title.split()[0] in pdf_text(files["pdf"])
