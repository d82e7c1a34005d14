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


def test_a_door_the_reader_misses_is_still_narrowed(tmp_path, monkeypatch):
    """Doors to narrow come from the door-layer linework, not from the graded reader."""
    planter = load_planter()
    real = planter.build_plan

    def reader_missing_every_door(raw, storey=""):
        plan = real(raw, storey=storey)
        plan.doors = []
        return plan

    monkeypatch.setattr(planter, "build_plan", reader_missing_every_door)
    src = tmp_path / "floor.dxf"
    src.write_bytes(office_plan())
    found = [
        p
        for seed in range(6)
        for p in planter.plant_storey(src, tmp_path / f"p{seed}.dxf", seed)
        if p["class"] == "door_width"
    ]
    assert found, "no door was narrowed although the drawing has 18"
    assert all(p["element"].startswith("door-layer group") for p in found)


def test_the_evaluation_lists_every_attempted_class_with_zero_where_none_was_planted(tmp_path):
    import json

    from apps.compliance.evaluation import run_evaluation

    (tmp_path / "office__F1.dxf").write_bytes(office_plan(rooms_per_side=4))
    (tmp_path / "office__ifc-attributes.json").write_text(
        json.dumps({"storeys": [{"name": "F1", "dxf_file": "office__F1.dxf"}], "doors": []})
    )
    result = run_evaluation(tmp_path, seed=2, log=lambda msg: None)
    assert set(result["planted_by_class"]) == set(load_planter().CLASSES)
    assert result["planted_by_class"]["dead_end"] == 0  # both corridor ends have exits
    assert result["findings_without_measurement"] == 0


@pytest.mark.parametrize("seed", [0, 4])
def test_door_blocks_are_narrowed_too_and_found(tmp_path, seed):
    planted, score = plant_and_score(tmp_path, seed, rooms_per_side=4, door_w=0.9, door_blocks=True)
    doors = [(p, hit) for p, (_, hit) in zip(planted, score["planted"], strict=True)]
    narrowed = [hit for p, hit in doors if p["class"] == "door_width"]
    assert narrowed and all(narrowed), planted
    assert score["true_positive"] == score["findings"]
