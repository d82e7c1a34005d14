"""Store a parsed price file: series by key, points by day, idempotently.

Re-importing the same file creates nothing and changes nothing; a corrected
file updates the days whose values changed. An arrivals-only file is attached
to the price series it pairs with (same file name apart from arrival/price),
or to the series the admin named.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.db.models import Count, Max, Min, Q

from apps.crops.evaluation import pairing_key
from apps.crops.forecasting.calendar import detect_frequency
from apps.crops.layouts import Layout
from apps.crops.models import ImportBatch, PricePoint, PriceSeries
from apps.crops.parsing import Defaults, ParsedFile, Point, SeriesKey, parse_file

BATCH = 2000


def import_stream(
    stream: BinaryIO,
    filename: str,
    *,
    defaults: Defaults | None = None,
    layout: Layout | None = None,
    user=None,
) -> ImportBatch:
    """Parse and store one file; the batch row reports what happened."""
    digest = _sha256(stream)
    parsed = parse_file(stream, filename, defaults, layout)
    return store_parsed(parsed, user=user, sha256=digest)


def import_path(path: str | Path, *, defaults: Defaults | None = None, user=None) -> ImportBatch:
    with open(path, "rb") as stream:
        return import_stream(stream, Path(path).name, defaults=defaults, user=user)


def _sha256(stream: BinaryIO) -> str:
    h = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        h.update(chunk)
    stream.seek(0)
    return h.hexdigest()


def store_parsed(parsed: ParsedFile, *, user=None, sha256: str = "") -> ImportBatch:
    created = updated = 0
    series_ids = []
    message = ""
    with transaction.atomic():
        if parsed.layout.has_prices:
            items = parsed.series.items()
        else:
            items, message = _arrival_targets(parsed)
        for key, points in items:
            series = _series_for(key, parsed)
            c, u = _store_points(series, points, arrivals_only=not parsed.layout.has_prices)
            created += c
            updated += u
            refresh_series_summary(series)
            series_ids.append(series.pk)
        batch = ImportBatch.objects.create(
            filename=parsed.name[:255],
            sha256=sha256,
            layout=parsed.layout.to_json(),
            uploaded_by=user if user is not None and user.is_authenticated else None,
            rows=parsed.rows,
            rows_kept=parsed.rows_kept,
            series_count=len(series_ids),
            points_created=created,
            points_updated=updated,
            problem_counts=dict(parsed.problem_counts),
            problems=[
                {"line": p.line, "kind": p.kind, "message": p.message} for p in parsed.problems
            ],
            message=message or parsed.summary(),
        )
    batch.series_ids = series_ids
    return batch


def _arrival_targets(parsed: ParsedFile):
    """Arrivals-only file: pair it with a price series from a matching file name."""
    stem = pairing_key(Path(parsed.name).stem)
    out = []
    for key, points in parsed.series.items():
        target = PriceSeries.objects.filter(market=key.market, commodity=key.commodity).first()
        if target is None:
            for candidate in PriceSeries.objects.exclude(source=""):
                if pairing_key(Path(candidate.source).stem) == stem:
                    target = candidate
                    break
        if target is None:
            return [], (
                f"{parsed.name}: arrivals only and no price series to attach them to: "
                "import the price file first, or name its commodity and market in the form."
            )
        out.append((_key_of(target), points))
    return out, f"{parsed.name}: arrivals attached to {', '.join(k.label() for k, _ in out)}"


def _key_of(series: PriceSeries) -> SeriesKey:
    return SeriesKey(series.commodity, series.market, series.variety, series.unit, series.currency)


def _series_for(key: SeriesKey, parsed: ParsedFile) -> PriceSeries:
    series, _ = PriceSeries.objects.get_or_create(
        commodity=key.commodity[:200],
        market=key.market[:200],
        variety=key.variety[:200],
        unit=key.unit[:50],
        currency=key.currency[:10],
        defaults={"source": parsed.name[:255], "region": parsed.regions.get(key, "")[:200]},
    )
    return series


def _store_points(series: PriceSeries, points: dict, *, arrivals_only: bool) -> tuple[int, int]:
    existing = (
        {p.date: p for p in PricePoint.objects.filter(series=series, date__in=list(points.keys()))}
        if len(points) < 50_000
        else {p.date: p for p in PricePoint.objects.filter(series=series)}
    )
    new, changed = [], []
    for day, point in points.items():
        old = existing.get(day)
        if old is None:
            new.append(_point(series, day, point, arrivals_only))
            continue
        if arrivals_only:
            if old.arrival != point.arrival:
                old.arrival = point.arrival
                changed.append(old)
        elif (old.price, old.arrival, old.min_price, old.max_price) != (
            point.price,
            point.arrival,
            point.min_price,
            point.max_price,
        ):
            old.price, old.arrival = point.price, point.arrival
            old.min_price, old.max_price = point.min_price, point.max_price
            changed.append(old)
    PricePoint.objects.bulk_create(new, batch_size=BATCH)
    PricePoint.objects.bulk_update(
        changed, ["price", "arrival", "min_price", "max_price"], batch_size=BATCH
    )
    return len(new), len(changed)


def _point(series, day, point: Point, arrivals_only: bool) -> PricePoint:
    if arrivals_only:
        return PricePoint(series=series, date=day, arrival=point.arrival)
    return PricePoint(
        series=series,
        date=day,
        price=point.price,
        arrival=point.arrival,
        min_price=point.min_price,
        max_price=point.max_price,
    )


def refresh_series_summary(series: PriceSeries) -> None:
    priced = series.points.filter(price__gt=0)
    agg = priced.aggregate(
        first=Min("date"), last=Max("date"), n=Count("id", filter=Q(price__gt=0))
    )
    days = list(priced.order_by("-date").values_list("date", flat=True)[:60])
    series.first_date, series.last_date, series.price_days = agg["first"], agg["last"], agg["n"]
    series.frequency = detect_frequency(days)
    series.save(update_fields=["first_date", "last_date", "price_days", "frequency", "updated_at"])
