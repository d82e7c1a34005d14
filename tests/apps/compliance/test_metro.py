import pytest

from apps.compliance.metro import platform_clearing


def test_platform_clearing_shows_each_step_and_uses_the_governing_capacity():
    calc = platform_clearing(1000, [1.5, 1.5], [2.0])
    # stairs 3000 mm x 0.0555 = 166.5 p/min; passage 2000 mm x 0.0819 = 163.8 p/min
    assert calc.platform_clear_min == pytest.approx(1000 / 163.8, abs=0.01)
    assert calc.passes is False
    text = "\n".join(calc.steps)
    assert "166.5 persons/min" in text and "163.8 persons/min" in text
    assert "exceeds the limit" in text


def test_pack_parameters_change_the_capacities():
    calc = platform_clearing(300, [1.2], [], {"stair_rate_p_per_mm_min": 0.1})
    assert calc.platform_clear_min == pytest.approx(300 / 120, abs=0.01)
    assert calc.passes is True


def test_no_stairs_means_the_platform_cannot_be_cleared():
    assert platform_clearing(10, [], [3.0]).passes is False
