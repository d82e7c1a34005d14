"""File type by content, extraction of every kind, and bad input (no model needed)."""

import pytest

from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extract import extract
from core.corpora.ingestion.sniff import sniff
from tests.core.corpora import files


def _message(data: bytes, filename: str) -> str:
    with pytest.raises(IngestionError) as caught:
        kind = sniff(data, filename)
        extract(kind, data)
    return caught.value.message


def test_it_reads_pdf_pages_with_their_numbers():
    data = files.pdf(["Wheat prices rose in October.", "Rice stocks fell sharply this season."])
    assert sniff(data, "bulletin.pdf") == "pdf"
    extracted = extract("pdf", data)
    assert [s.page for s in extracted.sections] == [1, 2]
    second = extracted.sections[1]
    assert "Rice stocks" in extracted.text[second.start : second.end]
    assert extracted.page_count == 2


def test_it_reports_a_scanned_page_instead_of_skipping_it_silently():
    data = files.pdf(["Page one has text enough to index.", None, "Page three has text too."])
    extracted = extract("pdf", data)
    assert "page 2 is an image: no text found" in extracted.notes
    assert [s.page for s in extracted.sections] == [1, 3]


def test_a_pdf_with_only_scanned_pages_fails_with_a_reason():
    assert "OCR" in _message(files.pdf([None, None]), "scan.pdf")


def test_a_corrupt_pdf_fails_with_a_reason():
    data = files.pdf(["Some text here."])[:300]
    assert "damaged" in _message(data, "broken.pdf")


def test_an_encrypted_pdf_fails_with_a_reason():
    assert "password" in _message(files.encrypted_pdf("Secret text"), "locked.pdf")


def test_a_pdf_locked_only_against_editing_is_read():
    data = files.encrypted_pdf("Open to read, locked to edit.", password="", algorithm="AES-256")
    assert "Open to read" in extract(sniff(data, "locked.pdf"), data).text


def test_a_zip_bomb_named_docx_is_refused_without_unpacking():
    assert "zip bomb" in _message(files.zip_bomb_docx(), "report.docx")


def test_an_empty_file_is_refused():
    assert "empty" in _message(b"", "notes.txt")
    assert "white space" in _message(b"   \n\n ", "notes.txt")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    assert "limit" in _message(b"a" * 2048, "big.txt")


def test_a_binary_file_named_txt_is_refused():
    assert "binary" in _message(bytes(range(256)) * 40, "notes.txt")


def test_an_image_named_txt_is_named_for_what_it_is():
    assert "image/png" in _message(files._png().getvalue(), "notes.txt")


def test_a_text_file_named_pdf_is_refused():
    assert "not a PDF" in _message(b"just some words", "paper.pdf")


def test_docx_headings_become_sections():
    data = files.docx(
        [
            ("Heading 1", "Doors"),
            ("Normal", "Clear width is 32 inches minimum."),
            ("Heading 2", "Thresholds"),
            ("Normal", "Thresholds are half an inch high."),
        ]
    )
    assert sniff(data, "rules.docx") == "docx"
    extracted = extract("docx", data)
    headings = [s.heading for s in extracted.sections]
    assert headings == ["Doors", "Doors > Thresholds"]
    assert extracted.title == "Doors"


def test_html_keeps_main_text_and_drops_scripts_and_navigation():
    page = b"""<!doctype html><html><head><title>Onion outlook</title>
    <script>alert('x')</script><style>p{color:red}</style></head><body>
    <nav><a href="/">Home</a> Menu link</nav><main><h1>Onion outlook</h1>
    <p>Arrivals fell by a third.</p><script>stealCookies()</script></main>
    <footer>Copyright footer</footer></body></html>"""
    assert sniff(page, "page.txt") == "html"
    extracted = extract("html", page)
    assert "Arrivals fell by a third." in extracted.text
    for unwanted in ("alert", "stealCookies", "Menu link", "Copyright footer", "color:red"):
        assert unwanted not in extracted.text
    assert extracted.title == "Onion outlook"


def test_csv_rows_become_labelled_text():
    data = b"market,commodity,price\nAzadpur,Onion,1800\nLasalgaon,Onion,1500\n"
    assert sniff(data, "prices.csv") == "csv"
    extracted = extract("csv", data)
    assert "market: Azadpur; commodity: Onion; price: 1800" in extracted.text
    assert extracted.sections[0].heading == "rows 1–2"


def test_markdown_sections_carry_their_heading_path():
    data = b"# Forces\nIntro.\n\n## Inertia\nBodies at rest stay at rest.\n"
    extracted = extract(sniff(data, "ch.md"), data)
    assert [s.heading for s in extracted.sections] == ["Forces", "Forces > Inertia"]
    inertia = extracted.sections[1]
    assert "Bodies at rest" in extracted.text[inertia.start : inertia.end]
