import pytest

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.plan import build_plan
from tests.apps.compliance.drawings import corridor_plan


def plan_of(data: bytes):
    return build_plan(read_dxf_bytes(data, name="t.dxf"))


def test_it_finds_doors_with_their_opening_width_in_metres():
    plan = plan_of(corridor_plan(door_width=0.9))
    assert sorted(round(d.width_m, 3) for d in plan.doors) == [0.9, 0.9, 1.0]
    assert sum(d.is_exterior for d in plan.doors) == 1


def test_millimetre_drawings_measure_the_same_as_metre_drawings():
    metres = plan_of(corridor_plan(door_width=0.85))
    mm = plan_of(corridor_plan(units=4, scale=1000, door_width=0.85))
    assert sorted(d.width_m for d in mm.doors) == pytest.approx(
        sorted(d.width_m for d in metres.doors), abs=1e-6
    )


def test_inch_drawings_are_converted_and_say_so():
    plan = plan_of(corridor_plan(units=1, scale=1 / 0.0254))
    assert any("inches" in w for w in plan.warnings)
    assert sorted(round(d.width_m, 3) for d in plan.doors) == [0.9, 0.9, 1.0]


def test_unset_units_are_guessed_from_the_extent_and_the_guess_is_stated():
    plan = plan_of(corridor_plan(units=0, scale=1000))
    assert any("assumed" in w and "millimetres" in w for w in plan.warnings)
    assert max(d.width_m for d in plan.doors) == pytest.approx(1.0, abs=1e-6)


def test_far_from_origin_drawings_report_locations_in_their_own_coordinates():
    plan = plan_of(corridor_plan(origin=(1_000_000.0, 2_000_000.0)))
    assert any("from the drawing origin" in w for w in plan.warnings)
    door = min(plan.doors, key=lambda d: d.location[0])
    x, y = plan.to_drawing(door.location)
    assert x == pytest.approx(1_000_000.0 - 0.1, abs=0.01) and y == pytest.approx(
        2_000_000.8, abs=0.01
    )


def test_other_layer_conventions_are_recognised():
    chinese = {"wall": "墙", "door": "门", "stair": "楼梯", "space": "房间", "label": "文字"}
    plan = plan_of(corridor_plan(layers=chinese))
    assert len(plan.doors) == 3 and len(plan.stairs) == 1
    ifc = {
        "wall": "IfcWallStandardCase",
        "door": "IfcDoor",
        "stair": "IfcStair",
        "space": "IfcSpace",
        "label": "IfcSpace-Label",
    }
    assert len(plan_of(corridor_plan(layers=ifc)).doors) == 3


def test_rooms_get_their_names_and_the_corridor_is_recognised():
    plan = plan_of(corridor_plan())
    names = sorted(r.name for r in plan.regions)
    assert names == ["Corridor", "Office A", "Office B"]
    assert [r.name for r in plan.regions if r.is_corridor] == ["Corridor"]


def test_stair_treads_give_the_going():
    plan = plan_of(corridor_plan())
    (stair,) = plan.stairs
    assert stair.flights[0].going_m == pytest.approx(0.3, abs=1e-6)
    assert stair.flights[0].width_m == pytest.approx(1.2, abs=1e-6)


def test_a_drawing_without_walls_still_reads_and_says_so():
    import io

    import ezdxf

    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(0, 0), (0.9, 0)], dxfattribs={"layer": "A-DOOR"})
    buf = io.StringIO()
    doc.write(buf)
    plan = plan_of(buf.getvalue().encode())
    assert any("no walls" in w for w in plan.warnings)
    assert len(plan.doors) == 1


def test_a_narrow_door_in_a_thick_wall_is_measured_along_the_wall():
    import io

    import ezdxf

    from tests.apps.compliance.drawings import rect

    doc = ezdxf.new()
    doc.header["$INSUNITS"] = 6
    msp = doc.modelspace()
    rect(msp, 0, 0, 3, 0.7, "A-WALL")  # 0.7 m thick wall, door 0.6 m wide at x 3.0-3.6
    rect(msp, 3.0, 0, 3.6, 0.7, "A-DOOR")
    rect(msp, 3.6, 0, 7, 0.7, "A-WALL")
    buf = io.StringIO()
    doc.write(buf)
    (door,) = plan_of(buf.getvalue().encode()).doors
    assert door.width_m == pytest.approx(0.6, abs=1e-6)


@pytest.mark.parametrize("one_layer", [False, True])
def test_door_blocks_with_swing_arcs_close_their_opening_and_join_two_rooms(one_layer):
    from tests.apps.compliance.drawings import cad_plan_with_door_blocks

    plan = plan_of(cad_plan_with_door_blocks(door_width=0.8, one_layer=one_layer))
    (door,) = plan.doors
    assert door.width_m == pytest.approx(0.8, abs=1e-6)
    assert len(plan.regions) == 2 and sorted(door.regions) == [0, 1]
