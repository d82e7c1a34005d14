"""The sell-or-hold advisory, run as kind ``crops.advisory`` by ``apps.crops.runs.advise``.

Steps on the open-kitchen page: the stored forecast (numbers), the computed
table of selling now against holding 1..H periods (code, not the model),
retrieval of market bulletins from the crops corpus, then the model's
explanation citing them. The rule's choice is computed; the model explains.
"""

from __future__ import annotations

from django.utils import translation

from apps.crops import run_words
from apps.crops.advisory_rule import best_option, options
from apps.crops.advisory_words import choice_phrase, localized_advisory
from apps.crops.models import PriceSeries
from apps.crops.wording import day_words, is_old, money, old_data_warning, unit_word
from core.corpora import retrieve
from core.reasoning import answer_with_sources, compose_advisory
from core.retrieval import get_embedder
from core.steps import Steps

RUN_KIND = "crops.advisory"
CORPUS_SLUG = "market-bulletins"
INSTRUCTIONS = (
    "You advise a farmer who must decide whether to sell a crop now or store it. The table of "
    "numbers in the question was computed from a statistical forecast: do not recompute or change "
    "them. Explain the trade-off in plain words for a farmer: the expected gain of waiting, the "
    "storage cost, and the risk that the price falls (use the low end of the range). Never promise "
    "a price; say how uncertain it is. Use the market reports only for background on supply, "
    "demand and price outlook, and cite them as [n]. Say so when they do not concern this market. "
    "If the numbers carry a warning that the prices are old, say first that the advice is as of "
    "that date and that today's price must be checked."
)


def advisory_inputs(
    series: PriceSeries,
    quantity: float,
    storage_cost: float,
    min_price: float | None,
    language: str = "en",
) -> dict:
    """The run's inputs; ``language`` is the page's, the advisory paragraph's."""
    return {
        "series_id": series.pk,
        "quantity": quantity,
        "storage_cost_per_week": storage_cost,
        "min_price": min_price,
        "language": language,
    }


def compute_table(series: PriceSeries, forecast, storage_per_week: float) -> tuple[list, object]:
    weeks_per_period = 52 / 12 if forecast.frequency == "monthly" else 1.0
    opts = options(forecast.last_price, forecast.steps, storage_per_week * weeks_per_period)
    return opts, best_option(opts)


def describe(series, forecast, opts, pick, inputs, today=None) -> str:
    """The table's facts for the model, in English (``run_words``' sentences: the run
    page reads them back in the reader's language)."""
    from django.utils import timezone

    cur, unit = series.currency, series.unit
    qty = inputs.get("quantity") or 1
    today = today or timezone.now().date()
    old = is_old(forecast.data_end, today, forecast.frequency)

    def priced(value) -> str:
        if not unit_word(unit):
            return money(value, cur)
        return run_words.PRICE_PER_UNIT % {"price": money(value, cur), "unit": unit_word(unit)}

    lines = []
    if old:
        lines.append(run_words.WARNING % {"warning": old_data_warning(forecast.data_end, today)})
    lines += [
        run_words.CROP
        % {
            "crop": series.commodity,
            "market": series.market,
            "price": priced(forecast.last_price),
            "date": forecast.data_end,
        },
        run_words.HELD
        % {
            "quantity": f"{qty:g}",
            "unit": unit,
            "cost": priced(inputs.get("storage_cost_per_week") or 0),
        },
    ]
    if inputs.get("min_price"):
        lines.append(run_words.LOWEST % {"price": priced(inputs["min_price"])})
    for o in opts:
        if o.periods:
            when = run_words.SELL_LATER % {"when": _later(forecast, o.periods, old)}
        elif old:
            when = run_words.SELL_ON % {"date": day_words(forecast.data_end)}
        else:
            when = run_words.SELL_NOW
        lines.append(
            "- "
            + run_words.OPTION
            % {
                "when": when,
                "expected": money(o.expected_price, cur),
                "low": money(o.low80, cur),
                "high": money(o.high80, cur),
                "storage": money(o.storage_cost, cur),
                "net": money(o.expected_net, cur),
                "worst": money(o.worst_net80, cur),
            }
        )
    lines.append(run_words.RULE % {"choice": choice_words(forecast, pick, today)})
    return "\n".join(lines)


