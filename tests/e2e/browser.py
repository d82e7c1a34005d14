"""What every journey checks in the browser: no console error, no failed
request, no serious accessibility violation; and screenshots a person can look at.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text()
BLOCKING_IMPACTS = {"serious", "critical"}


class PageGuard:
    """Collects console errors, page errors, failed requests and 4xx/5xx answers.

    A journey that expects an error answer (a 403 page) says so with
    ``with guard.expecting(403, "/compliance/")``; everything else is a problem.
    """

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        self._expected: list[tuple[int, str]] = []
        self._aborted: list[str] = []  # documents cut short: fine only if they became downloads
        self.downloads: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)
        page.on("download", lambda download: self.downloads.append(download.url))

    def _is_expected(self, status: int | None, url: str) -> bool:
        return any((status is None or status == s) and path in url for s, path in self._expected)

    def _on_console(self, msg) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        status = re.search(r"status of (\d{3})", msg.text)
        if status and self._is_expected(int(status.group(1)), url):
            return
        self.problems.append(f"console error: {msg.text} ({url})")

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        # A live stream cut by leaving the page is the browser's doing, not a failure.
        # So is the favicon, which the browser fetches on its own and drops when
        # the page or its context closes first.
        if "ERR_ABORTED" in failure and (
            request.resource_type == "eventsource" or request.url.endswith("/favicon.svg")
        ):
            return
        if "ERR_ABORTED" in failure and request.resource_type == "document":
            self._aborted.append(request.url)
            return
        self.problems.append(f"request failed: {request.method} {request.url}: {failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400 and not self._is_expected(response.status, response.url):
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )

    @contextmanager
    def expecting(self, status: int, path: str):
        self._expected.append((status, path))
        try:
            yield
        finally:
            self._expected.remove((status, path))

    def assert_clean(self) -> None:
        self.problems += [
            f"request failed: GET {url}: net::ERR_ABORTED"
            for url in self._aborted
            if url not in self.downloads
        ]
        self._aborted.clear()
        assert not self.problems, "the browser saw problems:\n" + "\n".join(self.problems)


def record_page_timings(page, path: str | Path) -> None:
    """Append one JSON line per page GET (documents and htmx fragments; not live
    streams, static files or downloads) with its time to the last byte, in ms."""
    import json

    def finished(request) -> None:
        if request.method != "GET" or request.resource_type not in {"document", "fetch", "xhr"}:
            return
        response = request.response()
        headers = response.headers if response is not None else {}
        kind = headers.get("content-type", "")
        if "event-stream" in kind or "attachment" in headers.get("content-disposition", ""):
            return
        ms = request.timing.get("responseEnd", -1)
        if ms >= 0:
            with open(path, "a") as out:
                out.write(json.dumps({"url": request.url, "ms": ms}) + "\n")

    page.on("requestfinished", finished)


def axe_violations(page, impacts: set[str] = BLOCKING_IMPACTS) -> list[dict]:
    """Run axe-core in the page; return violations of the given impacts.

    The source goes in through the DevTools protocol, not a <script> tag, so
    the page's Content-Security-Policy stays exactly as users get it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE + "\n;undefined")
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return [v for v in violations if v["impact"] in impacts]


def assert_accessible(page) -> None:
    found = axe_violations(page)
    assert not found, f"axe: serious/critical violations on {page.url}:\n" + "\n".join(
        f"- {v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in found
    )


def assert_fits_width(page) -> None:
    """Nothing makes the page scroll sideways (the 390 px phone is the first target)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} scrolls sideways by {overflow} px"


class Screens:
    """Numbered full-page screenshots: tests/e2e/screenshots/<test>/<case>-NN-<label>.png."""

    def __init__(self, test_name: str, case: str = ""):
        self.folder = SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
        self.case = re.sub(r"[^A-Za-z0-9_.-]+", "_", case)
        self.count = 0

    def __call__(self, page, label: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count += 1
        name = f"{self.case}-{self.count:02d}-{re.sub(r'[^A-Za-z0-9_-]+', '_', label)}.png"
        path = self.folder / name.lstrip("-")
        page.screenshot(path=str(path), full_page=True)
        return path


def check_page(page, screens: Screens, label: str) -> None:
    """Every main page of a journey: a screenshot, then fits the width and is accessible."""
    screens(page, label)
    assert_fits_width(page)
    assert_accessible(page)
