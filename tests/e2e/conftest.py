"""Fixtures for browser journeys: a live stack, Debian's Chromium through
Playwright, one fresh guarded page per test at each width.

Every test here is a journey: it gets ``viewport`` ("phone" at 390 px,
"desktop") from the parametrised fixture and ``page`` already guarded; the
guard fails the test on any console error or failed request.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORTS,
    PageGuard,
    Screens,
    record_page_timings,
)
from tests.e2e.stack import AttachedStack, LiveStack


def _chromium_or_skip() -> str:
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not path:
        pytest.skip("Debian's chromium is not installed (make test installs it through apt)")
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    stack = getattr(item, "funcargs", {}).get("stack")
    if report.failed and isinstance(stack, LiveStack):
        # a run stuck "queued" or a 500 is explained by these, not by the page
        for name in ("worker", "server"):
            report.sections.append((f"{name} log (last 4000 characters)", stack.log(name)))
    return report


@pytest.fixture(scope="package")
def stack(tmp_path_factory):
    """The app as users meet it: uvicorn on a free port over a fresh var dir (or,
    with ``E2E_ATTACH_TO``, the stack that file describes)."""
    if os.environ.get("E2E_ATTACH_TO"):
        live = AttachedStack(os.environ["E2E_ATTACH_TO"])
    else:
        live = LiveStack(tmp_path_factory.mktemp("e2e-var")).start()
    yield live
    live.stop()


@pytest.fixture(scope="package")
def browser():
    # Package scope: Playwright's sync API keeps an event loop on this thread, which
    # Django's async-safety check would trip over in later, non-browser tests.
    from playwright.sync_api import sync_playwright

    executable = _chromium_or_skip()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


def _screens_for(node) -> Screens:
    callspec = getattr(node, "callspec", None)
    return Screens(node.originalname, callspec.id if callspec else "")


@pytest.fixture
def screens(request) -> Screens:
    return _screens_for(request.node)


@pytest.fixture
def guarded(browser, stack, viewport, request):
    """(page, guard): a fresh context per test, so cookies never leak between journeys."""
    context = browser.new_context(
        **VIEWPORTS[viewport], base_url=stack.base_url, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    guard = PageGuard(page)
    if os.environ.get("E2E_TIMINGS_TO"):  # bench/prod_smoke.py's p95 of page GETs
        record_page_timings(page, os.environ["E2E_TIMINGS_TO"])
    yield page, guard
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        _screens_for(request.node)(page, "failure")
    context.close()
    guard.assert_clean()


@pytest.fixture
def page(guarded):
    return guarded[0]


@pytest.fixture
def guard(guarded):
    return guarded[1]


@pytest.fixture
def sign_in(stack):
    """sign_in(page, username): through the login form, as a person would."""

    def do(page, username: str, next_path: str = "") -> None:
        page.goto("/accounts/login/" + (f"?next={next_path}" if next_path else ""))
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(stack.logins[username])
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        assert "/accounts/login/" not in page.url, f"{username} could not sign in"

    return do