def choice_words(forecast, pick, today=None) -> str:
    """What the rule chose, in words: "sell now" or "store and sell in the next 2 weeks"."""
    from django.utils import timezone

    old = is_old(forecast.data_end, today or timezone.now().date(), forecast.frequency)
    if pick.periods == 0:
        return run_words.CHOOSE_OLD_NOW if old else run_words.CHOOSE_NOW
    return run_words.CHOOSE_LATER % {"when": _later(forecast, pick.periods, old)}


def _later(forecast, periods: int, old: bool) -> str:
    """ "in the next 2 weeks", or "2 weeks after 03 Mar 2024" when the data is old."""
    frequency = "monthly" if forecast.frequency == "monthly" else "weekly"
    one, many = run_words.LATER[frequency][old]
    return (one if periods == 1 else many) % {"n": periods, "date": day_words(forecast.data_end)}


def forecast_facts(series: PriceSeries, forecast) -> dict:
    """What the "Stored forecast" step shows of the forecast the advice starts from."""
    return {
        "series": str(series),
        "model": forecast.model,
        "data_end": str(forecast.data_end),
        "last_price": forecast.last_price,
        "steps": forecast.steps,
        "backtest": forecast.backtest,
    }


def no_forecast_reason(forecast) -> str:
    if forecast and forecast.message:
        return run_words.NO_FORECAST_BECAUSE % {"reason": forecast.message}
    return run_words.NO_FORECAST


def farmer_question(series: PriceSeries, forecast, facts: str) -> str:
    """The question the model answers: the farmer's choice, then the computed table."""
    return (
        f"Should I sell my {series.commodity} at {series.market} now or store it for a few "
        f"{'months' if forecast.frequency == 'monthly' else 'weeks'}?\n\n" + facts
    )


def bulletin_query(series: PriceSeries) -> str:
    return f"{series.commodity} price outlook supply demand"


def market_reports(query: str, user) -> list:
    """Passages of the market bulletins this user may read. A missing or unreadable
    bulletin corpus gives none (the advice still shows the numbers); a broken index
    is an error, not "no reports"."""
    return retrieve(query, user=user, corpora=[CORPUS_SLUG], k=6)


def advice_table(series: PriceSeries, forecast, opts, pick) -> dict:
    """The numbers the written paragraph may use, the rule's choice among them."""
    return {
        "options": [o.as_dict() for o in opts],
        "choice": pick.periods,
        "choice_words": choice_words(forecast, pick),
        "price_now": forecast.last_price,
        "currency": series.currency,
        "unit": series.unit,
        "data_date": str(forecast.data_end),
        "commodity": series.commodity,
        "market": series.market,
    }


def explain(ctx: Steps, *, question, facts, passages, table, forecast, pick, language):
    """The model's explanation, checked against the table and the bulletins, with the
    paragraph written from the table as its fallback (in the farmer's language)."""
    embed = get_embedder().embed_documents
    english = language.split("-")[0].lower() == "en"
    if english:

        def fallback(bulletins):
            return compose_advisory(table, bulletins, embed=embed)
    else:
        # The bundled model writes English only: asked for this language, the core's
        # language check folds an English draft away and this paragraph stays.
        old = is_old(forecast.data_end, _today(), forecast.frequency)
        with translation.override(language):
            choice = choice_phrase(forecast.frequency, pick.periods, forecast.data_end, old)

        def fallback(bulletins):
            return localized_advisory(
                table, bulletins, language=language, choice=choice, embed=embed
            )

    return answer_with_sources(
        ctx,
        question=question,
        passages=passages,
        instructions=INSTRUCTIONS,
        language="en" if english else language.split("-")[0].lower(),
        facts=(facts,),
        fallback=fallback,
        embed=embed,
    )


def _today():
    from django.utils import timezone

    return timezone.now().date()
