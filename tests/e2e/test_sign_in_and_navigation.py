"""Signing in, finding your app, being kept out of others', switching language."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# demo user -> (nav label of their app, its path, the heading on it)
LANDING = {
    "farmer": ("Crop prices", "/crops/", "Crop prices"),
    "teacher": ("Lessons", "/courseware/", "Lessons"),
    "engineer": ("Drawing checks", "/compliance/", "Drawing checks"),
    "corpusadmin": ("Corpora", "/corpora/", "Corpora"),
}
OTHER_APPS = {"/crops/", "/courseware/", "/compliance/", "/corpora/"}


def nav(page):
    return page.get_by_role("navigation", name="Main")


@pytest.mark.parametrize("username", sorted(LANDING))
def test_each_demo_user_signs_in_and_reaches_their_app_from_the_nav(
    page, sign_in, screens, username
):
    label, path, heading = LANDING[username]
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    check_page(page, screens, "login")

    sign_in(page, username, next_path="/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(username)
    check_page(page, screens, "home")

    links = nav(page).get_by_role("link")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert path in hrefs
    if username != "corpusadmin":  # admins pass every role check and see every app
        assert not (hrefs & (OTHER_APPS - {path})), f"{username} sees others' apps: {hrefs}"

    nav(page).get_by_role("link", name=label).click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(nav(page).get_by_role("link", name=label)).to_have_attribute("aria-current", "page")
    check_page(page, screens, "app")


def test_a_wrong_password_gives_a_clear_message(page, stack, screens):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("farmer")
    page.get_by_label("Password").fill(stack.logins["farmer"] + "-wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("didn't match")
    check_page(page, screens, "wrong-password")


def test_another_apps_page_answers_403_with_a_way_back(page, guard, sign_in, screens):
    sign_in(page, "farmer")
    with guard.expecting(403, "/compliance/"):
        response = page.goto("/compliance/")
        assert response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
        check_page(page, screens, "403")
    page.get_by_role("link", name="Back to your start page").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_an_anonymous_visitor_is_sent_to_sign_in_and_then_to_the_page_they_wanted(page, stack):
    page.goto("/courseware/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/courseware/$"))
    page.get_by_label("Username").fill("teacher")
    page.get_by_label("Password").fill(stack.logins["teacher"])
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/courseware/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lessons")


def test_signing_out_ends_the_session(page, sign_in):
    sign_in(page, "engineer")
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    page.goto("/compliance/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/compliance/$"))


@pytest.mark.parametrize("language", ["hi", "zh-hans"])
def test_the_language_switch_changes_the_page_language_and_back(page, sign_in, screens, language):
    sign_in(page, "farmer", next_path="/crops/")
    page.get_by_label("Language").select_option(language)
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_url(re.compile(r"/crops/$"))
    check_page(page, screens, language)
    page.locator("#lang-select").select_option("en")
    page.locator("footer form.lang button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
