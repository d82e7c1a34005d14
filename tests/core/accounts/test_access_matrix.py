"""Every parameterless URL, as every member of the cast and as an anonymous user.

A new page must be declared in PAGES with the roles that may open it, or this
test fails: nobody adds a page without deciding who sees it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ANY = "any signed-in user"
PUBLIC = "public"
GUESTS = "anonymous users; signed-in users are sent on"
ALL_USERS = ["farmer", "teacher", "engineer", "corpusadmin", "staff", "norole"]

# url name -> who may open it. Admins (corpus admins, staff) pass every role check.
PAGES = {
    "home": ANY,
    "healthz": PUBLIC,
    "login": GUESTS,
    "ask": ANY,
    "runs:list": ANY,
    "corpora:list": {"corpusadmin", "staff"},
    "corpora:create": {"corpusadmin", "staff"},
    "crops:home": {"farmer", "corpusadmin", "staff"},
    "crops:upload": {"corpusadmin", "staff"},
    "crops:upload_confirm": {"corpusadmin", "staff"},
    "crops:imports": {"corpusadmin", "staff"},
    "compliance:home": {"engineer", "corpusadmin", "staff"},
    "compliance:packs": {"corpusadmin", "staff"},
    "compliance:pack_new": {"corpusadmin", "staff"},
    "courseware:home": {"teacher", "corpusadmin", "staff"},
    "courseware:new": {"teacher", "corpusadmin", "staff"},
    "courseware:standards": {"corpusadmin", "staff"},
}
SKIP = {"logout", "set_language"}  # POST-only actions


def parameterless_names(patterns=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or entry.pattern.regex.groups:
                continue
            ns = f"{entry.namespace}:" if entry.namespace else prefix
            yield from parameterless_names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            yield prefix + entry.name


def expected_status(rule, who):
    if rule == PUBLIC:
        return {200}
    if rule == GUESTS:
        return {200} if who is None else {302}
    if who is None:
        return {302}
    if rule == ANY:
        return {200}
    return {200} if who in rule else {403}


def test_every_parameterless_url_is_declared():
    names = set(parameterless_names()) - SKIP
    assert names <= set(PAGES), f"declare who may open: {sorted(names - set(PAGES))}"


@pytest.mark.postgres
@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_role_matrix_holds(name, cast, client_for):
    from django.urls import reverse

    url = reverse(name)
    for who in [None, *ALL_USERS]:
        response = client_for(cast[who] if who else None).get(url)
        allowed = expected_status(PAGES[name], who)
        who_name = who or "anonymous"
        assert response.status_code in allowed, f"{who_name} GET {url}: {response.status_code}"
        if who is None and response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))


@pytest.mark.postgres
def test_the_nav_shows_only_what_the_user_may_open(cast, client_for):
    page = client_for(cast["farmer"]).get("/").content.decode()
    assert "/crops/" in page
    assert "/compliance/" not in page and "/courseware/" not in page and "/corpora/" not in page


@pytest.mark.postgres
def test_the_footer_names_the_active_model(cast, client_for):
    page = client_for(cast["teacher"]).get("/").content.decode()
    assert "SmolLM2-135M-Instruct" in page


@pytest.mark.postgres
def test_demo_users_can_sign_in_with_the_printed_password(db, settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command
    from django.test import Client

    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("seed_demo", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("login: ")]
    assert len(lines) == 4
    for line in lines:
        name, password = line.removeprefix("login: ").split(" / ")
        assert Client().login(username=name, password=password), name
