"""A Content-Security-Policy that allows no inline script, and pages that need none."""

import json

import pytest
from django.test import Client

from tests.security.html_audit import audit_html, csp_directives
from tests.security.test_csrf import owner_urls
from tests.security.urlconf import routes

pytestmark = pytest.mark.postgres

UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:", "https:"}


def pages_that_open(cast):
    """(who, url, response) for every page some user can open, incl. owned objects."""
    owned = owner_urls(cast)
    found = []
    for route in routes():
        if route.name in {"logout", "set_language"}:
            continue
        url, owner = owned.get(route.name, (route.url(), None))
        if route.params and owner is None:
            continue
        candidates = (
            [None, owner] if owner else [None, "farmer", "teacher", "engineer", "corpusadmin"]
        )
        for who in candidates:
            client = Client()
            if who:
                client.force_login(cast[who])
            response = client.get(url)
            if response.status_code == 200:
                found.append((who or "anonymous", url, response))
    return found


def test_every_page_sends_a_policy_with_no_inline_or_eval_script(cast):
    pages = pages_that_open(cast)
    assert len(pages) >= 5
    for who, url, response in pages:
        header = response.headers.get("Content-Security-Policy")
        assert header, f"{who} GET {url}: no Content-Security-Policy header"
        directives = csp_directives(header)
        script_src = directives.get("script-src", directives.get("default-src"))
        assert script_src, f"{url}: no script-src or default-src"
        assert not UNSAFE & set(script_src), f"{url}: script-src allows {UNSAFE & set(script_src)}"
        assert directives.get("object-src") == ["'none'"]
        assert directives.get("frame-ancestors") == ["'none'"]
        assert "'unsafe-inline'" not in directives.get("style-src", directives["default-src"])


def test_no_page_carries_inline_script_handlers_or_styles(cast):
    problems = []
    for who, url, response in pages_that_open(cast):
        if "html" not in response.headers.get("Content-Type", ""):
            continue
        found, _ = audit_html(response.content.decode())
        problems += [f"{who} {url}: {p}" for p in found]
    assert not problems, "\n".join(problems)


def test_htmx_is_told_not_to_inject_styles_or_evaluate_script(cast):
    client = Client()
    client.force_login(cast["farmer"])
    _, meta = audit_html(client.get("/").content.decode())
    config = json.loads(meta["htmx-config"])
    assert config["includeIndicatorStyles"] is False
    assert config.get("allowEval") is False
    assert config.get("allowScriptTags") is False
