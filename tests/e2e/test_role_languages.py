"""One journey per role on a phone (390 px) in one language other than English:
an engineer checks a drawing in Chinese (findings, explanation, plan, PDF), a
corpus admin uploads a file in Hindi, a teacher asks for a lesson in Bengali.

Every visible string is in the page's language, except what the issue allows:
quoted sources (marked up with their own ``lang``), names and data
(``.from-data``), numbers and units, the model's name, "OpenKitchen" and the
language names in the picker (see test_farmer_languages).
"""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from playwright.sync_api import expect

from tests.apps.compliance.drawings import corridor_plan
from tests.apps.courseware.test_export_languages import readable
from tests.e2e.browser import check_page
from tests.e2e.test_farmer_languages import ALLOWED_WORDS, SKIPPED, VISIBLE_TEXT, foreign_words
from tests.e2e.test_teacher_journey import CHAPTER, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(1200)]
# Units and codes a drawing check shows in any language (metres, the drawing format).
# File formats are names too.
UNITS = {"m", "mm", "DXF", "IFC", "PDF", "JSON", "BCF", "DOCX", "Word", "docx", "HTML"}
UNITS |= {"Markdown", "CSV", "URL", "KB", "MB", "bytes", "md", "zip"}
# "S1", "S2": the labels of a lesson's sources, as its citations name them.
CODES = {"S"}
# Quoted text carries its own language (lang="en" on a clause or a lesson from an
# English book); the page's language is on <html>.
QUOTED = ', [lang]:not(html):not([lang="{lang}"])'
NOTES = "# अनाज का भंडारण\n\nगेहूँ को 14% से कम नमी पर साफ़, बंद कोठी में रखें।\n".encode()


