"""The forecaster on synthetic series: shapes, honesty about short and stale
data, and intervals that contain what they claim (on a random walk)."""

from datetime import date, timedelta

import numpy as np
import pytest

from apps.crops.advisory_rule import best_option, options
from apps.crops.forecasting.backtest import BacktestConfig, decide, run_backtest
from apps.crops.forecasting.calendar import regularise
from apps.crops.forecasting.latest import forecast_latest
from apps.crops.forecasting.panel import build_panel


def walk(weeks: int, seed: int, start=date(2015, 1, 5), level=1000.0, vol=0.04):
    rng = np.random.default_rng(seed)
    logp = np.log(level) + np.cumsum(rng.normal(0, vol, weeks))
    return {start + timedelta(weeks=k): float(np.exp(v)) for k, v in enumerate(logp)}


@pytest.mark.slow
def test_it_forecasts_8_weeks_with_ordered_intervals_and_says_why_it_does_not():
    series = {
        "a": regularise(walk(300, 1)),
        "b": regularise(walk(300, 2)),
        "short": regularise(walk(10, 3, start=date(2020, 1, 6))),
        "stale": regularise(walk(200, 4)),  # ends 100 weeks before the others
        "flat": regularise({date(2015, 1, 5) + timedelta(weeks=k): 500.0 for k in range(300)}),
    }
    out = forecast_latest(series, {k: "g" for k in series})
    for sid in ("a", "b"):
        f = out[sid]
        assert f.status == "ok" and len(f.steps) == 8
        for s in f.steps:
            assert s["lo95"] <= s["lo80"] <= s["mean"] <= s["hi80"] <= s["hi95"]
        assert f.backtest["mae"] > 0
    assert out["short"].status == "too_short" and "at least" in out["short"].message
    assert out["stale"].status == "stale" and not out["stale"].steps
    assert out["flat"].status == "ok" and all(s["mean"] == 500.0 for s in out["flat"].steps)


@pytest.mark.slow
def test_conformal_80_percent_intervals_cover_about_80_percent_of_a_random_walk():
    series = {str(k): regularise(walk(260, 10 + k)) for k in range(6)}
    panel = build_panel(series, {k: "g" for k in series})
    config = BacktestConfig(horizon=4, step=4, windows=12, calibration_span=104)
    decisions = {i: [260 - 4 - 4 * j for j in range(10)] for i in range(6)}
    chosen = decide(run_backtest(panel, decisions, config), decisions, config)
    inside = ((chosen.actual >= chosen.lo80) & (chosen.actual <= chosen.hi80)).mean()
    assert 0.65 <= inside <= 0.95


def test_the_rule_sells_now_when_holding_only_adds_storage_cost():
    flat = [{"mean": 100.0, "lo80": 90.0, "hi80": 110.0}] * 4
    assert best_option(options(100.0, flat, storage_per_period=0.5)).periods == 0


def test_the_rule_holds_when_a_sure_rise_beats_storage():
    rising = [
        {"mean": 100.0 + 10 * h, "lo80": 99.0 + 10 * h, "hi80": 101.0 + 10 * h} for h in range(1, 5)
    ]
    pick = best_option(options(100.0, rising, storage_per_period=0.5))
    assert pick.periods == 4 and pick.expected_gain == pytest.approx(38.0)


def test_the_rule_does_not_gamble_on_an_uncertain_rise():
    risky = [{"mean": 103.0, "lo80": 70.0, "hi80": 140.0}] * 4
    assert best_option(options(100.0, risky, storage_per_period=0.5)).periods == 0


def _walk_panel(n: int, weeks: int = 160):
    series = {str(k): regularise(walk(weeks, 40 + k)) for k in range(n)}
    return build_panel(series, {k: "g" for k in series})


def test_local_fits_spread_over_processes_give_the_serial_forecasts(monkeypatch):
    from apps.crops.forecasting import local_models

    panel = _walk_panel(3)
    origins = {i: [120, 124, 128] for i in range(3)}
    monkeypatch.setattr(local_models, "_CHUNK", 1)
    options = {"input_size": 156, "refit_every": 2, "min_train": 20, "models": ("naive", "ets")}
    serial = local_models._serial(panel, origins, 4, **options)
    spread = local_models._parallel(panel, origins, 4, options, workers=2)
    assert spread is not None, "the worker processes did not run"
    assert list(spread) == list(serial)  # same keys in the same order
    for key, preds in serial.items():
        assert set(spread[key]) == {"naive", "ets"}
        for name, values in preds.items():
            np.testing.assert_allclose(spread[key][name], values)


def test_the_pooled_regression_refitted_by_block_never_sees_the_future():
    from apps.crops.forecasting.neighbours import NeighbourModel

    panel = _walk_panel(6)
    for origin in (130, 137):  # at the start of a 13-period block and inside one
        before = NeighbourModel(panel, 4, refit_every=13).predict(0, origin)
        changed = _walk_panel(6)
        changed.logp[:, origin:] += 0.5  # a jump after the origin, in every market
        after = NeighbourModel(changed, 4, refit_every=13).predict(0, origin)
        assert before is not None
        np.testing.assert_allclose(before, after)
