"""Forecast the next periods of many series at once (what the fit job stores).

Per frequency: one panel, a backtest over the last ``windows`` origins, the
candidate chosen per series from it, conformal intervals from the pooled
backtest errors, then the forecast from the end of each series.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from apps.crops.forecasting.backtest import MIN_HALF_WIDTH, BacktestConfig, decide, run_backtest
from apps.crops.forecasting.calendar import MONTHLY, WEEKLY, RegularSeries
from apps.crops.forecasting.panel import build_panel

log = logging.getLogger(__name__)

# Backtest depth chosen so that 1,000 weekly series select and fit in minutes on
# 2 cores: 12 origins 4 weeks apart (a year); each model is estimated once per series,
# at the first origin, and applied to the longer history at the later ones (forward);
# the pooled neighbour regression is re-estimated once per 13-week block (weekly panels
# are the large ones; monthly panels are small and keep a fit per origin).
PRODUCTION = {
    WEEKLY: BacktestConfig(
        horizon=8, step=4, windows=12, calibration_span=52, refit_every=13, neighbour_refit=13
    ),
    MONTHLY: BacktestConfig(
        horizon=3,
        step=1,
        windows=12,
        calibration_span=36,
        refit_every=13,
        recent_volatility=True,
    ),
}
MIN_PERIODS = {WEEKLY: 26, MONTHLY: 12}  # periods with a price
STALE_AFTER = {WEEKLY: 8, MONTHLY: 3}  # periods behind the newest data of the same kind
PERIOD_WORD = {WEEKLY: "weeks", MONTHLY: "months"}


@dataclass
class LatestForecast:
    status: str  # ok | too_short | stale | failed
    message: str = ""
    model: str = ""
    frequency: str = WEEKLY
    last_price: float | None = None
    history: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    backtest: dict = field(default_factory=dict)


def forecast_latest(
    series: Mapping[str, RegularSeries], groups: Mapping[str, str], *, history_periods: int = 104
) -> dict[str, LatestForecast]:
    """A forecast (or the reason there is none) for every series given."""
    out: dict[str, LatestForecast] = {}
    for frequency in (WEEKLY, MONTHLY):
        members = {s: r for s, r in series.items() if r.frequency == frequency and len(r.index)}
        if members:
            out.update(_forecast_frequency(members, groups, frequency, history_periods))
    for sid in series:
        out.setdefault(sid, LatestForecast("too_short", "There are no prices in this series yet."))
    return out


def _forecast_frequency(members, groups, frequency, history_periods) -> dict[str, LatestForecast]:
    config = PRODUCTION[frequency]
    panel = build_panel(members, groups)
    newest = max(panel.first_last(i)[1] for i in range(len(panel.sids)))
    decisions, out = {}, {}
    for i, sid in enumerate(panel.sids):
        first, last = panel.first_last(i)
        observed = int(np.sum(~np.isnan(panel.logp[i])))
        base = LatestForecast(
            "ok", frequency=frequency, history=_history(panel, i, last, history_periods)
        )
        base.last_price = round(float(np.exp(panel.logp[i, last])), 2)
        if observed < MIN_PERIODS[frequency]:
            base.status = "too_short"
            base.message = (
                f"Only {observed} {PERIOD_WORD[frequency]} with prices: at least "
                f"{MIN_PERIODS[frequency]} are needed for an honest forecast."
            )
        elif newest - last > STALE_AFTER[frequency]:
            base.status = "stale"
            base.message = (
                f"This market has not reported a price for {newest - last} "
                f"{PERIOD_WORD[frequency]} while others have: no forecast from old data."
            )
        elif np.nanmax(panel.logp[i]) - np.nanmin(panel.logp[i]) < 1e-9:
            base.status = "ok"
            base.model = "naive"
            base.message = "The price has never changed in this data; the forecast repeats it."
        else:
            decisions[i] = [last + 1]
        out[sid] = base
    if decisions:
        records = run_backtest(panel, decisions, config)
        chosen = decide(records, decisions, config)
        for i, g in chosen.groupby("row"):
            _fill(out[panel.sids[i]], g.sort_values("h"), panel)
    for sid, f in out.items():
        if f.status == "ok" and not f.steps and f.last_price:  # constant series
            i = panel.row(sid)
            last = panel.first_last(i)[1]
            # The narrowest band any forecast gets, never a band of zero width.
            half = [MIN_HALF_WIDTH * np.sqrt(h) for h in range(1, config.horizon + 1)]
            f.steps = [
                {
                    "start": _period_start(panel, last + h),
                    "mean": f.last_price,
                    "lo80": round(f.last_price * float(np.exp(-w)), 2),
                    "hi80": round(f.last_price * float(np.exp(w)), 2),
                    "lo95": round(f.last_price * float(np.exp(-1.5 * w)), 2),
                    "hi95": round(f.last_price * float(np.exp(1.5 * w)), 2),
                    "model": "naive",
                }
                for h, w in enumerate(half, start=1)
            ]
    return out


def _period_start(panel, pos: int) -> str:
    """The first day of period ``pos``, past the end of the calendar too."""
    if pos < len(panel.index):
        return panel.index[pos].date().isoformat()
    freq = "MS" if panel.frequency == MONTHLY else "W-MON"
    extra = pd.date_range(panel.index[-1], periods=pos - len(panel.index) + 2, freq=freq)
    return extra[-1].date().isoformat()


def _history(panel, i: int, last: int, periods: int) -> list:
    start = max(0, last - periods + 1)
    values = np.exp(panel.logp[i, start : last + 1])
    return [
        [panel.index[start + k].date().isoformat(), None if np.isnan(v) else round(float(v), 2)]
        for k, v in enumerate(values)
    ]


def _fill(f: LatestForecast, g, panel) -> None:
    first = g.iloc[0]
    f.model = str(first.chosen)
    f.steps = [
        {
            "start": _period_start(panel, int(r.target)),
            "mean": round(r.mean, 2),
            "lo80": round(r.lo80, 2),
            "hi80": round(r.hi80, 2),
            "lo95": round(r.lo95, 2),
            "hi95": round(r.hi95, 2),
            "model": str(r.model),  # naive where the chosen model is not shown better
        }
        for r in g.itertuples()
    ]
    if first.backtest_mae is not None and np.isfinite(first.backtest_mae):
        f.backtest = {
            "mae": round(float(first.backtest_mae), 2),
            "mae_naive": round(float(first.backtest_mae_naive), 2),
            "relative_error": round(float(first.backtest_mae) / f.last_price, 4),
        }
    if first.scored80:
        # How many of this market's 80% bands of the past year held (its backtest).
        f.backtest["held80"] = int(first.held80)
        f.backtest["scored80"] = int(first.scored80)
