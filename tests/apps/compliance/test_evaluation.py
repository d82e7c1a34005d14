import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import shared_data


@pytest.mark.slow
def test_the_evaluation_meets_its_targets_on_the_development_drawings():
    data = shared_data("drawings", "dxf-from-ifc")
    out = StringIO()
    call_command(
        "compliance_eval",
        "--data",
        str(data),
        "--json",
        "--seed",
        "3",
        stdout=out,
        stderr=StringIO(),
    )
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["door_recall"] >= 0.9 and result["door_width_within_30mm"] >= 0.9
    assert result["precision"] >= 0.9 and result["recall"] >= 0.85
    assert min(result["recall_by_class"].values()) >= 0.75
    assert result["false_findings_per_storey"] <= 1
    assert result["seconds_per_storey"] <= 10
    assert result["storeys"] == 10
    assert result["findings_without_measurement"] == 0


def test_doors_are_matched_one_to_one_within_100_mm():
    from apps.compliance.evaluation import match_doors

    pairs = match_doors([0.88, 1.0, 1.5], [1.01, 0.885, 2.0])
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_explanation_numbers_are_checked_against_the_finding():
    from apps.compliance.explain import check_numbers

    finding = {"measured": 0.75, "threshold": 0.815, "threshold_max": None}
    assert check_numbers("The door is 750 mm wide; 815 mm is required.", finding) == []
    assert check_numbers("The door is 0.70 m wide.", finding) == ["0.7 m"]


def test_a_door_explanation_may_state_the_clear_width_and_outline_of_its_finding():
    from apps.compliance.explain import check_numbers

    finding = {"measured": 0.885, "threshold": 0.815, "clear_m": 0.785, "outline_m": 1.037}
    text = "The opening is 885 mm, the clear width 785 mm, the drawn outline 1.037 m."
    assert check_numbers(text, finding) == []
    assert check_numbers("The clear width is 0.70 m.", finding) == ["0.7 m"]
