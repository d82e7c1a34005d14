"""The crops runs' step titles, texts and progress lines are stored in English; the
run page shows them in the reader's language."""

from functools import partial
from pathlib import Path

import pytest
from django.utils import translation

from core.runs.step_words import run_error, run_message, step_text, step_title
from tests.core.runs import stored_words
from tests.core.runs.stored_words import english_words

RUNS = Path(__file__).resolve().parents[3] / "apps" / "crops" / "runs.py"
literals = partial(stored_words.literals, RUNS)


def test_the_scan_finds_the_runs_titles_and_progress_lines():
    assert "Stored forecast" in literals("step")
    assert "Loading prices…" in literals("progress")


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_every_step_title_and_progress_line_reads_in_the_readers_language(language):
    with translation.override(language):
        for title in literals("step"):
            assert set(english_words(step_title(title))) <= {"data", "gov"}, title
        for line in [*literals("progress"), "Fitting 12 weekly series…"]:
            assert english_words(run_message(line)) == [], line


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_texts_with_their_values_read_in_the_readers_language(language):
    with translation.override(language):
        shown = step_text("Forecast by 7 from data up to 2026-01-05.")
        assert english_words(shown) == [] and "2026-01-05" in shown
        assert english_words(step_text("No market reports could be found for this crop.")) == []
        stop = "There are no prices to forecast yet: import a price file first."
        assert english_words(run_error(stop)) == []
    with translation.override("en"):
        assert step_title("Stored forecast") == "Stored forecast"


def _sell_or_store_facts(days_behind: int) -> str:
    """``advisory.describe``'s text for an unsaved onion series, as the run stores it."""
    import datetime

    from apps.crops import advisory
    from apps.crops.models import Forecast, PriceSeries

    last = datetime.date(2024, 3, 3)
    series = PriceSeries(commodity="Onion", market="Pune", unit="quintal", currency="INR")
    forecast = Forecast(
        series=series,
        frequency="weekly",
        data_end=last,
        last_price=2000.0,
        steps=[{"mean": 2000.0 + 90 * h, "lo80": 1800.0, "hi80": 2500.0} for h in range(1, 4)],
    )
    inputs = {"quantity": 20, "storage_cost_per_week": 10, "min_price": 1900}
    with translation.override("en"):
        opts, pick = advisory.compute_table(series, forecast, 10)
        return advisory.describe(
            series, forecast, opts, pick, inputs, today=last + datetime.timedelta(days_behind)
        )


NAMES = {"Onion", "Pune", "Mar"}  # the stored crop, market and date (English here)


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
@pytest.mark.parametrize("days_behind", [3, 200])
def test_the_sell_or_store_facts_read_in_the_readers_language(language, days_behind):
    stored = _sell_or_store_facts(days_behind)
    assert stored.startswith("Warning: " if days_behind > 14 else "Crop: Onion; market: Pune")
    assert "80% range" in stored and "The risk-weighted rule says" in stored
    with translation.override(language):
        shown = step_text(stored)
    assert set(english_words(shown)) <= NAMES, shown
    assert shown.count("\n") == stored.count("\n") and "2,000" in shown.replace("2,00,0", "2,0")
    with translation.override("en"):
        assert step_text(stored) == stored


def _refit_and_import_texts() -> list[str]:
    from collections import Counter

    from apps.crops import agmarknet, agmarknet_import, refit, run_words

    with translation.override("en"):
        fetched = agmarknet.Fetched()
        return [
            refit.load_summary([object()] * 3, {1, 2}, {}, 120)[1],
            refit.fit_summary({}, 1.5)[1],
            refit.store_summary(Counter({"ok": 3, "too_short": 1, "stale": 2, "failed": 1}))[1],
            agmarknet_import.fetch_summary(fetched, None)[1],
            agmarknet_import.fetch_summary(fetched, agmarknet.AgmarknetError("x"))[1],
            agmarknet_import.counts_sentence({"new": 4, "already_stored": 2, "suspect": 1}),
            run_words.PRICES_STORED_REFIT % {"count": 40, "series": 3},
        ]


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_refit_and_import_summaries_read_in_the_readers_language(language):
    stored = _refit_and_import_texts()
    assert stored[1] == "0 series fitted in 1.5 s; models chosen: none"
    with translation.override(language):
        for text in stored:
            assert english_words(step_text(text)) == [], text
    with translation.override("en"):
        assert [step_text(t) for t in stored] == stored


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_crops_stop_reasons_read_in_the_readers_language(language):
    from apps.crops import advisory, refit, run_words
    from core.steps import Stopped

    with pytest.raises(Stopped) as nothing:
        refit.series_to_store([], {1, 2})
    reasons = [
        advisory.no_forecast_reason(None),
        str(nothing.value),
        run_words.OUT_OF_MEMORY % {"count": 12, "frequency": "weekly"},
        run_words.NO_KEY,
        run_words.STOPPED_AFTER % {"reason": run_words.NO_KEY, "count": 5},
    ]
    with translation.override(language):
        for reason in reasons:
            shown = run_error(reason)
            assert set(english_words(shown)) <= {"API", "OPENKITCHEN", "AGMARKNET", "KEY"}, shown
    with translation.override("en"):
        assert run_error(reasons[0]) == reasons[0]
