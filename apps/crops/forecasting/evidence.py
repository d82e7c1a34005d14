"""Is one forecaster really more accurate than another on a series' backtest?

The Diebold–Mariano test (Diebold and Mariano, 1995) with the small-sample
correction of Harvey, Leybourne and Newbold (1997): the mean loss difference
over the backtest origins, divided by its standard error allowing for the
overlap of forecasts whose horizons reach past the next origin, compared with
Student's t. A short or noisy backtest gives a large p-value, so a candidate
that only looks better by luck is not chosen.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats


def overlap_lag(horizon: int, step: int) -> int:
    """Origins ``step`` apart forecasting ``horizon`` periods share targets with this
    many following origins, so their loss differences are correlated up to this lag."""
    return max(0, math.ceil(horizon / step) - 1)


def dm_pvalue(loss_diff: np.ndarray, lag: int = 0) -> float:
    """One-sided p-value of "the first forecaster has the lower expected loss" from
    ``loss_diff`` (its loss minus the other's, one value per origin, in time order).
    1.0 where there are too few origins to say anything."""
    d = np.asarray(loss_diff, dtype=float)
    d = d[np.isfinite(d)]
    n = len(d)
    k = lag + 1  # the forecast horizon in origins, as in Harvey et al.
    correction = (n + 1 - 2 * k + k * (k - 1) / n) / n if n else 0.0
    if n < 3 or correction <= 0:
        return 1.0
    mean = float(d.mean())
    x = d - mean
    autocov = [float(x[j:] @ x[: n - j]) / n for j in range(min(lag, n - 1) + 1)]
    variance = autocov[0] + 2 * sum(autocov[1:])
    if variance <= 0:  # the truncated sum can be negative; Bartlett weights cannot
        variance = autocov[0] + 2 * sum(
            (1 - j / (lag + 1)) * c for j, c in enumerate(autocov[1:], start=1)
        )
    if variance <= 0:  # the same difference at every origin
        return 0.0 if mean < 0 else 1.0
    statistic = mean / math.sqrt(variance / n) * math.sqrt(correction)
    return float(stats.t.cdf(statistic, df=n - 1))


__all__ = ["dm_pvalue", "overlap_lag"]
