"""Select-and-fit time of the crop price forecaster (statsforecast) over N real
weekly series, and the same selection written with statsmodels on 100 series.

    .venv/bin/python bench/forecast.py [--data ../shared/data/crops] [--sizes 100,1000]

Series: every weekly mandi series with prices in half the weeks of its last two years in the
files under --data; where there are fewer than N, markets are resampled
(copies scaled by a random factor, so no two series are identical; each copy
keeps its own neighbour group). Both sides do the production selection: 12
backtest origins 4 weeks apart, horizons 1–8, candidates naive, seasonal
naive, ETS, Theta and ARIMA, each model estimated once per series at the
first origin and applied to the later ones, then the chosen model's forecast.
The statsforecast side also fits the pooled neighbouring-market regression
(re-estimated once per 13-week block). At N = 100 both sides run in one
process (a fair speedup) and the statsforecast side, which lasts seconds, is
timed three times (the median is reported); at N = 1,000 the local fits are spread over
``OPENKITCHEN_CROPS_FIT_WORKERS`` processes (default: the CPUs, at most 4), as in
the fit job.
One JSON line last: {"100": {"seconds", "statsmodels_seconds", "speedup"},
"1000": {"seconds"}}. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")  # the fit workers setting
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from django.conf import settings  # noqa: E402

from apps.crops.evaluation import load_series  # noqa: E402
from apps.crops.forecasting.calendar import (  # noqa: E402
    WEEKLY,
    RegularSeries,
    coverage_last_two_years,
)
from apps.crops.forecasting.latest import PRODUCTION, forecast_latest  # noqa: E402
from apps.crops.forecasting.local_models import fit_workers  # noqa: E402

CONFIG = PRODUCTION[WEEKLY]


def real_weekly(folder: Path) -> dict[str, tuple[RegularSeries, str]]:
    series, groups, _skipped = load_series(folder)
    out = {}
    for sid, (reg, _key) in series.items():
        if reg.frequency == WEEKLY and coverage_last_two_years(reg) >= 0.5:
            out[sid] = (reg, groups[sid])
    return out


def sample(base: dict, n: int, seed: int = 0) -> tuple[dict, dict]:
    """N series from the real ones. Files end in different years: each file's
    series are moved in time together so that every file ends in the same week
    (otherwise most would be 'stale' and skip the fit, flattering the timing)."""
    rng = np.random.default_rng(seed)
    names = sorted(base)
    group_end = {}
    for reg, group in base.values():
        group_end[group] = max(group_end.get(group, reg.index[-1]), reg.index[-1])
    common_end = max(group_end.values())
    series, groups = {}, {}
    for k in range(n):
        sid = names[k % len(names)]
        reg, group = base[sid]
        copy = k // len(names)
        factor = 1.0 if copy == 0 else float(rng.uniform(0.8, 1.25))
        shift = common_end - group_end[group]
        series[f"{sid}#{copy}"] = RegularSeries(
            reg.frequency,
            reg.index + shift,
            reg.prices * factor,
            reg.arrivals,
            None if reg.closing is None else reg.closing * factor,
        )
        groups[f"{sid}#{copy}"] = f"{group}#{copy}"
    return series, groups


def time_statsforecast(series, groups) -> float:
    started, cpu = time.perf_counter(), _cpu()
    results = forecast_latest(series, groups)
    seconds = time.perf_counter() - started
    ok = sum(r.status == "ok" for r in results.values())
    print(
        f"statsforecast: {len(series)} series ({ok} forecast) in {seconds:.1f} s "
        f"({_cpu() - cpu:.1f} CPU s, load {os.getloadavg()[0]:.1f})",
        file=sys.stderr,
    )
    return seconds


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the fit workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _statsmodels_series(y: np.ndarray) -> str:
    """The same selection with statsmodels: AIC-chosen ETS and ARIMA from a small grid,
    Theta, naive and seasonal naive, backtested at 12 origins; returns the chosen name."""
    from statsmodels.tsa.forecasting.theta import ThetaModel
    from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    h, step, windows = CONFIG.horizon, CONFIG.step, CONFIG.windows
    y = np.log(y[-(CONFIG.input_size + step * windows) :])
    end = len(y)
    origins = [end - h - step * k for k in range(windows, 0, -1)] + [end]
    first = y[: origins[0]][-CONFIG.input_size :]
    ets = min(
        (
            ExponentialSmoothing(first, trend=t, damped_trend=d).fit(disp=False)
            for t, d in ((False, False), (True, False), (True, True))
        ),
        key=lambda r: r.aic,
    )
    arima = min(
        (
            SARIMAX(first, order=o, trend="n").fit(disp=False)
            for o in ((0, 1, 1), (1, 1, 0), (1, 1, 1), (2, 1, 0), (0, 1, 2), (2, 1, 2))
        ),
        key=lambda r: r.aic,
    )
    errors: dict[str, float] = {}
    for origin in origins:
        train = y[:origin][-CONFIG.input_size :]
        preds = {
            "naive": np.full(h, train[-1]),
            "seasonal_naive": train[-52:][:h] if len(train) >= 52 else np.full(h, train[-1]),
            "ets": ets.apply(train).forecast(h),
            "arima": arima.apply(train).forecast(h),
            "theta": ThetaModel(train, period=1, deseasonalize=False).fit().forecast(h),
        }
        if origin < end:
            actual = y[origin : origin + h]
            for name, p in preds.items():
                errors[name] = errors.get(name, 0.0) + float(
                    np.mean(np.abs(np.exp(p) - np.exp(actual)))
                )
    return min(errors, key=errors.get)


def time_statsmodels(series) -> float:
    started, cpu = time.perf_counter(), _cpu()
    for reg in series.values():
        y = reg.trimmed().prices
        y = np.interp(np.arange(len(y)), np.flatnonzero(~np.isnan(y)), y[~np.isnan(y)])
        _statsmodels_series(y)
    seconds = time.perf_counter() - started
    print(
        f"statsmodels: {len(series)} series in {seconds:.1f} s ({_cpu() - cpu:.1f} CPU s, "
        f"load {os.getloadavg()[0]:.1f})",
        file=sys.stderr,
    )
    return seconds


@contextmanager
def _workers(value: int | None):
    """``settings.CROPS_FIT_WORKERS`` set to ``value`` (None: as configured) meanwhile."""
    before = settings.CROPS_FIT_WORKERS
    if value is not None:
        settings.CROPS_FIT_WORKERS = value
    try:
        yield
    finally:
        settings.CROPS_FIT_WORKERS = before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "crops"
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--sizes", default="100,1000")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    base = real_weekly(args.data)
    print(f"{len(base)} real weekly series (half of their last two years priced)", file=sys.stderr)
    result = {}
    for n in (int(s) for s in args.sizes.split(",")):
        series, groups = sample(base, n)
        with _workers(1 if n <= 100 else None):
            print(f"{n} series, fit workers: {fit_workers()}", file=sys.stderr)
            # The machine is shared: a 10-30 s run is easily caught by someone else's
            # burst, so the short N = 100 run is timed three times (median); the
            # statsmodels run lasts minutes and averages the load by itself.
            runs = [time_statsforecast(series, groups) for _ in range(3 if n <= 100 else 1)]
            entry = {"seconds": round(float(np.median(runs)), 1)}
        if n == 100:
            sm = time_statsmodels(series)
            entry["statsmodels_seconds"] = round(sm, 1)
            entry["speedup"] = round(sm / entry["seconds"], 1)
        result[str(n)] = entry
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
