"""Model output and document text with scripts, javascript: links, event handlers
and Markdown-embedded HTML render inert on every page that shows them and in
the live stream that updates those pages."""

import html as htmllib
import json

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from tests.security.hostile import MARKERS, PAYLOADS, make_hostile_run
from tests.security.html_audit import parse

pytestmark = pytest.mark.postgres


EMBEDDING_TAGS = {"iframe", "object", "embed", "frame", "math", "form", "base", "meta"}


def assert_inert(html: str, where: str, allow_forms: bool = False) -> None:
    parsed = parse(html)
    assert not parsed.problems, f"{where}: " + "; ".join(parsed.problems)
    for tag, attrs in parsed.elements:
        assert attrs.get("hx-trigger") != "load", f"{where}: htmx attributes from untrusted text"
        assert attrs.get("hx-get") != "/logout", f"{where}: htmx attributes from untrusted text"
        if allow_forms and tag in {"form", "meta"}:
            continue  # the page's own forms and meta; a javascript: action is caught above
        assert tag not in EMBEDDING_TAGS, f"{where}: <{tag} {attrs}> from untrusted text"


def assert_shown(html: str, where: str) -> None:
    """Inert, but not dropped: the person still sees what the model or document said."""
    text = htmllib.unescape(html)
    missing = [m for m in MARKERS if m not in text]
    assert not missing, f"{where}: the text itself disappeared ({missing})"
    assert "{{ 7|add:7 }}" in text, f"{where}: text was treated as a template"


@pytest.fixture
def hostile_run(cast):
    return make_hostile_run(cast["farmer"])


def owner_client(cast):
    client = Client()
    client.force_login(cast["farmer"])
    return client


def test_the_run_page_shows_hostile_text_inert(cast, hostile_run):
    page = owner_client(cast).get(f"/runs/{hostile_run.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert_inert(html, "run page", allow_forms=True)
    assert_shown(html, "run page")


def test_the_live_fragment_and_the_run_list_show_hostile_text_inert(cast, hostile_run):
    client = owner_client(cast)
    for url in (f"/runs/{hostile_run.pk}/live", "/runs/", "/ask/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url, allow_forms=True)


def test_the_event_stream_carries_only_inert_html(cast, hostile_run):
    from core.runs.live import run_events

    async def collect():
        return [event async for event in run_events(hostile_run.pk)]

    events = async_to_sync(collect)()
    payloads = [
        json.loads(line[6:]) for e in events for line in e.splitlines() if line.startswith("data: ")
    ]
    fragments = [p["html"] for p in payloads if "html" in p]
    assert len(fragments) >= 8, "every step and the header arrive as HTML"
    for fragment in fragments:
        assert_inert(fragment, "event stream")
    assert_shown("".join(fragments), "event stream")


def test_markdown_answers_keep_no_script_vector(db):
    from core.text.markdown import render_markdown

    for payload in PAYLOADS:
        for count in (None, 3):
            html = render_markdown(payload + " [1]", citation_count=count)
            assert_inert(html, f"render_markdown({payload!r})")
