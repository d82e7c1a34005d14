"""Which languages a lesson may be asked in: the operator's list, else what the model writes."""

import pytest

from apps.courseware.forms import LessonRequestForm
from apps.courseware.languages import check_configured_languages, writable_languages


def asked_in(language: str) -> LessonRequestForm:
    data = {"grade": 5, "topic": "adding whole numbers", "minutes": 40, "language": language}
    return LessonRequestForm(data)


def test_the_bundled_model_is_offered_english_only(settings):
    settings.LLM_BACKEND, settings.COURSEWARE_LANGUAGES = "llamacpp", []
    assert writable_languages() == ("en",)
    assert "cannot write Hindi" in asked_in("hi").errors["language"][0]


def test_a_served_model_is_offered_the_languages_it_writes(settings):
    settings.LLM_BACKEND, settings.COURSEWARE_LANGUAGES = "openai", []
    assert writable_languages() == ("en", "hi", "zh-hans", "es", "fr")


def test_the_setting_changes_the_languages_offered(settings):
    settings.LLM_BACKEND, settings.COURSEWARE_LANGUAGES = "llamacpp", ["en", "hi", "sw"]
    assert writable_languages() == ("en", "hi", "sw")
    assert "language" not in asked_in("hi").errors
    settings.LLM_BACKEND, settings.COURSEWARE_LANGUAGES = "openai", ["en"]
    assert "It can write: English." in asked_in("fr").errors["language"][0]


@pytest.mark.parametrize("configured", [[], ["en", "sw", "zh-hans"]])
def test_offered_codes_pass_the_start_up_check(settings, configured):
    settings.COURSEWARE_LANGUAGES = configured
    assert check_configured_languages() == []


def test_a_code_the_form_does_not_offer_stops_start_up(settings):
    settings.COURSEWARE_LANGUAGES = ["en", "zh"]
    (error,) = check_configured_languages()
    assert error.id == "courseware.E001" and "names zh," in error.msg
