"""The interval scale conditioned on recent volatility (monthly panels): a series
whose moves have grown in the last half season gets the wider interval its recent
moves call for; the pooled two-season scale, which weekly panels keep, does not."""

import numpy as np
import pandas as pd

from apps.crops.evaluation import PROTOCOL
from apps.crops.forecasting.backtest import PREFERENCE, BacktestConfig, _scales, decide
from apps.crops.forecasting.calendar import MONTHLY, WEEKLY
from apps.crops.forecasting.latest import PRODUCTION
from apps.crops.forecasting.panel import Panel

# ACI off: these tests isolate the scale (test_calibration covers the adaptive level,
# which would widen the two-season band too after its six misses).
CONFIG = BacktestConfig(horizon=1, step=1, windows=16, calibration_span=36, aci_gamma=0.0)
T = 60
CALM, JUMPY = 0.01, 0.08  # absolute log moves per month


def monthly_panel(moves: np.ndarray) -> Panel:
    """One monthly series of T log prices around log(100) whose k-th move (up and
    down in turn) has size ``moves[k]``."""
    signs = np.where(np.arange(T - 1) % 2 == 0, 1.0, -1.0)
    logp = np.log(100.0) + np.concatenate([[0.0], np.cumsum(signs * moves)])
    index = pd.date_range("2015-01-01", periods=T, freq="MS")
    empty = np.full((1, T), np.nan)
    return Panel(MONTHLY, index, ["s"], logp[None, :], empty, logp[None, :], ["s"])


def naive_records(panel: Panel, recent: bool) -> pd.DataFrame:
    """Every candidate is the naive one-step forecast, from origin 24 to T (the last
    one, at T, is the decision origin, with no actual yet)."""
    y = panel.logp[0]
    rows = []
    for origin in range(24, T + 1):
        actual = y[origin] if origin < T else np.nan
        rec = {"row": 0, "origin": origin, "h": 1, "target": origin}
        rec.update(actual=actual, last=y[origin - 1])
        rec.update({name: y[origin - 1] for name in PREFERENCE})
        rows.append(rec)
    records = pd.DataFrame(rows)
    records["scale"] = _scales(panel, records, recent=recent)
    return records


def half_width_at_decision(panel: Panel, recent: bool) -> float:
    chosen = decide(naive_records(panel, recent), {0: [T]}, CONFIG)
    row = chosen.iloc[0]
    return float(np.log(row.hi80 / row["mean"]))


def test_a_series_whose_moves_jumped_in_the_last_half_season_gets_a_wider_interval():
    moves = np.full(T - 1, CALM)
    moves[-6:] = JUMPY  # the last half season: moves eight times the usual
    panel = monthly_panel(moves)
    pooled = half_width_at_decision(panel, recent=False)
    recent = half_width_at_decision(panel, recent=True)
    # Two seasons of moves average (18 x 0.01 + 6 x 0.08) / 24 = 0.0275: the pooled
    # 80% interval would miss every one of the last six moves.
    assert pooled < JUMPY * 0.5
    assert recent >= JUMPY * 0.99
    assert recent > 2.5 * pooled


def test_a_series_that_has_just_calmed_keeps_its_two_season_scale():
    moves = np.full(T - 1, JUMPY)
    moves[-6:] = CALM
    panel = monthly_panel(moves)
    records = naive_records(panel, recent=True)
    assert np.allclose(records.scale, naive_records(panel, recent=False).scale)


def test_a_steady_series_gets_the_same_interval_either_way():
    panel = monthly_panel(np.full(T - 1, CALM))
    assert half_width_at_decision(panel, True) == half_width_at_decision(panel, False)


def test_monthly_panels_condition_on_recent_volatility_and_weekly_ones_do_not():
    for configs in (PROTOCOL, PRODUCTION):
        assert configs[MONTHLY].recent_volatility
        assert not configs[WEEKLY].recent_volatility
