import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.courseware import planning


@given(minutes=st.integers(min_value=10, max_value=240), quiz=st.booleans())
def test_the_phases_always_add_up_to_the_lesson_length(minutes, quiz):
    cycles = planning.cycle_count(minutes)
    plans = planning.phase_plan(minutes, cycles, quiz=quiz)
    allocated = planning.allocate_minutes(minutes, [p.weight for p in plans])
    assert sum(allocated) == minutes
    assert min(allocated) >= 1
    assert sum(1 for p in plans if p.cycle is not None) == cycles


def test_a_forty_minute_lesson_has_three_cycles_and_a_quiz_phase():
    plans = planning.phase_plan(40, planning.cycle_count(40), quiz=True)
    assert [p.name for p in plans] == [
        "Starter",
        "Learning cycle 1",
        "Learning cycle 2",
        "Learning cycle 3",
        "Quiz",
        "Plenary",
    ]


def test_too_few_minutes_for_the_phases_is_refused():
    with pytest.raises(ValueError):
        planning.allocate_minutes(3, [1, 1, 1, 1])
