"""The evaluation protocol on plans drawn in code the way other tools draw them (not the
shared development files): casing beside every door, frames inside, millimetres."""

import json

import pytest

from apps.compliance.evaluation import run_evaluation
from tests.apps.compliance.drawings import office_plan


def folder_with(tmp_path, name: str, data: bytes, widths: list[float]):
    (tmp_path / f"{name}__F1.dxf").write_bytes(data)
    ref = {
        "storeys": [{"name": "F1", "dxf_file": f"{name}__F1.dxf"}],
        "doors": [{"storey": "F1", "overall_width_m": w} for w in widths],
    }
    (tmp_path / f"{name}__ifc-attributes.json").write_text(json.dumps(ref))
    return tmp_path


@pytest.mark.parametrize("seed", [1, 7])
def test_a_floor_with_casing_beside_every_door_meets_the_targets(tmp_path, seed):
    data = office_plan(rooms_per_side=6, door_w=0.915, casing=0.076)
    folder = folder_with(tmp_path, "revit_like", data, [0.915] * 12 + [1.2, 1.2])
    result = run_evaluation(folder, seed=seed, log=lambda msg: None)
    assert result["door_recall"] == 1.0 and result["door_width_within_30mm"] == 1.0
    assert result["precision"] >= 0.9 and result["recall"] >= 0.85
    assert result["planted_by_class"]["door_width"] >= 1
    assert result["false_findings_per_storey"] <= 1
    assert result["findings_without_measurement"] == 0


def test_a_floor_with_door_blocks_pairs_every_door_and_routes_through_them(tmp_path):
    from apps.compliance.dxf_reader import read_dxf_bytes
    from apps.compliance.evaluation import eval_rules
    from apps.compliance.plan import build_plan
    from apps.compliance.rules import check_plan

    data = office_plan(rooms_per_side=4, door_w=0.9, door_blocks=True)
    plan = build_plan(read_dxf_bytes(data, name="cad.dxf"))
    assert sorted(round(d.width_m, 3) for d in plan.doors) == [0.9] * 8 + [1.2, 1.2]
    assert all(len(d.regions) == 2 for d in plan.doors)
    travel = [f for f in check_plan(plan, eval_rules()) if f.measurement == "travel_distance"]
    assert travel and all(f.measured and f.exit and f.route for f in travel)
    folder = folder_with(tmp_path, "cad", data, [0.9] * 8 + [1.2, 1.2])
    result = run_evaluation(folder, seed=3, log=lambda msg: None)
    assert result["door_recall"] == 1.0 and result["door_width_within_30mm"] == 1.0
    assert result["findings_without_measurement"] == 0
