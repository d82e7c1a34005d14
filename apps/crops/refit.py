"""Refitting the stored forecasts as a run of kind ``crops.refit``.

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

import logging
import time
from collections import Counter, defaultdict

from django.db import transaction

from apps.crops.forecasting.calendar import RegularSeries, regularise
from apps.crops.forecasting.latest import LatestForecast, forecast_latest
from apps.crops.models import Forecast, PricePoint, PriceSeries
from core.runs import Outcome, RunContext, start_run
from core.steps import StepKind, Stopped

log = logging.getLogger(__name__)

RUN_KIND = "crops.refit"
STATUS_WORDS = {
    "ok": "with a forecast",
    "too_short": "with too little data",
    "stale": "with data too old",
    "failed": "failed",
}


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


def run_refit(ctx: RunContext) -> Outcome:
    started = time.monotonic()
    asked = {int(i) for i in ctx.inputs.get("series_ids") or []}
    ctx.progress(0.02, "Loading prices…")
    with ctx.step(StepKind.COMPUTATION, "Load prices") as s:
        everything = list(PriceSeries.objects.filter(price_days__gt=0))
        if not everything:
            raise Stopped("There are no prices to forecast yet: import a price file first.")
        present = {series.pk for series in everything}
        wanted = present & asked if asked else present
        if not wanted:
            raise Stopped(
                f"None of the {len(asked)} series to refit has prices any more "
                "(they were deleted or emptied): there is nothing to forecast."
            )
        regular, points = load_regular(everything)
        by_frequency = Counter(r.frequency for r in regular.values())
        s.data = {
            "series_with_prices": len(everything),
            "series_to_store": len(wanted),
            "price_points": points,
            **{f"{frequency}_series": n for frequency, n in sorted(by_frequency.items())},
        }
        s.text = (
            f"{points} price points of {len(everything)} series read; the forecasts of "
            f"{len(wanted)} series will be stored."
        )
    ctx.check_cancelled()
    results = _fit(ctx, everything, regular)
    kept = {int(sid): r for sid, r in results.items() if int(sid) in wanted}
    ctx.check_cancelled()
    ctx.progress(0.9, "Storing forecasts…")
    with ctx.step(StepKind.COMPUTATION, "Store forecasts") as s:
        by_id = {series.pk: series for series in everything}
        with transaction.atomic():
            for sid, result in kept.items():
                _store(by_id[sid], result, ctx.run)
        statuses = Counter(r.status for r in kept.values())
        s.data = {"stored": len(kept), **{status: n for status, n in sorted(statuses.items())}}
        s.text = f"{len(kept)} forecasts stored: " + ", ".join(
            f"{n} {STATUS_WORDS.get(status, status)}" for status, n in sorted(statuses.items())
        )
    seconds = round(time.monotonic() - started, 2)
    return Outcome(
        {"series_done": len(kept), "seconds": seconds, "statuses": dict(statuses)},
        f"{len(kept)} series forecast.",
    )


def _fit(ctx, everything, regular) -> dict[str, LatestForecast]:
    """One visible step; each frequency is its own panel, so they are fitted in turn
    and the progress moves between them."""
    groups = {str(series.pk): series_group(series) for series in everything}
    parts: dict[str, dict[str, RegularSeries]] = defaultdict(dict)
    for sid, series in regular.items():
        parts[series.frequency][sid] = series
    results: dict[str, LatestForecast] = {}
    with ctx.step(StepKind.COMPUTATION, "Fit forecasts") as s:
        t0 = time.monotonic()
        for n, (frequency, members) in enumerate(sorted(parts.items())):
            ctx.progress(
                0.05 + 0.85 * n / len(parts), f"Fitting {len(members)} {frequency} series…"
            )
            try:
                results.update(forecast_latest(members, groups))
            except MemoryError as exc:
                log.exception("refit %s ran out of memory", ctx.run.pk)
                raise Stopped(
                    f"The worker ran out of memory fitting {len(members)} {frequency} series; "
                    "refit fewer series at a time or give the worker more memory."
                ) from exc
            ctx.check_cancelled()
        models = Counter(r.model for r in results.values() if r.model)
        seconds = round(time.monotonic() - t0, 2)
        s.data = {
            "series": len(results),
            "models_chosen": dict(models.most_common()),
            "seconds": seconds,
        }
        s.text = f"{len(results)} series fitted in {seconds} s; models chosen: " + (
            ", ".join(f"{name} ×{n}" for name, n in models.most_common()) or "none"
        )
    return results


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


def start_refit(user=None, series_ids=None):
    """Create the refit run and enqueue it after commit. The system starts refits
    (after an import, from the demo), so no rate limit; a broker that is down leaves
    the run queued and resent, as every run."""
    return start_run(user, RUN_KIND, refit_inputs(series_ids), rate_limited=False)
