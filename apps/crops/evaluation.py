"""The fixed evaluation protocol of ``crops_eval`` (see the README's crops section).

Every CSV under a folder is parsed with the import's layout detection; daily
prices become weekly (Monday–Sunday means of the days with a price above 0),
monthly files stay monthly. Series with prices in at least 70% of the periods
of their last two years are scored at 13 rolling origins (weekly: 4 weeks
apart, horizons 1–4, the last origin 4 weeks before the end; monthly: 1 month
apart, horizons 1–3, the last origin 3 months before the end).
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd

from apps.crops.advisory_rule import best_option, options
from apps.crops.forecasting.backtest import BacktestConfig, decide, run_backtest
from apps.crops.forecasting.calendar import MONTHLY, WEEKLY, coverage_last_two_years, regularise
from apps.crops.forecasting.panel import build_panel, filled
from apps.crops.parsing import ParsedFile, parse_path

log = logging.getLogger(__name__)

MIN_COVERAGE = 0.7
ORIGINS = 13
STORAGE_SHARE_PER_WEEK = 0.005
MIN_SERIES_FORECASTS = 40  # a series' own coverage is reported from this many forecasts
PROTOCOL = {
    # The pooled regression is re-estimated per 13-week block, as in production.
    WEEKLY: BacktestConfig(horizon=4, step=4, windows=16, calibration_span=52, neighbour_refit=13),
    MONTHLY: BacktestConfig(
        horizon=3, step=1, windows=16, calibration_span=36, recent_volatility=True
    ),
}
STORAGE_PER_PERIOD = {WEEKLY: STORAGE_SHARE_PER_WEEK, MONTHLY: STORAGE_SHARE_PER_WEEK * 52 / 12}


def pairing_key(stem: str) -> str:
    """A file name without the words arrival(s)/price(s): pairs arrival and price files."""
    return re.sub(r"(^|[_\-\s.])(arrivals?|prices?)(?=$|[_\-\s.])", r"\1", stem.lower())


def load_series(folder: Path):
    """Regular series and their product groups from every CSV under ``folder``."""
    parsed: list[ParsedFile] = []
    for path in sorted(folder.rglob("*.csv")):
        try:
            parsed.append(parse_path(path))
        except ValueError as exc:
            log.warning("%s: not imported: %s", path.name, exc)
    arrivals = {}
    for p in parsed:
        if not p.layout.has_prices and len(p.series) == 1:
            points = next(iter(p.series.values()))
            arrivals[pairing_key(Path(p.name).stem)] = {d: pt.arrival for d, pt in points.items()}
    series, groups, skipped = {}, {}, 0
    for p in parsed:
        log.info("%s", p.summary())
        if not p.layout.has_prices:
            skipped += len(p.series)
            continue
        single = "market" not in p.layout.columns
        for key, points in p.series.items():
            prices = {d: pt.price for d, pt in points.items()}
            arr = {d: pt.arrival for d, pt in points.items() if pt.arrival is not None}
            if single and not arr:
                arr = arrivals.get(pairing_key(Path(p.name).stem), {})
            reg = regularise(prices, arr or None)
            if not len(reg.index):
                skipped += 1
                continue
            sid = f"{p.name}|{key.label()}|{key.unit}|{key.currency}"
            series[sid] = (reg, key)
            groups[sid] = f"{key.commodity}|{key.variety}|{key.unit}"
    return series, groups, skipped


def evaluate_folder(folder: Path) -> dict:
    started = time.monotonic()
    series, groups, skipped = load_series(folder)
    result: dict = {}
    total_eval = 0
    for frequency in (WEEKLY, MONTHLY):
        members = {sid: reg for sid, (reg, _k) in series.items() if reg.frequency == frequency}
        if not members:
            continue
        eligible = {
            sid for sid, reg in members.items() if coverage_last_two_years(reg) >= MIN_COVERAGE
        }
        skipped += len(members) - len(eligible)
        if not eligible:
            continue
        figures = evaluate_panel(
            members, groups, eligible, {s: series[s][1].commodity for s in eligible}, frequency
        )
        total_eval += figures["series"]
        skipped += figures.pop("not_scored", 0)
        if frequency == WEEKLY:
            result.update(figures)
        else:
            result["monthly"] = figures
    result.setdefault("series", 0)
    result["series_total"] = total_eval
    result["skipped"] = skipped
    result["seconds_per_series"] = round((time.monotonic() - started) / max(total_eval, 1), 3)
    return result


def evaluate_panel(members, groups, eligible, commodity, frequency) -> dict:
    config = PROTOCOL[frequency]
    panel = build_panel(members, groups)
    decisions = {}
    min_history = panel.season  # a year before the first origin; fewer backtest windows if short
    not_scored = 0
    for sid in eligible:
        i = panel.row(sid)
        first, last = panel.first_last(i)
        end = last + 1
        origins = [end - config.horizon - config.step * j for j in range(ORIGINS)]
        origins = [o for o in origins if o - first >= min_history]
        if len(origins) < ORIGINS:
            not_scored += 1  # too short for the protocol
            continue
        decisions[i] = origins
    if not decisions:
        return {"series": 0, "not_scored": not_scored}
    t0 = time.monotonic()
    records = run_backtest(panel, decisions, config)
    chosen = decide(records, decisions, config)
    log.info("%s: %d series backtested in %.1f s", frequency, len(decisions), time.monotonic() - t0)
    chosen["commodity"] = [commodity[panel.sids[i]] for i in chosen.row]
    chosen = _add_naive_intervals(panel, chosen, config)
    figures = score(chosen, config.horizon)
    figures["advisory_value_vs_sell_now"] = advisory_value(
        panel, chosen, STORAGE_PER_PERIOD[frequency]
    )
    figures["models_chosen"] = chosen.groupby("chosen").size().to_dict()
    figures["models_served"] = chosen.groupby("model").size().to_dict()
    figures["not_scored"] = not_scored
    return figures


def _add_naive_intervals(panel, chosen: pd.DataFrame, config) -> pd.DataFrame:
    """Naive's empirical 80% interval: the last price moved by the 10th and 90th
    percentiles of its own past h-period changes (two seasons before the origin)."""
    lo, hi = [], []
    span = panel.season * 2
    for r in chosen.itertuples():
        y = filled(panel.logp[r.row, max(0, r.origin - span) : r.origin])
        y = y[np.isfinite(y)]
        moves = y[r.h :] - y[: -r.h] if len(y) > r.h + 4 else np.array([0.0])
        q10, q90 = np.quantile(moves, [0.1, 0.9])
        lo.append(r.last * np.exp(q10))
        hi.append(r.last * np.exp(q90))
    chosen["naive_lo80"], chosen["naive_hi80"] = lo, hi
    return chosen


def interval_score(lo, hi, y, alpha=0.2):
    return (hi - lo) + 2 / alpha * np.maximum(lo - y, 0) + 2 / alpha * np.maximum(y - hi, 0)


def score(chosen: pd.DataFrame, horizon: int) -> dict:
    d = chosen[chosen.actual.notna()].copy()
    d["ae"] = (d["mean"] - d.actual).abs()
    d["ae_naive"] = (d.naive - d.actual).abs()
    d["ae_snaive"] = (d.seasonal_naive - d.actual).abs()

    def ratio(frame):
        g = frame.groupby("row")
        r = g.ae.mean() / g.ae_naive.mean().replace(0, np.nan)
        return round(float(r.median()), 4)

    in80 = (d.actual >= d.lo80) & (d.actual <= d.hi80)
    in95 = (d.actual >= d.lo95) & (d.actual <= d.hi95)
    by_series = in80.groupby(d.row).agg(["mean", "size"])
    long = by_series[by_series["size"] >= MIN_SERIES_FORECASTS]["mean"]
    return {
        "series": int(d.row.nunique()),
        "forecasts": int(len(d)),
        "mae": round(float(d.ae.mean()), 3),
        "mae_naive": round(float(d.ae_naive.mean()), 3),
        "mae_seasonal_naive": round(float(d.ae_snaive.mean()), 3),
        "mae_ratio_vs_naive": ratio(d),
        "mae_ratio_vs_naive_by_horizon": {
            str(h): ratio(d[d.h == h]) for h in range(1, horizon + 1)
        },
        "mae_ratio_seasonal_naive_vs_naive": round(
            float((d.groupby("row").ae_snaive.mean() / d.groupby("row").ae_naive.mean()).median()),
            4,
        ),
        "coverage80": round(float(in80.mean()), 4),
        "coverage95": round(float(in95.mean()), 4),
        "coverage80_by_commodity": {
            c: round(float(v), 4) for c, v in in80.groupby(d.commodity).mean().items()
        },
        "forecasts_by_commodity": {c: int(n) for c, n in d.groupby("commodity").size().items()},
        # Over series with at least MIN_SERIES_FORECASTS scored forecasts (None: none has).
        "coverage80_by_series_min": round(float(long.min()), 4) if len(long) else None,
        "series_coverage80_below_0_6": int((long < 0.6).sum()),
        "coverage80_by_horizon": {
            str(h): round(float(in80[d.h == h].mean()), 4) for h in range(1, horizon + 1)
        },
        # The share of scored forecasts served by naive (the model not shown better there).
        "naive_served_share": round(float((d.model == "naive").mean()), 4)
        if "model" in d
        else None,
        # Scale-free: each interval score is divided by the price at the origin.
        "interval_score80": round(
            float((interval_score(d.lo80, d.hi80, d.actual) / d["last"]).mean()), 4
        ),
        "interval_score80_naive": round(
            float((interval_score(d.naive_lo80, d.naive_hi80, d.actual) / d["last"]).mean()), 4
        ),
    }


def advisory_value(panel, chosen: pd.DataFrame, storage_share: float) -> float:
    """Mean over series and origins of (net price the rule obtains − price at the
    origin) / price at the origin, holding one unit."""
    values = []
    for (i, origin), g in chosen.groupby(["row", "origin"]):
        g = g.sort_values("h")
        p0 = float(g["last"].iloc[0])
        opts = options(p0, g[["mean", "lo80", "hi80"]].to_dict("records"), storage_share * p0)
        pick = best_option(opts)
        if pick.periods == 0:
            values.append(0.0)
            continue
        # The price obtained: that period's price, or the last one before it if none.
        y = filled(panel.logp[i, : origin + pick.periods])
        realised = float(np.exp(y[-1]))
        values.append((realised - pick.storage_cost - p0) / p0)
    return round(float(np.mean(values)), 5) if values else 0.0


__all__ = ["evaluate_folder", "load_series", "pairing_key"]
