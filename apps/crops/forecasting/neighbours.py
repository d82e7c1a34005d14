"""A pooled regression over all series of one frequency: where will the price
be in h periods, relative to the last price, given its recent moves, its gap to
neighbouring markets of the same product, the neighbours' own move, last
years' seasonal change and the arrivals (supply) at the market.

One ridge regression per horizon, fitted on every (series, period) pair whose
target lies before the origin; it learns e.g. that a market far above its
neighbours tends to come back. It is a candidate like the local models and
enters the combinations; the backtest decides per series whether it is used.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from apps.crops.forecasting.panel import Panel, filled

FEATURES = (
    "r1",
    "r4",
    "spread",
    "group_move",
    "level_vs_year",
    "arrivals",
    "closing_gap",
    "seasonal",
)
RIDGE_LAMBDA = 10.0


def _fill_limit(panel: Panel) -> int:
    return 8 if panel.season > 12 else 3


def feature_cube(panel: Panel, horizon: int) -> np.ndarray:
    """features[h-1, i, t, k]: feature k of series i at period t for horizon h."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices are expected here
        return _feature_cube(panel, horizon)


def _feature_cube(panel: Panel, horizon: int) -> np.ndarray:
    n, T = panel.logp.shape
    limit = _fill_limit(panel)
    f = np.vstack([filled(row, limit) for row in panel.logp])
    groups = pd.Series(panel.groups)
    base = np.zeros((n, T, len(FEATURES) - 1))
    for i in range(n):
        s = pd.Series(f[i])
        others = groups.index[(groups == panel.groups[i]) & (groups.index != i)]
        g = (
            pd.Series(np.nanmedian(f[others], axis=0))
            if len(others)
            else pd.Series(np.nan, range(T))
        )
        arr = pd.Series(panel.arrivals[i]).ffill(limit=limit)
        base[i, :, 0] = s - s.shift(1)
        base[i, :, 1] = s - s.rolling(4, min_periods=2).mean().shift(1)
        base[i, :, 2] = s - g
        base[i, :, 3] = g - g.shift(1)
        base[i, :, 4] = s - s.rolling(panel.season, min_periods=panel.season // 2).mean()
        base[i, :, 5] = arr - arr.rolling(8, min_periods=3).mean().shift(1)
        # The last trading day against the period's mean: news the mean hides.
        base[i, :, 6] = panel.closing[i] - panel.logp[i]
    cube = np.zeros((horizon, n, T, len(FEATURES)), dtype=np.float32)
    S = panel.season
    for h in range(1, horizon + 1):
        cube[h - 1, :, :, :-1] = base
        seas = []
        for k in (1, 2, 3):
            fs = pd.DataFrame(f.T)
            seas.append((fs.shift(S * k - h) - fs.shift(S * k)).to_numpy().T)
        with np.errstate(all="ignore"):
            cube[h - 1, :, :, -1] = np.nanmean(np.stack(seas), axis=0)
    return np.nan_to_num(cube, nan=0.0, posinf=0.0, neginf=0.0)


class NeighbourModel:
    """Fits per origin on the panel's own past; predicts log-price forecasts."""

    def __init__(
        self, panel: Panel, horizon: int, *, window: int | None = None, refit_every: int = 1
    ):
        self.panel = panel
        self.horizon = horizon
        self.window = window or panel.season * 20
        # The pooled regression is re-estimated at most once per ``refit_every`` periods
        # (calendar-aligned, so every series of the panel shares the fit): an origin uses
        # the coefficients fitted on the data before the start of its block, never after it.
        # Twenty years of pooled rows barely move in a quarter; 1,000 series differ in their
        # origins, and a fit per distinct origin was most of the cost.
        self.refit_every = max(1, refit_every)
        self.cube = feature_cube(panel, horizon)
        self.last = np.vstack([filled(row, _fill_limit(panel)) for row in panel.logp])
        self._coef: dict[tuple[int, int], tuple] = {}

    def _fit(self, origin: int, h: int):
        key = (origin, h)
        if key in self._coef:
            return self._coef[key]
        lo, hi = max(0, origin - self.window), origin - h  # periods t with t + h < origin
        if hi <= lo:
            self._coef[key] = None
            return None
        target = self.panel.logp[:, lo + h : hi + h] - self.last[:, lo:hi]
        ok = ~np.isnan(target)
        coef = None
        if ok.sum() >= 50:
            X = self.cube[h - 1][:, lo:hi][ok].astype(float)
            y = target[ok]
            y = np.clip(y, *np.quantile(y, [0.01, 0.99]))
            mu, sd = X.mean(0), X.std(0) + 1e-9
            Xs = (X - mu) / sd
            ym = y.mean()
            beta = np.linalg.solve(Xs.T @ Xs + RIDGE_LAMBDA * np.eye(X.shape[1]), Xs.T @ (y - ym))
            coef = (mu, sd, beta, ym)
        self._coef[key] = coef
        return coef

    def predict(self, i: int, origin: int) -> np.ndarray | None:
        """Log forecasts for steps 1..horizon from data before ``origin``, or None."""
        t = origin - 1
        if t < 0 or np.isnan(self.last[i, t]):
            return None
        out = np.empty(self.horizon)
        block = origin - origin % self.refit_every
        for h in range(1, self.horizon + 1):
            coef = self._fit(block, h) if block > 0 else None
            if coef is None:
                coef = self._fit(origin, h)
            if coef is None:
                return None
            mu, sd, beta, ym = coef
            # The mean drift is left out: a pooled average move is not this market's.
            out[h - 1] = self.last[i, t] + ((self.cube[h - 1, i, t] - mu) / sd) @ beta
        return out
