import pytest

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.packs import ADA_2010, GENERIC_EGRESS
from apps.compliance.plan import build_plan
from apps.compliance.rules import check_plan, rules_from_packs
from tests.apps.compliance.drawings import corridor_plan

RULES = rules_from_packs([ADA_2010, GENERIC_EGRESS], {"travel_distance_m": 45, "dead_end_m": 15})


def findings(data, rules=RULES):
    return check_plan(build_plan(read_dxf_bytes(data, name="t.dxf")), rules)


def failing(fs, cls):
    return [f for f in fs if f.eval_class == cls and f.status == "fail"]


def test_a_clean_plan_has_no_failures():
    fs = findings(corridor_plan())
    assert [f for f in fs if f.status == "fail"] == []


def test_a_narrow_door_fails_the_ada_clear_width_with_values_and_clause():
    fs = findings(corridor_plan(door_width=0.75))
    doors = failing(fs, "door_width")
    assert len(doors) == 2
    assert {f.measured for f in doors} == {0.75}
    assert doors[0].clause == "2010 ADA Standards §404.2.3" and doors[0].required == "≥ 0.815 m"


def test_a_corridor_pinch_is_found_where_it_is():
    fs = findings(corridor_plan(pinch=0.7))
    pinches = failing(fs, "corridor_width")
    assert pinches, "the 0.7 m pinch must fail both the ADA and egress widths"
    for f in pinches:
        assert f.measured == pytest.approx(0.7, abs=0.06)
        assert abs(f.location[0] - 7.2) < 1.0


def test_a_corridor_without_its_end_exit_is_a_dead_end():
    fs = findings(corridor_plan(exterior_door=False))
    dead = failing(fs, "dead_end")
    assert len(dead) == 1 and dead[0].measured > 15
    assert dead[0].location[0] < 2.0


def test_engineer_limits_change_the_verdict():
    rules = rules_from_packs([GENERIC_EGRESS], {"travel_distance_m": 5})
    assert failing(findings(corridor_plan(), rules), "travel_distance")


def test_a_stair_with_short_treads_fails_504_2():
    from apps.compliance.rules import RuleSpec

    rule = RuleSpec.from_dict(ADA_2010["rules"][3])
    assert (
        rule.judge(0.25) == "fail"
        and rule.judge(0.30) == "pass"
        and rule.judge(None) == "needs-review"
    )
