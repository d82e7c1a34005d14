"""Every route, as every role and as an anonymous visitor: the expected answer,
never a 500.

Routes with parameters are opened three ways: with values that name nothing
(404 or a refusal), with hostile values (the same, never a crash), and, where
``tests.security.objects`` knows how to make one, with another user's object
(404) and with the owner's (200).
"""

import pytest
from django.test import Client

from tests.security.objects import UNOWNED_ROUTES, object_cases
from tests.security.urlconf import routes

pytestmark = pytest.mark.postgres

PUBLIC = {"healthz", "login"}
POST_ONLY = {"logout", "set_language"}
SIGNED_IN = ["farmer", "teacher", "engineer", "corpusadmin", "staff", "norole"]
# Values a person can type into an address bar; each must come back as an answer.
HOSTILE = {
    "int": ["0", "99999999999999999999999999"],
    "str": [
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "x" * 3000,
        "%27%20OR%201%3D1%20--",
        "..%2F..%2Fetc",
    ],
    "slug": ["x" * 3000, "-", "__proto__"],
    "uuid": ["ffffffff-ffff-ffff-ffff-ffffffffffff"],
    "path": ["..%2F..%2Fetc%2Fpasswd", "a/" * 200, "%00"],
}


def open_as(user, url: str, method: str = "get"):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url)


def all_routes():
    return [r for r in routes() if r.name not in POST_ONLY]


@pytest.mark.parametrize("route", all_routes(), ids=lambda r: r.name)
def test_an_anonymous_visitor_is_sent_to_sign_in_except_on_public_pages(route, db):
    from django.urls import reverse

    response = open_as(None, route.url())
    if route.name in PUBLIC:
        assert response.status_code == 200
        return
    # A page sends the visitor to sign in; a stream or an action may simply refuse.
    assert response.status_code in {302, 401, 403, 405}, (
        f"anonymous GET {route.url()}: {response.status_code}"
    )
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("route", all_routes(), ids=lambda r: r.name)
def test_no_route_answers_500_to_any_role_even_for_missing_or_hostile_values(route, cast):
    urls = [route.url()]
    for name, conv in route.params:
        urls += [route.url(**{name: value}) for value in HOSTILE.get(conv, HOSTILE["str"])]
    for who in SIGNED_IN:
        for url in urls:
            response = open_as(cast[who], url)
            expected = {302, 403, 404, 405} | ({200} if not route.params else set())
            assert response.status_code in expected, (
                f"{who} GET {url[:120]}: {response.status_code}"
            )


def test_post_only_actions_do_not_act_on_get(cast):
    for name in POST_ONLY:
        route = next(r for r in routes() if r.name == name)
        response = open_as(cast["farmer"], route.url())
        assert response.status_code in {302, 405}
    assert open_as(cast["farmer"], "/").status_code == 200, (
        "GET /accounts/logout/ signed the user out"
    )


@pytest.mark.parametrize("case", object_cases(), ids=lambda c: c.route_name)
def test_an_object_opens_for_who_may_see_it_and_is_404_for_everyone_else(
    case, cast, django_capture_on_commit_callbacks
):
    from core.accounts.roles import Role
    from core.accounts.services import create_user_with_role

    route = next((r for r in routes() if r.name == case.route_name), None)
    assert route is not None, (
        f"{case.route_name} is no longer a route: update tests/security/objects.py"
    )
    # A second user of the owner's own role: the sharpest test of ownership.
    users = dict(cast)
    users["peer"] = create_user_with_role("peer", "pw-peer-1", getattr(Role, case.peer_role))
    kwargs, may_open = case.make(users)
    # Actions that start runs must not run them here: the access rule is under test.
    with django_capture_on_commit_callbacks(execute=False):
        check_every_user(case, route, users, kwargs, may_open)


def check_every_user(case, route, users, kwargs, may_open) -> None:
    for who, user in [("anonymous", None), *users.items()]:
        if case.method == "post":  # an action may delete its object: a fresh one per user
            kwargs, may_open = case.make(users)
        url = route.url(**kwargs)
        status = open_as(user, url, case.method).status_code
        if who == "anonymous":
            assert status in {302, 401, 403, 405}, f"anonymous GET {url}: {status}"
        elif who in may_open:
            allowed = case.allowed()
            assert status in allowed, f"{who} may open {url} but got {status}"
        else:
            assert status in {403, 404}, f"{who} must not see {url} but got {status}"
        if who == "peer" and "peer" not in may_open:
            assert status == 404, (
                f"another {case.peer_role.lower()} got {status} for {url}, not 404"
            )


def test_every_route_with_parameters_says_how_to_make_its_object():
    covered = {case.route_name for case in object_cases()} | set(UNOWNED_ROUTES)
    missing = sorted(r.name for r in routes() if r.params and r.name not in covered)
    assert not missing, f"add these to tests/security/objects.py: {missing}"
