"""Refitting the stored forecasts, run as kind ``crops.refit`` by ``apps.crops.runs.refit``.

Steps on the run page: the prices loaded (series and price points), the
forecasts fitted (series, the models chosen, seconds), then the forecasts
stored (how many of each status). Inputs: ``{"series_ids": [...]}`` to store
only those series, or nothing for every series.

Neighbouring markets inform each other, so every series with prices is part of
the panel even when only some are stored. Cost: about 0.3–0.6 s per weekly
series on one core; memory grows with series × weeks (1,000 series × 15 years
≈ 300 MB).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db import transaction

from apps.crops import run_words
from apps.crops.forecasting.calendar import RegularSeries, regularise
from apps.crops.forecasting.latest import LatestForecast, forecast_latest
from apps.crops.models import Forecast, PricePoint, PriceSeries
from core.steps import Stopped

RUN_KIND = "crops.refit"


def refit_inputs(series_ids=None) -> dict:
    """The run's inputs: the series to store (none: every series) and the page's title."""
    ids = sorted({int(i) for i in series_ids or []})
    title = f"Refit the forecasts of {len(ids)} series" if ids else "Refit every forecast"
    return {"series_ids": ids, "title": title}


def series_group(series: PriceSeries) -> str:
    """Neighbouring markets: the same product, variety and unit."""
    return f"{series.commodity.lower()}|{series.variety.lower()}|{series.unit.lower()}"


def load_regular(series_list: list[PriceSeries]) -> tuple[dict[str, RegularSeries], int]:
    """Each series on its regular calendar, and how many price points were read."""
    prices: dict[int, dict] = defaultdict(dict)
    arrivals: dict[int, dict] = defaultdict(dict)
    rows = PricePoint.objects.filter(series__in=series_list).values_list(
        "series_id", "date", "price", "arrival"
    )
    points = 0
    for sid, day, price, arrival in rows.iterator(chunk_size=20_000):
        points += 1
        if price is not None:
            prices[sid][day] = price
        if arrival is not None:
            arrivals[sid][day] = arrival
    regular = {
        str(s.pk): regularise(prices[s.pk], arrivals.get(s.pk) or None, s.frequency)
        for s in series_list
    }
    return regular, points


def load_summary(everything, wanted, regular, points) -> tuple[dict, str]:
    """The "Load prices" step's numbers and sentence."""
    by_frequency = Counter(r.frequency for r in regular.values())
    data = {
        "series_with_prices": len(everything),
        "series_to_store": len(wanted),
        "price_points": points,
        **{f"{frequency}_series": n for frequency, n in sorted(by_frequency.items())},
    }
    text = run_words.LOADED % {"points": points, "count": len(everything), "stored": len(wanted)}
    return data, text


def series_to_store(everything: list[PriceSeries], asked: set[int]) -> set[int]:
    """The asked series that still have prices (none asked: every series with prices)."""
    present = {series.pk for series in everything}
    wanted = present & asked if asked else present
    if not wanted:
        raise Stopped(run_words.NOTHING_TO_REFIT % {"count": len(asked)})
    return wanted


def panels(regular: dict[str, RegularSeries]) -> list[tuple[str, dict[str, RegularSeries]]]:
    """Each frequency is its own panel, fitted in turn."""
    parts: dict[str, dict[str, RegularSeries]] = defaultdict(dict)
    for sid, series in regular.items():
        parts[series.frequency][sid] = series
    return sorted(parts.items())


def fit_panel(members: dict[str, RegularSeries], groups: dict[str, str]) -> dict:
    """The latest forecast of each member; ``groups`` names each series' neighbours."""
    return forecast_latest(members, groups)


def fit_summary(results: dict[str, LatestForecast], seconds: float) -> tuple[dict, str]:
    """The "Fit forecasts" step's numbers and sentence: the models chosen and the time."""
    models = Counter(r.model for r in results.values() if r.model)
    data = {"series": len(results), "models_chosen": dict(models.most_common()), "seconds": seconds}
    chosen = ", ".join(f"{name} ×{n}" for name, n in models.most_common())
    text = run_words.FITTED % {
        "count": len(results),
        "seconds": seconds,
        "models": chosen or run_words.NO_MODEL,
    }
    return data, text


def store_forecasts(everything, kept: dict[int, LatestForecast], run) -> Counter:
    """Store the kept forecasts in one transaction; how many of each status."""
    by_id = {series.pk: series for series in everything}
    with transaction.atomic():
        for sid, result in kept.items():
            _store(by_id[sid], result, run)
    return Counter(r.status for r in kept.values())


def store_summary(statuses: Counter) -> tuple[dict, str]:
    """The "Store forecasts" step's numbers and sentence."""
    stored = sum(statuses.values())
    data = {"stored": stored, **{status: n for status, n in sorted(statuses.items())}}
    counts = ", ".join(
        run_words.STATUS_COUNTS[status] % {"count": n}
        if status in run_words.STATUS_COUNTS
        else f"{n} {status}"
        for status, n in sorted(statuses.items())
    )
    text = run_words.STORED % {"count": stored, "statuses": counts}
    return data, text


def _store(series: PriceSeries, result: LatestForecast, run) -> None:
    Forecast.objects.update_or_create(
        series=series,
        defaults={
            "status": result.status,
            "message": result.message,
            "model": result.model,
            "frequency": result.frequency,
            "data_end": series.last_date,
            "last_price": result.last_price,
            "history": result.history,
            "steps": result.steps,
            "backtest": result.backtest,
            "run": run,
        },
    )
