"""Writes: fit and store forecasts (what the Celery task calls), start fit jobs."""

from __future__ import annotations

import logging
import time
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from apps.crops.forecasting.calendar import RegularSeries, regularise
from apps.crops.forecasting.latest import forecast_latest
from apps.crops.models import FitJob, Forecast, PricePoint, PriceSeries

log = logging.getLogger(__name__)


def series_group(series: PriceSeries) -> str:
    """Neighbouring markets: the same product, variety and unit."""
    return f"{series.commodity.lower()}|{series.variety.lower()}|{series.unit.lower()}"


def load_regular(series_list: list[PriceSeries]) -> dict[str, RegularSeries]:
    prices: dict[int, dict] = defaultdict(dict)
    arrivals: dict[int, dict] = defaultdict(dict)
    rows = PricePoint.objects.filter(series__in=series_list).values_list(
        "series_id", "date", "price", "arrival"
    )
    for sid, day, price, arrival in rows.iterator(chunk_size=20_000):
        if price is not None:
            prices[sid][day] = price
        if arrival is not None:
            arrivals[sid][day] = arrival
    return {
        str(s.pk): regularise(prices[s.pk], arrivals.get(s.pk) or None, s.frequency)
        for s in series_list
    }


def fit_forecasts(job_id: int) -> FitJob:
    """Fit and store the latest forecast of the job's series (all series if none named).

    Neighbouring markets inform each other, so every series of the same
    frequency is part of the panel even when only some are stored.
    Cost: about 0.3–0.6 s per weekly series on one core; memory grows with
    series × weeks (1,000 series × 15 years ≈ 300 MB).
    """
    job = FitJob.objects.get(pk=job_id)
    if job.status == FitJob.Status.SUCCEEDED:
        return job  # idempotent: a redelivered task does nothing
    job.status = FitJob.Status.RUNNING
    job.save(update_fields=["status"])
    started = time.monotonic()
    try:
        everything = list(PriceSeries.objects.filter(price_days__gt=0))
        wanted = set(job.series_ids) if job.series_ids else {s.pk for s in everything}
        regular = load_regular(everything)
        groups = {str(s.pk): series_group(s) for s in everything}
        results = forecast_latest(regular, groups)
        by_id = {s.pk: s for s in everything}
        with transaction.atomic():
            for sid, result in results.items():
                if int(sid) not in wanted:
                    continue
                series = by_id[int(sid)]
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
                        "job": job,
                    },
                )
        job.series_done = len(wanted)
        job.status = FitJob.Status.SUCCEEDED
        job.message = f"{len(wanted)} series forecast."
    except Exception as exc:  # the job row must say it failed, never stay 'running'
        log.exception("fit job %s failed", job_id)
        job.status = FitJob.Status.FAILED
        job.message = f"The forecasts could not be computed: {exc}"
    job.seconds = round(time.monotonic() - started, 2)
    job.finished_at = timezone.now()
    job.save()
    return job


def start_fit_job(series_ids: list[int] | None = None) -> FitJob:
    """Create the job row and enqueue its task after commit."""
    from apps.crops.tasks import fit_forecasts_task
    from core.celery import try_publish

    job = FitJob.objects.create(series_ids=list(series_ids or []))

    def publish():
        if not try_publish(fit_forecasts_task, job.pk):
            FitJob.objects.filter(pk=job.pk, status=FitJob.Status.QUEUED).update(
                status=FitJob.Status.FAILED,
                message="The job queue could not be reached; start the fit again when "
                "the service is back.",
                finished_at=timezone.now(),
            )

    transaction.on_commit(publish)
    return job
