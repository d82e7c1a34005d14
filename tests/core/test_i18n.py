import pytest


@pytest.mark.parametrize(
    ("language", "sign_in"), [("en", "Sign in"), ("hi", "साइन इन"), ("zh-hans", "登录")]
)
def test_the_login_page_speaks_the_chosen_language(client, language, sign_in):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<h1>{sign_in}</h1>" in page


@pytest.mark.postgres
def test_the_nav_is_translated_for_a_hindi_speaking_farmer(cast, client_for):
    page = client_for(cast["farmer"]).get("/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "फसल के दाम" in page
