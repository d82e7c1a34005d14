"""Text laid out for print becomes prose; Markdown structure stays."""

import re
import time

from core.corpora.ingestion.hyphens import Vocabulary, keeps_hyphen
from core.corpora.ingestion.prose import clean_pages, clean_text, join_lines

BROKEN = re.compile(r"[^\W\d_]-\n[a-z]")
INNER = re.compile(r"[a-z,]\n[a-z]")


def test_a_word_broken_by_a_line_end_hyphen_is_joined():
    text = "Soybean exports to China fell while signifi-\ncantly increasing for Brazil."
    assert join_lines(text) == (
        "Soybean exports to China fell while significantly increasing for Brazil."
    )


def test_a_compound_the_document_writes_elsewhere_keeps_its_hyphen():
    text = (
        "The season-average price is lowered.\n\n"
        "The corn price received by producers, the season-\naverage, is raised."
    )
    assert "the season-average, is raised" in join_lines(text)


def test_the_document_decides_before_the_word_list():
    """Made-up words: only the document can tell a compound from a broken word."""
    joined = "We saw a blorpfizz today.\n\nThen another blorp-\nfizz came along."
    hyphenated = "We saw a blorp-fizz today.\n\nThen another blorp-\nfizz came along."
    assert "another blorpfizz came" in join_lines(joined)
    assert "another blorp-fizz came" in join_lines(hyphenated)


def test_two_words_that_are_no_word_together_keep_the_hyphen():
    assert not keeps_hyphen("signifi", "cantly", Vocabulary(""))
    assert keeps_hyphen("safe", "haven", Vocabulary(""))
    assert keeps_hyphen("Slower-than", "expected", Vocabulary(""))
    assert keeps_hyphen("non", "OPEC", Vocabulary(""))  # a capital never starts a broken word's end


def test_lines_inside_a_sentence_are_joined_and_paragraph_ends_kept():
    text = (
        "Commodity markets have been impacted by a confluence\n"
        "of factors over the past six months, leaving prices\n"
        "below 2024 levels, with trade restrictions.\n"
        "Energy prices fell.\n"
        "Outlook\n"
        "The broadest index of commodity prices is projected\n"
        "to drop by 7 percent in 2025 in nominal terms."
    )
    lines = join_lines(text).split("\n")
    assert len(lines) == 3
    assert lines[0].startswith("Commodity markets") and lines[0].endswith("Energy prices fell.")
    assert lines[1] == "Outlook"  # a short line before a capital: a heading of the page
    assert lines[2].endswith("projected to drop by 7 percent in 2025 in nominal terms.")


def test_markdown_structure_survives():
    text = (
        "# Waves\n\n"
        "A wave is a disturbance that\npropagates from where it was produced.\n\n"
        "- **amplitude**: the height of\n  a crest\n- **period**: the time of one\n  cycle\n\n"
        "| a | b |\n|---|---|\n| one, | two |\n\n"
        "```\nx = f(a,\n  b)\n```\n\n"
        "    indented = code,\n    kept\n\n"
        "> quoted line\n> next quoted line"
    )
    out = join_lines(text)
    assert "# Waves\n\nA wave is a disturbance that propagates from where it was produced." in out
    assert "- **amplitude**: the height of a crest\n- **period**: the time of one cycle" in out
    assert "| a | b |\n|---|---|\n| one, | two |" in out
    assert "```\nx = f(a,\n  b)\n```" in out
    assert "    indented = code,\n    kept" in out
    assert "> quoted line\n> next quoted line" in out


def test_running_headers_footers_and_page_numbers_are_dropped_from_pdf_pages():
    bodies = ["Wheat talks about\nprices.", "Maize is\nplenty.", "Rice is dear.", "Oil fell."]
    pages = [
        f"COMMODITY MARKETS OUTLOOK | OCTOBER 2025\n{n}\n{body}\nPage {n} of 4"
        for n, body in enumerate(bodies, start=1)
    ]
    pages[1] += "\nA line said once."
    cleaned = clean_pages(pages)
    assert cleaned[0] == "Wheat talks about prices."
    assert all("OUTLOOK" not in page and "of 4" not in page for page in cleaned)
    assert "A line said once." in cleaned[1]


def test_running_lines_of_a_converted_pdf_in_markdown_are_dropped():
    bodies = ["Wheat prices fell.", "Maize is plenty.", "Rice is dear.", "Oil fell."]
    pages = "".join(
        f"## Page {n}\n\nEXECUTIVE SUMMARY\nCOMMODITY MARKETS OUTLOOK | OCTOBER 2025\n{n}\n"
        f"{body}\n\n---\n\n"
        for n, body in enumerate(bodies, start=1)
    )
    out = clean_text(pages)
    assert "OUTLOOK" not in out and "EXECUTIVE" not in out
    assert "## Page 3\n\nRice is dear." in out and out.count("---") == 4


def test_a_text_without_page_markers_keeps_its_repeated_lines():
    text = "\n\n".join(["Solution", "Add the numbers."] * 4)
    assert clean_text(text).count("Solution") == 4


def test_the_demo_style_market_text_has_no_broken_words_or_inner_line_breaks():
    text = (
        "## Page 1\n\nIn energy markets, oil de-\nmand growth in China has been\n"
        "sharply below its average. The U.S. bench-\nmark for natural gas rose.\n"
        "Key downside risks include weaker-\nthan-expected growth, a safe-\nhaven.\n"
    )
    out = clean_text(text)
    assert not BROKEN.search(out) and not INNER.search(out)
    assert "oil demand growth" in out and "U.S. benchmark" in out
    assert "weaker-than-expected" in out and "safe-haven" in out


def test_a_text_whose_every_line_ends_in_a_hyphen_is_joined_quickly():
    lines = ["the quick brown fox jumps over the la-", "zy dog and runs a-"] * 20_000
    started = time.perf_counter()
    out = join_lines("\n".join(lines) + "\nway")
    assert time.perf_counter() - started < 10
    assert "\n" not in out and "lazy dog" in out and not BROKEN.search(out)


def test_one_paragraph_and_empty_text_come_back_as_they_are():
    assert clean_text("Just one paragraph, on one line.") == "Just one paragraph, on one line."
    assert clean_text("") == ""
    assert clean_pages(["-\n-\n-", ""]) == ["-\n-\n-", ""]


def test_markdown_emphasis_glued_to_a_word_is_spaced_when_stored():
    from core.corpora.ingestion.markdown import extract_markdown

    text = extract_markdown("Also called the *propagation velocity*or*propagation speed*.").text
    assert text == "Also called the *propagation velocity* or *propagation speed*."
