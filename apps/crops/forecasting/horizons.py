"""Which model serves which step: the chosen model at the steps where the
backtest shows it more accurate than naive (the last price repeated), naive at
the others.

At each step h, a one-sided Diebold-Mariano test of "the model's error is lower
than naive's" on the backtest origins before the decision origin (the same
window as the choice), with the HAC lag of that step's overlap at the origins'
actual spacing (``pooled_lag``); the steps are tested together with Holm's correction
(``correction="holm"``, the default; ``"closed"``: closed testing, measured
less powerful on the development files), so the chance of keeping the model at
any step where it is no better than naive stays at most ``selection_alpha``. A
model is kept only where it is shown better: weak evidence means naive.

With ``test="commodity"`` (the default) the per-origin loss difference is the
mean, over every series of the product group, of the difference in absolute
error relative to the price at the origin: one series' year of backtest is
a dozen origins, too few to show a small gain, while neighbouring markets of
one product share that gain. Averaging across series before the test keeps the
origins as the units, so markets that move together are not counted as
independent evidence. ``test="series"`` uses this series alone; ``test="none"``
serves the chosen model at every step.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from apps.crops.forecasting.evidence import dm_pvalue, overlap_lag

NAIVE = "naive"
TESTS = ("commodity", "series", "none")
CORRECTIONS = ("closed", "holm")


def holm(pvalues: dict[int, float], alpha: float) -> set[int]:
    """The keys whose null is rejected by Holm's step-down procedure."""
    ordered = sorted(pvalues.items(), key=lambda kv: kv[1])
    m = len(ordered)
    rejected = set()
    for k, (key, p) in enumerate(ordered):
        if p > alpha / (m - k):
            break
        rejected.add(key)
    return rejected


def closed_test(table: pd.DataFrame, lag: int, alpha: float) -> set[int]:
    """The steps (columns of ``table``: origins x steps, loss differences) whose
    null "no more accurate than naive at h" is rejected by closed testing (Marcus,
    Peritz and Gabriel, 1976): h is rejected when, for every set S of steps holding
    h, the one-sided DM test of the mean difference over S rejects at ``alpha``.
    Under the intersection null every step's expected difference is >= 0, so is
    their mean: each local test is valid and the family-wise error stays at most
    ``alpha``. Where a model's gain is shared by neighbouring steps (the usual
    case: one model, one set of neighbours) the pooled tests have far more power
    than Holm's, which is closed testing with Bonferroni's local tests."""
    steps = list(table.columns)
    single = {h: dm_pvalue(table[h].to_numpy(), lag) for h in steps}
    candidates = {h for h, p in single.items() if p <= alpha}
    rejected = set(candidates)
    for size in range(2, len(steps) + 1):
        for subset in combinations(steps, size):
            if not rejected & set(subset):
                continue
            mean = table[list(subset)].mean(axis=1, skipna=False).to_numpy()
            if dm_pvalue(mean, lag) > alpha:
                rejected -= set(subset)
    return rejected


def pooled_lag(origins: np.ndarray, h: int, step: int) -> int:
    """The HAC lag of step-h loss differences at these origins (sorted, unique): their
    forecasts share targets, and so errors, with the next ``overlap_lag(h, gap)``
    origins, where ``gap`` is the closest spacing. Markets of one product whose
    calendars differ (one reports a week later) put origins closer than ``step``:
    counting them as ``step`` apart treats overlapping forecasts as independent
    evidence. A step h shorter than the spacing needs no lag (the longest step's lag
    for every step over-corrects the short ones)."""
    gaps = np.diff(origins)
    gap = int(gaps.min()) if len(gaps) else step
    return overlap_lag(h, max(1, min(gap, step)))


def shown_better(
    past: pd.DataFrame,
    model: str,
    horizon: int,
    step: int,
    alpha: float,
    correction: str = "holm",
) -> set[int]:
    """The steps h at which ``model`` is shown more accurate than naive on ``past``
    (backtest rows with known targets, one or many series)."""
    if model == NAIVE or past.empty:
        return set()
    price = np.exp(past["last"].to_numpy())
    actual = np.exp(past["actual"].to_numpy())
    diff = (np.abs(np.exp(past[model].to_numpy()) - actual)) - np.abs(
        np.exp(past[NAIVE].to_numpy()) - actual
    )
    hs, origins = past["h"].to_numpy(), past["origin"].to_numpy()
    d = diff / price
    if correction == "closed":
        frame = pd.DataFrame({"h": hs, "origin": origins, "d": d})
        # One value per origin: the mean over the series (markets of one product move together).
        per_origin = frame.groupby(["h", "origin"]).d.mean()
        table = per_origin.unstack(0).reindex(columns=range(1, horizon + 1))
        return closed_test(table, pooled_lag(table.index.to_numpy(), horizon, step), alpha)
    pvalues = {}
    for h in range(1, horizon + 1):
        sel = hs == h
        if sel.any():
            # One value per origin, in time order: the mean over the series.
            unique, inverse = np.unique(origins[sel], return_inverse=True)
            means = np.bincount(inverse, weights=d[sel]) / np.bincount(inverse)
            pvalues[h] = dm_pvalue(means, pooled_lag(unique, h, step))
        else:
            pvalues[h] = 1.0
    return holm(pvalues, alpha)


class HorizonChoice:
    """Per decision: the model serving each step. Pooled tests are cached per
    (product group, origin, model), as every series of a group shares them."""

    def __init__(self, records: pd.DataFrame, config, test: str = "commodity"):
        if test not in TESTS:
            raise ValueError(f"unknown horizon test {test!r}; one of {TESTS}")
        self.config = config
        self.test = test
        self.known = records[records.actual.notna()]
        self.by_group = dict(tuple(self.known.groupby("group"))) if "group" in records else {}
        self.cache: dict[tuple, set[int]] = {}

    def _window(self, rows: pd.DataFrame, origin: int) -> pd.DataFrame:
        c = self.config
        return rows[(rows.target < origin) & (rows.origin >= origin - c.step * c.windows)]

    def served(self, own: pd.DataFrame, group: str, model: str, origin: int) -> dict[int, str]:
        c = self.config
        steps = range(1, c.horizon + 1)
        if self.test == "none" or model == NAIVE:
            return {h: model for h in steps}
        if self.test == "commodity" and group in self.by_group:
            key = (group, origin, model)
            if key not in self.cache:
                past = self._window(self.by_group[group], origin)
                self.cache[key] = shown_better(past, model, c.horizon, c.step, c.selection_alpha)
            better = self.cache[key]
        else:
            past = self._window(own[own.actual.notna()], origin)
            better = shown_better(
                past, model, c.horizon, c.step, c.selection_alpha, c.horizon_correction
            )
        return {h: model if h in better else NAIVE for h in steps}


__all__ = ["HorizonChoice", "closed_test", "holm", "pooled_lag", "shown_better"]
