"""A finding's note is data: message ids and parameters, put into words in the
reader's language when shown; an old finding's stored English note still reads."""

import pytest
from django.utils import translation

from apps.compliance.finding_notes import MESSAGES, english, is_unreachable, note, note_words
from apps.compliance.rules import measured_text

DOOR_NOTES = [note("door.opening", source="swing"), note("door.clear", clear_m=0.772)]


def test_the_english_note_is_what_findings_stored_before_notes_were_data():
    assert english(DOOR_NOTES) == (
        "opening between the jambs (swing); clear width past the stops and leaf 0.772 m"
    )


@pytest.mark.parametrize("language", ["zh-hans", "hi", "bn"])
def test_a_note_reads_in_the_readers_language_with_its_numbers(language):
    finding = {"note": english(DOOR_NOTES), "notes": DOOR_NOTES}
    with translation.override(language):
        words = note_words(finding)
    assert "0.772 m" in words
    assert "opening" not in words and "clear width" not in words and "swing" not in words


def test_every_message_is_translated_into_chinese_with_the_same_parameters():
    with translation.override("zh-hans"):
        for key, template in MESSAGES.items():
            translated = translation.gettext(template)
            assert translated != template, key
            assert sorted(_names(translated)) == sorted(_names(template)), key


def _names(template: str) -> list[str]:
    import re

    return re.findall(r"%\((\w+)\)", template)


def test_an_old_finding_with_only_an_english_note_shows_it_as_it_is():
    old = {"note": "opening between the jambs (swing)"}
    with translation.override("zh-hans"):
        assert note_words(old) == "opening between the jambs (swing)"


def test_a_note_with_a_message_this_version_lacks_falls_back_to_its_english():
    stored = {"note": "something older", "notes": [{"id": "gone.away", "params": {}}]}
    with translation.override("zh-hans"):
        assert note_words(stored) == "something older"


def test_an_unknown_message_id_is_refused_when_the_note_is_made():
    with pytest.raises(KeyError):
        note("door.nonsense")


def test_no_exit_reachable_is_read_from_the_data_and_from_old_english_notes():
    new = {"measured": None, "notes": [note("travel.unreachable", room="Office A")]}
    old = {"measured": None, "note": "no exit reachable from Office A"}
    other = {"measured": None, "notes": [note("travel.no_walls")]}
    assert is_unreachable(new) and is_unreachable(old) and not is_unreachable(other)
    assert measured_text(new) == "none reachable" and measured_text(other) == "not measured"
