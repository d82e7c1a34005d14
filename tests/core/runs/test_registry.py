"""One registration form, one return type: mistakes stop start-up or fail in tests."""

import pytest

from core.runs.context import Outcome, result_of
from core.runs.registry import get_kind, run_kind


def first(ctx):
    return Outcome()


def second(ctx):
    return Outcome()


def test_a_kind_registered_twice_names_both_places_in_one_line():
    run_kind("tests.twice")(first)
    run_kind("tests.twice")(first)  # the same function imported twice is harmless
    with pytest.raises(ValueError) as raised:
        run_kind("tests.twice")(second)
    message = str(raised.value)
    assert "\n" not in message and "registered twice" in message
    assert "test_registry.first (" in message and "test_registry.second (" in message
    assert get_kind("tests.twice").handler is first


def test_a_handler_returns_an_outcome_and_nothing_else():
    done = Outcome({"n": 1}, "Done.")
    assert result_of(done) is done
    for wrong in (None, {"n": 1}, "done", 3, Outcome):
        with pytest.raises(TypeError, match="not an Outcome"):
            result_of(wrong)
    with pytest.raises(TypeError, match=r"^first returned NoneType, not an Outcome$"):
        result_of(None, first)
