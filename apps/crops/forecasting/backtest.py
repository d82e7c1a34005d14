"""Rolling-origin backtest: every candidate forecasts from many past origins;
at a decision origin the candidate with the lowest recent error on this series
is chosen when the backtest shows it beats the default with enough evidence, and
its intervals come from the errors of its past forecasts
(split conformal, pooled over the series of the panel after scaling each error
by its series' volatility, so a calm series gets narrow intervals). The score is
the absolute scaled error, so an interval is symmetric (in log price) around the
forecast: signed error quantiles would carry the past errors' bias forward, and
when prices turn (a spike, then a fall) that stale bias makes the intervals miss
on the other side.

Only forecasts whose target lies before the decision origin are used for the
choice and the intervals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from apps.crops.forecasting.calibration import GAMMA, SeriesCalibration, conformal_radius
from apps.crops.forecasting.evidence import dm_pvalue, overlap_lag
from apps.crops.forecasting.horizons import HorizonChoice
from apps.crops.forecasting.local_models import local_forecasts
from apps.crops.forecasting.neighbours import NeighbourModel
from apps.crops.forecasting.panel import Panel, filled

COMBINATIONS = {
    "combo": ("ets", "theta", "arima", "neighbours"),
    "combo_local": ("ets", "theta", "arima"),
    "neighbours_naive": ("neighbours", "naive"),
}
# The first is the default (itself half naive); when backtest errors tie, prefer the
# simpler or more robust candidate.
PREFERENCE = (
    "neighbours_naive",
    "combo",
    "naive",
    "neighbours",
    "combo_local",
    "ets",
    "theta",
    "arima",
    "seasonal_naive",
)
LEVELS = (80, 95)
MIN_CALIBRATION = 30


@dataclass
class BacktestConfig:
    horizon: int
    step: int
    windows: int  # backtest origins before each decision origin used for choice
    calibration_span: int  # how far back (periods) pooled conformal errors reach
    input_size: int = 156
    refit_every: int = 4
    # The chance of leaving the default for a candidate that is not more accurate
    # (one-sided Diebold-Mariano test, shared by the candidates: Bonferroni).
    selection_alpha: float = 0.05
    neighbour_refit: int = 1  # periods between re-estimations of the pooled regression
    # Scale each error by the larger of the two-season and the last half-season mean
    # absolute move (see ``_scales``), so that a series whose prices have recently
    # become more volatile gets the wider interval its recent moves call for. On for
    # monthly panels; weekly panels keep the two-season scale (measured: README,
    # "Per-commodity coverage").
    recent_volatility: bool = False
    # Per step: naive unless the chosen model is shown better than naive there
    # (apps/crops/forecasting/horizons.py): "commodity", "series" or "none".
    horizon_test: str = "commodity"
    horizon_correction: str = "holm"  # or "closed" (horizons.py)
    aci_gamma: float = GAMMA  # 0: the pooled radius alone, as before ACI
    aci_pool_steps: bool = True  # one ACI level per series for every step (calibration.py)


def origins_for(decisions: list[int], config: BacktestConfig) -> list[int]:
    """Decision origins plus the backtest origins before the earliest one."""
    first = min(decisions)
    extra = [first - config.step * k for k in range(1, config.windows + 1)]
    return sorted({o for o in extra + list(decisions) if o > 0})


RECORD_COLUMNS = ("row", "origin", "h", "target", "actual", "last", "scale", "group")


def run_backtest(
    panel: Panel, decisions: dict[int, list[int]], config: BacktestConfig
) -> pd.DataFrame:
    """One row per (series row, origin, step h) with every candidate's log forecast."""
    origins = {i: origins_for(ds, config) for i, ds in decisions.items() if ds}
    local = local_forecasts(
        panel,
        origins,
        config.horizon,
        input_size=config.input_size,
        refit_every=config.refit_every,
    )
    neigh = NeighbourModel(panel, config.horizon, refit_every=config.neighbour_refit)
    last = np.vstack([filled(row) for row in panel.logp])
    rows = []
    for (i, origin), preds in local.items():
        _add_pooled_candidates(preds, neigh.predict(i, origin))
        rows += _step_records(panel, last, i, origin, preds, config.horizon)
    if not rows:
        return pd.DataFrame(columns=[*RECORD_COLUMNS, *PREFERENCE])
    records = pd.DataFrame(rows)
    for name in PREFERENCE:
        if name not in records:
            records[name] = np.nan
        records[name] = records[name].fillna(records["naive"])
    records["scale"] = _scales(panel, records, recent=config.recent_volatility)
    records["group"] = [panel.groups[i] for i in records["row"]]
    records.attrs["season"] = panel.season  # how far back "the past year" reaches
    return records


