from celery import shared_task

from apps.crops import services


@shared_task(name="crops.fit_forecasts")
def fit_forecasts_task(job_id: int) -> str:
    """Fit and store forecasts for a FitJob (ids in, one service call)."""
    return services.fit_forecasts(job_id).status
