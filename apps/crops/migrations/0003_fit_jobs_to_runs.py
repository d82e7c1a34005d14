"""Backfill: each fit job becomes a finished run of kind crops.refit and each
forecast points at the run its job became (imports never named their fit job, so
their ``refit`` stays empty). Data only, the fields were added in 0002: PostgreSQL
then never alters a table with pending trigger events."""

from datetime import timedelta

from django.db import migrations

UNFINISHED = (
    "This refit had not finished when the site was upgraded. If its message was still "
    "queued, a refit of every series was started in its place."
)


def fit_jobs_to_runs(apps, schema_editor):
    """Each fit job becomes a finished run of kind crops.refit (its history stays
    readable on the imports page and the run page once FitJob is dropped), and each
    forecast points at the run its job became."""
    FitJob = apps.get_model("crops", "FitJob")
    Forecast = apps.get_model("crops", "Forecast")
    Run = apps.get_model("runs", "Run")
    for job in FitJob.objects.order_by("pk").iterator():
        ids = sorted(job.series_ids or [])
        finished = job.status in ("succeeded", "failed")
        status = job.status if finished else "failed"
        ended = job.finished_at or job.created_at
        run = Run.objects.create(
            kind="crops.refit",
            user=None,
            inputs={
                "series_ids": ids,
                "title": f"Refit the forecasts of {len(ids)} series"
                if ids
                else "Refit every forecast",
                "fit_job": job.pk,
            },
            status=status,
            progress=1.0 if status == "succeeded" else 0.0,
            message=(job.message if status == "succeeded" else "")[:500],
            error="" if status == "succeeded" else (job.message if finished else UNFINISHED),
            result={"series_done": job.series_done, "seconds": job.seconds},
        )
        Run.objects.filter(pk=run.pk).update(
            created_at=job.created_at,
            started_at=ended - timedelta(seconds=job.seconds or 0),
            finished_at=ended,
            updated_at=ended,
        )
        Forecast.objects.filter(job_id=job.pk).update(run_id=run.pk)


def runs_to_fit_jobs(apps, schema_editor):
    """Backwards: forget the links (the fit jobs themselves were never changed)."""
    Forecast = apps.get_model("crops", "Forecast")
    Run = apps.get_model("runs", "Run")
    Forecast.objects.update(run=None)
    Run.objects.filter(kind="crops.refit", inputs__has_key="fit_job").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("crops", "0002_forecast_run"),
        ("runs", "0001_initial"),
    ]

    operations = [migrations.RunPython(fit_jobs_to_runs, runs_to_fit_jobs)]