def _add_pooled_candidates(preds: dict, neighbours: np.ndarray | None) -> None:
    """Add the neighbouring-market forecast (when it is finite) and the combinations
    whose every part is there to one origin's local forecasts."""
    if neighbours is not None and np.all(np.isfinite(neighbours)):
        preds["neighbours"] = neighbours
    for name, parts in COMBINATIONS.items():
        have = [preds[p] for p in parts if p in preds]
        if len(have) == len(parts):
            preds[name] = np.mean(have, axis=0)


def _step_records(panel: Panel, last, i: int, origin: int, preds: dict, horizon: int) -> list:
    """One record per step ahead; a candidate's non-finite forecast falls back to the
    last price."""
    T = panel.logp.shape[1]
    rows = []
    for h in range(1, horizon + 1):
        target = origin + h - 1
        rec = {
            "row": i,
            "origin": origin,
            "h": h,
            "target": target,
            "actual": panel.logp[i, target] if target < T else np.nan,
            "last": last[i, origin - 1],
        }
        for name, values in preds.items():
            v = float(values[h - 1])
            rec[name] = v if np.isfinite(v) else rec["last"]
        rows.append(rec)
    return rows


def _scales(panel: Panel, records: pd.DataFrame, *, recent: bool = False) -> np.ndarray:
    """Each series' typical one-period log move over the two seasons before the origin.

    With ``recent``, the larger of that and the mean absolute move over the last half
    season (the last ``season // 2`` moves): a two-season mean reacts slowly when a
    calm series turns volatile (six volatile months among 24 count a quarter), and
    the pooled scores, calibrated mostly on series in their usual state, then give
    it an interval too narrow for its current moves. Taking the larger only widens:
    a series that has just calmed keeps its two-season scale, as one calm half
    season is weak evidence that the volatility is over.
    """
    out = np.empty(len(records))
    cache: dict[tuple[int, int], float] = {}
    span = panel.season * 2
    half = max(panel.season // 2, 4)
    for k, (i, origin) in enumerate(zip(records["row"], records["origin"], strict=True)):
        key = (i, origin)
        if key not in cache:
            y = filled(panel.logp[i, max(0, origin - span) : origin])
            moves = np.abs(np.diff(y))
            finite = np.isfinite(moves)
            scale = float(np.mean(moves[finite])) if finite.sum() >= 4 else 0.05
            if recent:
                last = moves[-half:]
                last = last[np.isfinite(last)]
                if len(last) >= 4:
                    scale = max(scale, float(np.mean(last)))
            cache[key] = max(scale, 0.005)
        out[k] = cache[key]
    return out


def _mean_by(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The mean of ``values`` per key, in increasing key order (a groupby mean)."""
    _, inverse = np.unique(keys, return_inverse=True)
    return np.bincount(inverse, weights=values) / np.bincount(inverse)


def choose(records: pd.DataFrame, i: int, origin: int, config: BacktestConfig) -> tuple[str, dict]:
    """The default, unless the candidate with the lowest price MAE on this series'
    recent backtest is shown more accurate (``records`` may be this series' rows only).

    Picking the best of several candidates on a short backtest favours one that was
    lucky; so the best replaces the default only when a Diebold-Mariano test of their
    per-origin error differences rejects equal accuracy at ``selection_alpha`` divided
    by the number of candidates (Bonferroni). Weak evidence keeps the default.
    """
    # numpy, not pandas: this runs at every backtest origin of every series.
    actual_log = records["actual"].to_numpy()
    origins = records["origin"].to_numpy()
    mask = (
        (records["row"].to_numpy() == i)
        & (records["target"].to_numpy() < origin)
        & ~np.isnan(actual_log)
        & (origins >= origin - config.step * config.windows)
    )
    default = PREFERENCE[0]
    if mask.sum() < config.horizon:
        return default, {}
    actual = np.exp(actual_log[mask])
    abs_errors = {
        name: np.abs(np.exp(records[name].to_numpy()[mask]) - actual) for name in PREFERENCE
    }
    errors = {name: float(np.mean(e)) for name, e in abs_errors.items()}
    best = min(PREFERENCE, key=lambda name: (errors[name], PREFERENCE.index(name)))
    if best == default or not errors[best] < errors[default]:
        return default, errors
    by_origin = _mean_by(origins[mask], abs_errors[best] - abs_errors[default])
    p = dm_pvalue(by_origin, overlap_lag(config.horizon, config.step))
    if p < config.selection_alpha / (len(PREFERENCE) - 1):
        return best, errors
    return default, errors


def conformal_quantiles(
    records: pd.DataFrame, model: str, origin: int, config: BacktestConfig
) -> dict:
    """Quantiles of scaled log errors of ``model`` per step h, from forecasts whose
    target lies before ``origin`` (all series of the panel pooled): -r and +r for the
    split-conformal radius r of the absolute scaled errors at 80% and 95%."""
    past = records[
        (records.target < origin)
        & records.actual.notna()
        & (records.origin >= origin - config.calibration_span)
    ]
    out = {}
    for h in range(1, config.horizon + 1):
        ph = past[past.h == h]
        z = np.abs(((ph.actual - ph[model]) / ph.scale).to_numpy())
        if len(z) < MIN_CALIBRATION:
            # Not enough history yet: a random-walk-like spread, wide on purpose.
            s = np.sqrt(h) * 1.6
            out[h] = {10: -1.28 * s, 90: 1.28 * s, 2.5: -1.96 * s, 97.5: 1.96 * s}
        else:
            r80, r95 = conformal_radius(z, 0.80), conformal_radius(z, 0.95)
            out[h] = {10: -r80, 90: r80, 2.5: -r95, 97.5: r95}
    return out


def pooled_scores(
    records: pd.DataFrame, model: str, origin: int, config: BacktestConfig
) -> dict[int, np.ndarray | None]:
    """Per step h, the absolute scaled log errors of ``model`` on every series of the
    panel whose targets lie before ``origin``; None where fewer than MIN_CALIBRATION."""
    past = records[
        (records.target < origin)
        & records.actual.notna()
        & (records.origin >= origin - config.calibration_span)
    ]
    out: dict[int, np.ndarray | None] = {}
    for h, ph in past.groupby("h"):
        z = np.abs(((ph.actual - ph[model]) / ph.scale).to_numpy())
        out[int(h)] = z if len(z) >= MIN_CALIBRATION else None
    return out


# A band is never narrower than this many log units per sqrt(step) on each side
# (about 1% of the price a week ahead): a run of identical prices gives zero errors
# and a zero scale, and a band of zero width would claim a certainty no market has.
MIN_HALF_WIDTH = 0.01


def decide(
    records: pd.DataFrame, decisions: dict[int, list[int]], config: BacktestConfig
) -> pd.DataFrame:
    """For each decision origin: the served model's forecast per step and its 80%/95%
    intervals (prices), with how often this series' past 80% bands held.

    Each series walks forward over all its backtest origins: at each, the model is
    chosen (``choose``), naive serves the steps where that model is not shown better
    (``HorizonChoice``), and the band is the pooled conformal radius at the level
    this series' ACI state asks for (``SeriesCalibration``), which then learns from
    the bands it showed once their targets are known.
    """
    walk = _Walk(records, config)
    by_row = dict(tuple(records.groupby("row")))
    out = []
    for i, wanted in decisions.items():
        own = by_row.get(i)
        if own is not None and wanted:
            out += walk.series(i, own, set(wanted))
    return pd.DataFrame(out)


class _Walk:
    """What every series' walk shares: the step choice and the pooled scores, which
    are computed once per (model, origin) over the whole panel."""

    def __init__(self, records: pd.DataFrame, config: BacktestConfig):
        self.records, self.config = records, config
        self.horizons = HorizonChoice(records, config, config.horizon_test)
        self.season = int(records.attrs.get("season", 52))
        self._scores: dict[tuple[str, int], dict] = {}

    def scores(self, name: str, origin: int) -> dict:
        if (name, origin) not in self._scores:
            self._scores[(name, origin)] = pooled_scores(self.records, name, origin, self.config)
        return self._scores[(name, origin)]

    def series(self, i: int, own: pd.DataFrame, wanted: set[int]) -> list[dict]:
        """Walk one series forward to its last decision origin; the rows of the wanted ones."""
        config = self.config
        group = str(own.group.iloc[0]) if "group" in own else ""
        calibration = SeriesCalibration(
            config.horizon, gamma=config.aci_gamma, pool_steps=config.aci_pool_steps
        )
        # numpy columns, not itertuples: this runs at every backtest origin.
        col = {c: own[c].to_numpy() for c in ("origin", "h", "target", "actual", "last", "scale")}
        col.update({name: own[name].to_numpy() for name in PREFERENCE})
        last_decision = max(wanted)
        out = []
        for origin in np.unique(col["origin"]):
            origin = int(origin)
            if origin > last_decision:
                break
            calibration.learn(origin)
            model, errors = choose(own, i, origin, config)
            served = self.horizons.served(own, group, model, origin)
            held = calibration.held_since(origin - self.season, origin)
            for k in np.flatnonzero(col["origin"] == origin):
                h = int(col["h"][k])
                name = served[h]
                scores = self.scores(name, origin).get(h)
                widths = _band(calibration.radii(h, scores), float(col["scale"][k]), h)
                mean, actual = float(col[name][k]), float(col["actual"][k])
                target = int(col["target"][k])
                calibration.show(target, h, abs(actual - mean), widths, learn=scores is not None)
                if origin in wanted:
                    served_as = (name, model, mean, widths)
                    out.append(_decision_row(col, k, i, origin, served_as, errors, held))
        return out


def _band(radii: tuple[float, float], scale: float, h: int) -> tuple[float, float]:
    """The 80% and 95% half-widths in log units: the scaled radii, never below the floor."""
    r80, r95 = radii
    floor = MIN_HALF_WIDTH * np.sqrt(h)
    w80 = max(r80 * scale, floor)
    return w80, max(r95 * scale, w80, floor * 1.5)


def _decision_row(col: dict, k: int, i: int, origin: int, served_as, errors, held) -> dict:
    """One served step as prices: the forecast, its bands, the actual and the baselines,
    with the model chosen, its backtest error and how often the past 80% bands held."""
    name, chosen, mean, (w80, w95) = served_as
    actual = float(col["actual"][k])
    return {
        "row": i,
        "origin": origin,
        "h": int(col["h"][k]),
        "target": int(col["target"][k]),
        "model": name,
        "chosen": chosen,
        "actual": float(np.exp(actual)) if np.isfinite(actual) else np.nan,
        "last": float(np.exp(col["last"][k])),
        "mean": float(np.exp(mean)),
        "lo80": float(np.exp(mean - w80)),
        "hi80": float(np.exp(mean + w80)),
        "lo95": float(np.exp(mean - w95)),
        "hi95": float(np.exp(mean + w95)),
        "naive": float(np.exp(col["naive"][k])),
        "seasonal_naive": float(np.exp(col["seasonal_naive"][k])),
        "backtest_mae": errors.get(chosen),
        "backtest_mae_naive": errors.get("naive"),
        "held80": held[0],
        "scored80": held[1],
    }
