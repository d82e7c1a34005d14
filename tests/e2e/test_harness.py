"""The checks every journey relies on can fail: otherwise a green run proves nothing."""

import pytest

from tests.e2e.browser import PageGuard, assert_fits_width, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture
def bare_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def test_axe_reports_an_image_without_alt_text_as_critical(bare_page):
    bare_page.set_content(
        "<!doctype html><html lang=en><title>t</title><main><img src='data:,'></main>"
    )
    assert "image-alt" in {v["id"] for v in axe_violations(bare_page)}


def test_the_guard_records_console_errors_page_errors_and_error_answers(bare_page, stack):
    guard = PageGuard(bare_page)
    bare_page.goto(stack.base_url + "/no-such-page/")
    bare_page.evaluate(
        "() => { console.error('boom'); setTimeout(() => { throw new Error('uncaught') }); }"
    )
    bare_page.wait_for_timeout(200)
    text = "\n".join(guard.problems)
    assert "HTTP 404" in text and "boom" in text and "uncaught" in text
    with pytest.raises(AssertionError):
        guard.assert_clean()


def test_the_guard_accepts_an_error_answer_only_where_the_journey_expects_it(bare_page, stack):
    guard = PageGuard(bare_page)
    with guard.expecting(404, "/no-such-page/"):
        bare_page.goto(stack.base_url + "/no-such-page/")
    guard.assert_clean()


def test_a_page_wider_than_the_phone_fails_the_width_check(bare_page):
    bare_page.set_content("<!doctype html><body><table><tr><td>" + "x" * 400 + "</td></tr></table>")
    with pytest.raises(AssertionError, match="sideways"):
        assert_fits_width(bare_page)
