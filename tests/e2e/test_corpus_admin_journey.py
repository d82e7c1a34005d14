"""The corpus admin creates a corpus, uploads documents, watches them become
ready (or fail with a reason) and tries a query."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page
from tests.security import seeds

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

NOTES = b"# Storing grain\n\nKeep wheat below 14% moisture in a clean, sealed bin.\n"


@pytest.fixture(scope="module")
def admin_stack(stack):
    stack.start_worker()
    return stack


def wait_for_statuses(page, expected: dict[str, str], timeout_s: float = 240) -> None:
    """The documents table refreshes itself (htmx) while anything is pending."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        rows = {name: page.locator("#documents tr", has_text=name) for name in expected}
        if all(r.count() and expected[n] in r.first.inner_text() for n, r in rows.items()):
            return
        page.wait_for_timeout(1000)
    raise AssertionError(f"documents did not reach {expected}: {page.inner_text('#documents')}")


def test_a_corpus_admin_creates_a_corpus_uploads_and_watches_documents_become_ready(
    page, admin_stack, sign_in, screens, viewport
):
    sign_in(page, "corpusadmin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Corpora").click()
    check_page(page, screens, "list")
    page.get_by_role("link", name="New corpus").click()
    name = f"Grain bulletins {viewport}"
    page.get_by_label(re.compile("^Name")).fill(name)
    page.get_by_label("Description").fill("Storage advice for farmers.")
    page.get_by_role("checkbox", name="farmer").check()
    check_page(page, screens, "create")
    page.get_by_role("button", name="Create corpus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    page.locator("input[type=file][name=files]").set_input_files(
        [
            {"name": "storage.md", "mimeType": "text/markdown", "buffer": NOTES},
            {"name": "handbook.pdf", "mimeType": "application/pdf", "buffer": seeds.pdf()},
            {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf at all"},
        ]
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator("#documents")).to_contain_text("storage.md")
    screens(page, "uploaded")

    wait_for_statuses(page, {"storage.md": "Ready", "handbook.pdf": "Ready"})
    failed = page.locator("#documents tr", has_text="scan.pdf")
    if failed.count():  # refused at upload with a message, or stored and failed with one
        expect(failed).to_contain_text("Failed")
        expect(failed.locator(".error")).to_contain_text("PDF")
    else:
        expect(page.locator(".messages, .error").first).to_contain_text("scan.pdf")
    check_page(page, screens, "ready")

    page.get_by_role("textbox", name=re.compile("Try a query")).fill("how dry must wheat be")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#query-results")).to_contain_text("14%", timeout=60_000)
    check_page(page, screens, "query")

    page.get_by_role("link", name=re.compile("Corpora")).first.click()
    expect(page.locator("table.corpora")).to_contain_text(name)
