"""Today's Agmarknet prices, imported as kind ``crops.agmarknet`` by ``apps.crops.runs``.

Steps on the run page: ask data.gov.in (pages, records, rows left out), keep
the new days (a market's day already stored is skipped, so a second import of
the same day changes nothing; a price of 0 or over 5 times, or under a fifth
of, the market's recent median is kept out as suspect), store them as an
import batch (the report on the imports page), then queue a refit of the
series that gained prices. Pages read before a failure are still stored.

Cost: one request per 1,000 records (the whole country's day is some 10–20
pages); memory is the day's records, a few MB.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from apps.crops import agmarknet, run_words
from apps.crops.csv_reading import Dialect
from apps.crops.layouts import Layout
from apps.crops.models import PricePoint, PriceSeries
from apps.crops.parsing import ParsedFile, Point, SeriesKey
from core.steps import Stopped

RUN_KIND = "crops.agmarknet"
UNIT, CURRENCY = "quintal", "INR"  # the resource's prices are rupees per quintal
SOURCE = "AGMARKNET, DMI, Govt. of India (data.gov.in)"
SUSPECT_FACTOR = 5.0
MIN_REFERENCE = 4  # prices needed before a median is trusted to judge a new one
LAYOUT = Layout(
    name="agmarknet-api",
    header=["arrival_date", "modal_price", "min_price", "max_price", "market", "commodity"],
    columns={"date": 0, "price": 1, "min_price": 2, "max_price": 3, "market": 4, "commodity": 5},
)


def import_inputs(filters: dict | None = None) -> dict:
    clean = {k: str(v) for k, v in (filters or {}).items() if v}
    title = "Import today's Agmarknet prices" + (
        " (" + ", ".join(f"{k} {v}" for k, v in sorted(clean.items())) + ")" if clean else ""
    )
    return {"filters": clean, "title": title}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _known_series() -> dict[tuple, PriceSeries]:
    """Existing rupee-per-quintal series by their names folded (case and spacing),
    so "AZADPUR" on one day and "Azadpur" on the next stay one series."""
    rows = PriceSeries.objects.filter(unit=UNIT, currency=CURRENCY)
    return {(_norm(s.commodity), _norm(s.market), _norm(s.variety)): s for s in rows}


def keep_new_days(fetched: agmarknet.Fetched) -> tuple[ParsedFile, dict]:
    """The records not stored yet, as a parsed file for ``store_parsed``; and counts."""
    day = timezone.now().date()
    # The batch's name is also the series' source line: GODL-India asks for the attribution.
    parsed = ParsedFile(f"{SOURCE} {day.isoformat()}", Dialect("utf-8", ","), LAYOUT)
    parsed.rows = len(fetched.records) + len(fetched.malformed)
    for n, why in enumerate(fetched.malformed, start=1):
        parsed.add_problem(n, "malformed row", f"Record left out: {why}.")
    known = _known_series()
    keyed = []
    for record in fetched.records:
        found = known.get((_norm(record.commodity), _norm(record.market), _norm(record.variety)))
        key = (
            SeriesKey(found.commodity, found.market, found.variety, UNIT, CURRENCY)
            if found
            else SeriesKey(record.commodity, record.market, record.variety, UNIT, CURRENCY)
        )
        keyed.append((key, found, record))
    stored, recent = _stored_days_and_recent_prices([f for _k, f, _r in keyed if f], fetched)
    by_commodity = defaultdict(list)
    for _key, _found, record in keyed:
        if record.modal_price > 0:
            by_commodity[_norm(record.commodity)].append(record.modal_price)
    counts = {"already_stored": 0, "suspect": 0, "new": 0}
    for line, (key, found, record) in enumerate(keyed, start=len(fetched.malformed) + 1):
        if found is not None and (found.pk, record.day) in stored:
            counts["already_stored"] += 1
            continue
        if key in parsed.series and record.day in parsed.series[key]:
            counts["already_stored"] += 1  # the same market and day twice in one answer
            continue
        reference = recent.get(found.pk) if found else None
        if not reference or len(reference) < MIN_REFERENCE:
            reference = by_commodity[_norm(record.commodity)]
        if _suspect(record.modal_price, reference):
            counts["suspect"] += 1
            parsed.add_problem(
                line,
                "suspect price",
                f"{record.market}, {record.commodity}, {record.day:%d/%m/%Y}: modal price "
                f"{record.modal_price:g} is far from the usual "
                f"{statistics.median(reference) if len(reference) >= MIN_REFERENCE else 0:g}; "
                "kept out of the forecasts.",
            )
            continue
        parsed.series.setdefault(key, {})[record.day] = Point(
            price=record.modal_price, min_price=record.min_price, max_price=record.max_price
        )
        parsed.regions[key] = ", ".join(p for p in (record.district, record.state) if p)
        parsed.rows_kept += 1
        counts["new"] += 1
    return parsed, counts


def _suspect(price: float, reference: list[float]) -> bool:
    if price <= 0:
        return True
    if len(reference) < MIN_REFERENCE:
        return False
    usual = statistics.median(reference)
    return usual > 0 and not (usual / SUSPECT_FACTOR <= price <= usual * SUSPECT_FACTOR)


def _stored_days_and_recent_prices(series: list[PriceSeries], fetched: agmarknet.Fetched):
    """(series id, day) already stored for the fetched days, and each series' prices of
    the 60 days before: two queries."""
    if not series or not fetched.records:
        return set(), {}
    days = {r.day for r in fetched.records}
    ids = {s.pk for s in series}
    stored = set(
        PricePoint.objects.filter(series_id__in=ids, date__in=days).values_list("series_id", "date")
    )
    since = min(days) - timedelta(days=60)
    recent = defaultdict(list)
    rows = PricePoint.objects.filter(
        series_id__in=ids, date__gte=since, date__lt=min(days), price__gt=0
    ).values_list("series_id", "price")
    for sid, price in rows:
        recent[sid].append(price)
    return stored, recent


def fetch_today(filters: dict) -> tuple[agmarknet.Fetched, agmarknet.AgmarknetError | None]:
    """Today's records from data.gov.in, and the failure that stopped the reading early
    (the pages read before it are kept). No key, or a refused one, stops the run."""
    key = settings.AGMARKNET_API_KEY
    if not key:
        raise Stopped(run_words.NO_KEY)
    try:
        return agmarknet.fetch(key, filters=filters), None
    except agmarknet.KeyRefused as exc:
        raise Stopped(exc.message) from exc
    except agmarknet.AgmarknetError as exc:
        return exc.fetched or agmarknet.Fetched(), exc


def fetch_summary(fetched: agmarknet.Fetched, failure) -> tuple[dict, str]:
    data = {
        "pages": fetched.pages,
        "total": fetched.total,
        "records": len(fetched.records),
        "malformed": len(fetched.malformed),
        "waited_s": round(fetched.waited_s, 1),
    }
    counts = {
        "pages": fetched.pages,
        "records": len(fetched.records),
        "malformed": len(fetched.malformed),
    }
    if failure:
        text = run_words.FETCHED_STOPPED % {**counts, "reason": failure.message}
    else:
        text = run_words.FETCHED % counts
    return data, text


def counts_sentence(counts: dict) -> str:
    return run_words.COUNTED % {
        "new": counts["new"],
        "stored": counts["already_stored"],
        "suspect": counts["suspect"],
    }


def import_message(fetched: agmarknet.Fetched, batch) -> str:
    """The line under the run's title: the prices gained, or that the day has none."""
    if fetched.records or fetched.malformed:
        return run_words.NEW_PRICES % {"count": batch.points_created}
    return run_words.NO_PRICES_TODAY
