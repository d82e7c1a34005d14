"""Doors are measured by the wall opening they fill (jamb to jamb), whatever tool drew
them; the clear width past stops and leaves is reported where they are drawn."""

import pytest

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.plan import build_plan
from apps.compliance.rules import check_plan
from tests.apps.compliance import door_plans
from tests.apps.compliance.test_rules import RULES


def doors_of(data: bytes):
    return sorted(build_plan(read_dxf_bytes(data, name="t.dxf")).doors, key=lambda d: d.box.cx)


def door_findings(data: bytes):
    fs = check_plan(build_plan(read_dxf_bytes(data, name="t.dxf")), RULES)
    return [f for f in fs if f.measurement == "door_width"]


def test_a_door_with_casing_beside_it_is_measured_between_the_jambs():
    (door,) = doors_of(door_plans.casing_door(0.915))
    assert door.width_m == pytest.approx(0.915, abs=0.002)
    assert door.outline_m == pytest.approx(0.915 + 2 * 0.076, abs=0.002)
    assert door.measured_by == "wall opening" and door.clear_m is None


def test_a_too_narrow_door_does_not_pass_because_of_its_casing():
    (f,) = door_findings(door_plans.casing_door(0.75))
    assert f.status == "fail" and f.measured == pytest.approx(0.75, abs=0.002)
    assert f.outline_m == pytest.approx(0.902, abs=0.002)


def test_an_opening_that_passes_with_a_clear_width_under_the_minimum_needs_review():
    (f,) = door_findings(door_plans.framed_door(0.9, frame=0.05))
    assert f.measured == pytest.approx(0.9, abs=0.002)
    assert f.clear_m == pytest.approx(0.8, abs=0.003)
    assert f.status == "needs-review"
    assert "0.900 m" in f.note and "0.800 m" in f.note


def test_a_wide_enough_clear_width_passes():
    (f,) = door_findings(door_plans.framed_door(1.0, frame=0.04))
    assert f.status == "pass" and f.clear_m == pytest.approx(0.92, abs=0.003)


@pytest.mark.parametrize("attribs", [False, True])
@pytest.mark.parametrize("with_casing", [False, True])
def test_door_blocks_are_measured_by_their_opening(attribs, with_casing):
    doors = doors_of(
        door_plans.block_doors(leaf=0.9, frame=0.05, attribs=attribs, with_casing=with_casing)
    )
    assert [round(d.width_m, 3) for d in doors] == [1.0, 1.0]
    assert all(d.measured_by == "wall opening" for d in doors)
    # The open leaf (40 mm) at the hinge jamb and the frames narrow the passage.
    assert all(d.clear_m == pytest.approx(0.86, abs=0.005) for d in doors)


def test_door_blocks_on_a_layer_that_names_nothing_are_found_by_their_block_name():
    doors = doors_of(door_plans.block_doors(layer="0"))
    assert [round(d.width_m, 3) for d in doors] == [1.0, 1.0]


def test_a_door_of_loose_lines_and_an_arc_is_measured_by_its_opening():
    (door,) = doors_of(door_plans.loose_swing_door(leaf=0.85, frame=0.04))
    assert door.width_m == pytest.approx(0.93, abs=0.003)
    assert door.measured_by == "wall opening"


def test_a_double_door_is_one_door_as_wide_as_its_opening():
    (door,) = doors_of(door_plans.double_swing_door(leaf=0.8, frame=0.05))
    assert door.width_m == pytest.approx(1.7, abs=0.003)


def test_neighbouring_doors_whose_casings_touch_are_never_merged():
    doors = doors_of(door_plans.neighbouring_doors(opening=0.9, pier=0.12))
    assert [round(d.width_m, 3) for d in doors] == [0.9, 0.9]
    assert len({d.id for d in doors}) == 2
    assert doors[0].handles != doors[1].handles


def test_neighbouring_swing_doors_whose_casings_touch_stay_two_doors():
    doors = doors_of(door_plans.block_doors(starts=(2.0, 3.1), with_casing=True))
    assert [round(d.width_m, 3) for d in doors] == [1.0, 1.0]
    assert all(len(d.swings) == 1 for d in doors)


@pytest.mark.parametrize("caps", [True, False])
def test_walls_drawn_as_face_lines_bound_the_opening_too(caps):
    doors = doors_of(door_plans.double_line_wall_doors(caps=caps, opening=0.9))
    assert [round(d.width_m, 3) for d in doors] == [0.9, 0.9]
    assert all(d.measured_by == "wall opening" for d in doors)


def test_a_rebated_jamb_is_one_door_measured_frame_edge_to_frame_edge():
    (door,) = doors_of(door_plans.rebated_door(narrow=0.9, rebate=0.05))
    assert door.width_m == pytest.approx(1.0, abs=0.003)
    assert door.clear_m == pytest.approx(0.9, abs=0.003)  # between the frame's sides


def test_where_a_door_meets_two_gaps_across_its_depth_the_narrower_counts():
    from apps.compliance.door_openings import _disjoint

    assert _disjoint([((-0.5, 0.5), 6), ((-0.36, 0.36), 4)]) == [(-0.36, 0.36)]
    assert _disjoint([((-1.0, -0.1), 5), ((0.1, 1.0), 5)]) == [(-1.0, -0.1), (0.1, 1.0)]
