"""Price bands that adapt to each series: adaptive conformal inference (ACI,
Gibbs and Candès, NeurIPS 2021), horizon by horizon, on top of the pooled
split-conformal radius.

The radius at an origin is a quantile of the scaled absolute errors of every
series of the panel whose targets are known at that origin (split conformal,
as before), but each series chooses the quantile's level itself: after each of
its own forecasts at step h whose target has become known, its miss rate
``a`` moves by ``gamma * (alpha - miss)``. A series that misses more often than
``alpha`` (prices that have just turned volatile, a market wilder than its
neighbours) asks for a higher quantile at once; one that is always inside asks
for a lower one. Only errors whose targets lie before the origin are used, so
the same walk gives the intervals of the backtest and of the forecast that is
stored. With ``pool_steps`` (in use, ``BacktestConfig.aci_pool_steps``) one miss
rate per coverage serves every step h, each outcome moving it by
``gamma / horizon``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

# Step size of the level. Gibbs and Candès use 0.005 on series thousands of steps
# long; a series here has tens of backtest forecasts per step h, so the level must
# move within a few misses. 0.05 (three misses in a row move an 80% level to about
# 0.92) was measured first and made the weekly interval score 5% worse on the
# development files (the level overshoots after a cluster of misses and comes back
# slowly); 0.02 (three misses: about 0.85) is in use. A choice made with sight of
# those files: see docs/FORECAST_NOTES.md.
GAMMA = 0.02
# The level never falls below this, so a calm run cannot shrink a band to nothing.
MIN_LEVEL = 0.5
COVERAGES = (0.80, 0.95)


def conformal_radius(scores: np.ndarray, coverage: float) -> float:
    """The split-conformal quantile of ``scores``: the ceil((n + 1) * coverage)-th
    smallest, so that a new exchangeable score is at most it with probability at
    least ``coverage`` (the plain empirical quantile covers a little less). A
    coverage the scores cannot reach gives the largest."""
    n = len(scores)
    # The tolerance keeps float error in (n + 1) * coverage from adding a rank.
    k = min(n, max(1, math.ceil((n + 1) * coverage - 1e-9)))
    return float(np.partition(scores, k - 1)[k - 1])


def aci_step(miss_rate: float, missed: bool, alpha: float, gamma: float = GAMMA) -> float:
    """Gibbs and Candès' update: a miss lowers the target miss rate (wider bands),
    a hit raises it (narrower)."""
    return miss_rate + gamma * (alpha - (1.0 if missed else 0.0))


def level_of(miss_rate: float) -> float:
    return min(1.0, max(MIN_LEVEL, 1.0 - miss_rate))


@dataclass
class Pending:
    target: int
    h: int
    score: float  # |actual - forecast| (log) of the forecast that was shown
    radii: tuple[float, ...]  # the half-widths shown (log), one per coverage
    learn: bool = True  # False for the wide bands shown before the pooled scores sufficed


@dataclass
class SeriesCalibration:
    """One series' ACI state: a miss rate per (step h, coverage), the forecasts
    shown whose targets are not yet known, and the record of which bands held."""

    horizon: int
    gamma: float = GAMMA
    # One miss rate per coverage shared by every step (each outcome moves it by
    # gamma / horizon, so a whole origin moves it as far as per-step ACI would): a
    # market that misses more than the others tends to do so at every step, and the
    # one-step outcomes, known first, then widen the longer steps' bands too.
    pool_steps: bool = False
    miss: dict = field(default_factory=dict)
    pending: list = field(default_factory=list)
    held: list = field(default_factory=list)  # (target, h, held80)

    def __post_init__(self):
        for h in range(1, self.horizon + 1):
            for c in COVERAGES:
                self.miss[self._key(h, c)] = 1.0 - c

    def _key(self, h: int, c: float) -> tuple[int, float]:
        return (0 if self.pool_steps else h, c)

    def learn(self, origin: int) -> None:
        """Update with every shown forecast whose target lies before ``origin``."""
        known = sorted((p for p in self.pending if p.target < origin), key=lambda p: p.target)
        self.pending = [p for p in self.pending if p.target >= origin]
        for p in known:
            if not np.isfinite(p.score):
                continue  # no price that period: nothing learned
            if not p.learn:
                continue  # a wide placeholder band, not one this method calibrated
            self.held.append((p.target, p.h, p.score <= p.radii[0]))
            gamma = self.gamma / self.horizon if self.pool_steps else self.gamma
            for c, r in zip(COVERAGES, p.radii, strict=True):
                key = self._key(p.h, c)
                self.miss[key] = aci_step(self.miss[key], p.score > r, 1.0 - c, gamma)

    def radii(self, h: int, scores: np.ndarray | None) -> tuple[float, ...]:
        """This series' radii at step h from the pooled scores known now (sorted or
        not); ``None`` or too few scores: a wide random-walk-like spread."""
        if scores is None:
            s = math.sqrt(h) * 1.6
            return tuple(s * z for z in (1.28, 1.96))
        out = []
        for c in COVERAGES:
            out.append(conformal_radius(scores, level_of(self.miss[self._key(h, c)])))
        # The 95% band is never narrower than the 80% band.
        return (out[0], max(out[1], out[0]))

    def show(
        self, target: int, h: int, score: float, radii: tuple[float, ...], *, learn: bool = True
    ) -> None:
        """A band shown at step h for ``target``: its score and half-widths, in the
        same units, are learned from once the target is known."""
        self.pending.append(Pending(target, h, score, radii, learn))

    def held_since(self, start: int, end: int) -> tuple[int, int]:
        """How many 80% bands with targets in [start, end) held, and of how many."""
        got = [ok for t, _h, ok in self.held if start <= t < end]
        return int(sum(got)), len(got)


__all__ = ["COVERAGES", "GAMMA", "SeriesCalibration", "aci_step", "conformal_radius", "level_of"]
