"""Split-conformal intervals: the finite-sample quantile level, and a score that
does not carry the past errors' bias into the intervals."""

import numpy as np
import pandas as pd

from apps.crops.forecasting.backtest import (
    BacktestConfig,
    conformal_quantiles,
    conformal_radius,
)

CONFIG = BacktestConfig(horizon=1, step=1, windows=16, calibration_span=36)


def test_the_radius_is_the_ceil_n_plus_1_times_coverage_th_smallest_score():
    scores = np.arange(1.0, 10.0)  # n = 9: rank ceil(10 * 0.8) = 8, not 7.4 interpolated
    assert conformal_radius(scores, 0.80) == 8.0
    assert conformal_radius(scores, 0.95) == 9.0  # rank 10 > n: the largest


def test_the_radius_covers_at_least_as_designed_with_few_calibration_scores():
    # With 10 scores the plain empirical 80% quantile covers about 75% of new scores;
    # the conformal rank covers 9/11 = 82% whatever the distribution.
    rng = np.random.default_rng(0)
    calibration = np.abs(rng.standard_t(3, size=(20000, 10)))
    new = np.abs(rng.standard_t(3, size=20000))
    radii = np.array([conformal_radius(c, 0.80) for c in calibration])
    assert 0.80 <= (new <= radii).mean() <= 0.84


def one_signed_records(bias: float, n: int = 60) -> pd.DataFrame:
    """Past one-step forecasts of a log price, all missing low by ``bias`` scales
    (plus noise): a run of rising prices the forecasts lagged behind."""
    rng = np.random.default_rng(1)
    scale = 0.05
    origin = np.arange(n)
    actual = np.log(100.0) + 0.01 * origin
    z = bias + rng.normal(0, 0.5, n)
    return pd.DataFrame(
        {
            "row": 0,
            "origin": origin,
            "h": 1,
            "target": origin,
            "actual": actual,
            "scale": scale,
            "naive": actual - z * scale,
        }
    )


def test_an_interval_is_symmetric_around_its_forecast_after_one_signed_errors():
    q = conformal_quantiles(one_signed_records(bias=2.0), "naive", 60, CONFIG)[1]
    # Signed quantiles would put both 80% ends above the forecast (about +1.4 and
    # +2.6 scales), so a turn in prices would fall outside; the absolute score keeps
    # the forecast inside and widens instead.
    assert q[10] == -q[90] and q[2.5] == -q[97.5]
    assert q[10] < -2.0 < 2.0 < q[90] <= q[97.5]


def test_too_few_calibration_errors_give_the_wide_fallback():
    q = conformal_quantiles(one_signed_records(bias=0.0, n=20), "naive", 20, CONFIG)[1]
    assert q[90] == 1.28 * 1.6
