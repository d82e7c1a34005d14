"""Reads for the farmer's pages: cheap queries over stored rows only."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from apps.crops.models import Forecast, ImportBatch, PriceSeries


def commodities(query: str = "") -> list[dict]:
    qs = PriceSeries.objects.filter(price_days__gt=0)
    if query:
        qs = qs.filter(commodity__icontains=query)
    return list(qs.values("commodity").annotate(markets=Count("id")).order_by("commodity"))


def markets(commodity: str, query: str = "") -> QuerySet[PriceSeries]:
    qs = PriceSeries.objects.filter(commodity=commodity, price_days__gt=0)
    if query:
        qs = qs.filter(Q(market__icontains=query) | Q(region__icontains=query))
    return qs.select_related("forecast").order_by("market", "variety", "unit")


def series_with_forecast(pk: int) -> tuple[PriceSeries, Forecast | None]:
    series = PriceSeries.objects.select_related("forecast").get(pk=pk)
    return series, getattr(series, "forecast", None)


def recent_batches(limit: int = 20) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("uploaded_by")[:limit]


def recent_refits(limit: int = 10) -> list:
    """The latest refits of the forecasts (runs of kind ``crops.refit``), newest first."""
    from apps.crops.refit import RUN_KIND
    from core.runs import Run

    return list(Run.objects.filter(kind=RUN_KIND).order_by("-created_at")[:limit])
