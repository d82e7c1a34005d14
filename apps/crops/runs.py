"""The crops app's run handlers, registered when the app is ready (``apps.py``).

Each takes a ``RunContext``, writes its steps and returns an ``Outcome``; the
numbers come from plain functions in ``advisory.py``, ``refit.py`` and
``agmarknet_import.py``, the writes from ``services.py``.
"""

from __future__ import annotations

import logging
import time

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.crops import advisory, agmarknet_import, refit, run_words, services
from apps.crops.models import PriceSeries
from core.runs import Outcome, RunContext, add_words, run_kind
from core.steps import StepKind, Stopped, retrieval_data

log = logging.getLogger(__name__)
add_words(titles=run_words.TITLES, texts=run_words.TEXTS, progress=run_words.PROGRESS)


@run_kind(advisory.RUN_KIND, title=_("Sell or hold advice"))
def advise(ctx: RunContext) -> Outcome:
    """The steps and the facts for the model are English (the model's language);
    the paragraph shown is in the farmer's language (``inputs["language"]``)."""
    language = str(ctx.inputs.get("language") or "en")
    with translation.override("en"):
        series, forecast = _stored_forecast(ctx)
        opts, pick, facts = _sell_or_store(ctx, series, forecast)
        ctx.progress(0.3, "Looking up market reports…")
        passages = _market_reports(ctx, series)
        ctx.progress(0.5, "The model is explaining the trade-off…")
        answer = advisory.explain(
            ctx,
            question=advisory.farmer_question(series, forecast, facts),
            facts=facts,
            passages=passages,
            table=advisory.advice_table(series, forecast, opts, pick),
            forecast=forecast,
            pick=pick,
            language=language,
        )
    return Outcome({"choice_periods": pick.periods, "series_id": series.pk, **answer.as_result()})


def _stored_forecast(ctx: RunContext):
    series = (
        PriceSeries.objects.select_related("forecast")
        .filter(pk=ctx.inputs.get("series_id"))
        .first()
    )
    forecast = getattr(series, "forecast", None) if series else None
    with ctx.step(StepKind.COMPUTATION, "Stored forecast") as s:
        if series is None or forecast is None or forecast.status != "ok" or not forecast.steps:
            raise Stopped(advisory.no_forecast_reason(forecast))
        s.data = advisory.forecast_facts(series, forecast)
        s.text = f"Forecast by {forecast.model} from data up to {forecast.data_end}."
    return series, forecast


def _sell_or_store(ctx: RunContext, series, forecast):
    """The computed table of selling now against storing; its text is the model's facts."""
    inputs = ctx.inputs
    with ctx.step(StepKind.COMPUTATION, "Sell now or store: expected value of each choice") as s:
        storage = float(inputs.get("storage_cost_per_week") or 0)
        opts, pick = advisory.compute_table(series, forecast, storage)
        qty = float(inputs.get("quantity") or 1)
        s.data = {
            "options": [o.as_dict() for o in opts],
            "choice": pick.periods,
            "quantity": qty,
            "total_expected_net": round(pick.expected_net * qty, 2),
        }
        s.text = advisory.describe(series, forecast, opts, pick, inputs)
    return opts, pick, s.text


def _market_reports(ctx: RunContext, series) -> list:
    query = advisory.bulletin_query(series)
    with ctx.step(StepKind.RETRIEVAL, "Market reports found") as r:
        passages = advisory.market_reports(query, ctx.user)
        if not passages:
            r.text = "No market reports could be found for this crop."
        r.data = retrieval_data(query, passages, corpora=[advisory.CORPUS_SLUG])
    return passages


@run_kind(refit.RUN_KIND, title=_("Updating the price forecasts"))
def refit_forecasts(ctx: RunContext) -> Outcome:
    started = time.monotonic()
    asked = {int(i) for i in ctx.inputs.get("series_ids") or []}
    ctx.progress(0.02, "Loading prices…")
    with ctx.step(StepKind.COMPUTATION, "Load prices") as s:
        everything = list(PriceSeries.objects.filter(price_days__gt=0))
        if not everything:
            raise Stopped("There are no prices to forecast yet: import a price file first.")
        wanted = refit.series_to_store(everything, asked)
        regular, points = refit.load_regular(everything)
        s.data, s.text = refit.load_summary(everything, wanted, regular, points)
    ctx.check_cancelled()
    results = _fit_panels(ctx, everything, regular)
    kept = {int(sid): r for sid, r in results.items() if int(sid) in wanted}
    ctx.check_cancelled()
    ctx.progress(0.9, "Storing forecasts…")
    with ctx.step(StepKind.COMPUTATION, "Store forecasts") as s:
        statuses = refit.store_forecasts(everything, kept, ctx.run)
        s.data, s.text = refit.store_summary(statuses)
    seconds = round(time.monotonic() - started, 2)
    return Outcome(
        {"series_done": len(kept), "seconds": seconds, "statuses": dict(statuses)},
        run_words.SERIES_FORECAST % {"count": len(kept)},
    )


def _fit_panels(ctx: RunContext, everything, regular) -> dict:
    """One visible step; the progress moves between the frequencies' panels."""
    groups = {str(series.pk): refit.series_group(series) for series in everything}
    parts = refit.panels(regular)
    results = {}
    with ctx.step(StepKind.COMPUTATION, "Fit forecasts") as s:
        t0 = time.monotonic()
        for n, (frequency, members) in enumerate(parts):
            ctx.progress(
                0.05 + 0.85 * n / len(parts), f"Fitting {len(members)} {frequency} series…"
            )
            try:
                results.update(refit.fit_panel(members, groups))
            except MemoryError as exc:
                log.exception("refit %s ran out of memory", ctx.run.pk)
                raise Stopped(
                    run_words.OUT_OF_MEMORY % {"count": len(members), "frequency": frequency}
                ) from exc
            ctx.check_cancelled()
        s.data, s.text = refit.fit_summary(results, round(time.monotonic() - t0, 2))
    return results


@run_kind(agmarknet_import.RUN_KIND, title=_("Importing market prices"))
def import_prices(ctx: RunContext) -> Outcome:
    started = time.monotonic()
    with ctx.step(StepKind.COMPUTATION, "Ask data.gov.in for today's prices") as s:
        fetched, failure = agmarknet_import.fetch_today(ctx.inputs.get("filters") or {})
        s.data, s.text = agmarknet_import.fetch_summary(fetched, failure)
    with ctx.step(StepKind.COMPUTATION, "Keep the days not stored yet") as s:
        parsed, counts = agmarknet_import.keep_new_days(fetched)
        s.data, s.text = counts, agmarknet_import.counts_sentence(counts)
    with ctx.step(StepKind.COMPUTATION, "Store prices") as s:
        batch = services.store_imported(parsed)
        s.data = {"batch": batch.pk, "points_created": batch.points_created}
        stored = run_words.PRICES_STORED_REFIT if batch.refit_id else run_words.PRICES_STORED
        s.text = stored % {"count": batch.points_created, "series": batch.series_count}
    if failure is not None:
        raise Stopped(
            run_words.STOPPED_AFTER % {"reason": failure.message, "count": batch.points_created}
        )
    result = {
        "batch_id": batch.pk,
        "points_created": batch.points_created,
        "refit": str(batch.refit_id) if batch.refit_id else None,
        "seconds": round(time.monotonic() - started, 2),
        **counts,
    }
    return Outcome(result, agmarknet_import.import_message(fetched, batch))
