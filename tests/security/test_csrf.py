"""Every POST without a CSRF token is refused, before the view can change anything."""

import pytest
from django.apps import apps
from django.test import Client

from tests.security.objects import object_cases
from tests.security.urlconf import routes

pytestmark = pytest.mark.postgres


def row_counts() -> dict[str, int]:
    from django.db import connection

    tables = set(connection.introspection.table_names())
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.db_table in tables and m._meta.label != "sessions.Session"
    }


def owner_urls(cast) -> dict[str, str]:
    """Routes with an object: the owner's real object, so only the token stands in the way."""
    from core.accounts.roles import Role
    from core.accounts.services import create_user_with_role

    urls = {}
    for case in object_cases():
        users = dict(cast)
        users["peer"] = create_user_with_role(
            f"peer-{case.peer_role.lower()}", "pw-peer-1", getattr(Role, case.peer_role)
        )
        kwargs, may_open = case.make(users)
        route = next(r for r in routes() if r.name == case.route_name)
        urls[route.name] = (route.url(**kwargs), sorted(may_open)[0])
    return urls


def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(cast):
    owned = owner_urls(cast)
    before = row_counts()
    refused = []
    for route in routes():
        url, who = owned.get(route.name, (route.url(), "staff"))
        # staff passes every role check, so the refusal can only be the missing token
        for user in (None, cast[who]):
            client = Client(enforce_csrf_checks=True, raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            response = client.post(url, {"name": "x", "title": "x", "language": "hi", "next": "/"})
            body = response.content.decode(errors="replace")
            if response.status_code != 403 or "CSRF" not in body:
                refused.append(f"{user or 'anonymous'} POST {url}: {response.status_code}")
    assert not refused, "POSTs not refused for a missing CSRF token:\n" + "\n".join(refused)
    assert row_counts() == before


def test_a_post_with_the_token_from_the_page_is_accepted(cast):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {
            "username": "farmer",
            "password": "pw-farmer-1",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302, (
        "the control case must pass, or the test above proves nothing"
    )
