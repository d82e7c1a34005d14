"""The planting script plants what it says, and the checks find it, on plans made in code."""

import pytest

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.evaluation import eval_rules, load_planter, score_planted
from apps.compliance.plan import build_plan
from apps.compliance.rules import check_plan
from tests.apps.compliance.drawings import office_plan


def checked(path):
    return check_plan(build_plan(read_dxf_bytes(path.read_bytes(), name=path.name)), eval_rules())


def plant_and_score(tmp_path, seed, **plan_kwargs):
    src = tmp_path / "floor.dxf"
    src.write_bytes(office_plan(**plan_kwargs))
    planted = load_planter().plant_storey(src, tmp_path / "planted.dxf", seed)
    return planted, score_planted(checked(src), checked(tmp_path / "planted.dxf"), planted)


def test_planting_is_reproducible_for_a_seed(tmp_path):
    src = tmp_path / "floor.dxf"
    src.write_bytes(office_plan())
    planter = load_planter()
    first = planter.plant_storey(src, tmp_path / "a.dxf", 11)
    assert first == planter.plant_storey(src, tmp_path / "b.dxf", 11)
    assert 3 <= len(first) <= 6
    assert len({p["class"] for p in first}) >= 3


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_every_planted_violation_is_found_without_false_alarms(tmp_path, seed):
    planted, score = plant_and_score(tmp_path, seed)
    assert all(hit for _, hit in score["planted"]), planted
    assert score["true_positive"] == score["findings"]


def test_planting_works_in_metres_with_ifc_layer_names_far_from_origin(tmp_path):
    layers = {
        "wall": "IfcWallStandardCase",
        "door": "IfcDoor",
        "stair": "IfcStair",
        "space": "IfcSpace",
        "label": "IfcSpace-Label",
    }
    planted, score = plant_and_score(
        tmp_path, 5, units=6, scale=1.0, layers=layers, origin=(600_000.0, 5_000_000.0)
    )
    assert all(hit for _, hit in score["planted"]), planted
    assert score["true_positive"] == score["findings"]
