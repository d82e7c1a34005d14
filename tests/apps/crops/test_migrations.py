"""Old fit jobs stay readable: migrating turns each into a finished crops.refit run
and points its forecasts at it, before FitJob is dropped."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("crops", "0002_forecast_run")]  # Forecast.run added, FitJob still there


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_fit_jobs_become_finished_refit_runs_and_forecasts_keep_their_link():
    old = migrate(BEFORE)
    FitJob = old.get_model("crops", "FitJob")
    series = old.get_model("crops", "PriceSeries").objects.create(
        commodity="Onion", market="Pune", price_days=300
    )
    when = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)
    done = FitJob.objects.create(
        status="succeeded",
        series_ids=[series.pk],
        series_done=1,
        seconds=12.5,
        message="1 series forecast.",
        finished_at=when,
    )
    failed = FitJob.objects.create(
        status="failed", message="The forecasts could not be computed: boom", finished_at=when
    )
    queued = FitJob.objects.create()
    FitJob.objects.filter(pk=done.pk).update(created_at=when - timedelta(minutes=1))
    old.get_model("crops", "Forecast").objects.create(series=series, status="ok", job=done)

    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("crops")
    migrate(leaf)

    from apps.crops.models import Forecast
    from core.runs import Run

    runs = {r.inputs["fit_job"]: r for r in Run.objects.filter(kind="crops.refit")}
    assert set(runs) == {done.pk, failed.pk, queued.pk}
    ok = runs[done.pk]
    assert ok.status == "succeeded" and ok.message == "1 series forecast." and not ok.error
    assert ok.inputs["series_ids"] == [series.pk] and ok.result["series_done"] == 1
    assert ok.created_at == when - timedelta(minutes=1) and ok.finished_at == when
    assert ok.duration_ms == 12_500 and ok.user is None
    assert Forecast.objects.get().run == ok
    bad = runs[failed.pk]
    assert bad.status == "failed" and bad.error == "The forecasts could not be computed: boom"
    # a job that never finished is not left queued forever (nothing would resend it)
    assert runs[queued.pk].status == "failed" and "upgraded" in runs[queued.pk].error
    assert all(r.is_finished for r in runs.values())
