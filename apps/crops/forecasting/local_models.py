"""The per-series candidates, all from statsforecast, fitted on log prices.

Cost control (1,000 series must select and fit in minutes on 2 cores): models
are fitted on at most ``input_size`` recent periods, and inside a backtest a
fitted model is re-estimated only every ``refit_every`` origins; in between,
statsforecast's ``forward`` applies the fitted parameters to the longer
history (no data after an origin is ever used for that origin). Series are
independent here, so a large panel is split over ``fit_workers()`` forked
processes (``settings.CROPS_FIT_WORKERS``, from ``OPENKITCHEN_CROPS_FIT_WORKERS``;
default: the CPU count, at most 4);
where processes cannot be started (e.g. inside a daemonic worker) it runs serially.
"""

from __future__ import annotations

import logging
import multiprocessing
import warnings
from collections.abc import Callable, Iterable

import numpy as np
from django.conf import settings
from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, SeasonalNaive

from apps.crops.forecasting.panel import Panel, training_window

log = logging.getLogger(__name__)

LOCAL_MODELS = ("naive", "seasonal_naive", "ets", "theta", "arima")
ARIMA_INPUT = 104
PARALLEL_MIN_SERIES = 100  # below this, starting processes costs more than it saves
_CHUNK = 8  # series per task handed to a worker process (balances long and short series)
_SHARED: tuple | None = None  # what forked workers read: (panel, origins, horizon, options)


def fit_workers() -> int:
    """Processes for the local fits: ``settings.CROPS_FIT_WORKERS``."""
    return settings.CROPS_FIT_WORKERS


def _factories(season: int) -> dict[str, Callable[[], object]]:
    monthly = season <= 12
    return {
        "ets": lambda: AutoETS(season_length=season if monthly else 1),
        "theta": lambda: AutoTheta(season_length=season if monthly else 1),
        # A small search on the last two years: prices are close to a random walk
        # (d = 1, no drift) and a wide order search costs seconds per series for no gain.
        "arima": lambda: AutoARIMA(
            d=1,
            season_length=1,
            seasonal=False,
            max_p=2,
            max_q=2,
            start_p=1,
            start_q=1,
            approximation=True,
            allowdrift=False,
            nmodels=8,
        ),
    }


def _seasonal_naive(y: np.ndarray, h: int, season: int) -> np.ndarray:
    if len(y) < season:
        return np.full(h, y[-1])
    return SeasonalNaive(season).forecast(y=y, h=h)["mean"]


def local_forecasts(
    panel: Panel,
    origins: dict[int, list[int]],
    horizon: int,
    *,
    input_size: int = 156,
    refit_every: int = 4,
    min_train: int = 20,
    models: Iterable[str] = LOCAL_MODELS,
    workers: int | None = None,
) -> dict[tuple[int, int], dict[str, np.ndarray]]:
    """Log-price forecasts of each local model for series row i at each origin.

    ``origins``: row -> sorted origins (forecast periods origin .. origin+horizon-1
    from data before ``origin``). Too short a history gives only naive forecasts.
    ``workers``: processes to spread the series over (default ``fit_workers()``).
    """
    options = {
        "input_size": input_size,
        "refit_every": refit_every,
        "min_train": min_train,
        "models": tuple(models),
    }
    workers = fit_workers() if workers is None else workers
    if workers > 1 and len(origins) >= PARALLEL_MIN_SERIES:
        out = _parallel(panel, origins, horizon, options, workers)
        if out is not None:
            return out
    return _serial(panel, origins, horizon, **options)


def _parallel(panel, origins, horizon, options, workers):
    """The serial fits spread over forked processes; None where they cannot run."""
    global _SHARED
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    rows = sorted(origins)
    chunks = [rows[k : k + _CHUNK] for k in range(0, len(rows), _CHUNK)]
    _SHARED = (panel, origins, horizon, options)
    out: dict[tuple[int, int], dict[str, np.ndarray]] = {}
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(chunks))) as pool:
            for part in pool.imap_unordered(_fit_chunk, chunks):
                out.update(part)
    except Exception as exc:  # e.g. a daemonic process may not have children
        log.warning("local fits not parallel (%s); running them in this process", exc)
        return None
    finally:
        _SHARED = None
    # The serial order (row, then origin), whatever order the workers finished in.
    return {(i, o): out[(i, o)] for i, row in origins.items() for o in sorted(row) if (i, o) in out}


def _fit_chunk(rows: list[int]) -> dict:
    panel, origins, horizon, options = _SHARED
    return _serial(panel, {i: origins[i] for i in rows}, horizon, **options)


def _serial(
    panel: Panel,
    origins: dict[int, list[int]],
    horizon: int,
    *,
    input_size: int,
    refit_every: int,
    min_train: int,
    models: Iterable[str],
) -> dict[tuple[int, int], dict[str, np.ndarray]]:
    models = list(models)
    factories = _factories(panel.season)
    out: dict[tuple[int, int], dict[str, np.ndarray]] = {}
    for i, row_origins in origins.items():
        fitted: dict[str, object] = {}
        for k, origin in enumerate(sorted(row_origins)):
            y = training_window(panel.logp[i], origin, input_size)
            if len(y) == 0:
                continue
            preds = {"naive": np.full(horizon, y[-1])}
            if "seasonal_naive" in models:
                preds["seasonal_naive"] = _seasonal_naive(y, horizon, panel.season)
            if len(y) >= min_train and np.ptp(y) > 1e-9:
                refit = k % refit_every == 0
                for name in (m for m in models if m in factories):
                    preds[name] = _one(name, factories[name], fitted, y, horizon, refit)
            out[(i, origin)] = preds
    return out


def _one(name, factory, fitted, y, horizon, refit) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if refit or name not in fitted:
                fitted[name] = factory().fit(y[-ARIMA_INPUT:] if name == "arima" else y)
                return np.asarray(fitted[name].predict(h=horizon)["mean"], dtype=float)
            return np.asarray(fitted[name].forward(y=y, h=horizon)["mean"], dtype=float)
        except Exception as exc:  # a model that cannot fit this series falls back to naive
            log.debug("%s failed (%s); naive instead", name, exc)
            fitted.pop(name, None)
            return np.full(horizon, y[-1])
