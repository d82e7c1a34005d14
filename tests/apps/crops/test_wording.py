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
