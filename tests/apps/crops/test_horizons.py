"""Which model serves which step (apps/crops/forecasting/horizons.py): naive
wherever the chosen model is not shown better than naive at that step."""

import numpy as np
import pandas as pd
import pytest

from apps.crops.forecasting.backtest import BacktestConfig
from apps.crops.forecasting.horizons import (
    HorizonChoice,
    closed_test,
    holm,
    pooled_lag,
    shown_better,
)

CONFIG = BacktestConfig(horizon=2, step=1, windows=30, calibration_span=52)


def records(gain_by_h: dict[int, float], n_series=3, origins=30, noise=0.01, seed=0):
    """Backtest rows where "combo" misses by (naive's miss - gain) at each step:
    a positive gain is a better model at that step, a negative one a worse."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_series):
        for o in range(100, 100 + origins):
            for h, gain in gain_by_h.items():
                naive_miss = 0.05 + abs(rng.normal(0, noise))
                combo_miss = max(naive_miss - gain + rng.normal(0, noise), 0.0)
                actual = np.log(100.0)
                rows.append(
                    {
                        "row": i,
                        "group": "onion",
                        "origin": o,
                        "h": h,
                        "target": o + h - 1,
                        "actual": actual,
                        "last": actual,
                        "naive": actual + naive_miss,
                        "combo": actual - combo_miss,
                    }
                )
    return pd.DataFrame(rows)


def test_holm_rejects_step_down_and_stops_at_the_first_that_fails():
    # 0.001 <= 0.05 / 3, then 0.03 > 0.05 / 2: stop, 0.04 is not tried.
    assert holm({1: 0.001, 2: 0.03, 3: 0.04}, 0.05) == {1}
    # 0.01 <= 0.05 / 2, then 0.02 <= 0.05 / 1 (Bonferroni would keep only the first).
    assert holm({2: 0.02, 1: 0.01}, 0.05) == {1, 2}
    assert holm({1: 0.2, 2: 0.3}, 0.05) == set()


@pytest.mark.parametrize("correction", ["closed", "holm"])
def test_a_model_better_at_one_week_and_worse_at_two_serves_only_the_first(correction):
    past = records({1: 0.02, 2: -0.01})
    assert shown_better(past, "combo", 2, 1, 0.05, correction) == {1}


def test_closed_testing_keeps_a_step_only_if_every_set_holding_it_is_shown_better():
    rng = np.random.default_rng(4)
    n = 40
    better = rng.normal(-0.01, 0.01, n)  # clearly better
    worse = rng.normal(0.03, 0.01, n)  # clearly worse, and by more
    table = pd.DataFrame({1: better, 2: worse})
    # Step 1 alone is shown better, but {1, 2} together is not: closed testing
    # keeps step 1 only if the pair is rejected too.
    assert closed_test(table, 0, 0.05) == set()
    table = pd.DataFrame({1: better, 2: better + rng.normal(0, 0.002, n)})
    assert closed_test(table, 0, 0.05) == {1, 2}


def test_closed_testing_finds_a_gain_shared_by_steps_that_holm_misses():
    # Each step's p-value lies between 0.025 and 0.05: Holm (first at 0.05 / 2)
    # keeps neither, closed testing keeps both when their mean is shown better.
    from apps.crops.forecasting.evidence import dm_pvalue

    for seed in range(200):
        rng = np.random.default_rng(seed)
        table = pd.DataFrame({h: rng.normal(-0.006, 0.02, 30) for h in (1, 2)})
        p = {h: dm_pvalue(table[h].to_numpy()) for h in (1, 2)}
        if all(0.025 < v <= 0.05 for v in p.values()):
            assert holm(p, 0.05) == set()
            if dm_pvalue(table.mean(axis=1).to_numpy()) <= 0.05:
                assert closed_test(table, 0, 0.05) == {1, 2}
                return
    pytest.fail("no example drawn")


def test_a_gain_too_small_for_the_noise_is_not_shown():
    past = records({1: 0.001, 2: 0.001}, noise=0.05, origins=12)
    assert shown_better(past, "combo", 2, 1, 0.05) == set()


@pytest.mark.parametrize("test", ["commodity", "series"])
def test_the_steps_not_shown_better_are_served_by_naive(test):
    past = records({1: 0.02, 2: -0.01})
    choice = HorizonChoice(past, CONFIG, test)
    own = past[past.row == 0]
    assert choice.served(own, "onion", "combo", 130) == {1: "combo", 2: "naive"}


def test_without_the_test_the_chosen_model_serves_every_step():
    past = records({1: 0.02, 2: -0.01})
    choice = HorizonChoice(past, CONFIG, "none")
    assert choice.served(past[past.row == 0], "onion", "combo", 130) == {1: "combo", 2: "combo"}


def test_only_targets_before_the_origin_count():
    past = records({1: 0.02, 2: 0.02})
    choice = HorizonChoice(past, CONFIG, "commodity")
    # At origin 102 only two origins' step-1 errors are known: too few to show anything.
    assert choice.served(past[past.row == 0], "onion", "combo", 102) == {1: "naive", 2: "naive"}


def test_the_hac_lag_follows_the_spacing_of_the_pooled_origins():
    regular = np.arange(100, 164, 4)  # one weekly calendar: origins 4 weeks apart
    interleaved = np.sort(np.concatenate([regular, regular + 1]))  # a market a week later
    # 4-week forecasts from origins 4 apart share no target: no lag at any step.
    assert [pooled_lag(regular, h, 4) for h in (1, 2, 3, 4)] == [0, 0, 0, 0]
    # One week apart, a 4-week forecast shares 3 weeks with the next three origins.
    assert [pooled_lag(interleaved, h, 4) for h in (1, 2, 3, 4)] == [0, 1, 2, 3]
    # Monthly origins a month apart: step h overlaps the next h - 1 (not the longest step's 2).
    assert [pooled_lag(np.arange(50, 66), h, 1) for h in (1, 2, 3)] == [0, 1, 2]


def test_overlapping_origins_of_two_markets_are_not_counted_as_independent_evidence():
    # Two markets a week apart: 32 origins one week apart, each 4-week loss difference
    # the sum of the weekly shocks it spans (no real gain). With lag 0 the test finds
    # a "better" model far more often than 5%; with the spacing's lag it does not.
    from apps.crops.forecasting.evidence import dm_pvalue

    rng = np.random.default_rng(0)
    origins = np.arange(32)
    lag = pooled_lag(origins, 4, 4)
    shown = {0: 0, lag: 0}
    for _ in range(400):
        weeks = rng.normal(0, 0.01, 35)
        d = np.array([weeks[o : o + 4].sum() for o in origins])
        for k in shown:
            shown[k] += dm_pvalue(d, k) <= 0.05
    assert lag == 3
    assert shown[0] / 400 > 0.12
    assert shown[lag] / 400 < 0.09
