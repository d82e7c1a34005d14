"""The PDF report in the engineer's language: labels translated, the script's
font embedded (so any viewer shows it), text extractable as written."""

import os
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from core.printing import NOTO
from tests.apps.compliance.drawings import corridor_plan
from tests.apps.compliance.test_check_pages import packs, upload  # noqa: F401

needs_noto = pytest.mark.skipif(
    not (NOTO / "NotoSans-Regular.ttf").is_file(), reason="Noto fonts not installed"
)


@pytest.fixture
def check(cast, client_for, packs, django_capture_on_commit_callbacks):  # noqa: F811
    from apps.compliance.models import Check

    client = client_for(cast["engineer"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            client,
            packs["ada-2010"],
            [SimpleUploadedFile("level1.dxf", corridor_plan(door_width=0.75))],
        )
    return Check.objects.get()


def fonts_of(pdf: PdfReader) -> set[str]:
    names = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@needs_noto
@pytest.mark.parametrize(
    ("language", "title", "font"),
    [
        ("zh-hans", "图纸审查", "NotoSansCJK"),
        ("hi", "नक्शा जाँच", "NotoSansDevanagari"),
        ("bn", "নকশা যাচাই", "NotoSansBengali"),
    ],
)
def test_the_pdf_report_is_written_in_the_engineers_language(check, language, title, font):
    from apps.compliance.report import report_pdf

    with translation.override(language):
        data = report_pdf(check)
    if os.environ.get("OPENKITCHEN_REPORT_SAMPLES"):  # to look at them as images
        Path(os.environ["OPENKITCHEN_REPORT_SAMPLES"], f"report-{language}.pdf").write_bytes(data)
    pdf = PdfReader(BytesIO(data))
    text = pdf.pages[0].extract_text().replace("\x00", "")  # pypdf's CID-font artefact
    assert any(font in name for name in fonts_of(pdf)), fonts_of(pdf)
    if language == "zh-hans":  # shaped Indic text does not extract back character for character
        assert title in text and "楼层" in text
    assert "Drawing check" not in text and "404.2.3" in text


def test_the_english_report_still_reads_in_english(check, cast, client_for):
    response = client_for(cast["engineer"]).get(
        reverse("compliance:report", args=[check.pk, "pdf"])
    )
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert response.content.startswith(b"%PDF") and "Drawing check" in text and "404.2.3" in text


def test_a_findings_note_reads_in_chinese_on_the_page_and_in_the_json_and_bcf(
    check, cast, client_for, settings
):
    import io
    import json
    import zipfile

    noted = [f for f in check.result["findings"] if f["status"] != "pass" and f["notes"]]
    assert noted, "the corridor plan's narrow door has a note"
    english = noted[0]["note"]
    client = client_for(cast["engineer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("compliance:check", args=[check.pk])).content.decode()
    report = json.loads(client.get(reverse("compliance:report", args=[check.pk, "json"])).content)
    bcf = client.get(reverse("compliance:report", args=[check.pk, "bcf"])).content
    markups = zipfile.ZipFile(io.BytesIO(bcf))
    described = " ".join(
        markups.read(n).decode() for n in markups.namelist() if n.endswith("markup.bcf")
    )
    chinese = next(f for f in report["findings"] if f["n"] == noted[0]["n"])["note_text"]
    assert report["language"] == "zh-hans" and chinese and chinese != english
    assert "门框" in chinese or "路线" in chinese or "走道" in chinese, chinese
    assert english not in page and english not in described
    assert chinese.split("；")[0] in page


class DetailRows(HTMLParser):
    """The words of the findings' detail rows (notes, explanations) a reader sees as the
    page's own: text inside an element with its own ``lang`` or marked ``from-data``
    (a quoted clause, a name from the drawing) is left out."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[bool, bool]] = []  # (in a detail row, quoted or data)
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        detail, quoted = self.stack[-1] if self.stack else (False, False)
        detail = detail or (tag == "tr" and "detail" in (attrs.get("class") or ""))
        own_language = "lang" in attrs and tag != "html"  # the page's language is on <html>
        quoted = quoted or own_language or "from-data" in (attrs.get("class") or "")
        if tag not in self.VOID:
            self.stack.append((detail, quoted))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == (True, False) and data.strip():
            self.texts.append(data.strip())


def test_the_notes_and_explanations_on_a_chinese_check_page_have_no_english_words(
    check, cast, client_for, settings
):
    from tests.e2e.test_farmer_languages import foreign_words

    client = client_for(cast["engineer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    rows = DetailRows()
    rows.feed(client.get(reverse("compliance:check", args=[check.pk])).content.decode())
    assert len(rows.texts) >= 3, rows.texts  # every failing finding has a note or an explanation
    assert foreign_words(rows.texts, "zh-hans", {"m", "D", "ST"}) == []
