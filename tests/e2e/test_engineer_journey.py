"""The engineer uploads a floor plan, gets measured findings on an annotated
plan, opens one from the plan and downloads the report."""

import io
import re
import time

import pytest
from playwright.sync_api import expect

from tests.apps.compliance.drawings import corridor_plan
from tests.e2e.browser import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def engineer_stack(stack):
    stack.shell("import sys\nfrom apps.compliance import demo\ndemo.load(sys.stdout)")
    stack.start_worker()
    return stack


def wait_for_findings(page, timeout_s: float = 240) -> None:
    """The page says to reload while the check runs; a person would, so the test does."""
    deadline = time.monotonic() + timeout_s
    heading = page.get_by_role("heading", name=re.compile("Findings to act on"))
    while time.monotonic() < deadline:
        if heading.count():
            return
        page.wait_for_timeout(2000)
        page.reload()
    raise AssertionError(f"no findings after {timeout_s} s: {page.inner_text('main')}")


def test_an_engineer_uploads_a_plan_and_opens_a_finding_from_the_annotated_plan(
    page, engineer_stack, sign_in, screens
):
    sign_in(page, "engineer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Drawing checks").click()
    check_page(page, screens, "upload-form")
    page.get_by_label("Project or check name").fill("Clinic ground floor")
    page.get_by_label(re.compile("^Drawings")).set_input_files(
        {
            "name": "ground.dxf",
            "mimeType": "image/vnd.dxf",
            "buffer": corridor_plan(door_width=0.75),
        }
    )
    page.get_by_label("Rule pack").select_option(
        label="2010 ADA Standards for Accessible Design (selected)"
    )
    page.get_by_role("button", name="Check drawings").click()
    expect(page).to_have_url(re.compile(r"/compliance/checks/\d+/$"))

    wait_for_findings(page)
    plan = page.locator("figure.plan svg")
    expect(plan).to_be_visible()
    check_page(page, screens, "findings")

    marker = plan.locator("a").first
    target = marker.get_attribute("href")
    assert re.fullmatch(r"#f-\d+", target), target
    marker.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    row = page.locator(target)
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text("0.75 m")
    expect(row).to_contain_text("404.2.3")
    screens(page, "finding-opened")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "404.2.3" in text and "0.75" in text, text[:500]