def pick_language(page, language: str) -> None:
    page.locator("#lang-select").select_option(language)
    with page.expect_navigation():
        page.locator("form.lang button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def assert_in_language(page, language: str, allowed: set[str], skipped: str = "") -> None:
    skipped = SKIPPED + QUOTED.format(lang=language) + skipped
    texts = page.evaluate(VISIBLE_TEXT, skipped)
    assert texts, "no visible text found"
    found = foreign_words(texts, language, ALLOWED_WORDS | UNITS | CODES | allowed)
    assert found == [], f"{page.url}: {found}"


@pytest.fixture(scope="module")
def role_stack(stack):
    stack.start_worker()
    return stack


@pytest.fixture(scope="module")
def engineer_stack(role_stack):
    role_stack.shell("import sys\nfrom apps.compliance import demo\ndemo.load(sys.stdout)")
    return role_stack


@pytest.fixture(scope="module")
def teacher_stack(role_stack):
    if not CHAPTER.exists():
        pytest.skip(f"{CHAPTER} is not in the repository")
    # The first part of one openly licensed chapter keeps ingestion short.
    role_stack.add_corpus("physics-bn", ["teacher"], {CHAPTER.name: CHAPTER.read_text()[:12000]})
    return role_stack


def wait_until(page, done, what: str, timeout_s: float = 600) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if done():
            return
        page.wait_for_timeout(1500)
    raise AssertionError(f"{what} not done in {timeout_s} s: {page.inner_text('main')[:600]}")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_an_engineer_checks_a_drawing_in_chinese(page, engineer_stack, sign_in, screens, viewport):
    sign_in(page, "engineer", next_path="/compliance/")
    pick_language(page, "zh-hans")
    allowed = {"engineer", "D", "ST"}  # the drawing's own element names: D2, ST1
    assert_in_language(page, "zh-hans", allowed)
    check_page(page, screens, "upload-form")
    page.locator("#id_title").fill("诊所一层")
    page.locator("#id_files").set_input_files(
        {"name": "一层.dxf", "mimeType": "image/vnd.dxf", "buffer": corridor_plan(door_width=0.75)}
    )
    page.locator("#id_pack").select_option(
        label="2010 ADA Standards for Accessible Design (selected)"
    )
    page.locator("main form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/compliance/checks/\d+/$"))
    body = page.locator("#check-body")
    wait_until(page, lambda: body.get_attribute("hx-trigger") is None, "the check")
    expect(page.locator("tbody.finding").first).to_be_visible()
    plan = page.locator("figure.plan svg")
    expect(plan).to_be_visible()
    # The notes and the explanations are read too: written by code, they are in Chinese.
    expect(page.locator("tr.detail").first).to_be_visible()
    assert_in_language(page, "zh-hans", allowed)
    check_page(page, screens, "findings")

    target = plan.locator("a").first.get_attribute("href")
    plan.locator("a").first.click()
    expect(page.locator(target)).to_be_in_viewport()
    expect(page.locator(f"{target} .explanation, {target} .detail").first).to_be_visible()
    # An explanation composed by code has no lang of its own: the check reads its words.
    expect(page.locator(".explanation:not([lang])").first).to_be_visible()
    assert_in_language(page, "zh-hans", allowed)
    screens(page, "finding-opened")

    with page.expect_download() as download:
        page.locator("a[href$='report.pdf']").click()
    data = open(download.value.path(), "rb").read()
    text = readable(pdf_text(data))
    assert "图纸审查" in text and "规则" in text and "404.2.3" in text, text[:500]


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_corpus_admin_uploads_a_file_in_hindi(page, role_stack, sign_in, screens, viewport):
    sign_in(page, "corpusadmin", next_path="/corpora/")
    pick_language(page, "hi")
    allowed = {"corpusadmin"}
    assert_in_language(page, "hi", allowed)
    check_page(page, screens, "list")
    page.locator("a[href='/corpora/new/']").first.click()
    page.locator("#id_name").fill("अनाज की रिपोर्टें")
    page.locator("#id_slug").fill("anaj-hi")
    page.locator("#id_description").fill("किसानों के लिए भंडारण की सलाह।")
    assert_in_language(page, "hi", allowed | {"farmer", "teacher", "engineer", "corpusadmin"})
    check_page(page, screens, "create")
    page.locator("main form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/corpora/c/anaj-hi/$"))

    page.locator("input[type=file][name=files]").set_input_files(
        {"name": "भंडारण.md", "mimeType": "text/markdown", "buffer": NOTES}
    )
    page.locator("form[action$='/upload/'] button[type=submit]").click()
    ready = page.locator("#documents .badge.status-ready")
    wait_until(page, lambda: ready.count() == 1, "ingestion", timeout_s=300)
    assert_in_language(page, "hi", allowed)
    check_page(page, screens, "ready")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_a_teacher_asks_for_a_lesson_in_bengali(page, teacher_stack, sign_in, screens, viewport):
    sign_in(page, "teacher", next_path="/courseware/new/")
    pick_language(page, "bn")
    allowed = {"teacher"}
    page.locator("#id_topic").fill("Waves and their properties")
    page.locator("#id_grade").fill("8")
    page.locator("#id_quiz_count").fill("3")
    page.locator("#id_corpus").select_option("physics-bn")
    assert_in_language(page, "bn", allowed)
    check_page(page, screens, "request")
    page.locator("main form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/courseware/\d+/$"))
    body = page.locator("#lesson-body")
    wait_until(page, lambda: body.get_attribute("hx-trigger") is None, "the lesson", 900)
    assert_in_language(page, "bn", allowed)
    check_page(page, screens, "lesson")

    with page.expect_download() as download:
        page.locator("a[href$='/download/zip']").click()
    bundle = zipfile.ZipFile(download.value.path())
    pdf = next(bundle.read(n) for n in bundle.namelist() if n.endswith(".pdf"))
    assert "উদ্দেশ্য" in readable(pdf_text(pdf))  # "Objectives", in Bengali
    assert io.BytesIO(pdf).getvalue().startswith(b"%PDF")
