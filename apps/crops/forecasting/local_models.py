"""The per-series candidates, all from statsforecast, fitted on log prices.

Cost control (1,000 series must select and fit in minutes on 2 cores): models
are fitted on at most ``input_size`` recent periods, and inside a backtest a
fitted model is re-estimated only every ``refit_every`` origins; in between,
statsforecast's ``forward`` applies the fitted parameters to the longer
history (no data after an origin is ever used for that origin).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterable

import numpy as np
from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, SeasonalNaive

from apps.crops.forecasting.panel import Panel, training_window

log = logging.getLogger(__name__)

LOCAL_MODELS = ("naive", "seasonal_naive", "ets", "theta", "arima")
ARIMA_INPUT = 104


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
) -> dict[tuple[int, int], dict[str, np.ndarray]]:
    """Log-price forecasts of each local model for series row i at each origin.

    ``origins``: row -> sorted origins (forecast periods origin .. origin+horizon-1
    from data before ``origin``). Too short a history gives only naive forecasts.
    """
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
