"""Routes to exits: every travel-distance and dead-end finding states its measured value,
the route (drawn on the plan) and the exit reached; no exit reachable is a fail that says
so; only an uncomputable route is needs-review, with the reason."""

import io
import math

import ezdxf
import pytest

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.evaluation import without_measurement
from apps.compliance.plan import build_plan
from apps.compliance.rules import check_plan
from apps.compliance.svg import plan_svg
from tests.apps.compliance.drawings import corridor_plan, rect
from tests.apps.compliance.test_rules import RULES


def plan_and_findings(data: bytes):
    plan = build_plan(read_dxf_bytes(data, name="t.dxf"))
    return plan, check_plan(plan, RULES)


def of(findings, measurement):
    return [f for f in findings if f.measurement == measurement]


def exits_of(plan) -> set[str]:
    return {d.id for d in plan.doors if d.is_exterior} | {s.id for s in plan.stairs}


def test_every_travel_finding_states_its_distance_route_and_exit():
    plan, fs = plan_and_findings(corridor_plan())
    travel = of(fs, "travel_distance")
    assert len(travel) == 3
    for f in travel:
        assert f.measured is not None and f.measured > 0
        assert f.exit in exits_of(plan)
        assert len(f.route) >= 2 and f"exit {f.exit}" in f.note
        # The walk is at least as long as its straight-line corners.
        length = sum(math.dist(a, b) for a, b in zip(f.route, f.route[1:], strict=False))
        assert f.measured >= length - 0.3
    office_b = next(f for f in travel if f.label == "Office B")
    assert office_b.exit.startswith("ST")  # the stair at the east end is nearer


def test_a_long_corridor_to_one_exit_routes_the_far_room_to_it():
    _, fs = plan_and_findings(corridor_plan(exterior_door=False))
    travel = {f.label: f for f in of(fs, "travel_distance")}
    a = travel["Office A"]
    assert a.exit.startswith("ST") and a.measured > 17
    start, end = a.route[0], a.route[-1]
    assert start[0] < 10 < end[0]  # from the west room to the stair in the east


def test_a_dead_end_states_its_length_route_and_way_out():
    _, fs = plan_and_findings(corridor_plan(exterior_door=False))
    (dead,) = [f for f in of(fs, "dead_end") if f.status == "fail"]
    assert dead.measured > 15 and dead.exit
    assert dead.route and dead.route[0][0] < dead.route[-1][0]
    assert f"way out, {dead.exit}" in dead.note


def walled_up_room_plan() -> bytes:
    """The corridor plan with Office A's door replaced by wall."""
    doc = ezdxf.read(io.StringIO(corridor_plan().decode()))
    msp = doc.modelspace()
    for e in list(msp.query("LWPOLYLINE[layer=='A-DOOR']")):
        xs = [p[0] for p in e.get_points("xy")]
        if 2.9 < min(xs) < 3.1:
            msp.delete_entity(e)
            rect(msp, min(xs), 1.8, max(xs), 2.0, "A-WALL")
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue().encode()


def test_a_room_no_exit_can_be_reached_from_fails_and_says_so():
    _, fs = plan_and_findings(walled_up_room_plan())
    (a,) = [f for f in of(fs, "travel_distance") if f.label == "Office A"]
    assert a.status == "fail" and a.measured is None
    assert a.note == "no exit reachable from Office A" and a.route == []
    assert without_measurement(fs) == 0


def test_a_storey_without_any_exit_is_needs_review_with_the_reason():
    _, fs = plan_and_findings(corridor_plan(exterior_door=False, stair=False))
    travel = of(fs, "travel_distance")
    assert travel and all(f.status == "needs-review" for f in travel)
    assert all("no exit on this storey" in f.note for f in travel)
    assert without_measurement(fs) == 0


def test_routes_are_drawn_on_the_plan_and_reported_in_drawing_coordinates():
    far = (1_000_000.0, 2_000_000.0)
    plan, fs = plan_and_findings(corridor_plan(exterior_door=False, origin=far))
    (a,) = [f for f in of(fs, "travel_distance") if f.label == "Office A"]
    assert a.route[0][0] == pytest.approx(far[0] + 5, abs=5)
    shown = [f.as_dict() | {"n": n, "status": "fail"} for n, f in enumerate(fs, 1)]
    svg = plan_svg(plan, shown)
    assert svg.count('class="route') >= 2


def test_a_no_exit_finding_gives_the_explainer_its_own_sentence():
    from apps.compliance.explain import question_for
    from core.reasoning import compose_finding

    _, fs = plan_and_findings(walled_up_room_plan())
    (a,) = [f.as_dict() for f in of(fs, "travel_distance") if f.label == "Office A"]
    assert "Measured: none reachable (no exit reachable from Office A)" in question_for(a)
    assert "no exit reachable from Office A" in compose_finding(a, []).text
