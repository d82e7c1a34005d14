"""crops_eval: the fixed protocol on a small folder of files, JSON keys as the issue names them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.apps.crops.files import mandi_csv

KEYS = {
    "mae",
    "mae_naive",
    "mae_seasonal_naive",
    "mae_ratio_vs_naive",
    "mae_ratio_vs_naive_by_horizon",
    "coverage80",
    "coverage95",
    "coverage80_by_commodity",
    "forecasts_by_commodity",
    "interval_score80",
    "interval_score80_naive",
    "advisory_value_vs_sell_now",
    "series",
    "skipped",
    "seconds_per_series",
}


@pytest.mark.slow
def test_crops_eval_prints_one_json_line_with_the_protocol_keys(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "onion_state.csv").write_text(mandi_csv(days=1200, seed=3))
    (tmp_path / "garlic_town_arrival.csv").write_text("DATE,ARRIVAL\n2020-01-01,5\n")
    (tmp_path / "short_price.csv").write_text("DATE,PRICE\n2020-01-01,5\n2020-01-02,6\n")
    out = StringIO()
    call_command("crops_eval", "--data", str(tmp_path), "--json", stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert KEYS <= set(result)
    assert result["series"] == 3
    assert result["skipped"] == 2  # the arrivals-only file and the two-day series
    assert set(result["mae_ratio_vs_naive_by_horizon"]) == {"1", "2", "3", "4"}
    assert set(result["coverage80_by_commodity"]) == {"onion_state"}
    assert sum(result["forecasts_by_commodity"].values()) == result["forecasts"]
    assert 0 <= result["coverage80"] <= result["coverage95"] <= 1
    assert result["mae_ratio_vs_naive"] > 0


@pytest.mark.slow
def test_monthly_wfp_series_are_reported_under_monthly(tmp_path):
    from tests.conftest import shared_data

    source = shared_data("crops", "wfp", "wfp_food_prices_bgd_to2024-01.csv")
    lines = source.read_text().splitlines()
    # The header, the HXL tag row and the wholesale rows only: a few series, a quick test.
    (tmp_path / "wfp.csv").write_text(
        "\n".join(lines[:2] + [x for x in lines[2:] if ",Wholesale," in x])
    )
    out = StringIO()
    call_command("crops_eval", "--data", str(tmp_path), "--json", stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["series"] == 0 and result["monthly"]["series"] >= 3
    assert set(result["monthly"]["mae_ratio_vs_naive_by_horizon"]) == {"1", "2", "3"}
