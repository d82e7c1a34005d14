"""Daily or monthly points become regular series on a shared calendar.

Daily mandi prices become weekly: the mean of the days with a price above 0 in
each Monday–Sunday week; a week with no such day has no price (NaN), it is not
filled. Monthly files stay monthly. Weekly files stay weekly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

WEEKLY, MONTHLY = "weekly", "monthly"
SEASON = {WEEKLY: 52, MONTHLY: 12}


@dataclass
class RegularSeries:
    """One series on a regular calendar: ``prices`` is NaN where nothing traded."""

    frequency: str
    index: pd.DatetimeIndex  # week starts (Mondays) or month starts
    prices: np.ndarray
    arrivals: np.ndarray | None = None
    closing: np.ndarray | None = None  # the last day's price in each period

    @property
    def last_observed(self) -> int:
        valid = np.flatnonzero(~np.isnan(self.prices))
        return int(valid[-1]) if len(valid) else -1

    def trimmed(self) -> RegularSeries:
        """Without the empty periods before the first and after the last price."""
        valid = np.flatnonzero(~np.isnan(self.prices))
        if not len(valid):
            return self
        a, b = valid[0], valid[-1] + 1
        arr = self.arrivals[a:b] if self.arrivals is not None else None
        close = self.closing[a:b] if self.closing is not None else None
        return RegularSeries(self.frequency, self.index[a:b], self.prices[a:b], arr, close)


def detect_frequency(days: list[date]) -> str:
    """weekly for daily or weekly reporting, monthly for monthly reporting."""
    if len(days) < 3:
        return WEEKLY
    ordinals = np.sort(np.array([d.toordinal() for d in days]))
    gap = float(np.median(np.diff(ordinals)))
    return MONTHLY if gap >= 20 else WEEKLY


def period_start(index: pd.DatetimeIndex, frequency: str) -> pd.DatetimeIndex:
    if frequency == MONTHLY:
        return index.to_period("M").to_timestamp()
    return index.to_period("W-SUN").to_timestamp()  # weeks Monday–Sunday, labelled by Monday


def regularise(
    prices: Mapping[date, float | None],
    arrivals: Mapping[date, float | None] | None = None,
    frequency: str | None = None,
) -> RegularSeries:
    """Mean price per period over the days with a price above 0; arrivals summed."""
    days = [d for d, p in prices.items() if p is not None and p > 0]
    frequency = frequency or detect_frequency(days)
    if not days:
        return RegularSeries(frequency, pd.DatetimeIndex([]), np.array([]), None)
    s = pd.Series([prices[d] for d in days], index=pd.to_datetime(days))
    periods = period_start(s.index, frequency)
    grouped = s.sort_index().groupby(periods)
    means = grouped.mean()
    freq = "MS" if frequency == MONTHLY else "W-MON"
    index = pd.date_range(means.index.min(), means.index.max(), freq=freq)
    values = means.reindex(index).to_numpy(dtype=float)
    closing = grouped.last().reindex(index).to_numpy(dtype=float)
    arr = None
    if arrivals:
        a = pd.Series(
            [v for v in arrivals.values()], index=pd.to_datetime(list(arrivals.keys())), dtype=float
        ).dropna()
        if len(a):
            arr = a.groupby(period_start(a.index, frequency)).sum().reindex(index).to_numpy(float)
    return RegularSeries(frequency, index, values, arr, closing)


def share_calendar(series: Mapping[str, RegularSeries]) -> tuple[pd.DatetimeIndex, dict]:
    """Put series of one frequency on one calendar (NaN outside each series)."""
    starts = [s.index[0] for s in series.values() if len(s.index)]
    ends = [s.index[-1] for s in series.values() if len(s.index)]
    freq = "MS" if next(iter(series.values())).frequency == MONTHLY else "W-MON"
    index = pd.date_range(min(starts), max(ends), freq=freq)
    out = {}
    for sid, s in series.items():
        pos = index.get_indexer(s.index)
        prices = np.full(len(index), np.nan)
        prices[pos] = s.prices
        arr = close = None
        if s.arrivals is not None:
            arr = np.full(len(index), np.nan)
            arr[pos] = s.arrivals
        if s.closing is not None:
            close = np.full(len(index), np.nan)
            close[pos] = s.closing
        out[sid] = RegularSeries(s.frequency, index, prices, arr, close)
    return index, out


def coverage_last_two_years(s: RegularSeries) -> float:
    """Share of the periods of the series' last two years that have a price."""
    last = s.last_observed
    if last < 0:
        return 0.0
    n = SEASON[s.frequency] * 2
    window = s.prices[max(0, last - n + 1) : last + 1]
    return float(np.sum(~np.isnan(window))) / n
