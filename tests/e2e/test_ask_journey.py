"""Someone asks a question of a corpus on the Ask page and gets a cited answer
on the run page, from whichever model the stack runs (the bundled one in process,
or a model server in the production topology of bench/prod_smoke.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

NOTES = """# Drying maize before storage

Maize must be dried to below 13% moisture before it is stored, or moulds grow
in the heap. Spread the cobs in the sun on a clean floor and turn them twice a day.
A handful of dry grain rattles when shaken; damp grain is silent and feels cool.
"""


@pytest.fixture(scope="module")
def ask_stack(stack):
    stack.add_corpus("maize-notes", ["farmer"], {"maize-drying.md": NOTES})
    stack.start_worker()
    return stack


def test_a_question_gets_a_cited_answer_with_its_sources(page, ask_stack, sign_in, screens):
    sign_in(page, "farmer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ask").click()
    page.get_by_label("Your question").fill("How dry must maize be before it is stored?")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}/$"))

    badge = page.locator("#run-header .badge")
    expect(badge).to_have_class(re.compile("status-(succeeded|failed|cancelled)"), timeout=300_000)
    expect(badge).to_have_class(re.compile("status-succeeded"))
    answer = page.locator(".step-answer .answer")
    expect(answer).to_contain_text("13%")
    expect(page.locator(".step-answer .answer-origin")).to_be_visible()
    target = page.locator(".step-answer a.cite").first.get_attribute("href")
    expect(page.locator(target)).to_contain_text("moisture")  # the citation leads to its passage
    check_page(page, screens, "answered")
