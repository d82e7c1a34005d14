"""PDF text as prose: hyphens, line breaks, running lines and columns (real PDFs)."""

import re

from core.corpora.ingestion.extract import extract
from tests.core.corpora import files

LEFT = [
    "The left column starts here and it",
    "continues on this second line with",
    "text that belongs to the left side.",
]
RIGHT = [
    "The right column begins later and",
    "it is read only after the left one",
    "has ended, as readers would expect.",
]


def test_a_pdf_reads_as_prose():
    page = (
        "Soybeans have been the target of fresh trade restrictions that have curtailed exports "
        "while signifi-\ncantly increasing export opportunities for producers in Argentina "
        "and Brazil, a safe-\nhaven for buyers."
    )
    text = extract("pdf", files.pdf([page])).text
    assert "significantly increasing" in text and "safe-haven" in text
    assert not re.search(r"[a-z,]\n[a-z]", text) and not re.search(r"\w-\n", text)


def test_running_headers_and_page_numbers_leave_the_pdf_pages():
    pages = [
        f"MARKET BULLETIN | OCTOBER 2025\n{body}\nPage {n} of 4"
        for n, body in enumerate(["Wheat rose.", "Maize fell.", "Rice held.", "Oil slid."], start=1)
    ]
    extracted = extract("pdf", files.pdf(pages))
    assert "BULLETIN" not in extracted.text and "of 4" not in extracted.text
    assert [s.page for s in extracted.sections] == [1, 2, 3, 4]
    third = extracted.sections[2]
    assert extracted.text[third.start : third.end] == "Rice held."


def test_columns_written_across_the_page_are_read_one_after_the_other():
    data = files.columns_pdf(LEFT, RIGHT, title="Two columns under one title", across=True)
    text = extract("pdf", data).text
    assert text.index("Two columns under") < text.index("The left column")
    assert text.index("to the left side.") < text.index("The right column begins")
    assert "left column starts here and it continues on this second line" in text


def test_columns_written_in_reading_order_stay_in_it():
    text = extract("pdf", files.columns_pdf(LEFT, RIGHT, across=False)).text
    assert text.index("to the left side.") < text.index("The right column begins")


def test_a_table_is_not_read_as_columns():
    rows = ["Wheat", "Maize", "Rice", "Soybeans"]
    data = files.columns_pdf(rows, ["5.00", "4.00", "12.1", "10.5"], across=True)
    text = extract("pdf", data).text
    assert "Wheat 5.00" in text and "Soybeans 10.5" in text


def test_a_pdf_whose_every_line_ends_in_a_hyphen_is_read():
    page = "\n".join(["commod-", "ity mar-", "kets -", "out-", "look-"] * 6)  # one page
    text = extract("pdf", files.pdf([page])).text
    assert text.startswith("commodity markets - outlookcommodity")  # garbage in, joined out
    assert "\n" not in text
