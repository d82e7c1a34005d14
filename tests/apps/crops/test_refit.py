"""Refits are runs of kind crops.refit: their steps are on the run page, their
forecasts point at the run, and they fail with a sentence."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.crops.importing import import_stream
from apps.crops.models import Forecast, PriceSeries
from apps.crops.services import refit_now, start_refit
from core.runs import Run
from tests.apps.crops.files import as_bytes, mandi_csv

pytestmark = pytest.mark.postgres


def _recent_prices(markets=("NORTH", "SOUTH", "EAST"), days=400):
    start = timezone.now().date() - timedelta(days=days + 2)  # ends two days ago
    import_stream(as_bytes(mandi_csv(markets=markets, days=days, start=start)), "onion.csv")
    return list(PriceSeries.objects.order_by("market"))


def test_a_refit_run_records_its_steps_and_stores_forecasts(db):
    _recent_prices()
    PriceSeries.objects.create(commodity="Onion", market="Empty", unit="quintal")  # no prices
    run = refit_now()
    assert run.kind == "crops.refit" and run.status == Run.Status.SUCCEEDED, run.error
    assert run.message == "3 series forecast." and run.progress == 1.0
    assert run.result["series_done"] == 3 and run.result["seconds"] >= 0
    assert run.result["statuses"] == {"ok": 3}
    steps = list(run.steps.order_by("ordinal"))
    assert [(s.kind, s.title, s.status) for s in steps] == [
        ("computation", "Load prices", "succeeded"),
        ("computation", "Fit forecasts", "succeeded"),
        ("computation", "Store forecasts", "succeeded"),
    ]
    load, fit, store = (s.data for s in steps)
    assert load["series_with_prices"] == 3 and load["series_to_store"] == 3
    assert load["price_points"] > 900 and load["weekly_series"] == 3
    assert fit["series"] == 3 and sum(fit["models_chosen"].values()) == 3
    assert fit["seconds"] >= 0 and "series fitted in" in steps[1].text
    assert store == {"stored": 3, "ok": 3}
    assert "3 forecasts stored: 3 with a forecast" in steps[2].text
    assert set(Forecast.objects.values_list("run", flat=True)) == {run.pk}
    assert Forecast.objects.filter(status="ok").exclude(steps=[]).count() == 3


def test_a_refit_of_named_series_stores_only_theirs_and_a_later_one_takes_them_over(
    db, django_capture_on_commit_callbacks
):
    north, south, _east = _recent_prices()
    with django_capture_on_commit_callbacks(execute=True):  # the queued task, run eagerly
        first = start_refit(series_ids=[south.pk])
    first.refresh_from_db()
    assert first.status == Run.Status.SUCCEEDED and first.message == "1 series forecast."
    assert first.inputs == {"series_ids": [south.pk], "title": "Refit the forecasts of 1 series"}
    assert first.steps.get(title="Load prices").data["series_with_prices"] == 3  # one panel
    assert list(Forecast.objects.values_list("series", "run")) == [(south.pk, first.pk)]
    second = refit_now(series_ids=[north.pk, south.pk])
    assert dict(Forecast.objects.values_list("series", "run")) == {
        north.pk: second.pk,
        south.pk: second.pk,
    }


def test_a_refit_with_nothing_to_forecast_fails_with_a_sentence(db):
    run = refit_now()
    assert run.status == Run.Status.FAILED
    assert run.error == "There are no prices to forecast yet: import a price file first."
    step = run.steps.get()
    assert step.title == "Load prices" and step.status == "failed"
    _recent_prices(markets=("NORTH",), days=60)
    gone = refit_now(series_ids=[999_999])
    assert gone.status == Run.Status.FAILED and "None of the 1 series" in gone.error


def test_an_unexpected_error_fails_the_refit_with_the_engines_sentence_and_is_logged(
    db, monkeypatch, caplog
):
    _recent_prices(markets=("NORTH",), days=60)

    def broken(*args, **kwargs):
        raise ValueError("a bug in the forecaster")

    monkeypatch.setattr("apps.crops.refit.forecast_latest", broken)
    with caplog.at_level(logging.ERROR, logger="core.runs.engine"):
        run = refit_now()
    assert run.status == Run.Status.FAILED and "(ValueError)" in run.error
    assert run.steps.get(title="Fit forecasts").status == "failed"
    assert "a bug in the forecaster" in caplog.text  # the traceback is in the log
    assert not Forecast.objects.exists()


def test_a_refit_started_while_the_broker_is_down_stays_queued_to_be_resent(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    from core.runs.services import QUEUE_DOWN

    monkeypatch.setattr("core.celery.try_publish", lambda *args, **kwargs: False)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_refit()
    run.refresh_from_db()
    assert run.status == Run.Status.QUEUED and run.message == QUEUE_DOWN


def test_an_old_fit_job_message_still_drains_as_a_refit_of_every_series(db, caplog):
    import apps.crops.tasks  # noqa: F401  (a worker finds it by autodiscovery)
    from core.celery import app

    _recent_prices(markets=("NORTH", "SOUTH"))
    task = app.tasks["crops.fit_forecasts"]  # by the name the old messages carry
    with caplog.at_level(logging.WARNING, logger="apps.crops.tasks"):
        status = task.apply(args=[41]).get()  # a message naming fit job 41
    run = Run.objects.get(kind="crops.refit")
    assert status == "succeeded" and run.status == status and run.inputs["series_ids"] == []
    assert Forecast.objects.filter(run=run).count() == 2
    assert "old message (fit job 41)" in caplog.text


def test_the_commands_refit_inline_as_runs_and_link_the_imports(db, tmp_path):
    import io

    from django.core.management import call_command

    from apps.crops.models import ImportBatch

    start = timezone.now().date() - timedelta(days=402)
    (tmp_path / "onion.csv").write_text(mandi_csv(days=400, start=start))
    out = io.StringIO()
    call_command("crops_import", str(tmp_path), "--fit", stdout=out)
    run = Run.objects.get(kind="crops.refit")
    assert f"Forecasts: succeeded, 3 series forecast. ({run.result['seconds']} s)" in out.getvalue()
    assert ImportBatch.objects.get().refit == run
    out = io.StringIO()
    call_command("crops_fit", stdout=out)
    again = Run.objects.filter(kind="crops.refit").latest("created_at")
    assert out.getvalue().startswith(f"Refit {again.pk}: succeeded. 3 series forecast. (")
    assert set(Forecast.objects.values_list("run", flat=True)) == {again.pk}
