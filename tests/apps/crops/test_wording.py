"""How long the forecasts still need, in the words of the market page."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from apps.crops import wording
from core.runs import Run


def test_the_estimate_follows_the_pace_so_far():
    # Half done after 30 s: about 30 s more.
    assert wording.remaining_seconds(0.5, 30.0) == 30
    assert wording.remaining_seconds(0.25, 30.0) == 90
    assert wording.remaining_seconds(1.0, 30.0) == 1  # never "ready in about 0 s"


@pytest.mark.parametrize(
    ("progress", "elapsed"), [(0.0, 30.0), (0.04, 30.0), (None, 30.0), (0.5, 0.0)]
)
def test_no_number_is_made_up_before_the_run_has_a_pace(progress, elapsed):
    assert wording.remaining_seconds(progress, elapsed) is None


def test_the_sentence_names_the_seconds_left_or_a_minute_or_two():
    now = timezone.now()
    running = Run(kind="crops.refit", progress=0.5, started_at=now - timedelta(seconds=30))
    queued = Run(kind="crops.refit", progress=0.0, started_at=None)
    with translation.override("en"):
        assert wording.computing_sentence(running, now) == (
            "The forecasts are being computed: ready in about 30 s."
        )
        assert wording.computing_sentence(queued, now) == (
            "The forecasts are being computed: ready in a minute or two."
        )
    with translation.override("hi"):
        assert "30 सेकंड" in wording.computing_sentence(running, now)


def test_the_page_says_how_often_the_band_held_and_warns_under_7_in_10():
    with translation.override("en"):
        text, warning = wording.held_sentence({"held80": 9, "scored80": 12})
        assert "the likely range held 9 times in 12 here" in text
        assert warning == ""
        text, warning = wording.held_sentence({"held80": 8, "scored80": 12})
        assert "held 8 times in 12" in text and "less than 7 times in 10" in warning
        assert wording.held_sentence({"mae": 1.0}) == ("", "")


def test_the_page_says_which_model_serves_which_weeks():
    steps = [{"model": m} for m in ("combo", "combo", "naive", "naive")]
    with translation.override("en"):
        text = wording.serving_sentence(steps, "weekly")
        assert text.startswith(
            "Weeks 1–2: the forecast model; weeks 3–4: the last price, unchanged"
        )
        assert wording.serving_sentence([{"model": "naive"}], "monthly").startswith("Month 1:")
        assert wording.serving_sentence([{"mean": 1.0}], "weekly") == ""  # stored before
