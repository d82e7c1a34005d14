"""Reads for the farmer's pages: cheap queries over stored rows only (the app's jobs
are read in ``run_history``)."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When

from apps.crops.models import Forecast, ImportBatch, PriceSeries


def commodities(query: str = "") -> list[dict]:
    """Each crop with its number of markets, its latest price date and whether
    any of its series is the shipped demo's. The search matches the data's name
    and the crop's name in the page's language."""
    from apps.crops.demo import DEMO_FILES
    from apps.crops.names import crop_word

    qs = PriceSeries.objects.filter(price_days__gt=0)
    rows = list(
        qs.values("commodity")
        .annotate(
            markets=Count("id"),
            last_date=Max("last_date"),
            demo_markets=Count("id", filter=Q(source__in=DEMO_FILES or {"-"})),
        )
        .order_by("commodity")
    )
    for row in rows:
        row["demo"] = row.pop("demo_markets") > 0
    if query:
        q = query.lower()
        rows = [r for r in rows if q in r["commodity"].lower() or q in crop_word(r["commodity"])]
    return rows


def markets(commodity: str, query: str = "") -> QuerySet[PriceSeries]:
    qs = PriceSeries.objects.filter(commodity=commodity, price_days__gt=0)
    if query:
        qs = qs.filter(Q(market__icontains=query) | Q(region__icontains=query))
    with_forecast = Case(
        When(forecast__status="ok", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    # Markets with a forecast first: those are the ones a farmer can act on.
    return (
        qs.select_related("forecast")
        .annotate(no_forecast=with_forecast)
        .order_by("no_forecast", "market", "variety", "unit")
    )


def series_with_forecast(pk: int) -> tuple[PriceSeries, Forecast | None]:
    series = PriceSeries.objects.select_related("forecast").get(pk=pk)
    return series, getattr(series, "forecast", None)


def recent_batches(limit: int = 20) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("uploaded_by")[:limit]
