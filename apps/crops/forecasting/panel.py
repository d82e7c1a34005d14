"""Many series of one frequency on one calendar, in log prices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from apps.crops.forecasting.calendar import SEASON, RegularSeries, share_calendar


@dataclass
class Panel:
    frequency: str
    index: pd.DatetimeIndex
    sids: list[str]
    logp: np.ndarray  # series x periods, NaN where no price
    arrivals: np.ndarray  # series x periods, NaN where unknown
    closing: np.ndarray  # series x periods: log of the last day's price in the period
    groups: list[str]  # which series are neighbours (same product)

    @property
    def season(self) -> int:
        return SEASON[self.frequency]

    def row(self, sid: str) -> int:
        return self.sids.index(sid)

    def first_last(self, i: int) -> tuple[int, int]:
        valid = np.flatnonzero(~np.isnan(self.logp[i]))
        return (int(valid[0]), int(valid[-1])) if len(valid) else (-1, -1)


def build_panel(series: Mapping[str, RegularSeries], groups: Mapping[str, str]) -> Panel:
    """A panel from regular series of one frequency; ``groups`` maps sid -> product label."""
    index, shared = share_calendar(series)
    sids = list(shared)
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = np.vstack([np.log(shared[s].prices) for s in sids])
        arrivals = np.vstack(
            [
                np.log1p(shared[s].arrivals)
                if shared[s].arrivals is not None
                else np.full(len(index), np.nan)
                for s in sids
            ]
        )
        closing = np.vstack(
            [
                np.log(shared[s].closing) if shared[s].closing is not None else logp[k]
                for k, s in enumerate(sids)
            ]
        )
    frequency = next(iter(shared.values())).frequency
    return Panel(frequency, index, sids, logp, arrivals, closing, [groups.get(s, s) for s in sids])


def filled(y: np.ndarray, limit: int | None = None) -> np.ndarray:
    """Carry the last price forward (at most ``limit`` periods)."""
    return pd.Series(y).ffill(limit=limit).to_numpy()


def training_window(y: np.ndarray, origin: int, input_size: int) -> np.ndarray:
    """The log prices before ``origin``, gaps inside interpolated and the tail carried
    forward, so that step h of a forecast lands on period origin + h - 1."""
    window = np.asarray(y[max(0, origin - input_size) : origin], dtype=float)
    valid = np.flatnonzero(~np.isnan(window))
    if not len(valid):
        return np.array([])
    window = window[valid[0] :]
    valid = valid - valid[0]
    if len(valid) == len(window):
        return window.copy()
    # Linear between known prices; np.interp holds the last price flat after it (ffill).
    return np.interp(np.arange(len(window)), valid, window[valid])
